"""Chiller groups: cooling load, refrigeration tons, RTh and kW/RT, from measurement logs.

non-production-form-2025 表九之一 (二) 冰水機群組系統能源效率:

* hourly load [kcal/h] = density × chilled-water flow × specific heat × (return − supply) temperature;
* RT = kcal/h ÷ 3,024 (1 USRT, 表五之三 註); one hour at a load gives that many RTh;
* monthly RTh = Σ hourly RTh; efficiency = monthly kWh ÷ monthly RTh [kW/RT].

The form's example: 1 kg/L × 12,000 L/min × 1.0 kcal/(kg·°C) × (12 − 7) °C × 60 min/h =
3,600,000 kcal/h ≈ 1,190 RT; a day of 1,190, 1,100, 1,200, 1,200, 1,100, 1,300, 1,280, 1,180 RTh
= 9,550 RTh; 1,400,000 kWh ÷ 2,000,000 RTh = 0.7 kW/RT. Groups whose chillers total 1,000 RT or
more must declare the table.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ._optional import require
from .errors import CarbonAuditError, Finding, InvalidValueError, PeriodError, UnitsError
from .units import (
    MAX_AMOUNT,
    Q_,
    Quantity,
    check_amount,
    check_shapes,
    checked_magnitude,
    magnitude,
    parse_unit,
    require_quantity,
    scalar_magnitude,
    ureg,
)

__all__ = [
    "ChillerLog",
    "cooling_load",
    "frame",
    "from_log",
    "kw_per_rt",
    "must_declare",
    "refrigeration_tons",
    "rth",
]

_KCAL_H = ureg.Unit("kcal/h")
_L_H = ureg.Unit("L/h")
_KG_L = ureg.Unit("kg/L")
_CP = ureg.Unit("kcal/(kg*delta_degC)")
_DEGC = ureg.Unit("degC")
_DELTA = ureg.Unit("delta_degC")
_RT = ureg.Unit("USRT")
_RTH = ureg.Unit("RTh")
_KW = ureg.Unit("kW")
_KWH = ureg.Unit("kWh")
_KW_PER_RT = ureg.Unit("kW/USRT")


def _water(name: str) -> Quantity:
    from .factors import load

    value: Quantity = load().constants[name].quantity
    return value


def _fluid(density: object, specific_heat: object) -> float:
    """density × specific heat [kg/L × kcal/(kg·delta_degC)] of the chilled water, each one value.

    Each is a single value (a 1-element or empty array is refused by name, as in
    :func:`~carbonaudit.units.scalar_magnitude`); default water, from ``factors.yaml``.
    """
    rho = scalar_magnitude(density if density is not None else _water("water_density"), _KG_L, "density")
    cp = scalar_magnitude(
        specific_heat if specific_heat is not None else _water("water_specific_heat"), _CP, "specific_heat"
    )
    return rho * cp


def _temperatures(supply: object, ret: object, delta: object) -> Any:
    """Return − supply temperature difference [K], checked non-negative."""
    if delta is not None:
        if supply is not None or ret is not None:
            raise InvalidValueError("give either supply and ret temperatures or delta, not both")
        d = checked_magnitude(delta, _DELTA, "delta")
        return d
    if supply is None or ret is None:
        raise InvalidValueError("cooling_load needs supply and ret temperatures (or delta)")
    for name, value in (("supply", supply), ("ret", ret)):
        q = require_quantity(value, name, "a temperature (degC)")
        if q.dimensionality != _DEGC.dimensionality:
            raise UnitsError(f"{name} must be a temperature (degC, K), got {q:~} which is {q.dimensionality}")
    s = magnitude(supply, _DEGC, "supply")
    r = magnitude(ret, _DEGC, "ret")
    check_amount(s, "supply", allow_negative=True)
    check_amount(r, "ret", allow_negative=True)
    check_shapes(supply=s, ret=r)
    d = np.asarray(r) - np.asarray(s)
    if np.any(d < 0):
        i = int(np.flatnonzero(np.ravel(d) < 0)[0])
        where = f"[{i}]" if np.ndim(d) else ""
        raise InvalidValueError(
            f"ret{where} must not be below supply{where}: return {np.ravel(r)[i] if np.ndim(r) else r} degC, "
            f"supply {np.ravel(s)[i] if np.ndim(s) else s} degC (chilled water warms in the building)"
        )
    return d if np.ndim(d) else float(d)


def cooling_load(
    flow: Quantity,
    supply: Quantity | None = None,
    ret: Quantity | None = None,
    *,
    delta: Quantity | None = None,
    density: Quantity | None = None,
    specific_heat: Quantity | None = None,
) -> Quantity:
    """Cooling load of a chiller group: density × flow × specific heat × (return − supply).

    (non-production-form-2025 表九之一 註5, 註7.)

    Parameters
    ----------
    flow : Quantity
        Chilled-water flow [L/min, m³/h ...]. Scalar or array.
    supply, ret : Quantity, optional
        Supply (出水) and return (回水) temperatures [degC or K]; both, or *delta*.
    delta : Quantity, optional
        The temperature difference [delta_degC] instead of *supply* and *ret*.
    density : Quantity, optional
        Fluid density [kg/L]; default water, 1 kg/L (the form's value, in ``factors.yaml``).
    specific_heat : Quantity, optional
        Specific heat [kcal/(kg·delta_degC)]; default water, 1.0.

    Returns
    -------
    Quantity
        Cooling load [kcal/h], scalar or array like *flow*.

    Raises
    ------
    UnitsError
        If an argument is a bare number or of another dimension.
    InvalidValueError
        For a negative flow, a return temperature below the supply temperature, both or neither of
        (*supply*, *ret*) and *delta*, arrays of different lengths, a value above 1e30 in magnitude
        (:data:`~carbonaudit.units.MAX_AMOUNT`), or a *density* or *specific_heat* that is not a
        single value (an array, even of one element).

    Examples
    --------
    >>> from carbonaudit import Q_, chiller
    >>> chiller.cooling_load(Q_(12_000, "L/min"), Q_(7, "degC"), Q_(12, "degC"))
    <Quantity(3600000.0, 'kilocalorie / hour')>
    """
    f = checked_magnitude(flow, _L_H, "flow")
    d = _temperatures(supply, ret, delta)
    fluid = _fluid(density, specific_heat)
    check_shapes(flow=f, temperatures=d)
    return Q_(f * fluid * d, _KCAL_H)


def refrigeration_tons(load: Quantity) -> Quantity:
    """A cooling load in US refrigeration tons (1 USRT = 3,024 kcal/h, non-production-form-2025 表五之三 註).

    Parameters
    ----------
    load : Quantity
        Cooling load [kcal/h, kW, USRT ...]. Scalar or array.

    Returns
    -------
    Quantity
        The load [USRT].

    Raises
    ------
    UnitsError
        If *load* is a bare number or not a power.
    InvalidValueError
        For a negative or non-finite load.

    Examples
    --------
    >>> from carbonaudit import Q_, chiller
    >>> round(chiller.refrigeration_tons(Q_(3_600_000, "kcal/h")).m)   # 表九之一 註7: ≈ 1,190 RT
    1190
    """
    return Q_(checked_magnitude(load, _RT, "load"), _RT)


def rth(load: Quantity, hours: Quantity) -> Quantity:
    """Refrigeration ton-hours: load × running time [RTh] (non-production-form-2025 表九之一 註7).

    Parameters
    ----------
    load : Quantity
        Cooling load [USRT, kcal/h, kW ...]. Scalar or array.
    hours : Quantity
        Running time [h].

    Returns
    -------
    Quantity
        Cooling delivered [RTh].

    Raises
    ------
    UnitsError
        If an argument is a bare number or of another dimension.
    InvalidValueError
        For a negative or non-finite value, or arrays of different lengths.

    Examples
    --------
    >>> from carbonaudit import Q_, chiller
    >>> chiller.rth(Q_(1190, "USRT"), Q_(1, "h"))
    <Quantity(1190.0, 'refrigeration_ton_hour')>
    """
    load_rt = checked_magnitude(load, _RT, "load")
    h = checked_magnitude(hours, "h", "hours")
    check_shapes(load=load_rt, hours=h)
    return Q_(load_rt * h, _RTH)


def kw_per_rt(energy: Quantity, load: Quantity) -> Quantity:
    """Chiller-group efficiency: electricity ÷ cooling delivered [kW/RT] (non-production-form-2025 表九之一 註8).

    Parameters
    ----------
    energy : Quantity
        Electricity of the chillers and their auxiliaries over the period [kWh].
    load : Quantity
        Cooling delivered over the same period [RTh].

    Returns
    -------
    Quantity
        Efficiency [kW/USRT].

    Raises
    ------
    UnitsError
        If an argument is a bare number or of another dimension.
    InvalidValueError
        If the cooling delivered is zero (efficiency undefined: the form's 整月未開主機), a value is
        negative or not finite, or arrays have different lengths.

    Examples
    --------
    >>> from carbonaudit import Q_, chiller
    >>> chiller.kw_per_rt(Q_(1_400_000, "kWh"), Q_(2_000_000, "RTh"))
    <Quantity(0.7, 'kilowatt / US_refrigeration_ton')>
    """
    e = checked_magnitude(energy, _KWH, "energy")
    c = checked_magnitude(load, _RTH, "load")
    check_shapes(energy=e, load=c)
    if np.any(np.asarray(c) == 0):
        raise InvalidValueError("load must be positive: with no cooling delivered kW/RT is undefined (整月未開主機)")
    return Q_(e / c, _KW_PER_RT)


def must_declare(capacity: Quantity) -> Finding:
    """Whether a chiller group must declare 表九之一(二): its chillers total ≥ 1,000 RT (註1).

    The threshold is data (``rules.limits.chiller_group_declare_capacity``).

    Parameters
    ----------
    capacity : Quantity
        Total capacity of the group's chillers, standby units included [USRT]. One value.

    Returns
    -------
    Finding
        ``"chiller.must_declare"`` at or above the threshold, else ``"chiller.not_required"``
        (both ``"info"``); ``context`` holds the capacity and threshold [RT].

    Raises
    ------
    UnitsError
        If *capacity* is a bare number or not a power.
    InvalidValueError
        For a zero, negative, non-finite or array capacity.

    Examples
    --------
    >>> from carbonaudit import Q_, chiller
    >>> chiller.must_declare(Q_(2 * 600, "USRT")).code
    'chiller.must_declare'
    >>> chiller.must_declare(Q_(900, "USRT")).code
    'chiller.not_required'
    """
    from .factors import rules

    cap = scalar_magnitude(capacity, _RT, "capacity")
    if cap == 0:
        raise InvalidValueError("capacity must be positive: the group's chillers' total capacity [USRT]")
    limit = rules().limit("chiller_group_declare_capacity")
    threshold = limit.quantity.m_as(_RT)
    context = {"capacity_rt": cap, "threshold_rt": threshold}
    if cap >= threshold:
        return Finding(
            "chiller.must_declare",
            "info",
            "capacity",
            f"the group's chillers total {_rt(cap)} RT >= {threshold:,.0f} RT: declare the monthly kWh, RTh "
            "and kW/RT of 表九之一(二), from hourly measurements kept five years",
            context,
            message_zh=f"冰水主機群組總容量 {_rt(cap)} RT ≥ {threshold:,.0f} RT：應申報表九之一(二)之每月用電量、冷凍噸-小時及 kW/RT，逐時量測紀錄保存五年",
        )
    return Finding(
        "chiller.not_required",
        "info",
        "capacity",
        f"the group's chillers total {_rt(cap)} RT < {threshold:,.0f} RT: 表九之一(二) is not required",
        context,
        message_zh=f"冰水主機群組總容量 {_rt(cap)} RT < {threshold:,.0f} RT：免填表九之一(二)",
    )


def _rt(cap: float) -> str:
    """A capacity for the message: whole RT as such, else two decimals (999.6 RT is not "1,000 RT")."""
    return f"{cap:,.0f}" if cap == round(cap) else f"{cap:,.2f}"


# -- measurement logs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChillerLog:
    """The 表九之一(二) table of one chiller group computed from a measurement log.

    Attributes
    ----------
    hours : numpy.ndarray of datetime64[h]
        Start of each hour the log spans.
    hourly_rth : numpy.ndarray
        Cooling delivered in each hour [RTh]; an hour with no valid samples has 0 and
        ``hourly_covered`` 0.
    hourly_covered : numpy.ndarray
        Fraction of each hour covered by valid samples (0 to 1).
    months : numpy.ndarray of datetime64[M]
    monthly_rth, monthly_kwh : numpy.ndarray
        [RTh], [kWh] per month.
    monthly_covered_hours : numpy.ndarray
        Hours of valid samples per month.
    findings : tuple of Finding
        Gaps, missing values, months with no data, months with no cooling, the 1,000 RT rule.
    """

    hours: Any
    hourly_rth: Any
    hourly_covered: Any
    months: Any
    monthly_rth: Any
    monthly_kwh: Any
    monthly_covered_hours: Any
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def monthly_kw_per_rt(self) -> Any:
        """kW/RT per month; NaN where no cooling was delivered (each such month has a finding)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(
                self.monthly_rth > 0, self.monthly_kwh / np.where(self.monthly_rth > 0, self.monthly_rth, 1), np.nan
            )

    @property
    def monthly(self) -> Any:
        """The monthly table as a pandas DataFrame (needs pandas: ``pip install "carbonaudit[pandas]"``).

        Columns: ``kWh``, ``RTh``, ``kW_per_RT`` and ``covered_hours``, indexed by month; a month
        with no cooling has ``kW_per_RT`` NaN and a finding saying so.
        """
        pd = require("pandas", "ChillerLog.monthly")

        return pd.DataFrame(
            {
                "kWh": self.monthly_kwh,
                "RTh": self.monthly_rth,
                "kW_per_RT": self.monthly_kw_per_rt,
                "covered_hours": self.monthly_covered_hours,
            },
            index=pd.PeriodIndex(self.months.astype("datetime64[M]").astype(str), freq="M", name="month"),
        )

    def to_frame(self) -> Any:
        """Same as :attr:`monthly`."""
        return self.monthly

    def __repr__(self) -> str:
        rows = [
            f"  {str(m)}  {k:>14,.1f} kWh  {r:>14,.1f} RTh  {e:>7.4f} kW/RT  {h:>6.1f} h"
            for m, k, r, e, h in zip(
                self.months,
                self.monthly_kwh,
                self.monthly_rth,
                self.monthly_kw_per_rt,
                self.monthly_covered_hours,
                strict=True,
            )
        ]
        return "ChillerLog(\n" + "\n".join(rows) + f"\n  {len(self.findings)} findings)"

    def _repr_html_(self) -> str:
        cells = "".join(
            f"<tr><td>{m}</td><td>{k:,.1f}</td><td>{r:,.1f}</td><td>{e:.4f}</td><td>{h:.1f}</td></tr>"
            for m, k, r, e, h in zip(
                self.months,
                self.monthly_kwh,
                self.monthly_rth,
                self.monthly_kw_per_rt,
                self.monthly_covered_hours,
                strict=True,
            )
        )
        notes = "".join(f"<li>{html.escape(str(f))}</li>" for f in self.findings)
        return (
            "<table><tr><th>month</th><th>kWh</th><th>RTh</th><th>kW/RT</th><th>hours measured</th></tr>"
            f"{cells}</table><ul>{notes}</ul>"
        )


def _seconds(time: Any) -> tuple[Any, Any]:
    """Timestamps as float seconds since the epoch (wall-clock time), and the datetime64 array."""
    if hasattr(time, "dt") and hasattr(time.dt, "tz_localize"):  # pandas Series
        time = time.dt.tz_localize(None) if time.dt.tz is not None else time
    elif getattr(time, "tz", None) is not None:  # DatetimeIndex with a zone
        time = time.tz_localize(None)
    arr = np.asarray(time)
    if arr.dtype.kind != "M":
        raise PeriodError(
            f"time must be datetime64 timestamps (numpy or pandas), got dtype {arr.dtype}: convert the column "
            "with pandas.to_datetime"
        )
    if np.isnat(arr).any():
        i = int(np.flatnonzero(np.isnat(arr))[0])
        raise PeriodError(f"time[{i}] is NaT: every sample needs a timestamp")
    ns = arr.astype("datetime64[ns]").view(np.int64)
    return ns * 1e-9, arr


def _column(data: Any, columns: dict[str, str], units: dict[str, str], key: str, value: Any) -> Any:
    if value is not None or data is None:
        return value
    name = columns.get(key, key)
    if name not in data:
        return None
    unit = units.get(key)
    if unit is None:
        raise UnitsError(f"units[{key!r}] is required for DataFrame column {name!r} (e.g. units={{{key!r}: 'L/min'}})")
    try:
        parsed = parse_unit(unit)
    except UnitsError as exc:
        raise UnitsError(
            f"units[{key!r}] (for DataFrame column {name!r}) must be a unit of carbonaudit.ureg or a form "
            f"label (e.g. 'L/min', 'degC', 'kW'), got {unit!r}"
        ) from exc
    return Q_(_numbers(data, name, key), parsed)


def _numbers(data: Any, name: str, key: str) -> Any:
    """Column *name* of *data* as float64; a cell that is not a number names the column, row and value.

    A column already of numbers is converted without any check per cell; only on failure are the
    cells searched for the first that is not a number (``"12,000"``, ``"12 kW"``).
    """
    column = data[name]
    label = repr(name) if name == key else f"{name!r} ({key})"
    kind = getattr(getattr(column, "dtype", None), "kind", "O")
    if kind in "bcmM":  # booleans, complex, durations, dates: numpy would turn them into numbers silently
        raise InvalidValueError(
            f"column {label} holds {column.dtype} values, not numbers: give the {key} as numbers in the unit "
            f"of units[{key!r}]"
        )
    try:
        return np.asarray(column, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        pass
    cells = np.asarray(column, dtype=object).ravel()  # the error path only: find the first bad cell
    position, cell = next(((i, c) for i, c in enumerate(cells) if not _is_number(c)), (0, None))
    index = getattr(data, "index", None)
    row = f"row {index[position]!r}" if index is not None else f"position {position}"
    hint = (
        "strip the thousands separators (pandas.read_csv(..., thousands=',') or "
        "df[col].str.replace(',', '')) and convert with pandas.to_numeric"
        if isinstance(cell, str) and "," in cell
        else "convert the column with pandas.to_numeric (units go in units=, not in the cells)"
    )
    raise InvalidValueError(f"column {label} {row}: {cell!r} is not a number; {hint}")


def _is_number(cell: Any) -> bool:
    if np.ndim(cell) != 0:  # a list or array in a cell: float() of a one-element array is deprecated
        return False
    try:
        float(cell)
    except (TypeError, ValueError, OverflowError):
        return False
    return True


_LIMIT_BITS = np.float64(MAX_AMOUNT).view(np.uint64)


def _in_range(values: Any, *, signed: bool = False) -> bool:
    """Whether a float64 series is all finite, within ±MAX_AMOUNT and (unless *signed*) non-negative.

    One reduction for an amount: as unsigned integers, the doubles in [0, 1e30] are exactly those
    at most the bit pattern of 1e30 (negatives, larger values, infinities and NaN are above it);
    two (min and max, which NaN propagates into) for a temperature. No temporary array.
    """
    if not signed:
        return bool(values.view(np.uint64).max() <= _LIMIT_BITS)
    low, high = values.min(), values.max()
    return bool(-MAX_AMOUNT <= low and high <= MAX_AMOUNT)


def _check_samples(values: Any, given: Any, unit: Any, missing: Any, name: str, rows: Any, *, signed: bool) -> None:
    """Refuse the first sample that is not missing (NaN) and is infinite, beyond MAX_AMOUNT or negative.

    *values* are the samples in *unit* (the unit computed in), *given* the caller's Quantity. The message
    names the series and the sample's position (or its row label, for a DataFrame column) and
    shows the value as given.
    """
    v = np.where(missing, 0.0, values)  # every NaN is a missing value: no comparison below meets one
    bad = ~np.isfinite(v) | (np.abs(v) > MAX_AMOUNT)
    if not signed:
        bad |= v < 0
    if not bad.any():
        return
    i = int(np.flatnonzero(bad)[0])
    if rows is not None and i < len(rows):
        label = rows[i]
        where = f"{name} row {label.item() if isinstance(label, np.generic) else label!r}"
    elif name.startswith("column "):  # a column of a mapping without an index
        where = f"{name} position {i}"
    else:
        where = f"{name}[{i}]"
    raw = np.ravel(given.magnitude)
    if raw.size:  # the value as given (a multiplicative unit keeps sign and finiteness)
        check_amount(float(raw[i if raw.size > 1 else 0]), where, allow_negative=signed)
    check_amount(float(v[i]), f"{where} (in {unit:~})", allow_negative=signed)


def from_log(
    data: Any = None,
    *,
    time: Any = None,
    flow: Quantity | None = None,
    supply: Quantity | None = None,
    ret: Quantity | None = None,
    power: Quantity | None = None,
    energy: Quantity | None = None,
    columns: dict[str, str] | None = None,
    units: dict[str, str] | None = None,
    max_gap: Quantity | None = None,
    capacity: Quantity | None = None,
    density: Quantity | None = None,
    specific_heat: Quantity | None = None,
) -> ChillerLog:
    """The hourly and monthly RTh, kWh and kW/RT of a chiller group from its measurement log.

    Each sample holds until the next one (a step function); the log ends at its last timestamp.
    Cooling ``density × flow × specific heat × (return − supply)`` and power are integrated exactly
    over time and cut at hour and month boundaries, so any regular or irregular interval gives the
    same hourly and monthly totals for the same load (non-production-form-2025 表九之一 註4-8).

    表九之一 註5 words the hourly load as density × the hour's *mean* flow × specific heat × the
    hour's *mean* temperature difference × time. With one reading an hour (what the form asks for,
    註4) the two agree exactly. With several readings an hour, this function integrates the product
    flow × difference, which is the cooling delivered; the product of the two means differs from it by
    the covariance of flow and difference over the hour (zero when either is steady). To reproduce
    the form's arithmetic from finer logs, average each hour's flow and temperatures first and pass
    the hourly means.

    Gaps longer than *max_gap* and samples with a missing value are not integrated and not filled:
    they are reported as findings, and the months' ``covered_hours`` show what was measured.

    Parameters
    ----------
    data : pandas.DataFrame or mapping, optional
        A log with columns named by *columns* (default ``time``, ``flow``, ``supply``, ``ret``,
        ``power`` or ``energy``) in the units given by *units*; ``time`` may be the index. A
        mapping of column name to array (a ``dict`` of lists) is read the same way, its samples
        named by position.
    time : array of datetime64 or pandas datetimes
        Sample timestamps, strictly increasing, in local wall-clock time: a zone is dropped
        (Taiwan keeps no daylight saving; convert a log of a zone that does to standard time first).
    flow : Quantity
        Chilled-water flow [L/min, m³/h ...].
    supply, ret : Quantity
        Supply and return chilled-water temperature [degC].
    power : Quantity, optional
        Electric power of the chillers and auxiliaries at each sample [kW].
    energy : Quantity, optional
        Or the electricity used in the interval starting at each sample [kWh].
    columns : dict of str to str, optional
        Column of *data* for each of ``time``, ``flow``, ``supply``, ``ret``, ``power``, ``energy``
        (e.g. ``{"flow": "冰水流量"}``); default the key itself.
    units : dict of str to str, optional
        Unit of each quantity read from *data*, by the same keys (e.g. ``{"flow": "L/min"}``);
        required for every column read.
    max_gap : Quantity, optional
        Longest interval still integrated [time]; default 1 hour.
    capacity : Quantity, optional
        Total chiller capacity of the group [USRT], for the 1,000 RT rule.
    density, specific_heat : Quantity, optional
        Fluid density [kg/L] and specific heat [kcal/(kg·delta_degC)], as in :func:`cooling_load`
        (default water).

    Returns
    -------
    ChillerLog
        Hourly RTh, monthly kWh, RTh and kW/RT, covered hours, and findings.

    Raises
    ------
    PeriodError
        For timestamps that are not datetimes, a NaT, or unsorted or duplicate timestamps.
    UnitsError
        For a column read without its unit or with one that is not a unit (``units={"power":
        "kW-h"}``), a bare number or a wrong dimension.
    InvalidValueError
        For a missing input, both or neither of *power* and *energy*, fewer than two samples, a
        negative flow or electricity, an infinite value or one above 1e30 in magnitude
        (:data:`~carbonaudit.units.MAX_AMOUNT`; the message names the argument and the sample's
        position, or the column and the row of *data*), return below supply, or arrays of different
        lengths; a *max_gap*, *density* or *specific_heat* that is not a single value; for a column
        of *data* holding a cell that is not a number (``"12,000"``: the message names the column,
        the row and the value) or booleans, dates or durations.

    Examples
    --------
    >>> import numpy as np
    >>> from carbonaudit import Q_, chiller
    >>> t = np.arange("2024-07-01T00", "2024-07-01T09", dtype="datetime64[h]")   # 8 hours + end
    >>> log = chiller.from_log(time=t, flow=Q_(np.full(9, 12_000.0), "L/min"),
    ...                        supply=Q_(np.full(9, 7.0), "degC"), ret=Q_(np.full(9, 12.0), "degC"),
    ...                        power=Q_(np.full(9, 700.0), "kW"))
    >>> round(float(log.monthly_rth[0]), 1), round(float(log.monthly_kw_per_rt[0]), 4)   # 8 h at 1,190.476 RT
    (9523.8, 0.588)
    """
    columns = columns or {}
    units = units or {}
    # what a message calls each series: the argument, or the DataFrame column (and its rows)
    names = {key: key for key in ("flow", "supply", "ret", "power", "energy")}
    rows = None
    if data is not None:
        passed = {"flow": flow, "supply": supply, "ret": ret, "power": power, "energy": energy}
        for key, value in passed.items():
            column = columns.get(key, key)
            if value is None and column in data:
                names[key] = f"column {column!r}" if column == key else f"column {column!r} ({key})"
        rows = getattr(data, "index", None)
        if time is None:
            name = columns.get("time", "time")
            time = data[name] if name in data else data.index
        flow = _column(data, columns, units, "flow", flow)
        supply = _column(data, columns, units, "supply", supply)
        ret = _column(data, columns, units, "ret", ret)
        power = _column(data, columns, units, "power", power)
        energy = _column(data, columns, units, "energy", energy)
    if time is None or flow is None or supply is None or ret is None:
        raise InvalidValueError("from_log needs time, flow, supply and ret (as arrays or DataFrame columns)")
    if (power is None) == (energy is None):
        raise InvalidValueError("from_log needs exactly one of power (kW at each sample) or energy (kWh per interval)")
    t, raw_time = _seconds(time)

    def stamp(i: Any) -> Any:
        return raw_time[i].astype("datetime64[s]")

    n = t.size
    if n < 2:
        raise InvalidValueError(f"the log needs at least two samples to span any time, got {n}")
    dt = np.diff(t)
    if not dt.min() > 0:
        i = int(np.flatnonzero(dt <= 0)[0])
        kind = "duplicate" if dt[i] == 0 else "unsorted"
        raise PeriodError(f"time has {kind} timestamps at positions {i} and {i + 1}: {stamp(i)} then {stamp(i + 1)}")

    elec_key = "power" if power is not None else "energy"
    f = magnitude(flow, _L_H, names["flow"])
    s = magnitude(supply, _DEGC, names["supply"])
    r = magnitude(ret, _DEGC, names["ret"])
    elec = magnitude(power, _KW, names["power"]) if power is not None else magnitude(energy, _KWH, names["energy"])
    for key, values in (("flow", f), ("supply", s), ("ret", r), (elec_key, elec)):
        if np.ndim(values) not in (0, 1) or (np.ndim(values) == 1 and np.size(values) != n):
            raise InvalidValueError(
                f"{names[key]} must be one value or one value per timestamp ({n}), got shape {np.shape(values)}"
            )
    f, s, r, elec = (np.broadcast_to(x, (n,)) for x in (f, s, r, elec))  # float64 from magnitude()
    fluid = _fluid(density, specific_heat)

    # Missing values (NaN) are reported and their intervals left out (not filled); bad values
    # (infinities, negative flow or electricity, magnitudes above MAX_AMOUNT) are errors. In the
    # common case one bit-pattern maximum per amount and a min and max per temperature tell that
    # every value is fine; only otherwise are the samples looked at one by one.
    clean = _in_range(f) and _in_range(elec) and _in_range(s, signed=True) and _in_range(r, signed=True)
    if clean:
        missing = None
    else:
        missing = np.isnan(f) | np.isnan(s) | np.isnan(r) | np.isnan(elec)
        samples = (
            ("flow", f, flow, _L_H),
            (elec_key, elec, power if power is not None else energy, _KW if power is not None else _KWH),
            ("supply", s, supply, _DEGC),
            ("ret", r, ret, _DEGC),
        )
        for key, values, given, unit in samples:
            _check_samples(values, given, unit, missing, names[key], rows, signed=key in ("supply", "ret"))
        present = ~missing
        f, s, r, elec = (np.where(present, x, 0.0) for x in (f, s, r, elec))
    delta = r - s
    if not delta.min() >= 0:
        i = int(np.flatnonzero(delta < 0)[0])
        raise InvalidValueError(
            f"ret[{i}] ({r[i]} degC) is below supply[{i}] ({s[i]} degC) at {stamp(i)}: check the sensors"
        )
    gap_limit = 3600.0 if max_gap is None else scalar_magnitude(max_gap, "s", "max_gap")
    gaps = dt > gap_limit
    any_gap = bool(gaps.any())
    if any_gap or missing is not None:
        valid = ~gaps if missing is None else (~missing[:-1] & ~gaps)  # the interval [t_i, t_i+1) counts
        seconds = np.where(valid, dt, 0.0)
    else:
        valid = None
        seconds = dt

    rt_per_unit = float(Q_(fluid, _KCAL_H).m_as(_RT))  # RT per (L/h × delta_degC)

    # Cumulative integrals at the sample times in unscaled units (flow × ΔT × s, kW × s); they are
    # linear between samples, so interpolating them at hour and month boundaries is exact. The
    # scale factors are applied to the few interpolated values only.
    def cumulative(per_interval: Any) -> Any:
        out = np.empty(n)
        out[0] = 0.0
        np.cumsum(per_interval, out=out[1:])
        return out

    cum_cool = cumulative((f * delta)[:-1] * seconds)
    if power is not None:
        cum_kwh = cumulative(elec[:-1] * seconds)
        kwh_scale = 1 / 3600.0
    else:
        cum_kwh = cumulative(elec[:-1] if valid is None else np.where(valid, elec[:-1], 0.0))
        kwh_scale = 1.0
    cum_seconds = t if valid is None else cumulative(seconds)
    cool_scale = rt_per_unit / 3600.0

    def edges_of(unit: str) -> tuple[Any, Any]:
        first = raw_time[0].astype(f"datetime64[{unit}]")
        last = raw_time[-1].astype(f"datetime64[{unit}]")
        edges = np.arange(first, last + 2)  # datetime64[unit], as first
        if edges[-2] == raw_time[-1]:
            edges = edges[:-1]
        return edges, edges.astype("datetime64[ns]").view(np.int64) * 1e-9

    def per_bin(edges: Any, cum: Any, scale: float) -> Any:
        return np.diff(np.interp(edges, t, cum)) * scale

    hour_edges, he = edges_of("h")
    hourly_rth = per_bin(he, cum_cool, cool_scale)
    hourly_covered = per_bin(he, cum_seconds, 1 / 3600.0)
    month_edges, me = edges_of("M")
    monthly_rth = per_bin(me, cum_cool, cool_scale)
    monthly_kwh = per_bin(me, cum_kwh, kwh_scale)
    monthly_hours = per_bin(me, cum_seconds, 1 / 3600.0)

    findings: list[Finding] = []
    if missing is not None and missing.any():
        idx = np.flatnonzero(missing)
        findings.append(
            Finding(
                "chiller.missing_values",
                "warning",
                "log",
                f"{idx.size} samples have a missing value (first at {stamp(idx[0])}); their intervals are "
                "not counted and not filled",
                {"count": int(idx.size), "first": str(stamp(idx[0]))},
                message_zh=f"{idx.size} 筆量測值缺漏（第一筆於 {stamp(idx[0])}）：其區間不計入，亦不補值",
            )
        )
    if any_gap:
        idx = np.flatnonzero(gaps)
        findings.append(
            Finding(
                "chiller.gaps",
                "warning",
                "log.time",
                f"{idx.size} gaps longer than {gap_limit / 3600:g} h (the longest {dt[idx].max() / 3600:,.1f} h, "
                f"first after {stamp(idx[0])}) are not counted and not filled",
                {"count": int(idx.size), "first": str(stamp(idx[0])), "longest_h": float(dt[idx].max() / 3600)},
                message_zh=f"{idx.size} 段紀錄中斷超過 {gap_limit / 3600:g} 小時（最長 {dt[idx].max() / 3600:,.1f} 小時，第一段於 {stamp(idx[0])} 之後）：不計入，亦不補值",
            )
        )
    for m, covered, cooled in zip(month_edges[:-1], monthly_hours, monthly_rth, strict=True):
        if covered == 0:
            findings.append(
                Finding(
                    "chiller.month_without_data",
                    "warning",
                    f"log[{m}]",
                    f"{m}: no valid samples",
                    message_zh=f"{m}：無有效量測值",
                )
            )
        elif cooled == 0:
            findings.append(
                Finding(
                    "chiller.month_without_cooling",
                    "info",
                    f"log[{m}]",
                    f"{m}: no cooling delivered, kW/RT undefined (整月未開主機?)",
                    message_zh=f"{m}：無供冷量，kW/RT 無法計算（整月未開主機？）",
                )
            )
    if energy is not None and elec[-1] > 0:
        findings.append(
            Finding(
                "chiller.last_energy_not_counted",
                "warning",
                "log.energy",
                f"the last row's {elec[-1]:,.3f} kWh at {stamp(n - 1)} has no interval after it (energy is per "
                "interval starting at each timestamp) and is not counted: end the log with a closing timestamp",
                {"kwh": float(elec[-1])},
                message_zh=f"最後一列 {elec[-1]:,.3f} kWh（{stamp(n - 1)}）之後無量測區間，未計入：請以結束時間列作為紀錄最末列",
            )
        )
    if capacity is not None:
        findings.append(must_declare(capacity))
    return ChillerLog(
        hours=hour_edges[:-1],
        hourly_rth=hourly_rth,
        hourly_covered=hourly_covered,
        months=month_edges[:-1],
        monthly_rth=monthly_rth,
        monthly_kwh=monthly_kwh,
        monthly_covered_hours=monthly_hours,
        findings=tuple(findings),
    )


# -- DataFrames of many chiller groups -------------------------------------------------------


def frame(df: Any, *, group: str = "group", **options: Any) -> Any:
    """The monthly 表九之一 table of every chiller group in one long measurement log.

    Each group's rows go through one :func:`carbonaudit.chiller.from_log` call (non-production-form-2025 表九之一
    註4-8); the loop runs over groups, never over rows.

    Parameters
    ----------
    df : pandas.DataFrame
        Measurement log of one or more chiller groups, one sample per row.
    group : str, default "group"
        Column naming the chiller group of each row.
    **options
        ``columns``, ``units``, ``max_gap``, ``capacity`` ... as in :func:`from_log`, the same for
        every group.

    Returns
    -------
    pandas.DataFrame
        Indexed by (group, month), columns ``kWh``, ``RTh``, ``kW_per_RT``, ``covered_hours``.
        ``attrs["findings"]`` lists every group's findings, their paths starting with the group.

    Raises
    ------
    InvalidValueError, UnitsError, PeriodError
        As :func:`from_log`, the message starting with the group.

    Examples
    --------
    Two groups, eight hours at 720 m³/h and 5 °C (3,600,000 kcal/h, 1,190.48 RT; 表九之一 註7):

    >>> import pandas as pd
    >>> from carbonaudit import chiller
    >>> hours = pd.date_range("2024-07-01 08:00", periods=9, freq="h")
    >>> log = pd.concat([pd.DataFrame({"time": hours, "flow": 720.0 * k, "supply": 7.0, "ret": 12.0,
    ...                                "power": 800.0 * k, "group": name}) for k, name in ((1, "CH-1"), (2, "CH-2"))])
    >>> table = chiller.frame(log, units={"flow": "m**3/h", "supply": "degC", "ret": "degC", "power": "kW"})
    >>> table["RTh"].round(1).tolist(), table["kW_per_RT"].round(4).tolist()
    ([9523.8, 19047.6], [0.672, 0.672])
    """
    pd = require("pandas", "chiller.frame")

    from ._batch import require_columns, row_label

    require_columns(df, group=group)
    if df[group].isna().any():
        raise InvalidValueError(f"df[{group!r}] {row_label(df, df[group].isna().to_numpy())}: the group is empty")
    tables = {}
    findings: list[Finding] = []
    for name, rows in df.groupby(group, sort=False, observed=True):
        try:
            log = from_log(rows.drop(columns=[group]), **options)
        except CarbonAuditError as exc:
            raise exc.within(f"chiller group {name!r}: ") from exc
        tables[name] = log.monthly
        findings.extend(replace(f, path=f"{name}.{f.path}") for f in log.findings)
    if not tables:
        raise InvalidValueError("df holds no rows: there is no chiller group to compute")
    out = pd.concat(tables, names=[group, "month"])
    out.attrs["findings"] = findings
    return out
