"""Citations in the product: no internal references, and every document key resolves (issue 14).

The product (code, docstrings, comments, data, docs, README, tests, examples, benchmarks, tools)
cites an official document by its key in the sources registry, the ``sources:`` mapping of
``data/factors.yaml``, followed by the table: ``award-form-2015 附表2``,
``non-production-form-2025 表九之一 註5``. A user who follows a citation must land on a document
entry (issuer, title, date), never on a file that exists only beside this repository. So:

* no tracked text file names the folder beside the checkout, the project's private digest, or a
  document by its private number (the patterns of :data:`INTERNAL`). Only ``tests/_documents.py``,
  the one place that knows where the documents' texts are, and this file are exempt;
* every token shaped like a registry key (:data:`KEY`: a known issuer or document prefix, a hyphen
  and more) is a key of the registry (``sources:`` of ``data/factors.yaml``, or of
  ``data/measure_codes.yaml`` should it hold one), or an id the factor data defines for something
  that is not a document: a factor set's ``id`` (``tw-2024``), an oil-equivalent basis
  (``tw-final-860``) or a saving-target rule (``tw-114-117``).

The files are those ``git ls-files`` lists under the product's folders (without the generated
``docs/_build`` and ``docs/generated``); where git or the repository is not available, the folders
are walked instead. A list that came out empty would make every check pass, so it is checked too.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

SCOPE = ("src", "data", "docs", "README.md", "tests", "examples", "benchmarks", "tools", "pyproject.toml")
"""What the product is: folders and files relative to the checkout's root."""

GENERATED = ("docs/_build/", "docs/generated/")
"""Generated at build time from the files above: not edited, not checked."""

_NOT_SOURCES = {"__pycache__", ".hypothesis", ".pytest_cache", ".mypy_cache", ".ruff_cache", "jupyter_execute"}
"""Folders a walk skips: caches and build output that git ignores."""

EXEMPT_FROM_INTERNAL = {"tests/_documents.py", "tests/test_citations.py"}

INTERNAL = re.compile(r"shared/|domain\.md|seed[ _-]?\d{3}", re.IGNORECASE)
"""An internal reference: the folder beside the checkout, the private digest, a private document number."""

_URL = re.compile(r"https?://\S+")
KEY = re.compile(
    r"\b(?:government-inventory(?:-[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"|(?:award-form|production-declaration|non-production-form|moenv|moeaea|moea|ipcc|tw|iso|ashrae)"
    r"-[A-Za-z0-9-]*[A-Za-z0-9])\b"
)
"""A token shaped like a registry key. ``government-inventory`` is a whole key; the others take a suffix."""


# -- the files ------------------------------------------------------------------------------------


def _in_scope(name: str) -> bool:
    return not name.startswith(GENERATED)


def _git_files(root: Path) -> list[str] | None:
    """The tracked files of the scope, or None where git or the repository is not available."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        top = subprocess.run(
            [git, "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, check=True, timeout=60
        )
        if Path(top.stdout.decode("utf-8").strip()).resolve() != root.resolve():
            return None  # the folder is inside some other repository: its index says nothing of ours
        out = subprocess.run(
            [git, "ls-files", "-z", "--", *SCOPE], cwd=root, capture_output=True, check=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return None
    names = [n for n in out.stdout.decode("utf-8").split("\0") if n and _in_scope(n) and (root / n).is_file()]
    return sorted(names) or None


def _walked_files(root: Path) -> list[str]:
    """The files of the scope found by walking the folders (no git)."""
    names: list[str] = []
    for entry in SCOPE:
        path = root / entry
        if path.is_file():
            names.append(entry)
        elif path.is_dir():
            for f in path.rglob("*"):
                parts = f.relative_to(root).parts
                if any(p in _NOT_SOURCES or p.endswith(".egg-info") for p in parts) or not f.is_file():
                    continue
                name = f.relative_to(root).as_posix()
                if _in_scope(name):
                    names.append(name)
    return sorted(names)


def _text(path: Path) -> str | None:
    """The file's text, or None for a binary file (a NUL byte, or not UTF-8)."""
    data = path.read_bytes()
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


FILES = _git_files(ROOT) or _walked_files(ROOT)
TEXTS: dict[str, str] = {n: t for n in FILES if (t := _text(ROOT / n)) is not None}


# -- the checks, as functions of (name, text) pairs ---------------------------------------------


def internal_references(texts: Iterable[tuple[str, str]]) -> list[str]:
    """``file:line: match | the line`` for every internal reference outside the exempt files."""
    found = []
    for name, text in texts:
        if name in EXEMPT_FROM_INTERNAL:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            for m in INTERNAL.finditer(line):
                found.append(f"{name}:{number}: {m.group(0)!r} | {line.strip()[:160]}")
    return found


def unknown_keys(texts: Iterable[tuple[str, str]], known: set[str]) -> list[str]:
    """``file:line: token`` for every key-shaped token that is not in *known*."""
    found = []
    for name, text in texts:
        for number, line in enumerate(text.splitlines(), start=1):
            for m in KEY.finditer(_URL.sub("", line)):  # a web address is not a citation key
                if m.group(0) not in known:
                    found.append(f"{name}:{number}: {m.group(0)}")
    return found


def _registry_keys() -> set[str]:
    """Keys of the ``sources:`` mappings of the shipped data files."""
    keys: set[str] = set()
    for file in ("factors.yaml", "measure_codes.yaml"):
        doc = yaml.safe_load((ROOT / "data" / file).read_text(encoding="utf-8"))
        sources = doc.get("sources") if isinstance(doc, dict) else None
        if isinstance(sources, dict):
            keys.update(str(k) for k in sources)
    return keys


def _defined_ids() -> set[str]:
    """Ids the data files define for things that are not documents (sets, bases, target rules, fee rules)."""
    doc = yaml.safe_load((ROOT / "data" / "factors.yaml").read_text(encoding="utf-8"))
    ids = {str(s["id"]) for s in doc.get("factor_sets", [])}
    ids |= {str(k) for k in doc.get("oil_equivalent", {}) or {}}
    ids |= {str(r["id"]) for r in (doc.get("rules", {}) or {}).get("saving_targets", [])}
    fee_rules = yaml.safe_load((ROOT / "data" / "carbon_fee.yaml").read_text(encoding="utf-8"))
    ids |= {str(r["id"]) for r in fee_rules.get("rule_sets", [])}  # the carbon-fee rule sets
    return ids


def _documents_module() -> Any:
    name = "_documents"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# -- the product ----------------------------------------------------------------------------------


def test_the_files_checked_are_the_product() -> None:
    # an empty list would let every check below pass: a test that cannot fail
    assert FILES, "no file to check: neither git ls-files nor the walk found the product's files"
    assert "src/carbonaudit/units.py" in TEXTS and "README.md" in TEXTS
    assert "data/factors.yaml" in TEXTS and "docs/index.md" in TEXTS and "tests/test_citations.py" in TEXTS
    assert not [n for n in FILES if n.startswith(GENERATED)]


def test_the_walk_finds_every_tracked_file() -> None:
    # the fallback without git sees at least what git tracks (it may see untracked files too)
    tracked = _git_files(ROOT)
    if tracked is None:
        pytest.skip("git or the repository is not available: the walk is what the checks use")
    walked = set(_walked_files(ROOT))
    assert set(tracked) <= walked, sorted(set(tracked) - walked)[:20]


def test_no_internal_references() -> None:
    found = internal_references(TEXTS.items())
    assert not found, f"{len(found)} internal references (cite the registry key instead):\n" + "\n".join(found)


# Keys that do not exist yet, on purpose: the maintaining page's example of next year's entries.
EXAMPLE_KEYS = {  # written so as not to be keys here
    "docs/maintaining-factors.md": {f"moenv{chr(45)}hv-2026", f"tw{chr(45)}2026"},
    "docs/_ext/carbonaudit_docgen.py": {f"tw{chr(45)}carbon-fee-2027"},  # the rules page's example of a new rule set
}


def test_every_citation_key_resolves() -> None:
    known = _registry_keys() | _defined_ids()
    found = [
        f
        for f in unknown_keys(TEXTS.items(), known)
        if f.split(": ")[-1] not in EXAMPLE_KEYS.get(f.split(":")[0], set())
    ]
    assert not found, f"{len(found)} keys not in the sources registry:\n" + "\n".join(found)
    for name, keys in EXAMPLE_KEYS.items():  # each example key is still in its page, and still not a key
        assert all(k in TEXTS[name] for k in keys) and not keys & known, name


def test_the_documents_texts_are_known_by_registry_key() -> None:
    documents = _documents_module()
    assert set(documents.FILES) == {
        "government-inventory",
        "award-form-2015",
        "production-declaration-2018",
        "non-production-form-2025",
    }
    assert set(documents.FILES) <= _registry_keys(), sorted(set(documents.FILES) - _registry_keys())


# -- the checks themselves can fail -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "matches"),
    [
        ("see ../shared/domain.md §9", ["shared/", "domain.md"]),
        ("(shared/seeds not beside the checkout)", ["shared/"]),
        ("the facts of DOMAIN.md", ["DOMAIN.md"]),
        ("seed 001 附表2", ["seed 001"]),
        ("Seed 003 表五之三", ["Seed 003"]),
        ("the seed-002 set", ["seed-002"]),
        ("source: seed003-t5-3", ["seed003"]),
        ("def test_rates_seed_002():", ["seed_002"]),
        ("SEED_000", ["SEED_000"]),
    ],
)
def test_an_internal_reference_is_found(line: str, matches: list[str]) -> None:
    assert internal_references([("src/carbonaudit/x.py", "first\n" + line)]) == [
        f"src/carbonaudit/x.py:2: {m!r} | {line}" for m in matches
    ]


@pytest.mark.parametrize(
    "line",
    [
        "rng = np.random.default_rng(seed)",
        "uncertainty(inv, activity=0.05, seed=3)",
        "The seeds are the shipped examples",
        "a seed 12 draws",
        "a shared VM whose memory bandwidth drifts",
        "award-form-2015 附表2",
    ],
)
def test_what_is_not_an_internal_reference(line: str) -> None:
    assert internal_references([("src/carbonaudit/x.py", line)]) == []


def test_the_exempt_files_are_exempt_and_only_they() -> None:
    line = "Path(...) / 'shared/seeds'"
    assert internal_references([("tests/_documents.py", line), ("tests/test_citations.py", line)]) == []
    assert len(internal_references([("tests/test_factors.py", line)])) == 1


def test_keys_are_found_and_checked() -> None:
    text = (
        "award-form-2015 附表2; production-declaration-2018 表十之三, non-production-form-2025 表九之一 註5\n"
        "government-inventory 叁 and iso-80000-5; moenv" + "-2099-ef and tw-2024\n"
        "ashrae-34, ipcc-ar5; the words seed, tw and iso alone are no keys"
    )
    tokens = [m.group(0) for m in KEY.finditer(text)]
    assert tokens == [
        "award-form-2015",
        "production-declaration-2018",
        "non-production-form-2025",
        "government-inventory",
        "iso-80000-5",
        "moenv" + "-2099-ef",
        "tw-2024",
        "ashrae-34",
        "ipcc-ar5",
    ]
    known = set(tokens) - {"moenv" + "-2099-ef", "tw-2024"}
    assert unknown_keys([("docs/x.md", text)], known) == ["docs/x.md:2: moenv" + "-2099-ef", "docs/x.md:2: tw-2024"]
    assert unknown_keys([("docs/x.md", text)], known | {"moenv" + "-2099-ef", "tw-2024"}) == []


def test_the_exempt_ids_are_the_data_files_own() -> None:
    ids = _defined_ids()
    doc = yaml.safe_load((ROOT / "data" / "factors.yaml").read_text(encoding="utf-8"))
    assert {s["id"] for s in doc["factor_sets"]} <= ids
    assert "tw-2024" in ids and "tw-final-860" in ids and "tw-114-117" in ids
    # a registry key is not exempted by being an id: ids and document keys are kept apart
    assert not ids & {"award-form-2015", "production-declaration-2018", "non-production-form-2025"}


def test_a_document_text_is_looked_up_in_the_named_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    documents = _documents_module()
    monkeypatch.setenv("CARBONAUDIT_DOCUMENTS", str(tmp_path))
    assert documents.path("award-form-2015") == tmp_path / documents.FILES["award-form-2015"]
    (tmp_path / documents.FILES["award-form-2015"]).write_text("附表2", encoding="utf-8")
    assert documents.text("award-form-2015") == "附表2"
    monkeypatch.delenv("CARBONAUDIT_DOCUMENTS")
    assert documents.path("award-form-2015").name == documents.FILES["award-form-2015"]
    assert documents.path("award-form-2015").parent != tmp_path
    with pytest.raises(KeyError, match="no text is known for the document 'no-such-document'"):
        documents.path("no-such-document")


def test_a_missing_document_text_fails_with_a_message_that_names_no_internal_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    documents = _documents_module()
    monkeypatch.setenv("CARBONAUDIT_DOCUMENTS", str(tmp_path))  # an empty folder
    with pytest.raises(pytest.fail.Exception) as info:
        documents.text("non-production-form-2025")
    message = str(info.value)
    assert "the official documents' texts" in message and "non-production-form-2025" in message
    assert not INTERNAL.search(message)
    monkeypatch.delenv("CARBONAUDIT_REQUIRE_SEEDS", raising=False)
    skipped = documents.needs("non-production-form-2025")
    assert skipped.args == (True,)  # absent and not required: the test skips
    assert "the official documents' texts" in skipped.kwargs["reason"]
    assert not INTERNAL.search(skipped.kwargs["reason"])
    monkeypatch.setenv("CARBONAUDIT_REQUIRE_SEEDS", "1")
    assert documents.needs("non-production-form-2025").args == (False,)  # required: the test runs and fails
