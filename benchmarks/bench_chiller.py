"""Benchmark of ``chiller.from_log`` against a hand-written pandas computation (issue 5).

Run: ``python benchmarks/bench_chiller.py`` (needs pandas). A year of one-minute data for one
chiller group (525,600 rows: time, flow, supply and return temperature, power). Prints, in one run:

* ``from_log`` vs a straightforward numpy/pandas computation of the same monthly table (RTh, kWh,
  kW/RT): targets ratio <= 2 and <= 0.5 s;
* peak extra memory of ``from_log`` relative to the input's bytes (target <= 4).
"""

from __future__ import annotations

import statistics
import sys
import timeit
import tracemalloc

import numpy as np
import pandas as pd

from _table import print_table


def main() -> None:
    from carbonaudit import Q_, chiller

    rng = np.random.default_rng(5)
    n = 525_600
    time = np.datetime64("2023-01-01T00:00", "ns") + np.arange(n) * np.timedelta64(60, "s")
    flow = rng.uniform(5_000, 15_000, n)  # L/min
    supply = rng.uniform(6.5, 7.5, n)  # degC
    ret = supply + rng.uniform(3, 6, n)
    power = rng.uniform(500, 900, n)  # kW
    input_bytes = time.nbytes + flow.nbytes + supply.nbytes + ret.nbytes + power.nbytes
    q_flow, q_supply, q_ret, q_power = Q_(flow, "L/min"), Q_(supply, "degC"), Q_(ret, "degC"), Q_(power, "kW")

    def library() -> object:
        return chiller.from_log(time=time, flow=q_flow, supply=q_supply, ret=q_ret, power=q_power)

    def by_hand() -> pd.DataFrame:
        # Each sample holds until the next, as in from_log; 1 USRT = 3,024 kcal/h, water 1 kg/L, 1 kcal/(kg °C).
        hours = np.append(np.diff(time).astype("timedelta64[s]").astype(np.float64) / 3600, 0.0)
        rt = flow * 60 * (ret - supply) / 3024
        frame = pd.DataFrame({"RTh": rt * hours, "kWh": power * hours}, index=pd.DatetimeIndex(time))
        monthly = frame.resample("MS").sum()
        monthly["kW_per_RT"] = monthly["kWh"] / monthly["RTh"]
        return monthly

    ours = library()
    theirs = by_hand()
    np.testing.assert_allclose(ours.monthly_rth, theirs["RTh"].to_numpy(), rtol=1e-9)  # type: ignore[attr-defined]
    np.testing.assert_allclose(ours.monthly_kwh, theirs["kWh"].to_numpy(), rtol=1e-9)  # type: ignore[attr-defined]

    t_lib = statistics.median(timeit.repeat(library, number=1, repeat=7))
    t_hand = statistics.median(timeit.repeat(by_hand, number=1, repeat=7))
    tracemalloc.start()
    library()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"numpy {np.__version__}, pandas {pd.__version__}, Python {sys.version.split()[0]}")
    rows = [
        ("case", "carbonaudit", "hand-written", "ratio", "target"),
        (
            "from_log, 525,600 one-minute rows",
            f"{t_lib * 1e3:.1f} ms",
            f"{t_hand * 1e3:.1f} ms",
            f"{t_lib / t_hand:.2f}",
            "<= 2 and <= 500 ms",
        ),
        (
            "peak memory of from_log",
            f"{peak / 1e6:.1f} MB",
            f"{input_bytes / 1e6:.1f} MB (input)",
            f"{peak / input_bytes:.2f}",
            "<= 4",
        ),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
