"""The documentation: generated data pages against the data files, and the notebook (issue 8).

The factor page is read back row by row and compared with an independent walk of
``data/factors.yaml``: every value is on the page, exactly, with its unit, status and source, and
the page lists nothing else. The notebook is executed (as the docs build does) and its asserts
check the figures.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest

from carbonaudit._data import data_path, read_yaml

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _docgen() -> Any:
    spec = importlib.util.spec_from_file_location("carbonaudit_docgen", DOCS / "_ext" / "carbonaudit_docgen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _every_value(node: Any, path: str, out: dict[str, dict[str, Any]]) -> None:
    """An independent walk: a mapping with a scalar ``value`` is one factor value."""
    if isinstance(node, dict):
        if "value" in node and not isinstance(node["value"], dict | list):
            assert path not in out, f"two values at {path}"
            out[path] = node
            return
        for key, child in node.items():
            _every_value(child, f"{path}.{key}" if path else str(key), out)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            key = item.get("id", item.get("definition", i)) if isinstance(item, dict) else i
            _every_value(item, f"{path}[{key}]", out)


def _page_rows(page: str) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for line in page.splitlines():
        m = re.match(r"^\| `([^`]+)` \| (.*) \|$", line)
        if m and not m.group(1).startswith(
            (
                "award-form",
                "production-declaration",
                "non-production-form",
                "government-inventory",
                "tw-",
                "ipcc",
                "moenv",
            )
        ):  # value rows are keyed by path
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", m.group(2))]
            if len(cells) == 5:
                assert m.group(1) not in rows, f"row {m.group(1)} twice"
                rows[m.group(1)] = cells
    return rows


def test_factor_page_lists_every_value_of_the_file() -> None:
    doc = read_yaml(data_path("factors.yaml"))
    page = _docgen().factor_page(doc)
    expected: dict[str, dict[str, Any]] = {}
    for section in ("factor_sets", "gwp", "oil_equivalent", "constants", "rules", "inventory"):
        _every_value(doc[section], section, expected)
    rows = _page_rows(page)
    assert len(expected) >= 325  # 325 values on 2026-11-23; the walk must not come up short
    assert set(rows) == set(expected), (sorted(set(expected) - set(rows))[:5], sorted(set(rows) - set(expected))[:5])
    for path, value in expected.items():
        shown, unit, status, source, _note = rows[path]
        assert float(shown) == float(value["value"]), path  # exact: the page shows repr of the number
        assert unit == str(value.get("unit", "")), path
        assert status == str(value.get("status", "")), path
        key, _, table = source.partition(", ")
        assert key == str(value.get("source", "")), path
        assert table == str(value.get("table") or ""), path  # the table of the document, where the value names one
        assert key in doc["sources"] or key == "", path  # every source is listed on the page too
    for source_id in doc["sources"]:
        assert f"| `{source_id}` |" in page
    for fs in doc["factor_sets"]:
        assert fs["vintage"] in page and fs["title"] in page


def _numbers_outside_values(node: Any, path: str, out: list[tuple[str, float]]) -> None:
    """Every other number in the file: ranges, fractions, tier bounds, months, row numbers."""
    if isinstance(node, dict):
        for key, child in node.items():
            if key == "value" and not isinstance(child, dict | list):
                continue  # a factor value: compared row by row above
            _numbers_outside_values(child, f"{path}.{key}", out)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            _numbers_outside_values(item, f"{path}[{i}]", out)
    elif isinstance(node, int | float) and not isinstance(node, bool):
        out.append((path, node))


def test_factor_page_shows_every_other_number_in_its_row() -> None:
    """Leak-rate ranges, blend fractions, tier bounds, summer months: each on the row it belongs to."""
    doc = read_yaml(data_path("factors.yaml"))
    page = _docgen().factor_page(doc)
    lines = page.splitlines()
    numbers: list[tuple[str, float]] = []
    for section in ("factor_sets", "gwp", "oil_equivalent", "constants", "rules", "inventory", "blends"):
        _numbers_outside_values(doc[section], section, numbers)
    assert len(numbers) > 80
    for kind, leak in doc["inventory"]["leak_rates"].items():
        assert f"| `{kind}` | {leak['low']!r} | {leak['high']!r} |" in page
    for blend, spec in doc["blends"].items():
        row = next(line for line in lines if line.startswith(f"| {blend} |"))
        for component, fraction in spec["components"].items():
            assert f"{component} {fraction!r}" in row
    for target in doc["rules"]["saving_targets"]:
        for i, tier in enumerate(target["tiers"]):
            for bound in ("min_capacity_kw", "max_capacity_kw"):
                if bound in tier:
                    assert any(line.startswith(f"| {i} |") and f" {tier[bound]!r} " in line for line in lines)
    for fs in doc["factor_sets"]:
        for fuel in fs["fuels"]:
            if "row" in fuel:
                assert f"row {fuel['row']}" in page
    assert str(doc["rules"]["summer_months"]["months"]) in page
    for path, number in numbers:
        assert repr(number) in page or f"row {number}" in page, path


def test_factor_page_spot_values() -> None:
    """award-form-2015 附表2: diesel 2.61 kg/L; the 102年 grid factor 0.522 kg/kWh; AR5 CH4 28."""
    page = _docgen().factor_page(read_yaml(data_path("factors.yaml")))
    rows = _page_rows(page)
    assert rows["factor_sets[ntpc-award-2015].fuels[diesel].recommended"][:4] == [
        "2.61",
        "kg/L",
        "official",
        "award-form-2015, 附表2",
    ]
    assert rows["factor_sets[tw-2024].grid_factors.2013"][:2] == ["0.522", "kg/kWh"]
    assert rows["gwp.AR5.values.CH4"][:4] == ["28", "", "official", "moenv-2024-ef, 附表四"]  # a GWP has no unit


def test_factor_page_lists_every_source_with_issuer_title_date_and_number() -> None:
    """The registry on the factor page: each document's row shows what the file says of it."""
    doc = read_yaml(data_path("factors.yaml"))
    page = _docgen().factor_page(doc)
    section = page[page.index("## Sources") :]
    lines = {line.split("|")[1].strip(): line for line in section.splitlines() if line.startswith("| `")}
    assert set(lines) == {f"`{k}`" for k in doc["sources"]}
    for key, entry in doc["sources"].items():
        cells = [c.strip() for c in lines[f"`{key}`"].split("|")[1:-1]]
        assert cells[1:6] == [str(entry.get(f) or "") for f in ("issuer", "title", "title_en", "date", "number")], key
    moenv = [c.strip() for c in lines["`moenv-2024-ef`"].split("|")[1:-1]]
    assert moenv[2] == "公告「溫室氣體排放係數」"
    assert (moenv[4], moenv[5]) == ("2024-02-05", "環部授氣字第1139101231號")


def test_measure_code_page() -> None:
    doc = read_yaml(data_path("measure_codes.yaml"))
    page = _docgen().measure_code_page(doc)
    assert "2,028 valid codes" in page
    assert "Source: `non-production-form-2025`, " in page  # the document's registry key
    for letter, system in doc["systems"].items():
        for equipment, names in system["equipment"].items():
            assert f"| `{letter}{equipment}` | {names['zh']} |" in page
    for method, names in doc["methods"].items():
        assert f"| `{method}` | {names['zh']} |" in page
    for code in doc["examples"]:
        assert f"| `{code}` |" in page


def test_every_docs_page_is_in_the_navigation() -> None:
    """Sphinx fails on an orphan page too; this says which, without a build."""
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        if page.stem != "index":
            assert f"\n{page.stem}\n" in index, page.name
    for page in (DOCS / "tutorials").glob("*.md"):
        assert f"tutorials/{page.stem}" in index, page.name


def test_walkthrough_notebook_runs() -> None:
    nbclient = pytest.importorskip("nbclient")
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(DOCS / "walkthrough.ipynb", as_version=4)
    assert not any(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"), "commit it without outputs"
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(DOCS)}}
    )
    client.execute()  # raises CellExecutionError on a failing cell or assert
    html = [
        out["data"]["text/html"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if "text/html" in out.get("data", {})
    ]
    assert any("Findings(" in h for h in html)  # the findings show as a table
    assert any("<img" in h or "image/png" in h for h in html) or any(
        "image/png" in out.get("data", {}) for cell in nb.cells for out in cell.get("outputs", [])
    )


def _fee_rows(page: str, header: str) -> dict[str, list[str]]:
    """The rows of the first table under *header* (a line of the page), keyed by their first cell."""
    lines = page.splitlines()
    start = lines.index(header)
    rows: dict[str, list[str]] = {}
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("| ") and not line.startswith("| ---"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if cells[0] not in ("rule", "key", "period"):
                assert cells[0] not in rows, f"row {cells[0]} twice under {header}"
                rows[cells[0]] = cells[1:]
    return rows


def test_carbon_fee_page_lists_every_rule_value_of_the_file() -> None:
    """Every rule value of data/carbon_fee.yaml on the page, exactly, with its article, source and status."""
    doc = read_yaml(data_path("carbon_fee.yaml"))
    registry = read_yaml(data_path("factors.yaml"))["sources"]
    page = _docgen().carbon_fee_page(doc, registry)
    assert doc["rule_sets"], "no rule set"
    for rs in doc["rule_sets"]:
        assert f"## Rule set `{rs['id']}`" in page and rs["title"] in page
        assert f"- **Activity years:** {rs['activity_years']['from']}–{rs['activity_years']['to']}" in page
        expected: dict[str, dict[str, Any]] = {}
        for key, node in rs.items():
            if key not in ("sectors", "period_years"):
                _every_value(node, key, expected)
        # threshold, K, K high-leakage, coefficient, 3 coefficients by period, 3 rates, cap, decimals, due month
        assert len(expected) == 13, sorted(expected)
        section = page[page.index(f"## Rule set `{rs['id']}`") :]
        rows = _fee_rows(section, "### Rule values")
        assert set(rows) == {f"`{p}`" for p in expected}
        for path, v in expected.items():
            what, shown, unit, article, source, status, note = rows[f"`{path}`"]
            assert what, path  # every rule says what it is
            assert float(shown) == float(v["value"]), path  # exact: the page shows repr of the number
            assert (unit, article, source, status) == (
                str(v.get("unit", "")),
                str(v["table"]),
                v["source"],
                v["status"],
            ), path
            assert note == str(v.get("note", "")).replace("|", "\\|"), path
        sectors = _fee_rows(section, "### Charged sectors")
        assert sectors == {
            f"`{k}`": [s["zh"], s["en"], s["table"], s["source"], s["status"]] for k, s in rs["sectors"].items()
        }
        periods = _fee_rows(section, "### Years of the coefficient periods (unverified)")
        assert periods == {
            str(p): [str(y["first"]), str(y.get("last") or "(open)"), y["table"], y["source"], y["status"], y["note"]]
            for p, y in rs["period_years"].items()
        }
        assert all(y["status"] != "official" for y in rs["period_years"].values())  # unverified, never official
    statuses = page[page.index("## Statuses") : page.index("## Sources")]
    used = {v["status"] for rs in doc["rule_sets"] for _, v in _docgen().values(rs)}
    assert used and all(f"**{s}**" in statuses for s in used)  # every status the data uses is explained
    sources = _fee_rows(page, "## Sources")
    cited = {v["source"] for rs in doc["rule_sets"] for _, v in _docgen().values(rs)}
    assert set(sources) == {f"`{k}`" for k in cited} == {"`moenv-carbon-fee-2024`", "`moenv-carbon-fee-rate-2024`"}
    for key in cited:
        entry = registry[key]
        assert sources[f"`{key}`"][:4] == [entry["issuer"], entry["title"], entry["title_en"], entry["date"]]
        assert sources[f"`{key}`"][-1] == entry["note"]


def test_carbon_fee_page_spot_values() -> None:
    """moenv-carbon-fee-2024 第3條 25,000 t, 第6條 0.2 / 0.4 / 0.6, 第9條 10 %; the rate notice's 300 / 50 / 100."""
    page = _docgen().carbon_fee_page(
        read_yaml(data_path("carbon_fee.yaml")), read_yaml(data_path("factors.yaml"))["sources"]
    )
    rows = _fee_rows(page, "### Rule values")
    assert rows["`threshold`"][1:6] == ["25000", "t", "第3條", "moenv-carbon-fee-2024", "official"]
    assert rows["`k_high_leakage`"][1:3] == ["0", "t"]
    assert [rows[f"`coefficients_high_leakage.{p}`"][1] for p in (1, 2, 3)] == ["0.2", "0.4", "0.6"]
    assert [rows[f"`rates.{r}`"][1:6] for r in ("general", "A", "B")] == [
        ["300", "TWD/t", "一般費率", "moenv-carbon-fee-rate-2024", "secondary"],
        ["50", "TWD/t", "優惠費率A", "moenv-carbon-fee-rate-2024", "secondary"],
        ["100", "TWD/t", "優惠費率B", "moenv-carbon-fee-rate-2024", "secondary"],
    ]
    assert rows["`offset_cap`"][1:4] == ["0.1", "", "第9條"]
    assert rows["`due_month`"][1:4] == ["5", "", "第4條"]
