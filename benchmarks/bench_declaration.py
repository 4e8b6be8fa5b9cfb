"""Benchmark of declaration validation (issues 6 and 17).

Run: ``python benchmarks/bench_declaration.py`` from the repository root. Prints, in one run:

* reading and validating the full example declaration, per declaration after warm-up
  (target <= 20 ms);
* 1,000 declaration files (a regulator's year of filings: the office example with its own user id
  and meter number, varied capacities and monthly use; nine in ten YAML, one in ten JSON) written
  to a temporary folder, then read and validated by ``declaration.validate_many`` in one process
  (target <= 3 s on one core), and in two worker processes (``workers=2``); for the one process,
  also the CPU time (``time.process_time``), which other work on the machine does not inflate;
* 100 of these declarations written as workbooks (``Declaration.to_excel``) and read and validated
  by ``validate_many`` (reading a workbook with openpyxl is slower than YAML), per file.
"""

from __future__ import annotations

import copy
import json
import statistics
import sys
import tempfile
import time
import timeit
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from _table import print_table

ROOT = Path(__file__).resolve().parents[1]
OFFICE_METER = "01-2345-67-8"


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # carbonaudit refuses YAML aliases: write every value out


def _renamed(node: Any, old: str, new: str) -> Any:
    if isinstance(node, dict):
        return {k: _renamed(v, old, new) for k, v in node.items()}
    if isinstance(node, list):
        return [_renamed(v, old, new) for v in node]
    return new if node == old else node


def write_filings(folder: Path, n: int = 1000, seed: int = 17) -> list[Path]:
    """*n* distinct declarations of the office example in *folder*: every tenth JSON, the rest YAML."""
    office = yaml.safe_load((ROOT / "examples" / "office_declaration.yaml").read_text("utf-8"))
    rng = np.random.default_rng(seed)
    paths = []
    for i in range(n):
        doc = _renamed(copy.deepcopy(office), OFFICE_METER, f"{i % 100:02d}-{i:04d}-{(i * 7) % 100:02d}-{i % 10}")
        doc["basic"]["user_id"] = f"E-{i:06d}"
        doc["basic"]["meters"][0]["contract_capacity"]["value"] = round(float(rng.uniform(801, 20_000)), 1)
        scale = float(rng.uniform(0.8, 1.2))
        for month in doc["electricity"][0]["months"]:
            for key in ("peak", "semi_peak", "saturday_semi_peak", "off_peak"):
                month[key] = month[key] * scale
        for part in doc["balances"]["electricity"].values():
            part["value"] *= scale
        doc["savings"]["renewables"][0]["generated"]["value"] *= scale  # keeps the balance whole
        path = folder / (f"d{i:04d}.json" if i % 10 == 9 else f"d{i:04d}.yaml")
        if path.suffix == ".json":
            path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
        else:
            path.write_text(yaml.dump(doc, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(path)
    return paths


def main() -> None:
    from carbonaudit import declaration

    example = ROOT / "examples" / "office_declaration.yaml"

    def one() -> int:
        return len(declaration.validate(declaration.load(example)))

    one()  # warm-up: factor data, rules, measure codes are loaded once per process
    t_one = statistics.median(timeit.repeat(one, number=20, repeat=7)) / 20

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_filings(folder)
        t0, c0 = time.perf_counter(), time.process_time()
        single = declaration.validate_many(folder)
        t_batch, c_batch = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        two = declaration.validate_many(folder, workers=2)
        t_two = time.perf_counter() - t0
        books = folder / "xlsx"
        books.mkdir()
        for path in sorted(folder.glob("d*.yaml"))[:100]:
            declaration.load(path).to_excel(books / f"{path.stem}.xlsx")
        t0, c0 = time.perf_counter(), time.process_time()
        workbooks = declaration.validate_many(books)
        t_xlsx, c_xlsx = time.perf_counter() - t0, time.process_time() - c0
    assert two == single, "workers=2 differs from one process"
    assert workbooks.summary.files == 100 and workbooks.summary.unreadable == 0, workbooks.summary
    s = single.summary

    print(
        f"numpy {np.__version__}, PyYAML {yaml.__version__} (libyaml: {yaml.__with_libyaml__}), Python {sys.version.split()[0]}"
    )
    rows = [
        ("case", "time", "target"),
        ("read + validate the example declaration", f"{t_one * 1e3:.2f} ms", "<= 20 ms"),
        (
            f"1,000 files, validate_many, 1 process ({s.clean} clean, {s.with_findings} with findings, "
            f"{s.with_errors} with errors)",
            f"{t_batch:.2f} s",
            "<= 3 s",
        ),
        ("  the same, CPU time of this process", f"{c_batch:.2f} s ({c_batch:.2f} ms per file)", "<= 3 s"),
        ("1,000 files, validate_many, workers=2", f"{t_two:.2f} s", "reported"),
        (
            "100 workbooks (.xlsx), validate_many, 1 process",
            f"{t_xlsx:.2f} s ({t_xlsx * 10:.1f} ms per file; CPU {c_xlsx * 10:.1f} ms)",
            "reported",
        ),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
