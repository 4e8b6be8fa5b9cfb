"""Monte Carlo propagation of activity and factor uncertainty to an inventory's total."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._display import HtmlRepr
from ..errors import InvalidValueError
from .compute import Inventory

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


def _spread(spec: float | tuple[float, float] | Mapping[str, Any], key: str, name: str) -> tuple[str, float, float]:
    value: Any = spec.get(key, 0.0) if isinstance(spec, Mapping) else spec
    if isinstance(value, tuple):
        low, high = value
        if not (0 <= low <= 1 and high >= 0):
            raise InvalidValueError(f"{name}[{key!r}] range must be relative, e.g. (0.05, 0.10), got {value!r}")
        return "uniform", -low, high
    sd = float(value)
    if not (0 <= sd < 1):
        raise InvalidValueError(f"{name}[{key!r}] must be a relative standard deviation in [0, 1), got {value!r}")
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
    Seed 000's principle of accuracy (準確性) asks to reduce uncertainty where feasible; this shows how
    large it is.

    Parameters
    ----------
    inventory : Inventory
        A computed inventory (market-based scope 2 lines are left out).
    activity, factors : float, (low, high), or mapping of source to either
        A relative standard deviation (0.05 = 5 %, normal), or a relative range (0.05, 0.10) meaning
        −5 % to +10 % (uniform); a mapping gives one per source (``purchased_electricity``,
        ``mobile_combustion`` ...), others 0.
    samples : int, default 10,000
        Number of Monte Carlo draws, at least 100.
    seed : int, default 0
        The result is reproducible for a seed (a non-negative int).

    Returns
    -------
    UncertaintyResult
        Mean and the 95 % interval of the total [t CO2e].

    Raises
    ------
    InvalidValueError
        For fewer than 100 samples, a *seed* that is not a non-negative int (a float, a negative
        number, None), a standard deviation outside [0, 1) or an invalid range.

    Examples
    --------
    >>> from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compute
    >>> tree = OrgTree([Organisation(id="a", name="A")])
    >>> rec = ActivityRecord(org="a", year=2024, kind="electricity", amount={"value": 1e6, "unit": "kWh"})
    >>> uncertainty(compute(tree, [rec], year=2024), activity=0.05, samples=20_000, seed=1)
    UncertaintyResult(473.732 t CO2e, 95 % interval 427.891 to 520.283)
    """
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 100:
        raise InvalidValueError(f"samples must be an int of at least 100, got {samples!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidValueError(f"seed must be a non-negative int, got {type(seed).__name__} {seed!r}")
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
