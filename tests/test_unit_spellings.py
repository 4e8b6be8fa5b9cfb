"""The forms' unit labels in the registry itself, the spellings users type, and GWP names in any case (issue 15).

The labels and what they mean are the forms' (non-production-form-2025 表五之一/表五之二 column heads,
award-form-2015 附件三: 度 = kWh, 仟度 = MWh, 公秉 = kL, 公噸 = t, 千立方公尺 = 1,000 m³, 百萬卡 = Mcal,
千元 = NT$1,000, 冷凍噸 = 3,024 kcal/h); each expected magnitude is worked out by hand in a comment.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pint
import pytest
from pydantic import ValidationError

from carbonaudit import Q_, UnitsError, emissions, factors, parse_unit, ureg
from carbonaudit.declaration import Declaration
from carbonaudit.errors import DataFileError
from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compare_years, compute, read_records
from carbonaudit.units import _LABELS, check_unit

ROOT = Path(__file__).resolve().parents[1]

# -- every form label in Q_ --------------------------------------------------------------------

# (label, amount, unit to convert to, expected magnitude): the hand arithmetic in the comment.
LABEL_VALUES = [
    ("度", 12000, "kWh", 12000),  # 1 度 = 1 kWh
    ("度", 12000, "MJ", 43200),  # 12,000 kWh x 3.6 MJ/kWh
    ("千度", 2, "kWh", 2000),  # 1 千度 = 1 MWh = 1,000 kWh
    ("仟度", 2, "kWh", 2000),  # 仟 is the formal 千
    ("瓩", 1200, "W", 1_200_000),  # 1 瓩 = 1 kW = 1,000 W
    ("千瓦", 0.5, "W", 500),  # 0.5 kW
    ("千伏安", 1000, "VA", 1_000_000),  # 1 kVA = 1,000 VA
    ("千乏", 300, "var", 300_000),  # 1 kvar = 1,000 var
    ("公秉", 3, "L", 3000),  # 1 公秉 = 1 kL = 1,000 L
    ("公升", 750, "kL", 0.75),  # 750 L / 1,000
    ("公斤", 1500, "t", 1.5),  # 1,500 kg / 1,000
    ("公噸", 5, "kg", 5000),  # 1 公噸 = the metric tonne = 1,000 kg (not pint's short ton, 907.18 kg)
    ("千立方公尺", 2, "m**3", 2000),  # 1 千立方公尺 = 1,000 m³
    ("立方公尺", 100, "m**3", 100),  # 1 立方公尺 = 1 m³
    ("立方公尺", 100, "km**3", 1e-7),  # 100 m³ / 10⁹ m³ per km³
    ("平方公尺", 250, "cm**2", 2_500_000),  # 1 m² = 10,000 cm²
    ("百萬卡", 1, "kJ", 4186.8),  # 1 Mcal = 1,000 kcal x 4.1868 kJ/kcal (IT calorie)
    ("千卡", 1, "J", 4186.8),  # 1 kcal = 4,186.8 J
    ("元", 3, "kTWD", 0.003),  # NT$3 / 1,000
    ("千元", 3, "TWD", 3000),  # 千元 = NT$1,000
    ("仟元", 3, "TWD", 3000),
    ("冷凍噸", 1, "kcal/h", 3024),  # 1 USRT = 3,024 kcal/h (non-production-form-2025 表五之三)
    ("美制冷凍噸", 2, "kcal/h", 6048),  # 2 x 3,024
    ("冷凍噸-小時", 1, "kcal", 3024),  # 1 RTh = 3,024 kcal/h x 1 h
    ("公秉油當量", 1, "LOE", 1000),  # 1 KLOE = 1,000 litres of oil equivalent
    ("公升油當量", 500, "KLOE", 0.5),  # 500 LOE / 1,000
    ("公斤油當量", 7, "kgOE", 7),  # 公斤油當量 is kgOE
    ("小時", 2, "min", 120),  # 2 h x 60 min/h
]


def test_the_table_covers_every_label() -> None:
    assert {label for label, *_ in LABEL_VALUES} == set(_LABELS)


@pytest.mark.parametrize(("label", "amount", "unit", "expected"), LABEL_VALUES)
def test_a_form_label_works_in_the_registry(label: str, amount: float, unit: str, expected: float) -> None:
    q = Q_(amount, label)
    assert q.m_as(unit) == pytest.approx(expected, rel=1e-12)
    # the same unit as parse_unit gives, and as ureg.Unit and ureg(...) give
    assert q.units == parse_unit(label) == ureg.Unit(label)
    assert ureg(f"{amount} {label}").m_as(unit) == pytest.approx(expected, rel=1e-12)


def test_the_issue_examples() -> None:
    assert Q_(12000, "度").to("kWh").m == 12000
    assert Q_(3, "公秉").to("L").m == 3000
    assert Q_(2, "千度").to("kWh").m == 2000
    assert Q_(5, "公噸").to("kg").m == 5000
    assert Q_(100, "立方公尺").m_as("m**3") == 100
    # and back: a quantity converts *to* a label too (1 MWh = 1,000 度)
    assert Q_(1, "MWh").m_as("度") == 1000
    assert Q_(1500, "kg").to("公噸").m == 1.5


def test_labels_in_an_expression() -> None:
    # 元/度, the forms' price of electricity: NT$3.2 per kWh = NT$3,200 per MWh
    assert Q_(3.2, "元/度").m_as("TWD/MWh") == pytest.approx(3200)
    # 度/公秉: kWh per kL = 1/1,000 kWh per L
    assert Q_(1, "度/公秉").m_as("kWh/L") == pytest.approx(0.001)
    # a longer label is read whole: 千度/千立方公尺 = MWh per 1,000 m³ = 1 kWh/m³
    assert Q_(1, "千度/千立方公尺").m_as("kWh/m**3") == pytest.approx(1.0)
    assert Q_(2, "公噸/小時").m_as("kg/h") == pytest.approx(2000)


def test_labelled_quantities_format_as_their_pint_unit() -> None:
    # the registry keeps pint's canonical unit: the outputs that printed kWh still print kWh
    assert str(Q_(12000, "度")) == str(Q_(12000, "kWh")) == "12000 kilowatt_hour"
    assert f"{Q_(12000, '度'):~}" == "12000 kWh"
    assert f"{Q_(3, '公秉'):~}" == f"{Q_(3, 'kL'):~}"
    assert f"{Q_(3.2, '元/度'):~}" == "3.2 TWD / kWh"
    assert repr(Q_(5, "公噸")) == "<Quantity(5, 'metric_ton')>"


def test_the_label_keeps_the_electrical_kind() -> None:
    # 千伏安 is apparent power and 千乏 reactive power: neither is taken for real power (kW)
    with pytest.raises(UnitsError, match=r"must be real power \(kW\), got kVA"):
        check_unit(Q_(1, "千伏安").units, "kW", "power")
    with pytest.raises(UnitsError, match=r"must be real power \(kW\), got kvar"):
        check_unit(Q_(1, "千乏").units, "kW", "power")


@pytest.mark.parametrize("label", sorted(_LABELS))
def test_a_labelled_quantity_pickles(label: str) -> None:
    q = Q_(2.5, label)
    back = pickle.loads(pickle.dumps(q))
    assert back._REGISTRY is ureg
    assert back.units == q.units and back.m == 2.5


def test_a_labelled_quantity_unpickles_in_another_process() -> None:
    # 2 千度 pickled here is 2,000 kWh in a fresh interpreter (which has never read a label)
    data = pickle.dumps(Q_(2, "千度"))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    code = "import pickle, sys; print(pickle.loads(sys.stdin.buffer.read()).m_as('kWh'))"
    out = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, env=env, check=True)
    assert out.stdout.decode().strip() == "2000.0"


def test_the_registry_does_not_guess_spellings() -> None:
    # Q_ takes pint's spellings and the form labels; a typed spelling goes through parse_unit
    with pytest.raises(pint.UndefinedUnitError):
        Q_(1, "kwh")
    assert Q_(1, parse_unit("kwh")).m_as("kWh") == 1


# -- spellings users type -----------------------------------------------------------------------

ACCEPTED = [
    ("kwh", "kWh"),
    ("KWH", "kWh"),
    ("Kwh", "kWh"),
    ("KWh", "kWh"),
    ("kWh", "kWh"),
    ("gwh", "GWh"),
    ("kw", "kW"),
    ("KW", "kW"),
    ("KVA", "kVA"),
    ("KVAR", "kvar"),
    ("m3", "m**3"),
    ("M3", "m**3"),  # award-form-2015 附表2 prints Kcal/M3
    ("m2", "m**2"),
    ("kl", "kL"),
    ("KL", "kL"),
    ("kL", "kL"),
    ("KG", "kg"),
    ("Kg", "kg"),
    ("t", "t"),
    ("tonne", "t"),
    ("Tonne", "t"),
    ("MWh", "MWh"),
    ("tj", "TJ"),
    ("Kcal/M3", "kcal/m**3"),  # award-form-2015 附表2's heat-value unit of gaseous fuels
    ("kg/kwh", "kg/kWh"),
    ("KWH/M3", "kWh/m**3"),
    ("(KWH)", "kWh"),
    ("元/kwh", "TWD/kWh"),
]


@pytest.mark.parametrize(("spelling", "unit"), ACCEPTED)
def test_a_spelling_is_read_as_the_unit_meant(spelling: str, unit: str) -> None:
    assert parse_unit(spelling) == ureg.Unit(unit)


def test_spellings_convert_as_meant() -> None:
    assert Q_(3, parse_unit("KL")).m_as("L") == 3000  # 3 kL
    assert Q_(8000, parse_unit("Kcal/M3")).m_as("kcal/L") == pytest.approx(8)  # 8,000 kcal per 1,000 L
    assert Q_(2, parse_unit("m3")).m_as("L") == pytest.approx(2000)


# (spelling, the whole message): each says what to write instead
REFUSED = [
    ("kwhr", "unit 'kwhr' is not known; did you mean 'kWh'?"),
    ("kg/kwhr", "unit 'kg/kwhr' is not known: 'kwhr' is not a unit; did you mean 'kWh'?"),
    ("千立方米", "unit '千立方米' is not known; did you mean '千立方公尺'?"),
    ("mw", "unit 'mw' is ambiguous: 'MW' is megawatt, 'mW' is milliwatt; write it with its case: 'MW' or 'mW'"),
    ("Mw", "unit 'Mw' is ambiguous: 'MW' is megawatt, 'mW' is milliwatt; write it with its case: 'MW' or 'mW'"),
    (
        "mwh",
        "unit 'mwh' is ambiguous: 'MWh' is megawatt_hour, 'mWh' is milliwatt_hour; write it with its case: 'MWh' or 'mWh'",
    ),
    (
        "MWH",
        "unit 'MWH' is ambiguous: 'MWh' is megawatt_hour, 'mWh' is milliwatt_hour; write it with its case: 'MWh' or 'mWh'",
    ),
    (
        "MCAL",
        "unit 'MCAL' is ambiguous: 'Mcal' is megacalorie, 'mcal' is millicalorie; write it with its case: 'Mcal' or 'mcal'",
    ),
    (
        "ton",
        "unit 'ton' is refused: pint's 'ton' is the US short ton (907.18 kg), not the metric tonne of the forms: "
        "write 't' or '公噸'",
    ),
    (
        "TON",
        "unit 'TON' is refused: pint's 'ton' is the US short ton (907.18 kg), not the metric tonne of the forms: "
        "write 't' or '公噸'",
    ),
    (
        "Tons",
        "unit 'Tons' is refused: pint's 'ton' is the US short ton (907.18 kg), not the metric tonne of the forms: "
        "write 't' or '公噸'",
    ),
    ("T", "unit 'T' is refused: 'T' is pint's tesla (magnetic flux density), not a tonne: write 't' or '公噸'"),
    (
        "kt",
        "unit 'kt' is refused: 'kt' is pint's knot (a speed), not a kilotonne: write 'kilotonne' (1,000 t) or give tonnes",
    ),
    (
        "kM3",
        "unit 'kM3' is ambiguous: 'kM3' is a cubic kilometre in SI, but the award form writes kM3 for 1,000 m³; "
        "write '千立方公尺' (1,000 m³) or 'km**3' (a cubic kilometre)",
    ),
]
NORMAL_M3 = (
    "is refused: the forms ask for natural gas in 立方公尺 (as on the gas bill) and carbonaudit's heat values "
    "(kcal/m³) are per that volume; neither states reference conditions, so a normal or standard cubic metre "
    "(gas at 0 °C or 15 °C and 1 atm) is not taken for it; write the volume from the gas bill in 'm3' or '立方公尺'"
)


@pytest.mark.parametrize(("spelling", "message"), REFUSED)
def test_a_refused_spelling_says_what_to_write(spelling: str, message: str) -> None:
    with pytest.raises(UnitsError) as info:
        parse_unit(spelling)
    assert str(info.value) == message
    assert info.value.for_cli() == message  # the same advice on the command line: no Python call in it


@pytest.mark.parametrize("spelling", ["Nm3", "NM3", "nm3", "Sm3", "Nm**3", "Nm³", "Nm^3", "kcal/Nm3", "Nm3/h"])
def test_a_normal_cubic_metre_is_refused(spelling: str) -> None:
    with pytest.raises(UnitsError) as info:
        parse_unit(spelling)
    assert str(info.value) == f"unit {spelling!r} {NORMAL_M3}"


def test_a_refused_spelling_names_the_argument() -> None:
    with pytest.raises(UnitsError) as info:
        check_unit("mw", "kW", "contract_capacity")
    assert str(info.value) == (
        "contract_capacity: unit 'mw' is ambiguous: 'MW' is megawatt, 'mW' is milliwatt; write it with its case: "
        "'MW' or 'mW'"
    )
    with pytest.raises(UnitsError) as info:
        check_unit("kwhr", "kWh", "energy")
    assert str(info.value) == "unit for energy: unit 'kwhr' is not known; did you mean 'kWh'?"


def test_exact_pint_spellings_keep_their_meaning() -> None:
    # pint's own spelling is read first: mWh typed with its case is the milliwatt-hour, ml the millilitre
    assert parse_unit("mWh") == ureg.Unit("milliwatt_hour")
    assert parse_unit("ml") == ureg.Unit("milliliter")
    assert parse_unit("ML") == ureg.Unit("megaliter")


# -- the readers: CSV records, YAML declarations ------------------------------------------------


def _tree() -> OrgTree:
    return OrgTree(
        [
            Organisation(id="team", name="TEAM", status={2023: "complete", 2024: "complete"}),
            Organisation(id="a", name="A", parent="team", status={2023: "complete", 2024: "complete"}),
        ]
    )


def test_csv_records_take_the_spellings(tmp_path: Path) -> None:
    path = tmp_path / "records.csv"
    path.write_text(
        "org,year,kind,value,unit,fuel,use\n"
        "a,2024,electricity,12000,度,,\n"
        "a,2024,electricity,12000,kwh,,\n"
        "a,2024,electricity,12000,KWH,,\n"
        "a,2024,electricity,12,千度,,\n"
        "a,2024,fuel,1,KL,diesel,stationary\n"
        "a,2024,fuel,1,公秉,diesel,stationary\n",
        encoding="utf-8",
    )
    records = read_records(path)
    # four rows of 12,000 kWh (12 千度 = 12 MWh = 12,000 kWh), two of 1 kL = 1,000 L of diesel
    assert [r.amount.quantity.m_as("kWh") for r in records[:4]] == [12000, 12000, 12000, 12000]
    assert [r.amount.quantity.m_as("L") for r in records[4:]] == [1000, 1000]
    inv = compute(_tree(), records, factor_set="tw-2024", year=2024)
    # scope 2 (tw-2024, 2024 grid factor 0.474 kg/kWh): 4 x 12,000 kWh x 0.474 = 22,752 kg = 22.752 t
    assert inv.by_scope()[2] == pytest.approx(22.752, rel=1e-12)
    # each kL row gives what a row in "kL" gives
    one = compute(
        _tree(),
        [ActivityRecord(org="a", year=2024, kind="fuel", amount={"value": 1, "unit": "kL"}, fuel="diesel")],
        factor_set="tw-2024",
        year=2024,
    )
    assert inv.by_scope()[1] == pytest.approx(2 * one.by_scope()[1], rel=1e-12)


@pytest.mark.parametrize(
    ("unit", "said"),
    [("mwh", "is ambiguous: 'MWh' is megawatt_hour"), ("kwhr", "did you mean 'kWh'?"), ("Nm3", "立方公尺")],
)
def test_a_csv_row_with_a_refused_spelling_names_the_row(tmp_path: Path, unit: str, said: str) -> None:
    path = tmp_path / "records.csv"
    path.write_text(f"org,year,kind,value,unit\na,2024,electricity,12000,kWh\na,2024,electricity,1,{unit}\n", "utf-8")
    with pytest.raises(DataFileError) as info:
        read_records(path)
    message = str(info.value)
    assert "records.csv, line 3: " in message and said in message


def _office_yaml() -> str:
    return (ROOT / "examples" / "office_declaration.yaml").read_text(encoding="utf-8")


def test_a_yaml_declaration_takes_the_spellings() -> None:
    text = _office_yaml()
    base = Declaration.from_yaml(text)
    assert "    unit: kL\n" in text and "- meter: 01-2345-67-8\n  months:" in text
    for spelling in ("KL", "kl", "公秉"):
        d = Declaration.from_yaml(text.replace("    unit: kL\n", f"    unit: {spelling}\n", 1))
        assert d.thermal.diesel.total() == base.thermal.diesel.total()  # 12 x 0.2 kL = 2.4 kL
        assert d.thermal.diesel.total().m_as("L") == pytest.approx(2400)
    # the meter's energy in 度, kwh or KWH is its kWh; in 千度 it is 1,000 times as much
    kwh = base.electricity[0].total().m_as("kWh")
    for spelling, factor in (("度", 1), ("kwh", 1), ("KWH", 1), ("千度", 1000)):
        d = Declaration.from_yaml(
            text.replace(
                "- meter: 01-2345-67-8\n  months:", f"- meter: 01-2345-67-8\n  energy_unit: {spelling}\n  months:", 1
            )
        )
        assert d.electricity[0].total().m_as("kWh") == pytest.approx(kwh * factor, rel=1e-12)


def test_a_yaml_declaration_refuses_an_ambiguous_spelling() -> None:
    text = _office_yaml().replace(
        "- meter: 01-2345-67-8\n  months:", "- meter: 01-2345-67-8\n  energy_unit: mwh\n  months:", 1
    )
    with pytest.raises(ValidationError) as info:
        Declaration.from_yaml(text)
    assert "energy_unit" in str(info.value) and "'MWh' or 'mWh'" in str(info.value)


# -- GWP set names in any case --------------------------------------------------------------------


def test_gwp_in_lower_case_is_the_set() -> None:
    fs = factors.load("tw-2024")
    # IPCC AR6: CH4 27.9, HFC-134a 1,530 (ipcc-ar6)
    assert fs.gwp("CH4", "ar6") == fs.gwp("CH4", "AR6") == 27.9
    assert fs.gwp_value("HFC-134a", "Ar6").value == 1530
    upper = emissions.emissions(Q_(1000, "L"), "diesel", "tw-2024", gwp="AR6", use="mobile")
    lower = emissions.emissions(Q_(1000, "L"), "diesel", "tw-2024", gwp="ar6", use="mobile")
    assert lower.co2e == upper.co2e and lower.gwp == "AR6"
    assert [t.name for t in lower.factors] == [t.name for t in upper.factors]  # gwp.AR6.CH4, not gwp.ar6.CH4
    # diesel, mobile (tw-2024: 8,629 kcal/L; moenv-2024-ef mobile 74,100 / 3.9 / 3.9 kg/TJ):
    # 1,000 L x 8,629 kcal/L x 4.1868e-9 TJ/kcal x (74,100 + 3.9 x 27.9 + 3.9 x 273) kg/TJ
    tj = 1000 * 8629 * 4.1868e-9
    assert lower.co2e.m_as("kg") == pytest.approx(tj * (74100 + 3.9 * 27.9 + 3.9 * 273), rel=1e-9)


def test_gwp_in_lower_case_in_an_inventory() -> None:
    records = [
        ActivityRecord(org="a", year=2024, kind="refrigerant_topup", amount={"value": 2, "unit": "kg"}, gas="HFC-134a")
    ]
    lower = compute(_tree(), records, factor_set="tw-2024", gwp="ar6", year=2024)
    # 2 kg of HFC-134a x 1,530 (AR6) = 3,060 kg = 3.06 t
    assert lower.total() == pytest.approx(3.06, rel=1e-12)
    assert lower.gwp == "AR6"
    assert compute(_tree(), records, factor_set="tw-2024", gwp="AR6", year=2024).total() == lower.total()
    # the base year reported with "ar6" used the report's AR6: no "GWP changed" finding
    comparison = compare_years(_tree(), records, 2024, 2024, "tw-2024", gwp="ar6", base_gwp="ar6")
    assert "inventory.gwp_changed" not in [f.code for f in comparison.findings]
    comparison = compare_years(_tree(), records, 2024, 2024, "tw-2024", gwp="ar6", base_gwp="AR5")
    assert "inventory.gwp_changed" in [f.code for f in comparison.findings]


def test_an_unknown_gwp_set_is_still_refused() -> None:
    from carbonaudit import FactorNotFoundError

    with pytest.raises(FactorNotFoundError, match=r"GWP set 'ar7' is not available \(have: AR4, AR5, AR6\)"):
        emissions.emissions(Q_(1000, "L"), "diesel", "tw-2024", gwp="ar7")
