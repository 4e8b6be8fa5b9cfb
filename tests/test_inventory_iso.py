"""ISO 14064-1:2018 categories of an inventory (issue 16, item 4).

Corporate inventories in Taiwan report by the categories 1-6 of iso-14064-1-2018 5.2.4
(moenv-inventory-guide-2024): 類別1 direct, 類別2 imported energy, 類別3 transport, 類別4 products
and services used, 類別5 use of the organisation's products, 類別6 other. Every emission source of
the engine maps to one (``inventory.iso_categories`` of ``data/factors.yaml``); the figures below
are worked out by hand from the tw-2024 values (moenv-2024-ef; tw-grid-series; AR5 GWPs).
"""

from __future__ import annotations

import copy
import io
import json
import typing
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import DataFileError, FactorNotFoundError, factors
from carbonaudit._data import data_path, read_yaml
from carbonaudit.cli import main
from carbonaudit.inventory import (
    SECTORS,
    ActivityRecord,
    Inventory,
    Line,
    Organisation,
    OrgTree,
    compute,
    compute_frame,
)
from carbonaudit.inventory.models import RecordKind

FS = factors.load("tw-2024")
GRID = 0.474  # kg CO2e/kWh, 2024 (tw-grid-series)
TJ_PER_L_DIESEL = 8629 * 4.1868e-9  # diesel heat value [kcal/L] (tw-energy-statistics-2024) x TJ per kcal
# kg CO2e per TJ of diesel (moenv-2024-ef: IPCC 2006 Vol. 2 Tables 2.2 and 3.2.1/3.2.2; AR5 CH4 28, N2O 265)
STATIONARY_PER_TJ = 74_100 + 3 * 28 + 0.6 * 265  # 74,343
MOBILE_PER_TJ = 74_100 + 3.9 * 28 + 3.9 * 265  # 75,242.7
HFC_134A = 1300  # AR5 GWP (moenv-2024-ef 附表四)


def _tree() -> OrgTree:
    return OrgTree(
        [
            Organisation(id="team", name="盤查小組", status={2024: "complete"}),
            Organisation(id="a", name="A局", parent="team", status={2024: "complete"}),
        ]
    )


def _rec(kind: str, value: float, unit: str, **kw: Any) -> ActivityRecord:
    return ActivityRecord(org="a", year=2024, kind=kind, amount={"value": value, "unit": unit}, **kw)  # type: ignore[arg-type]


def _plant(kwh: float = 10_000, diesel_l: float = 1_000, hfc_kg: float = 2, out_kwh: float = 1_000,
           out_diesel_l: float = 100, supplier: float | None = 0.3) -> list[ActivityRecord]:  # fmt: skip
    return [
        _rec(
            "electricity",
            kwh,
            "kWh",
            **({"supplier_factor": {"value": supplier, "unit": "kg/kWh"}} if supplier else {}),
        ),
        _rec("fuel", diesel_l, "L", fuel="diesel", use="stationary"),
        _rec("refrigerant_topup", hfc_kg, "kg", gas="HFC-134a"),
        _rec("outsourced", out_kwh, "kWh"),
        _rec("outsourced", out_diesel_l, "L", fuel="diesel", use="mobile"),
    ]


# -- the totals by category, by hand -------------------------------------------------------------


def test_by_iso_category_hand_worked():
    inv = compute(_tree(), _plant(), FS, year=2024)
    diesel = 1_000 * TJ_PER_L_DIESEL * STATIONARY_PER_TJ / 1000  # 1,000 L x 0.0361279 TJ/kL x 74,343 kg/TJ = 2.685856 t
    refrigerant = 2 * HFC_134A / 1000  # 2 kg x 1,300 = 2.6 t
    electricity = 10_000 * GRID / 1000  # 10,000 kWh x 0.474 = 4.74 t (the market-based 3.0 t apart)
    outsourced_kwh = 1_000 * GRID / 1000  # an outsourced unit's 1,000 kWh: a service used, 0.474 t
    outsourced_vehicle = 100 * TJ_PER_L_DIESEL * MOBILE_PER_TJ / 1000  # 100 L burnt in its vehicles: 0.271836 t
    assert diesel == pytest.approx(2.685856, abs=5e-7) and outsourced_vehicle == pytest.approx(0.271836, abs=5e-7)
    totals = inv.by_iso_category()
    assert set(totals) == {1, 2, 3, 4}  # no line in categories 5 and 6: absent, as in by_scope
    assert totals[1] == pytest.approx(diesel + refrigerant, rel=1e-12)
    assert totals[2] == pytest.approx(electricity, rel=1e-12)
    assert totals[3] == pytest.approx(outsourced_vehicle, rel=1e-12)
    assert totals[4] == pytest.approx(outsourced_kwh, rel=1e-12)
    assert sum(totals.values()) == pytest.approx(inv.total(), rel=1e-12)


def test_market_based_lines_are_not_counted():
    with_market = compute(_tree(), [_rec("electricity", 10_000, "kWh", supplier_factor={"value": 0.3, "unit": "kg/kWh"})],
                          FS, year=2024)  # fmt: skip
    assert with_market.scope2_market() == pytest.approx(3.0, rel=1e-12)  # 10,000 kWh x 0.3 kg/kWh
    assert with_market.by_iso_category() == {2: pytest.approx(4.74, rel=1e-12)}  # location-based only
    # a market-based line alone counts in no category
    market = Line("a", 0, 2, "stationary_energy", "purchased_electricity", "CO2e", 3000.0, 3000.0, (), "market")
    assert Inventory(2024, "tw-2024", "AR5", _tree(), (market,)).by_iso_category() == {}


def test_an_empty_inventory_has_no_category():
    assert compute(_tree(), [], FS, year=2024).by_iso_category() == {}


@pytest.mark.parametrize(
    ("record", "category"),
    [
        (_rec("electricity", 1, "kWh"), 2),
        (_rec("purchased_heat", 1, "GJ", emission_factor={"value": 60, "unit": "kg/GJ"}), 2),
        (_rec("fuel", 1, "L", fuel="diesel", use="stationary"), 1),
        (_rec("fuel", 1, "L", fuel="diesel", use="mobile"), 1),  # the organisation's own vehicles: direct
        (_rec("fuel", 1, "L", fuel="diesel"), 1),  # no use: stationary
        (_rec("refrigerant_topup", 1, "kg", gas="R-410A"), 1),
        (_rec("refrigerant_leak", 10, "kg", gas="R-410A", equipment_class="chillers"), 1),
        (_rec("extinguisher", 1, "kg", agent="CO2"), 1),
        (_rec("extinguisher", 1, "kg", agent="KBC"), 1),  # counted zero, still category 1
        (_rec("septic", 2_400, "h"), 1),
        (_rec("process", 1, "t", emission_factor={"value": 500, "unit": "kg/t"}), 1),
        (_rec("process", 1, "t", gas="CH4", origin="fossil", emission_factor={"value": 1, "unit": "kg/t"}), 1),
        (_rec("fugitive", 1, "kg", gas="CH4", origin="fossil"), 1),
        (_rec("outsourced", 1, "kWh"), 4),
        (_rec("outsourced", 1, "L", fuel="diesel", use="stationary"), 4),
        (_rec("outsourced", 1, "L", fuel="diesel"), 4),
        (_rec("outsourced", 1, "L", fuel="diesel", use="mobile"), 3),  # a transport service
        (_rec("outsourced", 1, "t"), 4),  # listed qualitatively: 0 t, still placed
    ],
)
def test_the_category_of_each_kind_of_record(record, category):
    lines = compute(_tree(), [record], FS, year=2024).lines
    assert lines and {ln.iso_category for ln in lines} == {category}


# -- every source the engine writes has a category ---------------------------------------------


# One record of every kind the engine computes, each way it can be computed: every line source it writes.
EVERY_WAY: dict[str, list[ActivityRecord]] = {
    "fuel": [_rec("fuel", 1, "L", fuel="diesel", use="stationary"), _rec("fuel", 1, "L", fuel="diesel", use="mobile")],
    "electricity": [_rec("electricity", 1, "kWh", supplier_factor={"value": 0.3, "unit": "kg/kWh"})],
    "purchased_heat": [_rec("purchased_heat", 1, "GJ", emission_factor={"value": 60, "unit": "kg/GJ"})],
    "refrigerant_topup": [_rec("refrigerant_topup", 1, "kg", gas="R-410A")],
    "refrigerant_leak": [_rec("refrigerant_leak", 1, "kg", gas="R-410A", leak_rate=0.1)],
    "extinguisher": [_rec("extinguisher", 1, "kg", agent="CO2"), _rec("extinguisher", 1, "kg", agent="ABC")],
    "septic": [_rec("septic", 1, "h")],
    "process": [
        _rec("process", 1, "t", emission_factor={"value": 1, "unit": "kg/t"}),
        _rec("process", 1, "t", gas="CH4", origin="biogenic", emission_factor={"value": 1, "unit": "kg/t"}),
    ],
    "fugitive": [_rec("fugitive", 1, "kg", gas="CH4", origin="fossil")],
    "outsourced": [
        _rec("outsourced", 1, "kWh"),
        _rec("outsourced", 1, "L", fuel="diesel", use="mobile"),
        _rec("outsourced", 1, "L", fuel="diesel", use="stationary"),
        _rec("outsourced", 1, "t"),
    ],
}


def test_every_source_the_engine_writes_has_a_category():
    # the kinds of record are the model's own Literal: a new kind must be added above to pass
    assert set(EVERY_WAY) == set(typing.get_args(RecordKind))
    lines = compute(_tree(), [r for rs in EVERY_WAY.values() for r in rs], FS, year=2024).lines
    written = {ln.source for ln in lines}
    assert written == set(SECTORS)  # SECTORS lists every source the engine writes, and only those
    iso = factors.inventory_data().iso_categories
    assert iso is not None and set(iso.sources) == set(SECTORS)
    assert all(ln.iso_category in range(1, 7) for ln in lines)
    assert set(iso.categories) == {1, 2, 3, 4, 5, 6}
    # the sources registry holds the standard, cited with its clause
    assert iso.categories[1].source == "iso-14064-1-2018" and iso.categories[1].table == "5.2.4"
    assert FS.source("iso-14064-1-2018").date == "2018-12" and iso.source == "moenv-inventory-guide-2024"


def test_the_categories_follow_the_scopes():
    # scope 1 is category 1; scope 2 (imported electricity and heat) is category 2; scope 3 is 3 or 4
    iso = factors.inventory_data().iso_categories
    assert iso is not None
    lines = compute(_tree(), [r for rs in EVERY_WAY.values() for r in rs], FS, year=2024).lines
    allowed = {1: {1}, 2: {2}, 3: {3, 4}}
    assert all(ln.iso_category in allowed[ln.scope] for ln in lines)
    assert iso.of("outsourced", "transport") == 3 and iso.of("outsourced", "stationary_energy") == 4
    assert iso.of("mobile_combustion", "transport") == 1  # only outsourced has a transport category apart


def test_a_source_without_a_category_is_refused_when_asked():
    iso = factors.inventory_data().iso_categories
    assert iso is not None
    with pytest.raises(FactorNotFoundError, match=r"emission source 'commuting' has no ISO 14064-1 category"):
        iso.of("commuting")
    line = Line("a", 0, 3, "transport", "commuting", "CO2", 1.0, 1.0, ())
    with pytest.raises(FactorNotFoundError, match="'commuting'"):
        line.iso_category  # noqa: B018


# -- the register, the frame, the CSV and the command line ----------------------------------------


def test_register_frame_and_csv_show_the_category_beside_the_scope(tmp_path):
    inv = compute(_tree(), _plant(), FS, year=2024)
    frame = inv.to_frame()
    assert list(frame.columns)[3:6] == ["scope", "iso_category", "scope2_method"]
    by_source = dict(zip(frame["source"] + "/" + frame["category"], frame["iso_category"], strict=True))
    assert by_source == {
        "purchased_electricity/stationary_energy": 2,
        "stationary_combustion/stationary_energy": 1,
        "refrigerant/fugitive": 1,
        "outsourced/stationary_energy": 4,
        "outsourced/transport": 3,
    }
    register = inv.register()
    assert list(register.columns)[2:5] == ["scope", "iso_category", "scope2_method"]
    counted = register[register["scope2_method"] != "market"]
    assert counted.groupby("iso_category")["co2e_t"].sum().to_dict() == pytest.approx(inv.by_iso_category(), rel=1e-12)
    path = tmp_path / "register.csv"
    inv.to_csv(path)
    back = pd.read_csv(path, encoding="utf-8", keep_default_na=False)
    assert back["iso_category"].tolist() == register["iso_category"].tolist()


def test_compute_frame_has_the_same_categories_as_to_frame():
    records = pd.DataFrame(
        {
            "org": ["a"] * 4,
            "year": [2024] * 4,
            "kind": ["electricity", "fuel", "outsourced", "outsourced"],
            "value": [10_000.0, 1_000.0, 1_000.0, 100.0],
            "unit": ["kWh", "L", "kWh", "L"],
            "fuel": [None, "diesel", None, "diesel"],
            "use": [None, "stationary", None, "mobile"],
            "supplier_factor_value": [0.3, None, None, None],
        }
    )
    out = compute_frame(_tree(), records, FS, year=2024)
    assert list(out.columns)[2:5] == ["scope", "iso_category", "scope2_method"]
    assert out["iso_category"].dtype == "int64"
    rows = sorted(zip(out["record"], out["scope2_method"], out["gas"], out["iso_category"], strict=True))
    assert {(r, m, c) for r, m, _, c in rows} == {
        (0, "location", 2),
        (0, "market", 2),
        (1, "", 1),
        (2, "", 4),
        (3, "", 3),
    }
    counted = out[out["scope2_method"] != "market"]
    # 4.74 + 2.685856 + 0.474 + 0.271836 t, as by hand above
    assert counted.groupby("iso_category")["co2e_t"].sum().to_dict() == pytest.approx(
        {2: 4.74, 1: 1_000 * TJ_PER_L_DIESEL * STATIONARY_PER_TJ / 1000, 4: 0.474,
         3: 100 * TJ_PER_L_DIESEL * MOBILE_PER_TJ / 1000}, rel=1e-12)  # fmt: skip
    empty = compute_frame(_tree(), records.assign(year=2023), FS, year=2024)
    assert list(empty.columns) == list(out.columns) and empty["iso_category"].dtype == "int64"


def _files(tmp_path: Path) -> tuple[str, str]:
    orgs = tmp_path / "orgs.yaml"
    orgs.write_text(
        "organisations:\n- id: team\n  name: 盤查小組\n  status: {2024: complete}\n"
        "- id: a\n  name: A局\n  parent: team\n  status: {2024: complete}\n",
        encoding="utf-8",
    )
    records = tmp_path / "records.csv"
    records.write_text(
        "org,year,kind,value,unit,fuel,use,gas\n"
        "a,2024,electricity,10000,kWh,,,\n"
        "a,2024,refrigerant_topup,2,kg,,,HFC-134a\n"
        "a,2024,outsourced,1000,kWh,,,\n",
        encoding="utf-8",
    )
    return str(records), str(orgs)


def test_the_command_line_prints_the_categories(tmp_path):
    records, orgs = _files(tmp_path)
    out = io.StringIO()
    assert main(["inventory", records, "--orgs", orgs], out) == 0
    text = out.getvalue()
    # 10,000 kWh x 0.474 = 4.74 t (類別2); 2 kg x 1,300 = 2.6 t (類別1); 1,000 kWh x 0.474 = 0.474 t (類別4)
    rows = {
        line.split()[0]: line.split()[-1] for line in text.splitlines() if line[:2] in {f"{n} " for n in range(1, 7)}
    }
    assert rows == {"1": "2.600", "2": "4.740", "3": "0.000", "4": "0.474", "5": "0.000", "6": "0.000"}
    assert "ISO 14064-1:2018 category (類別)" in text and "1 直接溫室氣體排放與移除" in text
    out = io.StringIO()
    assert main(["inventory", records, "--orgs", orgs, "--json"], out) == 0
    data = json.loads(out.getvalue())
    assert data["by_iso_category_t_co2e"] == {
        "1": pytest.approx(2.6, rel=1e-12),
        "2": pytest.approx(4.74, rel=1e-12),
        "3": 0.0,
        "4": pytest.approx(0.474, rel=1e-12),
        "5": 0.0,
        "6": 0.0,
    }


# -- the data: refused when a source has no category or one outside 1-6 ---------------------------


def _shipped() -> dict[str, Any]:
    return copy.deepcopy(read_yaml(data_path("factors.yaml")))


def _load(tmp_path: Path, doc: dict[str, Any]) -> None:
    path = tmp_path / "factors.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    factors.from_file(path)


def test_the_shipped_mapping_loads(tmp_path):
    _load(tmp_path, _shipped())  # the round trip through YAML is accepted as it is


@pytest.mark.parametrize(
    ("change", "pattern"),
    [
        (lambda iso: iso["sources"]["refrigerant"].pop("category"), r"sources\.refrigerant\.category: Field required"),
        (lambda iso: iso["sources"]["refrigerant"].update(category=7), r"refrigerant\.category: .*less than or equal to 6"),
        (lambda iso: iso["sources"]["refrigerant"].update(category=0), r"refrigerant\.category: .*greater than or equal to 1"),
        (lambda iso: iso["sources"]["refrigerant"].update(category=True), r"refrigerant\.category: must be a whole number, not a boolean"),
        (lambda iso: iso["sources"]["refrigerant"].update(category="1"), r"refrigerant\.category: must be a whole number, not text"),
        (lambda iso: iso["sources"]["refrigerant"].update(category=1.5), r"refrigerant\.category: must be a whole number"),
        (lambda iso: iso["sources"]["outsourced"].update(transport=9), r"outsourced\.transport: .*less than or equal to 6"),
        (lambda iso: iso["sources"].pop("septic_tank"), r"no ISO 14064-1 category \(1-6\) for the emission source septic_tank"),
        (lambda iso: iso["sources"].update(commuting=dict(iso["sources"]["outsourced"])),
         r"'commuting' is not an emission source of the inventory"),
        (lambda iso: iso["categories"].pop(5), r"categories: .*must name every category 1-6; missing 5"),
        (lambda iso: iso["categories"].update({7: dict(iso["categories"][6])}), r"categories\.7.*less than or equal to 6"),
        (lambda iso: iso["sources"]["refrigerant"].update(source="no-such-document"),
         r"iso_categories\.sources\.refrigerant: source 'no-such-document' is not in the file's sources"),
        (lambda iso: iso["sources"]["refrigerant"].update(table="Annex C"),
         r"sources\.refrigerant: table 'Annex C' is not one of the tables of source 'iso-14064-1-2018'"),
        (lambda iso: iso["sources"]["refrigerant"].update(status="guessed"), r"refrigerant\.status"),
        (lambda iso: iso["categories"][2].update(zh=""), r"categories\.2\.zh"),
    ],
)  # fmt: skip
def test_a_bad_mapping_is_refused_when_the_file_is_read(tmp_path, change, pattern):
    doc = _shipped()
    change(doc["inventory"]["iso_categories"])
    with pytest.raises(DataFileError, match=pattern):
        _load(tmp_path, doc)


def test_a_file_without_the_section_still_loads(tmp_path):
    # a user's factor file written before the categories were added: the section is optional there
    doc = _shipped()
    del doc["inventory"]["iso_categories"]
    _load(tmp_path, doc)


# -- properties --------------------------------------------------------------------------------

_AMOUNT = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)


@given(kwh=_AMOUNT, diesel=_AMOUNT, hfc=st.floats(0, 1e3), out_kwh=_AMOUNT, out_l=_AMOUNT,
       supplier=st.one_of(st.none(), st.floats(0.01, 1.0)))  # fmt: skip
def test_the_categories_add_up_to_the_total_and_to_the_scopes(kwh, diesel, hfc, out_kwh, out_l, supplier):
    inv = compute(_tree(), _plant(kwh, diesel, hfc, out_kwh, out_l, supplier), FS, year=2024)
    cats, scopes = inv.by_iso_category(), inv.by_scope()
    assert set(cats) <= {1, 2, 3, 4, 5, 6}
    assert sum(cats.values()) == pytest.approx(inv.total(), rel=1e-12, abs=1e-12)
    assert cats.get(1, 0.0) == pytest.approx(scopes.get(1, 0.0), rel=1e-12, abs=1e-12)
    assert cats.get(2, 0.0) == pytest.approx(
        scopes.get(2, 0.0), rel=1e-12, abs=1e-12
    )  # location-based, whatever the supplier
    assert cats.get(3, 0.0) + cats.get(4, 0.0) == pytest.approx(scopes.get(3, 0.0), rel=1e-12, abs=1e-12)
    assert cats.get(2, 0.0) == pytest.approx(kwh * GRID / 1000, rel=1e-12, abs=1e-12)


# -- the documentation's table is the data's -----------------------------------------------------


def test_the_inventory_page_table_is_the_data():
    page = (Path(__file__).resolve().parents[1] / "docs" / "tutorials" / "government-inventory.md").read_text(
        encoding="utf-8"
    )
    iso = factors.inventory_data().iso_categories
    assert iso is not None
    rows = {}
    for line in page.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`") and cells[0].strip("`") in SECTORS:
            rows[cells[0].strip("`")] = cells
    assert set(rows) == set(SECTORS)
    for source, (_, _, category, where) in rows.items():
        entry = iso.sources[source]
        assert category.split(";")[0] == str(entry.category), source
        assert where.startswith(f"{entry.source} {entry.table}"), source
        if entry.transport is not None:
            assert f"{entry.transport} for fuel burnt in vehicles" in category, source
    assert "moenv-inventory-guide-2024" in page and "iso-14064-1-2018" in page and "by_iso_category()" in page
