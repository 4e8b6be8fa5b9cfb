"""Every refusal of carbonaudit.units, word for word, and the boundary cases of its checks.

The units module is the boundary every engine reads its inputs through; its messages are what a user
reads to mend an input. Each message below was read against the rule it states (it names the
argument, shows the value given and says what is wanted) and is pinned whole, so that a changed word,
a dropped argument name or a swapped branch fails a test (mutation testing: docs/reliability.md).
"""

from __future__ import annotations

import decimal
import struct

import numpy as np
import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pint.facets.plain import PlainQuantity

from carbonaudit import Q_
from carbonaudit import units as U
from carbonaudit.errors import InvalidValueError, UnitsError

MESSAGES = [
    pytest.param(lambda: U.parse_unit(3), UnitsError, "unit label must be a str, got int 3", id="label_not_str"),
    pytest.param(
        lambda: U.parse_unit(["t"]), UnitsError, "unit label must be a str, got list ['t']", id="label_unhashable"
    ),
    pytest.param(
        lambda: U.parse_unit(" ( ) "), UnitsError, "unit label must not be empty, got ' ( ) '", id="label_empty"
    ),
    pytest.param(
        lambda: U.parse_unit("ton"),
        UnitsError,
        "unit 'ton' is refused: pint's 'ton' is the US short ton (907.18 kg), not the metric tonne of the forms: write 't' or '公噸'",
        id="label_ton",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1, "kWh"), 5, "use"),
        UnitsError,
        "unit for use must be a unit of carbonaudit.ureg or a form label (e.g. 'kWh', 'L/min', '度'), got int 5",
        id="unit_bad_type",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1, "kg"), "ton", "use"),
        UnitsError,
        "use: unit 'ton' is refused: pint's 'ton' is the US short ton (907.18 kg), not the metric tonne of the forms: write 't' or '公噸'",
        id="unit_ton_target",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1, "kg"), "furlongs", "use"),
        UnitsError,
        "use must be a Quantity of [length] (convertible to fur), got 1 kg which is [mass]",
        id="unit_unknown_target",
    ),
    pytest.param(
        lambda: U.require_quantity(Q_(1, "ton"), "mass", "kg"),
        UnitsError,
        "mass is given in 1 ton: pint's 'ton' is the US short ton (907.18 kg), not the metric tonne of the forms: write 't' or '公噸'",
        id="rq_ton",
    ),
    pytest.param(
        lambda: U.require_quantity(pint.UnitRegistry().Quantity(1, "kg"), "mass", "kg"),
        UnitsError,
        "mass is a Quantity of another pint registry (<Quantity(1, 'kilogram')>); build it with carbonaudit.Q_ or convert through its magnitude",
        id="rq_other_registry",
    ),
    pytest.param(
        lambda: U.require_quantity(2.5, "mass", U.ureg.Unit("kg")),
        UnitsError,
        "mass must be a Quantity of [mass] (e.g. kg), got bare float 2.5; give units, e.g. carbonaudit.Q_(2.5, ...)",
        id="rq_bare_unit",
    ),
    pytest.param(
        lambda: U.require_quantity(2.5, "mass", "a mass"),
        UnitsError,
        "mass must be a Quantity of a mass, got bare float 2.5; give units, e.g. carbonaudit.Q_(2.5, ...)",
        id="rq_bare_phrase",
    ),
    pytest.param(
        lambda: U.require_quantity(2.5, "share", U.ureg.Unit("dimensionless")),
        UnitsError,
        "share must be a Quantity of dimensionless (a fraction, or a percent Quantity), got bare float 2.5; give units, e.g. carbonaudit.Q_(2.5, ...)",
        id="rq_bare_dimensionless",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1, "kg"), "kWh", "use"),
        UnitsError,
        "use must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to kWh), got 1 kg which is [mass]",
        id="mag_wrong_dim",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1, "kg"), "dimensionless", "share"),
        UnitsError,
        "share must be a Quantity of dimensionless (a fraction, or a percent Quantity), got 1 kg which is [mass]",
        id="mag_dimless_target",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1, "percent"), "kWh", "use"),
        UnitsError,
        "use must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to kWh), got 1 % which is dimensionless",
        id="mag_dimless_given",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1, "ton"), "ton", "use"),
        UnitsError,
        "use: unit 'ton' is refused: pint's 'ton' is the US short ton (907.18 kg), not the metric tonne of the forms: write 't' or '公噸'",
        id="mag_own_ton",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1, "kvar*h"), "kWh", "use"),
        UnitsError,
        "use must be real energy (kWh), got 1 h * kvar: reactive energy (kvarh) is not real energy (kWh)",
        id="mag_kvarh",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1, "kVA*h"), "kWh", "use"),
        UnitsError,
        "use must be real energy (kWh), got 1 h * kVA: apparent energy (kVAh) is not real energy (kWh); real energy = apparent energy × power factor",
        id="mag_kVAh",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1, "kVA"), "kW", "demand"),
        UnitsError,
        "demand must be real power (kW), got 1 kVA: apparent power (kVA) is not real power (kW); real power = apparent power × power factor",
        id="mag_kVA_power",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1, "kW"), "kVA", "capacity"),
        UnitsError,
        "capacity must be apparent power (kVA), got 1 kW: real power (kW) is not apparent power (kVA)",
        id="mag_kW_for_kVA",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1, "kvar"), "kVA", "capacity"),
        UnitsError,
        "capacity must be apparent power (kVA), got 1 kvar: reactive power (kvar) is not apparent power (kVA)",
        id="mag_kvar_for_kVA",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(5, "degC"), "delta_degC", "delta"),
        UnitsError,
        "delta must be a temperature difference, got 5 °C, an absolute temperature; write it as a difference, e.g. Q_(5, 'delta_degC') or in K",
        id="mag_abs_for_delta",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(5, "delta_degC"), "degC", "temperature"),
        UnitsError,
        "temperature must be an absolute temperature (e.g. °C), got 5 Δ°C, a temperature difference; write it as a temperature, e.g. Q_(5, 'degC')",
        id="mag_delta_for_abs",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1e308, "kL"), "L", "amount"),
        InvalidValueError,
        "amount is 1e+308 kl, beyond float64's range in l; no real amount is that large: check the unit and the decimal point",
        id="mag_overflow",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(np.array([1.0, 1e308]), "kL"), "L", "amount"),
        InvalidValueError,
        "amount[1] is 1e+308 kl, beyond float64's range in l; no real amount is that large: check the unit and the decimal point",
        id="mag_overflow_arr",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(np.array([[1.0], [1e308]]), "kL"), "L", "amount"),
        InvalidValueError,
        "amount[1, 0] is 1e+308 kl, beyond float64's range in l; no real amount is that large: check the unit and the decimal point",
        id="mag_overflow_2d",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(np.array(["a"]), "kWh"), "kWh", "use"),
        InvalidValueError,
        "use must hold real numbers, got an array of dtype <U1; convert it with .astype(float)",
        id="f64_str_arr",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(10**400, "kWh"), "kWh", "use"),
        InvalidValueError,
        "use must be a number within float64 range (about ±1.8e308), got an int of 401 digits beyond it",
        id="f64_bigint",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(decimal.Decimal("1e400"), "kWh"), "kWh", "use"),
        InvalidValueError,
        "use must be a number within float64 range (about ±1.8e308), got a number beyond it",
        id="f64_bigdec",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(1j, "kWh"), "kWh", "use"),
        InvalidValueError,
        "use must be a real number or an array of them, got complex 1j",
        id="f64_complex",
    ),
    pytest.param(
        lambda: U.check_unit("kg", "kWh", "unit"),
        UnitsError,
        "unit must be in a unit of [mass] * [length] ** 2 / [time] ** 2 (e.g. kWh), got kg which is [mass]",
        id="cu_wrong",
    ),
    pytest.param(
        lambda: U.check_unit("kg", ["kWh", "L"], "unit"),
        UnitsError,
        "unit must be in a unit of [mass] * [length] ** 2 / [time] ** 2 (e.g. kWh) or [length] ** 3 (e.g. l), got kg which is [mass]",
        id="cu_two",
    ),
    pytest.param(
        lambda: U.check_unit("delta_degC", "degC", "limit_temperature"),
        UnitsError,
        "limit_temperature must be an absolute temperature, got 'delta_degC' (Δ°C), a temperature difference: write the temperature itself in degC (or K, degF)",
        id="cu_abs",
    ),
    pytest.param(
        lambda: U.check_unit("degC", "delta_degC", "rise"),
        UnitsError,
        "rise must be a temperature difference, got 'degC' (°C), an absolute temperature: write it in delta_degC (or K)",
        id="cu_delta",
    ),
    pytest.param(
        lambda: U.check_unit("ton", "kg", "unit"),
        UnitsError,
        "unit: unit 'ton' is refused: pint's 'ton' is the US short ton (907.18 kg), not the metric tonne of the forms: write 't' or '公噸'",
        id="cu_ton",
    ),
    pytest.param(
        lambda: U.scalar_magnitude(Q_([1, 2], "kW"), "kW", "contract_capacity"),
        InvalidValueError,
        "contract_capacity must be a single value, got an array of shape (2,)",
        id="scalar_arr",
    ),
    pytest.param(
        lambda: U.fraction("12%", "gain"),
        UnitsError,
        "gain must be a fraction (0.125) or a percent Quantity (Q_(12.5, 'percent')), got str '12%'",
        id="frac_str",
    ),
    pytest.param(
        lambda: U.fraction(Q_(1, "kg"), "gain"),
        UnitsError,
        "gain must be a Quantity of dimensionless (a fraction, or a percent Quantity), got 1 kg which is [mass]",
        id="frac_dim",
    ),
    pytest.param(
        lambda: U.check_amount(np.array(["a"]), "use"),
        InvalidValueError,
        "use must hold real numbers, got an array of dtype <U1",
        id="ca_arr_dtype",
    ),
    pytest.param(
        lambda: U.check_amount(1j, "use"),
        InvalidValueError,
        "use must be a real number, got complex 1j",
        id="ca_complex",
    ),
    pytest.param(
        lambda: U.check_amount("1", "use"), InvalidValueError, "use must be a real number, got str '1'", id="ca_str"
    ),
    pytest.param(
        lambda: U.check_amount(object(), "use"),
        InvalidValueError,
        "use must be a real number within float64 range, got object",
        id="ca_obj",
    ),
    pytest.param(
        lambda: U.check_amount(-1.0, "use"),
        InvalidValueError,
        "use must be a finite, non-negative number, got -1.0",
        id="ca_neg",
    ),
    pytest.param(
        lambda: U.check_amount(float("nan"), "use", allow_negative=True),
        InvalidValueError,
        "use must be a finite number, got nan",
        id="ca_neg_allowed_nan",
    ),
    pytest.param(
        lambda: U.check_amount(2e30, "use"),
        InvalidValueError,
        "use is 2e+30, larger in magnitude than the 1e+30 that carbonaudit accepts for any amount (no real figure comes near it, and products of larger values overflow float64); check the unit and the decimal point",
        id="ca_big",
    ),
    pytest.param(
        lambda: U.check_amount(-2e30, "use", allow_negative=True),
        InvalidValueError,
        "use is -2e+30, larger in magnitude than the 1e+30 that carbonaudit accepts for any amount (no real figure comes near it, and products of larger values overflow float64); check the unit and the decimal point",
        id="ca_big_neg_allowed",
    ),
    pytest.param(
        lambda: U.check_amount(-2e30, "use"),
        InvalidValueError,
        "use must be a finite, non-negative number, got -2e+30",
        id="ca_big_neg",
    ),
    pytest.param(
        lambda: U.check_amount(np.array([[1.0, 2.0], [3.0, -1.0]]), "use"),
        InvalidValueError,
        "use[1, 1] must be a finite, non-negative number, got -1.0",
        id="ca_arr_2d",
    ),
    pytest.param(
        lambda: U.check_amount(np.array([1, -2]), "use"),
        InvalidValueError,
        "use[1] must be a finite, non-negative number, got -2.0",
        id="ca_arr_int_neg",
    ),
    pytest.param(
        lambda: U.check_amount(np.array([1, np.inf], dtype=np.float32), "use"),
        InvalidValueError,
        "use[1] must be a finite, non-negative number, got inf",
        id="ca_arr_f32",
    ),
    pytest.param(
        lambda: U.check_amount(np.array([1, -3e30], dtype=np.float64), "use", allow_negative=True),
        InvalidValueError,
        "use[1] is -3e+30, larger in magnitude than the 1e+30 that carbonaudit accepts for any amount (no real figure comes near it, and products of larger values overflow float64); check the unit and the decimal point",
        id="ca_arr_f32_big_neg_allowed",
    ),
    pytest.param(
        lambda: U.stack("abc", "uses"),
        UnitsError,
        "uses must be a sequence of Quantities or an array Quantity, got 'abc'",
        id="stack_str",
    ),
    pytest.param(
        lambda: U.stack(5, "uses"),
        UnitsError,
        "uses must be a sequence of Quantities or an array Quantity, got 5",
        id="stack_num",
    ),
    pytest.param(lambda: U.stack([], "uses"), InvalidValueError, "uses must not be empty", id="stack_empty"),
    pytest.param(
        lambda: U.stack(Q_(np.array([]), "kWh"), "uses"),
        InvalidValueError,
        "uses must not be empty",
        id="stack_empty_q",
    ),
    pytest.param(
        lambda: U.stack(Q_(np.ones((2, 2)), "kWh"), "uses"),
        InvalidValueError,
        "uses must be a series (a 1-D array Quantity), got an array of shape (2, 2)",
        id="stack_2d",
    ),
    pytest.param(
        lambda: U.stack([Q_(1, "kWh"), Q_([1, 2], "kWh")], "uses"),
        InvalidValueError,
        "uses[1] must be a single value, got an array of shape (2,)",
        id="stack_elem_arr",
    ),
    pytest.param(
        lambda: U.stack([Q_(1, "kWh"), 2], "uses"),
        UnitsError,
        "uses[1] must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (e.g. kWh), got bare int 2; give units, e.g. carbonaudit.Q_(2, ...)",
        id="stack_elem_bare",
    ),
    pytest.param(
        lambda: U.stack([2, Q_(1, "kWh")], "uses", "kWh"),
        UnitsError,
        "uses[0] must be a Quantity of kWh, got bare int 2; give units, e.g. carbonaudit.Q_(2, ...)",
        id="stack_first_bare",
    ),
    pytest.param(
        lambda: U.stack([Q_(1, "kWh"), Q_(1, "kg")], "uses"),
        UnitsError,
        "uses[1] must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to kWh), got 1 kg which is [mass]",
        id="stack_elem_dim",
    ),
    pytest.param(
        lambda: U.check_shapes(a=np.ones(2), b=np.ones(3)),
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got a (2,), b (3,)",
        id="shapes",
    ),
    # survivors of the units mutation run (docs/reliability.md)
    pytest.param(
        lambda: U.check_unit(U.ureg.Unit("ton"), "t", "unit"),
        UnitsError,
        "unit is given in ton: pint's 'ton' is the US short ton (907.18 kg), not the metric tonne of the forms: "
        "write 't' or '公噸'",
        id="trap_unit_object",
    ),
    pytest.param(
        lambda: U.check_unit("kvar", "kW", "capacity"),
        UnitsError,
        "capacity must be real power (kW), got kvar: reactive power (kvar) is not real power (kW)",
        id="reactive_power",
    ),
    pytest.param(
        lambda: U.check_unit("TWD/(kvar*h)", "TWD/kWh", "unit_price"),
        UnitsError,
        "unit_price must be real power or energy (TWD / kWh), got TWD / h / kvar: reactive power or energy (kvar) "
        "is not real power or energy (TWD / kWh)",
        id="reactive_price",
    ),
    pytest.param(
        lambda: U.check_unit("kWh", "furlong_xyz", "energy"),
        UnitsError,
        "unit for energy must be a unit of carbonaudit.ureg or a form label (e.g. 'kWh', 'L/min', '度'), "
        "got str 'furlong_xyz'",
        id="expected_not_a_unit",
    ),
    pytest.param(
        lambda: U.check_unit(["kWh"], "kWh", "energy"),
        UnitsError,
        "unit for energy must be a unit of carbonaudit.ureg or a form label (e.g. 'kWh', 'L/min', '度'), "
        "got list ['kWh']",
        id="unit_unhashable",
    ),
    pytest.param(
        lambda: U.stack(pint.UnitRegistry().Quantity([1.0], "kL"), "uses"),
        UnitsError,
        "uses is a Quantity of another pint registry (<Quantity([1.], 'kiloliter')>); build it with carbonaudit.Q_ "
        "or convert through its magnitude",
        id="stack_other_registry",
    ),
    pytest.param(
        lambda: U.stack([1.0, 2.0], "uses"),
        UnitsError,
        "uses[0] must be a Quantity of any unit, got bare float 1.0; give units, e.g. carbonaudit.Q_(1.0, ...)",
        id="stack_bare_first",
    ),
    pytest.param(
        lambda: U.stack([1.0, 2.0], "uses", "L"),
        UnitsError,
        "uses[0] must be a Quantity of L, got bare float 1.0; give units, e.g. carbonaudit.Q_(1.0, ...)",
        id="stack_bare_first_with_unit",
    ),
    pytest.param(
        lambda: U.stack(Q_([1.0], "kL"), "uses", "furlong_xyz"),
        UnitsError,
        "unit for uses must be a unit of carbonaudit.ureg or a form label (e.g. 'kWh', 'L/min', '度'), "
        "got str 'furlong_xyz'",
        id="stack_unit_not_a_unit",
    ),
    pytest.param(
        lambda: U.scalar_magnitude(Q_(-5, "kW"), "kW", "reduction"),
        InvalidValueError,
        "reduction must be a finite, non-negative number, got -5.0",
        id="scalar_negative",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(np.True_, "L"), "L", "amount"),
        InvalidValueError,
        "amount must be a number, got the bool np.True_",
        id="magnitude_numpy_bool",
    ),
    pytest.param(
        lambda: U.magnitude(Q_("1000", "L"), "L", "amount"),
        InvalidValueError,
        "amount must be a number, got the text '1000'; give a number, e.g. carbonaudit.Q_(1000, 'L'), and read "
        "text columns with pandas.to_numeric first",
        id="magnitude_text",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(np.complex128(1), "L"), "L", "amount"),
        InvalidValueError,
        "amount must be a real number or an array of them, got complex128 np.complex128(1+0j)",
        id="magnitude_numpy_complex",
    ),
    pytest.param(
        lambda: U.magnitude(Q_(np.array(1e308), "kL"), "L", "amount"),
        InvalidValueError,
        "amount is 1e+308 kl, beyond float64's range in l; no real amount is that large: check the unit and the "
        "decimal point",
        id="magnitude_overflow_0d",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), MESSAGES)
def test_message(call, error, message):  # type: ignore[no-untyped-def]
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    assert str(info.value) == message


def test_an_unknown_label_lists_the_form_labels():
    with pytest.raises(UnitsError) as info:
        U.parse_unit("furlongz")
    message = str(info.value)
    assert message.startswith(
        "unknown unit label 'furlongz': not a form label (度, 仟度, 千度, 瓩, 千瓦, 千伏安, 千乏, "
    )
    assert message.endswith(", 公斤油當量, 小時) nor a unit of carbonaudit.ureg")


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("度", "kWh"),
        ("仟度", "MWh"),
        ("千度", "MWh"),
        ("瓩", "kW"),
        ("千瓦", "kW"),
        ("千伏安", "kVA"),
        ("千乏", "kvar"),
        ("公秉", "kL"),
        ("公升", "L"),
        ("公斤", "kg"),
        ("公噸", "t"),
        ("千立方公尺", "1000 * m**3"),
        ("立方公尺", "m**3"),
        ("平方公尺", "m**2"),
        ("百萬卡", "Mcal"),
        ("千卡", "kcal"),
        ("元", "TWD"),
        ("千元", "1000 * TWD"),
        ("仟元", "1000 * TWD"),
        ("冷凍噸", "USRT"),
        ("美制冷凍噸", "USRT"),
        ("冷凍噸-小時", "RTh"),
        ("公秉油當量", "KLOE"),
        ("公升油當量", "LOE"),
        ("公斤油當量", "kgOE"),
        ("小時", "h"),
        # brackets of the forms' column heads, nested and padded
        ("(度)", "kWh"),
        ("（公秉）", "kL"),
        ("[千卡]", "kcal"),
        (" ( [公噸] ) ", "t"),
    ],
)
def test_form_labels(label, unit):  # type: ignore[no-untyped-def]
    # the forms' labels (能源查核申報 表頭): 度 = kWh, 公秉 = kL, 公噸 = t, 千立方公尺 = 1000 m³, 千元 = NT$1000
    got, want = Q_(1, U.parse_unit(label)), U.ureg.parse_expression(unit)
    assert got.dimensionality == want.dimensionality
    assert got.to_base_units().m == pytest.approx(want.to_base_units().m, rel=1e-12)


@pytest.mark.parametrize(
    ("unit", "name"),
    [
        ("short_ton", "ton"),  # pint's ton is the short ton
        ("long_ton", "long_ton"),
        ("UK_ton", "UK_ton"),
        ("US_ton", "US_ton"),
        ("refrigeration_ton", "refrigeration_ton"),
        ("cooling_tower_ton", "cooling_tower_ton"),
    ],
)
def test_every_trap_unit_is_refused(unit, name):  # type: ignore[no-untyped-def]
    with pytest.raises(UnitsError, match=r"^unit '" + unit + "' is refused: pint's '" + name + "' is "):
        U.parse_unit(unit)
    with pytest.raises(UnitsError, match=r"^mass is given in 2 "):
        U.require_quantity(Q_(2, unit), "mass", "kg")


@pytest.mark.parametrize(
    ("given", "target", "kind"),
    [("MVA*h", "kWh", "apparent"), ("Mvar*h", "kWh", "reactive"), ("var", "kVA", "reactive"), ("VA", "MW", "apparent")],
)
def test_electrical_kinds_with_prefixes(given, target, kind):  # type: ignore[no-untyped-def]
    with pytest.raises(UnitsError, match=f": {kind} (power|energy) "):
        U.magnitude(Q_(1, given), target, "x")


def test_the_same_kind_converts():
    assert U.magnitude(Q_(2, "MVA"), "kVA", "capacity") == pytest.approx(2000, rel=1e-12)
    assert U.magnitude(Q_(3, "Mvar*h"), "kvar*h", "reactive") == pytest.approx(3000, rel=1e-12)
    assert U.check_unit("kVA", "kVA", "capacity") == U.ureg.Unit("kVA")


def test_a_bool_array_is_not_an_amount():
    with pytest.raises(InvalidValueError) as info:
        U.magnitude(Q_(np.array([True, False]), "kWh"), "kWh", "use")
    assert str(info.value) == "use must hold real numbers, got an array of dtype bool; convert it with .astype(float)"


def test_magnitudes_are_float64_and_not_copied():
    a = np.array([1.0, 2.0])
    assert U.magnitude(Q_(a, "kWh"), "kWh", "use") is a  # a float64 array in the wanted unit: no copy
    ints = U.magnitude(Q_(np.array([1, 2], dtype=np.int16), "kWh"), "kWh", "use")
    assert ints.dtype == np.float64 and ints.tolist() == [1.0, 2.0]
    f32 = U.magnitude(Q_(np.array([1.5], dtype=np.float32), "kWh"), "kWh", "use")
    assert f32.dtype == np.float64 and f32.tolist() == [1.5]
    assert type(U.magnitude(Q_(7, "kWh"), "kWh", "use")) is float
    assert U.magnitude(Q_(decimal.Decimal("2.5"), "kL"), "L", "use") == 2500.0
    assert U.magnitude(Q_(decimal.Decimal("-Infinity"), "kWh"), "kWh", "use") == -np.inf  # a float, refused later


def test_checked_magnitude_shows_the_callers_value():
    # -1 L/min is refused as -1 (what the user wrote), not as -60 L/h
    with pytest.raises(InvalidValueError) as info:
        U.checked_magnitude(Q_(-1, "L/min"), "L/h", "flow")
    assert str(info.value) == "flow must be a finite, non-negative number, got -1.0"
    assert U.checked_magnitude(Q_(-1, "L/min"), "L/h", "flow", allow_negative=True) == pytest.approx(-60, rel=1e-12)
    # an offset unit is checked after conversion: -10 degC is 263.15 K, not negative
    assert U.checked_magnitude(Q_(-10, "degC"), "K", "temperature") == pytest.approx(263.15, rel=1e-12)


@pytest.mark.parametrize("allow_negative", [False, True])
def test_check_amount_at_the_bound(allow_negative):  # type: ignore[no-untyped-def]
    above = np.nextafter(U.MAX_AMOUNT, np.inf)
    for values in (U.MAX_AMOUNT, np.array([U.MAX_AMOUNT]), np.array([U.MAX_AMOUNT], dtype=np.float32) * 0):
        U.check_amount(values, "use", allow_negative=allow_negative)
    with pytest.raises(InvalidValueError, match=r"^use is 1.0000000000000002e\+30, larger in magnitude"):
        U.check_amount(above, "use", allow_negative=allow_negative)
    with pytest.raises(InvalidValueError, match=r"^use\[0\] is 1.0000000000000002e\+30, larger in magnitude"):
        U.check_amount(np.array([above]), "use", allow_negative=allow_negative)
    with pytest.raises(InvalidValueError, match=r"^use\[1\] is 1.0000000000000002e\+30, larger in magnitude"):
        U.check_amount(np.array([1.0, above], dtype=np.float64).astype(">f8"), "use", allow_negative=allow_negative)


def test_check_amount_negatives():
    U.check_amount(-U.MAX_AMOUNT, "d", allow_negative=True)
    U.check_amount(np.array([-U.MAX_AMOUNT, 0.0]), "d", allow_negative=True)
    U.check_amount(np.array([-5, 3], dtype=np.int8), "d", allow_negative=True)
    U.check_amount(np.array([-0.0, 0.0]), "d")  # minus zero is zero
    U.check_amount(np.array([0, 3], dtype=np.uint8), "d")
    with pytest.raises(InvalidValueError, match=r"^d\[0\] must be a finite number, got nan$"):
        U.check_amount(np.array([np.nan, 1.0], dtype=np.float32), "d", allow_negative=True)
    with pytest.raises(InvalidValueError, match=r"^d\[0\] must be a finite, non-negative number, got -5.0$"):
        U.check_amount(np.array([-5, 3], dtype=np.int8), "d")
    with pytest.raises(InvalidValueError, match=r"^d\[1\] must be a finite, non-negative number, got -1e-300$"):
        U.check_amount(np.array([0.0, -1e-300]), "d")


def test_stack_units():
    m, unit = U.stack([Q_(1, "MWh"), Q_(500, "kWh")], "uses")
    assert unit == U.ureg.Unit("MWh") and m.tolist() == [1.0, 0.5]
    m, unit = U.stack([Q_(1, "MWh"), Q_(500, "kWh")], "uses", "kWh")
    assert unit == U.ureg.Unit("kWh") and m.tolist() == [1000.0, 500.0]
    m, unit = U.stack(Q_([1, 2], "kL"), "uses", "L")
    assert unit == U.ureg.Unit("L") and m.tolist() == [1000.0, 2000.0] and m.dtype == np.float64
    m, unit = U.stack(Q_(3, "kL"), "uses")
    assert unit == U.ureg.Unit("kL") and m.tolist() == [3.0]


def test_shapes_that_broadcast():
    U.check_shapes(a=1.0, b=np.ones(3), c=Q_(np.ones(3), "kWh"))
    U.check_shapes(a=np.ones((2, 1)), b=np.ones(3))


def test_fraction_paths():
    assert U.fraction(Q_(12.5, "percent"), "gain") == pytest.approx(0.125, rel=1e-12)
    assert U.fraction(np.array([1, 2], dtype=np.int8), "gain").dtype == np.float64
    assert U.fraction(decimal.Decimal("0.5"), "gain") == 0.5
    with pytest.raises(UnitsError, match=r"^gain must be a fraction \(0.125\) or a percent Quantity .*got bool True$"):
        U.fraction(True, "gain")
    with pytest.raises(UnitsError, match=r"got ndarray array\(\['a'\]"):
        U.fraction(np.array(["a"]), "gain")


def test_pint_quantities_of_another_registry_are_named():
    other = pint.UnitRegistry()
    with pytest.raises(UnitsError, match=r"^gain is a Quantity of another pint registry"):
        U.fraction(other.Quantity(5, "percent"), "gain")


def test_any_of_several_expected_units_will_do():
    # kVA·h is not real energy (the first expected unit), but it is the second: the check goes on
    assert U.check_unit("kVA*h", ("kWh", "kVA*h"), "x") == U.ureg.Unit("kVA*h")
    assert U.check_unit("kWh", ("kVA*h", "kWh"), "x") == U.ureg.Unit("kWh")


def test_scalar_magnitude_takes_a_negative_when_asked():
    assert U.scalar_magnitude(Q_(-5, "kW"), "kW", "reduction", allow_negative=True) == -5.0
    assert U.scalar_magnitude(Q_(-0.5, "MW"), "kW", "reduction", allow_negative=True) == -500.0


def test_array_like_magnitudes_are_read_as_float64():
    # pandas arrays and indexes are array-likes pint keeps as they are: 1 and 2 kL are 1,000 and 2,000 L
    pd = pytest.importorskip("pandas")
    for values in (pd.array([1, 2]), pd.Index([1.0, 2.0])):
        out = U.magnitude(Q_(values, "kL"), "L", "amount")
        assert isinstance(out, np.ndarray) and out.dtype == np.float64
        assert out.tolist() == [1000.0, 2000.0]
    # an array-like of text or booleans is named as any array would be
    with pytest.raises(InvalidValueError) as info:
        U.magnitude(Q_(pd.array([True, False]), "L"), "L", "amount")
    assert str(info.value) == "amount must hold real numbers, got an array of dtype bool; convert it with .astype(float)"


def test_an_unknown_unit_keeps_the_parse_error_as_its_cause():
    # the message names the argument; the parser's own error (with the form labels) is chained for debugging
    with pytest.raises(UnitsError) as info:
        U.check_unit("furlong_xyz", "kWh", "energy")
    assert str(info.value).startswith("unit for energy must be a unit of carbonaudit.ureg or a form label")
    assert isinstance(info.value.__cause__, UnitsError)
    assert str(info.value.__cause__).startswith("unknown unit label 'furlong_xyz': not a form label (度, ")


# -- conversions of a float by a kept factor (units._convert_scalars_by_factor) ---------------------
# pint converts a magnitude between multiplicative units as value * factor; the registry keeps each
# pair's factor and multiplies a float by it. These tests hold the results to pint's own
# (ureg.convert, which the patched methods do not touch) bit for bit, for the units declarations use.

_UNITS = [
    "kWh", "度", "MWh", "GJ", "TJ", "kcal", "Mcal", "Gcal/h", "kW", "MW", "W", "kVA", "hp", "h", "m**2",
    "L", "kL", "公秉", "m**3", "千立方公尺", "kg", "t", "公噸", "kcal/kg", "kcal/L", "kcal/m**3", "kcal/kL",
    "KLOE", "kgOE", "TWD", "kTWD", "MTWD", "USRT", "kWh/m**2", "percent", "dimensionless", "K", "degC",
    "degF", "delta_degC",
]  # fmt: skip
_PAIRS = [
    (a, b) for a in _UNITS for b in _UNITS if U.parse_unit(a).dimensionality == U.parse_unit(b).dimensionality
]
_ANY_FLOAT = st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True)


def _bits(x: object) -> object:
    return struct.pack("<d", x) if isinstance(x, float) else x


@given(pair=st.sampled_from(_PAIRS), value=_ANY_FLOAT, target_as_unit=st.booleans())
def test_a_float_converts_bit_for_bit_as_pint_converts_it(pair: tuple[str, str], value: float, target_as_unit: bool) -> None:
    source, target = (U.parse_unit(u) for u in pair)
    q = Q_(value, source)
    to: object = target if target_as_unit else str(target)
    try:
        expected = U.ureg.convert(value, q._units, target._units)  # pint's conversion of the magnitude
    except pint.errors.PintError as exc:  # an absolute temperature and a difference: pint's error, as before
        with pytest.raises(type(exc)):
            q.m_as(to)
        with pytest.raises(type(exc)):
            q.to(to)
        return
    for _ in range(2):  # the first call finds the factor, the second uses the one kept
        got = q.m_as(to)
        assert type(got) is type(expected) and _bits(got) == _bits(expected)
        moved = q.to(to)
        assert type(moved) is type(q) and moved._units == target._units
        assert _bits(moved.magnitude) == _bits(expected)


@given(
    pair=st.sampled_from(_PAIRS),
    values=st.lists(_ANY_FLOAT, min_size=0, max_size=12),
    dtype=st.sampled_from(["float64", "int64", "float32"]),
)
def test_an_array_converts_bit_for_bit_as_pint_converts_it(pair: tuple[str, str], values: list[float], dtype: str) -> None:
    source, target = (U.parse_unit(u) for u in pair)
    with np.errstate(all="ignore"):
        array = np.array(values, dtype=np.float64).astype(dtype) if dtype != "int64" else np.arange(len(values))
        q = Q_(array, source)
        assert q._magnitude is array  # kept, not copied, as pint keeps it
        try:
            expected = U.ureg.convert(array, q._units, target._units)
        except pint.errors.PintError as exc:
            with pytest.raises(type(exc)):
                q.m_as(target)
            return
        for _ in range(2):
            got = q.m_as(str(target))
            moved = q.to(target)
            for out in (got, moved.magnitude):
                assert type(out) is type(expected) and out.dtype == expected.dtype
                assert out.tobytes() == expected.tobytes()
                assert (out is array) == (expected is array)  # equal units: the same array, as pint gives


def test_offset_units_and_ints_go_to_pint() -> None:
    # degC -> K adds 273.15: no factor; 25 degC = 298.15 K, 300 K = 26.85 degC (within rounding)
    assert Q_(25.0, "degC").m_as("K") == 298.15
    assert Q_(300.0, "K").to("degC").magnitude == pytest.approx(26.85)
    with pytest.raises(pint.errors.DimensionalityError):  # an absolute temperature is not a difference
        Q_(1.0, "degC").m_as("delta_degC")
    # an int keeps pint's behaviour: equal units give it back as it is, others multiply by the factor
    assert type(Q_(3, "kWh").m_as("kWh")) is int
    assert Q_(3, "kWh").m_as("Wh") == 3000.0
    # the same units give the float itself (-0.0 keeps its sign)
    assert str(Q_(-0.0, "kWh").m_as("kWh")) == "-0.0"
    with pytest.raises(pint.errors.DimensionalityError):
        Q_(1.0, "kWh").m_as("kg")


def test_a_context_goes_to_pint() -> None:
    # a context may redefine units: while one is active, every conversion is pint's own
    ctx = pint.Context("carbonaudit_test_usrt")
    ctx.redefine("US_refrigeration_ton = 2 * kilowatt")  # 1 USRT = 2 kW in this context only
    U.ureg.add_context(ctx)
    try:
        # 1 USRT = 3,024 kcal/h = 3,024 x 4.1868 kJ / 3,600 s = 3.5169 kW
        assert Q_(1.0, "USRT").m_as("kW") == pytest.approx(3.5169, rel=1e-4)
        with U.ureg.context("carbonaudit_test_usrt"):
            assert Q_(1.0, "USRT").m_as("kW") == 2.0
            assert Q_(1.0, "USRT").to("kW").magnitude == 2.0
        assert Q_(1.0, "USRT").m_as("kW") == pytest.approx(3.5169, rel=1e-4)
    finally:
        U.ureg.remove_context("carbonaudit_test_usrt")


@given(value=st.one_of(_ANY_FLOAT, st.integers(-(10**30), 10**30)), unit=st.sampled_from(_UNITS), how=st.sampled_from(["text", "unit", "container"]))
def test_a_quantity_of_a_number_is_what_pint_builds(value: float, unit: str, how: str) -> None:
    parsed = U.parse_unit(unit)
    given_unit: object = {"text": str(parsed), "unit": parsed, "container": parsed._units}[how]
    built = Q_(value, given_unit)
    reference = PlainQuantity.__new__(type(built), value, given_unit)  # pint's own constructor
    assert type(built) is type(reference)
    assert built.__dict__.keys() == reference.__dict__.keys()
    assert _bits(built._magnitude) == _bits(reference._magnitude) and type(built._magnitude) is type(reference._magnitude)
    assert built._units == reference._units
