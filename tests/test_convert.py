"""The fuel conversions behind energy.heat and emissions.co2/emissions (carbonaudit._convert).

Every way a conversion can fail is a message a user reads to mend the input: each test below writes
the whole message out, as the user should see it (what the amount is, what the fuel's factors are
per, which set, and the way out). The traces are checked field by field: a trace is how a user finds
the document a number came from. Values are worked by hand in the comments.
"""

from __future__ import annotations

import pytest

from carbonaudit import Q_, emissions, energy, factors
from carbonaudit.errors import FactorNotFoundError, InvalidValueError, UnitsError

CURRENT = factors.load("tw-2024")
AWARD = factors.load("ntpc-award-2015")


def _message(exc_type: type[Exception], call) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(exc_type) as info:
        call()
    return str(info.value)


def _both(exc_type: type[Exception], call) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The message with its Python fix, and as the command line prints it (with its option)."""
    with pytest.raises(exc_type) as info:
        call()
    return str(info.value), info.value.for_cli()  # type: ignore[attr-defined]


# -- the amount's kind and the fuel's basis ----------------------------------------------------------


def test_a_mass_of_a_fuel_per_litre_without_density():
    python, cli = _both(FactorNotFoundError, lambda: emissions.co2(Q_(10, "kg"), "diesel", CURRENT))
    said = (
        "amount is a mass (10 kg) but fuel 'diesel' (柴油) has factors per L (volume); factor set 'tw-2024' "
        "has no density for it; "
    )
    assert python == said + (
        "give one with factor_set.with_overrides(densities={'diesel': Q_(..., 'kg/L')}), "
        "a heat value per mass with factor_set.with_overrides(heat_values={'diesel': Q_(..., 'kcal/kg')}), "
        "or enter the amount in L"
    )
    assert cli == said + (
        "give one with --density QUANTITY (e.g. --density '0.84 kg/L'), a heat value per mass with "
        "--heat-value QUANTITY (e.g. '11000 kcal/kg'), or enter the amount in L"
    )


def test_a_volume_of_a_fuel_per_kg_without_density():
    python, cli = _both(FactorNotFoundError, lambda: energy.heat(Q_(10, "L"), "fuel_coal", CURRENT))
    said = (
        "amount is a volume (10 l) but fuel 'fuel_coal' (燃料煤) has factors per kg (mass); factor set "
        "'tw-2024' has no density for it; "
    )
    assert python == said + (
        "give one with factor_set.with_overrides(densities={'fuel_coal': Q_(..., 'kg/L')}) or enter the amount in kg"
    )
    assert cli == said + "give one with --density QUANTITY (e.g. --density '0.84 kg/L') or enter the amount in kg"


def test_a_mass_of_a_fuel_without_heat_value_or_basis():
    # 附表2's biomass rows (wood ...) have factors per TJ only
    python, cli = _both(FactorNotFoundError, lambda: emissions.co2(Q_(10, "kg"), "wood", AWARD))
    said = "amount is 10 kg but fuel 'wood' (木頭－固態) has no heat value: it converts from energy only (TJ, kcal); "
    assert python == said + (
        "enter the amount as energy, or give a measured heat value with "
        "factor_set.with_overrides(heat_values={'wood': Q_(..., 'kcal/kg')})"
    )
    assert cli == said + (
        "enter the amount in kcal or TJ, or give a measured heat value with --heat-value QUANTITY "
        "(per unit of the fuel, e.g. --heat-value '7000 kcal/kg')"
    )


@pytest.mark.parametrize(
    ("fuel", "fs", "wanted"),
    [
        ("diesel", CURRENT, "L (its basis), mass, volume or energy"),
        ("wood", AWARD, "energy (TJ, kcal): it has no heat value"),  # 附表2 biomass: per TJ only
    ],
)
def test_an_amount_of_another_dimension(fuel, fs, wanted):  # type: ignore[no-untyped-def]
    message = _message(UnitsError, lambda: emissions.co2(Q_(10, "m"), fuel, fs))
    assert message == f"amount must be a Quantity of {wanted} for fuel {fuel!r}, got 10 m which is [length]"


def test_a_fuel_without_heat_value_in_mass():
    python, cli = _both(FactorNotFoundError, lambda: energy.heat(Q_(10, "kg"), "sub_bituminous_coal", CURRENT))
    said = "fuel 'sub_bituminous_coal' (次煙煤) has no heat_value in factor set 'tw-2024'; "
    assert python == said + (
        "enter the amount as energy (TJ, kcal) or give a measured heat value with "
        "factor_set.with_overrides(heat_values={'sub_bituminous_coal': Q_(..., 'kcal/kg')})"
    )
    assert cli == said + (
        "enter the amount in kcal or TJ, or give a measured heat value with --heat-value QUANTITY "
        "(per unit of the fuel, e.g. --heat-value '7000 kcal/kg')"
    )


def test_a_fuel_without_heat_value_converts_from_energy():
    # 1 TJ of sub-bituminous coal x 96,100 kg CO2/TJ (MOENV 2024, IPCC 2006 Table 2.2) = 96,100 kg
    assert emissions.co2(Q_(1, "TJ"), "sub_bituminous_coal", CURRENT).m_as("kg") == pytest.approx(96_100, rel=1e-12)


def test_electricity_is_not_a_fuel_conversion():
    # co2() is a fuel's CO2; electricity's factor is the grid's CO2e of a year
    python, cli = _both(FactorNotFoundError, lambda: emissions.co2(Q_(10, "kWh"), "electricity", CURRENT))
    said = (
        "factor set 'tw-2024' has no per-kWh CO2 factor for electricity: its factor is the grid's of a year, in CO2e; "
    )
    assert python == said + (
        "use emissions.emissions(amount, 'electricity', year=...) or emissions.electricity(amount, year=...) "
        "for the grid factor of a year"
    )
    assert cli == said + "give --year YEAR for the grid factor of that year"


def test_a_use_the_fuel_has_no_factors_for():
    message = _message(FactorNotFoundError, lambda: emissions.co2(Q_(10, "L"), "fuel_oil", CURRENT, use="mobile"))
    assert message == (
        "fuel 'fuel_oil' has no per-TJ factors for use 'mobile' in factor set 'tw-2024' (uses it has: stationary)"
    )
    message = _message(
        FactorNotFoundError, lambda: emissions.co2(Q_(10, "L"), "diesel", CURRENT, use="mobile/oxidation_catalyst")
    )
    assert message == (
        "fuel 'diesel' has no per-TJ factors for use 'mobile/oxidation_catalyst' in factor set 'tw-2024' "
        "(uses it has: stationary, mobile)"
    )


def test_a_gas_the_fuel_has_no_factor_for_is_left_out_and_said():
    r = emissions.emissions(Q_(10, "L"), "diesel", AWARD, method="heat_value")
    assert set(r.by_gas) == {"CO2"}
    assert r.notes == (
        "CH4: factor set 'ntpc-award-2015' has no CH4 factor for 'diesel' (stationary); not included",
        "N2O: factor set 'ntpc-award-2015' has no N2O factor for 'diesel' (stationary); not included",
    )


def test_recommended_factors_are_co2_only():
    # no public function asks a recommended factor for another gas; the private conversion refuses it
    from carbonaudit import _convert

    python, cli = _both(
        FactorNotFoundError, lambda: _convert.convert(Q_(10, "L"), "diesel", AWARD, "CH4", method="recommended")
    )
    assert (
        python == "recommended factors are CO2 factors; CH4 is computed from the heat value; pass method='heat_value'"
    )
    assert cli == "recommended factors are CO2 factors; CH4 is computed from the heat value; give --method heat_value"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "x"}, "method must be one of ('auto', 'recommended', 'heat_value'), got 'x'"),
        ({"use": "truck"}, "use must be 'stationary', 'mobile' or 'mobile/<technology>', got 'truck'"),
        ({"use": 3}, "use must be 'stationary', 'mobile' or 'mobile/<technology>', got 3"),
    ],
)
def test_options_are_checked(kwargs, message):  # type: ignore[no-untyped-def]
    assert _message(InvalidValueError, lambda: emissions.co2(Q_(10, "L"), "diesel", CURRENT, **kwargs)) == message


def test_the_factor_set_argument():
    message = _message(FactorNotFoundError, lambda: emissions.co2(Q_(10, "L"), "diesel", 3))  # type: ignore[arg-type]
    assert message == "factor_set must be a FactorSet (carbonaudit.factors.load(...)), got int 3"
    # a shipped set's id, or None for the current set
    assert emissions.co2(Q_(1, "kL"), "diesel", "ntpc-award-2015").m_as("kg") == pytest.approx(2610, rel=1e-12)
    assert emissions.co2(Q_(1, "kL"), "diesel", None) == emissions.co2(Q_(1, "kL"), "diesel", factors.load())


# -- the density step: the value and the trace --------------------------------------------------------


def _lpg(density: float) -> emissions.EmissionResult:
    return emissions.emissions(Q_(50, "kg"), "lpg", CURRENT.with_overrides(densities={"lpg": Q_(density, "kg/L")}))


def test_a_mass_through_the_density():
    # 50 kg / 0.5 kg/L = 100 L x 5,958 kcal/L = 595,800 kcal x 4.1868e-9 TJ/kcal = 0.0024944954 TJ
    # CO2 = 0.0024944954 x 63,100 = 157.40266 kg; CH4 = x 1 kg/TJ; N2O = x 0.1 kg/TJ (tw-2024, LPG)
    r = _lpg(0.5)
    tj = 50 / 0.5 * 5958 * 4.1868e-9
    assert r.by_gas["CO2"].m_as("kg") == pytest.approx(tj * 63_100, rel=1e-12)
    assert r.by_gas["CH4"].m_as("kg") == pytest.approx(tj * 1.0, rel=1e-12)
    assert r.by_gas["N2O"].m_as("kg") == pytest.approx(tj * 0.1, rel=1e-12)
    # halving the density doubles the litres, so every gas
    assert _lpg(0.25).by_gas["CO2"].m_as("kg") == pytest.approx(2 * tj * 63_100, rel=1e-12)
    traced = [(t.name, t.fuel, t.value, t.unit) for t in r.factors if t.fuel == "lpg"]
    assert traced == [
        ("heat_value", "lpg", 5958.0, "kcal/L"),
        ("per_tj.stationary.CO2", "lpg", 63100.0, "kg/TJ"),
        ("density", "lpg", 0.5, "kg/L"),
        ("per_tj.stationary.CH4", "lpg", 1.0, "kg/TJ"),
        ("per_tj.stationary.N2O", "lpg", 0.1, "kg/TJ"),
    ]


def test_a_volume_through_the_density_of_a_fuel_per_kg():
    # 10 L x 0.8 kg/L = 8 kg of fuel coal; heat = 8 x its heat value per kg
    fs = CURRENT.with_overrides(densities={"fuel_coal": Q_(0.8, "kg/L")})
    hv = CURRENT.fuel("fuel_coal").heat_value
    assert hv is not None and hv.unit == "kcal/kg"
    assert energy.heat(Q_(10, "L"), "fuel_coal", fs).m_as("kcal") == pytest.approx(8 * hv.value, rel=1e-12)


# -- the traces of each method --------------------------------------------------------------------


def test_traces_of_the_heat_value_method():
    r = emissions.emissions(Q_(10, "L"), "diesel", AWARD, method="heat_value")
    assert [(t.name, t.fuel, t.value, t.unit) for t in r.factors] == [
        ("heat_value", "diesel", 8400.0, "kcal/L"),
        ("per_tj.stationary.CO2", "diesel", 74100.0, "kg/TJ"),
        ("gwp.AR5.CO2", None, 1.0, "dimensionless"),
    ]
    # 10 L x 8,400 kcal/L x 4.1868e-9 TJ/kcal x 74,100 kg/TJ
    assert r.by_gas["CO2"].m_as("kg") == pytest.approx(10 * 8400 * 4.1868e-9 * 74_100, rel=1e-12)


@pytest.mark.parametrize("amount", [Q_(1e7, "kcal"), Q_(1, "TJ")])
def test_traces_of_an_energy_amount_with_a_recommended_factor(amount):  # type: ignore[no-untyped-def]
    # energy / heat value x recommended factor: 1e7 kcal / 8,400 kcal/L x 2.61 kg/L = 3,107.142857 kg
    r = emissions.emissions(amount, "diesel", AWARD)
    assert [(t.name, t.fuel, t.value, t.unit) for t in r.factors] == [
        ("recommended", "diesel", 2.61, "kg/L"),
        ("heat_value", "diesel", 8400.0, "kcal/L"),
        ("gwp.AR5.CO2", None, 1.0, "dimensionless"),
    ]
    kcal = amount.m_as("kcal")
    assert r.by_gas["CO2"].m_as("kg") == pytest.approx(kcal / 8400 * 2.61, rel=1e-12)


def test_trace_of_heat():
    # energy.heat traces the heat value it used (by the basis) and nothing for an energy amount
    assert energy.heat(Q_(2, "kL"), "diesel", AWARD).m_as("kcal") == pytest.approx(2000 * 8400, rel=1e-12)
    assert energy.heat(Q_(5, "kcal"), "diesel", AWARD).m_as("kcal") == 5.0


# -- the cached conversion itself: factor, unit, method and trace of each kind ------------------------

from carbonaudit import _convert  # noqa: E402

DIESEL = CURRENT.fuel("diesel")


@pytest.mark.parametrize(
    ("fs", "target", "kind", "per_unit", "unit", "method", "trace"),
    [
        # tw-2024 diesel 8,629 kcal/L (能源署 2024 heat values)
        (CURRENT, "heat", "basis", 8629.0, "L", "heat_value", [("heat_value", "diesel")]),
        # 8,629 kcal/L x 4.1868e-9 TJ/kcal x 74,100 kg CO2/TJ (IPCC 2006 Table 2.2)
        (
            CURRENT,
            "CO2",
            "basis",
            8629 * 4.1868e-9 * 74_100,
            "L",
            "heat_value",
            [("heat_value", "diesel"), ("per_tj.stationary.CO2", "diesel")],
        ),
        (CURRENT, "CO2", "energy", 74_100.0, "TJ", "heat_value", [("per_tj.stationary.CO2", "diesel")]),
        (CURRENT, "heat", "energy", 1.0, "kcal", "energy", []),
        # 附表2 diesel: 2.61 kg CO2/L recommended; per kcal through its 8,400 kcal/L
        (AWARD, "CO2", "basis", 2.61, "L", "recommended", [("recommended", "diesel")]),
        (
            AWARD,
            "CO2",
            "energy",
            2.61 / 8400,
            "kcal",
            "recommended",
            [("recommended", "diesel"), ("heat_value", "diesel")],
        ),
    ],
)
def test_conversion_fields(fs, target, kind, per_unit, unit, method, trace):  # type: ignore[no-untyped-def]
    c = _convert.conversion(fs, fs.fuel("diesel"), target, kind, name="amount")
    assert c.per_unit == pytest.approx(per_unit, rel=1e-12)
    assert c.unit == _convert.ureg.Unit(unit)
    assert c.method == method
    assert [(t.name, t.fuel) for t in c.trace] == trace


def test_a_missing_recommended_factor_is_named():
    message = _message(FactorNotFoundError, lambda: emissions.co2(Q_(1, "L"), "diesel", CURRENT, method="recommended"))
    assert message == "fuel 'diesel' (柴油) has no recommended in factor set 'tw-2024'"


def test_a_fuel_without_per_tj_factors():
    # a Fuel object changed by the caller is used with its own values (FactorSet.fuel)
    bare = DIESEL.model_copy(update={"per_tj": {}})
    message = _message(FactorNotFoundError, lambda: emissions.co2(Q_(1, "TJ"), bare, CURRENT, method="heat_value"))
    assert message == (
        "fuel 'diesel' has no per-TJ factors for use 'stationary' in factor set 'tw-2024' (uses it has: none)"
    )
    no_co2 = DIESEL.model_copy(
        update={"per_tj": {"stationary": {g: v for g, v in DIESEL.per_tj["stationary"].items() if g != "CO2"}}}
    )
    message = _message(FactorNotFoundError, lambda: emissions.co2(Q_(1, "TJ"), no_co2, CURRENT, method="heat_value"))
    assert message == (
        "fuel 'diesel' has no CO2 factor for use 'stationary' in factor set 'tw-2024' (gases it has: CH4, N2O)"
    )


def test_a_mass_and_a_volume_of_one_fuel_in_one_set_are_cached_apart():
    # the same set object converts 50 kg and then 100 L of LPG: each through its own conversion
    # (50 kg / 0.5 kg/L = 100 L, so both give the same heat; 100 kg would give twice)
    fs = CURRENT.with_overrides(densities={"lpg": Q_(0.5, "kg/L")})
    per_l = 5958.0  # kcal/L, tw-2024 LPG
    assert energy.heat(Q_(100, "kg"), "lpg", fs).m_as("kcal") == pytest.approx(200 * per_l, rel=1e-12)
    assert energy.heat(Q_(100, "L"), "lpg", fs).m_as("kcal") == pytest.approx(100 * per_l, rel=1e-12)
    assert energy.heat(Q_(100, "kg"), "lpg", fs).m_as("kcal") == pytest.approx(200 * per_l, rel=1e-12)
    co2_kg = emissions.co2(Q_(100, "kg"), "lpg", fs).m_as("kg")
    co2_l = emissions.co2(Q_(100, "L"), "lpg", fs).m_as("kg")
    assert co2_kg == pytest.approx(2 * co2_l, rel=1e-12)


def test_a_gas_of_a_fuel_without_heat_value_by_mass():
    # sub-bituminous coal has per-TJ factors but no heat value in tw-2024: a mass cannot become TJ
    message = _message(FactorNotFoundError, lambda: emissions.co2(Q_(10, "kg"), "sub_bituminous_coal", CURRENT))
    assert message == (
        "fuel 'sub_bituminous_coal' (次煙煤) has no heat_value in factor set 'tw-2024'; enter the amount as "
        "energy (TJ, kcal) or give a measured heat value with "
        "factor_set.with_overrides(heat_values={'sub_bituminous_coal': Q_(..., 'kcal/kg')})"
    )


def test_an_energy_with_a_recommended_factor_needs_the_heat_value():
    # a recommended factor is per litre: an energy goes through the heat value, which this copy lacks
    fuel = AWARD.fuel("diesel").model_copy(update={"heat_value": None})
    message = _message(FactorNotFoundError, lambda: emissions.co2(Q_(1, "TJ"), fuel, AWARD))
    assert message == (
        "fuel 'diesel' (柴油) has no heat_value in factor set 'ntpc-award-2015'; enter the amount as energy "
        "(TJ, kcal) or give a measured heat value with "
        "factor_set.with_overrides(heat_values={'diesel': Q_(..., 'kcal/kg')})"
    )


def test_the_conversion_of_an_alt_amount():
    # LPG per L with a density of 0.5 kg/L: a kg is 2 L, so 2 x 5,958 kcal; the method is the heat value's
    fs = CURRENT.with_overrides(densities={"lpg": Q_(0.5, "kg/L")})
    c = _convert.conversion(fs, fs.fuel("lpg"), "heat", "alt", sample=Q_(1, "kg"), name="amount")
    assert (c.per_unit, c.unit, c.method) == (pytest.approx(2 * 5958, rel=1e-12), _convert.KG, "heat_value")
    assert [t.name for t in c.trace] == ["heat_value", "density"]
    c = _convert.conversion(fs, fs.fuel("lpg"), "CO2", "alt", sample=Q_(1, "kg"), name="amount")
    assert (c.unit, c.method) == (_convert.KG, "heat_value")
    assert [t.name for t in c.trace] == ["heat_value", "per_tj.stationary.CO2", "density"]


def test_a_bare_number_is_refused_with_what_a_fuel_takes():
    message = _message(UnitsError, lambda: emissions.co2(5, "diesel", CURRENT))  # type: ignore[arg-type]
    assert message == (
        "amount must be a Quantity of a mass, volume or energy, got bare int 5; give units, e.g. carbonaudit.Q_(5, ...)"
    )


def test_electricity_in_kwh_is_heat_for_its_heat_content():
    # energy.heat of electricity: a kWh is itself heat, 3,600 kJ = 859.845 IT kcal (not per a heat value)
    assert energy.heat(Q_(1, "kWh"), "electricity", CURRENT).m_as("kcal") == pytest.approx(3600 / 4.1868, rel=1e-12)
