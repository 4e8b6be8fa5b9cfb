"""Fuzzing every file reader (issue 12's harness): mutated and generated files give a result or a
typed error naming the file, never another exception.

The readers: :meth:`Declaration.from_yaml` (paths, text and bytes; JSON files too, JSON being
YAML), :meth:`Declaration.from_json`, :meth:`ProductionDeclaration.from_yaml`,
:func:`factors.from_file`, :func:`inventory.read_orgs`, :func:`inventory.read_records`, and the
command line's ``validate``. The seeds are the shipped examples (``examples/*``) and a trimmed copy
of ``data/factors.yaml`` (one factor set: it validates in a quarter of the time); they are mutated
by byte flips, line deletions, duplications and insertions, values replaced by hostile ones (NaN,
-1, 1e400, "", true, huge integers, Chinese text, tabs, aliases, tags ...), subtrees of the parsed
document replaced by generated values, and also replaced by random YAML and random bytes.

The only accepted outcomes: a result, a pydantic ``ValidationError`` (field paths), or a
:class:`~carbonaudit.errors.CarbonAuditError` whose message names the file (or ``<text>``) and,
for a problem the YAML parser locates, its line and column. Each test's number of examples is a
fraction of the hypothesis profile's (``HYPOTHESIS_PROFILE=ci``: 300), sized so that each test
takes a few seconds; the counts are in :data:`BUDGET`.
"""

from __future__ import annotations

import copy
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from carbonaudit import factors
from carbonaudit.cli import main
from carbonaudit.declaration import Declaration, ProductionDeclaration
from carbonaudit.errors import CarbonAuditError
from carbonaudit.inventory import read_orgs, read_records

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# hostile values, as they would be typed into a YAML value or a CSV cell
NASTY = [
    "NaN",
    ".nan",
    "nan",
    "-1",
    "-0",
    "0",
    "1e400",
    "-1e400",
    ".inf",
    "-.inf",
    "inf",
    "1e308",
    "",
    '""',
    "''",
    "true",
    "false",
    "null",
    "~",
    "9" * 40,
    "9" * 5000,
    "-9223372036854775809",
    "中文字",
    "公秉",
    "度",
    "\t",
    "\t1",
    " ",
    "[]",
    "{}",
    "[1, 2]",
    "{value: 1}",
    "12,000",
    "'12,000'",
    '"12,000"',
    "2024-13-45",
    "2024-01-31",
    "106.10",
    "0x1F",
    "0o17",
    "1_000",
    "1:30",
    "!!binary aGk=",
    "!!set {a}",
    "!!int abc",
    "!!float x",
    "!!bool maybe",
    "!!python/object:os.system x",
    "*a",
    "&a 1",
    "<<: {a: 1}",
    '"\\ud800"',
    '"\\0"',
    "ton",
    "short_ton",
    "kvar*h",
    "kVA*h",
    "delta_degC",
    "degF",
    "m**3/h",
    "kg",
    "kWh",
    "L",
    "'",
    '"',
    "#",
    "- x",
    "? x",
    "%YAML 1.1",
    "---",
    "...",
]
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")
_YAML_VALUE = re.compile(rb"^(\s*(?:-\s+)?[^\s:#][^:#]*:[ \t]+)(\S.*)$")


def _budget(fraction: float) -> int:
    """A fraction of the profile's max_examples (ci: 300, dev: 50), at least 10."""
    return max(10, int(settings.default.max_examples * fraction))


BUDGET = {  # examples per test; in ci (300) each test takes 1-4 s on one core
    "declaration": _budget(0.2),  # ~30 ms per declaration read
    "declaration_tree": _budget(0.1),
    "declaration_json": _budget(0.1),
    "production": _budget(0.3),
    "factors": _budget(0.15),  # ~25 ms per read of the trimmed file
    "factors_tree": _budget(0.08),
    "orgs": _budget(0.3),
    "records": _budget(0.5),
    "random_yaml": _budget(0.3),
    "random_bytes": _budget(0.3),
    "cli": _budget(0.1),
}


def _fuzz(name: str) -> Any:
    return settings(
        max_examples=BUDGET[name],
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _trimmed_factors() -> bytes:
    """``data/factors.yaml`` with one factor set and without the rules and inventory tables."""
    doc = yaml.safe_load((ROOT / "data" / "factors.yaml").read_text(encoding="utf-8"))
    doc["factor_sets"] = [s for s in doc["factor_sets"] if s["id"] == doc["default_set"]]
    doc.pop("rules", None)
    doc.pop("inventory", None)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8")


SEEDS: dict[str, list[bytes]] = {
    "declaration": [
        (EXAMPLES / "office_declaration.yaml").read_bytes(),
        (EXAMPLES / "broken_declaration.yaml").read_bytes(),
    ],
    "production": [(EXAMPLES / "production_declaration.yaml").read_bytes()],
    "factors": [_trimmed_factors()],
    "orgs": [(EXAMPLES / "inventory_orgs.yaml").read_bytes()],
    "records": [(EXAMPLES / "inventory_records.csv").read_bytes()],
}
DOCS = {kind: yaml.safe_load(seeds[0]) for kind, seeds in SEEDS.items() if kind != "records"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# -- mutations ------------------------------------------------------------------------------------


def _replace_value(draw: Any, data: bytes, csv: bool) -> bytes:
    lines = data.split(b"\n")
    nasty = draw(st.sampled_from(NASTY)).encode("utf-8")
    if csv:
        rows = [i for i, line in enumerate(lines) if line.strip()]
        i = draw(st.sampled_from(rows))
        cells = lines[i].split(b",")
        j = draw(st.integers(0, len(cells) - 1))
        cells[j] = nasty
        lines[i] = b",".join(cells)
        return b"\n".join(lines)
    candidates = [i for i, line in enumerate(lines) if _YAML_VALUE.match(line) or _NUMBER.search(line)]
    i = draw(st.sampled_from(candidates))
    line = lines[i]
    numbers = list(_NUMBER.finditer(line))
    match = _YAML_VALUE.match(line)
    if numbers and (match is None or draw(st.booleans())):
        m = draw(st.sampled_from(numbers))
        lines[i] = line[: m.start()] + nasty + line[m.end() :]
    else:
        assert match is not None
        lines[i] = match.group(1) + nasty
    return b"\n".join(lines)


@st.composite
def mutated(draw: Any, kind: str) -> bytes:
    """A seed file of *kind* with one to four mutations."""
    data = draw(st.sampled_from(SEEDS[kind]))
    csv = kind == "records"
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "delete", "duplicate", "insert", "replace", "replace", "replace"]))
        lines = data.split(b"\n")
        if op == "flip" and data:
            i = draw(st.integers(0, len(data) - 1))
            data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1 :]
        elif op == "delete" and len(lines) > 1:
            i = draw(st.integers(0, len(lines) - 1))
            data = b"\n".join(lines[:i] + lines[i + 1 :])
        elif op == "duplicate":
            i = draw(st.integers(0, len(lines) - 1))
            data = b"\n".join(lines[: i + 1] + lines[i:])
        elif op == "insert":
            i = draw(st.integers(0, len(lines)))
            new = draw(st.sampled_from(NASTY)).encode("utf-8")
            data = b"\n".join([*lines[:i], new, *lines[i:]])
        else:
            data = _replace_value(draw, data, csv)
    return data


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a parsed document (keys and list indices)."""
    out = [prefix]
    stack = [(doc, prefix)]
    while stack:
        node, here = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            out.append((*here, key))
            stack.append((value, (*here, key)))
    return out


PATHS = {kind: _paths(doc)[1:] for kind, doc in DOCS.items()}

scalars = st.one_of(
    st.sampled_from(
        [
            float("nan"),
            float("inf"),
            -1,
            -1.5,
            0,
            10**40,
            10**400,
            1e308,
            "",
            True,
            False,
            None,
            "中文字",
            "\t",
            "12,000",
            "ton",
            "kvar*h",
            "delta_degC",
            "106.10",
            "2024-01-31",
        ]
    ),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def tree_mutated(draw: Any, kind: str) -> bytes:
    """The parsed seed of *kind* with a value replaced (or a key deleted), dumped as YAML."""
    doc = copy.deepcopy(DOCS[kind])
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS[kind]))
        parent = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(values)
        except (KeyError, IndexError, TypeError):  # an earlier mutation changed the path
            continue
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8")


# -- the outcome check ----------------------------------------------------------------------------


def _outcome(read: Callable[[], Any], origin: str) -> Any:
    """Call a reader: a result, a ValidationError, or a CarbonAuditError naming *origin*."""
    try:
        return read()
    except ValidationError:  # pydantic: every problem with its field path
        return None
    except CarbonAuditError as exc:
        message = str(exc)
        assert origin in message, f"the message does not name {origin}: {message}"
        if "not valid YAML" in message or "YAML alias" in message:
            assert re.search(r"line \d+, column \d+", message), f"no line and column: {message}"
        return None


def _file(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _declaration_paths(folder: Path, data: bytes) -> None:
    path = _file(folder, "declaration.yaml", data)
    _outcome(lambda: Declaration.from_yaml(path), str(path))
    _outcome(lambda: Declaration.from_yaml(data), "<text>")


# -- the tests ------------------------------------------------------------------------------------


@_fuzz("declaration")
@given(data=mutated("declaration"))
def test_mutated_declarations(folder: Path, data: bytes) -> None:
    _declaration_paths(folder, data)


@_fuzz("declaration_tree")
@given(data=tree_mutated("declaration"))
def test_declarations_with_generated_values(folder: Path, data: bytes) -> None:
    _declaration_paths(folder, data)


@_fuzz("declaration_json")
@given(data=tree_mutated("declaration"), flip=st.one_of(st.none(), st.integers(0, 10**6)), byte=st.integers(0, 255))
def test_json_declarations(folder: Path, data: bytes, flip: int | None, byte: int) -> None:
    text = json.dumps(yaml.safe_load(data), ensure_ascii=False)  # NaN and Infinity as Python writes them
    raw = text.encode("utf-8")
    if flip is not None:
        i = flip % len(raw)
        raw = raw[:i] + bytes([byte]) + raw[i + 1 :]
    path = _file(folder, "declaration.json", raw)
    _outcome(lambda: Declaration.from_yaml(path), str(path))  # the command line reads JSON this way
    _outcome(lambda: Declaration.from_json(raw), "<text>")


@_fuzz("production")
@given(data=st.one_of(mutated("production"), tree_mutated("production")))
def test_production_declarations(folder: Path, data: bytes) -> None:
    path = _file(folder, "production.yaml", data)
    _outcome(lambda: ProductionDeclaration.from_yaml(path), str(path))
    _outcome(lambda: ProductionDeclaration.from_yaml(data), "<text>")


@_fuzz("factors")
@given(data=mutated("factors"))
def test_mutated_factor_files(folder: Path, data: bytes) -> None:
    path = _file(folder, "factors.yaml", data)
    _outcome(lambda: factors.from_file(path), str(path))


@_fuzz("factors_tree")
@given(data=tree_mutated("factors"))
def test_factor_files_with_generated_values(folder: Path, data: bytes) -> None:
    path = _file(folder, "factors.yaml", data)
    _outcome(lambda: factors.from_file(path), str(path))


@_fuzz("orgs")
@given(data=st.one_of(mutated("orgs"), tree_mutated("orgs")))
def test_organisation_files(folder: Path, data: bytes) -> None:
    path = _file(folder, "orgs.yaml", data)
    _outcome(lambda: read_orgs(path), str(path))


@_fuzz("records")
@given(data=mutated("records"))
def test_records_files(folder: Path, data: bytes) -> None:
    path = _file(folder, "records.csv", data)
    _outcome(lambda: read_records(path), str(path))


def _every_yaml_reader(folder: Path, data: bytes) -> None:
    for name, read in (
        ("declaration.yaml", Declaration.from_yaml),
        ("production.yaml", ProductionDeclaration.from_yaml),
        ("factors.yaml", factors.from_file),
        ("orgs.yaml", read_orgs),
    ):
        path = _file(folder, name, data)
        _outcome(lambda read=read, path=path: read(path), str(path))
    _outcome(lambda: Declaration.from_yaml(data + b"\n"), "<text>")


@_fuzz("random_yaml")
@given(doc=values, top=st.sampled_from(["declaration", "production", "factors", "orgs"]), key=st.text(max_size=12))
def test_random_yaml_documents(folder: Path, doc: Any, top: str, key: str) -> None:
    # a random value alone, and under a real top-level key of each file
    _every_yaml_reader(folder, yaml.safe_dump(doc, allow_unicode=True).encode("utf-8"))
    real = next(iter(DOCS[top]))
    _every_yaml_reader(folder, yaml.safe_dump({real: doc, key: doc}, allow_unicode=True).encode("utf-8"))


@_fuzz("random_bytes")
@given(data=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda t: t.encode("utf-8"))))
def test_random_bytes(folder: Path, data: bytes) -> None:
    _every_yaml_reader(folder, data)
    path = _file(folder, "records.csv", data)
    _outcome(lambda: read_records(path), str(path))


@_fuzz("cli")
@given(data=st.one_of(mutated("declaration"), tree_mutated("declaration"), mutated("production")))
def test_command_line_validate(folder: Path, data: bytes) -> None:
    # exit 0/1 (findings), 2 (a typed error, reported): never 3, the "internal error" of a bare exception
    path = _file(folder, "declaration.yaml", data)
    out = io.StringIO()
    assert main(["validate", str(path)], out) in (0, 1, 2), out.getvalue()
