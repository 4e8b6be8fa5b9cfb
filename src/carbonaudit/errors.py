"""Errors and findings.

Every error carbonaudit raises on bad input is a :class:`CarbonAuditError`, itself a
:class:`ValueError`, so ``except ValueError`` keeps working for callers who do not care about the
difference. Messages name the argument, the value given and what was expected.

Soft problems that the official forms ask a user to explain (an EUI change over 10 %, a factor set
that disagrees with itself) are not raised: checks return them as :class:`Finding` objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, SupportsIndex, overload

from typing_extensions import Self

__all__ = [
    "CarbonAuditError",
    "DataFileError",
    "DeclarationError",
    "FactorNotFoundError",
    "Finding",
    "Findings",
    "InvalidValueError",
    "MissingDependencyError",
    "PeriodError",
    "Severity",
    "UnitsError",
]


class CarbonAuditError(ValueError):
    """Base class of every error carbonaudit raises on bad input.

    Parameters
    ----------
    message : str
        What is wrong: the argument, the value given and what was expected.
    python : str, optional
        The fix in Python's terms (an argument or a function to call). ``str(error)`` is the
        message followed by it.
    cli : str, optional
        The same fix in the command line's terms (an option such as ``--year``). The command line
        prints the message followed by this instead of *python*, so that it never advises a
        Python call a shell user cannot make.

    Examples
    --------
    >>> from carbonaudit.errors import CarbonAuditError
    >>> e = CarbonAuditError("no heat value for coke", python="give heat_value=", cli="give --heat-value")
    >>> str(e)
    'no heat value for coke; give heat_value='
    >>> e.for_cli()
    'no heat value for coke; give --heat-value'
    """

    def __init__(self, message: str = "", *, python: str | None = None, cli: str | None = None) -> None:
        self.message = message
        self.python = python
        self.cli = cli
        super().__init__(message + (f"; {python}" if python else ""))

    def __reduce__(self) -> Any:
        # keep the two fixes through pickling (dask sends errors between processes)
        return (_rebuild_error, (type(self), self.message, self.python, self.cli))

    def within(self, where: str) -> Self:
        """The same error (same class, same fixes) with *where* put before its message.

        Used where a caller adds the row, record or group the error came from.
        """
        return type(self)(where + self.message, python=self.python, cli=self.cli)

    def for_cli(self) -> str:
        """The message as the command line prints it: with the CLI's fix, never the Python one."""
        return self.message + (f"; {self.cli}" if self.cli else "")


def _rebuild_error(cls: type[CarbonAuditError], message: str, python: str | None, cli: str | None) -> CarbonAuditError:
    error = cls.__new__(cls)
    CarbonAuditError.__init__(error, message, python=python, cli=cli)
    return error


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


class MissingDependencyError(CarbonAuditError, ImportError):
    """An optional dependency (pandas, matplotlib, dask) that a function needs is not installed.

    The message names the package and the extra that installs it (``pip install
    "carbonaudit[pandas]"``). It is an :class:`ImportError` too, so ``except ImportError`` still
    catches it.
    """


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


class Findings(list[Finding]):
    """The findings of a check: a list of :class:`Finding`, with views for people.

    It is a plain ``list`` (index it, filter it, ``==`` compares as a list); in a notebook it shows
    as a table (``_repr_html_``), ``to_frame()`` gives a DataFrame, and ``errors`` / ``warnings``
    select by severity. Returned by :func:`carbonaudit.declaration.validate` and the other checks
    of the forms' rules (non-production-form-2025 附表三; production-declaration-2018).

    Examples
    --------
    >>> from carbonaudit.errors import Finding, Findings
    >>> found = Findings([Finding("rates.target_met", "info", "savings", "saving rate 1.67 % >= 1 %")])
    >>> found
    Findings(1: 0 errors, 0 warnings, 1 info)
      [info] savings: saving rate 1.67 % >= 1 %
    >>> found.errors
    Findings(0: 0 errors, 0 warnings, 0 info)
    """

    @overload
    def __getitem__(self, index: SupportsIndex) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> Findings: ...

    def __getitem__(self, index: SupportsIndex | slice) -> Finding | Findings:
        if isinstance(index, slice):
            return Findings(super().__getitem__(index))
        return super().__getitem__(index)

    def __add__(self, other: list[Finding]) -> Findings:  # type: ignore[override]
        return Findings([*self, *other])

    def copy(self) -> Findings:
        """A shallow copy, still a :class:`Findings`."""
        return Findings(self)

    @property
    def errors(self) -> Findings:
        """The findings of severity ``"error"``: a published rule is broken."""
        return Findings(f for f in self if f.severity == "error")

    @property
    def warnings(self) -> Findings:
        """The findings of severity ``"warning"``: the forms ask for an explanation."""
        return Findings(f for f in self if f.severity == "warning")

    def _head(self) -> str:
        counts = {s: sum(f.severity == s for f in self) for s in ("error", "warning", "info")}
        return f"Findings({len(self)}: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info)"

    def __repr__(self) -> str:
        return "\n".join([self._head(), *(f"  {f}" for f in self)])

    def _repr_html_(self) -> str:
        import html

        from ._display import findings_html

        return f"<b>{html.escape(self._head())}</b>" + findings_html(self)

    def to_frame(self) -> Any:
        """The findings as a pandas DataFrame: severity, code, path, message, message_zh."""
        from ._optional import require

        pd = require("pandas", "Findings.to_frame")
        columns = ["severity", "code", "path", "message", "message_zh"]
        return pd.DataFrame([{c: getattr(f, c) for c in columns} for f in self], columns=columns)
