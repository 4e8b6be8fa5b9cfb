"""CO2 and CO2e of fuel and electricity use, with the factor values behind each result.

Two methods for a fuel's CO2, the caller's choice (award-form-2015 附表2 and its 註):

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

from ._batch import combinations, numbers, row_label
from ._convert import KG, Conversion, Method, check_vintage, convert, quantity, resolve_set
from ._optional import require
from .errors import CarbonAuditError, FactorNotFoundError, InvalidValueError, UnitsError
from .factors.models import FactorSet, FactorTrace, FactorValue, Fuel, _grid_category
from .periods import _ad_year
from .units import Quantity, checked_magnitude, scalar_magnitude, ureg

__all__ = ["FRAME_COLUMNS", "EmissionResult", "co2", "electricity", "emissions", "frame"]

_KWH = ureg.Unit("kWh")
_KG_PER_KWH = ureg.Unit("kg/kWh")
_GASES = ("CO2", "CH4", "N2O")
_FUEL_METHODS = ("auto", "recommended", "heat_value")
_ELECTRICITY_METHODS = ("location", "market")


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
    (award-form-2015 附表2; iso-80000-5 for the kcal).

    Parameters
    ----------
    amount : Quantity
        Fuel used [L, kL, kg, t, m³, ...] or its heat [kcal, TJ]. Scalar or array.
    fuel : str or Fuel
        Energy code (``"O05"``), id, English or Chinese name.
        A :class:`~carbonaudit.factors.Fuel` object the set does not have (another set's, or
        changed) is used with its own values, which the trace cites (see
        :meth:`~carbonaudit.factors.FactorSet.fuel`).
    factor_set : FactorSet or str, optional
        A factor set or a shipped set's id.
        Default: :func:`carbonaudit.factors.load` (the newest set, ``tw-2025``).
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
            f"{len(self.factors)} factor value{'' if len(self.factors) == 1 else 's'})"
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

    def to_frame(self) -> Any:
        """Each gas [kg] and CO2e [kg] as columns of a pandas DataFrame, one row per amount.

        Examples
        --------
        >>> from carbonaudit import Q_, emissions
        >>> emissions.emissions(Q_([1000.0, 2000.0], "L"), "diesel", "ntpc-award-2015").to_frame()
              CO2    CO2e
        0  2610.0  2610.0
        1  5220.0  5220.0
        """
        pd = require("pandas", "EmissionResult.to_frame")

        columns = {gas: np.atleast_1d(q.m_as(KG)) for gas, q in self.by_gas.items()}
        columns["CO2e"] = np.atleast_1d(self.co2e.m_as(KG))  # electricity's one "gas" is CO2e itself
        return pd.DataFrame(columns)

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
    method: Literal["auto", "recommended", "heat_value", "location", "market"] = "auto",
    use: str = "stationary",
    year: int | None = None,
    supplier_factor: Quantity | None = None,
    grid_category: str | None = None,
) -> EmissionResult:
    """CO2, CH4, N2O and CO2e of an amount of fuel or electricity, with the factor trace.

    ``gas = amount × heat value × factor per TJ``, ``CO2e = Σ gas × GWP`` (moenv-2024-ef, IPCC 2006
    Vol. 2 Tables 2.2, 3.2.1, 3.2.2; moenv-inventory-guide-2024). CO2 follows *method* as in
    :func:`co2`. Gases the set has no factor for are left out and said in ``notes``. CH4 from
    combustion takes the GWP set's ``CH4`` value (AR5: 28) in every year: the MOENV registry's
    fossil-methane rule (``CH4-fossil``, 30, from activity year 2025; moenv-registry-2026) is for
    fugitive and process CH4, which :func:`carbonaudit.inventory.compute` applies; with *year*
    the CH4 GWP's trace says so.

    Electricity (``"electricity"``, ``"E01"``, 電力) is computed by :func:`electricity` and returns
    what it returns: location-based, ``kWh × grid factor of the year and category`` (the
    tw-grid-series; moeaea-grid-2025 for 2025), *year* required; market-based with
    ``method="market"``, ``kWh × supplier_factor``. A set whose electricity has a per-kWh factor
    of its own (``ntpc-award-2015``'s 0.522 kg/kWh, award-form-2015 附表2 註4) uses it when no
    *year* is given, as for every fuel of that set.

    *method* takes a fuel's CO2 methods (``"auto"``, ``"recommended"``, ``"heat_value"``) and
    electricity's (``"location"``, ``"market"``, as :func:`electricity`'s *method*): the two
    families share no value, and each is refused, by name, for the other kind of energy.

    Parameters
    ----------
    amount : Quantity
        Fuel used [L, kg, m³ ...] or its heat [kcal, TJ]. Scalar or array.
    fuel : str or Fuel
        Energy code, id or name.
        A :class:`~carbonaudit.factors.Fuel` object the set does not have (another set's, or
        changed) is used with its own values, which the trace cites (see
        :meth:`~carbonaudit.factors.FactorSet.fuel`).
    factor_set : FactorSet or str, optional
        A factor set or a shipped set's id.
        Default: the set of the activity *year* (:func:`carbonaudit.factors.for_year`), or the
        newest set (``tw-2025``) without one.
    gwp : str, optional
        ``"AR4"``, ``"AR5"`` or ``"AR6"``, in any case (``"ar6"`` is AR6, and the result's
        ``gwp`` says ``"AR6"``); default: the set's (AR5 for ``tw-2025``). Not for electricity by
        the grid or a supplier: their factors are CO2e already.
    method : {"auto", "recommended", "heat_value", "location", "market"}, default "auto"
        For a fuel, how CO2 is computed (the module docstring). For electricity, ``"location"``
        (``"auto"`` means it) or ``"market"``.
    use : str, default "stationary"
        ``"stationary"``, ``"mobile"`` or ``"mobile/<technology>"`` (the per-TJ factors of a
        fuel; electricity takes ``"stationary"`` only).
    year : int, optional
        The activity year (AD). Without *factor_set* it chooses the set
        (:func:`carbonaudit.factors.for_year`). With a *factor_set* it must be a year whose
        values the set holds: for a fuel, one of the set's activity years (``tw-2024``:
        2013-2024, and the years before; ``tw-2025``: 2025; a provisional set: the year it stands
        in for; an undated set such as ``ntpc-award-2015`` or a user's: any year); for
        electricity, a year of the set's grid series. For electricity it is the year of the grid
        factor.
    supplier_factor : Quantity, optional
        Electricity only, with ``method="market"``: the supplier's factor [kg CO2e/kWh], as
        :func:`electricity`'s.
    grid_category : {"average", "industry", "residential"}, optional
        Electricity only: the grid factor's category, :func:`electricity`'s *category*
        (default ``"average"``); named as in :func:`carbonaudit.inventory.compute`, since a
        category alone could be read as the inventory's.

    Returns
    -------
    EmissionResult

    Raises
    ------
    UnitsError
        If *amount* is a bare number or of a dimension the fuel cannot take.
    FactorNotFoundError
        If the factor set, the fuel or the GWP set *gwp* is unknown (a fuel another shipped set
        has: the message names that set), or a needed factor is missing (e.g. a heat value for a
        biofuel, a density to convert tonnes of LPG in ``tw-2024``, per-TJ factors for *use*, the
        grid factor of *year*); a name that stands for several fuels (天然氣 in ``tw-2025``: NG1
        or NG2); *year* newer than every shipped set (the message says how to pass
        ``factor_set=factors.for_year(year, provisional=True)``); *year* not one of the given
        set's (the message names the set of *year*); electricity without *year* by the location
        method (except by a set's own per-kWh factor, above). A missing CH4 or N2O factor is
        not an error: it is said in ``notes``.
    PeriodError
        If *year* is not an AD year.
    InvalidValueError
        If *amount* is negative, NaN or infinite; *method* or *use* is not one of those above, or
        is of the other kind of energy; *supplier_factor* or *grid_category* is given for a fuel,
        *gwp* for electricity, or *supplier_factor* without ``method="market"``; or as
        :func:`electricity`.

    Examples
    --------
    >>> from carbonaudit import Q_, emissions
    >>> r = emissions.emissions(Q_(1000, "L"), "diesel", use="mobile", year=2025)
    >>> sorted(r.by_gas), r.gwp, r.factor_set
    (['CH4', 'CO2', 'N2O'], 'AR5', 'tw-2025')
    >>> emissions.emissions(Q_(1000, "L"), "diesel", year=2024).factors[0].value    # 113年: 8,629 kcal/L
    8629.0
    >>> emissions.emissions(Q_(12_000, "kWh"), "electricity", year=2023).co2e    # 0.494 kg/kWh (tw-grid-series)
    <Quantity(5928.0, 'kilogram')>
    >>> emissions.emissions(Q_(12_000, "kWh"), "電力", year=2025, method="market",
    ...                     supplier_factor=Q_(0.25, "kg/kWh")).co2e
    <Quantity(3000.0, 'kilogram')>
    """
    year = None if year is None else _ad_year(year, "year")
    if not isinstance(method, str) or method not in _FUEL_METHODS + _ELECTRICITY_METHODS:
        raise InvalidValueError(
            f"method must be 'auto', 'recommended' or 'heat_value' (a fuel's CO2), or 'location' or 'market' "
            f"(electricity), got {method!r}"
        )
    fs = resolve_set(factor_set, year)
    f = fs.fuel(fuel)
    if f.is_electricity and not _by_own_factor(f, method, year, supplier_factor, grid_category):
        for name, given in (("gwp", gwp), ("use", None if use == "stationary" else use)):
            if given is not None:
                raise InvalidValueError(
                    f"{name}={given!r} is not for electricity: "
                    + (
                        "the grid's and a supplier's factors are CO2e already"
                        if name == "gwp"
                        else "electricity takes use='stationary' only (per-TJ factors are of fuels)"
                    )
                )
        if grid_category is not None:
            _grid_category(grid_category, "grid_category")
        return electricity(
            amount,
            year,
            fs,
            method="location" if method == "auto" else method,  # type: ignore[arg-type]  # checked there
            supplier_factor=supplier_factor,
            category="average" if grid_category is None else grid_category,
        )
    if method in _ELECTRICITY_METHODS:
        raise InvalidValueError(
            f"method {method!r} is electricity's (location- or market-based); fuel {f.id!r} takes 'auto', "
            "'recommended' or 'heat_value'"
        )
    for name, value in (("supplier_factor", supplier_factor), ("grid_category", grid_category)):
        if value is not None:
            raise InvalidValueError(
                f"{name} is for electricity, not fuel {f.id!r}: leave it out"
                if not f.is_electricity
                else f"{name} is for the grid or a supplier, not for factor set {fs.id!r}'s own per-kWh factor "
                f"(method={method!r}): pass year=... and leave method out"
            )
    if year is not None and factor_set is not None:
        check_vintage(fs, year)
    return _combustion(amount, f, fs, gwp=gwp, method=method, use=use, year=year)  # type: ignore[arg-type]


def _combustion(
    amount: Quantity, f: Fuel, fs: FactorSet, *, gwp: str | None, method: Method, use: str, year: int | None
) -> EmissionResult:
    """:func:`emissions` of a fuel with the set as given, whatever its activity years.

    For :func:`carbonaudit.inventory.compute`, which recalculates a base year with the report
    year's set on purpose (government-inventory 一致性; its result names the set); *year* only
    picks the GWP rules.
    """
    gwp_name = fs._gwp_name(gwp)  # None is the set's own; "ar6" is AR6; "" is refused, not the default
    by_gas: dict[str, Quantity] = {}
    traces: list[FactorTrace] = []
    total: Any = 0.0
    co2_method: str = method
    gases, notes = _by_gas(amount, f, fs, method, use)
    for gas, m, conv in gases:
        if gas == "CO2":
            co2_method = conv.method
        if year is not None:  # the GWP rules by year (combustion CH4 keeps CH4's GWP; the trace says why)
            entry, gwp_fv = fs._gwp_applied(gas, gwp_name, emission="combustion", origin=None, year=year)
        else:
            entry, gwp_fv = gas, fs.gwp_value(gas, gwp_name)
        by_gas[gas] = quantity(m, KG)
        traces.extend(t for t in conv.trace if t not in traces)
        traces.append(FactorTrace.of(fs, f"gwp.{gwp_name}.{entry}", gwp_fv))
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


def _by_own_factor(
    f: Fuel, method: str, year: int | None, supplier_factor: Quantity | None, grid_category: str | None
) -> bool:
    """Whether electricity is computed as a fuel, by the set's own per-kWh factor (the award form's 0.522).

    Only where the set has one, and ``method="recommended"`` asks for it or ``"auto"`` is given
    with nothing that asks for the grid's or a supplier's factor (no year, supplier factor or
    grid category). A fuel's ``"heat_value"`` method is refused for electricity.
    """
    if method == "heat_value":
        raise InvalidValueError(
            f"method 'heat_value' is a fuel's CO2 method; electricity ({f.id!r}) has no heat value to burn: pass "
            "method='location' (the grid factor of the year) or 'market' (a supplier's factor)"
        )
    if method == "recommended":
        if f.recommended is None:
            raise InvalidValueError(
                f"method 'recommended' is a fuel's CO2 method; this set's electricity ({f.id!r}) has no per-kWh "
                "factor of its own: pass method='location' (the grid factor of the year) or 'market'"
            )
        return True
    return (
        method == "auto"
        and f.recommended is not None
        and year is None
        and supplier_factor is None
        and grid_category is None
    )


def _by_gas(
    amount: Quantity, f: Fuel, fs: FactorSet, method: Method, use: str
) -> tuple[list[tuple[str, Any, Conversion]], list[str]]:
    """Each gas's mass [kg] with its conversion; gases the set has no factor for, said in notes."""
    gases: list[tuple[str, Any, Conversion]] = []
    notes: list[str] = []
    for gas in _GASES:
        if gas != "CO2" and gas not in f.per_tj.get(use, {}):
            notes.append(f"{gas}: factor set {fs.id!r} has no {gas} factor for {f.id!r} ({use}); not included")
            continue
        m, conv = convert(amount, f, fs, gas, method=method if gas == "CO2" else "heat_value", use=use)
        gases.append((gas, m, conv))
    return gases, notes


def electricity(
    amount: Quantity,
    year: int | None = None,
    factor_set: FactorSet | str | None = None,
    *,
    method: Literal["location", "market"] = "location",
    supplier_factor: Quantity | None = None,
    category: str = "average",
) -> EmissionResult:
    """Scope 2 emissions of purchased electricity.

    Location-based: ``kWh × grid factor of the year and category`` (award-form-2015 附表2: 0.522
    kg CO2/kWh for 102年; the tw-grid-series; moeaea-grid-2025 for 2025). Market-based:
    ``kWh × supplier factor``.

    Parameters
    ----------
    amount : Quantity
        Electricity used [kWh, MWh, 度 ...]. Scalar or array.
    year : int, optional
        AD year of the grid factor; required for ``method="location"``. Also the activity year
        that chooses the factor set when *factor_set* is None. With a *factor_set* it is the year
        of the grid factor taken from that set, which must have it: a set's grid series is not
        of its activity years only (``tw-2025`` has 2013-2025), so ``tw-2025`` answers 2023 with
        2023's figure. With ``method="market"`` it only chooses the set (the supplier's factor
        has no year). Unlike a fuel's values (:func:`emissions`), nothing of another year is
        used in its stead.
    factor_set : FactorSet or str, optional
        A factor set or a shipped set's id. Default: the set of *year*
        (:func:`carbonaudit.factors.for_year`), or the newest set without one.
    method : {"location", "market"}, default "location"
    supplier_factor : Quantity, optional
        The supplier's factor [kg CO2e/kWh] for ``method="market"``; default: the set's
        ``supplier_factor`` (from :meth:`~carbonaudit.factors.FactorSet.with_overrides`).
    category : {"average", "industry", "residential"}, default "average"
        The grid factor's category (``GRID_CATEGORIES``). From 2025
        經濟部能源署 publishes three figures (moeaea-grid-2025: 0.467 average, 全國公用售電; 0.466
        industry; 0.471 residential); earlier years have one figure, which answers every category
        (the trace's note says so). The default is ``"average"``, the one figure of every year
        and the figure of all public electricity sales; the MOENV GHG registry uses ``"industry"``
        (0.466) for enterprise inventories (moenv-registry-2026), so an enterprise reporting
        there passes ``category="industry"``.

    Returns
    -------
    EmissionResult
        ``by_gas`` has the single key ``"CO2e"``: grid factors are CO2e already.

    Raises
    ------
    UnitsError
        If *amount* or *supplier_factor* is a bare number or of another dimension.
    InvalidValueError
        If *amount* or *supplier_factor* is negative, NaN or infinite, *supplier_factor* is an
        array (one factor for all the amounts) or is given with ``method="location"`` (it would be
        ignored), *method* is neither ``"location"`` nor ``"market"``, or *category* is not one of
        the categories.
    FactorNotFoundError
        If the factor set is unknown, *year* is None for "location" or the set has no grid factor
        for it, *year* is newer than every shipped set and no set is given (the message says how
        to pass ``factor_set=factors.for_year(year, provisional=True)``), or no supplier factor is
        given (nor in the set) for "market".
    PeriodError
        If *year* is given and is not an int or is below 1912 (e.g. an ROC year).

    Examples
    --------
    >>> from carbonaudit import Q_, emissions
    >>> emissions.electricity(Q_(1000, "kWh"), year=2013).co2e
    <Quantity(522.0, 'kilogram')>
    >>> emissions.electricity(Q_(1000, "kWh"), year=2025, category="industry").co2e   # 0.466 kg/kWh
    <Quantity(466.0, 'kilogram')>
    """
    if year is not None:
        year = _ad_year(year, "year")
    _grid_category(category)
    fs = resolve_set(factor_set, year)
    kwh = checked_magnitude(amount, _KWH, "amount")
    if method == "location":
        if supplier_factor is not None:  # never ignored in silence: it is the market-based figure
            raise InvalidValueError(
                "supplier_factor is for market-based emissions: pass method='market' to use it, or leave it out "
                "for the location-based figure (the grid factor of the year)"
            )
        if year is None:
            raise FactorNotFoundError(
                "location-based electricity emissions need the year of the grid factor",
                python="pass year=... (an AD year, e.g. year=2024)",
                cli="give --year YEAR (e.g. --year 2024)",
            )
        fv = fs.grid_factor_value(year, category)
        name = fs._grid_name(year, category)
    elif method == "market":
        if supplier_factor is not None:
            value = scalar_magnitude(supplier_factor, _KG_PER_KWH, "supplier_factor")
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
                "market-based electricity needs the supplier's factor (kg CO2e/kWh)",
                python="pass supplier_factor=Q_(..., 'kg/kWh'), or a set with one "
                "(factor_set.with_overrides(supplier_factor=...))",
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


#: Columns :func:`frame` adds: mass of each gas and CO2e [kg], and the factor ids behind each.
FRAME_COLUMNS = (
    "CO2_kg",
    "CH4_kg",
    "N2O_kg",
    "CO2e_kg",
    "CO2_factors",
    "CH4_factors",
    "N2O_factors",
    "CO2e_factors",
)


def _trace_id(fs: FactorSet, t: FactorTrace) -> str:
    return f"{fs.id}:{t.fuel + '.' if t.fuel else ''}{t.name}"


def _set_of_the_rows(df: Any, year: str) -> FactorSet:
    """The set of the activity years of *df*'s year column, when one set is for all of them.

    Rows of years whose factors are different sets (2024 and 2025) are refused: one set's heat
    values would be applied to another year's fuel. A cell that is not a year is left for the row
    checks to name (the newest set is returned).
    """
    pd = require("pandas", "emissions.frame")

    from .factors import for_year

    years = [y for y in pd.unique(df[year]) if not pd.isna(y)]
    try:
        sets = {int(y): for_year(int(y)) for y in years if float(y).is_integer()}
    except (CarbonAuditError, TypeError, ValueError, OverflowError):
        return resolve_set(None)
    ids = sorted({fs.id for fs in sets.values()})
    if len(ids) > 1:
        span = ", ".join(f"{y}: {fs.id}" for y, fs in sorted(sets.items()))
        raise InvalidValueError(
            f"df's rows are of activity years whose factors are different sets ({span}): compute each year's "
            f"rows apart (e.g. df.groupby({year!r})), each with its own set"
        )
    return next(iter(sets.values())) if sets else resolve_set(None)


def frame(
    df: Any,
    factor_set: FactorSet | str | None = None,
    *,
    amount: str = "amount",
    unit: str = "unit",
    fuel: str = "fuel",
    use: str = "use",
    year: str = "year",
    gwp: str | None = None,
    method: Method = "auto",
) -> Any:
    """CO2, CH4, N2O and CO2e of every row of a DataFrame of activity data, with the factor ids.

    The batch form of :func:`emissions` (fuels) and :func:`electricity` (location-based grid
    factor of the row's year) for thousands to millions of rows (award-form-2015 附表2; MOENV 2024;
    moenv-2024-ef, tw-grid-series). The rows' distinct combinations of fuel, unit, use and year are
    few: each is computed once by the same engine on a unit amount, and the per-unit results are
    gathered back to the rows with numpy, so no Python code runs per row and every row equals
    what :func:`emissions` gives for it. Runs unchanged on each partition of a Dask DataFrame
    (``ddf.map_partitions(emissions.frame, fs)``; factor sets are small and picklable).

    Parameters
    ----------
    df : pandas.DataFrame
        One activity per row. The amount column holds numbers, the unit column each row's unit
        (``"L"``, ``"kL"``, ``"公秉"``, ``"m**3"``, ``"kWh"``, ``"度"`` ... [any unit of
        :func:`carbonaudit.parse_unit`]), the fuel column an energy code, id or name.
    factor_set : FactorSet or str, optional
        A factor set or a shipped set's id. Default: the set of the rows' activity years
        (:func:`carbonaudit.factors.for_year`) when one set is for all of them (rows of 2024 and
        2025 are refused: compute each year apart); without a year column, the newest set
        (``tw-2025``).
    amount, unit, fuel : str, default "amount", "unit", "fuel"
        Names of the amount, unit and fuel columns.
    use : str, default "use"
        Name of the column of per-TJ factor uses (``"stationary"``, ``"mobile"``,
        ``"mobile/<technology>"``). Without that column, or where a row leaves it empty, the use
        is ``"stationary"``.
    year : str, default "year"
        Name of the column of AD activity years: the grid factor's year of electricity rows
        (needed only where the set has no per-kWh factor of its own, as in ``tw-2024``); for a
        fuel row, a year whose values a given dated *factor_set* holds, as *year* of
        :func:`emissions` (``tw-2025`` refuses a 2024 diesel row, naming ``tw-2024``). A row
        with no year cell, or a frame with no such column, takes the set's values as they are.
    gwp : str, optional
        ``"AR4"``, ``"AR5"`` or ``"AR6"``, in any case; default: the set's.
    method : {"auto", "recommended", "heat_value"}, default "auto"
        How CO2 is computed, as in :func:`co2`.

    Returns
    -------
    pandas.DataFrame
        *df* with the columns of :data:`FRAME_COLUMNS` added: ``CO2_kg``, ``CH4_kg``, ``N2O_kg``
        [kg of the gas] and ``CO2e_kg`` [kg CO2e]; ``CO2_factors`` ... ``CO2e_factors``
        (categorical) the ids of the factor values behind each, ``"set:fuel.name"`` joined by
        ``"; "``. A gas the set has no factor for (CH4 and N2O of the award set; any gas of
        electricity, whose grid factor is CO2e already) is NaN in its column, with an empty id,
        and is not in ``CO2e_kg``, which is never NaN. ``attrs`` holds the factor set's id, the
        GWP set and, under ``"factors"``, each id's value, unit, status and citation.

    Raises
    ------
    InvalidValueError
        If a column is missing or named twice, the amount column is not numeric (bools and
        numbers as text are refused, as by the scalar engines), or an amount is negative, NaN,
        infinite or above :data:`carbonaudit.units.MAX_AMOUNT` (1e30), naming the row.
    UnitsError
        If a row's unit is unknown or of a dimension its fuel cannot take (naming the row).
    FactorNotFoundError
        If a row's fuel, use, year or a needed factor is not in the set, or a fuel row's year is not
        one of a given dated set's (naming the row).

    Examples
    --------
    >>> import pandas as pd
    >>> from carbonaudit import emissions
    >>> rows = pd.DataFrame({"fuel": ["柴油", "diesel", "electricity"], "amount": [1000, 1, 1000],
    ...                      "unit": ["L", "公秉", "kWh"], "year": [2013, 2013, 2013]})
    >>> out = emissions.frame(rows, "ntpc-award-2015")       # award-form-2015 附表2: 2.61 kg/L, 0.522 kg/kWh
    >>> out["CO2e_kg"].round(6).tolist()
    [2610.0, 2610.0, 522.0]
    >>> out.loc[0, "CO2_factors"]
    'ntpc-award-2015:diesel.recommended'
    """
    pd = require("pandas", "emissions.frame")

    if not isinstance(df, pd.DataFrame):
        raise InvalidValueError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    for what, column in (("amount", amount), ("unit", unit), ("fuel", fuel)):
        if column not in df.columns:
            raise InvalidValueError(
                f"df has no {what} column {column!r} (columns: {', '.join(map(str, df.columns))}); "
                f"name it with {what}=..."
            )
    fs = _set_of_the_rows(df, year) if factor_set is None and year in df.columns else resolve_set(factor_set)
    gwp_name = fs._gwp_name(gwp)  # None is the set's own; "ar6" is AR6; "" is refused, not the default
    fs.gwp_value("CO2", gwp_name)  # an unknown GWP set fails here, before any row

    duplicated = [c for c in (amount, unit, fuel, use, year) if (df.columns == c).sum() > 1]
    if duplicated:
        raise InvalidValueError(f"df has more than one column named {duplicated[0]!r}")
    if df[amount].dtype.kind not in "iuf":  # as the scalar engines, no bools and no numbers in text
        raise InvalidValueError(
            f"df[{amount!r}] must hold numbers (an int or float column), got dtype {df[amount].dtype}; "
            f"convert it first, e.g. pd.to_numeric(df[{amount!r}])"
        )
    values = numbers(df, amount, "amount")

    columns = [fuel, unit] + [c for c in (use, year) if c in df.columns]
    combo_of_row, some_row = combinations(df, columns)
    n_combos = some_row.size
    key_cells = df.iloc[some_row][columns]

    factors_per_unit = np.full((4, n_combos), np.nan)
    ids: dict[str, list[str]] = {c: [] for c in FRAME_COLUMNS[4:]}
    traces: dict[str, dict[str, Any]] = {}
    for k, row in enumerate(key_cells.itertuples(index=False)):  # one pass per combination, not per row
        cells = {c: (None if pd.isna(v) else v) for c, v in zip(columns, row, strict=True)}
        try:
            per_unit, gas_ids, used = _frame_combination(fs, cells, fuel, unit, use, year, gwp_name, method)
            traces.update(used)
        except CarbonAuditError as exc:
            where = row_label(df, combo_of_row == k)
            said = f"df {where} ({', '.join(f'{c}={v!r}' for c, v in cells.items())}): "
            raise exc.within(said) from exc
        factors_per_unit[:, k] = per_unit
        for column, value in zip(FRAME_COLUMNS[4:], gas_ids, strict=True):
            ids[column].append(value)

    new: dict[str, Any] = {}
    for j, column in enumerate(FRAME_COLUMNS[:4]):
        per_row = factors_per_unit[j].take(combo_of_row)
        # No overflow: amounts are at most units.MAX_AMOUNT (1e30, checked by numbers() above) and
        # every factor value of a set is too (checked when the set is loaded or overridden), so a
        # product of an amount and a few factors stays far inside float64's range.
        np.multiply(per_row, values, out=per_row)
        new[column] = per_row
    for column in FRAME_COLUMNS[4:]:
        codes, categories = pd.factorize(np.asarray(ids[column], dtype=object))
        row_codes = codes.astype(np.int16 if codes.size < 2**15 else np.int64).take(combo_of_row)
        new[column] = pd.Categorical.from_codes(row_codes, categories=pd.Index(categories), validate=False)
    added = pd.DataFrame(new, index=df.index, copy=False)
    # pandas 3 copies lazily (Copy-on-Write) and deprecates copy=; pandas 2 needs it to avoid a copy.
    no_copy: dict[str, Any] = {"copy": False} if int(pd.__version__.split(".")[0]) < 3 else {}
    out = pd.concat([df.drop(columns=[c for c in FRAME_COLUMNS if c in df.columns]), added], axis=1, **no_copy)
    out.attrs = {**df.attrs, "factor_set": fs.id, "gwp": gwp_name, "factors": traces}
    return out


def _frame_combination(
    fs: FactorSet,
    cells: dict[str, Any],
    fuel_column: str,
    unit_column: str,
    use_column: str,
    year_column: str,
    gwp_name: str,
    method: Method,
) -> tuple[list[float], list[str], dict[str, dict[str, Any]]]:
    """Per-unit kg of CO2, CH4, N2O, CO2e of one combination, the factor ids of each, their traces.

    Cached on the factor set, as the scalar conversions are: it depends only on the set and the
    combination, and a batch (or each Dask partition on a worker) meets the same few again. The
    cache is the set object's own: every copy of a set (``model_copy``, ``with_overrides``,
    ``copy``, pickling), which may hold other values under the same id, starts with an empty one.
    """

    def role(column: str) -> str | None:  # each key cell by its role and type: layouts and types cannot collide
        value = cells.get(column, "<no column>")
        return None if value is None else f"{type(value).__name__}:{value}"

    key = ("frame", role(fuel_column), role(unit_column), role(use_column), role(year_column), gwp_name, method)
    cache = fs._conversions()  # the set's own: a copy of the set (other values) never shares it
    cached: tuple[list[float], list[str], dict[str, dict[str, Any]]] | None = cache.get(key)
    if cached is not None:
        return cached
    from .units import parse_unit

    fuel_key, unit_label = cells[fuel_column], cells[unit_column]
    if fuel_key is None:
        raise FactorNotFoundError(f"the {fuel_column} cell is empty")
    if unit_label is None:
        raise UnitsError(f"the {unit_column} cell is empty")
    f = fs.fuel(str(fuel_key))
    one = quantity(1.0, parse_unit(str(unit_label)))
    traces: dict[str, dict[str, Any]] = {}

    def ids_of(items: Any) -> str:
        found = []
        for t in items:
            tid = _trace_id(fs, t)
            traces.setdefault(tid, {k: v for k, v in t.model_dump().items() if k not in ("name", "fuel")})
            if tid not in found:
                found.append(tid)
        return "; ".join(found)

    nan = float("nan")
    raw_year = cells.get(year_column)
    ad_year: int | None = None
    if raw_year is not None:
        try:
            ad_year = int(raw_year)
        except (TypeError, ValueError):
            raise InvalidValueError(f"the {year_column} cell must be an AD year, got {raw_year!r}") from None
        if ad_year != raw_year and str(ad_year) != str(raw_year).strip():
            raise InvalidValueError(f"the {year_column} cell must be a whole AD year, got {raw_year!r}")
        ad_year = _ad_year(ad_year, f"the {year_column} cell")
    if f.is_electricity and f.recommended is None:
        if ad_year is None:
            raise FactorNotFoundError(
                f"electricity rows need an AD year in the {year_column!r} column for the grid factor"
            )
        result = electricity(one, year=ad_year, factor_set=fs)
        cached = [nan, nan, nan, float(result.co2e.m)], ["", "", "", ids_of(result.factors)], traces
        cache[key] = cached
        return cached
    if ad_year is not None:  # a fuel's values are of the set's activity years: never another year's in silence
        check_vintage(fs, ad_year)
    use = cells.get(use_column) or "stationary"
    try:
        gases, _ = _by_gas(one, f, fs, method, str(use))
    except UnitsError:  # say it of the unit, not of the unit amount the combination is computed on
        takes = (
            f"{f.basis_unit} (its basis unit), a mass, a volume or an energy"
            if f.basis_unit
            else "an energy (TJ, kcal) only: it has no heat value"
        )
        raise UnitsError(
            f"unit {unit_label!r} ({one.dimensionality}) is not one fuel {f.id!r} can take: {takes}"
        ) from None
    per_unit = {gas: float(m) for gas, m, _ in gases}
    gas_ids = {gas: ids_of(conv.trace) for gas, _, conv in gases}
    gwp_traces = []
    co2e = 0.0
    for gas, m in per_unit.items():
        gwp_fv = fs.gwp_value(gas, gwp_name)
        gwp_traces.append(FactorTrace.of(fs, f"gwp.{gwp_name}.{gas}", gwp_fv))
        co2e += m * gwp_fv.value
    cached = (
        [per_unit.get(g, nan) for g in _GASES] + [co2e],
        [gas_ids.get(g, "") for g in _GASES] + [ids_of(gwp_traces)],
        traces,
    )
    cache[key] = cached
    return cached
