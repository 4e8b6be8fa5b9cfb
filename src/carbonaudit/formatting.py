"""Rounding and formatting for display (never used inside the engines).

The forms show figures rounded half-up (Excel's ``ROUND``): 1.1944 % is printed ``1.19``, 0.125
rounded to two places is 0.13. Python's ``round`` rounds half to even on the binary value
(``round(2.675, 2) == 2.67``); these helpers round the decimal a person reads instead.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from numbers import Real

import numpy as np
import pint

from .errors import InvalidValueError
from .units import MAX_AMOUNT, Quantity, magnitude

__all__ = ["format_percent", "round_half_up"]

_MAX_DIGITS = 340
"""The most decimal places (either way) a value is rounded to: a float64 has no digit beyond the
324th decimal place, and no value carbonaudit accepts reaches 1e31."""

_MAX = Decimal(repr(MAX_AMOUNT))


def _too_large(name: str, shown: str) -> InvalidValueError:
    return InvalidValueError(
        f"{name} is {shown}, larger in magnitude than the {MAX_AMOUNT:g} that carbonaudit accepts for any "
        "amount (no figure on the forms comes near it); check the unit and the decimal point"
    )


def _decimal(x: object, name: str) -> Decimal:
    """*x* as the Decimal a person reads: exact for an int or a Decimal, the shortest repr of a float.

    A 0-d array is its one value; an array of values is refused (format each element). Values
    above :data:`~carbonaudit.units.MAX_AMOUNT` in magnitude are refused by *name*.
    """
    if isinstance(x, np.ndarray):
        if x.ndim != 0:
            raise InvalidValueError(
                f"{name} must be a single value, got an array of shape {x.shape}; format each element, "
                f"e.g. [format_percent(r) for r in rates]"
            )
        x = x[()]  # the numpy scalar
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (Real, Decimal)):
        raise InvalidValueError(f"{name} must be a real number, got {type(x).__name__} {x!r}")
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, (int, np.integer)):
        d = Decimal(int(x))  # exact, however large: compared with the limit below, never made a float
    else:
        f = float(x)
        if not math.isfinite(f):
            raise InvalidValueError(f"{name} must be finite to be rounded, got {f!r}")
        # repr gives the shortest decimal that reads back as the same float: the number a person sees.
        d = Decimal(repr(f))
    if not d.is_finite():
        raise InvalidValueError(f"{name} must be finite to be rounded, got {x!r}")
    if d.copy_abs() > _MAX:  # exact (abs() would round to the context's 28 digits)
        digits = len(d.as_tuple().digits) + d.as_tuple().exponent if isinstance(x, (int, np.integer)) else 0
        shown = f"an int of {digits} digits" if digits > 40 else f"{x!r}"
        raise _too_large(name, shown)
    return d


def _quantize(d: Decimal, digits: int, *, scale: int = 0) -> Decimal:
    """*d* × 10**scale rounded half-up to *digits* decimal places, exactly."""
    if isinstance(digits, bool) or not isinstance(digits, int):
        raise InvalidValueError(f"digits must be an int, got {type(digits).__name__} {digits!r}")
    if abs(digits) > _MAX_DIGITS:
        shown = f"an int of {len(str(abs(digits)))} digits" if abs(digits) >= 10**40 else str(digits)
        raise InvalidValueError(
            f"digits must be between -{_MAX_DIGITS} and {_MAX_DIGITS}, got {shown}: a float64 has no "
            "decimal beyond the 324th place"
        )
    # Enough precision for every digit kept (values are at most 1e32 here, 1e30 as a percent), so
    # that neither the scaling nor the rounding ever rounds to the default context's 28 digits:
    # only where asked, half-up.
    with localcontext() as context:
        context.prec = max(2 * _MAX_DIGITS, len(d.as_tuple().digits) + 3)  # a long Decimal is scaled exactly
        return d.scaleb(scale).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def round_half_up(x: float | int | Decimal, digits: int = 0) -> float:
    """Round half away from zero on the decimal value a person reads, as Excel's ROUND does.

    The forms round half-up for display (production-declaration-2018 表十之三: 1.1944 % → "1.19"); the
    engines never round.

    Parameters
    ----------
    x : float, int or Decimal
        The value to round. For a float, the decimal read is its shortest repr (``2.675``, not
        the binary 2.67499999...); an int or a Decimal is read exactly; a 0-d array is its value.
    digits : int, default 0
        Decimal places to keep; negative values round to tens, hundreds, ...

    Returns
    -------
    float
        *x* rounded to *digits* places, half away from zero.

    Raises
    ------
    InvalidValueError
        If *x* is NaN, infinite, not a real number (a bool, text, an array of several values) or
        above 1e30 in magnitude (:data:`~carbonaudit.units.MAX_AMOUNT`; no figure of the forms
        comes near it), or *digits* is not an int between -340 and 340.

    Examples
    --------
    >>> round_half_up(8400 * 4.1868e-9 * 74_100, 2)   # award-form-2015 附表2: diesel 2.606 → 2.61 kg CO2/L
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

    Rates on the forms are percentages with 2 decimals, rounded half-up (production-declaration-2018 表十之三 平均年節電率
    1.19).

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
        If *fraction* is NaN, infinite, not a real number (a bool, text), above 1e30 in magnitude
        (:data:`~carbonaudit.units.MAX_AMOUNT`), or an array of several values (a str is one value:
        format each element, ``[format_percent(r) for r in rates]``); or if *digits* is not an int
        between -340 and 340.

    Examples
    --------
    >>> format_percent(1_120_329.5 / (1_120_329.5 + 92_677_376))    # production-declaration-2018 表十之三: R = 1.19 %
    '1.19'
    >>> format_percent(138_166 / 67_440)                             # production-declaration-2018 表十一之五: RI104
    '204.87'
    >>> format_percent(0.0094, 1)
    '0.9'
    """
    if isinstance(fraction, pint.Quantity):
        # float64 in plain fractions; another dimension, another registry, 10**400 refused by name
        fraction = magnitude(fraction, "dimensionless", "fraction")
    return f"{_quantize(_decimal(fraction, 'fraction'), digits, scale=2):f}"
