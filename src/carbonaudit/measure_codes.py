"""Savings-measure codes (節約能源措施代碼, seed 003 附錄一) and demand-response programmes.

A code is a system letter, an equipment letter from that system's own list, and a two-digit
method from the one list shared by all systems: ``FA20`` is refrigeration (F) / freezer (A) /
variable-frequency drive (20). The lists are data (``data/measure_codes.yaml``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from pydantic import BaseModel, ConfigDict

from ._data import data_path, read_yaml
from .errors import DeclarationError

__all__ = ["MeasureCode", "Programme", "demand_response_programme", "lookup", "validate_code"]

_FORMAT = re.compile(r"^([A-Z])([A-Z])(\d{2})$")


class MeasureCode(BaseModel):
    """A valid measure code with its parts' names."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    system: str
    system_zh: str
    system_en: str
    equipment: str
    equipment_zh: str
    equipment_en: str
    method: str
    method_zh: str
    method_en: str

    def __str__(self) -> str:
        return f"{self.code} ({self.system_zh}/{self.equipment_zh}/{self.method_zh})"


class Programme(BaseModel):
    """A demand-response or power-trading programme of 表十之三(一), code (a)-(o)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    measure: str
    scheme: str
    en: str


@functools.cache
def _document() -> Any:
    return read_yaml(data_path("measure_codes.yaml"))


def lookup(code: str) -> MeasureCode:
    """Look up a savings-measure code.

    Parameters
    ----------
    code : str
        Four characters: system letter, equipment letter, two-digit method (``"FA20"``).
        Case and surrounding spaces are ignored.

    Returns
    -------
    MeasureCode

    Raises
    ------
    DeclarationError
        If the code is malformed or any of its three parts is not in 附錄一; the message names
        the part.

    Examples
    --------
    >>> lookup("FA20").equipment_zh
    '冷凍設備'
    >>> str(lookup("AA06"))
    'AA06 (空調設備/中央空調主機/汰舊換新)'
    """
    if not isinstance(code, str):
        raise DeclarationError(f"measure code must be a str, got {type(code).__name__} {code!r}")
    text = code.strip().upper()
    match = _FORMAT.match(text)
    if match is None:
        raise DeclarationError(
            f"measure code {code!r} must be a system letter, an equipment letter and two digits (e.g. 'FA20')"
        )
    system_key, equipment_key, method_key = match.groups()
    doc = _document()
    system = doc["systems"].get(system_key)
    if system is None:
        raise DeclarationError(
            f"measure code {code!r}: system {system_key!r} is not in 附錄一 (systems: {', '.join(doc['systems'])})"
        )
    equipment = system["equipment"].get(equipment_key)
    if equipment is None:
        raise DeclarationError(
            f"measure code {code!r}: equipment {equipment_key!r} is not in system {system_key} "
            f"({system['zh']}: {', '.join(system['equipment'])})"
        )
    method = doc["methods"].get(method_key)
    if method is None:
        raise DeclarationError(f"measure code {code!r}: method {method_key!r} is not in 附錄一")
    return MeasureCode(
        code=text,
        system=system_key,
        system_zh=system["zh"],
        system_en=system["en"],
        equipment=equipment_key,
        equipment_zh=equipment["zh"],
        equipment_en=equipment["en"],
        method=method_key,
        method_zh=method["zh"],
        method_en=method["en"],
    )


def validate_code(code: str) -> str:
    """Return the normalised code (upper case) if valid, else raise :class:`DeclarationError`."""
    return lookup(code).code


def demand_response_programme(code: str) -> Programme:
    """The programme of 表十之三(一) with code ``"a"`` ... ``"o"`` (brackets allowed: ``"(e)"``).

    Examples
    --------
    >>> demand_response_programme("(e)").scheme
    '經濟型'
    """
    key = str(code).strip().strip("()（）").lower()
    entry = _document()["demand_response_programmes"].get(key)
    if entry is None:
        raise DeclarationError(f"demand-response programme {code!r} is not one of (a)-(o) of 表十之三(一)")
    return Programme(code=key, **entry)
