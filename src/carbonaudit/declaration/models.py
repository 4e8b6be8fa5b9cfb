"""Pydantic models of the current non-production declaration form (non-production-form-2025 附表三).

Sections 一 to 五 and the executed measures and annual use of 十. Every model forbids unknown
fields and is immutable; quantities are ``{value, unit}`` pairs checked against the dimension the
form expects; dates say their era. Totals, averages and EUIs are derived, never typed in.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import numpy as np
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .._types import Amount, _too_large, _within_range
from ..errors import DataFileError, DeclarationError, UnitsError
from ..periods import YearMonthRange, ad_to_roc, roc_to_ad
from ..units import MAX_AMOUNT, Q_, Quantity, Unit, check_unit, parse_unit

if TYPE_CHECKING:
    from ..factors import FactorSet

__all__ = [
    "Amount",
    "OtherEquipmentRow",
    "Preparer",
    "DemandResponseRow",
    "RenewableRow",
    "SystemRow",
    "SteamBoilerCheck",
    "RegisterRow",
    "LightingRow",
    "EfficiencyFactors",
    "Building",
    "Boiler",
    "Balances",
    "BasicData",
    "ChillerGroup",
    "ChillerMonth",
    "DataCentreEntry",
    "Declaration",
    "ElectricityMonth",
    "EnergyManager",
    "ExecutedMeasure",
    "FormDate",
    "FuelMonths",
    "MergedMeter",
    "Meter",
    "MonthlyElectricity",
    "MonthlyThermal",
    "Organisation",
    "Person",
    "PlanSection",
    "PlannedMeasure",
    "Policy",
    "SavingsSection",
    "Transformer",
    "UserClass",
]

_STRICT = ConfigDict(extra="forbid", frozen=True, strict=True, str_strip_whitespace=True)


def _checked_unit(label: str, expected: str | tuple[str, ...], name: str) -> Unit:
    """The unit *label* stands for, checked the way the rules will use it: the models' one unit check.

    Every unit field of the declaration models goes through here, so a unit the model accepts is one
    every rule accepts: the label is read by :func:`~carbonaudit.units.parse_unit`
    (the forms' labels 公秉, 度, 千伏安 ... work wherever a unit is taken, as in the rules) and checked by
    :func:`~carbonaudit.units.check_unit`: the dimension of one of *expected*, none of pint's units the
    forms never mean (``ton`` is the short ton), the same kind of electrical power or energy (a
    kvar, kVA or kvar·h is never taken for real kW or kWh; a kW is not a transformer's kVA), and the
    kind of temperature expected: an absolute temperature (a limit in degC, K or degF) is never a
    temperature difference (delta_degC), nor the other way round.

    Raises :class:`~carbonaudit.errors.UnitsError`, a ``ValueError``: in a validator pydantic
    reports it as a ``ValidationError`` at the field's path.
    """
    return check_unit(label, expected, name)


def _dimension(example: str, *, negative: bool = False) -> Callable[[Amount, ValidationInfo], Amount]:
    """An Amount check: its unit is one of *example*'s kind (:func:`_checked_unit`), its value not negative."""

    def check(a: Amount, info: ValidationInfo) -> Amount:
        _checked_unit(a.unit, example, info.field_name or "amount")
        if not negative and a.value < 0:
            raise ValueError(f"value must not be negative, got {a.value!r}")
        return a

    return check


Energy = Annotated[Amount, AfterValidator(_dimension("kWh"))]
Power = Annotated[Amount, AfterValidator(_dimension("kW"))]
Area = Annotated[Amount, AfterValidator(_dimension("m**2"))]
Money = Annotated[Amount, AfterValidator(_dimension("TWD"))]
Hours = Annotated[Amount, AfterValidator(_dimension("h"))]


def _non_negative(a: Amount) -> Amount:
    if a.value < 0:
        raise ValueError(f"value must not be negative, got {a.value!r}")
    return a


def _positive(a: Amount) -> Amount:
    if a.value <= 0:
        raise ValueError(f"value must be positive, got {a.value!r}")
    return a


NonNegative = Annotated[Amount, AfterValidator(_non_negative)]
Fraction = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
_BOUNDED = {"maximum": MAX_AMOUNT}  # the JSON schema says it too (the check is _within_range's)
Figure = Annotated[float, Field(ge=0, allow_inf_nan=False, json_schema_extra=_BOUNDED), AfterValidator(_within_range)]
"""A non-negative figure typed in a table of the form (kWh, RTh, cost ...), at most MAX_AMOUNT."""
Count = Annotated[int, Field(ge=0, json_schema_extra=_BOUNDED), AfterValidator(_within_range)]
"""A number of things (employees, fixtures, units), at most MAX_AMOUNT."""


class FormDate(BaseModel):
    """A date as the forms write it, with its era said (民國 114年 3月 5日 is ``era: ROC``)."""

    model_config = _STRICT

    era: Literal["ROC", "AD"]
    year: int
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)

    @field_validator("year")
    @classmethod
    def _year(cls, v: int, info: ValidationInfo) -> int:
        return _check_year(v, info.data.get("era"))

    @field_validator("day")
    @classmethod
    def _day(cls, v: int, info: ValidationInfo) -> int:
        year, month, era = info.data.get("year"), info.data.get("month"), info.data.get("era")
        if year is not None and month is not None and era is not None:
            ad = roc_to_ad(year) if era == "ROC" else year
            try:
                _dt.date(ad, month, v)
            except ValueError as exc:
                raise ValueError(f"{year}/{month}/{v} ({era}) is not a date: {exc}") from None
        return v

    @property
    def date(self) -> _dt.date:
        """The AD calendar date."""
        year = roc_to_ad(self.year) if self.era == "ROC" else self.year
        return _dt.date(year, self.month, self.day)


def _check_year(year: int, era: str | None) -> int:
    """An ROC year 1..300 or an AD year 1912..2211 (the era must be said)."""
    if era == "ROC":
        roc_to_ad(year)
    elif era == "AD":
        ad_to_roc(year)
    return year


UserClass = Literal[
    "office_building",  # 辦公大樓
    "school",  # 學校
    "hospital",  # 醫院
    "hotel",  # 旅館
    "department_store",  # 百貨公司
    "hypermarket",  # 量販店
    "telecom_room",  # 電信公司(電信機房)
    "computer_room_it",  # 電腦機房(資訊設備)
    "computer_room_switching",  # 電腦機房(電信交換機設備)
    "government",  # 政府機關
    "other",  # 其他
]
"""用戶分類 of 三、基本資料 11. (the classes the form's rules name, and ``other``)."""


class EnergyManager(BaseModel):
    """A registered engineer or energy manager (一、二: 技師或能管員)."""

    model_config = _STRICT

    name: str = Field(min_length=1)
    title: str = ""
    registration_no: str = Field(min_length=1, description="設置登記核准編號")
    registered_on: FormDate
    in_house: bool = Field(description="自置: employed by the energy user (not contracted)")
    active: bool = Field(default=True, description="是否仍執行能源管理業務")


class Preparer(BaseModel):
    """一 (否): the person who fills the form when no registered manager does."""

    model_config = _STRICT

    name: str = Field(min_length=1)
    title: str = ""
    email: str = ""
    phone: str = ""


class Meter(BaseModel):
    """A meter (電號) of 三 with its contract capacities."""

    model_config = _STRICT

    number: str = Field(min_length=1)
    contract_capacity: Power = Field(description="經常契約容量")
    semi_peak_capacity: Power | None = None
    saturday_capacity: Power | None = None
    off_peak_capacity: Power | None = None
    standby_capacity: Power | None = None


class BasicData(BaseModel):
    """三、能源用戶基本資料."""

    model_config = _STRICT

    user_id: str = Field(min_length=1, description="能源用戶編號")
    user_name: str = Field(min_length=1)
    company_name: str = Field(min_length=1, description="總公司名稱")
    user_class: UserClass
    industry: str = ""
    address: str = Field(min_length=1)
    business_scale: Count | None = Field(default=None, description="營業規模: classrooms, beds or rooms")
    employees: Count
    annual_working_hours: Hours
    total_floor_area: Area
    air_conditioned_area: Area
    indoor_parking_area: Area
    energy_cost: Money | None = None
    rental_rate: Fraction | None = Field(default=None, description="出租率, offices only")
    sme: bool = Field(description="是否為中小企業")
    public_body: bool = Field(default=False, description="公務機關、國防組織、管理委員會 (no company registration)")
    paid_in_capital: Money | None = Field(default=None, description="總公司實收資本額, for the SME rule")
    regular_employees: Count | None = Field(default=None, description="總公司經常僱用員工數, for the SME rule")
    meters: list[Meter] = Field(min_length=1)

    @property
    def contract_capacity(self) -> Quantity:
        """Σ regular contract capacities of the meters [kW]."""
        return Q_(sum(m.contract_capacity.quantity.m_as("kW") for m in self.meters), "kW")


class Person(BaseModel):
    """A member of the energy-audit organisation (表四之一)."""

    model_config = _STRICT

    name: str = Field(min_length=1)
    title: str = ""
    duties: str = ""


class Organisation(BaseModel):
    """表四之一、能源查核管理組織: the three tiers."""

    model_config = _STRICT

    management: list[Person] = Field(description="管理階層人員 (訂定節能目標)")
    promotion: list[Person] = Field(description="推行階層人員 (擬定節能計畫，推動、考核與管考)")
    execution: list[Person] = Field(description="執行階層人員 (執行節能計畫)")


class Policy(BaseModel):
    """表四之二、能源管理政策推動情形: question 1 (ISO/CNS 50001) and the answers to 2-6."""

    model_config = _STRICT

    iso50001: bool
    certifier: str | None = None
    valid_until: FormDate | None = None
    policy_statement: bool | None = Field(default=None, description="2. 對外發布能源政策聲明")
    management_review: bool | None = Field(default=None, description="3. 定期檢討節約能源推動成效")
    efficient_procurement: bool | None = Field(default=None, description="4. 優先採購能源效率較高設備")
    suggestions_channel: bool | None = Field(default=None, description="5. 回應員工或供應商節能建議")
    monitoring: bool = Field(description="6. 監測且蒐集使用能源設備之運轉情形 (EMIS)")


def _twelve(values: list[float]) -> list[float]:
    if len(values) != 12:
        raise ValueError(f"must hold the 12 months January to December, got {len(values)} values")
    for i, v in enumerate(values):
        if not math.isfinite(v) or v < 0:
            raise ValueError(f"monthly values must be finite and non-negative, got {v!r} at [{i}] (month {i + 1})")
        if v > MAX_AMOUNT:
            raise ValueError(f"[{i}] (month {i + 1}): {_too_large(v)}")
    return values


Months = Annotated[list[Annotated[float, Field(json_schema_extra=_BOUNDED)]], AfterValidator(_twelve)]


class FuelMonths(BaseModel):
    """One fuel column of 表五之一: monthly use and cost, in the form's unit by default."""

    model_config = _STRICT

    unit: str
    use: Months
    cost: Months | None = Field(default=None, description="總價 (含稅) [TWD]")
    supplier: str = ""
    density: Annotated[Amount, AfterValidator(_dimension("kg/L")), AfterValidator(_positive)] | None = Field(
        default=None,
        description="密度 of the fuel as supplied (kg/L), where the months are a mass and the factor set's "
        "factors are per volume (LPG in 公斤) or the other way round",
    )
    grade: Literal["NG1", "NG2"] | None = Field(
        default=None,
        description="natural gas only: the grade on the supplier's invoice (NG1 or NG2); from 114年 "
        "(activity year 2025) the two have their own heat values (moenv-hv-2025: 8,067 and 8,728 kcal/m³)",
    )

    @field_validator("unit")
    @classmethod
    def _fuel_unit(cls, v: str) -> str:
        try:
            _checked_unit(v, ("L", "kg"), "unit")
        except UnitsError as exc:
            raise ValueError(f"{exc} (the form's units: 公秉, 公升, 公斤, 立方公尺, 千立方公尺)") from exc
        return v

    def total(self) -> Quantity:
        """Σ of the months (總計)."""
        return Q_(float(sum(self.use)), parse_unit(self.unit))

    def monthly(self) -> Quantity:
        """The 12 months as an array Quantity in the column's unit."""
        return Q_(np.asarray(self.use, dtype=np.float64), parse_unit(self.unit))


class MonthlyThermal(BaseModel):
    """表五之一、熱能使用量統計表: the fuels of the non-production form."""

    model_config = _STRICT

    fuel_oil: FuelMonths | None = None
    lpg: FuelMonths | None = None
    natural_gas: FuelMonths | None = None
    gasoline: FuelMonths | None = None
    diesel: FuelMonths | None = None

    @model_validator(mode="after")
    def _grade_of_natural_gas_only(self) -> MonthlyThermal:
        for field in _FUEL_FIELDS:
            column = getattr(self, field)
            if field != "natural_gas" and column is not None and column.grade is not None:
                raise ValueError(f"{field}.grade: only natural gas has a grade (NG1, NG2), got {column.grade!r}")
        return self

    def fuels(self) -> dict[str, FuelMonths]:
        """The fuels declared, by factor-set fuel name."""
        return {fuel: column for _, fuel, column in self.columns()}

    def columns(self) -> list[tuple[str, str, FuelMonths]]:
        """The fuels declared as (field name, factor-set fuel name, column).

        ``gasoline`` is ``motor_gasoline``; natural gas with a ``grade`` is that grade's name
        (``NG1``, ``NG2``), which a factor set of 2025 on resolves to its fuel of that grade.
        """
        out = []
        for field, fuel in _FUEL_FIELDS.items():
            column = getattr(self, field)
            if column is not None:
                out.append((field, column.grade or fuel, column))
        return out


_FUEL_FIELDS = {
    "fuel_oil": "fuel_oil",
    "lpg": "lpg",
    "natural_gas": "natural_gas",
    "gasoline": "motor_gasoline",
    "diesel": "diesel",
}
"""MonthlyThermal's fields and the factor-set fuel each declares."""


def _not_a_declaration(given: object, function: str) -> DeclarationError:
    """The error for *function* (``"validate"`` or ``"validate_production"``) given something else.

    It says what to call instead: a path is read with :func:`~carbonaudit.declaration.load`, a
    mapping with the model's ``model_validate``, and a declaration of the other form goes to the
    other function. The command line checks either form with ``carbonaudit validate FILE``.
    """
    kind = type(given).__name__
    expected = "Declaration" if function == "validate" else "ProductionDeclaration"
    head = f"{function}: its argument {'declaration' if function == 'validate' else 'd'} must be a {expected}"
    cli = "carbonaudit validate FILE (it detects the form)"
    if kind == "Declaration" or kind == "ProductionDeclaration":  # the other form
        other = "validate" if kind == "Declaration" else "validate_production"
        return DeclarationError(
            f"{head}, got a {kind}", python=f"call declaration.{other}(d)", cli=cli
        )
    if isinstance(given, (str, os.PathLike)):
        return DeclarationError(
            f"{head}, got a path {str(given)!r}",
            python=f"read the file first: declaration.{function}(declaration.load(path))",
            cli=cli,
        )
    if isinstance(given, dict):
        return DeclarationError(
            f"{head}, got a dict",
            python=f"build the model first: declaration.{function}({expected}.model_validate(data)), "
            f"or read the file with declaration.load(path)",
            cli=cli,
        )
    return DeclarationError(
        f"{head}, got {kind}",
        python=f"read the file with declaration.{function}(declaration.load(path))",
        cli=cli,
    )


def fuel_factor_set(factor_set: FactorSet, fuel: str, column: FuelMonths) -> FactorSet:
    """*factor_set*, with the column's own density (``FuelMonths.density``) for *fuel* when it gives one."""
    if column.density is None:
        return factor_set
    return factor_set.with_overrides(
        densities={fuel: column.density.quantity}, note="density given in the declaration (FuelMonths.density)"
    )


class ElectricityMonth(BaseModel):
    """One month of 表五之二 (in the table's units)."""

    model_config = _STRICT

    peak: Figure = Field(description="尖峰 用電度數")
    semi_peak: Figure = Field(default=0, description="半尖峰/非夏月")
    saturday_semi_peak: Figure = Field(default=0, description="週六半尖峰")
    off_peak: Figure = Field(default=0, description="離峰")
    wheeled: Figure = Field(default=0, description="轉供度數")
    max_demand: Figure = Field(default=0, description="最高需量 (尖峰)")
    power_factor: Fraction | None = None
    cost: Figure | None = Field(default=None, description="總電費 (含稅)")

    @property
    def energy(self) -> float:
        """The month's kWh: the four time-of-use columns (wheeled kWh is counted separately)."""
        return self.peak + self.semi_peak + self.saturday_semi_peak + self.off_peak


class MonthlyElectricity(BaseModel):
    """表五之二、電能使用量統計表 for one meter: 12 months; totals and averages are derived."""

    model_config = _STRICT

    meter: str = Field(min_length=1)
    energy_unit: str = "kWh"
    demand_unit: str = "kW"
    months: list[ElectricityMonth]

    @field_validator("months")
    @classmethod
    def _twelve_months(cls, v: list[ElectricityMonth]) -> list[ElectricityMonth]:
        if len(v) != 12:
            raise ValueError(f"must hold the 12 months January to December, got {len(v)}")
        return v

    @field_validator("energy_unit")
    @classmethod
    def _energy_unit(cls, v: str) -> str:
        try:
            _checked_unit(v, "kWh", "energy_unit")
        except UnitsError as exc:
            raise ValueError(f"{exc}; the bills' 用電度數 are real energy: kWh (度) or MWh (千度)") from exc
        return v

    @field_validator("demand_unit")
    @classmethod
    def _demand_unit(cls, v: str) -> str:
        try:
            _checked_unit(v, "kW", "demand_unit")
        except UnitsError as exc:
            raise ValueError(f"{exc}; the bills' 最高需量 is real power: kW (瓩)") from exc
        return v

    def monthly_energy(self) -> Quantity:
        """Each month's kWh (time-of-use columns) as a 12-element Quantity."""
        return Q_(np.array([m.energy for m in self.months]), parse_unit(self.energy_unit))

    def total(self) -> Quantity:
        """合計 of the time-of-use columns."""
        return Q_(float(sum(m.energy for m in self.months)), parse_unit(self.energy_unit))

    def total_with_wheeled(self) -> Quantity:
        """合計 including 轉供度數 (the bill total of the 電能用量平衡圖)."""
        return Q_(float(sum(m.energy + m.wheeled for m in self.months)), parse_unit(self.energy_unit))

    def average(self) -> Quantity:
        """平均 per month."""
        return Q_(self.total().m / 12, parse_unit(self.energy_unit))

    def highest_demand(self) -> Quantity:
        """The year's highest peak demand."""
        return Q_(max(m.max_demand for m in self.months), parse_unit(self.demand_unit))


class EfficiencyFactors(BaseModel):
    """表五之三、單位能源使用效率因子: lighting and AC power, installed and summer-maximum tonnage."""

    model_config = _STRICT

    lighting_power: Power = Field(description="照明耗電功率")
    ac_power: Power = Field(description="空調耗電功率")
    installed_central: Annotated[Amount, AfterValidator(_dimension("USRT"))]
    installed_other: Annotated[Amount, AfterValidator(_dimension("USRT"))]
    summer_max_central: Annotated[Amount, AfterValidator(_dimension("USRT"))]
    summer_max_other: Annotated[Amount, AfterValidator(_dimension("USRT"))]


class Building(BaseModel):
    """七、建築資料."""

    model_config = _STRICT

    name: str = Field(min_length=1)
    user_class: UserClass
    built_year_roc: int = Field(ge=1, le=300, description="建造年份 (民國年)")
    floors_below: Count
    floors_above: Annotated[int, Field(ge=1, json_schema_extra=_BOUNDED), AfterValidator(_within_range)]
    floor_area: Area
    roof: str = ""
    entrance: str = ""


class LightingRow(BaseModel):
    """表九之二、照明系統: one kind of lamp in one area."""

    model_config = _STRICT

    building: str = ""
    kind: Literal["fluorescent", "cfl", "halogen", "metal_halide", "hps", "mercury", "led", "other"]
    area: str = ""
    power_per_fixture: Annotated[Amount, AfterValidator(_dimension("W"))]
    fixtures: Count
    hours: Hours = Field(description="運轉時數 (小時/年)")

    def annual_energy(self) -> Quantity:
        """power × fixtures × hours [kWh]."""
        return Q_(self.power_per_fixture.quantity.m_as("kW") * self.fixtures * self.hours.quantity.m_as("h"), "kWh")


class OtherEquipmentRow(BaseModel):
    """表九之三、其他系統: one item (refrigeration, office, ventilation, water, elevators, boilers, heat pumps,
    compressed air, other), with the chiller group it belongs to where it serves one."""

    model_config = _STRICT

    building: str = ""
    chiller_group: str = Field(default="", description="冰水機群組名稱, for chillers and their auxiliaries")
    system: Literal[
        "refrigeration",
        "office",
        "ventilation",
        "water",
        "elevators",
        "boilers",
        "heat_pumps",
        "compressed_air",
        "chiller_auxiliary",
        "other",
    ]
    name: str = Field(min_length=1)
    number: str = ""
    brand: str = ""
    type: str = ""
    variable_frequency: bool | None = Field(default=None, description="有無變頻控制 (elevators)")
    regenerative: bool | None = Field(default=None, description="有無裝設電力回生裝置 (elevators)")
    power: Power
    year_roc: int | None = Field(default=None, ge=1, le=300)
    capacity: NonNegative | None = None
    motor_efficiency_class: Literal["IE1", "IE2", "IE3", "IE4"] | None = None
    units: Count
    hours: Hours
    energy: Literal["electricity", "fuel_oil", "lpg", "natural_gas", "diesel", "other"] = "electricity"


class SystemRow(BaseModel):
    """表九之三 (其他系統) / 九之四: one system's equipment and its utilisation."""

    model_config = _STRICT

    system: Literal[
        "air_conditioning",
        "lighting",
        "refrigeration",
        "office",
        "ventilation",
        "water",
        "elevators",
        "boilers",
        "heat_pumps",
        "compressed_air",
        "other",
    ]
    utilisation: Fraction = Field(description="系統設備利用率 = 年平均運轉容量 ÷ 總容量")
    running_hours: Hours = Field(description="全年實際運轉時數 (÷ 8,760 h on the form)")


class RegisterRow(BaseModel):
    """表九之五、重大使用能源設備登錄表."""

    model_config = _STRICT

    system: str = Field(min_length=1)
    equipment: str = Field(min_length=1)
    operation: Literal["standard", "experience"]
    maintenance: Literal["regular", "irregular"]


class Boiler(BaseModel):
    """表九之六、鍋爐設備操作概況表."""

    model_config = _STRICT

    item: str = Field(min_length=1, description="鍋爐項次 (as in 表九之三)")
    inspection_no: str | None = Field(default=None, description="構造檢查號碼")
    kind: Literal["steam", "hot_water", "other"]
    type: Literal["water_tube", "fire_tube", "once_through", "other"]
    fuel: Literal["fuel_oil", "lpg", "natural_gas", "diesel", "electricity", "coal"]
    annual_use: NonNegative = Field(description="年度能源使用量 (公秉, 公斤, 立方公尺, 度)")
    capacity: Amount = Field(description="t/h of steam or Gcal/h (百萬千卡/小時)")

    @field_validator("annual_use")
    @classmethod
    def _use_unit(cls, v: Amount) -> Amount:
        try:
            _checked_unit(v.unit, ("L", "kg", "kWh"), "annual_use")
        except UnitsError as exc:
            raise ValueError(f"{exc} (the form's units: 公秉, 公斤, 立方公尺, 度)") from exc
        return v

    status: Literal["in_use", "out_of_use", "standby"]

    @field_validator("capacity")
    @classmethod
    def _capacity(cls, v: Amount) -> Amount:
        try:
            _checked_unit(v.unit, ("t/h", "kcal/h"), "capacity")
        except UnitsError as exc:
            raise ValueError(f"{exc}: a steam rate (公噸/小時, t/h) or a heat rate (百萬千卡/小時, Gcal/h)") from exc
        if v.value <= 0:
            raise ValueError(f"capacity must be positive, got {v.value} {v.unit}")
        return v


class SteamBoilerCheck(BaseModel):
    """表九之七、蒸汽鍋爐設備操作自我檢測表: monthly exhaust temperature and O2 of one steam boiler."""

    model_config = _STRICT

    item: str = Field(min_length=1, description="蒸汽鍋爐項次 (as in 表九之六)")
    exhaust_temperature: Months = Field(description="最末排氣溫度 [degC], monthly means of daily checks")
    exhaust_o2: list[Fraction] = Field(description="排氣含氧量, monthly means of weekly checks (fractions)")
    reasons: dict[int, str] = Field(default_factory=dict, description="month -> reason a value exceeded the limit")
    limit_temperature: Annotated[Amount, AfterValidator(_dimension("degC"))] | None = Field(
        default=None,
        description="最末排氣溫度 limit: an absolute temperature (degC, K or degF); a temperature difference "
        "(delta_degC) is refused, since a limit of 250 delta_degC says nothing about the exhaust temperature",
    )
    limit_o2: Fraction | None = None

    @field_validator("exhaust_o2")
    @classmethod
    def _twelve_o2(cls, v: list[float]) -> list[float]:
        if len(v) != 12:
            raise ValueError(f"must hold the 12 months January to December, got {len(v)}")
        return v


class Balances(BaseModel):
    """六、能源流程分析: the year's electricity by category and heat by use."""

    model_config = _STRICT

    electricity: dict[
        Literal[
            "air_conditioning", "lighting", "refrigeration", "office", "ventilation", "water", "elevators", "other"
        ],
        Energy,
    ] = Field(default_factory=dict)
    heat_uses: dict[
        Literal["rooms", "sauna", "pool", "laundry", "kitchen", "disinfection", "vehicles", "generators", "other"],
        Annotated[Amount, AfterValidator(_dimension("Mcal"))],
    ] = Field(default_factory=dict)


class Transformer(BaseModel):
    """八、電能系統資料: one transformer's rating and peak-load readings."""

    model_config = _STRICT

    number: str = Field(min_length=1)
    building: str = ""
    capacity: Annotated[Amount, AfterValidator(_dimension("kVA")), AfterValidator(_positive)]
    secondary_voltage: Annotated[Amount, AfterValidator(_dimension("V"))] = Field(description="二次側實際電壓")
    max_load_current: Annotated[Amount, AfterValidator(_dimension("A"))] = Field(description="二次側最大負載電流")
    power_factor: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
    declared_load_rate: Fraction | None = Field(default=None, description="負載率 as typed on the form")


class ChillerMonth(BaseModel):
    """One month of 表九之一(二)."""

    model_config = _STRICT

    kwh: Figure
    rth: Figure
    not_running: bool = Field(default=False, description="整月未開主機")
    declared_kw_per_rt: Figure | None = None


class ChillerGroup(BaseModel):
    """表九之一: a chiller group, its total capacity and (from 1,000 RT) its monthly table."""

    model_config = _STRICT

    name: str = Field(min_length=1)
    building: str = ""
    capacity: Annotated[Amount, AfterValidator(_dimension("USRT")), AfterValidator(_positive)] = Field(
        description="冰水主機(含備用機)總容量"
    )
    months: list[ChillerMonth] = Field(default_factory=list)


class DataCentreEntry(BaseModel):
    """表九之八: a data centre's annual energies and IT metering point."""

    model_config = _STRICT

    building: str = ""
    floor: str = ""
    infrastructure: Energy = Field(description="基礎設施全年電力使用量 (a)")
    it: Annotated[Energy, AfterValidator(_positive)] = Field(description="資訊設備全年電力使用量 (b)")
    metering_point: Literal["ups_input", "ups_output", "pdu_output", "it_input", "other"]
    declared_pue: (
        Annotated[float, Field(ge=1, allow_inf_nan=False, json_schema_extra=_BOUNDED), AfterValidator(_within_range)]
        | None
    ) = None


class MergedMeter(BaseModel):
    """附錄二: a meter merged into this declaration, and why it may be."""

    model_config = _STRICT

    meter: str = Field(min_length=1)
    address: str = Field(min_length=1)
    county: str = Field(min_length=1)
    reason: Literal["same_address", "adjacent", "ev_charging"]
    same_holder: bool = Field(default=True, description="電號戶名相同")


def _in_energy_unit(v: Amount, info: ValidationInfo) -> Amount:
    """A measure's savings must be in the unit of its energy type (kWh for electricity, kL for fuel oil ...)."""
    from ..savings import ENERGY_TYPES

    energy = info.data.get("energy")
    if energy is not None:
        label = ENERGY_TYPES[energy][1]
        try:
            _checked_unit(v.unit, label, info.field_name or "savings")
        except UnitsError as exc:
            raise ValueError(f"{exc}; {energy} savings are declared in {label}") from exc
    return v


class _Measure(BaseModel):
    """What an executed (表十之一/十之二) and a planned (表十一之一/十一之二) measure share."""

    model_config = _STRICT

    code: str
    energy: Literal["electricity", "fuel_oil", "lpg", "natural_gas", "gasoline", "diesel"]
    name: str = Field(min_length=1)
    period: str = Field(description="執行計畫期間 (ROC), e.g. '113/8~113/9'")
    first_month: int = Field(ge=1, le=12, description="效益計算期間 起月")
    last_month: int = Field(ge=1, le=12, description="效益計算期間 迄月")
    annual_savings: NonNegative = Field(description="the measure's savings over a full year, in the energy's unit")
    investment: Money | None = None

    @field_validator("annual_savings", "declared_savings", "planned_savings", check_fields=False)
    @classmethod
    def _energy_unit(cls, v: Amount, info: ValidationInfo) -> Amount:
        return _in_energy_unit(v, info)

    @field_validator("period")
    @classmethod
    def _period(cls, v: str) -> str:
        YearMonthRange.parse(v)  # PeriodError (a ValueError) names the problem
        return v

    @model_validator(mode="after")
    def _months_order(self) -> _Measure:
        if self.last_month < self.first_month:
            raise ValueError(f"last_month {self.last_month} is before first_month {self.first_month}")
        return self


class ExecutedMeasure(_Measure):
    """One measure of 表十之一/十之二, as declared for year N."""

    declared_savings: NonNegative = Field(description="節約能源量 declared for year N (起月~迄月)")
    saving_amount: Money | None = None


class DemandResponseRow(BaseModel):
    """表十之三(一): one month's demand-response event on one meter."""

    model_config = _STRICT

    month: int = Field(ge=1, le=12)
    meter: str = Field(min_length=1)
    programme: str = Field(description="措施代號 (a)-(o)")
    reduction: Power = Field(description="實際抑低量")
    hours: Hours = Field(description="抑低時數")

    @field_validator("programme")
    @classmethod
    def _programme(cls, v: str) -> str:
        from ..measure_codes import demand_response_programme

        return demand_response_programme(v).code

    def recognised(self) -> Quantity:
        """reduction × hours [kWh]."""
        from ..savings import demand_response

        return demand_response(self.reduction.quantity, self.hours.quantity)


class RenewableRow(BaseModel):
    """表十之三(二): one renewable installation within the regulated meters."""

    model_config = _STRICT

    kind: Literal["solar", "geothermal", "wind", "other"]
    meter: str = Field(min_length=1, description="再生能源設置登記電號 (併聯電號)")
    area: str = ""
    installed_on: FormDate
    capacity: Power
    generated: Energy
    sold: Energy

    @field_validator("sold")
    @classmethod
    def _not_above_generated(cls, v: Amount, info: ValidationInfo) -> Amount:
        generated = info.data.get("generated")
        if generated is not None and v.quantity.m_as("kWh") > generated.quantity.m_as("kWh"):
            raise ValueError(
                f"sold ({v.value:g} {v.unit}) must not exceed generated ({generated.value:g} {generated.unit})"
            )
        return v


class SavingsSection(BaseModel):
    """十、節約能源目標及執行計畫達成情形: executed measures, DR, renewables, annual use.

    Give demand response and renewables either as the form's rows (``demand_response_rows``,
    ``renewables``) or as totals (``demand_response``, ``renewable_generated``/``renewable_sold``);
    where both are given, :func:`~carbonaudit.declaration.validate` checks they agree.
    """

    model_config = _STRICT

    measures: list[ExecutedMeasure] = Field(default_factory=list)
    demand_response_rows: list[DemandResponseRow] = Field(default_factory=list)
    renewables: list[RenewableRow] = Field(default_factory=list)
    demand_response: Energy | None = Field(default=None, description="表十之三(一) 合計")
    renewable_generated: Energy | None = None
    renewable_sold: Energy | None = None
    deductions: dict[str, Energy] = Field(default_factory=dict, description="表十之四 kinds -> kWh")

    def demand_response_kwh(self) -> float:
        """Recognised demand-response savings [kWh]: Σ rows, else the total, else 0."""
        if self.demand_response_rows:
            return float(sum(r.recognised().m_as("kWh") for r in self.demand_response_rows))
        return float(self.demand_response.quantity.m_as("kWh")) if self.demand_response is not None else 0.0

    def renewable_self_use_kwh(self) -> float:
        """Recognised renewable self-use [kWh]: generation − sold, from the rows or the totals."""
        if self.renewables:
            return float(sum(r.generated.quantity.m_as("kWh") - r.sold.quantity.m_as("kWh") for r in self.renewables))
        if self.renewable_generated is None:
            return 0.0
        sold = self.renewable_sold.quantity.m_as("kWh") if self.renewable_sold is not None else 0.0
        return float(self.renewable_generated.quantity.m_as("kWh") - sold)


class PlannedMeasure(_Measure):
    """One measure of 表十一之一/十一之二, planned for year N+1 (``period`` is 預計執行計畫期間)."""

    planned_savings: NonNegative = Field(description="預估節約能源量 for N+1 (起月~迄月)")


class PlanSection(BaseModel):
    """十一、節約能源目標及執行計畫: planned measures and the planned use of N+1 (表十一之四)."""

    model_config = _STRICT

    measures: list[PlannedMeasure] = Field(default_factory=list)
    demand_response: Energy | None = None
    renewable_self_use: Energy | None = None
    use_method: Literal["same", "deduct", "estimate"] = Field(description="表十一之四: 沿用, 扣除, 其他估算")
    deductions: dict[
        Literal[
            "new_buildings",
            "new_equipment",
            "rail_traction",
            "construction_areas",
            "ev_charging",
            "energy_use_statement",
        ],
        Energy,
    ] = Field(default_factory=dict)
    estimate: Energy | None = None
    estimate_note: str = ""


class Declaration(BaseModel):
    """A declaration of year N on the current non-production form (non-production-form-2025 附表三).

    Examples
    --------
    >>> from carbonaudit.declaration import Declaration
    >>> d = Declaration.from_yaml("examples/office_declaration.yaml")     # doctest: +SKIP
    """

    model_config = _STRICT

    form: Literal["non-production-114"] = "non-production-114"
    era: Literal["ROC", "AD"]
    year: int = Field(description="資料年 N")
    preparer_registered: bool = Field(description="一: 填表人員已完成技師或能管員設置登記")
    preparer: Preparer | None = Field(default=None, description="一 (否): 填表人資料")
    no_manager_reasons: list[str] = Field(default_factory=list, description="未設置能源管理員原因說明")
    managers: list[EnergyManager] = Field(default_factory=list)
    basic: BasicData
    organisation: Organisation
    policy: Policy
    thermal: MonthlyThermal = Field(default_factory=MonthlyThermal)
    electricity: list[MonthlyElectricity] = Field(min_length=1)
    previous_year_electricity: list[MonthlyElectricity] = Field(default_factory=list)
    previous_year_floor_area: Area | None = None
    previous_year_parking_area: Area | None = None
    eui_reasons: dict[Literal["Q1", "Q2", "Q3", "Q4", "year"], str] = Field(
        default_factory=dict, description="表五之四 原因: why EUI changed more than 10 %"
    )
    previous_year_thermal: MonthlyThermal | None = None
    thermal_eui_reasons: dict[Literal["Q1", "Q2", "Q3", "Q4", "year"], str] = Field(default_factory=dict)
    efficiency_factors: EfficiencyFactors | None = None
    balances: Balances | None = None
    buildings: list[Building] = Field(default_factory=list)
    transformers: list[Transformer] = Field(default_factory=list)
    lighting: list[LightingRow] = Field(default_factory=list)
    other_equipment: list[OtherEquipmentRow] = Field(default_factory=list)
    systems: list[SystemRow] = Field(default_factory=list)
    equipment_register: list[RegisterRow] = Field(default_factory=list, description="表九之五")
    boilers: list[Boiler] = Field(default_factory=list)
    steam_boiler_checks: list[SteamBoilerCheck] = Field(default_factory=list)
    chiller_groups: list[ChillerGroup] = Field(default_factory=list)
    data_centres: list[DataCentreEntry] = Field(default_factory=list)
    main_meter_county: str | None = Field(default=None, description="county of the declaring meter, for 附錄二")
    merged_meters: list[MergedMeter] = Field(default_factory=list)
    savings: SavingsSection | None = None
    plan: PlanSection | None = None

    @property
    def ad_year(self) -> int:
        """The data year N as an AD year."""
        return roc_to_ad(self.year) if self.era == "ROC" else self.year

    @field_validator("year")
    @classmethod
    def _year(cls, v: int, info: ValidationInfo) -> int:
        return _check_year(v, info.data.get("era"))

    # -- derived figures ----------------------------------------------------------------------

    def summary(self, factor_set: FactorSet | str | None = None) -> dict[str, Any]:
        """The declaration's headline figures, computed by the engines from its rows.

        Works on every declaration that loads: a figure the rows do not allow (a meter's table given
        twice, a fuel the factor set cannot convert, areas that leave no indoor area ...) is None and
        ``not_computable`` says why; :func:`~carbonaudit.declaration.validate` reports the same
        problem as an error finding with its path (non-production-form-2025 表五之二, 表五之三, 表十之四).

        Parameters
        ----------
        factor_set : FactorSet or str, optional
            The factor set for the fuels' heat values and the oil-equivalent basis of ``energy``
            (a set, e.g. one made with ``with_overrides``, or a shipped set's id); default: the
            set of the data year (:func:`carbonaudit.factors.for_year`). A fuel column with its
            own ``density`` converts through it.

        Returns
        -------
        dict
            ``electricity``: total of the meters' tables [kWh]; ``energy``: electricity and fuels
            through the factor set's oil-equivalent basis [KLOE]; ``eui``: electric EUI [kWh/m²];
            with a savings section also ``savings``: recognised electricity savings [kWh] and
            ``saving_rate`` [fraction]. Each is a Quantity, or None when it cannot be computed;
            ``not_computable`` maps each such key to the reason (empty when all are computed).

        Raises
        ------
        FactorNotFoundError
            If *factor_set* is neither a FactorSet nor the id of a shipped set, or is None and the
            data year is newer than every shipped set (the message says how to pass
            ``factor_set=factors.for_year(year, provisional=True)``).

        Examples
        --------
        >>> from carbonaudit.declaration import Declaration
        >>> s = Declaration.from_yaml("examples/office_declaration.yaml").summary()
        >>> s["electricity"], s["not_computable"]
        (<Quantity(4390000.0, 'kilowatt_hour')>, {})
        """
        from .._convert import resolve_set
        from ..building import eui
        from ..energy import to_kloe
        from ..errors import FactorNotFoundError, InvalidValueError
        from ..rates import annual_saving_rate
        from .validate import _tables_in_error, fuel_findings, meter_table_findings

        fs = resolve_set(factor_set, self.ad_year)  # default: the set of the data year
        missing: dict[str, str] = {}
        tables = (
            [
                f.message
                for f in meter_table_findings(self)
                if f.severity == "error" and f.path.startswith("electricity")
            ]
            if _tables_in_error(self)
            else []
        )
        electricity: Quantity | None = None
        if tables:
            for key in ("electricity", "energy", "eui"):
                missing[key] = "; ".join(tables)
        else:
            electricity = Q_(sum(e.total().m_as("kWh") for e in self.electricity), "kWh")
        energy: Quantity | None = None
        fuels = [f.message for f in fuel_findings(self, fs, ("thermal",))]
        if fuels:
            missing["energy"] = "; ".join(fuels)
        elif electricity is not None:
            try:
                kloe = to_kloe(electricity, "E01", fs).m
            except FactorNotFoundError as exc:  # a user's set without electricity or an oil-equivalent basis
                missing["energy"] = f"factor set {fs.id!r} cannot convert the electricity to KLOE: {exc}"
            except InvalidValueError as exc:  # bills summing beyond 1e30 kWh: a unit or decimal point wrong
                missing["energy"] = f"the electricity cannot be converted to KLOE: {exc}"
            else:
                for fuel, column in self.thermal.fuels().items():
                    kloe += to_kloe(column.total(), fuel, fuel_factor_set(fs, fuel, column)).m
                energy = Q_(kloe, "KLOE")
        area: Quantity | None = None
        if electricity is not None:
            try:
                area = eui(electricity, self.basic.total_floor_area.quantity, self.basic.indoor_parking_area.quantity)
            except InvalidValueError as exc:  # e.g. the parking area is the whole floor area
                missing["eui"] = str(exc)
        out: dict[str, Any] = {"electricity": electricity, "energy": energy, "eui": area}
        s = self.savings
        if s is not None:
            saved = sum(m.declared_savings.quantity.m_as("kWh") for m in s.measures if m.energy == "electricity")
            saved += s.demand_response_kwh()
            self_use = s.renewable_self_use_kwh()
            deductions = sum(q.quantity.m_as("kWh") for q in s.deductions.values())
            out["savings"] = Q_(saved + self_use, "kWh")
            out["saving_rate"] = None
            if electricity is None:
                missing["saving_rate"] = missing["electricity"]
            else:
                try:
                    out["saving_rate"] = annual_saving_rate(
                        Q_(saved + self_use, "kWh"), Q_(electricity.m + self_use, "kWh"), Q_(deductions, "kWh")
                    )
                except InvalidValueError as exc:  # e.g. deductions above the use
                    missing["saving_rate"] = str(exc)
        out["not_computable"] = missing
        return out

    # -- IO -----------------------------------------------------------------------------------

    @classmethod
    def from_json(cls, text: str | bytes) -> Declaration:
        """Read a declaration from JSON text (pydantic ``ValidationError`` names every bad field).

        Raises
        ------
        DataFileError
            If *text* is longer than the 20 MB that carbonaudit reads from one file.
        pydantic.ValidationError
            If the JSON is malformed or a field is missing or invalid (each one named by its path).
        """
        from .._data import check_text_size

        check_text_size(len(text), "<text>", "declaration")
        return cls.model_validate_json(text)

    @classmethod
    def from_yaml(cls, path_or_text: Any) -> Declaration:
        """Read a declaration from a YAML file path or YAML text."""
        import json

        from .._data import load_yaml

        try:
            text = json.dumps(load_yaml(path_or_text), ensure_ascii=False)
        except TypeError as exc:  # a YAML date or other value JSON cannot hold
            raise DataFileError(f"declaration holds a value JSON cannot: {exc}") from exc
        return cls.model_validate_json(text)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The declaration as JSON text (round-trips through :meth:`from_json`)."""
        return self.model_dump_json(indent=indent)

    def to_excel(self, path: str | os.PathLike[str]) -> Path:
        """Write the declaration to an Excel workbook, one sheet per table of the form.

        The sheets are the tables of non-production-form-2025 附表三 (一 … 十一 and 附錄二): row 1
        the form's Chinese header with its unit, row 2 the English field key, then one row per
        meter, month, equipment or measure; sections of single fields (三 basic data, 表四之二
        policy ...) are field/value sheets (field key, 中文, value, unit). An amount is a value
        column and a unit column, in the unit declared. Totals, averages and EUIs are not written:
        they are derived. Every number keeps all its digits, so
        :func:`~carbonaudit.declaration.load` reads back a declaration equal to this one.

        Parameters
        ----------
        path : str or os.PathLike
            The workbook to write, ending in ``.xlsx`` (overwritten if it exists).

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        DeclarationError
            If *path* does not end in ``.xlsx``, or a whole number exceeds 2**53 (Excel holds
            numbers as float64 and would change it).
        MissingDependencyError
            If xlsxwriter is not installed (``pip install "carbonaudit[excel]"``).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from carbonaudit import declaration
        >>> d = declaration.load("examples/office_declaration.yaml")
        >>> out = d.to_excel(pathlib.Path(tempfile.mkdtemp()) / "office.xlsx")
        >>> declaration.load(out) == d
        True
        """
        from ._excel import write

        return write(self, path, Declaration)
