"""Rounding and formatting for display (never used inside the engines).

The forms show figures rounded half-up (Excel's ``ROUND``): 1.1944 % is printed ``1.19``, 0.125
rounded to two places is 0.13. Python's ``round`` rounds half to even on the binary value
(``round(2.675, 2) == 2.67``); these helpers round the decimal a person reads instead.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from numbers import Real

import pint

from .errors import InvalidValueError, UnitsError
from .units import Quantity

__all__ = ["format_percent", "round_half_up"]


def _decimal(x: object, name: str) -> Decimal:
    if isinstance(x, bool) or not isinstance(x, (Real, Decimal)):
        raise InvalidValueError(f"{name} must be a real number, got {type(x).__name__} {x!r}")
    if isinstance(x, Decimal):
        d = x
    else:
        f = float(x)
        if not math.isfinite(f):
            raise InvalidValueError(f"{name} must be finite to be rounded, got {f!r}")
        # repr gives the shortest decimal that reads back as the same float: the number a person sees.
        d = Decimal(repr(x)) if isinstance(x, int) else Decimal(repr(f))
    if not d.is_finite():
        raise InvalidValueError(f"{name} must be finite to be rounded, got {x!r}")
    return d


def _quantize(d: Decimal, digits: int) -> Decimal:
    if isinstance(digits, bool) or not isinstance(digits, int):
        raise InvalidValueError(f"digits must be an int, got {type(digits).__name__} {digits!r}")
    try:
        return d.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:  # pragma: no cover - only for absurd digit counts
        raise InvalidValueError(f"cannot round {d} to {digits} digits") from exc


def round_half_up(x: float | int | Decimal, digits: int = 0) -> float:
    """Round half away from zero on the decimal value a person reads, as Excel's ROUND does.

    The forms round half-up for display (../shared/domain.md, conventions: 1.1944 % → "1.19"); the
    engines never round.

    Parameters
    ----------
    x : float, int or Decimal
        The value to round. For a float, the decimal read is its shortest repr (``2.675``, not
        the binary 2.67499999...).
    digits : int, default 0
        Decimal places to keep; negative values round to tens, hundreds, ...

    Returns
    -------
    float
        *x* rounded to *digits* places, half away from zero.

    Raises
    ------
    InvalidValueError
        If *x* is NaN, infinite or not a real number, or *digits* is not an int.

    Examples
    --------
    >>> round_half_up(8400 * 4.1868e-9 * 74_100, 2)   # seed 001 附表2: diesel 2.606 → 2.61 kg CO2/L
    2.61
    >>> round_half_up(0.125, 2)
    0.13
    >>> round_half_up(2.675, 2)
    2.68
    >>> round_half_up(-2.5)
    -3.0
    """
    return float(_quantize(_decimal(x, "x"), digits))


def format_percent(fraction: float | Decimal | Quantity, digits: int = 2) -> str:
    """Format a fraction as the percent digits the forms print, rounded half-up.

    Rates on the forms are percentages with 2 decimals, rounded half-up (seed 002 表十之三 平均年節電率
    1.19; ../shared/domain.md, conventions).

    Parameters
    ----------
    fraction : float, Decimal or dimensionless Quantity
        The ratio [fraction, or percent]: 0.011944 for 1.1944 %, or a dimensionless Quantity
        (``Q_(1.1944, "percent")``).
    digits : int, default 2
        Decimal places of the percentage.

    Returns
    -------
    str
        The percentage without the % sign, with exactly *digits* decimals.

    Raises
    ------
    UnitsError
        If *fraction* is a Quantity with a dimension.
    InvalidValueError
        If *fraction* is NaN, infinite or not a real number, or *digits* is not an int.

    Examples
    --------
    >>> format_percent(1_120_329.5 / (1_120_329.5 + 92_677_376))    # seed 002 表十之三: R = 1.19 %
    '1.19'
    >>> format_percent(138_166 / 67_440)                             # seed 002 表十一之五: RI104
    '204.87'
    >>> format_percent(0.0094, 1)
    '0.9'
    """
    if isinstance(fraction, pint.Quantity):
        if not fraction.dimensionless:
            raise UnitsError(f"fraction must be dimensionless, got {fraction:~}")
        fraction = float(fraction.m_as("dimensionless"))
    percent = _decimal(fraction, "fraction").scaleb(2)
    return f"{_quantize(percent, digits):f}"
