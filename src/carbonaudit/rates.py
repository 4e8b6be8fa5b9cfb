"""Saving rates: annual R, average and cumulative R_N, planned RP, implementation RI, year over year.

Formulas of production-declaration-2018 表十之三, 表十之五, 表十一之五 and award-form-2015 附件三:

* annual saving rate ``R = A / (A + B − C)``: A the year's savings, B its actual use, C the
  deductible use;
* average saving rate over years 1..N ``R_N = ΣS / (ΣS + Σ(B − C))``;
* planned saving rate ``RP = SP / (SP + CP)``; implementation rate ``RI = S / SP``;
* year over year: saving ``C = B − A`` and share ``F = C / B`` (A this year, B last year).

Rates are dimensionless Quantities holding fractions; :func:`carbonaudit.format_percent` prints
them as the forms do (0.011944 → "1.19").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pint

from ._display import HtmlRepr
from .errors import Finding, InvalidValueError
from .periods import _ad_year
from .units import (
    Q_,
    Quantity,
    check_amount,
    check_shapes,
    check_unit,
    checked_magnitude,
    require_quantity,
    scalar_magnitude,
    stack,
    ureg,
)

__all__ = [
    "YearOverYear",
    "annual_saving_rate",
    "average_saving_rate",
    "cumulative_saving_rates",
    "implementation_rate",
    "meets_target",
    "planned_saving_rate",
    "summer_comparison",
    "year_over_year",
]

# What the rates' energy arguments may be given in: real energy, a fuel's volume or mass, or an oil
# equivalent — never reactive or apparent energy (kvar·h, kVA·h), which pint would let through.
_AMOUNTS = ("kWh", "L", "kg", "KLOE", "LOE", "kgOE")


def _energy_amount(value: object, name: str) -> Quantity:
    """*value* as a Quantity whose own unit is an amount of energy (checked by :func:`check_unit`)."""
    q = require_quantity(value, name, "an amount of energy (kWh)")
    check_unit(q.units, _AMOUNTS, name)
    return q


_ONE = ureg.Unit("dimensionless")

# A saving rate at or above this is taken for a mistake (a percentage given as a number: 0.94 for
# 0.94 %), not compared with the target: the forms' rates are a few percent (production-declaration-2018 表十之五:
# annual rates of 104-106年 0.16-1.42 %, averages R104-R106 0.16-0.94 %) and the targets 1-1.5 %
# (rules.saving_targets).
# 10 % is more than six times the highest target; a real rate that high is still reported, as a
# warning to check, with whether it meets the target in the finding's context.
_IMPLAUSIBLE_RATE = 0.10


def _rate(numerator: Any, denominator: Any, what: str) -> Quantity:
    if np.any(np.asarray(denominator) <= 0):
        raise InvalidValueError(f"{what} must be positive for a rate, got {denominator!r}")
    return Q_(numerator / denominator, _ONE)


def _net_use(use: Any, deductions: Any) -> Any:
    if np.any(np.asarray(deductions) > np.asarray(use)):
        raise InvalidValueError(f"deductions ({deductions!r}) must not exceed use ({use!r})")
    return use - deductions


def annual_saving_rate(savings: Quantity, use: Quantity, deductions: Quantity | None = None) -> Quantity:
    """The year's saving rate ``R = A / (A + B − C)`` (production-declaration-2018 表十之三).

    Parameters
    ----------
    savings : Quantity
        A, the year's recognised savings [kWh]. Scalar or array.
    use : Quantity
        B, the year's actual use [kWh] (表十之四).
    deductions : Quantity, optional
        C, the deductible use [kWh]; default 0.

    Returns
    -------
    Quantity
        Dimensionless fraction.

    Raises
    ------
    UnitsError
        If an input is a bare number or not an energy.
    InvalidValueError
        If an input is negative, NaN or infinite, the array lengths differ, the deductions exceed
        the use, or A + B − C is zero.

    Examples
    --------
    >>> from carbonaudit import Q_, format_percent, rates
    >>> r = rates.annual_saving_rate(Q_(1_120_329.5, "kWh"), Q_(92_677_376, "kWh"))
    >>> format_percent(r)
    '1.19'
    """
    q = _energy_amount(savings, "savings")
    unit = q.units
    a = checked_magnitude(q, unit, "savings")
    b = checked_magnitude(use, unit, "use")
    c = 0.0 if deductions is None else checked_magnitude(deductions, unit, "deductions")
    check_shapes(savings=a, use=b, deductions=c)
    return _rate(a, a + _net_use(b, c), "savings + use - deductions")


def _first_series(values: Any, name: str) -> tuple[Any, Any]:
    """:func:`stack` of the first series of a call, whose unit the others are converted into.

    That unit is checked as an amount of energy (:func:`check_unit`) before any other argument is
    converted into it, so that savings in kvar·h or in metres are named as the fault, not the use.
    """
    s, unit = stack(values, name)
    check_unit(unit, _AMOUNTS, name if isinstance(values, pint.Quantity) else f"{name}[0]")
    return s, unit


def _series(savings: Any, use: Any, deductions: Any) -> tuple[Any, Any]:
    s, unit = _first_series(savings, "savings")
    b, _ = stack(use, "use", unit)
    if s.shape != b.shape:
        raise InvalidValueError(f"savings and use must have the same number of years, got {s.size} and {b.size}")
    check_amount(s, "savings")
    check_amount(b, "use")
    c: Any = 0.0
    if deductions is not None:
        c, _ = stack(deductions, "deductions", unit)
        if c.shape != s.shape:
            raise InvalidValueError(f"deductions must have one value per year ({s.size}), got {c.size}")
        check_amount(c, "deductions")
    return s, _net_use(b, c)


def average_saving_rate(savings: Any, use: Any, deductions: Any = None) -> Quantity:
    """Average saving rate over a run of years, ``R_N = ΣS / (ΣS + Σ(B − C))`` (production-declaration-2018 表十之五).

    Parameters
    ----------
    savings : sequence of Quantity or array Quantity
        Each year's savings S [kWh], from the first year of the rule period to year N.
    use : sequence of Quantity or array Quantity
        Each year's use B [kWh].
    deductions : sequence of Quantity or array Quantity, optional
        Each year's deductions C [kWh].

    Returns
    -------
    Quantity
        Dimensionless fraction.

    Raises
    ------
    UnitsError
        If an element is a bare number or not an energy.
    InvalidValueError
        For an empty run, lengths that differ, negative, NaN or infinite values, deductions above
        use, or a run with neither savings nor use.

    Examples
    --------
    >>> from carbonaudit import Q_, format_percent, rates
    >>> s = Q_([138_166, 1_342_662, 1_120_329.5], "kWh")        # 104-106年
    >>> b = Q_([87_707_922, 93_174_776, 92_677_376], "kWh")
    >>> format_percent(rates.average_saving_rate(s, b))
    '0.94'
    """
    s, net = _series(savings, use, deductions)
    total = float(s.sum())
    return _rate(total, total + float(np.sum(net)), "savings + use over the years")


def cumulative_saving_rates(savings: Any, use: Any, deductions: Any = None) -> Quantity:
    """The average saving rate R_N at each year N of a run (production-declaration-2018 表十之五's R104, R105 ...).

    ``R_N = Σ_{1..N} S / (Σ_{1..N} S + Σ_{1..N} (B − C))`` for every N: :func:`average_saving_rate`
    of the first N years (production-declaration-2018 表十之五).

    Parameters
    ----------
    savings : sequence of Quantity or array Quantity
        Each year's savings S [kWh], from the first year of the rule period.
    use : sequence of Quantity or array Quantity
        Each year's use B [kWh].
    deductions : sequence of Quantity or array Quantity, optional
        Each year's deductions C [kWh]; default none.

    Returns
    -------
    Quantity
        Dimensionless array of fractions, one rate per year.

    Raises
    ------
    UnitsError
        If an element is a bare number or not an energy.
    InvalidValueError
        For an empty run, lengths that differ, negative, NaN or infinite values, deductions above
        use, or a first year with neither savings nor use net of deductions.

    Examples
    --------
    >>> from carbonaudit import Q_, format_percent, rates
    >>> s = Q_([138_166, 1_342_662, 1_120_329.5], "kWh")
    >>> b = Q_([87_707_922, 93_174_776, 92_677_376], "kWh")
    >>> [format_percent(r) for r in rates.cumulative_saving_rates(s, b)]
    ['0.16', '0.81', '0.94']
    """
    s, net = _series(savings, use, deductions)
    cum_s = np.cumsum(s)
    return _rate(cum_s, cum_s + np.cumsum(np.broadcast_to(net, s.shape)), "savings + use over the years")


def planned_saving_rate(planned_savings: Quantity, planned_use: Quantity) -> Quantity:
    """Planned saving rate ``RP = SP / (SP + CP)`` (production-declaration-2018 表十一之五).

    Parameters
    ----------
    planned_savings : Quantity
        SP, the year's planned savings [kWh] (表十一之一). Scalar or array (one per year).
    planned_use : Quantity
        CP, the year's planned use [kWh] (表十一之四).

    Returns
    -------
    Quantity
        Dimensionless fraction, scalar or array like the inputs.

    Raises
    ------
    UnitsError
        If an input is a bare number or not an energy.
    InvalidValueError
        If an input is negative, NaN or infinite, the array lengths differ, or SP + CP is zero.

    Examples
    --------
    >>> from carbonaudit import Q_, format_percent, rates
    >>> format_percent(rates.planned_saving_rate(Q_(67_440, "kWh"), Q_(6_583_631, "kWh")))
    '1.01'
    >>> sp = Q_([67_440, 1_033_728, 1_024_399, 613_200], "kWh")               # 104-107年
    >>> cp = Q_([6_583_631, 87_707_903, 92_954_775, 60_677_376], "kWh")
    >>> [format_percent(r) for r in rates.planned_saving_rate(sp, cp)]
    ['1.01', '1.16', '1.09', '1.00']
    """
    q = _energy_amount(planned_savings, "planned_savings")
    sp = checked_magnitude(q, q.units, "planned_savings")
    cp = checked_magnitude(planned_use, q.units, "planned_use")
    check_shapes(planned_savings=sp, planned_use=cp)
    return _rate(sp, sp + cp, "planned_savings + planned_use")


def implementation_rate(savings: Quantity, planned_savings: Quantity) -> Quantity:
    """Implementation rate ``RI = S / SP`` (production-declaration-2018 表十一之五 實際落實率); may exceed 1.

    Parameters
    ----------
    savings : Quantity
        S, the year's actual savings [kWh] (表十之一). Scalar or array (one per year).
    planned_savings : Quantity
        SP, the savings planned for that year [kWh] (表十一之一).

    Returns
    -------
    Quantity
        Dimensionless fraction (2.0487 for 204.87 %), scalar or array like the inputs.

    Raises
    ------
    UnitsError
        If an input is a bare number or not an energy.
    InvalidValueError
        If an input is negative, NaN or infinite, the array lengths differ, or SP is zero.

    Examples
    --------
    >>> from carbonaudit import Q_, format_percent, rates
    >>> format_percent(rates.implementation_rate(Q_(138_166, "kWh"), Q_(67_440, "kWh")))
    '204.87'
    >>> s = Q_([138_166, 1_342_662, 1_120_329.5], "kWh")                     # RI104-RI106
    >>> sp = Q_([67_440, 1_033_728, 1_024_399], "kWh")
    >>> [format_percent(r) for r in rates.implementation_rate(s, sp)]
    ['204.87', '129.89', '109.36']
    """
    q = _energy_amount(savings, "savings")
    s = checked_magnitude(q, q.units, "savings")
    sp = checked_magnitude(planned_savings, q.units, "planned_savings")
    check_shapes(savings=s, planned_savings=sp)
    return _rate(s, sp, "planned_savings")


@dataclass(frozen=True)
class YearOverYear(HtmlRepr):
    """Saving against last year (award-form-2015 附件三): ``saving = B − A``, ``share = saving / B``."""

    saving: Quantity
    """C = B − A, in the unit of the inputs (negative when use grew)."""
    share: Quantity
    """F = C / B, a dimensionless fraction."""


def year_over_year(this_year: Quantity, last_year: Quantity) -> YearOverYear:
    """Saving and saving share against last year (award-form-2015 附件三: C = B − A, F = C / B).

    Parameters
    ----------
    this_year : Quantity
        A, this year's use [kWh, MWh, kL, t, m³ ...]. Scalar or array.
    last_year : Quantity
        B, last year's use [same dimension as *this_year*].

    Returns
    -------
    YearOverYear
        ``saving`` C = B − A [the unit of *this_year*; negative when use grew] and ``share``
        F = C / B (dimensionless fraction).

    Raises
    ------
    UnitsError
        If an input is a bare number, or *last_year* is of another dimension.
    InvalidValueError
        If an input is negative, NaN or infinite, the array lengths differ, or B is zero.

    Examples
    --------
    >>> from carbonaudit import Q_, rates
    >>> r = rates.year_over_year(Q_(950, "MWh"), Q_(1000, "MWh"))
    >>> r.saving, r.share
    (<Quantity(50.0, 'megawatt_hour')>, <Quantity(0.05, 'dimensionless')>)
    """
    q = _energy_amount(this_year, "this_year")
    a = checked_magnitude(q, q.units, "this_year")
    b = checked_magnitude(last_year, q.units, "last_year")
    check_shapes(this_year=a, last_year=b)
    c = (
        np.asarray(b, dtype=np.float64) - a
        if isinstance(a, np.ndarray) or isinstance(b, np.ndarray)
        else float(b) - float(a)
    )
    return YearOverYear(Q_(c, q.units), _rate(c, b, "last_year"))


def summer_comparison(this_year_monthly: Any, last_year_monthly: Any) -> YearOverYear:
    """Year over year for the summer months only (award-form-2015 附件三 四、夏季6~9月用電).

    The summer months are data (``rules.summer_months`` of ``factors.yaml``: June to September).

    Parameters
    ----------
    this_year_monthly, last_year_monthly : sequence of 12 Quantity or array Quantity of 12
        Monthly use January to December [kWh].

    Returns
    -------
    YearOverYear
        ``saving`` = Σ summer B − Σ summer A [the unit of *this_year_monthly*] and ``share`` =
        saving ÷ Σ summer B (dimensionless fraction).

    Raises
    ------
    UnitsError
        If a month is a bare number, *this_year_monthly* is not an amount of energy (kvar·h, kVA·h
        or another dimension), or a month of *last_year_monthly* is not of its dimension.
    InvalidValueError
        If a year does not hold 12 months (a 2-D array or an array element included: the message
        gives its shape), a value of any month (not only the summer ones) is negative, NaN,
        infinite or above 1e30, or last summer's use is zero.

    Examples
    --------
    >>> from carbonaudit import Q_, rates
    >>> this = Q_([100.0] * 5 + [180.0, 190.0, 190.0, 180.0] + [100.0] * 3, "kWh")
    >>> last = Q_([100.0] * 5 + [200.0] * 4 + [100.0] * 3, "kWh")
    >>> rates.summer_comparison(this, last).saving
    <Quantity(60.0, 'kilowatt_hour')>
    """
    from .factors import rules

    months = np.asarray(rules().summer_months.months) - 1
    a, unit = _first_series(this_year_monthly, "this_year_monthly")
    b, _ = stack(last_year_monthly, "last_year_monthly", unit)
    for name, values in (("this_year_monthly", a), ("last_year_monthly", b)):
        if values.size != 12:
            raise InvalidValueError(f"{name} must hold 12 months January to December, got {values.size} values")
        # Every month, not only the summer ones: a NaN or negative in March is a wrong table as much.
        check_amount(values, name)
    last_summer = float(b[months].sum())
    if last_summer == 0:
        raise InvalidValueError(
            f"last_year_monthly's summer months ({', '.join(str(int(m) + 1) for m in months)}) must total more "
            "than 0 for a rate, got 0"
        )
    return year_over_year(Q_(float(a[months].sum()), unit), Q_(last_summer, unit))


def _implausible(r: float, context: dict[str, Any], about_target: str, basis: str = "saving rate") -> Finding:
    """The warning for a saving rate of 10 % or more: flagged, never compared with a target."""
    return Finding(
        "rates.implausible_rate",
        "warning",
        "rate",
        f"{basis} {r:.2%} is implausible (the forms' saving rates are a few percent{about_target}), so it is "
        f"not compared with a target: check the savings and use it comes from, or whether a percentage was "
        f"given as a number ({r:g} % is {r / 100:g} or Q_({r:g}, 'percent'))",
        {**context, "implausible_from": _IMPLAUSIBLE_RATE},
        f"節電率 {r:.2%} 不合理 (節電率通常只有幾個百分點), 未與目標比較: 請檢查節電量與用電量, "
        f"或是否將百分比當成數字輸入 ({r:g} % 應為 {r / 100:g})",
    )


def meets_target(rate: Any, *, year: int, contract_capacity: Quantity, state_owned: bool = False) -> Finding:
    """Whether a saving rate meets the target of the rule in force in *year*.

    Targets are data (``rules.saving_targets`` of ``factors.yaml``): 104-108年 average ≥ 1 %;
    114-117年 average ≥ 1 % for 801-10,000 kW, ≥ 1.5 % above 10,000 kW, 1.5 % a year for state-owned
    enterprises (production-declaration-2018 表十之四; tw-target-114).

    Parameters
    ----------
    rate : float or Quantity
        The rate the rule is about [fraction, or percent]: the average annual saving rate (or the
        year's own rate for the state-owned rule; the finding says which basis the rule uses).
        0.0094 or ``Q_(0.94, "percent")`` for 0.94 %; a number is never taken as a percentage. A
        rate of 1 (100 %) or more is refused; a rate of 10 % or more is not compared with the
        target but reported as ``rates.implausible_rate`` (the forms' rates are a few percent:
        0.94 is most likely 0.94 % given as a number).
    year : int
        AD year (a Python or numpy integer, 1912-2211).
    contract_capacity : Quantity
        Contract capacity [kW].
    state_owned : bool, default False
        Whether the user is a state-owned enterprise (the 114-117年 rule's own tier: 1.5 % a year
        at any capacity).

    Returns
    -------
    Finding
        ``rates.target_met`` (info), ``rates.target_missed`` (warning; the forms ask for reasons),
        ``rates.not_regulated`` or ``rates.no_target_rule`` (info), naming the rule and tier; or
        ``rates.implausible_rate`` (warning) for a rate of 10 % or more — whether or not a rule
        sets a target for the year and capacity — whose context says, where there is a target,
        whether it would meet it (``"meets"``).

    Raises
    ------
    UnitsError
        If *rate* is a Quantity with a dimension or not a number, or *contract_capacity* is a bare
        number or not a power.
    InvalidValueError
        If *rate* is an array, negative, NaN, or not below 1 (a percentage given as a number), or
        *contract_capacity* is an array, negative, NaN or infinite.
    PeriodError
        If *year* is not an AD year as int 1912-2211 (a str, a float, a bool; an ROC year such as
        106). numpy integers are years like ints.

    Examples
    --------
    >>> from carbonaudit import Q_, rates
    >>> rates.meets_target(0.0094, year=2017, contract_capacity=Q_(11_381, "kW")).code    # 表十之五: R106 0.94
    'rates.target_missed'
    >>> rates.meets_target(0.94, year=2017, contract_capacity=Q_(11_381, "kW")).code      # 0.94 % as a number
    'rates.implausible_rate'
    """
    from .factors import rules
    from .units import fraction

    f = fraction(rate, "rate")
    if np.ndim(f) != 0:
        raise InvalidValueError(f"rate must be one rate, got an array of shape {np.shape(f)}")
    r = float(f)
    check_amount(r, "rate")
    if r >= 1:
        raise InvalidValueError(
            f"rate must be a fraction below 1 (0.0094 for 0.94 %, or Q_(0.94, 'percent')), got {r!r}: "
            "no saving reaches 100 %"
        )
    cap = scalar_magnitude(contract_capacity, "kW", "contract_capacity")
    year = _ad_year(year, "year")
    rule = next((x for x in rules().saving_targets if x.from_year <= year <= x.to_year), None)
    if r >= _IMPLAUSIBLE_RATE and rule is None:
        return _implausible(r, {"year": year, "rate": r}, "")
    if rule is None:
        return Finding(
            "rates.no_target_rule",
            "info",
            "rate",
            f"no saving-target rule in the data covers {year}; nothing to compare",
            {"year": year},
            message_zh=f"資料中無涵蓋 {year} 年之節電目標規定，不予比較",
        )
    tier = None
    for t in rule.tiers:
        if t.state_owned and state_owned:
            tier = t
            break
    if tier is None:
        for t in rule.tiers:
            if t.state_owned:
                continue
            above = t.min_capacity_kw is None or cap > t.min_capacity_kw
            below = t.max_capacity_kw is None or cap <= t.max_capacity_kw
            if above and below:
                tier = t
                break
    if r >= _IMPLAUSIBLE_RATE and tier is None:
        return _implausible(r, {"rule": rule.id, "rate": r}, f"; rule {rule.id} sets no target for {cap:,.0f} kW")
    if tier is None:
        return Finding(
            "rates.not_regulated",
            "info",
            "contract_capacity",
            f"rule {rule.id} ({rule.title}) sets no target for a contract capacity of {cap:,.0f} kW",
            {"rule": rule.id},
            message_zh=f"規定 {rule.id}（{rule.title}）對契約容量 {cap:,.0f} kW 未訂節電目標",
        )
    target = tier.target.value
    basis = "average annual saving rate" if tier.basis == "average" else "annual saving rate"
    context = {"rule": rule.id, "target": target, "rate": r, "basis": tier.basis, "source": tier.target.source}
    who = tier.target.note or rule.title
    if r >= _IMPLAUSIBLE_RATE:
        return _implausible(
            r, {**context, "meets": r >= target}, f"; the target of rule {rule.id} is {target:.2%}", basis
        )
    if r >= target:
        return Finding(
            "rates.target_met",
            "info",
            "rate",
            f"{basis} {r:.4%} meets the target {target:.2%} of rule {rule.id} ({who})",
            context,
            message_zh=f"{'平均年節電率' if tier.basis == 'average' else '年節電率'} {r:.4%} 達成規定 {rule.id} 之目標 {target:.2%}",
        )
    return Finding(
        "rates.target_missed",
        "warning",
        "rate",
        f"{basis} {r:.4%} is below the target {target:.2%} of rule {rule.id} ({who}); the form asks for the reasons",
        context,
        message_zh=f"{'平均年節電率' if tier.basis == 'average' else '年節電率'} {r:.4%} 未達規定 {rule.id} 之目標 {target:.2%}：表單要求說明原因",
    )
