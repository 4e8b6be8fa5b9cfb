"""Shared by the DataFrame entry points (private): ``emissions.frame``, ``savings.frame``,
``chiller.frame`` and ``inventory.compute_frame``.

Column checks, numbers checked in one pass, text values (units, periods, codes) parsed once per
distinct value, and combinations of key columns numbered without a Python loop per row; every
error names the row by its index label.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .errors import CarbonAuditError, InvalidValueError
from .units import check_amount


def index_label(df: Any, position: int) -> Any:
    """The index label of the row at *position*, as a plain Python value (for messages)."""
    label = df.index[position]
    return label.item() if isinstance(label, np.generic) else label


def row_label(df: Any, mask: Any) -> str:
    """``"row <label>"`` of the first row where *mask* holds."""
    return f"row {index_label(df, int(np.flatnonzero(mask)[0]))!r}"


def require_columns(df: Any, **named: str | None) -> None:
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise InvalidValueError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    for what, column in named.items():
        if column is not None and column not in df.columns:
            raise InvalidValueError(
                f"df has no {what} column {column!r} (columns: {', '.join(map(str, df.columns))}); "
                f"name it with {what}=..."
            )


def numbers(df: Any, column: str, what: str, *, allow_negative: bool = False) -> Any:
    try:
        values = df[column].to_numpy(dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidValueError(f"df[{column!r}] ({what}) must hold numbers: {exc}") from None
    try:
        check_amount(values, f"df[{column!r}]", allow_negative=allow_negative)
    except InvalidValueError:
        bad = ~np.isfinite(values) if allow_negative else ~(np.isfinite(values) & (values >= 0))
        wanted = "finite" if allow_negative else "finite and non-negative"
        raise InvalidValueError(
            f"df[{column!r}] {row_label(df, bad)}: {what} must be {wanted}, got {float(values[bad][0])!r}"
        ) from None
    return values


def per_distinct(df: Any, column: str, parse: Any) -> Any:
    """``parse`` applied once to each distinct value of a column, gathered back to the rows."""
    import pandas as pd

    codes, uniques = pd.factorize(df[column], use_na_sentinel=True)
    if (codes < 0).any():
        raise InvalidValueError(f"df[{column!r}] {row_label(df, codes < 0)}: the cell is empty")
    parsed = []
    for k, value in enumerate(uniques):
        try:
            parsed.append(parse(value))
        except CarbonAuditError as exc:
            raise type(exc)(f"df[{column!r}] {row_label(df, codes == k)} ({value!r}): {exc}") from exc
    return np.asarray(parsed).take(codes) if parsed else np.empty(0, dtype=np.int64)


def _codes(df: Any, column: str) -> tuple[Any, Any]:
    """Integer codes of a key column (-1 for a missing cell) and the values they stand for.

    Categoricals have theirs already; small-ranged integers (years) are offsets; anything else
    is hashed by :func:`pandas.factorize`.
    """
    import pandas as pd

    series = df[column]
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), series.cat.categories
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "iu" and len(series):  # not nullable Int64
        values = series.to_numpy()
        low, high = int(values.min()), int(values.max())
        if high - low < 4096:
            return values.astype(np.int64) - low, pd.Index(np.arange(low, high + 1))
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes, uniques


def combinations(df: Any, columns: list[str]) -> tuple[Any, Any]:
    """Number the distinct combinations of values of *columns*, without a Python loop per row.

    Returns ``(combo_of_row, some_row)``: the combination number (0 to k-1) of every row, and for
    each combination the position of one of its rows. A missing cell is a value like any other.
    Each column is coded (categoricals by their codes, small-ranged integers by offset, anything
    else by :func:`pandas.factorize`), the codes are packed into one integer key per row, and the
    keys are numbered through a look-up table where the key space is small, else by hashing.
    """
    import pandas as pd

    n = len(df)
    combined = np.zeros(n, dtype=np.int64)
    size = 1
    for column in columns:
        codes, uniques = _codes(df, column)
        if size * (len(uniques) + 1) >= 2**62:  # packing would overflow int64: renumber the key so far
            combined, seen = pd.factorize(combined)
            size = len(seen)
        combined *= len(uniques) + 1
        combined += codes  # in int64: the codes may be int8 (a categorical's), which must not overflow
        combined += 1
        size *= len(uniques) + 1
    if size <= max(4 * n, 1 << 16):
        present = np.zeros(size, dtype=bool)
        present[combined] = True
        keys_present = np.flatnonzero(present)
        lookup = np.empty(size, dtype=np.int64)
        lookup[keys_present] = np.arange(keys_present.size)
        combo_of_row = lookup[combined]
        some_row = np.empty(keys_present.size, dtype=np.int64)
        some_row[combo_of_row] = np.arange(n)  # a row of each combination (which one does not matter)
        return combo_of_row, some_row
    combo_of_row, _ = pd.factorize(combined)
    return combo_of_row, pd.Series(combo_of_row).drop_duplicates().index.to_numpy()
