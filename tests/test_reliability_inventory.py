"""Issue 12, the inventory: units checked against each record's kind, no bool or out-of-range number.

Each harness failure of ``inventory`` (``tests/test_harness.py -k inventory``) is a regression test
here: the right number worked out by hand in a comment, or the typed error whose message names the
argument, the row or the field, and the fix. The classes are closed at the models
(:class:`~carbonaudit.inventory.ActivityRecord`, :class:`~carbonaudit.inventory.Organisation`) and
at the DataFrame boundary shared by ``compute_frame`` and ``roll_up``, so every function built on
them refuses the same values.

Factor values used below (tw-2024: tw-grid-series, moenv-2024-ef, tw-inventory-tools): grid 0.474 kg CO2e/kWh (2024) and
0.494 (2023); AR5 GWPs R-410A 1,923.5, HFC-134a 1,300, CH4 28; diesel 8,629 kcal/L with 74,100 kg
CO2, 3.9 kg CH4 and 3.9 kg N2O per TJ (mobile); 1 kcal = 4.1868e-9 TJ; septic tanks 0.0000015938 t
CH4 per person-hour. award-form-2015 附表2 (ntpc-award-2015): 0.522 t CO2 per MWh (102年).
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from carbonaudit import Q_, DataFileError, FactorNotFoundError, InvalidValueError, UnitsError, factors
from carbonaudit.declaration.models import Amount
from carbonaudit.inventory import (
    ActivityRecord,
    Organisation,
    OrgTree,
    award_summary,
    compare_years,
    compute,
    compute_frame,
    mixed_units,
    read_orgs,
    read_records,
    roll_up,
)

FS = factors.load("tw-2024")  # the hand-worked figures use tw-2024 (the default until issue 14)
TJ_PER_L_DIESEL = 8629 * 4.1868e-9  # heat value [kcal/L] x TJ per kcal


def _tree() -> OrgTree:
    return OrgTree(
        [
            Organisation(id="team", name="TEAM", status={2023: "complete", 2024: "complete"}),
            Organisation(id="a", name="A", parent="team", status={2023: "complete", 2024: "complete"}),
        ]
    )


def _rec(kind: str, value: object, unit: str, **kw: object) -> ActivityRecord:
    return ActivityRecord(org="a", year=2024, kind=kind, amount={"value": value, "unit": unit}, **kw)  # type: ignore[arg-type]


def _unvalidated(kind: str, value: float, unit: str, **kw: object) -> ActivityRecord:
    """A record that skipped the model's checks (model_construct), as code bypassing validation could build."""
    amount = Amount.model_construct(value=value, unit=unit)
    return ActivityRecord.model_construct(org="a", year=2024, kind=kind, amount=amount, **kw)


# -- ActivityRecord: the amount's unit against the record's kind -------------------------------------


@pytest.mark.parametrize(
    ("kind", "unit", "fields", "words"),
    [
        # the harness reproducer: 100,000 kvar·h of "electricity" gave 47.4 t (0.474 kg/kWh)
        ("electricity", "kvar*h", {}, ["electricity", "real energy", "reactive energy"]),
        ("electricity", "kVA*h", {}, ["electricity", "real energy", "apparent energy", "power factor"]),
        ("electricity", "m", {}, ["electricity", "real energy", "got 5.0 m"]),
        ("electricity", "L", {}, ["electricity", "real energy"]),
        ("fuel", "m**2", {"fuel": "diesel"}, ["fuel", "volume, mass or heat", "got 5.0 m ** 2"]),
        ("fuel", "kvar*h", {"fuel": "diesel"}, ["fuel", "reactive energy"]),
        ("refrigerant_topup", "m", {"gas": "R-410A"}, ["refrigerant_topup", "mass"]),
        ("refrigerant_leak", "kWh", {"gas": "R-410A", "leak_rate": 0.1}, ["refrigerant_leak", "mass"]),
        ("extinguisher", "L", {"agent": "CO2"}, ["extinguisher", "mass"]),
        ("septic", "kg", {}, ["septic", "working hours"]),
        ("outsourced", "kVA*h", {}, ["outsourced", "real energy", "apparent energy"]),
        ("outsourced", "m**2", {"fuel": "diesel"}, ["outsourced", "volume, mass or heat"]),
        ("purchased_heat", "kvar*h", {"emission_factor": {"value": 0.2, "unit": "kg/kWh"}}, ["reactive energy"]),
    ],
)
def test_the_model_refuses_a_unit_its_kind_cannot_take(kind, unit, fields, words):
    # mixed_units built such records and found nothing; compute gave a number for kvar·h
    with pytest.raises(ValidationError) as info:
        _rec(kind, 5, unit, **fields)
    message = str(info.value)
    assert "amount" in message
    for w in words:
        assert w in message, message


def test_units_of_the_kind_are_accepted_with_hand_checked_numbers():
    tree = _tree()
    # 1,000 度 = 1,000 kWh x 0.474 kg/kWh = 474 kg = 0.474 t
    assert compute(tree, [_rec("electricity", 1000, "度")], FS, year=2024).total() == pytest.approx(0.474, rel=1e-12)
    # 2 MWh = 2,000 kWh x 0.474 = 948 kg
    assert compute(tree, [_rec("electricity", 2, "MWh")], FS, year=2024).total() == pytest.approx(0.948, rel=1e-12)
    # 1 kL of diesel, mobile: 1,000 L x 8,629 kcal/L x 4.1868e-9 TJ/kcal x (74,100 + 3.9 x 28 + 3.9 x 265) kg/TJ
    diesel = 1000 * TJ_PER_L_DIESEL * (74_100 + 3.9 * 28 + 3.9 * 265) / 1000
    got = compute(tree, [_rec("fuel", 1, "kL", fuel="diesel", use="mobile")], FS, gwp="AR5", year=2024).total()
    assert got == pytest.approx(diesel, rel=1e-9)
    # 0.002 t of R-410A topped up = 2 kg x 1,923.5 = 3,847 kg = 3.847 t
    got = compute(tree, [_rec("refrigerant_topup", 0.002, "t", gas="R-410A")], FS, gwp="AR5", year=2024).total()
    assert got == pytest.approx(3.847, rel=1e-12)
    # 48,000 person-hours x 0.0000015938 t CH4 x 28 = 2.1420672 t
    got = compute(tree, [_rec("septic", 48_000, "h")], FS, gwp="AR5", year=2024).total()
    assert got == pytest.approx(48_000 * 0.0000015938 * 28, rel=1e-9)
    # outsourced in tonnes with no fuel: listed qualitatively, counted 0
    assert compute(tree, [_rec("outsourced", 3, "t")], FS, year=2024).total() == 0


def test_the_models_checks_hold_in_compute_for_records_that_skipped_them():
    # compute reads every amount through the units boundary: a wrong unit never gives a number
    tree = _tree()
    with pytest.raises(UnitsError, match=r"records\[0\] \(a, electricity\): amount .*reactive energy"):
        compute(tree, [_unvalidated("electricity", 100_000, "kvar*h")], FS, year=2024)
    with pytest.raises(UnitsError, match=r"records\[0\] \(a, outsourced\): amount .*apparent energy"):
        compute(tree, [_unvalidated("outsourced", 100_000, "kVA*h")], FS, year=2024)
    with pytest.raises(UnitsError, match=r"records\[0\] \(a, refrigerant_leak\): leak_rate .*bool True"):
        compute(tree, [_unvalidated("refrigerant_leak", 100, "kg", gas="HFC-134a", leak_rate=True)], FS, year=2024)
    with pytest.raises(InvalidValueError, match=r"records\[0\] \(a, electricity\): amount is 1e\+31"):
        compute(tree, [_unvalidated("electricity", 1e31, "kWh")], FS, year=2024)


def test_compute_refuses_an_empty_gwp_instead_of_taking_the_default():
    tree = _tree()
    records = [_rec("refrigerant_topup", 2, "kg", gas="R-410A")]
    with pytest.raises(FactorNotFoundError, match=r"gwp must be one of 'AR4', 'AR5', 'AR6' .*got str ''"):
        compute(tree, records, FS, gwp="", year=2024)
    # None is the set's own (AR5): 2 kg x 1,923.5 = 3.847 t
    assert compute(tree, records, FS, gwp=None, year=2024).total() == pytest.approx(3.847, rel=1e-12)


# -- no bools, numbers in range --------------------------------------------------------------------


def test_a_bool_leak_rate_is_refused_not_taken_as_100_percent():
    # leak_rate=True gave 100 kg x 100 % x 1,300 = 130 t instead of refusing
    with pytest.raises(ValidationError, match=r"leak_rate must be a number, got the bool True"):
        _rec("refrigerant_leak", 100, "kg", gas="HFC-134a", leak_rate=True)
    with pytest.raises(ValidationError, match="leak_rate"):
        _rec("refrigerant_leak", 100, "kg", gas="HFC-134a", leak_rate=np.bool_(True))
    # a numpy float is a rate: 100 kg x 10 % x 1,300 = 13,000 kg = 13 t
    rec = _rec("refrigerant_leak", 100, "kg", gas="HFC-134a", leak_rate=np.float64(0.1))
    assert compute(_tree(), [rec], FS, gwp="AR5", year=2024).total() == pytest.approx(13.0, rel=1e-12)


@pytest.mark.parametrize(
    ("year", "words"),
    [
        (True, ["year", "bool True"]),
        (2024.0, ["year", "float 2024.0"]),
        ("2024", ["year", "str '2024'"]),
        (113, ["year", "ROC 113 is AD 2024"]),
        (10**400, ["year", "bit int"]),
    ],
)
def test_a_record_year_is_an_ad_year(year, words):
    with pytest.raises(ValidationError) as info:
        ActivityRecord(org="a", year=year, kind="electricity", amount={"value": 1, "unit": "kWh"})
    for w in words:
        assert w in str(info.value)
    # numpy integers are years (a DataFrame's int64 column)
    assert (
        ActivityRecord(org="a", year=np.int64(2024), kind="electricity", amount={"value": 1, "unit": "kWh"}).year
        == 2024
    )


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"amount": {"value": 1e31, "unit": "kWh"}}, ["amount", "1e+31", "1e+30"]),
        ({"amount": {"value": True, "unit": "kWh"}}, ["amount", "valid number"]),
        ({"supplier_factor": {"value": 0.3, "unit": "kg/(kvar*h)"}}, ["supplier_factor", "reactive", "kvar"]),
        ({"supplier_factor": {"value": -0.3, "unit": "kg/kWh"}}, ["supplier_factor", "non-negative", "-0.3"]),
        ({"supplier_factor": {"value": 0.3, "unit": "kg/L"}}, ["supplier_factor", "kg / kWh"]),
    ],
)
def test_electricity_record_numbers_and_factor_units(fields, words):
    data = {"org": "a", "year": 2024, "kind": "electricity", "amount": {"value": 1000, "unit": "kWh"}, **fields}
    with pytest.raises(ValidationError) as info:
        ActivityRecord(**data)
    for w in words:
        assert w in str(info.value), str(info.value)


def test_an_emission_factor_must_be_per_unit_of_the_amount():
    with pytest.raises(
        ValidationError, match=r"emission_factor must be kg CO2e per unit of the amount \(e\.g\. kg/t\)"
    ):
        _rec("process", 100, "t", emission_factor={"value": 250, "unit": "kg/L"})
    with pytest.raises(ValidationError, match=r"emission_factor must be a finite, non-negative number, got -250"):
        _rec("process", 100, "t", emission_factor={"value": -250, "unit": "kg/t"})
    # 100 t x 250 kg/t = 25,000 kg = 25 t
    rec = _rec("process", 100, "t", emission_factor={"value": 250, "unit": "kg/t"})
    assert compute(_tree(), [rec], FS, year=2024).total() == pytest.approx(25.0, rel=1e-12)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"staff": True}, ["staff must be a number, got the bool True"]),
        ({"vehicles": True}, ["vehicles must be a number, got the bool True"]),
        ({"staff": 10**400}, ["staff is <1329-bit int>", "1e+30"]),
        ({"vehicles": 10**400}, ["vehicles is <1329-bit int>"]),
        ({"vehicles": -1}, ["vehicles", "greater than or equal to 0"]),
        ({"status": {True: "complete"}}, ["status year must be an AD year", "bool True"]),
        ({"status": {-2024: "complete"}}, ["status year must be an AD year", "int -2024"]),
        ({"status": {10**400: "complete"}}, ["status year must be an AD year", "bit int"]),
        ({"status": {113: "complete"}}, ["status year", "ROC 113 is AD 2024"]),
        ({"status": {2024.0: "complete"}}, ["status year", "float 2024.0"]),
        ({"floor_area": {"value": -1200, "unit": "m**2"}}, ["floor_area", "non-negative", "-1200.0"]),
        ({"floor_area": {"value": 1200, "unit": "m"}}, ["floor_area", "[length] ** 2", "got m"]),
        ({"floor_area": {"value": 1e31, "unit": "m**2"}}, ["floor_area", "1e+31", "1e+30"]),
    ],
)
def test_organisation_numbers(fields, words):
    # each was accepted: staff=True counted one employee, status {True: ...} a year 1, a floor of -1,200 m²
    with pytest.raises(ValidationError) as info:
        Organisation(id="a", name="A", **fields)
    for w in words:
        assert w in str(info.value), str(info.value)


def test_organisation_numpy_numbers_and_json_round_trip():
    o = Organisation(
        id="a",
        name="A",
        staff=np.int64(12),
        vehicles=np.uint16(2),
        status={np.int32(2024): "complete"},
        floor_area={"value": 1200, "unit": "平方公尺"},
    )
    assert (o.staff, o.vehicles, o.status) == (12, 2, {2024: "complete"})
    assert type(o.staff) is int and type(next(iter(o.status))) is int
    assert Organisation.model_validate_json(o.model_dump_json()) == o  # JSON keys are text: "2024" is the year
    with pytest.raises(ValidationError, match=r"status year .*str '2024'"):
        Organisation(id="a", name="A", status={"2024": "complete"})  # in Python, a str is not a year


def test_mixed_units_never_sees_a_record_of_the_wrong_kind():
    # the harness built records in kvar·h and metres and mixed_units found nothing wrong
    with pytest.raises(ValidationError):
        mixed_units([_rec("electricity", 1, "kWh"), _rec("electricity", 1, "kvar*h")])
    # kWh and MWh of one activity: one finding
    [f] = mixed_units([_rec("electricity", 1000, "kWh"), _rec("electricity", 2, "MWh")])
    assert f.context == {"units": ["MWh", "kWh"]}


# -- files -------------------------------------------------------------------------------------------


def test_records_file_refuses_kvarh_and_short_tons(tmp_path: Path) -> None:
    path = tmp_path / "records.csv"
    path.write_text("org,year,kind,value,unit,gas\na,2024,electricity,1000,kvar*h,\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"records\.csv, line 2: value, unit: amount .*reactive energy"):
        read_records(path)
    # defect 4: 1 short ton of R-410A gave 907.18 kg x 1,923.5 = 1,744.97 t
    path.write_text("org,year,kind,value,unit,gas\na,2024,refrigerant_topup,1,ton,R-410A\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"records\.csv, line 2: .*short ton"):
        read_records(path)
    path.write_text("org,year,kind,value,unit,gas\na,2024,refrigerant_topup,1,t,R-410A\n", encoding="utf-8")
    # 1 t = 1,000 kg x 1,923.5 = 1,923,500 kg = 1,923.5 t
    assert compute(_tree(), read_records(path), FS, gwp="AR5", year=2024).total() == pytest.approx(1923.5, rel=1e-12)


def test_organisations_file_refuses_bool_counts_and_years(tmp_path: Path) -> None:
    path = tmp_path / "orgs.yaml"
    path.write_text("organisations:\n- {id: team, name: T, staff: true}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"organisations\[0\] \('team'\): staff: .*bool True"):
        read_orgs(path)
    path.write_text("organisations:\n- {id: team, name: T, status: {true: complete}}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"organisations\[0\] .*status year must be an AD year"):
        read_orgs(path)


# -- compute_frame and roll_up: every numeric cell ---------------------------------------------------


def _frame(**columns: object) -> pd.DataFrame:
    data: dict[str, object] = {"org": ["a", "a"], "year": [2024, 2024], "kind": ["electricity"] * 2}
    data.update({"value": [1000.0, 2000.0], "unit": ["kWh", "kWh"]})
    data.update(columns)
    return pd.DataFrame(data, index=[10, 11])


def _objects(*cells: object) -> pd.Series:
    return pd.Series(list(cells), dtype=object, index=[10, 11])


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        (True, ["value must be", "got True", "bool"]),
        (10**400, ["value must be", "<1329-bit int>", "float64's range"]),  # was a bare OverflowError
        (float("nan"), ["value must be a finite, non-negative number, got nan"]),
        (float("inf"), ["value must be a finite, non-negative number, got inf"]),
        (-1.0, ["value must be a finite, non-negative number, got -1.0"]),
        (1e31, ["value is 1e+31", "1e+30"]),
        ("abc", ["value must be", "'abc'", "digits only"]),
        ("2,000", ["value must be", "'2,000'", "thousands separators"]),
        (None, ["value must be a finite, non-negative number, got None"]),
        (Q_(2000, "kWh"), ["value must be", "Quantity", "plain numbers"]),
    ],
)
def test_frame_value_cells_are_refused_by_row_and_value(cell, words):
    with pytest.raises(InvalidValueError) as info:
        compute_frame(_tree(), _frame(value=_objects(1000.0, cell)), FS, year=2024)
    message = str(info.value)
    assert message.startswith("records[11]: "), message
    for w in words:
        assert w in message, message


def test_frame_bool_and_huge_columns_of_their_own_dtype():
    with pytest.raises(InvalidValueError, match=r"^records\[10\]: value must be .*got True"):
        compute_frame(_tree(), _frame(value=[True, False]), FS, year=2024)  # a bool column was 1.0 and 0.0
    with pytest.raises(InvalidValueError, match=r"^records\[11\]: year must be a whole AD year .*<1329-bit int>"):
        compute_frame(_tree(), _frame(year=_objects(2024, 10**400)), FS, year=2024)
    with pytest.raises(InvalidValueError, match=r"^records\[10\]: year must be a whole AD year .*got True"):
        compute_frame(_tree(), _frame(year=[True, True]), FS, year=2024)


def test_frame_numbers_that_mean_numbers_give_hand_checked_results():
    tree = _tree()
    # text "1000" and "2000.5" kWh: (1,000 + 2,000.5) x 0.474 / 1,000 = 1.4222370 t
    reg = compute_frame(tree, _frame(value=["1000", "2000.5"]), FS, year=2024)
    assert reg["co2e_t"].sum() == pytest.approx(3000.5 * 0.474 / 1000, rel=1e-12)
    # Decimal cells (a database's NUMERIC column) are numbers, as Quantities' Decimal magnitudes: the same
    reg = compute_frame(tree, _frame(value=_objects(Decimal("1000"), Decimal("2000.5"))), FS, year=2024)
    assert reg["co2e_t"].sum() == pytest.approx(3000.5 * 0.474 / 1000, rel=1e-12)
    # int16 kg of R-410A: 32,767 kg x 1,923.5 = 63,027,324.5 kg = 63,027.3245 t (no int16 wrap-around)
    df = pd.DataFrame(
        {"org": "a", "year": 2024, "kind": "refrigerant_topup", "gas": "R-410A", "unit": "kg"},
        index=[0],
    ).assign(value=np.array([32_767], dtype=np.int16))
    reg = compute_frame(tree, df, FS, gwp="AR5", year=2024)
    assert reg["co2e_t"].tolist() == pytest.approx([63_027.3245], rel=1e-12)
    assert roll_up(reg, tree) == pytest.approx({"a": 63_027.3245, "team": 63_027.3245}, rel=1e-12)


def test_frame_refuses_kvarh_and_overflowing_refrigerant_amounts():
    with pytest.raises(UnitsError, match=r"^records\[11\] \(a, electricity\): amount .*reactive energy"):
        compute_frame(_tree(), _frame(unit=["kWh", "kvar*h"]), FS, year=2024)
    with pytest.raises(UnitsError, match=r"^records\[11\] \(a, electricity\): amount .*apparent energy"):
        compute_frame(_tree(), _frame(unit=["kWh", "kVA*h"]), FS, year=2024)
    # 1e308 kg x 1,923.5 overflowed to inf with a RuntimeWarning
    df = pd.DataFrame({"org": ["a"], "year": [2024], "kind": ["refrigerant_topup"], "value": [1e308], "unit": ["kg"]})
    with pytest.raises(InvalidValueError, match=r"^records\[0\]: value is 1e\+308, larger than the 1e\+30"):
        compute_frame(_tree(), df.assign(gas="R-410A"), FS, year=2024)


def test_frame_key_cells_are_numbers_not_bools():
    df = pd.DataFrame(
        {
            "org": ["a"],
            "year": [2024],
            "kind": ["refrigerant_leak"],
            "value": [100.0],
            "unit": ["kg"],
            "gas": ["HFC-134a"],
        }
    )
    with pytest.raises(InvalidValueError, match=r"records\[0\] \(a\): leak_rate must be a number, got True"):
        compute_frame(_tree(), df.assign(leak_rate=pd.Series([True], dtype=object)), FS, year=2024)
    # 100 kg x 5 % x 1,300 = 6,500 kg = 6.5 t
    reg = compute_frame(_tree(), df.assign(leak_rate=[0.05]), FS, gwp="AR5", year=2024)
    assert reg["co2e_t"].tolist() == pytest.approx([6.5], rel=1e-12)
    heat = pd.DataFrame(
        {
            "org": ["a"],
            "year": [2024],
            "kind": ["process"],
            "value": [100.0],
            "unit": ["t"],
            "emission_factor_unit": ["kg/t"],
        }
    )
    with pytest.raises(InvalidValueError, match=r"emission_factor_value must be a number, got True"):
        compute_frame(_tree(), heat.assign(emission_factor_value=pd.Series([True], dtype=object)), FS, year=2024)
    supplier = _frame(supplier_factor_value=[0.3, 1e31])
    with pytest.raises(InvalidValueError, match=r"records\[11\]: supplier_factor_value must be finite, .*1e\+31"):
        compute_frame(_tree(), supplier, FS, year=2024)


def _register(*cells: object) -> pd.DataFrame:
    return pd.DataFrame(
        {"org": ["a", "a"], "scope2_method": ["location", "location"], "co2e_t": _objects(*cells)}, index=[10, 11]
    )


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        (float("nan"), ["co2e_t must be a finite, non-negative number, got nan"]),  # was summed as 0
        (float("inf"), ["co2e_t must be a finite, non-negative number, got inf"]),
        (-1.5, ["co2e_t must be a finite, non-negative number, got -1.5"]),
        (10**400, ["co2e_t must be", "<1329-bit int>"]),  # was a bare OverflowError
        (Decimal("NaN"), ["co2e_t must be a finite, non-negative number, got Decimal('NaN')"]),
        ("abc", ["co2e_t must be", "'abc'"]),  # was a bare TypeError
        (True, ["co2e_t must be", "got True", "bool"]),  # was counted 1 t
        (Q_(1.5, "kWh"), ["co2e_t must be", "Quantity"]),  # was summed as kWh
        (None, ["co2e_t must be a finite, non-negative number, got None"]),  # was 0
        (1e31, ["co2e_t is 1e+31"]),
    ],
)
def test_roll_up_refuses_co2e_cells_by_row_and_value(cell, words):
    with pytest.raises(InvalidValueError) as info:
        roll_up(_register(1.0, cell), _tree())
    message = str(info.value)
    assert message.startswith("register[11]: "), message
    for w in words:
        assert w in message, message


def test_roll_up_reads_numbers_and_names_missing_columns():
    # "1.5" t as text and 2 t as an int: a = 1.5 + 2 = 3.5 t, team = 3.5 t (a bare TypeError before)
    assert roll_up(_register("1.5", 2), _tree()) == {"a": 3.5, "team": 3.5}
    # Decimal 1.5 t + 0.25 t = 1.75 t (a bare TypeError before: float + Decimal)
    assert roll_up(_register(Decimal("1.5"), Decimal("0.25")), _tree()) == {"a": 1.75, "team": 1.75}
    # market-based rows are left out: a = 1.0 (location) only
    market = _register(1.0, 7.0).assign(scope2_method=["location", "market"])
    assert roll_up(market, _tree()) == {"a": 1.0, "team": 1.0}
    with pytest.raises(InvalidValueError, match=r"register has no 'co2e_t' column: roll_up needs org, scope2_method"):
        roll_up(_register(1.0, 2.0).drop(columns="co2e_t"), _tree())
    with pytest.raises(InvalidValueError, match="register must be a pandas DataFrame"):
        roll_up([{"org": "a"}], _tree())


# -- compare_years(threshold=...) ---------------------------------------------------------------------


def _years() -> list[ActivityRecord]:
    # 2023: 100,000 kWh x 0.494 = 49.4 t; 2024: 100,000 kWh x 0.474 = 47.4 t: a change of -2/49.4 = -4.05 %
    return [
        ActivityRecord(org="a", year=y, kind="electricity", amount={"value": 100_000, "unit": "kWh"})
        for y in (2023, 2024)
    ]


@pytest.mark.parametrize(
    ("threshold", "error", "words"),
    [
        ("0.1", UnitsError, ["threshold", "str '0.1'"]),  # '<' not supported between int and str
        (None, UnitsError, ["threshold", "None"]),
        (True, UnitsError, ["threshold", "bool True"]),
        (np.array([0.1]), InvalidValueError, ["threshold must be one fraction", "(1,)"]),
        (np.array([], dtype=float), InvalidValueError, ["threshold must be one fraction", "(0,)"]),
        (pd.Series([0.1, 0.1], index=[10, 20]), InvalidValueError, ["threshold must be one fraction", "Series"]),
        (Q_(0.1, "kWh"), UnitsError, ["threshold", "dimensionless"]),
        (float("inf"), InvalidValueError, ["threshold must be a finite fraction above 0", "got inf"]),
        (10**400, InvalidValueError, ["threshold", "401 digits"]),
        (0.0, InvalidValueError, ["threshold must be a finite fraction above 0", "got 0.0"]),
        (-0.1, InvalidValueError, ["threshold must be a finite fraction above 0", "got -0.1"]),
        (float("nan"), InvalidValueError, ["threshold must be a finite fraction above 0", "got nan"]),
    ],
)
def test_compare_years_threshold_is_a_finite_fraction_above_zero(threshold, error, words):
    with pytest.raises(error) as info:
        compare_years(_tree(), _years(), 2023, 2024, FS, threshold=threshold)
    for w in words:
        assert w in str(info.value), str(info.value)


def test_compare_years_threshold_as_a_fraction_or_percent():
    tree, records = _tree(), _years()
    # |-4.05 %| > 3 %: a finding for a; not above 5 %
    for three in (0.03, Q_(3, "percent"), np.float32(0.03), Decimal("0.03"), np.array(0.03)):
        codes = [f.path for f in compare_years(tree, records, 2023, 2024, FS, threshold=three).findings]
        assert codes == ["orgs.a"], three
    assert compare_years(tree, records, 2023, 2024, FS, threshold=Q_(5, "percent")).findings == ()
    change = compare_years(tree, records, 2023, 2024, FS).change()
    assert change == pytest.approx((47.4 - 49.4) / 49.4, rel=1e-12)


# -- award_summary -----------------------------------------------------------------------------------


def test_award_summary_refuses_keys_that_are_not_energies_as_str():
    # a key 1000 was a bare TypeError from sorting the keys
    for this, last, name in (
        (
            {"electricity": Q_(950, "MWh"), 1000: Q_(9, "t")},
            {"electricity": Q_(1000, "MWh"), "fuel_coal": Q_(10, "t")},
            "this_year",
        ),
        ({"electricity": Q_(950, "MWh")}, {"electricity": Q_(1000, "MWh"), 1000: Q_(10, "t")}, "last_year"),
    ):
        with pytest.raises(
            InvalidValueError, match=rf"^{name} has the key 1000 \(int\): the keys are energies, as str"
        ):
            award_summary(this, last)
    with pytest.raises(InvalidValueError, match="this_year must be a mapping"):
        award_summary([("electricity", Q_(950, "MWh"))], {"electricity": Q_(1000, "MWh")})  # type: ignore[arg-type]


_LAST = [100.0] * 5 + [200.0] * 4 + [100.0] * 3  # MWh, June-September 200 each
_THIS = [100.0] * 5 + [180.0, 190.0, 190.0, 180.0] + [100.0] * 3


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf"), -100.0])
@pytest.mark.parametrize("which", [0, 1])
def test_award_summary_checks_all_twelve_summer_months(bad, which):
    # a NaN or negative December (not a summer month) was accepted: the year is one series
    months = [list(_THIS), list(_LAST)]
    months[which][11] = bad
    summer = (Q_(np.array(months[0]), "MWh"), Q_(np.array(months[1]), "MWh"))
    with pytest.raises(InvalidValueError, match=rf"^summer\[{which}\]\[11\] must be a finite, non-negative number"):
        award_summary({}, {}, summer=summer)


def test_award_summary_summer_messages_name_summer():
    use = ({"electricity": Q_(950, "MWh")}, {"electricity": Q_(1000, "MWh")})
    huge = Q_(np.full(12, 1e308), "kWh")  # named this_year (rates' argument), not summer
    with pytest.raises(InvalidValueError, match=r"^summer\[0\]\[0\] is 1e\+305, larger in magnitude than the 1e\+30"):
        award_summary(*use, summer=(huge, Q_(np.array(_LAST), "MWh")))
    with pytest.raises(InvalidValueError, match=r"^summer\[1\] must hold the 12 months of a year, got 11 values"):
        award_summary(*use, summer=(Q_(np.array(_THIS), "MWh"), Q_(np.array(_LAST[:11]), "MWh")))
    with pytest.raises(InvalidValueError, match=r"^summer must be a pair"):
        award_summary(*use, summer=Q_(np.array(_THIS), "MWh"))  # type: ignore[arg-type]
    with pytest.raises(UnitsError, match=r"summer\[0\] must be real energy .*reactive"):
        award_summary(*use, summer=(Q_(np.array(_THIS), "kvar*h"), Q_(np.array(_LAST), "MWh")))
    # valid: June-September 740 vs 800 MWh: C = 60 MWh, F = 60 / 800 = 7.5 %, E = 60 x 0.522 = 31.32 t
    summer = award_summary(*use, summer=(Q_(np.array(_THIS) * 1000, "kWh"), Q_(np.array(_LAST), "MWh")))[-1]
    assert summer.energy == "summer_electricity"
    assert summer.saving.m_as("MWh") == pytest.approx(60.0, rel=1e-12)
    assert summer.share == pytest.approx(0.075, rel=1e-12)
    assert summer.co2_reduction.m_as("t") == pytest.approx(31.32, rel=1e-12)


def test_cli_inventory_names_the_row_of_a_kvarh_record(tmp_path: Path) -> None:
    from carbonaudit.cli import main

    examples = Path(__file__).resolve().parents[1] / "examples"
    records = tmp_path / "records.csv"
    records.write_text("org,year,kind,value,unit\nfin,2024,electricity,1000,kvar*h\n", encoding="utf-8")
    out = io.StringIO()
    # exit 2, bad input: no inventory is printed for it
    assert main(["inventory", str(records), "--orgs", str(examples / "inventory_orgs.yaml"), "--json"], out) == 2
    assert "t_co2e" not in out.getvalue()


def test_records_must_be_activity_records():
    # a dict among the records was a bare AttributeError ('dict' object has no attribute 'year')
    raw = {"org": "a", "year": 2024, "kind": "electricity", "amount": {"value": 1, "unit": "kWh"}}
    with pytest.raises(InvalidValueError, match=r"^records\[1\] must be an ActivityRecord, got dict"):
        compute(_tree(), [_rec("electricity", 1, "kWh"), raw], FS, year=2024)  # type: ignore[list-item]
    with pytest.raises(InvalidValueError, match=r"^records\[0\] must be an ActivityRecord, got dict"):
        mixed_units([raw])  # type: ignore[list-item]
