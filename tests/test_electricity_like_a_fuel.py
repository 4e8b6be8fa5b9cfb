"""Issue 15, point 2 (electricity like every fuel; year= never ignored) and the fuel-in-another-set hint.

Written as a user types the calls. Figures by hand from data/factors.yaml:

* grid factors (tw-grid-series, the tw-2024 and tw-2025 sets): 2023 0.494, 2024 0.474 kg CO2e/kWh;
  2013 0.522 (award-form-2015 附表2 註4); 2025 0.467 average, 0.466 industry, 0.471 residential
  (moeaea-grid-2025);
* diesel heat values: 8,629 kcal/L (113年, tw-energy-statistics-2024, tw-2024), 8,636 kcal/L (114年度,
  moenv-hv-2025, tw-2025); stationary CO2 74,100, CH4 3, N2O 0.6 kg/TJ (moenv-2024-ef, IPCC 2006
  Vol. 2 Table 2.2); AR5 GWP CH4 28, N2O 265; 1 kcal = 4.1868e-9 TJ.
"""

from __future__ import annotations

import pandas as pd
import pytest

from carbonaudit import Q_, emissions, factors, parse_unit
from carbonaudit.errors import FactorNotFoundError, InvalidValueError

TJ_PER_KCAL = 4.1868e-9
DIESEL_PER_L_AND_KCAL = TJ_PER_KCAL * (74_100 + 3 * 28 + 0.6 * 265)  # kg CO2e per kcal of diesel, stationary


# -- electricity through emissions.emissions ------------------------------------------------------


def test_a_years_bill_of_electricity_by_the_grid_factor() -> None:
    # 12,000 kWh x 0.494 kg/kWh (2023, tw-grid-series) = 5,928 kg CO2e
    r = emissions.emissions(Q_(12000, "kWh"), "electricity", year=2023)
    assert r.co2e.m_as("kg") == pytest.approx(5_928.0, rel=1e-12)
    assert (r.method, r.gwp, r.factor_set, r.fuel) == ("location", None, "tw-2024", "electricity")
    assert list(r.by_gas) == ["CO2e"] and r.factors[0].name == "grid_factors.2023"
    assert r == emissions.electricity(Q_(12000, "kWh"), 2023)


@pytest.mark.parametrize(
    ("amount", "fuel", "year", "kg"),
    [
        (Q_(12000, parse_unit("度")), "電力", 2024, 12_000 * 0.474),
        (Q_(12, "MWh"), "E01", 2013, 12_000 * 0.522),  # the series' first year
        (Q_(12000, "kWh"), "electricity", 2025, 12_000 * 0.467),  # 2025: the 'average' figure
    ],
)
def test_every_name_and_unit_of_electricity(amount, fuel, year, kg) -> None:  # type: ignore[no-untyped-def]
    r = emissions.emissions(amount, fuel, year=year)
    assert r.co2e.m_as("kg") == pytest.approx(kg, rel=1e-12)
    assert r == emissions.electricity(amount, year)


@pytest.mark.parametrize(("category", "per_kwh"), [("average", 0.467), ("industry", 0.466), ("residential", 0.471)])
def test_the_grid_category_of_2025(category: str, per_kwh: float) -> None:
    r = emissions.emissions(Q_(1000, "kWh"), "electricity", year=2025, grid_category=category)
    assert r.co2e.m_as("kg") == pytest.approx(1000 * per_kwh, rel=1e-12)
    assert r == emissions.electricity(Q_(1000, "kWh"), 2025, category=category)


def test_market_based_with_a_suppliers_factor() -> None:
    # 12,000 kWh x 0.25 kg/kWh = 3,000 kg; method="location" is the default's name ("auto" means it)
    r = emissions.emissions(
        Q_(12000, "kWh"), "electricity", year=2025, method="market", supplier_factor=Q_(0.25, "kg/kWh")
    )
    assert r.co2e.m_as("kg") == pytest.approx(3_000.0, rel=1e-12) and r.method == "market"
    assert r == emissions.electricity(Q_(12000, "kWh"), 2025, method="market", supplier_factor=Q_(0.25, "kg/kWh"))
    located = emissions.emissions(Q_(12000, "kWh"), "electricity", year=2025, method="location")
    assert located == emissions.emissions(Q_(12000, "kWh"), "electricity", year=2025)
    # the set's own supplier factor, no year needed: 1,000 kWh x 0.1 = 100 kg
    mine = factors.load().with_overrides(supplier_factor=Q_(0.1, "kg/kWh"))
    assert emissions.emissions(Q_(1000, "kWh"), "electricity", mine, method="market").co2e.m_as("kg") == pytest.approx(
        100.0, rel=1e-12
    )


def test_electricity_without_a_year_is_not_another_years() -> None:
    with pytest.raises(FactorNotFoundError) as info:
        emissions.emissions(Q_(12000, "kWh"), "electricity")
    assert str(info.value) == (
        "location-based electricity emissions need the year of the grid factor; pass year=... (an AD year, e.g. "
        "year=2024)"
    )
    assert info.value.for_cli() == (
        "location-based electricity emissions need the year of the grid factor; give --year YEAR (e.g. --year 2024)"
    )


def test_the_award_sets_own_per_kwh_factor_without_a_year() -> None:
    # award-form-2015 附表2 row 55: 0.522 kg CO2/kWh, the set's own figure; with a year, the grid's of that year
    own = emissions.emissions(Q_(1000, "kWh"), "electricity", "ntpc-award-2015")
    assert (own.co2e.m_as("kg"), own.method, list(own.by_gas)) == (
        pytest.approx(522.0, rel=1e-12),
        "recommended",
        ["CO2"],
    )
    by_year = emissions.emissions(Q_(1000, "kWh"), "electricity", "ntpc-award-2015", year=2013)
    assert by_year == emissions.electricity(Q_(1000, "kWh"), 2013, "ntpc-award-2015")
    assert by_year.co2e.m_as("kg") == pytest.approx(522.0, rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"method": "heat_value"},
            "method 'heat_value' is a fuel's CO2 method; electricity ('electricity') has no heat value to burn: pass "
            "method='location' (the grid factor of the year) or 'market' (a supplier's factor)",
        ),
        (
            {"method": "recommended"},
            "method 'recommended' is a fuel's CO2 method; this set's electricity ('electricity') has no per-kWh "
            "factor of its own: pass method='location' (the grid factor of the year) or 'market'",
        ),
        ({"gwp": "AR6"}, "gwp='AR6' is not for electricity: the grid's and a supplier's factors are CO2e already"),
        (
            {"use": "mobile"},
            "use='mobile' is not for electricity: electricity takes use='stationary' only (per-TJ factors are of fuels)",
        ),
        (
            {"supplier_factor": Q_(0.3, "kg/kWh")},
            "supplier_factor is for market-based emissions: pass method='market' to use it, or leave it out for the "
            "location-based figure (the grid factor of the year)",
        ),
        (
            {"grid_category": "farm"},
            "grid_category must be one of 'average', 'industry', 'residential' (the grid factor's category), got "
            "str 'farm'",
        ),
    ],
)
def test_what_electricity_does_not_take_is_refused(kwargs, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidValueError) as info:
        emissions.emissions(Q_(1000, "kWh"), "electricity", year=2024, **kwargs)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"method": "market"},
            "method 'market' is electricity's (location- or market-based); fuel 'diesel' takes 'auto', "
            "'recommended' or 'heat_value'",
        ),
        (
            {"method": "location"},
            "method 'location' is electricity's (location- or market-based); fuel 'diesel' takes 'auto', "
            "'recommended' or 'heat_value'",
        ),
        ({"supplier_factor": Q_(0.3, "kg/kWh")}, "supplier_factor is for electricity, not fuel 'diesel': leave it out"),
        ({"grid_category": "industry"}, "grid_category is for electricity, not fuel 'diesel': leave it out"),
        (
            {"method": "x"},
            "method must be 'auto', 'recommended' or 'heat_value' (a fuel's CO2), or 'location' or 'market' "
            "(electricity), got 'x'",
        ),
    ],
)
def test_what_a_fuel_does_not_take_is_refused(kwargs, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidValueError) as info:
        emissions.emissions(Q_(1000, "L"), "diesel", year=2024, **kwargs)
    assert str(info.value) == message


# -- year= with a factor set: used, or refused by name ----------------------------------------------


@pytest.mark.parametrize(
    ("set_id", "year", "heat"),
    [
        ("tw-2024", 2013, 8_629),  # tw-2024's first activity year
        ("tw-2024", 2024, 8_629),  # and its last
        ("tw-2024", 2012, 8_629),  # a year before every set: tw-2024, as factors.for_year(2012)
        ("tw-2025", 2025, 8_636),  # tw-2025's one year
        ("ntpc-award-2015", 2024, None),  # an undated set (the form's own): any year
    ],
)
def test_a_year_the_set_holds_is_used(set_id: str, year: int, heat: float | None) -> None:
    r = emissions.emissions(Q_(1000, "L"), "diesel", set_id, year=year)
    assert r.factor_set == set_id
    if heat is not None:  # 1,000 L x heat [kcal/L] x kg CO2e per kcal
        assert r.co2e.m_as("kg") == pytest.approx(1000 * heat * DIESEL_PER_L_AND_KCAL, rel=1e-12)
        assert r == emissions.emissions(Q_(1000, "L"), "diesel", year=year)  # the set year= chooses alone
    else:  # award-form-2015 附表2: 2.61 kg/L
        assert r.co2e.m_as("kg") == pytest.approx(2_610.0, rel=1e-12)


@pytest.mark.parametrize(
    ("set_id", "year", "said", "other"),
    [
        ("tw-2025", 2024, "activity year 2025, not 2024", "tw-2024"),
        ("tw-2024", 2025, "activity years 2013-2024, not 2025", "tw-2025"),
    ],
)
def test_a_year_outside_the_given_set_is_refused(set_id: str, year: int, said: str, other: str) -> None:
    with pytest.raises(FactorNotFoundError) as info:
        emissions.emissions(Q_(1000, "L"), "diesel", set_id, year=year)
    head = f"factor set {set_id!r} holds the fuel values of {said}: the set of {year} is {other!r}; "
    assert str(info.value) == head + f"pass factor_set={other!r}, or leave factor_set out and year={year} chooses it"
    assert info.value.for_cli() == head + f"give --set {other}, or leave --set out and --year {year} chooses it"


def test_a_year_after_every_set_says_how_to_estimate() -> None:
    with pytest.raises(FactorNotFoundError) as info:
        emissions.emissions(Q_(1000, "L"), "diesel", "tw-2025", year=2026)
    head = (
        "factor set 'tw-2025' holds the fuel values of activity year 2025, not 2026; no shipped set is for 2026 yet "
        "(its factors are not announced)"
    )
    assert str(info.value) == head + (
        "; to estimate with the newest values marked provisional, pass factor_set=factors.for_year(2026, "
        "provisional=True)"
    )
    assert info.value.for_cli() == head + (
        "; to estimate with the newest values marked provisional, leave --set out and give --provisional"
    )
    # the provisional set is for 2026 (8,636 kcal/L standing in), and for 2026 only
    provisional = factors.for_year(2026, provisional=True)
    r = emissions.emissions(Q_(1000, "L"), "diesel", provisional, year=2026)
    assert r.co2e.m_as("kg") == pytest.approx(1000 * 8_636 * DIESEL_PER_L_AND_KCAL, rel=1e-12)
    with pytest.raises(FactorNotFoundError, match="holds the fuel values of activity year 2026, not 2025"):
        emissions.emissions(Q_(1000, "L"), "diesel", provisional, year=2025)


def test_a_user_override_of_a_dated_set_keeps_its_years() -> None:
    mine = factors.load("tw-2025").with_overrides(heat_values={"diesel": Q_(8_700, "kcal/L")})
    r = emissions.emissions(Q_(1000, "L"), "diesel", mine, year=2025)
    assert r.co2e.m_as("kg") == pytest.approx(1000 * 8_700 * DIESEL_PER_L_AND_KCAL, rel=1e-12)
    with pytest.raises(FactorNotFoundError, match="^factor set 'tw-2025\\+user' holds the fuel values"):
        emissions.emissions(Q_(1000, "L"), "diesel", mine, year=2024)


def test_electricity_takes_the_grid_factor_of_the_year_from_the_set_given() -> None:
    # a set's grid series is not of its activity years only: tw-2025 holds 2013-2025, so 2023 is 0.494 there too
    r = emissions.emissions(Q_(12000, "kWh"), "electricity", "tw-2025", year=2023)
    assert r.co2e.m_as("kg") == pytest.approx(5_928.0, rel=1e-12) and r.factor_set == "tw-2025"
    assert emissions.electricity(Q_(12000, "kWh"), 2023, "tw-2025") == r
    # a year the series lacks is refused, in both dialects: tw-2024 has no 2025 figure
    with pytest.raises(FactorNotFoundError) as info:
        emissions.emissions(Q_(12000, "kWh"), "electricity", "tw-2024", year=2025)
    head = (
        "factor set 'tw-2024' has no grid factor for 2025 (it has: 2013, 2015, 2016, 2017, 2018, 2019, 2020, 2021, "
        "2022, 2023, 2024)"
    )
    assert str(info.value) == head + "; use another set or with_overrides(grid_factors={...})"
    assert info.value.for_cli() == head + (
        "; give the grid factor of 2025 with --grid-factor QUANTITY (e.g. --grid-factor '0.494 kg/kWh'), "
        "or another set with --set ID"
    )
    # the CLI's --grid-factor: the year's figure replaced, location-based, traced as the user's
    mine = factors.load("tw-2024").with_overrides(grid_factors={2025: Q_(0.46, "kg/kWh")})
    overridden = emissions.emissions(Q_(12000, "kWh"), "electricity", mine, year=2025)
    assert overridden.co2e.m_as("kg") == pytest.approx(12_000 * 0.46, rel=1e-12)
    assert overridden.factors[0].status == "user"


def test_a_frame_refuses_a_fuel_row_of_another_year_than_the_set_given() -> None:
    rows = pd.DataFrame(
        {"fuel": ["diesel", "electricity"], "amount": [1000.0, 12000.0], "unit": ["L", "kWh"], "year": [2025, 2023]}
    )
    # tw-2025: the 2025 diesel row by its values, the 2023 electricity row by 2023's grid factor
    out = emissions.frame(rows, "tw-2025")
    assert out["CO2e_kg"].tolist() == pytest.approx([1000 * 8_636 * DIESEL_PER_L_AND_KCAL, 12_000 * 0.494], rel=1e-12)
    with pytest.raises(FactorNotFoundError) as info:
        emissions.frame(rows.assign(year=[2024, 2023]), "tw-2025")
    assert info.value.for_cli() == (
        "df row 0 (fuel='diesel', unit='L', year=2024): factor set 'tw-2025' holds the fuel values of activity year "
        "2025, not 2024: the set of 2024 is 'tw-2024'; give --set tw-2024, or leave --set out and --year 2024 "
        "chooses it"
    )


# -- a fuel the set does not have ------------------------------------------------------------------


@pytest.mark.parametrize(("fuel", "found"), [("焦炭", "coke, 焦炭"), ("kerosene", "kerosene, 煤油")])
def test_a_fuel_only_another_shipped_set_has_names_that_set(fuel: str, found: str) -> None:
    with pytest.raises(FactorNotFoundError) as info:
        emissions.emissions(Q_(1, "t"), fuel)
    head = f"fuel {fuel!r} is not in factor set 'tw-2025'; the shipped set 'ntpc-award-2015' ({found}) has it; "
    assert str(info.value) == head + "pass factor_set='ntpc-award-2015'"
    assert info.value.for_cli() == head + "give --set ntpc-award-2015"


def test_a_fuel_no_set_has_suggests_close_names() -> None:
    with pytest.raises(FactorNotFoundError) as info:
        factors.load("tw-2024").fuel("diesl")
    assert str(info.value) == (
        "fuel 'diesl' is not in factor set 'tw-2024'; did you mean 'diesel'? (see carbonaudit factors show tw-2024)"
    )
