"""GHG inventory of organisations rolled up bottom-up (government-inventory; moenv-2024-ef).

For example:

>>> from carbonaudit import Q_
>>> from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compute
>>> tree = OrgTree([Organisation(id="team", name="盤查小組", status={2024: "complete"}),
...                 Organisation(id="a", name="A局", parent="team", status={2024: "complete"})])
>>> rec = ActivityRecord(org="a", year=2024, kind="electricity", amount={"value": 1000, "unit": "kWh"})
>>> inv = compute(tree, [rec], year=2024)
>>> inv.total()                       # 1,000 kWh x 0.474 kg/kWh = 0.474 t
0.474
"""

from __future__ import annotations

from .award import REPORTING_UNITS, AwardRow, award_summary
from .checks import YearComparison, compare_years, mixed_units, outliers
from .compute import CATEGORIES, SECTORS, Inventory, Line, compute
from .frame import compute_frame, roll_up
from .io import read_orgs, read_records
from .models import ActivityRecord, Organisation, OrgTree, ReportingStatus
from .uncertainty import UncertaintyResult, uncertainty

__all__ = [
    "CATEGORIES",
    "REPORTING_UNITS",
    "SECTORS",
    "AwardRow",
    "ActivityRecord",
    "Inventory",
    "Line",
    "OrgTree",
    "Organisation",
    "ReportingStatus",
    "UncertaintyResult",
    "YearComparison",
    "award_summary",
    "compare_years",
    "compute",
    "compute_frame",
    "mixed_units",
    "outliers",
    "read_orgs",
    "read_records",
    "roll_up",
    "uncertainty",
]
