"""The mixed-units check of the records (private; public as ``carbonaudit.inventory.mixed_units``).

It sits below :mod:`~carbonaudit.inventory.compute`, which runs it on every inventory, and
:mod:`~carbonaudit.inventory.checks`, which offers it with the other checks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..errors import Finding, InvalidValueError
from .models import ActivityRecord

__all__ = ["mixed_units"]


def mixed_units(records: Iterable[ActivityRecord]) -> list[Finding]:
    """Organisations reporting one activity in different units (converted right, but worth a look).

    A check of consistency and data quality (government-inventory 一致性; 第七步 檢視並掌握數據品質). One activity is
    an organisation, year, kind and fuel, gas or agent.

    Parameters
    ----------
    records : iterable of ActivityRecord
        The records to check, of any years.

    Returns
    -------
    list of Finding
        An ``"info"`` finding ``"inventory.mixed_units"`` per activity reported in more than one unit;
        ``context["units"]`` lists them.

    Raises
    ------
    InvalidValueError
        For a record that is not an :class:`~carbonaudit.inventory.ActivityRecord` (a dict); the
        model itself refuses a unit its kind cannot take, so no such record reaches here.

    Examples
    --------
    >>> from carbonaudit.inventory import ActivityRecord
    >>> recs = [ActivityRecord(org="a", year=2024, kind="electricity", amount={"value": v, "unit": u})
    ...         for v, u in [(1_000, "kWh"), (2, "MWh")]]
    >>> [(f.path, f.context) for f in mixed_units(recs)]
    [('orgs.a', {'units': ['MWh', 'kWh']})]
    """
    units: dict[tuple[str, int, str, str], set[str]] = defaultdict(set)
    for i, r in enumerate(records):
        if not isinstance(r, ActivityRecord):
            raise InvalidValueError(f"records[{i}] must be an ActivityRecord, got {type(r).__name__}")
        units[(r.org, r.year, r.kind, r.fuel or r.gas or r.agent or "")].add(r.amount.unit)
    return [
        Finding(
            "inventory.mixed_units",
            "info",
            f"orgs.{org}",
            f"{org} {year} {' '.join(filter(None, (kind, what)))} is reported in {', '.join(sorted(u))}",
            {"units": sorted(u)},
            f"{org} 同一活動數據使用不同單位 ({', '.join(sorted(u))})",
        )
        for (org, year, kind, what), u in units.items()
        if len(u) > 1
    ]
