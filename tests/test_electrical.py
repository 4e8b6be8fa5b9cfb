"""Transformer load rate, PUE and UPS efficiency (non-production-form-2025 八, 表九之八)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import Q_, InvalidValueError, UnitsError, electrical


def test_transformer_load_rate_by_hand():
    # 八 註4: [(1.732 x 380 V x 1,000 A x PF) / 1,000] / 1,000 kVA / PF = 658.2 / 1,000 = 65.8 %
    r = electrical.transformer_load_rate(Q_(380, "V"), Q_(1000, "A"), Q_(1000, "kVA"), power_factor=0.92)
    assert r.m == pytest.approx(math.sqrt(3) * 380 * 1000 / 1000 / 1000)
    assert round(r.m * 100, 1) == 65.8  # the form's 1.732 gives 65.816 %, √3 65.818 %
    assert r.m == pytest.approx(1.732 * 380 * 1000 / 1000 / 1000, rel=1e-4)


def test_check_transformer_limits_are_data():
    assert electrical.check_transformer(0.6, 0.97) == []
    assert [f.code for f in electrical.check_transformer(0.8)] == ["electrical.load_rate_high"]
    # the PF must be *above* 95 %: exactly 95 % is flagged
    assert [f.code for f in electrical.check_transformer(Q_(60, "percent"), Q_(95, "percent"))] == [
        "electrical.power_factor_low"
    ]


def test_pue_and_ups():
    # 表九之八 註3: (a + b) / b; 600,000 + 1,000,000 over 1,000,000 = 1.6
    assert electrical.pue(non_it=Q_(600, "MWh"), it=Q_(1_000_000, "kWh")).m == pytest.approx(1.6)
    assert electrical.pue(total=Q_(1_600, "MWh"), it=Q_(1_000_000, "kWh")).m == pytest.approx(1.6)
    # 註6: 95 kW out of 100 kW in = 95 %
    assert electrical.ups_efficiency(Q_(95, "kW"), Q_(100_000, "W")).m == pytest.approx(0.95)
    dc = electrical.DataCentre(Q_(6e5, "kWh"), Q_(1e6, "kWh"), "ups_output", name="DC1")
    assert dc.category == "PUE1" and dc.findings() == []
    assert electrical.DataCentre(Q_(6e5, "kWh"), Q_(1e6, "kWh"), "ups_input").findings()[0].code == (
        "electrical.pue_metering_point"
    )


@pytest.mark.parametrize(
    ("call", "error", "word"),
    [
        (
            lambda: electrical.transformer_load_rate(Q_(380, "V"), Q_(10, "A"), Q_(0, "kVA")),
            InvalidValueError,
            "capacity",
        ),
        (lambda: electrical.transformer_load_rate(Q_(380, "V"), Q_(10, "A"), Q_(1, "kg")), UnitsError, "capacity"),
        (
            lambda: electrical.transformer_load_rate(Q_(380, "V"), Q_(10, "A"), Q_(1, "kVA"), 1.2),
            InvalidValueError,
            "power_factor",
        ),
        (lambda: electrical.pue(non_it=Q_(1, "kWh"), it=Q_(0, "kWh")), InvalidValueError, "it"),
        (lambda: electrical.ups_efficiency(Q_(101, "kW"), Q_(100, "kW")), InvalidValueError, "output_power"),
        (lambda: electrical.DataCentre(Q_(1, "kWh"), Q_(1, "kWh"), "roof"), InvalidValueError, "metering_point"),  # type: ignore[arg-type]
    ],
)
def test_bad_input(call, error, word):
    with pytest.raises(error, match=word):
        call()


@pytest.mark.parametrize("unit", ["kVA", "VA", "MVA", "kvar"])
def test_ups_and_pue_refuse_apparent_and_reactive_power(unit):
    # 表九之八 註6: UPS efficiency is real power out / real power in (kW); pint takes V*A and W as one
    # dimension, so 95 kVA against 100 kW would pass as 95 %.
    kind = "reactive" if unit == "kvar" else "apparent"
    label = "kvar" if unit == "kvar" else "kVA"
    with pytest.raises(UnitsError, match=rf"^output_power must be real power \(kW\), got 95 {unit}: {kind} power"):
        electrical.ups_efficiency(Q_(95, unit), Q_(100, "kW"))
    with pytest.raises(UnitsError, match=rf"^input_power .*: {kind} power \({label}\) is not real power \(kW\)"):
        electrical.ups_efficiency(Q_(95, "kW"), Q_(100, unit))
    # 註3: a and b are annual electricity [kWh], not kVAh or kvarh readings
    with pytest.raises(UnitsError, match=rf"^it must be real energy \(kWh\), got 1000000.0 h \* {unit}: {kind} energy"):
        electrical.pue(non_it=Q_(6e5, "kWh"), it=Q_(1e6, f"{unit}*h"))
    with pytest.raises(UnitsError, match=rf"^non_it .*: {kind} energy \({label}h\) is not real energy \(kWh\)"):
        electrical.pue(non_it=Q_(6e5, f"{unit}*h"), it=Q_(1e6, "kWh"))
    with pytest.raises(UnitsError, match=rf"^total .*: {kind} energy \({label}h\) is not real energy \(kWh\)"):
        electrical.pue(total=Q_(1.6e6, f"{unit}*h"), it=Q_(1e6, "kWh"))
    # the transformer's rated capacity is apparent power, as the form prints it (八 註4)
    assert electrical.transformer_load_rate(Q_(380, "V"), Q_(1000, "A"), Q_(1, "MVA")).m == pytest.approx(0.6582, 1e-4)


@given(
    st.floats(min_value=1, max_value=1e4),
    st.floats(min_value=0, max_value=1e4),
    st.floats(min_value=1, max_value=1e5),
    st.floats(min_value=0.01, max_value=1),
    st.floats(min_value=0.01, max_value=1),
)
def test_load_rate_does_not_depend_on_power_factor(v, i, cap, pf1, pf2):
    a = electrical.transformer_load_rate(Q_(v, "V"), Q_(i, "A"), Q_(cap, "kVA"), pf1).m
    b = electrical.transformer_load_rate(Q_(v, "V"), Q_(i, "A"), Q_(cap, "kVA"), pf2).m
    assert a == b == electrical.transformer_load_rate(Q_(v, "V"), Q_(i, "A"), Q_(cap, "kVA")).m


@pytest.mark.parametrize(
    ("load_rate", "power_factor", "word"),
    [
        (float("nan"), 0.97, "load_rate"),
        (0.6, float("nan"), "power_factor"),
        (0.6, 1.5, "power_factor"),
        (-0.2, 0.97, "load_rate"),
        ([0.5, 0.6], 0.97, "load_rate"),
    ],
)
def test_check_transformer_refuses_bad_values(load_rate, power_factor, word):
    import numpy as np

    value = np.array(load_rate) if isinstance(load_rate, list) else load_rate
    with pytest.raises(InvalidValueError, match=word):
        electrical.check_transformer(value, power_factor)
