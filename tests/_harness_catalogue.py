"""The table behind the bad-input harness (tests/test_harness.py) and the dtype property tests.

Issue 12. For every public callable of every public module (each module's ``__all__``) the table
holds one valid call (``Spec``), taken from the docstring examples and the tests, and the
parameters the harness substitutes (``Param``): Quantities, plain numbers, counts, years,
periods, strings, mapping keys, unit labels and DataFrame columns. :func:`cases` turns a
parameter into its catalogue of bad values, each with what the library must do with it:

* ``REFUSE``: raise a :class:`~carbonaudit.errors.CarbonAuditError` (or a pydantic
  ``ValidationError`` where a model is built) whose message names the argument;
* ``SAME``: return a result equal (rtol 1e-12) to the same call with the value as float64 (the
  *reference*), or refuse as above; if the reference is refused, the value must be refused too;
* ``STRICT``: as ``SAME`` but refusing is wrong when the reference is accepted (numpy integer years);
* ``SAFE``: return or refuse as above: never another exception, never NaN or an infinity in a result
  whose valid call has none.

Callables that cannot be driven are in :data:`SKIP` with the reason; result types that only the
library builds are in :data:`RESULT_TYPES` with the spec that drives the function returning them;
models and callables that take no value to substitute are in :data:`NO_VALUE_PARAMS`.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import importlib
import inspect
import math
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pint
import yaml
from pydantic import BaseModel, ValidationError

import carbonaudit
from carbonaudit import (
    Q_,
    building,
    chiller,
    declaration,
    electrical,
    emissions,
    energy,
    factors,
    fee,
    formatting,
    inventory,
    measure_codes,
    periods,
    production,
    rates,
    savings,
    units,
)
from carbonaudit.errors import CarbonAuditError, DeclarationError

ROOT = Path(__file__).resolve().parents[1]

# -- what a call may do -----------------------------------------------------------------------

REFUSE = "refuse"
SAME = "same"
STRICT = "strict"
SAFE = "safe"

# -- parameter kinds --------------------------------------------------------------------------

QUANTITY = "quantity"  # a Quantity of carbonaudit.ureg
NUMBER = "number"  # a plain number (fraction, rate, output, threshold); some take a percent Quantity
COUNT = "count"  # a whole number of units, months, digits, samples
YEAR = "year"  # an AD (or, with era="ROC", ROC) year as int
PERIOD = "period"  # a completion month or period ("106/8", "106/8~106/9")
STRING = "string"  # a code, fuel, id, method or kind from a fixed set
KEY = "key"  # the key of a mapping argument (deduction kind, fuel, source)
UNIT = "unit"  # a unit label ("kWh", "公秉") in a model field or a DataFrame column
INDEX = "index"  # the index of a DataFrame argument

INT_DTYPES = (np.int8, np.int16, np.int32, np.uint8, np.uint16, np.uint32)
MODEL_DTYPES = (np.int16, np.uint32)
ARRAY_DTYPES = (np.int16, np.int32, np.uint32)  # 1-element arrays (the scalars take all six)

# Dimensions, for the unit traps of each parameter.
_DIM = {
    "mass": Q_(1, "kg").dimensionality,
    "energy": Q_(1, "kWh").dimensionality,
    "power": Q_(1, "kW").dimensionality,
    "temperature": Q_(1, "degC").dimensionality,
    "length": Q_(1, "m").dimensionality,
}


@dataclass(frozen=True)
class Param:
    """One substitutable argument of a :class:`Spec`.

    ``valid`` is the value of the valid call: for a Quantity its magnitude, with ``unit``.
    """

    name: str
    kind: str
    valid: Any
    unit: str | None = None
    accepts: tuple[str, ...] = ()  # other units the parameter takes (their dimensions add unit traps)
    traps: tuple[tuple[str, str], ...] = ()  # extra (case id, unit) that must be refused
    negative_ok: bool = False  # a negative value is valid (temperatures, differences)
    nan_ok: bool = False  # NaN is valid (a missing value in a log)
    optional: bool = False  # None is valid
    percent_ok: bool = False  # a NUMBER that also takes a dimensionless Quantity
    apparent: bool = False  # a kVA rating: var/VA units are what is wanted
    any_unit: bool = False  # a Quantity of any dimension is valid (require_quantity, stack without unit)
    unknown_ok: bool = False  # a STRING/KEY outside the known set is valid (it returns None)
    cell: bool = False  # a DataFrame column, filled with the value
    zero_nonfinite_ok: bool = False  # a zero may give the documented NaN (kW/RT of a month with no cooling)
    era: str = "AD"  # for YEAR: the era of the valid year
    integer: bool = False  # a COUNT that must be an int (samples, seed, digits, month): the reference is the int
    passthrough: bool = False  # returned as is, or only its shape looked at (require_quantity, check_shapes)
    self_named: bool = False  # the value is the argument (a label, text to parse): the message may show it
    dtypes: tuple[Any, ...] = INT_DTYPES  # integer dtypes of the "large" cases (models: two, one path)
    huge_ok: bool = False  # a Python int beyond float range is valid (a random seed)
    lo: float | None = None  # smallest valid value (dtype tests); default 0, or the dtype's min if negative_ok
    hi: float | None = None  # largest valid value (dtype tests, "large" values); default the dtype's max
    names: tuple[str, ...] = ()  # words, one of which a refusal's message must hold; default the name's stem
    any_case: bool = False  # a STRING read in any case (GWP sets: "ar6" is AR6): the reference is the valid value

    @property
    def words(self) -> tuple[str, ...]:
        if self.names:
            return self.names
        stem = self.name.split("[")[0].split(".")[-1] if "." in self.name.split("[")[0] else self.name.split("[")[0]
        return (stem,)

    @property
    def numeric(self) -> bool:
        return self.kind in (QUANTITY, NUMBER, COUNT)

    def dims(self) -> list[Any]:
        labels = ((self.unit,) if self.unit else ()) + self.accepts
        out = []
        for label in labels:
            try:
                out.append(units.parse_unit(label).dimensionality)
            except CarbonAuditError:
                out.append(Q_(1, label).dimensionality)
        return out


@functools.cache
def U(label: str) -> Any:
    """A unit of carbonaudit.ureg, parsed once (pint's parser dominates the cost of building the catalogue)."""
    return carbonaudit.ureg.Unit(label)


def QU(magnitude: Any, label: str) -> Any:
    """Q_(magnitude, label) with the unit parsed once."""
    return Q_(magnitude, U(label))


def q(name: str, value: Any, unit: str, **kw: Any) -> Param:
    """A Quantity parameter: its valid magnitude and unit."""
    return Param(name, QUANTITY, np.asarray(value, dtype=float) if isinstance(value, list) else value, unit, **kw)


def num(name: str, value: Any, **kw: Any) -> Param:
    return Param(name, NUMBER, np.asarray(value, dtype=float) if isinstance(value, list) else value, **kw)


def frac(name: str, value: Any, **kw: Any) -> Param:
    """A fraction in [0, 1] that also takes a percent Quantity."""
    kw.setdefault("hi", 1)
    return Param(
        name, NUMBER, np.asarray(value, dtype=float) if isinstance(value, list) else value, percent_ok=True, **kw
    )


def count(name: str, value: Any, **kw: Any) -> Param:
    return Param(name, COUNT, value, **kw)


def months(name: str = "months", value: Any = 12, **kw: Any) -> Param:
    kw.setdefault("hi", 12)
    return Param(name, COUNT, value, **kw)


def year(name: str = "year", value: int = 2024, **kw: Any) -> Param:
    return Param(name, YEAR, value, **kw)


def period(name: str, value: str, **kw: Any) -> Param:
    return Param(name, PERIOD, value, **kw)


def text(name: str, value: Any, **kw: Any) -> Param:
    return Param(name, STRING, value, **kw)


def key(name: str, value: str, **kw: Any) -> Param:
    return Param(name, KEY, value, **kw)


def label(name: str, value: str, **kw: Any) -> Param:
    """A unit label (model field or DataFrame column); its dimension sets the traps."""
    return Param(name, UNIT, value, unit=value, **kw)


def index() -> Param:
    return Param("index", INDEX, None)


# -- cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    value: Any
    expect: str
    ref: Any = None  # the float64 reference value (SAME, STRICT)


def _shape_like(valid: Any, fill: Any, dtype: Any = float) -> Any:
    if isinstance(valid, np.ndarray):
        return np.full(valid.shape, fill, dtype=dtype)
    return dtype(fill) if dtype is not float else float(fill)


def _last(valid: Any, value: float) -> Any:
    """*valid* with its last element (or itself, for a scalar) replaced by *value*."""
    if isinstance(valid, np.ndarray):
        out = valid.astype(float).copy()
        out.reshape(-1)[-1] = value
        return out
    return value


def _negative(valid: Any) -> float:
    v = float(np.ravel(valid)[-1]) if isinstance(valid, np.ndarray) else float(valid)
    return -abs(v) if v else -1.0


def _large(p: Param, dtype: Any) -> Any:
    info = np.iinfo(dtype)
    top = info.max if p.hi is None else min(info.max, int(p.hi))
    return dtype(top)


def _dec(v: float) -> Decimal:
    return Decimal(str(int(v))) if float(v).is_integer() else Decimal(repr(float(v)))


def _numstr(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _magnitude_cases(p: Param, wrap: Callable[[Any], Any]) -> list[Case]:
    """The value catalogue shared by Quantities (wrap = Q_(..., unit)) and plain numbers (wrap = id)."""
    out = _magnitude_cases_strict(p, wrap)
    if p.passthrough:
        return [dataclasses.replace(c, expect=SAFE, ref=None) for c in out]
    return out


def _ref(p: Param, value: Any) -> Any:
    """The reference of a value that means a number: float64, or the int for an integer parameter."""
    if p.integer:
        return np.asarray(value).astype(np.int64) if isinstance(value, np.ndarray) else int(value)
    return np.asarray(value, dtype=np.float64) if isinstance(value, np.ndarray) else float(value)


def _magnitude_cases_strict(p: Param, wrap: Callable[[Any], Any]) -> list[Case]:
    v = p.valid
    scalar = not isinstance(v, np.ndarray)
    bad_value = SAFE if p.nan_ok else REFUSE
    out = [
        Case("nan", wrap(_last(v, math.nan)), bad_value),
        Case("inf", wrap(_last(v, math.inf)), bad_value),
        Case("neg_inf", wrap(_last(v, -math.inf)), bad_value),
        Case("negative", wrap(_last(v, _negative(v))), SAFE if p.negative_ok else REFUSE),
        Case("zero", wrap(_shape_like(v, 0.0)), SAFE),
        Case("1e308", wrap(_shape_like(v, 1e308)), SAFE),
        Case("int_huge", wrap(10**400), SAFE if p.huge_ok else REFUSE),
    ]
    for dt in p.dtypes:
        big = _large(p, dt)
        name = np.dtype(dt).name
        large = _shape_like(v, big, dt)
        out.append(Case(f"{name}_large", wrap(large), SAME, wrap(_ref(p, large))))
        if scalar and not p.cell and dt in ARRAY_DTYPES:
            out.append(Case(f"{name}_array", wrap(np.array([big], dtype=dt)), SAME, wrap(_ref(p, np.array([big])))))
    if scalar:
        out += [
            Case("decimal", wrap(_dec(v)), SAME, wrap(_ref(p, v))),
            Case("numeric_str", wrap(_numstr(v)), SAME, wrap(_ref(p, v))),
        ]
        if p.cell:
            out.append(
                Case("thousands_sep", f"{float(v):,.0f}" if float(v) >= 1000 else f"{float(v):,}", SAME, _ref(p, v))
            )
        else:
            out.append(Case("0d", wrap(np.array(v)), SAME, wrap(_ref(p, v))))
    if not p.cell:
        out.append(Case("empty", wrap(np.array([], dtype=float)), SAFE))
    return out


def _unit_traps(p: Param) -> list[tuple[str, str, str, Any]]:
    """(case id, unit, expectation, reference unit) for the units a parameter must not take as meant."""
    dims = p.dims()
    out: list[tuple[str, str, str, Any]] = []
    if _DIM["mass"] in dims:
        out += [
            ("ton", "ton", REFUSE, None),
            ("short_ton", "short_ton", REFUSE, None),
            ("long_ton", "long_ton", REFUSE, None),
        ]
    if not p.apparent and not p.any_unit:
        if _DIM["energy"] in dims:
            out += [("kvarh", "kvar*h", REFUSE, None), ("kVAh", "kVA*h", REFUSE, None)]
        if _DIM["power"] in dims:
            out += [("kvar", "kvar", REFUSE, None), ("kVA", "kVA", REFUSE, None)]
    if p.unit and _DIM["temperature"] in dims:
        # handled (read as meant) or refused: the reference is the same number in the unit meant
        if "delta" in p.unit:
            out.append(("degC_for_delta", "degC", SAME, p.unit))
        else:
            out.append(("delta_for_degC", "delta_degC", SAME, p.unit))
    out += [(cid, u, REFUSE, None) for cid, u in p.traps]
    return out


# The spellings users type for a parameter's unit (issue 15): read as the unit meant (the reference
# is the call with the valid label) or refused where the spelling leaves two units or none.
_SPELLINGS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "kWh": (("form_label", "度", SAME), ("spelling_lower", "kwh", SAME), ("spelling_upper", "KWH", SAME)),
    "kL": (("form_label", "公秉", SAME), ("spelling_upper", "KL", SAME)),
    "kW": (("form_label", "瓩", SAME), ("spelling_upper", "KW", SAME)),
    "kg": (("form_label", "公斤", SAME), ("spelling_upper", "KG", SAME)),
    "L": (("form_label", "公升", SAME),),
    "t": (
        ("form_label", "公噸", SAME),
        ("spelling_tonne", "Tonne", SAME),
        ("tesla", "T", REFUSE),
        ("knot", "kt", REFUSE),
    ),
    "m**3": (("form_label", "立方公尺", SAME), ("spelling_digit", "m3", SAME), ("normal_m3", "Nm3", REFUSE)),
    "m**2": (("form_label", "平方公尺", SAME), ("spelling_digit", "m2", SAME)),
}


def _spellings(p: Param) -> list[Case]:
    """The spellings of *p*'s unit a user types, and the ambiguous ones of its dimension."""
    out = [
        Case(cid, spelt, expect, p.valid if expect == SAME else None)
        for cid, spelt, expect in _SPELLINGS.get(p.unit or "", ())
    ]
    dims = p.dims()
    if _DIM["energy"] in dims:
        out.append(Case("ambiguous_mwh", "mwh", REFUSE))  # MWh or mWh
    if _DIM["power"] in dims:
        out.append(Case("ambiguous_mw", "mw", REFUSE))  # MW or mW
    out.append(Case("misspelt_unit", "kwhr", REFUSE))  # refused with "did you mean 'kWh'?"
    return out


def _wrong_dimension(p: Param) -> str:
    return "kg" if _DIM["length"] in p.dims() else "m"


def cases(p: Param) -> list[Case]:
    """The catalogue of bad values for one parameter (see the module docstring)."""
    v = p.valid
    none = [Case("none", None, SAFE if p.optional else REFUSE)]
    if p.kind == QUANTITY:

        def wrap(m: Any) -> Any:
            return QU(m, p.unit)

        if p.passthrough:
            none = [Case("none", None, REFUSE)]
        out = [Case("bare", v, REFUSE)]
        if not p.any_unit:
            out.append(Case("wrong_dim", QU(v, _wrong_dimension(p)), REFUSE))
        for cid, unit, expect, ref_unit in _unit_traps(p):
            out.append(Case(cid, QU(v, unit), expect, QU(v, ref_unit) if ref_unit else None))
        return out + _magnitude_cases(p, wrap) + none
    if p.kind in (NUMBER, COUNT):

        def ident(m: Any) -> Any:
            return m

        out = _magnitude_cases(p, ident)
        junk = SAFE if p.passthrough else REFUSE
        out += [Case("bool", True, junk), Case("text", "abc", junk), Case("wrong_dim", QU(v, "kWh"), junk)]
        if p.percent_ok and not isinstance(v, np.ndarray):
            out.append(Case("percent", QU(float(v) * 100, "percent"), SAME, float(v)))
        if not p.cell:
            if isinstance(v, np.ndarray):
                series = pd.Series(v, index=np.arange(10, 10 + v.size))
                out.append(Case("series_index", series, SAFE if p.passthrough else SAME, _ref(p, v)))
            else:
                pair = np.array([v, v])
                out.append(
                    Case(
                        "series_index", pd.Series(pair, index=[10, 20]), SAFE if p.passthrough else SAME, _ref(p, pair)
                    )
                )
        if p.cell and p.nan_ok:  # an empty cell is a missing value, as NaN
            none = [Case("none", None, SAFE)]
        if p.passthrough:
            none = [Case("none", None, SAFE)]
        return out + none
    if p.kind == YEAR:
        out = [
            Case("np_int64", np.int64(v), STRICT, v),
            Case("np_int32", np.int32(v), STRICT, v),
            Case("np_uint16", np.uint16(v), STRICT, v),
            Case("float_year", float(v), SAME, v),
            Case("fractional_year", v + 0.5, REFUSE),
            Case("str_year", str(v), SAME, v),
            Case("decimal_year", Decimal(v), SAME, v),
            Case("bool", True, REFUSE),
            Case("nan", math.nan, REFUSE),
            Case("negative", -v, REFUSE),
            Case("int_huge", 10**400, REFUSE),
            Case("far_future", 99_999, SAFE),
        ]
        if p.era == "AD":
            out.append(Case("roc", v - 1911, SAME, v))
        return out + none
    if p.kind == PERIOD:
        out = [
            Case("float_period", 106.10, REFUSE),
            Case("float_period_jan", 106.1, REFUSE),
            Case("np_float_period", np.float64(106.10), REFUSE),
            Case("decimal_period", Decimal("106.10"), REFUSE),
            Case("year_int", 106, REFUSE),
            Case("empty_str", "", REFUSE),
            Case("month_13", "106/13", REFUSE),
            Case("month_0", "106/0", REFUSE),
            Case("text", "abc", REFUSE),
        ]
        if not p.cell:  # a DataFrame cell holds one value
            out.append(Case("float_array_period", np.array([106.10, 106.12]), REFUSE))
        if "~" not in v:
            y, m = (int(x) for x in v.split("/"))
            out.append(Case("iso_ad", f"{y + 1911}-{m:02d}", SAME, v))
        return out + none
    if p.kind == STRING:
        out = [
            Case("empty_str", "", SAFE if p.unknown_ok else REFUSE),
            Case("unknown", "no-such-value", SAFE if p.unknown_ok else REFUSE),
            Case("not_str", 1000, REFUSE),
            Case("bytes", str(v).encode(), REFUSE),
        ]
        if not p.cell:  # unhashable: a set or dict lookup would raise TypeError (a CSV cell is never one)
            out += [Case("list", [v], REFUSE), Case("dict", {v: v}, REFUSE)]
        if p.any_case:
            out += [Case("lower_case", str(v).lower(), SAME, v), Case("padded", f" {v} ", SAME, v)]
        return out + none
    if p.kind == KEY:
        return [
            Case("unknown_key", "no_such_key", SAFE if p.unknown_ok else REFUSE),
            Case("misspelt_key", v[:-2] + v[-1:] if len(v) > 3 else v + "x", SAFE if p.unknown_ok else REFUSE),
            Case("not_str_key", 1000, REFUSE),
            Case("empty_key", "", REFUSE),
        ]
    if p.kind == UNIT:
        out = [Case(cid, unit, expect, ref) for cid, unit, expect, ref in _unit_traps(p)]
        if not p.any_unit:
            out.append(Case("wrong_dim", _wrong_dimension(p), REFUSE))
        out += _spellings(p)
        out += [
            Case("unknown_unit", "furlong_per_fortnight_xyz", REFUSE),
            Case("empty_str", "", REFUSE),
            Case("not_str", 1000, REFUSE),
        ]
        if not p.cell:
            out.append(Case("list", [v], REFUSE))
        return out + none
    if p.kind == INDEX:
        return [Case("index_offset", [7], SAME, None), Case("index_str", ["row-a"], SAME, None)]
    raise AssertionError(p.kind)


# -- specs ------------------------------------------------------------------------------------


@dataclass
class Spec:
    """One valid call of a public callable, and the parameters to substitute in it."""

    id: str
    targets: tuple[Any, ...]
    call: Callable[[dict[str, Any]], Any]
    params: tuple[Param, ...]
    model: bool = False  # a pydantic model is built: a ValidationError is a refusal
    engine: bool = False  # a numeric engine (dtype-invariance property tests)

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)

    def args(self, **override: Any) -> dict[str, Any]:
        out = {p.name: _fresh(p.valid) if p.kind != QUANTITY else QU(_fresh(p.valid), p.unit) for p in self.params}
        out.update(override)
        return out

    def run(self, **override: Any) -> Any:
        return self.call(self.args(**override))


def _fresh(v: Any) -> Any:
    return v.copy() if isinstance(v, np.ndarray) else v


SPECS: dict[str, Spec] = {}


def spec(
    id: str,
    target: Any,
    call: Callable[[dict[str, Any]], Any] | None,
    *params: Param,
    also: tuple[Any, ...] = (),
    model: bool = False,
    engine: bool = False,
) -> None:
    """Add a spec; ``call=None`` calls *target* with the parameters as keywords."""
    assert id not in SPECS, id
    assert len({p.name for p in params}) == len(params), id
    if model:  # a pydantic field takes one path for every integer dtype: two of them will do
        params = tuple(dataclasses.replace(p, dtypes=MODEL_DTYPES) for p in params)
    SPECS[id] = Spec(id, (target, *also), call or (lambda a: target(**a)), params, model, engine)


def allowed(spec_: Spec) -> tuple[type[BaseException], ...]:
    return (CarbonAuditError, ValidationError) if spec_.model else (CarbonAuditError,)


# -- helpers for DataFrames and documents -----------------------------------------------------


def column(value: Any, n: int) -> Any:
    """A DataFrame column of *n* rows filled with *value*, keeping a numpy dtype."""
    if isinstance(value, (np.generic,)):
        return np.full(n, value)
    if isinstance(value, (Decimal, str, bytes)) or value is None or (isinstance(value, int) and abs(value) > 2**63):
        return pd.array([value] * n, dtype=object)
    return [value] * n


def frame(columns: dict[str, Any], n: int, idx: Any) -> pd.DataFrame:
    df = pd.DataFrame(
        {
            k: column(v, n) if not isinstance(v, (list, np.ndarray, pd.api.extensions.ExtensionArray)) else v
            for k, v in columns.items()
        }
    )
    if idx is not None:
        df.index = idx if len(idx) == n else [f"{i}-{j}" for j in range(n) for i in idx][:n]
    return df


def set_path(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    for k in path[:-1]:
        doc = doc[k]
    doc[path[-1]] = value


def load_yaml(name: str) -> Any:
    return yaml.safe_load((ROOT / "examples" / name).read_text(encoding="utf-8"))


# ============================================================================================
# The table: one valid call per public callable, module by module.
# ============================================================================================

AWARD = "ntpc-award-2015"
_FS_CACHE: dict[str, Any] = {}


def fs(set_id: str | None = None) -> Any:
    key_ = set_id or ""
    if key_ not in _FS_CACHE:
        _FS_CACHE[key_] = factors.load(set_id)
    return _FS_CACHE[key_]


# -- carbonaudit.units: the boundary helpers ---------------------------------------------------

for _id, _unit_valid, _want in (
    ("volume", (1, "kL"), "L"),
    ("energy", (1, "MWh"), "kWh"),
    ("mass", (1, "t"), "kg"),
    ("power", (1, "MW"), "kW"),
    ("temperature", (7, "degC"), "degC"),
    ("delta", (5, "delta_degC"), "delta_degC"),
):
    _neg = _id in ("temperature", "delta")
    spec(
        f"units.magnitude[{_id}]",
        units.magnitude,
        lambda a, _w=_want: units.magnitude(a["value"], _w, "value"),
        q("value", *_unit_valid, negative_ok=True, nan_ok=True),
    )
    spec(
        f"units.checked_magnitude[{_id}]",
        units.checked_magnitude,
        lambda a, _w=_want, _n=_neg: units.checked_magnitude(a["value"], _w, "value", allow_negative=_n),
        q("value", *_unit_valid, negative_ok=_neg),
    )
    spec(
        f"units.scalar_magnitude[{_id}]",
        units.scalar_magnitude,
        lambda a, _w=_want, _n=_neg: units.scalar_magnitude(a["value"], _w, "value", allow_negative=_n),
        q("value", *_unit_valid, negative_ok=_neg),
    )
spec(
    "units.magnitude[unit]",
    units.magnitude,
    lambda a: units.magnitude(Q_(1, "kL"), a["unit"], "value"),
    text("unit", "L", names=("value",)),
)
spec(
    "units.require_quantity",
    units.require_quantity,
    lambda a: units.require_quantity(a["value"], "factor", "kg/L"),
    q("value", 2.61, "kg/L", any_unit=True, passthrough=True, names=("factor",)),
)
spec(
    "units.fraction",
    units.fraction,
    lambda a: units.fraction(a["gain"], "gain"),
    frac("gain", 0.125, negative_ok=True, nan_ok=True, hi=None),
)
spec(
    "units.stack",
    units.stack,
    lambda a: units.stack([a["uses[0]"], Q_(500, "kWh")], "uses", "kWh"),
    q("uses[0]", 1, "MWh", negative_ok=True, nan_ok=True, names=("uses",)),
)
spec(
    "units.stack[array]",
    units.stack,
    lambda a: units.stack(a["uses"], "uses", "L"),
    q("uses", [1, 2], "kL", negative_ok=True, nan_ok=True),
)
spec(
    "units.check_amount",
    units.check_amount,
    lambda a: units.check_amount(a["values"], "use"),
    num("values", [149_200, 0], names=("use",)),
)
spec(
    "units.check_shapes",
    units.check_shapes,
    lambda a: units.check_shapes(energy=Q_(np.ones(12), "kWh"), output=a["output"]),
    num("output", 290, passthrough=True, names=("output",)),
)
if hasattr(units, "check_unit"):  # the lead's new boundary check of unit labels
    spec(
        "units.check_unit[amount]",
        units.check_unit,
        lambda a: units.check_unit(a["unit"], ("kWh", "L", "kg"), "amount"),
        label("unit", "kL", accepts=("kWh", "kg"), names=("amount",)),
    )
    spec(
        "units.check_unit[power]",
        units.check_unit,
        lambda a: units.check_unit(a["unit"], "kW", "power"),
        label("unit", "kW", names=("power",)),
    )
spec(
    "units.parse_unit",
    units.parse_unit,
    lambda a: units.parse_unit(a["label"]),
    label("label", "t", any_unit=True, self_named=True, names=("unit", "label")),
)

# -- carbonaudit.factors ------------------------------------------------------------------------

spec(
    "factors.load",
    factors.load,
    lambda a: factors.load(a["set_id"]).id,
    text("set_id", AWARD, optional=True, names=("set_id", "factor set")),
)
spec(
    "factors.for_year",
    factors.for_year,
    lambda a: factors.for_year(a["year"]).id,
    year("year", 2025),
)
spec(
    "factors.load[year]",
    factors.load,
    lambda a: factors.load(year=a["year"]).id,
    year("year", 2024, optional=True),  # None: no year, the default set
)


def _fs_methods(a: dict[str, Any]) -> Any:
    s = fs()
    return (
        s.fuel(a["fuel"]).id,
        s.grid_factor(a["year"]),
        s.grid_factor_value(a["year"]).value,
        s.gwp(a["gas"], a["gwp"]),
        s.gwp_value(a["gas"], a["gwp"]).value,
        s.oil_equivalent_basis(a["basis"]).id,
        s.source(a["source_id"]).cite(),
    )


spec(
    "factors.FactorSet.methods",
    factors.FactorSet,
    _fs_methods,
    text("fuel", "diesel", names=("diesel", "fuel", "no-such-value", "1000")),
    year("year", 2024),
    text("gas", "CH4", names=("gas", "CH4", "no-such-value", "1000")),
    text("gwp", "AR5", optional=True, any_case=True, names=("gwp", "GWP")),
    text("basis", "tw-primary-2236", optional=True, names=("basis",)),
    text("source_id", "moenv-2024-ef", names=("source",)),
)


def _with_overrides(a: dict[str, Any]) -> Any:
    s = fs().with_overrides(
        heat_values={a["heat_values key"]: a["heat_values[diesel]"]},
        densities={"lpg": a["densities[lpg]"]},
        grid_factors={a["grid_factors key"]: a["grid_factors[2024]"]},
        supplier_factor=a["supplier_factor"],
    )
    return (
        s.fuel("diesel").heat_value.quantity,
        energy.heat(Q_(1000, "L"), "diesel", s),
        emissions.co2(Q_(1000, "kg"), "lpg", s),
        emissions.electricity(Q_(1000, "kWh"), year=2024, factor_set=s).co2e,
        emissions.electricity(Q_(1000, "kWh"), factor_set=s, method="market").co2e,
    )


spec(
    "factors.FactorSet.with_overrides",
    factors.FactorSet.with_overrides,
    _with_overrides,
    q("heat_values[diesel]", 8400, "kcal/L", names=("heat_values", "diesel")),
    key("heat_values key", "diesel", names=("heat_values", "no_such_key", "dieel", "1000", "''")),
    q("densities[lpg]", 0.55, "kg/L", names=("densities", "lpg")),
    q(
        "grid_factors[2024]",
        0.5,
        "kg/kWh",
        traps=(("per_kvarh", "kg/(kvar*h)"), ("per_kVAh", "kg/(kVA*h)")),
        names=("grid_factors", "2024"),
    ),
    year("grid_factors key", 2024, names=("grid_factors",)),
    q("supplier_factor", 0.3, "kg/kWh", traps=(("per_kvarh", "kg/(kvar*h)"),)),
    also=(factors.FactorSet,),
)

_FS_DOC = fs().model_dump()
_DIESEL = next(i for i, f in enumerate(_FS_DOC["fuels"]) if f["id"] == "diesel")
_FS_PATHS = {
    "fuels[diesel].heat_value.value": ("fuels", _DIESEL, "heat_value", "value"),
    "fuels[diesel].heat_value.unit": ("fuels", _DIESEL, "heat_value", "unit"),
    "fuels[diesel].per_tj.stationary.CO2.value": ("fuels", _DIESEL, "per_tj", "stationary", "CO2", "value"),
    "grid_factors[2024].value": ("grid_factors", 2024, "value"),
    "grid_factors[2024].unit": ("grid_factors", 2024, "unit"),
    "gwp_sets.AR5.values.CH4.value": ("gwp_sets", "AR5", "values", "CH4", "value"),
    "blends.R-410A.components.HFC-32": ("blends", "R-410A", "components", "HFC-32"),
    "oil_equivalent_bases.tw-final-860.kcal_per_kloe.value": (
        "oil_equivalent_bases",
        "tw-final-860",
        "kcal_per_kloe",
        "value",
    ),
    "oil_equivalent_bases.tw-final-860.electricity.value": (
        "oil_equivalent_bases",
        "tw-final-860",
        "electricity",
        "value",
    ),
}


def _factor_set_doc(a: dict[str, Any]) -> Any:
    doc = copy.deepcopy(_FS_DOC)
    for name, path in _FS_PATHS.items():
        set_path(doc, path, a[name])
    s = factors.FactorSet.model_validate(doc)
    found = factors.check(s)
    return (
        [f.code for f in found if f.severity == "error"],
        energy.heat(Q_(1000, "L"), "diesel", s),
        emissions.emissions(Q_(1000, "L"), "diesel", s).co2e,
        emissions.electricity(Q_(1000, "kWh"), year=2024, factor_set=s).co2e,
        inventory.compute(
            inventory.OrgTree([inventory.Organisation(id="a", name="A")]),
            [
                inventory.ActivityRecord(
                    org="a", year=2024, kind="refrigerant_topup", amount={"value": 2, "unit": "kg"}, gas="R-410A"
                )
            ],
            s,
            year=2024,
        ).total(),
        energy.to_kloe(Q_(1000, "kWh"), "E01", s),
    )


def _doc_value(path: tuple[Any, ...]) -> Any:
    d: Any = _FS_DOC
    for k in path:
        d = d[k]
    return d


spec(
    "factors.FactorSet[document]",
    factors.FactorSet,
    _factor_set_doc,
    *[
        (label if name.endswith(".unit") else num)(
            name,
            _doc_value(path),
            names=(str(path[-2]) if path[-1] in ("value", "unit") else str(path[-1]),),
            **(
                {"traps": (("per_kvarh", "kg/(kvar*h)"),)}
                if name.startswith("grid_factors") and name.endswith(".unit")
                else {}
            ),
        )
        for name, path in _FS_PATHS.items()
    ],
    also=(factors.Fuel, factors.FactorValue, factors.GwpSet, factors.Blend, factors.OilEquivalentBasis, factors.check),
    model=True,
)


def _factor_value(a: dict[str, Any]) -> Any:
    v = factors.FactorValue(value=a["value"], unit=a["unit"], source="moenv-2024-ef", status="official")
    return v.quantity


spec(
    "factors.FactorValue",
    factors.FactorValue,
    _factor_value,
    num("value", 74100.0),
    label("unit", "kg/TJ", any_unit=True),
    model=True,
)
_RULES_DOC = factors.rules().model_dump()


def _rules(a: dict[str, Any]) -> Any:
    doc = copy.deepcopy(_RULES_DOC)
    doc["limits"]["transformer_load_min"]["value"] = a["limits.transformer_load_min.value"]
    doc["saving_targets"][0]["from_year"] = a["saving_targets[0].from_year"]
    r = factors.Rules.model_validate(doc)
    return r.limit(a["name"]).value


spec(
    "factors.Rules",
    factors.Rules,
    _rules,
    num("limits.transformer_load_min.value", 0.5, names=("transformer_load_min",)),
    year("saving_targets[0].from_year", 2015, names=("from_year",)),
    text("name", "transformer_load_min", names=("name", "limit")),
    model=True,
)

# -- carbonaudit.energy -------------------------------------------------------------------------

spec(
    "energy.heat",
    energy.heat,
    lambda a: energy.heat(a["amount"], a["fuel"], a["factor_set"]),
    q("amount", 1000, "L", accepts=("t", "kWh")),
    text("fuel", "O05"),
    text("factor_set", AWARD, optional=True, names=("factor_set", "factor set")),
    engine=True,
)
spec(
    "energy.heat[heat_value]",
    energy.heat,
    lambda a: energy.heat(a["amount"], "C01", AWARD, heat_value=a["heat_value"]),
    q("amount", 11, "t", accepts=("L",)),
    q("heat_value", 7010, "kcal/kg", optional=True, traps=(("per_short_ton", "kcal/ton"),)),
    engine=True,
)
spec(
    "energy.to_kloe",
    energy.to_kloe,
    lambda a: energy.to_kloe(a["amount"], a["fuel"], basis=a["basis"]),
    q("amount", 1_120_329, "kWh"),
    text("fuel", "E01", optional=True),
    text("basis", "tw-primary-2236", optional=True),
    engine=True,
)
spec(
    "energy.to_kloe[heat]",
    energy.to_kloe,
    lambda a: energy.to_kloe(a["amount"], basis="tw-final-860"),
    q("amount", 10_000_000, "kcal"),
    engine=True,
)
spec(
    "energy.to_kgoe",
    energy.to_kgoe,
    lambda a: energy.to_kgoe(a["amount"], a["fuel"]),
    q("amount", 1, "kL", accepts=("t",)),
    text("fuel", "motor_gasoline", optional=True),
    engine=True,
)
spec(
    "energy.to_kgoe[heat]",
    energy.to_kgoe,
    lambda a: energy.to_kgoe(a["amount"], basis=a["basis"]),
    q("amount", 10_000, "kcal"),
    text("basis", "tw-final-860", optional=True),
    engine=True,
)
spec(
    "energy.weighted_heat_value",
    energy.weighted_heat_value,
    lambda a: energy.weighted_heat_value([a["uses[0]"], Q_(100, "t")], [a["heat_values[0]"], Q_(5000, "kcal/kg")]),
    q("uses[0]", 300, "t", names=("uses",)),
    q("heat_values[0]", 6000, "kcal/kg", names=("heat_values",), traps=(("per_short_ton", "kcal/ton"),)),
    engine=True,
)
spec(
    "energy.weighted_heat_value[array]",
    energy.weighted_heat_value,
    lambda a: energy.weighted_heat_value(a["uses"], a["heat_values"]),
    q("uses", [200, 200], "t"),
    q("heat_values", [6080, 5700], "kcal/kg"),
    engine=True,
)

# -- carbonaudit.emissions ----------------------------------------------------------------------

spec(
    "emissions.co2",
    emissions.co2,
    lambda a: emissions.co2(a["amount"], a["fuel"], AWARD, method=a["method"]),
    q("amount", 1000, "L", accepts=("kg", "kcal")),
    text("fuel", "O05"),
    text("method", "heat_value"),
    engine=True,
)
spec(
    "emissions.co2[current]",
    emissions.co2,
    lambda a: emissions.co2(a["amount"], "diesel", use=a["use"]),
    q("amount", 1000, "L", accepts=("kg",)),
    text("use", "mobile"),
    engine=True,
)
spec(
    "emissions.emissions",
    emissions.emissions,
    lambda a: emissions.emissions(a["amount"], a["fuel"], gwp=a["gwp"], use=a["use"]),
    q("amount", 1000, "L", accepts=("kg", "kcal")),
    text("fuel", "diesel"),
    text("gwp", "AR5", optional=True, any_case=True, names=("gwp", "GWP")),
    text("use", "mobile"),
    engine=True,
)
spec(
    "emissions.emissions[electricity]",
    emissions.emissions,
    lambda a: emissions.emissions(a["amount"], a["fuel"], year=a["year"], grid_category=a["grid_category"]),
    q("amount", 12_000, "kWh"),
    text("fuel", "electricity"),
    year("year", 2023),
    text("grid_category", "industry", optional=True),
    engine=True,
)
spec(
    "emissions.emissions[market]",
    emissions.emissions,
    lambda a: emissions.emissions(
        a["amount"], "電力", year=2025, method=a["method"], supplier_factor=a["supplier_factor"]
    ),
    q("amount", 12_000, "kWh"),
    text("method", "market"),
    q("supplier_factor", 0.25, "kg/kWh", traps=(("per_kvarh", "kg/(kvar*h)"),)),
    engine=True,
)
spec(
    "emissions.emissions[year]",
    emissions.emissions,
    lambda a: emissions.emissions(a["amount"], "diesel", a["factor_set"], year=a["year"]),
    q("amount", 1000, "L"),
    text("factor_set", "tw-2024", optional=True, names=("factor_set", "factor set")),
    year("year", 2024, optional=True),
    engine=True,
)
spec(
    "emissions.electricity",
    emissions.electricity,
    lambda a: emissions.electricity(a["amount"], year=a["year"]),
    q("amount", 1000, "kWh"),
    year("year", 2024),
    engine=True,
)
spec(
    "emissions.electricity[category]",
    emissions.electricity,
    lambda a: emissions.electricity(a["amount"], year=2025, category=a["category"]),
    q("amount", 1000, "kWh"),
    text("category", "industry"),
    engine=True,
)
spec(
    "emissions.electricity[market]",
    emissions.electricity,
    lambda a: emissions.electricity(a["amount"], method="market", supplier_factor=a["supplier_factor"]),
    q("amount", 1000, "kWh"),
    q("supplier_factor", 0.3, "kg/kWh", traps=(("per_kvarh", "kg/(kvar*h)"),)),
    engine=True,
)


def _emissions_frame(a: dict[str, Any]) -> Any:
    df = frame(
        {"fuel": a["fuel"], "amount": a["amount"], "unit": a["unit"], "year": 2024, "use": "mobile"}, 1, a["index"]
    )
    out = emissions.frame(df, a["factor_set"])
    return out.drop(columns=[c for c in out.columns if c in ("fuel", "amount", "unit", "year", "use")])


spec(
    "emissions.frame",
    emissions.frame,
    _emissions_frame,
    num("amount", 1000, cell=True),
    label("unit", "L", cell=True, accepts=("t",)),
    text("fuel", "diesel", cell=True),
    text("factor_set", "tw-2024", optional=True, names=("factor_set", "factor set")),
    index(),
    engine=True,
)
spec(
    "emissions.frame[electricity]",
    emissions.frame,
    lambda a: emissions.frame(
        frame({"fuel": "electricity", "amount": a["amount"], "unit": a["unit"], "year": a["year"]}, 1, a["index"])
    )[["CO2e_kg"]],
    num("amount", 1000, cell=True),
    label("unit", "kWh", cell=True),
    year("year", 2024, cell=True),
    index(),
    engine=True,
)

# -- carbonaudit.savings ------------------------------------------------------------------------

spec(
    "savings.efficiency_gain",
    savings.efficiency_gain,
    None,
    q("consumption", 149_200, "kWh", accepts=("kL", "t")),
    frac("gain", 0.125),
    months("months", 11),
    engine=True,
)
spec(
    "savings.equipment_power",
    savings.equipment_power,
    None,
    q("power", 18, "kW"),
    count("units", 2),
    q("hours", 8000, "h"),
    frac("gain", 0.125),
    months("months", 12),
    engine=True,
)
spec(
    "savings.EquipmentLine",
    savings.EquipmentLine,
    lambda a: savings.EquipmentLine(**a).energy(),
    q("power", 1, "kW"),  # issue 12: 1 kW x np.int16(8024) units x 3,000 h wrapped to 20,288 kWh
    count("units", 8024),
    q("hours", 3000, "h"),
    frac("load", 1),
    frac("month_share", 0.75),
    engine=True,
)
spec(
    "savings.before_after",
    savings.before_after,
    lambda a: savings.before_after(
        [savings.EquipmentLine(a["before[0].power"], a["before[0].units"], Q_(8000, "h"))],
        [savings.EquipmentLine(Q_(14, "kW"), 1, a["after[0].hours"])],
    ),
    q("before[0].power", 18, "kW", names=("power", "before")),
    count("before[0].units", 1, names=("units", "before")),
    q("after[0].hours", 8000, "h", names=("hours", "after")),
    engine=True,
)
spec(
    "savings.annual_improvement",
    savings.annual_improvement,
    None,
    q("improvement", 9504, "kWh", accepts=("kL", "t")),
    months("months", 9),
    engine=True,
)


def _split(a: dict[str, Any]) -> Any:
    s = savings.recognition_split(a["annual"], a["completed"], a["months"])
    return {y: s[y] for y in s}, s.to_frame()


spec(
    "savings.recognition_split",
    savings.recognition_split,
    _split,
    q("annual", 9504, "kWh", accepts=("kL", "t")),
    period("completed", "106/8~106/9"),
    months("months", 12),
    engine=True,
    also=(savings.RecognitionSplit,),
)
spec(
    "savings.recognition_split[month]",
    savings.recognition_split,
    lambda a: dict(savings.recognition_split(Q_(1200, "kWh"), a["completed"]).items()),
    period("completed", "106/10"),
)
spec(
    "savings.RecognitionSplit.months_in",
    savings.RecognitionSplit.months_in,
    lambda a: savings.recognition_split(Q_(9504, "kWh"), "106/8~106/9").months_in(a["year"]),
    year("year", 2017),
)


def _measure(a: dict[str, Any]) -> Any:
    m = savings.Measure(
        a["code"],
        a["energy"],
        [a["lines[0]"]],
        completed=a["completed"],
        name="T5 to LED",
        unit_price=a["unit_price"],
        investment=a["investment"],
    )
    return m.savings(), dict(m.recognition(a["months"]).items()), m.saving_amount(), m.payback()


spec(
    "savings.Measure",
    savings.Measure,
    _measure,
    text("code", "LG06"),
    text("energy", "electricity"),
    q("lines[0]", 9504, "kWh", names=("lines",), negative_ok=True),
    period("completed", "106/8~106/9"),
    q("unit_price", 3, "TWD/kWh", traps=(("per_kvarh", "TWD/(kvar*h)"), ("per_kVAh", "TWD/(kVA*h)"))),
    q("investment", 85, "kTWD"),
    months("months", 12),
    engine=True,
)
spec(
    "savings.saving_amount",
    savings.saving_amount,
    None,
    q("savings", 17_096, "kWh", accepts=("kL", "t")),
    q("unit_price", 3, "TWD/kWh", traps=(("per_kvarh", "TWD/(kvar*h)"), ("per_kVAh", "TWD/(kVA*h)"))),
    engine=True,
)
spec(
    "savings.saving_amount[mass]",
    savings.saving_amount,
    None,
    q("savings", 10, "t"),
    q("unit_price", 3000, "TWD/t", traps=(("per_short_ton", "TWD/ton"),)),
    engine=True,
)
spec(
    "savings.InvestmentLine",
    savings.InvestmentLine,
    lambda a: savings.InvestmentLine(a["capacity"], a["unit_price"], units=a["units"]).cost(),
    q("capacity", 500, "USRT"),
    q("unit_price", 20_000, "TWD/USRT"),
    count("units", 2),
    engine=True,
)
spec(
    "savings.investment",
    savings.investment,
    lambda a: savings.investment(
        [savings.InvestmentLine(Q_(500, "USRT"), Q_(20_000, "TWD/USRT"), units=2)], [a["other_costs[0]"]]
    ),
    q("other_costs[0]", 300, "kTWD", names=("other_costs",)),
    engine=True,
)
spec(
    "savings.simple_payback",
    savings.simple_payback,
    None,
    q("investment", 3678, "kTWD"),
    q("annual_saving_amount", 3361, "kTWD"),
    engine=True,
)
spec("savings.reference_price", savings.reference_price, None, text("energy", "electricity"))
spec(
    "savings.demand_response",
    savings.demand_response,
    None,
    q("reduction", 2105, "kW"),
    q("hours", 2, "h"),
    engine=True,
)
spec(
    "savings.renewable_self_use",
    savings.renewable_self_use,
    None,
    q("generated", 815_051, "kWh"),
    q("sold", 1000, "kWh", optional=True, hi=0),
    engine=True,
)


def _annual_use(a: dict[str, Any]) -> Any:
    u = savings.annual_electricity_use(
        [Q_(100_000, "kWh")] * 11 + [a["bills[11]"]],
        a["renewable_self_use"],
        {a["deductions key"]: a["deductions[ev_charging]"]},
    )
    return u.actual, u.deductions, u.total_deductions, u.net


spec(
    "savings.annual_electricity_use",
    savings.annual_electricity_use,
    _annual_use,
    q("bills[11]", 100_000, "kWh", names=("bills",)),
    q("renewable_self_use", 20_000, "kWh", optional=True),
    q("deductions[ev_charging]", 5000, "kWh", names=("deductions", "ev_charging")),
    key("deductions key", "ev_charging", names=("deductions",)),
    engine=True,
    also=(savings.AnnualUse,),
)
spec(
    "savings.annual_electricity_use[array]",
    savings.annual_electricity_use,
    lambda a: savings.annual_electricity_use(a["bills"]).actual,
    q("bills", [100_000] * 12, "kWh"),
    engine=True,
)


def _planned(a: dict[str, Any]) -> Any:
    p = savings.planned_use(
        a["actual_use"], method="deduct", deductions={a["deductions key"]: a["deductions[new_buildings]"]}
    )
    return p.value, p.deductions


spec(
    "savings.planned_use",
    savings.planned_use,
    _planned,
    q("actual_use", 1_000_000, "kWh"),
    q("deductions[new_buildings]", 50_000, "kWh", names=("deductions", "new_buildings")),
    key("deductions key", "new_buildings", names=("deductions",)),
    engine=True,
    also=(savings.PlannedUse,),
)
spec(
    "savings.planned_use[estimate]",
    savings.planned_use,
    lambda a: savings.planned_use(method=a["method"], estimate=a["estimate"]).value,
    q("estimate", 900_000, "kWh"),
    text("method", "estimate"),
    engine=True,
)


def _savings_frame(a: dict[str, Any]) -> Any:
    df = frame(
        {"annual_savings": a["annual_savings"], "unit": a["unit"], "completed": a["completed"], "price": a["price"]},
        1,
        a["index"],
    )
    out = savings.frame(df, months=a["months"], unit_price="price")
    return out.drop(columns=[c for c in out.columns if c in ("annual_savings", "unit", "completed", "price")])


spec(
    "savings.frame",
    savings.frame,
    _savings_frame,
    num("annual_savings", 9504, cell=True),
    label("unit", "kWh", cell=True, accepts=("kL", "t")),
    period("completed", "106/8~106/9", cell=True),
    num("price", 3, cell=True, names=("price", "unit_price")),
    months("months", 12),
    index(),
    engine=True,
)

# -- carbonaudit.rates --------------------------------------------------------------------------

spec(
    "rates.annual_saving_rate",
    rates.annual_saving_rate,
    None,
    q("savings", 1_120_329, "kWh", accepts=("kL",)),
    q("use", 92_677_376, "kWh", accepts=("kL",)),
    q("deductions", 1000, "kWh", optional=True),
    engine=True,
)
_S3 = [138_166, 1_342_662, 1_120_329]
_B3 = [87_707_922, 93_174_776, 92_677_376]
for _fn in (rates.average_saving_rate, rates.cumulative_saving_rates):
    spec(
        f"rates.{_fn.__name__}",
        _fn,
        None,
        q("savings", _S3, "kWh"),
        q("use", _B3, "kWh"),
        q("deductions", [0, 1000, 0], "kWh", optional=True),
        engine=True,
    )
    spec(
        f"rates.{_fn.__name__}[list]",
        _fn,
        lambda a, _f=_fn: _f([Q_(138_166, "kWh"), a["savings[1]"], Q_(1_120_329, "kWh")], [Q_(v, "kWh") for v in _B3]),
        q("savings[1]", 1_342_662, "kWh", names=("savings",)),
        engine=True,
    )
spec(
    "rates.implementation_rate",
    rates.implementation_rate,
    None,
    q("savings", 138_166, "kWh", accepts=("kL",)),
    q("planned_savings", 67_440, "kWh", accepts=("kL",)),
    engine=True,
)
spec(
    "rates.planned_saving_rate",
    rates.planned_saving_rate,
    None,
    q("planned_savings", 67_440, "kWh", accepts=("kL",)),
    q("planned_use", 6_583_631, "kWh", accepts=("kL",)),
    engine=True,
)
spec(
    "rates.year_over_year",
    rates.year_over_year,
    lambda a: (lambda r: (r.saving, r.share))(rates.year_over_year(a["this_year"], a["last_year"])),
    q("this_year", 950, "MWh", accepts=("kL", "t")),
    q("last_year", 1000, "MWh", accepts=("kL", "t")),
    engine=True,
    also=(rates.YearOverYear,),
)
spec(
    "rates.year_over_year[mass]",
    rates.year_over_year,
    lambda a: (lambda r: (r.saving, r.share))(rates.year_over_year(a["this_year"], Q_(10, "t"))),
    q("this_year", 9, "t"),
    engine=True,
)
_THIS12 = [100] * 5 + [180, 190, 190, 180] + [100] * 3
_LAST12 = [100] * 5 + [200] * 4 + [100] * 3
spec(
    "rates.summer_comparison",
    rates.summer_comparison,
    lambda a: (lambda r: (r.saving, r.share))(rates.summer_comparison(a["this_year_monthly"], a["last_year_monthly"])),
    q("this_year_monthly", _THIS12, "kWh"),
    q("last_year_monthly", _LAST12, "kWh"),
    engine=True,
)
spec(
    "rates.meets_target",
    rates.meets_target,
    lambda a: rates.meets_target(a["rate"], year=a["year"], contract_capacity=a["contract_capacity"]),
    frac("rate", 0.0094, hi=None),
    year("year", 2017),
    q("contract_capacity", 11_381, "kW"),
    engine=True,
)

# -- carbonaudit.measure_codes ------------------------------------------------------------------

spec("measure_codes.lookup", measure_codes.lookup, None, text("code", "FA20"), also=(measure_codes.MeasureCode,))
spec("measure_codes.validate_code", measure_codes.validate_code, None, text("code", "FA20"))
spec(
    "measure_codes.demand_response_programme",
    measure_codes.demand_response_programme,
    None,
    text("code", "(e)", names=("code", "programme")),
    also=(measure_codes.Programme,),
)
spec("measure_codes.codes", measure_codes.codes, None, text("system", "F", optional=True))
spec("measure_codes.merge_region", measure_codes.merge_region, None, text("county", "台中市", unknown_ok=True))

# -- carbonaudit.chiller ------------------------------------------------------------------------

spec(
    "chiller.cooling_load",
    chiller.cooling_load,
    lambda a: chiller.cooling_load(
        a["flow"], a["supply"], a["ret"], density=a["density"], specific_heat=a["specific_heat"]
    ),
    q("flow", 12_000, "L/min", traps=(("per_short_ton", "ton/h"),)),
    q("supply", 7, "degC", negative_ok=True, hi=7, lo=0),
    q("ret", 12, "degC", negative_ok=True, lo=7),
    q("density", 1, "kg/L", optional=True, traps=(("short_ton_per_m3", "ton/m**3"),)),
    q("specific_heat", 1, "kcal/(kg*delta_degC)", optional=True),
    engine=True,
)
spec(
    "chiller.cooling_load[delta]",
    chiller.cooling_load,
    lambda a: chiller.cooling_load(a["flow"], delta=a["delta"]),
    q("flow", 12_000, "L/min"),
    q("delta", 5, "delta_degC"),
    engine=True,
)
spec("chiller.refrigeration_tons", chiller.refrigeration_tons, None, q("load", 3_600_000, "kcal/h"), engine=True)
spec("chiller.rth", chiller.rth, None, q("load", 1190, "USRT"), q("hours", 1, "h"), engine=True)
spec(
    "chiller.kw_per_rt",
    chiller.kw_per_rt,
    None,
    q("energy", 1_400_000, "kWh"),
    q("load", 2_000_000, "RTh"),
    engine=True,
)
spec(
    "chiller.must_declare",
    chiller.must_declare,
    None,
    q("capacity", 1200, "USRT"),
    engine=True,
)
_T9 = np.arange("2024-07-01T00", "2024-07-01T09", dtype="datetime64[h]")


def _from_log(a: dict[str, Any]) -> Any:
    log = chiller.from_log(
        time=_T9,
        flow=a["flow"],
        supply=a["supply"],
        ret=a["ret"],
        power=a["power"],
        max_gap=a["max_gap"],
        capacity=a["capacity"],
    )
    return log, log.monthly_kw_per_rt, log.to_frame()


spec(
    "chiller.from_log",
    chiller.from_log,
    _from_log,
    q("flow", [12_000] * 9, "L/min", nan_ok=True, zero_nonfinite_ok=True),
    q("supply", [7] * 9, "degC", nan_ok=True, negative_ok=True, hi=7, lo=0),
    q("ret", [12] * 9, "degC", nan_ok=True, negative_ok=True, lo=7),
    q("power", [700] * 9, "kW", nan_ok=True),
    q("max_gap", 1, "h", optional=True, zero_nonfinite_ok=True),
    q("capacity", 1200, "USRT", optional=True),
    engine=True,
    also=(chiller.ChillerLog,),
)
_HOURS = pd.date_range("2024-07-01 08:00", periods=9, freq="h")


def _chiller_frame(a: dict[str, Any]) -> Any:
    df = frame(
        {
            "time": np.asarray(_HOURS),
            "flow": a["flow"],
            "supply": a["supply"],
            "ret": a["ret"],
            "power": a["power"],
            "group": "CH-1",
        },
        9,
        None,
    )
    if a["index"] is not None:
        df.index = [a["index"][0]] * 9 if isinstance(a["index"][0], str) else np.arange(9) + 7
    return chiller.frame(df, units={"flow": "m**3/h", "supply": "degC", "ret": "degC", "power": "kW"})


spec(
    "chiller.frame",
    chiller.frame,
    _chiller_frame,
    num("flow", 720, cell=True, nan_ok=True, zero_nonfinite_ok=True),
    num("supply", 7, cell=True, nan_ok=True, negative_ok=True, hi=7),
    num("ret", 12, cell=True, nan_ok=True, negative_ok=True, lo=7),
    num("power", 800, cell=True, nan_ok=True),
    index(),
    engine=True,
)

# -- carbonaudit.electrical ---------------------------------------------------------------------

spec(
    "electrical.transformer_load_rate",
    electrical.transformer_load_rate,
    None,
    q("voltage", 380, "V"),
    q("current", 1000, "A"),
    q("capacity", 1000, "kVA", apparent=True),
    frac("power_factor", 0.9, optional=True),
    engine=True,
)
spec(
    "electrical.check_transformer",
    electrical.check_transformer,
    None,
    frac("load_rate", 0.35, hi=None),
    frac("power_factor", 0.93, optional=True),
    engine=True,
)
spec("electrical.pue", electrical.pue, None, q("non_it", 600_000, "kWh"), q("it", 1_000_000, "kWh"), engine=True)
spec(
    "electrical.pue[total]",
    electrical.pue,
    None,
    q("total", 1_600_000, "kWh"),
    q("it", 1_000_000, "kWh", hi=1_600_000),
    engine=True,
)
spec(
    "electrical.ups_efficiency",
    electrical.ups_efficiency,
    None,
    q("output_power", 95, "kW"),
    q("input_power", 100, "kW"),
    engine=True,
)
spec(
    "electrical.DataCentre",
    electrical.DataCentre,
    lambda a: (lambda dc: (dc.pue, dc.category, dc.findings()))(electrical.DataCentre(**a)),
    q("infrastructure", 600_000, "kWh"),
    q("it", 1_000_000, "kWh"),
    text("metering_point", "pdu_output"),
    engine=True,
)

# -- carbonaudit.building -----------------------------------------------------------------------

spec(
    "building.indoor_area",
    building.indoor_area,
    None,
    q("total_area", 12_000, "m**2"),
    q("parking_area", 2000, "m**2", optional=True, hi=0),
    engine=True,
)
spec(
    "building.eui",
    building.eui,
    None,
    q("energy", 1_500_000, "kWh", accepts=("kgOE",)),
    q("total_area", 12_000, "m**2"),
    q("parking_area", 2000, "m**2", optional=True, hi=0),
    engine=True,
)
spec(
    "building.thermal_eui",
    building.thermal_eui,
    lambda a: building.thermal_eui(
        {a["fuels key"]: a["fuels[LPG]"]}, a["total_area"], a["parking_area"], basis=a["basis"]
    ),
    q("fuels[LPG]", 10_000, "L", accepts=("kg",), names=("fuels", "LPG")),
    key("fuels key", "LPG", names=("fuels", "fuel")),
    q("total_area", 5000, "m**2"),
    q("parking_area", 1000, "m**2", optional=True, hi=0),
    text("basis", "tw-final-860", optional=True),
    engine=True,
)
spec(
    "building.compare_eui",
    building.compare_eui,
    lambda a: (lambda c: (c.quarterly, c.annual, c.findings, c.to_frame()))(
        building.compare_eui(a["this_year"], a["last_year"])
    ),
    q("this_year", [10] * 9 + [12] * 3, "kWh/m**2", traps=(("kvarh_per_m2", "kvar*h/m**2"),)),
    q("last_year", [10] * 12, "kWh/m**2", traps=(("kvarh_per_m2", "kvar*h/m**2"),)),
    engine=True,
    also=(building.EuiComparison,),
)


def _balance(b: Any) -> Any:
    return b.total, b.parts, b.shares, b.findings


spec(
    "building.electricity_balance",
    building.electricity_balance,
    lambda a: _balance(
        building.electricity_balance(
            a["bill"],
            {
                a["categories key"]: a["categories[air_conditioning]"],
                "lighting": Q_(300, "MWh"),
                "other": Q_(200, "MWh"),
            },
            renewable_self_use=a["renewable_self_use"],
        )
    ),
    q("bill", 900, "MWh"),
    q("categories[air_conditioning]", 500, "MWh", names=("categories", "air_conditioning")),
    key("categories key", "air_conditioning", names=("categories",)),
    q("renewable_self_use", 100, "MWh", optional=True),
    engine=True,
    also=(building.Balance,),
)
spec(
    "building.heat_balance",
    building.heat_balance,
    lambda a: tuple(
        _balance(b)
        for b in building.heat_balance(
            {"natural_gas": a["fuels[natural_gas]"], "diesel": Q_(200, "Mcal")},
            {a["uses key"]: a["uses[kitchen]"], "rooms": Q_(400, "Mcal")},
        )
    ),
    q("fuels[natural_gas]", 800, "Mcal", names=("fuels", "natural_gas")),
    q("uses[kitchen]", 600, "Mcal", names=("uses", "kitchen")),
    key("uses key", "kitchen", names=("uses",)),
    engine=True,
)
spec("building.peak_share", building.peak_share, None, q("power", 300, "kW"), q("peak_demand", 1500, "kW"), engine=True)
spec(
    "building.tonnage_check",
    building.tonnage_check,
    None,
    q("installed", 2000, "USRT"),
    q("summer_maximum", 1500, "USRT"),
    engine=True,
)
spec(
    "building.system_utilisation",
    building.system_utilisation,
    None,
    q("mean_running_capacity", 1000, "USRT", accepts=("kW",)),
    q("total_capacity", 2000, "USRT", accepts=("kW",)),
    engine=True,
)
spec("building.running_time_share", building.running_time_share, None, q("hours", 4380, "h", hi=8760), engine=True)
spec(
    "building.biomass_heat_share",
    building.biomass_heat_share,
    None,
    q("biomass_heat", 250, "Mcal"),
    q("total_heat", 1000, "Mcal"),
    engine=True,
)
spec(
    "building.check_steam_boiler",
    building.check_steam_boiler,
    lambda a: building.check_steam_boiler(
        a["exhaust_temperature"],
        a["exhaust_o2"],
        building.BoilerLimits(a["limits.exhaust_temperature"], a["limits.exhaust_o2"]),
    ),
    q("exhaust_temperature", [230] * 11 + [260], "degC", negative_ok=True),
    frac("exhaust_o2", [0.05] * 12),
    q("limits.exhaust_temperature", 250, "degC", names=("exhaust_temperature",)),
    frac("limits.exhaust_o2", 0.06, names=("exhaust_o2",)),
    engine=True,
    also=(building.BoilerLimits,),
)

# -- carbonaudit.production ---------------------------------------------------------------------

_OUT = [290, 290, 460, 390, 450, 425, 460, 480, 370, 380, 360, 360]
_KWH_PER_UNIT = [900, 900, 1190, 1000, 900, 1000, 950, 770, 926, 1012, 1140, 1130]
spec(
    "production.unit_energy",
    production.unit_energy,
    None,
    q("energy", 261_000, "kWh", accepts=("KLOE", "kL", "t")),
    num("output", 290),
    engine=True,
)


def _quarterly(a: dict[str, Any]) -> Any:
    r = production.quarterly_energy_per_unit(a["energy"], a["output"], a["fuel"], basis=a["basis"])
    return r.quarterly, r.annual, r.annual_physical, r.to_frame()


spec(
    "production.quarterly_energy_per_unit",
    production.quarterly_energy_per_unit,
    _quarterly,
    q("energy", [o * k for o, k in zip(_OUT, _KWH_PER_UNIT, strict=True)], "kWh"),
    num("output", _OUT),
    text("fuel", "E01"),
    text("basis", "tw-table8-3", optional=True),
    engine=True,
    also=(production.QuarterlyEnergy,),
)
spec(
    "production.quarterly_differences",
    production.quarterly_differences,
    None,
    q("this_year", [0.2365, 0.2218, 0.2018, 0.2513], "KLOE"),
    q("last_year", [0.2365, 0.2218, 0.2018, 0.2513], "KLOE"),
    engine=True,
)
spec(
    "production.coverage_check",
    production.coverage_check,
    lambda a: production.coverage_check(
        {"LED": (a["products[LED].energy"], a["products[LED].output"])}, a["declared_use"]
    ),
    q("products[LED].energy", 984, "kWh", names=("products", "LED")),
    num("products[LED].output", 4715, names=("products", "LED")),
    q("declared_use", 6_000_000, "kWh"),
    engine=True,
)

# -- carbonaudit.periods ------------------------------------------------------------------------


def _ym(ym: Any) -> Any:
    return ym.year, ym.month, ym.index, ym.roc_year, ym.roc_str()


spec(
    "periods.YearMonth",
    periods.YearMonth,
    lambda a: _ym(periods.YearMonth(a["year"], a["month"], era=a["era"])),
    year("year", 2017),
    count("month", 9, hi=12, integer=True),
    text("era", "AD"),
)
spec(
    "periods.YearMonth[roc]",
    periods.YearMonth,
    lambda a: _ym(periods.YearMonth(a["year"], 9, era="ROC")),
    year("year", 106, era="ROC"),
)
spec(
    "periods.YearMonth.parse",
    periods.YearMonth.parse,
    lambda a: _ym(periods.YearMonth.parse(a["text"], era=a["era"])),
    period("text", "106/8", self_named=True, names=("text", "month")),
    text("era", "ROC"),
)
spec(
    "periods.YearMonth.add_months",
    periods.YearMonth.add_months,
    lambda a: _ym(periods.YearMonth(2017, 8).add_months(a["months"])),
    count("months", 5, negative_ok=True, hi=1000, integer=True),
)
spec(
    "periods.YearMonthRange.parse",
    periods.YearMonthRange,
    lambda a: (lambda r: (r.start.index, r.end.index, len(r), r.roc_str()))(periods.YearMonthRange.parse(a["text"])),
    period("text", "106/8~106/9", self_named=True, names=("text", "month")),
)
spec("periods.ad_to_roc", periods.ad_to_roc, None, year("year", 2024))
spec("periods.roc_to_ad", periods.roc_to_ad, None, year("year", 113, era="ROC"))

# -- carbonaudit.formatting ---------------------------------------------------------------------

spec(
    "formatting.format_percent",
    formatting.format_percent,
    None,
    frac("fraction", 0.0119, negative_ok=True, hi=None),
    count("digits", 2, hi=10, integer=True),
)
spec(
    "formatting.round_half_up",
    formatting.round_half_up,
    None,
    num("x", 2.675, negative_ok=True),
    count("digits", 2, negative_ok=True, hi=10, integer=True),
)

# -- carbonaudit.inventory ----------------------------------------------------------------------


def _tree(**a_staff: Any) -> Any:
    return inventory.OrgTree(
        [
            inventory.Organisation(id="team", name="TEAM", status={2024: "complete"}),
            inventory.Organisation(id="a", name="A", parent="team", status={2024: "complete"}, **a_staff),
        ]
    )


def _records(a: dict[str, Any]) -> list[Any]:
    return [
        inventory.ActivityRecord(
            org="a",
            year=a["records[0].year"],
            kind="electricity",
            amount={"value": a["records[0].amount.value"], "unit": a["records[0].amount.unit"]},
        ),
        inventory.ActivityRecord(
            org="a",
            year=2024,
            kind="refrigerant_topup",
            amount={"value": 2, "unit": a["records[1].amount.unit"]},
            gas="R-410A",
        ),
        inventory.ActivityRecord(
            org="a", year=2024, kind="fuel", amount={"value": 1000, "unit": "L"}, fuel="diesel", use="mobile"
        ),
        inventory.ActivityRecord(
            org="a",
            year=2024,
            kind="refrigerant_leak",
            amount={"value": 100, "unit": "kg"},
            gas="HFC-134a",
            equipment_class="chillers",
            leak_rate=a["records[3].leak_rate"],
        ),
    ]


_RECORD_PARAMS = (
    year("records[0].year", 2024, names=("year", "records")),
    num("records[0].amount.value", 100_000, names=("value", "amount", "records")),
    label("records[0].amount.unit", "kWh", names=("unit", "amount", "records")),
    label("records[1].amount.unit", "kg", names=("unit", "amount", "records")),
    frac("records[3].leak_rate", 0.1, optional=True, names=("leak_rate", "records")),
)


def _inventory(inv: Any) -> Any:
    return (
        inv.total(),
        inv.by_scope(),
        inv.by_iso_category(),
        inv.by_category(),
        inv.by_source(),
        inv.by_gas(),
        inv.own(),
        inv.rolled_up(),
        inv.scope2_market(),
        inv.summary(),
        [f.code for f in inv.findings],
    )


spec(
    "inventory.compute",
    inventory.compute,
    lambda a: _inventory(inventory.compute(_tree(), _records(a), gwp=a["gwp"], year=a["year"])),
    *_RECORD_PARAMS,
    text("gwp", "AR5", optional=True, any_case=True, names=("gwp", "GWP")),
    year("year", 2024),
    model=True,
    also=(inventory.ActivityRecord, inventory.Inventory, inventory.Line),
)
spec(
    "inventory.compute[grid_category]",
    inventory.compute,
    lambda a: _inventory(
        inventory.compute(
            _tree(),
            [inventory.ActivityRecord(org="a", year=2025, kind="electricity", amount={"value": 1000, "unit": "kWh"})],
            year=2025,
            grid_category=a["grid_category"],
        )
    ),
    text("grid_category", "industry"),
)
spec(
    "inventory.mixed_units",
    inventory.mixed_units,
    lambda a: [f.code for f in inventory.mixed_units(_records(a))],
    *_RECORD_PARAMS,
    model=True,
)
spec(
    "inventory.compare_years",
    inventory.compare_years,
    lambda a: (lambda c: (c.change(), [f.code for f in c.findings], c.to_frame()))(
        inventory.compare_years(
            inventory.OrgTree(
                [
                    inventory.Organisation(id="team", name="TEAM", status={2023: "complete", 2024: "complete"}),
                    inventory.Organisation(
                        id="a", name="A", parent="team", status={2023: "complete", 2024: "complete"}
                    ),
                ]
            ),
            [
                inventory.ActivityRecord(
                    org="a", year=2023, kind="electricity", amount={"value": 90_000, "unit": "kWh"}
                ),
                inventory.ActivityRecord(
                    org="a", year=2024, kind="electricity", amount={"value": 100_000, "unit": "kWh"}
                ),
            ],
            a["base_year"],
            a["report_year"],
            threshold=a["threshold"],
        )
    ),
    year("base_year", 2023),
    year("report_year", 2024),
    frac("threshold", 0.1, hi=None),
    also=(inventory.YearComparison,),
)


def _inv() -> Any:
    return inventory.compute(
        _tree(),
        [
            inventory.ActivityRecord(org="a", year=2024, kind="electricity", amount={"value": 100_000, "unit": "kWh"}),
            inventory.ActivityRecord(
                org="a", year=2024, kind="fuel", amount={"value": 1000, "unit": "L"}, fuel="diesel", use="mobile"
            ),
        ],
        year=2024,
    )


spec(
    "inventory.uncertainty",
    inventory.uncertainty,
    lambda a: inventory.uncertainty(
        _inv(),
        activity={a["activity key"]: a["activity[purchased_electricity]"]},
        factors=a["factors"],
        samples=a["samples"],
        seed=a["seed"],
    ),
    frac("activity[purchased_electricity]", 0.05, names=("activity", "purchased_electricity")),
    key("activity key", "purchased_electricity", names=("activity",)),
    frac("factors", 0.1),
    count("samples", 1000, hi=2000, lo=100, integer=True),
    count("seed", 3, hi=2**31, integer=True, huge_ok=True),
    also=(inventory.UncertaintyResult,),
)
spec(
    "inventory.outliers",
    inventory.outliers,
    lambda a: [f.code for f in inventory.outliers(_inv(), ratio=a["ratio"])],
    num("ratio", 3.0, hi=None, lo=1),
)


def _award(a: dict[str, Any]) -> Any:
    rows = inventory.award_summary(
        {"electricity": a["this_year[electricity]"], a["this_year key"]: a["this_year[fuel_coal]"]},
        {"electricity": Q_(1000, "MWh"), "fuel_coal": Q_(10, "t")},
        grid_year=a["grid_year"],
        summer=(a["summer[0]"], Q_(_LAST12, "kWh")),
    )
    return [dataclasses.astuple(r) for r in rows]


spec(
    "inventory.award_summary",
    inventory.award_summary,
    _award,
    q("this_year[electricity]", 950, "MWh", names=("this_year", "electricity")),
    q("this_year[fuel_coal]", 9, "t", names=("this_year", "fuel_coal")),
    key("this_year key", "fuel_coal", names=("this_year",)),
    year("grid_year", 2013),
    q("summer[0]", _THIS12, "kWh", names=("summer",)),
    also=(inventory.AwardRow,),
)


def _compute_frame(a: dict[str, Any]) -> Any:
    df = frame(
        {"org": "a", "year": a["year column"], "kind": "electricity", "value": a["value"], "unit": a["unit"]},
        1,
        a["index"],
    )
    reg = inventory.compute_frame(_tree(), df, year=a["year"])
    # "record" is the row's index label: it follows the index by design
    return reg.drop(columns=[c for c in reg.columns if c in ("value", "year", "unit", "record")]), inventory.roll_up(
        reg, _tree()
    )


spec(
    "inventory.compute_frame",
    inventory.compute_frame,
    _compute_frame,
    num("value", 100_000, cell=True, names=("value", "records")),
    label("unit", "kWh", cell=True, names=("unit", "records")),
    year("year column", 2024, cell=True, names=("year", "records")),
    year("year", 2024),
    index(),
    also=(inventory.roll_up,),
)
spec(
    "inventory.compute_frame[refrigerant]",
    inventory.compute_frame,
    lambda a: inventory.compute_frame(
        _tree(),
        frame(
            {
                "org": "a",
                "year": 2024,
                "kind": "refrigerant_topup",
                "value": a["value"],
                "unit": a["unit"],
                "gas": "R-410A",
            },
            1,
            None,
        ),
        year=2024,
    )["co2e_t"],
    num("value", 1, cell=True, names=("value", "records")),
    label("unit", "t", cell=True, names=("unit", "records")),
)
spec(
    "inventory.roll_up",
    inventory.roll_up,
    lambda a: inventory.roll_up(
        frame({"org": "a", "scope2_method": "location", "co2e_t": a["co2e_t"]}, 1, a["index"]), _tree()
    ),
    num("co2e_t", 1.5, cell=True),
    index(),
)


def _org_tree(a: dict[str, Any]) -> Any:
    tree = inventory.OrgTree(
        [
            inventory.Organisation(id="team", name="TEAM", status={a["status year"]: "complete"}),
            inventory.Organisation(
                id="a",
                name="A",
                parent="team",
                staff=a["staff"],
                vehicles=a["vehicles"],
                floor_area={"value": a["floor_area.value"], "unit": a["floor_area.unit"]},
            ),
        ]
    )
    return (
        [o.id for o in tree.roots()],
        [o.id for o in tree.children(a["org_id"])],
        [o.id for o in tree.descendants(a["org_id"])],
    )


spec(
    "inventory.OrgTree",
    inventory.OrgTree,
    _org_tree,
    year("status year", 2024, names=("status",)),
    count("staff", 12, integer=True, optional=True),
    count("vehicles", 2, integer=True),
    num("floor_area.value", 1200, names=("floor_area", "value")),
    label("floor_area.unit", "m**2", names=("floor_area", "unit")),
    text("org_id", "team", names=("org_id", "organisation")),
    model=True,
    also=(inventory.Organisation,),
)

# -- carbonaudit.declaration --------------------------------------------------------------------

_OFFICE = load_yaml("office_declaration.yaml")
# a steam boiler and its self-check (表九之六/九之七), so that their rules run too
_OFFICE["boilers"].append(
    {
        "item": "6.2-2",
        "kind": "steam",
        "type": "water_tube",
        "inspection_no": "B-0001",
        "fuel": "diesel",
        "annual_use": {"value": 1.2, "unit": "kL"},
        "capacity": {"value": 2, "unit": "t/h"},
        "status": "in_use",
    }
)
_OFFICE["equipment_register"] = [
    {"system": "boilers", "equipment": "6.2-2", "operation": "standard", "maintenance": "regular"}
]
_OFFICE["steam_boiler_checks"] = [
    {
        "item": "6.2-2",
        "exhaust_temperature": [230.0] * 12,
        "exhaust_o2": [0.05] * 12,
        "limit_temperature": {"value": 250, "unit": "degC"},
        "limit_o2": 0.06,
    }
]

# (param, path in the document)
_OFFICE_PARAMS: list[tuple[Param, tuple[Any, ...]]] = [
    (year("year", 114, era="ROC"), ("year",)),
    (label("electricity[0].energy_unit", "kWh", names=("energy_unit",)), ("electricity", 0, "energy_unit")),
    (label("electricity[0].demand_unit", "kW", names=("demand_unit",)), ("electricity", 0, "demand_unit")),
    (num("electricity[0].months[0].peak", 93_000, names=("peak",)), ("electricity", 0, "months", 0, "peak")),
    (
        frac("electricity[0].months[0].power_factor", 0.98, optional=True, names=("power_factor",)),
        ("electricity", 0, "months", 0, "power_factor"),
    ),
    (label("thermal.diesel.unit", "kL", accepts=("t",), names=("unit", "diesel")), ("thermal", "diesel", "unit")),
    (num("thermal.diesel.use[0]", 0.2, names=("use", "diesel")), ("thermal", "diesel", "use", 0)),
    (
        label("basic.meters[0].contract_capacity.unit", "kW", names=("contract_capacity",)),
        ("basic", "meters", 0, "contract_capacity", "unit"),
    ),
    (
        num("basic.meters[0].contract_capacity.value", 1200, names=("contract_capacity",)),
        ("basic", "meters", 0, "contract_capacity", "value"),
    ),
    (
        label("efficiency_factors.installed_central.unit", "USRT", names=("installed_central",)),
        ("efficiency_factors", "installed_central", "unit"),
    ),
    (
        label("efficiency_factors.lighting_power.unit", "kW", names=("lighting_power",)),
        ("efficiency_factors", "lighting_power", "unit"),
    ),
    (
        label("balances.electricity.lighting.unit", "kWh", names=("lighting", "balances")),
        ("balances", "electricity", "lighting", "unit"),
    ),
    (
        label("transformers[0].secondary_voltage.unit", "V", names=("secondary_voltage",)),
        ("transformers", 0, "secondary_voltage", "unit"),
    ),
    (
        label("lighting[0].power_per_fixture.unit", "W", names=("power_per_fixture",)),
        ("lighting", 0, "power_per_fixture", "unit"),
    ),
    (count("lighting[0].fixtures", 8024, integer=True, names=("fixtures",)), ("lighting", 0, "fixtures")),
    (label("other_equipment[0].power.unit", "kW", names=("power",)), ("other_equipment", 0, "power", "unit")),
    (
        label("boilers[0].annual_use.unit", "kL", accepts=("t",), names=("annual_use",)),
        ("boilers", 0, "annual_use", "unit"),
    ),
    (
        label("steam_boiler_checks[0].limit_temperature.unit", "degC", names=("limit_temperature",)),
        ("steam_boiler_checks", 0, "limit_temperature", "unit"),
    ),
    (
        num("steam_boiler_checks[0].exhaust_temperature[0]", 230.0, negative_ok=True, names=("exhaust_temperature",)),
        ("steam_boiler_checks", 0, "exhaust_temperature", 0),
    ),
    (num("chiller_groups[0].months[0].rth", 89_744, names=("rth",)), ("chiller_groups", 0, "months", 0, "rth")),
    (label("chiller_groups[0].capacity.unit", "USRT", names=("capacity",)), ("chiller_groups", 0, "capacity", "unit")),
    (period("savings.measures[0].period", "113/8~113/9", names=("period",)), ("savings", "measures", 0, "period")),
    (
        label("savings.measures[0].annual_savings.unit", "kWh", names=("annual_savings",)),
        ("savings", "measures", 0, "annual_savings", "unit"),
    ),
    (
        label("savings.demand_response_rows[0].reduction.unit", "kW", names=("reduction",)),
        ("savings", "demand_response_rows", 0, "reduction", "unit"),
    ),
    (
        label("savings.deductions.ev_charging.unit", "kWh", names=("ev_charging", "deductions")),
        ("savings", "deductions", "ev_charging", "unit"),
    ),
    (period("plan.measures[0].period", "115/1~115/3", names=("period",)), ("plan", "measures", 0, "period")),
]


def _errors_as_refusal(found: Any) -> None:
    """Error findings are the document's refusal: raise them, with their paths, as a DeclarationError."""
    errors = [f for f in found if f.severity == "error"]
    if errors:
        raise DeclarationError("; ".join(f"{f.path}: {f.message}" for f in errors))


def _office(a: dict[str, Any]) -> Any:
    doc = copy.deepcopy(_OFFICE)
    for p, path in _OFFICE_PARAMS:
        set_path(doc, path, a[p.name])
    d = declaration.Declaration.model_validate(doc)
    found = declaration.validate(d)
    _errors_as_refusal(found)
    return [(f.code, f.path, f.severity) for f in found], d.summary()


_DECLARATION_MODELS = (
    declaration.Declaration,
    declaration.Amount,
    declaration.BasicData,
    declaration.Meter,
    declaration.MonthlyElectricity,
    declaration.ElectricityMonth,
    declaration.MonthlyThermal,
    declaration.FuelMonths,
    declaration.EfficiencyFactors,
    declaration.LightingRow,
    declaration.OtherEquipmentRow,
    declaration.Boiler,
    declaration.SteamBoilerCheck,
    declaration.ExecutedMeasure,
    declaration.PlannedMeasure,
    declaration.DemandResponseRow,
    declaration.RenewableRow,
    declaration.SavingsSection,
    declaration.PlanSection,
    declaration.FormDate,
)


def _doc_names(params: list[tuple[Param, tuple[Any, ...]]]) -> list[Param]:
    """A document's refusal may name the field or any section on its path (an error finding's path)."""
    return [dataclasses.replace(p, names=(*p.words, *(k for k in path if isinstance(k, str)))) for p, path in params]


spec(
    "declaration.validate",
    declaration.validate,
    _office,
    *_doc_names(_OFFICE_PARAMS),
    model=True,
    also=_DECLARATION_MODELS,
)

_TEMPLATE_DIR: list[Path] = []


def _template(a: dict[str, Any]) -> Any:
    """declaration.template_excel into a temporary folder (one for the whole run)."""
    import tempfile

    if not _TEMPLATE_DIR:
        _TEMPLATE_DIR.append(Path(tempfile.mkdtemp(prefix="carbonaudit-harness-")))
    return declaration.template_excel(_TEMPLATE_DIR[0] / "blank.xlsx", **a)


spec("declaration.template_excel", declaration.template_excel, _template, text("form", "non-production"))

_PRODUCTION = load_yaml("production_declaration.yaml")
_PRODUCTION_PARAMS: list[tuple[Param, tuple[Any, ...]]] = [
    (year("year", 106, era="ROC"), ("year",)),
    (
        label("meters[0].contract_capacity.unit", "kW", names=("contract_capacity",)),
        ("meters", 0, "contract_capacity", "unit"),
    ),
    (num("energy.peak[0]", 122_824, names=("peak",)), ("energy", "peak", 0)),
    (num("energy.fuels.O06[0]", 16.666666666666668, names=("O06", "fuels")), ("energy", "fuels", "O06", 0)),
    (label("heat_values[0].unit", "t", names=("unit", "heat_values")), ("heat_values", 0, "unit")),
    (num("heat_values[0].annual_use", 11, names=("annual_use",)), ("heat_values", 0, "annual_use")),
    (
        label(
            "heat_values[0].heat_value.unit", "kcal/kg", names=("heat_value",), traps=(("per_short_ton", "kcal/ton"),)
        ),
        ("heat_values", 0, "heat_value", "unit"),
    ),
    (num("products[0].output[0]", 290, names=("output",)), ("products", 0, "output", 0)),
    (num("products[0].kwh_per_unit[0]", 900, names=("kwh_per_unit",)), ("products", 0, "kwh_per_unit", 0)),
    (label("balance.製程設備.unit", "kWh", names=("製程設備", "balance")), ("balance", "製程設備", "unit")),
    (
        label("equipment[0].capacity.unit", "hp", any_unit=True, names=("capacity",)),
        ("equipment", 0, "capacity", "unit"),
    ),
    (period("measures[0].period", "105/12~106/2", names=("period",)), ("measures", 0, "period")),
    (num("measures[0].electricity", 75_000, names=("electricity",)), ("measures", 0, "electricity")),
]


def _production(a: dict[str, Any]) -> Any:
    doc = copy.deepcopy(_PRODUCTION)
    for p, path in _PRODUCTION_PARAMS:
        set_path(doc, path, a[p.name])
    d = declaration.ProductionDeclaration.model_validate(doc)
    found = declaration.validate_production(d)
    _errors_as_refusal(found)
    return [(f.code, f.path, f.severity) for f in found], d.summary() if hasattr(d, "summary") else None


spec(
    "declaration.validate_production",
    declaration.validate_production,
    _production,
    *_doc_names(_PRODUCTION_PARAMS),
    model=True,
    also=(
        declaration.ProductionDeclaration,
        declaration.ProductionEnergy,
        declaration.HeatValueRow,
        declaration.Product,
        declaration.ProductionEquipment,
        declaration.ProductionMeasure,
    ),
)

# validate_many reads files: its one number is the count of worker processes (capped at the files,
# so a huge count is valid: two files start two processes at most). The valid call reads two files.
spec(
    "declaration.validate_many",
    declaration.validate_many,
    lambda a: declaration.validate_many(
        [ROOT / "examples" / "office_declaration.yaml", ROOT / "examples" / "production_declaration.yaml"],
        workers=a["workers"],
    ),
    count("workers", 1, integer=True, optional=True, lo=1, hi=2, huge_ok=True),
    also=(declaration.BatchResult, declaration.BatchSummary, declaration.FileResult, declaration.Skipped),
)


def _model(cls: Any, fields: dict[str, Any], numeric: dict[str, Param]) -> None:
    """A spec that builds *cls* alone from *fields*, with *numeric* substituted."""

    def call(a: dict[str, Any]) -> Any:
        doc = copy.deepcopy(fields)
        for name in numeric:
            path = tuple(int(k) if k.isdigit() else k for k in name.replace("[", ".").replace("]", "").split("."))
            set_path(doc, path, a[name])
        return cls.model_validate(doc).model_dump()

    spec(f"declaration.{cls.__name__}", cls, call, *numeric.values(), model=True)


_model(
    declaration.Amount,
    {"value": 12_000, "unit": "m**2"},
    {"value": num("value", 12_000, negative_ok=True)},
)
_model(
    declaration.FormDate,
    {"era": "AD", "year": 2024, "month": 3, "day": 5},
    {
        "year": year("year", 2024),
        "month": count("month", 3, hi=12, integer=True),
        "day": count("day", 5, hi=28, integer=True),
    },
)
_model(
    declaration.models.Transformer,
    {
        "number": "TR-1",
        "capacity": {"value": 1500, "unit": "kVA"},
        "secondary_voltage": {"value": 380, "unit": "V"},
        "max_load_current": {"value": 1400, "unit": "A"},
        "power_factor": 0.98,
    },
    {
        "capacity.unit": label("capacity.unit", "kVA", apparent=True, names=("capacity",)),
        "capacity.value": num("capacity.value", 1500, names=("capacity",)),
        "power_factor": frac("power_factor", 0.98),
    },
)

# -- carbonaudit.fee ----------------------------------------------------------------------------

spec(
    "fee.carbon_fee",
    fee.carbon_fee,
    lambda a: fee.carbon_fee(a["emissions"], rate=a["rate"], offsets=a["offsets"], year=a["year"]),
    q("emissions", 30_000, "t"),
    text("rate", "general"),
    q("offsets", 800, "t", optional=True),
    year("year", 2025, optional=True),
    engine=True,
)
spec(
    "fee.carbon_fee[high-leakage]",
    fee.carbon_fee,
    lambda a: fee.carbon_fee(a["emissions"], rate="A", high_leakage=True, period=a["period"], sector=a["sector"]),
    q("emissions", 40_000, "t"),
    count("period", 1, integer=True, lo=1, hi=3, optional=True),
    text("sector", "manufacturing", optional=True),
    engine=True,
)
spec(
    "fee.liable",
    fee.liable,
    lambda a: fee.liable(a["emissions"], a["sector"]),
    q("emissions", 24_999, "t"),
    text("sector", "power", optional=True),
    engine=True,
)
spec(
    "fee.chargeable",
    fee.chargeable,
    lambda a: fee.chargeable(a["emissions"], high_leakage=True, plan=True, period=a["period"]),
    q("emissions", 40_000, "t"),
    count("period", 2, integer=True, lo=1, hi=3, optional=True),
    engine=True,
)
spec(
    "fee.compare",
    fee.compare,
    lambda a: fee.compare(a["emissions"], offsets=a["offsets"], year=a["year"]),
    q("emissions", 40_000, "t"),
    q("offsets", 100, "t", optional=True),
    year("year", 2026, optional=True),
    engine=True,
)
spec("fee.rules", fee.rules, lambda a: fee.rules(a["year"]), year("year", 2025, optional=True))


def _fee_frame(a: dict[str, Any]) -> Any:
    df = frame({"emissions": a["emissions"], "rate": a["rate"], "offsets": a["offsets"]}, 1, a["index"])
    return fee.frame(df, year=a["year"])[list(fee.FRAME_COLUMNS)]


spec(
    "fee.frame",
    fee.frame,
    _fee_frame,
    num("emissions", 30_000, cell=True),
    text("rate", "general", cell=True),
    num("offsets", 800, cell=True),
    year("year", 2025, optional=True),
    index(),
    engine=True,
)


def _fee_inventory(a: dict[str, Any]) -> Any:
    tree = inventory.OrgTree([inventory.Organisation(id="plant", name="PLANT", status={2025: "complete"})])
    records = [
        inventory.ActivityRecord(org="plant", year=2025, kind="electricity", amount=Q_(70_000_000, "kWh")),
    ]
    inv = inventory.compute(tree, records, year=2025, grid_category="industry")
    return fee.from_inventory(inv, rate=a["rate"], offsets=a["offsets"], plant=a["plant"]).fee


spec(
    "fee.from_inventory",
    fee.from_inventory,
    _fee_inventory,
    text("rate", "general"),
    q("offsets", 100, "t", optional=True),
    text("plant", "plant", optional=True),
    engine=True,
)

# -- what is not driven, and why ----------------------------------------------------------------

SKIP: dict[str, str] = {
    "carbonaudit.units.ureg": "pint's registry: the harness builds its bad values with it; what a value may be is "
    "checked where it enters an engine (units.magnitude and friends, driven here)",
    "carbonaudit.units.Q_": "pint's Quantity class (= ureg.Quantity): wraps any magnitude by design; see ureg",
    "carbonaudit.units.Quantity": "pint's Quantity class: see ureg",
    "carbonaudit.units.Unit": "pint's Unit class: unit labels are driven through parse_unit and every unit field",
    "carbonaudit.factors.from_file": "file reader: fuzzed with generated and mutated files (issue 12, fuzzing)",
    "carbonaudit.inventory.read_orgs": "file reader: fuzzed with generated and mutated files (issue 12, fuzzing)",
    "carbonaudit.inventory.read_records": "file reader: fuzzed with generated and mutated files (issue 12, fuzzing)",
    "carbonaudit.declaration.load": "file reader (a path, no value to substitute): its parsers are fuzzed "
    "(tests/test_fuzz_readers.py), its refusals tested in tests/test_signatures_and_findings.py",
    "carbonaudit.plot": "module skipped: optional matplotlib figures of results the engines computed (tests/test_plot.py)",
    "carbonaudit.cli": "module skipped: the command line is tested in tests/test_cli.py",
}

# Classes only the library builds: each is driven through the spec of the function that returns it.
RESULT_TYPES: dict[str, str] = {
    "carbonaudit.emissions.EmissionResult": "emissions.emissions",
    "carbonaudit.savings.AnnualUse": "savings.annual_electricity_use",
    "carbonaudit.savings.PlannedUse": "savings.planned_use",
    "carbonaudit.savings.RecognitionSplit": "savings.recognition_split",
    "carbonaudit.rates.YearOverYear": "rates.year_over_year",
    "carbonaudit.chiller.ChillerLog": "chiller.from_log",
    "carbonaudit.building.Balance": "building.electricity_balance",
    "carbonaudit.building.EuiComparison": "building.compare_eui",
    "carbonaudit.production.QuarterlyEnergy": "production.quarterly_energy_per_unit",
    "carbonaudit.inventory.AwardRow": "inventory.award_summary",
    "carbonaudit.inventory.Inventory": "inventory.compute",
    "carbonaudit.inventory.Line": "inventory.compute",
    "carbonaudit.inventory.UncertaintyResult": "inventory.uncertainty",
    "carbonaudit.inventory.YearComparison": "inventory.compare_years",
    "carbonaudit.factors.FactorTrace": "emissions.emissions",
    "carbonaudit.measure_codes.MeasureCode": "measure_codes.lookup",
    "carbonaudit.measure_codes.Programme": "measure_codes.demand_response_programme",
    "carbonaudit.periods.YearMonthRange": "periods.YearMonthRange.parse",
    "carbonaudit.errors.Finding": "chiller.must_declare",
    "carbonaudit.fee.FeeResult": "fee.carbon_fee",
    "carbonaudit.fee.FeeComparison": "fee.compare",
    "carbonaudit.fee.FeeRules": "fee.rules",
}

# Callables with no value to substitute: no parameter, or only text labels, booleans and nested models.
NO_VALUE_PARAMS: dict[str, str] = {
    "carbonaudit.factors.available": "no parameter",
    "carbonaudit.factors.rules": "no parameter (the Rules model is driven)",
    "carbonaudit.factors.inventory_data": "no parameter",
    "carbonaudit.factors.diff": "two FactorSets, no value to substitute; anything else is refused by name (tests/test_factor_diff.py)",
    "carbonaudit.factors.FactorDiff": "the result of factors.diff, built only by it",
    "carbonaudit.factors.FactorChange": "one row of a FactorDiff, built only by factors.diff",
    "carbonaudit.measure_codes.systems": "no parameter",
    "carbonaudit.declaration.json_schema": "no parameter",
    "carbonaudit.declaration.Preparer": "only free text",
    "carbonaudit.factors.Source": "a citation (document, table, year): nothing is computed from it",
    "carbonaudit.declaration.Person": "only free text",
    "carbonaudit.declaration.Organisation": "lists of Person",
    "carbonaudit.declaration.Policy": "booleans, free text and a FormDate (driven)",
    "carbonaudit.declaration.EnergyManager": "free text, a bool and a FormDate (driven)",
    "carbonaudit.declaration.RegisterRow": "free text and literals",
    "carbonaudit.declaration.Building": "its floor_area is an Amount (driven); the rest text and small ints",
    "carbonaudit.declaration.SystemRow": "a literal, a Fraction and Hours, the kinds driven in the other rows",
}

MODULES = (
    "carbonaudit",
    "carbonaudit.units",
    "carbonaudit.factors",
    "carbonaudit.energy",
    "carbonaudit.emissions",
    "carbonaudit.fee",
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
)


def public_callables() -> dict[str, Any]:
    """Every public callable named in the ``__all__`` of :data:`MODULES`, by qualified name.

    Left out: modules, exception classes (the errors themselves), typing aliases (``Literal``
    types such as ``Era``), and constants (tables such as ``ENERGY_TYPES``).
    """
    out: dict[str, Any] = {}
    for mod_name in MODULES:
        mod = importlib.import_module(mod_name)
        for name in mod.__all__:
            obj = getattr(mod, name)
            if isinstance(obj, types.ModuleType):
                qual = f"carbonaudit.{name}" if mod_name == "carbonaudit" else f"{mod_name}.{name}"
                out[qual] = obj
                continue
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                continue
            if type(obj).__module__ == "typing" or isinstance(obj, typing.TypeVar) or not callable(obj):
                continue
            out[f"{mod_name}.{name}"] = obj
    return out


def driven_objects() -> list[Any]:
    return [t for s in SPECS.values() for t in s.targets]


# -- results: their numbers, compared -----------------------------------------------------------


def leaves(obj: Any, path: str = "", depth: int = 0) -> list[tuple[str, Any]]:
    """The leaves of a result as (path, value): numbers as float64 arrays, the rest as text."""
    assert depth < 50, path
    d = depth + 1
    if isinstance(obj, pint.Quantity):
        return [(path + "@unit", str(obj.units)), *leaves(obj.magnitude, path, d)]
    if isinstance(obj, pd.DataFrame):
        out: list[tuple[str, Any]] = [(path + "@columns", tuple(str(c) for c in obj.columns))]
        for c in obj.columns:
            out += leaves(obj[c].to_numpy(), f"{path}[{c!r}]", d)
        return out
    if isinstance(obj, (pd.Series, pd.Index)):
        return leaves(obj.to_numpy(), path, d)
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "biuf":
            return [(path, obj.astype(float))]
        if obj.dtype.kind in "mM":
            return [(path, str(obj.tolist()))]
        out = []
        for i, x in enumerate(obj.ravel().tolist()):
            out += leaves(x, f"{path}[{i}]", d)
        return out
    if isinstance(obj, (bool, np.bool_)) or obj is None:
        return [(path, repr(bool(obj)) if obj is not None else "None")]
    if isinstance(obj, (int, float, np.integer, np.floating, Decimal)):
        try:
            return [(path, np.asarray(float(obj)))]
        except OverflowError:
            return [(path, "int beyond float range")]
    if isinstance(obj, (str, bytes)):
        return [(path, obj)]
    if isinstance(obj, BaseModel):
        return leaves(obj.model_dump(), path, d)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = []
        for f in dataclasses.fields(obj):
            if not f.name.startswith("_"):
                out += leaves(getattr(obj, f.name), f"{path}.{f.name}", d)
        return out
    if isinstance(obj, Mapping):
        out = []
        for k in sorted(obj, key=repr):
            out += leaves(obj[k], f"{path}[{k!r}]", d)
        return out
    if isinstance(obj, (list, tuple)):
        out = []
        for i, x in enumerate(obj):
            out += leaves(x, f"{path}[{i}]", d)
        return out
    return [(path, f"<{type(obj).__name__}>")]


def nonfinite(obj: Any) -> list[str]:
    """Paths of the NaN and infinite numbers of a result."""
    return [p for p, v in leaves(obj) if isinstance(v, np.ndarray) and not np.isfinite(v).all()]


def difference(got: Any, want: Any, rtol: float = 1e-12) -> str | None:
    """Where *got* differs from *want* (None if equal): numbers within rtol, NaN equal to NaN."""
    a, b = leaves(got), leaves(want)
    if [p for p, _ in a] != [p for p, _ in b]:
        return f"structure differs: {[p for p, _ in a][:8]} vs {[p for p, _ in b][:8]}"
    for (path, x), (_, y) in zip(a, b, strict=True):
        if isinstance(x, np.ndarray) and isinstance(y, np.ndarray):
            if x.shape != y.shape:
                return f"{path or 'result'}: shape {x.shape} vs {y.shape}"
            if not np.allclose(x, y, rtol=rtol, atol=0, equal_nan=True):
                bad = ~np.isclose(x, y, rtol=rtol, atol=0, equal_nan=True)
                i = int(np.flatnonzero(bad.ravel())[0]) if x.ndim else 0
                return f"{path or 'result'}: {x.ravel()[i]!r} vs {y.ravel()[i]!r} (the float64 call)"
        elif type(x) is not type(y) or x != y:
            return f"{path or 'result'}: {x!r} vs {y!r} (the float64 call)"
    return None


def dtype_limits(p: Param, dtype: Any) -> tuple[float, float]:
    """The range the dtype tests draw a parameter's values from, within the dtype's range."""
    if np.dtype(dtype).kind == "f":
        info: Any = np.finfo(dtype)
        lo_d, hi_d = float(info.min), float(info.max)
    else:
        info = np.iinfo(dtype)
        lo_d, hi_d = int(info.min), int(info.max)
    lo = p.lo if p.lo is not None else (lo_d if p.negative_ok else 0)
    hi = p.hi if p.hi is not None else hi_d
    return max(lo, lo_d), min(hi, hi_d)


def as_reference(value: Any) -> Any:
    """*value* with every magnitude as float64 (the reference of the dtype tests)."""
    if isinstance(value, pint.Quantity):
        return Q_(as_reference(value.magnitude), value.units)
    if isinstance(value, np.ndarray):
        return value.astype(np.float64)
    if isinstance(value, np.generic):
        return np.float64(value)
    return value


def describe(value: Any) -> str:
    """A short reproducible description of a value, for failure messages."""
    if isinstance(value, pint.Quantity):
        return f"Q_({describe(value.magnitude)}, {str(value.units)!r})"
    if isinstance(value, np.ndarray):
        text_ = np.array2string(value, threshold=4, separator=", ")
        return f"np.array({text_}, dtype=np.{value.dtype})"
    if isinstance(value, np.generic):
        return f"np.{value.dtype}({value!r})" if not isinstance(value, np.bool_) else repr(value)
    if isinstance(value, pd.Series):
        return f"pd.Series({value.tolist()!r}, index={value.index.tolist()!r})"
    if isinstance(value, int) and abs(value) > 10**20:
        return "10**400" if value > 0 else "-10**400"
    return repr(value)
