"""Factor vintages by activity year (issue 14): tw-2025, grid factors by category, NG1/NG2, LPG per kg,
fossil methane, provisional sets.

The published figures, by document (registry keys of ``data/factors.yaml``):

* moenv-hv-2025 (環境部氣候變遷署 115/2/10, 114年度 heat values, lower/net): diesel 8,636 kcal/L, motor
  gasoline 7,586 kcal/L, LPG 5,993 kcal/L and 10,972 kcal/kg, natural gas NG1 8,067 kcal/m³ (higher
  8,963), NG2 8,728 kcal/m³ (higher 9,698);
* moeaea-grid-2025 (經濟部能源署 115/6/2): 2025 grid factors 0.467 (全國公用售電, average), 0.466
  (industry), 0.471 (residential) kg CO2e/kWh; tw-grid-series: 2024 0.474 (one figure);
* moenv-2024-ef (環境部 113/2/5, 環部授氣字第1139101231號): per TJ, stationary diesel CO2 74,100, CH4 3,
  N2O 0.6; LPG 63,100 / 1 / 0.1; natural gas 56,100 / 1 / 0.1 kg/TJ; 附表四 AR5 GWPs CH4 28, CH4 of
  fossil origin 30, N2O 265, HFC-125 3,170, HFC-143a 4,800;
* moenv-registry-2026: from activity year 2025, fugitive and process CH4 of fossil origin counts
  with GWP 30, CH4 of fuel combustion with 28;
* 1 kcal = 4.1868e-9 TJ (iso-80000-5, the International Table calorie).

Every expected number below is worked by hand from these figures, in a comment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from pydantic import ValidationError

from carbonaudit import (
    Q_,
    DataFileError,
    FactorNotFoundError,
    InvalidValueError,
    PeriodError,
    emissions,
    energy,
    factors,
)
from carbonaudit.declaration import Declaration, validate
from carbonaudit.declaration.production import ProductionDeclaration, validate_production
from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compare_years, compute, compute_frame
from carbonaudit.inventory.io import read_records

ROOT = Path(__file__).resolve().parents[1]
TJ_PER_KCAL = 4.1868e-9
TW2024 = factors.load("tw-2024")
TW2025 = factors.load("tw-2025")
TOO_NEW = (
    "activity year {y} is newer than every shipped factor set: the newest, 'tw-2025', is for activity year "
    "2025, and the factors of {y} are not announced yet. To estimate with tw-2025's values marked provisional; "
    "pass provisional=True (factors.for_year({y}, provisional=True); to an engine, "
    "factor_set=factors.for_year({y}, provisional=True)), or give a set of your own"
)
CATEGORIES_TEXT = "'average', 'industry', 'residential'"


def _tree(year: int = 2025) -> OrgTree:
    return OrgTree(
        [
            Organisation(id="team", name="盤查小組", status={year: "complete"}),
            Organisation(id="a", name="A", parent="team", status={year: "complete"}),
        ]
    )


def _rec(kind: str, value: float, unit: str, year: int = 2025, **kw: Any) -> ActivityRecord:
    return ActivityRecord(org="a", year=year, kind=kind, amount={"value": value, "unit": unit}, **kw)


# -- 1. vintages by activity year -------------------------------------------------------------------


def test_the_newest_set_is_the_default_and_each_year_has_its_set() -> None:
    assert factors.load().id == "tw-2025"
    assert factors.load() is TW2025
    # tw-2024 is for 2013-2024 (its grid series starts in 2013), tw-2025 for 2025
    for year, set_id in [(2013, "tw-2024"), (2020, "tw-2024"), (2024, "tw-2024"), (2025, "tw-2025")]:
        assert factors.for_year(year).id == set_id
        assert factors.load(year=year).id == set_id
    # a year before every range takes the oldest dated set (documented), which has no grid factor for it
    assert factors.for_year(2012) is TW2024 and factors.for_year(1990) is TW2024
    with pytest.raises(FactorNotFoundError, match="no grid factor for 2012"):
        emissions.electricity(Q_(1, "kWh"), year=2012)
    # provisional=True changes nothing for a year whose factors are shipped
    assert factors.for_year(2025, provisional=True) is TW2025
    assert factors.for_year(2024, provisional=True) is TW2024
    # the award form's own set is never chosen by year
    assert TW2024.activity_years is not None and (TW2024.activity_years.first, TW2024.activity_years.last) == (
        2013,
        2024,
    )
    assert factors.load("ntpc-award-2015").activity_years is None
    assert [(s["id"], s["activity_years"]) for s in factors.available()] == [
        ("tw-2024", "2013-2024"),
        ("ntpc-award-2015", ""),
        ("tw-2025", "2025"),
    ]


@pytest.mark.parametrize("year", [2026, 2030])
def test_a_year_newer_than_every_set_is_refused_with_the_way_out(year: int) -> None:
    expected = TOO_NEW.format(y=year)
    for call in (
        lambda: factors.for_year(year),
        lambda: factors.load(year=year),
        lambda: emissions.electricity(Q_(1000, "kWh"), year=year),
        lambda: emissions.emissions(Q_(1000, "L"), "diesel", year=year),
        lambda: compute(_tree(year), [_rec("electricity", 1000, "kWh", year=year)], year=year),
    ):
        with pytest.raises(FactorNotFoundError) as info:
            call()
        assert str(info.value) == expected


def test_load_takes_an_id_or_a_year_not_both() -> None:
    with pytest.raises(InvalidValueError) as info:
        factors.load("tw-2024", year=2025)
    assert str(info.value) == "give a factor set's id or an activity year, not both (got set_id='tw-2024', year=2025)"
    with pytest.raises(InvalidValueError) as info:
        factors.load(provisional=True)
    assert str(info.value) == "provisional=True needs year=...: it marks a set standing in for a year"
    with pytest.raises(InvalidValueError, match="provisional must be True or False, got str 'yes'"):
        factors.for_year(2026, provisional="yes")  # type: ignore[arg-type]
    with pytest.raises(PeriodError, match="roc_to_ad"):
        factors.for_year(114)  # an ROC year is named as one


def test_a_provisional_set_marks_every_value() -> None:
    fs = factors.for_year(2026, provisional=True)
    assert fs is factors.for_year(2026, provisional=True) is factors.load(year=2026, provisional=True)  # cached
    assert fs.id == "tw-2025+provisional" and fs.provisional_for == 2026
    values = [fv for _, fv in fs._values()] + [fv for t in fs.gwp_sets.values() for fv in t.values.values()]
    assert len(values) > 80
    assert {fv.status for fv in values} == {"provisional"}
    assert all(fv.note and fv.note.startswith("provisional for activity year 2026") for fv in values)
    # the values are tw-2025's: diesel 8,636 kcal/L; 2025's grid factors stand in for 2026
    assert fs.fuel("diesel").heat_value.value == 8636
    assert fs.grid_factor(2026).m == 0.467 and fs.grid_factor(2026, "industry").m == 0.466
    assert fs.grid_factor(2026, "residential").m == 0.471
    assert "the grid factor of 2025 used for 2026" in (fs.grid_factor_value(2026).note or "")
    # a blend computed from its components is provisional too
    assert fs.gwp_value("R-410A", "AR6").status == "provisional"
    # the shipped set is unchanged
    assert TW2025.fuel("diesel").heat_value.status == "official" and 2026 not in TW2025.grid_factors


def test_provisional_computes_and_every_trace_says_so() -> None:
    fs = factors.for_year(2026, provisional=True)
    records = [
        _rec("electricity", 1000, "kWh", year=2026),
        _rec("fuel", 1000, "L", year=2026, fuel="diesel", use="stationary"),
        _rec("refrigerant_leak", 10, "kg", year=2026, gas="R-410A", equipment_class="chillers"),
        _rec("fugitive", 1, "kg", year=2026, gas="CH4", origin="fossil"),
        _rec("septic", 1000, "h", year=2026),
    ]
    inv = compute(_tree(2026), records, fs, year=2026)
    assert inv.factor_set == "tw-2025+provisional"
    traces = [t for ln in inv.lines for t in ln.factors]
    assert len(traces) >= 10
    assert {t.status for t in traces} == {"provisional"}
    # electricity: 1,000 kWh x 0.467 (2025's average, standing in) = 467 kg
    [elec] = [ln for ln in inv.lines if ln.source == "purchased_electricity"]
    assert elec.co2e_kg == pytest.approx(467.0, rel=1e-12)
    # the engines take the provisional set as well
    r = emissions.electricity(Q_(1000, "kWh"), year=2026, factor_set=fs, category="industry")
    assert r.co2e.m == pytest.approx(466.0, rel=1e-12) and r.factors[0].status == "provisional"
    e = emissions.emissions(Q_(1000, "L"), "diesel", fs, year=2026)
    assert {t.status for t in e.factors} == {"provisional"}


# -- 2. grid factors by (year, category) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "kg"),
    [
        ("average", 467.0),  # 1,000 kWh x 0.467 kg/kWh (全國公用售電, moeaea-grid-2025)
        ("industry", 466.0),  # 1,000 kWh x 0.466 kg/kWh (產業)
        ("residential", 471.0),  # 1,000 kWh x 0.471 kg/kWh (民生住宅)
    ],
)
def test_electricity_of_2025_by_category(category: str, kg: float) -> None:
    r = emissions.electricity(Q_(1000, "kWh"), year=2025, category=category)
    assert r.co2e.m == pytest.approx(kg, rel=1e-12) and r.factor_set == "tw-2025"
    [t] = r.factors
    assert (t.status, t.source) == ("official", "moeaea-grid-2025")
    assert t.name == ("grid_factors.2025" if category == "average" else f"grid_factors.2025.{category}")
    # the same through an inventory record and through the inventory as a whole
    by_record = compute(_tree(), [_rec("electricity", 1000, "kWh", grid_category=category)], year=2025)
    by_inventory = compute(_tree(), [_rec("electricity", 1000, "kWh")], year=2025, grid_category=category)
    assert by_record.total() == pytest.approx(kg / 1000, rel=1e-12)
    assert by_inventory.total() == pytest.approx(kg / 1000, rel=1e-12)


def test_the_default_category_is_average() -> None:
    # 1,000 kWh x 0.467 kg/kWh
    assert emissions.electricity(Q_(1000, "kWh"), year=2025).co2e.m == pytest.approx(467.0, rel=1e-12)
    assert compute(_tree(), [_rec("electricity", 1000, "kWh")], year=2025).total() == pytest.approx(0.467)


def test_a_records_category_wins_over_the_inventorys() -> None:
    records = [_rec("electricity", 1000, "kWh", grid_category="residential"), _rec("electricity", 1000, "kWh")]
    inv = compute(_tree(), records, year=2025, grid_category="industry")
    # 1,000 x 0.471 (the record's residential) + 1,000 x 0.466 (the inventory's industry) = 937 kg
    assert [ln.co2e_kg for ln in inv.lines] == pytest.approx([471.0, 466.0], rel=1e-12)


@pytest.mark.parametrize("category", ["average", "industry", "residential"])
def test_a_year_with_one_figure_answers_every_category(category: str) -> None:
    # 2024: one figure, 0.474 kg/kWh (tw-grid-series): 1,000 kWh x 0.474 = 474 kg in every category,
    # with either set (tw-2025 keeps the series)
    for fs in (None, TW2024, TW2025):
        r = emissions.electricity(Q_(1000, "kWh"), year=2024, factor_set=fs, category=category)
        assert r.co2e.m == pytest.approx(474.0, rel=1e-12)
        [t] = r.factors
        assert t.name == "grid_factors.2024"
        if category == "average":
            assert t.note is None
        else:
            assert t.note == f"2024 has one published grid factor; it answers every category (asked: {category!r})"
    inv = compute(_tree(2024), [_rec("electricity", 1000, "kWh", year=2024)], year=2024, grid_category=category)
    assert inv.factor_set == "tw-2024" and inv.total() == pytest.approx(0.474, rel=1e-12)


@pytest.mark.parametrize("bad", ["commercial", "", "Industry", None, 1, ["industry"]])
def test_an_unknown_category_is_refused_naming_the_argument(bad: Any) -> None:
    with pytest.raises(InvalidValueError) as info:
        emissions.electricity(Q_(1000, "kWh"), year=2025, category=bad)
    assert str(info.value).startswith(f"category must be one of {CATEGORIES_TEXT} (the grid factor's category), got ")
    assert repr(bad) in str(info.value)
    with pytest.raises(InvalidValueError, match=f"^grid_category must be one of {CATEGORIES_TEXT}"):
        compute(_tree(), [_rec("electricity", 1, "kWh")], year=2025, grid_category=bad)
    with pytest.raises(InvalidValueError, match=f"^category must be one of {CATEGORIES_TEXT}"):
        TW2025.grid_factor(2025, bad)
    if bad is not None:  # None is the record's default: the inventory's category
        with pytest.raises(ValueError, match="grid_category"):
            _rec("electricity", 1, "kWh", grid_category=bad)


def test_grid_category_belongs_to_electricity_records() -> None:
    with pytest.raises(ValueError, match="grid_category is for electricity records"):
        _rec("fuel", 1, "L", fuel="diesel", grid_category="industry")


def test_grid_factor_overrides_by_year_and_by_category() -> None:
    # (2025, "industry") sets one category; the others stay the announced figures
    fs = TW2025.with_overrides(grid_factors={(2025, "industry"): Q_(0.5, "kg/kWh")})
    assert [fs.grid_factor(2025, c).m for c in ("average", "industry", "residential")] == [0.467, 0.5, 0.471]
    assert fs.grid_factor_value(2025, "industry").status == "user"
    # a year's one figure replaces all of the year's: it then answers every category
    fs = TW2025.with_overrides(grid_factors={2025: Q_(0.45, "kg/kWh")})
    assert [fs.grid_factor(2025, c).m for c in ("average", "industry", "residential")] == [0.45, 0.45, 0.45]
    # a new year by category needs its average too
    with pytest.raises(InvalidValueError, match=r"2026 has a category's figure but no 'average' one"):
        TW2025.with_overrides(grid_factors={(2026, "industry"): Q_(0.46, "kg/kWh")})
    fs = TW2025.with_overrides(
        grid_factors={(2026, "average"): Q_(0.46, "kg/kWh"), (2026, "industry"): Q_(0.45, "kg/kWh")}
    )
    assert fs.grid_factor(2026).m == 0.46 and fs.grid_factor(2026, "industry").m == 0.45
    with pytest.raises(FactorNotFoundError, match="no 'residential' grid factor for 2026"):
        fs.grid_factor(2026, "residential")
    with pytest.raises(InvalidValueError, match="a key is an AD year, or \\(year, category\\)"):
        TW2025.with_overrides(grid_factors={(2025, "commercial"): Q_(0.46, "kg/kWh")})


# -- 1 and 3: fuels of the 2025 set ------------------------------------------------------------------


def test_diesel_of_2025_stationary_ar5() -> None:
    # 1,000 L x 8,636 kcal/L (moenv-hv-2025) x 4.1868e-9 TJ/kcal x (74,100 + 3 x 28 + 0.6 x 265) kg CO2e/TJ
    expected = 1000 * 8636 * TJ_PER_KCAL * (74100 + 3 * 28 + 0.6 * 265)
    for r in (
        emissions.emissions(Q_(1000, "L"), "diesel", year=2025),
        emissions.emissions(Q_(1000, "L"), "diesel", TW2025),
        emissions.emissions(Q_(1000, "L"), "diesel"),  # the default, the newest set
    ):
        assert r.co2e.m == pytest.approx(expected, rel=1e-12)
        assert r.gwp == "AR5" and r.factor_set == "tw-2025"
    # the 2024 set still gives the 2024 figure: 8,629 kcal/L
    r24 = emissions.emissions(Q_(1000, "L"), "diesel", year=2024)
    assert r24.co2e.m == pytest.approx(1000 * 8629 * TJ_PER_KCAL * (74100 + 3 * 28 + 0.6 * 265), rel=1e-12)
    hv = TW2025.fuel("diesel").heat_value
    assert (hv.value, hv.unit, hv.source, hv.status) == (8636, "kcal/L", "moenv-hv-2025", "official")


@pytest.mark.parametrize(
    ("fuel", "heat", "source", "status"),
    [
        ("motor_gasoline", 7586, "moenv-hv-2025", "official"),
        ("lpg", 5993, "moenv-hv-2025", "official"),
        ("natural_gas_ng1", 8067, "moenv-hv-2025", "official"),
        ("natural_gas_ng2", 8728, "moenv-hv-2025", "official"),
        ("fuel_oil", 9320, "tw-energy-statistics-2024", "secondary"),  # no 114年 value
        ("fuel_coal", 5890, "tw-energy-statistics-2024", "secondary"),  # no 114年 value
    ],
)
def test_heat_values_of_the_2025_set(fuel: str, heat: float, source: str, status: str) -> None:
    hv = TW2025.fuel(fuel).heat_value
    assert (hv.value, hv.source, hv.status) == (heat, source, status)
    if status == "secondary":
        assert hv.note is not None and "no 114年 value is announced" in hv.note
    # the per-TJ factors are moenv-2024-ef's, as in tw-2024
    for use, gases in TW2025.fuel(fuel).per_tj.items():
        for gas, fv in gases.items():
            assert fv.source == "moenv-2024-ef"
            old = TW2024.fuel("natural_gas" if fuel.startswith("natural_gas") else fuel).per_tj[use][gas]
            assert fv.value == old.value


def test_lpg_by_mass_uses_its_heat_value_per_kg_with_no_density() -> None:
    # 1 t = 1,000 kg x 10,972 kcal/kg (moenv-hv-2025) x 4.1868e-9 TJ/kcal x (63,100 + 1 x 28 + 0.1 x 265)
    expected = 1000 * 10972 * TJ_PER_KCAL * (63100 + 1 * 28 + 0.1 * 265)
    assert TW2025.fuel("lpg").density is None
    r = emissions.emissions(Q_(1, "t"), "LPG", year=2025)
    assert r.co2e.m == pytest.approx(expected, rel=1e-12)
    [hv] = [t for t in r.factors if t.name == "heat_value_per_mass"]
    assert (hv.value, hv.unit, hv.source, hv.status, hv.fuel) == (10972, "kcal/kg", "moenv-hv-2025", "official", "lpg")
    assert not any(t.name in ("density", "heat_value") for t in r.factors)
    # heat: 1,000 kg x 10,972 kcal/kg = 10,972,000 kcal; by volume still 5,993 kcal/L
    assert energy.heat(Q_(1, "t"), "lpg", TW2025).m == pytest.approx(10_972_000, rel=1e-12)
    assert energy.heat(Q_(1000, "L"), "lpg", TW2025).m == pytest.approx(5_993_000, rel=1e-12)
    # CO2 alone: 1,000 kg x 10,972 x 4.1868e-9 x 63,100 kg/TJ
    assert emissions.co2(Q_(1000, "kg"), "lpg", TW2025).m == pytest.approx(1000 * 10972 * TJ_PER_KCAL * 63100)
    # the 2024 set has no per-kg value: a mass of LPG still needs a density there
    with pytest.raises(FactorNotFoundError, match="has no density for it"):
        emissions.emissions(Q_(1, "t"), "LPG", year=2024)


def test_a_per_kg_heat_value_can_be_overridden() -> None:
    # the user's 11,000 kcal/kg replaces the per-kg value only: 1,000 kg x 11,000 kcal/kg = 11,000,000 kcal
    fs = TW2025.with_overrides(heat_values={"lpg": Q_(11_000, "kcal/kg")})
    assert fs.fuel("lpg").heat_value_per_mass.value == 11_000 and fs.fuel("lpg").heat_value.value == 5993
    assert energy.heat(Q_(1000, "kg"), "lpg", fs).m == pytest.approx(11_000_000, rel=1e-12)
    both = TW2025.with_overrides(heat_values={"lpg": Q_(6000, "kcal/L"), "O02": Q_(11_000, "kcal/kg")})
    assert (both.fuel("lpg").heat_value.value, both.fuel("lpg").heat_value_per_mass.value) == (6000, 11_000)


def test_natural_gas_grades_differ_by_their_heat_values() -> None:
    ng1 = emissions.emissions(Q_(1000, "m**3"), "natural_gas_ng1", year=2025)
    ng2 = emissions.emissions(Q_(1000, "m**3"), "NG2", year=2025)
    # same per-TJ factors, so the ratio is exactly the ratio of the heat values 8,067 / 8,728
    assert ng1.co2e.m / ng2.co2e.m == pytest.approx(8067 / 8728, rel=1e-12)
    # 1,000 m³ x 8,067 kcal/m³ x 4.1868e-9 x (56,100 + 1 x 28 + 0.1 x 265)
    assert ng1.co2e.m == pytest.approx(1000 * 8067 * TJ_PER_KCAL * (56100 + 28 + 0.1 * 265), rel=1e-12)
    # the higher (gross) values are kept as data; the lower value is 90 % of the higher:
    # 0.9 x 8,963 = 8,066.7 -> 8,067; 0.9 x 9,698 = 8,728.2 -> 8,728
    for fuel, net, gross in (("natural_gas_ng1", 8067, 8963), ("natural_gas_ng2", 8728, 9698)):
        f = TW2025.fuel(fuel)
        assert f.heat_value.value == net and f.heat_value_gross is not None
        assert (f.heat_value_gross.value, f.heat_value_gross.source) == (gross, "moenv-hv-2025")
        assert round(0.9 * gross) == net
        assert not any(t.name == "heat_value_gross" for t in emissions.emissions(Q_(1, "m**3"), fuel, TW2025).factors)


@pytest.mark.parametrize("name", ["natural_gas", "天然氣", "NG", "natural gas", "CNG"])
def test_an_ambiguous_natural_gas_is_refused_in_2025(name: str) -> None:
    expected = (
        f"fuel {name!r} is ambiguous in factor set 'tw-2025': it stands for 'natural_gas_ng1' (天然氣(NG1): "
        "8,067 kcal/m**3, official, moenv-hv-2025) or 'natural_gas_ng2' (天然氣(NG2): 8,728 kcal/m**3, official, "
        "moenv-hv-2025) (114年 heat values are announced for two grades of natural gas); name the one you use "
        "by its id (your supplier's invoice says which)"
    )
    with pytest.raises(FactorNotFoundError) as info:
        TW2025.fuel(name)
    assert str(info.value) == expected
    with pytest.raises(FactorNotFoundError, match="ambiguous"):
        emissions.emissions(Q_(1, "m**3"), name, year=2025)
    with pytest.raises(FactorNotFoundError, match=r"records\[0\] \(a, fuel\): fuel .* is ambiguous"):
        compute(_tree(), [_rec("fuel", 1, "m**3", fuel=name)], year=2025)


def test_tw_2024_keeps_one_natural_gas() -> None:
    # 1,000 m³ x 8,107 kcal/m³ (tw-energy-statistics-2024) x 4.1868e-9 x (56,100 + 28 + 0.1 x 265)
    r = emissions.emissions(Q_(1000, "m**3"), "天然氣", year=2024)
    assert r.co2e.m == pytest.approx(1000 * 8107 * TJ_PER_KCAL * (56100 + 28 + 0.1 * 265), rel=1e-12)
    note = TW2024.fuel("natural_gas").heat_value.note or ""
    assert "unresolved" not in note and "NG1/NG2" in note
    with pytest.raises(FactorNotFoundError, match="not in factor set 'tw-2024'"):
        TW2024.fuel("natural_gas_ng1")


def _office_with_natural_gas(year: int, **column: Any) -> Declaration:
    doc = yaml.safe_load((ROOT / "examples" / "office_declaration.yaml").read_text(encoding="utf-8"))
    doc["year"] = year
    doc["thermal"]["natural_gas"] = {"unit": "m**3", "use": [1000.0] * 12, **column}
    return Declaration.model_validate(doc)


def test_a_declarations_natural_gas_names_its_grade() -> None:
    # 114年 (2025): 12 x 1,000 m³ of NG2 = 12,000 m³ x 8,728 kcal/m³ = 104,736,000 kcal = 10.4736 KLOE
    # at 10^7 kcal/KLOE (tw-final-860), on top of the example's 379.613 KLOE (docs tutorial, tw-2025)
    without = _office_with_natural_gas(114)
    [finding] = [f for f in validate(without) if f.code == "declaration.fuel_not_convertible"]
    assert finding.path == "thermal.natural_gas.unit"
    assert "is ambiguous in factor set 'tw-2025'" in finding.message
    assert "write the grade in thermal.natural_gas.grade (NG1 or NG2)" in finding.message
    assert "NG1、NG2" in finding.message_zh
    ng2 = _office_with_natural_gas(114, grade="NG2")
    assert [f.code for f in validate(ng2) if f.severity == "error"] == []
    base = _office_with_natural_gas(114, use=[0.0] * 12, grade="NG2").summary()["energy"].m
    assert ng2.summary()["energy"].m - base == pytest.approx(12_000 * 8_728 / 1e7, rel=1e-9)
    ng1 = _office_with_natural_gas(114, grade="NG1").summary()["energy"].m
    assert ng1 - base == pytest.approx(12_000 * 8_067 / 1e7, rel=1e-9)


def test_a_grade_in_2024_takes_the_one_natural_gas_and_only_gas_has_a_grade() -> None:
    # 113年 (2024): one figure for either grade, 8,107 kcal/m³: NG1 and NG2 give the same total
    ng1 = _office_with_natural_gas(113, grade="NG1").summary(factor_set=TW2024)["energy"].m
    ng2 = _office_with_natural_gas(113, grade="NG2").summary(factor_set=TW2024)["energy"].m
    plain = _office_with_natural_gas(113).summary(factor_set=TW2024)["energy"].m
    assert ng1 == ng2 == plain
    doc = yaml.safe_load((ROOT / "examples" / "office_declaration.yaml").read_text(encoding="utf-8"))
    doc["thermal"]["diesel"]["grade"] = "NG1"
    with pytest.raises(ValidationError, match=r"diesel\.grade: only natural gas has a grade \(NG1, NG2\), got 'NG1'"):
        Declaration.model_validate(doc)


# -- 4. fossil methane ------------------------------------------------------------------------------


def test_fugitive_fossil_methane_takes_gwp_30_from_2025() -> None:
    # 10 kg of CH4 of fossil origin released: 10 x 30 = 300 kg CO2e in 2025 (moenv-registry-2026),
    # 10 x 28 = 280 kg CO2e in 2024 (before the rule)
    for year, gwp, entry in [(2025, 30, "CH4-fossil"), (2024, 28, "CH4")]:
        inv = compute(_tree(year), [_rec("fugitive", 10, "kg", year=year, gas="CH4", origin="fossil")], year=year)
        [ln] = inv.lines
        assert (ln.scope, ln.category, ln.source, ln.gas) == (1, "fugitive", "fugitive", "CH4")
        assert ln.mass_kg == 10 and ln.co2e_kg == pytest.approx(10 * gwp, rel=1e-12)
        [t] = ln.factors
        assert (t.name, t.value) == (f"gwp.AR5.{entry}", gwp)
        assert t.note is not None and "rule fossil_methane (moenv-registry-2026)" in t.note
    [ln25] = compute(_tree(), [_rec("fugitive", 10, "kg", gas="CH4", origin="fossil")], year=2025).lines
    assert ln25.factors[0].note.startswith(
        "applied by the rule fossil_methane (moenv-registry-2026): from activity year 2025, fugitive and process "
        "CH4 of fossil origin takes CH4-fossil"
    )
    [ln24] = compute(_tree(2024), [_rec("fugitive", 10, "kg", year=2024, gas="CH4", origin="fossil")], year=2024).lines
    assert ln24.factors[0].note.startswith("CH4's own GWP: activity year 2024 is before the rule fossil_methane")


def test_biogenic_methane_and_combustion_methane_stay_28_in_2025() -> None:
    # biogenic fugitive CH4: 10 kg x 28 = 280 kg
    [ln] = compute(_tree(), [_rec("fugitive", 10, "kg", gas="CH4", origin="biogenic")], year=2025).lines
    assert ln.co2e_kg == pytest.approx(280, rel=1e-12) and ln.factors[0].name == "gwp.AR5.CH4"
    assert "this CH4 is of biogenic origin" in ln.factors[0].note
    # combustion CH4: 1,000 L diesel stationary in 2025, CH4 = 1,000 x 8,636 x 4.1868e-9 x 3 kg, x 28
    inv = compute(_tree(), [_rec("fuel", 1000, "L", fuel="diesel", use="stationary")], year=2025)
    [ch4] = [ln for ln in inv.lines if ln.gas == "CH4"]
    assert ch4.mass_kg == pytest.approx(1000 * 8636 * TJ_PER_KCAL * 3, rel=1e-12)
    assert ch4.co2e_kg == pytest.approx(1000 * 8636 * TJ_PER_KCAL * 3 * 28, rel=1e-12)
    [gwp] = [t for t in ch4.factors if t.name.startswith("gwp.AR5.CH4")]
    assert gwp.name == "gwp.AR5.CH4" and gwp.value == 28
    assert "combustion CH4 is not covered by the rule fossil_methane" in gwp.note
    # septic tanks: biogenic, 28 in 2025 too: 1,000 h x 0.0000015938 t = 1.5938 kg CH4 x 28
    [sep] = compute(_tree(), [_rec("septic", 1000, "h")], year=2025).lines
    assert sep.co2e_kg == pytest.approx(1000 * 0.0000015938 * 1000 * 28, rel=1e-12)


def test_process_methane_of_fossil_origin() -> None:
    # 100 t of product x 0.5 kg CH4/t = 50 kg CH4; fossil, 2025: x 30 = 1,500 kg CO2e
    rec = _rec("process", 100, "t", gas="CH4", origin="fossil", emission_factor={"value": 0.5, "unit": "kg/t"})
    [ln] = compute(_tree(), [rec], year=2025).lines
    assert (ln.source, ln.gas, ln.mass_kg) == ("process", "CH4", pytest.approx(50, rel=1e-12))
    assert ln.co2e_kg == pytest.approx(1500, rel=1e-12)
    assert [t.name for t in ln.factors] == ["emission_factor", "gwp.AR5.CH4-fossil"]
    # a process record without gas keeps its kg CO2e per unit: 100 t x 0.5 kg CO2e/t = 50 kg
    plain = _rec("process", 100, "t", emission_factor={"value": 0.5, "unit": "kg/t"})
    assert compute(_tree(), [plain], year=2025).total() == pytest.approx(0.05, rel=1e-12)


def test_methane_without_its_origin_is_refused_from_2025() -> None:
    with pytest.raises(InvalidValueError) as info:
        compute(_tree(), [_rec("fugitive", 10, "kg", gas="CH4")], year=2025)
    assert str(info.value) == (
        "records[0] (a, fugitive): origin must be 'fossil' or 'biogenic' for fugitive CH4 of activity year 2025: by "
        "the rule fossil_methane (moenv-registry-2026): from activity year 2025, fugitive and process CH4 of fossil "
        "origin takes CH4-fossil (GWP 30), otherwise CH4 (GWP 28); say which"
    )
    # before the rule the origin changes nothing: 10 kg x 28
    inv = compute(_tree(2024), [_rec("fugitive", 10, "kg", year=2024, gas="CH4")], year=2024)
    assert inv.total() == pytest.approx(0.28, rel=1e-12)
    # another gas needs no origin: 2 kg CO2 x 1 = 2 kg
    assert compute(_tree(), [_rec("fugitive", 2, "kg", gas="CO2")], year=2025).total() == pytest.approx(0.002)
    with pytest.raises(ValueError, match="origin is for fugitive and process records"):
        _rec("refrigerant_topup", 1, "kg", gas="R-410A", origin="fossil")
    with pytest.raises(FactorNotFoundError, match="a fugitive record needs gas"):
        compute(_tree(), [_rec("fugitive", 1, "kg")], year=2025)


def test_the_rule_is_data_of_the_ar5_set() -> None:
    [rule] = TW2025.gwp_sets["AR5"].rules
    assert (rule.id, rule.gas, rule.origin, rule.emissions, rule.use, rule.from_year) == (
        "fossil_methane",
        "CH4",
        "fossil",
        ("fugitive", "process"),
        "CH4-fossil",
        2025,
    )
    assert (rule.source, rule.status) == ("moenv-registry-2026", "official")
    assert TW2025.gwp("CH4-fossil", "AR5") == 30 and TW2025.gwp("CH4", "AR5") == 28
    assert TW2025.gwp_sets["AR6"].rules == () and TW2025.gwp_sets["AR4"].rules == ()


def test_hfc_125_and_143a_are_official_in_ar5() -> None:
    # moenv-2024-ef 附表四: HFC-125 3,170, HFC-143a 4,800
    for gas, value in (("HFC-125", 3170), ("HFC-143a", 4800)):
        fv = TW2025.gwp_value(gas, "AR5")
        assert (fv.value, fv.source, fv.status) == (value, "moenv-2024-ef", "official")


# -- inventories of both years -----------------------------------------------------------------------


def test_an_inventory_of_2025_computes_out_of_the_box_and_2024_keeps_its_figures() -> None:
    def records(year: int) -> list[ActivityRecord]:
        return [
            _rec("electricity", 10_000, "kWh", year=year),
            _rec("fuel", 1000, "L", year=year, fuel="diesel", use="stationary"),
        ]

    diesel = 74100 + 3 * 28 + 0.6 * 265  # kg CO2e per TJ, AR5
    inv25 = compute(_tree(2025), records(2025), year=2025)
    # 10,000 kWh x 0.467 + 1,000 L x 8,636 x 4.1868e-9 x diesel
    assert inv25.factor_set == "tw-2025"
    assert inv25.total() == pytest.approx((10_000 * 0.467 + 1000 * 8636 * TJ_PER_KCAL * diesel) / 1000, rel=1e-12)
    inv24 = compute(_tree(2024), records(2024), year=2024)
    # 10,000 kWh x 0.474 + 1,000 L x 8,629 x 4.1868e-9 x diesel
    assert inv24.factor_set == "tw-2024"
    assert inv24.total() == pytest.approx((10_000 * 0.474 + 1000 * 8629 * TJ_PER_KCAL * diesel) / 1000, rel=1e-12)


def test_the_frame_engine_takes_the_new_columns() -> None:
    df = pd.DataFrame(
        {
            "org": ["a", "a", "a"],
            "year": [2025, 2025, 2025],
            "kind": ["electricity", "electricity", "fugitive"],
            "value": [1000.0, 1000.0, 10.0],
            "unit": ["kWh", "kWh", "kg"],
            "gas": [None, None, "CH4"],
            "origin": [None, None, "fossil"],
            "grid_category": [None, "residential", None],
        }
    )
    out = compute_frame(_tree(), df, year=2025, grid_category="industry")
    # 1,000 x 0.466 (industry, the frame's), 1,000 x 0.471 (the row's residential), 10 kg x 30
    assert out["co2e_t"].tolist() == pytest.approx([0.466, 0.471, 0.3], rel=1e-12)
    assert out["factor_ids"].tolist() == [
        "grid_factors.2025.industry",
        "grid_factors.2025.residential",
        "gwp.AR5.CH4-fossil",
    ]
    with pytest.raises(InvalidValueError, match="^grid_category must be one of"):
        compute_frame(_tree(), df, year=2025, grid_category="shops")


def test_records_csv_reads_origin_and_grid_category(tmp_path: Path) -> None:
    path = tmp_path / "records.csv"
    path.write_text(
        "org,year,kind,value,unit,gas,origin,grid_category\n"
        "a,2025,fugitive,10,kg,CH4,fossil,\n"
        "a,2025,electricity,1000,kWh,,,industry\n",
        encoding="utf-8",
    )
    records = read_records(path)
    assert [(r.origin, r.grid_category) for r in records] == [("fossil", None), (None, "industry")]
    # 10 kg x 30 + 1,000 kWh x 0.466 = 766 kg
    assert compute(_tree(), records, year=2025).total() == pytest.approx(0.766, rel=1e-12)


def test_compare_years_recalculates_the_base_with_the_report_years_set() -> None:
    records = [
        _rec("fuel", 1000, "L", year=2024, fuel="diesel", use="stationary"),
        _rec("fuel", 1000, "L", year=2025, fuel="diesel", use="stationary"),
    ]
    tree = OrgTree([Organisation(id="a", name="A", status={2024: "complete", 2025: "complete"})])
    c = compare_years(tree, records, 2024, 2025)
    # both years with tw-2025 (the report year's): 1,000 L x 8,636 x 4.1868e-9 x (74,100 + 84 + 159) each
    each = 1000 * 8636 * TJ_PER_KCAL * (74100 + 3 * 28 + 0.6 * 265) / 1000
    assert (c.base.factor_set, c.report.factor_set) == ("tw-2025", "tw-2025")
    assert c.base.total() == pytest.approx(each, rel=1e-12) and c.report.total() == pytest.approx(each, rel=1e-12)


# -- declarations take the set of their data year ----------------------------------------------------


def _office(change: Any = None) -> Declaration:
    doc = yaml.safe_load((ROOT / "examples" / "office_declaration.yaml").read_text(encoding="utf-8"))
    if change is not None:
        change(doc)
    return Declaration.model_validate(doc)


def test_a_declaration_of_114_uses_tw_2025() -> None:
    s = _office().summary()
    # tw-final-860: 4,390,000 kWh x 860 / 1e7 + 2,400 L diesel x 8,636 kcal/L (moenv-hv-2025) / 1e7 KLOE
    assert s["energy"].m == pytest.approx(4_390_000 * 860 / 1e7 + 2_400 * 8_636 / 1e7, rel=1e-12)
    assert [f for f in validate(_office()) if f.severity != "info"] == []


def test_lpg_in_kg_needs_no_density_in_a_declaration_of_114() -> None:
    def lpg_in_kg(doc: dict[str, Any]) -> None:
        doc["thermal"]["lpg"] = {"unit": "kg", "use": [100.0] * 12}  # 1,200 kg in the year

    d = _office(lpg_in_kg)
    assert not any(f.code == "declaration.fuel_not_convertible" for f in validate(d))
    # + 1,200 kg x 10,972 kcal/kg (moenv-hv-2025) / 1e7 KLOE
    expected = 4_390_000 * 860 / 1e7 + 2_400 * 8_636 / 1e7 + 1_200 * 10_972 / 1e7
    assert d.summary()["energy"].m == pytest.approx(expected, rel=1e-12)


def test_a_declaration_of_a_year_without_factors_says_how_to_pass_a_set() -> None:
    d = _office(lambda doc: doc.update(year=115))  # 115年 = 2026
    for call in (lambda: validate(d), lambda: d.summary()):
        with pytest.raises(FactorNotFoundError) as info:
            call()
        assert str(info.value) == TOO_NEW.format(y=2026)
    provisional = factors.for_year(2026, provisional=True)
    findings = validate(d, provisional)
    assert not any(f.code.startswith(("declaration.fuel", "declaration.thermal", "declaration.heat")) for f in findings)
    assert d.summary(provisional)["energy"].m == pytest.approx(4_390_000 * 860 / 1e7 + 2_400 * 8_636 / 1e7)


def test_a_production_declaration_of_106_uses_tw_2024() -> None:
    d = ProductionDeclaration.from_yaml(ROOT / "examples" / "production_declaration.yaml")
    assert d.ad_year == 2017 and factors.for_year(d.ad_year).id == "tw-2024"
    assert {f.code for f in validate_production(d)} == {f.code for f in validate_production(d, "tw-2024")}


# -- the data file's rules ---------------------------------------------------------------------------


def _file(tmp_path: Path, mutate: Any) -> Path:
    from carbonaudit._data import data_path

    doc = yaml.safe_load(data_path("factors.yaml").read_text(encoding="utf-8"))
    mutate({s["id"]: s for s in doc["factor_sets"]}, doc)
    path = tmp_path / "factors.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda sets, doc: sets["tw-2024"].update(activity_years={"from": 2013, "to": 2025}),
            "factor sets 'tw-2024' and 'tw-2025' are both for activity year 2025",
        ),
        (
            lambda sets, doc: sets["tw-2025"].update(activity_years={"from": 2025, "to": 2024}),
            "to: must not be before from 2025, got 2024",
        ),
        (
            lambda sets, doc: sets["tw-2025"]["grid_factor_categories"][2025].update(
                average=dict(sets["tw-2025"]["grid_factors"][2025])
            ),
            "2025.average: is not a category of grid factor here",
        ),
        (
            lambda sets, doc: sets["tw-2025"]["grid_factors"].pop(2025),
            "grid_factor_categories.2025: the year has no figure in grid_factors",
        ),
        (
            lambda sets, doc: sets["tw-2025"]["ambiguous_names"][0]["names"].append("NG1"),
            "ambiguous_names: 'NG1' is also a name of fuel 'natural_gas_ng1'",
        ),
        (
            lambda sets, doc: sets["tw-2025"]["ambiguous_names"][0]["fuels"].append("natural_gas_ng3"),
            "fuels ['natural_gas_ng3'] are not fuel ids of the set",
        ),
        (
            lambda sets, doc: doc["gwp"]["AR5"]["rules"][0].update(use="CH4-fossile"),
            "names gas 'CH4-fossile', which has no value in this GWP set",
        ),
        (
            lambda sets, doc: doc["gwp"]["AR5"]["rules"][0].update(source="no-such-source"),
            "gwp.AR5.rules[fossil_methane]: source 'no-such-source' is not in the file's sources",
        ),
        (
            lambda sets, doc: next(f for f in sets["tw-2025"]["fuels"] if f["id"] == "fuel_coal").update(
                heat_value_per_mass={"value": 5890, "unit": "kcal/kg", "source": "moenv-hv-2025", "status": "official"}
            ),
            "fuels[fuel_coal].heat_value_per_mass: is for a fuel measured by volume; this one's basis unit is "
            "already a mass (kg)",
        ),
        (
            lambda sets, doc: next(f for f in sets["tw-2025"]["fuels"] if f["id"] == "lpg").update(
                heat_value_per_mass={"value": 10972, "unit": "kcal/L", "source": "moenv-hv-2025", "status": "official"}
            ),
            "heat_value_per_mass",
        ),
    ],
)
def test_the_file_refuses_broken_vintage_data(tmp_path: Path, mutate: Any, message: str) -> None:
    with pytest.raises(DataFileError) as info:
        factors.from_file(_file(tmp_path, mutate))
    assert message in str(info.value)


def test_the_shipped_file_reads_back() -> None:
    sets = factors.from_file(ROOT / "data" / "factors.yaml")
    assert sets["tw-2025"] == TW2025 and sets["tw-2024"] == TW2024
    assert factors.check(TW2025) == factors.check(TW2024) == []


# -- emissions.frame by the rows' activity years ------------------------------------------------------


@pytest.mark.parametrize(("year", "heat"), [(2024, 8_629.0), (2025, 8_636.0)])
def test_a_frame_of_one_year_takes_that_years_set(year: int, heat: float) -> None:
    # 1,000 L diesel, stationary, AR5: 1,000 x heat [kcal/L] x 4.1868e-9 TJ/kcal x (74,100 + 3 x 28 + 0.6 x 265)
    # with 8,629 kcal/L (tw-energy-statistics-2024) in 2024 and 8,636 (moenv-hv-2025) in 2025
    df = pd.DataFrame({"fuel": ["diesel"], "amount": [1000.0], "unit": ["L"], "year": [year]})
    out = emissions.frame(df)
    expected = 1000 * heat * TJ_PER_KCAL * (74_100 + 3 * 28 + 0.6 * 265)
    assert out["CO2e_kg"].tolist() == pytest.approx([expected], rel=1e-12)


def test_a_frame_of_years_with_different_sets_is_refused() -> None:
    df = pd.DataFrame({"fuel": ["diesel", "diesel"], "amount": [1000.0, 1000.0], "unit": ["L", "L"], "year": [2024, 2025]})
    with pytest.raises(InvalidValueError) as info:
        emissions.frame(df)
    assert str(info.value) == (
        "df's rows are of activity years whose factors are different sets (2024: tw-2024, 2025: tw-2025): "
        "compute each year's rows apart (e.g. df.groupby('year')), each with its own set"
    )
    # a set given is not applied to another year's fuel row in silence: the 2024 row (label 0) is named
    with pytest.raises(FactorNotFoundError) as found:
        emissions.frame(df, factor_set="tw-2025")
    assert str(found.value) == (
        "df row 0 (fuel='diesel', unit='L', year=2024): factor set 'tw-2025' holds the fuel values of activity "
        "year 2025, not 2024: the set of 2024 is 'tw-2024'; pass factor_set='tw-2024', or leave factor_set out "
        "and year=2024 chooses it"
    )
    # each year apart, each with its own set: 8,629 kcal/L (2024) and 8,636 (2025)
    out = pd.concat(emissions.frame(rows) for _, rows in df.groupby("year"))
    per = 1000 * TJ_PER_KCAL * (74_100 + 3 * 28 + 0.6 * 265)
    assert out["CO2e_kg"].tolist() == pytest.approx([8_629 * per, 8_636 * per], rel=1e-12)
    # without a year column: the newest set
    assert emissions.frame(df.drop(columns="year")).attrs["factor_set"] == "tw-2025"
