"""Factor sets: fuels, heat values, emission factors, grid factors, GWPs, oil equivalent.

All of them are read from ``data/factors.yaml`` (shipped inside the package), validated by the
pydantic models of ``carbonaudit.factors.models``, and cached: a set is parsed once per
process and is immutable.

For example:

>>> from carbonaudit import factors
>>> [s["id"] for s in factors.available()]
['tw-2024', 'ntpc-award-2015']
>>> fs = factors.load()            # the default (current) set
>>> fs.fuel("O05").name_en
'Gas/diesel oil'
"""

from __future__ import annotations

from ._checks import check
from ._diff import FactorChange, FactorDiff, diff
from ._loader import available, from_file, inventory_data, load, rules
from .models import (
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
    "from_file",
    "inventory_data",
    "load",
    "rules",
]
