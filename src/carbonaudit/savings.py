"""Energy savings of measures: the three formulas, recognition periods, money, DR, renewables.

The declaration forms compute a measure's savings with one of three formulas
(production-declaration-2018 表十之一 公式(1)-(3); non-production-form-2025 表十之一 / 表十一之一):

1. efficiency gain: ``annual consumption × gain × recognised months / 12``
   (:func:`efficiency_gain`);
2. equipment: the 107年 form's ``power × units × annual hours × gain × months / 12``
   (:func:`equipment_power`), or the current form's replacement lines, ``power × units × hours ×
   load × recognised-month share`` per line and ``Σ before − Σ after`` (:func:`before_after`);
3. other measures: ``annual improvement × months / 12`` (:func:`annual_improvement`).

Savings count from the month after a measure is completed, for at most 12 months, and may cross a
year end (:func:`recognition_split`). All functions are pure and accept scalar or array Quantities.
"""

from __future__ import annotations

import difflib
import html
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import numpy as np
import pint

from ._display import HtmlRepr
from ._optional import require
from .errors import CarbonAuditError, DeclarationError, InvalidValueError, PeriodError, UnitsError
from .periods import _AD_HIGH, _AD_LOW, YearMonth, YearMonthRange, _ad_year, _not_text, _shown
from .units import (
    Q_,
    Quantity,
    Unit,
    check_amount,
    check_shapes,
    check_unit,
    checked_magnitude,
    fraction,
    magnitude,
    parse_unit,
    require_quantity,
    scalar_magnitude,
    ureg,
)

__all__ = [
    "ANNUAL_DEDUCTIONS",
    "ENERGY_TYPES",
    "PLANNED_DEDUCTIONS",
    "AnnualUse",
    "EquipmentLine",
    "InvestmentLine",
    "Measure",
    "PlannedUse",
    "RecognitionSplit",
    "annual_electricity_use",
    "annual_improvement",
    "before_after",
    "frame",
    "demand_response",
    "efficiency_gain",
    "equipment_power",
    "investment",
    "planned_use",
    "recognition_split",
    "reference_price",
    "renewable_self_use",
    "saving_amount",
    "simple_payback",
]

_KWH = ureg.Unit("kWh")
_KW = ureg.Unit("kW")
_H = ureg.Unit("h")
_TWD = ureg.Unit("TWD")
_MONTHS_PER_YEAR = 12  # the calendar, not a factor

# The energy types a measure declares its savings in (non-production-form-2025 表十之一 能源種類; the 107年
# system of production-declaration-2018 also had coal and purchased steam), with the unit the forms use.
ENERGY_TYPES: dict[str, tuple[str, str]] = {
    "electricity": ("電力", "kWh"),
    "fuel_oil": ("燃料油", "kL"),
    "lpg": ("液化石油氣", "kg"),
    "natural_gas": ("天然氣", "m**3"),
    "gasoline": ("汽油", "L"),
    "diesel": ("柴油", "kL"),
    "coal": ("燃料煤", "t"),
    "steam": ("外購蒸汽", "t"),
}
"""Energy type id -> (Chinese name, unit of the forms)."""

EnergyType = Literal["electricity", "fuel_oil", "lpg", "natural_gas", "gasoline", "diesel", "coal", "steam"]

# 表十之四: the kinds of N-year use that may be deducted from the year's actual use.
ANNUAL_DEDUCTIONS: dict[str, str] = {
    "new_buildings": "N年啟用之新建築用電量",
    "new_equipment": "N年啟用之新設備用電量",
    "rail_traction": "N年運輸軌道牽引電力之電量",
    "safety_areas": "N年具安全考量之用電區域用電量",
    "construction_areas": "N年工程施作區域用電量",
    "new_regulations": "為配合N年新法規導致增加之用電量",
    "ev_charging": "N年電動車充換電設施用電量",
    "energy_use_statement": "N年依能源管理法第16條能源使用說明書經核准範疇之用電量",
}
"""Deduction kind -> label of 表十之四 (non-production-form-2025)."""

# 表十一之四: the kinds of N+1 use that may be deducted from the planned use.
PLANNED_DEDUCTIONS: dict[str, str] = {
    "new_buildings": "N+1年啟用之新建築用電量",
    "new_equipment": "N+1年啟用之新設備用電量",
    "rail_traction": "N+1年運輸軌道牽引電力之電量",
    "construction_areas": "N+1年工程施作區域用電量",
    "ev_charging": "N+1年電動車充換電設施用電量",
    "energy_use_statement": "N+1年依能源管理法第16條能源使用說明書經核准範疇之用電量",
}
"""Deduction kind -> label of 表十一之四 (non-production-form-2025)."""


# -- argument checks ------------------------------------------------------------------------


def _is_real(value: object) -> bool:
    """A real number of Python or numpy (not a bool, a Decimal, a str or a Quantity)."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _float(value: Any, name: str, expected: str) -> float:
    """A real scalar as a float64; a Python int beyond float range is an InvalidValueError."""
    try:
        return float(value)
    except OverflowError:
        raise InvalidValueError(f"{name} must be {expected}, got {_shown(value)} (beyond float range)") from None


def _months(months: Any, name: str = "months") -> Any:
    """Recognised months as float or float64 array, each between 0 and 12.

    Counts of any numpy integer or float dtype become float64 here, so that no product of the
    engines is computed (and wraps) in a small integer type.
    """
    expected = "a number of months between 0 and 12"
    if _is_real(months):
        m: Any = _float(months, name, expected)
    elif isinstance(months, np.ndarray) and months.dtype.kind in "iuf":
        m = months.astype(np.float64, copy=False)  # no copy (and no pass) for float64
    elif isinstance(months, (list, tuple)) and all(_is_real(x) for x in months):
        try:
            m = np.asarray(months, dtype=np.float64)
        except OverflowError:
            raise InvalidValueError(f"{name} must hold {expected}, got an int beyond float range") from None
    else:
        raise InvalidValueError(f"{name} must be {expected}, got {type(months).__name__} {_shown(months)}")
    arr = np.asarray(m)
    good = (arr >= 0) & (arr <= _MONTHS_PER_YEAR)  # false for NaN
    if not good.all():
        bad = arr.ravel()[~good.ravel()][0]
        raise InvalidValueError(f"{name} must be between 0 and 12, got {_shown(bad)}")
    return m


def _unit_fraction(value: Any, name: str) -> Any:
    """A fraction (or percent Quantity) that must lie in [0, 1]."""
    f = fraction(value, name)
    arr = np.asarray(f)
    if not (arr.size == 0 or (arr.min() >= 0 and arr.max() <= 1)):
        bad = arr.ravel()[~((arr.ravel() >= 0) & (arr.ravel() <= 1))][0]
        raise InvalidValueError(
            f"{name} must be a fraction between 0 and 1 (or a percent Quantity up to 100 %), got {_shown(bad)}"
        )
    return f


def _count(value: Any, name: str) -> Any:
    """A number of units: a non-negative whole number or array of them, as float64.

    Counts of any numpy integer dtype become float64 here: ``np.int16(8024)`` units times a power
    in float64 must not be computed (and wrap) in int16. A Python int beyond float range, a bool, a
    str, a Decimal or a Quantity is an :class:`~carbonaudit.errors.InvalidValueError`; so is a count
    above :data:`~carbonaudit.units.MAX_AMOUNT` (1e30), as for any amount (:func:`check_amount`):
    ``1e308`` units times a power would overflow to an infinity.
    """
    expected = "a non-negative whole number (a count of units)"
    if _is_real(value):
        v = _float(value, name, expected)
        if not (math.isfinite(v) and v >= 0 and v.is_integer()):
            raise InvalidValueError(f"{name} must be {expected}, got {_shown(value)}")
        check_amount(v, name)  # at most 1e30
        return v
    if isinstance(value, (bool, np.bool_, str, bytes, pint.Quantity)) or value is None:
        raise InvalidValueError(f"{name} must be {expected}, got {type(value).__name__} {_shown(value)}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError, OverflowError):  # ragged nesting, ints beyond int64/float
        arr = np.asarray(None)
    if arr.dtype.kind in "iu":  # no NaN, no infinity, and every int64 or uint64 is below 1e30
        if arr.size and arr.min() < 0:
            raise InvalidValueError(f"{name} must be {expected}, got {arr.ravel()[np.argmax(arr.ravel() < 0)]}")
        return arr.astype(np.float64)
    if arr.dtype.kind != "f":
        raise InvalidValueError(f"{name} must be {expected}, got {type(value).__name__} {_shown(value)}")
    f = arr.astype(np.float64, copy=False)
    if f.size:
        good = np.isfinite(f) & (f >= 0)
        good[good] = np.mod(f[good], 1) == 0
        if not good.all():
            raise InvalidValueError(f"{name} must be {expected}, got {_shown(f.ravel()[~good.ravel()][0])}")
        check_amount(f, name)  # finite, non-negative whole numbers: only the 1e30 bound is left to check
    return f


_AMOUNT_DIMENSIONS = (ureg.Unit("kWh").dimensionality, ureg.Unit("L").dimensionality, ureg.Unit("kg").dimensionality)


def _amount(value: object, name: str) -> tuple[Any, Unit]:
    """Magnitude (checked non-negative, finite) and unit of an amount of energy, fuel or steam.

    The amount keeps its own unit; it must be an energy (kWh), a volume (kL, m³) or a mass (kg, t).
    """
    q = require_quantity(value, name, "an amount of energy, volume or mass (kWh, kL, m³, kg ...)")
    if q.dimensionality not in _AMOUNT_DIMENSIONS:
        raise UnitsError(
            f"{name} must be an amount of energy, volume or mass (kWh, kL, m³, kg ...), got {q:~} "
            f"which is {q.dimensionality}"
        )
    check_unit(q.units, ("kWh", "L", "kg"), name)  # not kvar·h or kVA·h, which pint takes for kWh
    # The units.py boundary: float64 magnitudes (no integer arithmetic downstream), checked.
    return checked_magnitude(q, q.units, name), q.units


# -- the three formulas -----------------------------------------------------------------------


def efficiency_gain(consumption: Quantity, gain: Any, months: Any = 12) -> Quantity:
    """Formula (1): savings of a system or device whose efficiency improves.

    ``savings = annual consumption × gain × recognised months / 12``
    (production-declaration-2018 表十之一 公式(1); non-production-form-2025 表十之一 公式(1)).

    Parameters
    ----------
    consumption : Quantity
        Annual consumption of the system before the measure [kWh, kL, kg, m³ ...]. Scalar or array.
    gain : float or Quantity
        Efficiency gain [fraction, or percent]: a fraction (0.125) or a percent Quantity
        (``Q_(12.5, "percent")``), between 0 and 1.
    months : int, float or array, default 12
        Recognised months (0 to 12).

    Returns
    -------
    Quantity
        Savings, in the unit of *consumption*.

    Raises
    ------
    UnitsError
        If *consumption* is a bare number or not an energy, volume or mass, or *gain* is not a
        fraction or a dimensionless Quantity.
    InvalidValueError
        For a negative or non-finite amount, a gain outside [0, 1], months outside 0-12, or arrays
        of different lengths.

    Examples
    --------
    >>> from carbonaudit import Q_, savings
    >>> savings.efficiency_gain(Q_(149_200, "kWh"), 0.125, months=11)   # production-declaration-2018 範例
    <Quantity(17095.8333, 'kilowatt_hour')>
    """
    m, unit = _amount(consumption, "consumption")
    g = _unit_fraction(gain, "gain")
    n = _months(months)
    check_shapes(consumption=m, gain=g, months=n)
    return Q_(m * (g * n / _MONTHS_PER_YEAR), unit)  # scalar factor first: one pass over arrays


def equipment_power(power: Quantity, units: Any, hours: Quantity, gain: Any, months: Any = 12) -> Quantity:
    """Formula (2) of the 107年 system: equipment power × units × annual hours × gain × months / 12.

    (production-declaration-2018 表十之一 公式(2).)

    Parameters
    ----------
    power : Quantity
        Power (or capacity) of one unit [kW].
    units : int or array
        Number of units.
    hours : Quantity
        Annual operating hours [h].
    gain : float or Quantity
        Efficiency gain [fraction, or percent]: a fraction in [0, 1] or a percent Quantity.
    months : int, float or array, default 12
        Recognised months (0 to 12).

    Returns
    -------
    Quantity
        Savings [kWh].

    Raises
    ------
    UnitsError
        If *power* or *hours* is a bare number or of another dimension.
    InvalidValueError
        For a negative or non-finite value, *units* not a whole number (a bool, a str, a Decimal,
        an int beyond float range) or above 1e30, a gain outside [0, 1], months outside 0-12 (or
        not a real number), or arrays of different lengths. Counts and months of any integer dtype are
        computed in float64 (an int16 count does not wrap).

    Examples
    --------
    >>> from carbonaudit import Q_, savings
    >>> savings.equipment_power(Q_(18.65, "kW"), 2, Q_(8000, "h"), 0.125, months=12)   # production-declaration-2018 範例
    <Quantity(37300.0, 'kilowatt_hour')>
    """
    p = checked_magnitude(power, _KW, "power")
    h = checked_magnitude(hours, _H, "hours")
    u = _count(units, "units")
    g = _unit_fraction(gain, "gain")
    n = _months(months)
    check_shapes(power=p, units=u, hours=h, gain=g, months=n)
    return Q_(p * u * h * g * n / _MONTHS_PER_YEAR, _KWH)


@dataclass(frozen=True)
class EquipmentLine:
    """One line of formula (2) of the current form (non-production-form-2025 表十之一 公式(2)).

    ``energy = power × units × hours × load × month_share`` [kWh], for the equipment before or
    after a replacement or operating change.

    Parameters
    ----------
    power : Quantity
        Power of one unit [kW].
    units : int
        Number of units (台數).
    hours : Quantity
        Operating hours [h] (運轉時數).
    load : float or Quantity, default 1
        Load factor or utilisation (設備負載率或使用率), fraction in [0, 1] or percent Quantity.
    month_share : float or Quantity, default 1
        Recognised-month share (認列月數比例), fraction in [0, 1] or percent Quantity; 9 of 12
        months is 0.75.

    Examples
    --------
    >>> from carbonaudit import Q_
    >>> EquipmentLine(Q_(32, "W"), 100, Q_(8640, "h"), month_share=Q_(75, "percent")).energy()
    <Quantity(20736.0, 'kilowatt_hour')>
    """

    power: Quantity
    units: Any
    hours: Quantity
    load: Any = 1.0
    month_share: Any = 1.0

    def __post_init__(self) -> None:
        self.energy()  # validates every field, naming it

    def energy(self) -> Quantity:
        """Energy use of the line [kWh]."""
        p = checked_magnitude(self.power, _KW, "power")
        h = checked_magnitude(self.hours, _H, "hours")
        u = _count(self.units, "units")
        load = _unit_fraction(self.load, "load")
        share = _unit_fraction(self.month_share, "month_share")
        check_shapes(power=p, units=u, hours=h, load=load, month_share=share)
        return Q_(p * u * h * load * share, _KWH)


def before_after(before: Sequence[EquipmentLine], after: Sequence[EquipmentLine]) -> Quantity:
    """Formula (2) of the current form: Σ energy of the lines before − Σ after [kWh].

    (non-production-form-2025 表十之一 公式(2): 改善前設備能源使用量加總 − 改善後設備能源使用量加總 = 總節能量.)
    The result is negative when the equipment after the change uses more.

    Parameters
    ----------
    before, after : sequence of EquipmentLine
        The equipment before and after the replacement or operating change (either may be empty).

    Returns
    -------
    Quantity
        Savings [kWh].

    Raises
    ------
    InvalidValueError
        If an item of *before* or *after* is not an :class:`EquipmentLine`.

    Examples
    --------
    >>> from carbonaudit import Q_
    >>> old = EquipmentLine(Q_(18.65, "kW"), 1, Q_(8000, "h"))
    >>> new = EquipmentLine(Q_(14.92, "kW"), 1, Q_(8000, "h"))
    >>> before_after([old], [new])        # (18.65 − 14.92) kW × 8,000 h
    <Quantity(29840.0, 'kilowatt_hour')>
    """
    total: Any = 0.0
    for name, lines, sign in (("before", before, 1.0), ("after", after, -1.0)):
        for i, line in enumerate(lines):
            if not isinstance(line, EquipmentLine):
                raise InvalidValueError(f"{name}[{i}] must be an EquipmentLine, got {type(line).__name__}")
            total = total + sign * line.energy().m_as(_KWH)
    return Q_(total, _KWH)


def annual_improvement(improvement: Quantity, months: Any = 12) -> Quantity:
    """Formula (3): savings of other measures, annual improvement × recognised months / 12.

    (production-declaration-2018 表十之一 公式(3); non-production-form-2025 表十之一 公式(3).)

    Parameters
    ----------
    improvement : Quantity
        The measure's annual improvement [kWh, kL ...]; for a power reduction, power × hours.
    months : int, float or array, default 12
        Recognised months (0 to 12).

    Returns
    -------
    Quantity
        Savings, in the unit of *improvement*.

    Raises
    ------
    UnitsError
        If *improvement* is a bare number or not an energy, volume or mass.
    InvalidValueError
        For a negative or non-finite amount, months outside 0-12, or arrays of different lengths.

    Examples
    --------
    >>> from carbonaudit import Q_, savings
    >>> lamps = 100 * (Q_(32, "W") - Q_(21, "W")) * Q_(8640, "h")     # production-declaration-2018 LED example
    >>> savings.annual_improvement(lamps, months=9).to("kWh")
    <Quantity(7128.0, 'kilowatt_hour')>
    """
    m, unit = _amount(improvement, "improvement")
    n = _months(months)
    check_shapes(improvement=m, months=n)
    return Q_(m * (n / _MONTHS_PER_YEAR), unit)


# -- recognition period -----------------------------------------------------------------------


# The month indices (YearMonth.index = year * 12 + month - 1) of AD 1912-01 to 2211-12: the years
# periods.YearMonth takes. A bare int outside (2017, 106) is a year, not a month index.
_FIRST_INDEX = _AD_LOW * _MONTHS_PER_YEAR
_LAST_INDEX = _AD_HIGH * _MONTHS_PER_YEAR + _MONTHS_PER_YEAR - 1
_COMPLETED_FORMS = (
    "a YearMonth (YearMonth(2017, 8)), a YearMonthRange, period text ('106/8' or '106/8~106/9', "
    "ROC), numpy datetime64[M] (np.datetime64('2017-08')), or a month index (YearMonth.index, "
    f"{_FIRST_INDEX:,} to {_LAST_INDEX:,})"
)


def _at(arr: Any, bad: Any) -> str:
    """``"[i]"`` of the first True of *bad* for an array, ``""`` for a scalar."""
    if arr.ndim == 0:
        return ""
    index = np.unravel_index(int(np.flatnonzero(bad.ravel())[0]), arr.shape)
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def _completion_index(completed: Any, name: str = "completed") -> Any:
    """Month index (year*12 + month-1) of the completion month(s); a range uses its end.

    Ints are month indices (:attr:`YearMonth.index`) and must be plausible ones (AD 1912-01 to
    2211-12): ``2017`` or ``106`` is a year, and read as a month index it would be AD 168.
    Floats are refused: ``106.10`` (October) and ``106.1`` (January) are the same float.
    """
    if isinstance(completed, YearMonthRange):
        return completed.end.index
    if isinstance(completed, YearMonth):
        return completed.index
    if isinstance(completed, str):
        try:
            return YearMonthRange.parse(completed).end.index
        except PeriodError as exc:
            raise PeriodError(
                f"{name} {_shown(completed)} cannot be read: {exc}. Write the completion month as the "
                "forms do, '106/8' (ROC year/month, month 1 to 12) or a period '106/8~106/9' (its end month "
                "counts), or ISO '2017-08'"
            ) from exc
    if completed is None or (isinstance(completed, (float, np.floating)) and math.isnan(completed)):
        raise PeriodError(f"{name} is missing; every measure needs its completion month: {_COMPLETED_FORMS}")
    if isinstance(completed, (float, np.floating, Decimal)):
        raise _not_text(completed, name)
    if isinstance(completed, int) and not isinstance(completed, bool) and completed.bit_length() > 63:
        arr = np.asarray(None)  # beyond int64: not a month index (refused below, by value)
    else:
        arr = np.asarray(completed)
    if arr.dtype.kind == "M":
        if np.isnat(arr).any():
            raise PeriodError(
                f"{name}{_at(arr, np.isnat(arr))} is NaT (a missing date); every measure needs its completion month"
            )
        months = arr.astype("datetime64[M]").astype(np.int64)  # months since 1970-01
        return months + 1970 * _MONTHS_PER_YEAR
    if arr.dtype.kind in "iu":
        if arr.size == 0:
            return arr.astype(np.int64)
        if arr.min() < _FIRST_INDEX or arr.max() > _LAST_INDEX:  # one pass each; uint compares exactly
            bad = (arr < _FIRST_INDEX) | (arr > _LAST_INDEX)
            value = int(arr.ravel()[np.flatnonzero(bad.ravel())[0]])
            year = f"AD {value}" if _AD_LOW <= value <= _AD_HIGH else f"ROC {value}" if 1 <= value < _AD_LOW else ""
            hint = f" (it looks like the year {year}, not a month)" if year else ""
            raise PeriodError(
                f"{name}{_at(arr, bad)} is the int {value}{hint}, which is not a month index: a month index is "
                f"YearMonth.index, {_FIRST_INDEX:,} to {_LAST_INDEX:,} for AD 1912-01 to 2211-12. Pass the "
                "completion month as a YearMonth (YearMonth(2017, 8)), period text ('106/8', ROC) or numpy "
                "datetime64[M] (np.datetime64('2017-08'))"
            )
        return arr.astype(np.int64)
    if arr.dtype.kind == "f":  # e.g. a CSV column of 106.10 read as floats
        if arr.size == 0:  # np.array([]) is float64: no measures, refused as empty by the caller
            return arr.astype(np.int64)
        raise _not_text(arr.ravel()[0], f"{name}{_at(arr, np.ones(arr.shape, bool))}")
    if arr.ndim > 0 and arr.dtype.kind in "OU":
        flat = arr.ravel()
        out = np.empty(flat.size, dtype=np.int64)
        for i, c in enumerate(flat):
            where = f"[{i}]" if arr.ndim == 1 else _at(arr, np.arange(flat.size) == i)
            out[i] = _completion_index(c, f"{name}{where}")
        return out.reshape(arr.shape)
    raise PeriodError(f"{name} must be {_COMPLETED_FORMS}; got {type(completed).__name__} {_shown(completed)}")


@dataclass(frozen=True)
class RecognitionSplit(Mapping[int, Quantity]):
    """Savings recognised in each calendar year: a mapping AD year → Quantity.

    For array inputs each value is an array: the share of every measure in that year (zero for
    measures whose recognition period does not touch it). Keys are AD years as int (numpy
    integers too): an AD year the savings do not reach is a ``KeyError`` as in any mapping, but a
    key that is not an AD year (an ROC year such as 106, a float, a str) is a
    :class:`~carbonaudit.errors.PeriodError`.

    Attributes
    ----------
    annual : Quantity
        The annual savings that were split.
    start : int or numpy.ndarray
        Month index (``YearMonth.index``) of the first recognised month.
    months : float or numpy.ndarray
        Number of recognised months (at most 12).
    """

    annual: Quantity
    start: Any
    months: Any
    _years: tuple[int, ...] = field(repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        start = np.asarray(self.start)
        end = start + np.ceil(np.asarray(self.months)).astype(np.int64) - 1
        first = int(start.min()) // _MONTHS_PER_YEAR
        last = int(end.max()) // _MONTHS_PER_YEAR
        years = [y for y in range(first, last + 1) if np.any(self._months_in(y) > 0)]
        object.__setattr__(self, "_years", tuple(years))

    def _months_in(self, year: int) -> Any:
        # Offsets from the first recognised month (small integers), so that a fractional month
        # count is never added to a large month index and lost to rounding.
        start = np.asarray(self.start)
        lo = np.maximum(0, year * _MONTHS_PER_YEAR - start)
        hi = np.minimum(np.asarray(self.months), (year + 1) * _MONTHS_PER_YEAR - start)
        return np.clip(hi - lo, 0, None)

    def months_in(self, year: int) -> Any:
        """Recognised months that fall in AD *year* (0 to 12).

        *year* is an AD year as int (numpy integers too); a float, a str or an ROC year (106) is a
        :class:`~carbonaudit.errors.PeriodError`, not 0 months.
        """
        if not (type(year) is int and year in self._years):
            # A completion in 2211-12 is recognised in 2212: one year past the last completion year.
            year = _ad_year(year, "year", high=_AD_HIGH + 1)
        return self._months_in(year) if isinstance(self.start, np.ndarray) else float(self._months_in(year))

    def __getitem__(self, year: int) -> Quantity:
        if not (type(year) is int and year in self._years):
            year = _ad_year(year, "year", high=_AD_HIGH + 1)  # an ROC year, a float: PeriodError
        if year not in self._years:
            raise KeyError(year)  # an AD year the savings do not reach (the Mapping protocol)
        share = self.months_in(year) / _MONTHS_PER_YEAR
        result: Quantity = self.annual * share
        return result

    def __contains__(self, year: object) -> bool:
        return year in self._years

    def __iter__(self) -> Iterator[int]:
        return iter(self._years)

    def __len__(self) -> int:
        return len(self._years)

    def __repr__(self) -> str:
        body = (
            ", ".join(f"{y}: {self[y]:~g}" for y in self._years)
            if not isinstance(self.start, np.ndarray)
            else (f"{np.size(self.start)} measures over years {', '.join(map(str, self._years))}")
        )
        return f"RecognitionSplit({body})"

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(repr(self)) + "</pre>"

    def to_frame(self) -> Any:
        """The split as a pandas DataFrame: one row per measure, one column per AD year.

        Values are in the annual savings' unit (``attrs["unit"]``); a measure that does not reach a
        year has 0 there. Each row sums to ``annual × months / 12``.

        Examples
        --------
        >>> from carbonaudit import Q_, savings
        >>> savings.recognition_split(Q_(9504, "kWh"), "106/8~106/9").to_frame()   # production-declaration-2018
             2017    2018
        0  2376.0  7128.0
        """
        pd = require("pandas", "RecognitionSplit.to_frame")

        columns = {year: np.atleast_1d(self[year].magnitude).astype(np.float64) for year in self._years}
        frame = pd.DataFrame(columns)
        frame.attrs["unit"] = f"{self.annual.units:~}"
        return frame


def recognition_split(annual: Quantity, completed: Any, months: Any = 12) -> RecognitionSplit:
    """Split a measure's annual savings over the calendar years its recognition period covers.

    Savings count from the month after completion for at most 12 months and may cross a year end
    (production-declaration-2018 節能量計算期間 example; non-production-form-2025 表十之一 註4-5). A completion period given as a range
    (``"106/8~106/9"``) uses its end month.

    Parameters
    ----------
    annual : Quantity
        Annual savings of the measure [kWh, kL ...]. Scalar or array.
    completed : YearMonth, YearMonthRange, str, or array
        Completion month: a :class:`~carbonaudit.periods.YearMonth`, a range, the forms' text
        (``"106/8~106/9"``, read as ROC), or for many measures an array of ``datetime64[M]`` or of
        month indices (``YearMonth.index = year × 12 + month − 1``, 22,944 to 26,543 for AD
        1912-01 to 2211-12). A bare int outside that range (``2017``, ``106``) is a year, not a
        month, and is refused; so is a float (``106.1`` cannot tell ``106.10``, October, from
        January).
    months : int, float or array, default 12
        Months to recognise, at most 12.

    Returns
    -------
    RecognitionSplit
        Mapping AD year → savings recognised in that year.

    Raises
    ------
    PeriodError
        For a completion that is not a valid month, period or text, a NaT in an array, an int that
        is not a month index (a year such as 2017), or a float (write ``"106/10"``, not 106.10).
    UnitsError
        If *annual* is a bare number or not an energy, volume or mass.
    InvalidValueError
        For a negative or non-finite amount, months outside 0-12, an empty array, or arrays of
        different lengths.

    Examples
    --------
    >>> from carbonaudit import Q_, savings
    >>> split = savings.recognition_split(Q_(9504, "kWh"), "106/8~106/9")
    >>> {year: q.m for year, q in split.items()}     # 106年 2,376 and 107年 7,128 kWh
    {2017: 2376.0, 2018: 7128.0}
    """
    m, unit = _amount(annual, "annual")
    n = _months(months)
    start = _completion_index(completed) + 1
    check_shapes(annual=m, completed=start, months=n)
    if isinstance(start, np.ndarray) or isinstance(m, np.ndarray) or isinstance(n, np.ndarray):
        empty = [name for name, a in (("annual", m), ("completed", start), ("months", n)) if np.size(a) == 0]
        if empty:  # arrays of no measures: name the argument(s) that are empty
            raise InvalidValueError(
                f"{' and '.join(empty)} must not be empty: give one value per measure (an empty array is no measure)"
            )
        start, m_b, n = np.broadcast_arrays(np.asarray(start, dtype=np.int64), np.asarray(m), np.asarray(n))
        return RecognitionSplit(Q_(m_b, unit), start, n)
    return RecognitionSplit(Q_(m, unit), int(start), n)


# -- money ------------------------------------------------------------------------------------


def saving_amount(savings: Quantity, unit_price: Quantity) -> Quantity:
    """Money saved: savings × average purchase price per unit (non-production-form-2025 表十之一 節能效益金額計算).

    Parameters
    ----------
    savings : Quantity
        Energy saved [kWh, kL, kg, m³ ...].
    unit_price : Quantity
        Average purchase price [TWD per the savings' unit, e.g. TWD/kWh].

    Returns
    -------
    Quantity
        [TWD]; ``.to("kTWD")`` gives the forms' 千元.

    Raises
    ------
    UnitsError
        If an argument is a bare number, or *unit_price* is not money per the savings' unit.
    InvalidValueError
        For a negative or non-finite value, or arrays of different lengths.

    Examples
    --------
    >>> from carbonaudit import Q_, savings
    >>> savings.saving_amount(Q_(17_095.8, "kWh"), Q_(3, "TWD/kWh")).to("kTWD")
    <Quantity(51.2874, 'kTWD')>
    """
    s, s_unit = _amount(savings, "savings")
    price = require_quantity(unit_price, "unit_price", "TWD per unit of energy (e.g. TWD/kWh)")
    p = checked_magnitude(price, _TWD / s_unit, "unit_price")
    check_shapes(savings=s, unit_price=p)
    return Q_(s * p, _TWD)


@dataclass(frozen=True)
class InvestmentLine:
    """One equipment line of the investment (non-production-form-2025 表十之一 設備投資費用計算).

    ``cost = capacity per unit × price per kW or RT × units``.

    Parameters
    ----------
    capacity : Quantity
        Power or capacity of one unit [kW or USRT]: real power (kVA and kvar are refused, naming
        *capacity*, before the price is converted into its unit).
    unit_price : Quantity
        Purchase price per kW or per RT [TWD/kW or TWD/USRT].
    units : int
        Number of units (a whole number, at most 1e30).
    name : str, optional
        Equipment name.
    """

    capacity: Quantity
    unit_price: Quantity
    units: Any = 1
    name: str = ""

    def __post_init__(self) -> None:
        self.cost()

    def cost(self) -> Quantity:
        """The line's cost [TWD]."""
        cap = require_quantity(self.capacity, "capacity", "power or refrigeration capacity (kW, USRT)")
        # The price is converted into the capacity's unit: check that unit first, so that a capacity
        # in kVA, kvar or metres is named as the fault, not the price per kW or RT.
        check_unit(cap.units, _KW, "capacity")
        c = checked_magnitude(cap, cap.units, "capacity")
        price = checked_magnitude(self.unit_price, _TWD / cap.units, "unit_price")
        return Q_(c * price * _count(self.units, "units"), _TWD)


def investment(lines: Sequence[InvestmentLine] = (), other_costs: Sequence[Quantity] = ()) -> Quantity:
    """Investment of a measure: Σ equipment lines + Σ other costs [TWD] (non-production-form-2025 表十之一 註9).

    Parameters
    ----------
    lines : sequence of InvestmentLine, default ()
        Equipment lines (設備投資費用: capacity × price per kW or RT × units).
    other_costs : sequence of Quantity, default ()
        Other investment costs (其他投資費用) [TWD, kTWD].

    Returns
    -------
    Quantity
        Total investment [TWD]; ``.to("kTWD")`` gives the forms' 千元.

    Raises
    ------
    InvalidValueError
        If an item of *lines* is not an :class:`InvestmentLine`, or a cost is negative or not finite.
    UnitsError
        If a cost is a bare number or not money.

    Examples
    --------
    >>> from carbonaudit import Q_
    >>> chiller = InvestmentLine(Q_(500, "USRT"), Q_(20_000, "TWD/USRT"), units=2)
    >>> investment([chiller], [Q_(300, "kTWD")]).to("kTWD")
    <Quantity(20300.0, 'kTWD')>
    """
    total: Any = 0.0
    for i, line in enumerate(lines):
        if not isinstance(line, InvestmentLine):
            raise InvalidValueError(f"lines[{i}] must be an InvestmentLine, got {type(line).__name__}")
        total = total + line.cost().m_as(_TWD)
    for i, cost in enumerate(other_costs):
        c = checked_magnitude(cost, _TWD, f"other_costs[{i}]")
        total = total + c
    return Q_(total, _TWD)


def simple_payback(investment: Quantity, annual_saving_amount: Quantity) -> Quantity:
    """Simple payback: investment ÷ money saved per year [year].

    The payback period (回收期限) is one of the special items of award-form-2015 附表1; the example takes
    production-declaration-2018 表十之一's totals: investment 3,677.83 千元 and 1,120,329.5 kWh × 3 元/度 = 3,360.99 千元.

    Parameters
    ----------
    investment : Quantity
        Investment [TWD, kTWD]. Scalar or array.
    annual_saving_amount : Quantity
        Money saved per year [TWD, kTWD], e.g. from :func:`saving_amount`.

    Returns
    -------
    Quantity
        Payback [year].

    Raises
    ------
    UnitsError
        If an argument is a bare number or not money.
    InvalidValueError
        If the annual saving amount is zero (no payback), a value is negative or not finite.

    Examples
    --------
    >>> from carbonaudit import Q_, savings
    >>> savings.simple_payback(Q_(3_677.83, "kTWD"), Q_(3_360.99, "kTWD"))
    <Quantity(1.09426984, 'year')>
    """
    inv = checked_magnitude(investment, _TWD, "investment")
    amount = checked_magnitude(annual_saving_amount, _TWD, "annual_saving_amount")
    if np.any(np.asarray(amount) == 0):
        raise InvalidValueError("annual_saving_amount must be positive: with no money saved there is no payback")
    return Q_(inv / amount, ureg.Unit("year"))


def reference_price(energy: str) -> Quantity:
    """The 107年 system's reference price of an energy type (production-declaration-2018 表十之一: 電 3 元/度 ...).

    Use your own average purchase price where you have it.

    Parameters
    ----------
    energy : str
        ``"electricity"``, ``"coal"``, ``"fuel_oil"``, ``"lpg"``, ``"natural_gas"`` or ``"steam"``.

    Returns
    -------
    Quantity
        Price per unit of the energy [TWD/kWh, TWD/t, TWD/kL, TWD/kg, TWD/m³]: 3 元/度, 3,000 元/公噸,
        21,000 元/公秉, 30 元/公斤, 21 元/立方公尺, steam 1,000 元/公噸.

    Raises
    ------
    InvalidValueError
        For an energy type without a reference price.

    Examples
    --------
    >>> reference_price("electricity")
    <Quantity(3.0, 'new_taiwan_dollar / kilowatt_hour')>
    """
    from .factors import rules

    prices = rules().reference_prices.prices
    if not isinstance(energy, str) or energy not in prices:
        raise InvalidValueError(f"energy must be one of {', '.join(prices)}, got {energy!r}")
    price: Quantity = prices[energy].quantity
    return price


# -- demand response, renewables --------------------------------------------------------------


def demand_response(reduction: Quantity, hours: Quantity) -> Quantity:
    """Savings recognised for demand response: actual reduction × reduction hours [kWh].

    (non-production-form-2025 表十之三(一) 註2: 2,105 kW × 2 h = 4,210 kWh; programmes (a)-(o) in
    :func:`carbonaudit.measure_codes.demand_response_programme`.)

    Parameters
    ----------
    reduction : Quantity
        Actual reduction (實際抑低量, not a lowered contract capacity) [kW]. Scalar or array.
    hours : Quantity
        Reduction hours (抑低時數) [h].

    Returns
    -------
    Quantity
        Recognised savings (認列節電量) [kWh].

    Raises
    ------
    UnitsError
        If an argument is a bare number or of another dimension.
    InvalidValueError
        For a negative or non-finite value, or arrays of different lengths.

    Examples
    --------
    >>> from carbonaudit import Q_, savings
    >>> savings.demand_response(Q_(2105, "kW"), Q_(2, "h"))
    <Quantity(4210.0, 'kilowatt_hour')>
    """
    r = checked_magnitude(reduction, _KW, "reduction")
    h = checked_magnitude(hours, _H, "hours")
    check_shapes(reduction=r, hours=h)
    return Q_(r * h, _KWH)


def renewable_self_use(generated: Quantity, sold: Quantity | None = None) -> Quantity:
    """Renewable electricity used on site, recognised as savings: generation − sold [kWh].

    (non-production-form-2025 表十之三(二): 611 kW solar, 815,051 kWh generated, all self-used → 815,051 kWh;
    only for one year, 註6.)

    Parameters
    ----------
    generated : Quantity
        Annual generation (年發電量) [kWh]. Scalar or array.
    sold : Quantity, optional
        Sold back to Taipower (回售台電電量) [kWh]; default nothing. Scalar or array: a scalar
        broadcasts against an array *generated* and vice versa.

    Returns
    -------
    Quantity
        Recognised self-use (自發自用認列節電量) [kWh].

    Raises
    ------
    UnitsError
        If an argument is a bare number or not an energy.
    InvalidValueError
        If more is sold than generated, or a value is negative or not finite.

    Examples
    --------
    >>> from carbonaudit import Q_, savings
    >>> savings.renewable_self_use(Q_(815_051, "kWh"))
    <Quantity(815051.0, 'kilowatt_hour')>
    """
    g = checked_magnitude(generated, _KWH, "generated")
    s = 0.0 if sold is None else magnitude(sold, _KWH, "sold")
    check_amount(s, "sold")
    check_shapes(generated=g, sold=s)
    if np.any(np.asarray(s) > np.asarray(g)):
        raise InvalidValueError(f"sold ({sold:~}) must not exceed generated ({generated:~})")
    used = np.asarray(g, dtype=np.float64) - np.asarray(s, dtype=np.float64)  # scalars and arrays broadcast
    return Q_(used if used.ndim else float(used), _KWH)


# -- annual and planned use -------------------------------------------------------------------


@dataclass(frozen=True)
class AnnualUse(HtmlRepr):
    """A year's electricity use for the saving rate (non-production-form-2025 表十之四).

    Attributes
    ----------
    actual : Quantity
        Σ monthly bill kWh + recognised renewable self-use [kWh].
    deductions : dict of str to Quantity
        Each deducted kind (keys of :data:`ANNUAL_DEDUCTIONS`) [kWh].
    """

    actual: Quantity
    deductions: dict[str, Quantity]

    @property
    def total_deductions(self) -> Quantity:
        """Σ deductions (C of the rate formula) [kWh]."""
        return Q_(sum(q.m_as(_KWH) for q in self.deductions.values()), _KWH)

    @property
    def net(self) -> Quantity:
        """Actual use minus deductions [kWh]."""
        return Q_(self.actual.m_as(_KWH) - self.total_deductions.m_as(_KWH), _KWH)


def _scalar_kwh(value: object, name: str) -> float:
    """One non-negative amount of electricity [kWh] as a float (the forms' one-number fields)."""
    return scalar_magnitude(value, _KWH, name)


def _deductions(deductions: Mapping[str, Quantity] | None, kinds: Mapping[str, str], name: str) -> dict[str, Quantity]:
    out: dict[str, Quantity] = {}
    if deductions is not None and not isinstance(deductions, Mapping):
        raise InvalidValueError(
            f"{name} must be a mapping of kind to Quantity ({{'new_buildings': Q_(5e4, 'kWh')}}), "
            f"got {type(deductions).__name__} {_shown(deductions)}"
        )
    for kind, q in (deductions or {}).items():
        if kind not in kinds:
            close = difflib.get_close_matches(kind, list(kinds), n=1) if isinstance(kind, str) else []
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise DeclarationError(f"{name}: unknown kind {_shown(kind)}{hint}; the form lists {', '.join(kinds)}")
        out[kind] = Q_(_scalar_kwh(q, f"{name}[{kind!r}]"), _KWH)
    return out


def annual_electricity_use(
    bills: Sequence[Quantity] | Quantity,
    renewable_self_use: Quantity | None = None,
    deductions: Mapping[str, Quantity] | None = None,
) -> AnnualUse:
    """The year's actual electricity use and its deductions (non-production-form-2025 表十之四).

    Parameters
    ----------
    bills : sequence of 12 Quantity or array Quantity of 12
        Monthly bill consumption, January to December [kWh, 度].
    renewable_self_use : Quantity, optional
        Recognised renewable self-use of 表十之三(二) [kWh], added to the bills.
    deductions : mapping of kind to Quantity, optional
        Deductible use by kind (:data:`ANNUAL_DEDUCTIONS`) [kWh].

    Returns
    -------
    AnnualUse
        The actual use (B of the rate formula) and the deductions (C) [kWh].

    Raises
    ------
    UnitsError
        If a value is a bare number or not an energy.
    InvalidValueError
        If there are not 12 monthly values (a bill that is an array, or a 2-D array: the message
        gives ``bills[i]`` or the shape), a value is negative or not finite, the deductions
        exceed the actual use, or *deductions* is not a mapping.
    DeclarationError
        For a deduction kind the form does not list (the message names the nearest kind).

    Examples
    --------
    >>> from carbonaudit import Q_, savings
    >>> use = savings.annual_electricity_use([Q_(100_000, "kWh")] * 12, Q_(20_000, "kWh"),
    ...                                      {"ev_charging": Q_(5_000, "kWh")})
    >>> use.actual, use.net
    (<Quantity(1220000.0, 'kilowatt_hour')>, <Quantity(1215000.0, 'kilowatt_hour')>)
    """
    from .units import stack

    months, _ = stack(bills, "bills", _KWH)
    if months.size != _MONTHS_PER_YEAR:
        raise InvalidValueError(f"bills must hold the 12 months January to December, got {months.size} values")
    check_amount(months, "bills")
    total = float(months.sum())
    if renewable_self_use is not None:
        total += _scalar_kwh(renewable_self_use, "renewable_self_use")
    ded = _deductions(deductions, ANNUAL_DEDUCTIONS, "deductions")
    result = AnnualUse(Q_(total, _KWH), ded)
    if result.total_deductions.m > total:
        raise InvalidValueError(
            f"deductions ({result.total_deductions.m:,.1f} kWh) must not exceed the actual use ({total:,.1f} kWh)"
        )
    return result


@dataclass(frozen=True)
class PlannedUse(HtmlRepr):
    """Planned electricity use of year N+1 (non-production-form-2025 表十一之四)."""

    value: Quantity
    method: Literal["same", "deduct", "estimate"]
    deductions: dict[str, Quantity]
    note: str = ""


def planned_use(
    actual_use: Quantity | None = None,
    *,
    method: Literal["same", "deduct", "estimate"] = "same",
    deductions: Mapping[str, Quantity] | None = None,
    estimate: Quantity | None = None,
    note: str = "",
) -> PlannedUse:
    """Planned use of year N+1, by one of the three choices of 表十一之四 (non-production-form-2025).

    ``"same"``: N's actual use (沿用 N 年全年實際用電量); ``"deduct"``: N's actual use minus the
    N+1 deductions (:data:`PLANNED_DEDUCTIONS`); ``"estimate"``: another estimate, whose method the
    form asks to explain (*note*).

    Parameters
    ----------
    actual_use : Quantity, optional
        Year N's actual use (表十之四) [kWh]; needed for ``"same"`` and ``"deduct"``, ignored for
        ``"estimate"``.
    method : {"same", "deduct", "estimate"}, default "same"
        Which choice of the form.
    deductions : mapping of kind to Quantity, optional
        N+1 deductions by kind (:data:`PLANNED_DEDUCTIONS`) [kWh]; only with ``"deduct"``.
    estimate : Quantity, optional
        The estimated N+1 use [kWh]; needed for ``"estimate"``.
    note : str, default ""
        How the estimate was made (估算說明, 註9).

    Returns
    -------
    PlannedUse
        The planned use [kWh], with the method, deductions and note.

    Raises
    ------
    InvalidValueError
        For an unknown method, a missing *actual_use* or *estimate*, deductions with ``"same"``,
        deductions exceeding the actual use or not a mapping, or a negative, non-finite or array
        value.
    DeclarationError
        For a deduction kind the form does not list (the message names the nearest kind).
    UnitsError
        If a value is a bare number or not an energy.

    Examples
    --------
    >>> from carbonaudit import Q_, savings
    >>> savings.planned_use(Q_(1e6, "kWh"), method="deduct", deductions={"new_buildings": Q_(5e4, "kWh")}).value
    <Quantity(950000.0, 'kilowatt_hour')>
    """
    if method == "estimate":
        if estimate is None:
            raise InvalidValueError("method='estimate' needs estimate= (the N+1 use you estimated)")
        return PlannedUse(Q_(_scalar_kwh(estimate, "estimate"), _KWH), "estimate", {}, note)
    if method not in ("same", "deduct"):
        raise InvalidValueError(f"method must be 'same', 'deduct' or 'estimate', got {method!r}")
    if actual_use is None:
        raise InvalidValueError(f"method={method!r} needs actual_use (year N's actual use)")
    a = _scalar_kwh(actual_use, "actual_use")
    ded = _deductions(deductions, PLANNED_DEDUCTIONS, "deductions") if method == "deduct" else {}
    if method == "same" and deductions:
        raise InvalidValueError("method='same' takes no deductions; use method='deduct'")
    total = sum(q.m for q in ded.values())
    if total > a:
        raise InvalidValueError(f"deductions ({total:,.1f} kWh) must not exceed actual_use ({a:,.1f} kWh)")
    return PlannedUse(Q_(a - total, _KWH), method, ded, note)


# -- the measure model ------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """A savings measure of 表十之一 / 表十一之一: code, energy type, formula lines, completion, money.

    Parameters
    ----------
    code : str
        Measure code of 附錄一 (``"AA06"``), checked against ``data/measure_codes.yaml``. Codes of
        the 107年 system (production-declaration-2018: ``"DE41"``) used other tables: pass ``legacy_code=True`` to check
        only the format.
    energy : str
        Energy type (:data:`ENERGY_TYPES`): its unit fixes the unit every line must be in.
    lines : sequence of Quantity
        The annual (12-month) savings of each formula line, in the energy type's unit (results of
        :func:`efficiency_gain`, :func:`equipment_power`, :func:`before_after`,
        :func:`annual_improvement` with ``months=12``). The recognised-month share is applied by
        :meth:`recognition`, per calendar year; a line already reduced to its recognised months
        would be counted short.
    completed : YearMonth, YearMonthRange or str
        Completion month or period (執行計畫期間); a range uses its end month. As
        :func:`recognition_split` takes it: a float (``106.1``) or an int that is not a month index
        (``2017``) is a :class:`~carbonaudit.errors.PeriodError`.
    name : str
        What the measure is.
    unit_price : Quantity, optional
        Average purchase price per unit of the energy [e.g. TWD/kWh].
    investment : Quantity, optional
        Investment [TWD or kTWD].

    Examples
    --------
    >>> from carbonaudit import Q_, savings
    >>> led = savings.Measure("LG06", "electricity",
    ...                       [savings.annual_improvement(Q_(9504, "kWh"), months=12)],
    ...                       completed="106/8~106/9", name="T5 to LED")
    >>> led.savings()
    <Quantity(9504.0, 'kilowatt_hour')>
    >>> {y: q.m for y, q in led.recognition().items()}
    {2017: 2376.0, 2018: 7128.0}
    """

    code: str
    energy: EnergyType
    lines: Sequence[Quantity]
    completed: Any
    name: str = ""
    unit_price: Quantity | None = None
    investment: Quantity | None = None
    legacy_code: bool = False

    def __post_init__(self) -> None:
        from .measure_codes import _FORMAT, validate_code

        if self.legacy_code:
            if not isinstance(self.code, str) or not _FORMAT.match(self.code.strip().upper()):
                raise DeclarationError(f"measure code {self.code!r} must be two letters and two digits")
        else:
            validate_code(self.code)
        if not isinstance(self.energy, str) or self.energy not in ENERGY_TYPES:
            raise DeclarationError(f"energy must be one of {', '.join(ENERGY_TYPES)}, got {self.energy!r}")
        if not self.lines:
            raise DeclarationError(f"measure {self.code}: lines must not be empty")
        unit = self.unit
        for i, line in enumerate(self.lines):
            q = require_quantity(line, f"lines[{i}]", f"{unit:~}")
            # Electricity may be in any watt-hour unit; a fuel must be in its own unit, so that a
            # natural-gas measure (m³) cannot take a fuel-oil line (kL) of the same dimension.
            same = q.units == unit or (
                self.energy == "electricity" and "watt_hour" in str(q.units) and q.dimensionality == unit.dimensionality
            )
            if not same:
                zh, label = ENERGY_TYPES[self.energy]
                raise UnitsError(
                    f"lines[{i}] is {q:~} but measure {self.code} saves {self.energy} ({zh}), "
                    f"declared in {label}: every line must be in that energy's unit"
                )
            m = checked_magnitude(q, q.units, f"lines[{i}]", allow_negative=True)
            if np.size(m) == 0:
                raise InvalidValueError(
                    f"lines[{i}] of measure {self.code} is an empty array: give the line's annual savings "
                    f"(one value, e.g. Q_(9504, '{unit:~}'))"
                )
        _completion_index(self.completed)

    @property
    def unit(self) -> Unit:
        """The unit of the measure's energy type (kWh for electricity, kL for fuel oil ...)."""
        return parse_unit(ENERGY_TYPES[self.energy][1])

    def savings(self) -> Quantity:
        """Σ of the lines, in the energy type's unit."""
        total: Any = 0.0
        for i, line in enumerate(self.lines):
            total = total + magnitude(line, self.unit, f"lines[{i}]")
        return Q_(total, self.unit)

    def _net_savings(self, what: str) -> Quantity:
        """:meth:`savings`, refused naming the lines if they sum to a negative (nothing to *what*)."""
        total = self.savings()
        if np.any(np.asarray(total.magnitude) < 0):
            raise InvalidValueError(
                f"measure {self.code}: its lines sum to {_shown(total.magnitude)} {total.units:~}, a negative "
                f"saving (the equipment after the change uses more), so there are no savings to {what}; "
                "check the sign of each entry of lines (a saving is before − after)"
            )
        return total

    def recognition(self, months: Any = 12) -> RecognitionSplit:
        """The savings split over calendar years (:func:`recognition_split`).

        Raises
        ------
        InvalidValueError
            If the lines sum to a negative saving, or *months* is outside 0-12 or an empty array.
        """
        return recognition_split(self._net_savings("recognise"), self.completed, months)

    def saving_amount(self) -> Quantity:
        """Money saved [TWD]: savings × unit price (needs *unit_price*).

        Raises
        ------
        InvalidValueError
            If *unit_price* is missing, or the lines sum to a negative saving.
        """
        if self.unit_price is None:
            raise InvalidValueError(f"measure {self.code}: unit_price is needed for the saving amount")
        return saving_amount(self._net_savings("price"), self.unit_price)

    def payback(self) -> Quantity:
        """Simple payback [year] (needs *unit_price* and *investment*)."""
        if self.investment is None:
            raise InvalidValueError(f"measure {self.code}: investment is needed for the payback")
        return simple_payback(self.investment, self.saving_amount())


# -- DataFrames of measures ------------------------------------------------------------------

_KWH_UNIT = ureg.Unit("kWh")


def _frame_months(df: Any, months: Any) -> Any:
    """*months* of :func:`frame` given as values: one for every row, or one per row in order."""
    pd = require("pandas", "savings.frame")

    if _is_real(months):
        return months  # checked by recognition_split
    if isinstance(months, pd.Series):
        if not months.index.equals(df.index):
            raise InvalidValueError(
                "months is a Series whose index is not df's, so its values cannot be matched to the rows; "
                "add it to df as a column and pass its name (months='months'), or pass months.to_numpy() "
                "for one value per row in df's order"
            )
        months = months.to_numpy()
    n = _months(months)
    if np.ndim(n) != 0 and np.shape(n) != (len(df),):
        raise InvalidValueError(
            f"months must be one number for every measure or one per row of df ({len(df)} of them), got an array "
            f"of shape {np.shape(n)}; or name a column of df holding each measure's months (months='months')"
        )
    return n


def frame(
    df: Any,
    *,
    annual: str = "annual_savings",
    unit: str = "unit",
    completed: str = "completed",
    months: int | float | str = 12,
    unit_price: str | None = None,
    code: str | None = None,
    years: Sequence[int] | None = None,
) -> Any:
    """Savings recognised in each calendar year for a DataFrame of measures, one row per measure.

    The batch form of :func:`carbonaudit.savings.recognition_split` (production-declaration-2018 節能量計算期間;
    non-production-form-2025 表十之一 註4-5) and :func:`carbonaudit.savings.saving_amount` (non-production-form-2025 表十之一
    節能效益金額): a measure's annual savings count from the month after completion for at most 12
    months and are shared between the calendar years that period touches.

    Parameters
    ----------
    df : pandas.DataFrame
        One measure per row.
    annual : str, default "annual_savings"
        Column of annual (12-month) savings, in each row's unit.
    unit : str, default "unit"
        Column of units: an energy, volume or mass (``"kWh"``, ``"度"``, ``"kL"``, ``"m**3"``, ``"kg"``).
    completed : str, default "completed"
        Column of completion months: the forms' ROC text (``"106/8~106/9"`` (the end month counts),
        ``"106/9"``), :class:`~carbonaudit.periods.YearMonth` objects, or datetimes (a time zone's
        datetimes count in their local month). A column of floats is refused: ``pandas.read_csv``
        reads a cell ``106.10`` (October) as the float 106.1, which is January; write ``106/10``
        or read the column as text (``dtype={"completed": str}``).
    months : int, float, str or array, default 12
        Months to recognise (0 to 12): one number for every row, the name of a column holding them
        per row, or an array (or a Series with *df*'s index) of one value per row.
    unit_price : str, optional
        Column of average purchase prices [TWD per the row's unit]; adds ``saving_amount_TWD``.
    code : str, optional
        Column of measure codes, each checked against non-production-form-2025 附錄一.
    years : sequence of int, optional
        The AD years (ints, numpy integers too) to give columns for, whether or not a measure
        reaches them (a year outside gets zeros). Without it, the columns are the years the rows reach, which differ between
        parts of a table: give *years* when the frame is one partition of many (Dask), so that
        every partition has the same columns. A measure recognised in a year not listed is an
        error: its savings would be lost.

    Returns
    -------
    pandas.DataFrame
        *df* with, for every calendar (AD) year any measure reaches, ``recognised_<year>`` (savings
        recognised in that year, in the row's unit) and ``recognised_months_<year>`` (0 to 12);
        ``saving_amount_TWD`` [TWD] when *unit_price* is given.

    Raises
    ------
    InvalidValueError
        For a missing column; a cell of an amount or price that is not a number (a bool, text such
        as ``"12,000"``, an int beyond float range) or is negative, NaN, infinite or above 1e30
        (naming the column, the row and the value); months outside 0-12 (naming the row), an array
        of months whose length is not the number of rows, or a Series of them with another index;
        or a measure recognised in a year not in *years*.
    UnitsError
        For a unit that is not an energy, volume or mass (naming the row).
    PeriodError
        For a completion that is not a month or period (naming the row), a float completion such
        as 106.1 (ambiguous: write ``"106/10"``), or a year of *years* that is not an AD year as
        int (an ROC year such as 106, a float, a str).

    Examples
    --------
    production-declaration-2018's example: 9,504 kWh a year, completed 106/8~106/9, recognised 3 months in 106年 and
    9 in 107年:

    >>> import pandas as pd
    >>> from carbonaudit import savings
    >>> measures = pd.DataFrame({"annual_savings": [9504.0, 1200.0], "unit": ["度", "kL"],
    ...                          "completed": ["106/8~106/9", "106/12"]})
    >>> out = savings.frame(measures)
    >>> out[["recognised_2017", "recognised_2018"]].to_numpy().tolist()
    [[2376.0, 7128.0], [0.0, 1200.0]]
    >>> out["recognised_months_2017"].tolist()
    [3.0, 0.0]
    """
    pd = require("pandas", "savings.frame")

    from . import measure_codes
    from ._batch import numbers, per_distinct, require_columns, row_label

    require_columns(df, annual=annual, unit=unit, completed=completed, unit_price=unit_price, code=code)
    if isinstance(months, str):
        require_columns(df, months=months)
    else:
        months = _frame_months(df, months)
    values = numbers(df, annual, "annual savings")

    def check_unit(label: Any) -> int:
        _amount(Q_(1.0, parse_unit(str(label))), "unit")
        return 0

    per_distinct(df, unit, check_unit)
    if code is not None:
        per_distinct(df, code, lambda c: measure_codes.validate_code(str(c)) and 0)

    column = df[completed]
    if isinstance(column.dtype, pd.DatetimeTZDtype):  # its local month, not the UTC one
        column = column.dt.tz_localize(None)
    if column.dtype.kind == "M":
        try:
            index = _completion_index(column.to_numpy().astype("datetime64[M]"))
        except CarbonAuditError as exc:
            raise exc.within(f"df[{completed!r}] {row_label(df, column.isna().to_numpy())}: ") from exc
    else:

        def month_index(value: Any) -> int:
            if isinstance(value, pd.Period | pd.Timestamp):
                return int(value.year) * 12 + int(value.month) - 1
            # Text, YearMonth, datetime64, a month index; a float (a CSV cell 106.10 read as the
            # float 106.1, i.e. January) is refused, with the fix: "106/10", or read it as text.
            return int(_completion_index(value, "the completion"))

        index = per_distinct(df, completed, month_index)

    n: Any = months
    if isinstance(months, str):
        n = numbers(df, months, "months")
        if (n > 12).any():
            bad = n > 12
            raise InvalidValueError(
                f"df[{months!r}] {row_label(df, bad)}: months must be between 0 and 12, got {float(n[bad][0])!r}"
            )
    shown = None
    if years is not None:
        if isinstance(years, (str, bytes)) or not hasattr(years, "__iter__"):
            raise PeriodError(
                f"years must be a sequence of AD years as int, got {type(years).__name__} {_shown(years)}"
            )
        shown = sorted({_ad_year(y, f"years[{i}]", high=_AD_HIGH + 1) for i, y in enumerate(years)})
    new: dict[str, Any] = {}
    if len(df):
        split = recognition_split(Q_(values, _KWH_UNIT), np.asarray(index, dtype=np.int64), n)
        if shown is not None:
            outside = [y for y in split if y not in shown]
            if outside:
                reached = np.asarray(split.months_in(outside[0])) > 0
                raise InvalidValueError(
                    f"df {row_label(df, reached)}: the measure is recognised in {outside[0]}, which is not in "
                    f"years={shown}; its savings would be lost"
                )
        for year in shown if shown is not None else list(split):
            reaches = year in split
            new[f"recognised_{year}"] = split[year].m if reaches else np.zeros(len(df))
            new[f"recognised_months_{year}"] = split.months_in(year) if reaches else np.zeros(len(df))
    else:  # an empty table (an empty partition): the columns without rows
        for year in shown or []:
            new[f"recognised_{year}"] = np.zeros(0)
            new[f"recognised_months_{year}"] = np.zeros(0)
    if unit_price is not None:
        new["saving_amount_TWD"] = values * numbers(df, unit_price, "unit price")
    added = pd.DataFrame(new, index=df.index)
    return pd.concat([df.drop(columns=[c for c in added.columns if c in df.columns]), added], axis=1)
