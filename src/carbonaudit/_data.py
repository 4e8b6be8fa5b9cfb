"""Locating and reading the data files shipped with carbonaudit (private).

In a wheel the files live in ``carbonaudit/data/``; in a source checkout or an editable install
they are the repository's top-level ``data/`` directory, the one source of truth.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from .errors import DataFileError

_PACKAGE_DATA = Path(__file__).resolve().parent / "data"
_SOURCE_DATA = Path(__file__).resolve().parents[2] / "data"
_SOURCE_EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

try:  # the C loader is several times faster; fall back to pure Python where libyaml is absent
    _Base: type[yaml.SafeLoader | yaml.CSafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader that refuses a mapping with a repeated key (YAML would keep the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def data_path(name: str) -> Path:
    """Return the path of a shipped data file, from a wheel or from a source checkout.

    A file found nowhere is a :class:`~carbonaudit.errors.DataFileError` (the installation is
    incomplete), not a bare FileNotFoundError.
    """
    folders = (_PACKAGE_DATA, _SOURCE_DATA, _SOURCE_EXAMPLES)
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise DataFileError(
        f"carbonaudit data file {name!r} not found in {', '.join(str(f) for f in folders)}; the installation "
        "is incomplete: reinstall carbonaudit"
    )


def read_yaml(path: Path) -> Any:
    """Parse a YAML file with the safe (C when available) loader; errors name the file."""
    try:
        with path.open("rb") as fh:
            return yaml.load(fh, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: not valid YAML: {exc}") from exc


@functools.cache
def factors_document() -> Any:
    """The parsed ``factors.yaml`` shipped with the package (parsed once per process)."""
    return read_yaml(data_path("factors.yaml"))
