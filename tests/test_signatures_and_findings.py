"""Issue 15, points 6-8 (parts): one order of arguments, one way to read a declaration, findings that speak.

Written as a user types the calls: ``compute(tree, records)`` and ``compute_frame(tree, df)`` in the
same order, ``declaration.load(path)`` for YAML or JSON of either form, ``validate`` refusing what it
cannot check with what to call instead, an empty inventory year as an error finding, a register CSV
without binary noise, a readable ``OrgTree``, a Chinese message on every finding, and no import
circle among carbonaudit's modules.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from carbonaudit import declaration
from carbonaudit.declaration import Declaration, ProductionDeclaration, validate, validate_production
from carbonaudit.errors import DataFileError, DeclarationError, InvalidValueError
from carbonaudit.inventory import (
    ActivityRecord,
    Organisation,
    OrgTree,
    compare_years,
    compute,
    compute_frame,
    outliers,
    read_orgs,
    read_records,
)

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "carbonaudit"
EXAMPLES = ROOT / "examples"


def _tree() -> OrgTree:
    return OrgTree(
        [
            Organisation(id="team", name="盤查小組", status={2024: "complete"}),
            Organisation(id="a", name="A局", parent="team", status={2024: "complete"}),
        ]
    )


def _electricity(kwh: float, year: int = 2024) -> ActivityRecord:
    return ActivityRecord(org="a", year=year, kind="electricity", amount={"value": kwh, "unit": "kWh"})


# -- one order: (tree, records, ...) ---------------------------------------------------------------


def test_compute_and_compute_frame_take_the_tree_first_and_agree() -> None:
    pd = pytest.importorskip("pandas")
    tree = _tree()
    df = pd.DataFrame({"org": ["a"], "year": [2024], "kind": ["electricity"], "value": [10_000.0], "unit": ["kWh"]})
    # 10,000 kWh x 0.474 kg CO2e/kWh (grid factor 2024) = 4,740 kg = 4.74 t
    assert compute(tree, [_electricity(10_000)], year=2024).total() == pytest.approx(4.74, rel=1e-12)
    assert compute_frame(tree, df, year=2024)["co2e_t"].tolist() == pytest.approx([4.74], rel=1e-12)


def test_compute_frame_in_the_old_order_is_told_the_order() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"org": ["a"], "year": [2024], "kind": ["electricity"], "value": [10_000.0], "unit": ["kWh"]})
    with pytest.raises(InvalidValueError, match=r"compute_frame takes the tree first, then the records") as err:
        compute_frame(df, _tree(), year=2024)
    assert "compute_frame(tree, df, ...)" in str(err.value)
    with pytest.raises(InvalidValueError, match=r"compute takes the tree first, then the records"):
        compute([_electricity(10_000)], _tree(), year=2024)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"compute_frame: tree must be an OrgTree, got dict"):
        compute_frame({"a": "A局"}, df, year=2024)  # type: ignore[arg-type]


# -- declaration.load: YAML or JSON, either form -----------------------------------------------------


def test_load_reads_both_forms_from_yaml() -> None:
    office = declaration.load(EXAMPLES / "office_declaration.yaml")
    assert type(office) is Declaration
    assert (office.year, office.basic.contract_capacity.m_as("kW")) == (114, 1200.0)
    production = declaration.load(str(EXAMPLES / "production_declaration.yaml"))
    assert type(production) is ProductionDeclaration
    assert production.year == 106


def test_load_reads_json_by_extension_and_by_content(tmp_path: Path) -> None:
    office = declaration.load(EXAMPLES / "office_declaration.yaml")
    as_json = tmp_path / "office.json"
    as_json.write_text(office.to_json(), encoding="utf-8")
    assert declaration.load(as_json) == office
    no_extension = tmp_path / "office.txt"
    no_extension.write_text(office.to_json(), encoding="utf-8")
    assert declaration.load(no_extension) == office
    # a production declaration in JSON is recognised by its content (products, no basic section)
    production = declaration.load(EXAMPLES / "production_declaration.yaml")
    (tmp_path / "plant.json").write_text(production.to_json(), encoding="utf-8")
    assert declaration.load(tmp_path / "plant.json") == production


def test_a_malformed_file_names_the_format_it_failed_to_parse(tmp_path: Path) -> None:
    bad_json = tmp_path / "d.json"
    bad_json.write_text('{"era": "ROC",\n  "year": 113\n  "basic": {}}\n', encoding="utf-8")
    # line 3 column 3 is the '"basic"' that follows 113 without a comma
    with pytest.raises(DataFileError, match=r"d\.json, line 3, column 3: not valid JSON: Expecting ',' delimiter"):
        declaration.load(bad_json)
    bad_yaml = tmp_path / "d.yaml"
    bad_yaml.write_text("era: ROC\nyear: [113\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"d\.yaml, line 3, column 1: not valid YAML"):
        declaration.load(bad_yaml)
    twice = tmp_path / "twice.json"
    twice.write_text('{"era": "ROC", "era": "AD"}', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"not valid JSON: the key 'era' appears twice"):
        declaration.load(twice)
    nan = tmp_path / "nan.json"
    nan.write_text('{"year": NaN}', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"not valid JSON: NaN is not a JSON number"):
        declaration.load(nan)
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"a declaration must be a mapping, got list"):
        declaration.load(listed)


def test_load_structural_problems_stay_validation_errors(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"era": "ROC", "year": 113}', encoding="utf-8")
    with pytest.raises(ValidationError, match="basic"):
        declaration.load(path)


def test_load_refuses_what_is_not_a_path() -> None:
    with pytest.raises(DeclarationError, match=r"path must be a str or Path, got dict") as err:
        declaration.load({"era": "ROC"})  # type: ignore[arg-type]
    assert "Declaration.model_validate(data)" in str(err.value)
    assert err.value.for_cli().endswith("carbonaudit validate FILE")


# -- validate says what to call instead --------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("examples/office_declaration.yaml", "declaration.validate(declaration.load(path))"),
        (Path("examples/office_declaration.yaml"), "declaration.validate(declaration.load(path))"),
        ({"era": "ROC", "year": 113}, "declaration.validate(Declaration.model_validate(data))"),
    ],
)
def test_validate_given_a_path_or_a_dict_says_to_load_it(given: object, said: str) -> None:
    with pytest.raises(DeclarationError, match=r"validate: its argument declaration must be a Declaration") as err:
        validate(given)  # type: ignore[arg-type]
    assert said in str(err.value)
    assert err.value.for_cli() == err.value.message + "; carbonaudit validate FILE (it detects the form)"


def test_each_form_goes_to_its_own_validate() -> None:
    production = declaration.load(EXAMPLES / "production_declaration.yaml")
    office = declaration.load(EXAMPLES / "office_declaration.yaml")
    with pytest.raises(DeclarationError, match=r"got a ProductionDeclaration; call declaration\.validate_production\(d\)"):
        validate(production)  # type: ignore[arg-type]
    with pytest.raises(DeclarationError, match=r"must be a ProductionDeclaration, got a Declaration; call declaration\.validate\(d\)"):
        validate_production(office)  # type: ignore[arg-type]
    with pytest.raises(DeclarationError, match=r"validate_production\(declaration\.load\(path\)\)"):
        validate_production("examples/production_declaration.yaml")  # type: ignore[arg-type]


# -- empty and odd results speak ------------------------------------------------------------------


def test_an_inventory_year_without_records_is_an_error_finding() -> None:
    inv = compute(_tree(), [_electricity(10_000, 2023), _electricity(12_000, 2024)], year=2022)
    (empty,) = [f for f in inv.findings if f.code == "inventory.no_records"]
    assert empty.severity == "error"
    assert empty.path == "records"
    assert empty.message.startswith("no records for 2022 (the records are of 2023, 2024)")
    assert empty.message_zh.startswith("2022 年無活動數據紀錄")
    assert empty.context == {"year": 2022, "years": [2023, 2024]}
    assert inv.total() == 0.0
    # a year with records has no such finding
    assert "inventory.no_records" not in [f.code for f in compute(_tree(), [_electricity(1)], year=2024).findings]
    none_given = compute(_tree(), [], year=2024).findings
    assert [f.message for f in none_given if f.code == "inventory.no_records"] == [
        "no records for 2024 (no record was given): the inventory of 2024 is empty, its totals 0 by absence"
    ]


def test_the_register_csv_has_no_binary_noise_and_the_values_full_precision(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    # 12.7 kWh x 0.474 kg/kWh = 6.0198 kg = 0.0060198 t; the float product is 0.006019799999999999
    inv = compute(_tree(), [_electricity(12.7)], year=2024)
    value = inv.register()["co2e_t"].iloc[0]
    assert value == 12.7 * 0.474 / 1000  # the value keeps every bit of the product
    path = tmp_path / "register.csv"
    inv.to_csv(path)
    header, row = path.read_text(encoding="utf-8").splitlines()
    cells = dict(zip(header.split(","), row.split(","), strict=True))
    assert cells["co2e_t"] == "0.0060198"
    assert float(cells["co2e_t"]) == pytest.approx(value, rel=1e-14)


def test_orgtree_repr_is_short_and_readable() -> None:
    tree = OrgTree(
        [
            Organisation(id="A", name="總處"),
            Organisation(id="B", name="B局", parent="A"),
            Organisation(id="C", name="C局", parent="A"),
        ]
    )
    assert repr(tree) == "OrgTree(3 organisations: A 總處 > B, C)"
    assert repr(OrgTree([])) == "OrgTree(0 organisations)"
    assert repr(OrgTree([Organisation(id="a", name="A局")])) == "OrgTree(1 organisation: a A局)"
    big = OrgTree(
        [Organisation(id="team", name="盤查小組")]
        + [Organisation(id=f"a{i}", name="局", parent="team") for i in range(2000)]
        + [Organisation(id=f"r{i}", name="R") for i in range(4)]
    )
    # 1 + 2,000 + 4 = 2,005; six children named of 2,000 (1,994 more); three roots of five (2 more)
    assert repr(big) == (
        "OrgTree(2,005 organisations: team 盤查小組 > a0, a1, a2, a3, a4, a5, +1,994 more; r0 R; r1 R; +2 more roots)"
    )


# -- every finding has its Chinese message ---------------------------------------------------------


def _example_findings() -> list[object]:
    found: list[object] = []
    for name in ("office_declaration.yaml", "broken_declaration.yaml"):
        d = declaration.load(EXAMPLES / name)
        assert isinstance(d, Declaration)
        found += validate(d)
    p = declaration.load(EXAMPLES / "production_declaration.yaml")
    assert isinstance(p, ProductionDeclaration)
    found += validate_production(p)
    tree = read_orgs(EXAMPLES / "inventory_orgs.yaml")
    records = read_records(EXAMPLES / "inventory_records.csv")
    for year in (2022, 2023, 2024):
        inv = compute(tree, records, year=year)
        found += inv.findings
        if year > 2022:
            found += outliers(inv)
    found += compare_years(tree, records, 2023, 2024, base_gwp="AR4").findings
    return found


def test_every_finding_of_the_examples_has_its_chinese_message() -> None:
    found = _example_findings()
    codes = {f.code for f in found}  # type: ignore[attr-defined]
    # the examples reach the kinds of finding this is about: declarations, inventory, comparison
    assert {"inventory.no_records", "inventory.incomplete", "inventory.year_change"} <= codes
    assert any(c.startswith("declaration.") for c in codes) and any(c.startswith("production.") for c in codes)
    missing = [(f.code, f.path) for f in found if not f.message_zh.strip()]  # type: ignore[attr-defined]
    assert missing == []


def test_no_finding_is_built_without_its_chinese_message() -> None:
    # every Finding(...) in the source gives message_zh (the sixth argument or by name)
    lacking = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Finding":
                if len(node.args) < 6 and not any(k.arg == "message_zh" for k in node.keywords):
                    lacking.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert lacking == []


# -- structure: one low module for Amount, no import circle ------------------------------------------


def _imports(every: bool) -> dict[str, set[str]]:
    """carbonaudit's modules and those each imports: at module level, or *every* import (in functions too)."""
    modules: dict[str, tuple[Path, bool]] = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if package else parts)] = (path, package)
    graph: dict[str, set[str]] = {}
    for name, (path, package) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        here = name if package else name.rpartition(".")[0]
        nodes = list(ast.walk(tree)) if every else [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        found: set[str] = set()
        for node in nodes:
            if isinstance(node, ast.ImportFrom):
                base = here.split(".")[: len(here.split(".")) - node.level + 1] if node.level else []
                target = ".".join([*base, node.module] if node.module else base)
                for alias in node.names:
                    found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(component)

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_circle_among_the_modules() -> None:
    graph = _imports(every=False)
    assert "carbonaudit.declaration.models" in graph["carbonaudit.declaration.validate"]  # the graph is read
    assert _cycles(graph) == []


def test_the_named_circles_are_untied_even_in_functions() -> None:
    graph = _imports(every=True)
    # declaration io <-> models and inventory checks <-> compute: no import either way back, not even
    # inside a function; the inventory no longer reaches into the declaration package for Amount
    assert "carbonaudit.declaration.io" not in graph["carbonaudit.declaration.models"]
    assert "carbonaudit.inventory.checks" not in graph["carbonaudit.inventory.compute"]
    assert not {m for m in graph["carbonaudit.inventory.models"] if m.startswith("carbonaudit.declaration")}
    assert not {m for m in graph["carbonaudit.inventory.io"] if m.startswith("carbonaudit.declaration")}
    # the circles left are through a function, each for a reason: Declaration.summary() runs
    # validate's table rules; Findings.to_frame() asks _optional for pandas, whose error is an
    # errors class; a fuel a set lacks is looked up in the other shipped sets, which the loader reads
    assert sorted(map(sorted, _cycles(graph))) == [
        ["carbonaudit._optional", "carbonaudit.errors"],
        ["carbonaudit.declaration.models", "carbonaudit.declaration.validate"],
        ["carbonaudit.factors._loader", "carbonaudit.factors.models"],
    ]


def test_amount_is_one_type_for_both_packages() -> None:
    from carbonaudit.declaration.models import Amount as from_models
    from carbonaudit.inventory.models import ActivityRecord as Record

    assert declaration.Amount is from_models
    assert Record.model_fields["amount"].annotation is declaration.Amount
    assert declaration.Amount(value=12_000, unit="度").quantity.m_as("kWh") == 12_000


@pytest.mark.parametrize("module", ["carbonaudit.inventory", "carbonaudit.declaration", "carbonaudit.inventory.checks"])
def test_each_package_imports_alone_in_a_fresh_interpreter(module: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC.parent)}
    code = f"import sys, {module}; print('carbonaudit.declaration' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    # the inventory does not load the declaration package any more
    assert result.stdout.strip() == ("True" if module == "carbonaudit.declaration" else "False")


# -- the command line ---------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC.parent)}
    return subprocess.run(
        [sys.executable, "-m", "carbonaudit", *args], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )


def _no_python_call(text: str) -> None:
    for line in text.splitlines():
        assert "declaration.load(" not in line and "validate_production(" not in line and "roc_to_ad(" not in line, line


def test_cli_validate_json_valid_is_false_with_error_findings() -> None:
    broken = _cli("validate", "examples/broken_declaration.yaml", "--json")
    assert broken.returncode == 1
    report = json.loads(broken.stdout)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors and report["valid"] is False
    clean = _cli("validate", "examples/office_declaration.yaml", "--json")
    assert clean.returncode == 0 and json.loads(clean.stdout)["valid"] is True


def test_cli_validate_reads_json_and_names_the_format(tmp_path: Path) -> None:
    office = declaration.load(EXAMPLES / "office_declaration.yaml")
    (tmp_path / "office.json").write_text(office.to_json(), encoding="utf-8")
    assert _cli("validate", str(tmp_path / "office.json")).returncode == 0
    (tmp_path / "bad.json").write_text('{"era": "ROC",\n  "year": 113\n  "basic": {}}\n', encoding="utf-8")
    bad = _cli("validate", str(tmp_path / "bad.json"))
    assert bad.returncode == 2
    assert "line 3, column 3: not valid JSON" in bad.stderr and "YAML" not in bad.stderr
    _no_python_call(bad.stdout + bad.stderr)


def test_cli_inventory_of_a_year_without_records_exits_1(tmp_path: Path) -> None:
    args = ("inventory", "examples/inventory_records.csv", "--orgs", "examples/inventory_orgs.yaml", "--year", "2022")
    run = _cli(*args)
    assert run.returncode == 1
    assert "[error] records: no records for 2022" in run.stdout
    assert "2022 年無活動數據紀錄" in run.stdout
    as_json = _cli(*args, "--json")
    assert as_json.returncode == 1
    assert "inventory.no_records" in [f["code"] for f in json.loads(as_json.stdout)["findings"]]
    assert _cli(*args[:-1], "2024").returncode == 0  # the example's year has records and no error


def test_cli_inventory_csv_errors_name_the_line_and_the_roc_year(tmp_path: Path) -> None:
    records = tmp_path / "records.csv"
    records.write_text("org,year,kind,value,unit\nfin,2024,electricity,1000,kWh\nfin,113,electricity,5,kWh\n", "utf-8")
    run = _cli("inventory", str(records), "--orgs", "examples/inventory_orgs.yaml")
    assert run.returncode == 2
    assert "records.csv, line 3: year: '113' is an ROC year (ROC 113 = AD 2024)" in run.stderr
    _no_python_call(run.stdout + run.stderr)
