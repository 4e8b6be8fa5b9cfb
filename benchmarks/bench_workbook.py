"""Benchmark of the inventory's auditable workbook (issue 17).

Run: ``python benchmarks/bench_workbook.py`` (needs the ``excel`` extra). 100,000 activity records
over 1,000 organisations in three levels (half electricity, 40 % vehicle fuel, 10 % refrigerant
top-ups), computed with ``inventory.compute``; then, each timed once (a run writes or reads a
file of tens of MB): ``Inventory.to_excel`` (target <= 10 s) and ``inventory.read_records`` of
the written workbook (its activity sheet). Prints the cells written and a Markdown table.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from _table import print_table


def _records(n: int, seed: int) -> tuple[object, list[object]]:
    from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree

    rng = np.random.default_rng(seed)
    orgs = [Organisation(id="root", name="root", status={2024: "complete"})]
    level1 = [f"L1-{i}" for i in range(10)]
    level2 = [f"L2-{i}" for i in range(100)]
    level3 = [f"L3-{i}" for i in range(889)]
    orgs += [Organisation(id=o, name=o, parent="root") for o in level1]
    orgs += [Organisation(id=o, name=o, parent=level1[i % 10]) for i, o in enumerate(level2)]
    orgs += [Organisation(id=o, name=o, parent=level2[i % 100]) for i, o in enumerate(level3)]
    ids = [o.id for o in orgs]
    kinds = rng.choice(3, n, p=[0.5, 0.4, 0.1])
    org = rng.integers(0, len(ids), n)
    value = rng.uniform(1.0, 1e6, n)
    fuel = rng.choice(["diesel", "motor_gasoline"], n)
    records = []
    for k, o, v, f in zip(kinds, org, value, fuel, strict=True):
        base = {"org": ids[o], "year": 2024, "note": "bill", "quality": "invoiced"}
        if k == 0:
            item = {**base, "kind": "electricity", "amount": {"value": float(v), "unit": "kWh"}}
        elif k == 1:
            item = {**base, "kind": "fuel", "fuel": str(f), "use": "mobile", "amount": {"value": v / 200, "unit": "L"}}
        else:
            item = {**base, "kind": "refrigerant_topup", "gas": "R-410A", "amount": {"value": v / 1e5, "unit": "kg"}}
        records.append(ActivityRecord.model_validate(item))
    return OrgTree(orgs), records


def main() -> None:
    import openpyxl
    import xlsxwriter

    from carbonaudit.inventory import compute, read_records

    n = 100_000
    tree, records = _records(n, 17)
    inv = compute(tree, records, year=2024)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "inventory.xlsx")
        start = time.perf_counter()
        inv.to_excel(path)
        t_write = time.perf_counter() - start
        size = path.stat().st_size
        start = time.perf_counter()
        back = read_records(path)
        t_read = time.perf_counter() - start
        assert back == records, "the records read back differ"
    print(
        f"xlsxwriter {xlsxwriter.__version__}, openpyxl {openpyxl.__version__}, numpy {np.__version__}, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"{n:,} records, {len(inv.lines):,} lines, {len(tree):,} organisations; file {size / 1e6:.1f} MB")
    rows = [
        ("case", "time", "target"),
        (f"Inventory.to_excel, {n:,} records", f"{t_write:.2f} s", "<= 10 s"),
        (f"read_records of its activity sheet, {n:,} rows", f"{t_read:.2f} s", "-"),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
