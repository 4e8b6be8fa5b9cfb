"""savings.frame and chiller.frame: DataFrame entry points for measures and chiller logs (issue 8)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import Q_, InvalidValueError, PeriodError, UnitsError, YearMonth, chiller, savings
from carbonaudit.errors import CarbonAuditError


def test_recognition_across_the_year_end_production_declaration() -> None:
    """production-declaration-2018 節能量計算期間: 9,504 kWh a year, completed 106/8~106/9 -> 2,376 kWh in 106年, 7,128 in 107年."""
    df = pd.DataFrame({"annual_savings": [9504.0], "unit": ["度"], "completed": ["106/8~106/9"]})
    out = savings.frame(df)
    assert out.loc[0, "recognised_2017"] == pytest.approx(2376)
    assert out.loc[0, "recognised_2018"] == pytest.approx(7128)
    assert out.loc[0, "recognised_months_2017"] == 3
    assert out.loc[0, "recognised_months_2018"] == 9


def test_production_measures_of_production_declaration_table_10_1() -> None:
    """production-declaration-2018 表十之一: three measures whose 106年 savings total 1,120,329.5 kWh, recognised in the
    months 3~12, 2~12 and 3~12 that follow their periods. The frame recomputes each measure's
    months from its period and gives back the declared 106年 figure from the annual one."""
    from carbonaudit.declaration import ProductionDeclaration

    d = ProductionDeclaration.from_yaml("examples/production_declaration.yaml")
    months = [m.last_month - m.first_month + 1 for m in d.measures]
    rows = pd.DataFrame(
        {
            "annual_savings": [m.electricity * 12 / n for m, n in zip(d.measures, months, strict=True)],
            "unit": ["度"] * len(d.measures),
            "completed": [m.period for m in d.measures],
            "price": [3.0] * len(d.measures),  # production-declaration-2018 表十: 電 3 元/度
        }
    )
    out = savings.frame(rows, unit_price="price")
    assert out["recognised_months_2017"].tolist() == months == [10, 11, 10]
    assert out["recognised_2017"].tolist() == pytest.approx([m.electricity for m in d.measures], rel=1e-12)
    assert out["recognised_2017"].sum() == pytest.approx(1_120_329.5, rel=1e-12)
    assert out["saving_amount_TWD"].tolist() == pytest.approx((rows["annual_savings"] * 3).tolist(), rel=1e-12)


@given(
    st.lists(
        st.tuples(
            st.floats(0, 1e7, allow_nan=False),
            st.integers(2015, 2030),
            st.integers(1, 12),
            st.integers(0, 12),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_each_row_equals_the_scalar_split(rows) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame(
        {
            "annual_savings": [a for a, _, _, _ in rows],
            "unit": ["kWh"] * len(rows),
            "completed": [YearMonth(y, m) for _, y, m, _ in rows],
            "n": [n for _, _, _, n in rows],
        }
    )
    out = savings.frame(df, months="n")
    for i, (a, y, m, n) in enumerate(rows):
        split = savings.recognition_split(Q_(a, "kWh"), YearMonth(y, m), n)
        years = {int(c.removeprefix("recognised_")) for c in out.columns if c.startswith("recognised_2")}
        for year in years:
            want = split[year].m if year in split else 0.0
            assert out.loc[i, f"recognised_{year}"] == pytest.approx(want, abs=1e-9)
        assert sum(out.loc[i, f"recognised_{year}"] for year in years) == pytest.approx(a * n / 12, rel=1e-12, abs=1e-9)


def test_datetimes_and_texts_agree() -> None:
    texts = pd.DataFrame({"annual_savings": [1200.0, 600.0], "unit": ["kWh", "kL"], "completed": ["112/3", "112/12"]})
    dates = texts.assign(completed=pd.to_datetime(["2023-03-15", "2023-12-01"]))
    a, b = savings.frame(texts), savings.frame(dates)
    pd.testing.assert_frame_equal(a.drop(columns="completed"), b.drop(columns="completed"))
    assert a.loc[0, "recognised_2023"] == pytest.approx(900)  # April to December: 9 of 12 months
    assert a.loc[1, "recognised_2024"] == pytest.approx(600)  # January to December 2024, in kL


@pytest.mark.parametrize(
    ("change", "kwargs", "error", "words"),
    [
        ({"annual_savings": [1.0, -2.0]}, {}, InvalidValueError, ["row 1", "-2.0"]),
        ({"unit": ["kWh", "kW"]}, {}, UnitsError, ["row 1", "'kW'"]),
        ({"completed": ["112/3", "112/13"]}, {}, PeriodError, ["row 1", "112/13"]),
        ({"code": ["FA20", "ZZ99"]}, {"code": "code"}, CarbonAuditError, ["row 1", "ZZ99"]),
        ({"n": [12, 13]}, {"months": "n"}, InvalidValueError, ["13"]),
        ({}, {"unit_price": "price"}, InvalidValueError, ["price"]),
    ],
)
def test_bad_measures_are_named(change, kwargs, error, words) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame({"annual_savings": [1.0, 2.0], "unit": ["kWh", "kWh"], "completed": ["112/3", "112/4"]})
    df = df.assign(**change)
    with pytest.raises(error) as info:
        savings.frame(df, **kwargs)
    for word in words:
        assert word in str(info.value)


def _hourly_log(scale: float) -> pd.DataFrame:
    """Eight hours at 720 m³/h and 5 °C (3,600,000 kcal/h = 1,190.476 RT), 800 kW, then one last sample."""
    t = pd.date_range("2024-07-01 08:00", periods=9, freq="h")
    return pd.DataFrame(
        {"time": t, "flow": [720.0 * scale] * 9, "supply": [7.0] * 9, "ret": [12.0] * 9, "power": [800.0 * scale] * 9}
    )


UNITS = {"flow": "m**3/h", "supply": "degC", "ret": "degC", "power": "kW"}


def test_chiller_groups_each_equal_from_log() -> None:
    log = pd.concat([_hourly_log(1).assign(group="CH-1"), _hourly_log(2).assign(group="CH-2")], ignore_index=True)
    out = chiller.frame(log, units=UNITS)
    assert list(out.index.names) == ["group", "month"]
    rt = 3_600_000 / 3024  # non-production-form-2025 表五之三: 1 USRT = 3,024 kcal/h
    assert out.loc[("CH-1", pd.Period("2024-07", "M")), "RTh"] == pytest.approx(8 * rt)
    assert out.loc[("CH-2", pd.Period("2024-07", "M")), "RTh"] == pytest.approx(16 * rt)
    assert out.loc[("CH-1", pd.Period("2024-07", "M")), "kWh"] == pytest.approx(6400)
    assert out["kW_per_RT"].tolist() == pytest.approx([6400 / (8 * rt)] * 2)
    alone = chiller.from_log(_hourly_log(2), units=UNITS).monthly
    np.testing.assert_array_equal(out.loc["CH-2"].to_numpy(), alone.to_numpy())


def test_chiller_findings_name_their_group() -> None:
    log = _hourly_log(1).assign(group="CH-1")
    out = chiller.frame(log, units=UNITS, capacity=Q_(2000, "USRT"))
    assert [f.code for f in out.attrs["findings"]] == ["chiller.must_declare"]
    assert out.attrs["findings"][0].path.startswith("CH-1.")


def test_chiller_errors_name_the_group() -> None:
    bad = _hourly_log(1).assign(group="CH-9")
    bad.loc[3, "flow"] = -5.0
    with pytest.raises(InvalidValueError, match="CH-9"):
        chiller.frame(bad, units=UNITS)
    with pytest.raises(InvalidValueError, match="group column 'unit'"):
        chiller.frame(bad, group="unit", units=UNITS)


def test_time_zone_aware_completion_counts_its_local_month() -> None:
    """A Taipei datetime on 1 October 02:00 is in October locally (September in UTC)."""
    local = pd.to_datetime(["2017-10-01 02:00"]).tz_localize("Asia/Taipei")
    out = savings.frame(pd.DataFrame({"annual_savings": [1200.0], "unit": ["kWh"], "completed": local}))
    split = savings.recognition_split(Q_(1200, "kWh"), YearMonth(2017, 10))
    assert out.loc[0, "recognised_2017"] == pytest.approx(split[2017].m) == pytest.approx(200)
    assert out.loc[0, "recognised_2018"] == pytest.approx(1000)


def test_fixed_years_give_every_part_of_a_table_the_same_columns() -> None:
    measures = pd.DataFrame(
        {"annual_savings": [1200.0, 600.0, 2400.0], "unit": ["kWh"] * 3, "completed": ["112/3", "112/12", "113/6"]}
    )
    years = [2023, 2024, 2025]
    whole = savings.frame(measures, years=years)
    parts = [savings.frame(measures.iloc[[i]], years=years) for i in range(3)]
    assert all(list(p.columns) == list(whole.columns) for p in parts)
    pd.testing.assert_frame_equal(pd.concat(parts), whole)
    # 113/6 -> recognised 2024/7 to 2025/6: 6 of 2,400 kWh's 12 months fall in 2025
    assert whole["recognised_2025"].tolist() == pytest.approx([0.0, 0.0, 1200.0])
    empty = savings.frame(measures.iloc[:0], years=years)
    assert list(empty.columns) == list(whole.columns) and len(empty) == 0
    with pytest.raises(InvalidValueError, match=r"row 2: the measure is recognised in 2025"):
        savings.frame(measures, years=[2023, 2024])


def test_measures_under_dask_map_partitions() -> None:
    dd = pytest.importorskip("dask.dataframe")
    import dask

    measures = pd.DataFrame(
        {
            "annual_savings": np.linspace(100.0, 5000.0, 40),
            "unit": ["kWh"] * 40,
            "completed": [f"{110 + i % 4}/{1 + i % 12}" for i in range(40)],
        }
    )
    years = list(range(2021, 2026))
    expected = savings.frame(measures, years=years)
    ddf = dd.from_pandas(measures, npartitions=4)
    out = ddf.map_partitions(savings.frame, years=years, meta=savings.frame(measures.iloc[:0], years=years))
    with dask.config.set(scheduler="synchronous"):
        got = out.compute()
    computed = [c for c in expected.columns if c.startswith("recognised_")]
    assert len(computed) == 2 * len(years)
    pd.testing.assert_frame_equal(got[computed], expected[computed])  # dask keeps text in its own string dtype


def test_months_column_error_names_the_row() -> None:
    df = pd.DataFrame({"annual_savings": [1.0, 2.0], "unit": ["kWh"] * 2, "completed": ["112/3"] * 2, "n": [12, 13]})
    with pytest.raises(InvalidValueError, match=r"df\['n'\] row 1: months must be between 0 and 12, got 13.0"):
        savings.frame(df, months="n")
