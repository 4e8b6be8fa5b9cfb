"""CO2 / CO2e conversion (award-form-2015 附表2; MOENV 2024 factors, moenv-2024-ef)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import (
    Q_,
    CarbonAuditError,
    FactorNotFoundError,
    InvalidValueError,
    UnitsError,
    emissions,
    parse_unit,
    ureg,
)

amounts = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    ("fuel", "unit", "published"),
    [
        # award-form-2015 附表2: heat value x 4.1868e-9 TJ/kcal (iso-80000-5) x CO2 factor
        ("柴油", "L", 2.61),  # 8,400 x 4.1868e-9 x 74,100 = 2.606
        ("車用汽油", "L", 2.26),  # 7,800 x 4.1868e-9 x 69,300 = 2.263
        ("天然氣", "m**3", 1.88),  # 8,000 x 4.1868e-9 x 56,100 = 1.879
        ("燃料煤", "kg", 2.53),  # 6,400 x 4.1868e-9 x 94,600 = 2.535
        ("液化石油氣", "L", 1.75),  # 6,635 x 4.1868e-9 x 63,100 = 1.753 (per litre)
    ],
)
def test_recommended_factors_recomputed_from_heat_value(award, fuel, unit, published):
    per_unit = emissions.co2(Q_(1, unit), fuel, award, method="heat_value").m
    assert round(per_unit, 2) == published
    assert emissions.co2(Q_(1, unit), fuel, award, method="recommended").m == published


def test_diesel_by_hand(award):
    # 1,000 L x 8,400 kcal/L x 4.1868e-9 TJ/kcal x 74,100 kg/TJ = 2,606.0318 kg
    assert emissions.co2(Q_(1000, "L"), "O05", award, method="heat_value").m == pytest.approx(2606.031792, rel=1e-12)
    assert emissions.co2(Q_(1000, "L"), "O05", award).m == pytest.approx(2610.0)  # auto -> recommended


def test_thermochemical_calorie_would_be_wrong(award):
    # iso-80000-5 (IT calorie, 4.1868 J): with pint's 4.184 J calorie the diesel factor would round to 2.60, not 2.61
    assert ureg.Quantity(1, "thermochemical_calorie").m_as("J") == 4.184  # still available by name
    per_litre = emissions.co2(Q_(1, "L"), "O05", award, method="heat_value").m
    # the library's factor scales with the IT calorie: 2.606 x 4.184/4.1868 = 2.6043 would be 2.60
    assert per_litre == pytest.approx(8400 * 4.1868e-9 * 74100, rel=1e-12)
    assert round(per_litre * 4.184 / 4.1868, 2) == 2.60


def test_lpg_in_tonnes_is_converted_not_multiplied(award):
    # 附件三 applies 1.75 (per litre) to tonnes: 1 t x 1.75 = 1.75 t CO2 would be the mistake.
    with pytest.raises(FactorNotFoundError, match=r"density"):
        emissions.co2(Q_(1, "t"), "LPG", award)
    fs = award.with_overrides(densities={"LPG": Q_(0.55, "kg/L")})
    # 1,000 kg / 0.55 kg/L = 1,818.18 L x 1.75 kg/L = 3,181.82 kg
    assert emissions.co2(Q_(1, "t"), "LPG", fs).m == pytest.approx(1000 / 0.55 * 1.75)
    trace = emissions.emissions(Q_(1, "t"), "LPG", fs).factors
    assert any(t.name == "density" and t.status == "user" for t in trace)


def test_energy_input_uses_per_tj_factor(award):
    # 1 TJ of wood: 112,000 kg CO2 (附表2, no heat value needed)
    assert emissions.co2(Q_(1, "TJ"), "木頭－固態", award).m == pytest.approx(112_000)
    with pytest.raises(FactorNotFoundError, match=r"no heat value"):
        emissions.co2(Q_(1000, "L"), "生質柴油", award)


def test_emissions_by_gas_and_trace(current):
    # tw-2024 diesel, stationary: 1,000 L x 8,629 kcal/L = 8.629e6 kcal = 0.036128... TJ
    tj = 1000 * 8629 * 4.1868e-9
    r = emissions.emissions(Q_(1000, "L"), "diesel", current)
    assert r.by_gas["CO2"].m == pytest.approx(tj * 74100)
    assert r.by_gas["CH4"].m == pytest.approx(tj * 3)
    assert r.by_gas["N2O"].m == pytest.approx(tj * 0.6)
    assert r.co2e.m == pytest.approx(tj * (74100 + 3 * 28 + 0.6 * 265))
    assert r.gwp == "AR5" and r.method == "heat_value"
    names = {t.name for t in r.factors}
    assert {"heat_value", "per_tj.stationary.CO2", "per_tj.stationary.CH4", "gwp.AR5.CH4"} <= names
    assert all(t.citation for t in r.factors)
    json.dumps(r.model_dump(), ensure_ascii=False)
    ar4 = emissions.emissions(Q_(1000, "L"), "diesel", current, gwp="AR4")
    assert ar4.co2e.m == pytest.approx(tj * (74100 + 3 * 25 + 0.6 * 298))


def test_mobile_gasoline(current):
    # mobile, uncontrolled default: CH4 33, N2O 3.2 kg/TJ; oxidation catalyst 25 / 8
    tj = 1000 * 7520 * 4.1868e-9
    r = emissions.emissions(Q_(1000, "L"), "gasoline", current, use="mobile")
    assert r.by_gas["CH4"].m == pytest.approx(tj * 33)
    r2 = emissions.emissions(Q_(1000, "L"), "gasoline", current, use="mobile/oxidation_catalyst")
    assert r2.by_gas["N2O"].m == pytest.approx(tj * 8)
    with pytest.raises(FactorNotFoundError, match="mobile"):
        emissions.emissions(Q_(1000, "L"), "fuel_oil", current, use="mobile")


def test_award_set_is_co2_only(award):
    r = emissions.emissions(Q_(1000, "L"), "diesel", award)
    assert set(r.by_gas) == {"CO2"}
    assert r.co2e.m == pytest.approx(2610)
    assert any("CH4" in n for n in r.notes)


def test_electricity_location_and_market(current, award):
    # award-form-2015 附件三: C x 0.000522 t/kWh; 1,000,000 kWh -> 522 t
    assert emissions.electricity(Q_(1e6, "kWh"), 2013, award).co2e.m_as("t") == pytest.approx(522)
    # 2024 grid factor 0.474: 1 MWh -> 474 kg
    assert emissions.electricity(Q_(1, "MWh"), year=2024, factor_set=current).co2e.m == pytest.approx(474)
    market = emissions.electricity(Q_(1000, "kWh"), method="market", supplier_factor=Q_(0.3, "kg/kWh"))
    assert market.co2e.m == pytest.approx(300) and market.method == "market"
    fs = current.with_overrides(supplier_factor=Q_(0.25, "kg/kWh"))
    assert emissions.electricity(Q_(1000, "kWh"), factor_set=fs, method="market").co2e.m == pytest.approx(250)
    with pytest.raises(FactorNotFoundError, match="need the year of the grid factor; pass year="):
        emissions.electricity(Q_(1000, "kWh"))
    with pytest.raises(FactorNotFoundError, match="supplier_factor"):
        emissions.electricity(Q_(1000, "kWh"), method="market")
    with pytest.raises(UnitsError, match="amount"):
        emissions.electricity(Q_(1000, "L"), 2024)


def test_an_array_supplier_factor_is_refused(current):
    # was a raw TypeError ("only 0-dimensional arrays can be converted to Python scalars")
    for amount in (Q_(1000, "kWh"), Q_([1000, 2000], "kWh")):
        with pytest.raises(
            InvalidValueError, match=r"supplier_factor must be a single value, got an array of shape \(2,\)"
        ):
            emissions.electricity(amount, method="market", supplier_factor=Q_([0.3, 0.4], "kg/kWh"))


def test_electricity_co2_in_current_set_points_to_electricity(current):
    with pytest.raises(FactorNotFoundError, match=r"emissions\.electricity"):
        emissions.co2(Q_(1000, "kWh"), "E01", current)


@pytest.mark.parametrize(
    ("amount", "fuel", "error", "words"),
    [
        (1000, "O05", UnitsError, ["amount", "1000"]),
        (np.array([1.0, 2.0]), "O05", UnitsError, ["amount"]),
        (Q_(5, "h"), "O05", UnitsError, ["amount", "h"]),
        (Q_(1000, "L"), "unobtainium", FactorNotFoundError, ["unobtainium"]),
        (Q_(-5, "L"), "O05", InvalidValueError, ["amount", "-5"]),
        (Q_(float("nan"), "L"), "O05", InvalidValueError, ["amount", "nan"]),
        (Q_(np.array([1.0, -2.0]), "L"), "O05", InvalidValueError, ["amount[1]", "-2"]),
        (Q_(np.array([1.0, np.inf]), "L"), "O05", InvalidValueError, ["amount[1]", "inf"]),
    ],
)
def test_bad_input(award, amount, fuel, error, words):
    with pytest.raises(error) as info:
        emissions.co2(amount, fuel, award)
    assert isinstance(info.value, CarbonAuditError)
    for w in words:
        assert w in str(info.value)


@given(amounts, st.floats(min_value=0, max_value=1e3, allow_nan=False))
def test_linear_in_amount(x, k):
    a = emissions.emissions(Q_(x * k, "L"), "diesel").co2e.m
    b = k * emissions.emissions(Q_(x, "L"), "diesel").co2e.m
    assert a == pytest.approx(b, rel=1e-12, abs=1e-9)


@given(amounts)
def test_same_activity_in_other_units(x):
    assert emissions.co2(Q_(x, "kL"), "diesel").m == pytest.approx(
        emissions.co2(Q_(x * 1000, "L"), "diesel").m, rel=1e-12
    )
    assert emissions.co2(Q_(x, "t"), "fuel_coal").m == pytest.approx(
        emissions.co2(Q_(x * 1000, "kg"), "fuel_coal").m, rel=1e-12
    )
    assert emissions.electricity(Q_(x, "MWh"), 2024).co2e.m == pytest.approx(
        emissions.electricity(Q_(x * 1000, "kWh"), 2024).co2e.m, rel=1e-12
    )
    assert emissions.co2(Q_(x, parse_unit("公秉")), "diesel").m == pytest.approx(
        emissions.co2(Q_(x * 1000, parse_unit("公升")), "diesel").m, rel=1e-12
    )


@given(st.lists(amounts, min_size=1, max_size=30), st.sampled_from(["L", "kL"]))
def test_arrays_equal_scalar_calls(values, unit):
    arr = emissions.emissions(Q_(np.array(values), unit), "diesel", use="mobile")
    for gas in ("CO2", "CH4", "N2O"):
        scalars = [emissions.emissions(Q_(v, unit), "diesel", use="mobile").by_gas[gas].m for v in values]
        assert arr.by_gas[gas].m == pytest.approx(scalars, rel=1e-15, abs=0)
    assert emissions.co2(Q_(np.array(values), unit), "O05").m == pytest.approx(
        [emissions.co2(Q_(v, unit), "O05").m for v in values], rel=1e-15, abs=0
    )


def test_factor_set_by_id_and_invalid_options():
    # a shipped set's id works where a FactorSet does: 1,000 L x 2.61 kg/L (附表2)
    assert emissions.co2(Q_(1000, "L"), "O05", "ntpc-award-2015").m == pytest.approx(2610)
    with pytest.raises(InvalidValueError, match="method"):
        emissions.co2(Q_(1, "L"), "O05", method="guess")  # type: ignore[arg-type]
    with pytest.raises(FactorNotFoundError, match="AR9"):
        emissions.emissions(Q_(1, "L"), "O05", gwp="AR9")
    with pytest.raises(FactorNotFoundError, match="fuel must be a str"):
        emissions.co2(Q_(1, "L"), None)  # type: ignore[arg-type]


def test_two_dimensional_and_integer_arrays(award):
    grid = Q_(np.array([[1000, 0], [2000, 500]]), "L")  # integer litres
    # element by element x 2.61 kg/L
    np.testing.assert_allclose(emissions.co2(grid, "O05", award).m, [[2610, 0], [5220, 1305]], rtol=1e-15)
    with pytest.raises(InvalidValueError, match=r"amount\[1, 1\]"):
        emissions.co2(Q_(np.array([[1, 2], [3, -4]]), "L"), "O05", award)


def test_auto_method_does_not_depend_on_the_input_unit(award):
    # auto uses the recommended 2.61 kg/L for diesel whether the amount is litres or energy:
    # 8,400 kcal (the heat of 1 L) -> 2.61 kg
    assert emissions.co2(Q_(8400, "kcal"), "O05", award).m == pytest.approx(2.61)
    assert emissions.co2(Q_(1, "L"), "O05", award).m == pytest.approx(2.61)
    # energy is accepted for a fuel: 1,000 kWh = 3.6e9 J / 4,186.8 J/kcal (IT) = 859,845.2 kcal
    # -> x 2.61 kg / 8,400 kcal = 267.17 kg
    assert emissions.co2(Q_(1000, "kWh"), "O05", award).m == pytest.approx(1000 * 3.6e6 / 4186.8 * 2.61 / 8400)


@pytest.mark.parametrize(
    ("amount", "kwargs", "error", "words"),
    [
        (Q_(np.array([1.0, None]), "L"), {}, InvalidValueError, ["amount", "dtype object"]),
        (Q_(np.array([1 + 1j]), "L"), {}, InvalidValueError, ["amount", "complex"]),
        (Q_(1, "L"), {"use": "nonsense"}, InvalidValueError, ["use", "nonsense"]),
    ],
)
def test_more_bad_input(award, amount, kwargs, error, words):
    with pytest.raises(error) as info:
        emissions.co2(amount, "O05", award, **kwargs)
    for w in words:
        assert w in str(info.value)


@given(
    amounts,
    st.floats(min_value=0, max_value=1e3, allow_nan=False),
    st.sampled_from([("O05", "L"), ("燃料煤", "t"), ("天然氣", "m**3"), ("柴油", "GJ")]),
    st.sampled_from(["recommended", "heat_value"]),
)
def test_linear_for_other_fuels_units_and_methods(x, k, fuel_unit, method):
    fuel, unit = fuel_unit
    fs = "ntpc-award-2015"
    a = emissions.co2(Q_(x * k, unit), fuel, fs, method=method).m
    b = k * emissions.co2(Q_(x, unit), fuel, fs, method=method).m
    assert a == pytest.approx(b, rel=1e-12, abs=1e-9)
    arr = emissions.co2(Q_(np.array([x, x * k]), unit), fuel, fs, method=method).m
    assert arr == pytest.approx([emissions.co2(Q_(x, unit), fuel, fs, method=method).m, a], rel=1e-15, abs=0)
