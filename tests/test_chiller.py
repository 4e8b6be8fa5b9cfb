"""Chiller groups (non-production-form-2025 表九之一 (二) 註4-8)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import Q_, InvalidValueError, PeriodError, UnitsError, chiller


def test_cooling_load_non_production_form():
    # 註7: 1 kg/L x 12,000 L/min x 1.0 kcal/(kg °C) x (12 - 7) °C x 60 min/h = 3,600,000 kcal/h ≈ 1,190 RT
    load = chiller.cooling_load(Q_(12_000, "L/min"), Q_(7, "degC"), Q_(12, "degC"))
    assert load.m_as("kcal/h") == pytest.approx(3_600_000)
    assert round(chiller.refrigeration_tons(load).m) == 1190  # 3,600,000 / 3,024 = 1,190.48
    assert chiller.cooling_load(Q_(720, "m**3/h"), delta=Q_(5, "delta_degC")).m == pytest.approx(3_600_000)
    # other fluid: 1.1 kg/L, 0.9 kcal/(kg °C) -> x 0.99
    other = chiller.cooling_load(
        Q_(12_000, "L/min"),
        Q_(7, "degC"),
        Q_(12, "degC"),
        density=Q_(1.1, "kg/L"),
        specific_heat=Q_(0.9, "kcal/(kg*delta_degC)"),
    )
    assert other.m == pytest.approx(3_600_000 * 0.99)


def test_kw_per_rt_non_production_form():
    # 註8: 1,400,000 kWh / 2,000,000 RTh = 0.7 kW/RT
    assert chiller.kw_per_rt(Q_(1_400_000, "kWh"), Q_(2_000_000, "RTh")).m == pytest.approx(0.7)
    with pytest.raises(InvalidValueError, match="整月未開主機"):
        chiller.kw_per_rt(Q_(1, "kWh"), Q_(0, "RTh"))


def _flow_for(rt: float, delta: float = 5.0) -> float:
    # L/min giving `rt` RT at `delta` °C: rt x 3,024 kcal/h / (1 kg/L x 1 kcal/(kg °C) x delta x 60 min/h)
    return rt * 3024 / (delta * 60)


def test_a_day_of_the_form_from_log():
    # 註8: hourly 1,190, 1,100, 1,200, 1,200, 1,100, 1,300, 1,280, 1,180 RTh -> 9,550 RTh a day
    hourly = [1190, 1100, 1200, 1200, 1100, 1300, 1280, 1180]
    t = np.arange("2024-07-01T08", "2024-07-01T17", dtype="datetime64[h]")  # 9 stamps, 8 hours
    flow = Q_(np.array([_flow_for(x) for x in hourly] + [0.0]), "L/min")
    log = chiller.from_log(
        time=t,
        flow=flow,
        supply=Q_(np.full(9, 7.0), "degC"),
        ret=Q_(np.full(9, 12.0), "degC"),
        power=Q_(np.full(9, 800.0), "kW"),
        capacity=Q_(2_000, "USRT"),
    )
    np.testing.assert_allclose(log.hourly_rth, hourly, rtol=1e-12)
    assert log.monthly_rth.tolist() == pytest.approx([9550])
    assert log.monthly_kwh.tolist() == pytest.approx([6400])  # 800 kW x 8 h
    assert log.monthly_kw_per_rt.tolist() == pytest.approx([6400 / 9550])
    assert [f.code for f in log.findings] == ["chiller.must_declare"]  # 2,000 RT >= 1,000 RT
    frame = log.monthly
    assert list(frame.columns) == ["kWh", "RTh", "kW_per_RT", "covered_hours"]
    assert frame["covered_hours"].iloc[0] == pytest.approx(8)


def test_dataframe_form_and_energy_per_interval():
    t = pd.date_range("2024-01-31 22:00", periods=5, freq="h")  # crosses into February
    df = pd.DataFrame({"T": t, "F": [720.0] * 5, "S": [7.0] * 5, "R": [12.0] * 5, "E": [500.0] * 5})
    log = chiller.from_log(
        df,
        columns={"time": "T", "flow": "F", "supply": "S", "ret": "R", "energy": "E"},
        units={"flow": "m**3/h", "supply": "degC", "ret": "degC", "energy": "kWh"},
    )
    # 720 m³/h x 5 °C = 3,600,000 kcal/h = 1,190.476 RT; 2 h in January, 2 h in February
    rt = 3_600_000 / 3024
    np.testing.assert_allclose(log.monthly_rth, [2 * rt, 2 * rt])
    np.testing.assert_allclose(log.monthly_kwh, [1000, 1000])  # 500 kWh per one-hour interval
    assert [str(m) for m in log.months] == ["2024-01", "2024-02"]
    with pytest.raises(UnitsError, match=r"units\['flow'\]"):
        chiller.from_log(df, columns={"time": "T", "flow": "F", "supply": "S", "ret": "R", "energy": "E"})


@pytest.mark.parametrize("unit", ["foo", "kW-h", 5])
def test_unknown_unit_of_a_column_is_a_units_error(unit):
    # was pint's UndefinedUnitError ("foo") or a TypeError ("kW-h", 5), also through chiller.frame
    t = pd.date_range("2024-07-01", periods=3, freq="h")
    df = pd.DataFrame({"time": t, "flow": 720.0, "supply": 7.0, "ret": 12.0, "power": 700.0})
    units = {"flow": "m**3/h", "supply": "degC", "ret": "degC", "power": unit}
    with pytest.raises(UnitsError) as info:
        chiller.from_log(df, units=units)
    message = str(info.value)
    assert "units['power']" in message and repr(unit) in message and "carbonaudit.ureg" in message
    with pytest.raises(UnitsError, match=r"chiller group 'A': units\['power'\]"):
        chiller.frame(df.assign(group="A"), units=units)


def test_must_declare_rule_is_data():
    assert chiller.must_declare(Q_(1000, "USRT")).code == "chiller.must_declare"
    assert chiller.must_declare(Q_(999, "USRT")).code == "chiller.not_required"


def _log(t, load_rt, **kw):  # type: ignore[no-untyped-def]
    n = len(t)
    return chiller.from_log(
        time=t,
        flow=Q_(np.full(n, _flow_for(load_rt)), "L/min"),
        supply=Q_(np.full(n, 7.0), "degC"),
        ret=Q_(np.full(n, 12.0), "degC"),
        power=Q_(np.full(n, 500.0), "kW"),
        **kw,
    )


def test_gaps_missing_values_and_empty_months_are_reported_not_filled():
    t = np.concatenate(
        [
            np.arange("2024-01-01T00", "2024-01-01T03", dtype="datetime64[h]"),
            np.arange("2024-03-01T00", "2024-03-01T03", dtype="datetime64[h]"),
        ]
    )
    log = _log(t, 1000.0)
    codes = [f.code for f in log.findings]
    assert "chiller.gaps" in codes and "chiller.month_without_data" in codes
    assert log.monthly_covered_hours.tolist() == pytest.approx([2, 0, 2])
    assert log.monthly_rth.tolist() == pytest.approx([2000, 0, 2000])
    assert not np.isnan(log.monthly_rth).any()

    n = 5
    t = np.arange("2024-01-01T00", "2024-01-01T05", dtype="datetime64[h]")
    flow = np.full(n, _flow_for(1000.0))
    flow[1] = np.nan
    log = chiller.from_log(
        time=t,
        flow=Q_(flow, "L/min"),
        supply=Q_(np.full(n, 7.0), "degC"),
        ret=Q_(np.full(n, 12.0), "degC"),
        power=Q_(np.full(n, 500.0), "kW"),
    )
    assert "chiller.missing_values" in [f.code for f in log.findings]
    assert log.monthly_rth.tolist() == pytest.approx([3000])  # hour 1 left out, not filled


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"supply": Q_(12, "degC"), "ret": Q_(7, "degC")}, InvalidValueError, ["ret", "supply"]),
        ({"flow": Q_(-1, "L/min")}, InvalidValueError, ["flow", "-1"]),
        ({"flow": 12_000}, UnitsError, ["flow"]),
        ({"supply": Q_(7, "kg")}, UnitsError, ["supply"]),
    ],
)
def test_cooling_load_bad_input(kwargs, error, words):
    args = {"flow": Q_(12_000, "L/min"), "supply": Q_(7, "degC"), "ret": Q_(12, "degC")} | kwargs
    with pytest.raises(error) as info:
        chiller.cooling_load(**args)
    for w in words:
        assert w in str(info.value)


def test_from_log_bad_input():
    t = np.array(["2024-01-01T01", "2024-01-01T00", "2024-01-01T02"], dtype="datetime64[h]")
    with pytest.raises(PeriodError, match="unsorted"):
        _log(t, 100.0)
    t = np.array(["2024-01-01T00", "2024-01-01T00", "2024-01-01T02"], dtype="datetime64[h]")
    with pytest.raises(PeriodError, match="duplicate"):
        _log(t, 100.0)
    t = np.arange("2024-01-01T00", "2024-01-01T03", dtype="datetime64[h]")
    with pytest.raises(InvalidValueError, match=r"ret\[1\]"):
        chiller.from_log(
            time=t,
            flow=Q_(np.ones(3), "L/min"),
            supply=Q_([7.0, 13.0, 7.0], "degC"),
            ret=Q_([12.0, 12.0, 12.0], "degC"),
            power=Q_(np.ones(3), "kW"),
        )
    with pytest.raises(InvalidValueError, match="flow"):
        chiller.from_log(
            time=t,
            flow=Q_([1.0, -1.0, 1.0], "L/min"),
            supply=Q_(np.full(3, 7.0), "degC"),
            ret=Q_(np.full(3, 12.0), "degC"),
            power=Q_(np.ones(3), "kW"),
        )
    with pytest.raises(InvalidValueError, match="one value per timestamp"):
        chiller.from_log(
            time=t,
            flow=Q_(np.ones(4), "L/min"),
            supply=Q_(np.full(3, 7.0), "degC"),
            ret=Q_(np.full(3, 12.0), "degC"),
            power=Q_(np.ones(3), "kW"),
        )


# -- properties ------------------------------------------------------------------------------------


@given(
    st.floats(min_value=0, max_value=5000),
    st.sampled_from(["1min", "15min", "irregular"]),
    st.integers(min_value=1, max_value=72),
    st.randoms(use_true_random=False),
)
def test_constant_load_gives_rt_times_hours(load_rt, step, hours, rnd):
    start = np.datetime64("2024-05-31T20:00", "s")
    end = start + np.timedelta64(hours * 3600, "s")
    if step == "irregular":
        inner = sorted({rnd.randrange(1, hours * 3600 - 1) for _ in range(50)} if hours * 3600 > 2 else set())
        t = np.array([start, *(start + np.timedelta64(x, "s") for x in inner), end])
        kw = {"max_gap": Q_(hours, "h")}
    else:
        seconds = 60 if step == "1min" else 900
        t = np.arange(start, end + np.timedelta64(1, "s"), np.timedelta64(seconds, "s"))
        kw = {}
    log = _log(t, load_rt, **kw)
    assert log.monthly_rth.sum() == pytest.approx(load_rt * hours, rel=1e-9, abs=1e-6)
    assert log.hourly_rth.sum() == pytest.approx(load_rt * hours, rel=1e-9, abs=1e-6)
    # the log starts 31 May 20:00: 4 h fall in May, the rest in June
    assert log.monthly_rth[0] == pytest.approx(load_rt * min(4, hours), rel=1e-9, abs=1e-6)
    if hours > 4:
        assert log.monthly_rth[1] == pytest.approx(load_rt * (hours - 4), rel=1e-9, abs=1e-6)
    np.testing.assert_allclose(log.hourly_rth, load_rt, rtol=1e-9, atol=1e-6)  # every whole hour at RT


@given(st.lists(st.floats(min_value=0, max_value=2000), min_size=3, max_size=40), st.integers(2, 6))
def test_finer_sampling_of_the_same_log_keeps_monthly_rth(loads, k):
    start = np.datetime64("2024-03-31T12:00", "s")
    t = start + np.arange(len(loads)) * np.timedelta64(3600, "s")
    coarse = chiller.from_log(
        time=t,
        flow=Q_(np.array(loads), "L/min"),
        supply=Q_(np.full(len(t), 7.0), "degC"),
        ret=Q_(np.full(len(t), 12.0), "degC"),
        power=Q_(np.array(loads) / 10, "kW"),
    )
    # the same step function sampled k times per hour
    fine_t = (t[:-1, None] + np.arange(k) * np.timedelta64(3600 // k, "s")).ravel()
    fine_t = np.append(fine_t, t[-1])
    fine_loads = np.append(np.repeat(loads[:-1], k), loads[-1])
    fine = chiller.from_log(
        time=fine_t,
        flow=Q_(fine_loads, "L/min"),
        supply=Q_(np.full(fine_t.size, 7.0), "degC"),
        ret=Q_(np.full(fine_t.size, 12.0), "degC"),
        power=Q_(fine_loads / 10, "kW"),
    )
    np.testing.assert_allclose(fine.monthly_rth, coarse.monthly_rth, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(fine.monthly_kwh, coarse.monthly_kwh, rtol=1e-9, atol=1e-9)


@given(st.lists(st.floats(min_value=1, max_value=2000), min_size=3, max_size=20))
def test_kw_per_rt_does_not_depend_on_input_units(loads):
    t = np.datetime64("2024-06-01T00", "s") + np.arange(len(loads)) * np.timedelta64(600, "s")
    n = len(loads)
    a = chiller.from_log(
        time=t,
        flow=Q_(np.array(loads), "L/min"),
        supply=Q_(np.full(n, 7.0), "degC"),
        ret=Q_(np.full(n, 12.0), "degC"),
        power=Q_(np.full(n, 300.0), "kW"),
    )
    b = chiller.from_log(
        time=t,
        flow=Q_(np.array(loads) * 60 / 1000, "m**3/h"),
        supply=Q_(np.full(n, 280.15), "K"),
        ret=Q_(np.full(n, 285.15), "K"),
        power=Q_(np.full(n, 300_000.0), "W"),
    )
    np.testing.assert_allclose(a.monthly_kw_per_rt, b.monthly_kw_per_rt, rtol=1e-9)


def test_energy_rows_time_zones_and_resolutions():
    # energy per interval: the last row has no interval after it -> a finding, not silently dropped
    t = np.arange("2024-01-01T00", "2024-01-01T03", dtype="datetime64[h]")
    log = chiller.from_log(
        time=t,
        flow=Q_(np.full(3, 100.0), "L/min"),
        supply=Q_(np.full(3, 7.0), "degC"),
        ret=Q_(np.full(3, 12.0), "degC"),
        energy=Q_(np.full(3, 100.0), "kWh"),
    )
    assert log.monthly_kwh.tolist() == pytest.approx([200])  # two one-hour intervals
    assert "chiller.last_energy_not_counted" in [f.code for f in log.findings]
    # a zone-aware pandas log (Asia/Taipei, no daylight saving) is read in local wall-clock time
    local = pd.date_range("2024-01-31 22:00", periods=5, freq="h", tz="Asia/Taipei")
    z = chiller.from_log(
        time=pd.Series(local),
        flow=Q_(np.full(5, 720.0), "m**3/h"),
        supply=Q_(np.full(5, 7.0), "degC"),
        ret=Q_(np.full(5, 12.0), "degC"),
        power=Q_(np.full(5, 1.0), "kW"),
    )
    assert [str(m) for m in z.months] == ["2024-01", "2024-02"]
    np.testing.assert_allclose(z.monthly_kwh, [2.0, 2.0])
    # seconds resolution gives the same as nanoseconds
    secs = chiller.from_log(
        time=t.astype("datetime64[s]"),
        flow=Q_(np.full(3, 100.0), "L/min"),
        supply=Q_(np.full(3, 7.0), "degC"),
        ret=Q_(np.full(3, 12.0), "degC"),
        power=Q_(np.full(3, 10.0), "kW"),
    )
    assert secs.monthly_kwh.tolist() == pytest.approx([20])  # 10 kW x two one-hour intervals = 20 kWh


def test_month_without_cooling_and_zero_capacity():
    t = np.arange("2024-01-01T00", "2024-01-01T03", dtype="datetime64[h]")
    log = chiller.from_log(
        time=t,
        flow=Q_(np.zeros(3), "L/min"),
        supply=Q_(np.full(3, 7.0), "degC"),
        ret=Q_(np.full(3, 12.0), "degC"),
        power=Q_(np.full(3, 5.0), "kW"),
    )
    assert "chiller.month_without_cooling" in [f.code for f in log.findings]
    assert np.isnan(log.monthly_kw_per_rt[0])  # undefined, and said so by the finding
    with pytest.raises(InvalidValueError, match="capacity"):
        chiller.must_declare(Q_(0, "USRT"))
    with pytest.raises(InvalidValueError, match="flow"):
        chiller.from_log(
            time=t,
            flow=Q_(np.ones((3, 2)), "L/min"),
            supply=Q_(np.full(3, 7.0), "degC"),
            ret=Q_(np.full(3, 12.0), "degC"),
            power=Q_(np.ones(3), "kW"),
        )
