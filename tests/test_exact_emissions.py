"""carbonaudit.emissions, field by field: every message written out, every returned field exact.

The fuel conversions behind these (density, heat value, per-TJ factor look-ups) are tested in
tests/test_convert.py; here: what emissions.py itself adds (CO2e and GWP traces, notes, the
EmissionResult views, electricity, and the DataFrame batch path). Numbers are worked by hand:

* ntpc-award-2015 (award-form-2015 附表2): diesel 2.61 kg CO2/L recommended, 8,400 kcal/L, 74,100 kg CO2/TJ;
  electricity 0.522 kg CO2/kWh (102年, 附表2 註4).
* tw-2024: diesel 8,629 kcal/L (能源署 113年 能源統計); per TJ (環境部 113/2/5 公告 排放係數表, IPCC 2006
  Vol. 2 Tables 2.2, 3.2.1/3.2.2): stationary CO2 74,100, CH4 3, N2O 0.6; mobile CO2 74,100, CH4 3.9,
  N2O 3.9; grid factor 2024 0.474 kg/kWh (電力排碳係數 series).
* GWP 100-year: AR4 (Table 2.14) CH4 25, N2O 298; AR5 (Table 8.A.1, as the MOENV announcement) CH4 28,
  N2O 265; AR6 (Table 7.SM.7) CH4 27.9, N2O 273.
* 1 kcal (IT) = 4,186.8 J, so 1 kcal = 4.1868e-9 TJ.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from carbonaudit import Q_, emissions, factors
from carbonaudit.errors import FactorNotFoundError, InvalidValueError, UnitsError

AWARD = factors.load("ntpc-award-2015")
CURRENT = factors.load("tw-2024")

TJ_PER_KCAL = 4.1868e-9
# award-form-2015: the registry entry of the New Taipei award forms, whose 附表2 gives the recommended
# factors and (註4) the 102年 grid factor; a trace cites it as the registry does.
AWARD_FORM = "award-form-2015"
# A trace cites "short title (date), table" of the sources registry:
MOENV_STATIONARY = "環境部 溫室氣體排放係數 公告 (2024-02-05), stationary combustion (IPCC 2006 Vol. 2 Table 2.2)"
MOENV = "環境部 溫室氣體排放係數 公告 (2024-02-05), 附表四"  # the AR5 GWPs of the announcement
GRID_SERIES = "電力排碳係數 歷年 (2025)"
HV_2024 = "113年 能源統計 熱值 (次級來源) (2024)"
AWARD_T2 = "104年度新北市服務業卓越節能獎 報名資料 (2015), 附表2"
AWARD_NOTE4 = "104年度新北市服務業卓越節能獎 報名資料 (2015), 附表2 註4"  # the 102年 grid factor
AWARD_NOTES = (
    "CH4: factor set 'ntpc-award-2015' has no CH4 factor for 'diesel' (stationary); not included",
    "N2O: factor set 'ntpc-award-2015' has no N2O factor for 'diesel' (stationary); not included",
)


def _fields(traces):  # type: ignore[no-untyped-def]
    return [(t.name, t.fuel, t.value, t.unit, t.status, t.source) for t in traces]


def _message(exc_type: type[Exception], call) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(exc_type) as info:
        call()
    assert type(info.value) is exc_type
    return str(info.value)


# -- co2 ----------------------------------------------------------------------------------------


def test_co2_is_in_kilograms_of_the_given_set():
    # 2 kL x 1,000 L/kL x 2.61 kg/L (附表2) = 5,220 kg; the default set (tw-2024) has no recommended factor
    out = emissions.co2(Q_(2, "kL"), "O05", AWARD)
    assert str(out.units) == "kilogram"
    assert out.m == pytest.approx(5220.0, rel=1e-12)


# -- emissions: fields, traces, gwp, notes ----------------------------------------------------------


def test_emissions_of_diesel_in_the_current_set_field_by_field():
    tj = 1000 * 8629 * TJ_PER_KCAL  # 1,000 L x 8,629 kcal/L = 0.036127897 TJ
    r = emissions.emissions(Q_(1000, "L"), "柴油", CURRENT)
    assert list(r.by_gas) == ["CO2", "CH4", "N2O"]
    assert {g: str(q.units) for g, q in r.by_gas.items()} == {"CO2": "kilogram", "CH4": "kilogram", "N2O": "kilogram"}
    assert r.by_gas["CO2"].m == pytest.approx(tj * 74_100, rel=1e-12)
    assert r.by_gas["CH4"].m == pytest.approx(tj * 3, rel=1e-12)
    assert r.by_gas["N2O"].m == pytest.approx(tj * 0.6, rel=1e-12)
    # CO2e = 74,100 + 3 x 28 + 0.6 x 265 = 74,343 kg per TJ
    assert str(r.co2e.units) == "kilogram"
    assert r.co2e.m == pytest.approx(tj * 74_343, rel=1e-12)
    assert (r.gwp, r.factor_set, r.fuel, r.method, r.notes) == ("AR5", "tw-2024", "diesel", "heat_value", ())
    # the heat value is traced once, though CO2, CH4 and N2O all use it; each gas's GWP follows its factor
    assert _fields(r.factors) == [
        ("heat_value", "diesel", 8629.0, "kcal/L", "secondary", "tw-energy-statistics-2024"),
        ("per_tj.stationary.CO2", "diesel", 74100.0, "kg/TJ", "official", "moenv-2024-ef"),
        ("gwp.AR5.CO2", None, 1.0, "dimensionless", "official", "moenv-2024-ef"),
        ("per_tj.stationary.CH4", "diesel", 3.0, "kg/TJ", "official", "moenv-2024-ef"),
        ("gwp.AR5.CH4", None, 28.0, "dimensionless", "official", "moenv-2024-ef"),
        ("per_tj.stationary.N2O", "diesel", 0.6, "kg/TJ", "official", "moenv-2024-ef"),
        ("gwp.AR5.N2O", None, 265.0, "dimensionless", "official", "moenv-2024-ef"),
    ]
    assert [t.citation for t in r.factors] == [HV_2024] + [MOENV_STATIONARY, MOENV] * 3


@pytest.mark.parametrize(
    ("gwp", "per_tj", "source"),
    [
        ("AR4", 74_100 + 3 * 25 + 0.6 * 298, "ipcc-ar4"),  # 74,353.8 kg CO2e/TJ
        ("AR5", 74_100 + 3 * 28 + 0.6 * 265, "moenv-2024-ef"),  # 74,343
        ("AR6", 74_100 + 3 * 27.9 + 0.6 * 273, "ipcc-ar6"),  # 74,347.5
    ],
)
def test_the_gwp_option_sets_the_values_the_name_and_the_traces(gwp, per_tj, source):  # type: ignore[no-untyped-def]
    tj = 1000 * 8629 * TJ_PER_KCAL
    r = emissions.emissions(Q_(1000, "L"), "diesel", CURRENT, gwp=gwp)
    assert r.co2e.m == pytest.approx(tj * per_tj, rel=1e-12)
    assert r.gwp == gwp
    assert [(t.name, t.source) for t in r.factors if t.name.startswith("gwp.")] == [
        (f"gwp.{gwp}.CO2", source),
        (f"gwp.{gwp}.CH4", source),
        (f"gwp.{gwp}.N2O", source),
    ]
    # the gases themselves do not depend on the GWP set
    assert r.by_gas["CH4"].m == pytest.approx(tj * 3, rel=1e-12)


def test_the_default_gwp_is_the_sets_own():
    # gwp=None takes the set's default_gwp (AR5) and names it: not None, not "gwp.None.CO2"
    r = emissions.emissions(Q_(1, "L"), "diesel", CURRENT, gwp=None)
    assert r.gwp == "AR5"
    assert [t.name for t in r.factors if t.fuel is None] == ["gwp.AR5.CO2", "gwp.AR5.CH4", "gwp.AR5.N2O"]


def test_an_unknown_or_empty_gwp_is_refused():
    unknown = _message(FactorNotFoundError, lambda: emissions.emissions(Q_(1, "L"), "diesel", CURRENT, gwp="AR9"))
    assert unknown == "GWP set 'AR9' is not available (have: AR4, AR5, AR6)"
    # "" is not taken for "the default" (emissions.py:255): gwp_value refuses it
    empty = _message(FactorNotFoundError, lambda: emissions.emissions(Q_(1, "L"), "diesel", CURRENT, gwp=""))
    assert empty == "gwp must be one of 'AR4', 'AR5', 'AR6' (or None for the set's own, 'AR5'), got str ''"


def test_the_award_set_auto_method_is_recommended_and_co2_only():
    # 1,000 L x 2.61 kg/L (附表2) = 2,610 kg; CO2 GWP 1
    r = emissions.emissions(Q_(1000, "L"), "diesel", AWARD)
    assert list(r.by_gas) == ["CO2"]
    assert r.by_gas["CO2"].m == pytest.approx(2610.0, rel=1e-12)
    assert r.co2e.m == pytest.approx(2610.0, rel=1e-12)
    assert (r.gwp, r.factor_set, r.fuel, r.method) == ("AR5", "ntpc-award-2015", "diesel", "recommended")
    assert r.notes == AWARD_NOTES
    assert _fields(r.factors) == [
        ("recommended", "diesel", 2.61, "kg/L", "official", AWARD_FORM),
        ("gwp.AR5.CO2", None, 1.0, "dimensionless", "official", "moenv-2024-ef"),
    ]


def test_the_method_option_reaches_co2():
    # heat value: 1,000 L x 8,400 kcal/L x 4.1868e-9 TJ/kcal x 74,100 kg/TJ = 2,606.031792 kg
    r = emissions.emissions(Q_(1000, "L"), "diesel", AWARD, method="heat_value")
    assert r.method == "heat_value"
    assert r.co2e.m == pytest.approx(1000 * 8400 * TJ_PER_KCAL * 74_100, rel=1e-12)


def test_a_use_the_set_has_no_ch4_n2o_for_is_noted_with_the_use():
    # 附表2 has no per-TJ factors for vehicles: CO2 still by the recommended 2.61 kg/L, CH4 and N2O noted
    r = emissions.emissions(Q_(1000, "L"), "diesel", AWARD, use="mobile")
    assert r.by_gas["CO2"].m == pytest.approx(2610.0, rel=1e-12)
    assert r.notes == (
        "CH4: factor set 'ntpc-award-2015' has no CH4 factor for 'diesel' (mobile); not included",
        "N2O: factor set 'ntpc-award-2015' has no N2O factor for 'diesel' (mobile); not included",
    )


def test_the_use_option_reaches_ch4_and_n2o():
    tj = 200 * 8629 * TJ_PER_KCAL  # 200 L of diesel in vehicles: CH4 and N2O 3.9 kg/TJ each
    r = emissions.emissions(Q_(200, "L"), "diesel", CURRENT, use="mobile")
    assert r.by_gas["CH4"].m == pytest.approx(tj * 3.9, rel=1e-12)
    assert r.by_gas["N2O"].m == pytest.approx(tj * 3.9, rel=1e-12)
    # 74,100 + 3.9 x 28 + 3.9 x 265 = 75,242.7 kg CO2e per TJ
    assert r.co2e.m == pytest.approx(tj * 75_242.7, rel=1e-12)
    assert [t.name for t in r.factors if t.fuel] == [
        "heat_value",
        "per_tj.mobile.CO2",
        "per_tj.mobile.CH4",
        "per_tj.mobile.N2O",
    ]


def test_recommended_co2_with_heat_value_ch4_and_n2o():
    # The award diesel (2.61 kg/L recommended, 8,400 kcal/L) given the MOENV stationary CH4/N2O factors:
    # CO2 by the recommended factor, CH4 and N2O always by the heat value, whatever the method.
    fuel = AWARD.fuel("diesel").model_copy(update={"per_tj": CURRENT.fuel("diesel").per_tj})
    tj = 1000 * 8400 * TJ_PER_KCAL  # 0.0351691 TJ
    for method in ("auto", "recommended"):
        r = emissions.emissions(Q_(1000, "L"), fuel, AWARD, method=method)
        assert r.method == "recommended"
        assert r.by_gas["CO2"].m == pytest.approx(2610.0, rel=1e-12)
        assert r.by_gas["CH4"].m == pytest.approx(tj * 3, rel=1e-12)
        assert r.by_gas["N2O"].m == pytest.approx(tj * 0.6, rel=1e-12)
        assert r.co2e.m == pytest.approx(2610.0 + tj * (3 * 28 + 0.6 * 265), rel=1e-12)
        assert r.notes == ()


def test_array_amounts_give_arrays():
    # [1,000, 2,000] L x 2.61 kg/L
    r = emissions.emissions(Q_([1000.0, 2000.0], "L"), "diesel", AWARD)
    np.testing.assert_allclose(r.co2e.m, [2610.0, 5220.0], rtol=1e-12)
    np.testing.assert_allclose(r.by_gas["CO2"].m, [2610.0, 5220.0], rtol=1e-12)


# -- EmissionResult views ---------------------------------------------------------------------------


def test_repr_of_a_scalar_and_an_array_result():
    r = emissions.emissions(Q_(1000, "L"), "diesel", AWARD)
    assert repr(r) == (
        "EmissionResult(co2e=2,610 kg, CO2=2,610 kg; fuel='diesel', method='recommended', gwp='AR5', "
        "factor_set='ntpc-award-2015', 2 factor values)"
    )
    arr = emissions.emissions(Q_([1000.0, 2000.0], "L"), "diesel", AWARD)  # 2,610 + 5,220 = 7,830
    assert repr(arr) == (
        "EmissionResult(co2e=array(shape=(2,), sum=7,830) kg, CO2=array(shape=(2,), sum=7,830) kg; "
        "fuel='diesel', method='recommended', gwp='AR5', factor_set='ntpc-award-2015', 2 factor values)"
    )
    grid = emissions.electricity(Q_(1000, "kWh"), 2013, AWARD)  # 1,000 kWh x 0.522
    assert repr(grid) == (
        "EmissionResult(co2e=522 kg, CO2e=522 kg; fuel='electricity', method='location', gwp=None, "
        "factor_set='ntpc-award-2015', 1 factor value)"
    )


def test_html_with_notes():
    r = emissions.emissions(Q_(1000, "L"), "diesel", AWARD)
    assert r._repr_html_() == (
        "<b>EmissionResult</b> diesel (recommended, GWP AR5, set ntpc-award-2015)"
        "<table><tr><th>gas</th><th>amount</th></tr><tr><td>CO2</td><td>2,610 kg</td></tr>"
        "<tr><th>CO2e</th><th>2,610 kg</th></tr></table>"
        "<details><summary>factors</summary><ul>"
        f"<li>diesel recommended = 2.61 kg/L [official; {AWARD_T2}]</li>"
        f"<li>gwp.AR5.CO2 = 1 dimensionless [official; {MOENV}]</li>"
        "</ul></details>"
        "<ul><li>CH4: factor set &#x27;ntpc-award-2015&#x27; has no CH4 factor for &#x27;diesel&#x27; (stationary); "
        "not included</li>"
        "<li>N2O: factor set &#x27;ntpc-award-2015&#x27; has no N2O factor for &#x27;diesel&#x27; (stationary); "
        "not included</li></ul>"
    )


def test_html_without_notes():
    r = emissions.electricity(Q_(1000, "kWh"), factor_set="tw-2024", method="market", supplier_factor=Q_(0.3, "kg/kWh"))
    assert r._repr_html_() == (
        "<b>EmissionResult</b> electricity (market, GWP None, set tw-2024)"
        "<table><tr><th>gas</th><th>amount</th></tr><tr><td>CO2e</td><td>300 kg</td></tr>"
        "<tr><th>CO2e</th><th>300 kg</th></tr></table>"
        "<details><summary>factors</summary><ul>"
        "<li>supplier_factor = 0.3 kg/kWh [user; supplied by the caller]</li>"
        "</ul></details>"
    )


def test_to_frame_columns_and_values():
    tj = 1000 * 8629 * TJ_PER_KCAL
    fuel = emissions.emissions(Q_(1000, "L"), "diesel", CURRENT).to_frame()
    assert list(fuel.columns) == ["CO2", "CH4", "N2O", "CO2e"]
    assert fuel.iloc[0].tolist() == pytest.approx([tj * 74_100, tj * 3, tj * 0.6, tj * 74_343], rel=1e-12)
    assert len(fuel) == 1
    # electricity: by_gas has CO2e already; one column, not two
    grid = emissions.electricity(Q_([1.0, 2.0], "MWh"), 2024, CURRENT).to_frame()
    assert list(grid.columns) == ["CO2e"]
    assert grid["CO2e"].tolist() == pytest.approx([474.0, 948.0], rel=1e-12)  # x 0.474 kg/kWh


def test_model_dump_of_a_scalar_and_an_array():
    r = emissions.emissions(Q_(1000, "L"), "diesel", AWARD)
    dumped = r.model_dump()
    assert dumped == {
        "co2e": {"value": pytest.approx(2610.0, rel=1e-12), "unit": "kg"},
        "by_gas": {"CO2": {"value": pytest.approx(2610.0, rel=1e-12), "unit": "kg"}},
        "gwp": "AR5",
        "factor_set": "ntpc-award-2015",
        "fuel": "diesel",
        "method": "recommended",
        "factors": [
            {
                "name": "recommended",
                "fuel": "diesel",
                "value": 2.61,
                "unit": "kg/L",
                "status": "official",
                "source": AWARD_FORM,
                "citation": AWARD_T2,
                "note": None,
            },
            {
                "name": "gwp.AR5.CO2",
                "fuel": None,
                "value": 1.0,
                "unit": "dimensionless",
                "status": "official",
                "source": "moenv-2024-ef",
                "citation": MOENV,
                "note": None,
            },
        ],
        "notes": list(AWARD_NOTES),
    }
    assert type(dumped["co2e"]["value"]) is float
    arr = emissions.emissions(Q_([1000.0, 0.0], "L"), "diesel", AWARD).model_dump()
    assert arr["co2e"] == {"value": [pytest.approx(2610.0, rel=1e-12), 0.0], "unit": "kg"}
    assert type(arr["co2e"]["value"]) is list


# -- electricity -------------------------------------------------------------------------------------


def test_location_based_field_by_field():
    # 1 MWh = 1,000 kWh x 0.522 kg/kWh (附表2 註4, 102年) = 522 kg, in the set asked for
    r = emissions.electricity(Q_(1, "MWh"), 2013, AWARD)
    assert str(r.co2e.units) == "kilogram"
    assert r.co2e.m == pytest.approx(522.0, rel=1e-12)
    assert list(r.by_gas) == ["CO2e"]
    assert r.by_gas["CO2e"].m == pytest.approx(522.0, rel=1e-12)
    assert str(r.by_gas["CO2e"].units) == "kilogram"
    assert (r.gwp, r.factor_set, r.fuel, r.method, r.notes) == (None, "ntpc-award-2015", "electricity", "location", ())
    assert _fields(r.factors) == [("grid_factors.2013", None, 0.522, "kg/kWh", "official", AWARD_FORM)]
    assert r.factors[0].citation == AWARD_NOTE4


def test_location_based_uses_the_sets_grid_factor_of_the_year():
    # a user grid factor of 500 g/kWh = 0.5 kg/kWh for 2024 (not the shipped 0.474): 2,000 kWh -> 1,000 kg
    fs = CURRENT.with_overrides(grid_factors={2024: Q_(500, "g/kWh")})
    r = emissions.electricity(Q_(2000, "kWh"), year=2024, factor_set=fs)
    assert r.co2e.m == pytest.approx(1000.0, rel=1e-12)
    assert r.factor_set == "tw-2024+user"
    assert _fields(r.factors) == [("grid_factors.2024", None, 0.5, "kg/kWh", "user", "user")]
    # the shipped series: 2,000 kWh x 0.474 = 948 kg, traced to its source
    shipped = emissions.electricity(Q_(2000, "kWh"), 2024, CURRENT)
    assert shipped.co2e.m == pytest.approx(948.0, rel=1e-12)
    assert shipped.factors[0].citation == GRID_SERIES


def test_location_based_needs_a_year():
    with pytest.raises(FactorNotFoundError) as info:
        emissions.electricity(Q_(1, "kWh"), None, CURRENT)
    said = "location-based electricity emissions need the year of the grid factor; "
    assert str(info.value) == said + "pass year=... (an AD year, e.g. year=2024)"
    assert info.value.for_cli() == said + "give --year YEAR (e.g. --year 2024)"
    # emissions.emissions takes no other year in its stead either
    with pytest.raises(FactorNotFoundError) as info:
        emissions.emissions(Q_(1, "kWh"), "electricity", CURRENT)
    assert str(info.value) == said + "pass year=... (an AD year, e.g. year=2024)"


def test_market_based_with_a_supplier_factor_field_by_field():
    # 300 g/kWh = 0.3 kg/kWh; 1,000 kWh x 0.3 = 300 kg
    r = emissions.electricity(Q_(1000, "kWh"), factor_set=CURRENT, method="market", supplier_factor=Q_(300, "g/kWh"))
    assert str(r.co2e.units) == "kilogram"
    assert r.co2e.m == pytest.approx(300.0, rel=1e-12)
    assert list(r.by_gas) == ["CO2e"]
    assert r.by_gas["CO2e"].m == pytest.approx(300.0, rel=1e-12)
    assert str(r.by_gas["CO2e"].units) == "kilogram"
    assert (r.gwp, r.factor_set, r.fuel, r.method, r.notes) == (None, "tw-2024", "electricity", "market", ())
    assert [t.model_dump() for t in r.factors] == [
        {
            "name": "supplier_factor",
            "fuel": None,
            "value": pytest.approx(0.3, rel=1e-12),
            "unit": "kg/kWh",
            "status": "user",
            "source": "user",
            "citation": "supplied by the caller",
            "note": None,
        }
    ]


def test_market_based_with_the_sets_supplier_factor():
    fs = AWARD.with_overrides(supplier_factor=Q_(0.25, "kg/kWh"))
    r = emissions.electricity(Q_(4000, "kWh"), factor_set=fs, method="market")  # 4,000 x 0.25 = 1,000 kg
    assert r.co2e.m == pytest.approx(1000.0, rel=1e-12)
    assert (r.factor_set, r.method, r.gwp) == ("ntpc-award-2015+user", "market", None)
    assert [t.model_dump() for t in r.factors] == [
        {
            "name": "supplier_factor",
            "fuel": None,
            "value": 0.25,
            "unit": "kg/kWh",
            "status": "user",
            "source": "user",
            "citation": "user override (FactorSet.with_overrides)",
            "note": None,
        }
    ]
    # a supplier factor given in the call wins over the set's: 4,000 x 0.1 = 400 kg
    given = emissions.electricity(Q_(4000, "kWh"), factor_set=fs, method="market", supplier_factor=Q_(0.1, "kg/kWh"))
    assert given.co2e.m == pytest.approx(400.0, rel=1e-12)
    assert given.factors[0].citation == "supplied by the caller"


def test_market_based_without_any_supplier_factor():
    message = _message(FactorNotFoundError, lambda: emissions.electricity(Q_(1, "kWh"), 2024, CURRENT, method="market"))
    assert message == (
        "market-based electricity needs the supplier's factor (kg CO2e/kWh); pass supplier_factor=Q_(..., 'kg/kWh'), "
        "or a set with one (factor_set.with_overrides(supplier_factor=...))"
    )


def test_a_supplier_factor_is_not_ignored_by_the_location_method():
    # 1,000 kWh with a supplier's 0.3 kg/kWh but the default method: not the grid's 474 kg in silence
    message = _message(
        InvalidValueError,
        lambda: emissions.electricity(Q_(1000, "kWh"), 2024, CURRENT, supplier_factor=Q_(0.3, "kg/kWh")),
    )
    assert message == (
        "supplier_factor is for market-based emissions: pass method='market' to use it, or leave it out for the "
        "location-based figure (the grid factor of the year)"
    )
    market = emissions.electricity(Q_(1000, "kWh"), 2024, CURRENT, method="market", supplier_factor=Q_(0.3, "kg/kWh"))
    assert market.co2e.m == pytest.approx(300.0, rel=1e-12)  # 1,000 kWh x 0.3 kg/kWh


def test_an_unknown_electricity_method():
    message = _message(
        InvalidValueError,
        lambda: emissions.electricity(Q_(1, "kWh"), 2024, CURRENT, method="residual"),  # type: ignore[arg-type]
    )
    assert message == "method must be 'location' or 'market', got 'residual'"


def test_the_default_electricity_method_is_location():
    # without method=: the grid factor of the year, 1,000 kWh x 0.474 kg/kWh (2024)
    r = emissions.electricity(Q_(1000, "kWh"), 2024, CURRENT)
    assert r.method == "location"
    assert r.co2e.m == pytest.approx(474.0, rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"amount": Q_(-1, "kWh")}, InvalidValueError, "amount must be a finite, non-negative number, got -1.0"),
        (
            {"amount": Q_(float("nan"), "kWh")},
            InvalidValueError,
            "amount must be a finite, non-negative number, got nan",
        ),
        (
            {"supplier_factor": Q_(-0.3, "kg/kWh")},
            InvalidValueError,
            "supplier_factor must be a finite, non-negative number, got -0.3",
        ),
        (
            {"supplier_factor": Q_([0.3, 0.4], "kg/kWh")},
            InvalidValueError,
            "supplier_factor must be a single value, got an array of shape (2,)",
        ),
    ],
)
def test_electricity_arguments_are_checked_by_name(kwargs, error, message):  # type: ignore[no-untyped-def]
    call = {"amount": Q_(1, "kWh"), "factor_set": CURRENT, "method": "market", "supplier_factor": Q_(0.3, "kg/kWh")}
    call.update(kwargs)
    assert _message(error, lambda: emissions.electricity(**call)) == message


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "amount",
            Q_(1, "L"),
            "amount must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to kWh), "
            "got 1 l which is [length] ** 3",
        ),
        (
            "supplier_factor",
            Q_(1, "L"),
            "supplier_factor must be a Quantity of [time] ** 2 / [length] ** 2 (convertible to kg / kWh), "
            "got 1 l which is [length] ** 3",
        ),
        (
            "amount",
            1000,
            "amount must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (e.g. kWh), got bare int 1000; "
            "give units, e.g. carbonaudit.Q_(1000, ...)",
        ),
    ],
)
def test_electricity_arguments_of_another_dimension_are_named(name, value, message):  # type: ignore[no-untyped-def]
    call = {"amount": Q_(1, "kWh"), "factor_set": CURRENT, "method": "market", "supplier_factor": Q_(0.3, "kg/kWh")}
    call[name] = value
    assert _message(UnitsError, lambda: emissions.electricity(**call)) == message


# -- frame: argument checks ----------------------------------------------------------------------


def _rows(**columns):  # type: ignore[no-untyped-def]
    base = {"fuel": ["diesel"], "unit": ["L"], "amount": [1000.0]}
    base.update(columns)
    return pd.DataFrame(base)


def test_frame_refuses_what_is_not_a_dataframe():
    message = _message(InvalidValueError, lambda: emissions.frame({"fuel": ["diesel"]}, CURRENT))  # type: ignore[arg-type]
    assert message == "df must be a pandas DataFrame, got dict"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("amount", "df has no amount column 'amount' (columns: fuel, unit); name it with amount=..."),
        ("unit", "df has no unit column 'unit' (columns: fuel, amount); name it with unit=..."),
        ("fuel", "df has no fuel column 'fuel' (columns: unit, amount); name it with fuel=..."),
    ],
)
def test_frame_names_a_missing_column(missing, message):  # type: ignore[no-untyped-def]
    df = _rows().drop(columns=[missing])
    assert _message(InvalidValueError, lambda: emissions.frame(df, CURRENT)) == message


def test_frame_takes_other_column_names():
    df = pd.DataFrame(
        {"f": ["diesel", "electricity"], "u": ["L", "kWh"], "qty": [1000.0, 1000.0], "purpose": ["mobile", None]}
    )
    df["ad"] = [2024, 2024]
    out = emissions.frame(df, CURRENT, amount="qty", unit="u", fuel="f", use="purpose", year="ad")
    tj = 1000 * 8629 * TJ_PER_KCAL
    assert out["CH4_kg"].iloc[0] == pytest.approx(tj * 3.9, rel=1e-12)  # mobile, from the "purpose" column
    assert out["CO2e_kg"].iloc[1] == pytest.approx(474.0, rel=1e-12)  # 1,000 kWh x 0.474 (2024, from "ad")
    names = {"amount": "qty", "unit": "u", "fuel": "f", "use": "purpose", "year": "ad"}
    message = _message(InvalidValueError, lambda: emissions.frame(df.assign(qty=[1.0, -2.0]), CURRENT, **names))
    assert message == "df['qty'] row 1: amount must be a finite, non-negative number, got -2.0"


@pytest.mark.parametrize("column", ["amount", "unit", "fuel", "use", "year"])
def test_frame_refuses_a_column_named_twice(column):  # type: ignore[no-untyped-def]
    df = pd.DataFrame([["diesel", "L", 1.0, "stationary", 2024]], columns=["fuel", "unit", "amount", "use", "year"])
    doubled = pd.concat([df, df[[column]]], axis=1)
    message = _message(InvalidValueError, lambda: emissions.frame(doubled, CURRENT))
    assert message == f"df has more than one column named {column!r}"


def test_frame_refuses_an_amount_column_that_is_not_numbers():
    df = _rows(qty=[True]).drop(columns=["amount"])
    message = _message(InvalidValueError, lambda: emissions.frame(df, CURRENT, amount="qty"))
    assert message == (
        "df['qty'] must hold numbers (an int or float column), got dtype bool; "
        "convert it first, e.g. pd.to_numeric(df['qty'])"
    )


@pytest.mark.parametrize("dtype", [np.int64, np.uint16, np.float32])
def test_frame_takes_int_unsigned_and_float_amounts(dtype):  # type: ignore[no-untyped-def]
    df = pd.DataFrame({"fuel": ["diesel"], "unit": ["kL"], "amount": np.array([2], dtype=dtype)})
    assert emissions.frame(df, AWARD)["CO2e_kg"].tolist() == pytest.approx([5220.0], rel=1e-12)  # 2,000 L x 2.61


def test_frame_names_a_negative_amount_by_row():
    df = pd.DataFrame({"fuel": ["diesel", "diesel"], "unit": ["L", "L"], "amount": [1.0, -5.0]}, index=[10, 11])
    message = _message(InvalidValueError, lambda: emissions.frame(df, CURRENT))
    assert message == "df['amount'] row 11: amount must be a finite, non-negative number, got -5.0"


def test_frame_checks_the_gwp_set_before_any_row():
    # with no rows at all, and with rows: the message is about the GWP set, not about a row
    empty = _rows().iloc[:0]
    assert _message(FactorNotFoundError, lambda: emissions.frame(empty, CURRENT, gwp="AR9")) == (
        "GWP set 'AR9' is not available (have: AR4, AR5, AR6)"
    )
    assert _message(FactorNotFoundError, lambda: emissions.frame(_rows(), CURRENT, gwp="AR9")) == (
        "GWP set 'AR9' is not available (have: AR4, AR5, AR6)"
    )


# -- frame: values, factor ids, attrs ----------------------------------------------------------------


def test_frame_values_ids_and_attrs_of_mixed_rows():
    fs = factors.load("tw-2024").model_copy()  # its own, empty cache
    df = pd.DataFrame(
        {
            "fuel": ["diesel", "柴油", "electricity", "diesel"],
            "unit": ["L", "L", "度", "L"],
            "use": ["stationary", "mobile", None, None],
            "amount": [1000.0, 500.0, 2000.0, 3000.0],
            "year": [2024, 2024, 2024, 2024],
        },
        index=["a", "b", "c", "d"],
    )
    df.attrs["site"] = "plant 1"
    out = emissions.frame(df, fs)
    tj = np.array([1000, 500, 0, 3000]) * 8629 * TJ_PER_KCAL
    # stationary: 74,100 / 3 / 0.6 kg per TJ, CO2e 74,343; mobile: 74,100 / 3.9 / 3.9, CO2e 75,242.7;
    # electricity: 2,000 kWh x 0.474 = 948 kg CO2e, no gas of its own (NaN)
    assert out["CO2_kg"].iloc[[0, 1, 3]].tolist() == pytest.approx((tj * 74_100)[[0, 1, 3]], rel=1e-12)
    assert out["CH4_kg"].iloc[[0, 1, 3]].tolist() == pytest.approx((tj * [3, 3.9, 0, 3])[[0, 1, 3]], rel=1e-12)
    assert out["N2O_kg"].iloc[[0, 1, 3]].tolist() == pytest.approx((tj * [0.6, 3.9, 0, 0.6])[[0, 1, 3]], rel=1e-12)
    assert out["CO2e_kg"].tolist() == pytest.approx(
        [tj[0] * 74_343, tj[1] * 75_242.7, 948.0, tj[3] * 74_343], rel=1e-12
    )
    assert all(math.isnan(out[c].iloc[2]) for c in ("CO2_kg", "CH4_kg", "N2O_kg"))
    assert all(out[c].dtype == np.float64 for c in emissions.FRAME_COLUMNS[:4])
    stationary = {
        gas: f"tw-2024:diesel.heat_value; tw-2024:diesel.per_tj.stationary.{gas}" for gas in ("CO2", "CH4", "N2O")
    }
    mobile = {gas: f"tw-2024:diesel.heat_value; tw-2024:diesel.per_tj.mobile.{gas}" for gas in ("CO2", "CH4", "N2O")}
    gwp_ids = "tw-2024:gwp.AR5.CO2; tw-2024:gwp.AR5.CH4; tw-2024:gwp.AR5.N2O"
    for gas in ("CO2", "CH4", "N2O"):
        assert out[f"{gas}_factors"].tolist() == [stationary[gas], mobile[gas], "", stationary[gas]]
    assert out["CO2e_factors"].tolist() == [gwp_ids, gwp_ids, "tw-2024:grid_factors.2024", gwp_ids]
    assert all(isinstance(out[c].dtype, pd.CategoricalDtype) for c in emissions.FRAME_COLUMNS[4:])
    assert list(out.columns) == [*df.columns, *emissions.FRAME_COLUMNS]
    assert list(out.index) == ["a", "b", "c", "d"]
    # attrs: the caller's own, the set, the GWP set, and each id's value with its source (not name, fuel)
    assert set(out.attrs) == {"site", "factor_set", "gwp", "factors"}
    assert (out.attrs["site"], out.attrs["factor_set"], out.attrs["gwp"]) == ("plant 1", "tw-2024", "AR5")
    assert sorted(out.attrs["factors"]) == sorted(
        {
            "tw-2024:diesel.heat_value",
            *(
                f"tw-2024:diesel.per_tj.{use}.{gas}"
                for use in ("stationary", "mobile")
                for gas in ("CO2", "CH4", "N2O")
            ),
            "tw-2024:gwp.AR5.CO2",
            "tw-2024:gwp.AR5.CH4",
            "tw-2024:gwp.AR5.N2O",
            "tw-2024:grid_factors.2024",
        }
    )
    assert out.attrs["factors"]["tw-2024:grid_factors.2024"] == {
        "value": 0.474,
        "unit": "kg/kWh",
        "status": "secondary",
        "source": "tw-grid-series",
        "citation": GRID_SERIES,
        "note": None,
    }
    assert out.attrs["factors"]["tw-2024:diesel.per_tj.mobile.CH4"] == {
        "value": 3.9,
        "unit": "kg/TJ",
        "status": "official",
        "source": "moenv-2024-ef",
        "citation": "環境部 溫室氣體排放係數 公告 (2024-02-05), mobile combustion (IPCC 2006 Vol. 2 Tables 3.2.1, 3.2.2)",
        "note": None,
    }
    # the same frame again on the same set (from its cache) gives the same table
    pd.testing.assert_frame_equal(emissions.frame(df, fs), out)


def test_frame_gwp_and_method_options():
    tj = 1000 * 8629 * TJ_PER_KCAL
    df = _rows()
    ar4 = emissions.frame(df, CURRENT, gwp="AR4")
    assert ar4["CO2e_kg"].iloc[0] == pytest.approx(tj * 74_353.8, rel=1e-12)  # 74,100 + 3 x 25 + 0.6 x 298
    assert ar4["CO2e_factors"].iloc[0] == "tw-2024:gwp.AR4.CO2; tw-2024:gwp.AR4.CH4; tw-2024:gwp.AR4.N2O"
    assert ar4.attrs["gwp"] == "AR4"
    # the same set, the default GWP again: not the AR4 values cached above
    assert emissions.frame(df, CURRENT)["CO2e_kg"].iloc[0] == pytest.approx(tj * 74_343, rel=1e-12)
    # method="heat_value" on the award set: 1,000 L x 8,400 kcal/L x 4.1868e-9 x 74,100 = 2,606.031792 kg
    hv = emissions.frame(df, AWARD, method="heat_value")
    assert hv["CO2e_kg"].iloc[0] == pytest.approx(1000 * 8400 * TJ_PER_KCAL * 74_100, rel=1e-12)
    assert (
        hv["CO2_factors"].iloc[0] == "ntpc-award-2015:diesel.heat_value; ntpc-award-2015:diesel.per_tj.stationary.CO2"
    )
    auto = emissions.frame(df, AWARD)
    assert auto["CO2e_kg"].iloc[0] == pytest.approx(2610.0, rel=1e-12)
    assert auto["CO2_factors"].iloc[0] == "ntpc-award-2015:diesel.recommended"
    assert auto["CO2e_factors"].iloc[0] == "ntpc-award-2015:gwp.AR5.CO2"
    assert (auto["CH4_factors"].iloc[0], auto["N2O_factors"].iloc[0]) == ("", "")


@pytest.mark.parametrize("use", [None, "", float("nan")])
def test_frame_empty_use_is_stationary(use):  # type: ignore[no-untyped-def]
    tj = 1000 * 8629 * TJ_PER_KCAL
    out = emissions.frame(_rows(use=pd.Series([use], dtype=object)), CURRENT)
    assert out["CH4_kg"].iloc[0] == pytest.approx(tj * 3, rel=1e-12)
    assert emissions.frame(_rows(), CURRENT)["CH4_kg"].iloc[0] == pytest.approx(tj * 3, rel=1e-12)  # no column


def test_frame_electricity_of_a_set_with_a_per_kwh_factor():
    # 附表2 has 0.522 kg/kWh for electricity itself: no year needed, traced as the fuel's recommended factor
    out = emissions.frame(pd.DataFrame({"fuel": ["電"], "unit": ["kWh"], "amount": [1000.0]}), AWARD)
    assert out["CO2e_kg"].iloc[0] == pytest.approx(522.0, rel=1e-12)
    assert out["CO2_factors"].iloc[0] == "ntpc-award-2015:electricity.recommended"


def test_frame_electricity_uses_the_frames_set():
    fs = CURRENT.with_overrides(grid_factors={2024: Q_(0.5, "kg/kWh")})
    out = emissions.frame(pd.DataFrame({"fuel": ["E01"], "unit": ["MWh"], "amount": [2.0], "year": [2024]}), fs)
    assert out["CO2e_kg"].iloc[0] == pytest.approx(1000.0, rel=1e-12)  # 2,000 kWh x 0.5
    assert out["CO2e_factors"].iloc[0] == "tw-2024+user:grid_factors.2024"


@pytest.mark.parametrize("year", ["2024", " 2024 ", 2024.0, np.int16(2024)])
def test_frame_years_that_are_whole_ad_years(year):  # type: ignore[no-untyped-def]
    df = pd.DataFrame(
        {"fuel": ["electricity"], "unit": ["kWh"], "amount": [1000.0], "year": pd.Series([year], dtype=object)}
    )
    assert emissions.frame(df, CURRENT)["CO2e_kg"].iloc[0] == pytest.approx(474.0, rel=1e-12)


# -- frame: errors of a row ----------------------------------------------------------------------


def test_frame_names_the_row_of_the_failing_combination():
    df = pd.DataFrame(
        {"fuel": ["diesel", "diesel", "unobtainium"], "amount": [1.0, 2.0, 1.0], "unit": ["L", "L", "kg"]},
        index=["x", "y", "z"],
    )
    message = _message(FactorNotFoundError, lambda: emissions.frame(df, CURRENT))
    assert message == (
        "df row 'z' (fuel='unobtainium', unit='kg'): fuel 'unobtainium' is not in factor set 'tw-2024' "
        "(see carbonaudit factors show tw-2024)"
    )


@pytest.mark.parametrize(
    ("columns", "kwargs", "error", "message"),
    [
        (
            {"fuel": [np.nan], "unit": ["L"]},
            {},
            FactorNotFoundError,
            "df row 0 (fuel=None, unit='L'): the fuel cell is empty",
        ),
        (
            {"f": ["diesel", None], "unit": ["L", "L"]},
            {"fuel": "f"},
            FactorNotFoundError,
            "df row 1 (f=None, unit='L'): the f cell is empty",
        ),
        (
            {"fuel": ["diesel"], "unit": [None]},
            {},
            UnitsError,
            "df row 0 (fuel='diesel', unit=None): the unit cell is empty",
        ),
        (
            {"fuel": ["electricity"], "unit": ["kWh"]},
            {},
            FactorNotFoundError,
            "df row 0 (fuel='electricity', unit='kWh'): electricity rows need an AD year in the 'year' column "
            "for the grid factor",
        ),
        (
            {"fuel": ["electricity"], "unit": ["kWh"], "ad": pd.Series([None], dtype=object)},
            {"year": "ad"},
            FactorNotFoundError,
            "df row 0 (fuel='electricity', unit='kWh', ad=None): electricity rows need an AD year in the 'ad' "
            "column for the grid factor",
        ),
        (
            {"fuel": ["electricity"], "unit": ["kWh"], "year": ["soon"]},
            {},
            InvalidValueError,
            "df row 0 (fuel='electricity', unit='kWh', year='soon'): the year cell must be an AD year, got 'soon'",
        ),
        (
            {"fuel": ["electricity"], "unit": ["kWh"], "year": [2024.5]},
            {},
            InvalidValueError,
            "df row 0 (fuel='electricity', unit='kWh', year=2024.5): the year cell must be a whole AD year, got 2024.5",
        ),
        (
            {"fuel": ["diesel"], "unit": ["kW"]},
            {},
            UnitsError,
            "df row 0 (fuel='diesel', unit='kW'): unit 'kW' ([mass] * [length] ** 2 / [time] ** 3) is not one "
            "fuel 'diesel' can take: L (its basis unit), a mass, a volume or an energy",
        ),
    ],
)
def test_frame_errors_of_a_row(columns, kwargs, error, message):  # type: ignore[no-untyped-def]
    df = pd.DataFrame({**columns, "amount": [1.0] * len(next(iter(columns.values())))})
    assert _message(error, lambda: emissions.frame(df, CURRENT, **kwargs)) == message


def test_frame_unit_error_of_a_fuel_without_a_basis_unit():
    # 附表2's wood has per-TJ factors only: no basis unit to name
    df = pd.DataFrame({"fuel": ["wood"], "unit": ["kW"], "amount": [1.0]})
    assert _message(UnitsError, lambda: emissions.frame(df, AWARD)) == (
        "df row 0 (fuel='wood', unit='kW'): unit 'kW' ([mass] * [length] ** 2 / [time] ** 3) is not one "
        "fuel 'wood' can take: an energy (TJ, kcal) only: it has no heat value"
    )


# -- results with several gases: every gas shown, CO2e once --------------------------------------------

# 1,000 L of diesel (tw-2024): 1,000 x 8,629 kcal x 4.1868e-9 TJ/kcal = 0.0361279 TJ;
# stationary CO2 74,100, CH4 3, N2O 0.6 kg/TJ; mobile CH4 3.9, N2O 3.9 kg/TJ (IPCC 2006 Tables 2.2, 3.2.1-2)
_TJ_1000L = 1000 * 8629 * TJ_PER_KCAL


def test_repr_and_html_show_every_gas():
    r = emissions.emissions(Q_(1000, "L"), "diesel", CURRENT)
    assert repr(r) == (
        "EmissionResult(co2e=2,685.86 kg, CO2=2,677.08 kg, CH4=0.108384 kg, N2O=0.0216767 kg; fuel='diesel', "
        "method='heat_value', gwp='AR5', factor_set='tw-2024', 7 factor values)"
    )
    assert (
        "<tr><td>CO2</td><td>2,677.08 kg</td></tr><tr><td>CH4</td><td>0.108384 kg</td></tr>"
        "<tr><td>N2O</td><td>0.0216767 kg</td></tr><tr><th>CO2e</th><th>2,685.86 kg</th></tr>"
    ) in r._repr_html_()


def test_to_frame_has_each_gas_and_co2e_once():
    frame = emissions.emissions(Q_([1000.0, 2000.0], "L"), "diesel", CURRENT).to_frame()
    assert list(frame.columns) == ["CO2", "CH4", "N2O", "CO2e"]
    co2e = _TJ_1000L * (74_100 + 3 * 28 + 0.6 * 265)  # AR5: CH4 28, N2O 265
    assert frame["CO2e"].tolist() == pytest.approx([co2e, 2 * co2e], rel=1e-12)
    # electricity's grid factor is already CO2e: one column, not two
    grid = emissions.electricity(Q_(1000, "kWh"), year=2024, factor_set=CURRENT).to_frame()
    assert list(grid.columns) == ["CO2e"] and grid["CO2e"].tolist() == pytest.approx([474.0], rel=1e-12)


def test_frame_rows_that_differ_only_in_use_are_computed_apart():
    # same fuel, unit and year, stationary and mobile: each row its own factors
    df = pd.DataFrame(
        {
            "fuel": ["diesel", "diesel"],
            "unit": ["L", "L"],
            "amount": [1000.0, 1000.0],
            "use": ["stationary", "mobile"],
            "year": [2024, 2024],
        }
    )
    out = emissions.frame(df, CURRENT)
    assert out["CH4_kg"].tolist() == pytest.approx([_TJ_1000L * 3, _TJ_1000L * 3.9], rel=1e-12)
    assert out["N2O_kg"].tolist() == pytest.approx([_TJ_1000L * 0.6, _TJ_1000L * 3.9], rel=1e-12)
