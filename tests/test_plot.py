"""Plots (carbonaudit.plot): rendered headlessly, and drawing the library's own numbers.

Inventory totals of government-inventory (by scope, category, source, organisation) from the example county,
the monthly kWh of non-production-form-2025 表五之二 with the EUI of 表五之四 from the example declaration, the
monthly kW/RT of 表九之一(二) from a chiller log, and the saving rates of production-declaration-2018 表十之三 /
表十之五 (104-106年: 0.16, 1.42, 1.19 %; R_N 0.16, 0.81, 0.94 %).
"""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.image import imread  # noqa: E402

from carbonaudit import (  # noqa: E402
    Q_,
    InvalidValueError,
    UnitsError,
    building,
    chiller,
    format_percent,
    plot,
    rates,
    round_half_up,
)
from carbonaudit.declaration import Declaration  # noqa: E402
from carbonaudit.inventory import (  # noqa: E402
    ActivityRecord,
    Organisation,
    OrgTree,
    compute,
    read_orgs,
    read_records,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png(ax: Axes) -> bytes:
    """Render the Axes' figure with Agg (warnings are errors: a missing glyph would fail here)."""
    fig = ax.figure
    FigureCanvasAgg(fig)  # type: ignore[arg-type]
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(buffer, format="png")
    data = buffer.getvalue()
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert width > 0 and height > 0
    pixels = imread(io.BytesIO(data))
    assert pixels.shape[:2] == (height, width)
    assert np.ptp(pixels[..., :3]) > 0  # something was drawn, not a blank canvas
    return data


def _bar_texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


@pytest.fixture(scope="module")
def county():  # type: ignore[no-untyped-def]
    """The example county's 2024 inventory (examples/inventory_*.{yaml,csv})."""
    tree = read_orgs(EXAMPLES / "inventory_orgs.yaml")
    return compute(tree, read_records(EXAMPLES / "inventory_records.csv"), year=2024)


@pytest.fixture(scope="module")
def declaration():  # type: ignore[no-untyped-def]
    return Declaration.from_yaml(EXAMPLES / "office_declaration.yaml")


# -- inventory (government-inventory) -----------------------------------------------------------------------------


def test_inventory_by_scope_draws_the_totals(county):  # type: ignore[no-untyped-def]
    ax = plot.inventory(county)
    _png(ax)
    scopes = county.by_scope()
    heights = [bar.get_height() for bar in ax.patches]
    assert heights == pytest.approx([scopes.get(1, 0.0), scopes.get(2, 0.0), scopes.get(3, 0.0)])
    assert sum(heights) == pytest.approx(county.total())
    assert ax.get_ylabel() == "Emissions [t CO2e]"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Scope 1", "Scope 2\n(location-based)", "Scope 3"]
    assert "2024" in ax.get_title() and "t CO2e" in ax.get_title()
    # each bar labelled with its value, rounded half-up as the forms print
    assert _bar_texts(ax) == [f"{round_half_up(h, 1):,.1f}" for h in heights]


def test_inventory_by_category_and_source(county):  # type: ignore[no-untyped-def]
    ax = plot.inventory(county, by="category")
    _png(ax)
    categories = county.by_category()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widths = dict(zip(labels, (bar.get_width() for bar in ax.patches), strict=True))
    english = {"stationary_energy": "Stationary energy", "transport": "Transport", "fugitive": "Fugitive"}
    for key, label in english.items():
        assert widths[label] == pytest.approx(categories[key])
    assert sum(widths.values()) == pytest.approx(county.total())
    assert ax.get_xlabel() == "Emissions [t CO2e]"

    ax = plot.inventory(county, by="source")
    sources = county.by_source()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widths = dict(zip(labels, (bar.get_width() for bar in ax.patches), strict=True))
    assert widths["Purchased electricity"] == pytest.approx(sources["purchased_electricity"])
    assert widths["Mobile combustion"] == pytest.approx(sources["mobile_combustion"])
    assert sum(widths.values()) == pytest.approx(county.total())
    _png(ax)


def test_inventory_by_organisation_rolls_up_the_level_one_agencies(county):  # type: ignore[no-untyped-def]
    ax = plot.inventory(county, by="organisation")
    _png(ax)
    tree = county.tree
    level1 = tree.children(tree.roots()[0].id)
    rolled = county.rolled_up()
    widths = [bar.get_width() for bar in ax.patches]
    assert widths == pytest.approx([rolled[o.id] for o in level1])
    assert sum(widths) == pytest.approx(county.total())  # the root reports nothing of its own
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # Chinese names where the fonts have the glyphs, else the ids (never boxes and glyph warnings)
    assert labels in ([o.id for o in level1], [o.name for o in level1])
    # a bar is hatched when an agency below it has not completed 2024 (examples/inventory_orgs.yaml)
    hatched = {o.id for o, bar in zip(level1, ax.patches, strict=True) if bar.get_hatch()}
    assert hatched == {"edu", "env", "health", "police"}
    assert ax.get_legend() is not None
    assert "rolled up" in ax.get_title()


def test_inventory_own_emissions_show_every_agency_and_its_status(county):  # type: ignore[no-untyped-def]
    ax = plot.inventory(county, by="organisation", rolled_up=False)
    _png(ax)
    own = county.own()
    tree = county.tree
    order = tree.descendants(tree.roots()[0].id)
    assert len(ax.patches) == len(tree)
    assert [bar.get_width() for bar in ax.patches] == pytest.approx([own[o.id] for o in order])
    texts = dict(zip((o.id for o in order), _bar_texts(ax), strict=True))
    assert texts["edu-s3"] == "0.0 (not started)"  # 未登錄 in 2024
    assert texts["health-c1"].endswith("(in progress)")  # 登錄中
    assert texts["fin"] == f"{round_half_up(own['fin'], 1):,.1f}"


def test_inventory_labels_prefer_name_en_and_never_draw_missing_glyphs(monkeypatch):  # type: ignore[no-untyped-def]
    tree = OrgTree(
        [
            Organisation(id="team", name="盤查小組", status={2024: "complete"}),
            Organisation(id="a", name="A局", name_en="Bureau A", parent="team", status={2024: "complete"}),
            Organisation(id="b", name="乙局", parent="team", status={2024: "complete"}),
        ]
    )
    recs = [
        ActivityRecord(org=o, year=2024, kind="electricity", amount={"value": v, "unit": "kWh"})
        for o, v in (("a", 1000), ("b", 2000))
    ]
    inv = compute(tree, recs, year=2024)
    ax = plot.inventory(inv, by="organisation")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Bureau A"
    assert labels[1] in ("乙局", "b")
    assert [bar.get_width() for bar in ax.patches] == pytest.approx([0.474, 0.948])
    _png(ax)
    # with no CJK font anywhere, the id stands in for a Chinese name, and rendering stays silent
    monkeypatch.setattr(plot, "_cjk_family", lambda: None)
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):  # has no CJK glyphs
        ax = plot.inventory(inv, by="organisation")
        assert [t.get_text() for t in ax.get_yticklabels()] == ["Bureau A", "b"]
        _png(ax)


def test_inventory_bad_arguments_name_themselves(county):  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidValueError, match=r"by must be one of .*got 'gas'"):
        plot.inventory(county, by="gas")
    with pytest.raises(InvalidValueError, match="rolled_up"):
        plot.inventory(county, by="scope", rolled_up=False)
    with pytest.raises(InvalidValueError, match="inv must be an Inventory"):
        plot.inventory({"scope 1": 1.0}, by="scope")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="ax must be a matplotlib Axes"):
        plot.inventory(county, ax="not an axes")  # type: ignore[arg-type]


# -- monthly electricity (non-production-form-2025 表五之二, 表五之四) --------------------------------------------------


def test_monthly_electricity_of_the_example_declaration(declaration):  # type: ignore[no-untyped-def]
    this = declaration.electricity[0].monthly_energy()
    last = declaration.previous_year_electricity[0].monthly_energy()
    basic = declaration.basic
    area, parking = basic.total_floor_area.quantity, basic.indoor_parking_area.quantity
    ax = plot.monthly_electricity(this, last, area=area, parking_area=parking, year=declaration.ad_year)
    _png(ax)
    assert ax.get_ylabel() == "Electricity [kWh]"
    assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["Jan", "Feb", "Mar"]
    last_bars, this_bars = ax.containers
    assert [b.get_height() for b in this_bars] == pytest.approx(this.m_as("kWh"))
    assert [b.get_height() for b in last_bars] == pytest.approx(last.m_as("kWh"))
    # this year's bar right of last year's in every month
    assert all(t.get_x() > p.get_x() for t, p in zip(this_bars, last_bars, strict=True))
    # the legend's EUIs are building.eui's (total - indoor parking area, 表五之四 註1)
    eui_this = building.eui(Q_(this.m_as("kWh").sum(), "kWh"), area, parking).m_as("kWh/m**2")
    eui_last = building.eui(Q_(last.m_as("kWh").sum(), "kWh"), area, parking).m_as("kWh/m**2")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0].startswith("2024: ") and f"EUI {round_half_up(eui_last, 1):,.1f} kWh/m²" in legend[0]
    assert legend[1].startswith("2025: ") and f"EUI {round_half_up(eui_this, 1):,.1f} kWh/m²" in legend[1]
    assert f"{this.m_as('kWh').sum():,.0f} kWh" in legend[1]
    # and the title the annual difference of compare_eui
    annual = building.compare_eui(building.eui(this, area, parking), building.eui(last, area, parking)).annual
    assert annual < 0 and f"−{format_percent(-annual)} %" in ax.get_title()


def test_monthly_electricity_units_and_shapes():  # type: ignore[no-untyped-def]
    kwh = np.array([310_000.0, 290_000.0, 330_000.0])
    ax = plot.monthly_electricity(Q_(kwh / 1000, "MWh"), months=[6, 7, 8])  # converted to kWh
    assert [b.get_height() for b in ax.patches] == pytest.approx(kwh)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Jun", "Jul", "Aug"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["this year: 930,000 kWh"]
    _png(ax)
    # a sequence of Quantities is fine too
    ax = plot.monthly_electricity([Q_(1, "MWh"), Q_(2000, "kWh")])
    assert [b.get_height() for b in ax.patches] == pytest.approx([1000, 2000])

    with pytest.raises(UnitsError, match="this_year"):
        plot.monthly_electricity(kwh)  # type: ignore[arg-type]
    with pytest.raises(UnitsError, match="this_year"):
        plot.monthly_electricity([310_000.0, 290_000.0])  # type: ignore[arg-type]
    with pytest.raises(UnitsError, match="last_year"):
        plot.monthly_electricity(Q_(kwh, "kWh"), Q_(kwh, "m**3"))
    with pytest.raises(UnitsError, match="area"):
        plot.monthly_electricity(Q_(kwh, "kWh"), area=10_000)  # type: ignore[arg-type]
    with pytest.raises(UnitsError, match="parking_area"):
        plot.monthly_electricity(Q_(kwh, "kWh"), area=Q_(10_000, "m**2"), parking_area=Q_(1, "kWh"))
    with pytest.raises(InvalidValueError, match="this_year and last_year"):
        plot.monthly_electricity(Q_(kwh, "kWh"), Q_(kwh[:2], "kWh"))
    with pytest.raises(InvalidValueError, match="this_year"):
        plot.monthly_electricity(Q_(np.ones(13), "kWh"))
    with pytest.raises(InvalidValueError, match="this_year"):
        plot.monthly_electricity(Q_(np.array([1.0, np.nan]), "kWh"))
    with pytest.raises(InvalidValueError, match="months"):
        plot.monthly_electricity(Q_(kwh, "kWh"), months=[1, 2])


# -- chiller kW/RT (non-production-form-2025 表九之一(二)) ---------------------------------------------------------


def _chiller_log(start: str = "2024-01-01T00", end: str = "2024-04-01T01", off: int | None = 2):  # type: ignore[no-untyped-def]
    """Hourly samples; chillers at 1,000 RT (working hours) and off all of month *off*."""
    t = np.arange(start, end, dtype="datetime64[h]")
    month = t.astype("datetime64[M]").astype(int) % 12 + 1
    hour = t.astype(int) % 24
    rt = np.where((hour >= 8) & (hour < 18), 1000.0, 0.0)
    if off is not None:
        rt[month == off] = 0.0
    return chiller.from_log(
        time=t,
        flow=Q_(rt * 3024 / (5 * 60), "L/min"),  # 1 kg/L x 1 kcal/(kg °C) x 5 °C x 60 min/h
        supply=Q_(np.full(t.size, 7.0), "degC"),
        ret=Q_(np.full(t.size, 12.0), "degC"),
        power=Q_(rt * (0.6 + 0.05 * month), "kW"),
    )


def test_chiller_line_is_the_monthly_table_with_a_gap_for_no_cooling():  # type: ignore[no-untyped-def]
    log = _chiller_log()
    ax = plot.chiller_kw_per_rt(log, target=Q_(0.7, "kW/RT"))
    _png(ax)
    line, target = ax.get_lines()
    y = np.asarray(line.get_ydata(), dtype=float)
    expected = log.monthly["kW_per_RT"].to_numpy()
    np.testing.assert_allclose(y, expected)  # NaN where NaN
    assert np.isnan(y[1]) and np.isnan(expected[1])  # February: no cooling -> a gap, not 0
    np.testing.assert_allclose(y[[0, 2]], [0.65, 0.75])
    assert list(line.get_xdata()) == [0, 1, 2]
    assert list(target.get_ydata()) == [0.7, 0.7]
    assert ax.get_ylabel() == "Efficiency [kW/RT]"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Jan", "Feb", "Mar"]
    assert ax.get_xlabel() == "Month (2024)"
    assert "n/a" in _bar_texts(ax)


def test_chiller_over_a_year_end_and_bad_targets():  # type: ignore[no-untyped-def]
    log = _chiller_log("2023-12-01T00", "2024-02-01T01", off=None)
    ax = plot.chiller_kw_per_rt(log)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2023-12", "2024-01"]
    assert len(ax.get_lines()) == 1
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [1.2, 0.65])
    _png(ax)
    with pytest.raises(UnitsError, match="target"):
        plot.chiller_kw_per_rt(log, target=0.7)  # type: ignore[arg-type]
    with pytest.raises(UnitsError, match="target"):
        plot.chiller_kw_per_rt(log, target=Q_(0.7, "kW"))
    with pytest.raises(InvalidValueError, match="ChillerLog"):
        plot.chiller_kw_per_rt(log.monthly)


def test_array_target_and_areas_are_refused():  # type: ignore[no-untyped-def]
    # were raw TypeErrors ("only 0-dimensional arrays can be converted to Python scalars")
    log = _chiller_log("2023-12-01T00", "2024-02-01T01", off=None)
    with pytest.raises(InvalidValueError, match=r"target must be a single value, got an array of shape \(2,\)"):
        plot.chiller_kw_per_rt(log, target=Q_([0.7, 0.8], "kW/RT"))
    kwh = Q_(np.full(12, 100_000.0), "kWh")
    for name in ("area", "parking_area", "last_year_area", "last_year_parking_area"):
        areas = {"area": Q_(12_000, "m**2"), name: Q_([1_000.0, 2_000.0], "m**2")}
        with pytest.raises(InvalidValueError, match=rf"^{name} must be a single value, got an array of shape \(2,\)"):
            plot.monthly_electricity(kwh, kwh, **areas)


# -- saving rates (production-declaration-2018 表十之三, 表十之五) --------------------------------------------------------

SAVINGS = Q_([138_166, 1_342_662, 1_120_329.5], "kWh")  # 104-106年
USE = Q_([87_707_922, 93_174_776, 92_677_376], "kWh")


def test_saving_rates_of_production_declaration_against_a_target():  # type: ignore[no-untyped-def]
    annual = rates.annual_saving_rate(SAVINGS, USE)
    average = rates.cumulative_saving_rates(SAVINGS, USE)
    ax = plot.saving_rates([104, 105, 106], annual, target=0.01, average=average)
    _png(ax)
    assert ax.get_ylabel() == "Saving rate [%]"
    assert [b.get_height() for b in ax.patches] == pytest.approx(annual.m * 100)
    assert _bar_texts(ax) == ["0.16", "1.42", "1.19"]  # as the form prints them
    mean, target = ax.get_lines()
    assert list(mean.get_ydata()) == pytest.approx(average.m * 100)  # 0.16, 0.81, 0.94
    assert [format_percent(v / 100) for v in mean.get_ydata()] == ["0.16", "0.81", "0.94"]
    assert list(target.get_ydata()) == [1.0, 1.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["104", "105", "106"]
    assert [t.get_text() for t in ax.get_legend().get_texts()][0].startswith("annual saving rate")


def test_saving_rates_targets_per_year_and_as_percent():  # type: ignore[no-untyped-def]
    ax = plot.saving_rates([2024, 2025, 2026], [0.012, 0.011, 0.016], target=[None, 0.01, 0.015])
    (target,) = ax.get_lines()
    y = np.asarray(target.get_ydata(), dtype=float)
    assert np.isnan(y[0]) and list(y[1:]) == pytest.approx([1.0, 1.5])  # no rule for 2024: no target
    _png(ax)
    ax = plot.saving_rates([2025], Q_([1.2], "percent"), target=Q_(1.5, "percent"))
    assert ax.patches[0].get_height() == pytest.approx(1.2)
    assert list(ax.get_lines()[0].get_ydata()) == pytest.approx([1.5, 1.5])


def test_saving_rates_bad_input():  # type: ignore[no-untyped-def]
    with pytest.raises(UnitsError, match="rates"):
        plot.saving_rates([2024], Q_([1.0], "kWh"))
    with pytest.raises(UnitsError, match=r"rates\[1\]"):
        plot.saving_rates([2024, 2025], [0.01, "1 %"])
    with pytest.raises(InvalidValueError, match="one value per year"):
        plot.saving_rates([2024, 2025], [0.01])
    with pytest.raises(InvalidValueError, match="rates"):
        plot.saving_rates([2024], [float("nan")])
    with pytest.raises(InvalidValueError, match="target"):
        plot.saving_rates([2024, 2025], [0.01, 0.02], target=[0.01, 0.01, 0.01])
    with pytest.raises(UnitsError, match="target"):
        plot.saving_rates([2024], [0.01], target=Q_(1, "kWh"))


# -- drawing into the caller's Axes, no pyplot, optional matplotlib ----------------------------------


def test_functions_draw_into_the_callers_axes(county, declaration):  # type: ignore[no-untyped-def]
    fig = Figure(figsize=(12, 8), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(2, 2).ravel()
    drawn = [
        plot.inventory(county, ax=axes[0]),
        plot.monthly_electricity(declaration.electricity[0].monthly_energy(), ax=axes[1]),
        plot.chiller_kw_per_rt(_chiller_log(), ax=axes[2]),
        plot.saving_rates([2024], [0.012], ax=axes[3]),
    ]
    assert all(a is b for a, b in zip(drawn, axes, strict=True))
    _png(axes[0])


def test_a_new_figure_uses_no_pyplot_and_import_carbonaudit_no_matplotlib():  # type: ignore[no-untyped-def]
    ax = plot.saving_rates([2024], [0.012])
    assert isinstance(ax.figure, Figure)
    code = (
        "import sys, carbonaudit, carbonaudit.plot\n"
        "assert 'matplotlib' not in sys.modules, 'import carbonaudit(.plot) imported matplotlib'\n"
        "from carbonaudit import plot\n"
        "ax = plot.saving_rates([2024], [0.012], target=0.01)\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'plot used pyplot'\n"
        "assert type(ax.figure.canvas).__name__ == 'FigureCanvasBase'\n"
    )
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True, timeout=120)


def test_without_matplotlib_every_function_says_how_to_install(monkeypatch, county):  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    message = r'carbonaudit.plot needs matplotlib: pip install "carbonaudit\[plot\]"'
    calls = [
        lambda: plot.inventory(county),
        lambda: plot.inventory(county, by="organisation"),
        lambda: plot.monthly_electricity(Q_(np.ones(12), "kWh")),
        lambda: plot.chiller_kw_per_rt(_chiller_log()),
        lambda: plot.saving_rates([2024], [0.01]),
    ]
    for call in calls:
        with pytest.raises(ImportError, match=message):
            call()
