"""The ``carbonaudit`` command as a user types it (issue 15): run in a subprocess, exit codes and output.

Each command runs ``python -m carbonaudit`` (or the console script's own call, ``main()``) in a
fresh interpreter, with the ``carbonaudit`` under test first on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import carbonaudit
from carbonaudit import Q_, emissions
from carbonaudit._display import json_text
from carbonaudit.cli import _parser
from carbonaudit.errors import CarbonAuditError, MissingDependencyError

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(carbonaudit.__file__).resolve().parents[1]  # the carbonaudit under test
RECORDS = str(ROOT / "examples" / "inventory_records.csv")
ORGS = str(ROOT / "examples" / "inventory_orgs.yaml")

# A Python call in a line: an identifier (dotted or not) immediately followed by "(" —
# ``periods.roc_to_ad(``, ``with_overrides(``, ``Q_(``. ASCII only: "液化石油氣(LPG)" is a name, not a call.
PYTHON_CALL = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\(", re.ASCII)


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), *extra.values(), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    return env


# The installed command, as a user runs it (the console script next to this interpreter: CI installs
# the package into its venv); ``python -m carbonaudit`` where it is not installed.
SCRIPT = Path(sys.executable).parent / ("carbonaudit.exe" if os.name == "nt" else "carbonaudit")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "carbonaudit"]


def cli(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env or _env(),
        cwd=ROOT,
        check=False,
        timeout=120,
    )


# -- help and exits ---------------------------------------------------------------------------


def test_bare_command_prints_the_help_and_exits_0():
    for argv in (
        [sys.executable, "-m", "carbonaudit"],
        # what the installed `carbonaudit` script does: main() with no arguments
        [
            sys.executable,
            "-c",
            "import sys; from carbonaudit.cli import main; sys.argv[0] = 'carbonaudit'; sys.exit(main())",
        ],
    ):
        proc = subprocess.run(argv, capture_output=True, text=True, env=_env(), check=False, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith("usage: carbonaudit")
        for command in ("demo", "factors", "convert", "validate", "inventory", "schema"):
            assert f"    {command}" in proc.stdout
        assert proc.stderr == ""


def _actions(parser: argparse.ArgumentParser, name: str):  # type: ignore[no-untyped-def]
    for action in parser._actions:
        yield name, action
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:  # each subcommand's line in the main help
                yield f"{name} {choice.dest}", choice
            for sub_name, sub in action.choices.items():
                yield from _actions(sub, f"{name} {sub_name}")


def test_every_subcommand_and_argument_has_help():
    seen = list(_actions(_parser(), "carbonaudit"))
    assert len(seen) > 30  # the walk reached the subcommands' arguments
    missing = [f"{where}: {action.option_strings or action.dest}" for where, action in seen if not action.help]
    assert missing == []
    names = {where for where, _ in seen}
    assert {"carbonaudit convert", "carbonaudit validate", "carbonaudit inventory", "carbonaudit demo"} <= names


def test_validate_help_states_the_exit_codes_and_the_production_form():
    proc = cli("validate", "--help")
    assert proc.returncode == 0
    text = proc.stdout
    assert re.search(r"^  0  clean: no finding of error severity", text, re.M)
    assert re.search(r"^  1  findings of error severity$", text, re.M)
    assert re.search(r"^  2  the file cannot be read, or is not a valid declaration", text, re.M)
    assert "production declaration" in text and "production-declaration-2018" in text
    assert "non-production-form-2025" in text


def test_inventory_help_states_the_exit_codes():
    text = cli("inventory", "--help").stdout
    assert re.search(r"^  0  the inventory is computed", text, re.M)
    assert re.search(r"^  1  findings of error severity, or no records for the year$", text, re.M)
    assert re.search(r"^  2  an input that cannot be read", text, re.M)
    assert "ROC (113, 113年)" in text


def test_demo_help_says_which_documents_it_reproduces():
    text = cli("demo", "--help").stdout
    for document in ("award-form-2015", "production-declaration-2018", "non-production-form-2025"):
        assert document in text
    assert "Exits 1 if any figure disagrees" in text


def test_factors_show_without_an_id_lists_the_sets():
    proc = cli("factors", "show")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == cli("factors").stdout
    rows = proc.stdout.splitlines()
    assert rows[0].split()[:3] == ["id", "vintage", "default"]
    assert {r.split()[0] for r in rows[2:]} == {"tw-2024", "tw-2025", "ntpc-award-2015"}


# -- ROC years --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "ad", "grid", "said"),
    [
        # the grid factors [kg CO2e/kWh] of tw-grid-series (2023: 0.494, 2024: 0.474) and
        # moeaea-grid-2025 (2025: 0.467); 1,000 度 × factor = kg CO2e
        ("112", 2023, 0.494, "reading 112 as ROC year 112 = AD 2023"),
        ("113", 2024, 0.474, "reading 113 as ROC year 113 = AD 2024"),
        ("114", 2025, 0.467, "reading 114 as ROC year 114 = AD 2025"),
        ("113年", 2024, 0.474, "reading 113年 as ROC year 113 = AD 2024"),
        ("2024", 2024, 0.474, None),
    ],
)
def test_convert_reads_an_roc_year_and_says_so(given, ad, grid, said):
    proc = cli("convert", "1000", "度", "electricity", "--year", given, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["year"] == ad
    assert data["co2e"] == {"value": pytest.approx(1000 * grid, rel=1e-12), "unit": "kg"}
    assert data["factors"][0]["name"] == f"grid_factors.{ad}"
    if said is None:
        assert proc.stderr == ""  # an AD year is read as it is, without a word
    else:
        assert proc.stderr.strip() == f"carbonaudit: {said}"


@pytest.mark.parametrize(
    ("year", "set_id", "heat_value"),
    [
        # diesel's heat value [kcal/L]: 8,629 in tw-2024 (113年 statistics, tw-energy-statistics-2024),
        # 8,636 in tw-2025 (moenv-hv-2025, 114年度)
        ("113", "tw-2024", 8629.0),
        ("2024", "tw-2024", 8629.0),
        ("114", "tw-2025", 8636.0),
    ],
)
def test_convert_year_with_a_fuel_chooses_the_factor_set_of_the_year(year, set_id, heat_value):
    proc = cli("convert", "1000", "L", "柴油", "--year", year, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["factor_set"] == set_id
    assert data["factors"][0]["name"] == "heat_value" and data["factors"][0]["value"] == heat_value
    # CO2 = 1,000 L × heat value × 4.1868e-9 TJ/kcal × 74,100 kg/TJ (moenv-2024-ef, IPCC 2006 Table 2.2)
    assert data["by_gas"]["CO2"]["value"] == pytest.approx(1000 * heat_value * 4.1868e-9 * 74100, rel=1e-12)


def test_inventory_reads_an_roc_year():
    proc = cli("inventory", RECORDS, "--orgs", ORGS, "--year", "113")
    assert proc.stderr.startswith("carbonaudit: reading 113 as ROC year 113 = AD 2024\n")
    assert proc.stdout.startswith("GHG inventory 2024 ")


@pytest.mark.parametrize("year", ["500", "abc", "0", "-5", "2300", "113.5", "1911"])
def test_a_year_that_is_neither_ad_nor_roc_is_refused(year):
    proc = cli("convert", "1000", "L", "diesel", f"--year={year}")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip() == (
        f"carbonaudit: error: --year {year!r} is not a year: give an AD year 1912-2211 (e.g. --year 2024) "
        "or an ROC (民國) year 1-300 (e.g. --year 113 or --year 113年)"
    )


# -- convert: --density, --heat-value, --grid-factor ------------------------------------------


def test_convert_density_converts_a_mass_of_a_fuel_measured_by_volume():
    # award-form-2015 附表2: LPG 1.75 kg CO2 per L, and the set has no density for it
    proc = cli("convert", "1", "公噸", "LPG", "--set", "ntpc-award-2015", "--density", "0.55 kg/L", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["co2e"]["value"] == pytest.approx(1000 / 0.55 * 1.75, rel=1e-12)  # 1,000 kg ÷ 0.55 kg/L × 1.75
    assert data["factor_set"] == "ntpc-award-2015+user"
    density = next(t for t in data["factors"] if t["name"] == "density")
    assert (density["value"], density["status"]) == (0.55, "user")


def test_convert_heat_value_is_used_for_co2():
    # a fuel the set has no heat value for (次煙煤 in tw-2025): 10 t × 5,000 kcal/kg × 4.1868e-9 TJ/kcal
    # × 96,100 kg CO2/TJ (moenv-2024-ef) = 20,117.574 kg
    proc = cli("convert", "10", "t", "次煙煤", "--heat-value", "5000kcal/kg")
    assert proc.returncode == 0, proc.stderr
    assert "  CO2         20,117.574 kg" in proc.stdout.splitlines()
    assert "with factor set tw-2025+user [heat_value" in proc.stdout
    # a set with a recommended factor (附表2: diesel 2.61 kg/L): the given heat value is not left unused
    plain = json.loads(cli("convert", "1", "kL", "diesel", "--set", "ntpc-award-2015", "--json").stdout)
    assert plain["co2e"]["value"] == pytest.approx(2610.0)  # 1,000 L × 2.61
    given = json.loads(
        cli("convert", "1", "kL", "diesel", "--set", "ntpc-award-2015", "--heat-value", "8000 kcal/L", "--json").stdout
    )
    assert given["method"] == "heat_value"
    assert given["co2e"]["value"] == pytest.approx(1000 * 8000 * 4.1868e-9 * 74100, rel=1e-12)  # 2,481.935 kg


def test_convert_grid_factor_replaces_the_grid_factor_of_the_year():
    # tw-2024 has no grid factor for 2010 (its series starts in 2013): the user gives it
    proc = cli("convert", "12000", "度", "electricity", "--year", "2010", "--grid-factor", "0.5 kg/kWh")
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.splitlines()[0]
    assert "[location-based, the grid factor of 2010 (0.5 kg/kWh, from --grid-factor)]" in first
    assert "  CO2e         6,000.000 kg" in proc.stdout.splitlines()  # 12,000 kWh × 0.5 kg/kWh
    data = json.loads(
        cli("convert", "12000", "kWh", "E01", "--year", "2010", "--grid-factor", "0.5 kg/kWh", "--json").stdout
    )
    assert data["method"] == "location" and data["co2e"]["value"] == 6000.0
    assert [(t["name"], t["value"], t["status"]) for t in data["factors"]] == [("grid_factors.2010", 0.5, "user")]
    # a year is needed: the factor replaces that year's
    proc = cli("convert", "12000", "kWh", "E01", "--grid-factor", "0.5 kg/kWh")
    assert proc.returncode == 2 and "--grid-factor replaces the grid factor of a year: give the year" in proc.stderr


def test_convert_supplier_factor_is_the_market_based_result():
    proc = cli("convert", "12000", "kWh", "E01", "--year", "2025", "--supplier-factor", "0.3 kg/kWh")
    assert proc.returncode == 0, proc.stderr
    assert "[market-based, the supplier's factor 0.3 kg/kWh]" in proc.stdout.splitlines()[0]
    assert "  CO2e         3,600.000 kg" in proc.stdout.splitlines()  # 12,000 kWh × 0.3 kg/kWh
    data = json.loads(
        cli("convert", "12000", "kWh", "E01", "--year", "2025", "--supplier-factor", "0.3 kg/kWh", "--json").stdout
    )
    assert data["method"] == "market" and data["co2e"]["value"] == pytest.approx(3600.0, rel=1e-15)


def test_convert_provisional_estimates_a_year_after_the_newest_set():
    proc = cli("convert", "1000", "L", "diesel", "--year", "2030")
    assert proc.returncode == 2 and proc.stderr.rstrip().endswith("marked provisional; give --provisional")
    data = json.loads(cli("convert", "1000", "L", "diesel", "--year", "2030", "--provisional", "--json").stdout)
    # tw-2025's values stand in: 1,000 L × 8,636 kcal/L × 4.1868e-9 TJ/kcal × 74,100 kg/TJ CO2
    # (moenv-hv-2025 heat value; moenv-2024-ef per-TJ factor)
    assert data["by_gas"]["CO2"]["value"] == pytest.approx(1000 * 8636 * 4.1868e-9 * 74100, rel=1e-12)
    assert {t["status"] for t in data["factors"]} == {"provisional"}
    proc = cli("convert", "1000", "L", "diesel", "--provisional")
    assert proc.returncode == 2 and "--provisional estimates a year after the newest factor set" in proc.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["1", "L", "diesel", "--grid-factor", "0.5 kg/kWh"], "--grid-factor is electricity's factor"),
        (["1", "L", "diesel", "--supplier-factor", "0.5 kg/kWh"], "--supplier-factor is electricity's factor"),
        (["1", "kWh", "E01", "--density", "1 kg/L"], "--density is a fuel's value, and E01 is electricity"),
        (["1", "kWh", "E01", "--heat-value", "1 kcal/kWh"], "--heat-value is a fuel's value"),
        (["1", "kWh", "E01", "--year", "2024", "--gwp", "AR6"], "--gwp: for fuels only"),
        (["1", "kWh", "E01", "--year", "2024", "--use", "mobile"], "--use: for fuels only"),
        (["1", "L", "diesel", "--heat-value", "8000 kcal/L", "--method", "recommended"], "--heat-value is not used"),
        (["1", "L", "diesel", "--heat-value", "8000"], "--heat-value must be a number and its unit"),
        (["1", "L", "diesel", "--heat-value", "8000 kg"], "'8000 kg' is in kg, which is not a heat value of diesel"),
        (["1", "t", "LPG", "--density", "0.5 kg"], "'0.5 kg' is in kg, which is not a density"),
        (["1", "t", "LPG", "--density", "0 kg/L"], "--density must be greater than 0, got '0 kg/L'"),
        (["1", "kWh", "E01", "--year", "2010", "--grid-factor", "0.5 kg"], "which is not an emission factor"),
        (["1", "kWh", "E01", "--year", "2025", "--supplier-factor", "0.5 kg"], "which is not an emission factor"),
        (["1", "L", "diesel", "--heat-value", "8000 widgets"], "--heat-value '8000 widgets': unknown unit"),
    ],
)
def test_convert_refuses_an_option_it_would_not_use(argv, message):
    proc = cli("convert", *argv)
    assert proc.returncode == 2
    assert proc.stderr.startswith("carbonaudit: error: ") and message in proc.stderr


def test_a_zero_grid_factor_is_a_renewable_supply():
    data = json.loads(
        cli("convert", "100", "kWh", "E01", "--year", "2025", "--supplier-factor", "0 kg/kWh", "--json").stdout
    )
    assert data["co2e"]["value"] == 0.0


# -- no Python call in any output line --------------------------------------------------------

FAILING = [
    "convert ten L O05",
    "convert 1 widgets O05",
    "convert 1 h O05",
    "convert 1 L unobtainium",
    "convert -1 L O05",
    "convert 1 kWh E01",
    "convert 1 L diesel --year 500",
    "convert 1 L diesel --set nope",
    "convert 1 L diesel --gwp AR9",
    "convert 1 L diesel --use flying",
    "convert 1 L diesel --grid-factor 0.5kg/kWh",
    "convert 1 kWh E01 --grid-factor 0.5kg/kWh",
    "convert 1 kWh E01 --supplier-factor 0.5kg",
    "convert 1 L diesel --provisional",
    "convert 1 kWh E01 --density 1kg/L",
    "convert 1 L diesel --heat-value 7000kg",
    "convert 1 L diesel --method recommended",
    "factors show nope",
    "factors diff tw-2024",
    "factors sources x",
    "validate missing.yaml",
    "validate examples/broken_declaration.yaml",
    f"inventory missing.csv --orgs {ORGS}",
    f"inventory {RECORDS} --orgs missing.yaml",
    f"inventory {RECORDS} --orgs {ORGS} --gwp AR9",
    "schema nope",
    "nope",
    # the library's advice, given on the command line as an option (--density, --heat-value,
    # --year, --set), never as the Python call that str(error) names
    "convert 1 公噸 LPG --set ntpc-award-2015",
    "convert 10 t sub_bituminous_coal",
    "convert 1 kWh E01 --year 2010",
    "convert 1 L diesel --year 2030",
    "convert 1 kWh E01 --year 2030",
]


@pytest.mark.parametrize("command", FAILING)
def test_no_output_line_names_a_python_call(command):
    proc = cli(*command.split())
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = (proc.stdout + proc.stderr).splitlines()
    assert lines, "a failing command says why"
    assert [line for line in lines if PYTHON_CALL.search(line)] == []


def test_the_pattern_finds_python_calls():
    for line in ("use periods.roc_to_ad(113)", "fs.with_overrides(densities=...)", "Q_(1, 'kWh')"):
        assert PYTHON_CALL.search(line)
    for line in ("液化石油氣(LPG)", "--heat-value '7000 kcal/kg'", "kcal/(kg)", "see carbonaudit factors show tw-2025"):
        assert not PYTHON_CALL.search(line)


# -- the extras named where needed ------------------------------------------------------------


def test_a_missing_pandas_is_named_with_its_extra(monkeypatch):
    from carbonaudit import chiller, factors, inventory, savings
    from carbonaudit.errors import Findings

    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas -> ImportError
    tree = inventory.read_orgs(ORGS)
    records = inventory.read_records(RECORDS)
    inv = inventory.compute(tree=tree, records=records, year=2024)
    calls = {
        "Inventory.to_frame": inv.to_frame,
        "Inventory.to_csv": lambda: inv.to_csv(os.devnull),
        "EmissionResult.to_frame": emissions.emissions(Q_(1000, "L"), "diesel").to_frame,
        "FactorDiff.to_frame": factors.diff(factors.load("tw-2024"), factors.load("tw-2025")).to_frame,
        "RecognitionSplit.to_frame": savings.recognition_split(Q_(9504, "kWh"), "106/8~106/9").to_frame,
        "Findings.to_frame": Findings().to_frame,
        "emissions.frame": lambda: emissions.frame(object()),
        "savings.frame": lambda: savings.frame(object()),
        "chiller.frame": lambda: chiller.frame(object()),
        "inventory.compute_frame": lambda: inventory.compute_frame(records=object(), tree=tree, year=2024),
        "inventory.roll_up": lambda: inventory.roll_up(object(), tree),
    }
    for what, call in calls.items():
        with pytest.raises(MissingDependencyError) as caught:
            call()
        assert caught.value.message.startswith(what)
        assert caught.value.message.endswith(' needs pandas: pip install "carbonaudit[pandas]"')
        assert isinstance(caught.value, CarbonAuditError) and isinstance(caught.value, ImportError)


def test_a_missing_matplotlib_is_named_with_its_extra(monkeypatch):
    from carbonaudit import plot

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(
        MissingDependencyError, match=r'carbonaudit.plot needs matplotlib: pip install "carbonaudit\[plot\]"'
    ):
        plot.saving_rates([2024], [0.01])


def test_the_extras_named_are_those_of_pyproject():
    import tomllib

    from carbonaudit._optional import EXTRAS

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    for package, extra in EXTRAS.items():
        assert any(re.match(rf"{package}\b", requirement) for requirement in extras[extra]), (package, extra)


def test_no_module_imports_an_optional_dependency_but_through_the_helper():
    direct = re.compile(
        r"^\s*(import (pandas|matplotlib|dask|distributed|openpyxl|xlsxwriter)\b|from (pandas|matplotlib|dask|distributed|openpyxl|xlsxwriter)\b)"
    )
    found = []
    for path in sorted((SRC / "carbonaudit").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if not direct.match(line):
                continue
            before = "\n".join(lines[max(0, i - 12) : i])
            # allowed: type-checking imports, and plot's submodule imports after _require_matplotlib()
            if "TYPE_CHECKING" in before or (path.name == "plot.py" and "matplotlib" in line):
                continue
            found.append(f"{path.name}:{i + 1}: {line.strip()}")
    assert found == []


def test_the_command_line_names_the_extra_instead_of_an_internal_error(tmp_path):
    blocker = tmp_path / "no_pandas"
    blocker.mkdir()
    # a sitecustomize that makes pandas unimportable for the whole interpreter
    (blocker / "sitecustomize.py").write_text("import sys\nsys.modules['pandas'] = None\n", encoding="utf-8")
    proc = cli(
        "inventory",
        RECORDS,
        "--orgs",
        ORGS,
        "--year",
        "2024",
        "--csv",
        str(tmp_path / "out.csv"),
        env=_env(blocker=str(blocker)),
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        'carbonaudit: error: Inventory.to_csv (the register as CSV) needs pandas: pip install "carbonaudit[pandas]"'
    )
    assert "internal error" not in proc.stderr
    assert not (tmp_path / "out.csv").exists()


# -- JSON floats ------------------------------------------------------------------------------


def test_json_prints_floats_without_binary_noise_and_the_library_keeps_them():
    # CH4 of 1,000 L of diesel, tw-2024: 1,000 L × 8,629 kcal/L × 4.1868e-9 TJ/kcal × 3 kg/TJ
    # = 0.1083836916 kg exactly in decimal; float64 arithmetic gives 0.10838369160000001
    r = emissions.emissions(Q_(1000, "L"), "diesel", "tw-2024")
    assert repr(r.by_gas["CH4"].m) == "0.10838369160000001"  # the library keeps every bit
    proc = cli("convert", "1000", "L", "diesel", "--set", "tw-2024", "--json")
    assert proc.returncode == 0, proc.stderr
    assert '      "value": 0.1083836916,' in proc.stdout.splitlines()
    assert "0.10838369160000001" not in proc.stdout
    assert json.loads(proc.stdout)["by_gas"]["CH4"]["value"] == pytest.approx(r.by_gas["CH4"].m, rel=1e-15)


def test_json_text_cuts_floats_to_15_significant_digits():
    import numpy as np

    text = json_text({"a": 0.1 + 0.2, "b": [1 / 3, np.float64(2610.0), 1e-20], "c": np.int64(3), "d": True, "z": "度"})
    assert json.loads(text) == {"a": 0.3, "b": [0.333333333333333, 2610.0, 1e-20], "c": 3, "d": True, "z": "度"}
    assert text == textwrap.dedent(
        """\
        {
          "a": 0.3,
          "b": [
            0.333333333333333,
            2610.0,
            1e-20
          ],
          "c": 3,
          "d": true,
          "z": "度"
        }"""
    )


# -- the docs' first ten minutes, as typed ----------------------------------------------------


def _page_commands(page: str) -> list[list[str]]:
    text = (ROOT / page).read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("carbonaudit "):
                commands.append(shlex.split(line)[1:])
    return commands


@pytest.mark.parametrize("page", ["README.md", "docs/first-ten-minutes.md", "docs/getting-started.md"])
def test_the_pages_commands_run_as_written(page, tmp_path):
    commands = _page_commands(page)
    assert commands, f"{page} shows commands"
    for argv in commands:
        argv = [
            str(tmp_path / a) if a.endswith((".csv", ".xlsx")) and a != RECORDS and not a.startswith("examples/") else a
            for a in argv
        ]
        proc = cli(*argv)
        assert proc.returncode == 0, (argv, proc.stderr)
        assert [line for line in (proc.stdout + proc.stderr).splitlines() if PYTHON_CALL.search(line)] == []


def test_the_first_ten_minutes_commands_say_what_the_page_says():
    commands = _page_commands("docs/first-ten-minutes.md")
    assert len(commands) == 3  # convert electricity, convert diesel, validate
    electricity = cli(*commands[0])
    # 12,000 度 × 0.467 kg/kWh, 2025's grid factor (moeaea-grid-2025); 114 read as ROC
    assert "  CO2e         5,604.000 kg" in electricity.stdout.splitlines()
    assert electricity.stderr.strip() == "carbonaudit: reading 114 as ROC year 114 = AD 2025"
    diesel = cli(*commands[1])
    # 1,000 L × 8,636 kcal/L (moenv-hv-2025) × 4.1868e-9 TJ/kcal × (74,100 + 3 × 28 + 0.6 × 265) kg CO2e/TJ
    # (moenv-2024-ef per-TJ factors, AR5 GWP 28 and 265) = 2,688.035 kg, as the page's Python line
    assert "  CO2e         2,688.035 kg" in diesel.stdout.splitlines()
