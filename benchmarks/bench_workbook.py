"""Benchmark of the inventory's auditable workbook (issue 17).

Run: ``python benchmarks/bench_workbook.py`` (needs the ``excel`` extra). 100,000 activity records
over 1,000 organisations in three levels (half electricity, 40 % vehicle fuel, 10 % refrigerant
top-ups), computed with ``inventory.compute``; then, each timed once (a run writes or reads a
file of tens of MB): ``Inventory.to_excel`` (target <= 10 s) and ``inventory.read_records`` of
the written workbook (its activity sheet). Prints the cells written and a Markdown table.

The baseline is the same workbook's bulk written by hand with xlsxwriter in the same run: one row of
the record's fields per record on an activity sheet, and per line its seven text cells, a formula of
the same shape (``=activity!D7*factors!$C$2*factors!$C$3*factors!$C$4``) with its cached value, a
second formula and a note, with no factors sheet, no checks and no summaries. Its time is the
writer's own cost per cell; the ratio is what carbonaudit adds to it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from _table import print_table
from bench_inventory import organisations


def _records(n: int, seed: int) -> tuple[object, list[object]]:
    from carbonaudit.inventory import ActivityRecord, OrgTree

    rng = np.random.default_rng(seed)
    orgs = organisations()  # the tree of bench_inventory.py
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


def _by_hand(path: Path, inv: object, records: list[object]) -> float:
    """Seconds to write the bulk of the workbook (activity and calculation rows) with xlsxwriter by hand."""
    import xlsxwriter

    start = time.perf_counter()
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("activity")
    for i, r in enumerate(records, start=1):
        a = r.amount  # type: ignore[attr-defined]
        ws.write_row(i, 0, [r.org, r.year, r.kind, a.value, a.unit, r.fuel, r.use, r.gas, r.note, r.quality])  # type: ignore[attr-defined]
    wc = wb.add_worksheet("calculation")
    for i, line in enumerate(inv.lines, start=1):  # type: ignore[attr-defined]
        wc.write_row(i, 0, [line.org, line.scope, line.iso_category, line.category, line.source, line.gas, ""])
        row = line.record + 2
        wc.write_formula(i, 7, f"=activity!D{row}*factors!$C$2*factors!$C$3*factors!$C$4", None, line.mass_kg)
        wc.write_formula(i, 8, f"=H{i + 1}*factors!$C$5*factors!$C$6", None, line.co2e_kg / 1000)
        wc.write_string(i, 9, "note")
    wb.close()
    return time.perf_counter() - start


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
        t_hand = _by_hand(Path(folder, "by_hand.xlsx"), inv, records)
    print(
        f"xlsxwriter {xlsxwriter.__version__}, openpyxl {openpyxl.__version__}, numpy {np.__version__}, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"{n:,} records, {len(inv.lines):,} lines, {len(tree):,} organisations; file {size / 1e6:.1f} MB")
    rows = [
        ("case", "carbonaudit", "xlsxwriter by hand", "ratio", "target"),
        (
            f"Inventory.to_excel, {n:,} records",
            f"{t_write:.2f} s",
            f"{t_hand:.2f} s",
            f"{t_write / t_hand:.2f}",
            "<= 10 s",
        ),
        (f"read_records of its activity sheet, {n:,} rows", f"{t_read:.2f} s", "-", "-", "-"),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
