"""dtype invariance (issue 12): every engine gives the float64 result for integer and float32 magnitudes.

For each numeric engine of energy, emissions, savings, rates, chiller, electrical, building and
production (the specs marked ``engine`` in ``tests/_harness_catalogue.py``), hypothesis draws a
dtype (int8 ... int64, uint8 ... uint64, float32), a scalar or an array, and values in the dtype's
range, its maximum included, for some of the engine's Quantity and number arguments; the call
must give the same result (rtol 1e-12) as the call with the same values as float64 (for float32:
the float64 of the float32 value), or be refused with the same error class (a float64 call that
raises another exception type is the bad-input harness's finding; here the integer call must then
raise the same type). An engine that
computes in the input's integer type wraps around (``np.int16(8024)`` units x 3,000 h gave
20,288 kWh); one that computes in float32 rounds.

The tests are grouped by module (each example draws the engine, the dtype, the arguments and the
values), and the DataFrame entry points form one group, to keep the run of this file and of the
bad-input harness under a minute in CI (``HYPOTHESIS_PROFILE=ci``, tests/conftest.py).
"""

from __future__ import annotations

import importlib.util
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import Q_


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

SIGNED = (np.int8, np.int16, np.int32, np.int64)
UNSIGNED = (np.uint8, np.uint16, np.uint32, np.uint64)
FLOAT32 = (np.float32,)
MODULES = ("energy", "emissions", "savings", "rates", "chiller", "electrical", "building", "production", "fee")


def _numeric(spec: Any) -> list[Any]:
    return [p for p in spec.params if p.numeric and not p.passthrough]


ENGINES = [s for s in H.SPECS.values() if s.engine and _numeric(s)]
FRAMES = [s.id for s in ENGINES if any(p.cell for p in s.params)]
BY_MODULE = {m: [s.id for s in ENGINES if s.id.split(".")[0] == m and s.id not in FRAMES] for m in MODULES}
ALL = SIGNED + UNSIGNED + FLOAT32
GROUPS = [pytest.param(BY_MODULE[m], ALL, id=m) for m in MODULES if BY_MODULE[m]] + [
    pytest.param(FRAMES, ALL, id="frames")
]


def _elements(dtype: Any, lo: float, hi: float) -> st.SearchStrategy[Any]:
    """Values of *dtype* between lo and hi, the top of the range (the dtype's max) drawn often."""
    if np.dtype(dtype).kind == "f":
        top = float(np.float32(hi)) if np.float32(hi) <= hi else float(np.nextafter(np.float32(hi), np.float32(0)))
        return st.one_of(st.just(top), st.floats(float(lo), top, width=32, allow_nan=False, allow_infinity=False))
    lo_i, hi_i = int(np.ceil(lo)), int(np.floor(hi))
    return st.one_of(st.just(hi_i), st.integers(lo_i, hi_i))


def _wrap(p: Any, magnitude: Any) -> Any:
    return Q_(magnitude, H.U(p.unit)) if p.kind == H.QUANTITY else magnitude


def _reference(p: Any, magnitude: Any) -> Any:
    if p.integer and np.dtype(magnitude.dtype).kind in "iu":
        return magnitude.astype(np.int64) if isinstance(magnitude, np.ndarray) else int(magnitude)
    return H.as_reference(magnitude)


class _Refused:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


class _Crashed(_Refused):
    """Another exception type: a defect the bad-input harness reports; here only the sameness counts."""


def _call(spec: Any, override: dict[str, Any]) -> str:
    return f"{spec.id}({', '.join(f'{k}={H.describe(v)}' for k, v in override.items())})"


def _outcome(spec: Any, override: dict[str, Any]) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return spec.run(**override)
    except H.allowed(spec) as exc:
        return _Refused(exc)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - compared with the float64 call's outcome
        return _Crashed(exc)


@pytest.mark.parametrize(("spec_ids", "dtypes"), GROUPS)
@given(data=st.data())
def test_engine_gives_the_float64_result(spec_ids: list[str], dtypes: tuple[Any, ...], data: Any) -> None:
    spec = H.SPECS[data.draw(st.sampled_from(spec_ids), label="engine")]
    dtype = data.draw(st.sampled_from(dtypes), label="dtype")
    params = {p.name: p for p in _numeric(spec)}
    names = data.draw(st.lists(st.sampled_from(sorted(params)), min_size=1, unique=True), label="arguments")
    chosen = [params[name] for name in names]
    as_array = data.draw(st.booleans(), label="array")
    n = data.draw(st.integers(1, 3), label="length")
    override: dict[str, Any] = {}
    reference: dict[str, Any] = {}
    for p in chosen:
        lo, hi = H.dtype_limits(p, dtype)
        if lo > hi:
            continue
        if isinstance(p.valid, np.ndarray):  # a series of fixed length (12 months, 4 quarters)
            shape: tuple[int, ...] = p.valid.shape
        else:
            shape = (n,) if as_array and not p.cell else ()
        elements = _elements(dtype, lo, hi)
        if shape:
            values = np.array(
                data.draw(st.lists(elements, min_size=shape[0], max_size=shape[0]), label=p.name), dtype=dtype
            )
        else:
            values = np.dtype(dtype).type(data.draw(elements, label=p.name))
        override[p.name] = _wrap(p, values)
        reference[p.name] = _wrap(p, _reference(p, values))
    want = _outcome(spec, reference)
    got = _outcome(spec, override)
    call, ref_call = (lambda: _call(spec, override)), (lambda: _call(spec, reference))
    if isinstance(got, _Crashed) and not isinstance(want, _Crashed):
        raise AssertionError(
            f"bare {type(got.exc).__name__} from {call()}: {str(got.exc)[:300]}; {ref_call()} does not"
        )
    if isinstance(want, _Refused):  # refused, or a crash the harness reports: the same must happen
        assert isinstance(got, _Refused), (
            f"accepted: {call()} returned {got!r:.200}, but {ref_call()} is refused: {want.exc}"
        )
        assert type(got.exc) is type(want.exc), (
            f"{call()} raised {type(got.exc).__name__}: {got.exc}; {ref_call()} raised {type(want.exc).__name__}: {want.exc}"
        )
        return
    assert not isinstance(got, _Refused), f"refused: {call()}: {got.exc}; {ref_call()} works"
    diff = H.difference(got, want)
    assert diff is None, f"different result: {call()} vs {ref_call()}: {diff}"


def test_every_engine_is_in_a_group() -> None:
    grouped = {s for ids in BY_MODULE.values() for s in ids} | set(FRAMES)
    assert grouped == {s.id for s in ENGINES}
    assert {s.id.split(".")[0] for s in ENGINES} <= set(MODULES)
