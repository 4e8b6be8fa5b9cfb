"""carbonaudit.chiller pinned exactly: every message, finding, label, bound and option (mutation testing).

Numbers: non-production-form-2025 表九之一(二) 註5-8 (load = density × flow × specific heat × ΔT; water 1 kg/L and
1.0 kcal/(kg·°C)), 1 USRT = 3,024 kcal/h (表五之三 註), the 1,000 RT declaration threshold (註1).
The base log below is worked by hand: 302,400 L/h × 1 kg/L × 1.0 kcal/(kg·°C) × (12 − 7) °C =
1,512,000 kcal/h = 1,512,000 / 3,024 = 500 RT; 800 kW of electricity. Each reading holds until the
next one; intervals longer than max_gap (default 1 h) are not counted.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import pytest

from carbonaudit import Q_, InvalidValueError, PeriodError, UnitsError, chiller

FLOW = 302_400.0  # L/h: 500 RT at ΔT 5 °C (see module docstring)
RT = 500.0


def _raises(error: type[Exception], message: str, call: Any) -> None:
    """*call* raises exactly *error* with exactly *message*."""
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    assert str(info.value) == message


def _t(*stamps: str) -> Any:
    return np.array(stamps, dtype="datetime64[s]")


T3 = _t("2024-07-01T00:00", "2024-07-01T01:00", "2024-07-01T02:00")  # two one-hour intervals


def _base(n: int = 3, **changes: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "time": T3 if n == 3 else np.datetime64("2024-07-01T00", "s") + np.arange(n) * np.timedelta64(3600, "s"),
        "flow": Q_(np.full(n, FLOW), "L/h"),
        "supply": Q_(np.full(n, 7.0), "degC"),
        "ret": Q_(np.full(n, 12.0), "degC"),
        "power": Q_(np.full(n, 800.0), "kW"),
    }
    args.update(changes)
    return args


def _log(n: int = 3, **changes: Any) -> chiller.ChillerLog:
    return chiller.from_log(**_base(n, **changes))


def _summary(f: Any) -> tuple[str, str, str, str]:
    return (f.code, f.severity, f.path, f.message)


# -- cooling_load and _temperatures --------------------------------------------------------------


def test_cooling_load_value_unit_and_type():
    # 註7: 1 kg/L × 12,000 L/min × 60 min/h × 1.0 × (12 − 7) °C = 3,600,000 kcal/h
    load = chiller.cooling_load(Q_(12_000, "L/min"), Q_(7, "degC"), Q_(12, "degC"))
    assert load.units == Q_(1, "kcal/h").units
    assert load.m == pytest.approx(3_600_000, rel=1e-12)
    assert type(load.m) is float  # a scalar temperature difference stays a Python float


def test_cooling_load_equal_temperatures_give_zero():
    # return = supply is allowed (no cooling), only return < supply is refused
    assert chiller.cooling_load(Q_(12_000, "L/min"), Q_(9, "degC"), Q_(9, "degC")).m == 0.0
    at = chiller.cooling_load(Q_([60.0, 60.0], "L/min"), Q_([9.0, 7.0], "degC"), Q_([9.0, 8.0], "degC"))
    # 3,600 L/h × 0 and 3,600 L/h × 1 °C
    np.testing.assert_allclose(at.m, [0.0, 3_600.0], rtol=1e-12)


def test_cooling_load_arrays_broadcast_a_scalar_temperature():
    # 60 L/min = 3,600 L/h; ΔT 5 and 6 °C
    load = chiller.cooling_load(Q_(60.0, "L/min"), Q_(7.0, "degC"), Q_([12.0, 13.0], "degC"))
    np.testing.assert_allclose(load.m, [18_000.0, 21_600.0], rtol=1e-12)


def test_cooling_load_delta_in_kelvin():
    # 720 m³/h = 720,000 L/h × 5 K = 3,600,000 kcal/h
    assert chiller.cooling_load(Q_(720, "m**3/h"), delta=Q_(5, "K")).m == pytest.approx(3_600_000, rel=1e-12)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"supply": Q_(7, "degC"), "ret": Q_(12, "degC")},
        {"supply": Q_(7, "degC")},
        {"ret": Q_(12, "degC")},
    ],
)
def test_cooling_load_refuses_delta_with_any_temperature(kwargs):
    _raises(
        InvalidValueError,
        "give either supply and ret temperatures or delta, not both",
        lambda: chiller.cooling_load(Q_(1, "L/min"), delta=Q_(5, "delta_degC"), **kwargs),
    )


@pytest.mark.parametrize("kwargs", [{}, {"supply": Q_(7, "degC")}, {"ret": Q_(12, "degC")}])
def test_cooling_load_needs_both_temperatures(kwargs):
    _raises(
        InvalidValueError,
        "cooling_load needs supply and ret temperatures (or delta)",
        lambda: chiller.cooling_load(Q_(1, "L/min"), **kwargs),
    )


def test_cooling_load_delta_is_checked_by_name():
    _raises(
        InvalidValueError,
        "delta must be a finite, non-negative number, got -5.0",
        lambda: chiller.cooling_load(Q_(1, "L/min"), delta=Q_(-5, "delta_degC")),
    )
    _raises(
        UnitsError,
        "delta must be a temperature difference, got 5 °C, an absolute temperature; "
        "write it as a difference, e.g. Q_(5, 'delta_degC') or in K",
        lambda: chiller.cooling_load(Q_(1, "L/min"), delta=Q_(5, "degC")),
    )


@pytest.mark.parametrize(
    ("supply", "ret", "message"),
    [
        (
            7,
            Q_(12, "degC"),
            "supply must be a Quantity of a temperature (degC), got bare int 7; give units, e.g. carbonaudit.Q_(7, ...)",
        ),
        (
            Q_(7, "degC"),
            12.0,
            "ret must be a Quantity of a temperature (degC), got bare float 12.0; give units, e.g. carbonaudit.Q_(12.0, ...)",
        ),
        (Q_(7, "kg"), Q_(12, "degC"), "supply must be a temperature (degC, K), got 7 kg which is [mass]"),
        (Q_(7, "degC"), Q_(12, "s"), "ret must be a temperature (degC, K), got 12 s which is [time]"),
    ],
)
def test_cooling_load_temperature_units_by_name(supply, ret, message):
    _raises(UnitsError, message, lambda: chiller.cooling_load(Q_(1, "L/min"), supply, ret))


def test_cooling_load_absolute_temperatures_not_differences():
    _raises(
        UnitsError,
        "supply must be an absolute temperature (e.g. °C), got 7 Δ°C, a temperature difference; "
        "write it as a temperature, e.g. Q_(7, 'degC')",
        lambda: chiller.cooling_load(Q_(1, "L/min"), Q_(7, "delta_degC"), Q_(12, "degC")),
    )
    _raises(
        UnitsError,
        "ret must be an absolute temperature (e.g. °C), got 12 Δ°C, a temperature difference; "
        "write it as a temperature, e.g. Q_(12, 'degC')",
        lambda: chiller.cooling_load(Q_(1, "L/min"), Q_(7, "degC"), Q_(12, "delta_degC")),
    )


def test_cooling_load_temperatures_may_be_negative_not_nan():
    # a brine: −8 °C supply, −3 °C return, 60 L/min = 3,600 L/h × 5 °C = 18,000 kcal/h
    assert chiller.cooling_load(Q_(60, "L/min"), Q_(-8, "degC"), Q_(-3, "degC")).m == pytest.approx(18_000, rel=1e-12)
    _raises(
        InvalidValueError,
        "supply must be a finite number, got nan",
        lambda: chiller.cooling_load(Q_(1, "L/min"), Q_(np.nan, "degC"), Q_(12, "degC")),
    )
    _raises(
        InvalidValueError,
        "ret must be a finite number, got inf",
        lambda: chiller.cooling_load(Q_(1, "L/min"), Q_(7, "degC"), Q_(np.inf, "degC")),
    )


def test_cooling_load_temperature_shapes_named():
    _raises(
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got supply (2,), ret (3,)",
        lambda: chiller.cooling_load(Q_(1, "L/min"), Q_([7.0, 7.0], "degC"), Q_([12.0] * 3, "degC")),
    )
    _raises(
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got flow (3,), temperatures (2,)",
        lambda: chiller.cooling_load(Q_([1.0] * 3, "L/min"), Q_(7.0, "degC"), Q_([12.0, 13.0], "degC")),
    )
    _raises(
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got flow (2,), temperatures (3,)",
        lambda: chiller.cooling_load(Q_([1.0] * 2, "L/min"), delta=Q_([5.0] * 3, "delta_degC")),
    )


@pytest.mark.parametrize(
    ("supply", "ret", "message"),
    [
        (Q_(12.0, "degC"), Q_(7.0, "degC"), "ret must not be below supply: return 7.0 degC, supply 12.0 degC"),
        (
            Q_([7.0, 7.0, 7.0], "degC"),
            Q_([12.0, 7.0, 6.0], "degC"),
            "ret[2] must not be below supply[2]: return 6.0 degC, supply 7.0 degC",
        ),
        (
            Q_(7.0, "degC"),
            Q_([12.0, 6.0], "degC"),
            "ret[1] must not be below supply[1]: return 6.0 degC, supply 7.0 degC",
        ),
        (
            Q_([7.0, 13.0], "degC"),
            Q_(12.0, "degC"),
            "ret[1] must not be below supply[1]: return 12.0 degC, supply 13.0 degC",
        ),
    ],
)
def test_cooling_load_return_below_supply_message(supply, ret, message):
    _raises(
        InvalidValueError,
        message + " (chilled water warms in the building)",
        lambda: chiller.cooling_load(Q_(1.0, "L/min"), supply, ret),
    )


def test_cooling_load_flow_checked_by_name():
    _raises(
        InvalidValueError,
        "flow must be a finite, non-negative number, got -1.0",
        lambda: chiller.cooling_load(Q_(-1, "L/min"), Q_(7, "degC"), Q_(12, "degC")),
    )
    _raises(
        UnitsError,
        "flow must be a Quantity of [length] ** 3 / [time] (convertible to l / h), got 1 kg which is [mass]",
        lambda: chiller.cooling_load(Q_(1, "kg"), Q_(7, "degC"), Q_(12, "degC")),
    )


def test_fluid_arguments_checked_by_name():
    args = (Q_(1, "L/min"), Q_(7, "degC"), Q_(12, "degC"))
    _raises(
        InvalidValueError,
        "density must be a single value, got an array of shape (1,)",
        lambda: chiller.cooling_load(*args, density=Q_([1.0], "kg/L")),
    )
    _raises(
        InvalidValueError,
        "specific_heat must be a finite, non-negative number, got nan",
        lambda: chiller.cooling_load(*args, specific_heat=Q_(np.nan, "kcal/(kg*delta_degC)")),
    )
    _raises(
        InvalidValueError,
        "density must be a finite, non-negative number, got -1.0",
        lambda: chiller.from_log(**_base(density=Q_(-1, "kg/L"))),
    )


def test_fluid_default_is_water_and_each_option_alone():
    # 60 L/min = 3,600 L/h × 5 °C: water 18,000 kcal/h; × 0.5 kg/L = 9,000; × 0.8 kcal/(kg·°C) = 14,400
    args = (Q_(60, "L/min"), Q_(7, "degC"), Q_(12, "degC"))
    assert chiller.cooling_load(*args).m == pytest.approx(18_000, rel=1e-12)
    assert chiller.cooling_load(*args, density=Q_(0.5, "kg/L")).m == pytest.approx(9_000, rel=1e-12)
    assert chiller.cooling_load(*args, specific_heat=Q_(0.8, "kcal/(kg*delta_degC)")).m == pytest.approx(
        14_400, rel=1e-12
    )


# -- refrigeration_tons, rth, kw_per_rt ---------------------------------------------------------------


def test_refrigeration_tons_exact():
    # 表五之三 註: 3,600,000 kcal/h ÷ 3,024 = 1,190.476190... RT
    rt = chiller.refrigeration_tons(Q_(3_600_000, "kcal/h"))
    assert rt.units == Q_(1, "USRT").units
    assert rt.m == pytest.approx(3_600_000 / 3_024, rel=1e-12)
    _raises(
        InvalidValueError,
        "load must be a finite, non-negative number, got -1.0",
        lambda: chiller.refrigeration_tons(Q_(-1, "kcal/h")),
    )


def test_rth_value_unit_and_names():
    # 1,190 RT for 30 min = 595 RTh; 3,024,000 kcal/h = 1,000 RT for 2 h = 2,000 RTh
    half = chiller.rth(Q_(1190, "USRT"), Q_(30, "min"))
    assert half.units == Q_(1, "RTh").units
    assert half.m == pytest.approx(595, rel=1e-12)
    assert chiller.rth(Q_(3_024_000, "kcal/h"), Q_(2, "h")).m == pytest.approx(2_000, rel=1e-12)
    _raises(
        InvalidValueError,
        "load must be a finite, non-negative number, got -1.0",
        lambda: chiller.rth(Q_(-1, "USRT"), Q_(1, "h")),
    )
    _raises(
        InvalidValueError,
        "hours must be a finite, non-negative number, got -1.0",
        lambda: chiller.rth(Q_(1, "USRT"), Q_(-1, "h")),
    )
    _raises(
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got load (2,), hours (3,)",
        lambda: chiller.rth(Q_([1.0, 2.0], "USRT"), Q_([1.0] * 3, "h")),
    )


def test_kw_per_rt_value_unit_and_names():
    # 註8: 1,400 MWh = 1,400,000 kWh ÷ 2,000,000 RTh = 0.7 kW/RT
    eff = chiller.kw_per_rt(Q_(1_400, "MWh"), Q_(2_000_000, "RTh"))
    assert eff.units == Q_(1, "kW/USRT").units
    assert eff.m == pytest.approx(0.7, rel=1e-12)
    # per month: 700 / 1,000 and 300 / 1,000
    np.testing.assert_allclose(
        chiller.kw_per_rt(Q_([700.0, 300.0], "kWh"), Q_(1_000.0, "RTh")).m, [0.7, 0.3], rtol=1e-12
    )
    _raises(
        InvalidValueError,
        "energy must be a finite, non-negative number, got -1.0",
        lambda: chiller.kw_per_rt(Q_(-1, "kWh"), Q_(1, "RTh")),
    )
    _raises(
        InvalidValueError,
        "load must be a finite, non-negative number, got -1.0",
        lambda: chiller.kw_per_rt(Q_(1, "kWh"), Q_(-1, "RTh")),
    )
    _raises(
        InvalidValueError,
        "array arguments must have matching lengths (or be scalars), got energy (2,), load (3,)",
        lambda: chiller.kw_per_rt(Q_([1.0, 2.0], "kWh"), Q_([1.0] * 3, "RTh")),
    )


@pytest.mark.parametrize("load", [Q_(0, "RTh"), Q_([5.0, 0.0], "RTh")])
def test_kw_per_rt_zero_load_message(load):
    _raises(
        InvalidValueError,
        "load must be positive: with no cooling delivered kW/RT is undefined (整月未開主機)",
        lambda: chiller.kw_per_rt(Q_([1.0, 1.0], "kWh"), load),
    )
    # the smallest positive load is accepted (only an exact zero is refused)
    tiny = float(np.nextafter(0.0, 1.0))
    assert chiller.kw_per_rt(Q_(0.0, "kWh"), Q_(tiny, "RTh")).m == 0.0


# -- must_declare ---------------------------------------------------------------------------------------


def test_must_declare_at_the_threshold_exactly():
    # 註1: a group whose chillers total 1,000 RT or more declares the table
    f = chiller.must_declare(Q_(1_000, "USRT"))
    assert _summary(f) == (
        "chiller.must_declare",
        "info",
        "capacity",
        "the group's chillers total 1,000 RT >= 1,000 RT: declare the monthly kWh, RTh and kW/RT of "
        "表九之一(二), from hourly measurements kept five years",
    )
    assert f.context == {"capacity_rt": 1_000.0, "threshold_rt": 1_000.0}


def test_must_declare_just_below_and_above():
    below = float(np.nextafter(1_000.0, 0.0))
    f = chiller.must_declare(Q_(below, "USRT"))
    assert f.code == "chiller.not_required"
    assert f.context == {"capacity_rt": below, "threshold_rt": 1_000.0}
    above = chiller.must_declare(Q_(float(np.nextafter(1_000.0, 2_000.0)), "USRT"))
    assert above.code == "chiller.must_declare"


def test_must_declare_not_required_message_and_other_units():
    f = chiller.must_declare(Q_(900, "USRT"))
    assert _summary(f) == (
        "chiller.not_required",
        "info",
        "capacity",
        "the group's chillers total 900 RT < 1,000 RT: 表九之一(二) is not required",
    )
    assert f.context == {"capacity_rt": 900.0, "threshold_rt": 1_000.0}
    # 6,048,000 kcal/h ÷ 3,024 = 2,000 RT
    big = chiller.must_declare(Q_(6_048_000, "kcal/h"))
    assert big.code == "chiller.must_declare"
    assert big.message.startswith("the group's chillers total 2,000 RT >= 1,000 RT")
    assert big.context["capacity_rt"] == pytest.approx(2_000, rel=1e-12)


def test_must_declare_refusals_by_name():
    _raises(
        InvalidValueError,
        "capacity must be positive: the group's chillers' total capacity [USRT]",
        lambda: chiller.must_declare(Q_(0, "USRT")),
    )
    _raises(
        InvalidValueError,
        "capacity must be a finite, non-negative number, got -1.0",
        lambda: chiller.must_declare(Q_(-1, "USRT")),
    )
    _raises(
        InvalidValueError,
        "capacity must be a single value, got an array of shape (2,)",
        lambda: chiller.must_declare(Q_([900, 1_100], "USRT")),
    )
    # the smallest positive capacity is a capacity, not zero
    assert chiller.must_declare(Q_(float(np.nextafter(0.0, 1.0)), "USRT")).code == "chiller.not_required"


# -- from_log: required inputs, timestamps ---------------------------------------------------------------


@pytest.mark.parametrize("missing", ["time", "flow", "supply", "ret"])
def test_from_log_each_required_input(missing):
    _raises(
        InvalidValueError,
        "from_log needs time, flow, supply and ret (as arrays or DataFrame columns)",
        lambda: chiller.from_log(**_base(**{missing: None})),
    )


def test_from_log_needs_exactly_one_of_power_and_energy():
    message = "from_log needs exactly one of power (kW at each sample) or energy (kWh per interval)"
    _raises(InvalidValueError, message, lambda: chiller.from_log(**_base(power=None)))
    _raises(InvalidValueError, message, lambda: chiller.from_log(**_base(energy=Q_(np.ones(3), "kWh"))))


def test_from_log_sample_count_bound():
    _raises(
        InvalidValueError,
        "the log needs at least two samples to span any time, got 1",
        lambda: _log(1),
    )
    # two samples span one hour: 500 RT × 1 h = 500 RTh, 800 kW × 1 h = 800 kWh
    two = _log(2)
    assert two.monthly_rth.tolist() == pytest.approx([RT], rel=1e-12)
    assert two.monthly_kwh.tolist() == pytest.approx([800.0], rel=1e-12)


def test_from_log_duplicate_and_unsorted_timestamps_messages():
    dup = _t("2024-07-01T00:00", "2024-07-01T01:00", "2024-07-01T01:00", "2024-07-01T02:00")
    _raises(
        PeriodError,
        "time has duplicate timestamps at positions 1 and 2: 2024-07-01T01:00:00 then 2024-07-01T01:00:00",
        lambda: _log(4, time=dup),
    )
    back = _t("2024-07-01T00:00", "2024-07-01T02:00", "2024-07-01T01:00")
    _raises(
        PeriodError,
        "time has unsorted timestamps at positions 1 and 2: 2024-07-01T02:00:00 then 2024-07-01T01:00:00",
        lambda: _log(time=back),
    )


def test_from_log_timestamp_dtype_and_nat():
    _raises(
        PeriodError,
        "time must be datetime64 timestamps (numpy or pandas), got dtype float64: convert the column with "
        "pandas.to_datetime",
        lambda: _log(time=np.array([0.0, 3600.0, 7200.0])),
    )
    nat = np.array(["2024-07-01T00", "NaT", "2024-07-01T02"], dtype="datetime64[h]")
    _raises(PeriodError, "time[1] is NaT: every sample needs a timestamp", lambda: _log(time=nat))


def test_zone_aware_datetime_index_is_read_in_local_time():
    # 31 Jul 23:00, 1 Aug 00:00, 01:00 in Taipei: one hour in July, one in August (all July in UTC)
    local = pd.date_range("2024-07-31 23:00", periods=3, freq="h", tz="Asia/Taipei")
    log = _log(time=local)
    assert [str(m) for m in log.months] == ["2024-07", "2024-08"]
    np.testing.assert_allclose(log.monthly_rth, [RT, RT], rtol=1e-12)
    # the same as the index of a DataFrame with no time column
    df = pd.DataFrame({"flow": FLOW, "supply": 7.0, "ret": 12.0, "power": 800.0}, index=local)
    from_index = chiller.from_log(df, units={"flow": "L/h", "supply": "degC", "ret": "degC", "power": "kW"})
    assert [str(m) for m in from_index.months] == ["2024-07", "2024-08"]
    np.testing.assert_allclose(from_index.monthly_kwh, [800.0, 800.0], rtol=1e-12)


def test_naive_pandas_time_series():
    naive = pd.Series(pd.date_range("2024-07-01", periods=3, freq="h"))
    log = _log(time=naive)
    assert log.monthly_rth.tolist() == pytest.approx([2 * RT], rel=1e-12)


def test_dataframe_without_time_column_or_datetime_index():
    df = pd.DataFrame({"flow": [FLOW] * 3, "supply": 7.0, "ret": 12.0, "power": 800.0})
    _raises(
        PeriodError,
        "time must be datetime64 timestamps (numpy or pandas), got dtype int64: convert the column with "
        "pandas.to_datetime",
        lambda: chiller.from_log(df, units={"flow": "L/h", "supply": "degC", "ret": "degC", "power": "kW"}),
    )


# -- from_log: shapes and units ---------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "unit"), [("flow", "L/h"), ("supply", "degC"), ("ret", "degC"), ("power", "kW")])
def test_from_log_length_and_dimension_messages(key, unit):
    _raises(
        InvalidValueError,
        f"{key} must be one value or one value per timestamp (3), got shape (4,)",
        lambda: _log(**{key: Q_(np.full(4, 7.0), unit)}),
    )
    _raises(
        InvalidValueError,
        f"{key} must be one value or one value per timestamp (3), got shape (3, 2)",
        lambda: _log(**{key: Q_(np.full((3, 2), 7.0), unit)}),
    )


def test_from_log_energy_length_message():
    _raises(
        InvalidValueError,
        "energy must be one value or one value per timestamp (3), got shape (2,)",
        lambda: _log(power=None, energy=Q_([1.0, 1.0], "kWh")),
    )


def test_from_log_scalars_hold_for_every_sample():
    # one value each: 500 RT and 800 kW over two hours
    log = _log(flow=Q_(FLOW, "L/h"), supply=Q_(7.0, "degC"), ret=Q_(12.0, "degC"), power=Q_(800.0, "kW"))
    assert log.monthly_rth.tolist() == pytest.approx([2 * RT], rel=1e-12)
    assert log.monthly_kwh.tolist() == pytest.approx([1_600.0], rel=1e-12)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "flow",
            Q_(1.0, "kg"),
            "flow must be a Quantity of [length] ** 3 / [time] (convertible to l / h), got 1.0 kg which is [mass]",
        ),
        (
            "supply",
            Q_(7.0, "kg"),
            "supply must be a Quantity of [temperature] (convertible to °C), got 7.0 kg which is [mass]",
        ),
        (
            "ret",
            Q_(12.0, "delta_degC"),
            "ret must be an absolute temperature (e.g. °C), got 12.0 Δ°C, a temperature difference; write it as a temperature, e.g. Q_(12.0, 'degC')",
        ),
        (
            "power",
            Q_(1.0, "kWh"),
            "power must be a Quantity of [mass] * [length] ** 2 / [time] ** 3 (convertible to kW), got 1.0 kWh which is [mass] * [length] ** 2 / [time] ** 2",
        ),
    ],
)
def test_from_log_units_by_argument(key, value, message):
    _raises(UnitsError, message, lambda: _log(**{key: value}))


def test_from_log_energy_unit_by_name():
    _raises(
        UnitsError,
        "energy must be a Quantity of [mass] * [length] ** 2 / [time] ** 2 (convertible to kWh), got 1.0 kW which is "
        "[mass] * [length] ** 2 / [time] ** 3",
        lambda: _log(power=None, energy=Q_(1.0, "kW")),
    )


def test_from_log_max_gap_checked_by_name():
    _raises(
        InvalidValueError,
        "max_gap must be a single value, got an array of shape (1,)",
        lambda: _log(max_gap=Q_([1.0], "h")),
    )
    _raises(
        InvalidValueError,
        "max_gap must be a finite, non-negative number, got -1.0",
        lambda: _log(max_gap=Q_(-1, "h")),
    )


# -- from_log: bad samples (the sample-by-sample path) ----------------------------------------------------


def test_bad_sample_after_a_zero_and_a_bound_value_is_found():
    # NaN sends the log down the sample-by-sample path; 0 and exactly 1e30 are fine, the −5 is not
    for first in (0.0, 1e30):
        _raises(
            InvalidValueError,
            "flow[2] must be a finite, non-negative number, got -5.0",
            lambda first=first: _log(flow=Q_([first, np.nan, -5.0], "L/h")),
        )


def test_bad_scalar_is_shown_as_given_at_the_first_present_sample():
    # power missing at 0: the first present sample of the one −5 L/min flow is [1]; shown in L/min
    _raises(
        InvalidValueError,
        "flow[1] must be a finite, non-negative number, got -5.0",
        lambda: _log(flow=Q_(-5.0, "L/min"), power=Q_([np.nan, 800.0, 800.0], "kW")),
    )


def test_bad_temperature_sample_says_finite_not_non_negative():
    _raises(
        InvalidValueError,
        "supply[2] must be a finite number, got inf",
        lambda: _log(supply=Q_([7.0, 7.0, np.inf], "degC")),
    )
    _raises(
        InvalidValueError,
        "ret[0] must be a finite number, got -inf",
        lambda: _log(ret=Q_([-np.inf, np.nan, 12.0], "degC")),
    )


def test_negative_temperatures_pass_the_sample_by_sample_path():
    # brine −2 / 4 °C: 302,400 L/h × 6 °C ÷ 3,024 = 600 RT; flow missing at the last sample (no interval)
    log = _log(
        flow=Q_([FLOW, FLOW, np.nan], "L/h"), supply=Q_(np.full(3, -2.0), "degC"), ret=Q_(np.full(3, 4.0), "degC")
    )
    assert log.monthly_rth.tolist() == pytest.approx([1_200.0], rel=1e-12)
    assert [f.code for f in log.findings] == ["chiller.missing_values"]


def test_bad_samples_are_checked_flow_then_electricity_then_supply_then_ret():
    # each series' first bad sample; the earlier series in this order is reported first
    _raises(
        InvalidValueError,
        "flow[2] must be a finite, non-negative number, got -1.0",
        lambda: _log(flow=Q_([FLOW, FLOW, -1.0], "L/h"), power=Q_([800.0, -1.0, 800.0], "kW")),
    )
    _raises(
        InvalidValueError,
        "power[1] must be a finite, non-negative number, got -1.0",
        lambda: _log(power=Q_([800.0, -1.0, 800.0], "kW"), supply=Q_([np.inf, 7.0, 7.0], "degC")),
    )
    _raises(
        InvalidValueError,
        "supply[1] must be a finite number, got inf",
        lambda: _log(supply=Q_([7.0, np.inf, 7.0], "degC"), ret=Q_([np.inf, 12.0, 12.0], "degC")),
    )


def test_bad_energy_sample_named_energy_with_its_unit():
    _raises(
        InvalidValueError,
        "energy[1] must be a finite, non-negative number, got -1.0",
        lambda: _log(power=None, energy=Q_([100.0, -1.0, 100.0], "kWh")),
    )
    big = (
        " is 1e+31, larger in magnitude than the 1e+30 that carbonaudit accepts for any amount (no real figure "
        "comes near it, and products of larger values overflow float64); check the unit and the decimal point"
    )
    _raises(
        InvalidValueError,
        "energy[0] (in kWh)" + big,
        lambda: _log(power=None, energy=Q_([1e28, 1.0, 1.0], "MWh")),  # 1e28 MWh = 1e31 kWh
    )
    _raises(InvalidValueError, "power[0] (in kW)" + big, lambda: _log(power=Q_([1e28, 1.0, 1.0], "MW")))


def test_return_below_supply_in_a_log_message():
    # ΔT 5, 0 (fine), −1 (refused), 5
    _raises(
        InvalidValueError,
        "ret[2] (12.0 degC) is below supply[2] (13.0 degC) at 2024-07-01T02:00:00: check the sensors",
        lambda: _log(4, supply=Q_([7.0, 7.0, 13.0, 7.0], "degC"), ret=Q_([12.0, 7.0, 12.0, 12.0], "degC")),
    )


# -- from_log: findings ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["flow", "supply", "ret", "power"])
def test_a_missing_value_in_any_series_drops_its_interval(key):
    values = {"flow": FLOW, "supply": 7.0, "ret": 12.0, "power": 800.0}[key]
    unit = {"flow": "L/h", "supply": "degC", "ret": "degC", "power": "kW"}[key]
    log = _log(4, **{key: Q_([values, np.nan, values, values], unit)})
    # intervals [00, 01) and [02, 03) count: 2 × 500 RTh, 2 × 800 kWh, 2 h
    assert log.monthly_rth.tolist() == pytest.approx([2 * RT], rel=1e-12)
    assert log.monthly_kwh.tolist() == pytest.approx([1_600.0], rel=1e-12)
    assert log.monthly_covered_hours.tolist() == pytest.approx([2.0], rel=1e-12)
    np.testing.assert_allclose(log.hourly_covered, [1.0, 0.0, 1.0], rtol=1e-12, atol=1e-12)
    assert [_summary(f) for f in log.findings] == [
        (
            "chiller.missing_values",
            "warning",
            "log",
            "1 samples have a missing value (first at 2024-07-01T01:00:00); their intervals are not counted and not filled",
        )
    ]
    assert log.findings[0].context == {"count": 1, "first": "2024-07-01T01:00:00"}


def test_missing_values_counted_across_series():
    # supply missing at 1, ret at 2 (of 4): only [00, 01) counts
    log = _log(4, supply=Q_([7.0, np.nan, 7.0, 7.0], "degC"), ret=Q_([12.0, 12.0, np.nan, 12.0], "degC"))
    assert log.monthly_rth.tolist() == pytest.approx([RT], rel=1e-12)
    assert log.findings[0].message.startswith("2 samples have a missing value (first at 2024-07-01T01:00:00)")
    assert log.findings[0].context == {"count": 2, "first": "2024-07-01T01:00:00"}


def test_gaps_finding_counts_the_longest_and_the_first():
    # gaps 01:00-03:00 (2 h) and 04:00-07:00 (3 h); counted 00-01, 03-04, 07-08: 3 h
    t = _t(*(f"2024-07-01T{h:02d}:00" for h in (0, 1, 3, 4, 7, 8)))
    log = _log(6, time=t)
    assert log.monthly_covered_hours.tolist() == pytest.approx([3.0], rel=1e-12)
    assert [_summary(f) for f in log.findings] == [
        (
            "chiller.gaps",
            "warning",
            "log.time",
            "2 gaps longer than 1 h (the longest 3.0 h, first after 2024-07-01T01:00:00) are not counted and not filled",
        )
    ]
    assert log.findings[0].context == {"count": 2, "first": "2024-07-01T01:00:00", "longest_h": 3.0}


def test_max_gap_option_in_the_gaps_message():
    # max_gap 30 min: both one-hour intervals are gaps, nothing is counted
    log = _log(max_gap=Q_(30, "min"))
    assert log.monthly_covered_hours.tolist() == [0.0]
    assert log.findings[0].message == (
        "2 gaps longer than 0.5 h (the longest 1.0 h, first after 2024-07-01T00:00:00) are not counted and not filled"
    )
    # a gap and a missing value together: 00-01 missing (power), 01-03 a gap, 03-04 counted
    t = _t("2024-07-01T00:00", "2024-07-01T01:00", "2024-07-01T03:00", "2024-07-01T04:00")
    both = _log(4, time=t, power=Q_([np.nan, 800.0, 800.0, 800.0], "kW"))
    assert both.monthly_rth.tolist() == pytest.approx([RT], rel=1e-12)
    assert both.monthly_kwh.tolist() == pytest.approx([800.0], rel=1e-12)
    assert [f.code for f in both.findings] == ["chiller.missing_values", "chiller.gaps"]


def test_month_without_data_and_month_without_cooling_findings():
    # 31 Jan 23:00 -> 1 Mar 00:00 is a gap; February has no valid sample
    t = _t("2024-01-31T22:00", "2024-01-31T23:00", "2024-03-01T00:00", "2024-03-01T01:00")
    log = _log(4, time=t, flow=Q_([FLOW, FLOW, 0.0, 0.0], "L/h"))
    assert [str(m) for m in log.months] == ["2024-01", "2024-02", "2024-03"]
    assert log.monthly_covered_hours.tolist() == pytest.approx([1.0, 0.0, 1.0], rel=1e-12)
    assert [_summary(f) for f in log.findings[1:]] == [
        ("chiller.month_without_data", "warning", "log[2024-02]", "2024-02: no valid samples"),
        (
            "chiller.month_without_cooling",
            "info",
            "log[2024-03]",
            "2024-03: no cooling delivered, kW/RT undefined (整月未開主機?)",
        ),
    ]
    assert log.findings[1].context == {} and log.findings[2].context == {}
    # kW/RT: 800 / 500 in January, undefined (NaN) where no cooling was delivered
    np.testing.assert_allclose(log.monthly_kw_per_rt, [1.6, np.nan, np.nan], rtol=1e-12)


def test_last_energy_finding_message_and_its_bound():
    log = _log(power=None, energy=Q_([100.0, 100.0, 1_234.5], "kWh"))
    assert log.monthly_kwh.tolist() == pytest.approx([200.0], rel=1e-12)  # two intervals of 100 kWh
    assert [_summary(f) for f in log.findings] == [
        (
            "chiller.last_energy_not_counted",
            "warning",
            "log.energy",
            "the last row's 1,234.500 kWh at 2024-07-01T02:00:00 has no interval after it (energy is per interval "
            "starting at each timestamp) and is not counted: end the log with a closing timestamp",
        )
    ]
    assert log.findings[0].context == {"kwh": 1_234.5}
    # a closing row of 0 kWh, or a missing one, is fine
    assert _log(power=None, energy=Q_([100.0, 100.0, 0.0], "kWh")).findings == ()
    missing_last = _log(power=None, energy=Q_([100.0, 100.0, np.nan], "kWh"))
    assert [f.code for f in missing_last.findings] == ["chiller.missing_values"]
    # power at the last sample is a reading, not energy: no finding
    assert _log().findings == ()


def test_capacity_option_appends_the_rule():
    log = _log(capacity=Q_(900, "USRT"))
    assert [_summary(f) for f in log.findings] == [
        (
            "chiller.not_required",
            "info",
            "capacity",
            "the group's chillers total 900 RT < 1,000 RT: 表九之一(二) is not required",
        )
    ]


# -- from_log: hour and month edges -----------------------------------------------------------------------


def test_log_ending_on_a_month_boundary_has_no_empty_month():
    t = _t("2024-07-31T22:00", "2024-07-31T23:00", "2024-08-01T00:00")
    log = _log(time=t)
    assert [str(m) for m in log.months] == ["2024-07"]
    assert [str(h) for h in log.hours] == ["2024-07-31T22", "2024-07-31T23"]
    assert log.findings == ()


def test_log_ending_inside_a_month_keeps_that_month():
    # the last interval 00:00-00:30 on 1 Aug: 500 RT × 0.5 h = 250 RTh
    t = np.array(["2024-07-31T23:00", "2024-08-01T00:00", "2024-08-01T00:30"], dtype="datetime64[m]")
    log = _log(time=t)
    assert [str(m) for m in log.months] == ["2024-07", "2024-08"]
    np.testing.assert_allclose(log.monthly_rth, [RT, 250.0], rtol=1e-12)
    np.testing.assert_allclose(log.monthly_covered_hours, [1.0, 0.5], rtol=1e-12)
    assert [str(h) for h in log.hours] == ["2024-07-31T23", "2024-08-01T00"]
    np.testing.assert_allclose(log.hourly_rth, [RT, 250.0], rtol=1e-12)
    np.testing.assert_allclose(log.hourly_covered, [1.0, 0.5], rtol=1e-12)


# -- from_log with a DataFrame ------------------------------------------------------------------------------

UNITS = {"flow": "L/h", "supply": "degC", "ret": "degC", "power": "kW"}


def _df(**changes: Any) -> pd.DataFrame:
    return pd.DataFrame({"time": T3, "flow": FLOW, "supply": 7.0, "ret": 12.0, "power": 800.0} | changes)


def test_column_needs_its_unit_message():
    _raises(
        UnitsError,
        "units['flow'] is required for DataFrame column 'F' (e.g. units={'flow': 'L/min'})",
        lambda: chiller.from_log(_df().rename(columns={"flow": "F"}), columns={"flow": "F"}, units={}),
    )


def test_column_unit_not_a_unit_message():
    _raises(
        UnitsError,
        "units['power'] (for DataFrame column 'power') must be a unit of carbonaudit.ureg or a form label "
        "(e.g. 'L/min', 'degC', 'kW'), got 'foo'",
        lambda: chiller.from_log(_df(), units=UNITS | {"power": "foo"}),
    )


def test_an_argument_given_beside_a_column_wins_and_keeps_its_name():
    # flow given explicitly: the 'flow' column (whose unit is not given) is not read
    log = chiller.from_log(
        _df(flow=1.0), flow=Q_(np.full(3, FLOW), "L/h"), units={"supply": "degC", "ret": "degC", "power": "kW"}
    )
    assert log.monthly_rth.tolist() == pytest.approx([2 * RT], rel=1e-12)
    _raises(
        InvalidValueError,
        "flow row 1 must be a finite, non-negative number, got -5.0",
        lambda: chiller.from_log(_df(), flow=Q_([FLOW, -5.0, FLOW], "L/h"), units=UNITS),
    )


def test_a_column_is_named_with_its_key_when_renamed():
    df = _df().rename(columns={"flow": "冰水流量", "ret": "回水"})
    options = {"columns": {"flow": "冰水流量", "ret": "回水"}, "units": UNITS}
    log = chiller.from_log(df, **options)
    assert log.monthly_rth.tolist() == pytest.approx([2 * RT], rel=1e-12)
    df.loc[1, "冰水流量"] = -5.0
    _raises(
        InvalidValueError,
        "column '冰水流量' (flow) row 1 must be a finite, non-negative number, got -5.0",
        lambda: chiller.from_log(df, **options),
    )
    _raises(
        UnitsError,
        "column '回水' (ret) must be a Quantity of [temperature] (convertible to °C), got [12.0 12.0 12.0] kg "
        "which is [mass]",
        lambda: chiller.from_log(
            _df().rename(columns={"ret": "回水"}), columns={"ret": "回水"}, units=UNITS | {"ret": "kg"}
        ),
    )


@pytest.mark.parametrize(
    ("values", "dtype"),
    [
        ([True, False, True], "bool"),
        ([1 + 0j, 2 + 0j, 3 + 0j], "complex128"),
        (pd.to_timedelta([1, 2, 3], unit="h"), "timedelta64[ns]"),
        (pd.to_datetime(["2024-01-01"] * 3), "datetime64[ns]"),
    ],
)
def test_column_of_non_numbers_by_dtype(values, dtype):
    df = _df(power=values)
    shown = str(df["power"].dtype)
    assert shown.startswith(dtype.split("[")[0])
    _raises(
        InvalidValueError,
        f"column 'power' holds {shown} values, not numbers: give the power as numbers in the unit of units['power']",
        lambda: chiller.from_log(df, units=UNITS),
    )
    renamed = df.rename(columns={"power": "P"})
    _raises(
        InvalidValueError,
        f"column 'P' (power) holds {shown} values, not numbers: give the power as numbers in the unit of units['power']",
        lambda: chiller.from_log(renamed, columns={"power": "P"}, units=UNITS),
    )


def test_text_cell_with_thousands_separator_message():
    df = _df(flow=["302400", "302,400", "302400"])
    _raises(
        InvalidValueError,
        "column 'flow' row 1: '302,400' is not a number; strip the thousands separators (pandas.read_csv(..., "
        "thousands=',') or df[col].str.replace(',', '')) and convert with pandas.to_numeric",
        lambda: chiller.from_log(df, units=UNITS),
    )


def test_text_cell_with_a_unit_message_names_the_row_label():
    df = _df(power=["800", "800", "800 kW"]).set_axis(["a", "b", "c"])
    df["time"] = T3
    _raises(
        InvalidValueError,
        "column 'power' row 'c': '800 kW' is not a number; convert the column with pandas.to_numeric "
        "(units go in units=, not in the cells)",
        lambda: chiller.from_log(df, units=UNITS),
    )
    # text that is numbers is read
    ok = chiller.from_log(_df(power=["800", "800", "800"]), units=UNITS)
    assert ok.monthly_kwh.tolist() == pytest.approx([1_600.0], rel=1e-12)


# -- ChillerLog views ---------------------------------------------------------------------------------------


def _two_months() -> chiller.ChillerLog:
    # July: 500 RT and 800 kW for 2 h = 1,000 RTh, 1,600 kWh; August 00:00-01:00: no flow, 800 kWh
    t = _t("2024-07-31T22:00", "2024-07-31T23:00", "2024-08-01T00:00", "2024-08-01T01:00")
    return _log(4, time=t, flow=Q_([FLOW, FLOW, 0.0, 0.0], "L/h"), capacity=Q_(900, "USRT"))


def test_monthly_frame_exact():
    log = _two_months()
    expected = pd.DataFrame(
        {
            "kWh": [1_600.0, 800.0],
            "RTh": [1_000.0, 0.0],
            "kW_per_RT": [1.6, np.nan],  # 1,600 / 1,000; no cooling in August
            "covered_hours": [2.0, 1.0],
        },
        index=pd.PeriodIndex(["2024-07", "2024-08"], freq="M", name="month"),
    )
    pd.testing.assert_frame_equal(log.monthly, expected, rtol=1e-12)
    pd.testing.assert_frame_equal(log.to_frame(), expected, rtol=1e-12)


def test_repr_exact():
    text = repr(_two_months())
    assert text == (
        "ChillerLog(\n"
        "  2024-07         1,600.0 kWh         1,000.0 RTh   1.6000 kW/RT     2.0 h\n"
        "  2024-08           800.0 kWh             0.0 RTh      nan kW/RT     1.0 h\n"
        "  2 findings)"
    )


def test_repr_html_exact_and_escaped():
    html = _two_months()._repr_html_()
    assert html == (
        "<table><tr><th>month</th><th>kWh</th><th>RTh</th><th>kW/RT</th><th>hours measured</th></tr>"
        "<tr><td>2024-07</td><td>1,600.0</td><td>1,000.0</td><td>1.6000</td><td>2.0</td></tr>"
        "<tr><td>2024-08</td><td>800.0</td><td>0.0</td><td>nan</td><td>1.0</td></tr></table>"
        "<ul><li>[info] log[2024-08]: 2024-08: no cooling delivered, kW/RT undefined (整月未開主機?)</li>"
        "<li>[info] capacity: the group&#x27;s chillers total 900 RT &lt; 1,000 RT: 表九之一(二) is not required</li></ul>"
    )


# -- frame -----------------------------------------------------------------------------------------------------


def _groups(*names: str) -> pd.DataFrame:
    return pd.concat([_df().assign(group=name) for name in names], ignore_index=True)


def test_frame_keeps_the_order_of_appearance():
    out = chiller.frame(_groups("B", "A"), units=UNITS, capacity=Q_(900, "USRT"))
    assert list(out.index.get_level_values("group")) == ["B", "A"]
    assert out["RTh"].tolist() == pytest.approx([2 * RT, 2 * RT], rel=1e-12)
    assert [(f.code, f.path) for f in out.attrs["findings"]] == [
        ("chiller.not_required", "B.capacity"),
        ("chiller.not_required", "A.capacity"),
    ]


def test_frame_named_group_column_and_unused_categories():
    df = _groups("CH-1", "CH-2").rename(columns={"group": "unit"})
    df["unit"] = pd.Categorical(df["unit"], categories=["CH-1", "CH-2", "CH-3"])  # CH-3 has no rows
    out = chiller.frame(df, group="unit", units=UNITS)
    assert list(out.index.names) == ["unit", "month"]
    assert list(out.index.get_level_values("unit")) == ["CH-1", "CH-2"]


def test_frame_errors_exact():
    _raises(
        InvalidValueError,
        "df has no group column 'unit' (columns: time, flow, supply, ret, power, group); name it with group=...",
        lambda: chiller.frame(_groups("A"), group="unit", units=UNITS),
    )
    df = _groups("A")
    df.loc[1, "group"] = None
    _raises(InvalidValueError, "df['group'] row 1: the group is empty", lambda: chiller.frame(df, units=UNITS))
    _raises(
        InvalidValueError,
        "df holds no rows: there is no chiller group to compute",
        lambda: chiller.frame(_groups("A").iloc[:0], units=UNITS),
    )


def test_frame_error_keeps_its_type_and_names_the_group():
    df = _groups("A", "B")
    df.loc[4, "time"] = df.loc[3, "time"]  # B: duplicate stamps at its positions 0 and 1
    with pytest.raises(PeriodError) as info:
        chiller.frame(df, units=UNITS)
    assert type(info.value) is PeriodError
    assert str(info.value) == (
        "chiller group 'B': time has duplicate timestamps at positions 0 and 1: "
        "2024-07-01T00:00:00 then 2024-07-01T00:00:00"
    )
    with pytest.raises(UnitsError, match=re.escape("chiller group 'A': units['flow'] is required") + ".*$"):
        chiller.frame(_groups("A"), units={})


def test_must_declare_never_rounds_a_capacity_onto_the_threshold():
    # 999.6 RT is below 1,000 RT (表九之一 註1): the message must not print it as "1,000 RT < 1,000 RT"
    below = chiller.must_declare(Q_(999.6, "USRT"))
    assert below.code == "chiller.not_required"
    assert below.message == "the group's chillers total 999.60 RT < 1,000 RT: 表九之一(二) is not required"
    assert chiller.must_declare(Q_(1200, "USRT")).message.startswith("the group's chillers total 1,200 RT >= 1,000 RT")


def test_several_readings_an_hour_integrate_the_product_not_the_product_of_means():
    # 表九之一 註5 multiplies the hour's mean flow by its mean temperature difference; from_log integrates
    # flow x difference. Half an hour at 10,000 L/min and 4 °C, half an hour at 14,000 L/min and 6 °C:
    #   integral: (10,000 x 60 x 4 + 14,000 x 60 x 6) / 2 = 3,720,000 kcal = 3,720,000 / 3,024 RTh
    #   product of means: 12,000 x 60 x 5 = 3,600,000 kcal; they differ by the covariance, 120,000 kcal
    t = pd.to_datetime(["2026-07-01 00:00", "2026-07-01 00:30", "2026-07-01 01:00"]).to_numpy()
    log = chiller.from_log(
        time=t,
        flow=Q_([10_000.0, 14_000.0, 14_000.0], "L/min"),
        supply=Q_([7.0, 7.0, 7.0], "degC"),
        ret=Q_([11.0, 13.0, 13.0], "degC"),
        power=Q_([500.0, 500.0, 500.0], "kW"),
    )
    assert log.monthly["RTh"].tolist() == pytest.approx([3_720_000 / 3024], rel=1e-12)
    # the form's arithmetic from the hourly means: one reading for the hour
    hourly = chiller.from_log(
        time=t[[0, 2]],
        flow=Q_([12_000.0, 12_000.0], "L/min"),
        supply=Q_([7.0, 7.0], "degC"),
        ret=Q_([12.0, 12.0], "degC"),
        power=Q_([500.0, 500.0], "kW"),
    )
    assert hourly.monthly["RTh"].tolist() == pytest.approx([3_600_000 / 3024], rel=1e-12)


# -- survivors of the chiller mutation run (docs/reliability.md) ------------------------------------


def test_a_mapping_of_lists_is_read_like_a_dataframe():
    # the base log as a dict of lists: no index, no dtype on the columns; 500 RT × 2 h = 1,000 RTh
    data = {"time": T3, "flow": [FLOW] * 3, "supply": [7.0] * 3, "ret": [12.0] * 3, "power": [800.0] * 3}
    log = chiller.from_log(data, units=UNITS)
    assert log.monthly_rth.tolist() == pytest.approx([2 * RT], rel=1e-12)
    assert log.monthly_kwh.tolist() == pytest.approx([1_600.0], rel=1e-12)
    # a text cell is named by its position, shown as the Python str it is
    _raises(
        InvalidValueError,
        "column 'flow' position 1: '302,400' is not a number; strip the thousands separators (pandas.read_csv(..., "
        "thousands=',') or df[col].str.replace(',', '')) and convert with pandas.to_numeric",
        lambda: chiller.from_log(data | {"flow": ["302400", "302,400", "302400"]}, units=UNITS),
    )
    _raises(
        InvalidValueError,
        "column 'flow' position 1 must be a finite, non-negative number, got -5.0",
        lambda: chiller.from_log(data | {"flow": [FLOW, -5.0, FLOW]}, units=UNITS),
    )


def test_a_cell_holding_an_array_is_not_a_number():
    cells = pd.Series([800.0, np.array([800.0]), 800.0], dtype=object)
    _raises(
        InvalidValueError,
        "column 'power' row 1: array([800.]) is not a number; convert the column with pandas.to_numeric "
        "(units go in units=, not in the cells)",
        lambda: chiller.from_log(_df(power=cells), units=UNITS),
    )


def test_explicit_series_longer_than_the_dataframe_are_named_by_position():
    # the DataFrame's 3 rows label only the first 3 of 4 explicit samples; the 4th is flow[3]
    t4 = _t("2024-07-01T00:00", "2024-07-01T01:00", "2024-07-01T02:00", "2024-07-01T03:00")
    _raises(
        InvalidValueError,
        "flow[3] must be a finite, non-negative number, got -5.0",
        lambda: chiller.from_log(_df(), **_base(4, time=t4, flow=Q_([FLOW, FLOW, FLOW, -5.0], "L/h"))),
    )


def test_a_bad_second_sample_of_two_is_shown_as_given():
    # -5 L/min, not its -300 L/h: the value as the caller gave it
    _raises(
        InvalidValueError,
        "flow[1] must be a finite, non-negative number, got -5.0",
        lambda: _log(2, flow=Q_([5_040.0, -5.0], "L/min")),
    )


@pytest.mark.parametrize(
    ("key", "column", "unit", "rt", "kwh"),
    [
        # supply 2 °C: ΔT 10 °C doubles the load, 1,000 RT × 2 h; ret 17 °C likewise
        ("supply", 2.0, "degC", 1_000.0, 1_600.0),
        ("ret", 17.0, "degC", 1_000.0, 1_600.0),
        # power 400 kW for 2 h
        ("power", 400.0, "kW", 500.0, 800.0),
    ],
)
def test_each_argument_given_beside_its_column_wins(key, column, unit, rt, kwh):
    # the DataFrame holds the base log; the argument replaces its column
    log = chiller.from_log(_df(), units=UNITS, **{key: Q_(np.full(3, column), unit)})
    assert log.monthly_rth.tolist() == pytest.approx([rt * 2], rel=1e-12)
    assert log.monthly_kwh.tolist() == pytest.approx([kwh], rel=1e-12)


def test_energy_given_beside_its_column_wins():
    df = _df().drop(columns="power").assign(energy=[100.0, 100.0, 0.0])
    units = {"flow": "L/h", "supply": "degC", "ret": "degC", "energy": "kWh"}
    assert chiller.from_log(df, units=units).monthly_kwh.tolist() == pytest.approx([200.0], rel=1e-12)
    log = chiller.from_log(df, units=units, energy=Q_([300.0, 50.0, 0.0], "kWh"))
    assert log.monthly_kwh.tolist() == pytest.approx([350.0], rel=1e-12)


@pytest.mark.parametrize(
    ("key", "values", "message"),
    [
        ("supply", [7.0, np.inf, 7.0], "column 'supply' row 1 must be a finite number, got inf"),
        ("ret", [12.0, 12.0, -np.inf], "column 'ret' row 2 must be a finite number, got -inf"),
        ("power", [800.0, -1.0, 800.0], "column 'power' row 1 must be a finite, non-negative number, got -1.0"),
    ],
)
def test_a_bad_cell_of_each_column_names_the_column(key, values, message):
    _raises(InvalidValueError, message, lambda: chiller.from_log(_df(**{key: values}), units=UNITS))


def test_a_bad_energy_cell_names_the_energy_column():
    df = _df().drop(columns="power").assign(energy=[100.0, -1.0, 0.0])
    units = {"flow": "L/h", "supply": "degC", "ret": "degC", "energy": "kWh"}
    _raises(
        InvalidValueError,
        "column 'energy' row 1 must be a finite, non-negative number, got -1.0",
        lambda: chiller.from_log(df, units=units),
    )


def test_a_duplicate_after_a_one_second_interval_is_found_where_it_is():
    # intervals 1 s (fine) then 0 s: the duplicate is at positions 1 and 2
    t = _t("2024-07-01T00:00:00", "2024-07-01T00:00:01", "2024-07-01T00:00:01")
    _raises(
        PeriodError,
        "time has duplicate timestamps at positions 1 and 2: 2024-07-01T00:00:01 then 2024-07-01T00:00:01",
        lambda: _log(time=t),
    )


def test_the_longest_gap_is_shown_in_hours_of_3600_s():
    # one gap of 200 h (720,000 s = 200.0 h; at 3,601 s an hour it would read 199.9)
    t = _t("2024-07-01T00:00", "2024-07-01T01:00", "2024-07-09T09:00")
    log = _log(time=t)
    assert log.findings[0].message == (
        "1 gaps longer than 1 h (the longest 200.0 h, first after 2024-07-01T01:00:00) are not counted and not filled"
    )
    assert log.findings[0].context == {"count": 1, "first": "2024-07-01T01:00:00", "longest_h": 200.0}


def test_a_last_energy_row_below_one_kwh_is_reported():
    log = _log(power=None, energy=Q_([100.0, 100.0, 0.5], "kWh"))
    assert [(f.code, f.context) for f in log.findings] == [("chiller.last_energy_not_counted", {"kwh": 0.5})]
    assert "the last row's 0.500 kWh at 2024-07-01T02:00:00" in log.findings[0].message
