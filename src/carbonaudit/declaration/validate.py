"""Cross-table rules of the non-production declaration (seed 003; ../shared/domain.md §7).

:func:`validate` returns :class:`~carbonaudit.errors.Finding` objects with a stable code, a
severity, the path of the field and a message in English and Traditional Chinese. Structural
errors (a wrong type, a missing field, an unknown unit) are pydantic ``ValidationError`` at load.
"""

from __future__ import annotations

from typing import Any

from ..errors import CarbonAuditError, Finding
from .models import Declaration

__all__ = ["validate"]

_SCALE_CLASSES = {"school": "教室間數", "hospital": "病床數", "hotel": "房間數"}


def _f(code: str, severity: Any, path: str, en: str, zh: str, **context: Any) -> Finding:
    return Finding(code, severity, path, en, context, zh)


def _capacity_rules(d: Declaration) -> list[Finding]:
    from ..factors import rules

    lim = rules()
    cap = d.basic.contract_capacity.m_as("kW")
    regulated = lim.limit("regulated_contract_capacity").quantity.m_as("kW")
    two = lim.limit("two_managers_contract_capacity").quantity.m_as("kW")
    out: list[Finding] = []
    active = [m for m in d.managers if m.active]
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

    if not d.previous_year_electricity:
        return []
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
    except CarbonAuditError as exc:
        return [
            _f(
                "declaration.eui_not_computable",
                "error",
                "electricity",
                f"EUI cannot be computed: {exc}",
                f"無法計算 EUI：{exc}",
            )
        ]
    return [
        _f(
            f.code,
            f.severity,
            f"electricity.eui.{f.path.split('.')[-1]}",
            f.message,
            f"表五之四 {f.path.split('.')[-1]} EUI 差異 {f.context['difference']:+.1%}，超過10%，應填寫差異原因及說明",
            **f.context,
        )
        for f in result.findings
    ]


def _measure_rules(d: Declaration) -> list[Finding]:
    from ..measure_codes import lookup
    from ..periods import YearMonthRange

    if d.savings is None:
        return []
    out: list[Finding] = []
    for i, m in enumerate(d.savings.measures):
        path = f"savings.measures[{i}]"
        try:
            lookup(m.code)
        except CarbonAuditError as exc:
            out.append(
                _f(
                    "declaration.measure_code",
                    "error",
                    f"{path}.code",
                    str(exc),
                    f"節約能源措施代碼 {m.code} 不在附錄一",
                )
            )
        end = YearMonthRange.parse(m.period).end
        start = end.add_months(1)
        last = start.add_months(11)
        if start.year > d.ad_year or last.year < d.ad_year:
            out.append(
                _f(
                    "declaration.recognition_year",
                    "error",
                    f"{path}.period",
                    f"completed {end.roc_str()}: its recognition {start.roc_str()}~{last.roc_str()} does not "
                    f"reach year {d.year}",
                    f"執行計畫期間 {m.period} 之節能量認列期間不在申報年度",
                )
            )
            continue
        first_expected = start.month if start.year == d.ad_year else 1
        last_expected = last.month if last.year == d.ad_year else 12
        if (m.first_month, m.last_month) != (first_expected, last_expected):
            out.append(
                _f(
                    "declaration.recognition_months",
                    "error",
                    f"{path}.first_month",
                    f"completed {end.roc_str()}: savings count {first_expected}~{last_expected} in {d.year}, "
                    f"declared {m.first_month}~{m.last_month}",
                    f"執行計畫期間 {m.period}，效益計算期間應為 {first_expected}~{last_expected} 月",
                )
            )
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


def _rate_rules(d: Declaration) -> list[Finding]:
    from ..rates import annual_saving_rate, meets_target
    from ..units import Q_

    s = d.savings
    if s is None:
        return []
    saved = sum(m.declared_savings.quantity.m_as("kWh") for m in s.measures if m.energy == "electricity")
    if s.demand_response is not None:
        saved += s.demand_response.quantity.m_as("kWh")
    self_use = 0.0
    if s.renewable_generated is not None:
        sold = s.renewable_sold.quantity.m_as("kWh") if s.renewable_sold is not None else 0.0
        self_use = s.renewable_generated.quantity.m_as("kWh") - sold
        if self_use < 0:
            return [
                _f(
                    "declaration.renewable_sold",
                    "error",
                    "savings.renewable_sold",
                    "more renewable electricity sold than generated",
                    "回售台電電量大於年發電量",
                )
            ]
    saved += self_use
    use = sum(e.total().m_as("kWh") for e in d.electricity) + self_use
    deductions = sum(q.quantity.m_as("kWh") for q in s.deductions.values())
    try:
        rate = annual_saving_rate(Q_(saved, "kWh"), Q_(use, "kWh"), Q_(deductions, "kWh"))
        finding = meets_target(rate, year=d.ad_year, contract_capacity=d.basic.contract_capacity)
    except CarbonAuditError as exc:
        return [
            _f(
                "declaration.saving_rate",
                "error",
                "savings",
                f"the saving rate cannot be computed: {exc}",
                f"無法計算年度節電率：{exc}",
            )
        ]
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
                    f"since {first}, which needs the earlier years (rates.average_saving_rate)",
                    f"年度節電率 {rate.m:.2%}；節電目標以 {first} 年起之平均年節電率判定",
                    rate=float(rate.m),
                    rule=rule_id,
                )
            ]
    zh = {"rates.target_met": "達成", "rates.target_missed": "未達"}.get(finding.code, "")
    return [
        _f(
            finding.code,
            finding.severity,
            "savings",
            f"the year's saving rate R = {rate.m:.2%}: " + finding.message,
            f"年度節電率 {rate.m:.2%}，{zh}節電目標" if zh else finding.message,
            **{**finding.context, "rate": float(rate.m)},
        )
    ]


def validate(declaration: Declaration) -> list[Finding]:
    """Check a declaration against the rules the documents state (seed 003, seed 002; domain.md §7).

    Parameters
    ----------
    declaration : Declaration

    Returns
    -------
    list of Finding
        In form order: 一/二 managers, 三 basic data, 四 organisation and policy, 五 EUI, 十
        measures and the saving rate.

    Examples
    --------
    >>> from carbonaudit.declaration import Declaration, validate
    >>> d = Declaration.from_yaml("examples/office_declaration.yaml")
    >>> [f.code for f in validate(d) if f.severity == "error"]
    []
    """
    return [
        *_capacity_rules(declaration),
        *_basic_rules(declaration),
        *_organisation_rules(declaration),
        *_policy_rules(declaration),
        *_eui_rules(declaration),
        *_measure_rules(declaration),
        *_rate_rules(declaration),
    ]
