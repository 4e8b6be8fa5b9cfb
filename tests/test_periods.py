"""ROC (民國) and AD years, months and the forms' period notation.

ROC year (民國) + 1911 = AD year: 106年 = 2017. The forms write periods as `106/8~106/9`
(production-declaration-2018 表十之一).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import CarbonAuditError, PeriodError, YearMonth, YearMonthRange, ad_to_roc, roc_to_ad


def _check_error_classes(exc: BaseException) -> None:
    assert isinstance(exc, PeriodError)
    assert isinstance(exc, CarbonAuditError)
    assert isinstance(exc, ValueError)


# --- ROC and AD years ---------------------------------------------------------------------------


def test_roc_to_ad():
    # ROC + 1911 = AD: 113 + 1911 = 2024; 106 + 1911 = 2017; 民國元年 1 + 1911 = 1912.
    assert roc_to_ad(113) == 2024
    assert roc_to_ad(106) == 2017
    assert roc_to_ad(1) == 1912
    assert roc_to_ad(np.int64(107)) == 2018


def test_ad_to_roc():
    # AD - 1911 = ROC: 2024 - 1911 = 113; 2017 - 1911 = 106.
    assert ad_to_roc(2024) == 113
    assert ad_to_roc(2017) == 106
    assert ad_to_roc(1912) == 1


def test_roc_year_that_looks_like_ad():
    with pytest.raises(PeriodError, match="AD") as excinfo:
        roc_to_ad(2017)
    assert "2017" in str(excinfo.value)
    _check_error_classes(excinfo.value)


def test_ad_year_that_looks_like_roc():
    with pytest.raises(PeriodError, match="ROC") as excinfo:
        ad_to_roc(113)
    assert "113" in str(excinfo.value)
    _check_error_classes(excinfo.value)


@pytest.mark.parametrize("year", [0, -5])
def test_roc_year_must_be_positive(year):
    with pytest.raises(PeriodError):
        roc_to_ad(year)


@pytest.mark.parametrize("year", [106.5, 106.0, "106", True, None])
def test_years_must_be_ints(year):
    with pytest.raises(PeriodError) as excinfo:
        roc_to_ad(year)  # type: ignore[arg-type]
    assert repr(year) in str(excinfo.value)
    _check_error_classes(excinfo.value)
    with pytest.raises(PeriodError):
        ad_to_roc(year)  # type: ignore[arg-type]


# --- YearMonth ----------------------------------------------------------------------------------


def test_year_month_roc():
    ym = YearMonth(106, 9, era="ROC")
    assert ym.year == 2017
    assert ym.month == 9
    assert ym.roc_year == 106
    assert ym == YearMonth(2017, 9)
    assert ym == YearMonth(2017, 9, era="AD")


def test_year_month_strings():
    ym = YearMonth(2017, 9)
    assert ym.roc_str() == "106/9"
    assert str(ym) == "2017-09"
    assert repr(ym) == "YearMonth(2017, 9)"
    assert YearMonth(2018, 12).roc_str() == "107/12"


@pytest.mark.parametrize(
    ("text", "year", "month"),
    [
        ("106/8", 2017, 8),
        ("106年8月", 2017, 8),
        ("106年8", 2017, 8),
        (" 106 / 8 ", 2017, 8),
        ("106.8", 2017, 8),
        ("107/9", 2018, 9),
        ("113/12", 2024, 12),
        ("2017-08", 2017, 8),  # ISO YYYY-MM is always AD
        ("2017-8", 2017, 8),
    ],
)
def test_year_month_parse(text, year, month):
    assert YearMonth.parse(text) == YearMonth(year, month)


def test_year_month_parse_ad_era():
    assert YearMonth.parse("2017/8", era="AD") == YearMonth(2017, 8)
    assert YearMonth.parse("2024年1月", era="AD") == YearMonth(2024, 1)


def test_year_month_parse_ad_text_as_roc_is_rejected():
    # "2017/8" read as ROC would be AD 3928: it looks like an AD year, say so.
    with pytest.raises(PeriodError, match="AD"):
        YearMonth.parse("2017/8")


@pytest.mark.parametrize("text", ["abc", "", "106", "106/", "/8", "106/8/1", "106年", "一〇六年八月"])
def test_year_month_parse_unreadable(text):
    with pytest.raises(PeriodError) as excinfo:
        YearMonth.parse(text)
    assert repr(text) in str(excinfo.value)
    _check_error_classes(excinfo.value)


def test_year_month_parse_not_a_string():
    with pytest.raises(PeriodError):
        YearMonth.parse(106)  # type: ignore[arg-type]


@pytest.mark.parametrize("month", [13, 0, -1])
def test_month_out_of_range(month):
    with pytest.raises(PeriodError, match="month") as excinfo:
        YearMonth(2017, month)
    assert str(month) in str(excinfo.value)
    _check_error_classes(excinfo.value)
    with pytest.raises(PeriodError):
        YearMonth(106, month, era="ROC")


def test_month_13_in_text():
    with pytest.raises(PeriodError, match="13"):
        YearMonth.parse("106/13")


def test_roc_year_given_as_ad():
    with pytest.raises(PeriodError, match="looks like an AD year") as excinfo:
        YearMonth(2017, 9, era="ROC")
    _check_error_classes(excinfo.value)


def test_ad_year_given_as_roc():
    with pytest.raises(PeriodError, match="looks like an ROC year") as excinfo:
        YearMonth(113, 1)
    _check_error_classes(excinfo.value)


def test_unknown_era():
    with pytest.raises(PeriodError, match="XYZ") as excinfo:
        YearMonth(2017, 9, era="XYZ")  # type: ignore[arg-type]
    _check_error_classes(excinfo.value)


@pytest.mark.parametrize(("year", "month"), [(106.5, 9), ("106", 9), (106, 9.0), (106, "9"), (True, 9)])
def test_year_and_month_must_be_ints(year, month):
    with pytest.raises(PeriodError) as excinfo:
        YearMonth(year, month, era="ROC")  # type: ignore[arg-type]
    _check_error_classes(excinfo.value)


def test_year_month_accepts_numpy_ints():
    assert YearMonth(np.int64(106), np.int32(9), era="ROC") == YearMonth(2017, 9)


def test_year_month_is_immutable_and_hashable():
    ym = YearMonth(2017, 9)
    with pytest.raises(AttributeError):
        ym.year = 2018  # type: ignore[misc]
    assert {YearMonth(106, 9, era="ROC"), YearMonth(2017, 9)} == {ym}


# --- arithmetic and ordering --------------------------------------------------------------------


def test_add_months_across_a_year_end():
    # production-declaration-2018: LED work done 106/8~106/9, recognised "全程12月106/10~107/9": 106/10 + 11 months.
    # Oct 2017 + 2 = Dec 2017, + 1 = Jan 2018, + 8 more = Sep 2018.
    start = YearMonth(106, 10, era="ROC")
    end = start.add_months(11)
    assert end == YearMonth(107, 9, era="ROC")
    assert end == YearMonth(2018, 9)
    assert start.months_until(end) == 11


def test_production_declaration_split_of_the_recognition_period():
    # production-declaration-2018: 106年 recognises 3 months (Oct–Dec: 9504 × 3/12), 107年 the other 9 (9504 × 9/12).
    start = YearMonth(106, 10, era="ROC")
    assert start.months_until(YearMonth(107, 1, era="ROC")) == 3
    assert YearMonth(107, 1, era="ROC").months_until(YearMonth(107, 9, era="ROC")) + 1 == 9


def test_add_months():
    # YearMonth docstring: 106/8 + 5 months = 2018-01 (Aug + 4 = Dec 2017, + 1 = Jan 2018).
    assert str(YearMonth.parse("106/8").add_months(5)) == "2018-01"
    assert YearMonth(2017, 1).add_months(-1) == YearMonth(2016, 12)
    assert YearMonth(2017, 12).add_months(1) == YearMonth(2018, 1)
    assert YearMonth(2017, 5).add_months(0) == YearMonth(2017, 5)
    assert YearMonth(2017, 5).add_months(24) == YearMonth(2019, 5)
    assert YearMonth(2017, 5).add_months(-17) == YearMonth(2015, 12)


def test_add_months_rejects_non_int():
    with pytest.raises(PeriodError):
        YearMonth(2017, 5).add_months(1.0)  # type: ignore[arg-type]


def test_add_months_out_of_range():
    # Earlier than 民國元年 (1912-01) cannot be a YearMonth.
    with pytest.raises(PeriodError):
        YearMonth(1912, 1).add_months(-1)


def test_ordering_and_equality():
    a, b, c = YearMonth(2017, 12), YearMonth(2018, 1), YearMonth(2018, 2)
    assert a < b < c
    assert c > a
    assert a <= YearMonth(106, 12, era="ROC")
    assert b >= a
    assert a != b
    assert sorted([c, a, b]) == [a, b, c]
    assert max([a, c, b]) == c
    assert YearMonth(2017, 12) == YearMonth(106, 12, era="ROC")
    # month order within a year, not lexical: 2017-09 < 2017-10
    assert YearMonth(2017, 9) < YearMonth(2017, 10)


def test_comparison_with_other_types():
    ym = YearMonth(2017, 9)
    assert ym != "2017-09"
    assert ym != (2017, 9)
    with pytest.raises(TypeError):
        _ = ym < "2017-10"  # type: ignore[operator]


# --- YearMonthRange -----------------------------------------------------------------------------


def test_range_parse_production_declaration_led_example():
    # production-declaration-2018: "執行計畫期間：106/8 ~106/9" = August and September 2017, 2 months.
    r = YearMonthRange.parse("106/8~106/9")
    assert r.start == YearMonth(2017, 8)
    assert r.end == YearMonth(2017, 9)
    assert len(r) == 2
    assert r.roc_str() == "106/8~106/9"
    assert str(r) == "2017-08~2017-09"
    assert YearMonthRange.parse("106/8 ~106/9") == r  # spacing as printed in production-declaration-2018
    assert YearMonthRange.parse("106/8～106/9") == r  # full-width tilde


def test_range_recognition_period_is_12_months():
    # production-declaration-2018: "全程12月106/10~107/9".
    r = YearMonthRange.parse("106/10~107/9")
    assert len(r) == 12
    assert r.end == YearMonth(2018, 9)


def test_range_single_month():
    r = YearMonthRange.parse("106/8")
    assert r.start == r.end == YearMonth(2017, 8)
    assert len(r) == 1


def test_range_ad():
    r = YearMonthRange.parse("2017-08~2018-07")
    assert len(r) == 12  # Aug 2017 .. Jul 2018: 5 months in 2017 + 7 in 2018


def test_range_end_before_start():
    with pytest.raises(PeriodError) as excinfo:
        YearMonthRange.parse("106/9~106/8")
    _check_error_classes(excinfo.value)
    with pytest.raises(PeriodError):
        YearMonthRange(YearMonth(2018, 1), YearMonth(2017, 12))


@pytest.mark.parametrize("text", ["abc", "106/8~106/9~106/10", "106/8~", "~106/9", "106/8~abc"])
def test_range_unreadable(text):
    with pytest.raises(PeriodError) as excinfo:
        YearMonthRange.parse(text)
    _check_error_classes(excinfo.value)


def test_range_not_a_string():
    with pytest.raises(PeriodError):
        YearMonthRange.parse(None)  # type: ignore[arg-type]


# --- properties ---------------------------------------------------------------------------------

# YearMonth accepts AD years 1912 (民國元年) .. 2211 (ROC 300).
FIRST = YearMonth(1912, 1)
LAST = YearMonth(2211, 12)
year_months = st.builds(YearMonth, st.integers(min_value=1912, max_value=2211), st.integers(min_value=1, max_value=12))


@given(st.integers(min_value=1, max_value=300))
def test_roc_ad_round_trip(y):
    assert roc_to_ad(y) == y + 1911
    assert ad_to_roc(roc_to_ad(y)) == y


@given(st.integers(min_value=1912, max_value=2211))
def test_ad_roc_round_trip(y):
    assert roc_to_ad(ad_to_roc(y)) == y


@given(year_months, st.data())
def test_add_months_and_back(ym, data):
    k = data.draw(st.integers(min_value=ym.months_until(FIRST), max_value=ym.months_until(LAST)))
    moved = ym.add_months(k)
    assert moved.add_months(-k) == ym
    assert ym.months_until(moved) == k
    # independent count: whole years × 12 + month difference
    assert (moved.year - ym.year) * 12 + (moved.month - ym.month) == k


@given(year_months, year_months)
def test_months_until_is_consistent_with_add_months(a, b):
    n = a.months_until(b)
    assert n == (b.year - a.year) * 12 + (b.month - a.month)
    assert a.add_months(n) == b
    assert b.months_until(a) == -n
    assert (n > 0) == (a < b)
    assert (n == 0) == (a == b)


@given(year_months)
def test_roc_str_parses_back(ym):
    assert YearMonth.parse(ym.roc_str()) == ym
    assert YearMonth.parse(str(ym)) == ym
