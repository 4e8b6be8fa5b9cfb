"""Bad-input harness (issue 12): every public callable, every value parameter, a catalogue of bad values.

The table of valid calls and the catalogue are in ``tests/_harness_catalogue.py``. Each test is
one (callable, parameter, bad value), e.g. ``savings.equipment_power-units-int16_large``. The
only outcomes allowed are:

* a :class:`~carbonaudit.errors.CarbonAuditError` (a pydantic ``ValidationError`` where a model is
  built) whose message names the argument, for the values that must be refused (bare numbers,
  wrong dimensions, short tons, kvarh/kVAh, NaN, infinities, negatives, 10**400, floats as periods);
* the same result (rtol 1e-12) as the call with the value as float64, or such a refusal, for values
  that mean a number (numpy integer scalars and arrays with large values, Decimal, numeric strings,
  0-d arrays, Series with an index); numpy integer years must work like the int;
* for the rest (1e308, zero, empty arrays), a result with no NaN or infinity that the valid call
  does not have, or such a refusal.

Never another exception type (TypeError, OverflowError, pint errors, ZeroDivisionError,
RecursionError, KeyError, IndexError, a numpy RuntimeWarning).
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
import types
import warnings
from pathlib import Path
from typing import Any

import pytest


def _catalogue() -> Any:
    name = "_harness_catalogue"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


H = _catalogue()

_ALL = [((s.id, p.name, c.id), c) for s in H.SPECS.values() for p in s.params for c in H.cases(p)]
TABLE = dict(_ALL)
CASES = [pytest.param(*k, id="-".join(k)) for k in TABLE]


class _Refused:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def _outcome(spec: Any, override: dict[str, Any], call: str) -> Any:
    """The call's result, or _Refused(error) for an allowed error; any other exception fails the test."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return spec.run(**override)
    except H.allowed(spec) as exc:
        return _Refused(exc)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - every other type is the failure this harness looks for
        pytest.fail(f"bare {type(exc).__name__} from {call}: {str(exc)[:300]}", pytrace=False)


@functools.cache
def _baseline_nonfinite(spec_id: str) -> frozenset[str]:
    spec = H.SPECS[spec_id]
    return frozenset(H.nonfinite(spec.run()))


def _short(result: Any) -> str:
    text = repr(result)
    return text if len(text) < 200 else text[:200] + "..."


def _names_argument(exc: BaseException, param: Any, value: Any, call: str) -> None:
    message = str(exc)
    words = param.words + ((str(value),) if param.self_named else ())
    # whole words: a message that says "XXsavingsXX" or "SAVINGS" names no argument (mutation testing)
    assert any(re.search(rf"(?<![A-Za-z0-9_]){re.escape(w)}(?![A-Za-z0-9_])", message) for w in words), (
        f"message does not name the argument ({' or '.join(map(repr, words))}): {call} raised "
        f"{type(exc).__name__}: {message[:300]}"
    )


def _new_nonfinite(spec: Any, result: Any) -> list[str]:
    known = _baseline_nonfinite(spec.id)
    return [p for p in H.nonfinite(result) if p not in known]


@pytest.mark.parametrize("spec_id", list(H.SPECS))
def test_valid_call(spec_id: str) -> None:
    """The table's valid call works (the harness substitutes one value at a time into it)."""
    spec = H.SPECS[spec_id]
    result = _outcome(spec, {}, f"{spec_id}(valid arguments)")
    assert not isinstance(result, _Refused), f"the valid call of {spec_id} is refused: {result.exc}"


@pytest.mark.parametrize(("spec_id", "param_name", "case_id"), CASES)
def test_bad_input(spec_id: str, param_name: str, case_id: str) -> None:
    spec = H.SPECS[spec_id]
    param = spec.param(param_name)
    case = TABLE[spec_id, param_name, case_id]
    call = f"{spec_id}({param_name}={H.describe(case.value)})"
    got = _outcome(spec, {param.name: case.value}, call)

    if case.expect == H.REFUSE:
        assert isinstance(got, _Refused), f"accepted: {call} returned {_short(got)}"
        _names_argument(got.exc, param, case.value, call)
        return
    if case.expect == H.SAFE:
        if isinstance(got, _Refused) and case.id != "zero":  # refusing a zero is about what follows from it
            _names_argument(got.exc, param, case.value, call)
        missing = case.id == "none" and param.nan_ok  # an empty cell of a log is a missing value
        finite_input = case.id not in ("nan", "inf", "neg_inf") and not missing
        if not isinstance(got, _Refused) and finite_input and not (case.id == "zero" and param.zero_nonfinite_ok):
            bad = _new_nonfinite(spec, got)
            assert not bad, f"NaN or inf in the result of {call} (finite inputs) at {bad[:4]}"
        return

    # SAME / STRICT: compare with the same call with the value as float64 (or as meant)
    ref_call = f"{spec_id}({param_name}={H.describe(case.ref)})"
    ref = _outcome(spec, {param.name: case.ref}, ref_call)
    if isinstance(ref, _Refused):
        assert isinstance(got, _Refused), (
            f"accepted: {call} returned {_short(got)}, but {ref_call} is refused: {ref.exc}"
        )
        return
    if isinstance(got, _Refused):
        # numpy integer years are years everywhere; a model (YAML/JSON input) may refuse them
        assert case.expect != H.STRICT or spec.model, f"refused: {call}: {got.exc}; {ref_call} works"
        _names_argument(got.exc, param, case.value, call)
        return
    bad = _new_nonfinite(spec, got)
    assert not bad, f"NaN or inf in the result of {call} (finite inputs) at {bad[:4]}"
    diff = H.difference(got, ref)
    assert diff is None, f"different result: {call} vs {ref_call}: {diff}"


# -- the harness checks itself ------------------------------------------------------------------


def _resolve(name: str) -> Any:
    module_name, _, attr = name.rpartition(".")
    try:
        return getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError):
        return importlib.import_module(name)


def test_every_public_callable_is_driven_or_listed() -> None:
    """A new public function fails here until it is in the table (or a list, with the reason)."""
    driven = {id(o) for o in H.driven_objects()}
    listed = {id(_resolve(n)) for table in (H.SKIP, H.RESULT_TYPES, H.NO_VALUE_PARAMS) for n in table}
    missing = []
    for name, obj in H.public_callables().items():
        if isinstance(obj, types.ModuleType):
            if obj.__name__ not in H.MODULES and obj.__name__ not in H.SKIP:
                missing.append(f"module {obj.__name__}")
        elif id(obj) not in driven and id(obj) not in listed:
            missing.append(name)
    assert not missing, f"public callables neither driven nor listed (add a spec or a reason): {missing}"


def test_the_lists_name_real_callables_and_stay_short() -> None:
    for table in (H.SKIP, H.RESULT_TYPES, H.NO_VALUE_PARAMS):
        for name in table:
            _resolve(name)  # raises if the name is stale
    for result_type, spec_id in H.RESULT_TYPES.items():
        assert spec_id in H.SPECS, f"{result_type}: no spec {spec_id}"
    skipped_callables = [n for n in H.SKIP if not isinstance(_resolve(n), types.ModuleType)]
    assert len(skipped_callables) <= 8, skipped_callables


def test_every_spec_has_its_catalogue() -> None:
    assert all(s.params for s in H.SPECS.values())
    assert len(TABLE) == len(_ALL), "two cases of one parameter share an id"
