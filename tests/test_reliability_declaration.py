"""Declarations under hostile input (issue 12, defects 5, 9, 10 and 13, the declaration parts).

Each reproducer of the issue is a regression test here: a row given twice or naming a row that is not
there is an error finding with its path (never a doubled total); every unit a model accepts is one
every rule accepts (公秉 as a fuel unit, degC/K/degF limits; a temperature difference refused at
load); reactive and apparent units never stand for real kWh or kW; and findings advise what to put
in the declaration or which argument to pass, with ``validate`` / ``summary`` taking the factor set.
"""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from carbonaudit import Q_, FactorNotFoundError, factors
from carbonaudit.cli import main
from carbonaudit.declaration import Declaration, ProductionDeclaration, validate, validate_production

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
OFFICE = EXAMPLES / "office_declaration.yaml"
PRODUCTION = EXAMPLES / "production_declaration.yaml"

RAW: dict[str, Any] = yaml.safe_load(OFFICE.read_text(encoding="utf-8"))
RAW_PRODUCTION: dict[str, Any] = yaml.safe_load(PRODUCTION.read_text(encoding="utf-8"))

# The example's 12 bills (peak + semi-peak + Saturday + off-peak, 30/25/5/40 % of each month):
# 310,000 + 290,000 + 330,000 + 350,000 + 380,000 + 420,000 + 450,000 + 455,000 + 410,000
# + 370,000 + 320,000 + 305,000 = 4,390,000 kWh (peaks 1,317,000 kWh = 30 % of it).
OFFICE_KWH = 4_390_000
METER = "01-2345-67-8"


def changed(change: Callable[[dict[str, Any]], None] | None = None, raw: dict[str, Any] = RAW) -> dict[str, Any]:
    doc = copy.deepcopy(raw)
    if change is not None:
        change(doc)
    return doc


def declaration(change: Callable[[dict[str, Any]], None] | None = None) -> Declaration:
    return Declaration.model_validate(changed(change))


def found(findings: list[Any], severity: str | None = None) -> set[tuple[str, str]]:
    return {(f.code, f.path) for f in findings if severity is None or f.severity == severity}


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        doc = doc[key]
    doc[path[-1]] = value


def test_the_example_total_is_worked_out_by_hand() -> None:
    d = declaration()
    assert d.electricity[0].total().m == OFFICE_KWH
    assert sum(m.peak for m in d.electricity[0].months) == 1_317_000 == 0.3 * OFFICE_KWH
    s = d.summary()
    assert s["electricity"].m == OFFICE_KWH and s["not_computable"] == {}


# -- defect 9: a meter's table twice, a table for a meter that is not there -----------------------


def _second_table(doc: dict[str, Any]) -> None:
    doc["electricity"].append(copy.deepcopy(doc["electricity"][0]))


def test_the_same_meters_table_twice_is_an_error_not_a_doubled_total() -> None:
    d = declaration(_second_table)
    findings = validate(d)
    [f] = [f for f in findings if f.code == "declaration.duplicate_meter_table"]
    assert (f.severity, f.path) == ("error", "electricity[1].meter")
    # with both tables 2 × 4,390,000 = 8,780,000 kWh; each meter once: 4,390,000
    assert "8,780,000 kWh" in f.message and "4,390,000" in f.message and f.message_zh
    assert f.context == {"meter": METER, "first": "electricity[0]"}
    # the totals built on the doubled kWh are not reported as if they were right
    codes = {c for c, _ in found(findings)}
    assert not codes & {"building.eui_difference", "declaration.balance_incomplete", "rates.target_missed"}
    assert "declaration.planned_saving_rate" not in codes
    s = d.summary()
    assert s["electricity"] is None and s["eui"] is None and s["saving_rate"] is None
    assert "electricity[1]" in s["not_computable"]["electricity"]
    # what does not depend on the bills is still computed: 7,128 + 18,650 + 4,210 + 45,000 kWh
    assert s["savings"].m == 74_988


def test_a_table_for_a_meter_not_in_basic_meters_is_an_error() -> None:
    def other_meter(doc: dict[str, Any]) -> None:
        _second_table(doc)
        doc["electricity"][1]["meter"] = "99-9999-99-9"

    findings = validate(declaration(other_meter))
    [f] = [f for f in findings if f.code == "declaration.unknown_meter"]
    assert (f.severity, f.path) == ("error", "electricity[1].meter")
    assert "99-9999-99-9" in f.message and "basic.meters" in f.message and "4,390,000 kWh" in f.message
    assert not any(c == "building.eui_difference" for c, _ in found(findings))
    assert declaration(other_meter).summary()["electricity"] is None


def test_a_meter_without_its_table_and_a_meter_listed_twice() -> None:
    def second_meter(doc: dict[str, Any]) -> None:
        doc["basic"]["meters"].append({"number": "01-2345-67-9", "contract_capacity": {"value": 300, "unit": "kW"}})

    findings = validate(declaration(second_meter))
    assert ("declaration.meter_table_missing", "electricity") in found(findings, "error")
    assert declaration(second_meter).summary()["electricity"] is None

    def listed_twice(doc: dict[str, Any]) -> None:
        doc["basic"]["meters"].append(copy.deepcopy(doc["basic"]["meters"][0]))

    d = declaration(listed_twice)
    assert ("declaration.duplicate_meter", "basic.meters[1].number") in found(validate(d), "error")
    # the bills are still one table per meter: 4,390,000 kWh
    assert d.summary()["electricity"].m == OFFICE_KWH


def test_last_years_tables() -> None:
    def twice(doc: dict[str, Any]) -> None:
        doc["previous_year_electricity"].append(copy.deepcopy(doc["previous_year_electricity"][0]))

    findings = validate(declaration(twice))
    assert ("declaration.duplicate_meter_table", "previous_year_electricity[1].meter") in found(findings, "error")
    # last year doubled would read as EUI down ~49 %: not reported while the tables are in error
    assert not any(c == "building.eui_difference" for c, _ in found(findings))
    assert declaration(twice).summary()["electricity"].m == OFFICE_KWH  # this year is fine

    def closed_meter(doc: dict[str, Any]) -> None:
        doc["previous_year_electricity"][0]["meter"] = "01-0000-00-0"

    [f] = [f for f in validate(declaration(closed_meter)) if f.code == "declaration.unknown_meter"]
    assert (f.severity, f.path) == ("warning", "previous_year_electricity[0].meter")


def _manager_twice(doc: dict[str, Any]) -> None:
    doc["managers"].append(copy.deepcopy(doc["managers"][0]))


def _steam(doc: dict[str, Any], limit: dict[str, Any] | None = None) -> None:
    """The example's boiler made a fuel-fired steam boiler with its register and monthly self-check."""
    doc["boilers"][0].update(kind="steam", inspection_no="北檢 1234")
    doc["equipment_register"] = [
        {"system": "鍋爐系統", "equipment": "蒸汽鍋爐", "operation": "standard", "maintenance": "regular"}
    ]
    doc["steam_boiler_checks"] = [
        {
            "item": "6.2-1",
            "exhaust_temperature": [230.0] * 11 + [260.0],
            "exhaust_o2": [0.05] * 12,
            "limit_temperature": limit or {"value": 250, "unit": "degC"},
            "limit_o2": 0.06,
        }
    ]


def _dr_row_twice(doc: dict[str, Any]) -> None:
    rows = doc["savings"]["demand_response_rows"]
    rows.append(copy.deepcopy(rows[0]))


def _renewable_twice(doc: dict[str, Any]) -> None:
    rows = doc["savings"]["renewables"]
    rows.append(copy.deepcopy(rows[0]))


def _twice(*path: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        node = doc
        for key in path:
            node = node[key]
        node.append(copy.deepcopy(node[0]))

    return change


def _steam_check_twice(doc: dict[str, Any]) -> None:
    _steam(doc)
    _twice("steam_boiler_checks")(doc)


def _data_centre_twice(doc: dict[str, Any]) -> None:
    entry = {
        "building": "A棟",
        "floor": "B1",
        "infrastructure": {"value": 500_000, "unit": "kWh"},
        "it": {"value": 1_000_000, "unit": "kWh"},
        "metering_point": "ups_output",
    }
    doc["data_centres"] = [entry, copy.deepcopy(entry)]


def _merged_twice(doc: dict[str, Any]) -> None:
    _twice("merged_meters")(doc)


@pytest.mark.parametrize(
    ("change", "code", "path"),
    [
        (_manager_twice, "declaration.duplicate_manager", "managers[1].registration_no"),
        (_twice("buildings"), "declaration.duplicate_building", "buildings[1].name"),
        (_twice("transformers"), "declaration.duplicate_transformer", "transformers[1].number"),
        (_twice("chiller_groups"), "declaration.duplicate_chiller_group", "chiller_groups[1].name"),
        (_twice("other_equipment"), "declaration.duplicate_equipment", "other_equipment[2].number"),
        (_twice("systems"), "declaration.duplicate_system", "systems[2].system"),
        (_twice("boilers"), "declaration.duplicate_boiler", "boilers[1].item"),
        (_steam_check_twice, "declaration.duplicate_steam_boiler_check", "steam_boiler_checks[1].item"),
        (_data_centre_twice, "declaration.duplicate_data_centre", "data_centres[1]"),
        (_merged_twice, "declaration.duplicate_merged_meter", "merged_meters[1].meter"),
        (_twice("savings", "measures"), "declaration.duplicate_measure", "savings.measures[2]"),
        (_dr_row_twice, "declaration.duplicate_demand_response", "savings.demand_response_rows[1]"),
        (_renewable_twice, "declaration.duplicate_renewable", "savings.renewables[1]"),
        (_twice("plan", "measures"), "declaration.duplicate_measure", "plan.measures[1]"),
    ],
)
def test_every_list_keyed_by_an_identifier_refuses_a_repeat(
    change: Callable[[dict[str, Any]], None], code: str, path: str
) -> None:
    assert not any(c.startswith("declaration.duplicate") for c, _ in found(validate(declaration())))
    findings = validate(declaration(change))
    assert (code, path) in found(findings, "error")
    [f] = [f for f in findings if f.path == path]
    assert "repeats" in f.message and "remove one" in f.message and f.message_zh


def test_a_manager_listed_twice_is_one_manager() -> None:
    # above 100,000 kW two registered managers are needed; the same one twice is still one
    def big(doc: dict[str, Any]) -> None:
        _manager_twice(doc)
        doc["basic"]["meters"][0]["contract_capacity"]["value"] = 120_000

    [f] = [f for f in validate(declaration(big)) if f.code == "declaration.managers_required"]
    assert f.context["managers"] == 1


def test_the_savings_double_counted_by_a_repeated_row() -> None:
    d = declaration(_dr_row_twice)
    # 2 × 2,105 kW × 2 h = 8,420 kWh of demand response instead of 4,210: an error says so
    assert d.savings is not None and d.savings.demand_response_kwh() == 8_420
    assert ("declaration.duplicate_demand_response", "savings.demand_response_rows[1]") in found(validate(d), "error")


@pytest.mark.parametrize(
    ("section", "change"),
    [
        ("savings.demand_response_rows", lambda doc: doc["savings"]["demand_response_rows"][0].update(meter="X-1")),
        ("savings.renewables", lambda doc: doc["savings"]["renewables"][0].update(meter="X-1")),
    ],
)
def test_savings_on_a_meter_that_is_not_regulated(section: str, change: Callable[[dict[str, Any]], None]) -> None:
    findings = validate(declaration(change))
    [f] = [f for f in findings if f.code == "declaration.unknown_meter"]
    assert (f.severity, f.path) == ("error", f"{section}[0].meter") and "X-1" in f.message


def test_a_self_check_of_a_boiler_that_is_not_there() -> None:
    def unknown(doc: dict[str, Any]) -> None:
        _steam(doc)
        doc["steam_boiler_checks"][0]["item"] = "6.9-9"

    findings = validate(declaration(unknown))
    assert ("declaration.unknown_boiler", "steam_boiler_checks[0].item") in found(findings, "error")


def _production(change: Callable[[dict[str, Any]], None] | None = None) -> ProductionDeclaration:
    return ProductionDeclaration.model_validate(changed(change, RAW_PRODUCTION))


@pytest.mark.parametrize(
    ("key", "code", "path"),
    [
        ("meters", "declaration.duplicate_meter", "meters[1].number"),
        ("products", "declaration.duplicate_product", "products[1].name"),
        ("heat_values", "declaration.duplicate_heat_value", "heat_values[5].code"),
        ("measures", "declaration.duplicate_measure", "measures[3]"),
    ],
)
def test_production_tables_refuse_a_repeat(key: str, code: str, path: str) -> None:
    assert not any(c.startswith("declaration.duplicate") for c, _ in found(validate_production(_production())))
    findings = validate_production(_production(_twice(key)))
    assert (code, path) in found(findings, "error")


def test_a_repeated_product_is_named_as_the_cause() -> None:
    # the example's product: Σ output × kWh/unit = 4,640,380 kWh, 85 % of the plant's 5,459,273 kWh;
    # twice it is 170 %: more than the plant, which is an error, with the repeat named as well
    findings = validate_production(_production(_twice("products")))
    assert ("declaration.duplicate_product", "products[1].name") in found(findings, "error")
    assert ("declaration.products_exceed_use", "products") in found(findings, "error")


def test_an_energy_code_with_no_heat_value_row() -> None:
    def unknown(doc: dict[str, Any]) -> None:
        doc["energy"]["fuels"]["O99"] = [1.0] * 12

    findings = validate_production(_production(unknown))
    assert ("declaration.unknown_energy_code", "energy.fuels.O99") in found(findings, "error")


# -- defect 10: every unit a model accepts, every rule accepts -------------------------------------


def test_the_forms_own_fuel_label_validates() -> None:
    def kilolitres(doc: dict[str, Any]) -> None:
        doc["thermal"]["diesel"]["unit"] = "公秉"
        doc["previous_year_thermal"]["diesel"]["unit"] = "公秉"

    # the example's 0.2 kL a month, both years, in the form's label: nothing to report, as in kL
    assert found(validate(declaration(kilolitres)), "error") == set()

    def more_this_year(doc: dict[str, Any]) -> None:
        kilolitres(doc)
        doc["thermal"]["diesel"]["use"] = [0.3] * 12

    # same areas, so the thermal EUI changes as the diesel: 0.3 / 0.2 − 1 = +50 % in every quarter
    diffs = [f for f in validate(declaration(more_this_year)) if f.code == "declaration.thermal_eui_difference"]
    assert [f.path for f in diffs] == [f"thermal_eui_reasons.{q}" for q in ("Q1", "Q2", "Q3", "Q4", "year")]
    assert all(f.context["difference"] == pytest.approx(0.5) for f in diffs)


def test_the_cli_validates_the_forms_fuel_label(tmp_path: Path) -> None:
    path = tmp_path / "kilolitres.yaml"
    doc = changed(lambda d: d["thermal"]["diesel"].update(unit="公秉"))
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert main(["validate", str(path)], io.StringIO()) == 0  # was 3, "internal error"


def test_a_limit_temperature_must_be_a_temperature_not_a_difference() -> None:
    def delta(doc: dict[str, Any]) -> None:
        _steam(doc, {"value": 250, "unit": "delta_degC"})

    with pytest.raises(
        ValidationError, match=r"limit_temperature must be an absolute temperature.*delta_degC.*degC"
    ) as info:
        declaration(delta)
    assert [e["loc"] for e in info.value.errors()] == [("steam_boiler_checks", 0, "limit_temperature")]


@pytest.mark.parametrize(
    "limit",
    [
        {"value": 250, "unit": "degC"},
        {"value": 523.15, "unit": "K"},  # 523.15 − 273.15 = 250 °C
        {"value": 482, "unit": "degF"},  # (482 − 32) × 5 / 9 = 250 °C
    ],
)
def test_a_limit_temperature_in_any_scale(limit: dict[str, Any]) -> None:
    findings = validate(declaration(lambda doc: _steam(doc, limit)))
    # months 1-11 at 230 °C are within 250 °C; December's 260 °C is over and needs its reason
    assert [f.path for f in findings if f.code == "building.exhaust_temperature_high"] == [
        "steam_boiler_checks[0].reasons.12"
    ]
    assert not any(f.code == "declaration.not_computable" for f in findings)


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> Any:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, (*path, i))
    else:
        yield path, node


# One unit of each kind a declaration could hold, in pint spelling and as the forms' labels.
UNITS = [
    *("kWh", "MWh", "度", "千度", "kcal", "GJ", "RTh", "kvar*h", "kVA*h"),
    *("kW", "W", "瓩", "hp", "USRT", "kcal/h", "Gcal/h", "t/h", "kVA", "千伏安", "千乏"),
    *("L", "kL", "公秉", "公升", "kg", "公斤", "t", "公噸", "m**3", "千立方公尺", "gallon"),
    *("m**2", "ft**2", "TWD", "kTWD", "千元", "h", "d", "小時", "degC", "K", "degF", "delta_degC"),
    *("kcal/kg", "kcal/L", "kg/L", "V", "kV", "A"),
]


def _unit_fields(raw: dict[str, Any]) -> list[tuple[Any, ...]]:
    """One path per unit field of *raw* (list indices and the balances' categories collapsed)."""
    seen: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for path, _ in _leaves(raw):
        if path[-1] in ("unit", "energy_unit", "demand_unit"):
            kind = tuple(k for k in path if not isinstance(k, int))
            kind = kind[:2] if kind[:1] == ("balances",) else kind
            seen.setdefault(kind, path)
    return list(seen.values())


_OFFICE_WITH_EVERYTHING = changed(_steam)
_OFFICE_WITH_EVERYTHING["thermal"]["diesel"]["density"] = {"value": 0.84, "unit": "kg/L"}
_OFFICE_WITH_EVERYTHING["electricity"][0]["energy_unit"] = "kWh"
_OFFICE_WITH_EVERYTHING["electricity"][0]["demand_unit"] = "kW"


@pytest.mark.parametrize("path", _unit_fields(_OFFICE_WITH_EVERYTHING), ids=lambda p: ".".join(map(str, p)))
def test_every_unit_the_model_accepts_every_rule_accepts(path: tuple[Any, ...]) -> None:
    accepted = []
    for unit in UNITS:
        doc = copy.deepcopy(_OFFICE_WITH_EVERYTHING)
        _set(doc, path, unit)
        try:
            d = Declaration.model_validate(doc)
        except ValidationError:
            continue
        accepted.append(unit)
        findings = validate(d)  # never raises: a crash here was the CLI's exit 3
        assert not [f for f in findings if f.code == "declaration.not_computable"], (unit, findings)
        d.summary()
    assert accepted, path  # the example's own unit at least


@pytest.mark.parametrize("path", _unit_fields(RAW_PRODUCTION), ids=lambda p: ".".join(map(str, p)))
def test_every_unit_the_production_model_accepts_its_rules_accept(path: tuple[Any, ...]) -> None:
    for unit in UNITS:
        doc = copy.deepcopy(RAW_PRODUCTION)
        _set(doc, path, unit)
        try:
            d = ProductionDeclaration.model_validate(doc)
        except ValidationError:
            continue
        validate_production(d)


# -- defect 5: reactive and apparent units are not real energy or power ----------------------------


@pytest.mark.parametrize(
    ("path", "unit", "match"),
    [
        (("electricity", 0, "energy_unit"), "kvar*h", r"energy_unit must be real energy \(kWh\).*kWh \(度\)"),
        (("electricity", 0, "energy_unit"), "kVA*h", r"energy_unit must be real energy \(kWh\).*power factor"),
        (("electricity", 0, "energy_unit"), "千乏", r"energy_unit .*kWh"),
        (("electricity", 0, "demand_unit"), "kVA", r"demand_unit must be real power \(kW\).*kW \(瓩\)"),
        (("electricity", 0, "demand_unit"), "千乏", r"demand_unit must be real power \(kW\)"),
        (("basic", "meters", 0, "contract_capacity", "unit"), "千伏安", r"contract_capacity must be real power \(kW\)"),
        (("efficiency_factors", "lighting_power", "unit"), "kVA", r"lighting_power must be real power \(kW\)"),
        (("balances", "electricity", "lighting", "unit"), "kvar*h", r"electricity must be real energy \(kWh\)"),
        (("savings", "renewables", 0, "generated", "unit"), "kVA*h", r"generated must be real energy \(kWh\)"),
        (("savings", "demand_response_rows", 0, "reduction", "unit"), "kvar", r"reduction must be real power"),
        (("savings", "measures", 0, "annual_savings", "unit"), "kvar*h", r"annual_savings must be real energy"),
        (("boilers", 0, "annual_use", "unit"), "kVA*h", r"annual_use must be real energy \(kWh\)"),
        (("transformers", 0, "capacity", "unit"), "kW", r"capacity must be apparent power \(kVA\)"),
        (("transformers", 0, "capacity", "unit"), "kvar", r"capacity must be apparent power \(kVA\)"),
    ],
)
def test_reactive_and_apparent_units_are_refused_where_real_ones_are_meant(
    path: tuple[Any, ...], unit: str, match: str
) -> None:
    doc = changed()
    _set(doc, path, unit)
    with pytest.raises(ValidationError, match=match) as info:
        Declaration.model_validate(doc)
    [error] = info.value.errors()
    assert error["loc"] == (path[:-1] if path[-1] == "unit" else path)  # the field's path


def test_the_transformers_kva_is_still_its_rating() -> None:
    # 八: √3 × 380 V × 1,400 A = 921.4 kVA of 1,500 kVA = 61.4 %, as the example declares
    assert not any(f.code == "declaration.load_rate_mismatch" for f in validate(declaration()))


# -- defect 13: advice the caller can follow; validate and summary take the factor set -------------


def _lpg_in_kg(doc: dict[str, Any]) -> None:
    doc["thermal"]["lpg"] = {"unit": "kg", "use": [100.0] * 12}  # 1,200 kg in the year (公斤, as 表十之一)


def test_lpg_in_kg_gives_one_finding_that_can_be_followed() -> None:
    # tw-2024 has LPG per litre and no density (tw-2025, the set of the example's 114年, has a per-kg
    # heat value: tests/test_vintages.py)
    findings = validate(declaration(_lpg_in_kg), "tw-2024")
    [f] = [f for f in findings if f.severity == "error"]
    assert (f.code, f.path) == ("declaration.fuel_not_convertible", "thermal.lpg.unit")
    assert "thermal.lpg.density" in f.message and "factor_set=" in f.message and "--set" in f.message
    assert not any("with_overrides(" in g.message for g in findings)  # not a call validate's caller can make
    # the saving rate does not depend on the fuels: still computed and reported
    assert any(g.code == "rates.target_met" for g in findings)


def test_summary_works_on_a_declaration_with_lpg_in_kg() -> None:
    s = declaration(_lpg_in_kg).summary("tw-2024")  # raised FactorNotFoundError
    assert s["energy"] is None and "thermal.lpg.density" in s["not_computable"]["energy"]
    assert s["electricity"].m == OFFICE_KWH
    # (7,128 + 18,650 + 4,210 + 45,000) / (74,988 + 4,390,000 + 45,000 self-use − 12,000 EV deduction)
    assert s["saving_rate"].m == pytest.approx(74_988 / (74_988 + 4_390_000 + 45_000 - 12_000))


# LPG values chosen for the arithmetic, not a claim about LPG: 0.5 kg/L and 6,000 kcal/L
LPG_SET = factors.load("tw-2024").with_overrides(
    densities={"lpg": Q_(0.5, "kg/L")}, heat_values={"lpg": Q_(6000, "kcal/L")}
)
# tw-2024's basis tw-final-860 (1 KLOE = 10^7 kcal, electricity at 860 kcal/kWh): 4,390,000 × 860 / 1e7
# = 377.54; diesel 2,400 L × 8,629 kcal/L / 1e7 = 2.07096; LPG 1,200 kg / 0.5 kg/L = 2,400 L × 6,000 / 1e7
# = 1.44 KLOE
ENERGY_WITH_LPG = 377.54 + 2.07096 + 1.44


def test_validate_and_summary_take_the_factor_set() -> None:
    d = declaration(_lpg_in_kg)
    assert not any(f.code == "declaration.fuel_not_convertible" for f in validate(d, LPG_SET))
    assert d.summary(LPG_SET)["energy"].m == pytest.approx(ENERGY_WITH_LPG)
    assert d.summary(LPG_SET)["not_computable"] == {}


def test_the_declaration_can_carry_the_density_itself() -> None:
    def with_density(doc: dict[str, Any]) -> None:
        _lpg_in_kg(doc)
        doc["thermal"]["lpg"]["density"] = {"value": 0.5, "unit": "kg/L"}

    d = declaration(with_density)
    assert not any(f.code == "declaration.fuel_not_convertible" for f in validate(d))
    lpg_heat = factors.load("tw-2024").with_overrides(heat_values={"lpg": Q_(6000, "kcal/L")})
    assert d.summary(lpg_heat)["energy"].m == pytest.approx(ENERGY_WITH_LPG)

    def bad_density(doc: dict[str, Any]) -> None:
        _lpg_in_kg(doc)
        doc["thermal"]["lpg"]["density"] = {"value": 0.5, "unit": "kg"}

    with pytest.raises(ValidationError, match=r"density must be in a unit of \[mass\] / \[length\] \*\* 3"):
        declaration(bad_density)


def test_a_bad_factor_set_argument_is_a_typed_error() -> None:
    d = declaration()
    with pytest.raises(FactorNotFoundError, match="no-such-set"):
        validate(d, "no-such-set")
    with pytest.raises(FactorNotFoundError, match="factor_set must be a FactorSet"):
        d.summary(42)  # type: ignore[arg-type]
    with pytest.raises(FactorNotFoundError, match="no-such-set"):
        validate_production(_production(), "no-such-set")
    # a shipped set by id works for both; the award-form-2015 set's diesel is 8,400 kcal/L (附表2), so the
    # example's heat uses, written for tw-2025's 8,636 (114年, moenv-hv-2025: 2,400 L × 8,636 =
    # 20,726.4 Mcal), no longer add up to the diesel's 2,400 L × 8,400 kcal/L = 20,160 Mcal: the set
    # is the one used
    ntpc = validate(d, "ntpc-award-2015")
    assert found(ntpc, "error") == set()
    [balance] = [f for f in ntpc if f.code == "declaration.heat_balance"]
    assert "20,160.0 Mcal" in balance.message and "20,726.4 Mcal" in balance.message
    assert not any(f.code == "declaration.heat_balance" for f in validate(d))
    assert {f.code for f in validate_production(_production(), "tw-2024")} == {
        "declaration.saving_rate",
        "declaration.weighted_heat_value",
        "production.coverage",
    }


def test_the_cli_passes_the_factor_set(tmp_path: Path) -> None:
    path = tmp_path / "lpg.yaml"
    path.write_text(yaml.safe_dump(changed(_lpg_in_kg), allow_unicode=True), encoding="utf-8")
    out = io.StringIO()
    assert main(["validate", str(path), "--json", "--set", "tw-2024"], out) == 1
    [f] = [f for f in json.loads(out.getvalue())["findings"] if f["severity"] == "error"]
    assert f["code"] == "declaration.fuel_not_convertible" and f["context"]["factor_set"] == "tw-2024"
    # without --set, the set of the data year (114年: tw-2025) converts LPG in kg by its per-kg heat value
    out = io.StringIO()
    assert main(["validate", str(path), "--json"], out) == 0
    assert [f for f in json.loads(out.getvalue())["findings"] if f["severity"] == "error"] == []
    out = io.StringIO()
    assert main(["validate", str(path), "--json", "--set", "ntpc-award-2015"], out) == 1
    [f] = [f for f in json.loads(out.getvalue())["findings"] if f["severity"] == "error"]
    assert f["context"]["factor_set"] == "ntpc-award-2015"
    assert main(["validate", str(path), "--set", "no-such-set"], io.StringIO()) == 2


def test_summary_marks_what_the_rows_do_not_allow() -> None:
    def all_parking(doc: dict[str, Any]) -> None:
        doc["basic"]["indoor_parking_area"]["value"] = 42_000  # no indoor area left for the EUI

    s = declaration(all_parking).summary()
    assert s["eui"] is None and "indoor floor area" in s["not_computable"]["eui"]
    assert s["electricity"].m == OFFICE_KWH


@pytest.mark.parametrize("path", [("thermal", "diesel", "unit"), ("boilers", 0, "annual_use", "unit")])
def test_pints_short_ton_is_not_the_forms_tonne(path: tuple[Any, ...]) -> None:
    # pint's "ton" is 907.18 kg; the forms' 公噸 is the metric tonne t (1,000 kg)
    doc = changed()
    _set(doc, path, "ton")
    with pytest.raises(ValidationError, match=r"short ton.*'t' or '公噸'"):
        Declaration.model_validate(doc)
    _set(doc, path, "公噸")
    Declaration.model_validate(doc)


def test_json_text_is_capped_like_a_file():
    from carbonaudit import DataFileError
    from carbonaudit._data import MAX_YAML_BYTES

    text = '{"era": "ROC"' + " " * MAX_YAML_BYTES + "}"
    with pytest.raises(DataFileError, match=r"^<text>: the declaration is 20,000,014 bytes, more than the 20,000,000-byte"):
        Declaration.from_json(text)
