"""Mutation testing of carbonaudit's engine modules with mutmut.

Run from the repository root (``pip install -e ".[test]" mutmut`` first)::

    python tools/mutation.py rates                 # one module
    python tools/mutation.py rates savings chiller  # several
    python tools/mutation.py --changed             # the engine modules changed since origin/main (or HEAD~1)

The working tree is copied to a scratch folder (nothing is written into the repository), mutmut's
configuration for the chosen modules is added to the copy's ``pyproject.toml``, ``mutmut run``
mutates every function of those modules and runs, for each mutant, the tests that reach it (mutmut
finds them by tracing the test run once, among the tests listed for the module in ``TESTS``). Each
module runs in its own scratch copy, with the ``mutation`` hypothesis profile (derandomised, fewer
examples, so a run is repeatable). The script prints, per module, the mutants killed (a test failed
or timed out) and survived (no test failed, or no test reaches the line) and the score
(killed / (killed + survived)), and writes the surviving mutants' diffs to
``mutation-survivors.txt`` in the scratch folder, whose path it prints. A survivor is either killed by
a new test (from a document or worked by hand) or listed as equivalent, with the reason, on the
docs' reliability page.

This is a development tool, not a test: a module takes 2-15 minutes on two cores.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import os
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
    "fee": "src/carbonaudit/fee.py",
}

# The tests each module's mutants are run against (and ``tests/test_exact_<module>.py``, the exact
# messages, traces and boundaries of the module, where it exists): the module's own tests, the tests of the engines
# and models that call it, and the harness-style tests that walk every public function. Leaving a
# far-away test out can only make a mutant survive (the score errs low, never high); packaging, docs,
# plots, docstring-format and file-fuzzing tests never check an engine's numbers and are not run.
_COMMON = [
    "test_harness",
    "test_dtype_invariance",
    "test_formula_properties",
    "test_reliability_engines",
    "test_reliability_units",
]
TESTS = {
    "units": ["test_units", "test_reliability_periods", "test_energy", "test_emissions", "test_chiller"],
    "convert": [
        "test_vintages",
        "test_convert",
        "test_units",
        "test_energy",
        "test_emissions",
        "test_factors",
        "test_reliability_factors",
    ],
    "energy": ["test_energy", "test_convert", "test_units", "test_formulas_declaration", "test_reliability_factors"],
    "emissions": [
        "test_vintages",
        "test_emissions",
        "test_convert",
        "test_factors",
        "test_reliability_factors",
        "test_reliability_periods",
        "test_frame",
    ],
    "savings": ["test_savings", "test_batch", "test_formulas_declaration", "test_reliability_periods"],
    "rates": ["test_rates", "test_formulas_rates_chiller", "test_formulas_declaration", "test_reliability_periods"],
    "chiller": ["test_chiller", "test_formulas_rates_chiller", "test_batch", "test_reliability_files"],
    "electrical": ["test_electrical", "test_formulas_declaration"],
    "building": ["test_building", "test_formulas_declaration", "test_declaration"],
    "production": ["test_production", "test_production_declaration", "test_formulas_declaration"],
    "inventory": [
        "test_vintages",
        "test_inventory",
        "test_reliability_inventory",
        "test_reliability_files",
        "test_reliability_periods",
        "test_frame",
    ],
    "validate": [
        "test_vintages",
        "test_declaration",
        "test_formulas_declaration",
        "test_reliability_declaration",
        "test_production_declaration",
    ],
    "fee": ["test_fee", "test_fee_frame", "test_fee_rules_data"],
}


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
    names = {t for m in modules for t in [*_COMMON, *TESTS[m], f"test_exact_{m}"]}
    tests = [f"tests/{t}.py" for t in sorted(names) if (dest / "tests" / f"{t}.py").exists()]
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


def _run_module(module: str) -> tuple[Counter[str], list[str], Path]:
    """Mutate one engine module in its own scratch copy; return the status counts and survivors' diffs."""
    dest = Path(tempfile.mkdtemp(prefix=f"carbonaudit-mutation-{module}-"))
    _copy_tree(dest)
    _configure(dest, [module])
    print(f"mutating {module} in {dest}", flush=True)
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation"}
    run = subprocess.run(["mutmut", "run"], cwd=dest, stdout=subprocess.DEVNULL, env=env)
    if run.returncode != 0:
        raise RuntimeError(f"mutmut run failed for {module} (exit {run.returncode}); see {dest}")
    results = subprocess.run(
        ["mutmut", "results", "--all", "true"], cwd=dest, capture_output=True, text=True, check=True, env=env
    ).stdout
    counts: Counter[str] = Counter()
    survivors = []
    prefix = _dotted(ENGINES[module]) + "."
    for line in results.splitlines():
        match = re.match(r"\s*(\S+): (.+)$", line)
        if not match or not match.group(1).startswith(prefix):
            continue
        name, status = match.group(1), match.group(2).strip()
        counts[status] += 1
        if status in ("survived", "no tests"):
            survivors.append(name)
    diffs = _diffs(dest / "mutants" / ENGINES[module], survivors)
    out = dest / "mutation-survivors.txt"
    out.write_text("".join(f"## {name}\n{diffs.get(name, '(no diff)')}\n" for name in survivors), encoding="utf-8")
    return counts, survivors, out


def _diffs(mutated: Path, names: list[str]) -> dict[str, str]:
    """Each mutant's diff against the original function, read from mutmut's mutated source file."""
    source = mutated.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    functions: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):  # by line numbers: get_source_segment rescans the file each time
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None:
            functions[node.name] = "".join(lines[node.lineno - 1 : node.end_lineno])
    out = {}
    for name in names:
        short = name.rsplit(".", 1)[-1]  # x_func__mutmut_12 or xǁClassǁmethod__mutmut_3
        mutant = functions.get(short)
        orig = functions.get(short.rsplit("__mutmut_", 1)[0] + "__mutmut_orig")
        if mutant is None or orig is None:
            continue
        mutant = mutant.replace(short, short.rsplit("__mutmut_", 1)[0] + "__mutmut_orig", 1)
        out[name] = "".join(
            difflib.unified_diff(orig.splitlines(True), mutant.splitlines(True), "original", "mutant", n=1)
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"engine modules to mutate: {', '.join(ENGINES)}")
    parser.add_argument("--changed", action="store_true", help="the engine modules changed since origin/main")
    parser.add_argument("--all", action="store_true", help="every engine module")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in ENGINES]
    if unknown:
        parser.error(f"unknown module(s) {', '.join(unknown)}; the engine modules are {', '.join(ENGINES)}")
    chosen = [*args.modules, *(_changed() if args.changed else []), *(ENGINES if args.all else [])]
    modules = list(dict.fromkeys(chosen))
    if not modules:
        parser.error("name at least one engine module, --changed (none changed) or --all")
    rows = []
    for module in modules:
        counts, survivors, path = _run_module(module)
        killed = counts["killed"] + counts["timeout"]
        lived = len(survivors)
        other = sum(counts.values()) - killed - lived
        score = killed / (killed + lived) if killed + lived else float("nan")
        rows.append(f"| {module} | {sum(counts.values())} | {killed} | {lived} | {other} | {score:.1%} |")
        print(rows[-1], flush=True)
        print(f"surviving mutants of {module}: {path}", flush=True)
    print("| module | mutants | killed | survived | other | score |")
    print("| --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    return 0


def _dotted(path: str) -> str:
    """``src/carbonaudit/inventory/compute.py`` -> ``carbonaudit.inventory.compute``."""
    return path.removeprefix("src/").removesuffix(".py").replace("/", ".")


if __name__ == "__main__":
    sys.exit(main())
