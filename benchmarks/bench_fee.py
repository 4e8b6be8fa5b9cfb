"""Benchmark of the carbon fee over a table of plants (issue 16).

Run: ``python benchmarks/bench_fee.py`` (needs pandas). 1,000,000 plants (annual emissions from 0
to 50 Mt CO2e, a rate class, high carbon-leakage recognition, offsets for one plant in ten) through
``fee.frame``, against the same arithmetic written by hand in numpy on the same DataFrame:
K and the coefficient by ``np.where``, the rate by the categorical's codes, ``(annual - K) x
coefficient`` rounded half-up to 3 decimals with ``np.floor(x * 1000 + 0.5) / 1000``, the offsets
capped at 10 %, the fee truncated with ``np.floor``. Target: ``fee.frame`` <= 2x the hand-written
numpy. The table also counts the plants whose fee the float arithmetic of the hand-written version
gets wrong (a half at the fourth decimal read as 0.4999...: moenv-carbon-fee-2024 第5條 rounds the
decimal figure), which ``fee.frame`` gets right.
"""

from __future__ import annotations

import statistics
import sys
import timeit

import numpy as np
import pandas as pd

from _table import print_table

N = 1_000_000


def plants(decimals: int | None, rate_dtype: str, seed: int = 16) -> pd.DataFrame:
    """*N* plants; emissions to *decimals* places (None: any float), the rate column as *rate_dtype*."""
    rng = np.random.default_rng(seed)
    if decimals is None:
        emissions = rng.uniform(0, 5e7, N)
    else:
        emissions = rng.integers(0, 5 * 10 ** (7 + decimals), N) / 10**decimals
    offsets = np.where(rng.random(N) < 0.1, rng.integers(0, 10**9, N) / 1000, 0.0)
    rate = rng.choice(["general", "A", "B"], N, p=[0.6, 0.2, 0.2])
    return pd.DataFrame(
        {
            "emissions": emissions,
            "rate": pd.Categorical(rate) if rate_dtype == "category" else rate.astype(object),
            "high_leakage": (rate != "general") & (rng.random(N) < 0.5),
            "offsets": offsets,
        }
    )


def by_hand(df: pd.DataFrame) -> np.ndarray:
    """The fee of every plant in numpy, as one would write it (2025 rules, float arithmetic)."""
    annual = df["emissions"].to_numpy()
    offsets = df["offsets"].to_numpy()
    high = df["high_leakage"].to_numpy()
    rate = df["rate"]
    if isinstance(rate.dtype, pd.CategoricalDtype):
        per_class = np.array([{"general": 300.0, "A": 50.0, "B": 100.0}[c] for c in rate.cat.categories])
        price = per_class[rate.cat.codes.to_numpy()]
        plan = (np.array([c != "general" for c in rate.cat.categories]))[rate.cat.codes.to_numpy()]
    else:
        text = rate.to_numpy()
        price = np.where(text == "general", 300.0, np.where(text == "A", 50.0, 100.0))
        plan = text != "general"
    k = np.where(high, 0.0, 25_000.0)
    coefficient = np.where(high & plan, 0.2, 1.0)
    chargeable = np.floor(np.maximum(annual - k, 0.0) * coefficient * 1000 + 0.5) / 1000
    chargeable[annual < 25_000] = 0.0
    allowed = np.minimum(offsets, chargeable * 0.1)
    return np.floor((chargeable - allowed) * price)


def main() -> None:
    from carbonaudit import fee

    fee.frame(plants(3, "category").iloc[:10], year=2025)  # load the rules once
    print(f"numpy {np.__version__}, pandas {pd.__version__}, Python {sys.version.split()[0]}")
    rows = [("1,000,000 plants", "fee.frame", "numpy by hand", "ratio", "target", "fees the float version gets wrong")]
    for label, decimals, dtype in (
        ("emissions to the kg (3 decimals), rate categorical", 3, "category"),
        ("emissions to the kg, rate as text", 3, "object"),
        ("emissions to 4 decimals (half-up ties)", 4, "category"),
        ("emissions as any float", None, "category"),
    ):
        df = plants(decimals, dtype)
        ours = fee.frame(df, year=2025)["fee_TWD"].to_numpy()
        theirs = by_hand(df)
        wrong = int(np.count_nonzero(ours != theirs))
        t_lib = statistics.median(timeit.repeat(lambda df=df: fee.frame(df, year=2025), number=1, repeat=7))
        t_hand = statistics.median(timeit.repeat(lambda df=df: by_hand(df), number=1, repeat=7))
        rows.append(
            (label, f"{t_lib * 1e3:.0f} ms", f"{t_hand * 1e3:.0f} ms", f"{t_lib / t_hand:.2f}", "<= 2", f"{wrong:,}")
        )
    print_table(rows)


if __name__ == "__main__":
    main()
