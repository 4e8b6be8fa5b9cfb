"""Reading and validating factor files (private; use :func:`carbonaudit.factors.load`)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._data import data_path, factors_document, read_yaml
from ..errors import DataFileError, FactorNotFoundError
from ..units import parse_unit, ureg
from .models import (
    Blends,
    Constants,
    FactorSet,
    GwpSet,
    InventoryData,
    OilEquivalentBasis,
    Rules,
    Source,
    UnitDefinition,
    Whole,
    _check_citation,
)

__all__ = ["available", "from_file", "inventory_data", "load", "rules"]

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
    for where, source in cited:
        try:
            _check_citation(where, source, tables.get(where), doc.sources)
        except ValueError as exc:
            raise DataFileError(f"{origin}: {exc}") from None
    ids = [s.id for s in doc.factor_sets]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise DataFileError(f"{origin}: factor set ids appear more than once: {duplicated}")
    if doc.default_set not in ids:
        raise DataFileError(f"{origin}: default_set {doc.default_set!r} is not one of {ids}")
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
    ['ntpc-award-2015', 'tw-2024']
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


def load(set_id: str | None = None) -> FactorSet:
    """Return a shipped factor set (parsed and validated once, then cached).

    ``ntpc-award-2015`` is award-form-2015 附表2 (IPCC 2006 factors, 2010 heat values, 102年 grid factor);
    ``tw-2024`` is the current set (moenv-2024-ef: MOENV 113/2/5 announcement, 113年
    heat values, Taipower grid factors).

    Parameters
    ----------
    set_id : str, optional
        The set's id (see :func:`available`); default: the current set (``tw-2024``).

    Returns
    -------
    FactorSet
        The validated, immutable set; the same object on every call.

    Raises
    ------
    FactorNotFoundError
        If no shipped set has that id.

    Examples
    --------
    >>> from carbonaudit import factors
    >>> factors.load("ntpc-award-2015").fuel("diesel").recommended.value    # 附表2: 2.61 kg CO2/L
    2.61
    >>> factors.load().id
    'tw-2024'
    """
    doc = _shipped()
    wanted = doc.default_set if set_id is None else set_id
    for fs in doc.factor_sets:
        if fs.id == wanted:
            return fs
    raise FactorNotFoundError(
        f"factor set {wanted!r} is not shipped (available: {', '.join(s.id for s in doc.factor_sets)})"
    )


def available() -> list[dict[str, str]]:
    """List the shipped factor sets: id, title, vintage and whether it is the default.

    The sets are award-form-2015 附表2 (``ntpc-award-2015``) and the current factors of
    moenv-2024-ef and tw-grid-series (``tw-2024``).

    Returns
    -------
    list of dict of str to str
        One dict per set, in file order, with keys ``"id"``, ``"title"``, ``"vintage"`` and
        ``"default"`` (``"true"`` or ``"false"``, as text).

    Examples
    --------
    >>> from carbonaudit import factors
    >>> [(s["id"], s["default"]) for s in factors.available()]
    [('tw-2024', 'true'), ('ntpc-award-2015', 'false')]
    >>> factors.available()[1]["vintage"]
    '2015 (104年); heat values 2010; grid factor 2013 (102年)'
    """
    doc = _shipped()
    return [
        {"id": s.id, "title": s.title, "vintage": s.vintage, "default": str(s.id == doc.default_set).lower()}
        for s in doc.factor_sets
    ]


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
