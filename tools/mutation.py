"""Mutation testing of carbonaudit's engine modules with mutmut.

Run from the repository root (``pip install -e ".[test]" mutmut`` first)::

    python tools/mutation.py rates                 # one module
    python tools/mutation.py rates savings chiller  # several
    python tools/mutation.py --changed             # the engine modules changed since origin/main (or HEAD~1)

The working tree is copied to a scratch folder (nothing is written into the repository), mutmut's
configuration for the chosen modules is added to the copy's ``pyproject.toml``, ``mutmut run``
mutates every function of those modules and runs, for each mutant, the tests that reach it (mutmut
finds them by tracing the test run once). The script prints, per module, the mutants killed and
survived and the score (killed / (killed + survived)), and writes the surviving mutants' diffs to
``mutation-survivors.txt`` in the scratch folder, whose path it prints. A survivor is either killed by
a new test (from a document or worked by hand) or listed as equivalent, with the reason, on the
docs' reliability page.

This is a development tool, not a test: a module takes 2-15 minutes on two cores.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The engine modules (issue 13) and the source file each stands for.
ENGINES = {
    "units": "src/carbonaudit/units.py",
    "convert": "src/carbonaudit/_convert.py",
    "energy": "src/carbonaudit/energy.py",
    "emissions": "src/carbonaudit/emissions.py",
    "savings": "src/carbonaudit/savings.py",
    "rates": "src/carbonaudit/rates.py",
    "chiller": "src/carbonaudit/chiller.py",
    "electrical": "src/carbonaudit/electrical.py",
    "building": "src/carbonaudit/building.py",
    "production": "src/carbonaudit/production.py",
    "inventory": "src/carbonaudit/inventory/compute.py",
    "validate": "src/carbonaudit/declaration/validate.py",
}

# Test files left out of the mutation runs: they check packaging, docs, plots, docstring format
# or file parsing, never an engine's numbers, and are slow.
SKIP_TESTS = [
    "tests/test_packaging.py",
    "tests/test_docs.py",
    "tests/test_docstrings.py",
    "tests/test_plot.py",
    "tests/test_dask.py",
    "tests/test_fuzz_readers.py",
]


def _changed() -> list[str]:
    for base in ("origin/main", "HEAD~1"):
        out = subprocess.run(["git", "diff", "--name-only", base], cwd=ROOT, capture_output=True, text=True)
        if out.returncode == 0:
            files = set(out.stdout.split())
            return [name for name, path in ENGINES.items() if path in files]
    return []


def _copy_tree(dest: Path) -> None:
    ignore = shutil.ignore_patterns(
        ".git", ".ci-venv", "venv", ".venv", "_build", "mutants", "__pycache__", ".hypothesis", "*.egg-info"
    )
    shutil.copytree(ROOT, dest, ignore=ignore, dirs_exist_ok=True)


def _configure(dest: Path, modules: list[str]) -> None:
    tests = sorted(str(p.relative_to(dest)) for p in (dest / "tests").glob("test_*.py"))
    tests = [t for t in tests if t not in SKIP_TESTS]
    only = ", ".join(f'"{ENGINES[m]}"' for m in modules)
    selection = ", ".join(f'"{t}"' for t in tests)
    config = (
        "\n[tool.mutmut]\n"
        'source_paths = ["src/carbonaudit"]\n'
        f"only_mutate = [{only}]\n"
        'also_copy = ["data", "examples"]\n'
        f"pytest_add_cli_args_test_selection = [{selection}]\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x", "--no-header"]\n'
    )
    with (dest / "pyproject.toml").open("a", encoding="utf-8") as fh:
        fh.write(config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"engine modules to mutate: {', '.join(ENGINES)}")
    parser.add_argument("--changed", action="store_true", help="the engine modules changed since origin/main")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in ENGINES]
    if unknown:
        parser.error(f"unknown module(s) {', '.join(unknown)}; the engine modules are {', '.join(ENGINES)}")
    modules = list(dict.fromkeys([*args.modules, *(_changed() if args.changed else [])]))
    if not modules:
        parser.error("name at least one engine module, or --changed (none changed)")
    dest = Path(tempfile.mkdtemp(prefix="carbonaudit-mutation-"))
    _copy_tree(dest)
    _configure(dest, modules)
    print(f"mutating {', '.join(modules)} in {dest}", flush=True)
    run = subprocess.run(["mutmut", "run"], cwd=dest, stdout=subprocess.DEVNULL)
    if run.returncode != 0:
        print(f"mutmut run failed (exit {run.returncode}); see {dest}", file=sys.stderr)
        return run.returncode
    results = subprocess.run(
        ["mutmut", "results", "--all", "true"], cwd=dest, capture_output=True, text=True, check=True
    ).stdout
    counts: dict[str, Counter[str]] = {m: Counter() for m in modules}
    survivors = []
    for line in results.splitlines():
        match = re.match(r"\s*(\S+): (\S+)", line)
        if not match:
            continue
        name, status = match.groups()
        module = next((m for m in modules if name.startswith(_dotted(ENGINES[m]) + ".")), None)
        if module is None:
            continue
        counts[module][status] += 1
        if status == "survived":
            survivors.append(name)
    with (dest / "mutation-survivors.txt").open("w", encoding="utf-8") as fh:
        for name in survivors:
            diff = subprocess.run(["mutmut", "show", name], cwd=dest, capture_output=True, text=True).stdout
            fh.write(f"## {name}\n{diff}\n")
    print("| module | mutants | killed | survived | other | score |")
    print("| --- | --- | --- | --- | --- | --- |")
    for module in modules:
        c = counts[module]
        killed, survived = c["killed"], c["survived"]
        other = sum(c.values()) - killed - survived
        score = killed / (killed + survived) if killed + survived else float("nan")
        print(f"| {module} | {sum(c.values())} | {killed} | {survived} | {other} | {score:.1%} |")
    print(f"surviving mutants: {dest / 'mutation-survivors.txt'}")
    return 0


def _dotted(path: str) -> str:
    """``src/carbonaudit/inventory/compute.py`` -> ``carbonaudit.inventory.compute``."""
    return path.removeprefix("src/").removesuffix(".py").replace("/", ".")


if __name__ == "__main__":
    sys.exit(main())
