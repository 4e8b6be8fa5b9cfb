"""Reading inventory data: organisations from YAML, activity records from CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._data import MAX_CSV_BYTES, load_yaml, not_utf8, read_capped
from ..errors import CarbonAuditError, DataFileError
from .models import YEAR_RANGE, ActivityRecord, Organisation, OrgTree

__all__ = ["read_orgs", "read_records"]

_REQUIRED = ("org", "year", "kind", "value", "unit")
_OPTIONAL = ("fuel", "use", "gas", "equipment_class", "agent", "origin", "grid_category")
_COLUMNS = (
    *_REQUIRED,
    *_OPTIONAL,
    "leak_rate",
    "emission_factor_value",
    "emission_factor_unit",
    "supplier_factor_value",
    "supplier_factor_unit",
    "note",
    "quality",
)


def read_orgs(path: str | Path) -> OrgTree:
    """Organisations from a YAML file with a list under ``organisations`` (see ``examples/``).

    The agencies of government-inventory's bottom-up inventory (盤查小組 → 一級機關 → 二級機關 → 三級機關), each
    with its reporting status per year (未登錄, 登錄中, 已登錄完成).

    Parameters
    ----------
    path : str or Path
        The YAML file (UTF-8), or an ``.xlsx`` workbook (an ``.xlsx`` name or a zip's first bytes)
        with a sheet ``organisations``: columns id, name, name_en, parent, boundary, staff,
        floor_area_value, floor_area_unit, vehicles and one ``status_<AD year>`` per year (as
        :meth:`Inventory.to_excel` writes it).

    Returns
    -------
    OrgTree
        The organisations as a tree.

    Raises
    ------
    DataFileError
        For an unreadable or non-UTF-8 file, a file over 20 MB, invalid YAML (aliases included;
        the message gives the line and column), no list under ``organisations``, or an
        invalid organisation (the message names it by position and id).
    InvalidValueError
        For a tree with a duplicate id, a missing parent or a cycle (the message names the file).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "orgs.yaml")
    ...     _ = path.write_text('''organisations:
    ... - {id: team, name: 盤查小組}
    ... - {id: a, name: A局, parent: team, status: {2024: complete}}
    ... ''', encoding="utf-8")
    ...     tree = read_orgs(path)
    >>> [o.id for o in tree.children("team")], tree["a"].status
    (['a'], {2024: 'complete'})
    """
    from .._xlsx import is_workbook

    if is_workbook(path):
        return _orgs_from_workbook(Path(path))
    data = load_yaml(Path(path), what="organisations file")
    items = data.get("organisations")
    if not isinstance(items, list):
        raise DataFileError(
            f"{path}: expected a list under 'organisations' (- {{id: ..., name: ..., parent: ...}}), "
            f"got {type(items).__name__}"
        )
    orgs = []
    for i, item in enumerate(items):
        try:
            orgs.append(Organisation.model_validate(item))
        except ValidationError as exc:
            where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            name = item.get("id") if isinstance(item, dict) else item
            raise DataFileError(f"{path}: organisations[{i}] ({str(name)[:80]!r}): {where}") from exc
    try:
        return OrgTree(orgs)
    except CarbonAuditError as exc:
        raise exc.within(f"{path}: ") from exc


def read_records(path: str | Path) -> list[ActivityRecord]:
    """Activity records from a CSV file (columns as in ``examples/inventory_records.csv``).

    The activity data of government-inventory (電、油、氣、冷媒、滅火器: the year's use or refill per agency).
    Empty cells are absent values.

    Parameters
    ----------
    path : str or Path
        The CSV file (UTF-8, with or without BOM): columns org, year (AD), kind, value, unit and,
        where they apply, fuel, use, gas, equipment_class, leak_rate, agent, origin (fossil or
        biogenic, of the CH4 of a fugitive or process record), grid_category (average, industry
        or residential, of an electricity record), emission_factor_value, emission_factor_unit,
        supplier_factor_value, supplier_factor_unit, note, quality. Or an ``.xlsx`` workbook (an
        ``.xlsx`` name or a zip's first bytes) with these columns on a sheet ``activity`` (as
        :meth:`Inventory.to_excel` writes it): numbers as numbers, read exactly.

    Returns
    -------
    list of ActivityRecord
        One record per row, in file order.

    Raises
    ------
    DataFileError
        For an unreadable or non-UTF-8 file, a file over 50 MB
        (``carbonaudit._data.MAX_CSV_BYTES``: split it, e.g. by year), a header without a required
        column or with an unknown or repeated one, a row with more cells than the header (an
        unquoted ``12,000``), a line over a million characters, text that is not CSV (a cell over
        131,072 characters: an unclosed quote), or a row that is not a valid record. Every message
        about a row names it by its line in the file (``records.csv, line 5: ...``, the header being
        line 1), then the column (``value``, ``unit``, ``year``) and the value; a year written in ROC
        (``113``, ``113年``) is named as one with the AD year to write (ROC 113 = AD 2024).
        A workbook's messages name the file, the sheet and the cell (``records.xlsx, sheet
        'activity', cell D7: ...``): a missing sheet, an unknown heading, text in a number cell,
        merged cells, a formula in an input cell, a value outside the columns, an ``.xls`` or a
        CSV saved under an ``.xlsx`` name.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "records.csv")
    ...     _ = path.write_text('''org,year,kind,value,unit,agent
    ... a,2024,electricity,10000,kWh,
    ... a,2024,extinguisher,10,kg,CO2
    ... ''', encoding="utf-8")
    ...     records = read_records(path)
    >>> [(r.kind, r.amount.value, r.amount.unit, r.agent) for r in records]
    [('electricity', 10000.0, 'kWh', None), ('extinguisher', 10.0, 'kg', 'CO2')]
    """
    from .._xlsx import is_workbook

    p = Path(path)
    if is_workbook(p):
        return _records_from_workbook(p)
    try:
        raw = read_capped(p, "records file", MAX_CSV_BYTES)
    except OSError as exc:
        raise DataFileError(f"cannot read records {p}: {exc.strerror or exc}") from exc
    # decoded a chunk at a time as the rows are read (the text is never held whole, as str or buffer)
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline="")
    reader = csv.reader(_lines(stream, p))
    records = []
    try:
        header = _header(next(reader, None), p)
        for cells in reader:
            if not cells:  # a blank line
                continue
            line = _first_line(reader.line_num, cells)
            if len(cells) > len(header):
                raise DataFileError(
                    f"{p}, line {line}: the row has {len(cells)} cells but the header has {len(header)} columns: "
                    "an unquoted comma (a number written 12,000?) shifts the cells; write numbers without "
                    "thousands separators and quote text holding a comma"
                )
            row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))  # short: empty
            try:
                records.append(ActivityRecord.model_validate(_record(row)))
            except ValidationError as exc:
                detail = "; ".join(_column_error(e["loc"], e["msg"]) for e in exc.errors())
                raise DataFileError(f"{p}, line {line}: {detail}") from exc
            except _CellError as exc:
                raise DataFileError(f"{p}, line {line}: {exc}") from exc
    except csv.Error as exc:  # a field over csv.field_size_limit(), a quote in the wrong place
        raise DataFileError(
            f"{p}, line {reader.line_num}: not valid CSV: {exc} (an unclosed quote makes the rest of the file "
            "one cell: check the quotes)"
        ) from exc
    except UnicodeDecodeError as exc:  # e.g. a Big5/CP950 export: the stream counts from its last chunk
        raise DataFileError(not_utf8(f"cannot read records {p}", _first_bad_byte(raw, exc))) from exc
    finally:
        stream.close()
    return records


def _first_bad_byte(raw: bytes, exc: UnicodeDecodeError) -> UnicodeDecodeError:
    """The decoding error of the whole file (its byte and line), not of the stream's last chunk."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as whole:
        return whole
    return exc  # pragma: no cover - the stream found a byte the whole decode accepts


_MAX_LINE = 1_000_000
"""Longest line of a records CSV [characters]: a row is a few hundred; a million commas on one line
would make a list of a million cells (csv caps each cell at 131,072 characters, not their number)."""


def _lines(stream: Iterable[str], p: Path) -> Iterator[str]:
    """The lines of *stream* for :func:`csv.reader`, each checked against :data:`_MAX_LINE`."""
    for number, line in enumerate(stream, start=1):
        if len(line) > _MAX_LINE:
            raise DataFileError(
                f"{p}, line {number}: the line is {len(line):,} characters long, more than the {_MAX_LINE:,} a "
                "records row may have: this is not a records CSV (or a quote is not closed)"
            )
        yield line


class _CellError(ValueError):
    """A cell that is not what its column holds (names the column and the value)."""


def _first_line(line_num: int, cells: list[str]) -> int:
    """The file line a row starts on (1-based): *line_num* is the reader's count after the row, its last line.

    A quoted cell may hold line breaks; the row is named by its first line, as an editor shows it.
    """
    return line_num - sum(c.count("\n") for c in cells)


_FIELD_COLUMNS = {
    ("amount", "value"): "value",
    ("amount", "unit"): "unit",
    ("amount",): "value, unit",
    ("emission_factor", "value"): "emission_factor_value",
    ("emission_factor", "unit"): "emission_factor_unit",
    ("emission_factor",): "emission_factor_value, emission_factor_unit",
    ("supplier_factor", "value"): "supplier_factor_value",
    ("supplier_factor", "unit"): "supplier_factor_unit",
    ("supplier_factor",): "supplier_factor_value, supplier_factor_unit",
}
"""The CSV columns an ActivityRecord field is read from, to name them in a row's error."""


def _column_error(loc: tuple[Any, ...], message: str) -> str:
    """A record's validation error as ``column: problem``, in the CSV's column names (no pydantic prefix)."""
    message = message.removeprefix("Value error, ")
    column = _FIELD_COLUMNS.get(tuple(loc), ".".join(map(str, loc)))
    return f"{column}: {message}" if column else message


def _header(cells: list[str] | None, p: Path) -> list[str]:
    """The columns of the header line, checked: the required ones present, none unknown or repeated."""
    if cells is None:
        raise DataFileError(
            f"{p}: the file is empty; the first line must name the columns ({', '.join(_REQUIRED)}, ...)"
        )
    header = [c.strip() for c in cells]
    missing = [c for c in _REQUIRED if c not in header]
    unknown = [c for c in header if c not in _COLUMNS]
    repeated = sorted({c for c in header if header.count(c) > 1})
    if missing or unknown or repeated:
        problems = []
        if missing:
            problems.append(f"no column {', '.join(map(repr, missing))}")
        if unknown:
            problems.append(f"unknown columns {', '.join(repr(c[:40]) for c in unknown[:5])}")
        if repeated:
            problems.append(f"repeated columns {', '.join(map(repr, repeated[:5]))}")
        raise DataFileError(
            f"{p}, line 1: the header has {'; '.join(problems)}; the columns are {', '.join(_COLUMNS)} "
            f"({', '.join(_REQUIRED)} required)"
        )
    return header


def _cell(row: dict[str, str], column: str, convert: Any, expected: str) -> Any:
    text = row[column]
    try:
        return convert(text)
    except (ValueError, OverflowError):
        raise _CellError(f"{column}: {text[:60]!r} is not {expected}") from None


_NUMBER = "a number (digits only: no thousands separators or units, e.g. 12000.5)"
_YEAR_TEXT = re.compile(r"(民國)?\s*(\d{1,4})\s*(年)?")


def _year(text: str) -> int:
    """The year cell as an int; an ROC year (``113``, ``113年``, ``民國113年``) is refused with its AD year.

    The records' year column is AD, as the inventory's years are. An ROC year is named as one by
    the rule of :mod:`carbonaudit.periods` (a positive year below 1912 that is an ROC year), with
    the AD year to write (ROC year + 1911): never read as AD 113 nor converted unseen.
    """
    from ..errors import PeriodError
    from ..periods import roc_to_ad

    written = _YEAR_TEXT.fullmatch(text.strip())
    if written is None:
        raise _CellError(f"year: {text[:60]!r} is not an AD year as a whole number (e.g. 2024)")
    year = int(written.group(2))
    low = YEAR_RANGE[0]
    if year < low:
        try:
            ad = roc_to_ad(year)
        except PeriodError:
            ad = None
        if ad is not None and ad >= low:
            raise _CellError(
                f"year: {text.strip()!r} is an ROC year (ROC {year} = AD {ad}); the year column is in AD: write {ad}"
            )
    if written.group(1) or written.group(3):  # 2024年: a year, but not as the column writes it
        raise _CellError(f"year: {text.strip()!r} is not written as the column's years are: write {year}")
    return year


def _record(row: dict[str, str]) -> dict[str, Any]:
    _orphan_unit(row.get)
    out: dict[str, Any] = {
        "org": row["org"],
        "year": _year(row["year"]),
        "kind": row["kind"],
        "amount": {"value": _cell(row, "value", float, _NUMBER), "unit": row["unit"]},
        "note": row.get("note") or "",
        "quality": row.get("quality") or "invoiced",
    }
    for key in _OPTIONAL:
        if row.get(key):
            out[key] = row[key]
    if row.get("leak_rate"):
        out["leak_rate"] = _cell(row, "leak_rate", float, "a fraction (e.g. 0.05)")
    if row.get("emission_factor_value"):
        out["emission_factor"] = {
            "value": _cell(row, "emission_factor_value", float, _NUMBER),
            "unit": row.get("emission_factor_unit") or "kg",
        }
    if row.get("supplier_factor_value"):
        out["supplier_factor"] = {
            "value": _cell(row, "supplier_factor_value", float, _NUMBER),
            "unit": row.get("supplier_factor_unit") or "kg/kWh",
        }
    return out


# -- workbooks (.xlsx): the same columns on a sheet ---------------------------------------------

RECORDS_SHEET = "activity"
"""The sheet of a records workbook (as :meth:`Inventory.to_excel` writes it)."""
ORGS_SHEET = "organisations"
"""The sheet of an organisations workbook (as :meth:`Inventory.to_excel` writes it)."""

_NUMBER_COLUMNS = ("value", "leak_rate", "emission_factor_value", "supplier_factor_value")


def _records_from_workbook(p: Path) -> list[ActivityRecord]:
    """The records of the ``activity`` sheet: the CSV's columns, one record per row."""
    from .._xlsx import Column, open_workbook, read_table, sheet, where

    wb = open_workbook(p, "records file")
    ws = sheet(
        wb,
        p,
        RECORDS_SHEET,
        advice="the records are read from a sheet named 'activity' (as Inventory.to_excel writes it): rename the sheet",
    )
    columns = [
        Column(c, kind="number" if c in _NUMBER_COLUMNS else "any" if c == "year" else "text", required=c in _REQUIRED)
        for c in _COLUMNS
    ]
    records = []
    for row in read_table(ws, p, columns):

        def place(column: str, row: Any = row) -> str:
            cell = row.cells.get(column.split(",")[0].strip())
            return where(p, RECORDS_SHEET, cell) if cell else f"{where(p, RECORDS_SHEET)}, row {row.number}"

        cells = row.values
        missing = [c for c in _REQUIRED if c not in cells]
        if missing:
            raise DataFileError(
                f"{where(p, RECORDS_SHEET)}, row {row.number}: no {', '.join(missing)}: every record has "
                f"{', '.join(_REQUIRED)}"
            )
        try:
            item = _workbook_record(cells)
        except _CellError as exc:
            raise DataFileError(f"{place(str(exc).split(':')[0])}: {exc}") from exc
        try:
            records.append(ActivityRecord.model_validate(item))
        except ValidationError as exc:
            errors = exc.errors()
            loc = tuple(str(part) for part in errors[0]["loc"])
            column = _FIELD_COLUMNS.get(loc, ".".join(loc))
            detail = "; ".join(_column_error(e["loc"], e["msg"]) for e in errors)
            raise DataFileError(f"{place(column or 'org')}: {detail}") from exc
    return records


def _orphan_unit(get: Any) -> None:
    """Refuse a factor's unit given without its value (*get* reads a column's cell, empty or absent as falsy).

    The unit would otherwise be dropped unread: the record would be computed with the published factor.
    """
    for name in ("emission_factor", "supplier_factor"):
        unit = get(f"{name}_unit")
        if unit and not get(f"{name}_value") and get(f"{name}_value") != 0:
            raise _CellError(
                f"{name}_unit: {str(unit)[:40]!r} is given without {name}_value: write the factor's value beside "
                "its unit, or leave the unit empty"
            )


def _workbook_record(cells: dict[str, Any]) -> dict[str, Any]:
    """A row's values (numbers already numbers) as an ActivityRecord's fields."""
    _orphan_unit(cells.get)
    year = cells["year"]
    if isinstance(year, float) and year.is_integer():
        year = int(year)
    out: dict[str, Any] = {
        "org": cells["org"],
        "year": _year(str(year)) if isinstance(year, (int, str)) and not isinstance(year, bool) else _bad_year(year),
        "kind": cells["kind"],
        "amount": {"value": cells["value"], "unit": cells["unit"]},
        "note": cells.get("note", ""),
        "quality": cells.get("quality", "invoiced"),
    }
    for key in _OPTIONAL:
        if key in cells:
            out[key] = cells[key]
    if "leak_rate" in cells:
        out["leak_rate"] = cells["leak_rate"]
    if "emission_factor_value" in cells:
        out["emission_factor"] = {
            "value": cells["emission_factor_value"],
            "unit": cells.get("emission_factor_unit", "kg"),
        }
    if "supplier_factor_value" in cells:
        out["supplier_factor"] = {
            "value": cells["supplier_factor_value"],
            "unit": cells.get("supplier_factor_unit", "kg/kWh"),
        }
    return out


def _bad_year(value: Any) -> int:
    raise _CellError(f"year: {str(value)[:60]!r} is not an AD year as a whole number (e.g. 2024)")


def _orgs_from_workbook(p: Path) -> OrgTree:
    """The organisations of the ``organisations`` sheet: id, name, parent ... and a ``status_<year>`` column per year."""
    from .._xlsx import Column, open_workbook, read_table, sheet, where

    wb = open_workbook(p, "organisations file")
    ws = sheet(
        wb, p, ORGS_SHEET, advice="the organisations are read from a sheet named 'organisations': rename the sheet"
    )
    kinds = {"staff": "integer", "vehicles": "integer", "floor_area_value": "number"}
    columns = [Column(c, kind=kinds.get(c, "text"), required=c in ("id", "name")) for c in _ORG_COLUMNS]  # type: ignore[arg-type]
    header = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
    for value in header:
        if isinstance(value, str) and re.fullmatch(r"status_\d{4}", value.strip()):
            columns.append(Column(value.strip(), kind="text"))
    orgs = []
    for row in read_table(ws, p, columns):
        cells = dict(row.values)
        item: dict[str, Any] = {k: v for k, v in cells.items() if k in _ORG_COLUMNS and not k.startswith("floor_area")}
        if "floor_area_value" in cells or "floor_area_unit" in cells:
            item["floor_area"] = {"value": cells.get("floor_area_value"), "unit": cells.get("floor_area_unit", "m**2")}
        status = {int(k.removeprefix("status_")): v for k, v in cells.items() if k.startswith("status_")}
        if status:
            item["status"] = status
        try:
            orgs.append(Organisation.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = first["loc"]
            key = (
                "floor_area_value"
                if loc and loc[0] == "floor_area"
                else f"status_{loc[1]}"
                if len(loc) > 1 and loc[0] == "status"
                else str(loc[0])
                if loc
                else "id"
            )
            cell = row.cells.get(key)
            place = where(p, ORGS_SHEET, cell) if cell else f"{where(p, ORGS_SHEET)}, row {row.number}"
            where_ = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise DataFileError(f"{place} ({str(cells.get('id', ''))[:80]!r}): {where_}") from exc
    try:
        return OrgTree(orgs)
    except CarbonAuditError as exc:
        raise exc.within(f"{p}, sheet {ORGS_SHEET!r}: ") from exc


_ORG_COLUMNS = (
    "id",
    "name",
    "name_en",
    "parent",
    "boundary",
    "staff",
    "floor_area_value",
    "floor_area_unit",
    "vehicles",
)
