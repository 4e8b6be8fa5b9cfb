"""The unit registry, form labels and the unit checks at the library's boundary.

Expected numbers come from the forms' conventions and labels (docs/units.md; non-production-form-2025,
production-declaration-2018), iso-80000-5 (the IT calorie) and the forms' own figures; each is worked
out by hand in a comment.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import Q_, CarbonAuditError, InvalidValueError, UnitsError, ureg
from carbonaudit.units import MAX_AMOUNT, check_amount, fraction, magnitude, parse_unit, require_quantity


def _check_error_classes(exc: BaseException) -> None:
    # errors.py: every error carbonaudit raises on bad input is a CarbonAuditError and a ValueError.
    assert isinstance(exc, CarbonAuditError)
    assert isinstance(exc, ValueError)


@pytest.fixture(scope="module")
def other_registry() -> pint.UnitRegistry:
    return pint.UnitRegistry()


# --- the calorie -------------------------------------------------------------------------------


def test_kcal_is_the_international_table_calorie():
    # iso-80000-5: "1 kcal = 4.1868 kJ" (IT calorie), not pint's thermochemical 4.184 J.
    assert Q_(1, "kcal").m_as("kJ") == 4.1868
    assert Q_(1, "cal").m_as("J") == pytest.approx(4.1868, rel=1e-12)
    assert Q_(1, "kcal").m_as("kJ") != pytest.approx(4.184, rel=1e-6)


def test_mcal_is_a_thousand_kcal():
    # 百萬卡 (Mcal, non-production-form-2025 六 熱能) = 10^6 cal = 1000 kcal; 1000 × 4.1868 kJ = 4186.8 kJ.
    assert Q_(1, "Mcal").m_as("kcal") == pytest.approx(1000, rel=1e-12)
    assert Q_(1, "Mcal").m_as("cal") == pytest.approx(1e6, rel=1e-12)
    assert Q_(1, "Mcal").m_as("kJ") == pytest.approx(4186.8, rel=1e-12)


def test_diesel_factor_needs_the_it_calorie():
    # award-form-2015 附表2: 8,400 kcal/L × 4.1868e-9 TJ/kcal × 74,100 kgCO2/TJ
    #   = 3.516912e-5 TJ/L × 74,100 = 2.60603... kgCO2/L, shown as 2.61 (2.60 with 4.184 J/cal:
    #   8,400 × 4.184e-9 × 74,100 = 2.60430...).
    factor = (Q_(8400, "kcal/L") * Q_(74100, "kg/TJ")).m_as("kg/L")
    assert factor == pytest.approx(8400 * 4.1868e-9 * 74100, rel=1e-12)
    assert factor == pytest.approx(2.60603, abs=1e-5)
    assert factor > 2.605  # rounds to 2.61, not 2.60


# --- refrigeration ton --------------------------------------------------------------------------


def test_usrt_is_3024_kcal_per_hour():
    # non-production-form-2025 表五之三 note: "1 美制冷凍噸(USRT)=3,024kcal/hr".
    assert Q_(1, "USRT").m_as("kcal/h") == pytest.approx(3024, rel=1e-12)
    assert Q_(1, "RT").m_as("kcal/h") == pytest.approx(3024, rel=1e-12)
    assert Q_(1, "RT") == Q_(1, "USRT")
    # 3024 kcal/h × 4.1868 kJ/kcal / 3600 s/h = 12,660.8832 kJ / 3600 s = 3.516912 kW (pint's own
    # refrigeration_ton, 12,000 Btu/h, is 3.51685 kW, and must not be the one used).
    assert Q_(1, "USRT").m_as("kW") == pytest.approx(3.516912, rel=1e-9)


def test_non_production_form_chiller_load_in_rt():
    # non-production-form-2025: 3,600,000 kcal/h ≈ 1,190 RT; 3,600,000 / 3,024 = 1,190.476...
    assert Q_(3_600_000, "kcal/h").m_as("RT") == pytest.approx(3_600_000 / 3024, rel=1e-12)
    assert round(Q_(3_600_000, "kcal/h").m_as("RT")) == 1190


def test_rth_is_rt_times_hour():
    # non-production-form-2025 表九之一 註7: RTh = USRT·h, so 1 RTh = 3,024 kcal; non-production-form-2025: 1,190 RT × 1 h = 1,190 RTh.
    assert Q_(1, "RTh").m_as("kcal") == pytest.approx(3024, rel=1e-12)
    assert (Q_(1190, "RT") * Q_(1, "h")).m_as("RTh") == pytest.approx(1190, rel=1e-12)
    assert Q_(1, "RTh").dimensionality == (Q_(1, "RT") * Q_(1, "h")).dimensionality


# --- tonne, money, oil equivalent ---------------------------------------------------------------


def test_t_is_the_metric_tonne_not_the_short_ton():
    # docs/units.md: `t` is the metric tonne (公噸) = 1000 kg; pint's `ton` is 2000 lb = 907.18474 kg.
    assert Q_(1, "t").m_as("kg") == pytest.approx(1000, rel=1e-12)
    assert Q_(1, "t").m_as("kg") != pytest.approx(907.18474, rel=1e-6)
    assert Q_(1, parse_unit("公噸")).m_as("kg") == pytest.approx(1000, rel=1e-12)


def test_ktwd_is_a_thousand_twd():
    # 千元 = NT$1000 (the forms' money columns, non-production-form-2025 表十之一).
    assert Q_(1, "kTWD").m_as("TWD") == pytest.approx(1000, rel=1e-12)
    assert Q_(2500, "TWD").m_as("kTWD") == pytest.approx(2.5, rel=1e-12)


def test_twd_is_its_own_dimension():
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "TWD").to("kg")
    assert not Q_(1, "TWD").dimensionless
    with pytest.raises(UnitsError, match="cost") as excinfo:
        magnitude(Q_(1, "TWD"), "kg", "cost")
    _check_error_classes(excinfo.value)


def test_kloe_is_not_heat():
    # docs/units.md: oil equivalent is its own dimension; heat converts to it only through a factor set.
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "KLOE").to("kcal")
    with pytest.raises(UnitsError, match="oil_use"):
        magnitude(Q_(1, "KLOE"), "kcal", "oil_use")
    with pytest.raises(UnitsError, match="heat"):
        magnitude(Q_(1, "kcal"), "KLOE", "heat")
    assert not Q_(1, "KLOE").dimensionless


def test_kloe_and_kgoe_are_separate_dimensions():
    # data/factors.yaml units (the kgOE note): the registry must not hard-wire kgOE = KLOE/1000.
    with pytest.raises(pint.DimensionalityError):
        Q_(1, "KLOE").to("kgOE")
    with pytest.raises(UnitsError, match="eui"):
        magnitude(Q_(1, "kgOE"), "KLOE", "eui")
    with pytest.raises(UnitsError):
        magnitude(Q_(1, "kgOE"), "kcal", "eui")


def test_loe_is_a_thousandth_of_kloe():
    # data/factors.yaml units: LOE (公升油當量) = KLOE/1000.
    assert Q_(1, "KLOE").m_as("LOE") == pytest.approx(1000, rel=1e-12)
    assert Q_(278.34, "KLOE").m_as("LOE") == pytest.approx(278_340, rel=1e-12)


# --- parse_unit ---------------------------------------------------------------------------------

# docs/units.md "The labels on the forms": the labels on the forms and what each means. The unit named on the right is
# pint's own (or checked separately below for the library's definitions).
LABELS = [
    ("度", "kWh"),
    ("瓩", "kW"),
    ("千伏安", "kVA"),
    ("公秉", "kL"),
    ("公升", "L"),
    ("公斤", "kg"),
    ("公噸", "t"),
    ("千立方公尺", "1000 * m**3"),
    ("立方公尺", "m**3"),
    ("百萬卡", "Mcal"),
    ("千元", "kTWD"),
    ("冷凍噸", "USRT"),
]


@pytest.mark.parametrize(("label", "expected"), LABELS)
def test_parse_unit_form_labels(label, expected):
    unit = parse_unit(label)
    assert isinstance(unit, ureg.Unit)
    q = Q_(1, unit)
    target = ureg.parse_expression(expected)
    assert q.dimensionality == target.dimensionality
    assert q.to(target.units).magnitude / target.magnitude == pytest.approx(1, rel=1e-12)


def test_parse_unit_magnitudes_of_the_library_units():
    # Numbers from the forms' conventions (docs/units.md), independent of the library's definitions.
    assert Q_(1, parse_unit("度")).m_as("kWh") == pytest.approx(1)
    assert Q_(1, parse_unit("度")).m_as("J") == pytest.approx(3.6e6, rel=1e-12)  # 1000 W × 3600 s
    assert Q_(1, parse_unit("公秉")).m_as("L") == pytest.approx(1000, rel=1e-12)
    assert Q_(2, parse_unit("千立方公尺")).m_as("m**3") == pytest.approx(2000, rel=1e-12)
    assert Q_(1, parse_unit("百萬卡")).m_as("kcal") == pytest.approx(1000, rel=1e-12)
    assert Q_(1, parse_unit("千元")).m_as("TWD") == pytest.approx(1000, rel=1e-12)
    assert Q_(1, parse_unit("冷凍噸")).m_as("kcal/h") == pytest.approx(3024, rel=1e-12)
    assert Q_(1, parse_unit("千伏安")).m_as("V*A") == pytest.approx(1000, rel=1e-12)


@pytest.mark.parametrize(
    ("label", "inner"),
    [("(公秉)", "公秉"), ("（度）", "度"), ("[公斤]", "公斤"), (" ( 公升 ) ", "公升"), ("(千立方公尺)", "千立方公尺")],
)
def test_parse_unit_strips_brackets(label, inner):
    assert parse_unit(label) == parse_unit(inner)


def test_parse_unit_bracketed_values():
    assert Q_(1, parse_unit("(公秉)")).m_as("L") == pytest.approx(1000, rel=1e-12)
    assert Q_(1, parse_unit("（度）")).m_as("kWh") == pytest.approx(1, rel=1e-12)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [("kcal/L", ureg.kcal / ureg.L), ("kWh", ureg.kWh), ("kg/TJ", ureg.kg / ureg.TJ), ("m**3", ureg.m**3)],
)
def test_parse_unit_pint_expressions(expression, expected):
    assert parse_unit(expression) == expected


def test_parse_unit_expression_value():
    # 9,000 kcal/L (附表2 crude oil) = 9,000 × 4.1868 kJ per L = 37,681.2 kJ/L.
    assert Q_(9000, parse_unit("kcal/L")).m_as("kJ/L") == pytest.approx(37_681.2, rel=1e-12)


@pytest.mark.parametrize("label", ["公分貝", "xyzzy_unit", "(噸噸)", "每度"])
def test_parse_unit_unknown_label(label):
    with pytest.raises(UnitsError) as excinfo:
        parse_unit(label)
    assert label in str(excinfo.value)
    _check_error_classes(excinfo.value)


@pytest.mark.parametrize("label", ["", "  ", "()"])
def test_parse_unit_empty_label(label):
    with pytest.raises(UnitsError):
        parse_unit(label)


def test_parse_unit_not_a_string():
    with pytest.raises(UnitsError, match="42"):
        parse_unit(42)  # type: ignore[arg-type]


# --- magnitude ----------------------------------------------------------------------------------


def test_magnitude_converts_to_the_unit_asked():
    # 1 kL = 1000 L; 2 MWh = 2000 kWh; 3 t = 3000 kg.
    assert magnitude(Q_(1, "kL"), "L", "amount") == pytest.approx(1000, rel=1e-12)
    assert magnitude(Q_(2, "MWh"), ureg.kWh, "energy") == pytest.approx(2000, rel=1e-12)
    assert magnitude(Q_(3, "t"), parse_unit("公斤"), "mass") == pytest.approx(3000, rel=1e-12)
    assert magnitude(Q_(5, "kWh"), "kWh", "energy") == 5


def test_magnitude_of_an_array():
    result = magnitude(Q_(np.array([1.0, 2.5, 0.0]), "kL"), "L", "volumes")
    assert isinstance(result, np.ndarray)
    np.testing.assert_allclose(result, [1000.0, 2500.0, 0.0], rtol=1e-12)


def test_magnitude_in_its_own_unit_is_not_copied():
    values = np.array([1.0, 2.0, 3.0])
    q = Q_(values, "kWh")
    result = magnitude(q, "kWh", "energy")
    assert np.shares_memory(result, q.magnitude)
    np.testing.assert_array_equal(result, values)


@pytest.mark.parametrize(
    "value",
    [5.0, 5, np.float64(5.0), np.array([1.0, 2.0]), "5 kWh", None],
    ids=["float", "int", "np64", "array", "str", "none"],
)
def test_magnitude_rejects_values_without_units(value):
    with pytest.raises(UnitsError) as excinfo:
        magnitude(value, "kWh", "consumption")
    assert "consumption" in str(excinfo.value)
    _check_error_classes(excinfo.value)


@pytest.mark.parametrize(
    ("value", "unit", "given"),
    [
        (Q_(3, "kg"), "kWh", "kg"),
        (Q_(1, "kWh"), "L", "kWh"),
        (Q_(2, "TWD"), "kcal", "TWD"),
        (Q_(2, "kTWD"), "kg", "kTWD"),
        (Q_(1, "kW"), "kWh", "kW"),
        (Q_(1, "KLOE"), "kcal", "KLOE"),
    ],
)
def test_magnitude_rejects_a_wrong_dimension(value, unit, given):
    with pytest.raises(UnitsError) as excinfo:
        magnitude(value, unit, "consumption")
    message = str(excinfo.value)
    assert "consumption" in message
    assert given in message
    _check_error_classes(excinfo.value)


def test_magnitude_rejects_another_registry(other_registry):
    foreign = other_registry.Quantity(1, "kWh")
    with pytest.raises(UnitsError) as excinfo:
        magnitude(foreign, "kWh", "consumption")
    assert "consumption" in str(excinfo.value)
    _check_error_classes(excinfo.value)


def test_another_registry_converts_through_its_magnitude(other_registry):
    # The route the module documents for users with their own registry.
    foreign = other_registry.Quantity(2, "MWh")
    assert magnitude(Q_(foreign.m_as("kWh"), "kWh"), "kWh", "energy") == pytest.approx(2000, rel=1e-12)


@pytest.mark.parametrize("helper", ["magnitude", "checked_magnitude", "scalar_magnitude", "stack"])
@pytest.mark.parametrize("unit", ["foo", "kW-h", 5])
def test_an_unknown_unit_argument_is_a_units_error(helper, unit):
    # was pint's UndefinedUnitError ("foo"), a TypeError ("kW-h") or an AttributeError (5)
    import carbonaudit.units as u

    with pytest.raises(UnitsError) as excinfo:
        if helper == "stack":
            u.stack([Q_(1, "kWh")], "consumption", unit)
        else:
            getattr(u, helper)(Q_(1, "kWh"), unit, "consumption")
    message = str(excinfo.value)
    assert "unit for consumption" in message and repr(unit) in message
    if unit == "kW-h":  # close to a known spelling: the message suggests it
        assert message == "unit for consumption: unit 'kW-h' is not known; did you mean 'kWh'?"
    else:
        assert "carbonaudit.ureg" in message
    _check_error_classes(excinfo.value)


def test_the_unit_argument_takes_form_labels():
    assert magnitude(Q_(1, "MWh"), "度", "consumption") == pytest.approx(1000)


def test_stack_refuses_array_elements_and_arrays_of_two_dimensions():
    from carbonaudit.units import stack

    # was numpy's "inhomogeneous shape" ValueError; two arrays of one length became a 2-D "series"
    for values in ([Q_(1, "kWh"), Q_([1, 2], "kWh")], [Q_([1, 2], "kWh"), Q_([3, 4], "kWh")]):
        with pytest.raises(InvalidValueError, match=r"^uses\[1\]|^uses\[0\]") as excinfo:
            stack(values, "uses")
        assert "must be a single value, got an array of shape (2,)" in str(excinfo.value)
        _check_error_classes(excinfo.value)
    with pytest.raises(InvalidValueError, match=r"^uses must be a series .*shape \(3, 4\)"):
        stack(Q_(np.ones((3, 4)), "kWh"), "uses")


# --- fraction -----------------------------------------------------------------------------------


def test_fraction_accepts_a_float_and_a_percent():
    assert fraction(0.125, "gain") == 0.125
    # 12.5 % = 12.5 / 100 = 0.125
    assert fraction(Q_(12.5, "percent"), "gain") == pytest.approx(0.125, rel=1e-15)
    assert fraction(Q_(0.125, "dimensionless"), "gain") == pytest.approx(0.125, rel=1e-15)
    assert fraction(1, "gain") == 1.0
    assert isinstance(fraction(1, "gain"), float)


def test_fraction_array():
    np.testing.assert_allclose(fraction(np.array([0.1, 0.25]), "gains"), [0.1, 0.25])


@pytest.mark.parametrize("value", [Q_(1, "kg"), Q_(5, "kWh"), "12.5%", "0.125", True, None], ids=repr)
def test_fraction_rejects(value):
    with pytest.raises(UnitsError) as excinfo:
        fraction(value, "gain")
    assert "gain" in str(excinfo.value)
    _check_error_classes(excinfo.value)


@pytest.mark.parametrize("target", ["dimensionless", "percent"])
def test_a_dimensionless_target_is_named_in_words(target):
    # the dimensionless unit formats as "": the message must not read "convertible to )"
    expected = "dimensionless (a fraction, or a percent Quantity)"
    with pytest.raises(UnitsError) as excinfo:
        fraction(Q_(12.5, "kWh"), "gain")
    message = str(excinfo.value)
    assert message.startswith(f"gain must be a Quantity of {expected}, got 12.5 kWh")
    assert "convertible to )" not in message and "()" not in message
    with pytest.raises(UnitsError, match=rf"^gain must be a Quantity of {re.escape(expected)}, got 12.5 kWh"):
        magnitude(Q_(12.5, "kWh"), target, "gain")
    with pytest.raises(UnitsError, match=rf"^gain must be a Quantity of {re.escape(expected)}, got bare float 0.5"):
        require_quantity(0.5, "gain", ureg.Unit(target))
    # a dimensional target keeps its example unit
    with pytest.raises(UnitsError, match=r"energy must be a Quantity of .* \(convertible to kWh\), got 5 kg"):
        magnitude(Q_(5, "kg"), "kWh", "energy")


# --- check_amount -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0.0, 0, 1.5, 1e30, np.float64(3.0)])
def test_check_amount_accepts_zero_and_positive_scalars(value):
    assert check_amount(value, "amount") is None


@pytest.mark.parametrize("allow_negative", [False, True])
def test_check_amount_bound_at_just_below_and_just_above_max_amount(allow_negative):
    # MAX_AMOUNT (1e30) is accepted, the next double above it is refused, scalar and array alike,
    # so that no product of a few checked values overflows float64 (1e30**3 = 1e90 << 1.8e308).
    above = np.nextafter(MAX_AMOUNT, np.inf)
    below = np.nextafter(MAX_AMOUNT, 0.0)
    for ok in (MAX_AMOUNT, below):
        check_amount(ok, "amount", allow_negative=allow_negative)
        check_amount(np.array([0.0, ok]), "amount", allow_negative=allow_negative)
    with pytest.raises(InvalidValueError, match=r"^amount is 1.0000000000000002e\+30, larger in magnitude than the 1e\+30 .*check the unit"):
        check_amount(above, "amount", allow_negative=allow_negative)
    with pytest.raises(InvalidValueError, match=r"^amount\[1\] is 1e\+308, larger in magnitude than the 1e\+30"):
        check_amount(np.array([1.0, 1e308]), "amount", allow_negative=allow_negative)
    with pytest.raises(InvalidValueError, match=r"^amount\[0, 1\] is 9.99999\d+e\+30, larger"):
        check_amount(np.array([[1.0, 1e31]], dtype=np.float32), "amount", allow_negative=allow_negative)
    if allow_negative:
        check_amount(-MAX_AMOUNT, "amount", allow_negative=True)
        with pytest.raises(InvalidValueError, match=r"^amount\[0\] is -1e\+31, larger in magnitude"):
            check_amount(np.array([-1e31]), "amount", allow_negative=True)


@pytest.mark.parametrize(
    "values", [np.zeros(3), np.array([0.0, 1.0, 2.5]), np.array([]), np.array([[1.0, 2.0], [3.0, 0.0]])], ids=str
)
def test_check_amount_accepts_zero_and_positive_arrays(values):
    assert check_amount(values, "amount") is None


@pytest.mark.parametrize("value", [-1.0, -1, -1e-300, math.nan, math.inf, -math.inf])
def test_check_amount_rejects_scalars(value):
    with pytest.raises(InvalidValueError) as excinfo:
        check_amount(value, "fuel_use")
    message = str(excinfo.value)
    assert "fuel_use" in message
    assert "[" not in message
    _check_error_classes(excinfo.value)


@pytest.mark.parametrize(
    ("values", "index"),
    [
        (np.array([1.0, 2.0, -3.0]), 2),
        (np.array([1.0, 2.0, np.nan, -1.0]), 2),
        (np.array([0.0, np.inf]), 1),
        (np.array([-np.inf, 5.0]), 0),
        (np.array([5.0, 4.0, 3.0, np.nan]), 3),
    ],
    ids=str,
)
def test_check_amount_rejects_arrays_with_index(values, index):
    with pytest.raises(InvalidValueError) as excinfo:
        check_amount(values, "fuel_use")
    message = str(excinfo.value)
    assert f"fuel_use[{index}]" in message
    _check_error_classes(excinfo.value)


def test_check_amount_allow_negative():
    assert check_amount(-5.0, "change", allow_negative=True) is None
    assert check_amount(np.array([-1.0, 0.0, 2.0]), "change", allow_negative=True) is None
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(InvalidValueError, match="change"):
            check_amount(bad, "change", allow_negative=True)
    with pytest.raises(InvalidValueError, match=r"change\[1\]"):
        check_amount(np.array([-1.0, np.nan]), "change", allow_negative=True)
    with pytest.raises(InvalidValueError, match=r"change\[2\]"):
        check_amount(np.array([-1.0, -2.0, -np.inf]), "change", allow_negative=True)


# --- properties ---------------------------------------------------------------------------------

finite = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_infinity=False, allow_subnormal=False)


@given(finite)
def test_kl_to_l_is_times_1000(x):
    # 1 kL = 1000 L (公秉 = kL, docs/units.md).
    assert magnitude(Q_(x, "kL"), "L", "volume") == pytest.approx(x * 1000, rel=1e-12, abs=1e-300)


@given(st.floats(min_value=1e-6, max_value=1e15, allow_nan=False, allow_infinity=False))
def test_l_kl_round_trip(x):
    in_kl = magnitude(Q_(x, "L"), "kL", "volume")
    assert in_kl == pytest.approx(x / 1000, rel=1e-12)
    assert magnitude(Q_(in_kl, "kL"), "L", "volume") == pytest.approx(x, rel=1e-12)


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), min_size=1, max_size=30))
def test_check_amount_agrees_with_elementwise_definition(values):
    # check_amount's one-reduction fast path (bit patterns below +inf) must refuse exactly the
    # arrays holding a NaN, an infinity or a negative number (-0.0 is zero, and allowed).
    # Magnitudes above MAX_AMOUNT (1e30) are refused as well.
    arr = np.array(values, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        bad = bool((~np.isfinite(arr) | (arr < 0) | (arr > MAX_AMOUNT)).any())
        bad_signed = bool((~np.isfinite(arr) | (np.abs(arr) > MAX_AMOUNT)).any())
    if bad:
        with pytest.raises(InvalidValueError):
            check_amount(arr, "amount")
    else:
        check_amount(arr, "amount")
    if bad_signed:
        with pytest.raises(InvalidValueError):
            check_amount(arr, "amount", allow_negative=True)
    else:
        check_amount(arr, "amount", allow_negative=True)
