"""Every public function documents itself the numpydoc way (issue 8).

Each function in a public module's ``__all__`` states every parameter of its signature, what it
returns, what it raises, an example, and the document (its registry key, table, IPCC/ISO) it
implements; a parameter typed as a Quantity gives its unit in brackets (``[kWh]``, ``[fraction]``).
The sections are parsed with numpydoc, the parser the docs build uses.
"""

from __future__ import annotations

import importlib
import inspect
import re
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
CITATIONS = (
    "award-form-2015",
    "production-declaration-2018",
    "non-production-form-2025",
    "government-inventory",
    "moenv-",
    "moeaea-",
    "tw-",
    "ipcc-",
    "iso-",
    "附表",
    "表",
    "IPCC",
    "ISO",
    "附錄",
    "附件",
)

# The public functions with no Raises section: none raises on any input a caller can pass (of the
# documented types). Keep the list short; a function that can raise documents what and when.
NO_RAISES = {
    "carbonaudit.factors.available": "no parameters; lists the shipped factor sets",
    "carbonaudit.measure_codes.systems": "no parameters; reads the shipped 附錄一 table",
    "carbonaudit.declaration.json_schema": "no parameters; the schema pydantic generates for Declaration",
    "carbonaudit.factors.check": "compares a validated FactorSet (from_file refuses bad molar masses)",
}

# A unit in square brackets: [kWh], [L, kL, kg ...], [kg CO2e/kWh], [degC], [fraction], [%]. A bare
# interval such as [0, 1] holds no unit.
_BRACKETS = re.compile(r"\[([^\[\]]+)\]")
_NOT_A_UNIT = re.compile(r"[\d\s.,;:+\-−–()]*")


def _has_unit(text: str) -> bool:
    return any(not _NOT_A_UNIT.fullmatch(inside) for inside in _BRACKETS.findall(text))


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


@pytest.mark.parametrize(("qualname", "func"), FUNCTIONS, ids=[q for q, _ in FUNCTIONS])
def test_raises_section(qualname: str, func: Callable[..., Any]) -> None:
    """What a function raises, and when, is part of its contract (issue 8)."""
    doc = numpydoc_docscrape.FunctionDoc(func)
    if qualname in NO_RAISES:
        assert not doc["Raises"], f"{qualname}: has a Raises section now; remove it from NO_RAISES"
        return
    assert doc["Raises"], (
        f"{qualname}: no Raises section; document each error it raises (UnitsError, InvalidValueError, "
        "FactorNotFoundError, PeriodError, DeclarationError, DataFileError ...) and when, or, if it cannot "
        "raise on any input a caller can pass, add it to NO_RAISES with the reason"
    )
    empty = [p.type for p in doc["Raises"] if not " ".join(p.desc).strip()]
    assert not empty, f"{qualname}: Raises entries that do not say when: {empty}"


def test_no_raises_list_names_public_functions() -> None:
    stale = sorted(set(NO_RAISES) - dict(FUNCTIONS).keys())
    assert not stale, f"NO_RAISES names functions that are not audited (renamed or removed?): {stale}"


@pytest.mark.parametrize(("qualname", "func"), FUNCTIONS, ids=[q for q, _ in FUNCTIONS])
def test_quantity_parameters_state_units(qualname: str, func: Callable[..., Any]) -> None:
    """A parameter typed as a Quantity gives its unit in brackets: [kWh], [kg CO2e/kWh], [fraction]."""
    doc = numpydoc_docscrape.FunctionDoc(func)
    missing = [
        f"{param.name} ({param.type})"
        for param in doc["Parameters"]
        if "Quantity" in param.type and not _has_unit(" ".join(param.desc))
    ]
    assert not missing, (
        f"{qualname}: Quantity parameters without a unit in square brackets in their description "
        f"(e.g. [kWh], [L, kL, kg ...], [degC], [fraction] or [dimensionless]): {missing}"
    )
