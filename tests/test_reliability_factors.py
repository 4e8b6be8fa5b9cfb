"""Issue 12, defects 2, 6 and 7 (factor sets): caches keyed by what they depend on, factor files
validated at load, and factor sets that survive pickling.

Defect 2: a conversion cached on a set under a fuel's id must never be filled from another set's
fuel of that id, nor shared with a copy of the set that has other values. Defect 6: a factor file
with a negative, zero, boolean, NaN, infinite or quoted number, or a unit of the wrong dimension,
is refused when it is read (a ``DataFileError`` naming the file, the path of the value, the value
and what was expected), and ``with_overrides`` refuses the same values. Defect 7: a set equals its
own pickle and computes the same numbers after it.

Every expected number is worked out by hand in the test from the published figures: 附表2 of
award-form-2015 (diesel 8,400 kcal/L, 2.61 kg CO2/L, 102年 grid factor 0.522 kg/kWh) and the current set
(tw-energy-statistics-2024, moenv-2024-ef, tw-grid-series: diesel 8,629 kcal/L, 74,100 kg CO2/TJ, 2024 grid factor 0.474 kg/kWh).
"""

from __future__ import annotations

import copy
import math
import pickle
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from pydantic import ValidationError

from carbonaudit import (
    Q_,
    CarbonAuditError,
    DataFileError,
    FactorNotFoundError,
    InvalidValueError,
    PeriodError,
    UnitsError,
    emissions,
    energy,
    factors,
)
from carbonaudit.factors import FactorValue

KCAL_IN_J = 4186.8  # the International Table kilocalorie of the forms (ISO 80000-5)
TJ_PER_KCAL = KCAL_IN_J / 1e12


def _electricity_rows(kwh: float, year: int) -> pd.DataFrame:
    return pd.DataFrame({"fuel": ["electricity"], "amount": [kwh], "unit": ["kWh"], "year": [year]})


def _grid(fs: factors.FactorSet, year: int, value: float) -> factors.FactorSet:
    """*fs* with its grid factor of *year* replaced through pydantic's model_copy."""
    fv = fs.grid_factors[year].model_copy(update={"value": value})
    return fs.model_copy(update={"grid_factors": {**fs.grid_factors, year: fv}})


# -- defect 2: the conversion cache -----------------------------------------------------------


def test_a_fuel_of_another_set_does_not_fill_the_cache_of_its_id(award, current):
    """Issue 12 reproducer: ntpc's diesel through tw-2024 left 8,400 kcal/L in tw-2024's cache."""
    # 1000 L x 8,400 kcal/L (附表2, the award set's diesel): the Fuel passed is computed from its own values
    assert energy.heat(Q_(1000, "L"), award.fuel("diesel"), current).m == pytest.approx(8_400_000, rel=1e-12)
    # then the current set's own diesel: 1000 L x 8,629 kcal/L = 8,629,000 kcal (was 8,400,000)
    assert energy.heat(Q_(1000, "L"), "diesel", current).m == pytest.approx(8_629_000, rel=1e-12)
    assert energy.heat(Q_(1000, "L"), "O05", current).m == pytest.approx(8_629_000, rel=1e-12)
    # and the other way round: the set's own entry cached first does not answer for the other fuel
    assert energy.heat(Q_(1000, "L"), award.fuel("diesel"), current).m == pytest.approx(8_400_000, rel=1e-12)


def test_the_trace_cites_the_values_actually_used(award, current):
    # the set's own diesel: 1000 L x 8,629 kcal/L x 4,186.8 J/kcal = 0.036128 TJ, x 74,100 kg CO2/TJ
    own = emissions.emissions(Q_(1000, "L"), "diesel", current, method="heat_value")
    heat = {t.name: t.value for t in own.factors if t.fuel == "diesel"}
    assert heat["heat_value"] == 8629
    assert own.by_gas["CO2"].m == pytest.approx(1000 * 8629 * TJ_PER_KCAL * 74_100, rel=1e-12)  # 2,677.1 kg
    # the award set's diesel through the current set: its own 8,400 kcal/L, cited as the 2010 handbook's
    other = emissions.emissions(Q_(1000, "L"), award.fuel("diesel"), current, method="heat_value")
    traced = {t.name: t for t in other.factors if t.fuel == "diesel"}
    assert traced["heat_value"].value == 8400
    assert "能源統計手冊 (2010)" in traced["heat_value"].citation
    assert other.by_gas["CO2"].m == pytest.approx(1000 * 8400 * TJ_PER_KCAL * 74_100, rel=1e-12)  # 2,606.0 kg
    # its recommended factor (附表2: 2.61 kg/L) with method auto: 1000 L x 2.61 = 2,610 kg
    assert emissions.co2(Q_(1000, "L"), award.fuel("diesel"), current).m == pytest.approx(2610, rel=1e-12)
    # ... while the current set's diesel has none and keeps its heat-value route
    assert emissions.co2(Q_(1000, "L"), "diesel", current).m == pytest.approx(1000 * 8629 * TJ_PER_KCAL * 74_100)


def test_a_fuel_changed_with_model_copy_is_computed_from_its_values(current):
    diesel = current.fuel("diesel")
    measured = diesel.model_copy(update={"heat_value": diesel.heat_value.model_copy(update={"value": 9000.0})})
    # 1000 L x 9,000 kcal/L
    assert energy.heat(Q_(1000, "L"), measured, current).m == pytest.approx(9_000_000, rel=1e-12)
    # 1000 L x 8,629 kcal/L, before and after
    assert energy.heat(Q_(1000, "L"), diesel, current).m == pytest.approx(8_629_000, rel=1e-12)
    assert energy.heat(Q_(1000, "L"), measured, current).m == pytest.approx(9_000_000, rel=1e-12)


def test_an_equal_fuel_object_is_the_sets_own(current):
    twin = pickle.loads(pickle.dumps(current)).fuel("diesel")
    assert twin is not current.fuel("diesel") and twin == current.fuel("diesel")
    assert current.fuel(twin) is current.fuel("diesel")
    assert energy.heat(Q_(1000, "L"), twin, current).m == pytest.approx(8_629_000, rel=1e-12)


def test_model_copy_with_another_grid_factor_has_its_own_cache(current):
    """Issue 12 reproducer: electricity 900 kg but emissions.frame 474 kg from the shared cache."""
    rows = _electricity_rows(1000.0, 2024)
    # fill the original's caches first: 1000 kWh x 0.474 kg/kWh = 474 kg
    assert emissions.frame(rows, current)["CO2e_kg"].tolist() == pytest.approx([474.0], rel=1e-12)
    changed = _grid(current, 2024, 0.9)
    # 1000 kWh x 0.9 kg/kWh = 900 kg, in the scalar engine and in the batch one (was 474 there)
    assert emissions.electricity(Q_(1000, "kWh"), 2024, changed).co2e.m == pytest.approx(900, rel=1e-12)
    assert emissions.frame(rows, changed)["CO2e_kg"].tolist() == pytest.approx([900.0], rel=1e-12)
    # the original is unchanged: 474 kg in both
    assert emissions.electricity(Q_(1000, "kWh"), 2024, current).co2e.m == pytest.approx(474, rel=1e-12)
    assert emissions.frame(rows, current)["CO2e_kg"].tolist() == pytest.approx([474.0], rel=1e-12)
    assert changed != current


def test_with_overrides_has_its_own_cache(current):
    rows = _electricity_rows(1000.0, 2024)
    assert emissions.frame(rows, current)["CO2e_kg"].tolist() == pytest.approx([474.0])  # 1000 x 0.474
    mine = current.with_overrides(grid_factors={2024: Q_(0.9, "kg/kWh")})
    assert emissions.frame(rows, mine)["CO2e_kg"].tolist() == pytest.approx([900.0], rel=1e-12)  # 1000 x 0.9
    assert emissions.frame(rows, current)["CO2e_kg"].tolist() == pytest.approx([474.0], rel=1e-12)


def test_copies_never_share_a_cache(current):
    emissions.co2(Q_(1000, "L"), "diesel", current)  # fills the cache
    assert current._cache
    for other in (
        copy.copy(current),
        copy.deepcopy(current),
        current.model_copy(),
        current.model_copy(deep=True),
        pickle.loads(pickle.dumps(current)),
        _grid(current, 2024, 0.9),
    ):
        assert other._cache is not current._cache
        assert other._cache == {}
        emissions.co2(Q_(1000, "L"), "diesel", other)
        assert other._cache is not current._cache


def test_model_copy_of_the_fuels_rebuilds_the_name_index(current):
    diesel = current.fuel("diesel")
    measured = diesel.model_copy(update={"heat_value": diesel.heat_value.model_copy(update={"value": 9000.0})})
    changed = current.model_copy(update={"fuels": tuple(measured if f.id == "diesel" else f for f in current.fuels)})
    # was the old diesel: model_copy kept the index of the fuels it replaced
    assert changed.fuel("O05").heat_value.value == 9000
    assert changed.fuel("柴油") is changed.fuels[0]
    # 1000 L x 9,000 kcal/L, and the original 1000 L x 8,629 kcal/L
    assert energy.heat(Q_(1000, "L"), "diesel", changed).m == pytest.approx(9_000_000, rel=1e-12)
    assert energy.heat(Q_(1000, "L"), "diesel", current).m == pytest.approx(8_629_000, rel=1e-12)


def test_model_copy_validates_what_it_changes(current):
    # pydantic's own model_copy(update=...) does not validate: -0.474 gave -474 kg (issue 12)
    with pytest.raises(ValidationError, match="must not be negative"):
        current.grid_factors[2024].model_copy(update={"value": -0.474})
    with pytest.raises(ValidationError, match=r"grid_factors\.2024\s+value must be a positive grid emission factor"):
        _grid(current, 2024, 0.0)
    with pytest.raises(ValidationError, match="not a boolean"):
        current.grid_factors[2024].model_copy(update={"value": True})
    diesel = current.fuel("diesel")
    with pytest.raises(ValidationError, match=r"heat value \(> 0"):
        diesel.model_copy(update={"heat_value": diesel.heat_value.model_copy(update={"value": 0.0})})


# -- defect 7: pickling ----------------------------------------------------------------------


@pytest.mark.parametrize("set_id", ["tw-2024", "ntpc-award-2015"])
def test_a_factor_set_equals_its_own_pickle(set_id):
    fs = factors.load(set_id)
    emissions.co2(Q_(1000, "L"), "diesel", fs)  # a filled cache is not part of the set's value
    again = pickle.loads(pickle.dumps(fs))
    assert again == fs
    assert copy.deepcopy(fs) == fs and copy.copy(fs) == fs
    assert again.fuel("O05") is next(f for f in again.fuels if f.id == "diesel")  # its index: its own fuels


def test_a_set_with_overrides_equals_its_own_pickle(current):
    mine = current.with_overrides(
        heat_values={"C02": Q_(6100, "kcal/kg")}, supplier_factor=Q_(0.3, "kg/kWh"), note="measured"
    )
    assert pickle.loads(pickle.dumps(mine)) == mine
    assert pickle.loads(pickle.dumps(mine)) != current


def test_an_unpickled_set_computes_the_same_numbers(award, current):
    a, c = (pickle.loads(pickle.dumps(fs)) for fs in (award, current))
    # 附表2: 1000 L diesel x 2.61 kg/L = 2,610 kg; 1,000,000 kWh x 0.522 kg/kWh = 522,000 kg
    assert emissions.co2(Q_(1000, "L"), "diesel", a).m == pytest.approx(2610, rel=1e-12)
    assert emissions.electricity(Q_(1e6, "kWh"), 2013, a).co2e.m == pytest.approx(522_000, rel=1e-12)
    # production-declaration-2018 表十: 1000 kWh x 2,236 kcal/kWh / 9e6 kcal/KLOE = 0.248444 KLOE
    assert energy.to_kloe(Q_(1000, "kWh"), "E01", a).m == pytest.approx(1000 * 2236 / 9e6, rel=1e-12)
    # tw-2024: 1000 L x 8,629 kcal/L = 8,629,000 kcal; mobile CH4 1000 L x 8,629 kcal/L -> TJ x 3.9 kg/TJ
    assert energy.heat(Q_(1000, "L"), "diesel", c).m == pytest.approx(8_629_000, rel=1e-12)
    mobile = emissions.emissions(Q_(1000, "L"), "diesel", c, use="mobile")
    assert mobile.by_gas["CH4"].m == pytest.approx(1000 * 8629 * TJ_PER_KCAL * 3.9, rel=1e-12)
    assert mobile.co2e == emissions.emissions(Q_(1000, "L"), "diesel", current, use="mobile").co2e
    rows = _electricity_rows(1000.0, 2024)
    assert emissions.frame(rows, c)["CO2e_kg"].tolist() == pytest.approx([474.0], rel=1e-12)  # 1000 x 0.474


# -- defect 6: factor files validated at load -----------------------------------------------------

_SRC = {"source": "s", "status": "official"}


def _small_file() -> dict[str, Any]:
    """A small factor file with one value of every kind of field the loader checks."""
    return {
        "schema_version": 1,
        "default_set": "mine",
        "sources": {"s": {"document": "test document", "year": 2024}},
        "constants": {
            "molar_mass_co2": {"value": 44, "unit": "g/mol", **_SRC},
            "molar_mass_carbon": {"value": 12, "unit": "g/mol", **_SRC},
            "water_density": {"value": 1, "unit": "kg/L", **_SRC},
        },
        "oil_equivalent": {
            "oe": {
                "title": "test basis",
                "kcal_per_kloe": {"value": 9.0e6, "unit": "kcal/KLOE", **_SRC},
                "kcal_per_kgoe": {"value": 1.0e4, "unit": "kcal/kgOE", **_SRC},
                "electricity": {"value": 2236, "unit": "kcal/kWh", **_SRC},
            }
        },
        "gwp": {
            "AR5": {
                "title": "test GWPs",
                "values": {
                    "CO2": {"value": 1, **_SRC},
                    "CH4": {"value": 28, **_SRC},
                    "N2O": {"value": 265, **_SRC},
                },
            }
        },
        "rules": {
            "saving_targets": [
                {
                    "id": "t",
                    "title": "test target",
                    "from_year": 2015,
                    "to_year": 2019,
                    "tiers": [{"min_capacity_kw": 800, "basis": "average", "target": {"value": 0.01, **_SRC}}],
                }
            ],
            "summer_months": {"months": [6, 7, 8, 9], "source": "s"},
            "limits": {"regulated_contract_capacity": {"value": 800, "unit": "kW", **_SRC}},
            "reference_prices": {"source": "s", "prices": {"coal": {"value": 3000, "unit": "TWD/t", **_SRC}}},
        },
        "inventory": {
            "leak_rates": {"chillers": {"low": 0.02, "high": 0.15, "zh": "冰水主機", "source": "s"}},
            "extinguisher_agents": {"dry_chemical": {"gas": None, "note": "no greenhouse gas", "source": "s"}},
            "septic": {"ch4_per_person_hour": {"value": 0.0000015938, "unit": "t", **_SRC}},
        },
        "factor_sets": [
            {
                "id": "mine",
                "title": "test set",
                "vintage": "2024",
                "oil_equivalent": "oe",
                "grid_factors": {2024: {"value": 0.474, "unit": "kg/kWh", **_SRC}},
                "supplier_factor": {"value": 0.3, "unit": "kg/kWh", **_SRC},
                "fuels": [
                    {
                        "id": "diesel",
                        "code": "O05",
                        "name_zh": "柴油",
                        "name_en": "Gas/diesel oil",
                        "basis_unit": "L",
                        "heat_value": {"value": 8400, "unit": "kcal/L", **_SRC},
                        "carbon_factor": {"value": 20.2, "unit": "kg/GJ", **_SRC},
                        "per_tj": {
                            "stationary": {
                                "CO2": {"value": 74100, "unit": "kg/TJ", **_SRC},
                                "CH4": {"value": 3, "unit": "kg/TJ", **_SRC},
                            }
                        },
                        "recommended": {"value": 2.61, "unit": "kg/L", **_SRC},
                        "density": {"value": 0.84, "unit": "kg/L", **_SRC},
                    },
                    {
                        "id": "electricity",
                        "code": "E01",
                        "name_zh": "電力",
                        "name_en": "Electricity",
                        "basis_unit": "kWh",
                    },
                ],
            }
        ],
    }


def _dump(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "factors.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _at(doc: dict[str, Any], keys: tuple[Any, ...]) -> dict[str, Any]:
    node: Any = doc
    for k in keys:
        node = node[k]
    return node  # type: ignore[no-any-return]


# (where in the document, the path the message names, zero allowed, a unit of another dimension)
FIELDS = [
    (("factor_sets", 0, "grid_factors", 2024), "factor_sets[mine].grid_factors.2024", False, "kg"),
    (("factor_sets", 0, "supplier_factor"), "factor_sets[mine].supplier_factor", True, "kg"),
    (("factor_sets", 0, "fuels", 0, "heat_value"), "factor_sets[mine].fuels[diesel].heat_value", False, "kg/L"),
    (("factor_sets", 0, "fuels", 0, "carbon_factor"), "factor_sets[mine].fuels[diesel].carbon_factor", True, "kg"),
    (
        ("factor_sets", 0, "fuels", 0, "per_tj", "stationary", "CH4"),
        "factor_sets[mine].fuels[diesel].per_tj.stationary.CH4",
        True,
        "kg/L",
    ),
    (("factor_sets", 0, "fuels", 0, "recommended"), "factor_sets[mine].fuels[diesel].recommended", True, "kg/kWh"),
    (("factor_sets", 0, "fuels", 0, "density"), "factor_sets[mine].fuels[diesel].density", False, "kg"),
    (("oil_equivalent", "oe", "kcal_per_kloe"), "oil_equivalent.oe.kcal_per_kloe", False, "kcal"),
    (("oil_equivalent", "oe", "kcal_per_kgoe"), "oil_equivalent.oe.kcal_per_kgoe", False, "kcal/kg"),
    (("oil_equivalent", "oe", "electricity"), "oil_equivalent.oe.electricity", False, "kcal"),
    (("gwp", "AR5", "values", "CH4"), "gwp.AR5.values.CH4", True, "kg"),
    (("constants", "molar_mass_carbon"), "constants.molar_mass_carbon", False, "kg"),
    (("constants", "water_density"), "constants.water_density", False, "kg"),
    (("rules", "limits", "regulated_contract_capacity"), "rules.limits.regulated_contract_capacity", False, "kWh"),
    (("rules", "reference_prices", "prices", "coal"), "rules.reference_prices.prices.coal", False, "TWD"),
    (
        ("rules", "saving_targets", 0, "tiers", 0, "target"),
        "rules.saving_targets[t].tiers[0].target",
        False,
        "kg",
    ),
    (("inventory", "septic", "ch4_per_person_hour"), "inventory.septic.ch4_per_person_hour", False, "kg/h"),
]

# (label, the value written, a pattern of what the message says is wrong, how the value is shown)
BAD_VALUES = [
    ("negative", -0.5, r"must be a (positive|non-negative) .*\((>|>=) 0", "-0.5"),
    ("true", True, r"must be a number, not a boolean", "True"),
    ("false", False, r"must be a number, not a boolean", "False"),
    ("nan", math.nan, r"must be a finite number", "nan"),
    ("inf", math.inf, r"must be a finite number", "inf"),
    ("-inf", -math.inf, r"must be a finite number", "-inf"),
    ("text", "0.5", r"must be a number, not text", "'0.5'"),
    ("huge int", 10**400, r"within float64 range", "an int of 401 digits"),
    ("1e308", 1e308, r"must be at most 1e\+30", "1e+308"),  # finite, but its products overflow to inf
]


def test_the_small_file_loads(tmp_path):
    sets = factors.from_file(_dump(tmp_path, _small_file()))
    fs = sets["mine"]
    # 1000 L x 8,400 kcal/L; 1000 kWh x 0.474 kg/kWh
    assert energy.heat(Q_(1000, "L"), "diesel", fs).m == pytest.approx(8_400_000, rel=1e-12)
    assert emissions.electricity(Q_(1000, "kWh"), 2024, fs).co2e.m == pytest.approx(474, rel=1e-12)


@pytest.mark.parametrize(("where", "path", "zero_ok", "wrong_unit"), FIELDS, ids=[f[1] for f in FIELDS])
@pytest.mark.parametrize(("label", "bad", "what", "shown"), BAD_VALUES, ids=[b[0] for b in BAD_VALUES])
def test_a_bad_value_is_refused_at_load(tmp_path, where, path, zero_ok, wrong_unit, label, bad, what, shown):
    doc = _small_file()
    _at(doc, where)["value"] = bad
    file = _dump(tmp_path, doc)
    with pytest.raises(DataFileError) as info:
        factors.from_file(file)
    message = str(info.value)
    assert str(file) in message
    assert f"{path}.value: " in message, message
    assert re.search(what, message), message
    assert shown in message, message


@pytest.mark.parametrize(("where", "path", "zero_ok", "wrong_unit"), FIELDS, ids=[f[1] for f in FIELDS])
def test_zero_is_refused_where_it_means_nothing(tmp_path, where, path, zero_ok, wrong_unit):
    doc = _small_file()
    _at(doc, where)["value"] = 0
    file = _dump(tmp_path, doc)
    if zero_ok:  # a carbon-free fuel, a gas that does not warm, a renewable supply contract
        factors.from_file(file)
        return
    with pytest.raises(DataFileError) as info:
        factors.from_file(file)
    message = str(info.value)
    assert str(file) in message and f"{path}.value: must be a positive " in message and "(> 0" in message
    assert "got 0.0" in message, message


@pytest.mark.parametrize(("where", "path", "zero_ok", "wrong_unit"), FIELDS, ids=[f[1] for f in FIELDS])
def test_a_unit_of_another_dimension_is_refused_at_load(tmp_path, where, path, zero_ok, wrong_unit):
    doc = _small_file()
    _at(doc, where)["unit"] = wrong_unit
    file = _dump(tmp_path, doc)
    with pytest.raises(DataFileError) as info:
        factors.from_file(file)
    message = str(info.value)
    assert str(file) in message
    assert f"{path}.unit: " in message, message
    assert f"got {wrong_unit!r}" in message and re.search("must be (like|in units like|in) ", message), message


def test_the_issue_reproducers_are_refused_at_load(tmp_path):
    """Issue 12: -0.474 gave -474 kg; `value: true` loaded as 1.0; kcal_per_kloe 0 was a ZeroDivisionError;
    a grid factor in kg failed only when used."""
    from carbonaudit._data import data_path

    shipped = yaml.safe_load(data_path("factors.yaml").read_text(encoding="utf-8"))
    cases = [
        (("factor_sets", 0, "grid_factors", 2024), "value", -0.474, "factor_sets[tw-2024].grid_factors.2024.value"),
        (("factor_sets", 0, "grid_factors", 2024), "value", True, "factor_sets[tw-2024].grid_factors.2024.value"),
        (("oil_equivalent", "tw-final-860", "kcal_per_kloe"), "value", 0, "oil_equivalent.tw-final-860.kcal_per_kloe"),
        (("factor_sets", 0, "grid_factors", 2024), "unit", "kg", "factor_sets[tw-2024].grid_factors.2024.unit"),
    ]
    for where, key, bad, path in cases:
        doc = copy.deepcopy(shipped)
        _at(doc, where)[key] = bad
        file = _dump(tmp_path, doc)
        with pytest.raises(DataFileError) as info:
            factors.from_file(file)
        message = str(info.value)
        assert str(file) in message and path in message, message
        # an error in a table the sets share is reported once, at the file's own table
        assert message.count(path.split(".", 1)[1]) == 1, message


def test_grid_factor_years_are_ad_years_at_load(tmp_path):
    doc = _small_file()
    grid = doc["factor_sets"][0]["grid_factors"]
    grid[113] = grid.pop(2024)  # ROC 113 = AD 2024
    with pytest.raises(DataFileError, match=r"grid_factors\.113.*AD year.*roc_to_ad\(113\)"):
        factors.from_file(_dump(tmp_path, doc))


@pytest.mark.parametrize(
    ("where", "key", "bad", "pattern"),
    [
        (("schema_version",), None, True, r"schema_version: must be a whole number, not a boolean"),
        (("rules", "summer_months", "months"), None, [6, 7, 13], r"months\[2\]: .*less than or equal to 12"),
        (("inventory", "leak_rates", "chillers"), "low", True, r"chillers\.low: must be a number, not a boolean"),
        (("factor_sets", 0, "fuels", 0), "basis_unit", "kW", r"fuels\[diesel\]\.basis_unit: .*got kW"),
        (
            ("oil_equivalent", "oe", "electricity"),
            "unit",
            "dimensionless",
            r"electricity\.unit: .*kcal/kWh or KLOE/kWh",
        ),
        (("factor_sets", 0, "grid_factors", 2024), "unit", "kg/(kvar*h)", r"grid_factors\.2024\.unit: .*reactive"),
    ],
)
def test_other_numbers_of_the_file_are_checked(tmp_path, where, key, bad, pattern):
    doc = _small_file()
    if key is None:
        parent, last = _at(doc, where[:-1]), where[-1]
        parent[last] = bad
    else:
        _at(doc, where)[key] = bad
    with pytest.raises(DataFileError, match=pattern):
        factors.from_file(_dump(tmp_path, doc))


def test_legitimate_zeros_still_load(tmp_path):
    """Zero where it means something: a carbon-free fuel, a gas the fuel does not emit, a renewable supply."""
    doc = _small_file()
    fs_doc = doc["factor_sets"][0]
    fs_doc["supplier_factor"]["value"] = 0  # a 100 % renewable supply contract, market-based
    fs_doc["fuels"][0]["per_tj"]["stationary"]["CH4"]["value"] = 0
    doc["gwp"]["AR5"]["values"]["H2O-test"] = {"value": 0, **_SRC}  # a gas that is not a greenhouse gas
    fs_doc["fuels"].append(
        {
            "id": "carbon_free_test_fuel",
            "name_zh": "測試燃料",
            "name_en": "Carbon-free test fuel",
            "basis_unit": "kg",
            "heat_value": {"value": 1000, "unit": "kcal/kg", **_SRC},
            "carbon_factor": {"value": 0, "unit": "kg/GJ", **_SRC},
            "per_tj": {"stationary": {"CO2": {"value": 0, "unit": "kg/TJ", **_SRC}}},
            "recommended": {"value": 0, "unit": "kg/kg", **_SRC},
        }
    )
    fs = factors.from_file(_dump(tmp_path, doc))["mine"]
    # 1000 kWh x 0 kg/kWh = 0 kg; 1000 L diesel: CH4 8,400,000 kcal x 0 kg/TJ = 0 kg
    assert emissions.electricity(Q_(1000, "kWh"), factor_set=fs, method="market").co2e.m == 0
    assert emissions.emissions(Q_(1000, "L"), "diesel", fs, method="heat_value").by_gas["CH4"].m == 0
    assert emissions.co2(Q_(5, "t"), "carbon_free_test_fuel", fs).m == 0  # 5,000 kg x 0 kg/kg
    # 5,000 kg x 1,000 kcal/kg
    assert energy.heat(Q_(5, "t"), "carbon_free_test_fuel", fs).m == pytest.approx(5_000_000, rel=1e-12)
    assert fs.gwp("H2O-test") == 0


def test_the_shipped_file_still_loads():
    from carbonaudit._data import data_path

    sets = factors.from_file(data_path("factors.yaml"))
    assert sets["tw-2024"] == factors.load("tw-2024") and sets["ntpc-award-2015"] == factors.load("ntpc-award-2015")


# -- with_overrides: the same checks, as CarbonAuditErrors ---------------------------------------

OVERRIDES = [
    ("heat_values", {"C02": None}, "kcal/kg", "heat_values['C02']", False),
    ("densities", {"LPG": None}, "kg/L", "densities['LPG']", False),
    ("grid_factors", {2024: None}, "kg/kWh", "grid_factors[2024]", False),
    ("supplier_factor", None, "kg/kWh", "supplier_factor", True),
]


def _override(current: Any, arg: str, template: Any, value: Any) -> Any:
    given = value if template is None else {k: value for k in template}
    return current.with_overrides(**{arg: given})


@pytest.mark.parametrize(("arg", "template", "unit", "name", "zero_ok"), OVERRIDES, ids=[o[0] for o in OVERRIDES])
@pytest.mark.parametrize(
    ("label", "make", "error", "pattern"),
    [
        ("negative", lambda u: Q_(-1.0, u), InvalidValueError, "must be a positive|must be a non-negative"),
        ("nan", lambda u: Q_(math.nan, u), InvalidValueError, "finite"),
        ("inf", lambda u: Q_(math.inf, u), InvalidValueError, "finite"),
        ("bool", lambda u: Q_(np.bool_(True), u), InvalidValueError, "bool"),
        ("text", lambda u: Q_("0.5", u), InvalidValueError, "text"),
        ("array", lambda u: Q_(np.array([1.0, 2.0]), u), InvalidValueError, r"single value.*shape \(2,\)"),
        ("1-element array", lambda u: Q_(np.array([1.0]), u), InvalidValueError, "single value"),
        ("bare number", lambda u: 0.5, UnitsError, "bare"),
        ("wrong dimension", lambda u: Q_(0.5, "kcal"), UnitsError, "must be"),
    ],
)
def test_with_overrides_refuses_what_a_file_may_not_hold(
    current, arg, template, unit, name, zero_ok, label, make, error, pattern
):
    with pytest.raises(error) as info:
        _override(current, arg, template, make(unit))
    message = str(info.value)
    assert name in message and re.search(pattern, message), message


@pytest.mark.parametrize(("arg", "template", "unit", "name", "zero_ok"), OVERRIDES, ids=[o[0] for o in OVERRIDES])
def test_with_overrides_zero(current, arg, template, unit, name, zero_ok):
    if zero_ok:  # a renewable supply: 1000 kWh x 0 kg/kWh = 0 kg
        fs = _override(current, arg, template, Q_(0, unit))
        assert emissions.electricity(Q_(1000, "kWh"), factor_set=fs, method="market").co2e.m == 0
        return
    with pytest.raises(InvalidValueError, match=re.escape(name) + r" must be a positive .*\(> 0"):
        _override(current, arg, template, Q_(0, unit))


def test_with_overrides_refuses_reactive_energy_and_non_mappings(current):
    with pytest.raises(UnitsError, match=r"grid_factors\[2024\].*reactive"):
        current.with_overrides(grid_factors={2024: Q_(0.9, "kg/(kvar*h)")})
    with pytest.raises(InvalidValueError, match="heat_values must be a mapping"):
        current.with_overrides(heat_values=[("C02", Q_(6100, "kcal/kg"))])
    with pytest.raises(InvalidValueError, match="note must be a str"):
        current.with_overrides(note=5)
    with pytest.raises(PeriodError, match="AD year"):
        current.with_overrides(grid_factors={113: Q_(0.474, "kg/kWh")})


def test_every_override_error_is_a_carbonaudit_error(current):
    """An array heat value was a TypeError (issue 12, defect 12)."""
    for value in (Q_(np.array([6100.0, 6200.0]), "kcal/kg"), Q_(np.array([[6100.0]]), "kcal/kg")):
        with pytest.raises(CarbonAuditError, match=r"heat_values\['C02'\]"):
            current.with_overrides(heat_values={"C02": value})
    # a fuel with no heat value takes its basis from the override: an array is refused there too
    with pytest.raises(CarbonAuditError, match=r"heat_values\['木炭'\]"):
        factors.load("ntpc-award-2015").with_overrides(heat_values={"木炭": Q_(np.array([7000.0]), "kcal/kg")})


def test_factor_value_refuses_booleans_and_text_when_built_directly():
    with pytest.raises(ValidationError, match="not a boolean"):
        FactorValue(value=True, unit="kg/kWh", source="s", status="user")
    with pytest.raises(ValidationError, match="not text"):
        FactorValue(value="0.474", unit="kg/kWh", source="s", status="user")  # type: ignore[arg-type]
    assert FactorValue(value=np.float64(0.474), unit="kg/kWh", source="s", status="user").value == 0.474


def test_names_of_gwp_sets_and_bases_are_checked(current):
    # "" was taken as "the set's own" (the harness's empty-string case)
    with pytest.raises(FactorNotFoundError, match=r"gwp must be one of 'AR4', 'AR5', 'AR6'.*got str ''"):
        current.gwp("CH4", "")
    with pytest.raises(FactorNotFoundError, match=r"basis must be one of .*'tw-final-860'.*got str ''"):
        current.oil_equivalent_basis("")
    with pytest.raises(FactorNotFoundError, match="got list"):
        current.gwp("CH4", ["AR5"])  # type: ignore[arg-type]  # was a TypeError (unhashable)
    with pytest.raises(FactorNotFoundError, match="source"):
        current.source(["moenv-2024-ef"])  # type: ignore[arg-type]
    assert current.gwp("CH4") == 28  # AR5 (the set's own): 28


def test_an_override_of_an_unknown_fuel_names_the_argument(current):
    with pytest.raises(
        FactorNotFoundError, match=r"heat_values key 'diesl': fuel 'diesl' is not in .*did you mean 'diesel'"
    ):
        current.with_overrides(heat_values={"diesl": Q_(8400, "kcal/L")})
    with pytest.raises(FactorNotFoundError, match=r"densities key 1000"):
        current.with_overrides(densities={1000: Q_(0.55, "kg/L")})


def test_blends_of_blends_and_reversed_rules_are_refused_at_load(tmp_path):
    doc = _small_file()
    doc["blends"] = {"R-X": {"components": {"R-X": 1.0}, "source": "s"}}  # would recurse in gwp_value
    with pytest.raises(DataFileError, match=r"blends\.R-X\.components: must be pure gases, not blends: 'R-X'"):
        factors.from_file(_dump(tmp_path, doc))
    doc = _small_file()
    doc["rules"]["saving_targets"][0]["to_year"] = 2014  # before from_year 2015
    with pytest.raises(DataFileError, match=r"saving_targets\[t\]\.to_year: must not be before from_year 2015"):
        factors.from_file(_dump(tmp_path, doc))
    doc = _small_file()
    doc["sources"]["s"]["year"] = 113  # an ROC year
    with pytest.raises(DataFileError, match=r"sources\.s: .*roc_to_ad\(113\)"):
        factors.from_file(_dump(tmp_path, doc))


def test_a_factor_value_is_never_negative_nor_beyond_1e30():
    with pytest.raises(ValidationError, match="must not be negative"):
        FactorValue(value=-74100.0, unit="kg/TJ", source="s", status="user")
    with pytest.raises(ValidationError, match=r"at most 1e\+30"):
        FactorValue(value=1e308, unit="kcal/L", source="s", status="user")


def test_a_measured_heat_value_takes_a_mass_or_volume_as_float64(award):
    from decimal import Decimal

    # production-declaration-2018 表六之二 煉焦煤: 11 t x 1000 kg/t x 7,010 kcal/kg = 77,110,000 kcal, whatever the number type
    for amount in (Q_(11, "t"), Q_(Decimal("11"), "t"), Q_(np.int8(11), "t")):  # Decimal was a bare TypeError
        got = energy.heat(amount, "C01", award, heat_value=Q_(7010, "kcal/kg"))
        assert got.m == pytest.approx(11 * 1000 * 7010, rel=1e-12) and isinstance(got.m, float)
    # an amount of another dimension was named as the heat value's fault
    with pytest.raises(UnitsError, match=r"^amount must be in a unit of"):
        energy.heat(Q_(11, "m"), "C01", award, heat_value=Q_(7010, "kcal/kg"))
    with pytest.raises(UnitsError, match=r"^amount "):
        energy.heat(Q_(11, "kcal"), "C01", award, heat_value=Q_(7010, "kcal/kg"))


def test_an_empty_gwp_name_is_not_the_default(current):
    with pytest.raises(FactorNotFoundError, match="gwp must be one of"):
        emissions.emissions(Q_(1000, "L"), "diesel", current, gwp="")
    rows = pd.DataFrame({"fuel": ["diesel"], "amount": [1000.0], "unit": ["L"]})
    with pytest.raises(FactorNotFoundError, match="gwp must be one of"):
        emissions.frame(rows, current, gwp="")
