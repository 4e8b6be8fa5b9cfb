"""Issue 12, the unit boundary: every magnitude becomes float64, traps and kinds of units are refused.

Each reproducer of the issue is a test here with the right number worked out by hand, or the typed
error whose message names the argument and the fix. The classes (integer dtypes, Decimal, numeric
strings, huge ints, pint's tons, kvar/kVA for kW, offset vs delta temperatures, pickling) are
closed in :mod:`carbonaudit.units`, so these tests also try them on functions the issue does not
name.
"""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pint
import pytest

from carbonaudit import (
    Q_,
    InvalidValueError,
    UnitsError,
    building,
    chiller,
    electrical,
    emissions,
    energy,
    factors,
    production,
    rates,
    savings,
    ureg,
)
from carbonaudit.units import check_amount, check_unit, checked_magnitude, fraction, magnitude, parse_unit, stack

NTPC = "ntpc-award-2015"  # award-form-2015 附表2: diesel 2.61 kg CO2/L, electricity 0.522 kg/kWh

INT_DTYPES = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]


# --- 1. integer magnitudes become float64 before any product -------------------------------------


def test_demand_response_int32_does_not_wrap():
    # 70,000 kW × 40,000 h = 2,800,000,000 kWh; int32 products wrapped to -1,494,967,296.
    r = savings.demand_response(Q_(np.array([70000], np.int32), "kW"), Q_(np.array([40000], np.int32), "h"))
    assert r.m.dtype == np.float64
    assert r.m.tolist() == [2_800_000_000.0]


def test_equipment_power_int16_power_and_hours():
    # 8,024 kW × 1 unit × 3,000 h × 100 % gain × 12/12 = 24,072,000 kWh (int16 wrapped to 20,288).
    r = savings.equipment_power(Q_(np.int16(8024), "kW"), 1, Q_(np.int16(3000), "h"), 1.0)
    assert r.m == 24_072_000.0


@pytest.mark.parametrize("dtype", INT_DTYPES + [np.float16, np.float32])
def test_magnitude_is_float64_for_every_numeric_dtype(dtype):
    info = np.iinfo(dtype) if np.dtype(dtype).kind in "iu" else np.finfo(dtype)
    big = dtype(info.max)
    scalar = magnitude(Q_(big, "kWh"), "kWh", "energy")
    assert type(scalar) is float and scalar == float(big)
    arr = magnitude(Q_(np.array([0, big], dtype=dtype), "kWh"), "kWh", "energy")
    assert arr.dtype == np.float64 and arr.tolist() == [0.0, float(big)]
    # the conversion happens in float64 too: max of the dtype in MWh is 1000 × that in kWh
    converted = magnitude(Q_(np.array([big], dtype=dtype), "MWh"), "kWh", "energy")
    assert converted.dtype == np.float64 and converted[0] == pytest.approx(float(big) * 1000, rel=1e-15)


def test_float64_array_in_its_unit_is_not_copied():
    # The coercion must not add a pass over arrays that are already float64 in the wanted unit.
    values = np.arange(5.0)
    assert magnitude(Q_(values, "kWh"), "kWh", "energy") is values
    assert checked_magnitude(Q_(values, "kWh"), "kWh", "energy") is values


def test_decimal_and_fraction_convert_to_the_nearest_double():
    # award-form-2015 附表2: 1,000 L of diesel × 2.61 kg CO2/L = 2,610 kg, whatever the number type.
    fs = factors.load(NTPC)
    for amount in (Decimal("1000"), Fraction(1000), np.int16(1000), np.uint32(1000)):
        assert emissions.co2(Q_(amount, "L"), "diesel", fs).m == pytest.approx(2610.0, rel=1e-15)
    assert magnitude(Q_(Decimal("0.1"), "kL"), "L", "v") == pytest.approx(100.0, rel=1e-15)
    assert fraction(Decimal("0.125"), "gain") == 0.125 and fraction(Fraction(1, 8), "gain") == 0.125


@pytest.mark.parametrize(
    "amount, match",
    [
        ("1000", r"^amount must be a number, got the text '1000'; give a number"),
        (10**400, r"^amount must be a number within float64 range .*an int of 401 digits"),
        (Decimal("1e400"), r"^amount must be a number within float64 range"),
        (1e308, r"^amount is 1e\+308, larger in magnitude than the 1e\+30 .*check the unit"),
        (np.array(["1", "2"]), r"^amount must hold real numbers, got an array of dtype <U1"),
        (np.array([1, 2], dtype=object), r"^amount must hold real numbers, got an array of dtype object"),
        (np.array([1 + 1j]), r"^amount must hold real numbers, got an array of dtype complex128"),
    ],
    ids=["numeric-str", "int-10**400", "decimal-1e400", "1e308", "str-array", "object-array", "complex"],
)
def test_magnitudes_that_are_not_float64_numbers_are_refused_by_name(amount, match):
    with pytest.raises(InvalidValueError, match=match):
        emissions.co2(Q_(amount, "L"), "diesel", factors.load(NTPC))


def test_a_conversion_that_overflows_float64_is_refused_by_name():
    # 1e308 kL is 1e311 L: beyond float64. The boundary refuses it (naming the element) instead of
    # handing inf to the engine; 1e300 kL converts (1e303 L) and is refused only as an amount, in the
    # caller's own unit.
    with pytest.raises(InvalidValueError, match=r"^amount is 1e\+308 kl, beyond float64's range in l"):
        magnitude(Q_(1e308, "kL"), "L", "amount")
    with pytest.raises(InvalidValueError, match=r"^amount\[1\] is 1e\+308 kl, beyond float64's range"):
        magnitude(Q_(np.array([1.0, 1e308]), "kL"), "L", "amount")
    with pytest.raises(InvalidValueError, match=r"^uses\[0\] is 1e\+308 kl, beyond"):
        stack([Q_(1e308, "kL")], "uses", "L")
    with pytest.raises(InvalidValueError, match=r"^uses\[0, 1\] is 1e\+308 kl, beyond"):
        stack(Q_(np.array([[1.0, 1e308]]), "kL"), "uses", "L")
    assert magnitude(Q_(1e300, "kL"), "L", "amount") == pytest.approx(1e303, rel=1e-15)
    with pytest.raises(InvalidValueError, match=r"^amount is 1e\+300, larger in magnitude than the 1e\+30"):
        checked_magnitude(Q_(1e300, "kL"), "L", "amount")


def test_huge_values_refused_instead_of_an_infinite_result():
    # 1e308 L × 2.61 kg/L would be inf; 1e200 kW × 1e200 h would be inf.
    with pytest.raises(InvalidValueError, match=r"^reduction is 1e\+200, larger in magnitude"):
        savings.demand_response(Q_(1e200, "kW"), Q_(1e200, "h"))
    with pytest.raises(InvalidValueError, match=r"^amount is 1e\+300"):
        energy.heat(Q_(1e300, "L"), "diesel")


# --- 4. pint's tons are not the forms' 公噸 -------------------------------------------------------


@pytest.mark.parametrize("unit", ["ton", "short_ton", "long_ton", "UK_ton", "US_ton"])
def test_pint_tons_are_refused_wherever_a_mass_is_taken(unit):
    advice = r"not the metric tonne of the forms: write 't' or '公噸'"
    with pytest.raises(UnitsError, match=advice):
        parse_unit(unit)
    with pytest.raises(UnitsError, match=rf"^amount is given in 1 {unit if unit != 'short_ton' else 'ton'}.*{advice}"):
        energy.heat(Q_(1, unit), "LPG")
    with pytest.raises(UnitsError, match=advice):
        emissions.co2(Q_(1, unit), "LPG")
    with pytest.raises(UnitsError, match=advice):
        magnitude(Q_(1, unit), "kg", "mass")
    with pytest.raises(UnitsError, match=advice):  # also inside a compound unit
        magnitude(Q_(1, f"kg/{unit}"), "dimensionless", "ratio")
    with pytest.raises(UnitsError, match=advice):
        check_unit(unit, "kg", "unit")


def test_the_metric_tonne_still_works():
    # 公噸 = t = 1,000 kg (domain conventions)
    assert magnitude(Q_(5, parse_unit("公噸")), "kg", "mass") == 5000.0
    assert magnitude(Q_(5, "t"), "kg", "mass") == 5000.0
    assert magnitude(Q_(5, "tonne"), "kg", "mass") == 5000.0


@pytest.mark.parametrize("unit", ["refrigeration_ton", "ton_of_refrigeration", "cooling_tower_ton"])
def test_pint_refrigeration_tons_are_refused_for_usrt(unit):
    # pint's refrigeration ton is 12,000 Btu/h; the forms' 冷凍噸 is 3,024 kcal/h (USRT).
    with pytest.raises(UnitsError, match=r"write 'USRT' \(or 'RT'\)"):
        chiller.refrigeration_tons(Q_(100, unit))
    with pytest.raises(UnitsError, match=r"write 'USRT' \(or 'RT'\)"):
        chiller.rth(Q_(100, unit), Q_(2, "h"))
    # 3,628,800 kcal/h ÷ 3,024 kcal/h per USRT = 1,200 RT; 1,200 RT × 2 h = 2,400 RTh
    assert chiller.refrigeration_tons(Q_(3_628_800, "kcal/h")).m_as("USRT") == pytest.approx(1200, rel=1e-15)
    assert chiller.rth(Q_(1200, "USRT"), Q_(2, "h")).m_as("RTh") == pytest.approx(2400, rel=1e-15)


# --- 5. reactive and apparent power are not real power ------------------------------------------


@pytest.mark.parametrize("kind, unit", [("reactive", "kvar"), ("apparent", "kVA"), ("apparent", "MVA")])
def test_var_and_va_are_refused_where_real_energy_or_power_is_taken(kind, unit):
    energy_error = rf"must be real energy \(kWh\), got .*: {kind} energy"
    with pytest.raises(UnitsError, match=r"^amount " + energy_error):
        emissions.electricity(Q_(1000, f"{unit}*h"), year=2024)
    with pytest.raises(UnitsError, match=r"^amount is 1000 h \* \w+: without a fuel, .*'E01' for electricity\)$"):
        energy.to_kloe(Q_(1000, f"{unit}*h"))  # electricity's oil equivalent needs the fuel E01
    with pytest.raises(UnitsError, match=r"^amount " + energy_error):
        energy.to_kloe(Q_(1000, f"{unit}*h"), "E01")
    with pytest.raises(UnitsError, match=rf"^power must be real power \(kW\), got 100 {unit}: {kind} power"):
        building.peak_share(Q_(100, unit), Q_(1000, "kW"))
    with pytest.raises(UnitsError, match=rf"^installed must be real power \(USRT\), got .*: {kind} power"):
        building.tonnage_check(Q_(1000, unit), Q_(800, "USRT"))
    with pytest.raises(UnitsError, match=rf"^total_capacity must be real power \(kW\), got .*: {kind} power"):
        building.system_utilisation(Q_(50, unit), Q_(100, unit))
    with pytest.raises(UnitsError, match=r"^energy " + energy_error):
        building.eui(Q_(1000, f"{unit}*h"), Q_(100, "m**2"))
    with pytest.raises(UnitsError, match=r"^energy " + energy_error):
        production.unit_energy(Q_(1000, f"{unit}*h"), 10)
    with pytest.raises(UnitsError, match=rf"^reduction must be real power \(kW\), got 1 {unit}: {kind} power"):
        savings.demand_response(Q_(1, unit), Q_(1, "h"))
    with pytest.raises(UnitsError, match=r"^savings " + energy_error):
        rates.annual_saving_rate(Q_(1, f"{unit}*h"), Q_(100, f"{unit}*h"))
    with pytest.raises(UnitsError, match=r"^this_year " + energy_error):
        rates.year_over_year(Q_(1, f"{unit}*h"), Q_(2, f"{unit}*h"))
    with pytest.raises(UnitsError, match=r"^consumption " + energy_error):
        savings.efficiency_gain(Q_(100, f"{unit}*h"), 0.1)
    with pytest.raises(UnitsError, match=r"^contract_capacity must be real power \(kW\)"):
        rates.meets_target(0.012, year=2024, contract_capacity=Q_(900, unit))
    with pytest.raises(UnitsError, match=rf"{kind} energy"):
        check_unit(f"{unit}*h", "kWh", "energy_unit")


def test_apparent_power_is_still_taken_where_the_form_means_it():
    # non-production-form-2025 八 註4: transformer load rate = √3 × V × I ÷ rated capacity [kVA]:
    # √3 × 380 V × 1,000 A = 658.18 kVA of 1,000 kVA = 65.82 %.
    r = electrical.transformer_load_rate(Q_(380, "V"), Q_(1000, "A"), Q_(1000, "kVA"))
    assert r.m == pytest.approx(3**0.5 * 380 * 1000 / 1000 / 1000, rel=1e-12)
    with pytest.raises(UnitsError, match=r"must be apparent power \(kVA\), got 1000 kW: real power"):
        electrical.transformer_load_rate(Q_(380, "V"), Q_(1000, "A"), Q_(1000, "kW"))
    with pytest.raises(UnitsError, match=r"must be apparent power \(kVA\), got 1000 kvar: reactive power"):
        electrical.transformer_load_rate(Q_(380, "V"), Q_(1000, "A"), Q_(1000, "kvar"))


# --- 10. offset vs delta temperatures -----------------------------------------------------------


def test_absolute_temperature_where_a_difference_is_wanted():
    with pytest.raises(UnitsError, match=r"^delta must be a temperature difference, got 5 °C.*Q_\(5, 'delta_degC'\)"):
        chiller.cooling_load(Q_(100, "m**3/h"), delta=Q_(5, "degC"))
    # the same difference as delta_degC or K: 100 m³/h × 1 kg/L × 1 kcal/(kg·K) × 5 K = 500,000 kcal/h
    for delta in (Q_(5, "delta_degC"), Q_(5, "K")):
        assert chiller.cooling_load(Q_(100, "m**3/h"), delta=delta).m_as("kcal/h") == pytest.approx(500_000, rel=1e-12)


def test_difference_where_an_absolute_temperature_is_wanted():
    with pytest.raises(UnitsError, match=r"^supply must be an absolute temperature .*got 7 Δ°C.*Q_\(7, 'degC'\)"):
        chiller.cooling_load(Q_(100, "m**3/h"), supply=Q_(7, "delta_degC"), ret=Q_(12, "degC"))


# --- 7. pickling keeps carbonaudit's registry ----------------------------------------------------


@pytest.mark.parametrize(
    "q, unit, expected",
    [
        (Q_(8400, "Mcal"), "MJ", 8400 * 4.1868),  # IT calorie: 1 Mcal = 4.1868 MJ (35,169.12 for 8,400)
        (Q_(2, "KLOE"), "KLOE", 2.0),
        (Q_(1, "USRT"), "kcal/h", 3024.0),  # the forms' 冷凍噸
        (Q_(1, "RTh"), "kcal", 3024.0),
        (Q_(3, "kTWD"), "TWD", 3000.0),
        (Q_(np.array([1.0, 2.0]), "MWh"), "MWh", np.array([1.0, 2.0])),
    ],
    ids=["Mcal", "KLOE", "USRT", "RTh", "kTWD", "array"],
)
def test_quantities_round_trip_through_pickle_in_carbonaudits_registry(q, unit, expected):
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(q, protocol=protocol))
        assert isinstance(back, ureg.Quantity)
        np.testing.assert_allclose(back.m_as(unit), expected, rtol=1e-15)
    assert copy.deepcopy(q).m_as(unit) == pytest.approx(expected, rel=1e-15)
    assert pickle.loads(pickle.dumps(q.units)) == q.units


def test_pickling_leaves_pints_application_registry_alone():
    # Another library's Quantities still unpickle into pint's own registry (thermochemical calorie).
    other = pint.UnitRegistry()
    pint.set_application_registry(other)
    try:
        back = pickle.loads(pickle.dumps(other.Quantity(1, "kcal")))
        assert back.m_as("kJ") == pytest.approx(4.184, rel=1e-15)
        assert not isinstance(back, ureg.Quantity)
        assert pickle.loads(pickle.dumps(Q_(1, "kcal"))).m_as("kJ") == pytest.approx(4.1868, rel=1e-15)
    finally:
        pint.set_application_registry(pint.UnitRegistry())


def test_results_round_trip_through_pickle():
    # award-form-2015 附表2: 1,000 L diesel → 2,610 kg CO2; the result and its trace survive a process hop.
    r = emissions.emissions(Q_(1000, "L"), "diesel", factors.load(NTPC))
    back = pickle.loads(pickle.dumps(r))
    assert back.co2e.m_as("kg") == pytest.approx(r.co2e.m_as("kg"), rel=0) and back.co2e.m_as("kg") == 2610.0
    assert [(f.name, f.value, f.source) for f in back.factors] == [(f.name, f.value, f.source) for f in r.factors]


# --- check_unit and stack ---------------------------------------------------------------------


def test_check_unit_takes_any_of_several_expected_units_and_form_labels():
    assert check_unit("公秉", ("kWh", "L", "kg"), "amount") == ureg.Unit("kL")
    assert check_unit("度", ("kWh", "L", "kg"), "amount") == ureg.Unit("kWh")
    with pytest.raises(UnitsError, match=r"^amount must be in a unit of .*, got m which is \[length\]$"):
        check_unit("m", ("kWh", "L"), "amount")


def test_stack_gives_float64_from_integer_quantities():
    values, unit = stack([Q_(np.int16(30000), "kWh"), Q_(np.uint8(200), "kWh")], "months")
    assert values.dtype == np.float64 and values.tolist() == [30000.0, 200.0] and unit == ureg.Unit("kWh")


# --- 12. other bare exceptions -------------------------------------------------------------------


def test_outliers_ratio_beyond_float_range_is_refused_by_name():
    from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compute, outliers

    tree = OrgTree([Organisation(id=i, name=i.upper() + "局", staff=10) for i in "abcd"])
    recs = [
        ActivityRecord(org=i, year=2024, kind="electricity", amount={"value": v, "unit": "kWh"})
        for i, v in zip("abcd", [1_000, 1_200, 900, 10_000], strict=True)
    ]
    inv = compute(tree, recs, year=2024)
    with pytest.raises(InvalidValueError, match=r"^ratio must be a finite number above 1 .*an int of 401 digits"):
        outliers(inv, ratio=10**400)
    # 10,000 kWh × 0.474 kg/kWh / 10 people = 0.474 t per person against a median of 0.0521: ratio 9.1
    assert [f.path for f in outliers(inv, ratio=np.int64(9))] == ["orgs.d"]
    assert outliers(inv, ratio=10) == []


def test_check_unit_tells_temperatures_from_temperature_differences():
    assert check_unit("K", "degC", "limit") == ureg.Unit("K")
    assert check_unit("K", "delta_degC", "delta") == ureg.Unit("K")
    with pytest.raises(UnitsError, match=r"^limit must be an absolute temperature, got 'delta_degC' .*in degC"):
        check_unit("delta_degC", "degC", "limit")
    with pytest.raises(UnitsError, match=r"^delta must be a temperature difference, got 'degC' .*in delta_degC"):
        check_unit("degC", "delta_degC", "delta")


def test_a_zero_dimensional_array_is_named_without_an_index():
    with pytest.raises(InvalidValueError, match=r"^output must be a finite, non-negative number, got -1.0$"):
        check_amount(np.array(-1.0), "output")
    with pytest.raises(InvalidValueError, match=r"^output is 1e\+31, larger in magnitude"):
        check_amount(np.array(1e31), "output")


def test_short_ton_in_the_table_and_award_entry_points():
    import pandas as pd

    from carbonaudit.inventory import award_summary

    rows = pd.DataFrame({"fuel": ["LPG"], "amount": [1.0], "unit": ["ton"], "year": [2024]})
    with pytest.raises(UnitsError, match=r"row 0 .*pint's 'ton' is the US short ton .*write 't' or '公噸'"):
        emissions.frame(rows)
    with pytest.raises(UnitsError, match=r"write 't' or '公噸'"):
        award_summary({"lpg": Q_(10, "ton")}, {"lpg": Q_(12, "ton")})
    # the same call in a unit the form means: 12 kL - 10 kL = 2 kL of diesel saved
    [row] = award_summary({"diesel": Q_(10, parse_unit("公秉"))}, {"diesel": Q_(12, "kL")})
    assert row.saving.m_as("kL") == pytest.approx(2.0, rel=1e-15)
