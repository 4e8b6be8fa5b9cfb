"""Production-sector declaration tables (production-declaration-2018, 107年 生產性質行業) and their rules.

Modelled: 表六之一 monthly energy use (time-of-use electricity and fuels), 表六之二 the energy and
heat-value table with measured overrides and grades, and 表八之三 the products' monthly output and
unit electricity for this year and last, with the reasons the form asks for. Rules: products'
electricity not above the declared use per month and per year, coverage below 80 %, quarterly
unit-energy differences over 10 % without a reason, and a weighted heat value that disagrees with
its grades.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .._data import load_yaml
from ..errors import CarbonAuditError, FactorNotFoundError, Finding, Findings, InvalidValueError, UnitsError
from ..periods import ad_to_roc, roc_to_ad
from ..units import Q_, parse_unit
from .models import (
    Amount,
    Count,
    Energy,
    Figure,
    Meter,
    Money,
    Months,
    NonNegative,
    _checked_unit,
    _not_a_declaration,
)

if TYPE_CHECKING:
    from ..factors import FactorSet

__all__ = [
    "HeatValueRow",
    "Product",
    "ProductionDeclaration",
    "ProductionEnergy",
    "ProductionEquipment",
    "ProductionMeasure",
    "validate_production",
]

_STRICT = ConfigDict(extra="forbid", frozen=True, strict=True, str_strip_whitespace=True)


class ProductionEnergy(BaseModel):
    """表六之一: purchased electricity by time of use [kWh] and other energy by code."""

    model_config = _STRICT

    peak: Months
    semi_peak: Months
    off_peak: Months
    saturday_semi_peak: Months
    fuels: dict[str, Months] = Field(default_factory=dict, description="energy code -> 12 months, unit in heat_values")

    def electricity(self) -> Any:
        """Monthly purchased electricity [kWh] as an array of 12."""
        return np.sum([self.peak, self.semi_peak, self.off_peak, self.saturday_semi_peak], axis=0)


class HeatValueRow(BaseModel):
    """表六之二: an energy, its unit, annual use and heat value (measured or the official one)."""

    model_config = _STRICT

    code: str = Field(min_length=1, description="能源代碼, e.g. C02, C02-1, O06")
    name: str = ""
    unit: str
    annual_use: Figure
    heat_value: Amount | None = Field(default=None, description="measured heat value per unit; none: official")

    @field_validator("unit")
    @classmethod
    def _unit(cls, v: str) -> str:
        try:
            _checked_unit(v, ("L", "kg", "kWh"), "unit")
        except UnitsError as exc:
            raise ValueError(f"{exc} (the table's units: 公秉, 公升, 公噸, 公斤, 千立方公尺, 度)") from exc
        return v

    @field_validator("heat_value")
    @classmethod
    def _heat_value(cls, v: Amount | None) -> Amount | None:
        if v is None:
            return v
        try:
            _checked_unit(v.unit, ("kcal/kg", "kcal/L", "kcal/kWh"), "heat_value")
        except UnitsError as exc:
            raise ValueError(f"{exc}: a heat value is an energy per mass or volume (kcal/kg, kcal/L)") from exc
        if v.value <= 0:
            raise ValueError(f"heat_value must be positive, got {v.value} {v.unit}")
        return v


class Product(BaseModel):
    """表八之三: a main product's monthly output and electricity per unit, this year and last."""

    model_config = _STRICT

    name: str = Field(min_length=1)
    output: Months
    output_last_year: Months
    kwh_per_unit: Months
    kwh_per_unit_last_year: Months
    reasons: dict[Literal["Q1", "Q2", "Q3", "Q4"], str] = Field(default_factory=dict)


class ProductionEquipment(BaseModel):
    """表九之一 (公用設備) / 九之二 (製程設備): one item of the equipment register."""

    model_config = _STRICT

    name: str = Field(min_length=1)
    category: str = Field(min_length=1, description="設備類別, e.g. 空壓機")
    process: bool = Field(default=False, description="製程設備 (表九之二) rather than 公用設備")
    standby: bool = False
    brand: str = ""
    type: str = ""
    motor_hp: Figure | None = None
    year_ad: int | None = Field(default=None, ge=1900, le=2200, description="西元製造年份")
    capacity: NonNegative
    units: Count = Field(description="現有數量")
    standby_units: Count = 0


class ProductionMeasure(BaseModel):
    """表十之一 (107年): an executed measure with its 107年-system code and recognised months."""

    model_config = _STRICT

    code: str = Field(description="措施代碼 of the 107年 system (its own tables; format checked)")
    name: str = Field(min_length=1)
    source: Literal["current_year", "cross_year"] = Field(description="當年度計畫 / 跨年度成效")
    period: str = Field(description="執行計劃期間, e.g. '105/12~106/2' (ROC)")
    first_month: int = Field(ge=1, le=12)
    last_month: int = Field(ge=1, le=12)
    electricity: Figure = Field(description="節電量 (度)")
    investment: Money | None = None

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        import re

        if not re.fullmatch(r"[A-Z]{2}\d{2}", v.strip().upper()):
            raise ValueError(f"measure code {v!r} must be two letters and two digits (e.g. DE41)")
        return v

    @field_validator("period")
    @classmethod
    def _period(cls, v: str) -> str:
        from ..periods import YearMonthRange

        YearMonthRange.parse(v)
        return v


class ProductionDeclaration(BaseModel):
    """A production-sector declaration of year N (production-declaration-2018): the tables above."""

    model_config = _STRICT

    form: Literal["production-107"] = "production-107"
    era: Literal["ROC", "AD"]
    year: int
    user_id: str = Field(min_length=1)
    user_name: str = Field(min_length=1)
    meters: list[Meter] = Field(min_length=1)
    energy: ProductionEnergy
    heat_values: list[HeatValueRow] = Field(default_factory=list)
    balance: dict[str, Energy] = Field(default_factory=dict, description="電能平衡: electricity by equipment group")
    products: list[Product] = Field(default_factory=list)
    equipment: list[ProductionEquipment] = Field(default_factory=list)
    measures: list[ProductionMeasure] = Field(default_factory=list)

    @field_validator("year")
    @classmethod
    def _year(cls, v: int, info: ValidationInfo) -> int:
        era = info.data.get("era")
        if era == "ROC":
            roc_to_ad(v)
        elif era == "AD":
            ad_to_roc(v)
        return v

    @property
    def ad_year(self) -> int:
        """Year N in AD."""
        return roc_to_ad(self.year) if self.era == "ROC" else self.year

    @classmethod
    def from_yaml(cls, path_or_text: Any) -> ProductionDeclaration:
        """Read from a YAML file path or YAML text."""
        return cls.model_validate_json(_to_json(load_yaml(path_or_text)))

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON text that ``model_validate_json`` reads back."""
        return self.model_dump_json(indent=indent)

    def to_excel(self, path: str | os.PathLike[str]) -> Path:
        """Write the declaration to an Excel workbook, one sheet per table of the production form.

        The sheets are the tables of production-declaration-2018 (基本資料, 電號, 表六之一, 表六之二,
        電能平衡, 表八之三, 表九之一/九之二, 表十之一): row 1 the Chinese header with its unit,
        row 2 the English field key, then one row per meter, month, energy, product, equipment or
        measure. :func:`~carbonaudit.declaration.load` reads it back, equal to this declaration.

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
            If *path* does not end in ``.xlsx``, or a whole number exceeds 2**53.
        MissingDependencyError
            If xlsxwriter is not installed (``pip install "carbonaudit[excel]"``).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from carbonaudit import declaration
        >>> d = declaration.load("examples/production_declaration.yaml")
        >>> out = d.to_excel(pathlib.Path(tempfile.mkdtemp()) / "plant.xlsx")
        >>> declaration.load(out) == d
        True
        """
        from ._excel import write

        return write(self, path, ProductionDeclaration)


def _to_json(data: Any) -> str:
    import json

    from ..errors import DataFileError

    try:
        return json.dumps(data, ensure_ascii=False)
    except TypeError as exc:  # a YAML date or other value JSON cannot hold
        raise DataFileError(f"declaration holds a value JSON cannot: {exc}") from exc


def _f(code: str, severity: Any, path: str, en: str, zh: str, **context: Any) -> Finding:
    return Finding(code, severity, path, en, context, zh)


def validate_production(d: ProductionDeclaration, factor_set: FactorSet | str | None = None) -> Findings:
    """Rules of the production-sector tables (production-declaration-2018 必填項目 note 1, 表八之三, 表六之二).

    Products' electricity (output × kWh per unit, 表八之三) must not exceed the declared use
    (表六之一) in any month or over the year, and below 80 % of it needs an explanation (表八之二);
    a quarter whose energy per unit differs from last year's by more than 10 % needs a reason; a
    weighted heat value must equal Σ(use × heat) / Σ use of its grades (表六之二); the electricity
    balance must not exceed the declared use; each measure's recognised months must follow from its
    completion period (production-declaration-2018 表十之一); and the year's saving rate is reported.

    Parameters
    ----------
    d : ProductionDeclaration
        A declaration read with :meth:`ProductionDeclaration.from_yaml` (structure already
        validated by pydantic).
    factor_set : FactorSet or str, optional
        The factor set whose electricity (E01) the products' quarterly KLOE per unit converts
        with, on 表八之三's basis of 0.00023 KLOE/kWh: a set or a shipped set's id (the command
        line's ``carbonaudit validate --set ID``); default: the set of the data year
        (:func:`carbonaudit.factors.for_year`: ``tw-2024`` for 106年).

    Returns
    -------
    Findings
        A list of :class:`~carbonaudit.errors.Finding` with a table view in notebooks.
        In this order: rows given twice (``declaration.duplicate_meter``, ``duplicate_product``,
        ``duplicate_heat_value``, ``duplicate_measure``) and energy codes of ``energy.fuels`` with
        no row in ``heat_values`` (``declaration.unknown_energy_code``), all errors; per product
        ``declaration.product_not_computable`` (error) or
        ``production.unit_energy_difference`` (warning, quarters without a reason);
        ``declaration.products_exceed_use`` (error) per month; for the year
        ``declaration.products_exceed_use`` or ``production.coverage`` (info, warning below
        80 %); ``declaration.weighted_heat_value``;
        ``declaration.balance_exceeds_use``; per measure ``declaration.recognition_year``,
        ``declaration.recognition_months`` or ``declaration.measure_source``; and
        ``declaration.saving_rate`` (info). Each has an English and a Chinese message. As in
        :func:`~carbonaudit.declaration.validate`, a figure an engine refuses to compute from the
        declared values is an error finding with the reason (``declaration.product_not_computable``,
        ``declaration.weighted_heat_value``, or ``declaration.not_computable`` at ``measures`` for
        a saving rate beyond what it takes) instead of raising; an error of a rule itself propagates.

    Raises
    ------
    DeclarationError
        If *d* is not a :class:`ProductionDeclaration`: a path, a dict or a non-production
        :class:`~carbonaudit.declaration.Declaration`; the message says what to call instead.
    FactorNotFoundError
        If *factor_set* is neither a FactorSet nor the id of a shipped set, or is None and the
        data year is newer than every shipped set (the message says how to pass
        ``factor_set=factors.for_year(year, provisional=True)``).

    Examples
    --------
    >>> from carbonaudit.declaration.production import ProductionDeclaration, validate_production
    >>> d = ProductionDeclaration.from_yaml("examples/production_declaration.yaml")
    >>> sorted({f.code for f in validate_production(d)})
    ['declaration.saving_rate', 'declaration.weighted_heat_value', 'production.coverage']

    The example declares 表六之二's C02 燃料煤(加權平均) at 6,080 kcal/kg, as production-declaration-2018 prints it:

    >>> [f.message_zh for f in validate_production(d) if f.code == "declaration.weighted_heat_value"]
    ['C02 加權平均熱值應為 5,890']
    """
    from .._convert import resolve_set
    from ..factors import rules

    if not isinstance(d, ProductionDeclaration):
        raise _not_a_declaration(d, "validate_production")
    from ..production import quarterly_differences, quarterly_energy_per_unit

    fs = resolve_set(factor_set, d.ad_year)  # default: the set of the data year
    out: list[Finding] = _identity_rules(d)
    plant = d.energy.electricity()
    products_total = np.zeros(12)
    for i, p in enumerate(d.products):
        use = np.asarray(p.output) * np.asarray(p.kwh_per_unit)
        products_total += use
        try:
            this = quarterly_energy_per_unit(Q_(use, "kWh"), list(p.output), factor_set=fs)
            last_use = np.asarray(p.output_last_year) * np.asarray(p.kwh_per_unit_last_year)
            last = quarterly_energy_per_unit(Q_(last_use, "kWh"), list(p.output_last_year), factor_set=fs)
            _, diffs = quarterly_differences(this.quarterly, last.quarterly, name=f"products[{i}]")
        except (FactorNotFoundError, InvalidValueError) as exc:  # no E01 in the set, a quarter without output
            out.append(
                _f(
                    "declaration.product_not_computable",
                    "error",
                    f"products[{i}]",
                    str(exc),
                    f"無法計算主要產品單位產量耗能：{exc}",
                )
            )
            continue
        for f in diffs:
            quarter = f.path.split(".")[-1]
            if quarter in p.reasons:
                continue
            out.append(
                _f(
                    f.code,
                    f.severity,
                    f"products[{i}].reasons.{quarter}",
                    f.message,
                    f"{quarter} 單位產品耗能差異超過10%，應填寫差異原因說明",
                    **f.context,
                )
            )
    for m in np.flatnonzero(products_total > plant * (1 + 1e-9)):
        out.append(
            _f(
                "declaration.products_exceed_use",
                "error",
                f"products.month_{m + 1}",
                f"month {m + 1}: products use {products_total[m]:,.0f} kWh, more than the declared {plant[m]:,.0f} kWh",
                f"{m + 1}月主要產品用電量合計超過申報用電量",
            )
        )
    if d.products and plant.sum() > 0:
        share = products_total.sum() / plant.sum()
        minimum = rules().limit("product_coverage_min").value
        if share > 1 + 1e-9:
            out.append(
                _f(
                    "declaration.products_exceed_use",
                    "error",
                    "products",
                    f"products use {share:.1%} of the declared electricity over the year",
                    "主要產品全年用電量合計超過申報用電量",
                )
            )
        else:
            out.append(
                _f(
                    "production.coverage",
                    "warning" if share < minimum else "info",
                    "products",
                    f"products cover {share:.1%} of the declared electricity"
                    + (f", less than {minimum:.0%}: explain the rest" if share < minimum else ""),
                    f"主要產品用電量占全廠 {share:.1%}" + ("，未達80%應說明" if share < minimum else ""),
                    share=float(share),
                )
            )
    # as validate: an engine's refusal of the declared values is a finding at the engine call; an
    # error of a rule itself propagates
    out += _heat_value_rules(d)
    out += _balance_and_measure_rules(d, plant)
    return Findings(out)


def _identity_rules(d: ProductionDeclaration) -> list[Finding]:
    """Each meter, product, heat-value row and measure once; every energy code of 表六之一 in 表六之二."""
    from .validate import duplicate_findings

    out = duplicate_findings("meters", [m.number for m in d.meters], "meter", "meter", "電號", "number")
    out += duplicate_findings("products", [p.name for p in d.products], "product", "product", "主要產品", "name")
    out += duplicate_findings(
        "heat_values", [r.code for r in d.heat_values], "heat_value", "energy code", "能源代碼", "code"
    )
    out += duplicate_findings(
        "measures", [(m.code, m.name, m.period) for m in d.measures], "measure", "code, name and period", "節約能源措施"
    )
    codes = {r.code for r in d.heat_values}
    for code in d.energy.fuels:
        if code not in codes:
            out.append(
                _f(
                    "declaration.unknown_energy_code",
                    "error",
                    f"energy.fuels.{code}",
                    f"energy code {code} of energy.fuels has no row in heat_values (表六之二: "
                    f"{', '.join(sorted(codes)) or 'none'}), which gives its unit: add the row or correct the code",
                    f"表六之一能源代碼 {code} 未列於表六之二",
                    energy_code=code,
                )
            )
    return out


def _not_computable(section: str, exc: CarbonAuditError) -> Finding:
    return _f("declaration.not_computable", "error", section, f"{section}: {exc}", f"無法檢核：{exc}")


def _balance_and_measure_rules(d: ProductionDeclaration, plant: Any) -> list[Finding]:
    from ..periods import YearMonthRange
    from ..rates import annual_saving_rate
    from .validate import recognition_findings

    out: list[Finding] = []
    if d.balance:
        total = sum(amount.quantity.m_as("kWh") for amount in d.balance.values())
        if total > plant.sum() * (1 + 1e-9):
            out.append(
                _f(
                    "declaration.balance_exceeds_use",
                    "error",
                    "balance",
                    f"the balance shares out {total:,.0f} kWh, more than the declared {plant.sum():,.0f} kWh",
                    "電能平衡各項合計超過申報用電量",
                )
            )
    for i, m in enumerate(d.measures):
        path = f"measures[{i}]"
        timing = recognition_findings(m.period, m.first_month, m.last_month, d.ad_year, path)
        out += timing
        if any(f.code == "declaration.recognition_year" for f in timing):
            continue
        end = YearMonthRange.parse(m.period).end
        start = end.add_months(1)
        kind = "cross_year" if start.year < d.ad_year else "current_year"
        if m.source != kind:
            out.append(
                _f(
                    "declaration.measure_source",
                    "warning",
                    f"{path}.source",
                    f"completed {end.roc_str()}: this is a {kind.replace('_', '-')} measure, declared {m.source}",
                    "節約能源措施來源 (當年度計畫/跨年度成效) 與執行期間不符",
                )
            )
    if d.measures and plant.sum() > 0:
        saved = sum(m.electricity for m in d.measures)
        try:
            rate = annual_saving_rate(Q_(saved, "kWh"), Q_(float(plant.sum()), "kWh"))
        except InvalidValueError as exc:  # savings summed beyond 1e30
            return [*out, _not_computable("measures", exc)]
        out.append(
            _f(
                "declaration.saving_rate",
                "info",
                "measures",
                f"the year's saving rate R = A / (A + B) = {saved:,.1f} / ({saved:,.1f} + {plant.sum():,.0f}) "
                f"= {rate.m:.2%}",
                f"年度節電率 {rate.m:.2%}",
                rate=float(rate.m),
            )
        )
    return out


def _heat_value_rules(d: ProductionDeclaration) -> list[Finding]:
    from ..energy import weighted_heat_value
    from ..units import magnitude

    out: list[Finding] = []
    rows = {r.code: (i, r) for i, r in enumerate(d.heat_values)}
    for code, (i, row) in rows.items():
        grades = [(j, r) for j, r in enumerate(d.heat_values) if r.code.startswith(code + "-")]
        if not grades or row.heat_value is None or any(r.heat_value is None for _, r in grades):
            continue
        try:
            weighted = weighted_heat_value(
                [Q_(r.annual_use, parse_unit(r.unit)) for _, r in grades],
                [r.heat_value.quantity for _, r in grades if r.heat_value is not None],
            )
            declared = float(magnitude(row.heat_value.quantity, weighted.units, f"heat_values[{i}].heat_value"))
        except (UnitsError, InvalidValueError) as exc:  # the grades' units disagree with each other or the row's
            out.append(
                _f(
                    "declaration.weighted_heat_value",
                    "error",
                    f"heat_values[{i}]",
                    str(exc),
                    f"加權平均熱值無法計算：{exc}",
                )
            )
            continue
        if abs(declared - weighted.m) > 0.5:
            out.append(
                _f(
                    "declaration.weighted_heat_value",
                    "warning",
                    f"heat_values[{i}].heat_value",
                    f"{code} declares {declared:,.0f} but its grades weigh to {weighted.m:,.0f} "
                    f"{weighted.units:~} (Σ use × heat / Σ use)",
                    f"{code} 加權平均熱值應為 {weighted.m:,.0f}",
                    declared=declared,
                    weighted=float(weighted.m),
                )
            )
    return out
