"""``carbonaudit fee`` as a user types it (issue 16, item 5): the installed command in a subprocess.

The figures are the regulation's arithmetic worked out by hand (moenv-carbon-fee-2024 第3-6條,
第9條; rates general NT$300, A NT$50, B NT$100 per t CO2e of moenv-carbon-fee-rate-2024):
``chargeable = (annual - K) x coefficient``, ``fee = (chargeable - offsets allowed) x rate``.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import tempfile
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

# the command as a user runs it, and the pattern of a Python call, from the CLI's user tests
# (--import-mode=importlib puts no test folder on sys.path: loaded as the harness catalogue is)
_spec = importlib.util.spec_from_file_location("_cli_user", Path(__file__).with_name("test_cli_user.py"))
assert _spec is not None and _spec.loader is not None
_cli_user = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cli_user)
PYTHON_CALL, ROOT, cli = _cli_user.PYTHON_CALL, _cli_user.ROOT, _cli_user.cli

PLANT_RECORDS = "examples/fee_plant_records.csv"
PLANT_ORGS = "examples/fee_plant_orgs.yaml"
COUNTY_RECORDS = "examples/inventory_records.csv"  # a county's agencies, 2023 and 2024
COUNTY_ORGS = "examples/inventory_orgs.yaml"


def _step(stdout: str, label: str) -> str:
    """The text of one step line (``fee                NT$1,500,000`` -> ``NT$1,500,000``)."""
    steps = stdout.split("\nrule values used:\n")[0]  # not the rows of the rules' table
    found = re.findall(rf"^{re.escape(label)}\s{{2,}}(.*)$", steps, re.M)
    assert len(found) == 1, (label, stdout)
    return str(found[0])


def _clean(proc) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in proc.stderr
    assert [line for line in (proc.stdout + proc.stderr).splitlines() if PYTHON_CALL.search(line)] == []


# -- one plant from its annual emissions ------------------------------------------------------


def test_30000_t_pays_1_500_000():
    proc = cli("fee", "30000")
    assert proc.returncode == 0, proc.stderr
    _clean(proc)
    out = proc.stdout
    # (30,000 - 25,000) x 1 = 5,000 t; x NT$300 = NT$1,500,000 (第5條)
    assert _step(out, "annual emissions").startswith("30,000.000 t CO2e")
    assert _step(out, "liable").startswith("yes; charged: ")
    assert _step(out, "K") == "25,000 t CO2e (第5條)"
    assert _step(out, "coefficient") == "1 (第5條)"
    assert _step(out, "chargeable").startswith("(30,000.000 - 25,000) x 1 = 5,000.000 t CO2e")
    assert _step(out, "offsets requested") == "0.000 t CO2e"
    assert _step(out, "net").startswith("5,000.000 t CO2e")
    assert _step(out, "rate").startswith("general: NT$300 per t CO2e")
    assert _step(out, "fee") == "NT$1,500,000"
    # without --year: the newest rules, and no due date
    assert out.splitlines()[0].startswith("carbon fee, rules tw-carbon-fee-2025 ")
    assert not re.search(r"^due\s", out, re.M)
    # the rule values with their source and status
    assert re.search(r"^threshold\s+25,000 t\s+official\s+moenv-carbon-fee-2024\s+.*第3條$", out, re.M)
    assert re.search(r"^rates\.general\s+300 TWD/t\s+secondary\s+moenv-carbon-fee-rate-2024\s", out, re.M)
    assert "notes:\n  - annual emissions are taken as given" in out


def test_the_year_gives_the_due_date_and_reads_roc_years():
    proc = cli("fee", "30000", "--year", "114")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "carbonaudit: reading 114 as ROC year 114 = AD 2025"
    assert proc.stdout.splitlines()[0].startswith("carbon fee of 2025, rules tw-carbon-fee-2025")
    # 第4條: by the end of May of the year after the activity year
    assert _step(proc.stdout, "due").startswith("2026-05-31 ")
    data = json.loads(cli("fee", "30000", "--year", "2026", "--json").stdout)
    assert (data["year"], data["due"]) == (2026, "2027-05-31")
    assert json.loads(cli("fee", "30000", "--json").stdout)["due"] is None


def test_24999_t_is_not_charged_with_the_reason():
    proc = cli("fee", "24999", "--year", "2025")
    assert proc.returncode == 0, proc.stderr
    assert _step(proc.stdout, "liable") == (
        "no; not charged: annual emissions 24,999 t CO2e are below the threshold of 25,000 t CO2e (第3條)"
    )
    assert _step(proc.stdout, "chargeable") == "0.000 t CO2e (not charged)"
    assert _step(proc.stdout, "fee") == "NT$0"
    # 25,000 t is charged (≥, 第3條) but (25,000 - 25,000) x 1 = 0 t: NT$0
    at = cli("fee", "25000")
    assert _step(at.stdout, "liable").startswith("yes; ") and _step(at.stdout, "fee") == "NT$0"


def test_a_sector_that_is_not_charged():
    proc = cli("fee", "30000", "--sector", "other")
    assert proc.returncode == 0, proc.stderr
    assert _step(proc.stdout, "liable").startswith("no; not charged: the fee is charged to power, gas-supply")
    assert _step(proc.stdout, "fee") == "NT$0"
    for sector, who in (
        ("manufacturing", "a manufacturing plant"),
        ("製造業", "a manufacturing plant"),
        ("Manufacturing", "a manufacturing plant"),
        ("power", "an electricity supply plant"),
        ("Electricity Supply", "an electricity supply plant"),
        ("燃氣供應業", "a gas supply plant"),
    ):
        charged = cli("fee", "30000", "--sector", sector)
        assert _step(charged.stdout, "liable").startswith(f"yes; charged: {who} with annual emissions 30,000 t CO2e")
        assert _step(charged.stdout, "fee") == "NT$1,500,000"


def test_high_leakage_with_a_plan_at_rate_a_period_1():
    proc = cli("fee", "40000", "--rate", "A", "--high-leakage", "--period", "1")
    assert proc.returncode == 0, proc.stderr
    # K = 0 (第5條), coefficient 0.2 (第6條 period 1): 40,000 x 0.2 = 8,000 t; x NT$50 = NT$400,000
    assert _step(proc.stdout, "K") == "0 t CO2e (第5條: high carbon-leakage)"
    assert _step(proc.stdout, "coefficient").startswith("0.2 (第6條, period 1")
    assert _step(proc.stdout, "chargeable").startswith("(40,000.000 - 0) x 0.2 = 8,000.000 t CO2e")
    assert _step(proc.stdout, "fee") == "NT$400,000"


@pytest.mark.parametrize(
    ("argv", "chargeable", "fee"),
    [
        # 40,000 x 0.4 = 16,000 t x NT$100 (rate B, period 2)
        (["--rate", "B", "--period", "2"], "16,000.000", "NT$1,600,000"),
        # a plan at the general rate (meets neither target): 40,000 x 0.6 = 24,000 t x NT$300 (period 3)
        (["--plan", "--period", "3"], "24,000.000", "NT$7,200,000"),
        # recognised without a plan: K = 0 but the coefficient stays 1: 40,000 t x NT$300
        ([], "40,000.000", "NT$12,000,000"),
    ],
)
def test_every_coefficient_and_rate(argv, chargeable, fee):
    proc = cli("fee", "40000", "--high-leakage", *argv)
    assert proc.returncode == 0, proc.stderr
    assert f"= {chargeable} t CO2e" in _step(proc.stdout, "chargeable")
    assert _step(proc.stdout, "fee") == fee


def test_offsets_above_10_percent_are_capped_and_reported_unused():
    proc = cli("fee", "30000", "--offsets", "800")
    assert proc.returncode == 0, proc.stderr
    # chargeable 5,000 t; at most 10 % = 500 t deducted (第9條), 300 t unused; (5,000 - 500) x 300
    assert _step(proc.stdout, "offsets requested") == "800.000 t CO2e"
    assert _step(proc.stdout, "offsets allowed").startswith("500.000 t CO2e (at most 10% ")
    assert _step(proc.stdout, "offsets unused") == "300.000 t CO2e"
    assert _step(proc.stdout, "net").startswith("4,500.000 t CO2e")
    assert _step(proc.stdout, "fee") == "NT$1,350,000"
    assert "  - offsets of 300 t CO2e not used" in proc.stdout
    # below the cap every credit is used: (5,000 - 400) x 300 = 1,380,000
    under = cli("fee", "30000", "--offsets", "400t")
    assert _step(under.stdout, "offsets unused") == "0.000 t CO2e"
    assert _step(under.stdout, "fee") == "NT$1,380,000"


@pytest.mark.parametrize(
    "given", ["30000", "30,000", "30000t", "30000 t CO2e", "30kt", "30 kt", "30,000 公噸", "0.03 Mt"]
)
def test_the_emissions_are_t_co2e_or_a_mass(given):
    proc = cli("fee", given, "--json")
    assert proc.returncode == 0, (given, proc.stderr)
    data = json.loads(proc.stdout)
    assert data["annual"]["value"] == pytest.approx(30_000.0, rel=1e-12)
    assert data["fee"] == {"value": 1_500_000.0, "unit": "TWD"}  # (30,000 - 25,000) x 300


def test_json_is_the_result_with_every_step():
    proc = cli("fee", "30000", "--offsets", "800", "--year", "2025", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["year"] == 2025 and data["rules"] == "tw-carbon-fee-2025" and data["liable"] is True
    t = {key: data[key] for key in ("annual", "k", "chargeable", "offsets_requested", "offsets_allowed")}
    assert t == {
        "annual": {"value": 30000.0, "unit": "t"},
        "k": {"value": 25000.0, "unit": "t"},
        "chargeable": {"value": 5000.0, "unit": "t"},  # 30,000 - 25,000
        "offsets_requested": {"value": 800.0, "unit": "t"},
        "offsets_allowed": {"value": 500.0, "unit": "t"},  # 10 % of 5,000
    }
    assert data["offsets_unused"]["value"] == 300.0 and data["net"]["value"] == 4500.0
    assert (data["coefficient"], data["rate_class"], data["rate"]["value"]) == (1.0, "general", 300.0)
    assert data["fee"] == {"value": 1350000.0, "unit": "TWD"}  # 4,500 x 300
    assert data["due"] == "2026-05-31"
    trace = {t["name"]: (t["value"], t["source"], t["status"]) for t in data["trace"]}
    assert trace["offset_cap"] == (0.1, "moenv-carbon-fee-2024", "official")
    assert trace["rates.general"] == (300.0, "moenv-carbon-fee-rate-2024", "secondary")
    assert data["findings"] == [] and data["plant"] is None


# -- the options side by side -----------------------------------------------------------------


def _compare_rows(stdout: str) -> dict[str, list[str]]:
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("option "))
    rows = {}
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        cells = line.split()
        rows[cells[0]] = cells[1:]
    return rows


def test_compare_shows_the_six_options():
    proc = cli("fee", "--compare", "30000", "--year", "2025")
    assert proc.returncode == 0, proc.stderr
    _clean(proc)
    # K, coefficient, chargeable, rate, fee: without recognition (30,000 - 25,000) x 1 = 5,000 t;
    # high-leakage with a plan (period 1): (30,000 - 0) x 0.2 = 6,000 t
    assert _compare_rows(proc.stdout) == {
        "general": ["25,000", "1", "5,000.000", "300", "1,500,000"],  # 5,000 x 300
        "A": ["25,000", "1", "5,000.000", "50", "250,000"],  # 5,000 x 50
        "B": ["25,000", "1", "5,000.000", "100", "500,000"],  # 5,000 x 100
        "general+high-leakage": ["0", "0.2", "6,000.000", "300", "1,800,000"],  # 6,000 x 300
        "A+high-leakage": ["0", "0.2", "6,000.000", "50", "300,000"],  # 6,000 x 50
        "B+high-leakage": ["0", "0.2", "6,000.000", "100", "600,000"],  # 6,000 x 100
    }


def test_compare_takes_the_period_and_offsets():
    proc = cli("fee", "--compare", "40000", "--period", "2", "--offsets", "800")
    assert proc.returncode == 0, proc.stderr
    rows = _compare_rows(proc.stdout)
    # no recognition: 15,000 t, 800 t allowed (10 % = 1,500), (15,000 - 800) x 300 = 4,260,000
    assert rows["general"] == ["25,000", "1", "15,000.000", "800.000", "300", "4,260,000"]
    # period 2: 40,000 x 0.4 = 16,000 t, 800 t allowed, (16,000 - 800) x 50 = 760,000
    assert rows["A+high-leakage"] == ["0", "0.4", "16,000.000", "800.000", "50", "760,000"]


def test_compare_json():
    proc = cli("fee", "--compare", "30000", "--json")
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)["results"]
    assert list(results) == [
        "general",
        "A",
        "B",
        "general+high-leakage",
        "A+high-leakage",
        "B+high-leakage",
    ]
    fees = {k: r["fee"]["value"] for k, r in results.items()}
    assert fees == {
        "general": 1_500_000.0,
        "A": 250_000.0,
        "B": 500_000.0,
        "general+high-leakage": 1_800_000.0,
        "A+high-leakage": 300_000.0,
        "B+high-leakage": 600_000.0,
    }
    assert results["A+high-leakage"]["k"]["value"] == 0.0 and results["A+high-leakage"]["coefficient"] == 0.2


# -- a plant from its inventory ---------------------------------------------------------------

TJ_PER_KCAL = 4.1868e-9  # IT calorie (iso-80000-5)


def _fuel_kg(amount: float, heat_value: float, co2: float, ch4: float, n2o: float) -> float:
    """Stationary combustion [kg CO2e]: amount x heat value [kcal] x TJ/kcal x (CO2 + 28 CH4 + 265 N2O) [kg/TJ]."""
    return amount * heat_value * TJ_PER_KCAL * (co2 + 28 * ch4 + 265 * n2o)  # AR5 GWP (CH4 of combustion: 28)


# examples/fee_plant_records.csv, tw-2025 factors: heat values moenv-hv-2025 (NG1 8,067 kcal/m³,
# diesel 8,636 kcal/L), per-TJ factors moenv-2024-ef (IPCC 2006 Table 2.2: natural gas 56,100 / 1 / 0.1,
# diesel 74,100 / 3 / 0.6 kg CO2 / CH4 / N2O per TJ), grid factor moeaea-grid-2025 (產業 0.466,
# all sales 0.467 kg CO2e/kWh)
TP_DIRECT_T = (
    _fuel_kg(2_500_000, 8067, 56100, 1, 0.1)  # 2,500,000 m³ NG1 in the boilers
    + _fuel_kg(20_000, 8636, 74100, 3, 0.6)  # 20,000 L diesel, emergency generator
    + 500  # 500 kg CO2 of extinguishers, GWP 1
) / 1000
TP_ELECTRICITY_T = 62_000_000 * 0.466 / 1000  # 28,892 t
KS_ANNUAL_T = (_fuel_kg(8_000, 8636, 74100, 3, 0.6) + 18_000_000 * 0.466) / 1000


def _fee_by_hand(annual: float, k: float = 25_000, coefficient: str = "1", rate: int = 300) -> tuple[str, str]:
    """(chargeable, fee) as the CLI prints them: half-up to 3 decimals, the fee truncated (第5條)."""
    chargeable = ((Decimal(repr(annual)) - Decimal(k)) * Decimal(coefficient)).quantize(
        Decimal("0.001"), rounding=ROUND_HALF_UP
    )
    fee = (chargeable * rate).to_integral_value(rounding=ROUND_FLOOR)
    return f"{chargeable:,.3f}", f"NT${fee:,.0f}"


def test_a_plant_from_its_inventory():
    proc = cli("fee", "--inventory", PLANT_RECORDS, "--orgs", PLANT_ORGS, "--year", "2025", "--plant", "tp-plant")
    assert proc.returncode == 0, proc.stderr
    _clean(proc)
    out = proc.stdout
    assert "plant tp-plant (桃園廠): GHG inventory 2025 of examples/fee_plant_records.csv" in out
    assert "grid factor: industry" in out
    assert f"  direct emissions (scope 1)                {TP_DIRECT_T:,.3f} t CO2e" in out.splitlines()
    assert f"  electricity, location-based (scope 2)     {TP_ELECTRICITY_T:,.3f} t CO2e" in out.splitlines()
    annual = TP_DIRECT_T + TP_ELECTRICITY_T  # about 33,688 t: charged
    assert _step(out, "annual emissions").startswith(f"{annual:,.3f} t CO2e")
    chargeable, fee = _fee_by_hand(annual)
    assert _step(out, "chargeable").startswith(f"({annual:,.3f} - 25,000) x 1 = {chargeable} t CO2e")
    assert _step(out, "fee") == fee
    assert _step(out, "due").startswith("2026-05-31")
    assert "findings:" not in out  # complete, one year, the industry factor: nothing to say

    data = json.loads(
        cli("fee", "--inventory", PLANT_RECORDS, "--orgs", PLANT_ORGS, "--plant", "tp-plant", "--json").stdout
    )
    assert data["plant"] == "tp-plant" and data["year"] == 2025  # the year of the records
    assert data["annual"]["value"] == pytest.approx(annual, rel=1e-12)
    assert data["findings"] == []


def test_the_plants_of_the_tree():
    # the company (the tree's one root, the default) counts both plants: 33,688 + 8,409 t
    root = json.loads(cli("fee", "--inventory", PLANT_RECORDS, "--orgs", PLANT_ORGS, "--json").stdout)
    assert root["plant"] == "demo-mfg"
    assert root["annual"]["value"] == pytest.approx(TP_DIRECT_T + TP_ELECTRICITY_T + KS_ANNUAL_T, rel=1e-12)
    # 高雄廠 alone: 18,000,000 kWh x 0.466 + 8,000 L diesel ≈ 8,409 t: not charged
    ks = cli("fee", "--inventory", PLANT_RECORDS, "--orgs", PLANT_ORGS, "--plant", "ks-plant")
    assert ks.returncode == 0, ks.stderr
    assert _step(ks.stdout, "annual emissions").startswith(f"{KS_ANNUAL_T:,.3f} t CO2e")
    assert _step(ks.stdout, "liable").startswith("no; not charged: annual emissions")
    assert _step(ks.stdout, "fee") == "NT$0"


def test_the_inventory_options_reach_the_fee():
    proc = cli(
        "fee",
        "--inventory",
        PLANT_RECORDS,
        "--orgs",
        PLANT_ORGS,
        "--plant",
        "tp-plant",
        "--rate",
        "B",
        "--high-leakage",
        "--period",
        "2",
        "--json",
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    annual = TP_DIRECT_T + TP_ELECTRICITY_T
    chargeable, fee = _fee_by_hand(annual, k=0, coefficient="0.4", rate=100)  # K = 0, period 2, rate B
    assert f"{data['chargeable']['value']:,.3f}" == chargeable
    assert f"NT${data['fee']['value']:,.0f}" == fee


def test_the_average_grid_factor_is_computed_and_flagged():
    proc = cli(
        "fee", "--inventory", PLANT_RECORDS, "--orgs", PLANT_ORGS, "--plant", "tp-plant", "--grid-category", "average"
    )
    assert proc.returncode == 0, proc.stderr  # a warning, not an error
    electricity = 62_000_000 * 0.467 / 1000  # 28,954 t with the all-sales factor
    assert f"  electricity, location-based (scope 2)     {electricity:,.3f} t CO2e" in proc.stdout.splitlines()
    assert _step(proc.stdout, "fee") == _fee_by_hand(TP_DIRECT_T + electricity)[1]
    assert re.search(
        r"^  \[warning\] inventory\.tp-plant: electricity of 2025 was computed with the average", proc.stdout, re.M
    )


def test_an_inventory_without_records_of_the_year_exits_1():
    # the county example holds 2023 and 2024: for 2025 an empty inventory, the inventory's error finding
    proc = cli("fee", "--inventory", COUNTY_RECORDS, "--orgs", COUNTY_ORGS, "--year", "2025", "--plant", "fin")
    assert proc.returncode == 1, proc.stderr
    _clean(proc)
    assert "  [error] records: no records for 2025 (the records are of 2023, 2024)" in proc.stdout
    assert "  [warning] inventory.fin: the inventory of fin for 2025 is not complete" in proc.stdout
    assert _step(proc.stdout, "fee") == "NT$0"
    as_json = cli("fee", "--inventory", COUNTY_RECORDS, "--orgs", COUNTY_ORGS, "--year", "2025", "--json")
    assert as_json.returncode == 1
    assert [f["code"] for f in json.loads(as_json.stdout)["findings"]] == ["fee.incomplete_inventory"]


def test_an_inventory_of_2024_is_refused():
    for argv in ([], ["--year", "2024"], ["--year", "113"]):  # the records' latest year is 2024
        proc = cli("fee", "--inventory", COUNTY_RECORDS, "--orgs", COUNTY_ORGS, *argv)
        assert proc.returncode == 2
        assert proc.stdout == ""
        assert proc.stderr.strip().endswith(
            "carbonaudit: error: year 2024 is not covered by the carbon-fee rules (activity years 2025-2026): the "
            "fee of 2024 is not announced in the data; give a --year the rules cover"
        )
        _clean(proc)


def test_help_states_the_grid_factor_and_the_exit_codes():
    text = cli("fee", "--help").stdout
    assert "industry grid factor (產業) by\ndefault" in text
    assert re.search(r"^  0  the fee is computed", text, re.M)
    assert re.search(r"^  1  with --inventory: findings of error severity", text, re.M)
    assert re.search(r"^  2  refused input", text, re.M)
    assert "    fee" in cli().stdout  # in the command list


# -- refused input: exit 2, the option named, no Python call ----------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-5"], "EMISSIONS must be a finite number, 0 or more (t CO2e), got '-5'"),
        (["--", "-5t"], "EMISSIONS must be a finite number, 0 or more (t CO2e), got '-5t'"),
        (["1e400"], "EMISSIONS must be a finite number"),
        (["abc"], "EMISSIONS must be a number and its unit"),
        (["5kWh"], "EMISSIONS '5kWh' is in kWh, which is not a mass of CO2e"),
        (["30000", "--rate", "C"], "--rate must be general, A or B (the rates of moenv-carbon-fee-rate-2024), got 'C'"),
        (["30000", "--period", "4"], "--period must be 1, 2 or 3 (the periods of 第6條), got '4'"),
        (["30000", "--period", "one"], "--period must be 1, 2 or 3"),
        (["30000", "--period", "2"], "give --high-leakage with --rate A or B (or --plan), or leave --period out"),
        (["30000", "--offsets", "5kWh"], "--offsets '5kWh' is in kWh, which is not a mass of CO2e"),
        (["30000", "--offsets", "-800"], "--offsets must be a finite number, 0 or more"),
        (["30000", "--sector", "steel"], "--sector must be power (電力業), gas (燃氣供應業), manufacturing (製造業)"),
        (["30000", "--year", "2024"], "year 2024 is not covered by the carbon-fee rules (activity years 2025-2026)"),
        (["30000", "--year", "2027"], "year 2027 is not covered by the carbon-fee rules (activity years 2025-2026)"),
        (["30000", "--year", "2024"], "give a --year the rules cover"),
        ([], "give the annual emissions in t CO2e"),
        (["30000", "--plant", "tp-plant"], "--plant: only with --inventory"),
        (["--compare", "30000", "--rate", "A"], "--rate: --compare shows every rate"),
        (
            ["30000", "--inventory", PLANT_RECORDS, "--orgs", PLANT_ORGS],
            "give either EMISSIONS ('30000') or --inventory",
        ),
        (["--inventory", PLANT_RECORDS], "--inventory needs the organisations: give --orgs"),
        (["--inventory", PLANT_RECORDS, "--orgs", PLANT_ORGS, "--compare"], "--compare takes the annual emissions"),
        (
            ["--inventory", PLANT_RECORDS, "--orgs", PLANT_ORGS, "--plant", "nope"],
            "--plant 'nope' is not an organisation of examples/fee_plant_orgs.yaml (demo-mfg, tp-plant, ks-plant)",
        ),
        (["--inventory", PLANT_RECORDS, "--orgs", PLANT_ORGS, "--grid-category", "x"], "--grid-category must be"),
        (["--inventory", "missing.csv", "--orgs", PLANT_ORGS], "missing.csv"),
        (["--inventory", PLANT_RECORDS, "--orgs", PLANT_ORGS, "--year", "2026"], "give --provisional"),
    ],
)
def test_refused_input_exits_2_naming_the_option(argv, message):
    proc = cli("fee", *argv)
    assert proc.returncode == 2, (argv, proc.stdout, proc.stderr)
    assert proc.stdout == ""
    assert proc.stderr.startswith("carbonaudit: error: ")
    assert message in proc.stderr
    _clean(proc)


def test_provisional_estimates_an_inventory_after_the_newest_factor_set():
    # 2026 records are not shipped: a copy of the plant's records, dated 2026, with tw-2025's values
    records = (ROOT / PLANT_RECORDS).read_text(encoding="utf-8").replace(",2025,", ",2026,")
    orgs = (ROOT / PLANT_ORGS).read_text(encoding="utf-8").replace("2025: complete", "2026: complete")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "r.csv").write_text(records, encoding="utf-8")
        (Path(tmp) / "o.yaml").write_text(orgs, encoding="utf-8")
        proc = cli(
            "fee",
            "--inventory",
            f"{tmp}/r.csv",
            "--orgs",
            f"{tmp}/o.yaml",
            "--plant",
            "tp-plant",
            "--provisional",
            "--json",
        )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["year"] == 2026 and data["due"] == "2027-05-31"
    # tw-2025's values stand in; 2026's grid factor is 2025's (provisional): the same total
    assert data["annual"]["value"] == pytest.approx(TP_DIRECT_T + TP_ELECTRICITY_T, rel=1e-12)
    assert [f["code"] for f in data["findings"]] == ["fee.mixed_years"]
    assert not math.isnan(data["fee"]["value"])
