"""Activity-to-quantity conversions shared by the energy and emissions engines (private).

A conversion turns an amount of a fuel (by its basis unit, by energy, or by mass/volume through a
density) into heat [kcal] or a gas mass [kg]. The scalar factor of each conversion depends only on
the factor set, the fuel and the options, so it is computed once with pint and cached on the set;
the per-call work is one unit check, one finiteness/sign check and one multiplication.

The cache is keyed by everything a conversion depends on. It belongs to one set object, which is
immutable; every copy of a set starts with an empty cache (see ``FactorSet``), so the set's values
are fixed for the life of its cache. Only the set's own fuel objects are cached, by id: a ``Fuel``
from elsewhere (another set's, or one changed with ``model_copy``) is converted from its own values
on every call, and the trace cites those values, so it can never fill or read an entry of the
set's fuel of the same id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .errors import FactorNotFoundError, InvalidValueError, UnitsError
from .factors.models import FactorSet, FactorTrace, FactorValue, Fuel
from .units import Q_, Quantity, Unit, check_amount, magnitude, parse_unit, require_quantity, ureg

Method = Literal["auto", "recommended", "heat_value"]
Kind = Literal["basis", "energy", "alt"]

_ENERGY = ureg.Unit("kcal").dimensionality
_MASS = ureg.Unit("kg").dimensionality
_VOLUME = ureg.Unit("L").dimensionality
KCAL = ureg.Unit("kcal")
KG = ureg.Unit("kg")
_TJ = ureg.Unit("TJ")
_METHODS = ("auto", "recommended", "heat_value")


@dataclass(frozen=True, slots=True)
class Conversion:
    """``output = magnitude(amount, unit) * per_unit``."""

    per_unit: float
    unit: Unit
    method: str
    trace: tuple[FactorTrace, ...]


def resolve_set(factor_set: FactorSet | str | None, year: int | None = None) -> FactorSet:
    """The factor set argument: a FactorSet, a shipped set's id, or None.

    None is the set of the activity *year* (:func:`carbonaudit.factors.for_year`: a year newer
    than every set is refused, saying how to pass a provisional set) or, with no year, the
    default (newest) set.
    """
    if factor_set is None and year is not None:
        from .factors import for_year

        return for_year(year)
    if factor_set is None or isinstance(factor_set, str):
        from .factors import load

        return load(factor_set)
    if not isinstance(factor_set, FactorSet):
        raise FactorNotFoundError(
            f"factor_set must be a FactorSet (carbonaudit.factors.load(...)), got {type(factor_set).__name__} {factor_set!r}"
        )
    return factor_set


def _years(fs: FactorSet) -> str | None:
    """The activity years a set's values are of, as text (``"2013-2024"``), None for an undated set."""
    if fs.provisional_for is not None:
        return str(fs.provisional_for)
    if fs.activity_years is None:
        return None
    first, last = fs.activity_years.first, fs.activity_years.last
    return str(first) if first == last else f"{first}-{last}"


def check_vintage(fs: FactorSet, year: int) -> None:
    """Refuse an activity *year* (AD, checked) that a given dated set's fuel values are not of.

    A dated set (``activity_years`` in factors.yaml: ``tw-2024`` 2013-2024, ``tw-2025`` 2025)
    holds the heat values and factors of its activity years; the earliest one also answers the
    years before it, as :func:`carbonaudit.factors.for_year` does. A provisional set is for the one
    year it stands in for. An undated set (a form's own, ``ntpc-award-2015``, or a user's) is
    used for any year. The message names the set of *year*.
    """
    said = _years(fs)
    if said is None:
        return
    if fs.provisional_for is not None:
        if year == fs.provisional_for:
            return
    else:
        assert fs.activity_years is not None
        if year in fs.activity_years:
            return
        from .factors import for_year

        if year < fs.activity_years.first:
            try:  # the earliest dated set takes the years before it, as for_year does
                if for_year(year).activity_years == fs.activity_years:
                    return
            except FactorNotFoundError:  # pragma: no cover - a year before a set is never newer than all
                pass
    from .factors import for_year

    what = f"factor set {fs.id!r} holds the fuel values of activity year{'s' if '-' in said else ''} {said}, not {year}"
    try:
        other = for_year(year)
    except FactorNotFoundError:  # newer than every shipped set
        raise FactorNotFoundError(
            f"{what}; no shipped set is for {year} yet (its factors are not announced)",
            python=f"to estimate with the newest values marked provisional, pass factor_set=factors.for_year({year}, "
            "provisional=True)",
            cli="to estimate with the newest values marked provisional, leave --set out and give --provisional",
        ) from None
    raise FactorNotFoundError(
        f"{what}: the set of {year} is {other.id!r}",
        python=f"pass factor_set={other.id!r}, or leave factor_set out and year={year} chooses it",
        cli=f"give --set {other.id}, or leave --set out and --year {year} chooses it",
    )


def amount_kind(q: Quantity, fuel: Fuel, name: str, *, heat: bool) -> Kind:
    """How an amount relates to the fuel's basis unit."""
    dim = q.dimensionality
    basis_dim = parse_unit(fuel.basis_unit).dimensionality if fuel.basis_unit else None
    if dim == _ENERGY and (heat or basis_dim != _ENERGY):
        return "energy"
    if basis_dim is not None and dim == basis_dim:
        return "basis"
    if basis_dim is not None and {dim, basis_dim} == {_MASS, _VOLUME}:
        return "alt"
    if basis_dim is None and dim in (_MASS, _VOLUME):
        raise FactorNotFoundError(
            f"{name} is {q:~} but fuel {fuel.id!r} ({fuel.name_zh}) has no heat value: it converts from "
            f"energy only (TJ, kcal)",
            python=f"enter the amount as energy, or give a measured heat value with "
            f"factor_set.with_overrides(heat_values={{{fuel.id!r}: Q_(..., 'kcal/kg')}})",
            cli="enter the amount in kcal or TJ, or give a measured heat value with --heat-value QUANTITY "
            "(per unit of the fuel, e.g. --heat-value '7000 kcal/kg')",
        )
    wanted = (
        f"{fuel.basis_unit} (its basis), mass, volume or energy"
        if fuel.basis_unit
        else "energy (TJ, kcal): it has no heat value"
    )
    raise UnitsError(
        f"{name} must be a Quantity of {wanted} for fuel {fuel.id!r}, got {q:~} which is {q.dimensionality}"
    )


def _density_step(fs: FactorSet, fuel: Fuel, q: Quantity, name: str) -> tuple[Quantity, FactorTrace]:
    """The factor that turns the amount's unit into the basis unit through the fuel's density."""
    if fuel.density is None:
        have = "mass" if q.dimensionality == _MASS else "volume"
        need = "volume" if have == "mass" else "mass"
        per_mass = (
            f", a heat value per mass with factor_set.with_overrides(heat_values={{{fuel.id!r}: Q_(..., 'kcal/kg')}}),"
            if have == "mass"
            else ""
        )
        per_mass_cli = (
            ", a heat value per mass with --heat-value QUANTITY (e.g. '11000 kcal/kg')," if have == "mass" else ""
        )
        raise FactorNotFoundError(
            f"{name} is a {have} ({q:~}) but fuel {fuel.id!r} ({fuel.name_zh}) has factors per "
            f"{fuel.basis_unit} ({need}); factor set {fs.id!r} has no density for it",
            python=f"give one with factor_set.with_overrides(densities={{{fuel.id!r}: Q_(..., 'kg/L')}}){per_mass} "
            f"or enter the amount in {fuel.basis_unit}",
            cli=f"give one with --density QUANTITY (e.g. --density '0.84 kg/L'){per_mass_cli} or enter the amount "
            f"in {fuel.basis_unit}",
        )
    density = fuel.density.quantity
    step = 1 / density if q.dimensionality == _MASS else density  # basis per unit of the amount
    return step, FactorTrace.of(fs, "density", fuel.density, fuel.id)


def _per_basis(
    fs: FactorSet, fuel: Fuel, target: str, method: str, use: str
) -> tuple[Quantity, str, tuple[FactorTrace, ...]]:
    """Output per basis unit (kcal or kg per L, kg, m³ ...)."""
    if target == "heat":
        hv = _need(fs, fuel, "heat_value", fuel.heat_value)
        return hv.quantity, "heat_value", (FactorTrace.of(fs, "heat_value", hv, fuel.id),)
    if fuel.is_electricity and fuel.recommended is None:
        raise FactorNotFoundError(
            f"factor set {fs.id!r} has no per-kWh CO2 factor for electricity: its factor is the grid's of a year, "
            "in CO2e",
            python="use emissions.emissions(amount, 'electricity', year=...) or emissions.electricity(amount, "
            "year=...) for the grid factor of a year",
            cli="give --year YEAR for the grid factor of that year",
        )
    if method == "recommended":  # conversion() has resolved "auto" for a gas
        if target != "CO2":
            raise FactorNotFoundError(
                f"recommended factors are CO2 factors; {target} is computed from the heat value",
                python="pass method='heat_value'",
                cli="give --method heat_value",
            )
        rec = _need(fs, fuel, "recommended", fuel.recommended)
        return rec.quantity, "recommended", (FactorTrace.of(fs, "recommended", rec, fuel.id),)
    hv = _need(fs, fuel, "heat_value", fuel.heat_value)
    ef, ef_trace = _emission_factor(fs, fuel, target, use)
    return (
        hv.quantity * ef.quantity,
        "heat_value",
        (FactorTrace.of(fs, "heat_value", hv, fuel.id), ef_trace),
    )


def _emission_factor(fs: FactorSet, fuel: Fuel, gas: str, use: str) -> tuple[FactorValue, FactorTrace]:
    gases = fuel.per_tj.get(use)
    if gases is None:
        uses = ", ".join(fuel.per_tj) or "none"
        raise FactorNotFoundError(
            f"fuel {fuel.id!r} has no per-TJ factors for use {use!r} in factor set {fs.id!r} (uses it has: {uses})"
        )
    ef = gases.get(gas)
    if ef is None:
        raise FactorNotFoundError(
            f"fuel {fuel.id!r} has no {gas} factor for use {use!r} in factor set {fs.id!r} "
            f"(gases it has: {', '.join(gases)})"
        )
    return ef, FactorTrace.of(fs, f"per_tj.{use}.{gas}", ef, fuel.id)


def _need(fs: FactorSet, fuel: Fuel, field: str, fv: FactorValue | None) -> FactorValue:
    if fv is None:
        python = cli = None
        if field == "heat_value":
            python = (
                f"enter the amount as energy (TJ, kcal) or give a measured heat value with "
                f"factor_set.with_overrides(heat_values={{{fuel.id!r}: Q_(..., 'kcal/kg')}})"
            )
            cli = (
                "enter the amount in kcal or TJ, or give a measured heat value with --heat-value QUANTITY "
                "(per unit of the fuel, e.g. --heat-value '7000 kcal/kg')"
            )
        # (electricity without a per-kWh factor never gets here: _per_basis refuses it first)
        raise FactorNotFoundError(
            f"fuel {fuel.id!r} ({fuel.name_zh}) has no {field} in factor set {fs.id!r}", python=python, cli=cli
        )
    return fv


def conversion(
    fs: FactorSet,
    fuel: Fuel,
    target: str,
    kind: Kind,
    *,
    method: str = "auto",
    use: str = "stationary",
    sample: Quantity | None = None,
    name: str,
) -> Conversion:
    """The cached scalar conversion of one kind of amount of *fuel* into *target*.

    *target* is ``"heat"`` (output kcal) or a gas (output kg). *sample* is the amount, needed
    for the ``"alt"`` kind to know whether it is a mass or a volume.
    """
    if method not in _METHODS:
        raise InvalidValueError(f"method must be one of {_METHODS}, got {method!r}")
    if not isinstance(use, str) or not (use in ("stationary", "mobile") or use.startswith("mobile/")):
        raise InvalidValueError(f"use must be 'stationary', 'mobile' or 'mobile/<technology>', got {use!r}")
    if method == "auto":
        # The set's recommended CO2 factor wins wherever it exists, whatever unit the amount is in
        # (heat needs no method: it is "heat_value" in the cache key).
        method = "recommended" if target == "CO2" and fuel.recommended is not None else "heat_value"
    alt_mass = sample is not None and sample.dimensionality == _MASS
    # Only the set's own fuel object may be cached under its id; another Fuel (of another set, or
    # changed) is computed from its own values every time (a scratch cache).
    cache: dict[tuple[Any, ...], Any] = fs._conversions() if fs._owns(fuel) else {}
    # (an "alt" amount is always the dimension the basis is not: a mass for a fuel per L, a volume
    # for one per kg, so the kind says which)
    key = ("conv", fuel.id, target, kind, method, use)
    cached: Conversion | None = cache.get(key)
    if cached is not None:
        return cached
    out_unit = KCAL if target == "heat" else KG
    if kind == "energy":
        if target == "heat":
            result = Conversion(1.0, KCAL, "energy", ())
        elif method == "heat_value":
            ef, ef_trace = _emission_factor(fs, fuel, target, use)
            result = Conversion(ef.quantity.m_as(out_unit / _TJ), _TJ, "heat_value", (ef_trace,))
        else:
            per_basis, used, trace = _per_basis(fs, fuel, target, method, use)
            hv = _need(fs, fuel, "heat_value", fuel.heat_value)
            per_kcal = per_basis / hv.quantity
            # the recommended factor per basis unit, through the heat value to per kcal
            traces = (*trace, FactorTrace.of(fs, "heat_value", hv, fuel.id))
            result = Conversion(per_kcal.m_as(out_unit / KCAL), KCAL, used, traces)
    elif kind == "alt" and alt_mass and fuel.heat_value_per_mass is not None and method == "heat_value":
        # a mass of a fuel measured by volume, with a published heat value per mass (LPG, moenv-hv-2025):
        # kg x kcal/kg (x per-TJ factor), no density
        hvm = fuel.heat_value_per_mass
        hv_trace = FactorTrace.of(fs, "heat_value_per_mass", hvm, fuel.id)
        if target == "heat":
            result = Conversion(hvm.quantity.m_as(KCAL / KG), KG, "heat_value", (hv_trace,))
        else:
            ef, ef_trace = _emission_factor(fs, fuel, target, use)
            result = Conversion((hvm.quantity * ef.quantity).m_as(KG / KG), KG, "heat_value", (hv_trace, ef_trace))
    else:
        per_basis, used, trace = _per_basis(fs, fuel, target, method, use)
        basis = fuel.basis
        if kind == "basis":
            result = Conversion(per_basis.m_as(out_unit / basis), basis, used, trace)
        else:
            assert sample is not None
            step, step_trace = _density_step(fs, fuel, sample, name)
            in_unit = KG if alt_mass else ureg.Unit("L")
            result = Conversion((per_basis * step).m_as(out_unit / in_unit), in_unit, used, (*trace, step_trace))
    cache[key] = result
    return result


def convert(
    amount: object,
    fuel_key: str | Fuel,
    fs: FactorSet,
    target: str,
    *,
    method: str = "auto",
    use: str = "stationary",
    name: str = "amount",
) -> tuple[Any, Conversion]:
    """Convert *amount* of a fuel to heat [kcal] or a gas [kg]; returns (magnitude, conversion)."""
    q = require_quantity(amount, name, "a mass, volume or energy")
    fuel = fs.fuel(fuel_key)
    kind = amount_kind(q, fuel, name, heat=target == "heat")
    conv = conversion(fs, fuel, target, kind, method=method, use=use, sample=q, name=name)
    m = magnitude(q, conv.unit, name)
    check_amount(m, name)
    return m * conv.per_unit, conv


def quantity(m: Any, unit: Unit) -> Quantity:
    """Wrap a magnitude in a Quantity of :data:`ureg` (from a Unit object: the fast path)."""
    return Q_(m, unit)
