"""The worked examples of the official documents that ``carbonaudit demo`` reproduces (private).

Each case names its document and table, the figure as published, and how the library computes
it. Later engines add their cases here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from . import emissions, energy, factors
from .formatting import format_percent, round_half_up
from .units import Q_


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


CASES: tuple[Case, ...] = (
    Case("domain.md conventions", "1 kcal (International Table) in kJ", "4.1868",
         lambda: float(Q_(1, "kcal").m_as("kJ"))),
    Case("seed 003 表五之三 註", "1 USRT in kcal/h", "3,024", lambda: float(Q_(1, "USRT").m_as("kcal/h"))),
    Case("seed 001 附表2", "diesel: 8,400 kcal/L × 74,100 kg/TJ [kg CO2/L]", "2.61", _recommended("柴油", "L")),
    Case("seed 001 附表2", "motor gasoline: 7,800 kcal/L × 69,300 kg/TJ [kg CO2/L]", "2.26",
         _recommended("車用汽油", "L")),
    Case("seed 001 附表2", "natural gas: 8,000 kcal/m³ × 56,100 kg/TJ [kg CO2/m³]", "1.88",
         _recommended("天然氣", "m**3")),
    Case("seed 001 附表2", "fuel coal: 6,400 kcal/kg × 94,600 kg/TJ [kg CO2/kg]", "2.53",
         _recommended("燃料煤", "kg")),
    Case("seed 001 附表2", "LPG: 6,635 kcal/L × 63,100 kg/TJ [kg CO2/L]", "1.75",
         _recommended("液化石油氣", "L")),
    Case("seed 001 附表2 註4", "electricity 102年, 1 kWh [kg CO2]", "0.522",
         lambda: float(emissions.electricity(Q_(1, "kWh"), 2013, _award()).co2e.m)),
    Case("seed 002 表十", "1,120,329.5 kWh saved [KLOE]", "278.34",
         lambda: float(energy.to_kloe(Q_(1_120_329.5, "kWh"), "E01", _award(), basis="tw-primary-2236").m)),
    Case("seed 002 表十", "613,200 kWh planned [KLOE]", "152.346",
         lambda: float(energy.to_kloe(Q_(613_200, "kWh"), "E01", _award(), basis="tw-primary-2236").m)),
    Case("seed 002 表八之三", "106年 Q1 energy per unit at 0.00023 KLOE/kWh [KLOE/unit]", "0.23650192",
         _quarter_kloe_per_unit),
    Case("seed 002 表十之三", "saving rate 1.1944 % shown as", "1.19", lambda: format_percent(0.011944)),
)
