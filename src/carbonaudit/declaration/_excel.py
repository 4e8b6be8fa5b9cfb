"""Declarations in and out of Excel workbooks (private): the layout, the writer and the reader.

One sheet per table of the form (non-production-form-2025 附表三 一 … 十一 and 附錄二; the production
form production-declaration-2018 表六之一 … 表十之一). Row 1 holds the form's Chinese header with its
unit, row 2 the English field key the reader matches on; data start in row 3. A table is one row per
meter, month, equipment or measure; a section of single fields (basic data, policy ...) is a
field/value sheet of four columns: field key, 中文, value, unit. An amount (``{value, unit}``) is a value
column and a unit column. Totals, averages and EUIs are derived and not written.

Every field of every model reachable from :class:`Declaration` and :class:`ProductionDeclaration` has
a place (a test walks the models and checks it). Numbers are written with every digit
(``repr``), so a float64 round-trips exactly; an empty text is a text cell holding ``""``, an absent
value an empty cell.

openpyxl reads and xlsxwriter writes; both are imported at call time only.
"""

from __future__ import annotations

import functools
import os
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import BaseModel, ValidationError

from .._types import Amount
from .._xlsx import exact, text_problem
from ..errors import DataFileError, DeclarationError

Form = Literal["non-production", "production"]

_MAX_EXACT_INT = 2**53
"""Excel holds every number as a float64: a whole number above this is not kept exactly."""

LIST_SHEET = "選項"
"""The sheet of the template's drop-down lists (measure codes ...): not read as declaration data."""


class _Idx(int):
    """A list position in a path (``electricity[0]``), told apart from an int dict key (a month)."""

    __slots__ = ()


class _Month:
    """The month placeholder of a column path: list position month-1, or the int key month (``reasons``)."""

    def __init__(self, as_key: bool = False) -> None:
        self.as_key = as_key

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "M"


M = _Month()
MK = _Month(as_key=True)
Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class _Col:
    """One value column of a table (or one row of a field/value sheet)."""

    key: str
    zh: str
    path: Path_


@dataclass(frozen=True)
class _KeyCol:
    """A column that places a row: period (N, N-1), 項次, fuel, tier, month or a dict key."""

    key: str
    zh: str
    kind: str  # "period", "no", "month", "choice", "text"
    choices: tuple[str, ...] = ()


@dataclass
class _Sheet:
    """A sheet of the layout: its name, the table it is, its key columns and value columns.

    ``rows(data)`` yields, for a declaration dumped to Python data, each row's key values and the
    path its value columns are relative to; ``base(keys)`` is the inverse. ``canonical`` are the
    base paths for the completeness check (``[]`` a list item, ``{}`` a dict key). A field sheet
    (``fields=True``) has absolute column paths, one row each.
    """

    name: str
    table: str
    cols: tuple[_Col, ...]
    keys: tuple[_KeyCol, ...] = ()
    rows: Callable[[dict[str, Any]], Iterator[tuple[tuple[Any, ...], Path_]]] | None = None
    base: Callable[[tuple[Any, ...]], Path_] | None = None
    canonical: tuple[Path_, ...] = ((),)
    fields: bool = False
    present: tuple[Path_, ...] = ()  # optional sections whose presence a field row says
    init: tuple[tuple[Path_, Any], ...] = ()  # containers set (empty) when the sheet is read
    months: int = 0  # month rows per parent (12), 0: not a month table
    parent_units: dict[str, str] = field(default_factory=dict)


# -- Chinese headers ------------------------------------------------------------------------------

_ZH: dict[str, str] = {
    "form": "申報表格式",
    "era": "紀年 (ROC 民國 / AD 西元)",
    "year": "資料年 N",
    "preparer_registered": "填表人員已完成技師或能管員設置登記 (TRUE/FALSE)",
    "name": "姓名/名稱",
    "title": "單位/職稱",
    "email": "電子郵件",
    "phone": "電話",
    "reason": "原因說明",
    "registration_no": "設置登記核准編號",
    "registered_on.era": "登記日期 紀年",
    "registered_on.year": "登記日期 年",
    "registered_on.month": "登記日期 月",
    "registered_on.day": "登記日期 日",
    "in_house": "自置 (TRUE/FALSE)",
    "active": "是否仍執行能源管理業務 (TRUE/FALSE)",
    "user_id": "能源用戶編號",
    "user_name": "能源用戶名稱",
    "company_name": "總公司名稱",
    "user_class": "用戶分類",
    "industry": "行業編號及分類",
    "address": "能源使用地址",
    "business_scale": "營業規模 (間、床、房)",
    "employees": "員工人數 (人)",
    "annual_working_hours": "全年工作時數 (小時)",
    "total_floor_area": "總樓地板面積 (平方公尺)",
    "air_conditioned_area": "總空調使用面積 (平方公尺)",
    "indoor_parking_area": "總室內停車場面積 (平方公尺)",
    "energy_cost": "總能源費用 (元)",
    "rental_rate": "出租率 (0-1)",
    "sme": "是否為中小企業 (TRUE/FALSE)",
    "public_body": "公務機關、國防組織、管理委員會 (TRUE/FALSE)",
    "paid_in_capital": "總公司實收資本額 (元)",
    "regular_employees": "總公司經常僱用員工數 (人)",
    "number": "電號/編號",
    "contract_capacity": "經常契約容量 (瓩)",
    "semi_peak_capacity": "半尖峰/非夏月契約容量 (瓩)",
    "saturday_capacity": "週六半尖峰契約容量 (瓩)",
    "off_peak_capacity": "離峰契約容量 (瓩)",
    "standby_capacity": "備用契約容量 (瓩)",
    "tier": "類別 (management 管理 / promotion 推行 / execution 執行)",
    "duties": "實際年度工作內容",
    "iso50001": "1. 通過 ISO/CNS 50001 驗證 (TRUE/FALSE)",
    "certifier": "驗證機構名稱",
    "valid_until.era": "證書有效期限 紀年",
    "valid_until.year": "證書有效期限 年",
    "valid_until.month": "證書有效期限 月",
    "valid_until.day": "證書有效期限 日",
    "policy_statement": "2. 對外發布能源政策聲明 (TRUE/FALSE)",
    "management_review": "3. 定期檢討節約能源推動成效 (TRUE/FALSE)",
    "efficient_procurement": "4. 優先採購能源效率較高設備 (TRUE/FALSE)",
    "suggestions_channel": "5. 回應員工或供應商節能建議 (TRUE/FALSE)",
    "monitoring": "6. 監測且蒐集使用能源設備之運轉情形 (TRUE/FALSE)",
    "period": "年度 (N / N-1)",
    "fuel": "燃料 (fuel_oil 燃料油, lpg 液化石油氣, natural_gas 天然氣, gasoline 汽油, diesel 柴油)",
    "unit": "單位 (公秉、公升、公斤、立方公尺 ...)",
    "supplier": "供應商名稱",
    "grade": "天然氣等級 (NG1/NG2)",
    "density": "密度 (公斤/公升)",
    "month": "月份 (1-12)",
    "use": "使用量 (單位見燃料表)",
    "cost": "總價 (含稅) (元)",
    "no": "項次",
    "meter": "電號",
    "energy_unit": "用電度數單位 (度 kWh)",
    "demand_unit": "需量單位 (瓩 kW)",
    "peak": "尖峰用電度數 (度)",
    "semi_peak": "半尖峰/非夏月用電度數 (度)",
    "saturday_semi_peak": "週六半尖峰用電度數 (度)",
    "off_peak": "離峰用電度數 (度)",
    "wheeled": "轉供度數 (度)",
    "max_demand": "最高需量 (尖峰) (瓩)",
    "power_factor": "功因 (0-1)",
    "previous_year_floor_area": "N-1年總樓地板面積 (平方公尺)",
    "previous_year_parking_area": "N-1年總室內停車場面積 (平方公尺)",
    "previous_year_thermal": "N-1年熱能使用量已填 (TRUE/FALSE)",
    "lighting_power": "照明耗電功率 (瓩)",
    "ac_power": "空調耗電功率 (瓩)",
    "installed_central": "空調總裝置噸數 中央空調系統 (美制冷凍噸)",
    "installed_other": "空調總裝置噸數 其他型式 (美制冷凍噸)",
    "summer_max_central": "空調夏季最大運轉噸數 中央空調系統 (美制冷凍噸)",
    "summer_max_other": "空調夏季最大運轉噸數 其他型式 (美制冷凍噸)",
    "balances": "六、能源流程分析已填 (TRUE/FALSE)",
    "built_year_roc": "建造年份 (民國年)",
    "floors_below": "地下樓層",
    "floors_above": "地上樓層",
    "floor_area": "建築總樓地板面積 (平方公尺)",
    "roof": "屋頂構造",
    "entrance": "建築入口大門方位",
    "building": "建築名稱",
    "capacity": "容量",
    "secondary_voltage": "二次側實際電壓 (伏特)",
    "max_load_current": "二次側最大負載電流 (安培)",
    "declared_load_rate": "負載率 (0-1)",
    "kwh": "月耗電量 (kWh)",
    "rth": "冰水機群組系統負荷 (RTh)",
    "not_running": "整月未開主機 (TRUE/FALSE)",
    "declared_kw_per_rt": "效率值 (kW/RT)",
    "kind": "種類",
    "area": "裝設區域",
    "power_per_fixture": "燈具電功率值 (瓦/具)",
    "fixtures": "現有數量 (具)",
    "hours": "運轉時數 (小時/年)",
    "chiller_group": "冰水機群組名稱",
    "system": "系統名稱",
    "brand": "廠牌",
    "type": "型式",
    "variable_frequency": "有無變頻控制 (TRUE/FALSE)",
    "regenerative": "有無裝設電力回生裝置 (TRUE/FALSE)",
    "power": "設備電功率 (瓩)",
    "year_roc": "製造年份 (民國年)",
    "motor_efficiency_class": "馬達效率標準 (IE1-IE4)",
    "units": "現有數量 (台)",
    "energy": "使用能源種類",
    "utilisation": "系統設備利用率 (0-1)",
    "running_hours": "全年實際運轉時數 (小時)",
    "equipment": "設備名稱",
    "operation": "操作管理現況 (standard 依標準程序 / experience 依經驗)",
    "maintenance": "實施設備維護現況 (regular 定期 / irregular 不定期)",
    "item": "鍋爐項次",
    "inspection_no": "構造檢查號碼",
    "annual_use": "年度能源使用量",
    "status": "操作狀態",
    "limit_temperature": "最末排氣溫度規定值 (°C)",
    "limit_o2": "排氣含氧量規定值 (0-1)",
    "exhaust_temperature": "最末排氣溫度 (°C)",
    "exhaust_o2": "排氣含氧量 (0-1)",
    "floor": "樓層",
    "infrastructure": "資料中心基礎設施全年電力使用量 (a)",
    "it": "資訊設備全年電力使用量 (b)",
    "metering_point": "資訊設備電力量測位置",
    "declared_pue": "PUE 值",
    "code": "節約能源措施代碼",
    "first_month": "效益計算期間 起月",
    "last_month": "效益計算期間 迄月",
    "annual_savings": "全年節約能源量",
    "declared_savings": "節約能源量 (N年)",
    "planned_savings": "預估節約能源量 (N+1年)",
    "saving_amount": "節約金額",
    "investment": "投資金額",
    "programme": "措施代號 (a)-(o)",
    "reduction": "實際抑低量 (瓩)",
    "installed_on.era": "設置時間 紀年",
    "installed_on.year": "設置時間 年",
    "installed_on.month": "設置時間 月",
    "installed_on.day": "設置時間 日",
    "generated": "年發電量 (度)",
    "sold": "回售台電電量 (度)",
    "savings": "十、節約能源目標及執行計畫達成情形已填 (TRUE/FALSE)",
    "demand_response": "需量反應認列節電量合計 (度)",
    "renewable_generated": "再生能源總發電量 (度)",
    "renewable_sold": "再生能源回售台電總度數 (度)",
    "renewable_self_use": "再生能源自發自用認列節電量 (度)",
    "use_method": "年度用電量估算 (same 沿用 / deduct 扣除 / estimate 其他估算)",
    "estimate": "估算值 (度)",
    "estimate_note": "估算說明",
    "main_meter_county": "主申報電號所在縣市",
    "address_merged": "能源使用地址",
    "county": "縣市",
    "same_holder": "電號戶名相同 (TRUE/FALSE)",
    "group": "設備群組",
    "heat_value": "熱值",
    "category": "設備類別",
    "process": "製程設備 (TRUE/FALSE)",
    "standby": "備用 (TRUE/FALSE)",
    "motor_hp": "馬力 (HP)",
    "year_ad": "製造年份 (西元)",
    "standby_units": "備用數量 (台)",
    "source": "節約能源措施來源 (current_year 當年度 / cross_year 跨年度)",
    "electricity": "節電量 (度)",
    "output": "產量 (N年)",
    "output_last_year": "產量 (N-1年)",
    "kwh_per_unit": "單位產品用電 (N年) (度/單位)",
    "kwh_per_unit_last_year": "單位產品用電 (N-1年) (度/單位)",
}

_DICT_ZH = {
    "eui_reasons": "表五之四 差異原因",
    "thermal_eui_reasons": "表五之五 差異原因",
    "reasons": "差異原因",
    "balances.electricity": "電能用量",
    "balances.heat_uses": "熱能使用 (百萬卡)",
    "plan.deductions": "N+1年扣除用電量",
}


def _zh(key: str) -> str:
    """The Chinese header of a column key (``contract_capacity.value`` → ``經常契約容量 (瓩)``)."""
    if key in _ZH:
        return _ZH[key]
    head, _, tail = key.rpartition(".")
    if tail == "value" and head in _ZH:
        return _ZH[head]
    if tail == "unit" and head:
        return f"{_ZH.get(head, head)} 單位"
    for prefix, zh in _DICT_ZH.items():
        if key.startswith(prefix + "."):
            rest = key[len(prefix) + 1 :]
            return f"{zh} {rest}"
    leaf = key.rsplit(".", 1)[-1]
    if leaf in _ZH:
        return _ZH[leaf]
    return key


# -- building the layout from the models -----------------------------------------------------------


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """*tp* without Annotated and Optional, and whether it was Optional."""
    optional = False
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(tp))
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp, optional
        else:
            return tp, optional


@functools.lru_cache(maxsize=4096)
def _leaf_type(model: type[BaseModel], path: Path_) -> Any:
    """The type at *path* below *model* (a str, int, float, bool or Literal), unwrapped.

    Kept per (model, path): a workbook asks it for every cell, and it depends only on the model's
    annotations (a list position or dict key in *path* does not change it).
    """
    tp: Any = model
    for part in path:
        tp, _ = _unwrap(tp)
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            tp = tp.model_fields[part].annotation
        elif origin is list:
            tp = typing.get_args(tp)[0]
        elif origin is dict:
            tp = typing.get_args(tp)[1]
        else:  # pragma: no cover - a layout error, caught by the tests
            raise KeyError(f"{path!r}: {part!r} below {tp!r}")
    return _unwrap(tp)[0]


def _is_flat(tp: Any) -> bool:
    """Whether *tp* is a small model written as columns of its own (an Amount, a FormDate): scalar fields only."""
    if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return False
    for info in tp.model_fields.values():
        sub, _ = _unwrap(info.annotation)
        if typing.get_origin(sub) in (list, dict) or (isinstance(sub, type) and issubclass(sub, BaseModel)):
            return False
    return True


def _class_at(model: type[BaseModel], path: Path_) -> Any:
    """The model class at *path* below *model* (lists and Optional unwrapped): the layout reads the models' own fields."""
    tp: Any = model
    for part in path:
        tp = _unwrap(tp)[0].model_fields[part].annotation
        tp = _unwrap(tp)[0]
        while typing.get_origin(tp) in (list, dict):
            tp = _unwrap(typing.get_args(tp)[-1])[0]
    return tp


def _form(model: type[BaseModel]) -> Form:
    """The form of a declaration model, from its ``form`` field's default."""
    return "production" if model.model_fields["form"].default == "production-107" else "non-production"


def _flat(model: type[BaseModel], prefix: str = "") -> list[tuple[str, Path_]]:
    """The columns of a row model: each scalar field; an Amount as value and unit; a FormDate as four."""
    out: list[tuple[str, Path_]] = []
    for name, info in model.model_fields.items():
        tp, _ = _unwrap(info.annotation)
        key = f"{prefix}{name}"
        if isinstance(tp, type) and _is_flat(tp):
            out += [(f"{key}.{sub}", (name, sub)) for sub in typing.cast("type[BaseModel]", tp).model_fields]
        elif isinstance(tp, type) and issubclass(tp, BaseModel):  # pragma: no cover - not in a row model
            raise TypeError(f"{model.__name__}.{name}: nested model in a row")
        elif typing.get_origin(tp) in (list, dict):
            continue  # placed by the layout (a month table, a field row per key)
        else:
            out.append((key, (name,)))
    return out


def _cols(pairs: list[tuple[str, Path_]]) -> tuple[_Col, ...]:
    return tuple(_Col(key, _zh(key), path) for key, path in pairs)


def _field_rows(model: type[BaseModel], at: Path_, skip: tuple[str, ...] = ()) -> list[tuple[str, Path_]]:
    """Field/value rows of a section model at *at*: each scalar, amount and date; Literal-keyed dicts by key."""
    out: list[tuple[str, Path_]] = []
    dotted = ".".join(map(str, at))
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        tp, _ = _unwrap(info.annotation)
        key = f"{dotted}.{name}" if dotted else name
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and _is_flat(tp):
            out += [(f"{key}.{sub}", (*at, name, sub)) for sub in typing.cast("type[BaseModel]", tp).model_fields]
        elif origin is dict:
            k_tp, v_tp = typing.get_args(tp)
            k_tp = _unwrap(k_tp)[0]
            if typing.get_origin(k_tp) is not Literal:
                continue  # free keys: a table of their own
            v = _unwrap(v_tp)[0]
            for k in typing.get_args(k_tp):
                if isinstance(v, type) and issubclass(v, Amount):
                    out += [(f"{key}.{k}.{sub}", (*at, name, k, sub)) for sub in ("value", "unit")]
                else:
                    out.append((f"{key}.{k}", (*at, name, k)))
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            continue  # a section of its own
        elif origin is list:
            continue
        else:
            out.append((key, (*at, name)))
    return out


def _list_rows(list_path: Path_) -> Callable[[dict[str, Any]], Iterator[tuple[tuple[Any, ...], Path_]]]:
    def rows(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], Path_]]:
        for i, _ in enumerate(_get(data, list_path) or []):
            yield (), (*list_path, _Idx(i))

    return rows


def _field_sheet(name: str, table: str, pairs: list[tuple[str, Path_]], present: tuple[Path_, ...] = ()) -> _Sheet:
    cols = [_Col(".".join(map(str, p)), _field_label(".".join(map(str, p))), p) for p in present]
    cols += [_Col(k, _field_label(k), p) for k, p in pairs]
    return _Sheet(name, table, tuple(cols), fields=True, present=present)


def _field_label(key: str) -> str:
    """The 中文 label of a field row (``basic.total_floor_area.value`` → ``總樓地板面積 (平方公尺)``)."""
    if key in _ZH:
        return _ZH[key]
    bare = key[: -len(".value")] if key.endswith(".value") else key
    for prefix, zh in _DICT_ZH.items():
        if bare.startswith(prefix + "."):
            return f"{zh} {bare[len(prefix) + 1 :]}"
    head, _, rest = key.partition(".")
    if head in _SECTIONS and rest:
        return _zh(rest)
    return _zh(key)


_SECTIONS = ("basic", "policy", "efficiency_factors", "preparer", "plan", "savings", "balances", "energy")


def _list_sheet(name: str, table: str, list_path: Path_, model: type[BaseModel]) -> _Sheet:
    return _Sheet(
        name,
        table,
        _cols(_flat(model)),
        rows=_list_rows(list_path),
        canonical=((*list_path, "[]"),),
        init=((list_path, []),),
    )


_PERIOD = _KeyCol("period", _ZH["period"], "choice", ("N", "N-1"))
_NO = _KeyCol("no", _ZH["no"], "no")
_MONTH = _KeyCol("month", _ZH["month"], "month")
_FUELS = ("fuel_oil", "lpg", "natural_gas", "gasoline", "diesel")


def _numbered(
    list_paths: dict[str, Path_] | Path_, *, months: bool
) -> tuple[Callable[[dict[str, Any]], Iterator[tuple[tuple[Any, ...], Path_]]], Callable[[tuple[Any, ...]], Path_]]:
    """rows/base of a parent table keyed by (period,) 項次 (and a month table below it)."""
    by_period = list_paths if isinstance(list_paths, dict) else None

    def rows(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], Path_]]:
        sources: list[tuple[str | None, Path_]] = (
            list(by_period.items()) if by_period is not None else [(None, typing.cast(Path_, list_paths))]
        )
        for period, lp in sources:
            for i, item in enumerate(_get(data, lp) or []):
                head = (period, i + 1) if period is not None else (i + 1,)
                if not months:
                    yield head, (*lp, _Idx(i))
                    continue
                for m in range(_month_count(item)):
                    yield (*head, m + 1), (*lp, _Idx(i))

    def base(keys: tuple[Any, ...]) -> Path_:
        if by_period is not None:
            return (*by_period[keys[0]], _Idx(keys[1] - 1))
        assert not isinstance(list_paths, dict)
        return (*list_paths, _Idx(keys[0] - 1))

    return rows, base


def _month_count(item: Any) -> int:
    """Month rows of a parent: the length of its month list(s) (12 on the forms; chillers may have none)."""
    if isinstance(item, dict):
        if "months" in item:
            return len(item["months"] or [])
        for key in ("use", "exhaust_temperature", "output"):
            if key in item:
                return len(item[key] or [])
    return 12


def _non_production(model: type[BaseModel]) -> list[_Sheet]:
    def c(*path: str) -> Any:
        return _class_at(model, path)

    BasicData, Boiler, Building = c("basic"), c("boilers"), c("buildings")
    DataCentreEntry, DemandResponseRow = c("data_centres"), c("savings", "demand_response_rows")
    EfficiencyFactors, EnergyManager, ExecutedMeasure = c("efficiency_factors"), c("managers"), c("savings", "measures")
    LightingRow, MergedMeter, Meter = c("lighting"), c("merged_meters"), c("basic", "meters")
    OtherEquipmentRow, PlannedMeasure, PlanSection = c("other_equipment"), c("plan", "measures"), c("plan")
    Policy, Preparer, RegisterRow = c("policy"), c("preparer"), c("equipment_register")
    RenewableRow, SavingsSection, SystemRow = c("savings", "renewables"), c("savings"), c("systems")
    Transformer, Balances, ChillerGroup = c("transformers"), c("balances"), c("chiller_groups")
    ChillerMonth, ElectricityMonth = c("chiller_groups", "months"), c("electricity", "months")
    SteamBoilerCheck = c("steam_boiler_checks")

    t = "non-production-form-2025 "
    sheets: list[_Sheet] = []
    head = [
        ("form", ("form",)),
        ("era", ("era",)),
        ("year", ("year",)),
        ("preparer_registered", ("preparer_registered",)),
    ]
    head += _field_rows(Preparer, ("preparer",))
    sheets.append(_field_sheet("一、填表人員", t + "一", head))
    sheets.append(
        _Sheet(
            "一、未設置能管員原因",
            t + "一 (否) 未設置能源管理員原因說明",
            (_Col("reason", _ZH["reason"], ()),),
            rows=_list_rows(("no_manager_reasons",)),
            canonical=(("no_manager_reasons", "[]"),),
            init=((("no_manager_reasons",), []),),
        )
    )
    sheets.append(_list_sheet("二、技師或能管員", t + "一、二", ("managers",), EnergyManager))
    sheets.append(_field_sheet("三、基本資料", t + "三", _field_rows(BasicData, ("basic",))))
    sheets.append(_list_sheet("三、電號資料", t + "三 電號資料", ("basic", "meters"), Meter))

    tiers = ("management", "promotion", "execution")

    def tier_rows(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], Path_]]:
        org = data.get("organisation") or {}
        for tier in tiers:
            for i, _ in enumerate(org.get(tier) or []):
                yield (tier,), ("organisation", tier, _Idx(i))

    sheets.append(
        _Sheet(
            "表四之一",
            t + "表四之一",
            _cols([("name", ("name",)), ("title", ("title",)), ("duties", ("duties",))]),
            keys=(_KeyCol("tier", _ZH["tier"], "choice", tiers),),
            rows=tier_rows,
            base=None,  # order within a tier: the reader counts
            canonical=tuple(("organisation", tier, "[]") for tier in tiers),
            init=tuple((("organisation", tier), []) for tier in tiers),
        )
    )
    sheets.append(_field_sheet("表四之二", t + "表四之二", _field_rows(Policy, ("policy",))))

    thermal = {"N": ("thermal",), "N-1": ("previous_year_thermal",)}

    def fuel_rows(months: bool) -> Callable[[dict[str, Any]], Iterator[tuple[tuple[Any, ...], Path_]]]:
        def rows(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], Path_]]:
            for period, lp in thermal.items():
                section = _get(data, lp) or {}
                for fuel in _FUELS:
                    column = section.get(fuel)
                    if column is None:
                        continue
                    if not months:
                        yield (period, fuel), (*lp, fuel)
                    else:
                        for m in range(len(column["use"])):
                            yield (period, fuel, m + 1), (*lp, fuel)

        return rows

    fuel_key = _KeyCol("fuel", _ZH["fuel"], "choice", _FUELS)
    canonical_fuels = tuple((*lp, f) for lp in thermal.values() for f in _FUELS)
    sheets.append(
        _Sheet(
            "表五之一 燃料",
            t + "表五之一 (燃料、單位、供應商)",
            _cols(
                [
                    ("unit", ("unit",)),
                    ("supplier", ("supplier",)),
                    ("grade", ("grade",)),
                    ("density.value", ("density", "value")),
                    ("density.unit", ("density", "unit")),
                ]
            ),
            keys=(_PERIOD, fuel_key),
            rows=fuel_rows(False),
            base=lambda k: (*thermal[k[0]], k[1]),
            canonical=canonical_fuels,
        )
    )
    sheets.append(
        _Sheet(
            "表五之一",
            t + "表五之一",
            _cols([("use", ("use", M)), ("cost", ("cost", M))]),
            keys=(_PERIOD, fuel_key, _MONTH),
            rows=fuel_rows(True),
            base=lambda k: (*thermal[k[0]], k[1]),
            canonical=canonical_fuels,
            months=12,
        )
    )
    elec = {"N": ("electricity",), "N-1": ("previous_year_electricity",)}
    rows, base = _numbered(elec, months=False)
    sheets.append(
        _Sheet(
            "表五之二 電號",
            t + "表五之二 (電號)",
            _cols([("meter", ("meter",)), ("energy_unit", ("energy_unit",)), ("demand_unit", ("demand_unit",))]),
            keys=(_PERIOD, _NO),
            rows=rows,
            base=base,
            canonical=(("electricity", "[]"), ("previous_year_electricity", "[]")),
            init=((("electricity",), []), (("previous_year_electricity",), [])),
        )
    )
    rows, base = _numbered(elec, months=True)
    sheets.append(
        _Sheet(
            "表五之二",
            t + "表五之二",
            _cols([(k, ("months", M, *p)) for k, p in _flat(ElectricityMonth)]),
            keys=(_PERIOD, _NO, _MONTH),
            rows=rows,
            base=base,
            canonical=(("electricity", "[]"), ("previous_year_electricity", "[]")),
            months=12,
        )
    )
    sheets.append(_field_sheet("表五之三", t + "表五之三", _field_rows(EfficiencyFactors, ("efficiency_factors",))))
    eui = [
        ("previous_year_floor_area.value", ("previous_year_floor_area", "value")),
        ("previous_year_floor_area.unit", ("previous_year_floor_area", "unit")),
        ("previous_year_parking_area.value", ("previous_year_parking_area", "value")),
        ("previous_year_parking_area.unit", ("previous_year_parking_area", "unit")),
    ] + [(f"eui_reasons.{q}", ("eui_reasons", q)) for q in ("Q1", "Q2", "Q3", "Q4", "year")]
    sheets.append(_field_sheet("表五之四", t + "表五之四", eui))
    sheets.append(
        _field_sheet(
            "表五之五",
            t + "表五之五",
            [(f"thermal_eui_reasons.{q}", ("thermal_eui_reasons", q)) for q in ("Q1", "Q2", "Q3", "Q4", "year")],
            present=(("previous_year_thermal",),),
        )
    )
    sheets.append(
        _field_sheet("六、能源流程分析", t + "六", _field_rows(Balances, ("balances",)), present=(("balances",),))
    )
    sheets.append(_list_sheet("七、建築資料", t + "七", ("buildings",), Building))
    sheets.append(_list_sheet("八、電能系統資料", t + "八", ("transformers",), Transformer))
    rows, base = _numbered(("chiller_groups",), months=False)
    sheets.append(
        _Sheet(
            "表九之一(一)",
            t + "表九之一(一)",
            _cols(_flat(ChillerGroup)),
            keys=(_NO,),
            rows=rows,
            base=base,
            canonical=(("chiller_groups", "[]"),),
            init=((("chiller_groups",), []),),
        )
    )
    rows, base = _numbered(("chiller_groups",), months=True)
    sheets.append(
        _Sheet(
            "表九之一(二)",
            t + "表九之一(二)",
            _cols([(k, ("months", M, *p)) for k, p in _flat(ChillerMonth)]),
            keys=(_NO, _MONTH),
            rows=rows,
            base=base,
            canonical=(("chiller_groups", "[]"),),
            months=12,
        )
    )
    sheets.append(_list_sheet("表九之二", t + "表九之二", ("lighting",), LightingRow))
    sheets.append(_list_sheet("表九之三", t + "表九之三", ("other_equipment",), OtherEquipmentRow))
    sheets.append(_list_sheet("表九之四", t + "表九之四", ("systems",), SystemRow))
    sheets.append(_list_sheet("表九之五", t + "表九之五", ("equipment_register",), RegisterRow))
    sheets.append(_list_sheet("表九之六", t + "表九之六", ("boilers",), Boiler))
    rows, base = _numbered(("steam_boiler_checks",), months=False)
    sheets.append(
        _Sheet(
            "表九之七 鍋爐",
            t + "表九之七 (蒸汽鍋爐項次、規定值)",
            _cols(_flat(SteamBoilerCheck)),
            keys=(_NO,),
            rows=rows,
            base=base,
            canonical=(("steam_boiler_checks", "[]"),),
            init=((("steam_boiler_checks",), []),),
        )
    )
    rows, base = _numbered(("steam_boiler_checks",), months=True)
    sheets.append(
        _Sheet(
            "表九之七",
            t + "表九之七",
            _cols(
                [
                    ("exhaust_temperature", ("exhaust_temperature", M)),
                    ("exhaust_o2", ("exhaust_o2", M)),
                    ("reason", ("reasons", MK)),
                ]
            ),
            keys=(_NO, _MONTH),
            rows=rows,
            base=base,
            canonical=(("steam_boiler_checks", "[]"),),
            months=12,
        )
    )
    sheets.append(_list_sheet("表九之八", t + "表九之八", ("data_centres",), DataCentreEntry))
    sheets.append(_list_sheet("表十之一、十之二", t + "表十之一、十之二", ("savings", "measures"), ExecutedMeasure))
    sheets.append(
        _list_sheet("表十之三(一)", t + "表十之三(一)", ("savings", "demand_response_rows"), DemandResponseRow)
    )
    sheets.append(_list_sheet("表十之三(二)", t + "表十之三(二)", ("savings", "renewables"), RenewableRow))
    sheets.append(
        _field_sheet("表十之四", t + "表十之四", _field_rows(SavingsSection, ("savings",)), present=(("savings",),))
    )
    sheets.append(_dict_sheet("表十之四 扣除", t + "表十之四 (扣除用電量)", ("savings", "deductions"), "kind"))
    sheets.append(_list_sheet("表十一之一、十一之二", t + "表十一之一、十一之二", ("plan", "measures"), PlannedMeasure))
    sheets.append(_field_sheet("表十一之四", t + "表十一之三、十一之四", _field_rows(PlanSection, ("plan",))))
    sheets.append(_field_sheet("附錄二 主申報", t + "附錄二 (主申報)", [("main_meter_county", ("main_meter_county",))]))
    sheets.append(_list_sheet("附錄二", t + "附錄二", ("merged_meters",), MergedMeter))
    # the list sheets above whose lists sit in an optional section must not create it
    for s in sheets:
        if s.init and s.init[0][0][0] in ("savings", "plan"):
            s.init = ()
    return sheets


def _dict_sheet(name: str, table: str, dict_path: Path_, key: str) -> _Sheet:
    """A table of a dict with free keys (kind → amount): one row per key."""

    def rows(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], Path_]]:
        for k in _get(data, dict_path) or {}:
            yield (k,), (*dict_path, k)

    return _Sheet(
        name,
        table,
        _cols([("value", ("value",)), ("unit", ("unit",))]),
        keys=(_KeyCol(key, _ZH.get(key, key), "text"),),
        rows=rows,
        base=lambda k: (*dict_path, k[0]),
        canonical=((*dict_path, "{}"),),
    )


def _production(model: type[BaseModel]) -> list[_Sheet]:
    Meter, HeatValueRow = _class_at(model, ("meters",)), _class_at(model, ("heat_values",))
    ProductionEquipment, ProductionMeasure = _class_at(model, ("equipment",)), _class_at(model, ("measures",))

    t = "production-declaration-2018 "
    sheets: list[_Sheet] = []
    head = [(k, (k,)) for k in ("form", "era", "year", "user_id", "user_name")]
    sheets.append(_field_sheet("申報資料", t + "基本資料", head))
    sheets.append(_list_sheet("電號資料", t + "電號資料", ("meters",), Meter))
    sheets.append(
        _Sheet(
            "表六之一",
            t + "表六之一 (購入電力)",
            _cols([(k, ("energy", k, M)) for k in ("peak", "semi_peak", "off_peak", "saturday_semi_peak")]),
            keys=(_MONTH,),
            rows=lambda data: (((m + 1,), ()) for m in range(len(_get(data, ("energy", "peak")) or []))),
            base=lambda k: (),
            months=12,
        )
    )

    def fuel_rows(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], Path_]]:
        for code, months in (_get(data, ("energy", "fuels")) or {}).items():
            for m in range(len(months)):
                yield (code, m + 1), ("energy", "fuels", code)

    sheets.append(
        _Sheet(
            "表六之一 其他能源",
            t + "表六之一 (其他能源)",
            (_Col("use", "使用量 (單位見表六之二)", (M,)),),
            keys=(_KeyCol("code", "能源代碼", "text"), _MONTH),
            rows=fuel_rows,
            base=lambda k: ("energy", "fuels", k[0]),
            canonical=(("energy", "fuels", "{}"),),
            months=12,
        )
    )
    sheets.append(_list_sheet("表六之二", t + "表六之二", ("heat_values",), HeatValueRow))
    sheets.append(_dict_sheet("電能平衡", t + "電能平衡", ("balance",), "group"))
    rows, base = _numbered(("products",), months=False)
    sheets.append(
        _Sheet(
            "表八之三 產品",
            t + "表八之三 (產品、差異原因)",
            _cols([("name", ("name",))] + [(f"reasons.{q}", ("reasons", q)) for q in ("Q1", "Q2", "Q3", "Q4")]),
            keys=(_NO,),
            rows=rows,
            base=base,
            canonical=(("products", "[]"),),
            init=((("products",), []),),
        )
    )
    rows, base = _numbered(("products",), months=True)
    sheets.append(
        _Sheet(
            "表八之三",
            t + "表八之三",
            _cols([(k, (k, M)) for k in ("output", "output_last_year", "kwh_per_unit", "kwh_per_unit_last_year")]),
            keys=(_NO, _MONTH),
            rows=rows,
            base=base,
            canonical=(("products", "[]"),),
            months=12,
        )
    )
    sheets.append(_list_sheet("表九之一、九之二", t + "表九之一、九之二", ("equipment",), ProductionEquipment))
    sheets.append(_list_sheet("表十之一", t + "表十之一", ("measures",), ProductionMeasure))
    return sheets


def layout(model: type[BaseModel]) -> list[_Sheet]:
    """The sheets of the workbook of a declaration model (Declaration or ProductionDeclaration), in order."""
    return _non_production(model) if _form(model) == "non-production" else _production(model)


# -- paths ------------------------------------------------------------------------------------------


def _get(data: Any, path: Path_) -> Any:
    """The value at *path* in dumped data, None where any step is missing."""
    for part in path:
        if data is None:
            return None
        if isinstance(data, list):
            if not isinstance(part, int) or part >= len(data):
                return None
            data = data[part]
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _resolve(path: Path_, month: int | None) -> Path_:
    """*path* with its month placeholder made a list position (``M``) or an int key (``MK``)."""
    out: list[Any] = []
    for part in path:
        if isinstance(part, _Month):
            assert month is not None
            out.append(month if part.as_key else _Idx(month - 1))
        else:
            out.append(part)
    return tuple(out)


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, _Idx):
            out += f"[{int(part)}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def canonical_leaves(model: type[BaseModel]) -> set[str]:
    """Every leaf the layout places, as ``basic.meters[].contract_capacity.value`` (the completeness test)."""
    out: set[str] = set()
    for sheet in layout(model):
        for base in sheet.canonical:
            for col in sheet.cols:
                parts = [*base, *col.path] if not sheet.fields else list(col.path)
                out.add(_canonical(parts))
        if sheet.fields:
            out.update(_canonical(list(p)) for p in sheet.present)
    return out


def _canonical(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        if isinstance(part, _Month):
            text += "{}" if part.as_key else "[]"
        elif part in ("[]", "{}"):
            text += part
        else:
            text += ("." if text else "") + str(part)
    return text


def model_leaves(model: type[BaseModel]) -> set[str]:
    """Every leaf field reachable from *model*: lists as ``[]``, dicts of free keys as ``{}``, Literal keys by name."""
    out: set[str] = set()

    def walk(tp: Any, prefix: str) -> None:
        tp, _ = _unwrap(tp)
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            for name, info in tp.model_fields.items():
                walk(info.annotation, f"{prefix}.{name}" if prefix else name)
        elif origin is list:
            walk(typing.get_args(tp)[0], prefix + "[]")
        elif origin is dict:
            k_tp = _unwrap(typing.get_args(tp)[0])[0]
            if typing.get_origin(k_tp) is Literal:
                for k in typing.get_args(k_tp):
                    walk(typing.get_args(tp)[1], f"{prefix}.{k}")
            else:
                walk(typing.get_args(tp)[1], prefix + "{}")
        else:
            out.add(prefix)

    walk(model, "")
    return out


# -- writing ----------------------------------------------------------------------------------------


def _kind(tp: Any) -> str:
    if typing.get_origin(tp) is Literal:
        return "choice"
    if tp is bool:
        return "bool"
    if tp is int:
        return "int"
    if tp is float:
        return "float"
    return "str"


def write(d: BaseModel | None, path: str | os.PathLike[str], model: type[BaseModel]) -> Path:
    """Write *d*, a declaration of *model* (None: a blank template), to the workbook *path*; return the path."""
    from .._xlsx import atomic_workbook

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise DeclarationError(
            f"an Excel declaration is written as .xlsx, got {str(target)!r}",
            python="give a path ending in .xlsx",
            cli="give a FILE ending in .xlsx",
        )
    data = d.model_dump() if d is not None else {}
    form = _form(model)
    _refuse_empty_optional_texts(model, data, ())
    with atomic_workbook(target, "Declaration.to_excel") as wb:
        head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"})
        key_fmt = wb.add_format({"italic": True, "font_color": "#555555"})
        lists = wb.add_worksheet(LIST_SHEET) if d is None else None
        list_refs = _write_lists(lists, form) if lists is not None else {}
        sheets = [(s, wb.add_worksheet(s.name)) for s in layout(model)]
        if lists is not None:
            lists.hide()
            sheets[0][1].activate()
        for sheet, ws in sheets:
            _write_sheet(ws, sheet, data, model, head, key_fmt, list_refs, template=d is None)
    return target


def _refuse_empty_optional_texts(tp: Any, data: Any, path: Path_, optional: bool = False) -> None:
    """Refuse an empty text where a workbook could not tell it from an absent value.

    An empty cell is an absent value; an empty text of a field whose default is ``""`` reads back
    the same, but one of an optional field (``certifier``) or a dict (a reason) would come back
    absent: the round trip would not be exact.
    """
    tp, opt = _unwrap(tp)
    origin = typing.get_origin(tp)
    if data is None:
        return
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        for name, info in tp.model_fields.items():
            _refuse_empty_optional_texts(info.annotation, data.get(name), (*path, name))
    elif origin is list:
        for i, item in enumerate(data):
            _refuse_empty_optional_texts(typing.get_args(tp)[0], item, (*path, _Idx(i)))
    elif origin is dict:
        for k, v in data.items():
            _refuse_empty_optional_texts(typing.get_args(tp)[1], v, (*path, k), optional=True)
    elif data == "" and (opt or optional):
        raise DeclarationError(
            f"{_dotted(path)} is an empty text, which a workbook cannot tell from an absent value: "
            "leave the field out (None), or give it a text",
            python="build the declaration without it, e.g. d.model_copy(update=...)",
        )


def _write_lists(ws: Any, form: Form) -> dict[str, str]:
    """The template's long drop-down lists (measure codes, DR programmes) on the hidden list sheet."""
    from .. import measure_codes

    lists: dict[str, list[str]] = {}
    if form == "non-production":
        lists["code"] = measure_codes.codes()
        lists["programme"] = [measure_codes.demand_response_programme(c).code for c in "abcdefghijklmno"]
    refs: dict[str, str] = {}
    for col, (name, values) in enumerate(lists.items()):
        ws.write_string(0, col, name)
        for i, v in enumerate(values):
            ws.write_string(i + 1, col, v)
        letter = _letter(col)
        refs[name] = f"='{LIST_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    return refs


def _letter(col: int) -> str:
    out = ""
    col += 1
    while col:
        col, r = divmod(col - 1, 26)
        out = chr(65 + r) + out
    return out


def _header(sheet: _Sheet) -> tuple[list[str], list[str]]:
    """Row 1 (Chinese) and row 2 (keys) of *sheet*."""
    if sheet.fields:
        return ["欄位", "項目", "數值", "單位"], ["field", "label", "value", "unit"]
    zh = [k.zh for k in sheet.keys] + [c.zh for c in sheet.cols]
    keys = [k.key for k in sheet.keys] + [c.key for c in sheet.cols]
    return zh, keys


def _field_entries(sheet: _Sheet) -> list[tuple[str, str, Path_, Path_ | None]]:
    """The rows of a field sheet: key, label, value path, unit path (amounts: one row, value and unit)."""
    out: list[tuple[str, str, Path_, Path_ | None]] = []
    cols = list(sheet.cols)
    i = 0
    while i < len(cols):
        c = cols[i]
        if c.path and c.path[-1] == "value" and i + 1 < len(cols) and cols[i + 1].path == (*c.path[:-1], "unit"):
            key = c.key[: -len(".value")]
            out.append((key, c.zh, c.path, cols[i + 1].path))
            i += 2
        else:
            out.append((c.key, c.zh, c.path, None))
            i += 1
    return out


def _validation(kind: str, tp: Any, key: str, refs: dict[str, str]) -> dict[str, Any] | None:
    """The data validation of a column (a list, or whole numbers 1-12 for months)."""
    if key.endswith("code") and "code" in refs:
        return {"validate": "list", "source": refs["code"]}
    if key == "programme" and "programme" in refs:
        return {"validate": "list", "source": refs["programme"]}
    if kind == "choice":
        return {"validate": "list", "source": [str(v) for v in typing.get_args(tp)]}
    if kind == "bool":
        return {"validate": "list", "source": ["TRUE", "FALSE"]}
    if key in ("month", "first_month", "last_month") or key.endswith(".month"):
        return {"validate": "list", "source": [str(m) for m in range(1, 13)]}
    return None


_TEMPLATE_ROWS = 500


def _write_sheet(
    ws: Any,
    sheet: _Sheet,
    data: dict[str, Any],
    model: type[BaseModel],
    head: Any,
    key_fmt: Any,
    refs: dict[str, str],
    *,
    template: bool,
) -> None:
    zh, keys = _header(sheet)
    ws.write_row(0, 0, zh, head)
    ws.write_row(1, 0, keys, key_fmt)
    ws.freeze_panes(2, 0)
    ws.set_row(0, 45)
    if sheet.fields:
        ws.set_column(0, 0, 34)
        ws.set_column(1, 1, 40)
        ws.set_column(2, 3, 18)
        for r, (key, label, vpath, upath) in enumerate(_field_entries(sheet), start=2):
            ws.write_string(r, 0, key)
            ws.write_string(r, 1, label)
            if vpath in sheet.present:
                value: Any = _get(data, vpath) is not None if data else None
                tp: Any = bool
            else:
                value = _get(data, vpath)
                tp = _leaf_type(model, vpath)
            _write_cell(ws, r, 2, value, _kind(tp), sheet, key)
            if upath is not None:
                _write_cell(ws, r, 3, _get(data, upath), "str", sheet, key + ".unit")
            field_rule = _validation(_kind(tp), tp, key, refs)
            if field_rule is not None:
                ws.data_validation(r, 2, r, 2, field_rule)
        return
    ws.set_column(0, len(keys) - 1, 14)
    r = 2
    kinds: list[tuple[str, Any]] = []
    for k in sheet.keys:
        kinds.append(("choice" if k.kind == "choice" else "int" if k.kind in ("no", "month") else "str", None))
    example = sheet.canonical[0]
    for c in sheet.cols:
        tp = _leaf_type(model, _resolve(_concrete(example, c.path), 1))
        kinds.append((_kind(tp), tp))
    if sheet.rows is not None and data:
        for keyvals, base in sheet.rows(data):
            month = keyvals[-1] if sheet.months else None
            values = list(keyvals) + [_get(data, _resolve((*base, *c.path), month)) for c in sheet.cols]
            for col, (value, (kind, _)) in enumerate(zip(values, kinds, strict=True)):
                _write_cell(ws, r, col, value, kind, sheet, keys[col])
            r += 1
    last = max(r, 2) + (_TEMPLATE_ROWS if template else 0)
    for col, (key, (kind, tp)) in enumerate(zip(keys, kinds, strict=True)):
        if col < len(sheet.keys) and sheet.keys[col].kind == "choice":
            rule: dict[str, Any] | None = {"validate": "list", "source": list(sheet.keys[col].choices)}
        elif col < len(sheet.keys) and sheet.keys[col].kind == "month":
            rule = {"validate": "list", "source": [str(m) for m in range(1, 13)]}
        else:
            rule = _validation(kind, tp, key, refs)
        if rule is not None and last > 2:
            ws.data_validation(2, col, last - 1, col, rule)


def _concrete(base: Path_, rel: Path_) -> Path_:
    """A canonical base and a relative path as a path to type-check (``[]`` an index, ``{}`` a key)."""
    out: list[Any] = []
    for part in (*base, *rel):
        out.append(_Idx(0) if part == "[]" else "k" if part == "{}" else part)
    return tuple(out)


def _write_cell(ws: Any, r: int, c: int, value: Any, kind: str, sheet: _Sheet, key: str) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, int):
        if abs(value) > _MAX_EXACT_INT:
            raise DeclarationError(
                f"sheet {sheet.name}, {key}: the whole number {value} cannot be written to Excel exactly "
                f"(Excel holds numbers as float64, exact up to {_MAX_EXACT_INT:,})",
                python="keep the declaration in YAML or JSON (Declaration.to_json)",
            )
        ws.write_number(r, c, value)
    elif isinstance(value, float):
        ws.write_number(r, c, exact(value))
    else:
        text = str(value)
        problem = text_problem(text)
        if problem is not None:
            raise DeclarationError(
                f"sheet {sheet.name}, {key}: {problem}",
                python="correct the field in the declaration, or keep it in YAML or JSON (Declaration.to_json)",
            )
        ws.write_string(r, c, text)


# -- reading ----------------------------------------------------------------------------------------


@dataclass
class _Reader:
    """What reading one workbook gathers: the data tree and where each value came from."""

    origin: str
    tree: dict[Any, Any] = field(default_factory=dict)
    where: dict[Path_, str] = field(default_factory=dict)
    absent: list[tuple[Path_, str]] = field(default_factory=list)
    blank: dict[Path_, str] = field(default_factory=dict)  # each field row's value cell, even if empty

    def put(self, path: Path_, value: Any, at: str) -> None:
        node = self.tree
        for part in path[:-1]:
            if node.get(part) == []:
                node[part] = {}  # an empty list set when its sheet was read: filled now
            node = node.setdefault(part, {})
        last = path[-1]
        if node.get(last) == []:
            del node[last]
        if last in node:
            raise DataFileError(
                f"{at} ({_dotted(path)}): this value is given twice (also at {self.where[path]}): "
                "delete one of the rows"
            )
        node[last] = value
        self.where[path] = at

    def make(self, path: Path_) -> None:
        """Say the section or item at *path* exists (a row of keys only, a section set TRUE)."""
        node = self.tree
        for part in path:
            if node.get(part) == []:
                node[part] = {}
            node = node.setdefault(part, {})


def read(path: str | os.PathLike[str], models: tuple[type[BaseModel], ...]) -> BaseModel:
    """The declaration in the workbook *path* (checked: file, sheets, headers, cells), of either of *models*."""
    from .. import _xlsx

    origin = Path(path)
    if origin.suffix.lower() not in _xlsx.SUFFIXES:
        with origin.open("rb") as fh:
            _xlsx._refuse_by_bytes(origin, fh.read(8), "declaration")  # an .xls: what to do
        raise DataFileError(
            f"{origin}: the file is an Excel workbook by its bytes, but its name does not end in .xlsx, which "
            "the workbook reader needs: rename it to .xlsx"
        )
    wb = _xlsx.open_workbook(origin, "declaration")
    names = [n for n in wb.sheetnames if n != LIST_SHEET]
    form = _form_of(origin, wb, names)
    model = next(m for m in models if _form(m) == form)
    sheets = layout(model)
    expected = [s.name for s in sheets]
    missing = [n for n in expected if n not in names]
    if missing:
        more = f" (and {len(missing) - 1} more: {', '.join(missing[1:4])}{' ...' if len(missing) > 4 else ''})"
        raise DataFileError(
            f"{_xlsx.where(origin, missing[0])}: the sheet is missing{more if len(missing) > 1 else ''}; a {form} "
            f"declaration workbook has the sheets {', '.join(expected)}: rename the sheet back, or copy your rows "
            "into a new template",
            python="declaration.template_excel(path) writes a new template",
            cli="carbonaudit template declaration --xlsx FILE writes a new template",
        )
    extra = [n for n in names if n not in expected]
    if extra:
        raise DataFileError(
            f"{_xlsx.where(origin, extra[0])}: the sheet is not a table of the {form} declaration, and carbonaudit "
            "would not read it: move its data to the sheet of its table, or delete the sheet"
        )
    reader = _Reader(str(origin))
    for sheet in sheets:
        _read_sheet(reader, origin, wb[sheet.name], sheet, model)
    data = _finish(reader, reader.tree, ())
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        places = {**reader.blank, **reader.where}
        raise DeclarationError(_validation_message(str(origin), exc, places, sheets)) from None


def _form_of(origin: Path, wb: Any, names: list[str]) -> Form:
    """The form a workbook holds: the sheet of its first table, checked against its ``form`` row."""
    from .. import _xlsx

    for form, first, name in (
        ("non-production", "一、填表人員", "non-production-114"),
        ("production", "申報資料", "production-107"),
    ):
        if first not in names:
            continue
        for row in _xlsx.read_table(wb[first], origin, _field_columns(), key_row=2, label_row=1):
            if row.values.get("field") == "form" and row.values.get("value") not in (None, name):
                raise DataFileError(
                    f"{_xlsx.where(origin, first, row.cells['value'])} (form): {row.values['value']!r} is not the "
                    f"form of this workbook's sheets ({name}): write {name}"
                )
        return form  # type: ignore[return-value]
    raise DataFileError(
        f"{origin}: not a declaration workbook: it has neither the sheet 一、填表人員 (non-production form) nor "
        f"申報資料 (production form); its sheets are {', '.join(names) or 'none'}",
        python="declaration.template_excel(path) writes a template",
        cli="carbonaudit template declaration --xlsx FILE writes a template",
    )


def _columns(sheet: _Sheet, model: type[BaseModel]) -> list[Any]:
    """The sheet's columns for the shared reader: key, Chinese heading and kind, all required."""
    from .._xlsx import Column

    if sheet.fields:
        return _field_columns()
    zh, keys = _header(sheet)
    kinds: list[str] = []
    for k in sheet.keys:
        kinds.append("integer" if k.kind in ("no", "month") else "text")
    example = sheet.canonical[0]
    for c in sheet.cols:
        kinds.append(_READ_KIND[_kind(_leaf_type(model, _resolve(_concrete(example, c.path), 1)))])
    return [Column(key, label, kind, required=True) for key, label, kind in zip(keys, zh, kinds, strict=True)]  # type: ignore[arg-type]


_READ_KIND = {"str": "text", "choice": "text", "int": "integer", "float": "number", "bool": "bool"}


def _field_columns() -> list[Any]:
    from .._xlsx import Column

    zh, keys = ["欄位", "項目", "數值", "單位"], ["field", "label", "value", "unit"]
    kinds = ["text", "text", "any", "text"]
    return [Column(k, z, kind, required=True) for k, z, kind in zip(keys, zh, kinds, strict=True)]  # type: ignore[arg-type]


def _check_value(origin: Path, sheet: _Sheet, cell: str, key: str, value: Any, tp: Any) -> Any:
    """A cell's *value* checked against its field: a choice among the Literal's values, a whole number, text."""
    from .._xlsx import where

    at = where(origin, sheet.name, cell)
    kind = _kind(tp)
    if kind == "choice":
        choices = [str(v) for v in typing.get_args(tp)]
        if value not in choices:
            raise DataFileError(f"{at} ({key}): {value!r} is not one of {', '.join(choices)}: choose one")
    if kind in ("int", "float", "bool", "str"):
        from .._xlsx import _convert as convert

        return convert(value, _READ_KIND[kind], at, key)  # type: ignore[arg-type]
    return value


def _read_sheet(reader: _Reader, origin: Path, ws: Any, sheet: _Sheet, model: type[BaseModel]) -> None:
    from .._xlsx import read_table, where

    rows = read_table(ws, origin, _columns(sheet, model), key_row=2, label_row=1)
    for path, empty in sheet.init:
        node = reader.tree
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node.setdefault(path[-1], empty)
    if sheet.fields:
        _read_fields(reader, origin, sheet, rows, model)
        return
    counters: dict[Any, int] = {}
    example = sheet.canonical[0]
    for row in rows:
        keyvals: list[Any] = []
        for k in sheet.keys:
            v = row.values.get(k.key)
            if v is None:
                at = where(origin, sheet.name, f"{_letter(_header(sheet)[1].index(k.key))}{row.number}")
                raise DataFileError(f"{at} ({k.key}): empty, but each row needs its {k.zh}: fill it in")
            at = where(origin, sheet.name, row.cells[k.key])
            if k.kind in ("no", "month") and (v < 1 or (k.kind == "month" and v > 12)):
                raise DataFileError(
                    f"{at} ({k.key}): {v} is not {'a month 1-12' if k.kind == 'month' else 'a 項次 1, 2, 3 ...'}"
                )
            if k.kind == "choice" and v not in k.choices:
                raise DataFileError(f"{at} ({k.key}): {v!r} is not one of {', '.join(k.choices)}: choose one")
            keyvals.append(v)
        if sheet.base is not None:
            base = sheet.base(tuple(keyvals))
        else:
            group = keyvals[0] if sheet.keys else None
            n = counters.get(group, 0)
            counters[group] = n + 1
            base = ("organisation", group, _Idx(n)) if group is not None else (*sheet.canonical[0][:-1], _Idx(n))
        month = keyvals[-1] if sheet.months else None
        wrote = False
        for col in sheet.cols:
            if col.key not in row.values:
                continue
            at = where(origin, sheet.name, row.cells[col.key])
            tp = _leaf_type(model, _resolve(_concrete(example, col.path), 1))
            value = _check_value(origin, sheet, row.cells[col.key], col.key, row.values[col.key], tp)
            reader.put(_resolve((*base, *col.path), month), value, at)
            wrote = True
        if not wrote:  # a row of keys only: the item (or month) exists, its fields empty
            reader.make(_resolve(base, month))
            reader.where.setdefault(_resolve(base, month), where(origin, sheet.name, f"A{row.number}"))


def _read_fields(reader: _Reader, origin: Path, sheet: _Sheet, rows: list[Any], model: type[BaseModel]) -> None:
    from .._xlsx import where

    entries = {key: (label, vpath, upath) for key, label, vpath, upath in _field_entries(sheet)}
    seen: dict[str, int] = {}
    for row in rows:
        key = row.values.get("field")
        at = where(origin, sheet.name, f"A{row.number}")
        if key not in entries:
            raise DataFileError(
                f"{at}: {key!r} is not a field of this sheet (its fields: {', '.join(entries)}), and carbonaudit "
                "would not read the row: correct the field key, or delete the row"
                if key is not None
                else f"{at}: the row has no field key in column A, and carbonaudit would not read it: "
                "restore the key, or delete the row"
            )
        if key in seen:
            raise DataFileError(f"{at}: the field {key} is also in row {seen[key]}: keep one of the rows")
        seen[key] = row.number
        exp_label, vpath, upath = entries[key]
        if row.values.get("label") != exp_label:
            raise DataFileError(
                f"{where(origin, sheet.name, f'B{row.number}')} ({key}): the label reads "
                f"{row.values.get('label')!r}, expected {exp_label!r}: restore it"
            )
        unit = row.values.get("unit")
        if upath is None and unit is not None:
            raise DataFileError(
                f"{where(origin, sheet.name, row.cells['unit'])} ({key}): {unit!r} in the unit column of a field "
                "without one, which carbonaudit would not read: delete it (the field's unit is in its label)"
            )
        value = row.values.get("value")
        reader.blank.setdefault(vpath, where(origin, sheet.name, f"C{row.number}"))
        if value is not None:
            cell = row.cells["value"]
            vat = where(origin, sheet.name, cell)
            if vpath in sheet.present:
                flag = _check_value(origin, sheet, cell, key, value, bool)
                reader.where[vpath] = vat
                if flag:
                    reader.make(vpath)
                else:
                    reader.absent.append((vpath, vat))
            else:
                tp = _leaf_type(model, vpath)
                reader.put(vpath, _check_value(origin, sheet, cell, key, value, tp), vat)
        if upath is not None and unit is not None:
            reader.put(upath, unit, where(origin, sheet.name, row.cells["unit"]))
    missing = [k for k in entries if k not in seen]
    if missing:
        raise DataFileError(
            f"{where(origin, sheet.name)}: the row of the field {missing[0]} is missing (column A holds each "
            "field's key): restore it from the template, its value left empty if it does not apply"
        )


def _finish(reader: _Reader, node: Any, path: Path_) -> Any:
    """The tree as the model's data: list positions made lists (each position given), absent sections checked."""
    if path == ():
        for vpath, at in reader.absent:
            if _get_tree(node, vpath) is not None:
                raise DataFileError(
                    f"{at} ({_dotted(vpath)}): FALSE, but other sheets fill this section in: set TRUE, or delete "
                    "its rows"
                )
    if not isinstance(node, dict):
        return node
    if node and all(isinstance(k, _Idx) for k in node):
        n = max(node) + 1
        gaps = [i for i in range(n) if _Idx(i) not in node]
        if gaps:
            raise DataFileError(
                f"{_first_where(reader, path)}: {_dotted((*path, _Idx(gaps[0])))} is missing: the 項次 and month "
                f"columns number the items from 1, and {gaps[0] + 1} is not given: add it, or renumber"
            )
        return [_finish(reader, node[_Idx(i)], (*path, _Idx(i))) for i in range(n)]
    return {k: _finish(reader, v, (*path, k)) for k, v in node.items()}


def _get_tree(tree: dict[Any, Any], path: Path_) -> Any:
    node: Any = tree
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _first_where(reader: _Reader, prefix: Path_) -> str:
    for p, at in reader.where.items():
        if p[: len(prefix)] == prefix:
            return at
    return reader.origin


def _validation_message(origin: str, exc: ValidationError, where: dict[Path_, str], sheets: list[_Sheet]) -> str:
    """A pydantic error, each problem at the sheet and cell its value came from."""
    lines = []
    for e in exc.errors():
        loc = tuple(e["loc"])
        lines.append(f"{_locate(origin, loc, where, sheets)} ({_dotted_loc(loc)}): {e['msg']}")
    head = f"{origin}: not a valid declaration ({len(lines)} problem{'s' if len(lines) != 1 else ''})"
    return head + ":\n  " + "\n  ".join(lines)


def _dotted_loc(loc: tuple[Any, ...]) -> str:
    return ".".join(map(str, loc)) or "declaration"


def _locate(origin: str, loc: tuple[Any, ...], where: dict[Path_, str], sheets: list[_Sheet]) -> str:
    """The cell of a pydantic error location, or its nearest place: a cell below it, or the sheet that holds it."""
    norm = {tuple(int(p) if isinstance(p, _Idx) else p for p in k): v for k, v in where.items()}
    if loc in norm:
        return norm[loc]
    below = [v for k, v in norm.items() if k[: len(loc)] == loc]
    if below:
        head = below[0].rsplit(", cell ", 1)[0]
        cells = [v.rsplit(", cell ", 1)[1] for v in below if v.startswith(head + ", cell ")]
        if len(cells) == len(below) and len(cells) <= 4:
            return f"{head}, cell{'s' if len(cells) > 1 else ''} {', '.join(cells)}"
        return head
    want = _canonical([("[]" if isinstance(p, int) else p) for p in loc])
    for sheet in sheets:  # a required field left empty: the sheet (and row) that holds it
        for base in sheet.canonical:
            for col in sheet.cols:
                text = _canonical([*base, *col.path] if not sheet.fields else list(col.path))
                if text == want or text.startswith(want + ".") or text.startswith(want + "["):
                    return f"{origin}, sheet {sheet.name!r}" + (
                        f", field {col.key}" if sheet.fields else f", column {col.key}"
                    )
    for n in range(len(loc) - 1, 0, -1):
        if loc[:n] in norm:
            return norm[loc[:n]]
    return origin
