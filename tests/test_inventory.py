"""GHG inventory (government-inventory; moenv-2024-ef): hand-checked totals, properties, bad input."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError

from carbonaudit import FactorNotFoundError, InvalidValueError, UnitsError, factors
from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compute

FS = factors.load("tw-2024")  # the hand-worked figures use tw-2024 (the default until issue 14)
FS_AMOUNT = {"value": 2, "unit": "kg/L"}  # an explicit process factor: 1 L x 2 kg/L = 2 kg
TJ_PER_L_DIESEL = 8629 * 4.1868e-9  # heat value x TJ per kcal


def org(i, parent=None, **kw):  # type: ignore[no-untyped-def]
    return Organisation(id=i, name=i.upper(), parent=parent, status={2024: "complete"}, **kw)


def rec(o, kind, value, unit, **kw):  # type: ignore[no-untyped-def]
    return ActivityRecord(org=o, year=2024, kind=kind, amount={"value": value, "unit": unit}, **kw)


@pytest.fixture
def tree() -> OrgTree:
    # 盤查小組 -> 一級機關 a -> 二級機關 b, c
    return OrgTree([org("team"), org("a", "team"), org("b", "a"), org("c", "a", vehicles=2)])


@pytest.fixture
def records():  # type: ignore[no-untyped-def]
    return [
        rec("a", "electricity", 100_000, "kWh"),
        rec("b", "electricity", 50_000, "kWh", supplier_factor={"value": 0.3, "unit": "kg/kWh"}),
        rec("c", "electricity", 10_000, "kWh"),
        rec("c", "fuel", 1_000, "L", fuel="diesel", use="mobile"),
        rec("b", "refrigerant_topup", 2, "kg", gas="R-410A"),
        rec("a", "refrigerant_leak", 100, "kg", gas="HFC-134a", equipment_class="chillers"),
        rec("a", "extinguisher", 10, "kg", agent="CO2"),
        rec("b", "extinguisher", 5, "kg", agent="dry_chemical"),
    ]


def test_hand_checked_totals(tree, records):
    inv = compute(tree, records, FS, gwp="AR5", year=2024)
    # scope 2, location: (100,000 + 50,000 + 10,000) kWh x 0.474 kg/kWh = 75,840 kg
    assert inv.by_scope()[2] == pytest.approx(75.840)
    # diesel, mobile: 1,000 L x 8,629 kcal/L x 4.1868e-9 TJ/kcal = 0.036128 TJ;
    # CO2 74,100, CH4 3.9 x 28, N2O 3.9 x 265 kg/TJ
    diesel = 1000 * TJ_PER_L_DIESEL * (74100 + 3.9 * 28 + 3.9 * 265)
    r410a = 2 * 1923.5  # top-up mass x AR5 GWP (form template)
    leak = 100 * (0.02 + 0.15) / 2 * 1300  # charge x midpoint of 2-15 % x HFC-134a
    co2_ext = 10  # a CO2 extinguisher's refill is CO2
    assert inv.by_scope()[1] == pytest.approx((diesel + r410a + leak + co2_ext) / 1000)
    assert inv.total() == pytest.approx((75_840 + diesel + r410a + leak + co2_ext) / 1000)
    # by gas: CO2 = diesel CO2 + the extinguisher
    assert inv.by_gas()["CO2"] == pytest.approx((1000 * TJ_PER_L_DIESEL * 74100 + 10) / 1000)
    assert inv.by_gas()["none"] == 0  # dry chemical: stated, counted zero
    # by organisation, own and rolled up
    own = inv.own()
    assert own["c"] == pytest.approx((10_000 * 0.474 + diesel) / 1000)
    assert own["b"] == pytest.approx((50_000 * 0.474 + r410a) / 1000)
    assert inv.rolled_up()["a"] == pytest.approx(own["a"] + own["b"] + own["c"])
    assert inv.rolled_up()["team"] == pytest.approx(inv.total())
    # market-based scope 2 reported beside the location-based: 50,000 kWh x 0.3 kg/kWh
    assert inv.scope2_market() == pytest.approx(15.0)
    assert inv.by_category()["transport"] == pytest.approx(diesel / 1000)
    assert all(line.factors or line.gas == "none" for line in inv.lines)


@pytest.mark.parametrize(("report", "ch4", "r410a"), [("AR4", 25, 2088), ("AR6", 27.9, 2255.5)])
def test_gwp_switch_changes_only_non_co2_ar4_ar6(tree, records, report, ch4, r410a):
    ar5 = compute(tree, records, FS, gwp="AR5", year=2024).by_gas()
    other = compute(tree, records, FS, gwp=report, year=2024).by_gas()
    assert other["CO2"] == ar5["CO2"] and other["CO2e"] == ar5["CO2e"]
    assert other["R-410A"] == pytest.approx(2 * r410a / 1000)
    assert other["CH4"] == pytest.approx(ar5["CH4"] * ch4 / 28)


def test_gwp_switch_changes_only_non_co2(tree, records):
    ar5 = compute(tree, records, FS, gwp="AR5", year=2024).by_gas()
    ar6 = compute(tree, records, FS, gwp="AR6", year=2024).by_gas()
    assert ar5["CO2"] == ar6["CO2"] and ar5["CO2e"] == ar6["CO2e"]
    # R-410A: AR6 computed from components, 2,255.5 (vs 1,923.5)
    assert ar6["R-410A"] == pytest.approx(2 * 2255.5 / 1000)
    assert ar6["CH4"] == pytest.approx(ar5["CH4"] * 27.9 / 28)


def test_status_and_completeness_findings():
    tree = OrgTree(
        [
            org("team"),
            org("a", "team"),
            Organisation(id="b", name="B", parent="a", status={2024: "in_progress"}, vehicles=3),
        ]
    )
    inv = compute(tree, [rec("b", "electricity", 1000, "kWh")], FS, year=2024)
    codes = {(f.code, f.path) for f in inv.findings}
    assert ("inventory.incomplete", "orgs.b.status") in codes  # flagged with its share, not zero
    assert ("inventory.no_electricity", "orgs.a") in codes  # complete but no electricity
    assert ("inventory.fleet_without_fuel", "orgs.b.vehicles") in codes
    [f] = [f for f in inv.findings if f.code == "inventory.incomplete"]
    assert f.context["share"] == 1.0


def test_septic_tank_ch4():
    tree = OrgTree([org("team"), org("a", "team")])
    inv = compute(tree, [rec("a", "septic", 48_000, "h")], FS, year=2024)  # 20 staff x 2,400 h
    # 48,000 person-hours x 0.0000015938 t CH4 x 28
    assert inv.by_gas()["CH4"] == pytest.approx(48_000 * 0.0000015938 * 28)


@pytest.mark.parametrize(
    ("records", "error", "word"),
    [
        ([rec("a", "refrigerant_topup", 1, "kg", gas="R-999")], FactorNotFoundError, "R-999"),
        ([rec("zzz", "electricity", 1, "kWh")], InvalidValueError, "zzz"),
        (
            [ActivityRecord(org="a", year=2030, kind="electricity", amount={"value": 1, "unit": "kWh"})],
            FactorNotFoundError,
            "2030",
        ),
        ([rec("a", "extinguisher", 1, "kg", agent="water")], FactorNotFoundError, "water"),
        (
            [rec("a", "refrigerant_leak", 1, "kg", gas="R-410A", equipment_class="spaceship")],
            FactorNotFoundError,
            "spaceship",
        ),
    ],
)
def test_bad_input(records, error, word):
    tree = OrgTree([org("team"), org("a", "team")])
    year = records[0].year
    with pytest.raises(error) as info:
        compute(tree, records, FS, year=year)
    assert word in str(info.value) and "records[0]" in str(info.value)


def test_bad_trees_and_records():
    with pytest.raises(InvalidValueError, match="cycle"):
        OrgTree([org("team"), Organisation(id="a", name="A", parent="b"), Organisation(id="b", name="B", parent="a")])
    with pytest.raises(InvalidValueError, match="twice"):
        OrgTree([org("team"), org("team")])
    with pytest.raises(InvalidValueError, match="parent 'x'"):
        OrgTree([org("team"), org("a", "x")])
    with pytest.raises(ValidationError, match="negative"):
        rec("a", "electricity", -5, "kWh")


# -- properties ------------------------------------------------------------------------------------


# A small organisation tree and up to 30 records of four kinds, drawn by hypothesis so that a failure
# shrinks to the fewest and smallest records. A record is drawn as (organisation index, kind and
# amount), made an ActivityRecord of the drawn tree; the strategies are built once, here.
_PARENTS = st.lists(st.integers(0, 11), min_size=1, max_size=12)  # o{i}'s parent: one of the i + 1 before it
_RECORD_PICK = st.tuples(
    st.integers(0, 12),  # the organisation, modulo their number
    st.one_of(
        st.tuples(st.just("electricity"), st.floats(0, 1e5)),
        st.tuples(st.just("fuel"), st.floats(0, 1e3), st.sampled_from(["mobile", "stationary"])),
        st.tuples(st.just("refrigerant_topup"), st.floats(0, 5)),
        st.tuples(st.just("extinguisher"), st.floats(0, 20)),
    ),
)
_RECORD_PICKS = {n: st.lists(_RECORD_PICK, min_size=n, max_size=30) for n in (0, 1)}


def _record(o, pick):  # type: ignore[no-untyped-def]
    kind, value, *rest = pick
    if kind == "electricity":
        return rec(o, kind, value, "kWh")
    if kind == "fuel":
        return rec(o, kind, value, "L", fuel="diesel", use=rest[0])
    if kind == "refrigerant_topup":
        return rec(o, kind, value, "kg", gas="R-410A")
    return rec(o, kind, value, "kg", agent="CO2")


@st.composite
def _cases(draw, min_records=0):  # type: ignore[no-untyped-def]
    """(organisations, records): a tree under "team" and records of its organisations."""
    orgs = [org("team")]
    for i, parent in enumerate(draw(_PARENTS)):
        orgs.append(org(f"o{i}", orgs[parent % (i + 1)].id))
    picks = draw(_RECORD_PICKS[min_records])
    return orgs, [_record(orgs[o % len(orgs)].id, pick) for o, pick in picks]


@given(_cases(), st.randoms(use_true_random=False))
def test_rollup_equals_sum_of_own_and_order_does_not_matter(case, rng):
    orgs, records = case
    inv = compute(OrgTree(orgs), records, FS, year=2024)
    own = inv.own()
    for o in orgs:
        below = OrgTree(orgs).descendants(o.id)
        assert inv.rolled_up()[o.id] == pytest.approx(sum(own[d.id] for d in below), abs=1e-12)
    assert inv.rolled_up()["team"] == pytest.approx(inv.total(), abs=1e-12)
    assert all(v >= 0 for v in own.values())
    shuffled_records = records[:]
    rng.shuffle(shuffled_records)
    shuffled_orgs = orgs[:]
    rng.shuffle(shuffled_orgs)
    again = compute(OrgTree(shuffled_orgs), shuffled_records, FS, year=2024)
    assert again.total() == pytest.approx(inv.total(), rel=1e-12, abs=1e-12)
    assert again.own() == pytest.approx(own, rel=1e-12, abs=1e-12)


@given(_cases(min_records=1), st.floats(0, 1))
def test_splitting_a_record_or_adding_zero_changes_nothing(case, share):
    orgs, records = case  # at least one record: the one split
    first = records[0]
    a = first.model_copy(update={"amount": first.amount.model_copy(update={"value": first.amount.value * share})})
    b = first.model_copy(update={"amount": first.amount.model_copy(update={"value": first.amount.value * (1 - share)})})
    zero = first.model_copy(update={"amount": first.amount.model_copy(update={"value": 0.0})})
    tree = OrgTree(orgs)
    base = compute(tree, records, FS, year=2024)
    split = compute(tree, [a, b, *records[1:], zero], FS, year=2024)
    assert split.total() == pytest.approx(base.total(), rel=1e-9, abs=1e-9)
    assert split.by_gas() == pytest.approx(base.by_gas(), rel=1e-9, abs=1e-9)


# -- example data, register, CLI -------------------------------------------------------------------

import io  # noqa: E402
import json  # noqa: E402
from pathlib import Path  # noqa: E402

from carbonaudit import DataFileError  # noqa: E402
from carbonaudit.cli import main  # noqa: E402
from carbonaudit.inventory import read_orgs, read_records  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_county_example_and_register(tmp_path):
    tree = read_orgs(EXAMPLES / "inventory_orgs.yaml")
    records = read_records(EXAMPLES / "inventory_records.csv")
    assert len(tree) == 31 and {len(tree.descendants(r.id)) for r in tree.roots()} == {31}
    inv = compute(tree, records, year=2024)
    frame = inv.to_frame()
    assert list(frame.columns)[:4] == ["org", "org_name", "record", "scope"]
    # the register's rows add up to the totals (market-based rows kept apart)
    counted = frame[frame["scope2_method"] != "market"]
    assert counted["co2e_t"].sum() == pytest.approx(inv.total())
    assert counted.groupby("scope")["co2e_t"].sum().to_dict() == pytest.approx(inv.by_scope())
    assert (frame["factor_ids"] != "").all() or (frame.loc[frame["factor_ids"] == "", "co2e_t"] == 0).all()
    path = tmp_path / "register.csv"
    inv.to_csv(path)
    assert path.read_text(encoding="utf-8").splitlines()[0].startswith("org,org_name,scope,iso_category,scope2_method")
    # the register: one row per organisation x source x gas, summing to the same totals
    register = inv.register()
    assert not register.duplicated(["org", "source", "gas", "scope2_method"]).any()
    assert register.loc[register["scope2_method"] != "market", "co2e_t"].sum() == pytest.approx(inv.total())
    counted_register = register[register["scope2_method"] != "market"]
    assert counted_register.groupby("sector")["co2e_t"].sum().to_dict() == pytest.approx(inv.by_sector())
    # the example's 財政處 buys electricity with a supplier factor: market-based scope 2 is reported beside
    # 326,844 kWh (examples/inventory_records.csv) x 0.3 kg/kWh supplier factor = 98.0532 t
    assert inv.scope2_market() == pytest.approx(326_844 * 0.3 / 1000, rel=1e-12)
    # ... and location-based at the 2024 grid factor (113年 0.474 kg/kWh): 326,844 x 0.474 / 1000 = 154.924056 t
    fin = frame[(frame["org"] == "fin") & (frame["scope2_method"] == "location") & (frame["scope"] == 2)]
    assert fin["co2e_t"].sum() == pytest.approx(326_844 * 0.474 / 1000, rel=1e-12)
    assert register.loc[register["scope2_method"] == "market", "co2e_t"].sum() == pytest.approx(inv.scope2_market())
    statuses = {o.status.get(2024) for o in tree}
    assert {"complete", "in_progress", "not_started"} <= statuses
    assert any(f.code == "inventory.incomplete" for f in inv.findings)


def test_cli_inventory():
    out = io.StringIO()
    argv = [
        "inventory",
        str(EXAMPLES / "inventory_records.csv"),
        "--orgs",
        str(EXAMPLES / "inventory_orgs.yaml"),
        "--year",
        "2024",
        "--json",
    ]
    assert main(argv, out) == 0
    data = json.loads(out.getvalue())
    assert data["rolled_up_t_co2e"]["county"] == pytest.approx(data["summary_t_co2e"]["total (location-based)"])
    out = io.StringIO()
    assert main(argv[:-1], out) == 0 and "total (location-based)" in out.getvalue()


def test_bad_csv_row_names_the_row(tmp_path):
    bad = tmp_path / "records.csv"
    bad.write_text("org,year,kind,value,unit\na,2024,electricity,-5,kWh\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"records\.csv, line 2: value, unit: amount must not be negative"):
        read_records(bad)
    assert main(["inventory", str(bad), "--orgs", str(EXAMPLES / "inventory_orgs.yaml")], io.StringIO()) == 2


def test_files_that_are_not_utf8_name_the_file(tmp_path):
    # an Excel export in Big5 (CP950): a DataFileError naming the file, not a UnicodeDecodeError
    records = tmp_path / "records.csv"
    records.write_bytes("org,year,kind,value,unit,note\na,2024,electricity,1,kWh,電費單\n".encode("big5"))
    with pytest.raises(DataFileError, match=r"cannot read records .*records\.csv: it must be UTF-8.*line 2"):
        read_records(records)
    orgs = tmp_path / "orgs.yaml"
    orgs.write_bytes("organisations:\n- {id: team, name: 盤查小組}\n".encode("big5"))
    with pytest.raises(DataFileError, match=r"cannot read organisations file .*orgs\.yaml: it must be UTF-8.*line 2"):
        read_orgs(orgs)


def test_organisations_file_errors_say_organisations_file(tmp_path):
    with pytest.raises(DataFileError, match=r"cannot read organisations file .*missing\.yaml") as info:
        read_orgs(tmp_path / "missing.yaml")
    assert "declaration" not in str(info.value)
    listed = tmp_path / "orgs.yaml"
    listed.write_text("- {id: team, name: 盤查小組}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"orgs\.yaml: an organisations file must be a YAML mapping, got list"):
        read_orgs(listed)
    # the shared loader keeps its wording for declarations
    from carbonaudit.declaration.io import load_yaml

    with pytest.raises(DataFileError, match=r"cannot read declaration .*missing\.yaml"):
        load_yaml(tmp_path / "missing.yaml")
    with pytest.raises(DataFileError, match="a declaration must be a YAML mapping"):
        load_yaml(listed)


def test_uncertainty_matches_theory():
    from carbonaudit.inventory import uncertainty

    tree = OrgTree([org("a")])
    inv = compute(tree, [rec("a", "electricity", 1e6, "kWh")], FS, year=2024)  # 474 t
    u = uncertainty(inv, activity=0.05, samples=50_000, seed=3)
    # normal, 5 %: the 95 % interval is 474 x (1 ± 1.96 x 0.05) = 427.55 to 520.45
    assert u.mean == pytest.approx(474, rel=2e-3)
    assert u.low == pytest.approx(474 * (1 - 1.96 * 0.05), rel=5e-3)
    assert u.high == pytest.approx(474 * (1 + 1.96 * 0.05), rel=5e-3)
    # a uniform -10 % .. +10 % factor range: the 95 % interval is 474 x (1 ± 0.095)
    w = uncertainty(inv, factors=(0.10, 0.10), samples=50_000, seed=3)
    assert w.low == pytest.approx(474 * 0.905, rel=5e-3) and w.high == pytest.approx(474 * 1.095, rel=5e-3)
    assert uncertainty(inv, samples=1000).low == pytest.approx(474)  # no uncertainty given: a point
    assert uncertainty(inv, activity=0.05, seed=9) == uncertainty(inv, activity=0.05, seed=9)  # seeded
    with pytest.raises(InvalidValueError, match="activity"):
        uncertainty(inv, activity=1.5)


@pytest.mark.parametrize("seed", [-1, 1.5, "7", None, True])
def test_uncertainty_refuses_a_seed_that_is_not_a_non_negative_int(tree, records, seed):
    # -1 was numpy's bare ValueError, 1.5 and "7" a TypeError; None and True were taken unseen
    from carbonaudit.inventory import uncertainty

    inv = compute(tree, records, FS, year=2024)
    with pytest.raises(InvalidValueError) as info:
        uncertainty(inv, activity=0.05, seed=seed)
    assert "seed must be a non-negative int" in str(info.value) and repr(seed) in str(info.value)


@pytest.mark.parametrize("ratio", [float("inf"), float("nan"), 1.0, 0.5, "3", True])
def test_outliers_refuses_a_ratio_that_is_not_finite_above_one(tree, records, ratio):
    # ratio=inf was accepted: "more than inf times the median" finds no outlier, so the check passed unseen
    from carbonaudit.inventory import outliers

    inv = compute(tree, records, FS, year=2024)
    with pytest.raises(InvalidValueError) as info:
        outliers(inv, ratio=ratio)
    assert "ratio must be a finite number above 1" in str(info.value) and repr(ratio) in str(info.value)


def test_award_summary_award_form():
    from carbonaudit import Q_
    from carbonaudit.inventory import award_summary

    rows = {
        r.energy: r
        for r in award_summary(
            {"electricity": Q_(950_000, "kWh"), "diesel": Q_(9, "kL"), "natural_gas": Q_(18, "thousand_cubic_meter")},
            {"electricity": Q_(1_000, "MWh"), "diesel": Q_(10_000, "L"), "natural_gas": Q_(20_000, "m**3")},
        )
    }
    # 附件三: C = B - A; E = C x factor (0.000522 t/kWh, 2.61 t/kL, 1.88 t per 1,000 m³); F = C / B
    assert (
        rows["electricity"].saving.m == pytest.approx(50) and str(rows["electricity"].saving.units) == "megawatt_hour"
    )
    assert rows["electricity"].co2_reduction.m == pytest.approx(50_000 * 0.000522)
    assert rows["diesel"].co2_reduction.m == pytest.approx(1 * 2.61)
    assert rows["natural_gas"].co2_reduction.m == pytest.approx(2 * 1.88)
    assert rows["diesel"].share == pytest.approx(0.1)
    # the form's LPG mistake: tonnes times the per-litre 1.75 would give 1.75 t; refused without a density
    with pytest.raises(FactorNotFoundError, match="density"):
        award_summary({"lpg": Q_(9, "t")}, {"lpg": Q_(10, "t")})
    fs = factors.load("ntpc-award-2015").with_overrides(densities={"LPG": Q_(0.55, "kg/L")})
    [lpg] = award_summary({"lpg": Q_(9, "t")}, {"lpg": Q_(10, "t")}, fs)
    assert lpg.co2_reduction.m == pytest.approx(1000 / 0.55 * 1.75 / 1000)  # 1 t / 0.55 kg/L x 1.75 kg/L


def test_award_summary_wrong_dimension_is_a_units_error():
    from carbonaudit import Q_, UnitsError
    from carbonaudit.inventory import award_summary

    with pytest.raises(UnitsError, match=r"this_year\['electricity'\] .*convertible to MWh.*got 950 l"):
        award_summary({"electricity": Q_(950, "L")}, {"electricity": Q_(1000, "MWh")})
    with pytest.raises(UnitsError, match=r"last_year\['diesel'\] .*convertible to kl.*got 10 kWh"):
        award_summary({"diesel": Q_(9, "kL")}, {"diesel": Q_(10, "kWh")})


@pytest.mark.parametrize(
    ("this", "last", "words"),
    [
        # -5 vs 10 MWh gave a share of 1.5; NaN was named "amount"; arrays hit numpy's ambiguous truth value
        (-5, 10, ["this_year['electricity']", "non-negative", "-5.0"]),
        (5, -10, ["last_year['electricity']", "non-negative", "-10.0"]),
        (float("nan"), 10, ["this_year['electricity']", "finite", "nan"]),
        ([5.0, 6.0], [10.0, 10.0], ["this_year['electricity']", "single value", "(2,)"]),
        ([[5.0, 6.0]], [[10.0, 10.0]], ["this_year['electricity']", "single value", "(1, 2)"]),
    ],
)
def test_award_summary_refuses_negative_nan_and_array_amounts(this, last, words):
    from carbonaudit import Q_
    from carbonaudit.inventory import award_summary

    with pytest.raises(InvalidValueError) as info:
        award_summary({"electricity": Q_(this, "MWh")}, {"electricity": Q_(last, "MWh")})
    for w in words:
        assert w in str(info.value)


def test_award_summary_summer_and_grid_year_errors():
    import numpy as np

    from carbonaudit import Q_, PeriodError
    from carbonaudit.inventory import award_summary

    use = ({"electricity": Q_(5, "MWh")}, {"electricity": Q_(10, "MWh")})
    # summer in litres was pint's DimensionalityError
    with pytest.raises(UnitsError, match=r"summer\[0\]\[0\] .*convertible to MWh.*got 1 l"):
        award_summary(*use, summer=([Q_(1, "L")] * 12, [Q_(1, "L")] * 12))
    with pytest.raises(UnitsError, match=r"summer\[1\] .*convertible to MWh"):
        award_summary(*use, summer=(Q_(np.ones(12), "kWh"), Q_(np.ones(12), "L")))
    # grid_year was checked only when electricity or summer was given
    diesel = ({"diesel": Q_(1, "kL")}, {"diesel": Q_(10, "kL")})
    for bad, words in (("2013", ["grid_year", "AD year", "'2013'"]), (102, ["grid_year", "ROC 102 is AD 2013"])):
        with pytest.raises(PeriodError) as info:
            award_summary(*diesel, grid_year=bad)
        for w in words:
            assert w in str(info.value)
    with pytest.raises(PeriodError, match="grid_year"):
        award_summary({}, {}, grid_year=True)


@given(_cases(min_records=1))
def test_vectorised_frame_equals_record_by_record(case):
    import pandas as pd

    from carbonaudit.inventory import compute_frame, roll_up

    orgs, records = case  # at least one record: a frame with no rows has no columns either
    tree = OrgTree(orgs)
    df = pd.DataFrame(
        [
            {
                "org": r.org,
                "year": r.year,
                "kind": r.kind,
                "value": r.amount.value,
                "unit": r.amount.unit,
                "fuel": r.fuel,
                "use": r.use,
                "gas": r.gas,
                "agent": r.agent,
            }
            for r in records
        ]
    )
    register = compute_frame(tree, df, FS, year=2024)
    inv = compute(tree, records, FS, year=2024)
    assert register["co2e_t"].sum() == pytest.approx(inv.total(), rel=1e-12, abs=1e-12)
    assert roll_up(register, tree) == pytest.approx(inv.rolled_up(), rel=1e-12, abs=1e-12)


def test_frame_bad_input():
    import pandas as pd

    from carbonaudit.inventory import compute_frame

    tree = OrgTree([org("team"), org("a", "team")])
    df = pd.DataFrame(
        {"org": ["a", "x"], "year": [2024, 2024], "kind": ["electricity"] * 2, "value": [1.0, 2.0], "unit": ["kWh"] * 2}
    )
    with pytest.raises(InvalidValueError, match=r"records\[1\].*'x'"):
        compute_frame(tree, df, FS, year=2024)
    df.loc[1, "org"] = "a"
    df.loc[0, "value"] = -1.0
    with pytest.raises(InvalidValueError, match=r"records\[0\]"):
        compute_frame(tree, df, FS, year=2024)


@pytest.mark.parametrize(
    ("year", "words"),
    [
        (113, ["year must be an AD year", "got int 113", "ROC 113 is AD 2024"]),
        ("2024", ["year must be an AD year", "got str '2024'"]),
        (float("nan"), ["year must be an AD year", "got float nan"]),
        (True, ["year must be an AD year", "got bool True"]),
        (2300, ["year must be an AD year as int 1912-2211", "got int 2300"]),
    ],
)
def test_a_year_no_record_can_have_is_refused(tree, records, year, words):
    # compute, compare_years and compute_frame returned an empty inventory (total 0.0), no error
    import pandas as pd

    from carbonaudit import PeriodError
    from carbonaudit.inventory import compare_years, compute_frame

    with pytest.raises(PeriodError) as info:
        compute(tree, records, FS, year=year)
    for w in words:
        assert w in str(info.value)
    with pytest.raises(PeriodError, match="^base_year must be an AD year"):
        compare_years(tree, records, year, 2024, FS)
    with pytest.raises(PeriodError, match="^report_year must be an AD year"):
        compare_years(tree, records, 2024, year, FS)
    df = pd.DataFrame({"org": ["a"], "year": [2024], "kind": ["electricity"], "value": [1.0], "unit": ["kWh"]})
    with pytest.raises(PeriodError, match="^year must be an AD year"):
        compute_frame(tree, df, FS, year=year)


def test_a_numpy_integer_year_is_accepted(tree, records):
    import numpy as np

    assert compute(tree, records, FS, year=np.int64(2024)).total() == compute(tree, records, FS, year=2024).total()


def test_roll_up_refuses_rows_of_organisations_not_in_the_tree():
    import pandas as pd

    from carbonaudit.inventory import roll_up

    tree = OrgTree([org("team"), org("a", "team")])
    register = pd.DataFrame({"org": ["a", "zz"], "scope2_method": ["location"] * 2, "co2e_t": [1.0, 2.0]})
    # the 2 t of 'zz' would vanish from every total
    with pytest.raises(InvalidValueError, match=r"register\[1\]: organisation 'zz' is not in the tree"):
        roll_up(register, tree)
    assert roll_up(register.iloc[:1], tree) == {"a": 1.0, "team": 1.0}


def test_compare_years_recalculates_and_flags():
    from carbonaudit.inventory import compare_years

    tree = OrgTree([org("team"), org("a", "team"), org("b", "team")])
    records = [
        ActivityRecord(org="a", year=2023, kind="electricity", amount={"value": 100_000, "unit": "kWh"}),
        ActivityRecord(org="a", year=2024, kind="electricity", amount={"value": 100_000, "unit": "kWh"}),
        ActivityRecord(
            org="b", year=2023, kind="fuel", fuel="diesel", use="mobile", amount={"value": 1000, "unit": "L"}
        ),
        ActivityRecord(
            org="b", year=2024, kind="fuel", fuel="diesel", use="mobile", amount={"value": 1000, "unit": "L"}
        ),
    ]
    c = compare_years(tree, records, 2023, 2024, FS, gwp="AR5", base_gwp="AR4", base_factor_set="ntpc-award-2015")
    codes = {(f.code, f.path) for f in c.findings}
    assert ("inventory.gwp_changed", "gwp") in codes and ("inventory.factor_set_changed", "factor_set") in codes
    # a: same kWh, grid 0.494 (2023) -> 0.474 (2024): -4.0 %, under 10 %; b: same diesel, no change
    assert c.base.own()["a"] == pytest.approx(100 * 0.494) and c.report.own()["a"] == pytest.approx(100 * 0.474)
    assert not any(code == "inventory.year_change" for code, _ in codes)
    tighter = compare_years(tree, records, 2023, 2024, FS, threshold=0.03)
    assert ("inventory.year_change", "orgs.a") in {(f.code, f.path) for f in tighter.findings}


def test_compare_years_flags_emissions_where_the_base_had_none():
    from carbonaudit.inventory import compare_years

    tree = OrgTree([org("team"), org("a", "team"), org("b", "team")])
    records = [
        rec("a", "electricity", 10_000, "kWh"),  # 2024 only: 4.74 t where 2023 had none
        ActivityRecord(org="b", year=2023, kind="electricity", amount={"value": 0, "unit": "kWh"}),
        rec("b", "electricity", 0, "kWh"),  # none in either year: no finding
    ]
    c = compare_years(tree, records, 2023, 2024, FS)
    assert c.change() == float("inf")
    [new] = c.findings
    assert (new.code, new.path) == ("inventory.new_emissions", "orgs.a")
    assert "new emissions where the base year 2023 had none" in new.message and "4.740 t" in new.message
    assert compare_years(tree, records[1:], 2023, 2024, FS).change() == 0.0


def test_outliers_and_mixed_units():
    from carbonaudit.inventory import mixed_units, outliers

    orgs = [org("team")] + [org(f"o{i}", "team", staff=10) for i in range(5)]
    records = [rec(f"o{i}", "electricity", 10_000, "kWh") for i in range(4)]
    records.append(rec("o4", "electricity", 100_000, "kWh"))  # ten times its peers per person
    inv = compute(OrgTree(orgs), records, FS, year=2024)
    assert [f.path for f in outliers(inv)] == ["orgs.o4"]
    mixed = [
        rec("o1", "fuel", 1, "kL", fuel="diesel", use="mobile"),
        rec("o1", "fuel", 500, "L", fuel="diesel", use="mobile"),
    ]
    assert [f.code for f in mixed_units(mixed)] == ["inventory.mixed_units"]
    assert mixed_units(records) == []
    # no fuel, gas or agent: no double space
    electricity = [rec("o1", "electricity", 1, "MWh"), rec("o1", "electricity", 500, "kWh")]
    assert [f.message for f in mixed_units(electricity)] == ["o1 2024 electricity is reported in MWh, kWh"]
    assert [f.message for f in mixed_units(mixed)] == ["o1 2024 fuel diesel is reported in L, kL"]


def test_purchased_heat_and_process_need_their_factor():
    tree = OrgTree([org("team"), org("a", "team")])
    steam = rec("a", "purchased_heat", 100, "t", emission_factor={"value": 250, "unit": "kg/t"})
    process = rec("a", "process", 10, "t", emission_factor={"value": 0.5, "unit": "t/t"})
    inv = compute(tree, [steam, process], FS, year=2024)
    # 100 t steam x 250 kg/t = 25 t (scope 2); 10 t x 0.5 t/t = 5 t (scope 1, process)
    assert inv.by_scope() == pytest.approx({2: 25.0, 1: 5.0})
    assert inv.by_sector() == pytest.approx({"energy": 25.0, "industrial_process": 5.0})
    with pytest.raises(FactorNotFoundError, match="emission_factor"):
        compute(tree, [rec("a", "process", 10, "t")], FS, year=2024)


def test_frame_with_explicit_factors():
    import pandas as pd

    from carbonaudit.inventory import compute_frame

    tree = OrgTree([org("team"), org("a", "team")])
    df = pd.DataFrame(
        {
            "org": ["a", "a"],
            "year": [2024, 2024],
            "kind": ["purchased_heat", "electricity"],
            "value": [100.0, 1000.0],
            "unit": ["t", "kWh"],
            "emission_factor_value": [250.0, None],
            "emission_factor_unit": ["kg/t", None],
        }
    )
    reg = compute_frame(tree, df, FS, year=2024)
    # 100 t x 250 kg/t = 25 t; 1,000 kWh x 0.474 kg/kWh = 0.474 t
    assert dict(zip(reg["source"], reg["co2e_t"], strict=True)) == pytest.approx(
        {"purchased_heat": 25.0, "purchased_electricity": 0.474}
    )


def test_award_summary_summer_row():
    from carbonaudit import Q_
    from carbonaudit.inventory import award_summary

    this = Q_([100.0] * 5 + [180.0, 190.0, 190.0, 180.0] + [100.0] * 3, "MWh")
    last = Q_([100.0] * 5 + [200.0] * 4 + [100.0] * 3, "MWh")
    rows = award_summary({"electricity": Q_(1_940, "MWh")}, {"electricity": Q_(2_000, "MWh")}, summer=(this, last))
    summer = rows[-1]
    # June-September: 740 vs 800 MWh -> C = 60 MWh, F = 7.5 %, E = 60 MWh x 0.522 t/MWh
    assert summer.energy == "summer_electricity"
    assert summer.saving.m == pytest.approx(60) and summer.share == pytest.approx(0.075)
    assert summer.co2_reduction.m == pytest.approx(60 * 0.522)


def _unvalidated(**kw):  # type: ignore[no-untyped-def]
    """A record built without validation (model_construct), as a caller bypassing the model could."""
    from carbonaudit.declaration.models import Amount

    fields = {k: Amount(**v) if isinstance(v, dict) else v for k, v in kw.items()}
    return ActivityRecord.model_construct(**fields)


@pytest.mark.parametrize(
    "kw",
    [
        {"kind": "refrigerant_topup", "amount": {"value": 1, "unit": "kWh"}, "gas": "R-410A"},
        {"kind": "extinguisher", "amount": {"value": 1, "unit": "L"}, "agent": "CO2"},
        {"kind": "septic", "amount": {"value": 1, "unit": "kg"}},
        {"kind": "process", "amount": {"value": 1, "unit": "t"}, "emission_factor": {"value": 1, "unit": "kg/L"}},
        {"kind": "electricity", "amount": {"value": 1, "unit": "L"}},
        {"kind": "fuel", "fuel": "diesel", "amount": {"value": 1, "unit": "m**2"}},
    ],
)
def test_wrong_units_for_the_kind_name_the_record(kw):
    from carbonaudit import UnitsError

    # a wrong dimension is refused by the model itself (issue 12: ActivityRecord checks its unit
    # against its kind), naming the field; and by compute for a record built without validation,
    # as a UnitsError naming the record (electricity in litres was an InvalidValueError)
    with pytest.raises(ValidationError, match="amount|emission_factor"):
        ActivityRecord(org="a", year=2024, **kw)
    tree = OrgTree([org("team"), org("a", "team")])
    with pytest.raises(UnitsError, match=r"records\[0\]"):
        compute(tree, [_unvalidated(org="a", year=2024, **kw)], FS, year=2024)


def test_fuel_unit_error_shows_the_records_own_amount():
    from carbonaudit import UnitsError

    with pytest.raises(ValidationError, match=r"amount of a fuel record .*got 123\.0 m \*\* 2"):
        rec("a", "fuel", 123, "m**2", fuel="diesel")
    tree = OrgTree([org("team"), org("a", "team")])
    unchecked = _unvalidated(org="a", year=2024, kind="fuel", amount={"value": 123, "unit": "m**2"}, fuel="diesel")
    with pytest.raises(UnitsError, match=r"records\[0\] \(a, fuel\): amount .*got 123\.0 m \*\* 2") as info:
        compute(tree, [unchecked], FS, year=2024)
    assert "1.0 m" not in str(info.value)  # not the internal unit amount


def test_coverage_aliases_and_misused_fields():
    tree = OrgTree([org("team"), org("a", "team")])
    old = ActivityRecord(org="a", year=1999, kind="fuel", fuel="diesel", use="mobile", amount={"value": 1, "unit": "L"})
    with pytest.raises(FactorNotFoundError, match=r"1999 is outside .*2013-2024"):
        compute(tree, [old], FS, year=1999)
    explicit = ActivityRecord.model_validate({**old.model_dump(), "kind": "process", "emission_factor": FS_AMOUNT})
    assert compute(tree, [explicit], FS, year=1999).total() == pytest.approx(0.002)
    with pytest.raises(InvalidValueError, match="leak_rate"):
        compute(tree, [rec("a", "refrigerant_topup", 1, "kg", gas="R-410A", leak_rate=0.1)], FS, year=2024)
    with pytest.raises(FactorNotFoundError, match="not a refrigerant"):
        compute(tree, [rec("a", "refrigerant_topup", 1, "kg", gas="CO2")], FS, year=2024)
    # BC, KBC, ABC are dry chemical agents: stated, counted zero
    assert compute(tree, [rec("a", "extinguisher", 5, "kg", agent="ABC")], FS, year=2024).total() == 0


@given(_cases())
def test_rolled_up_against_sums_straight_from_the_records(case):
    orgs, records = case
    tree = OrgTree(orgs)
    inv = compute(tree, records, FS, year=2024)
    # each record's own CO2e, summed over the organisations below, from a fresh one-record inventory
    per_org: dict[str, float] = {o.id: 0.0 for o in orgs}
    for r in records:
        per_org[r.org] += compute(tree, [r], FS, year=2024).total()
    for o in orgs:
        expected = sum(per_org[d.id] for d in tree.descendants(o.id))
        assert inv.rolled_up()[o.id] == pytest.approx(expected, rel=1e-9, abs=1e-9)


# -- compute_frame: bad input, market-based rows, dtypes, and the record-by-record equivalence -------


def _frame_tree() -> OrgTree:
    return OrgTree([org("team"), org("a", "team"), org("b", "a")])


def _electricity_frame(**columns):  # type: ignore[no-untyped-def]
    import pandas as pd

    data = {"org": ["a", "a"], "year": [2024, 2024], "kind": ["electricity"] * 2, "value": [1000.0, 2000.0]}
    data["unit"] = ["kWh", "kWh"]
    data.update(columns)
    return pd.DataFrame(data)


@pytest.mark.parametrize(
    ("year", "shown"),
    [
        (float("nan"), "got nan"),
        ("", "got ''"),
        (2024.5, "got 2024.5"),
        ("Int64 <NA>", "got <NA>"),
        (113, "ROC 113 is AD 2024"),
        (0, "got 0"),
        ("113年", "got '113年'"),
    ],
)
def test_frame_refuses_records_without_a_whole_ad_year(year, shown):
    import pandas as pd

    from carbonaudit.inventory import compute_frame

    # such a record matched no year and its emissions vanished from every inventory, unseen
    years = pd.array([2024, None], dtype="Int64") if year == "Int64 <NA>" else [2024, year]
    df = _electricity_frame(year=years)
    with pytest.raises(InvalidValueError, match=r"records\[1\]: year must be a whole AD year") as info:
        compute_frame(_frame_tree(), df, FS, year=2024)
    assert shown in str(info.value)
    # refused whichever year is asked for: the filter never sees it
    with pytest.raises(InvalidValueError, match=r"records\[1\]"):
        compute_frame(_frame_tree(), df, FS, year=2023)
    # whole years, as numbers or text, of any year pass
    fine = compute_frame(_frame_tree(), _electricity_frame(year=["2024", 2023.0]), FS, year=2024)
    assert fine["record"].tolist() == [0]


def test_frame_market_based_rows_parse_each_unit_once(monkeypatch):
    import pandas as pd

    from carbonaudit.inventory import compute_frame
    from carbonaudit.inventory import frame as frame_module

    calls: list[str] = []
    for name in ("_to_kwh", "_to_kg_per_kwh"):
        original = getattr(frame_module, name)
        monkeypatch.setattr(frame_module, name, lambda unit, original=original: calls.append(unit) or original(unit))
    n = 300
    df = pd.DataFrame(
        {
            "org": "a",
            "year": 2024,
            "kind": ["electricity", "electricity", "fuel"] * (n // 3),
            "value": 1000.0,
            "unit": ["MWh", "度", "L"] * (n // 3),
            "fuel": [None, None, "diesel"] * (n // 3),
            "use": [None, None, "mobile"] * (n // 3),
            "supplier_factor_value": ["0.3", "", "0.3"] * (n // 3),  # numbers as text; "" is no factor
            # a supplier factor unit on a fuel row is ignored, as compute() ignores it
            "supplier_factor_unit": pd.Categorical(["g/kWh", None, "bogus"] * (n // 3)),
        }
    )
    register = compute_frame(_frame_tree(), df, FS, year=2024)
    market = register[register["scope2_method"] == "market"]
    # 1,000 MWh x 0.3 g/kWh = 300 kg, on the 100 MWh rows only ("度" rows give no supplier factor)
    assert market["record"].tolist() == list(range(0, n, 3))
    assert market["mass_kg"].to_numpy() == pytest.approx(1000 * 1000 * 0.3 / 1000)
    assert sorted(calls) == ["MWh", "g/kWh"]  # once per distinct unit of the market rows, not per row
    # a categorical unit with an empty cell stands for kg/kWh (was a bare TypeError)
    cat = _electricity_frame(supplier_factor_value=[0.3, 0.3], supplier_factor_unit=pd.Categorical(["g/kWh", None]))
    assert compute_frame(_frame_tree(), cat, FS, year=2024).query("scope2_method == 'market'")[
        "mass_kg"
    ].tolist() == pytest.approx([0.3, 600.0])


def pd_int64(values):  # type: ignore[no-untyped-def]
    import pandas as pd

    return pd.array(values, dtype="Int64")


@pytest.mark.parametrize(
    ("columns", "error", "words"),
    [
        (
            {"supplier_factor_value": ["0.3", "abc"]},
            InvalidValueError,
            ["records[1]", "supplier_factor_value", "'abc'"],
        ),
        ({"supplier_factor_value": [0.3, float("inf")]}, InvalidValueError, ["records[1]", "inf"]),
        ({"supplier_factor_value": [0.3, -0.1]}, InvalidValueError, ["records[1]", "-0.1", "negative"]),
        (
            {"supplier_factor_value": [0.3, 0.3], "supplier_factor_unit": ["kg/kWh", "kg/L"]},
            UnitsError,
            ["records[1]", "supplier_factor_unit", "'kg/L'", "kg / kWh"],
        ),
        ({"value": pd_int64([1000, None])}, InvalidValueError, ["records[1]", "value", "<NA>"]),
        ({"value": ["1000", "x"]}, InvalidValueError, ["records[1]", "value", "'x'"]),
    ],
)
def test_frame_bad_numbers_and_units_name_the_row(columns, error, words):
    from carbonaudit.inventory import compute_frame

    with pytest.raises(error) as info:
        compute_frame(_frame_tree(), _electricity_frame(**columns), FS, year=2024)
    assert all(word in str(info.value) for word in words), str(info.value)


@pytest.mark.parametrize(
    ("drop", "words"),
    [(["year"], ["'year' column"]), (["value", "unit"], ["'value', 'unit' columns"]), (["org"], ["'org' column"])],
)
def test_frame_missing_columns_are_named(drop, words):
    from carbonaudit.inventory import compute_frame

    with pytest.raises(InvalidValueError, match="records has no") as info:
        compute_frame(_frame_tree(), _electricity_frame().drop(columns=drop), FS, year=2024)
    assert all(word in str(info.value) for word in words) and "org, year, kind, value, unit" in str(info.value)
    with pytest.raises(InvalidValueError, match="must be a pandas DataFrame, got list"):
        compute_frame(_frame_tree(), [{"org": "a"}], FS, year=2024)


def test_frame_messages_with_repeated_labels_show_the_value():
    import pandas as pd

    from carbonaudit.inventory import compute_frame

    tree = _frame_tree()
    df = pd.DataFrame(
        {"org": "a", "year": 2024, "kind": "fuel", "fuel": "diesel", "use": "Mobile", "value": 1.0, "unit": "L"},
        index=[7, 7],
    )
    with pytest.raises(InvalidValueError) as info:
        compute_frame(tree, df, FS, year=2024)
    message = str(info.value)
    assert "records[7] (a): use: Input should be 'stationary' or 'mobile' (got 'Mobile')" in message
    assert "Name:" not in message and "dtype" not in message  # not a printed Series
    df["use"] = "mobile"
    df["value"] = [-1.0, -1.0]
    with pytest.raises(InvalidValueError, match=r"records\[7\]: value must be .*got -1\.0$"):
        compute_frame(tree, df, FS, year=2024)
    df["value"] = [5.0, 5.0]
    df["org"] = ["a", "zz"]
    with pytest.raises(InvalidValueError, match=r"records\[7\]: organisation 'zz' is not in the tree$"):
        compute_frame(tree, df, FS, year=2024)
    # a unit error names the record's own amount, not the internal unit amount
    df["org"] = "a"
    df["unit"] = "m**2"
    df["value"] = [123.0, 5.0]
    with pytest.raises(UnitsError, match=r"records\[7\] \(a, fuel\): .*got 123\.0 m \*\* 2"):
        compute_frame(tree, df, FS, year=2024)
    df["kind"], df["unit"], df["leak_rate"], df["gas"] = "refrigerant_leak", "kg", "abc", "R-410A"
    with pytest.raises(InvalidValueError, match=r"records\[7\] \(a\): leak_rate must be a number, got 'abc'"):
        compute_frame(tree, df, FS, year=2024)


def test_frame_empty_result_has_the_dtypes_of_a_result_with_rows():
    from carbonaudit.inventory import compute_frame

    df = _electricity_frame(supplier_factor_value=[0.3, None])
    full = compute_frame(_frame_tree(), df, FS, year=2024)
    empty = compute_frame(_frame_tree(), df, FS, year=2023)
    assert empty.empty and list(empty.columns) == list(full.columns)
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert (empty["mass_kg"].dtype, empty["co2e_t"].dtype, empty["scope"].dtype) == ("float64", "float64", "int64")
    assert compute_frame(_frame_tree(), df.iloc[:0], FS, year=2024)["co2e_t"].dtype == "float64"


# One of each kind of record compute() knows: (kind, unit, fields).
_RECORD_MIX = [
    ("fuel", "L", {"fuel": "diesel", "use": "stationary"}),
    ("fuel", "kL", {"fuel": "motor_gasoline", "use": "mobile"}),
    ("electricity", "kWh", {}),
    ("electricity", "MWh", {"supplier_factor": {"value": 0.3, "unit": "kg/kWh"}}),
    ("electricity", "度", {"supplier_factor": {"value": 250.0, "unit": "g/kWh"}}),
    ("refrigerant_topup", "kg", {"gas": "R-410A"}),
    ("refrigerant_leak", "kg", {"gas": "HFC-134a", "equipment_class": "chillers"}),
    ("refrigerant_leak", "kg", {"gas": "R-410A", "leak_rate": 0.05}),
    ("extinguisher", "kg", {"agent": "CO2"}),
    ("extinguisher", "kg", {"agent": "HFC-227ea"}),
    ("extinguisher", "kg", {"agent": "dry_chemical"}),
    ("septic", "h", {}),
    ("outsourced", "L", {"fuel": "diesel", "use": "stationary"}),
    ("outsourced", "kWh", {}),
    ("outsourced", "t", {}),  # listed qualitatively
    ("purchased_heat", "t", {"emission_factor": {"value": 250.0, "unit": "kg/t"}}),
    ("process", "t", {"emission_factor": {"value": 0.5, "unit": "t/t"}}),
]


@given(
    st.lists(
        st.tuples(
            st.integers(0, len(_RECORD_MIX) - 1),
            st.floats(0, 1e4),
            st.sampled_from(["a", "b"]),
            st.sampled_from([2024, 2024, 2023]),
        ),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from(["AR4", "AR5", "AR6"]),
)
@example([(k, 10.0 * (k + 1), "a", 2024) for k in range(len(_RECORD_MIX))], "AR5")
def test_frame_equals_compute_row_by_row(picks, gwp):
    import pandas as pd

    from carbonaudit.inventory import compute_frame

    tree = _frame_tree()
    records, rows = [], []
    for k, value, o, year in picks:
        kind, unit, fields = _RECORD_MIX[k]
        records.append(ActivityRecord(org=o, year=year, kind=kind, amount={"value": value, "unit": unit}, **fields))
        row = {"org": o, "year": year, "kind": kind, "value": value, "unit": unit}
        row.update({key: v for key, v in fields.items() if key not in ("supplier_factor", "emission_factor")})
        for key in ("supplier_factor", "emission_factor"):
            if key in fields:
                row[f"{key}_value"], row[f"{key}_unit"] = fields[key]["value"], fields[key]["unit"]
        rows.append(row)
    keys = ["record", "scope2_method", "gas"]
    compared = [*keys, "org", "scope", "category", "source", "mass_kg", "co2e_t", "factor_ids"]
    ours = compute_frame(tree, pd.DataFrame(rows), FS, gwp=gwp, year=2024)[compared]
    theirs = compute(tree, records, FS, gwp=gwp, year=2024).to_frame()[compared]
    text = {c: object for c in compared if c not in ("record", "scope", "mass_kg", "co2e_t")}  # str vs object
    ours = ours.sort_values(keys, ignore_index=True).astype(text)
    theirs = theirs.sort_values(keys, ignore_index=True).astype(text)
    assert not theirs.duplicated(keys).any() and ours.shape == theirs.shape
    pd.testing.assert_frame_equal(ours, theirs, check_dtype=False, rtol=1e-12, atol=1e-12)


def test_a_record_takes_its_amount_as_a_quantity_as_well_as_a_value_and_unit():
    import numpy as np
    import pint

    from carbonaudit import Q_, inventory
    from carbonaudit.declaration import Amount

    # the natural first call: amount=Q_(...); the same record, the same emissions as {value, unit}
    tree = inventory.read_orgs("examples/inventory_orgs.yaml")
    by_q = inventory.ActivityRecord(org="fin", year=2023, kind="electricity", amount=Q_(12_000, "度"))
    by_d = inventory.ActivityRecord(org="fin", year=2023, kind="electricity", amount={"value": 12_000, "unit": "kWh"})
    assert by_q.amount.quantity.m_as("kWh") == 12_000.0
    t_q = inventory.compute(tree, [by_q], year=2023).summary()
    t_d = inventory.compute(tree, [by_d], year=2023).summary()
    assert t_q == t_d
    # 12,000 kWh × 0.494 kg/kWh (tw-grid-series, 2023) = 5,928 kg = 5.928 t
    assert dict(t_q)["total (location-based)"] == pytest.approx(5.928, rel=1e-12)
    assert Amount.model_validate(Q_(3, "公秉")).quantity.m_as("L") == 3000.0
    for bad, words in (
        (Q_(np.array([1.0, 2.0]), "kWh"), "one number with its unit"),
        (pint.UnitRegistry().Quantity(1, "kWh"), "another unit registry"),
        (Q_(float("inf"), "kWh"), "finite"),
        (Q_(1, "t"), "must be real energy"),
    ):
        with pytest.raises(ValidationError, match=words):
            inventory.ActivityRecord(org="fin", year=2023, kind="electricity", amount=bad)
