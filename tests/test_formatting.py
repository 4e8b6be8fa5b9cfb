"""Half-up rounding and percent formatting for display.

Percentages on the forms are shown rounded half-up to 2 decimals (production-declaration-2018
表十之三: 1.1944% → "1.19"): round half-up, not Python's banker's rounding.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import Q_, CarbonAuditError, InvalidValueError, UnitsError, format_percent, round_half_up


def _check_error_classes(exc: BaseException) -> None:
    assert isinstance(exc, CarbonAuditError)
    assert isinstance(exc, ValueError)


# --- round_half_up ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "digits", "expected"),
    [
        # 0.125 → 0.13: the 5 in the third place rounds up (Python's round gives 0.12).
        (0.125, 2, 0.13),
        # 2.675 is read as the decimal 2.675 → 2.68 (Python's round on the binary value gives 2.67).
        (2.675, 2, 2.68),
        # halves go away from zero: -2.5 → -3, -0.125 → -0.13.
        (-2.5, 0, -3.0),
        (-0.125, 2, -0.13),
        (2.5, 0, 3.0),
        (0.5, 0, 1.0),
        (-0.5, 0, -1.0),
        (1.005, 2, 1.01),
        (0.0149, 2, 0.01),
        (1.2344999, 3, 1.234),
        # negative digits round to tens, hundreds: 1235 → 1240, 1234 → 1230, 150 → 200.
        (1235, -1, 1240.0),
        (1234, -1, 1230.0),
        (150, -2, 200.0),
        (-1235, -1, -1240.0),
        (1235.0, -1, 1240.0),
        # production-declaration-2018 表十 (§3 example): 149,200 × 12.5% × 11/12 = 17,095.8333... shown as 17,095.8.
        (149_200 * 0.125 * 11 / 12, 1, 17_095.8),
        (0.0, 2, 0.0),
    ],
)
def test_round_half_up(x, digits, expected):
    result = round_half_up(x, digits)
    assert result == expected
    assert isinstance(result, float)


def test_round_half_up_default_digits_is_zero():
    assert round_half_up(2.5) == 3.0
    assert round_half_up(2.4999) == 2.0
    assert round_half_up(-2.5) == -3.0


def test_round_half_up_ints():
    # ints are exact: 7 → 7.0, 15 → 20 at tens, 25 → 30 (not 20 as round-half-even gives).
    assert round_half_up(7) == 7.0
    assert isinstance(round_half_up(7), float)
    assert round_half_up(15, -1) == 20.0
    assert round_half_up(25, -1) == 30.0
    assert round_half_up(-25, -1) == -30.0
    assert round_half_up(3, 2) == 3.0


def test_round_half_up_numpy_float64():
    assert round_half_up(np.float64(2.675), 2) == 2.68
    assert round_half_up(np.float64(-0.125), 2) == -0.13
    assert round_half_up(np.int64(1235), -1) == 1240.0


def test_round_half_up_decimal():
    assert round_half_up(Decimal("2.675"), 2) == 2.68
    assert round_half_up(Decimal("-0.125"), 2) == -0.13


@pytest.mark.parametrize(("value", "shown"), [(math.nan, "nan"), (math.inf, "inf"), (-math.inf, "-inf")])
def test_round_half_up_rejects_non_finite(value, shown):
    with pytest.raises(InvalidValueError) as excinfo:
        round_half_up(value, 2)
    assert shown in str(excinfo.value)
    _check_error_classes(excinfo.value)


def test_round_half_up_rejects_non_finite_decimal():
    with pytest.raises(InvalidValueError, match="NaN"):
        round_half_up(Decimal("NaN"), 2)
    with pytest.raises(InvalidValueError, match="Infinity"):
        round_half_up(Decimal("Infinity"), 2)


@pytest.mark.parametrize(("value", "shown"), [("2.675", "'2.675'"), (True, "True"), (False, "False"), (None, "None")])
def test_round_half_up_rejects_non_numbers(value, shown):
    with pytest.raises(InvalidValueError) as excinfo:
        round_half_up(value, 2)  # type: ignore[arg-type]
    assert shown in str(excinfo.value)
    _check_error_classes(excinfo.value)


@pytest.mark.parametrize("digits", [2.0, "2", True])
def test_round_half_up_rejects_non_int_digits(digits):
    with pytest.raises(InvalidValueError, match="digits"):
        round_half_up(1.5, digits)  # type: ignore[arg-type]


# --- format_percent -----------------------------------------------------------------------------


def test_format_percent_production_declaration_table_10_3():
    # production-declaration-2018 表十之三: 平均年節電率 = A / (A + B - C) × 100% with A = 1,120,329.5, B = 92,677,376,
    # C = 0: 1,120,329.5 / 93,797,705.5 = 0.011944... (1.1944 %), printed "1.19".
    assert format_percent(0.011944) == "1.19"
    assert format_percent(1_120_329.5 / (1_120_329.5 + 92_677_376 - 0)) == "1.19"


def test_format_percent_production_declaration_table_10_5():
    # production-declaration-2018 表十之五: (A1+B1+C1)/((A1+B1+C1)+(A2+B2+C2)) with row 1 = 138,166; 1,342,662; 1,120,329.5
    # and row 2 = 87,707,922; 93,174,776; 92,677,376: 2,601,157.5 / 276,161,231.5 = 0.009419 → "0.94".
    savings = 138_166 + 1_342_662 + 1_120_329.5
    use = 87_707_922 + 93_174_776 + 92_677_376
    assert format_percent(savings / (savings + use)) == "0.94"
    assert format_percent(savings / (savings + use), 1) == "0.9"


def test_format_percent_quantity():
    assert format_percent(Q_(1.1944, "percent")) == "1.19"
    assert format_percent(Q_(0.011944, "dimensionless")) == "1.19"


def test_format_percent_digits():
    # 0.94 % to one decimal: 0.9; 12.5 % to none: 13 (half up); 0.5 → 50.00 with exactly 2 decimals.
    assert format_percent(0.0094, 1) == "0.9"
    assert format_percent(0.125, 0) == "13"
    assert format_percent(0.124, 0) == "12"
    assert format_percent(0.5) == "50.00"
    assert format_percent(0.0) == "0.00"
    assert format_percent(1) == "100.00"
    assert format_percent(0.00125, 1) == "0.1"  # 0.125 % → 0.1
    assert format_percent(0.00125, 2) == "0.13"  # 0.125 % → 0.13, half up
    assert format_percent(-0.00125, 2) == "-0.13"


def test_format_percent_decimal():
    assert format_percent(Decimal("0.011944")) == "1.19"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(math.nan, "nan"), (math.inf, "inf"), ("0.5", "'0.5'"), (True, "True"), (None, "None")],
)
def test_format_percent_rejects(value, shown):
    with pytest.raises(InvalidValueError) as excinfo:
        format_percent(value)  # type: ignore[arg-type]
    assert shown in str(excinfo.value)
    _check_error_classes(excinfo.value)


@pytest.mark.parametrize("value", [Q_(1, "kg"), Q_(5, "kWh"), Q_(1, "KLOE")], ids=str)
def test_format_percent_rejects_dimensional_quantities(value):
    with pytest.raises(UnitsError) as excinfo:
        format_percent(value)
    assert f"{value.units:~}" in str(excinfo.value)
    _check_error_classes(excinfo.value)


# --- properties ---------------------------------------------------------------------------------

sane = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
digits = st.integers(min_value=0, max_value=6)


@given(sane, digits)
def test_round_half_up_matches_decimal_of_repr(x, d):
    # The documented meaning: half-up on the decimal a person reads (the shortest repr).
    expected = float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP))
    assert round_half_up(x, d) == expected


@given(sane, digits)
def test_round_half_up_is_within_half_a_unit(x, d):
    result = round_half_up(x, d)
    # repr is within half an ulp of x, the quantize within half a unit of the last kept digit, and
    # float() within half an ulp of the result.
    tolerance = 0.5 * 10.0**-d + math.ulp(x) + math.ulp(result)
    assert abs(result - x) <= tolerance


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_round_half_up_thousandths_to_hundredths(n):
    # x = n / 1000 has at most 13 significant digits, so its repr is exactly the decimal n/1000.
    # Half-up to 2 places by integer arithmetic: drop the last digit of |n|, add 1 if it was >= 5.
    x = n / 1000
    quotient, last = divmod(abs(n), 10)
    cents = quotient + (1 if last >= 5 else 0)
    expected = math.copysign(cents, n) / 100 if n else 0.0
    assert round_half_up(x, 2) == expected


@given(st.integers(min_value=0, max_value=10**9))
def test_round_half_up_halves_go_away_from_zero(k):
    # k + 0.5 is exact in binary for these k: half-up gives k + 1, and -(k + 0.5) gives -(k + 1).
    assert round_half_up(k + 0.5) == k + 1
    assert round_half_up(-(k + 0.5)) == -(k + 1)


@given(sane, digits)
def test_round_half_up_is_idempotent(x, d):
    once = round_half_up(x, d)
    assert round_half_up(once, d) == once
