"""Exact messages, boundaries and returned fields of carbonaudit.electrical (non-production-form-2025 八, 表九之八).

Limits used below (data/factors.yaml rules.limits, source non-production-form-2025 = 114年 能源查核申報表
附表三 八 註3-4): transformer load rate reasonable at 50 %-75 %, power factor should be above 95 %.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from carbonaudit import Q_, InvalidValueError, UnitsError, electrical
from carbonaudit.errors import Finding

ONE = Q_(1, "dimensionless").units
TOL = 1e-12  # the relative tolerance check_transformer documents for printed percentages


def raises(call, error, message):  # type: ignore[no-untyped-def]
    """The exact exception type and the whole message."""
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    assert str(info.value) == message


# ---------------------------------------------------------------- transformer_load_rate


def test_load_rate_by_hand_and_unit():
    # 八 註4: √3 × 380 V × 1,000 A = 658,178.4 VA = 658.1784 kVA of 1,000 kVA
    r = electrical.transformer_load_rate(Q_(380, "V"), Q_(1000, "A"), Q_(1000, "kVA"))
    assert r.m == pytest.approx(math.sqrt(3) * 380 * 1000 / 1000 / 1000, rel=1e-12)
    assert r.units == ONE


def test_load_rate_of_a_small_transformer_with_capacity_one():
    # √3 × 100 V × 2 A = 346.41 VA = 0.34641 kVA of 1 kVA (a capacity of 1 is not refused)
    r = electrical.transformer_load_rate(Q_(100, "V"), Q_(2, "A"), Q_(1, "kVA"), power_factor=1)
    assert r.m == pytest.approx(math.sqrt(3) * 200 / 1000, rel=1e-12)


def test_load_rate_arrays():
    # √3 × 380 × [1000, 500] A / 1000 / [1000, 250] kVA
    r = electrical.transformer_load_rate(Q_(380, "V"), Q_([1000.0, 500.0], "A"), Q_([1000.0, 250.0], "kVA"), 0.9)
    expected = [math.sqrt(3) * 380 * 1000 / 1000 / 1000, math.sqrt(3) * 380 * 500 / 1000 / 250]
    assert r.m == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("pf", [1, 1.0, Q_(100, "percent"), 1e-9, np.nextafter(0.0, 1.0), np.array([0.9, 1.0])])
def test_load_rate_accepts_power_factors_in_the_half_open_interval(pf):
    r = electrical.transformer_load_rate(Q_(380, "V"), Q_(1000, "A"), Q_(1000, "kVA"), pf)
    assert r.m == pytest.approx(math.sqrt(3) * 0.38, rel=1e-12)


@pytest.mark.parametrize(
    ("pf", "shown"),
    [
        (0, "0"),
        (0.0, "0.0"),
        (-0.5, "-0.5"),
        (1.5, "1.5"),
        (float(np.nextafter(1.0, 2.0)), "1.0000000000000002"),
        (float("nan"), "nan"),
        (Q_(120, "percent"), "<Quantity(120, 'percent')>"),
        (np.array([0.9, 0.0]), "array([0.9, 0. ])"),
    ],
)
def test_load_rate_refuses_power_factor_outside_the_half_open_interval(pf, shown):
    raises(
        lambda: electrical.transformer_load_rate(Q_(380, "V"), Q_(1000, "A"), Q_(1000, "kVA"), pf),
        InvalidValueError,
        f"power_factor must be in (0, 1], got {shown}",
    )


def test_load_rate_power_factor_not_a_number():
    raises(
        lambda: electrical.transformer_load_rate(Q_(380, "V"), Q_(1000, "A"), Q_(1000, "kVA"), "0.9"),
        UnitsError,
        "power_factor must be a fraction (0.125) or a percent Quantity (Q_(12.5, 'percent')), got str '0.9'",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((Q_(-380, "V"), Q_(1000, "A"), Q_(1000, "kVA")), "voltage must be a finite, non-negative number, got -380.0"),
        ((Q_(380, "V"), Q_(-1000, "A"), Q_(1000, "kVA")), "current must be a finite, non-negative number, got -1000.0"),
        ((Q_(380, "V"), Q_(1000, "A"), Q_(-1, "kVA")), "capacity must be a finite, non-negative number, got -1.0"),
    ],
)
def test_load_rate_names_a_negative_input(args, message):
    raises(lambda: electrical.transformer_load_rate(*args), InvalidValueError, message)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (Q_(0.38, "kV"), Q_(1, "kA"), Q_(1, "kW")),
            "capacity must be apparent power (kVA), got 1 kW: real power (kW) is not apparent power (kVA)",
        ),
        (
            (Q_(380, "V"), Q_(1000, "V"), Q_(1000, "kVA")),
            "current must be a Quantity of [current] (convertible to A), got 1000 V which is "
            "[mass] * [length] ** 2 / [time] ** 3 / [current]",
        ),
        (
            (Q_(380, "A"), Q_(1000, "A"), Q_(1000, "kVA")),
            "voltage must be a Quantity of [mass] * [length] ** 2 / [time] ** 3 / [current] (convertible to V), "
            "got 380 A which is [current]",
        ),
    ],
)
def test_load_rate_names_a_wrong_unit(args, message):
    raises(lambda: electrical.transformer_load_rate(*args), UnitsError, message)


def test_load_rate_units_are_converted():
    # 0.38 kV × 1 kA × √3 = 658.18 kVA of 1 MVA
    r = electrical.transformer_load_rate(Q_(0.38, "kV"), Q_(1, "kA"), Q_(1, "MVA"))
    assert r.m == pytest.approx(math.sqrt(3) * 0.38, rel=1e-12)


def test_load_rate_names_every_array_of_mismatched_length():
    raises(
        lambda: electrical.transformer_load_rate(
            Q_([380.0, 380.0], "V"), Q_([1.0, 2.0], "A"), Q_([1.0, 2.0, 3.0], "kVA")
        ),
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got voltage (2,), current (2,), capacity (3,)",
    )
    raises(
        lambda: electrical.transformer_load_rate(Q_([380.0, 380.0, 1.0], "V"), Q_([1.0, 2.0], "A"), Q_(1.0, "kVA")),
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got voltage (3,), current (2,)",
    )


@pytest.mark.parametrize("capacity", [Q_(0, "kVA"), Q_(0.0, "MVA"), Q_([1000.0, 0.0], "kVA")])
def test_load_rate_refuses_zero_capacity(capacity):
    raises(
        lambda: electrical.transformer_load_rate(Q_(380, "V"), Q_(1000, "A"), capacity),
        InvalidValueError,
        "capacity must be positive, got 0 kVA",
    )


# ---------------------------------------------------------------- check_transformer


def _low(r: float, name: str = "transformer") -> Finding:
    return Finding(
        "electrical.load_rate_low",
        "warning",
        f"{name}.load_rate",
        f"load rate {r:.1%} is below the reasonable 50%-75%: copper and iron losses weigh more",
    )


def _high(r: float, name: str = "transformer") -> Finding:
    return Finding(
        "electrical.load_rate_high",
        "warning",
        f"{name}.load_rate",
        f"load rate {r:.1%} is above the reasonable 50%-75%",
    )


def _pf_low(pf: float, name: str = "transformer") -> Finding:
    return Finding(
        "electrical.power_factor_low", "warning", f"{name}.power_factor", f"power factor {pf:.1%} should be above 95%"
    )


def test_check_transformer_low_load_and_low_power_factor_every_field():
    found = electrical.check_transformer(0.35, 0.93)
    assert found == [
        Finding(
            "electrical.load_rate_low",
            "warning",
            "transformer.load_rate",
            "load rate 35.0% is below the reasonable 50%-75%: copper and iron losses weigh more",
        ),
        Finding(
            "electrical.power_factor_low",
            "warning",
            "transformer.power_factor",
            "power factor 93.0% should be above 95%",
        ),
    ]
    assert found[0].context == {"found": 0.35, "min": 0.5, "max": 0.75}
    assert found[1].context == {"found": 0.93, "min": 0.95}


def test_check_transformer_high_load_named_every_field():
    found = electrical.check_transformer(Q_(80, "percent"), name="TR-1")
    assert found == [
        Finding(
            "electrical.load_rate_high", "warning", "TR-1.load_rate", "load rate 80.0% is above the reasonable 50%-75%"
        )
    ]
    assert found[0].context == {"found": 0.8, "min": 0.5, "max": 0.75}


def test_check_transformer_name_names_the_power_factor_path():
    assert electrical.check_transformer(0.6, 0.9, name="TR-2") == [_pf_low(0.9, "TR-2")]
    assert electrical.check_transformer(0.6, 0.96, name="TR-2") == []


def test_check_transformer_without_power_factor_checks_only_the_load():
    assert electrical.check_transformer(0.6) == []
    assert electrical.check_transformer(0.6, None) == []


@pytest.mark.parametrize(
    ("r", "flagged"),
    [
        (0.0, True),  # zero is a valid load (an idle transformer), far below 50 %
        (float(np.nextafter(0.5 * (1 - TOL), 0.0)), True),  # just below 50 % less the tolerance
        (0.5 * (1 - TOL), False),  # 50 % less the tolerance: not below it
        (0.5 - 1e-13, False),  # within the tolerance of 50 %
        (0.5, False),
        (Q_(50, "percent"), False),
    ],
)
def test_check_transformer_lower_limit_boundary(r, flagged):
    value = r.m_as("") if hasattr(r, "m_as") else r
    assert electrical.check_transformer(r) == ([_low(value)] if flagged else [])


@pytest.mark.parametrize(
    ("r", "flagged"),
    [
        (0.75, False),
        (Q_(75, "percent"), False),  # 75 % is within the range (docstring)
        (0.75 + 1e-13, False),  # within the tolerance of 75 %
        (0.75 * (1 + TOL), False),  # 75 % plus the tolerance: not above it
        (float(np.nextafter(0.75 * (1 + TOL), 1.0)), True),
        (0.8, True),
        (2.0, True),  # an overloaded transformer: no upper bound on a load rate
    ],
)
def test_check_transformer_upper_limit_boundary(r, flagged):
    value = r.m_as("") if hasattr(r, "m_as") else r
    assert electrical.check_transformer(r) == ([_high(value)] if flagged else [])


@pytest.mark.parametrize(
    ("pf", "flagged"),
    [
        (0.0, True),
        (0.9, True),
        (0.95, True),  # must be above 95 %: exactly 95 % is flagged
        (Q_(95, "percent"), True),  # 0.9500000000000001 in binary, still 95 %
        (0.95 * (1 + TOL), True),  # at 95 % plus the tolerance
        (float(np.nextafter(0.95 * (1 + TOL), 1.0)), False),
        (0.96, False),
        (1.0, False),  # the largest accepted power factor
    ],
)
def test_check_transformer_power_factor_boundary(pf, flagged):
    value = pf.m_as("") if hasattr(pf, "m_as") else pf
    assert electrical.check_transformer(0.6, pf) == ([_pf_low(value)] if flagged else [])


@pytest.mark.parametrize(
    ("load_rate", "power_factor", "error", "message"),
    [
        (float("nan"), None, InvalidValueError, "load_rate must be a finite fraction >= 0, got nan"),
        (float("inf"), None, InvalidValueError, "load_rate must be a finite fraction >= 0, got inf"),
        (-0.2, None, InvalidValueError, "load_rate must be a finite fraction >= 0, got -0.2"),
        (
            Q_(-20, "percent"),
            None,
            InvalidValueError,
            "load_rate must be a finite fraction >= 0, got <Quantity(-20, 'percent')>",
        ),
        (np.array([0.5, 0.6]), None, InvalidValueError, "load_rate must be a single value, got an array of shape (2,)"),
        (
            "0.6",
            None,
            UnitsError,
            "load_rate must be a fraction (0.125) or a percent Quantity (Q_(12.5, 'percent')), got str '0.6'",
        ),
        (0.6, 1.5, InvalidValueError, "power_factor must be a finite fraction >= 0 and at most 1, got 1.5"),
        (
            0.6,
            float(np.nextafter(1.0, 2.0)),
            InvalidValueError,
            "power_factor must be a finite fraction >= 0 and at most 1, got 1.0000000000000002",
        ),
        (0.6, float("nan"), InvalidValueError, "power_factor must be a finite fraction >= 0 and at most 1, got nan"),
        (0.6, float("inf"), InvalidValueError, "power_factor must be a finite fraction >= 0 and at most 1, got inf"),
        (0.6, -0.1, InvalidValueError, "power_factor must be a finite fraction >= 0 and at most 1, got -0.1"),
        (
            0.6,
            np.array([0.96, 0.97]),
            InvalidValueError,
            "power_factor must be a single value, got an array of shape (2,)",
        ),
        (
            0.6,
            "0.96",
            UnitsError,
            "power_factor must be a fraction (0.125) or a percent Quantity (Q_(12.5, 'percent')), got str '0.96'",
        ),
    ],
)
def test_check_transformer_refuses_bad_values_by_name(load_rate, power_factor, error, message):
    raises(lambda: electrical.check_transformer(load_rate, power_factor), error, message)


def test_check_transformer_accepts_a_zero_dimensional_array():
    assert electrical.check_transformer(np.array(0.6), np.array(0.97)) == []


# ---------------------------------------------------------------- pue


def test_pue_by_hand_and_unit():
    # 表九之八 註3: (a + b) / b = (600,000 + 1,000,000) / 1,000,000 = 1.6
    r = electrical.pue(non_it=Q_(600_000, "kWh"), it=Q_(1_000_000, "kWh"))
    assert r.m == pytest.approx(1.6, rel=1e-12)
    assert r.units == ONE


def test_pue_of_the_total_facility_energy():
    # the same facility by its total: 1,600,000 / 1,000,000 = 1.6; 1,500,000 kWh in all = 1.5, not the 2.5 the
    # total taken for the infrastructure's energy gives ((1,500,000 + 1,000,000) / 1,000,000)
    assert electrical.pue(total=Q_(1_600_000, "kWh"), it=Q_(1_000_000, "kWh")).m == pytest.approx(1.6, rel=1e-12)
    r = electrical.pue(total=Q_(1_500_000, "kWh"), it=Q_(1_000_000, "kWh"))
    assert r.m == pytest.approx(1.5, rel=1e-12) and r.units == ONE
    # units apart: 1.5 GWh over 1,000 MWh = 1.5
    assert electrical.pue(total=Q_(1.5, "GWh"), it=Q_(1_000, "MWh")).m == pytest.approx(1.5, rel=1e-12)
    # the boundary: a facility that is all IT, total = it, PUE 1
    assert electrical.pue(total=Q_(7, "kWh"), it=Q_(7, "kWh")).m == 1.0


def test_pue_with_one_kwh_of_it_and_arrays():
    # (0.5 + 1) / 1 = 1.5; (3 + 2) / 2 = 2.5; MWh converted: (1 + 1000) / 1000 = 1.001
    assert electrical.pue(non_it=Q_(0.5, "kWh"), it=Q_(1, "kWh")).m == pytest.approx(1.5, rel=1e-12)
    r = electrical.pue(non_it=Q_([0.5, 3.0, 1.0], "kWh"), it=Q_([1.0, 2.0, 1.0], "MWh"))
    assert r.m == pytest.approx([1.0005, 1.0015, 1.001], rel=1e-12)
    assert electrical.pue(non_it=Q_(0, "kWh"), it=Q_(7, "kWh")).m == 1.0
    # totals of 1,500 and 4,000 kWh over 1,000 and 2,000 kWh of IT: 1.5 and 2.0
    r = electrical.pue(total=Q_([1_500.0, 4_000.0], "kWh"), it=Q_([1.0, 2.0], "MWh"))
    assert r.m == pytest.approx([1.5, 2.0], rel=1e-12)


@pytest.mark.parametrize("it", [Q_(0, "kWh"), Q_([1.0, 0.0], "kWh")])
@pytest.mark.parametrize("energy", ["non_it", "total"])
def test_pue_refuses_zero_it_energy(it, energy):
    raises(
        lambda: electrical.pue(it=it, **{energy: Q_(1, "kWh")}),
        InvalidValueError,
        "it must be positive: PUE is undefined with no IT energy",
    )


def test_pue_takes_the_total_or_the_non_it_energy_by_keyword():
    both = "pue takes total= (the facility's energy, IT included) or non_it= (the infrastructure's, a), one of them"
    raises(lambda: electrical.pue(it=Q_(1, "kWh")), InvalidValueError, both + "; got neither")
    raises(
        lambda: electrical.pue(it=Q_(1, "kWh"), total=Q_(2, "kWh"), non_it=Q_(1, "kWh")),
        InvalidValueError,
        both + "; got both",
    )
    # a call by position cannot mean a, b or b, a: Python refuses it
    with pytest.raises(TypeError, match="positional"):
        electrical.pue(Q_(600_000, "kWh"), Q_(1_000_000, "kWh"))  # type: ignore[misc]


def test_a_total_below_the_it_energy_is_impossible():
    raises(
        lambda: electrical.pue(total=Q_(900_000, "kWh"), it=Q_(1_000_000, "kWh")),
        InvalidValueError,
        "total (900,000 kWh) is below it (1,000,000 kWh): the facility's energy includes the IT equipment's; "
        "if it is the infrastructure's energy alone, pass it as non_it=",
    )
    # 0.999 MWh is below 1,000 kWh by 1 kWh; in arrays the first such position is named
    raises(
        lambda: electrical.pue(total=Q_([2.0, 0.999], "MWh"), it=Q_([1_000.0, 1_000.0], "kWh")),
        InvalidValueError,
        "total (999 kWh) is below it (1,000 kWh) at position 1: the facility's energy includes the IT equipment's; "
        "if it is the infrastructure's energy alone, pass it as non_it=",
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"non_it": Q_(-1, "kWh"), "it": Q_(1, "kWh")},
            InvalidValueError,
            "non_it must be a finite, non-negative number, got -1.0",
        ),
        (
            {"total": Q_(-1, "kWh"), "it": Q_(1, "kWh")},
            InvalidValueError,
            "total must be a finite, non-negative number, got -1.0",
        ),
        (
            {"non_it": Q_(1, "kWh"), "it": Q_(-2, "kWh")},
            InvalidValueError,
            "it must be a finite, non-negative number, got -2.0",
        ),
        (
            {"non_it": Q_(1, "kW"), "it": Q_(1, "kWh")},
            UnitsError,
            "non_it must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to kWh), "
            "got 1 kW which is [mass] * [length] ** 2 / [time] ** 3",
        ),
        (
            {"total": Q_(1, "kW"), "it": Q_(1, "kWh")},
            UnitsError,
            "total must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to kWh), "
            "got 1 kW which is [mass] * [length] ** 2 / [time] ** 3",
        ),
        (
            {"non_it": Q_(1, "kWh"), "it": Q_(1, "kW")},
            UnitsError,
            "it must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to kWh), "
            "got 1 kW which is [mass] * [length] ** 2 / [time] ** 3",
        ),
        (
            {"non_it": Q_([1.0, 2.0], "kWh"), "it": Q_([1.0, 2.0, 3.0], "kWh")},
            InvalidValueError,
            "array arguments must have matching lengths (or be scalars), got non_it (2,), it (3,)",
        ),
        (
            {"total": Q_([1.0, 2.0], "kWh"), "it": Q_([1.0, 2.0, 3.0], "kWh")},
            InvalidValueError,
            "array arguments must have matching lengths (or be scalars), got total (2,), it (3,)",
        ),
    ],
)
def test_pue_names_a_bad_input(kwargs, error, message):
    raises(lambda: electrical.pue(**kwargs), error, message)


# ---------------------------------------------------------------- ups_efficiency


def test_ups_efficiency_by_hand_and_unit():
    # 表九之八 註6: 95 kW out / 100 kW in = 95 %
    r = electrical.ups_efficiency(Q_(95, "kW"), Q_(100, "kW"))
    assert r.m == pytest.approx(0.95, rel=1e-12)
    assert r.units == ONE


def test_ups_efficiency_with_one_kw_input_and_arrays():
    # 0.95 kW / 1 kW = 0.95; [90 kW, 0 kW] / [0.1 MW, 50 kW] = [0.9, 0]
    assert electrical.ups_efficiency(Q_(0.95, "kW"), Q_(1, "kW")).m == pytest.approx(0.95, rel=1e-12)
    r = electrical.ups_efficiency(Q_([90.0, 0.0], "kW"), Q_([100.0, 50.0], "kW"))
    assert r.m == pytest.approx([0.9, 0.0], rel=1e-12)


def test_ups_efficiency_output_equal_to_input_is_one():
    assert electrical.ups_efficiency(Q_(100, "kW"), Q_(0.1, "MW")).m == pytest.approx(1.0, rel=1e-12)
    assert electrical.ups_efficiency(Q_(100.0, "kW"), Q_(100.0, "kW")).m == 1.0


def test_ups_efficiency_refuses_output_just_above_input():
    above = float(np.nextafter(100.0, 200.0))
    raises(
        lambda: electrical.ups_efficiency(Q_(above, "kW"), Q_(100.0, "kW")),
        InvalidValueError,
        f"output_power ({above!r} kW) must not exceed input_power (100.0 kW)",
    )


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (
            (Q_(101, "kW"), Q_(0.1, "MW")),
            InvalidValueError,
            "output_power (101 kW) must not exceed input_power (0.1 MW)",
        ),
        ((Q_(0, "kW"), Q_(0, "kW")), InvalidValueError, "input_power must be positive"),
        ((Q_([1.0, 1.0], "kW"), Q_([2.0, 0.0], "kW")), InvalidValueError, "input_power must be positive"),
        (
            (Q_(-1, "kW"), Q_(1, "kW")),
            InvalidValueError,
            "output_power must be a finite, non-negative number, got -1.0",
        ),
        ((Q_(1, "kW"), Q_(-3, "kW")), InvalidValueError, "input_power must be a finite, non-negative number, got -3.0"),
        (
            (Q_([1.0, 2.0], "kW"), Q_([1.0, 2.0, 3.0], "kW")),
            InvalidValueError,
            "array arguments must have matching lengths (or be scalars), got output_power (2,), input_power (3,)",
        ),
        (
            (Q_(1, "kWh"), Q_(1, "kW")),
            UnitsError,
            "output_power must be a Quantity of [mass] * [length] ** 2 / [time] ** 3 (convertible to kW), "
            "got 1 kWh which is [mass] * [length] ** 2 / [time] ** 2",
        ),
        (
            (Q_(1, "kW"), Q_(1, "kWh")),
            UnitsError,
            "input_power must be a Quantity of [mass] * [length] ** 2 / [time] ** 3 (convertible to kW), "
            "got 1 kWh which is [mass] * [length] ** 2 / [time] ** 2",
        ),
    ],
)
def test_ups_efficiency_names_a_bad_input(args, error, message):
    raises(lambda: electrical.ups_efficiency(*args), error, message)


# ---------------------------------------------------------------- DataCentre


@pytest.mark.parametrize(
    ("point", "category"),
    [("ups_input", None), ("ups_output", "PUE1"), ("pdu_output", "PUE2"), ("it_input", "PUE3"), ("other", None)],
)
def test_data_centre_category_by_metering_point(point, category):
    # 表九之八 註9, 註11: ISO/IEC 30134-2 PUE1 UPS output, PUE2 PDU output, PUE3 IT input
    dc = electrical.DataCentre(Q_(6e5, "kWh"), Q_(1e6, "kWh"), point)
    assert dc.category == category
    assert dc.pue.m == pytest.approx(1.6, rel=1e-12)  # (6e5 + 1e6) / 1e6
    assert dc.pue.units == ONE


@pytest.mark.parametrize("point", ["ups_output", "pdu_output", "it_input"])
def test_data_centre_in_a_category_has_no_finding(point):
    assert electrical.DataCentre(Q_(1, "kWh"), Q_(2, "kWh"), point, name="DC1").findings() == []


@pytest.mark.parametrize(
    ("point", "name", "path"),
    [("ups_input", "DC1", "DC1.metering_point"), ("other", "", "data_centre.metering_point")],
)
def test_data_centre_outside_the_categories_every_field(point, name, path):
    found = electrical.DataCentre(Q_(1, "kWh"), Q_(2, "kWh"), point, name=name).findings()
    assert found == [
        Finding(
            "electrical.pue_metering_point",
            "info",
            path,
            f"IT energy metered at {point!r} is not an ISO/IEC 30134-2 category; "
            "the form recommends at least PUE1 (UPS output)",
        )
    ]
    assert found[0].context == {}


def test_data_centre_default_name_is_data_centre():
    assert (
        electrical.DataCentre(Q_(1, "kWh"), Q_(2, "kWh"), "ups_input").findings()[0].path
        == "data_centre.metering_point"
    )


def test_data_centre_pue_of_arrays():
    # monthly (a + b) / b: (1 + 2) / 2, (3 + 1) / 1
    dc = electrical.DataCentre(Q_([1.0, 3.0], "kWh"), Q_([2.0, 1.0], "kWh"), "pdu_output")
    assert dc.pue.m == pytest.approx([1.5, 4.0], rel=1e-12)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (Q_(1, "kWh"), Q_(1, "kWh"), "roof"),
            "metering_point must be one of ups_input, ups_output, pdu_output, it_input, other, got 'roof'",
        ),
        (
            (Q_(1, "kWh"), Q_(1, "kWh"), "UPS_OUTPUT"),
            "metering_point must be one of ups_input, ups_output, pdu_output, it_input, other, got 'UPS_OUTPUT'",
        ),
        ((Q_(1, "kWh"), Q_(0, "kWh"), "ups_output"), "it must be positive: PUE is undefined with no IT energy"),
        ((Q_(-1, "kWh"), Q_(1, "kWh"), "ups_output"), "infrastructure must be a finite, non-negative number, got -1.0"),
    ],
)
def test_data_centre_checks_at_construction(args, message):
    raises(lambda: electrical.DataCentre(*args), InvalidValueError, message)


def test_a_metering_point_that_is_not_text_is_named():
    # a list is unhashable: it used to escape as a bare TypeError
    with pytest.raises(InvalidValueError) as info:
        electrical.DataCentre(Q_(1, "kWh"), Q_(1, "kWh"), ["ups_output"])  # type: ignore[arg-type]
    assert str(info.value) == (
        "metering_point must be one of ups_input, ups_output, pdu_output, it_input, other, got ['ups_output']"
    )
