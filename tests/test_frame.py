"""emissions.frame: the batch path over DataFrames of activity rows (issue 8)."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import Q_, FactorNotFoundError, InvalidValueError, UnitsError, emissions, factors, parse_unit
from carbonaudit._synthetic import activity_rows

COMBOS = [
    ("diesel", "L", "mobile"),
    ("柴油", "公秉", "stationary"),
    ("motor_gasoline", "L", "mobile"),
    ("natural_gas", "m**3", "stationary"),
    ("natural_gas", "千立方公尺", None),
    ("fuel_oil", "kL", "stationary"),
    ("fuel_coal", "t", "stationary"),
    ("electricity", "kWh", None),
    ("E01", "度", ""),
]


def _row_path(fuel: str, unit: str, use: str | None, year: int, amount: float, fs: factors.FactorSet):
    q = Q_(amount, parse_unit(unit))
    if fs.fuel(fuel).is_electricity:
        return emissions.electricity(q, year=year, factor_set=fs)
    return emissions.emissions(q, fuel, fs, use=use or "stationary")


@given(
    st.lists(
        st.tuples(
            st.sampled_from(COMBOS),
            st.floats(0, 1e7, allow_nan=False),
            st.integers(2015, 2024),
        ),
        min_size=1,
        max_size=40,
    ),
    st.booleans(),
)
def test_every_row_equals_the_row_by_row_engine(rows, categorical) -> None:  # type: ignore[no-untyped-def]
    fs = factors.load("tw-2024")  # the rows use natural_gas, one fuel in tw-2024 (NG1 or NG2 in tw-2025)
    df = pd.DataFrame(
        {
            "fuel": [c[0] for c, _, _ in rows],
            "unit": [c[1] for c, _, _ in rows],
            "use": [c[2] for c, _, _ in rows],
            "amount": [a for _, a, _ in rows],
            "year": [y for _, _, y in rows],
        }
    )
    if categorical:
        df = df.astype({"fuel": "category", "unit": "category"})
    out = emissions.frame(df, fs)
    assert len(out) == len(df)
    for i, ((fuel, unit, use), amount, year) in enumerate(rows):
        r = _row_path(fuel, unit, use, year, amount, fs)
        assert out["CO2e_kg"].iloc[i] == pytest.approx(r.co2e.m, rel=1e-12, abs=1e-300)
        for gas in ("CO2", "CH4", "N2O"):
            got = out[f"{gas}_kg"].iloc[i]
            if gas in r.by_gas:
                assert got == pytest.approx(r.by_gas[gas].m, rel=1e-12, abs=1e-300)
            else:
                assert math.isnan(got)
        # the ids name exactly the factor values of the row's trace, and attrs holds each one
        traced = {f"{fs.id}:{t.fuel + '.' if t.fuel else ''}{t.name}" for t in r.factors}
        named = set()
        for column in ("CO2_factors", "CH4_factors", "N2O_factors", "CO2e_factors"):
            named |= {x for x in str(out[column].iloc[i]).split("; ") if x}
        assert named == traced
        assert named <= set(out.attrs["factors"])


def test_published_figures_of_the_award_table(award) -> None:  # type: ignore[no-untyped-def]
    """award-form-2015 附表2: diesel 2.61 kg CO2/L (2,610 kg per 公秉); electricity 0.522 kg CO2/kWh (102年)."""
    df = pd.DataFrame({"fuel": ["柴油", "O05", "電"], "amount": [1000.0, 2.0, 1000.0], "unit": ["L", "公秉", "度"]})
    out = emissions.frame(df, award)
    assert out["CO2_kg"].tolist() == pytest.approx([2610.0, 5220.0, 522.0], rel=1e-12)
    assert out["CO2e_kg"].tolist() == pytest.approx([2610.0, 5220.0, 522.0], rel=1e-12)
    # 附表2 has no CH4 or N2O factors: NaN in those columns, not zero, and not in CO2e
    assert out["CH4_kg"].isna().all() and out["N2O_kg"].isna().all()
    assert out.loc[0, "CO2_factors"] == "ntpc-award-2015:diesel.recommended"
    trace = out.attrs["factors"]["ntpc-award-2015:diesel.recommended"]
    assert trace["value"] == 2.61 and trace["unit"] == "kg/L" and "附表2" in trace["citation"]
    assert out.attrs["factor_set"] == "ntpc-award-2015"


def test_grid_factor_by_row_year(current) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame(
        {"fuel": ["electricity"] * 2, "unit": ["kWh", "MWh"], "amount": [1000.0, 1.0], "year": [2013, 2024]}
    )
    out = emissions.frame(df, current)
    expected = [1000 * current.grid_factor(2013).m_as("kg/kWh"), 1000 * current.grid_factor(2024).m_as("kg/kWh")]
    assert out["CO2e_kg"].tolist() == pytest.approx(expected, rel=1e-12)
    assert out["CO2e_factors"].tolist() == ["tw-2024:grid_factors.2013", "tw-2024:grid_factors.2024"]
    assert out[["CO2_kg", "CH4_kg", "N2O_kg"]].isna().all().all()


def test_mobile_diesel_by_hand(current) -> None:  # type: ignore[no-untyped-def]
    """1,000 L of diesel in vehicles, by hand from the set's heat value, per-TJ factors and AR5 GWPs."""
    d = current.fuel("diesel")
    hv = d.heat_value.quantity.m_as("kcal/L")
    tj = 1000 * hv * 4.1868e3 / 1e12  # kcal -> J -> TJ (IT calorie)
    assert hv == 8629 and d.recommended is None  # tw-2024: CO2 from the heat value too
    co2, ch4, n2o = tj * 74_100, tj * 3.9, tj * 3.9  # MOENV 2024, mobile diesel [kg/TJ]
    out = emissions.frame(
        pd.DataFrame({"fuel": ["diesel"], "unit": ["L"], "amount": [1000.0], "use": ["mobile"]}), current
    )
    assert out.loc[0, "CO2_kg"] == pytest.approx(co2, rel=1e-12)
    assert out.loc[0, "CH4_kg"] == pytest.approx(ch4, rel=1e-12)
    assert out.loc[0, "N2O_kg"] == pytest.approx(n2o, rel=1e-12)
    assert out.loc[0, "CO2e_kg"] == pytest.approx(co2 + 28 * ch4 + 265 * n2o, rel=1e-12)
    ar6 = emissions.frame(out[["fuel", "unit", "amount", "use"]], current, gwp="AR6")
    assert ar6.loc[0, "CO2_kg"] == out.loc[0, "CO2_kg"]
    assert ar6.loc[0, "CO2e_kg"] != out.loc[0, "CO2e_kg"]
    assert ar6.attrs["gwp"] == "AR6"


def test_strings_and_categoricals_give_the_same_result(current) -> None:  # type: ignore[no-untyped-def]
    cat = activity_rows(5_000, seed=3)
    text = cat.astype({c: object for c in ("fuel", "unit", "use")})
    a, b = emissions.frame(cat, current), emissions.frame(text, current)
    for column in emissions.FRAME_COLUMNS[:4]:
        np.testing.assert_array_equal(a[column].to_numpy(), b[column].to_numpy())  # NaN where NaN
    for column in emissions.FRAME_COLUMNS[4:]:
        assert a[column].astype(str).tolist() == b[column].astype(str).tolist()
    assert not a["CO2e_kg"].isna().any()


def test_many_categories_do_not_overflow_the_key(current) -> None:  # type: ignore[no-untyped-def]
    """Categorical codes are int8 below 128 categories and int16 above: the key must not wrap."""
    labels = [f"unused-{i}" for i in range(300)] + ["L", "kL"]
    units = pd.Categorical(["L", "kL", "L"], categories=labels)
    df = pd.DataFrame({"fuel": ["diesel"] * 3, "unit": units, "amount": [1.0, 1.0, 2.0]})
    out = emissions.frame(df, current)
    per_l = emissions.co2(Q_(1.0, "L"), "diesel", current).m
    assert out["CO2_kg"].tolist() == pytest.approx([per_l, 1000 * per_l, 2 * per_l], rel=1e-12)


def test_input_is_left_alone_and_index_kept(current) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame({"fuel": ["diesel", "lpg"], "unit": ["L", "L"], "amount": [10.0, 20.0]}, index=["a", "b"])
    before = df.copy()
    out = emissions.frame(df, current)
    pd.testing.assert_frame_equal(df, before)
    assert list(out.index) == ["a", "b"]
    assert list(out.columns) == [*df.columns, *emissions.FRAME_COLUMNS]
    again = emissions.frame(out, current)  # recomputing replaces the columns instead of doubling them
    assert list(again.columns) == list(out.columns)


def test_empty_frame_has_the_columns(current) -> None:  # type: ignore[no-untyped-def]
    """Dask computes its meta from an empty partition."""
    out = emissions.frame(activity_rows(0, seed=0), current)
    assert len(out) == 0
    assert all(out[c].dtype == np.float64 for c in emissions.FRAME_COLUMNS[:4])
    assert all(isinstance(out[c].dtype, pd.CategoricalDtype) for c in emissions.FRAME_COLUMNS[4:])


def test_a_factor_set_with_cached_combinations_pickles(current) -> None:  # type: ignore[no-untyped-def]
    df = activity_rows(100, seed=1)
    first = emissions.frame(df, current)
    clone = pickle.loads(pickle.dumps(current))
    np.testing.assert_array_equal(emissions.frame(df, clone)["CO2e_kg"].to_numpy(), first["CO2e_kg"].to_numpy())


@pytest.mark.parametrize(
    ("df", "kwargs", "error", "words"),
    [
        (
            pd.DataFrame({"fuel": ["diesel"], "amount": [1.0]}),
            {},
            InvalidValueError,
            ["unit column 'unit'", "unit=..."],
        ),
        (
            pd.DataFrame({"f": ["diesel"], "amount": [1.0], "unit": ["L"]}),
            {},
            InvalidValueError,
            ["fuel column 'fuel'"],
        ),
        (
            pd.DataFrame({"fuel": ["diesel", "diesel"], "amount": [1.0, -5.0], "unit": ["L", "L"]}, index=[10, 11]),
            {},
            InvalidValueError,
            ["row 11", "-5.0", "non-negative"],
        ),
        (
            pd.DataFrame({"fuel": ["diesel"], "amount": [float("nan")], "unit": ["L"]}),
            {},
            InvalidValueError,
            ["row 0", "nan"],
        ),
        (pd.DataFrame({"fuel": ["diesel"], "amount": ["ten"], "unit": ["L"]}), {}, InvalidValueError, ["numbers"]),
        (
            pd.DataFrame(
                {"fuel": ["diesel", "unobtainium"], "amount": [1.0, 1.0], "unit": ["L", "kg"]}, index=["x", "y"]
            ),
            {},
            FactorNotFoundError,
            ["row 'y'", "unobtainium"],
        ),
        (
            pd.DataFrame({"fuel": ["diesel", "diesel"], "amount": [1.0, 1.0], "unit": ["L", "kWh/furlong"]}),
            {},
            UnitsError,
            ["row 1", "kWh/furlong"],
        ),
        (
            pd.DataFrame({"fuel": ["diesel"], "amount": [1.0], "unit": ["kW"]}),
            {},
            UnitsError,
            ["row 0", "diesel"],
        ),
        (
            pd.DataFrame({"fuel": ["electricity"], "amount": [1.0], "unit": ["kWh"]}),
            {},
            FactorNotFoundError,
            ["row 0", "'year' column"],
        ),
        (
            pd.DataFrame({"fuel": ["electricity"], "amount": [1.0], "unit": ["kWh"], "year": ["soon"]}),
            {},
            InvalidValueError,
            ["row 0", "'soon'"],
        ),
        (
            pd.DataFrame({"fuel": ["electricity"], "amount": [1.0], "unit": ["kWh"], "year": [2030]}),
            {},
            FactorNotFoundError,
            ["row 0", "2030"],
        ),
        (
            pd.DataFrame({"fuel": [None], "amount": [1.0], "unit": ["L"]}),
            {},
            FactorNotFoundError,
            ["row 0", "fuel cell is empty"],
        ),
        (
            pd.DataFrame({"fuel": ["diesel"], "amount": [1.0], "unit": ["L"]}),
            {"gwp": "AR9"},
            FactorNotFoundError,
            ["AR9"],
        ),
    ],
)
def test_bad_rows_are_named(current, df, kwargs, error, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error) as info:
        emissions.frame(df, current, **kwargs)
    for word in words:
        assert word in str(info.value)


def test_not_a_dataframe() -> None:
    with pytest.raises(InvalidValueError, match="pandas DataFrame"):
        emissions.frame({"fuel": ["diesel"]})  # type: ignore[arg-type]


def test_nullable_year_with_missing_cells(current) -> None:  # type: ignore[no-untyped-def]
    """A missing year is fine where no grid factor is needed (the diesel row)."""
    df = pd.DataFrame(
        {
            "fuel": ["diesel", "electricity"],
            "unit": ["L", "kWh"],
            "amount": [10.0, 1000.0],
            "year": pd.array([None, 2023], dtype="Int64"),
        }
    )
    out = emissions.frame(df, current)
    assert out.loc[1, "CO2e_kg"] == pytest.approx(1000 * 0.494)  # 2023 grid factor
    assert out.loc[0, "CO2e_kg"] == pytest.approx(emissions.emissions(Q_(10.0, "L"), "diesel", current).co2e.m)


def test_year_acceptance_does_not_depend_on_what_came_before() -> None:
    fs = factors.load("tw-2024")  # the rows use natural_gas, one fuel in tw-2024 (NG1 or NG2 in tw-2025)
    seen = pd.DataFrame({"fuel": ["electricity"], "unit": ["kWh"], "amount": [1.0], "year": [2023.0]})
    emissions.frame(seen, fs)  # a float year: 2023.0 is a whole year
    text = seen.assign(year=["2023.0"])  # the same text is not an AD year, before or after
    with pytest.raises(InvalidValueError, match="'2023.0'"):
        emissions.frame(text, fs)


@pytest.mark.parametrize(
    ("amounts", "words"),
    [
        ([True, False], "dtype bool"),
        (["1000", "2"], "dtype"),
    ],
)
def test_amounts_must_be_numbers_as_in_the_scalar_engines(current, amounts, words) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame({"fuel": ["diesel"] * 2, "unit": ["L"] * 2, "amount": amounts})
    with pytest.raises(InvalidValueError, match=words):
        emissions.frame(df, current)


def test_overflow_is_refused_not_infinite(current) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame({"fuel": ["diesel", "diesel"], "unit": ["L", "kL"], "amount": [1.0, 1e307]}, index=["a", "b"])
    # 1e307 kL is above the 1e30 any amount may be (units.MAX_AMOUNT): refused by row and value
    # before any product is taken, so no emission can overflow to an infinity (issue 12).
    with pytest.raises(InvalidValueError, match="row 'b': amount is 1e\\+307, larger in magnitude than the 1e\\+30"):
        emissions.frame(df, current)


def test_duplicate_column_names_are_refused(current) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame([["diesel", "L", 1.0, 2.0]], columns=["fuel", "unit", "amount", "amount"])
    with pytest.raises(InvalidValueError, match="more than one column named 'amount'"):
        emissions.frame(df, current)


def test_unit_error_speaks_of_the_unit(current) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame({"fuel": ["diesel"], "unit": ["kW"], "amount": [750.0]})
    with pytest.raises(UnitsError) as info:
        emissions.frame(df, current)
    message = str(info.value)
    assert "unit 'kW'" in message and "diesel" in message and "1.0 kW" not in message
