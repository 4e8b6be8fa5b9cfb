"""Exact behaviour of carbonaudit.building: every message, boundary, option and returned field.

Numbers are worked by hand in the comments (non-production-form-2025 表五之三, 表五之四/五之五, 六, 表九之四, 表九之七;
production-declaration-2018 表九之一); heat values are those of the shipped factor sets (data/factors.yaml: tw-2024 LPG
5,958 kcal/L and diesel 8,629 kcal/L, tw-energy-statistics-2024; ntpc-award-2015 LPG 6,635 kcal/L,
tw-energy-handbook-2010; tw-final-860: 10,000 kcal per kgOE).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from carbonaudit import Q_, FactorNotFoundError, InvalidValueError, UnitsError, building
from carbonaudit.errors import Finding

M2 = "m**2"
EUI = "kWh/m**2"
NON_NEGATIVE = "must be a finite, non-negative number, got"


def _error(call, error_type, message):
    """Run *call*; it must raise exactly *error_type* with exactly *message*."""
    with pytest.raises(error_type) as info:
        call()
    assert type(info.value) is error_type
    assert str(info.value) == message
    return info.value


def _finding(f, code, severity, path, message):
    assert (f.code, f.severity, f.path, f.message) == (code, severity, path, message)


# -- the forms' category lists ---------------------------------------------------------------


def test_electricity_categories_are_the_eight_of_the_form():
    # non-production-form-2025 六 電能用量平衡圖
    assert building.ELECTRICITY_CATEGORIES == {
        "air_conditioning": "空調設備",
        "lighting": "照明設備",
        "refrigeration": "冷凍冷藏設備",
        "office": "事務設備",
        "ventilation": "送排風設備",
        "water": "給水污水設備",
        "elevators": "電梯設備",
        "other": "其他設備",
    }


def test_heat_uses_are_the_nine_of_the_form():
    # non-production-form-2025 六 熱能用量平衡圖
    assert building.HEAT_USES == {
        "rooms": "房間用",
        "sauna": "三溫暖",
        "pool": "溫水游泳池",
        "laundry": "洗衣房",
        "kitchen": "廚房餐廳",
        "disinfection": "消毒設備",
        "vehicles": "車輛",
        "generators": "發電機",
        "other": "其他設備",
    }


# -- indoor_area --------------------------------------------------------------------------------


def test_indoor_area_without_parking_is_the_total():
    r = building.indoor_area(Q_(12_000, M2))
    assert r.m == 12_000 and r.units == Q_(1, M2).units


def test_indoor_area_converts_both_areas_to_square_metres():
    # 1.2 ha = 12,000 m²; 12,000 − 2,000 = 10,000 m²
    r = building.indoor_area(Q_(1.2, "hectare"), Q_(2_000, M2))
    assert r.m == pytest.approx(10_000, rel=1e-12)
    assert str(r.units) == "meter ** 2"


def test_indoor_area_arrays_element_by_element():
    # [12,000 − 2,000, 5,000 − 0]
    r = building.indoor_area(Q_([12_000.0, 5_000.0], M2), Q_([2_000.0, 0.0], M2))
    assert r.m.tolist() == [10_000.0, 5_000.0]


def test_indoor_area_parking_equal_to_total_is_a_zero_area_not_an_excess():
    _error(
        lambda: building.indoor_area(Q_(100, M2), Q_(100, M2)),
        InvalidValueError,
        "the indoor floor area (total − parking) must be positive: EUI is per m² of it",
    )


def test_indoor_area_parking_just_below_total_is_accepted():
    below = np.nextafter(100.0, 0)
    assert building.indoor_area(Q_(100.0, M2), Q_(below, M2)).m == 100.0 - below


def test_indoor_area_parking_above_total():
    _error(
        lambda: building.indoor_area(Q_(100, M2), Q_(200, M2)),
        InvalidValueError,
        "parking_area (200 m ** 2) must not exceed total_area (100 m ** 2)",
    )


def test_indoor_area_parking_just_above_total_in_one_element():
    above = np.nextafter(100.0, np.inf)
    with pytest.raises(InvalidValueError, match=r"^parking_area \(\[0\.0 ") as info:
        building.indoor_area(Q_([100.0, 100.0], M2), Q_([0.0, above], M2))
    assert type(info.value) is InvalidValueError


def test_indoor_area_zero_in_one_element():
    _error(
        lambda: building.indoor_area(Q_([100.0, 0.0], M2)),
        InvalidValueError,
        "the indoor floor area (total − parking) must be positive: EUI is per m² of it",
    )


def test_indoor_area_argument_checks_name_the_argument():
    _error(lambda: building.indoor_area(Q_(-1, M2)), InvalidValueError, f"total_area {NON_NEGATIVE} -1.0")
    _error(
        lambda: building.indoor_area(Q_(10, M2), Q_(-1, M2)),
        InvalidValueError,
        f"parking_area {NON_NEGATIVE} -1.0",
    )
    _error(
        lambda: building.indoor_area(Q_(10, "m")),
        UnitsError,
        "total_area must be a Quantity of [length] ** 2 (convertible to m ** 2), got 10 m which is [length]",
    )
    _error(
        lambda: building.indoor_area(Q_(10, M2), Q_(1, "m")),
        UnitsError,
        "parking_area must be a Quantity of [length] ** 2 (convertible to m ** 2), got 1 m which is [length]",
    )


def test_indoor_area_arrays_of_different_lengths():
    _error(
        lambda: building.indoor_area(Q_([1.0, 2.0], M2), Q_([1.0, 2.0, 3.0], M2)),
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got total_area (2,), parking_area (3,)",
    )


# -- eui ----------------------------------------------------------------------------------------


def test_eui_electric_with_parking():
    # 表五之四: 1,500,000 kWh ÷ (12,000 − 2,000) m² = 150 kWh/m²
    r = building.eui(Q_(1_500_000, "kWh"), Q_(12_000, M2), Q_(2_000, M2))
    assert r.m == pytest.approx(150, rel=1e-12)
    assert str(r.units) == "kilowatt_hour / meter ** 2"


def test_eui_keeps_the_energy_unit():
    # 3 MWh ÷ 100 m² = 0.03 MWh/m²; 50 KLOE ÷ 1,000 m² = 0.05 KLOE/m²; 600 kgOE ÷ 200 m² = 3 kgOE/m²
    mwh = building.eui(Q_(3, "MWh"), Q_(100, M2))
    assert mwh.m == pytest.approx(0.03, rel=1e-12) and str(mwh.units) == "megawatt_hour / meter ** 2"
    kloe = building.eui(Q_(50, "KLOE"), Q_(1_000, M2))
    assert kloe.m == pytest.approx(0.05, rel=1e-12) and str(kloe.units) == "kiloliter_oil_equivalent / meter ** 2"
    kgoe = building.eui(Q_(600, "kgOE"), Q_(200, M2))
    assert kgoe.m == pytest.approx(3.0, rel=1e-12) and str(kgoe.units) == "kilogram_oil_equivalent / meter ** 2"


def test_eui_monthly_array_over_one_area():
    # 12 months of 125,000 and 250,000 kWh ÷ 10,000 m²
    r = building.eui(Q_([125_000.0, 250_000.0] * 6, "kWh"), Q_(10_000, M2))
    assert r.m.tolist() == pytest.approx([12.5, 25.0] * 6, rel=1e-12)


def test_eui_bare_number():
    _error(
        lambda: building.eui(5, Q_(1, M2)),
        UnitsError,
        "energy must be a Quantity of an energy (kWh) or oil equivalent (kgOE), got bare int 5; "
        "give units, e.g. carbonaudit.Q_(5, ...)",
    )


def test_eui_energy_of_another_dimension():
    _error(
        lambda: building.eui(Q_(1, "m"), Q_(10, M2)),
        UnitsError,
        "energy must be an energy (kWh) or an oil equivalent (kgOE, KLOE), got 1 m",
    )


def test_eui_reactive_energy_is_not_energy():
    _error(
        lambda: building.eui(Q_(1, "kvar*h"), Q_(1, M2)),
        UnitsError,
        "energy must be real energy (kWh), got h * kvar: reactive energy (kvarh) is not real energy (kWh)",
    )


def test_eui_negative_energy():
    _error(lambda: building.eui(Q_(-1, "kWh"), Q_(1, M2)), InvalidValueError, f"energy {NON_NEGATIVE} -1.0")
    _error(
        lambda: building.eui(Q_([1.0, -2.0], "kWh"), Q_(1, M2)),
        InvalidValueError,
        f"energy[1] {NON_NEGATIVE} -2.0",
    )


def test_eui_energy_and_area_arrays_of_different_lengths():
    _error(
        lambda: building.eui(Q_(np.ones(12), "kWh"), Q_([1.0, 2.0, 3.0], M2)),
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got energy (12,), area (3,)",
    )


# -- thermal_eui --------------------------------------------------------------------------------


def test_thermal_eui_sums_the_fuels_and_subtracts_parking():
    # 10,000 L LPG × 5,958 + 2,000 L diesel × 8,629 = 76,838,000 kcal = 7,683.8 kgOE;
    # ÷ (5,000 − 1,000) m² = 1.92095 kgOE/m²
    r = building.thermal_eui(
        {"LPG": Q_(10_000, "L"), "diesel": Q_(2_000, "L")}, Q_(5_000, M2), Q_(1_000, M2), factor_set="tw-2024"
    )
    assert r.m == pytest.approx(1.92095, rel=1e-12)
    assert str(r.units) == "kilogram_oil_equivalent / meter ** 2"


def test_thermal_eui_factor_set_and_basis_are_passed_on():
    # ntpc-award-2015 LPG 6,635 kcal/L: 10,000 L = 66,350,000 kcal = 6,635 kgOE (tw-final-860); ÷ 5,000 m²
    r = building.thermal_eui({"LPG": Q_(10_000, "L")}, Q_(5_000, M2), None, "ntpc-award-2015", basis="tw-final-860")
    assert r.m == pytest.approx(1.327, rel=1e-12)


def test_thermal_eui_basis_without_kcal_per_kgoe():
    message = (
        "oil-equivalent basis 'tw-primary-2236' defines no kcal per kgOE; choose a basis that does "
        "(e.g. basis='tw-final-860')"
    )
    _error(
        lambda: building.thermal_eui({"LPG": Q_(1, "L")}, Q_(1, M2), basis="tw-primary-2236"),
        FactorNotFoundError,
        message,
    )
    # ntpc-award-2015's own basis is tw-primary-2236
    _error(
        lambda: building.thermal_eui({"LPG": Q_(1, "L")}, Q_(1, M2), factor_set="ntpc-award-2015"),
        FactorNotFoundError,
        message,
    )


def test_thermal_eui_no_fuels():
    _error(
        lambda: building.thermal_eui({}, Q_(1, M2)),
        InvalidValueError,
        "fuels must name at least one fuel and its amount",
    )


def test_thermal_eui_names_the_fuel_entry_of_a_bad_amount():
    e = _error(
        lambda: building.thermal_eui({"LPG": Q_(-1, "L")}, Q_(1, M2)),
        InvalidValueError,
        f"fuels['LPG'] {NON_NEGATIVE} -1.0",
    )
    assert type(e.__cause__) is InvalidValueError and str(e.__cause__) == f"amount {NON_NEGATIVE} -1.0"
    _error(
        lambda: building.thermal_eui({"diesel": Q_([1.0, 2.0, -3.0], "L")}, Q_(1, M2)),
        InvalidValueError,
        f"fuels['diesel'][2] {NON_NEGATIVE} -3.0",
    )


def test_thermal_eui_names_the_fuel_entry_of_a_bad_unit():
    _error(
        lambda: building.thermal_eui({"LPG": Q_(1, "m")}, Q_(1, M2)),
        UnitsError,
        "fuels['LPG'] must be a Quantity of L (its basis), mass, volume or energy for fuel 'lpg', "
        "got 1 m which is [length]",
    )
    _error(
        lambda: building.thermal_eui({"LPG": 5}, Q_(1, M2)),
        UnitsError,
        "fuels['LPG'] must be a Quantity of a mass, volume or energy, got bare int 5; "
        "give units, e.g. carbonaudit.Q_(5, ...)",
    )


def test_named_prefixes_a_message_that_does_not_start_with_the_internal_name():
    # private helper: every to_kgoe message reached through thermal_eui starts with "amount"
    for error_type in (UnitsError, InvalidValueError):
        named = building._named(error_type("the value is bad"), "amount", "fuels['X']")
        assert type(named) is error_type
        assert str(named) == "fuels['X']: the value is bad"
        renamed = building._named(error_type("amount is bad"), "amount", "fuels['X']")
        assert type(renamed) is error_type and str(renamed) == "fuels['X'] is bad"


# -- compare_eui --------------------------------------------------------------------------------


def _months(*quarters):
    """12 monthly values: each quarter's three months given as a 3-tuple."""
    return Q_([v for q in quarters for v in q], EUI)


def test_compare_eui_quarters_year_and_findings():
    last = Q_(np.full(12, 10.0), EUI)
    # Q1 36/30 − 1 = +20 %, Q2, Q3 0, Q4 25.5/30 − 1 = −15 %; year (121.5 − 120) ÷ 120 = +1.25 %
    this = _months((12, 12, 12), (10, 10, 10), (10, 10, 10), (8.5, 8.5, 8.5))
    c = building.compare_eui(this, last)
    assert c.quarterly.tolist() == pytest.approx([0.2, 0.0, 0.0, -0.15], rel=1e-12)
    assert c.annual == pytest.approx(0.0125, rel=1e-12)
    assert isinstance(c.annual, float)
    assert len(c.findings) == 2
    up, down = c.findings
    _finding(
        up,
        "building.eui_difference",
        "warning",
        "eui.Q1",
        "Q1: EUI up 20.0% on last year, more than 10%: the form asks for the reason",
    )
    assert up.context == {"difference": pytest.approx(0.2, rel=1e-12), "limit": 0.1}
    assert type(up.context["difference"]) is float
    _finding(
        down,
        "building.eui_difference",
        "warning",
        "eui.Q4",
        "Q4: EUI down 15.0% on last year, more than 10%: the form asks for the reason",
    )
    assert down.context == {"difference": pytest.approx(-0.15, rel=1e-12), "limit": 0.1}


def test_compare_eui_year_over_the_limit():
    # every month 11.5 vs 10: each quarter and the year +15 %
    c = building.compare_eui(Q_(np.full(12, 11.5), EUI), Q_(np.full(12, 10.0), EUI))
    assert [f.path for f in c.findings] == ["eui.Q1", "eui.Q2", "eui.Q3", "eui.Q4", "eui.year"]
    _finding(
        c.findings[-1],
        "building.eui_difference",
        "warning",
        "eui.year",
        "year: EUI up 15.0% on last year, more than 10%: the form asks for the reason",
    )
    assert c.findings[-1].context == {"difference": pytest.approx(0.15, rel=1e-12), "limit": 0.1}


def test_compare_eui_year_down_alone():
    # Q2 21/30 − 1 = −30 %; the year (111 − 120) ÷ 120 = −7.5 %, within the limit
    c = building.compare_eui(_months((10, 10, 10), (7, 7, 7), (10, 10, 10), (10, 10, 10)), Q_(np.full(12, 10.0), EUI))
    assert c.annual == pytest.approx(-0.075, rel=1e-12)
    assert [f.message for f in c.findings] == [
        "Q2: EUI down 30.0% on last year, more than 10%: the form asks for the reason"
    ]


def test_compare_eui_limit_is_exclusive_with_its_tolerance():
    last = _months((1, 0, 0), (1, 0, 0), (1, 0, 0), (1, 0, 0))
    at_limit = 1.1000000000001  # (1.1000000000001 − 1) ÷ 1 == 0.1 × (1 + 1e-12) exactly in float64
    c = building.compare_eui(_months((at_limit, 0, 0), (1, 0, 0), (1, 0, 0), (1, 0, 0)), last)
    assert c.quarterly[0] == 0.1 * (1 + 1e-12)
    assert c.findings == ()
    above = np.nextafter(at_limit, np.inf)
    c = building.compare_eui(_months((above, 0, 0), (1, 0, 0), (1, 0, 0), (1, 0, 0)), last)
    assert [f.path for f in c.findings] == ["eui.Q1"]
    # 1.1 vs 1: 0.10000000000000009 in float64, the printed 10 %: within the tolerance
    c = building.compare_eui(_months((1.1, 0, 0), (1, 0, 0), (1, 0, 0), (1, 0, 0)), last)
    assert c.quarterly[0] > 0.1 and c.findings == ()


def test_compare_eui_down_at_the_limit():
    last = Q_(np.full(12, 10.0), EUI)
    c = building.compare_eui(_months((9, 9, 9), (10, 10, 10), (10, 10, 10), (10, 10, 10)), last)
    assert c.quarterly[0] == pytest.approx(-0.1, rel=1e-12) and c.findings == ()


def test_compare_eui_converts_last_year_into_this_years_unit():
    # 0.01 MWh/m² = 10 kWh/m²: this year 11.5 → +15 % everywhere
    c = building.compare_eui(Q_(np.full(12, 11.5), EUI), Q_(np.full(12, 0.01), "MWh/m**2"))
    assert c.annual == pytest.approx(0.15, rel=1e-12)
    assert c.quarterly.tolist() == pytest.approx([0.15] * 4, rel=1e-12)


def test_compare_eui_accepts_sequences_of_quantities():
    c = building.compare_eui([Q_(11.0, "kgOE/m**2")] * 12, [Q_(10.0, "kgOE/m**2")] * 12)
    assert c.annual == pytest.approx(0.1, rel=1e-12)


def test_compare_eui_last_year_quarter_or_year_sum_of_one_is_fine():
    # quarters of last year sum to 1 (and the year to 4); then to 0.25 (the year to 1)
    this = _months((2, 0, 0), (1, 0, 0), (1, 0, 0), (1, 0, 0))
    c = building.compare_eui(this, _months((1, 0, 0), (1, 0, 0), (1, 0, 0), (1, 0, 0)))
    assert c.quarterly.tolist() == [1.0, 0.0, 0.0, 0.0] and c.annual == 0.25
    this = _months((0.5, 0, 0), (0.25, 0, 0), (0.25, 0, 0), (0.25, 0, 0))
    c = building.compare_eui(this, _months((0.25, 0, 0), (0.25, 0, 0), (0.25, 0, 0), (0.25, 0, 0)))
    assert c.quarterly.tolist() == [1.0, 0.0, 0.0, 0.0] and c.annual == 0.25


def test_compare_eui_zero_quarter_of_last_year():
    message = "last_year's EUI must be positive in every quarter to compare against it"
    this = Q_(np.ones(12), EUI)
    _error(
        lambda: building.compare_eui(this, _months((1, 1, 1), (1, 1, 1), (0, 0, 0), (1, 1, 1))),
        InvalidValueError,
        message,
    )
    _error(lambda: building.compare_eui(this, Q_(np.zeros(12), EUI)), InvalidValueError, message)


def test_compare_eui_counts_the_months():
    _error(
        lambda: building.compare_eui(Q_(np.ones(11), EUI), Q_(np.ones(12), EUI)),
        InvalidValueError,
        "this_year must hold 12 monthly EUIs January to December, got 11",
    )
    _error(
        lambda: building.compare_eui(Q_(np.ones(12), EUI), Q_(np.ones(13), EUI)),
        InvalidValueError,
        "last_year must hold 12 monthly EUIs January to December, got 13",
    )


def test_compare_eui_negative_or_nan_months():
    bad = np.ones(12)
    bad[4] = -1.0
    _error(
        lambda: building.compare_eui(Q_(bad, EUI), Q_(np.ones(12), EUI)),
        InvalidValueError,
        f"this_year[4] {NON_NEGATIVE} -1.0",
    )
    _error(
        lambda: building.compare_eui(Q_(np.ones(12), EUI), Q_(bad, EUI)),
        InvalidValueError,
        f"last_year[4] {NON_NEGATIVE} -1.0",
    )


def test_compare_eui_units():
    _error(
        lambda: building.compare_eui(Q_(np.ones(12), "m"), Q_(np.ones(12), "m")),
        UnitsError,
        "this_year must be in a unit of [mass] / [time] ** 2 (e.g. kWh / m ** 2) or [oil_equivalent_mass] / "
        "[length] ** 2 (e.g. kgOE / m ** 2) or [oil_equivalent] / [length] ** 2 (e.g. KLOE / m ** 2), "
        "got m which is [length]",
    )
    _error(
        lambda: building.compare_eui([1.0] * 12, Q_(np.ones(12), EUI)),
        UnitsError,
        "this_year[0] must be a Quantity of any unit, got bare float 1.0; give units, e.g. carbonaudit.Q_(1.0, ...)",
    )
    _error(
        lambda: building.compare_eui(Q_(np.ones(12), EUI), [1.0] * 12),
        UnitsError,
        "last_year[0] must be a Quantity of [mass] / [time] ** 2 (e.g. kWh / m ** 2), got bare float 1.0; "
        "give units, e.g. carbonaudit.Q_(1.0, ...)",
    )
    _error(lambda: building.compare_eui([], Q_(np.ones(12), EUI)), InvalidValueError, "this_year must not be empty")
    _error(lambda: building.compare_eui(Q_(np.ones(12), EUI), []), InvalidValueError, "last_year must not be empty")


def test_eui_comparison_to_frame():
    c = building.compare_eui(
        _months((12, 12, 12), (10, 10, 10), (10, 10, 10), (8.5, 8.5, 8.5)), Q_(np.full(12, 10.0), EUI)
    )
    frame = c.to_frame()
    assert list(frame.columns) == ["difference"]
    assert frame.index.name == "period"
    assert frame.index.tolist() == ["Q1", "Q2", "Q3", "Q4", "year"]
    assert frame["difference"].tolist() == pytest.approx([0.2, 0.0, 0.0, -0.15, 0.0125], rel=1e-12)
    assert isinstance(frame, pd.DataFrame)


def test_eui_comparison_default_findings_empty():
    assert building.EuiComparison(np.zeros(4), 0.0).findings == ()


# -- electricity_balance and _shares ---------------------------------------------------------


def test_electricity_balance_total_is_bill_plus_renewable_self_use():
    # 900 MWh bill + 100,000 kWh self-use = 1,000,000 kWh; AC 500 MWh = 50 %, lighting 30 %, other 20 %
    b = building.electricity_balance(
        Q_(900, "MWh"),
        {"air_conditioning": Q_(500, "MWh"), "lighting": Q_(300_000, "kWh"), "other": Q_(200, "MWh")},
        renewable_self_use=Q_(100_000, "kWh"),
    )
    assert b.total.m == pytest.approx(1_000_000, rel=1e-12) and str(b.total.units) == "kilowatt_hour"
    assert {k: v.m for k, v in b.parts.items()} == pytest.approx(
        {"air_conditioning": 500_000, "lighting": 300_000, "other": 200_000}, rel=1e-12
    )
    assert all(str(v.units) == "kilowatt_hour" for v in b.parts.values())
    assert b.shares == pytest.approx({"air_conditioning": 0.5, "lighting": 0.3, "other": 0.2}, rel=1e-12)
    assert b.findings == ()


def test_electricity_balance_without_self_use_is_the_bill():
    b = building.electricity_balance(Q_(1_000, "kWh"), {"lighting": Q_(250, "kWh"), "office": Q_(750, "kWh")})
    assert b.total.m == 1_000 and b.shares == {"lighting": 0.25, "office": 0.75} and b.findings == ()


def test_electricity_balance_mismatch_finding():
    # parts 900,000 of 1,000,000 kWh: 90.00 %
    b = building.electricity_balance(Q_(1_000, "MWh"), {"lighting": Q_(900, "MWh")})
    assert len(b.findings) == 1
    f = b.findings[0]
    _finding(
        f,
        "building.balance_mismatch",
        "error",
        "balance.electricity",
        "the electricity parts sum to 900,000.0 kWh, not the total 1,000,000.0 kWh (90.00%); "
        "the shares must sum to 100 %",
    )
    assert f.context == {"parts": pytest.approx(900_000, rel=1e-12), "total": pytest.approx(1_000_000, rel=1e-12)}
    assert b.shares == pytest.approx({"lighting": 0.9}, rel=1e-12)


def test_balance_tolerance_is_relative_and_exclusive():
    # |999,999,999 − 1e9| == 1e-9 × 1e9 == 1.0 exactly: at the tolerance, no finding
    total = Q_(1e9, "kWh")
    assert building.electricity_balance(total, {"other": Q_(999_999_999.0, "kWh")}).findings == ()
    # just beyond it, on either side (max(total, parts) sets the scale)
    below = np.nextafter(999_999_999.0, 0)
    assert len(building.electricity_balance(total, {"other": Q_(below, "kWh")}).findings) == 1
    # parts 1e9 over a total of 999,999,999: |diff| 1.0 == 1e-9 × max(...) = 1.0
    assert building.electricity_balance(Q_(999_999_999.0, "kWh"), {"other": total}).findings == ()
    over = np.nextafter(1e9, np.inf)
    assert len(building.electricity_balance(Q_(999_999_999.0, "kWh"), {"other": Q_(over, "kWh")}).findings) == 1
    # half the tolerance (0.5 kWh of 1e9) is no finding either
    assert building.electricity_balance(total, {"other": Q_(999_999_999.5, "kWh")}).findings == ()


def test_electricity_balance_zero_total():
    _error(
        lambda: building.electricity_balance(Q_(0, "kWh"), {}),
        InvalidValueError,
        "the electricity total must be positive for shares, got 0.0",
    )
    _error(
        lambda: building.electricity_balance(Q_(0, "kWh"), {"other": Q_(1, "kWh")}),
        InvalidValueError,
        "the electricity total must be positive for shares, got 0.0",
    )


def test_electricity_balance_tiny_total_is_positive():
    b = building.electricity_balance(Q_(5e-324, "kWh"), {"other": Q_(5e-324, "kWh")})
    assert b.shares == {"other": 1.0}


def test_electricity_balance_unknown_category():
    _error(
        lambda: building.electricity_balance(Q_(1, "kWh"), {"garage": Q_(1, "kWh")}),
        InvalidValueError,
        "categories: unknown 'garage'; the form lists air_conditioning, lighting, refrigeration, office, "
        "ventilation, water, elevators, other",
    )


def test_electricity_balance_argument_checks():
    _error(
        lambda: building.electricity_balance(Q_(-1, "kWh"), {}),
        InvalidValueError,
        f"bill {NON_NEGATIVE} -1.0",
    )
    _error(
        lambda: building.electricity_balance(Q_(1, "kWh"), {}, renewable_self_use=Q_(-2, "kWh")),
        InvalidValueError,
        f"renewable_self_use {NON_NEGATIVE} -2.0",
    )
    _error(
        lambda: building.electricity_balance(Q_(1, "kWh"), {"lighting": Q_(-3, "kWh")}),
        InvalidValueError,
        f"categories['lighting'] {NON_NEGATIVE} -3.0",
    )
    _error(
        lambda: building.electricity_balance(Q_([1.0, 2.0], "kWh"), {}),
        InvalidValueError,
        "bill must be a single value, got an array of shape (2,)",
    )
    _error(
        lambda: building.electricity_balance(Q_(1, "kWh"), {}, Q_([1.0, 2.0], "kWh")),
        InvalidValueError,
        "renewable_self_use must be a single value, got an array of shape (2,)",
    )
    _error(
        lambda: building.electricity_balance(Q_(1, "kWh"), {"water": Q_([1.0], "kWh")}),
        InvalidValueError,
        "categories['water'] must be a single value, got an array of shape (1,)",
    )
    _error(
        lambda: building.electricity_balance(Q_(1, "kW"), {}),
        UnitsError,
        "bill must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to kWh), got 1 kW "
        "which is [mass] * [length] ** 2 / [time] ** 3",
    )


def test_balance_html():
    b = building.electricity_balance(Q_(900, "MWh"), {"lighting": Q_(500, "MWh"), "other": Q_(400, "MWh")})
    # 500/900 = 55.56 %, 400/900 = 44.44 %
    assert b._repr_html_() == (
        "<table><tr><th>part</th><th>amount</th><th>share</th></tr>"
        "<tr><td>lighting</td><td>500,000.0 kWh</td><td>55.56%</td></tr>"
        "<tr><td>other</td><td>400,000.0 kWh</td><td>44.44%</td></tr></table>"
    )
    by_fuel, _ = building.heat_balance({"<gas>": Q_(1_000, "Mcal")}, {"kitchen": Q_(1, "Gcal")})
    assert by_fuel._repr_html_() == (
        "<table><tr><th>part</th><th>amount</th><th>share</th></tr>"
        "<tr><td>&lt;gas&gt;</td><td>1,000.0 Mcal</td><td>100.00%</td></tr></table>"
    )


def test_balance_default_findings_empty():
    assert building.Balance(Q_(1, "kWh"), {}, {}).findings == ()


# -- heat_balance -------------------------------------------------------------------------------


def test_heat_balance_by_fuel_and_by_use():
    # 3,000 Mcal gas + 1 Gcal LPG = 4,000 Mcal: gas 75 %; uses kitchen 1,000 (25 %), pool 3,000 (75 %)
    by_fuel, by_use = building.heat_balance(
        {"natural_gas": Q_(3_000, "Mcal"), "lpg": Q_(1, "Gcal")},
        {"kitchen": Q_(1_000_000, "kcal"), "pool": Q_(3_000, "Mcal")},
    )
    assert by_fuel.total.m == pytest.approx(4_000, rel=1e-12) and str(by_fuel.total.units) == "megacalorie"
    assert by_use.total.m == pytest.approx(4_000, rel=1e-12) and str(by_use.total.units) == "megacalorie"
    assert {k: v.m for k, v in by_fuel.parts.items()} == pytest.approx({"natural_gas": 3_000, "lpg": 1_000}, rel=1e-12)
    assert {k: v.m for k, v in by_use.parts.items()} == pytest.approx({"kitchen": 1_000, "pool": 3_000}, rel=1e-12)
    assert all(str(v.units) == "megacalorie" for v in [*by_fuel.parts.values(), *by_use.parts.values()])
    assert by_fuel.shares == pytest.approx({"natural_gas": 0.75, "lpg": 0.25}, rel=1e-12)
    assert by_use.shares == pytest.approx({"kitchen": 0.25, "pool": 0.75}, rel=1e-12)
    assert by_fuel.findings == () and by_use.findings == ()


def test_heat_balance_uses_short_of_the_fuels():
    # uses 600 of 1,000 Mcal: 60.00 %
    by_fuel, by_use = building.heat_balance({"diesel": Q_(1_000, "Mcal")}, {"rooms": Q_(600, "Mcal")})
    assert by_fuel.findings == ()
    assert by_use.shares == pytest.approx({"rooms": 0.6}, rel=1e-12)
    (f,) = by_use.findings
    _finding(
        f,
        "building.balance_mismatch",
        "error",
        "balance.heat.uses",
        "the heat use parts sum to 600.0 Mcal, not the total 1,000.0 Mcal (60.00%); the shares must sum to 100 %",
    )
    assert f.context == {"parts": 600.0, "total": 1_000.0}


def test_heat_balance_no_fuel_heat():
    _error(
        lambda: building.heat_balance({}, {"rooms": Q_(1, "Mcal")}),
        InvalidValueError,
        "the heat total must be positive for shares, got 0.0",
    )
    _error(
        lambda: building.heat_balance({"diesel": Q_(0, "Mcal")}, {}),
        InvalidValueError,
        "the heat total must be positive for shares, got 0.0",
    )


def test_heat_balance_unknown_use():
    _error(
        lambda: building.heat_balance({"diesel": Q_(1, "Mcal")}, {"garage": Q_(1, "Mcal")}),
        InvalidValueError,
        "uses: unknown 'garage'; the form lists rooms, sauna, pool, laundry, kitchen, disinfection, vehicles, "
        "generators, other",
    )


def test_heat_balance_argument_checks():
    _error(
        lambda: building.heat_balance({"diesel": Q_(-1, "Mcal")}, {}),
        InvalidValueError,
        f"fuels['diesel'] {NON_NEGATIVE} -1.0",
    )
    _error(
        lambda: building.heat_balance({"diesel": Q_(1, "Mcal")}, {"sauna": Q_(-2, "Mcal")}),
        InvalidValueError,
        f"uses['sauna'] {NON_NEGATIVE} -2.0",
    )
    _error(
        lambda: building.heat_balance({"diesel": Q_(1, "L")}, {}),
        UnitsError,
        "fuels['diesel'] must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to Mcal), "
        "got 1 l which is [length] ** 3",
    )


# -- peak_share ---------------------------------------------------------------------------------


def test_peak_share_arrays_and_units():
    # 表五之三: 300 kW ÷ 1,500 kW = 20 %, 450 ÷ 1,500 = 30 %
    r = building.peak_share(Q_([300.0, 450.0], "kW"), Q_(1.5, "MW"))
    assert r.m.tolist() == pytest.approx([0.2, 0.3], rel=1e-12)
    assert str(r.units) == "dimensionless"


def test_peak_share_zero_peak():
    _error(lambda: building.peak_share(Q_(1, "kW"), Q_(0, "kW")), InvalidValueError, "peak_demand must be positive")
    _error(
        lambda: building.peak_share(Q_(1, "kW"), Q_([1.0, 0.0], "kW")),
        InvalidValueError,
        "peak_demand must be positive",
    )


def test_peak_share_argument_checks():
    _error(lambda: building.peak_share(Q_(-1, "kW"), Q_(1, "kW")), InvalidValueError, f"power {NON_NEGATIVE} -1.0")
    _error(
        lambda: building.peak_share(Q_(1, "kW"), Q_(-1, "kW")),
        InvalidValueError,
        f"peak_demand {NON_NEGATIVE} -1.0",
    )
    _error(
        lambda: building.peak_share(Q_([1.0, 2.0], "kW"), Q_([1.0, 2.0, 3.0], "kW")),
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got power (2,), peak_demand (3,)",
    )


# -- tonnage_check ------------------------------------------------------------------------------


def test_tonnage_check_below_installed():
    ratio, findings = building.tonnage_check(Q_(2_000, "USRT"), Q_(1_500, "USRT"))
    assert ratio.m == 0.75 and str(ratio.units) == "dimensionless" and findings == []


def test_tonnage_check_equal_is_no_finding_above_is():
    ratio, findings = building.tonnage_check(Q_(1_000, "USRT"), Q_(1_000, "USRT"))
    assert ratio.m == 1.0 and findings == []
    above = np.nextafter(1_000.0, np.inf)
    ratio, findings = building.tonnage_check(Q_(1_000, "USRT"), Q_(above, "USRT"))
    assert len(findings) == 1
    _finding(
        findings[0],
        "building.tonnage_exceeds_installed",
        "error",
        "tonnage.summer_maximum",
        "summer-maximum running tonnage 1,000 RT exceeds the installed 1,000 RT",
    )


def test_tonnage_check_finding_message():
    # 1,200 RT ran of 1,000 installed: 120 %
    ratio, findings = building.tonnage_check(Q_(1_000, "USRT"), Q_(1_200, "USRT"))
    assert ratio.m == pytest.approx(1.2, rel=1e-12)
    assert [f.message for f in findings] == ["summer-maximum running tonnage 1,200 RT exceeds the installed 1,000 RT"]


def test_tonnage_check_converts_to_usrt():
    # 1 USRT = 3,024 kcal/h = 3,024 × 4.1868 ÷ 3,600 kW = 3.516912 kW: 703.3824 kW = 200 RT of 400
    ratio, findings = building.tonnage_check(Q_(400, "USRT"), Q_(703.3824, "kW"))
    assert ratio.m == pytest.approx(0.5, rel=1e-12) and findings == []


def test_tonnage_check_zero_installed_and_argument_checks():
    _error(
        lambda: building.tonnage_check(Q_(0, "USRT"), Q_(0, "USRT")),
        InvalidValueError,
        "installed tonnage must be positive",
    )
    _error(
        lambda: building.tonnage_check(Q_(-1, "USRT"), Q_(1, "USRT")),
        InvalidValueError,
        f"installed {NON_NEGATIVE} -1.0",
    )
    _error(
        lambda: building.tonnage_check(Q_(1, "USRT"), Q_(-1, "USRT")),
        InvalidValueError,
        f"summer_maximum {NON_NEGATIVE} -1.0",
    )
    _error(
        lambda: building.tonnage_check(Q_(1, "USRT"), Q_([1.0, 2.0], "USRT")),
        InvalidValueError,
        "summer_maximum must be a single value, got an array of shape (2,)",
    )


# -- system_utilisation -------------------------------------------------------------------------


def test_system_utilisation_same_unit():
    # 表九之四 註: 1,000 RT ÷ 2,000 RT = 50 %
    r = building.system_utilisation(Q_(1_000, "USRT"), Q_(2_000, "USRT"))
    assert r.m == 0.5 and str(r.units) == "dimensionless"


def test_system_utilisation_converts_the_mean_into_the_totals_unit():
    # 500 RT × 3.516912 kW/RT = 1,758.456 kW of 1,000 RT: 50 %
    r = building.system_utilisation(Q_(1_758.456, "kW"), Q_(1_000, "USRT"))
    assert r.m == pytest.approx(0.5, rel=1e-12)


def test_system_utilisation_mean_equal_to_total_and_just_above():
    assert building.system_utilisation(Q_([2.0, 1.0], "kW"), Q_([2.0, 2.0], "kW")).m.tolist() == [1.0, 0.5]
    above = np.nextafter(2.0, np.inf)
    _error(
        lambda: building.system_utilisation(Q_([1.0, above], "kW"), Q_([2.0, 2.0], "kW")),
        InvalidValueError,
        "mean_running_capacity must not exceed total_capacity",
    )


def test_system_utilisation_zero_total():
    _error(
        lambda: building.system_utilisation(Q_(0, "USRT"), Q_(0, "USRT")),
        InvalidValueError,
        "total_capacity must be positive",
    )
    _error(
        lambda: building.system_utilisation(Q_([0.0, 0.0], "kW"), Q_([1.0, 0.0], "kW")),
        InvalidValueError,
        "total_capacity must be positive",
    )


def test_system_utilisation_argument_checks():
    _error(
        lambda: building.system_utilisation(Q_(1, "kW"), 5),
        UnitsError,
        "total_capacity must be a Quantity of a capacity (USRT, kW ...), got bare int 5; "
        "give units, e.g. carbonaudit.Q_(5, ...)",
    )
    _error(
        lambda: building.system_utilisation(Q_(1, "kVA"), Q_(2, "kVA")),
        UnitsError,
        "total_capacity must be real power (kW), got kVA: apparent power (kVA) is not real power (kW); "
        "real power = apparent power × power factor",
    )
    _error(
        lambda: building.system_utilisation(Q_(1, "kW"), Q_(-2, "kW")),
        InvalidValueError,
        f"total_capacity {NON_NEGATIVE} -2.0",
    )
    _error(
        lambda: building.system_utilisation(Q_(-1, "kW"), Q_(2, "kW")),
        InvalidValueError,
        f"mean_running_capacity {NON_NEGATIVE} -1.0",
    )
    _error(
        lambda: building.system_utilisation(Q_(1, "m"), Q_(2, "kW")),
        UnitsError,
        "mean_running_capacity must be a Quantity of [mass] * [length] ** 2 / [time] ** 3 (convertible to kW), "
        "got 1 m which is [length]",
    )
    _error(
        lambda: building.system_utilisation(Q_([1.0, 2.0], "kW"), Q_([3.0, 3.0, 3.0], "kW")),
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got mean_running_capacity (2,), "
        "total_capacity (3,)",
    )


# -- running_time_share -------------------------------------------------------------------------


def test_running_time_share_divides_by_8760_hours():
    # 表九之四: 4,380 h ÷ 8,760 h = 50 %; 262,800 min = 4,380 h
    r = building.running_time_share(Q_(4_380, "h"))
    assert r.m == 0.5 and str(r.units) == "dimensionless"
    assert building.running_time_share(Q_(262_800, "min")).m == pytest.approx(0.5, rel=1e-12)
    assert building.running_time_share(Q_([0.0, 8_760.0], "h")).m.tolist() == [0.0, 1.0]


def test_running_time_share_leap_year_limit():
    # 366 × 24 = 8,784 h accepted (8,784 ÷ 8,760); anything above refused
    assert building.running_time_share(Q_(8_784, "h")).m == pytest.approx(8_784 / 8_760, rel=1e-12)
    above = np.nextafter(8_784.0, np.inf)
    _error(
        lambda: building.running_time_share(Q_(above, "h")),
        InvalidValueError,
        f"hours must not exceed 8,784 in a year, got {float(above)!r} h",
    )
    _error(
        lambda: building.running_time_share(Q_(8_785, "h")),
        InvalidValueError,
        "hours must not exceed 8,784 in a year, got 8785 h",
    )
    with pytest.raises(InvalidValueError, match=r"^hours must not exceed 8,784 in a year, got \[1\.0 8785\.0\] h$"):
        building.running_time_share(Q_([1.0, 8_785.0], "h"))


def test_running_time_share_argument_checks():
    _error(lambda: building.running_time_share(Q_(-1, "h")), InvalidValueError, f"hours {NON_NEGATIVE} -1.0")
    _error(
        lambda: building.running_time_share(Q_(1, "m")),
        UnitsError,
        "hours must be a Quantity of [time] (convertible to h), got 1 m which is [length]",
    )


# -- biomass_heat_share -------------------------------------------------------------------------


def test_biomass_heat_share_converts_units():
    # production-declaration-2018 表九之一: 1 Gcal ÷ 4,000 Mcal = 25 %; 250,000 kcal ÷ 1,000 Mcal = 25 %
    r = building.biomass_heat_share(Q_(1, "Gcal"), Q_(4_000, "Mcal"))
    assert r.m == pytest.approx(0.25, rel=1e-12) and str(r.units) == "dimensionless"
    assert building.biomass_heat_share(Q_(250_000, "kcal"), Q_(1_000, "Mcal")).m == pytest.approx(0.25, rel=1e-12)


def test_biomass_heat_share_equal_and_just_above():
    assert building.biomass_heat_share(Q_([4.0, 1.0], "Mcal"), Q_([4.0, 4.0], "Mcal")).m.tolist() == [1.0, 0.25]
    above = np.nextafter(4.0, np.inf)
    _error(
        lambda: building.biomass_heat_share(Q_([1.0, above], "Mcal"), Q_([4.0, 4.0], "Mcal")),
        InvalidValueError,
        "biomass_heat must not exceed total_heat",
    )


def test_biomass_heat_share_zero_total_and_argument_checks():
    _error(
        lambda: building.biomass_heat_share(Q_(0, "Mcal"), Q_(0, "Mcal")),
        InvalidValueError,
        "total_heat must be positive",
    )
    _error(
        lambda: building.biomass_heat_share(Q_([0.0, 0.0], "Mcal"), Q_([1.0, 0.0], "Mcal")),
        InvalidValueError,
        "total_heat must be positive",
    )
    _error(
        lambda: building.biomass_heat_share(Q_(-1, "Mcal"), Q_(1, "Mcal")),
        InvalidValueError,
        f"biomass_heat {NON_NEGATIVE} -1.0",
    )
    _error(
        lambda: building.biomass_heat_share(Q_(1, "Mcal"), Q_(-1, "Mcal")),
        InvalidValueError,
        f"total_heat {NON_NEGATIVE} -1.0",
    )
    _error(
        lambda: building.biomass_heat_share(Q_([1.0, 2.0], "Mcal"), Q_([3.0, 3.0, 3.0], "Mcal")),
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got biomass_heat (2,), total_heat (3,)",
    )


# -- check_steam_boiler ---------------------------------------------------------------------------

LIMITS = building.BoilerLimits(Q_(250, "degC"), Q_(6, "percent"))
TEMPS = Q_(np.full(12, 230.0), "degC")
O2 = np.full(12, 0.05)


def test_steam_boiler_all_within_limits():
    assert building.check_steam_boiler(TEMPS, O2, LIMITS) == []


def test_steam_boiler_findings_month_by_month_temperature_first():
    # month 3 at 260 degC > 250; month 3 and month 12 at 7 % O2 > 6 %
    t = np.full(12, 230.0)
    t[2] = 260.0
    o2 = np.full(12, 5.0)
    o2[2] = o2[11] = 7.0
    out = building.check_steam_boiler(Q_(t, "degC"), Q_(o2, "percent"), LIMITS)
    assert len(out) == 3
    _finding(
        out[0],
        "building.exhaust_temperature_high",
        "warning",
        "boiler.month_3.exhaust_temperature",
        "month 3: exhaust temperature 260.0 degC exceeds 250.0 degC; give the reason",
    )
    _finding(
        out[1],
        "building.exhaust_o2_high",
        "warning",
        "boiler.month_3.exhaust_o2",
        "month 3: exhaust O2 7.0% exceeds 6.0%; give the reason",
    )
    _finding(
        out[2],
        "building.exhaust_o2_high",
        "warning",
        "boiler.month_12.exhaust_o2",
        "month 12: exhaust O2 7.0% exceeds 6.0%; give the reason",
    )
    assert all(type(f) is Finding for f in out)


def test_steam_boiler_name_labels_the_paths():
    t = np.full(12, 230.0)
    t[0] = 300.0
    out = building.check_steam_boiler(Q_(t, "degC"), O2, LIMITS, name="B-2")
    assert [f.path for f in out] == ["B-2.month_1.exhaust_temperature"]


def test_steam_boiler_limits_are_exclusive():
    t = np.full(12, 250.0)
    o2 = np.full(12, 0.06)
    assert building.check_steam_boiler(Q_(t, "degC"), o2, LIMITS) == []
    t[11] = np.nextafter(250.0, np.inf)
    o2[0] = np.nextafter(0.06, 1.0)
    out = building.check_steam_boiler(Q_(t, "degC"), o2, LIMITS)
    assert [f.path for f in out] == ["boiler.month_1.exhaust_o2", "boiler.month_12.exhaust_temperature"]


def test_steam_boiler_negative_temperatures_are_temperatures():
    # −5 degC is a temperature, not a refused negative amount; 0 degC limit: months above it count
    t = np.full(12, -5.0)
    t[6] = 1.0
    out = building.check_steam_boiler(Q_(t, "degC"), O2, building.BoilerLimits(Q_(0, "degC"), 0.06))
    assert [f.message for f in out] == ["month 7: exhaust temperature 1.0 degC exceeds 0.0 degC; give the reason"]


def test_steam_boiler_limit_in_kelvin():
    out = building.check_steam_boiler(TEMPS, O2, building.BoilerLimits(Q_(473.15, "K"), 0.05))
    # 473.15 K = 200 degC: every month's 230 degC exceeds it; 0.05 O2 is at its limit
    assert len(out) == 12
    assert out[0].message == "month 1: exhaust temperature 230.0 degC exceeds 200.0 degC; give the reason"


def test_steam_boiler_series_of_the_wrong_length():
    _error(
        lambda: building.check_steam_boiler(Q_(np.full(11, 230.0), "degC"), O2, LIMITS),
        InvalidValueError,
        "exhaust_temperature must hold 12 monthly values January to December (shape (12,)), got 11",
    )
    _error(
        lambda: building.check_steam_boiler(Q_(230.0, "degC"), O2, LIMITS),
        InvalidValueError,
        "exhaust_temperature must hold 12 monthly values January to December (shape (12,)), got 1",
    )
    _error(
        lambda: building.check_steam_boiler(TEMPS, np.full(13, 0.05), LIMITS),
        InvalidValueError,
        "exhaust_o2 must hold 12 monthly values January to December (shape (12,)), got 13",
    )
    _error(
        lambda: building.check_steam_boiler(TEMPS, np.full((3, 4), 0.05), LIMITS),
        InvalidValueError,
        "exhaust_o2 must hold 12 monthly values January to December (shape (12,)), got an array of shape (3, 4)",
    )


def test_steam_boiler_o2_checks():
    o2 = np.full(12, 0.05)
    o2[2] = -0.01
    _error(
        lambda: building.check_steam_boiler(TEMPS, o2, LIMITS), InvalidValueError, f"exhaust_o2[2] {NON_NEGATIVE} -0.01"
    )
    _error(
        lambda: building.check_steam_boiler(TEMPS, "x", LIMITS),
        UnitsError,
        "exhaust_o2 must be a fraction (0.125) or a percent Quantity (Q_(12.5, 'percent')), got str 'x'",
    )


def test_steam_boiler_limit_checks():
    _error(
        lambda: building.check_steam_boiler(TEMPS, O2, building.BoilerLimits(Q_([250.0], "degC"), 0.06)),
        InvalidValueError,
        "limits.exhaust_temperature must be a single value, got an array of shape (1,)",
    )
    _error(
        lambda: building.check_steam_boiler(TEMPS, O2, building.BoilerLimits(250, 0.06)),
        UnitsError,
        "limits.exhaust_temperature must be a Quantity of [temperature] (e.g. °C), got bare int 250; "
        "give units, e.g. carbonaudit.Q_(250, ...)",
    )
    _error(
        lambda: building.check_steam_boiler(TEMPS, O2, building.BoilerLimits(Q_(250, "degC"), np.array([0.06]))),
        InvalidValueError,
        "limits.exhaust_o2 must be a single value (a fraction or a percent Quantity), got an array of shape (1,)",
    )
    _error(
        lambda: building.check_steam_boiler(TEMPS, O2, building.BoilerLimits(Q_(250, "degC"), "x")),
        UnitsError,
        "limits.exhaust_o2 must be a fraction (0.125) or a percent Quantity (Q_(12.5, 'percent')), got str 'x'",
    )
    _error(
        lambda: building.check_steam_boiler(TEMPS, O2, building.BoilerLimits(Q_(250, "degC"), -0.01)),
        InvalidValueError,
        f"limits.exhaust_o2 {NON_NEGATIVE} -0.01",
    )


def test_thermal_eui_names_the_fuel_whose_density_is_missing():
    # LPG is per litre in tw-2024 with no density: the message names fuels['LPG'], not to_kgoe's "amount"
    with pytest.raises(FactorNotFoundError) as info:
        building.thermal_eui({"LPG": Q_(1, "kg")}, Q_(1, "m**2"), factor_set="tw-2024")
    assert str(info.value).startswith("fuels['LPG'] is a mass (1 kg) but fuel 'lpg' (液化石油氣) has factors per L")
    with pytest.raises(FactorNotFoundError) as info:
        building.thermal_eui({"X99": Q_(1, "L")}, Q_(1, "m**2"), factor_set="tw-2024")
    assert str(info.value).startswith("fuel 'X99' is not in factor set 'tw-2024'")
