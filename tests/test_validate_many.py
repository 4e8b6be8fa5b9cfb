"""Batch validation (issue 17, point 4): ``declaration.validate_many`` and ``carbonaudit validate DIR``."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from carbonaudit import declaration
from carbonaudit.cli import main
from carbonaudit.errors import InvalidValueError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Six declaration files (two clean, two with findings, two unreadable), a .txt and a sub-folder.

    a_office.yaml      the office example: clean (its two findings are info)
    b_broken.yaml      the broken example: error findings
    c_production.yaml  the production example: a warning (production.coverage), no error
    d_bad.yaml         not valid YAML (an unclosed flow sequence)
    e_office.json      the office example as JSON: clean
    f_orgs.yaml        valid YAML, not a declaration (the inventory's organisations)
    notes.txt          skipped (not a declaration file name)
    sub/               skipped (a folder), holding g_office.yaml
    """
    d = tmp_path / "filings"
    d.mkdir()
    shutil.copy(EXAMPLES / "office_declaration.yaml", d / "a_office.yaml")
    shutil.copy(EXAMPLES / "broken_declaration.yaml", d / "b_broken.yaml")
    shutil.copy(EXAMPLES / "production_declaration.yaml", d / "c_production.yaml")
    (d / "d_bad.yaml").write_text("year: 114\nmeters: [1, 2\n", "utf-8")
    office = yaml.safe_load((EXAMPLES / "office_declaration.yaml").read_text("utf-8"))
    (d / "e_office.json").write_text(json.dumps(office, ensure_ascii=False), "utf-8")
    shutil.copy(EXAMPLES / "inventory_orgs.yaml", d / "f_orgs.yaml")
    (d / "notes.txt").write_text("not a declaration\n", "utf-8")
    (d / "sub").mkdir()
    shutil.copy(EXAMPLES / "office_declaration.yaml", d / "sub" / "g_office.yaml")
    return d


def single(path: Path) -> declaration.Findings:  # type: ignore[name-defined]
    d = declaration.load(path)
    if isinstance(d, declaration.ProductionDeclaration):
        return declaration.validate_production(d)
    return declaration.validate(d)


def test_folder_statuses_and_summary(folder: Path) -> None:
    result = declaration.validate_many(folder)
    got = [(Path(r.path).name, r.form, r.status) for r in result.files]
    assert got == [
        ("a_office.yaml", "non-production", "clean"),
        ("b_broken.yaml", "non-production", "findings"),
        ("c_production.yaml", "production", "findings"),
        ("d_bad.yaml", None, "error"),
        ("e_office.json", "non-production", "clean"),
        ("f_orgs.yaml", None, "error"),
    ]
    assert [(Path(s.path).name, s.reason.split(" (")[0]) for s in result.skipped] == [
        ("notes.txt", "not a declaration file"),
        ("sub", "a folder"),
    ]
    # each file's findings are exactly those of load + validate of that file alone
    for r in result.files:
        if r.status != "error":
            assert [f.model_dump() for f in r.findings] == [f.model_dump() for f in single(Path(r.path))]
    broken = result.files[1]
    assert broken.errors >= 6 and broken.has_errors  # the six rule breaks the file's header comment lists
    production = result.files[2]
    assert (production.errors, production.warnings) == (0, 1) and not production.has_errors
    assert "line 2" in (result.files[3].error or "") and "not valid YAML" in (result.files[3].error or "")
    assert "not a valid declaration" in (result.files[5].error or "")
    assert result.files[0].findings and result.files[0].errors == result.files[0].warnings == 0  # info only

    s = result.summary
    # by hand: 6 files; clean a, e; with findings b, c; unreadable d, f; with errors b, d, f; skipped notes.txt, sub
    assert (s.files, s.clean, s.with_findings, s.unreadable, s.with_errors, s.skipped) == (6, 2, 2, 2, 3, 2)
    expected_codes: Counter[str] = Counter()
    for name in ("a_office.yaml", "b_broken.yaml", "c_production.yaml", "e_office.json"):
        expected_codes.update(f.code for f in single(folder / name))
    assert s.findings_by_code == dict(sorted(expected_codes.items()))
    assert s.findings_by_code["rates.target_met"] == 3  # the office twice (a, e) and the broken file once
    assert result.has_errors


def test_recursive_reads_the_sub_folder(folder: Path) -> None:
    result = declaration.validate_many(folder, recursive=True)
    assert [Path(r.path).name for r in result.files][-1] == "g_office.yaml"
    s = result.summary
    assert (s.files, s.clean, s.skipped) == (7, 3, 1)  # g_office is clean; only notes.txt skipped


def test_paths_in_the_order_given_and_a_missing_one(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = declaration.validate_many(
        [EXAMPLES / "production_declaration.yaml", missing, str(EXAMPLES / "office_declaration.yaml")]
    )
    assert [r.status for r in result.files] == ["findings", "error", "clean"]
    assert result.files[1].path == str(missing)
    assert "cannot read declaration" in (result.files[1].error or "") and "No such file" in (
        result.files[1].error or ""
    )
    assert result.has_errors
    assert declaration.validate_many([]).files == ()


def test_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = declaration.validate_many(tmp_path)
    assert result.files == () and result.skipped == () and not result.has_errors
    status, text = run("validate", str(tmp_path))
    assert status == 2 and text == ""
    err = capsys.readouterr().err
    assert "no declaration file to check in" in err and "*.yaml" in err


def test_workers_two_equal_one(folder: Path) -> None:
    one = declaration.validate_many(folder, workers=1)
    two = declaration.validate_many(folder, workers=2)
    assert two == one
    assert two.model_dump() == one.model_dump()  # the findings' context and Chinese messages too
    assert declaration.validate_many(folder) == one


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2", 2.0])
def test_workers_refused(folder: Path, bad: object) -> None:
    with pytest.raises(InvalidValueError, match="workers"):
        declaration.validate_many(folder, workers=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [None, 3, b"examples", {"a": 1}])
def test_paths_refused(bad: object) -> None:
    with pytest.raises(InvalidValueError, match="paths"):
        declaration.validate_many(bad)  # type: ignore[arg-type]


def test_to_frame_and_model_dump(folder: Path) -> None:
    result = declaration.validate_many(folder)
    frame = result.to_frame()
    assert list(frame.columns) == ["path", "form", "status", "errors", "warnings", "findings", "error"]
    assert list(frame["status"]) == ["clean", "findings", "findings", "error", "clean", "error"]
    data = json.loads(json.dumps(result.model_dump(), ensure_ascii=False))
    assert data["summary"]["files"] == 6 and data["summary"]["with_errors"] == 3
    assert [Path(f["path"]).name for f in data["files"]][3] == "d_bad.yaml"
    assert [Path(s["path"]).name for s in data["skipped"]] == ["notes.txt", "sub"]


def test_cli_folder_lines_summary_and_exit(folder: Path) -> None:
    status, text = run("validate", str(folder))
    assert status == 1  # b has error findings, d and f cannot be read
    lines = text.splitlines()
    row = {Path(line.split()[0]).name: line.split() for line in lines[2:8]}
    assert row["a_office.yaml"][1:5] == ["non-production", "clean", "0", "0"]
    assert row["c_production.yaml"][1:5] == ["production", "findings", "0", "1"]
    assert row["d_bad.yaml"][1:3] == ["-", "unreadable"] and "not valid YAML" in " ".join(row["d_bad.yaml"])
    assert f"skipped: {folder / 'notes.txt'}: not a declaration file" in text
    assert f"skipped: {folder / 'sub'}: a folder (--recursive reads it)" in text
    assert "6 files: 2 clean, 2 with findings, 3 with errors (2 unreadable); 2 skipped" in text
    assert "findings by code:" in text and "rates.target_met" in text
    assert "validate_many" not in text and "recursive=True" not in text  # no Python call in CLI output


def test_cli_clean_folder_exits_0(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "office_declaration.yaml", tmp_path / "a.yaml")
    shutil.copy(EXAMPLES / "production_declaration.yaml", tmp_path / "b.yml")  # a warning is not an error
    status, text = run("validate", str(tmp_path))
    assert status == 0
    assert "2 files: 1 clean, 1 with findings, 0 with errors (0 unreadable); 0 skipped" in text


def test_cli_several_files_and_a_missing_one(tmp_path: Path) -> None:
    office = str(EXAMPLES / "office_declaration.yaml")
    status, text = run("validate", office, str(tmp_path / "nope.yaml"))
    assert status == 1
    assert "No such file" in text and "1 clean" in text
    # one missing file alone keeps the one-file behaviour: an error, exit 2
    assert run("validate", str(tmp_path / "nope.yaml"))[0] == 2


def test_cli_report_csv(folder: Path, tmp_path: Path) -> None:
    report = tmp_path / "findings.csv"
    status, text = run("validate", str(folder), "--report", str(report))
    assert status == 1 and f"report: {report}" in text
    with report.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["file", "form", "status", "code", "severity", "section", "path", "message", "message_zh"]
    result = declaration.validate_many(folder)
    # one row per finding of the four readable files, and one per unreadable file (d, f)
    assert len(rows) == sum(len(r.findings) for r in result.files) + 2
    unreadable = [r for r in rows if r["code"] == "declaration.unreadable"]
    assert [Path(r["file"]).name for r in unreadable] == ["d_bad.yaml", "f_orgs.yaml"]
    assert all(r["severity"] == "error" and r["status"] == "error" and r["message"] for r in unreadable)
    managers = [r for r in rows if r["code"] == "declaration.managers_required"]
    assert [(Path(r["file"]).name, r["severity"], r["section"]) for r in managers] == [
        ("b_broken.yaml", "error", "managers")
    ]
    assert managers[0]["message_zh"]  # the Chinese message too
    sections = {r["section"] for r in rows if r["path"]}
    assert all("[" not in s and "." not in s for s in sections)


def test_cli_report_of_one_file(tmp_path: Path) -> None:
    report = tmp_path / "r.csv"
    status, _ = run("validate", str(EXAMPLES / "office_declaration.yaml"), "--report", str(report))
    assert status == 0
    with report.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["code"] for r in rows] == [f.code for f in single(EXAMPLES / "office_declaration.yaml")]


def test_cli_json(folder: Path) -> None:
    status, text = run("validate", str(folder), "--json")
    assert status == 1
    data = json.loads(text)
    assert data["summary"] == {
        **declaration.validate_many(folder).summary.model_dump(),
    }
    assert data["summary"]["files"] == 6 and data["summary"]["clean"] == 2
    assert [f["status"] for f in data["files"]] == ["clean", "findings", "findings", "error", "clean", "error"]


def test_cli_workers_two_equal_one(folder: Path) -> None:
    assert run("validate", str(folder), "--workers", "2") == run("validate", str(folder))
    assert run("validate", str(folder), "--json", "--workers", "2") == run("validate", str(folder), "--json")


@pytest.mark.parametrize("argv", [["--workers", "abc"], ["--workers", "0"], ["--recursive"]])
def test_cli_bad_options(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    target = str(EXAMPLES / "office_declaration.yaml")  # a file: --recursive has no folder to read
    status, _ = run("validate", target, *argv)
    assert status == 2
    err = capsys.readouterr().err
    assert ("--workers" in err or "--recursive" in err) and "workers=" not in err


def test_cli_recursive(folder: Path) -> None:
    status, text = run("validate", str(folder), "--recursive")
    assert status == 1 and "g_office.yaml" in text and "7 files: 3 clean" in text


def test_a_folder_with_workbooks(tmp_path: Path) -> None:
    # the office example as YAML and as the workbook Declaration.to_excel writes; a Big5 CSV named .xlsx
    pytest.importorskip("openpyxl")
    pytest.importorskip("xlsxwriter")
    d = tmp_path / "filings"
    d.mkdir()
    shutil.copy(EXAMPLES / "office_declaration.yaml", d / "a_office.yaml")
    declaration.load(EXAMPLES / "office_declaration.yaml").to_excel(d / "b_office.xlsx")
    (d / "c_export.xlsx").write_bytes("用戶,年度,用電\nE-000123,114,1200\n".encode("big5"))
    result = declaration.validate_many(d)
    assert [(Path(r.path).name, r.form, r.status) for r in result.files] == [
        ("a_office.yaml", "non-production", "clean"),
        ("b_office.xlsx", "non-production", "clean"),
        ("c_export.xlsx", None, "error"),
    ]
    yaml_file, workbook, broken = result.files
    # the workbook's findings are the YAML's, finding for finding (context and messages too)
    assert [f.model_dump() for f in workbook.findings] == [f.model_dump() for f in yaml_file.findings]
    assert workbook.findings  # (the office example has its two info findings: the check compares something)
    assert broken.error == (
        f"{d / 'c_export.xlsx'}: this declaration is not an .xlsx workbook but a text file (a CSV saved with an "
        ".xlsx name?): open it in Excel and save it as 'Excel Workbook (*.xlsx)', or give it a .csv name and read it as CSV"
    )
    s = result.summary
    # by hand: 3 files; clean a, b; unreadable c, which is the one with errors
    assert (s.files, s.clean, s.with_findings, s.unreadable, s.with_errors) == (3, 2, 0, 1, 1)
    assert declaration.validate_many(d, workers=2) == result
    status, text = run("validate", str(d))
    assert status == 1 and "3 files: 2 clean, 0 with findings, 1 with errors (1 unreadable)" in text


def test_a_macro_workbook_in_a_folder_is_read_not_skipped(tmp_path):
    import shutil

    shutil.copy(EXAMPLES / "office_declaration.xlsx", tmp_path / "office.xlsm")
    result = declaration.validate_many(tmp_path)
    assert [(Path(f.path).name, f.status) for f in result.files] == [("office.xlsm", "clean")]
    assert result.skipped == ()
