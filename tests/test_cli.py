"""The ``carbonaudit`` command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from carbonaudit.cli import main
from carbonaudit.errors import FactorNotFoundError


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def test_demo_reproduces_every_published_figure():
    status, text = run("demo")
    assert status == 0
    assert "NO" not in text.split()
    # figures from award-form-2015 附表2 and production-declaration-2018 表十 appear with their computed twins
    for figure in ("2.61", "2.26", "1.88", "2.53", "1.75", "278.34", "152.346", "0.23650192"):
        assert text.count(figure) >= 2, figure
    from carbonaudit._demo import CASES

    assert len(CASES) >= 24
    assert f"{len(CASES)} of {len(CASES)} published figures reproduced" in text
    for figure in (
        "17,095.8",
        "37,300",
        "9,847.2",
        "29,840",
        "2,376 / 7,128",
        "4,210",
        "815,051",
        "0.16 / 1.42 / 1.19",
        "0.16 / 0.81 / 0.94",
        "1.01 / 1.16 / 1.09 / 1.00",
        "204.87 / 129.89 / 109.36",
    ):
        assert text.count(figure) >= 2, figure


def test_factors_list_and_show():
    status, text = run("factors")
    assert status == 0 and "tw-2024" in text and "ntpc-award-2015" in text
    status, text = run("factors", "show", "ntpc-award-2015")
    assert status == 0
    assert "柴油" in text and "8400 kcal/L" in text and "2013: 0.522" in text


def test_factors_show_gives_2025_by_category():
    status, text = run("factors", "show", "tw-2025")
    assert status == 0
    assert "2025: 0.467 kg/kWh (official; industry 0.466; residential 0.471)" in text  # moeaea-grid-2025
    assert "2024: 0.474 kg/kWh (secondary)," in text
    sources = text[text.index("sources (") :].splitlines()
    assert any(line.startswith("moenv-hv-2025 ") and "114年度車用汽油、柴油、液化石油氣及天然氣之熱值 (2026-02-10)" in line for line in sources)
    assert any(line.startswith("moenv-2024-ef ") and line.rstrip().endswith("環部授氣字第1139101231號") for line in sources)
    assert any(line.startswith("award-form-2015 ") for line in sources)  # its 102年 (2013) grid factor
    assert not any(line.startswith("tw-energy-handbook-2010 ") for line in sources)  # the award set's heat values


def test_factors_diff_of_2024_and_2025():
    # the 114年 heat values (moenv-hv-2025) and the 2025 grid factors (moeaea-grid-2025)
    status, text = run("factors", "diff", "tw-2024", "tw-2025")
    assert status == 0
    lines = text.splitlines()
    assert (
        "  changed  fuels.diesel.heat_value: 8629 kcal/L (secondary; tw-energy-statistics-2024) -> "
        "8636 kcal/L (official; moenv-hv-2025) [value, source, status]"
    ) in lines
    assert "  added    grid_factors.2025: - -> 0.467 kg/kWh (official; moeaea-grid-2025)" in lines
    assert "  added    grid_factor_categories.2025.industry: - -> 0.466 kg/kWh (official; moeaea-grid-2025)" in lines
    assert "  added    fuels.lpg.heat_value_per_mass: - -> 10972 kcal/kg (official; moenv-hv-2025)" in lines
    assert not [line for line in lines if "grid_factors.2024" in line]  # 2024's figure is in both, unchanged


def test_factors_sources_lists_the_registry():
    status, text = run("factors", "sources")
    assert status == 0
    row = next(line for line in text.splitlines() if line.startswith("moenv-2024-ef "))
    for cell in ("環境部 (Ministry of Environment)", "公告「溫室氣體排放係數」", "2024-02-05", "環部授氣字第1139101231號"):
        assert cell in row
    assert any(line.startswith("award-form-2015 ") for line in text.splitlines())


def test_factors_diff_prints_each_changed_value():
    # the award form's set against the 2024 set: diesel's heat value 8,629 kcal/L (113年 statistics)
    # against 8,400 (能源統計手冊 2010, printed in 附表2 註1)
    status, text = run("factors", "diff", "tw-2024", "ntpc-award-2015")
    assert status == 0
    assert text.splitlines()[0] == "tw-2024 -> ntpc-award-2015"
    assert (
        "  changed  fuels.diesel.heat_value: 8629 kcal/L (secondary; tw-energy-statistics-2024) -> "
        "8400 kcal/L (official; tw-energy-handbook-2010, 能源產品單位熱值表) [value, source, table, status]"
    ) in text.splitlines()
    assert "  removed  grid_factors.2024: 0.474 kg/kWh (secondary; tw-grid-series) -> -" in text.splitlines()
    status, text = run("factors", "diff", "tw-2024", "tw-2024")
    assert (status, text.strip()) == (0, "tw-2024 and tw-2024 hold the same values")


def test_convert_json_has_the_factor_trace():
    status, text = run("convert", "1,000", "L", "O05", "--set", "ntpc-award-2015", "--json")
    assert status == 0
    data = json.loads(text)
    assert data["co2e"] == {"value": 2610.0, "unit": "kg"}  # 1,000 L x 2.61 kg/L (附表2)
    assert data["factors"][0]["name"] == "recommended"
    assert "附表2" in data["factors"][0]["citation"]


def test_convert_text_and_chinese_units():
    status, text = run("convert", "1", "公秉", "柴油", "--set", "ntpc-award-2015", "--method", "heat_value")
    assert status == 0
    assert "2,606.032" in text  # 1 kL x 8,400 kcal/L x 4.1868e-9 TJ/kcal x 74,100 kg/TJ
    status, text = run("convert", "1000", "度", "E01", "--year", "2024")
    assert status == 0 and "474.000" in text  # 1,000 kWh x 0.474 kg/kWh


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["convert", "1", "公噸", "LPG", "--set", "ntpc-award-2015"], ["density", "lpg"]),
        (["convert", "ten", "L", "O05"], ["QUANTITY", "'ten'"]),
        (["convert", "1", "widgets", "O05"], ["widgets"]),
        (["convert", "1", "h", "O05"], ["amount", "[time]"]),
        (["convert", "1", "L", "unobtainium"], ["unobtainium"]),
        (["convert", "-1", "L", "O05"], ["amount", "-1"]),
        (["factors", "show", "nope"], ["nope"]),
        (["factors", "diff", "tw-2024"], ["usage", "diff ID ID", "'diff tw-2024'"]),
        (["factors", "diff", "tw-2024", "nope"], ["nope"]),
        (["factors", "sources", "tw-2024"], ["usage", "'sources tw-2024'"]),
        (["convert", "1", "kWh", "E01"], ["year"]),
    ],
)
def test_errors_are_one_line_without_traceback(argv, words, capsys):
    status, _ = run(*argv)
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("carbonaudit: error: ")
    assert "Traceback" not in err
    for w in words:
        assert w in err


def test_python_dash_m_entry_point():
    proc = subprocess.run(
        [sys.executable, "-m", "carbonaudit", "convert", "1", "L", "nope"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("carbonaudit: error:") and "Traceback" not in proc.stderr


def test_an_error_gives_its_python_fix_in_python_and_its_cli_fix_on_the_command_line():
    import pickle

    from carbonaudit.errors import CarbonAuditError, UnitsError

    e = UnitsError("amount must be a Quantity", python="give Q_(1, 'kWh')", cli="give the unit after the number")
    assert str(e) == "amount must be a Quantity; give Q_(1, 'kWh')"
    assert e.for_cli() == "amount must be a Quantity; give the unit after the number"
    back = pickle.loads(pickle.dumps(e))  # dask carries errors between processes
    assert type(back) is UnitsError
    assert (str(back), back.for_cli()) == (str(e), e.for_cli())
    # without a python fix, str() is the message alone; without a cli fix, the CLI drops the python one
    assert str(CarbonAuditError("bad", cli="--x")) == "bad"
    assert CarbonAuditError("bad", python="call f()").for_cli() == "bad"
    assert CarbonAuditError("plain").args == ("plain",)


def test_an_error_given_its_record_keeps_both_fixes():
    from carbonaudit import inventory

    tree = inventory.read_orgs("examples/inventory_orgs.yaml")
    # 焦炭 (coke) is only in the award form's set (award-form-2015 附表2), not in tw-2025
    r = inventory.ActivityRecord(
        org="fin", year=2025, kind="fuel", amount={"value": 10, "unit": "t"}, fuel="焦炭", use="stationary"
    )
    with pytest.raises(FactorNotFoundError) as e:
        inventory.compute(tree, [r], year=2025)
    head = "records[0] (fin, fuel): fuel '焦炭' is not in factor set 'tw-2025'; the shipped set 'ntpc-award-2015'"
    assert str(e.value).startswith(head) and str(e.value).endswith("; pass factor_set='ntpc-award-2015'")
    assert e.value.for_cli().startswith(head) and e.value.for_cli().endswith("; give --set ntpc-award-2015")
    assert type(e.value.within("x: ")) is type(e.value)
