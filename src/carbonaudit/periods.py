"""ROC (民國) and AD years, months and the forms' period notation.

The forms write years in the Republic of China era: 民國 year + 1911 = AD year (106年 = 2017), and
periods as ``106/8~106/9``. Inside carbonaudit every year is an AD year; :class:`YearMonth` reads
and prints the ROC notation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
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


_AD_LOW = _ROC_OFFSET + 1  # 民國元年 = 1912
_AD_HIGH = _ROC_OFFSET + _MAX_ROC  # 2211: as far as ROC years go here


def _shown(value: object) -> str:
    """*value* for a message: a numpy integer as its number (``2300``, not ``np.int64(2300)``).

    A Python int too long to print (Python refuses ``str`` of one over 4,300 digits) is named by its
    size, and any long repr is cut.
    """
    if isinstance(value, np.integer):
        return str(int(value))
    if isinstance(value, (np.floating, np.bool_, np.str_, np.bytes_)):
        return repr(value.item())
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"<{value.bit_length()}-bit int>"
    try:
        text = repr(value)
    except ValueError:  # e.g. a list holding an int over 4,300 digits
        return f"a {type(value).__name__} too large to print"
    return text if len(text) <= 80 else text[:77] + "..."


def _ad_year(value: object, name: str, *, low: int = _AD_LOW, high: int = _AD_HIGH) -> int:
    """*value* as a Python int if it is an AD year in [*low*, *high*], else a :class:`PeriodError`.

    The one check of every argument that takes an AD year: a Python int or any numpy integer
    (``np.int64(2024)`` from a DataFrame is a year like ``2024``); never a bool, a float (``2024.0``
    or ``2024.5``), a str or a Decimal. A positive number below 1912 is named as a likely ROC year
    with the conversion to make (``periods.roc_to_ad``).
    """
    hint = ""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        year = int(value)
        if low <= year <= high:
            return year
        if 1 <= year <= _MAX_ROC and year < low:
            hint = f"; ROC {year} is AD {year + _ROC_OFFSET}: for an ROC year use periods.roc_to_ad({year})"
    elif isinstance(value, (float, np.floating)) and float(value).is_integer():
        hint = f"; a float is not taken as a year: pass int({_shown(value)}) (e.g. of a float column)"
    raise PeriodError(
        f"{name} must be an AD year as int {low}-{high}, got {type(value).__name__} {_shown(value)}{hint}"
    )


def _not_text(value: object, name: str) -> PeriodError:
    """The error for a period given as something other than text, a YearMonth or a datetime.

    A float period is ambiguous: a CSV cell ``106.10`` (October) is read as the float 106.1, the
    same number as ``106.1`` (January); the message says to write ``"106/10"`` or read the column as
    text.
    """
    if isinstance(value, (float, np.floating, Decimal)) or (isinstance(value, np.ndarray) and value.dtype.kind == "f"):
        return PeriodError(
            f"{name} is the number {_shown(value)}, and a period written as a number is ambiguous: "
            "106.10 (October) and 106.1 (January) are the same float. Write the period as text, "
            '"106/10" (ROC year/month), or read the column as text (pandas.read_csv(..., dtype=str); '
            "astype(str) on the floats would give '106.1' again)"
        )
    return PeriodError(
        f"{name} must be period text such as '106/8' or '106/8~106/9', got {type(value).__name__} {_shown(value)}"
    )


def roc_to_ad(year: int) -> int:
    """Convert an ROC (民國) year to the AD year.

    ROC year + 1911 = AD year; every form of award-form-2015, production-declaration-2018 and
    non-production-form-2025 dates in ROC years (106年 = 2017).

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
    >>> roc_to_ad(106)            # production-declaration-2018: the 106年 declaration
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

    AD year − 1911 = ROC year, the year the forms print (award-form-2015, production-declaration-2018,
    non-production-form-2025).

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
            If the text is not a year and a month, or the year does not fit the era; or if *text*
            is not a str: a float such as ``106.1`` is refused because it cannot tell October
            (``106.10``) from January (the message says to write ``"106/10"``).
        """
        if not isinstance(text, str):
            raise _not_text(text, "period text")
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
        """The month *months* later (earlier if negative).

        Parameters
        ----------
        months : int
            Months to move (a Python or numpy integer; negative moves back).

        Returns
        -------
        YearMonth
            The month *months* after this one.

        Raises
        ------
        PeriodError
            If *months* is not an int (a float, a bool, a str), or moves beyond the years a
            YearMonth holds (AD 1912-01 to 2211-12); the message names *months*.
        """
        k = _int(months, "months")
        n = self.index + k
        if not _AD_LOW * 12 <= n <= _AD_HIGH * 12 + 11:
            raise PeriodError(
                f"months={_shown(k)} moves {self} beyond the months a YearMonth holds (AD {_AD_LOW}-01 to "
                f"{_AD_HIGH}-12, 民國 1-{_MAX_ROC}); give a number of months between "
                f"{_AD_LOW * 12 - self.index:,} and {_AD_HIGH * 12 + 11 - self.index:,}"
            )
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
        """Read ``"106/8~106/9"`` (also ``～``, ``-`` between ROC months, or a single month).

        Parameters
        ----------
        text : str
            Two months (as :meth:`YearMonth.parse` reads them) joined by ``~`` or ``～``, or one month.
        era : {"ROC", "AD"}, default "ROC"
            The era of the years in *text*.

        Raises
        ------
        PeriodError
            If a month cannot be read, the end is before the start, or *text* is not a str (a float
            such as ``106.1`` is ambiguous: write ``"106/10"``).
        """
        if not isinstance(text, str):
            raise _not_text(text, "period text")
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
