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

import calendar
import functools
import html
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, ValidationError

from ._batch import combinations, numbers, packed, require_columns, row_label
from ._data import data_path, read_yaml
from ._optional import require
from .errors import CarbonAuditError, DataFileError, FactorNotFoundError, Finding, InvalidValueError, UnitsError
from .factors.models import ActivityYears, FactorTrace, FactorValue, Source, _check_citation
from .periods import _ad_year
from .units import Quantity, parse_unit, scalar_magnitude, ureg

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from .inventory.compute import Inventory, Line

__all__ = [
    "FRAME_COLUMNS",
    "FeeComparison",
    "FeeResult",
    "FeeRules",
    "carbon_fee",
    "chargeable",
    "compare",
    "frame",
    "from_inventory",
    "liable",
    "rules",
]

_T = ureg.Unit("t")
_TWD = ureg.Unit("TWD")
_TWD_PER_T = ureg.Unit("TWD/t")
_OPTIONS = (  # compare(): (label, rate, high_leakage)
    ("general", "general", False),
    ("A", "A", False),
    ("B", "B", False),
    ("general+high-leakage", "general", True),
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
            if ureg.Unit(v.unit).dimensionality != want.dimensionality:  # FactorValue refuses a negative itself
                raise DataFileError(f"{where}.{name}: must be in units like {want:~}, got {v.value!r} {v.unit!r}")
        if set(rs.rates) != {"general", "A", "B"}:
            raise DataFileError(f"{where}.rates: must be general, A and B, got {sorted(rs.rates)}")
        if not rs.coefficients_high_leakage or min(rs.coefficients_high_leakage) != 1:
            raise DataFileError(f"{where}.coefficients_high_leakage: periods must start at 1")
        if not 0 < rs.offset_cap.value <= 1:
            raise DataFileError(f"{where}.offset_cap: must be in (0, 1], got {rs.offset_cap.value!r}")
        if not (1 <= rs.due_month.value <= 12 and float(rs.due_month.value).is_integer()):
            raise DataFileError(f"{where}.due_month: must be a month 1-12, got {rs.due_month.value!r}")
        if not (0 <= rs.chargeable_decimals.value <= _A_DECIMALS and float(rs.chargeable_decimals.value).is_integer()):
            raise DataFileError(
                f"{where}.chargeable_decimals: must be a whole number 0-{_A_DECIMALS}, got {rs.chargeable_decimals.value!r}"
            )
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


def _cell_text(column: str, value: object) -> str:
    """A value of :meth:`FeeResult.to_frame` as the HTML view shows it: every digit a fee has (10 significant)."""
    if column == "year" or not isinstance(value, float):
        return str(value)  # a year is not a quantity: 2025, not 2,025
    return f"{value:,.10g}"


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
    plant : str or None
        The plant's organisation id (:func:`from_inventory`).
    findings : tuple of Finding
        What :func:`from_inventory` found in the inventory (incomplete, mixed years ...).
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
    plant: str | None = None
    findings: tuple[Finding, ...] = ()

    def __repr__(self) -> str:
        return (
            f"FeeResult(fee={self.fee.m:,.0f} TWD, annual={self.annual.m:,.6g} t, chargeable={self.chargeable.m:,.6g} t, "
            f"rate={self.rate_class} {self.rate.m:,.6g} TWD/t, liable={self.liable}, year={self.year}, rules={self.rules!r})"
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
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(_cell_text(k, v))}</td></tr>"
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
        ``"general"``, ``"A"``, ``"B"`` (without high-leakage recognition) and
        ``"general+high-leakage"``, ``"A+high-leakage"``, ``"B+high-leakage"`` (recognised, with an
        approved plan: K = 0 and the coefficient of the period).
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
            f"<tr><td>{html.escape(k)}</td><td>{r.chargeable.m:,.10g} t</td><td>{r.fee.m:,.0f} TWD</td></tr>"
            for k, r in self.results.items()
        )
        return f"<b>FeeComparison</b><table><tr><th>option</th><th>chargeable</th><th>fee</th></tr>{rows}</table>"


# -- the engines ------------------------------------------------------------------------------


def _trace(name: str, fv: FactorValue, sources: dict[str, Source]) -> FactorTrace:
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
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidValueError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return bool(value)


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


def _reason(annual: float, liable_: bool, sector: str | None, rs: FeeRules) -> str:
    threshold = rs.threshold.value
    if sector == "other":
        return "not charged: the fee is charged to power, gas-supply and manufacturing plants only (第3條)"
    if not liable_:
        return (
            f"not charged: annual emissions {annual:,.6g} t CO2e are below the threshold of {threshold:,.6g} t CO2e "
            "(第3條)"
        )
    if sector:
        en = rs.sectors[sector].en
        who = f"{'an' if en[:1].lower() in 'aeiou' else 'a'} {en} plant"
    else:
        who = "a plant of a charged sector"
    return f"charged: {who} with annual emissions {annual:,.6g} t CO2e >= {threshold:,.6g} t CO2e (第3條)"


@dataclass(frozen=True)
class _Option:
    """One checked combination of a plant's options, with the rule values it takes."""

    sector: str | None
    charged_sector: bool
    rate_class: str
    high_leakage: bool
    plan: bool
    period: int | None
    k_name: str
    k: FactorValue
    coef_name: str
    coef: FactorValue
    rate: FactorValue


def _option(
    rs: FeeRules, *, rate: object, high_leakage: object, plan: object, period: object, sector: object
) -> _Option:
    """Check one combination of options (the one place: :func:`carbon_fee` and :func:`frame` call it)."""
    if not isinstance(rate, str) or rate not in rs.rates:
        raise FactorNotFoundError(
            f"rate must be one of {', '.join(repr(r) for r in rs.rates)}, got {type(rate).__name__} {rate!r}",
            python="rate='general', 'A' or 'B'",
            cli="--rate general, A or B",
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
    used: int | None = None
    if period is not None:
        known = sorted(rs.coefficients_high_leakage)
        if isinstance(period, (bool, np.bool_)) or not isinstance(period, (int, np.integer)):
            used = -1
        else:
            used = int(period)
        if used not in rs.coefficients_high_leakage:
            raise InvalidValueError(
                f"period must be one of {', '.join(map(str, known))} (the periods of 第6條), got "
                f"{type(period).__name__} {period!r}",
                python=f"period={known[0]}",
                cli=f"--period {known[0]}",
            )
        if not (hl and pl):
            raise InvalidValueError(
                f"period {used} applies only to a high carbon-leakage plant with an approved reduction plan "
                "(第6條); without both the coefficient is 1",
                python="pass high_leakage=True with rate='A' or 'B' (or plan=True), or leave period out",
                cli="give --high-leakage with --rate A or B (or --plan), or leave --period out",
            )
    k, k_name = (rs.k_high_leakage, "k_high_leakage") if hl else (rs.k, "k")
    if hl and pl:
        used = min(rs.coefficients_high_leakage) if used is None else used
        coef, coef_name = rs.coefficients_high_leakage[used], f"coefficients_high_leakage.{used}"
    else:
        coef, coef_name = rs.coefficient, "coefficient"
    return _Option(
        sector=sector_key,
        charged_sector=sector_key != "other",
        rate_class=rate,
        high_leakage=hl,
        plan=pl,
        period=used,
        k_name=k_name,
        k=k,
        coef_name=coef_name,
        coef=coef,
        rate=rs.rates[rate],
    )


# The arithmetic of 第5條 and 第9條, exact: every float is read as the decimal it prints as
# (``repr``); the chargeable emissions are rounded half-up to the rules' decimals, the fee is
# truncated to a whole NT$. Two steps, each exact:
#   1. the chargeable emissions, a whole number of 10**-d t: for annual emissions with at most
#      _A_DECIMALS decimals, in whole numbers held exactly in float64 (below 2**53, where a
#      correctly rounded quotient is never rounded across an integer); for others in float64, and
#      the rare rows within the float's error of a half recomputed in fractions (_exact_charge);
#   2. the fee from those whole numbers: the same, with offsets of at most _R_DECIMALS decimals in
#      whole numbers, others in float64 checked near an integer (_exact_fee).
# The float results differ from the exact ones by at most 2.5 eps times the magnitudes involved
# (a float read as its decimal: half an ulp; each operation: half an ulp of its result); a row
# within 4 eps of them of a boundary is recomputed.
# Fractions, not Decimal: a Decimal context rounds to 28 digits (1 - 5e-189 would be 1 again).
_A_DECIMALS = 6  # annual emissions to the gram
_A_LIMIT = 4e8  # [t]: whole numbers of grams below it stay below 2**53 after the coefficient
_R_DECIMALS = 3  # offsets to the kilogram
_R_LIMIT = 1e9  # [t]
_WHOLE = 2.0**53  # float64 holds every integer below it
_EPS = float(np.finfo(np.float64).eps)


def _frac(value: float) -> Fraction:
    """The decimal a float prints as, exactly."""
    return Fraction(repr(float(value)))


def _scaled(values: Any) -> tuple[int, Any]:
    """Rule values as whole numbers over one power of ten: ``(exponent, array)``, value = n / 10**exponent."""
    decs = [Decimal(repr(float(v))).normalize() for v in values]
    exponent = max([0] + [-int(d.as_tuple().exponent) for d in decs])
    return exponent, np.array([float(d.scaleb(exponent)) for d in decs])


def _exact_charge(annual: float, k: float, coef: float, d: int) -> float:
    """The chargeable emissions of one charged plant [10**-d t], half-up, in fractions (第5條)."""
    exact = max(_frac(annual) - _frac(k), Fraction(0)) * _frac(coef) * 10**d
    return float(math.floor(exact + Fraction(1, 2)))  # half-up: never negative


def _exact_fee(charge: float, requested: float, rate: float, cap: float, d: int) -> float:
    """The fee [TWD] of *charge* [10**-d t, whole] less the offsets allowed (第9條), truncated (第5條)."""
    exact = Fraction(int(charge), 10**d)
    allowed = min(_frac(requested), exact * _frac(cap))
    return float(math.floor((exact - allowed) * _frac(rate)))


def _charge(annual: Any, liable: Any, k: Any, coef: Any, k_c: Any, coef_c: Any, d: int) -> Any:
    """Step 1: the chargeable emissions of every plant [10**-d t, whole numbers in float64]; 0 where not liable.

    *k* [t] and *coef* are per plant, *k_c* and *coef_c* the distinct values among them.
    """
    mc, cn_c = _scaled(coef_c)
    scale = 10.0**_A_DECIMALS
    div = 10.0 ** (_A_DECIMALS + mc - d)
    fits = (
        div >= 1 and _A_LIMIT * scale * max(cn_c, default=1.0) + div < _WHOLE and max(k_c, default=0.0) * scale < _WHOLE
    )
    c = np.zeros(annual.shape)
    if not (fits and annual.size):
        rest: Any = np.flatnonzero(liable)
    else:  # in place where it can be: fresh 8 MB arrays cost page faults
        with np.errstate(invalid="ignore", over="ignore"):
            whole = np.multiply(annual, scale)
            np.rint(whole, out=whole)
            short = np.divide(whole, scale, out=c) == annual
            if not annual.max() <= _A_LIMIT:
                short &= annual <= _A_LIMIT
        rows: Any = slice(None) if short.all() else np.flatnonzero(short & liable)
        part = np.multiply(k[rows], -scale)
        part += whole[rows]
        np.maximum(part, 0.0, out=part)
        cn = np.multiply(coef[rows], 10.0**mc)
        np.rint(cn, out=cn)  # the coefficient as a whole number: exact, its decimals are few
        part *= cn  # [10**-(A_DECIMALS + mc) t]
        if div > 1:  # half-up to [10**-d t]
            part += div / 2
            part /= div
            np.floor(part, out=part)
        if isinstance(rows, slice):
            part *= liable  # a plant not charged: 0
            return part
        c[:] = 0.0
        c[rows] = part
        rest = np.flatnonzero(liable & ~short)
    if rest.size:
        a, kk, cf = annual[rest], k[rest], coef[rest]
        with np.errstate(over="ignore", invalid="ignore"):
            s = np.maximum(a - kk, 0.0) * cf * 10.0**d
            near = (np.abs(s - np.floor(s) - 0.5) <= 4 * _EPS * (a + kk) * cf * 10.0**d) | (s >= 2.0**52)
            c[rest] = np.floor(s + 0.5)
        for i in rest[near]:  # rare: within the float's error of a half
            c[i] = _exact_charge(annual[i], k[i], coef[i], d)
    return c


def _fee(c: Any, requested: Any, rate: Any, rate_c: Any, rs: FeeRules) -> Any:
    """Step 2: the fee of every plant [TWD] from its chargeable emissions *c* [10**-d t, whole].

    *rate* [TWD/t] is per plant, *rate_c* the distinct rates among them.
    """
    d = int(rs.chargeable_decimals.value)
    cap = rs.offset_cap.value
    mr, rn_c = _scaled(rate_c)
    mp, (pn,) = _scaled([cap])
    lev = max(d + mp, _R_DECIMALS)  # allowed and net in [10**-lev t]
    c_limit = _WHOLE / (10.0 ** (lev - d) * max(rn_c, default=1.0) * max(pn, 1.0))
    fits = _R_LIMIT * 10.0**lev < _WHOLE and c_limit >= 1
    fee = np.zeros(c.shape)
    if not (fits and c.size):
        rest = np.arange(c.size)
    else:
        scale = 10.0**_R_DECIMALS
        with np.errstate(invalid="ignore", over="ignore"):
            whole = np.multiply(requested, scale)
            np.rint(whole, out=whole)
            short = np.divide(whole, scale, out=fee) == requested
            if not requested.max() <= _R_LIMIT:
                short &= requested <= _R_LIMIT
            if not c.max() < c_limit:
                short &= c < c_limit
        rows: Any = slice(None) if short.all() else np.flatnonzero(short)
        allowed = whole[rows]
        allowed *= 10.0 ** (lev - _R_DECIMALS)
        part = c[rows] * (pn * 10.0 ** (lev - d - mp))
        np.minimum(allowed, part, out=allowed)
        np.multiply(c[rows], 10.0 ** (lev - d), out=part)
        part -= allowed
        rn = np.multiply(rate[rows], 10.0**mr)
        np.rint(rn, out=rn)
        part *= rn
        part /= 10.0 ** (lev + mr)
        np.floor(part, out=part)
        if isinstance(rows, slice):
            return part
        fee[:] = 0.0
        fee[rows] = part
        rest = np.flatnonzero(~short)
    if rest.size:
        ch, r, rt = c[rest] / 10.0**d, requested[rest], rate[rest]
        with np.errstate(over="ignore", invalid="ignore"):
            capped = ch * cap
            f = (ch - np.minimum(r, capped)) * rt
            whole = np.floor(f)
            tol = 4 * _EPS * (ch + r) * rt
            near = (f - whole <= tol) | (whole + 1 - f <= tol) | (f >= 2.0**52)
            near |= np.abs(r - capped) <= 4 * _EPS * (r + capped)
        fee[rest] = whole
        for i in rest[near]:  # rare: within the float's error of a whole NT$
            fee[i] = _exact_fee(c[i], requested[i], rate[i], cap, d)
    return fee


def _kernel(
    annual: Any,
    requested: Any,
    liable: Any,
    k: Any,
    coef: Any,
    rate: Any,
    rs: FeeRules,
    distinct: tuple[Any, Any, Any] | None = None,
) -> dict[str, Any]:
    """Chargeable emissions, offsets and fee of every plant.

    Every argument is per plant: annual emissions and offsets [t], liable, K [t], coefficient and
    rate [TWD/t]; *distinct* holds the distinct values of K, the coefficient and the rate (found
    here when not given).
    """
    d = int(rs.chargeable_decimals.value)
    k_c, coef_c, rate_c = distinct if distinct is not None else (np.unique(k), np.unique(coef), np.unique(rate))
    c = _charge(annual, liable, k, coef, k_c, coef_c, d)
    fee = _fee(c, requested, rate, rate_c, rs)
    charge = c
    charge /= 10.0**d
    allowed = np.minimum(requested, charge * rs.offset_cap.value)
    return {
        "chargeable": charge,
        "allowed": allowed,
        "unused": requested - allowed,
        "net": charge - allowed,
        "fee": fee,
    }


def _year_of(year: object) -> int | None:
    return None if year is None else _ad_year(year, "year")


def _due(rs: FeeRules, year: int | None) -> str | None:
    """The last day to pay: the end of the due month of the year after *year* (第4條)."""
    if year is None:
        return None
    month = int(rs.due_month.value)
    return f"{year + 1:04d}-{month:02d}-{calendar.monthrange(year + 1, month)[1]:02d}"


def _notes(rs: FeeRules, opt: _Option, liable_: bool, unused: float, capped: float) -> tuple[str, ...]:
    notes = [
        "annual emissions are taken as given: the deductions of 第7條 (incremental offsets) and 第8條 "
        "(a power producer's supply) are not applied"
    ]
    if unused > 0:
        notes.append(
            f"offsets of {unused:,.10g} t CO2e not used: at most {rs.offset_cap.value:.0%} of the chargeable "
            f"emissions ({capped:,.10g} t CO2e) may be deducted (第9條)"
        )
    if liable_ and opt.high_leakage and not opt.plan:
        notes.append(
            "high carbon-leakage without an approved reduction plan: K is 0 (第5條) but the coefficient stays "
            f"{rs.coefficient.value:g} (第6條 needs the plan too), so the recognition raises the fee"
        )
    return tuple(notes)


def _result(
    rs: FeeRules,
    opt: _Option,
    annual: float,
    requested: float,
    year: int | None,
    findings: tuple[Finding, ...] = (),
) -> FeeResult:
    liable_ = opt.charged_sector and annual >= rs.threshold.value
    out = _kernel(
        np.array([annual]),
        np.array([requested]),
        np.array([liable_]),
        np.array([opt.k.value]),
        np.array([opt.coef.value]),
        np.array([opt.rate.value]),
        rs,
    )
    charge, allowed, unused, net, fee = (
        float(out[key][0]) for key in ("chargeable", "allowed", "unused", "net", "fee")
    )
    sources = _sources()
    trace_of = [("threshold", rs.threshold), (opt.k_name, opt.k), (opt.coef_name, opt.coef)]
    trace_of += [("chargeable_decimals", rs.chargeable_decimals), ("offset_cap", rs.offset_cap)]
    trace_of += [(f"rates.{opt.rate_class}", opt.rate), ("due_month", rs.due_month)]
    return FeeResult(
        year=year,
        rules=rs.id,
        sector=opt.sector,
        annual=ureg.Quantity(annual, _T),
        liable=liable_,
        reason=_reason(annual, liable_, opt.sector, rs),
        high_leakage=opt.high_leakage,
        plan=opt.plan,
        period=opt.period,
        k=ureg.Quantity(opt.k.value, _T),
        coefficient=opt.coef.value,
        chargeable=ureg.Quantity(charge, _T),
        offsets_requested=ureg.Quantity(requested, _T),
        offsets_allowed=ureg.Quantity(allowed, _T),
        offsets_unused=ureg.Quantity(unused, _T),
        net=ureg.Quantity(net, _T),
        rate_class=opt.rate_class,
        rate=ureg.Quantity(opt.rate.value, _TWD_PER_T),
        fee=ureg.Quantity(fee, _TWD),
        due=_due(rs, year),
        trace=tuple(_trace(name, fv, sources) for name, fv in trace_of),
        notes=_notes(rs, opt, liable_, unused, charge * rs.offset_cap.value),
        findings=findings,
    )


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


def chargeable(
    emissions: Quantity,
    *,
    high_leakage: bool = False,
    plan: bool | None = None,
    period: int | None = None,
    sector: str | None = None,
    year: int | None = None,
) -> Quantity:
    """The chargeable emissions (收費排放量) of a plant [t CO2e] (moenv-carbon-fee-2024 第5條, 第6條).

    ``(annual - K) x coefficient``, never negative, rounded half-up to 3 decimals; 0 for a plant
    that is not charged. K is 25,000 t CO2e, or 0 for a high carbon-leakage plant; the coefficient
    is 1, or 0.2 / 0.4 / 0.6 by period for a high-leakage plant with an approved reduction plan.

    Parameters
    ----------
    emissions : Quantity
        Annual emissions, direct plus electricity-indirect [t CO2e, any mass unit].
    high_leakage : bool, default False
        Recognised as high carbon-leakage risk.
    plan : bool, optional
        With an approved voluntary reduction plan (自主減量計畫); None is without.
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
    opt = _option(
        rs,
        rate="general",
        high_leakage=high_leakage,
        plan=False if plan is None else plan,
        period=period,
        sector=sector,
    )
    return _result(rs, opt, annual, 0.0, _year_of(year)).chargeable


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
    emissions (第9條); the rates are those of moenv-carbon-fee-rate-2024. The chargeable
    emissions and the fee are exact for the decimals the inputs print as; the offsets allowed
    and unused and the net emissions are float64 values (within an ulp of the decimal ones).

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
        Refused without both (it would change nothing).
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
    annual = scalar_magnitude(emissions, _T, "emissions")
    requested = 0.0 if offsets is None else scalar_magnitude(offsets, _T, "offsets")
    opt = _option(rs, rate=rate, high_leakage=high_leakage, plan=plan, period=period, sector=sector)
    return _result(rs, opt, annual, requested, _year_of(year))


def compare(
    emissions: Quantity,
    *,
    period: int | None = None,
    offsets: Quantity | None = None,
    sector: str | None = None,
    year: int | None = None,
) -> FeeComparison:
    """The fee of a plant under each option side by side: what a reduction plan is worth.

    The options: the general rate (no plan); rates A and B (an approved plan meeting its
    target); and, with high carbon-leakage recognition and an approved plan (K = 0 and the
    coefficient of *period*, 第5條-第6條), the general rate (a plan that meets neither target),
    A and B.

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
    >>> [f"{label}: {r.fee.m:,.0f}" for label, r in c.results.items()]   # doctest: +NORMALIZE_WHITESPACE
    ['general: 4,500,000', 'A: 750,000', 'B: 1,500,000', 'general+high-leakage: 2,400,000',
     'A+high-leakage: 400,000', 'B+high-leakage: 800,000']
    """
    rs = rules(year)
    annual = scalar_magnitude(emissions, _T, "emissions")
    requested = 0.0 if offsets is None else scalar_magnitude(offsets, _T, "offsets")
    y = _year_of(year)
    results = {}
    for label, rate, hl in _OPTIONS:
        opt = _option(
            rs, rate=rate, high_leakage=hl, plan=True if hl else None, period=period if hl else None, sector=sector
        )
        results[label] = _result(rs, opt, annual, requested, y)
    return FeeComparison(results=results)


# -- a table of plants ------------------------------------------------------------------------

FRAME_COLUMNS = (
    "liable",
    "K_t",
    "coefficient",
    "chargeable_t",
    "offsets_allowed_t",
    "offsets_unused_t",
    "net_t",
    "rate_TWD_per_t",
    "fee_TWD",
)
"""The columns :func:`frame` adds, in order."""

_OPTION_COLUMNS = ("sector", "rate", "high_leakage", "plan", "period")
_VALUES: tuple[Callable[[_Option], float], ...] = (lambda o: o.k.value, lambda o: o.coef.value, lambda o: o.rate.value)


def _cell(value: object, name: str) -> object:
    """A cell of an option column as the scalar functions take it: missing is None, 2.0 is 2."""
    pd = require("pandas", "fee.frame")
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return None
    if name == "period" and isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)  # a period column with a missing cell is float64 in pandas
    if isinstance(value, np.generic):
        return value.item()
    return value


def frame(
    df: Any,
    *,
    year: int | None = None,
    emissions: str = "emissions",
    offsets: str = "offsets",
    unit: str = "t",
    sector: str = "sector",
    rate: str = "rate",
    high_leakage: str = "high_leakage",
    plan: str = "plan",
    period: str = "period",
) -> Any:
    """The carbon fee of every plant of a DataFrame, one plant a row (moenv-carbon-fee-2024 第3-6條, 第9條).

    The batch form of :func:`carbon_fee`: every row equals what :func:`carbon_fee` gives for it.
    The rows' distinct combinations of options are few: each is checked once, and the arithmetic
    runs on whole columns (no Python code runs per row). Runs unchanged on each partition of a
    Dask DataFrame (``ddf.map_partitions(fee.frame, year=2025, meta=...)``).

    Parameters
    ----------
    df : pandas.DataFrame
        One plant per row.
    year : int, optional
        The activity year (AD) of every row: it sets the rules; None for the newest rules.
    emissions : str, default "emissions"
        The column of annual emissions, direct plus electricity-indirect [*unit*].
    offsets : str, default "offsets"
        The column of reduction credits to deduct [*unit*]; without it, none.
    unit : str, default "t"
        The unit of the emissions and offsets columns: a mass unit (``"t"``, ``"公噸"``,
        ``"kilotonne"``; ``"kt"`` is pint's knot and refused). Other than t, the columns are
        converted to t first, and the fee is exact for the converted values.
    sector, rate, high_leakage, plan, period : str
        The option columns, as the arguments of :func:`carbon_fee`. A column that is absent takes
        the argument's default (none: a charged sector; ``"general"``; False; by the rate; none);
        a missing cell of *sector*, *plan* or *period* is None. A column named other than its
        default must exist.

    Returns
    -------
    pandas.DataFrame
        *df* with the columns of :data:`FRAME_COLUMNS` added [t CO2e, TWD/t, TWD]. ``attrs``
        holds the rules' id, the year, the due date and, under ``"rules"``, the trace of every
        rule value the rows used.

    Raises
    ------
    InvalidValueError
        For a missing column named by an argument, an emissions or offsets cell that is not a
        number or is negative, NaN or infinite, a missing rate or high_leakage cell, and each
        refusal of :func:`carbon_fee`; the message names the row.
    UnitsError
        If *unit* is not a mass unit.
    FactorNotFoundError
        A rate or sector that is not one, or a *year* the rules do not cover.

    Examples
    --------
    >>> import pandas as pd
    >>> from carbonaudit import fee
    >>> plants = pd.DataFrame({"emissions": [30_000, 24_999, 40_000],
    ...                        "rate": ["general", "general", "A"], "high_leakage": [False, False, True]})
    >>> fee.frame(plants, year=2025)[["chargeable_t", "fee_TWD"]]    # 5,000 x 300; none; 40,000 x 0.2 x 50
       chargeable_t    fee_TWD
    0        5000.0  1500000.0
    1           0.0        0.0
    2        8000.0   400000.0
    """
    pd = require("pandas", "fee.frame")
    rs = rules(year)
    y = _year_of(year)
    defaults = dict(zip(_OPTION_COLUMNS, _OPTION_COLUMNS, strict=True)) | {"offsets": "offsets"}
    named = {"sector": sector, "rate": rate, "high_leakage": high_leakage, "plan": plan, "period": period}
    require_columns(df, emissions=emissions)
    for what, column in (named | {"offsets": offsets}).items():
        if column != defaults[what]:
            require_columns(df, **{what: column})
    one = ureg.Quantity(1.0, parse_unit(unit))
    if not one.check("[mass]"):
        raise UnitsError(
            f"unit must be a mass unit such as 't' or 'kilotonne' (the columns' t CO2e), got {unit!r} ({one.units:~})"
        )
    to_t = float(one.m_as(_T))
    annual = numbers(df, emissions, "annual emissions")
    requested = numbers(df, offsets, "offsets") if offsets in df.columns else np.zeros(len(df))
    if to_t != 1.0:
        annual, requested = annual * to_t, requested * to_t

    present = [column for column in named.values() if column in df.columns]
    found = packed(df, present)
    if found is None:  # too many combinations to pack: number them
        key_of_row, some = combinations(df, present)
    else:
        key_of_row, some = found
    opts: dict[int, _Option] = {}
    for key in np.flatnonzero(some >= 0):
        position = int(some[key])
        cells = {what: _cell(df[column].iloc[position], what) for what, column in named.items() if column in df.columns}
        args: dict[str, object] = {
            "rate": "general",
            "high_leakage": False,
            "plan": None,
            "period": None,
            "sector": None,
        }
        args.update(cells)
        try:
            for what in ("rate", "high_leakage"):
                if what in cells and cells[what] is None:
                    raise InvalidValueError(
                        f"{what} is missing: give {'general, A or B' if what == 'rate' else 'True or False'}"
                    )
            opts[int(key)] = _option(rs, **args)
        except CarbonAuditError as exc:
            where = row_label(df, key_of_row == key)
            said = ", ".join(f"{named[w]}={v!r}" for w, v in cells.items())
            raise exc.within(f"df {where} ({said}): ") from exc

    def per_row(value: Callable[[_Option], float | bool], dtype: Any) -> Any:
        table = np.zeros(some.size, dtype=dtype)
        table[list(opts)] = [value(o) for o in opts.values()]
        return table.take(key_of_row)

    k_t = per_row(lambda o: o.k.value, np.float64)
    coef = per_row(lambda o: o.coef.value, np.float64)
    rate_value = per_row(lambda o: o.rate.value, np.float64)
    liable_ = per_row(lambda o: o.charged_sector, bool)
    liable_ &= annual >= rs.threshold.value
    k_c, coef_c, rate_c = (np.unique([value(o) for o in opts.values()]) for value in _VALUES)
    out = _kernel(annual, requested, liable_, k_t, coef, rate_value, rs, (k_c, coef_c, rate_c))
    new = {
        "liable": liable_,
        "K_t": k_t,
        "coefficient": coef,
        "chargeable_t": out["chargeable"],
        "offsets_allowed_t": out["allowed"],
        "offsets_unused_t": out["unused"],
        "net_t": out["net"],
        "rate_TWD_per_t": rate_value,
        "fee_TWD": out["fee"],
    }
    added = pd.DataFrame(new, index=df.index, copy=False)
    result = pd.concat([df.drop(columns=[c for c in FRAME_COLUMNS if c in df.columns]), added], axis=1)
    sources = _sources()
    used = {"threshold": rs.threshold, "chargeable_decimals": rs.chargeable_decimals, "offset_cap": rs.offset_cap}
    for o in opts.values():
        used |= {o.k_name: o.k, o.coef_name: o.coef, f"rates.{o.rate_class}": o.rate}
    result.attrs = {
        **df.attrs,
        "rules": rs.id,
        "year": y,
        "due": _due(rs, y),
        "trace": {name: _trace(name, used[name], sources).model_dump() for name in sorted(used)},
    }
    return result


# -- from an inventory ------------------------------------------------------------------------

_INCOMPLETE = (
    "inventory.incomplete",
    "inventory.no_electricity",
    "inventory.no_records",
    "inventory.fleet_without_fuel",
)


def _plant(inv: Inventory, plant: str | None) -> str:
    roots = inv.tree.roots()
    if plant is None:
        if len(roots) == 1:
            return roots[0].id
        raise InvalidValueError(
            f"plant must be named: the inventory's tree has {len(roots)} roots ({', '.join(o.id for o in roots)})",
            python=f"plant={roots[0].id!r}",
            cli=f"--plant {roots[0].id}",
        )
    if not isinstance(plant, str) or plant not in inv.tree:
        ids = [o.id for o in inv.tree]
        shown = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")
        raise InvalidValueError(
            f"plant must be the id of an organisation of the inventory ({shown}), got {type(plant).__name__} {plant!r}",
            python=f"plant={ids[0]!r}",
            cli=f"--plant {ids[0]}",
        )
    return plant


def _categorised_years(factor_set: str) -> frozenset[int]:
    """The years whose grid factor has categories in a shipped set (none for a set of the caller's own)."""
    from .factors import available, load

    if factor_set not in {entry["id"] for entry in available()}:
        return frozenset()
    return frozenset(load(factor_set).grid_factor_categories)


def _plant_lines(inv: Inventory, plant: str) -> tuple[set[str], list[Line], list[Line]]:
    """The organisations of *plant* (it and every one below it), their lines, and the lines the fee counts.

    Counted (第3條): direct emissions (scope 1) and location-based purchased electricity; not
    steam or heat, not market-based lines.
    """
    orgs = {o.id for o in inv.tree.descendants(plant)}
    lines = [ln for ln in inv.lines if ln.org in orgs]
    counted = [
        ln for ln in lines if ln.scope == 1 or (ln.source == "purchased_electricity" and ln.scope2_method != "market")
    ]
    return orgs, lines, counted


def _inventory_findings(inv: Inventory, plant: str, orgs: set[str], lines: list[Line]) -> list[Finding]:
    out: list[Finding] = []
    said = [
        f.message
        for f in inv.findings
        if f.code in _INCOMPLETE and (f.path.split(".")[1] in orgs if f.path.startswith("orgs.") else True)
    ]
    top = inv.tree[plant]
    if top.parent is None:  # the inventory checks the organisations below a root, not the root itself
        status = top.status.get(inv.year, "not_started")
        if status != "complete":
            said.insert(0, f"{top.name} is {status.replace('_', ' ')} for {inv.year}")
        if lines and not any(ln.org == plant and ln.source == "purchased_electricity" for ln in lines):
            said.insert(0, f"{top.name} has no electricity record of its own for {inv.year}")
    if said:
        out.append(
            Finding(
                "fee.incomplete_inventory",
                "warning",
                f"inventory.{plant}",
                f"the inventory of {plant} for {inv.year} is not complete, so the fee may be understated: "
                + "; ".join(said),
                {"gaps": said},
                f"{plant} {inv.year} 年盤查尚未完整，碳費可能低估",
            )
        )
    years = sorted(
        {
            int(t.name.split(".")[1])
            for ln in lines
            for t in ln.factors
            if t.name.startswith("grid_factors.") and t.name.split(".")[1].isdigit()
        }
        - {inv.year}
    )
    provisional = sorted({t.name for ln in lines for t in ln.factors if t.status == "provisional"})
    if years or provisional:
        said = []
        if years:
            said.append(f"grid factors of {', '.join(map(str, years))}")
        if provisional:
            said.append(f"provisional values ({', '.join(provisional[:3])}{', ...' if len(provisional) > 3 else ''})")
        out.append(
            Finding(
                "fee.mixed_years",
                "warning",
                f"inventory.{plant}",
                f"the inventory of {inv.year} uses {' and '.join(said)}: the fee of {inv.year} is charged on that "
                "year's emissions with that year's factors",
                {"years": years, "provisional": provisional},
                f"{inv.year} 年盤查混用其他年度或暫用之係數",
            )
        )
    # grid_factors.<year>.<category>, or grid_factors.<year>: the all-sales figure ("average"); a
    # factor the user gave (status "user") is theirs to choose
    grid = [
        t.name
        for ln in lines
        for t in ln.factors
        if t.name.startswith(f"grid_factors.{inv.year}") and t.status != "user"
    ]
    other = sorted({(name.split(".") + ["average"])[2] for name in grid if not name.endswith(".industry")})
    if other and inv.year in _categorised_years(inv.factor_set):
        out.append(
            Finding(
                "fee.grid_category",
                "warning",
                f"inventory.{plant}",
                f"electricity of {inv.year} was computed with the {' and '.join(other)} grid factor, not the industry one; the "
                "MOENV registry uses the industry grid factor for enterprise inventories (moenv-registry-2026): "
                "compute the inventory with the industry grid category",
                {"categories": other},
                "用電排放未採用產業別電力排碳係數；事業溫室氣體排放量資訊平台採產業別係數",
            )
        )
    steam = sum(ln.co2e_kg for ln in lines if ln.source == "purchased_heat" and ln.scope2_method != "market") / 1000
    if steam > 0:
        out.append(
            Finding(
                "fee.steam_not_counted",
                "info",
                f"inventory.{plant}",
                f"indirect emissions from purchased steam or heat ({steam:,.6g} t CO2e) are not counted: the fee "
                "counts direct and electricity-indirect emissions only (第3條)",
                {"steam_t": steam},
                f"外購蒸汽之間接排放 {steam:,.6g} 公噸 CO2e 不計入收費排放量",
            )
        )
    return out


def from_inventory(
    inv: Inventory,
    *,
    plant: str | None = None,
    rate: str = "general",
    high_leakage: bool = False,
    plan: bool | None = None,
    period: int | None = None,
    offsets: Quantity | None = None,
    sector: str | None = None,
) -> FeeResult:
    """The carbon fee of a plant from its GHG inventory (moenv-carbon-fee-2024 第3條, 第5條).

    The annual emissions are the plant's direct emissions (scope 1, 類別1) plus its indirect
    emissions from electricity use, location-based (scope 2 purchased electricity; steam and
    heat are not counted, 第3條), of the plant and every organisation below it in the tree. The
    activity year is the inventory's. Compute the inventory with ``grid_category="industry"``
    for 2025 on: the MOENV registry uses the industry grid factor for enterprise inventories
    (moenv-registry-2026).

    Parameters
    ----------
    inv : Inventory
        From :func:`carbonaudit.inventory.compute`.
    plant : str, optional
        The id of the plant's organisation; None for the root of a tree with one root.
    rate, high_leakage, plan, period, offsets, sector
        As in :func:`carbon_fee`.

    Returns
    -------
    FeeResult
        With ``plant`` and ``findings``: ``fee.incomplete_inventory`` (an organisation of the
        plant not complete, no electricity record, no records), ``fee.mixed_years`` (grid factors
        of another year, provisional values), ``fee.grid_category`` (not the industry factor),
        ``fee.steam_not_counted`` (purchased steam or heat left out).

    Raises
    ------
    InvalidValueError
        If *inv* is not an Inventory, *plant* is not one of its organisations (or not named in a
        tree with several roots), and each refusal of :func:`carbon_fee`.
    FactorNotFoundError
        If the rules do not cover the inventory's year (the fee starts with 2025).

    Examples
    --------
    >>> from carbonaudit import fee
    >>> from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compute
    >>> tree = OrgTree([Organisation(id="plant", name="示範廠", status={2025: "complete"})])
    >>> recs = [ActivityRecord(org="plant", year=2025, kind="electricity",
    ...                        amount={"value": 50_000_000, "unit": "kWh"}),
    ...         ActivityRecord(org="plant", year=2025, kind="extinguisher", agent="CO2",
    ...                        amount={"value": 10_000, "unit": "kg"})]
    >>> r = fee.from_inventory(compute(tree, recs, year=2025, grid_category="industry"))
    >>> r.annual, r.fee          # 50,000,000 kWh x 0.466 = 23,300 t + 10 t = 23,310 t: below 25,000 t
    (<Quantity(23310.0, 'metric_ton')>, <Quantity(0.0, 'new_taiwan_dollar')>)
    """
    from .inventory.compute import Inventory as _Inventory

    if not isinstance(inv, _Inventory):
        raise InvalidValueError(
            f"inv must be an Inventory (carbonaudit.inventory.compute), got {type(inv).__name__}",
            python="inv = carbonaudit.inventory.compute(tree, records, year=2025, grid_category='industry')",
            cli="give --inventory records.csv --orgs orgs.yaml --year 2025",
        )
    rs = rules(inv.year)
    plant_id = _plant(inv, plant)
    orgs, lines, counted = _plant_lines(inv, plant_id)
    annual = math.fsum(ln.co2e_kg for ln in counted) / 1000
    requested = 0.0 if offsets is None else scalar_magnitude(offsets, _T, "offsets")
    opt = _option(rs, rate=rate, high_leakage=high_leakage, plan=plan, period=period, sector=sector)
    findings = tuple(_inventory_findings(inv, plant_id, orgs, lines))
    return _result(rs, opt, annual, requested, inv.year, findings).model_copy(update={"plant": plant_id})
