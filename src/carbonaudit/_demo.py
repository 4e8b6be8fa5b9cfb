"""The worked examples of the official documents that ``carbonaudit demo`` reproduces (private).

Each case names its document and table, the figure as published, and how the library computes
it. Later engines add their cases here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np

from . import building, chiller, emissions, energy, factors, production, rates, savings
from .formatting import format_percent, round_half_up
from .units import Q_, Quantity


@dataclass(frozen=True)
class Case:
    """One published figure and the computation that should reproduce it."""

    source: str
    description: str
    published: str
    compute: Callable[[], float | str]

    def run(self) -> tuple[str, bool]:
        """Return the computed figure printed like the published one, and whether they agree."""
        value = self.compute()
        if isinstance(value, str):
            return value, value == self.published
        text = self.published.replace(",", "")
        digits = max(0, -int(Decimal(text).as_tuple().exponent))
        shown = f"{round_half_up(value, digits):,.{digits}f}"
        return shown, shown.replace(",", "") == text


def _award() -> factors.FactorSet:
    return factors.load("ntpc-award-2015")


def _recommended(fuel: str, unit: str) -> Callable[[], float]:
    # 附表2: recommended factor = heat value × 4.1868e-9 TJ/kcal × CO2 factor [kg/TJ]
    return lambda: float(emissions.co2(Q_(1.0, unit), fuel, _award(), method="heat_value").m)


def _quarter_kloe_per_unit() -> float:
    # 表八之三, 106年 Q1: outputs 290, 290, 460 units at 900, 900, 1,190 kWh/unit
    kwh = Q_(290 * 900 + 290 * 900 + 460 * 1190, "kWh")
    kloe = energy.to_kloe(kwh, "E01", _award(), basis="tw-table8-3")
    return float(kloe.m) / (290 + 290 + 460)


# production-declaration-2018 表十之五 (S, B of 104-106年) and 表十一之五 (SP, CP of 104-107年) [kWh]
_S = [138_166, 1_342_662, 1_120_329.5]
_B = [87_707_922, 93_174_776, 92_677_376]
_SP = [67_440, 1_033_728, 1_024_399, 613_200]
_CP = [6_583_631, 87_707_903, 92_954_775, 60_677_376]


def _percents(values: np.ndarray[Any, Any]) -> str:
    return " / ".join(format_percent(float(v)) for v in values)


# production-declaration-2018 表八之三 (106年): monthly output and kWh per unit
_OUTPUT = [290, 290, 460, 390, 450, 425, 460, 480, 370, 380, 360, 360]
_KWH_PER_UNIT = [900, 900, 1190, 1000, 900, 1000, 950, 770, 926, 1012, 1140, 1130]


def _table8_3() -> production.QuarterlyEnergy:
    energy: Quantity = Q_([o * k for o, k in zip(_OUTPUT, _KWH_PER_UNIT, strict=True)], "kWh")
    return production.quarterly_energy_per_unit(energy, _OUTPUT, "E01", _award())


def _chiller_day() -> float:
    # 表九之一 註8: eight hours at 1,190 ... 1,180 RT, logged hourly, flow chosen for each load at 7/12 °C
    hourly = [1190, 1100, 1200, 1200, 1100, 1300, 1280, 1180]
    load_per_flow = float(chiller.cooling_load(Q_(1.0, "L/min"), Q_(7, "degC"), Q_(12, "degC")).m_as("USRT"))
    flow = Q_(np.array([rt / load_per_flow for rt in hourly] + [0.0]), "L/min")
    time = np.arange("2024-07-01T08", "2024-07-01T17", dtype="datetime64[h]")
    log = chiller.from_log(
        time=time,
        flow=flow,
        supply=Q_(np.full(9, 7.0), "degC"),
        ret=Q_(np.full(9, 12.0), "degC"),
        power=Q_(np.zeros(9), "kW"),
    )
    return float(log.monthly_rth.sum())


CASES: tuple[Case, ...] = (
    Case("iso-80000-5", "1 kcal (International Table) in kJ", "4.1868", lambda: float(Q_(1, "kcal").m_as("kJ"))),
    Case(
        "non-production-form-2025 表五之三 註", "1 USRT in kcal/h", "3,024", lambda: float(Q_(1, "USRT").m_as("kcal/h"))
    ),
    Case("award-form-2015 附表2", "diesel: 8,400 kcal/L × 74,100 kg/TJ [kg CO2/L]", "2.61", _recommended("柴油", "L")),
    Case(
        "award-form-2015 附表2",
        "motor gasoline: 7,800 kcal/L × 69,300 kg/TJ [kg CO2/L]",
        "2.26",
        _recommended("車用汽油", "L"),
    ),
    Case(
        "award-form-2015 附表2",
        "natural gas: 8,000 kcal/m³ × 56,100 kg/TJ [kg CO2/m³]",
        "1.88",
        _recommended("天然氣", "m**3"),
    ),
    Case(
        "award-form-2015 附表2",
        "fuel coal: 6,400 kcal/kg × 94,600 kg/TJ [kg CO2/kg]",
        "2.53",
        _recommended("燃料煤", "kg"),
    ),
    Case(
        "award-form-2015 附表2", "LPG: 6,635 kcal/L × 63,100 kg/TJ [kg CO2/L]", "1.75", _recommended("液化石油氣", "L")
    ),
    Case(
        "award-form-2015 附表2 註4",
        "electricity 102年, 1 kWh [kg CO2]",
        "0.522",
        lambda: float(emissions.electricity(Q_(1, "kWh"), 2013, _award()).co2e.m),
    ),
    Case(
        "production-declaration-2018 表十",
        "1,120,329.5 kWh saved [KLOE]",
        "278.34",
        lambda: float(energy.to_kloe(Q_(1_120_329.5, "kWh"), "E01", _award(), basis="tw-primary-2236").m),
    ),
    Case(
        "production-declaration-2018 表十",
        "613,200 kWh planned [KLOE]",
        "152.346",
        lambda: float(energy.to_kloe(Q_(613_200, "kWh"), "E01", _award(), basis="tw-primary-2236").m),
    ),
    Case(
        "production-declaration-2018 表八之三",
        "106年 Q1-Q4 energy per unit at 0.00023 KLOE/kWh [KLOE/unit]",
        "0.23650192 / 0.22181818 / 0.20177145 / 0.25127709",
        lambda: " / ".join(f"{round_half_up(float(x), 8):.8f}" for x in _table8_3().quarterly.m),
    ),
    Case(
        "production-declaration-2018 表八之三",
        "106年 whole year [KLOE/unit]",
        "0.22636",
        lambda: float(_table8_3().annual.m),
    ),
    Case(
        "production-declaration-2018 表八之三",
        "106年 whole year [kWh/unit]",
        "984.173913",
        lambda: float(_table8_3().annual_physical.m),
    ),
    Case(
        "non-production-form-2025 表九之一 註7",
        "1 kg/L × 12,000 L/min × 1.0 kcal/(kg·°C) × (12 − 7) °C [kcal/h]",
        "3,600,000",
        lambda: float(chiller.cooling_load(Q_(12_000, "L/min"), Q_(7, "degC"), Q_(12, "degC")).m),
    ),
    Case(
        "non-production-form-2025 表九之一 註7",
        "3,600,000 kcal/h in RT",
        "1,190",
        lambda: float(chiller.refrigeration_tons(Q_(3_600_000, "kcal/h")).m),
    ),
    Case("non-production-form-2025 表九之一 註8", "a day of hourly loads from a log [RTh]", "9,550", _chiller_day),
    Case(
        "non-production-form-2025 表九之一 註8",
        "1,400,000 kWh / 2,000,000 RTh [kW/RT]",
        "0.7",
        lambda: float(chiller.kw_per_rt(Q_(1_400_000, "kWh"), Q_(2_000_000, "RTh")).m),
    ),
    Case(
        "non-production-form-2025 表九之四 註",
        "utilisation 1,000 RT / 2,000 RT [%]",
        "50",
        lambda: 100 * float(building.system_utilisation(Q_(1000, "USRT"), Q_(2000, "USRT")).m),
    ),
    Case(
        "production-declaration-2018 公式(1)",
        "149,200 kWh × 12.5 % × 11/12 [kWh]",
        "17,095.8",
        lambda: float(savings.efficiency_gain(Q_(149_200, "kWh"), 0.125, months=11).m),
    ),
    Case(
        "production-declaration-2018 公式(2)",
        "18.65 kW × 2 × 8,000 h × 12.5 % × 12/12 [kWh]",
        "37,300",
        lambda: float(savings.equipment_power(Q_(18.65, "kW"), 2, Q_(8000, "h"), 0.125).m),
    ),
    Case(
        "production-declaration-2018 公式(2)",
        "18.65 kW × 1 × 8,000 h × 6.6 % × 12/12 [kWh]",
        "9,847.2",
        lambda: float(savings.equipment_power(Q_(18.65, "kW"), 1, Q_(8000, "h"), 0.066).m),
    ),
    Case(
        "production-declaration-2018 公式(3)",
        "(18.65 − 14.92) kW × 8,000 h × 12/12 [kWh]",
        "29,840",
        lambda: float(savings.annual_improvement((Q_(18.65, "kW") - Q_(14.92, "kW")) * Q_(8000, "h")).m_as("kWh")),
    ),
    Case(
        "production-declaration-2018 公式(3)",
        "100 × (32 − 21) W × 8,640 h × 9/12 [kWh]",
        "7,128",
        lambda: float(savings.annual_improvement(100 * (Q_(32, "W") - Q_(21, "W")) * Q_(8640, "h"), 9).m_as("kWh")),
    ),
    Case(
        "production-declaration-2018 節能量計算期間",
        "9,504 kWh done 106/8~106/9: 106年 / 107年 [kWh]",
        "2,376 / 7,128",
        lambda: " / ".join(f"{q.m:,.0f}" for q in savings.recognition_split(Q_(9504, "kWh"), "106/8~106/9").values()),
    ),
    Case(
        "non-production-form-2025 表十之三(一)",
        "demand response 2,105 kW × 2 h [kWh]",
        "4,210",
        lambda: float(savings.demand_response(Q_(2105, "kW"), Q_(2, "h")).m),
    ),
    Case(
        "non-production-form-2025 表十之三(二)",
        "611 kW solar, 815,051 kWh all self-used [kWh]",
        "815,051",
        lambda: float(savings.renewable_self_use(Q_(815_051, "kWh"), Q_(0, "kWh")).m),
    ),
    Case(
        "production-declaration-2018 表十之三",
        "R = 1,120,329.5 / (1,120,329.5 + 92,677,376) [%]",
        "1.19",
        lambda: format_percent(rates.annual_saving_rate(Q_(1_120_329.5, "kWh"), Q_(92_677_376, "kWh"))),
    ),
    Case(
        "production-declaration-2018 表十之五",
        "yearly rates 104-106年 [%]",
        "0.16 / 1.42 / 1.19",
        lambda: _percents(rates.annual_saving_rate(Q_(np.array(_S), "kWh"), Q_(np.array(_B), "kWh")).m),
    ),
    Case(
        "production-declaration-2018 表十之五",
        "cumulative R104, R105, R106 [%]",
        "0.16 / 0.81 / 0.94",
        lambda: _percents(rates.cumulative_saving_rates(Q_(_S, "kWh"), Q_(_B, "kWh")).m),
    ),
    Case(
        "production-declaration-2018 表十一之五",
        "RP104-RP107 [%]",
        "1.01 / 1.16 / 1.09 / 1.00",
        lambda: _percents(rates.planned_saving_rate(Q_(_SP, "kWh"), Q_(_CP, "kWh")).m),
    ),
    Case(
        "production-declaration-2018 表十一之五",
        "RI104-RI106 [%]",
        "204.87 / 129.89 / 109.36",
        lambda: _percents(rates.implementation_rate(Q_(_S, "kWh"), Q_(_SP[:3], "kWh")).m),
    ),
)


def example_summary() -> list[tuple[str, str]]:
    """The shipped example declaration's headline figures (issue 6), as (label, value) rows."""
    from ._data import data_path
    from .declaration import Declaration, validate
    from .rates import meets_target

    d = Declaration.from_yaml(data_path("office_declaration.yaml"))
    s = d.summary()
    target = meets_target(s["saving_rate"], year=d.ad_year, contract_capacity=d.basic.contract_capacity)
    findings = validate(d)
    return [
        ("declaration", f"{d.basic.user_name} ({d.basic.user_class}), {d.year}年 ({d.ad_year})"),
        ("electricity", f"{s['electricity'].m:,.0f} kWh"),
        ("total energy", f"{s['energy'].m:,.2f} KLOE ({factors.load().oil_equivalent})"),
        ("electric EUI", f"{s['eui'].m:,.2f} kWh/m²"),
        ("recognised savings", f"{s['savings'].m:,.0f} kWh"),
        (
            "saving rate",
            f"{format_percent(s['saving_rate'])} % — {target.code.split('.')[-1]} ({target.context.get('rule')})",
        ),
        ("validation", f"{sum(f.severity == 'error' for f in findings)} errors, {len(findings)} findings"),
    ]


def inventory_summary() -> list[tuple[str, str]]:
    """The example county inventory's headline figures (issue 7), as (label, value) rows."""
    from ._data import data_path
    from .inventory import compute, read_orgs, read_records

    tree = read_orgs(data_path("inventory_orgs.yaml"))
    records = read_records(data_path("inventory_records.csv"))
    inv = compute(tree, records, year=2024)
    incomplete = [f for f in inv.findings if f.code == "inventory.incomplete"]
    rows = [(label, f"{value:,.3f} t CO2e") for label, value in inv.summary()]
    rows.append(("organisations", f"{len(tree)} ({len(incomplete)} not complete, flagged with their share)"))
    return rows
