"""Shared by the DataFrame entry points ``savings.frame`` and ``chiller.frame`` (private).

Column checks, numbers checked in one pass, and text values (units, periods, codes) parsed once per
distinct value, not once per row; every error names the row by its index label.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .errors import CarbonAuditError, InvalidValueError
from .units import check_amount


def row_label(df: Any, mask: Any) -> str:
    position = int(np.flatnonzero(mask)[0])
    label = df.index[position]
    return f"row {label.item() if isinstance(label, np.generic) else label!r}"


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
