"""Validating many declaration files at once: :func:`validate_many` and its :class:`BatchResult`.

A regulator receives a folder of declarations of both forms (non-production-form-2025 附表三;
production-declaration-2018) as YAML, JSON or Excel files. :func:`validate_many` reads each with
:func:`~carbonaudit.declaration.load` and checks it with
:func:`~carbonaudit.declaration.validate` or :func:`~carbonaudit.declaration.validate_production`
(by the form the file holds). A file that cannot be read, or is not a valid declaration, is an
``"error"`` entry with the reason; it never stops the batch.
"""

from __future__ import annotations

import csv
import operator
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import CarbonAuditError, Finding, Findings, InvalidValueError

if TYPE_CHECKING:
    from ..factors import FactorSet

__all__ = ["BatchResult", "BatchSummary", "FileResult", "Skipped", "validate_many"]

DECLARATION_SUFFIXES = (".json", ".xlsm", ".xlsx", ".yaml", ".yml")
"""The file names a folder is read for (any case); other entries of the folder are listed as skipped."""

Form = Literal["non-production", "production"]
Status = Literal["clean", "findings", "error"]

REPORT_COLUMNS = ("file", "form", "status", "code", "severity", "section", "path", "message", "message_zh")
"""The columns of :meth:`BatchResult.to_csv`: one row per finding, and one per file that could not be read."""

UNREADABLE = "declaration.unreadable"
"""The code of a report row for a file that could not be read or is not a valid declaration."""


@dataclass(frozen=True)
class FileResult:
    """The outcome of one file of a batch.

    Attributes
    ----------
    path : str
        The file, as given (or as found in a folder given).
    form : {"non-production", "production"} or None
        The declaration's form (non-production-form-2025 附表三, or production-declaration-2018);
        None when the file could not be read.
    status : {"clean", "findings", "error"}
        ``"error"`` when the file could not be read or is not a valid declaration (see *error*);
        else ``"findings"`` if any finding is an error or a warning, ``"clean"`` if none is (info
        findings, such as the saving rate met, leave a file clean).
    findings : Findings
        The rules' findings (empty for an ``"error"`` entry).
    error : str or None
        Why the file could not be read: the reader's message, or each field pydantic refused with
        its path.
    """

    path: str
    form: Form | None
    status: Status
    findings: Findings = field(default_factory=Findings)
    error: str | None = None
    _error_cli: str | None = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> int:
        """Number of findings of severity ``"error"``."""
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        """Number of findings of severity ``"warning"``."""
        return sum(f.severity == "warning" for f in self.findings)

    @property
    def has_errors(self) -> bool:
        """Whether the file could not be read or has a finding of severity ``"error"``."""
        return self.status == "error" or self.errors > 0

    def model_dump(self) -> dict[str, Any]:
        """The entry as a plain, JSON-serialisable dict (the findings as :meth:`~carbonaudit.errors.Finding.model_dump`)."""
        return {
            "path": self.path,
            "form": self.form,
            "status": self.status,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.model_dump() for f in self.findings],
            "error": self.error,
        }


@dataclass(frozen=True)
class Skipped:
    """An entry of a folder that was not read: not a declaration file name, or a sub-folder."""

    path: str
    reason: str

    def model_dump(self) -> dict[str, Any]:
        """The entry as a plain dict."""
        return {"path": self.path, "reason": self.reason}


@dataclass(frozen=True)
class BatchSummary:
    """The counts of a batch.

    Attributes
    ----------
    files : int
        Files read or tried (the skipped entries not counted).
    clean : int
        Files with no error or warning finding.
    with_findings : int
        Files read whose findings include an error or a warning.
    with_errors : int
        Files that could not be read, or have a finding of severity ``"error"``.
    unreadable : int
        Files that could not be read or are not valid declarations (included in *with_errors*).
    skipped : int
        Entries of the folders given that were not read.
    findings_by_code : dict
        Number of findings of each code, over all files, by code.
    """

    files: int
    clean: int
    with_findings: int
    with_errors: int
    unreadable: int
    skipped: int
    findings_by_code: dict[str, int]

    def model_dump(self) -> dict[str, Any]:
        """The counts as a plain dict."""
        return {
            "files": self.files,
            "clean": self.clean,
            "with_findings": self.with_findings,
            "with_errors": self.with_errors,
            "unreadable": self.unreadable,
            "skipped": self.skipped,
            "findings_by_code": dict(self.findings_by_code),
        }


@dataclass(frozen=True)
class BatchResult:
    """The result of :func:`validate_many`: one :class:`FileResult` per file, in the order read.

    Attributes
    ----------
    files : tuple of FileResult
        The files, in the order of the paths given (a folder's files sorted by name).
    skipped : tuple of Skipped
        Entries of the folders given that were not read, with the reason.
    """

    files: tuple[FileResult, ...]
    skipped: tuple[Skipped, ...] = ()

    @property
    def summary(self) -> BatchSummary:
        """The counts: files, clean, with findings, with errors, unreadable, skipped, findings by code."""
        codes = Counter(f.code for r in self.files for f in r.findings)
        return BatchSummary(
            files=len(self.files),
            clean=sum(r.status == "clean" for r in self.files),
            with_findings=sum(r.status == "findings" for r in self.files),
            with_errors=sum(r.has_errors for r in self.files),
            unreadable=sum(r.status == "error" for r in self.files),
            skipped=len(self.skipped),
            findings_by_code=dict(sorted(codes.items())),
        )

    @property
    def has_errors(self) -> bool:
        """Whether any file could not be read or has a finding of severity ``"error"``."""
        return any(r.has_errors for r in self.files)

    def model_dump(self) -> dict[str, Any]:
        """The whole result as a plain, JSON-serialisable dict: summary, files, skipped."""
        return {
            "summary": self.summary.model_dump(),
            "files": [r.model_dump() for r in self.files],
            "skipped": [s.model_dump() for s in self.skipped],
        }

    def report_rows(self) -> list[dict[str, str]]:
        """The rows of :meth:`to_csv`: one per finding, one per file that could not be read.

        Each row has the ``REPORT_COLUMNS``; ``section`` is the first part of the finding's
        path (``basic`` of ``basic.meters[0]``). A file that could not be read has a row of code
        ``declaration.unreadable``, severity ``error``, with the reason as its message.
        """
        rows: list[dict[str, str]] = []
        for r in self.files:
            if r.status == "error":
                rows.append(_row(r, UNREADABLE, "error", "", r.error or "", ""))
            for f in r.findings:
                rows.append(_row(r, f.code, f.severity, f.path, f.message, f.message_zh))
        return rows

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write every finding (and every file that could not be read) to a CSV file, UTF-8.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write (replaced if it exists); columns ``REPORT_COLUMNS``.

        Raises
        ------
        DataFileError
            If the file cannot be written.
        """
        from ..errors import DataFileError

        try:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=REPORT_COLUMNS)
                writer.writeheader()
                writer.writerows(self.report_rows())
        except OSError as exc:
            raise DataFileError(f"cannot write the report {os.fspath(path)}: {exc.strerror or exc}") from exc

    def to_frame(self) -> Any:
        """One row per file: path, form, status, errors, warnings, findings, error (needs pandas)."""
        from .._optional import require

        pd = require("pandas", "BatchResult.to_frame")
        columns = ["path", "form", "status", "errors", "warnings", "findings", "error"]
        return pd.DataFrame(
            [[r.path, r.form, r.status, r.errors, r.warnings, len(r.findings), r.error] for r in self.files],
            columns=columns,
        )


def _row(r: FileResult, code: str, severity: str, path: str, message: str, message_zh: str) -> dict[str, str]:
    return {
        "file": r.path,
        "form": r.form or "",
        "status": r.status,
        "code": code,
        "severity": severity,
        "section": path.split(".")[0].split("[")[0],
        "path": path,
        "message": message,
        "message_zh": message_zh,
    }


def validate_many(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    factor_set: FactorSet | str | None = None,
    workers: int | None = None,
    recursive: bool = False,
) -> BatchResult:
    """Read and validate many declaration files of either form (YAML, JSON or Excel).

    Each file is read with :func:`~carbonaudit.declaration.load` and checked with
    :func:`~carbonaudit.declaration.validate` (non-production-form-2025 附表三) or
    :func:`~carbonaudit.declaration.validate_production` (production-declaration-2018), by the
    form it holds. A file that cannot be read or is not a valid declaration is an ``"error"``
    entry with the reason, and the batch goes on; an error of a rule itself (a bug) propagates.

    Parameters
    ----------
    paths : str, os.PathLike or iterable of them
        Files and folders. A file is read whatever its name; a folder is read for its files named
        ``*.yaml``, ``*.yml``, ``*.json``, ``*.xlsx`` and ``*.xlsm`` (any case), sorted by name; its other
        entries (other files, hidden files, sub-folders unless *recursive*) are listed in
        ``BatchResult.skipped``, never dropped silently. A path that does not exist is an
        ``"error"`` entry.
    factor_set : FactorSet or str, optional
        The factor set the rules convert with (as for :func:`~carbonaudit.declaration.validate`);
        default: each declaration's data year's.
    workers : int, optional
        Processes to validate in: None or 1 validates in this process; 2 or more starts that many
        worker processes (never more than the files), each validating a share of the files. The
        result is the same, in the same order.
    recursive : bool, default False
        Read the sub-folders of the folders given too (sorted; hidden ones skipped).

    Returns
    -------
    BatchResult
        One :class:`FileResult` per file (path, form, status, findings, error), the skipped
        entries, :attr:`~BatchResult.summary`, :meth:`~BatchResult.to_csv`,
        :meth:`~BatchResult.to_frame` and :meth:`~BatchResult.model_dump`.

    Raises
    ------
    InvalidValueError
        If *paths* is not a path or an iterable of paths, *workers* is not a whole number of at
        least 1, or *recursive* is not a bool.
    FactorNotFoundError
        If *factor_set* is text that names no shipped factor set.

    Examples
    --------
    >>> from carbonaudit import declaration
    >>> result = declaration.validate_many(["examples/office_declaration.yaml",
    ...                                     "examples/broken_declaration.yaml"])
    >>> [(r.path, r.form, r.status) for r in result.files]
    [('examples/office_declaration.yaml', 'non-production', 'clean'), ('examples/broken_declaration.yaml', 'non-production', 'findings')]
    >>> s = result.summary
    >>> s.files, s.clean, s.with_errors
    (2, 1, 1)
    """
    files, skipped = _expand(paths, recursive=recursive)
    n = _workers(workers)
    if isinstance(factor_set, str):
        from .. import factors

        factors.load(factor_set)  # an unknown id is refused once, not once per file
    if n > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor

        n = min(n, len(files))
        chunk = max(1, len(files) // (n * 4))
        with ProcessPoolExecutor(max_workers=n) as pool:
            results = tuple(pool.map(_validate_file, files, [factor_set] * len(files), chunksize=chunk))
    else:
        results = tuple(_validate_file(f, factor_set) for f in files)
    return BatchResult(results, tuple(skipped))


def _workers(workers: Any) -> int:
    """*workers* as a whole number >= 1 (None is 1)."""
    import numbers

    if workers is None:
        return 1
    if isinstance(workers, bool) or not isinstance(workers, numbers.Integral):
        raise InvalidValueError(
            f"workers must be a whole number of processes (1 or more) or None, got {type(workers).__name__} "
            f"{workers!r}",
            cli="--workers 2",
        )
    if int(workers) < 1:
        raise InvalidValueError(
            f"workers must be 1 or more (1: in this process), got {int(workers)}",
            python="workers=2",
            cli="--workers 2",
        )
    return int(workers)


def _expand(paths: Any, *, recursive: bool) -> tuple[list[str], list[Skipped]]:
    """The files to read (folders expanded) and the folder entries skipped."""
    if not isinstance(recursive, bool):
        raise InvalidValueError(f"recursive must be True or False, got {type(recursive).__name__} {recursive!r}")
    if isinstance(paths, (str, os.PathLike)):
        given: list[Any] = [paths]
    elif isinstance(paths, (bytes, dict)) or not isinstance(paths, Iterable):
        raise InvalidValueError(
            f"paths must be a path (str or Path) or a list of paths, got {type(paths).__name__}",
            python='validate_many(["a.yaml", "folder"])',
        )
    else:
        given = list(paths)
    files: list[str] = []
    skipped: list[Skipped] = []
    for p in given:
        if not isinstance(p, (str, os.PathLike)) or isinstance(p, bytes):
            raise InvalidValueError(f"paths must hold paths (str or Path), got {type(p).__name__} {p!r}")
        text = os.fspath(p)
        if not isinstance(text, str):
            raise InvalidValueError(f"paths must hold text paths (str or Path), got {type(text).__name__} {text!r}")
        if os.path.isdir(text):
            _folder(Path(text), files, skipped, recursive=recursive)
        else:
            files.append(text)
    return files, skipped


def _folder(folder: Path, files: list[str], skipped: list[Skipped], *, recursive: bool) -> None:
    """Add *folder*'s declaration files (sorted by name) to *files*, its other entries to *skipped*."""
    try:
        entries = sorted(os.scandir(folder), key=operator.attrgetter("name"))
    except OSError as exc:
        files.append(str(folder))  # read as a file: load names the reason
        del exc
        return
    for entry in entries:
        where = str(folder / entry.name)
        if entry.name.startswith("."):
            skipped.append(Skipped(where, "a hidden entry"))
        elif entry.is_dir():
            if recursive:
                _folder(Path(where), files, skipped, recursive=True)
            else:
                skipped.append(Skipped(where, "a folder"))
        elif Path(entry.name).suffix.lower() in DECLARATION_SUFFIXES:
            files.append(where)
        else:
            skipped.append(Skipped(where, f"not a declaration file ({', '.join(DECLARATION_SUFFIXES)})"))


def _validate_file(path: str, factor_set: FactorSet | str | None) -> FileResult:
    """Read and validate one file; a file that cannot be read is an ``"error"`` entry."""
    from pydantic import ValidationError

    from .io import load
    from .production import ProductionDeclaration, validate_production
    from .validate import validate

    try:
        declaration = load(path)
    except ValidationError as exc:
        problems = exc.errors()
        listed = "; ".join(f"{'.'.join(map(str, e['loc'])) or '(top)'}: {e['msg']}" for e in problems)
        message = f"{path}: not a valid declaration ({len(problems)} problems): {listed}"
        return FileResult(path, None, "error", Findings(), message, message)
    except CarbonAuditError as exc:
        return FileResult(path, None, "error", Findings(), str(exc), exc.for_cli())
    findings: list[Finding]
    if isinstance(declaration, ProductionDeclaration):
        form: Form = "production"
        findings = validate_production(declaration, factor_set)
    else:
        form = "non-production"
        findings = validate(declaration, factor_set)
    flagged = any(f.severity in ("error", "warning") for f in findings)
    return FileResult(path, form, "findings" if flagged else "clean", Findings(findings))
