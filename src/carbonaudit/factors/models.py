"""Pydantic models of ``data/factors.yaml``: factor values with provenance, fuels, factor sets."""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from ..errors import FactorNotFoundError, InvalidValueError, PeriodError, UnitsError
from ..units import Q_, Quantity, Unit, parse_unit, require_quantity, ureg

__all__ = [
    "Blend",
    "ExtinguisherAgent",
    "InventoryData",
    "LeakRate",
    "ReferencePrices",
    "Rules",
    "SavingTargetRule",
    "SavingTargetTier",
    "SummerMonths",
    "FactorSet",
    "FactorTrace",
    "FactorValue",
    "Fuel",
    "GwpSet",
    "OilEquivalentBasis",
    "Source",
    "Status",
    "UnitDefinition",
]

Status = Literal["official", "secondary", "derived", "default", "user"]
"""How far to trust a value: see the header of ``data/factors.yaml``."""

Gas = str

_FROZEN = ConfigDict(extra="forbid", frozen=True)


class Source(BaseModel):
    """Where values come from: document, table and year."""

    model_config = _FROZEN

    document: str
    table: str | None = None
    year: int | None = None
    note: str | None = None

    def cite(self) -> str:
        """One-line citation, e.g. ``"... 附表2 (seed 001), 附表2, 2015"``."""
        parts = [self.document]
        if self.table and self.table not in self.document:
            parts.append(self.table)
        if self.year is not None:
            parts.append(str(self.year))
        return ", ".join(parts)


class FactorValue(BaseModel):
    """One number of the data with its unit, source and status.

    Attributes
    ----------
    value : float
        The number as published (finite).
    unit : str
        A unit expression of :data:`carbonaudit.ureg` (``"kcal/L"``, ``"kg/TJ"``).
    source : str
        Id of an entry in the file's ``sources``.
    status : {"official", "secondary", "derived", "default", "user"}
    note : str, optional
    """

    model_config = _FROZEN

    value: float
    unit: str = "dimensionless"
    source: str
    status: Status
    note: str | None = None

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError(f"value must be a finite number, got {v!r}")
        return v

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, v: str) -> str:
        try:
            parse_unit(v)
        except UnitsError as exc:
            raise ValueError(f"unit {v!r} is not a unit of carbonaudit.ureg") from exc
        return v

    @property
    def quantity(self) -> Quantity:
        """The value as a Quantity of :data:`carbonaudit.ureg`."""
        return Q_(self.value, parse_unit(self.unit))


class FactorTrace(BaseModel):
    """One factor value that went into a result, with where it came from.

    Attributes
    ----------
    name : str
        What the value is, as a path: ``"heat_value"``, ``"per_tj.stationary.CH4"``,
        ``"gwp.AR5.CH4"``, ``"grid_factors.2024"``.
    fuel : str, optional
        The fuel's id, for fuel values.
    value, unit, status, note
        As in :class:`FactorValue`.
    source : str
        The source id.
    citation : str
        The source's document, table and year.
    """

    model_config = _FROZEN

    name: str
    fuel: str | None = None
    value: float
    unit: str
    status: Status
    source: str
    citation: str
    note: str | None = None

    @classmethod
    def of(cls, fs: FactorSet, name: str, fv: FactorValue, fuel: str | None = None) -> FactorTrace:
        """Trace *fv* of factor set *fs* under *name*."""
        return cls(
            name=name,
            fuel=fuel,
            value=fv.value,
            unit=fv.unit,
            status=fv.status,
            source=fv.source,
            citation=fs.source(fv.source).cite(),
            note=fv.note,
        )

    def __str__(self) -> str:
        who = f"{self.fuel} " if self.fuel else ""
        return f"{who}{self.name} = {self.value:g} {self.unit} [{self.status}; {self.citation}]"


class UnitDefinition(BaseModel):
    """A pint definition that the registry applies at import."""

    model_config = _FROZEN

    definition: str
    source: str
    status: Status
    note: str | None = None


class OilEquivalentBasis(BaseModel):
    """A definition of oil equivalent: kcal per KLOE (and per kgOE) and electricity's equivalent.

    ``electricity`` is either a heat equivalent (``kcal/kWh``: 2,236 primary, 860 final) or a
    direct KLOE figure (``KLOE/kWh``: 0.00023 in seed 002 表八之三).
    """

    model_config = _FROZEN

    id: str = ""
    title: str
    kcal_per_kloe: FactorValue
    kcal_per_kgoe: FactorValue | None = None
    electricity: FactorValue

    @model_validator(mode="after")
    def _dimensions(self) -> OilEquivalentBasis:
        _expect(self.kcal_per_kloe, "kcal/KLOE", "kcal_per_kloe")
        if self.kcal_per_kgoe is not None:
            _expect(self.kcal_per_kgoe, "kcal/kgOE", "kcal_per_kgoe")
        unit = parse_unit(self.electricity.unit)
        if unit.dimensionality not in (ureg.Unit("dimensionless").dimensionality, ureg.Unit("KLOE/kWh").dimensionality):
            raise ValueError(f"electricity must be in kcal/kWh or KLOE/kWh, got {self.electricity.unit!r}")
        return self


class Blend(BaseModel):
    """A refrigerant blend: mass fractions of its components."""

    model_config = _FROZEN

    components: dict[Gas, float]
    source: str

    @field_validator("components")
    @classmethod
    def _sums_to_one(cls, v: dict[str, float]) -> dict[str, float]:
        total = sum(v.values())
        if not math.isclose(total, 1.0, abs_tol=1e-9) or any(f <= 0 for f in v.values()):
            raise ValueError(f"components must be positive mass fractions summing to 1, got {v} (sum {total})")
        return v


class GwpSet(BaseModel):
    """Global warming potentials (100-year) of one assessment report."""

    model_config = _FROZEN

    title: str
    values: dict[Gas, FactorValue]


class Fuel(BaseModel):
    """One fuel or energy carrier of a factor set (one row of a table such as 附表2).

    Attributes
    ----------
    id : str
        Unique within the set.
    code : str, optional
        The energy code of the declaration system (``O05`` diesel, ``E01`` electricity, ...).
    row : int, optional
        Row number in the source table, for sets that reproduce one.
    duplicate_of : str, optional
        For a row the source table repeats: the id of its first occurrence.
    basis_unit : str, optional
        The physical unit the heat value and recommended factor are per (``L``, ``kg``, ``m**3``,
        ``kWh``). Absent for rows with no heat value (biofuels, waste): those convert from energy only.
    heat_value : FactorValue, optional
        Energy per basis unit (``kcal/L``).
    carbon_factor : FactorValue, optional
        IPCC carbon content (``kg/GJ`` of carbon).
    per_tj : dict
        Emission factors per TJ by use (``"stationary"``, ``"mobile"``, ``"mobile/<technology>"``)
        and gas (``"CO2"``, ``"CH4"``, ``"N2O"``).
    recommended : FactorValue, optional
        The table's own CO2 factor per basis unit (``kg/L``).
    density : FactorValue, optional
        Mass per volume, to convert a mass of a fuel whose factors are per litre (or vice versa).
    """

    model_config = _FROZEN

    id: str
    code: str | None = None
    row: int | None = None
    group: str | None = None
    duplicate_of: str | None = None
    name_zh: str
    name_en: str
    aliases: tuple[str, ...] = ()
    basis_unit: str | None = None
    heat_value: FactorValue | None = None
    carbon_factor: FactorValue | None = None
    per_tj: dict[str, dict[Gas, FactorValue]] = Field(default_factory=dict)
    recommended: FactorValue | None = None
    density: FactorValue | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _consistent_units(self) -> Fuel:
        if self.basis_unit is not None:
            basis = parse_unit(self.basis_unit)
            if self.heat_value is not None:
                _expect(self.heat_value, f"kcal/({basis})", "heat_value")
            if self.recommended is not None:
                _expect(self.recommended, f"kg/({basis})", "recommended")
        elif self.heat_value is not None or self.recommended is not None:
            raise ValueError("basis_unit is required when a heat value or recommended factor is given")
        if self.carbon_factor is not None:
            _expect(self.carbon_factor, "kg/GJ", "carbon_factor")
        if self.density is not None:
            _expect(self.density, "kg/L", "density")
        for use, gases in self.per_tj.items():
            for gas, fv in gases.items():
                _expect(fv, "kg/TJ", f"per_tj.{use}.{gas}")
        return self

    @property
    def is_electricity(self) -> bool:
        """True for the electricity entry (code ``E01``)."""
        return self.code == "E01" or self.id == "electricity"

    @property
    def basis(self) -> Unit:
        """The basis unit as a :class:`Unit` (raises if the fuel has none)."""
        if self.basis_unit is None:
            raise FactorNotFoundError(
                f"fuel {self.id!r} ({self.name_zh}) has no heat value or per-unit factor: it converts "
                "from energy (TJ, kcal) only, unless you supply a heat value"
            )
        return parse_unit(self.basis_unit)

    def uses(self) -> tuple[str, ...]:
        """The uses (``stationary``, ``mobile``, ...) this fuel has per-TJ factors for."""
        return tuple(self.per_tj)


def _expect(fv: FactorValue, unit: str, field: str) -> None:
    """Check that a FactorValue has the dimension of *unit*."""
    got = parse_unit(fv.unit)
    want = ureg.Unit(unit)
    if got.dimensionality != want.dimensionality:
        raise ValueError(f"{field} must be in units like {unit}, got {fv.unit!r}")


class FactorSet(BaseModel):
    """A named, versioned set of factors: fuels, grid factors, GWPs and an oil-equivalent basis.

    Factor sets are immutable; :meth:`with_overrides` returns a new one. They carry the file's
    shared tables (sources, GWP sets, blends, oil-equivalent bases), so a set is self-contained
    and can be pickled to worker processes.

    Examples
    --------
    >>> from carbonaudit import factors
    >>> fs = factors.load("ntpc-award-2015")
    >>> fs.fuel("柴油").heat_value.quantity
    <Quantity(8400.0, 'kilocalorie / liter')>
    >>> fs.grid_factor(2013)
    <Quantity(0.522, 'kilogram / kilowatt_hour')>
    """

    model_config = _FROZEN

    id: str
    title: str
    vintage: str
    description: str | None = None
    oil_equivalent: str
    default_gwp: str = "AR5"
    grid_factors: dict[int, FactorValue] = Field(default_factory=dict)
    supplier_factor: FactorValue | None = None
    fuels: tuple[Fuel, ...]
    # Shared tables of the file, injected by the loader.
    sources: dict[str, Source] = Field(default_factory=dict)
    gwp_sets: dict[str, GwpSet] = Field(default_factory=dict)
    blends: dict[Gas, Blend] = Field(default_factory=dict)
    oil_equivalent_bases: dict[str, OilEquivalentBasis] = Field(default_factory=dict)
    constants: dict[str, FactorValue] = Field(default_factory=dict)

    _index: dict[str, Fuel] = PrivateAttr(default_factory=dict)
    _cache: dict[tuple[Any, ...], Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _references(self) -> FactorSet:
        ids: set[str] = set()
        for fuel in self.fuels:
            if fuel.id in ids:
                raise ValueError(f"fuel id {fuel.id!r} appears twice")
            if fuel.duplicate_of is not None and fuel.duplicate_of not in ids:
                raise ValueError(f"fuel {fuel.id!r}: duplicate_of {fuel.duplicate_of!r} is not an earlier fuel id")
            ids.add(fuel.id)
        if self.sources:
            for where, fv in self._values():
                if fv.source not in self.sources:
                    raise ValueError(f"{where}: source {fv.source!r} is not in the file's sources")
        if self.oil_equivalent_bases and self.oil_equivalent not in self.oil_equivalent_bases:
            raise ValueError(
                f"oil_equivalent {self.oil_equivalent!r} is not one of {sorted(self.oil_equivalent_bases)}"
            )
        if self.gwp_sets and self.default_gwp not in self.gwp_sets:
            raise ValueError(f"default_gwp {self.default_gwp!r} is not one of {sorted(self.gwp_sets)}")
        return self

    def model_post_init(self, context: Any, /) -> None:
        index: dict[str, Fuel] = {}
        for fuel in self.fuels:
            if fuel.duplicate_of is not None:
                continue
            keys = {fuel.id, fuel.name_zh, fuel.name_en, *fuel.aliases}
            if fuel.code:
                keys.add(fuel.code)
            for key in keys:
                k = _norm(key)
                other = index.get(k)
                if other is not None and other.id != fuel.id:
                    raise ValueError(f"fuel name {key!r} is ambiguous: used by {other.id!r} and {fuel.id!r}")
                index[k] = fuel
        self._index = index

    def __getstate__(self) -> dict[Any, Any]:
        # The conversion cache holds pint Units, which unpickle into pint's application
        # registry; a worker rebuilds it on first use instead.
        state = super().__getstate__()
        private = dict(state.get("__pydantic_private__") or {})
        private["_cache"] = {}
        state["__pydantic_private__"] = private
        return state

    # -- look-ups ---------------------------------------------------------------------------

    def fuel(self, key: str | Fuel) -> Fuel:
        """Find a fuel by id, energy code (``O05``), English or Chinese name, or alias.

        Raises
        ------
        FactorNotFoundError
            If nothing matches; the message suggests close names.
        """
        if isinstance(key, Fuel):
            return key
        if not isinstance(key, str):
            raise FactorNotFoundError(f"fuel must be a str (id, code or name), got {type(key).__name__} {key!r}")
        found = self._index.get(_norm(key))
        if found is not None:
            return found
        close = difflib.get_close_matches(_norm(key), list(self._index), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(repr(self._index[c].id) for c in close)}?" if close else ""
        raise FactorNotFoundError(
            f"fuel {key!r} is not in factor set {self.id!r}{hint} (see carbonaudit factors show {self.id})"
        )

    def grid_factor(self, year: int) -> Quantity:
        """The grid electricity emission factor of an AD *year* [kg CO2e/kWh].

        Raises
        ------
        FactorNotFoundError
            If the set has no factor for that year (the message lists the years it has).
        PeriodError
            If *year* looks like an ROC year.
        """
        return self.grid_factor_value(year).quantity

    def grid_factor_value(self, year: int) -> FactorValue:
        """The grid factor of an AD *year* as a :class:`FactorValue` (with source and status)."""
        if isinstance(year, bool) or not isinstance(year, int):
            raise PeriodError(f"year must be an AD year as int, got {type(year).__name__} {year!r}")
        if year < 1912:
            raise PeriodError(f"year must be an AD year, got {year}; for an ROC year use periods.roc_to_ad({year})")
        fv = self.grid_factors.get(year)
        if fv is None:
            years = ", ".join(str(y) for y in sorted(self.grid_factors)) or "none"
            raise FactorNotFoundError(
                f"factor set {self.id!r} has no grid factor for {year} (it has: {years}); "
                "use another set or with_overrides(grid_factors={...})"
            )
        return fv

    def gwp_value(self, gas: str, gwp: str | None = None) -> FactorValue:
        """The GWP of *gas* in the GWP set *gwp* (default: the set's) with its source.

        A blend missing from the GWP set is computed from its components (status ``derived``).
        """
        name = gwp or self.default_gwp
        table = self.gwp_sets.get(name)
        if table is None:
            raise FactorNotFoundError(f"GWP set {name!r} is not available (have: {', '.join(self.gwp_sets)})")
        key = _gas_key(gas, table.values)
        if key is not None:
            return table.values[key]
        blend_key = _gas_key(gas, self.blends)
        if blend_key is not None:
            blend = self.blends[blend_key]
            total = 0.0
            for component, share in blend.components.items():
                total += share * self.gwp_value(component, name).value
            return FactorValue(
                value=total,
                source=blend.source,
                status="derived",
                note=f"{blend_key} computed from its components' {name} GWP: "
                + " + ".join(f"{s:g} x {c}" for c, s in blend.components.items()),
            )
        known = sorted({*table.values, *self.blends})
        raise FactorNotFoundError(f"gas {gas!r} has no GWP in {name} (known: {', '.join(known)})")

    def gwp(self, gas: str, gwp: str | None = None) -> float:
        """The 100-year GWP of *gas* (dimensionless) in the GWP set *gwp* (``"AR4"``, ``"AR5"``, ``"AR6"``).

        Examples
        --------
        >>> from carbonaudit import factors
        >>> factors.load().gwp("CH4", "AR5")
        28.0
        """
        return self.gwp_value(gas, gwp).value

    def oil_equivalent_basis(self, basis: str | None = None) -> OilEquivalentBasis:
        """The oil-equivalent definition *basis* (default: the set's own)."""
        name = basis or self.oil_equivalent
        found = self.oil_equivalent_bases.get(name)
        if found is None:
            raise FactorNotFoundError(
                f"oil-equivalent basis {name!r} is not defined (have: {', '.join(self.oil_equivalent_bases)})"
            )
        return found

    @property
    def kcal_per_kloe(self) -> Quantity:
        """The set's oil-equivalent definition [kcal/KLOE]."""
        return self.oil_equivalent_basis().kcal_per_kloe.quantity

    def source(self, source_id: str) -> Source:
        """The :class:`Source` with id *source_id*."""
        found = self.sources.get(source_id)
        if found is None:
            raise FactorNotFoundError(f"source {source_id!r} is not defined in factor set {self.id!r}")
        return found

    # -- overrides --------------------------------------------------------------------------

    def with_overrides(
        self,
        *,
        heat_values: Mapping[str, Quantity] | None = None,
        densities: Mapping[str, Quantity] | None = None,
        grid_factors: Mapping[int, Quantity] | None = None,
        supplier_factor: Quantity | None = None,
        note: str | None = None,
    ) -> FactorSet:
        """Return a new set with user values replacing or adding to this one's.

        Overridden values get status ``"user"`` and source ``"user"``; the new set's id is this
        id with ``+user`` appended, so results show that they did not use the shipped set.
        This set is unchanged.

        Parameters
        ----------
        heat_values : mapping of fuel key to Quantity, optional
            Measured heat values [energy per the fuel's basis unit, e.g. kcal/kg].
        densities : mapping of fuel key to Quantity, optional
            Densities [mass/volume, e.g. kg/L], to convert a mass of a per-litre fuel.
        grid_factors : mapping of AD year to Quantity, optional
            Grid emission factors [kg CO2e/kWh].
        supplier_factor : Quantity, optional
            A supplier's electricity emission factor for market-based scope 2 [kg CO2e/kWh].
        note : str, optional
            Recorded on every overridden value.

        Examples
        --------
        >>> from carbonaudit import Q_, factors
        >>> fs = factors.load().with_overrides(heat_values={"C02": Q_(6100, "kcal/kg")})
        >>> fs.fuel("C02").heat_value.value, fs.fuel("C02").heat_value.status
        (6100.0, 'user')
        """
        changes: dict[str, dict[str, Any]] = {}
        for key, q in (densities or {}).items():
            fuel = self.fuel(key)
            changes.setdefault(fuel.id, {})["density"] = _user_value(q, "kg/L", f"densities[{key!r}]", note)
        for key, q in (heat_values or {}).items():
            fuel = self.fuel(key)
            name = f"heat_values[{key!r}]"
            basis = fuel.basis_unit or _basis_of_heat_value(q, name)
            update = changes.setdefault(fuel.id, {})
            update["heat_value"] = _user_value(q, f"kcal/({basis})", name, note)
            update["basis_unit"] = basis
        fuels = tuple(f.model_copy(update=changes[f.id]) if f.id in changes else f for f in self.fuels)
        grid = dict(self.grid_factors)
        for year, q in (grid_factors or {}).items():
            if isinstance(year, bool) or not isinstance(year, int) or year < 1912:
                raise PeriodError(f"grid_factors keys must be AD years as int, got {year!r}")
            grid[year] = _user_value(q, "kg/kWh", f"grid_factors[{year}]", note)
        supplier = self.supplier_factor
        if supplier_factor is not None:
            supplier = _user_value(supplier_factor, "kg/kWh", "supplier_factor", note)
        new_id = self.id if self.id.endswith("+user") else f"{self.id}+user"
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        fields.update(
            id=new_id,
            fuels=fuels,
            grid_factors=grid,
            supplier_factor=supplier,
            sources={**self.sources, "user": _USER_SOURCE},
        )
        return type(self)(**fields)

    # -- helpers ----------------------------------------------------------------------------

    def _values(self) -> list[tuple[str, FactorValue]]:
        out: list[tuple[str, FactorValue]] = []
        for year, fv in self.grid_factors.items():
            out.append((f"grid_factors.{year}", fv))
        if self.supplier_factor is not None:
            out.append(("supplier_factor", self.supplier_factor))
        for fuel in self.fuels:
            for name in ("heat_value", "carbon_factor", "recommended", "density"):
                fv = getattr(fuel, name)
                if fv is not None:
                    out.append((f"fuels.{fuel.id}.{name}", fv))
            for use, gases in fuel.per_tj.items():
                for gas, fv in gases.items():
                    out.append((f"fuels.{fuel.id}.per_tj.{use}.{gas}", fv))
        return out


_USER_SOURCE = Source(document="user override (FactorSet.with_overrides)")


def _norm(key: str) -> str:
    return " ".join(key.split()).casefold()


def _gas_key(gas: str, table: Mapping[str, Any]) -> str | None:
    if not isinstance(gas, str):
        raise FactorNotFoundError(f"gas must be a str, got {type(gas).__name__} {gas!r}")
    wanted = _norm(gas)
    candidates = {wanted}
    if wanted.startswith("r-"):  # R-134a is the refrigerant name of HFC-134a
        candidates.add("hfc-" + wanted[2:])
    for key in table:
        if _norm(key) in candidates:
            return key
    return None


def _basis_of_heat_value(q: object, name: str) -> str:
    """The basis unit implied by a heat value for a fuel that has none (kcal/kg -> kg)."""
    quantity = require_quantity(q, name, "energy per mass or volume (e.g. kcal/kg)")
    for basis in ("kg", "m**3" if "meter" in str(quantity.units) else "L"):
        if quantity.dimensionality == ureg.Unit(f"kcal/{basis}").dimensionality:
            return basis
    raise UnitsError(f"{name} must be energy per mass or volume (e.g. kcal/kg), got {quantity:~}")


def _user_value(q: object, unit: str, name: str, note: str | None) -> FactorValue:
    quantity = require_quantity(q, name, unit)
    target = ureg.Unit(unit)
    if quantity.dimensionality != target.dimensionality:
        raise UnitsError(f"{name} must be in units like {target:~}, got {quantity:~}")
    value = float(quantity.m_as(target))
    if not math.isfinite(value) or value <= 0:
        raise InvalidValueError(f"{name} must be a finite positive value, got {quantity:~}")
    return FactorValue(value=value, unit=unit, source="user", status="user", note=note)


class SavingTargetTier(BaseModel):
    """One tier of a saving-target rule: who it applies to and the target rate."""

    model_config = _FROZEN

    min_capacity_kw: float | None = None
    """Applies to contract capacities above this [kW] (exclusive)."""
    max_capacity_kw: float | None = None
    """... and up to this [kW] (inclusive)."""
    state_owned: bool | None = None
    """True: applies to state-owned enterprises whatever their capacity."""
    basis: Literal["average", "annual"]
    """Which rate the target is for: the average annual saving rate or the year's own rate."""
    target: FactorValue


class SavingTargetRule(BaseModel):
    """A saving-target rule and the AD years it covers."""

    model_config = _FROZEN

    id: str
    title: str
    from_year: int
    to_year: int
    tiers: tuple[SavingTargetTier, ...]


class SummerMonths(BaseModel):
    """The months of the award form's summer comparison."""

    model_config = _FROZEN

    months: tuple[int, ...]
    source: str
    note: str | None = None


class ReferencePrices(BaseModel):
    """Reference energy prices printed by a declaration system."""

    model_config = _FROZEN

    source: str
    note: str | None = None
    prices: dict[str, FactorValue]


class Rules(BaseModel):
    """Numbers of the forms' rules: saving targets, summer months, reference prices."""

    model_config = _FROZEN

    saving_targets: tuple[SavingTargetRule, ...]
    summer_months: SummerMonths
    reference_prices: ReferencePrices
    limits: dict[str, FactorValue] = Field(default_factory=dict)
    """Named limits of the forms (transformer load 50-75 %, EUI difference 10 %, ...)."""

    def limit(self, name: str) -> FactorValue:
        """The limit *name* (see ``rules.limits`` in ``factors.yaml``)."""
        found = self.limits.get(name)
        if found is None:
            raise FactorNotFoundError(f"limit {name!r} is not in the data (have: {', '.join(self.limits)})")
        return found


class LeakRate(BaseModel):
    """An equipment class's annual refrigerant leak rate range (IPCC 2006 Vol. 3 Table 7.9)."""

    model_config = _FROZEN

    low: float = Field(ge=0, le=1)
    high: float = Field(ge=0, le=1)
    zh: str
    source: str

    @model_validator(mode="after")
    def _ordered(self) -> LeakRate:
        if self.high < self.low:
            raise ValueError(f"high {self.high} is below low {self.low}")
        return self

    @property
    def midpoint(self) -> float:
        """The library's default: the middle of the announced range (status derived)."""
        return (self.low + self.high) / 2


class ExtinguisherAgent(BaseModel):
    """A fire-extinguisher agent and the gas its refill emits (None: no greenhouse gas)."""

    model_config = _FROZEN

    gas: str | None
    note: str
    source: str


class InventoryData(BaseModel):
    """Data of the GHG inventory engine: leak rates, extinguisher agents, septic-tank factors."""

    model_config = _FROZEN

    leak_rates: dict[str, LeakRate]
    extinguisher_agents: dict[str, ExtinguisherAgent]
    septic: dict[str, FactorValue]
