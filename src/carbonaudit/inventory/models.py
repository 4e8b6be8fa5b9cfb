"""Organisations and activity records of a GHG inventory (government-inventory)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Annotated, Literal

import numpy as np
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .._types import Amount
from ..errors import InvalidValueError, UnitsError
from ..periods import _ad_year, _shown
from ..units import MAX_AMOUNT, Q_, Unit, check_amount, check_unit, parse_unit, ureg

__all__ = ["ActivityRecord", "OrgTree", "Organisation", "ReportingStatus"]

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

ReportingStatus = Literal["not_started", "in_progress", "complete"]
"""未登錄, 登錄中, 已登錄完成."""

YEAR_RANGE = (1912, 2211)
"""The AD years a record or a reporting status can have (民國元年 to ROC 300)."""


# -- the numbers of the models: one check for every field ---------------------------------------
# pydantic's lax mode reads True as 1 (a leak rate of 100 %, one employee) and takes any Python int,
# however large; these validators run before it on every numeric field of the inventory's models.


def _year(value: object, info: ValidationInfo) -> int:
    """An AD year 1912-2211 (numpy integers too); a bool, float, str or ROC year is refused.

    In JSON, where an object's keys are text, a key of digits (``{"2024": "complete"}``) is the year.
    """
    name = "status year" if info.field_name == "status" else info.field_name or "year"
    low, high = YEAR_RANGE
    if info.mode == "json" and isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 4:
        value = int(value)
    return _ad_year(value, name, low=low, high=high)  # a PeriodError, a ValueError: a ValidationError


def _not_bool(value: object, info: ValidationInfo) -> object:
    """Refuse a bool where a number is wanted (``True`` is not 1, nor 100 %); numpy scalars as Python numbers."""
    if isinstance(value, (bool, np.bool_)):
        raise InvalidValueError(
            f"{info.field_name} must be a number, got the bool {value!r}: a bool is never taken as 1 or 0; "
            "write the number"
        )
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def _count(value: object, info: ValidationInfo) -> object:
    """A whole count (staff, vehicles): not a bool, and at most :data:`~carbonaudit.units.MAX_AMOUNT`."""
    value = _not_bool(value, info)
    if isinstance(value, int) and value > MAX_AMOUNT:
        raise InvalidValueError(
            f"{info.field_name} is {_shown(value)}, more than the {MAX_AMOUNT:g} that carbonaudit accepts "
            "for any number; check the figure"
        )
    return value


_Year = Annotated[int, BeforeValidator(_year)]
_Count = Annotated[int, BeforeValidator(_count)]
_Fraction = Annotated[float, BeforeValidator(_not_bool)]


def _amount_within_range(a: Amount, name: str) -> None:
    """Refuse a negative amount or one above :data:`~carbonaudit.units.MAX_AMOUNT` (Amount checks finiteness)."""
    check_amount(a.value, name)  # an InvalidValueError naming *name*


# -- what each kind of record is measured in ------------------------------------------------------

_ENERGY = ureg.Unit("kWh").dimensionality
_FUEL = (("L", "kg", "kWh"), "the fuel's volume, mass or heat (L, kL, m**3, kg, t, kcal, MJ)")
_REAL_ENERGY = (("kWh",), "real energy (kWh, MWh, 度)")
_EXPECTED: dict[str, tuple[tuple[str, ...], str]] = {
    "electricity": _REAL_ENERGY,
    "fuel": _FUEL,
    "refrigerant_topup": (("kg",), "the refilled mass (kg, t)"),
    "refrigerant_leak": (("kg",), "the equipment's charge, a mass (kg, t)"),
    "extinguisher": (("kg",), "the refilled mass of agent (kg, t)"),
    "fugitive": (("kg",), "the mass of the gas released (kg, t)"),
    "septic": (("h",), "staff working hours (h: hours x persons)"),
}


def _check_amount_unit(kind: str, value: float, unit: str, fuel: str | None) -> Unit:
    """The unit of a record's amount, checked against what its *kind* is measured in.

    Electricity is real energy (a kvar·h or kVA·h is not a kWh); a fuel (and an outsourced record
    with a fuel) its volume, mass or heat; refrigerants and extinguishers a mass; septic records
    staff-hours. Purchased heat, process and outsourced records without a fuel take any unit (the
    emission factor says per what), but an energy among them is real energy.

    Raises :class:`~carbonaudit.errors.UnitsError` naming ``amount``, showing the amount given.
    """
    parsed, expected, problem = _unit_for_kind(kind, unit, fuel is not None)
    if problem is not None:
        article = "an" if kind[:1] in ("a", "e", "i", "o", "u") else "a"
        raise UnitsError(f"amount of {article} {kind} record must be {expected}, got {Q_(value, parsed):~} ({problem})")
    return parsed


@lru_cache(maxsize=1024)
def _unit_for_kind(kind: str, unit: str, has_fuel: bool) -> tuple[Unit, str, str | None]:
    """(the unit, what the kind is measured in, the problem or None): once per kind and unit label."""
    parsed = parse_unit(unit)
    expected = _EXPECTED.get(kind)
    if expected is None:
        if kind == "outsourced" and has_fuel:
            expected = _FUEL
        elif parsed.dimensionality == _ENERGY:
            expected = _REAL_ENERGY
        else:
            return parsed, "", None
    try:
        check_unit(parsed, expected[0], "amount")
    except UnitsError as exc:
        return parsed, expected[1], str(exc)
    return parsed, expected[1], None


class Organisation(BaseModel):
    """An agency (or the inventory team at the root) of a bottom-up inventory.

    Attributes
    ----------
    id : str
        Unique in the tree.
    parent : str, optional
        The id of the agency it reports to; None for the root (the inventory team).
    boundary : {"operational_control", "administrative_district"}
        Government agencies under operational control, or all activity in a district (government-inventory).
    status : dict of AD year to reporting status
        未登錄 ``not_started``, 登錄中 ``in_progress``, 已登錄完成 ``complete``. The years are AD
        years as int 1912-2211 (numpy integers too; never a bool, a float, a str or an ROC year).
    staff, floor_area, vehicles
        For the completeness and outlier checks (per person, per m², a fleet with no fuel): whole
        numbers from 0 to 1e30 (never a bool: ``True`` is not one employee), and an area [m², 平方公尺]
        that is finite, not negative and at most 1e30.
    """

    model_config = _STRICT

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    name_en: str = ""
    parent: str | None = None
    boundary: Literal["operational_control", "administrative_district"] = "operational_control"
    status: dict[_Year, ReportingStatus] = Field(default_factory=dict)
    staff: _Count | None = Field(default=None, ge=0)
    floor_area: Amount | None = None
    vehicles: _Count = Field(default=0, ge=0)

    @field_validator("floor_area")
    @classmethod
    def _an_area(cls, v: Amount | None) -> Amount | None:
        if v is not None:
            check_unit(v.unit, "m**2", "floor_area")  # a UnitsError, a ValueError: a ValidationError
            _amount_within_range(v, "floor_area")
        return v


_REPR_ROOTS = 3
"""How many roots ``repr(OrgTree)`` names."""
_REPR_CHILDREN = 6
"""How many children of each root ``repr(OrgTree)`` names."""


class OrgTree:
    """Organisations as a tree: unique ids, every parent present, no cycle, one or more roots.

    Raises
    ------
    InvalidValueError
        For a duplicate id, a missing parent or a cycle; the message names the organisation.

    Examples
    --------
    >>> tree = OrgTree([Organisation(id="team", name="盤查小組"),
    ...                 Organisation(id="a", name="A局", parent="team")])
    >>> [o.id for o in tree.descendants("team")]
    ['team', 'a']
    >>> tree
    OrgTree(2 organisations: team 盤查小組 > a)
    """

    def __init__(self, organisations: Iterable[Organisation]) -> None:
        orgs = list(organisations)
        self._by_id: dict[str, Organisation] = {}
        for o in orgs:
            if not isinstance(o, Organisation):
                raise InvalidValueError(f"organisations must be Organisation models, got {type(o).__name__}")
            if o.id in self._by_id:
                raise InvalidValueError(f"organisation id {o.id!r} appears twice")
            self._by_id[o.id] = o
        self._children: dict[str, list[str]] = {o.id: [] for o in orgs}
        for o in orgs:
            if o.parent is not None:
                if o.parent not in self._by_id:
                    raise InvalidValueError(f"organisation {o.id!r}: parent {o.parent!r} is not in the tree")
                self._children[o.parent].append(o.id)
        # Walk up from each organisation until a root or an organisation already known to reach
        # one: a cycle never reaches a root. Each organisation is walked once (linear in the tree,
        # iterative: a chain thousands of levels deep is fine).
        reaches_root: set[str] = set()
        for o in orgs:
            path: list[str] = []
            on_path: set[str] = set()
            node_id: str | None = o.id
            while node_id is not None and node_id not in reaches_root:
                if node_id in on_path:
                    cycle = [*path[path.index(node_id) :], node_id]
                    raise InvalidValueError(
                        f"organisation {node_id!r} is in a cycle of parents ({' -> '.join(cycle)}); "
                        "one of them must have another parent or none"
                    )
                path.append(node_id)
                on_path.add(node_id)
                node_id = self._by_id[node_id].parent
            reaches_root.update(path)
        if orgs and not self.roots():
            raise InvalidValueError("the tree has no root (an organisation without parent)")

    def __getitem__(self, org_id: str) -> Organisation:
        if not isinstance(org_id, str):
            raise InvalidValueError(f"organisation id must be a str, got {type(org_id).__name__} {org_id!r}")
        try:
            return self._by_id[org_id]
        except KeyError:
            raise InvalidValueError(f"organisation {org_id!r} is not in the tree") from None

    def __contains__(self, org_id: object) -> bool:
        return isinstance(org_id, str) and org_id in self._by_id

    def __iter__(self) -> Iterator[Organisation]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __repr__(self) -> str:
        """``OrgTree(3 organisations: team 盤查小組 > a, b)``: each root with its id, name and children's ids.

        Bounded for a tree of thousands: at most :data:`_REPR_ROOTS` roots and
        :data:`_REPR_CHILDREN` children of each are named, the rest counted (``+1,995 more``);
        deeper levels are only in the count of organisations.
        """
        n = len(self)
        head = f"{n:,} organisation{'' if n == 1 else 's'}"
        roots = self.roots()

        def more(items: list[str], count: int, what: str) -> list[str]:
            return items if count <= len(items) else [*items, f"+{count - len(items):,} more{what}"]

        shown = []
        for root in roots[:_REPR_ROOTS]:
            children = self._children[root.id]
            named = more(children[:_REPR_CHILDREN], len(children), "")
            shown.append(f"{root.id} {root.name}" + (f" > {', '.join(named)}" if named else ""))
        shown = more(shown, len(roots), " roots")
        return f"OrgTree({head}: {'; '.join(shown)})" if shown else f"OrgTree({head})"

    def roots(self) -> list[Organisation]:
        """Organisations without a parent."""
        return [o for o in self._by_id.values() if o.parent is None]

    def children(self, org_id: str) -> list[Organisation]:
        """Direct children of an organisation."""
        self[org_id]
        return [self._by_id[c] for c in self._children[org_id]]

    def descendants(self, org_id: str) -> list[Organisation]:
        """The organisation and everything below it, depth first (parents before their children).

        Walked with a stack, not recursion: a chain of any depth works.
        """
        self[org_id]
        out = []
        stack = [org_id]
        while stack:
            current = stack.pop()
            out.append(self._by_id[current])
            stack.extend(reversed(self._children[current]))
        return out

    def totals(self, own: Mapping[str, float]) -> dict[str, float]:
        """Each organisation's value plus those of everything below it, bottom-up (government-inventory 逐級彙整).

        Walked with a stack, not recursion (a chain of any depth works), each organisation once.

        Parameters
        ----------
        own : mapping of organisation id to float
            Each organisation's own value [any unit, e.g. t CO2e]; a missing id counts 0.

        Returns
        -------
        dict of str to float
            Organisation id → its own value plus its children's totals, children before their
            parents (post-order) [the unit of *own*].

        Examples
        --------
        >>> tree = OrgTree([Organisation(id="team", name="盤查小組"),
        ...                 Organisation(id="a", name="A局", parent="team"),
        ...                 Organisation(id="a1", name="A局一科", parent="a")])
        >>> tree.totals({"team": 1.0, "a": 2.0, "a1": 4.0})       # a: 2 + 4; team: 1 + 6
        {'a1': 4.0, 'a': 6.0, 'team': 7.0}
        """
        total: dict[str, float] = {}
        for root in self.roots():
            stack: list[tuple[str, bool]] = [(root.id, False)]
            while stack:
                org_id, children_done = stack.pop()
                children = self._children[org_id]
                if children_done:
                    total[org_id] = own.get(org_id, 0.0) + sum(total[c] for c in children)
                else:
                    stack.append((org_id, True))
                    stack.extend((c, False) for c in reversed(children))
        return total


RecordKind = Literal[
    "fuel",
    "electricity",
    "purchased_heat",
    "refrigerant_topup",
    "refrigerant_leak",
    "extinguisher",
    "septic",
    "process",
    "fugitive",
    "outsourced",
]


class ActivityRecord(BaseModel):
    """One activity of one organisation in one year (government-inventory: 活動數據).

    ``kind`` says how it is computed:

    * ``fuel``: ``amount`` of ``fuel`` (a fuel of the factor set), ``use`` stationary or mobile;
    * ``electricity``: ``amount`` [kWh]; location-based from the year's grid factor and, with
      ``supplier_factor``, market-based too;
    * ``refrigerant_topup``: ``amount`` [kg] of refrigerant ``gas`` refilled (government-inventory's method);
    * ``refrigerant_leak``: equipment charge ``amount`` [kg] × annual leak rate (``leak_rate``, or
      the midpoint of ``equipment_class`` in IPCC 2006 Table 7.9);
    * ``extinguisher``: refill ``amount`` [kg] of ``agent`` (CO2, HFC-227ea, dry_chemical);
    * ``septic``: staff working hours ``amount`` [h × persons] (septic-tank CH4, when enabled);
    * ``purchased_heat`` (scope 2: heat or steam) and ``process`` (scope 1 process emissions):
      ``amount`` × the record's ``emission_factor`` [kg CO2e per unit of the amount], which the
      factor sets do not hold; a ``process`` record with ``gas`` (``"CH4"``) gives the factor in
      kg of that gas per unit, and the gas counts with its GWP;
    * ``fugitive``: ``amount`` [kg, t] of ``gas`` escaping from fuels (IPCC 2006 Vol. 2 Ch. 4,
      the energy sector: CH4 from gas piping or a coal stockpile), with its GWP; a gas escaping
      from equipment (HFCs, SF6 of switchgear) is a ``refrigerant_topup`` or ``refrigerant_leak``
      record, counted under industrial processes;
    * ``outsourced``: consumption of outsourced units (scope 3): with ``fuel`` it is quantified like a
      fuel, otherwise listed qualitatively.

    Fugitive and process CH4 says its ``origin``: from activity year 2025, CH4 of ``"fossil"``
    origin counts with GWP 30 (``CH4-fossil``) and ``"biogenic"`` CH4 with 28, by the MOENV
    registry's rule (moenv-registry-2026); the GWP would depend on it, so such a record of 2025 on
    without an origin is refused when computed. CH4 from fuel combustion keeps 28.

    ``grid_category`` (electricity, and outsourced electricity) chooses the grid factor's category
    (``"average"``, ``"industry"``, ``"residential"``: moeaea-grid-2025) for this record; without
    it the inventory's ``grid_category`` applies (:func:`~carbonaudit.inventory.compute`).

    The amount's unit is checked against the kind when the record is built (a kvar·h or kVA·h is not
    electricity's kWh; a refrigerant is a mass), and every number is finite, not negative and at
    most 1e30 (``units.MAX_AMOUNT``); no number field takes a bool (``leak_rate=True`` is not 100 %).
    ``year`` is an AD year as int 1912-2211 (numpy integers too). A bad record is a pydantic
    ``ValidationError`` naming the field.
    """

    model_config = _STRICT

    org: str = Field(min_length=1)
    year: _Year = Field(description="AD year")
    kind: RecordKind
    amount: Amount
    fuel: str | None = None
    use: Literal["stationary", "mobile"] | None = None
    gas: str | None = Field(
        default=None, description="refrigerant (R-410A), or the gas of a fugitive or process record (CH4)"
    )
    origin: Literal["fossil", "biogenic"] | None = Field(
        default=None, description="origin of the CH4 of a fugitive or process record (the GWP depends on it from 2025)"
    )
    grid_category: Literal["average", "industry", "residential"] | None = Field(
        default=None, description="the grid factor's category for this electricity record"
    )
    equipment_class: str | None = None
    leak_rate: _Fraction | None = Field(default=None, ge=0, le=1)
    agent: str | None = None
    supplier_factor: Amount | None = None
    emission_factor: Amount | None = Field(
        default=None, description="kg CO2e per unit, purchased_heat/process (kg of the gas per unit with gas)"
    )
    note: str = Field(default="", description="source document")
    quality: Literal["metered", "invoiced", "estimated"] = "invoiced"

    @field_validator("amount")
    @classmethod
    def _amount_of_its_kind(cls, v: Amount, info: ValidationInfo) -> Amount:
        if v.value < 0:
            raise ValueError(f"amount must not be negative, got {v.value:g} {v.unit}")
        _amount_within_range(v, "amount")
        kind = info.data.get("kind")
        if kind is not None and kind != "outsourced":  # outsourced: its fuel (a later field) decides
            _check_amount_unit(kind, v.value, v.unit, None)
        return v

    @field_validator("supplier_factor")
    @classmethod
    def _per_kwh(cls, v: Amount | None) -> Amount | None:
        if v is not None:
            check_unit(v.unit, "kg/kWh", "supplier_factor")
            _amount_within_range(v, "supplier_factor")
        return v

    @field_validator("emission_factor")
    @classmethod
    def _not_negative(cls, v: Amount | None) -> Amount | None:
        if v is not None:
            _amount_within_range(v, "emission_factor")
        return v

    @model_validator(mode="after")
    def _units_fit_together(self) -> ActivityRecord:
        if self.origin is not None and self.kind not in ("fugitive", "process"):
            raise InvalidValueError(
                f"origin is for fugitive and process records (the GWP of their CH4), not a {self.kind} record"
            )
        if self.grid_category is not None and self.kind not in ("electricity", "outsourced"):
            raise InvalidValueError(
                f"grid_category is for electricity records (the grid factor's category), not a {self.kind} record"
            )
        if self.kind == "outsourced":
            _check_amount_unit(self.kind, self.amount.value, self.amount.unit, self.fuel)
        if self.emission_factor is not None:
            product = parse_unit(self.emission_factor.unit) * parse_unit(self.amount.unit)
            try:
                check_unit(product, "kg", "emission_factor")
            except UnitsError:
                raise UnitsError(
                    f"emission_factor must be kg CO2e per unit of the amount (e.g. kg/{self.amount.unit}), got "
                    f"{self.emission_factor.value:g} {self.emission_factor.unit} for an amount in {self.amount.unit}"
                ) from None
        return self
