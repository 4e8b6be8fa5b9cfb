"""Monte Carlo propagation of activity and factor uncertainty to an inventory's total."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pint

from .._display import HtmlRepr
from ..errors import InvalidValueError, UnitsError
from ..periods import _shown
from ..units import fraction
from .compute import SECTORS, Inventory

__all__ = ["UncertaintyResult", "uncertainty"]


@dataclass(frozen=True)
class UncertaintyResult(HtmlRepr):
    """The distribution of the total [t CO2e]: mean, 2.5 % and 97.5 % quantiles, the samples' count."""

    mean: float
    low: float
    high: float
    samples: int

    def __repr__(self) -> str:
        return f"UncertaintyResult({self.mean:,.3f} t CO2e, 95 % interval {self.low:,.3f} to {self.high:,.3f})"


_MAX_SAMPLES = 5_000_000  # samples x records float64 draws: far beyond this the memory runs out first


def _relative(value: object, name: str) -> float:
    """One relative spread as a float: a real number or a dimensionless Quantity (5 %), not a str."""
    if isinstance(value, (np.ndarray, pint.Quantity)) and np.ndim(value) != 0:
        raise InvalidValueError(f"{name} must be one number, got an array of shape {np.shape(value)}")
    try:
        f = float(fraction(value, name))
    except UnitsError as exc:  # a str, a bool, None, a Decimal: not a fraction
        raise InvalidValueError(str(exc)) from None
    except OverflowError:
        raise InvalidValueError(f"{name} must be a relative spread, got {_shown(value)} (beyond float range)") from None
    if not math.isfinite(f):
        raise InvalidValueError(f"{name} must be a finite relative spread, got {f!r}")
    return f


def _check_keys(spec: object, name: str, known: Iterable[str]) -> None:
    """Refuse a key of a per-source mapping that names no emission source (a typo would count as 0)."""
    if not isinstance(spec, Mapping):
        return
    valid = sorted(known)
    for key in spec:
        if key not in valid:
            close = difflib.get_close_matches(key, valid, n=1) if isinstance(key, str) else []
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InvalidValueError(
                f"{name} has the key {_shown(key)}, which is not an emission source{hint}; the sources are "
                f"{', '.join(valid)} (a source not given has no uncertainty)"
            )
    for key in spec:
        _spread(spec, key, name)  # every value checked, whether or not this inventory has the source


def _spread(spec: float | tuple[float, float] | Mapping[str, Any], key: str, name: str) -> tuple[str, float, float]:
    value: Any = spec.get(key, 0.0) if isinstance(spec, Mapping) else spec
    where = f"{name}[{key!r}]" if isinstance(spec, Mapping) else name
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise InvalidValueError(
                f"{where} range must be two relative numbers (low, high), e.g. (0.05, 0.10), got {_shown(value)}"
            )
        low, high = _relative(value[0], f"{where}[0]"), _relative(value[1], f"{where}[1]")
        if not (0 <= low <= 1 and high >= 0):
            raise InvalidValueError(f"{where} range must be relative, e.g. (0.05, 0.10), got {_shown(value)}")
        return "uniform", -low, high
    sd = _relative(value, where)
    if not (0 <= sd < 1):
        raise InvalidValueError(f"{where} must be a relative standard deviation in [0, 1), got {_shown(value)}")
    return "normal", sd, sd


def uncertainty(
    inventory: Inventory,
    *,
    activity: float | tuple[float, float] | Mapping[str, Any] = 0.0,
    factors: float | tuple[float, float] | Mapping[str, Any] = 0.0,
    samples: int = 10_000,
    seed: int = 0,
) -> UncertaintyResult:
    """Propagate relative uncertainty of activity data and factors to the total (Monte Carlo).

    Each record's activity varies by one draw shared by all its gases; each factor (source × gas)
    varies by one draw shared by every line that uses it, so a factor error is not averaged away.
    government-inventory's principle of accuracy (準確性) asks to reduce uncertainty where feasible; this shows how
    large it is.

    Parameters
    ----------
    inventory : Inventory
        A computed inventory (market-based scope 2 lines are left out).
    activity, factors : float, (low, high), or mapping of source to either
        A relative standard deviation (0.05 = 5 %, normal), or a relative range (0.05, 0.10) meaning
        −5 % to +10 % (uniform); a mapping gives one per source (``purchased_electricity``,
        ``mobile_combustion`` ...: the keys of ``SECTORS`` or a source of the inventory's lines),
        others 0. A key that names no source is an error (a misspelt key would give its source no
        uncertainty, unseen).
    samples : int, default 10,000
        Number of Monte Carlo draws, 100 to 5,000,000.
    seed : int, default 0
        The result is reproducible for a seed (a non-negative int).

    Returns
    -------
    UncertaintyResult
        Mean and the 95 % interval of the total [t CO2e].

    Raises
    ------
    InvalidValueError
        If *inventory* is not an Inventory; for fewer than 100 or more than 5,000,000 samples, a
        *seed* that is not a non-negative int (a float, a negative number, None), a standard
        deviation outside [0, 1) or not a number (a str), an invalid range, or a key of *activity*
        or *factors* that is not an emission source (the message lists them, with the nearest).

    Examples
    --------
    >>> from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compute
    >>> tree = OrgTree([Organisation(id="a", name="A")])
    >>> rec = ActivityRecord(org="a", year=2024, kind="electricity", amount={"value": 1e6, "unit": "kWh"})
    >>> uncertainty(compute(tree, [rec], year=2024), activity=0.05, samples=20_000, seed=1)
    UncertaintyResult(473.732 t CO2e, 95 % interval 427.891 to 520.283)
    """
    if not isinstance(inventory, Inventory):
        raise InvalidValueError(
            f"inventory must be an Inventory (from inventory.compute), got {type(inventory).__name__}"
        )
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or not 100 <= samples <= _MAX_SAMPLES:
        raise InvalidValueError(
            f"samples must be an int from 100 to {_MAX_SAMPLES:,}, got {type(samples).__name__} {_shown(samples)}"
        )
    samples = int(samples)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidValueError(f"seed must be a non-negative int, got {type(seed).__name__} {_shown(seed)}")
    sources = set(SECTORS) | {ln.source for ln in inventory.lines}
    for spec, name in ((activity, "activity"), (factors, "factors")):
        _check_keys(spec, name, sources)
        if not isinstance(spec, Mapping):
            _spread(spec, "", name)  # checked even when there is no line to draw for
    lines = [ln for ln in inventory.lines if ln.scope2_method != "market"]
    if not lines:
        return UncertaintyResult(0.0, 0.0, 0.0, samples)
    co2e = np.array([ln.co2e_kg for ln in lines]) / 1000
    records = sorted({ln.record for ln in lines})
    rec_index = np.searchsorted(records, [ln.record for ln in lines])
    keys = sorted({(ln.source, ln.gas) for ln in lines})
    key_index = np.array([keys.index((ln.source, ln.gas)) for ln in lines])
    rec_source = {ln.record: ln.source for ln in lines}
    rng = np.random.default_rng(seed)

    def draws(spec: Any, labels: list[str], name: str) -> Any:
        out = np.empty((samples, len(labels)))
        for j, label in enumerate(labels):
            kind, a, b = _spread(spec, label, name)
            out[:, j] = rng.normal(0.0, a, samples) if kind == "normal" else rng.uniform(a, b, samples)
        return 1.0 + out

    act = draws(activity, [rec_source[r] for r in records], "activity")
    fac = draws(factors, [k[0] for k in keys], "factors")
    totals = (act[:, rec_index] * fac[:, key_index]) @ co2e
    low, high = np.quantile(totals, [0.025, 0.975])
    return UncertaintyResult(float(totals.mean()), float(low), float(high), samples)
