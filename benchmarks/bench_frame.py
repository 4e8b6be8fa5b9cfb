"""Benchmark of the batch emissions path (issue 8).

Run: ``python benchmarks/bench_frame.py`` (needs pandas; part (b) needs dask and distributed).

(a) ``emissions.frame`` on 1,000,000 activity rows of mixed fuels, units, uses and years, against a
    hand-written pandas merge-and-multiply of the same arithmetic: a table of per-unit factors (one
    row per fuel x unit x use x year, from the same factor set) merged onto the rows on those four
    keys, then the amount multiplied by each factor column. Rows as strings (read from a CSV) and
    as categoricals. Target: <= 1.5x. Medians of repeated runs.
(b) ``emissions.frame`` over 10,000,000 rows in 20 partitions on a local Dask cluster of 2 worker
    processes (``dask.distributed.LocalCluster``), against one pandas call in one process on the
    same rows: every row's columns computed and kept in memory (Dask: ``persist`` on the workers),
    and the CO2e total by fuel (Dask: each partition's totals, summed). The rows are built and held
    in memory before the clock starts on both sides. Reported as a ratio with the rows per second
    of each; medians of 5 runs, each run with a fresh Dask token so that no result is reused.
"""

from __future__ import annotations

import functools
import statistics
import sys
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
    import itertools

    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster, wait

    from carbonaudit import emissions
    from carbonaudit._synthetic import activity_rows

    n_parts, per_part = 20, 500_000
    n = n_parts * per_part
    meta = activity_rows(0, seed=0)
    whole = pd.concat([activity_rows(per_part, seed=i) for i in range(n_parts)], ignore_index=True)

    def pandas_frame() -> None:
        emissions.frame(whole, fs)

    def pandas_totals() -> pd.Series:
        return emissions.frame(whole, fs).groupby("fuel", observed=True)["CO2e_kg"].sum()

    def by_fuel(df: pd.DataFrame, factor_set: Any) -> pd.Series:
        return emissions.frame(df, factor_set).groupby("fuel", observed=True)["CO2e_kg"].sum()

    runs = itertools.count()  # a fresh token per run: Dask must not reuse the previous run's results
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        rows = dd.from_map(functools.partial(activity_rows, per_part), range(n_parts), meta=meta).persist()
        wait(rows)
        fs_on_workers = client.scatter(fs, broadcast=True)
        out_meta = emissions.frame(meta, fs)

        def dask_frame() -> None:
            out = rows.map_partitions(emissions.frame, fs_on_workers, meta=out_meta, token=f"frame-{next(runs)}")
            done = out.persist()
            wait(done)
            client.cancel(done)

        def dask_totals() -> pd.Series:
            parts = rows.map_partitions(
                by_fuel, fs_on_workers, meta=pd.Series(dtype="float64", name="CO2e_kg"), token=f"totals-{next(runs)}"
            )
            return parts.compute().groupby(level=0).sum()

        pd.testing.assert_series_equal(
            dask_totals().sort_index(), pandas_totals().sort_index(), check_exact=False, rtol=1e-12, check_names=False
        )
        timings = {}
        for name, fn in (
            ("pandas_frame", pandas_frame),
            ("dask_frame", dask_frame),
            ("pandas_totals", pandas_totals),
            ("dask_totals", dask_totals),
        ):
            fn()  # warm: each worker's copy of the set caches its combinations
            timings[name] = statistics.median(timeit.repeat(fn, number=1, repeat=5))
    rows_out = []
    for what, d, p in (
        ("every row's columns, kept in memory", timings["dask_frame"], timings["pandas_frame"]),
        ("and the CO2e total by fuel", timings["dask_totals"], timings["pandas_totals"]),
    ):
        rows_out.append(
            [
                f"(b) 1e7 rows in 20 partitions: {what}",
                f"{d:.2f} s ({n / d / 1e6:.1f} M rows/s), Dask 2 workers",
                f"{p:.2f} s ({n / p / 1e6:.1f} M rows/s), pandas 1 process",
                f"{d / p:.2f}",
                "reported",
            ]
        )
    return rows_out


def main() -> None:
    from carbonaudit import factors

    fs = factors.load("tw-2024")  # activity_rows use natural_gas, one fuel in tw-2024 (NG1 or NG2 in tw-2025)
    rows = [["case", "carbonaudit", "hand-written / baseline", "ratio", "target"]]
    rows += bench_a(fs)
    if "--no-dask" not in sys.argv:
        rows += bench_b(fs)
    print_table(rows)


if __name__ == "__main__":
    main()
