"""factors.diff: what changed between two factor sets, checked against changes made by hand."""

from __future__ import annotations

import pytest

from carbonaudit import Q_, InvalidValueError, factors
from carbonaudit.factors import FactorChange, FactorDiff

OLD = factors.load("tw-2024")


def test_a_set_against_itself_has_no_change():
    d = factors.diff(OLD, OLD)
    assert isinstance(d, FactorDiff) and len(d) == 0 and list(d) == []
    assert str(d) == "tw-2024 and tw-2024 hold the same values"
    assert repr(d) == "FactorDiff('tw-2024' -> 'tw-2024': 0 changed, 0 added, 0 removed)"


def test_changed_added_and_removed_values_by_hand():
    # grid 2024 replaced (0.474 -> 0.5 kg/kWh, status user), a 2026 grid factor added, diesel's heat
    # value replaced: three changes; the reverse diff has the 2026 factor removed
    new = OLD.with_overrides(
        grid_factors={2024: Q_(500, "g/kWh"), 2026: Q_(0.45, "kg/kWh")},
        heat_values={"diesel": Q_(8_636, "kcal/L")},
    )
    d = factors.diff(OLD, new)
    assert [(c.path, c.change) for c in d] == [
        ("grid_factors.2024", "changed"),
        ("fuels.diesel.heat_value", "changed"),
        ("grid_factors.2026", "added"),
    ]
    grid = d[0]
    assert (grid.old.value, grid.new.value) == (0.474, 0.5)  # 500 g/kWh = 0.5 kg/kWh
    assert grid.fields == ("value", "source", "status")  # the unit is kg/kWh on both sides
    assert d[1].new.value == 8_636.0 and d[1].old.value == 8_629.0
    assert d[2].old is None and d[2].new.value == 0.45 and d[2].fields == ()
    back = factors.diff(new, OLD)  # in the order of the first set's values
    assert [(c.path, c.change) for c in back] == [
        ("grid_factors.2024", "changed"),
        ("grid_factors.2026", "removed"),
        ("fuels.diesel.heat_value", "changed"),
    ]
    assert str(back[1]) == "grid_factors.2026: 0.45 kg/kWh (user; user) -> -"
    assert str(back[0]) == "grid_factors.2024: 0.5 kg/kWh (user; user) -> 0.474 kg/kWh (secondary; tw-grid-series) [value, source, status]"
    assert repr(d) == "FactorDiff('tw-2024' -> 'tw-2024+user': 2 changed, 1 added, 0 removed)"


def test_a_note_alone_is_a_change():
    fv = OLD.grid_factors[2024]
    changed = OLD.model_copy(update={"grid_factors": {**OLD.grid_factors, 2024: fv.model_copy(update={"note": "x"})}})
    [c] = factors.diff(OLD, changed)
    assert (c.path, c.change, c.fields) == ("grid_factors.2024", "changed", ("note",))


def test_settings_of_the_set_are_compared():
    award = factors.load("ntpc-award-2015")
    d = factors.diff(OLD, award)
    assert d[0] == FactorChange("oil_equivalent", "changed", "tw-final-860", "tw-primary-2236", ("value",))
    # diesel's stationary CO2 is 74,100 kg/TJ in both, from two documents
    co2 = next(c for c in d if c.path == "fuels.diesel.per_tj.stationary.CO2")
    assert co2.fields == ("source", "table")


def test_to_frame_columns_and_values():
    pytest.importorskip("pandas")
    new = OLD.with_overrides(grid_factors={2024: Q_(0.5, "kg/kWh")})
    frame = factors.diff(OLD, new).to_frame()
    assert list(frame.columns) == [
        "path", "change", "fields",
        "old_value", "new_value", "old_unit", "new_unit", "old_source", "new_source",
        "old_table", "new_table", "old_status", "new_status", "old_note", "new_note",
    ]  # fmt: skip
    row = frame.iloc[0].to_dict()
    assert row["path"] == "grid_factors.2024" and row["fields"] == "value, source, status"
    assert (row["old_value"], row["new_value"], row["old_status"], row["new_status"]) == (0.474, 0.5, "secondary", "user")
    assert (row["old_source"], row["new_source"]) == ("tw-grid-series", "user")


@pytest.mark.parametrize("bad", [None, "tw-2024", 1])
def test_only_factor_sets_are_compared(bad):
    with pytest.raises(InvalidValueError, match=r"^new must be a FactorSet \(carbonaudit\.factors\.load\(\.\.\.\)\), got "):
        factors.diff(OLD, bad)
    with pytest.raises(InvalidValueError, match=r"^old must be a FactorSet"):
        factors.diff(bad, OLD)
