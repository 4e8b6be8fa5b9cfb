"""carbonaudit.fee: exact arithmetic, the table of plants (fee.frame) and the fee from an inventory.

The regulation rounds the chargeable emissions half-up to 3 decimals and truncates the fee to a
whole NT$ (moenv-carbon-fee-2024 第5條); offsets are capped at 10 % of the chargeable emissions
(第9條). The reference here is written independently of the library, with ``fractions.Fraction``
over the decimals the inputs print as.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carbonaudit import Q_, factors, fee
from carbonaudit.errors import FactorNotFoundError, InvalidValueError, UnitsError
from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compute

# The rule values of the 2025 rules (moenv-carbon-fee-2024 第3條, 第5條, 第6條, 第9條;
# moenv-carbon-fee-rate-2024), written out here so the reference does not read the library's data.
THRESHOLD = 25_000
K = {False: 25_000, True: 0}
COEFFICIENT = {None: Fraction(1), 1: Fraction(2, 10), 2: Fraction(4, 10), 3: Fraction(6, 10)}
RATE = {"general": 300, "A": 50, "B": 100}
CAP = Fraction(1, 10)


def reference(annual: float, rate: str, high_leakage: bool, period: int | None, offsets: float) -> tuple[float, float]:
    """(chargeable [t], fee [NT$]) by the regulation, in exact fractions of the printed decimals."""
    a, r = Fraction(repr(annual)), Fraction(repr(offsets))
    if a < THRESHOLD:
        return 0.0, 0.0
    plan = rate != "general" or period is not None
    coefficient = COEFFICIENT[(period or 1) if high_leakage and plan else None]
    exact = max(a - K[high_leakage], Fraction(0)) * coefficient * 1000
    charge = Fraction(math.floor(exact + Fraction(1, 2)), 1000)  # half-up: the values are never negative
    net = charge - min(r, charge * CAP)
    return float(charge), float(math.floor(net * RATE[rate]))


# -- exact where floats are not -------------------------------------------------------------------


def test_a_half_at_the_fourth_decimal_rounds_up() -> None:
    # (52,502.4995 - 25,000) x 1 = 27,502.4995 t -> 27,502.500 t (half-up, 3 decimals); x 300 = 8,250,750.
    # In float64, 52502.4995 - 25000 = 27502.499499999998: a naive float rounding gives 27,502.499 t
    # and NT$8,250,749.
    assert 52502.4995 - 25000 < 27502.4995
    r = fee.carbon_fee(Q_(52_502.4995, "t"), year=2025)
    assert r.chargeable.m_as("t") == 27_502.5
    assert r.fee.m_as("TWD") == 8_250_750
    row = fee.frame(pd.DataFrame({"emissions": [52_502.4995]}), year=2025).iloc[0]
    assert (row["chargeable_t"], row["fee_TWD"]) == (27_502.5, 8_250_750)


def test_a_half_after_the_coefficient_rounds_up() -> None:
    # high leakage with a plan, period 1: 40,000.0025 x 0.2 = 8,000.0005 t -> 8,000.001 t; x 50 = 400,000.05 -> 400,000
    r = fee.carbon_fee(Q_(40_000.0025, "t"), rate="A", high_leakage=True, period=1)
    assert r.chargeable.m_as("t") == 8_000.001
    assert r.fee.m_as("TWD") == 400_000


def test_just_below_a_half_rounds_down() -> None:
    # (30,000.0004999 - 25,000) = 5,000.0004999 t -> 5,000.000 t; x 300 = 1,500,000
    r = fee.carbon_fee(Q_(30_000.0004999, "t"))
    assert (r.chargeable.m_as("t"), r.fee.m_as("TWD")) == (5_000, 1_500_000)


def test_the_fee_is_truncated_not_rounded() -> None:
    # (25,001.0033 - 25,000) = 1.0033 t -> 1.003 t; x 300 = 300.9 -> NT$300 (truncated, 第5條), not 301
    assert fee.carbon_fee(Q_(25_001.0033, "t")).fee.m_as("TWD") == 300
    # offsets: chargeable 1.003 t, cap 0.1003 t, 0.05 t asked and used: (1.003 - 0.05) x 300 = 285.9 -> 285
    r = fee.carbon_fee(Q_(25_001.0033, "t"), offsets=Q_(0.05, "t"))
    assert r.fee.m_as("TWD") == 285 and r.offsets_unused.m_as("t") == 0


_decimals = st.builds(
    lambda whole, frac, places: float(f"{whole}.{frac:0{places}d}") if places else float(whole),
    st.integers(min_value=0, max_value=60_000_000),
    st.integers(min_value=0, max_value=9_999),
    st.sampled_from([0, 1, 2, 3, 4]),
).filter(lambda x: x <= 60_000_000)
_near = st.builds(lambda k: 25_000 + k / 10_000, st.integers(min_value=0, max_value=100_000_000))
_floats = st.floats(min_value=0, max_value=6e7, allow_nan=False, allow_infinity=False)
_option = st.sampled_from(
    [
        ("general", False, None),
        ("A", False, None),
        ("B", False, None),
        ("general", True, None),
        ("A", True, 1),
        ("A", True, 2),
        ("B", True, 3),
    ]
)


@given(
    annual=st.one_of(_decimals, _near, _floats),
    offsets=st.one_of(st.just(0.0), _decimals.filter(lambda x: x < 1e6), st.floats(min_value=0, max_value=1e6)),
    option=_option,
)
def test_the_scalar_path_is_the_regulations_arithmetic(
    annual: float, offsets: float, option: tuple[str, bool, int | None]
) -> None:
    rate, hl, period = option
    r = fee.carbon_fee(Q_(annual, "t"), rate=rate, high_leakage=hl, period=period, offsets=Q_(offsets, "t"))
    assert (r.chargeable.m_as("t"), r.fee.m_as("TWD")) == reference(annual, rate, hl, period, offsets)


# -- the table of plants ------------------------------------------------------------------------------


def test_frame_gives_the_reference_figures_row_by_row() -> None:
    plants = pd.DataFrame(
        {
            "emissions": [30_000, 24_999, 40_000, 30_000, 30_000, 25_000, 25_001],
            "rate": ["general", "general", "A", "general", "general", "B", "general"],
            "high_leakage": [False, False, True, False, False, False, False],
            "period": [None, None, 1, None, None, None, None],
            "offsets": [0, 0, 0, 800, 0, 0, 0],
            "sector": ["manufacturing", None, "製造業", "power", "other", "gas", None],
        },
        index=["p1", "p2", "p3", "p4", "p5", "p6", "p7"],
    )
    out = fee.frame(plants, year=2025)
    assert list(out.columns[-len(fee.FRAME_COLUMNS) :]) == list(fee.FRAME_COLUMNS)
    # 5,000 x 300; below 25,000; 40,000 x 0.2 x 50; (5,000 - 500) x 300; not a charged sector; 0 x 100; 1 x 300
    assert out["fee_TWD"].tolist() == [1_500_000, 0, 400_000, 1_350_000, 0, 0, 300]
    assert out["liable"].tolist() == [True, False, True, True, False, True, True]
    assert out["chargeable_t"].tolist() == [5_000, 0, 8_000, 5_000, 0, 0, 1]
    assert out["K_t"].tolist() == [25_000, 25_000, 0, 25_000, 25_000, 25_000, 25_000]
    assert out["coefficient"].tolist() == [1, 1, 0.2, 1, 1, 1, 1]
    assert out["rate_TWD_per_t"].tolist() == [300, 300, 50, 300, 300, 100, 300]
    assert out.loc["p4", ["offsets_allowed_t", "offsets_unused_t", "net_t"]].tolist() == [500, 300, 4_500]
    assert out.loc["p5", "offsets_unused_t"] == 0
    assert list(out.index) == list(plants.index)
    assert out.attrs["rules"] == "tw-carbon-fee-2025" and out.attrs["due"] == "2026-05-31"
    assert out.attrs["trace"]["rates.A"]["source"] == "moenv-carbon-fee-rate-2024"
    assert (
        "coefficients_high_leakage.1" in out.attrs["trace"] and "coefficients_high_leakage.2" not in out.attrs["trace"]
    )


def test_frame_without_option_columns_takes_the_defaults() -> None:
    out = fee.frame(pd.DataFrame({"emissions": [30_000.0, 40_000.0]}))
    # general rate, K 25,000, coefficient 1, no offsets: 5,000 x 300; 15,000 x 300
    assert out["fee_TWD"].tolist() == [1_500_000, 4_500_000]
    assert out.attrs["year"] is None and out.attrs["due"] is None


def test_frame_in_another_unit_and_named_columns() -> None:
    plants = pd.DataFrame({"co2e_kt": [30.0, 40.0], "credits_kt": [0.8, 0.0], "tariff": ["general", "B"]})
    out = fee.frame(plants, emissions="co2e_kt", offsets="credits_kt", rate="tariff", unit="kilotonne", year=2026)
    # 30 kt = 30,000 t: (5,000 - 500) x 300 = 1,350,000; 40,000 t: 15,000 x 100 = 1,500,000
    assert out["fee_TWD"].tolist() == [1_350_000, 1_500_000]
    assert out.attrs["due"] == "2027-05-31"


def test_frame_of_no_rows() -> None:
    out = fee.frame(pd.DataFrame({"emissions": pd.Series([], dtype=float)}), year=2025)
    assert len(out) == 0 and list(out.columns) == ["emissions", *fee.FRAME_COLUMNS]


_row = st.tuples(
    st.one_of(_decimals, _near, _floats), st.one_of(st.just(0.0), _decimals.filter(lambda x: x < 1e6)), _option
)


@settings(max_examples=60)
@given(rows=st.lists(_row, min_size=1, max_size=30))
def test_frame_equals_the_scalar_path_row_by_row(rows: list[tuple[float, float, tuple[str, bool, int | None]]]) -> None:
    plants = pd.DataFrame(
        {
            "emissions": [r[0] for r in rows],
            "offsets": [r[1] for r in rows],
            "rate": [r[2][0] for r in rows],
            "high_leakage": [r[2][1] for r in rows],
            "period": pd.array([r[2][2] for r in rows], dtype="Int64"),
        }
    )
    out = fee.frame(plants, year=2025)
    for i, (annual, offsets, (rate, hl, period)) in enumerate(rows):
        one = fee.carbon_fee(
            Q_(annual, "t"), rate=rate, high_leakage=hl, period=period, offsets=Q_(offsets, "t"), year=2025
        )
        got = out.iloc[i]
        assert got["liable"] == one.liable
        assert got["K_t"] == one.k.m_as("t") and got["coefficient"] == one.coefficient
        assert got["rate_TWD_per_t"] == one.rate.m_as("TWD/t")
        for column, value in (
            ("chargeable_t", one.chargeable),
            ("offsets_allowed_t", one.offsets_allowed),
            ("offsets_unused_t", one.offsets_unused),
            ("net_t", one.net),
        ):
            assert got[column] == value.m_as("t"), column
        assert got["fee_TWD"] == one.fee.m_as("TWD")


def test_frame_mixes_whole_number_and_float_rows() -> None:
    # one plant to the kilogram (the whole-number path), one with more decimals (float, checked near boundaries):
    # 27,502.4995 -> 27,502.500 t x 300 = 8,250,750; 5,000.123456789 -> 5,000.123 t x 300 = 1,500,036.9 -> 1,500,036
    plants = pd.DataFrame({"emissions": [52_502.4995, 30_000.123456789, 30_000.0]})
    out = fee.frame(plants)
    expected = [reference(a, "general", False, None, 0.0)[1] for a in plants["emissions"]]
    assert out["fee_TWD"].tolist() == expected == [8_250_750, 1_500_036, 1_500_000]


def test_frame_under_dask_map_partitions() -> None:
    dd = pytest.importorskip("dask.dataframe")
    import dask

    n = 40
    plants = pd.DataFrame(
        {
            "emissions": np.linspace(20_000.0, 60_000.0, n),
            "rate": ["general", "A", "B", "A"] * (n // 4),
            "high_leakage": [False, False, True, True] * (n // 4),
        }
    )
    expected = fee.frame(plants, year=2025)
    ddf = dd.from_pandas(plants, npartitions=4)
    out = ddf.map_partitions(fee.frame, year=2025, meta=fee.frame(plants.iloc[:0], year=2025))
    with dask.config.set(scheduler="synchronous"):
        got = out.compute()
    pd.testing.assert_frame_equal(got[list(fee.FRAME_COLUMNS)], expected[list(fee.FRAME_COLUMNS)])


def test_frame_refuses_bad_rows_naming_the_row() -> None:
    def plants(**columns: object) -> pd.DataFrame:
        return pd.DataFrame({"emissions": [30_000.0, 40_000.0], **columns}, index=["a", "b"])  # type: ignore[arg-type]

    with pytest.raises(InvalidValueError, match=r"df\['emissions'\] row 'b'.*negative"):
        fee.frame(pd.DataFrame({"emissions": [30_000.0, -1.0]}, index=["a", "b"]))
    with pytest.raises(FactorNotFoundError, match=r"row 'b' \(rate='C'\): rate must be one of"):
        fee.frame(plants(rate=["general", "C"]))
    with pytest.raises(InvalidValueError, match=r"row 'b'.*period must be one of 1, 2, 3"):
        fee.frame(plants(rate=["general", "A"], high_leakage=[False, True], period=[None, 4]))
    with pytest.raises(InvalidValueError, match=r"row 'a'.*period 2 applies only"):
        fee.frame(plants(period=[2, None]))
    with pytest.raises(InvalidValueError, match=r"row 'b'.*high_leakage must be True or False"):
        fee.frame(plants(high_leakage=[False, "yes"]))
    with pytest.raises(InvalidValueError, match=r"row 'b'.*rate is missing"):
        fee.frame(plants(rate=["general", None]))
    with pytest.raises(InvalidValueError, match=r"df\['offsets'\] row 'a': offsets must be a number, got '5 kWh'"):
        fee.frame(plants(offsets=["5 kWh", 0]))
    with pytest.raises(UnitsError, match="unit must be a mass unit"):
        fee.frame(plants(), unit="kWh")
    with pytest.raises(UnitsError, match="'kt' is pint's knot.*write 'kilotonne'"):
        fee.frame(plants(), unit="kt")
    with pytest.raises(InvalidValueError, match="no rate column 'tariff'"):
        fee.frame(plants(), rate="tariff")
    with pytest.raises(FactorNotFoundError, match="year 2027"):
        fee.frame(plants(), year=2027)
    with pytest.raises(InvalidValueError, match="df must be a pandas DataFrame"):
        fee.frame([30_000])


# -- from an inventory --------------------------------------------------------------------------------


def _plant(status: str = "complete", year: int = 2025) -> OrgTree:
    return OrgTree(
        [
            Organisation(id="co", name="公司", status={year: "complete"}),
            Organisation(id="plant", name="一廠", parent="co", status={year: status}),
            Organisation(id="line2", name="二號產線", parent="plant", status={year: status}),
            Organisation(id="office", name="台北辦公室", parent="co", status={year: "complete"}),
        ]
    )


def _records(year: int = 2025) -> list[ActivityRecord]:
    def rec(org: str, kind: str, value: float, unit: str, **kw: object) -> ActivityRecord:
        return ActivityRecord(org=org, year=year, kind=kind, amount={"value": value, "unit": unit}, **kw)  # type: ignore[arg-type]

    return [
        rec("plant", "electricity", 60_000_000, "kWh"),
        rec("line2", "electricity", 20_000_000, "kWh"),
        rec("line2", "extinguisher", 5_000, "kg", agent="CO2"),
        rec("office", "electricity", 1_000_000, "kWh"),
    ]


def test_from_inventory_counts_direct_and_electricity_of_the_plant_and_below() -> None:
    inv = compute(_plant(), _records(), year=2025, grid_category="industry")
    r = fee.from_inventory(inv, plant="plant", rate="B")
    # (60,000,000 + 20,000,000) kWh x 0.466 kg/kWh (moeaea-grid-2025, industry) = 37,280 t; + 5 t CO2 refilled
    # = 37,285 t; the office (another branch) is not counted. (37,285 - 25,000) x 100 = 1,228,500
    assert r.annual.m_as("t") == pytest.approx(37_285, rel=1e-12)
    assert r.fee.m_as("TWD") == 1_228_500
    assert r.plant == "plant" and r.year == 2025 and r.due == "2026-05-31"
    assert [f.code for f in r.findings] == []


def test_from_inventory_of_the_root_counts_everything() -> None:
    inv = compute(_plant(), _records(), year=2025, grid_category="industry")
    # 81,000,000 kWh x 0.466 = 37,746 t + 5 t = 37,751 t; (37,751 - 25,000) x 300 = 3,825,300
    r = fee.from_inventory(inv)
    assert r.plant == "co" and r.fee.m_as("TWD") == pytest.approx(3_825_300, abs=1)


def test_from_inventory_finds_an_incomplete_plant_and_the_average_grid_factor() -> None:
    inv = compute(_plant(status="in_progress"), _records(), year=2025)  # grid_category "average": 0.467
    r = fee.from_inventory(inv, plant="plant")
    codes = [f.code for f in r.findings]
    assert codes == ["fee.incomplete_inventory", "fee.grid_category"]
    assert "一廠 is in progress" in r.findings[0].message and "二號產線" in r.findings[0].message
    assert "computed with the average grid factor, not the industry one" in r.findings[1].message
    # 80,000,000 kWh x 0.467 = 37,360 t + 5 t = 37,365 t
    assert r.annual.m_as("t") == pytest.approx(37_365, rel=1e-12)
    # the office's branch is complete: not a finding of the office's fee
    assert [f.code for f in fee.from_inventory(inv, plant="office").findings] == ["fee.grid_category"]


def test_from_inventory_finds_mixed_years() -> None:
    provisional = factors.for_year(2026, provisional=True)
    tree = OrgTree([Organisation(id="plant", name="一廠", status={2026: "complete"})])
    recs = [
        ActivityRecord(org="plant", year=2026, kind="electricity", amount={"value": 80_000_000, "unit": "kWh"}),
    ]
    inv = compute(tree, recs, provisional, year=2026, grid_category="industry")
    r = fee.from_inventory(inv)
    assert [f.code for f in r.findings] == ["fee.mixed_years"]
    assert "provisional values (grid_factors.2026.industry)" in r.findings[0].message


def test_from_inventory_refuses_what_it_cannot_charge() -> None:
    inv = compute(_plant(year=2024), _records(year=2024), year=2024)
    with pytest.raises(FactorNotFoundError, match="year 2024 is not covered"):
        fee.from_inventory(inv)
    inv = compute(_plant(), _records(), year=2025)
    with pytest.raises(InvalidValueError, match="plant must be the id of an organisation.*'nowhere'"):
        fee.from_inventory(inv, plant="nowhere")
    with pytest.raises(InvalidValueError, match="inv must be an Inventory"):
        fee.from_inventory({"total": 30_000})  # type: ignore[arg-type]
    with pytest.raises(UnitsError, match="offsets"):
        fee.from_inventory(inv, offsets=Q_(5, "kWh"))


def test_from_inventory_checks_a_plant_at_the_top_of_the_tree_itself() -> None:
    # the inventory's own checks cover the organisations below a root; the plant at the top is checked here
    tree = OrgTree([Organisation(id="plant", name="一廠", status={2025: "in_progress"})])
    recs = [
        ActivityRecord(org="plant", year=2025, kind="extinguisher", agent="CO2", amount={"value": 500, "unit": "kg"})
    ]
    r = fee.from_inventory(compute(tree, recs, year=2025, grid_category="industry"))
    assert [f.code for f in r.findings] == ["fee.incomplete_inventory"]
    assert r.findings[0].context["gaps"] == [
        "一廠 has no electricity record of its own for 2025",
        "一廠 is in progress for 2025",
    ]
    complete = OrgTree([Organisation(id="plant", name="一廠", status={2025: "complete"})])
    recs.append(ActivityRecord(org="plant", year=2025, kind="electricity", amount={"value": 1_000, "unit": "kWh"}))
    assert fee.from_inventory(compute(complete, recs, year=2025, grid_category="industry")).findings == ()


# -- the float path: inputs with more decimals than the whole-number path takes -------------------------


@pytest.mark.parametrize(
    ("annual", "chargeable"),
    [
        # 2.50049999999 t x 1000 = 2,500.49999999: below the half by 1e-8, within a float's error of it -> 2.500
        (25_002.50049999999, 2.5),
        # 2.50050000001 t: above the half -> 2.501
        (25_002.50050000001, 2.501),
    ],
)
def test_a_near_half_with_many_decimals_is_decided_exactly(annual: float, chargeable: float) -> None:
    r = fee.carbon_fee(Q_(annual, "t"))
    assert r.chargeable.m_as("t") == chargeable
    row = fee.frame(pd.DataFrame({"emissions": [annual, 30_000.0]})).iloc[0]
    assert row["chargeable_t"] == chargeable


def test_a_near_half_after_the_coefficient_with_many_decimals() -> None:
    # 40,000.00250000001 x 0.2 = 8,000.000500000002 t -> 8,000.001 t (half-up); x 50 = 400,000.05 -> 400,000
    r = fee.carbon_fee(Q_(40_000.00250000001, "t"), rate="A", high_leakage=True)
    assert (r.chargeable.m_as("t"), r.fee.m_as("TWD")) == (8_000.001, 400_000)


def test_offsets_of_many_decimals_are_deducted_exactly() -> None:
    # 1/300 t prints as 0.0033333333333333335; x 300 = 1.00000000000000005 NT$, a hair over 1:
    # (5,000 - 0.0033333333333333335) x 300 = 1,499,998.99999999999999995 -> 1,499,998. In float64 the
    # product is 1,499,999.0 exactly, one NT$ too many.
    offsets = 1 / 300
    assert repr(offsets) == "0.0033333333333333335" and (5_000 - offsets) * 300 == 1_499_999.0
    assert fee.carbon_fee(Q_(30_000, "t"), offsets=Q_(offsets, "t")).fee.m_as("TWD") == 1_499_998
    row = fee.frame(pd.DataFrame({"emissions": [30_000.0], "offsets": [offsets]})).iloc[0]
    assert row["fee_TWD"] == 1_499_998


@pytest.mark.parametrize(
    ("offsets", "allowed", "fee_twd"),
    [
        # a hair over the cap of 500 t (10 % of 5,000): 500 t deducted; (5,000 - 500) x 300 = 1,350,000
        (500.0000000001, 500.0, 1_350_000),
        # a hair under: all of it deducted; (5,000 - 499.9999999999) x 300 = 1,350,000.00000003 -> 1,350,000
        (499.9999999999, 499.9999999999, 1_350_000),
        # 500.0001 t (short): cap binds, 0.0001 t unused
        (500.0001, 500.0, 1_350_000),
    ],
)
def test_offsets_near_the_cap(offsets: float, allowed: float, fee_twd: int) -> None:
    r = fee.carbon_fee(Q_(30_000, "t"), offsets=Q_(offsets, "t"))
    assert r.offsets_allowed.m_as("t") == allowed
    assert r.fee.m_as("TWD") == fee_twd
    assert r.offsets_unused.m_as("t") == pytest.approx(offsets - allowed, abs=1e-9)


def test_frame_with_more_option_values_than_can_be_packed() -> None:
    # 300 sector spellings (a sector is read without surrounding spaces): with 3 rates, 301 x 4 keys are packed;
    # with 300 rates, 301 x 301 = 90,601 keys, more than max(4 x 300, 65,536): the combinations are numbered.
    n = 300
    sectors = ["manufacturing" + " " * i for i in range(n)]
    plants = pd.DataFrame(
        {"emissions": np.full(n, 30_000.0), "sector": sectors, "rate": ["general", "A", "B"] * (n // 3)},
        index=pd.RangeIndex(100, 100 + n),
    )
    # 5,000 t chargeable x 300 / 50 / 100
    assert fee.frame(plants, year=2025)["fee_TWD"].tolist() == [1_500_000, 250_000, 500_000] * (n // 3)
    many = plants.assign(rate=[f"r{i}" for i in range(n)])  # 300 rates, none of them a rate
    with pytest.raises(FactorNotFoundError, match=r"df row 100 \(sector='manufacturing', rate='r0'\): rate must be"):
        fee.frame(many, year=2025)


# -- where float64 alone is wrong: each case a float whose float64 arithmetic lands on the wrong side --


def test_a_float_that_rounds_the_wrong_way_in_float64_is_decided_exactly() -> None:
    # 123,698.07949999999 t (as it prints): (123,698.07949999999 - 25,000) x 1000 = 98,698,079.49999999,
    # below the half: 98,698.079 t; x 300 = 29,609,423.7 -> NT$29,609,423. In float64 the difference is
    # 98,698.0795 and rounds up to 98,698.080 t (NT$29,609,424).
    annual = 123_698.07949999999
    assert repr(annual) == "123698.07949999999" and round((annual - 25_000) * 1000) == 98_698_080
    r = fee.carbon_fee(Q_(annual, "t"))
    assert (r.chargeable.m_as("t"), r.fee.m_as("TWD")) == (98_698.079, 29_609_423)
    row = fee.frame(pd.DataFrame({"emissions": [annual]})).iloc[0]
    assert (row["chargeable_t"], row["fee_TWD"]) == (98_698.079, 29_609_423)


@pytest.mark.parametrize(
    ("offsets", "fee_twd"),
    [
        # (5,000 - 136.79666666666665) x 300 = 1,458,961.000000000005 -> 1,458,961 (float64: 1,458,960.9999999998)
        (136.79666666666665, 1_458_961),
        # (5,000 - 61.46666666666667) x 300 = 1,481,559.999999999999 -> 1,481,559 (float64: 1,481,560.0000000002)
        (61.46666666666667, 1_481_559),
    ],
)
def test_a_fee_that_float64_truncates_the_wrong_way_is_decided_exactly(offsets: float, fee_twd: int) -> None:
    assert fee.carbon_fee(Q_(30_000, "t"), offsets=Q_(offsets, "t")).fee.m_as("TWD") == fee_twd
    row = fee.frame(pd.DataFrame({"emissions": [30_000.0], "offsets": [offsets]})).iloc[0]
    assert row["fee_TWD"] == fee_twd
