"""Benchmark of the batch emissions path (issue 8).

Run: ``python benchmarks/bench_frame.py`` (needs pandas; part (b) needs dask and distributed).

(a) ``emissions.frame`` on 1,000,000 activity rows of mixed fuels, units, uses and years, against a
    hand-written pandas merge-and-multiply of the same arithmetic: a table of per-unit factors (one
    row per fuel x unit x use x year, from the same factor set) merged onto the rows on those four
    keys, then the amount multiplied by each factor column. Rows as strings (read from a CSV) and
    as categoricals. Target: <= 1.5x. Medians of repeated runs.
(b) ``emissions.frame`` over 10,000,000 rows in 20 partitions on a local Dask cluster of 2 worker
    processes (``dask.distributed.LocalCluster``), against pandas in one process on the same rows;
    each side computes every row's columns and the CO2e total by fuel. The partitions are built
    and held in the workers' memory (``persist``) before the clock starts, as the in-process rows
    are. Reported as a ratio with the rows per second of each.
"""

from __future__ import annotations

import statistics
import sys
import time
import timeit
from typing import Any

import numpy as np
import pandas as pd

from _table import print_table

GASES = ("CO2", "CH4", "N2O", "CO2e")


def _per_unit_table(df: pd.DataFrame, fs: Any) -> pd.DataFrame:
    """The hand-written side's factor table: per-unit kg of each gas for each key in the data."""
    from carbonaudit import Q_, emissions, parse_unit

    keys = df[["fuel", "unit", "use", "year"]].astype(object).drop_duplicates()
    rows = []
    for fuel, unit, use, year in keys.itertuples(index=False):
        if fuel == "electricity":
            r = emissions.electricity(Q_(1.0, parse_unit(unit)), year=int(year), factor_set=fs)
            per = {"CO2": np.nan, "CH4": np.nan, "N2O": np.nan, "CO2e": float(r.co2e.m)}
        else:
            r = emissions.emissions(Q_(1.0, parse_unit(unit)), fuel, fs, use=use or "stationary")
            per = {g: float(r.by_gas[g].m) for g in GASES[:3]}
            per["CO2e"] = float(r.co2e.m)
        rows.append({"fuel": fuel, "unit": unit, "use": use, "year": year, **per})
    table = pd.DataFrame(rows)
    return table.astype({c: df[c].dtype for c in ("fuel", "unit", "use", "year")})


def hand_written(df: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    merged = df.merge(table, on=["fuel", "unit", "use", "year"], how="left", sort=False)
    for g in GASES:
        merged[f"{g}_kg"] = merged["amount"] * merged[g]
    return merged


def bench_a(fs: Any) -> list[list[str]]:
    from carbonaudit import emissions
    from carbonaudit._synthetic import activity_rows

    rows = []
    for categorical in (False, True):
        df = activity_rows(1_000_000, seed=1, categorical=categorical)
        if not categorical:
            df = df.astype({c: "str" for c in ("fuel", "unit", "use")})
        table = _per_unit_table(df, fs)
        ours = emissions.frame(df, fs)
        theirs = hand_written(df, table)
        np.testing.assert_allclose(ours["CO2e_kg"].to_numpy(), theirs["CO2e_kg"].to_numpy(), rtol=1e-12)
        t_ours = statistics.median(timeit.repeat(lambda df=df: emissions.frame(df, fs), number=1, repeat=9))
        t_theirs = statistics.median(
            timeit.repeat(lambda df=df, table=table: hand_written(df, table), number=1, repeat=9)
        )
        label = "categorical" if categorical else "strings"
        rows.append(
            [
                f"(a) emissions.frame, 1e6 rows ({label})",
                f"{t_ours * 1e3:.0f} ms",
                f"{t_theirs * 1e3:.0f} ms (merge + multiply)",
                f"{t_ours / t_theirs:.2f}",
                "<= 1.5",
            ]
        )
    return rows


def bench_b(fs: Any) -> list[list[str]]:
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster, wait

    from carbonaudit import emissions
    from carbonaudit._synthetic import activity_rows

    n_parts, per_part = 20, 500_000
    n = n_parts * per_part
    meta = activity_rows(0, seed=0)

    whole = pd.concat([activity_rows(per_part, seed=i) for i in range(n_parts)], ignore_index=True)

    def in_process() -> pd.Series:
        return emissions.frame(whole, fs).groupby("fuel", observed=True)["CO2e_kg"].sum()

    in_process()  # warm the set's caches as the workers' first partitions do
    t0 = time.perf_counter()
    expected = in_process()
    t_pandas = time.perf_counter() - t0

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        ddf = dd.from_map(lambda i: activity_rows(per_part, seed=i), range(n_parts), meta=meta).persist()
        wait(ddf)
        out = ddf.map_partitions(emissions.frame, fs)
        out.groupby("fuel", observed=True)["CO2e_kg"].sum().compute()  # warm the workers
        t0 = time.perf_counter()
        got = out.groupby("fuel", observed=True)["CO2e_kg"].sum().compute()
        t_dask = time.perf_counter() - t0
        client.cancel(ddf)
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_exact=False, rtol=1e-12)
    return [
        [
            "(b) 10e6 rows, 20 partitions: Dask, 2 local workers vs pandas, 1 process",
            f"{t_dask:.2f} s ({n / t_dask / 1e6:.1f} M rows/s)",
            f"{t_pandas:.2f} s ({n / t_pandas / 1e6:.1f} M rows/s)",
            f"{t_dask / t_pandas:.2f}",
            "reported",
        ]
    ]


def main() -> None:
    from carbonaudit import factors

    fs = factors.load()
    rows = [["case", "carbonaudit", "hand-written / baseline", "ratio", "target"]]
    rows += bench_a(fs)
    if "--no-dask" not in sys.argv:
        rows += bench_b(fs)
    print_table(rows)


if __name__ == "__main__":
    main()
