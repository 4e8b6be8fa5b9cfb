"""carbonaudit: unit-aware calculations for Taiwan's energy-audit declarations and GHG inventories.

The top level gives the unit registry (:data:`ureg`, :data:`Q_`), the errors, the period and
formatting helpers; the engines are topic modules, imported on first use so that
``import carbonaudit`` stays cheap::

    from carbonaudit import Q_, emissions, energy, factors
    fs = factors.load()
    emissions.co2(Q_(1000, "L"), "O05", fs)

See the README and ``docs/`` for the official documents each module implements.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    CarbonAuditError,
    DataFileError,
    DeclarationError,
    FactorNotFoundError,
    Finding,
    InvalidValueError,
    PeriodError,
    UnitsError,
)
from .formatting import format_percent, round_half_up
from .periods import YearMonth, YearMonthRange, ad_to_roc, roc_to_ad
from .units import Q_, parse_unit, ureg

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from . import (
        building,
        chiller,
        declaration,
        electrical,
        emissions,
        energy,
        factors,
        fee,
        formatting,
        inventory,
        measure_codes,
        periods,
        plot,
        production,
        rates,
        savings,
        units,
    )

__all__ = [
    "CarbonAuditError",
    "DataFileError",
    "DeclarationError",
    "FactorNotFoundError",
    "Finding",
    "InvalidValueError",
    "PeriodError",
    "Q_",
    "UnitsError",
    "YearMonth",
    "YearMonthRange",
    "__version__",
    "ad_to_roc",
    "building",
    "chiller",
    "declaration",
    "electrical",
    "emissions",
    "energy",
    "factors",
    "fee",
    "format_percent",
    "formatting",
    "inventory",
    "measure_codes",
    "parse_unit",
    "periods",
    "plot",
    "production",
    "rates",
    "roc_to_ad",
    "round_half_up",
    "savings",
    "units",
    "ureg",
]

# Engine modules load on first attribute access (PEP 562): pydantic and the factor models are
# not needed to build Quantities, and keeping them out keeps `import carbonaudit` near pint's cost.
_LAZY = {
    "declaration",
    "inventory",
    "building",
    "chiller",
    "electrical",
    "emissions",
    "energy",
    "factors",
    "fee",
    "measure_codes",
    "plot",
    "production",
    "rates",
    "savings",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'carbonaudit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
