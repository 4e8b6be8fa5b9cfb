"""carbonaudit.fee: the carbon fee (moenv-carbon-fee-2024 第3-6條, 第9條; moenv-carbon-fee-rate-2024).

Every expected figure is worked out by hand in the test from the regulation's formula
收費排放量 = (年排放量 - K) x 排放量調整係數 and 碳費 = 收費排放量 x 費率 (第5條).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import Q_, fee, round_half_up
from carbonaudit.errors import FactorNotFoundError, InvalidValueError, PeriodError, UnitsError

# -- reference figures ----------------------------------------------------------------------------


def test_the_regulations_worked_example() -> None:
    # (30,000 - 25,000) x 1 x 300 = 1,500,000 NT$
    r = fee.carbon_fee(Q_(30_000, "t"), rate="general", year=2025)
    assert r.liable
    assert r.k.m_as("t") == 25_000
    assert r.coefficient == 1
    assert r.chargeable.m_as("t") == 5_000
    assert r.rate.m_as("TWD/t") == 300
    assert r.fee.m_as("TWD") == 1_500_000
    assert r.due == "2026-05-31"  # 第4條: by the end of May of the year after 2025


def test_below_the_threshold_is_not_charged_and_says_why() -> None:
    r = fee.carbon_fee(Q_(24_999, "t"), year=2025)
    assert not r.liable
    assert r.fee.m_as("TWD") == 0
    assert r.chargeable.m_as("t") == 0
    assert "below the threshold of 25,000 t CO2e" in r.reason and "第3條" in r.reason
    assert not fee.liable(Q_(24_999, "t"), "manufacturing").liable


def test_high_leakage_with_a_plan_at_rate_a_in_period_1() -> None:
    # K = 0, coefficient 0.2: 40,000 x 0.2 = 8,000 t; x NT$50 = 400,000
    r = fee.carbon_fee(Q_(40_000, "t"), rate="A", high_leakage=True, period=1, year=2025)
    assert r.k.m_as("t") == 0
    assert r.coefficient == 0.2
    assert r.chargeable.m_as("t") == 8_000
    assert r.fee.m_as("TWD") == 400_000
    assert r.plan and r.period == 1


@pytest.mark.parametrize(
    ("period", "chargeable", "fee_b"), [(1, 8_000, 800_000), (2, 16_000, 1_600_000), (3, 24_000, 2_400_000)]
)
def test_each_period_has_its_coefficient(period: int, chargeable: float, fee_b: float) -> None:
    # 40,000 x 0.2 / 0.4 / 0.6 = 8,000 / 16,000 / 24,000 t; x NT$100 (rate B)
    r = fee.carbon_fee(Q_(40_000, "t"), rate="B", high_leakage=True, period=period)
    assert r.chargeable.m_as("t") == chargeable
    assert r.fee.m_as("TWD") == fee_b


def test_rates_a_and_b_without_high_leakage_keep_k() -> None:
    # (40,000 - 25,000) = 15,000 t; x 50 = 750,000; x 100 = 1,500,000
    assert fee.carbon_fee(Q_(40_000, "t"), rate="A").fee.m_as("TWD") == 750_000
    assert fee.carbon_fee(Q_(40_000, "t"), rate="B").fee.m_as("TWD") == 1_500_000


def test_high_leakage_without_a_plan_has_k_zero_and_coefficient_1() -> None:
    # 第5條: K = 0 for a high-leakage plant; 第6條's coefficient needs the plan too: 40,000 x 1 x 300
    r = fee.carbon_fee(Q_(40_000, "t"), high_leakage=True)
    assert (r.k.m_as("t"), r.coefficient, r.fee.m_as("TWD")) == (0, 1, 12_000_000)


def test_offsets_above_10_percent_are_capped_and_the_rest_reported() -> None:
    # chargeable 5,000 t; cap 10 % = 500 t; asked 800 -> 500 used, 300 unused; (5,000 - 500) x 300 = 1,350,000
    r = fee.carbon_fee(Q_(30_000, "t"), offsets=Q_(800, "t"))
    assert r.offsets_requested.m_as("t") == 800
    assert r.offsets_allowed.m_as("t") == 500
    assert r.offsets_unused.m_as("t") == 300
    assert r.net.m_as("t") == 4_500
    assert r.fee.m_as("TWD") == 1_350_000
    assert any("offsets of 300 t CO2e not used" in n for n in r.notes)


def test_offsets_within_the_cap_are_used_whole() -> None:
    # 400 t <= 500 t: (5,000 - 400) x 300 = 1,380,000; nothing unused, no note
    r = fee.carbon_fee(Q_(30_000, "t"), offsets=Q_(400_000, "kg"))
    assert r.offsets_allowed.m_as("t") == 400 and r.offsets_unused.m_as("t") == 0
    assert r.fee.m_as("TWD") == 1_380_000
    assert not any("not used" in n for n in r.notes)


@pytest.mark.parametrize(
    ("tonnes", "rate", "high_leakage", "exact", "published_bn"),
    [
        # news reports of fees on 2024 emissions at the announced rates (the rules of 2025 applied):
        (12_140_000, "B", False, (12_140_000 - 25_000) * 100, 1.21),  # 1,211,500,000 ≈ NT$1.21 bn
        (23_440_000, "B", True, 23_440_000 * 2 * 10, 0.469),  # x 0.2 x 100 = 468,800,000 ≈ NT$469 m
        (18_760_000, "A", True, 18_760_000 * 2 * 5, 0.188),  # x 0.2 x 50 = 187,600,000 ≈ NT$188 m
    ],
)
def test_the_three_reported_2024_cases(
    tonnes: int, rate: str, high_leakage: bool, exact: int, published_bn: float
) -> None:
    r = fee.carbon_fee(Q_(tonnes, "t"), rate=rate, high_leakage=high_leakage)
    assert r.fee.m_as("TWD") == exact
    digits = 2 if published_bn > 1 else 3  # NT$1.21 bn; NT$469 m = 0.469 bn
    assert round_half_up(r.fee.m_as("TWD") / 1e9, digits) == published_bn


# -- boundaries -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tonnes", "charged", "expected"), [(24_999, False, 0), (25_000, True, 0), (25_001, True, 300)]
)
def test_the_threshold_boundary(tonnes: int, charged: bool, expected: int) -> None:
    # 25,000 reaches the threshold (達...以上) and pays (25,000 - 25,000) x 300 = 0; 25,001 pays 1 x 300
    r = fee.carbon_fee(Q_(tonnes, "t"))
    assert r.liable is charged
    assert r.fee.m_as("TWD") == expected


def test_the_threshold_boundary_for_a_high_leakage_plant() -> None:
    # below the threshold nobody is charged, K = 0 or not; at 25,000: 25,000 x 0.2 x 50 = 250,000
    assert fee.carbon_fee(Q_(24_999, "t"), rate="A", high_leakage=True).fee.m_as("TWD") == 0
    assert fee.carbon_fee(Q_(25_000, "t"), rate="A", high_leakage=True).fee.m_as("TWD") == 250_000


def test_rounding_of_the_regulation() -> None:
    # chargeable to 3 decimals half-up, the fee truncated: (25,000.0125 - 25,000) = 0.0125 -> 0.013 t;
    # 0.013 x 300 = 3.9 -> NT$3
    r = fee.carbon_fee(Q_(25_000.0125, "t"))
    assert r.chargeable.m_as("t") == 0.013
    assert r.fee.m_as("TWD") == 3


def test_sectors() -> None:
    assert fee.liable(Q_(30_000, "t"), "power").liable
    assert fee.liable(Q_(30_000, "t"), "燃氣供應業").liable
    r = fee.liable(Q_(30_000, "t"), "other")
    assert not r.liable and r.fee.m_as("TWD") == 0 and "power, gas-supply and manufacturing" in r.reason


def test_chargeable() -> None:
    assert fee.chargeable(Q_(30_000, "t")).m_as("t") == 5_000
    assert fee.chargeable(Q_(40_000, "t"), high_leakage=True, plan=True, period=2).m_as("t") == 16_000  # x 0.4
    assert fee.chargeable(Q_(24_999, "t")).m_as("t") == 0


def test_compare_lists_every_option() -> None:
    c = fee.compare(Q_(40_000, "t"))
    fees = {k: r.fee.m_as("TWD") for k, r in c.results.items()}
    # 15,000 t x 300 / 50 / 100; with high leakage and a plan, 40,000 x 0.2 = 8,000 t x 300 / 50 / 100
    assert fees == {
        "general": 4_500_000,
        "A": 750_000,
        "B": 1_500_000,
        "general+high-leakage": 2_400_000,
        "A+high-leakage": 400_000,
        "B+high-leakage": 800_000,
    }
    assert list(c.to_frame().index) == list(fees)
    assert c["B"].rate_class == "B"


# -- the trace, the data, the views ------------------------------------------------------------------


def test_every_rule_value_is_traced_to_its_source() -> None:
    r = fee.carbon_fee(Q_(40_000, "t"), rate="A", high_leakage=True, period=1)
    names = {t.name: t for t in r.trace}
    assert set(names) == {
        "threshold",
        "k_high_leakage",
        "coefficients_high_leakage.1",
        "chargeable_decimals",
        "offset_cap",
        "rates.A",
        "due_month",
    }
    assert names["rates.A"].source == "moenv-carbon-fee-rate-2024" and names["rates.A"].value == 50
    assert names["coefficients_high_leakage.1"].citation == "碳費收費辦法 (2024-08-29), 第6條"
    # the articles' numbers read in a verbatim copy of the law-database text: official, with that note;
    # the rates through MOENV press material: secondary
    assert {t.name: t.status for t in r.trace if t.status == "secondary"} == {"rates.A": "secondary"}
    assert names["k_high_leakage"].status == "official"


def test_views() -> None:
    r = fee.carbon_fee(Q_(30_000, "t"), year=2025)
    dumped = r.model_dump()
    assert dumped["fee"] == {"value": 1_500_000.0, "unit": "TWD"}
    assert dumped["trace"][0]["source"] == "moenv-carbon-fee-2024"
    row = r.to_frame().iloc[0]
    assert row["fee_TWD"] == 1_500_000 and row["chargeable_t"] == 5_000
    assert "FeeResult" in r._repr_html_() and "碳費徵收費率" in r._repr_html_()
    assert repr(r).startswith(
        "FeeResult(fee=1,500,000 TWD, annual=30,000 t, chargeable=5,000 t, rate=general 300 TWD/t"
    )


def test_the_rules_cover_their_years() -> None:
    rs = fee.rules(2025)
    assert (rs.activity_years.first, rs.activity_years.last) == (2025, 2026)
    assert fee.rules() is fee.rules(2026)


# -- bad input ------------------------------------------------------------------------------------


def test_bad_input_is_refused_naming_the_argument() -> None:
    with pytest.raises(UnitsError, match="emissions"):
        fee.carbon_fee(30_000)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="emissions"):
        fee.carbon_fee(Q_(-1, "t"))
    with pytest.raises(UnitsError, match="offsets"):
        fee.carbon_fee(Q_(30_000, "t"), offsets=Q_(100, "kWh"))
    with pytest.raises(FactorNotFoundError, match="rate"):
        fee.carbon_fee(Q_(30_000, "t"), rate="C")
    with pytest.raises(InvalidValueError, match="period"):
        fee.carbon_fee(Q_(30_000, "t"), rate="A", high_leakage=True, period=4)
    with pytest.raises(InvalidValueError, match="period 2 applies only"):
        fee.carbon_fee(Q_(30_000, "t"), period=2)
    with pytest.raises(FactorNotFoundError, match="year 2027"):
        fee.carbon_fee(Q_(30_000, "t"), year=2027)
    with pytest.raises(FactorNotFoundError, match="year 2024"):
        fee.carbon_fee(Q_(30_000, "t"), year=2024)
    with pytest.raises(PeriodError, match="year"):
        fee.carbon_fee(Q_(30_000, "t"), year=113)
    with pytest.raises(InvalidValueError, match="plan"):
        fee.carbon_fee(Q_(30_000, "t"), rate="B", plan=False)
    with pytest.raises(InvalidValueError, match="high_leakage"):
        fee.carbon_fee(Q_(30_000, "t"), high_leakage="yes")  # type: ignore[arg-type]
    with pytest.raises(FactorNotFoundError, match="sector"):
        fee.liable(Q_(30_000, "t"), "services")


# -- properties -----------------------------------------------------------------------------------

_tonnes = st.floats(min_value=0, max_value=5e7, allow_nan=False)
_options = st.sampled_from(
    [("general", False, None), ("A", False, None), ("B", False, None), ("A", True, 1), ("B", True, 3)]
)


@given(a=_tonnes, b=_tonnes, option=_options, offsets=st.floats(min_value=0, max_value=1e6))
def test_the_fee_never_decreases_with_emissions_and_is_never_negative(
    a: float, b: float, option: tuple[str, bool, int | None], offsets: float
) -> None:
    rate, hl, period = option
    low, high = sorted((a, b))
    f_low, f_high = (
        fee.carbon_fee(Q_(x, "t"), rate=rate, high_leakage=hl, period=period, offsets=Q_(offsets, "t")).fee.m_as("TWD")
        for x in (low, high)
    )
    assert 0 <= f_low <= f_high


@given(emissions=_tonnes, offsets=st.floats(min_value=0, max_value=1e7), option=_options)
def test_offsets_never_take_more_than_10_percent(
    emissions: float, offsets: float, option: tuple[str, bool, int | None]
) -> None:
    rate, hl, period = option
    r = fee.carbon_fee(Q_(emissions, "t"), rate=rate, high_leakage=hl, period=period, offsets=Q_(offsets, "t"))
    charge = r.chargeable.m_as("t")
    assert r.offsets_allowed.m_as("t") <= 0.1 * charge * (1 + 1e-12)
    assert r.net.m_as("t") >= 0.9 * charge * (1 - 1e-12)
    assert r.offsets_allowed.m_as("t") + r.offsets_unused.m_as("t") == pytest.approx(offsets)
