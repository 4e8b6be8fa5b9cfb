"""Every public function documents itself the numpydoc way (issue 8).

Each function in a public module's ``__all__`` states every parameter of its signature, what it
returns, an example, and the document (seed, table, domain.md section, IPCC/ISO) it implements.
The sections are parsed with numpydoc, the parser the docs build uses.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import Any

import pytest

numpydoc_docscrape = pytest.importorskip("numpydoc.docscrape")

PUBLIC_MODULES = [
    "carbonaudit.units",
    "carbonaudit.factors",
    "carbonaudit.energy",
    "carbonaudit.emissions",
    "carbonaudit.savings",
    "carbonaudit.rates",
    "carbonaudit.measure_codes",
    "carbonaudit.chiller",
    "carbonaudit.electrical",
    "carbonaudit.building",
    "carbonaudit.production",
    "carbonaudit.declaration",
    "carbonaudit.inventory",
    "carbonaudit.periods",
    "carbonaudit.formatting",
    "carbonaudit.errors",
    "carbonaudit.plot",
]

# Words that show a docstring names where its rule or figure comes from.
CITATIONS = ("seed", "Seed", "domain.md", "附表", "表", "IPCC", "ISO", "附錄", "附件")


def _public_functions() -> list[tuple[str, Callable[..., Any]]]:
    found = []
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attr in module.__all__:
            obj = getattr(module, attr)
            if inspect.isfunction(obj):
                found.append((f"{name}.{attr}", obj))
    return found


FUNCTIONS = _public_functions()


def test_the_audit_sees_the_public_api() -> None:
    assert len(FUNCTIONS) > 80
    assert "carbonaudit.emissions.co2" in dict(FUNCTIONS)


@pytest.mark.parametrize(("qualname", "func"), FUNCTIONS, ids=[q for q, _ in FUNCTIONS])
def test_numpydoc_sections(qualname: str, func: Callable[..., Any]) -> None:
    doc = numpydoc_docscrape.FunctionDoc(func)
    documented: set[str] = set()
    for param in doc["Parameters"]:
        documented.update(n.strip().lstrip("*") for n in param.name.split(","))
    missing = [p for p in inspect.signature(func).parameters if p not in documented]
    problems = []
    if missing:
        problems.append(f"parameters not documented: {missing}")
    if not (doc["Returns"] or doc["Yields"]):
        problems.append("no Returns section")
    if not doc["Examples"]:
        problems.append("no Examples section")
    if not any(word in (inspect.getdoc(func) or "") for word in CITATIONS):
        problems.append("cites no source document")
    assert not problems, f"{qualname}: " + "; ".join(problems)


@pytest.mark.parametrize(("qualname", "func"), FUNCTIONS, ids=[q for q, _ in FUNCTIONS])
def test_documented_parameters_exist(qualname: str, func: Callable[..., Any]) -> None:
    """A parameter documented but not in the signature is a stale docstring."""
    doc = numpydoc_docscrape.FunctionDoc(func)
    signature = set(inspect.signature(func).parameters)
    for param in doc["Parameters"]:
        for n in param.name.split(","):
            n = n.strip().lstrip("*")
            assert n in signature, f"{qualname}: documents {n!r}, which is not a parameter"
