"""Exact messages, boundaries, options and returned fields of carbonaudit.savings.

Complements tests/test_savings.py (which pins the formulas to production-declaration-2018/003 figures): every raise of
the module with its whole message, the boundaries of every comparison, the defaults of every
option, and the exact fields of the returned objects. Numbers are worked by hand in the comments.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from carbonaudit import Q_, DeclarationError, InvalidValueError, PeriodError, UnitsError, YearMonth, savings, ureg
from carbonaudit.savings import EquipmentLine, InvestmentLine, Measure

COMPLETED_FORMS = (
    "a YearMonth (YearMonth(2017, 8)), a YearMonthRange, period text ('106/8' or '106/8~106/9', "
    "ROC), numpy datetime64[M] (np.datetime64('2017-08')), or a month index (YearMonth.index, "
    "22,944 to 26,543)"  # 1912 x 12 = 22,944; 2211 x 12 + 11 = 26,543
)
NOT_A_MONTH_INDEX = (
    ", which is not a month index: a month index is YearMonth.index, 22,944 to 26,543 for AD 1912-01 to "
    "2211-12. Pass the completion month as a YearMonth (YearMonth(2017, 8)), period text ('106/8', ROC) "
    "or numpy datetime64[M] (np.datetime64('2017-08'))"
)
CANNOT_BE_READ = (
    " cannot be read: month must be between 1 and 12, got 13. Write the completion month as the forms do, "
    "'106/8' (ROC year/month, month 1 to 12) or a period '106/8~106/9' (its end month counts), or ISO '2017-08'"
)
FLOAT_PERIOD = (
    ", and a period written as a number is ambiguous: 106.10 (October) and 106.1 (January) are the same "
    'float. Write the period as text, "106/10" (ROC year/month), or read the column as text '
    "(pandas.read_csv(..., dtype=str); astype(str) on the floats would give '106.1' again)"
)
GAIN_RANGE = "gain must be a fraction between 0 and 1 (or a percent Quantity up to 100 %), got "
COUNT = "units must be a non-negative whole number (a count of units), got "
AMOUNT = "an amount of energy, volume or mass (kWh, kL, m³, kg ...)"
TOO_LARGE = (
    " is 1e+31, larger in magnitude than the 1e+30 that carbonaudit accepts for any amount (no real figure "
    "comes near it, and products of larger values overflow float64); check the unit and the decimal point"
)
ANNUAL_KINDS = (
    "new_buildings, new_equipment, rail_traction, safety_areas, construction_areas, new_regulations, "
    "ev_charging, energy_use_statement"
)
PLANNED_KINDS = "new_buildings, new_equipment, rail_traction, construction_areas, ev_charging, energy_use_statement"


def message(call, error=InvalidValueError):
    """The message of the exception *call* raises, which must be exactly of type *error*."""
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    return str(info.value)


def shown(prefix, number):
    """*prefix* + a numpy float as the message may show it: ``1.5`` or numpy 2's ``np.float64(1.5)``.

    The np.float64(...) form is the repr of a numpy scalar leaking into the message (reported);
    both forms are accepted so that the test survives the fix.
    """
    return {f"{prefix}{number!r}", f"{prefix}np.float64({number!r})"}


def kwh(x):
    return Q_(x, "kWh")


# -- _months ---------------------------------------------------------------------------------------


def test_months_bounds_0_and_12_are_accepted_just_outside_refused():
    # 1,200 kWh x 100 % x 0/12 = 0; x 12/12 = 1,200
    assert savings.efficiency_gain(kwh(1200), 1.0, months=0).m == 0
    assert savings.efficiency_gain(kwh(1200), 1.0, months=12).m == 1200
    above = np.nextafter(12.0, 13.0)
    below = np.nextafter(0.0, -1.0)
    assert message(lambda: savings.efficiency_gain(kwh(1), 0.1, months=above)) in shown(
        "months must be between 0 and 12, got ", float(above)
    )
    assert message(lambda: savings.efficiency_gain(kwh(1), 0.1, months=below)) in shown(
        "months must be between 0 and 12, got ", float(below)
    )
    assert message(lambda: savings.efficiency_gain(kwh(1), 0.1, months=float("nan"))) in shown(
        "months must be between 0 and 12, got ", float("nan")
    )


def test_months_array_names_the_first_bad_value():
    assert message(lambda: savings.efficiency_gain(kwh(1), 0.1, months=np.array([1, 13, -1]))) in shown(
        "months must be between 0 and 12, got ", 13.0
    )


def test_months_accepts_numpy_scalars_int_uint_float_arrays_lists_and_tuples():
    # 1,200 kWh x 100 % x 6/12 = 600; x 12/12 = 1,200
    assert savings.efficiency_gain(kwh(1200), 1.0, months=np.int64(6)).m == 600
    assert savings.efficiency_gain(kwh(1200), 1.0, months=np.float32(6)).m == 600
    for months in (
        np.array([6, 12], dtype=np.int8),
        np.array([6, 12], dtype=np.uint16),
        np.array([6, 12], dtype=np.float32),
        [6, 12],
        (6, 12.0),
    ):
        result = savings.efficiency_gain(kwh(1200), 1.0, months=months)
        np.testing.assert_array_equal(result.m, [600.0, 1200.0])
        assert result.m.dtype == np.float64


def test_months_refuses_bool_text_bool_arrays_and_lists_with_a_bool():
    assert message(lambda: savings.efficiency_gain(kwh(1), 0.1, months=True)) == (
        "months must be a number of months between 0 and 12, got bool True"
    )
    assert message(lambda: savings.efficiency_gain(kwh(1), 0.1, months="12")) == (
        "months must be a number of months between 0 and 12, got str '12'"
    )
    assert message(lambda: savings.efficiency_gain(kwh(1), 0.1, months=np.array([True]))) == (
        "months must be a number of months between 0 and 12, got ndarray array([ True])"
    )
    assert message(lambda: savings.efficiency_gain(kwh(1), 0.1, months=[1, True])) == (
        "months must be a number of months between 0 and 12, got list [1, True]"
    )


def test_months_int_beyond_float_range():
    assert message(lambda: savings.efficiency_gain(kwh(1), 0.1, months=2**1024)) == (
        "months must be a number of months between 0 and 12, got <1025-bit int> (beyond float range)"
    )
    assert message(lambda: savings.efficiency_gain(kwh(1), 0.1, months=[1, 2**1024])) == (
        "months must hold a number of months between 0 and 12, got an int beyond float range"
    )


# -- _unit_fraction --------------------------------------------------------------------------------


def test_gain_bounds_0_and_1_accepted_just_outside_refused():
    # 1,000 kWh x 0 = 0; x 1 = 1,000; 100 % as a Quantity is 1
    assert savings.efficiency_gain(kwh(1000), 0.0).m == 0
    assert savings.efficiency_gain(kwh(1000), 1.0).m == 1000
    assert savings.efficiency_gain(kwh(1000), Q_(100, "percent")).m == 1000
    above = float(np.nextafter(1.0, 2.0))
    below = float(np.nextafter(0.0, -1.0))
    assert message(lambda: savings.efficiency_gain(kwh(1), above)) in shown(GAIN_RANGE, above)
    assert message(lambda: savings.efficiency_gain(kwh(1), below)) in shown(GAIN_RANGE, below)
    assert message(lambda: savings.efficiency_gain(kwh(1), Q_(125, "percent"))) in shown(GAIN_RANGE, 1.25)


def test_gain_array_refused_for_a_negative_alone_or_a_value_above_1_alone():
    assert message(lambda: savings.efficiency_gain(kwh(1), np.array([0.5, -0.25]))) in shown(GAIN_RANGE, -0.25)
    assert message(lambda: savings.efficiency_gain(kwh(1), np.array([0.5, 1.5]))) in shown(GAIN_RANGE, 1.5)


def test_gain_empty_array_is_accepted():
    result = savings.efficiency_gain(kwh(1000), np.array([]))
    assert result.m.shape == (0,)


def test_load_and_month_share_are_named():
    line = lambda **kw: EquipmentLine(Q_(1, "kW"), 1, Q_(1, "h"), **kw)  # noqa: E731
    assert message(lambda: line(load=2)) in shown(
        "load must be a fraction between 0 and 1 (or a percent Quantity up to 100 %), got ", 2.0
    )
    assert message(lambda: line(month_share=1.5)) in shown(
        "month_share must be a fraction between 0 and 1 (or a percent Quantity up to 100 %), got ", 1.5
    )
    # gain of the 107年 formula (2)
    assert message(lambda: savings.equipment_power(Q_(1, "kW"), 1, Q_(1, "h"), 1.5)) in shown(GAIN_RANGE, 1.5)


# -- _count ----------------------------------------------------------------------------------------


def test_units_scalar_refusals():
    call = lambda units: savings.equipment_power(Q_(1, "kW"), units, Q_(1, "h"), 0.5)  # noqa: E731
    assert message(lambda: call(1.5)) == COUNT + "1.5"
    assert message(lambda: call(-1)) == COUNT + "-1"
    assert message(lambda: call(float("nan"))) == COUNT + "nan"
    assert message(lambda: call(float("inf"))) == COUNT + "inf"
    assert message(lambda: call(True)) == COUNT + "bool True"
    assert message(lambda: call(np.True_)) == COUNT + "bool True"
    assert message(lambda: call("2")) == COUNT + "str '2'"
    assert message(lambda: call(None)) == COUNT + "NoneType None"
    assert message(lambda: call(Decimal(2))) == COUNT + "Decimal Decimal('2')"
    assert message(lambda: call(Q_(2, ""))) == COUNT + "Quantity <Quantity(2, 'dimensionless')>"
    assert message(lambda: call(2**1024)) == COUNT + "<1025-bit int> (beyond float range)"
    assert message(lambda: call(1e31)) == "units" + TOO_LARGE


def test_units_zero_is_a_count():
    # 0 units x 1 kW x 1 h x 50 % = 0 kWh; 2 units: 1 kWh
    assert savings.equipment_power(Q_(1, "kW"), 0, Q_(1, "h"), 0.5).m == 0
    assert savings.equipment_power(Q_(1, "kW"), np.uint8(2), Q_(1, "h"), 0.5).m == 1.0


def test_units_integer_arrays():
    call = lambda units: savings.equipment_power(Q_(1, "kW"), units, Q_(1, "h"), 1.0)  # noqa: E731
    # 1 kW x [0, 1, 2] units x 1 h = [0, 1, 2] kWh
    np.testing.assert_array_equal(call(np.array([0, 1, 2])).m, [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(call(np.array([0, 1, 2], dtype=np.uint64)).m, [0.0, 1.0, 2.0])
    assert call(np.array([], dtype=np.int64)).m.shape == (0,)
    assert message(lambda: call(np.array([0, -2, -3]))) == COUNT + "-2"
    # an int16 count is computed in float64: 8,024 x 3,000 kW x 1 h = 24,072,000 kWh (int16 would wrap)
    big = savings.equipment_power(Q_(3000, "kW"), np.array([8024], dtype=np.int16), Q_(1, "h"), 1.0)
    assert big.m[0] == 24_072_000


def test_units_float_arrays():
    call = lambda units: savings.equipment_power(Q_(1, "kW"), units, Q_(1, "h"), 1.0)  # noqa: E731
    np.testing.assert_array_equal(call(np.array([0.0, 1.0, 3.0], dtype=np.float32)).m, [0.0, 1.0, 3.0])
    np.testing.assert_array_equal(call([0.0, 1.0, 2.0]).m, [0.0, 1.0, 2.0])
    assert call(np.array([], dtype=np.float64)).m.shape == (0,)
    assert message(lambda: call(np.array([1.0, 2.5]))) in shown(COUNT, 2.5)
    assert message(lambda: call(np.array([1.0, -1.0]))) in shown(COUNT, -1.0)
    assert message(lambda: call(np.array([1.0, np.nan]))) in shown(COUNT, float("nan"))
    assert message(lambda: call(np.array([1.0, np.inf]))) in shown(COUNT, float("inf"))
    assert message(lambda: call(np.array([1e31]))) == "units[0]" + TOO_LARGE


def test_units_ragged_and_object_arrays():
    call = lambda units: savings.equipment_power(Q_(1, "kW"), units, Q_(1, "h"), 1.0)  # noqa: E731
    assert message(lambda: call([[1, 2], [3]])) == COUNT + "list [[1, 2], [3]]"
    assert message(lambda: call(["1", "2"])) == COUNT + "list ['1', '2']"


# -- _amount ---------------------------------------------------------------------------------------


def test_amount_keeps_its_unit_for_energy_volume_and_mass():
    # 8 kL x 25 % x 12/12 = 2 kL; 8 m³ -> 2 m³; 8 t -> 2 t
    for unit in ("kL", "m**3", "t", "MWh"):
        result = savings.efficiency_gain(Q_(8, unit), 0.25)
        assert result.m == 2.0 and result.units == ureg.Unit(unit)
    assert savings.annual_improvement(Q_(8, "kL"), months=6).units == ureg.Unit("kL")


def test_amount_messages_name_the_argument():
    assert message(lambda: savings.efficiency_gain(149_200, 0.1), UnitsError) == (
        f"consumption must be a Quantity of {AMOUNT}, got bare int 149200; give units, e.g. carbonaudit.Q_(149200, ...)"
    )
    assert message(lambda: savings.efficiency_gain(Q_(100, "kW"), 0.1), UnitsError) == (
        f"consumption must be {AMOUNT}, got 100 kW which is [mass] * [length] ** 2 / [time] ** 3"
    )
    assert message(lambda: savings.efficiency_gain(Q_(100, "kvar*h"), 0.1), UnitsError) == (
        "consumption must be real energy (kWh), got h * kvar: reactive energy (kvarh) is not real energy (kWh)"
    )
    assert message(lambda: savings.efficiency_gain(kwh(-1), 0.1)) == (
        "consumption must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: savings.annual_improvement(Q_(-1, "kL"))) == (
        "improvement must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: savings.annual_improvement(5), UnitsError).startswith("improvement must be a Quantity of ")
    assert message(lambda: savings.recognition_split(kwh(-1), "106/8")) == (
        "annual must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: savings.saving_amount(kwh(-1), Q_(3, "TWD/kWh"))) == (
        "savings must be a finite, non-negative number, got -1.0"
    )


# -- the three formulas: defaults and shapes -------------------------------------------------------


def test_formula_defaults_are_12_months():
    # 1,200 kWh x 50 % x 12/12 = 600; 1,200 kWh x 12/12 = 1,200; 2 kW x 3 x 100 h x 50 % = 300
    assert savings.efficiency_gain(kwh(1200), 0.5).m == 600
    assert savings.annual_improvement(kwh(1200)).m == 1200
    assert savings.equipment_power(Q_(2, "kW"), 3, Q_(100, "h"), 0.5).m == 300


def test_formula_shape_messages_name_every_array_argument():
    two, three = np.ones(2), np.ones(3)
    assert message(lambda: savings.efficiency_gain(kwh(two), two * 0.5, months=three)) == (
        "array arguments must have matching lengths (or be scalars), got consumption (2,), gain (2,), months (3,)"
    )
    assert message(lambda: savings.equipment_power(Q_(two, "kW"), two, Q_(two, "h"), two * 0.5, months=three)) == (
        "array arguments must have matching lengths (or be scalars), got power (2,), units (2,), hours (2,), "
        "gain (2,), months (3,)"
    )
    assert message(lambda: savings.annual_improvement(kwh(two), months=three)) == (
        "array arguments must have matching lengths (or be scalars), got improvement (2,), months (3,)"
    )
    assert message(lambda: EquipmentLine(Q_(two, "kW"), two, Q_(two, "h"), load=two, month_share=three)) == (
        "array arguments must have matching lengths (or be scalars), got power (2,), units (2,), hours (2,), "
        "load (2,), month_share (3,)"
    )


def test_equipment_power_and_line_name_power_and_hours():
    assert message(lambda: savings.equipment_power(Q_(-1, "kW"), 1, Q_(1, "h"), 0.5)) == (
        "power must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: savings.equipment_power(Q_(1, "kW"), 1, Q_(-1, "h"), 0.5)) == (
        "hours must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: EquipmentLine(Q_(-1, "kW"), 1, Q_(1, "h"))) == (
        "power must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: EquipmentLine(Q_(1, "kW"), 1, Q_(-1, "h"))) == (
        "hours must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: EquipmentLine(Q_(1, "kW"), 1.5, Q_(1, "h"))) == COUNT + "1.5"


def test_equipment_line_energy_and_defaults():
    # 500 W x 4 units x 10 h = 20 kWh (load and month share default to 1)
    line = EquipmentLine(Q_(500, "W"), 4, Q_(10, "h"))
    assert line.load == 1.0 and line.month_share == 1.0
    assert line.energy() == Q_(20.0, "kWh")
    # x 50 % load x 25 % month share = 2.5 kWh
    assert EquipmentLine(Q_(500, "W"), 4, Q_(10, "h"), 0.5, 0.25).energy().m == 2.5


def test_before_after_refuses_other_items_naming_side_and_index():
    ok = EquipmentLine(Q_(1, "kW"), 1, Q_(1, "h"))
    assert message(lambda: savings.before_after([ok, (1, 2)], [])) == "before[1] must be an EquipmentLine, got tuple"
    assert message(lambda: savings.before_after([], [kwh(1)])) == "after[0] must be an EquipmentLine, got Quantity"


def test_before_after_sign_and_empty_sides():
    small = EquipmentLine(Q_(1, "kW"), 1, Q_(10, "h"))  # 10 kWh
    big = EquipmentLine(Q_(3, "kW"), 1, Q_(10, "h"))  # 30 kWh
    assert savings.before_after([], []) == Q_(0.0, "kWh")
    assert savings.before_after([big, small], []).m == 40  # 30 + 10
    assert savings.before_after([], [big, small]).m == -40
    assert savings.before_after([small], [big]).m == -20  # 10 - 30: the change uses more


# -- _completion_index -----------------------------------------------------------------------------


def split_months(completed, year=2017):
    return savings.recognition_split(kwh(1200), completed).months_in(year)


def test_completed_missing():
    expected = f"completed is missing; every measure needs its completion month: {COMPLETED_FORMS}"
    assert message(lambda: split_months(None), PeriodError) == expected
    assert message(lambda: split_months(float("nan")), PeriodError) == expected
    assert message(lambda: split_months(np.float64("nan")), PeriodError) == expected


def test_completed_text_that_cannot_be_read():
    assert message(lambda: split_months("106/13"), PeriodError) == "completed '106/13'" + CANNOT_BE_READ


def test_completed_float_and_decimal_are_ambiguous():
    assert message(lambda: split_months(106.1), PeriodError) == "completed is the number 106.1" + FLOAT_PERIOD
    assert message(lambda: split_months(Decimal("106.1")), PeriodError) == (
        "completed is the number Decimal('106.1')" + FLOAT_PERIOD
    )
    assert message(lambda: split_months(np.array([106.1, 106.2])), PeriodError) == (
        "completed[0] is the number 106.1" + FLOAT_PERIOD
    )


def test_completed_of_another_type():
    assert message(lambda: split_months(datetime.date(2017, 9, 1)), PeriodError) == (
        f"completed must be {COMPLETED_FORMS}; got date datetime.date(2017, 9, 1)"
    )
    assert message(lambda: split_months(True), PeriodError) == f"completed must be {COMPLETED_FORMS}; got bool True"


def test_completed_int_beyond_int64():
    # 2**63 does not fit int64: refused as a type; 2**63 - 1 fits and is refused as a month index
    assert message(lambda: split_months(2**63), PeriodError) == (
        f"completed must be {COMPLETED_FORMS}; got int 9223372036854775808"
    )
    assert message(lambda: split_months(2**63 - 1), PeriodError) == (
        "completed is the int 9223372036854775807" + NOT_A_MONTH_INDEX
    )


def test_completed_month_index_bounds():
    # 22,944 = 1912-01 (recognised from 1912-02: 11 months); 26,543 = 2211-12 (recognised in 2212)
    assert split_months(22_944, 1912) == 11
    assert split_months(26_543, 2212) == 12
    for value in (22_943, 26_544):
        assert message(lambda value=value: split_months(value), PeriodError) == (
            f"completed is the int {value:d}" + NOT_A_MONTH_INDEX
        )
    # the first bad element of an array, with the good value at the boundary before it
    assert message(lambda: split_months(np.array([22_944, 22_943])), PeriodError) == (
        "completed[1] is the int 22943" + NOT_A_MONTH_INDEX
    )
    assert message(lambda: split_months(np.array([26_543, 26_544], dtype=np.uint64)), PeriodError) == (
        "completed[1] is the int 26544" + NOT_A_MONTH_INDEX
    )


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        (2017, " (it looks like the year AD 2017, not a month)"),
        (1912, " (it looks like the year AD 1912, not a month)"),
        (2211, " (it looks like the year AD 2211, not a month)"),
        (1911, " (it looks like the year ROC 1911, not a month)"),
        (106, " (it looks like the year ROC 106, not a month)"),
        (1, " (it looks like the year ROC 1, not a month)"),
        (0, ""),
        (-5, ""),
        (2212, ""),
    ],
)
def test_completed_int_that_looks_like_a_year(value, hint):
    assert (
        message(lambda: split_months(value), PeriodError) == f"completed is the int {value}{hint}" + NOT_A_MONTH_INDEX
    )


def test_completed_datetime64():
    # completed 2017-08: recognised from 2017-09, 4 months in 2017 and 8 in 2018
    assert split_months(np.datetime64("2017-08")) == 4
    assert split_months(np.datetime64("2017-08-31")) == 4
    assert split_months(np.datetime64("2017-08"), 2018) == 8
    assert message(lambda: split_months(np.datetime64("NaT")), PeriodError) == (
        "completed is NaT (a missing date); every measure needs its completion month"
    )
    nat = np.array([["2017-01", "NaT"]], dtype="datetime64[M]")
    assert message(lambda: split_months(nat), PeriodError) == (
        "completed[0, 1] is NaT (a missing date); every measure needs its completion month"
    )


def test_completed_text_and_object_arrays_name_the_element():
    # completed 106/8 (2017-08) and 106/12: 4 and 0 months in 2017
    np.testing.assert_array_equal(split_months(["106/8", "106/12"]), [4.0, 0.0])
    np.testing.assert_array_equal(split_months(np.array([YearMonth(2017, 8)], dtype=object)), [4.0])
    assert message(lambda: split_months(np.array(["106/8", "106/13"])), PeriodError) in {
        "completed[1] '106/13'" + CANNOT_BE_READ,
        "completed[1] np.str_('106/13')" + CANNOT_BE_READ,
    }
    assert message(lambda: split_months(np.array([["106/8", "106/13"]])), PeriodError) in {
        "completed[0, 1] '106/13'" + CANNOT_BE_READ,
        "completed[0, 1] np.str_('106/13')" + CANNOT_BE_READ,
    }
    missing = np.array([YearMonth(2017, 8), None], dtype=object)
    assert message(lambda: split_months(missing), PeriodError) == (
        f"completed[1] is missing; every measure needs its completion month: {COMPLETED_FORMS}"
    )


# -- recognition_split -----------------------------------------------------------------------------


def test_recognition_split_empty_arrays_named():
    tail = " must not be empty: give one value per measure (an empty array is no measure)"
    empty = np.array([])
    assert message(lambda: savings.recognition_split(kwh(empty), "106/8")) == "annual" + tail
    assert message(lambda: savings.recognition_split(kwh(1), np.array([], dtype=np.int64))) == "completed" + tail
    assert message(lambda: savings.recognition_split(kwh(1), empty)) == "completed" + tail
    assert message(lambda: savings.recognition_split(kwh(1), "106/8", months=[])) == "months" + tail
    assert message(lambda: savings.recognition_split(kwh(empty), np.array([], dtype=np.int64), months=[])) == (
        "annual and completed and months" + tail
    )


def test_recognition_split_shape_message():
    assert message(
        lambda: savings.recognition_split(kwh([1.0, 2.0]), np.array([24_200, 24_201, 24_202]), months=[1, 2])
    ) == ("array arguments must have matching lengths (or be scalars), got annual (2,), completed (3,), months (2,)")


def test_recognition_split_array_annual_or_months_with_one_completion():
    # 106/9 -> recognised from 2017-10: 3 months in 2017, the rest in 2018
    split = savings.recognition_split(kwh([1200.0, 2400.0]), "106/9")
    np.testing.assert_array_equal(split.months_in(2017), [3.0, 3.0])
    np.testing.assert_array_equal(split[2017].m, [300.0, 600.0])  # 1,200 x 3/12; 2,400 x 3/12
    split = savings.recognition_split(kwh(1200), "106/9", months=np.array([3, 12]))
    assert list(split) == [2017, 2018]
    np.testing.assert_array_equal(split[2017].m, [300.0, 300.0])
    np.testing.assert_array_equal(split[2018].m, [0.0, 900.0])  # 1,200 x 9/12
    assert repr(split) == "RecognitionSplit(2 measures over years 2017, 2018)"


def test_recognition_split_default_months_is_12():
    # 106/12 -> all of 2018 (non-production-form-2025 表十之一 註5)
    split = savings.recognition_split(kwh(1200), "106/12")
    assert dict(split) == {2018: kwh(1200.0)}
    assert split.months == 12


# -- RecognitionSplit ------------------------------------------------------------------------------


def test_split_skips_a_year_no_measure_reaches():
    # 2016-12 -> all of 2017; 2018-12 -> all of 2019; nothing in 2018
    completed = np.array(["2016-12", "2018-12"], dtype="datetime64[M]")
    split = savings.recognition_split(kwh([12.0, 24.0]), completed)
    assert list(split) == [2017, 2019] and len(split) == 2
    assert 2018 not in split
    np.testing.assert_array_equal(split.months_in(2018), [0.0, 0.0])


def test_split_reaches_a_year_with_one_month():
    # 106/11 (2017-11) with 2 months: 2017-12 and 2018-01, one month in each
    split = savings.recognition_split(kwh(1200), "106/11", months=2)
    assert list(split) == [2017, 2018]
    assert split[2018] == kwh(100.0)  # 1,200 x 1/12
    # 1.5 months from 2017-12: 1 in 2017, 0.5 in 2018
    split = savings.recognition_split(kwh(1200), "106/11", months=1.5)
    assert list(split) == [2017, 2018] and split.months_in(2018) == 0.5


def test_split_with_no_months_is_empty():
    split = savings.recognition_split(kwh(1200), "106/8", months=0)
    assert list(split) == [] and len(split) == 0 and repr(split) == "RecognitionSplit()"


def test_months_in_types_and_years_not_reached():
    split = savings.recognition_split(kwh(9504), "106/8~106/9")
    three = split.months_in(2017)
    assert type(three) is float and three == 3.0
    assert split.months_in(np.int64(2018)) == 9.0
    assert split.months_in(2020) == 0.0 and split.months_in(2212) == 0.0
    assert split.months_in(1912) == 0.0


@pytest.mark.parametrize("method", ["months_in", "__getitem__"])
def test_split_refuses_keys_that_are_not_ad_years(method):
    split = savings.recognition_split(kwh(9504), "106/8~106/9")
    call = getattr(split, method)
    assert message(lambda: call(106), PeriodError) == (
        "year must be an AD year as int 1912-2212, got int 106; ROC 106 is AD 2017: for an ROC year use "
        "periods.roc_to_ad(106)"
    )
    assert message(lambda: call(2017.0), PeriodError) == (
        "year must be an AD year as int 1912-2212, got float 2017.0; a float is not taken as a year: pass "
        "int(2017.0) (e.g. of a float column)"
    )
    assert message(lambda: call("2017"), PeriodError) == "year must be an AD year as int 1912-2212, got str '2017'"
    assert message(lambda: call(2213), PeriodError) == "year must be an AD year as int 1912-2212, got int 2213"


def test_split_getitem_key_error_and_numpy_keys():
    split = savings.recognition_split(kwh(9504), "106/8~106/9")
    with pytest.raises(KeyError) as info:
        split[2020]
    assert type(info.value) is KeyError and info.value.args == (2020,)
    assert split[np.int64(2018)] == kwh(7128.0)  # 9,504 x 9/12
    assert 2017 in split and 2020 not in split and 106 not in split


def test_split_repr_html_and_frame():
    split = savings.recognition_split(kwh(9504), "106/8~106/9")
    assert repr(split) == "RecognitionSplit(2017: 2376 kWh, 2018: 7128 kWh)"
    assert split._repr_html_() == "<pre>RecognitionSplit(2017: 2376 kWh, 2018: 7128 kWh)</pre>"
    frame = split.to_frame()
    assert list(frame.columns) == [2017, 2018]
    assert frame.to_numpy().tolist() == [[2376.0, 7128.0]]
    assert frame.attrs == {"unit": "kWh"}
    fuel = savings.recognition_split(Q_([12.0, 24.0], "MWh"), np.array(["2016-12", "2018-12"], dtype="datetime64[M]"))
    assert fuel.to_frame().attrs == {"unit": "MWh"}
    assert fuel.to_frame().to_numpy().tolist() == [[12.0, 0.0], [0.0, 24.0]]


def test_split_fields():
    split = savings.recognition_split(kwh(9504), "106/8~106/9")
    # 106/9 = 2017-09, index 2017 x 12 + 8 = 24,212; the first recognised month is 24,213
    assert split.start == 24_213 and type(split.start) is int
    assert split.annual == kwh(9504.0) and split.months == 12.0


# -- money -----------------------------------------------------------------------------------------


def test_saving_amount_converts_units_and_names_unit_price():
    # 2 MWh x 3 TWD/kWh = 6,000 TWD; 2 kL x 21 TWD/L = 42,000 TWD
    assert savings.saving_amount(Q_(2, "MWh"), Q_(3, "TWD/kWh")) == Q_(6000.0, "TWD")
    assert savings.saving_amount(Q_(2, "kL"), Q_(21, "TWD/L")).m_as("TWD") == pytest.approx(42_000, rel=1e-12)
    assert message(lambda: savings.saving_amount(kwh(1), 3), UnitsError) == (
        "unit_price must be a Quantity of TWD per unit of energy (e.g. TWD/kWh), got bare int 3; give units, "
        "e.g. carbonaudit.Q_(3, ...)"
    )
    assert message(lambda: savings.saving_amount(kwh(1), Q_(3, "TWD/L")), UnitsError) == (
        "unit_price must be a Quantity of [currency] * [time] ** 2 / [mass] / [length] ** 2 (convertible to "
        "TWD / kWh), got 3 TWD / l which is [currency] / [length] ** 3"
    )
    assert message(lambda: savings.saving_amount(kwh(1), Q_(-3, "TWD/kWh"))) == (
        "unit_price must be a finite, non-negative number, got -3.0"
    )
    assert message(lambda: savings.saving_amount(kwh([1.0, 2.0]), Q_([1.0, 2.0, 3.0], "TWD/kWh"))) == (
        "array arguments must have matching lengths (or be scalars), got savings (2,), unit_price (3,)"
    )


def test_investment_line_defaults_and_cost():
    # 1 x 500 RT x 20,000 TWD/RT = 10,000,000 TWD
    line = InvestmentLine(Q_(500, "USRT"), Q_(20_000, "TWD/USRT"))
    assert line.units == 1 and line.name == ""
    assert line.cost() == Q_(10_000_000.0, "TWD")
    # 3 x 2 MW x 1,000 TWD/kW = 6,000,000 TWD (price converted into the capacity's unit)
    assert InvestmentLine(Q_(2, "MW"), Q_(1000, "TWD/kW"), units=3).cost().m == pytest.approx(6e6, rel=1e-12)


def test_investment_line_messages():
    assert message(lambda: InvestmentLine(500, Q_(3, "TWD/kW")), UnitsError) == (
        "capacity must be a Quantity of power or refrigeration capacity (kW, USRT), got bare int 500; give units, "
        "e.g. carbonaudit.Q_(500, ...)"
    )
    assert message(lambda: InvestmentLine(Q_(1, "kVA"), Q_(3, "TWD/kW")), UnitsError) == (
        "capacity must be real power (kW), got kVA: apparent power (kVA) is not real power (kW); real power = "
        "apparent power × power factor"
    )
    assert message(lambda: InvestmentLine(Q_(1, "m"), Q_(3, "TWD/kW")), UnitsError) == (
        "capacity must be in a unit of [mass] * [length] ** 2 / [time] ** 3 (e.g. kW), got m which is [length]"
    )
    assert message(lambda: InvestmentLine(Q_(-1, "kW"), Q_(3, "TWD/kW"))) == (
        "capacity must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: InvestmentLine(Q_(1, "kW"), Q_(-3, "TWD/kW"))) == (
        "unit_price must be a finite, non-negative number, got -3.0"
    )
    assert message(lambda: InvestmentLine(Q_(1, "kW"), Q_(3, "TWD/kW"), units=1.5)) == COUNT + "1.5"


def test_investment_totals_and_messages():
    assert savings.investment() == Q_(0.0, "TWD")
    line = InvestmentLine(Q_(10, "kW"), Q_(1000, "TWD/kW"))  # 10,000 TWD
    # 10,000 + 300,000 (300 kTWD) + 5,000 = 315,000 TWD
    total = savings.investment([line], [Q_(300, "kTWD"), Q_(5000, "TWD")])
    assert total.units == ureg.Unit("TWD") and total.m == pytest.approx(315_000, rel=1e-12)
    assert savings.investment(other_costs=[Q_(2, "kTWD")]).m == pytest.approx(2000, rel=1e-12)
    assert message(lambda: savings.investment([line, "chiller"])) == "lines[1] must be an InvestmentLine, got str"
    assert message(lambda: savings.investment([], [Q_(1, "TWD"), Q_(-5, "TWD")])) == (
        "other_costs[1] must be a finite, non-negative number, got -5.0"
    )
    assert message(lambda: savings.investment([], [5]), UnitsError) == (
        "other_costs[0] must be a Quantity of [currency] (e.g. TWD), got bare int 5; give units, "
        "e.g. carbonaudit.Q_(5, ...)"
    )


def test_simple_payback():
    # 3,000 kTWD / 1,500,000 TWD per year = 2 years
    payback = savings.simple_payback(Q_(3000, "kTWD"), Q_(1_500_000, "TWD"))
    assert payback.units == ureg.Unit("year") and payback.m == pytest.approx(2.0, rel=1e-12)
    np.testing.assert_allclose(
        savings.simple_payback(Q_(600, "TWD"), Q_([100.0, 300.0], "TWD")).m, [6.0, 2.0], rtol=1e-12
    )
    zero = "annual_saving_amount must be positive: with no money saved there is no payback"
    assert message(lambda: savings.simple_payback(Q_(1, "TWD"), Q_(0, "TWD"))) == zero
    assert message(lambda: savings.simple_payback(Q_(1, "TWD"), Q_([1.0, 0.0], "TWD"))) == zero
    assert message(lambda: savings.simple_payback(Q_(-1, "TWD"), Q_(1, "TWD"))) == (
        "investment must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: savings.simple_payback(Q_(1, "TWD"), Q_(-1, "TWD"))) == (
        "annual_saving_amount must be a finite, non-negative number, got -1.0"
    )


def test_reference_prices_production_declaration():
    # production-declaration-2018 表十之一: 電 3 元/度, 煤 3,000 元/公噸, 燃料油 21,000 元/公秉, LPG 30 元/公斤,
    # 天然氣 21 元/立方公尺, 蒸汽 1,000 元/公噸
    expected = {
        "electricity": Q_(3, "TWD/kWh"),
        "coal": Q_(3000, "TWD/t"),
        "fuel_oil": Q_(21_000, "TWD/kL"),
        "lpg": Q_(30, "TWD/kg"),
        "natural_gas": Q_(21, "TWD/m**3"),
        "steam": Q_(1000, "TWD/t"),
    }
    for energy, price in expected.items():
        assert savings.reference_price(energy).m_as(price.units) == pytest.approx(price.m, rel=1e-12)
    assert message(lambda: savings.reference_price("gasoline")) == (
        "energy must be one of electricity, coal, fuel_oil, lpg, natural_gas, steam, got 'gasoline'"
    )
    assert message(lambda: savings.reference_price(["steam"])) == (
        "energy must be one of electricity, coal, fuel_oil, lpg, natural_gas, steam, got ['steam']"
    )


# -- demand response, renewables -------------------------------------------------------------------


def test_demand_response_units_and_messages():
    # 2.105 MW x 120 min = 2,105 kW x 2 h = 4,210 kWh (non-production-form-2025 表十之三(一) 註2)
    assert savings.demand_response(Q_(2.105, "MW"), Q_(120, "min")).m == pytest.approx(4210, rel=1e-12)
    assert message(lambda: savings.demand_response(Q_(-1, "kW"), Q_(1, "h"))) == (
        "reduction must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: savings.demand_response(Q_(1, "kW"), Q_(-1, "h"))) == (
        "hours must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: savings.demand_response(Q_([1.0, 2.0], "kW"), Q_([1.0, 2.0, 3.0], "h"))) == (
        "array arguments must have matching lengths (or be scalars), got reduction (2,), hours (3,)"
    )


def test_renewable_self_use_boundaries_and_types():
    # sold == generated: nothing self-used; 1 MWh generated, 200 kWh sold: 800 kWh
    assert savings.renewable_self_use(kwh(5), kwh(5)).m == 0.0
    used = savings.renewable_self_use(Q_(1, "MWh"), kwh(200))
    assert used == kwh(800.0) and type(used.m) is float
    assert type(savings.renewable_self_use(kwh(5)).m) is float
    above = float(np.nextafter(5.0, 6.0))
    assert message(lambda: savings.renewable_self_use(kwh(5), kwh(above))) == (
        f"sold ({above!r} kWh) must not exceed generated (5 kWh)"
    )
    assert (
        message(lambda: savings.renewable_self_use(kwh(1), kwh(2))) == "sold (2 kWh) must not exceed generated (1 kWh)"
    )


def test_renewable_self_use_messages():
    assert message(lambda: savings.renewable_self_use(kwh(-1))) == (
        "generated must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: savings.renewable_self_use(kwh(5), kwh(-5))) == (
        "sold must be a finite, non-negative number, got -5.0"
    )
    assert message(lambda: savings.renewable_self_use(kwh(5), kwh(float("nan")))) == (
        "sold must be a finite, non-negative number, got nan"
    )
    assert message(lambda: savings.renewable_self_use(kwh(5), 5), UnitsError) == (
        "sold must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (e.g. kWh), got bare int 5; give units, "
        "e.g. carbonaudit.Q_(5, ...)"
    )
    assert message(lambda: savings.renewable_self_use(kwh([1.0, 2.0]), kwh([1.0, 1.0, 1.0]))) == (
        "array arguments must have matching lengths (or be scalars), got generated (2,), sold (3,)"
    )


# -- annual_electricity_use -------------------------------------------------------------------------


def test_annual_use_converts_bills_and_defaults():
    # 12 bills of 0.1 MWh = 1,200 kWh; no self-use, no deductions by default
    use = savings.annual_electricity_use([Q_(0.1, "MWh")] * 12)
    assert use.actual.units == ureg.Unit("kWh") and use.actual.m == pytest.approx(1200, rel=1e-12)
    assert use.deductions == {} and use.total_deductions == kwh(0.0)
    assert use.net.m == pytest.approx(1200, rel=1e-12)


def test_annual_use_deductions_in_kwh_and_equal_to_actual_use():
    # 12 x 100 kWh + 0.3 MWh self-use = 1,500 kWh; deductions 1 MWh + 500 kWh = all of it
    use = savings.annual_electricity_use(
        [kwh(100)] * 12, Q_(0.3, "MWh"), {"ev_charging": Q_(1, "MWh"), "new_buildings": kwh(500)}
    )
    assert use.actual.m == pytest.approx(1500, rel=1e-12)
    assert use.deductions == {"ev_charging": kwh(1000.0), "new_buildings": kwh(500.0)}
    assert use.net.m == pytest.approx(0.0, abs=1e-9)


def test_annual_use_messages():
    bills = [kwh(100_000)] * 12
    assert message(lambda: savings.annual_electricity_use([kwh(1)] * 11)) == (
        "bills must hold the 12 months January to December, got 11 values"
    )
    assert message(lambda: savings.annual_electricity_use([kwh(1)] * 13)) == (
        "bills must hold the 12 months January to December, got 13 values"
    )
    assert message(lambda: savings.annual_electricity_use([kwh(1)] * 3 + [kwh(-1)] + [kwh(1)] * 8)) == (
        "bills[3] must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: savings.annual_electricity_use(bills, kwh(-1))) == (
        "renewable_self_use must be a finite, non-negative number, got -1.0"
    )
    # 12 x 100,000 = 1,200,000 kWh < 1,300 MWh
    assert message(lambda: savings.annual_electricity_use(bills, deductions={"ev_charging": Q_(1300, "MWh")})) == (
        "deductions (1,300,000.0 kWh) must not exceed the actual use (1,200,000.0 kWh)"
    )


def test_deductions_messages():
    bills = [kwh(1)] * 12
    assert message(lambda: savings.annual_electricity_use(bills, deductions="ev")) == (
        "deductions must be a mapping of kind to Quantity ({'new_buildings': Q_(5e4, 'kWh')}), got str 'ev'"
    )
    assert message(
        lambda: savings.annual_electricity_use(bills, deductions={"ev_charge": kwh(1)}), DeclarationError
    ) == (f"deductions: unknown kind 'ev_charge' (did you mean 'ev_charging'?); the form lists {ANNUAL_KINDS}")
    assert message(lambda: savings.annual_electricity_use(bills, deductions={"party": kwh(1)}), DeclarationError) == (
        f"deductions: unknown kind 'party'; the form lists {ANNUAL_KINDS}"
    )
    assert message(lambda: savings.annual_electricity_use(bills, deductions={5: kwh(1)}), DeclarationError) == (
        f"deductions: unknown kind 5; the form lists {ANNUAL_KINDS}"
    )
    assert message(lambda: savings.annual_electricity_use(bills, deductions={"ev_charging": kwh(-1)})) == (
        "deductions['ev_charging'] must be a finite, non-negative number, got -1.0"
    )
    assert message(lambda: savings.annual_electricity_use(bills, deductions={"ev_charging": kwh([1, 2])})) == (
        "deductions['ev_charging'] must be a single value, got an array of shape (2,)"
    )


# -- planned_use -----------------------------------------------------------------------------------


def test_planned_use_defaults():
    planned = savings.planned_use(kwh(1e6))
    assert planned.method == "same" and planned.deductions == {} and planned.note == ""
    assert planned.value == kwh(1e6)
    assert savings.planned_use(kwh(1e6), method="same", deductions={}).value == kwh(1e6)


def test_planned_use_deduct_fields_and_boundary():
    planned = savings.planned_use(kwh(1500), method="deduct", deductions={"ev_charging": Q_(1, "MWh")}, note="n")
    # 1,500 - 1,000 = 500 kWh
    assert planned.method == "deduct" and planned.note == "n"
    assert planned.value.m == pytest.approx(500, rel=1e-12)
    assert planned.deductions == {"ev_charging": kwh(1000.0)}
    assert savings.planned_use(kwh(1000), method="deduct").value == kwh(1000.0)
    assert savings.planned_use(kwh(1000), method="deduct", deductions={"ev_charging": kwh(1000)}).value.m == 0
    assert (
        message(lambda: savings.planned_use(kwh(1.2e6), method="deduct", deductions={"ev_charging": Q_(1300, "MWh")}))
        == "deductions (1,300,000.0 kWh) must not exceed actual_use (1,200,000.0 kWh)"
    )


def test_planned_use_estimate_fields():
    planned = savings.planned_use(kwh(1), method="estimate", estimate=Q_(0.9, "MWh"), note="new wing")
    assert planned.method == "estimate" and planned.deductions == {} and planned.note == "new wing"
    assert planned.value.m == pytest.approx(900, rel=1e-12)  # actual_use is ignored
    assert message(lambda: savings.planned_use(method="estimate")) == (
        "method='estimate' needs estimate= (the N+1 use you estimated)"
    )
    assert message(lambda: savings.planned_use(method="estimate", estimate=kwh(-1))) == (
        "estimate must be a finite, non-negative number, got -1.0"
    )


def test_planned_use_messages():
    assert message(lambda: savings.planned_use(kwh(1), method="other")) == (
        "method must be 'same', 'deduct' or 'estimate', got 'other'"
    )
    assert message(lambda: savings.planned_use()) == "method='same' needs actual_use (year N's actual use)"
    assert message(lambda: savings.planned_use(method="deduct")) == (
        "method='deduct' needs actual_use (year N's actual use)"
    )
    assert message(lambda: savings.planned_use(kwh(-1))) == "actual_use must be a finite, non-negative number, got -1.0"
    # with "same", deductions are refused as such, before their kinds are read
    assert message(lambda: savings.planned_use(kwh(10), deductions={"safety_areas": kwh(1)})) == (
        "method='same' takes no deductions; use method='deduct'"
    )
    assert (
        message(
            lambda: savings.planned_use(kwh(10), method="deduct", deductions={"safety_areas": kwh(1)}), DeclarationError
        )
        == f"deductions: unknown kind 'safety_areas'; the form lists {PLANNED_KINDS}"
    )


# -- Measure ---------------------------------------------------------------------------------------


def measure(*lines, **kw):
    kw.setdefault("completed", "106/8~106/9")
    return Measure(kw.pop("code", "AA06"), kw.pop("energy", "electricity"), list(lines), **kw)


def test_measure_defaults():
    m = measure(kwh(1))
    assert m.name == "" and m.unit_price is None and m.investment is None and m.legacy_code is False
    # a 107年 code is refused unless legacy_code=True
    with pytest.raises(DeclarationError):
        measure(kwh(1), code="DE41")
    assert measure(kwh(1), code="DE41", legacy_code=True).code == "DE41"


def test_measure_legacy_code_format():
    assert measure(kwh(1), code=" de41 ", legacy_code=True).code == " de41 "
    assert message(lambda: measure(kwh(1), code="D41", legacy_code=True), DeclarationError) == (
        "measure code 'D41' must be two letters and two digits"
    )
    assert message(lambda: measure(kwh(1), code=1234, legacy_code=True), DeclarationError) == (
        "measure code 1234 must be two letters and two digits"
    )


def test_measure_energy_and_lines_messages():
    assert message(lambda: measure(kwh(1), energy="hydrogen"), DeclarationError) == (
        "energy must be one of electricity, fuel_oil, lpg, natural_gas, gasoline, diesel, coal, steam, got 'hydrogen'"
    )
    assert message(lambda: measure(kwh(1), energy={"steam": 1}), DeclarationError) == (
        "energy must be one of electricity, fuel_oil, lpg, natural_gas, gasoline, diesel, coal, steam, got {'steam': 1}"
    )
    assert message(lambda: measure(), DeclarationError) == "measure AA06: lines must not be empty"
    assert message(lambda: measure(Q_(1, "MJ")), UnitsError) == (
        "lines[0] is 1 MJ but measure AA06 saves electricity (電力), declared in kWh: every line must be in that "
        "energy's unit"
    )
    assert message(lambda: measure(Q_(2, "kL"), kwh(1), energy="fuel_oil", code="OA08"), UnitsError) == (
        "lines[1] is 1 kWh but measure OA08 saves fuel_oil (燃料油), declared in kL: every line must be in that "
        "energy's unit"
    )
    assert message(lambda: measure(Q_(1, "t"), energy="natural_gas"), UnitsError) == (
        "lines[0] is 1 t but measure AA06 saves natural_gas (天然氣), declared in m**3: every line must be in that "
        "energy's unit"
    )
    assert message(lambda: measure(Q_(np.nan, "kWh"))) == "lines[0] must be a finite number, got nan"
    assert message(lambda: measure(kwh(np.array([])))) == (
        "lines[0] of measure AA06 is an empty array: give the line's annual savings (one value, e.g. Q_(9504, 'kWh'))"
    )
    assert message(lambda: measure(5), UnitsError).startswith("lines[0] must be a Quantity of ")
    assert message(lambda: measure(kwh(1), completed=None), PeriodError) == (
        f"completed is missing; every measure needs its completion month: {COMPLETED_FORMS}"
    )


def test_measure_units_per_energy_type():
    # non-production-form-2025 表十之一 能源種類 and their units
    units = {"fuel_oil": "kL", "lpg": "kg", "natural_gas": "m**3", "gasoline": "L", "diesel": "kL", "coal": "t"}
    for energy, unit in {**units, "steam": "t", "electricity": "kWh"}.items():
        m = measure(Q_(3, unit), energy=energy)
        assert m.unit == ureg.Unit(unit)
        assert m.savings() == Q_(3.0, unit)


def test_measure_savings_sum_in_its_unit_and_negative_lines():
    # 1 MWh + 500 kWh + 2,000 Wh = 1,502 kWh
    assert measure(Q_(1, "MWh"), kwh(500), Q_(2000, "Wh")).savings().m == pytest.approx(1502, rel=1e-12)
    # a negative line (before − after < 0) is accepted; the sum is what counts
    assert measure(kwh(1200), kwh(-200)).savings() == kwh(1000.0)
    # lines summing to zero: 0 kWh recognised in each year of the period, but no error
    zero = measure(kwh(100), kwh(-100), unit_price=Q_(3, "TWD/kWh"))
    assert dict(zero.recognition()) == {2017: kwh(0.0), 2018: kwh(0.0)}
    assert zero.saving_amount() == Q_(0.0, "TWD")


def test_measure_negative_sum_is_refused_naming_what_it_would_do():
    m = measure(kwh(-100), unit_price=Q_(3, "TWD/kWh"))
    tail = (
        ", a negative saving (the equipment after the change uses more), so there are no savings to {}; "
        "check the sign of each entry of lines (a saving is before − after)"
    )
    assert message(m.recognition) == "measure AA06: its lines sum to -100.0 kWh" + tail.format("recognise")
    assert message(m.saving_amount) == "measure AA06: its lines sum to -100.0 kWh" + tail.format("price")


def test_measure_recognition_months_and_money():
    m = measure(kwh(1200), completed="106/9", unit_price=Q_(3, "TWD/kWh"), investment=Q_(7.2, "kTWD"))
    # recognised from 2017-10: 12 months -> 300 in 2017, 900 in 2018; 6 months -> 300 and 300
    assert dict(m.recognition()) == {2017: kwh(300.0), 2018: kwh(900.0)}
    assert dict(m.recognition(months=6)) == {2017: kwh(300.0), 2018: kwh(300.0)}
    assert m.saving_amount() == Q_(3600.0, "TWD")  # 1,200 kWh x 3 TWD/kWh
    assert m.payback().m == pytest.approx(2.0, rel=1e-12)  # 7,200 / 3,600


def test_measure_money_needs_price_and_investment():
    assert message(measure(kwh(1), code="LG06").saving_amount) == (
        "measure LG06: unit_price is needed for the saving amount"
    )
    assert message(measure(kwh(1), code="LG06", unit_price=Q_(3, "TWD/kWh")).payback) == (
        "measure LG06: investment is needed for the payback"
    )
    assert message(measure(kwh(1), code="LG06", investment=Q_(3, "TWD")).payback) == (
        "measure LG06: unit_price is needed for the saving amount"
    )


# -- frame -----------------------------------------------------------------------------------------


def table(**columns):
    base = {"annual_savings": [1200.0, 2400.0], "unit": ["kWh", "kL"], "completed": ["106/9", "106/12"]}
    return pd.DataFrame({**base, **columns})


def test_frame_default_columns_and_output():
    out = savings.frame(table())
    # 106/9: 3 months in 2017 (300 kWh) and 9 in 2018 (900); 106/12: all of 2018 (2,400 kL)
    assert list(out.columns) == [
        "annual_savings",
        "unit",
        "completed",
        "recognised_2017",
        "recognised_months_2017",
        "recognised_2018",
        "recognised_months_2018",
    ]
    assert out["recognised_2017"].tolist() == [300.0, 0.0]
    assert out["recognised_months_2017"].tolist() == [3.0, 0.0]
    assert out["recognised_2018"].tolist() == [900.0, 2400.0]
    assert out["recognised_months_2018"].tolist() == [9.0, 12.0]


def test_frame_missing_columns_are_named_by_option():
    df = table()
    cols = "(columns: annual_savings, unit, completed)"
    for option in ("annual", "unit", "completed", "unit_price", "code", "months"):
        assert message(lambda option=option: savings.frame(df, **{option: "x"})) == (
            f"df has no {option} column 'x' {cols}; name it with {option}=..."
        )


def test_frame_renamed_columns():
    df = pd.DataFrame({"a": [1200.0], "u": ["kWh"], "c": ["106/9"], "m": [6.0], "p": [3.0], "k": ["AA06"]})
    out = savings.frame(df, annual="a", unit="u", completed="c", months="m", unit_price="p", code="k")
    # 6 months from 2017-10: 3 in 2017 and 3 in 2018, 300 kWh each; 1,200 kWh x 3 TWD/kWh = 3,600 TWD
    assert out["recognised_2017"].tolist() == [300.0] and out["recognised_2018"].tolist() == [300.0]
    assert out["saving_amount_TWD"].tolist() == [3600.0]


def test_frame_cell_messages():
    assert message(lambda: savings.frame(table(annual_savings=[1.0, -2.0]))) == (
        "df['annual_savings'] row 1: annual savings must be a finite, non-negative number, got -2.0"
    )
    assert message(lambda: savings.frame(table(p=[1.0, -2.0]), unit_price="p")) == (
        "df['p'] row 1: unit price must be a finite, non-negative number, got -2.0"
    )
    assert message(lambda: savings.frame(table(m=[1.0, -2.0]), months="m")) == (
        "df['m'] row 1: months must be a finite, non-negative number, got -2.0"
    )
    assert message(lambda: savings.frame(table(unit=["kWh", "kW"])), UnitsError) == (
        f"df['unit'] row 1 ('kW'): unit must be {AMOUNT}, got 1.0 kW which is [mass] * [length] ** 2 / [time] ** 3"
    )
    bad_code = message(lambda: savings.frame(table(c=["AA06", "AZ06"]), code="c"), DeclarationError)
    assert bad_code.startswith("df['c'] row 1 ('AZ06'): measure code 'AZ06': equipment 'Z'")


def test_frame_months_column_boundary():
    above = float(np.nextafter(12.0, 13.0))
    out = savings.frame(table(m=[12.0, 0.0]), months="m")
    assert out["recognised_months_2018"].tolist() == [9.0, 0.0]
    assert message(lambda: savings.frame(table(m=[12.0, above]), months="m")) == (
        f"df['m'] row 1: months must be between 0 and 12, got {above!r}"
    )


def test_frame_months_values():
    # one number for every row: 6 months -> 3 in 2017 for 106/9, and 6 in 2018 for 106/12
    out = savings.frame(table(), months=6)
    assert out["recognised_months_2017"].tolist() == [3.0, 0.0]
    assert out["recognised_months_2018"].tolist() == [3.0, 6.0]
    same = savings.frame(table(), months=np.array(6.0))
    assert same["recognised_months_2018"].tolist() == [3.0, 6.0]
    per_row = savings.frame(table(), months=pd.Series([3, 12]))
    assert per_row["recognised_months_2018"].tolist() == [0.0, 12.0]
    assert list(per_row.columns)[3:] == [
        "recognised_2017",
        "recognised_months_2017",
        "recognised_2018",
        "recognised_months_2018",
    ]
    assert message(lambda: savings.frame(table(), months=pd.Series([1, 2], index=[5, 6]))) == (
        "months is a Series whose index is not df's, so its values cannot be matched to the rows; add it to df "
        "as a column and pass its name (months='months'), or pass months.to_numpy() for one value per row in "
        "df's order"
    )
    assert message(lambda: savings.frame(table(), months=np.array([1, 2, 3]))) == (
        "months must be one number for every measure or one per row of df (2 of them), got an array of shape (3,); "
        "or name a column of df holding each measure's months (months='months')"
    )
    assert message(lambda: savings.frame(table(), months=[1, 13])) in shown(
        "months must be between 0 and 12, got ", 13.0
    )


def test_frame_completed_datetimes_and_objects():
    # a naive datetime 2017-09-15 is the month 106/9: 3 months in 2017
    naive = savings.frame(table(completed=pd.to_datetime(["2017-09-15", "2017-12-01"])))
    assert naive["recognised_months_2017"].tolist() == [3.0, 0.0]
    # 2017-09-01 03:00 in Taipei is 2017-08-31 in UTC: its local month, September, counts
    local = pd.to_datetime(["2017-09-01 03:00", "2017-12-01 03:00"]).tz_localize("Asia/Taipei")
    assert savings.frame(table(completed=local))["recognised_months_2017"].tolist() == [3.0, 0.0]
    objects = pd.Series([pd.Period("2017-09", "M"), pd.Timestamp("2017-12-15")], dtype=object)
    assert savings.frame(table(completed=objects))["recognised_months_2017"].tolist() == [3.0, 0.0]


def test_frame_completed_messages():
    nat = pd.to_datetime(["2017-09-01", None])
    assert message(lambda: savings.frame(table(completed=nat)), PeriodError) == (
        "df['completed'] row 1: completed[1] is NaT (a missing date); every measure needs its completion month"
    )
    assert message(lambda: savings.frame(table(completed=["106/13", "106/2"])), PeriodError) == (
        "df['completed'] row 0 ('106/13'): the completion '106/13'" + CANNOT_BE_READ
    )
    assert message(lambda: savings.frame(table(completed=[106.1, 106.2])), PeriodError) in {
        "df['completed'] row 0 (106.1): the completion is the number 106.1" + FLOAT_PERIOD,
        "df['completed'] row 0 (np.float64(106.1)): the completion is the number 106.1" + FLOAT_PERIOD,
    }


def test_frame_years_option():
    out = savings.frame(table(), years=[2019, 2018, 2017, 2018])
    assert list(out.columns)[3:] == [
        "recognised_2017",
        "recognised_months_2017",
        "recognised_2018",
        "recognised_months_2018",
        "recognised_2019",
        "recognised_months_2019",
    ]
    assert out["recognised_2019"].tolist() == [0.0, 0.0] and out["recognised_months_2019"].tolist() == [0.0, 0.0]
    assert out["recognised_2018"].tolist() == [900.0, 2400.0]
    assert list(savings.frame(table(), years=[np.int64(2017), 2018]).columns)[3] == "recognised_2017"


def test_frame_years_messages():
    assert message(lambda: savings.frame(table(), years="2017"), PeriodError) == (
        "years must be a sequence of AD years as int, got str '2017'"
    )
    assert message(lambda: savings.frame(table(), years=b"2017"), PeriodError) == (
        "years must be a sequence of AD years as int, got bytes b'2017'"
    )
    assert message(lambda: savings.frame(table(), years=2017), PeriodError) == (
        "years must be a sequence of AD years as int, got int 2017"
    )
    assert message(lambda: savings.frame(table(), years=[2017, 106]), PeriodError) == (
        "years[1] must be an AD year as int 1912-2212, got int 106; ROC 106 is AD 2017: for an ROC year use "
        "periods.roc_to_ad(106)"
    )
    assert message(lambda: savings.frame(table(), years=[2213]), PeriodError) == (
        "years[0] must be an AD year as int 1912-2212, got int 2213"
    )


def test_frame_year_2212_is_a_column():
    # completed 300/12 (AD 2211-12): recognised in all of 2212
    df = pd.DataFrame({"annual_savings": [1200.0], "unit": ["kWh"], "completed": ["300/12"]})
    assert savings.frame(df, years=[2212])["recognised_2212"].tolist() == [1200.0]


def test_frame_measure_outside_years_names_the_first_row_reaching_it():
    # row 'a' (106/9, 3 months) stays in 2017; row 'b' (106/9, 12 months) reaches 2018
    df = pd.DataFrame(
        {"annual_savings": [1.0, 1.0], "unit": ["kWh"] * 2, "completed": ["106/9"] * 2, "m": [3.0, 12.0]},
        index=["a", "b"],
    )
    assert message(lambda: savings.frame(df, months="m", years=[2017])) == (
        "df row 'b': the measure is recognised in 2018, which is not in years=[2017]; its savings would be lost"
    )
    out = savings.frame(df, months="m", years=[2017, 2018])
    assert list(out.index) == ["a", "b"] and out["recognised_months_2018"].tolist() == [0.0, 9.0]


def test_frame_empty_table():
    empty = pd.DataFrame(
        {
            "annual_savings": pd.Series([], dtype=float),
            "unit": pd.Series([], dtype=object),
            "completed": pd.Series([], dtype=object),
            "p": pd.Series([], dtype=float),
        }
    )
    assert list(savings.frame(empty).columns) == ["annual_savings", "unit", "completed", "p"]
    out = savings.frame(empty, years=[2017], unit_price="p")
    assert list(out.columns)[4:] == ["recognised_2017", "recognised_months_2017", "saving_amount_TWD"]
    assert len(out) == 0


def test_frame_replaces_columns_it_adds():
    df = table(recognised_2017=["old", "old"], saving_amount_TWD=[-1.0, -1.0], p=[3.0, 2.0])
    out = savings.frame(df, unit_price="p")
    assert list(out.columns).count("recognised_2017") == 1
    assert out["recognised_2017"].tolist() == [300.0, 0.0]
    assert out["saving_amount_TWD"].tolist() == [3600.0, 4800.0]  # 1,200 x 3; 2,400 x 2


# -- survivors of the savings mutation run (docs/reliability.md) ----------------------------------------


def test_frame_completion_objects_give_their_own_months():
    # Period 2017-03: recognised from 2017-04, 9 months in 2017 (1,200 x 9/12 = 900) and 3 in 2018;
    # Timestamp 2017-05-20: from 2017-06, 7 months (2,400 x 7/12 = 1,400) and 5 (1,000)
    objects = pd.Series([pd.Period("2017-03", "M"), pd.Timestamp("2017-05-20")], dtype=object)
    out = savings.frame(table(completed=objects))
    assert out["recognised_months_2017"].tolist() == [9.0, 7.0]
    assert out["recognised_months_2018"].tolist() == [3.0, 5.0]
    assert out["recognised_2017"].tolist() == pytest.approx([900.0, 1400.0], rel=1e-12)


def test_frame_names_the_row_recognised_one_month_outside_years():
    # 106/11: December 2017 is 1 month outside years=[2018]; 106/12 starts in 2018
    assert message(lambda: savings.frame(table(completed=["106/11", "106/12"]), years=[2018])) == (
        "df row 0: the measure is recognised in 2017, which is not in years=[2018]; its savings would be lost"
    )


def test_frame_of_no_rows_has_the_years_columns_as_floats():
    out = savings.frame(table().iloc[:0], years=[2017])
    assert len(out) == 0
    assert list(out.columns)[3:] == ["recognised_2017", "recognised_months_2017"]
    assert out["recognised_2017"].dtype == np.float64 and out["recognised_months_2017"].dtype == np.float64


def test_gain_names_the_first_value_out_of_range_after_a_bound():
    # 0 and 1 are in range: the value named is the 1.5 after them
    assert message(lambda: savings.efficiency_gain(kwh(1), np.array([0.0, 1.5]))) in shown(GAIN_RANGE, 1.5)
    assert message(lambda: savings.efficiency_gain(kwh(1), np.array([1.0, 1.5]))) in shown(GAIN_RANGE, 1.5)


def test_a_measure_line_without_units_names_its_unit():
    assert message(lambda: Measure("LG06", "electricity", [1000.0], "106/8"), UnitsError) == (
        "lines[0] must be a Quantity of kWh, got bare float 1000.0; give units, e.g. carbonaudit.Q_(1000.0, ...)"
    )
