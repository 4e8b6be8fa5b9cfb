"""Internal-consistency checks of a factor set (private; use :func:`carbonaudit.factors.check`)."""

from __future__ import annotations

import math
from decimal import Decimal

from ..errors import Finding, Findings
from ..formatting import round_half_up
from ..units import Q_
from .models import FactorSet, FactorValue

__all__ = ["check"]


def _decimals(value: float) -> int:
    """Decimal places of a published figure (``2.61`` -> 2, ``94600.0`` -> 0)."""
    exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def _half_unit_3sf(value: float) -> float:
    """Half a unit of the third significant figure (IPCC per-TJ factors have three)."""
    if value == 0:
        return 0.0
    return 0.5 * 10.0 ** (math.floor(math.log10(abs(value))) - 2)


def check(fs: FactorSet) -> Findings:
    """Report where a factor set disagrees with itself, to the rounding of its table.

    Checks, for every fuel row (the relations of award-form-2015 附表2):

    * CO2 factor ≈ carbon factor × M(CO2)/M(C) (the molar masses in the file's ``constants``), within
      the carbon factor's last printed decimal plus half a unit of the CO2 factor's third
      significant figure;
    * recommended factor == heat value × TJ/kcal × CO2 factor rounded half-up to the recommended
      factor's printed decimals;
    * rows the table repeats equal their first occurrence;
    * a blend GWP printed in a GWP set equals the mass-weighted GWP of its components, to the
      printed decimals.

    Parameters
    ----------
    fs : FactorSet
        The set to check, e.g. :func:`carbonaudit.factors.load` or a set with user overrides.

    Returns
    -------
    Findings
        A list of :class:`~carbonaudit.errors.Finding`; empty when the set is consistent; otherwise
        warnings (``factors.co2_vs_carbon``, ``factors.recommended_mismatch``,
        ``factors.duplicate_row_differs``, ``factors.blend_gwp_mismatch``) and infos
        (``factors.blend_component_missing``).

    Examples
    --------
    >>> from carbonaudit import factors
    >>> factors.check(factors.load("ntpc-award-2015"))     # award-form-2015 附表2 agrees with itself
    Findings(0: 0 errors, 0 warnings, 0 info)
    """
    findings: list[Finding] = []
    ratio = None
    ratio_text = ""
    if "molar_mass_co2" in fs.constants and "molar_mass_carbon" in fs.constants:
        m_co2, m_c = fs.constants["molar_mass_co2"], fs.constants["molar_mass_carbon"]
        ratio = float((m_co2.quantity / m_c.quantity).m_as(""))
        ratio_text = f"{m_co2.value:g}/{m_c.value:g}"
    tj_per_kcal = float(Q_(1.0, "kcal").m_as("TJ"))
    by_id = {f.id: f for f in fs.fuels}
    for fuel in fs.fuels:
        path = f"{fs.id}.fuels.{fuel.id}"
        co2 = fuel.per_tj.get("stationary", {}).get("CO2")
        if ratio is not None and co2 is not None and fuel.carbon_factor is not None:
            carbon = fuel.carbon_factor.quantity.m_as("kg/TJ")
            implied = carbon * ratio
            tolerance = 0.5 * 10.0 ** -_decimals(fuel.carbon_factor.value) * ratio * 1000 + _half_unit_3sf(co2.value)
            got = co2.quantity.m_as("kg/TJ")
            if abs(got - implied) > tolerance:
                findings.append(
                    Finding(
                        code="factors.co2_vs_carbon",
                        severity="warning",
                        path=f"{path}.per_tj.stationary.CO2",
                        message=(
                            f"CO2 factor {got:,.0f} kg/TJ differs from carbon factor "
                            f"{fuel.carbon_factor.value} kg/GJ x {ratio_text} = {implied:,.0f} kg/TJ by more than "
                            f"the rounding ({tolerance:,.0f} kg/TJ)"
                        ),
                        context={"found": got, "expected": implied, "tolerance": tolerance},
                        message_zh=f"CO2 排放係數 {got:,.0f} kg/TJ 與碳排放係數 {fuel.carbon_factor.value} kg/GJ × {ratio_text} = {implied:,.0f} kg/TJ 之差超過進位誤差（{tolerance:,.0f} kg/TJ）",
                    )
                )
        if fuel.recommended is not None and fuel.heat_value is not None and co2 is not None:
            basis = fuel.basis_unit
            heat = fuel.heat_value.quantity.m_as(f"kcal/({basis})")
            computed = heat * tj_per_kcal * co2.quantity.m_as("kg/TJ")
            rec = fuel.recommended.quantity.m_as(f"kg/({basis})")
            digits = _decimals(fuel.recommended.value)
            if round_half_up(computed, digits) != round_half_up(rec, digits):
                findings.append(
                    Finding(
                        code="factors.recommended_mismatch",
                        severity="warning",
                        path=f"{path}.recommended",
                        message=(
                            f"recommended factor {fuel.recommended.value} {fuel.recommended.unit} differs from "
                            f"heat value x CO2 factor = {computed:.4f}, which rounds to "
                            f"{round_half_up(computed, digits)}"
                        ),
                        context={"found": rec, "expected": computed, "digits": digits},
                        message_zh=f"建議排放係數 {fuel.recommended.value} {fuel.recommended.unit} 與熱值 × CO2 排放係數 = {computed:.4f}（四捨五入為 {round_half_up(computed, digits)}）不符",
                    )
                )
        if fuel.duplicate_of is not None:
            first = by_id[fuel.duplicate_of]
            for name in ("basis_unit", "heat_value", "carbon_factor", "per_tj", "recommended"):
                if getattr(fuel, name) != getattr(first, name):
                    findings.append(
                        Finding(
                            code="factors.duplicate_row_differs",
                            severity="warning",
                            path=f"{path}.{name}",
                            message=(
                                f"row {fuel.row} repeats {first.id!r} (row {first.row}) but its {name} "
                                f"differs: {getattr(fuel, name)!r} vs {getattr(first, name)!r}"
                            ),
                            message_zh=f"第 {fuel.row} 列重複 {first.id!r}（第 {first.row} 列），但其 {name} 不同",
                        )
                    )
    for gwp_name, table in fs.gwp_sets.items():
        for blend_name, blend in fs.blends.items():
            printed: FactorValue | None = table.values.get(blend_name)
            if printed is None:
                continue
            try:
                computed = sum(share * table.values[c].value for c, share in blend.components.items())
            except KeyError as missing:
                findings.append(
                    Finding(
                        code="factors.blend_component_missing",
                        severity="info",
                        path=f"{fs.id}.gwp_sets.{gwp_name}.{blend_name}",
                        message=f"{blend_name}: component {missing} has no {gwp_name} GWP, the printed value is not checked",
                        message_zh=f"{blend_name}：成分 {missing} 無 {gwp_name} GWP 值，所列數值未檢核",
                    )
                )
                continue
            digits = _decimals(printed.value)
            if round_half_up(computed, digits) != printed.value:
                findings.append(
                    Finding(
                        code="factors.blend_gwp_mismatch",
                        severity="warning",
                        path=f"{fs.id}.gwp_sets.{gwp_name}.{blend_name}",
                        message=(
                            f"{blend_name} GWP {printed.value:g} in {gwp_name} differs from its components' "
                            f"{computed:.2f}"
                        ),
                        context={"found": printed.value, "expected": computed},
                        message_zh=f"{blend_name} 之 {gwp_name} GWP {printed.value:g} 與其成分計算值 {computed:.2f} 不符",
                    )
                )
    return Findings(findings)
