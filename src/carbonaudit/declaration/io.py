"""Reading declarations (private helpers; use :class:`~carbonaudit.declaration.Declaration`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .._data import _Loader
from ..errors import DataFileError

__all__ = ["json_schema", "load_yaml"]


def load_yaml(path_or_text: Any, *, what: str = "declaration") -> Any:
    """Parse YAML from a path or text; a syntax error is a :class:`DataFileError` naming the source.

    Declarations are the forms' tables as YAML (seed 003 附表三, seed 002); a repeated key is an
    error rather than YAML's silent last-one-wins.

    Parameters
    ----------
    path_or_text : str, bytes or Path
        A path (a ``Path``, or a str without a newline) or YAML text (a str with a newline, or
        UTF-8 bytes).
    what : str, default "declaration"
        What the file is (``"organisations file"``), to word the error messages.

    Returns
    -------
    dict
        The parsed mapping, not yet validated.

    Raises
    ------
    DataFileError
        If the file cannot be read or is not UTF-8, the text is not valid YAML (a repeated key
        included), the document is not a mapping, or *path_or_text* is of another type.

    Examples
    --------
    >>> load_yaml("era: ROC\\nyear: 106\\n")
    {'era': 'ROC', 'year': 106}
    >>> load_yaml("examples/office_declaration.yaml")["era"]
    'ROC'
    """
    a_what = f"{'an' if what[:1] in 'aeiou' else 'a'} {what}"
    if isinstance(path_or_text, Path) or (isinstance(path_or_text, str) and "\n" not in path_or_text):
        path = Path(path_or_text)
        origin = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(f"cannot read {what} {path}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise DataFileError(_not_utf8(f"cannot read {what} {path}", exc)) from exc
    elif isinstance(path_or_text, (str, bytes)):
        origin = "<text>"
        try:
            text = path_or_text.decode("utf-8") if isinstance(path_or_text, bytes) else path_or_text
        except UnicodeDecodeError as exc:
            raise DataFileError(_not_utf8(f"cannot read {what} text", exc)) from exc
    else:
        raise DataFileError(f"{a_what} is read from a path or YAML text, got {type(path_or_text).__name__}")
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise DataFileError(f"{origin}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DataFileError(f"{origin}: {a_what} must be a YAML mapping, got {type(data).__name__}")
    return data


def _not_utf8(where: str, exc: UnicodeDecodeError) -> str:
    """The message for bytes that are not UTF-8 (e.g. a Big5/CP950 export): where and which line."""
    line = exc.object[: exc.start].count(b"\n") + 1
    return (
        f"{where}: it must be UTF-8 text, but byte {exc.start} (line {line}, 0x{exc.object[exc.start]:02x}) "
        f"is not valid UTF-8 ({exc.reason}); save the file as UTF-8"
    )


def json_schema() -> str:
    """The JSON Schema of :class:`~carbonaudit.declaration.Declaration`, as text.

    The schema of the non-production declaration form (seed 003 附表三: 一 to 十一 and 附錄二), as
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
    """
    from .models import Declaration

    return json.dumps(Declaration.model_json_schema(), ensure_ascii=False, indent=2)
