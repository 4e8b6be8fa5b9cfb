"""Exact messages, lines, traces, findings and boundaries of ``carbonaudit.inventory.compute``.

Every expected number is worked by hand below from the factor values of tw-2024 (tw-grid-series,
moenv-2024-ef): grid 0.474 kg CO2e/kWh (113年, 2024), 0.522 (102年, 2013, award-form-2015 附表2 註4); AR5 GWPs
(環境部 113/2/5 公告 排放係數表) CO2 1, CH4 28, N2O 265, HFC-134a 1,300, HFC-227ea 3,350, R-410A 1,923.5
(form template), AR4 R-410A 2,088, AR6 R-410A 2,255.5 (0.5 x HFC-32 + 0.5 x HFC-125, ASHRAE 34);
diesel 8,629 kcal/L, 74,100 kg CO2/TJ, stationary 3 kg CH4 and 0.6 kg N2O per TJ (IPCC 2006 Vol. 2
Table 2.2), mobile 3.9 and 3.9 (Tables 3.2.1/3.2.2); 1 kcal = 4.1868e-9 TJ; IPCC 2006 Vol. 3
Table 7.9 chillers 2-15 % a year; septic tanks 0.0000015938 t CH4 per person-hour.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pandas as pd
import pytest

from carbonaudit import FactorNotFoundError, InvalidValueError, PeriodError, UnitsError, factors
from carbonaudit.declaration.models import Amount
from carbonaudit.errors import Finding
from carbonaudit.factors.models import FactorTrace
from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compute
from carbonaudit.inventory.compute import CATEGORIES, SECTORS, Inventory, Line

FS = factors.load("tw-2024")  # the hand-worked figures use tw-2024 (the default until issue 14)
TJ_PER_L_DIESEL = 8629 * 4.1868e-9  # heat value [kcal/L] x TJ per kcal
MOENV = "環境部 溫室氣體排放係數 公告 (2024-02-05), 附表四"  # a GWP of the announcement: its 附表四
GRID_CITE = "電力排碳係數 歷年 (2025)"
FORM_CITE = "環境部 溫室氣體盤查表單 (2024)"
IPCC_79 = "2006 IPCC Guidelines Vol. 3 IPPU (2006), Table 7.9"
TOOLS_CITE = "溫室氣體排放係數管理表 6.0.4 (工具引用) (2019)"  # tools quoting the 6.0.4 table (septic per person-hour)
CLASSES = (
    "domestic, stand_alone_commercial, medium_large_commercial, transport, industrial, chillers, "
    "residential_commercial_ac, vehicle_ac"
)


def _org(i: str, parent: str | None = None, status: str | None = "complete", **kw: object) -> Organisation:
    return Organisation(id=i, name=i.upper(), parent=parent, status={2024: status} if status else {}, **kw)  # type: ignore[arg-type]


def _tree(*extra: Organisation) -> OrgTree:
    return OrgTree([_org("team"), _org("a", "team"), *extra])


def _rec(kind: str, value: float, unit: str, org: str = "a", year: int = 2024, **kw: object) -> ActivityRecord:
    return ActivityRecord(org=org, year=year, kind=kind, amount={"value": value, "unit": unit}, **kw)  # type: ignore[arg-type]


def _raw(kind: str, value: float, unit: str, **kw: object) -> ActivityRecord:
    """A record built without validation (model_construct): compute's own checks are all that stand."""
    fields = {k: Amount.model_construct(**v) if isinstance(v, dict) else v for k, v in kw.items()}
    return ActivityRecord.model_construct(
        org="a", year=2024, kind=kind, amount=Amount.model_construct(value=value, unit=unit), **fields
    )


def _error(records: list, error: type[Exception], fs=FS, year: int = 2024, tree=None, **kw) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(error) as info:
        compute(tree or _tree(), records, fs, year=year, **kw)
    assert type(info.value) is error
    return str(info.value)


def _one(record: ActivityRecord, fs=FS, gwp: str | None = None) -> list[Line]:  # type: ignore[no-untyped-def]
    return list(compute(_tree(), [record], fs, gwp=gwp, year=2024).lines)


def _fs_without(source: str):  # type: ignore[no-untyped-def]
    return FS.model_copy(update={"sources": {k: v for k, v in FS.sources.items() if k != source}})


# -- constants -------------------------------------------------------------------------------------


def test_categories_and_sectors_of_government_inventory():
    # government-inventory: the government categories and the district sectors of each emission source
    assert CATEGORIES == {
        "stationary_energy": "固定能源",
        "transport": "運輸",
        "fugitive": "逸散",
        "industrial_process": "工業製程",
        "agriculture": "農業",
        "lulucf": "土地利用及林業",
        "waste": "廢棄物",
    }
    assert SECTORS == {
        "stationary_combustion": "energy",
        "mobile_combustion": "energy",
        "purchased_electricity": "energy",
        "purchased_heat": "energy",
        "outsourced": "energy",
        "refrigerant": "industrial_process",
        "fire_extinguisher": "industrial_process",
        "process": "industrial_process",
        "septic_tank": "waste",
        "fugitive": "energy",  # issue 14: gas released directly (IPCC 2006 Vol. 2 Ch. 4, fugitive emissions)
    }


# -- _check_year ------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [1911, 2212])
def test_a_year_outside_1912_2211_is_refused_with_the_whole_message(year):
    message = _error([], PeriodError, year=year)
    assert message == (
        f"year must be an AD year as int 1912-2211, got int {year} (no record could match it: the inventory would be empty)"
    )


@pytest.mark.parametrize("year", [1912, 2211])
def test_the_first_and_last_years_are_accepted(year):
    inv = compute(_tree(), [], FS, year=year)
    assert inv.year == year and inv.lines == ()


# -- compute: arguments and the record loop ----------------------------------------------------------


def test_inventory_names_its_year_set_and_default_gwp():
    inv = compute(_tree(), [_rec("refrigerant_topup", 2, "kg", gas="R-410A")], year=2024)
    assert (inv.year, inv.factor_set, inv.gwp) == (2024, "tw-2024", "AR5")  # the set's own GWP
    # 2 kg x AR5 1,923.5 = 3,847 kg
    assert inv.total() == pytest.approx(3.847, rel=1e-12)
    ntpc = compute(_tree(), [], "ntpc-award-2015", year=2024)
    assert ntpc.factor_set == "ntpc-award-2015"


def test_an_explicit_gwp_is_used():
    inv = compute(_tree(), [_rec("refrigerant_topup", 2, "kg", gas="R-410A")], FS, gwp="AR4", year=2024)
    assert inv.gwp == "AR4"
    assert inv.total() == pytest.approx(2 * 2088 / 1000, rel=1e-12)  # 2 kg x AR4 2,088


def test_an_unknown_gwp_set_is_refused_even_without_records():
    message = _error([], FactorNotFoundError, gwp="AR9")
    assert message == "GWP set 'AR9' is not available (have: AR4, AR5, AR6)"


def test_a_record_that_is_not_an_activity_record_is_refused_with_the_whole_message():
    raw = {"org": "a", "year": 2024, "kind": "electricity", "amount": {"value": 1, "unit": "kWh"}}
    message = _error([_rec("electricity", 1, "kWh"), raw], InvalidValueError)
    assert message == (
        "records[1] must be an ActivityRecord, got dict: build it with ActivityRecord(...) or "
        "ActivityRecord.model_validate(...), which check its fields"
    )


def test_records_of_other_years_are_skipped_and_the_loop_goes_on():
    # the 2023 record is of an organisation not in the tree: skipped, not checked; the next is counted
    records = [_rec("electricity", 1_000, "kWh", org="zz", year=2023), _rec("electricity", 1_000, "kWh")]
    inv = compute(_tree(), records, FS, year=2024)
    assert [(ln.record, ln.org) for ln in inv.lines] == [(1, "a")]
    assert inv.total() == pytest.approx(0.474, rel=1e-12)  # 1,000 kWh x 0.474 kg/kWh


def test_an_organisation_not_in_the_tree_is_refused_with_the_whole_message():
    message = _error([_rec("electricity", 1, "kWh", org="zz")], InvalidValueError)
    assert message == "records[0]: organisation 'zz' is not in the tree"


@pytest.mark.parametrize(
    ("year", "hint"),
    [
        (2012, ""),  # no shipped set has a grid factor for 2012
        (2025, " (factors.for_year(2025): 'tw-2025')"),  # issue 14: the set that covers it
        (2026, " (factors.for_year(2026, provisional=True) for a year whose factors are not announced yet)"),
    ],
)
def test_a_year_outside_the_grid_coverage_is_refused(year, hint):
    message = _error([_rec("electricity", 1, "kWh", year=year)], FactorNotFoundError, year=year)
    assert message == (
        f"records[0] (a, electricity): {year} is outside factor set 'tw-2024''s coverage 2013-2024; "
        f"use a set that covers it{hint} or with_overrides(grid_factors=...)"
    )


@pytest.mark.parametrize(("year", "grid"), [(2013, 0.522), (2024, 0.474)])
def test_the_first_and_last_covered_years_are_computed(year, grid):
    # 102年 0.522 kg/kWh (award-form-2015 附表2 註4), 113年 0.474 kg/kWh
    inv = compute(_tree(), [_rec("electricity", 1_000, "kWh", year=year)], FS, year=year)
    assert inv.total() == pytest.approx(grid, rel=1e-12)


def test_a_record_with_its_own_factor_is_computed_outside_the_coverage():
    steam = _rec("process", 10, "t", year=2012, emission_factor={"value": 0.5, "unit": "t/t"})
    inv = compute(_tree(), [steam], FS, year=2012)
    assert inv.total() == pytest.approx(5.0, rel=1e-12)  # 10 t x 0.5 t/t


def test_a_set_without_grid_factors_covers_every_year():
    fs = FS.model_copy(update={"grid_factors": {}})
    inv = compute(_tree(), [_rec("fuel", 1, "L", year=1999, fuel="diesel")], fs, year=1999)
    # 1 L diesel, stationary: 8,629 kcal x 4.1868e-9 TJ/kcal x (74,100 + 3 x 28 + 0.6 x 265) kg/TJ
    assert inv.total() == pytest.approx(TJ_PER_L_DIESEL * (74_100 + 3 * 28 + 0.6 * 265) / 1000, rel=1e-12)


def test_a_missing_grid_year_inside_the_coverage_names_the_record():
    # tw-2024 has no 2014 (103年) factor: the coverage check passes, the set's lookup refuses
    message = _error([_rec("electricity", 1, "kWh", year=2014)], FactorNotFoundError, year=2014)
    assert message == (
        "records[0] (a, electricity): factor set 'tw-2024' has no grid factor for 2014 (it has: 2013, 2015, 2016, "
        "2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024); use another set or with_overrides(grid_factors={...})"
    )


def test_a_wrapped_error_keeps_its_exact_type():
    message = _error([_raw("septic", 1, "kg")], UnitsError)
    assert message == (
        "records[0] (a, septic): amount of a septic record must be staff working hours (h: hours x persons), "
        "got 1 kg (amount must be in a unit of [time] (e.g. h), got kg which is [mass])"
    )


def test_a_negative_amount_built_without_validation_names_amount():
    message = _error([_raw("electricity", -1.0, "kWh")], InvalidValueError)
    assert message == "records[0] (a, electricity): amount must be a finite, non-negative number, got -1.0"


def test_mixed_units_are_looked_for_in_the_years_records_only():
    mixed_2023 = [
        _rec("fuel", 1, "kL", year=2023, fuel="diesel", use="mobile"),
        _rec("fuel", 500, "L", year=2023, fuel="diesel", use="mobile"),
    ]
    inv = compute(_tree(), [*mixed_2023, _rec("electricity", 1, "kWh")], FS, year=2024)
    assert [f.code for f in inv.findings] == []
    mixed_2024 = [_rec("electricity", 1, "MWh"), _rec("electricity", 500, "kWh")]
    inv = compute(_tree(), [*mixed_2024, *mixed_2023], FS, year=2024)
    assert [(f.code, f.message) for f in inv.findings] == [
        ("inventory.mixed_units", "a 2024 electricity is reported in MWh, kWh")
    ]


# -- fuel and outsourced fuel ------------------------------------------------------------------------


def test_a_fuel_without_use_is_stationary_combustion_line_by_line():
    lines = _one(_rec("fuel", 1, "kL", fuel="diesel"))
    tj = 1000 * TJ_PER_L_DIESEL  # 1 kL = 1,000 L
    expected = {"CO2": (74_100, 1), "CH4": (3.0, 28), "N2O": (0.6, 265)}  # kg/TJ (Table 2.2), AR5 GWP
    assert [ln.gas for ln in lines] == ["CO2", "CH4", "N2O"]
    for ln in lines:
        per_tj, gwp = expected[ln.gas]
        assert (ln.org, ln.record, ln.scope, ln.category, ln.source) == (
            "a",
            0,
            1,
            "stationary_energy",
            "stationary_combustion",
        )
        assert (ln.scope2_method, ln.note) == (None, "")
        assert ln.mass_kg == pytest.approx(tj * per_tj, rel=1e-12)
        assert ln.co2e_kg == pytest.approx(tj * per_tj * gwp, rel=1e-12)
        assert [t.name for t in ln.factors] == [
            "heat_value",
            "per_tj.stationary.CO2",
            "gwp.AR5.CO2",
            "per_tj.stationary.CH4",
            "gwp.AR5.CH4",
            "per_tj.stationary.N2O",
            "gwp.AR5.N2O",
        ]


def test_a_mobile_fuel_is_transport():
    lines = _one(_rec("fuel", 1000, "L", fuel="diesel", use="mobile"))
    assert {(ln.category, ln.source, ln.scope) for ln in lines} == {("transport", "mobile_combustion", 1)}
    ch4 = next(ln for ln in lines if ln.gas == "CH4")
    assert ch4.mass_kg == pytest.approx(1000 * TJ_PER_L_DIESEL * 3.9, rel=1e-12)  # 3.9 kg CH4/TJ mobile


@pytest.mark.parametrize(("use", "category"), [("stationary", "stationary_energy"), ("mobile", "transport")])
def test_outsourced_fuel_is_scope_3(use, category):
    lines = _one(_rec("outsourced", 1000, "L", fuel="diesel", use=use))
    assert {(ln.scope, ln.category, ln.source, ln.scope2_method) for ln in lines} == {(3, category, "outsourced", None)}
    co2 = next(ln for ln in lines if ln.gas == "CO2")
    assert co2.co2e_kg == pytest.approx(1000 * TJ_PER_L_DIESEL * 74_100, rel=1e-12)


def test_records_that_differ_in_fuel_use_or_unit_are_not_given_each_others_factors():
    records = [
        _rec("fuel", 100, "L", fuel="diesel", use="stationary"),
        _rec("fuel", 100, "L", fuel="diesel", use="mobile"),
        _rec("fuel", 100, "kL", fuel="diesel", use="stationary"),
        _rec("fuel", 100, "L", fuel="motor_gasoline", use="stationary"),
        _rec("fuel", 100, "L", fuel="diesel", use="stationary"),  # the same as the first: the same lines
    ]
    together = compute(_tree(), records, FS, year=2024).lines
    alone = [ln for r in records for ln in compute(_tree(), [r], FS, year=2024).lines]
    assert len(together) == len(alone) == 15
    for got, want in zip(together, alone, strict=True):
        assert (got.gas, got.source) == (want.gas, want.source)
        assert got.co2e_kg == pytest.approx(want.co2e_kg, rel=1e-12)
        assert got.factors == want.factors
    assert [ln.record for ln in together] == [i for i in range(5) for _ in range(3)]
    # 100 kL is 1,000 times 100 L
    assert together[6].mass_kg == pytest.approx(1000 * together[0].mass_kg, rel=1e-12)


def test_a_fuel_record_without_fuel_is_refused():
    message = _error([_rec("fuel", 1, "L")], InvalidValueError)
    assert message == "records[0] (a, fuel): record kind 'fuel' needs a fuel"


# -- electricity ------------------------------------------------------------------------------------


def test_electricity_location_line_and_trace():
    [line] = _one(_rec("electricity", 2, "MWh"))
    grid = FactorTrace(
        name="grid_factors.2024",
        value=0.474,
        unit="kg/kWh",
        status="secondary",
        source="tw-grid-series",
        citation=GRID_CITE,
    )
    # 2 MWh = 2,000 kWh x 0.474 kg/kWh = 948 kg
    assert line == Line(
        "a", 0, 2, "stationary_energy", "purchased_electricity", "CO2e", 948.0, 948.0, (grid,), "location"
    )
    assert line.mass_kg == pytest.approx(948.0, rel=1e-12)


@pytest.mark.parametrize(
    ("note", "citation"), [("", "supplier factor of the record"), ("台電 2024 帳單", "台電 2024 帳單")]
)
def test_a_supplier_factor_gives_a_market_line(note, citation):
    record = _rec("electricity", 10_000, "kWh", supplier_factor={"value": 250, "unit": "g/kWh"}, note=note)
    location, market = _one(record)
    assert location.scope2_method == "location" and location.co2e_kg == pytest.approx(4740.0, rel=1e-12)
    trace = FactorTrace(
        name="supplier_factor", value=0.25, unit="kg/kWh", status="user", source="user", citation=citation
    )
    assert (market.org, market.record, market.scope, market.category, market.source, market.gas) == (
        "a",
        0,
        2,
        "stationary_energy",
        "purchased_electricity",
        "CO2e",
    )
    assert market.factors == (trace,) and market.scope2_method == "market" and market.note == ""
    # 10,000 kWh x 250 g/kWh = 2,500 kg
    assert market.mass_kg == pytest.approx(2500.0, rel=1e-12) and market.co2e_kg == pytest.approx(2500.0, rel=1e-12)


def test_outsourced_electricity_is_scope_3_location_only_even_with_a_supplier_factor():
    lines = _one(_rec("outsourced", 1_000, "kWh", supplier_factor={"value": 0.3, "unit": "kg/kWh"}))
    [line] = lines
    assert (line.scope, line.category, line.source, line.gas, line.scope2_method) == (
        3,
        "stationary_energy",
        "outsourced",
        "CO2e",
        None,
    )
    assert line.co2e_kg == pytest.approx(474.0, rel=1e-12)  # 1,000 kWh x 0.474
    assert [t.name for t in line.factors] == ["grid_factors.2024"]


def test_outsourced_without_fuel_or_energy_is_listed_qualitatively():
    [line] = _one(_rec("outsourced", 3, "t"))
    assert line == Line(
        "a",
        0,
        3,
        "stationary_energy",
        "outsourced",
        "CO2e",
        0.0,
        0.0,
        (),
        note="listed qualitatively: give a fuel or kWh to quantify",
    )


def test_a_negative_supplier_factor_built_without_validation_names_supplier_factor():
    record = _raw("electricity", 1, "kWh", supplier_factor={"value": -1.0, "unit": "kg/kWh"})
    message = _error([record], InvalidValueError)
    assert message == "records[0] (a, electricity): supplier_factor must be a finite, non-negative number, got -1.0"


# -- purchased heat and process --------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "unit"), [("process", "t"), ("purchased_heat", "GJ")])
def test_a_heat_or_process_record_without_factor_is_refused(kind, unit):
    message = _error([_rec(kind, 1, unit)], FactorNotFoundError)
    assert message == (
        f"records[0] (a, {kind}): a {kind} record needs emission_factor (kg CO2e per {unit}): the factor sets hold none"
    )


@pytest.mark.parametrize(("note", "citation"), [("", "given on the record"), ("蒸汽合約", "蒸汽合約")])
def test_purchased_heat_line_and_trace(note, citation):
    [line] = _one(_rec("purchased_heat", 100, "t", emission_factor={"value": 250, "unit": "kg/t"}, note=note))
    trace = FactorTrace(name="emission_factor", value=250, unit="kg/t", status="user", source="user", citation=citation)
    # 100 t steam x 250 kg/t = 25,000 kg, scope 2
    assert line == Line(
        "a", 0, 2, "stationary_energy", "purchased_heat", "CO2e", 25_000.0, 25_000.0, (trace,), "location"
    )


def test_process_line_and_trace_with_factor_unit_converted():
    [line] = _one(_rec("process", 10, "t", emission_factor={"value": 0.5, "unit": "t/t"}))
    trace = FactorTrace(
        name="emission_factor", value=0.5, unit="t/t", status="user", source="user", citation="given on the record"
    )
    # 10 t x 0.5 t/t = 5 t = 5,000 kg, scope 1 industrial process
    assert line == Line("a", 0, 1, "industrial_process", "process", "CO2e", 5000.0, 5000.0, (trace,))
    [heat] = _one(_rec("purchased_heat", 1, "MWh", emission_factor={"value": 200, "unit": "g/kWh"}))
    assert heat.co2e_kg == pytest.approx(200.0, rel=1e-12)  # 1,000 kWh x 0.2 kg/kWh


def test_a_negative_emission_factor_built_without_validation_names_emission_factor():
    record = _raw("process", 1, "t", emission_factor={"value": -1.0, "unit": "kg/t"})
    message = _error([record], InvalidValueError)
    assert message == "records[0] (a, process): emission_factor must be a finite, non-negative number, got -1.0"


def test_an_emission_factor_not_per_unit_of_the_amount_built_without_validation():
    record = _raw("process", 1, "t", emission_factor={"value": 1, "unit": "kg/L"})
    message = _error([record], UnitsError)
    assert message == (
        "records[0] (a, process): emission_factor × amount unit must be a Quantity of [mass] (convertible to kg), "
        "got 1.0 kg * t / l which is [mass] ** 2 / [length] ** 3"
    )


# -- refrigerants -----------------------------------------------------------------------------------


@pytest.mark.parametrize("gas", [None, ""])
def test_a_refrigerant_record_without_gas_is_refused(gas):
    message = _error([_rec("refrigerant_topup", 1, "kg", gas=gas)], FactorNotFoundError)
    assert message == "records[0] (a, refrigerant_topup): a refrigerant record needs gas (e.g. R-410A)"


@pytest.mark.parametrize("gas", ["co2", "CH4", "n2o"])
def test_a_gas_that_is_not_a_refrigerant_is_refused(gas):
    message = _error([_rec("refrigerant_leak", 1, "kg", gas=gas, leak_rate=0.1)], FactorNotFoundError)
    assert message == (
        f"records[0] (a, refrigerant_leak): gas {gas!r} is not a refrigerant (HFCs, blends such as R-410A)"
    )


@pytest.mark.parametrize("fields", [{"leak_rate": 0.1}, {"equipment_class": "chillers"}])
def test_a_top_up_with_leak_fields_is_refused(fields):
    message = _error([_rec("refrigerant_topup", 1, "kg", gas="R-410A", **fields)], InvalidValueError)
    assert message == (
        "records[0] (a, refrigerant_topup): a top-up record counts the refilled mass: "
        "leak_rate and equipment_class belong to refrigerant_leak"
    )


def test_top_up_line_and_trace():
    [line] = _one(_rec("refrigerant_topup", 0.002, "t", gas="R-410A"))
    trace = FactorTrace(
        name="gwp.AR5.R-410A", value=1923.5, unit="dimensionless", status="secondary", source="moenv-form-template",
        citation=FORM_CITE,
    )  # fmt: skip
    assert (line.org, line.record, line.scope, line.category, line.source, line.gas) == (
        "a",
        0,
        1,
        "fugitive",
        "refrigerant",
        "R-410A",
    )
    assert (line.factors, line.note, line.scope2_method) == ((trace,), "top-up (refill) mass", None)
    # 0.002 t = 2 kg refilled x 1,923.5 = 3,847 kg CO2e
    assert line.mass_kg == pytest.approx(2.0, rel=1e-12) and line.co2e_kg == pytest.approx(3847.0, rel=1e-12)


def test_leak_with_a_given_rate():
    # equipment_class is ignored when the rate is given: 100 kg x 5 % = 5 kg x HFC-134a 1,300
    [line] = _one(_rec("refrigerant_leak", 100, "kg", gas="HFC-134a", leak_rate=0.05, equipment_class="chillers"))
    assert line.note == "charge × leak rate 5.0% (given)"
    assert [t.name for t in line.factors] == ["gwp.AR5.HFC-134a"]
    assert line.mass_kg == pytest.approx(5.0, rel=1e-12) and line.co2e_kg == pytest.approx(6500.0, rel=1e-12)


@pytest.mark.parametrize(("rate", "mass"), [(0.0, 0.0), (1.0, 100.0)])
def test_leak_rates_of_zero_and_one_are_accepted(rate, mass):
    [line] = _one(_raw("refrigerant_leak", 100, "kg", gas="HFC-134a", leak_rate=rate))
    assert line.mass_kg == pytest.approx(mass, rel=1e-12)


@pytest.mark.parametrize("rate", [float(np.nextafter(1.0, 2.0)), -1e-300, float("nan")])
def test_a_leak_rate_outside_0_1_built_without_validation_is_refused(rate):
    message = _error([_raw("refrigerant_leak", 100, "kg", gas="HFC-134a", leak_rate=rate)], InvalidValueError)
    assert message == f"records[0] (a, refrigerant_leak): leak_rate must be a fraction from 0 to 1, got {rate!r}"


def test_a_leak_rate_that_is_not_a_number_names_leak_rate():
    message = _error([_raw("refrigerant_leak", 100, "kg", gas="HFC-134a", leak_rate="abc")], UnitsError)
    assert message == (
        "records[0] (a, refrigerant_leak): leak_rate must be a fraction (0.125) or a percent Quantity "
        "(Q_(12.5, 'percent')), got str 'abc'"
    )


def test_leak_at_the_midpoint_of_table_7_9():
    [line] = _one(_rec("refrigerant_leak", 100, "kg", gas="HFC-134a", equipment_class="chillers"))
    # chillers 2-15 % a year: midpoint 8.5 %; 100 kg x 8.5 % = 8.5 kg x 1,300 = 11,050 kg CO2e
    assert line.note == "charge × leak rate 8.50% (midpoint of 2%-15%, chillers)"
    assert line.mass_kg == pytest.approx(8.5, rel=1e-12) and line.co2e_kg == pytest.approx(11_050.0, rel=1e-12)
    gwp, leak = line.factors
    assert (gwp.name, gwp.value, gwp.citation) == ("gwp.AR5.HFC-134a", 1300.0, MOENV)
    assert leak.model_dump() == {
        "name": "leak_rates.chillers",
        "fuel": None,
        "value": pytest.approx(0.085, rel=1e-12),
        "unit": "dimensionless",
        "status": "derived",
        "source": "ipcc-2006-v3",
        "citation": IPCC_79,
        "note": "midpoint of the announced range",
    }


def test_leak_rate_citation_falls_back_to_the_source_id():
    [line] = _one(_rec("refrigerant_leak", 100, "kg", gas="HFC-134a", equipment_class="chillers"),
                  _fs_without("ipcc-2006-v3"))  # fmt: skip
    assert line.factors[1].citation == "ipcc-2006-v3"


@pytest.mark.parametrize(("cls", "shown"), [(None, "None"), ("spaceship", "'spaceship'")])
def test_an_unknown_equipment_class_is_refused_with_the_classes(cls, shown):
    message = _error([_rec("refrigerant_leak", 1, "kg", gas="R-410A", equipment_class=cls)], FactorNotFoundError)
    assert message == (
        f"records[0] (a, refrigerant_leak): equipment_class {shown} is not in IPCC 2006 Table 7.9 ({CLASSES}); "
        "or give leak_rate"
    )


def test_a_blend_gwp_whose_source_is_not_in_the_set_is_cited_by_its_note():
    record = _rec("refrigerant_topup", 2, "kg", gas="R-410A")
    note = "R-410A computed from its components' AR6 GWP: 0.5 x HFC-32 + 0.5 x HFC-125"
    [line] = _one(record, _fs_without("ashrae-34"), gwp="AR6")
    assert line.factors == (
        FactorTrace(
            name="gwp.AR6.R-410A",
            value=2255.5,
            unit="dimensionless",
            status="derived",
            source="ashrae-34",
            citation=note,
        ),
    )
    assert line.co2e_kg == pytest.approx(2 * 2255.5, rel=1e-12)  # 2 kg x AR6 2,255.5
    [cited] = _one(record, FS, gwp="AR6")
    assert cited.factors[0].citation == "ANSI/ASHRAE Standard 34 (2019)"
    assert cited.factors[0].note == note


# -- extinguishers ----------------------------------------------------------------------------------


def test_co2_extinguisher_line_in_tonnes():
    [line] = _one(_rec("extinguisher", 0.01, "t", agent="CO2"))
    trace = FactorTrace(
        name="gwp.AR5.CO2", value=1.0, unit="dimensionless", status="official", source="moenv-2024-ef", citation=MOENV
    )
    # 0.01 t = 10 kg of CO2 refilled: 10 kg CO2e
    assert line == Line(
        "a", 0, 1, "fugitive", "fire_extinguisher", "CO2", 10.0, 10.0, (trace,),
        note="the refill mass is CO2 emitted (GWP 1)",
    )  # fmt: skip


def test_hfc_227ea_extinguisher_counts_its_gwp():
    [line] = _one(_rec("extinguisher", 2, "kg", agent="HFC-227ea"))
    assert (line.gas, line.note) == ("HFC-227ea", "counts with its GWP")
    assert line.mass_kg == pytest.approx(2.0) and line.co2e_kg == pytest.approx(6700.0, rel=1e-12)  # 2 x 3,350


@pytest.mark.parametrize("agent", ["BC", "kbc", "ABC", "dry_chemical"])
def test_dry_chemical_agents_are_stated_and_counted_zero(agent):
    [line] = _one(_rec("extinguisher", 5, "kg", agent=agent))
    assert line == Line(
        "a", 0, 1, "fugitive", "fire_extinguisher", "none", 0.0, 0.0, (),
        note="BC, KBC, ABC dry chemical: no greenhouse gas",
    )  # fmt: skip


@pytest.mark.parametrize(("agent", "shown"), [(None, "None"), ("water", "'water'")])
def test_an_unknown_agent_is_refused_with_the_agents(agent, shown):
    message = _error([_rec("extinguisher", 1, "kg", agent=agent)], FactorNotFoundError)
    assert message == (
        f"records[0] (a, extinguisher): extinguisher agent {shown} is not known (CO2, HFC-227ea, dry_chemical)"
    )


# -- septic tanks -----------------------------------------------------------------------------------


def test_septic_line_and_traces():
    [line] = _one(_rec("septic", 48_000, "h"))
    # 48,000 person-hours x 0.0000015938 t = 0.0765024 t = 76.5024 kg CH4, x AR5 28
    assert (line.org, line.record, line.scope, line.category, line.source, line.gas) == (
        "a",
        0,
        1,
        "waste",
        "septic_tank",
        "CH4",
    )
    assert line.note == "staff-hours × CH4 per person-hour" and line.scope2_method is None
    assert line.mass_kg == pytest.approx(76.5024, rel=1e-12) and line.co2e_kg == pytest.approx(76.5024 * 28, rel=1e-12)
    septic, gwp = line.factors
    assert septic == FactorTrace(
        name="septic.ch4_per_person_hour",
        value=0.0000015938,
        unit="t",
        status="secondary",
        source="tw-inventory-tools",
        citation=TOOLS_CITE,
        note="tools quoting the 6.0.4 table: 0.003825 t CH4 per person-year / 2,400 h",
    )
    assert (gwp.name, gwp.value, gwp.citation) == ("gwp.AR5.CH4", 28.0, MOENV)


def test_septic_hours_in_minutes_and_citation_fallback():
    [line] = _one(_rec("septic", 120, "min"), _fs_without("tw-inventory-tools"))
    assert line.mass_kg == pytest.approx(2 * 0.0015938, rel=1e-12)  # 120 min = 2 person-hours
    assert line.factors[0].citation == "tw-inventory-tools"


def test_an_unknown_kind_built_without_validation_is_refused():
    message = _error([_raw("bogus", 1, "kg")], InvalidValueError)
    assert message == "records[0] (a, bogus): record kind 'bogus' needs a fuel"


# -- findings of the reporting status ---------------------------------------------------------------


def test_an_incomplete_agency_is_flagged_with_its_share_of_the_location_based_total():
    tree = _tree(_org("b", "team", status="in_progress"))
    records = [
        _rec("electricity", 1_000, "kWh", supplier_factor={"value": 0.3, "unit": "kg/kWh"}),
        _rec("electricity", 1_000, "kWh", org="b"),
        _rec("electricity", 2_000, "kWh", org="b"),
    ]
    inv = compute(tree, records, FS, year=2024)
    # a 0.474 t, b 0.474 + 0.948 = 1.422 t (location-based; a's market line is not counted): b's share 1.422 / 1.896 = 75 %
    [finding] = inv.findings
    assert finding == Finding(
        "inventory.incomplete",
        "warning",
        "orgs.b.status",
        "B is in progress (登錄中) for 2024: its 1.422 t CO2e (75.0% of the total) may be incomplete",
    )
    assert finding.context == {"share": pytest.approx(0.75, rel=1e-12), "status": "in_progress"}
    assert finding.message_zh == "B 盤查狀態為登錄中，排放量可能不完整"


def test_a_not_started_agency_with_no_total_has_share_zero():
    tree = OrgTree([_org("team", status=None), _org("b", "team", status=None)])
    empty, finding = compute(tree, [], FS, year=2024).findings  # the root's status is not flagged
    assert (empty.code, empty.severity, empty.path) == ("inventory.no_records", "error", "records")
    assert finding == Finding(
        "inventory.incomplete",
        "warning",
        "orgs.b.status",
        "B is not started (未登錄) for 2024: its 0.000 t CO2e (0.0% of the total) may be incomplete",
    )
    assert finding.context == {"share": 0.0, "status": "not_started"}
    assert finding.message_zh == "B 盤查狀態為未登錄，排放量可能不完整"


def test_a_complete_agency_without_electricity_is_flagged_and_the_root_is_not():
    tree = _tree(_org("b", "team"), _org("c", "team", status="in_progress"))
    inv = compute(tree, [_rec("electricity", 1, "kWh", org="b"), _rec("electricity", 1, "kWh", org="c")], FS, year=2024)
    assert [(f.code, f.path) for f in inv.findings] == [
        ("inventory.no_electricity", "orgs.a"),
        ("inventory.incomplete", "orgs.c.status"),
    ]
    finding = inv.findings[0]
    assert finding == Finding(
        "inventory.no_electricity", "warning", "orgs.a", "A is marked complete but has no electricity record for 2024"
    )
    assert finding.context == {} and finding.message_zh == "A 已登錄完成但無用電紀錄"


def test_a_fleet_without_mobile_fuel_is_flagged_even_at_the_root():
    tree = OrgTree(
        [
            _org("team", vehicles=1),
            _org("a", "team", vehicles=2),
            _org("b", "team", vehicles=3),
            _org("c", "team", vehicles=0),
        ]
    )
    records = [
        *(_rec("electricity", 1, "kWh", org=o) for o in "abc"),
        _rec("fuel", 10, "L", fuel="diesel", use="stationary", org="a"),
        _rec("fuel", 10, "L", fuel="diesel", use="mobile", org="b"),
    ]
    inv = compute(tree, records, FS, year=2024)
    assert list(inv.findings) == [
        Finding(
            "inventory.fleet_without_fuel",
            "warning",
            "orgs.team.vehicles",
            "TEAM has 1 vehicles but no mobile fuel record for 2024",
        ),
        Finding(
            "inventory.fleet_without_fuel",
            "warning",
            "orgs.a.vehicles",
            "A has 2 vehicles but no mobile fuel record for 2024",
        ),
    ]
    assert [f.context for f in inv.findings] == [{}, {}]
    assert [f.message_zh for f in inv.findings] == ["TEAM 有公務車輛但無車用油料紀錄", "A 有公務車輛但無車用油料紀錄"]


# -- Inventory: totals, views, register -------------------------------------------------------------


@pytest.fixture
def inv() -> Inventory:
    tree = _tree(_org("b", "team", status=None))
    records = [
        _rec("electricity", 10_000, "kWh", supplier_factor={"value": 0.3, "unit": "kg/kWh"}),  # 4.74 t; market 3 t
        _rec("extinguisher", 10, "kg", agent="CO2"),  # 0.01 t
        _rec("outsourced", 1_000, "kWh"),  # 0.474 t, scope 3
        _rec("electricity", 5_000, "kWh"),  # 2.37 t
    ]
    return compute(tree, records, FS, year=2024)


def test_totals_and_groupings(inv):
    # location-based: 4.74 + 0.01 + 0.474 + 2.37 = 7.594 t; the 3 t market line is apart
    assert inv.total() == pytest.approx(7.594, rel=1e-12)
    assert inv.scope2_market() == pytest.approx(3.0, rel=1e-12)
    assert inv.by_scope() == pytest.approx({2: 7.11, 1: 0.01, 3: 0.474}, rel=1e-12)
    assert inv.by_category() == pytest.approx({"stationary_energy": 7.584, "fugitive": 0.01}, rel=1e-12)
    assert inv.by_source() == pytest.approx(
        {"purchased_electricity": 7.11, "fire_extinguisher": 0.01, "outsourced": 0.474}, rel=1e-12
    )
    assert inv.by_gas() == pytest.approx({"CO2e": 7.584, "CO2": 0.01}, rel=1e-12)
    assert inv.by_sector() == pytest.approx({"energy": 7.584, "industrial_process": 0.01}, rel=1e-12)
    assert inv.own() == pytest.approx({"team": 0.0, "a": 7.594, "b": 0.0}, rel=1e-12)
    assert inv.rolled_up() == pytest.approx({"team": 7.594, "a": 7.594, "b": 0.0}, rel=1e-12)


def test_summary_repr_and_html(inv):
    assert inv.summary() == [
        ("scope 1", pytest.approx(0.01, rel=1e-12)),
        ("scope 2 (location-based)", pytest.approx(7.11, rel=1e-12)),
        ("scope 2 (market-based, where given)", pytest.approx(3.0, rel=1e-12)),
        ("scope 3 (quantified)", pytest.approx(0.474, rel=1e-12)),
        ("total (location-based)", pytest.approx(7.594, rel=1e-12)),
    ]
    assert repr(inv) == (
        "Inventory(2024, 7.594 t CO2e; scope 1: 0.010 t, scope 2: 7.110 t, scope 3: 0.474 t; 5 lines, "
        "1 findings; set tw-2024, AR5)"
    )
    assert inv._repr_html_() == (
        "<b>Inventory 2024</b> (AR5)<table><tr><td>2</td><td>7.110</td></tr><tr><td>1</td><td>0.010</td></tr>"
        "<tr><td>3</td><td>0.474</td></tr></table>"
    )


def test_summary_of_missing_scopes_is_zero():
    inv = compute(_tree(), [_rec("electricity", 1_000, "kWh")], FS, year=2024)
    assert [v for _, v in inv.summary()] == [0.0, pytest.approx(0.474), 0.0, 0.0, pytest.approx(0.474)]


def test_to_frame_rows(inv):
    frame = inv.to_frame()
    assert list(frame.columns) == [
        "org", "org_name", "record", "scope", "iso_category", "scope2_method", "category", "category_zh",
        "source", "gas", "mass_kg", "co2e_t", "factor_ids", "sources", "note",
    ]  # fmt: skip
    rows = frame.to_dict("records")
    # ISO 14064-1 categories: electricity 2 (location and market alike), an extinguisher 1 (direct),
    # an outsourced unit's electricity 4 (a service used)
    assert [(r["org"], r["org_name"], r["record"], r["scope"], r["iso_category"], r["scope2_method"]) for r in rows] == [
        ("a", "A", 0, 2, 2, "location"),
        ("a", "A", 0, 2, 2, "market"),
        ("a", "A", 1, 1, 1, ""),
        ("a", "A", 2, 3, 4, ""),
        ("a", "A", 3, 2, 2, "location"),
    ]
    assert [(r["category"], r["category_zh"], r["source"], r["gas"]) for r in rows] == [
        ("stationary_energy", "固定能源", "purchased_electricity", "CO2e"),
        ("stationary_energy", "固定能源", "purchased_electricity", "CO2e"),
        ("fugitive", "逸散", "fire_extinguisher", "CO2"),
        ("stationary_energy", "固定能源", "outsourced", "CO2e"),
        ("stationary_energy", "固定能源", "purchased_electricity", "CO2e"),
    ]
    assert [r["mass_kg"] for r in rows] == pytest.approx([4740.0, 3000.0, 10.0, 474.0, 2370.0], rel=1e-12)
    assert [r["co2e_t"] for r in rows] == pytest.approx([4.74, 3.0, 0.01, 0.474, 2.37], rel=1e-12)
    assert [(r["factor_ids"], r["sources"]) for r in rows] == [
        ("grid_factors.2024", GRID_CITE),
        ("supplier_factor", "supplier factor of the record"),
        ("gwp.AR5.CO2", MOENV),
        ("grid_factors.2024", GRID_CITE),
        ("grid_factors.2024", GRID_CITE),
    ]
    assert [r["note"] for r in rows] == ["", "", "the refill mass is CO2 emitted (GWP 1)", "", ""]


def test_to_frame_joins_several_factors_and_sorts_their_sources():
    inv = compute(_tree(), [_rec("septic", 1, "h")], FS, year=2024)
    [row] = inv.to_frame().to_dict("records")
    assert row["factor_ids"] == "septic.ch4_per_person_hour;gwp.AR5.CH4"
    assert row["sources"] == " | ".join(sorted([TOOLS_CITE, MOENV]))


def test_a_line_of_a_source_or_category_not_listed_is_energy_with_no_chinese_name():
    line = Line("a", 0, 1, "other", "other", "CO2", 1000.0, 1000.0, ())
    inv = Inventory(2024, "tw-2024", "AR5", _tree(), (line,))
    assert inv.by_sector() == {"energy": 1.0}
    # a source with no ISO 14064-1 category cannot go into a register that shows it: refused by name
    for call in (inv.to_frame, inv.register, inv.by_iso_category):
        with pytest.raises(FactorNotFoundError, match=r"emission source 'other' has no ISO 14064-1 category"):
            call()
    known = Inventory(2024, "tw-2024", "AR5", _tree(), (dataclasses.replace(line, source="stationary_combustion"),))
    [row] = known.to_frame().to_dict("records")
    assert (row["category_zh"], row["factor_ids"], row["sources"], row["iso_category"]) == ("", "", "", 1)
    [reg] = known.register().to_dict("records")
    assert reg["sector"] == "energy"


def test_register_sums_records_by_org_source_and_gas(inv):
    register = inv.register()
    assert list(register.columns) == [
        "org", "org_name", "scope", "iso_category", "scope2_method", "category", "category_zh", "source",
        "sector", "gas", "mass_kg", "co2e_t", "records", "factor_ids", "sources",
    ]  # fmt: skip
    rows = register.to_dict("records")
    keys = [
        (r["scope"], r["iso_category"], r["scope2_method"], r["source"], r["sector"], r["gas"], r["records"])
        for r in rows
    ]
    assert keys == [
        (2, 2, "location", "purchased_electricity", "energy", "CO2e", 2),
        (2, 2, "market", "purchased_electricity", "energy", "CO2e", 1),
        (1, 1, "", "fire_extinguisher", "industrial_process", "CO2", 1),
        (3, 4, "", "outsourced", "energy", "CO2e", 1),
    ]
    # the two location lines: 10,000 + 5,000 kWh x 0.474 = 7,110 kg
    assert [r["mass_kg"] for r in rows] == pytest.approx([7110.0, 3000.0, 10.0, 474.0], rel=1e-12)
    assert [r["co2e_t"] for r in rows] == pytest.approx([7.11, 3.0, 0.01, 0.474], rel=1e-12)
    assert rows[0]["factor_ids"] == "grid_factors.2024" and rows[0]["sources"] == GRID_CITE


def test_register_unions_the_factor_ids_and_sources_of_its_records():
    records = [_rec("refrigerant_leak", 1, "kg", gas="R-410A", equipment_class="chillers"),
               _rec("refrigerant_leak", 1, "kg", gas="R-410A", leak_rate=0.1)]  # fmt: skip
    [row] = compute(_tree(), records, FS, year=2024).register().to_dict("records")
    assert row["records"] == 2
    assert row["factor_ids"] == "gwp.AR5.R-410A;leak_rates.chillers"
    assert row["sources"] == " | ".join(sorted([FORM_CITE, IPCC_79]))
    # 1 kg x 8.5 % + 1 kg x 10 % = 0.185 kg
    assert row["mass_kg"] == pytest.approx(0.185, rel=1e-12)


def test_to_csv_writes_the_register_as_utf8_without_index(inv, tmp_path):
    path = tmp_path / "register.csv"
    inv.to_csv(path)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "org,org_name,scope,iso_category,scope2_method,category,category_zh,source,sector,gas,mass_kg,co2e_t,records,"
        "factor_ids,sources"
    )
    assert "固定能源" in text.splitlines()[1]
    back = pd.read_csv(path, encoding="utf-8", keep_default_na=False)
    assert back["co2e_t"].tolist() == pytest.approx([7.11, 3.0, 0.01, 0.474], rel=1e-12)
    assert re.match(r"^a,A,2,2,location,", text.splitlines()[1])


def test_register_keeps_a_citation_with_a_semicolon_whole():
    # a citation may hold ";": the register once split such a citation at it and printed its halves
    # swapped; citations are joined by " | ". A short title with a semicolon, as a user's file may have:
    sources = dict(FS.sources)
    sources["moenv-2024-ef"] = sources["moenv-2024-ef"].model_copy(update={"short": "環境部 113/2/5 公告; IPCC AR5 GWP"})
    fs = FS.model_copy(update={"sources": sources})
    inv = compute(_tree(), [_rec("extinguisher", 1, "kg", agent="CO2")], fs, year=2024)
    cite = "環境部 113/2/5 公告; IPCC AR5 GWP (2024-02-05), 附表四"
    assert inv.to_frame()["sources"].tolist() == [cite]
    assert inv.register()["sources"].tolist() == [cite]


def test_a_fuel_line_uses_the_gwp_asked_for_in_value_and_trace():
    lines = _one(_rec("fuel", 1000, "L", fuel="diesel", use="mobile"), gwp="AR4")
    ch4 = next(ln for ln in lines if ln.gas == "CH4")
    # 1,000 L x 8,629 kcal x 4.1868e-9 TJ/kcal x 3.9 kg CH4/TJ x AR4 25
    assert ch4.co2e_kg == pytest.approx(1000 * TJ_PER_L_DIESEL * 3.9 * 25, rel=1e-12)
    assert [t.name for t in ch4.factors if t.name.startswith("gwp.")] == ["gwp.AR4.CO2", "gwp.AR4.CH4", "gwp.AR4.N2O"]


def test_an_outsourced_fuel_in_a_wrong_unit_built_without_validation_names_the_amount():
    message = _error([_raw("outsourced", 5, "m**2", fuel="diesel")], UnitsError)
    assert message == (
        "records[0] (a, outsourced): amount of an outsourced record must be the fuel's volume, mass or heat "
        "(L, kL, m**3, kg, t, kcal, MJ), got 5 m ** 2 (amount must be in a unit of [length] ** 3 (e.g. l) or [mass] "
        "(e.g. kg) or [mass] * [length] ** 2 / [time] ** 2 (e.g. kWh), got m ** 2 which is [length] ** 2)"
    )


def test_register_drops_the_empty_factor_ids_of_a_qualitative_line():
    records = [_rec("outsourced", 3, "t"), _rec("outsourced", 1_000, "kWh")]
    [row] = compute(_tree(), records, FS, year=2024).register().to_dict("records")
    assert (row["records"], row["factor_ids"], row["sources"]) == (2, "grid_factors.2024", GRID_CITE)
    assert row["co2e_t"] == pytest.approx(0.474, rel=1e-12)  # 0 + 1,000 kWh x 0.474 kg/kWh


def test_fuel_records_use_the_set_passed():
    # 附表2 (ntpc-award-2015) diesel: 2.61 kg CO2/L recommended, and no CH4 or N2O factor;
    # tw-2024 (the default set) would give 2,677.08 kg CO2 and CH4 and N2O lines
    award = factors.load("ntpc-award-2015")
    inv = compute(_tree(), [_rec("fuel", 1000, "L", fuel="diesel", year=2013)], award, year=2013)
    assert [(ln.gas, ln.mass_kg) for ln in inv.lines] == [("CO2", pytest.approx(2610.0, rel=1e-12))]


def test_summary_of_an_inventory_without_scope_2():
    # one fuel record: scope 2 is 0.0 t (not missing), as are market-based scope 2 and scope 3
    award = factors.load("ntpc-award-2015")
    inv = compute(_tree(), [_rec("fuel", 1000, "L", fuel="diesel", year=2013)], award, year=2013)
    assert inv.summary() == [
        ("scope 1", pytest.approx(2.61, rel=1e-12)),
        ("scope 2 (location-based)", 0.0),
        ("scope 2 (market-based, where given)", 0.0),
        ("scope 3 (quantified)", 0.0),
        ("total (location-based)", pytest.approx(2.61, rel=1e-12)),
    ]


def test_an_unfinished_agency_with_no_lines_has_share_zero_of_a_positive_total():
    # agency a has 1,000 L of diesel; agency b (in progress) has nothing yet: 0 t, 0.0 % of the total
    tree = _tree(_org("b", "team", status="in_progress"))
    inv = compute(tree, [_rec("fuel", 1000, "L", fuel="diesel")], FS, year=2024)
    [finding] = [f for f in inv.findings if f.path == "orgs.b.status"]
    assert (
        finding.message == "B is in progress (登錄中) for 2024: its 0.000 t CO2e (0.0% of the total) may be incomplete"
    )
    assert finding.context == {"share": 0.0, "status": "in_progress"}


def test_an_org_id_that_is_not_text_is_refused_by_name_and_never_contained():
    tree = OrgTree([Organisation(id="a", name="A")])
    assert "a" in tree
    assert ["a"] not in tree  # an unhashable id is not in the tree (no TypeError)
    for call in (lambda: tree[["a"]], lambda: tree.children(["a"]), lambda: tree.descendants({"a": 1})):
        with pytest.raises(InvalidValueError) as info:
            call()
        assert str(info.value).startswith("organisation id must be a str, got ")
    with pytest.raises(InvalidValueError, match=r"^organisation id must be a str, got list \['a'\]$"):
        tree[["a"]]


def test_a_limit_name_that_is_not_text_is_not_found():
    with pytest.raises(FactorNotFoundError, match=r"^limit \['transformer_load_min'\] is not in the data \(have: "):
        factors.rules().limit(["transformer_load_min"])
