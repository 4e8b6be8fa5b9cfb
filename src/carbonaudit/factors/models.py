"""Pydantic models of ``data/factors.yaml``: factor values with provenance, fuels, factor sets."""

from __future__ import annotations

import copy
import difflib
import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from typing_extensions import Self

from ..errors import FactorNotFoundError, InvalidValueError, UnitsError
from ..periods import _ad_year
from ..units import (
    MAX_AMOUNT,
    Q_,
    Quantity,
    Unit,
    check_unit,
    parse_unit,
    require_quantity,
    scalar_magnitude,
    ureg,
)

__all__ = [
    "Blend",
    "ExtinguisherAgent",
    "InventoryData",
    "IsoCategories",
    "IsoCategory",
    "IsoSourceCategory",
    "LeakRate",
    "ReferencePrices",
    "Rules",
    "SavingTargetRule",
    "SavingTargetTier",
    "SummerMonths",
    "ActivityYears",
    "AmbiguousName",
    "FactorSet",
    "FactorTrace",
    "FactorValue",
    "Fuel",
    "GRID_CATEGORIES",
    "GwpRule",
    "GwpSet",
    "OilEquivalentBasis",
    "Source",
    "Status",
    "UnitDefinition",
]

Status = Literal["official", "secondary", "derived", "default", "user", "provisional"]
"""How far to trust a value: see the header of ``data/factors.yaml``.

``provisional`` marks every value of a set that stands in for an activity year whose factors are
not announced yet (:func:`carbonaudit.factors.for_year` with ``provisional=True``)."""

GRID_CATEGORIES: dict[str, str] = {
    "average": "全國公用售電: all public electricity sales (the one figure of the years before 2025)",
    "industry": "產業: business, low-, high- and extra-high-voltage tariffs",
    "residential": "民生住宅: residential tariffs",
}
"""The categories of a grid emission factor (經濟部能源署 from activity year 2025: moeaea-grid-2025).

A year with one published figure answers every category with it."""

Gas = str

_FROZEN = ConfigDict(extra="forbid", frozen=True)


class _Model(BaseModel):
    """Base of the factor models: immutable, and a copy with changes is validated like a new model.

    pydantic's own ``model_copy(update=...)`` sets the new values without validation (a negative
    heat value, a boolean grid factor, a fuel list that no longer matches the set's name index);
    here it builds the model again from its fields, so every rule of the data holds for copies too.
    """

    model_config = _FROZEN

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy of the model; with *update*, a new model validated like one read from a file.

        Raises
        ------
        pydantic.ValidationError
            If an updated value breaks a rule of the data (e.g. a negative or boolean value).
        """
        if update:
            fields = {name: getattr(self, name) for name in type(self).model_fields}
            fields.update(update)
            fresh = type(self).model_validate(fields)
            return copy.deepcopy(fresh) if deep else fresh
        return copy.deepcopy(self) if deep else copy.copy(self)


def _error(field: str, detail: str, got: object) -> PydanticCustomError:
    """A validation error of *field* (``"value"``, ``"unit"``, ``"heat_value.unit"``) of a model: "{field} {detail}".

    The loader adds *field* to the path of the value in the file and shows *detail* after it.
    """
    return PydanticCustomError("factor_value", "{field} {detail}", {"field": field, "detail": detail, "got": got})


def _kind_of(v: object) -> str:
    """What a value that is not a number is, for a message."""
    if isinstance(v, bool):
        return "a boolean (YAML true/false/yes/no/on/off are booleans)"
    if isinstance(v, str):
        return "text (a quoted number is text)"
    return f"a {type(v).__name__}"


def _real(v: object) -> float:
    """A number of the data as a float in [0, MAX_AMOUNT]: never a bool (YAML ``true``), text, NaN or infinity.

    Every number of the data is non-negative (whether it may be zero depends on its field); none
    comes near :data:`~carbonaudit.units.MAX_AMOUNT` (1e30), the bound on amounts, so no product of
    a factor and an amount overflows to infinity.
    """
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        what = _kind_of(v)
        raise PydanticCustomError(
            "number_type",
            "must be a number, not {what}; write the number itself, without quotes",
            {"what": what},
        )
    try:
        f = float(v)
    except OverflowError:
        size = f"an int of {int(v.bit_length() * math.log10(2)) + 1} digits" if isinstance(v, int) else "a number"
        raise PydanticCustomError(
            "number_finite",
            "must be a number within float64 range (about 1.8e308), got {size} beyond it",
            {"size": size, "got": size},
        ) from None
    if not math.isfinite(f):
        raise PydanticCustomError("number_finite", "must be a finite number (not NaN or an infinity)")
    if f < 0:
        raise PydanticCustomError("number_range", "must not be negative: no number of the data is")
    if f > MAX_AMOUNT:
        raise PydanticCustomError(
            "number_range",
            "must be at most {limit}: no factor comes near it, and products of larger values overflow float64",
            {"limit": f"{MAX_AMOUNT:g}"},
        )
    return f


def _whole(v: object) -> object:
    """An integer of the data (a year, a month, a row): never a bool, a float or text."""
    if isinstance(v, bool) or not isinstance(v, numbers.Integral):
        what = _kind_of(v)
        raise PydanticCustomError("int_type", "must be a whole number, not {what}", {"what": what})
    return int(v)


Real = Annotated[float, BeforeValidator(_real)]
"""A float of the data in [0, 1e30] (refuses booleans, text, NaN, infinities and negatives)."""
Whole = Annotated[int, BeforeValidator(_whole)]
"""An int of the data (refuses booleans, floats and text)."""


def _ad_year_of(name: str) -> BeforeValidator:
    """A validator of an AD year (1912-2211; numpy integers too; an ROC year named as one)."""
    return BeforeValidator(lambda v: _ad_year(v, name))


Year = Annotated[int, _ad_year_of("a grid_factors key")]
"""A grid factor's year: an AD year."""


_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


class Source(_Model):
    """A document of the sources registry: who issued it, its title, date, number and tables.

    Every ``source`` of a value in a factor file is the key of one entry; the value's ``table``
    names the part of the document it is read from. A factor file written for an earlier
    version (``document``, ``table``, ``year``) is read as well: ``document`` becomes the title
    and the short title, ``table`` the one table, ``year`` the date.

    Attributes
    ----------
    short : str
        A short title, shown in every trace (with the date and the value's table).
    title : str
        The title in the document's own language.
    title_en : str, optional
        The title in English.
    issuer : str, optional
        Who issued or published it.
    date : str, optional
        ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"`` (AD).
    number : str, optional
        The document number (e.g. ``環部授氣字第1139101231號``).
    tables : tuple of str
        The tables (or parts) of the document the data uses.
    url : str, optional
        A public location.
    note : str, optional
        How the values were read (e.g. a secondary copy).
    """

    short: str
    title: str
    title_en: str | None = None
    issuer: str | None = None
    date: str | None = None
    number: str | None = None
    tables: tuple[str, ...] = ()
    url: str | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _earlier_schema(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and "document" in data and "title" not in data:
            old = dict(data)
            document = old.pop("document")
            table = old.pop("table", None)
            year = old.pop("year", None)
            new: dict[str, Any] = {"short": document, "title": document, **old}
            if table is not None:
                new["tables"] = (table,)
            if year is not None:
                new["date"] = str(_ad_year(year, "a source's year"))
            return new
        return data

    @field_validator("date")
    @classmethod
    def _iso_date(cls, v: str | None) -> str | None:
        if v is not None and not _DATE.match(v):
            raise ValueError(f"date must be written YYYY, YYYY-MM or YYYY-MM-DD (AD), got {v!r}")
        return v

    @property
    def year(self) -> int | None:
        """The year of ``date`` (AD), if dated."""
        return int(self.date[:4]) if self.date else None

    def cite(self, table: str | None = None) -> str:
        """One-line citation: short title, date, and *table* where given.

        Examples
        --------
        >>> from carbonaudit import factors
        >>> factors.load("tw-2024").source("moenv-2024-ef").cite("附表四")
        '環境部 溫室氣體排放係數 公告 (2024-02-05), 附表四'
        """
        text = f"{self.short} ({self.date})" if self.date else self.short
        return f"{text}, {table}" if table else text


def _check_citation(where: str, source: str, table: str | None, sources: Mapping[str, Source]) -> None:
    """*source* is a key of *sources*, and *table* one of its tables where the document lists them."""
    found = sources.get(source)
    if found is None:
        raise ValueError(f"{where}: source {source!r} is not in the file's sources")
    if table is not None and found.tables and table not in found.tables:
        raise ValueError(
            f"{where}: table {table!r} is not one of the tables of source {source!r} ({', '.join(found.tables)})"
        )


class FactorValue(_Model):
    """One number of the data with its unit, source and status.

    The value is a finite number (never a boolean or text); whether it may be zero or negative
    and which dimension its unit must have depend on the field that holds it (a grid factor is
    a mass per energy > 0, a GWP a dimensionless number >= 0 ...), and are checked there.

    Attributes
    ----------
    value : float
        The number as published (finite).
    unit : str
        A unit expression of :data:`carbonaudit.ureg` (``"kcal/L"``, ``"kg/TJ"``).
    source : str
        Key of a document of the file's ``sources`` (the sources registry).
    table : str, optional
        The table (or part) of that document the value is read from; one of the document's
        ``tables`` where the registry lists them.
    status : {"official", "secondary", "derived", "default", "user"}
    note : str, optional
    """

    value: Real
    unit: str = "dimensionless"
    source: str
    table: str | None = None
    status: Status
    note: str | None = None

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, v: str) -> str:
        try:
            parse_unit(v)
        except UnitsError as exc:
            raise ValueError(f"unit {v!r} is not a unit carbonaudit takes: {exc}") from exc
        return v

    @property
    def quantity(self) -> Quantity:
        """The value as a Quantity of :data:`carbonaudit.ureg`."""
        return Q_(self.value, parse_unit(self.unit))


@dataclass(frozen=True)
class _Kind:
    """What a field of factor values holds: its sign and the units it may be in.

    *zero* says whether 0 is a value the field can mean (a carbon-free fuel's carbon content and
    CO2 factor, a gas that is not a greenhouse gas, a renewable supply contract); elsewhere
    (heat values, densities, grid factors, oil-equivalent definitions ...) a zero is a mistake
    that would give a silent 0 or a division by zero.
    """

    noun: str
    detail: str = ""
    units: tuple[str, ...] = ()
    zero: bool = False
    at_most: float | None = None

    @property
    def need(self) -> str:
        """What a value of the field must be, for messages: "a positive density (> 0; mass per volume)"."""
        sign = "a non-negative" if self.zero else "a positive"
        bound = ">= 0" if self.zero else "> 0"
        if self.at_most is not None:
            bound += f" and <= {self.at_most:g}"
        detail = f"; {self.detail}" if self.detail else ""
        return f"{sign} {self.noun} ({bound}{detail})"

    def check(self, fv: FactorValue) -> FactorValue:
        """Return *fv* if its value and unit fit the field, else a validation error naming which."""
        v = fv.value
        # (bool, NaN, huge: a model built without validation, e.g. model_construct)
        bad = isinstance(v, bool) or not isinstance(v, float) or not math.isfinite(v) or v > MAX_AMOUNT
        like = " or ".join(self.units)
        if bad or v < 0 or (v == 0 and not self.zero) or (self.at_most is not None and v > self.at_most):
            unit = f" in units like {like}" if self.units else ""
            raise _error("value", f"must be {self.need}{unit}, got {v!r}", v)
        if self.units:
            try:
                check_unit(fv.unit, self.units, "unit")
            except UnitsError as exc:
                parsed = parse_unit(fv.unit)
                if any(parsed.dimensionality == ureg.Unit(u).dimensionality for u in self.units):
                    why = f": {exc}"  # the right dimension, but a unit the forms never mean or another kind
                else:
                    why = f", which is {parsed.dimensionality or 'dimensionless'}"
                raise _error("unit", f"must be like {like} for {self.need}, got {fv.unit!r}{why}", fv.unit) from None
        return fv

    def wrap(self, v: Any, handler: Any) -> FactorValue:
        """Validate a value of the field: a negative number is refused saying what the field needs.

        (:class:`FactorValue` refuses negatives itself, but can only say "not negative": checked
        here first, the message names the field's kind, sign and units.)
        """
        self._negative(v)
        fv: FactorValue = handler(v)
        return self.check(fv)

    def _negative(self, v: Any) -> None:
        raw = v.get("value") if isinstance(v, Mapping) else None
        if not isinstance(raw, numbers.Real) or isinstance(raw, bool):
            return  # not a number: FactorValue says what it is
        try:
            value = float(raw)
        except OverflowError:
            return  # a huge int: FactorValue says so
        if -math.inf < value < 0:
            unit = f" in units like {' or '.join(self.units)}" if self.units else ""
            raise _error("value", f"must be {self.need}{unit}, got {value!r}", raw)


_GRID = _Kind("grid emission factor", "mass CO2e per kWh", ("kg/kWh",))
_SUPPLIER = _Kind("supplier emission factor", "mass CO2e per kWh, 0 for a renewable supply", ("kg/kWh",), zero=True)
_HEAT = _Kind("heat value", "energy per the fuel's basis unit")
_CARBON = _Kind("carbon content", "mass of carbon per energy, 0 for a carbon-free fuel", ("kg/GJ",), zero=True)
_PER_TJ = _Kind(
    "emission factor", "mass of the gas per energy, 0 for a gas the fuel does not emit", ("kg/TJ",), zero=True
)
_RECOMMENDED = _Kind("CO2 factor", "mass per the fuel's basis unit, 0 for a carbon-free fuel", zero=True)
_DENSITY = _Kind("density", "mass per volume", ("kg/L",))
_HEAT_PER_MASS = _Kind("heat value per mass", "energy per mass", ("kcal/kg",))
_KG = ureg.Unit("kg")
_GWP = _Kind("GWP", "dimensionless, 0 for a gas that is not a greenhouse gas", ("dimensionless",), zero=True)
_KCAL_PER_KLOE = _Kind("heat per KLOE", "", ("kcal/KLOE",))
_KCAL_PER_KGOE = _Kind("heat per kgOE", "", ("kcal/kgOE",))
_ELECTRICITY_OE = _Kind("oil equivalent of electricity", "", ("kcal/kWh", "KLOE/kWh"))
_CONSTANT = _Kind("physical constant")
_CONSTANTS = {
    "molar_mass_co2": _Kind("molar mass", "", ("g/mol",)),
    "molar_mass_carbon": _Kind("molar mass", "", ("g/mol",)),
    "water_density": _Kind("density", "mass per volume", ("kg/L",)),
    "water_specific_heat": _Kind("specific heat", "energy per mass and kelvin", ("kcal/(kg*delta_degC)",)),
}
_TARGET = _Kind("saving-rate target", "a fraction", ("dimensionless",), at_most=1.0)
_LIMIT = _Kind("limit")
_LIMITS = {
    "chiller_group_declare_capacity": _Kind("cooling capacity", "", ("USRT",)),
    "regulated_contract_capacity": _Kind("contract capacity", "", ("kW",)),
    "two_managers_contract_capacity": _Kind("contract capacity", "", ("kW",)),
    "sme_paid_in_capital": _Kind("amount of money", "", ("TWD",)),
    "sme_regular_employees": _Kind("number of employees", "", ("dimensionless",)),
}
_PRICE = _Kind("price", "money per kWh, mass or volume", ("TWD/kWh", "TWD/kg", "TWD/L"))
_SEPTIC = _Kind("septic-tank factor")
_SEPTICS = {
    "ch4_per_bod": _Kind("mass ratio", "kg CH4 per kg BOD", ("kg/kg",)),
    "bod_per_person_day": _Kind("mass of BOD per person-day", "", ("g",)),
    "ch4_per_person_hour": _Kind("mass of CH4 per person-hour", "", ("kg",)),
}


def _keyed(kinds: Mapping[str, _Kind], default: _Kind) -> Any:
    """A validator of a dict of factor values: each checked by the kind of its key."""

    def each(values: Any, check: Any) -> None:
        for key, fv in values.items():
            try:
                check(kinds.get(key, default), fv)
            except PydanticCustomError as exc:
                ctx = exc.context or {}
                raise _error(f"{key}.{ctx['field']}", ctx["detail"], ctx["got"]) from None

    def wrap(values: Any, handler: Any) -> dict[str, FactorValue]:
        if isinstance(values, Mapping):
            each(values, _Kind._negative)
        checked: dict[str, FactorValue] = handler(values)
        each(checked, _Kind.check)
        return checked

    return WrapValidator(wrap)


GridValue = Annotated[FactorValue, WrapValidator(_GRID.wrap)]
SupplierValue = Annotated[FactorValue, WrapValidator(_SUPPLIER.wrap)]


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
            citation=fs.source(fv.source).cite(fv.table),
            note=fv.note,
        )

    def __str__(self) -> str:
        who = f"{self.fuel} " if self.fuel else ""
        return f"{who}{self.name} = {self.value:g} {self.unit} [{self.status}; {self.citation}]"


class UnitDefinition(_Model):
    """A pint definition that the registry applies at import."""

    definition: str
    source: str
    status: Status
    note: str | None = None


class OilEquivalentBasis(_Model):
    """A definition of oil equivalent: kcal per KLOE (and per kgOE) and electricity's equivalent.

    ``electricity`` is either a heat equivalent (``kcal/kWh``: 2,236 primary, 860 final) or a
    direct KLOE figure (``KLOE/kWh``: 0.00023 in production-declaration-2018 表八之三). Every figure is > 0 (the
    engines divide by them).
    """

    id: str = ""
    title: str
    kcal_per_kloe: Annotated[FactorValue, WrapValidator(_KCAL_PER_KLOE.wrap)]
    kcal_per_kgoe: Annotated[FactorValue, WrapValidator(_KCAL_PER_KGOE.wrap)] | None = None
    electricity: Annotated[FactorValue, WrapValidator(_ELECTRICITY_OE.wrap)]

    @model_validator(mode="after")
    def _electricity_has_units(self) -> OilEquivalentBasis:
        # kcal/kWh is dimensionless: a bare number would pass the dimension check and be read
        # as a ratio of energies (1 kcal/kWh = 1/860), so the unit must be written out.
        if not parse_unit(self.electricity.unit)._units:
            raise _error(
                "electricity.unit",
                f"must be kcal/kWh or KLOE/kWh, written out, got {self.electricity.unit!r}",
                self.electricity.unit,
            )
        return self


class Blend(_Model):
    """A refrigerant blend: mass fractions of its components."""

    components: dict[Gas, Real]
    source: str

    @field_validator("components")
    @classmethod
    def _sums_to_one(cls, v: dict[str, float]) -> dict[str, float]:
        total = sum(v.values())
        if not math.isclose(total, 1.0, abs_tol=1e-9) or any(f <= 0 for f in v.values()):
            raise ValueError(f"components must be positive mass fractions summing to 1, got {v} (sum {total})")
        return v


def _flat_blends(blends: dict[str, Blend]) -> dict[str, Blend]:
    """Blends mix pure gases: a blend of blends (or of itself) would recurse without end in gwp_value."""
    for name, blend in blends.items():
        nested = [c for c in blend.components if _gas_key(c, blends) is not None]
        if nested:
            raise _error(
                f"{name}.components", f"must be pure gases, not blends: {', '.join(map(repr, nested))}", nested
            )
    return blends


Blends = Annotated[dict[Gas, Blend], AfterValidator(_flat_blends)]
"""The refrigerant blends of a file, each of pure gases."""


Emission = Literal["combustion", "fugitive", "process"]
"""How a gas is emitted, for the GWP rules: burnt with a fuel, escaping, or from a process."""


class GwpRule(_Model):
    """A rule of which GWP entry a gas takes, by how and from what it is emitted, from an activity year.

    The shipped one is the MOENV GHG registry's fossil-methane rule (moenv-registry-2026, effective
    115/1/1): from activity year 2025, fugitive and process CH4 of fossil origin take ``CH4-fossil``
    (AR5: 30, moenv-2024-ef 附表四); CH4 from fuel combustion keeps ``CH4`` (28).

    Attributes
    ----------
    id : str
        A short name (``"fossil_methane"``), shown in traces.
    gas : str
        The gas the rule is about (``"CH4"``).
    origin : {"fossil", "biogenic"}
        The origin of the gas the rule is for.
    emissions : tuple of {"combustion", "fugitive", "process"}
        How the gas is emitted where the rule applies.
    use : str
        The entry of the GWP set the gas takes where the rule applies (``"CH4-fossil"``).
    from_year : int
        The first activity year (AD) the rule applies to.
    source, status, note
        As in :class:`FactorValue`: the document of the rule.
    """

    id: str
    gas: Gas
    origin: Literal["fossil", "biogenic"]
    emissions: tuple[Emission, ...] = Field(min_length=1)
    use: Gas
    from_year: Annotated[int, _ad_year_of("a GWP rule's from_year")]
    source: str
    status: Status
    note: str | None = None


class GwpSet(_Model):
    """Global warming potentials (100-year) of one assessment report (dimensionless, >= 0).

    ``rules`` (optional) say where a gas takes another entry of the set (the fossil-methane rule
    of the AR5 set: ``GwpRule``).
    """

    title: str
    values: dict[Gas, Annotated[FactorValue, WrapValidator(_GWP.wrap)]]
    rules: tuple[GwpRule, ...] = ()

    @model_validator(mode="after")
    def _rules_use_values(self) -> GwpSet:
        for i, rule in enumerate(self.rules):
            for gas in (rule.gas, rule.use):
                if _gas_key(gas, self.values) is None:
                    raise _error(
                        f"rules[{i}]",
                        f"names gas {gas!r}, which has no value in this GWP set (have: {', '.join(self.values)})",
                        gas,
                    )
        return self


class Fuel(_Model):
    """One fuel or energy carrier of a factor set (one row of a table such as 附表2).

    Values are checked when the fuel is built (read from a file, :meth:`FactorSet.with_overrides`,
    ``model_copy(update=...)``): heat values and densities > 0; carbon content, per-TJ and
    recommended factors >= 0 (0 for a carbon-free fuel or a gas it does not emit); each in units
    of its dimension (the heat value and recommended factor per the basis unit).

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
        Energy per basis unit (``kcal/L``): the lower (net) heat value, the one the per-TJ factors
        are for (IPCC 2006 Vol. 2; moenv-inventory-guide-2024).
    heat_value_gross : FactorValue, optional
        The higher (gross) heat value per basis unit, kept as data where it is published (natural
        gas NG1 8,963 and NG2 9,698 kcal/m³, moenv-hv-2025); the engines never compute with it.
    heat_value_per_mass : FactorValue, optional
        Energy per mass (``kcal/kg``) of a fuel whose basis unit is a volume, where a per-kg heat
        value is published (LPG 10,972 kcal/kg, moenv-hv-2025): a mass of the fuel converts
        through it, with no density.
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

    id: str
    code: str | None = None
    row: Whole | None = None
    group: str | None = None
    duplicate_of: str | None = None
    name_zh: str
    name_en: str
    aliases: tuple[str, ...] = ()
    basis_unit: str | None = None
    heat_value: Annotated[FactorValue, WrapValidator(_HEAT.wrap)] | None = None
    heat_value_gross: Annotated[FactorValue, WrapValidator(_HEAT.wrap)] | None = None
    heat_value_per_mass: Annotated[FactorValue, WrapValidator(_HEAT_PER_MASS.wrap)] | None = None
    carbon_factor: Annotated[FactorValue, WrapValidator(_CARBON.wrap)] | None = None
    per_tj: dict[str, dict[Gas, Annotated[FactorValue, WrapValidator(_PER_TJ.wrap)]]] = Field(default_factory=dict)
    recommended: Annotated[FactorValue, WrapValidator(_RECOMMENDED.wrap)] | None = None
    density: Annotated[FactorValue, WrapValidator(_DENSITY.wrap)] | None = None
    note: str | None = None

    @field_validator("basis_unit")
    @classmethod
    def _amount_unit(cls, v: str | None) -> str | None:
        if v is not None:
            check_unit(v, ("L", "kg", "kWh"), "basis_unit")  # a volume, a mass or an energy
        return v

    @model_validator(mode="after")
    def _consistent_units(self) -> Fuel:
        if self.basis_unit is not None:
            basis = parse_unit(self.basis_unit)
            if self.heat_value is not None:
                _expect(self.heat_value, f"kcal/({basis})", "heat_value")
            if self.heat_value_gross is not None:
                _expect(self.heat_value_gross, f"kcal/({basis})", "heat_value_gross")
            if self.recommended is not None:
                _expect(self.recommended, f"kg/({basis})", "recommended")
            if self.heat_value_per_mass is not None and basis.dimensionality == _KG.dimensionality:
                raise _error(
                    "heat_value_per_mass",
                    f"is for a fuel measured by volume; this one's basis unit is already a mass ({self.basis_unit})",
                    self.basis_unit,
                )
        elif any(v is not None for v in (self.heat_value, self.heat_value_gross, self.heat_value_per_mass)) or (
            self.recommended is not None
        ):
            raise ValueError("basis_unit is required when a heat value or recommended factor is given")
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
    """Check that a FactorValue's unit can stand for *unit* (dimension, and no unit the forms never mean)."""
    try:
        check_unit(fv.unit, unit, field)
    except UnitsError as exc:
        raise _error(f"{field}.unit", f"must be in units like {unit}, got {fv.unit!r} ({exc})", fv.unit) from None


Constants = Annotated[dict[str, FactorValue], _keyed(_CONSTANTS, _CONSTANT)]
"""Named physical constants of the data (molar masses, water's density ...), each > 0."""


class ActivityYears(_Model):
    """The activity years (AD, inclusive) a factor set is for: ``{from: 2025, to: 2025}`` in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    first: Annotated[int, _ad_year_of("activity_years.from")] = Field(alias="from")
    last: Annotated[int, _ad_year_of("activity_years.to")] = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> ActivityYears:
        if self.last < self.first:
            raise _error("to", f"must not be before from {self.first}, got {self.last}", self.last)
        return self

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.first <= year <= self.last


class AmbiguousName(_Model):
    """A name that stands for more than one fuel of a set, which the set refuses to choose between.

    ``天然氣`` / ``natural_gas`` in ``tw-2025``: natural gas is announced as two grades, NG1 and NG2,
    with their own heat values (moenv-hv-2025); :meth:`FactorSet.fuel` refuses the name, naming
    the grades and their heat values, instead of picking one.
    """

    names: tuple[str, ...] = Field(min_length=1)
    fuels: tuple[str, ...] = Field(min_length=2)
    note: str | None = None


class FactorSet(_Model):
    """A named, versioned set of factors: fuels, grid factors, GWPs and an oil-equivalent basis.

    Factor sets are immutable; :meth:`with_overrides` returns a new one. They carry the file's
    shared tables (sources, GWP sets, blends, oil-equivalent bases), so a set is self-contained
    and can be pickled to worker processes.

    Every value is checked when a set is built, whether read by :func:`~carbonaudit.factors.from_file`,
    made by :meth:`with_overrides` or by ``model_copy(update=...)``: a finite number, never a
    boolean or text; > 0 for grid factors, heat values, densities, oil-equivalent definitions and
    constants; >= 0 only where zero means something (a carbon-free fuel's carbon content and CO2
    factors, a gas the fuel does not emit, a GWP of a gas that is not a greenhouse gas, a renewable
    supplier's factor); and in a unit of the field's dimension (kg/kWh for a grid factor ...).

    A set's conversion cache is its own: a copy (``copy.copy``, ``copy.deepcopy``,
    ``model_copy``, :meth:`with_overrides`, pickling) starts with an empty one, and only the
    set's own fuels are cached; a :class:`Fuel` from elsewhere is converted from its own values
    on every call (see :meth:`fuel`). Two sets are equal when their data are, whatever their caches
    hold, so a set equals its own pickle.

    Examples
    --------
    >>> from carbonaudit import factors
    >>> fs = factors.load("ntpc-award-2015")
    >>> fs.fuel("柴油").heat_value.quantity
    <Quantity(8400.0, 'kilocalorie / liter')>
    >>> fs.grid_factor(2013)
    <Quantity(0.522, 'kilogram / kilowatt_hour')>
    """

    id: str
    title: str
    vintage: str
    description: str | None = None
    activity_years: ActivityYears | None = None
    """The activity years the set is for (:func:`~carbonaudit.factors.for_year` chooses by them);
    None for a form's own set, never chosen by year (``ntpc-award-2015``)."""
    provisional_for: Annotated[int, _ad_year_of("provisional_for")] | None = None
    """The activity year a provisional set stands in for (every value's status ``provisional``)."""
    oil_equivalent: str
    default_gwp: str = "AR5"
    grid_factors: dict[Year, GridValue] = Field(default_factory=dict)
    """The one figure of each year; from 2025 the ``average`` category (全國公用售電)."""
    grid_factor_categories: dict[Year, dict[str, GridValue]] = Field(default_factory=dict)
    """The other categories of the years that publish them (2025: industry, residential)."""
    supplier_factor: SupplierValue | None = None
    fuels: tuple[Fuel, ...]
    ambiguous_names: tuple[AmbiguousName, ...] = ()
    # Shared tables of the file, injected by the loader.
    sources: dict[str, Source] = Field(default_factory=dict)
    gwp_sets: dict[str, GwpSet] = Field(default_factory=dict)
    blends: Blends = Field(default_factory=dict)
    oil_equivalent_bases: dict[str, OilEquivalentBasis] = Field(default_factory=dict)
    constants: Constants = Field(default_factory=dict)

    _index: dict[str, Fuel] = PrivateAttr(default_factory=dict)
    _ambiguous: dict[str, AmbiguousName] = PrivateAttr(default_factory=dict)
    _by_id: dict[str, Fuel] = PrivateAttr(default_factory=dict)
    _cache: dict[tuple[Any, ...], Any] = PrivateAttr(default_factory=dict)

    @field_validator("grid_factor_categories")
    @classmethod
    def _other_categories(cls, v: dict[int, dict[str, FactorValue]]) -> dict[int, dict[str, FactorValue]]:
        others = [c for c in GRID_CATEGORIES if c != "average"]
        for year, by_category in v.items():
            for category in by_category:
                if category not in others:
                    raise _error(
                        f"{year}.{category}",
                        f"is not a category of grid factor here: one of {', '.join(others)} (the 'average' figure "
                        "is the year's grid_factors entry)",
                        category,
                    )
        return v

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
                _check_citation(where, fv.source, fv.table, self.sources)
        if self.oil_equivalent_bases and self.oil_equivalent not in self.oil_equivalent_bases:
            raise ValueError(
                f"oil_equivalent {self.oil_equivalent!r} is not one of {sorted(self.oil_equivalent_bases)}"
            )
        if self.gwp_sets and self.default_gwp not in self.gwp_sets:
            raise ValueError(f"default_gwp {self.default_gwp!r} is not one of {sorted(self.gwp_sets)}")
        for year in self.grid_factor_categories:
            if year not in self.grid_factors:
                raise ValueError(
                    f"grid_factor_categories.{year}: the year has no figure in grid_factors (its 'average', "
                    "全國公用售電): give it there"
                )
        for entry in self.ambiguous_names:
            unknown = [f for f in entry.fuels if f not in ids]
            if unknown:
                raise ValueError(f"ambiguous_names {list(entry.names)}: fuels {unknown} are not fuel ids of the set")
        return self

    def model_post_init(self, context: Any, /) -> None:
        self._build_index()

    def _build_index(self) -> None:
        """Index the fuels by every name, and start an empty conversion cache."""
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
        ambiguous: dict[str, AmbiguousName] = {}
        for entry in self.ambiguous_names:
            for name in entry.names:
                k = _norm(name)
                if k in index:
                    raise ValueError(
                        f"ambiguous_names: {name!r} is also a name of fuel {index[k].id!r}: a name either "
                        "names one fuel or is refused as ambiguous"
                    )
                ambiguous[k] = entry
        self._index = index
        self._ambiguous = ambiguous
        self._by_id = {fuel.id: fuel for fuel in self.fuels}
        self._cache = {}

    def __getstate__(self) -> dict[Any, Any]:
        # The conversion cache is the set's own (and holds pint Units): a worker rebuilds it on
        # first use instead.
        state = super().__getstate__()
        private = dict(state.get("__pydantic_private__") or {})
        private["_cache"] = {}
        state["__pydantic_private__"] = private
        return state

    def __copy__(self) -> Self:
        copied = super().__copy__()
        copied._cache = {}  # never shared: each set object fills its own
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        copied = super().__copy__()
        if memo is None:
            memo = {}
        memo[id(self)] = copied
        object.__setattr__(copied, "__dict__", copy.deepcopy(self.__dict__, memo))
        copied._build_index()  # over the copied fuels, with an empty cache
        return copied

    def __eq__(self, other: object) -> bool:
        """Equal when the data are: the name index and the conversion cache are not compared."""
        if not isinstance(other, BaseModel):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # the data hold dicts: a set is not hashable

    # The engines read the private state on every call: straight from pydantic's private dict, as
    # ``self._cache`` goes through BaseModel.__getattr__ (microseconds, more than a conversion).

    def _private(self, name: str) -> Any:
        private = self.__pydantic_private__
        assert private is not None  # set by model_post_init
        return private[name]

    def _conversions(self) -> dict[tuple[Any, ...], Any]:
        """The set's own conversion cache (of ``carbonaudit._convert`` and ``emissions.frame``)."""
        cache: dict[tuple[Any, ...], Any] = self._private("_cache")
        return cache

    def _owns(self, fuel: Fuel) -> bool:
        """True if *fuel* is this set's own fuel object (whose conversions may be cached)."""
        return self._private("_by_id").get(fuel.id) is fuel

    # -- look-ups ---------------------------------------------------------------------------

    def fuel(self, key: str | Fuel) -> Fuel:
        """Find a fuel by id, energy code (``O05``), English or Chinese name, or alias.

        A :class:`Fuel` object is returned as the set's own fuel if the set has one equal to it;
        otherwise (a fuel of another set, or one changed with ``model_copy``) it is returned as
        it is, and the engines compute with its own values, which their factor traces cite: e.g.
        ``energy.heat(Q_(1000, "L"), factors.load("ntpc-award-2015").fuel("diesel"), factors.load())``
        uses that set's 8,400 kcal/L, and cites it, not ``tw-2025``'s 8,636. Such a fuel's
        values are never cached on this set. To use this set's values, pass the fuel's id or name.

        Parameters
        ----------
        key : str or Fuel
            An id, an energy code, a name or an alias (case and spacing ignored), or a Fuel.

        Returns
        -------
        Fuel
            The set's fuel, or *key* itself for a Fuel the set does not have.

        Raises
        ------
        FactorNotFoundError
            If nothing matches, or *key* is neither a str nor a Fuel; the message names the other
            shipped sets that have the fuel (``"coke"`` is only in ``ntpc-award-2015``), with the
            fix ``factor_set=...`` (``--set`` on the command line), or else suggests close names.

        Examples
        --------
        >>> from carbonaudit import factors
        >>> factors.load("tw-2025").fuel("焦炭")
        Traceback (most recent call last):
        ...
        carbonaudit.errors.FactorNotFoundError: fuel '焦炭' is not in factor set 'tw-2025'; the shipped set 'ntpc-award-2015' (coke, 焦炭) has it; pass factor_set='ntpc-award-2015'
        """
        if isinstance(key, Fuel):
            own: Fuel | None = self._private("_by_id").get(key.id)
            if own is not None and (own is key or own == key):
                return own
            return key
        if not isinstance(key, str):
            raise FactorNotFoundError(f"fuel must be a str (id, code or name), got {type(key).__name__} {key!r}")
        index: dict[str, Fuel] = self._private("_index")
        found = index.get(_norm(key))
        if found is not None:
            return found
        ambiguous: AmbiguousName | None = self._private("_ambiguous").get(_norm(key))
        if ambiguous is not None:
            raise FactorNotFoundError(self._ambiguity(key, ambiguous))
        close = difflib.get_close_matches(_norm(key), list(index), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(repr(index[c].id) for c in close)}?" if close else ""
        others = self._shipped_with(key)
        if others:
            have = ", ".join(f"{set_id!r} ({fuel.id}, {fuel.name_zh})" for set_id, fuel in others)
            first = others[0][0]
            raise FactorNotFoundError(
                f"fuel {key!r} is not in factor set {self.id!r}; the shipped set{'s' if len(others) > 1 else ''} "
                f"{have} {'have' if len(others) > 1 else 'has'} it",
                python=f"pass factor_set={first!r}",
                cli=f"give --set {first}",
            )
        raise FactorNotFoundError(
            f"fuel {key!r} is not in factor set {self.id!r}{hint} (see carbonaudit factors show {self.id})"
        )

    def _shipped_with(self, key: str) -> list[tuple[str, Fuel]]:
        """The other shipped sets that have a fuel named *key*, with it: dated sets first, newest first."""
        from ._loader import _shipped

        base = self.id.removesuffix("+user").removesuffix("+provisional")
        found: list[tuple[int, str, Fuel]] = []
        for other in _shipped().factor_sets:
            if other.id in (self.id, base):
                continue
            fuel: Fuel | None = other._private("_index").get(_norm(key))
            if fuel is not None:
                rank = -other.activity_years.last if other.activity_years is not None else 1
                found.append((rank, other.id, fuel))
        return [(set_id, fuel) for _, set_id, fuel in sorted(found, key=lambda t: (t[0], t[1]))]

    def _ambiguity(self, key: str, entry: AmbiguousName) -> str:
        """The message refusing a name that stands for several fuels: each one's id, name and heat value."""
        parts = []
        for fuel_id in entry.fuels:
            fuel = self._private("_by_id")[fuel_id]
            hv = fuel.heat_value
            heat = f": {hv.value:,.0f} {hv.unit}, {hv.status}, {hv.source}" if hv is not None else ""
            parts.append(f"{fuel_id!r} ({fuel.name_zh}{heat})")
        why = f" ({entry.note})" if entry.note else ""
        return (
            f"fuel {key!r} is ambiguous in factor set {self.id!r}: it stands for {' or '.join(parts)}{why}; "
            "name the one you use by its id (your supplier's invoice says which)"
        )

    def grid_factor(self, year: int, category: str = "average") -> Quantity:
        """The grid electricity emission factor of an AD *year* and *category* [kg CO2e/kWh].

        See :meth:`grid_factor_value`.

        Raises
        ------
        FactorNotFoundError
            If the set has no factor for that year (the message lists the years it has).
        InvalidValueError
            If *category* is not one of ``GRID_CATEGORIES``.
        PeriodError
            If *year* is not an AD year as int 1912-2211 (a float, a str, a bool, an ROC year such
            as 113); numpy integers are years like ints.

        Examples
        --------
        >>> from carbonaudit import factors
        >>> fs = factors.load("tw-2025")
        >>> fs.grid_factor(2025), fs.grid_factor(2025, "industry")      # moeaea-grid-2025
        (<Quantity(0.467, 'kilogram / kilowatt_hour')>, <Quantity(0.466, 'kilogram / kilowatt_hour')>)
        >>> fs.grid_factor(2024, "industry")           # one figure for 2024: every category
        <Quantity(0.474, 'kilogram / kilowatt_hour')>
        """
        return self.grid_factor_value(year, category).quantity

    def grid_factor_value(self, year: int, category: str = "average") -> FactorValue:
        """The grid factor of an AD *year* and *category* as a :class:`FactorValue` (with source and status).

        From activity year 2025 經濟部能源署 publishes three figures (moeaea-grid-2025): ``"average"``
        (全國公用售電, all public electricity sales; 0.467 kg CO2e/kWh for 2025), ``"industry"``
        (產業, 0.466) and ``"residential"`` (民生住宅, 0.471). The MOENV GHG registry uses the
        industry figure for enterprise inventories (moenv-registry-2026); the default here is
        ``"average"``, the one figure every earlier year has. A year with one figure answers every
        category with it, and the value's note says so.

        Parameters
        ----------
        year : int
            AD year.
        category : {"average", "industry", "residential"}, default "average"
            See ``GRID_CATEGORIES``.

        Raises
        ------
        FactorNotFoundError, InvalidValueError, PeriodError
            As :meth:`grid_factor`.
        """
        year = _ad_year(year, "year")  # numpy integers too; an ROC year named as one (periods.roc_to_ad)
        _grid_category(category)
        fv = self.grid_factors.get(year)
        if fv is None:
            years = ", ".join(str(y) for y in sorted(self.grid_factors)) or "none"
            raise FactorNotFoundError(
                f"factor set {self.id!r} has no grid factor for {year} (it has: {years})",
                python="use another set or with_overrides(grid_factors={...})",
                cli=f"give the grid factor of {year} with --grid-factor QUANTITY (e.g. --grid-factor '0.494 kg/kWh'), "
                "or another set with --set ID",
            )
        if category == "average":
            return fv
        by_category = self.grid_factor_categories.get(year)
        if by_category is None:
            key = ("one", year, category)
            cache = self._conversions()
            one: FactorValue | None = cache.get(key)
            if one is None:
                said = f"{year} has one published grid factor; it answers every category (asked: {category!r})"
                one = fv.model_copy(update={"note": f"{said}; {fv.note}" if fv.note else said})
                cache[key] = one
            return one
        found = by_category.get(category)
        if found is None:
            have = ", ".join(["average", *by_category])
            raise FactorNotFoundError(
                f"factor set {self.id!r} has no {category!r} grid factor for {year} (categories it has: {have})"
            )
        return found

    def gwp_value(self, gas: str, gwp: str | None = None) -> FactorValue:
        """The GWP of *gas* in the GWP set *gwp* (default: the set's; any case: ``"ar6"`` is AR6) with its source.

        A blend missing from the GWP set is computed from its components (status ``derived``).
        """
        name = self._gwp_name(gwp)
        table = self.gwp_sets[name]
        key = _gas_key(gas, table.values)
        if key is not None:
            return table.values[key]
        blend_key = _gas_key(gas, self.blends)
        if blend_key is not None:
            blend = self.blends[blend_key]
            total = 0.0
            for component, share in blend.components.items():
                total += share * self.gwp_value(component, name).value
            note = f"{blend_key} computed from its components' {name} GWP: " + " + ".join(
                f"{s:g} x {c}" for c, s in blend.components.items()
            )
            if self.provisional_for is not None:  # every value of a provisional set says so
                return FactorValue(
                    value=total,
                    source=blend.source,
                    status="provisional",
                    note=f"provisional for activity year {self.provisional_for}; {note}",
                )
            return FactorValue(value=total, source=blend.source, status="derived", note=note)
        known = sorted({*table.values, *self.blends})
        raise FactorNotFoundError(f"gas {gas!r} has no GWP in {name} (known: {', '.join(known)})")

    def _gwp_name(self, gwp: object) -> str:
        """The name of the GWP set *gwp* as the data spells it (``"ar6"`` is ``"AR6"``); None is the set's own.

        Raises
        ------
        FactorNotFoundError
            If *gwp* is not a str, is empty, or names no GWP set of this factor set.
        """
        name = _choice(gwp, self.default_gwp, "gwp", self.gwp_sets)
        if name in self.gwp_sets:
            return name
        for key in self.gwp_sets:
            if _norm(key) == _norm(name):
                return key
        raise FactorNotFoundError(f"GWP set {name!r} is not available (have: {', '.join(self.gwp_sets)})")

    def gwp(self, gas: str, gwp: str | None = None) -> float:
        """The 100-year GWP of *gas* (dimensionless) in the GWP set *gwp* (``"AR4"``, ``"AR5"``, ``"AR6"``, any case).

        Examples
        --------
        >>> from carbonaudit import factors
        >>> factors.load().gwp("CH4", "AR5")
        28.0
        """
        return self.gwp_value(gas, gwp).value

    def _grid_name(self, year: int, category: str) -> str:
        """The trace name of the grid factor of *year* and *category*: ``grid_factors.2025.industry``.

        The average, and every category of a year with one figure, is ``grid_factors.<year>``.
        """
        if category == "average" or year not in self.grid_factor_categories:
            return f"grid_factors.{year}"
        return f"grid_factors.{year}.{category}"

    def _gwp_applied(
        self, gas: str, gwp: str | None, *, emission: Emission, origin: str | None, year: int
    ) -> tuple[str, FactorValue]:
        """The GWP entry *gas* takes under the GWP set's rules, and its value with a note saying why.

        Where a rule of the GWP set (``GwpRule``) covers the gas, the emission and the
        activity *year*, the gas takes the rule's entry if its *origin* is the rule's, else its
        own; an *origin* of None there is refused (the GWP would depend on it). Elsewhere the gas
        takes its own entry; for a gas a rule is about, the note says why the rule did not apply.

        Raises
        ------
        InvalidValueError
            If a rule applies and *origin* is None.
        FactorNotFoundError
            As :meth:`gwp_value`.
        """
        name = self._gwp_name(gwp)
        own = self.gwp_value(gas, name)
        table = self.gwp_sets.get(name)
        rules = [r for r in table.rules if _norm(r.gas) == _norm(gas)] if table is not None else []
        if not rules:
            return gas, own
        reasons = []
        for rule in rules:
            said = (
                f"rule {rule.id} ({rule.source}): from activity year {rule.from_year}, "
                f"{' and '.join(rule.emissions)} {rule.gas} of {rule.origin} origin takes {rule.use}"
            )
            if emission not in rule.emissions:
                reasons.append(f"{emission} {rule.gas} is not covered by the {said}")
                continue
            if year < rule.from_year:
                reasons.append(f"activity year {year} is before the {said}")
                continue
            if origin is None:
                raise InvalidValueError(
                    f"origin must be 'fossil' or 'biogenic' for {emission} {rule.gas} of activity year {year}: by the "
                    f"{said} (GWP {self.gwp_value(rule.use, name).value:g}), otherwise {rule.gas} "
                    f"(GWP {own.value:g}); say which"
                )
            if origin != rule.origin:
                reasons.append(f"this {rule.gas} is of {origin} origin, not covered by the {said}")
                continue
            used = self.gwp_value(rule.use, name)
            note = f"applied by the {said}" + (f" ({rule.note})" if rule.note else "")
            return rule.use, used.model_copy(update={"note": f"{note}; {used.note}" if used.note else note})
        note = f"{gas}'s own GWP: " + "; ".join(reasons)
        return gas, own.model_copy(update={"note": f"{note}; {own.note}" if own.note else note})

    def oil_equivalent_basis(self, basis: str | None = None) -> OilEquivalentBasis:
        """The oil-equivalent definition *basis* (default: the set's own)."""
        name = _choice(basis, self.oil_equivalent, "basis", self.oil_equivalent_bases)
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
        found = self.sources.get(source_id) if isinstance(source_id, str) else None
        if found is None:
            raise FactorNotFoundError(f"source {source_id!r} is not defined in factor set {self.id!r}")
        return found

    # -- overrides --------------------------------------------------------------------------

    def with_overrides(
        self,
        *,
        heat_values: Mapping[str, Quantity] | None = None,
        densities: Mapping[str, Quantity] | None = None,
        grid_factors: Mapping[int, Quantity] | Mapping[tuple[int, str], Quantity] | None = None,
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
            Measured heat values [energy per the fuel's basis unit, e.g. kcal/kg]. For a fuel
            measured by volume, a value per mass (kcal/kg) is its heat value per mass
            (``heat_value_per_mass``, which converts a mass of it with no density); each replaces
            only its own value (a key may be given once: name the fuel by id and by code to give
            both, e.g. ``{"lpg": Q_(6000, "kcal/L"), "O02": Q_(11000, "kcal/kg")}``).
        densities : mapping of fuel key to Quantity, optional
            Densities [mass/volume, e.g. kg/L], to convert a mass of a per-litre fuel (where the
            fuel has no heat value per mass, or for its recommended factor).
        grid_factors : mapping of AD year, or of (year, category), to Quantity, optional
            Grid emission factors [kg CO2e/kWh]. A year's figure replaces all of that year's (it
            then answers every category); a ``(year, category)`` key sets one category
            (``GRID_CATEGORIES``), e.g. ``{(2025, "industry"): Q_(0.466, "kg/kWh")}``.
        supplier_factor : Quantity, optional
            A supplier's electricity emission factor for market-based scope 2 [kg CO2e/kWh].
        note : str, optional
            Recorded on every overridden value.

        Returns
        -------
        FactorSet
            A new set (with its own, empty conversion cache).

        Raises
        ------
        UnitsError
            If a value is a bare number or not in a unit of its dimension (a grid factor in kg, a
            heat value in kcal), or in a unit the forms never mean (kvar·h for kWh, pint's short ton).
        InvalidValueError
            If a value is an array, NaN, infinite, a bool or text, negative, or zero where zero means
            nothing (heat values, densities and grid factors must be > 0; a supplier factor may be
            0 for a renewable supply); if an argument is not a mapping, or *note* is not a str; if
            a grid_factors key is a tuple that is not (year, category), or gives a category's
            figure for a year with no average figure.
        FactorNotFoundError
            If a fuel key is not in the set.
        PeriodError
            If a grid_factors key (or a key's year) is not an AD year.

        Examples
        --------
        >>> from carbonaudit import Q_, factors
        >>> fs = factors.load().with_overrides(heat_values={"C02": Q_(6100, "kcal/kg")})
        >>> fs.fuel("C02").heat_value.value, fs.fuel("C02").heat_value.status
        (6100.0, 'user')
        """
        if note is not None and not isinstance(note, str):
            raise InvalidValueError(f"note must be a str, got {type(note).__name__} {note!r}")
        changes: dict[str, dict[str, Any]] = {}
        for key, q in _mapping(densities, "densities").items():
            fuel = self._override_fuel(key, "densities")
            changes.setdefault(fuel.id, {})["density"] = _user_value(q, "kg/L", f"densities[{key!r}]", note, _DENSITY)
        for key, q in _mapping(heat_values, "heat_values").items():
            fuel = self._override_fuel(key, "heat_values")
            name = f"heat_values[{key!r}]"
            basis = fuel.basis_unit or _basis_of_heat_value(q, name)
            update = changes.setdefault(fuel.id, {})
            if _per_mass(q) and parse_unit(basis).dimensionality == _VOLUME_DIMENSION:
                # a fuel measured by volume (LPG): a per-kg value is its heat value per mass
                update["heat_value_per_mass"] = _user_value(q, "kcal/kg", name, note, _HEAT_PER_MASS)
                continue
            update["heat_value"] = _user_value(q, f"kcal/({basis})", name, note, _HEAT)
            update["basis_unit"] = basis
        fuels = tuple(f.model_copy(update=changes[f.id]) if f.id in changes else f for f in self.fuels)
        grid = dict(self.grid_factors)
        categories = {y: dict(c) for y, c in self.grid_factor_categories.items()}
        by_category: list[tuple[int, str, object]] = []
        for key, q in _mapping(grid_factors, "grid_factors").items():
            if isinstance(key, tuple):  # (year, category): one category of a year
                if len(key) != 2 or not isinstance(key[1], str) or key[1] not in GRID_CATEGORIES:
                    raise InvalidValueError(
                        f"grid_factors key {key!r:.80}: a key is an AD year, or (year, category) with a category "
                        f"of {', '.join(map(repr, GRID_CATEGORIES))}"
                    )
                by_category.append((_ad_year(key[0], "a grid_factors key's year"), key[1], q))
                continue
            year = _ad_year(key, "a grid_factors key")  # numpy integers too (keys of a Series)
            grid[year] = _user_value(q, "kg/kWh", f"grid_factors[{year}]", note, _GRID)
            categories.pop(year, None)  # the user's one figure answers every category of the year
        for year, category, q in by_category:
            value = _user_value(q, "kg/kWh", f"grid_factors[({year}, {category!r})]", note, _GRID)
            if category == "average":
                grid[year] = value
            else:
                categories.setdefault(year, {})[category] = value
        for year in categories:
            if year not in grid:
                raise InvalidValueError(
                    f"grid_factors: {year} has a category's figure but no 'average' one (全國公用售電): give "
                    f"grid_factors[{year}] or grid_factors[({year}, 'average')] too"
                )
        supplier = self.supplier_factor
        if supplier_factor is not None:
            supplier = _user_value(supplier_factor, "kg/kWh", "supplier_factor", note, _SUPPLIER)
        new_id = self.id if self.id.endswith("+user") else f"{self.id}+user"
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        fields.update(
            id=new_id,
            fuels=fuels,
            grid_factors=grid,
            grid_factor_categories=categories,
            supplier_factor=supplier,
            sources={**self.sources, "user": _USER_SOURCE},
        )
        return type(self)(**fields)

    # -- helpers ----------------------------------------------------------------------------

    def _override_fuel(self, key: object, argument: str) -> Fuel:
        """The fuel a key of an override argument names; an unknown one is refused naming the argument."""
        try:
            return self.fuel(key)  # type: ignore[arg-type]  # checked there: a str or a Fuel
        except FactorNotFoundError as exc:
            raise FactorNotFoundError(f"{argument} key {key!r}: {exc}") from None

    def _values(self) -> list[tuple[str, FactorValue]]:
        out: list[tuple[str, FactorValue]] = []
        for year, fv in self.grid_factors.items():
            out.append((f"grid_factors.{year}", fv))
        for year, categories in self.grid_factor_categories.items():
            for category, fv in categories.items():
                out.append((f"grid_factor_categories.{year}.{category}", fv))
        if self.supplier_factor is not None:
            out.append(("supplier_factor", self.supplier_factor))
        for fuel in self.fuels:
            for name in _FUEL_VALUES:
                fv = getattr(fuel, name)
                if fv is not None:
                    out.append((f"fuels.{fuel.id}.{name}", fv))
            for use, gases in fuel.per_tj.items():
                for gas, fv in gases.items():
                    out.append((f"fuels.{fuel.id}.per_tj.{use}.{gas}", fv))
        return out


_USER_SOURCE = Source(short="user override (FactorSet.with_overrides)", title="user override (FactorSet.with_overrides)")
_FUEL_VALUES = ("heat_value", "heat_value_gross", "heat_value_per_mass", "carbon_factor", "recommended", "density")
"""The single values of a fuel (besides its per-TJ factors)."""


def _grid_category(category: object, name: str = "category") -> str:
    """*category* if it is one of ``GRID_CATEGORIES``, else an InvalidValueError naming *name*."""
    if not isinstance(category, str) or category not in GRID_CATEGORIES:
        raise InvalidValueError(
            f"{name} must be one of {', '.join(map(repr, GRID_CATEGORIES))} (the grid factor's category), got "
            f"{type(category).__name__} {category!r:.80}"
        )
    return category


def _choice(value: object, default: str, argument: str, table: Mapping[str, Any]) -> str:
    """An optional name argument (a GWP set, an oil-equivalent basis): None for the set's own."""
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip():
        raise FactorNotFoundError(
            f"{argument} must be one of {', '.join(repr(k) for k in table)} (or None for the set's own, "
            f"{default!r}), got {type(value).__name__} {value!r}"
        )
    return value


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


_VOLUME_DIMENSION = ureg.Unit("L").dimensionality
_PER_MASS_DIMENSION = ureg.Unit("kcal/kg").dimensionality


def _per_mass(q: object) -> bool:
    """True for a Quantity of energy per mass (a heat value per kg)."""
    return isinstance(q, Q_) and q.dimensionality == _PER_MASS_DIMENSION


def _mapping(values: object, name: str) -> Mapping[Any, Any]:
    """An override argument: None (nothing) or a mapping; anything else is an InvalidValueError."""
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise InvalidValueError(
            f"{name} must be a mapping (a dict) of key to Quantity, got {type(values).__name__} {values!r:.80}"
        )
    return values


def _user_value(q: object, unit: str, name: str, note: str | None, kind: _Kind) -> FactorValue:
    """A user's value for a field of *kind*, checked as the field checks a value read from a file."""
    # a single finite number in a unit of the dimension of *unit* (UnitsError / InvalidValueError
    # naming *name* for a bare number, a wrong dimension, an array, NaN, a bool, text ...)
    value = scalar_magnitude(q, unit, name, allow_negative=True)
    if value < 0 or (value == 0 and not kind.zero):
        raise InvalidValueError(f"{name} must be {kind.need}, got {q:~}")
    return FactorValue(value=value, unit=unit, source="user", status="user", note=note)


class SavingTargetTier(_Model):
    """One tier of a saving-target rule: who it applies to and the target rate."""

    min_capacity_kw: Annotated[Real, Field(ge=0)] | None = None
    """Applies to contract capacities above this [kW] (exclusive)."""
    max_capacity_kw: Annotated[Real, Field(ge=0)] | None = None
    """... and up to this [kW] (inclusive)."""
    state_owned: bool | None = None
    """True: applies to state-owned enterprises whatever their capacity."""
    basis: Literal["average", "annual"]
    """Which rate the target is for: the average annual saving rate or the year's own rate."""
    target: Annotated[FactorValue, WrapValidator(_TARGET.wrap)]


class SavingTargetRule(_Model):
    """A saving-target rule and the AD years it covers."""

    id: str
    title: str
    from_year: Annotated[int, _ad_year_of("from_year")]
    to_year: Annotated[int, _ad_year_of("to_year")]
    tiers: tuple[SavingTargetTier, ...]

    @model_validator(mode="after")
    def _ordered(self) -> SavingTargetRule:
        if self.to_year < self.from_year:
            raise _error("to_year", f"must not be before from_year {self.from_year}, got {self.to_year}", self.to_year)
        return self


class SummerMonths(_Model):
    """The months of the award form's summer comparison."""

    months: tuple[Annotated[Whole, Field(ge=1, le=12)], ...]
    source: str
    note: str | None = None


class ReferencePrices(_Model):
    """Reference energy prices printed by a declaration system (money per kWh, mass or volume, > 0)."""

    source: str
    note: str | None = None
    prices: dict[str, Annotated[FactorValue, WrapValidator(_PRICE.wrap)]]


class Rules(_Model):
    """Numbers of the forms' rules: saving targets, summer months, reference prices."""

    saving_targets: tuple[SavingTargetRule, ...]
    summer_months: SummerMonths
    reference_prices: ReferencePrices
    limits: Annotated[dict[str, FactorValue], _keyed(_LIMITS, _LIMIT)] = Field(default_factory=dict)
    """Named limits of the forms (transformer load 50-75 %, EUI difference 10 %, ...), each > 0."""

    def limit(self, name: str) -> FactorValue:
        """The limit *name* (see ``rules.limits`` in ``factors.yaml``).

        Raises
        ------
        FactorNotFoundError
            If the data has no limit of that name.
        """
        found = self.limits.get(name) if isinstance(name, str) else None
        if found is None:
            raise FactorNotFoundError(f"limit {name!r} is not in the data (have: {', '.join(self.limits)})")
        return found


class LeakRate(_Model):
    """An equipment class's annual refrigerant leak rate range (IPCC 2006 Vol. 3 Table 7.9)."""

    low: Annotated[Real, Field(ge=0, le=1)]
    high: Annotated[Real, Field(ge=0, le=1)]
    zh: str
    source: str
    table: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> LeakRate:
        if self.high < self.low:
            raise ValueError(f"high {self.high} is below low {self.low}")
        return self

    @property
    def midpoint(self) -> float:
        """The library's default: the middle of the announced range (status derived)."""
        return (self.low + self.high) / 2


class ExtinguisherAgent(_Model):
    """A fire-extinguisher agent and the gas its refill emits (None: no greenhouse gas)."""

    gas: str | None
    note: str
    source: str


ISO_CATEGORY_NUMBERS = (1, 2, 3, 4, 5, 6)
"""The categories of an organisation's inventory under ISO 14064-1:2018 5.2.4 (類別1-6)."""

_IsoNumber = Annotated[Whole, Field(ge=1, le=6)]
"""An ISO 14064-1 category: a whole number from 1 to 6 (never a bool, a float or text)."""


class IsoCategory(_Model):
    """One ISO 14064-1:2018 category (類別): its names and where they are read from."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    source: str
    table: str | None = None
    status: Status
    note: str | None = None


class IsoSourceCategory(_Model):
    """The ISO 14064-1 category of one emission source of the inventory engine, with its citation.

    Attributes
    ----------
    category : int
        1-6, the category of the source's lines.
    transport : int, optional
        1-6, the category of the source's lines of government category ``transport`` (fuel
        burnt in vehicles) where it differs: an outsourced unit's vehicle fuel is a transport
        service (category 3), its other consumption a service used (category 4).
    """

    category: _IsoNumber
    transport: _IsoNumber | None = None
    source: str
    table: str | None = None
    status: Status
    note: str | None = None


class IsoCategories(_Model):
    """The ISO 14064-1:2018 categories 1-6 and the category of every emission source.

    The section ``inventory.iso_categories`` of ``factors.yaml``: corporate inventories in Taiwan
    report by these categories (moenv-inventory-guide-2024; iso-14064-1-2018 5.2.4). All six are
    named; every source the engine writes on a line has a category (the loader checks the keys
    against :data:`carbonaudit.inventory.SECTORS`).
    """

    source: str
    status: Status
    note: str | None = None
    categories: dict[_IsoNumber, IsoCategory]
    sources: dict[str, IsoSourceCategory]

    @field_validator("categories")
    @classmethod
    def _all_six(cls, v: dict[int, IsoCategory]) -> dict[int, IsoCategory]:
        missing = [n for n in ISO_CATEGORY_NUMBERS if n not in v]
        if missing:
            raise ValueError(f"must name every category 1-6; missing {', '.join(map(str, missing))}")
        return v

    def of(self, source: str, category: str = "") -> int:
        """The ISO 14064-1 category (1-6) of a line of emission *source* and government *category*.

        Raises
        ------
        FactorNotFoundError
            If the data gives no category for *source*.

        Examples
        --------
        >>> from carbonaudit import factors
        >>> iso = factors.inventory_data().iso_categories
        >>> iso.of("refrigerant"), iso.of("purchased_electricity")
        (1, 2)
        >>> iso.of("outsourced", "stationary_energy"), iso.of("outsourced", "transport")
        (4, 3)
        """
        entry = self.sources.get(source) if isinstance(source, str) else None
        if entry is None:
            raise FactorNotFoundError(
                f"emission source {source!r} has no ISO 14064-1 category in the data "
                f"(inventory.iso_categories.sources has {', '.join(self.sources)})"
            )
        if category == "transport" and entry.transport is not None:
            return entry.transport
        return entry.category


class InventoryData(_Model):
    """Data of the GHG inventory engine: leak rates, extinguisher agents, septic-tank factors, ISO categories."""

    leak_rates: dict[str, LeakRate]
    extinguisher_agents: dict[str, ExtinguisherAgent]
    septic: Annotated[dict[str, FactorValue], _keyed(_SEPTICS, _SEPTIC)]
    iso_categories: IsoCategories | None = None
    """ISO 14064-1:2018 categories (optional in a user's file written before they were added)."""
