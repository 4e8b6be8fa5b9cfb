"""The inventory as an auditable workbook (private): :meth:`Inventory.to_excel`.

Sheets, in this order:

* ``about``: the inventory (year, factor set, GWP set), how each sheet is computed, and the
  lines whose figure is a value rather than a formula (with the reason), if any;
* ``factors``: each factor value used, once (heat values, per-TJ factors, GWPs, grid factors,
  leak rates, the septic factor and the unit conversions, 4.1868E-9 TJ/kcal among them), with its
  unit, source key, document (with table), date, status and note;
* ``activity``: each record as given, in the columns of the records CSV (``inventory.read_records``
  reads it back);
* ``calculation``: one row per line (record x gas), the mass of the gas [kg] and its CO2e [t] as
  formulas of the record's activity cell and the factor cells (absolute references), with the
  grouping columns as text;
* ``by_scope``, ``by_iso_category``, ``by_category``, ``by_source``, ``by_gas``,
  ``by_organisation``: totals [t CO2e] by SUMIFS over the calculation sheet; an organisation's
  total includes everything below it (SUMIFS over the organisations' ancestor columns).

Every formula carries its cached value, the library's own figure, so a viewer that does not
calculate shows the numbers. Numbers are written with every digit (``_xlsx.exact``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._optional import require
from .._xlsx import atomic_workbook, text_problem
from .._xlsx import exact as _exact
from ..errors import InvalidValueError
from ..factors.models import FactorSet, FactorTrace
from ..units import Q_, Unit, parse_unit
from .io import _COLUMNS, _ORG_COLUMNS

if TYPE_CHECKING:
    from .models import ActivityRecord, Organisation

# compute.Inventory and compute.Line, by name only: this module imports nothing from compute (which
# imports it in Inventory.to_excel), not even for type checking, so that the two are no circle.
Inventory = Any
Line = Any

__all__: list[str] = []


# -- the columns of each sheet ----------------------------------------------------------------

ACTIVITY_COLUMNS = _COLUMNS
"""The activity sheet's columns: those of the records CSV."""

FACTOR_COLUMNS = ("factor", "fuel", "value", "unit", "source", "document", "date", "status", "note")
CALCULATION_COLUMNS = (
    "org",
    "scope",
    "iso_category",
    "category",
    "source",
    "gas",
    "scope2_method",
    "mass_kg",
    "co2e_t",
    "note",
)
_COL = {name: chr(ord("A") + i) for i, name in enumerate(CALCULATION_COLUMNS)}
_ACT = {name: chr(ord("A") + i) for i, name in enumerate(ACTIVITY_COLUMNS)}
_FACTOR_VALUE = "C"

_MAX_DEPTH = 100
"""Deepest organisation tree whose roll-up is written as formulas (one ancestor column per level)."""
_MAX_CRITERION = 250
"""Longest text a SUMIFS criterion may hold (Excel's limit is 255 characters)."""


# -- what each line is computed from ----------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """How a line's figures are formed: ``mass = amount x terms``, ``co2e = mass x gwp``.

    A term is ``("act", column)`` (a cell of the record's activity row) or ``("*", trace)`` /
    ``("/", trace)`` (a factor cell). *reason* is not empty where the line is written as a value.
    """

    terms: tuple[tuple[str, Any], ...] = ()
    gwp: FactorTrace | None = None
    reason: str = ""


def _unit_label(unit: Unit | str) -> str:
    """A unit as written in the sheet: the record's own label, or pint's short form (``kg·MWh/GJ``)."""
    if isinstance(unit, str):
        return unit
    text = f"{unit:~P}"
    return _SHORT.get(text, text) or "1"


_SHORT = {"l": "L", "kl": "kL", "ml": "mL", "kl/l": "kL/L"}
"""pint writes the litre ``l``; the forms (and the records) write ``L``."""


def _ratio(top: str, bottom: str) -> str:
    """``top/bottom`` with parentheses around a compound unit."""

    def wrap(u: str) -> str:
        return f"({u})" if any(c in u for c in "/·* ") else u

    return f"{wrap(top)}/{wrap(bottom)}"


def _conversion(source: str | Unit, target: str | Unit) -> FactorTrace:
    """The factor turning an amount in *source* into *target* (a unit conversion of the units registry)."""
    src = parse_unit(source) if isinstance(source, str) else source
    dst = parse_unit(target) if isinstance(target, str) else target
    value = float(Q_(1.0, src).m_as(dst))
    a, b = _unit_label(source), _unit_label(target)
    calorie = "cal" in a or "cal" in b
    return FactorTrace(
        name=f"unit: {a} → {b}",
        value=value,
        unit=_ratio(b, a),
        status="official",
        source="iso-80000-5" if calorie else "carbonaudit",
        citation="ISO 80000-5 (2019): 1 cal = 4.1868 J (International Table calorie)" if calorie else "units registry",
        note="unit conversion of carbonaudit's units registry",
    )


def _same_unit(a: str | Unit, b: str | Unit) -> bool:
    ua = parse_unit(a) if isinstance(a, str) else a
    ub = parse_unit(b) if isinstance(b, str) else b
    return bool(ua == ub)


def _step(terms: list[tuple[str, Any]], source: str | Unit, target: str | Unit) -> None:
    """Append the conversion of *source* into *target* unless they are the same unit."""
    if not _same_unit(source, target):
        terms.append(("*", _conversion(source, target)))


def _product(terms: Sequence[tuple[str, Any]]) -> float:
    out = 1.0
    for op, t in terms:
        if op == "*":
            out *= t.value
        elif op == "/":
            out /= t.value
    return out


class _Planner:
    """Plans of lines, cached by everything a plan depends on (not the amount)."""

    def __init__(self, inv: Inventory, fs: FactorSet) -> None:
        self.inv = inv
        self.fs = fs
        self.cache: dict[tuple[Any, ...], _Plan] = {}

    def plan(self, r: ActivityRecord, ln: Line) -> _Plan:
        key = (
            r.kind,
            r.fuel,
            r.use,
            r.amount.unit,
            r.gas,
            r.agent,
            r.equipment_class,
            r.leak_rate is not None,
            r.emission_factor.unit if r.emission_factor else None,
            r.supplier_factor.unit if r.supplier_factor else None,
            ln.gas,
            ln.scope2_method,
            ln.factors,
        )
        found = self.cache.get(key)
        if found is None:
            found = self._plan(r, ln)
            self.cache[key] = found
        return found

    def _plan(self, r: ActivityRecord, ln: Line) -> _Plan:
        if not ln.factors and ln.co2e_kg == 0.0:  # qualitative or no gas (dry chemical)
            return _Plan(reason=f"0: {ln.note}" if ln.note else "0: no greenhouse gas")
        unit = r.amount.unit
        terms: list[tuple[str, Any]] = [("act", "value")]
        gwp: FactorTrace | None = None
        if ln.source in ("stationary_combustion", "mobile_combustion") or (
            ln.source == "outsourced" and r.fuel is not None
        ):
            return self._fuel(r, ln)
        if ln.source in ("purchased_electricity",) or (ln.source == "outsourced" and r.fuel is None):
            if ln.scope2_method == "market":
                assert r.supplier_factor is not None
                _step(terms, unit, "kWh")
                terms.append(("act", "supplier_factor_value"))
                _step(terms, r.supplier_factor.unit, "kg/kWh")
            else:
                grid = ln.factors[0]
                _step(terms, unit, "kWh")
                terms.append(("*", grid))
                _step(terms, grid.unit, "kg/kWh")
            return _Plan(tuple(terms))
        if ln.source in ("purchased_heat", "process"):
            assert r.emission_factor is not None
            terms.append(("act", "emission_factor_value"))
            per = parse_unit(r.emission_factor.unit) * parse_unit(unit)
            _step(terms, per, "kg")
            if ln.source == "process" and r.gas:
                gwp = ln.factors[-1]
            return _Plan(tuple(terms), gwp)
        if ln.source in ("fugitive", "fire_extinguisher", "refrigerant"):
            _step(terms, unit, "kg")
            if r.kind == "refrigerant_leak":
                if r.leak_rate is not None:
                    terms.append(("act", "leak_rate"))
                else:
                    terms.append(("*", ln.factors[1]))
            return _Plan(tuple(terms), ln.factors[0])
        if ln.source == "septic_tank":
            septic, gwp = ln.factors
            _step(terms, unit, "h")
            terms.append(("*", septic))
            _step(terms, septic.unit, "kg")
            return _Plan(tuple(terms), gwp)
        return _Plan(reason=f"source {ln.source!r} has no formula in this workbook")  # pragma: no cover

    def _fuel(self, r: ActivityRecord, ln: Line) -> _Plan:
        from .._convert import amount_kind, conversion

        fs = self.fs
        assert r.fuel is not None
        fuel = fs.fuel(r.fuel)
        use = r.use or "stationary"
        sample = Q_(1.0, r.amount.quantity.units)
        kind = amount_kind(sample, fuel, "amount", heat=False)
        method = "auto" if ln.gas == "CO2" else "heat_value"
        conv = conversion(fs, fuel, ln.gas, kind, method=method, use=use, sample=sample, name="amount")
        terms: list[tuple[str, Any]] = [("act", "value")]
        _step(terms, r.amount.unit, conv.unit)
        mass_amount = sample.dimensionality == Q_(1.0, "kg").dimensionality
        factors: list[tuple[str, Any]] = []
        units: Any = conv.unit
        for t in conv.trace:
            op = "*"
            if t.name == "density" and mass_amount:
                op = "/"
            if t.name == "heat_value" and kind == "energy" and conv.method == "recommended":
                op = "/"
            factors.append((op, t))
            u = parse_unit(t.unit)
            units = units * u if op == "*" else units / u
        names = {t.name for t in conv.trace}
        heat = bool(names & {"heat_value", "heat_value_per_mass"}) and any(n.startswith("per_tj.") for n in names)
        rest = float(Q_(1.0, units).m_as("kg"))
        terms.extend(factors)
        if heat:
            tj = _conversion("kcal", "TJ")
            terms.append(("*", tj))
            rest /= tj.value
        if abs(rest - 1.0) > 1e-12:
            terms.append(("*", _residual(units, rest)))
        # the chain must give the library's own factor: otherwise the line is written as a value
        library = conv.per_unit * float(Q_(1.0, r.amount.quantity.units).m_as(conv.unit))
        if abs(_product(terms) - library) > 1e-12 * abs(library):
            return _Plan(reason=f"its factors ({', '.join(sorted(names))}) do not combine into one product")
        gwp = None
        if ln.gas != "CO2":
            fv = fs.gwp_value(ln.gas, self.inv.gwp)
            gwp = FactorTrace.of(fs, f"gwp.{self.inv.gwp}.{ln.gas}", fv)
        return _Plan(tuple(terms), gwp)


def _residual(units: Any, value: float) -> FactorTrace:
    label = _unit_label(units)
    return FactorTrace(
        name=f"unit: {label} → kg",
        value=value,
        unit=_ratio("kg", label),
        status="official",
        source="carbonaudit",
        citation="units registry",
        note="unit conversion of carbonaudit's units registry",
    )


# -- writing ----------------------------------------------------------------------------------


def _col_letter(index: int) -> str:
    """Column letters of a 0-based column index (0 -> A, 26 -> AA)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


_PLAIN_ID = re.compile(r"[^\W\d][\w\-. ]*")
_MONTH_FIRST = re.compile(r"(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-\s./]?\d")


def _safe_criterion(text: str) -> bool:
    """Whether Excel's SUMIFS matches *text* as the text itself, not as a pattern, number, date or boolean.

    Excel reads a criterion that looks like anything else as that thing: ``*``, ``?`` and ``~`` are
    patterns, ``<>=`` operators, and ``12``, ``5%``, ``1/2``, ``$1``, ``1,000``, ``2024-01-01``,
    ``Jan-1`` and ``TRUE`` numbers, dates or booleans. Only an id that starts with a letter (or
    ``_``, or a CJK character) and holds only letters, digits, ``_``, ``-``, ``.`` and spaces, not a
    boolean and not a month followed by a number, is written as a criterion; any other is summed by
    the library and written as a value with a note.
    """
    if not text or len(text) > _MAX_CRITERION or _PLAIN_ID.fullmatch(text) is None:
        return False
    return text.upper() not in ("TRUE", "FALSE") and _MONTH_FIRST.match(text) is None


def _criterion(text: str) -> str:
    return '"' + text + '"'


def write_workbook(inv: Inventory, path: str | Path, labels: dict[str, dict[Any, str]]) -> None:
    """Write *inv* as the auditable workbook at *path* (see the module's docstring)."""
    require("xlsxwriter", "Inventory.to_excel")
    fs = inv.factors
    if fs is None or (inv.lines and not inv.records):
        raise InvalidValueError(
            "Inventory.to_excel needs the records and the factor set the inventory was computed from: this "
            "inventory was built without them",
            python="compute it with inventory.compute(tree, records, year=...)",
        )
    records = inv.records
    planner = _Planner(inv, fs)
    plans = [planner.plan(records[ln.record], ln) for ln in inv.lines]

    # the factors used, each once (a trace's note aside), ordered: unit conversions, then by name and fuel
    to_t = _conversion("kg", "t")
    used: dict[tuple[Any, ...], list[FactorTrace]] = {_key(to_t): [to_t]}
    for p in {id(p): p for p in plans}.values():  # each distinct plan once
        for t in (*(t for op, t in p.terms if op != "act"), *((p.gwp,) if p.gwp is not None else ())):
            same = used.setdefault(_key(t), [])
            if t not in same:
                same.append(t)
    ordered = sorted(
        used.values(), key=lambda ts: (not ts[0].name.startswith("unit:"), ts[0].name, ts[0].fuel or "", ts[0].value)
    )
    ref = {_key(ts[0]): f"factors!${_FACTOR_VALUE}${i}" for i, ts in enumerate(ordered, start=2)}

    options = {
        "constant_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }
    with atomic_workbook(path, "Inventory.to_excel", options) as wb:
        bold = wb.add_format({"bold": True})
        about = wb.add_worksheet("about")
        ws_f = wb.add_worksheet("factors")
        ws_a = wb.add_worksheet("activity")
        ws_o = wb.add_worksheet("organisations")
        ws_c = wb.add_worksheet("calculation")
        # The calculation sheet's formulas are products of cell references, with no function: the
        # expansion of newer function names (``_xlfn.``) that xlsxwriter runs on every formula, some
        # thirty regular expressions, has nothing to do there and was most of the writing time.
        ws_c._prepare_formula = _arithmetic
        sheets = {
            name: wb.add_worksheet(name)
            for name in ("by_scope", "by_iso_category", "by_category", "by_source", "by_gas", "by_organisation")
        }

        _write_factors(ws_f, ordered, fs, bold)
        _write_activity(ws_a, records, bold)
        _write_orgs(ws_o, inv, bold)
        values = _write_calculation(ws_c, inv, plans, ref, ref[_key(to_t)], bold)
        n = len(inv.lines)
        last = max(n + 1, 2)
        _write_summaries(sheets, inv, last, bold, labels)
        _write_about(about, inv, fs, values, bold)


def _arithmetic(formula: str, expand_future_functions: bool = False) -> str:
    """xlsxwriter's formula preparation for formulas without functions: the leading ``=`` removed."""
    return formula[1:] if formula.startswith("=") else formula


def _key(t: FactorTrace) -> tuple[Any, ...]:
    """What makes a factor row: everything but the note (a GWP's note says which rule applied)."""
    return (t.name, t.fuel, t.value, t.unit, t.source, t.citation, t.status)


def _write_factors(ws: Any, ordered: list[list[FactorTrace]], fs: FactorSet, bold: Any) -> None:
    ws.write_row(0, 0, FACTOR_COLUMNS, bold)
    for i, same in enumerate(ordered, start=1):
        t = same[0]
        note = " | ".join(dict.fromkeys(x.note for x in same if x.note))
        src = fs.sources.get(t.source)
        date = src.date if src is not None and src.date else ""
        ws.write_string(i, 0, t.name)
        if t.fuel:
            ws.write_string(i, 1, t.fuel)
        ws.write_number(i, 2, _exact(t.value))
        ws.write_string(i, 3, t.unit)
        ws.write_string(i, 4, t.source)
        ws.write_string(i, 5, t.citation)
        if date:
            ws.write_string(i, 6, date)
        ws.write_string(i, 7, t.status)
        if note:
            ws.write_string(i, 8, note)


def activity_row(r: ActivityRecord) -> dict[str, str | int | float]:
    """A record as the cells of its activity row (absent fields left out)."""
    row: dict[str, str | int | float] = {
        "org": r.org,
        "year": r.year,
        "kind": r.kind,
        "value": r.amount.value,
        "unit": r.amount.unit,
    }
    for name in ("fuel", "use", "gas", "equipment_class", "agent", "origin", "grid_category"):
        v = getattr(r, name)
        if v is not None:
            row[name] = v
    if r.leak_rate is not None:
        row["leak_rate"] = r.leak_rate
    if r.emission_factor is not None:
        row["emission_factor_value"] = r.emission_factor.value
        row["emission_factor_unit"] = r.emission_factor.unit
    if r.supplier_factor is not None:
        row["supplier_factor_value"] = r.supplier_factor.value
        row["supplier_factor_unit"] = r.supplier_factor.unit
    if r.note:
        row["note"] = r.note
    row["quality"] = r.quality
    return row


ORG_COLUMNS = _ORG_COLUMNS
"""The organisations sheet's columns, then one ``status_<AD year>`` column per year with a status."""


def org_row(o: Organisation) -> dict[str, str | int | float]:
    """An organisation as the cells of its row of the organisations sheet (absent fields left out)."""
    row: dict[str, str | int | float] = {"id": o.id, "name": o.name, "boundary": o.boundary, "vehicles": o.vehicles}
    if o.name_en:
        row["name_en"] = o.name_en
    if o.parent is not None:
        row["parent"] = o.parent
    if o.staff is not None:
        row["staff"] = o.staff
    if o.floor_area is not None:
        row["floor_area_value"] = o.floor_area.value
        row["floor_area_unit"] = o.floor_area.unit
    for year, status in o.status.items():
        row[f"status_{year}"] = status
    return row


def _write_orgs(ws: Any, inv: Inventory, bold: Any) -> None:
    years = sorted({y for o in inv.tree for y in o.status})
    columns = [*ORG_COLUMNS, *(f"status_{y}" for y in years)]
    _write_rows(ws, columns, (org_row(o) for o in inv.tree), bold, "organisation")


def _write_rows(ws: Any, columns: Sequence[str], rows: Any, bold: Any, what: str) -> None:
    """A header of *columns*, then each row (a dict of column to value); a text a cell would not keep is refused."""
    ws.write_row(0, 0, columns, bold)
    index = {name: i for i, name in enumerate(columns)}
    write_string, write_number = ws.write_string, ws.write_number
    for i, row in enumerate(rows, start=1):
        for name, v in row.items():
            if isinstance(v, str):
                problem = text_problem(v)
                if problem is not None:  # too long for a cell, or not read back as written
                    raise InvalidValueError(f"{what} {i} ({name}): {problem}")
                write_string(i, index[name], v)
            elif isinstance(v, int):  # a year, a count
                write_number(i, index[name], v)
            else:
                write_number(i, index[name], _exact(v))


def _write_activity(ws: Any, records: Sequence[ActivityRecord], bold: Any) -> None:
    _write_rows(ws, ACTIVITY_COLUMNS, (activity_row(r) for r in records), bold, "record")


def _write_calculation(
    ws: Any, inv: Inventory, plans: list[_Plan], ref: dict[tuple[Any, ...], str], kg_to_t: str, bold: Any
) -> list[int]:
    """The calculation sheet; returns the Excel rows written as values (not formulas)."""
    ws.write_row(0, 0, CALCULATION_COLUMNS, bold)
    write_string, write_number, write_formula = ws.write_string, ws.write_number, ws.write_formula
    # each distinct plan's two formulas, as text around the record's activity row and the line's row
    templates: dict[int, tuple[list[str], str]] = {}
    for plan in {id(p): p for p in plans}.values():  # the planner's cache: each distinct plan is one object
        if plan.reason:
            continue
        parts: list[str] = []  # the text between activity row numbers
        text = "="
        for op, t in plan.terms:
            if op == "act":
                if text != "=":
                    text += "*"
                parts.append(text + f"activity!{_ACT[t]}")
                text = ""
            else:
                text += op + ref[_key(t)]
        parts.append(text)
        gwp = f"*{ref[_key(plan.gwp)]}" if plan.gwp is not None else ""
        templates[id(plan)] = (parts, f"{gwp}*{kg_to_t}")
    iso_cache: dict[tuple[str, str], int] = {}
    values: list[int] = []
    for i, (ln, plan) in enumerate(zip(inv.lines, plans, strict=True), start=1):
        excel_row = i + 1
        key = (ln.source, ln.category)
        iso = iso_cache.get(key)
        if iso is None:
            iso = iso_cache[key] = ln.iso_category
        write_string(i, 0, ln.org)
        write_number(i, 1, ln.scope)
        write_number(i, 2, iso)
        write_string(i, 3, ln.category)
        write_string(i, 4, ln.source)
        write_string(i, 5, ln.gas)
        if ln.scope2_method:
            write_string(i, 6, ln.scope2_method)
        mass, co2e_t = ln.mass_kg, ln.co2e_kg / 1000
        if plan.reason:
            write_number(i, 7, _exact(mass))
            write_number(i, 8, _exact(co2e_t))
            write_string(i, 9, f"a value, not a formula: {plan.reason}")
            values.append(excel_row)
            continue
        parts, tail = templates[id(plan)]
        act = str(ln.record + 2)
        write_formula(i, 7, act.join(parts), None, _exact(mass))
        write_formula(i, 8, f"=H{excel_row}{tail}", None, _exact(co2e_t))
        if ln.note:
            write_string(i, 9, ln.note)
    return values


def _write_summaries(
    sheets: dict[str, Any], inv: Inventory, last: int, bold: Any, labels: dict[str, dict[Any, str]]
) -> None:
    def rng(name: str) -> str:
        c = _COL[name]
        return f"calculation!${c}$2:${c}${last}"

    co2e, method = rng("co2e_t"), rng("scope2_method")
    counted = f'{method},"<>market"'
    header = ("key", "name", "t_co2e", "note")

    # by scope: the rows of Inventory.summary()
    ws = sheets["by_scope"]
    ws.write_row(0, 0, header, bold)
    criteria = [
        (1, f"{rng('scope')},1,{counted}"),
        (2, f"{rng('scope')},2,{counted}"),
        ("2 market", f'{method},"market"'),
        (3, f"{rng('scope')},3,{counted}"),
        ("total", counted),
    ]
    for i, ((label, value), (key, scope_criteria)) in enumerate(zip(inv.summary(), criteria, strict=True), start=1):
        if isinstance(key, int):
            ws.write_number(i, 0, key)
        else:
            ws.write_string(i, 0, key)
        ws.write_string(i, 1, label)
        ws.write_formula(i, 2, f"=SUMIFS({co2e},{scope_criteria})", None, _exact(value))

    blocks: list[tuple[str, str, dict[Any, float], dict[Any, str]]] = [
        ("by_iso_category", "iso_category", inv.by_iso_category(), labels["iso_category"]),
        ("by_category", "category", inv.by_category(), labels["category"]),
        ("by_source", "source", inv.by_source(), {}),
        ("by_gas", "gas", inv.by_gas(), {}),
    ]
    for sheet, column, totals, names in blocks:
        ws = sheets[sheet]
        ws.write_row(0, 0, header, bold)
        for i, key in enumerate(sorted(totals, key=str), start=1):
            value = totals[key]
            if isinstance(key, int):
                ws.write_number(i, 0, key)
                crit: str | None = str(key)
            else:
                ws.write_string(i, 0, key)
                crit = _criterion(key) if _safe_criterion(key) else None
            if key in names:
                ws.write_string(i, 1, names[key])
            if crit is None:
                ws.write_number(i, 2, _exact(value))
                ws.write_string(i, 3, f"a value, not a formula: SUMIFS would not match {key!r} exactly")
            else:
                ws.write_formula(i, 2, f"=SUMIFS({co2e},{rng(column)},{crit},{counted})", None, _exact(value))
    _write_organisations(sheets["by_organisation"], inv, rng("org"), co2e, counted, bold)


def _write_organisations(ws: Any, inv: Inventory, org_range: str, co2e: str, counted: str, bold: Any) -> None:
    """Each organisation's own total and its total with everything below it (SUMIFS over ancestor columns).

    Columns: id, name, parent, level (1 at a root), own_t_co2e, total_t_co2e, note, then
    level_1 ... level_D: the number (row of this sheet) of the organisation's ancestor at each
    level, itself at its own. An organisation's total is the SUMIFS of own_t_co2e over the rows
    whose level column of its level holds its number.
    """
    tree = inv.tree
    order = [o for root in tree.roots() for o in tree.descendants(root.id)]
    row_of = {o.id: i + 2 for i, o in enumerate(order)}
    depth: dict[str, int] = {}
    chain: dict[str, list[int]] = {}
    for o in order:  # parents before their children
        above = chain[o.parent] if o.parent is not None else []
        chain[o.id] = [*above, row_of[o.id]]
        depth[o.id] = len(chain[o.id])
    levels = max(depth.values(), default=0)
    deep = levels > _MAX_DEPTH
    lowered: dict[str, int] = {}
    for o in order:
        lowered[o.id.casefold()] = lowered.get(o.id.casefold(), 0) + 1
    header = ["id", "name", "parent", "level", "own_t_co2e", "total_t_co2e", "note"]
    first_level = len(header)
    if not deep:
        header += [f"level_{d}" for d in range(1, levels + 1)]
    ws.write_row(0, 0, header, bold)
    own, total = inv.own(), inv.rolled_up()
    n = len(order)
    last = max(n + 1, 2)
    own_range = f"$E$2:$E${last}"
    for i, o in enumerate(order, start=1):
        r = i + 1
        ws.write_string(i, 0, o.id)
        ws.write_string(i, 1, o.name)
        if o.parent is not None:
            ws.write_string(i, 2, o.parent)
        ws.write_number(i, 3, depth[o.id])
        notes = []
        if _safe_criterion(o.id) and lowered[o.id.casefold()] == 1:
            ws.write_formula(i, 4, f"=SUMIFS({co2e},{org_range},{_criterion(o.id)},{counted})", None, _exact(own[o.id]))
        else:
            ws.write_number(i, 4, _exact(own[o.id]))
            notes.append("own: a value, not a formula: SUMIFS would not match this id exactly")
        if deep:
            ws.write_number(i, 5, _exact(total[o.id]))
            notes.append(
                f"total: a value, not a formula: the tree is {levels} levels deep (formulas up to {_MAX_DEPTH})"
            )
        else:
            col = _col_letter(first_level + depth[o.id] - 1)
            ws.write_formula(i, 5, f"=SUMIFS({own_range},${col}$2:${col}${last},{r})", None, _exact(total[o.id]))
        if notes:
            ws.write_string(i, 6, "; ".join(notes))
        if not deep:
            for d, number in enumerate(chain[o.id]):
                ws.write_number(i, first_level + d, number)


def _write_about(ws: Any, inv: Inventory, fs: FactorSet, values: list[int], bold: Any) -> None:
    lines = [
        ("inventory year", str(inv.year)),
        ("factor set", inv.factor_set),
        ("GWP set", inv.gwp),
        ("lines", str(len(inv.lines))),
        ("records", str(len(inv.records))),
        ("factors", "each factor value used, once: value, unit, source key, document and table, date, status"),
        ("activity", "each record as given, in the columns of the records CSV"),
        (
            "calculation",
            "one row per record and gas: mass_kg = the record's amount (activity, column value) x its unit's "
            "conversion x the factors (heat value x 4.1868E-9 TJ/kcal x per-TJ factor; grid factor; leak rate; "
            "the record's own factor), co2e_t = mass_kg x GWP x 0.001 t/kg; every factor a cell of 'factors'",
        ),
        (
            "by_scope ... by_gas",
            "SUMIFS of calculation!co2e_t; market-based scope 2 lines (scope2_method 'market') are counted only "
            "in their own row",
        ),
        (
            "by_organisation",
            "own_t_co2e: SUMIFS by organisation; total_t_co2e: SUMIFS of own_t_co2e over the organisations whose "
            "ancestor at this organisation's level is this one (level_1 ... columns hold row numbers)",
        ),
        (
            "values, not formulas",
            f"{len(values)} calculation rows (each says why in its note)" if values else "none in calculation",
        ),
    ]
    ws.write_row(0, 0, ("item", "description"), bold)
    for i, (item, text) in enumerate(lines, start=1):
        ws.write_string(i, 0, item)
        ws.write_string(i, 1, text)
