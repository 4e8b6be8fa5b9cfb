"""Taiwan's carbon fee (碳費): who is charged, the chargeable emissions, offsets and the fee.

The fee is the regulation's arithmetic (moenv-carbon-fee-2024 第5條)::

    收費排放量 (chargeable) = (年排放量 (annual) - K) x 排放量調整係數 (coefficient)
    碳費 (fee)              = (chargeable - offsets allowed) x 費率 (rate)

* who is charged (第3條): power, gas-supply and manufacturing plants whose direct emissions plus
  indirect emissions from electricity use reach the threshold (25,000 t CO2e a year);
* K (第5條) is 25,000 t CO2e, or 0 for a plant recognised as high carbon-leakage risk;
* the coefficient (第6條) is 1, or 0.2 / 0.4 / 0.6 in the first / second / third period for a
  high-leakage plant with an approved voluntary reduction plan (自主減量計畫);
* the rates (moenv-carbon-fee-rate-2024): general NT$300 per t, A NT$50 and B NT$100 (both only
  with an approved plan);
* reduction credits (第9條) are deducted up to 10 % of the chargeable emissions;
* the chargeable emissions are rounded half-up to 3 decimals and the fee is truncated to a whole
  NT$ (第5條); the fee is due by the end of May of the year after the activity year (第4條).

Every one of these numbers is data (``data/carbon_fee.yaml``), each with its source, article and
status; a result carries the trace of the values it used. Emissions are mass Quantities of
carbonaudit's registry in t CO2e (``Q_(30_000, "t")``), the fee a Quantity in TWD.

Examples
--------
>>> from carbonaudit import Q_, fee
>>> fee.carbon_fee(Q_(30_000, "t"), rate="general").fee     # (30,000 - 25,000) x 1 x 300
<Quantity(1500000.0, 'new_taiwan_dollar')>
"""

from __future__ import annotations

import functools
import html
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, ValidationError

from ._data import data_path, read_yaml
from ._display import fmt
from ._optional import require
from .errors import DataFileError, FactorNotFoundError, InvalidValueError
from .factors.models import ActivityYears, FactorTrace, FactorValue, Source, _check_citation
from .periods import _ad_year
from .units import Quantity, scalar_magnitude, ureg

__all__ = ["FeeComparison", "FeeResult", "FeeRules", "carbon_fee", "chargeable", "compare", "liable", "rules"]

_T = ureg.Unit("t")
_TWD = ureg.Unit("TWD")
_TWD_PER_T = ureg.Unit("TWD/t")
_OPTIONS = (  # compare(): (label, rate, high_leakage)
    ("general", "general", False),
    ("A", "A", False),
    ("B", "B", False),
    ("A+high-leakage", "A", True),
    ("B+high-leakage", "B", True),
)


# -- the rules as data ------------------------------------------------------------------------


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sector(_Rule):
    """A charged sector (moenv-carbon-fee-2024 第3條) with its names and source."""

    zh: str
    en: str
    source: str
    table: str | None = None
    status: str


class PeriodYears(_Rule):
    """The activity years of a coefficient period, as some copies give them (the regulation does not)."""

    first: int
    last: int | None = None
    source: str
    table: str | None = None
    status: str
    note: str | None = None


class FeeRules(_Rule):
    """One set of carbon-fee rules and the activity years it applies to (``data/carbon_fee.yaml``).

    Attributes
    ----------
    id : str
        The rule set's id (``"tw-carbon-fee-2025"``).
    title : str
        The documents it implements.
    activity_years : ActivityYears
        The activity years (AD, inclusive) the rules apply to.
    sectors : dict of str to Sector
        The charged sectors (第3條).
    threshold, k, k_high_leakage : FactorValue
        The liability threshold (第3條) and K (第5條) [t CO2e].
    coefficient : FactorValue
        The emission adjustment coefficient without a plan (第5條).
    coefficients_high_leakage : dict of int to FactorValue
        The coefficient by period for a high-leakage plant with an approved plan (第6條).
    period_years : dict of int to PeriodYears
        The years of each period as some copies give them (unverified).
    rates : dict of str to FactorValue
        The rates ``general``, ``A``, ``B`` [TWD/t].
    offset_cap : FactorValue
        The largest share of the chargeable emissions reduction credits may offset (第9條).
    chargeable_decimals : FactorValue
        The decimals the chargeable emissions are rounded to, half-up (第5條).
    due_month : FactorValue
        The month of the year after the activity year by whose end the fee is due (第4條).
    """

    id: str
    title: str
    activity_years: ActivityYears
    sectors: dict[str, Sector]
    threshold: FactorValue
    k: FactorValue
    k_high_leakage: FactorValue
    coefficient: FactorValue
    coefficients_high_leakage: dict[int, FactorValue]
    period_years: dict[int, PeriodYears] = Field(default_factory=dict)
    rates: dict[str, FactorValue]
    offset_cap: FactorValue
    chargeable_decimals: FactorValue
    due_month: FactorValue


class _FeeFile(_Rule):
    schema_version: Annotated[int, Field(ge=1, le=1)]
    rule_sets: tuple[FeeRules, ...]


def _check(doc: _FeeFile, sources: dict[str, Source], origin: str) -> None:
    """Every value cites a source of the registry (and one of its tables); values in range and unit."""
    for rs in doc.rule_sets:
        where = f"{origin}: rule_sets[{rs.id}]"
        values: list[tuple[str, FactorValue]] = [
            ("threshold", rs.threshold),
            ("k", rs.k),
            ("k_high_leakage", rs.k_high_leakage),
            ("coefficient", rs.coefficient),
            ("offset_cap", rs.offset_cap),
            ("chargeable_decimals", rs.chargeable_decimals),
            ("due_month", rs.due_month),
        ]
        values += [(f"coefficients_high_leakage.{p}", v) for p, v in rs.coefficients_high_leakage.items()]
        values += [(f"rates.{r}", v) for r, v in rs.rates.items()]
        cited = [(name, v.source, v.table) for name, v in values]
        cited += [(f"sectors.{s}", v.source, v.table) for s, v in rs.sectors.items()]
        cited += [(f"period_years.{p}", v.source, v.table) for p, v in rs.period_years.items()]
        for name, source, table in cited:
            try:
                _check_citation(name, source, table, sources)
            except ValueError as exc:
                raise DataFileError(f"{where}.{exc}") from None
        units = {"threshold": _T, "k": _T, "k_high_leakage": _T} | {f"rates.{r}": _TWD_PER_T for r in rs.rates}
        for name, v in values:
            want = units.get(name, ureg.dimensionless)
            if ureg.Unit(v.unit).dimensionality != want.dimensionality or v.value < 0:
                raise DataFileError(f"{where}.{name}: must be >= 0 in units like {want:~}, got {v.value!r} {v.unit!r}")
        if set(rs.rates) != {"general", "A", "B"}:
            raise DataFileError(f"{where}.rates: must be general, A and B, got {sorted(rs.rates)}")
        if not rs.coefficients_high_leakage or min(rs.coefficients_high_leakage) != 1:
            raise DataFileError(f"{where}.coefficients_high_leakage: periods must start at 1")
        if not 0 < rs.offset_cap.value <= 1 or not 1 <= rs.due_month.value <= 12:
            raise DataFileError(f"{where}: offset_cap must be in (0, 1] and due_month 1-12")
    ids = [rs.id for rs in doc.rule_sets]
    spans = sorted(doc.rule_sets, key=lambda rs: rs.activity_years.first)
    for a, b in zip(spans, spans[1:], strict=False):
        if b.activity_years.first <= a.activity_years.last:
            raise DataFileError(f"{origin}: rule sets {a.id!r} and {b.id!r} overlap in activity years")
    if len(set(ids)) != len(ids) or not ids:
        raise DataFileError(f"{origin}: rule set ids must be present and unique, got {ids}")


@functools.cache
def _shipped() -> tuple[FeeRules, ...]:
    from .factors import load  # the sources registry lives in factors.yaml

    path = data_path("carbon_fee.yaml")
    raw = read_yaml(path, what="carbon-fee rules")
    try:
        doc = _FeeFile.model_validate(raw)
    except ValidationError as exc:
        raise DataFileError(f"{path}: invalid carbon-fee rules\n{exc}") from exc
    _check(doc, dict(load().sources), str(path))
    return tuple(sorted(doc.rule_sets, key=lambda rs: rs.activity_years.first))


def rules(year: int | None = None) -> FeeRules:
    """The carbon-fee rules for activity *year* (AD); None for the newest.

    Parameters
    ----------
    year : int, optional
        The activity year (AD) the emissions are of.

    Returns
    -------
    FeeRules

    Raises
    ------
    PeriodError
        If *year* is not an AD year as int.
    FactorNotFoundError
        If no rule set covers *year*.

    Examples
    --------
    >>> from carbonaudit import fee
    >>> fee.rules(2025).rates["general"].value      # moenv-carbon-fee-rate-2024 一般費率
    300.0
    """
    sets = _shipped()
    if year is None:
        return sets[-1]
    y = _ad_year(year, "year")
    for rs in sets:
        if y in rs.activity_years:
            return rs
    covered = ", ".join(f"{rs.activity_years.first}-{rs.activity_years.last}" for rs in sets)
    raise FactorNotFoundError(
        f"year {y} is not covered by the carbon-fee rules (activity years {covered}): the fee of {y} is not "
        "announced in the data",
        python="give a year the rules cover, or year=None for the newest rules",
        cli="give a --year the rules cover",
    )


# -- results ----------------------------------------------------------------------------------


def _dump_quantity(q: Quantity) -> dict[str, Any]:
    return {"value": float(q.magnitude), "unit": f"{q.units:~}"}


_Q = Annotated[Quantity, PlainSerializer(_dump_quantity)]


class FeeResult(BaseModel):
    """The carbon fee of one plant and one activity year, every step of it.

    Attributes
    ----------
    year : int or None
        The activity year (AD); None when the newest rules were used without a year.
    rules : str
        Id of the rule set used.
    sector : str or None
        The sector given (None: assumed a charged sector).
    annual : Quantity
        Annual emissions, direct plus electricity-indirect [t CO2e].
    liable : bool
        Whether the plant is charged (第3條).
    reason : str
        Why (or why not).
    high_leakage, plan : bool
        Recognised as high carbon-leakage risk; with an approved voluntary reduction plan.
    period : int or None
        The coefficient period (第6條), where the coefficient depends on it.
    k : Quantity
        K [t CO2e] (第5條).
    coefficient : float
        The emission adjustment coefficient (第5條, 第6條).
    chargeable : Quantity
        (annual - K) x coefficient, never negative, rounded half-up to 3 decimals [t CO2e] (第5條).
    offsets_requested, offsets_allowed, offsets_unused : Quantity
        Reduction credits asked for, deducted (at most the cap of 第9條) and not used [t CO2e].
    net : Quantity
        chargeable - offsets_allowed [t CO2e].
    rate_class : str
        ``"general"``, ``"A"`` or ``"B"``.
    rate : Quantity
        [TWD/t].
    fee : Quantity
        net x rate, truncated to a whole NT$ [TWD] (第5條).
    due : str or None
        The last day to pay, ISO date (the end of the due month of the year after); None without a year.
    trace : tuple of FactorTrace
        Every rule value used, with its source, article and status.
    notes : tuple of str
        What the result leaves out (e.g. the deductions of 第7條 and 第8條).
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    year: int | None
    rules: str
    sector: str | None
    annual: _Q
    liable: bool
    reason: str
    high_leakage: bool
    plan: bool
    period: int | None
    k: _Q
    coefficient: float
    chargeable: _Q
    offsets_requested: _Q
    offsets_allowed: _Q
    offsets_unused: _Q
    net: _Q
    rate_class: str
    rate: _Q
    fee: _Q
    due: str | None
    trace: tuple[FactorTrace, ...]
    notes: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return (
            f"FeeResult(fee={fmt(self.fee)}, annual={fmt(self.annual)}, chargeable={fmt(self.chargeable)}, "
            f"rate={self.rate_class} {fmt(self.rate)}, liable={self.liable}, year={self.year}, rules={self.rules!r})"
        )

    def _row(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "liable": self.liable,
            "annual_t": float(self.annual.m_as(_T)),
            "K_t": float(self.k.m_as(_T)),
            "coefficient": self.coefficient,
            "chargeable_t": float(self.chargeable.m_as(_T)),
            "offsets_requested_t": float(self.offsets_requested.m_as(_T)),
            "offsets_allowed_t": float(self.offsets_allowed.m_as(_T)),
            "offsets_unused_t": float(self.offsets_unused.m_as(_T)),
            "net_t": float(self.net.m_as(_T)),
            "rate": self.rate_class,
            "rate_TWD_per_t": float(self.rate.m_as(_TWD_PER_T)),
            "fee_TWD": float(self.fee.m_as(_TWD)),
        }

    def to_frame(self) -> Any:
        """The steps as one row of a pandas DataFrame (t CO2e, TWD/t, TWD columns).

        Examples
        --------
        >>> from carbonaudit import Q_, fee
        >>> fee.carbon_fee(Q_(30_000, "t"), year=2025).to_frame()[["chargeable_t", "fee_TWD"]]
           chargeable_t    fee_TWD
        0        5000.0  1500000.0
        """
        pd = require("pandas", "FeeResult.to_frame")
        return pd.DataFrame([self._row()])

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(fmt(v))}</td></tr>"
            for k, v in self._row().items()
        )
        trace = "".join(f"<li>{html.escape(str(t))}</li>" for t in self.trace)
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return (
            f"<b>FeeResult</b> {html.escape(self.reason)}<table>{rows}</table>"
            f"<details><summary>rules</summary><ul>{trace}</ul></details>" + (f"<ul>{notes}</ul>" if notes else "")
        )


class FeeComparison(BaseModel):
    """The fee of one plant under each option (:func:`compare`), by option label.

    Attributes
    ----------
    results : dict of str to FeeResult
        ``"general"``, ``"A"``, ``"B"``, ``"A+high-leakage"``, ``"B+high-leakage"``.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    results: dict[str, FeeResult]

    def __getitem__(self, option: str) -> FeeResult:
        found = self.results.get(option) if isinstance(option, str) else None
        if found is None:
            raise FactorNotFoundError(f"option must be one of {', '.join(self.results)}, got {option!r}")
        return found

    def to_frame(self) -> Any:
        """One row per option (index: the option), the columns of :meth:`FeeResult.to_frame`."""
        pd = require("pandas", "FeeComparison.to_frame")
        return pd.DataFrame([r._row() for r in self.results.values()], index=list(self.results))

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{html.escape(fmt(r.chargeable))}</td><td>{html.escape(fmt(r.fee))}</td></tr>"
            for k, r in self.results.items()
        )
        return f"<b>FeeComparison</b><table><tr><th>option</th><th>chargeable</th><th>fee</th></tr>{rows}</table>"


# -- the engines ------------------------------------------------------------------------------


def _trace(rs: FeeRules, name: str, fv: FactorValue, sources: dict[str, Source]) -> FactorTrace:
    return FactorTrace(
        name=name,
        value=fv.value,
        unit=fv.unit,
        status=fv.status,
        source=fv.source,
        citation=sources[fv.source].cite(fv.table),
        note=fv.note,
    )


def _sources() -> dict[str, Source]:
    from .factors import load

    return dict(load().sources)


def _bool(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return value


def _sector(value: object, rs: FeeRules) -> str | None:
    """The sector key (English key or Chinese name), ``"other"`` for a sector that is not charged."""
    if value is None:
        return None
    if isinstance(value, str):
        key = value.strip()
        for k, s in rs.sectors.items():
            if key.lower() == k or key in (s.zh, s.en):
                return k
        if key.lower() == "other":
            return "other"
    raise FactorNotFoundError(
        f"sector must be one of {', '.join(repr(k) for k in rs.sectors)} (or their names "
        f"{', '.join(s.zh for s in rs.sectors.values())}), or 'other' for a sector that is not charged; got "
        f"{type(value).__name__} {value!r}"
    )


def _liability(annual: float, sector: str | None, rs: FeeRules) -> tuple[bool, str]:
    threshold = rs.threshold.value
    if sector == "other":
        return False, "not charged: the fee is charged to power, gas-supply and manufacturing plants only (第3條)"
    if annual < threshold:
        return False, (
            f"not charged: annual emissions {annual:,.6g} t CO2e are below the threshold of {threshold:,.6g} t CO2e "
            "(第3條)"
        )
    who = f"a {rs.sectors[sector].en} plant" if sector else "a plant of a charged sector"
    return True, f"charged: {who} with annual emissions {annual:,.6g} t CO2e >= {threshold:,.6g} t CO2e (第3條)"


def liable(emissions: Quantity, sector: str | None = None, *, year: int | None = None) -> FeeResult:
    """Whether a plant is charged the carbon fee, and why (moenv-carbon-fee-2024 第3條).

    A power, gas-supply or manufacturing plant whose direct plus electricity-indirect emissions
    (steam not included) reach the threshold (25,000 t CO2e a year) is charged.

    Parameters
    ----------
    emissions : Quantity
        The plant's annual emissions [t CO2e, any mass unit].
    sector : str, optional
        ``"power"``, ``"gas"``, ``"manufacturing"`` (or 電力業, 燃氣供應業, 製造業), or ``"other"``;
        None assumes a charged sector.
    year : int, optional
        The activity year (AD); None for the newest rules.

    Returns
    -------
    FeeResult
        With the general rate and no offsets; ``liable`` and ``reason`` answer the question.

    Raises
    ------
    UnitsError
        If *emissions* is not a mass Quantity.
    InvalidValueError
        If *emissions* is negative, NaN or infinite.
    FactorNotFoundError
        For an unknown sector or a year the rules do not cover.

    Examples
    --------
    >>> from carbonaudit import Q_, fee
    >>> r = fee.liable(Q_(24_999, "t"), "manufacturing")
    >>> r.liable, r.reason
    (False, 'not charged: annual emissions 24,999 t CO2e are below the threshold of 25,000 t CO2e (第3條)')
    """
    return carbon_fee(emissions, sector=sector, year=year)


def _chargeable(
    annual: float, liable_: bool, high_leakage: bool, plan: bool, period: int | None, rs: FeeRules
) -> tuple[float, FactorValue, str, FactorValue, str, int | None]:
    """(chargeable [t], K value, its name, coefficient value, its name, period used)."""
    k, k_name = (rs.k_high_leakage, "k_high_leakage") if high_leakage else (rs.k, "k")
    if high_leakage and plan:
        used = 1 if period is None else period
        coef, coef_name = rs.coefficients_high_leakage[used], f"coefficients_high_leakage.{used}"
    else:
        used = None
        coef, coef_name = rs.coefficient, "coefficient"
    if not liable_:
        return 0.0, k, k_name, coef, coef_name, used
    exact = max(Decimal(repr(annual)) - Decimal(repr(k.value)), Decimal(0)) * Decimal(repr(coef.value))
    step = Decimal(1).scaleb(-int(rs.chargeable_decimals.value))
    return float(exact.quantize(step, rounding=ROUND_HALF_UP)), k, k_name, coef, coef_name, used


def _period(period: object, high_leakage: bool, plan: bool, rs: FeeRules) -> int | None:
    if period is None:
        return None
    known = sorted(rs.coefficients_high_leakage)
    if isinstance(period, bool) or not isinstance(period, int) or period not in rs.coefficients_high_leakage:
        raise InvalidValueError(
            f"period must be one of {', '.join(map(str, known))} (the periods of 第6條), got "
            f"{type(period).__name__} {period!r}"
        )
    if not (high_leakage and plan):
        raise InvalidValueError(
            f"period {period} applies only to a high carbon-leakage plant with an approved reduction plan (第6條); "
            "without both the coefficient is 1",
            python="pass high_leakage=True with rate='A' or 'B' (or plan=True), or leave period out",
            cli="give --high-leakage with --rate A or B, or leave --period out",
        )
    return int(period)


def chargeable(
    emissions: Quantity,
    *,
    high_leakage: bool = False,
    plan: bool = False,
    period: int | None = None,
    sector: str | None = None,
    year: int | None = None,
) -> Quantity:
    """The chargeable emissions (收費排放量) of a plant [t CO2e] (moenv-carbon-fee-2024 第5條, 第6條).

    ``(annual - K) x coefficient``, rounded half-up to 3 decimals; 0 for a plant that is not
    charged. K is 25,000 t CO2e, or 0 for a high carbon-leakage plant; the coefficient is 1, or
    0.2 / 0.4 / 0.6 by period for a high-leakage plant with an approved reduction plan.

    Parameters
    ----------
    emissions : Quantity
        Annual emissions, direct plus electricity-indirect [t CO2e, any mass unit].
    high_leakage : bool, default False
        Recognised as high carbon-leakage risk.
    plan : bool, default False
        With an approved voluntary reduction plan (自主減量計畫).
    period : int, optional
        1, 2 or 3 (第6條); only with ``high_leakage`` and ``plan``; None is the first.
    sector : str, optional
        As in :func:`liable`.
    year : int, optional
        The activity year (AD); None for the newest rules.

    Returns
    -------
    Quantity
        [t].

    Raises
    ------
    UnitsError, InvalidValueError, FactorNotFoundError, PeriodError
        As in :func:`carbon_fee`.

    Examples
    --------
    >>> from carbonaudit import Q_, fee
    >>> fee.chargeable(Q_(40_000, "t"), high_leakage=True, plan=True, period=1)   # 40,000 x 0.2
    <Quantity(8000.0, 'metric_ton')>
    """
    rs = rules(year)
    annual = scalar_magnitude(emissions, _T, "emissions")
    hl, pl = _bool(high_leakage, "high_leakage"), _bool(plan, "plan")
    used = _period(period, hl, pl, rs)
    is_liable, _ = _liability(annual, _sector(sector, rs), rs)
    return ureg.Quantity(_chargeable(annual, is_liable, hl, pl, used, rs)[0], _T)


def carbon_fee(
    emissions: Quantity,
    *,
    rate: str = "general",
    high_leakage: bool = False,
    plan: bool | None = None,
    period: int | None = None,
    offsets: Quantity | None = None,
    sector: str | None = None,
    year: int | None = None,
) -> FeeResult:
    """The carbon fee of a plant for one activity year, with every step and rule value traced.

    ``fee = (chargeable - offsets allowed) x rate``, truncated to a whole NT$
    (moenv-carbon-fee-2024 第5條); the offsets allowed are at most 10 % of the chargeable
    emissions (第9條); the rates are those of moenv-carbon-fee-rate-2024.

    Parameters
    ----------
    emissions : Quantity
        Annual emissions, direct plus electricity-indirect [t CO2e, any mass unit].
    rate : {"general", "A", "B"}, default "general"
        The rate class: A and B need an approved voluntary reduction plan that meets its target.
    high_leakage : bool, default False
        Recognised as high carbon-leakage risk (K = 0).
    plan : bool, optional
        With an approved voluntary reduction plan; None means "with one" for rates A and B and
        "without" for the general rate. ``plan=False`` with rate A or B is refused.
    period : int, optional
        1, 2 or 3: the coefficient period of a high-leakage plant with a plan (第6條); None is 1.
    offsets : Quantity, optional
        Reduction credits to deduct [t CO2e], as counted (a credit's weighting of 第9條 already
        applied); at most 10 % of the chargeable emissions is deducted, the rest reported unused.
    sector : str, optional
        As in :func:`liable`; None assumes a charged sector.
    year : int, optional
        The activity year (AD): it sets the rules and the due date; None for the newest rules.

    Returns
    -------
    FeeResult

    Raises
    ------
    UnitsError
        If *emissions* or *offsets* is a bare number or not a mass (e.g. kWh); the message names it.
    InvalidValueError
        Negative, NaN or infinite *emissions* or *offsets*; *high_leakage* or *plan* not a bool;
        *period* not 1, 2 or 3, or given where no period applies; rate A/B with ``plan=False``.
    FactorNotFoundError
        A *rate* other than general, A or B; an unknown *sector*; a *year* the rules do not cover.
    PeriodError
        A *year* that is not an AD year as int.

    Examples
    --------
    >>> from carbonaudit import Q_, fee
    >>> r = fee.carbon_fee(Q_(40_000, "t"), rate="A", high_leakage=True, period=1, year=2025)
    >>> r.chargeable, r.fee, r.due       # 40,000 x 0.2 = 8,000 t; x NT$50
    (<Quantity(8000.0, 'metric_ton')>, <Quantity(400000.0, 'new_taiwan_dollar')>, '2026-05-31')
    """
    rs = rules(year)
    sources = _sources()
    annual = scalar_magnitude(emissions, _T, "emissions")
    requested = 0.0 if offsets is None else scalar_magnitude(offsets, _T, "offsets")
    if not isinstance(rate, str) or rate not in rs.rates:
        raise FactorNotFoundError(
            f"rate must be one of {', '.join(repr(r) for r in rs.rates)}, got {type(rate).__name__} {rate!r}"
        )
    hl = _bool(high_leakage, "high_leakage")
    preferential = rate != "general"
    pl = preferential if plan is None else _bool(plan, "plan")
    if preferential and not pl:
        raise InvalidValueError(
            f"rate {rate!r} applies only with an approved voluntary reduction plan, got plan=False",
            python="pass rate='general', or plan=True",
            cli="give --rate general",
        )
    sector_key = _sector(sector, rs)
    used_period = _period(period, hl, pl, rs)
    is_liable, reason = _liability(annual, sector_key, rs)
    charge, k, k_name, coef, coef_name, used_period = _chargeable(annual, is_liable, hl, pl, used_period, rs)

    cap = Decimal(repr(charge)) * Decimal(repr(rs.offset_cap.value))
    allowed = min(Decimal(repr(requested)), cap)
    net = Decimal(repr(charge)) - allowed
    rate_value = rs.rates[rate]
    fee = (net * Decimal(repr(rate_value.value))).to_integral_value(rounding=ROUND_FLOOR)

    notes = [
        "annual emissions are taken as given: the deductions of 第7條 (incremental offsets) and 第8條 "
        "(a power producer's supply) are not applied"
    ]
    unused = Decimal(repr(requested)) - allowed
    if unused > 0:
        notes.append(
            f"offsets of {float(unused):,.6g} t CO2e not used: at most {rs.offset_cap.value:.0%} of the chargeable "
            f"emissions ({float(cap):,.6g} t CO2e) may be deducted (第9條)"
        )
    trace_of = [("threshold", rs.threshold), (k_name, k), (coef_name, coef)]
    trace_of += [("chargeable_decimals", rs.chargeable_decimals), ("offset_cap", rs.offset_cap)]
    trace_of += [(f"rates.{rate}", rate_value), ("due_month", rs.due_month)]
    due_month = int(rs.due_month.value)
    due = None
    if year is not None:
        import calendar

        y = _ad_year(year, "year") + 1
        due = f"{y:04d}-{due_month:02d}-{calendar.monthrange(y, due_month)[1]:02d}"
    return FeeResult(
        year=None if year is None else _ad_year(year, "year"),
        rules=rs.id,
        sector=sector_key,
        annual=ureg.Quantity(annual, _T),
        liable=is_liable,
        reason=reason,
        high_leakage=hl,
        plan=pl,
        period=used_period,
        k=ureg.Quantity(k.value, _T),
        coefficient=coef.value,
        chargeable=ureg.Quantity(charge, _T),
        offsets_requested=ureg.Quantity(requested, _T),
        offsets_allowed=ureg.Quantity(float(allowed), _T),
        offsets_unused=ureg.Quantity(float(unused), _T),
        net=ureg.Quantity(float(net), _T),
        rate_class=rate,
        rate=ureg.Quantity(rate_value.value, _TWD_PER_T),
        fee=ureg.Quantity(float(fee), _TWD),
        due=due,
        trace=tuple(_trace(rs, name, fv, sources) for name, fv in trace_of),
        notes=tuple(notes),
    )


def compare(
    emissions: Quantity,
    *,
    period: int | None = None,
    offsets: Quantity | None = None,
    sector: str | None = None,
    year: int | None = None,
) -> FeeComparison:
    """The fee of a plant under each option side by side: what a reduction plan is worth.

    The options: the general rate; rates A and B (an approved plan meeting its target); A and B
    with high carbon-leakage recognition (K = 0 and the coefficient of *period*).

    Parameters
    ----------
    emissions, offsets, sector, year
        As in :func:`carbon_fee`.
    period : int, optional
        The coefficient period of the high-leakage options (第6條); None is 1.

    Returns
    -------
    FeeComparison

    Raises
    ------
    UnitsError, InvalidValueError, FactorNotFoundError, PeriodError
        As in :func:`carbon_fee`.

    Examples
    --------
    >>> from carbonaudit import Q_, fee
    >>> c = fee.compare(Q_(40_000, "t"), year=2025)
    >>> [f"{label}: {r.fee.m:,.0f}" for label, r in c.results.items()]
    ['general: 4,500,000', 'A: 750,000', 'B: 1,500,000', 'A+high-leakage: 400,000', 'B+high-leakage: 800,000']
    """
    results = {
        label: carbon_fee(
            emissions,
            rate=rate,
            high_leakage=hl,
            period=period if hl else None,
            offsets=offsets,
            sector=sector,
            year=year,
        )
        for label, rate, hl in _OPTIONS
    }
    return FeeComparison(results=results)
