"""Reading inventory data: organisations from YAML, activity records from CSV."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..declaration.io import load_yaml
from ..errors import DataFileError
from .models import ActivityRecord, Organisation, OrgTree

__all__ = ["read_orgs", "read_records"]

_OPTIONAL = ("fuel", "use", "gas", "equipment_class", "agent")


def read_orgs(path: str | Path) -> OrgTree:
    """Organisations from a YAML file with a list under ``organisations`` (see ``examples/``).

    Raises
    ------
    DataFileError
        For an unreadable file or an invalid organisation (the message names it).
    InvalidValueError
        For a tree with a duplicate id, a missing parent or a cycle.
    """
    data = load_yaml(Path(path))
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

    Empty cells are absent values. A row that is not a valid record is a :class:`DataFileError`
    naming the row number and the field.
    """
    p = Path(path)
    try:
        handle = p.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise DataFileError(f"cannot read records {p}: {exc.strerror or exc}") from exc
    records = []
    with handle:
        for n, row in enumerate(csv.DictReader(handle), start=2):
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
