"""The optional dependencies (private): the one place that imports them and names their extras.

pandas, matplotlib and dask are extras of the package (``pyproject.toml``:
``carbonaudit[pandas]``, ``carbonaudit[plot]``, ``carbonaudit[dask]``). Every function that needs
one imports it through :func:`require`, at call time (``import carbonaudit`` imports none of
them), so that a missing one is a :class:`~carbonaudit.errors.MissingDependencyError` saying what
to install, never an ``ImportError`` from deep inside, nor an "internal error" of the command line.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import InvalidValueError, MissingDependencyError

EXTRAS = {
    "pandas": "pandas",
    "matplotlib": "plot",
    "dask": "dask",
    "distributed": "dask",
    "openpyxl": "excel",
    "xlsxwriter": "excel",
}
"""Each optional top-level package and the extra of ``pyproject.toml`` that installs it."""


def require(module: str, what: str) -> ModuleType:
    """Import *module* (``"pandas"``, ``"matplotlib.axes"``, ``"dask.dataframe"``) for *what*.

    Parameters
    ----------
    module : str
        The module to import; its top-level package must be one of :data:`EXTRAS`.
    what : str
        What needs it, for the message (``"Inventory.to_csv"``, ``"carbonaudit.plot"``).

    Returns
    -------
    ModuleType
        The imported module.

    Raises
    ------
    MissingDependencyError
        If the package is not installed (or cannot be imported): the message says
        ``pip install "carbonaudit[<extra>]"``.
    """
    top = module.partition(".")[0]
    extra = EXTRAS.get(top)
    if extra is None:  # a mistake of carbonaudit's own code, caught by its tests
        raise InvalidValueError(f"{module!r} is not an optional dependency of carbonaudit ({', '.join(EXTRAS)})")
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(f'{what} needs {top}: pip install "carbonaudit[{extra}]"') from exc
