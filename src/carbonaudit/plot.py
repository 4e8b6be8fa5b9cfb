"""Plots of inventories, monthly electricity, chiller efficiency and saving rates (optional).

Each function draws one chart an auditor reads beside the forms and returns the matplotlib
:class:`~matplotlib.axes.Axes` it drew on:

* :func:`inventory`: t CO2e by scope, government category, emission source or organisation
  (government-inventory);
* :func:`monthly_electricity`: the monthly kWh of 表五之二, this year against last year, with the
  electric EUI of 表五之四 (non-production-form-2025);
* :func:`chiller_kw_per_rt`: the monthly kW/RT of a chiller group, 表九之一(二) (non-production-form-2025);
* :func:`saving_rates`: annual (and average) saving rates against a target, 表十之三 / 表十之五
  (production-declaration-2018).

Pass ``ax=`` to draw into an Axes of your own figure (``plt.subplots()``, a subplot grid).
Without it, each function makes a new :class:`matplotlib.figure.Figure` without pyplot (no GUI
backend, no global "current figure"); the figure is ``ax.figure``: save it with
``ax.figure.savefig("out.png")`` or show it in a notebook by evaluating ``ax.figure``.

Needs matplotlib (``pip install "carbonaudit[plot]"``); ``import carbonaudit`` and
``import carbonaudit.plot`` do not import it, the first call does.

Labels are in English. Organisation names may be Chinese: a label uses ``name_en`` where the
organisation has one, else ``name`` if the fonts matplotlib will use have its glyphs (a CJK font
installed on the system, e.g. Noto Sans CJK TC, is added as a fallback font for those labels),
else the organisation's ``id``. A label is never drawn with glyphs the fonts lack, so saving the
figure does not warn "Glyph ... missing from font(s)" (those warnings come at draw time, in the
caller's ``savefig``, where this module could not silence them).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pint

from ._optional import require
from .errors import InvalidValueError
from .formatting import format_percent, round_half_up
from .units import Quantity, check_amount, checked_magnitude, fraction, scalar_magnitude, stack

if TYPE_CHECKING:  # pragma: no cover - for type checkers only; matplotlib is imported on first call
    from matplotlib.axes import Axes

    from .chiller import ChillerLog
    from .inventory.compute import Inventory
    from .inventory.models import Organisation

__all__ = ["chiller_kw_per_rt", "inventory", "monthly_electricity", "saving_rates"]

_SCOPE_LABELS = {1: "Scope 1", 2: "Scope 2\n(location-based)", 3: "Scope 3"}

# English labels of the government-inventory government categories (keys of inventory.CATEGORIES) and of the
# emission sources (keys of inventory.SECTORS), in the order the inventory report lists them.
_CATEGORY_LABELS = {
    "stationary_energy": "Stationary energy",
    "transport": "Transport",
    "fugitive": "Fugitive",
    "industrial_process": "Industrial process",
    "agriculture": "Agriculture",
    "lulucf": "Land use and forestry",
    "waste": "Waste",
}
_SOURCE_LABELS = {
    "stationary_combustion": "Stationary combustion",
    "mobile_combustion": "Mobile combustion",
    "purchased_electricity": "Purchased electricity",
    "purchased_heat": "Purchased heat and steam",
    "refrigerant": "Refrigerants",
    "fire_extinguisher": "Fire extinguishers",
    "septic_tank": "Septic tanks",
    "process": "Process",
    "outsourced": "Outsourced units (scope 3)",
}
_BY = ("scope", "category", "source", "organisation")

# Fonts with the Traditional Chinese glyphs of agency names, tried in this order as a fallback.
_CJK_FAMILIES = (
    "Noto Sans CJK TC",
    "Noto Sans TC",
    "Source Han Sans TC",
    "Microsoft JhengHei",
    "PingFang TC",
    "Heiti TC",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "AR PL UMing TW",
    "Arial Unicode MS",
)


# -- matplotlib, fonts and axes ---------------------------------------------------------------------


def _require_matplotlib() -> None:
    """Import matplotlib or say how to install it; the other imports of matplotlib here come after this."""
    require("matplotlib", "carbonaudit.plot")


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """The caller's Axes, or one of a new pyplot-free Figure."""
    _require_matplotlib()
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if ax is not None:
        if not isinstance(ax, Axes):
            raise InvalidValueError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__} {ax!r}")
        return ax
    return Figure(figsize=figsize, layout="constrained").add_subplot()


def _cjk_family() -> str | None:
    """The first installed font of :data:`_CJK_FAMILIES`, if any (cheap: a scan of the font list)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in _CJK_FAMILIES if name in installed), None)


def _families() -> list[str]:
    """The font families of labels: matplotlib's configured ones, then a CJK fallback if installed."""
    import matplotlib

    families = list(matplotlib.rcParams["font.family"])
    cjk = _cjk_family()
    return [*families, cjk] if cjk and cjk not in families else families


@lru_cache(maxsize=32)
def _charmap(path: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path).get_charmap())


def _renderable(text: str, families: Sequence[str]) -> bool:
    """Whether the fonts of *families* together have a glyph for every character of *text*."""
    from matplotlib import font_manager

    needed = {ord(c) for c in text if not c.isspace()}
    if all(c < 128 for c in needed):
        return True
    for family in families:
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=[family]), fallback_to_default=False)
        except ValueError:  # family not installed
            continue
        needed -= _charmap(str(path))
        if not needed:
            return True
    return False


def _org_label(org: Organisation, families: Sequence[str]) -> str:
    if org.name_en:
        return org.name_en
    if _renderable(org.name, families):
        return org.name
    return org.id


def _font(labels: Sequence[str], families: Sequence[str] | None = None) -> dict[str, Any]:
    """Tick-label properties: the font list with the CJK fallback if a label is not ASCII.

    matplotlib falls back glyph by glyph along the list, so ASCII still comes from the first font.
    """
    if all(label.isascii() for label in labels):
        return {}
    return {"fontfamily": list(families if families is not None else _families())}


def _thousands(ax: Axes, axis: str) -> None:
    from matplotlib.ticker import StrMethodFormatter

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(StrMethodFormatter("{x:,.0f}"))


def _legend_below(ax: Axes) -> None:
    """A legend under the x-axis tick labels and label, clear of the bars and their value labels."""
    from matplotlib.transforms import ScaledTranslation

    ticks = ax.xaxis.get_major_ticks()
    label = ax.xaxis.label.get_fontproperties().get_size_in_points()
    tick = ticks[0].label1.get_fontproperties().get_size_in_points() if ticks else label
    points = 1.3 * (tick + label) + 12
    below = ax.transAxes + ScaledTranslation(0, -points / 72, ax.figure.dpi_scale_trans)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=below, fontsize="small", frameon=False)


def _fmt(value: float, digits: int) -> str:
    """A figure for a label, rounded half-up as the forms print (``formatting.round_half_up``)."""
    return f"{round_half_up(value, digits):,.{digits}f}"


# -- 1. inventory -------------------------------------------------------------------------------------


def inventory(
    inv: Inventory,
    by: str = "scope",
    *,
    ax: Axes | None = None,
    rolled_up: bool = True,
) -> Axes:
    """Bar chart of an inventory's emissions [t CO2e] by scope, category, source or organisation.

    The groupings of government-inventory (政府機關溫室氣體盤查): scopes 1-3, the
    government categories (固定能源, 運輸, 逸散, ...), and the agencies that report bottom-up
    (level 3 → 2 → 1 → inventory team). Each bar is labelled with its value.

    Parameters
    ----------
    inv : Inventory
        The result of :func:`carbonaudit.inventory.compute`.
    by : {"scope", "category", "source", "organisation"}, default "scope"
        ``"scope"``: :meth:`~carbonaudit.inventory.Inventory.by_scope`, all three scopes (a scope with no lines at 0), scope
        2 location-based (the market-based figure, :meth:`~carbonaudit.inventory.Inventory.scope2_market`, is not drawn).
        ``"category"``: :meth:`~carbonaudit.inventory.Inventory.by_category`, the categories that have lines.
        ``"source"``: :meth:`~carbonaudit.inventory.Inventory.by_source`.
        ``"organisation"``: see *rolled_up*.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new Figure (``ax.figure``).
    rolled_up : bool, default True
        Only for ``by="organisation"``. True: the level-1 agencies (the direct children of the
        tree's root) with everything below them (:meth:`~carbonaudit.inventory.Inventory.rolled_up`), as the inventory
        team reports them; the root's own emissions are one more bar if not zero, so the bars add
        up to :meth:`~carbonaudit.inventory.Inventory.total`. A tree with several roots shows the roots. False: every
        organisation's own emissions (:meth:`~carbonaudit.inventory.Inventory.own`), depth first (each agency followed
        by the units below it), zeros included so that an agency that reported nothing shows.
        The agencies that :func:`~carbonaudit.inventory.compute` flags as not complete for the
        year (未登錄 not started, 登錄中 in progress: its ``inventory.incomplete`` findings) are
        hatched, with their status beside the value; a rolled-up bar is hatched when any agency
        below it is. Labels: ``name_en``, else ``name`` if the fonts have its glyphs, else ``id``
        (see the module docstring).

    Returns
    -------
    matplotlib.axes.Axes
        Value axis labelled ``"Emissions [t CO2e]"``.

    Raises
    ------
    InvalidValueError
        For an unknown *by* (the message names it and the choices), *rolled_up* False with another
        *by*, or an *ax* that is not an Axes.
    MissingDependencyError
        Without matplotlib (an ImportError too): ``pip install "carbonaudit[plot]"``.

    Examples
    --------
    >>> from carbonaudit import plot
    >>> from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compute
    >>> tree = OrgTree([Organisation(id="team", name="盤查小組", status={2024: "complete"}),
    ...                 Organisation(id="a", name="A局", name_en="Bureau A", parent="team",
    ...                              status={2024: "complete"})])
    >>> rec = ActivityRecord(org="a", year=2024, kind="electricity", amount={"value": 1000, "unit": "kWh"})
    >>> inv = compute(tree, [rec], year=2024)           # 1,000 kWh x 0.474 kg/kWh
    >>> ax = plot.inventory(inv)
    >>> ax.get_ylabel(), [round(float(bar.get_height()), 3) for bar in ax.patches]
    ('Emissions [t CO2e]', [0.0, 0.474, 0.0])
    >>> ax = plot.inventory(inv, by="organisation")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Bureau A']
    """
    if by not in _BY:
        raise InvalidValueError(f"by must be one of {', '.join(map(repr, _BY))}, got {by!r}")
    if not rolled_up and by != "organisation":
        raise InvalidValueError(f"rolled_up applies to by='organisation' only, got by={by!r} with rolled_up=False")
    if not all(hasattr(inv, name) for name in ("by_scope", "rolled_up", "tree", "year")):
        raise InvalidValueError(f"inv must be an Inventory (carbonaudit.inventory.compute), got {type(inv).__name__}")
    total = f"total {_fmt(inv.total(), 1)} t CO2e (scope 2 location-based, GWP {inv.gwp})"
    title = f"GHG inventory {inv.year}"
    xlabel = "Emissions [t CO2e]"
    if by == "scope":
        scopes = inv.by_scope()
        ax = _axes(ax, (6.4, 4.2))
        values = [scopes.get(s, 0.0) for s in (1, 2, 3)]
        bars = ax.bar([_SCOPE_LABELS[s] for s in (1, 2, 3)], values, color=["C0", "C1", "C2"])
        ax.bar_label(bars, labels=[_fmt(v, 1) for v in values], padding=2)
        ax.set_ylabel(xlabel)
        ax.margins(y=0.12)
        _thousands(ax, "y")
        ax.set_title(f"{title} by scope\n{total}")
        return ax

    hatched: list[bool]
    notes: list[str] = []
    families: list[str] = []
    if by in ("category", "source"):
        totals = inv.by_category() if by == "category" else inv.by_source()
        names = _CATEGORY_LABELS if by == "category" else _SOURCE_LABELS
        keys = [k for k in names if k in totals] + sorted(k for k in totals if k not in names)
        labels = [names.get(k, k.replace("_", " ").capitalize()) for k in keys]
        values = [totals[k] for k in keys]
        hatched = [False] * len(keys)
        subtitle = f" by {'government category' if by == 'category' else 'emission source'}"
    else:
        _require_matplotlib()
        families = _families()
        tree = inv.tree
        roots = tree.roots()
        # The agencies compute() flagged as not complete for the year (inventory.incomplete findings).
        flagged = {f.path: str(f.context.get("status", "")) for f in inv.findings if f.code == "inventory.incomplete"}
        status = {o.id: flagged[f"orgs.{o.id}.status"] for o in tree if f"orgs.{o.id}.status" in flagged}
        incomplete = set(status)
        if rolled_up:
            totals = inv.rolled_up()
            own = inv.own()
            orgs = tree.children(roots[0].id) if len(roots) == 1 and tree.children(roots[0].id) else roots
            labels = [_org_label(o, families) for o in orgs]
            values = [totals[o.id] for o in orgs]
            hatched = [any(d.id in incomplete for d in tree.descendants(o.id)) for o in orgs]
            if orgs is not roots and own[roots[0].id]:
                labels.append(f"{_org_label(roots[0], families)} (own)")
                values.append(own[roots[0].id])
                hatched.append(roots[0].id in incomplete)
            subtitle = " by organisation (rolled up)"
        else:
            totals = inv.own()
            orgs = [
                d for root in roots for d in tree.descendants(root.id)
            ]  # depth first: each agency's units follow it
            labels = [_org_label(o, families) for o in orgs]
            values = [totals[o.id] for o in orgs]
            hatched = [o.id in incomplete for o in orgs]
            notes = [status.get(o.id, "").replace("_", " ") for o in orgs]
            subtitle = " by organisation (own emissions)"
    notes = notes or [""] * len(values)
    ax = _axes(ax, (7.0, max(3.0, 0.32 * len(values) + 1.6)))
    positions = np.arange(len(values))
    bars = ax.barh(positions, values, color="C0")
    for bar, hatch in zip(bars, hatched, strict=True):
        if hatch:
            bar.set_hatch("//")
            bar.set_facecolor("C0")
            bar.set_alpha(0.55)
    if any(hatched):
        bars[hatched.index(True)].set_label(f"reporting not complete for {inv.year}")
        _legend_below(ax)
    ax.bar_label(
        bars, labels=[f"{_fmt(v, 1)} ({n})" if n else _fmt(v, 1) for v, n in zip(values, notes, strict=True)], padding=2
    )
    ax.set_yticks(positions, labels, **_font(labels, families or None))
    ax.set_ylim(max(len(values), 1) - 0.5, -0.5)  # first item on top, as the report lists them; no empty rows
    ax.set_xlabel(xlabel)
    ax.margins(x=0.3 if any(notes) else 0.15)  # room for the value labels
    _thousands(ax, "x")
    ax.set_title(f"{title}{subtitle}\n{total}")
    return ax


# -- 2. monthly electricity ---------------------------------------------------------------------------


def _monthly_kwh(values: object, name: str) -> Any:
    """A year's monthly electricity [kWh] as a 1-D float array of 1 to 12 months."""
    if isinstance(values, pint.Quantity):
        kwh = np.atleast_1d(np.asarray(checked_magnitude(values, "kWh", name), dtype=np.float64))
    else:  # a sequence of Quantities (each checked by units.magnitude, named name[i])
        kwh, _ = stack(values, name, "kWh")
        check_amount(kwh, name)
    if kwh.ndim != 1 or not 1 <= kwh.size <= 12:
        raise InvalidValueError(f"{name} must hold the months January to December (1 to 12 values), got {kwh.shape}")
    return kwh


def _month_labels(months: Sequence[int | str] | None, n: int) -> list[str]:
    if months is None:
        return [calendar.month_abbr[i] for i in range(1, n + 1)]
    labels = list(months)
    if len(labels) != n:
        raise InvalidValueError(f"months must have one label per month ({n}), got {len(labels)}")
    out = []
    for i, m in enumerate(labels):
        if isinstance(m, (int, np.integer)) and not isinstance(m, bool):
            if not 1 <= m <= 12:
                raise InvalidValueError(f"months[{i}] must be a month number 1 to 12 or a label, got {m!r}")
            out.append(calendar.month_abbr[int(m)])
        else:
            out.append(str(m))
    return out


def monthly_electricity(
    this_year: Quantity | Sequence[Quantity],
    last_year: Quantity | Sequence[Quantity] | None = None,
    *,
    area: Quantity | None = None,
    parking_area: Quantity | None = None,
    last_year_area: Quantity | None = None,
    last_year_parking_area: Quantity | None = None,
    year: int | None = None,
    months: Sequence[int | str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Monthly electricity [kWh] of this year, and last year side by side, with the electric EUI.

    The monthly kWh of non-production-form-2025 表五之二 (電能使用量統計表: the four time-of-use columns, e.g.
    ``MonthlyElectricity.monthly_energy()``), and, given the floor area, each year's electric EUI
    [kWh/m²] of 表五之四 computed by :func:`carbonaudit.building.eui` (energy ÷ (total − indoor
    parking area)) and the annual EUI difference of :func:`carbonaudit.building.compare_eui`
    (over 10 % the form asks for the reason). The EUIs are in the legend, the difference in the
    title.

    Parameters
    ----------
    this_year : Quantity
        Monthly electricity, January first [kWh, MWh ...]: an array Quantity of 12 (or of fewer
        months, see *months*), or a sequence of Quantities.
    last_year : Quantity, optional
        Last year's months, as many as *this_year* [kWh].
    area : Quantity, optional
        Total floor area [m²]; gives the EUIs.
    parking_area : Quantity, optional
        Indoor parking area [m²], subtracted from *area* (表五之四 註1).
    last_year_area, last_year_parking_area : Quantity, optional
        Last year's areas [m²], if they changed; default this year's.
    year : int, optional
        This year (AD or ROC), for the legend (*year* and *year* − 1); default "this year" and
        "last year".
    months : sequence of int or str, optional
        Month numbers (1-12) or labels, one per value; default January onwards. A label in Chinese
        (``"1月"``) is drawn with a CJK fallback font if one is installed; without one, matplotlib
        warns of the missing glyphs when the figure is saved.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new Figure (``ax.figure``).

    Returns
    -------
    matplotlib.axes.Axes
        Bars of kWh, y axis labelled ``"Electricity [kWh]"``; the legend gives each year's total
        and EUI.

    Raises
    ------
    UnitsError
        If *this_year*, *last_year* or an area is a bare number or of the wrong dimension (the
        message names the argument).
    InvalidValueError
        For negative or NaN values, more than 12 months, years of different lengths, an area that
        is an array (the message names it), or an indoor area that is not positive.
    MissingDependencyError
        Without matplotlib (an ImportError too): ``pip install "carbonaudit[plot]"``.

    Examples
    --------
    >>> import numpy as np
    >>> from carbonaudit import Q_, plot
    >>> this = Q_(np.full(12, 100_000.0), "kWh")
    >>> last = Q_(np.full(12, 110_000.0), "kWh")
    >>> ax = plot.monthly_electricity(this, last, area=Q_(12_000, "m**2"), parking_area=Q_(2_000, "m**2"),
    ...                               year=2025)
    >>> ax.get_ylabel()
    'Electricity [kWh]'
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['2024: 1,320,000 kWh, EUI 132.0 kWh/m²', '2025: 1,200,000 kWh, EUI 120.0 kWh/m²']
    """
    from .building import compare_eui, eui
    from .units import Q_

    kwh = _monthly_kwh(this_year, "this_year")
    last = None if last_year is None else _monthly_kwh(last_year, "last_year")
    if last is not None and last.size != kwh.size:
        raise InvalidValueError(
            f"this_year and last_year must have the same months, got {kwh.size} and {last.size} values"
        )
    labels = _month_labels(months, kwh.size)
    names = (str(year), str(year - 1)) if year is not None else ("this year", "last year")
    areas = {"area": area, "parking_area": parking_area, "last_year_area": last_year_area}
    areas["last_year_parking_area"] = last_year_parking_area
    for name, value in areas.items():  # named as the caller knows them (building.eui says total_area)
        if value is not None:
            scalar_magnitude(value, "m**2", name)
    eui_this = eui_last = None
    difference = None
    if area is not None:
        # Each year's EUI over its own indoor area (表五之四 註1), by building.eui.
        areas_last = (
            area if last_year_area is None else last_year_area,
            parking_area if last_year_parking_area is None else last_year_parking_area,
        )
        eui_this = eui(Q_(float(kwh.sum()), "kWh"), area, parking_area)
        if last is not None:
            eui_last = eui(Q_(float(last.sum()), "kWh"), *areas_last)
            if kwh.size == 12:
                # The annual difference of compare_eui on the monthly EUIs (表五之四 註2).
                try:
                    difference = compare_eui(eui(Q_(kwh, "kWh"), area, parking_area), eui(Q_(last, "kWh"), *areas_last))
                except InvalidValueError:  # a quarter of last year with no use: nothing to compare
                    difference = None
    elif parking_area is not None or last_year_area is not None or last_year_parking_area is not None:
        raise InvalidValueError("parking_area and last year's areas need area (the total floor area)")

    def legend(name: str, values: Any, intensity: Quantity | None) -> str:
        text = f"{name}: {_fmt(float(values.sum()), 0)} kWh"
        return text if intensity is None else f"{text}, EUI {_fmt(float(intensity.m_as('kWh/m**2')), 1)} kWh/m²"

    ax = _axes(ax, (8.0, 4.5))
    x = np.arange(kwh.size)
    width = 0.4 if last is not None else 0.7
    if last is not None:
        ax.bar(x - width / 2, last, width, color="C7", alpha=0.8, label=legend(names[1], last, eui_last))
        ax.bar(x + width / 2, kwh, width, color="C0", label=legend(names[0], kwh, eui_this))
    else:
        ax.bar(x, kwh, width, color="C0", label=legend(names[0], kwh, eui_this))
    ax.set_xticks(x, labels, **_font(labels))
    ax.set_xlabel("Month")
    ax.set_ylabel("Electricity [kWh]")
    _thousands(ax, "y")
    ax.margins(y=0.15)
    ax.legend(loc="upper left", fontsize="small")
    title = "Monthly electricity use"
    if difference is not None:
        d = difference.annual
        title += f" (EUI {'+' if d >= 0 else '−'}{format_percent(abs(d))} % on last year)"
    ax.set_title(title)
    return ax


# -- 3. chiller kW/RT ---------------------------------------------------------------------------------


def chiller_kw_per_rt(log: ChillerLog, *, ax: Axes | None = None, target: Quantity | None = None) -> Axes:
    """Monthly efficiency of a chiller group [kW/RT], with an optional target line.

    non-production-form-2025 表九之一(二) 冰水機群組系統能源效率: monthly kWh ÷ monthly RTh (註8), from
    :func:`carbonaudit.chiller.from_log`. A month with no cooling (整月未開主機) or no data has no
    kW/RT (NaN): the line leaves a gap there, it never drops to 0; the log's findings say why.

    Parameters
    ----------
    log : ChillerLog
        From :func:`carbonaudit.chiller.from_log`; its ``monthly_kw_per_rt`` is plotted
        (the ``kW_per_RT`` column of ``log.monthly``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new Figure (``ax.figure``).
    target : Quantity, optional
        A design or benchmark efficiency [kW/RT], drawn as a dashed horizontal line.

    Returns
    -------
    matplotlib.axes.Axes
        A line with markers, one point per month; y axis labelled ``"Efficiency [kW/RT]"``.

    Raises
    ------
    UnitsError
        If *target* is a bare number or not a power per cooling capacity.
    InvalidValueError
        If *log* is not a ChillerLog, or *target* is an array, negative, NaN or infinite.
    MissingDependencyError
        Without matplotlib (an ImportError too): ``pip install "carbonaudit[plot]"``.

    Examples
    --------
    >>> import numpy as np
    >>> from carbonaudit import Q_, chiller, plot
    >>> t = np.arange("2024-07-01T00", "2024-07-01T09", dtype="datetime64[h]")
    >>> log = chiller.from_log(time=t, flow=Q_(np.full(9, 12_000.0), "L/min"),
    ...                        supply=Q_(np.full(9, 7.0), "degC"), ret=Q_(np.full(9, 12.0), "degC"),
    ...                        power=Q_(np.full(9, 700.0), "kW"))
    >>> ax = plot.chiller_kw_per_rt(log, target=Q_(0.7, "kW/RT"))
    >>> ax.get_ylabel(), [round(float(y), 4) for y in ax.get_lines()[0].get_ydata()]
    ('Efficiency [kW/RT]', [0.588])
    >>> float(ax.get_lines()[1].get_ydata()[0])        # the target line
    0.7
    """
    if not all(hasattr(log, name) for name in ("months", "monthly_kw_per_rt")):
        raise InvalidValueError(f"log must be a ChillerLog (carbonaudit.chiller.from_log), got {type(log).__name__}")
    goal = None if target is None else scalar_magnitude(target, "kW/USRT", "target")
    months = np.asarray(log.months).astype("datetime64[M]")
    values = np.asarray(log.monthly_kw_per_rt, dtype=np.float64)
    years = months.astype("datetime64[Y]").astype(int) + 1970
    month_numbers = months.astype(int) % 12 + 1
    one_year = bool(years.size) and bool((years == years[0]).all())
    labels = [calendar.month_abbr[m] if one_year else f"{y}-{m:02d}" for y, m in zip(years, month_numbers, strict=True)]

    ax = _axes(ax, (7.0, 4.2))
    x = np.arange(values.size)
    ax.plot(x, values, marker="o", color="C0", label="monthly kWh ÷ RTh")  # NaN months stay gaps
    for i in np.flatnonzero(np.isnan(values)):  # say why a month has no point (the log's findings say more)
        ax.text(float(i), 0.03, "n/a", transform=ax.get_xaxis_transform(), ha="center", color="0.4", fontsize="small")
    if goal is not None:
        ax.axhline(goal, color="C3", linestyle="--", label=f"target {goal:g} kW/RT")
    ax.set_xticks(x, labels)
    if not one_year:
        for t in ax.get_xticklabels():
            t.set_rotation(45)
            t.set_horizontalalignment("right")
    ax.set_xlabel(f"Month ({years[0]})" if one_year else "Month")
    ax.set_ylabel("Efficiency [kW/RT]")
    ax.margins(y=0.15)
    ax.set_xlim(-0.5, max(values.size - 0.5, 0.5))
    ax.legend(loc="best", fontsize="small")
    ax.set_title("Chiller group efficiency")
    return ax


# -- 4. saving rates ----------------------------------------------------------------------------------


def _fractions(values: object, name: str, *, missing: bool = False) -> Any:
    """Fractions (float, or a percent Quantity) as a float array; None is NaN where *missing*."""
    if isinstance(values, (pint.Quantity, np.ndarray)):
        out = np.atleast_1d(np.asarray(fraction(values, name), dtype=np.float64))
    elif isinstance(values, (str, bytes, Mapping)) or not hasattr(values, "__iter__"):
        raise InvalidValueError(f"{name} must be a sequence of fractions or an array Quantity, got {values!r}")
    else:
        items = list(cast(Iterable[Any], values))
        out = np.array(
            [np.nan if (v is None and missing) else fraction(v, f"{name}[{i}]") for i, v in enumerate(items)],
            dtype=np.float64,
        )
    if out.ndim != 1:
        raise InvalidValueError(f"{name} must be one value per year, got shape {out.shape}")
    check_amount(out[~np.isnan(out)] if missing else out, name, allow_negative=True)
    return out


def saving_rates(
    years: Sequence[int | str],
    rates: Any,
    *,
    target: Any = None,
    average: Any = None,
    ax: Axes | None = None,
) -> Axes:
    """Annual saving rates per year [%] against the target, with the average rate R_N if given.

    The annual saving rate ``R = A / (A + B − C)`` of production-declaration-2018 表十之三 (from
    :func:`carbonaudit.rates.annual_saving_rate`) as bars, labelled as the forms print them
    (:func:`carbonaudit.format_percent`); the average rate R_N of 表十之五
    (:func:`carbonaudit.rates.cumulative_saving_rates`) as a line; the target as a dashed line.
    The rules' targets are data (``rules.saving_targets`` in ``factors.yaml``, read with
    :func:`carbonaudit.factors.rules`; :func:`carbonaudit.rates.meets_target` picks the tier):
    104-108年 average ≥ 1 %, 114-117年 ≥ 1 % or 1.5 % by contract capacity
    (production-declaration-2018 表十之四; tw-target-114). Most tiers are for the average rate: pass *average* to compare
    like with like.

    Parameters
    ----------
    years : sequence of int or str
        The years (AD or ROC), one per rate; the x-axis labels.
    rates : sequence of float or dimensionless Quantity
        Each year's annual saving rate [fraction, or percent]: 0.0119 for 1.19 %, or a dimensionless
        (percent) Quantity or array Quantity.
    target : float, Quantity or sequence, optional
        The target [fraction, or percent]: 0.01 or a percent Quantity, one for all years or one per
        year (None for a year without one).
    average : sequence of float or dimensionless Quantity, optional
        The average saving rate R_N at each year [fraction, or percent].
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new Figure (``ax.figure``).

    Returns
    -------
    matplotlib.axes.Axes
        Bars of rate × 100, y axis labelled ``"Saving rate [%]"``.

    Raises
    ------
    UnitsError
        If a rate or the target is a Quantity with a dimension.
    InvalidValueError
        For NaN or infinite rates, or sequences whose lengths differ from *years*.
    MissingDependencyError
        Without matplotlib (an ImportError too): ``pip install "carbonaudit[plot]"``.

    Examples
    --------
    >>> from carbonaudit import plot
    >>> ax = plot.saving_rates([2023, 2024], [0.012, 0.015], target=0.01)
    >>> ax.get_ylabel()
    'Saving rate [%]'
    >>> [float(bar.get_height()) for bar in ax.patches], float(ax.get_lines()[0].get_ydata()[0])
    ([1.2, 1.5], 1.0)
    """
    labels = [str(y) for y in years]
    annual = _fractions(rates, "rates")
    if annual.size != len(labels):
        raise InvalidValueError(f"rates must have one value per year ({len(labels)}), got {annual.size}")
    mean = None if average is None else _fractions(average, "average")
    if mean is not None and mean.size != len(labels):
        raise InvalidValueError(f"average must have one value per year ({len(labels)}), got {mean.size}")
    goal = None
    if target is not None:
        if isinstance(target, (pint.Quantity, np.ndarray, int, float, np.integer, np.floating)):
            goal = np.atleast_1d(np.asarray(fraction(target, "target"), dtype=np.float64))
        else:
            goal = _fractions(target, "target", missing=True)
        if goal.ndim != 1 or goal.size not in (1, len(labels)):
            raise InvalidValueError(f"target must be one value or one per year ({len(labels)}), got {goal.size}")
        check_amount(goal[~np.isnan(goal)], "target")

    ax = _axes(ax, (6.4, 4.2))
    x = np.arange(len(labels))
    bars = ax.bar(x, annual * 100, 0.6, color="C0", label="annual saving rate $R$")
    ax.bar_label(bars, labels=[format_percent(float(r)) for r in annual], padding=6)
    handles: list[Any] = [bars]
    if mean is not None:
        handles += ax.plot(x, mean * 100, marker="o", markersize=5, color="C1", label="average saving rate $R_N$")
    if goal is not None:
        if goal.size == 1:
            value = float(goal[0])
            handles.append(
                ax.axhline(value * 100, color="C3", linestyle="--", label=f"target {format_percent(value)} %")
            )
        else:  # one target per year: a step at each year, gaps where a year has none
            handles += ax.plot(x, goal * 100, color="C3", linestyle="--", drawstyle="steps-mid", label="target")
    ax.set_xticks(x, labels)
    ax.set_xlabel("Year")
    ax.set_ylabel("Saving rate [%]")
    ax.margins(y=0.2)  # bars start at 0 (sticky edge): the margin is room for the labels and legend
    ax.legend(handles=handles, loc="upper left", fontsize="small")
    ax.set_title("Electricity saving rate")
    return ax
