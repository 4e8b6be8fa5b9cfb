"""What changed between two factor sets: value, unit, source, table, status and note of every value."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, overload

from .._optional import require
from ..errors import InvalidValueError
from .models import FactorSet, FactorValue

if TYPE_CHECKING:
    import pandas as pd

_FIELDS = ("value", "unit", "source", "table", "status", "note")
_SET_FIELDS = ("oil_equivalent", "default_gwp")


@dataclass(frozen=True)
class FactorChange:
    """One value that differs between two factor sets.

    Attributes
    ----------
    path : str
        Where the value sits in a set: ``"grid_factors.2025"``, ``"fuels.diesel.heat_value"``,
        ``"fuels.diesel.per_tj.stationary.CH4"``, or a setting of the set (``"default_gwp"``).
    change : {"added", "removed", "changed"}
        In the second set only, in the first only, or in both with a difference.
    old, new : FactorValue or str, optional
        The value in the first and in the second set (None where it is absent); a setting of
        the set is its text.
    fields : tuple of str
        For ``"changed"``, which of value, unit, source, table, status and note differ.
    """

    path: str
    change: Literal["added", "removed", "changed"]
    old: FactorValue | str | None
    new: FactorValue | str | None
    fields: tuple[str, ...] = ()

    def __str__(self) -> str:
        which = f" [{', '.join(self.fields)}]" if self.change == "changed" else ""
        return f"{self.path}: {_shown(self.old)} -> {_shown(self.new)}{which}"


def _shown(v: FactorValue | str | None) -> str:
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    cited = f"{v.source}, {v.table}" if v.table else v.source
    return f"{v.value:g} {v.unit} ({v.status}; {cited})"


class FactorDiff(Sequence[FactorChange]):
    """The changes from factor set *old* to *new*, in the order of the sets' values.

    A sequence of :class:`FactorChange`; ``str()`` is a table, :meth:`to_frame` a DataFrame.
    Made by :func:`carbonaudit.factors.diff`.
    """

    def __init__(self, old: str, new: str, changes: Sequence[FactorChange]) -> None:
        self.old = old
        self.new = new
        self._changes = tuple(changes)

    @overload
    def __getitem__(self, index: int) -> FactorChange: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[FactorChange]: ...
    def __getitem__(self, index: int | slice) -> FactorChange | Sequence[FactorChange]:
        return self._changes[index]

    def __len__(self) -> int:
        return len(self._changes)

    def __iter__(self) -> Iterator[FactorChange]:
        return iter(self._changes)

    def __repr__(self) -> str:
        counts = {c: sum(1 for x in self._changes if x.change == c) for c in ("changed", "added", "removed")}
        return (
            f"FactorDiff({self.old!r} -> {self.new!r}: {counts['changed']} changed, {counts['added']} added, "
            f"{counts['removed']} removed)"
        )

    def __str__(self) -> str:
        if not self._changes:
            return f"{self.old} and {self.new} hold the same values"
        lines = [f"{self.old} -> {self.new}"]
        lines += [f"  {c.change:<8} {c}" for c in self._changes]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """The changes as a DataFrame: one row per path, old and new value, unit, source, table, status, note.

        Requires pandas (``pip install "carbonaudit[pandas]"``).
        """
        pandas = require("pandas", "FactorDiff.to_frame")

        rows: list[dict[str, Any]] = []
        for c in self._changes:
            row: dict[str, Any] = {"path": c.path, "change": c.change, "fields": ", ".join(c.fields)}
            for side, v in (("old", c.old), ("new", c.new)):
                for name in _FIELDS:
                    if isinstance(v, FactorValue):
                        row[f"{side}_{name}"] = getattr(v, name)
                    elif name == "value":
                        row[f"{side}_{name}"] = v
                    else:
                        row[f"{side}_{name}"] = None
            rows.append(row)
        columns = ["path", "change", "fields"] + [f"{s}_{n}" for n in _FIELDS for s in ("old", "new")]
        frame: pd.DataFrame = pandas.DataFrame(rows, columns=columns)
        return frame


def diff(old: FactorSet, new: FactorSet) -> FactorDiff:
    """What changed from factor set *old* to *new*: every value added, removed or changed.

    Values are compared by their path in the set (grid factors by year, and by category where a
    year has several; each fuel's heat value, density, carbon factor, recommended factor and
    per-TJ factors by use and gas) on value, unit, source, table, status and note; the sets'
    oil-equivalent basis and GWP set are compared too. For the routine of adding a new activity
    year, see the docs page *Maintaining the factor data*.

    Parameters
    ----------
    old, new : FactorSet
        The sets to compare (e.g. ``factors.load("tw-2024")`` and ``factors.load("tw-2025")``).

    Returns
    -------
    FactorDiff
        The changes, in the order of *old*'s values, then the values only *new* has.

    Raises
    ------
    InvalidValueError
        If *old* or *new* is not a FactorSet.

    Examples
    --------
    >>> from carbonaudit import Q_, factors
    >>> old = factors.load("tw-2024")
    >>> d = factors.diff(old, old.with_overrides(grid_factors={2024: Q_(0.5, "kg/kWh")}))
    >>> print(d)
    tw-2024 -> tw-2024+user
      changed  grid_factors.2024: 0.474 kg/kWh (secondary; tw-grid-series) -> 0.5 kg/kWh (user; user) [value, source, status]
    """
    for name, fs in (("old", old), ("new", new)):
        if not isinstance(fs, FactorSet):
            raise InvalidValueError(
                f"{name} must be a FactorSet (carbonaudit.factors.load(...)), got {type(fs).__name__} {fs!r}"
            )
    a = dict(old._values())
    b = dict(new._values())
    changes: list[FactorChange] = []
    for name in _SET_FIELDS:
        x, y = getattr(old, name), getattr(new, name)
        if x != y:
            changes.append(FactorChange(name, "changed", x, y, ("value",)))
    for path, fv in a.items():
        other = b.get(path)
        if other is None:
            changes.append(FactorChange(path, "removed", fv, None))
            continue
        fields = tuple(f for f in _FIELDS if getattr(fv, f) != getattr(other, f))
        if fields:
            changes.append(FactorChange(path, "changed", fv, other, fields))
    changes += [FactorChange(path, "added", None, fv) for path, fv in b.items() if path not in a]
    return FactorDiff(old.id, new.id, changes)
