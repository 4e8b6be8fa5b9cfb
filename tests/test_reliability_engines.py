"""Building, chiller, production, formatting and declaration engines under hostile input (issue 12).

The harness's failures in these modules, each class as a regression test:

* arrays and DataFrame columns of a chiller log are checked against ``units.MAX_AMOUNT`` (1e30)
  before anything is summed or multiplied (no overflow to inf, no RuntimeWarning), named by the
  argument and index, or the column and row label; NaN stays a missing value;
* one-value arguments (a fluid's density and specific heat, the longest gap, a boiler's limits)
  refuse an array, even of one element or none, by name;
* errors raised inside a helper name the caller's argument (``fuels['LPG']``, ``energy``), and the
  first argument's unit is checked first, so that a wrong one is never blamed on the second;
* output counts refuse booleans, text, ints beyond float64 and values above 1e30 by name;
* the display helpers refuse values above 1e30 by name (never "cannot round 1E+310" or an
  OverflowError), round exactly up to 30 digits, and refuse an array of several values;
* the declaration models refuse figures and counts above 1e30 at their field path, so no rule
  meets a product that overflows.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from pydantic import ValidationError

from carbonaudit import (
    Q_,
    CarbonAuditError,
    InvalidValueError,
    UnitsError,
    building,
    chiller,
    format_percent,
    production,
    round_half_up,
)
from carbonaudit.declaration import Declaration, ProductionDeclaration, validate, validate_production

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RAW_OFFICE: dict[str, Any] = yaml.safe_load((EXAMPLES / "office_declaration.yaml").read_text(encoding="utf-8"))
RAW_PRODUCTION: dict[str, Any] = yaml.safe_load((EXAMPLES / "production_declaration.yaml").read_text(encoding="utf-8"))

# 表九之一 註7: 1 kg/L × 12,000 L/min × 60 min/h × 1 kcal/(kg·°C) × (12 − 7) °C = 3,600,000 kcal/h,
# and 3,600,000 / 3,024 kcal/h per USRT = 1,190.476... RT.
FORM_LOAD_KCAL_H = 3_600_000.0
FORM_LOAD_RT = 3_600_000 / 3_024

T9 = np.arange("2024-07-01T00", "2024-07-01T09", dtype="datetime64[h]")  # 8 hours and a closing stamp


def _log(**changes: Any) -> dict[str, Any]:
    arguments = {
        "time": T9,
        "flow": Q_(np.full(9, 12_000.0), "L/min"),
        "supply": Q_(np.full(9, 7.0), "degC"),
        "ret": Q_(np.full(9, 12.0), "degC"),
        "power": Q_(np.full(9, 700.0), "kW"),
    }
    arguments.update(changes)
    return arguments


def _with(values: list[float], i: int, value: float) -> Any:
    out = np.array(values, dtype=np.float64)
    out[i] = value
    return out


# -- chiller: arrays and columns beyond MAX_AMOUNT --------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "unit", "valid", "i"),
    [("flow", "L/h", 720_000.0, 4), ("supply", "degC", 7.0, 3), ("ret", "degC", 12.0, 0), ("power", "kW", 700.0, 8)],
)
def test_from_log_refuses_1e308_by_argument_and_index(argument: str, unit: str, valid: float, i: int) -> None:
    bad = Q_(_with([valid] * 9, i, 1e308), unit)
    with pytest.raises(InvalidValueError, match=rf"^{argument}\[{i}\] is 1e\+308, larger .* check the unit"):
        chiller.from_log(**_log(**{argument: bad}))


def test_from_log_refuses_a_flow_that_overflows_in_conversion() -> None:
    # 1e308 L/min is 6e309 L/h, beyond float64: refused while converting, by name
    with pytest.raises(InvalidValueError, match=r"^flow.*beyond float64's range in l / h"):
        chiller.from_log(**_log(flow=Q_(np.full(9, 1e308), "L/min")))


def test_from_log_refuses_values_whose_sums_stay_finite() -> None:
    # 9 × 1e300 = 9e300 does not overflow, but a supply temperature of 1e300 degC is no reading
    with pytest.raises(InvalidValueError, match=r"^supply\[0\] is 1e\+300"):
        chiller.from_log(**_log(supply=Q_(np.full(9, 1e300), "degC"), ret=Q_(np.full(9, 1e300), "degC")))


def test_from_log_checks_the_bound_in_the_unit_computed_in() -> None:
    # 5e29 m³/h is under 1e30 as given, but 5e32 L/h (the unit the load is computed in) is not
    with pytest.raises(InvalidValueError, match=r"^flow\[0\] \(in l / h\) is 5e\+32"):
        chiller.from_log(**_log(flow=Q_(np.full(9, 5e29), "m**3/h")))


def test_from_log_shows_a_bad_value_as_given() -> None:
    flow = Q_(_with([720.0] * 9, 6, -5.0), "m**3/h")
    with pytest.raises(InvalidValueError, match=r"^flow\[6\] must be a finite, non-negative number, got -5.0$"):
        chiller.from_log(**_log(flow=flow))


def test_from_log_nan_is_still_a_missing_value() -> None:
    # power missing at 03:00: the interval 03:00-04:00 is left out, 7 of the 8 hours count:
    # 7 h × 1,190.476 RT = 8,333.33 RTh; 7 h × 700 kW = 4,900 kWh
    log = chiller.from_log(**_log(power=Q_(_with([700.0] * 9, 3, np.nan), "kW")))
    assert [f.code for f in log.findings] == ["chiller.missing_values"]
    assert log.monthly_rth[0] == pytest.approx(7 * FORM_LOAD_RT, rel=1e-12)
    assert log.monthly_kwh[0] == pytest.approx(7 * 700.0, rel=1e-12)
    assert log.monthly_covered_hours[0] == pytest.approx(7.0, rel=1e-12)


def test_from_log_missing_values_do_not_hide_a_bad_one() -> None:
    # a NaN makes the log take the sample-by-sample path; the 1e308 after it is still refused by index
    power = _with([700.0] * 9, 1, np.nan)
    power[5] = 1e308
    with pytest.raises(InvalidValueError, match=r"^power\[5\] is 1e\+308"):
        chiller.from_log(**_log(power=Q_(power, "kW")))


def _frame(cells: dict[tuple[str, Any], float] | None = None) -> pd.DataFrame:
    hours = pd.date_range("2024-07-01 08:00", periods=9, freq="h")
    columns = {"time": hours, "冰水流量": 720.0, "supply": 7.0, "ret": 12.0, "power": 800.0, "group": "CH-1"}
    df = pd.DataFrame(columns, index=np.arange(100, 109))
    for (column, row), value in (cells or {}).items():
        df.loc[row, column] = value
    return df


FRAME_OPTIONS = {
    "columns": {"flow": "冰水流量"},
    "units": {"flow": "m**3/h", "supply": "degC", "ret": "degC", "power": "kW"},
}


def test_frame_names_column_and_row_label() -> None:
    df = _frame({("ret", 104): 1e40})
    with pytest.raises(InvalidValueError, match=r"^chiller group 'CH-1': column 'ret' row 104 is 1e\+40, larger"):
        chiller.frame(df, **FRAME_OPTIONS)
    df = _frame({("冰水流量", 106): -5.0})
    with pytest.raises(
        InvalidValueError, match=r"column '冰水流量' \(flow\) row 106 must be .*non-negative.* got -5.0"
    ):
        chiller.frame(df, **FRAME_OPTIONS)
    df = _frame({("power", 102): 1e308})
    df.index = list("abcdefghi")
    with pytest.raises(InvalidValueError, match=r"column 'power' row 'c' is 1e\+308"):
        chiller.frame(df, **FRAME_OPTIONS)


def test_frame_of_valid_rows_still_gives_the_form_numbers() -> None:
    # 720 m³/h = 12,000 L/min: 8 hours at 1,190.476 RT = 9,523.81 RTh; 8 h × 800 kW = 6,400 kWh
    table = chiller.frame(_frame(), **FRAME_OPTIONS)
    assert table["RTh"].iloc[0] == pytest.approx(8 * FORM_LOAD_RT, rel=1e-12)
    assert table["kWh"].iloc[0] == pytest.approx(6_400.0, rel=1e-12)


# -- one-value arguments -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [np.array([1], dtype=np.int16), np.array([1.0, 1.0]), np.array([], dtype=np.float64)], ids=repr
)
@pytest.mark.parametrize(("argument", "unit"), [("density", "kg/L"), ("specific_heat", "kcal/(kg*delta_degC)")])
def test_cooling_load_fluid_properties_are_single_values(argument: str, unit: str, value: Any) -> None:
    with pytest.raises(InvalidValueError, match=rf"^{argument} must be a single value, got an array of shape"):
        chiller.cooling_load(Q_(12_000, "L/min"), delta=Q_(5, "delta_degC"), **{argument: Q_(value, unit)})
    with pytest.raises(InvalidValueError, match=rf"^{argument} must be a single value"):
        chiller.from_log(**_log(**{argument: Q_(value, unit)}))


def test_fluid_properties_as_numpy_scalars_give_the_form_load() -> None:
    # 1 kg/L and 1 kcal/(kg·°C) as int16 scalars and a 0-d array: the form's 3,600,000 kcal/h
    load = chiller.cooling_load(
        Q_(12_000, "L/min"),
        delta=Q_(5, "delta_degC"),
        density=Q_(np.int16(1), "kg/L"),
        specific_heat=Q_(np.array(1), "kcal/(kg*delta_degC)"),
    )
    assert load.m == pytest.approx(FORM_LOAD_KCAL_H, rel=1e-12)


@pytest.mark.parametrize("value", [np.array([2], dtype=np.uint32), np.array([], dtype=np.float64)], ids=repr)
def test_from_log_max_gap_is_a_single_value(value: Any) -> None:
    with pytest.raises(InvalidValueError, match=r"^max_gap must be a single value, got an array of shape"):
        chiller.from_log(**_log(max_gap=Q_(value, "h")))


def test_from_log_max_gap_as_a_numpy_scalar() -> None:
    # hourly samples, max_gap 2 h: nothing is a gap; 8 h × 1,190.476 RT = 9,523.81 RTh
    log = chiller.from_log(**_log(max_gap=Q_(np.int32(2), "h")))
    assert log.findings == ()
    assert log.monthly_rth[0] == pytest.approx(8 * FORM_LOAD_RT, rel=1e-12)


TEMPS = Q_([230.0] * 11 + [260.0], "degC")
O2 = Q_([5.0] * 12, "percent")


@pytest.mark.parametrize(
    ("temperature", "o2", "argument"),
    [
        (Q_(np.array([250], dtype=np.int32), "degC"), 0.06, "limits.exhaust_temperature"),
        (Q_(np.array([], dtype=np.float64), "degC"), 0.06, "limits.exhaust_temperature"),
        (Q_(250, "degC"), np.array([6], dtype=np.int16), "limits.exhaust_o2"),
        (Q_(250, "degC"), np.array([0.06, 0.06]), "limits.exhaust_o2"),
        (Q_(250, "degC"), np.array([], dtype=np.float64), "limits.exhaust_o2"),
        (Q_(250, "degC"), Q_(np.array([6.0]), "percent"), "limits.exhaust_o2"),
    ],
    ids=repr,
)
def test_boiler_limits_are_single_values(temperature: Any, o2: Any, argument: str) -> None:
    limits = building.BoilerLimits(temperature, o2)
    with pytest.raises(InvalidValueError, match=rf"^{argument} must be a single value"):
        building.check_steam_boiler(TEMPS, O2, limits)


def test_boiler_limits_as_numpy_scalars() -> None:
    # 260 degC in December is above 250 degC; 5 % O2 is below 6 %: one finding
    limits = building.BoilerLimits(Q_(np.int16(250), "degC"), np.float64(0.06))
    assert [f.path for f in building.check_steam_boiler(TEMPS, O2, limits)] == ["boiler.month_12.exhaust_temperature"]


# -- errors name the caller's argument -----------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "error", "words"),
    [
        (10_000, UnitsError, "must be a Quantity of a mass, volume or energy, got bare int 10000"),
        (Q_(10_000, "m"), UnitsError, "must be a Quantity of L"),
        (Q_(10_000, "ton"), UnitsError, "is given in 10000 ton: pint's 'ton' is the US short ton"),
        (Q_(np.nan, "L"), InvalidValueError, "must be a finite, non-negative number, got nan"),
        (Q_(-10_000.0, "L"), InvalidValueError, "must be a finite, non-negative number, got -10000.0"),
        (Q_(1e308, "L"), InvalidValueError, "is 1e\\+308, larger in magnitude than the 1e\\+30"),
        (Q_(10**400, "L"), InvalidValueError, "must be a number within float64 range"),
        (Q_("10000", "L"), InvalidValueError, "must be a number, got the text '10000'"),
    ],
    ids=["bare", "wrong_dim", "short_ton", "nan", "negative", "1e308", "int_huge", "text"],
)
def test_thermal_eui_errors_name_the_fuel(amount: Any, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=rf"^fuels\['LPG'\] {words}"):
        building.thermal_eui({"LPG": amount}, Q_(5_000, "m**2"))


def test_thermal_eui_of_a_valid_amount() -> None:
    # LPG 5,958 kcal/L (current set), 10,000 kcal per kgOE (tw-final-860):
    # 10,000 L × 5,958 / 10,000 = 5,958 kgOE; ÷ 5,000 m² = 1.1916 kgOE/m²
    assert building.thermal_eui({"LPG": Q_(10_000, "L")}, Q_(5_000, "m**2"), factor_set="tw-2024").m == pytest.approx(
        1.1916, rel=1e-12
    )


MONTHS_10 = [10.0] * 12


@pytest.mark.parametrize(
    ("unit", "words"),
    [("m", r"this_year must be in a unit of .*got m"), ("kvar*h/m**2", r"this_year must be real .*reactive")],
)
def test_compare_eui_blames_this_year_for_its_unit(unit: str, words: str) -> None:
    with pytest.raises(UnitsError, match=words):
        building.compare_eui(Q_(MONTHS_10, unit), Q_(MONTHS_10, "kWh/m**2"))
    with pytest.raises(UnitsError, match=r"^last_year must be a Quantity of"):
        building.compare_eui(Q_(MONTHS_10, "kWh/m**2"), Q_(MONTHS_10, "m"))


def test_compare_eui_takes_eui_units_of_either_kind() -> None:
    # 10 → 12 kWh/m² in Q4 (three months): (36 − 30) / 30 = +20 %; the year (126 − 120) / 120 = +5 %
    this = Q_([10.0] * 9 + [12.0] * 3, "MWh/m**2")
    c = building.compare_eui(this, Q_(MONTHS_10, "MWh/m**2"))
    assert list(c.quarterly) == pytest.approx([0.0, 0.0, 0.0, 0.2], abs=1e-15)
    assert c.annual == pytest.approx(0.05, rel=1e-12)
    c = building.compare_eui(Q_([1.0] * 12, "kgOE/m**2"), Q_([1.0] * 12, "kgOE/m**2"))
    assert c.annual == 0.0


@pytest.mark.parametrize(
    ("unit", "words"),
    [("m", r"^this_year must be in a unit of .*got m"), ("kvar*h", r"^this_year must be real energy")],
)
def test_quarterly_differences_blames_this_year_for_its_unit(unit: str, words: str) -> None:
    with pytest.raises(UnitsError, match=words):
        production.quarterly_differences(Q_([0.2] * 4, unit), Q_([0.2] * 4, "KLOE"))


def test_quarterly_energy_per_unit_names_energy_not_amount() -> None:
    with pytest.raises(UnitsError, match=r"^energy must be a Quantity of .*convertible to kWh.*got .* m which is"):
        production.quarterly_energy_per_unit(Q_([1.0] * 12, "m"), [1] * 12)


# -- output counts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "words"),
    [
        (True, r"must be a count of units \(numbers\), got True"),
        (np.bool_(True), r"must be a count of units \(numbers\), got np.True_"),
        ([290, True], r"must be a count of units \(numbers\), got \[290, True\]"),
        (np.array([True, False]), r"must be a count of units \(numbers\)"),
        ("290", r"must be a count of units \(numbers\), got '290'.*pandas.to_numeric"),
        (10**400, r"must be a count of at most 1e\+30, got an int beyond float64's range"),
        (1e308, r"is 1e\+308, larger in magnitude than the 1e\+30"),
    ],
    ids=["bool", "np_bool", "list_with_bool", "bool_array", "text", "int_huge", "1e308"],
)
def test_output_counts_are_numbers_within_range(output: Any, words: str) -> None:
    with pytest.raises(InvalidValueError, match=rf"^output {words}"):
        production.unit_energy(Q_(261_000, "kWh"), output)
    twelve = [output] * 12 if not isinstance(output, list) else output * 6
    with pytest.raises(InvalidValueError, match=r"^output"):
        production.quarterly_energy_per_unit(Q_([261_000.0] * 12, "kWh"), twelve)
    with pytest.raises(InvalidValueError, match=r"^products\['LED'\] output"):
        production.coverage_check({"LED": (Q_(984, "kWh"), output)}, Q_(6_000_000, "kWh"))


@pytest.mark.parametrize("output", [290, np.int16(290), np.uint32(290), Decimal("290"), np.array(290), 290.0])
def test_output_counts_of_any_number_type(output: Any) -> None:
    # 表八之三, 106年 1月: 261,000 kWh ÷ 290 units = 900 kWh/unit
    assert production.unit_energy(Q_(261_000, "kWh"), output).m == 900.0
    # 表八之二: 984 kWh/unit × 290 units = 285,360 kWh of 6,000,000 kWh = 4.756 %
    share, _ = production.coverage_check({"LED": (Q_(984, "kWh"), output)}, Q_(6_000_000, "kWh"))
    assert share.m == pytest.approx(285_360 / 6_000_000, rel=1e-12)


# -- formatting ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1e308, "1e\\+308"), (10**400, "an int of 401 digits"), (-1e31, "-1e\\+31"), (Decimal("1E+31"), "Decimal")],
    ids=["1e308", "int_huge", "neg_1e31", "decimal"],
)
def test_display_helpers_refuse_values_beyond_max_amount(value: Any, shown: str) -> None:
    with pytest.raises(InvalidValueError, match=rf"^x is {shown}.*, larger in magnitude than the 1e\+30"):
        round_half_up(value, 2)
    with pytest.raises(InvalidValueError, match=rf"^fraction is {shown}.*, larger in magnitude than the 1e\+30"):
        format_percent(value)


def test_format_percent_of_huge_quantities_names_fraction() -> None:
    with pytest.raises(InvalidValueError, match=r"^fraction must be a number within float64 range"):
        format_percent(Q_(10**400, "percent"))
    with pytest.raises(InvalidValueError, match=r"^fraction is 1e\+308"):
        format_percent(Q_(1e308, "dimensionless"))


def test_display_helpers_round_exactly_up_to_the_bound() -> None:
    # 30-digit values no longer meet the default 28-digit Decimal context ("cannot round"):
    # 123456789012345678901234567890 is an integer, so rounding to 0 places keeps it
    assert round_half_up(123_456_789_012_345_678_901_234_567_890) == float(123_456_789_012_345_678_901_234_567_890)
    assert round_half_up(10**30) == 1e30
    # Decimal('123456789012345678901234567.895') × 100 = 12345678901234567890123456789.5 → half up
    assert format_percent(Decimal("123456789012345678901234567.895"), 0) == "12345678901234567890123456790"
    assert format_percent(Decimal("123456789012345678901234567.895"), 3) == "12345678901234567890123456789.500"
    # 0.123456789012345678901234567895 (30 decimals) → 12.3456789012345678901234567895 %, to 27 places:
    # the 28th decimal is 5, so half up → ...56790
    assert format_percent(Decimal("0.123456789012345678901234567895"), 27) == "12.345678901234567890123456790"
    # the forms' figures are unchanged: production-declaration-2018 表十之三 R = 1,120,329.5 / 93,797,705.5 = 1.1944 % → 1.19
    assert format_percent(1_120_329.5 / (1_120_329.5 + 92_677_376)) == "1.19"


def test_format_percent_arrays() -> None:
    # defect 12: an array of rates is refused with a typed error that says what to do (a str is one value)
    with pytest.raises(InvalidValueError, match=r"^fraction must be a single value, got an array of shape \(2,\)"):
        format_percent(Q_([0.1, 0.2], ""))
    with pytest.raises(InvalidValueError, match=r"format each element"):
        format_percent(np.array([0.1, 0.2]))
    with pytest.raises(InvalidValueError, match=r"^x must be a single value"):
        round_half_up(np.array([2.675, 1.0]), 2)
    # a 0-d array is its one value: 0.011944 → 1.19 %; 2.675 → 2.68
    assert format_percent(np.array(0.011944)) == "1.19"
    assert format_percent(Q_(np.array(1.1944), "percent")) == "1.19"
    assert round_half_up(np.array(2.675), 2) == 2.68
    # and each element of a rate array formats as the forms print it
    assert [format_percent(r) for r in Q_([0.1, 0.2], "")] == ["10.00", "20.00"]


@pytest.mark.parametrize("digits", [341, -341, 10**400])
def test_round_half_up_digits_bounded(digits: int) -> None:
    with pytest.raises(InvalidValueError, match=r"^digits must be between -340 and 340"):
        round_half_up(0.5, digits)


# -- declarations: figures and counts bounded at the model ---------------------------------------


def _office(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(RAW_OFFICE)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


def _production(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(RAW_PRODUCTION)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "where", "shown"),
    [
        (("lighting", 0, "fixtures"), 10**400, r"lighting\.0\.fixtures", "an int of 401 digits"),
        (("lighting", 0, "fixtures"), 10**31, r"lighting\.0\.fixtures", "10000000000000000000000000000000"),
        (("electricity", 0, "months", 0, "peak"), 1e308, r"electricity\.0\.months\.0\.peak", r"1e\+308"),
        (("basic", "employees"), 10**400, r"basic\.employees", "an int of 401 digits"),
        (("thermal", "diesel", "use", 0), 1e31, r"thermal\.diesel\.use", r"\[0\] \(month 1\): 1e\+31"),
        (("basic", "total_floor_area", "value"), 1e308, r"basic\.total_floor_area\.value", r"1e\+308"),
    ],
    ids=["fixtures_huge", "fixtures_1e31", "peak", "employees", "diesel_use", "floor_area"],
)
def test_office_declaration_refuses_figures_beyond_max_amount(
    path: tuple[Any, ...], value: Any, where: str, shown: str
) -> None:
    with pytest.raises(ValidationError, match=rf"(?s){where}\n.*{shown}.* larger in magnitude than the 1e\+30"):
        Declaration.model_validate(_office(path, value))


@pytest.mark.parametrize(
    ("path", "where"),
    [
        (("products", 0, "output", 0), r"products\.0\.output"),
        (("products", 0, "kwh_per_unit", 0), r"products\.0\.kwh_per_unit"),
        (("energy", "peak", 0), r"energy\.peak"),
        (("heat_values", 0, "annual_use"), r"heat_values\.0\.annual_use"),
        (("measures", 0, "electricity"), r"measures\.0\.electricity"),
    ],
    ids=["output", "kwh_per_unit", "peak", "annual_use", "measure"],
)
def test_production_declaration_refuses_1e308_at_its_path(path: tuple[Any, ...], where: str) -> None:
    # before: output × kwh_per_unit overflowed (RuntimeWarning), a peak of 1e308 was named "measures: use"
    with pytest.raises(ValidationError, match=rf"(?s){where}\n.*1e\+308.* larger in magnitude than the 1e\+30"):
        ProductionDeclaration.model_validate_json(json.dumps(_production(path, 1e308), ensure_ascii=False))


def test_figures_at_the_bound_give_findings_not_overflow() -> None:
    # 1e30 units × 900 kWh/unit = 9e32 kWh in January: the model takes each figure, the engine refuses
    # the product (an error finding at the product), and January's products exceed the plant's use.
    d = ProductionDeclaration.model_validate(_production(("products", 0, "output", 0), 1e30))
    found = {(f.code, f.path, f.severity) for f in validate_production(d)}
    assert ("declaration.product_not_computable", "products[0]", "error") in found
    assert ("declaration.products_exceed_use", "products.month_1", "error") in found


def test_office_declaration_at_the_bound_validates_without_raising() -> None:
    # 1e30 fixtures of 21 W for 3,000 h: 6.3e31 kWh; every rule reports, none raises or overflows
    d = Declaration.model_validate(_office(("lighting", 0, "fixtures"), 10**30))
    try:
        validate(d)
    except CarbonAuditError as exc:  # pragma: no cover - the failure this test looks for
        pytest.fail(f"validate raised {type(exc).__name__}: {exc}")
