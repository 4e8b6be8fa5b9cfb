"""Production sector: unit-product energy and its quarterly self-evaluation (production-declaration-2018 表八).

* unit-product energy = month's energy ÷ month's output (actual or equivalent units);
* quarterly energy per unit = Σ quarter energy (KLOE) ÷ Σ quarter output; production-declaration-2018 表八之三 converts
  electricity at 0.00023 KLOE/kWh (oil-equivalent basis ``tw-table8-3``): 0.23650192,
  0.22181818, 0.20177145, 0.25127709 KLOE/unit for the four quarters of 106年 and 0.22636 for the
  year (984.173913 kWh/unit);
* Σ(product unit use × output) must not exceed the plant's declared use, and products covering
  less than 80 % of it need an explanation; differences over 10 % need a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._display import HtmlRepr
from ._optional import require
from .errors import FactorNotFoundError, Finding, InvalidValueError, UnitsError
from .units import (
    MAX_AMOUNT,
    Q_,
    Quantity,
    check_amount,
    check_shapes,
    check_unit,
    checked_magnitude,
    require_quantity,
    scalar_magnitude,
    stack,
    ureg,
)

__all__ = ["QuarterlyEnergy", "coverage_check", "quarterly_differences", "quarterly_energy_per_unit", "unit_energy"]

# What an energy use on the production forms may be given in: real energy, a fuel's volume or
# mass, or an oil equivalent (never reactive or apparent energy, kvar·h / kVA·h).
_AMOUNTS = ("kWh", "L", "kg", "KLOE", "kgOE")  # (LOE is KLOE's dimension)

_KLOE = ureg.Unit("KLOE")


def _output(output: Any, name: str = "output") -> Any:
    """Output counts (a number, a sequence or an array of them) as float64, checked like an amount.

    Booleans and text are not counts; a Python int beyond float64's range, NaN, infinities,
    negatives and values above :data:`~carbonaudit.units.MAX_AMOUNT` are refused by *name*.
    A float64 array is used as it is (no copy).
    """
    if hasattr(output, "magnitude"):
        raise InvalidValueError(f"{name} must be a count of units (numbers), not a Quantity")
    not_counts = (bool, np.bool_, str, bytes, type(None))  # None would become NaN in an array
    if isinstance(output, not_counts) or (
        isinstance(output, (list, tuple)) and any(isinstance(x, not_counts) for x in output)
    ):
        raise InvalidValueError(
            f"{name} must be a count of units (numbers), got {output!r}; give numbers, e.g. 290 "
            "(read text columns with pandas.to_numeric first)"
        )
    try:
        arr = np.asarray(output)
        if arr.dtype.kind in "bUSmMc":  # booleans, text, dates, durations, complex: not counts
            raise TypeError(arr.dtype)
        arr = arr.astype(np.float64, copy=False)
    except OverflowError:  # a Python int beyond float64 (10**400)
        raise InvalidValueError(
            f"{name} must be a count of at most {MAX_AMOUNT:g}, got an int beyond float64's range (about "
            "1.8e308); check the figure"
        ) from None
    except (TypeError, ValueError):
        raise InvalidValueError(f"{name} must be a count of units (numbers), got {output!r}") from None
    check_amount(arr if arr.ndim else float(arr), name)  # a 0-d array's message names no index
    return arr


def unit_energy(energy: Quantity, output: Any) -> Quantity:
    """Energy per unit of product: energy ÷ output, per month (production-declaration-2018 表八).

    Parameters
    ----------
    energy : Quantity
        Energy used [kWh, KLOE, ...]. Scalar or array (e.g. 12 months).
    output : number or array
        Units produced (actual or equivalent). A month with energy but no output raises.

    Returns
    -------
    Quantity
        Energy per unit, in the energy's unit; 0 for a month with neither energy nor output (a
        shutdown), so that a year's table has no NaN.

    Raises
    ------
    UnitsError
        If *energy* is a bare number, or not an energy, fuel volume or mass, or oil equivalent
        (e.g. kvar·h or kVA·h, which are not real energy).
    InvalidValueError
        If *output* is a Quantity or not numbers (a bool, text), a value is negative, NaN,
        infinite or above 1e30 (:data:`~carbonaudit.units.MAX_AMOUNT`; an int beyond float64 too),
        the lengths differ, or a month has energy but no output.

    Examples
    --------
    >>> from carbonaudit import Q_, production
    >>> production.unit_energy(Q_(261_000, "kWh"), 290)      # 表八之三, 106年 1月: 900 kWh/unit
    <Quantity(900.0, 'kilowatt_hour')>
    """
    q = require_quantity(energy, "energy", "an energy")
    check_unit(q.units, _AMOUNTS, "energy")
    e = checked_magnitude(q, q.units, "energy")
    n = _output(output)
    check_shapes(energy=e, output=n)
    if np.any((n == 0) & (np.asarray(e) > 0)):
        raise InvalidValueError("output must be positive where energy was used: energy per unit is undefined")
    with np.errstate(divide="ignore", invalid="ignore"):
        per_unit = np.where(n > 0, np.asarray(e, dtype=np.float64) / np.where(n > 0, n, 1), 0.0)
    return Q_(per_unit if np.ndim(per_unit) else float(per_unit), q.units)


@dataclass(frozen=True)
class QuarterlyEnergy(HtmlRepr):
    """Quarterly and annual energy per unit (production-declaration-2018 表八之三)."""

    quarterly: Quantity
    """Σ quarter energy ÷ Σ quarter output, for Q1-Q4 [KLOE per unit]."""
    annual: Quantity
    """Σ year energy ÷ Σ year output [KLOE per unit]."""
    annual_physical: Quantity
    """The year's energy per unit in the input's own unit (kWh per unit for electricity)."""

    def to_frame(self) -> Any:
        """Energy per unit of Q1-Q4 and the year as a pandas DataFrame (column named with its unit)."""
        pd = require("pandas", "QuarterlyEnergy.to_frame")

        values = [*np.atleast_1d(self.quarterly.magnitude).tolist(), float(self.annual.magnitude)]
        labels = [f"Q{i + 1}" for i in range(len(values) - 1)] + ["year"]
        column = f"energy per unit [{self.annual.units:~}]"
        return pd.DataFrame({column: values}, index=pd.Index(labels, name="period"))


def quarterly_energy_per_unit(
    energy: Any,
    output: Any,
    fuel: str = "E01",
    factor_set: Any = None,
    *,
    basis: str | None = "tw-table8-3",
) -> QuarterlyEnergy:
    """Quarterly KLOE per unit of product: Σ quarter KLOE ÷ Σ quarter output (production-declaration-2018 表八之三).

    Parameters
    ----------
    energy : sequence of 12 Quantity or array Quantity of 12
        Monthly energy of the product [kWh for electricity, or the fuel's unit].
    output : sequence of 12 numbers
        Monthly output (units).
    fuel : str, default "E01"
        The energy's fuel (electricity by default).
    factor_set : FactorSet or str, optional
        A factor set or a shipped set's id. Default: the current set.
    basis : str, default "tw-table8-3"
        Oil-equivalent basis; the table uses 0.00023 KLOE/kWh. None: the set's own basis.

    Returns
    -------
    QuarterlyEnergy
        ``quarterly`` [KLOE per unit, array of 4], ``annual`` [KLOE per unit] and
        ``annual_physical`` [the energy's unit per unit, e.g. kWh].

    Raises
    ------
    UnitsError
        If a month is a bare number or of a dimension the fuel cannot take.
    FactorNotFoundError
        If the fuel or the basis is unknown, or the fuel has no heat value.
    InvalidValueError
        If *energy* or *output* does not hold 12 months, a value is negative, NaN, infinite or
        above 1e30 (an int beyond float64 too), *output* is a Quantity or not numbers (a bool,
        text), or a quarter has no output. Messages name *energy* (or *output*).

    Examples
    --------
    >>> from carbonaudit import Q_, production
    >>> out = [290, 290, 460, 390, 450, 425, 460, 480, 370, 380, 360, 360]
    >>> kwh_per_unit = [900, 900, 1190, 1000, 900, 1000, 950, 770, 926, 1012, 1140, 1130]
    >>> r = production.quarterly_energy_per_unit(Q_([o * k for o, k in zip(out, kwh_per_unit)], "kWh"), out)
    >>> [round(float(x), 8) for x in r.quarterly.m]
    [0.23650192, 0.22181818, 0.20177145, 0.25127709]
    >>> round(float(r.annual.m), 5), round(float(r.annual_physical.m), 6)
    (0.22636, 984.173913)
    """
    from .energy import to_kloe

    e, unit = stack(energy, "energy")
    n = _output(output)
    if e.size != 12 or n.size != 12:
        raise InvalidValueError(f"energy and output must hold 12 months, got {e.size} and {n.size}")
    check_amount(e, "energy")
    try:
        kloe = to_kloe(Q_(e, unit), fuel, factor_set, basis=basis).m
    except (UnitsError, InvalidValueError, FactorNotFoundError) as exc:  # to_kloe calls it "amount": it is this energy
        message = exc.message
        if isinstance(exc, FactorNotFoundError) and not message.startswith("amount"):
            raise  # the fuel, basis or factor set: named as they are
        message = "energy" + message[len("amount") :] if message.startswith("amount") else f"energy: {message}"
        raise type(exc)(message, python=exc.python, cli=exc.cli) from exc
    q_kloe = kloe.reshape(4, 3).sum(axis=1)
    q_out = n.reshape(4, 3).sum(axis=1)
    if np.any(q_out == 0) or n.sum() == 0:
        raise InvalidValueError("every quarter needs some output to compute energy per unit")
    return QuarterlyEnergy(
        quarterly=Q_(q_kloe / q_out, _KLOE),
        annual=Q_(float(kloe.sum() / n.sum()), _KLOE),
        annual_physical=Q_(float(e.sum() / n.sum()), unit),
    )


def quarterly_differences(this_year: Any, last_year: Any, *, name: str = "product") -> tuple[Any, list[Finding]]:
    """Quarterly difference of energy per unit against last year, with findings over 10 % (表八之三).

    ``difference = (this − last) ÷ last`` per quarter; production-declaration-2018 表八之三 asks for a reason when a
    quarter differs by more than 10 % (the limit is data: ``rules.limits.unit_energy_difference``).

    Parameters
    ----------
    this_year : sequence of 4 Quantity or array Quantity of 4
        This year's energy per unit for Q1-Q4 [KLOE, kWh, L, kg or another energy, fuel or oil
        equivalent unit], e.g. ``quarterly_energy_per_unit(...).quarterly``.
    last_year : sequence of 4 Quantity or array Quantity of 4
        Last year's [same dimension as *this_year*].
    name : str, default "product"
        Names the product in the findings' paths (``"product.Q2"``).

    Returns
    -------
    (numpy.ndarray, list of Finding)
        The four differences as plain fractions (not Quantities; 0.1 for +10 %), and a
        ``production.unit_energy_difference`` warning for each quarter above the limit.

    Raises
    ------
    UnitsError
        If a value is a bare number, *this_year* is not an energy, fuel volume or mass, or oil
        equivalent (kvar·h, kVA·h are not real energy), or *last_year* is not of its dimension.
    InvalidValueError
        If a year does not hold 4 quarters (a 2-D array or an array element included: the message
        gives its shape), a value is negative, NaN or infinite, or last year is zero in a quarter.

    Examples
    --------
    >>> from carbonaudit import Q_, production
    >>> d, f = production.quarterly_differences(Q_([0.2365, 0.2218, 0.2018, 0.2513], "KLOE"),
    ...                                         Q_([0.2365, 0.2218, 0.2018, 0.2513], "KLOE"))
    >>> [float(x) for x in d], f                    # 106年 against 105年: 0 % every quarter
    ([0.0, 0.0, 0.0, 0.0], [])
    """
    from .factors import rules

    a, unit = stack(this_year, "this_year")
    # this_year's unit first: last_year is converted into it, and a wrong one is this_year's fault
    check_unit(unit, _AMOUNTS, "this_year")
    b, _ = stack(last_year, "last_year", unit)
    if a.size != 4 or b.size != 4:
        raise InvalidValueError(f"this_year and last_year must hold 4 quarters, got {a.size} and {b.size}")
    check_amount(a, "this_year")
    check_amount(b, "last_year")
    if np.any(b == 0):
        raise InvalidValueError("last_year must be positive in every quarter to compare against it")
    diff = (a - b) / b
    limit = rules().limit("unit_energy_difference").value
    findings = [
        Finding(
            "production.unit_energy_difference",
            "warning",
            f"{name}.Q{i + 1}",
            f"Q{i + 1}: energy per unit {'up' if d > 0 else 'down'} {abs(d):.1%} on last year, more than "
            f"{limit:.0%}: the form asks for the reason",
            {"difference": float(d), "limit": limit},
            message_zh=f"第 {i + 1} 季單位產品能源使用量較去年{'增加' if d > 0 else '減少'} {abs(d):.1%}，超過 {limit:.0%}：表單要求說明原因",
        )
        for i, d in enumerate(diff)
        if abs(d) > limit * (1 + 1e-12)  # a printed 10 %: 0.11 vs 0.1 is 10 %, not 10.0000000001 %
    ]
    return diff, findings


def coverage_check(
    products: Mapping[str, tuple[Quantity, Any]], declared_use: Quantity
) -> tuple[Quantity, list[Finding]]:
    """Share of the plant's declared use covered by its products: Σ(unit use × output) ÷ declared.

    More than the declared use is an error (production-declaration-2018 必填項目 note 1); less than 80 % needs an
    explanation (a warning).

    Parameters
    ----------
    products : mapping of name to (energy per unit, output)
        Each product's unit energy [kWh per unit ...] and its output (units).
    declared_use : Quantity
        The plant's declared use of the same energy [kWh ...].

    Returns
    -------
    (Quantity, list of Finding)
        The share covered (dimensionless fraction) and at most one finding:
        ``production.exceeds_declared_use`` (error) above 100 %, ``production.coverage_low``
        (warning) below the limit (``rules.limits.product_coverage_min``, 80 %).

    Raises
    ------
    UnitsError
        If a unit use or *declared_use* is a bare number, *declared_use* is not an energy, fuel
        volume or mass, or oil equivalent (kvar·h, kVA·h), or a unit use is not of the declared
        use's dimension.
    InvalidValueError
        If a value is negative, NaN, infinite or above 1e30 (an int beyond float64 too), a product
        is not a pair (unit use, output), a unit use, output or *declared_use* is not a single
        value, an output is a Quantity or not a number (a bool, text), or *declared_use* is zero.

    Examples
    --------
    >>> from carbonaudit import Q_, production
    >>> share, findings = production.coverage_check({"LED": (Q_(984.173913, "kWh"), 4715)}, Q_(6_000_000, "kWh"))
    >>> round(float(share.m), 4), [f.code for f in findings]
    (0.7734, ['production.coverage_low'])

    production-declaration-2018 表八之二: 4,715 units at 984.173913 kWh/unit = 4,640,380 kWh of the 5,193,966 kWh declared:

    >>> share, findings = production.coverage_check({"LED": (Q_(984.173913, "kWh"), 4715)}, Q_(5_193_966, "kWh"))
    >>> round(float(share.m), 4), findings
    (0.8934, [])
    """
    from .factors import rules

    q = require_quantity(declared_use, "declared_use", "an energy")
    check_unit(q.units, _AMOUNTS, "declared_use")
    total = scalar_magnitude(q, q.units, "declared_use")
    if total == 0:
        raise InvalidValueError("declared_use must be positive")
    covered = 0.0
    for key, pair in products.items():
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise InvalidValueError(f"products[{key!r}] must be a pair (energy per unit, output), got {pair!r}")
        per_unit, output = pair
        u = scalar_magnitude(per_unit, q.units, f"products[{key!r}] unit use")
        n_arr = _output(output, f"products[{key!r}] output")
        if np.ndim(n_arr) != 0:
            raise InvalidValueError(f"products[{key!r}] output must be a single count, got shape {np.shape(n_arr)}")
        n = float(n_arr)
        covered += u * n
    share = covered / total
    minimum = rules().limit("product_coverage_min").value
    findings: list[Finding] = []
    if share > 1 + 1e-12:
        findings.append(
            Finding(
                "production.exceeds_declared_use",
                "error",
                "products",
                f"products use {covered:,.1f} {q.units:~}, more than the declared {total:,.1f} {q.units:~}",
                {"covered": covered, "declared": total},
                message_zh=f"產品用電量 {covered:,.1f} {q.units:~} 超過申報之用電量 {total:,.1f} {q.units:~}",
            )
        )
    elif share < minimum:
        findings.append(
            Finding(
                "production.coverage_low",
                "warning",
                "products",
                f"products cover {share:.1%} of the declared use, less than {minimum:.0%}: explain the rest",
                {"share": share, "minimum": minimum},
                message_zh=f"產品用電量占申報用電量 {share:.1%}，低於 {minimum:.0%}：應說明其餘用電",
            )
        )
    return Q_(share, ""), findings
