"""Reading inventory data: organisations from YAML, activity records from CSV."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..declaration.io import _not_utf8, load_yaml
from ..errors import DataFileError
from .models import ActivityRecord, Organisation, OrgTree

__all__ = ["read_orgs", "read_records"]

_OPTIONAL = ("fuel", "use", "gas", "equipment_class", "agent")


def read_orgs(path: str | Path) -> OrgTree:
    """Organisations from a YAML file with a list under ``organisations`` (see ``examples/``).

    The agencies of seed 000's bottom-up inventory (盤查小組 → 一級機關 → 二級機關 → 三級機關), each
    with its reporting status per year (未登錄, 登錄中, 已登錄完成).

    Parameters
    ----------
    path : str or Path
        The YAML file (UTF-8).

    Returns
    -------
    OrgTree
        The organisations as a tree.

    Raises
    ------
    DataFileError
        For an unreadable or non-UTF-8 file, invalid YAML, no list under ``organisations``, or an
        invalid organisation (the message names it).
    InvalidValueError
        For a tree with a duplicate id, a missing parent or a cycle.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "orgs.yaml")
    ...     _ = path.write_text('''organisations:
    ... - {id: team, name: 盤查小組}
    ... - {id: a, name: A局, parent: team, status: {2024: complete}}
    ... ''', encoding="utf-8")
    ...     tree = read_orgs(path)
    >>> [o.id for o in tree.children("team")], tree["a"].status
    (['a'], {2024: 'complete'})
    """
    data = load_yaml(Path(path), what="organisations file")
    items = data.get("organisations")
    if not isinstance(items, list):
        raise DataFileError(f"{path}: expected a list under 'organisations'")
    orgs = []
    for i, item in enumerate(items):
        try:
            orgs.append(Organisation.model_validate(item))
        except ValidationError as exc:
            where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise DataFileError(
                f"{path}: organisations[{i}] ({item.get('id') if isinstance(item, dict) else item}): {where}"
            ) from exc
    return OrgTree(orgs)


def read_records(path: str | Path) -> list[ActivityRecord]:
    """Activity records from a CSV file (columns as in ``examples/inventory_records.csv``).

    The activity data of seed 000 (電、油、氣、冷媒、滅火器: the year's use or refill per agency).
    Empty cells are absent values.

    Parameters
    ----------
    path : str or Path
        The CSV file (UTF-8, with or without BOM): columns org, year (AD), kind, value, unit and,
        where they apply, fuel, use, gas, equipment_class, leak_rate, agent, emission_factor_value,
        emission_factor_unit, supplier_factor_value, supplier_factor_unit, note, quality.

    Returns
    -------
    list of ActivityRecord
        One record per row, in file order.

    Raises
    ------
    DataFileError
        For an unreadable or non-UTF-8 file, or a row that is not a valid record (naming the row
        number and the field).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "records.csv")
    ...     _ = path.write_text('''org,year,kind,value,unit,agent
    ... a,2024,electricity,10000,kWh,
    ... a,2024,extinguisher,10,kg,CO2
    ... ''', encoding="utf-8")
    ...     records = read_records(path)
    >>> [(r.kind, r.amount.value, r.amount.unit, r.agent) for r in records]
    [('electricity', 10000.0, 'kWh', None), ('extinguisher', 10.0, 'kg', 'CO2')]
    """
    p = Path(path)
    try:
        handle = p.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise DataFileError(f"cannot read records {p}: {exc.strerror or exc}") from exc
    try:
        with handle:
            rows = list(csv.DictReader(handle))
    except UnicodeDecodeError as exc:  # e.g. a Big5/CP950 export
        bad = exc
        try:  # the stream's error counts from its last chunk: find the byte in the whole file
            p.read_bytes().decode("utf-8")
        except UnicodeDecodeError as whole:
            bad = whole
        raise DataFileError(_not_utf8(f"cannot read records {p}", bad)) from exc
    records = []
    for n, row in enumerate(rows, start=2):
        try:
            records.append(ActivityRecord.model_validate(_record(row)))
        except (ValidationError, ValueError, KeyError) as exc:
            detail = (
                "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
                if isinstance(exc, ValidationError)
                else str(exc)
            )
            raise DataFileError(f"{p}: row {n}: {detail}") from exc
    return records


def _record(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "org": row["org"],
        "year": int(row["year"]),
        "kind": row["kind"],
        "amount": {"value": float(row["value"]), "unit": row["unit"]},
        "note": row.get("note") or "",
        "quality": row.get("quality") or "invoiced",
    }
    for key in _OPTIONAL:
        if row.get(key):
            out[key] = row[key]
    if row.get("leak_rate"):
        out["leak_rate"] = float(row["leak_rate"])
    if row.get("emission_factor_value"):
        out["emission_factor"] = {
            "value": float(row["emission_factor_value"]),
            "unit": row.get("emission_factor_unit") or "kg",
        }
    if row.get("supplier_factor_value"):
        out["supplier_factor"] = {
            "value": float(row["supplier_factor_value"]),
            "unit": row.get("supplier_factor_unit") or "kg/kWh",
        }
    return out
