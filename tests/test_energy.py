"""Heat content and oil equivalent (production-declaration-2018 表六之二, 表八之三, 表十)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import Q_, FactorNotFoundError, InvalidValueError, UnitsError, energy

amounts = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)


def test_heat_of_diesel(award):
    # 附表2: diesel 8,400 kcal/L -> 1,000 L = 8,400,000 kcal
    assert energy.heat(Q_(1000, "L"), "O05", award) == Q_(8.4e6, "kcal")
    assert energy.heat(Q_(1, "kL"), "柴油", award).m == pytest.approx(8.4e6)


def test_heat_with_a_measured_heat_value(award):
    # production-declaration-2018 表六之二: C01 煉焦煤 measured 7,010 kcal/kg, 11 t -> 77,110,000 kcal
    assert energy.heat(Q_(11, "t"), "C01", award, heat_value=Q_(7010, "kcal/kg")).m == pytest.approx(77_110_000)
    with pytest.raises(UnitsError, match="heat_value"):
        energy.heat(Q_(11, "t"), "C01", award, heat_value=Q_(7010, "kcal/L"))


def test_heat_with_an_array_of_measured_heat_values(award):
    # 表六之二 grades C02-1 / C02-2: 200 t at 6,080 and 200 t at 5,700 kcal/kg, element by element
    r = energy.heat(Q_(np.array([200.0, 200.0]), "t"), "C02", award, heat_value=Q_(np.array([6080, 5700]), "kcal/kg"))
    np.testing.assert_allclose(r.m_as("kcal"), [1.216e9, 1.14e9])
    # one amount, one measured value per month; scalar heat values stay floats
    monthly = energy.heat(Q_(1.0, "t"), "C01", award, heat_value=Q_(np.full(12, 7010.0), "kcal/kg"))
    assert monthly.m.shape == (12,) and monthly.m[0] == pytest.approx(7.01e6)
    assert isinstance(energy.heat(Q_(11, "t"), "C01", award, heat_value=Q_(7_010_000, "kcal/t")).m, float)
    with pytest.raises(InvalidValueError, match=r"matching lengths.*amount \(3,\), heat_value \(2,\)"):
        energy.heat(Q_(np.ones(3), "t"), "C01", award, heat_value=Q_(np.array([7010.0, 7000.0]), "kcal/kg"))
    with pytest.raises(InvalidValueError, match=r"heat_value\[1\] must be a finite, non-negative number, got nan"):
        energy.heat(Q_(np.ones(2), "t"), "C01", award, heat_value=Q_(np.array([7010.0, np.nan]), "kcal/kg"))


def test_kloe_of_electricity_saved_production_declaration_table10(award):
    # production-declaration-2018 表十: 1,120,329.5 kWh -> 278.34 KLOE; 613,200 kWh -> 152.346 KLOE
    # (2,236 kcal/kWh / 9e6 kcal/KLOE = 0.00024844 KLOE/kWh)
    saved = energy.to_kloe(Q_(1_120_329.5, "kWh"), "E01", award)
    assert saved.units == Q_(1, "KLOE").units
    assert round(saved.m, 2) == 278.34
    assert round(energy.to_kloe(Q_(613_200, "kWh"), "E01", award).m, 3) == 152.346


def test_quarterly_kloe_per_unit_production_declaration_table8_3(award):
    # 表八之三 (106年), 0.00023 KLOE/kWh: Q1 outputs 290, 290, 460 at 900, 900, 1,190 kWh/unit
    # -> (290*900 + 290*900 + 460*1190) * 0.00023 / 1040 = 0.23650192; Q2 390, 450, 425 at
    # 1,000, 900, 1,000 -> 0.22181818
    q1 = energy.to_kloe(Q_(290 * 900 + 290 * 900 + 460 * 1190, "kWh"), "E01", award, basis="tw-table8-3")
    assert round(q1.m / 1040, 8) == 0.23650192
    q2 = energy.to_kloe(Q_(390 * 1000 + 450 * 900 + 425 * 1000, "kWh"), "E01", award, basis="tw-table8-3")
    assert round(q2.m / (390 + 450 + 425), 8) == 0.22181818


def test_kloe_of_heat_and_of_fuel(award):
    # 9e6 kcal/KLOE: 9,000 L of crude oil at 9,000 kcal/L = 81e6 kcal = 9 KLOE
    assert energy.to_kloe(Q_(9000, "L"), "原油", award).m == pytest.approx(9.0)
    assert energy.to_kloe(Q_(18e6, "kcal"), factor_set=award).m == pytest.approx(2.0)


def test_kgoe_needs_a_basis_that_defines_it(award, current):
    # 10,000 kcal per kgOE (recent statistics): 1,000 kWh at 860 kcal/kWh = 86 kgOE
    assert energy.to_kgoe(Q_(1000, "kWh"), "E01", current).m == pytest.approx(86.0)
    with pytest.raises(FactorNotFoundError, match="kgOE"):
        energy.to_kgoe(Q_(1000, "kWh"), "E01", award)


def test_weighted_heat_value():
    # Σ(use × heat) / Σ use (production-declaration-2018 表六之二): (300 t x 6,000 + 100 t x 5,000) / 400 t = 5,750 kcal/kg
    r = energy.weighted_heat_value([Q_(300, "t"), Q_(100, "t")], [Q_(6000, "kcal/kg"), Q_(5000, "kcal/kg")])
    assert r == Q_(5750, "kcal/kg")
    # production-declaration-2018 表六之二 grades C02-1 6,080 and C02-2 5,700 kcal/kg at 200 t each -> 5,890
    arr = energy.weighted_heat_value(Q_(np.array([200.0, 200.0]), "t"), Q_(np.array([6080.0, 5700.0]), "kcal/kg"))
    assert arr.m == pytest.approx(5890.0)
    with pytest.raises(InvalidValueError, match="zero"):
        energy.weighted_heat_value([Q_(0, "t")], [Q_(6000, "kcal/kg")])
    with pytest.raises(InvalidValueError, match="same length"):
        energy.weighted_heat_value([Q_(1, "t")], [Q_(6000, "kcal/kg"), Q_(1, "kcal/kg")])
    # an array element was numpy's "inhomogeneous shape" ValueError
    with pytest.raises(InvalidValueError, match=r"^uses\[1\] must be a single value, got an array of shape \(2,\)"):
        energy.weighted_heat_value([Q_(300, "t"), Q_([100, 1], "t")], [Q_(6000, "kcal/kg"), Q_(5000, "kcal/kg")])
    with pytest.raises(InvalidValueError, match=r"^heat_values must be a series .* shape \(1, 2\)"):
        energy.weighted_heat_value(Q_([1.0, 2.0], "t"), Q_([[6000.0, 5000.0]], "kcal/kg"))
    with pytest.raises(UnitsError):
        energy.weighted_heat_value([Q_(1, "t")], [Q_(6000, "kcal/L")])
    # a dimensionless unit is named, not printed as an empty "()"
    with pytest.raises(UnitsError, match=r"heat_values \(dimensionless\) must be energy per the uses' unit \(t\)"):
        energy.weighted_heat_value([Q_(1, "t")], [Q_(6000, "dimensionless")])
    with pytest.raises(UnitsError, match=r"heat_values \(kcal / kg\) .* uses' unit \(dimensionless\)"):
        energy.weighted_heat_value([Q_(1, "dimensionless")], [Q_(6000, "kcal/kg")])


def test_bad_inputs(award):
    with pytest.raises(UnitsError, match="amount"):
        energy.heat(1000, "O05", award)
    with pytest.raises(InvalidValueError, match=r"amount must be .* got -1"):
        energy.heat(Q_(-1, "L"), "O05", award)
    with pytest.raises(FactorNotFoundError, match="no heat value"):
        energy.heat(Q_(1, "t"), "木炭", award)


@given(amounts, st.floats(min_value=0, max_value=1e3, allow_nan=False))
def test_heat_is_linear(x, k):
    a = energy.heat(Q_(x * k, "L"), "O05").m
    b = k * energy.heat(Q_(x, "L"), "O05").m
    assert a == pytest.approx(b, rel=1e-12, abs=1e-9)


@given(st.lists(amounts, min_size=1, max_size=20))
def test_kloe_arrays_equal_scalars(values):
    arr = energy.to_kloe(Q_(np.array(values), "kWh"), "E01").m
    assert arr == pytest.approx([energy.to_kloe(Q_(v, "kWh"), "E01").m for v in values], rel=1e-15)


def test_kloe_without_fuel_needs_heat(award):
    with pytest.raises(UnitsError, match="without a fuel"):
        energy.to_kloe(Q_(1, "L"), factor_set=award)
    # kWh without a fuel would silently take 860 kcal/kWh instead of the basis's 2,236
    with pytest.raises(UnitsError, match="E01"):
        energy.to_kloe(Q_(1_120_329.5, "kWh"), factor_set=award)
    with pytest.raises(InvalidValueError, match=r"heat_value must be .* got -5"):
        energy.heat(Q_(1, "t"), "C02", award, heat_value=Q_(-5, "kcal/kg"))
