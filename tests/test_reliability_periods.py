"""Issue 12, defects 1 (counts), 3, 8 and 14: years, periods, month indices, counts, rates, keys.

* 14: a numpy integer year (``np.int64(2024)`` from a DataFrame) is a year in every function that
  takes an AD year (one check, ``periods._ad_year``); a bool, a float, a str or an ROC year is a
  PeriodError that names the argument and the fix.
* 3: a period written as a number (a CSV cell ``106.10`` read as the float 106.1, i.e. January) is
  refused, with the fix: write ``"106/10"`` or read the column as text.
* 8: a bare int that is not a month index (2017, 106) is refused as a completion; a misspelt
  uncertainty key is an error; a saving rate no real saving reaches (94 %) is not reported as
  meeting the target.
* 1: counts (units, months) of any integer dtype become float64 before they are multiplied: no
  wrap-around, the same number as float64 inputs; Python ints beyond float range, Decimals and
  numeric strings are refused with InvalidValueError.
"""

from __future__ import annotations

import io
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from carbonaudit import (
    Q_,
    DeclarationError,
    InvalidValueError,
    PeriodError,
    UnitsError,
    YearMonth,
    YearMonthRange,
    emissions,
    factors,
    rates,
    savings,
)
from carbonaudit.inventory import (
    ActivityRecord,
    Organisation,
    OrgTree,
    award_summary,
    compare_years,
    compute,
    compute_frame,
    uncertainty,
)

FS = factors.load("tw-2024")  # tw-2024: grid factors 2023 0.494, 2024 0.474 kg CO2e/kWh (tw-grid-series)
NUMPY_YEAR_TYPES = [np.int64, np.int32, np.uint16]


def _tree() -> OrgTree:
    return OrgTree([Organisation(id="a", name="A")])


def _records() -> list[ActivityRecord]:
    return [
        ActivityRecord(org="a", year=y, kind="electricity", amount={"value": 10_000, "unit": "kWh"})
        for y in (2023, 2024)
    ]


# -- defect 14: numpy integer years are years everywhere ------------------------------------------


@pytest.mark.parametrize("kind", NUMPY_YEAR_TYPES)
def test_numpy_integer_years_give_the_same_results_as_ints(kind):
    y2024, y2013, y2017 = kind(2024), kind(2013), kind(2017)
    # emissions.electricity: 1,000 kWh x 0.474 kg/kWh (2024) = 474 kg; it refused int64
    assert emissions.electricity(Q_(1000, "kWh"), year=y2024).co2e.m_as("kg") == pytest.approx(474.0)
    assert emissions.electricity(Q_(1000, "kWh"), year=y2024) == emissions.electricity(Q_(1000, "kWh"), year=2024)
    assert FS.grid_factor(y2024).m_as("kg/kWh") == 0.474
    assert FS.grid_factor_value(y2024) == FS.grid_factor_value(2024)
    # rates.meets_target: 0.94 % against the 104-108年 target of 1 % (production-declaration-2018 表十之五 R106)
    got = rates.meets_target(0.0094, year=y2017, contract_capacity=Q_(11_381, "kW"))
    assert got == rates.meets_target(0.0094, year=2017, contract_capacity=Q_(11_381, "kW"))
    assert got.code == "rates.target_missed"
    # with_overrides: a numpy key is the year; 1,000 kWh x 0.4 kg/kWh = 400 kg
    fs = FS.with_overrides(grid_factors={kind(2030): Q_(0.4, "kg/kWh")})
    assert list(fs.grid_factors)[-1] == 2030 and type(list(fs.grid_factors)[-1]) is int
    assert emissions.electricity(Q_(1000, "kWh"), year=kind(2030), factor_set=fs).co2e.m_as("kg") == pytest.approx(
        400.0
    )
    # inventory: 10,000 kWh x 0.474 kg/kWh = 4.74 t in 2024, x 0.494 = 4.94 t in 2023
    inv = compute(_tree(), _records(), FS, year=y2024)
    assert inv.year == 2024 and type(inv.year) is int
    assert inv.total() == pytest.approx(4.74)
    both = compare_years(_tree(), _records(), kind(2023), y2024, FS)
    assert (both.base.total(), both.report.total()) == (pytest.approx(4.94), pytest.approx(4.74))
    df = pd.DataFrame({"org": ["a"], "year": [2024], "kind": ["electricity"], "value": [10_000.0], "unit": ["kWh"]})
    assert compute_frame(_tree(), df, FS, year=y2024)["co2e_t"].tolist() == pytest.approx([4.74])
    # award_summary: 50 MWh saved x 0.522 t/MWh (附表2, 102年 = 2013) = 26.1 t
    [row] = award_summary({"electricity": Q_(950, "MWh")}, {"electricity": Q_(1000, "MWh")}, grid_year=y2013)
    assert row.co2_reduction.m_as("t") == pytest.approx(26.1)
    # savings: completed 106/8, so 4 of the 12 months in 2017 (Sep-Dec): 9,504 x 4 / 12 = 3,168 kWh
    split = savings.recognition_split(Q_(9504, "kWh"), "106/8")
    assert split.months_in(y2017) == split.months_in(2017) == 4.0
    measures = pd.DataFrame({"annual_savings": [9504.0], "unit": ["kWh"], "completed": ["106/8"]})
    out = savings.frame(measures, years=[y2017, kind(2018)])
    assert out["recognised_2017"].tolist() == [3168.0] and out["recognised_2018"].tolist() == [6336.0]


def _year_calls():  # type: ignore[no-untyped-def]
    cap = Q_(11_381, "kW")
    measures = pd.DataFrame({"annual_savings": [9504.0], "unit": ["kWh"], "completed": ["106/8"]})
    df = pd.DataFrame({"org": ["a"], "year": [2024], "kind": ["electricity"], "value": [1.0], "unit": ["kWh"]})
    use = ({"diesel": Q_(1, "kL")}, {"diesel": Q_(10, "kL")})
    return {
        "electricity": ("year", lambda y: emissions.electricity(Q_(1000, "kWh"), year=y)),
        "grid_factor": ("year", lambda y: FS.grid_factor(y)),
        "meets_target": ("year", lambda y: rates.meets_target(0.0094, year=y, contract_capacity=cap)),
        "with_overrides": ("grid_factors key", lambda y: FS.with_overrides(grid_factors={y: Q_(0.4, "kg/kWh")})),
        "compute": ("year", lambda y: compute(_tree(), _records(), FS, year=y)),
        "compare_years": ("base_year", lambda y: compare_years(_tree(), _records(), y, 2024, FS)),
        "compute_frame": ("year", lambda y: compute_frame(_tree(), df, FS, year=y)),
        "award_summary": ("grid_year", lambda y: award_summary(*use, grid_year=y)),
        "savings.frame": ("years[0]", lambda y: savings.frame(measures, years=[y])),
        "months_in": ("year", lambda y: savings.recognition_split(Q_(1, "kWh"), "106/8").months_in(y)),
    }


YEAR_CALLS = _year_calls()


@pytest.mark.parametrize("function", list(YEAR_CALLS))
@pytest.mark.parametrize(
    ("year", "words"),
    [
        (True, ["got bool True"]),
        (np.True_, ["got bool True"]),
        (2024.0, ["got float 2024.0", "pass int(2024.0)"]),
        (np.float64(2024), ["got float64 2024.0"]),
        (2024.5, ["got float 2024.5"]),
        ("2024", ["got str '2024'"]),
        (Decimal("2024"), ["got Decimal"]),
        (113, ["got int 113", "ROC 113 is AD 2024", "periods.roc_to_ad(113)"]),
        (np.int64(106), ["got int64 106", "ROC 106 is AD 2017", "periods.roc_to_ad(106)"]),
        (10**400, ["<1329-bit int>"]),
    ],
)
def test_a_year_that_is_not_an_ad_int_is_refused_everywhere(function, year, words):
    name, call = YEAR_CALLS[function]
    with pytest.raises(PeriodError) as info:
        call(year)
    message = str(info.value)
    assert name in message and "must be an AD year as int" in message
    for w in words:
        assert w in message


# -- defect 3: a float period is ambiguous ---------------------------------------------------------

_CSV = "annual_savings,unit,completed\n9504,kWh,106.10\n1200,kWh,106.1\n"


def test_savings_frame_refuses_a_float_period_read_from_a_csv():
    # The reproducer: pandas reads the cell 106.10 (October) as the float 106.1, which was read as
    # 106/1 (January): recognised Feb 106 - Jan 107 instead of Nov 106 - Oct 107.
    df = pd.read_csv(io.StringIO(_CSV))
    assert df["completed"].dtype == np.float64
    with pytest.raises(PeriodError) as info:
        savings.frame(df)
    message = str(info.value)
    for w in ("df['completed']", "row 0", "106.1", "ambiguous", '"106/10"', "dtype=str"):
        assert w in message
    # Read as text, as the message says, the two rows differ and the numbers are right:
    # 106/10 -> Nov, Dec 2017 (2 months: 9,504 x 2 / 12 = 1,584) and 10 months of 2018 (7,920);
    # 106.1 -> 106/1 -> Feb-Dec 2017 (11 months: 1,200 x 11 / 12 = 1,100) and Jan 2018 (100).
    text = pd.read_csv(io.StringIO(_CSV), dtype={"completed": str})
    out = savings.frame(text)
    assert out["recognised_2017"].tolist() == [1584.0, 1100.0]
    assert out["recognised_2018"].tolist() == [7920.0, 100.0]


@pytest.mark.parametrize("value", [106.1, np.float64(106.1), np.float32(106.5), Decimal("106.10")])
def test_a_float_completion_is_refused_with_the_fix(value):
    for call in (
        lambda: savings.recognition_split(Q_(1200, "kWh"), value),
        lambda: savings.Measure("LG06", "electricity", [Q_(1200, "kWh")], completed=value),
        lambda: YearMonth.parse(value),
        lambda: YearMonthRange.parse(value),
    ):
        with pytest.raises(PeriodError, match=r'ambiguous.*"106/10".*text') as info:
            call()
        assert "106.10 (October) and 106.1 (January)" in str(info.value)


def test_float_periods_in_arrays_and_object_columns_are_refused():
    with pytest.raises(PeriodError, match=r"completed\[0\] is the number 106.1.*\"106/10\""):
        savings.recognition_split(Q_([1.0, 2.0], "kWh"), np.array([106.1, 106.2]))
    with pytest.raises(PeriodError, match=r"completed\[1\] is the number 106.1.*\"106/10\""):
        savings.recognition_split(Q_([1.0, 2.0], "kWh"), np.array(["106/8", 106.1], dtype=object))
    mixed = pd.DataFrame({"annual_savings": [1.0, 2.0], "unit": ["kWh"] * 2, "completed": ["106/8", 106.1]})
    with pytest.raises(PeriodError, match=r"df\['completed'\] row 1 \(106.1\).*ambiguous"):
        savings.frame(mixed)
    # a missing completion is named as missing, not as a number
    with pytest.raises(PeriodError, match="completed is missing"):
        savings.recognition_split(Q_(1.0, "kWh"), float("nan"))
    # an empty float array is no measures, not a float period
    with pytest.raises(InvalidValueError, match="completed must not be empty"):
        savings.recognition_split(Q_(np.zeros(0), "kWh"), np.array([]))


# -- defect 8: month indices, uncertainty keys, implausible rates ---------------------------------


@pytest.mark.parametrize(
    ("completed", "words"),
    [
        (2017, ["completed is the int 2017", "year AD 2017"]),
        (106, ["completed is the int 106", "year ROC 106"]),
        (np.int16(2017), ["the int 2017"]),
        (np.array([24_213, 2017]), ["completed[1] is the int 2017"]),
        (np.array([24_213, 106], dtype=np.uint16), ["completed[1] is the int 106"]),
        (np.uint64(2**63), ["the int 9223372036854775808"]),
        (2**64, ["completed must be", "got int 18446744073709551616"]),
    ],
)
def test_an_int_that_is_not_a_month_index_is_refused(completed, words):
    # recognition_split(Q_(1200, "kWh"), 2017) was {168: 1000, 169: 200}: 2017 taken as the month
    # index of AD 168-02
    with pytest.raises(PeriodError) as info:
        savings.recognition_split(Q_(np.full(np.shape(completed), 1200.0), "kWh"), completed)
    message = str(info.value)
    for w in words:
        assert w in message
    if "must be" not in words[0]:
        for w in ("not a month index", "YearMonth(2017, 8)", "'106/8'", "datetime64[M]"):
            assert w in message


def test_measure_refuses_a_year_as_completion():
    with pytest.raises(PeriodError, match=r"completed is the int 2017 .*YearMonth\(2017, 8\)"):
        savings.Measure("LG06", "electricity", [Q_(1200, "kWh")], completed=2017)


def test_month_indices_keep_working_within_their_range():
    # YearMonth(2017, 10).index = 2017 x 12 + 10 - 1 = 24,213: recognised Nov 2017 - Oct 2018,
    # 2 months in 2017 (1,200 x 2 / 12 = 200 kWh) and 10 in 2018 (1,000 kWh)
    split = savings.recognition_split(Q_(1200, "kWh"), 24_213)
    assert {y: q.m_as("kWh") for y, q in split.items()} == {2017: 200.0, 2018: 1000.0}
    # the range's ends: 1912-01 = 1912 x 12 = 22,944 (recognised Feb 1912 - Jan 1913: 11 + 1
    # months) and 2211-12 = 2211 x 12 + 11 = 26,543 (recognised Jan - Dec 2212)
    first = savings.recognition_split(Q_(12, "kWh"), 22_944)
    assert (first.months_in(1912), first.months_in(1913)) == (11.0, 1.0)
    assert savings.recognition_split(Q_(12, "kWh"), 26_543).months_in(2212) == 12.0
    for outside in (22_943, 26_544):
        with pytest.raises(PeriodError, match=f"the int {outside}, which is not a month index"):
            savings.recognition_split(Q_(12, "kWh"), outside)
    # every integer dtype that holds a month index gives the same split as int64
    idx = np.array([24_213, 24_220])
    ref = savings.recognition_split(Q_([1200.0, 1200.0], "kWh"), idx)
    for dtype in (np.int32, np.uint16, np.uint32, np.uint64):
        got = savings.recognition_split(Q_([1200.0, 1200.0], "kWh"), idx.astype(dtype))
        assert list(got) == list(ref)
        for year in ref:
            np.testing.assert_array_equal(got[year].m, ref[year].m)


def _inventory():  # type: ignore[no-untyped-def]
    rec = ActivityRecord(org="a", year=2024, kind="electricity", amount={"value": 1e6, "unit": "kWh"})
    return compute(_tree(), [rec], FS, year=2024)


def test_uncertainty_refuses_a_misspelt_source():
    # The reproducer: {"purchased_electricty": 0.5} gave a zero-width interval (the key matched no
    # line, so no line varied)
    inv = _inventory()
    for arg in ("activity", "factors"):
        with pytest.raises(InvalidValueError) as info:
            uncertainty(inv, **{arg: {"purchased_electricty": 0.5}})
        message = str(info.value)
        for w in (
            arg,
            "'purchased_electricty'",
            "not an emission source",
            "did you mean 'purchased_electricity'",
            "mobile_combustion",
            "stationary_combustion",
        ):
            assert w in message
    # a real source this inventory does not have is fine: it only has no line to vary
    assert uncertainty(inv, activity={"refrigerant": 0.1}) == uncertainty(inv)
    # the right key varies the only line: 1e6 kWh x 0.474 kg/kWh = 474 t, +-5 % sd
    spread = uncertainty(inv, activity={"purchased_electricity": 0.05}, samples=np.int64(20_000), seed=np.uint8(1))
    assert spread.mean == pytest.approx(474.0, rel=0.005)
    assert spread.low < 474.0 * 0.95 and spread.high > 474.0 * 1.05  # about +-1.96 sd


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"activity": "0.05"}, ["activity", "'0.05'"]),
        ({"activity": (0.05,)}, ["activity", "(low, high)"]),
        ({"activity": (0.05, 0.1, 0.2)}, ["activity", "(low, high)"]),
        ({"factors": {"purchased_electricity": (0.05, "x")}}, ["factors['purchased_electricity'][1]", "'x'"]),
        ({"activity": float("inf")}, ["activity", "inf"]),
        ({"activity": 10**400}, ["activity"]),
        ({"samples": 10**9}, ["samples", "5,000,000"]),
        ({"samples": 100.0}, ["samples", "float"]),
    ],
)
def test_uncertainty_refuses_bad_spreads_with_a_typed_error(kwargs, words):
    with pytest.raises(InvalidValueError) as info:
        uncertainty(_inventory(), **kwargs)
    for w in words:
        assert w in str(info.value)


def test_uncertainty_takes_spreads_as_units_fraction_does():
    # a Decimal converts (units.fraction), a percent Quantity is a fraction: the same draws
    inv = _inventory()
    assert uncertainty(inv, activity=Decimal("0.05")) == uncertainty(inv, activity=0.05)
    assert uncertainty(inv, activity=Q_(5, "percent")) == uncertainty(inv, activity=0.05)
    assert uncertainty(inv, activity=[0.05, 0.1]) == uncertainty(inv, activity=(0.05, 0.1))


def test_uncertainty_checks_spreads_even_with_no_line():
    empty = compute(_tree(), [], FS, year=2024)
    with pytest.raises(InvalidValueError, match="purchased_electricty"):
        uncertainty(empty, activity={"purchased_electricty": 0.5})
    with pytest.raises(InvalidValueError, match="activity"):
        uncertainty(empty, activity=1.5)


def test_deductions_name_the_nearest_kind():
    with pytest.raises(DeclarationError, match=r"unknown kind 'ev_chargin' \(did you mean 'ev_charging'\?\)"):
        savings.annual_electricity_use([Q_(1, "kWh")] * 12, deductions={"ev_chargin": Q_(1, "kWh")})
    with pytest.raises(DeclarationError, match=r"unknown kind 'new_building' \(did you mean 'new_buildings'\?\)"):
        savings.planned_use(Q_(10, "kWh"), method="deduct", deductions={"new_building": Q_(1, "kWh")})
    with pytest.raises(InvalidValueError, match="deductions must be a mapping"):
        savings.annual_electricity_use([Q_(1, "kWh")] * 12, deductions=[Q_(1, "kWh")])  # type: ignore[arg-type]


def test_an_implausible_saving_rate_is_not_reported_as_meeting_the_target():
    cap = Q_(11_381, "kW")
    # The reproducer: 0.94 (meant 0.94 %) gave "94.0000 % meets the target"
    for rate in (0.94, Q_(94, "percent"), np.float32(0.5), 0.10):
        found = rates.meets_target(rate, year=2017, contract_capacity=cap)
        assert found.code == "rates.implausible_rate"
        assert found.severity == "warning"
        assert "meets the target" not in found.message
        assert "implausible" in found.message and "not compared with a target" in found.message
        assert found.context["meets"] is True
    found = rates.meets_target(0.94, year=2017, contract_capacity=cap)
    assert "0.94 % is 0.0094" in found.message
    # just below 10 %: compared as usual (target 1 % of rule tw-104-108)
    assert rates.meets_target(0.099, year=2017, contract_capacity=cap).code == "rates.target_met"
    # 1.2 % against the 114-117年 target of 1.5 % above 10,000 kW: missed
    assert rates.meets_target(0.012, year=2025, contract_capacity=cap).code == "rates.target_missed"
    # at or above 100 % (or negative) no saving is possible: refused
    for rate, words in ((1.0, "no saving reaches 100 %"), (94, "0.0094 for 0.94 %"), (-0.01, "non-negative")):
        with pytest.raises(InvalidValueError, match=words):
            rates.meets_target(rate, year=2017, contract_capacity=cap)


# -- defect 1: counts become float64 ---------------------------------------------------------------


def test_equipment_line_with_an_int16_count():
    # The reproducer: 1 kW x 8,024 units x 3,000 h = 24,072,000 kWh (int16 wrapped to 20,288)
    line = savings.EquipmentLine(Q_(1, "kW"), np.int16(8024), Q_(3000, "h"))
    assert line.energy().m_as("kWh") == 24_072_000.0
    # 500 USRT x 20,000 TWD/USRT x 8,024 units = 80,240,000,000 TWD
    invest = savings.InvestmentLine(Q_(500, "USRT"), Q_(20_000, "TWD/USRT"), units=np.int16(8024))
    assert invest.cost().m_as("TWD") == 80_240_000_000.0


def test_demand_response_with_int32_arrays():
    # The reproducer: 70,000 kW x 40,000 h = 2,800,000,000 kWh (int32 wrapped to -1,494,967,296)
    got = savings.demand_response(Q_(np.array([70_000], np.int32), "kW"), Q_(np.array([40_000], np.int32), "h"))
    assert got.m.dtype == np.float64
    np.testing.assert_array_equal(got.m_as("kWh"), [2_800_000_000.0])


def test_saving_amount_with_int16_arrays():
    # 30,000 kWh x 3 TWD/kWh = 90,000 TWD (int16 would wrap to 24,464)
    got = savings.saving_amount(Q_(np.array([30_000], np.int16), "kWh"), Q_(np.array([3], np.int16), "TWD/kWh"))
    np.testing.assert_array_equal(got.m_as("TWD"), [90_000.0])


DTYPES = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.float32]


@pytest.mark.parametrize("dtype", DTYPES)
def test_counts_of_every_dtype_equal_float64(dtype):
    top = np.iinfo(dtype).max if np.dtype(dtype).kind in "iu" else 16_777_216  # float32 holds 2**24 exactly
    units = np.array([0, 1, 7, top], dtype=dtype)
    months = np.array([0, 6, 12, 12], dtype=dtype)
    ref_units, ref_months = units.astype(np.float64), months.astype(np.float64)
    power, hours = Q_(18.65, "kW"), Q_(8000, "h")
    got = savings.equipment_power(power, units, hours, 0.125, months=months)
    ref = savings.equipment_power(power, ref_units, hours, 0.125, months=ref_months)
    assert got.m.dtype == np.float64
    np.testing.assert_array_equal(got.m, ref.m)
    # by hand for the last: 18.65 kW x top x 8,000 h x 0.125 x 12 / 12
    assert got.m[-1] == pytest.approx(18.65 * float(top) * 8000 * 0.125, rel=1e-15)
    line = savings.EquipmentLine(power, units, hours)
    np.testing.assert_array_equal(line.energy().m, savings.EquipmentLine(power, ref_units, hours).energy().m)
    # scalars of the dtype, as in the reproducer
    one = savings.EquipmentLine(Q_(1, "kW"), dtype(top), Q_(3000, "h")).energy().m_as("kWh")
    assert one == float(top) * 3000.0
    for f in (savings.efficiency_gain, lambda a, g, months: savings.annual_improvement(a, months)):
        np.testing.assert_array_equal(
            f(Q_(np.full(4, 149_200.0), "kWh"), 0.125, months=months).m,
            f(Q_(np.full(4, 149_200.0), "kWh"), 0.125, months=ref_months).m,
        )
    assert savings.efficiency_gain(Q_(149_200, "kWh"), 0.125, months=dtype(11)).m == pytest.approx(
        149_200 * 0.125 * 11 / 12, rel=1e-15
    )


@pytest.mark.parametrize("dtype", DTYPES)
def test_amounts_of_every_dtype_equal_float64(dtype):
    top = np.iinfo(dtype).max if np.dtype(dtype).kind in "iu" else 16_777_216
    amounts = np.array([0, 100, top], dtype=dtype)
    ref = amounts.astype(np.float64)
    price = Q_(3, "TWD/kWh")
    np.testing.assert_array_equal(
        savings.saving_amount(Q_(amounts, "kWh"), price).m, savings.saving_amount(Q_(ref, "kWh"), price).m
    )
    idx = np.full(3, 24_213)  # completed 2017-10
    got = savings.recognition_split(Q_(amounts, "kWh"), idx, months=np.array([12, 6, 12], dtype=dtype))
    want = savings.recognition_split(Q_(ref, "kWh"), idx, months=np.array([12.0, 6.0, 12.0]))
    for year in want:
        np.testing.assert_array_equal(got[year].m, want[year].m)
    measure = savings.Measure("LG06", "electricity", [Q_(dtype(100), "kWh"), Q_(dtype(100), "kWh")], completed="106/8")
    assert measure.savings().m_as("kWh") == 200.0


@pytest.mark.parametrize(
    "bad",
    [
        10**400,
        -(10**400),
        Decimal("3"),
        "3",
        b"3",
        True,
        np.True_,
        2.5,
        -1,
        np.int8(-1),
        float("nan"),
        float("inf"),
        None,
    ],
)
def test_bad_counts_are_invalid_value_errors(bad):
    with pytest.raises(InvalidValueError, match="units must be a non-negative whole number"):
        savings.EquipmentLine(Q_(1, "kW"), bad, Q_(1, "h"))
    with pytest.raises(InvalidValueError, match="units must be a non-negative whole number"):
        savings.equipment_power(Q_(1, "kW"), bad, Q_(1, "h"), 0.1)


@pytest.mark.parametrize(
    "bad",
    [
        [1, 10**400],
        np.array([1.0, np.inf]),
        np.array([1.0, np.nan]),
        np.array([1.5]),
        np.array([-1], dtype=np.int32),
        np.array(["1"]),
        np.array([Decimal(1)], dtype=object),
    ],
)
def test_bad_count_arrays_are_invalid_value_errors(bad):
    with pytest.raises(InvalidValueError, match="units must be a non-negative whole number"):
        savings.equipment_power(Q_(1, "kW"), bad, Q_(1, "h"), 0.1)


@pytest.mark.parametrize("bad", [10**400, [6, 10**400], Decimal("6"), "6", True, None, 13, np.uint8(13), -0.5])
def test_bad_months_are_invalid_value_errors(bad):
    with pytest.raises(InvalidValueError, match="months"):
        savings.efficiency_gain(Q_(1, "kWh"), 0.1, months=bad)
    with pytest.raises(InvalidValueError, match="months"):
        savings.recognition_split(Q_(1, "kWh"), "106/8", months=bad)


def test_recognition_split_keys_are_ad_years():
    # 106/8~106/9: 3 months of 9,504 kWh in 2017 (2,376) and 9 in 2018 (7,128)
    split = savings.recognition_split(Q_(9504, "kWh"), "106/8~106/9")
    assert split[np.int64(2017)].m_as("kWh") == 2376.0 and split[np.uint16(2018)].m_as("kWh") == 7128.0
    assert 2017 in split and 106 not in split and split.get(2019) is None
    with pytest.raises(KeyError):
        split[2019]  # an AD year not reached: the Mapping protocol
    for key, words in ((106, "ROC 106 is AD 2017"), (2017.0, "got float 2017.0"), ("2017", "got str")):
        with pytest.raises(PeriodError, match=words):
            split[key]  # type: ignore[index]


# -- harness classes: 1e30 cap on counts, every month checked, the first argument's unit -----------
# (issue 12 harness report, classes 1, 2, 3, 5, 7, 8, 9 for savings, rates, periods, the frames)


@pytest.mark.parametrize("units", [1e308, 1e31, np.array([1.0, 1e308]), [1.0, 1e31]])
def test_counts_above_1e30_are_refused_naming_units(units):
    # 1e308 units x 18 kW x 8,000 h overflowed to inf: a count is an amount, at most units.MAX_AMOUNT
    with pytest.raises(InvalidValueError, match=r"units(\[1\])? is 1e\+3\d+, larger in magnitude than the 1e\+30"):
        savings.equipment_power(Q_(18, "kW"), units, Q_(8000, "h"), 0.125)
    with pytest.raises(InvalidValueError, match=r"units.*larger in magnitude than the 1e\+30"):
        savings.EquipmentLine(Q_(1, "kW"), units, Q_(3000, "h"))
    with pytest.raises(InvalidValueError, match=r"units.*larger in magnitude than the 1e\+30"):
        savings.InvestmentLine(Q_(500, "USRT"), Q_(20_000, "TWD/USRT"), units=units)


def test_before_after_refuses_a_line_of_1e308_units():
    with pytest.raises(InvalidValueError, match=r"units is 1e\+308, larger in magnitude"):
        savings.before_after([savings.EquipmentLine(Q_(18, "kW"), 1e308, Q_(8000, "h"))], [])


def test_counts_up_to_1e30_are_taken():
    # 1 W x 1e30 units x 1 h = 1e30 Wh = 1e27 kWh, finite
    assert savings.EquipmentLine(Q_(1, "W"), 1e30, Q_(1, "h")).energy().m_as("kWh") == pytest.approx(1e27, rel=1e-15)
    # 18 kW x 2 units x 8,000 h x 0.125 x 12/12 = 36,000 kWh
    assert savings.equipment_power(Q_(18, "kW"), 2, Q_(8000, "h"), 0.125).m_as("kWh") == 36_000.0
    # (18 - 14) kW x 8,000 h = 32,000 kWh
    before = [savings.EquipmentLine(Q_(18, "kW"), 1, Q_(8000, "h"))]
    after = [savings.EquipmentLine(Q_(14, "kW"), 1, Q_(8000, "h"))]
    assert savings.before_after(before, after).m_as("kWh") == 32_000.0


_THIS = [100.0] * 5 + [180.0, 190.0, 190.0, 180.0] + [100.0] * 3
_LAST = [100.0] * 5 + [200.0] * 4 + [100.0] * 3


@pytest.mark.parametrize(
    ("month", "value", "words"),
    [
        (11, np.nan, r"\[11\] must be a finite, non-negative number, got nan"),  # December, not summer
        (0, np.inf, r"\[0\] must be a finite, non-negative number, got inf"),
        (2, -100.0, r"\[2\] must be a finite, non-negative number, got -100.0"),
        (6, 1e308, r"\[6\] is 1e\+308, larger in magnitude than the 1e\+30"),  # July: summed, it overflowed
    ],
)
@pytest.mark.parametrize("which", ["this_year_monthly", "last_year_monthly"])
def test_summer_comparison_checks_every_month(which, month, value, words):
    this, last = list(_THIS), list(_LAST)
    (this if which == "this_year_monthly" else last)[month] = value
    with pytest.raises(InvalidValueError, match=which + words):
        rates.summer_comparison(Q_(this, "kWh"), Q_(last, "kWh"))


def test_summer_comparison_of_valid_months():
    # June-September: this year 180 + 190 + 190 + 180 = 740 kWh, last year 4 x 200 = 800 kWh;
    # saving 800 - 740 = 60 kWh, share 60 / 800 = 0.075
    got = rates.summer_comparison(Q_(_THIS, "kWh"), Q_(_LAST, "kWh"))
    assert got.saving.m_as("kWh") == 60.0
    assert got.share.m == pytest.approx(0.075, rel=1e-15)


_S3 = [138_166.0, 1_342_662.0, 1_120_329.5]
_B3 = [87_707_922.0, 93_174_776.0, 92_677_376.0]


@pytest.mark.parametrize(
    ("unit", "words"),
    [
        ("kvar*h", "savings must be real energy"),
        ("kVA*h", "savings must be real energy"),
        ("m", r"savings must be in a unit of"),
    ],
)
@pytest.mark.parametrize("function", [rates.average_saving_rate, rates.cumulative_saving_rates])
def test_rates_blame_the_first_argument_for_its_own_unit(function, unit, words):
    # the use (kWh) was converted into the savings' unit, and the use was blamed: "use must be reactive energy"
    with pytest.raises(UnitsError, match=words):
        function(Q_(_S3, unit), Q_(_B3, "kWh"))
    with pytest.raises(UnitsError, match=r"savings\[0\]"):
        function([Q_(v, unit) for v in _S3], [Q_(v, "kWh") for v in _B3])
    # the other way round, the use is at fault and named
    with pytest.raises(UnitsError, match="use"):
        function(Q_(_S3, "kWh"), Q_(_B3, unit))


def test_summer_comparison_blames_this_year_for_its_own_unit():
    with pytest.raises(UnitsError, match="this_year_monthly must be real energy"):
        rates.summer_comparison(Q_(_THIS, "kvar*h"), Q_(_LAST, "kWh"))
    with pytest.raises(UnitsError, match="this_year_monthly must be in a unit of"):
        rates.summer_comparison(Q_(_THIS, "m"), Q_(_LAST, "kWh"))
    with pytest.raises(UnitsError, match="last_year_monthly"):
        rates.summer_comparison(Q_(_THIS, "kWh"), Q_(_LAST, "kvar*h"))


def test_average_rates_of_production_declaration_still_hold():
    # 表十之五: (138,166 + 1,342,662 + 1,120,329.5) / (that + 87,707,922 + 93,174,776 + 92,677,376)
    #         = 2,601,157.5 / 276,161,231.5 = 0.0094190...
    got = rates.average_saving_rate(Q_(_S3, "kWh"), Q_(_B3, "kWh")).m
    assert got == pytest.approx(2_601_157.5 / 276_161_231.5, rel=1e-12)


@pytest.mark.parametrize(
    ("capacity", "words"),
    [
        (Q_(500, "kVA"), "capacity must be real power"),
        (Q_(500, "kvar"), "capacity must be real power"),
        (Q_(500, "m"), "capacity must be in a unit of"),
    ],
)
def test_investment_line_blames_the_capacity_for_its_own_unit(capacity, words):
    with pytest.raises(UnitsError, match=words):
        savings.InvestmentLine(capacity, Q_(20_000, "TWD/USRT"))


def test_investment_line_of_the_example():
    # 500 USRT x 20,000 TWD/USRT x 2 units = 20,000,000 TWD; in kW: 100 kW x 3,000 TWD/kW = 300,000 TWD
    assert savings.InvestmentLine(Q_(500, "USRT"), Q_(20_000, "TWD/USRT"), units=2).cost().m_as("TWD") == 20_000_000.0
    assert savings.InvestmentLine(Q_(100, "kW"), Q_(3_000, "TWD/kW")).cost().m_as("TWD") == 300_000.0


# -- empty arrays and period text name their argument ---------------------------------------------


def test_empty_arrays_name_the_argument():
    with pytest.raises(InvalidValueError, match="^annual must not be empty"):
        savings.recognition_split(Q_(np.array([]), "kWh"), "106/8")
    with pytest.raises(InvalidValueError, match="^months must not be empty"):
        savings.recognition_split(Q_(1200, "kWh"), "106/8", np.array([]))
    with pytest.raises(InvalidValueError, match=r"lines\[0\] of measure LG06 is an empty array"):
        savings.Measure("LG06", "electricity", [Q_(np.array([]), "kWh")], completed="106/8~106/9")
    measure = savings.Measure("LG06", "electricity", [Q_(9504, "kWh")], completed="106/8~106/9")
    with pytest.raises(InvalidValueError, match="^months must not be empty"):
        measure.recognition(np.array([]))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("106/13", "month must be between 1 and 12, got 13"),
        ("106/0", "month must be between 1 and 12, got 0"),
        ("", "cannot read a year and month from ''"),
        ("abc", "cannot read a year and month from 'abc'"),
        ("106/9~106/8", "period end 2017-08 is before its start 2017-09"),
    ],
)
def test_period_text_errors_name_completed_and_what_is_expected(text, words):
    pattern = rf"completed {text!r} cannot be read: {words}.*'106/8' \(ROC year/month, month 1 to 12\)"
    with pytest.raises(PeriodError, match=pattern):
        savings.recognition_split(Q_(1200, "kWh"), text)
    with pytest.raises(PeriodError, match=pattern):
        savings.Measure("LG06", "electricity", [Q_(9504, "kWh")], completed=text)
    df = pd.DataFrame({"annual_savings": [1200.0], "unit": ["kWh"], "completed": [text]}, index=["m1"])
    with pytest.raises(PeriodError, match=rf"df\['completed'\] row 'm1'.*{words}"):
        savings.frame(df)


def test_measure_lines_summing_to_a_negative_are_named():
    negative = savings.Measure(
        "LG06", "electricity", [Q_(-9504, "kWh")], completed="106/8~106/9", unit_price=Q_(3, "TWD/kWh")
    )
    assert negative.savings().m_as("kWh") == -9504.0  # the sum itself is reported
    for call in (negative.recognition, negative.saving_amount):
        with pytest.raises(InvalidValueError, match=r"measure LG06: its lines sum to -9504.0 kWh.*lines"):
            call()
    # 10,000 - 496 = 9,504 kWh: 3 months in 2017 (9,504 x 3/12 = 2,376), 9 in 2018 (x 9/12 = 7,128)
    mixed = savings.Measure(
        "LG06",
        "electricity",
        [Q_(10_000, "kWh"), Q_(-496, "kWh")],
        completed="106/8~106/9",
        unit_price=Q_(3, "TWD/kWh"),
    )
    assert {y: q.m_as("kWh") for y, q in mixed.recognition().items()} == {2017: 2376.0, 2018: 7128.0}
    assert mixed.saving_amount().m_as("TWD") == 28_512.0  # 9,504 kWh x 3 TWD/kWh


def test_add_months_beyond_the_calendar_names_months():
    # 2017-08 is month index 2017 x 12 + 7 = 24,211; 1912-01 is 22,944 and 2211-12 is 26,543:
    # the reach is 22,944 - 24,211 = -1,267 to 26,543 - 24,211 = 2,332 months
    start = YearMonth(2017, 8)
    assert start.add_months(2332) == YearMonth(2211, 12)
    assert start.add_months(-1267) == YearMonth(1912, 1)
    for k in (10**400, 2333, -1268):
        with pytest.raises(PeriodError, match=r"months=.* moves 2017-08 beyond.*between -1,267 and 2,332"):
            start.add_months(k)


# -- DataFrame cells: one reader of numbers (_batch.numbers) for savings.frame and emissions.frame -


def _measures(**change):
    df = pd.DataFrame(
        {"annual_savings": [9504.0, 1200.0], "unit": ["kWh", "kWh"], "completed": ["106/8~106/9", "106/12"]},
        index=["m1", "m2"],
    ).assign(price=[3.0, 3.0])
    return df.assign(**change)


@pytest.mark.parametrize("column", ["annual_savings", "price"])
@pytest.mark.parametrize(
    ("cells", "words"),
    [
        ([9504.0, 1e308], r"row 'm2': .* is 1e\+308, larger in magnitude than the 1e\+30"),
        (pd.array([9504, 10**400], dtype=object), r"row 'm2': .* must be a number, got <1329-bit int>; it is beyond"),
        ([9504.0, True], r"row 'm2': .* must be a number, got True; a bool is not an amount"),
        ([True, False], r"holds bool values, not numbers"),
        (["9504", "abc"], r"row 'm2': .* must be a number, got 'abc'; give numbers only"),
        (["9504", "12,000"], r"row 'm2': .* got '12,000'; strip the thousands separators.*thousands=','"),
        ([9504.0, -1.0], r"row 'm2': .* must be a finite, non-negative number, got -1.0"),
        ([9504.0, None], r"row 'm2': .* must be a finite, non-negative number, got nan"),
    ],
)
def test_savings_frame_cells_name_column_row_and_value(column, cells, words):
    with pytest.raises(InvalidValueError, match=rf"df\['{column}'\] {words}"):
        savings.frame(_measures(**{column: cells}), unit_price="price")


def test_savings_frame_takes_numbers_as_text_and_decimals():
    # 9,504 kWh completed 106/8~106/9: 2017 gets 9,504 x 3/12 = 2,376, 2018 gets 9,504 x 9/12 = 7,128;
    # 1,200 kWh completed 106/12: all 12 months in 2018; money 9,504 x 3 = 28,512 and 1,200 x 3 = 3,600 TWD
    for cells in (["9504", "1200"], pd.array([Decimal("9504"), Decimal("1200")], dtype=object)):
        out = savings.frame(_measures(annual_savings=cells), unit_price="price")
        assert out["recognised_2017"].tolist() == [2376.0, 0.0]
        assert out["recognised_2018"].tolist() == [7128.0, 1200.0]
        assert out["saving_amount_TWD"].tolist() == [28_512.0, 3_600.0]


def test_savings_frame_months_of_another_length_are_named():
    with pytest.raises(InvalidValueError, match=r"months must be one number for every measure or one per row of df"):
        savings.frame(_measures(), months=np.array([12, 12, 12]))
    with pytest.raises(InvalidValueError, match=r"months must be one number.*shape \(0,\)"):
        savings.frame(_measures(), months=np.array([]))
    with pytest.raises(InvalidValueError, match="months is a Series whose index is not df's"):
        savings.frame(_measures(), months=pd.Series([12, 12], index=[10, 20]))


def test_savings_frame_months_one_per_row():
    # row m1, 6 months from 2017-10: October-December 2017 (3) and January-March 2018 (3),
    # 9,504 x 3/12 = 2,376 in each; row m2, 12 months from 2018-01: 1,200 in 2018
    for months in (np.array([6, 12]), pd.Series([6, 12], index=["m1", "m2"])):
        out = savings.frame(_measures(), months=months)
        assert out["recognised_2017"].tolist() == [2376.0, 0.0]
        assert out["recognised_2018"].tolist() == [2376.0, 1200.0]
        assert out["recognised_months_2018"].tolist() == [3.0, 12.0]


def test_emissions_frame_refuses_1e308_by_row():
    # the bad-row mask lacked the 1e30 bound: an IndexError instead of the row
    rows = pd.DataFrame({"fuel": ["electricity"] * 2, "amount": [1000.0, 1e308], "unit": ["kWh"] * 2, "year": 2013})
    with pytest.raises(InvalidValueError, match=r"df\['amount'\] row 1: amount is 1e\+308, larger in magnitude"):
        emissions.frame(rows, "ntpc-award-2015")


def test_emissions_frame_takes_amounts_up_to_1e30():
    # award-form-2015 附表2: 0.522 kg CO2e/kWh; 1e30 kWh x 0.522 = 5.22e29 kg, 1,000 kWh x 0.522 = 522 kg
    rows = pd.DataFrame({"fuel": ["electricity"] * 2, "amount": [1000.0, 1e30], "unit": ["kWh"] * 2, "year": 2013})
    got = emissions.frame(rows, "ntpc-award-2015")["CO2e_kg"].to_numpy()
    np.testing.assert_allclose(got, [522.0, 5.22e29], rtol=1e-12)


@pytest.mark.parametrize(
    "year, capacity_kw, about",
    [
        (2024, 900, None),  # no rule covers 2024 in the data: still flagged, not "nothing to compare"
        (2019, 100, "sets no target for 100 kW"),  # 104-108 rule: no tier for 100 kW
        (2019, 900, "the target of rule tw-104-108 is 1.00%"),
    ],
)
def test_an_implausible_rate_is_flagged_with_or_without_a_target(year, capacity_kw, about):
    f = rates.meets_target(0.94, year=year, contract_capacity=Q_(capacity_kw, "kW"))
    assert (f.code, f.severity) == ("rates.implausible_rate", "warning")
    assert f.message.startswith(("saving rate 94.00% is implausible", "average annual saving rate 94.00% is implausible"))
    assert "meets the target" not in f.message
    if about is not None:
        assert about in f.message
    # just below the 10 % threshold the usual findings come back
    below = rates.meets_target(0.0999, year=year, contract_capacity=Q_(capacity_kw, "kW"))
    assert below.code != "rates.implausible_rate"
