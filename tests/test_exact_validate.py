"""Every finding of ``carbonaudit.declaration.validate`` in full: code, severity, path, both messages.

The rules of non-production-form-2025 附表三 already have their thresholds pinned in
tests/test_formulas_declaration.py; here each finding a rule emits is compared whole (English and
Chinese text, path, severity and the context a program reads), so that a changed word, path or
number in any rule is noticed. Each case edits a copy of ``examples/office_declaration.yaml``
(114年 = 2025); the figures in the messages are worked out by hand in the comments.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from carbonaudit import InvalidValueError, factors
from carbonaudit.declaration import Declaration, validate
from carbonaudit.errors import Finding

VALIDATE = importlib.import_module("carbonaudit.declaration.validate")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RAW: dict[str, Any] = yaml.safe_load((EXAMPLES / "office_declaration.yaml").read_text(encoding="utf-8"))
METER = "01-2345-67-8"
ELECTRICITY_COLUMNS = ("peak", "semi_peak", "saturday_semi_peak", "off_peak")

RATE = 74_988 / 4_497_988  # the example's saving rate, worked in the first test

Change = Callable[[dict[str, Any]], Any]


def doc_of(*changes: Change) -> dict[str, Any]:
    doc = copy.deepcopy(RAW)
    for change in changes:
        change(doc)
    return doc


def run(*changes: Change, factor_set: Any = None) -> list[Finding]:
    return validate(Declaration.model_validate(doc_of(*changes)), factor_set)


def whole(f: Finding) -> tuple[str, str, str, str, str, dict[str, Any]]:
    return (f.code, f.severity, f.path, f.message, f.message_zh, f.context)


def coded(findings: list[Finding], prefix: str) -> list[tuple[str, str, str, str, str, dict[str, Any]]]:
    """Every finding whose code starts with *prefix*, whole, in order."""
    return [whole(f) for f in findings if f.code.startswith(prefix)]


def _append_copy(*path: Any) -> Change:
    def change(doc: dict[str, Any]) -> None:
        node = doc
        for key in path:
            node = node[key]
        node.append(copy.deepcopy(node[0]))

    return change


def _set(*path: Any, value: Any) -> Change:
    def change(doc: dict[str, Any]) -> None:
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _steam(doc: dict[str, Any]) -> None:
    """The example's boiler made a fuel-fired steam boiler with its register and monthly self-check."""
    doc["boilers"][0].update(kind="steam", inspection_no="北檢 1234")
    doc["equipment_register"] = [
        {"system": "鍋爐系統", "equipment": "蒸汽鍋爐", "operation": "standard", "maintenance": "regular"}
    ]
    doc["steam_boiler_checks"] = [
        {
            "item": "6.2-1",
            "exhaust_temperature": [230.0] * 12,
            "exhaust_o2": [0.05] * 12,
            "limit_temperature": {"value": 250, "unit": "degC"},
            "limit_o2": 0.06,
        }
    ]


def _data_centre(doc: dict[str, Any], **extra: Any) -> None:
    doc["data_centres"] = [
        {
            "building": "A棟",
            "floor": "B1",
            "infrastructure": {"value": 500_000, "unit": "kWh"},
            "it": {"value": 1_000_000, "unit": "kWh"},
            "metering_point": "ups_output",
            **extra,
        }
    ]


# -- the example as shipped: its two info findings, whole -------------------------------------------


def test_the_example_gives_exactly_its_two_info_findings() -> None:
    # R = A / (A + B - C) (non-production-form-2025 表十之四): A = 7,128 + 18,650 + 4,210 + 45,000 = 74,988 kWh,
    # B = 4,390,000 + 45,000 self-use, C = 12,000: 74,988 / 4,497,988 = 1.66715 %
    findings = run()
    assert [(f.code, f.severity, f.path) for f in findings] == [
        ("rates.target_met", "info", "savings"),
        ("declaration.planned_saving_rate", "info", "plan"),
    ]
    rate = findings[0].context["rate"]
    assert rate == pytest.approx(RATE, rel=1e-12)
    assert findings[0].message == (
        f"the year's saving rate R = {rate:.2%}: average annual saving rate {rate:.4%} meets the target 1.00% of "
        "rule tw-114-117 (contract capacity 801-10,000 kW: average annual electricity saving >= 1 %)"
    )
    assert findings[0].message_zh == f"年度節電率 {rate:.2%}，達成節電目標"
    assert findings[0].context == {
        "rule": "tw-114-117",
        "target": 0.01,
        "rate": rate,
        "basis": "average",
        "source": "tw-target-114",
    }
    # RP = SP / (SP + CP): SP = 613,200 kWh planned (AD06); CP = "same" = N's 4,390,000 kWh billed
    # + 45,000 kWh solar self-use = 4,435,000 kWh; 613,200 / 5,048,200 = 12.1469 %
    assert whole(findings[1]) == (
        "declaration.planned_saving_rate",
        "info",
        "plan",
        "planned saving rate RP = SP / (SP + CP) = 613,200 / (613,200 + 4,435,000) = 12.15%",
        "預計年度節電率 RP = 12.15%",
        {"rate": pytest.approx(613_200 / 5_048_200, rel=1e-12)},
    )


# -- 一/二: capacity, managers and the preparer ------------------------------------------------------


def _capacity(kw: float) -> Change:
    return _set("basic", "meters", 0, "contract_capacity", "value", value=kw)


def _unregistered(doc: dict[str, Any]) -> None:
    doc["preparer_registered"] = False
    doc["preparer"] = {"name": "張小姐", "title": "總務"}
    doc["no_manager_reasons"] = ["原能管員已離職，辦理設置登記中"]
    doc["managers"] = []


def test_not_regulated_at_800_kw_whole() -> None:
    # 致貴能源用戶 3: 契約用電容量超過 800 瓩 is regulated; 800 kW is not (and needs no manager)
    findings = run(_capacity(800), _unregistered)
    assert coded(findings, "declaration.not_regulated") + coded(findings, "declaration.no_manager") == [
        (
            "declaration.not_regulated",
            "info",
            "basic.meters",
            "contract capacity 800 kW is not above 800 kW: not a regulated energy user",
            "契約用電容量 800 瓩未超過 800 瓩，非列管能源用戶",
            {"capacity_kw": 800.0},
        )
    ]


def test_a_regulated_user_without_a_manager_whole() -> None:
    assert coded(run(_unregistered), "declaration.no_manager") == [
        (
            "declaration.no_manager",
            "warning",
            "managers",
            "a regulated energy user has no registered engineer or energy manager: register one "
            "(能源管理法 §11) and explain why not yet",
            "列管能源用戶未設置登記技師或能源管理人員，請說明原因並儘速辦理設置登記",
            {"capacity_kw": 1200.0},
        )
    ]


def test_no_manager_needs_both_no_active_manager_and_an_unregistered_preparer() -> None:
    # an active manager listed, the preparer not registered: a manager is there
    def with_manager(doc: dict[str, Any]) -> None:
        _unregistered(doc)
        doc["managers"] = copy.deepcopy(RAW["managers"])

    assert coded(run(with_manager), "declaration.no_manager") == []
    # the preparer registered but no manager listed: that is registered_preparer_missing, not this
    findings = run(_set("managers", value=[]))
    assert coded(findings, "declaration.no_manager") == []
    assert [f.code for f in findings if f.severity != "info"] == ["declaration.registered_preparer_missing"]


def _managers(*in_house: bool) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["managers"] = [
            {**RAW["managers"][0], "registration_no": f"X-{i}", "in_house": flag} for i, flag in enumerate(in_house)
        ]

    return change


@pytest.mark.parametrize(
    ("in_house", "found"),
    [
        ((True,), "found 1, 1 in-house"),
        ((False, False), "found 2, 0 in-house"),
        ((False, False, False), "found 3, 0 in-house"),
    ],
)
def test_two_managers_one_in_house_above_100000_kw_whole(in_house: tuple[bool, ...], found: str) -> None:
    findings = run(_capacity(100_001), _managers(*in_house))
    assert coded(findings, "declaration.managers_required") == [
        (
            "declaration.managers_required",
            "error",
            "managers",
            "contract capacity 100,001 kW is above 100,000 kW: at least two registered engineers or energy managers "
            f"are required, one of them in-house ({found})",
            "契約用電容量超過十萬瓩者，應有二名以上技師或能管員，且其中一名人員應自置之",
            {"capacity_kw": 100_001.0, "managers": len(in_house)},
        )
    ]


def test_two_managers_one_in_house_is_enough_and_an_inactive_one_does_not_count() -> None:
    assert coded(run(_capacity(100_001), _managers(True, False)), "declaration.managers_required") == []
    assert coded(run(_capacity(100_001), _managers(False, True)), "declaration.managers_required") == []

    def one_inactive(doc: dict[str, Any]) -> None:
        _managers(True, False)(doc)
        doc["managers"][1]["active"] = False

    [f] = [f for f in run(_capacity(100_001), one_inactive) if f.code == "declaration.managers_required"]
    assert f.message.endswith("(found 1, 1 in-house)") and f.context["managers"] == 1


def test_a_registered_preparer_needs_an_active_manager_whole() -> None:
    expected = [
        (
            "declaration.registered_preparer_missing",
            "error",
            "managers",
            "the preparer is said to be registered but no active registered manager is listed",
            "填表人員已完成設置登記者，請填寫技師或能管員資料",
            {},
        )
    ]
    assert coded(run(_set("managers", value=[])), "declaration.registered_preparer_missing") == expected
    assert coded(run(_set("managers", 0, "active", value=False)), "declaration.registered_preparer_missing") == expected
    # a registered preparer with an active manager needs neither the preparer's details nor reasons
    assert coded(run(), "declaration.preparer") == [] and coded(run(), "declaration.no_manager") == []


def test_an_unregistered_preparer_gives_details_and_reasons_whole() -> None:
    def bare(doc: dict[str, Any]) -> None:
        _unregistered(doc)
        doc["preparer"] = None
        doc["no_manager_reasons"] = []

    findings = run(bare)
    assert coded(findings, "declaration.preparer_missing") + coded(findings, "declaration.no_manager_reasons") == [
        (
            "declaration.preparer_missing",
            "error",
            "preparer",
            "the preparer is not a registered manager: give the preparer's details (一, 否)",
            "填表人員未完成設置登記者，請填寫填表人資料",
            {},
        ),
        (
            "declaration.no_manager_reasons",
            "error",
            "no_manager_reasons",
            "explain why no energy manager is registered and how it will be (未設置能源管理員原因說明)",
            "請說明未設置能源管理員原因及後續設置登記改善方式",
            {},
        ),
    ]
    assert coded(run(_unregistered), "declaration.preparer_missing") == []
    assert coded(run(_unregistered), "declaration.no_manager_reasons") == []


# -- 三: basic data ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("user_class", "scale"), [("school", "教室間數"), ("hospital", "病床數"), ("hotel", "房間數")])
def test_business_scale_by_class_whole(user_class: str, scale: str) -> None:
    findings = run(_set("basic", "user_class", value=user_class))
    assert coded(findings, "declaration.business_scale_required") == [
        (
            "declaration.business_scale_required",
            "error",
            "basic.business_scale",
            f"a {user_class} must give its business scale ({scale})",
            f"學校、醫院、旅館須填寫營業規模 ({scale})",
            {},
        )
    ]


def test_rental_rate_for_an_office_building_whole() -> None:
    assert coded(run(_set("basic", "rental_rate", value=None)), "declaration.rental_rate_required") == [
        (
            "declaration.rental_rate_required",
            "error",
            "basic.rental_rate",
            "an office building must give its rental rate (出租率)",
            "辦公大樓須填寫出租率",
            {},
        )
    ]
    # another class needs none
    findings = run(_set("basic", "user_class", value="department_store"), _set("basic", "rental_rate", value=None))
    assert coded(findings, "declaration.rental_rate_required") == []


def test_a_public_body_is_not_an_sme_whole() -> None:
    findings = run(_set("basic", "public_body", value=True), _set("basic", "sme", value=True))
    assert coded(findings, "declaration.sme") == [
        (
            "declaration.sme_public_body",
            "error",
            "basic.sme",
            "public bodies, defence organisations and management committees answer 'no' to SME",
            "公務機關、國防組織、管理委員會等無公司或商業登記之能源用戶，中小企業請填「否」",
            {},
        )
    ]
    # a public body answering no is not checked against capital and staff (20 employees would say yes)
    findings = run(_set("basic", "public_body", value=True), _set("basic", "regular_employees", value=20))
    assert coded(findings, "declaration.sme") == []


def _sme_mismatch(said: str, expected: str) -> list[Any]:
    return [
        (
            "declaration.sme_mismatch",
            "warning",
            "basic.sme",
            f"SME is {said} but paid-in capital and regular employees say {expected} (≤ NT$100 million or fewer "
            "than 200 employees)",
            "中小企業認定 (實收資本額一億元以下或經常僱用員工數未滿二百人) 與填報不一致",
            {},
        )
    ]


@pytest.mark.parametrize(
    ("capital", "employees", "sme", "expected"),
    [
        # 三 註10: SME = capital NT$一億元以下 OR employees 未滿二百人
        (None, 199, False, _sme_mismatch("no", "yes")),  # employees alone say yes
        (None, 200, False, []),
        (None, 200, True, _sme_mismatch("yes", "no")),
        ({"value": 100, "unit": "MTWD"}, None, False, _sme_mismatch("no", "yes")),  # capital alone says yes
        ({"value": 100, "unit": "MTWD"}, None, True, []),
        ({"value": 101, "unit": "MTWD"}, None, True, _sme_mismatch("yes", "no")),
        ({"value": 2500, "unit": "MTWD"}, 199, False, _sme_mismatch("no", "yes")),  # either is enough
        ({"value": 100, "unit": "MTWD"}, 320, False, _sme_mismatch("no", "yes")),
        (None, None, True, []),  # neither given: not checked
    ],
)
def test_sme_against_capital_and_staff_whole(
    capital: dict[str, Any] | None, employees: int | None, sme: bool, expected: list[Any]
) -> None:
    findings = run(
        _set("basic", "paid_in_capital", value=capital),
        _set("basic", "regular_employees", value=employees),
        _set("basic", "sme", value=sme),
    )
    assert coded(findings, "declaration.sme") == expected


def test_parking_above_the_floor_area_whole() -> None:
    findings = run(_set("basic", "indoor_parking_area", "value", value=42_001))
    assert coded(findings, "declaration.parking") == [
        (
            "declaration.parking_exceeds_floor_area",
            "error",
            "basic.indoor_parking_area",
            "the indoor parking area is larger than the total floor area",
            "總室內停車場面積大於總樓地板面積",
            {},
        )
    ]


# -- 三 / 表五之二: meters and their tables ---------------------------------------------------------

THIS_YEAR = "the electricity totals (EUI, balance, saving rates) are not checked until it is fixed"


def test_a_meter_listed_twice_whole() -> None:
    findings = run(_append_copy("basic", "meters"))
    assert coded(findings, "declaration.duplicate_meter") == [
        (
            "declaration.duplicate_meter",
            "error",
            "basic.meters[1].number",
            f"meter {METER} is listed twice in basic.meters ([0] and [1]): its contract capacity would count twice; "
            "list each meter once",
            f"電號 {METER} 於電號資料重複填報，契約容量將重複計算",
            {"meter": METER, "first": "basic.meters[0]"},
        )
    ]
    # the one table is that meter's: no table is missing, none is unknown
    assert coded(findings, "declaration.meter_table") == [] and coded(findings, "declaration.unknown") == []


def test_this_years_table_three_times_whole() -> None:
    # 4,390,000 kWh a table (tests/test_reliability_declaration.py): 13,170,000 in all, 4,390,000 once
    findings = run(_append_copy("electricity"), _append_copy("electricity"))
    assert coded(findings, "declaration.duplicate_meter_table") == [
        (
            "declaration.duplicate_meter_table",
            "error",
            f"electricity[{i}].meter",
            f"meter {METER}: this year's (N) table is given twice (electricity[0] and electricity[{i}]): its kWh "
            "would count twice (13,170,000 kWh in all, 4,390,000 with each meter once); give each meter's 12 "
            f"months once; {THIS_YEAR}",
            f"電號 {METER} 之N年電能使用量統計表重複填報，用電度數將重複計算",
            {"meter": METER, "first": "electricity[0]"},
        )
        for i in (1, 2)
    ]
    # nothing computed from the doubled total: no EUI, balance, saving rate nor planned rate
    assert [f.code for f in findings] == ["declaration.duplicate_meter_table"] * 2


def test_last_years_table_twice_whole() -> None:
    # N-1: 320 + 300 + 335 + 360 + 395 + 430 + 460 + 470 + 420 + 380 + 330 + 315 thousand = 4,515,000 kWh
    findings = run(_append_copy("previous_year_electricity"))
    assert coded(findings, "declaration.duplicate_meter_table") == [
        (
            "declaration.duplicate_meter_table",
            "error",
            "previous_year_electricity[1].meter",
            f"meter {METER}: last year's (N-1) table is given twice (previous_year_electricity[0] and "
            "previous_year_electricity[1]): its kWh would count twice (9,030,000 kWh in all, 4,515,000 with each "
            f"meter once); give each meter's 12 months once; {THIS_YEAR}",
            f"電號 {METER} 之N-1年電能使用量統計表重複填報，用電度數將重複計算",
            {"meter": METER, "first": "previous_year_electricity[0]"},
        )
    ]
    # only the EUI comparison needs last year's total: the saving rate and the plan are still computed
    # (the doubled N-1 would make every quarter's EUI differ by about -50 %)
    assert [f.code for f in findings] == [
        "declaration.duplicate_meter_table",
        "rates.target_met",
        "declaration.planned_saving_rate",
    ]


def _second_basic_meter(number: str) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["basic"]["meters"].append({"number": number, "contract_capacity": {"value": 100, "unit": "kW"}})

    return change


def test_a_table_for_a_meter_not_in_basic_meters_whole() -> None:
    # the table's meter renamed: it is unknown, and the meter of basic.meters has no table
    findings = run(_set("electricity", 0, "meter", value="99-0000-00-0"), _second_basic_meter("00-1111-11-1"))
    assert coded(findings, "declaration.unknown_meter") + coded(findings, "declaration.meter_table_missing") == [
        (
            "declaration.unknown_meter",
            "error",
            "electricity[0].meter",
            f"meter 99-0000-00-0 of electricity[0] is not in basic.meters ({METER}, 00-1111-11-1): its 4,390,000 kWh "
            "would count without the meter; add the meter to basic.meters (a merged meter once the merge is "
            f"approved, 附錄二) or correct the number; {THIS_YEAR}",
            "電號 99-0000-00-0 不在三、電號資料中，請確認電號或補填電號資料",
            {"meter": "99-0000-00-0"},
        ),
        (
            "declaration.meter_table_missing",
            "error",
            "electricity",
            f"meter {METER} (basic.meters[0]) has no table in electricity: its kWh would not count; give its 12 "
            f"months (表五之二); {THIS_YEAR}",
            f"電號 {METER} 未填寫電能使用量統計表 (表五之二)",
            {"meter": METER},
        ),
        (
            "declaration.meter_table_missing",
            "error",
            "electricity",
            "meter 00-1111-11-1 (basic.meters[1]) has no table in electricity: its kWh would not count; give its 12 "
            f"months (表五之二); {THIS_YEAR}",
            "電號 00-1111-11-1 未填寫電能使用量統計表 (表五之二)",
            {"meter": "00-1111-11-1"},
        ),
    ]
    assert [f.code for f in findings if f.code.startswith(("rates.", "declaration.planned"))] == []


def test_a_meter_without_a_table_listed_twice_is_missing_once() -> None:
    findings = run(_second_basic_meter("00-1111-11-1"), _second_basic_meter("00-1111-11-1"))
    assert [(f.code, f.path, f.context["meter"]) for f in findings if f.severity == "error"] == [
        ("declaration.duplicate_meter", "basic.meters[2].number", "00-1111-11-1"),
        ("declaration.meter_table_missing", "electricity", "00-1111-11-1"),
    ]


def test_last_years_table_for_another_meter_is_a_warning_whole() -> None:
    findings = run(_set("previous_year_electricity", 0, "meter", value="99-0000-00-0"))
    assert coded(findings, "declaration.unknown_meter") == [
        (
            "declaration.unknown_meter",
            "warning",
            "previous_year_electricity[0].meter",
            f"meter 99-0000-00-0 of previous_year_electricity[0] is not in basic.meters ({METER}): if the meter was "
            "closed in N, say so in eui_reasons; else correct the number",
            "電號 99-0000-00-0 不在三、電號資料中，請確認電號或補填電號資料",
            {"meter": "99-0000-00-0"},
        )
    ]
    # this year's tables are right: the saving rate and the plan are computed
    assert "rates.target_met" in [f.code for f in findings]


# -- every other list keyed by an identifier ----------------------------------------------------------


def _steam_check_twice(doc: dict[str, Any]) -> None:
    _steam(doc)
    _append_copy("steam_boiler_checks")(doc)


def _data_centre_twice(doc: dict[str, Any]) -> None:
    _data_centre(doc)
    _append_copy("data_centres")(doc)


LED = "LA06 / T5 燈管汰換為 LED (100 盞) / 113/8~113/9"


@pytest.mark.parametrize(
    ("change", "code", "path", "what", "zh", "key"),
    [
        (
            _append_copy("managers"),
            "manager",
            "managers[1].registration_no",
            "registration number",
            "能管員設置登記編號",
            "能管字第1130001號",
        ),
        (_append_copy("buildings"), "building", "buildings[1].name", "building", "建築名稱", "A棟"),
        (_append_copy("transformers"), "transformer", "transformers[1].number", "transformer", "變壓器編號", "TR-1"),
        (
            _append_copy("chiller_groups"),
            "chiller_group",
            "chiller_groups[1].name",
            "chiller group",
            "冰水機群組",
            "CH-A",
        ),
        (
            _append_copy("other_equipment"),
            "equipment",
            "other_equipment[2].number",
            "system and number",
            "設備編號",
            "chiller_auxiliary / CHP-1",
        ),
        (_append_copy("systems"), "system", "systems[2].system", "system", "系統", "air_conditioning"),
        (_append_copy("boilers"), "boiler", "boilers[1].item", "boiler item", "鍋爐項次", "6.2-1"),
        (
            _steam_check_twice,
            "steam_boiler_check",
            "steam_boiler_checks[1].item",
            "boiler item",
            "蒸汽鍋爐自我檢測表",
            "6.2-1",
        ),
        (_data_centre_twice, "data_centre", "data_centres[1]", "building and floor", "資料中心", "A棟 / B1"),
        (
            _append_copy("merged_meters"),
            "merged_meter",
            "merged_meters[1].meter",
            "meter",
            "合併申報電號",
            "01-9876-54-3",
        ),
        (
            _append_copy("savings", "measures"),
            "measure",
            "savings.measures[2]",
            "code, name and period",
            "節約能源措施",
            LED,
        ),
        (
            _append_copy("savings", "demand_response_rows"),
            "demand_response",
            "savings.demand_response_rows[1]",
            "month, meter and programme",
            "需量反應措施",
            f"3 / {METER} / e",  # programme (e) is stored as e
        ),
        (
            _append_copy("savings", "renewables"),
            "renewable",
            "savings.renewables[1]",
            "kind, meter, area and installation date",
            "再生能源設備",
            f"solar / {METER} / A棟屋頂 / 2022-06-01",  # installed 111/6/1 = 2022-06-01
        ),
        (
            _append_copy("plan", "measures"),
            "measure",
            "plan.measures[1]",
            "code, name and period",
            "節約能源措施",
            "AD06 / 冷卻水泵浦更換雙吸式泵浦 / 115/1~115/3",
        ),
    ],
)
def test_a_row_given_twice_whole(change: Change, code: str, path: str, what: str, zh: str, key: str) -> None:
    section, index = path.split("[")[0], path.split("[")[1].split("]")[0]
    assert coded(run(change), "declaration.duplicate_") == [
        (
            f"declaration.duplicate_{code}",
            "error",
            path,
            f"{section}[{index}] repeats {section}[0] ({what}: {key}): each is declared once; remove one or tell "
            "them apart",
            f"{zh} {key} 重複填報 ({section}[0] 與 [{index}])，每項僅填一次",
            {"key": key, "first": f"{section}[0]"},
        )
    ]


def test_a_third_copy_repeats_the_first_row() -> None:
    findings = run(_append_copy("transformers"), _append_copy("transformers"))
    assert [(f.path, f.context["first"]) for f in findings if f.code == "declaration.duplicate_transformer"] == [
        ("transformers[1].number", "transformers[0]"),
        ("transformers[2].number", "transformers[0]"),
    ]


def test_rows_without_a_key_are_not_compared_and_do_not_stop_the_search() -> None:
    # two pieces of equipment without a number (no key), then CH-A's pump given twice
    def unnumbered(doc: dict[str, Any]) -> None:
        rows = doc["other_equipment"]
        blank = {**copy.deepcopy(rows[1]), "number": ""}
        doc["other_equipment"] = [blank, copy.deepcopy(blank), rows[0], copy.deepcopy(rows[0])]

    findings = run(unnumbered)
    assert [(f.path, f.context) for f in findings if f.code == "declaration.duplicate_equipment"] == [
        ("other_equipment[3].number", {"key": "chiller_auxiliary / CHP-1", "first": "other_equipment[2]"})
    ]

    # data centres without building and floor have no key either
    def unplaced(doc: dict[str, Any]) -> None:
        _data_centre_twice(doc)
        for dc in doc["data_centres"]:
            dc.update(building="", floor="")

    assert coded(run(unplaced), "declaration.duplicate_") == []

    # a building alone (or a floor alone) is a key
    def building_only(doc: dict[str, Any]) -> None:
        _data_centre_twice(doc)
        for dc in doc["data_centres"]:
            dc.update(floor="")

    assert [f.context["key"] for f in run(building_only) if f.code == "declaration.duplicate_data_centre"] == ["A棟 / "]

    def floor_only(doc: dict[str, Any]) -> None:
        _data_centre_twice(doc)
        for dc in doc["data_centres"]:
            dc.update(building="")

    assert [f.context["key"] for f in run(floor_only) if f.code == "declaration.duplicate_data_centre"] == [" / B1"]


def test_a_self_check_of_a_boiler_that_is_not_there_whole() -> None:
    def unknown(doc: dict[str, Any]) -> None:
        _steam(doc)
        doc["steam_boiler_checks"][0]["item"] = "6.9-9"
        doc["boilers"].append({**copy.deepcopy(doc["boilers"][0]), "item": "1.0-1", "kind": "hot_water"})

    assert coded(run(unknown), "declaration.unknown_boiler") == [
        (
            "declaration.unknown_boiler",
            "error",
            "steam_boiler_checks[0].item",
            "boiler '6.9-9' of steam_boiler_checks[0] is not in boilers (表九之六: 1.0-1, 6.2-1): correct the item or "
            "add the boiler",
            "表九之七之蒸汽鍋爐項次需與表九之六一致",
            {"item": "6.9-9"},
        )
    ]

    def no_boilers(doc: dict[str, Any]) -> None:
        _steam(doc)
        doc["boilers"] = []

    [f] = [f for f in run(no_boilers) if f.code == "declaration.unknown_boiler"]
    assert f.message == (
        "boiler '6.2-1' of steam_boiler_checks[0] is not in boilers (表九之六: none): correct the item or add the boiler"
    )


@pytest.mark.parametrize(
    ("section", "zh"),
    [("demand_response_rows", "需量反應措施之台電電號"), ("renewables", "再生能源設置登記電號")],
)
def test_savings_on_a_meter_that_is_not_regulated_whole(section: str, zh: str) -> None:
    findings = run(_set("savings", section, 0, "meter", value="X-1"), _second_basic_meter("00-1111-11-1"))
    # the meters are named sorted here (00-... before 01-...); the table's meter has its own table
    assert coded(findings, "declaration.unknown_meter") == [
        (
            "declaration.unknown_meter",
            "error",
            f"savings.{section}[0].meter",
            f"meter X-1 of savings.{section}[0] is not in basic.meters (00-1111-11-1, {METER}): only what is within "
            "the regulated meters counts as savings (表十之三); correct the number or add the meter",
            f"{zh} X-1 不在列管電號中，僅受列管電號範圍內者可認列",
            {"meter": "X-1"},
        )
    ]


def test_without_savings_or_plan_no_row_is_compared() -> None:
    def none(doc: dict[str, Any]) -> None:
        del doc["savings"], doc["plan"]

    # only the balance remains: its parts sum to 4,435,000 kWh, which counted the 45,000 kWh of solar
    # self-use that left with the savings section (4,390,000 billed)
    assert [f.code for f in run(none)] == ["declaration.balance_exceeds_use"]


# -- 四: organisation and policy ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tier", "zh"), [("management", "管理階層"), ("promotion", "推行階層"), ("execution", "執行階層")]
)
def test_an_empty_tier_whole(tier: str, zh: str) -> None:
    assert coded(run(_set("organisation", tier, value=[])), "declaration.organisation") == [
        (
            "declaration.organisation_tier_empty",
            "error",
            f"organisation.{tier}",
            f"the {tier} tier of 表四之一 has nobody: all three tiers need at least one person",
            f"表四之一{zh}人員未填，能源查核管理組織須完整填寫3階層人員",
            {},
        )
    ]


@pytest.mark.parametrize(("tier", "zh"), [("promotion", "推行階層"), ("execution", "執行階層")])
def test_a_manager_also_in_a_lower_tier_whole(tier: str, zh: str) -> None:
    def overlap(doc: dict[str, Any]) -> None:
        doc["organisation"][tier].append({"name": "陳總經理"})

    assert coded(run(overlap), "declaration.management") == [
        (
            "declaration.management_overlap",
            "error",
            f"organisation.{tier}[1]",
            f"陳總經理 is in the management tier and also in the {tier} tier",
            f"陳總經理 為管理階層人員，不得兼任{zh}人員",
            {},
        )
    ]


QUESTIONS = ("policy_statement", "management_review", "efficient_procurement", "suggestions_channel")


def _certified(**policy: Any) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["policy"].update(
            {
                "iso50001": True,
                "certifier": "BSI",
                "valid_until": {"year": 114, "month": 1, "day": 1, "era": "ROC"},
                **policy,
            }
        )

    return change


@pytest.mark.parametrize("missing", [{"certifier": None}, {"certifier": ""}, {"valid_until": None}])
def test_an_iso50001_certificate_needs_certifier_and_validity_whole(missing: dict[str, Any]) -> None:
    findings = run(_certified(**missing, **dict.fromkeys(QUESTIONS)))
    assert coded(findings, "declaration.iso50001") == [
        (
            "declaration.iso50001_certificate",
            "error",
            "policy.certifier",
            "ISO/CNS 50001 certification needs the certifier and the certificate's validity",
            "通過 ISO/CNS 50001 驗證者，請填寫驗證機構名稱及證書有效期限",
            {},
        )
    ]


def test_an_iso50001_certificate_expired_before_the_data_year_whole() -> None:
    # valid until 113/12/31 = 2024-12-31, before 114 = 2025; 114/1/1 is within it
    expired = _certified(valid_until={"year": 113, "month": 12, "day": 31, "era": "ROC"}, **dict.fromkeys(QUESTIONS))
    assert coded(run(expired), "declaration.iso50001") == [
        (
            "declaration.iso50001_expired",
            "warning",
            "policy.valid_until",
            "the ISO/CNS 50001 certificate expired before the data year (2024-12-31)",
            "ISO/CNS 50001 證書於資料年前已過期",
            {},
        )
    ]
    assert coded(run(_certified(**dict.fromkeys(QUESTIONS))), "declaration.iso") == []


def test_with_iso50001_questions_2_to_5_are_not_needed_whole() -> None:
    # the example answers all four (question 5 with "no", which is an answer)
    assert coded(run(_certified()), "declaration.policy") == [
        (
            "declaration.policy_answer_not_needed",
            "info",
            f"policy.{q}",
            "with ISO/CNS 50001 certification, questions 2-5 are not needed",
            "已通過 ISO/CNS 50001 驗證者，無需填寫問題2至問題5",
            {},
        )
        for q in QUESTIONS
    ]
    assert [f.path for f in run(_certified(management_review=None)) if f.code.startswith("declaration.policy")] == [
        "policy.policy_statement",
        "policy.efficient_procurement",
        "policy.suggestions_channel",
    ]


def test_without_iso50001_questions_2_to_5_are_answered_whole() -> None:
    def unanswered(doc: dict[str, Any]) -> None:
        doc["policy"].update(dict.fromkeys(QUESTIONS))

    assert coded(run(unanswered), "declaration.policy") == [
        (
            "declaration.policy_answer_missing",
            "error",
            f"policy.{q}",
            "without ISO/CNS 50001 certification, questions 2-5 of 表四之二 must be answered",
            "未通過 ISO/CNS 50001 驗證者，表四之二問題2至問題5須填答",
            {},
        )
        for q in QUESTIONS
    ]
    assert [f.path for f in run(_set("policy", "suggestions_channel", value=None)) if f.severity == "error"] == [
        "policy.suggestions_channel"
    ]


# -- 五: fuels the factor set cannot convert ---------------------------------------------------------

WHERE = (
    "validate(declaration, factor_set=...) or Declaration.summary(factor_set=...) in Python; "
    "--set ID with carbonaudit validate"
)
UNTIL = "; the thermal totals (KLOE, thermal EUI, heat balance) are not computed until then"


def _set_with(set_id: str, **diesel: Any) -> Any:
    """tw-2024 under another id, its diesel changed (or removed when *diesel* is {"removed": True})."""
    fs = factors.load("tw-2024")
    if diesel.pop("removed", False):
        fuels = tuple(f for f in fs.fuels if f.id != "diesel")
    else:
        fuels = tuple(f.model_copy(update=diesel) if f.id == "diesel" else f for f in fs.fuels)
    return fs.model_copy(update={"fuels": fuels, "id": set_id})


def _fuel(path: str, en: str, zh: str, set_id: str, fuel: str = "diesel", unit: str = "kL") -> Any:
    return (
        "declaration.fuel_not_convertible",
        "error",
        f"{path}.unit",
        en + UNTIL,
        zh,
        {"fuel": fuel, "unit": unit, "factor_set": set_id},
    )


def test_a_set_without_the_fuel_whole() -> None:
    findings = run(factor_set=_set_with("no-diesel", removed=True))
    en = f"factor set 'no-diesel' has no fuel 'diesel': pass a factor set that has it ({WHERE})"
    # both years' columns (the default sections), and nothing computed from the fuels
    assert coded(findings, "declaration.") == [
        _fuel("thermal.diesel", en, "係數組 no-diesel 無此燃料之係數", "no-diesel"),
        _fuel("previous_year_thermal.diesel", en, "係數組 no-diesel 無此燃料之係數", "no-diesel"),
        coded(run(), "declaration.planned_saving_rate")[0],
    ]


def test_a_set_without_the_heat_value_whole() -> None:
    findings = run(factor_set=_set_with("no-heat", heat_value=None))
    en = (
        "factor set 'no-heat' has no heat value for diesel (柴油): pass a factor set that has one, e.g. one with a "
        f"measured heat value ({WHERE})"
    )
    assert coded(findings, "declaration.fuel") == [
        _fuel("thermal.diesel", en, "係數組 no-heat 無柴油之熱值", "no-heat"),
        _fuel("previous_year_thermal.diesel", en, "係數組 no-heat 無柴油之熱值", "no-heat"),
    ]


def test_a_mass_where_the_set_counts_volume_whole() -> None:
    # gasoline (the set's motor_gasoline, per L) declared in kg, with no density, last year only
    def in_kg(doc: dict[str, Any]) -> None:
        doc["previous_year_thermal"]["gasoline"] = {"unit": "kg", "use": [10.0] * 12}

    findings = run(in_kg)  # the example is of 114年 (2025): the set of its year, tw-2025 (issue 14)
    en = (
        "previous_year_thermal.gasoline is in kg (a mass) but factor set 'tw-2025' gives motor_gasoline (車用汽油) "
        "per L (a volume) and has no density to convert it: give the supplier's density in "
        "previous_year_thermal.gasoline.density (e.g. {value: ..., unit: kg/L}), or the months in L, or pass a "
        f"factor set with a density for motor_gasoline ({WHERE})"
    )
    zh = "車用汽油以 kg 填報，但係數組 tw-2025 以 L 計且無密度：請填寫密度 (density) 或改以 L 填報"
    assert coded(findings, "declaration.fuel") == [
        _fuel("previous_year_thermal.gasoline", en, zh, "tw-2025", "motor_gasoline", "kg")
    ]
    # a fuel of last year only: this year's heat balance is still checked (it balances), the thermal
    # EUI comparison is not
    assert [f.code for f in findings] == [
        "declaration.fuel_not_convertible",
        "rates.target_met",
        "declaration.planned_saving_rate",
    ]


def test_a_volume_where_the_set_counts_mass_whole() -> None:
    # the set's diesel made per kg (a value for the arithmetic, not a claim): kL cannot be converted
    fs = _set_with(
        "diesel-per-kg",
        basis_unit="kg",
        heat_value=factors.load("tw-2024").fuel("diesel").heat_value.model_copy(update={"unit": "kcal/kg"}),
    )
    findings = run(lambda doc: doc.pop("previous_year_thermal"), factor_set=fs)
    en = (
        "thermal.diesel is in kL (a volume) but factor set 'diesel-per-kg' gives diesel (柴油) per kg (a mass) and "
        "has no density to convert it: give the supplier's density in thermal.diesel.density (e.g. {value: ..., "
        f"unit: kg/L}}), or the months in kg, or pass a factor set with a density for diesel ({WHERE})"
    )
    zh = "柴油以 kL 填報，但係數組 diesel-per-kg 以 kg 計且無密度：請填寫密度 (density) 或改以 kg 填報"
    assert coded(findings, "declaration.fuel") == [_fuel("thermal.diesel", en, zh, "diesel-per-kg")]


def test_another_refusal_of_a_fuel_is_said_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    energy = importlib.import_module("carbonaudit.energy")

    def refuses(*args: Any, **kwargs: Any) -> Any:
        raise InvalidValueError("the sum is beyond 1e30")

    monkeypatch.setattr(energy, "to_kloe", refuses)
    findings = run(lambda doc: doc.pop("savings"))  # 114年: the set of the year, tw-2025 (issue 14)
    assert coded(findings, "declaration.fuel") == [
        _fuel(
            f"{section}.diesel",
            f"{section}.diesel: factor set 'tw-2025' cannot convert diesel in kL to heat: the sum is beyond 1e30",
            "柴油無法以係數組 tw-2025 換算熱值",
            "tw-2025",
        )
        for section in ("thermal", "previous_year_thermal")
    ]
    assert coded(findings, "declaration.heat_balance") == [] and coded(findings, "declaration.thermal") == []


def test_fuel_findings_of_the_sections_asked_for() -> None:
    d = Declaration.model_validate(doc_of())
    fs = _set_with("no-diesel", removed=True)
    assert [f.path for f in VALIDATE.fuel_findings(d, fs, ("thermal",))] == ["thermal.diesel.unit"]
    assert [f.path for f in VALIDATE.fuel_findings(d, fs)] == [
        "thermal.diesel.unit",
        "previous_year_thermal.diesel.unit",
    ]
    # a section the declaration does not have is passed over, and the next one still checked
    without_last = Declaration.model_validate(doc_of(lambda doc: doc.pop("previous_year_thermal")))
    assert [f.path for f in VALIDATE.fuel_findings(without_last, fs, ("previous_year_thermal", "thermal"))] == [
        "thermal.diesel.unit"
    ]


# -- 表五之四 / 五之五: EUI of both years, with a stand-in comparison --------------------------------

# The example's bills by month (peak + semi-peak + Saturday + off-peak), this year and last:
THIS_KWH = [310, 290, 330, 350, 380, 420, 450, 455, 410, 370, 320, 305]
LAST_KWH = [320, 300, 335, 360, 395, 430, 460, 470, 420, 380, 330, 315]


class _Comparisons:
    """compare_eui replaced: records (this year, last year) and returns a Q2 and a year finding."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, Any]] = []

    def __call__(self, this_year: Any, last_year: Any) -> Any:
        from types import SimpleNamespace

        self.calls.append((this_year, last_year))
        return SimpleNamespace(
            findings=(
                Finding("building.eui_difference", "warning", "eui.Q2", "Q2 EUI +12.5 %", {"difference": 0.125}),
                Finding("building.eui_difference", "warning", "eui.year", "year EUI -10.5 %", {"difference": -0.105}),
            )
        )


@pytest.fixture
def comparisons(monkeypatch: pytest.MonkeyPatch) -> _Comparisons:
    fake = _Comparisons()
    monkeypatch.setattr(importlib.import_module("carbonaudit.building"), "compare_eui", fake)
    return fake


def test_eui_differences_explained_or_not_whole(comparisons: _Comparisons) -> None:
    def reasons(doc: dict[str, Any]) -> None:
        doc["eui_reasons"] = {"Q2": "新增租戶", "Q3": ""}
        doc["thermal_eui_reasons"] = {"year": "發電機測試"}

    findings = run(reasons)
    assert coded(findings, "building.") + coded(findings, "declaration.eui") + coded(
        findings, "declaration.thermal"
    ) == [
        (
            "building.eui_difference",
            "warning",
            "eui_reasons.year",
            "year EUI -10.5 % (eui_reasons is empty)",
            "表五之四 year EUI 差異 -10.5%，超過10%，應填寫差異原因及說明",
            {"difference": -0.105},
        ),
        (
            "declaration.eui_difference_explained",
            "info",
            "eui_reasons.Q2",
            "Q2: EUI changed +12.5%; reason given: 新增租戶",
            "Q2 EUI 差異 +12.5%，已說明原因：新增租戶",
            {"difference": 0.125},  # the engine's context, passed on
        ),
        (
            "declaration.thermal_eui_difference",
            "warning",
            "thermal_eui_reasons.Q2",
            "thermal Q2 EUI +12.5 %",
            "表五之五 Q2 熱能 EUI 差異超過10%，應填寫差異原因及說明",
            {"difference": 0.125},
        ),
    ]
    assert [f.path for f in findings if "eui" in f.path] == [
        "eui_reasons.Q2",
        "eui_reasons.year",
        "thermal_eui_reasons.Q2",
    ]


def test_eui_compares_each_year_on_its_own_indoor_area(comparisons: _Comparisons) -> None:
    # 表五之四 註1: EUI = kWh / (total floor area - indoor parking); N: 42,000 - 9,000 = 33,000 m²
    run()
    (this, last), _thermal = comparisons.calls
    assert str(this.units) == "kilowatt_hour / meter ** 2"
    assert list(this.m) == pytest.approx([k * 1000 / 33_000 for k in THIS_KWH], rel=1e-12)
    assert list(last.m) == pytest.approx([k * 1000 / 33_000 for k in LAST_KWH], rel=1e-12)

    # N-1's own areas when given: 50,000 - 10,000; each alone falls back to N's other figure
    for floor, parking, area in ((50_000, 10_000, 40_000), (50_000, None, 41_000), (None, 10_000, 32_000)):
        comparisons.calls.clear()

        def previous(doc: dict[str, Any], floor: Any = floor, parking: Any = parking) -> None:
            if floor is not None:
                doc["previous_year_floor_area"] = {"value": floor, "unit": "m**2"}
            if parking is not None:
                doc["previous_year_parking_area"] = {"value": parking, "unit": "m**2"}

        run(previous)
        (this, last), (thermal_this, thermal_last) = comparisons.calls
        assert list(last.m) == pytest.approx([k * 1000 / area for k in LAST_KWH], rel=1e-12)
        assert list(this.m) == pytest.approx([k * 1000 / 33_000 for k in THIS_KWH], rel=1e-12)
        # diesel the same both years: the thermal EUIs differ by the areas alone
        assert list(thermal_last.m * area) == pytest.approx(list(thermal_this.m * 33_000), rel=1e-12)


def test_eui_not_computable_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuses(*args: Any, **kwargs: Any) -> Any:
        raise InvalidValueError("no indoor floor area")

    monkeypatch.setattr(importlib.import_module("carbonaudit.building"), "eui", refuses)
    findings = run()
    assert coded(findings, "declaration.eui") + coded(findings, "declaration.thermal_eui") == [
        (
            "declaration.eui_not_computable",
            "error",
            "electricity",
            "EUI cannot be computed: no indoor floor area",
            "無法計算 EUI：no indoor floor area",
            {},
        ),
        (
            "declaration.thermal_eui_not_computable",
            "error",
            "thermal",
            "thermal EUI cannot be compared: no indoor floor area",
            "無法比較熱能 EUI：no indoor floor area",
            {},
        ),
    ]


def test_without_last_years_figures_nothing_is_compared(comparisons: _Comparisons) -> None:
    run(lambda doc: doc.pop("previous_year_electricity"), lambda doc: doc.pop("previous_year_thermal"))
    assert comparisons.calls == []
    # no fuel this year: nothing to compare, and not an error
    findings = run(lambda doc: doc.update(thermal={}), lambda doc: doc["balances"].pop("heat_uses"))
    assert len(comparisons.calls) == 1  # the electricity only
    assert coded(findings, "declaration.thermal") == []


def _other_basis(fs: Any, **kgoe: bool) -> Any:
    """*fs* counting in tw-primary-2236 (no kgOE), with kcal per kgOE on the bases named True."""
    per_kgoe = fs.oil_equivalent_bases["tw-final-860"].kcal_per_kgoe
    bases = {
        k: b.model_copy(update={"kcal_per_kgoe": per_kgoe if kgoe.get(k.replace("-", "_")) else None})
        for k, b in fs.oil_equivalent_bases.items()
    }
    return fs.model_copy(update={"oil_equivalent": "tw-primary-2236", "oil_equivalent_bases": bases})


@pytest.mark.parametrize(
    ("kgoe", "basis"),
    [
        ({}, None),  # tw-2024 itself counts in tw-final-860, which defines kgOE
        ({"tw_final_860": True}, "tw-final-860"),
        ({"tw_table8_3": True}, "tw-table8-3"),
        ({"tw_table8_3": True, "tw_final_860": True}, "tw-final-860"),  # the current form's, first
    ],
)
def test_the_thermal_eui_basis(monkeypatch: pytest.MonkeyPatch, kgoe: dict[str, bool], basis: str | None) -> None:
    energy = importlib.import_module("carbonaudit.energy")
    real, used = energy.to_kgoe, []

    def to_kgoe(*args: Any, **kwargs: Any) -> Any:
        used.append(kwargs.get("basis", "not passed"))
        return real(*args, **kwargs)

    monkeypatch.setattr(energy, "to_kgoe", to_kgoe)
    fs = factors.load("tw-2024")
    findings = run(factor_set=_other_basis(fs, **kgoe) if kgoe else fs)
    assert used == [basis, basis]
    assert coded(findings, "declaration.thermal") == []


def test_a_set_without_kgoe_whole() -> None:
    fs = _other_basis(factors.load("tw-2024"))
    fs = fs.model_copy(update={"id": "no-kgoe"})
    assert coded(run(factor_set=fs), "declaration.thermal") == [
        (
            "declaration.thermal_eui_not_computable",
            "error",
            "thermal",
            "thermal EUI (kgOE/m², 表五之五) cannot be compared: factor set 'no-kgoe' defines no kcal per kgOE; pass "
            "a factor set that does (factor_set= in Python, --set ID with carbonaudit validate)",
            "無法比較熱能 EUI：係數組 no-kgoe 未定義公斤油當量",
            {},
        )
    ]


# -- 表五之三 efficiency factors, 六 balances ---------------------------------------------------------


def test_tonnage_when_none_is_installed_whole() -> None:
    def none_central(doc: dict[str, Any]) -> None:
        doc["efficiency_factors"]["installed_central"]["value"] = 0
        doc["efficiency_factors"]["summer_max_central"]["value"] = 0
        doc["efficiency_factors"]["installed_other"]["value"] = 0
        doc["efficiency_factors"]["summer_max_other"]["value"] = 1

    assert coded(run(none_central), "declaration.tonnage") == [
        (
            "declaration.tonnage",
            "error",
            "efficiency_factors.summer_max_other",
            "1 RT ran in summer but none is installed (other)",
            "空調夏季最大運轉噸數大於總裝置噸數",
            {},
        )
    ]


def test_tonnage_above_installed_whole() -> None:
    from carbonaudit import Q_
    from carbonaudit.building import tonnage_check

    def over(doc: dict[str, Any]) -> None:
        doc["efficiency_factors"]["installed_central"]["value"] = 0  # none, none ran: checked no further
        doc["efficiency_factors"]["summer_max_central"]["value"] = 0
        doc["efficiency_factors"]["summer_max_other"]["value"] = 81  # 80 installed

    [engine] = tonnage_check(Q_(80, "USRT"), Q_(81, "USRT"))[1]
    assert coded(run(over), "declaration.tonnage") == [
        (
            "declaration.tonnage",
            "error",
            "efficiency_factors.summer_max_other",
            engine.message,
            "空調夏季最大運轉噸數大於總裝置噸數",
            {},
        )
    ]


def test_peak_share_above_100_percent_whole() -> None:
    # 表五之三: 1,010 kW of lighting / the year's highest demand 1,000 kW (June-September) = 101 %
    findings = run(_set("efficiency_factors", "lighting_power", "value", value=1_010))
    assert coded(findings, "declaration.peak_share") == [
        (
            "declaration.peak_share",
            "error",
            "efficiency_factors.lighting_power",
            "lighting_power is 101% of the highest peak demand (1,000 kW): above 100 %",
            "耗電功率占最高尖峰需量的比例超過100%",
            {},
        )
    ]

    def no_demand(doc: dict[str, Any]) -> None:
        doc["efficiency_factors"]["ac_power"]["value"] = 1_010
        for month in doc["electricity"][0]["months"]:
            month["max_demand"] = 0

    assert coded(run(no_demand), "declaration.peak_share") == []  # no peak demand: no share of it


def test_without_efficiency_factors_nothing_is_checked() -> None:
    findings = run(lambda doc: doc.pop("efficiency_factors"))
    assert [f.code for f in findings] == [f.code for f in run()]


class _Recorder:
    """An engine function wrapped: records its arguments, returns what it returns."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: str, name: str) -> None:
        self.engine = importlib.import_module(module)
        self.real = getattr(self.engine, name)
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        monkeypatch.setattr(self.engine, name, self)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((args, kwargs))
        return self.real(*args, **kwargs)


def test_the_balance_shares_out_the_bills_and_self_use(monkeypatch: pytest.MonkeyPatch) -> None:
    balance = _Recorder(monkeypatch, "carbonaudit.building", "electricity_balance")
    assert coded(run(), "declaration.balance") == []
    [(args, kwargs)] = balance.calls
    assert args[0].m_as("kWh") == 4_390_000  # the bills
    assert sum(q.m_as("kWh") for q in args[1].values()) == 4_435_000
    assert kwargs["renewable_self_use"].m_as("kWh") == 45_000  # solar, none sold
    balance.calls.clear()
    run(
        lambda doc: doc["savings"].pop("renewables"),
        lambda doc: doc["balances"]["electricity"]["other"].update(value=100_000),
    )
    assert balance.calls[0][1] == {"renewable_self_use": None}


def test_a_balance_above_or_below_the_use_whole() -> None:
    from carbonaudit import Q_
    from carbonaudit.building import electricity_balance

    raw_parts = {k: Q_(v["value"], "kWh") for k, v in RAW["balances"]["electricity"].items()}
    suffix = " (the bill kWh incl. wheeled + renewable self-use)"
    # one kWh more than 4,435,000 in the parts: above the use, an error
    over = electricity_balance(
        Q_(4_390_000, "kWh"), {**raw_parts, "other": Q_(145_001, "kWh")}, renewable_self_use=Q_(45_000, "kWh")
    )
    [f] = over.findings
    findings = run(_set("balances", "electricity", "other", "value", value=145_001))
    assert coded(findings, "declaration.balance") == [
        (
            "declaration.balance_exceeds_use",
            "error",
            "balances.electricity",
            f.message + suffix,
            "電能用量平衡圖各設備用電度數合計超過總用電度數",
            f.context,
        )
    ]
    # 100,000 kWh short: below the use, a warning
    under = electricity_balance(
        Q_(4_390_000, "kWh"), {**raw_parts, "other": Q_(45_000, "kWh")}, renewable_self_use=Q_(45_000, "kWh")
    )
    [f] = under.findings
    findings = run(_set("balances", "electricity", "other", "value", value=45_000))
    assert coded(findings, "declaration.balance") == [
        (
            "declaration.balance_incomplete",
            "warning",
            "balances.electricity",
            f.message + suffix,
            "電能用量平衡圖各設備用電度數合計不等於總用電度數",
            f.context,
        )
    ]


def _refuses(monkeypatch: pytest.MonkeyPatch, module: str, name: str, reason: str) -> None:
    def refuses(*args: Any, **kwargs: Any) -> Any:
        raise InvalidValueError(reason)

    monkeypatch.setattr(importlib.import_module(module), name, refuses)


def test_a_balance_not_computable_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    _refuses(monkeypatch, "carbonaudit.building", "electricity_balance", "nothing to share out")
    assert coded(run(), "declaration.not_computable") == [
        (
            "declaration.not_computable",
            "error",
            "balances.electricity",
            "the electricity balance (六) cannot be computed from the declared values: nothing to share out",
            "無法計算電能用量平衡：nothing to share out",
            {},
        )
    ]


def test_no_balance_without_its_uses() -> None:
    def empty(doc: dict[str, Any]) -> None:
        doc["balances"]["electricity"] = {}
        doc["balances"]["heat_uses"] = {}
        doc["savings"]["renewables"] = []  # else nothing would tell an empty balance from a skipped one

    for findings in (run(empty), run(lambda doc: doc.pop("balances"))):
        assert [f.code for f in findings if f.code.startswith(("declaration.balance", "declaration.heat"))] == []
        assert [f.code for f in findings if f.code == "declaration.not_computable"] == []


def test_the_heat_balance_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    from carbonaudit import Q_
    from carbonaudit.building import heat_balance

    balance = _Recorder(monkeypatch, "carbonaudit.building", "heat_balance")
    assert coded(run(), "declaration.heat_balance") == []
    # 114年 (2025): the set of the year, tw-2025 (issue 14): 2.4 kL diesel × 8,636 kcal/L (moenv-hv-2025)
    # = 20,726.4 Mcal, all of it declared as "other"
    [(args, _)] = balance.calls
    assert {k: v.m_as("Mcal") for k, v in args[0].items()} == {"diesel": pytest.approx(20_726.4, rel=1e-12)}
    assert str(args[0]["diesel"].units) == "megacalorie"
    assert {k: v.m_as("Mcal") for k, v in args[1].items()} == {"other": 20_726.4}
    [f] = heat_balance({"diesel": Q_(20_726.4, "Mcal")}, {"other": Q_(10_000, "Mcal")})[1].findings
    assert coded(run(_set("balances", "heat_uses", "other", "value", value=10_000)), "declaration.heat") == [
        (
            "declaration.heat_balance",
            "warning",
            "balances.heat_uses",
            f.message,
            "熱能用量平衡圖各用途熱值合計不等於總熱能熱值",
            {k: pytest.approx(v, rel=1e-12) for k, v in f.context.items()},
        )
    ]


def test_the_heat_balance_not_computable_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    _refuses(monkeypatch, "carbonaudit.building", "heat_balance", "no fuel heat")
    assert coded(run(), "declaration.heat") == [
        (
            "declaration.heat_balance",
            "error",
            "balances.heat_uses",
            "no fuel heat",
            "熱能平衡無法計算：no fuel heat",
            {},
        )
    ]


# -- 七 buildings, 八/九 equipment ------------------------------------------------------------------


def test_equipment_of_an_unknown_chiller_group_whole() -> None:
    def unknown(doc: dict[str, Any]) -> None:
        doc["other_equipment"][0]["chiller_group"] = "CH-Z"
        doc["chiller_groups"].append({**copy.deepcopy(doc["chiller_groups"][0]), "name": "CH-0"})
        doc["buildings"] = []

    assert coded(run(unknown), "declaration.unknown_") == [
        (
            "declaration.unknown_chiller_group",
            "error",
            "other_equipment[0].chiller_group",
            "chiller group 'CH-Z' is not in 表九之一 (groups: CH-0, CH-A)",
            "冰水機群組名稱需與表九之一(一)冰水機群組列表一致",
            {},
        )
    ]


@pytest.mark.parametrize("section", ["transformers", "chiller_groups", "lighting", "data_centres", "other_equipment"])
def test_a_building_not_in_section_7_whole(section: str) -> None:
    def elsewhere(doc: dict[str, Any]) -> None:
        _data_centre(doc)
        doc["buildings"].append({**copy.deepcopy(doc["buildings"][0]), "name": "0棟"})
        doc[section][0]["building"] = "B棟"

    assert coded(run(elsewhere), "declaration.unknown_") == [
        (
            "declaration.unknown_building",
            "error",
            f"{section}[0].building",
            "building 'B棟' is not in 七 (buildings: 0棟, A棟)",
            "建築名稱需與「七、建築資料」中的建築名稱一致",
            {},
        )
    ]
    # without section 七 the names are not checked; without a name neither
    assert coded(run(elsewhere, _set("buildings", value=[])), "declaration.unknown_") == []
    assert coded(run(elsewhere, _set(section, 0, "building", value="")), "declaration.unknown_") == []


def test_transformer_findings_whole() -> None:
    from carbonaudit.electrical import check_transformer

    # 八 註: load rate = √3 × 380 V × 1,400 A / 1,500 kVA = 0.614301
    rate = 3**0.5 * 380 * 1_400 / 1_500_000
    findings = run(
        _set("transformers", 0, "power_factor", value=0.9), _set("transformers", 0, "declared_load_rate", value=0.7)
    )
    [engine] = check_transformer(rate, 0.9, name="transformers[0]")
    assert [whole(f) for f in findings if f.path.startswith("transformers")] == [
        (engine.code, engine.severity, engine.path, engine.message, "各迴路功因合理值應高於95%", engine.context),
        (
            "declaration.load_rate_mismatch",
            "warning",
            "transformers[0].declared_load_rate",
            "declared load rate 70.0% but √3 × V × I / capacity = 61.4%",
            "負載率填報 70.0% 與計算值 61.4% 不符",
            {},
        ),
    ]
    assert engine.path == "transformers[0].power_factor"
    # a load rate of 40 %: I = 0.4 × 1,500 kVA / (√3 × 380 V)
    low = 0.4 * 1_500_000 / (3**0.5 * 380)
    findings = run(_set("transformers", 0, "max_load_current", "value", value=low))
    [engine] = check_transformer(0.4, 0.98, name="transformers[0]")
    assert [whole(f)[:5] for f in findings if f.code.startswith("electrical.")] == [
        (engine.code, engine.severity, engine.path, engine.message, "變壓器負載率合理在50~75%")
    ]


@pytest.mark.parametrize(("offset", "flagged"), [(0.0049, False), (0.0051, True), (-0.0049, False), (-0.0051, True)])
def test_declared_load_rate_within_half_a_point(offset: float, flagged: bool) -> None:
    rate = 3**0.5 * 380 * 1_400 / 1_500_000
    findings = run(_set("transformers", 0, "declared_load_rate", value=rate + offset))
    assert [f.path for f in findings if f.code == "declaration.load_rate_mismatch"] == (
        ["transformers[0].declared_load_rate"] if flagged else []
    )


def test_chiller_findings_whole() -> None:
    def months(doc: dict[str, Any]) -> None:
        group = doc["chiller_groups"][0]
        group["months"][0]["declared_kw_per_rt"] = 0.79  # 70,000 kWh / 89,744 RTh = 0.77999
        group["months"][2].update(rth=0, kwh=5_000, declared_kw_per_rt=0.5)  # no cooling: no kW/RT
        group["months"].pop()  # 11 months of a 1,200 RT group

    assert coded(run(months), "declaration.chiller") + coded(run(months), "declaration.kw_per_rt") == [
        (
            "declaration.chiller_table_missing",
            "error",
            "chiller_groups[0].months",
            "chiller group CH-A totals 1,200 RT (>= 1,000 RT): declare the 12 months of 表九之一(二), found 11",
            "單一群組冰水主機總容量達1千冷凍噸以上者，應填寫冰水機群組系統能源效率表",
            {},
        ),
        (
            "declaration.chiller_no_cooling",
            "warning",
            "chiller_groups[0].months[2]",
            "month 3: 5,000 kWh but no RTh, and not marked 整月未開主機",
            "3月有耗電量但無系統負荷，且未勾選整月未開主機",
            {},
        ),
        (
            "declaration.kw_per_rt_mismatch",
            "warning",
            "chiller_groups[0].months[0].declared_kw_per_rt",
            "month 1: declared 0.79 kW/RT but 70,000 kWh / 89,744 RTh = 0.780",
            "1月效率值與月耗電量/系統負荷 (0.780) 不符",
            {},
        ),
    ]


@pytest.mark.parametrize(
    ("month", "flagged"),
    [
        ({"rth": 0, "kwh": 0}, False),
        ({"rth": 0, "kwh": 1}, True),
        ({"rth": 0, "kwh": 1, "not_running": True}, False),
        ({"rth": 1, "kwh": 1, "declared_kw_per_rt": None}, False),
    ],
)
def test_a_month_without_cooling(month: dict[str, Any], flagged: bool) -> None:
    findings = run(lambda doc: doc["chiller_groups"][0]["months"][4].update({"declared_kw_per_rt": None, **month}))
    assert [f.path for f in findings if f.code.startswith(("declaration.chiller", "declaration.kw_per"))] == (
        ["chiller_groups[0].months[4]"] if flagged else []
    )


@pytest.mark.parametrize(("declared", "flagged"), [(0.7849, False), (0.7851, True), (0.7751, False), (0.7749, True)])
def test_declared_kw_per_rt_within_5_thousandths(declared: float, flagged: bool) -> None:
    # month 1: 70,000 kWh / 89,744 RTh = 0.779996 kW/RT
    findings = run(_set("chiller_groups", 0, "months", 0, "declared_kw_per_rt", value=declared))
    assert [f.path for f in findings if f.code == "declaration.kw_per_rt_mismatch"] == (
        ["chiller_groups[0].months[0].declared_kw_per_rt"] if flagged else []
    )


@pytest.mark.parametrize("user_class", ["telecom_room", "computer_room_it", "computer_room_switching"])
def test_a_computer_room_fills_the_pue_table_whole(user_class: str) -> None:
    findings = run(_set("basic", "user_class", value=user_class))
    assert coded(findings, "declaration.pue") == [
        (
            "declaration.pue_table_required",
            "error",
            "data_centres",
            f"user class {user_class} must fill 表九之八 (data-centre PUE)",
            "電信機房及電腦機房用戶必填表九之八資料中心能源使用效率自我檢測表",
            {},
        )
    ]
    assert coded(run(_set("basic", "user_class", value=user_class), _data_centre), "declaration.pue") == []


def test_data_centre_findings_whole() -> None:
    from carbonaudit import Q_
    from carbonaudit.electrical import DataCentre

    # PUE = (a + b) / b = (500,000 + 1,000,000) / 1,000,000 = 1.5
    findings = run(lambda doc: _data_centre(doc, metering_point="ups_input", declared_pue=1.6))
    [engine] = DataCentre(Q_(500_000, "kWh"), Q_(1_000_000, "kWh"), "ups_input", name="data_centres[0]").findings()
    assert [whole(f) for f in findings if f.path.startswith("data_centres")] == [
        (
            engine.code,
            engine.severity,
            "data_centres[0].metering_point",
            engine.message,
            "資訊設備電力量測位置建議至少選擇基礎級 (PUE1) 以上",
            dict(engine.context),  # the engine's context, passed on
        ),
        (
            "declaration.pue_mismatch",
            "warning",
            "data_centres[0].declared_pue",
            "declared PUE 1.6 but (a + b) / b = 1.500",
            "PUE 填報值與 (a+b)/b = 1.500 不符",
            {},
        ),
    ]


@pytest.mark.parametrize(("declared", "flagged"), [(1.5049, False), (1.5051, True), (1.4951, False), (1.4949, True)])
def test_declared_pue_within_5_thousandths(declared: float, flagged: bool) -> None:
    findings = run(lambda doc: _data_centre(doc, declared_pue=declared))
    assert [f.path for f in findings if f.code == "declaration.pue_mismatch"] == (
        ["data_centres[0].declared_pue"] if flagged else []
    )


# -- 九 boilers and systems -------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "year_hours"), [(113, "8,784"), (114, "8,760")])  # 2024 leap, 2025 not
def test_running_hours_above_the_years_whole(year: int, year_hours: str) -> None:
    hours = 8_785 if year == 113 else 8_761
    findings = run(_set("year", value=year), _set("systems", 1, "running_hours", "value", value=hours))
    assert coded(findings, "declaration.running_hours") == [
        (
            "declaration.running_hours",
            "error",
            "systems[1].running_hours",
            f"running_hours {hours:,} h is more than the {year_hours} h of {year + 1911}",
            f"全年運轉時數 {hours:,} 小時超過 {year} 年之 {year_hours} 小時",
            {"hours": float(hours), "year_hours": int(year_hours.replace(",", ""))},
        )
    ]


def test_a_fuel_fired_steam_boiler_needs_number_check_and_register_whole() -> None:
    def bare(doc: dict[str, Any]) -> None:
        doc["boilers"][0]["kind"] = "steam"

    assert coded(run(bare), "declaration.")[:3] == [
        (
            "declaration.boiler_inspection_no",
            "error",
            "boilers[0].inspection_no",
            "a fuel-fired steam boiler that is not once-through needs its 構造檢查號碼",
            "陸用之燃煤、燃油及燃氣蒸汽鍋爐(不包括貫流式)需填報構造檢查號碼",
            {},
        ),
        (
            "declaration.steam_boiler_check_missing",
            "error",
            "boilers[0]",
            "steam boiler 6.2-1 is not once-through: fill its monthly self-check (表九之七)",
            "蒸汽鍋爐且非貫流式者需填寫表九之七蒸汽鍋爐設備操作自我檢測表",
            {},
        ),
        (
            "declaration.register_missing",
            "error",
            "equipment_register",
            "boiler 6.2-1 is major energy-using equipment: fill the register of 表九之五",
            "陸用之燃煤、燃油及燃氣蒸汽鍋爐為重大使用能源設備，應填寫表九之五",
            {},
        ),
    ]
    assert coded(run(_steam), "declaration.boiler") + coded(run(_steam), "declaration.register") == []


@pytest.mark.parametrize(
    ("boiler", "codes"),
    [
        ({"kind": "steam", "type": "once_through"}, []),
        ({"kind": "hot_water"}, []),
        ({"kind": "steam", "fuel": "electricity"}, ["declaration.steam_boiler_check_missing"]),  # not fuel-fired
        (
            {"kind": "steam", "fuel": "coal"},
            [
                "declaration.boiler_inspection_no",
                "declaration.steam_boiler_check_missing",
                "declaration.register_missing",
            ],
        ),
    ],
)
def test_which_boilers_are_major(boiler: dict[str, Any], codes: list[str]) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["boilers"][0].update(boiler)
        if boiler.get("fuel") in ("electricity", "coal"):
            doc["boilers"][0]["annual_use"] = {
                "value": 1000,
                "unit": "kWh" if boiler["fuel"] == "electricity" else "kg",
            }

    assert [f.code for f in run(change) if f.severity == "error"] == codes


def test_an_exhaust_over_its_limit_needs_a_reason_whole() -> None:
    from carbonaudit import Q_
    from carbonaudit.building import BoilerLimits, check_steam_boiler

    temperature = [230.0] * 11 + [260.0]  # December over 250 °C
    o2 = [0.05, 0.05, 0.07] + [0.05] * 9  # March over 6 %

    def over(doc: dict[str, Any]) -> None:
        _steam(doc)
        doc["steam_boiler_checks"][0].update(exhaust_temperature=temperature, exhaust_o2=o2)

    engine = check_steam_boiler(
        Q_(np.asarray(temperature), "degC"),
        np.asarray(o2),
        BoilerLimits(Q_(250, "degC"), 0.06),
        name="steam_boiler_checks[0]",
    )
    findings = coded(run(over), "building.")
    assert [f[2] for f in findings] == ["steam_boiler_checks[0].reasons.3", "steam_boiler_checks[0].reasons.12"]
    assert findings == [
        (f.code, "warning", path, f.message, "最末排氣溫度或排氣含氧量超過規定值，應填寫原因", dict(f.context))
        for f, path in zip(
            engine, ["steam_boiler_checks[0].reasons.3", "steam_boiler_checks[0].reasons.12"], strict=True
        )
    ]
    # December explained: only March left
    explained = run(over, _set("steam_boiler_checks", 0, "reasons", value={12: "燃燒機調整中"}))
    assert [f.path for f in explained if f.code.startswith("building.")] == ["steam_boiler_checks[0].reasons.3"]
    # without a limit nothing is compared
    assert coded(run(over, _set("steam_boiler_checks", 0, "limit_o2", value=None)), "building.") == []


# -- 附錄二 merged meters ---------------------------------------------------------------------------


def test_a_same_address_merge_whole() -> None:
    def merge(address: str) -> Change:
        def change(doc: dict[str, Any]) -> None:
            doc["merged_meters"][0].update(reason="same_address", address=address)

        return change

    assert coded(run(merge("臺北市中正區示範路2號")), "declaration.merge") == [
        (
            "declaration.merge_not_same_address",
            "error",
            "merged_meters[0].address",
            "臺北市中正區示範路2號 is not the same address as 臺北市中正區示範路1號",
            "合併申報：同一地址多電號，地址須相同",
            {},
        )
    ]
    # another number that begins with the same digit, or a sub-number (之1): not the same address
    for other in ("臺北市中正區示範路10號", "臺北市中正區示範路1之1號"):
        assert [f.message for f in run(merge(other)) if f.code == "declaration.merge_not_same_address"] == [
            f"{other} is not the same address as 臺北市中正區示範路1號"
        ]
    # the same number, another floor, spaces aside: the same address
    assert coded(run(merge("臺北市 中正區示範路1號 B1")), "declaration.merge") == []
    assert (
        coded(
            run(merge("臺北市中正區示範路1號"), _set("basic", "address", value="臺北市中正區 示範路1號")),
            "declaration.merge",
        )
        == []
    )


def test_an_ev_charging_merge_whole() -> None:
    findings = run(
        _set("merged_meters", 0, "same_holder", value=False), _set("merged_meters", 0, "county", value="臺中市")
    )
    assert coded(findings, "declaration.merge") == [
        (
            "declaration.merge_ev_holder",
            "error",
            "merged_meters[0].same_holder",
            "EV-charging meters merge only under the same holder name (電號戶名相同)",
            "電動車充電設施合併申報須電號戶名相同",
            {},
        ),
        (
            "declaration.merge_ev_region",
            "warning",
            "merged_meters[0].county",
            "臺中市 is not in the same region as 臺北市: eligible only if it neighbours the declaring county (the data "
            "has no adjacency list; check by hand)",
            "電動車充電設施合併申報應於同一區域內，或與申報主體所在地縣市相鄰",
            {},
        ),
    ]
    # a county the data does not know is not in the region either
    assert [
        f.path
        for f in run(_set("merged_meters", 0, "county", value="火星市"))
        if f.code.startswith("declaration.merge")
    ] == ["merged_meters[0].county"]


def test_an_ev_merge_without_the_declaring_county_whole() -> None:
    findings = run(_set("main_meter_county", value=None), _append_copy("merged_meters"))
    assert (
        coded(findings, "declaration.merge")
        == [
            (
                "declaration.merge_main_county",
                "error",
                "main_meter_county",
                "give the declaring meter's county to check EV-charging merges",
                "請填寫申報主體所在縣市",
                {},
            )
        ]
        * 2
    )


# -- 十 measures and savings ------------------------------------------------------------------------


def test_recognition_year_whole() -> None:
    # completed 112/12: recognised 113/1~113/12, which does not reach 114 (2025)
    assert [whole(f) for f in VALIDATE.recognition_findings("112/1~112/12", 1, 12, 2025, "m")] == [
        (
            "declaration.recognition_year",
            "error",
            "m.period",
            "completed 112/12: its recognition 113/1~113/12 does not reach 114",
            "執行計畫期間 112/1~112/12 之節能量認列期間不在 114 年",
            {},
        )
    ]
    # completed 114/12: recognised from 115/1, after 114
    assert [f.message for f in VALIDATE.recognition_findings("114/12", 1, 12, 2025, "m")] == [
        "completed 114/12: its recognition 115/1~115/12 does not reach 114"
    ]


@pytest.mark.parametrize(
    ("period", "months"),
    [
        ("113/1", (1, 1)),  # 113/2~114/1: January of 114 only
        ("113/12", (1, 12)),  # 114/1~114/12
        ("114/1", (2, 12)),  # 114/2~115/1
        ("114/11", (12, 12)),  # 114/12~115/11
    ],
)
def test_recognised_months_in_the_year(period: str, months: tuple[int, int]) -> None:
    assert VALIDATE.recognition_findings(period, *months, 2025, "m") == []
    wrong = (1, 12) if months != (1, 12) else (2, 12)
    assert [whole(f) for f in VALIDATE.recognition_findings(period, *wrong, 2025, "m")] == [
        (
            "declaration.recognition_months",
            "error",
            "m.first_month",
            f"completed {period}: savings count {months[0]}~{months[1]} in 114, declared {wrong[0]}~{wrong[1]}",
            f"執行計畫期間 {period}，效益計算期間應為 {months[0]}~{months[1]} 月",
            {},
        )
    ]


def test_a_measure_code_not_in_appendix_1_whole() -> None:
    from carbonaudit.errors import DeclarationError
    from carbonaudit.measure_codes import lookup

    with pytest.raises(DeclarationError) as info:
        lookup("LK06")
    findings = run(
        _set("savings", "measures", 0, "code", value="LK06"), _set("plan", "measures", 0, "code", value="LK06")
    )
    assert coded(findings, "declaration.measure_code") == [
        ("declaration.measure_code", "error", f"{where}.code", str(info.value), "節約能源措施代碼 LK06 不在附錄一", {})
        for where in ("savings.measures[0]", "plan.measures[0]")
    ]


def test_declared_savings_whole() -> None:
    # LED: 9,504 kWh a year × 9/12 (months 1-9) = 7,128 kWh
    findings = run(_set("savings", "measures", 0, "declared_savings", "value", value=7_000))
    assert coded(findings, "declaration.declared") == [
        (
            "declaration.declared_savings",
            "warning",
            "savings.measures[0].declared_savings",
            "declared 7,000.0 but 9,504.0 × 9/12 = 7,128.0",
            "節約能源量與全年節能量×認列月數/12 不符 (應為 7,128.0)",
            {},
        )
    ]


@pytest.mark.parametrize(
    ("annual", "declared", "flagged"),
    [
        (9_504, 7_128.5, False),  # 0.5 kWh off: within rounding
        (9_504, 7_127.5, False),
        (9_504, 7_128.6, True),
        (12_000_000, 9_000_009, False),  # 9,000,000 × 1e-6 = 9 kWh: the tolerance grows with the figure
        (12_000_000, 9_000_010, True),
    ],
)
def test_declared_savings_tolerance(annual: float, declared: float, flagged: bool) -> None:
    findings = run(
        _set("savings", "measures", 0, "annual_savings", "value", value=annual),
        _set("savings", "measures", 0, "declared_savings", "value", value=declared),
    )
    assert [f.path for f in findings if f.code == "declaration.declared_savings"] == (
        ["savings.measures[0].declared_savings"] if flagged else []
    )


def test_a_measure_outside_the_year_is_not_checked_further_but_the_next_is() -> None:
    findings = run(
        _set("savings", "measures", 0, "period", value="112/1~112/12"),
        _set("savings", "measures", 0, "declared_savings", "value", value=1),
        _set("savings", "measures", 1, "declared_savings", "value", value=1),
    )
    assert [(f.code, f.path) for f in findings if f.code.startswith(("declaration.recog", "declaration.declared"))] == [
        ("declaration.recognition_year", "savings.measures[0].period"),
        ("declaration.declared_savings", "savings.measures[1].declared_savings"),
    ]


def test_demand_response_total_whole() -> None:
    # rows: 2,105 kW × 2 h = 4,210 kWh
    findings = run(_set("savings", "demand_response", value={"value": 4_300, "unit": "kWh"}))
    assert coded(findings, "declaration.demand_response") == [
        (
            "declaration.demand_response_total",
            "warning",
            "savings.demand_response",
            "合計 4,300.0 differs from Σ reduction × hours = 4,210.0 kWh",
            "需量反應認列節電量合計與各月抑低量×抑低時數之和 (4,210.0 度) 不符",
            {},
        )
    ]
    for total in (4_210.5, 4_209.5):  # within the 0.5 kWh a total's rounding may take
        findings = run(_set("savings", "demand_response", value={"value": total, "unit": "kWh"}))
        assert coded(findings, "declaration.demand_response") == []
    for total in (4_211.0, 4_209.0):  # 1 kWh off: reported
        findings = run(_set("savings", "demand_response", value={"value": total, "unit": "kWh"}))
        assert [f.message for f in findings if f.code == "declaration.demand_response_total"] == [
            f"合計 {total:,.1f} differs from Σ reduction × hours = 4,210.0 kWh"
        ]
    findings = run(
        _set("savings", "demand_response", value={"value": 4_300, "unit": "kWh"}),
        _set("savings", "demand_response_rows", value=[]),
    )
    assert coded(findings, "declaration.demand_response") == []


def test_renewable_total_whole() -> None:
    findings = run(_set("savings", "renewable_generated", value={"value": 45_001, "unit": "kWh"}))
    assert coded(findings, "declaration.renewable") == [
        (
            "declaration.renewable_total",
            "warning",
            "savings.renewable_generated",
            "年發電量合計 45,001.0 differs from the rows' 45,000.0 kWh",
            "再生能源年發電量合計與各設備之和 (45,000.0 度) 不符",
            {},
        )
    ]
    for total in (45_000.5, 44_999.5):
        assert (
            coded(
                run(_set("savings", "renewable_generated", value={"value": total, "unit": "kWh"})),
                "declaration.renewable",
            )
            == []
        )


def test_more_sold_than_generated_whole() -> None:
    def sold(kwh: float) -> Change:
        def change(doc: dict[str, Any]) -> None:
            doc["savings"]["renewable_generated"] = {"value": 45_000, "unit": "kWh"}
            doc["savings"]["renewable_sold"] = {"value": kwh, "unit": "kWh"}

        return change

    assert [whole(f) for f in run(sold(45_001)) if f.path == "savings"] == [] and coded(
        run(sold(45_001)), "declaration.renewable_sold"
    ) == [
        (
            "declaration.renewable_sold",
            "error",
            "savings.renewable_sold",
            "more renewable electricity sold than generated",
            "回售台電電量大於年發電量",
            {},
        )
    ]
    assert coded(run(sold(45_000)), "declaration.renewable_sold") == []
    assert [f.code for f in run(sold(45_000)) if f.path == "savings"] == ["rates.target_met"]
    only_generated = run(_set("savings", "renewable_generated", value={"value": 45_000, "unit": "kWh"}))
    assert [f.code for f in only_generated if f.path == "savings"] == ["rates.target_met"]


# -- 十 the saving rate, with a stand-in target check -------------------------------------------------


def _target(monkeypatch: pytest.MonkeyPatch, finding: Finding) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def meets_target(rate: Any, **kwargs: Any) -> Finding:
        calls.append({"rate": rate.m, **kwargs})
        return finding

    monkeypatch.setattr(importlib.import_module("carbonaudit.rates"), "meets_target", meets_target)
    return calls


@pytest.mark.parametrize(
    ("code", "zh"),
    [("rates.target_met", "年度節電率 1.67%，達成節電目標"), ("rates.target_missed", "年度節電率 1.67%，未達節電目標")],
)
def test_the_targets_verdict_whole(monkeypatch: pytest.MonkeyPatch, code: str, zh: str) -> None:
    calls = _target(monkeypatch, Finding(code, "warning", "x", "VERDICT", {"rule": "r", "basis": "year"}, "不用"))
    assert [whole(f) for f in run() if f.path == "savings"] == [
        (
            code,
            "warning",
            "savings",
            "the year's saving rate R = 1.67%: VERDICT",
            zh,
            {"rule": "r", "basis": "year", "rate": pytest.approx(RATE, rel=1e-12)},
        )
    ]
    [call] = calls
    assert call["rate"] == pytest.approx(RATE, rel=1e-12) and call["year"] == 2025
    assert call["contract_capacity"].m_as("kW") == 1200


@pytest.mark.parametrize(
    ("code", "message_zh", "zh"),
    [
        ("rates.not_regulated", "x", "非列管能源用戶，無節電目標"),
        ("rates.no_target_rule", "x", "資料中無該年度之節電目標規定"),
        ("rates.implausible_rate", "節電率過高", "節電率過高"),
        ("rates.implausible_rate", "", ""),
    ],
)
def test_other_verdicts_whole(monkeypatch: pytest.MonkeyPatch, code: str, message_zh: str, zh: str) -> None:
    _target(monkeypatch, Finding(code, "info", "x", "OTHER", {"basis": "average"}, message_zh))
    assert [whole(f) for f in run() if f.path == "savings"] == [
        (
            code,
            "info",
            "savings",
            "the year's saving rate R = 1.67%: OTHER",
            f"年度節電率 1.67%；{zh}",
            {"basis": "average", "rate": pytest.approx(RATE, rel=1e-12)},
        )
    ]


@pytest.mark.parametrize(("year", "average"), [(114, False), (115, True), (117, True)])
def test_an_average_target_after_the_rules_first_year_whole(
    monkeypatch: pytest.MonkeyPatch, year: int, average: bool
) -> None:
    # rule tw-114-117 runs from 2025 (114年); its target is on the average over the years since
    _target(monkeypatch, Finding("rates.target_met", "info", "x", "MET", {"rule": "tw-114-117", "basis": "average"}))
    # (a data year after 2025 has no shipped factors: the set is pinned, the rule does not use it)
    found = [whole(f) for f in run(_set("year", value=year), factor_set="tw-2024") if f.path == "savings"]
    if average:
        assert found == [
            (
                "declaration.saving_rate",
                "info",
                "savings",
                "the year's saving rate R = 1.67%; rule tw-114-117 sets its target on the average since 2025, which "
                "needs the saving rates of the period's earlier years as well",
                "年度節電率 1.67%；節電目標以 2025 年起之平均年節電率判定",
                {"rate": pytest.approx(RATE, rel=1e-12), "rule": "tw-114-117"},
            )
        ]
    else:
        assert [f[0] for f in found] == ["rates.target_met"]


@pytest.mark.parametrize("context", [{"rule": None, "basis": "average"}, {"rule": "tw-114-117", "basis": "year"}])
def test_only_an_average_of_a_known_rule_waits_for_earlier_years(
    monkeypatch: pytest.MonkeyPatch, context: dict[str, Any]
) -> None:
    _target(monkeypatch, Finding("rates.target_met", "info", "x", "MET", context))
    found = run(_set("year", value=115), factor_set="tw-2024")  # 2026 has no shipped factors: pinned
    assert [f.code for f in found if f.path == "savings"] == ["rates.target_met"]


def test_the_saving_rate_not_computable_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    _refuses(monkeypatch, "carbonaudit.rates", "meets_target", "no saving reaches 100 %")
    assert [whole(f) for f in run() if f.path == "savings"] == [
        (
            "declaration.saving_rate",
            "error",
            "savings",
            "the saving rate cannot be computed: no saving reaches 100 %",
            "無法計算年度節電率：no saving reaches 100 %",
            {},
        )
    ]
    monkeypatch.undo()
    _refuses(monkeypatch, "carbonaudit.rates", "annual_saving_rate", "deductions above the use")
    assert [whole(f) for f in run() if f.path == "savings"] == [
        (
            "declaration.saving_rate",
            "error",
            "savings",
            "the saving rate cannot be computed: deductions above the use",
            "無法計算年度節電率：deductions above the use",
            {},
        )
    ]


# -- 十一 the plan ------------------------------------------------------------------------------------


def test_the_planned_rate_counts_electricity_demand_response_and_self_use_whole() -> None:
    def more(doc: dict[str, Any]) -> None:
        plan = doc["plan"]
        plan["demand_response"] = {"value": 1_000, "unit": "kWh"}
        plan["renewable_self_use"] = {"value": 2_000, "unit": "kWh"}
        plan["measures"].append(
            {
                **copy.deepcopy(plan["measures"][0]),
                "name": "鍋爐",
                "energy": "diesel",
                "annual_savings": {"value": 5, "unit": "kL"},
                "planned_savings": {"value": 5, "unit": "kL"},
            }
        )

    # SP = 613,200 + 1,000 + 2,000 = 616,200 kWh (the diesel measure is not electricity);
    # RP = 616,200 / (616,200 + 4,435,000) = 12.1991 %
    assert coded(run(more), "declaration.planned") == [
        (
            "declaration.planned_saving_rate",
            "info",
            "plan",
            "planned saving rate RP = SP / (SP + CP) = 616,200 / (616,200 + 4,435,000) = 12.20%",
            "預計年度節電率 RP = 12.20%",
            {"rate": pytest.approx(616_200 / 5_051_200, rel=1e-12)},
        )
    ]
    # without the savings section there is no self-use: CP = 4,390,000; 613,200 / 5,003,200 = 12.2561 %
    [f] = [f for f in run(lambda doc: doc.pop("savings")) if f.code == "declaration.planned_saving_rate"]
    assert f.message == "planned saving rate RP = SP / (SP + CP) = 613,200 / (613,200 + 4,390,000) = 12.26%"


def test_planned_use_gets_the_method_and_its_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    planned = _Recorder(monkeypatch, "carbonaudit.savings", "planned_use")
    run()
    [(args, kwargs)] = planned.calls
    assert args[0].m_as("kWh") == 4_435_000
    assert kwargs == {"method": "same", "deductions": None, "estimate": None, "note": ""}
    planned.calls.clear()

    def deduct(doc: dict[str, Any]) -> None:
        doc["plan"].update(
            use_method="deduct",
            deductions={"new_buildings": {"value": 35_000, "unit": "kWh"}},
            estimate={"value": 1, "unit": "kWh"},
            estimate_note="n",
        )

    [f] = [f for f in run(deduct) if f.code == "declaration.planned_saving_rate"]
    # CP = 4,435,000 - 35,000 = 4,400,000: 613,200 / 5,013,200 = 12.2317 %
    assert f.context["rate"] == pytest.approx(613_200 / 5_013_200, rel=1e-12)
    [(args, kwargs)] = planned.calls
    assert {k: v.m_as("kWh") for k, v in kwargs["deductions"].items()} == {"new_buildings": 35_000}
    assert kwargs["estimate"].m_as("kWh") == 1 and kwargs["note"] == "n" and kwargs["method"] == "deduct"


def test_an_estimate_needs_its_note_whole() -> None:
    def estimate(doc: dict[str, Any]) -> None:
        doc["plan"].update(use_method="estimate", estimate={"value": 4_000_000, "unit": "kWh"})

    assert coded(run(estimate), "declaration.estimate") == [
        (
            "declaration.estimate_note",
            "error",
            "plan.estimate_note",
            "another estimate of N+1 use needs its method explained (估算說明)",
            "勾選其他估算方式者需說明估算方法或估算公式",
            {},
        )
    ]
    assert coded(run(estimate, _set("plan", "estimate_note", value="依新租約")), "declaration.estimate") == []


def test_the_plan_not_computable_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    bad_code = _set("plan", "measures", 0, "code", value="LK06")
    _refuses(monkeypatch, "carbonaudit.savings", "planned_use", "deductions above the use")
    assert [f[:5] for f in coded(run(bad_code), "declaration.") if f[2].startswith("plan")] == [
        (
            "declaration.measure_code",
            "error",
            "plan.measures[0].code",
            coded(run(bad_code), "declaration.measure")[0][3],
            "節約能源措施代碼 LK06 不在附錄一",
        ),
        (
            "declaration.planned_use",
            "error",
            "plan.use_method",
            "deductions above the use",
            "年度用電量估算有誤：deductions above the use",
        ),
    ]
    monkeypatch.undo()
    _refuses(monkeypatch, "carbonaudit.rates", "planned_saving_rate", "SP + CP must be positive")
    assert [f for f in coded(run(bad_code), "declaration.") if f[2].startswith("plan")][1:] == [
        (
            "declaration.not_computable",
            "error",
            "plan",
            "the planned saving rate RP = SP / (SP + CP) cannot be computed from the declared values: SP + CP must be "
            "positive",
            "無法計算預計年度節電率：SP + CP must be positive",
            {},
        )
    ]


def test_each_planned_measures_findings_are_kept() -> None:
    # two planned measures: the first with a code not in 附錄一, the second (a copy made before) valid;
    # the first's finding must survive the second's checks
    findings = run(_append_copy("plan", "measures"), _set("plan", "measures", 0, "code", value="LK06"))
    assert [f.path for f in findings if f.code == "declaration.measure_code"] == ["plan.measures[0].code"]
    findings = run(_append_copy("plan", "measures"), _set("plan", "measures", 1, "code", value="LK06"))
    assert [f.path for f in findings if f.code == "declaration.measure_code"] == ["plan.measures[1].code"]


# -- boundaries and orders the validate mutation run found untested ----------------------------------


def test_declared_load_rate_exactly_half_a_point_off_is_not_reported() -> None:
    from carbonaudit import Q_
    from carbonaudit.electrical import transformer_load_rate

    # a 1 A secondary current: load rate √3 × 380 V × 1 A / 1,500 kVA ≈ 0.000439, small enough that a
    # float 0.005 away from it is exactly 0.005 away (near 0.6 the spacing of floats does not allow it)
    rate = float(transformer_load_rate(Q_(380, "V"), Q_(1, "A"), Q_(1_500, "kVA")).m)
    at = rate + 0.005
    assert abs(at - rate) == 0.005
    beyond = float(np.nextafter(at, 1.0))

    def declared(value: float) -> list[str]:
        findings = run(
            _set("transformers", 0, "max_load_current", "value", value=1),
            _set("transformers", 0, "declared_load_rate", value=value),
        )
        return [f.path for f in findings if f.code == "declaration.load_rate_mismatch"]

    assert declared(at) == []  # at the tolerance: within it
    assert declared(beyond) == ["transformers[0].declared_load_rate"]


@pytest.mark.parametrize(("kwh", "flagged"), [(0.39, False), (1.0, True)])
def test_a_month_below_one_rth_is_still_compared(kwh: float, flagged: bool) -> None:
    # 0.5 RTh: 0.39 kWh / 0.5 RTh = 0.78 kW/RT as declared; 1 kWh / 0.5 RTh = 2 kW/RT is not 0.78
    findings = run(lambda doc: doc["chiller_groups"][0]["months"][4].update(rth=0.5, kwh=kwh, declared_kw_per_rt=0.78))
    assert [f.path for f in findings if f.code == "declaration.kw_per_rt_mismatch"] == (
        ["chiller_groups[0].months[4].declared_kw_per_rt"] if flagged else []
    )


def test_a_check_without_limits_does_not_stop_the_next_one() -> None:
    def two(doc: dict[str, Any]) -> None:
        _steam(doc)
        first = doc["steam_boiler_checks"][0]
        doc["boilers"].append({**copy.deepcopy(doc["boilers"][0]), "item": "6.2-2"})
        second = {**copy.deepcopy(first), "item": "6.2-2", "exhaust_temperature": [230.0] * 11 + [260.0]}
        first.update(limit_temperature=None, limit_o2=None)
        doc["steam_boiler_checks"].append(second)

    # the first check has no limits (nothing compared); the second's December 260 °C > 250 °C is
    assert [f.path for f in run(two) if f.code.startswith("building.")] == ["steam_boiler_checks[1].reasons.12"]


def test_an_earlier_month_explained_does_not_hide_a_later_one() -> None:
    def over(doc: dict[str, Any]) -> None:
        _steam(doc)
        doc["steam_boiler_checks"][0].update(
            exhaust_temperature=[230.0] * 11 + [260.0], exhaust_o2=[0.05, 0.05, 0.07] + [0.05] * 9
        )

    # March explained, December not: December is still reported
    explained = run(over, _set("steam_boiler_checks", 0, "reasons", value={3: "燃燒機調整中"}))
    assert [f.path for f in explained if f.code.startswith("building.")] == ["steam_boiler_checks[0].reasons.12"]


def test_the_same_address_is_its_number_with_its_hao() -> None:
    def merged(basic: str, address: str) -> list[str]:
        findings = run(
            _set("basic", "address", value=basic),
            lambda doc: doc["merged_meters"][0].update(reason="same_address", address=address),
        )
        return [f.message for f in findings if f.code == "declaration.merge_not_same_address"]

    # the declared address goes on after its 號 (a floor, a building name with its own 號):
    # the number with its 號 is what is compared
    assert merged("臺北市中正區示範路1號3樓", "臺北市中正區示範路1號B1") == []
    assert merged("臺北市中正區示範路1號2號館", "臺北市中正區示範路1號B1") == []
    assert merged("臺北市中正區示範路1號3樓", "臺北市中正區示範路2號") == [
        "臺北市中正區示範路2號 is not the same address as 臺北市中正區示範路1號3樓"
    ]
    # a lot number (地號) ends in 號 too; an address without 號: the whole address is compared
    assert merged("臺北市中正區示範段100地號", "臺北市中正區示範段100地號 B棟") == []
    assert merged("臺北市中正區示範段", "臺北市中正區示範段100地號") == []
    assert merged("臺北市中正區示範段100", "臺北市中正區示範段200") == [
        "臺北市中正區示範段200 is not the same address as 臺北市中正區示範段100"
    ]


def test_without_a_savings_section_there_is_no_self_use(monkeypatch: pytest.MonkeyPatch) -> None:
    balance = _Recorder(monkeypatch, "carbonaudit.building", "electricity_balance")
    run(lambda doc: doc.pop("savings"))
    [(args, kwargs)] = balance.calls
    assert args[0].m_as("kWh") == 4_390_000  # the bills alone
    assert kwargs == {"renewable_self_use": None}


def test_declared_kw_per_rt_exactly_5_thousandths_off_is_not_reported() -> None:
    # 1 kWh over 1,000 RTh = 0.001 kW/RT: small enough that a float 0.005 away is exactly 0.005 away
    eff = 1 / 1_000
    at = eff + 0.005
    assert abs(at - eff) == 0.005
    beyond = float(np.nextafter(at, 1.0))

    def declared(value: float) -> list[str]:
        findings = run(
            lambda doc: doc["chiller_groups"][0]["months"][4].update(kwh=1, rth=1_000, declared_kw_per_rt=value)
        )
        return [f.path for f in findings if f.code == "declaration.kw_per_rt_mismatch"]

    assert declared(at) == []
    assert declared(beyond) == ["chiller_groups[0].months[4].declared_kw_per_rt"]


def test_peak_share_of_a_peak_below_one_kw() -> None:
    # the year's highest demand 0.5 kW, lighting 1 kW: 200 % of it, above 100 %
    def small(doc: dict[str, Any]) -> None:
        doc["efficiency_factors"]["lighting_power"]["value"] = 1
        for month in doc["electricity"][0]["months"]:
            month["max_demand"] = 0.5

    assert [f.message for f in run(small) if f.code == "declaration.peak_share"][:1] == [
        "lighting_power is 200% of the highest peak demand (0.5 kW): above 100 %"
    ]


def test_the_heat_balance_uses_a_columns_own_density(monkeypatch: pytest.MonkeyPatch) -> None:
    balance = _Recorder(monkeypatch, "carbonaudit.building", "heat_balance")

    def in_tonnes(doc: dict[str, Any]) -> None:
        # the diesel column in t with its own density 0.84 kg/L: 2.4 kL becomes 2.016 t
        doc["thermal"]["diesel"].update(unit="t", use=[0.168] * 12, density={"value": 0.84, "unit": "kg/L"})

    findings = run(in_tonnes)
    assert [f.code for f in findings if f.code.startswith("declaration.heat")] == []
    [(args, _)] = balance.calls
    # 2.016 t ÷ 0.84 kg/L = 2,400 L × 8,636 kcal/L (moenv-hv-2025) = 20,726.4 Mcal, as in kL
    assert args[0]["diesel"].m_as("Mcal") == pytest.approx(20_726.4, rel=1e-12)


def test_a_thermal_quarter_explained_does_not_hide_the_year(comparisons: _Comparisons) -> None:
    # Q2 explained for the thermal EUI, the year not: the year is still reported
    findings = run(lambda doc: doc.update(thermal_eui_reasons={"Q2": "發電機測試"}))
    assert [f.path for f in findings if f.code == "declaration.thermal_eui_difference"] == ["thermal_eui_reasons.year"]


def test_the_thermal_eui_uses_a_columns_own_density(comparisons: _Comparisons) -> None:
    def in_tonnes(doc: dict[str, Any]) -> None:
        # this year's diesel in t with its own density 0.84 kg/L: 0.2 kL a month becomes 0.168 t
        doc["thermal"]["diesel"].update(unit="t", use=[0.168] * 12, density={"value": 0.84, "unit": "kg/L"})

    run(in_tonnes)
    run()
    (_, _), (thermal_t, _), (_, _), (thermal_kl, _) = comparisons.calls
    # the same 2,400 L a year either way: the same thermal EUI, month by month
    assert list(thermal_t.m) == pytest.approx(list(thermal_kl.m), rel=1e-12)
    assert thermal_t.m.sum() > 0
