"""Benchmarks of the savings and rate engines against raw numpy (issue 4).

Run: ``python benchmarks/bench_savings.py``. Prints, measured in this one run:

(a) ``savings.efficiency_gain`` (formula 1) over 1,000,000-element arrays vs the same arithmetic
    in numpy (target: ratio <= 2);
(b) ``rates.annual_saving_rate`` over 1,000,000-element arrays, with and without deductions, vs
    numpy ``a / (a + b - c)`` (target: ratio <= 2);
(c) ``savings.recognition_split`` for 100,000 measures, every year's values materialised, vs
    hand-written numpy month arithmetic (targets: <= 1 s, ratio <= 10).
"""

from __future__ import annotations

import statistics
import sys
import timeit

import numpy as np

from _table import print_table


def median_time(stmt, number: int, repeat: int = 7) -> float:  # type: ignore[no-untyped-def]
    return statistics.median(timeit.repeat(stmt, number=number, repeat=repeat)) / number


def main() -> None:
    from carbonaudit import Q_, rates, savings

    rng = np.random.default_rng(1)
    n = 1_000_000
    consumption = rng.uniform(0, 2e6, n)
    q_consumption = Q_(consumption, "kWh")
    rows = []

    t_lib = median_time(lambda: savings.efficiency_gain(q_consumption, 0.125, months=11), 20)
    t_np = median_time(lambda: consumption * (0.125 * 11 / 12), 20)
    rows.append(("(a) formula (1), 1e6 array", f"{t_lib * 1e3:.3f} ms", f"{t_np * 1e3:.3f} ms", t_lib / t_np, "<= 2"))

    a = rng.uniform(0, 1e6, n)
    b = rng.uniform(1e7, 1e8, n)
    c = b * rng.uniform(0, 0.1, n)
    qa, qb, qc = Q_(a, "kWh"), Q_(b, "kWh"), Q_(c, "kWh")
    t_lib = median_time(lambda: rates.annual_saving_rate(qa, qb), 20)
    t_np = median_time(lambda: a / (a + b), 20)
    rows.append(
        (
            "(b) annual_saving_rate, 1e6, no deductions",
            f"{t_lib * 1e3:.3f} ms",
            f"{t_np * 1e3:.3f} ms",
            t_lib / t_np,
            "<= 2",
        )
    )
    t_lib = median_time(lambda: rates.annual_saving_rate(qa, qb, qc), 20)
    t_np = median_time(lambda: a / (a + b - c), 20)
    rows.append(
        (
            "(b) annual_saving_rate, 1e6, with deductions",
            f"{t_lib * 1e3:.3f} ms",
            f"{t_np * 1e3:.3f} ms",
            t_lib / t_np,
            "<= 2",
        )
    )

    m = 100_000
    completed = rng.integers(2015 * 12, 2025 * 12, m)  # YearMonth.index of the completion month
    annual = rng.uniform(0, 1e6, m)
    q_annual = Q_(annual, "kWh")

    def library() -> dict[int, object]:
        split = savings.recognition_split(q_annual, completed)
        return {year: split[year] for year in split}

    def by_hand() -> dict[int, np.ndarray]:
        start = completed + 1
        end = start + 12
        out = {}
        for year in range(int(start.min()) // 12, int(end.max() - 1) // 12 + 1):
            months = np.clip(np.minimum(end, (year + 1) * 12) - np.maximum(start, year * 12), 0, None)
            out[year] = annual * months / 12
        return out

    t_lib = median_time(library, 5)
    t_np = median_time(by_hand, 5)
    rows.append(
        (
            "(c) recognition_split, 1e5 measures",
            f"{t_lib * 1e3:.1f} ms",
            f"{t_np * 1e3:.1f} ms",
            t_lib / t_np,
            "<= 10 and <= 1 s",
        )
    )

    header = ("case", "carbonaudit", "numpy", "ratio", "target")
    table = [header] + [(r[0], r[1], r[2], f"{r[3]:.2f}", r[4]) for r in rows]
    print(f"numpy {np.__version__}, Python {sys.version.split()[0]}")
    print_table(table)


if __name__ == "__main__":
    main()
