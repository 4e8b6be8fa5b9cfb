"""ROC (民國) and AD years, months and the forms' period notation.

The forms write years in the Republic of China era: 民國 year + 1911 = AD year (106年 = 2017), and
periods as ``106/8~106/9``. Inside carbonaudit every year is an AD year; :class:`YearMonth` reads
and prints the ROC notation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal

import numpy as np

from .errors import PeriodError

__all__ = ["Era", "YearMonth", "YearMonthRange", "ad_to_roc", "roc_to_ad"]

Era = Literal["AD", "ROC"]

_ROC_OFFSET = 1911  # 民國元年 = 1912: the calendar's definition, not a domain factor
_MAX_ROC = 300  # beyond any form; a larger "ROC" year is almost surely an AD year by mistake


def _int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise PeriodError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    return int(value)


def roc_to_ad(year: int) -> int:
    """Convert an ROC (民國) year to the AD year.

    ROC year + 1911 = AD year (../shared/domain.md, conventions); every form of seeds 001-003
    dates in ROC years (106年 = 2017).

    Parameters
    ----------
    year : int
        ROC year, 1 (民國元年 = 1912) to 300.

    Returns
    -------
    int
        AD year (``year + 1911``).

    Raises
    ------
    PeriodError
        If *year* is not a positive int, or is so large it looks like an AD year already.

    Examples
    --------
    >>> roc_to_ad(113)
    2024
    >>> roc_to_ad(106)            # seed 002: the 106年 declaration
    2017
    >>> roc_to_ad(2017)
    Traceback (most recent call last):
    ...
    carbonaudit.errors.PeriodError: ROC year must be between 1 and 300, got 2017 (it looks like an AD year already)
    """
    y = _int(year, "year")
    if not 1 <= y <= _MAX_ROC:
        hint = " (it looks like an AD year already)" if y > _MAX_ROC else ""
        raise PeriodError(f"ROC year must be between 1 and {_MAX_ROC}, got {y}{hint}")
    return y + _ROC_OFFSET


def ad_to_roc(year: int) -> int:
    """Convert an AD year to the ROC (民國) year.

    AD year − 1911 = ROC year (../shared/domain.md, conventions).

    Parameters
    ----------
    year : int
        AD year, 1912 (民國元年) to 2211.

    Returns
    -------
    int
        ROC year (``year - 1911``).

    Raises
    ------
    PeriodError
        If *year* is not an int, or is outside 1912-2211 (a small number is named as a likely ROC
        year).

    Examples
    --------
    >>> ad_to_roc(2024)
    113
    >>> ad_to_roc(106)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    carbonaudit.errors.PeriodError: AD year must be between 1912 and 2211, got 106 (it looks like an ROC year; ...)
    """
    y = _int(year, "year")
    if not 1912 <= y <= _MAX_ROC + _ROC_OFFSET:
        hint = " (it looks like an ROC year; use roc_to_ad)" if 1 <= y <= _MAX_ROC else ""
        raise PeriodError(f"AD year must be between 1912 and {_MAX_ROC + _ROC_OFFSET}, got {y}{hint}")
    return y - _ROC_OFFSET


_YM = re.compile(r"^\s*(\d{1,4})\s*[/\-.年]\s*(\d{1,2})\s*月?\s*$")


@total_ordering
@dataclass(frozen=True, slots=True, init=False)
class YearMonth:
    """A calendar month. ``.year`` is always the AD year.

    Parameters
    ----------
    year : int
        The year, in the era given by *era*.
    month : int
        1 to 12.
    era : {"AD", "ROC"}, default "AD"
        The era of *year*; it must be said, never guessed.

    Examples
    --------
    >>> ym = YearMonth(106, 9, era="ROC")
    >>> ym.year, ym.month, ym.roc_year
    (2017, 9, 106)
    >>> YearMonth.parse("106/8")
    YearMonth(2017, 8)
    >>> str(YearMonth.parse("106/8").add_months(5))
    '2018-01'
    """

    year: int
    month: int

    def __init__(self, year: int, month: int, era: Era = "AD") -> None:
        y = _int(year, "year")
        m = _int(month, "month")
        if era == "ROC":
            y = roc_to_ad(y)
        elif era == "AD":
            ad_to_roc(y)  # range check with a helpful message
        else:
            raise PeriodError(f"era must be 'AD' or 'ROC', got {era!r}")
        if not 1 <= m <= 12:
            raise PeriodError(f"month must be between 1 and 12, got {m}")
        object.__setattr__(self, "year", y)
        object.__setattr__(self, "month", m)

    @classmethod
    def parse(cls, text: str, era: Era = "ROC") -> YearMonth:
        """Read ``"106/8"`` (the forms' ROC notation), ``"106年8月"`` or ``"2017-08"``.

        Parameters
        ----------
        text : str
            Year and month separated by ``/``, ``-``, ``.`` or ``年`` (with optional ``月``).
        era : {"ROC", "AD"}, default "ROC"
            The era of the year in *text*. ISO ``YYYY-MM`` text (a 4-digit year and ``-``) is
            always read as AD.

        Raises
        ------
        PeriodError
            If the text is not a year and a month, or the year does not fit the era.
        """
        if not isinstance(text, str):
            raise PeriodError(f"period text must be a str, got {type(text).__name__} {text!r}")
        match = _YM.match(text)
        if match is None:
            raise PeriodError(f"cannot read a year and month from {text!r}; expected e.g. '106/8' or '2017-08'")
        year, month = int(match.group(1)), int(match.group(2))
        if len(match.group(1)) == 4 and "-" in text:
            era = "AD"
        return cls(year, month, era=era)

    @property
    def roc_year(self) -> int:
        """The ROC (民國) year."""
        return self.year - _ROC_OFFSET

    @property
    def index(self) -> int:
        """Months since year 0 (``year * 12 + month - 1``), for arithmetic."""
        return self.year * 12 + self.month - 1

    def add_months(self, months: int) -> YearMonth:
        """The month *months* later (earlier if negative)."""
        n = self.index + _int(months, "months")
        return YearMonth(n // 12, n % 12 + 1)

    def months_until(self, other: YearMonth) -> int:
        """Number of months from this month to *other* (``other.index - self.index``)."""
        return other.index - self.index

    def roc_str(self) -> str:
        """The forms' notation, e.g. ``"106/9"``."""
        return f"{self.roc_year}/{self.month}"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __repr__(self) -> str:
        return f"YearMonth({self.year}, {self.month})"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, YearMonth):
            return NotImplemented
        return self.index < other.index


@dataclass(frozen=True, slots=True)
class YearMonthRange:
    """An inclusive run of months, e.g. a completion period ``106/8~106/9``.

    Examples
    --------
    >>> r = YearMonthRange.parse("106/8~106/9")
    >>> r.end
    YearMonth(2017, 9)
    >>> len(r)
    2
    """

    start: YearMonth
    end: YearMonth

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(f"period end {self.end} is before its start {self.start}")

    @classmethod
    def parse(cls, text: str, era: Era = "ROC") -> YearMonthRange:
        """Read ``"106/8~106/9"`` (also ``～``, ``-`` between ROC months, or a single month)."""
        if not isinstance(text, str):
            raise PeriodError(f"period text must be a str, got {type(text).__name__} {text!r}")
        parts = re.split(r"\s*[~～]\s*", text.strip())
        if len(parts) == 1:
            one = YearMonth.parse(parts[0], era)
            return cls(one, one)
        if len(parts) != 2:
            raise PeriodError(f"cannot read a period from {text!r}; expected e.g. '106/8~106/9'")
        return cls(YearMonth.parse(parts[0], era), YearMonth.parse(parts[1], era))

    def __len__(self) -> int:
        return self.start.months_until(self.end) + 1

    def roc_str(self) -> str:
        """The forms' notation, e.g. ``"106/8~106/9"``."""
        return f"{self.start.roc_str()}~{self.end.roc_str()}"

    def __str__(self) -> str:
        return f"{self.start}~{self.end}"
