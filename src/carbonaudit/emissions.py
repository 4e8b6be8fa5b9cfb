"""CO2 and CO2e of fuel and electricity use, with the factor values behind each result.

Two methods for a fuel's CO2, the caller's choice (../shared/domain.md §1, seed 001 附表2):

* ``"recommended"``: amount × the set's recommended factor per basis unit (附表2's 2.61 kg/L for
  diesel);
* ``"heat_value"``: amount × heat value × per-TJ emission factor (IPCC 2006; the MOENV 2024
  announcement), which is also how CH4 and N2O are computed.

``"auto"`` (the default) uses the recommended factor for CO2 where the set has one, else the heat
value. A mass of a fuel whose factors are per litre is converted through a density (never
multiplied by a per-litre factor, the award form's LPG mistake) or refused.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from ._convert import KG, Method, convert, quantity, resolve_set
from .errors import FactorNotFoundError, InvalidValueError
from .factors.models import FactorSet, FactorTrace, FactorValue, Fuel
from .units import Quantity, checked_magnitude, ureg

__all__ = ["EmissionResult", "co2", "electricity", "emissions"]

_KWH = ureg.Unit("kWh")
_KG_PER_KWH = ureg.Unit("kg/kWh")
_GASES = ("CO2", "CH4", "N2O")


def co2(
    amount: Quantity,
    fuel: str | Fuel,
    factor_set: FactorSet | str | None = None,
    *,
    method: Method = "auto",
    use: str = "stationary",
) -> Quantity:
    """CO2 emitted by burning an amount of fuel.

    ``CO2 = amount × recommended factor`` or ``amount × heat value × CO2 per TJ``
    (seed 001 附表2; ../shared/domain.md §1).

    Parameters
    ----------
    amount : Quantity
        Fuel used [L, kL, kg, t, m³, ...] or its heat [kcal, TJ]. Scalar or array.
    fuel : str or Fuel
        Energy code (``"O05"``), id, English or Chinese name.
    factor_set : FactorSet or str, optional
        A factor set or a shipped set's id.
        Default: :func:`carbonaudit.factors.load` (the current set).
    method : {"auto", "recommended", "heat_value"}, default "auto"
        See the module docstring.
    use : str, default "stationary"
        Which per-TJ factors (``"stationary"``, ``"mobile"``, ``"mobile/<technology>"``).

    Returns
    -------
    Quantity
        CO2 [kg], scalar or array like *amount*.

    Raises
    ------
    UnitsError
        If *amount* is a bare number or of a dimension the fuel cannot take.
    FactorNotFoundError
        If the fuel or a needed factor is missing (e.g. a heat value for a biofuel, a density to
        convert tonnes of LPG).
    InvalidValueError
        If *amount* is negative, NaN or infinite.

    Examples
    --------
    >>> from carbonaudit import Q_, emissions, factors
    >>> fs = factors.load("ntpc-award-2015")
    >>> emissions.co2(Q_(1000, "L"), "O05", fs)
    <Quantity(2610.0, 'kilogram')>
    >>> round(emissions.co2(Q_(1000, "L"), "O05", fs, method="heat_value").m, 1)
    2606.0
    """
    fs = resolve_set(factor_set)
    m, _ = convert(amount, fuel, fs, "CO2", method=method, use=use)
    return quantity(m, KG)


@dataclass(frozen=True)
class EmissionResult:
    """Emissions of one activity: per gas, CO2e, and the factor values that produced them.

    Attributes
    ----------
    co2e : Quantity
        Total [kg CO2e].
    by_gas : dict of str to Quantity
        Mass of each gas [kg]; for electricity the grid factor is already CO2e (key ``"CO2e"``).
    gwp : str or None
        The GWP set used (``"AR5"``), None when no conversion to CO2e was needed.
    factors : tuple of FactorTrace
        Every factor value used, with its source and status.
    factor_set : str
        Id of the factor set.
    fuel : str
        The fuel's id.
    method : str
        How CO2 was computed (``"recommended"``, ``"heat_value"``, ``"location"``, ``"market"``).
    notes : tuple of str
        What was left out and why (e.g. a set with no CH4 factors).
    """

    co2e: Quantity
    by_gas: dict[str, Quantity]
    gwp: str | None
    factors: tuple[FactorTrace, ...]
    factor_set: str
    fuel: str
    method: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    def _fmt(self, q: Quantity) -> str:
        m = q.magnitude
        if isinstance(m, np.ndarray):
            return f"array(shape={m.shape}, sum={m.sum():,.6g}) {q.units:~}"
        return f"{m:,.6g} {q.units:~}"

    def __repr__(self) -> str:
        gases = ", ".join(f"{g}={self._fmt(q)}" for g, q in self.by_gas.items())
        return (
            f"EmissionResult(co2e={self._fmt(self.co2e)}, {gases}; fuel={self.fuel!r}, "
            f"method={self.method!r}, gwp={self.gwp!r}, factor_set={self.factor_set!r}, "
            f"{len(self.factors)} factor values)"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(g)}</td><td>{html.escape(self._fmt(q))}</td></tr>" for g, q in self.by_gas.items()
        )
        trace = "".join(f"<li>{html.escape(str(t))}</li>" for t in self.factors)
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return (
            f"<b>EmissionResult</b> {html.escape(self.fuel)} ({html.escape(self.method)}, "
            f"GWP {html.escape(str(self.gwp))}, set {html.escape(self.factor_set)})"
            f"<table><tr><th>gas</th><th>amount</th></tr>{rows}"
            f"<tr><th>CO2e</th><th>{html.escape(self._fmt(self.co2e))}</th></tr></table>"
            f"<details><summary>factors</summary><ul>{trace}</ul></details>" + (f"<ul>{notes}</ul>" if notes else "")
        )

    def model_dump(self) -> dict[str, Any]:
        """The result as plain data (magnitudes as float or list, units as strings)."""

        def q(x: Quantity) -> dict[str, Any]:
            m = x.magnitude
            return {"value": m.tolist() if isinstance(m, np.ndarray) else float(m), "unit": f"{x.units:~}"}

        return {
            "co2e": q(self.co2e),
            "by_gas": {g: q(v) for g, v in self.by_gas.items()},
            "gwp": self.gwp,
            "factor_set": self.factor_set,
            "fuel": self.fuel,
            "method": self.method,
            "factors": [t.model_dump() for t in self.factors],
            "notes": list(self.notes),
        }


def emissions(
    amount: Quantity,
    fuel: str | Fuel,
    factor_set: FactorSet | str | None = None,
    *,
    gwp: str | None = None,
    method: Method = "auto",
    use: str = "stationary",
) -> EmissionResult:
    """CO2, CH4, N2O and CO2e of burning an amount of fuel, with the factor trace.

    ``gas = amount × heat value × factor per TJ``, ``CO2e = Σ gas × GWP`` (MOENV 2024 announcement,
    IPCC 2006 Vol. 2 Tables 2.2, 3.2.1, 3.2.2; ../shared/domain.md §9). CO2 follows *method* as in
    :func:`co2`. Gases the set has no factor for are left out and said in ``notes``. CH4 takes the
    GWP set's ``CH4`` value (AR5: 28), the value the MOENV announcement lists for CH4; the data
    also holds ``CH4-fossil`` (AR5: 30) for a caller who applies it with :meth:`FactorSet.gwp`.

    Parameters
    ----------
    amount : Quantity
        Fuel used [L, kg, m³ ...] or its heat [kcal, TJ]. Scalar or array.
    fuel : str or Fuel
        Energy code, id or name.
    factor_set : FactorSet or str, optional
        A factor set or a shipped set's id.
        Default: the current set.
    gwp : str, optional
        ``"AR4"``, ``"AR5"`` or ``"AR6"``; default: the set's (AR5 for ``tw-2024``).
    method : {"auto", "recommended", "heat_value"}
    use : str, default "stationary"
        ``"stationary"``, ``"mobile"`` or ``"mobile/<technology>"``.

    Returns
    -------
    EmissionResult

    Examples
    --------
    >>> from carbonaudit import Q_, emissions
    >>> r = emissions.emissions(Q_(1000, "L"), "diesel", use="mobile")
    >>> sorted(r.by_gas)
    ['CH4', 'CO2', 'N2O']
    >>> r.gwp
    'AR5'
    """
    fs = resolve_set(factor_set)
    f = fs.fuel(fuel)
    gwp_name = gwp or fs.default_gwp
    by_gas: dict[str, Quantity] = {}
    traces: list[FactorTrace] = []
    notes: list[str] = []
    total: Any = 0.0
    co2_method: str = method
    for gas in _GASES:
        if gas != "CO2" and gas not in f.per_tj.get(use, {}):
            notes.append(f"{gas}: factor set {fs.id!r} has no {gas} factor for {f.id!r} ({use}); not included")
            continue
        m, conv = convert(amount, f, fs, gas, method=method if gas == "CO2" else "heat_value", use=use)
        if gas == "CO2":
            co2_method = conv.method
        gwp_fv = fs.gwp_value(gas, gwp_name)
        by_gas[gas] = quantity(m, KG)
        traces.extend(t for t in conv.trace if t not in traces)
        traces.append(FactorTrace.of(fs, f"gwp.{gwp_name}.{gas}", gwp_fv))
        total = total + m * gwp_fv.value
    return EmissionResult(
        co2e=quantity(total, KG),
        by_gas=by_gas,
        gwp=gwp_name,
        factors=tuple(traces),
        factor_set=fs.id,
        fuel=f.id,
        method=co2_method,
        notes=tuple(notes),
    )


def electricity(
    amount: Quantity,
    year: int | None = None,
    factor_set: FactorSet | str | None = None,
    *,
    method: Literal["location", "market"] = "location",
    supplier_factor: Quantity | None = None,
) -> EmissionResult:
    """Scope 2 emissions of purchased electricity.

    Location-based: ``kWh × grid factor of the year`` (seed 001 附表2: 0.522 kg CO2/kWh for 102年;
    the Taiwan series of ../shared/domain.md §9). Market-based: ``kWh × supplier factor``.

    Parameters
    ----------
    amount : Quantity
        Electricity used [kWh, MWh, 度 ...]. Scalar or array.
    year : int, optional
        AD year of the grid factor; required for ``method="location"``.
    factor_set : FactorSet or str, optional
        A factor set or a shipped set's id.
        Default: the current set.
    method : {"location", "market"}, default "location"
    supplier_factor : Quantity, optional
        The supplier's factor [kg CO2e/kWh] for ``method="market"``; default: the set's
        ``supplier_factor`` (from :meth:`FactorSet.with_overrides`).

    Returns
    -------
    EmissionResult
        ``by_gas`` has the single key ``"CO2e"``: grid factors are CO2e already.

    Raises
    ------
    FactorNotFoundError
        If the set has no grid factor for *year*, or no supplier factor is given for "market".

    Examples
    --------
    >>> from carbonaudit import Q_, emissions
    >>> emissions.electricity(Q_(1000, "kWh"), year=2013).co2e
    <Quantity(522.0, 'kilogram')>
    """
    fs = resolve_set(factor_set)
    kwh = checked_magnitude(amount, _KWH, "amount")
    if method == "location":
        if year is None:
            raise FactorNotFoundError(
                "year is required for location-based electricity emissions (an AD year, e.g. 2024)"
            )
        fv = fs.grid_factor_value(year)
        name = f"grid_factors.{year}"
    elif method == "market":
        if supplier_factor is not None:
            value = float(checked_magnitude(supplier_factor, _KG_PER_KWH, "supplier_factor"))
            fv = FactorValue(value=value, unit="kg/kWh", source="user", status="user")
            traced = FactorTrace(
                name="supplier_factor",
                value=value,
                unit="kg/kWh",
                status="user",
                source="user",
                citation="supplied by the caller",
            )
        elif fs.supplier_factor is not None:
            fv = fs.supplier_factor
            traced = FactorTrace.of(fs, "supplier_factor", fv)
        else:
            raise FactorNotFoundError(
                "market-based electricity needs a supplier_factor (kg CO2e/kWh) or a set with one "
                "(factor_set.with_overrides(supplier_factor=...))"
            )
        co2e = kwh * fv.value
        return EmissionResult(
            co2e=quantity(co2e, KG),
            by_gas={"CO2e": quantity(co2e, KG)},
            gwp=None,
            factors=(traced,),
            factor_set=fs.id,
            fuel="electricity",
            method="market",
        )
    else:
        raise InvalidValueError(f"method must be 'location' or 'market', got {method!r}")
    per_kwh = float(fv.quantity.m_as(_KG_PER_KWH))
    co2e = kwh * per_kwh
    return EmissionResult(
        co2e=quantity(co2e, KG),
        by_gas={"CO2e": quantity(co2e, KG)},
        gwp=None,
        factors=(FactorTrace.of(fs, name, fv),),
        factor_set=fs.id,
        fuel="electricity",
        method="location",
    )
