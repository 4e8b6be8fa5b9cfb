"""Exact messages, options and values of carbonaudit.energy (production-declaration-2018 表六之二, 表八之三, 表十).

Figures: ntpc-award-2015 is 附表2 of award-form-2015 (diesel 8,400 kcal/L, crude oil 9,000 kcal/L; its
oil-equivalent basis tw-primary-2236: 9×10⁶ kcal/KLOE, electricity 2,236 kcal/kWh, production-declaration-2018 表十).
tw-2024 (the default set) uses 113年 能源統計 heat values (diesel 8,629 kcal/L, motor gasoline
7,520 kcal/L) and the basis tw-final-860 (10⁷ kcal/KLOE, 10⁴ kcal/kgOE, 860 kcal/kWh).
tw-table8-3 is production-declaration-2018 表八之三's 0.00023 KLOE/kWh (with 9×10⁶ kcal/KLOE).
"""

from __future__ import annotations

import numpy as np
import pytest

from carbonaudit import Q_, FactorNotFoundError, InvalidValueError, UnitsError, energy

KCAL = Q_(1, "kcal").units
KLOE = Q_(1, "KLOE").units
KGOE = Q_(1, "kgOE").units
AWARD = "ntpc-award-2015"


def raises(call, error, message):  # type: ignore[no-untyped-def]
    """The exact exception type and the whole message."""
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    assert str(info.value) == message


# ---------------------------------------------------------------- heat


def test_heat_from_the_set_given_by_id_and_by_default():
    # 附表2 diesel 8,400 kcal/L x 1,000 L; tw-2024: 8,629 kcal/L x 1,000 L; the default set, tw-2025
    # (moenv-hv-2025, 114年度): 8,636 kcal/L x 1,000 L
    award = energy.heat(Q_(1000, "L"), "O05", AWARD)
    assert award.m == pytest.approx(8_400_000, rel=1e-12)
    assert award.units == KCAL
    current = energy.heat(Q_(1000, "L"), "O05", "tw-2024")
    assert current.m == pytest.approx(8_629_000, rel=1e-12)
    assert current.units == KCAL
    newest = energy.heat(Q_(1000, "L"), "O05")
    assert newest.m == pytest.approx(8_636_000, rel=1e-12)
    assert newest.units == KCAL


def test_heat_of_an_energy_amount_is_the_amount():
    # 1 TJ = 10^12 J / 4,186.8 J/kcal = 238,845,896.6 kcal
    r = energy.heat(Q_(1, "TJ"), "O05", AWARD)
    assert r.m == pytest.approx(1e12 / 4186.8, rel=1e-12)
    assert r.units == KCAL


def test_heat_with_a_measured_heat_value_scalar_and_array():
    # 表六之二 煉焦煤 11 t at 7,010 kcal/kg = 77,110,000 kcal
    r = energy.heat(Q_(11, "t"), "C01", AWARD, heat_value=Q_(7010, "kcal/kg"))
    assert r.m == pytest.approx(77_110_000, rel=1e-12)
    assert r.units == KCAL
    # by volume: 2 m³ at 8,400 kcal/L = 2,000 L x 8,400 = 16,800,000 kcal
    v = energy.heat(Q_(2, "m**3"), "O05", AWARD, heat_value=Q_(8400, "kcal/L"))
    assert v.m == pytest.approx(16_800_000, rel=1e-12)
    # C02 grades 200 t x 6,080 and 200 t x 5,700 kcal/kg
    a = energy.heat(Q_([200.0, 200.0], "t"), "C02", AWARD, heat_value=Q_([6080.0, 5700.0], "kcal/kg"))
    assert a.m == pytest.approx([1.216e9, 1.14e9], rel=1e-12)


def test_measured_heat_value_replaces_the_sets():
    # 1,000 L diesel measured at 9,000 kcal/L = 9,000,000 kcal, not the set's 8,400,000
    r = energy.heat(Q_(1000, "L"), "O05", AWARD, heat_value=Q_(9000, "kcal/L"))
    assert r.m == pytest.approx(9_000_000, rel=1e-12)


@pytest.mark.parametrize(
    ("amount", "heat_value", "fuel", "error", "message"),
    [
        (
            1000,
            Q_(7010, "kcal/kg"),
            "C01",
            UnitsError,
            "amount must be a Quantity of a mass or volume (e.g. t, kL) with a measured heat_value, got bare int 1000; "
            "give units, e.g. carbonaudit.Q_(1000, ...)",
        ),
        (
            Q_(1, "kWh"),
            Q_(7010, "kcal/kg"),
            "C01",
            UnitsError,
            "amount must be in a unit of [mass] (e.g. kg) or [length] ** 3 (e.g. l), got kWh which is "
            "[mass] * [length] ** 2 / [time] ** 2",
        ),
        (
            Q_(-1, "t"),
            Q_(7010, "kcal/kg"),
            "C01",
            InvalidValueError,
            "amount must be a finite, non-negative number, got -1.0",
        ),
        (
            Q_(1, "t"),
            7010,
            "C01",
            UnitsError,
            "heat_value must be a Quantity of energy per mass or volume (e.g. kcal/kg), got bare int 7010; "
            "give units, e.g. carbonaudit.Q_(7010, ...)",
        ),
        (
            Q_(1, "t"),
            Q_(7010, "kcal/L"),
            "C01",
            UnitsError,
            "heat_value must be a Quantity of [length] ** 2 / [time] ** 2 (convertible to kcal / t), got 7010 kcal / l "
            "which is [mass] / [length] / [time] ** 2",
        ),
        (
            Q_(1, "t"),
            Q_(-5, "kcal/kg"),
            "C02",
            InvalidValueError,
            "heat_value must be a finite, non-negative number, got -5.0",
        ),
        (
            Q_([1.0, 1.0, 1.0], "t"),
            Q_([7010.0, 7000.0], "kcal/kg"),
            "C01",
            InvalidValueError,
            "array arguments must have matching lengths (or be scalars), got amount (3,), heat_value (2,)",
        ),
        (
            Q_(1, "t"),
            Q_(7010, "kcal/kg"),
            "nope",
            FactorNotFoundError,
            "fuel 'nope' is not in factor set 'ntpc-award-2015' (see carbonaudit factors show ntpc-award-2015)",
        ),
    ],
)
def test_heat_with_heat_value_names_a_bad_input(amount, heat_value, fuel, error, message):
    raises(lambda: energy.heat(amount, fuel, AWARD, heat_value=heat_value), error, message)


def test_heat_without_heat_value_names_a_bad_input():
    raises(
        lambda: energy.heat(1000, "O05", AWARD),
        UnitsError,
        "amount must be a Quantity of a mass, volume or energy, got bare int 1000; give units, e.g. carbonaudit.Q_(1000, ...)",
    )
    raises(
        lambda: energy.heat(Q_(-1, "L"), "O05", AWARD),
        InvalidValueError,
        "amount must be a finite, non-negative number, got -1.0",
    )
    raises(
        lambda: energy.heat(Q_(1, "L"), "nope", AWARD),
        FactorNotFoundError,
        "fuel 'nope' is not in factor set 'ntpc-award-2015' (see carbonaudit factors show ntpc-award-2015)",
    )


# ---------------------------------------------------------------- to_kloe


def test_kloe_of_electricity_primary_basis_production_declaration_table10():
    # 表十: 1,120,329.5 kWh x 2,236 kcal/kWh / 9e6 kcal/KLOE = 278.3396... KLOE (printed 278.34)
    r = energy.to_kloe(Q_(1_120_329.5, "kWh"), "E01", AWARD)
    assert r.m == pytest.approx(1_120_329.5 * 2236 / 9e6, rel=1e-12)
    assert round(r.m, 2) == 278.34
    assert r.units == KLOE


def test_kloe_of_electricity_table8_3_basis():
    # 表八之三: 0.00023 KLOE/kWh; 1,000 kWh = 0.23 KLOE
    r = energy.to_kloe(Q_(1000, "kWh"), "E01", AWARD, basis="tw-table8-3")
    assert r.m == pytest.approx(0.23, rel=1e-12)
    assert r.units == KLOE


def test_kloe_of_electricity_final_basis_and_default_set():
    # 860 kcal/kWh / 1e7 kcal/KLOE: 1,000 kWh = 0.086 KLOE (the award set with basis=, and tw-2024's own)
    assert energy.to_kloe(Q_(1000, "kWh"), "E01", AWARD, basis="tw-final-860").m == pytest.approx(0.086, rel=1e-12)
    assert energy.to_kloe(Q_(1, "MWh"), "E01").m == pytest.approx(0.086, rel=1e-12)


def test_kloe_of_electricity_arrays():
    # [1,000, 2,000] kWh x 2,236 / 9e6
    r = energy.to_kloe(Q_([1000.0, 2000.0], "kWh"), "E01", AWARD)
    assert r.m == pytest.approx([2236 / 9000, 2 * 2236 / 9000], rel=1e-12)


def test_kloe_of_a_fuel():
    # 附表2 crude oil 9,000 L x 9,000 kcal/L / 9e6 = 9 KLOE; tw-2024 gasoline 1 kL x 7,520,000 kcal / 1e7 = 0.752
    r = energy.to_kloe(Q_(9000, "L"), "原油", AWARD)
    assert r.m == pytest.approx(9.0, rel=1e-12)
    assert r.units == KLOE
    assert energy.to_kloe(Q_(1, "kL"), "motor_gasoline", "tw-2024").m == pytest.approx(0.752, rel=1e-12)
    # the default set, tw-2025: 1 kL x 7,586 kcal/L (moenv-hv-2025) / 1e7 kcal/KLOE = 0.7586 KLOE
    assert energy.to_kloe(Q_(1, "kL"), "motor_gasoline").m == pytest.approx(0.7586, rel=1e-12)


def test_kloe_of_heat():
    # 18e6 kcal / 9e6 = 2 KLOE (award); 1e7 kcal / 1e7 = 1 KLOE (tw-final-860); 1 TJ = 1e12/4186.8 kcal
    assert energy.to_kloe(Q_(18e6, "kcal"), factor_set=AWARD).m == pytest.approx(2.0, rel=1e-12)
    assert energy.to_kloe(Q_(1e7, "kcal"), factor_set=AWARD, basis="tw-final-860").m == pytest.approx(1.0, rel=1e-12)
    r = energy.to_kloe(Q_(1, "TJ"))
    assert r.m == pytest.approx(1e12 / 4186.8 / 1e7, rel=1e-12)
    assert r.units == KLOE
    # joules are heat too (no "watt" in the unit): 4,186.8 J = 1 kcal
    assert energy.to_kloe(Q_(4186.8 * 9e6, "J"), factor_set=AWARD).m == pytest.approx(1.0, rel=1e-12)


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Q_(1_120_329.5, "kWh"), "1120329.5 kWh"),
        (Q_(1, "MWh"), "1 MWh"),
        (Q_(3600, "Wh"), "3600 Wh"),
        (Q_(1, "L"), "1 l"),
        (Q_(2, "kg"), "2 kg"),
    ],
)
def test_kloe_without_fuel_refuses_what_is_not_heat(amount, shown):
    raises(
        lambda: energy.to_kloe(amount, factor_set=AWARD),
        UnitsError,
        f"amount is {shown}: without a fuel, oil equivalent is computed from heat (kcal, MJ, TJ); "
        "pass the fuel (e.g. fuel='O05', or 'E01' for electricity)",
    )


@pytest.mark.parametrize(
    ("amount", "fuel", "error", "message"),
    [
        (
            5,
            None,
            UnitsError,
            "amount must be a Quantity of heat (kcal, TJ), got bare int 5; give units, e.g. carbonaudit.Q_(5, ...)",
        ),
        (Q_(-1, "kcal"), None, InvalidValueError, "amount must be a finite, non-negative number, got -1.0"),
        (
            5,
            "E01",
            UnitsError,
            "amount must be a Quantity of a mass, volume or energy, got bare int 5; give units, e.g. carbonaudit.Q_(5, ...)",
        ),
        (Q_(-1, "kWh"), "E01", InvalidValueError, "amount must be a finite, non-negative number, got -1.0"),
        (
            Q_(1, "L"),
            "E01",
            UnitsError,
            "amount must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to kWh), got 1 l which is [length] ** 3",
        ),
        (Q_(-1, "L"), "O05", InvalidValueError, "amount must be a finite, non-negative number, got -1.0"),
        (
            Q_(1, "kWh"),
            "nope",
            FactorNotFoundError,
            "fuel 'nope' is not in factor set 'ntpc-award-2015' (see carbonaudit factors show ntpc-award-2015)",
        ),
    ],
)
def test_kloe_names_a_bad_amount(amount, fuel, error, message):
    raises(lambda: energy.to_kloe(amount, fuel, AWARD), error, message)


def test_kloe_without_fuel_refuses_apparent_energy_naming_the_amount():
    # kVAh has the dimension of heat but no "watt": refused at the kcal conversion (message: see report)
    with pytest.raises(UnitsError, match=r"^amount "):
        energy.to_kloe(Q_(1, "kVA*h"), factor_set=AWARD)


def test_kloe_unknown_basis():
    raises(
        lambda: energy.to_kloe(Q_(1, "kWh"), "E01", AWARD, basis="nope"),
        FactorNotFoundError,
        "oil-equivalent basis 'nope' is not defined (have: tw-primary-2236, tw-table8-3, tw-final-860)",
    )


# ---------------------------------------------------------------- to_kgoe


def test_kgoe_of_heat_electricity_and_fuel():
    # 1e4 kcal / 1e4 kcal/kgOE = 1 kgOE; 1 MWh x 860 / 1e4 = 86 kgOE; 1 kL gasoline x 7,520 kcal/L / 1e4 = 752
    r = energy.to_kgoe(Q_(1e4, "kcal"), basis="tw-final-860")
    assert r.m == pytest.approx(1.0, rel=1e-12)
    assert r.units == KGOE
    e = energy.to_kgoe(Q_(1, "MWh"), "E01")
    assert e.m == pytest.approx(86.0, rel=1e-12)
    assert e.units == KGOE
    assert energy.to_kgoe(Q_(1, "kL"), "motor_gasoline", "tw-2024").m == pytest.approx(752.0, rel=1e-12)
    # the default set, tw-2025: 1 kL x 7,586 kcal/L (moenv-hv-2025) / 1e4 kcal/kgOE = 758.6 kgOE
    assert energy.to_kgoe(Q_(1, "kL"), "motor_gasoline").m == pytest.approx(758.6, rel=1e-12)
    assert energy.to_kgoe(Q_([1.0, 2.0], "kWh"), "E01").m == pytest.approx([0.086, 0.172], rel=1e-12)


def test_kgoe_of_the_award_set_with_a_basis_that_defines_it():
    # diesel 1,000 L x 8,400 kcal/L (附表2) / 1e4 kcal/kgOE = 840 kgOE; 1,000 kWh x 860 / 1e4 = 86
    assert energy.to_kgoe(Q_(1000, "L"), "O05", AWARD, basis="tw-final-860").m == pytest.approx(840.0, rel=1e-12)
    assert energy.to_kgoe(Q_(1000, "kWh"), "E01", AWARD, basis="tw-final-860").m == pytest.approx(86.0, rel=1e-12)


@pytest.mark.parametrize(
    ("factor_set", "basis", "shown"), [(AWARD, None, "tw-primary-2236"), (None, "tw-table8-3", "tw-table8-3")]
)
def test_kgoe_refuses_a_basis_without_kgoe(factor_set, basis, shown):
    raises(
        lambda: energy.to_kgoe(Q_(1000, "kWh"), "E01", factor_set, basis=basis),
        FactorNotFoundError,
        f"oil-equivalent basis {shown!r} defines no kcal per kgOE; choose a basis that does (e.g. basis='tw-final-860')",
    )


def test_kgoe_names_a_bad_amount():
    raises(
        lambda: energy.to_kgoe(Q_(1, "kWh")),
        UnitsError,
        "amount is 1 kWh: without a fuel, oil equivalent is computed from heat (kcal, MJ, TJ); "
        "pass the fuel (e.g. fuel='O05', or 'E01' for electricity)",
    )
    raises(
        lambda: energy.to_kgoe(Q_(-2, "kWh"), "E01"),
        InvalidValueError,
        "amount must be a finite, non-negative number, got -2.0",
    )


# ---------------------------------------------------------------- weighted_heat_value


def test_weighted_heat_value_by_hand_and_unit():
    # (300 t x 6,000 + 100 t x 5,000) / 400 t = 5,750 kcal/kg
    r = energy.weighted_heat_value([Q_(300, "t"), Q_(100, "t")], [Q_(6000, "kcal/kg"), Q_(5000, "kcal/kg")])
    assert r.m == pytest.approx(5750.0, rel=1e-12)
    assert r.units == Q_(1, "kcal/kg").units


def test_weighted_heat_value_uses_summing_to_one():
    # (0.25 x 6,000 + 0.75 x 5,000) / 1 = 5,250 kcal/kg
    r = energy.weighted_heat_value([Q_(0.25, "t"), Q_(0.75, "t")], [Q_(6000, "kcal/kg"), Q_(5000, "kcal/kg")])
    assert r.m == pytest.approx(5250.0, rel=1e-12)


def test_weighted_heat_value_converts_to_the_first_units():
    # uses 300 t and 100,000 kg = 100 t; heat 6 Mcal/kg = 6,000 kcal/kg: (300 x 5,000 + 100 x 6,000) / 400 = 5,250
    r = energy.weighted_heat_value(Q_([300.0, 100.0], "t"), [Q_(5000, "kcal/kg"), Q_(6, "Mcal/kg")])
    assert r.m == pytest.approx(5250.0, rel=1e-12)
    assert r.units == Q_(1, "kcal/kg").units
    r2 = energy.weighted_heat_value([Q_(300, "t"), Q_(100_000, "kg")], Q_([5.0, 6.0], "Mcal/kg"))
    assert r2.m == pytest.approx(5.25, rel=1e-12)
    assert r2.units == Q_(1, "Mcal/kg").units


def test_weighted_heat_value_one_grade_with_a_zero_use():
    # (0 x 6,000 + 2 x 5,000) / 2 = 5,000
    r = energy.weighted_heat_value([Q_(0, "t"), Q_(2, "t")], [Q_(6000, "kcal/kg"), Q_(5000, "kcal/kg")])
    assert r.m == pytest.approx(5000.0, rel=1e-12)


@pytest.mark.parametrize(
    ("uses", "heat_values", "error", "message"),
    [
        ([], [Q_(1, "kcal/kg")], InvalidValueError, "uses must not be empty"),
        ([Q_(1, "t")], [], InvalidValueError, "heat_values must not be empty"),
        (
            [Q_(1, "t")],
            [Q_(6000, "kcal/kg"), Q_(1, "kcal/kg")],
            InvalidValueError,
            "uses and heat_values must have the same length, got 1 and 2",
        ),
        (
            Q_([1.0, 2.0, 3.0], "t"),
            Q_([1.0, 2.0], "kcal/kg"),
            InvalidValueError,
            "uses and heat_values must have the same length, got 3 and 2",
        ),
        (
            [Q_(1, "t")],
            [Q_(6000, "kcal/L")],
            UnitsError,
            "heat_values (kcal / l) must be energy per the uses' unit (t)",
        ),
        (
            [Q_(1, "t")],
            [Q_(6000, "dimensionless")],
            UnitsError,
            "heat_values (dimensionless) must be energy per the uses' unit (t)",
        ),
        (
            [Q_(1, "dimensionless")],
            [Q_(6000, "kcal/kg")],
            UnitsError,
            "heat_values (kcal / kg) must be energy per the uses' unit (dimensionless)",
        ),
        (
            [Q_(1, "t"), Q_(-1, "t")],
            [Q_(1, "kcal/kg"), Q_(1, "kcal/kg")],
            InvalidValueError,
            "uses[1] must be a finite, non-negative number, got -1.0",
        ),
        (
            [Q_(1, "t"), Q_(1, "t")],
            [Q_(1, "kcal/kg"), Q_(float("nan"), "kcal/kg")],
            InvalidValueError,
            "heat_values[1] must be a finite, non-negative number, got nan",
        ),
        (
            [Q_(0, "t"), Q_(0, "kg")],
            [Q_(6000, "kcal/kg"), Q_(5000, "kcal/kg")],
            InvalidValueError,
            "uses must not all be zero: the weighted heat value is undefined",
        ),
        (
            "300 t",
            [Q_(6000, "kcal/kg")],
            UnitsError,
            "uses must be a sequence of Quantities or an array Quantity, got '300 t'",
        ),
        (
            [Q_(300, "t")],
            "6000 kcal/kg",
            UnitsError,
            "heat_values must be a sequence of Quantities or an array Quantity, got '6000 kcal/kg'",
        ),
    ],
)
def test_weighted_heat_value_names_a_bad_input(uses, heat_values, error, message):
    raises(lambda: energy.weighted_heat_value(uses, heat_values), error, message)


def test_weighted_heat_value_array_result_is_a_float():
    r = energy.weighted_heat_value(Q_(np.array([200, 200]), "t"), Q_(np.array([6080, 5700]), "kcal/kg"))
    assert type(r.m) is float
    assert r.m == pytest.approx((200 * 6080 + 200 * 5700) / 400, rel=1e-12)  # 表六之二 grades: 5,890


@pytest.mark.parametrize(("unit", "shown"), [("kVA*h", "1 h * kVA"), ("kvar*h", "1 h * kvar"), ("W*s", "1 s * W")])
def test_electrical_energy_without_a_fuel_asks_for_the_fuel(unit, shown):  # type: ignore[no-untyped-def]
    # kVA·h and kvar·h are not real energy either: the way out is fuel='E01' (and kWh), not a power factor
    with pytest.raises(UnitsError) as info:
        energy.to_kloe(Q_(1, unit))
    assert str(info.value) == (
        f"amount is {shown}: without a fuel, oil equivalent is computed from heat (kcal, MJ, TJ); pass the fuel "
        "(e.g. fuel='O05', or 'E01' for electricity)"
    )
