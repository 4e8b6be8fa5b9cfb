"""Computing a GHG inventory: each record's emissions by scope, category, source and gas, rolled up.

government-inventory (政府機關溫室氣體盤查) and moenv-2024-ef: emission = activity × factor
(× GWP for non-CO2 gases); scope 1 direct (stationary and mobile combustion, fugitive: refrigerants,
CO2 extinguishers, septic tanks), scope 2 purchased electricity (location-based from the year's grid
factor; market-based too where a supplier factor is given), scope 3 other indirect (outsourced
units). Agencies report bottom-up; an agency whose status is not complete is flagged with its
share, never silently counted as zero. Each line also has its ISO 14064-1:2018 category 1-6
(moenv-inventory-guide-2024; iso-14064-1-2018 5.2.4), read from the data by its source.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from .._optional import require
from ..errors import CarbonAuditError, FactorNotFoundError, Finding, InvalidValueError, PeriodError, UnitsError
from ..factors.models import Emission, FactorSet, FactorTrace, FactorValue, _grid_category
from ..units import Q_, checked_magnitude, fraction
from ._mixed import mixed_units
from ._sources import SECTORS
from .models import YEAR_RANGE, ActivityRecord, OrgTree, _check_amount_unit

__all__ = ["CATEGORIES", "SECTORS", "Inventory", "Line", "compute"]

CATEGORIES: dict[str, str] = {
    "stationary_energy": "固定能源",
    "transport": "運輸",
    "fugitive": "逸散",
    "industrial_process": "工業製程",
    "agriculture": "農業",
    "lulucf": "土地利用及林業",
    "waste": "廢棄物",
}
"""The government categories of government-inventory."""



@dataclass(frozen=True)
class Line:
    """One gas of one record: the unit of the inventory register."""

    org: str
    record: int
    scope: Literal[1, 2, 3]
    category: str
    source: str
    gas: str
    mass_kg: float
    co2e_kg: float
    factors: tuple[FactorTrace, ...]
    scope2_method: Literal["location", "market"] | None = None
    note: str = ""

    @property
    def iso_category(self) -> int:
        """The line's ISO 14064-1:2018 category, 1-6 (類別1-6: moenv-inventory-guide-2024).

        Read from ``inventory.iso_categories`` of ``factors.yaml`` by the line's source (and, for
        an outsourced unit's vehicle fuel, its government category ``transport``: category 3).

        Raises
        ------
        FactorNotFoundError
            If the data gives no category for the line's source.
        """
        return _iso_category(self.source, self.category)


@lru_cache(maxsize=256)
def _iso_category(source: str, category: str) -> int:
    """The ISO 14064-1 category of a line of *source* and government *category* (the shipped data)."""
    iso = _inventory_data().iso_categories
    if iso is None:  # pragma: no cover - the shipped file has them
        raise FactorNotFoundError("the shipped factors.yaml has no inventory.iso_categories section")
    number: int = iso.of(source, category)
    return number


_SOURCE_SEPARATOR = " | "  # between citations: a citation may hold ";" ("...; IPCC AR5 GWP")


def _union_sources(cells: Any) -> str:
    """The citations of a group of :meth:`Inventory.to_frame` rows, each once, sorted."""
    return _SOURCE_SEPARATOR.join(sorted({c for cell in cells for c in cell.split(_SOURCE_SEPARATOR) if c}))


@dataclass(frozen=True)
class Inventory:
    """An inventory result: every line, with totals by organisation, scope, ISO 14064-1 category, category, source and gas.

    Totals are in t CO2e. Scope 2 totals are location-based; market-based scope 2 lines are kept
    apart (:meth:`scope2_market`) so both are reported.
    """

    year: int
    factor_set: str
    gwp: str
    tree: OrgTree = field(repr=False)
    lines: tuple[Line, ...]
    findings: tuple[Finding, ...] = ()
    records: tuple[ActivityRecord, ...] = field(default=(), repr=False, compare=False)
    """The records given to :func:`compute` (every year's); a line's ``record`` is its index here."""
    factors: FactorSet | None = field(default=None, repr=False, compare=False)
    """The factor set the lines were computed with (its id is ``factor_set``)."""

    def _counted(self) -> list[Line]:
        return [ln for ln in self.lines if ln.scope2_method != "market"]

    def total(self) -> float:
        """All scopes, location-based scope 2 [t CO2e]."""
        return sum(ln.co2e_kg for ln in self._counted()) / 1000

    def _group(self, key: str) -> dict[Any, float]:
        out: dict[Any, float] = defaultdict(float)
        for ln in self._counted():
            out[getattr(ln, key)] += ln.co2e_kg / 1000
        return dict(out)

    def by_scope(self) -> dict[int, float]:
        """[t CO2e] by scope (scope 2 location-based)."""
        return self._group("scope")

    def by_iso_category(self) -> dict[int, float]:
        """[t CO2e] by ISO 14064-1:2018 category 1-6 (scope 2 location-based; market-based lines apart).

        The categories (類別1-6) by which moenv-inventory-guide-2024 reports a corporate inventory
        (iso-14064-1-2018 5.2.4): 1 direct (combustion, process, fugitive: refrigerants,
        extinguishers, septic tanks), 2 imported energy (electricity, heat), 3 transport (an
        outsourced unit's vehicle fuel), 4 products and services used (an outsourced unit's
        other consumption). Each line's category is :attr:`Line.iso_category`, read from the data
        (``inventory.iso_categories`` of ``factors.yaml``); a category without a line is absent.
        The totals add up to :meth:`total`.

        Examples
        --------
        >>> from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree
        >>> tree = OrgTree([Organisation(id="a", name="A局", status={2024: "complete"})])
        >>> recs = [ActivityRecord(org="a", year=2024, kind="electricity", amount={"value": 1000, "unit": "kWh"}),
        ...         ActivityRecord(org="a", year=2024, kind="refrigerant_topup", gas="HFC-134a",
        ...                        amount={"value": 1, "unit": "kg"})]
        >>> {k: round(v, 6) for k, v in compute(tree, recs, year=2024).by_iso_category().items()}
        {2: 0.474, 1: 1.3}

        1,000 kWh × 0.474 kg/kWh = 0.474 t (category 2); 1 kg of HFC-134a × GWP 1,300 (AR5) =
        1.3 t (category 1).
        """
        return self._group("iso_category")

    def by_category(self) -> dict[str, float]:
        """[t CO2e] by government category."""
        return self._group("category")

    def by_source(self) -> dict[str, float]:
        """[t CO2e] by emission source."""
        return self._group("source")

    def by_sector(self) -> dict[str, float]:
        """[t CO2e] by district sector (government-inventory: energy, industrial process, agriculture, LULUCF, waste)."""
        out: dict[str, float] = defaultdict(float)
        for ln in self._counted():
            out[SECTORS.get(ln.source, "energy")] += ln.co2e_kg / 1000
        return dict(out)

    def by_gas(self) -> dict[str, float]:
        """[t CO2e] by gas."""
        return self._group("gas")

    def own(self) -> dict[str, float]:
        """Each organisation's own emissions [t CO2e] (zero for one with no lines)."""
        out = {o.id: 0.0 for o in self.tree}
        out.update(self._group("org"))
        return out

    def rolled_up(self) -> dict[str, float]:
        """Each organisation's emissions with everything below it [t CO2e] (bottom-up)."""
        totals = self.tree.totals(self.own())  # bottom-up with a stack: a chain of any depth works
        return {o.id: totals[o.id] for o in self.tree}

    def scope2_market(self) -> float:
        """Market-based scope 2 where supplier factors were given [t CO2e]."""
        return sum(ln.co2e_kg for ln in self.lines if ln.scope2_method == "market") / 1000

    def to_frame(self) -> Any:
        """The inventory register as a pandas DataFrame: one row per organisation × record × gas.

        Columns: org, org_name, record, scope, iso_category (ISO 14064-1 category 1-6:
        :attr:`Line.iso_category`), scope2_method, category, category_zh, source, gas,
        mass_kg, co2e_t, factor_ids (the traced factor names, joined by ";"), sources (their
        citations, joined by " | ": a citation may itself hold a ";"), note.
        Needs pandas (``pip install "carbonaudit[pandas]"``).
        """
        pd = require("pandas", "Inventory.to_frame")

        return pd.DataFrame(
            [
                {
                    "org": ln.org,
                    "org_name": self.tree[ln.org].name,
                    "record": ln.record,
                    "scope": ln.scope,
                    "iso_category": ln.iso_category,
                    "scope2_method": ln.scope2_method or "",
                    "category": ln.category,
                    "category_zh": CATEGORIES.get(ln.category, ""),
                    "source": ln.source,
                    "gas": ln.gas,
                    "mass_kg": ln.mass_kg,
                    "co2e_t": ln.co2e_kg / 1000,
                    "factor_ids": ";".join(t.name for t in ln.factors),
                    "sources": _SOURCE_SEPARATOR.join(sorted({t.citation for t in ln.factors})),
                    "note": ln.note,
                }
                for ln in self.lines
            ],
            columns=[
                "org",
                "org_name",
                "record",
                "scope",
                "iso_category",
                "scope2_method",
                "category",
                "category_zh",
                "source",
                "gas",
                "mass_kg",
                "co2e_t",
                "factor_ids",
                "sources",
                "note",
            ],
        )

    def register(self) -> Any:
        """The inventory register: one row per organisation × source × gas, with factor ids.

        Sums the lines of :meth:`to_frame` (which has one row per record × gas) over records.
        """
        frame = self.to_frame()
        keys = ["org", "org_name", "scope", "iso_category", "scope2_method", "category", "category_zh", "source", "gas"]
        grouped = frame.groupby(keys, sort=False, dropna=False).agg(
            mass_kg=("mass_kg", "sum"),
            co2e_t=("co2e_t", "sum"),
            records=("record", "count"),
            factor_ids=("factor_ids", lambda ids: ";".join(sorted({i for v in ids for i in v.split(";") if i}))),
            sources=("sources", _union_sources),
        )
        grouped = grouped.reset_index()
        grouped.insert(keys.index("gas"), "sector", grouped["source"].map(lambda src: SECTORS.get(src, "energy")))
        return grouped

    def to_csv(self, path: Any) -> None:
        """Write the register (:meth:`register`) as UTF-8 CSV, each number to 15 significant digits.

        15 digits are what a float64 holds exactly in decimal, so a figure is written as it was
        computed, without the binary noise of its last bits (``0.1083836916``, not
        ``0.10838369160000001``); the register's values themselves keep full precision. Needs
        pandas: ``pip install "carbonaudit[pandas]"``.
        """
        require("pandas", "Inventory.to_csv (the register as CSV)")
        self.register().to_csv(path, index=False, encoding="utf-8", float_format="%.15g")

    def to_excel(self, path: str | Path) -> Path:
        """Write the inventory as an auditable workbook: every figure a formula of factor cells.

        Sheets: ``about`` (what each sheet holds); ``factors`` (each factor value used, once: heat
        values, per-TJ factors, GWPs, grid factors, leak rates, the unit conversions with
        4.1868E-9 TJ/kcal among them; each with its unit, source key, document and table, date
        and status); ``activity`` (each record, in the columns of the records CSV:
        :func:`~carbonaudit.inventory.read_records` reads it back); ``calculation`` (one row per
        line: ``mass_kg`` and ``co2e_t`` as formulas of the record's activity cell and the factor
        cells, e.g. ``amount x heat value x 4.1868E-9 x per-TJ factor`` then ``x GWP x 0.001``,
        or ``amount x grid factor``); and ``by_scope``, ``by_iso_category``, ``by_category``,
        ``by_source``, ``by_gas``, ``by_organisation`` (totals [t CO2e] by SUMIFS over the
        calculation sheet; an organisation's total includes everything below it). Changing a
        factor cell in Excel recomputes every figure. Each formula carries the library's own
        figure as its cached value (a viewer that does not calculate shows it); numbers are
        written with every digit. A figure that is not a formula (a qualitative line's 0) says
        so in its row's note. Needs the ``excel`` extra: ``pip install "carbonaudit[excel]"``.

        Parameters
        ----------
        path : str or Path
            The .xlsx file to write (replaced if it exists).

        Returns
        -------
        pathlib.Path
            The path written, as :meth:`Declaration.to_excel <carbonaudit.declaration.Declaration.to_excel>` returns it.

        Raises
        ------
        InvalidValueError
            If the inventory was not built by :func:`compute` (it has no records or factor set).
        MissingDependencyError
            If xlsxwriter is not installed.
        """
        from ._excel import write_workbook

        iso = _inventory_data().iso_categories
        iso_names = {int(k): v.zh for k, v in iso.categories.items()} if iso is not None else {}
        # the names are handed over, not imported there: _excel imports nothing back from this module
        write_workbook(self, path, {"category": CATEGORIES, "iso_category": iso_names})
        return Path(path)

    def summary(self) -> list[tuple[str, float]]:
        """Headline totals [t CO2e]: each scope, market-based scope 2, and the total."""
        scopes = self.by_scope()
        return [
            ("scope 1", scopes.get(1, 0.0)),
            ("scope 2 (location-based)", scopes.get(2, 0.0)),
            ("scope 2 (market-based, where given)", self.scope2_market()),
            ("scope 3 (quantified)", scopes.get(3, 0.0)),
            ("total (location-based)", self.total()),
        ]

    def __repr__(self) -> str:
        scopes = ", ".join(f"scope {k}: {v:,.3f} t" for k, v in sorted(self.by_scope().items()))
        return (
            f"Inventory({self.year}, {self.total():,.3f} t CO2e; {scopes}; {len(self.lines)} lines, "
            f"{len(self.findings)} findings; set {self.factor_set}, {self.gwp})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{html.escape(str(k))}</td><td>{v:,.3f}</td></tr>" for k, v in self.by_scope().items())
        return f"<b>Inventory {self.year}</b> ({html.escape(self.gwp)})<table>{rows}</table>"


_YEAR_RANGE = YEAR_RANGE  # as ActivityRecord.year
_ENERGY_DIMENSION = Q_(1.0, "kWh").dimensionality


def _check_year(year: object, name: str = "year") -> int:
    """*year* as an int if it is an AD year a record can have, else a PeriodError naming *name*.

    A year no record can have (113, "2024", NaN) would select no record: an empty inventory, unseen.
    """
    from ..periods import _ad_year

    low, high = _YEAR_RANGE
    try:
        return _ad_year(year, name, low=low, high=high)  # numpy integers too
    except PeriodError as exc:
        raise PeriodError(f"{exc} (no record could match it: the inventory would be empty)") from None


def _kg(amount: Any, name: str) -> float:
    return float(checked_magnitude(amount.quantity, "kg", name))


def _amount(r: ActivityRecord) -> float:
    """The record's amount in its own unit, through the units boundary.

    The model has checked the unit against the kind already; a record built without validation
    (``model_construct``) is checked here all the same, so a wrong unit never gives a number.
    """
    _check_amount_unit(r.kind, r.amount.value, r.amount.unit, r.fuel)
    q = r.amount.quantity
    return float(checked_magnitude(q, q.units, "amount"))


def _gwp_trace(
    fs: FactorSet, gas: str, gwp: str, *, emission: Emission | None = None, origin: str | None = None, year: int = 0
) -> tuple[float, FactorTrace]:
    """The GWP of *gas* and its trace; with *emission*, under the GWP set's rules for the activity *year*.

    The fossil-methane rule of the AR5 set (moenv-registry-2026): from activity year 2025,
    fugitive and process CH4 of fossil origin takes ``CH4-fossil`` (30); the trace is named after
    the entry used (``gwp.AR5.CH4-fossil``) and its note says which rule applied, or why none did.
    """
    if emission is None:
        entry, fv = gas, fs.gwp_value(gas, gwp)
    else:
        entry, fv = fs._gwp_applied(gas, gwp, emission=emission, origin=origin, year=year)
    name = f"gwp.{gwp}.{entry}"
    return fv.value, FactorTrace.of(fs, name, fv) if fv.source in fs.sources else FactorTrace(
        name=name,
        value=fv.value,
        unit=fv.unit,
        status=fv.status,
        source=fv.source,
        citation=fv.note or fv.source,
    )


def _data_trace(fs: FactorSet, trace: FactorTrace) -> FactorTrace:
    """A trace of the inventory data (leak rates, septic factors), marked provisional with a provisional set."""
    if fs.provisional_for is None:
        return trace
    said = f"provisional for activity year {fs.provisional_for}: computed with {fs.id}"
    return trace.model_copy(
        update={"status": "provisional", "note": f"{said}; {trace.note}" if trace.note else said}
    )


def _check_tree(tree: object, records: object, function: str, records_are: str) -> None:
    """Refuse a *tree* that is not an OrgTree; records and tree swapped get the order said.

    Every inventory function takes ``(tree, records, ...)``; ``compute_frame`` took
    ``(records, tree)`` before, so a call in that order is told the order rather than failing later.
    """
    if isinstance(tree, OrgTree):
        return
    if isinstance(records, OrgTree):
        raise InvalidValueError(
            f"{function} takes the tree first, then the records: got {type(tree).__name__} for tree and an "
            f"OrgTree for records",
            python=f"call {function}(tree, {records_are}, ...)",
        )
    raise InvalidValueError(
        f"{function}: tree must be an OrgTree, got {type(tree).__name__}",
        python="build it with OrgTree([...]) or inventory.read_orgs(path)",
    )


def compute(
    tree: OrgTree,
    records: Sequence[ActivityRecord] | Iterable[ActivityRecord],
    factor_set: FactorSet | str | None = None,
    *,
    gwp: str | None = None,
    year: int,
    grid_category: str = "average",
) -> Inventory:
    """Compute the inventory of *year* from activity records, rolled up over the organisation tree.

    ``emission = activity × factor (× GWP for non-CO2 gases)``, by scope, category and source, rolled
    up bottom-up over the agencies with their reporting status (government-inventory; moenv-2024-ef).
    Fugitive and process CH4 of fossil origin takes GWP 30 from activity year 2025 (the MOENV
    registry's rule, moenv-registry-2026, data of the AR5 set); combustion CH4 keeps 28; each
    line's GWP trace says which applied and why.

    Parameters
    ----------
    tree : OrgTree
        The organisations (inventory team at the root, agencies below).
    records : iterable of ActivityRecord
        Records of other years are ignored.
    factor_set : FactorSet or str, optional
        Default: the set of the activity *year* (:func:`carbonaudit.factors.for_year`:
        ``tw-2025`` for 2025, ``tw-2024`` for 2013-2024). For a year newer than every shipped
        set, pass ``factor_set=factors.for_year(year, provisional=True)`` to estimate with the
        newest values, every trace marked ``provisional``.
    gwp : str, optional
        ``"AR4"``, ``"AR5"``, ``"AR6"``, in any case (``"ar6"`` is AR6, and the result says
        ``"AR6"``); default (None): the set's. An empty string is refused, not taken for the default.
    year : int
        AD year.
    grid_category : {"average", "industry", "residential"}, default "average"
        The grid factor's category for the electricity records that do not name their own
        (``ActivityRecord.grid_category``). ``"average"`` (全國公用售電) is the one figure every
        year has; from 2025 經濟部能源署 also publishes industry (0.466) and residential (0.471)
        figures (moeaea-grid-2025), and the MOENV registry uses ``"industry"`` for enterprise
        inventories (moenv-registry-2026). A year with one figure answers every category.

    Returns
    -------
    Inventory
        Every line [kg] with totals [t CO2e], and findings (incomplete agencies, mixed units ...);
        a *year* no record has is an empty inventory with the error finding
        ``inventory.no_records`` ("no records for 2022"), never a silent total of 0.

    Raises
    ------
    PeriodError
        If *year* is not an AD year as int 1912-2211 (an ROC year such as 113, ``"2024"``, NaN),
        which no record could match.
    InvalidValueError
        If *tree* is not an OrgTree (the records given first: the message says the order); for a
        record that is not an ActivityRecord (a dict) or of an organisation not in the tree;
        the message names the record; for a *grid_category* that is not a category; for a
        fugitive or process CH4 record of 2025 on without its ``origin``. In a record
        built without validation (``ActivityRecord.model_construct``; the model refuses these
        itself), an amount or factor that is negative, not finite or above 1e30, or a leak rate
        outside 0-1.
    UnitsError
        For an amount of a dimension its kind or fuel cannot take (e.g. electricity not in an energy
        unit, or in kvar·h or kVA·h: reactive or apparent energy is not real energy), or a bool
        leak rate, in a record built without validation (the model refuses them itself); the
        message names the record and shows its value and unit.
    FactorNotFoundError
        For an unknown (or empty) GWP set, fuel, refrigerant or agent; a fuel name that stands
        for several fuels (天然氣 in ``tw-2025``: name NG1 or NG2); a record of a year outside the
        set's coverage (the years of its grid factors) unless the record carries its own
        ``emission_factor``: use a set that covers the year or
        ``FactorSet.with_overrides(grid_factors=...)``. The message names the record. Also, with
        no *factor_set*, for a *year* newer than every shipped set (the message says how to pass
        a provisional one).

    Examples
    --------
    >>> from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree
    >>> tree = OrgTree([Organisation(id="team", name="盤查小組", status={2024: "complete"}),
    ...                 Organisation(id="a", name="A局", parent="team", status={2024: "complete"})])
    >>> recs = [ActivityRecord(org="a", year=2024, kind="electricity", amount={"value": 10_000, "unit": "kWh"}),
    ...         ActivityRecord(org="a", year=2024, kind="extinguisher", agent="CO2",
    ...                        amount={"value": 10, "unit": "kg"})]
    >>> inv = compute(tree, recs, year=2024)       # 10,000 kWh x 0.474 kg/kWh; 10 kg CO2 refilled
    >>> inv.by_scope(), inv.rolled_up()["team"], inv.factor_set
    ({2: 4.74, 1: 0.01}, 4.75, 'tw-2024')
    >>> recs25 = [r.model_copy(update={"year": 2025}) for r in recs]
    >>> compute(tree, recs25, year=2025, grid_category="industry").by_scope()   # 10,000 kWh x 0.466
    {2: 4.66, 1: 0.01}
    """
    from .._convert import resolve_set

    _check_tree(tree, records, "compute", "records")
    year = _check_year(year)
    _grid_category(grid_category, "grid_category")
    fs = resolve_set(factor_set, year)
    gwp_name = fs._gwp_name(gwp)  # None is the set's own; "ar6" is AR6; "" or an unknown set fails here
    fs.gwp_value("CO2", gwp_name)  # before any record
    lines: list[Line] = []
    cache: dict[tuple[Any, ...], Any] = {}
    records_list = list(records)
    coverage = (min(fs.grid_factors), max(fs.grid_factors)) if fs.grid_factors else None
    for i, r in enumerate(records_list):
        if not isinstance(r, ActivityRecord):
            raise InvalidValueError(
                f"records[{i}] must be an ActivityRecord, got {type(r).__name__}: build it with "
                "ActivityRecord(...) or ActivityRecord.model_validate(...), which check its fields"
            )
        if r.year != year:
            continue
        if r.org not in tree:
            raise InvalidValueError(f"records[{i}]: organisation {r.org!r} is not in the tree")
        if coverage and r.emission_factor is None and not coverage[0] <= r.year <= coverage[1]:
            raise FactorNotFoundError(
                f"records[{i}] ({r.org}, {r.kind}): {r.year} is outside factor set {fs.id!r}'s coverage "
                f"{coverage[0]}-{coverage[1]}; use a set that covers it{_covering(r.year, fs)} or "
                "with_overrides(grid_factors=...)"
            )
        try:
            lines.extend(_record_lines(i, r, fs, gwp_name, cache, grid_category))
        except CarbonAuditError as exc:
            raise exc.within(f"records[{i}] ({r.org}, {r.kind}): ") from exc
    this_year = [r for r in records_list if r.year == year]
    findings = [
        *_no_records(records_list, this_year, year),
        *_status_findings(tree, lines, year),
        *mixed_units(this_year),
    ]
    return Inventory(year, fs.id, gwp_name, tree, tuple(lines), tuple(findings), tuple(records_list), fs)


def _covering(year: int, fs: FactorSet) -> str:
    """The shipped set that covers *year*, for a message: " (factors.for_year(2025): 'tw-2025')", or ""."""
    from ..factors import for_year

    try:
        other = for_year(year)
    except FactorNotFoundError:  # newer than every set
        return f" (factors.for_year({year}, provisional=True) for a year whose factors are not announced yet)"
    if other.id != fs.id and year in other.grid_factors:
        return f" (factors.for_year({year}): {other.id!r})"
    return ""


def _record_lines(
    i: int, r: ActivityRecord, fs: FactorSet, gwp: str, cache: dict[tuple[Any, ...], Any], grid_category: str
) -> list[Line]:
    from ..emissions import _combustion  # the set as given: compare_years recalculates a base year with it

    inv = _inventory_data()
    value = _amount(r)  # the unit checked against the kind; finite, not negative, at most MAX_AMOUNT
    if r.kind in ("fuel", "outsourced") and r.fuel is not None:
        use = r.use or "stationary"
        key = ("fuel", r.fuel, use, r.amount.unit, gwp, r.year)
        if key not in cache:  # the unit was checked against the kind by _amount above
            cache[key] = _combustion(
                Q_(1.0, r.amount.quantity.units), fs.fuel(r.fuel), fs, gwp=gwp, method="auto", use=use, year=r.year
            )
        res = cache[key]
        scope: Literal[1, 2, 3] = 3 if r.kind == "outsourced" else 1
        category = "transport" if use == "mobile" else "stationary_energy"
        source = "outsourced" if scope == 3 else f"{use}_combustion"
        out = []
        for gas, per_unit in res.by_gas.items():
            g = 1.0 if gas == "CO2" else fs.gwp_value(gas, gwp).value  # combustion: the gas's own GWP
            mass = value * float(per_unit.m)
            out.append(Line(r.org, i, scope, category, source, gas, mass, mass * g, res.factors))
        return out
    if r.kind in ("electricity", "outsourced"):
        energy = r.amount.quantity.dimensionality == _ENERGY_DIMENSION
        kwh = float(checked_magnitude(r.amount.quantity, "kWh", "amount")) if energy else None  # kvar·h refused
        if kwh is None:
            if r.kind == "outsourced":
                return [
                    Line(
                        r.org,
                        i,
                        3,
                        "stationary_energy",
                        "outsourced",
                        "CO2e",
                        0.0,
                        0.0,
                        (),
                        note="listed qualitatively: give a fuel or kWh to quantify",
                    )
                ]
            raise UnitsError(f"electricity must be an energy (kWh), got {r.amount.value:g} {r.amount.unit}")
        scope = 3 if r.kind == "outsourced" else 2
        grid = r.grid_category or grid_category
        fv = fs.grid_factor_value(r.year, grid)
        per = float(fv.quantity.m_as("kg/kWh"))
        trace = (FactorTrace.of(fs, fs._grid_name(r.year, grid), fv),)
        out = [
            Line(
                r.org,
                i,
                scope,
                "stationary_energy",
                "purchased_electricity" if scope == 2 else "outsourced",
                "CO2e",
                kwh * per,
                kwh * per,
                trace,
                "location" if scope == 2 else None,
            )
        ]
        if r.supplier_factor is not None and scope == 2:
            sf = float(checked_magnitude(r.supplier_factor.quantity, "kg/kWh", "supplier_factor"))
            strace = (
                FactorTrace(
                    name="supplier_factor",
                    value=sf,
                    unit="kg/kWh",
                    status="user",
                    source="user",
                    citation=r.note or "supplier factor of the record",
                ),
            )
            out.append(
                Line(
                    r.org,
                    i,
                    2,
                    "stationary_energy",
                    "purchased_electricity",
                    "CO2e",
                    kwh * sf,
                    kwh * sf,
                    strace,
                    "market",
                )
            )
        return out
    if r.kind == "fugitive":
        if not r.gas:
            raise FactorNotFoundError("a fugitive record needs gas (e.g. CH4): the gas released")
        mass = _kg(r.amount, "amount")
        g, gtrace = _gwp_trace(fs, r.gas, gwp, emission="fugitive", origin=r.origin, year=r.year)
        return [
            Line(r.org, i, 1, "fugitive", "fugitive", r.gas, mass, mass * g, (gtrace,), note="mass of gas released")
        ]
    if r.kind in ("purchased_heat", "process"):
        if r.emission_factor is None:
            raise FactorNotFoundError(
                f"a {r.kind} record needs emission_factor (kg CO2e per {r.amount.unit}): the factor sets hold none"
            )
        if r.kind == "process" and r.gas:
            return _process_gas_lines(i, r, fs, gwp, value)
        ef = r.emission_factor.quantity
        checked_magnitude(ef, ef.units, "emission_factor")  # finite, not negative, at most MAX_AMOUNT
        per_unit = float(
            checked_magnitude(ef * Q_(1.0, r.amount.quantity.units), "kg", "emission_factor × amount unit")
        )
        co2e = value * per_unit
        trace = (
            FactorTrace(
                name="emission_factor",
                value=r.emission_factor.value,
                unit=r.emission_factor.unit,
                status="user",
                source="user",
                citation=r.note or "given on the record",
            ),
        )
        if r.kind == "purchased_heat":
            return [Line(r.org, i, 2, "stationary_energy", "purchased_heat", "CO2e", co2e, co2e, trace, "location")]
        return [Line(r.org, i, 1, "industrial_process", "process", "CO2e", co2e, co2e, trace)]
    if r.kind in ("refrigerant_topup", "refrigerant_leak"):
        if not r.gas:
            raise FactorNotFoundError("a refrigerant record needs gas (e.g. R-410A)")
        if r.gas.upper() in ("CO2", "CH4", "N2O"):
            raise FactorNotFoundError(f"gas {r.gas!r} is not a refrigerant (HFCs, blends such as R-410A)")
        if r.kind == "refrigerant_topup" and (r.leak_rate is not None or r.equipment_class is not None):
            raise InvalidValueError(
                "a top-up record counts the refilled mass: leak_rate and equipment_class belong to refrigerant_leak"
            )
        g, gtrace = _gwp_trace(fs, r.gas, gwp)
        mass = _kg(r.amount, "amount")
        traces: tuple[FactorTrace, ...] = (gtrace,)
        note = "top-up (refill) mass"
        if r.kind == "refrigerant_leak":
            if r.leak_rate is not None:
                rate = float(fraction(r.leak_rate, "leak_rate"))  # a bool is no rate, even unvalidated
                if not 0 <= rate <= 1:
                    raise InvalidValueError(f"leak_rate must be a fraction from 0 to 1, got {r.leak_rate!r}")
                note = f"charge × leak rate {rate:.1%} (given)"
            else:
                lr = inv.leak_rates.get(r.equipment_class or "")
                if lr is None:
                    raise FactorNotFoundError(
                        f"equipment_class {r.equipment_class!r} is not in IPCC 2006 Table 7.9 "
                        f"({', '.join(inv.leak_rates)}); or give leak_rate"
                    )
                rate = lr.midpoint
                note = f"charge × leak rate {rate:.2%} (midpoint of {lr.low:.0%}-{lr.high:.0%}, {r.equipment_class})"
                traces += (
                    _data_trace(
                        fs,
                        FactorTrace(
                            name=f"leak_rates.{r.equipment_class}",
                            value=rate,
                            unit="dimensionless",
                            status="derived",
                            source=lr.source,
                            citation=fs.source(lr.source).cite(lr.table) if lr.source in fs.sources else lr.source,
                            note="midpoint of the announced range",
                        ),
                    ),
                )
            mass *= rate
        return [Line(r.org, i, 1, "fugitive", "refrigerant", r.gas, mass, mass * g, traces, note=note)]
    if r.kind == "extinguisher":
        name = r.agent or ""
        if name.upper() in ("BC", "KBC", "ABC"):  # dry chemical agents (moenv-2024-ef)
            name = "dry_chemical"
        agent = inv.extinguisher_agents.get(name)
        if agent is None:
            raise FactorNotFoundError(
                f"extinguisher agent {r.agent!r} is not known ({', '.join(inv.extinguisher_agents)})"
            )
        mass = _kg(r.amount, "amount")
        if agent.gas is None:
            return [Line(r.org, i, 1, "fugitive", "fire_extinguisher", "none", 0.0, 0.0, (), note=agent.note)]
        g, gtrace = _gwp_trace(fs, agent.gas, gwp)
        return [
            Line(r.org, i, 1, "fugitive", "fire_extinguisher", agent.gas, mass, mass * g, (gtrace,), note=agent.note)
        ]
    if r.kind == "septic":
        hours = float(checked_magnitude(r.amount.quantity, "h", "amount (staff working hours)"))
        septic: FactorValue = inv.septic["ch4_per_person_hour"]
        ch4 = hours * float(septic.quantity.m_as("kg"))
        # septic-tank CH4 is fugitive and biogenic: the fossil-methane rule does not take it
        g, gtrace = _gwp_trace(fs, "CH4", gwp, emission="fugitive", origin="biogenic", year=r.year)
        septic_trace = _data_trace(
            fs,
            FactorTrace(
                name="septic.ch4_per_person_hour",
                value=septic.value,
                unit=septic.unit,
                status=septic.status,
                source=septic.source,
                citation=fs.source(septic.source).cite(septic.table) if septic.source in fs.sources else septic.source,
                note=septic.note,
            ),
        )
        return [
            Line(
                r.org,
                i,
                1,
                "waste",
                "septic_tank",
                "CH4",
                ch4,
                ch4 * g,
                (septic_trace, gtrace),
                note="staff-hours × CH4 per person-hour",
            )
        ]
    raise InvalidValueError(f"record kind {r.kind!r} needs a fuel")


def _process_gas_lines(i: int, r: ActivityRecord, fs: FactorSet, gwp: str, value: float) -> list[Line]:
    """A process record with a gas: ``amount × emission_factor`` [kg of the gas] × its GWP (the rules by year)."""
    assert r.emission_factor is not None and r.gas
    ef = r.emission_factor.quantity
    checked_magnitude(ef, ef.units, "emission_factor")  # finite, not negative, at most MAX_AMOUNT
    per_unit = float(checked_magnitude(ef * Q_(1.0, r.amount.quantity.units), "kg", "emission_factor × amount unit"))
    mass = value * per_unit
    g, gtrace = _gwp_trace(fs, r.gas, gwp, emission="process", origin=r.origin, year=r.year)
    ef_trace = FactorTrace(
        name="emission_factor",
        value=r.emission_factor.value,
        unit=r.emission_factor.unit,
        status="user",
        source="user",
        citation=r.note or "given on the record",
        note=f"kg of {r.gas} per unit of the amount",
    )
    return [Line(r.org, i, 1, "industrial_process", "process", r.gas, mass, mass * g, (ef_trace, gtrace))]


def _inventory_data() -> Any:
    from ..factors import inventory_data

    return inventory_data()


def _no_records(records: list[ActivityRecord], this_year: list[ActivityRecord], year: int) -> list[Finding]:
    """The error finding of an inventory year without a record: its totals are zero by absence, not by data."""
    if this_year:
        return []
    years = sorted({r.year for r in records})
    held = f"the records are of {', '.join(map(str, years))}" if years else "no record was given"
    return [
        Finding(
            "inventory.no_records",
            "error",
            "records",
            f"no records for {year} ({held}): the inventory of {year} is empty, its totals 0 by absence",
            {"year": year, "years": years},
            f"{year} 年無活動數據紀錄（{'紀錄年份：' + '、'.join(map(str, years)) if years else '未提供任何紀錄'}），盤查結果為空",
        )
    ]


def _status_findings(tree: OrgTree, lines: list[Line], year: int) -> list[Finding]:
    out: list[Finding] = []
    own: dict[str, float] = defaultdict(float)
    for ln in lines:
        if ln.scope2_method != "market":
            own[ln.org] += ln.co2e_kg / 1000
    total = sum(own.values())
    kinds: dict[str, set[str]] = defaultdict(set)
    for ln in lines:
        kinds[ln.org].add(ln.source)
    for o in tree:
        status = o.status.get(year, "not_started")
        if status != "complete" and o.parent is not None:
            share = own.get(o.id, 0.0) / total if total else 0.0
            label = {"not_started": "未登錄", "in_progress": "登錄中"}[status]
            out.append(
                Finding(
                    "inventory.incomplete",
                    "warning",
                    f"orgs.{o.id}.status",
                    f"{o.name} is {status.replace('_', ' ')} ({label}) for {year}: its "
                    f"{own.get(o.id, 0.0):,.3f} t CO2e ({share:.1%} of the total) may be incomplete",
                    {"share": share, "status": status},
                    f"{o.name} 盤查狀態為{label}，排放量可能不完整",
                )
            )
        if status == "complete" and o.parent is not None and "purchased_electricity" not in kinds[o.id]:
            out.append(
                Finding(
                    "inventory.no_electricity",
                    "warning",
                    f"orgs.{o.id}",
                    f"{o.name} is marked complete but has no electricity record for {year}",
                    {},
                    f"{o.name} 已登錄完成但無用電紀錄",
                )
            )
        if o.vehicles and "mobile_combustion" not in kinds[o.id]:
            out.append(
                Finding(
                    "inventory.fleet_without_fuel",
                    "warning",
                    f"orgs.{o.id}.vehicles",
                    f"{o.name} has {o.vehicles} vehicles but no mobile fuel record for {year}",
                    {},
                    f"{o.name} 有公務車輛但無車用油料紀錄",
                )
            )
    return out
