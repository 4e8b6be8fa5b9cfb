"""The shared workbook reader (carbonaudit._xlsx): every bad cell a typed error naming file, sheet and cell."""

from __future__ import annotations

import datetime as dt
import math
import struct

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carbonaudit import _xlsx
from carbonaudit.errors import DataFileError

COLUMNS = (
    _xlsx.Column("org", "機關", "text", required=True),
    _xlsx.Column("value", "數值", "number", required=True),
    _xlsx.Column("year", "年", "integer"),
    _xlsx.Column("active", "啟用", "bool"),
    _xlsx.Column("note", None, "any"),
)


def _book(path, rows, *, title="records", merge=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def _read(path, label_row=None, key_row=1):
    wb = _xlsx.open_workbook(path, "records file")
    return _xlsx.read_table(_xlsx.sheet(wb, path, "records"), path, COLUMNS, key_row=key_row, label_row=label_row)


def test_a_table_is_read_with_each_kind_and_its_cells(tmp_path):
    path = _book(
        tmp_path / "r.xlsx",
        [
            ["機關", "數值", "年", "啟用", None],
            ["org", "value", "year", "active", "note"],
            [" 財政部 ", 12000, 2024.0, True, "x"],
            [None, None, None, None, None],  # a gap: skipped
            [12345, 0.5, 2023, "false", None],
        ],
    )
    rows = _read(path, label_row=1, key_row=2)
    assert [r.number for r in rows] == [3, 5]
    assert rows[0].values == {"org": "財政部", "value": 12000.0, "year": 2024, "active": True, "note": "x"}
    assert type(rows[0].values["value"]) is float and type(rows[0].values["year"]) is int
    assert rows[1].values == {"org": "12345", "value": 0.5, "year": 2023, "active": False}
    assert rows[1].cells == {"org": "A5", "value": "B5", "year": "C5", "active": "D5"}
    assert "note" not in rows[1].values  # an empty cell is absent, not ""


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1,234", r"cell B2: the column 'value' holds numbers, but the cell holds text '1,234'.*Convert to Number"),
        (dt.datetime(2024, 1, 31), r"cell B2: '2024-01-31T00:00:00' is a date or time"),
        (True, r"cell B2: the column 'value' holds numbers, but the cell holds bool"),
    ],
)
def test_what_a_number_column_refuses(tmp_path, cell, expected):
    path = _book(tmp_path / "r.xlsx", [["org", "value"], ["a", cell]])
    with pytest.raises(DataFileError, match=r"r\.xlsx, sheet 'records', " + expected):
        _read(path)


def test_a_fraction_in_a_whole_number_column_and_a_word_in_a_boolean_one(tmp_path):
    path = _book(tmp_path / "r.xlsx", [["org", "value", "year"], ["a", 1, 2024.5]])
    with pytest.raises(DataFileError, match=r"cell C2: 2024.5 is not a whole number"):
        _read(path)
    path = _book(tmp_path / "s.xlsx", [["org", "value", "active"], ["a", 1, "yes"]])
    with pytest.raises(DataFileError, match=r"cell C2: 'yes' is not TRUE or FALSE"):
        _read(path)


def test_a_formula_in_an_input_cell(tmp_path):
    path = _book(tmp_path / "r.xlsx", [["org", "value"], ["a", "=1+2"]])
    with pytest.raises(
        DataFileError, match=r"sheet 'records', cell B2: the cell holds a formula \(=1\+2\).*Paste Special"
    ):
        _read(path)


def test_merged_cells_anywhere_on_the_sheet(tmp_path):
    path = _book(tmp_path / "r.xlsx", [["org", "value"], ["a", 1], ["a", 2]], merge="A2:A3")
    with pytest.raises(DataFileError, match=r"sheet 'records', cell A2:A3: the cells are merged \(1 merged range "):
        _read(path)


def test_headings_unknown_repeated_missing_and_renamed(tmp_path):
    with pytest.raises(DataFileError, match=r"cell C1: 'valeu' is not a column of this table"):
        _read(_book(tmp_path / "a.xlsx", [["org", "value", "valeu"], ["a", 1, 2]]))
    with pytest.raises(DataFileError, match=r"cell C1: the column 'value' appears twice"):
        _read(_book(tmp_path / "b.xlsx", [["org", "value", "value"], ["a", 1, 2]]))
    with pytest.raises(DataFileError, match=r"sheet 'records', row 1: no column 'value': the table needs it"):
        _read(_book(tmp_path / "c.xlsx", [["org", "year"], ["a", 2024]]))
    with pytest.raises(
        DataFileError, match=r"cell B1: the heading reads '數量' but the column 'value' is headed '數值'"
    ):
        _read(_book(tmp_path / "d.xlsx", [["機關", "數量"], ["org", "value"], ["a", 1]]), label_row=1, key_row=2)


def test_a_value_outside_the_columns_is_not_dropped(tmp_path):
    path = _book(tmp_path / "r.xlsx", [["org", "value"], ["a", 1, None, "stray"]])
    with pytest.raises(DataFileError, match=r"cell D2: 'stray' is in a column without a heading"):
        _read(path)


def test_a_missing_sheet_names_the_sheets_there_are(tmp_path):
    path = _book(tmp_path / "r.xlsx", [["org", "value"]], title="Sheet1")
    with pytest.raises(DataFileError, match=r"r\.xlsx: the workbook has no sheet 'records' \(its sheets: 'Sheet1'\)"):
        _read(path)


def test_files_that_are_not_xlsx(tmp_path):
    big5 = tmp_path / "big5.xlsx"
    big5.write_bytes("org,year,kind,value,unit\n財政部,2024,electricity,1,kWh\n".encode("big5"))
    with pytest.raises(
        DataFileError, match=r"big5\.xlsx: this records file is not an \.xlsx workbook but a text file \(a CSV"
    ):
        _xlsx.open_workbook(big5, "records file")
    chinese = tmp_path / "chinese.xlsx"
    chinese.write_bytes("機關,年,種類\n財政部,2024,electricity\n".encode("big5"))
    with pytest.raises(
        DataFileError, match=r"chinese\.xlsx: this records file is not an \.xlsx workbook but a text file"
    ):
        _xlsx.open_workbook(chinese, "records file")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(
        DataFileError, match=r"old\.xls: this records file is an Excel 97-2003 workbook \(\.xls\).*save it as"
    ):
        _xlsx.open_workbook(old, "records file")
    binary = tmp_path / "x.xlsx"
    binary.write_bytes(struct.pack("<8B", 0, 1, 2, 3, 4, 5, 6, 7))
    with pytest.raises(DataFileError, match=r"neither a zip nor an Excel file"):
        _xlsx.open_workbook(binary, "records file")
    notxlsx = tmp_path / "n.xlsx"
    import zipfile

    with zipfile.ZipFile(notxlsx, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(DataFileError, match=r"n\.xlsx: the records file is not a readable \.xlsx workbook"):
        _xlsx.open_workbook(notxlsx, "records file")
    with pytest.raises(DataFileError, match=r"cannot read records file .*missing\.xlsx"):
        _xlsx.open_workbook(tmp_path / "missing.xlsx", "records file")


def test_the_size_caps(tmp_path, monkeypatch):
    path = _book(tmp_path / "r.xlsx", [["org", "value"], ["a", 1]])
    size = path.stat().st_size
    monkeypatch.setattr(_xlsx, "MAX_XLSX_BYTES", size)
    _xlsx.open_workbook(path, "records file")  # at the cap: read
    monkeypatch.setattr(_xlsx, "MAX_XLSX_BYTES", size - 1)
    with pytest.raises(DataFileError, match=rf"is {size:,} bytes, more than the {size - 1:,}"):
        _xlsx.open_workbook(path, "records file")
    monkeypatch.setattr(_xlsx, "MAX_XLSX_BYTES", 10**9)
    monkeypatch.setattr(_xlsx, "MAX_XLSX_EXPANDED_BYTES", 100)
    with pytest.raises(DataFileError, match=r"parts expand to [0-9,]+ bytes, more than the 100 .*\(a zip bomb\?\)"):
        _xlsx.open_workbook(path, "records file")


def test_is_workbook(tmp_path):
    zipped = _book(tmp_path / "named.csv", [["a"]])
    text = tmp_path / "t.dat"
    text.write_text("a,b\n", encoding="utf-8")
    assert _xlsx.is_workbook(zipped) and not _xlsx.is_workbook(text)
    assert _xlsx.is_workbook(tmp_path / "absent.xlsm") and not _xlsx.is_workbook(tmp_path / "absent.yaml")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=20))
def test_numbers_written_through_exact_are_read_back_equal(tmp_path_factory, values):
    path = tmp_path_factory.mktemp("x") / "n.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("records")
    ws.write_row(0, 0, ["org", "value"])
    for i, v in enumerate(values, start=1):
        ws.write_string(i, 0, "a")
        ws.write_number(i, 1, _xlsx.exact(v))
    wb.close()
    back = [r.values["value"] for r in _read(path)]
    assert back == values
    assert [math.copysign(1, b) for b in back] == [math.copysign(1, v) for v in values]


def test_without_exact_a_17_digit_float_is_not_kept(tmp_path):
    # the reason for exact(): XlsxWriter's own format is 16 digits (0.1 + 0.2 = 0.30000000000000004 is written 0.3)
    path = tmp_path / "n.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("records")
    ws.write_row(0, 0, ["org", "value"])
    ws.write_row(1, 0, ["a", 0.1 + 0.2])
    ws.write_row(2, 0, ["a", _xlsx.exact(0.1 + 0.2)])
    wb.close()
    assert [r.values["value"] for r in _read(path)] == [0.3, 0.1 + 0.2]


@pytest.mark.parametrize(
    ("part", "damage"),
    [
        ("xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2]),  # cut in half: ParseError
        ("xl/workbook.xml", lambda xml: b"not xml at all"),  # XMLSyntaxError / ParseError
        ("xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'<c r="A2"', b'<c r="A2" s="99"')),  # no style 99
    ],
)
def test_a_damaged_workbook_is_a_data_file_error_not_a_crash(tmp_path, part, damage):
    import zipfile

    good = _book(tmp_path / "good.xlsx", [["org", "value"], ["a", 1]])
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, damage(data) if info.filename == part else data)
    with pytest.raises(DataFileError, match=r"bad\.xlsx: the records file is not a readable \.xlsx workbook \(\w+"):
        _read(bad)
