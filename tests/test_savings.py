"""Savings formulas, recognition periods, money, DR and renewables (production-declaration-2018 表十之一; non-production-form-2025 表十之一 ... 十一之四)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from carbonaudit import Q_, DeclarationError, InvalidValueError, PeriodError, UnitsError, YearMonth, savings
from carbonaudit.savings import EquipmentLine, InvestmentLine, Measure

amounts = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
month_counts = st.integers(min_value=0, max_value=12)
fractional_months = st.one_of(month_counts, st.floats(min_value=0, max_value=12, allow_nan=False))


# -- reference cases -----------------------------------------------------------------------------


def test_formula_1_production_declaration():
    # production-declaration-2018 公式(1) 範例: 149,200 x 12.5 % x 11/12 = 17,095.8 kWh
    r = savings.efficiency_gain(Q_(149_200, "kWh"), 0.125, months=11)
    assert round(r.m_as("kWh"), 1) == 17_095.8
    assert savings.efficiency_gain(Q_(149_200, "kWh"), Q_(12.5, "percent"), months=11) == r


def test_formula_2_107_production_declaration():
    # production-declaration-2018 公式(2) 範例: 18.65 kW x 2 x 8,000 h x 12.5 % x 12/12 = 37,300; x 1 x 6.6 % = 9,847.2
    assert savings.equipment_power(Q_(18.65, "kW"), 2, Q_(8000, "h"), 0.125).m == pytest.approx(37_300)
    assert savings.equipment_power(Q_(18.65, "kW"), 1, Q_(8000, "h"), 0.066, months=12).m == pytest.approx(9_847.2)


def test_formula_3_production_declaration():
    # production-declaration-2018 公式(3) 範例: (18.65 - 14.92) kW x 8,000 h x 12/12 = 29,840 kWh
    improvement = (Q_(18.65, "kW") - Q_(14.92, "kW")) * Q_(8000, "h")
    assert savings.annual_improvement(improvement, months=12).m_as("kWh") == pytest.approx(29_840)
    # LED example: 100 x (32 W - 21 W) x 8,640 h x 9/12 = 7,128 kWh
    lamps = 100 * (Q_(32, "W") - Q_(21, "W")) * Q_(8640, "h")
    assert savings.annual_improvement(lamps, months=9).m_as("kWh") == pytest.approx(7_128)


def test_formula_2_current_form_before_after():
    # production-declaration-2018 公式(3) worked through formula (2) lines: 18.65 kW and 14.92 kW, 1 unit, 8,000 h
    before = [EquipmentLine(Q_(18.65, "kW"), 1, Q_(8000, "h"))]
    after = [EquipmentLine(Q_(14.92, "kW"), 1, Q_(8000, "h"))]
    assert savings.before_after(before, after).m == pytest.approx(29_840)
    # load and month share: 10 kW x 3 x 2,000 h x 80 % x 75 % = 36,000 kWh
    line = EquipmentLine(Q_(10, "kW"), 3, Q_(2000, "h"), load=Q_(80, "percent"), month_share=0.75)
    assert line.energy().m == pytest.approx(36_000)
    assert savings.before_after([line], []).m == pytest.approx(36_000)


def test_recognition_split_production_declaration():
    # production-declaration-2018: LED done 106/8~106/9, 9,504 kWh a year, recognised 106/10~107/9:
    # 106年 9,504 x 3/12 = 2,376; 107年 9,504 x 9/12 = 7,128
    split = savings.recognition_split(Q_(9504, "kWh"), "106/8~106/9")
    assert dict(split) == {2017: Q_(2376.0, "kWh"), 2018: Q_(7128.0, "kWh")}
    assert split.months_in(2017) == 3 and split.months_in(2018) == 9
    same = savings.recognition_split(Q_(9504, "kWh"), YearMonth(106, 9, era="ROC"))
    assert dict(same) == dict(split)
    # completed in December: the whole next year (non-production-form-2025 表十之一 註5)
    assert dict(savings.recognition_split(Q_(1200, "kWh"), "105/12")) == {2017: Q_(1200.0, "kWh")}


def test_recognition_split_production_declaration_table10_1_rows():
    # 表十之一 (106年): 105/12~106/2 completed -> recognised 3~12 in 106 (10 months)
    split = savings.recognition_split(Q_(12, "kWh"), "105/12~106/2")
    assert split.months_in(2017) == 10
    # 106/1~106/1 -> 2~12 (11 months)
    assert savings.recognition_split(Q_(12, "kWh"), "106/1~106/1").months_in(2017) == 11


def test_recognition_split_arrays():
    completed = np.array(["2017-09", "2016-12", "2017-01"], dtype="datetime64[M]")
    split = savings.recognition_split(Q_(np.array([9504.0, 1200.0, 12.0]), "kWh"), completed)
    assert list(split) == [2017, 2018]
    np.testing.assert_allclose(split[2017].m, [2376.0, 1200.0, 11.0])
    np.testing.assert_allclose(split[2018].m, [7128.0, 0.0, 1.0])


def test_demand_response_and_renewables():
    # non-production-form-2025 表十之三(一) 註2: 2,105 kW x 2 h = 4,210 kWh
    assert savings.demand_response(Q_(2105, "kW"), Q_(2, "h")).m_as("kWh") == 4210
    # non-production-form-2025 表十之三(二) 註1: 815,051 kWh generated, all self-used -> 815,051 kWh
    assert savings.renewable_self_use(Q_(815_051, "kWh")).m == 815_051
    assert savings.renewable_self_use(Q_(815_051, "kWh"), Q_(15_051, "kWh")).m == 800_000
    with pytest.raises(InvalidValueError, match="sold"):
        savings.renewable_self_use(Q_(1, "kWh"), Q_(2, "kWh"))


def test_renewable_self_use_broadcasts_scalars_and_arrays():
    # a scalar generation with sold per month (and the converse) broadcast like the other engines
    used = savings.renewable_self_use(Q_(100, "kWh"), Q_([10, 20], "kWh"))
    np.testing.assert_array_equal(used.m_as("kWh"), [90.0, 80.0])
    used = savings.renewable_self_use(Q_([100, 50], "MWh"), Q_(10_000, "kWh"))
    np.testing.assert_array_equal(used.m_as("kWh"), [90_000.0, 40_000.0])
    with pytest.raises(InvalidValueError, match=r"sold .* must not exceed generated"):
        savings.renewable_self_use(Q_(15, "kWh"), Q_([10, 20], "kWh"))


def test_demand_response_programmes_are_data():
    from carbonaudit import measure_codes

    assert measure_codes.demand_response_programme("(e)").scheme == "經濟型"  # the 4,210 kWh example
    assert [measure_codes.demand_response_programme(c).code for c in "abcdefghijklmno"] == list("abcdefghijklmno")
    with pytest.raises(DeclarationError, match="(p)"):
        measure_codes.demand_response_programme("p")


def test_money():
    # 17,095.8 kWh x 3 TWD/kWh (production-declaration-2018 reference price) = 51,287.4 TWD = 51.2874 kTWD
    amount = savings.saving_amount(Q_(17_095.8, "kWh"), savings.reference_price("electricity"))
    assert amount.m_as("kTWD") == pytest.approx(51.2874)
    # 2 chillers x 500 RT x 20,000 TWD/RT + 300 kTWD = 20,300 kTWD
    line = InvestmentLine(Q_(500, "USRT"), Q_(20_000, "TWD/USRT"), units=2)
    total = savings.investment([line], [Q_(300, "kTWD")])
    assert total.m_as("kTWD") == pytest.approx(20_300)
    assert savings.simple_payback(total, Q_(5_075, "kTWD")).m_as("year") == pytest.approx(4.0)
    with pytest.raises(UnitsError, match="unit_price"):
        savings.saving_amount(Q_(1, "kWh"), Q_(3, "TWD/L"))
    with pytest.raises(InvalidValueError, match="payback"):
        savings.simple_payback(total, Q_(0, "TWD"))


def test_annual_use_and_planned_use():
    bills = Q_(np.full(12, 100_000.0), "kWh")
    use = savings.annual_electricity_use(
        bills, Q_(20_000, "kWh"), {"ev_charging": Q_(5_000, "kWh"), "new_buildings": Q_(15_000, "kWh")}
    )
    # 12 x 100,000 + 20,000 = 1,220,000; deductions 20,000 -> 1,200,000
    assert use.actual.m == 1_220_000 and use.total_deductions.m == 20_000 and use.net.m == 1_200_000
    assert set(use.deductions) == {"ev_charging", "new_buildings"}
    assert savings.planned_use(use.actual).value.m == 1_220_000
    planned = savings.planned_use(use.actual, method="deduct", deductions={"rail_traction": Q_(220_000, "kWh")})
    assert planned.value.m == 1_000_000
    assert savings.planned_use(method="estimate", estimate=Q_(9e5, "kWh"), note="new wing").value.m == 9e5
    with pytest.raises(DeclarationError, match="safety_areas"):  # a 表十之四 kind that 表十一之四 does not list
        savings.planned_use(use.actual, method="deduct", deductions={"safety_areas": Q_(1, "kWh")})


# -- the measure model -----------------------------------------------------------------------------


def test_measure_sums_its_lines_and_splits():
    m = Measure(
        "LG06",
        "electricity",
        [savings.annual_improvement(Q_(5000, "kWh")), savings.annual_improvement(Q_(4504, "kWh"))],
        completed="106/8~106/9",
        unit_price=Q_(3, "TWD/kWh"),
        investment=Q_(57.024, "kTWD"),
    )
    assert m.savings().m == 9504
    assert dict(m.recognition()) == {2017: Q_(2376.0, "kWh"), 2018: Q_(7128.0, "kWh")}
    assert m.saving_amount().m == pytest.approx(28_512)  # 9,504 kWh x 3 TWD/kWh
    assert m.payback().m == pytest.approx(2.0)  # 57,024 / 28,512


def test_measure_validation():
    ok = [savings.annual_improvement(Q_(1, "kWh"))]
    with pytest.raises(UnitsError, match=r"lines\[0\].*fuel_oil"):
        Measure("OA08", "fuel_oil", ok, completed="106/8")
    assert Measure("OA08", "fuel_oil", [savings.annual_improvement(Q_(2, "kL"))], completed="106/8").savings().m == 2
    with pytest.raises(DeclarationError, match="equipment 'Z'"):
        Measure("AZ06", "electricity", ok, completed="106/8")
    assert Measure("DE41", "electricity", ok, completed="106/8", legacy_code=True).code == "DE41"
    with pytest.raises(DeclarationError, match="energy"):
        Measure("AA06", "hydrogen", ok, completed="106/8")  # type: ignore[arg-type]
    with pytest.raises(PeriodError, match="month"):
        Measure("AA06", "electricity", ok, completed="106/13")
    # same dimension, another energy's unit: kL (fuel oil) on a natural-gas (m³) measure, MJ on electricity
    with pytest.raises(UnitsError, match=r"natural_gas.*立方公尺|natural_gas"):
        Measure("OA08", "natural_gas", [savings.annual_improvement(Q_(1, "kL"))], completed="106/8")
    with pytest.raises(UnitsError, match="electricity"):
        Measure("AA06", "electricity", [savings.annual_improvement(Q_(1, "MJ"))], completed="106/8")
    assert Measure("AA06", "electricity", [Q_(1, "MWh")], completed="106/8").savings().m == 1000
    with pytest.raises(InvalidValueError, match=r"lines\[0\].*nan"):
        Measure("AA06", "electricity", [Q_(float("nan"), "kWh")], completed="106/8")


# -- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: savings.efficiency_gain(Q_(1, "kWh"), 0.1, months=13), InvalidValueError, ["months", "13"]),
        (lambda: savings.efficiency_gain(Q_(1, "kWh"), 0.1, months=-1), InvalidValueError, ["months", "-1"]),
        (lambda: savings.efficiency_gain(Q_(1, "kWh"), 1.5), InvalidValueError, ["gain", "1.5"]),
        (lambda: savings.efficiency_gain(Q_(1, "kWh"), Q_(125, "percent")), InvalidValueError, ["gain"]),
        (lambda: savings.efficiency_gain(Q_(-1, "kWh"), 0.1), InvalidValueError, ["consumption", "-1"]),
        (lambda: savings.efficiency_gain(149_200, 0.1), UnitsError, ["consumption"]),
        (lambda: savings.equipment_power(Q_(1, "kWh"), 1, Q_(1, "h"), 0.1), UnitsError, ["power"]),
        (lambda: savings.equipment_power(Q_(1, "kW"), 1.5, Q_(1, "h"), 0.1), InvalidValueError, ["units"]),
        (lambda: EquipmentLine(Q_(1, "kW"), 1, Q_(1, "h"), load=2), InvalidValueError, ["load"]),
        (lambda: savings.recognition_split(Q_(1, "kWh"), "106/13"), PeriodError, ["month", "13"]),
        (lambda: savings.recognition_split(Q_(1, "kWh"), "106/8", months=14), InvalidValueError, ["months"]),
        (lambda: savings.annual_electricity_use([Q_(1, "kWh")] * 11), InvalidValueError, ["bills", "12"]),
        (
            lambda: savings.annual_electricity_use([Q_(1, "kWh")] * 12, deductions={"new_buildings": Q_(13, "kWh")}),
            InvalidValueError,
            ["deductions", "exceed"],
        ),
        (
            lambda: savings.annual_electricity_use([Q_(1, "kWh")] * 12, deductions={"party": Q_(1, "kWh")}),
            DeclarationError,
            ["party"],
        ),
        (
            lambda: savings.efficiency_gain(Q_([1.0, 2.0], "kWh"), 0.1, months=[1, 2, 3]),
            InvalidValueError,
            ["consumption", "months", "matching"],
        ),
        (
            lambda: savings.recognition_split(Q_([1.0, 2.0], "kWh"), np.array([24_200, 24_201, 24_202])),
            InvalidValueError,
            ["annual", "completed"],
        ),
        (
            lambda: savings.renewable_self_use(Q_([1.0, 2.0], "kWh"), Q_([1.0, 1.0, 1.0], "kWh")),
            InvalidValueError,
            ["generated", "sold"],
        ),
        (lambda: savings.efficiency_gain(Q_(100, "kW"), 0.1), UnitsError, ["consumption", "kW"]),
        (lambda: savings.efficiency_gain(Q_(1, "kWh"), 0.1, months="12"), InvalidValueError, ["months", "'12'"]),
        (lambda: savings.efficiency_gain(Q_(1, "kWh"), 0.1, months=None), InvalidValueError, ["months", "None"]),
        (
            lambda: savings.recognition_split(
                Q_([1.0, 2.0], "kWh"), np.array(["2017-09", "NaT"], dtype="datetime64[M]")
            ),
            PeriodError,
            ["completed[1]", "NaT"],
        ),
        (
            lambda: savings.recognition_split(Q_(1.0, "kWh"), __import__("datetime").date(2017, 9, 1)),
            PeriodError,
            ["completed"],
        ),
        (
            lambda: savings.annual_electricity_use([Q_(1, "kWh")] * 12, Q_([1.0, 2.0], "kWh")),
            InvalidValueError,
            ["renewable_self_use", "single value"],
        ),
        (  # an array among the bills was numpy's "inhomogeneous shape" ValueError
            lambda: savings.annual_electricity_use([Q_(1, "kWh")] * 11 + [Q_([1.0, 2.0], "kWh")]),
            InvalidValueError,
            ["bills[11]", "single value", "(2,)"],
        ),
        (  # two arrays of six months were taken as 12 months unseen
            lambda: savings.annual_electricity_use([Q_(np.ones(6), "kWh")] * 2),
            InvalidValueError,
            ["bills[0]", "single value", "(6,)"],
        ),
    ],
)
def test_bad_input(call, error, words):
    with pytest.raises(error) as info:
        call()
    for w in words:
        assert w in str(info.value)


# -- properties ------------------------------------------------------------------------------------


@given(amounts, st.integers(min_value=1912, max_value=2200), st.integers(min_value=1, max_value=12), fractional_months)
def test_split_shares_sum_and_stay_within_a_year(annual, year, month, months):
    split = savings.recognition_split(Q_(annual, "kWh"), YearMonth(year, month), months=months)
    # the month after completion is the first recognised: the completion year keeps only the months
    # after the completion month, 12 - month of them at most
    assert split.months_in(year) == pytest.approx(min(12 - month, months))
    assert split.months_in(year + 1) == pytest.approx(max(0.0, months - (12 - month)))
    total = sum(q.m for q in split.values())
    assert total == pytest.approx(annual * months / 12, rel=1e-12, abs=1e-9)
    for y in split:
        assert 0 < split.months_in(y) <= 12
        assert y >= year  # never before the month after completion
    if months and annual:
        first = min(split)
        expected_first = year + (1 if month == 12 else 0)
        assert first == expected_first


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=2000, max_value=2100), st.integers(min_value=1, max_value=12), amounts, month_counts
        ),
        min_size=1,
        max_size=20,
    )
)
def test_split_arrays_equal_scalar_splits(rows):
    idx = np.array([y * 12 + m - 1 for y, m, _, _ in rows])
    annual = Q_(np.array([a for _, _, a, _ in rows]), "kWh")
    months = np.array([n for _, _, _, n in rows])
    split = savings.recognition_split(annual, idx, months=months)
    for i, (y, m, a, n) in enumerate(rows):
        one = savings.recognition_split(Q_(a, "kWh"), YearMonth(y, m), months=n)
        for year in set(split) | set(one):  # a year either side drops counts as 0
            got = split[year].m[i] if year in split else 0.0
            expected = one[year].m if year in one else 0.0
            assert got == pytest.approx(expected, rel=1e-12, abs=1e-9)


@given(amounts, st.floats(min_value=0, max_value=1), month_counts, st.floats(min_value=0, max_value=100))
def test_formulas_scale_linearly(x, gain, months, k):
    base = savings.efficiency_gain(Q_(x, "kWh"), gain, months).m
    assert savings.efficiency_gain(Q_(x * k, "kWh"), gain, months).m == pytest.approx(k * base, rel=1e-12, abs=1e-9)
    if months:
        assert savings.efficiency_gain(Q_(x, "kWh"), gain, 12).m == pytest.approx(
            base * 12 / months, rel=1e-12, abs=1e-9
        )
    assert savings.annual_improvement(Q_(x * k, "kWh"), months).m == pytest.approx(
        k * savings.annual_improvement(Q_(x, "kWh"), months).m, rel=1e-12, abs=1e-9
    )


@given(
    st.floats(min_value=0, max_value=1e4),
    st.integers(min_value=0, max_value=50),
    st.integers(min_value=0, max_value=8760),
    st.sampled_from([0.0, 0.25, 0.5, 0.8, 1.0]),
    st.floats(min_value=0, max_value=1e4),
)
def test_before_after_changes_sign_when_swapped(power, units, hours, load, power_after):
    a = [EquipmentLine(Q_(power, "kW"), units, Q_(hours, "h"), load=load)]
    b = [EquipmentLine(Q_(power_after, "kW"), units, Q_(hours, "h"), load=load)]
    assert savings.before_after(a, b).m == pytest.approx(-savings.before_after(b, a).m, rel=1e-12, abs=1e-9)
    assume(abs(power - power_after) > 1e-6 and units and hours and load)
    assert np.sign(savings.before_after(a, b).m) == np.sign(power - power_after)


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1990, max_value=2100),
            st.integers(min_value=1, max_value=12),
            amounts,
            fractional_months,
        ),
        min_size=1,
        max_size=20,
    )
)
def test_split_of_datetime64_arrays(rows):
    completed = np.array([f"{y:04d}-{m:02d}" for y, m, _, _ in rows], dtype="datetime64[M]")
    annual = Q_(np.array([a for _, _, a, _ in rows]), "kWh")
    months = np.array([n for _, _, _, n in rows])
    split = savings.recognition_split(annual, completed, months=months)
    totals = sum(split[y].m for y in split)
    np.testing.assert_allclose(totals, annual.m * months / 12, rtol=1e-12, atol=1e-9)
    for i, (y, m, _, n) in enumerate(rows):
        # completed in month m of year y: recognised from month m+1, so min(12 - m, n) months in y
        # and the rest of the n months in y + 1
        in_y = min(12 - m, n)
        for year, expected in ((y, in_y), (y + 1, n - in_y)):
            got = split.months_in(year)[i] if year in split else 0.0
            assert got == pytest.approx(expected, abs=1e-12)
