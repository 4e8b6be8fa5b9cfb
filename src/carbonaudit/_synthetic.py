"""Generated activity rows for scale tests and benchmarks (private).

The rows are synthetic: random amounts of the fuels, units and uses an energy manager records
(diesel and gasoline for vehicles, fuel oil, LPG, natural gas, coal, electricity by year), drawn
from a seeded generator so that a partition is the same wherever it is built (a Dask worker or
the test process). Nothing here is a factor or a published figure.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._optional import require

#: (fuel, unit, use, amount range) of each kind of row; "" use means stationary.
_KINDS: tuple[tuple[str, str, str, float], ...] = (
    ("diesel", "L", "mobile", 2_000.0),
    ("motor_gasoline", "L", "mobile", 2_000.0),
    ("diesel", "kL", "stationary", 50.0),
    ("fuel_oil", "L", "stationary", 20_000.0),
    ("lpg", "L", "stationary", 5_000.0),
    ("natural_gas", "m**3", "stationary", 50_000.0),
    ("natural_gas", "千立方公尺", "stationary", 50.0),
    ("fuel_coal", "t", "stationary", 500.0),
    ("electricity", "kWh", "", 1_000_000.0),
    ("electricity", "度", "", 100_000.0),
)
_YEARS = np.arange(2015, 2025)


def activity_rows(n: int, seed: int, *, categorical: bool = True) -> Any:
    """A DataFrame of *n* generated activity rows: fuel, unit, use, year, amount.

    Parameters
    ----------
    n : int
        Number of rows.
    seed : int
        Seed of the generator; the same seed gives the same rows.
    categorical : bool, default True
        Fuel, unit and use as pandas categoricals (as a large data set is best stored) or as
        strings (as read from a CSV file).

    Returns
    -------
    pandas.DataFrame
    """
    pd = require("pandas", "the synthetic activity table")

    rng = np.random.default_rng(seed)
    kind = rng.integers(0, len(_KINDS), n)
    scale = np.array([k[3] for k in _KINDS])
    columns: dict[str, Any] = {}
    for j, name in enumerate(("fuel", "unit", "use")):
        labels = [k[j] for k in _KINDS]
        categories = list(dict.fromkeys(labels))
        codes = np.array([categories.index(label) for label in labels], dtype=np.int8)[kind]
        column = pd.Categorical.from_codes(codes, categories=pd.Index(categories))
        columns[name] = column if categorical else np.asarray(column, dtype=object)
    columns["year"] = rng.choice(_YEARS, n)
    columns["amount"] = rng.uniform(0.0, 1.0, n) * scale[kind]
    return pd.DataFrame(columns)
