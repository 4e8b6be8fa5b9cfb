"""Issue 13 point 1: rates and chiller formulas pinned where mutation testing found them unchecked.

Every expected number is from a document or worked by hand in the comment beside it; the
hypothesis properties compute the formula independently (exact fractions, or a plain Python loop)
and compare to float precision.

* Saving-target rules (rates.meets_target): contract capacity at and just above each tier bound,
  a rate at and just below its target, the state-owned tier at any capacity, and the first and last
  year of each rule with the years on either side. What each tier says: non-production-form-2025 附表三 致貴能源用戶
  1. (「契約用電容量超過 800 瓩」 = a regulated user) and 4. (the 114-117年 targets); production-declaration-2018 表十之四
  (104-108年: 平均年節電率未達1%說明, average ≥ 1 %); tw-target-114 (114-117年:
  801-10,000 kW average ≥ 1 %, over 10,000 kW average ≥ 1.5 %, state-owned 1.5 % a year at any
  capacity). 104年 = 2015, 108年 = 2019, 114年 = 2025, 117年 = 2028 (ROC + 1911).
* Saving rates with deductions: production-declaration-2018 表十之三 R = A / (A + B − C); non-production-form-2025 表十之四 年度用電量 =
  N 年全年實際用電量 − the deductible use; production-declaration-2018 表十之五 R_N = ΣS / (ΣS + ΣC) with C that
  年度用電量 (so net of deductions): R_N = ΣS / (ΣS + Σ(B − D)).
* chiller.from_log: non-production-form-2025 表九之一(二) 註5-8 (hourly load = density × flow × specific heat × ΔT ×
  time; 1 USRT = 3,024 kcal/h, 表五之三 註). The module's convention: each reading holds until the
  next one (reading i applies to [t_i, t_i+1)); an interval longer than max_gap (default 1 h) is not
  counted and its time is not covered.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import Q_, InvalidValueError, chiller, rates

# -- 1. saving-target rules -------------------------------------------------------------------------

OLD = "tw-104-108"  # 104-108年, 2015-2019: > 800 kW, average >= 1 %
NEW = "tw-114-117"  # 114-117年, 2025-2028: 801-10,000 kW 1 %, > 10,000 kW 1.5 %, state-owned 1.5 % a year

ABOVE_800 = float(np.nextafter(800.0, np.inf))  # 「超過 800 瓩」: anything above 800 kW is regulated
ABOVE_10000 = float(np.nextafter(10_000.0, np.inf))  # "over 10,000 kW"


def _target(rate, year, kw, state_owned=False):  # type: ignore[no-untyped-def]
    return rates.meets_target(rate, year=year, contract_capacity=Q_(kw, "kW"), state_owned=state_owned)


# (year, contract capacity kW, state-owned) -> (rule, target, basis) from the documents, or None where
# the rule of that year sets no target for that capacity.
TIERS = [
    # 104-108年: regulated users are those over 800 kW (non-production-form-2025 致貴能源用戶 1.); one tier, no upper bound
    (2017, 800.0, False, None),
    (2017, ABOVE_800, False, (OLD, 0.01, "average")),
    (2017, 801.0, False, (OLD, 0.01, "average")),
    (2017, 10_000.0, False, (OLD, 0.01, "average")),
    (2017, 10_001.0, False, (OLD, 0.01, "average")),  # no 1.5 % tier before 114年
    (2017, 50_000.0, False, (OLD, 0.01, "average")),
    # 104-108年 had no state-owned tier: a state-owned user is placed by its capacity like any other
    (2017, 100.0, True, None),
    (2017, 800.0, True, None),
    (2017, 801.0, True, (OLD, 0.01, "average")),
    (2017, 50_000.0, True, (OLD, 0.01, "average")),
    # 114-117年: 801-10,000 kW average >= 1 %; over 10,000 kW average >= 1.5 %
    (2026, 800.0, False, None),
    (2026, ABOVE_800, False, (NEW, 0.01, "average")),
    (2026, 801.0, False, (NEW, 0.01, "average")),
    (2026, 10_000.0, False, (NEW, 0.01, "average")),  # 10,000 is in "801-10,000"
    (2026, ABOVE_10000, False, (NEW, 0.015, "average")),
    (2026, 10_001.0, False, (NEW, 0.015, "average")),
    (2026, 50_000.0, False, (NEW, 0.015, "average")),
    # 114-117年 state-owned enterprises: 1.5 % a year at any capacity, regulated or not
    (2026, 0.0, True, (NEW, 0.015, "annual")),
    (2026, 100.0, True, (NEW, 0.015, "annual")),
    (2026, 800.0, True, (NEW, 0.015, "annual")),
    (2026, 801.0, True, (NEW, 0.015, "annual")),  # not the 1 % of its capacity tier
    (2026, 10_000.0, True, (NEW, 0.015, "annual")),
    (2026, 10_001.0, True, (NEW, 0.015, "annual")),
    (2026, 50_000.0, True, (NEW, 0.015, "annual")),
]


@pytest.mark.parametrize(("year", "kw", "state_owned", "expected"), TIERS)
def test_tier_bounds_and_the_rate_at_and_just_below_the_target(year, kw, state_owned, expected):
    if expected is None:
        # no tier: not regulated, whatever the rate (checked at 0, 1 % and 5 %)
        rule = OLD if year <= 2019 else NEW
        for r in (0.0, 0.01, 0.05):
            f = _target(r, year, kw, state_owned)
            assert f.code == "rates.not_regulated" and f.severity == "info"
            assert f.context == {"rule": rule}
            assert rule in f.message
        return
    rule, target, basis = expected
    at = _target(target, year, kw, state_owned)  # a rate exactly equal to the target meets it (">= 1 %")
    assert at.code == "rates.target_met" and at.severity == "info"
    assert at.context["rule"] == rule and at.context["target"] == target and at.context["basis"] == basis
    assert at.context["rate"] == target
    below = float(np.nextafter(target, 0.0))  # the next float below the target misses it
    missed = _target(below, year, kw, state_owned)
    assert missed.code == "rates.target_missed" and missed.severity == "warning"
    assert missed.context["rule"] == rule and missed.context["target"] == target
    assert missed.context["basis"] == basis and missed.context["rate"] == below
    assert rule in missed.message
    above = _target(float(np.nextafter(target, 1.0)), year, kw, state_owned)
    assert above.code == "rates.target_met" and above.context["target"] == target


def test_state_owned_false_is_the_capacity_tier():
    # 5,000 kW in 2026: 1 % average; only state_owned=True makes it 1.5 % a year
    plain = _target(0.012, 2026, 5_000.0)
    assert plain.code == "rates.target_met" and plain.context["target"] == 0.01
    assert _target(0.012, 2026, 5_000.0, False).context == plain.context
    soe = _target(0.012, 2026, 5_000.0, True)
    assert soe.code == "rates.target_missed" and soe.context["target"] == 0.015 and soe.context["basis"] == "annual"
    # 700 kW in 2026: not regulated unless state-owned
    assert _target(0.012, 2026, 700.0).code == "rates.not_regulated"
    assert _target(0.016, 2026, 700.0, True).code == "rates.target_met"


@pytest.mark.parametrize(
    ("year", "rule"),
    [
        (2014, None),  # 103年: before 104-108
        (2015, OLD),  # 104年, first year
        (2019, OLD),  # 108年, last year
        (2020, None),  # 109年
        (2024, None),  # 113年
        (2025, NEW),  # 114年, first year
        (2028, NEW),  # 117年, last year
        (2029, None),  # 118年
    ],
)
def test_rule_period_edges(year, rule):
    for state_owned in (False, True):
        f = _target(0.012, year, 5_000.0, state_owned)
        if rule is None:
            assert f.code == "rates.no_target_rule" and f.severity == "info"
            assert f.context == {"year": year}
            assert str(year) in f.message
        else:
            # 1.2 % meets the 1 % of either rule for 5,000 kW; misses the state-owned 1.5 % of 114-117
            expected = "rates.target_missed" if (state_owned and rule == NEW) else "rates.target_met"
            assert f.code == expected and f.context["rule"] == rule
    # the 10,001 kW tier (1.5 %) exists from 2025 to 2028 only
    big = _target(0.012, year, 10_001.0)
    if rule == NEW:
        assert big.code == "rates.target_missed" and big.context["target"] == 0.015
    elif rule == OLD:
        assert big.code == "rates.target_met" and big.context["target"] == 0.01


def test_exact_target_from_the_forms_arithmetic_and_in_percent():
    # A = 1,000 kWh, B = 99,000 kWh: 1,000 / 100,000 = 1 % exactly; the user meets the 1 % target
    r1 = rates.annual_saving_rate(Q_(1_000, "kWh"), Q_(99_000, "kWh"))
    assert r1.m == 0.01
    assert _target(r1, 2026, 5_000.0).code == "rates.target_met"
    # A = 1,500 kWh, B = 100,000 kWh, C = 1,500 kWh: 1,500 / (1,500 + 100,000 - 1,500) = 1.5 % exactly
    r15 = rates.annual_saving_rate(Q_(1_500, "kWh"), Q_(100_000, "kWh"), Q_(1_500, "kWh"))
    assert r15.m == 0.015
    assert _target(r15, 2026, 10_001.0).code == "rates.target_met"
    assert _target(r15, 2026, 100.0, True).code == "rates.target_met"
    # given in percent: Q_(1, "percent") is the 1 % target, Q_(1.5, "percent") the 1.5 % one
    assert _target(Q_(1, "percent"), 2026, 801.0).code == "rates.target_met"
    assert _target(Q_(1.5, "percent"), 2026, 10_001.0).code == "rates.target_met"
    assert _target(Q_(1.49, "percent"), 2026, 10_001.0).code == "rates.target_missed"


def test_implausible_rate_bound():
    # rates.meets_target docstring: a rate of 10 % or more is not compared but reported; below 10 % it is
    at = _target(0.10, 2026, 5_000.0)
    assert at.code == "rates.implausible_rate" and at.severity == "warning"
    assert at.context["meets"] is True and at.context["target"] == 0.01 and at.context["rule"] == NEW
    below = _target(float(np.nextafter(0.10, 0.0)), 2026, 5_000.0)
    assert below.code == "rates.target_met" and below.context["target"] == 0.01
    # outside any rule and outside any tier it is still reported
    assert _target(0.10, 2022, 5_000.0).code == "rates.implausible_rate"
    assert _target(0.10, 2026, 800.0).code == "rates.implausible_rate"
    assert _target(float(np.nextafter(0.10, 0.0)), 2026, 800.0).code == "rates.not_regulated"


def _doc_target(year: int, kw: float, state_owned: bool) -> float | None:
    """The target the documents set (module docstring), written out independently of factors.yaml."""
    if 2015 <= year <= 2019:
        return 0.01 if kw > 800 else None
    if 2025 <= year <= 2028:
        if state_owned:
            return 0.015
        if kw > 10_000:
            return 0.015
        return 0.01 if kw > 800 else None
    return None


@given(
    st.floats(min_value=0, max_value=0.0999, allow_nan=False),
    st.integers(min_value=2013, max_value=2030),
    st.one_of(
        st.sampled_from([0.0, 100.0, 800.0, ABOVE_800, 801.0, 10_000.0, ABOVE_10000, 10_001.0]),
        st.floats(min_value=0, max_value=200_000, allow_nan=False),
    ),
    st.booleans(),
)
def test_meets_target_is_rate_at_or_above_the_documents_target(rate, year, kw, state_owned):
    f = _target(rate, year, kw, state_owned)
    target = _doc_target(year, kw, state_owned)
    if not (2015 <= year <= 2019 or 2025 <= year <= 2028):
        assert f.code == "rates.no_target_rule"
    elif target is None:
        assert f.code == "rates.not_regulated"
    else:
        assert f.code == ("rates.target_met" if rate >= target else "rates.target_missed")
        assert f.context["target"] == target and f.context["rate"] == rate


# -- 2. saving rates with deductions ---------------------------------------------------------------

# A small run of three years with round numbers:
#   savings S = 100, 200, 300 kWh; use B = 10,000, 20,000, 30,000 kWh; deductions D = 1,900, 0, 5,000 kWh
#   net use B - D = 8,100, 20,000, 25,000
#   R_1 = 100 / (100 + 8,100)                             = 100 / 8,200  = 1/82
#   R_2 = (100 + 200) / (300 + 8,100 + 20,000)           = 300 / 28,400 = 3/284
#   R_3 = (100 + 200 + 300) / (600 + 8,100 + 20,000 + 25,000) = 600 / 53,700 = 2/179
#   yearly own rates: 100 / 8,200, 200 / 20,200, 300 / 25,300
S3 = [100.0, 200.0, 300.0]
B3 = [10_000.0, 20_000.0, 30_000.0]
D3 = [1_900.0, 0.0, 5_000.0]


def test_cumulative_and_average_with_deductions_by_hand():
    cumulative = rates.cumulative_saving_rates(Q_(S3, "kWh"), Q_(B3, "kWh"), Q_(D3, "kWh"))
    assert str(cumulative.units) == "dimensionless"
    np.testing.assert_allclose(cumulative.m, [1 / 82, 3 / 284, 2 / 179], rtol=1e-15)
    average = rates.average_saving_rate(Q_(S3, "kWh"), Q_(B3, "kWh"), Q_(D3, "kWh"))
    assert average.m == pytest.approx(2 / 179, rel=1e-15)
    # without deductions: 600 / (600 + 60,000) = 1/101; the deductions must raise the rate
    assert rates.average_saving_rate(Q_(S3, "kWh"), Q_(B3, "kWh")).m == pytest.approx(1 / 101, rel=1e-15)
    no_d = rates.cumulative_saving_rates(Q_(S3, "kWh"), Q_(B3, "kWh"))
    # 100/10,100, 300/30,300, 600/60,600: all 1/101
    np.testing.assert_allclose(no_d.m, [1 / 101] * 3, rtol=1e-15)
    zeros = rates.cumulative_saving_rates(Q_(S3, "kWh"), Q_(B3, "kWh"), Q_([0.0] * 3, "kWh"))
    np.testing.assert_allclose(zeros.m, no_d.m, rtol=0)
    yearly = rates.annual_saving_rate(Q_(S3, "kWh"), Q_(B3, "kWh"), Q_(D3, "kWh"))
    np.testing.assert_allclose(yearly.m, [100 / 8_200, 200 / 20_200, 300 / 25_300], rtol=1e-15)


def test_deductions_as_sequences_in_other_units_and_per_year():
    # the same run given as lists of Quantities, deductions in MWh: 1.9 MWh = 1,900 kWh, 5 MWh = 5,000 kWh
    s = [Q_(x, "kWh") for x in S3]
    b = [Q_(10, "MWh"), Q_(20_000, "kWh"), Q_(30, "MWh")]
    d = [Q_(1.9, "MWh"), Q_(0, "kWh"), Q_(5, "MWh")]
    np.testing.assert_allclose(rates.cumulative_saving_rates(s, b, d).m, [1 / 82, 3 / 284, 2 / 179], rtol=1e-14)
    assert rates.average_saving_rate(s, b, d).m == pytest.approx(2 / 179, rel=1e-14)
    # a deduction in the last year only changes R_3 only: D = 0, 0, 5,000
    #   R_1 = 100/10,100, R_2 = 300/30,300, R_3 = 600 / (600 + 60,000 - 5,000) = 600/55,600 = 3/278
    last = rates.cumulative_saving_rates(Q_(S3, "kWh"), Q_(B3, "kWh"), Q_([0.0, 0.0, 5_000.0], "kWh"))
    np.testing.assert_allclose(last.m, [1 / 101, 1 / 101, 3 / 278], rtol=1e-15)
    # a deduction in the first year stays in every later R_N: D = 1,900, 0, 0
    #   R_1 = 1/82, R_2 = 300 / (300 + 28,100) = 3/284, R_3 = 600 / (600 + 58,100) = 600/58,700 = 6/587
    first = rates.cumulative_saving_rates(Q_(S3, "kWh"), Q_(B3, "kWh"), Q_([1_900.0, 0.0, 0.0], "kWh"))
    np.testing.assert_allclose(first.m, [1 / 82, 3 / 284, 6 / 587], rtol=1e-15)


def test_deductions_equal_to_use_are_allowed_and_above_are_refused():
    # 表十之四: the deductible use is part of the year's use; D = B leaves no net use: R = A / A = 1
    assert rates.annual_saving_rate(Q_(100.0, "kWh"), Q_(1_000.0, "kWh"), Q_(1_000.0, "kWh")).m == 1.0
    # two years, the second fully deducted: (100 + 50) / (150 + 9,000 + 0) = 150 / 9,150 = 1/61
    avg = rates.average_saving_rate(Q_([100.0, 50.0], "kWh"), Q_([10_000.0, 800.0], "kWh"), Q_([1_000.0, 800.0], "kWh"))
    assert avg.m == pytest.approx(1 / 61, rel=1e-15)
    over = float(np.nextafter(1_000.0, np.inf))
    with pytest.raises(InvalidValueError, match="deductions"):
        rates.annual_saving_rate(Q_(100.0, "kWh"), Q_(1_000.0, "kWh"), Q_(over, "kWh"))
    with pytest.raises(InvalidValueError, match="deductions"):
        rates.average_saving_rate(Q_([100.0, 50.0], "kWh"), Q_([10_000.0, 800.0], "kWh"), Q_([0.0, 800.5], "kWh"))
    with pytest.raises(InvalidValueError, match="deductions"):
        rates.cumulative_saving_rates(Q_([100.0, 50.0], "kWh"), Q_([10_000.0, 800.0], "kWh"), Q_([0.0, 800.5], "kWh"))


def test_annual_rate_with_deductions_production_declaration_table10_3_layout():
    # 表十之三 with a deduction: A = 1,120,329.5, B = 92,677,376, C = 2,677,376 (new production line)
    #   R = 1,120,329.5 / (1,120,329.5 + 92,677,376 - 2,677,376) = 1,120,329.5 / 91,120,329.5 = 1.22951... %
    r = rates.annual_saving_rate(Q_(1_120_329.5, "kWh"), Q_(92_677_376, "kWh"), Q_(2_677_376, "kWh"))
    assert r.m == pytest.approx(1_120_329.5 / 91_120_329.5, rel=1e-15)
    assert round(r.m * 100, 4) == 1.2295


years = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=1e9, allow_nan=False),  # S
        st.floats(min_value=1e-3, max_value=1e9, allow_nan=False),  # B
        st.floats(min_value=0, max_value=0.99, allow_nan=False),  # D as a share of B
    ),
    min_size=1,
    max_size=12,
)


def _exact(value: float) -> Fraction:
    return Fraction(value)


@given(years)
def test_rates_with_deductions_equal_the_formula_in_exact_arithmetic(rows):
    s = np.array([x for x, _, _ in rows])
    b = np.array([y for _, y, _ in rows])
    d = b * np.array([z for _, _, z in rows])
    # R_N = Σ_{1..N} S / (Σ_{1..N} S + Σ_{1..N} (B − D)), in exact fractions of the same float inputs
    expected = []
    cum_s = cum_net = Fraction(0)
    for si, bi, di in zip(s, b, d, strict=True):
        cum_s += _exact(si)
        cum_net += _exact(bi) - _exact(di)
        expected.append(float(cum_s / (cum_s + cum_net)))
    cumulative = rates.cumulative_saving_rates(Q_(s, "kWh"), Q_(b, "kWh"), Q_(d, "kWh")).m
    np.testing.assert_allclose(cumulative, expected, rtol=1e-12, atol=0)
    average = rates.average_saving_rate(Q_(s, "kWh"), Q_(b, "kWh"), Q_(d, "kWh")).m
    assert average == pytest.approx(expected[-1], rel=1e-12, abs=0)
    # the year's own rate S / (S + B − D)
    own = [float(_exact(si) / (_exact(si) + _exact(bi) - _exact(di))) for si, bi, di in zip(s, b, d, strict=True)]
    annual = rates.annual_saving_rate(Q_(s, "kWh"), Q_(b, "kWh"), Q_(d, "kWh")).m
    np.testing.assert_allclose(annual, own, rtol=1e-12, atol=0)


@given(
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
    st.floats(min_value=1e-3, max_value=1e9, allow_nan=False),
    st.floats(min_value=0, max_value=1, allow_nan=False),
)
def test_annual_rate_with_deductions_is_s_over_s_plus_b_minus_d(a, b, share):
    c = min(b * share, b)  # 0 <= C <= B, C = B included
    if Fraction(a) + Fraction(b) - Fraction(c) == 0:  # A = 0 and C = B: no rate, refused
        with pytest.raises(InvalidValueError, match="positive"):
            rates.annual_saving_rate(Q_(a, "kWh"), Q_(b, "kWh"), Q_(c, "kWh"))
        return
    r = rates.annual_saving_rate(Q_(a, "kWh"), Q_(b, "kWh"), Q_(c, "kWh")).m
    exact = Fraction(a) / (Fraction(a) + Fraction(b) - Fraction(c))
    assert r == pytest.approx(float(exact), rel=1e-12, abs=0)


# -- 3. chiller.from_log -------------------------------------------------------------------------------

# RT = flow [L/h] × ρ [kg/L] × cp [kcal/(kg·K)] × ΔT [K] / 3,024 [kcal/h per USRT]; water ρ = 1, cp = 1.0
# (表九之一 註7). A hand-made log, readings on the hour, with a 3-hour gap after 02:00:
#   i  time   flow L/h  supply ret  ΔT  RT                          power kW  interval
#   0  00:00   30,240     7    12    5   30,240 × 5 / 3,024 =  50      40     [00, 01) counted
#   1  01:00   60,480     6    13    7   60,480 × 7 / 3,024 = 140     100     [01, 02) counted
#   2  02:00   90,720     8    11    3   90,720 × 3 / 3,024 =  90      70     [02, 05) a 3 h gap: not counted
#   3  05:00   15,120     7    12    5   15,120 × 5 / 3,024 =  25      20     [05, 06) counted
#   4  06:00  302,400     0    20   20                    2,000     999     last reading: no interval
# counted: RTh 50 + 140 + 25 = 215; kWh 40 + 100 + 20 = 160; covered 3 h of the 6 the log spans.
HOURS = np.array(["2024-07-01T00", "2024-07-01T01", "2024-07-01T02", "2024-07-01T05", "2024-07-01T06"], "datetime64[h]")
FLOW = [30_240.0, 60_480.0, 90_720.0, 15_120.0, 302_400.0]
SUPPLY = [7.0, 6.0, 8.0, 7.0, 0.0]
RET = [12.0, 13.0, 11.0, 12.0, 20.0]
POWER = [40.0, 100.0, 70.0, 20.0, 999.0]


def _gap_log(**kw):  # type: ignore[no-untyped-def]
    args = {
        "time": HOURS,
        "flow": Q_(FLOW, "L/h"),
        "supply": Q_(SUPPLY, "degC"),
        "ret": Q_(RET, "degC"),
        "power": Q_(POWER, "kW"),
    } | kw
    return chiller.from_log(**args)


def test_gap_is_not_counted_and_covered_hours_say_so():
    log = _gap_log()
    assert log.monthly_rth.tolist() == pytest.approx([215.0], rel=1e-12)
    assert log.monthly_kwh.tolist() == pytest.approx([160.0], rel=1e-12)
    assert log.monthly_covered_hours.tolist() == pytest.approx([3.0], rel=1e-12)
    assert log.monthly_kw_per_rt.tolist() == pytest.approx([160 / 215], rel=1e-12)
    # hour by hour: 00 50, 01 140, 02-04 in the gap, 05 25
    assert [str(h) for h in log.hours] == [f"2024-07-01T{h:02d}" for h in range(6)]
    np.testing.assert_allclose(log.hourly_rth, [50, 140, 0, 0, 0, 25], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(log.hourly_covered, [1, 1, 0, 0, 0, 1], rtol=1e-12, atol=1e-12)
    gaps = [f for f in log.findings if f.code == "chiller.gaps"]
    assert len(gaps) == 1 and gaps[0].severity == "warning"
    assert gaps[0].context == {"count": 1, "first": "2024-07-01T02:00:00", "longest_h": 3.0}
    assert [f.code for f in log.findings] == ["chiller.gaps"]


def test_max_gap_bound_and_option():
    # max_gap 3 h: the 3-hour interval is exactly max_gap, not longer, so it counts
    #   RTh 215 + 90 × 3 = 485; kWh 160 + 70 × 3 = 370; covered 6 h
    log = _gap_log(max_gap=Q_(3, "h"))
    assert log.monthly_rth.tolist() == pytest.approx([485.0], rel=1e-12)
    assert log.monthly_kwh.tolist() == pytest.approx([370.0], rel=1e-12)
    assert log.monthly_covered_hours.tolist() == pytest.approx([6.0], rel=1e-12)
    np.testing.assert_allclose(log.hourly_rth, [50, 140, 90, 90, 90, 25], rtol=1e-12)
    assert "chiller.gaps" not in [f.code for f in log.findings]
    # max_gap 10,799 s (one second under 3 h): the gap is longer and is left out as by default
    short = _gap_log(max_gap=Q_(10_799, "s"))
    assert short.monthly_rth.tolist() == pytest.approx([215.0], rel=1e-12)
    assert short.monthly_covered_hours.tolist() == pytest.approx([3.0], rel=1e-12)
    assert "chiller.gaps" in [f.code for f in short.findings]
    # the default 1 h: an interval of exactly 3,600 s counts, one of 3,601 s does not
    t0 = np.datetime64("2024-07-01T00:00:00", "s")
    for step, counted in ((3_600, True), (3_601, False)):
        t = t0 + np.array([0, step, step + 1_800], dtype="timedelta64[s]")
        # reading 0: 30,240 L/h at ΔT 5 = 50 RT for `step` s; reading 1: 50 RT for 1,800 s = 25 RTh
        log = chiller.from_log(
            time=t,
            flow=Q_([30_240.0] * 3, "L/h"),
            supply=Q_([7.0] * 3, "degC"),
            ret=Q_([12.0] * 3, "degC"),
            power=Q_([36.0] * 3, "kW"),
        )
        rth = 50 * 3_600 / 3_600 + 25 if counted else 25
        assert log.monthly_rth.sum() == pytest.approx(rth, rel=1e-12)
        # 36 kW x 1 h = 36 kWh (if counted) + 36 kW x 0.5 h = 18 kWh
        assert log.monthly_kwh.sum() == pytest.approx(36 + 18 if counted else 18, rel=1e-12)
        assert log.monthly_covered_hours.sum() == pytest.approx(1.5 if counted else 0.5, rel=1e-12)
        assert ("chiller.gaps" in [f.code for f in log.findings]) is not counted


def test_energy_per_interval_in_a_gap_is_not_counted():
    # energy [kWh] of the interval starting at each reading: 40, 100, 70 (the gap), 20, 999 (last, no interval)
    log = _gap_log(power=None, energy=Q_(POWER, "kWh"))
    assert log.monthly_kwh.tolist() == pytest.approx([160.0], rel=1e-12)  # 40 + 100 + 20
    assert log.monthly_rth.tolist() == pytest.approx([215.0], rel=1e-12)
    codes = [f.code for f in log.findings]
    assert codes == ["chiller.gaps", "chiller.last_energy_not_counted"]
    # with the gap allowed: 40 + 100 + 70 + 20 = 230 kWh
    wide = _gap_log(power=None, energy=Q_(POWER, "kWh"), max_gap=Q_(3, "h"))
    assert wide.monthly_kwh.tolist() == pytest.approx([230.0], rel=1e-12)


def test_gap_across_a_month_end_leaves_each_month_its_measured_hours():
    # 31 Jan 22:00, 23:00, then 1 Feb 02:00, 03:00: [22, 23) in January, [23, 02) a 3 h gap, [02, 03) in February
    t = np.array(["2024-01-31T22", "2024-01-31T23", "2024-02-01T02", "2024-02-01T03"], "datetime64[h]")
    log = chiller.from_log(
        time=t,
        flow=Q_([30_240.0, 60_480.0, 15_120.0, 0.0], "L/h"),  # 50, 140 (in the gap), 25 RT at ΔT 5
        supply=Q_([7.0] * 4, "degC"),
        ret=Q_([12.0] * 4, "degC"),
        power=Q_([40.0, 100.0, 20.0, 0.0], "kW"),
    )
    assert [str(m) for m in log.months] == ["2024-01", "2024-02"]
    np.testing.assert_allclose(log.monthly_rth, [50, 25], rtol=1e-12)
    np.testing.assert_allclose(log.monthly_kwh, [40, 20], rtol=1e-12)
    np.testing.assert_allclose(log.monthly_covered_hours, [1, 1], rtol=1e-12)


def test_density_and_specific_heat_scale_by_their_ratio():
    # density 0.5 kg/L halves every RT: 215 / 2 = 107.5 RTh; the kWh are not touched
    half = _gap_log(density=Q_(0.5, "kg/L"))
    assert half.monthly_rth.tolist() == pytest.approx([107.5], rel=1e-12)
    assert half.monthly_kwh.tolist() == pytest.approx([160.0], rel=1e-12)
    np.testing.assert_allclose(half.hourly_rth, [25, 70, 0, 0, 0, 12.5], rtol=1e-12, atol=1e-12)
    # the same density in kg/m³
    assert _gap_log(density=Q_(500, "kg/m**3")).monthly_rth.tolist() == pytest.approx([107.5], rel=1e-12)
    # specific heat 0.9 kcal/(kg·K): 215 × 0.9 = 193.5 RTh
    cp = _gap_log(specific_heat=Q_(0.9, "kcal/(kg*delta_degC)"))
    assert cp.monthly_rth.tolist() == pytest.approx([193.5], rel=1e-12)
    # both (a glycol-like 1.1 kg/L × 0.9): 215 × 0.99 = 212.85 RTh
    both = _gap_log(density=Q_(1.1, "kg/L"), specific_heat=Q_(0.9, "kcal/(kg*delta_degC)"))
    assert both.monthly_rth.tolist() == pytest.approx([212.85], rel=1e-12)
    # 4.1868 kJ/(kg·K) is 1 kcal/(kg·K) with the International Table calorie (iso-80000-5)
    it = _gap_log(specific_heat=Q_(4.1868, "kJ/(kg*K)"))
    assert it.monthly_rth.tolist() == pytest.approx([215.0], rel=1e-12)


@pytest.mark.parametrize(
    ("supply", "ret", "rt"),
    [
        (7.0, 12.0, 50.0),  # 30,240 × 5 / 3,024
        (6.0, 13.0, 70.0),  # 30,240 × 7 / 3,024
        (8.0, 11.0, 30.0),  # 30,240 × 3 / 3,024
        (10.0, 10.0, 0.0),  # no difference, no cooling
        (-2.0, 4.0, 60.0),  # a brine below 0 °C: 30,240 × 6 / 3,024
    ],
)
def test_supply_and_return_temperatures(supply, ret, rt):
    # two one-hour intervals at 30,240 L/h
    t = np.arange("2024-07-01T00", "2024-07-01T03", dtype="datetime64[h]")
    log = chiller.from_log(
        time=t,
        flow=Q_([30_240.0] * 3, "L/h"),
        supply=Q_([supply] * 3, "degC"),
        ret=Q_([ret] * 3, "degC"),
        power=Q_([10.0] * 3, "kW"),
    )
    assert log.monthly_rth.tolist() == pytest.approx([2 * rt], rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(log.hourly_rth, [rt, rt], rtol=1e-12, atol=1e-12)
    # the same in kelvin: only the difference matters
    kelvin = chiller.from_log(
        time=t,
        flow=Q_([30_240.0] * 3, "L/h"),
        supply=Q_([supply + 273.15] * 3, "K"),
        ret=Q_([ret + 273.15] * 3, "K"),
        power=Q_([10.0] * 3, "kW"),
    )
    assert kelvin.monthly_rth.tolist() == pytest.approx([2 * rt], rel=1e-9, abs=1e-9)


def test_each_reading_holds_until_the_next_and_is_cut_at_the_hour():
    # readings at 00:00, 00:30, 01:30, 02:00 with different ΔT, 30,240 L/h:
    #   00:00  7/12 ΔT 5 →  50 RT for [00:00, 00:30)
    #   00:30  6/13 ΔT 7 →  70 RT for [00:30, 01:30): half in hour 00, half in hour 01
    #   01:30  8/11 ΔT 3 →  30 RT for [01:30, 02:00)
    #   02:00 (end; its 0/20 ΔT 20 applies to no interval)
    # hour 00: 50 × 0.5 + 70 × 0.5 = 60 RTh; hour 01: 70 × 0.5 + 30 × 0.5 = 50 RTh; month 110 RTh
    # (taking each interval from its end reading would give 70 × 0.5 + 30 × 0.5 = 50 and 30 × 0.5 + 200 × 0.5 = 115)
    t = np.array(["2024-07-01T00:00", "2024-07-01T00:30", "2024-07-01T01:30", "2024-07-01T02:00"], "datetime64[m]")
    log = chiller.from_log(
        time=t,
        flow=Q_([30_240.0] * 4, "L/h"),
        supply=Q_([7.0, 6.0, 8.0, 0.0], "degC"),
        ret=Q_([12.0, 13.0, 11.0, 20.0], "degC"),
        power=Q_([100.0, 200.0, 300.0, 400.0], "kW"),
    )
    np.testing.assert_allclose(log.hourly_rth, [60, 50], rtol=1e-12)
    np.testing.assert_allclose(log.hourly_covered, [1, 1], rtol=1e-12)
    assert log.monthly_rth.tolist() == pytest.approx([110.0], rel=1e-12)
    # 100 kW × 0.5 h + 200 kW × 1 h + 300 kW × 0.5 h = 50 + 200 + 150 = 400 kWh
    assert log.monthly_kwh.tolist() == pytest.approx([400.0], rel=1e-12)


@given(
    st.lists(
        st.tuples(
            st.sampled_from([60, 900, 1_800, 3_599, 3_600, 3_601, 7_200, 86_400]),  # interval after the reading [s]
            st.floats(min_value=0, max_value=1e6, allow_nan=False),  # flow [L/h]
            st.floats(min_value=-5, max_value=20, allow_nan=False),  # supply [degC]
            st.floats(min_value=0, max_value=15, allow_nan=False),  # return − supply [K]
            st.floats(min_value=0, max_value=5_000, allow_nan=False),  # power [kW]
        ),
        min_size=2,
        max_size=25,
    ),
    st.floats(min_value=0.5, max_value=1.5),
    st.floats(min_value=0.5, max_value=1.5),
)
def test_from_log_totals_equal_the_formula_summed_by_hand(rows, rho, cp):
    steps = np.array([r[0] for r in rows[:-1]], dtype=np.int64)
    t = np.datetime64("2024-01-31T18:00:00", "s") + np.concatenate([[0], np.cumsum(steps)]).astype("timedelta64[s]")
    flow = np.array([r[1] for r in rows])
    supply = np.array([r[2] for r in rows])
    ret = supply + np.array([r[3] for r in rows])
    power = np.array([r[4] for r in rows])
    log = chiller.from_log(
        time=t,
        flow=Q_(flow, "L/h"),
        supply=Q_(supply, "degC"),
        ret=Q_(ret, "degC"),
        power=Q_(power, "kW"),
        density=Q_(rho, "kg/L"),
        specific_heat=Q_(cp, "kcal/(kg*delta_degC)"),
    )
    # Σ over intervals no longer than 1 h of reading i's value × the interval (reading i holds until i + 1)
    rth = kwh = hours = 0.0
    for i, dt in enumerate(steps):
        if dt <= 3_600:
            rth += flow[i] * rho * cp * (ret[i] - supply[i]) / 3_024 * dt / 3_600
            kwh += power[i] * dt / 3_600
            hours += dt / 3_600
    assert log.monthly_rth.sum() == pytest.approx(rth, rel=1e-12, abs=1e-9)
    assert log.hourly_rth.sum() == pytest.approx(rth, rel=1e-12, abs=1e-9)
    assert log.monthly_kwh.sum() == pytest.approx(kwh, rel=1e-12, abs=1e-9)
    assert log.monthly_covered_hours.sum() == pytest.approx(hours, rel=1e-12, abs=1e-12)
    assert log.hourly_covered.sum() == pytest.approx(hours, rel=1e-12, abs=1e-12)
    n_gaps = int((steps > 3_600).sum())
    gaps = [f for f in log.findings if f.code == "chiller.gaps"]
    if n_gaps:
        assert len(gaps) == 1 and gaps[0].context["count"] == n_gaps
    else:
        assert gaps == []
    # water (ρ = 1, cp = 1) gives the same log divided by ρ × cp
    water = chiller.from_log(
        time=t, flow=Q_(flow, "L/h"), supply=Q_(supply, "degC"), ret=Q_(ret, "degC"), power=Q_(power, "kW")
    )
    np.testing.assert_allclose(log.monthly_rth, water.monthly_rth * (rho * cp), rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(log.monthly_kwh, water.monthly_kwh, rtol=0, atol=0)


# -- a rate's zero denominator is refused naming the sum that is zero -------------------------------
# (kills the mutants that rename or drop the label: the message is how a user finds the empty cell)

_ZERO = Q_(0, "kWh")
_ZEROS = Q_([0.0, 0.0], "kWh")


@pytest.mark.parametrize(
    ("call", "label"),
    [
        (lambda: rates.annual_saving_rate(_ZERO, _ZERO), "savings + use - deductions"),
        (lambda: rates.annual_saving_rate(_ZERO, Q_(5, "kWh"), Q_(5, "kWh")), "savings + use - deductions"),
        (lambda: rates.average_saving_rate(_ZEROS, _ZEROS), "savings + use over the years"),
        (lambda: rates.cumulative_saving_rates(_ZEROS, _ZEROS), "savings + use over the years"),
        (lambda: rates.planned_saving_rate(_ZERO, _ZERO), "planned_savings + planned_use"),
        (lambda: rates.implementation_rate(Q_(1, "kWh"), _ZERO), "planned_savings"),
        (lambda: rates.year_over_year(_ZERO, _ZERO), "last_year"),
    ],
)
def test_zero_denominator_names_the_sum(call, label):  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidValueError) as info:
        call()
    assert str(info.value).startswith(f"{label} must be positive for a rate, got ")
