"""carbonaudit.production pinned exactly: whole messages, findings, boundaries, units and options.

Complements tests/test_production.py (production-declaration-2018 表八之三 figures). Every number here is worked by
hand in the comment beside it; the limits are those of data/factors.yaml rules.limits (表八之三:
差異分析值超過10%以上者 = 10 %; products covering less than 80 % of the plant's use).
"""

from __future__ import annotations

import numpy as np
import pytest

from carbonaudit import Q_, FactorNotFoundError, InvalidValueError, UnitsError, production

AMOUNT_UNITS = (
    "[mass] * [length] ** 2 / [time] ** 2 (e.g. kWh) or [length] ** 3 (e.g. l) or [mass] (e.g. kg) or "
    "[oil_equivalent] (e.g. KLOE) or [oil_equivalent_mass] (e.g. kgOE)"
)
KVARH = "must be real energy (kWh), got h * kvar: reactive energy (kvarh) is not real energy (kWh)"
NEGATIVE = "must be a finite, non-negative number, got -1.0"
NOT_COUNTS = "must be a count of units (numbers), got {!r}; give numbers, e.g. 290 (read text columns with pandas.to_numeric first)"
OUT12 = [1.0] * 12


def _raises(error, call):  # type: ignore[no-untyped-def]
    """The message of the exception *call* raises, which must be of exactly type *error*."""
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    return str(info.value)


# -- unit_energy and the output check ---------------------------------------------------------------


def test_unit_energy_scalar_is_a_float_in_the_energys_unit():
    # 表八之三 106年 1月: 261,000 kWh / 290 units = 900 kWh; 10 MWh / 4 = 2.5 MWh
    r = production.unit_energy(Q_(261_000, "kWh"), 290)
    assert r.m == 900.0 and type(r.m) is float and r.units == Q_(1, "kWh").units
    mwh = production.unit_energy(Q_(10, "MWh"), np.array(4))
    assert mwh.m == 2.5 and type(mwh.m) is float and mwh.units == Q_(1, "MWh").units


def test_unit_energy_shutdown_month_is_zero_and_fractional_output_divides():
    # a month with neither energy nor output: 0; 10 kWh over 4 units: 2.5; 3 kWh over 0.5 equivalent units: 6
    r = production.unit_energy(Q_([0.0, 10.0, 3.0], "kWh"), [0, 4, 0.5])
    assert r.m.tolist() == [0.0, 2.5, 6.0]
    assert production.unit_energy(Q_(0.0, "kWh"), 0).m == 0.0
    # integer arrays are counts too: 100 / 1, 100 / 2
    assert production.unit_energy(Q_(100.0, "kWh"), np.array([1, 2], dtype=np.int64)).m.tolist() == [100.0, 50.0]


@pytest.mark.parametrize(
    ("energy", "output", "error", "message"),
    [
        (
            100,
            1,
            UnitsError,
            "energy must be a Quantity of an energy, got bare int 100; give units, e.g. carbonaudit.Q_(100, ...)",
        ),
        (Q_(100, "kvar*h"), 1, UnitsError, f"energy {KVARH}"),
        (Q_(100, "m"), 1, UnitsError, f"energy must be in a unit of {AMOUNT_UNITS}, got m which is [length]"),
        (Q_(-1, "kWh"), 1, InvalidValueError, f"energy {NEGATIVE}"),
        (Q_(100, "kWh"), -1, InvalidValueError, f"output {NEGATIVE}"),
        (Q_(100, "kWh"), np.array(-1.0), InvalidValueError, f"output {NEGATIVE}"),
        (Q_(100, "kWh"), [1, -1], InvalidValueError, f"output[1] {NEGATIVE}"),
        (
            Q_([1, 10], "kWh"),
            [1, 2, 3],
            InvalidValueError,
            "array arguments must have matching lengths (or be scalars), got energy (2,), output (3,)",
        ),
        (
            Q_(100, "kWh"),
            0,
            InvalidValueError,
            "output must be positive where energy was used: energy per unit is undefined",
        ),
        (
            Q_([1.0, 10.0], "kWh"),
            [0, 4],
            InvalidValueError,
            "output must be positive where energy was used: energy per unit is undefined",
        ),
        (Q_(100, "kWh"), Q_(1, ""), InvalidValueError, "output must be a count of units (numbers), not a Quantity"),
        (Q_(100, "kWh"), True, InvalidValueError, "output " + NOT_COUNTS.format(True)),
        (Q_(100, "kWh"), np.bool_(True), InvalidValueError, "output " + NOT_COUNTS.format(np.bool_(True))),
        (Q_(100, "kWh"), "3", InvalidValueError, "output " + NOT_COUNTS.format("3")),
        (Q_(100, "kWh"), b"3", InvalidValueError, "output " + NOT_COUNTS.format(b"3")),
        (Q_(100, "kWh"), [1, True], InvalidValueError, "output " + NOT_COUNTS.format([1, True])),
        (Q_(100, "kWh"), (1, "a"), InvalidValueError, "output " + NOT_COUNTS.format((1, "a"))),
        (
            Q_(100, "kWh"),
            [1, np.bool_(False)],
            InvalidValueError,
            "output " + NOT_COUNTS.format([1, np.bool_(False)]),
        ),
        (Q_(100, "kWh"), [1, b"x"], InvalidValueError, "output " + NOT_COUNTS.format([1, b"x"])),
        # arrays of booleans, text, dates, durations, complex numbers are not counts either
        (
            Q_(100, "kWh"),
            np.array([True]),
            InvalidValueError,
            "output must be a count of units (numbers), got array([ True])",
        ),
        (
            Q_(100, "kWh"),
            np.array(["1"]),
            InvalidValueError,
            "output must be a count of units (numbers), got array(['1'], dtype='<U1')",
        ),
        (
            Q_(100, "kWh"),
            np.array([b"1"]),
            InvalidValueError,
            "output must be a count of units (numbers), got array([b'1'], dtype='|S1')",
        ),
        (
            Q_(100, "kWh"),
            np.array([1 + 1j]),
            InvalidValueError,
            "output must be a count of units (numbers), got array([1.+1.j])",
        ),
        (
            Q_(100, "kWh"),
            np.array(["2020-01-01"], dtype="M8[D]"),
            InvalidValueError,
            "output must be a count of units (numbers), got array(['2020-01-01'], dtype='datetime64[D]')",
        ),
        (
            Q_(100, "kWh"),
            np.array([1], dtype="m8[D]"),
            InvalidValueError,
            "output must be a count of units (numbers), got array([1], dtype='timedelta64[D]')",
        ),
        (
            Q_(100, "kWh"),
            [[1, 2], [3]],
            InvalidValueError,
            "output must be a count of units (numbers), got [[1, 2], [3]]",
        ),
        (
            Q_(100, "kWh"),
            10**400,
            InvalidValueError,
            "output must be a count of at most 1e+30, got an int beyond float64's range (about 1.8e308); "
            "check the figure",
        ),
    ],
)
def test_unit_energy_refusals(energy, output, error, message):  # type: ignore[no-untyped-def]
    assert _raises(error, lambda: production.unit_energy(energy, output)) == message


# -- quarterly_energy_per_unit ---------------------------------------------------------------------


def test_quarterly_defaults_are_electricity_on_the_table8_3_basis():
    # 表八之三: 0.00023 KLOE/kWh. 1 kWh and 1 unit a month: 0.00023 KLOE/unit every quarter and the year
    default = production.quarterly_energy_per_unit(Q_(OUT12, "kWh"), OUT12)
    explicit = production.quarterly_energy_per_unit(Q_(OUT12, "kWh"), OUT12, "E01", None, basis="tw-table8-3")
    for r in (default, explicit):
        np.testing.assert_allclose(r.quarterly.m, [0.00023] * 4, rtol=1e-12)
        assert r.quarterly.units == Q_(1, "KLOE").units and r.annual.units == Q_(1, "KLOE").units
        assert r.annual.m == pytest.approx(0.00023, rel=1e-12) and type(r.annual.m) is float
        assert r.annual_physical.m == 1.0 and r.annual_physical.units == Q_(1, "kWh").units
    # basis=None: the set's own (tw-2024: tw-final-860), 860 kcal/kWh / 10^7 kcal/KLOE = 0.000086 KLOE/kWh
    own = production.quarterly_energy_per_unit(Q_(OUT12, "kWh"), OUT12, basis=None)
    np.testing.assert_allclose(own.quarterly.m, [0.000086] * 4, rtol=1e-12)


def test_quarterly_sums_each_quarters_months_and_keeps_the_physical_unit():
    # MWh a month 1..12, one unit a month except 2 in March:
    #   Q1 = (1 + 2 + 3) MWh x 0.23 KLOE/MWh / 4 units = 0.345; Q2 = 15 x 0.23 / 3 = 1.15;
    #   Q3 = 24 x 0.23 / 3 = 1.84; Q4 = 33 x 0.23 / 3 = 2.53
    #   year: 78 MWh / 13 units = 6 MWh/unit = 1.38 KLOE/unit
    output = [1, 1, 2] + [1] * 9
    r = production.quarterly_energy_per_unit(Q_(np.arange(1.0, 13.0), "MWh"), output)
    np.testing.assert_allclose(r.quarterly.m, [0.345, 1.15, 1.84, 2.53], rtol=1e-12)
    assert r.annual.m == pytest.approx(1.38, rel=1e-12)
    assert r.annual_physical.m == pytest.approx(6.0, rel=1e-12) and r.annual_physical.units == Q_(1, "MWh").units


def test_quarterly_fractional_quarters_are_enough_output():
    # a quarter of one unit each quarter (year total 1), and a quarter whose output totals exactly 1:
    # 1 kWh a month -> Q = 3 kWh x 0.00023 / 0.25 = 0.00276 KLOE/unit; year 12 x 0.00023 / 1 = 0.00276
    r = production.quarterly_energy_per_unit(Q_(OUT12, "kWh"), [0.25, 0, 0] * 4)
    np.testing.assert_allclose(r.quarterly.m, [0.00276] * 4, rtol=1e-12)
    assert r.annual.m == pytest.approx(0.00276, rel=1e-12)
    # Q1 output 1 (one unit in January), other quarters 3: Q1 3 x 0.00023 / 1 = 0.00069, others 0.00023
    one = production.quarterly_energy_per_unit(Q_(OUT12, "kWh"), [1, 0, 0] + [1] * 9)
    np.testing.assert_allclose(one.quarterly.m, [0.00069, 0.00023, 0.00023, 0.00023], rtol=1e-12)


def test_quarterly_to_frame():
    r = production.quarterly_energy_per_unit(Q_(OUT12, "kWh"), OUT12)
    frame = r.to_frame()
    assert frame.index.name == "period"
    assert frame.index.tolist() == ["Q1", "Q2", "Q3", "Q4", "year"]
    assert frame.columns.tolist() == ["energy per unit [KLOE]"]
    np.testing.assert_allclose(frame["energy per unit [KLOE]"].to_numpy(), [0.00023] * 5, rtol=1e-12)


@pytest.mark.parametrize(
    ("energy", "output", "fuel", "error", "message"),
    [
        (
            Q_([1.0] * 11, "kWh"),
            OUT12,
            "E01",
            InvalidValueError,
            "energy and output must hold 12 months, got 11 and 12",
        ),
        (Q_(OUT12, "kWh"), [1] * 11, "E01", InvalidValueError, "energy and output must hold 12 months, got 12 and 11"),
        (Q_(OUT12, "kWh"), [1] * 13, "E01", InvalidValueError, "energy and output must hold 12 months, got 12 and 13"),
        (Q_([1.0] * 11 + [-1.0], "kWh"), OUT12, "E01", InvalidValueError, f"energy[11] {NEGATIVE}"),
        (Q_(OUT12, "kWh"), [1] * 11 + [-1], "E01", InvalidValueError, f"output[11] {NEGATIVE}"),
        (
            Q_(OUT12, "kWh"),
            Q_(OUT12, ""),
            "E01",
            InvalidValueError,
            "output must be a count of units (numbers), not a Quantity",
        ),
        (
            Q_(OUT12, "kWh"),
            [1, 1, 1, 0, 0, 0] + [1] * 6,
            "E01",
            InvalidValueError,
            "every quarter needs some output to compute energy per unit",
        ),
        (
            Q_(OUT12, "kWh"),
            [0] * 12,
            "E01",
            InvalidValueError,
            "every quarter needs some output to compute energy per unit",
        ),
        # to_kloe's messages name its "amount": here it is this energy
        (
            [Q_(1.0, "kvar*h")] * 12,
            OUT12,
            "E01",
            UnitsError,
            "energy must be real energy (kWh), got [1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0] h * kvar: "
            "reactive energy (kvarh) is not real energy (kWh)",
        ),
        (
            Q_(OUT12, "L"),
            OUT12,
            "E01",
            UnitsError,
            "energy must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to kWh), got "
            "[1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0] l which is [length] ** 3",
        ),
        (
            Q_(OUT12, "kWh"),
            OUT12,
            None,
            UnitsError,
            "energy is [1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0] kWh: without a fuel, oil equivalent is "
            "computed from heat (kcal, MJ, TJ); pass the fuel (e.g. fuel='O05', or 'E01' for electricity)",
        ),
    ],
)
def test_quarterly_refusals(energy, output, fuel, error, message):  # type: ignore[no-untyped-def]
    assert _raises(error, lambda: production.quarterly_energy_per_unit(energy, output, fuel)) == message


def test_quarterly_renamed_error_keeps_its_cause():
    with pytest.raises(UnitsError) as info:
        production.quarterly_energy_per_unit(Q_(OUT12, "L"), OUT12)
    assert type(info.value.__cause__) is UnitsError
    assert str(info.value.__cause__).startswith("amount must be a Quantity of ")


@pytest.mark.parametrize("error", [UnitsError, InvalidValueError])
def test_quarterly_prefixes_a_to_kloe_message_that_does_not_name_the_amount(monkeypatch, error):
    # to_kloe is looked up at each call; one of its errors that does not start with "amount" is prefixed
    import carbonaudit.energy

    def fails(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise error("no heat value for this fuel")

    monkeypatch.setattr(carbonaudit.energy, "to_kloe", fails)
    message = _raises(error, lambda: production.quarterly_energy_per_unit(Q_(OUT12, "kWh"), OUT12))
    assert message == "energy: no heat value for this fuel"


def test_quarterly_unknown_fuel_and_basis():
    message = _raises(FactorNotFoundError, lambda: production.quarterly_energy_per_unit(Q_(OUT12, "kWh"), OUT12, "X99"))
    assert message.startswith("fuel 'X99' is not in factor set")
    message = _raises(
        FactorNotFoundError, lambda: production.quarterly_energy_per_unit(Q_(OUT12, "kWh"), OUT12, basis="XX")
    )
    assert message == "oil-equivalent basis 'XX' is not defined (have: tw-primary-2236, tw-table8-3, tw-final-860)"
    message = _raises(
        FactorNotFoundError, lambda: production.quarterly_energy_per_unit(Q_(OUT12, "kWh"), OUT12, "E01", "XX")
    )
    assert message == "factor set 'XX' is not shipped (available: tw-2024, ntpc-award-2015, tw-2025)"


# -- quarterly_differences -------------------------------------------------------------------------


def test_differences_convert_last_year_into_this_years_unit():
    # this year 1 MWh a quarter; last year 900, 1,000, 1,100, 1,250 kWh:
    #   (1,000 - 900) / 900 = 1/9, 0, (1,000 - 1,100) / 1,100 = -1/11, (1,000 - 1,250) / 1,250 = -0.2
    d, findings = production.quarterly_differences(Q_([1.0] * 4, "MWh"), Q_([900, 1000, 1100, 1250], "kWh"), name="LED")
    np.testing.assert_allclose(d, [1 / 9, 0.0, -1 / 11, -0.2], rtol=1e-12, atol=1e-15)
    assert [f.path for f in findings] == ["LED.Q1", "LED.Q4"]
    up, down = findings
    assert (up.code, up.severity) == ("production.unit_energy_difference", "warning")
    assert up.message == "Q1: energy per unit up 11.1% on last year, more than 10%: the form asks for the reason"
    assert up.context == {"difference": pytest.approx(1 / 9, rel=1e-12), "limit": 0.1}
    assert type(up.context["difference"]) is float
    assert down.message == "Q4: energy per unit down 20.0% on last year, more than 10%: the form asks for the reason"
    assert down.context == {"difference": pytest.approx(-0.2, rel=1e-12), "limit": 0.1}
    assert up.message_zh == "第 1 季單位產品能源使用量較去年增加 11.1%，超過 10%：表單要求說明原因"


def test_differences_default_name_is_product():
    # 1.2 against 1: +20 % in Q2
    _, findings = production.quarterly_differences(Q_([1.0, 1.2, 1.0, 1.0], "KLOE"), Q_([1.0] * 4, "KLOE"))
    assert [f.path for f in findings] == ["product.Q2"]


def test_differences_limit_boundary():
    # the limit with its 1e-12 tolerance: 0.1 x (1 + 1e-12); a difference exactly at it is not flagged,
    # the next float above is
    limit = 0.1 * (1 + 1e-12)
    a, b = 1.2916602569015354, 1.1742365971831072  # (a - b) / b == limit exactly in float64
    assert (a - b) / b == limit
    d, findings = production.quarterly_differences(Q_([a, 1.0, 1.0, 1.0], "KLOE"), Q_([b, 1.0, 1.0, 1.0], "KLOE"))
    assert d[0] == limit and findings == []
    a_up = float(np.nextafter(a, np.inf))
    _, findings = production.quarterly_differences(Q_([a_up, 1.0, 1.0, 1.0], "KLOE"), Q_([b, 1.0, 1.0, 1.0], "KLOE"))
    assert [f.path for f in findings] == ["product.Q1"]
    # -15 % and +15 % are over 10 % (and under 20 %)
    _, findings = production.quarterly_differences(Q_([0.85, 1.15, 1.0, 1.0], "KLOE"), Q_([1.0] * 4, "KLOE"))
    assert [f.message.split(" on ")[0] for f in findings] == [
        "Q1: energy per unit down 15.0%",
        "Q2: energy per unit up 15.0%",
    ]


@pytest.mark.parametrize(
    ("this", "last", "error", "message"),
    [
        (Q_([1.0] * 4, "kvar*h"), Q_([1.0] * 4, "kWh"), UnitsError, f"this_year {KVARH}"),
        ([Q_(1.0, "kvar*h")] * 4, Q_([1.0] * 4, "kWh"), UnitsError, f"this_year {KVARH}"),
        (
            Q_([1.0] * 4, "m"),
            Q_([1.0] * 4, "kWh"),
            UnitsError,
            f"this_year must be in a unit of {AMOUNT_UNITS}, got m which is [length]",
        ),
        (
            Q_([1.0] * 4, "kWh"),
            [Q_(1.0, "L")] * 4,
            UnitsError,
            "last_year[0] must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to kWh), got "
            "1.0 l which is [length] ** 3",
        ),
        (
            Q_([1.0] * 3, "kWh"),
            Q_([1.0] * 4, "kWh"),
            InvalidValueError,
            "this_year and last_year must hold 4 quarters, got 3 and 4",
        ),
        (
            Q_([1.0] * 4, "kWh"),
            Q_([1.0] * 5, "kWh"),
            InvalidValueError,
            "this_year and last_year must hold 4 quarters, got 4 and 5",
        ),
        (Q_([1.0] * 3 + [-1.0], "kWh"), Q_([1.0] * 4, "kWh"), InvalidValueError, f"this_year[3] {NEGATIVE}"),
        (Q_([1.0] * 4, "kWh"), Q_([1.0] * 3 + [-1.0], "kWh"), InvalidValueError, f"last_year[3] {NEGATIVE}"),
        (
            Q_([1.0] * 4, "kWh"),
            Q_([1.0] * 3 + [0.0], "kWh"),
            InvalidValueError,
            "last_year must be positive in every quarter to compare against it",
        ),
        (
            Q_([1.0] * 4, "kWh"),
            Q_([[1.0, 1.0], [1.0, 1.0]], "kWh"),
            InvalidValueError,
            "last_year must be a series (a 1-D array Quantity), got an array of shape (2, 2)",
        ),
    ],
)
def test_differences_refusals(this, last, error, message):  # type: ignore[no-untyped-def]
    assert _raises(error, lambda: production.quarterly_differences(this, last)) == message


# -- coverage_check --------------------------------------------------------------------------------


def test_coverage_exceeding_finding_whole():
    # 0.9 MWh/unit x 1,000 units = 900,000 kWh of 800,000 kWh declared: 112.5 %
    share, findings = production.coverage_check({"a": (Q_(0.9, "MWh"), 1000)}, Q_(800_000, "kWh"))
    assert share.m == pytest.approx(1.125, rel=1e-12) and share.units == Q_(1, "").units
    [f] = findings
    assert (f.code, f.severity, f.path) == ("production.exceeds_declared_use", "error", "products")
    assert f.message == "products use 900,000.0 kWh, more than the declared 800,000.0 kWh"
    assert f.context == {"covered": pytest.approx(900_000.0, rel=1e-12), "declared": 800_000.0}


def test_coverage_low_finding_whole():
    # 900 x 1,000 + 100 x 1,000 = 1,000,000 of 1,300,000 kWh: 76.9 % < 80 %
    share, findings = production.coverage_check(
        {"a": (Q_(900, "kWh"), 1000), "b": (Q_(100, "kWh"), 1000)}, Q_(1_300_000, "kWh")
    )
    [f] = findings
    assert (f.code, f.severity, f.path) == ("production.coverage_low", "warning", "products")
    assert f.message == "products cover 76.9% of the declared use, less than 80%: explain the rest"
    assert f.context == {"share": pytest.approx(1 / 1.3, rel=1e-12), "minimum": 0.8}
    # no product at all covers nothing
    share, findings = production.coverage_check({}, Q_(1, "kWh"))
    assert share.m == 0.0 and [f.code for f in findings] == ["production.coverage_low"]


def test_coverage_boundaries():
    # exactly 100 % and 100 % + 1e-12 (the tolerance) are not above the declared use; 100 % + 2e-12 is
    at_tolerance = 1 + 1e-12
    for u in (1.0, at_tolerance):
        share, findings = production.coverage_check({"a": (Q_(u, "kWh"), 1)}, Q_(1, "kWh"))
        assert share.m == u and findings == []
    _, findings = production.coverage_check({"a": (Q_(1 + 2e-12, "kWh"), 1)}, Q_(1, "kWh"))
    assert [f.code for f in findings] == ["production.exceeds_declared_use"]
    # exactly 80 % is enough; the next float below is not
    share, findings = production.coverage_check({"a": (Q_(0.8, "kWh"), 1)}, Q_(1, "kWh"))
    assert share.m == 0.8 and findings == []
    below = float(np.nextafter(0.8, 0.0))
    _, findings = production.coverage_check({"a": (Q_(below, "kWh"), 1)}, Q_(1, "kWh"))
    assert [f.code for f in findings] == ["production.coverage_low"]


def test_coverage_accepts_a_list_pair_and_sums_every_product():
    # 1 kWh x 2 + 3 kWh x 2 = 8 of 10 kWh: 80 %
    share, findings = production.coverage_check({"a": [Q_(1, "kWh"), 2], "b": (Q_(3, "kWh"), 2)}, Q_(10, "kWh"))
    assert share.m == pytest.approx(0.8, rel=1e-12) and findings == []


@pytest.mark.parametrize(
    ("products", "declared", "error", "message"),
    [
        (
            {},
            1,
            UnitsError,
            "declared_use must be a Quantity of an energy, got bare int 1; give units, e.g. carbonaudit.Q_(1, ...)",
        ),
        ({}, Q_(1, "kvar*h"), UnitsError, f"declared_use {KVARH}"),
        ({}, Q_(1, "m"), UnitsError, f"declared_use must be in a unit of {AMOUNT_UNITS}, got m which is [length]"),
        ({}, Q_(-1, "kWh"), InvalidValueError, f"declared_use {NEGATIVE}"),
        ({}, Q_(0, "kWh"), InvalidValueError, "declared_use must be positive"),
        (
            {"a": (Q_(1, "kWh"), 2, 3)},
            Q_(1, "kWh"),
            InvalidValueError,
            "products['a'] must be a pair (energy per unit, output), got (<Quantity(1, 'kilowatt_hour')>, 2, 3)",
        ),
        (
            {"a": Q_(1, "kWh")},
            Q_(1, "kWh"),
            InvalidValueError,
            "products['a'] must be a pair (energy per unit, output), got <Quantity(1, 'kilowatt_hour')>",
        ),
        (
            {"a": (1, 2)},
            Q_(1, "kWh"),
            UnitsError,
            "products['a'] unit use must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (e.g. kWh), got "
            "bare int 1; give units, e.g. carbonaudit.Q_(1, ...)",
        ),
        (
            {"a": (Q_(1, "L"), 2)},
            Q_(1, "kWh"),
            UnitsError,
            "products['a'] unit use must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to "
            "kWh), got 1 l which is [length] ** 3",
        ),
        ({"a": (Q_(-1, "kWh"), 2)}, Q_(1, "kWh"), InvalidValueError, f"products['a'] unit use {NEGATIVE}"),
        (
            {"a": (Q_([1, 2], "kWh"), 2)},
            Q_(1, "kWh"),
            InvalidValueError,
            "products['a'] unit use must be a single value, got an array of shape (2,)",
        ),
        (
            {"a": (Q_(1, "kWh"), [2, 3])},
            Q_(1, "kWh"),
            InvalidValueError,
            "products['a'] output must be a single count, got shape (2,)",
        ),
        ({"a": (Q_(1, "kWh"), -1)}, Q_(1, "kWh"), InvalidValueError, f"products['a'] output {NEGATIVE}"),
        ({1: (Q_(1, "kWh"), -1)}, Q_(1, "kWh"), InvalidValueError, f"products[1] output {NEGATIVE}"),
        (
            {"a": (Q_(1, "kWh"), Q_(2, ""))},
            Q_(1, "kWh"),
            InvalidValueError,
            "products['a'] output must be a count of units (numbers), not a Quantity",
        ),
        (
            {"a": (Q_(1, "kWh"), True)},
            Q_(1, "kWh"),
            InvalidValueError,
            "products['a'] output " + NOT_COUNTS.format(True),
        ),
        (
            {"a": (Q_(1, "kWh"), 10**400)},
            Q_(1, "kWh"),
            InvalidValueError,
            "products['a'] output must be a count of at most 1e+30, got an int beyond float64's range (about "
            "1.8e308); check the figure",
        ),
    ],
)
def test_coverage_refusals(products, declared, error, message):  # type: ignore[no-untyped-def]
    assert _raises(error, lambda: production.coverage_check(products, declared)) == message


def test_quarterly_energy_names_the_energy_whose_fuel_lacks_a_density():
    # diesel is per litre in tw-2024 with no density: the energy (not to_kloe's "amount") is named
    with pytest.raises(FactorNotFoundError) as info:
        production.quarterly_energy_per_unit(Q_([1.0] * 12, "kg"), [1] * 12, "O05")
    assert str(info.value).startswith(
        "energy is a mass ([1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0] kg) but fuel 'diesel' (柴油) has factors per L"
    )
