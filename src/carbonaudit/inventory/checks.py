"""Inventory checks across organisations and years: consistency, outliers, mixed units (government-inventory 原則)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median
from typing import Any

import numpy as np

from .._display import HtmlRepr
from .._optional import require
from ..errors import Finding, InvalidValueError
from ..periods import _shown
from ..units import fraction
from ._mixed import mixed_units
from .compute import Inventory, _check_year, compute
from .models import ActivityRecord, OrgTree

__all__ = ["YearComparison", "compare_years", "mixed_units", "outliers"]


@dataclass(frozen=True)
class YearComparison(HtmlRepr):
    """Two years computed with the same factor set and GWP (base year recalculated)."""

    base: Inventory
    report: Inventory
    findings: tuple[Finding, ...]

    def change(self) -> float:
        """(report − base) ÷ base of the totals.

        ``inf`` when the base year had no emissions and the report year has some (never a silent
        0.0); 0.0 when neither year has any.
        """
        base, report = self.base.total(), self.report.total()
        if not base:
            return math.inf if report > 0 else 0.0
        return (report - base) / base

    def to_frame(self) -> Any:
        """Rolled-up totals of each organisation in both years [t CO2e] and their change, as a DataFrame.

        ``change`` is ``(report − base) ÷ base``; ``inf`` where the base year had none and the report
        year has some, NaN where neither has any.
        """
        pd = require("pandas", "YearComparison.to_frame")

        base, report = self.base.rolled_up(), self.report.rolled_up()
        orgs = list(dict.fromkeys([*base, *report]))
        b = np.array([base.get(o, 0.0) for o in orgs])
        r = np.array([report.get(o, 0.0) for o in orgs])
        with np.errstate(divide="ignore", invalid="ignore"):
            change = np.where(b > 0, (r - b) / np.where(b > 0, b, 1.0), np.where(r > 0, np.inf, np.nan))
        return pd.DataFrame(
            {f"{self.base.year}_t": b, f"{self.report.year}_t": r, "change": change},
            index=pd.Index(orgs, name="organisation"),
        )


def compare_years(
    tree: OrgTree,
    records: Iterable[ActivityRecord],
    base_year: int,
    report_year: int,
    factor_set: Any = None,
    *,
    gwp: str | None = None,
    threshold: float = 0.10,
    base_factor_set: Any = None,
    base_gwp: str | None = None,
) -> YearComparison:
    """Compare a report year with the base year, recalculating the base with the report's factors.

    Consistency (government-inventory: 一致性): when the base year was reported with another factor set or GWP
    (*base_factor_set*, *base_gwp*), that is a finding, and the base is recomputed with the report
    year's set and GWP so the two years compare like with like (each year keeps its own grid factor).
    An organisation whose emissions changed by more than *threshold* is a finding too, and so is
    one with emissions in the report year where the base year had none (a change with no ratio).

    Parameters
    ----------
    tree : OrgTree
        The organisations.
    records : iterable of ActivityRecord
        Records of both years (others are ignored).
    base_year, report_year : int
        AD years.
    factor_set : FactorSet or str, optional
        The set both years are computed with; default the set of the report year
        (:func:`carbonaudit.factors.for_year`), which the base year is recalculated with.
    gwp : str, optional
        ``"AR4"``, ``"AR5"``, ``"AR6"`` (in any case) for both years; default the set's.
    threshold : float or Quantity, default 0.10
        Change of an organisation's own emissions above which it is a finding: a fraction (0.10)
        or a percent Quantity (``Q_(10, "percent")``) [dimensionless]; finite and above 0.
    base_factor_set : FactorSet or str, optional
        The set the base year was reported with; only for the finding.
    base_gwp : str, optional
        The GWP set the base year was reported with; only for the finding.

    Returns
    -------
    YearComparison
        Both inventories [t CO2e] and the findings (``inventory.factor_set_changed``,
        ``inventory.gwp_changed``, ``inventory.year_change``, ``inventory.new_emissions`` for an
        organisation with none in the base year). :meth:`YearComparison.change` is ``inf`` when
        the base year's total is zero and the report year's is not.

    Raises
    ------
    InvalidValueError
        If *threshold* is not one finite number above 0 (NaN, an infinity, which would never flag
        a change, an int beyond float64's range, an array or Series), or as
        :func:`~carbonaudit.inventory.compute`.
    UnitsError
        If *threshold* is not a number (a str, a bool, None) or is a Quantity with a dimension.
    PeriodError
        If *base_year* or *report_year* is not an AD year as int 1912-2211 (an ROC year such as
        113, ``"2024"``, NaN); the message names which.
    FactorNotFoundError, UnitsError
        As :func:`~carbonaudit.inventory.compute` (e.g. a year the set's grid factors do not cover).

    Examples
    --------
    >>> from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree
    >>> tree = OrgTree([Organisation(id="a", name="A局")])
    >>> recs = [ActivityRecord(org="a", year=y, kind="electricity", amount={"value": v, "unit": "kWh"})
    ...         for y, v in [(2023, 10_000), (2024, 12_000)]]
    >>> c = compare_years(tree, recs, 2023, 2024, base_gwp="AR4")   # 0.494 and 0.474 kg/kWh
    >>> round(c.base.total(), 3), round(c.report.total(), 3), [f.code for f in c.findings]
    (4.94, 5.688, ['inventory.gwp_changed', 'inventory.year_change'])
    """
    threshold = _threshold(threshold)
    base_year, report_year = _check_year(base_year, "base_year"), _check_year(report_year, "report_year")
    recs = list(records)
    from .._convert import resolve_set

    factor_set = resolve_set(factor_set, report_year)  # one set for both years: the report year's
    report = compute(tree, recs, factor_set, gwp=gwp, year=report_year)
    base = compute(tree, recs, factor_set, gwp=report.gwp, year=base_year)
    findings: list[Finding] = []
    if base_factor_set is not None:
        old = resolve_set(base_factor_set).id
        if old != report.factor_set:
            findings.append(
                Finding(
                    "inventory.factor_set_changed",
                    "info",
                    "factor_set",
                    f"the base year {base_year} was reported with {old}; it is recalculated with "
                    f"{report.factor_set} to compare",
                    {"base": old, "report": report.factor_set},
                    f"基準年排放係數版本 ({old}) 與報告年不同，已以 {report.factor_set} 重新計算",
                )
            )
    same_gwp = isinstance(base_gwp, str) and " ".join(base_gwp.split()).casefold() == report.gwp.casefold()
    if base_gwp is not None and not same_gwp:  # "ar5" is the AR5 the report used
        findings.append(
            Finding(
                "inventory.gwp_changed",
                "info",
                "gwp",
                f"the base year {base_year} used {base_gwp}; it is recalculated with {report.gwp}",
                {"base": base_gwp, "report": report.gwp},
                f"基準年 GWP ({base_gwp}) 與報告年不同，已以 {report.gwp} 重新計算",
            )
        )
    before, after = base.own(), report.own()
    for org_id, b in before.items():
        a = after.get(org_id, 0.0)
        if b == 0 and a > 0:
            name = tree[org_id].name
            findings.append(
                Finding(
                    "inventory.new_emissions",
                    "warning",
                    f"orgs.{org_id}",
                    f"{name}: {a:,.3f} t in {report_year}, new emissions where the base year {base_year} had none",
                    {"base": b, "report": a},
                    f"{name} 於基準年無排放量，報告年排放 {a:,.3f} 公噸",
                )
            )
        elif b > 0 and abs(a - b) / b > threshold:
            name = tree[org_id].name
            findings.append(
                Finding(
                    "inventory.year_change",
                    "warning",
                    f"orgs.{org_id}",
                    f"{name}: {b:,.3f} t in {base_year} -> {a:,.3f} t in {report_year} "
                    f"({(a - b) / b:+.1%}), more than {threshold:.0%}",
                    {"base": b, "report": a, "change": (a - b) / b},
                    f"{name} 排放量較基準年變動 {(a - b) / b:+.1%}",
                )
            )
    return YearComparison(base, report, tuple(findings))


def _threshold(value: Any) -> float:
    """compare_years' threshold as a float: one finite fraction above 0 (or a percent Quantity)."""
    if not isinstance(value, (str, bytes)) and np.ndim(value) != 0:  # an array, a Series, a list
        raise InvalidValueError(
            f"threshold must be one fraction (e.g. 0.10), got {type(value).__name__} of shape {np.shape(value)}"
        )
    f = float(fraction(value, "threshold"))  # a str, bool, None, Series or dimensioned Quantity: a UnitsError
    if not (0 < f < math.inf):  # inf would never flag a change: the check would pass unseen
        raise InvalidValueError(
            f"threshold must be a finite fraction above 0 (e.g. 0.10, or Q_(10, 'percent')), got {_shown(value)}"
        )
    return f


def outliers(inventory: Inventory, *, ratio: float = 3.0) -> list[Finding]:
    """Organisations whose own emissions per person or per m² are far from their peers' median.

    Peers are the organisations with staff (or floor area) given; far is more than *ratio* times the
    median or less than the median divided by *ratio*. A check of data quality (government-inventory 第七步
    檢視並掌握數據品質; 準確性); a measure with fewer than three positive values is skipped.

    Parameters
    ----------
    inventory : Inventory
        A computed inventory (:func:`~carbonaudit.inventory.compute`).
    ratio : float, default 3.0
        How far from the median is far; finite and above 1.

    Returns
    -------
    list of Finding
        An ``"info"`` finding ``"inventory.outlier"`` per organisation and measure (per person,
        per m²) [t CO2e per person or per m²].

    Raises
    ------
    InvalidValueError
        If *ratio* is not a finite number above 1 (``inf`` would never find an outlier).

    Examples
    --------
    >>> from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compute
    >>> tree = OrgTree([Organisation(id=i, name=i.upper() + "局", staff=10) for i in "abcd"])
    >>> recs = [ActivityRecord(org=i, year=2024, kind="electricity", amount={"value": v, "unit": "kWh"})
    ...         for i, v in zip("abcd", [1_000, 1_200, 900, 10_000])]
    >>> [f.message for f in outliers(compute(tree, recs, year=2024))]
    ["D局: 0.4740 t CO2e per person, peers' median 0.0521"]
    """
    real = isinstance(ratio, (int, float, np.integer, np.floating)) and not isinstance(ratio, bool)
    try:
        value = float(ratio) if real else math.nan  # an int beyond float64's range overflows here
    except OverflowError:
        value = math.inf
    if not (1 < value < math.inf):  # inf would find no outlier ever: the check would pass unseen
        shown = f"an int of {len(str(ratio))} digits" if isinstance(ratio, int) and value == math.inf else repr(ratio)
        raise InvalidValueError(f"ratio must be a finite number above 1 (e.g. 3.0), got {shown}")
    ratio = value
    own = inventory.own()
    out: list[Finding] = []
    measures = {
        "per_person": {o.id: own[o.id] / o.staff for o in inventory.tree if o.staff},
        "per_m2": {
            o.id: own[o.id] / o.floor_area.quantity.m_as("m**2")
            for o in inventory.tree
            if o.floor_area is not None and o.floor_area.value > 0
        },
    }
    for label, values in measures.items():
        positive = [v for v in values.values() if v > 0]
        if len(positive) < 3:
            continue
        mid = median(positive)
        for org_id, v in values.items():
            if v > mid * ratio or (v > 0 and v < mid / ratio):
                out.append(
                    Finding(
                        "inventory.outlier",
                        "info",
                        f"orgs.{org_id}",
                        f"{inventory.tree[org_id].name}: {v:,.4f} t CO2e {label.replace('_', ' ')}, "
                        f"peers' median {mid:,.4f}",
                        {"value": v, "median": mid, "measure": label},
                        f"{inventory.tree[org_id].name} 單位排放量與同儕中位數差異大",
                    )
                )
    return out
