"""Heat content and oil equivalent (KLOE, kgOE) of energy use.

Heat is an amount times the fuel's heat value (kcal per L, kg or m³) from a factor set, or a
measured one. Oil equivalent divides heat by the factor set's definition (kcal per KLOE, per kgOE);
electricity converts through the definition's own electricity figure, primary (2,236 kcal/kWh,
production-declaration-2018 表十) or final (860 kcal/kWh), or a direct KLOE/kWh figure (0.00023, production-declaration-2018 表八之三).
Pint alone cannot convert heat to oil equivalent: it is a convention of the data, not physics.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._convert import KCAL, convert, quantity, resolve_set
from .errors import FactorNotFoundError, InvalidValueError, UnitsError
from .factors.models import FactorSet, Fuel, OilEquivalentBasis
from .units import (
    Quantity,
    check_amount,
    check_shapes,
    check_unit,
    checked_magnitude,
    require_quantity,
    stack,
    ureg,
)

__all__ = ["heat", "to_kgoe", "to_kloe", "weighted_heat_value"]

_KLOE = ureg.Unit("KLOE")
_KGOE = ureg.Unit("kgOE")
_KWH = ureg.Unit("kWh")

_BASIS_FIGURES: dict[tuple[int, str], tuple[OilEquivalentBasis, float]] = {}
"""Each oil-equivalent basis's figures as floats [kcal per KLOE, per kgOE, per kWh], kept with the
basis (so its id stays its own): every conversion of a declaration asks them again."""


def _basis_figure(oe: OilEquivalentBasis, what: str) -> float:
    """The float *what* (``"kloe"``, ``"kgoe"``, ``"kwh"``) of *oe* [kcal per unit], worked out once per basis.

    The same expression each time, so the same float; a basis whose figure cannot be worked out
    raises as before (and nothing is kept).
    """
    key = (id(oe), what)
    kept = _BASIS_FIGURES.get(key)
    if kept is not None and kept[0] is oe:
        return kept[1]
    if what == "kloe":
        value = float(oe.kcal_per_kloe.quantity.m_as(KCAL / _KLOE))
    elif what == "kgoe":
        assert oe.kcal_per_kgoe is not None  # (the caller refuses a basis without one first)
        value = float(oe.kcal_per_kgoe.quantity.m_as(KCAL / _KGOE))
    else:
        el = oe.electricity.quantity
        if el.dimensionality == _KLOE.dimensionality / _KWH.dimensionality:
            value = float((el * oe.kcal_per_kloe.quantity).m_as(KCAL / _KWH))
        else:
            value = float(el.m_as(KCAL / _KWH))
    if len(_BASIS_FIGURES) < 1024:
        _BASIS_FIGURES[key] = (oe, value)
    return value


def heat(
    amount: Quantity,
    fuel: str | Fuel,
    factor_set: FactorSet | str | None = None,
    *,
    heat_value: Quantity | None = None,
) -> Quantity:
    """Heat content of an amount of fuel.

    ``heat = amount × heat value`` (production-declaration-2018 表六之二; non-production-form-2025 表五).

    Parameters
    ----------
    amount : Quantity
        Amount used [L, kL, kg, t, m³, ...; or energy, returned as is]. Scalar or array.
    fuel : str or Fuel
        Energy code (``"O05"``), id, English or Chinese name.
        A :class:`~carbonaudit.factors.Fuel` object the set does not have (another set's, or
        changed) is used with its own values, which the trace cites (see
        :meth:`~carbonaudit.factors.FactorSet.fuel`).
    factor_set : FactorSet or str, optional
        A factor set or a shipped set's id.
        Default: :func:`carbonaudit.factors.load` (the newest set, ``tw-2025``).
    heat_value : Quantity, optional
        A measured heat value [energy per the amount's unit, e.g. kcal/kg] that replaces the set's
        (表六之二: users may enter measured values). Scalar (for every element of *amount*) or an
        array that broadcasts with *amount* (e.g. one measured value per month).

    Returns
    -------
    Quantity
        Heat [kcal], scalar or array like *amount* (and *heat_value*).

    Raises
    ------
    UnitsError
        If *amount* is a bare number or not a mass, volume or energy (a mass or volume with
        *heat_value*), or *heat_value* is a bare number or not energy per the amount's unit.
    FactorNotFoundError
        If the fuel is unknown (even with a measured *heat_value*), has no heat value (biofuels,
        waste in 附表2), or the amount is a mass of a per-litre fuel with no density nor heat
        value per mass (LPG has one in ``tw-2025``: 10,972 kcal/kg).
    InvalidValueError
        If *amount* or *heat_value* is negative, NaN or infinite, or their array lengths differ.

    Examples
    --------
    >>> from carbonaudit import Q_, energy, factors
    >>> energy.heat(Q_(1000, "L"), "O05", factors.load("ntpc-award-2015"))   # 附表2: 8,400 kcal/L
    <Quantity(8400000.0, 'kilocalorie')>
    >>> energy.heat(Q_(11, "t"), "C01", "ntpc-award-2015", heat_value=Q_(7010, "kcal/kg"))   # 表六之二 煉焦煤
    <Quantity(77110000.0, 'kilocalorie')>
    >>> energy.heat(Q_(1, "t"), "LPG")       # tw-2025: 10,972 kcal/kg (moenv-hv-2025), no density needed
    <Quantity(10972000.0, 'kilocalorie')>
    """
    fs = resolve_set(factor_set)
    if heat_value is not None:
        # the amount is a mass or a volume (the measured heat value is per one of them), checked
        # first so that a wrong amount is named as the amount; magnitudes leave as float64
        q = require_quantity(amount, "amount", "a mass or volume (e.g. t, kL) with a measured heat_value")
        check_unit(q.units, ("kg", "L"), "amount")
        m = checked_magnitude(q, q.units, "amount")
        require_quantity(heat_value, "heat_value", "energy per mass or volume (e.g. kcal/kg)")
        # energy per the amount's unit (a UnitsError naming heat_value), finite and non-negative
        hv_m = checked_magnitude(heat_value, KCAL / q.units, "heat_value")
        check_shapes(amount=m, heat_value=hv_m)
        fs.fuel(fuel)  # an unknown fuel is an error even with a measured heat value
        return quantity(m * hv_m, KCAL)
    m, _ = convert(amount, fuel, fs, "heat")
    return quantity(m, KCAL)


def _kcal_equivalent(amount: Quantity, fuel: str | Fuel | None, fs: FactorSet, oe: OilEquivalentBasis) -> Any:
    """Heat equivalent [kcal] of an amount, electricity through the basis's own figure."""
    if fuel is None:
        q = require_quantity(amount, "amount", "heat (kcal, TJ)")
        if q.dimensionality != KCAL.dimensionality or any("watt" in u or "volt_ampere" in u for u in q._units):
            # kWh is an energy too, but electricity's oil equivalent is a convention of the basis
            # (2,236 or 860 kcal/kWh), so an amount in watt-hours must say it is electricity.
            raise UnitsError(
                f"amount is {q:~}: without a fuel, oil equivalent is computed from heat "
                "(kcal, MJ, TJ); pass the fuel (e.g. fuel='O05', or 'E01' for electricity)"
            )
        m = checked_magnitude(amount, KCAL, "amount")
        return m
    f = fs.fuel(fuel)
    q = require_quantity(amount, "amount", "a mass, volume or energy")
    if f.is_electricity:
        kwh = checked_magnitude(q, _KWH, "amount")
        return kwh * _basis_figure(oe, "kwh")
    m, _ = convert(q, f, fs, "heat")
    return m


def to_kloe(
    amount: Quantity,
    fuel: str | Fuel | None = None,
    factor_set: FactorSet | str | None = None,
    *,
    basis: str | None = None,
) -> Quantity:
    """Oil equivalent of an energy use in kilolitres of oil equivalent (公秉油當量).

    ``KLOE = heat [kcal] / kcal per KLOE``; for electricity ``kWh × electricity figure`` of the
    oil-equivalent basis (production-declaration-2018 表十: 1,120,329.5 kWh → 278.34 KLOE at 2,236 kcal/kWh and
    9×10⁶ kcal/KLOE; 表八之三: 0.00023 KLOE/kWh).

    Parameters
    ----------
    amount : Quantity
        Amount used [L, kg, m³, kWh ...] or heat [kcal, TJ ...] when *fuel* is None. Scalar or array.
    fuel : str or Fuel, optional
        The fuel or ``"E01"`` for electricity. None means *amount* is heat.
        A :class:`~carbonaudit.factors.Fuel` object the set does not have (another set's, or
        changed) is used with its own values, which the trace cites (see
        :meth:`~carbonaudit.factors.FactorSet.fuel`).
    factor_set : FactorSet or str, optional
        A factor set or a shipped set's id.
        Default: the newest set (``tw-2025``).
    basis : str, optional
        An oil-equivalent basis id (``"tw-primary-2236"``, ``"tw-table8-3"``, ``"tw-final-860"``);
        default: the set's own.

    Returns
    -------
    Quantity
        Oil equivalent [KLOE], scalar or array like *amount*.

    Raises
    ------
    UnitsError
        If *amount* is a bare number or of a dimension the fuel cannot take, or, with no *fuel*,
        not heat (an amount in kWh must name the fuel ``"E01"``).
    FactorNotFoundError
        If the fuel or the basis is unknown, or the fuel has no heat value (biofuels, waste).
    InvalidValueError
        If *amount* is negative, NaN or infinite.

    Examples
    --------
    >>> from carbonaudit import Q_, energy
    >>> r = energy.to_kloe(Q_(1_120_329.5, "kWh"), "E01", basis="tw-primary-2236")
    >>> round(r.m, 2)
    278.34
    >>> round(energy.to_kloe(Q_(613_200, "kWh"), "E01", basis="tw-primary-2236").m, 3)   # 表十一之一
    152.346
    >>> energy.to_kloe(Q_(1, "kWh"), "E01", basis="tw-table8-3")
    <Quantity(0.00023, 'kiloliter_oil_equivalent')>
    """
    fs = resolve_set(factor_set)
    oe = fs.oil_equivalent_basis(basis)
    kcal = _kcal_equivalent(amount, fuel, fs, oe)
    return quantity(kcal / _basis_figure(oe, "kloe"), _KLOE)


def to_kgoe(
    amount: Quantity,
    fuel: str | Fuel | None = None,
    factor_set: FactorSet | str | None = None,
    *,
    basis: str | None = None,
) -> Quantity:
    """Oil equivalent in kilograms of oil equivalent (公斤油當量), the unit of thermal EUI.

    As :func:`to_kloe`, through the basis's kcal per kgOE: ``kgOE = heat [kcal] / kcal per kgOE``,
    electricity through the basis's kcal/kWh (non-production-form-2025 表五之五 熱能 EUI in kgOE/m²; recent
    statistics use 1 kgOE = 10,000 kcal and 860 kcal/kWh, tw-energy-statistics-2024).

    Parameters
    ----------
    amount : Quantity
        Amount used [L, kg, m³, kWh ...] or heat [kcal, TJ ...] when *fuel* is None. Scalar or array.
    fuel : str or Fuel, optional
        The fuel or ``"E01"`` for electricity. None means *amount* is heat.
        A :class:`~carbonaudit.factors.Fuel` object the set does not have (another set's, or
        changed) is used with its own values, which the trace cites (see
        :meth:`~carbonaudit.factors.FactorSet.fuel`).
    factor_set : FactorSet or str, optional
        A factor set or a shipped set's id.
        Default: the newest set (``tw-2025``).
    basis : str, optional
        An oil-equivalent basis id that defines kcal per kgOE (``"tw-final-860"``); default: the
        set's own.

    Returns
    -------
    Quantity
        Oil equivalent [kgOE], scalar or array like *amount*.

    Raises
    ------
    UnitsError
        If *amount* is a bare number or of a dimension the fuel cannot take, or, with no *fuel*,
        not heat.
    FactorNotFoundError
        If the oil-equivalent basis defines no kcal per kgOE (the bases of award-form-2015 and
        production-declaration-2018 define only KLOE), or the fuel, the basis or a needed heat value is missing.
    InvalidValueError
        If *amount* is negative, NaN or infinite.

    Examples
    --------
    >>> from carbonaudit import Q_, energy
    >>> energy.to_kgoe(Q_(1e4, "kcal"), basis="tw-final-860")
    <Quantity(1.0, 'kilogram_oil_equivalent')>
    >>> energy.to_kgoe(Q_(1, "kL"), "motor_gasoline", "tw-2024")   # 113年 7,520 kcal/L: 0.752 KLOE per kL
    <Quantity(752.0, 'kilogram_oil_equivalent')>
    >>> energy.to_kgoe(Q_(1, "kL"), "motor_gasoline")       # 114年 7,586 kcal/L (moenv-hv-2025)
    <Quantity(758.6, 'kilogram_oil_equivalent')>
    >>> energy.to_kgoe(Q_(1, "MWh"), "E01")                   # 0.086 KLOE per MWh (§9)
    <Quantity(86.0, 'kilogram_oil_equivalent')>
    """
    fs = resolve_set(factor_set)
    oe = fs.oil_equivalent_basis(basis)
    if oe.kcal_per_kgoe is None:
        raise FactorNotFoundError(
            f"oil-equivalent basis {oe.id!r} defines no kcal per kgOE; choose a basis that does "
            f"(e.g. basis='tw-final-860')"
        )
    kcal = _kcal_equivalent(amount, fuel, fs, oe)
    return quantity(kcal / _basis_figure(oe, "kgoe"), _KGOE)


def weighted_heat_value(
    uses: Sequence[Quantity] | Quantity,
    heat_values: Sequence[Quantity] | Quantity,
) -> Quantity:
    """Use-weighted average heat value over grades of one fuel: Σ(use × heat) / Σ use.

    production-declaration-2018 表六之二 (燃料煤 C02 from its grades C02-1 and C02-2).

    Parameters
    ----------
    uses : sequence of Quantity or array Quantity
        Annual use of each grade [t, kL, m³ ...], all of one dimension.
    heat_values : sequence of Quantity or array Quantity
        Heat value of each grade [energy per the use's unit, e.g. kcal/kg].

    Returns
    -------
    Quantity
        The weighted heat value, in the unit of the first heat value.

    Raises
    ------
    UnitsError
        If an element is not a Quantity, the uses or heat values mix dimensions, or the heat
        values are not energy per the uses' unit.
    InvalidValueError
        If a list is empty, an element is an array or an array Quantity is not 1-D (naming it and
        its shape), the lengths differ, a value is negative, NaN or infinite, or the uses sum to
        zero.

    Examples
    --------
    >>> from carbonaudit import Q_, energy
    >>> energy.weighted_heat_value([Q_(300, "t"), Q_(100, "t")], [Q_(6000, "kcal/kg"), Q_(5000, "kcal/kg")])
    <Quantity(5750.0, 'kilocalorie / kilogram')>

    The grades of 表六之二 (C02-1 200 t at 6,080, C02-2 200 t at 5,700 kcal/kg) weigh to 5,890,
    although the table's C02 row prints 6,080:

    >>> energy.weighted_heat_value([Q_(200, "t"), Q_(200, "t")], [Q_(6080, "kcal/kg"), Q_(5700, "kcal/kg")])
    <Quantity(5890.0, 'kilocalorie / kilogram')>
    """
    use_m, use_unit = stack(uses, "uses")
    heat_m, heat_unit = stack(heat_values, "heat_values")
    if use_m.shape != heat_m.shape:
        raise InvalidValueError(f"uses and heat_values must have the same length, got {use_m.size} and {heat_m.size}")
    if (ureg.Quantity(1.0, use_unit * heat_unit)).dimensionality != KCAL.dimensionality:
        shown = [f"{u:~}" or "dimensionless" for u in (heat_unit, use_unit)]  # the dimensionless unit prints ""
        raise UnitsError(f"heat_values ({shown[0]}) must be energy per the uses' unit ({shown[1]})")
    check_amount(use_m, "uses")
    check_amount(heat_m, "heat_values")
    total = use_m.sum()
    if total == 0:
        raise InvalidValueError("uses must not all be zero: the weighted heat value is undefined")
    return ureg.Quantity(float((use_m * heat_m).sum() / total), heat_unit)
