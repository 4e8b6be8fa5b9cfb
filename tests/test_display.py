"""How results show in notebooks: _repr_html_, __repr__ and to_frame (issue 8).

Every view must show the result's own numbers: the tests read them back.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from carbonaudit import Q_, building, emissions, factors, production, rates, savings
from carbonaudit.errors import Finding, Findings

OUTPUT = [290, 290, 460, 390, 450, 425, 460, 480, 370, 380, 360, 360]
KWH_PER_UNIT = [900, 900, 1190, 1000, 900, 1000, 950, 770, 926, 1012, 1140, 1130]


def test_findings_list_views() -> None:
    found = Findings(
        [
            Finding("a.error", "error", "x.y", "value <5> too small", message_zh="太小"),
            Finding("b.info", "info", "z", "fine"),
        ]
    )
    assert found == list(found) and isinstance(found, list)
    assert [f.code for f in found.errors] == ["a.error"] and found.warnings == []
    text = repr(found)
    assert text.splitlines()[0] == "Findings(2: 1 errors, 0 warnings, 1 info)"
    assert "[error] x.y: value <5> too small" in text
    page = found._repr_html_()
    assert "&lt;5&gt;" in page and "<5>" not in page  # escaped
    assert "太小" in page and "a.error" in page
    frame = found.to_frame()
    assert frame["code"].tolist() == ["a.error", "b.info"]
    assert frame.loc[0, "message_zh"] == "太小"
    assert Findings()._repr_html_().endswith("<p>No findings.</p>")
    # slicing, adding and copying keep the views
    assert isinstance(found[:1], Findings) and found[:1] == [found[0]]
    assert isinstance(found + found, Findings) and len(found + found) == 4
    assert isinstance(found.copy(), Findings) and found.copy() == found
    assert isinstance(found[0], Finding)


def test_factor_check_returns_findings(award) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(factors.check(award), Findings)


def test_recognition_split_frame_production_declaration() -> None:
    """9,504 kWh completed 106/8~106/9: 2,376 kWh in 2017 and 7,128 in 2018 (production-declaration-2018)."""
    split = savings.recognition_split(Q_(9504, "kWh"), "106/8~106/9")
    frame = split.to_frame()
    assert list(frame.columns) == [2017, 2018]
    assert frame.iloc[0].tolist() == [2376.0, 7128.0]
    assert frame.attrs["unit"] == "kWh"
    many = savings.recognition_split(
        Q_([1200.0, 600.0], "kWh"), np.array(["2023-03", "2023-12"], dtype="datetime64[M]"), [12, 6]
    )
    table = many.to_frame()
    assert table.sum(axis=1).tolist() == pytest.approx([1200.0, 300.0])
    assert table.loc[1].tolist() == [0.0, 300.0]


def test_emission_result_frame_and_html(award) -> None:  # type: ignore[no-untyped-def]
    r = emissions.emissions(Q_([1000.0, 2000.0], "L"), "O05", award)
    frame = r.to_frame()
    assert frame["CO2"].tolist() == pytest.approx([2610.0, 5220.0])  # award-form-2015 附表2
    assert frame["CO2e"].tolist() == pytest.approx([2610.0, 5220.0])
    grid = emissions.electricity(Q_(1000, "kWh"), year=2013, factor_set=award)
    assert grid.to_frame()["CO2e"].tolist() == pytest.approx([522.0])
    assert "2.61" in r._repr_html_()


def test_year_over_year_html() -> None:
    yoy = rates.year_over_year(Q_(900_000, "kWh"), Q_(1_000_000, "kWh"))
    page = yoy._repr_html_()
    assert "YearOverYear" in page and "100,000 kWh" in page and "0.1" in page


def test_quarterly_energy_frame_production_declaration_table_8_3() -> None:
    energy = Q_([o * k for o, k in zip(OUTPUT, KWH_PER_UNIT, strict=True)], "kWh")
    r = production.quarterly_energy_per_unit(energy, OUTPUT)
    frame = r.to_frame()
    assert list(frame.index) == ["Q1", "Q2", "Q3", "Q4", "year"]
    assert [round(x, 8) for x in frame.iloc[:4, 0]] == [0.23650192, 0.22181818, 0.20177145, 0.25127709]
    assert round(frame.loc["year"].iloc[0], 5) == 0.22636
    assert frame.columns[0].startswith("energy per unit [KLOE")
    assert "0.236502" in r._repr_html_()


def test_eui_comparison_frame() -> None:
    c = building.compare_eui(Q_(np.full(12, 11.5), "kWh/m**2"), Q_(np.full(12, 10.0), "kWh/m**2"))
    frame = c.to_frame()
    assert frame["difference"].tolist() == pytest.approx([0.15] * 5)
    page = c._repr_html_()
    assert "findings" in page and "building.eui_difference" in page


def test_year_comparison_frame() -> None:
    from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compare_years

    tree = OrgTree(
        [
            Organisation(id="root", name="root", status={2023: "complete", 2024: "complete"}),
            Organisation(id="a", name="a", parent="root", status={2023: "complete", 2024: "complete"}),
        ]
    )
    records = [
        ActivityRecord(org="a", year=2023, kind="electricity", amount={"value": 100_000, "unit": "kWh"}),
        ActivityRecord(org="a", year=2024, kind="electricity", amount={"value": 110_000, "unit": "kWh"}),
    ]
    c = compare_years(tree, records, 2023, 2024, factors.load("tw-2024"))
    frame = c.to_frame()
    assert frame.loc["a", "2023_t"] == pytest.approx(100_000 * 0.494 / 1000)  # 2023 grid factor 0.494
    assert frame.loc["a", "2024_t"] == pytest.approx(110_000 * 0.474 / 1000)
    assert frame.loc["a", "change"] == pytest.approx((52.14 - 49.4) / 49.4)
    assert isinstance(frame, pd.DataFrame)
