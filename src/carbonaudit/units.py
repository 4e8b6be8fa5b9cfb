"""The one unit registry of carbonaudit, and the unit checks at the library's boundary.

Every dimensional input is a :class:`Quantity` of :data:`ureg`. The registry is pint's
default one with the definitions that the Taiwanese forms need, read from the ``units`` section
of ``data/factors.yaml`` (each with its source):

* ``cal``, ``kcal``, ``Mcal`` are International Table calories: ``Q_(1, "kcal").m_as("kJ")`` is
  4.1868 (pint's default calorie is the thermochemical one).
* ``USRT`` (alias ``RT``) is the forms' 3,024 kcal/h refrigeration ton; ``RTh`` = USRT·h.
* ``TWD`` is a currency dimension, ``kTWD`` = 1,000 TWD (千元).
* ``KLOE``, ``LOE`` (oil equivalent by volume) and ``kgOE`` (by mass) are dimensions of their own:
  heat converts to them only through a factor set (:func:`carbonaudit.energy.to_kloe`).
* ``t`` is the metric tonne (公噸); pint's ``ton`` is the short ton and is never used.

Users with their own pint registry convert through magnitudes:
``Q_(their_q.m_as("kWh"), "kWh")``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import pint

from ._data import factors_document
from .errors import InvalidValueError, UnitsError

__all__ = [
    "Q_",
    "Quantity",
    "Unit",
    "check_amount",
    "check_shapes",
    "checked_magnitude",
    "scalar_magnitude",
    "fraction",
    "magnitude",
    "parse_unit",
    "require_quantity",
    "stack",
    "ureg",
]

if TYPE_CHECKING:  # pint's classes are generic in their magnitude; annotate with these aliases
    Quantity: TypeAlias = pint.Quantity[Any]
    Unit: TypeAlias = Any  # pint.Unit or a PlainUnit returned by Quantity.units
else:
    Quantity = pint.Quantity
    Unit = pint.Unit


@contextmanager
def _quiet_redefinitions() -> Iterator[None]:
    # Redefining ``calorie`` as the IT calorie is intended; pint logs each redefinition.
    logger = logging.getLogger("pint.util")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _build_registry() -> pint.UnitRegistry[Any]:
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry()
    with _quiet_redefinitions():
        for entry in factors_document()["units"]:
            registry.define(entry["definition"])
    return registry


ureg: pint.UnitRegistry[Any] = _build_registry()
"""The registry every carbonaudit Quantity must come from."""

Q_ = ureg.Quantity
"""Shorthand for ``ureg.Quantity``: ``Q_(1000, "L")``, ``Q_(np.array([...]), "kWh")``."""

# Labels printed on the forms (表頭 units) and the unit each means.
_LABELS: dict[str, str] = {
    "度": "kWh",
    "仟度": "MWh",
    "千度": "MWh",
    "瓩": "kW",
    "千瓦": "kW",
    "千伏安": "kVA",
    "千乏": "kvar",
    "公秉": "kL",
    "公升": "L",
    "公斤": "kg",
    "公噸": "t",
    "千立方公尺": "thousand_cubic_meter",
    "立方公尺": "m**3",
    "平方公尺": "m**2",
    "百萬卡": "Mcal",
    "千卡": "kcal",
    "元": "TWD",
    "千元": "kTWD",
    "仟元": "kTWD",
    "冷凍噸": "USRT",
    "美制冷凍噸": "USRT",
    "冷凍噸-小時": "RTh",
    "公秉油當量": "KLOE",
    "公升油當量": "LOE",
    "公斤油當量": "kgOE",
    "小時": "h",
}
_BRACKETS = {("(", ")"), ("（", "）"), ("[", "]")}


@lru_cache(maxsize=512)
def parse_unit(label: str) -> Unit:
    """Return the unit that a label on the forms, or a pint expression, stands for.

    The labels are those of the forms' column heads (../shared/domain.md, conventions: 度 = kWh,
    公秉 = kL, 公噸 = t, 千立方公尺 = 1000 m³, 百萬卡 = Mcal, 千元 = NT$1000).

    Parameters
    ----------
    label : str
        A Chinese unit label as printed on the forms (度, 瓩, 千伏安, 公秉, 公升, 公斤, 公噸,
        千立方公尺, 立方公尺, 百萬卡, 千元, 冷凍噸, ...), optionally in brackets, or any unit
        expression of :data:`ureg` (``"kWh"``, ``"kcal/L"``).

    Returns
    -------
    Unit
        A unit of :data:`ureg`. 公噸 is the metric tonne ``t``; 千立方公尺 is 1,000 m³.

    Raises
    ------
    UnitsError
        If the label is neither a known form label nor a unit of the registry.

    Examples
    --------
    >>> parse_unit("公秉")
    <Unit('kiloliter')>
    >>> Q_(2, parse_unit("千立方公尺")).to("m**3")
    <Quantity(2000, 'meter ** 3')>
    """
    if not isinstance(label, str):
        raise UnitsError(f"unit label must be a str, got {type(label).__name__} {label!r}")
    text = label.strip()
    while len(text) >= 2 and (text[0], text[-1]) in _BRACKETS:
        text = text[1:-1].strip()
    expression = _LABELS.get(text, text)
    if not expression:
        raise UnitsError(f"unit label must not be empty, got {label!r}")
    try:
        return ureg.Unit(expression)
    except Exception as exc:  # pint raises many kinds (UndefinedUnitError, TokenError, ...)
        known = ", ".join(_LABELS)
        raise UnitsError(
            f"unknown unit label {label!r}: not a form label ({known}) nor a unit of carbonaudit.ureg"
        ) from exc


def _unit(unit: object, name: str) -> Unit:
    """*unit* (a str or a Unit of :data:`ureg`) as a Unit; anything else is a UnitsError naming *name*'s unit."""
    if isinstance(unit, ureg.Unit):
        return unit
    if isinstance(unit, str):
        try:
            return parse_unit(unit)
        except UnitsError as exc:
            problem = exc
    else:
        problem = None
    raise UnitsError(
        f"unit for {name} must be a unit of carbonaudit.ureg or a form label (e.g. 'kWh', 'L/min', '度'), "
        f"got {type(unit).__name__} {unit!r}"
    ) from problem


def _describe(dimensionality: Any) -> str:
    return str(dimensionality) if dimensionality else "dimensionless"


def _expected(unit: Unit, how: str) -> str:
    """What a Quantity of *unit* is, for a message: "[length] ** 3 (e.g. L)"; never an empty unit."""
    if not unit.dimensionality:  # the dimensionless unit formats as "": say what it means instead
        return "dimensionless (a fraction, or a percent Quantity)"
    return f"{_describe(unit.dimensionality)} ({how} {unit:~})"


def require_quantity(value: object, name: str, expected: str | Unit) -> Quantity:
    """Return *value* if it is a Quantity of :data:`ureg`, else raise :class:`~carbonaudit.errors.UnitsError`.

    Every dimensional input is a Quantity of the one registry; a bare number is never given a
    unit by guessing (../shared/domain.md, conventions). The dimension is not checked here: see
    :func:`magnitude`.

    Parameters
    ----------
    value : object
        What the caller passed.
    name : str
        The argument's name, for the error message.
    expected : str or Unit
        What *value* should be, only to word the message: a phrase (``"a volume, mass or
        energy"``) or a unit whose dimension is named (e.g. ``kWh``).

    Returns
    -------
    Quantity
        *value* itself, unchanged.

    Raises
    ------
    UnitsError
        If *value* is a bare number (or anything else that is not a Quantity), or a Quantity of
        another pint registry.

    Examples
    --------
    >>> require_quantity(Q_(2.61, "kg/L"), "factor", "kg/L")
    <Quantity(2.61, 'kilogram / liter')>
    >>> require_quantity(2.61, "factor", "kg/L")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    carbonaudit.errors.UnitsError: factor must be a Quantity of kg/L, got bare float 2.61; give units, ...
    """
    if isinstance(value, ureg.Quantity):
        return value
    hint = expected if isinstance(expected, str) else _expected(expected, "e.g.")
    if isinstance(value, pint.Quantity):
        raise UnitsError(
            f"{name} is a Quantity of another pint registry ({value!r}); build it with "
            f"carbonaudit.Q_ or convert through its magnitude"
        )
    raise UnitsError(
        f"{name} must be a Quantity of {hint}, got bare {type(value).__name__} {value!r}; "
        f"give units, e.g. carbonaudit.Q_({value!r}, ...)"
    )


def magnitude(value: object, unit: str | Unit, name: str) -> Any:
    """Return the magnitude of *value* in *unit*, checking its dimension.

    This is the boundary between the unit-aware API and the plain-float kernels: convert once,
    then compute on floats or numpy arrays (../shared/domain.md, conventions: units are converted,
    never assumed).

    Parameters
    ----------
    value : Quantity
        Scalar or array Quantity of :data:`ureg` [any unit of the dimension of *unit*].
    unit : str or Unit
        The unit wanted, e.g. ``"kWh"``.
    name : str
        The argument's name, for the error message.

    Returns
    -------
    float or numpy.ndarray
        The magnitude in *unit* (no copy when *value* is already in *unit*).

    Raises
    ------
    UnitsError
        If *value* is a bare number, a Quantity of another registry, or of another dimension; or
        if *unit* is not a unit of :data:`ureg` (nor a form label, see :func:`parse_unit`).

    Examples
    --------
    >>> magnitude(Q_(1, "kL"), "L", "amount")
    1000.0
    >>> magnitude(Q_(1_120_329.5, "kWh"), parse_unit("仟度"), "savings")   # award forms report MWh
    1120.3295
    """
    target = _unit(unit, name)
    q = require_quantity(value, name, target)
    if q._units == target._units:
        return q._magnitude
    if q.dimensionality != target.dimensionality:
        raise UnitsError(
            f"{name} must be a Quantity of {_expected(target, 'convertible to')}, got {q:~} "
            f"which is {_describe(q.dimensionality)}"
        )
    return q.m_as(target)


def checked_magnitude(value: object, unit: str | Unit, name: str, *, allow_negative: bool = False) -> Any:
    """:func:`magnitude` followed by :func:`check_amount`: the usual boundary of an engine.

    Amounts of energy, fuel and money on the forms are finite and non-negative
    (../shared/domain.md, conventions). For a multiplicative unit the check runs on the value in
    the caller's own unit, so the message shows what they gave (``-1 L/min``, not ``-60 L/h``).

    Parameters
    ----------
    value : Quantity
        Scalar or array Quantity of :data:`ureg` [any unit of the dimension of *unit*].
    unit : str or Unit
        The unit wanted, e.g. ``"kWh"``.
    name : str
        The argument's name, for the error message.
    allow_negative : bool, default False
        Accept negative values (differences, temperatures); NaN and infinities are still refused.

    Returns
    -------
    float or numpy.ndarray
        The magnitude in *unit*.

    Raises
    ------
    UnitsError
        For a bare number, a Quantity of another registry or a wrong dimension; or if *unit* is
        not a unit of :data:`ureg` (nor a form label, see :func:`parse_unit`).
    InvalidValueError
        For NaN, an infinity or (unless *allow_negative*) a negative value.

    Examples
    --------
    >>> checked_magnitude(Q_(8400, "kcal/L"), "kcal/kL", "heat_value")
    8400000.0
    >>> checked_magnitude(Q_(-1, "L/min"), "L/h", "flow")
    Traceback (most recent call last):
    ...
    carbonaudit.errors.InvalidValueError: flow must be a finite, non-negative number, got -1.0
    """
    m = magnitude(value, unit, name)
    q = require_quantity(value, name, "a Quantity")
    if q._is_multiplicative and q.units != _unit(unit, name):
        # Sign and finiteness do not change with a multiplicative unit: check what the caller
        # gave, so the message shows their value (-1 L/min, not -60 L/h).
        check_amount(q.magnitude, name, allow_negative=allow_negative)
    else:
        check_amount(m, name, allow_negative=allow_negative)
    return m


def scalar_magnitude(value: object, unit: str | Unit, name: str, *, allow_negative: bool = False) -> float:
    """:func:`checked_magnitude` of a single value, as a float; an array is an error naming *name*.

    For the one-value fields of the forms, e.g. a contract capacity [kW] (../shared/domain.md,
    conventions and §7).

    Parameters
    ----------
    value : Quantity
        A scalar Quantity of :data:`ureg` [any unit of the dimension of *unit*].
    unit : str or Unit
        The unit wanted, e.g. ``"kW"``.
    name : str
        The argument's name, for the error message.
    allow_negative : bool, default False
        Accept a negative value; NaN and infinities are still refused.

    Returns
    -------
    float
        The magnitude in *unit*.

    Raises
    ------
    UnitsError
        For a bare number, a Quantity of another registry or a wrong dimension; or if *unit* is
        not a unit of :data:`ureg` (nor a form label, see :func:`parse_unit`).
    InvalidValueError
        For an array, NaN, an infinity or (unless *allow_negative*) a negative value.

    Examples
    --------
    >>> scalar_magnitude(Q_(11.381, "MW"), "kW", "contract_capacity")
    11381.0
    >>> scalar_magnitude(Q_([800, 900], "kW"), "kW", "contract_capacity")
    Traceback (most recent call last):
    ...
    carbonaudit.errors.InvalidValueError: contract_capacity must be a single value, got an array of shape (2,)
    """
    m = checked_magnitude(value, unit, name, allow_negative=allow_negative)
    if np.ndim(m) != 0:
        raise InvalidValueError(f"{name} must be a single value, got an array of shape {np.shape(m)}")
    return float(m)


def fraction(value: object, name: str) -> Any:
    """Return a dimensionless ratio as a plain fraction.

    Accepts a float fraction (``0.125``) or a dimensionless Quantity (``Q_(12.5, "percent")``);
    a number is never guessed to be a percentage. The forms print rates and gains in % (seed 003
    表十之一 公式(1) 提升效益 %; ../shared/domain.md, conventions).

    Parameters
    ----------
    value : float, int, numpy.ndarray or Quantity
        A fraction (scalar or real-valued array), or a dimensionless Quantity [percent, ...].
    name : str
        The argument's name, for the error message.

    Returns
    -------
    float or numpy.ndarray
        The plain fraction (12.5 % → 0.125). Neither range nor finiteness is checked.

    Raises
    ------
    UnitsError
        If *value* is a Quantity with a dimension, or not a number at all (a str, a bool, a list).

    Examples
    --------
    >>> fraction(Q_(12.5, "percent"), "gain")      # seed 002 公式(1): 12.5 % efficiency gain
    0.125
    >>> fraction(0.125, "gain")
    0.125
    """
    if isinstance(value, pint.Quantity):
        return magnitude(value, "dimensionless", name)
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
        return value.astype(np.float64, copy=False)
    raise UnitsError(
        f"{name} must be a fraction (0.125) or a percent Quantity (Q_(12.5, 'percent')), "
        f"got {type(value).__name__} {value!r}"
    )


_INF_BITS = np.float64(np.inf).view(np.uint64)


def check_amount(values: Any, name: str, *, allow_negative: bool = False) -> None:
    """Raise :class:`~carbonaudit.errors.InvalidValueError` if *values* holds NaN, an infinity or (by default) a negative.

    Amounts on the forms (use, savings, output, money) are finite and non-negative
    (../shared/domain.md, conventions); the message names the argument and, for an array, the
    index of the first bad element.

    For a float64 array, one reduction in the common, valid case (the maximum of the bit patterns,
    which is below that of +inf exactly when every element is finite and non-negative); other
    arrays take ``min`` and a BLAS dot product. Only when a check fails is the position of the
    first bad element looked up.

    Parameters
    ----------
    values : float, int or numpy.ndarray
        Plain magnitudes (already converted, see :func:`magnitude`), scalar or array.
    name : str
        The argument's name, for the error message.
    allow_negative : bool, default False
        Accept negative values; NaN and infinities are still refused.

    Returns
    -------
    None
        Nothing: the call returns only when every value is acceptable.

    Raises
    ------
    InvalidValueError
        If a value is NaN, infinite, complex, not a real number (an array of another dtype) or,
        unless *allow_negative*, negative.

    Examples
    --------
    >>> import numpy as np
    >>> check_amount(np.array([149_200.0, 0.0]), "use")
    >>> check_amount(np.array([1.0, np.nan]), "use")
    Traceback (most recent call last):
    ...
    carbonaudit.errors.InvalidValueError: use[1] must be a finite, non-negative number, got nan
    >>> check_amount(-3.73, "difference", allow_negative=True)
    """
    if isinstance(values, np.ndarray):
        if values.dtype.kind not in "biuf":
            raise InvalidValueError(f"{name} must hold real numbers, got an array of dtype {values.dtype}")
        if values.size == 0 or values.dtype.kind in "biu":  # integers hold no NaN or infinity
            if values.size == 0 or allow_negative or values.min() >= 0:
                return
            flat = values.ravel()
        else:
            flat = values.ravel()
            if not allow_negative and flat.dtype == np.float64 and flat.dtype.isnative:
                # One reduction: as unsigned integers, the non-negative finite doubles are exactly
                # those below the bit pattern of +inf; negatives (sign bit), inf and NaN are above.
                if flat.view(np.uint64).max() < _INF_BITS:
                    return
                ok = bool(np.isfinite(flat).all() and (flat >= 0).all())  # e.g. -0.0 is fine
            else:
                ok = allow_negative or bool(flat.min() >= 0)
                # dot(x, x) overflows for |x| > 1e154: then look element by element before refusing
                with np.errstate(over="ignore", invalid="ignore"):
                    finite = np.isfinite(np.dot(flat, flat)) or np.isfinite(flat).all()
                ok = ok and bool(finite)
            if ok:
                return
        bad = ~np.isfinite(flat) if allow_negative else ~(np.isfinite(flat) & (flat >= 0))
        index = int(np.flatnonzero(bad)[0])
        where = ", ".join(str(int(i)) for i in np.unravel_index(index, values.shape))
        _raise_bad(float(flat[index]), name, allow_negative, f"[{where}]")
    else:
        if isinstance(values, complex):
            raise InvalidValueError(f"{name} must be a real number, got {values!r}")
        v = float(values)
        if math.isfinite(v) and (allow_negative or v >= 0):
            return
        _raise_bad(v, name, allow_negative, "")


def _raise_bad(value: float, name: str, allow_negative: bool, where: str) -> None:
    expected = "a finite number" if allow_negative else "a finite, non-negative number"
    raise InvalidValueError(f"{name}{where} must be {expected}, got {value!r}")


def stack(values: object, name: str, unit: str | Unit | None = None) -> tuple[Any, Unit]:
    """Magnitudes of a sequence of Quantities (or of one array Quantity) as a float array.

    For the forms' monthly and yearly series (12 months, years 104-108); each element may have
    its own unit and is converted (../shared/domain.md, conventions). Values are not checked for
    sign or finiteness: see :func:`check_amount`.

    Parameters
    ----------
    values : sequence of Quantity, or Quantity
        All of one dimension [any unit of it]; an array Quantity is taken as a whole.
    name : str
        The argument's name, for messages (elements are named ``name[i]``).
    unit : str or Unit, optional
        The unit wanted; default: the first element's unit (the array's unit for a Quantity).

    Returns
    -------
    (numpy.ndarray, Unit)
        A 1-D float64 array (at least one element) and its unit.

    Raises
    ------
    UnitsError
        If *values* is not a sequence or an array Quantity, an element is not a Quantity of
        the dimension, or *unit* is not a unit of :data:`ureg` (nor a form label).
    InvalidValueError
        If the sequence is empty, an element is an array (``name[i]`` and its shape), or an array
        Quantity is not 1-D (its shape).

    Examples
    --------
    >>> stack([Q_(1, "MWh"), Q_(500, "kWh")], "uses")
    (array([1. , 0.5]), <Unit('megawatt_hour')>)
    >>> stack(Q_([1, 2], "kL"), "uses", "L")
    (array([1000., 2000.]), <Unit('liter')>)
    """
    if isinstance(values, pint.Quantity):
        q = require_quantity(values, name, unit if unit is not None else "any unit")
        target = q.units if unit is None else _unit(unit, name)
        out = np.atleast_1d(np.asarray(magnitude(q, target, name), dtype=np.float64))
        if out.size == 0:
            raise InvalidValueError(f"{name} must not be empty")
        if out.ndim != 1:
            raise InvalidValueError(
                f"{name} must be a series (a 1-D array Quantity), got an array of shape {out.shape}"
            )
        return out, target
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise UnitsError(f"{name} must be a sequence of Quantities or an array Quantity, got {values!r}")
    items = list(values)
    if not items:
        raise InvalidValueError(f"{name} must not be empty")
    first = require_quantity(items[0], f"{name}[0]", unit if unit is not None else "any unit")
    target = first.units if unit is None else _unit(unit, name)
    magnitudes = [magnitude(v, target, f"{name}[{i}]") for i, v in enumerate(items)]
    for i, m in enumerate(magnitudes):
        if np.ndim(m) != 0:
            raise InvalidValueError(f"{name}[{i}] must be a single value, got an array of shape {np.shape(m)}")
    return np.array(magnitudes, dtype=np.float64), target


def check_shapes(**named: Any) -> None:
    """Raise :class:`~carbonaudit.errors.InvalidValueError` unless the arguments' shapes broadcast together.

    Scalars always do; arrays of different lengths name both arguments in the message. Engines
    take scalars or arrays (e.g. the 12 months of a form table) alike (../shared/domain.md,
    conventions).

    Parameters
    ----------
    **named : Quantity, float or numpy.ndarray
        The arguments to check, by name (the names word the message) [any unit: only the shapes
        are compared].

    Returns
    -------
    None
        Nothing: the call returns only when the shapes broadcast.

    Raises
    ------
    InvalidValueError
        If the shapes do not broadcast together.

    Examples
    --------
    >>> import numpy as np
    >>> check_shapes(energy=Q_(np.ones(12), "kWh"), output=290)
    >>> check_shapes(energy=np.ones(12), output=np.ones(4))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    carbonaudit.errors.InvalidValueError: array arguments must have matching lengths ..., got energy (12,), output (4,)
    """
    shapes = {name: np.shape(v.magnitude if isinstance(v, pint.Quantity) else v) for name, v in named.items()}
    try:
        np.broadcast_shapes(*shapes.values())
    except ValueError:
        given = ", ".join(f"{name} {shape}" for name, shape in shapes.items() if shape)
        raise InvalidValueError(f"array arguments must have matching lengths (or be scalars), got {given}") from None
