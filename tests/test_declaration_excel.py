"""Declarations in and out of Excel (issue 17, part A): to_excel, load of an .xlsx, the template, bad workbooks."""

from __future__ import annotations

import copy
import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carbonaudit import DataFileError, DeclarationError
from carbonaudit.cli import main
from carbonaudit.declaration import (
    Declaration,
    ProductionDeclaration,
    _excel,
    load,
    template_excel,
)

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "examples" / "office_declaration.yaml"
PLANT = ROOT / "examples" / "production_declaration.yaml"


def office_raw() -> dict[str, Any]:
    return yaml.safe_load(OFFICE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture()
def office_xlsx(tmp_path: Path) -> Path:
    return load(OFFICE).to_excel(tmp_path / "office.xlsx")  # type: ignore[union-attr]


# -- round trips --------------------------------------------------------------------------------


def test_the_office_example_round_trips_equal(tmp_path: Path) -> None:
    d = load(OFFICE)
    out = d.to_excel(tmp_path / "office.xlsx")
    assert out == tmp_path / "office.xlsx"
    back = load(out)
    assert isinstance(back, Declaration)
    assert back == d


def test_the_production_example_round_trips_equal(tmp_path: Path) -> None:
    d = load(PLANT)
    back = load(d.to_excel(tmp_path / "plant.xlsx"))
    assert isinstance(back, ProductionDeclaration)
    assert back == d
    # 表六之一's fuel C01 is 11 t / 12 = 0.9166666666666666 a month: 16 digits that "%.16g" keeps only by luck;
    # the 17-digit 16.666666666666668 of O06 would be written 16.66666666666667 without the exact writer
    assert back.energy.fuels["O06"][0] == 16.666666666666668


def test_the_layout_places_every_field_of_every_model() -> None:
    """Walk model_fields recursively: a field added to a model later and not placed fails here."""
    for form, model in (("non-production", Declaration), ("production", ProductionDeclaration)):
        fields = _excel.model_leaves(model)
        placed = _excel.canonical_leaves(model)
        assert fields - placed == set(), form
        # what the layout places beyond the leaves: the rows that say an optional section is there
        assert placed - fields == (
            {"balances", "previous_year_thermal", "savings"} if form == "non-production" else set()
        )


def test_sheet_names_are_legal_and_tables_cite_the_registry_key() -> None:
    for model, key in (
        (Declaration, "non-production-form-2025 "),
        (ProductionDeclaration, "production-declaration-2018 "),
    ):
        sheets = _excel.layout(model)
        names = [s.name for s in sheets]
        assert len(set(names)) == len(names)
        for s in sheets:
            assert len(s.name) <= 31 and not set(s.name) & set("[]:*?/\\"), s.name
            assert s.table.startswith(key), s.table


def test_headers_row1_chinese_with_units_row2_keys(office_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(office_xlsx)
    ws = wb["表五之二"]
    row1 = [c.value for c in ws[1]]
    row2 = [c.value for c in ws[2]]
    assert row2[:5] == ["period", "no", "month", "peak", "semi_peak"]
    assert row1[3] == "尖峰用電度數 (度)"
    # one row per meter and month: 12 of 114年 and 12 of 113年 for the example's one meter
    assert ws.max_row == 2 + 24
    # January of 114年: 93,000 kWh at peak (examples/office_declaration.yaml)
    assert [c.value for c in ws[3]][:4] == ["N", 1, 1, 93000]
    basic = wb["三、基本資料"]
    rows = {r[0]: r for r in basic.iter_rows(min_row=3, values_only=True)}
    assert rows["basic.total_floor_area"] == ("basic.total_floor_area", "總樓地板面積 (平方公尺)", 42000, "m**2")
    assert rows["basic.employees"][2] == 850
    # derived figures are not inputs: no total, average or EUI column anywhere
    for sheet in wb.worksheets:
        keys = [c.value for c in sheet[2]]
        assert not any(k and ("total" in k or "eui" == k or "average" in k) for k in keys), sheet.title


def test_only_the_form_read_never_imports_excel_libraries() -> None:
    code = "import sys, carbonaudit, carbonaudit.declaration; print('openpyxl' in sys.modules, 'xlsxwriter' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


# -- hypothesis: generated declarations round-trip -----------------------------------------------

_TEXT = (
    st.text(alphabet=st.sampled_from(list("能源查核abc XYZ012-_臺北市")), min_size=1, max_size=8)
    .map(str.strip)
    .filter(bool)
)
# a text with a tab or line feed inside, which a workbook keeps
_KEPT_TEXT = st.builds(lambda a, c, b: a + c + b, _TEXT, st.sampled_from(["\t", "\n", "\n\n"]), _TEXT)
_FLOAT = st.one_of(
    st.just(0.1 + 0.2),  # 0.30000000000000004: 17 digits
    st.just(1 / 3),
    st.just(5e-324),
    st.just(1e29),
    st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False),
)


@st.composite
def declarations(draw: st.DrawFn) -> dict[str, Any]:
    doc = office_raw()
    # drop optional sections
    for key in (
        "savings",
        "plan",
        "balances",
        "efficiency_factors",
        "previous_year_thermal",
        "merged_meters",
        "chiller_groups",
        "transformers",
        "previous_year_electricity",
        "main_meter_county",
    ):
        if draw(st.booleans()):
            doc.pop(key, None)
    if draw(st.booleans()):
        doc["balances"] = {}  # present, empty: told apart from absent by its TRUE row
    # several meters with floats needing 17 digits
    months = doc["electricity"][0]["months"]
    meters = draw(st.integers(1, 3))
    doc["electricity"] = []
    for i in range(meters):
        rows = copy.deepcopy(months)
        for m in rows:
            m["peak"] = draw(_FLOAT)
            if draw(st.booleans()):
                m.pop("power_factor", None)
        doc["electricity"].append(
            {"meter": f"01-{i}", "months": rows, "energy_unit": draw(st.sampled_from(["kWh", "MWh", "度"]))}
        )
    # other units of the right dimension, CJK and empty texts
    doc["basic"]["total_floor_area"] = {
        "value": draw(_FLOAT),
        "unit": draw(st.sampled_from(["m**2", "ft**2", "平方公尺"])),
    }
    doc["basic"]["industry"] = draw(st.one_of(st.just(""), _TEXT))
    doc["basic"]["user_name"] = draw(st.one_of(_TEXT, _KEPT_TEXT))
    doc["no_manager_reasons"] = draw(st.lists(_TEXT, max_size=2))
    doc["eui_reasons"] = draw(st.dictionaries(st.sampled_from(["Q1", "Q2", "Q3", "Q4", "year"]), _TEXT, max_size=2))
    doc["thermal"]["diesel"]["use"] = [draw(_FLOAT) for _ in range(12)]
    if draw(st.booleans()):
        doc["thermal"]["natural_gas"] = {"unit": "m**3", "use": [0.1 + 0.2] * 12, "grade": "NG2", "supplier": "欣欣"}
    if "savings" in doc:
        extra = copy.deepcopy(doc["savings"]["measures"][0])
        extra["name"] = draw(_TEXT)
        extra["annual_savings"] = {"value": 9.504, "unit": "MWh"}
        extra["declared_savings"] = {"value": 7128, "unit": "kWh"}
        doc["savings"]["measures"].append(extra)
    doc["steam_boiler_checks"] = draw(
        st.lists(
            st.builds(
                lambda t, reasons: {
                    "item": "6.1-1",
                    "exhaust_temperature": [t] * 12,
                    "exhaust_o2": [0.05] * 12,
                    "reasons": reasons,
                    "limit_temperature": {"value": 250, "unit": "degC"},
                },
                _FLOAT,
                st.dictionaries(st.integers(1, 12), _TEXT, max_size=2),
            ),
            max_size=2,
        )
    )
    return doc


# 80 examples (each writes and reads a 36-sheet workbook, ~0.25 s): the CI profile's 300 took 80 s
@settings(
    max_examples=80,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
@given(doc=declarations())
def test_generated_declarations_round_trip_equal(doc: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> None:
    d = Declaration.model_validate(doc)
    path = tmp_path_factory.mktemp("gen") / "d.xlsx"
    assert load(d.to_excel(path)) == d


def test_an_empty_text_where_absent_is_possible_is_refused_not_changed(tmp_path: Path) -> None:
    doc = office_raw()
    doc["eui_reasons"] = {"Q1": ""}
    d = Declaration.model_validate(doc)
    with pytest.raises(DeclarationError, match=r"eui_reasons\.Q1 is an empty text"):
        d.to_excel(tmp_path / "x.xlsx")


def test_a_whole_number_beyond_float64_is_refused(tmp_path: Path) -> None:
    doc = office_raw()
    doc["basic"]["employees"] = 2**53 + 1
    with pytest.raises(DeclarationError, match="9007199254740993 cannot be written to Excel exactly"):
        Declaration.model_validate(doc).to_excel(tmp_path / "x.xlsx")


def _only(path: Path) -> list[str]:
    """The names in *path*'s folder (a temporary file left behind would be one)."""
    return sorted(p.name for p in path.parent.iterdir())


def test_a_failed_write_leaves_the_workbook_there_untouched(tmp_path: Path) -> None:
    path = load(OFFICE).to_excel(tmp_path / "d.xlsx")  # type: ignore[union-attr]
    before = path.read_bytes()
    doc = office_raw()
    doc["basic"]["employees"] = 2**60  # refused while the sheets are written
    with pytest.raises(DeclarationError, match="1152921504606846976 cannot be written to Excel exactly"):
        Declaration.model_validate(doc).to_excel(path)
    assert path.read_bytes() == before and _only(path) == ["d.xlsx"]
    assert load(path) == load(OFFICE)
    with pytest.raises(DeclarationError, match="1152921504606846976"):  # no file before: none after
        Declaration.model_validate(doc).to_excel(tmp_path / "new.xlsx")
    assert _only(path) == ["d.xlsx"]


def test_a_write_replaces_the_workbook_whole(tmp_path: Path) -> None:
    path = template_excel(tmp_path / "d.xlsx")
    assert load(OFFICE).to_excel(path) == path  # type: ignore[union-attr]
    assert load(path) == load(OFFICE) and _only(path) == ["d.xlsx"]


def test_a_folder_that_does_not_exist_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no-such-folder" / "d.xlsx"
    with pytest.raises(DataFileError, match=r"cannot write .*d\.xlsx: the folder .*no-such-folder does not exist"):
        load(OFFICE).to_excel(target)  # type: ignore[union-attr]
    with pytest.raises(DataFileError, match="the folder .*no-such-folder does not exist"):
        template_excel(target)
    assert not (tmp_path / "no-such-folder").exists()
    assert main(["template", "declaration", "--xlsx", str(target)], io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith("carbonaudit: error: cannot write ") and "does not exist (or is not a folder): create it first" in err
    assert "to_excel" not in err and "internal error" not in err


def test_a_path_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "d.xlsx").mkdir()
    with pytest.raises(DataFileError, match=r"d\.xlsx: it is a folder"):
        load(OFFICE).to_excel(tmp_path / "d.xlsx")  # type: ignore[union-attr]
    assert _only(tmp_path / "d.xlsx") == ["d.xlsx"]


def test_a_text_longer_than_a_cell_is_refused_not_cut(tmp_path: Path) -> None:
    path = load(OFFICE).to_excel(tmp_path / "d.xlsx")  # type: ignore[union-attr]
    before = path.read_bytes()
    doc = office_raw()
    doc["basic"]["address"] = "路" * 32_768  # Excel's cell holds 32,767 characters
    with pytest.raises(
        DeclarationError,
        match=r"sheet 三、基本資料, basic\.address: a text of 32,768 characters is longer than an Excel cell "
        r"holds \(32,767\)",
    ):
        Declaration.model_validate(doc).to_excel(path)
    assert path.read_bytes() == before and _only(path) == ["d.xlsx"]
    doc["basic"]["address"] = "路" * 32_767  # the longest a cell holds: written whole
    d = Declaration.model_validate(doc)
    assert load(d.to_excel(path)) == d


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("台北\r\n市", r"the control character U\+000D \(carriage return\) at position 3"),
        ("台北\x01", r"the control character U\+0001 \(a control character\) at position 3"),
        ("a\x1fb", r"the control character U\+001F .* at position 2"),
        ("a_x0041_b", r"the text '_x0041_' at position 2 is Excel's escape of a character"),
    ],
)
def test_a_text_a_workbook_would_not_keep_is_refused(tmp_path: Path, text: str, message: str) -> None:
    doc = office_raw()
    doc["basic"]["address"] = text
    with pytest.raises(DeclarationError, match=r"sheet 三、基本資料, basic\.address: " + message):
        Declaration.model_validate(doc).to_excel(tmp_path / "d.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_tab_and_line_feed_are_kept(tmp_path: Path) -> None:
    doc = office_raw()
    doc["basic"]["address"] = "台北市\t信義區\n1 樓"
    d = Declaration.model_validate(doc)
    assert load(d.to_excel(tmp_path / "d.xlsx")).basic.address == "台北市\t信義區\n1 樓"  # type: ignore[union-attr]


def test_to_excel_wants_an_xlsx_name(tmp_path: Path) -> None:
    with pytest.raises(DeclarationError, match=r"written as \.xlsx"):
        load(OFFICE).to_excel(tmp_path / "x.csv")  # type: ignore[union-attr]


# -- the template --------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["non-production", "production"])
def test_the_template_has_headers_lists_and_no_formula(tmp_path: Path, form: str) -> None:
    path = template_excel(tmp_path / "blank.xlsx", form)
    wb = openpyxl.load_workbook(path)
    names = [s.name for s in _excel.layout(Declaration if form == "non-production" else ProductionDeclaration)]
    assert [n for n in wb.sheetnames if n != _excel.LIST_SHEET] == names
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
    if form == "non-production":
        assert wb[_excel.LIST_SHEET].sheet_state == "hidden"
        sources = {ws.title: [dv.formula1 for dv in ws.data_validations.dataValidation] for ws in wb.worksheets}
        assert '"TRUE,FALSE"' in sources["三、基本資料"]  # basic.sme
        assert any("office_building" in f for f in sources["三、基本資料"])  # user classes
        assert any('"1,2,3,4,5,6,7,8,9,10,11,12"' == f for f in sources["表五之二"])  # ROC months
        assert any("electricity,fuel_oil,lpg,natural_gas,gasoline,diesel" in f for f in sources["表十之一、十之二"])
        codes = [f for f in sources["表十之一、十之二"] if _excel.LIST_SHEET in f]
        # the 2,028 codes of non-production-form-2025 附錄一 (52 equipment x 39 methods)
        assert codes == [f"'{_excel.LIST_SHEET}'!$A$2:$A$2029"]
        assert wb[_excel.LIST_SHEET]["A2"].value == "AA00"


def test_the_blank_template_loads_to_errors_naming_sheet_and_field(tmp_path: Path) -> None:
    path = template_excel(tmp_path / "blank.xlsx")
    with pytest.raises(DeclarationError) as info:
        load(path)
    text = str(info.value)
    assert f"{path}, sheet '三、基本資料', cell C" in text and "(basic.employees): Field required" in text
    assert "sheet '三、電號資料', column number (basic.meters): List should have at least 1 item" in text


def test_template_unknown_form_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DeclarationError, match="form must be 'non-production' or 'production', got 'office'"):
        template_excel(tmp_path / "x.xlsx", "office")


def test_cli_template_then_validate(tmp_path: Path, office_xlsx: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert main(["template", "declaration", "--xlsx", str(tmp_path / "t.xlsx")], out) == 0
    assert "carbonaudit validate" in out.getvalue() and (tmp_path / "t.xlsx").exists()
    assert main(["template", "production", "--xlsx", str(tmp_path / "p.xlsx")], io.StringIO()) == 0
    with pytest.raises(SystemExit):
        main(["template", "declaration"], io.StringIO())
    assert "the following arguments are required: --xlsx" in capsys.readouterr().err
    out = io.StringIO()
    assert main(["validate", str(office_xlsx)], out) == 0
    assert "0 errors" in out.getvalue()


# -- bad workbooks: typed errors naming file, sheet and cell ---------------------------------------


def edit(path: Path, change: Any) -> Path:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def test_a_missing_sheet(office_xlsx: Path) -> None:
    edit(office_xlsx, lambda wb: wb.remove(wb["表九之二"]))
    with pytest.raises(DataFileError, match=r"sheet '表九之二': the sheet is missing"):
        load(office_xlsx)


def test_an_unknown_sheet(office_xlsx: Path) -> None:
    edit(office_xlsx, lambda wb: wb.create_sheet("notes"))
    with pytest.raises(DataFileError, match=r"sheet 'notes': the sheet is not a table"):
        load(office_xlsx)


@pytest.mark.parametrize(("cell", "text"), [("D1", "尖峰 (度)"), ("D2", "months.peek")])
def test_a_renamed_header(office_xlsx: Path, cell: str, text: str) -> None:
    edit(office_xlsx, lambda wb: wb["表五之二"].__setitem__(cell, text))
    with pytest.raises(DataFileError, match=rf"sheet '表五之二', cell {cell}"):
        load(office_xlsx)


def test_text_in_a_number_cell(office_xlsx: Path) -> None:
    edit(office_xlsx, lambda wb: wb["表五之二"].__setitem__("D7", "abc"))
    with pytest.raises(DataFileError, match=r"sheet '表五之二', cell D7: .*holds text 'abc'"):
        load(office_xlsx)


def test_text_in_a_number_field_of_a_field_sheet(office_xlsx: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["三、基本資料"]
        for row in ws.iter_rows(min_row=3):
            if row[0].value == "basic.employees":
                row[2].value = "八百五十"

    edit(office_xlsx, change)
    with pytest.raises(DataFileError, match=r"sheet '三、基本資料', cell C\d+: .*'八百五十'"):
        load(office_xlsx)


def test_merged_cells(office_xlsx: Path) -> None:
    edit(office_xlsx, lambda wb: wb["七、建築資料"].merge_cells("A3:B3"))
    with pytest.raises(DataFileError, match=r"sheet '七、建築資料', cell A3:B3: the cells are merged"):
        load(office_xlsx)


def test_a_formula_in_an_input_cell(office_xlsx: Path) -> None:
    edit(office_xlsx, lambda wb: wb["表五之二"].__setitem__("D3", "=90000+3000"))
    with pytest.raises(DataFileError, match=r"sheet '表五之二', cell D3: the cell holds a formula"):
        load(office_xlsx)


def test_a_big5_csv_saved_as_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "申報.xlsx"
    path.write_bytes("電號,尖峰\n01-2345-67-8,93000\n".encode("big5"))
    with pytest.raises(DataFileError, match="not an .xlsx workbook but a text file"):
        load(path)


def test_an_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(DataFileError, match=r"Excel 97-2003 workbook \(\.xls\)"):
        load(path)
    renamed = tmp_path / "old.xlsx"
    renamed.write_bytes(path.read_bytes())
    with pytest.raises(DataFileError, match=r"Excel 97-2003"):
        load(renamed)


def test_a_workbook_without_the_xlsx_name_is_told_by_its_bytes(office_xlsx: Path, tmp_path: Path) -> None:
    other = tmp_path / "declaration.dat"
    other.write_bytes(office_xlsx.read_bytes())
    # not read as YAML (which would fail on the zip's bytes with a YAML message): a workbook, to be renamed
    with pytest.raises(DataFileError, match=r"an Excel workbook by its bytes.*rename it to \.xlsx"):
        load(other)


def test_an_extra_unknown_column(office_xlsx: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["七、建築資料"]
        col = ws.max_column + 1
        ws.cell(1, col, "備註")
        ws.cell(2, col, "note")

    edit(office_xlsx, change)
    with pytest.raises(DataFileError, match=r"sheet '七、建築資料', cell \w+2: 'note' is not a column"):
        load(office_xlsx)


def test_a_value_outside_the_table(office_xlsx: Path) -> None:
    edit(office_xlsx, lambda wb: wb["七、建築資料"].cell(3, 30, 42))
    with pytest.raises(DataFileError, match=r"sheet '七、建築資料', cell AD3: '42' is in a column without a heading"):
        load(office_xlsx)


def test_a_value_in_a_row_beyond_a_field_sheet(office_xlsx: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["表四之二"]
        ws.cell(ws.max_row + 3, 3, "TRUE")

    edit(office_xlsx, change)
    with pytest.raises(DataFileError, match=r"sheet '表四之二', cell A\d+: the row has no field key"):
        load(office_xlsx)


def test_an_invalid_value_is_named_at_its_cell(office_xlsx: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["三、基本資料"]
        for row in ws.iter_rows(min_row=3):
            if row[0].value == "basic.total_floor_area":
                row[3].value = "kWh"

    edit(office_xlsx, change)
    with pytest.raises(DeclarationError) as info:
        load(office_xlsx)
    assert re.search(r"sheet '三、基本資料', cells C(\d+), D\1 \(basic.total_floor_area\): .*got kWh", str(info.value))
    assert "(basic.total_floor_area" in str(info.value)


def test_a_month_missing_is_named(office_xlsx: Path) -> None:
    edit(office_xlsx, lambda wb: wb["表五之二"].delete_rows(7))  # May of 114年
    with pytest.raises(DataFileError, match=r"electricity\[0\]\.months\[4\] is missing"):
        load(office_xlsx)


def test_a_choice_not_on_the_list(office_xlsx: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["三、基本資料"]
        for row in ws.iter_rows(min_row=3):
            if row[0].value == "basic.user_class":
                row[2].value = "辦公大樓"

    edit(office_xlsx, change)
    with pytest.raises(
        DataFileError, match=r"cell C\d+ \(basic.user_class\): '辦公大樓' is not one of office_building"
    ):
        load(office_xlsx)


def test_the_shipped_example_workbook_is_the_example_declaration():
    from carbonaudit import declaration

    # examples/office_declaration.xlsx is the office example written by to_excel, for users to open in
    # Excel; a change to the YAML (or to the layout) that is not written again to the workbook fails here
    assert declaration.load(ROOT / "examples/office_declaration.xlsx") == declaration.load(
        ROOT / "examples/office_declaration.yaml"
    )
