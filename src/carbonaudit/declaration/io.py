"""Reading declarations (private helpers; use :class:`~carbonaudit.declaration.Declaration`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .._data import MAX_YAML_BYTES, not_utf8, parse_yaml, read_capped
from ..errors import DataFileError

__all__ = ["json_schema", "load_yaml"]


def load_yaml(path_or_text: Any, *, what: str = "declaration") -> Any:
    """Parse YAML (or JSON) from a path or text; every problem is a :class:`DataFileError` naming the source.

    Declarations are the forms' tables as YAML (non-production-form-2025 附表三, production-declaration-2018). The text goes through
    carbonaudit's one loading function (``carbonaudit._data.parse_yaml``): a repeated key is an
    error rather than YAML's silent last-one-wins, aliases (``*name``, which repeat an anchored
    value: a few nested ones expand to gigabytes) are refused, numbers are read as JSON reads them
    (``010`` is ten), and a file or text over 20 MB is refused by its size before it is read.

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
        The parsed mapping, not yet validated: it holds only what JSON can (an unquoted date such
        as ``2024-01-31`` stays text).

    Raises
    ------
    DataFileError
        If the file cannot be read or is not UTF-8, is larger than 20 MB
        (``carbonaudit._data.MAX_YAML_BYTES``), the text is not valid YAML (a repeated key, an
        alias, nesting deeper than 100 levels, a ``!!set`` or ``!!binary`` value included), the
        document is not a mapping, or *path_or_text* is of another type. The message starts with
        the path (or ``<text>``) and, for a problem in the text, its line and column.

    Examples
    --------
    >>> load_yaml("era: ROC\\nyear: 106\\n")
    {'era': 'ROC', 'year': 106}
    >>> load_yaml("examples/office_declaration.yaml")["era"]
    'ROC'
    >>> load_yaml("base: &b {kWh: 1}\\ncopy: *b\\n")
    Traceback (most recent call last):
    ...
    carbonaudit.errors.DataFileError: <text>, line 2, column 7: *b is a YAML alias ...
    """
    a_what = f"{'an' if what[:1] in 'aeiou' else 'a'} {what}"
    source: str | bytes
    if isinstance(path_or_text, Path) or (isinstance(path_or_text, str) and "\n" not in path_or_text):
        path = Path(path_or_text)
        origin = str(path)
        try:
            source = read_capped(path, what, MAX_YAML_BYTES)
        except OSError as exc:
            raise DataFileError(f"cannot read {what} {path}: {exc.strerror or exc}") from exc
    elif isinstance(path_or_text, (str, bytes)):
        origin = "<text>"
        source = path_or_text
    else:
        raise DataFileError(f"{a_what} is read from a path or YAML text, got {type(path_or_text).__name__}")
    data = parse_yaml(source, origin, what=what)
    if not isinstance(data, dict):
        raise DataFileError(f"{origin}: {a_what} must be a YAML mapping, got {type(data).__name__}")
    return data


_not_utf8 = not_utf8  # the name inventory.io imported before the helper moved to _data


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
    """
    from .models import Declaration

    return json.dumps(Declaration.model_json_schema(), ensure_ascii=False, indent=2)
