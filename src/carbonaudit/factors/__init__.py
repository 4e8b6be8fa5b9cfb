"""Factor sets: fuels, heat values, emission factors, grid factors, GWPs, oil equivalent.

All of them are read from ``data/factors.yaml`` (shipped inside the package), validated by the
pydantic models of ``carbonaudit.factors.models``, and cached: a set is parsed once per
process and is immutable.

For example:

>>> from carbonaudit import factors
>>> [s["id"] for s in factors.available()]
['tw-2024', 'ntpc-award-2015', 'tw-2025']
>>> fs = factors.load()            # the default: the newest set
>>> fs.id, fs.fuel("O05").name_en
('tw-2025', 'Gas/diesel oil')
>>> factors.for_year(2024).id      # the set of an activity year
'tw-2024'
"""

from __future__ import annotations

from ._checks import check
from ._diff import FactorChange, FactorDiff, diff
from ._loader import available, for_year, from_file, inventory_data, load, rules
from .models import (
    GRID_CATEGORIES,
    Blend,
    FactorSet,
    FactorTrace,
    FactorValue,
    Fuel,
    GwpSet,
    OilEquivalentBasis,
    Rules,
    Source,
    Status,
)

__all__ = [
    "GRID_CATEGORIES",
    "Blend",
    "FactorChange",
    "FactorDiff",
    "FactorSet",
    "FactorTrace",
    "FactorValue",
    "Fuel",
    "GwpSet",
    "OilEquivalentBasis",
    "Rules",
    "Source",
    "Status",
    "available",
    "check",
    "diff",
    "for_year",
    "from_file",
    "inventory_data",
    "load",
    "rules",
]
