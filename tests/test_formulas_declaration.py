"""Declaration rules pinned from both sides, and a validator that does not hide crashes (issue 13).

Point 2: ``validate`` / ``validate_production`` report an engine's refusal of the declared values
(a factor the set lacks, zero use to compare against, sums beyond 1e30) as a finding with the
reason, and nothing else: a rule that breaks raises. Every shipped example and every generated
valid declaration has no ``not computable`` finding.

Point 1 (declarations): every finding code that was only ever asserted *absent* gets a
declaration where it appears, and every rule with a threshold or a date a test at it, just below
and just above. The wording each boundary follows (non-production-form-2025 unless said):

- 致貴能源用戶 3 / 一 註2: 契約用電容量**超過** 800 瓩 is regulated; **超過**十萬瓩 needs two managers, one in-house;
- 三 註10: SME = 實收資本額 NT$一億元**以下** or 經常僱用員工數**未滿**二百人;
- 表四之二 question 1: an ISO/CNS 50001 certificate with its 有效期限; questions 2-5 skipped when certified;
- 表五之三: lighting / AC power as a share of 最高尖峰需量 (a share above 100 % cannot be);
- 表五之四/五之五 註3: 差異分析值**超過**10% needs a reason (exactly 10 % does not);
- 八 註3-4: 功因合理值應**高於**95%; 負載率合理在 50~75% (both ends reasonable);
- 表九之一(二) 註1: 總容量**達**1千冷凍噸**以上** must fill the monthly table;
- 表九之四: running-time share = hours ÷ 8,760 h (no system runs more hours than the year has);
- 表九之七: a monthly value **over** its limit needs a reason;
- 表十之一 註4-5 (production-declaration-2018 節能量計算期間): savings count from the month after completion, 12 months;
- production-declaration-2018 表八之二/八之三: products' electricity not above the plant's, below 80 % explained, a
  quarter's energy per unit more than 10 % off last year's needs a reason.

Each case edits a copy of ``examples/office_declaration.yaml`` (or the production example)
loaded as a dict; the example's figures are worked out in the comments.
"""

from __future__ import annotations

import copy
import importlib
import io
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from carbonaudit import CarbonAuditError, InvalidValueError, PeriodError, factors
from carbonaudit.cli import main
from carbonaudit.declaration import Declaration, ProductionDeclaration, validate, validate_production
from carbonaudit.errors import Finding

VALIDATE = importlib.import_module("carbonaudit.declaration.validate")
PRODUCTION_RULES = importlib.import_module("carbonaudit.declaration.production")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RAW: dict[str, Any] = yaml.safe_load((EXAMPLES / "office_declaration.yaml").read_text(encoding="utf-8"))
RAW_PRODUCTION: dict[str, Any] = yaml.safe_load((EXAMPLES / "production_declaration.yaml").read_text(encoding="utf-8"))

Change = Callable[[dict[str, Any]], Any]

# The office example (114年 = 2025), worked by hand:
# bills: 310 + 290 + 330 + 350 + 380 + 420 + 450 + 455 + 410 + 370 + 320 + 305 thousand = 4,390,000 kWh;
# last year's: 320 + 300 + 335 + 360 + 395 + 430 + 460 + 470 + 420 + 380 + 330 + 315 thousand = 4,515,000;
# recognised savings A = 7,128 (LED, 9,504 x 9/12) + 18,650 (chiller) + 4,210 (DR 2,105 kW x 2 h)
# + 45,000 (solar, none sold) = 74,988 kWh; use B = 4,390,000 + 45,000 self-use = 4,435,000 kWh;
# deductions C = 12,000 kWh (EV charging). Highest peak demand 1,000 kW; indoor area 42,000 - 9,000.
OFFICE_KWH = 4_390_000
SELF_USE = 45_000
SAVED = 7_128 + 18_650 + 4_210 + SELF_USE
DEDUCTED = 12_000

# What a figure the engines refuse to compute is reported as (the refusal, with its reason).
NOT_COMPUTED = {
    "declaration.not_computable",
    "declaration.eui_not_computable",
    "declaration.thermal_eui_not_computable",
    "declaration.product_not_computable",
}
# ... and the rules whose own code carries the refusal as an error
REFUSED_AS_ERROR = {
    "declaration.saving_rate",
    "declaration.planned_use",
    "declaration.heat_balance",
    "declaration.weighted_heat_value",
    "declaration.fuel_not_convertible",
}


def refusals(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code in NOT_COMPUTED or (f.code in REFUSED_AS_ERROR and f.severity == "error")]


def office_doc(change: Change | None = None) -> dict[str, Any]:
    doc = copy.deepcopy(RAW)
    if change is not None:
        change(doc)
    return doc


def office(change: Change | None = None, factor_set: Any = None) -> list[Finding]:
    return validate(Declaration.model_validate(office_doc(change)), factor_set)


def production(change: Change | None = None) -> list[Finding]:
    doc = copy.deepcopy(RAW_PRODUCTION)
    if change is not None:
        change(doc)
    return validate_production(ProductionDeclaration.model_validate(doc))


def at(findings: list[Finding], code: str) -> list[str]:
    """The paths of the findings with *code*."""
    return [f.path for f in findings if f.code == code]


def the(findings: list[Finding], code: str) -> Finding:
    [f] = [f for f in findings if f.code == code]
    return f


def both(*changes: Change) -> Change:
    def change(doc: dict[str, Any]) -> None:
        for c in changes:
            c(doc)

    return change


# == point 2: nothing is hidden ====================================================================

DECLARATION_FILES = sorted(p for p in EXAMPLES.glob("*.yaml") if "declaration" in p.name)


def _is_production(data: dict[str, Any]) -> bool:
    # the command line's rule (carbonaudit validate)
    return data.get("form") == "production-107" or ("products" in data and "basic" not in data)


def test_the_shipped_declarations_are_all_checked() -> None:
    assert [p.name for p in DECLARATION_FILES] == [
        "broken_declaration.yaml",
        "office_declaration.yaml",
        "production_declaration.yaml",
    ]


@pytest.mark.parametrize("path", DECLARATION_FILES, ids=lambda p: p.name)
def test_no_shipped_example_is_refused(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if _is_production(data):
        findings = validate_production(ProductionDeclaration.model_validate(data))
    else:
        findings = validate(Declaration.model_validate(data))
        assert Declaration.model_validate(data).summary()["not_computable"] == {}
    assert refusals(findings) == []
    out = io.StringIO()
    assert main(["validate", str(path), "--json"], out) in (0, 1)  # 3 would be an internal error
    assert not [f for f in json.loads(out.getvalue())["findings"] if f["code"] in NOT_COMPUTED]


# -- generated valid declarations: the office example with its numbers redrawn in real ranges ------

_COLUMNS = ("peak", "semi_peak", "saturday_semi_peak", "off_peak")


@st.composite
def valid_declarations(draw: st.DrawFn) -> dict[str, Any]:
    """The office example with its months' use, capacities, areas, savings and plan redrawn.

    Ranges are those of a real regulated building: each tariff column 10,000-300,000 kWh a month
    (so N-1 has use in every quarter and the 12,000 kWh-scale deductions stay below the use),
    0.01-2 kL of diesel a month, parking below the floor area, savings up to 2 GWh.
    """
    doc = copy.deepcopy(RAW)
    kwh = st.integers(10_000, 300_000)
    for section in ("electricity", "previous_year_electricity"):
        for month in doc[section][0]["months"]:
            for column in _COLUMNS:
                month[column] = draw(kwh)
            month["max_demand"] = draw(st.integers(1, 5_000))
    litres = st.floats(0.01, 2.0, allow_nan=False)
    for section in ("thermal", "previous_year_thermal"):
        doc[section]["diesel"]["use"] = [draw(litres) for _ in range(12)]
    doc["basic"]["meters"][0]["contract_capacity"]["value"] = draw(st.integers(1, 200_000))
    total = draw(st.integers(1_000, 500_000))
    doc["basic"]["total_floor_area"]["value"] = total
    doc["basic"]["indoor_parking_area"]["value"] = draw(st.integers(0, total - 1))
    doc["basic"]["air_conditioned_area"]["value"] = draw(st.integers(0, total))
    factors_ = doc["efficiency_factors"]
    for field in ("lighting_power", "ac_power", "installed_central", "installed_other"):
        factors_[field]["value"] = draw(st.integers(0, 3_000))
    for kind in ("central", "other"):
        factors_[f"summer_max_{kind}"]["value"] = draw(st.integers(0, factors_[f"installed_{kind}"]["value"]))
    t = doc["transformers"][0]
    t["max_load_current"]["value"] = draw(st.integers(0, 5_000))
    t["capacity"]["value"] = draw(st.integers(100, 5_000))
    t["declared_load_rate"] = None
    doc["chiller_groups"][0]["capacity"]["value"] = draw(st.integers(1, 5_000))
    savings = doc["savings"]
    for m in savings["measures"]:
        m["annual_savings"]["value"] = annual = draw(st.integers(0, 2_000_000))
        m["declared_savings"]["value"] = annual * (m["last_month"] - m["first_month"] + 1) / 12
    row = savings["demand_response_rows"][0]
    row["reduction"]["value"] = draw(st.integers(0, 5_000))
    row["hours"]["value"] = draw(st.integers(0, 10))
    solar = savings["renewables"][0]
    solar["generated"]["value"] = generated = draw(st.integers(0, 1_000_000))
    solar["sold"]["value"] = draw(st.integers(0, generated))
    savings["deductions"]["ev_charging"]["value"] = draw(st.integers(0, 100_000))
    plan = doc["plan"]
    plan["measures"][0]["planned_savings"]["value"] = draw(st.integers(0, 2_000_000))
    plan["use_method"] = method = draw(st.sampled_from(["same", "deduct", "estimate"]))
    if method == "deduct":  # a share of N's use, which is at least 12 x 40,000 kWh
        plan["deductions"] = {"new_buildings": {"value": draw(st.integers(0, 400_000)), "unit": "kWh"}}
    elif method == "estimate":
        plan["estimate"] = {"value": draw(st.integers(1, 50_000_000)), "unit": "kWh"}
        plan["estimate_note"] = "依新設備容量估算"
    return doc


def _hand_rates(doc: dict[str, Any]) -> tuple[float, float]:
    """The year's saving rate R = A / (A + B − C) and the plan's RP = SP / (SP + CP), from the dict."""
    bills = sum(m[c] for m in doc["electricity"][0]["months"] for c in _COLUMNS)
    s = doc["savings"]
    solar = s["renewables"][0]
    self_use = solar["generated"]["value"] - solar["sold"]["value"]
    dr = s["demand_response_rows"][0]
    a = sum(m["declared_savings"]["value"] for m in s["measures"]) + dr["reduction"]["value"] * dr["hours"]["value"]
    a += self_use
    b = bills + self_use
    c = s["deductions"]["ev_charging"]["value"]
    plan = doc["plan"]
    sp = plan["measures"][0]["planned_savings"]["value"]
    cp = {
        "same": b,  # 表十一之四 註2: N's actual use (bills + self-use)
        "deduct": b - sum(v["value"] for v in plan.get("deductions", {}).values()),
        "estimate": plan.get("estimate", {}).get("value"),
    }[plan["use_method"]]
    return a / (a + b - c), sp / (sp + cp)


@settings(max_examples=min(60, settings.default.max_examples))
@given(valid_declarations())
def test_generated_valid_declarations_are_never_refused(doc: dict[str, Any]) -> None:
    findings = validate(Declaration.model_validate(doc))  # raising here is a failure
    assert refusals(findings) == []
    rate, planned = _hand_rates(doc)
    [r] = [f for f in findings if f.path == "savings"]
    assert r.context["rate"] == pytest.approx(rate, rel=1e-12)
    cap = doc["basic"]["meters"][0]["contract_capacity"]["value"]
    # 114年 is the 114-117 rule's first year, so the year's rate is the average it targets:
    # 801-10,000 kW at least 1 %, above 10,000 kW 1.5 %; 10 % or more is flagged, never compared
    if rate >= 0.10:
        assert r.code == "rates.implausible_rate"
    elif cap <= 800:
        assert r.code == "rates.not_regulated"
    else:
        target = 0.01 if cap <= 10_000 else 0.015
        assert (r.code, r.context["target"]) == (
            "rates.target_met" if rate >= target else "rates.target_missed",
            target,
        )
    assert the(findings, "declaration.planned_saving_rate").context["rate"] == pytest.approx(planned, rel=1e-12)
    assert bool(at(findings, "declaration.not_regulated")) == (cap <= 800)
    assert bool(at(findings, "declaration.managers_required")) == (cap > 100_000)  # one manager, in-house


# -- a rule that breaks raises ----------------------------------------------------------------------

# the rules validate() runs, by the names it looks them up under at each call
# the names validate() calls (under mutation testing, mutmut keeps the original function beside its trampoline)
_VALIDATE_CODE = getattr(VALIDATE, "x_validate__mutmut_orig", VALIDATE.validate).__code__
RULES = [n for n in _VALIDATE_CODE.co_names if n.endswith(("_rules", "_findings"))]


def test_the_rules_are_found() -> None:
    assert len(RULES) >= 20 and {"fuel_findings", "meter_table_findings", "_eui_rules", "_plan_rules"} <= set(RULES)


@pytest.mark.parametrize("name", RULES)
@pytest.mark.parametrize("error", [InvalidValueError, CarbonAuditError])
def test_a_rule_that_breaks_raises_instead_of_becoming_a_finding(
    monkeypatch: pytest.MonkeyPatch, name: str, error: type[Exception]
) -> None:
    def broken(*args: Any, **kwargs: Any) -> list[Finding]:
        raise error(f"{name} broke")

    monkeypatch.setattr(VALIDATE, name, broken)
    with pytest.raises(error, match=f"^{name} broke$"):
        office()


@pytest.mark.parametrize("name", ["_identity_rules", "_heat_value_rules", "_balance_and_measure_rules"])
@pytest.mark.parametrize("error", [InvalidValueError, CarbonAuditError])
def test_a_production_rule_that_breaks_raises(
    monkeypatch: pytest.MonkeyPatch, name: str, error: type[Exception]
) -> None:
    def broken(*args: Any, **kwargs: Any) -> list[Finding]:
        raise error(f"{name} broke")

    monkeypatch.setattr(PRODUCTION_RULES, name, broken)
    with pytest.raises(error, match=f"^{name} broke$"):
        production()


def _no_last_q1(doc: dict[str, Any]) -> None:
    for month in doc["previous_year_electricity"][0]["months"][:3]:
        for column in _COLUMNS:
            month[column] = 0


def _drop(*keys: str) -> Change:
    def change(doc: dict[str, Any]) -> None:
        for key in keys:
            del doc[key]

    return change


# (engine module, function, change so that only one rule calls it, code and path of its refusal)
ENGINE_CALLS = [
    (
        "carbonaudit.building",
        "compare_eui",
        _drop("previous_year_thermal"),
        "declaration.eui_not_computable",
        "electricity",
    ),
    (
        "carbonaudit.building",
        "compare_eui",
        _drop("previous_year_electricity"),
        "declaration.thermal_eui_not_computable",
        "thermal",
    ),
    (
        "carbonaudit.building",
        "eui",
        _drop("previous_year_thermal", "savings"),
        "declaration.eui_not_computable",
        "electricity",
    ),
    ("carbonaudit.building", "electricity_balance", None, "declaration.not_computable", "balances.electricity"),
    ("carbonaudit.building", "heat_balance", None, "declaration.heat_balance", "balances.heat_uses"),
    ("carbonaudit.energy", "to_kgoe", None, "declaration.thermal_eui_not_computable", "thermal"),
    ("carbonaudit.energy", "to_kloe", _drop("savings"), "declaration.fuel_not_convertible", "thermal.diesel.unit"),
    ("carbonaudit.rates", "meets_target", None, "declaration.saving_rate", "savings"),
    ("carbonaudit.rates", "planned_saving_rate", None, "declaration.not_computable", "plan"),
    ("carbonaudit.savings", "planned_use", None, "declaration.planned_use", "plan.use_method"),
]


@pytest.mark.parametrize(
    ("module", "function", "change", "code", "path"), ENGINE_CALLS, ids=[f"{c[1]}-{c[3]}" for c in ENGINE_CALLS]
)
def test_only_an_engines_refusal_of_the_values_is_caught(
    monkeypatch: pytest.MonkeyPatch, module: str, function: str, change: Change | None, code: str, path: str
) -> None:
    """The engine's documented refusal (InvalidValueError) is the rule's finding; any other error propagates."""
    engine = importlib.import_module(module)

    def refuses(*args: Any, **kwargs: Any) -> Any:
        raise InvalidValueError(f"{function} refused the values")

    monkeypatch.setattr(engine, function, refuses)
    findings = office(change)
    assert path in at(findings, code)
    assert any(f"{function} refused the values" in f.message for f in findings if f.code == code)

    def breaks(*args: Any, **kwargs: Any) -> Any:
        raise PeriodError(f"{function} has a bug")

    monkeypatch.setattr(engine, function, breaks)
    with pytest.raises(PeriodError, match=f"{function} has a bug"):
        office(change)


@pytest.mark.parametrize(
    ("module", "function", "key", "change"),
    [
        ("carbonaudit.building", "eui", "eui", None),
        ("carbonaudit.rates", "annual_saving_rate", "saving_rate", None),
        # without fuels, the electricity is the one thing summary converts to KLOE
        ("carbonaudit.energy", "to_kloe", "energy", _drop("thermal", "previous_year_thermal")),
    ],
)
def test_the_summary_reports_only_refusals(
    monkeypatch: pytest.MonkeyPatch, module: str, function: str, key: str, change: Change | None
) -> None:
    """Declaration.summary, which the saving-rate rule reads: a refusal is None and its reason; a bug raises."""
    engine = importlib.import_module(module)
    d = Declaration.model_validate(office_doc(change))

    def refuses(*args: Any, **kwargs: Any) -> Any:
        raise InvalidValueError(f"{function} refused the values")

    monkeypatch.setattr(engine, function, refuses)
    s = d.summary()
    assert s[key] is None and f"{function} refused the values" in s["not_computable"][key]

    def breaks(*args: Any, **kwargs: Any) -> Any:
        raise PeriodError(f"{function} has a bug")

    monkeypatch.setattr(engine, function, breaks)
    with pytest.raises(PeriodError, match=f"{function} has a bug"):
        d.summary()


@pytest.mark.parametrize(
    ("module", "function", "code", "path"),
    [
        ("carbonaudit.production", "quarterly_energy_per_unit", "declaration.product_not_computable", "products[0]"),
        ("carbonaudit.rates", "annual_saving_rate", "declaration.not_computable", "measures"),
        ("carbonaudit.energy", "weighted_heat_value", "declaration.weighted_heat_value", "heat_values[1]"),
    ],
)
def test_only_an_engines_refusal_is_caught_in_production(
    monkeypatch: pytest.MonkeyPatch, module: str, function: str, code: str, path: str
) -> None:
    engine = importlib.import_module(module)

    def refuses(*args: Any, **kwargs: Any) -> Any:
        raise InvalidValueError(f"{function} refused the values")

    monkeypatch.setattr(engine, function, refuses)
    assert path in at(production(), code)

    def breaks(*args: Any, **kwargs: Any) -> Any:
        raise PeriodError(f"{function} has a bug")

    monkeypatch.setattr(engine, function, breaks)
    with pytest.raises(PeriodError, match=f"{function} has a bug"):
        production()


# -- declaration.not_computable: only what the declared values do not allow, with the reason -------


def test_a_plan_with_nothing_planned_and_no_use_is_not_computable() -> None:
    # RP = SP / (SP + CP) with SP = 0 (no measures) and CP = 0 (estimated N+1 use of 0 kWh): 0 / 0
    def nothing(doc: dict[str, Any]) -> None:
        doc["plan"].update(
            measures=[], use_method="estimate", estimate={"value": 0, "unit": "kWh"}, estimate_note="停業"
        )

    f = the(office(nothing), "declaration.not_computable")
    assert (f.severity, f.path) == ("error", "plan")
    assert "RP = SP / (SP + CP)" in f.message and "must be positive" in f.message and f.message_zh

    def one_kwh(doc: dict[str, Any]) -> None:
        nothing(doc)
        doc["plan"]["estimate"]["value"] = 1  # RP = 0 / (0 + 1) = 0 %

    findings = office(one_kwh)
    assert at(findings, "declaration.not_computable") == []
    assert the(findings, "declaration.planned_saving_rate").context["rate"] == 0


def test_a_balance_with_no_electricity_to_share_out_is_not_computable() -> None:
    # every bill 0 kWh and no renewable self-use: the balance's total is 0 kWh, nothing to take shares of
    def no_use(doc: dict[str, Any]) -> None:
        for month in doc["electricity"][0]["months"]:
            for column in _COLUMNS:
                month[column] = 0
        doc["savings"]["renewables"] = []

    findings = office(no_use)
    assert at(findings, "declaration.not_computable") == ["balances.electricity"]
    assert "electricity total must be positive" in the(findings, "declaration.not_computable").message

    def one_kwh(doc: dict[str, Any]) -> None:
        no_use(doc)
        doc["electricity"][0]["months"][0]["peak"] = 1

    findings = office(one_kwh)
    assert at(findings, "declaration.not_computable") == []
    assert at(findings, "declaration.balance_exceeds_use") == ["balances.electricity"]  # 4,435,000 kWh > 1 kWh


# == point 1: every rule where it fires, and at its boundaries ====================================


def _capacity(kw: float) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["basic"]["meters"][0]["contract_capacity"]["value"] = kw

    return change


def _unregistered(doc: dict[str, Any]) -> None:
    """The preparer is not a registered manager (一, 否), with the details and reasons the form asks for."""
    doc["preparer_registered"] = False
    doc["preparer"] = {"name": "張小姐", "title": "總務"}
    doc["no_manager_reasons"] = ["原能管員已離職，辦理設置登記中"]
    doc["managers"] = []


@pytest.mark.parametrize(("kw", "regulated"), [(800, False), (800.5, True), (801, True)])
def test_no_manager_for_a_regulated_user(kw: float, regulated: bool) -> None:
    # 三: contract capacity above 800 kW is regulated; a regulated user needs a registered manager
    findings = office(both(_unregistered, _capacity(kw)))
    assert at(findings, "declaration.no_manager") == (["managers"] if regulated else [])
    assert at(findings, "declaration.not_regulated") == ([] if regulated else ["basic.meters"])
    if regulated:
        assert the(findings, "declaration.no_manager").context["capacity_kw"] == kw


def test_no_manager_counts_only_active_managers() -> None:
    def inactive(doc: dict[str, Any]) -> None:
        _unregistered(doc)
        doc["managers"] = [{**RAW["managers"][0], "active": False}]

    assert at(office(inactive), "declaration.no_manager") == ["managers"]

    def active(doc: dict[str, Any]) -> None:
        _unregistered(doc)
        doc["managers"] = copy.deepcopy(RAW["managers"])

    assert at(office(active), "declaration.no_manager") == []


def _second_meter(kw: float) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["basic"]["meters"].append({"number": "01-2345-67-9", "contract_capacity": {"value": kw, "unit": "kW"}})

    return change


@pytest.mark.parametrize(
    ("change", "required"),
    [
        (_capacity(100_000), False),  # not above 十萬瓩
        (_capacity(100_000.5), True),
        (_capacity(100_001), True),
        (both(_capacity(60_000), _second_meter(40_000)), False),  # the meters' sum: 100,000 kW
        (both(_capacity(60_000), _second_meter(40_001)), True),  # 100,001 kW
    ],
)
def test_two_managers_above_100000_kw_at_the_boundary(change: Change, required: bool) -> None:
    # one registered manager, in-house: enough up to 100,000 kW
    assert at(office(change), "declaration.managers_required") == (["managers"] if required else [])


def _certified(valid_until: dict[str, Any] | None, **answers: bool) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["policy"] = {
            "iso50001": True,
            "certifier": "BSI",
            "monitoring": True,
            "valid_until": valid_until,
            **answers,
        }

    return change


@pytest.mark.parametrize(
    ("valid_until", "expired"),
    [
        ({"era": "ROC", "year": 113, "month": 1, "day": 1}, True),  # the year before the data year 114
        ({"era": "ROC", "year": 113, "month": 12, "day": 31}, True),  # its last day: expired before 114
        ({"era": "AD", "year": 2024, "month": 12, "day": 31}, True),  # the same day in AD
        ({"era": "ROC", "year": 114, "month": 1, "day": 1}, False),  # valid on the data year's first day
        ({"era": "ROC", "year": 114, "month": 12, "day": 31}, False),  # expiring in the data year
        ({"era": "ROC", "year": 115, "month": 6, "day": 30}, False),  # the year after
    ],
)
def test_an_iso50001_certificate_expired_before_the_data_year(valid_until: dict[str, Any], expired: bool) -> None:
    findings = office(_certified(valid_until))
    assert at(findings, "declaration.iso50001_expired") == (["policy.valid_until"] if expired else [])
    assert at(findings, "declaration.iso50001_certificate") == []


def test_an_iso50001_certificate_needs_its_validity() -> None:
    assert at(office(_certified(None)), "declaration.iso50001_certificate") == ["policy.certifier"]


def test_questions_2_to_5_are_not_needed_with_iso50001() -> None:
    valid = {"era": "ROC", "year": 116, "month": 6, "day": 30}
    # the example's four answers kept: each is an info that it is not needed
    answers = {"policy_statement": True, "management_review": True, "efficient_procurement": True}
    findings = office(_certified(valid, suggestions_channel=False, **answers))
    assert at(findings, "declaration.policy_answer_not_needed") == [
        "policy.policy_statement",
        "policy.management_review",
        "policy.efficient_procurement",
        "policy.suggestions_channel",
    ]
    assert all(f.severity == "info" for f in findings if f.code == "declaration.policy_answer_not_needed")
    assert at(office(_certified(valid, management_review=False)), "declaration.policy_answer_not_needed") == [
        "policy.management_review"
    ]
    assert at(findings, "declaration.policy_answer_missing") == []


def _company(capital: dict[str, Any], employees: int, sme: bool) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["basic"].update(paid_in_capital=capital, regular_employees=employees, sme=sme)

    return change


@pytest.mark.parametrize(
    ("capital", "employees", "is_sme"),
    [
        ({"value": 100, "unit": "MTWD"}, 250, True),  # NT$100 million: 一億元以下
        ({"value": 100_000_001, "unit": "TWD"}, 250, False),  # a dollar more, 200 or more employees
        ({"value": 2_500, "unit": "MTWD"}, 199, True),  # 未滿二百人
        ({"value": 2_500, "unit": "MTWD"}, 200, False),
        ({"value": 2_500, "unit": "MTWD"}, 201, False),
    ],
)
def test_sme_at_its_bounds(capital: dict[str, Any], employees: int, is_sme: bool) -> None:
    # answered as the rule says: nothing; answered the other way: the mismatch
    assert at(office(_company(capital, employees, is_sme)), "declaration.sme_mismatch") == []
    assert at(office(_company(capital, employees, not is_sme)), "declaration.sme_mismatch") == ["basic.sme"]


@pytest.mark.parametrize(("parking", "over"), [(41_999, False), (42_000, False), (42_001, True)])
def test_parking_area_not_above_the_floor_area(parking: int, over: bool) -> None:
    findings = office(lambda doc: doc["basic"]["indoor_parking_area"].update(value=parking))
    assert at(findings, "declaration.parking_exceeds_floor_area") == (["basic.indoor_parking_area"] if over else [])


def test_eui_is_not_computable_without_an_indoor_area() -> None:
    # 表五之四 註1: indoor area = 42,000 − 42,000 m² of parking = 0: no EUI per m²
    findings = office(lambda doc: doc["basic"]["indoor_parking_area"].update(value=42_000))
    f = the(findings, "declaration.eui_not_computable")
    assert (f.severity, f.path) == ("error", "electricity") and "indoor floor area" in f.message
    assert at(findings, "declaration.thermal_eui_not_computable") == ["thermal"]
    # 41,999 m² leaves 1 m²: computed
    assert refusals(office(lambda doc: doc["basic"]["indoor_parking_area"].update(value=41_999))) == []


def test_eui_is_not_computable_against_a_quarter_without_use() -> None:
    # 表五之四 註2 divides by N−1's EUI: January-March of N−1 at 0 kWh leaves nothing to compare Q1 with
    f = the(office(_no_last_q1), "declaration.eui_not_computable")
    assert "must be positive in every quarter" in f.message


def _this_q1(*months: float) -> Change:
    """This year's January-March bills (all in the peak column), last year's Q1 being 955,000 kWh."""

    def change(doc: dict[str, Any]) -> None:
        for month, kwh in zip(doc["electricity"][0]["months"][:3], months, strict=True):
            month.update(peak=kwh, semi_peak=0, saturday_semi_peak=0, off_peak=0)

    return change


@pytest.mark.parametrize(
    ("months", "flagged"),
    [
        # N−1's Q1: 320,000 + 300,000 + 335,000 = 955,000 kWh; the areas are the same both years, so
        # the EUI difference is the kWh difference. +10 %: 352,000 + 330,000 + 368,500 = 1,050,500
        ((352_000, 330_000, 368_500), False),
        ((352_000, 330_000, 368_501), True),  # 95,501 / 955,000 = 10.0001 %
        ((352_000, 330_000, 368_499), False),
        # −10 %: 288,000 + 270,000 + 301,500 = 859,500
        ((288_000, 270_000, 301_500), False),
        ((288_000, 270_000, 301_499), True),
        ((288_000, 270_000, 301_501), False),
    ],
)
def test_eui_difference_at_10_percent(months: tuple[float, ...], flagged: bool) -> None:
    # 差異分析值超過10% needs a reason: exactly 10 % does not exceed it
    findings = office(_this_q1(*months))
    assert at(findings, "building.eui_difference") == (["eui_reasons.Q1"] if flagged else [])
    if flagged:
        expected = (sum(months) - 955_000) / 955_000
        assert the(findings, "building.eui_difference").context["difference"] == pytest.approx(expected, rel=1e-9)


def _last_diesel(*months: float) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["previous_year_thermal"]["diesel"]["use"] = [*months, *[0.2] * (12 - len(months))]

    return change


def test_thermal_eui_not_computable_against_a_quarter_without_fuel() -> None:
    f = the(office(_last_diesel(0, 0, 0)), "declaration.thermal_eui_not_computable")
    assert (f.severity, f.path) == ("error", "thermal") and "must be positive in every quarter" in f.message
    # one litre in March is enough to compare against (Q1 then +59,900 %: a difference to explain)
    findings = office(_last_diesel(0, 0, 0.001))
    assert at(findings, "declaration.thermal_eui_not_computable") == []
    assert "thermal_eui_reasons.Q1" in at(findings, "declaration.thermal_eui_difference")


@pytest.mark.parametrize(
    ("q1", "flagged"),
    # this year 0.2 kL a month (Q1 0.6 kL); the same diesel and areas both years: the thermal EUI
    # difference is the diesel's. Last year's Q1 at 0.6 / 1.1: +10 %; a little less or more.
    [((0.2, 0.2, 0.6 / 1.1 - 0.4), False), ((0.2, 0.2, 0.1454), True), ((0.2, 0.2, 0.1456), False)],
)
def test_thermal_eui_difference_at_10_percent(q1: tuple[float, ...], flagged: bool) -> None:
    # 0.6 / 0.5454 − 1 = +10.01 % is flagged; 0.6 / 0.5456 − 1 = +9.97 % is not
    findings = office(both(_last_diesel(*q1), lambda doc: doc["balances"].update(heat_uses={})))
    assert at(findings, "declaration.thermal_eui_difference") == (["thermal_eui_reasons.Q1"] if flagged else [])


def test_thermal_eui_not_computable_with_a_set_without_kgoe() -> None:
    # 表五之五 is in kgOE/m²: a factor set none of whose bases defines kcal per kgOE cannot give it
    fs = factors.load("tw-2024")
    bases = {k: b.model_copy(update={"kcal_per_kgoe": None}) for k, b in fs.oil_equivalent_bases.items()}
    no_kgoe = fs.model_copy(update={"oil_equivalent_bases": bases})
    f = the(office(factor_set=no_kgoe), "declaration.thermal_eui_not_computable")
    assert "defines no kcal per kgOE" in f.message and f.path == "thermal"
    assert at(office(factor_set=fs), "declaration.thermal_eui_not_computable") == []


@pytest.mark.parametrize(
    ("kind", "installed", "summer", "over"),
    [
        ("central", 1_200, 1_200, False),  # the summer maximum may reach the installed tonnage
        ("central", 1_200, 1_200.5, True),
        ("central", 1_200, 1_201, True),
        ("other", 80, 80, False),
        ("other", 80, 81, True),
        ("other", 0, 0, False),  # none installed, none ran
        ("other", 0, 1, True),  # none installed, 1 RT ran
    ],
)
def test_tonnage_not_above_installed(kind: str, installed: float, summer: float, over: bool) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["efficiency_factors"][f"installed_{kind}"]["value"] = installed
        doc["efficiency_factors"][f"summer_max_{kind}"]["value"] = summer

    findings = office(change)
    assert at(findings, "declaration.tonnage") == ([f"efficiency_factors.summer_max_{kind}"] if over else [])
    if over and installed == 0:
        assert "none is installed" in the(findings, "declaration.tonnage").message


@pytest.mark.parametrize("field", ["lighting_power", "ac_power"])
@pytest.mark.parametrize(("kw", "over"), [(999, False), (1_000, False), (1_000.5, True), (1_001, True)])
def test_peak_share_not_above_100_percent(field: str, kw: float, over: bool) -> None:
    # 表五之三: the highest peak demand of the year is 1,000 kW (June-September); a share of it above
    # 100 % cannot be
    findings = office(lambda doc: doc["efficiency_factors"][field].update(value=kw))
    assert at(findings, "declaration.peak_share") == ([f"efficiency_factors.{field}"] if over else [])
    if over:
        assert f"{kw / 1_000:.0%}" in the(findings, "declaration.peak_share").message


def _load(rate: float, power_factor: float = 0.98) -> Change:
    """Transformer TR-1 (1,500 kVA at 380 V) at *rate*: I = rate × 1,500 kVA × 1,000 / (√3 × 380 V)."""

    def change(doc: dict[str, Any]) -> None:
        t = doc["transformers"][0]
        t["max_load_current"]["value"] = rate * 1_500 * 1_000 / (math.sqrt(3) * 380)
        t["power_factor"] = power_factor
        t["declared_load_rate"] = None

    return change


@pytest.mark.parametrize(
    ("rate", "code"),
    [
        (0.4999, "electrical.load_rate_low"),
        (0.50, None),  # 合理在50~75%: both ends reasonable
        (0.5001, None),
        (0.7499, None),
        (0.75, None),
        (0.7501, "electrical.load_rate_high"),
        (0.95, "electrical.load_rate_high"),
    ],
)
def test_transformer_load_rate_between_50_and_75_percent(rate: float, code: str | None) -> None:
    findings = [f for f in office(_load(rate)) if f.code.startswith("electrical.load_rate")]
    assert [(f.code, f.path) for f in findings] == ([(code, "transformers[0].load_rate")] if code else [])
    if code:
        assert findings[0].context["found"] == pytest.approx(rate, rel=1e-12)


@pytest.mark.parametrize(("pf", "low"), [(0.9499, True), (0.95, True), (0.9501, False), (1.0, False)])
def test_power_factor_above_95_percent(pf: float, low: bool) -> None:
    # 各迴路功因合理值應高於95%: exactly 95 % is not above it
    findings = office(_load(0.6, pf))
    assert at(findings, "electrical.power_factor_low") == (["transformers[0].power_factor"] if low else [])


def test_declared_load_rate_checked_against_the_formula() -> None:
    # √3 × 380 V × 1,400 A / 1,000 / 1,500 kVA = 61.42 %: declared 61.4 % agrees, 65 % does not
    assert at(office(), "declaration.load_rate_mismatch") == []
    findings = office(lambda doc: doc["transformers"][0].update(declared_load_rate=0.65))
    assert at(findings, "declaration.load_rate_mismatch") == ["transformers[0].declared_load_rate"]


def _chiller(capacity: float, months: int) -> Change:
    def change(doc: dict[str, Any]) -> None:
        group = doc["chiller_groups"][0]
        group["capacity"]["value"] = capacity
        del group["months"][months:]

    return change


@pytest.mark.parametrize(
    ("capacity", "months", "missing"),
    [(1_000, 11, True), (1_000, 0, True), (1_000, 12, False), (999.9, 11, False), (999, 0, False), (1_000.1, 11, True)],
)
def test_chiller_table_from_1000_rt(capacity: float, months: int, missing: bool) -> None:
    # 表九之一(二) 註1: a group totalling 1,000 RT or more (達1千冷凍噸以上) declares its 12 months
    findings = office(_chiller(capacity, months))
    assert at(findings, "declaration.chiller_table_missing") == (["chiller_groups[0].months"] if missing else [])


@pytest.mark.parametrize(
    ("month", "flagged"),
    [
        ({"kwh": 70_000, "rth": 0}, True),  # energy but no cooling, not marked 整月未開主機
        ({"kwh": 70_000, "rth": 0, "not_running": True}, False),
        ({"kwh": 0, "rth": 0}, False),
        ({"kwh": 70_000, "rth": 1}, False),
    ],
)
def test_chiller_month_without_cooling(month: dict[str, Any], flagged: bool) -> None:
    findings = office(lambda doc: doc["chiller_groups"][0]["months"].__setitem__(0, month))
    assert at(findings, "declaration.chiller_no_cooling") == (["chiller_groups[0].months[0]"] if flagged else [])


def _data_centre(metering_point: str, declared_pue: float | None = None) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["data_centres"] = [
            {
                "infrastructure": {"value": 600_000, "unit": "kWh"},
                "it": {"value": 1_000_000, "unit": "kWh"},
                "metering_point": metering_point,
                "declared_pue": declared_pue,
            }
        ]

    return change


@pytest.mark.parametrize(
    ("point", "flagged"),
    [("ups_input", True), ("other", True), ("ups_output", False), ("pdu_output", False), ("it_input", False)],
)
def test_it_metering_point_at_least_pue1(point: str, flagged: bool) -> None:
    # 表九之八 註11: ISO/IEC 30134-2 PUE1 (UPS output), PUE2 (PDU output), PUE3 (IT input)
    findings = office(_data_centre(point))
    assert at(findings, "electrical.pue_metering_point") == (["data_centres[0].metering_point"] if flagged else [])


@pytest.mark.parametrize(("declared", "flagged"), [(1.6, False), (1.5, True), (1.7, True)])
def test_declared_pue_against_its_formula(declared: float, flagged: bool) -> None:
    # PUE = (a + b) / b = (600,000 + 1,000,000) / 1,000,000 = 1.6
    findings = office(_data_centre("ups_output", declared))
    assert at(findings, "declaration.pue_mismatch") == (["data_centres[0].declared_pue"] if flagged else [])


def _steam(temperature: list[float], o2: list[float]) -> Change:
    """The example's boiler made a fuel-fired steam boiler, self-checked against 250 °C and 6 % O2."""

    def change(doc: dict[str, Any]) -> None:
        doc["boilers"][0].update(kind="steam", inspection_no="北檢 1234")
        doc["equipment_register"] = [
            {"system": "鍋爐系統", "equipment": "蒸汽鍋爐", "operation": "standard", "maintenance": "regular"}
        ]
        doc["steam_boiler_checks"] = [
            {
                "item": "6.2-1",
                "exhaust_temperature": temperature,
                "exhaust_o2": o2,
                "limit_temperature": {"value": 250, "unit": "degC"},
                "limit_o2": 0.06,
            }
        ]

    return change


@pytest.mark.parametrize(("march", "over"), [(0.059, False), (0.06, False), (0.0601, True), (0.08, True)])
def test_exhaust_o2_over_its_limit(march: float, over: bool) -> None:
    findings = office(_steam([230.0] * 12, [0.05, 0.05, march] + [0.05] * 9))
    assert at(findings, "building.exhaust_o2_high") == (["steam_boiler_checks[0].reasons.3"] if over else [])
    assert at(findings, "building.exhaust_temperature_high") == []


@pytest.mark.parametrize(("july", "over"), [(249.9, False), (250.0, False), (250.1, True)])
def test_exhaust_temperature_over_its_limit(july: float, over: bool) -> None:
    findings = office(_steam([230.0] * 6 + [july] + [230.0] * 5, [0.05] * 12))
    assert at(findings, "building.exhaust_temperature_high") == (["steam_boiler_checks[0].reasons.7"] if over else [])


@pytest.mark.parametrize(
    ("year", "hours", "over"),
    [
        (114, 8_760, False),  # 2025 has 365 × 24 = 8,760 h
        (114, 8_760.5, True),
        (114, 8_761, True),
        (114, 8_784, True),
        (113, 8_784, False),  # 2024 is a leap year: 366 × 24 = 8,784 h
        (113, 8_785, True),
    ],
)
def test_running_hours_within_the_data_year(year: int, hours: float, over: bool) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["year"] = year
        doc["systems"][0]["running_hours"]["value"] = hours

    findings = office(change)
    assert at(findings, "declaration.running_hours") == (["systems[0].running_hours"] if over else [])


def test_an_ev_merge_needs_the_declaring_county() -> None:
    findings = office(lambda doc: doc.pop("main_meter_county"))
    assert at(findings, "declaration.merge_main_county") == ["main_meter_county"]
    assert at(findings, "declaration.merge_ev_region") == []  # not judged without it


@pytest.mark.parametrize(
    ("county", "flagged"), [("新北市", False), ("基隆市", False), ("臺中市", True), ("金門縣", True)]
)
def test_an_ev_merge_within_the_region(county: str, flagged: bool) -> None:
    # 附錄二 註3: 臺北市 is in the northern region with 新北市 and 基隆市; 金門縣 is in none of the four lists
    findings = office(lambda doc: doc["merged_meters"][0].update(county=county))
    assert at(findings, "declaration.merge_ev_region") == (["merged_meters[0].county"] if flagged else [])


@pytest.mark.parametrize(("total", "flagged"), [(45_000, False), (45_001, True), (44_999, True)])
def test_renewable_total_against_its_rows(total: float, flagged: bool) -> None:
    # the one solar row generates 45,000 kWh
    findings = office(lambda doc: doc["savings"].update(renewable_generated={"value": total, "unit": "kWh"}))
    assert at(findings, "declaration.renewable_total") == (["savings.renewable_generated"] if flagged else [])


@pytest.mark.parametrize(("declared", "flagged"), [(7_128, False), (7_128.5, False), (7_128.6, True), (7_127, True)])
def test_declared_savings_are_the_year_times_the_months(declared: float, flagged: bool) -> None:
    # 表十之一 公式: 9,504 kWh a year × 9/12 months = 7,128 kWh; the form's whole kWh may round ±0.5
    findings = office(lambda doc: doc["savings"]["measures"][0]["declared_savings"].update(value=declared))
    assert at(findings, "declaration.declared_savings") == (["savings.measures[0].declared_savings"] if flagged else [])


@pytest.mark.parametrize(
    ("period", "months", "code"),
    [
        # 114年: completed 112/12 counts 113/1~113/12, none of it in 114
        ("112/12", (1, 12), "declaration.recognition_year"),
        ("113/1", (1, 1), None),  # counts 113/2~114/1: January of 114
        ("113/1", (1, 2), "declaration.recognition_months"),
        ("114/11", (12, 12), None),  # counts 114/12~115/11
        ("114/11", (11, 12), "declaration.recognition_months"),
        ("114/12", (12, 12), "declaration.recognition_year"),  # counts from 115/1
    ],
)
def test_recognised_months_at_the_year_ends(period: str, months: tuple[int, int], code: str | None) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["savings"]["measures"][0].update(period=period, first_month=months[0], last_month=months[1])

    findings = [f for f in office(change) if f.code.startswith("declaration.recognition")]
    expected = {
        "declaration.recognition_year": "savings.measures[0].period",
        "declaration.recognition_months": "savings.measures[0].first_month",
    }
    assert [(f.code, f.path) for f in findings] == ([(code, expected[code])] if code else [])


def _without_chiller_measure(doc: dict[str, Any]) -> None:
    del doc["savings"]["measures"][1]


# without the chiller measure: A = 7,128 + 4,210 + 45,000 = 56,338 kWh;
# R = 56,338 / (56,338 + 4,435,000 − 12,000) = 56,338 / 4,479,338 = 1.2577 %
RATE_WITHOUT_CHILLER = 56_338 / 4_479_338


@pytest.mark.parametrize(
    ("kw", "code", "target"),
    [
        (800, "rates.not_regulated", None),
        (801, "rates.target_met", 0.01),  # 801-10,000 kW: average ≥ 1 %
        (10_000, "rates.target_met", 0.01),
        (10_001, "rates.target_missed", 0.015),  # above 10,000 kW: ≥ 1.5 %
    ],
)
def test_saving_rate_against_the_tier_of_the_contract_capacity(kw: float, code: str, target: float | None) -> None:
    [f] = [f for f in office(both(_without_chiller_measure, _capacity(kw))) if f.path == "savings"]
    assert f.code == code
    assert f.context["rate"] == pytest.approx(RATE_WITHOUT_CHILLER, rel=1e-12)
    assert f.context.get("target") == target


@pytest.mark.parametrize(
    ("year", "code", "rule"),
    [
        (113, "rates.no_target_rule", None),  # 2024: between the 104-108 and 114-117 rules
        (114, "rates.target_met", "tw-114-117"),  # its first year: the year's rate is the average
        (117, "declaration.saving_rate", "tw-114-117"),  # its last: the average needs 114-116 as well
        (118, "rates.no_target_rule", None),
    ],
)
def test_saving_rate_against_the_rule_of_the_year(year: int, code: str, rule: str | None) -> None:
    # the set is pinned: 117年 and 118年 (2028, 2029) have no shipped factors, and the rule does not use them
    [f] = [f for f in office(lambda doc: doc.update(year=year), "tw-2024") if f.path == "savings"]
    assert (f.code, f.context.get("rule")) == (code, rule)
    # R = 74,988 / (74,988 + 4,435,000 − 12,000) = 1.6671 %, whatever the year
    assert f.context["rate"] == pytest.approx(SAVED / (SAVED + OFFICE_KWH + SELF_USE - DEDUCTED), rel=1e-12)


@pytest.mark.parametrize(
    ("deducted", "message"),
    [
        (4_435_001, "must not exceed"),  # C above B = 4,435,000 kWh
        (4_435_000, "no saving reaches 100 %"),  # C = B: R = A / (A + 0) = 100 %
    ],
)
def test_saving_rate_not_computable(deducted: float, message: str) -> None:
    findings = office(lambda doc: doc["savings"]["deductions"]["ev_charging"].update(value=deducted))
    f = the(findings, "declaration.saving_rate")
    assert (f.severity, f.path) == ("error", "savings") and message in f.message
    # one kWh less deducted is a rate: 74,988 / (74,988 + 1) = 99.9987 %, flagged as implausible
    findings = office(lambda doc: doc["savings"]["deductions"]["ev_charging"].update(value=4_434_999))
    assert the(findings, "rates.implausible_rate").context["rate"] == pytest.approx(SAVED / (SAVED + 1), rel=1e-12)


@pytest.mark.parametrize(("deducted", "error"), [(4_434_999, False), (4_435_000, False), (4_435_001, True)])
def test_planned_use_deductions_not_above_the_use(deducted: float, error: bool) -> None:
    # 表十一之四 (扣除): CP = N's use 4,435,000 kWh − the deductions; RP = 613,200 / (613,200 + CP)
    def deduct(doc: dict[str, Any]) -> None:
        doc["plan"].update(use_method="deduct", deductions={"new_buildings": {"value": deducted, "unit": "kWh"}})

    findings = office(deduct)
    assert at(findings, "declaration.planned_use") == (["plan.use_method"] if error else [])
    if not error:
        rp = the(findings, "declaration.planned_saving_rate").context["rate"]
        assert rp == pytest.approx(613_200 / (613_200 + 4_435_000 - deducted), rel=1e-12)


def test_the_heat_balance_needs_heat_to_share_out() -> None:
    # heat uses declared but no fuel in 表五之一: no total heat to take the uses' shares of
    findings = office(lambda doc: doc["thermal"].pop("diesel"))
    f = the(findings, "declaration.heat_balance")
    assert (f.severity, f.path) == ("error", "balances.heat_uses")


# -- the production form (production-declaration-2018) -------------------------------------------------------------------


def test_production_recognition_year() -> None:
    # 106年: completed 104/12 counts 105/1~105/12; completed 105/1 counts 105/2~106/1 (January of 106)
    findings = production(lambda doc: doc["measures"][0].update(period="104/12", first_month=1, last_month=12))
    assert at(findings, "declaration.recognition_year") == ["measures[0].period"]
    assert at(findings, "declaration.measure_source") == []  # not judged for a measure outside the year
    findings = production(
        lambda doc: doc["measures"][0].update(period="105/1", first_month=1, last_month=1, source="cross_year")
    )
    assert at(findings, "declaration.recognition_year") == at(findings, "declaration.recognition_months") == []
    assert at(findings, "declaration.measure_source") == []


@pytest.mark.parametrize("field", ["output", "output_last_year"])
def test_a_product_with_a_quarter_without_output(field: str) -> None:
    # energy per unit of a quarter = its energy ÷ its output: no output in April-June, nothing to divide by
    findings = production(lambda doc: doc["products"][0][field].__setitem__(slice(3, 6), [0, 0, 0]))
    f = the(findings, "declaration.product_not_computable")
    assert (f.severity, f.path) == ("error", "products[0]")


def _kwh_per_unit_q1(*values: float) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["products"][0]["kwh_per_unit"][:3] = list(values)

    return change


@pytest.mark.parametrize(
    ("q1", "flagged"),
    [
        # 表八之三 Q1: 290, 290, 460 units at 900, 900, 1,190 kWh/unit = 1,069,400 kWh both years.
        # × 1.1: 990, 990, 1,309 kWh/unit = 1,176,340 kWh, +10 % on the same output
        ((990, 990, 1_309), False),
        ((990, 990, 1_310), True),  # +460 kWh: +10.04 %
        ((990, 990, 1_308), False),
        # × 0.9: 810, 810, 1,071 = 962,460 kWh, −10 %
        ((810, 810, 1_071), False),
        ((810, 810, 1_070), True),
    ],
)
def test_unit_energy_difference_at_10_percent(q1: tuple[float, ...], flagged: bool) -> None:
    findings = production(_kwh_per_unit_q1(*q1))
    assert at(findings, "production.unit_energy_difference") == (["products[0].reasons.Q1"] if flagged else [])


def _plant_is_products_times(factor: float) -> Change:
    """The plant's electricity each month = the product's (output × kWh/unit) × *factor*, all in peak."""

    def change(doc: dict[str, Any]) -> None:
        p = doc["products"][0]
        doc["energy"]["peak"] = [o * k * factor for o, k in zip(p["output"], p["kwh_per_unit"], strict=True)]
        for column in ("semi_peak", "off_peak", "saturday_semi_peak"):
            doc["energy"][column] = [0] * 12
        doc["balance"] = {}

    return change


@pytest.mark.parametrize(("factor", "severity"), [(1.25, "info"), (1.2501, "warning"), (1.2499, "info"), (1.0, "info")])
def test_products_coverage_at_80_percent(factor: float, severity: str) -> None:
    # products = plant / 1.25 = 80 % of it: not below 80 %, no explanation needed
    f = the(production(_plant_is_products_times(factor)), "production.coverage")
    assert f.severity == severity
    assert f.context["share"] == pytest.approx(1 / factor, rel=1e-12)


def test_products_not_above_the_plant_in_a_month_or_the_year() -> None:
    findings = production(_plant_is_products_times(1.0))  # equal every month: not above
    assert at(findings, "declaration.products_exceed_use") == []

    def may_short(doc: dict[str, Any]) -> None:
        _plant_is_products_times(1.0)(doc)
        doc["energy"]["peak"][4] -= 1  # May: 450 × 900 = 405,000 kWh of products, 404,999 declared

    findings = production(may_short)
    assert at(findings, "declaration.products_exceed_use") == ["products.month_5", "products"]
    assert at(findings, "production.coverage") == []


@pytest.mark.parametrize(("extra", "over"), [(0, False), (1, True)])
def test_production_balance_not_above_the_use(extra: float, over: bool) -> None:
    # 3,821,491 + 1,091,855 + 272,964 + 272,963 = 5,459,273 kWh, the plant's use exactly
    findings = production(lambda doc: doc["balance"]["其他"].update(value=272_963 + extra))
    assert at(findings, "declaration.balance_exceeds_use") == (["balance"] if over else [])


def test_production_saving_rate_is_a_over_a_plus_b() -> None:
    # production-declaration-2018 表十之三: R = A / (A + B); A = 75,000 + 73,517 + 971,812.5 = 1,120,329.5 kWh (表十之一),
    # B = the example plant's 5,459,273 kWh (表六之一's four tariff columns)
    f = the(production(), "declaration.saving_rate")
    assert f.severity == "info" and f.path == "measures"
    assert f.context["rate"] == pytest.approx(1_120_329.5 / (1_120_329.5 + 5_459_273), rel=1e-12)
    # without the largest measure: 148,517 / (148,517 + 5,459,273)
    f = the(production(lambda doc: doc["measures"].pop()), "declaration.saving_rate")
    assert f.context["rate"] == pytest.approx(148_517 / (148_517 + 5_459_273), rel=1e-12)
