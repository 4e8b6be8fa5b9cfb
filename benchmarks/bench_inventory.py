"""Benchmark of the vectorised inventory (issue 7).

Run: ``python benchmarks/bench_inventory.py`` (needs pandas). 100,000 activity records over 1,000
organisations in three levels, computed and rolled up with ``inventory.compute_frame`` and
``inventory.roll_up``, against a hand-written pandas computation of the same arithmetic (per-unit
factors mapped onto the rows, multiplied, grouped by organisation). Prints, in one run: the time
(targets <= 2 s and <= 5x the hand-written one) and the peak memory (target <= 10x the records'
DataFrame size).
"""

from __future__ import annotations

import statistics
import sys
import timeit
import tracemalloc
from typing import Any

import numpy as np
import pandas as pd

from _table import print_table


def organisations() -> list[Any]:
    """1,000 organisations in three levels under one root (10, 100 and 889), the root complete in 2024."""
    from carbonaudit.inventory import Organisation

    orgs = [Organisation(id="root", name="root", status={2024: "complete"})]
    level1 = [f"L1-{i}" for i in range(10)]
    level2 = [f"L2-{i}" for i in range(100)]
    level3 = [f"L3-{i}" for i in range(889)]
    orgs += [Organisation(id=o, name=o, parent="root") for o in level1]
    orgs += [Organisation(id=o, name=o, parent=level1[i % 10]) for i, o in enumerate(level2)]
    orgs += [Organisation(id=o, name=o, parent=level2[i % 100]) for i, o in enumerate(level3)]
    return orgs


def main() -> None:
    from carbonaudit import factors
    from carbonaudit.inventory import OrgTree, compute_frame, roll_up

    rng = np.random.default_rng(7)
    orgs = organisations()
    tree = OrgTree(orgs)
    ids = np.array([o.id for o in orgs])
    n = 100_000
    kind = rng.choice(["electricity", "fuel", "fuel", "refrigerant_topup"], n, p=[0.5, 0.2, 0.2, 0.1])
    fuel = np.where(kind == "fuel", rng.choice(["diesel", "motor_gasoline"], n), None)
    df = pd.DataFrame(
        {
            "org": rng.choice(ids, n),
            "year": 2024,
            "kind": kind,
            "value": np.where(
                kind == "electricity",
                rng.uniform(1e3, 1e6, n),
                np.where(kind == "fuel", rng.uniform(10, 5e3, n), rng.uniform(0.1, 5, n)),
            ),
            "unit": np.where(kind == "electricity", "kWh", np.where(kind == "fuel", "L", "kg")),
            "fuel": fuel,
            "use": np.where(kind == "fuel", "mobile", None),
            "gas": np.where(kind == "refrigerant_topup", "R-410A", None),
        }
    )
    fs = factors.load()

    def library() -> dict[str, float]:
        return roll_up(compute_frame(tree, df, fs, year=2024), tree)

    # hand-written: per-unit CO2e of each (kind, fuel) from the same factor values, mapped and summed
    tj_per_l = {f: fs.fuel(f).heat_value.value * 4.1868e-9 for f in ("diesel", "motor_gasoline")}
    per_unit = {("electricity", None): fs.grid_factor(2024).m}
    for f in ("diesel", "motor_gasoline"):
        m = fs.fuel(f).per_tj["mobile"]
        per_unit[("fuel", f)] = tj_per_l[f] * (m["CO2"].value + m["CH4"].value * 28 + m["N2O"].value * 265)
    per_unit[("refrigerant_topup", None)] = fs.gwp("R-410A", "AR5")

    def by_hand() -> pd.Series:
        key = df["kind"] + ":" + df["fuel"].fillna("")
        mapping = {f"{k}:{f or ''}": v for (k, f), v in per_unit.items()}
        co2e = df["value"] * key.map(mapping) / 1000
        own = co2e.groupby(df["org"]).sum()
        parents = {o.id: o.parent for o in orgs}
        total = own.reindex(ids, fill_value=0.0).to_dict()
        for o in reversed(orgs):  # children after parents in this list: add each to its parent
            if parents[o.id] is not None:
                total[parents[o.id]] += total[o.id]
        return pd.Series(total)

    ours, theirs = library(), by_hand()
    assert abs(ours["root"] - theirs["root"]) < 1e-6 * theirs["root"], (ours["root"], theirs["root"])
    t_lib = statistics.median(timeit.repeat(library, number=1, repeat=5))
    t_hand = statistics.median(timeit.repeat(by_hand, number=1, repeat=5))
    frame_bytes = int(df.memory_usage(deep=True).sum())
    tracemalloc.start()
    library()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"numpy {np.__version__}, pandas {pd.__version__}, Python {sys.version.split()[0]}")
    rows = [
        ("case", "carbonaudit", "hand-written", "ratio", "target"),
        (
            "100,000 records, 1,000 organisations",
            f"{t_lib * 1e3:.0f} ms",
            f"{t_hand * 1e3:.0f} ms",
            f"{t_lib / t_hand:.2f}",
            "<= 5 and <= 2 s",
        ),
        (
            "peak memory",
            f"{peak / 1e6:.1f} MB",
            f"{frame_bytes / 1e6:.1f} MB (records)",
            f"{peak / frame_bytes:.2f}",
            "<= 10",
        ),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
