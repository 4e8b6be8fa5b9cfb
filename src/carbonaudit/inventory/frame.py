"""Vectorised inventory over a pandas DataFrame of activity records (for thousands of agencies).

The records' distinct combinations (kind, fuel, use, unit, gas, equipment class, leak rate, agent)
are few: each is computed once through :func:`~carbonaudit.inventory.compute` on a unit amount,
and the per-unit results are joined back to every row; no Python loop runs per record.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, NoReturn

import numpy as np
from pydantic import ValidationError

from .._batch import combinations, index_label
from .._optional import require
from ..errors import CarbonAuditError, InvalidValueError
from ..factors.models import _grid_category
from ..periods import _shown
from ..units import MAX_AMOUNT, check_amount
from .compute import _YEAR_RANGE, CATEGORIES, _check_tree, _check_year, _iso_category, compute
from .models import ActivityRecord, OrgTree, _check_amount_unit

__all__ = ["compute_frame", "roll_up"]

_LINE_COLUMNS = (
    "scope",
    "iso_category",
    "scope2_method",
    "category",
    "source",
    "gas",
    "per_mass_kg",
    "per_co2e_kg",
    "factor_ids",
)
_TEXT = {"scope2_method", "category", "source", "gas", "factor_ids"}

_REQUIRED = ("org", "year", "kind", "value", "unit")

_KEY = [
    "kind",
    "fuel",
    "use",
    "unit",
    "gas",
    "equipment_class",
    "leak_rate",
    "agent",
    "origin",
    "grid_category",
    "emission_factor_value",
    "emission_factor_unit",
]


def compute_frame(
    tree: OrgTree,
    records: Any,
    factor_set: Any = None,
    *,
    gwp: str | None = None,
    year: int,
    grid_category: str = "average",
) -> Any:
    """The inventory register of *year* from a DataFrame of records, one row per record × gas.

    Emission = activity × factor (× GWP), as :func:`~carbonaudit.inventory.compute` (government-inventory;
    moenv-2024-ef); market-based scope 2 rows are added where a supplier factor is given.

    The arguments come in :func:`~carbonaudit.inventory.compute`'s order: the tree, then the
    records (a call in the old order, records first, is refused with the order said).

    Parameters
    ----------
    tree : OrgTree
        The organisations; every record's org must be in it.
    records : pandas.DataFrame
        Columns as ``examples/inventory_records.csv``: org, year, kind, value, unit and, where they
        apply, fuel, use, gas, equipment_class, leak_rate, agent, origin, grid_category,
        supplier_factor_value (kg/kWh, or in supplier_factor_unit; for electricity rows, empty
        where there is none), emission_factor_value and emission_factor_unit (kg CO2e per unit,
        for purchased_heat/process).
    factor_set, gwp, year, grid_category
        As in :func:`~carbonaudit.inventory.compute`, which gives the same numbers (the default
        set is the one of *year*).

    Returns
    -------
    pandas.DataFrame
        Columns org, record (the row's index), scope, iso_category (the ISO 14064-1 category 1-6 of
        :attr:`~carbonaudit.inventory.Line.iso_category`), scope2_method, category, category_zh,
        source, gas, mass_kg [kg], co2e_t [t CO2e], factor_ids.

    Raises
    ------
    InvalidValueError
        If *tree* is not an OrgTree (the records given first, the old order: the message says the
        order); for records that are not a DataFrame or lack a required column (naming them); a year that
        is not a whole AD year 1912-2211 (NaN, empty, 2024.5, an ROC year such as 113, a bool, an
        int beyond float64's range), in any row, since it would match no year; an organisation not
        in the tree; a value that is missing, NaN, infinite, negative, above 1e30, a bool (never 1
        or 0), a Quantity, an int beyond float64's range or text that is not a number
        (``"12,000"``; numeric text and ``Decimal`` cells are read as numbers); a supplier_factor_value that is not a number or is negative or above
        1e30; a leak_rate or emission_factor_value that is not a number (a bool), or an invalid
        record. The message names the row (``records[<index label>]``), the column and the value.
    PeriodError
        If *year* is not an AD year as int 1912-2211 (an ROC year such as 113, ``"2024"``), which
        no row could match.
    FactorNotFoundError, UnitsError
        As :func:`~carbonaudit.inventory.compute`, naming the first row of the combination: a unit
        its kind cannot take (electricity in kvar·h, kVA·h or litres; a refrigerant not in a mass)
        is a UnitsError showing the row's own amount; a supplier_factor_unit not convertible to
        kg/kWh names its row.

    Examples
    --------
    >>> import pandas as pd
    >>> from carbonaudit.inventory import Organisation, OrgTree
    >>> tree = OrgTree([Organisation(id="team", name="盤查小組"), Organisation(id="a", name="A局", parent="team")])
    >>> df = pd.DataFrame({"org": ["a", "a"], "year": [2024, 2023], "kind": ["electricity"] * 2,
    ...                    "value": [10_000.0, 9_000.0], "unit": ["kWh"] * 2})
    >>> compute_frame(tree, df, year=2024)[["org", "source", "gas", "co2e_t"]].to_dict("records")
    [{'org': 'a', 'source': 'purchased_electricity', 'gas': 'CO2e', 'co2e_t': 4.74}]
    """
    pd = require("pandas", "inventory.compute_frame")

    _check_tree(tree, records, "compute_frame", "df")
    year = _check_year(year)
    _grid_category(grid_category, "grid_category")
    _require_columns(records)
    # Every record must have a whole AD year before the filter: one that compares unequal to every
    # year (NaN, "", 2024.5, <NA>, ROC 113) would otherwise drop out of every inventory unseen.
    years = _years(records)
    df = records[years == year]
    if df.empty:
        return _empty(records)
    for column in _KEY:
        if column not in df:
            df = df.assign(**{column: None})
    values = _amounts(df, "value", "records")
    known = df["org"].isin([o.id for o in tree]).to_numpy()
    if not known.all():
        bad = int(np.flatnonzero(~known)[0])
        raise InvalidValueError(
            f"records[{index_label(df, bad)}]: organisation {_cell(df, 'org', bad)!r} is not in the tree"
        )
    # Each distinct combination of the key columns is computed once, on a unit amount; every row
    # then takes its combination's lines (one per gas) by integer gathers, not a join on the keys.
    combo_of_row, some_row = combinations(df, _KEY)
    combos = df.iloc[some_row][_KEY].astype(object)
    combos = combos.where(combos.notna(), None)
    lines: dict[str, list[Any]] = {c: [] for c in _LINE_COLUMNS}
    n_lines = np.zeros(len(some_row), dtype=np.int64)
    for k, combo in enumerate(combos.itertuples(index=False)):  # one per combination
        first = int(np.flatnonzero(combo_of_row == k)[0])  # the first record of the combination, by position
        inv = _unit_inventory(df, first, combo, tree, factor_set, gwp, year, float(values[first]), grid_category)
        for ln in inv.lines:
            if ln.scope2_method == "market":
                continue
            n_lines[k] += 1
            for column, value in zip(
                _LINE_COLUMNS,
                (
                    ln.scope,
                    ln.iso_category,
                    ln.scope2_method or "",
                    ln.category,
                    ln.source,
                    ln.gas,
                    ln.mass_kg,
                    ln.co2e_kg,
                    ";".join(t.name for t in ln.factors),
                ),
                strict=True,
            ):
                lines[column].append(value)
    if (n_lines == 0).any():  # every kind yields at least one line; a record must never vanish silently
        k = int(np.flatnonzero(n_lines == 0)[0])
        raise InvalidValueError(f"records[{index_label(df, int(some_row[k]))}]: the record gives no emission line")

    # Row i of the records has lines starts[c] ... starts[c] + n_lines[c] - 1 of its combination c.
    starts = np.cumsum(n_lines) - n_lines
    per_row = n_lines[combo_of_row]
    record_of = np.repeat(np.arange(len(df)), per_row)
    line_of = np.repeat(starts[combo_of_row], per_row) + (
        np.arange(int(per_row.sum())) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    )
    # Text is gathered in pandas' own string dtype (Arrow-backed from pandas 3): converting object
    # arrays of every row would cost more than the whole computation.
    text = {c: pd.Series(lines[c]).array for c in _TEXT}
    number = {c: np.asarray(lines[c]) for c in _LINE_COLUMNS if c not in _TEXT}
    category = text["category"].take(line_of)
    category_zh = pd.Series([CATEGORIES[c] for c in lines["category"]]).array.take(line_of)
    value_of = values.take(record_of)
    out = pd.DataFrame(
        {
            "org": df["org"].array.take(record_of),
            "record": df.index.to_numpy().take(record_of),
            "scope": number["scope"].take(line_of),
            "iso_category": number["iso_category"].take(line_of),
            "scope2_method": text["scope2_method"].take(line_of),
            "category": category,
            "category_zh": category_zh,
            "source": text["source"].take(line_of),
            "gas": text["gas"].take(line_of),
            "mass_kg": value_of * number["per_mass_kg"].take(line_of),
            "co2e_t": value_of * number["per_co2e_kg"].take(line_of) / 1000,
            "factor_ids": text["factor_ids"].take(line_of),
        }
    )
    market = _market(df, values)
    if market is not None:
        rows, kg = market
        out = pd.concat(
            [
                out,
                pd.DataFrame(
                    {
                        "org": df["org"].array.take(rows),
                        "record": df.index.to_numpy().take(rows),
                        "scope": 2,
                        "iso_category": _iso_category("purchased_electricity", "stationary_energy"),
                        "scope2_method": "market",
                        "category": "stationary_energy",
                        "category_zh": CATEGORIES["stationary_energy"],
                        "source": "purchased_electricity",
                        "gas": "CO2e",
                        "mass_kg": kg,
                        "co2e_t": kg / 1000,
                        "factor_ids": "supplier_factor",
                    }
                ),
            ],
            ignore_index=True,
        )
    return out


def _cell(df: Any, column: str, position: int) -> Any:
    """The cell of *column* in the row at *position* (by position: labels may repeat), as a plain value."""
    value = df[column].iat[position]
    return value.item() if isinstance(value, np.generic) else value


_NUMBER_TYPES = (int, float, np.integer, np.floating, Decimal, Fraction)
"""What a cell of a numeric column may hold besides numeric text (a bool is refused before)."""


def _one_number(value: Any, key: str, where: str) -> float:
    """One cell of a key column (leak_rate, emission_factor_value) as a float: a number or numeric text.

    A bool (``True`` is not a 100 % leak rate) or any other object (a Quantity) is refused.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (*_NUMBER_TYPES, str)):
        raise InvalidValueError(f"{where}: {key} must be a number, got {_shown(value)} ({type(value).__name__})")
    try:
        return float(value)
    except (ValueError, OverflowError):
        raise InvalidValueError(f"{where}: {key} must be a number, got {_shown(value)}") from None


def _require_columns(records: Any) -> None:
    pd = require("pandas", "inventory.compute_frame")

    if not isinstance(records, pd.DataFrame):
        raise InvalidValueError(f"records must be a pandas DataFrame, got {type(records).__name__}")
    missing = [c for c in _REQUIRED if c not in records.columns]
    if missing:
        raise InvalidValueError(
            f"records has no {', '.join(map(repr, missing))} column{'s' if len(missing) > 1 else ''}: "
            f"compute_frame needs {', '.join(_REQUIRED)} (columns given: {', '.join(map(str, records.columns))})"
        )


_A_NUMBER = "a finite, non-negative number"
_TEXT_HINT = " (text that is not a number: write digits only, without thousands separators or units, e.g. 12000.5)"


def _numbers(
    df: Any, column: str, *, where: str = "records", what: str = _A_NUMBER, blank_is_empty: bool = False
) -> tuple[Any, Any]:
    """A column as float64 (NaN where the cell is empty), and where a cell holds text that is no number.

    Numbers written as text ("0.3") are read; with *blank_is_empty*, so is a blank string (as empty).
    A column of numbers (float64 stays as it is, with no copy) holds no such text: the mask is then
    None. ``Decimal`` and ``Fraction`` cells become the nearest float64 (as Quantities' magnitudes
    do); a cell that is a bool (``True`` is not 1), an int beyond float64's range or any other
    object (a Quantity) is refused, naming the row (``where[<index label>]``), the column and the
    value: *what* says what the column holds.
    """
    pd = require("pandas", "inventory.compute_frame")

    cells = df[column]
    if isinstance(cells.dtype, pd.CategoricalDtype):  # read its values like any other column's
        cells = cells.astype(object)
    dtype = cells.dtype
    if len(cells) == 0:
        return np.empty(0, dtype=np.float64), None
    if pd.api.types.is_bool_dtype(dtype):
        present = np.flatnonzero(cells.notna().to_numpy(dtype=bool))
        if present.size:
            _refuse_cell(df, column, int(present[0]), where, what)
        return np.full(len(cells), np.nan), None
    if isinstance(dtype, np.dtype) and dtype.kind in "iuf":  # plain numbers: the common, fast case
        return cells.to_numpy(dtype=np.float64, copy=False), None
    if pd.api.types.is_numeric_dtype(dtype) and not isinstance(dtype, np.dtype):  # Int64, Float64: <NA> is empty
        return cells.to_numpy(dtype=np.float64, na_value=np.nan), None
    if pd.api.types.is_string_dtype(dtype) and dtype != np.dtype(object):
        return _text_numbers(cells, blank_is_empty)
    if dtype == np.dtype(object):
        kind = pd.api.types.infer_dtype(cells, skipna=True)
        if kind in ("floating", "integer", "mixed-integer-float", "empty"):
            try:
                return cells.to_numpy(dtype=np.float64, na_value=np.nan), None
            except (OverflowError, TypeError, ValueError):
                pass  # an int beyond float64's range: found below, by row
        elif kind == "string":
            return _text_numbers(cells, blank_is_empty)
        return _object_numbers(df, cells, column, where, what, blank_is_empty)
    _refuse_cell(df, column, 0, where, what)  # complex numbers, dates, periods ...


def _text_numbers(cells: Any, blank_is_empty: bool) -> tuple[Any, Any]:
    """Numbers written as text, read by :func:`pandas.to_numeric`, and where a cell is not one."""
    pd = require("pandas", "inventory.compute_frame")

    parsed = pd.to_numeric(cells, errors="coerce")
    out = np.asarray(parsed.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)
    other = np.isnan(out) & cells.notna().to_numpy(dtype=bool)
    if blank_is_empty and other.any():  # per distinct value, only where something is not a number
        rows = np.flatnonzero(other)
        codes, uniques = pd.factorize(cells.iloc[rows].astype(str))
        blank = np.array([not u.strip() for u in uniques], dtype=bool)
        other[rows[blank[codes]]] = False
    return out, other


def _object_numbers(
    df: Any, column_cells: Any, column: str, where: str, what: str, blank_is_empty: bool
) -> tuple[Any, Any]:
    """:func:`_numbers` of an object column of mixed cells (numbers, text, other objects), cell by cell."""
    pd = require("pandas", "inventory.compute_frame")

    cells = column_cells.to_numpy(dtype=object)
    out = np.full(len(cells), np.nan)
    text: list[int] = []
    for i, v in enumerate(cells):
        if v is None or v is pd.NA or (isinstance(v, (float, np.floating)) and v != v):
            continue  # an empty cell
        if isinstance(v, str):
            text.append(i)
            continue
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, _NUMBER_TYPES):
            _refuse_cell(df, column, i, where, what)
        try:
            out[i] = float(v)  # a Decimal or Fraction to the nearest float64, as Quantities' magnitudes
        except OverflowError:
            _refuse_cell(df, column, i, where, what)
    other = np.zeros(len(cells), dtype=bool)
    if text:
        rows = np.array(text)
        parsed, bad = _text_numbers(pd.Series(cells[rows], dtype=object), blank_is_empty)
        out[rows] = parsed
        other[rows] = bad
    return out, other


def _refuse_cell(df: Any, column: str, position: int, where: str, what: str) -> NoReturn:
    """Raise the InvalidValueError for a cell that is not a number: a bool, an object, a huge int."""
    value = _cell(df, column, position)
    if isinstance(value, bool):
        why = "a bool is never taken as 1 or 0"
    elif isinstance(value, int):
        why = "an int beyond float64's range (about 1.8e308)"
    else:
        why = f"a {type(value).__name__}, not a number: give plain numbers in the column's unit"
    raise InvalidValueError(
        f"{where}[{index_label(df, position)}]: {column} must be {what}, got {_shown(value)} ({why})"
    )


def _amounts(df: Any, column: str, where: str) -> Any:
    """A column of amounts as float64: every cell a finite, non-negative number at most MAX_AMOUNT.

    One reduction over a float64 column in the common, valid case (:func:`~carbonaudit.units.check_amount`);
    a bad cell (empty, text, NaN, an infinity, negative, above 1e30) is named by row, column and value.
    """
    values, _ = _numbers(df, column, where=where)  # text that is no number is NaN: refused here
    try:
        check_amount(values, column)
    except InvalidValueError:
        with np.errstate(invalid="ignore"):
            bad = int(np.flatnonzero(~(np.isfinite(values) & (values >= 0) & (values <= MAX_AMOUNT)))[0])
        given = _cell(df, column, bad)
        if np.isfinite(values[bad]) and values[bad] > MAX_AMOUNT:
            raise InvalidValueError(
                f"{where}[{index_label(df, bad)}]: {column} is {_shown(given)}, larger than the {MAX_AMOUNT:g} "
                "that carbonaudit accepts for any amount (no real figure comes near it); check the unit and the "
                "decimal point"
            ) from None
        hint = _TEXT_HINT if isinstance(given, str) else ""
        raise InvalidValueError(
            f"{where}[{index_label(df, bad)}]: {column} must be {_A_NUMBER}, got {_shown(given)}{hint}"
        ) from None
    return values


def _years(records: Any) -> Any:
    """The records' years as float64, refusing any that is not a whole AD year of ActivityRecord's range."""
    low, high = _YEAR_RANGE
    years, _ = _numbers(records, "year", what=f"a whole AD year {low}-{high}")
    good = np.isfinite(years) & (years == np.floor(years)) & (years >= low) & (years <= high)
    if not good.all():
        bad = int(np.flatnonzero(~good)[0])
        given = _cell(records, "year", bad)
        hint = ""
        if np.isfinite(years[bad]) and years[bad] == np.floor(years[bad]) and 1 <= years[bad] <= high - 1911:
            hint = f"; ROC {int(years[bad])} is AD {int(years[bad]) + 1911}"
        raise InvalidValueError(
            f"records[{index_label(records, bad)}]: year must be a whole AD year {low}-{high}, got {_shown(given)}{hint} "
            f"(otherwise the record would be left out of every inventory)"
        )
    return years


def _empty(records: Any) -> Any:
    """The register with no row, in the dtypes of a register with rows."""
    pd = require("pandas", "inventory.compute_frame")

    text = pd.Series([""]).dtype  # pandas' string dtype, as the gathered text columns
    return pd.DataFrame(
        {
            "org": pd.Series([], dtype=records["org"].dtype),
            "record": pd.Series([], dtype=records.index.to_numpy().dtype),  # as the index's values gathered
            "scope": pd.Series([], dtype=np.int64),
            "iso_category": pd.Series([], dtype=np.int64),
            **{c: pd.Series([], dtype=text) for c in ("scope2_method", "category", "category_zh", "source", "gas")},
            "mass_kg": pd.Series([], dtype=np.float64),
            "co2e_t": pd.Series([], dtype=np.float64),
            "factor_ids": pd.Series([], dtype=text),
        }
    )


def _unit_inventory(
    df: Any,
    first: int,
    combo: Any,
    tree: OrgTree,
    factor_set: Any,
    gwp: str | None,
    year: int,
    value: float,
    grid_category: str,
) -> Any:
    """The inventory of one unit amount of a combination, or its error naming the combination's first record."""
    org = _cell(df, "org", first)
    where = f"records[{index_label(df, first)}] ({org})"
    spec = {key: v for key, v in zip(_KEY, combo, strict=True) if v is not None and key not in ("unit", "kind")}
    if isinstance(combo.kind, str) and isinstance(combo.unit, str):
        try:  # the unit against the kind, as the model checks it, shown with the row's own amount
            _check_amount_unit(combo.kind, value, combo.unit, spec.get("fuel"))
        except CarbonAuditError as exc:
            raise exc.within(f"records[{index_label(df, first)}] ({org}, {combo.kind}): ") from exc
    try:
        for key in ("leak_rate", "emission_factor_value"):
            if key in spec:
                spec[key] = _one_number(spec[key], key, where)
        if "emission_factor_value" in spec:
            spec["emission_factor"] = {
                "value": spec.pop("emission_factor_value"),
                "unit": spec.pop("emission_factor_unit", None) or "kg",
            }
        spec.pop("emission_factor_unit", None)
        one = ActivityRecord(
            org=str(org), year=year, kind=combo.kind, amount={"value": 1.0, "unit": combo.unit}, **spec
        )
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']} (got {e['input']!r})" for e in exc.errors(include_url=False)
        )
        raise InvalidValueError(f"{where}: {problems}") from exc
    try:
        return compute(tree, [one], factor_set, gwp=gwp, year=year, grid_category=grid_category)
    except CarbonAuditError as exc:
        error = exc
    try:  # say it again with the record's own amount, not the unit amount
        own = one.model_copy(update={"amount": one.amount.model_copy(update={"value": value})})
        compute(tree, [own], factor_set, gwp=gwp, year=year, grid_category=grid_category)
    except CarbonAuditError as again:
        if type(again) is type(error):
            error = again
    message = str(error).replace("records[0] (", f"records[{index_label(df, first)}] (", 1)
    raise type(error)(message) from error


def _market(df: Any, values: Any) -> tuple[Any, Any] | None:
    """The positions of the rows with a supplier factor and their market-based emissions [kg CO2e].

    As :func:`~carbonaudit.inventory.compute`: electricity rows whose supplier_factor_value is given
    (kg/kWh, or in supplier_factor_unit); the units are parsed once per distinct value.
    """
    if "supplier_factor_value" not in df:
        return None
    factor, other = _numbers(df, "supplier_factor_value", blank_is_empty=True)
    if other is not None and other.any():
        bad = int(np.flatnonzero(other)[0])
        raise InvalidValueError(
            f"records[{index_label(df, bad)}]: supplier_factor_value must be a number (kg/kWh) or empty, "
            f"got {_cell(df, 'supplier_factor_value', bad)!r}"
        )
    electricity = df["kind"].eq("electricity").to_numpy(dtype=bool, na_value=False)
    rows = np.flatnonzero(electricity & ~np.isnan(factor))
    if rows.size == 0:
        return None
    factor = factor[rows]
    bad_factor = ~(np.isfinite(factor) & (factor >= 0) & (factor <= MAX_AMOUNT))
    if bad_factor.any():
        bad = int(rows[np.flatnonzero(bad_factor)[0]])
        raise InvalidValueError(
            f"records[{index_label(df, bad)}]: supplier_factor_value must be finite, not negative and at most "
            f"{MAX_AMOUNT:g}, got {_shown(_cell(df, 'supplier_factor_value', bad))}"
        )
    if "supplier_factor_unit" in df:
        factor = factor * _per_distinct_unit(df, "supplier_factor_unit", rows, _to_kg_per_kwh, empty=1.0)
    kwh = values[rows] * _per_distinct_unit(df, "unit", rows, _to_kwh)
    return rows, kwh * factor


def _per_distinct_unit(df: Any, column: str, rows: Any, parse: Any, *, empty: float | None = None) -> Any:
    """``parse`` of each distinct unit of *column* in the rows at *rows*, gathered back to those rows.

    An empty cell stands for *empty* (or is refused when None); an error names the first record.
    """
    pd = require("pandas", "inventory.compute_frame")

    codes, uniques = pd.factorize(df[column].iloc[rows], use_na_sentinel=True)
    factors = np.empty(len(uniques) + 1, dtype=np.float64)  # the last one for code -1: an empty cell
    if (codes < 0).any():
        if empty is None:
            bad = int(rows[np.flatnonzero(codes < 0)[0]])
            raise InvalidValueError(f"records[{index_label(df, bad)}]: {column} is empty")
        factors[-1] = empty
    for k, unit in enumerate(uniques):
        try:
            factors[k] = parse(unit)
        except CarbonAuditError as exc:
            bad = int(rows[np.flatnonzero(codes == k)[0]])
            raise exc.within(f"records[{index_label(df, bad)}] ({_cell(df, 'org', bad)}): {column} {unit!r}: ") from exc
    return factors[codes]


def _to_kg_per_kwh(unit: str) -> float:
    from ..units import Q_, magnitude, parse_unit

    return float(magnitude(Q_(1.0, parse_unit(unit)), "kg/kWh", "supplier_factor_unit"))


def _to_kwh(unit: str) -> float:
    from ..units import Q_, magnitude, parse_unit

    return float(magnitude(Q_(1.0, parse_unit(unit)), "kWh", "unit of electricity"))


def roll_up(register: Any, tree: OrgTree) -> dict[str, float]:
    """Each organisation's total with everything below it [t CO2e], from a register (market rows excluded).

    Bottom-up, level by level up to the inventory team (government-inventory 由下而上，逐級彙整).

    Parameters
    ----------
    register : pandas.DataFrame
        A register with columns org, scope2_method and co2e_t [t CO2e] (:func:`compute_frame`).
    tree : OrgTree
        The organisations; every row's org must be in it.

    Returns
    -------
    dict of str to float
        Organisation id → its own emissions plus those of everything below it [t CO2e].

    Raises
    ------
    InvalidValueError
        For a register that is not a DataFrame or lacks a column; a row of an organisation not in
        the tree (its emissions would be in no total); a co2e_t cell that is not a finite,
        non-negative number at most 1e30 (empty, NaN, an infinity, a bool, text that is not a
        number, a Quantity, an int beyond float64's range), never counted as zero; numeric text and
        ``Decimal`` cells are read as numbers. The message names the row
        (``register[<index label>]``) and shows its value.

    Examples
    --------
    >>> import pandas as pd
    >>> from carbonaudit.inventory import Organisation, OrgTree
    >>> tree = OrgTree([Organisation(id="team", name="盤查小組"), Organisation(id="a", name="A局", parent="team")])
    >>> df = pd.DataFrame({"org": ["a"], "year": [2024], "kind": ["electricity"], "value": [10_000.0],
    ...                    "unit": ["kWh"], "supplier_factor_value": [0.3]})
    >>> roll_up(compute_frame(tree, df, year=2024), tree)      # the market-based 3.0 t is left out
    {'a': 4.74, 'team': 4.74}
    """
    pd = require("pandas", "inventory.roll_up")

    if not isinstance(register, pd.DataFrame):
        raise InvalidValueError(f"register must be a pandas DataFrame (compute_frame's), got {type(register).__name__}")
    missing = [c for c in ("org", "scope2_method", "co2e_t") if c not in register.columns]
    if missing:
        raise InvalidValueError(
            f"register has no {', '.join(map(repr, missing))} column{'s' if len(missing) > 1 else ''}: roll_up needs "
            "org, scope2_method and co2e_t [t CO2e], as compute_frame returns them"
        )
    known = register["org"].isin([o.id for o in tree]).to_numpy(dtype=bool)
    if not known.all():
        bad = int(np.flatnonzero(~known)[0])
        raise InvalidValueError(
            f"register[{index_label(register, bad)}]: organisation {_cell(register, 'org', bad)!r} is not in the "
            "tree; its emissions would be left out of every total"
        )
    co2e = _amounts(register, "co2e_t", "register")  # NaN is refused, never summed as 0
    counted = (register["scope2_method"] != "market").to_numpy(dtype=bool)
    orgs = register["org"].array
    if not counted.all():
        co2e, orgs = co2e[counted], orgs[counted]
    own = pd.Series(co2e, copy=False).groupby(orgs, sort=False).sum().to_dict()
    return tree.totals(own)  # bottom-up with a stack: a chain of any depth works
