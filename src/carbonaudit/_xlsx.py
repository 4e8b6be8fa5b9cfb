"""Excel workbooks (private): reading ``.xlsx`` files typed by hand, and writing numbers exactly.

Reading goes through openpyxl (``carbonaudit[excel]``), which sees what a workbook typed by hand
can hold that a CSV cannot: merged cells, formulas in input cells, numbers stored as text, dates.
Every problem is a :class:`~carbonaudit.errors.DataFileError` naming the file, the sheet, the cell
and what to do, and nothing is dropped silently: a value outside the table's columns, a column the
reader does not know, a formula where a value belongs are all refused.

* :func:`open_workbook` opens a file after looking at its first bytes: an Excel 97-2003 ``.xls``
  (or a password-protected workbook: both are OLE files), a text file with an ``.xlsx`` name (a CSV
  renamed, in Big5 or UTF-8) and anything else that is not a zip are refused with what to do;
  so is a workbook larger than :data:`MAX_XLSX_BYTES`, or one whose parts expand beyond
  :data:`MAX_XLSX_EXPANDED_BYTES`.
* :func:`sheet` finds a sheet by name (a missing one is named with the sheets there are).
* :func:`read_table` reads a table: one row of column keys (and optionally a row of labels, e.g. the
  form's Chinese headings, checked too), then one row per item, each value checked against its
  column's kind (``text``, ``number``, ``integer``, ``bool``, ``any``).

Writing goes through XlsxWriter, which writes a formula's cached value (openpyxl cannot), so a
workbook opens with its numbers in viewers that do not calculate. Both libraries write numbers to
16 significant digits, which changes a float64 that needs 17 (``0.1 + 0.2`` would be written
``0.3``); :func:`exact` wraps a number so that XlsxWriter writes its shortest exact form instead
(Python's ``repr``), and openpyxl reads that back as the same float.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import re
import secrets
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ._optional import require
from .errors import DataFileError

__all__ = [
    "MAX_CELL_TEXT",
    "MAX_XLSX_BYTES",
    "MAX_XLSX_EXPANDED_BYTES",
    "SUFFIXES",
    "Column",
    "Row",
    "atomic_workbook",
    "exact",
    "is_workbook",
    "open_workbook",
    "read_table",
    "sheet",
    "text_problem",
    "where",
]

MAX_XLSX_BYTES = 50_000_000
"""Largest workbook read [bytes]: 50 MB, as for a records CSV (an xlsx is compressed: several
hundred thousand rows)."""

MAX_XLSX_EXPANDED_BYTES = 2_000_000_000
"""Largest total size of a workbook's parts once unzipped [bytes]: 2 GB. A workbook's XML
compresses about tenfold; a file that expands a thousandfold is a zip bomb, refused unread."""

SUFFIXES = (".xlsx", ".xlsm")
"""The names read as workbooks (a file of another name is one too if its bytes are a zip)."""

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls), and any encrypted .xlsx

Kind = Literal["text", "number", "integer", "bool", "any"]


class _Exact(float):
    """A float that XlsxWriter writes in full: its ``.16G`` format (XlsxWriter's) is ``repr``."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        if spec in (".16G", ".16g"):
            return repr(float(self))
        return float.__format__(self, spec)


def exact(value: float) -> float:
    """*value* wrapped so that XlsxWriter writes it exactly (17 significant digits where needed).

    Parameters
    ----------
    value : float
        A finite number.

    Returns
    -------
    float
        The same number (``==`` to *value*), of a float subclass whose 16-digit format is its
        shortest round-trip text.

    Examples
    --------
    >>> f"{0.1 + 0.2:.16G}", f"{exact(0.1 + 0.2):.16G}"
    ('0.3', '0.30000000000000004')
    >>> exact(12000.0) == 12000.0
    True
    """
    return _Exact(value)


def is_workbook(path: str | os.PathLike[str]) -> bool:
    """Whether *path* is to be read as a workbook: an ``.xlsx``/``.xlsm`` name, or a zip's first bytes.

    An ``.xls`` name is a workbook too (of the old format, which :func:`open_workbook` refuses with
    what to do), as is a file starting with the OLE signature of one.

    Examples
    --------
    >>> is_workbook("records.xlsx"), is_workbook("records.XLS"), is_workbook("no-such-file.csv")
    (True, True, False)
    """
    p = Path(path)
    if p.suffix.lower() in (*SUFFIXES, ".xls"):
        return True
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return False
    return head.startswith(_ZIP) or head == _OLE


def where(path: str | os.PathLike[str], sheet_name: str, cell: str | None = None) -> str:
    """The place of a problem, as every message names it: ``x.xlsx, sheet '表二', cell C5``."""
    place = f"{path}, sheet {sheet_name!r}"
    return f"{place}, cell {cell}" if cell else place


def _refuse_by_bytes(p: Path, head: bytes, what: str) -> None:
    """Refuse a file whose first bytes are not a zip: an old .xls, an encrypted workbook, text."""
    if head.startswith(_OLE):
        raise DataFileError(
            f"{p}: this {what} is an Excel 97-2003 workbook (.xls) or a password-protected one, which carbonaudit "
            "does not read: open it in Excel and save it as 'Excel Workbook (*.xlsx)', without a password"
        )
    if head.startswith(_ZIP):
        return
    sample = head.rstrip(b"\x00")
    text = bool(sample) and all(b >= 0x20 or b in b"\t\r\n" for b in sample[:8])
    if text:
        raise DataFileError(
            f"{p}: this {what} is not an .xlsx workbook but a text file (a CSV saved with an .xlsx name?): "
            "open it in Excel and save it as 'Excel Workbook (*.xlsx)', or give it a .csv name and read it as CSV"
        )
    raise DataFileError(
        f"{p}: this {what} is not an .xlsx workbook (its first bytes are neither a zip nor an Excel file): "
        "save it from Excel as 'Excel Workbook (*.xlsx)'"
    )


def open_workbook(path: str | os.PathLike[str], what: str) -> Any:
    """The workbook at *path*, opened with openpyxl (formulas kept as formulas, not their cached values).

    Parameters
    ----------
    path : str or os.PathLike
        The ``.xlsx`` file.
    what : str
        What the file is, for the messages (``"declaration"``, ``"records file"``).

    Returns
    -------
    openpyxl.Workbook
        The workbook (not read-only: merged cells and formulas are visible).

    Raises
    ------
    MissingDependencyError
        If openpyxl is not installed (``pip install "carbonaudit[excel]"``).
    DataFileError
        If the file cannot be read, is larger than :data:`MAX_XLSX_BYTES`, expands beyond
        :data:`MAX_XLSX_EXPANDED_BYTES`, is an ``.xls`` or password-protected workbook, is text (a
        CSV with an ``.xlsx`` name), or is not a workbook openpyxl can open.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise DataFileError(f"cannot read {what} {p}: {exc.strerror or exc}") from exc
    _refuse_by_bytes(p, head, what)
    if size > MAX_XLSX_BYTES:
        raise DataFileError(
            f"{p}: the {what} is {size:,} bytes, more than the {MAX_XLSX_BYTES:,} carbonaudit reads: split it "
            "(e.g. by year or by organisation)"
        )
    try:
        with zipfile.ZipFile(p) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise DataFileError(
            f"{p}: the {what} is not a readable .xlsx workbook ({exc}): save it again from Excel"
        ) from exc
    if expanded > MAX_XLSX_EXPANDED_BYTES:
        raise DataFileError(
            f"{p}: the {what}'s parts expand to {expanded:,} bytes, more than the {MAX_XLSX_EXPANDED_BYTES:,} "
            "carbonaudit reads: this is not a workbook typed by hand (a zip bomb?)"
        )
    openpyxl = require("openpyxl", f"reading the {what} {p.name}")
    try:
        # the file is opened here and closed here, whatever openpyxl makes of it: a damaged part makes
        # openpyxl stop half-way with its own handle left open
        with p.open("rb") as fh, warnings.catch_warnings():
            # openpyxl warns of parts it drops on reading (data-validation extensions, styles): they hold
            # no values, and under ``-W error`` the warning would stop the read.
            warnings.simplefilter("ignore", UserWarning)
            return openpyxl.load_workbook(fh, data_only=False, keep_links=False)
    except Exception as exc:  # a damaged part: openpyxl's parsers raise ParseError, XMLSyntaxError, IndexError ...
        raise DataFileError(
            f"{p}: the {what} is not a readable .xlsx workbook ({type(exc).__name__}: {str(exc)[:200]}): "
            "save it again from Excel as 'Excel Workbook (*.xlsx)'"
        ) from exc


def sheet(workbook: Any, path: str | os.PathLike[str], name: str, *, advice: str = "") -> Any:
    """The worksheet *name* of *workbook*; a missing one is a DataFileError naming the sheets there are."""
    if name in workbook.sheetnames:
        return workbook[name]
    there = ", ".join(repr(s) for s in workbook.sheetnames[:20])
    more = advice or "rename the sheet back, or start from the template"
    raise DataFileError(f"{path}: the workbook has no sheet {name!r} (its sheets: {there}): {more}")


@dataclass(frozen=True)
class Column:
    """A column of a table read by :func:`read_table`.

    Attributes
    ----------
    key : str
        What the key row holds (``"value"``, ``"basic.employees"``): the column is found by it.
    label : str or None
        What the label row holds (the form's heading with its unit), checked when a label row is read.
    kind : {"text", "number", "integer", "bool", "any"}
        What a cell of the column may hold.
    required : bool
        Whether the key row must have the column.
    """

    key: str
    label: str | None = None
    kind: Kind = "any"
    required: bool = False


@dataclass(frozen=True)
class Row:
    """One row of a table: its number in the sheet (1-based, as Excel shows it) and its values by column key.

    An empty cell is absent from :attr:`values`; :attr:`cells` gives each present key's cell (``"D7"``).
    """

    number: int
    values: dict[str, Any]
    cells: dict[str, str] = field(default_factory=dict)


def _letter(column: int) -> str:
    """Excel's letters of a 1-based column number (1 → A, 27 → AA)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _shown(value: Any) -> str:
    text = value.isoformat() if isinstance(value, (_dt.date, _dt.time)) else str(value)
    return repr(text[:60] + ("..." if len(text) > 60 else ""))


def _is_formula(cell: Any) -> bool:
    return getattr(cell, "data_type", None) == "f" or type(cell.value).__name__ in ("ArrayFormula", "DataTableFormula")


def _convert(value: Any, kind: Kind, place: str, key: str) -> Any:
    """A cell's *value* as its column's *kind* holds it, or a DataFileError at *place*."""
    if kind == "any":
        return value
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time, _dt.timedelta)):
        raise DataFileError(
            f"{place}: {_shown(value)} is a date or time, but the column {key!r} holds "
            f"{'text' if kind == 'text' else kind + 's'}: format the cell as General or Text and type the value"
        )
    if kind == "text":
        if isinstance(value, bool):
            raise DataFileError(f"{place}: {value} is a TRUE/FALSE cell, but the column {key!r} holds text")
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else repr(value)
        return str(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().upper() in ("TRUE", "FALSE"):
            return value.strip().upper() == "TRUE"
        raise DataFileError(f"{place}: {_shown(value)} is not TRUE or FALSE, which the column {key!r} holds")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        what = "text" if isinstance(value, str) else type(value).__name__
        raise DataFileError(
            f"{place}: the column {key!r} holds numbers, but the cell holds {what} {_shown(value)}: type the "
            "number (digits only: no thousands separators or units), or select the cell and use Excel's "
            "'Convert to Number'"
        )
    if kind == "integer":
        if isinstance(value, float):
            if not value.is_integer():
                raise DataFileError(f"{place}: {value!r} is not a whole number, which the column {key!r} holds")
            return int(value)
        return value
    return float(value)


def read_table(
    ws: Any,
    path: str | os.PathLike[str],
    columns: Sequence[Column],
    *,
    key_row: int = 1,
    label_row: int | None = None,
) -> list[Row]:
    """The rows of the table on worksheet *ws*: a key row, an optional label row, then one row per item.

    The key row names each column by its key; every key must be one of *columns*, none repeated, the
    required ones present (a column may be left out otherwise). With *label_row*, each present
    column's label must read as its :attr:`Column.label` (the form's heading: a renamed heading is
    refused, not guessed). The data start below the lower of the two rows; a wholly empty row is
    skipped (a gap), any other row is read whole.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet (from :func:`sheet`).
    path : str or os.PathLike
        The workbook's path, for the messages.
    columns : sequence of Column
        The columns the table may have.
    key_row, label_row : int
        The 1-based rows of the keys and of the labels.

    Returns
    -------
    list of Row
        The data rows, in sheet order; empty cells absent; text stripped (an empty text is empty).

    Raises
    ------
    DataFileError
        Naming the file, the sheet and the cell: merged cells anywhere on the sheet; an unknown,
        repeated or missing key; a renamed label; a formula in a data cell; a value in a column
        without a key; a value its column's kind does not hold (text in a number column, a date, a
        fraction in a whole-number column, anything but TRUE/FALSE in a boolean one).
    """
    title = ws.title
    merged = sorted(str(r) for r in ws.merged_cells.ranges)
    if merged:
        raise DataFileError(
            f"{where(path, title, merged[0])}: the cells are merged ({len(merged)} merged range"
            f"{'s' if len(merged) > 1 else ''} on the sheet): unmerge them (Home > Merge & Center) and write the "
            "value in each cell it applies to"
        )
    known = {c.key: c for c in columns}
    width = ws.max_column
    keys: dict[int, Column] = {}
    for index, cell in enumerate(next(ws.iter_rows(min_row=key_row, max_row=key_row, max_col=width)), start=1):
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        text = str(value).strip()
        place = where(path, title, f"{_letter(index)}{key_row}")
        if text not in known:
            raise DataFileError(
                f"{place}: {_shown(value)} is not a column of this table; its columns are "
                f"{', '.join(known)[:600]}: put the heading back as the template has it"
            )
        if any(c.key == text for c in keys.values()):
            raise DataFileError(f"{place}: the column {text!r} appears twice: delete one of them")
        keys[index] = known[text]
    missing = [c.key for c in columns if c.required and all(k.key != c.key for k in keys.values())]
    if missing:
        raise DataFileError(
            f"{where(path, title)}, row {key_row}: no column {', '.join(map(repr, missing))}: the table needs "
            f"{'it' if len(missing) == 1 else 'them'} (put the heading back as the template has it)"
        )
    if label_row is not None:
        labels = next(ws.iter_rows(min_row=label_row, max_row=label_row, max_col=width))
        for index, column in keys.items():
            if column.label is None:
                continue
            found = labels[index - 1].value
            if (str(found).strip() if found is not None else "") != column.label:
                raise DataFileError(
                    f"{where(path, title, f'{_letter(index)}{label_row}')}: the heading reads "
                    f"{_shown(found if found is not None else '')} but the column {column.key!r} is headed "
                    f"{column.label!r}: put the heading back (the headings are the form's, checked on reading)"
                )
    first = max(key_row, label_row or 0) + 1
    rows: list[Row] = []
    for cells in _data_rows(ws, first, width):
        values: dict[str, Any] = {}
        places: dict[str, str] = {}
        for index, cell in enumerate(cells, start=1):
            value = cell.value
            if value is None:
                continue
            if isinstance(value, str):
                value = value.strip()
                if not value:
                    continue
            name = f"{_letter(index)}{cell.row}"
            place = where(path, title, name)
            if _is_formula(cell):
                formula = value if isinstance(value, str) else getattr(value, "text", "") or "an array formula"
                raise DataFileError(
                    f"{place}: the cell holds a formula ({str(formula)[:60]}), but input cells hold values: "
                    "copy the cells and Paste Special > Values, or type the figure"
                )
            found = keys.get(index)
            if found is None:
                raise DataFileError(
                    f"{place}: {_shown(value)} is in a column without a heading, which carbonaudit would not read: "
                    "delete it, or move it into the table's columns"
                )
            values[found.key] = _convert(value, found.kind, place, found.key)
            places[found.key] = name
        if values:
            rows.append(Row(cells[0].row, values, places))
    return rows


def _data_rows(ws: Any, first: int, width: int) -> Iterator[tuple[Any, ...]]:
    """The rows of *ws* from row *first*, each as wide as the sheet (*width* columns)."""
    if ws.max_row < first:
        return iter(())
    return iter(ws.iter_rows(min_row=first, max_row=ws.max_row, max_col=width))


# -- writing: the checks and the file (XlsxWriter) ------------------------------------------------

MAX_CELL_TEXT = 32_767
"""Most characters an Excel cell holds (XlsxWriter cuts a longer text short, saying so only by its return code)."""

_UNKEPT = re.compile(r"[\x00-\x08\x0b-\x1f]|_x[0-9A-Fa-f]{4}_")
"""What a workbook does not keep as written: a control character other than tab and line feed
(XlsxWriter writes it as the escape ``_xHHHH_``, which openpyxl reads back as those seven
characters), and a text that looks like such an escape itself (Excel would read ``_x0041_`` as
``A``; XlsxWriter's constant-memory mode writes it as ``_x005F_x0041_``)."""

_CONTROL_NAMES = {"\x00": "NUL", "\r": "carriage return", "\x0b": "vertical tab", "\x0c": "form feed", "\x1b": "escape"}


def text_problem(text: str) -> str | None:
    """Why *text* cannot be written to a cell and read back the same, or None if it can.

    Parameters
    ----------
    text : str
        A cell's text.

    Returns
    -------
    str or None
        What is wrong and what to do (for the caller's message, after the field it names): a text
        longer than :data:`MAX_CELL_TEXT` characters, a control character other than tab and line
        feed (U+0000-U+0008, U+000B-U+001F: a carriage return ``\\r`` among them), or a text of the
        form ``_xHHHH_`` (Excel's escape of such a character).

    Examples
    --------
    >>> text_problem("line 1\\nline 2\\tend") is None
    True
    >>> text_problem("a\\r\\nb")
    "the control character U+000D (carriage return) at position 2, which a workbook does not keep (it reads back as '_x000D_'): remove it (a line break is \\\\n alone)"
    """
    if len(text) > MAX_CELL_TEXT:
        return f"a text of {len(text):,} characters is longer than an Excel cell holds ({MAX_CELL_TEXT:,}): shorten it"
    found = _UNKEPT.search(text)
    if found is None:
        return None
    at = found.start() + 1
    if len(found.group()) > 1:
        return (
            f"the text {found.group()!r} at position {at} is Excel's escape of a character, which a workbook does not "
            "keep as typed: write the character itself, or change the text"
        )
    char = found.group()
    name = _CONTROL_NAMES.get(char, "a control character")
    return (
        f"the control character U+{ord(char):04X} ({name}) at position {at}, which a workbook does not keep (it "
        f"reads back as '_x{ord(char):04X}_'): remove it (a line break is \\n alone)"
    )


@contextlib.contextmanager
def atomic_workbook(path: str | os.PathLike[str], what: str, options: dict[str, Any] | None = None) -> Iterator[Any]:
    """An XlsxWriter workbook that replaces *path* only once it is written whole.

    The workbook is written to a temporary file in *path*'s folder, moved onto *path* (``os.replace``)
    when the ``with`` block ends without an error; on an error the temporary file is removed and a
    file already at *path* is left as it was.

    Parameters
    ----------
    path : str or os.PathLike
        The ``.xlsx`` file to write (replaced if it exists).
    what : str
        The call writing it, named if XlsxWriter is missing (``"Declaration.to_excel"``); the
        messages name the file, not the call (the command line prints them too).
    options : dict, optional
        XlsxWriter's workbook options (``{"constant_memory": True}``).

    Yields
    ------
    xlsxwriter.Workbook
        The workbook to fill in (not to be closed by the caller).

    Raises
    ------
    MissingDependencyError
        If XlsxWriter is not installed (``pip install "carbonaudit[excel]"``).
    DataFileError
        If *path*'s folder does not exist or cannot be written in, or *path* is a folder.
    """
    xlsxwriter = require("xlsxwriter", what)
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise DataFileError(
            f"cannot write {target}: the folder {folder} does not exist (or is not a folder): create it "
            "first, or give a path in an existing folder"
        )
    if target.is_dir():
        raise DataFileError(f"cannot write {target}: it is a folder: give the path of a .xlsx file")
    temporary = _temporary_beside(target)
    done = False
    try:
        wb = xlsxwriter.Workbook(str(temporary), options or {})
        try:
            yield wb
        except BaseException:
            with contextlib.suppress(Exception):
                wb.close()  # releases XlsxWriter's own temporary files (constant-memory mode)
            raise
        try:
            wb.close()
        except (OSError, xlsxwriter.exceptions.XlsxWriterException) as exc:
            raise DataFileError(f"cannot write {target}: {exc}") from exc
        try:
            os.replace(temporary, target)
        except OSError as exc:
            raise DataFileError(f"cannot write {target}: {exc.strerror or exc}") from exc
        done = True
    finally:
        if not done:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _temporary_beside(target: Path) -> Path:
    """A new empty file next to *target* (its name hidden, made with the user's umask), for writing into."""
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:
            continue
        except OSError as exc:
            raise DataFileError(
                f"cannot write in the folder {target.parent} ({exc.strerror or exc}): give a path in a "
                "folder you can write to"
            ) from exc
        return temporary
    raise DataFileError(f"cannot make a temporary file in {target.parent}: clear its .*.tmp files")  # pragma: no cover
