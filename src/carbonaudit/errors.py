"""Errors and findings.

Every error carbonaudit raises on bad input is a :class:`CarbonAuditError`, itself a
:class:`ValueError`, so ``except ValueError`` keeps working for callers who do not care about the
difference. Messages name the argument, the value given and what was expected.

Soft problems that the official forms ask a user to explain (an EUI change over 10 %, a factor set
that disagrees with itself) are not raised: checks return them as :class:`Finding` objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "CarbonAuditError",
    "DataFileError",
    "DeclarationError",
    "FactorNotFoundError",
    "Finding",
    "InvalidValueError",
    "PeriodError",
    "Severity",
    "UnitsError",
]


class CarbonAuditError(ValueError):
    """Base class of every error carbonaudit raises on bad input."""


class UnitsError(CarbonAuditError):
    """A bare number where a Quantity is expected, or a Quantity of the wrong dimension."""


class FactorNotFoundError(CarbonAuditError, LookupError):
    """A fuel, factor set, year or factor value that the data does not have."""


class DataFileError(CarbonAuditError):
    """A data file (``factors.yaml``, a user's factor file) that cannot be read or fails validation.

    The message names the file, the factor set and entry (by id), the field and the problem.
    """


class DeclarationError(CarbonAuditError):
    """A declaration that cannot be read or is inconsistent beyond what findings can report."""


class PeriodError(CarbonAuditError):
    """An invalid year, month, ROC/AD date or period."""


class InvalidValueError(CarbonAuditError):
    """A value of the right kind but outside what the calculation accepts (negative, NaN, ...)."""


Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A soft problem found by a check, for the user to explain or fix.

    Parameters
    ----------
    code : str
        Stable machine-readable identifier, e.g. ``"factors.recommended_mismatch"``.
    severity : {"info", "warning", "error"}
        ``"error"`` means a published rule is broken; ``"warning"`` that the forms ask for an
        explanation; ``"info"`` is a remark.
    path : str
        Where the problem is, as a dotted path (``"ntpc-award-2015.fuels.diesel.recommended"``).
    message : str
        One sentence naming the value found and what was expected.
    context : dict
        Values behind the message (found, expected, tolerance, ...), for programs.
    message_zh : str
        The message in Traditional Chinese, where the check provides one.
    """

    code: str
    severity: Severity
    path: str
    message: str
    context: dict[str, Any] = field(default_factory=dict, compare=False)
    message_zh: str = field(default="", compare=False)

    def model_dump(self) -> dict[str, Any]:
        """Return the finding as a plain, JSON-serialisable dict."""
        return asdict(self)

    def __str__(self) -> str:
        return f"[{self.severity}] {self.path}: {self.message}"
