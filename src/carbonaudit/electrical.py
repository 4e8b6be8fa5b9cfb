"""Electrical indicators: transformer load rate, PUE, UPS efficiency (non-production-form-2025 八, 表九之八).

* Transformer load rate (八 註4): ``[(√3 × secondary voltage × load current × PF) ÷ 1,000] ÷
  capacity ÷ PF``; the power factor cancels. A reasonable load is 50–75 % and each circuit's power
  factor should exceed 95 % (註3-4): :func:`check_transformer` returns findings otherwise.
* PUE (表九之八 註3) = (infrastructure a + IT b) ÷ b = total ÷ IT; UPS efficiency (註6) = output ÷
  input power.
  Where the IT energy is metered (UPS/SMR input or output, PDU output, IT input) is recorded in
  :class:`DataCentre`, which maps it to the ISO/IEC 30134-2 categories PUE1-PUE3.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from .errors import Finding, InvalidValueError
from .units import Q_, Quantity, check_shapes, checked_magnitude, fraction, ureg

__all__ = ["DataCentre", "check_transformer", "pue", "transformer_load_rate", "ups_efficiency"]

_ONE = ureg.Unit("dimensionless")
_SQRT3 = math.sqrt(3)  # three-phase power; the form prints it rounded as 1.732
_KVA_PER_VA = Q_(1.0, "V*A").m_as("kVA")


def transformer_load_rate(
    voltage: Quantity, current: Quantity, capacity: Quantity, power_factor: Any = None
) -> Quantity:
    """Transformer load rate: apparent load ÷ rated capacity (non-production-form-2025 八 註4).

    The form multiplies and divides by the power factor, which cancels: it is accepted (and
    checked to be a fraction in (0, 1]) but does not change the result.

    Parameters
    ----------
    voltage : Quantity
        Actual secondary line voltage [V].
    current : Quantity
        Secondary maximum load current [A].
    capacity : Quantity
        Rated capacity [kVA].
    power_factor : float or Quantity, optional
        Power factor [fraction, or percent Quantity].

    Returns
    -------
    Quantity
        Dimensionless fraction, scalar or array like the inputs.

    Raises
    ------
    UnitsError
        If voltage, current or capacity is a bare number or of the wrong dimension, or the power
        factor is not a number or a dimensionless Quantity.
    InvalidValueError
        If an input is negative, NaN or infinite, the array lengths differ, the capacity is zero,
        or the power factor is not in (0, 1] (a percentage given as a number).

    Examples
    --------
    >>> from carbonaudit import Q_, electrical
    >>> r = electrical.transformer_load_rate(Q_(380, "V"), Q_(1000, "A"), Q_(1000, "kVA"), 0.9)
    >>> round(r.m, 4)      # √3 × 380 V × 1,000 A = 658.2 kVA of 1,000 kVA
    0.6582
    """
    v = checked_magnitude(voltage, "V", "voltage")
    i = checked_magnitude(current, "A", "current")
    cap = checked_magnitude(capacity, "kVA", "capacity")
    if power_factor is not None:
        pf = np.asarray(fraction(power_factor, "power_factor"))
        if not ((pf > 0) & (pf <= 1)).all():
            raise InvalidValueError(f"power_factor must be in (0, 1], got {power_factor!r}")
    check_shapes(voltage=v, current=i, capacity=cap)
    if np.any(np.asarray(cap) == 0):
        raise InvalidValueError("capacity must be positive, got 0 kVA")
    return Q_(_SQRT3 * v * i * _KVA_PER_VA / cap, _ONE)


def check_transformer(load_rate: Any, power_factor: Any = None, *, name: str = "transformer") -> list[Finding]:
    """Findings for a load rate outside 50–75 % and a power factor not above 95 % (non-production-form-2025 八 註3-4).

    The limits are data (``rules.limits`` of ``factors.yaml``). Both are compared as printed
    percentages: 75 % given as ``Q_(75, "percent")`` is within the range, 95 % is not above 95 %.

    Parameters
    ----------
    load_rate : float or Quantity
        The transformer's load rate [fraction, or percent]: 0.6582 or a percent Quantity, e.g. from
        :func:`transformer_load_rate`.
    power_factor : float or Quantity, optional
        The circuit's power factor (功因) [fraction, or percent]; not checked if None.
    name : str, default "transformer"
        Names the transformer in the findings' paths (``"TR-1.load_rate"``).

    Returns
    -------
    list of Finding
        Warnings ``electrical.load_rate_low``, ``electrical.load_rate_high`` and
        ``electrical.power_factor_low``; empty when both are reasonable.

    Raises
    ------
    UnitsError
        If a value is a Quantity with a dimension, or not a number.
    InvalidValueError
        If a value is an array, negative, NaN or infinite, or the power factor exceeds 1.

    Examples
    --------
    >>> from carbonaudit import Q_, electrical
    >>> [f.code for f in electrical.check_transformer(0.35, 0.93)]
    ['electrical.load_rate_low', 'electrical.power_factor_low']
    >>> electrical.check_transformer(Q_(65.82, "percent"), Q_(96, "percent"), name="TR-1")
    []
    """
    from .factors import rules

    lim = rules()
    lo = lim.limit("transformer_load_min").value
    hi = lim.limit("transformer_load_max").value
    pf_min = lim.limit("power_factor_min").value
    r = _one_fraction(load_rate, "load_rate", upper=None)
    out: list[Finding] = []
    # Limits are printed percentages: compare with a relative tolerance so that 95 % given as
    # Q_(95, "percent") (0.9500000000000001 in binary) counts as 95 %.
    tol = 1e-12
    if r < lo * (1 - tol):
        out.append(
            Finding(
                "electrical.load_rate_low",
                "warning",
                f"{name}.load_rate",
                f"load rate {r:.1%} is below the reasonable {lo:.0%}-{hi:.0%}: copper and iron losses weigh more",
                {"found": r, "min": lo, "max": hi},
                message_zh=f"變壓器負載率 {r:.1%} 低於合理範圍 {lo:.0%}-{hi:.0%}：銅損與鐵損比重偏高",
            )
        )
    elif r > hi * (1 + tol):
        out.append(
            Finding(
                "electrical.load_rate_high",
                "warning",
                f"{name}.load_rate",
                f"load rate {r:.1%} is above the reasonable {lo:.0%}-{hi:.0%}",
                {"found": r, "min": lo, "max": hi},
                message_zh=f"變壓器負載率 {r:.1%} 高於合理範圍 {lo:.0%}-{hi:.0%}",
            )
        )
    if power_factor is not None:
        pf = _one_fraction(power_factor, "power_factor", upper=1.0)
        if pf <= pf_min * (1 + tol):
            out.append(
                Finding(
                    "electrical.power_factor_low",
                    "warning",
                    f"{name}.power_factor",
                    f"power factor {pf:.1%} should be above {pf_min:.0%}",
                    {"found": pf, "min": pf_min},
                    message_zh=f"功率因數 {pf:.1%} 應高於 {pf_min:.0%}",
                )
            )
    return out


def _one_fraction(value: Any, name: str, upper: float | None) -> float:
    """A single finite, non-negative fraction (at most *upper*)."""
    f = fraction(value, name)
    if np.ndim(f) != 0:
        raise InvalidValueError(f"{name} must be a single value, got an array of shape {np.shape(f)}")
    v = float(f)
    if not (math.isfinite(v) and v >= 0 and (upper is None or v <= upper)):
        limit = f" and at most {upper:g}" if upper is not None else ""
        raise InvalidValueError(f"{name} must be a finite fraction >= 0{limit}, got {value!r}")
    return v


def _real(value: Any, unit: str, name: str) -> Any:
    """:func:`checked_magnitude` of real power [kW] or energy [kWh]: units built on VA or var are refused there.

    Pint gives V·A, var and W one dimension; :func:`carbonaudit.units.magnitude` tells them apart.
    """
    return checked_magnitude(value, unit, name)


def pue(*, it: Quantity, total: Quantity | None = None, non_it: Quantity | None = None) -> Quantity:
    """Power usage effectiveness: total facility energy ÷ IT energy (non-production-form-2025 表九之八 註3).

    ``PUE = total ÷ it = (non_it + it) ÷ it``: the form's ``(a + b) ÷ b`` with a the infrastructure's
    (non-IT) and b the IT equipment's annual electricity. Give the total facility energy *or* the
    non-IT energy, by keyword: the arguments are keyword-only, so a total cannot be taken for the
    non-IT energy (1.5 read as 2.5).

    Parameters
    ----------
    it : Quantity
        b, annual electricity of the IT equipment [kWh].
    total : Quantity, optional
        Annual electricity of the whole facility, IT included [kWh] (a + b).
    non_it : Quantity, optional
        a, annual electricity of the power, air-conditioning, lighting, monitoring and other
        infrastructure [kWh]: everything but the IT equipment.

    Returns
    -------
    Quantity
        PUE, dimensionless (1.0 or more), scalar or array like the inputs.

    Raises
    ------
    UnitsError
        If an input is a bare number or not an energy, or in apparent or reactive energy (kVAh,
        kvarh: pint takes them for kWh).
    InvalidValueError
        If both or neither of *total* and *non_it* are given; an input is negative, NaN or
        infinite; the array lengths differ; *it* is zero; or *total* is below *it* (a facility
        cannot use less than its IT equipment).

    Examples
    --------
    >>> from carbonaudit import Q_, electrical
    >>> electrical.pue(total=Q_(1_500_000, "kWh"), it=Q_(1_000_000, "kWh"))
    <Quantity(1.5, 'dimensionless')>
    >>> electrical.pue(non_it=Q_(600_000, "kWh"), it=Q_(1_000_000, "kWh"))
    <Quantity(1.6, 'dimensionless')>
    """
    if (total is None) == (non_it is None):
        given = "both" if total is not None else "neither"
        raise InvalidValueError(
            f"pue takes total= (the facility's energy, IT included) or non_it= (the infrastructure's, a), "
            f"one of them; got {given}"
        )
    b = _real(it, "kWh", "it")
    if total is not None:
        t = _real(total, "kWh", "total")
        check_shapes(total=t, it=b)
        below = np.asarray(t) < np.asarray(b)
        if np.any(below):
            k = int(np.flatnonzero(np.atleast_1d(below))[0])
            shown = (f"{np.atleast_1d(t)[k]:,.10g} kWh", f"{np.atleast_1d(b)[k]:,.10g} kWh")
            where = f" at position {k}" if np.ndim(below) else ""
            raise InvalidValueError(
                f"total ({shown[0]}) is below it ({shown[1]}){where}: the facility's energy includes the IT "
                "equipment's; if it is the infrastructure's energy alone, pass it as non_it="
            )
    else:
        a = _real(non_it, "kWh", "non_it")
        check_shapes(non_it=a, it=b)
        t = a + b
    if np.any(np.asarray(b) == 0):
        raise InvalidValueError("it must be positive: PUE is undefined with no IT energy")
    return Q_(t / b, _ONE)


def ups_efficiency(output_power: Quantity, input_power: Quantity) -> Quantity:
    """UPS (or SMR) average efficiency: output ÷ input power (non-production-form-2025 表九之八 註6).

    ``平均效率 (%) = 不斷電系統輸出端功率 ÷ 輸入端功率 × 100 %``.

    Parameters
    ----------
    output_power : Quantity
        Power at the UPS (SMR) output [kW]. Scalar or array.
    input_power : Quantity
        Power at the UPS (SMR) input [kW].

    Returns
    -------
    Quantity
        Dimensionless fraction (0.95 for 95 %), scalar or array like the inputs.

    Raises
    ------
    UnitsError
        If an input is a bare number or not a power, or is apparent or reactive power (kVA, kvar:
        pint takes them for kW, but the efficiency is of real power).
    InvalidValueError
        If an input is negative, NaN or infinite, the array lengths differ, the input is zero or
        the output exceeds the input.

    Examples
    --------
    >>> from carbonaudit import Q_, electrical
    >>> electrical.ups_efficiency(Q_(95, "kW"), Q_(100, "kW"))
    <Quantity(0.95, 'dimensionless')>
    """
    out = _real(output_power, "kW", "output_power")
    inp = _real(input_power, "kW", "input_power")
    check_shapes(output_power=out, input_power=inp)
    if np.any(np.asarray(inp) == 0):
        raise InvalidValueError("input_power must be positive")
    if np.any(np.asarray(out) > np.asarray(inp)):
        raise InvalidValueError(f"output_power ({output_power:~}) must not exceed input_power ({input_power:~})")
    return Q_(out / inp, _ONE)


MeteringPoint = Literal["ups_input", "ups_output", "pdu_output", "it_input", "other"]

# ISO/IEC 30134-2 categories by where the IT energy is measured (non-production-form-2025 表九之八 註9, 註11).
_CATEGORY: dict[str, str | None] = {
    "ups_input": None,  # upstream of the UPS: not a 30134-2 category (UPS losses counted as IT)
    "ups_output": "PUE1",
    "pdu_output": "PUE2",
    "it_input": "PUE3",
    "other": None,
}


@dataclass(frozen=True)
class DataCentre:
    """A data centre of 表九之八: annual energies and where the IT energy is metered.

    Parameters
    ----------
    infrastructure, it : Quantity
        Annual electricity a (the infrastructure's: everything but the IT equipment, :func:`pue`'s
        *non_it*) and b (the IT equipment's) [kWh].
    metering_point : {"ups_input", "ups_output", "pdu_output", "it_input", "other"}
        Where b is measured (資訊設備電力量測位置).
    name : str

    Examples
    --------
    >>> from carbonaudit import Q_
    >>> dc = DataCentre(Q_(6e5, "kWh"), Q_(1e6, "kWh"), "pdu_output")
    >>> float(dc.pue.m), dc.category
    (1.6, 'PUE2')
    """

    infrastructure: Quantity
    it: Quantity
    metering_point: MeteringPoint
    name: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.metering_point, str) or self.metering_point not in _CATEGORY:
            raise InvalidValueError(
                f"metering_point must be one of {', '.join(_CATEGORY)}, got {self.metering_point!r}"
            )
        a = _real(self.infrastructure, "kWh", "infrastructure")  # errors name the fields, a and b
        check_shapes(infrastructure=a, it=_real(self.it, "kWh", "it"))
        pue(non_it=self.infrastructure, it=self.it)

    @property
    def pue(self) -> Quantity:
        """(a + b) ÷ b: :func:`pue` with a the non-IT energy."""
        return pue(non_it=self.infrastructure, it=self.it)

    @property
    def category(self) -> str | None:
        """ISO/IEC 30134-2 category of the metering point (PUE1-PUE3), None if it is none of them."""
        return _CATEGORY[self.metering_point]

    def findings(self) -> list[Finding]:
        """A finding when the metering point is not an ISO/IEC 30134-2 category (表九之八 註11)."""
        if self.category is None:
            return [
                Finding(
                    "electrical.pue_metering_point",
                    "info",
                    f"{self.name or 'data_centre'}.metering_point",
                    f"IT energy metered at {self.metering_point!r} is not an ISO/IEC 30134-2 category; "
                    "the form recommends at least PUE1 (UPS output)",
                    message_zh=f"資訊設備電力量測位置 {self.metering_point!r} 非 ISO/IEC 30134-2 之類別：建議至少選擇基礎級 (PUE1，UPS 輸出端) 以上",
                )
            ]
        return []
