"""Reading declarations (private helpers; use :class:`~carbonaudit.declaration.Declaration`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .._data import _Loader
from ..errors import DataFileError

__all__ = ["json_schema", "load_yaml"]


def load_yaml(path_or_text: Any) -> Any:
    """Parse YAML from a path or text; a syntax error is a :class:`DataFileError` naming the source."""
    if isinstance(path_or_text, Path) or (isinstance(path_or_text, str) and "\n" not in path_or_text):
        path = Path(path_or_text)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(f"cannot read declaration {path}: {exc.strerror or exc}") from exc
        origin = str(path)
    elif isinstance(path_or_text, (str, bytes)):
        text = path_or_text.decode("utf-8") if isinstance(path_or_text, bytes) else path_or_text
        origin = "<text>"
    else:
        raise DataFileError(f"a declaration is read from a path or YAML text, got {type(path_or_text).__name__}")
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise DataFileError(f"{origin}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DataFileError(f"{origin}: a declaration must be a YAML mapping, got {type(data).__name__}")
    return data


def json_schema() -> str:
    """The JSON Schema of :class:`~carbonaudit.declaration.Declaration`, as text."""
    from .models import Declaration

    return json.dumps(Declaration.model_json_schema(), ensure_ascii=False, indent=2)
