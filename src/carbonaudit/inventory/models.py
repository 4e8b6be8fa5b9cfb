"""Organisations and activity records of a GHG inventory (seed 000; ../shared/domain.md §8)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..declaration.models import Amount
from ..errors import InvalidValueError

__all__ = ["ActivityRecord", "OrgTree", "Organisation", "ReportingStatus"]

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

ReportingStatus = Literal["not_started", "in_progress", "complete"]
"""未登錄, 登錄中, 已登錄完成."""


class Organisation(BaseModel):
    """An agency (or the inventory team at the root) of a bottom-up inventory.

    Attributes
    ----------
    id : str
        Unique in the tree.
    parent : str, optional
        The id of the agency it reports to; None for the root (the inventory team).
    boundary : {"operational_control", "administrative_district"}
        Government agencies under operational control, or all activity in a district (seed 000).
    status : dict of AD year to reporting status
        未登錄 ``not_started``, 登錄中 ``in_progress``, 已登錄完成 ``complete``.
    staff, floor_area, vehicles
        For the completeness and outlier checks (per person, per m², a fleet with no fuel).
    """

    model_config = _STRICT

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    name_en: str = ""
    parent: str | None = None
    boundary: Literal["operational_control", "administrative_district"] = "operational_control"
    status: dict[int, ReportingStatus] = Field(default_factory=dict)
    staff: int | None = Field(default=None, ge=0)
    floor_area: Amount | None = None
    vehicles: int = Field(default=0, ge=0)


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
        try:
            return self._by_id[org_id]
        except KeyError:
            raise InvalidValueError(f"organisation {org_id!r} is not in the tree") from None

    def __contains__(self, org_id: object) -> bool:
        return org_id in self._by_id

    def __iter__(self) -> Iterator[Organisation]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

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
        """Each organisation's value plus those of everything below it, bottom-up (seed 000 逐級彙整).

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
    "outsourced",
]


class ActivityRecord(BaseModel):
    """One activity of one organisation in one year (seed 000: 活動數據).

    ``kind`` says how it is computed:

    * ``fuel``: ``amount`` of ``fuel`` (a fuel of the factor set), ``use`` stationary or mobile;
    * ``electricity``: ``amount`` [kWh]; location-based from the year's grid factor and, with
      ``supplier_factor``, market-based too;
    * ``refrigerant_topup``: ``amount`` [kg] of refrigerant ``gas`` refilled (the seed's method);
    * ``refrigerant_leak``: equipment charge ``amount`` [kg] × annual leak rate (``leak_rate``, or
      the midpoint of ``equipment_class`` in IPCC 2006 Table 7.9);
    * ``extinguisher``: refill ``amount`` [kg] of ``agent`` (CO2, HFC-227ea, dry_chemical);
    * ``septic``: staff working hours ``amount`` [h × persons] (septic-tank CH4, when enabled);
    * ``purchased_heat`` (scope 2: heat or steam) and ``process`` (scope 1 process emissions):
      ``amount`` × the record's ``emission_factor`` [kg CO2e per unit of the amount], which the
      factor sets do not hold;
    * ``outsourced``: consumption of outsourced units (scope 3): with ``fuel`` it is quantified like a
      fuel, otherwise listed qualitatively.
    """

    model_config = _STRICT

    org: str = Field(min_length=1)
    year: int = Field(ge=1912, le=2211, description="AD year")
    kind: RecordKind
    amount: Amount
    fuel: str | None = None
    use: Literal["stationary", "mobile"] | None = None
    gas: str | None = Field(default=None, description="refrigerant, e.g. R-410A")
    equipment_class: str | None = None
    leak_rate: float | None = Field(default=None, ge=0, le=1)
    agent: str | None = None
    supplier_factor: Amount | None = None
    emission_factor: Amount | None = Field(default=None, description="kg CO2e per unit, purchased_heat/process")
    note: str = Field(default="", description="source document")
    quality: Literal["metered", "invoiced", "estimated"] = "invoiced"

    @field_validator("amount")
    @classmethod
    def _non_negative(cls, v: Amount) -> Amount:
        if v.value < 0:
            raise ValueError(f"amount must not be negative, got {v.value:g} {v.unit}")
        return v
