"""Building indicators (non-production-form-2025 表五之三 ... 表九之七; production-declaration-2018 biomass share)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from carbonaudit import Q_, InvalidValueError, UnitsError, building


def test_indoor_area_and_eui():
    # 表五之四 註1: indoor = total - indoor parking; 1,500,000 kWh / (12,000 - 2,000) m² = 150 kWh/m²
    assert building.indoor_area(Q_(12_000, "m**2"), Q_(2_000, "m**2")).m == 10_000
    assert building.eui(Q_(1_500_000, "kWh"), Q_(12_000, "m**2"), Q_(2_000, "m**2")).m == pytest.approx(150)
    monthly = building.eui(Q_(np.full(12, 125_000.0), "kWh"), Q_(10_000, "m**2"))
    np.testing.assert_allclose(monthly.m, 12.5)


def test_thermal_eui_through_the_oil_equivalent_definition():
    # tw-2024: LPG 5,958 kcal/L, 10,000 kcal/kgOE -> 10,000 L = 5,958 kgOE; / 5,000 m² = 1.1916
    r = building.thermal_eui({"LPG": Q_(10_000, "L")}, Q_(5_000, "m**2"), factor_set="tw-2024")
    assert r.m == pytest.approx(10_000 * 5958 / 10_000 / 5_000)
    assert str(r.units) == "kilogram_oil_equivalent / meter ** 2"


def test_compare_eui_quarters_and_year():
    last = Q_(np.full(12, 10.0), "kWh/m**2")
    this = Q_(np.array([11.5] * 3 + [10.0] * 9), "kWh/m**2")
    c = building.compare_eui(this, last)
    # Q1: (34.5 - 30) / 30 = 15 % > 10 %; the year: (124.5 - 120) / 120 = 3.75 %
    assert c.quarterly.tolist() == pytest.approx([0.15, 0, 0, 0])
    assert c.annual == pytest.approx(0.0375)
    assert [f.path for f in c.findings] == ["eui.Q1"]


def test_balances():
    b = building.electricity_balance(
        Q_(950, "MWh"),
        {
            "air_conditioning": Q_(500, "MWh"),
            "lighting": Q_(250, "MWh"),
            "office": Q_(150, "MWh"),
            "other": Q_(100, "MWh"),
        },
        renewable_self_use=Q_(50_000, "kWh"),
    )
    # total 950 + 50 = 1,000 MWh; AC 50 %, lighting 25 %, office 15 %, other 10 %
    assert b.shares == pytest.approx({"air_conditioning": 0.5, "lighting": 0.25, "office": 0.15, "other": 0.1})
    assert b.findings == ()
    short = building.electricity_balance(Q_(1000, "MWh"), {"lighting": Q_(900, "MWh")})
    assert [f.code for f in short.findings] == ["building.balance_mismatch"]
    with pytest.raises(InvalidValueError, match="garage"):
        building.electricity_balance(Q_(1, "kWh"), {"garage": Q_(1, "kWh")})
    by_fuel, by_use = building.heat_balance(
        {"natural_gas": Q_(3_000, "Mcal"), "lpg": Q_(1, "Gcal")},
        {"kitchen": Q_(1_000, "Mcal"), "pool": Q_(3_000, "Mcal")},
    )
    assert by_fuel.total.m == 4_000 and by_fuel.shares["natural_gas"] == 0.75 and by_use.shares["pool"] == 0.75


def test_shares_peaks_tonnage_utilisation():
    assert building.peak_share(Q_(300, "kW"), Q_(1_500, "kW")).m == pytest.approx(0.2)
    ratio, findings = building.tonnage_check(Q_(1_000, "USRT"), Q_(1_200, "USRT"))
    assert ratio.m == 1.2 and findings[0].code == "building.tonnage_exceeds_installed"
    # 表九之四 註: 1,000 RT / 2,000 RT = 50 %
    assert building.system_utilisation(Q_(1_000, "USRT"), Q_(2_000, "USRT")).m == 0.5
    assert building.running_time_share(Q_(2_190, "h")).m == pytest.approx(0.25)  # 2,190 / 8,760
    assert building.biomass_heat_share(Q_(1, "Gcal"), Q_(4_000, "Mcal")).m == pytest.approx(0.25)


def test_steam_boiler_limits_are_given_not_invented():
    limits = building.BoilerLimits(Q_(250, "degC"), Q_(6, "percent"))
    temps = Q_(np.array([240.0] * 6 + [255.0] + [240.0] * 5), "degC")
    o2 = np.array([0.05] * 11 + [0.07])
    paths = [f.path for f in building.check_steam_boiler(temps, o2, limits)]
    assert paths == ["boiler.month_7.exhaust_temperature", "boiler.month_12.exhaust_o2"]


@pytest.mark.parametrize("shape", [(3, 4), (2, 6), (12, 1)])
def test_steam_boiler_refuses_two_dimensional_months(shape):
    # 12 values in a 2-D array were numpy's "truth value ... ambiguous" ValueError (or passed by accident)
    limits = building.BoilerLimits(Q_(250, "degC"), Q_(6, "percent"))
    temps, o2 = Q_(np.full(12, 230.0), "degC"), np.full(12, 0.05)
    for args, name in (((temps.reshape(shape), o2), "exhaust_temperature"), ((temps, o2.reshape(shape)), "exhaust_o2")):
        with pytest.raises(InvalidValueError) as info:
            building.check_steam_boiler(*args, limits)
        message = str(info.value)
        assert message.startswith(name) and "shape (12,)" in message and f"array of shape {shape}" in message


def test_steam_boiler_refuses_nan_o2_as_it_does_nan_temperature():
    limits = building.BoilerLimits(Q_(250, "degC"), Q_(6, "percent"))
    temps = Q_(np.full(12, 240.0), "degC")
    o2 = np.full(12, 5.0)
    o2[3] = np.nan
    for given_o2 in (Q_(o2, "percent"), o2 / 100):
        with pytest.raises(InvalidValueError, match=r"exhaust_o2\[3\] must be a finite.*got nan"):
            building.check_steam_boiler(temps, given_o2, limits)
    t = np.full(12, 240.0)
    t[3] = np.nan
    with pytest.raises(InvalidValueError, match=r"exhaust_temperature\[3\] must be a finite.*got nan"):
        building.check_steam_boiler(Q_(t, "degC"), Q_(np.full(12, 5.0), "percent"), limits)
    with pytest.raises(InvalidValueError, match=r"limits.exhaust_o2 must be a finite.*got nan"):
        no_limit = building.BoilerLimits(Q_(250, "degC"), np.nan)
        building.check_steam_boiler(temps, Q_(np.full(12, 5.0), "percent"), no_limit)


@pytest.mark.parametrize(
    ("call", "error", "word"),
    [
        (lambda: building.indoor_area(Q_(100, "m**2"), Q_(200, "m**2")), InvalidValueError, "parking_area"),
        (lambda: building.eui(Q_(1, "kWh"), Q_(0, "m**2")), InvalidValueError, "indoor floor area"),
        (lambda: building.eui(Q_(1, "kWh"), Q_(100, "m")), UnitsError, "total_area"),
        (lambda: building.system_utilisation(Q_(1, "USRT"), Q_(0, "USRT")), InvalidValueError, "total_capacity"),
        (
            lambda: building.compare_eui(Q_(np.ones(12), "kWh/m**2"), Q_(np.zeros(12), "kWh/m**2")),
            InvalidValueError,
            "last_year",
        ),
        (
            lambda: building.compare_eui(Q_(np.ones(11), "kWh/m**2"), Q_(np.ones(12), "kWh/m**2")),
            InvalidValueError,
            "12",
        ),
    ],
)
def test_bad_input(call, error, word):
    with pytest.raises(error, match=word):
        call()


monthly = st.lists(st.floats(min_value=0.1, max_value=1e3), min_size=12, max_size=12)


@given(monthly, monthly)
def test_eui_difference_zero_for_same_year_and_antisymmetric_in_sign(a, b):
    qa, qb = Q_(np.array(a), "kWh/m**2"), Q_(np.array(b), "kWh/m**2")
    same = building.compare_eui(qa, qa)
    assert same.annual == 0 and not same.quarterly.any() and same.findings == ()
    ab, ba = building.compare_eui(qa, qb), building.compare_eui(qb, qa)
    assert np.all(np.sign(ab.quarterly) == -np.sign(ba.quarterly))
    assert np.sign(ab.annual) == -np.sign(ba.annual)


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=8), st.floats(min_value=0, max_value=1))
def test_balance_shares_sum_to_one(parts, self_use_share):
    keys = list(building.ELECTRICITY_CATEGORIES)[: len(parts)]
    total = sum(parts)
    assume(total > 0)  # an all-zero balance shares nothing out (electricity_balance refuses it)
    # the total is bill + renewable self-use; the parts share that total
    self_use = total * self_use_share
    b = building.electricity_balance(
        Q_(total - self_use, "kWh"),
        {k: Q_(v, "kWh") for k, v in zip(keys, parts, strict=False)},
        renewable_self_use=Q_(self_use, "kWh"),
    )
    assert b.total.m == pytest.approx(total)
    assert sum(b.shares.values()) == pytest.approx(1.0)
    assert b.findings == ()
    # leaving out the self-use makes the parts exceed the bill when there is any: a finding
    if 1e-6 * total < self_use < total * (1 - 1e-6):
        short = building.electricity_balance(
            Q_(total - self_use, "kWh"), {k: Q_(v, "kWh") for k, v in zip(keys, parts, strict=False)}
        )
        assert [f.code for f in short.findings] == ["building.balance_mismatch"]


def test_more_bad_input_and_boundaries():
    with pytest.raises(UnitsError, match="energy"):
        building.eui(Q_(1, "m"), Q_(10, "m**2"))
    with pytest.raises(InvalidValueError, match="installed"):
        building.tonnage_check(Q_([1.0, 2.0], "USRT"), Q_(1, "USRT"))
    with pytest.raises(InvalidValueError, match="bill"):
        building.electricity_balance(Q_([1.0, 2.0], "kWh"), {"other": Q_(1, "kWh")})
    assert building.running_time_share(Q_(8784, "h")).m == pytest.approx(8784 / 8760)  # a leap year
    # exactly 10 % is not "over 10 %": 11 vs 10 each month
    c = building.compare_eui(Q_(np.full(12, 11.0), "kWh/m**2"), Q_(np.full(12, 10.0), "kWh/m**2"))
    assert c.findings == ()
