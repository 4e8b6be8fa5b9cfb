"""Factor data: the shipped sets reproduce their tables, validate, look up and override."""

from __future__ import annotations

import importlib.util
import io
import pickle
import re
import sys
import tokenize
from pathlib import Path
from typing import Any

import pytest
import yaml

from carbonaudit import Q_, DataFileError, FactorNotFoundError, PeriodError, UnitsError, factors


def _documents_module() -> Any:
    """tests/_documents.py, the one place that knows where the official documents' texts are."""
    name = "_documents"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


DOCUMENTS = _documents_module()


def test_available_and_default():
    ids = [s["id"] for s in factors.available()]
    assert ids == ["tw-2024", "ntpc-award-2015", "tw-2025"]
    assert factors.load().id == "tw-2025"  # the newest set (issue 14)
    with pytest.raises(FactorNotFoundError, match="no-such-set"):
        factors.load("no-such-set")


def test_award_set_has_every_row_of_the_table(award):
    # award-form-2015 附表2 has 55 rows: 12 coal, 16 oil, 5 gas, 3 other, 10 biofuel, a repeated oil group
    # of 8 (7 repeats + LNG) and electricity.
    assert [f.row for f in award.fuels] == list(range(1, 56))
    repeats = [f for f in award.fuels if f.duplicate_of]
    assert sorted(f.duplicate_of for f in repeats) == sorted(
        ["aviation_gasoline", "jet_fuel", "motor_gasoline", "diesel", "kerosene", "lubricants", "lpg"]
    )
    no_heat = [f.name_zh for f in award.fuels if f.heat_value is None and not f.is_electricity]
    assert no_heat == [
        "事業廢棄物",
        "其他非化石燃料",
        "木頭－固態",
        "黑液",
        "木炭",
        "其他固體生質燃料",
        "生質汽油",
        "生質柴油",
        "其他液態生質燃料",
        "掩埋場沼氣",
        "污泥沼氣",
        "其他氣態生質燃料",
    ]


@DOCUMENTS.needs("award-form-2015")
def test_award_set_matches_the_document_text(award):
    """Every number of award-form-2015 附表2, in the document's text, equals the shipped data, row by row."""
    text = DOCUMENTS.text("award-form-2015")
    table = text[text.index("附表2\n二氧化碳排放指數") : text.index("註1.我國燃料熱值")]
    # one cell per line; a cell line starts with a tab (an empty cell is a lone tab)
    lines = table.split("\n")
    cells = [line.strip() for line in lines[lines.index("\t煤") :] if line.startswith("\t") or line.strip()]
    rows = [cells[i : i + 11] for i in range(0, len(cells), 11)]
    assert len(rows) == 55  # 附表2 lists 55 fuels, 煤 to 其他氣態生質燃料
    for fuel, row in zip(award.fuels, rows, strict=True):
        _, name, carbon, _, co2, _, heat, _, _, rec, _ = row
        if name != "－":
            assert fuel.name_zh == name
        if carbon not in ("－",):
            assert fuel.carbon_factor.value == float(carbon)
        if co2 not in ("－",):
            assert fuel.per_tj["stationary"]["CO2"].value == float(co2.replace(",", ""))
        if heat not in ("-", "－"):
            assert fuel.heat_value.value == float(heat)
        if rec not in ("-", "－"):
            assert fuel.recommended.value == float(rec)


def test_lookup_by_code_english_chinese_alias(award, current):
    assert award.fuel("O05").id == "diesel"
    assert award.fuel("柴油").id == "diesel"
    assert award.fuel("Gas/diesel oil").id == "diesel"
    assert award.fuel("  DIESEL ").id == "diesel"
    assert award.fuel("液化石油氣").code == "O02"
    assert current.fuel("E01").is_electricity
    with pytest.raises(FactorNotFoundError, match=r"'disel'.*did you mean 'diesel'"):
        award.fuel("disel")


def test_units_and_provenance(award):
    diesel = award.fuel("O05")
    assert diesel.heat_value.quantity == Q_(8400, "kcal/L")
    assert diesel.heat_value.status == "official"
    assert "2010" in award.source(diesel.heat_value.source).cite()
    assert award.grid_factor(2013) == Q_(0.522, "kg/kWh")


def test_grid_factors_of_the_current_set(current):
    # 2013 0.522 (award-form-2015 附表2 註4), 2017-2024 Taipower series (tw-grid-series)
    expected = {
        2013: 0.522,
        2017: 0.554,
        2018: 0.533,
        2019: 0.509,
        2020: 0.502,
        2021: 0.509,
        2022: 0.495,
        2023: 0.494,
        2024: 0.474,
    }
    for year, value in expected.items():
        assert current.grid_factor(year).m_as("kg/kWh") == value
    assert current.grid_factors[2013].status == "official"
    with pytest.raises(FactorNotFoundError, match="2030"):
        current.grid_factor(2030)
    with pytest.raises(PeriodError, match="roc_to_ad"):
        current.grid_factor(113)


def test_ipcc_defaults_of_the_current_set(current):
    # MOENV 113/2/5 announcement (moenv-2024-ef), kg/TJ
    diesel = current.fuel("diesel").per_tj
    assert [diesel["stationary"][g].value for g in ("CO2", "CH4", "N2O")] == [74100, 3, 0.6]
    assert [diesel["mobile"][g].value for g in ("CO2", "CH4", "N2O")] == [74100, 3.9, 3.9]
    gasoline = current.fuel("motor_gasoline").per_tj
    assert [gasoline["mobile"][g].value for g in ("CH4", "N2O")] == [33, 3.2]
    assert [gasoline["mobile/oxidation_catalyst"][g].value for g in ("CH4", "N2O")] == [25, 8]
    assert [gasoline["mobile/low_mileage_1995"][g].value for g in ("CH4", "N2O")] == [3.8, 5.7]
    assert current.fuel("natural_gas").per_tj["mobile"]["CH4"].value == 92
    assert current.fuel("lpg").per_tj["mobile"]["CH4"].value == 62
    assert current.fuel("sub_bituminous_coal").per_tj["stationary"]["CO2"].value == 96100


@pytest.mark.parametrize(
    ("gas", "report", "value"),
    [
        ("CH4", "AR5", 28),
        ("N2O", "AR5", 265),
        ("HFC-134a", "AR5", 1300),
        ("R-410A", "AR5", 1923.5),
        ("R-404A", "AR5", 3942.8),
        ("R-407C", "AR5", 1624.21),
        ("SF6", "AR5", 23500),
        ("HFC-32", "AR5", 677),
        ("HFC-227ea", "AR5", 3350),
        ("CH4", "AR4", 25),
        ("N2O", "AR4", 298),
        ("R-410A", "AR4", 2088),
        ("R-404A", "AR4", 3922),
        ("R-407C", "AR4", 1774),
        ("CH4", "AR6", 27.9),
        ("N2O", "AR6", 273),
        ("HFC-134a", "AR6", 1530),
        ("SF6", "AR6", 25200),
        ("R-134a", "AR5", 1300),
    ],
)
def test_gwp_values(current, gas, report, value):
    # moenv-2024-ef 附表四 (AR5); ipcc-ar4 Table 2.14; ipcc-ar6 Table 7.SM.7
    assert current.gwp(gas, report) == value


def test_ar6_blends_are_computed_from_components(current):
    # R-410A = 50 % HFC-32 + 50 % HFC-125: 0.5 x 771 + 0.5 x 3740 = 2255.5 (AR6 values)
    fv = current.gwp_value("R-410A", "AR6")
    assert fv.value == pytest.approx(2255.5)
    assert fv.status == "derived"
    with pytest.raises(FactorNotFoundError, match="HFC-9999"):
        current.gwp("HFC-9999", "AR5")


def test_oil_equivalent_definitions(current, award):
    assert award.kcal_per_kloe == Q_(9e6, "kcal/KLOE")
    assert current.kcal_per_kloe == Q_(1e7, "kcal/KLOE")
    assert award.oil_equivalent_basis("tw-table8-3").electricity.quantity == Q_(0.00023, "KLOE/kWh")
    assert award.oil_equivalent_basis("tw-final-860").electricity.quantity == Q_(860, "kcal/kWh")


def test_shipped_sets_are_consistent(award, current):
    assert factors.check(award) == []
    assert factors.check(current) == []


def test_check_finds_a_wrong_recommended_factor(award):
    diesel = award.fuel("diesel")
    broken_fuel = diesel.model_copy(update={"recommended": diesel.recommended.model_copy(update={"value": 2.71})})
    broken = award.model_copy(update={"fuels": tuple(broken_fuel if f.id == "diesel" else f for f in award.fuels)})
    findings = factors.check(broken)
    codes = {(f.code, f.path) for f in findings}
    assert ("factors.recommended_mismatch", "ntpc-award-2015.fuels.diesel.recommended") in codes
    # the repeated diesel row (row 50) now differs from row 21
    assert any(f.code == "factors.duplicate_row_differs" for f in findings)


def test_check_finds_carbon_factor_disagreement(award):
    coal = award.fuel("fuel_coal")
    # 25.8 kgC/GJ x 44/12 = 94,600 kg/TJ; 26.8 would imply 98,267
    bad = coal.model_copy(update={"carbon_factor": coal.carbon_factor.model_copy(update={"value": 26.8})})
    broken = award.model_copy(update={"fuels": tuple(bad if f.id == "fuel_coal" else f for f in award.fuels)})
    assert [f.code for f in factors.check(broken)] == ["factors.co2_vs_carbon"]


def test_with_overrides_returns_a_new_set(current):
    fs = current.with_overrides(
        heat_values={"C02": Q_(6100, "kcal/kg")},
        grid_factors={2025: Q_(0.45, "kg/kWh")},
        densities={"LPG": Q_(0.55, "kg/L")},
        supplier_factor=Q_(0.3, "kg/kWh"),
    )
    assert fs.id == "tw-2024+user"
    assert fs.fuel("C02").heat_value.value == 6100 and fs.fuel("C02").heat_value.status == "user"
    assert current.fuel("C02").heat_value.value == 5890  # unchanged
    assert fs.grid_factor(2025) == Q_(0.45, "kg/kWh")
    assert fs.fuel("LPG").density.value == 0.55
    assert fs.supplier_factor.value == 0.3
    with pytest.raises(UnitsError, match="heat_values"):
        current.with_overrides(heat_values={"C02": Q_(6100, "kcal")})
    with pytest.raises(UnitsError, match="bare"):
        current.with_overrides(heat_values={"C02": 6100})


def test_heat_value_override_for_a_fuel_without_one(award):
    fs = award.with_overrides(heat_values={"木炭": Q_(7000, "kcal/kg")})
    charcoal = fs.fuel("charcoal")
    assert charcoal.basis_unit == "kg" and charcoal.heat_value.value == 7000


def test_factor_sets_pickle(current):
    from carbonaudit import emissions

    before = emissions.co2(Q_(1000, "L"), "diesel", current)  # fills the conversion cache
    again = pickle.loads(pickle.dumps(current))
    assert again.model_dump() == current.model_dump()
    assert again.fuel("O05").id == "diesel"
    assert emissions.co2(Q_(1000, "L"), "diesel", again) == before


def _write(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    from carbonaudit._data import data_path

    doc = yaml.safe_load(data_path("factors.yaml").read_text(encoding="utf-8"))
    mutate(doc)
    path = tmp_path / "factors.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_from_file_reads_a_valid_copy(tmp_path):
    sets = factors.from_file(_write(tmp_path, lambda d: None))
    assert set(sets) == {"tw-2024", "ntpc-award-2015", "tw-2025"}


def test_malformed_entry_names_set_entry_and_field(tmp_path):
    def break_it(d):  # type: ignore[no-untyped-def]
        d["factor_sets"][1]["fuels"][20]["heat_value"]["value"] = "eight thousand"

    with pytest.raises(DataFileError) as info:
        factors.from_file(_write(tmp_path, break_it))
    message = str(info.value)
    assert "factor_sets[ntpc-award-2015].fuels[diesel].heat_value.value" in message
    assert "eight thousand" in message


def test_unknown_field_and_bad_unit_are_errors(tmp_path):
    def typo(d):  # type: ignore[no-untyped-def]
        d["factor_sets"][0]["fuels"][0]["heat_valeu"] = d["factor_sets"][0]["fuels"][0].pop("heat_value")

    with pytest.raises(DataFileError, match=r"fuels\[diesel\]\.heat_valeu"):
        factors.from_file(_write(tmp_path, typo))

    def bad_unit(d):  # type: ignore[no-untyped-def]
        d["factor_sets"][0]["fuels"][0]["heat_value"]["unit"] = "kcal/furlong"

    with pytest.raises(DataFileError, match="furlong"):
        factors.from_file(_write(tmp_path, bad_unit))

    def wrong_dimension(d):  # type: ignore[no-untyped-def]
        d["factor_sets"][0]["fuels"][0]["heat_value"]["unit"] = "kg/L"

    with pytest.raises(DataFileError, match=r"fuels\[diesel\]\.heat_value\.unit: must be in units like kcal"):
        factors.from_file(_write(tmp_path, wrong_dimension))

    def unknown_source(d):  # type: ignore[no-untyped-def]
        d["factor_sets"][0]["grid_factors"][2024]["source"] = "nowhere"

    with pytest.raises(DataFileError, match="nowhere"):
        factors.from_file(_write(tmp_path, unknown_source))

    def unknown_rule_source(d):  # type: ignore[no-untyped-def]
        d["rules"]["saving_targets"][0]["tiers"][0]["target"]["source"] = "rumour"

    with pytest.raises(DataFileError, match=r"saving_targets\[tw-104-108\].*rumour"):
        factors.from_file(_write(tmp_path, unknown_rule_source))


@pytest.mark.parametrize(
    ("name", "field", "value", "shown"),
    [
        ("molar_mass_carbon", "unit", "kg", "'kg'"),  # was pint.DimensionalityError in factors.check
        ("molar_mass_carbon", "value", 0, "0.0"),  # was ZeroDivisionError in factors.check
        ("molar_mass_co2", "value", -44, "-44.0"),
    ],
)
def test_molar_masses_are_validated_at_load(tmp_path, name, field, value, shown):
    def bad_constant(d):  # type: ignore[no-untyped-def]
        d["constants"][name][field] = value

    path = _write(tmp_path, bad_constant)
    with pytest.raises(DataFileError) as info:
        factors.from_file(path)
    message = str(info.value)
    assert str(path) in message and f"constants.{name}" in message
    assert "positive molar mass" in message and "g/mol" in message and shown in message


def test_a_missing_shipped_file_is_a_data_file_error():
    from carbonaudit._data import data_path

    # was a bare FileNotFoundError
    with pytest.raises(DataFileError) as info:
        data_path("no-such-data-file.yaml")
    message = str(info.value)
    assert "'no-such-data-file.yaml' not found" in message and "installation is incomplete" in message


def test_invalid_yaml_is_a_data_file_error(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("factor_sets: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape(str(path))):
        factors.from_file(path)


def test_unreadable_file_is_a_data_file_error(tmp_path):
    # as declaration.io.load_yaml: a missing file or a directory is a DataFileError naming the path
    missing = tmp_path / "no-such-factors.yaml"
    with pytest.raises(DataFileError, match=rf"cannot read factor file {re.escape(str(missing))}: No such file"):
        factors.from_file(missing)
    with pytest.raises(DataFileError, match=rf"cannot read factor file {re.escape(str(tmp_path))}: "):
        factors.from_file(str(tmp_path))


def test_no_domain_constant_is_a_literal_in_code():
    """Factors are data: no number the forms define is a numeric literal in the code."""
    src = Path(__file__).resolve().parents[1] / "src" / "carbonaudit"
    constants = {4.1868, 3024.0, 0.522, 0.474, 2236.0, 0.00023, 9e6, 1e7, 860.0, 74100.0, 28.0, 265.0}
    offenders = []
    for path in src.rglob("*.py"):
        tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
        for i, tok in enumerate(tokens):
            if tok.type != tokenize.NUMBER:
                continue
            text = tok.string.replace("_", "").rstrip("jJ")
            value = float(int(text, 0)) if text[:2].lower() in ("0x", "0o", "0b") else float(text)
            ratio = (
                value == 44.0 and i + 2 < len(tokens) and tokens[i + 1].string == "/" and tokens[i + 2].string == "12"
            )
            if value in constants or ratio:
                offenders.append(f"{path.name}:{tok.start[0]}: {tok.line.strip()}")
    assert offenders == []


def test_registry_changes_only_the_calorie():
    """Against a plain pint registry, only `calorie`/`cal` change value (to the IT calorie)."""
    import pint

    from carbonaudit import ureg

    plain = pint.UnitRegistry()
    changed = []
    for name in sorted(plain._units):
        try:
            a = plain.Quantity(1, name).to_base_units()
        except pint.errors.PintError:
            continue  # names pint itself cannot parse back (e.g. R_∞)
        b = ureg.Quantity(1, name).to_base_units()
        if str(a.units) != str(b.units) or abs(a.m - b.m) > 1e-12 * abs(a.m):
            changed.append(name)
    assert changed == ["cal", "calorie"]
