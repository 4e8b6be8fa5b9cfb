"""Reading declarations: :func:`load` (YAML or JSON, either form) and :func:`json_schema`.

:func:`load` is the public reader; ``load_yaml`` (the parser under every YAML file carbonaudit
reads) now lives in ``carbonaudit._data`` and is re-exported here for code that imported it from
this module.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .._data import MAX_YAML_BYTES, load_yaml, not_utf8, parse_yaml, read_capped
from .._xlsx import is_workbook
from ..errors import DataFileError, DeclarationError
from .models import Declaration
from .production import ProductionDeclaration

__all__ = ["json_schema", "load", "load_yaml", "template_excel"]

_JSON_SUFFIXES = (".json",)
_YAML_SUFFIXES = (".yaml", ".yml")


def load(path: str | os.PathLike[str]) -> Declaration | ProductionDeclaration:
    """Read a declaration file, YAML, JSON or Excel, of either form: the one way to open a declaration file.

    The format is the file's extension (``.json``; ``.yaml`` or ``.yml``; ``.xlsx`` or ``.xlsm``)
    or, for any other name, its content (a zip is an Excel workbook, text starting with ``{`` is
    read as JSON, else as YAML). A workbook is one :meth:`Declaration.to_excel` or
    :func:`template_excel` wrote (one sheet per table of the form), read with openpyxl
    (``carbonaudit[excel]``). The form is the content's:
    a file with ``form: production-107``, or with ``products`` and no ``basic`` section, is a
    production-sector declaration (production-declaration-2018, 能源用戶申報表 生產性質), any other
    the non-production form (non-production-form-2025 附表三). Check it with
    :func:`~carbonaudit.declaration.validate` or
    :func:`~carbonaudit.declaration.validate_production`.

    Parameters
    ----------
    path : str or os.PathLike
        The file.

    Returns
    -------
    Declaration or ProductionDeclaration
        The declaration, its structure validated.

    Raises
    ------
    DeclarationError
        If *path* is not a path (a dict, an open file, YAML text): the message names what to call
        instead.
    DataFileError
        If the file cannot be read, is not UTF-8, is larger than 20 MB, is not valid in its format
        (the message names the format: ``not valid JSON`` or ``not valid YAML``, with the line and
        column), or is not a mapping. As for every YAML file carbonaudit reads, a repeated key is
        refused; in JSON too, as are ``NaN`` and ``Infinity``, which JSON does not have.
    pydantic.ValidationError
        If a field is missing, unknown or invalid, each named by its path (as
        :meth:`Declaration.from_yaml`).
    DeclarationError
        For a workbook, if a field is missing or invalid: each problem named by its file, sheet
        and cell (``x.xlsx, sheet '三、基本資料', cell C10 (basic.employees): ...``).
    DataFileError
        For a workbook, if it is an old ``.xls``, a text file (a CSV) named ``.xlsx``, or has a
        sheet missing or unknown, a header renamed, merged cells, a formula in an input cell,
        text in a number cell, or a value outside the table: each named by its sheet and cell.

    Examples
    --------
    >>> from carbonaudit import declaration
    >>> d = declaration.load("examples/office_declaration.yaml")
    >>> type(d).__name__, d.year, d.basic.contract_capacity
    ('Declaration', 114, <Quantity(1200.0, 'kilowatt')>)
    >>> type(declaration.load("examples/production_declaration.yaml")).__name__
    'ProductionDeclaration'
    """
    if isinstance(path, bytes) or not isinstance(path, (str, os.PathLike)):
        kind = type(path).__name__
        if isinstance(path, dict):
            advice = "for a mapping already read, call Declaration.model_validate(data)"
        else:
            advice = "give the file's path"
        raise DeclarationError(
            f"declaration.load reads a file: path must be a str or Path, got {kind}",
            python=advice,
            cli="carbonaudit validate FILE",
        )
    if isinstance(path, str) and "\n" in path:
        raise DeclarationError(
            "declaration.load reads a file: path holds a newline, which looks like the declaration's text",
            python="for YAML text call Declaration.from_yaml(text), for JSON text Declaration.from_json(text)",
        )
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (*_YAML_SUFFIXES, *_JSON_SUFFIXES) and is_workbook(p):
        from ._excel import read

        return read(p, (Declaration, ProductionDeclaration))  # type: ignore[return-value]
    if suffix in _YAML_SUFFIXES:
        data = load_yaml(p)
    else:
        try:
            raw = read_capped(p, "declaration", MAX_YAML_BYTES)
        except OSError as exc:
            raise DataFileError(f"cannot read declaration {p}: {exc.strerror or exc}") from exc
        if suffix in _JSON_SUFFIXES or raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            try:
                data = _parse_json(raw, str(p))
            except DataFileError as not_json:
                if suffix in _JSON_SUFFIXES:
                    raise
                try:  # no .json extension, and YAML's flow style starts with "{" too
                    data = parse_yaml(raw, str(p), what="declaration")
                except DataFileError:
                    raise not_json from None
        else:
            data = parse_yaml(raw, str(p), what="declaration")
        if not isinstance(data, dict):
            raise DataFileError(f"{p}: a declaration must be a mapping, got {type(data).__name__}")
    try:
        text = json.dumps(data, ensure_ascii=False)
    except TypeError as exc:  # pragma: no cover - both parsers give only what JSON holds
        raise DataFileError(f"{p}: the declaration holds a value JSON cannot: {exc}") from exc
    if _is_production(data):
        return ProductionDeclaration.model_validate_json(text)
    return Declaration.model_validate_json(text)


def template_excel(path: str | os.PathLike[str], form: str = "non-production") -> Path:
    """Write a blank declaration workbook to fill in: the form's sheets, headers, units and drop-down lists.

    One sheet per table of the form (non-production-form-2025 附表三 一 … 十一 and 附錄二, or
    production-declaration-2018 for ``form="production"``), as :meth:`Declaration.to_excel`
    writes them, with no data: row 1 the Chinese header and unit, row 2 the field key. Input cells
    only (no formula); drop-down lists for the choices of each field (user classes, energy types,
    TRUE/FALSE, ROC months 1-12, the measure codes of 附錄一 and the programmes (a)-(o) of
    表十之三(一), on a hidden sheet). Fill it in and read it with :func:`load`.

    Parameters
    ----------
    path : str or os.PathLike
        The workbook to write, ending in ``.xlsx``.
    form : {"non-production", "production"}
        Which form.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    DeclarationError
        If *form* is not one of the two, or *path* does not end in ``.xlsx``.
    MissingDependencyError
        If xlsxwriter is not installed (``pip install "carbonaudit[excel]"``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from carbonaudit import declaration
    >>> out = declaration.template_excel(pathlib.Path(tempfile.mkdtemp()) / "blank.xlsx")
    >>> out.name
    'blank.xlsx'
    """
    from ._excel import write

    if form not in ("non-production", "production"):
        raise DeclarationError(
            f"template_excel: form must be 'non-production' or 'production', got {form!r}",
            cli="carbonaudit template declaration --xlsx FILE, or carbonaudit template production --xlsx FILE",
        )
    return write(None, path, Declaration if form == "non-production" else ProductionDeclaration)


def _is_production(data: dict[str, Any]) -> bool:
    """Whether a declaration's mapping is of the production form (its ``form``, or products without ``basic``)."""
    return data.get("form") == "production-107" or ("products" in data and "basic" not in data)


def _parse_json(raw: bytes, origin: str) -> Any:
    """Parse JSON *raw* bytes; every problem a DataFileError ``<origin>, line L, column C: not valid JSON: ...``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(not_utf8(f"cannot read declaration {origin}", exc)) from exc

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise _JsonProblem(f"the key {key!r} appears twice in one object (JSON readers keep one silently)")
            out[key] = value
        return out

    def constant(name: str) -> Any:
        raise _JsonProblem(f"{name} is not a JSON number: write the figure, or leave the field out")

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{origin}, line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}") from None
    except _JsonProblem as exc:
        raise DataFileError(f"{origin}: not valid JSON: {exc}") from None
    except RecursionError:
        raise DataFileError(f"{origin}: not valid JSON: nested too deeply to read") from None


class _JsonProblem(Exception):
    """A JSON text that parses but that carbonaudit refuses (a repeated key, NaN)."""


def json_schema() -> str:
    """The JSON Schema of :class:`~carbonaudit.declaration.Declaration`, as text.

    The schema of the non-production declaration form (non-production-form-2025 附表三: 一 to 十一 and 附錄二), as
    pydantic generates it; editors and other tools can validate a declaration file with it before
    :meth:`Declaration.from_yaml` does.

    Returns
    -------
    str
        JSON text (indented, non-ASCII kept: the Chinese field descriptions stay readable).

    Examples
    --------
    >>> import json
    >>> from carbonaudit.declaration import json_schema
    >>> schema = json.loads(json_schema())
    >>> schema["title"], sorted(schema["required"])[:4]
    ('Declaration', ['basic', 'electricity', 'era', 'organisation'])
    >>> "Examples" in schema["description"]      # the docstring's Python examples are left out
    False
    """
    return json.dumps(_without_examples(Declaration.model_json_schema()), ensure_ascii=False, indent=2)


def _without_examples(node: Any) -> Any:
    """*node* with each description cut before its docstring's Examples section (Python, not schema)."""
    if isinstance(node, dict):
        out = {k: _without_examples(v) for k, v in node.items()}
        text = out.get("description")
        if isinstance(text, str) and "\nExamples\n--------" in text:
            out["description"] = text.split("\nExamples\n--------", 1)[0].rstrip()
        return out
    if isinstance(node, list):
        return [_without_examples(v) for v in node]
    return node
