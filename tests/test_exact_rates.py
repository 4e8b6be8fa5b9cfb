"""carbonaudit.rates pinned exactly: whole messages, findings, boundaries, units and options.

Complements tests/test_rates.py, tests/test_formulas_rates_chiller.py and
tests/test_formula_properties.py (formulas against production-declaration-2018 表十之三, 表十之五, 表十一之五 and
award-form-2015 附件三). Every number here is worked by hand in the comment beside it; targets are those
of data/factors.yaml rules.saving_targets (104-108年 production-declaration-2018 表十之四: average ≥ 1 %; 114-117年:
801-10,000 kW average ≥ 1 %, over 10,000 kW ≥ 1.5 %, state-owned 1.5 % a year).
"""

from __future__ import annotations

import numpy as np
import pytest

from carbonaudit import Q_, InvalidValueError, PeriodError, UnitsError, rates

OLD_NOTE = "表十之四: 平均年節電率未達1%說明 (average annual saving rate >= 1 %)"
SOE_NOTE = "state-owned enterprises: 1.5 % a year at any capacity"
NEW_TITLE = "114-117年 energy-saving target (announced 114/1/2)"
AMOUNT_UNITS = (
    "[mass] * [length] ** 2 / [time] ** 2 (e.g. kWh) or [length] ** 3 (e.g. l) or [mass] (e.g. kg) or "
    "[oil_equivalent] (e.g. KLOE) or [oil_equivalent] (e.g. LOE) or [oil_equivalent_mass] (e.g. kgOE)"
)
KVARH = "must be real energy (kWh), got h * kvar: reactive energy (kvarh) is not real energy (kWh)"
NEGATIVE = "must be a finite, non-negative number, got -1.0"


def _raises(error, call):  # type: ignore[no-untyped-def]
    """The message of the exception *call* raises, which must be of exactly type *error*."""
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    return str(info.value)


def _target(rate, year=2017, kw=11_381.0, state_owned=False):  # type: ignore[no-untyped-def]
    return rates.meets_target(rate, year=year, contract_capacity=Q_(kw, "kW"), state_owned=state_owned)


# -- annual_saving_rate ------------------------------------------------------------------------------


def test_annual_rate_is_dimensionless_and_converts_use_into_the_savings_unit():
    # 1 MWh saved, 99,000 kWh used: 1,000 / (1,000 + 99,000) = 0.01; deductions 9 MWh: 1,000 / 91,000
    r = rates.annual_saving_rate(Q_(1, "MWh"), Q_(99_000, "kWh"), Q_(9, "MWh"))
    assert r.m == pytest.approx(1 / 91, rel=1e-12)
    assert r.units == Q_(1, "").units
    # savings in kWh, use in MWh: 100 / (100 + 9,900) = 0.01
    assert rates.annual_saving_rate(Q_(100, "kWh"), Q_(9.9, "MWh")).m == pytest.approx(0.01, rel=1e-12)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: rates.annual_saving_rate(1.0, Q_(1, "kWh")),
            UnitsError,
            "savings must be a Quantity of an amount of energy (kWh), got bare float 1.0; "
            "give units, e.g. carbonaudit.Q_(1.0, ...)",
        ),
        (lambda: rates.annual_saving_rate(Q_(1, "kvar*h"), Q_(1, "kWh")), UnitsError, f"savings {KVARH}"),
        (
            lambda: rates.annual_saving_rate(Q_(1, "m"), Q_(1, "kWh")),
            UnitsError,
            f"savings must be in a unit of {AMOUNT_UNITS}, got m which is [length]",
        ),
        (lambda: rates.annual_saving_rate(Q_(-1, "kWh"), Q_(1, "kWh")), InvalidValueError, f"savings {NEGATIVE}"),
        (lambda: rates.annual_saving_rate(Q_(1, "kWh"), Q_(-1, "kWh")), InvalidValueError, f"use {NEGATIVE}"),
        (
            lambda: rates.annual_saving_rate(Q_(1, "kWh"), Q_(10, "kWh"), Q_(-1, "kWh")),
            InvalidValueError,
            f"deductions {NEGATIVE}",
        ),
        (
            lambda: rates.annual_saving_rate(Q_(1, "kWh"), Q_(10, "kWh"), Q_(11, "kWh")),
            InvalidValueError,
            "deductions (11.0) must not exceed use (10.0)",
        ),
        (
            lambda: rates.annual_saving_rate(Q_([1, 2], "kWh"), Q_([10, 20, 30], "kWh")),
            InvalidValueError,
            "array arguments must have matching lengths (or be scalars), got savings (2,), use (3,)",
        ),
        (
            lambda: rates.annual_saving_rate(Q_([1, 2], "kWh"), Q_([10, 20], "kWh"), Q_([1, 2, 3], "kWh")),
            InvalidValueError,
            "array arguments must have matching lengths (or be scalars), got savings (2,), use (2,), deductions (3,)",
        ),
        (
            lambda: rates.annual_saving_rate(Q_(0, "kWh"), Q_(0, "kWh")),
            InvalidValueError,
            "savings + use - deductions must be positive for a rate, got 0.0",
        ),
    ],
)
def test_annual_rate_refusals(call, error, message):  # type: ignore[no-untyped-def]
    assert _raises(error, call) == message


def test_net_use_refuses_deductions_just_above_use_and_keeps_them_equal():
    # D = B: net use 0, R = A / A = 1; D one float above B: refused
    assert rates.annual_saving_rate(Q_(5.0, "kWh"), Q_(10.0, "kWh"), Q_(10.0, "kWh")).m == 1.0
    over = float(np.nextafter(10.0, np.inf))
    message = _raises(
        InvalidValueError, lambda: rates.annual_saving_rate(Q_(5.0, "kWh"), Q_(10.0, "kWh"), Q_(over, "kWh"))
    )
    assert message == f"deductions ({over!r}) must not exceed use (10.0)"


# -- average_saving_rate / cumulative_saving_rates ---------------------------------------------------


def test_series_convert_use_and_deductions_into_the_first_savings_unit():
    # savings 1 MWh and 1,000 kWh (MWh first): use 99 MWh and 99,000 kWh; deductions 9,000 kWh and 0
    #   R_1 = 1 / (1 + 99 - 9) = 1/91; R_2 = 2 / (2 + 90 + 99) = 2/191
    s = [Q_(1, "MWh"), Q_(1_000, "kWh")]
    b = [Q_(99_000, "kWh"), Q_(99, "MWh")]
    d = [Q_(9_000, "kWh"), Q_(0, "MWh")]
    np.testing.assert_allclose(rates.cumulative_saving_rates(s, b, d).m, [1 / 91, 2 / 191], rtol=1e-12)
    avg = rates.average_saving_rate(s, b, d)
    assert avg.m == pytest.approx(2 / 191, rel=1e-12)
    assert avg.units == Q_(1, "").units
    assert type(avg.m) is float


@pytest.mark.parametrize("fn", [rates.average_saving_rate, rates.cumulative_saving_rates])
@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((Q_([1, 2], "kvar*h"), Q_([1, 2], "kWh")), UnitsError, f"savings {KVARH}"),
        (([Q_(1, "kvar*h")], [Q_(1, "kWh")]), UnitsError, f"savings[0] {KVARH}"),
        (
            (Q_([1.0], "m"), Q_([1.0], "kWh")),
            UnitsError,
            f"savings must be in a unit of {AMOUNT_UNITS}, got m which is [length]",
        ),
        (
            ([Q_(1, "kWh")], [Q_(1, "kWh"), Q_(2, "kWh")]),
            InvalidValueError,
            "savings and use must have the same number of years, got 1 and 2",
        ),
        ((Q_([1.0, -1.0], "kWh"), Q_([1.0, 2.0], "kWh")), InvalidValueError, f"savings[1] {NEGATIVE}"),
        ((Q_([1.0, 1.0], "kWh"), Q_([1.0, -1.0], "kWh")), InvalidValueError, f"use[1] {NEGATIVE}"),
        (
            (Q_([1.0, 1.0], "kWh"), Q_([1.0, 2.0], "kWh"), Q_([1.0], "kWh")),
            InvalidValueError,
            "deductions must have one value per year (2), got 1",
        ),
        (
            (Q_([1.0, 1.0], "kWh"), Q_([1.0, 2.0], "kWh"), Q_([1.0, -1.0], "kWh")),
            InvalidValueError,
            f"deductions[1] {NEGATIVE}",
        ),
        (
            ([Q_(1, "kWh")], [Q_(10, "kWh")], [Q_(1, "kvar*h")]),
            UnitsError,
            "deductions[0] must be real energy (kWh), got 1 h * kvar: reactive energy (kvarh) is not real energy (kWh)",
        ),
        (
            (Q_([1.0], "kWh"), Q_([10.0], "kWh"), Q_([11.0], "kWh")),
            InvalidValueError,
            "deductions (array([11.])) must not exceed use (array([10.]))",
        ),
        (([Q_(1, "kWh")], []), InvalidValueError, "use must not be empty"),
    ],
)
def test_series_refusals(fn, args, error, message):  # type: ignore[no-untyped-def]
    assert _raises(error, lambda: fn(*args)) == message


def test_zero_denominators_of_the_series_show_the_sums():
    message = _raises(
        InvalidValueError, lambda: rates.average_saving_rate(Q_([0.0, 0.0], "kWh"), Q_([0.0, 0.0], "kWh"))
    )
    assert message == "savings + use over the years must be positive for a rate, got 0.0"
    # first year empty, second 2 + 2: the cumulative sums are 0 and 4
    message = _raises(
        InvalidValueError, lambda: rates.cumulative_saving_rates(Q_([0.0, 2.0], "kWh"), Q_([0.0, 2.0], "kWh"))
    )
    assert message == "savings + use over the years must be positive for a rate, got array([0., 4.])"


def test_cumulative_rates_of_one_year_and_with_a_deduction_only_late():
    # one year: 1 / (1 + 3) = 0.25, still an array of one rate
    one = rates.cumulative_saving_rates([Q_(1, "kWh")], [Q_(3, "kWh")])
    assert one.m.tolist() == [0.25]
    assert one.units == Q_(1, "").units
    # S = 1, 1; B = 3, 5; D = 0, 4: R_1 = 1/4, R_2 = 2 / (2 + 3 + 1) = 1/3
    r = rates.cumulative_saving_rates(Q_([1.0, 1.0], "kWh"), Q_([3.0, 5.0], "kWh"), Q_([0.0, 4.0], "kWh"))
    np.testing.assert_allclose(r.m, [0.25, 1 / 3], rtol=1e-12)


# -- planned_saving_rate / implementation_rate -----------------------------------------------------


def test_planned_and_implementation_rates_convert_into_the_first_unit():
    # SP 1 MWh, CP 99,000 kWh: 1,000 / 100,000 = 0.01; S 1,500 kWh of SP 1 MWh: 1.5
    rp = rates.planned_saving_rate(Q_(1, "MWh"), Q_(99_000, "kWh"))
    assert rp.m == pytest.approx(0.01, rel=1e-12) and rp.units == Q_(1, "").units
    ri = rates.implementation_rate(Q_(1_500, "kWh"), Q_(1, "MWh"))
    assert ri.m == pytest.approx(1.5, rel=1e-12) and ri.units == Q_(1, "").units


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: rates.planned_saving_rate(2, Q_(1, "kWh")),
            UnitsError,
            "planned_savings must be a Quantity of an amount of energy (kWh), got bare int 2; "
            "give units, e.g. carbonaudit.Q_(2, ...)",
        ),
        (lambda: rates.planned_saving_rate(Q_(1, "kvar*h"), Q_(1, "kWh")), UnitsError, f"planned_savings {KVARH}"),
        (
            lambda: rates.planned_saving_rate(Q_(-1, "kWh"), Q_(1, "kWh")),
            InvalidValueError,
            f"planned_savings {NEGATIVE}",
        ),
        (lambda: rates.planned_saving_rate(Q_(1, "kWh"), Q_(-1, "kWh")), InvalidValueError, f"planned_use {NEGATIVE}"),
        (
            lambda: rates.planned_saving_rate(Q_([1, 2], "kWh"), Q_([1, 2, 3], "kWh")),
            InvalidValueError,
            "array arguments must have matching lengths (or be scalars), got planned_savings (2,), planned_use (3,)",
        ),
        (
            lambda: rates.planned_saving_rate(Q_(0, "kWh"), Q_(0, "kWh")),
            InvalidValueError,
            "planned_savings + planned_use must be positive for a rate, got 0.0",
        ),
        (
            lambda: rates.implementation_rate(1, Q_(1, "kWh")),
            UnitsError,
            "savings must be a Quantity of an amount of energy (kWh), got bare int 1; "
            "give units, e.g. carbonaudit.Q_(1, ...)",
        ),
        (lambda: rates.implementation_rate(Q_(1, "kvar*h"), Q_(1, "kWh")), UnitsError, f"savings {KVARH}"),
        (lambda: rates.implementation_rate(Q_(-1, "kWh"), Q_(1, "kWh")), InvalidValueError, f"savings {NEGATIVE}"),
        (
            lambda: rates.implementation_rate(Q_(1, "kWh"), Q_(-1, "kWh")),
            InvalidValueError,
            f"planned_savings {NEGATIVE}",
        ),
        (
            lambda: rates.implementation_rate(Q_([1, 2], "kWh"), Q_([1, 2, 3], "kWh")),
            InvalidValueError,
            "array arguments must have matching lengths (or be scalars), got savings (2,), planned_savings (3,)",
        ),
        (
            lambda: rates.implementation_rate(Q_(1, "kWh"), Q_(0, "kWh")),
            InvalidValueError,
            "planned_savings must be positive for a rate, got 0.0",
        ),
    ],
)
def test_planned_and_implementation_refusals(call, error, message):  # type: ignore[no-untyped-def]
    assert _raises(error, call) == message


# -- year_over_year / summer_comparison -------------------------------------------------------------


def test_year_over_year_keeps_this_years_unit_and_mixes_scalars_and_arrays():
    # A = 0.95 MWh, B = 1,000 kWh = 1 MWh: C = 0.05 MWh, F = 5 %
    r = rates.year_over_year(Q_(0.95, "MWh"), Q_(1_000, "kWh"))
    assert r.saving.units == Q_(1, "MWh").units and r.saving.m == pytest.approx(0.05, rel=1e-12)
    assert type(r.saving.m) is float
    assert r.share.units == Q_(1, "").units and r.share.m == pytest.approx(0.05, rel=1e-12)
    # A an array, B one value 4: C = 3, 2 and F = 3/4, 2/4
    arr = rates.year_over_year(Q_([1.0, 2.0], "kWh"), Q_(4.0, "kWh"))
    assert arr.saving.m.tolist() == [3.0, 2.0] and arr.share.m.tolist() == [0.75, 0.5]
    # A one value 3, B an array 1, 2: C = -2, -1 and F = -2/1, -1/2
    back = rates.year_over_year(Q_(3.0, "kWh"), Q_([1.0, 2.0], "kWh"))
    assert back.saving.m.tolist() == [-2.0, -1.0] and back.share.m.tolist() == [-2.0, -0.5]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: rates.year_over_year(1, Q_(1, "kWh")),
            UnitsError,
            "this_year must be a Quantity of an amount of energy (kWh), got bare int 1; "
            "give units, e.g. carbonaudit.Q_(1, ...)",
        ),
        (lambda: rates.year_over_year(Q_(1, "kvar*h"), Q_(1, "kWh")), UnitsError, f"this_year {KVARH}"),
        (lambda: rates.year_over_year(Q_(-1, "kWh"), Q_(1, "kWh")), InvalidValueError, f"this_year {NEGATIVE}"),
        (lambda: rates.year_over_year(Q_(1, "kWh"), Q_(-1, "kWh")), InvalidValueError, f"last_year {NEGATIVE}"),
        (
            lambda: rates.year_over_year(Q_([1, 2], "kWh"), Q_([1, 2, 3], "kWh")),
            InvalidValueError,
            "array arguments must have matching lengths (or be scalars), got this_year (2,), last_year (3,)",
        ),
        (
            lambda: rates.year_over_year(Q_(1, "kWh"), Q_(0, "kWh")),
            InvalidValueError,
            "last_year must be positive for a rate, got 0.0",
        ),
    ],
)
def test_year_over_year_refusals(call, error, message):  # type: ignore[no-untyped-def]
    assert _raises(error, call) == message


M12 = Q_([100.0] * 12, "kWh")


def test_summer_comparison_keeps_this_years_unit():
    # this year 1 MWh a month: summer 4 MWh; last year 100 kWh a month: summer 0.4 MWh
    # saving = 0.4 - 4 = -3.6 MWh, share = -3.6 / 0.4 = -9
    r = rates.summer_comparison(Q_([1.0] * 12, "MWh"), M12)
    assert r.saving.units == Q_(1, "MWh").units and r.saving.m == pytest.approx(-3.6, rel=1e-12)
    assert r.share.m == pytest.approx(-9.0, rel=1e-12)
    # as lists of Quantities: summer 4 x 90 against 4 x 100: saving 40 kWh, share 10 %
    this = [Q_(90.0 if 6 <= m <= 9 else 500.0, "kWh") for m in range(1, 13)]
    s = rates.summer_comparison(this, list(M12))
    assert s.saving.m == pytest.approx(40.0, rel=1e-12) and s.share.m == pytest.approx(0.1, rel=1e-12)


@pytest.mark.parametrize(
    ("this", "last", "error", "message"),
    [
        (
            Q_([1.0] * 11, "kWh"),
            M12,
            InvalidValueError,
            "this_year_monthly must hold 12 months January to December, got 11 values",
        ),
        (
            M12,
            Q_([1.0] * 13, "kWh"),
            InvalidValueError,
            "last_year_monthly must hold 12 months January to December, got 13 values",
        ),
        (Q_([1.0] * 12, "kvar*h"), M12, UnitsError, f"this_year_monthly {KVARH}"),
        ([Q_(1.0, "kvar*h")] * 12, M12, UnitsError, f"this_year_monthly[0] {KVARH}"),
        (
            M12,
            [Q_(1.0, "kWh")] * 11 + [Q_(1, "L")],
            UnitsError,
            "last_year_monthly[11] must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to "
            "kWh), got 1 l which is [length] ** 3",
        ),
        # a negative March is refused as much as a negative July
        (Q_([1.0, 1.0, -1.0] + [1.0] * 9, "kWh"), M12, InvalidValueError, f"this_year_monthly[2] {NEGATIVE}"),
        (M12, Q_([1.0, 1.0, -1.0] + [1.0] * 9, "kWh"), InvalidValueError, f"last_year_monthly[2] {NEGATIVE}"),
        (
            M12,
            Q_([[100.0] * 12], "kWh"),
            InvalidValueError,
            "last_year_monthly must be a series (a 1-D array Quantity), got an array of shape (1, 12)",
        ),
    ],
)
def test_summer_comparison_refusals(this, last, error, message):  # type: ignore[no-untyped-def]
    assert _raises(error, lambda: rates.summer_comparison(this, last)) == message


# -- meets_target: refusals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "error", "message"),
    [
        (
            "0.01",
            UnitsError,
            "rate must be a fraction (0.125) or a percent Quantity (Q_(12.5, 'percent')), got str '0.01'",
        ),
        (np.array([0.01, 0.02]), InvalidValueError, "rate must be one rate, got an array of shape (2,)"),
        (-0.01, InvalidValueError, "rate must be a finite, non-negative number, got -0.01"),
        (float("nan"), InvalidValueError, "rate must be a finite, non-negative number, got nan"),
        (
            1.0,
            InvalidValueError,
            "rate must be a fraction below 1 (0.0094 for 0.94 %, or Q_(0.94, 'percent')), got 1.0: "
            "no saving reaches 100 %",
        ),
        (
            Q_(100, "percent"),
            InvalidValueError,
            "rate must be a fraction below 1 (0.0094 for 0.94 %, or Q_(0.94, 'percent')), got 1.0: "
            "no saving reaches 100 %",
        ),
    ],
)
def test_meets_target_refuses_bad_rates(rate, error, message):  # type: ignore[no-untyped-def]
    assert _raises(error, lambda: _target(rate)) == message


def test_a_rate_just_below_one_is_implausible_not_refused():
    just_below = float(np.nextafter(1.0, 0.0))
    assert _target(just_below).code == "rates.implausible_rate"


@pytest.mark.parametrize(
    ("capacity", "error", "message"),
    [
        (Q_(-1, "kW"), InvalidValueError, "contract_capacity must be a finite, non-negative number, got -1.0"),
        (
            Q_(1, "kWh"),
            UnitsError,
            "contract_capacity must be a Quantity of [mass] * [length] ** 2 / [time] ** 3 (convertible to kW), "
            "got 1 kWh which is [mass] * [length] ** 2 / [time] ** 2",
        ),
    ],
)
def test_meets_target_refuses_bad_capacities(capacity, error, message):  # type: ignore[no-untyped-def]
    assert _raises(error, lambda: rates.meets_target(0.01, year=2017, contract_capacity=capacity)) == message


def test_meets_target_refuses_a_year_not_ad_naming_year():
    message = _raises(PeriodError, lambda: _target(0.01, year=2017.0))
    assert message == (
        "year must be an AD year as int 1912-2211, got float 2017.0; a float is not taken as a year: "
        "pass int(2017.0) (e.g. of a float column)"
    )


# -- meets_target: the findings, whole -------------------------------------------------------------


def test_target_met_finding():
    # 106年 (2017), 11,381 kW: 1.23456 % against the 1 % of 104-108年
    f = _target(0.0123456)
    assert (f.code, f.severity, f.path) == ("rates.target_met", "info", "rate")
    assert f.message == f"average annual saving rate 1.2346% meets the target 1.00% of rule tw-104-108 ({OLD_NOTE})"
    assert f.context == {
        "rule": "tw-104-108",
        "target": 0.01,
        "rate": 0.0123456,
        "basis": "average",
        "source": "production-declaration-2018",
    }
    assert f.message_zh == "平均年節電率 1.2346% 達成規定 tw-104-108 之目標 1.00%"


def test_target_missed_finding():
    # production-declaration-2018 表十之五: R106 0.94 % < 1 %
    f = _target(0.0094)
    assert (f.code, f.severity, f.path) == ("rates.target_missed", "warning", "rate")
    assert f.message == (
        f"average annual saving rate 0.9400% is below the target 1.00% of rule tw-104-108 ({OLD_NOTE}); "
        "the form asks for the reasons"
    )
    assert f.context == {
        "rule": "tw-104-108",
        "target": 0.01,
        "rate": 0.0094,
        "basis": "average",
        "source": "production-declaration-2018",
    }


def test_state_owned_findings_are_about_the_annual_rate():
    # 114-117年 state-owned: 1.5 % a year; 1.6 % meets it, 1.49 % misses it
    met = _target(0.016, year=2026, kw=100.0, state_owned=True)
    assert met.code == "rates.target_met"
    assert met.message == f"annual saving rate 1.6000% meets the target 1.50% of rule tw-114-117 ({SOE_NOTE})"
    assert met.context == {
        "rule": "tw-114-117",
        "target": 0.015,
        "rate": 0.016,
        "basis": "annual",
        "source": "tw-target-114",
    }
    missed = _target(0.0149, year=2026, kw=100.0, state_owned=True)
    assert missed.message == (
        f"annual saving rate 1.4900% is below the target 1.50% of rule tw-114-117 ({SOE_NOTE}); "
        "the form asks for the reasons"
    )


def test_no_target_rule_finding():
    # 111年 (2022) is between the two rule periods; a numpy year is a year like an int
    f = _target(0.01, year=np.int64(2022))
    assert (f.code, f.severity, f.path) == ("rates.no_target_rule", "info", "rate")
    assert f.message == "no saving-target rule in the data covers 2022; nothing to compare"
    assert f.context == {"year": 2022} and type(f.context["year"]) is int
    assert f.message_zh == "資料中無涵蓋 2022 年之節電目標規定，不予比較"


def test_not_regulated_finding():
    # 700 kW in 2026: at most 800 kW, not state-owned
    f = _target(0.01, year=2026, kw=700.0)
    assert (f.code, f.severity, f.path) == ("rates.not_regulated", "info", "contract_capacity")
    assert f.message == f"rule tw-114-117 ({NEW_TITLE}) sets no target for a contract capacity of 700 kW"
    assert f.context == {"rule": "tw-114-117"}


def _implausible_text(basis: str, pct: str, r: str, r100: str, about: str) -> tuple[str, str]:
    return (
        f"{basis} {pct} is implausible (the forms' saving rates are a few percent{about}), so it is not compared "
        f"with a target: check the savings and use it comes from, or whether a percentage was given as a number "
        f"({r} % is {r100} or Q_({r}, 'percent'))",
        f"節電率 {pct} 不合理 (節電率通常只有幾個百分點), 未與目標比較: 請檢查節電量與用電量, "
        f"或是否將百分比當成數字輸入 ({r} % 應為 {r100})",
    )


def test_implausible_without_a_rule():
    # 0.5 given in 2022 (no rule): 50.00 %, most likely 0.5 % = 0.005
    f = _target(0.5, year=2022)
    assert (f.code, f.severity, f.path) == ("rates.implausible_rate", "warning", "rate")
    assert (f.message, f.message_zh) == _implausible_text("saving rate", "50.00%", "0.5", "0.005", "")
    assert f.context == {"year": 2022, "rate": 0.5, "implausible_from": 0.1}


def test_implausible_without_a_tier():
    # 0.1 in 2026 at 700 kW: rule tw-114-117 has no tier for it
    f = _target(0.1, year=2026, kw=700.0)
    assert (f.code, f.severity, f.path) == ("rates.implausible_rate", "warning", "rate")
    about = "; rule tw-114-117 sets no target for 700 kW"
    assert (f.message, f.message_zh) == _implausible_text("saving rate", "10.00%", "0.1", "0.001", about)
    assert f.context == {"rule": "tw-114-117", "rate": 0.1, "implausible_from": 0.1}


def test_implausible_with_a_tier_names_the_basis_and_the_target():
    f = _target(0.1, year=2026, kw=5_000.0)
    about = "; the target of rule tw-114-117 is 1.00%"
    expected = _implausible_text("average annual saving rate", "10.00%", "0.1", "0.001", about)
    assert (f.code, f.severity, f.path) == ("rates.implausible_rate", "warning", "rate")
    assert (f.message, f.message_zh) == expected
    assert f.context == {
        "rule": "tw-114-117",
        "target": 0.01,
        "rate": 0.1,
        "basis": "average",
        "source": "tw-target-114",
        "meets": True,
        "implausible_from": 0.1,
    }
    soe = _target(0.2, year=2026, kw=100.0, state_owned=True)
    about = "; the target of rule tw-114-117 is 1.50%"
    assert (soe.message, soe.message_zh) == _implausible_text("annual saving rate", "20.00%", "0.2", "0.002", about)
    assert soe.context["basis"] == "annual" and soe.context["meets"] is True


def test_state_owned_default_is_false():
    # 100 kW in 2026: not regulated unless state_owned=True is given
    assert rates.meets_target(0.02, year=2026, contract_capacity=Q_(100, "kW")).code == "rates.not_regulated"


# -- meets_target with rules that are other data (the targets are data, in any order) ----------------


@pytest.fixture
def fake_rules(monkeypatch):  # type: ignore[no-untyped-def]
    """Install rules() = the shipped rules with tw-114-117's tiers replaced by ``make_tiers(tiers)``."""
    import carbonaudit.factors as factors

    real = factors.rules()

    def install(make_tiers, title=None):  # type: ignore[no-untyped-def]
        old, new = real.saving_targets
        changes = {"tiers": tuple(make_tiers(new.tiers))}
        if title is not None:
            changes["title"] = title
        fake = real.model_copy(update={"saving_targets": (old, new.model_copy(update=changes))})
        monkeypatch.setattr(factors, "rules", lambda: fake)

    return install


def test_tier_order_does_not_matter_state_owned_first(fake_rules):
    # the state-owned tier listed first: a 5,000 kW user that is not state-owned still gets 1 %
    fake_rules(lambda tiers: (tiers[2], tiers[0], tiers[1]))
    f = _target(0.012, year=2026, kw=5_000.0)
    assert f.code == "rates.target_met" and f.context["target"] == 0.01
    big = _target(0.012, year=2026, kw=20_000.0)
    assert big.code == "rates.target_missed" and big.context["target"] == 0.015
    assert _target(0.012, year=2026, kw=5_000.0, state_owned=True).context["target"] == 0.015


def test_a_tier_without_a_note_is_named_by_the_rule_title(fake_rules):
    def no_note(tiers):  # type: ignore[no-untyped-def]
        t = tiers[0]
        return (t.model_copy(update={"target": t.target.model_copy(update={"note": None})}), *tiers[1:])

    fake_rules(no_note)
    f = _target(0.012, year=2026, kw=5_000.0)
    assert f.message == f"average annual saving rate 1.2000% meets the target 1.00% of rule tw-114-117 ({NEW_TITLE})"


def test_implausible_rate_says_whether_it_meets_a_high_target(fake_rules):
    # a (made-up) target of 20 %: 10 % would not meet it, 20 % would (at the target counts as met)
    def high(tiers):  # type: ignore[no-untyped-def]
        t = tiers[0]
        return (t.model_copy(update={"target": t.target.model_copy(update={"value": 0.2})}), *tiers[1:])

    fake_rules(high)
    assert _target(0.1, year=2026, kw=5_000.0).context["meets"] is False
    assert _target(0.2, year=2026, kw=5_000.0).context["meets"] is True
    assert _target(float(np.nextafter(0.2, 0.0)), year=2026, kw=5_000.0).context["meets"] is False


def test_a_summer_with_no_use_last_year_is_named():
    # the rate divides by last summer's use (表十之三: 6-9月): a zero summer names the months, not "last_year"
    with pytest.raises(InvalidValueError) as info:
        rates.summer_comparison(Q_([1.0] * 12, "kWh"), Q_([5.0] * 5 + [0.0] * 4 + [5.0] * 3, "kWh"))
    assert str(info.value) == (
        "last_year_monthly's summer months (6, 7, 8, 9) must total more than 0 for a rate, got 0"
    )
