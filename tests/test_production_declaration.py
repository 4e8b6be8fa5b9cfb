"""Production-sector declaration tables (production-declaration-2018 表六之一, 表六之二, 表八之三)."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from carbonaudit.cli import main
from carbonaudit.declaration import ProductionDeclaration, validate_production

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "production_declaration.yaml"


@pytest.fixture(scope="module")
def raw() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def run(raw, change=None):  # type: ignore[no-untyped-def]
    doc = copy.deepcopy(raw)
    if change is not None:
        change(doc)
    d = ProductionDeclaration.model_validate_json(json.dumps(doc, ensure_ascii=False))
    return {(f.code, f.path) for f in validate_production(d)}, d


def test_example_and_round_trip(raw):
    found, d = run(raw)
    # the document's own C02 row (表六之二): 6,080 declared, (200 t x 6,080 + 200 t x 5,700) / 400 t = 5,890
    assert found == {
        ("declaration.weighted_heat_value", "heat_values[1].heat_value"),
        ("production.coverage", "products"),
        ("declaration.saving_rate", "measures"),
    }
    # 表十之一 of 106年: 75,000 + 73,517 + 971,812.5 = 1,120,329.5 kWh saved (production-declaration-2018 表十 total)
    assert sum(m.electricity for m in d.measures) == 1_120_329.5
    assert ProductionDeclaration.model_validate_json(d.to_json()) == d
    assert d.ad_year == 2017


def test_products_not_above_declared_use(raw):
    def over(doc):  # type: ignore[no-untyped-def]
        doc["products"][0]["kwh_per_unit"][4] *= 2  # May: 450 x 1,800 kWh > the plant's May use

    found, _ = run(raw, over)
    assert ("declaration.products_exceed_use", "products.month_5") in found


def test_coverage_below_80_percent(raw):
    def low(doc):  # type: ignore[no-untyped-def]
        for key in ("peak", "semi_peak", "off_peak", "saturday_semi_peak"):
            doc["energy"][key] = [v * 1.2 for v in doc["energy"][key]]

    _, d = run(raw, low)
    [f] = [f for f in validate_production(d) if f.code == "production.coverage"]
    # the example's one product: Σ output × kWh/unit over the 12 months = 4,640,380 kWh; the plant's
    # four tariff columns total 5,459,273 kWh (85.0 %), here x 1.2 -> 70.8 %, below 80 %
    assert f.severity == "warning" and f.context["share"] == pytest.approx(4_640_380 / (5_459_273 * 1.2), rel=1e-12)


def test_unit_energy_differences_need_reasons(raw):
    def worse(doc):  # type: ignore[no-untyped-def]
        doc["products"][0]["kwh_per_unit"][:3] = [v * 1.2 for v in doc["products"][0]["kwh_per_unit"][:3]]

    found, _ = run(raw, worse)
    assert ("production.unit_energy_difference", "products[0].reasons.Q1") in found

    def explained(doc):  # type: ignore[no-untyped-def]
        worse(doc)
        doc["products"][0]["reasons"] = {"Q1": "產品規格增加"}

    found, _ = run(raw, explained)
    assert not any(code == "production.unit_energy_difference" for code, _ in found)


def test_weighted_heat_value_agrees_when_correct(raw):
    def fixed(doc):  # type: ignore[no-untyped-def]
        doc["heat_values"][1]["heat_value"]["value"] = 5890

    found, _ = run(raw, fixed)
    assert not any(code == "declaration.weighted_heat_value" for code, _ in found)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["products"][0]["output"].pop(), "products.0.output"),
        (lambda d: d["energy"].update(peak="lots"), "energy.peak"),
        (lambda d: d.update(year=2017), "year"),  # an AD year with era ROC
        (lambda d: d["heat_values"][0].update(unit="cubits"), "heat_values.0.unit"),
    ],
)
def test_structural_errors(raw, change, where):
    doc = copy.deepcopy(raw)
    change(doc)
    with pytest.raises(ValidationError) as info:
        ProductionDeclaration.model_validate_json(json.dumps(doc, ensure_ascii=False))
    assert any(".".join(map(str, e["loc"])).startswith(where) for e in info.value.errors())


def test_cli_reads_the_production_form():
    out = io.StringIO()
    assert main(["validate", str(EXAMPLE), "--json"], out) == 0
    codes = {f["code"] for f in json.loads(out.getvalue())["findings"]}
    assert codes == {"declaration.weighted_heat_value", "production.coverage", "declaration.saving_rate"}


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from carbonaudit import CarbonAuditError  # noqa: E402

_RAW = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def _leaves(node, path=()):  # type: ignore[no-untyped-def]
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, (*path, i))
    else:
        yield path, node


def _edits(raw):  # type: ignore[no-untyped-def]
    """Every (path, kind) edit that changes the file; all of them must be refused."""
    out = []
    for path, value in _leaves(raw):
        numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
        if numeric and value != 0:
            out.append((path, "negative"))
        if numeric:
            out += [(path, "text"), (path, "bool")]
        parent = raw
        for key in path[:-1]:
            parent = parent[key]
        if isinstance(parent, dict):
            out.append((path, "extra"))
    return out


@settings(max_examples=150)
@given(st.sampled_from(_edits(_RAW)))
def test_mutated_production_files(edit):
    # every drawn edit changes the file, and every one must be refused naming the edited field
    path, kind = edit
    doc = copy.deepcopy(_RAW)
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    value = parent[path[-1]]
    if kind == "negative":
        parent[path[-1]] = -abs(value)
    elif kind == "text":
        parent[path[-1]] = "abc"
    elif kind == "bool":
        parent[path[-1]] = value != 1  # True, or False where the value is 1 (1 == True in Python)
    else:
        parent["unexpected_field"] = 1
    assert doc != _RAW
    with pytest.raises((ValidationError, CarbonAuditError)) as info:
        ProductionDeclaration.from_yaml(yaml.safe_dump(doc, allow_unicode=True))
    if isinstance(info.value, ValidationError):
        locs = [e["loc"] for e in info.value.errors()]
        want = "unexpected_field" if kind == "extra" else path[0]
        assert all(locs) and any(want in loc for loc in locs), (path, kind, locs)
    else:
        assert any(str(k) in str(info.value) for k in path if isinstance(k, str)), (path, kind, str(info.value))


def test_measures_and_balance(raw):
    # production-declaration-2018 表十之一: 105/12~106/2 completed -> recognised 3~12 in 106年
    def wrong(doc):  # type: ignore[no-untyped-def]
        doc["measures"][0]["first_month"] = 1

    found, _ = run(raw, wrong)
    assert ("declaration.recognition_months", "measures[0].first_month") in found

    def cross(doc):  # type: ignore[no-untyped-def]
        doc["measures"][0]["period"] = "105/8~105/9"  # recognised 105/10~106/9: a cross-year measure

    found, _ = run(raw, cross)
    assert ("declaration.measure_source", "measures[0].source") in found

    def over(doc):  # type: ignore[no-untyped-def]
        doc["balance"]["其他"]["value"] += 1_000_000

    found, _ = run(raw, over)
    assert ("declaration.balance_exceeds_use", "balance") in found
    found, _ = run(raw)
    assert not any(c in ("declaration.recognition_months", "declaration.balance_exceeds_use") for c, _ in found)


def test_validate_production_never_raises_on_what_an_engine_refuses(raw):
    # as declaration.validate: an engine's refusal is a finding, never an exception
    def grades_per_litre(doc):  # type: ignore[no-untyped-def]
        doc["heat_values"][1]["heat_value"]["unit"] = "kcal/L"  # C02 per L, its grades C02-1/C02-2 per kg

    _, d = run(raw, grades_per_litre)
    found = [f for f in validate_production(d) if f.path.startswith("heat_values[1]")]
    assert [(f.code, f.severity) for f in found] == [("declaration.weighted_heat_value", "error")]
    assert found[0].path == "heat_values[1]"
    assert found[0].message.startswith("heat_values[1].heat_value must be a Quantity of ")
    assert "convertible to kcal / kg), got 6080.0 kcal / l" in found[0].message

    def huge(doc):  # type: ignore[no-untyped-def]
        # each at the models' bound (units.MAX_AMOUNT, 1e30 kWh): 1e30 + 1e30 = 2e30 kWh saved,
        # beyond what annual_saving_rate takes
        doc["measures"][0]["electricity"] = doc["measures"][1]["electricity"] = 1e30

    _, d = run(raw, huge)
    found = [f for f in validate_production(d) if f.code == "declaration.not_computable"]
    assert [(f.severity, f.path) for f in found] == [("error", "measures")]
    assert "savings is 2e+30, larger in magnitude than the 1e+30" in found[0].message
    assert found[0].message_zh.startswith("無法檢核")

    def beyond(doc):  # type: ignore[no-untyped-def]
        doc["measures"][0]["electricity"] = 1e308  # issue 12: refused by the model, at its path

    with pytest.raises(ValidationError, match=r"measures\.0\.electricity\n.*1e\+308 is larger in magnitude"):
        run(raw, beyond)
