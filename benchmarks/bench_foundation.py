"""Benchmarks of the foundation engines against raw numpy and hand-written pint (issue 3).

Run: ``python benchmarks/bench_foundation.py`` (after ``pip install -e .``). Prints, measured in
this one run:

(a) ``emissions.co2`` over a 1,000,000-element array Quantity vs the same arithmetic in raw numpy
    (target: ratio <= 2);
(b) one scalar ``emissions.co2`` call vs the same conversion by hand in pint,
    ``(q * factor).to("kg")`` with string units (target: ratio <= 1);
(c) ``python -c "import carbonaudit"`` vs ``python -c "import pint; pint.UnitRegistry()"``
    (target: ratio <= 1.3);
(d) peak extra memory of (a) relative to the input array's bytes (target: <= 3).

This is a measurement script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc

import numpy as np

from _table import print_table


def best_of(stmt, number: int, repeat: int = 7) -> float:  # type: ignore[no-untyped-def]
    """Median over *repeat* runs of the time per call [s]."""
    times = timeit.repeat(stmt, number=number, repeat=repeat)
    return statistics.median(times) / number


def wall(cmd: list[str], repeat: int = 9) -> float:
    """Median wall time of a fresh interpreter running *cmd* [s]."""
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


def main() -> None:
    from carbonaudit import Q_, emissions, factors, ureg

    fs = factors.load("ntpc-award-2015")
    rows: list[tuple[str, str, str, str, str]] = []

    # (a) array: 1e6 litres of diesel, recommended factor (one multiply)
    rng = np.random.default_rng(0)
    litres = rng.uniform(0, 5000, 1_000_000)
    q = Q_(litres, "L")
    factor = fs.fuel("O05").recommended.value  # read from the data, as the engine does
    emissions.co2(q, "O05", fs)  # warm the conversion cache
    t_lib = best_of(lambda: emissions.co2(q, "O05", fs), number=20)
    t_np = best_of(lambda: litres * factor, number=20)
    rows.append(
        (
            "(a) co2, 1e6-element array",
            f"{t_lib * 1e3:.3f} ms",
            f"{t_np * 1e3:.3f} ms (numpy a*f)",
            f"{t_lib / t_np:.2f}",
            "<= 2",
        )
    )

    # (a') the same through the heat-value method (still one multiply by a cached scalar)
    emissions.co2(q, "O05", fs, method="heat_value")
    t_hv = best_of(lambda: emissions.co2(q, "O05", fs, method="heat_value"), number=20)
    rows.append(
        (
            "(a') co2 heat-value method, 1e6",
            f"{t_hv * 1e3:.3f} ms",
            f"{t_np * 1e3:.3f} ms (numpy a*f)",
            f"{t_hv / t_np:.2f}",
            "<= 2",
        )
    )

    # (b) scalar: library call vs pint by hand with string units
    s = Q_(1000.0, "L")
    hand_factor = Q_(factor, "kg/L")
    emissions.co2(s, "O05", fs)
    t_call = best_of(lambda: emissions.co2(s, "O05", fs), number=2000)
    t_hand = best_of(lambda: (s * hand_factor).to("kg"), number=2000)
    rows.append(
        (
            "(b) co2, one scalar",
            f"{t_call * 1e6:.1f} us",
            f"{t_hand * 1e6:.1f} us ((q*f).to('kg'))",
            f"{t_call / t_hand:.2f}",
            "<= 1",
        )
    )

    # (c) import time, fresh interpreters
    t_imp = wall([sys.executable, "-c", "import carbonaudit"])
    t_pint = wall([sys.executable, "-c", "import pint; pint.UnitRegistry()"])
    rows.append(
        (
            "(c) import carbonaudit",
            f"{t_imp * 1e3:.0f} ms",
            f"{t_pint * 1e3:.0f} ms (pint.UnitRegistry())",
            f"{t_imp / t_pint:.2f}",
            "<= 1.3",
        )
    )

    # (d) peak extra memory of (a): input in kL, so the engine converts units too (worst case)
    q_kl = Q_(litres / 1000, "kL")
    emissions.co2(q_kl, "O05", fs)
    for label, amount in (("L (no conversion)", q), ("kL (unit conversion)", q_kl)):
        tracemalloc.start()
        result = emissions.co2(amount, "O05", fs)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del result
        rows.append(
            (
                f"(d) peak memory of (a), input in {label}",
                f"{peak / 1e6:.1f} MB",
                f"{litres.nbytes / 1e6:.1f} MB (input)",
                f"{peak / litres.nbytes:.2f}",
                "<= 3",
            )
        )

    print(f"numpy {np.__version__}, pint {__import__('pint').__version__}, Python {sys.version.split()[0]}")
    print_table([("case", "carbonaudit", "baseline", "ratio", "target"), *rows])
    _ = ureg


if __name__ == "__main__":
    main()
