"""Cross-table rules of the non-production declaration (non-production-form-2025 附表三).

:func:`validate` returns :class:`~carbonaudit.errors.Finding` objects with a stable code, a
severity, the path of the field and a message in English and Traditional Chinese. Structural
errors (a wrong type, a missing field, an unknown unit) are pydantic ``ValidationError`` at load.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from ..errors import (
    CarbonAuditError,
    DeclarationError,
    FactorNotFoundError,
    Finding,
    Findings,
    InvalidValueError,
)
from ..units import parse_unit
from .models import (
    Declaration,
    DemandResponseRow,
    FuelMonths,
    MonthlyElectricity,
    MonthlyThermal,
    RenewableRow,
    _not_a_declaration,
    fuel_factor_set,
)

if TYPE_CHECKING:
    from ..factors import FactorSet

__all__ = ["validate"]

_SCALE_CLASSES = {"school": "教室間數", "hospital": "病床數", "hotel": "房間數"}

_REFUSED = (FactorNotFoundError, InvalidValueError)
"""How an engine refuses a declaration that loaded, for a reason its user can fix.

The factor set lacks what a column needs (a fuel, a heat value, a density: pass another set or
give the density), or the declared values are outside what the calculation takes (a quarter of
zero use to compare against, deductions above the use, sums beyond 1e30 ...). The rules catch
only these, and only around the engine call that can refuse, and report the reason as a finding.
Any other error (a ``UnitsError`` on a unit the models accepted, a ``PeriodError``, an error in a
rule itself) is a bug: :func:`validate` lets it propagate rather than hide it in a finding.
"""


def _f(code: str, severity: Any, path: str, en: str, zh: str, **context: Any) -> Finding:
    return Finding(code, severity, path, en, context, zh)


def _not_computable(path: str, what: str, what_zh: str, exc: CarbonAuditError) -> Finding:
    """``declaration.not_computable``: an engine refused the declared values of *path* (one of :data:`_REFUSED`)."""
    return _f(
        "declaration.not_computable",
        "error",
        path,
        f"{what} cannot be computed from the declared values: {exc}",
        f"無法計算{what_zh}：{exc}",
    )


# -- identities: a row given twice, a reference to a row that is not there ------------------------


def repeats(keys: Sequence[Hashable | None]) -> list[tuple[int, int]]:
    """(index, index of the first row with the same key) for every repeated key; None keys are not compared."""
    first: dict[Hashable, int] = {}
    out: list[tuple[int, int]] = []
    for i, key in enumerate(keys):
        if key is None:
            continue
        if key in first:
            out.append((i, first[key]))
        else:
            first[key] = i
    return out


def duplicate_findings(
    section: str, keys: Sequence[Hashable | None], code: str, what: str, zh: str, field: str = ""
) -> list[Finding]:
    """An error per row of *section* whose key repeats an earlier row's (its values would count twice)."""
    suffix = f".{field}" if field else ""

    def shown(key: Hashable | None) -> str:
        return " / ".join(map(str, key)) if isinstance(key, tuple) else str(key)

    return [
        _f(
            f"declaration.duplicate_{code}",
            "error",
            f"{section}[{i}]{suffix}",
            f"{section}[{i}] repeats {section}[{j}] ({what}: {shown(keys[i])}): each is declared once; remove "
            "one or tell them apart",
            f"{zh} {shown(keys[i])} 重複填報 ({section}[{j}] 與 [{i}])，每項僅填一次",
            key=shown(keys[i]),
            first=f"{section}[{j}]",
        )
        for i, j in repeats(keys)
    ]


def _table_kwh(tables: Sequence[MonthlyElectricity]) -> float:
    return float(sum(t.total().m_as("kWh") for t in tables))


def meter_table_findings(d: Declaration) -> list[Finding]:
    """The meters of 三 against the tables of 表五之二: each meter once, one table per meter, no other tables.

    Errors: a meter listed twice in ``basic.meters`` (its contract capacity would count twice); a
    table of this year's ``electricity`` for a meter given twice or not in ``basic.meters``, and a
    meter with no table (its kWh would count twice, or count without a meter, or not at all); a
    previous-year table given twice. A previous-year table for a meter not in ``basic.meters`` is a
    warning (the meter may have been closed). While this year's tables are in error the rules on
    the electricity total (EUI, balance, saving rates) are not applied, and
    :meth:`Declaration.summary` marks the totals not computable (non-production-form-2025 三 註12, 表五之二).
    """
    out: list[Finding] = []
    numbers = [m.number for m in d.basic.meters]
    out += [
        _f(
            "declaration.duplicate_meter",
            "error",
            f"basic.meters[{i}].number",
            f"meter {numbers[i]} is listed twice in basic.meters ([{j}] and [{i}]): its contract capacity "
            "would count twice; list each meter once",
            f"電號 {numbers[i]} 於電號資料重複填報，契約容量將重複計算",
            meter=numbers[i],
            first=f"basic.meters[{j}]",
        )
        for i, j in repeats(numbers)
    ]
    known = set(numbers)
    this_year = "the electricity totals (EUI, balance, saving rates) are not checked until it is fixed"
    for section, when in (("electricity", "this year's (N)"), ("previous_year_electricity", "last year's (N-1)")):
        tables: list[MonthlyElectricity] = getattr(d, section)
        meters = [t.meter for t in tables]
        for i, j in repeats(meters):
            once = _table_kwh([tables[k] for k in range(len(tables)) if meters[k] not in meters[:k]])
            out.append(
                _f(
                    "declaration.duplicate_meter_table",
                    "error",
                    f"{section}[{i}].meter",
                    f"meter {meters[i]}: {when} table is given twice ({section}[{j}] and {section}[{i}]): its kWh would "
                    f"count twice ({_table_kwh(tables):,.0f} kWh in all, {once:,.0f} with each meter once); "
                    f"give each meter's 12 months once; {this_year}",
                    f"電號 {meters[i]} 之{'N' if section == 'electricity' else 'N-1'}年電能使用量統計表重複填報，用電度數將重複計算",
                    meter=meters[i],
                    first=f"{section}[{j}]",
                )
            )
        for i, meter in enumerate(meters):
            if meter in known:
                continue
            current = section == "electricity"
            out.append(
                _f(
                    "declaration.unknown_meter",
                    "error" if current else "warning",
                    f"{section}[{i}].meter",
                    f"meter {meter} of {section}[{i}] is not in basic.meters ({', '.join(numbers)}): "
                    + (
                        f"its {tables[i].total().m_as('kWh'):,.0f} kWh would count without the meter; add the "
                        f"meter to basic.meters (a merged meter once the merge is approved, 附錄二) or correct "
                        f"the number; {this_year}"
                        if current
                        else "if the meter was closed in N, say so in eui_reasons; else correct the number"
                    ),
                    f"電號 {meter} 不在三、電號資料中，請確認電號或補填電號資料",
                    meter=meter,
                )
            )
    have = {t.meter for t in d.electricity}
    for i, meter in enumerate(numbers):
        if meter not in have and meter not in numbers[:i]:
            out.append(
                _f(
                    "declaration.meter_table_missing",
                    "error",
                    "electricity",
                    f"meter {meter} (basic.meters[{i}]) has no table in electricity: its kWh would not count; "
                    f"give its 12 months (表五之二); {this_year}",
                    f"電號 {meter} 未填寫電能使用量統計表 (表五之二)",
                    meter=meter,
                )
            )
    return out


def _tables_in_error(d: Declaration, previous: bool = False) -> bool:
    """True when this year's (and, with *previous*, last year's) meter tables cannot be summed.

    The errors of :func:`meter_table_findings` on ``electricity`` (a table twice, for an unknown
    meter, a meter without one) and on ``previous_year_electricity`` (a table twice), by the keys alone.
    """
    numbers = {m.number for m in d.basic.meters}
    this = [t.meter for t in d.electricity]
    if len(set(this)) != len(this) or set(this) != numbers:
        return True
    last = [t.meter for t in d.previous_year_electricity]
    return previous and len(set(last)) != len(last)


def _identity_rules(d: Declaration) -> list[Finding]:
    """Every other list keyed by an identifier: each key once, and every reference to a row that exists."""
    out: list[Finding] = []
    registrations = [m.registration_no for m in d.managers]
    out += duplicate_findings(
        "managers", registrations, "manager", "registration number", "能管員設置登記編號", "registration_no"
    )
    out += duplicate_findings("buildings", [b.name for b in d.buildings], "building", "building", "建築名稱", "name")
    out += duplicate_findings(
        "transformers", [t.number for t in d.transformers], "transformer", "transformer", "變壓器編號", "number"
    )
    out += duplicate_findings(
        "chiller_groups", [g.name for g in d.chiller_groups], "chiller_group", "chiller group", "冰水機群組", "name"
    )
    out += duplicate_findings(
        "other_equipment",
        [(r.system, r.number) if r.number else None for r in d.other_equipment],
        "equipment",
        "system and number",
        "設備編號",
        "number",
    )
    out += duplicate_findings("systems", [r.system for r in d.systems], "system", "system", "系統", "system")
    out += duplicate_findings("boilers", [b.item for b in d.boilers], "boiler", "boiler item", "鍋爐項次", "item")
    out += duplicate_findings(
        "steam_boiler_checks",
        [c.item for c in d.steam_boiler_checks],
        "steam_boiler_check",
        "boiler item",
        "蒸汽鍋爐自我檢測表",
        "item",
    )
    boilers = {b.item for b in d.boilers}
    for i, c in enumerate(d.steam_boiler_checks):
        if c.item not in boilers:
            out.append(
                _f(
                    "declaration.unknown_boiler",
                    "error",
                    f"steam_boiler_checks[{i}].item",
                    f"boiler {c.item!r} of steam_boiler_checks[{i}] is not in boilers (表九之六: "
                    f"{', '.join(sorted(boilers)) or 'none'}): correct the item or add the boiler",
                    "表九之七之蒸汽鍋爐項次需與表九之六一致",
                    item=c.item,
                )
            )
    out += duplicate_findings(
        "data_centres",
        [(c.building, c.floor) if c.building or c.floor else None for c in d.data_centres],
        "data_centre",
        "building and floor",
        "資料中心",
    )
    out += duplicate_findings(
        "merged_meters", [m.meter for m in d.merged_meters], "merged_meter", "meter", "合併申報電號", "meter"
    )
    meters = {m.number for m in d.basic.meters}
    if d.savings is not None:
        s = d.savings
        out += _measure_duplicates("savings.measures", s.measures)
        out += duplicate_findings(
            "savings.demand_response_rows",
            [(r.month, r.meter, r.programme) for r in s.demand_response_rows],
            "demand_response",
            "month, meter and programme",
            "需量反應措施",
        )
        out += duplicate_findings(
            "savings.renewables",
            [(r.kind, r.meter, r.area, r.installed_on.date) for r in s.renewables],
            "renewable",
            "kind, meter, area and installation date",
            "再生能源設備",
        )
        references: tuple[tuple[str, Sequence[DemandResponseRow | RenewableRow], str], ...] = (
            ("savings.demand_response_rows", s.demand_response_rows, "需量反應措施之台電電號"),
            ("savings.renewables", s.renewables, "再生能源設置登記電號"),
        )
        for section, rows, zh in references:
            for i, row in enumerate(rows):
                if row.meter not in meters:
                    out.append(
                        _f(
                            "declaration.unknown_meter",
                            "error",
                            f"{section}[{i}].meter",
                            f"meter {row.meter} of {section}[{i}] is not in basic.meters ({', '.join(sorted(meters))}): "
                            "only what is within the regulated meters counts as savings (表十之三); correct the "
                            "number or add the meter",
                            f"{zh} {row.meter} 不在列管電號中，僅受列管電號範圍內者可認列",
                            meter=row.meter,
                        )
                    )
    if d.plan is not None:
        out += _measure_duplicates("plan.measures", d.plan.measures)
    return out


def _measure_duplicates(section: str, measures: Sequence[Any]) -> list[Finding]:
    return duplicate_findings(
        section,
        [(m.code, m.name, m.period) for m in measures],
        "measure",
        "code, name and period",
        "節約能源措施",
    )


# -- fuels: what the factor set can convert --------------------------------------------------


def _fuel_finding(fs: FactorSet, fuel_id: str, column: FuelMonths, where_in: str, exc: CarbonAuditError) -> Finding:
    """The advice for a fuel column the factor set cannot convert, as things a user can do."""
    where = "validate(declaration, factor_set=...) or Declaration.summary(factor_set=...) in Python; --set ID with carbonaudit validate"
    missing: FactorNotFoundError | None = None
    try:
        fuel = fs.fuel(fuel_id)
    except FactorNotFoundError as not_found:
        fuel, missing = None, not_found
    unit = parse_unit(column.unit)
    basis = parse_unit(fuel.basis_unit) if fuel is not None and fuel.basis_unit else None
    mass = parse_unit("kg").dimensionality
    if fuel is None and fuel_id == "natural_gas" and "ambiguous" in str(missing):
        en = (
            f"{where_in}: {missing}; write the grade in {where_in}.grade (NG1 or NG2), or pass a factor set "
            f"with one natural gas ({where})"
        )
        zh = f"天然氣自 114 年起分 NG1、NG2 兩種熱值：請於 {where_in}.grade 填寫帳單所載之氣種"
    elif fuel is None:
        en = f"factor set {fs.id!r} has no fuel {fuel_id!r}: pass a factor set that has it ({where})"
        zh = f"係數組 {fs.id} 無此燃料之係數"
    elif fuel.heat_value is None:
        en = (
            f"factor set {fs.id!r} has no heat value for {fuel_id} ({fuel.name_zh}): pass a factor set that has "
            f"one, e.g. one with a measured heat value ({where})"
        )
        zh = f"係數組 {fs.id} 無{fuel.name_zh}之熱值"
    elif basis is not None and fuel.density is None and unit.dimensionality != basis.dimensionality:
        have, need = ("a mass", "a volume") if unit.dimensionality == mass else ("a volume", "a mass")
        en = (
            f"{where_in} is in {column.unit} ({have}) but factor set {fs.id!r} gives {fuel_id} ({fuel.name_zh}) per "
            f"{fuel.basis_unit} ({need}) and has no density to convert it: give the supplier's density in "
            f"{where_in}.density (e.g. {{value: ..., unit: kg/L}}), or the months in "
            f"{fuel.basis_unit}, or pass a factor set with a density for {fuel_id} ({where})"
        )
        zh = f"{fuel.name_zh}以 {column.unit} 填報，但係數組 {fs.id} 以 {fuel.basis_unit} 計且無密度：請填寫密度 (density) 或改以 {fuel.basis_unit} 填報"
    else:
        en = f"{where_in}: factor set {fs.id!r} cannot convert {fuel_id} in {column.unit} to heat: {exc}"
        zh = f"{fuel.name_zh}無法以係數組 {fs.id} 換算熱值"
    return _f(
        "declaration.fuel_not_convertible",
        "error",
        f"{where_in}.unit",
        en + "; the thermal totals (KLOE, thermal EUI, heat balance) are not computed until then",
        zh,
        fuel=fuel_id,
        unit=column.unit,
        factor_set=fs.id,
    )


class _Context(NamedTuple):
    """What the rules of one :func:`validate` call share: the factor set, and its fuel findings."""

    fs: FactorSet
    fuels: list[Finding]


def fuel_findings(
    d: Declaration, fs: FactorSet, sections: Sequence[str] = ("thermal", "previous_year_thermal")
) -> list[Finding]:
    """An error per fuel column of *sections* that *fs* (with the column's own density) cannot convert to KLOE."""
    from ..energy import to_kloe

    out: list[Finding] = []
    for section in sections:
        thermal: MonthlyThermal | None = getattr(d, section)
        if thermal is None:
            continue
        for field, fuel, column in thermal.columns():
            try:
                to_kloe(column.total(), fuel, fuel_factor_set(fs, fuel, column))
            except _REFUSED as exc:  # the set lacks a factor for this column: one finding, said once
                out.append(_fuel_finding(fs, fuel, column, f"{section}.{field}", exc))
    return out


def _capacity_rules(d: Declaration) -> list[Finding]:
    from ..factors import rules

    lim = rules()
    cap = d.basic.contract_capacity.m_as("kW")
    regulated = lim.limit("regulated_contract_capacity").quantity.m_as("kW")
    two = lim.limit("two_managers_contract_capacity").quantity.m_as("kW")
    out: list[Finding] = []
    # a manager listed twice is one manager (and a declaration.duplicate_manager error)
    active = list({m.registration_no: m for m in reversed(d.managers) if m.active}.values())
    if cap <= regulated:
        out.append(
            _f(
                "declaration.not_regulated",
                "info",
                "basic.meters",
                f"contract capacity {cap:,.0f} kW is not above {regulated:,.0f} kW: not a regulated energy user",
                f"契約用電容量 {cap:,.0f} 瓩未超過 {regulated:,.0f} 瓩，非列管能源用戶",
                capacity_kw=cap,
            )
        )
    elif not active and not d.preparer_registered:
        out.append(
            _f(
                "declaration.no_manager",
                "warning",
                "managers",
                "a regulated energy user has no registered engineer or energy manager: register one "
                "(能源管理法 §11) and explain why not yet",
                "列管能源用戶未設置登記技師或能源管理人員，請說明原因並儘速辦理設置登記",
                capacity_kw=cap,
            )
        )
    if cap > two and (len(active) < 2 or not any(m.in_house for m in active)):
        out.append(
            _f(
                "declaration.managers_required",
                "error",
                "managers",
                f"contract capacity {cap:,.0f} kW is above {two:,.0f} kW: at least two registered engineers or "
                f"energy managers are required, one of them in-house (found {len(active)}, "
                f"{sum(m.in_house for m in active)} in-house)",
                "契約用電容量超過十萬瓩者，應有二名以上技師或能管員，且其中一名人員應自置之",
                capacity_kw=cap,
                managers=len(active),
            )
        )
    return out


def _preparer_rules(d: Declaration) -> list[Finding]:
    if d.preparer_registered:
        if not any(m.active for m in d.managers):
            return [
                _f(
                    "declaration.registered_preparer_missing",
                    "error",
                    "managers",
                    "the preparer is said to be registered but no active registered manager is listed",
                    "填表人員已完成設置登記者，請填寫技師或能管員資料",
                )
            ]
        return []
    out: list[Finding] = []
    if d.preparer is None:
        out.append(
            _f(
                "declaration.preparer_missing",
                "error",
                "preparer",
                "the preparer is not a registered manager: give the preparer's details (一, 否)",
                "填表人員未完成設置登記者，請填寫填表人資料",
            )
        )
    if not d.no_manager_reasons:
        out.append(
            _f(
                "declaration.no_manager_reasons",
                "error",
                "no_manager_reasons",
                "explain why no energy manager is registered and how it will be (未設置能源管理員原因說明)",
                "請說明未設置能源管理員原因及後續設置登記改善方式",
            )
        )
    return out


def _organisation_rules(d: Declaration) -> list[Finding]:
    out: list[Finding] = []
    org = d.organisation
    labels = {"management": "管理階層", "promotion": "推行階層", "execution": "執行階層"}
    for tier, zh in labels.items():
        if not getattr(org, tier):
            out.append(
                _f(
                    "declaration.organisation_tier_empty",
                    "error",
                    f"organisation.{tier}",
                    f"the {tier} tier of 表四之一 has nobody: all three tiers need at least one person",
                    f"表四之一{zh}人員未填，能源查核管理組織須完整填寫3階層人員",
                )
            )
    managers = {p.name for p in org.management}
    for tier in ("promotion", "execution"):
        for i, person in enumerate(getattr(org, tier)):
            if person.name in managers:
                out.append(
                    _f(
                        "declaration.management_overlap",
                        "error",
                        f"organisation.{tier}[{i}]",
                        f"{person.name} is in the management tier and also in the {tier} tier",
                        f"{person.name} 為管理階層人員，不得兼任{labels[tier]}人員",
                    )
                )
    return out


def _policy_rules(d: Declaration) -> list[Finding]:
    p = d.policy
    out: list[Finding] = []
    later = ("policy_statement", "management_review", "efficient_procurement", "suggestions_channel")
    if p.iso50001:
        if not p.certifier or p.valid_until is None:
            out.append(
                _f(
                    "declaration.iso50001_certificate",
                    "error",
                    "policy.certifier",
                    "ISO/CNS 50001 certification needs the certifier and the certificate's validity",
                    "通過 ISO/CNS 50001 驗證者，請填寫驗證機構名稱及證書有效期限",
                )
            )
        elif p.valid_until.date.year < d.ad_year:
            out.append(
                _f(
                    "declaration.iso50001_expired",
                    "warning",
                    "policy.valid_until",
                    f"the ISO/CNS 50001 certificate expired before the data year ({p.valid_until.date})",
                    "ISO/CNS 50001 證書於資料年前已過期",
                )
            )
        for q in later:
            if getattr(p, q) is not None:
                out.append(
                    _f(
                        "declaration.policy_answer_not_needed",
                        "info",
                        f"policy.{q}",
                        "with ISO/CNS 50001 certification, questions 2-5 are not needed",
                        "已通過 ISO/CNS 50001 驗證者，無需填寫問題2至問題5",
                    )
                )
    else:
        for q in later:
            if getattr(p, q) is None:
                out.append(
                    _f(
                        "declaration.policy_answer_missing",
                        "error",
                        f"policy.{q}",
                        "without ISO/CNS 50001 certification, questions 2-5 of 表四之二 must be answered",
                        "未通過 ISO/CNS 50001 驗證者，表四之二問題2至問題5須填答",
                    )
                )
    return out


def _basic_rules(d: Declaration) -> list[Finding]:
    from ..factors import rules

    b = d.basic
    out: list[Finding] = []
    if b.user_class in _SCALE_CLASSES and b.business_scale is None:
        out.append(
            _f(
                "declaration.business_scale_required",
                "error",
                "basic.business_scale",
                f"a {b.user_class} must give its business scale ({_SCALE_CLASSES[b.user_class]})",
                f"學校、醫院、旅館須填寫營業規模 ({_SCALE_CLASSES[b.user_class]})",
            )
        )
    if b.user_class == "office_building" and b.rental_rate is None:
        out.append(
            _f(
                "declaration.rental_rate_required",
                "error",
                "basic.rental_rate",
                "an office building must give its rental rate (出租率)",
                "辦公大樓須填寫出租率",
            )
        )
    if b.public_body and b.sme:
        out.append(
            _f(
                "declaration.sme_public_body",
                "error",
                "basic.sme",
                "public bodies, defence organisations and management committees answer 'no' to SME",
                "公務機關、國防組織、管理委員會等無公司或商業登記之能源用戶，中小企業請填「否」",
            )
        )
    elif not b.public_body and (b.paid_in_capital is not None or b.regular_employees is not None):
        lim = rules()
        capital_max = lim.limit("sme_paid_in_capital").quantity.m_as("TWD")
        staff_max = lim.limit("sme_regular_employees").value
        by_capital = b.paid_in_capital is not None and b.paid_in_capital.quantity.m_as("TWD") <= capital_max
        by_staff = b.regular_employees is not None and b.regular_employees < staff_max
        expected = by_capital or by_staff
        if expected != b.sme:
            out.append(
                _f(
                    "declaration.sme_mismatch",
                    "warning",
                    "basic.sme",
                    f"SME is {'yes' if b.sme else 'no'} but paid-in capital and regular employees say "
                    f"{'yes' if expected else 'no'} (≤ NT$100 million or fewer than 200 employees)",
                    "中小企業認定 (實收資本額一億元以下或經常僱用員工數未滿二百人) 與填報不一致",
                )
            )
    if b.indoor_parking_area.quantity.m_as("m**2") > b.total_floor_area.quantity.m_as("m**2"):
        out.append(
            _f(
                "declaration.parking_exceeds_floor_area",
                "error",
                "basic.indoor_parking_area",
                "the indoor parking area is larger than the total floor area",
                "總室內停車場面積大於總樓地板面積",
            )
        )
    return out


def _eui_rules(d: Declaration) -> list[Finding]:
    from ..building import compare_eui, eui

    if not d.previous_year_electricity or _tables_in_error(d, previous=True):
        return []  # meter_table_findings says why
    b = d.basic
    try:
        this = sum(e.monthly_energy().m_as("kWh") for e in d.electricity)
        last = sum(e.monthly_energy().m_as("kWh") for e in d.previous_year_electricity)
        from ..units import Q_

        eui_n = eui(Q_(this, "kWh"), b.total_floor_area.quantity, b.indoor_parking_area.quantity)
        area_prev = (d.previous_year_floor_area or b.total_floor_area).quantity
        parking_prev = (d.previous_year_parking_area or b.indoor_parking_area).quantity
        eui_prev = eui(Q_(last, "kWh"), area_prev, parking_prev)
        result = compare_eui(eui_n, eui_prev)
    except InvalidValueError as exc:  # no indoor area, a quarter of N-1 at zero: the message says which
        return [
            _f(
                "declaration.eui_not_computable",
                "error",
                "electricity",
                f"EUI cannot be computed: {exc}",
                f"無法計算 EUI：{exc}",
            )
        ]
    out = []
    for f in result.findings:
        label = f.path.split(".")[-1]
        reason = d.eui_reasons.get(label)  # type: ignore[call-overload]
        if reason:
            out.append(
                _f(
                    "declaration.eui_difference_explained",
                    "info",
                    f"eui_reasons.{label}",
                    f"{label}: EUI changed {f.context['difference']:+.1%}; reason given: {reason}",
                    f"{label} EUI 差異 {f.context['difference']:+.1%}，已說明原因：{reason}",
                    **f.context,
                )
            )
            continue
        out.append(
            _f(
                f.code,
                f.severity,
                f"eui_reasons.{label}",
                f.message + " (eui_reasons is empty)",
                f"表五之四 {label} EUI 差異 {f.context['difference']:+.1%}，超過10%，應填寫差異原因及說明",
                **f.context,
            )
        )
    return out


def _code_findings(code: str, path: str) -> list[Finding]:
    """A finding when a measure code is not in 附錄一."""
    from ..measure_codes import lookup

    try:
        lookup(code)
    except DeclarationError as exc:  # lookup's refusal of a code not in 附錄一, naming the part
        return [
            _f("declaration.measure_code", "error", f"{path}.code", str(exc), f"節約能源措施代碼 {code} 不在附錄一")
        ]
    return []


def recognition_findings(period: str, first_month: int, last_month: int, ad_year: int, path: str) -> list[Finding]:
    """Findings when a measure's recognised months in *ad_year* do not follow from its completion period.

    Savings count from the month after the period's end, for 12 months (production-declaration-2018 節能量計算期間;
    non-production-form-2025 表十之一 註4-5): a measure completed 113/9 counts months 10~12 in 113 and 1~9 in 114.

    Parameters
    ----------
    period : str
        The completion period as on the form (``"106/8~106/9"``, ROC).
    first_month, last_month : int
        The recognised months declared for *ad_year* (效益計算期間, 1-12).
    ad_year : int
        The declaration's year N, AD.
    path : str
        Where the measure is in the declaration (``"savings.executed[0]"``), for the findings.

    Returns
    -------
    list of Finding
        Empty when the months are right; else one error, ``declaration.recognition_year`` (the
        recognition period does not reach the year) or ``declaration.recognition_months``.

    Raises
    ------
    PeriodError
        If *period* cannot be read.

    Examples
    --------
    >>> recognition_findings("106/8~106/9", 10, 12, 2017, "m")     # production-declaration-2018: 106年 declares 10~12
    []
    >>> [f.message for f in recognition_findings("106/8~106/9", 1, 12, 2018, "m")]
    ['completed 106/9: savings count 1~9 in 107, declared 1~12']
    """
    from ..periods import YearMonthRange

    end = YearMonthRange.parse(period).end
    start, last = end.add_months(1), end.add_months(12)
    year = ad_year - 1911
    if start.year > ad_year or last.year < ad_year:
        return [
            _f(
                "declaration.recognition_year",
                "error",
                f"{path}.period",
                f"completed {end.roc_str()}: its recognition {start.roc_str()}~{last.roc_str()} does not reach {year}",
                f"執行計畫期間 {period} 之節能量認列期間不在 {year} 年",
            )
        ]
    expected = (start.month if start.year == ad_year else 1, last.month if last.year == ad_year else 12)
    if (first_month, last_month) != expected:
        return [
            _f(
                "declaration.recognition_months",
                "error",
                f"{path}.first_month",
                f"completed {end.roc_str()}: savings count {expected[0]}~{expected[1]} in {year}, declared "
                f"{first_month}~{last_month}",
                f"執行計畫期間 {period}，效益計算期間應為 {expected[0]}~{expected[1]} 月",
            )
        ]
    return []


def _measure_rules(d: Declaration) -> list[Finding]:
    if d.savings is None:
        return []
    out: list[Finding] = []
    for i, m in enumerate(d.savings.measures):
        path = f"savings.measures[{i}]"
        out += _code_findings(m.code, path)
        timing = recognition_findings(m.period, m.first_month, m.last_month, d.ad_year, path)
        out += timing
        if any(f.code == "declaration.recognition_year" for f in timing):
            continue
        months = m.last_month - m.first_month + 1
        expected = m.annual_savings.value * months / 12
        if abs(m.declared_savings.value - expected) > max(0.5, 1e-6 * expected):
            out.append(
                _f(
                    "declaration.declared_savings",
                    "warning",
                    f"{path}.declared_savings",
                    f"declared {m.declared_savings.value:,.1f} but {m.annual_savings.value:,.1f} × {months}/12 "
                    f"= {expected:,.1f}",
                    f"節約能源量與全年節能量×認列月數/12 不符 (應為 {expected:,.1f})",
                )
            )
    return out


def _savings_total_rules(d: Declaration) -> list[Finding]:
    s = d.savings
    if s is None:
        return []
    out: list[Finding] = []
    if s.demand_response_rows and s.demand_response is not None:
        rows = s.demand_response_kwh()  # Σ reduction × hours, the rows being given
        if abs(rows - s.demand_response.quantity.m_as("kWh")) > 0.5:
            out.append(
                _f(
                    "declaration.demand_response_total",
                    "warning",
                    "savings.demand_response",
                    f"合計 {s.demand_response.value:,.1f} differs from Σ reduction × hours = {rows:,.1f} kWh",
                    f"需量反應認列節電量合計與各月抑低量×抑低時數之和 ({rows:,.1f} 度) 不符",
                )
            )
    if s.renewables and s.renewable_generated is not None:
        gen = sum(r.generated.quantity.m_as("kWh") for r in s.renewables)
        if abs(gen - s.renewable_generated.quantity.m_as("kWh")) > 0.5:
            out.append(
                _f(
                    "declaration.renewable_total",
                    "warning",
                    "savings.renewable_generated",
                    f"年發電量合計 {s.renewable_generated.value:,.1f} differs from the rows' {gen:,.1f} kWh",
                    f"再生能源年發電量合計與各設備之和 ({gen:,.1f} 度) 不符",
                )
            )
    return out


def _rate_rules(d: Declaration, ctx: _Context) -> list[Finding]:
    from ..rates import meets_target

    s = d.savings
    if s is None or _tables_in_error(d):
        return []
    if s.renewable_generated is not None and s.renewable_sold is not None:
        if s.renewable_sold.quantity.m_as("kWh") > s.renewable_generated.quantity.m_as("kWh"):
            return [
                _f(
                    "declaration.renewable_sold",
                    "error",
                    "savings.renewable_sold",
                    "more renewable electricity sold than generated",
                    "回售台電電量大於年發電量",
                )
            ]
    summary = d.summary(ctx.fs)
    rate = summary["saving_rate"]

    def not_computed(reason: object) -> list[Finding]:
        return [
            _f(
                "declaration.saving_rate",
                "error",
                "savings",
                f"the saving rate cannot be computed: {reason}",
                f"無法計算年度節電率：{reason}",
            )
        ]

    if rate is None:  # annual_saving_rate refused the totals: summary says why
        return not_computed(summary["not_computable"]["saving_rate"])
    try:
        finding = meets_target(rate, year=d.ad_year, contract_capacity=d.basic.contract_capacity)
    except InvalidValueError as exc:  # a rate of 100 %: savings beyond any real use
        return not_computed(exc)
    rule_id = finding.context.get("rule")
    if finding.context.get("basis") == "average" and rule_id is not None:
        from ..factors import rules

        first = next(r.from_year for r in rules().saving_targets if r.id == rule_id)
        if d.ad_year != first:
            # The target is on the average over the rule period, which needs the earlier years'
            # declarations; only in the period's first year is the year's rate that average.
            return [
                _f(
                    "declaration.saving_rate",
                    "info",
                    "savings",
                    f"the year's saving rate R = {rate.m:.2%}; rule {rule_id} sets its target on the average "
                    f"since {first}, which needs the saving rates of the period's earlier years as well",
                    f"年度節電率 {rate.m:.2%}；節電目標以 {first} 年起之平均年節電率判定",
                    rate=float(rate.m),
                    rule=rule_id,
                )
            ]
    zh = {"rates.target_met": "達成", "rates.target_missed": "未達"}.get(finding.code, "")
    if not zh:
        other = {
            "rates.not_regulated": "非列管能源用戶，無節電目標",
            "rates.no_target_rule": "資料中無該年度之節電目標規定",
        }
        return [
            _f(
                finding.code,
                finding.severity,
                "savings",
                f"the year's saving rate R = {rate.m:.2%}: " + finding.message,
                f"年度節電率 {rate.m:.2%}；{other.get(finding.code, finding.message_zh or '')}",
                **{**finding.context, "rate": float(rate.m)},
            )
        ]
    return [
        _f(
            finding.code,
            finding.severity,
            "savings",
            f"the year's saving rate R = {rate.m:.2%}: " + finding.message,
            f"年度節電率 {rate.m:.2%}，{zh}節電目標",  # met or missed: the other codes were returned above
            **{**finding.context, "rate": float(rate.m)},
        )
    ]


def _balance_rules(d: Declaration) -> list[Finding]:
    from ..building import electricity_balance

    if d.balances is None or not d.balances.electricity or _tables_in_error(d):
        return []
    bill = sum(e.total_with_wheeled().m_as("kWh") for e in d.electricity)
    self_use = max(0.0, d.savings.renewable_self_use_kwh()) if d.savings is not None else 0.0
    from ..units import Q_

    try:
        b = electricity_balance(
            Q_(bill, "kWh"),
            {k: v.quantity for k, v in d.balances.electricity.items()},
            renewable_self_use=Q_(self_use, "kWh") if self_use else None,
        )
    except InvalidValueError as exc:  # no electricity to share out (bills and self-use zero), or beyond 1e30
        return [_not_computable("balances.electricity", "the electricity balance (六)", "電能用量平衡", exc)]
    parts = sum(q.m for q in b.parts.values())
    out = []
    for f in b.findings:
        over = parts > b.total.m
        out.append(
            _f(
                "declaration.balance_exceeds_use" if over else "declaration.balance_incomplete",
                "error" if over else "warning",
                "balances.electricity",
                f.message + " (the bill kWh incl. wheeled + renewable self-use)",
                "電能用量平衡圖各設備用電度數合計" + ("超過" if over else "不等於") + "總用電度數",
                **f.context,
            )
        )
    return out


def _equipment_rules(d: Declaration) -> list[Finding]:
    from ..chiller import must_declare
    from ..electrical import check_transformer, transformer_load_rate

    out: list[Finding] = []
    for i, t in enumerate(d.transformers):
        path = f"transformers[{i}]"
        rate = float(
            transformer_load_rate(
                t.secondary_voltage.quantity, t.max_load_current.quantity, t.capacity.quantity, t.power_factor
            ).m
        )
        for f in check_transformer(rate, t.power_factor, name=path):
            zh = "變壓器負載率合理在50~75%" if "load_rate" in f.code else "各迴路功因合理值應高於95%"
            out.append(_f(f.code, f.severity, f.path, f.message, zh, **f.context))
        if t.declared_load_rate is not None and abs(t.declared_load_rate - rate) > 0.005:
            out.append(
                _f(
                    "declaration.load_rate_mismatch",
                    "warning",
                    f"{path}.declared_load_rate",
                    f"declared load rate {t.declared_load_rate:.1%} but √3 × V × I / capacity = {rate:.1%}",
                    f"負載率填報 {t.declared_load_rate:.1%} 與計算值 {rate:.1%} 不符",
                )
            )
    for i, g in enumerate(d.chiller_groups):
        path = f"chiller_groups[{i}]"
        if must_declare(g.capacity.quantity).code == "chiller.must_declare" and len(g.months) != 12:
            out.append(
                _f(
                    "declaration.chiller_table_missing",
                    "error",
                    f"{path}.months",
                    f"chiller group {g.name} totals {g.capacity.value:,.0f} RT (>= 1,000 RT): declare the "
                    f"12 months of 表九之一(二), found {len(g.months)}",
                    "單一群組冰水主機總容量達1千冷凍噸以上者，應填寫冰水機群組系統能源效率表",
                )
            )
        for m_i, m in enumerate(g.months):
            mpath = f"{path}.months[{m_i}]"
            if m.rth == 0 and not m.not_running and m.kwh > 0:
                out.append(
                    _f(
                        "declaration.chiller_no_cooling",
                        "warning",
                        mpath,
                        f"month {m_i + 1}: {m.kwh:,.0f} kWh but no RTh, and not marked 整月未開主機",
                        f"{m_i + 1}月有耗電量但無系統負荷，且未勾選整月未開主機",
                    )
                )
            if m.rth > 0 and m.declared_kw_per_rt is not None:
                eff = m.kwh / m.rth
                if abs(eff - m.declared_kw_per_rt) > 0.005:
                    out.append(
                        _f(
                            "declaration.kw_per_rt_mismatch",
                            "warning",
                            f"{mpath}.declared_kw_per_rt",
                            f"month {m_i + 1}: declared {m.declared_kw_per_rt} kW/RT but {m.kwh:,.0f} kWh / "
                            f"{m.rth:,.0f} RTh = {eff:.3f}",
                            f"{m_i + 1}月效率值與月耗電量/系統負荷 ({eff:.3f}) 不符",
                        )
                    )
    if d.basic.user_class in _PUE_CLASSES and not d.data_centres:
        out.append(
            _f(
                "declaration.pue_table_required",
                "error",
                "data_centres",
                f"user class {d.basic.user_class} must fill 表九之八 (data-centre PUE)",
                "電信機房及電腦機房用戶必填表九之八資料中心能源使用效率自我檢測表",
            )
        )
    for i, dc in enumerate(d.data_centres):
        from ..electrical import DataCentre

        centre = DataCentre(dc.infrastructure.quantity, dc.it.quantity, dc.metering_point, name=f"data_centres[{i}]")
        for f in centre.findings():
            out.append(
                _f(
                    f.code,
                    f.severity,
                    f.path,
                    f.message,
                    "資訊設備電力量測位置建議至少選擇基礎級 (PUE1) 以上",
                    **f.context,
                )
            )
        pue = float(centre.pue.m)
        if dc.declared_pue is not None and abs(dc.declared_pue - pue) > 0.005:
            out.append(
                _f(
                    "declaration.pue_mismatch",
                    "warning",
                    f"data_centres[{i}].declared_pue",
                    f"declared PUE {dc.declared_pue} but (a + b) / b = {pue:.3f}",
                    f"PUE 填報值與 (a+b)/b = {pue:.3f} 不符",
                )
            )
    return out


def _merge_rules(d: Declaration) -> list[Finding]:
    from ..measure_codes import merge_region

    out: list[Finding] = []
    main_region = merge_region(d.main_meter_county) if d.main_meter_county else None
    for i, m in enumerate(d.merged_meters):
        path = f"merged_meters[{i}]"
        if m.reason == "same_address":
            base = d.basic.address.replace(" ", "")
            # the address up to its number and 號: "示範路1號 B1" is 示範路1號, "示範路10號" and "示範路1之1號" are not
            number = base[: base.index("號") + 1] if "號" in base else base
            if not m.address.replace(" ", "").startswith(number):
                out.append(
                    _f(
                        "declaration.merge_not_same_address",
                        "error",
                        f"{path}.address",
                        f"{m.address} is not the same address as {d.basic.address}",
                        "合併申報：同一地址多電號，地址須相同",
                    )
                )
        elif m.reason == "ev_charging":
            if not m.same_holder:
                out.append(
                    _f(
                        "declaration.merge_ev_holder",
                        "error",
                        f"{path}.same_holder",
                        "EV-charging meters merge only under the same holder name (電號戶名相同)",
                        "電動車充電設施合併申報須電號戶名相同",
                    )
                )
            if d.main_meter_county is None:
                out.append(
                    _f(
                        "declaration.merge_main_county",
                        "error",
                        "main_meter_county",
                        "give the declaring meter's county to check EV-charging merges",
                        "請填寫申報主體所在縣市",
                    )
                )
                continue
            region = merge_region(m.county)
            if region is None or region != main_region:
                out.append(
                    _f(
                        "declaration.merge_ev_region",
                        "warning",
                        f"{path}.county",
                        f"{m.county} is not in the same region as {d.main_meter_county}: eligible only if it "
                        "neighbours the declaring county (the data has no adjacency list; check by hand)",
                        "電動車充電設施合併申報應於同一區域內，或與申報主體所在地縣市相鄰",
                    )
                )
    return out


_PUE_CLASSES = {"telecom_room", "computer_room_it", "computer_room_switching"}
_COMBUSTION = {"fuel_oil", "lpg", "natural_gas", "diesel", "coal"}


def _factor_rules(d: Declaration) -> list[Finding]:
    from ..building import peak_share, tonnage_check

    e = d.efficiency_factors
    if e is None:
        return []
    out: list[Finding] = []
    for kind in ("central", "other"):
        installed = getattr(e, f"installed_{kind}").quantity
        summer = getattr(e, f"summer_max_{kind}").quantity
        if installed.m == 0:
            if summer.m > 0:
                out.append(
                    _f(
                        "declaration.tonnage",
                        "error",
                        f"efficiency_factors.summer_max_{kind}",
                        f"{summer.m:,.0f} RT ran in summer but none is installed ({kind})",
                        "空調夏季最大運轉噸數大於總裝置噸數",
                    )
                )
            continue
        for f in tonnage_check(installed, summer)[1]:
            out.append(
                _f(
                    "declaration.tonnage",
                    "error",
                    f"efficiency_factors.summer_max_{kind}",
                    f.message,
                    "空調夏季最大運轉噸數大於總裝置噸數",
                )
            )
    peak = max((el.highest_demand().m_as("kW") for el in d.electricity), default=0.0)
    if peak > 0:
        from ..units import Q_

        for field in ("lighting_power", "ac_power"):
            share = float(peak_share(getattr(e, field).quantity, Q_(peak, "kW")).m)
            if share > 1:
                out.append(
                    _f(
                        "declaration.peak_share",
                        "error",
                        f"efficiency_factors.{field}",
                        f"{field} is {share:.0%} of the highest peak demand ({peak:,g} kW): above 100 %",
                        "耗電功率占最高尖峰需量的比例超過100%",
                    )
                )
    return out


def _thermal_eui_rules(d: Declaration, ctx: _Context) -> list[Finding]:
    from ..building import compare_eui, eui
    from ..energy import to_kgoe
    from ..units import Q_

    fs = ctx.fs
    if d.previous_year_thermal is None or ctx.fuels:
        return []  # a fuel the set cannot convert is reported once, by fuel_findings
    # 表五之五 is in kgOE/m²; the bases of award-form-2015 and production-declaration-2018 define only KLOE. The rule compares two years on one
    # basis, so any basis that defines kgOE gives the same differences: the set's own, else the
    # current form's (tw-final-860, 1 kgOE = 10,000 kcal), else any other.
    with_kgoe = [k for k, b in fs.oil_equivalent_bases.items() if b.kcal_per_kgoe is not None]
    if fs.oil_equivalent_basis().kcal_per_kgoe is not None:
        basis = None
    elif with_kgoe:
        basis = "tw-final-860" if "tw-final-860" in with_kgoe else with_kgoe[0]
    else:
        return [
            _f(
                "declaration.thermal_eui_not_computable",
                "error",
                "thermal",
                f"thermal EUI (kgOE/m², 表五之五) cannot be compared: factor set {fs.id!r} defines no kcal per "
                "kgOE; pass a factor set that does (factor_set= in Python, --set ID with carbonaudit validate)",
                f"無法比較熱能 EUI：係數組 {fs.id} 未定義公斤油當量",
            )
        ]

    def monthly_kgoe(thermal: MonthlyThermal) -> Any:
        total = 0.0
        for fuel, column in thermal.fuels().items():
            total = total + to_kgoe(column.monthly(), fuel, fuel_factor_set(fs, fuel, column), basis=basis).m
        return total

    b = d.basic
    try:
        this = monthly_kgoe(d.thermal)
        last = monthly_kgoe(d.previous_year_thermal)
        if np.ndim(this) == 0 or np.ndim(last) == 0:
            return []
        eui_n = eui(Q_(this, "kgOE"), b.total_floor_area.quantity, b.indoor_parking_area.quantity)
        area_prev = (d.previous_year_floor_area or b.total_floor_area).quantity
        parking_prev = (d.previous_year_parking_area or b.indoor_parking_area).quantity
        result = compare_eui(eui_n, eui(Q_(last, "kgOE"), area_prev, parking_prev))
    except _REFUSED as exc:  # no indoor area, a quarter of N-1 at zero, a heat value the set lacks
        return [
            _f(
                "declaration.thermal_eui_not_computable",
                "error",
                "thermal",
                f"thermal EUI cannot be compared: {exc}",
                f"無法比較熱能 EUI：{exc}",
            )
        ]
    out = []
    for f in result.findings:
        label = f.path.split(".")[-1]
        if d.thermal_eui_reasons.get(label):  # type: ignore[call-overload]
            continue
        out.append(
            _f(
                "declaration.thermal_eui_difference",
                "warning",
                f"thermal_eui_reasons.{label}",
                "thermal " + f.message,
                f"表五之五 {label} 熱能 EUI 差異超過10%，應填寫差異原因及說明",
                **f.context,
            )
        )
    return out


def _building_name_rules(d: Declaration) -> list[Finding]:
    out = []
    groups = {g.name for g in d.chiller_groups}
    for i, row in enumerate(d.other_equipment):
        if row.chiller_group and row.chiller_group not in groups:
            out.append(
                _f(
                    "declaration.unknown_chiller_group",
                    "error",
                    f"other_equipment[{i}].chiller_group",
                    f"chiller group {row.chiller_group!r} is not in 表九之一 (groups: {', '.join(sorted(groups))})",
                    "冰水機群組名稱需與表九之一(一)冰水機群組列表一致",
                )
            )
    if not d.buildings:
        return out
    names = {b.name for b in d.buildings}
    for section in ("transformers", "chiller_groups", "lighting", "data_centres", "other_equipment"):
        for i, row in enumerate(getattr(d, section)):
            if row.building and row.building not in names:
                out.append(
                    _f(
                        "declaration.unknown_building",
                        "error",
                        f"{section}[{i}].building",
                        f"building {row.building!r} is not in 七 (buildings: {', '.join(sorted(names))})",
                        "建築名稱需與「七、建築資料」中的建築名稱一致",
                    )
                )
    return out


def _boiler_rules(d: Declaration) -> list[Finding]:
    from ..building import BoilerLimits, check_steam_boiler
    from ..units import Q_

    out: list[Finding] = []
    # 表九之四: running-time share = actual hours ÷ 8,760 h; no system runs more hours than the data
    # year has: 8,760, or 8,784 in a leap year (building.running_time_share, which does not know the
    # year, accepts up to 8,784 h in any year)
    year_hours = (366 if calendar.isleap(d.ad_year) else 365) * 24
    for i, row in enumerate(d.systems):
        hours = row.running_hours.quantity.m_as("h")
        if hours > year_hours:
            out.append(
                _f(
                    "declaration.running_hours",
                    "error",
                    f"systems[{i}].running_hours",
                    f"running_hours {hours:,g} h is more than the {year_hours:,} h of {d.ad_year}",
                    f"全年運轉時數 {hours:,g} 小時超過 {d.ad_year - 1911} 年之 {year_hours:,} 小時",
                    hours=hours,
                    year_hours=year_hours,
                )
            )
    checked = {c.item for c in d.steam_boiler_checks}
    for i, b in enumerate(d.boilers):
        major = b.kind == "steam" and b.type != "once_through" and b.fuel in _COMBUSTION
        if major and not b.inspection_no:
            out.append(
                _f(
                    "declaration.boiler_inspection_no",
                    "error",
                    f"boilers[{i}].inspection_no",
                    "a fuel-fired steam boiler that is not once-through needs its 構造檢查號碼",
                    "陸用之燃煤、燃油及燃氣蒸汽鍋爐(不包括貫流式)需填報構造檢查號碼",
                )
            )
        if b.kind == "steam" and b.type != "once_through" and b.item not in checked:
            out.append(
                _f(
                    "declaration.steam_boiler_check_missing",
                    "error",
                    f"boilers[{i}]",
                    f"steam boiler {b.item} is not once-through: fill its monthly self-check (表九之七)",
                    "蒸汽鍋爐且非貫流式者需填寫表九之七蒸汽鍋爐設備操作自我檢測表",
                )
            )
        if major and not d.equipment_register:
            out.append(
                _f(
                    "declaration.register_missing",
                    "error",
                    "equipment_register",
                    f"boiler {b.item} is major energy-using equipment: fill the register of 表九之五",
                    "陸用之燃煤、燃油及燃氣蒸汽鍋爐為重大使用能源設備，應填寫表九之五",
                )
            )
    for i, c in enumerate(d.steam_boiler_checks):
        if c.limit_temperature is None or c.limit_o2 is None:
            continue
        limits = BoilerLimits(c.limit_temperature.quantity, c.limit_o2)
        for f in check_steam_boiler(
            Q_(np.asarray(c.exhaust_temperature), "degC"),
            np.asarray(c.exhaust_o2),
            limits,
            name=f"steam_boiler_checks[{i}]",
        ):
            month = int(f.path.split(".")[1].split("_")[1])
            if c.reasons.get(month):
                continue
            out.append(
                _f(
                    f.code,
                    "warning",
                    f"steam_boiler_checks[{i}].reasons.{month}",
                    f.message,
                    "最末排氣溫度或排氣含氧量超過規定值，應填寫原因",
                    **f.context,
                )
            )
    return out


def _heat_balance_rules(d: Declaration, ctx: _Context) -> list[Finding]:
    from ..building import heat_balance
    from ..energy import heat

    fs = ctx.fs
    if d.balances is None or not d.balances.heat_uses or any(f.path.startswith("thermal.") for f in ctx.fuels):
        return []
    try:
        fuels = {k: heat(v.total(), k, fuel_factor_set(fs, k, v)).to("Mcal") for k, v in d.thermal.fuels().items()}
        _, by_use = heat_balance(fuels, {k: v.quantity for k, v in d.balances.heat_uses.items()})
    except _REFUSED as exc:  # no fuel heat to share out, a heat value the set lacks
        return [_f("declaration.heat_balance", "error", "balances.heat_uses", str(exc), f"熱能平衡無法計算：{exc}")]
    return [
        _f(
            "declaration.heat_balance",
            "warning",
            "balances.heat_uses",
            f.message,
            "熱能用量平衡圖各用途熱值合計不等於總熱能熱值",
            **f.context,
        )
        for f in by_use.findings
    ]


def _plan_rules(d: Declaration) -> list[Finding]:
    from ..rates import planned_saving_rate
    from ..savings import planned_use
    from ..units import Q_

    p = d.plan
    if p is None:
        return []
    out: list[Finding] = []
    for i, m in enumerate(p.measures):
        path = f"plan.measures[{i}]"
        out += _code_findings(m.code, path)
        out += recognition_findings(m.period, m.first_month, m.last_month, d.ad_year + 1, path)
    if _tables_in_error(d):
        return out  # CP needs N's electricity total: meter_table_findings says why it is not summed
    # N's actual use is the bills plus recognised renewable self-use (non-production-form-2025 表十之四 註1), which
    # "same" carries over to N+1 (表十一之四 註2) and the deductions are taken from.
    self_use = d.savings.renewable_self_use_kwh() if d.savings is not None else 0.0
    electricity = Q_(sum(e.total().m_as("kWh") for e in d.electricity) + self_use, "kWh")
    try:
        cp = planned_use(
            electricity,
            method=p.use_method,
            deductions={k: v.quantity for k, v in p.deductions.items()} if p.use_method == "deduct" else None,
            estimate=p.estimate.quantity if p.estimate is not None else None,
            note=p.estimate_note,
        ).value
    except InvalidValueError as exc:  # deductions above N's use, an estimate not given
        return [*out, _f("declaration.planned_use", "error", "plan.use_method", str(exc), f"年度用電量估算有誤：{exc}")]
    if p.use_method == "estimate" and not p.estimate_note:
        out.append(
            _f(
                "declaration.estimate_note",
                "error",
                "plan.estimate_note",
                "another estimate of N+1 use needs its method explained (估算說明)",
                "勾選其他估算方式者需說明估算方法或估算公式",
            )
        )
    sp = sum(m.planned_savings.quantity.m_as("kWh") for m in p.measures if m.energy == "electricity")
    sp += sum(q.quantity.m_as("kWh") for q in (p.demand_response, p.renewable_self_use) if q is not None)
    try:
        rp = planned_saving_rate(Q_(sp, "kWh"), cp)
    except InvalidValueError as exc:  # SP + CP = 0 (nothing planned, no use), or SP beyond 1e30
        return [*out, _not_computable("plan", "the planned saving rate RP = SP / (SP + CP)", "預計年度節電率", exc)]
    out.append(
        _f(
            "declaration.planned_saving_rate",
            "info",
            "plan",
            f"planned saving rate RP = SP / (SP + CP) = {sp:,.0f} / ({sp:,.0f} + {cp.m:,.0f}) = {rp.m:.2%}",
            f"預計年度節電率 RP = {rp.m:.2%}",
            rate=float(rp.m),
        )
    )
    return out


def validate(declaration: Declaration, factor_set: FactorSet | str | None = None) -> Findings:
    """Check a declaration against the rules the documents state (non-production-form-2025, production-declaration-2018).

    Parameters
    ----------
    declaration : Declaration
        A declaration read with :meth:`Declaration.from_yaml` or :meth:`Declaration.from_json`
        (structure already validated by pydantic).
    factor_set : FactorSet or str, optional
        The factor set the fuels convert with (heat values, densities, oil-equivalent basis) for
        the thermal EUI, the heat balance and the summary: a set (e.g. one made with
        ``factors.load().with_overrides(densities=...)``) or a shipped set's id (the command
        line's ``carbonaudit validate --set ID``); default: the set of the declaration's data
        year (:func:`carbonaudit.factors.for_year`: ``tw-2025`` for 114年).

    Returns
    -------
    Findings
        A list of :class:`~carbonaudit.errors.Finding` with a table view in notebooks.
        In form order: 一/二 preparer and managers, 三 basic data and meters (each meter once,
        one 表五之二 table per meter, no table for another meter: ``declaration.duplicate_*``,
        ``declaration.unknown_*``, ``declaration.meter_table_missing``), 四 organisation and
        policy, 五 fuels the factor set cannot convert (``declaration.fuel_not_convertible``),
        EUI and efficiency factors, 六 balances, 七 buildings, 八/九 equipment and boilers, 附錄二
        merged meters, 十 measures and the saving rate, 十一 the plan. A figure an engine refuses
        to compute from the declared values (a factor the set lacks, zero use to share out or to
        compare against, sums beyond 1e30) is an error finding with the engine's reason: the
        rule's own code (``declaration.eui_not_computable``, ``declaration.saving_rate`` ...) or
        ``declaration.not_computable``; its advice is what to put in the declaration or which
        argument to pass, never another call. Only such refusals become findings: an error of a
        rule itself propagates, never hidden in a finding.

    Raises
    ------
    DeclarationError
        If *declaration* is not a :class:`Declaration`: a path, a dict or a
        :class:`ProductionDeclaration`; the message says what to call instead
        (``validate(load(path))``, ``validate_production(d)``).
    FactorNotFoundError
        If *factor_set* is neither a FactorSet nor the id of a shipped set, or is None and the
        data year is newer than every shipped set (the message says how to pass
        ``factor_set=factors.for_year(year, provisional=True)``).

    Examples
    --------
    >>> from carbonaudit.declaration import Declaration, validate
    >>> d = Declaration.from_yaml("examples/office_declaration.yaml")
    >>> [f.code for f in validate(d) if f.severity == "error"]
    []
    """
    from .._convert import resolve_set

    if not isinstance(declaration, Declaration):
        raise _not_a_declaration(declaration, "validate")
    ctx = _Context(resolve_set(factor_set, declaration.ad_year), [])  # default: the set of the data year
    ctx.fuels.extend(fuel_findings(declaration, ctx.fs))

    def with_set(rule: Callable[[Declaration, _Context], list[Finding]]) -> Callable[[Declaration], list[Finding]]:
        def run(d: Declaration) -> list[Finding]:
            return rule(d, ctx)

        run.__name__ = rule.__name__
        return run

    def _fuel_rules(d: Declaration) -> list[Finding]:
        return ctx.fuels

    rules: tuple[Callable[[Declaration], list[Finding]], ...] = (
        _capacity_rules,
        _preparer_rules,
        _basic_rules,
        meter_table_findings,
        _identity_rules,
        _organisation_rules,
        _policy_rules,
        _fuel_rules,
        _eui_rules,
        with_set(_thermal_eui_rules),
        _factor_rules,
        _balance_rules,
        with_set(_heat_balance_rules),
        _building_name_rules,
        _equipment_rules,
        _boiler_rules,
        _merge_rules,
        _measure_rules,
        _savings_total_rules,
        with_set(_rate_rules),
        _plan_rules,
    )
    out: list[Finding] = []
    for rule in rules:
        out.extend(rule(declaration))
    return Findings(out)
