"""carbonaudit.fee pinned exactly: whole messages, findings, views, notes and the paths of the arithmetic.

Complements tests/test_fee.py, tests/test_fee_frame.py and tests/test_fee_rules_data.py. The rules are
those of data/carbon_fee.yaml for 2025 (moenv-carbon-fee-2024 第3-6條, 第9條; moenv-carbon-fee-rate-2024):
threshold and K 25,000 t, K 0 for a high carbon-leakage plant, coefficient 1 or 0.2 / 0.4 / 0.6 by period
with an approved plan, rates NT$300 (general) / 50 (A) / 100 (B), offsets up to 10 % of the chargeable
emissions, chargeable emissions half-up to 3 decimals, the fee truncated to a whole NT$, due by the end of
May of the following year. Every expected figure is worked by hand in the comment beside it.
"""

from __future__ import annotations

import copy
import dataclasses
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml

from carbonaudit import Q_, factors, fee
from carbonaudit._data import data_path
from carbonaudit.errors import (
    CarbonAuditError,
    DataFileError,
    FactorNotFoundError,
    InvalidValueError,
    MissingDependencyError,
    PeriodError,
)
from carbonaudit.factors.models import FactorTrace
from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compute

NOTE_AS_GIVEN = (
    "annual emissions are taken as given: the deductions of 第7條 (incremental offsets) and 第8條 "
    "(a power producer's supply) are not applied"
)
NOTE_NO_PLAN = (
    "high carbon-leakage without an approved reduction plan: K is 0 (第5條) but the coefficient stays 1 "
    "(第6條 needs the plan too), so the recognition raises the fee"
)
OPTIONS = ["general", "A", "B", "general+high-leakage", "A+high-leakage", "B+high-leakage"]
ROW_COLUMNS = [
    "year",
    "liable",
    "annual_t",
    "K_t",
    "coefficient",
    "chargeable_t",
    "offsets_requested_t",
    "offsets_allowed_t",
    "offsets_unused_t",
    "net_t",
    "rate",
    "rate_TWD_per_t",
    "fee_TWD",
]


def _raised(error: type[CarbonAuditError], call: Callable[[], object]) -> CarbonAuditError:
    """The exception *call* raises, which must be of exactly type *error*."""
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    return info.value


def _t(value: float) -> Any:
    return Q_(value, "t")


# -- the refusals, whole: message, Python fix and CLI fix ------------------------------------------


def test_rate_refusal() -> None:
    e = _raised(FactorNotFoundError, lambda: fee.carbon_fee(_t(30_000), rate="C"))
    assert e.message == "rate must be one of 'general', 'A', 'B', got str 'C'"
    assert (e.python, e.cli) == ("rate='general', 'A' or 'B'", "--rate general, A or B")
    e = _raised(FactorNotFoundError, lambda: fee.carbon_fee(_t(30_000), rate=None))  # type: ignore[arg-type]
    assert e.message == "rate must be one of 'general', 'A', 'B', got NoneType None"


def test_preferential_rate_without_a_plan_is_refused() -> None:
    e = _raised(InvalidValueError, lambda: fee.carbon_fee(_t(30_000), rate="A", plan=False))
    assert e.message == "rate 'A' applies only with an approved voluntary reduction plan, got plan=False"
    assert (e.python, e.cli) == ("pass rate='general', or plan=True", "give --rate general")
    e = _raised(InvalidValueError, lambda: fee.carbon_fee(_t(30_000), plan="yes"))  # type: ignore[arg-type]
    assert e.message == "plan must be True or False, got str 'yes'"
    e = _raised(InvalidValueError, lambda: fee.carbon_fee(_t(30_000), high_leakage=1))  # type: ignore[arg-type]
    assert e.message == "high_leakage must be True or False, got int 1"


def test_period_refusals() -> None:
    hl = {"rate": "A", "high_leakage": True}
    for bad, said in ((4, "int 4"), (0, "int 0"), (True, "bool True"), (1.0, "float 1.0"), ("1", "str '1'")):
        e = _raised(InvalidValueError, lambda bad=bad: fee.carbon_fee(_t(30_000), **hl, period=bad))  # type: ignore[misc]
        assert e.message == f"period must be one of 1, 2, 3 (the periods of 第6條), got {said}"
        assert (e.python, e.cli) == ("period=1", "--period 1")
    e = _raised(InvalidValueError, lambda: fee.carbon_fee(_t(30_000), period=2))
    assert e.message == (
        "period 2 applies only to a high carbon-leakage plant with an approved reduction plan (第6條); "
        "without both the coefficient is 1"
    )
    assert e.python == "pass high_leakage=True with rate='A' or 'B' (or plan=True), or leave period out"
    assert e.cli == "give --high-leakage with --rate A or B (or --plan), or leave --period out"
    # a plan without high-leakage recognition, and high-leakage recognition without a plan: both refused
    e = _raised(InvalidValueError, lambda: fee.carbon_fee(_t(30_000), rate="A", period=3))
    assert e.message.startswith("period 3 applies only")
    e = _raised(InvalidValueError, lambda: fee.carbon_fee(_t(30_000), high_leakage=True, period=1))
    assert e.message.startswith("period 1 applies only")
    # a numpy integer is a period: 40,000 x 0.4 = 16,000 t x NT$100 = 1,600,000
    r = fee.carbon_fee(_t(40_000), rate="B", high_leakage=True, period=np.int64(2))  # type: ignore[arg-type]
    assert (r.period, r.coefficient, r.fee.m_as("TWD")) == (2, 0.4, 1_600_000)
    assert type(r.period) is int


def test_year_refusals() -> None:
    e = _raised(FactorNotFoundError, lambda: fee.carbon_fee(_t(30_000), year=2027))
    assert e.message == (
        "year 2027 is not covered by the carbon-fee rules (activity years 2025-2026): the fee of 2027 is not "
        "announced in the data"
    )
    assert e.python == "give a year the rules cover, or year=None for the newest rules"
    assert e.cli == "give a --year the rules cover"
    e = _raised(PeriodError, lambda: fee.carbon_fee(_t(30_000), year=113))
    assert e.message.startswith("year must be an AD year as int")
    e = _raised(PeriodError, lambda: fee.rules("2025"))  # type: ignore[arg-type]
    assert e.message.startswith("year must be")


def test_sector_refusal() -> None:
    e = _raised(FactorNotFoundError, lambda: fee.liable(_t(30_000), 5))  # type: ignore[arg-type]
    assert e.message == (
        "sector must be one of 'power', 'gas', 'manufacturing' (or their names 電力業, 燃氣供應業, 製造業), "
        "or 'other' for a sector that is not charged; got int 5"
    )
    # names in any case and with spaces around, English names and Chinese names
    assert fee.liable(_t(30_000), " Manufacturing ").sector == "manufacturing"
    assert fee.liable(_t(30_000), "electricity supply").sector == "power"
    assert fee.liable(_t(30_000), "電力業").sector == "power"
    assert fee.liable(_t(30_000), "OTHER").sector == "other"


def test_comparison_lookup_refusal() -> None:
    c = fee.compare(_t(40_000))
    listed = "general, A, B, general+high-leakage, A+high-leakage, B+high-leakage"
    e = _raised(FactorNotFoundError, lambda: c["C"])
    assert e.message == f"option must be one of {listed}, got 'C'"
    e = _raised(FactorNotFoundError, lambda: c[1])  # type: ignore[index]
    assert e.message == f"option must be one of {listed}, got 1"


# -- the reason, the notes, the due date -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sector", "who"),
    [
        (None, "a plant of a charged sector"),
        ("manufacturing", "a manufacturing plant"),
        ("power", "an electricity supply plant"),  # 'an' before a vowel
        ("gas", "a gas supply plant"),
    ],
)
def test_the_reason_when_charged(sector: str | None, who: str) -> None:
    r = fee.liable(_t(30_000), sector)
    assert r.reason == f"charged: {who} with annual emissions 30,000 t CO2e >= 25,000 t CO2e (第3條)"
    assert r.sector == sector


def test_the_reason_when_not_charged() -> None:
    assert fee.liable(_t(24_999.5), "power").reason == (
        "not charged: annual emissions 24,999.5 t CO2e are below the threshold of 25,000 t CO2e (第3條)"
    )
    # a sector that is not charged, whatever its emissions
    r = fee.liable(_t(1_000_000), "other")
    assert r.reason == "not charged: the fee is charged to power, gas-supply and manufacturing plants only (第3條)"
    assert (r.liable, r.chargeable.m_as("t"), r.fee.m_as("TWD"), r.sector) == (False, 0, 0, "other")


def test_the_notes() -> None:
    assert fee.carbon_fee(_t(30_000)).notes == (NOTE_AS_GIVEN,)
    # chargeable 5,000 t, cap 10 % = 500 t; asked 501 t: 1 t unused
    r = fee.carbon_fee(_t(30_000), offsets=_t(501))
    assert r.notes == (
        NOTE_AS_GIVEN,
        "offsets of 1 t CO2e not used: at most 10% of the chargeable emissions (500 t CO2e) may be deducted (第9條)",
    )
    # 500.5 t asked: 0.5 t unused (a note for less than one tonne too)
    r = fee.carbon_fee(_t(30_000), offsets=_t(500.5))
    assert r.notes[1].startswith("offsets of 0.5 t CO2e not used")
    # high leakage without a plan, charged: K 0 and coefficient 1, 40,000 x 300 = 12,000,000
    r = fee.carbon_fee(_t(40_000), high_leakage=True)
    assert r.notes == (NOTE_AS_GIVEN, NOTE_NO_PLAN) and r.fee.m_as("TWD") == 12_000_000
    # ... not charged (below the threshold): no such note; with a plan: no such note
    assert fee.carbon_fee(_t(24_000), high_leakage=True).notes == (NOTE_AS_GIVEN,)
    assert fee.carbon_fee(_t(40_000), rate="A", high_leakage=True).notes == (NOTE_AS_GIVEN,)
    # a plan without high-leakage recognition: K 25,000, coefficient 1, no such note
    assert fee.carbon_fee(_t(40_000), rate="B").notes == (NOTE_AS_GIVEN,)


def test_due_date_and_year_of_every_entry_point() -> None:
    # 第4條: by the end of May of the year after the activity year
    assert fee.carbon_fee(_t(30_000), year=2025).due == "2026-05-31"
    assert fee.carbon_fee(_t(30_000), year=2026).due == "2027-05-31"
    assert fee.carbon_fee(_t(30_000)).due is None and fee.carbon_fee(_t(30_000)).year is None
    assert fee.liable(_t(30_000), year=2026).year == 2026
    c = fee.compare(_t(30_000), year=2026)
    assert {r.year for r in c.results.values()} == {2026} and {r.due for r in c.results.values()} == {"2027-05-31"}
    assert {r.rules for r in c.results.values()} == {"tw-carbon-fee-2025"}


# -- chargeable() ----------------------------------------------------------------------------------


def test_chargeable_takes_every_option() -> None:
    # no plan by default: high leakage alone is K 0, coefficient 1: 40,000 t
    assert fee.chargeable(_t(40_000), high_leakage=True).m_as("t") == 40_000
    # with the plan, period 1 by default: 40,000 x 0.2 = 8,000; period 3: x 0.6 = 24,000
    assert fee.chargeable(_t(40_000), high_leakage=True, plan=True).m_as("t") == 8_000
    assert fee.chargeable(_t(40_000), high_leakage=True, plan=True, period=3).m_as("t") == 24_000
    # a plan without high leakage: (40,000 - 25,000) x 1 = 15,000
    assert fee.chargeable(_t(40_000), plan=True).m_as("t") == 15_000
    # a sector that is not charged: 0
    assert fee.chargeable(_t(40_000), sector="other").m_as("t") == 0
    assert fee.chargeable(_t(40_000), sector="gas", year=2025).m_as("t") == 15_000
    with pytest.raises(FactorNotFoundError, match="year 2027"):
        fee.chargeable(_t(40_000), year=2027)
    with pytest.raises(InvalidValueError, match="period 2 applies only"):
        fee.chargeable(_t(40_000), high_leakage=True, period=2)  # no plan


def test_compare_passes_its_options_on() -> None:
    # period 3 for the high-leakage options: 40,000 x 0.6 = 24,000 t; x 300 / 50 / 100
    c = fee.compare(_t(40_000), period=3)
    assert {k: c[k].fee.m_as("TWD") for k in OPTIONS} == {
        "general": 4_500_000,  # (40,000 - 25,000) x 300
        "A": 750_000,
        "B": 1_500_000,
        "general+high-leakage": 7_200_000,
        "A+high-leakage": 1_200_000,
        "B+high-leakage": 2_400_000,
    }
    assert [(c[k].high_leakage, c[k].plan, c[k].period) for k in OPTIONS] == [
        (False, False, None),
        (False, True, None),
        (False, True, None),
        (True, True, 3),
        (True, True, 3),
        (True, True, 3),
    ]
    # a sector that is not charged pays nothing under any option; offsets are passed to each option:
    # general: chargeable 15,000, cap 1,500, 1,000 t used: 14,000 x 300 = 4,200,000
    assert {r.fee.m_as("TWD") for r in fee.compare(_t(40_000), sector="other").results.values()} == {0}
    assert fee.compare(_t(40_000), offsets=_t(1_000))["general"].fee.m_as("TWD") == 4_200_000
    # A+high-leakage: 8,000 t, cap 800 t: (8,000 - 800) x 50 = 360,000
    assert fee.compare(_t(40_000), offsets=_t(1_000))["A+high-leakage"].fee.m_as("TWD") == 360_000


# -- the views ---------------------------------------------------------------------------------------


def test_to_frame_has_every_step_as_a_column() -> None:
    # chargeable 5,000 t, cap 500 t, 800 t asked: 500 used, 300 unused, net 4,500 t x 300 = 1,350,000
    r = fee.carbon_fee(_t(30_000), offsets=_t(800), year=2025)
    df = r.to_frame()
    assert list(df.columns) == ROW_COLUMNS and len(df) == 1
    assert df.iloc[0].tolist() == [
        2025,
        True,
        30_000,
        25_000,
        1,
        5_000,
        800,
        500,
        300,
        4_500,
        "general",
        300,
        1_350_000,
    ]
    c = fee.compare(_t(40_000), year=2025).to_frame()
    assert list(c.columns) == ROW_COLUMNS and list(c.index) == OPTIONS
    # 15,000 t without recognition, 40,000 x 0.2 = 8,000 t with it
    assert c["chargeable_t"].tolist() == [15_000, 15_000, 15_000, 8_000, 8_000, 8_000]
    assert c["K_t"].tolist() == [25_000, 25_000, 25_000, 0, 0, 0]
    assert c["rate"].tolist() == ["general", "A", "B", "general", "A", "B"]


def test_the_html_views() -> None:
    r = fee.carbon_fee(_t(30_000), offsets=_t(800), year=2025, sector="power")
    page = r._repr_html_()
    assert page.startswith(
        "<b>FeeResult</b> charged: an electricity supply plant with annual emissions 30,000 t CO2e &gt;= "
        "25,000 t CO2e (第3條)<table><tr><th style='text-align:left'>year</th><td>2025</td></tr>"
        "<tr><th style='text-align:left'>liable</th><td>True</td></tr>"
        "<tr><th style='text-align:left'>annual_t</th><td>30,000</td></tr>"
    )
    assert "<tr><th style='text-align:left'>offsets_unused_t</th><td>300</td></tr>" in page
    # the fee whole, not 1.35e+06: (5,000 - 500) x 300 = 1,350,000
    assert "<tr><th style='text-align:left'>fee_TWD</th><td>1,350,000</td></tr>" in page
    assert "<tr><th style='text-align:left'>rate</th><td>general</td></tr>" in page
    assert page.count("<tr>") == len(ROW_COLUMNS)
    assert (
        "</table><details><summary>rules</summary><ul><li>threshold = 25000 t [official; 碳費收費辦法 (2024-08-29), "
        "第3條]</li><li>k = 25000 t [official; 碳費收費辦法 (2024-08-29), 第5條]</li>" in page
    )
    assert page.endswith(
        "</ul></details><ul><li>annual emissions are taken as given: the deductions of 第7條 (incremental offsets) "
        "and 第8條 (a power producer&#x27;s supply) are not applied</li><li>offsets of 300 t CO2e not used: at most "
        "10% of the chargeable emissions (500 t CO2e) may be deducted (第9條)</li></ul>"
    )
    assert page.count("<li>") == 7 + 2  # seven rule values, two notes
    c = fee.compare(_t(40_000))._repr_html_()
    assert c == (
        "<b>FeeComparison</b><table><tr><th>option</th><th>chargeable</th><th>fee</th></tr>"
        "<tr><td>general</td><td>15,000 t</td><td>4,500,000 TWD</td></tr>"
        "<tr><td>A</td><td>15,000 t</td><td>750,000 TWD</td></tr>"
        "<tr><td>B</td><td>15,000 t</td><td>1,500,000 TWD</td></tr>"
        "<tr><td>general+high-leakage</td><td>8,000 t</td><td>2,400,000 TWD</td></tr>"
        "<tr><td>A+high-leakage</td><td>8,000 t</td><td>400,000 TWD</td></tr>"
        "<tr><td>B+high-leakage</td><td>8,000 t</td><td>800,000 TWD</td></tr></table>"
    )


def test_the_trace_of_each_option_names_its_values() -> None:
    names = [t.name for t in fee.carbon_fee(_t(30_000)).trace]
    assert names == [
        "threshold",
        "k",
        "coefficient",
        "chargeable_decimals",
        "offset_cap",
        "rates.general",
        "due_month",
    ]
    r = fee.carbon_fee(_t(40_000), rate="B", high_leakage=True, period=3)
    trace = {t.name: t for t in r.trace}
    assert [t.name for t in r.trace][1:3] == ["k_high_leakage", "coefficients_high_leakage.3"]
    assert trace["coefficients_high_leakage.3"].note == "第三期排放量調整係數值為零點六"
    assert trace["rates.B"].citation == "碳費徵收費率 (2024-10-21), 優惠費率B"
    assert (trace["k_high_leakage"].value, trace["k_high_leakage"].unit) == (0, "t")


# -- fee.frame: option cells ---------------------------------------------------------------------------


def test_frame_option_cells_as_pandas_gives_them() -> None:
    plants = pd.DataFrame(
        {
            "emissions": [40_000.0, 40_000.0, 40_000.0, 40_000.0, 30_000.0],
            "rate": ["A", "A", "B", "general", "general"],
            "high_leakage": np.array([True, True, True, False, False]),
            # a period column with a missing cell is float64 in pandas: 2.0 is period 2, NaN is none
            "period": [2.0, np.nan, 3.0, np.nan, np.nan],
            "plan": [True, None, True, True, None],
            "sector": ["manufacturing", None, "gas", np.nan, "other"],
        },
        index=["a", "b", "c", "d", "e"],
    )
    assert plants["period"].dtype == np.float64
    out = fee.frame(plants, year=2025)
    # a: 40,000 x 0.4 x 50 = 800,000; b: period 1: 40,000 x 0.2 x 50 = 400,000; c: x 0.6 x 100 = 2,400,000;
    # d: a plan at the general rate without recognition: 15,000 x 300 = 4,500,000; e: not a charged sector
    assert out["fee_TWD"].tolist() == [800_000, 400_000, 2_400_000, 4_500_000, 0]
    assert out["coefficient"].tolist() == [0.4, 0.2, 0.6, 1, 1]
    assert out["liable"].tolist() == [True, True, True, True, False]
    assert sorted(out.attrs["trace"]) == [
        "chargeable_decimals",
        "coefficient",
        "coefficients_high_leakage.1",
        "coefficients_high_leakage.2",
        "coefficients_high_leakage.3",
        "k",
        "k_high_leakage",
        "offset_cap",
        "rates.A",
        "rates.B",
        "rates.general",
        "threshold",
    ]
    assert out.attrs["trace"]["threshold"]["value"] == 25_000


def test_frame_period_cells_that_are_not_periods_are_refused() -> None:
    plants = pd.DataFrame(
        {"emissions": [40_000.0, 40_000.0], "rate": ["A", "A"], "high_leakage": [True, True], "period": [1.5, np.nan]},
        index=["a", "b"],
    )
    e = _raised(InvalidValueError, lambda: fee.frame(plants))
    assert e.message == (
        "df row 'a' (rate='A', high_leakage=True, period=1.5): period must be one of 1, 2, 3 (the periods of 第6條), "
        "got float 1.5"
    )
    assert (e.python, e.cli) == ("period=1", "--period 1")
    # a float cell of another column than period stays a float: refused, not taken for a bool
    plants = pd.DataFrame({"emissions": [40_000.0], "high_leakage": [1.0]}, index=["a"])
    e = _raised(InvalidValueError, lambda: fee.frame(plants))
    assert e.message == "df row 'a' (high_leakage=1.0): high_leakage must be True or False, got float 1.0"


def test_frame_missing_cells_are_refused_naming_the_cell() -> None:
    plants = pd.DataFrame({"emissions": [30_000.0, 30_000.0], "tariff": ["general", None]}, index=["a", "b"])
    e = _raised(InvalidValueError, lambda: fee.frame(plants, rate="tariff"))
    assert e.message == "df row 'b' (tariff=None): rate is missing: give general, A or B"
    plants = pd.DataFrame({"emissions": [30_000.0, 30_000.0], "hl": [np.nan, False]}, index=["a", "b"])
    e = _raised(InvalidValueError, lambda: fee.frame(plants, high_leakage="hl"))
    assert e.message == "df row 'a' (hl=None): high_leakage is missing: give True or False"
    # the row's other cells are named with it
    plants = pd.DataFrame({"emissions": [30_000.0], "rate": ["A"], "plan": [False], "sector": ["power"]}, index=["z"])
    e = _raised(InvalidValueError, lambda: fee.frame(plants))
    assert e.message == (
        "df row 'z' (sector='power', rate='A', plan=False): rate 'A' applies only with an approved voluntary "
        "reduction plan, got plan=False"
    )
    assert (e.python, e.cli) == ("pass rate='general', or plan=True", "give --rate general")


def test_frame_refuses_a_missing_column() -> None:
    e = _raised(InvalidValueError, lambda: fee.frame(pd.DataFrame({"co2e": [30_000.0]})))
    assert e.message.startswith("df has no emissions column 'emissions'")
    e = _raised(InvalidValueError, lambda: fee.frame(pd.DataFrame({"emissions": [30_000.0]}), offsets="credits"))
    assert e.message.startswith("df has no offsets column 'credits'")
    # a default-named column that is absent takes the default: no offsets
    assert fee.frame(pd.DataFrame({"emissions": [30_000.0]}))["offsets_allowed_t"].tolist() == [0]


def test_frame_in_kilograms_and_in_tonnes() -> None:
    # 30,000,000 kg = 30,000 t: 5,000 x 300; offsets 400,000 kg = 400 t: (5,000 - 400) x 300 = 1,380,000
    out = fee.frame(pd.DataFrame({"emissions": [30_000_000.0], "offsets": [400_000.0]}), unit="kg")
    assert (out["chargeable_t"].iloc[0], out["offsets_allowed_t"].iloc[0], out["fee_TWD"].iloc[0]) == (
        5_000,
        400,
        1_380_000,
    )
    out = fee.frame(pd.DataFrame({"emissions": [30_000.0], "offsets": [400.0]}), unit="公噸")
    assert out["fee_TWD"].iloc[0] == 1_380_000


def test_frame_replaces_columns_it_adds() -> None:
    plants = pd.DataFrame({"emissions": [30_000.0], "fee_TWD": [-1.0], "name": ["一廠"]})
    out = fee.frame(plants)
    assert list(out.columns) == ["emissions", "name", *fee.FRAME_COLUMNS]
    assert out["fee_TWD"].tolist() == [1_500_000]


# -- the arithmetic's paths ------------------------------------------------------------------------


def test_where_no_plant_is_liable() -> None:
    # every row below the threshold or of a sector that is not charged: nothing is charged, even where K is 0
    # (24,000 x 0.2 would be 4,800 t if the threshold were forgotten)
    plants = pd.DataFrame(
        {
            "emissions": [24_000.0, 24_999.999, 40_000.0, 24_999.123456789, 40_000.123456789],
            "rate": ["A", "general", "general", "A", "general"],
            "high_leakage": [True, True, False, True, False],
            "sector": [None, None, "other", None, "other"],
        }
    )
    out = fee.frame(plants)
    assert out["liable"].tolist() == [False] * 5
    assert out["chargeable_t"].tolist() == [0.0] * 5 and out["fee_TWD"].tolist() == [0.0] * 5
    # the same rows, each alone
    for annual, rate, hl, sector in zip(*(plants[c].tolist() for c in plants.columns), strict=True):
        sector = None if pd.isna(sector) else sector  # a missing cell of a column of strings reads as NaN
        r = fee.carbon_fee(_t(annual), rate=rate, high_leakage=hl, sector=sector)
        assert (r.liable, r.chargeable.m_as("t"), r.fee.m_as("TWD")) == (False, 0, 0)


def test_a_frame_with_short_and_long_rows_and_rows_not_charged() -> None:
    plants = pd.DataFrame(
        {
            "emissions": [
                30_000.0,
                30_000.123456789,
                24_999.123456789,
                40_000.1234567,
                40_000.0,
                50_000.0,
                52_502.4995,
            ],
            "rate": ["general", "general", "A", "A", "A", "general", "general"],
            "high_leakage": [False, False, True, True, True, False, False],
            "sector": [None, None, None, None, "other", "other", "manufacturing"],
            "offsets": [0.0, 100.0, 0.0, 0.5, 0.0, 0.0, 0.0],
        }
    )
    out = fee.frame(plants, year=2025)
    # 0: 5,000 t x 300 = 1,500,000
    # 1: 5,000.123456789 -> 5,000.123 t; cap 500.0123 t, 100 t used: (5,000.123 - 100) x 300 = 1,470,036.9 -> 1,470,036
    # 2: below the threshold: 0 (K would be 0 for it: 4,999.825 t if it were charged)
    # 3: 40,000.1234567 x 0.2 = 8,000.02469134 -> 8,000.025 t; 0.5 t used: 7,999.525 x 50 = 399,976.25 -> 399,976
    # 4, 5: not charged sectors: 0
    # 6: 27,502.4995 -> 27,502.500 t x 300 = 8,250,750
    assert out["chargeable_t"].tolist() == [5_000, 5_000.123, 0, 8_000.025, 0, 0, 27_502.5]
    assert out["fee_TWD"].tolist() == [1_500_000, 1_470_036, 0, 399_976, 0, 0, 8_250_750]
    assert out["net_t"].tolist()[:2] == [5_000, 4_900.123]
    columns = (plants[c].tolist() for c in plants.columns)
    for i, (annual, rate, hl, sector, offsets) in enumerate(zip(*columns, strict=True)):
        sector = None if pd.isna(sector) else sector
        r = fee.carbon_fee(_t(annual), rate=rate, high_leakage=hl, sector=sector, offsets=_t(offsets), year=2025)
        assert (r.chargeable.m_as("t"), r.fee.m_as("TWD")) == (out["chargeable_t"].iloc[i], out["fee_TWD"].iloc[i])


@pytest.mark.parametrize(
    ("annual", "chargeable", "fee_twd"),
    [
        # the largest annual emissions of the whole-number path: (400,000,000 - 25,000) x 300 = 119,992,500,000
        (400_000_000.0, 399_975_000.0, 119_992_500_000),
        # just above it (the float path): 399,975,000.004 t x 300 = 119,992,500,001.2 -> 119,992,500,001
        (400_000_000.004, 399_975_000.004, 119_992_500_001),
        # a half at the fourth decimal above the limit: 399,975,000.0005 -> .001 t; x 300 = 119,992,500,000.3
        (400_000_000.0005, 399_975_000.001, 119_992_500_000),
        # 1,000,000,000 t: 999,975,000 x 300 = 299,992,500,000
        (1_000_000_000.0, 999_975_000.0, 299_992_500_000),
    ],
)
def test_annual_emissions_at_the_limit_of_the_whole_number_path(annual: float, chargeable: float, fee_twd: int) -> None:
    r = fee.carbon_fee(_t(annual))
    assert (r.chargeable.m_as("t"), r.fee.m_as("TWD")) == (chargeable, fee_twd)
    # in a frame with a short row, alone, and with a high-leakage row (another coefficient)
    for rows in ([annual, 30_000.0], [annual]):
        out = fee.frame(pd.DataFrame({"emissions": rows}))
        assert (out["chargeable_t"].iloc[0], out["fee_TWD"].iloc[0]) == (chargeable, fee_twd)
    out = fee.frame(
        pd.DataFrame({"emissions": [annual, 40_000.0], "rate": ["general", "A"], "high_leakage": [False, True]})
    )
    # the second row: 40,000 x 0.2 x 50 = 400,000
    assert out["fee_TWD"].tolist() == [fee_twd, 400_000]


@pytest.mark.parametrize(
    ("annual", "chargeable", "fee_twd"),
    [
        # 400,000,000 x 0.2 = 80,000,000 t x 50 = 4,000,000,000
        (400_000_000.0, 80_000_000.0, 4_000_000_000),
        # 400,000,000.0025 x 0.2 = 80,000,000.0005 -> 80,000,000.001 t (half-up); x 50 = 4,000,000,000.05 -> 4,000,000,000
        (400_000_000.0025, 80_000_000.001, 4_000_000_000),
        # 400,000,000.0075 x 0.2 = 80,000,000.0015 -> 80,000,000.002 t; x 50 = 4,000,000,000.1 -> 4,000,000,000
        (400_000_000.0075, 80_000_000.002, 4_000_000_000),
        # 400,000,000.1 x 0.2 = 80,000,000.02 t; x 50 = 4,000,000,001
        (400_000_000.1, 80_000_000.02, 4_000_000_001),
    ],
)
def test_high_leakage_at_the_limit_of_the_whole_number_path(annual: float, chargeable: float, fee_twd: int) -> None:
    r = fee.carbon_fee(_t(annual), rate="A", high_leakage=True)
    assert (r.chargeable.m_as("t"), r.fee.m_as("TWD")) == (chargeable, fee_twd)
    out = fee.frame(pd.DataFrame({"emissions": [annual, 30_000.0], "rate": "A", "high_leakage": True}))
    # second row: 30,000 x 0.2 = 6,000 t x 50 = 300,000
    assert out["chargeable_t"].tolist() == [chargeable, 6_000] and out["fee_TWD"].tolist() == [fee_twd, 300_000]


@pytest.mark.parametrize(
    ("offsets", "allowed", "fee_twd"),
    [
        # chargeable (10,000,025,000 - 25,000) = 10,000,000,000 t; cap 10 % = 1,000,000,000 t
        # the largest offsets of the whole-number path, all used: 9,000,000,000 x 300 = 2,700,000,000,000
        (1_000_000_000.0, 1_000_000_000.0, 2_700_000_000_000),
        # just above: capped at 1,000,000,000 t, 0.001 t unused; the same fee
        (1_000_000_000.001, 1_000_000_000.0, 2_700_000_000_000),
        # below: (10,000,000,000 - 999,999,999.999) x 300 = 2,700,000,000,000.3 -> 2,700,000,000,000
        (999_999_999.999, 999_999_999.999, 2_700_000_000_000),
        # (10,000,000,000 - 999,999,999.99) x 300 = 2,700,000,000,003
        (999_999_999.99, 999_999_999.99, 2_700_000_000_003),
    ],
)
def test_offsets_at_the_limit_of_the_whole_number_path(offsets: float, allowed: float, fee_twd: int) -> None:
    r = fee.carbon_fee(_t(10_000_025_000), offsets=_t(offsets))
    assert r.chargeable.m_as("t") == 10_000_000_000
    assert (r.offsets_allowed.m_as("t"), r.fee.m_as("TWD")) == (allowed, fee_twd)
    out = fee.frame(pd.DataFrame({"emissions": [10_000_025_000.0, 30_000.0], "offsets": [offsets, 0.0]}))
    assert out["fee_TWD"].tolist() == [fee_twd, 1_500_000]  # the second: 5,000 x 300


@pytest.mark.parametrize(
    ("offsets", "fee_twd"),
    [
        # chargeable 5,000 t, cap 500 t. Huge offsets are capped: (5,000 - 500) x 300 = 1,350,000, the rest unused
        (1_000_000_000.0, 1_350_000),
        (1_000_000_000.5, 1_350_000),
        (2e12, 1_350_000),
        # offsets of a gram more than the kilogram path takes: 0.0015 t: (5,000 - 0.0015) x 300 = 1,499,999.55 -> 1,499,999
        (0.0015, 1_499_999),
        # 0.0033 t (short): (5,000 - 0.0033) x 300 = 1,499,999.01 -> 1,499,999
        (0.0033, 1_499_999),
        # 0.00334 t: x 300 = 1.002: 1,499,998.998 -> 1,499,998
        (0.00334, 1_499_998),
    ],
)
def test_offsets_far_above_the_cap_and_with_many_decimals(offsets: float, fee_twd: int) -> None:
    r = fee.carbon_fee(_t(30_000), offsets=_t(offsets))
    assert r.fee.m_as("TWD") == fee_twd
    assert r.offsets_allowed.m_as("t") == min(offsets, 500)
    assert r.offsets_unused.m_as("t") == offsets - min(offsets, 500)
    out = fee.frame(pd.DataFrame({"emissions": [30_000.0, 30_000.0], "offsets": [offsets, 0.0]}))
    assert out["fee_TWD"].tolist() == [fee_twd, 1_500_000]


def test_huge_emissions_beyond_every_whole_number() -> None:
    # 1e16 t (beyond 2**53 thousandths of a tonne): (1e16 - 25,000) = 9,999,999,999,975,000 t, which float64
    # holds exactly (a multiple of 2); x 300 = 2,999,999,999,992,500,000 NT$, held as the nearest float64
    r = fee.carbon_fee(_t(1e16))
    assert r.chargeable.m_as("t") == 9_999_999_999_975_000
    assert r.fee.m_as("TWD") == float(2_999_999_999_992_500_000)
    out = fee.frame(pd.DataFrame({"emissions": [1e16, 30_000.0]}))
    assert out["fee_TWD"].tolist() == [float(2_999_999_999_992_500_000), 1_500_000]


def test_annual_at_the_threshold_with_grams() -> None:
    # 25,000.0004 t: 0.0004 t -> 0.000 t (half-up at 3 decimals); 25,000.0005 t -> 0.001 t, x 300 = 0.3 -> NT$0
    assert fee.chargeable(_t(25_000.0004)).m_as("t") == 0
    assert fee.chargeable(_t(25_000.0005)).m_as("t") == 0.001
    # 25,000.004 t -> 0.004 t x 300 = 1.2 -> NT$1
    assert fee.carbon_fee(_t(25_000.004)).fee.m_as("TWD") == 1
    out = fee.frame(pd.DataFrame({"emissions": [25_000.0004, 25_000.0005, 25_000.004, 25_000.0]}))
    assert out["chargeable_t"].tolist() == [0, 0.001, 0.004, 0]
    assert out["fee_TWD"].tolist() == [0, 0, 1, 0]


def test_a_half_after_a_coefficient_in_the_float_path() -> None:
    # 30,000.00000125 (8 decimals, the float path) x 0.4 = 12,000.0000005 -> 12,000.000 t (below a half);
    # 30,000.00125 x 0.4 = 12,000.0005 -> 12,000.001 t; 30,000.0012499999 x 0.4 = 12,000.00049999996 -> 12,000.000
    cases = {30_000.00000125: 12_000.0, 30_000.00125: 12_000.001, 30_000.0012499999: 12_000.0}
    for annual, chargeable in cases.items():
        got = fee.chargeable(_t(annual), high_leakage=True, plan=True, period=2)
        assert got.m_as("t") == chargeable, annual
    out = fee.frame(pd.DataFrame({"emissions": list(cases), "rate": "B", "high_leakage": True, "period": 2}))
    assert out["chargeable_t"].tolist() == list(cases.values())
    # x NT$100: 1,200,000, 1,200,000.1 -> 1,200,000, 1,200,000
    assert out["fee_TWD"].tolist() == [1_200_000] * 3


# -- from an inventory: the findings, whole ------------------------------------------------------------


def _tree(status: str = "complete", year: int = 2025) -> OrgTree:
    return OrgTree([Organisation(id="plant", name="一廠", status={year: status})])


def _rec(kind: str, value: float, unit: str, year: int = 2025, org: str = "plant", **kw: Any) -> ActivityRecord:
    return ActivityRecord(org=org, year=year, kind=kind, amount={"value": value, "unit": unit}, **kw)


def test_steam_and_market_based_lines_are_not_counted() -> None:
    recs = [
        # location-based: 60,000,000 kWh x 0.466 kg/kWh (moeaea-grid-2025, industry) = 27,960 t;
        # market-based with a supplier factor 0.1 kg/kWh (6,000 t): reported apart, not counted
        _rec("electricity", 60_000_000, "kWh", supplier_factor={"value": 0.1, "unit": "kg/kWh"}),
        # purchased steam: 1,000 GJ x 60 kg/GJ = 60 t, not counted (第3條)
        _rec("purchased_heat", 1_000, "GJ", emission_factor={"value": 60, "unit": "kg/GJ"}),
        # direct: 2,000 kg of CO2 extinguisher refill = 2 t
        _rec("extinguisher", 2_000, "kg", agent="CO2"),
    ]
    r = fee.from_inventory(compute(_tree(), recs, year=2025, grid_category="industry"))
    # 27,960 + 2 = 27,962 t; (27,962 - 25,000) x 300 = 888,600
    assert r.annual.m_as("t") == pytest.approx(27_962, rel=1e-12)
    assert r.fee.m_as("TWD") == 888_600
    assert r.plant == "plant"
    (steam,) = r.findings
    assert (steam.code, steam.severity, steam.path) == ("fee.steam_not_counted", "info", "inventory.plant")
    assert steam.message == (
        "indirect emissions from purchased steam or heat (60 t CO2e) are not counted: the fee counts direct and "
        "electricity-indirect emissions only (第3條)"
    )
    assert steam.context == {"steam_t": 60}
    assert steam.message_zh == "外購蒸汽之間接排放 60 公噸 CO2e 不計入收費排放量"


def test_the_incomplete_inventory_finding() -> None:
    tree = OrgTree(
        [
            Organisation(id="co", name="公司", status={2025: "complete"}),
            Organisation(id="plant", name="一廠", parent="co", status={2025: "in_progress"}),
        ]
    )
    recs = [_rec("electricity", 60_000_000, "kWh")]
    r = fee.from_inventory(compute(tree, recs, year=2025, grid_category="industry"), plant="plant")
    (found,) = r.findings
    assert (found.code, found.severity, found.path) == ("fee.incomplete_inventory", "warning", "inventory.plant")
    gaps = found.context["gaps"]
    # the inventory's own finding (60,000,000 kWh x 0.466 = 27,960 t, all of the total), passed on
    assert gaps == [
        "一廠 is in progress (登錄中) for 2025: its 27,960.000 t CO2e (100.0% of the total) may be incomplete"
    ]
    assert found.message == (
        f"the inventory of plant for 2025 is not complete, so the fee may be understated: {gaps[0]}"
    )
    assert found.message_zh == "plant 2025 年盤查尚未完整，碳費可能低估"
    # a root with no status for the year is "not started"; two gaps are joined with "; "
    tree = OrgTree([Organisation(id="plant", name="一廠", status={2024: "complete"})])
    recs = [_rec("extinguisher", 500, "kg", agent="CO2")]
    (found,) = fee.from_inventory(compute(tree, recs, year=2025, grid_category="industry")).findings
    assert found.context["gaps"] == [
        "一廠 has no electricity record of its own for 2025",
        "一廠 is not started for 2025",
    ]
    assert found.message.endswith(
        "understated: 一廠 has no electricity record of its own for 2025; 一廠 is not started for 2025"
    )


def test_the_grid_category_finding() -> None:
    recs = [
        _rec("electricity", 60_000_000, "kWh"),
        _rec("electricity", 1_000, "kWh", grid_category="residential"),
        _rec("electricity", 1_000, "kWh", grid_category="industry"),
    ]
    r = fee.from_inventory(compute(_tree(), recs, year=2025))  # the inventory's category: average
    (found,) = r.findings
    assert (found.code, found.severity, found.path) == ("fee.grid_category", "warning", "inventory.plant")
    assert found.message == (
        "electricity of 2025 was computed with the average and residential grid factor, not the industry one; the "
        "MOENV registry uses the industry grid factor for enterprise inventories (moenv-registry-2026): "
        "compute the inventory with the industry grid category"
    )
    assert found.context == {"categories": ["average", "residential"]}
    assert found.message_zh == "用電排放未採用產業別電力排碳係數；事業溫室氣體排放量資訊平台採產業別係數"
    # a factor set of the caller's own (not a shipped set): the grid factor is theirs to choose, no finding
    own = factors.load("tw-2025").with_overrides(supplier_factor=Q_(0.1, "kg/kWh"))
    assert fee.from_inventory(compute(_tree(), recs[:1], own, year=2025)).findings == ()


def _with_factors(inv: Any, traces: list[FactorTrace]) -> Any:
    """*inv* with *traces* added to its first line (as an inventory computed with other factors would have)."""
    first = inv.lines[0]
    return dataclasses.replace(
        inv, lines=(dataclasses.replace(first, factors=first.factors + tuple(traces)), *inv.lines[1:])
    )


def _trace(name: str, status: str = "official") -> FactorTrace:
    return FactorTrace(name=name, value=0.5, unit="kg/kWh", status=status, source="user", citation="user")


def test_the_mixed_years_finding() -> None:
    inv = compute(_tree(), [_rec("electricity", 60_000_000, "kWh")], year=2025, grid_category="industry")
    r = fee.from_inventory(_with_factors(inv, [_trace("grid_factors.2024"), _trace("grid_factors.2023.industry")]))
    (found,) = r.findings
    assert (found.code, found.severity, found.path) == ("fee.mixed_years", "warning", "inventory.plant")
    assert found.message == (
        "the inventory of 2025 uses grid factors of 2023, 2024: the fee of 2025 is charged on that year's emissions "
        "with that year's factors"
    )
    assert found.context == {"years": [2023, 2024], "provisional": []}
    assert found.message_zh == "2025 年盤查混用其他年度或暫用之係數"
    # provisional values: the first three named, then "..."
    names = ["heat_value.a", "heat_value.b", "heat_value.c", "heat_value.d"]
    r = fee.from_inventory(
        _with_factors(inv, [_trace(n, "provisional") for n in names] + [_trace("grid_factors.2026")])
    )
    (found,) = r.findings
    assert found.message.startswith(
        "the inventory of 2025 uses grid factors of 2026 and provisional values (heat_value.a, heat_value.b, "
        "heat_value.c, ...): the fee"
    )
    assert found.context == {"years": [2026], "provisional": names}
    r = fee.from_inventory(_with_factors(inv, [_trace(n, "provisional") for n in names[:3]]))
    assert r.findings[0].message.startswith(
        "the inventory of 2025 uses provisional values (heat_value.a, heat_value.b, heat_value.c): the fee"
    )
    # names that are not a grid factor of a year are not years
    assert (
        fee.from_inventory(
            _with_factors(inv, [_trace("grid_factors.supplier"), _trace("my_grid_factors.2024")])
        ).findings
        == ()
    )


def test_the_plant_refusals() -> None:
    two_roots = OrgTree(
        [
            Organisation(id="north", name="北廠", status={2025: "complete"}),
            Organisation(id="south", name="南廠", status={2025: "complete"}),
        ]
    )
    recs = [_rec("electricity", 1_000, "kWh", org="north"), _rec("electricity", 1_000, "kWh", org="south")]
    inv = compute(two_roots, recs, year=2025, grid_category="industry")
    e = _raised(InvalidValueError, lambda: fee.from_inventory(inv))
    assert e.message == "plant must be named: the inventory's tree has 2 roots (north, south)"
    assert (e.python, e.cli) == ("plant='north'", "--plant north")
    # 1,000 kWh x 0.466 = 0.466 t: not charged
    assert fee.from_inventory(inv, plant="south").plant == "south"
    e = _raised(InvalidValueError, lambda: fee.from_inventory(inv, plant=7))  # type: ignore[arg-type]
    assert e.message == "plant must be the id of an organisation of the inventory (north, south), got int 7"
    assert (e.python, e.cli) == ("plant='north'", "--plant north")
    # more than eight organisations: the first eight, then "..."
    orgs = [Organisation(id="co", name="公司", status={2025: "complete"})]
    orgs += [Organisation(id=f"p{i}", name=f"廠{i}", parent="co", status={2025: "complete"}) for i in range(1, 9)]
    inv = compute(OrgTree(orgs), [_rec("electricity", 1_000, "kWh", org="p1")], year=2025, grid_category="industry")
    e = _raised(InvalidValueError, lambda: fee.from_inventory(inv, plant="p9"))
    assert e.message == (
        "plant must be the id of an organisation of the inventory (co, p1, p2, p3, p4, p5, p6, p7, ...), got str 'p9'"
    )
    # exactly eight: no "..."
    inv = compute(OrgTree(orgs[:8]), [_rec("electricity", 1_000, "kWh", org="p1")], year=2025, grid_category="industry")
    e = _raised(InvalidValueError, lambda: fee.from_inventory(inv, plant="p9"))
    assert e.message.endswith("(co, p1, p2, p3, p4, p5, p6, p7), got str 'p9'")


def test_from_inventory_refusal_and_options() -> None:
    e = _raised(InvalidValueError, lambda: fee.from_inventory([1, 2]))  # type: ignore[arg-type]
    assert e.message == "inv must be an Inventory (carbonaudit.inventory.compute), got list"
    assert e.python == "inv = carbonaudit.inventory.compute(tree, records, year=2025, grid_category='industry')"
    assert e.cli == "give --inventory records.csv --orgs orgs.yaml --year 2025"
    inv = compute(_tree(), [_rec("electricity", 100_000_000, "kWh")], year=2025, grid_category="industry")
    # 100,000,000 kWh x 0.466 = 46,600 t; high leakage, plan, period 2: 46,600 x 0.4 = 18,640 t; x 300 = 5,592,000
    r = fee.from_inventory(inv, high_leakage=True, plan=True, period=2)
    assert (r.chargeable.m_as("t"), r.fee.m_as("TWD")) == pytest.approx((18_640, 5_592_000), rel=1e-12)
    assert (r.plan, r.period) == (True, 2)
    # the sector is passed on: not charged
    assert fee.from_inventory(inv, sector="other").fee.m_as("TWD") == 0
    # offsets: cap 1,864 t; 1,000 t used: (18,640 - 1,000) x 50 = 882,000
    r = fee.from_inventory(inv, rate="A", high_leakage=True, period=2, offsets=_t(1_000))
    assert r.fee.m_as("TWD") == 882_000


def test_the_incomplete_inventory_finding_lists_the_plant_first_then_below() -> None:
    tree = OrgTree(
        [
            Organisation(id="plant", name="一廠", status={2025: "in_progress"}),
            Organisation(id="line2", name="二號產線", parent="plant", status={2025: "in_progress"}),
            Organisation(id="line3", name="三號產線", parent="plant", status={2025: "complete"}),
        ]
    )
    recs = [_rec("electricity", 1_000, "kWh", org="line2"), _rec("electricity", 3_000, "kWh", org="line3")]
    r = fee.from_inventory(compute(tree, recs, year=2025, grid_category="industry"))
    # 1,000 kWh x 0.466 = 0.466 t and 3,000 kWh x 0.466 = 1.398 t: 1.864 t, 0.466 / 1.864 = 25 % of it in line2
    assert r.annual.m_as("t") == pytest.approx(1.864, rel=1e-12)
    (found,) = r.findings
    assert found.context["gaps"] == [
        "一廠 has no electricity record of its own for 2025",
        "一廠 is in progress for 2025",
        "二號產線 is in progress (登錄中) for 2025: its 0.466 t CO2e (25.0% of the total) may be incomplete",
    ]


def test_an_inventory_without_records_is_incomplete() -> None:
    # the inventory's "no records" finding (its path is not an organisation's) is passed on; 0 t, no fee
    r = fee.from_inventory(compute(_tree(), [], year=2025, grid_category="industry"))
    assert (r.annual.m_as("t"), r.fee.m_as("TWD"), r.liable) == (0, 0, False)
    (found,) = r.findings
    assert found.context["gaps"] == [
        "no records for 2025 (no record was given): the inventory of 2025 is empty, its totals 0 by absence"
    ]


def test_the_findings_of_other_branches_are_not_the_plants() -> None:
    tree = OrgTree(
        [
            Organisation(id="co", name="公司", status={2025: "complete"}),
            Organisation(id="plant", name="一廠", parent="co", status={2025: "complete"}),
            Organisation(id="office", name="台北辦公室", parent="co", status={2025: "in_progress"}),
        ]
    )
    recs = [_rec("electricity", 60_000_000, "kWh"), _rec("electricity", 1_000, "kWh", org="office")]
    inv = compute(tree, recs, year=2025, grid_category="industry")
    assert fee.from_inventory(inv, plant="plant").findings == ()
    assert [f.code for f in fee.from_inventory(inv, plant="co").findings] == ["fee.incomplete_inventory"]


def test_a_grid_factor_the_user_set_is_theirs_to_choose() -> None:
    inv = compute(_tree(), [_rec("electricity", 60_000_000, "kWh")], year=2025, grid_category="industry")
    # the user's own all-sales figure of 2025 (status "user"): no fee.grid_category finding
    assert fee.from_inventory(_with_factors(inv, [_trace("grid_factors.2025", "user")])).findings == ()
    # the shipped one: a finding
    (found,) = fee.from_inventory(_with_factors(inv, [_trace("grid_factors.2025")])).findings
    assert found.code == "fee.grid_category" and found.context == {"categories": ["average"]}


def test_a_little_steam_is_still_reported() -> None:
    # 10 GJ x 50 kg/GJ = 500 kg = 0.5 t of steam: reported though below a tonne
    recs = [
        _rec("electricity", 60_000_000, "kWh"),
        _rec("purchased_heat", 10, "GJ", emission_factor={"value": 50, "unit": "kg/GJ"}),
    ]
    (found,) = fee.from_inventory(compute(_tree(), recs, year=2025, grid_category="industry")).findings
    assert found.code == "fee.steam_not_counted" and found.context == {"steam_t": 0.5}
    assert found.message_zh == "外購蒸汽之間接排放 0.5 公噸 CO2e 不計入收費排放量"


def test_a_near_half_just_above_the_threshold_in_fractions() -> None:
    # 25,000.00050000001 t (11 decimals: the float path, within a float's error of a half, decided exactly):
    # 0.00050000001 t -> 0.001 t; 25,000.00049999999 t -> 0.000 t
    assert fee.chargeable(_t(25_000.00050000001)).m_as("t") == 0.001
    assert fee.chargeable(_t(25_000.00049999999)).m_as("t") == 0
    out = fee.frame(pd.DataFrame({"emissions": [25_000.00050000001, 25_000.00049999999]}))
    assert out["chargeable_t"].tolist() == [0.001, 0]


def test_comparison_lookup_of_an_unhashable_key() -> None:
    c = fee.compare(_t(40_000))
    e = _raised(FactorNotFoundError, lambda: c[["A"]])  # type: ignore[index]
    assert e.message.endswith("got ['A']")


def test_views_without_pandas_name_what_needs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    r = fee.carbon_fee(_t(30_000))
    c = fee.compare(_t(30_000))
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    e = _raised(MissingDependencyError, r.to_frame)
    assert e.message == 'FeeResult.to_frame needs pandas: pip install "carbonaudit[pandas]"'
    e = _raised(MissingDependencyError, c.to_frame)
    assert e.message == 'FeeComparison.to_frame needs pandas: pip install "carbonaudit[pandas]"'


# -- the rules file: the names in its messages, the ends of its ranges ---------------------------------

SHIPPED = yaml.safe_load(data_path("carbon_fee.yaml").read_text(encoding="utf-8"))


def _check_with(name: str, value: dict[str, Any]) -> None:
    raw = copy.deepcopy(SHIPPED)
    raw["rule_sets"][0][name] = {**raw["rule_sets"][0][name], **value}
    fee._check(fee._FeeFile.model_validate(raw), dict(factors.load().sources), "carbon_fee.yaml")


@pytest.mark.parametrize("name", ["offset_cap", "chargeable_decimals", "due_month"])
def test_the_rules_file_names_the_value_in_its_messages(name: str) -> None:
    with pytest.raises(DataFileError) as info:
        _check_with(name, {"unit": "t"})
    assert str(info.value).startswith(f"carbon_fee.yaml: rule_sets[tw-carbon-fee-2025].{name}: must be in units like")
    with pytest.raises(DataFileError) as info:
        _check_with(name, {"source": "no-such-source"})
    assert str(info.value).startswith(f"carbon_fee.yaml: rule_sets[tw-carbon-fee-2025].{name}")


@pytest.mark.parametrize(
    ("name", "value"),
    [("offset_cap", 1), ("due_month", 1), ("due_month", 12), ("chargeable_decimals", 0), ("chargeable_decimals", 6)],
)
def test_the_rules_file_accepts_the_ends_of_its_ranges(name: str, value: float) -> None:
    _check_with(name, {"value": value})  # offsets up to 100 %, January-December, 0-6 decimals


def test_frame_names_the_emissions_cell_it_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    e = _raised(InvalidValueError, lambda: fee.frame(pd.DataFrame({"emissions": [30_000.0, -1.0]}, index=["a", "b"])))
    assert e.message == "df['emissions'] row 'b': annual emissions must be a finite, non-negative number, got -1.0"
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    e = _raised(MissingDependencyError, lambda: fee.frame(None))
    assert e.message == 'fee.frame needs pandas: pip install "carbonaudit[pandas]"'
