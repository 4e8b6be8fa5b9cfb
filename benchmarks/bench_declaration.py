"""Benchmark of declaration validation (issue 6).

Run: ``python benchmarks/bench_declaration.py`` from the repository root. Prints, in one run:

* reading and validating the full example declaration, per declaration after warm-up
  (target <= 20 ms);
* 1,000 declarations (a regulator's year of filings: the example with varied capacities and
  monthly use) read from dicts and validated in one batch (target <= 20 s).
"""

from __future__ import annotations

import copy
import statistics
import sys
import time
import timeit
from pathlib import Path

import numpy as np
import yaml

from _table import print_table


def main() -> None:
    from carbonaudit.declaration import Declaration, validate

    raw = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / "examples" / "office_declaration.yaml").read_text("utf-8")
    )

    def one() -> int:
        return len(validate(Declaration.model_validate(raw)))

    one()  # warm-up: factor data, rules, measure codes are loaded once per process
    t_one = statistics.median(timeit.repeat(one, number=20, repeat=7)) / 20

    rng = np.random.default_rng(6)
    filings = []
    for _ in range(1000):
        doc = copy.deepcopy(raw)
        doc["basic"]["meters"][0]["contract_capacity"]["value"] = float(rng.uniform(801, 20_000))
        scale = rng.uniform(0.8, 1.2)
        for month in doc["electricity"][0]["months"]:
            for key in ("peak", "semi_peak", "saturday_semi_peak", "off_peak"):
                month[key] = month[key] * scale
        for part in doc["balances"]["electricity"].values():
            part["value"] *= scale
        doc["savings"]["renewables"][0]["generated"]["value"] *= scale  # keeps the balance whole
        filings.append(doc)
    t0 = time.perf_counter()
    errors = sum(sum(f.severity == "error" for f in validate(Declaration.model_validate(doc))) for doc in filings)
    t_batch = time.perf_counter() - t0

    print(f"numpy {np.__version__}, Python {sys.version.split()[0]}")
    rows = [
        ("case", "time", "target"),
        ("read + validate the example declaration", f"{t_one * 1e3:.2f} ms", "<= 20 ms"),
        (f"1,000 declarations in one batch ({errors} error findings)", f"{t_batch:.2f} s", "<= 20 s"),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
