"""Reading and validating factor files (private; use :func:`carbonaudit.factors.load`)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._data import data_path, factors_document, read_yaml
from ..errors import DataFileError, FactorNotFoundError, InvalidValueError
from ..periods import _ad_year
from ..units import parse_unit, ureg
from .models import (
    _FUEL_VALUES,
    Blends,
    Constants,
    FactorSet,
    FactorValue,
    Fuel,
    GwpSet,
    InventoryData,
    OilEquivalentBasis,
    Rules,
    Source,
    UnitDefinition,
    Whole,
    _check_citation,
)

__all__ = ["available", "for_year", "from_file", "inventory_data", "load", "rules"]

_MOLAR_MASSES = ("molar_mass_co2", "molar_mass_carbon")
_G_PER_MOL = ureg.Unit("g/mol")


class _FactorsFile(BaseModel):
    """The whole ``factors.yaml`` document."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Annotated[Whole, Field(ge=1, le=1)]
    default_set: str
    sources: dict[str, Source]
    units: tuple[UnitDefinition, ...] = ()
    constants: Constants = Field(default_factory=dict)
    oil_equivalent: dict[str, OilEquivalentBasis]
    blends: Blends = Field(default_factory=dict)
    gwp: dict[str, GwpSet]
    rules: Rules | None = None
    inventory: InventoryData | None = None
    factor_sets: tuple[FactorSet, ...]


def _shared(raw: dict[str, Any]) -> dict[str, Any]:
    """Copy the file's shared tables into each factor set, so each set is self-contained."""
    if not isinstance(raw, dict):
        raise DataFileError("the factor file must be a YAML mapping at the top level")
    shared = {
        "sources": raw.get("sources") or {},
        "gwp_sets": raw.get("gwp") or {},
        "blends": raw.get("blends") or {},
        "oil_equivalent_bases": {
            key: {**value, "id": key} if isinstance(value, dict) else value
            for key, value in (raw.get("oil_equivalent") or {}).items()
        },
        "constants": raw.get("constants") or {},
    }
    sets = raw.get("factor_sets")
    if isinstance(sets, list):
        raw = {**raw, "factor_sets": [{**s, **shared} if isinstance(s, dict) else s for s in sets]}
    return raw


def _where(raw: dict[str, Any], loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into a path that names sets and fuels by id."""
    parts: list[str] = []
    node: Any = raw
    for i, key in enumerate(loc):
        label = str(key)
        if isinstance(node, (list, tuple)) and isinstance(key, int) and 0 <= key < len(node):
            item = node[key]
            if isinstance(item, dict) and "id" in item:
                label = f"[{item['id']}]"
                parts[-1:] = [parts[-1] + label] if parts else [label]
                node = item
                continue
            label = f"[{key}]"
            parts[-1:] = [parts[-1] + label] if parts else [label]
            node = item
            continue
        parts.append(label)
        node = node.get(key) if isinstance(node, dict) else None
        if i > 40:  # pragma: no cover - defensive
            break
    return ".".join(parts)


# The file's shared tables as each set receives them (see _shared): an error in one is reported
# once, at the file's own table, not again in every set.
_SHARED_IN_SETS = {"sources", "gwp_sets", "blends", "oil_equivalent_bases", "constants"}


def _error_line(prepared: dict[str, Any], err: Any) -> str:
    """One line of a validation error: the path of the value in the file, what is wrong, what was given."""
    path = _where(prepared, tuple(err["loc"]))
    ctx = err.get("ctx") or {}
    if "field" in ctx and "detail" in ctx:  # checked by the model that holds it: name the value or unit inside
        return f"  {path + '.' if path else ''}{ctx['field']}: {ctx['detail']}"
    got = "" if "got" in ctx else f" (got {err.get('input')!r:.80})"
    return f"  {path}: {err['msg']}{got}"


def _parse(raw: Any, origin: str) -> _FactorsFile:
    prepared = _shared(raw)
    try:
        doc = _FactorsFile.model_validate(prepared)
    except ValidationError as exc:
        errors = exc.errors()
        own = [
            e
            for e in errors
            if not (len(e["loc"]) >= 3 and e["loc"][0] == "factor_sets" and e["loc"][2] in _SHARED_IN_SETS)
        ]
        lines = [_error_line(prepared, err) for err in (own or errors)]
        raise DataFileError(f"{origin}: invalid factor data\n" + "\n".join(lines)) from exc
    cited: list[tuple[str, str]] = []
    if doc.rules is not None:
        cited += [
            ("rules.summer_months", doc.rules.summer_months.source),
            ("rules.reference_prices", doc.rules.reference_prices.source),
        ]
        cited += [
            (f"rules.reference_prices.prices.{k}", v.source) for k, v in doc.rules.reference_prices.prices.items()
        ]
        cited += [(f"rules.limits.{k}", v.source) for k, v in doc.rules.limits.items()]
        cited += [
            (f"rules.saving_targets[{r.id}].tiers[{i}]", t.target.source)
            for r in doc.rules.saving_targets
            for i, t in enumerate(r.tiers)
        ]
    if doc.inventory is not None:
        cited += [(f"inventory.leak_rates.{k}", v.source) for k, v in doc.inventory.leak_rates.items()]
        cited += [
            (f"inventory.extinguisher_agents.{k}", v.source) for k, v in doc.inventory.extinguisher_agents.items()
        ]
        cited += [(f"inventory.septic.{k}", v.source) for k, v in doc.inventory.septic.items()]
        iso = doc.inventory.iso_categories
        if iso is not None:
            cited.append(("inventory.iso_categories", iso.source))
            cited += [(f"inventory.iso_categories.categories.{k}", v.source) for k, v in iso.categories.items()]
            cited += [(f"inventory.iso_categories.sources.{k}", v.source) for k, v in iso.sources.items()]
    cited += [
        (f"gwp.{name}.rules[{rule.id}]", rule.source) for name, table in doc.gwp.items() for rule in table.rules
    ]
    tables: dict[str, str | None] = {}
    if doc.rules is not None:
        tables |= {f"rules.reference_prices.prices.{k}": v.table for k, v in doc.rules.reference_prices.prices.items()}
        tables |= {f"rules.limits.{k}": v.table for k, v in doc.rules.limits.items()}
        tables |= {
            f"rules.saving_targets[{r.id}].tiers[{i}]": t.target.table
            for r in doc.rules.saving_targets
            for i, t in enumerate(r.tiers)
        }
    if doc.inventory is not None:
        tables |= {f"inventory.septic.{k}": v.table for k, v in doc.inventory.septic.items()}
        iso = doc.inventory.iso_categories
        if iso is not None:
            tables |= {f"inventory.iso_categories.categories.{k}": v.table for k, v in iso.categories.items()}
            tables |= {f"inventory.iso_categories.sources.{k}": v.table for k, v in iso.sources.items()}
    for where, source in cited:
        try:
            _check_citation(where, source, tables.get(where), doc.sources)
        except ValueError as exc:
            raise DataFileError(f"{origin}: {exc}") from None
    if doc.inventory is not None and doc.inventory.iso_categories is not None:
        _check_iso_sources(doc.inventory.iso_categories.sources, origin)
    ids = [s.id for s in doc.factor_sets]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise DataFileError(f"{origin}: factor set ids appear more than once: {duplicated}")
    if doc.default_set not in ids:
        raise DataFileError(f"{origin}: default_set {doc.default_set!r} is not one of {ids}")
    vintages = sorted((s for s in doc.factor_sets if s.activity_years is not None), key=_first_year)
    for earlier, later in zip(vintages, vintages[1:], strict=False):
        if _first_year(later) <= _last_year(earlier):
            raise DataFileError(
                f"{origin}: factor sets {earlier.id!r} and {later.id!r} are both for activity year "
                f"{_first_year(later)}: a year has one set (their activity_years overlap)"
            )
    for name in _MOLAR_MASSES:  # factors.check divides one by the other
        constant = doc.constants.get(name)
        if constant is None:
            continue
        if parse_unit(constant.unit).dimensionality != _G_PER_MOL.dimensionality or not constant.value > 0:
            raise DataFileError(
                f"{origin}: constants.{name} must be a positive molar mass in units like g/mol, "
                f"got {constant.value!r} {constant.unit!r}"
            )
    return doc


def _check_iso_sources(sources: Mapping[str, object], origin: str) -> None:
    """The ISO 14064-1 categories name exactly the emission sources the inventory engine writes.

    A source left out would have no category on its lines; a name the engine never writes (a
    misspelt key) would categorise nothing. The engine's sources are the keys of
    :data:`carbonaudit.inventory.SECTORS`.
    """
    from ..inventory._sources import SECTORS  # here, not at the top: the inventory package imports the factors

    where = f"{origin}: inventory.iso_categories.sources"
    missing = [s for s in SECTORS if s not in sources]
    if missing:
        raise DataFileError(
            f"{where}: no ISO 14064-1 category (1-6) for the emission source{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}: every source the inventory writes on a line needs one"
        )
    unknown = [s for s in sources if s not in SECTORS]
    if unknown:
        raise DataFileError(
            f"{where}: {', '.join(map(repr, unknown))} is not an emission source of the inventory "
            f"(the sources are {', '.join(SECTORS)})"
        )


def _first_year(fs: FactorSet) -> int:
    assert fs.activity_years is not None
    return fs.activity_years.first


def _last_year(fs: FactorSet) -> int:
    assert fs.activity_years is not None
    return fs.activity_years.last


@functools.cache
def _shipped() -> _FactorsFile:
    return _parse(factors_document(), str(data_path("factors.yaml")))


def from_file(path: str | Path) -> dict[str, FactorSet]:
    """Read and validate a factor file of the same format as the shipped ``factors.yaml``.

    Every value must name its source and status, as the shipped data does (government-inventory
    transparency principle); the shared tables (sources, GWP sets, blends, oil-equivalent
    bases, constants) are copied into each set. Files are not cached.

    Parameters
    ----------
    path : str or Path
        A YAML file with ``sources``, ``oil_equivalent``, ``gwp`` and ``factor_sets``.

    Returns
    -------
    dict of str to FactorSet
        The file's sets by id.

    Every number is checked as it is read: a finite number (never a boolean such as YAML
    ``true``, nor quoted text), > 0 where zero would mean nothing (grid factors, heat values,
    densities, oil-equivalent definitions, constants, prices, limits), >= 0 only where zero means
    something (carbon content, per-TJ and recommended CO2 factors of a carbon-free fuel, GWPs, a
    renewable supplier's factor), and in a unit of the field's dimension (a grid factor in mass per
    kWh, a heat value in energy per the fuel's basis unit, a density in mass per volume, kcal per
    KLOE ...). Grid-factor years are AD years.

    Raises
    ------
    DataFileError
        If the file is not valid YAML (a repeated key included) or fails validation; the message
        names the file and, for each problem, the path of the value in it (the set and the entry
        by id, e.g. ``factor_sets[tw-2024].grid_factors.2024.value``), what is wrong and the value
        given: a negative, zero, boolean, text, NaN or infinite number, or a unit of the wrong
        dimension. Also for a value citing a source the file
        does not define, a set id given twice, a ``default_set`` that is not one of the sets, or
        a constant ``molar_mass_co2`` / ``molar_mass_carbon`` that is not a positive molar mass
        [g/mol]; and if the file cannot be read (missing, a directory, no permission): the
        message names the path.

    Examples
    --------
    >>> from carbonaudit import factors
    >>> sets = factors.from_file("data/factors.yaml")      # the shipped file, from a source checkout
    >>> sorted(sets)
    ['ntpc-award-2015', 'tw-2024', 'tw-2025']
    >>> sets["ntpc-award-2015"].grid_factor(2013)          # award-form-2015 附表2: 102年 0.522 kg CO2/kWh
    <Quantity(0.522, 'kilogram / kilowatt_hour')>
    """
    p = Path(path)
    try:
        raw = read_yaml(p)
    except OSError as exc:  # as declaration.io.load_yaml: name the path, never a bare OSError
        raise DataFileError(f"cannot read factor file {p}: {exc.strerror or exc}") from exc
    doc = _parse(raw, str(p))
    return {s.id: s for s in doc.factor_sets}


def load(set_id: str | None = None, *, year: int | None = None, provisional: bool = False) -> FactorSet:
    """Return a shipped factor set (parsed and validated once, then cached).

    ``tw-2025`` is for activity year 2025 (the 114年度 heat values of moenv-hv-2025, the per-TJ
    factors of moenv-2024-ef, the grid series with 2025's three figures of moeaea-grid-2025);
    ``tw-2024`` for the activity years up to 2024 (113年 heat values, the grid series from 2013);
    ``ntpc-award-2015`` is award-form-2015 附表2 (IPCC 2006 factors, 2010 heat values, 102年 grid
    factor), a form's own set that is never chosen by year.

    Parameters
    ----------
    set_id : str, optional
        The set's id (see :func:`available`); default: the newest set (``tw-2025``).
    year : int, optional
        An activity year (AD) instead of an id: the set for that year, as :func:`for_year`.
    provisional : bool, default False
        With *year*: as :func:`for_year`'s.

    Returns
    -------
    FactorSet
        The validated, immutable set; the same object on every call.

    Raises
    ------
    FactorNotFoundError
        If no shipped set has that id, or (with *year*) as :func:`for_year`.
    InvalidValueError
        If both *set_id* and *year* are given (they are exclusive), *provisional* is given
        without *year*, or *provisional* is not a bool.
    PeriodError
        If *year* is not an AD year.

    Examples
    --------
    >>> from carbonaudit import factors
    >>> factors.load("ntpc-award-2015").fuel("diesel").recommended.value    # 附表2: 2.61 kg CO2/L
    2.61
    >>> factors.load().id, factors.load(year=2024).id
    ('tw-2025', 'tw-2024')
    """
    if not isinstance(provisional, bool):
        raise InvalidValueError(f"provisional must be True or False, got {type(provisional).__name__} {provisional!r}")
    if year is not None:
        if set_id is not None:
            raise InvalidValueError(
                f"give a factor set's id or an activity year, not both (got set_id={set_id!r}, year={year!r})"
            )
        return for_year(year, provisional=provisional)
    if provisional:
        raise InvalidValueError("provisional=True needs year=...: it marks a set standing in for a year")
    doc = _shipped()
    wanted = doc.default_set if set_id is None else set_id
    for fs in doc.factor_sets:
        if fs.id == wanted:
            return fs
    raise FactorNotFoundError(
        f"factor set {wanted!r} is not shipped (available: {', '.join(s.id for s in doc.factor_sets)})"
    )


def for_year(year: int, *, provisional: bool = False) -> FactorSet:
    """The shipped factor set for an activity *year* (AD): the values of that year's inventory.

    Each dated set says the activity years it is for (``activity_years`` in ``factors.yaml``):
    ``tw-2024`` is for 2013-2024 (its grid series starts in 2013), ``tw-2025`` for 2025 (the 114年度
    heat values of moenv-hv-2025's 熱值表, the grid factors of moeaea-grid-2025). A year
    before every set's range takes the oldest dated set (``tw-2024``): its values are the oldest
    shipped, and a value it lacks for that year (a grid factor before 2013) is an error where it
    is used. A year after every set's range has no announced factors yet: it is refused, unless
    *provisional* is True, which returns the newest set with every value's status
    ``provisional`` and a note naming the year it stands in for (grid factors of the newest year
    stand in for the year too), so every trace of a result says so: companies estimate the
    current year before its factors are announced.

    Parameters
    ----------
    year : int
        The activity year (AD, e.g. 2025 for 114年).
    provisional : bool, default False
        For a year newer than every set: use the newest set's values, marked provisional. For a
        year a set covers it changes nothing (that year's values are announced).

    Returns
    -------
    FactorSet
        A shipped set, the same object on every call; a provisional set (id ``<newest>+provisional``)
        is cached by year too.

    Raises
    ------
    FactorNotFoundError
        If *year* is newer than every set and *provisional* is False: the message names the newest
        set and its year, and the way out (``provisional=True``).
    PeriodError
        If *year* is not an AD year as int 1912-2211 (an ROC year such as 114, a float, a str).
    InvalidValueError
        If *provisional* is not a bool.

    Examples
    --------
    >>> from carbonaudit import factors
    >>> factors.for_year(2025).id, factors.for_year(2024).id, factors.for_year(2013).id
    ('tw-2025', 'tw-2024', 'tw-2024')
    >>> fs = factors.for_year(2026, provisional=True)
    >>> fs.id, fs.fuel("diesel").heat_value.status, fs.grid_factor(2026)
    ('tw-2025+provisional', 'provisional', <Quantity(0.467, 'kilogram / kilowatt_hour')>)
    """
    if not isinstance(provisional, bool):
        raise InvalidValueError(f"provisional must be True or False, got {type(provisional).__name__} {provisional!r}")
    year = _ad_year(year, "year")
    vintages = sorted((s for s in _shipped().factor_sets if s.activity_years is not None), key=_first_year)
    if not vintages:  # pragma: no cover - the shipped file has dated sets
        raise FactorNotFoundError("the shipped factors.yaml has no set with activity_years")
    for fs in vintages:
        if year in fs.activity_years:  # type: ignore[operator]  # dated sets only
            return fs
    newest = vintages[-1]
    if year > _last_year(newest):
        if provisional:
            return _provisional(newest.id, year)
        raise FactorNotFoundError(
            f"activity year {year} is newer than every shipped factor set: the newest, {newest.id!r}, is for "
            f"activity year {_last_year(newest)}, and the factors of {year} are not announced yet. To estimate "
            f"with {newest.id}'s values marked provisional",
            python=f"pass provisional=True (factors.for_year({year}, provisional=True); to an engine, "
            f"factor_set=factors.for_year({year}, provisional=True)), or give a set of your own",
            cli="give --provisional",
        )
    if year < _first_year(vintages[0]):
        return vintages[0]
    ranges = ", ".join(f"{s.id} {_first_year(s)}-{_last_year(s)}" for s in vintages)  # pragma: no cover
    raise FactorNotFoundError(f"no shipped factor set is for activity year {year} ({ranges})")  # pragma: no cover


@functools.cache
def _provisional(set_id: str, year: int) -> FactorSet:
    """The set *set_id* standing in for the activity *year*: every value ``provisional``, with a note."""
    fs = load(set_id)
    assert fs.activity_years is not None
    newest = fs.activity_years.last
    said = (
        f"provisional for activity year {year}: its factors are not announced yet; {fs.id}'s value "
        f"(activity year {newest}) stands in"
    )

    def mark(fv: FactorValue, extra: str = "") -> FactorValue:
        note = said + extra + (f"; {fv.note}" if fv.note else "")
        return fv.model_copy(update={"status": "provisional", "note": note})

    def fuel(f: Fuel) -> Fuel:
        update: dict[str, object] = {
            name: mark(fv) for name in _FUEL_VALUES if (fv := getattr(f, name)) is not None
        }
        update["per_tj"] = {use: {gas: mark(fv) for gas, fv in gases.items()} for use, gases in f.per_tj.items()}
        return f.model_copy(update=update)

    grid = {y: mark(fv) for y, fv in fs.grid_factors.items()}
    categories = {y: {c: mark(fv) for c, fv in by.items()} for y, by in fs.grid_factor_categories.items()}
    last_grid = max(fs.grid_factors)
    if year not in grid:  # the newest year's figures stand in for the year
        extra = f" (the grid factor of {last_grid} used for {year})"
        grid[year] = mark(fs.grid_factors[last_grid], extra)
        if last_grid in fs.grid_factor_categories:
            categories[year] = {c: mark(fv, extra) for c, fv in fs.grid_factor_categories[last_grid].items()}
    gwp_sets = {
        name: table.model_copy(update={"values": {gas: mark(fv) for gas, fv in table.values.items()}})
        for name, table in fs.gwp_sets.items()
    }
    return fs.model_copy(
        update={
            "id": f"{fs.id}+provisional",
            "title": f"{fs.title} - provisional for activity year {year}",
            "vintage": f"{fs.vintage}, provisional for {year}",
            "activity_years": None,
            "provisional_for": year,
            "grid_factors": grid,
            "grid_factor_categories": categories,
            "supplier_factor": mark(fs.supplier_factor) if fs.supplier_factor is not None else None,
            "fuels": tuple(fuel(f) for f in fs.fuels),
            "gwp_sets": gwp_sets,
        }
    )


def available() -> list[dict[str, str]]:
    """List the shipped factor sets: id, title, vintage, activity years and whether it is the default.

    The sets are award-form-2015 附表2 (``ntpc-award-2015``, a form's own set) and the dated sets
    ``tw-2024`` (activity years 2013-2024) and ``tw-2025`` (2025), chosen by year by
    :func:`for_year`.

    Returns
    -------
    list of dict of str to str
        One dict per set, in file order, with keys ``"id"``, ``"title"``, ``"vintage"``,
        ``"activity_years"`` (``"2013-2024"``, ``"2025"``, or ``""`` for a set never chosen by
        year) and ``"default"`` (``"true"`` or ``"false"``, as text).

    Examples
    --------
    >>> from carbonaudit import factors
    >>> [(s["id"], s["activity_years"], s["default"]) for s in factors.available()]
    [('tw-2024', '2013-2024', 'false'), ('ntpc-award-2015', '', 'false'), ('tw-2025', '2025', 'true')]
    >>> factors.available()[1]["vintage"]
    '2015 (104年); heat values 2010; grid factor 2013 (102年)'
    """
    doc = _shipped()
    return [
        {
            "id": s.id,
            "title": s.title,
            "vintage": s.vintage,
            "activity_years": _years_text(s),
            "default": str(s.id == doc.default_set).lower(),
        }
        for s in doc.factor_sets
    ]


def _years_text(fs: FactorSet) -> str:
    years = fs.activity_years
    if years is None:
        return ""
    return str(years.first) if years.first == years.last else f"{years.first}-{years.last}"


def rules() -> Rules:
    """The forms' rules shipped in ``factors.yaml``: saving targets, summer months, reference prices.

    Saving targets: 104-108年 average ≥ 1 % (production-declaration-2018 表十之四) and 114-117年
    (tw-target-114); summer months June-September (award-form-2015 附件三 四); limits such as the 50-75 %
    transformer load (non-production-form-2025 八 註3-4), the 10 % difference needing a reason (non-production-form-2025 表五之四,
    production-declaration-2018 表八之三) and 80 % product coverage (production-declaration-2018 表八); the 107年 system's reference
    prices (production-declaration-2018 表十之一 and 表十一之一, 3 NT$/kWh ...). Each value names its source.

    Returns
    -------
    Rules
        ``saving_targets``, ``summer_months``, ``limits`` (see :meth:`Rules.limit`) and
        ``reference_prices``.

    Raises
    ------
    FactorNotFoundError
        If the shipped file has no ``rules`` section (it has).

    Examples
    --------
    >>> from carbonaudit import factors
    >>> factors.rules().summer_months.months
    (6, 7, 8, 9)
    >>> factors.rules().limit("transformer_load_max").value
    0.75
    >>> factors.rules().reference_prices.prices["electricity"].quantity
    <Quantity(3.0, 'new_taiwan_dollar / kilowatt_hour')>
    """
    found = _shipped().rules
    if found is None:  # pragma: no cover - the shipped file has them
        raise FactorNotFoundError("the shipped factors.yaml has no rules section")
    return found


def inventory_data() -> InventoryData:
    """The inventory engine's data shipped in ``factors.yaml`` (leak rates, extinguisher agents, septic).

    Refrigerant leak-rate ranges of IPCC 2006 Vol. 3 Table 7.9 (the default is the midpoint, status
    ``derived``), fire-extinguisher agents and the septic-tank factor Bo × MCF of the MOENV 2024
    announcement (moenv-2024-ef; ipcc-2006-v3, ipcc-2006-v5).

    Returns
    -------
    InventoryData
        ``leak_rates`` [fraction of the charge per year], ``extinguisher_agents`` and ``septic``
        factors, each with its source.

    Raises
    ------
    FactorNotFoundError
        If the shipped file has no ``inventory`` section (it has).

    Examples
    --------
    >>> from carbonaudit import factors
    >>> data = factors.inventory_data()
    >>> data.septic["ch4_per_bod"].value                  # 0.6 kg CH4/kg BOD x MCF 0.5
    0.3
    >>> round(data.leak_rates["chillers"].midpoint, 3)    # Table 7.9 chillers: 2-15 % a year
    0.085
    """
    found = _shipped().inventory
    if found is None:  # pragma: no cover - the shipped file has it
        raise FactorNotFoundError("the shipped factors.yaml has no inventory section")
    return found
