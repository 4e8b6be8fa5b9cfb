"""Vectorised inventory over a pandas DataFrame of activity records (for thousands of agencies).

The records' distinct combinations (kind, fuel, use, unit, gas, equipment class, leak rate, agent)
are few: each is computed once through :func:`~carbonaudit.inventory.compute` on a unit amount,
and the per-unit results are joined back to every row; no Python loop runs per record.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import ValidationError

from .._batch import combinations
from ..errors import CarbonAuditError, InvalidValueError
from .compute import CATEGORIES, compute
from .models import ActivityRecord, OrgTree

__all__ = ["compute_frame", "roll_up"]

_LINE_COLUMNS = ("scope", "scope2_method", "category", "source", "gas", "per_mass_kg", "per_co2e_kg", "factor_ids")
_TEXT = {"scope2_method", "category", "source", "gas", "factor_ids"}

_KEY = [
    "kind",
    "fuel",
    "use",
    "unit",
    "gas",
    "equipment_class",
    "leak_rate",
    "agent",
    "emission_factor_value",
    "emission_factor_unit",
]


def compute_frame(records: Any, tree: OrgTree, factor_set: Any = None, *, gwp: str | None = None, year: int) -> Any:
    """The inventory register of *year* from a DataFrame of records, one row per record × gas.

    Emission = activity × factor (× GWP), as :func:`~carbonaudit.inventory.compute` (seed 000;
    ../shared/domain.md §8-§9); market-based scope 2 rows are added where a supplier factor is given.

    Parameters
    ----------
    records : pandas.DataFrame
        Columns as ``examples/inventory_records.csv``: org, year, kind, value, unit and, where they
        apply, fuel, use, gas, equipment_class, leak_rate, agent, supplier_factor_value (kg/kWh),
        emission_factor_value and emission_factor_unit (kg CO2e per unit, for purchased_heat/process).
    tree : OrgTree
        The organisations; every record's org must be in it.
    factor_set, gwp, year
        As in :func:`~carbonaudit.inventory.compute`, which gives the same numbers.

    Returns
    -------
    pandas.DataFrame
        Columns org, record (the row's index), scope, scope2_method, category, category_zh, source,
        gas, mass_kg [kg], co2e_t [t CO2e], factor_ids.

    Raises
    ------
    InvalidValueError
        For an organisation not in the tree, a negative or missing value, a year that is not a
        number, or an invalid record (naming the row).
    FactorNotFoundError, UnitsError
        As :func:`~carbonaudit.inventory.compute`, naming the first row of the combination.

    Examples
    --------
    >>> import pandas as pd
    >>> from carbonaudit.inventory import Organisation, OrgTree
    >>> tree = OrgTree([Organisation(id="team", name="盤查小組"), Organisation(id="a", name="A局", parent="team")])
    >>> df = pd.DataFrame({"org": ["a", "a"], "year": [2024, 2023], "kind": ["electricity"] * 2,
    ...                    "value": [10_000.0, 9_000.0], "unit": ["kWh"] * 2})
    >>> compute_frame(df, tree, year=2024)[["org", "source", "gas", "co2e_t"]].to_dict("records")
    [{'org': 'a', 'source': 'purchased_electricity', 'gas': 'CO2e', 'co2e_t': 4.74}]
    """
    import pandas as pd

    try:
        years = pd.to_numeric(records["year"], errors="raise") if len(records) else records["year"]
    except (ValueError, TypeError) as exc:
        raise InvalidValueError(f"records' year column must hold AD years as numbers: {exc}") from None
    df = records[years == year] if len(records) else records
    columns = [
        "org",
        "record",
        "scope",
        "scope2_method",
        "category",
        "category_zh",
        "source",
        "gas",
        "mass_kg",
        "co2e_t",
        "factor_ids",
    ]
    if df.empty:
        return pd.DataFrame(columns=columns)
    for column in _KEY:
        if column not in df:
            df = df.assign(**{column: None})
    values = df["value"].to_numpy(dtype=np.float64)
    if not (values.size == 0 or (np.isfinite(values).all() and values.min() >= 0)):
        bad = df.index[~(np.isfinite(values) & (values >= 0))][0]
        raise InvalidValueError(f"records[{bad}]: value must be finite and non-negative, got {df.at[bad, 'value']!r}")
    known = df["org"].isin([o.id for o in tree])
    if not known.all():
        bad = df.index[~known.to_numpy()][0]
        raise InvalidValueError(f"records[{bad}]: organisation {df.at[bad, 'org']!r} is not in the tree")
    # Each distinct combination of the key columns is computed once, on a unit amount; every row
    # then takes its combination's lines (one per gas) by integer gathers, not a join on the keys.
    combo_of_row, some_row = combinations(df, _KEY)
    combos = df.iloc[some_row][_KEY].astype(object)
    combos = combos.where(combos.notna(), None)
    lines: dict[str, list[Any]] = {c: [] for c in _LINE_COLUMNS}
    n_lines = np.zeros(len(some_row), dtype=np.int64)
    for k, combo in enumerate(combos.itertuples(index=False)):  # one per combination
        spec = {key: v for key, v in zip(_KEY, combo, strict=True) if v is not None and key not in ("unit", "kind")}
        if "leak_rate" in spec:
            spec["leak_rate"] = float(spec["leak_rate"])
        if "emission_factor_value" in spec:
            spec["emission_factor"] = {
                "value": float(spec.pop("emission_factor_value")),
                "unit": spec.pop("emission_factor_unit", None) or "kg",
            }
        spec.pop("emission_factor_unit", None)
        try:
            one = ActivityRecord(
                org=str(df["org"].iat[some_row[k]]),
                year=year,
                kind=combo.kind,
                amount={"value": 1.0, "unit": combo.unit},
                **spec,
            )
            inv = compute(tree, [one], factor_set, gwp=gwp, year=year)
        except (ValidationError, CarbonAuditError) as exc:
            first = df.index[int(np.flatnonzero(combo_of_row == k)[0])]  # the first record of the combination
            org = df.at[first, "org"]
            if isinstance(exc, ValidationError):
                where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
                raise InvalidValueError(f"records[{first}] ({org}): {where}") from exc
            message = str(exc).replace("records[0] (", f"records[{first}] (", 1)
            raise type(exc)(message) from exc
        for ln in inv.lines:
            if ln.scope2_method == "market":
                continue
            n_lines[k] += 1
            for column, value in zip(
                _LINE_COLUMNS,
                (
                    ln.scope,
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
        raise InvalidValueError(f"records[{df.index[some_row[k]]}]: the record gives no emission line")

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
    if "supplier_factor_value" in df:
        sf = df["supplier_factor_value"].to_numpy(dtype=np.float64)
        market = np.isfinite(sf) & (df["kind"].to_numpy() == "electricity")
        if market.any():
            if (sf[market] < 0).any():
                bad = df.index[market][sf[market] < 0][0]
                raise InvalidValueError(f"records[{bad}]: supplier_factor_value must not be negative")
            if "supplier_factor_unit" in df:
                sf_units = df["supplier_factor_unit"].where(df["supplier_factor_unit"].notna(), "kg/kWh")
                sf = sf * sf_units.map(_to_kg_per_kwh).to_numpy(dtype=np.float64)
            kwh = values[market] * df.loc[market, "unit"].map(_to_kwh).to_numpy(dtype=np.float64)
            out = pd.concat(
                [
                    out,
                    pd.DataFrame(
                        {
                            "org": df["org"].to_numpy()[market],
                            "record": df.index[market],
                            "scope": 2,
                            "scope2_method": "market",
                            "category": "stationary_energy",
                            "category_zh": CATEGORIES["stationary_energy"],
                            "source": "purchased_electricity",
                            "gas": "CO2e",
                            "mass_kg": kwh * sf[market],
                            "co2e_t": kwh * sf[market] / 1000,
                            "factor_ids": "supplier_factor",
                        }
                    ),
                ],
                ignore_index=True,
            )
    return out


def _to_kg_per_kwh(unit: str) -> float:
    from ..units import Q_, magnitude, parse_unit

    return float(magnitude(Q_(1.0, parse_unit(unit)), "kg/kWh", "supplier_factor_unit"))


def _to_kwh(unit: str) -> float:
    from ..units import Q_, parse_unit

    return float(Q_(1.0, parse_unit(unit)).m_as("kWh"))


def roll_up(register: Any, tree: OrgTree) -> dict[str, float]:
    """Each organisation's total with everything below it [t CO2e], from a register (market rows excluded).

    Bottom-up, level by level up to the inventory team (seed 000 由下而上，逐級彙整).

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
        For a row of an organisation not in the tree (its emissions would be in no total); the
        message names the row and the organisation.

    Examples
    --------
    >>> import pandas as pd
    >>> from carbonaudit.inventory import Organisation, OrgTree
    >>> tree = OrgTree([Organisation(id="team", name="盤查小組"), Organisation(id="a", name="A局", parent="team")])
    >>> df = pd.DataFrame({"org": ["a"], "year": [2024], "kind": ["electricity"], "value": [10_000.0],
    ...                    "unit": ["kWh"], "supplier_factor_value": [0.3]})
    >>> roll_up(compute_frame(df, tree, year=2024), tree)      # the market-based 3.0 t is left out
    {'a': 4.74, 'team': 4.74}
    """
    known = register["org"].isin([o.id for o in tree])
    if not known.all():
        bad = register.index[~known.to_numpy()][0]
        raise InvalidValueError(
            f"register[{bad}]: organisation {register.at[bad, 'org']!r} is not in the tree; "
            f"its emissions would be left out of every total"
        )
    counted = register[register["scope2_method"] != "market"]
    own = counted.groupby("org", sort=False)["co2e_t"].sum().to_dict()
    total: dict[str, float] = {}

    def visit(org_id: str) -> float:
        if org_id not in total:
            total[org_id] = own.get(org_id, 0.0) + sum(visit(c.id) for c in tree.children(org_id))
        return total[org_id]

    for root in tree.roots():
        visit(root.id)
    return total
