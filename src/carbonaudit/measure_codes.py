"""Savings-measure codes (節約能源措施代碼, non-production-form-2025 附錄一) and demand-response programmes.

A code is a system letter, an equipment letter from that system's own list, and a two-digit
method from the one list shared by all systems: ``FA20`` is refrigeration (F) / freezer (A) /
variable-frequency drive (20). The lists are data (``data/measure_codes.yaml``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ._data import data_path, read_yaml
from .errors import DataFileError, DeclarationError

__all__ = [
    "MeasureCode",
    "merge_region",
    "Programme",
    "codes",
    "demand_response_programme",
    "lookup",
    "systems",
    "validate_code",
]

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


class _Name(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    zh: str
    en: str


class _System(_Name):
    equipment: dict[str, _Name]

    @field_validator("equipment")
    @classmethod
    def _letters(cls, v: dict[str, _Name]) -> dict[str, _Name]:
        bad = [k for k in v if not re.fullmatch(r"[A-Z]", k)]
        if bad:
            raise ValueError(f"equipment keys must be one capital letter, got {bad}")
        return v


class _ProgrammeEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    measure: str
    scheme: str
    en: str


class _Region(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    zh: str
    counties: list[str]


class _Source(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str  # the document's key in the sources registry of factors.yaml
    document: str
    table: str
    year: int


class _File(BaseModel):
    """``measure_codes.yaml``: validated at load (letters, two-digit methods, examples that resolve)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int
    source: _Source
    examples: dict[str, str]
    systems: dict[str, _System]
    methods: dict[str, _Name]
    demand_response_programmes: dict[str, _ProgrammeEntry]
    merge_regions: dict[str, _Region]

    @field_validator("merge_regions")
    @classmethod
    def _each_county_once(cls, v: dict[str, _Region]) -> dict[str, _Region]:
        seen: dict[str, str] = {}
        for key, region in v.items():
            for county in region.counties:
                if county in seen:
                    raise ValueError(f"county {county} is in both {seen[county]} and {key}")
                seen[county] = key
        return v

    @field_validator("systems")
    @classmethod
    def _system_letters(cls, v: dict[str, _System]) -> dict[str, _System]:
        bad = [k for k in v if not re.fullmatch(r"[A-Z]", k)]
        if bad:
            raise ValueError(f"system keys must be one capital letter, got {bad}")
        return v

    @field_validator("methods")
    @classmethod
    def _method_numbers(cls, v: dict[str, _Name]) -> dict[str, _Name]:
        bad = [k for k in v if not re.fullmatch(r"\d{2}", k)]
        if bad:
            raise ValueError(f"method keys must be two digits (quoted in YAML), got {bad}")
        return v


def _parse(raw: Any, origin: str) -> _File:
    try:
        doc = _File.model_validate(raw)
    except ValidationError as exc:
        where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise DataFileError(f"{origin}: invalid measure-code data: {where}") from exc
    for code in doc.examples:
        m = _FORMAT.match(code)
        if not (m and m[1] in doc.systems and m[2] in doc.systems[m[1]].equipment and m[3] in doc.methods):
            raise DataFileError(f"{origin}: example code {code!r} does not resolve to a system, equipment and method")
    return doc


@functools.cache
def _document() -> _File:
    path = data_path("measure_codes.yaml")
    return _parse(read_yaml(path), str(path))


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
    system = doc.systems.get(system_key)
    if system is None:
        raise DeclarationError(
            f"measure code {code!r}: system {system_key!r} is not in 附錄一 (systems: {', '.join(doc.systems)})"
        )
    equipment = system.equipment.get(equipment_key)
    if equipment is None:
        raise DeclarationError(
            f"measure code {code!r}: equipment {equipment_key!r} is not in system {system_key} "
            f"({system.zh}: {', '.join(system.equipment)})"
        )
    method = doc.methods.get(method_key)
    if method is None:
        raise DeclarationError(f"measure code {code!r}: method {method_key!r} is not in 附錄一")
    return MeasureCode(
        code=text,
        system=system_key,
        system_zh=system.zh,
        system_en=system.en,
        equipment=equipment_key,
        equipment_zh=equipment.zh,
        equipment_en=equipment.en,
        method=method_key,
        method_zh=method.zh,
        method_en=method.en,
    )


def validate_code(code: str) -> str:
    """Return the normalised code (upper case) if valid, else raise :class:`~carbonaudit.errors.DeclarationError`.

    Valid means all three parts are in non-production-form-2025 附錄一 節約能源措施代碼表;
    see :func:`lookup` for the parts' names.

    Parameters
    ----------
    code : str
        Four characters: system letter, equipment letter, two-digit method (``"FA20"``).
        Case and surrounding spaces are ignored.

    Returns
    -------
    str
        The code in upper case, without spaces.

    Raises
    ------
    DeclarationError
        If *code* is not a str, is malformed, or any of its three parts is not in 附錄一; the
        message names the part.

    Examples
    --------
    >>> validate_code(" fa20 ")          # 附錄一 註: 冷凍設備加裝變頻控制器
    'FA20'
    >>> validate_code("FA19")
    Traceback (most recent call last):
    ...
    carbonaudit.errors.DeclarationError: measure code 'FA19': method '19' is not in 附錄一
    """
    return lookup(code).code


def demand_response_programme(code: str) -> Programme:
    """The programme of 表十之三(一) with code ``"a"`` ... ``"o"`` (brackets allowed: ``"(e)"``).

    non-production-form-2025 表十之三(一) 需量反應負載管理相關措施及電力交易平台方案, 註1 (措施名稱,
    方案細項).

    Parameters
    ----------
    code : str
        The programme's letter, ``"a"`` to ``"o"``, in any case, with or without brackets
        (half- or full-width).

    Returns
    -------
    Programme
        ``code`` (the bare lower-case letter), ``measure`` (措施名稱), ``scheme`` (方案細項) and
        ``en`` (an English name).

    Raises
    ------
    DeclarationError
        If the letter is not one of (a)-(o).

    Examples
    --------
    >>> demand_response_programme("(e)").scheme
    '經濟型'
    >>> demand_response_programme("（A）").measure
    '計畫性調整用電措施'
    """
    key = str(code).strip().strip("()（）").lower()
    entry = _document().demand_response_programmes.get(key)
    if entry is None:
        raise DeclarationError(f"demand-response programme {code!r} is not one of (a)-(o) of 表十之三(一)")
    return Programme(code=key, measure=entry.measure, scheme=entry.scheme, en=entry.en)


def systems() -> dict[str, tuple[str, str]]:
    """The systems of 附錄一: letter → (Chinese name, English name).

    non-production-form-2025 附錄一 節約能源措施代碼表: A air conditioning, L lighting,
    F refrigeration, R office, B ventilation, W water, E elevators, O other, P power system.

    Returns
    -------
    dict of str to (str, str)
        System letter → (Chinese name, English name), in table order. The English names are the
        library's, not the form's.

    Examples
    --------
    >>> systems()["L"]
    ('照明設備', 'Lighting')
    """
    return {k: (v.zh, v.en) for k, v in _document().systems.items()}


def codes(system: str | None = None) -> list[str]:
    """Every valid code, or those of one system (letter), in table order.

    A code is valid when its system, equipment and method are all in non-production-form-2025 附錄一
    (52 equipment × 39 methods = 2,028 codes).

    Parameters
    ----------
    system : str, optional
        A system letter (``"F"``), upper case as in :func:`systems`; default: all systems.

    Returns
    -------
    list of str
        The four-character codes, system by system, equipment by equipment, method by method.

    Raises
    ------
    DeclarationError
        If *system* is not a str, or not a system letter of 附錄一.

    Examples
    --------
    >>> len(codes()), len(codes("F"))           # 52 equipment x 39 methods; 3 x 39
    (2028, 117)
    >>> codes("F")[:3]
    ['FA00', 'FA01', 'FA02']
    """
    doc = _document()
    if system is not None and not isinstance(system, str):
        raise DeclarationError(f"system must be a str, got {type(system).__name__} {system!r}")
    if system is not None and system not in doc.systems:
        raise DeclarationError(f"system {system!r} is not in 附錄一 (systems: {', '.join(doc.systems)})")
    chosen = [system] if system is not None else list(doc.systems)
    return [s + e + m for s in chosen for e in doc.systems[s].equipment for m in doc.methods]


def merge_region(county: str) -> str | None:
    """The region (north, central, south, east) of a county for merged declarations (附錄二 註3).

    non-production-form-2025 附錄二 註3: EV-charging meters under one name may be declared together within one of
    the four regions of the National Development Council (國家發展委員會).

    Parameters
    ----------
    county : str
        A county or city name as on the form (``"臺中市"``); ``台`` is read as ``臺`` and
        surrounding spaces are ignored.

    Returns
    -------
    str or None
        ``"north"``, ``"central"``, ``"south"`` or ``"east"``; None for a county the form's lists
        do not include (Kinmen, Matsu).

    Raises
    ------
    DeclarationError
        If *county* is not a str.

    Examples
    --------
    >>> merge_region("台中市"), merge_region("金門縣")
    ('central', None)
    >>> merge_region("澎湖縣")            # listed in 南部區域
    'south'
    """
    if not isinstance(county, str):
        raise DeclarationError(f"county must be a str, got {type(county).__name__} {county!r}")
    name = county.strip().replace("台", "臺")
    for key, region in _document().merge_regions.items():
        if name in region.counties:
            return key
    return None
