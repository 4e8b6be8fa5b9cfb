"""Reading and validating factor files (private; use :func:`carbonaudit.factors.load`)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._data import data_path, factors_document, read_yaml
from ..errors import DataFileError, FactorNotFoundError
from .models import (
    Blend,
    FactorSet,
    FactorValue,
    GwpSet,
    InventoryData,
    OilEquivalentBasis,
    Rules,
    Source,
    UnitDefinition,
)

__all__ = ["available", "from_file", "inventory_data", "load", "rules"]


class _FactorsFile(BaseModel):
    """The whole ``factors.yaml`` document."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = Field(ge=1, le=1)
    default_set: str
    sources: dict[str, Source]
    units: tuple[UnitDefinition, ...] = ()
    constants: dict[str, FactorValue] = Field(default_factory=dict)
    oil_equivalent: dict[str, OilEquivalentBasis]
    blends: dict[str, Blend] = Field(default_factory=dict)
    gwp: dict[str, GwpSet]
    rules: Rules | None = None
    inventory: InventoryData | None = None
    factor_sets: tuple[FactorSet, ...]


def _shared(raw: dict[str, Any]) -> dict[str, Any]:
    """Copy the file's shared tables into each factor set, so each set is self-contained."""
    if not isinstance(raw, dict):
        raise DataFileError("the factor file must be a YAML mapping at the top level")
    shared = {
        "sources": raw.get("sources") or {},
        "gwp_sets": raw.get("gwp") or {},
        "blends": raw.get("blends") or {},
        "oil_equivalent_bases": {
            key: {**value, "id": key} if isinstance(value, dict) else value
            for key, value in (raw.get("oil_equivalent") or {}).items()
        },
        "constants": raw.get("constants") or {},
    }
    sets = raw.get("factor_sets")
    if isinstance(sets, list):
        raw = {**raw, "factor_sets": [{**s, **shared} if isinstance(s, dict) else s for s in sets]}
    return raw


def _where(raw: dict[str, Any], loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into a path that names sets and fuels by id."""
    parts: list[str] = []
    node: Any = raw
    for i, key in enumerate(loc):
        label = str(key)
        if isinstance(node, (list, tuple)) and isinstance(key, int) and 0 <= key < len(node):
            item = node[key]
            if isinstance(item, dict) and "id" in item:
                label = f"[{item['id']}]"
                parts[-1:] = [parts[-1] + label] if parts else [label]
                node = item
                continue
            label = f"[{key}]"
            parts[-1:] = [parts[-1] + label] if parts else [label]
            node = item
            continue
        parts.append(label)
        node = node.get(key) if isinstance(node, dict) else None
        if i > 40:  # pragma: no cover - defensive
            break
    return ".".join(parts)


def _parse(raw: Any, origin: str) -> _FactorsFile:
    prepared = _shared(raw)
    try:
        doc = _FactorsFile.model_validate(prepared)
    except ValidationError as exc:
        lines = [
            f"  {_where(prepared, tuple(err['loc']))}: {err['msg']} (got {err.get('input')!r:.80})"
            for err in exc.errors()
        ]
        raise DataFileError(f"{origin}: invalid factor data\n" + "\n".join(lines)) from exc
    cited: list[tuple[str, str]] = []
    if doc.rules is not None:
        cited += [
            ("rules.summer_months", doc.rules.summer_months.source),
            ("rules.reference_prices", doc.rules.reference_prices.source),
        ]
        cited += [
            (f"rules.reference_prices.prices.{k}", v.source) for k, v in doc.rules.reference_prices.prices.items()
        ]
        cited += [(f"rules.limits.{k}", v.source) for k, v in doc.rules.limits.items()]
        cited += [
            (f"rules.saving_targets[{r.id}].tiers[{i}]", t.target.source)
            for r in doc.rules.saving_targets
            for i, t in enumerate(r.tiers)
        ]
    if doc.inventory is not None:
        cited += [(f"inventory.leak_rates.{k}", v.source) for k, v in doc.inventory.leak_rates.items()]
        cited += [
            (f"inventory.extinguisher_agents.{k}", v.source) for k, v in doc.inventory.extinguisher_agents.items()
        ]
        cited += [(f"inventory.septic.{k}", v.source) for k, v in doc.inventory.septic.items()]
    for where, source in cited:
        if source not in doc.sources:
            raise DataFileError(f"{origin}: {where}: source {source!r} is not in the file's sources")
    ids = [s.id for s in doc.factor_sets]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise DataFileError(f"{origin}: factor set ids appear more than once: {duplicated}")
    if doc.default_set not in ids:
        raise DataFileError(f"{origin}: default_set {doc.default_set!r} is not one of {ids}")
    return doc


@functools.cache
def _shipped() -> _FactorsFile:
    return _parse(factors_document(), str(data_path("factors.yaml")))


def from_file(path: str | Path) -> dict[str, FactorSet]:
    """Read and validate a factor file of the same format as the shipped ``factors.yaml``.

    Parameters
    ----------
    path : str or Path
        A YAML file with ``sources``, ``oil_equivalent``, ``gwp`` and ``factor_sets``.

    Returns
    -------
    dict of str to FactorSet
        The file's sets by id.

    Raises
    ------
    DataFileError
        If the file is not valid YAML or fails validation; the message names the set, the entry
        (by id) and the field.
    """
    p = Path(path)
    doc = _parse(read_yaml(p), str(p))
    return {s.id: s for s in doc.factor_sets}


def load(set_id: str | None = None) -> FactorSet:
    """Return a shipped factor set (parsed and validated once, then cached).

    Parameters
    ----------
    set_id : str, optional
        The set's id (see :func:`available`); default: the current set (``tw-2024``).

    Raises
    ------
    FactorNotFoundError
        If no shipped set has that id.

    Examples
    --------
    >>> from carbonaudit import factors
    >>> factors.load("ntpc-award-2015").fuel("diesel").recommended.value
    2.61
    """
    doc = _shipped()
    wanted = doc.default_set if set_id is None else set_id
    for fs in doc.factor_sets:
        if fs.id == wanted:
            return fs
    raise FactorNotFoundError(
        f"factor set {wanted!r} is not shipped (available: {', '.join(s.id for s in doc.factor_sets)})"
    )


def available() -> list[dict[str, str]]:
    """List the shipped factor sets: id, title, vintage and whether it is the default."""
    doc = _shipped()
    return [
        {"id": s.id, "title": s.title, "vintage": s.vintage, "default": str(s.id == doc.default_set).lower()}
        for s in doc.factor_sets
    ]


def rules() -> Rules:
    """The forms' rules shipped in ``factors.yaml``: saving targets, summer months, reference prices.

    Examples
    --------
    >>> from carbonaudit import factors
    >>> factors.rules().summer_months.months
    (6, 7, 8, 9)
    """
    found = _shipped().rules
    if found is None:  # pragma: no cover - the shipped file has them
        raise FactorNotFoundError("the shipped factors.yaml has no rules section")
    return found


def inventory_data() -> InventoryData:
    """The inventory engine's data shipped in ``factors.yaml`` (leak rates, extinguisher agents, septic)."""
    found = _shipped().inventory
    if found is None:  # pragma: no cover - the shipped file has it
        raise FactorNotFoundError("the shipped factors.yaml has no inventory section")
    return found
