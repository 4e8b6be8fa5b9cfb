"""Shared by the DataFrame entry points (private): ``emissions.frame``, ``savings.frame``,
``chiller.frame`` and ``inventory.compute_frame``.

Column checks, numbers checked in one pass, text values (units, periods, codes) parsed once per
distinct value, and combinations of key columns numbered without a Python loop per row; every
error names the row by its index label.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from ._optional import require
from .errors import CarbonAuditError, InvalidValueError
from .periods import _shown
from .units import MAX_AMOUNT, check_amount


def index_label(df: Any, position: int) -> Any:
    """The index label of the row at *position*, as a plain Python value (for messages)."""
    label = df.index[position]
    return label.item() if isinstance(label, np.generic) else label


def row_label(df: Any, mask: Any) -> str:
    """``"row <label>"`` of the first row where *mask* holds."""
    return f"row {index_label(df, int(np.flatnonzero(mask)[0]))!r}"


def require_columns(df: Any, **named: str | None) -> None:
    pd = require("pandas", "the DataFrame entry points")

    if not isinstance(df, pd.DataFrame):
        raise InvalidValueError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    for what, column in named.items():
        if column is not None and column not in df.columns:
            raise InvalidValueError(
                f"df has no {what} column {column!r} (columns: {', '.join(map(str, df.columns))}); "
                f"name it with {what}=..."
            )


# What pandas.api.types.infer_dtype calls a column of objects that numpy may convert as a whole:
# numbers, Decimals or text only (no bool, which numpy would read as 1.0, and no other objects).
_ONE_KIND = frozenset({"empty", "integer", "floating", "mixed-integer-float", "decimal", "string"})


def numbers(df: Any, column: str, what: str, *, allow_negative: bool = False) -> Any:
    """Column *column* of *df* as float64, every value checked as an amount; errors name the cell.

    The one reader of numeric columns of the DataFrame entry points. A column of numbers (numpy or
    nullable integer and float dtypes) is converted without a copy for float64 and checked by
    :func:`~carbonaudit.units.check_amount` in one reduction: NaN, infinities, negatives (unless
    *allow_negative*) and magnitudes above :data:`~carbonaudit.units.MAX_AMOUNT` (1e30) are refused.
    Booleans, complex numbers, dates and durations are not amounts and are refused by dtype; a
    column of objects or text is converted cell by cell by numpy (numeric text and ``Decimal``
    are numbers), and only a column mixing types is walked in Python, to refuse a bool or a
    Quantity among the numbers. Every error names the column, the row's index label and the value,
    with the fix (``"12,000"``: ``pandas.read_csv(..., thousands=',')`` or ``pandas.to_numeric``).

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    column : str
        The column to read.
    what : str
        What the column holds, for messages (``"annual savings"``, ``"amount"``).
    allow_negative : bool, default False
        Accept negative values; NaN, infinities and magnitudes above 1e30 are still refused.

    Returns
    -------
    numpy.ndarray
        The values [the column's own unit], float64, one per row.

    Raises
    ------
    InvalidValueError
        For a column named twice, a column of booleans, complex numbers, dates or durations, a cell
        that is not a number (text such as ``"12,000"``, a bool, a Quantity, an int beyond float64's
        range), or a value that is NaN, infinite, above 1e30 in magnitude or (unless
        *allow_negative*) negative; the message names the column, the row and the value.
    """
    pd = require("pandas", "the DataFrame entry points")

    series = df[column]
    if isinstance(series, pd.DataFrame):
        raise InvalidValueError(f"df has more than one column named {column!r}")
    dtype = series.dtype
    inspected = series.cat.categories if isinstance(dtype, pd.CategoricalDtype) else series
    kind = inspected.dtype.kind
    if kind in "bcmM":  # numpy would turn booleans, dates and durations into numbers silently
        held = f"{dtype} values of {inspected.dtype}" if inspected is not series else f"{dtype} values"
        raise InvalidValueError(
            f"df[{column!r}] holds {held}, not numbers: give the {what} itself, as numbers in the row's unit "
            "(a bool, complex, date or duration column is never read as amounts)"
        )
    if kind == "O" and pd.api.types.infer_dtype(inspected, skipna=True) not in _ONE_KIND:
        values = _cells(df, column, what)  # bools or other types among the numbers: numpy would take True as 1.0
    else:
        try:
            if isinstance(dtype, np.dtype):
                values = series.to_numpy(dtype=np.float64)  # no copy for float64
            else:  # nullable and extension dtypes: a missing cell is NaN (refused below, by row)
                values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError, OverflowError, ArithmeticError):
            values = _cells(df, column, what)  # finds and names the cell that is not a number
    try:
        check_amount(values, f"df[{column!r}]", allow_negative=allow_negative)
    except InvalidValueError:
        with np.errstate(invalid="ignore"):
            good = np.isfinite(values) & (np.abs(values) <= MAX_AMOUNT)
            if not allow_negative:
                good &= values >= 0
        bad = ~good
        if not bad.any():
            raise
        position = int(np.flatnonzero(bad)[0])
        # The scalar check words the message as for any amount; the name gives the column and row.
        check_amount(
            float(values[position]), f"df[{column!r}] {row_label(df, bad)}: {what}", allow_negative=allow_negative
        )
        raise
    return values


def _cells(df: Any, column: str, what: str) -> Any:
    """The cells of a column of objects or text as float64, or an error naming the first that is not a number.

    Reached only for a column that numpy cannot convert as a whole, or that mixes types.
    """
    pd = require("pandas", "the DataFrame entry points")

    cells = np.asarray(df[column], dtype=object).ravel()
    out = np.empty(cells.size, dtype=np.float64)
    for position, cell in enumerate(cells):
        if cell is None or cell is pd.NA:
            out[position] = np.nan  # a missing cell: refused as NaN, by row, with the other bad values
            continue
        if isinstance(cell, (bool, np.bool_)):
            fix = "a bool is not an amount: give the figure itself"
        elif isinstance(cell, (int, float, np.integer, np.floating, Decimal, Fraction, str)):
            try:
                out[position] = float(cell)
                continue
            except OverflowError:
                fix = "it is beyond float64's range (about 1.8e308): check the figure and the decimal point"
            except ValueError:
                if isinstance(cell, str) and "," in cell:
                    fix = (
                        "strip the thousands separators: read the file with pandas.read_csv(..., thousands=',') "
                        f"or convert with pandas.to_numeric(df[{column!r}].str.replace(',', ''))"
                    )
                else:
                    fix = (
                        f"give numbers only (the unit goes in its own column); convert text with "
                        f"pandas.to_numeric(df[{column!r}])"
                    )
        else:
            fix = f"a {type(cell).__name__} is not a number: give the figure itself in the row's unit"
        raise InvalidValueError(
            f"df[{column!r}] row {index_label(df, position)!r}: {what} must be a number, got {_shown(cell)}; {fix}"
        )
    return out


def per_distinct(df: Any, column: str, parse: Any) -> Any:
    """``parse`` applied once to each distinct value of a column, gathered back to the rows."""
    pd = require("pandas", "the DataFrame entry points")

    codes, uniques = pd.factorize(df[column], use_na_sentinel=True)
    if (codes < 0).any():
        raise InvalidValueError(f"df[{column!r}] {row_label(df, codes < 0)}: the cell is empty")
    parsed = []
    for k, value in enumerate(uniques):
        try:
            parsed.append(parse(value))
        except CarbonAuditError as exc:
            raise exc.within(f"df[{column!r}] {row_label(df, codes == k)} ({value!r}): ") from exc
    return np.asarray(parsed).take(codes) if parsed else np.empty(0, dtype=np.int64)


def _codes(df: Any, column: str) -> tuple[Any, Any]:
    """Integer codes of a key column (-1 for a missing cell) and the values they stand for.

    Categoricals have theirs already; booleans are 0 and 1; small-ranged integers (years) are offsets; anything else
    is hashed by :func:`pandas.factorize`.
    """
    pd = require("pandas", "the DataFrame entry points")

    series = df[column]
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), series.cat.categories
    if isinstance(series.dtype, np.dtype) and series.dtype.kind == "b":  # numpy bool: its own codes
        return series.to_numpy().view(np.int8), pd.Index([False, True], dtype=bool)
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
    pd = require("pandas", "the DataFrame entry points")

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


def packed(df: Any, columns: list[str]) -> tuple[Any, Any] | None:
    """Each row's combination of the values of *columns* as one integer key, and a row of each key.

    Returns ``(key_of_row, some_row)``: the key of every row (0 to k-1, the columns' codes packed,
    a missing cell a value like any other) and, for each key, the position of one of its rows, or
    -1 where no row has it. Cheaper than :func:`combinations` (no renumbering), for columns of few
    values: None when there would be more than max(4n, 65536) keys.
    """
    n = len(df)
    limit = max(4 * n, 1 << 16)
    coded = []
    size = 1
    for column in columns:
        codes, uniques = _codes(df, column)
        size *= len(uniques) + 1
        if size > limit:
            return None
        coded.append((codes, len(uniques) + 1))
    key = np.zeros(n, dtype=np.intp)
    for codes, count in coded:
        key *= count
        key += codes  # in intp: the codes may be int8 (a categorical's or a bool's)
        key += 1
    some_row = np.full(size, -1, dtype=np.intp)
    some_row[key] = np.arange(n)  # a row of each key (which one does not matter)
    return key, some_row
