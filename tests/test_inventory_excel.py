"""The inventory's auditable workbook (issue 17): Inventory.to_excel, and records and organisations read from xlsx.

The formulas are proven with pycel, a formula engine independent of the library, on a copy of the
workbook whose cached values were dropped (openpyxl writes none when it saves), so that every
figure is computed from the formulas and the factor cells; the tests show the check fails for a
wrong formula and for a wrong cached value.
"""

from __future__ import annotations

import dataclasses
import io
import math
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carbonaudit import Q_, factors
from carbonaudit.errors import DataFileError, InvalidValueError
from carbonaudit.inventory import ActivityRecord, Inventory, Organisation, OrgTree, compute, read_orgs, read_records

pycel = pytest.importorskip("pycel")

ROOT = Path(__file__).resolve().parents[1]
SUMMARY_SHEETS = ("by_scope", "by_iso_category", "by_category", "by_source", "by_gas")


# -- helpers ----------------------------------------------------------------------------------


def _uncached(path: Path, folder: Path) -> Path:
    """A copy of the workbook without cached values: openpyxl keeps the formulas and writes no value."""
    copy = folder / f"{path.stem}-uncached.xlsx"
    openpyxl.load_workbook(path).save(copy)
    return copy


def _expected(inv: Inventory) -> dict[str, float]:
    """Every figure of the workbook, by cell, from the library's own results [kg, t CO2e]."""
    out: dict[str, float] = {}
    for row, ln in enumerate(inv.lines, start=2):
        out[f"calculation!H{row}"] = ln.mass_kg
        out[f"calculation!I{row}"] = ln.co2e_kg / 1000
    for row, (_, value) in enumerate(inv.summary(), start=2):
        out[f"by_scope!C{row}"] = value
    for sheet, totals in (
        ("by_iso_category", inv.by_iso_category()),
        ("by_category", inv.by_category()),
        ("by_source", inv.by_source()),
        ("by_gas", inv.by_gas()),
    ):
        for row, key in enumerate(sorted(totals, key=str), start=2):
            out[f"{sheet}!C{row}"] = totals[key]
    own, total = inv.own(), inv.rolled_up()
    order = [o for root in inv.tree.roots() for o in inv.tree.descendants(root.id)]
    for row, o in enumerate(order, start=2):
        out[f"by_organisation!E{row}"] = own[o.id]
        out[f"by_organisation!F{row}"] = total[o.id]
    return out


def _mismatches(
    path: Path, expected: dict[str, float], folder: Path, edits: dict[str, float] | None = None
) -> list[str]:
    """The cells whose value, evaluated by pycel from the formulas, is not the expected one to 1e-9."""
    xl = pycel.ExcelCompiler(filename=str(_uncached(path, folder)))
    # One range per sheet and column, the summaries first: pycel counts its whole dependency graph each time
    # it is given a cell it has not seen, so cell by cell the check would be quadratic in the lines.
    columns: dict[tuple[str, str], list[int]] = {}
    for cell in expected:
        sheet, _, ref = cell.partition("!")
        columns.setdefault((sheet, ref.rstrip("0123456789")), []).append(int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
    ranges = sorted(columns, key=lambda key: key[0] == "calculation")

    def evaluate() -> dict[str, Any]:
        out: dict[str, Any] = {}
        for sheet, col in ranges:
            rows = columns[(sheet, col)]
            first, last = min(rows), max(rows)
            values = (
                xl.evaluate(f"{sheet}!{col}{first}:{col}{last}")
                if last > first
                else (xl.evaluate(f"{sheet}!{col}{first}"),)
            )
            for row, value in zip(range(first, last + 1), values, strict=True):
                out[f"{sheet}!{col}{row}"] = value[0] if isinstance(value, tuple) else value
        return out

    got_all = evaluate()
    if edits:  # computed once with the factors as written, then recomputed after the edits
        for cell, value in edits.items():
            xl.set_value(cell, value)
        got_all = evaluate()
    cells = list(expected)
    bad = []
    for cell in cells:
        want, got = expected[cell], got_all[cell]
        if not isinstance(got, (int, float)) or not math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-300):
            bad.append(f"{cell}: {got!r} != {want!r}")
    return bad


def _cached(path: Path) -> dict[str, Any]:
    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    return {
        f"{ws.title}!{cell.coordinate}": cell.value
        for ws in wb
        for row in ws.iter_rows()
        for cell in row
        if hasattr(cell, "coordinate")
    }


def _county(year: int = 2024) -> Inventory:
    tree = read_orgs(ROOT / "examples/inventory_orgs.yaml")
    return compute(tree, read_records(ROOT / "examples/inventory_records.csv"), year=year)


def _factor_row(path: Path, name: str, fuel: str | None = None) -> int:
    ws = openpyxl.load_workbook(path)["factors"]
    rows = [c.row for c in ws["A"] if c.value == name and ws.cell(c.row, 2).value == fuel]
    assert len(rows) == 1, (name, fuel, rows)
    return rows[0]


def _rec(**fields: Any) -> ActivityRecord:
    return ActivityRecord.model_validate(fields)


def _every_kind() -> tuple[Inventory, list[ActivityRecord]]:
    """One record of every kind and amount unit the engine converts (2025: the CH4 origin rule, grid categories)."""
    tree = OrgTree(
        [
            Organisation(id="t", name="T", status={2025: "complete"}),
            Organisation(id="a", name="A", parent="t"),
            Organisation(id="b", name="B", parent="a"),
        ]
    )
    y = 2025
    rs = [
        _rec(org="a", year=y, kind="fuel", fuel="diesel", use="stationary", amount={"value": 1.5, "unit": "kL"}),
        _rec(org="a", year=y, kind="fuel", fuel="lpg", amount={"value": 300, "unit": "kg"}),  # heat value per mass
        _rec(org="a", year=y, kind="fuel", fuel="natural_gas_ng1", amount={"value": 3, "unit": "千立方公尺"}),
        _rec(org="a", year=y, kind="fuel", fuel="diesel", amount={"value": 5e6, "unit": "kcal"}),  # energy
        _rec(org="a", year=y, kind="fuel", fuel="diesel", amount={"value": 800, "unit": "kg"}),  # through density
        _rec(org="a", year=y, kind="fuel", fuel="fuel_coal", amount={"value": 2, "unit": "t"}),
        _rec(
            org="b",
            year=y,
            kind="electricity",
            amount={"value": 12, "unit": "MWh"},
            grid_category="industry",
            supplier_factor={"value": 300, "unit": "g/kWh"},
        ),
        _rec(org="b", year=y, kind="electricity", amount={"value": 1200, "unit": "度"}),
        _rec(
            org="b",
            year=y,
            kind="refrigerant_leak",
            gas="R-410A",
            equipment_class="chillers",
            amount={"value": 20, "unit": "kg"},
        ),
        _rec(
            org="b", year=y, kind="refrigerant_leak", gas="HFC-134a", leak_rate=0.1, amount={"value": 0.02, "unit": "t"}
        ),
        _rec(
            org="b",
            year=y,
            kind="process",
            gas="CH4",
            origin="fossil",
            emission_factor={"value": 0.5, "unit": "kg/t"},
            amount={"value": 10, "unit": "t"},
        ),
        _rec(
            org="b",
            year=y,
            kind="process",
            emission_factor={"value": 2, "unit": "kg/t"},
            amount={"value": 10, "unit": "t"},
        ),
        _rec(
            org="b",
            year=y,
            kind="purchased_heat",
            emission_factor={"value": 60, "unit": "kg/GJ"},
            amount={"value": 10, "unit": "MWh"},
        ),
        _rec(org="b", year=y, kind="fugitive", gas="CH4", origin="biogenic", amount={"value": 3, "unit": "kg"}),
        _rec(org="b", year=y, kind="septic", amount={"value": 10000, "unit": "h"}),
        _rec(
            org="t", year=y, kind="outsourced", fuel="motor_gasoline", use="mobile", amount={"value": 100, "unit": "L"}
        ),
        _rec(org="t", year=y, kind="outsourced", amount={"value": 100, "unit": "kWh"}),
        _rec(org="t", year=y, kind="outsourced", amount={"value": 100, "unit": "m**3"}),  # qualitative
        _rec(org="t", year=y, kind="extinguisher", agent="CO2", amount={"value": 3, "unit": "kg"}),
        _rec(org="t", year=y, kind="extinguisher", agent="ABC", amount={"value": 3, "unit": "kg"}),  # no GHG
        _rec(org="t", year=2024, kind="electricity", amount={"value": 5, "unit": "kWh"}),  # another year: activity only
    ]
    fs = factors.for_year(y).with_overrides(densities={"diesel": Q_(0.84, "kg/L")})
    return compute(tree, rs, fs, year=y), rs


def _generated(n: int, seed: int) -> Inventory:
    """*n* seeded records over a three-level tree of 61 organisations, of the common kinds and units."""
    rng = np.random.default_rng(seed)
    orgs = [Organisation(id="root", name="root", status={2024: "complete"})]
    orgs += [Organisation(id=f"d{i}", name=f"D{i}", parent="root") for i in range(6)]
    orgs += [Organisation(id=f"d{i}-{j}", name=f"D{i}-{j}", parent=f"d{i}") for i in range(6) for j in range(9)]
    ids = [o.id for o in orgs]
    kinds = [
        ("electricity", {"unit": "kWh"}, 1e6),
        ("electricity", {"unit": "度", "supplier_factor": {"value": 0.31, "unit": "kg/kWh"}}, 1e5),
        ("electricity", {"unit": "MWh"}, 1e3),
        ("fuel", {"unit": "L", "fuel": "diesel", "use": "mobile"}, 5e3),
        ("fuel", {"unit": "L", "fuel": "motor_gasoline", "use": "mobile"}, 5e3),
        ("fuel", {"unit": "kL", "fuel": "diesel", "use": "stationary"}, 50),
        ("fuel", {"unit": "m**3", "fuel": "natural_gas", "use": "stationary"}, 5e4),
        ("refrigerant_topup", {"unit": "kg", "gas": "R-410A"}, 10),
        ("refrigerant_leak", {"unit": "kg", "gas": "HFC-134a", "equipment_class": "residential_commercial_ac"}, 50),
        ("extinguisher", {"unit": "kg", "agent": "CO2"}, 30),
        ("septic", {"unit": "h"}, 1e5),
    ]
    records = []
    for k, o, v in zip(rng.integers(0, len(kinds), n), rng.integers(0, len(ids), n), rng.uniform(0, 1, n), strict=True):
        kind, extra, scale = kinds[k]
        fields = {key: val for key, val in extra.items() if key != "unit"}
        records.append(
            _rec(org=ids[o], year=2024, kind=kind, amount={"value": float(v) * scale, "unit": extra["unit"]}, **fields)
        )
    return compute(OrgTree(orgs), records, year=2024)


# -- the formulas, proven by an independent engine ------------------------------------------------


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Inventory, Path]:
    inv = _county()
    path = tmp_path_factory.mktemp("county") / "county.xlsx"
    inv.to_excel(path)
    return inv, path


def test_county_every_formula_evaluates_to_the_library_figures(county: tuple[Inventory, Path], tmp_path: Path) -> None:
    inv, path = county
    expected = _expected(inv)
    assert len(expected) > 2 * len(inv.lines)  # every line, every summary cell
    assert _mismatches(path, expected, tmp_path) == []
    # the totals are the Inventory's own (13,235.5 t CO2e: Inventory.total())
    assert expected["by_scope!C6"] == inv.total()


def test_county_formulas_are_formulas_of_the_activity_and_factor_cells(county: tuple[Inventory, Path]) -> None:
    inv, path = county
    wb = openpyxl.load_workbook(path)
    calc = wb["calculation"]
    values = 0
    for row, ln in enumerate(inv.lines, start=2):
        mass, co2e = calc.cell(row, 8).value, calc.cell(row, 9).value
        if isinstance(mass, str):
            assert mass.startswith(f"=activity!D{ln.record + 2}"), mass  # the record's amount cell
            assert co2e.startswith(f"=H{row}")
            assert all(part.startswith(("activity!", "factors!$C$")) for part in mass[1:].replace("/", "*").split("*"))
        else:  # a dry-chemical extinguisher: 0, said in the note
            values += 1
            assert mass == 0 and calc.cell(row, 10).value.startswith("a value, not a formula")
    assert values == sum(1 for ln in inv.lines if ln.gas == "none")
    # the mobile gasoline of record 5 (fin, 2,988.6 L): amount x heat value x 4.1868E-9 TJ/kcal x per-TJ CO2
    factors_ws = wb["factors"]
    names = {f"factors!$C${c.row}": (c.value, factors_ws.cell(c.row, 2).value) for c in factors_ws["A"]}
    first_co2 = next(row for row, ln in enumerate(inv.lines, start=2) if ln.record == 4 and ln.gas == "CO2")
    refs = calc.cell(first_co2, 8).value[1:].split("*")
    assert [names.get(r) for r in refs[1:]] == [
        ("heat_value", "motor_gasoline"),
        ("per_tj.mobile.CO2", "motor_gasoline"),
        ("unit: kcal → TJ", None),
    ]


def test_county_factor_sheet_names_each_value_its_source_and_the_calorie(county: tuple[Inventory, Path]) -> None:
    _, path = county
    ws = openpyxl.load_workbook(path)["factors"]
    rows = {(r[0], r[1]): r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == ws.max_row - 1  # one row per factor
    # 1 kcal = 4.1868 kJ (International Table calorie) = 4,186.8 J / 10^12 J per TJ
    kcal = rows[("unit: kcal → TJ", None)]
    assert math.isclose(kcal[2], 4186.8 / 1e12, rel_tol=1e-15) and kcal[3] == "TJ/kcal" and kcal[4] == "iso-80000-5"
    # 113年 grid factor 0.474 kg CO2e/kWh; the GWP of CH4 28 (AR5, moenv-2024-ef 附表四)
    grid = rows[("grid_factors.2024", None)]
    assert grid[2:5] == (0.474, "kg/kWh", "tw-grid-series")
    ch4 = rows[("gwp.AR5.CH4", None)]
    assert ch4[2] == 28 and ch4[4] == "moenv-2024-ef" and "附表四" in ch4[5] and ch4[6] == "2024-02-05"
    assert rows[("per_tj.stationary.CO2", "diesel")][2:4] == (74100, "kg/TJ")


def test_county_cached_values_are_the_library_figures(county: tuple[Inventory, Path]) -> None:
    inv, path = county
    cached = _cached(path)
    for cell, want in _expected(inv).items():
        assert cached[cell] == want, cell  # exactly: every digit written


def test_the_check_fails_for_a_wrong_formula_and_for_a_wrong_cached_value(tmp_path: Path) -> None:
    inv = _county()
    path = tmp_path / "county.xlsx"
    inv.to_excel(path)
    expected = _expected(inv)
    # a wrong formula: the first line's amount doubled
    wb = openpyxl.load_workbook(path)
    wb["calculation"]["H2"] = wb["calculation"]["H2"].value + "*2"
    wrong = tmp_path / "wrong-formula.xlsx"
    wb.save(wrong)
    bad = _mismatches(wrong, expected, tmp_path)
    assert "calculation!H2" in bad[0] and any(b.startswith("by_scope!") for b in bad)
    # a wrong cached value (the library's line doubled): the cache check sees it, while pycel computes from the
    # formula (the right figure, not the cached one), so its check fails against the doubled figure too
    line = inv.lines[0]
    doubled = dataclasses.replace(inv, lines=(dataclasses.replace(line, mass_kg=2 * line.mass_kg), *inv.lines[1:]))
    tampered = tmp_path / "wrong-cache.xlsx"
    doubled.to_excel(tampered)
    assert _cached(tampered)["calculation!H2"] == 2 * line.mass_kg != line.mass_kg
    assert _mismatches(tampered, _expected(doubled), tmp_path) == [
        f"calculation!H2: {line.mass_kg!r} != {2 * line.mass_kg!r}"
    ]


def test_every_kind_and_unit_evaluates_to_the_library_figures(tmp_path: Path) -> None:
    inv, records = _every_kind()
    path = tmp_path / "kinds.xlsx"
    inv.to_excel(path)
    assert _mismatches(path, _expected(inv), tmp_path) == []
    calc = openpyxl.load_workbook(path)["calculation"]
    notes = [
        calc.cell(r, 10).value for r in range(2, calc.max_row + 1) if not str(calc.cell(r, 8).value).startswith("=")
    ]
    assert len(notes) == 2 and all(n.startswith("a value, not a formula: 0:") for n in notes)  # qualitative, ABC
    assert read_records(path) == records  # the activity sheet holds every record, the 2024 one too


def test_editing_a_factor_cell_moves_the_totals_as_the_library_computes_with_the_override(tmp_path: Path) -> None:
    tree = read_orgs(ROOT / "examples/inventory_orgs.yaml")
    records = read_records(ROOT / "examples/inventory_records.csv")
    inv = compute(tree, records, year=2024)
    path = tmp_path / "county.xlsx"
    inv.to_excel(path)
    diesel = _factor_row(path, "heat_value", "diesel")
    grid = _factor_row(path, "grid_factors.2024")
    fs = factors.for_year(2024).with_overrides(
        heat_values={"diesel": Q_(9000, "kcal/L")}, grid_factors={2024: Q_(0.5, "kg/kWh")}
    )
    overridden = compute(tree, records, fs, year=2024)
    assert overridden.total() != inv.total()
    edits = {f"factors!C{diesel}": 9000.0, f"factors!C{grid}": 0.5}
    assert _mismatches(path, _expected(overridden), tmp_path, edits) == []


def test_a_generated_inventory_of_10000_records(tmp_path: Path) -> None:
    start = time.perf_counter()
    inv = _generated(10_000, 17)
    path = tmp_path / "generated.xlsx"
    inv.to_excel(path)
    expected = _expected(inv)
    assert len(inv.lines) > 10_000
    assert _mismatches(path, expected, tmp_path) == []
    cached = _cached(path)
    assert all(cached[cell] == want for cell, want in expected.items())
    assert time.perf_counter() - start < 120  # measured ~25 s on the shared 2-core machine


# -- organisations and keys SUMIFS cannot match as text ---------------------------------------


def test_ids_that_sumifs_would_read_as_patterns_are_values_said_so(tmp_path: Path) -> None:
    tree = OrgTree(
        [
            Organisation(id="T", name="team", status={2024: "complete"}),
            Organisation(id="t", name="team 2", parent="T"),  # the same as "T" to SUMIFS, which ignores case
            Organisation(id="a*", name="star", parent="t"),  # a wildcard
        ]
    )
    recs = [
        _rec(org=o, year=2024, kind="electricity", amount={"value": v, "unit": "kWh"})
        for o, v in (("T", 1000), ("t", 2000), ("a*", 4000))
    ]
    inv = compute(tree, recs, year=2024)
    path = tmp_path / "ids.xlsx"
    inv.to_excel(path)
    ws = openpyxl.load_workbook(path)["by_organisation"]
    for row in range(2, 5):
        assert isinstance(ws.cell(row, 5).value, float)  # own: a value ...
        assert "not a formula" in ws.cell(row, 7).value  # ... said in the note
        assert ws.cell(row, 6).value.startswith("=SUMIFS(")  # the roll-up is still a formula (of numbers)
    # 1,000 + 2,000 + 4,000 kWh x 0.474 kg/kWh = 3.318 t at the root; 2,000 + 4,000 -> 2.844 t under t
    assert _mismatches(path, _expected(inv), tmp_path) == []
    assert math.isclose(inv.rolled_up()["T"], 7000 * 0.474 / 1000) and math.isclose(
        inv.rolled_up()["t"], 6000 * 0.474 / 1000
    )


@pytest.mark.parametrize(
    ("org_id", "criterion"),
    [
        ("fin", True),
        ("pw-light", True),
        ("財政處", True),
        ("_x", True),
        ("a1.b c", True),
        ("Janet-1", False),  # Excel would read a month and a number as a date
        ("TRUE", False),
        ("false", False),
        ("5%", False),
        ("1/2", False),
        ("$1", False),
        ("1,000", False),
        ("2024-01-01", False),
        ("1a", False),
        ("12", False),
        ("a*", False),
        ("a?", False),
        ("a~", False),
        ("<>x", False),
        ("a,b", False),
        ("", False),
    ],
)
def test_only_ids_excel_reads_as_text_are_sumifs_criteria(org_id: str, criterion: bool) -> None:
    from carbonaudit.inventory._excel import _safe_criterion

    assert _safe_criterion(org_id) is criterion


def test_an_inventory_not_built_by_compute_is_refused(tmp_path: Path) -> None:
    inv = _county()
    bare = Inventory(inv.year, inv.factor_set, inv.gwp, inv.tree, inv.lines)
    with pytest.raises(InvalidValueError, match="records and the factor set"):
        bare.to_excel(tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_a_text_longer_than_a_cell_is_refused(tmp_path: Path) -> None:
    tree = OrgTree([Organisation(id="a", name="A", status={2024: "complete"})])
    rec = _rec(org="a", year=2024, kind="electricity", amount={"value": 1, "unit": "kWh"}, note="x" * 40_000)
    with pytest.raises(InvalidValueError, match=r"record 1 \(note\): a text of 40,000 characters"):
        compute(tree, [rec], year=2024).to_excel(tmp_path / "long.xlsx")


def test_a_failed_write_leaves_the_workbook_there_untouched(county: tuple[Inventory, Path], tmp_path: Path) -> None:
    path = tmp_path / "inv.xlsx"
    path.write_bytes(county[1].read_bytes())
    before = path.read_bytes()
    tree = OrgTree([Organisation(id="a", name="A", status={2024: "complete"})])
    rec = _rec(org="a", year=2024, kind="electricity", amount={"value": 1, "unit": "kWh"}, note="x" * 32_768)
    with pytest.raises(InvalidValueError, match=r"record 1 \(note\): a text of 32,768 characters .* \(32,767\)"):
        compute(tree, [rec], year=2024).to_excel(path)
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["inv.xlsx"]
    rec = _rec(org="a", year=2024, kind="electricity", amount={"value": 1, "unit": "kWh"}, note="x" * 32_767)
    compute(tree, [rec], year=2024).to_excel(path)  # the longest a cell holds: written whole, replacing the file
    assert read_records(path) == [rec] and [p.name for p in tmp_path.iterdir()] == ["inv.xlsx"]


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("bill\r\nMarch", r"the control character U\+000D \(carriage return\) at position 5"),
        ("\x01bill", r"the control character U\+0001 .* at position 1"),
        ("bill _x000D_", r"the text '_x000D_' at position 6 is Excel's escape"),
    ],
)
def test_a_note_a_workbook_would_not_keep_is_refused(tmp_path: Path, note: str, message: str) -> None:
    tree = OrgTree([Organisation(id="a", name="A", status={2024: "complete"})])
    ok = _rec(org="a", year=2024, kind="electricity", amount={"value": 1, "unit": "kWh"}, note="tab\tand\nline")
    bad = _rec(org="a", year=2024, kind="electricity", amount={"value": 2, "unit": "kWh"}, note=note)
    with pytest.raises(InvalidValueError, match=r"record 2 \(note\): " + message):
        compute(tree, [ok, bad], year=2024).to_excel(tmp_path / "inv.xlsx")
    assert list(tmp_path.iterdir()) == []
    compute(tree, [ok], year=2024).to_excel(tmp_path / "inv.xlsx")  # tab and line feed are kept
    assert read_records(tmp_path / "inv.xlsx") == [ok]


def test_a_folder_that_does_not_exist_is_named(
    county: tuple[Inventory, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from carbonaudit.cli import main

    inv, path = county
    target = tmp_path / "no-such-folder" / "inv.xlsx"
    with pytest.raises(DataFileError, match=r"cannot write .*inv\.xlsx: the folder .*no-such-folder does not exist"):
        inv.to_excel(target)
    args = ["inventory", str(path), "--orgs", str(path), "--year", "2024", "--xlsx", str(target)]
    assert main(args, io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith("carbonaudit: error: cannot write ") and "create it first" in err
    assert "to_excel" not in err and "internal error" not in err


# -- reading records and organisations from a workbook --------------------------------------------


def test_the_workbook_reads_back_as_records_and_organisations(county: tuple[Inventory, Path]) -> None:
    inv, path = county
    assert read_records(path) == list(inv.records)
    assert [o for o in read_orgs(path)] == [o for o in inv.tree]


_FLOATS = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False) | st.sampled_from(
    [0.1 + 0.2, 1 / 3, 5e-324, 123456.78901234567]
)
_PLAIN = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)
_TEXT = st.one_of(
    _PLAIN, _PLAIN, st.builds(lambda a, c, b: a + c + b, _PLAIN, st.sampled_from(["\r", "\r\n", "\x01"]), _PLAIN)
)
"""Notes: any text; one in three with a carriage return or U+0001 inside (refused on writing: see below)."""
_UNKEPT = re.compile(r"[\x00-\x08\x0b-\x1f]|_x[0-9A-Fa-f]{4}_")  # what xlsxwriter escapes, or an escape


@st.composite
def _record_sets(draw: st.DrawFn) -> list[ActivityRecord]:
    records = []
    for _ in range(draw(st.integers(1, 8))):
        org = draw(st.sampled_from(["a", "b"]))
        year = draw(st.sampled_from([2023, 2024]))
        note = draw(_TEXT)
        quality = draw(st.sampled_from(["metered", "invoiced", "estimated"]))
        kind = draw(st.sampled_from(["electricity", "fuel", "refrigerant_leak", "process"]))
        value = draw(_FLOATS)
        common = {"org": org, "year": year, "note": note, "quality": quality}
        if kind == "electricity":
            extra: dict[str, Any] = {"amount": {"value": value, "unit": draw(st.sampled_from(["kWh", "MWh", "度"]))}}
            if draw(st.booleans()):
                extra["supplier_factor"] = {"value": draw(_FLOATS.filter(lambda v: v < 10)), "unit": "kg/kWh"}
        elif kind == "fuel":
            extra = {
                "fuel": draw(st.sampled_from(["diesel", "motor_gasoline"])),
                "use": draw(st.sampled_from(["mobile", "stationary"])),
                "amount": {"value": value, "unit": draw(st.sampled_from(["L", "kL", "公升"]))},
            }
        elif kind == "refrigerant_leak":
            extra = {
                "gas": "R-410A",
                "leak_rate": draw(st.floats(0, 1)),
                "amount": {"value": value, "unit": "kg"},
            }
        else:
            extra = {
                "emission_factor": {"value": draw(_FLOATS), "unit": "kg/t"},
                "amount": {"value": value, "unit": "t"},
            }
        records.append(_rec(kind=kind, **common, **extra))
    return records


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=_record_sets())
def test_records_round_trip_through_the_workbook(records: list[ActivityRecord], tmp_path: Path) -> None:
    tree = OrgTree([Organisation(id="a", name="A"), Organisation(id="b", name="B", parent="a")])
    path = tmp_path / "records.xlsx"
    path.unlink(missing_ok=True)
    bad = [i for i, r in enumerate(records, start=1) if _UNKEPT.search(r.note)]
    if bad:  # the first record whose note a workbook would not keep is refused, nothing written
        with pytest.raises(InvalidValueError, match=rf"record {bad[0]} \(note\): the (control character|text)"):
            compute(tree, records, year=2024).to_excel(path)
        assert not path.exists()
        return
    compute(tree, records, year=2024).to_excel(path)
    back = read_records(path)
    assert back == records
    assert [r.amount.value for r in back] == [r.amount.value for r in records]  # every digit (0.1 + 0.2 too)


def _records_workbook(path: Path, edit: Any = None) -> Path:
    """A records workbook written by hand with openpyxl (one electricity and one fuel row), then *edit*ed."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "activity"
    ws.append(["org", "year", "kind", "value", "unit", "fuel", "use", "note"])
    ws.append(["a", 2024, "electricity", 1000, "kWh", None, None, "bill"])
    ws.append(["a", 2024, "fuel", 50.5, "L", "diesel", "mobile", None])
    if edit is not None:
        edit(wb, ws)
    wb.save(path)
    return path


def test_a_records_workbook_typed_by_hand(tmp_path: Path) -> None:
    records = read_records(_records_workbook(tmp_path / "r.xlsx"))
    assert [(r.kind, r.amount.value, r.amount.unit, r.fuel, r.note) for r in records] == [
        ("electricity", 1000.0, "kWh", None, "bill"),
        ("fuel", 50.5, "L", "diesel", ""),
    ]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda wb, ws: setattr(ws, "title", "Sheet1"),
            r"r\.xlsx: the workbook has no sheet 'activity' \(its sheets: 'Sheet1'\)",
        ),
        (lambda wb, ws: ws.cell(1, 4, "amount"), r"sheet 'activity', cell D1: 'amount' is not a column of this table"),
        (
            lambda wb, ws: ws.cell(3, 4, "50,5"),
            r"sheet 'activity', cell D3: the column 'value' holds numbers, but the cell holds text '50,5'",
        ),
        (lambda wb, ws: ws.merge_cells("A2:A3"), r"sheet 'activity', cell A2:A3: the cells are merged"),
        (lambda wb, ws: ws.cell(3, 4, "=D2/20"), r"sheet 'activity', cell D3: the cell holds a formula \(=D2/20\)"),
        (
            lambda wb, ws: ws.cell(2, 2, 113),
            r"sheet 'activity', cell B2: year: '113' is an ROC year \(ROC 113 = AD 2024\)",
        ),
        (lambda wb, ws: ws.cell(3, 5, "kvarh"), r"sheet 'activity', cell E3: unit:|sheet 'activity', cell D3: value"),
        (lambda wb, ws: ws.cell(2, 9, "x"), r"sheet 'activity', cell I2: 'x' is in a column without a heading"),
        (lambda wb, ws: setattr(ws.cell(3, 1), "value", None), r"sheet 'activity', row 3: no org"),
        (
            lambda wb, ws: (ws.cell(1, 9, "supplier_factor_unit"), ws.cell(2, 9, "kg/kWh")),
            r"sheet 'activity', cell I2: supplier_factor_unit: 'kg/kWh' is given without supplier_factor_value",
        ),
    ],
    ids=[
        "missing-sheet",
        "renamed-header",
        "text-in-number",
        "merged",
        "formula",
        "roc-year",
        "bad-unit",
        "outside",
        "no-org",
        "unit-without-value",
    ],
)
def test_a_bad_records_workbook_names_the_sheet_and_cell(tmp_path: Path, edit: Any, message: str) -> None:
    path = _records_workbook(tmp_path / "r.xlsx", edit)
    with pytest.raises(DataFileError, match=message):
        read_records(path)


def test_a_big5_csv_and_an_xls_named_xlsx_are_refused(tmp_path: Path) -> None:
    big5 = tmp_path / "records.xlsx"
    big5.write_bytes("org,year,kind,value,unit,note\na,2024,electricity,1000,kWh,台電電費單\n".encode("big5"))
    with pytest.raises(
        DataFileError, match=r"records\.xlsx: this records file is not an \.xlsx workbook but a text file"
    ):
        read_records(big5)
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(DataFileError, match=r"old\.xls: this records file is an Excel 97-2003 workbook \(\.xls\)"):
        read_records(xls)
    with pytest.raises(DataFileError, match=r"old\.xls: this organisations file is an Excel 97-2003 workbook"):
        read_orgs(xls)
    assert zipfile.is_zipfile(_records_workbook(tmp_path / "ok.xlsx"))


def test_a_bad_organisations_workbook_names_the_sheet_and_cell(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "organisations"
    ws.append(["id", "name", "parent", "staff", "status_2024"])
    ws.append(["team", "盤查小組", None, 5, "complete"])
    ws.append(["a", "A局", "team", "many", "complete"])
    path = tmp_path / "orgs.xlsx"
    wb.save(path)
    with pytest.raises(DataFileError, match=r"sheet 'organisations', cell D3: the column 'staff' holds numbers"):
        read_orgs(path)
    ws.cell(3, 4, 7)
    ws.cell(3, 5, "done")
    wb.save(path)
    with pytest.raises(DataFileError, match=r"sheet 'organisations', cell E3 \('a'\): status\.2024"):
        read_orgs(path)
    ws.cell(3, 5, "in_progress")
    wb.save(path)
    tree = read_orgs(path)
    assert tree["a"].staff == 7 and tree["a"].status == {2024: "in_progress"} and tree["a"].parent == "team"


def test_the_command_line_reads_workbooks_and_writes_the_auditable_one(
    county: tuple[Inventory, Path], tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    inv, path = county
    out = tmp_path / "cli.xlsx"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "carbonaudit",
            "inventory",
            str(path),
            "--orgs",
            str(path),
            "--year",
            "2024",
            "--xlsx",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "13,235.524" in done.stdout  # Inventory.total() of the county, as from the CSV and YAML
    assert _cached(out)["by_scope!C6"] == inv.total()
    bad = subprocess.run(
        [sys.executable, "-m", "carbonaudit", "inventory", str(ROOT / "pyproject.toml"), "--orgs", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode != 0
    old = tmp_path / "records.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    bad = subprocess.run(
        [sys.executable, "-m", "carbonaudit", "inventory", str(old), "--orgs", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode != 0 and "Excel 97-2003 workbook (.xls)" in bad.stdout + bad.stderr
    assert "Traceback" not in bad.stderr


def test_a_factor_unit_without_its_value_is_refused_in_a_csv_too(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("org,year,kind,value,unit,emission_factor_unit\na,2024,fuel,1,L,kg/L\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"r\.csv, line 2: emission_factor_unit: 'kg/L' is given without"):
        read_records(path)
    path.write_text("org,year,kind,value,unit,emission_factor_unit\na,2024,fuel,1,L,\n", encoding="utf-8")
    assert read_records(path)[0].emission_factor is None  # an empty unit is nothing given
