"""Saving rates R, R_N, RP, RI and year over year (production-declaration-2018 表十之三, 表十之五, 表十一之五; award-form-2015 附件三)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import Q_, InvalidValueError, UnitsError, format_percent, rates

# production-declaration-2018 表十之五: 104-106年
S = [138_166, 1_342_662, 1_120_329.5]
B = [87_707_922, 93_174_776, 92_677_376]
# production-declaration-2018 表十一之五: 104-107年
SP = [67_440, 1_033_728, 1_024_399, 613_200]
CP = [6_583_631, 87_707_903, 92_954_775, 60_677_376]


def test_annual_rate_production_declaration_table10_3():
    # 1,120,329.5 / (1,120,329.5 + 92,677,376 - 0) = 1.1944 % -> "1.19"
    r = rates.annual_saving_rate(Q_(1_120_329.5, "kWh"), Q_(92_677_376, "kWh"), Q_(0, "kWh"))
    assert r.m == pytest.approx(1_120_329.5 / (1_120_329.5 + 92_677_376))
    assert round(r.m * 100, 4) == 1.1944
    assert format_percent(r) == "1.19"


def test_yearly_and_cumulative_rates_production_declaration_table10_5():
    yearly = rates.annual_saving_rate(Q_(np.array(S), "kWh"), Q_(np.array(B), "kWh"))
    assert [format_percent(float(x)) for x in yearly.m] == ["0.16", "1.42", "1.19"]
    cumulative = rates.cumulative_saving_rates([Q_(s, "kWh") for s in S], [Q_(b, "kWh") for b in B])
    assert [format_percent(float(x)) for x in cumulative.m] == ["0.16", "0.81", "0.94"]
    assert format_percent(rates.average_saving_rate(Q_(S, "kWh"), Q_(B, "kWh"))) == "0.94"
    # (138,166 + 1,342,662 + 1,120,329.5) / (that + 87,707,922 + 93,174,776 + 92,677,376)
    assert rates.average_saving_rate(Q_(S, "kWh"), Q_(B, "kWh")).m == pytest.approx(2_601_157.5 / 276_161_231.5)


def test_planned_and_implementation_rates_production_declaration_table11_5():
    rp = rates.planned_saving_rate(Q_(SP, "kWh"), Q_(CP, "kWh"))
    assert [format_percent(float(x)) for x in rp.m] == ["1.01", "1.16", "1.09", "1.00"]
    ri = rates.implementation_rate(Q_(S, "kWh"), Q_(SP[:3], "kWh"))
    assert [format_percent(float(x)) for x in ri.m] == ["204.87", "129.89", "109.36"]


def test_deductions_lower_the_denominator():
    # 100 / (100 + 10,000 - 2,000) = 1.2346 %
    r = rates.annual_saving_rate(Q_(100, "kWh"), Q_(10_000, "kWh"), Q_(2_000, "kWh"))
    assert r.m == pytest.approx(100 / 8_100)
    s = rates.average_saving_rate(Q_([100, 200], "kWh"), Q_([10_000, 10_000], "kWh"), Q_([2_000, 0], "kWh"))
    assert s.m == pytest.approx(300 / (300 + 8_000 + 10_000))
    assert rates.annual_saving_rate(Q_(1, "MWh"), Q_(99_000, "kWh")).m == pytest.approx(0.01)


def test_year_over_year_and_summer_award_form():
    # 附件三: C = B - A, F = C / B; 1,000 -> 950 MWh: C = 50 MWh, F = 5 %
    r = rates.year_over_year(Q_(950, "MWh"), Q_(1000, "MWh"))
    assert r.saving == Q_(50.0, "MWh") and r.share.m == pytest.approx(0.05)
    grew = rates.year_over_year(Q_(1100, "kWh"), Q_(1000, "kWh"))
    assert grew.saving.m == -100 and grew.share.m == pytest.approx(-0.1)
    # summer = June-September: this year 180+190+190+180 = 740, last year 4 x 200 = 800 -> 60, 7.5 %
    this = Q_([100.0] * 5 + [180.0, 190.0, 190.0, 180.0] + [100.0] * 3, "kWh")
    last = Q_([100.0] * 5 + [200.0] * 4 + [100.0] * 3, "kWh")
    summer = rates.summer_comparison(this, last)
    assert summer.saving.m == 60 and summer.share.m == pytest.approx(0.075)


def test_targets_are_data_and_name_their_rule():
    # 106年 (2017), 11,381 kW (production-declaration-2018 基本資料), average 0.94 % < 1 % of the 104-108 rule
    f = rates.meets_target(0.0094, year=2017, contract_capacity=Q_(11_381, "kW"))
    assert f.code == "rates.target_missed" and f.severity == "warning"
    assert f.context["rule"] == "tw-104-108" and f.context["target"] == 0.01
    assert "tw-104-108" in f.message
    # 114-117: 801-10,000 kW -> 1 %; above 10,000 kW -> 1.5 %; state-owned -> 1.5 % a year
    assert rates.meets_target(0.012, year=2025, contract_capacity=Q_(5_000, "kW")).code == "rates.target_met"
    big = rates.meets_target(0.012, year=2025, contract_capacity=Q_(12_000, "kW"))
    assert big.code == "rates.target_missed" and big.context["target"] == 0.015
    soe = rates.meets_target(Q_(1.2, "percent"), year=2026, contract_capacity=Q_(900, "kW"), state_owned=True)
    assert soe.code == "rates.target_missed" and soe.context["basis"] == "annual"
    assert rates.meets_target(0.02, year=2025, contract_capacity=Q_(700, "kW")).code == "rates.not_regulated"
    assert rates.meets_target(0.02, year=2022, contract_capacity=Q_(5_000, "kW")).code == "rates.no_target_rule"
    with pytest.raises(InvalidValueError, match="below 1"):  # 1.19 read as 119 % would "meet" any target
        rates.meets_target(1.19, year=2025, contract_capacity=Q_(5_000, "kW"))


@pytest.mark.parametrize("shape", [(1, 12), (3, 4), (12, 1)])
def test_summer_comparison_refuses_two_dimensional_months(shape):
    # (1, 12) and (3, 4) were an IndexError; (12, 1) passed by accident
    months = Q_(np.full(shape, 100.0), "kWh")
    with pytest.raises(InvalidValueError) as info:
        rates.summer_comparison(months, months)
    message = str(info.value)
    assert "this_year_monthly" in message and "1-D" in message and str(shape) in message


def test_meets_target_refuses_an_array_capacity_and_a_year_not_ad():
    from carbonaudit import PeriodError

    # an array capacity was a raw TypeError ("only 0-dimensional arrays ...")
    with pytest.raises(
        InvalidValueError, match=r"contract_capacity must be a single value, got an array of shape \(2,\)"
    ):
        rates.meets_target(0.01, year=2017, contract_capacity=Q_([800, 900], "kW"))
    # a year that is not an int was InvalidValueError; everywhere else it is a PeriodError
    with pytest.raises(PeriodError, match=r"year must be an AD year as int 1912-2211, got str '2017'"):
        rates.meets_target(0.01, year="2017", contract_capacity=Q_(900, "kW"))  # type: ignore[arg-type]
    with pytest.raises(
        PeriodError, match=r"got int 106; ROC 106 is AD 2017: for an ROC year use periods.roc_to_ad\(106\)"
    ):
        rates.meets_target(0.01, year=106, contract_capacity=Q_(900, "kW"))


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (
            lambda: rates.annual_saving_rate(Q_(1, "kWh"), Q_(10, "kWh"), Q_(11, "kWh")),
            InvalidValueError,
            ["deductions", "exceed"],
        ),
        (lambda: rates.annual_saving_rate(Q_(-1, "kWh"), Q_(10, "kWh")), InvalidValueError, ["savings", "-1"]),
        (lambda: rates.annual_saving_rate(Q_(1, "kWh"), Q_(10, "L")), UnitsError, ["use"]),
        (lambda: rates.annual_saving_rate(Q_(0, "kWh"), Q_(0, "kWh")), InvalidValueError, ["positive"]),
        (lambda: rates.average_saving_rate([], []), InvalidValueError, ["savings", "empty"]),
        (
            lambda: rates.average_saving_rate(Q_([1, 2], "kWh"), Q_([1, 2, 3], "kWh")),
            InvalidValueError,
            ["same number of years"],
        ),
        (
            lambda: rates.cumulative_saving_rates(Q_([1, 2], "kWh"), Q_([10, 20], "kWh"), Q_([1], "kWh")),
            InvalidValueError,
            ["deductions", "one value per year"],
        ),
        (lambda: rates.implementation_rate(Q_(1, "kWh"), Q_(0, "kWh")), InvalidValueError, ["planned_savings"]),
        (
            lambda: rates.annual_saving_rate(Q_([1.0, 2.0], "kWh"), Q_([10.0, 20.0, 30.0], "kWh")),
            InvalidValueError,
            ["savings", "use", "matching"],
        ),
        (
            lambda: rates.summer_comparison(Q_([1.0] * 11, "kWh"), Q_([1.0] * 12, "kWh")),
            InvalidValueError,
            ["this_year_monthly", "12"],
        ),
    ],
)
def test_bad_input(call, error, words):
    with pytest.raises(error) as info:
        call()
    for w in words:
        assert w in str(info.value)


nonneg = st.floats(min_value=0, max_value=1e9, allow_nan=False)
positive = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False)
# share of the use that is deductible: below 1, so that S + B − C stays positive
deductible = st.floats(min_value=0, max_value=1).map(lambda x: x * 0.999)
KWH_PER = {"kWh": 1, "MWh": 1000}  # 1 MWh = 1,000 kWh


def _close(actual, expected) -> bool:  # type: ignore[no-untyped-def]
    """Within 1e-12 of *expected*, an exact Fraction worked out from the float inputs.

    Below 1e-300 (a subnormal rate from a generated savings of 5e-324 kWh) any difference passes.
    """
    return abs(float(actual) - float(expected)) <= 1e-12 * abs(float(expected)) + 1e-300


@given(nonneg, positive, deductible, st.booleans(), st.sampled_from(list(KWH_PER)))
def test_annual_rate_is_savings_over_savings_plus_use_minus_deductions(a, b, share, deduct, unit):
    # 表十之三: R = A / (A + B − C); B and C given in *unit*, converted into the unit of A (kWh)
    c = b * share if deduct else None
    r = rates.annual_saving_rate(Q_(a, "kWh"), Q_(b, unit), None if c is None else Q_(c, unit)).m
    k = KWH_PER[unit]
    expected = Fraction(a) / (Fraction(a) + k * (Fraction(b) - Fraction(c or 0)))
    assert _close(r, expected)
    assert 0 <= r < 1


@given(st.lists(st.tuples(nonneg, positive, deductible), min_size=1, max_size=15), st.booleans())
def test_average_and_cumulative_rates_are_the_sums_formula(rows, deduct):
    # 表十之五: R_N = ΣS / (ΣS + Σ(B − C)) over years 1..N; cumulative: R_N at each N
    s = np.array([x for x, _, _ in rows])
    b = np.array([y for _, y, _ in rows])
    c = np.array([y * z if deduct else 0.0 for _, y, z in rows])
    deductions = Q_(c, "kWh") if deduct else None
    sums_s = sums_net = Fraction(0)
    expected = []
    for x, y, z in zip(s, b, c, strict=True):
        sums_s += Fraction(x)
        sums_net += Fraction(y) - Fraction(z)
        expected.append(sums_s / (sums_s + sums_net))
    average = rates.average_saving_rate(Q_(s, "kWh"), Q_(b, "kWh"), deductions).m
    assert _close(average, expected[-1])
    cumulative = rates.cumulative_saving_rates(Q_(s, "kWh"), Q_(b, "kWh"), deductions).m
    assert cumulative.shape == (len(rows),)
    for got, want in zip(cumulative, expected, strict=True):
        assert _close(got, want)
    # the average lies between the smallest and the largest yearly rate (a mediant of them)
    yearly = rates.annual_saving_rate(Q_(s, "kWh"), Q_(b, "kWh"), deductions).m
    assert yearly.min() * (1 - 1e-12) <= average <= yearly.max() * (1 + 1e-12)
    assert 0 <= average < 1


@given(st.lists(st.tuples(nonneg, positive), min_size=1, max_size=15), st.sampled_from(list(KWH_PER)))
def test_planned_rate_is_planned_savings_over_planned_savings_plus_use(rows, unit):
    # 表十一之五: RP = SP / (SP + CP), CP given in *unit* and converted into the unit of SP (kWh)
    sp, cp = rows[0]
    rp = rates.planned_saving_rate(Q_(sp, "kWh"), Q_(cp, unit)).m
    assert _close(rp, Fraction(sp) / (Fraction(sp) + KWH_PER[unit] * Fraction(cp)))
    assert 0 <= rp < 1
    # one rate per year for arrays
    arr = rates.planned_saving_rate(
        Q_(np.array([x for x, _ in rows]), "kWh"), Q_(np.array([y for _, y in rows]), "kWh")
    )
    assert arr.m.shape == (len(rows),)
    for got, (x, y) in zip(arr.m, rows, strict=True):
        assert _close(got, Fraction(x) / (Fraction(x) + Fraction(y)))
