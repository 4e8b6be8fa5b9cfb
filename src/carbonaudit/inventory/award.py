"""The award form's year-over-year summary (award-form-2015 附件三 三、整體節約能源成效).

Per energy: A this year, B last year, saving C = B − A, CO2 reduction E = C converted with 附表2,
share F = C / B, in the form's reporting units (electricity MWh (仟度), oil kL, coal t, gaseous fuels
1,000 m³, LNG and LPG t, CO2 t). The form multiplies tonnes of LPG by the per-litre factor 1.75;
here tonnes convert through a density (``FactorSet.with_overrides(densities=...)``) or are refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .._display import HtmlRepr
from ..errors import InvalidValueError
from ..factors.models import FactorSet
from ..periods import _ad_year, _shown
from ..units import Q_, Quantity, magnitude, scalar_magnitude

__all__ = ["REPORTING_UNITS", "AwardRow", "award_summary"]

REPORTING_UNITS: dict[str, str] = {
    "electricity": "MWh",
    "diesel": "kL",
    "motor_gasoline": "kL",
    "fuel_oil": "kL",
    "natural_gas": "thousand_cubic_meter",
    "lpg": "t",
    "lng": "t",
    "fuel_coal": "t",
}
"""附件三 reporting unit of each energy (填表說明 三.3)."""


@dataclass(frozen=True)
class AwardRow(HtmlRepr):
    """One energy's row of 附件三."""

    energy: str
    this_year: Quantity
    last_year: Quantity
    saving: Quantity
    co2_reduction: Quantity
    share: float


def award_summary(
    this_year: Mapping[str, Quantity],
    last_year: Mapping[str, Quantity],
    factor_set: FactorSet | str | None = "ntpc-award-2015",
    *,
    grid_year: int = 2013,
    summer: tuple[Quantity, Quantity] | None = None,
) -> list[AwardRow]:
    """The 附件三 table: A, B, C = B − A, E = C in t CO2 (附表2 factors), F = C / B for each energy.

    Parameters
    ----------
    this_year, last_year : mapping of energy to Quantity
        Energies of ``REPORTING_UNITS`` (electricity, diesel, motor_gasoline, fuel_oil,
        natural_gas, lpg, lng, fuel_coal) [MWh, kL, t, 1,000 m³ ..., or any unit of the reporting
        unit's dimension].
    factor_set : FactorSet or str, default "ntpc-award-2015"
        附表2 of award-form-2015.
    grid_year : int, default 2013
        The grid factor's AD year (附表2: 102年 0.522 kg CO2/kWh).
    summer : (Quantity, Quantity), optional
        This year's and last year's 12 monthly electricity uses [kWh, MWh ...]: adds the row
        ``summer_electricity`` of 四、夏季用電情形 (June–September, the months in the data).

    Returns
    -------
    list of AwardRow
        One row per energy, in the order of *this_year*: A and B and the saving C in the reporting
        unit, the CO2 reduction E [t] (negative when use grew), the share F as a fraction; then
        ``summer_electricity`` [MWh] when *summer* is given.

    Raises
    ------
    InvalidValueError
        If *this_year* or *last_year* is not a mapping or has a key that is not a str, the two
        years list different energies, an energy is not in ``REPORTING_UNITS``, last year's use is
        zero, or an amount is an array, negative, NaN, infinite or above 1e30 (the message names
        it, e.g. ``this_year['electricity']``); for a *summer* that is not a pair, a *summer* year
        that does not hold 12 months, a month (any of the 12) that is negative, not finite or above
        1e30 (named ``summer[0][11]``), or a last summer with no use (as
        :func:`~carbonaudit.rates.summer_comparison`).
    UnitsError
        If an amount is a bare number or of a dimension its reporting unit cannot take (litres of
        electricity); the message names the year and energy. Also for a *summer* month that is a
        bare number or not an energy.
    FactorNotFoundError
        For an unknown *factor_set*, a factor the set lacks (e.g. tonnes of LPG with no density to
        convert them), or no grid factor for *grid_year*.
    PeriodError
        If *grid_year* is not an AD year as int 1912-2211 (a str, a float, a bool, an ROC year such
        as 102), whatever the energies; numpy integers are years like ints.

    Examples
    --------
    >>> from carbonaudit import Q_
    >>> [row] = award_summary({"electricity": Q_(950, "MWh")}, {"electricity": Q_(1000, "MWh")})
    >>> row.saving, row.co2_reduction, row.share          # 50 MWh x 0.522 t/MWh = 26.1 t
    (<Quantity(50.0, 'megawatt_hour')>, <Quantity(26.1, 'metric_ton')>, 0.05)
    """
    from .._convert import resolve_set
    from ..emissions import co2, electricity

    fs = resolve_set(factor_set)
    grid_year = _ad_year(grid_year, "grid_year")  # numpy integers too; an ROC year named as one
    for name, mapping in (("this_year", this_year), ("last_year", last_year)):
        if not isinstance(mapping, Mapping):
            raise InvalidValueError(
                f"{name} must be a mapping of energy to Quantity (e.g. {{'electricity': Q_(950, 'MWh')}}), "
                f"got {type(mapping).__name__}"
            )
        for key in mapping:
            if not isinstance(key, str):
                raise InvalidValueError(
                    f"{name} has the key {_shown(key)} ({type(key).__name__}): the keys are energies, as str, "
                    f"one of {', '.join(REPORTING_UNITS)}"
                )
    if set(this_year) != set(last_year):
        raise InvalidValueError(
            f"this_year and last_year must list the same energies, got {sorted(this_year)} and {sorted(last_year)}"
        )
    rows = []
    for energy in this_year:
        unit = REPORTING_UNITS.get(energy)
        if unit is None:
            raise InvalidValueError(f"energy {energy!r} is not one of {', '.join(REPORTING_UNITS)}")
        for year_name, given in (("this_year", this_year[energy]), ("last_year", last_year[energy])):
            scalar_magnitude(given, unit, f"{year_name}[{energy!r}]")  # one finite, non-negative amount
        a = Q_(magnitude(this_year[energy], unit, f"this_year[{energy!r}]"), unit)
        b = Q_(magnitude(last_year[energy], unit, f"last_year[{energy!r}]"), unit)
        c = b - a
        if c.m >= 0:
            e = (electricity(c, grid_year, fs).co2e if energy == "electricity" else co2(c, energy, fs)).to("t")
        else:  # use grew: the CO2 "reduction" is negative
            grew = -c
            e = -(electricity(grew, grid_year, fs).co2e if energy == "electricity" else co2(grew, energy, fs)).to("t")
        if b.m == 0:
            raise InvalidValueError(f"last_year[{energy!r}] is zero: the saving share F = C / B is undefined")
        rows.append(AwardRow(energy, a, b, c, Q_(float(e.m), "t"), float(c.m / b.m)))
    if summer is not None:
        from ..rates import summer_comparison
        from ..units import check_amount, stack

        if not isinstance(summer, (tuple, list)) or len(summer) != 2:
            raise InvalidValueError(
                "summer must be a pair (this year's 12 monthly uses, last year's 12 monthly uses), "
                f"got {type(summer).__name__}"
            )
        series = []
        for i, months_given in enumerate(summer):
            name = f"summer[{i}]"
            m, unit = stack(months_given, name, "MWh")  # an energy: refuse litres, kvar·h as UnitsError
            # all 12 months, not only the summer ones: a NaN in December is as wrong as one in July
            check_amount(m, name)
            if m.size != 12:
                raise InvalidValueError(f"{name} must hold the 12 months of a year, got {m.size} values")
            series.append(m)
        this_m, last_m = series
        yoy = summer_comparison(Q_(this_m, unit), Q_(last_m, unit))
        from ..factors import rules

        months = [m - 1 for m in rules().summer_months.months]
        a = Q_(float(this_m[months].sum()), unit).to("MWh")
        b = Q_(float(last_m[months].sum()), unit).to("MWh")
        saving = yoy.saving.to("MWh")
        e = electricity(Q_(abs(saving.m), "MWh"), grid_year, fs).co2e.to("t")
        rows.append(
            AwardRow(
                "summer_electricity",
                a,
                b,
                saving,
                Q_(float(e.m) * (1 if saving.m >= 0 else -1), "t"),
                float(yoy.share.m),
            )
        )
    return rows
