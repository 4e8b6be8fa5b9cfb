"""Building indicators: EUI and its year-on-year difference, energy balances, utilisation.

non-production-form-2025 表五之三, 表五之四/五之五, 六, 表九之四 and production-declaration-2018's boiler
biomass share:

* indoor floor area = total floor area − indoor parking area; EUI = energy ÷ indoor area
  (electric kWh/m², thermal kgOE/m²);
* difference = (EUI_N − EUI_N−1) ÷ EUI_N−1 per quarter and for the year; over 10 % needs a reason;
* electricity balance: eight categories sharing the bill kWh (incl. wheeled) + renewable self-use;
  heat balance in Mcal per fuel and per use;
* system utilisation = mean running capacity ÷ total capacity; running-time share = hours ÷ 8,760.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._display import HtmlRepr
from ._optional import require
from .errors import FactorNotFoundError, Finding, InvalidValueError, UnitsError
from .units import (
    Q_,
    Quantity,
    check_amount,
    check_shapes,
    check_unit,
    checked_magnitude,
    fraction,
    require_quantity,
    scalar_magnitude,
    stack,
    ureg,
)

__all__ = [
    "ELECTRICITY_CATEGORIES",
    "HEAT_USES",
    "Balance",
    "EuiComparison",
    "BoilerLimits",
    "biomass_heat_share",
    "check_steam_boiler",
    "compare_eui",
    "electricity_balance",
    "eui",
    "heat_balance",
    "indoor_area",
    "peak_share",
    "running_time_share",
    "system_utilisation",
    "thermal_eui",
    "tonnage_check",
]

_M2 = ureg.Unit("m**2")
_ONE = ureg.Unit("dimensionless")
_KWH = ureg.Unit("kWh")
_MCAL = ureg.Unit("Mcal")
_EUI_DIMENSIONS = (
    ureg.Unit("kWh").dimensionality,
    ureg.Unit("kgOE").dimensionality,
    ureg.Unit("KLOE").dimensionality,
)
_EUI_UNITS = ("kWh/m**2", "kgOE/m**2", "KLOE/m**2")  # what an EUI may be given in (eui's results)
_HOURS_PER_YEAR = 365 * 24  # 表九之四: actual running hours ÷ 8,760 hours
_HOURS_LEAP_YEAR = 366 * 24
_TOL = 1e-12  # limits are printed percentages: 1.1 vs 1.0 is 10 %, not 10.0000000000001 %

# 六、能源流程分析, 電能用量平衡圖: the eight categories the bill kWh is shared among.
ELECTRICITY_CATEGORIES: dict[str, str] = {
    "air_conditioning": "空調設備",
    "lighting": "照明設備",
    "refrigeration": "冷凍冷藏設備",
    "office": "事務設備",
    "ventilation": "送排風設備",
    "water": "給水污水設備",
    "elevators": "電梯設備",
    "other": "其他設備",
}
"""Category id -> label of non-production-form-2025 六 電能用量平衡圖."""

# 六、熱能用量平衡圖: the uses heat is shared among.
HEAT_USES: dict[str, str] = {
    "rooms": "房間用",
    "sauna": "三溫暖",
    "pool": "溫水游泳池",
    "laundry": "洗衣房",
    "kitchen": "廚房餐廳",
    "disinfection": "消毒設備",
    "vehicles": "車輛",
    "generators": "發電機",
    "other": "其他設備",
}
"""Use id -> label of non-production-form-2025 六 熱能用量平衡圖."""


def indoor_area(total_area: Quantity, parking_area: Quantity | None = None) -> Quantity:
    """Indoor floor area = total floor area − indoor parking area [m²] (non-production-form-2025 表五之四 註1).

    Parameters
    ----------
    total_area : Quantity
        Total floor area supplied by the declared meters (總樓地板面積) [m²]. Scalar or array.
    parking_area : Quantity, optional
        Total indoor parking area (總室內停車場面積) [m²]; default none.

    Returns
    -------
    Quantity
        Indoor floor area [m²].

    Raises
    ------
    UnitsError
        If an area is a bare number or not an area.
    InvalidValueError
        If the parking area exceeds the total, the indoor area is zero, a value is negative or not
        finite, or arrays have different lengths.

    Examples
    --------
    >>> from carbonaudit import Q_, building
    >>> building.indoor_area(Q_(12_000, "m**2"), Q_(2_000, "m**2"))
    <Quantity(10000.0, 'meter ** 2')>
    """
    total = checked_magnitude(total_area, _M2, "total_area")
    parking = 0 if parking_area is None else checked_magnitude(parking_area, _M2, "parking_area")
    check_shapes(total_area=total, parking_area=parking)
    if type(total) is float and type(parking) in (float, int):  # two numbers: no arrays to make
        exceeds = parking > total
    else:
        exceeds = bool(np.any(np.asarray(parking) > np.asarray(total)))
    if exceeds:
        raise InvalidValueError(f"parking_area ({parking_area:~}) must not exceed total_area ({total_area:~})")
    area = total - parking
    if (area == 0) if type(area) is float else np.any(np.asarray(area) == 0):
        raise InvalidValueError("the indoor floor area (total − parking) must be positive: EUI is per m² of it")
    return Q_(area, _M2)


def eui(energy: Quantity, total_area: Quantity, parking_area: Quantity | None = None) -> Quantity:
    """Energy use intensity: energy ÷ indoor floor area (non-production-form-2025 表五之四, 表五之五).

    Parameters
    ----------
    energy : Quantity
        Electricity [kWh] for the electric EUI, or oil equivalent [kgOE] (:func:`thermal_eui`,
        :func:`carbonaudit.energy.to_kgoe`) for the thermal EUI. Scalar or array (e.g. 12 months).
    total_area : Quantity
        Total floor area [m²].
    parking_area : Quantity, optional
        Indoor parking area [m²], subtracted (:func:`indoor_area`); default none.

    Returns
    -------
    Quantity
        In the energy's unit per m² [kWh/m², kgOE/m²].

    Raises
    ------
    UnitsError
        If *energy* is not an energy or oil equivalent, or an area is not an area.
    InvalidValueError
        As :func:`indoor_area`, or for a negative or non-finite energy.

    Examples
    --------
    >>> from carbonaudit import Q_, building
    >>> building.eui(Q_(1_500_000, "kWh"), Q_(12_000, "m**2"), Q_(2_000, "m**2"))
    <Quantity(150.0, 'kilowatt_hour / meter ** 2')>
    """
    q = require_quantity(energy, "energy", "an energy (kWh) or oil equivalent (kgOE)")
    if q.dimensionality not in _EUI_DIMENSIONS:
        raise UnitsError(f"energy must be an energy (kWh) or an oil equivalent (kgOE, KLOE), got {q:~}")
    check_unit(q.units, ("kWh", "kgOE", "KLOE"), "energy")  # not kvar·h or kVA·h
    e = checked_magnitude(q, q.units, "energy")
    area = indoor_area(total_area, parking_area).m
    check_shapes(energy=e, area=area)
    return Q_(e / area, q.units / _M2)


def thermal_eui(
    fuels: Mapping[str, Quantity],
    total_area: Quantity,
    parking_area: Quantity | None = None,
    factor_set: Any = None,
    *,
    basis: str | None = None,
) -> Quantity:
    """Thermal EUI [kgOE/m²]: Σ fuels' oil equivalent ÷ indoor area (non-production-form-2025 表五之五).

    The oil equivalent follows the factor set's definition (:func:`carbonaudit.energy.to_kgoe`);
    the default current set uses 10,000 kcal per kgOE.

    Parameters
    ----------
    fuels : mapping of str to Quantity
        Each fuel (energy code, id or name) and its amount [L, kL, kg, t, m³ ...].
    total_area : Quantity
        Total floor area [m²].
    parking_area : Quantity, optional
        Indoor parking area [m²]; default none.
    factor_set : FactorSet or str, optional
        A factor set or a shipped set's id; default the current set.
    basis : str, optional
        Oil-equivalent basis id (``"tw-final-860"``); default the set's own.

    Returns
    -------
    Quantity
        Thermal EUI [kgOE/m²].

    Raises
    ------
    InvalidValueError
        If *fuels* is empty, an amount is negative, NaN, infinite or above 1e30, or as
        :func:`indoor_area`; the message names the fuel's entry (``fuels['LPG']``).
    FactorNotFoundError
        For an unknown fuel, a missing heat value, or a basis without kcal per kgOE.
    UnitsError
        For a bare number or an amount of a dimension the fuel cannot take (``fuels['LPG']``).

    Examples
    --------
    >>> from carbonaudit import Q_, building
    >>> round(building.thermal_eui({"LPG": Q_(10_000, "L")}, Q_(5_000, "m**2"), factor_set="tw-2024").m, 3)  # 5,958 kcal/L
    1.192
    """
    from .energy import to_kgoe

    if not fuels:
        raise InvalidValueError("fuels must name at least one fuel and its amount")
    total: Any = 0.0
    for key, amount in fuels.items():
        try:
            total = total + to_kgoe(amount, key, factor_set, basis=basis).m
        except (UnitsError, InvalidValueError, FactorNotFoundError) as exc:  # to_kgoe's "amount": which fuel's
            if isinstance(exc, FactorNotFoundError) and not str(exc).startswith("amount"):
                raise  # the fuel itself, the basis or the set: named as they are
            raise _named(exc, "amount", f"fuels[{key!r}]") from exc
    return eui(Q_(total, "kgOE"), total_area, parking_area)


def _named(
    exc: UnitsError | InvalidValueError | FactorNotFoundError, internal: str, name: str
) -> UnitsError | InvalidValueError | FactorNotFoundError:
    """*exc* again (same type), its message naming the caller's argument *name* instead of *internal*."""
    message = exc.message
    if message.startswith(internal):
        message = name + message[len(internal) :]
    else:
        message = f"{name}: {message}"
    return type(exc)(message, python=exc.python, cli=exc.cli)


@dataclass(frozen=True)
class EuiComparison(HtmlRepr):
    """Quarterly and annual EUI difference of year N against N−1 (non-production-form-2025 表五之四 註2-3)."""

    quarterly: Any
    """(EUI_N − EUI_N−1) ÷ EUI_N−1 for each quarter (fractions)."""
    annual: float
    """The same for the whole year."""
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def to_frame(self) -> Any:
        """The differences as a pandas DataFrame indexed Q1-Q4 and ``year`` (column ``difference``, a fraction)."""
        pd = require("pandas", "EuiComparison.to_frame")

        values = [*np.atleast_1d(self.quarterly).tolist(), self.annual]
        labels = [f"Q{i + 1}" for i in range(len(values) - 1)] + ["year"]
        return pd.DataFrame({"difference": values}, index=pd.Index(labels, name="period"))


def compare_eui(this_year: Any, last_year: Any) -> EuiComparison:
    """Difference of monthly EUIs per quarter and for the year, with findings above 10 %.

    ``difference = (EUI_N − EUI_N−1) ÷ EUI_N−1`` on the quarter's (the year's) summed monthly EUI
    (non-production-form-2025 表五之四/五之五 註2); a difference over the limit (10 %, data) either way needs a reason
    (註3).

    Parameters
    ----------
    this_year, last_year : sequence of 12 Quantity or array Quantity of 12
        Monthly EUI, January to December [kWh/m² or kgOE/m²].

    Returns
    -------
    EuiComparison
        Quarterly and annual differences (fractions) and a ``"building.eui_difference"`` warning per
        quarter or year over the limit.

    Raises
    ------
    InvalidValueError
        If a year does not hold 12 values, a value is negative or not finite, or a quarter of last
        year is zero.
    UnitsError
        If *this_year* is not an EUI (energy or oil equivalent per area; kvar·h/m² is not real
        energy), or *last_year* is not of its dimension.

    Examples
    --------
    >>> from carbonaudit import Q_, building
    >>> last = Q_([10.0] * 12, "kWh/m**2")
    >>> this = Q_([10.0] * 9 + [12.0] * 3, "kWh/m**2")
    >>> c = building.compare_eui(this, last)
    >>> [round(float(x), 3) for x in c.quarterly], round(c.annual, 3), [f.path for f in c.findings]
    ([0.0, 0.0, 0.0, 0.2], 0.05, ['eui.Q4'])
    """
    from .factors import rules

    n, unit = stack(this_year, "this_year")
    # this_year's unit first: last_year is converted into it, and a wrong one is this_year's fault
    check_unit(unit, _EUI_UNITS, "this_year")
    p, _ = stack(last_year, "last_year", unit)
    for name, values in (("this_year", n), ("last_year", p)):
        if values.size != 12:
            raise InvalidValueError(f"{name} must hold 12 monthly EUIs January to December, got {values.size}")
        checked_magnitude(Q_(values, unit), unit, name)
    qn = n.reshape(4, 3).sum(axis=1)
    qp = p.reshape(4, 3).sum(axis=1)
    if np.any(qp == 0) or p.sum() == 0:
        raise InvalidValueError("last_year's EUI must be positive in every quarter to compare against it")
    quarterly = (qn - qp) / qp
    annual = float((n.sum() - p.sum()) / p.sum())
    limit = rules().limit("eui_difference").value
    findings = [
        Finding(
            "building.eui_difference",
            "warning",
            f"eui.{label}",
            f"{label}: EUI {'up' if d > 0 else 'down'} {abs(d):.1%} on last year, more than {limit:.0%}: "
            "the form asks for the reason",
            {"difference": float(d), "limit": limit},
            message_zh=f"{label} EUI 較去年{'增加' if d > 0 else '減少'} {abs(d):.1%}，超過 {limit:.0%}：表單要求說明原因",
        )
        for label, d in [*((f"Q{i + 1}", q) for i, q in enumerate(quarterly)), ("year", annual)]
        if abs(d) > limit * (1 + _TOL)
    ]
    return EuiComparison(quarterly, annual, tuple(findings))


@dataclass(frozen=True)
class Balance:
    """An energy balance: the total, each part and its share, and findings."""

    total: Quantity
    parts: dict[str, Quantity]
    shares: dict[str, float]
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{v.m:,.1f} {v.units:~}</td><td>{self.shares[k]:.2%}</td></tr>"
            for k, v in self.parts.items()
        )
        return f"<table><tr><th>part</th><th>amount</th><th>share</th></tr>{rows}</table>"


def _shares(total: float, parts: Mapping[str, float], unit: Any, what: str, path: str) -> Balance:
    if total <= 0:
        raise InvalidValueError(f"the {what} total must be positive for shares, got {total}")
    summed = float(sum(parts.values()))
    shares = {k: v / total for k, v in parts.items()}
    findings = []
    if abs(summed - total) > 1e-9 * max(total, summed):  # relative: the shares must sum to 100 %
        findings.append(
            Finding(
                "building.balance_mismatch",
                "error",
                path,
                f"the {what} parts sum to {summed:,.1f} {unit:~}, not the total {total:,.1f} {unit:~} "
                f"({summed / total:.2%}); the shares must sum to 100 %",
                {"parts": summed, "total": total},
                message_zh=f"{what} 各項合計 {summed:,.1f} {unit:~} 不等於總量 {total:,.1f} {unit:~}（{summed / total:.2%}）：各項比例合計應為 100 %",
            )
        )
    return Balance(Q_(total, unit), {k: Q_(v, unit) for k, v in parts.items()}, shares, tuple(findings))


def electricity_balance(
    bill: Quantity, categories: Mapping[str, Quantity], renewable_self_use: Quantity | None = None
) -> Balance:
    """Electricity balance of non-production-form-2025 六: the eight categories' kWh and shares of the total.

    Total = bill kWh incl. wheeled (台電電費單總用電度數, 含轉供) + renewable self-use.

    Parameters
    ----------
    bill : Quantity
        The year's bill consumption incl. wheeled electricity [kWh, MWh].
    categories : mapping of str to Quantity
        Use of each category of :data:`ELECTRICITY_CATEGORIES` [kWh, MWh].
    renewable_self_use : Quantity, optional
        Renewable electricity used on site (再生能源自用總度數) [kWh]; default none.

    Returns
    -------
    Balance
        Total, parts [kWh] and shares (fractions); an ``"error"`` finding
        ``"building.balance_mismatch"`` when the parts do not sum to the total.

    Raises
    ------
    InvalidValueError
        For an unknown category, a total that is not positive, or a negative, non-finite or array
        value.
    UnitsError
        If a value is a bare number or not an energy.

    Examples
    --------
    >>> from carbonaudit import Q_, building
    >>> b = building.electricity_balance(Q_(900, "MWh"), {"air_conditioning": Q_(500, "MWh"),
    ...     "lighting": Q_(300, "MWh"), "other": Q_(200, "MWh")}, renewable_self_use=Q_(100, "MWh"))
    >>> b.shares["air_conditioning"], b.findings
    (0.5, ())
    """
    total = scalar_magnitude(bill, _KWH, "bill")
    if renewable_self_use is not None:
        total += scalar_magnitude(renewable_self_use, _KWH, "renewable_self_use")
    parts: dict[str, float] = {}
    for key, q in categories.items():
        if key not in ELECTRICITY_CATEGORIES:
            raise InvalidValueError(f"categories: unknown {key!r}; the form lists {', '.join(ELECTRICITY_CATEGORIES)}")
        parts[key] = scalar_magnitude(q, _KWH, f"categories[{key!r}]")
    return _shares(total, parts, _KWH, "electricity", "balance.electricity")


def heat_balance(fuels: Mapping[str, Quantity], uses: Mapping[str, Quantity]) -> tuple[Balance, Balance]:
    """Heat balance of non-production-form-2025 六: heat per fuel [Mcal] and its split over uses.

    Parameters
    ----------
    fuels : mapping of str to Quantity
        Heat of each fuel (fuel oil, LPG, natural gas, gasoline, diesel ...) [Mcal (百萬卡), kcal ...].
    uses : mapping of str to Quantity
        Heat of each use of :data:`HEAT_USES` [Mcal].

    Returns
    -------
    (Balance, Balance)
        By fuel (total = Σ fuels) and by use (must sum to the same total; a finding otherwise) [Mcal].

    Raises
    ------
    InvalidValueError
        For an unknown use, a total that is not positive, or a negative, non-finite or array value.
    UnitsError
        If a value is a bare number or not an energy.

    Examples
    --------
    >>> from carbonaudit import Q_, building
    >>> by_fuel, by_use = building.heat_balance({"natural_gas": Q_(800, "Mcal"), "diesel": Q_(200, "Mcal")},
    ...                                         {"kitchen": Q_(600, "Mcal"), "rooms": Q_(400, "Mcal")})
    >>> by_fuel.shares["natural_gas"], by_use.shares["kitchen"], by_use.findings
    (0.8, 0.6, ())
    """
    fuel_parts = {k: scalar_magnitude(q, _MCAL, f"fuels[{k!r}]") for k, q in fuels.items()}
    total = float(sum(fuel_parts.values()))
    by_fuel = _shares(total, fuel_parts, _MCAL, "heat", "balance.heat.fuels")
    use_parts: dict[str, float] = {}
    for key, q in uses.items():
        if key not in HEAT_USES:
            raise InvalidValueError(f"uses: unknown {key!r}; the form lists {', '.join(HEAT_USES)}")
        use_parts[key] = scalar_magnitude(q, _MCAL, f"uses[{key!r}]")
    return by_fuel, _shares(total, use_parts, _MCAL, "heat use", "balance.heat.uses")


def peak_share(power: Quantity, peak_demand: Quantity) -> Quantity:
    """Lighting or air-conditioning power as a share of the highest peak demand (non-production-form-2025 表五之三).

    Parameters
    ----------
    power : Quantity
        Lighting or air-conditioning power (耗電功率) [kW]. Scalar or array.
    peak_demand : Quantity
        The highest peak demand (最高尖峰需量) [kW].

    Returns
    -------
    Quantity
        The share, dimensionless (0.2 is 20 %).

    Raises
    ------
    UnitsError
        If an argument is a bare number or not a power.
    InvalidValueError
        For a zero peak demand, a negative or non-finite value, or arrays of different lengths.

    Examples
    --------
    >>> from carbonaudit import Q_, building
    >>> building.peak_share(Q_(300, "kW"), Q_(1_500, "kW"))
    <Quantity(0.2, 'dimensionless')>
    """
    p = checked_magnitude(power, "kW", "power")
    d = checked_magnitude(peak_demand, "kW", "peak_demand")
    check_shapes(power=p, peak_demand=d)
    if np.any(np.asarray(d) == 0):
        raise InvalidValueError("peak_demand must be positive")
    return Q_(p / d, _ONE)


def tonnage_check(installed: Quantity, summer_maximum: Quantity) -> tuple[Quantity, list[Finding]]:
    """Summer-maximum running tonnage against installed tonnage (non-production-form-2025 表五之三, USRT).

    Parameters
    ----------
    installed : Quantity
        Installed air-conditioning tonnage (空調總裝置噸數) [USRT].
    summer_maximum : Quantity
        Summer-maximum running tonnage (空調夏季最大的運轉噸數) [USRT].

    Returns
    -------
    (Quantity, list of Finding)
        The ratio running ÷ installed (dimensionless), and an ``"error"`` finding
        ``"building.tonnage_exceeds_installed"`` when more tons ran than are installed.

    Raises
    ------
    InvalidValueError
        For a zero installed tonnage, or a negative, non-finite or array value.
    UnitsError
        If a value is a bare number or not a power.

    Examples
    --------
    >>> from carbonaudit import Q_, building
    >>> ratio, findings = building.tonnage_check(Q_(2_000, "USRT"), Q_(1_500, "USRT"))
    >>> ratio.m, findings
    (0.75, [])
    """
    i = scalar_magnitude(installed, "USRT", "installed")
    s = scalar_magnitude(summer_maximum, "USRT", "summer_maximum")
    if i == 0:
        raise InvalidValueError("installed tonnage must be positive")
    findings = []
    if s > i:
        findings.append(
            Finding(
                "building.tonnage_exceeds_installed",
                "error",
                "tonnage.summer_maximum",
                f"summer-maximum running tonnage {s:,.0f} RT exceeds the installed {i:,.0f} RT",
                message_zh=f"空調夏季最大運轉噸數 {s:,.0f} RT 大於總裝置噸數 {i:,.0f} RT",
            )
        )
    return Q_(s / i, _ONE), findings


def system_utilisation(mean_running_capacity: Quantity, total_capacity: Quantity) -> Quantity:
    """System utilisation = mean running capacity ÷ total capacity (non-production-form-2025 表九之四 註).

    Parameters
    ----------
    mean_running_capacity : Quantity
        The system's annual mean running capacity (年平均運轉容量) [USRT, kW ...]. Scalar or array.
    total_capacity : Quantity
        The system's total capacity (系統設備總容量), of the same dimension [USRT, kW ...].

    Returns
    -------
    Quantity
        Utilisation, dimensionless (0.5 is 50 %).

    Raises
    ------
    UnitsError
        If an argument is a bare number, or the two are of different dimensions.
    InvalidValueError
        For a zero total, a mean above the total, a negative or non-finite value, or arrays of
        different lengths.

    Examples
    --------
    >>> from carbonaudit import Q_, building
    >>> building.system_utilisation(Q_(1_000, "USRT"), Q_(2_000, "USRT"))     # the form's 50 %
    <Quantity(0.5, 'dimensionless')>
    """
    q = require_quantity(total_capacity, "total_capacity", "a capacity (USRT, kW ...)")
    check_unit(q.units, "kW", "total_capacity")  # a power (USRT, kW), not kVA or kvar
    total = checked_magnitude(q, q.units, "total_capacity")
    mean = checked_magnitude(mean_running_capacity, q.units, "mean_running_capacity")
    check_shapes(mean_running_capacity=mean, total_capacity=total)
    if np.any(np.asarray(total) == 0):
        raise InvalidValueError("total_capacity must be positive")
    if np.any(np.asarray(mean) > np.asarray(total)):
        raise InvalidValueError("mean_running_capacity must not exceed total_capacity")
    return Q_(mean / total, _ONE)


def running_time_share(hours: Quantity) -> Quantity:
    """Running-time share of the year: actual running hours ÷ 8,760 h (non-production-form-2025 表九之四).

    The form divides by 8,760 h; a leap year's 8,784 h are accepted and give slightly over 100 %.

    Parameters
    ----------
    hours : Quantity
        Actual running hours in the year (實際運轉時數) [h]. Scalar or array.

    Returns
    -------
    Quantity
        The share, dimensionless (0.5 is 50 %).

    Raises
    ------
    UnitsError
        If *hours* is a bare number or not a time.
    InvalidValueError
        For more than 8,784 h, or a negative or non-finite value.

    Examples
    --------
    >>> from carbonaudit import Q_, building
    >>> building.running_time_share(Q_(4_380, "h"))
    <Quantity(0.5, 'dimensionless')>
    """
    h = checked_magnitude(hours, "h", "hours")
    if np.any(np.asarray(h) > _HOURS_LEAP_YEAR):
        raise InvalidValueError(f"hours must not exceed {_HOURS_LEAP_YEAR:,} in a year, got {hours:~}")
    return Q_(h / _HOURS_PER_YEAR, _ONE)


def biomass_heat_share(biomass_heat: Quantity, total_heat: Quantity) -> Quantity:
    """Boiler biomass heat share = biomass annual heat input ÷ total annual heat input (production-declaration-2018).

    production-declaration-2018 表九之一 公用設備耗能概況表-2 鍋爐設備操作概況表: 生質燃料熱值比率 = 生質燃料年入熱量 /
    年度總入熱量.

    Parameters
    ----------
    biomass_heat : Quantity
        Annual heat input of the biomass fuel [Mcal, kcal, TJ ...]. Scalar or array.
    total_heat : Quantity
        Annual heat input of all the boiler's fuels [Mcal ...].

    Returns
    -------
    Quantity
        The share, dimensionless (0.25 is 25 %).

    Raises
    ------
    UnitsError
        If an argument is a bare number or not an energy.
    InvalidValueError
        For a zero total, biomass above the total, a negative or non-finite value, or arrays of
        different lengths.

    Examples
    --------
    >>> from carbonaudit import Q_, building
    >>> building.biomass_heat_share(Q_(250, "Mcal"), Q_(1_000, "Mcal"))
    <Quantity(0.25, 'dimensionless')>
    """
    b = checked_magnitude(biomass_heat, _MCAL, "biomass_heat")
    t = checked_magnitude(total_heat, _MCAL, "total_heat")
    check_shapes(biomass_heat=b, total_heat=t)
    if np.any(np.asarray(t) == 0):
        raise InvalidValueError("total_heat must be positive")
    if np.any(np.asarray(b) > np.asarray(t)):
        raise InvalidValueError("biomass_heat must not exceed total_heat")
    return Q_(b / t, _ONE)


@dataclass(frozen=True)
class BoilerLimits:
    """Limits for the steam-boiler self-check (表九之七): exhaust temperature and exhaust O2.

    The legal values (「指定能源用戶使用蒸汽鍋爐應遵行之節約能源規定」, 經濟部) are not in
    carbonaudit's source documents, so none are shipped: give the ones that apply to the boiler.
    """

    exhaust_temperature: Quantity
    """Highest allowed monthly mean final exhaust temperature [degC]."""
    exhaust_o2: Any
    """Highest allowed monthly mean exhaust O2 (fraction or percent Quantity)."""


def check_steam_boiler(
    exhaust_temperature: Any, exhaust_o2: Any, limits: BoilerLimits, *, name: str = "boiler"
) -> list[Finding]:
    """Monthly steam-boiler self-check against limits (non-production-form-2025 表九之七): a finding per month over.

    Parameters
    ----------
    exhaust_temperature : array Quantity of 12
        Monthly mean final exhaust temperature (daily checks) [degC].
    exhaust_o2 : array of 12 fractions or percent Quantity
        Monthly mean exhaust O2 (weekly checks) [fraction, or percent].
    limits : BoilerLimits
        The limits that apply to the boiler (none are shipped).
    name : str, default "boiler"
        The boiler's label, first part of each finding's path.

    Returns
    -------
    list of Finding
        A ``"warning"`` per month and value over its limit (``"building.exhaust_temperature_high"``,
        ``"building.exhaust_o2_high"``), for the form's reason (註4).

    Raises
    ------
    InvalidValueError
        If a series is not a 1-D series of 12 values (the message gives the shape of a 2-D one), a
        temperature is not finite or above 1e30 in magnitude, an O2 value (or its limit) is NaN,
        infinite or negative, or a limit is not a single value (an array, even of one element).
    UnitsError
        For a temperature that is not a temperature, or an O2 value that is not a fraction.

    Examples
    --------
    >>> from carbonaudit import Q_, building
    >>> limits = building.BoilerLimits(Q_(250, "degC"), Q_(6, "percent"))
    >>> temps = Q_([230.0] * 11 + [260.0], "degC")
    >>> [f.path for f in building.check_steam_boiler(temps, Q_([5.0] * 12, "percent"), limits)]
    ['boiler.month_12.exhaust_temperature']
    """
    t = np.atleast_1d(
        np.asarray(checked_magnitude(exhaust_temperature, "degC", "exhaust_temperature", allow_negative=True))
    )
    o2 = np.atleast_1d(np.asarray(fraction(exhaust_o2, "exhaust_o2"), dtype=np.float64))
    check_amount(o2, "exhaust_o2")  # a NaN would silently never exceed the limit
    for label, values in (("exhaust_temperature", t), ("exhaust_o2", o2)):
        if values.shape != (12,):  # a 2-D array of 12 would index rows, not months
            got = values.size if values.ndim == 1 else f"an array of shape {values.shape}"
            raise InvalidValueError(f"{label} must hold 12 monthly values January to December (shape (12,)), got {got}")
    t_max = scalar_magnitude(limits.exhaust_temperature, "degC", "limits.exhaust_temperature")
    o2_max = fraction(limits.exhaust_o2, "limits.exhaust_o2")
    if np.ndim(o2_max) != 0:  # one limit for every month: an array (even of one element) is refused
        raise InvalidValueError(
            f"limits.exhaust_o2 must be a single value (a fraction or a percent Quantity), got an array of "
            f"shape {np.shape(o2_max)}"
        )
    o2_max = float(o2_max)
    check_amount(o2_max, "limits.exhaust_o2")
    out: list[Finding] = []
    for month in range(12):
        if t[month] > t_max:
            out.append(
                Finding(
                    "building.exhaust_temperature_high",
                    "warning",
                    f"{name}.month_{month + 1}.exhaust_temperature",
                    f"month {month + 1}: exhaust temperature {t[month]:.1f} degC exceeds {t_max:.1f} degC; give the reason",
                    message_zh=f"{month + 1} 月最末排氣溫度 {t[month]:.1f} °C 超過規定值 {t_max:.1f} °C，應填寫原因",
                )
            )
        if o2[month] > o2_max:
            out.append(
                Finding(
                    "building.exhaust_o2_high",
                    "warning",
                    f"{name}.month_{month + 1}.exhaust_o2",
                    f"month {month + 1}: exhaust O2 {o2[month]:.1%} exceeds {o2_max:.1%}; give the reason",
                    message_zh=f"{month + 1} 月排氣含氧量 {o2[month]:.1%} 超過規定值 {o2_max:.1%}，應填寫原因",
                )
            )
    return out
