"""The one unit registry of carbonaudit, and the unit checks at the library's boundary.

Every dimensional input is a :class:`Quantity` of :data:`ureg`. The registry is pint's
default one with the definitions that the Taiwanese forms need, read from the ``units`` section
of ``data/factors.yaml`` (each with its source):

* ``cal``, ``kcal``, ``Mcal`` are International Table calories: ``Q_(1, "kcal").m_as("kJ")`` is
  4.1868 (pint's default calorie is the thermochemical one).
* ``USRT`` (alias ``RT``) is the forms' 3,024 kcal/h refrigeration ton; ``RTh`` = USRT·h.
* ``TWD`` is a currency dimension, ``kTWD`` = 1,000 TWD (千元).
* ``KLOE``, ``LOE`` (oil equivalent by volume) and ``kgOE`` (by mass) are dimensions of their own:
  heat converts to them only through a factor set (:func:`carbonaudit.energy.to_kloe`).
* ``t`` is the metric tonne (公噸); pint's ``ton`` is the short ton and is never used.
* The forms' labels are units of the registry too: ``Q_(12000, "度")`` is 12,000 kWh,
  ``Q_(3, "公秉")`` 3 kL, ``Q_(1, "元/度")`` 1 TWD/kWh (the table is ``_LABELS``; the Quantity
  keeps pint's unit, kilowatt_hour). :func:`parse_unit` reads them as well, and the spellings
  users type (``kwh``, ``KWH``, ``m3``, ``KL``), refusing the ambiguous ones (``mw``) and ``Nm3``.

Users with their own pint registry convert through magnitudes:
``Q_(their_q.m_as("kWh"), "kWh")``.
"""

from __future__ import annotations

import difflib
import logging
import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import pint

from ._data import factors_document
from .errors import InvalidValueError, UnitsError

__all__ = [
    "MAX_AMOUNT",
    "Q_",
    "Quantity",
    "Unit",
    "check_amount",
    "check_shapes",
    "check_unit",
    "checked_magnitude",
    "scalar_magnitude",
    "fraction",
    "magnitude",
    "parse_unit",
    "require_quantity",
    "stack",
    "ureg",
]

if TYPE_CHECKING:  # pint's classes are generic in their magnitude; annotate with these aliases
    Quantity: TypeAlias = pint.Quantity[Any]
    Unit: TypeAlias = Any  # pint.Unit or a PlainUnit returned by Quantity.units
else:
    Quantity = pint.Quantity
    Unit = pint.Unit


@contextmanager
def _quiet_redefinitions() -> Iterator[None]:
    # Redefining ``calorie`` as the IT calorie is intended; pint logs each redefinition.
    logger = logging.getLogger("pint.util")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


# Labels printed on the forms (表頭 units) and the unit each means: the one table behind the
# registry's own reading of them (Q_(12000, "度")) and parse_unit's.
_LABELS: dict[str, str] = {
    "度": "kWh",
    "仟度": "MWh",
    "千度": "MWh",
    "瓩": "kW",
    "千瓦": "kW",
    "千伏安": "kVA",
    "千乏": "kvar",
    "公秉": "kL",
    "公升": "L",
    "公斤": "kg",
    "公噸": "t",
    "千立方公尺": "thousand_cubic_meter",
    "立方公尺": "m**3",
    "平方公尺": "m**2",
    "百萬卡": "Mcal",
    "千卡": "kcal",
    "元": "TWD",
    "千元": "kTWD",
    "仟元": "kTWD",
    "冷凍噸": "USRT",
    "美制冷凍噸": "USRT",
    "冷凍噸-小時": "RTh",
    "公秉油當量": "KLOE",
    "公升油當量": "LOE",
    "公斤油當量": "kgOE",
    "小時": "h",
}


def _label_reader(labels: dict[str, str]) -> Callable[[str], str]:
    """A pint preprocessor that writes each form label of *labels* as the pint expression it means.

    The longest label is tried first (千度 before 度, 千立方公尺 before 立方公尺) and each is put in
    brackets, so a label works inside an expression: ``元/度`` is read as ``(TWD)/(kWh)``. The
    Quantity keeps pint's canonical unit (``Q_(1, "度")`` is 1 kilowatt_hour), so every check of
    carbonaudit that reads unit names (electrical kind, pint's short ton) sees the same units as
    for ``Q_(1, "kWh")``, and a pickled Quantity needs nothing of the labels to come back.
    """
    pattern = re.compile("|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True)))

    def read(text: str) -> str:
        if text.isascii():  # the usual case: no label can be in it
            return text
        return pattern.sub(lambda m: f"({labels[m.group(0)]})", text)

    return read


def _build_registry() -> pint.UnitRegistry[Any]:
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(preprocessors=[_label_reader(_LABELS)])
    with _quiet_redefinitions():
        for entry in factors_document()["units"]:
            registry.define(entry["definition"])
    _remember_parsed_units(registry)
    _convert_scalars_by_factor(registry)
    return registry


_PARSED_UNITS_KEPT = 4096
"""Most unit expressions remembered by the registry (the library and a declaration use a few dozen)."""


def _forgetting(method: Callable[..., Any], kept: dict[Any, Any]) -> Callable[..., Any]:
    """*method* (a registry's ``define`` or ``load_definitions``) that empties *kept* before and after it runs."""

    def defining(*args: Any, **kwargs: Any) -> Any:
        kept.clear()
        try:
            return method(*args, **kwargs)
        finally:
            kept.clear()

    return defining


def _remember_parsed_units(registry: pint.UnitRegistry[Any]) -> None:
    """Make *registry* parse each unit expression (``"kWh"``, ``"kcal/kg"``) once, not at every use.

    pint keeps a parsed expression only when it is a unit's own name (``"kilowatt_hour"``), so every
    ``Q_(x, "kWh")`` and ``q.m_as("kWh")`` parses the text again, prefix by prefix: a third of the
    time of validating a declaration. The result of a parse is an immutable ``UnitsContainer`` that
    depends only on the text, the two flags and the registry's definitions, so it is kept per pint
    cache (pint swaps its cache when a context with its own definitions is active) and forgotten
    when a unit is defined (``registry.define``, ``registry.load_definitions``). An expression pint
    refuses is not kept: it raises again, as before.
    """
    parse = registry.parse_units_as_container
    define = registry.define
    load_definitions = registry.load_definitions
    kept: dict[int, tuple[Any, dict[tuple[str, bool | None, bool | None, bool, bool], Any]]] = {}

    def parse_units_as_container(
        input_string: str, as_delta: bool | None = None, case_sensitive: bool | None = None
    ) -> Any:
        cache = registry._cache
        entry = kept.get(id(cache))
        if entry is None or entry[0] is not cache:  # a new pint cache (or an id reused): start afresh
            entry = kept[id(cache)] = (cache, {})
        memo = entry[1]
        try:
            key = (input_string, as_delta, case_sensitive, registry.default_as_delta, registry.case_sensitive)
            return memo[key]
        except KeyError:
            pass
        except TypeError:  # not text: pint says what it makes of it
            return parse(input_string, as_delta, case_sensitive)
        parsed = parse(input_string, as_delta, case_sensitive)
        if len(memo) < _PARSED_UNITS_KEPT:
            memo[key] = parsed
        return parsed

    registry.parse_units_as_container = parse_units_as_container  # type: ignore[method-assign]
    registry.define = _forgetting(define, kept)  # type: ignore[method-assign]
    registry.load_definitions = _forgetting(load_definitions, kept)  # type: ignore[method-assign]


_FACTORS_KEPT = 4096
"""Most (unit, target unit) pairs whose conversion factor the registry keeps."""


def _convert_scalars_by_factor(registry: pint.UnitRegistry[Any]) -> None:
    """Make ``q.to(unit)`` and ``q.m_as(unit)`` of a float (or array) *q* one multiplication by a kept factor.

    For multiplicative units pint converts a magnitude as ``value * factor``, the factor of the two
    units found (and cached) by the registry; but each call first parses the target, walks the
    registry's facets and builds a Quantity: most of the time of validating a declaration. Here
    the factor pint gives for each (units, target) pair is asked once (pint's own conversion of
    1.0, which is the factor itself) and kept; a float or numpy array magnitude is then multiplied
    by it, the same operation pint does, so every result is bit for bit pint's. Units equal to the
    target give the magnitude itself (the same array, not a copy), as pint does. Everything else
    goes to pint unchanged: another type of magnitude (an int, a Decimal, a list), a target that
    is not text or a Unit of *registry*, offset units (degC, degF) and other non-multiplicative ones, a dimension mismatch (pint raises), and any
    call while a context is active (it may redefine units or transform dimensions). The factors
    are forgotten when a unit is defined.
    """
    quantity_class: Any = registry.Quantity
    unit_class: Any = registry.Unit
    pint_to = quantity_class.to
    pint_m_as = quantity_class.m_as
    kept: dict[tuple[Any, Any, Any, Any], tuple[Any, Any]] = {}
    active = registry._active_ctx  # (a ContextChain, kept for the registry's life)

    def entry(q: Any, units: Any) -> tuple[Any, Any] | None:
        """(target UnitsContainer, factor or None for equal units) of *q*'s units to *units*, or None for pint."""
        kind = type(q._magnitude)
        if (kind is not float and kind is not np.ndarray) or active.contexts:
            return None
        key = (q._units, units, registry.case_sensitive, registry.default_as_delta)  # (as the parse is made)
        try:
            return kept[key]
        except KeyError:
            pass
        except TypeError:  # unhashable: pint says what it makes of it
            return None
        if type(units) is not str and type(units) is not unit_class:
            return None
        try:
            target = pint.util.to_units_container(units, registry)
            if q._units == target:
                found: tuple[Any, Any] = (target, None)
            elif (
                quantity_class(1.0, q._units)._is_multiplicative
                and quantity_class(1.0, target)._is_multiplicative
            ):
                found = (target, pint_m_as(quantity_class(1.0, q._units), target))
            else:
                return None
        except Exception:  # noqa: BLE001 - pint raises its own error on the normal path
            return None
        if len(kept) < _FACTORS_KEPT:
            kept[key] = found
        return found

    def to(self: Any, other: Any = None, *contexts: Any, **ctx_kwargs: Any) -> Any:
        found = None if contexts or ctx_kwargs else entry(self, other)
        if found is None:
            return pint_to(self, other, *contexts, **ctx_kwargs)
        target, factor = found
        return type(self)(self._magnitude if factor is None else self._magnitude * factor, target)

    def m_as(self: Any, units: Any) -> Any:
        found = entry(self, units)
        if found is None:
            return pint_m_as(self, units)
        factor = found[1]
        return self._magnitude if factor is None else self._magnitude * factor

    define = registry.define
    load_definitions = registry.load_definitions

    pint_new = quantity_class.__new__

    def new(cls: Any, value: Any, units: Any = None) -> Any:
        # PlainQuantity.__new__ for a float, an int or a numpy array (kept as it is, no copy, as pint
        # keeps it) and a Unit of this registry, a parsed UnitsContainer or unit text: the same
        # object, without the checks that concern other values
        kind = type(units)
        number = type(value)
        if (number is float or number is int or number is np.ndarray) and not (
            registry.force_ndarray or registry.force_ndarray_like
        ):
            if kind is unit_class:
                container = units._units
            elif kind is container_class:
                container = units
            elif kind is str:
                container = registry.parse_units(units)._units
            else:
                return pint_new(cls, value, units)
            out = object.__new__(cls)
            out._magnitude = value
            out._units = container
            return out
        return pint_new(cls, value, units)

    container_class = type(registry.parse_units("m")._units)
    quantity_class.__new__ = staticmethod(new)
    quantity_class.to = to
    quantity_class.m_as = m_as
    registry.define = _forgetting(define, kept)  # type: ignore[method-assign]
    registry.load_definitions = _forgetting(load_definitions, kept)  # type: ignore[method-assign]


ureg: pint.UnitRegistry[Any] = _build_registry()
"""The registry every carbonaudit Quantity must come from."""

Q_ = ureg.Quantity
"""Shorthand for ``ureg.Quantity``: ``Q_(1000, "L")``, ``Q_(np.array([...]), "kWh")``."""


# -- pickling ------------------------------------------------------------------------------
# pint unpickles every Quantity and Unit into its *application* registry (pint's default one,
# with the thermochemical calorie and none of the forms' units), so a Quantity sent to a Dask
# worker or a multiprocessing pool would come back as another number (1 kcal = 4.184 kJ) or fail
# (KLOE, USRT, kTWD). Rather than make ``ureg`` pint's application registry, which would change
# pint for every other library in the process, carbonaudit's own Quantity and Unit classes (pint
# builds one pair per registry) reduce to these module-level functions, which rebuild the value
# in :data:`ureg`.


def _rebuild_quantity(magnitude: Any, units: Any) -> Quantity:
    """Unpickle a Quantity of :data:`ureg` (*units* is pint's UnitsContainer)."""
    return ureg.Quantity(magnitude, ureg.Unit(units))


def _rebuild_unit(units: Any) -> Unit:
    """Unpickle a Unit of :data:`ureg`."""
    return ureg.Unit(units)


def _reduce_quantity(self: Quantity) -> tuple[Any, tuple[Any, Any]]:
    return _rebuild_quantity, (self._magnitude, self._units)


def _reduce_unit(self: Unit) -> tuple[Any, tuple[Any]]:
    return _rebuild_unit, (self._units,)


ureg.Quantity.__reduce__ = _reduce_quantity  # type: ignore[method-assign,assignment]
ureg.Unit.__reduce__ = _reduce_unit  # type: ignore[method-assign]


# -- units the forms never mean ----------------------------------------------------------------
# A unit whose everyday name means something else in pint: refused wherever a unit is taken,
# with the spelling that the forms mean (canonical pint names -> advice).
_TRAPS: dict[str, str] = {
    ureg.get_name("ton"): "pint's 'ton' is the US short ton (907.18 kg), not the metric tonne of the forms: write 't' or '公噸'",
    ureg.get_name("long_ton"): "pint's 'long_ton' is the imperial ton (1,016.05 kg), not the metric tonne of the forms: write 't' or '公噸'",
    ureg.get_name("UK_ton"): "pint's 'UK_ton' is the imperial ton (1,016.05 kg), not the metric tonne of the forms: write 't' or '公噸'",
    ureg.get_name("US_ton"): "pint's 'US_ton' is the US short ton (907.18 kg), not the metric tonne of the forms: write 't' or '公噸'",
    ureg.get_name("refrigeration_ton"): (
        "pint's 'refrigeration_ton' is 12,000 Btu/h, not the forms' 冷凍噸 of 3,024 kcal/h: write 'USRT' (or 'RT')"
    ),
    ureg.get_name("T"): "'T' is pint's tesla (magnetic flux density), not a tonne: write 't' or '公噸'",
    ureg.get_name("kt"): "'kt' is pint's knot (a speed), not a kilotonne: write 'kilotonne' (1,000 t) or give tonnes",
    ureg.get_name("cooling_tower_ton"): (
        "pint's 'cooling_tower_ton' is 15,000 Btu/h, not the forms' 冷凍噸 of 3,024 kcal/h: write 'USRT' (or 'RT')"
    ),
}

# Electrical power and energy come in three kinds that pint gives one dimension: real (W, kWh),
# apparent (VA, kVA·h) and reactive (var, kvar·h). A value of one kind is never taken as another.
_APPARENT = "volt_ampere"
_REACTIVE = "volt_ampere_reactive"
_KIND_SYMBOLS = {"real": "kW", "apparent": "kVA", "reactive": "kvar"}
_ENERGY_DIMENSION = ureg.Unit("kWh").dimensionality
_POWER_DIMENSION = ureg.Unit("kW").dimensionality
_TEMPERATURE_DIMENSION = ureg.Unit("K").dimensionality
_LENGTH_DIMENSION = ureg.Unit("m").dimensionality


def _electrical_kind(units: Any) -> str:
    """'reactive', 'apparent' or 'real' for a pint UnitsContainer (prefixes included)."""
    kind = "real"
    for name in units:
        if name.endswith(_REACTIVE):
            return "reactive"
        if name.endswith(_APPARENT):
            kind = "apparent"
    return kind


def _trap(units: Any) -> str | None:
    """The advice for the first unit of *units* (a UnitsContainer) that the forms never mean."""
    for name in units:
        advice = _TRAPS.get(name)
        if advice is not None:
            return advice
    return None


def _check_compatible(given: Any, target: Any, name: str, shown: Any) -> None:
    """Refuse trap units and a change of electrical kind; *given*/*target* are UnitsContainers.

    *shown* (the caller's Quantity or Unit) is formatted only for a message: formatting costs more
    than the checks.
    """
    advice = _trap(given)
    if advice is not None:
        raise UnitsError(f"{name} is given in {shown:~}: {advice}")
    kind, wanted = _electrical_kind(given), _electrical_kind(target)
    if kind != wanted:
        target_unit = ureg.Unit(target)
        dimension = target_unit.dimensionality
        what = "energy" if dimension == _ENERGY_DIMENSION else "power" if dimension == _POWER_DIMENSION else "power or energy"
        h = "h" if what == "energy" else ""
        hint = f"; real {what} = apparent {what} × power factor" if kind == "apparent" and wanted == "real" else ""
        raise UnitsError(
            f"{name} must be {wanted} {what} ({target_unit:~}), got {shown:~}: {kind} {what} "
            f"({_KIND_SYMBOLS[kind]}{h}) is not {wanted} {what} ({target_unit:~}){hint}"
        )


_BRACKETS = {("(", ")"), ("（", "）"), ("[", "]")}

# -- the spellings users type ------------------------------------------------------------------
# Read by parse_unit (and so by the CLI, the CSV readers and the YAML models), never by the
# registry: Q_ and ureg take pint's spellings and the form labels only.
#
# A word that pint does not know is read as the unit whose symbol differs from it only in case
# (kwh, KWH -> kWh; KL -> kL; KG -> kg; Kcal -> kcal), but only where one unit has that spelling:
# mw is MW (megawatt) or mW (milliwatt), mwh is MWh or mWh, and both are refused with the two.
_FOLD_PREFIXES = ("", "k", "M", "G", "T", "m")
_FOLD_BASES = ("Wh", "W", "VA", "var", "J", "cal", "L", "g")
_FOLDABLE = (*(p + b for p in _FOLD_PREFIXES for b in _FOLD_BASES), "tonne")
# A volume written with its exponent as a digit: m3, M3 (the award form's Kcal/M3), m2, cm3.
_DIGIT_POWER = re.compile(r"([A-Za-z]+)([23])")
# A word of a unit expression (not the exponent of a number: 1e3).
_WORD = re.compile(r"(?<![\w.])[A-Za-z_][A-Za-z0-9_]*")
_TON_WORDS = ("ton", "tons")
# Nm3 (normal cubic metre), Sm3 (standard), also as Nm**3, Nm^3, Nm³.
_NORMAL_VOLUME = re.compile(r"(?<![A-Za-z])[NnSs][Mm](?:\*\*|\^)?[3³](?![0-9])")
_NORMAL_VOLUME_WHY = (
    "the forms ask for natural gas in 立方公尺 (as on the gas bill) and carbonaudit's heat values (kcal/m³) "
    "are per that volume; neither states reference conditions, so a normal or standard cubic metre (gas at "
    "0 °C or 15 °C and 1 atm) is not taken for it"
)
_NORMAL_VOLUME_FIX = "write the volume from the gas bill in 'm3' or '立方公尺'"
# Other spellings the fallback suggests from (with the form labels and the foldable symbols).
_SUGGESTED = ("t", "m3", "m**3", "USRT", "RTh", "KLOE", "LOE", "kgOE", "TWD", "kTWD", "h", "kvar", "kVA")


def _refusal(message: str, fix: str | None = None) -> UnitsError:
    """A UnitsError whose message _unit keeps (it says what to write instead, in *fix* or itself)."""
    error = UnitsError(message, python=fix, cli=fix)
    error.refused_unit = True  # type: ignore[attr-defined]  # read by _unit: keep this message
    return error


@lru_cache(maxsize=1)
def _folded() -> dict[str, tuple[str, ...]]:
    """Case-folded spelling -> the spellings of distinct units it could mean (kvar and kVAr are one unit)."""
    by_fold: dict[str, dict[Any, str]] = {}
    for spelling in _FOLDABLE:
        by_fold.setdefault(spelling.lower(), {}).setdefault(ureg.Unit(spelling)._units, spelling)
    return {fold: tuple(units.values()) for fold, units in by_fold.items()}


@lru_cache(maxsize=1)
def _suggestion_pool() -> dict[str, tuple[str, ...]]:
    """Case-folded known spelling -> the spellings to suggest for it."""
    pool: dict[str, tuple[str, ...]] = dict(_folded())
    for spelling in (*_LABELS, *_SUGGESTED):
        pool.setdefault(spelling.lower(), (spelling,))
    return pool


def _did_you_mean(word: str) -> str | None:
    """'did you mean 'kWh'?' for a misspelt *word*, from the known labels and spellings; None if none is close."""
    pool = _suggestion_pool()
    close = difflib.get_close_matches(word.lower(), pool, n=1, cutoff=0.6)
    spellings = list(dict.fromkeys(s for fold in close for s in pool[fold]))
    if not spellings:
        return None
    return "did you mean " + " or ".join(repr(s) for s in spellings) + "?"


def _known_word(word: str) -> bool:
    try:
        ureg.parse_units(word)
    except Exception:  # pint raises many kinds (UndefinedUnitError, ValueError, ...)
        return False
    return True


def _length_power(base: str, power: str) -> str | None:
    """``m**3`` for m3 or M3, ``cm**3`` for cm3: a length unit written with its exponent as a digit."""
    if base in ("m", "M"):
        return f"m**{power}"
    try:
        unit = ureg.Unit(base)
    except Exception:  # pint raises many kinds
        return None
    return f"{base}**{power}" if unit.dimensionality == _LENGTH_DIMENSION else None


def _respelt(word: str, label: str) -> str | None:
    """The pint spelling of a *word* pint does not know, None if it has none; raises for a refused word."""
    fold = word.lower()
    if fold in _TON_WORDS:
        raise _refusal(f"unit {label!r} is refused: {_TRAPS[ureg.get_name('ton')]}")
    digit = _DIGIT_POWER.fullmatch(word)
    if digit is not None:
        base, power = digit.groups()
        if base.lower() == "km" and power == "3":
            raise _refusal(
                f"unit {label!r} is ambiguous: {word!r} is a cubic kilometre in SI, but the award form writes kM3 for "
                f"1,000 m³",
                "write '千立方公尺' (1,000 m³) or 'km**3' (a cubic kilometre)",
            )
        return _length_power(base, power)
    meanings = _folded().get(fold, ())
    if len(meanings) > 1:
        names = ", ".join(f"{s!r} is {ureg.Unit(s)}" for s in meanings)
        spellings = " or ".join(repr(s) for s in meanings)
        raise _refusal(f"unit {label!r} is ambiguous: {names}", f"write it with its case: {spellings}")
    return meanings[0] if meanings else None


def _unknown(label: str, word: str | None = None) -> UnitsError:
    hint = _did_you_mean(word or label)
    if hint is None:
        known = ", ".join(_LABELS)
        return UnitsError(f"unknown unit label {label!r}: not a form label ({known}) nor a unit of carbonaudit.ureg")
    what = f"unit {label!r} is not known" + (f": {word!r} is not a unit" if word and word != label else "")
    error = _refusal(what, hint)
    error.unknown_unit = True  # type: ignore[attr-defined]  # read by _unit: name the argument first
    return error


def parse_unit(label: str) -> Unit:
    """Return the unit that a label on the forms, a pint expression or a common spelling stands for.

    The labels are those of the forms' column heads (non-production-form-2025, production-declaration-2018: 度 = kWh,
    公秉 = kL, 公噸 = t, 千立方公尺 = 1000 m³, 百萬卡 = Mcal, 千元 = NT$1000). The registry reads them
    too (``Q_(12000, "度")``); parse_unit also reads the spellings users type where pint has none:

    * a unit symbol in another case, where only one unit has that spelling: ``kwh``, ``KWH``,
      ``Kwh`` → kWh; ``KL`` → kL; ``KG`` → kg; ``Kcal`` → kcal; ``gwh`` → GWh. ``mw`` (MW or mW)
      and ``mwh`` (MWh or mWh) are refused, naming both;
    * an exponent written as a digit: ``m3``, ``M3`` → m³; ``m2`` → m²; also inside an expression
      (``kcal/M3``, ``kg/kwh``);
    * ``TON``, ``tons``: refused, as pint's ``ton`` (the US short ton) is: write ``t`` or 公噸;
    * ``Nm3`` (normal cubic metre): refused. The forms and the heat values (kcal/m³) state natural
      gas per 立方公尺 as metered, at no stated conditions: write the metered volume in ``m3``;
    * ``kM3`` (the award form's 1,000 m³; in SI a cubic kilometre): refused, naming 千立方公尺 and ``km**3``.

    Parameters
    ----------
    label : str
        A Chinese unit label as printed on the forms (度, 瓩, 千伏安, 公秉, 公升, 公斤, 公噸,
        千立方公尺, 立方公尺, 百萬卡, 千元, 冷凍噸, ...), optionally in brackets, any unit
        expression of :data:`ureg` (``"kWh"``, ``"kcal/L"``, ``"元/度"``) or one of the spellings above.

    Returns
    -------
    Unit
        A unit of :data:`ureg`. 公噸 is the metric tonne ``t``; 千立方公尺 is 1,000 m³.

    Raises
    ------
    UnitsError
        If the label is neither a known form label, a unit of the registry nor a spelling above
        (the message suggests the closest known spelling: ``'kwhr'`` → ``'kWh'``), is ambiguous in
        case (``mw``), or is a unit the forms never mean (pint's ``ton``, ``long_ton``: short and
        imperial tons; ``refrigeration_ton``: 12,000 Btu/h; ``Nm3``) — the message names the right
        spelling (``t``/``公噸``, ``USRT``, ``m3``).

    Examples
    --------
    >>> parse_unit("公秉")
    <Unit('kiloliter')>
    >>> Q_(2, parse_unit("千立方公尺")).to("m**3")
    <Quantity(2000, 'meter ** 3')>
    >>> parse_unit("KWH"), parse_unit("kcal/M3")
    (<Unit('kilowatt_hour')>, <Unit('kilocalorie / meter ** 3')>)
    >>> parse_unit("kwhr")
    Traceback (most recent call last):
    ...
    carbonaudit.errors.UnitsError: unit 'kwhr' is not known; did you mean 'kWh'?
    """
    if not isinstance(label, str):  # before the cache, which would raise TypeError for a list
        raise UnitsError(f"unit label must be a str, got {type(label).__name__} {label!r}")
    return _parse_unit(label)


@lru_cache(maxsize=512)
def _parse_unit(label: str) -> Unit:
    text = label.strip()
    while len(text) >= 2 and (text[0], text[-1]) in _BRACKETS:
        text = text[1:-1].strip()
    if not text:
        raise UnitsError(f"unit label must not be empty, got {label!r}")
    if _NORMAL_VOLUME.search(text):  # before pint, which reads Nm**3 as number_meter ** 3
        raise _refusal(f"unit {label!r} is refused: {_NORMAL_VOLUME_WHY}", _NORMAL_VOLUME_FIX)
    try:
        unit = ureg.Unit(text)  # pint's spellings, and the form labels (the registry reads them)
    except Exception as exc:  # pint raises many kinds (UndefinedUnitError, TokenError, ...)
        unit = _parse_spelling(text, label, exc)
    advice = _trap(unit._units)
    if advice is not None:
        raise _refusal(f"unit {label!r} is refused: {advice}")
    return unit


def _parse_spelling(text: str, label: str, problem: Exception) -> Unit:
    """*text* (which pint cannot read) with each word pint does not know in its pint spelling."""
    unknown: list[str] = []

    def respell(match: re.Match[str]) -> str:
        word = match.group(0)
        if _known_word(word):
            return word
        spelt = _respelt(word, label)
        if spelt is None:
            unknown.append(word)
            return word
        return f"({spelt})"

    respelt = _WORD.sub(respell, text)
    if unknown:
        raise _unknown(label, unknown[0]) from problem
    try:
        return ureg.Unit(respelt)
    except Exception as exc:  # pint raises many kinds
        raise _unknown(label) from exc


def _unit(unit: object, name: str) -> Unit:
    """*unit* (a str or a Unit of :data:`ureg`) as a Unit; anything else is a UnitsError naming *name*'s unit."""
    if isinstance(unit, ureg.Unit):
        return unit
    if isinstance(unit, str):
        try:
            return parse_unit(unit)
        except UnitsError as exc:
            if getattr(exc, "refused_unit", False):
                lead = f"unit for {name}" if getattr(exc, "unknown_unit", False) else name
                raise UnitsError(f"{lead}: {exc.message}", python=exc.python, cli=exc.cli) from None
            problem = exc
    else:
        problem = None
    raise UnitsError(
        f"unit for {name} must be a unit of carbonaudit.ureg or a form label (e.g. 'kWh', 'L/min', '度'), "
        f"got {type(unit).__name__} {unit!r}"
    ) from problem


def _describe(dimensionality: Any) -> str:
    return str(dimensionality) if dimensionality else "dimensionless"


def _expected(unit: Unit, how: str) -> str:
    """What a Quantity of *unit* is, for a message: "[length] ** 3 (e.g. L)"; never an empty unit."""
    if not unit.dimensionality:  # the dimensionless unit formats as "": say what it means instead
        return "dimensionless (a fraction, or a percent Quantity)"
    return f"{_describe(unit.dimensionality)} ({how} {unit:~})"


def require_quantity(value: object, name: str, expected: str | Unit) -> Quantity:
    """Return *value* if it is a Quantity of :data:`ureg`, else raise :class:`~carbonaudit.errors.UnitsError`.

    Every dimensional input is a Quantity of the one registry; a bare number is never given a
    unit by guessing: the forms print a unit with every amount (e.g. 度 in non-production-form-2025
    表五之二). The dimension is not checked here: see
    :func:`magnitude`.

    Parameters
    ----------
    value : object
        What the caller passed.
    name : str
        The argument's name, for the error message.
    expected : str or Unit
        What *value* should be, only to word the message: a phrase (``"a volume, mass or
        energy"``) or a unit whose dimension is named (e.g. ``kWh``).

    Returns
    -------
    Quantity
        *value* itself, unchanged.

    Raises
    ------
    UnitsError
        If *value* is a bare number (or anything else that is not a Quantity), a Quantity of
        another pint registry, or one in a unit the forms never mean (pint's short ``ton``; see
        :func:`check_unit`).

    Examples
    --------
    >>> require_quantity(Q_(2.61, "kg/L"), "factor", "kg/L")
    <Quantity(2.61, 'kilogram / liter')>
    >>> require_quantity(2.61, "factor", "kg/L")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    carbonaudit.errors.UnitsError: factor must be a Quantity of kg/L, got bare float 2.61; give units, ...
    """
    if isinstance(value, ureg.Quantity):
        advice = _trap(value._units)
        if advice is not None:
            raise UnitsError(f"{name} is given in {value:~}: {advice}")
        return value
    if isinstance(value, pint.Quantity):
        raise UnitsError(
            f"{name} is a Quantity of another pint registry ({value!r}); build it with "
            f"carbonaudit.Q_ or convert through its magnitude"
        )
    hint = expected if isinstance(expected, str) else _expected(expected, "e.g.")
    raise UnitsError(
        f"{name} must be a Quantity of {hint}, got bare {type(value).__name__} {value!r}; "
        f"give units, e.g. carbonaudit.Q_({value!r}, ...)"
    )


def _float64(m: Any, name: str) -> Any:
    """A Quantity's magnitude as float64 (a float or a float64 array), or a typed error naming *name*.

    Integer magnitudes would stay integers through the engines' products and wrap around silently
    (``np.int16(8024) * 3000``); ``Decimal`` and ``Fraction`` do not mix with the float factors;
    a ``str`` is not a number. A float64 array is returned as it is (no pass over it).
    """
    if type(m) is float:
        return m
    if isinstance(m, np.ndarray):
        kind = m.dtype.kind
        if kind == "f":
            return m if m.dtype == np.float64 else m.astype(np.float64)
        if kind in "iu":
            return m.astype(np.float64)
        raise InvalidValueError(
            f"{name} must hold real numbers, got an array of dtype {m.dtype}; convert it with .astype(float)"
        )
    if isinstance(m, (bool, np.bool_)):
        raise InvalidValueError(f"{name} must be a number, got the bool {m!r}")
    if isinstance(m, (int, np.integer, np.floating, Decimal, Fraction)):
        try:
            v = float(m)
        except OverflowError:
            v = math.inf
        if math.isinf(v) and not (isinstance(m, (float, np.floating)) or (isinstance(m, Decimal) and not m.is_finite())):
            size = f"an int of {int(m.bit_length() * math.log10(2)) + 1} digits" if isinstance(m, int) else "a number"
            raise InvalidValueError(
                f"{name} must be a number within float64 range (about ±1.8e308), got {size} beyond it"
            )
        return v
    if isinstance(m, (str, bytes)):
        raise InvalidValueError(
            f"{name} must be a number, got the text {m!r}; give a number, e.g. carbonaudit.Q_(1000, 'L'), "
            "and read text columns with pandas.to_numeric first"
        )
    if hasattr(m, "__array__") and not isinstance(m, (complex, np.complexfloating)):  # pandas Series, Index, ...
        return _float64(np.asarray(m), name)
    raise InvalidValueError(f"{name} must be a real number or an array of them, got {type(m).__name__} {m!r}")


def _compatible_magnitude(q: Quantity, target: Unit, name: str) -> tuple[Any, Any]:
    """(magnitude in *target*, float64 magnitude in *q*'s own unit); the units are checked."""
    raw = _float64(q._magnitude, name)
    if q._units == target._units:  # (trap units were refused by require_quantity, the callers' first check)
        return raw, raw
    if q.dimensionality != target.dimensionality:
        raise UnitsError(
            f"{name} must be a Quantity of {_expected(target, 'convertible to')}, got {q:~} "
            f"which is {_describe(q.dimensionality)}"
        )
    _check_compatible(q._units, target._units, name, q)
    source = q if raw is q._magnitude else ureg.Quantity(raw, q._units)
    try:
        with np.errstate(over="raise"):
            converted = source.m_as(target)
    except pint.errors.PintError as exc:  # offset vs delta temperatures: same dimension, no conversion
        raise UnitsError(_offset_message(q, target, name)) from exc
    except FloatingPointError:  # an array whose conversion overflows float64: find the element
        with np.errstate(over="ignore"):
            overflowed = np.isinf(source.m_as(target)) & np.isfinite(raw)
        index = np.unravel_index(int(np.flatnonzero(overflowed)[0]), raw.shape)
        where = ", ".join(str(int(i)) for i in index)
        _raise_overflow(f"{name}[{where}]" if where else name, raw[index], q.units, target)
    if isinstance(converted, float) and math.isinf(converted) and not (isinstance(raw, float) and math.isinf(raw)):
        _raise_overflow(name, raw, q.units, target)
    return converted, raw


def _raise_overflow(name: str, value: Any, given: Unit, target: Unit) -> None:
    raise InvalidValueError(
        f"{name} is {float(value)!r} {given:~}, beyond float64's range in {target:~}; no real amount is that "
        "large: check the unit and the decimal point"
    )


def _offset_message(q: Quantity, target: Unit, name: str) -> str:
    """Why *q* does not convert to *target* although the dimensions agree: offset vs delta temperature."""
    target_offset = not ureg.Quantity(1.0, target)._is_multiplicative
    if not q._is_multiplicative and not target_offset:
        return (
            f"{name} must be a temperature difference, got {q:~}, an absolute temperature; "
            f"write it as a difference, e.g. Q_({q.magnitude!r}, 'delta_degC') or in K"
        )
    if q._is_multiplicative and target_offset:
        return (
            f"{name} must be an absolute temperature (e.g. {target:~}), got {q:~}, a temperature difference; "
            f"write it as a temperature, e.g. Q_({q.magnitude!r}, 'degC')"
        )
    return f"{name} cannot be converted from {q:~} to {target:~}"


def check_unit(unit: object, expected: str | Unit | Sequence[str | Unit], name: str) -> Unit:
    """Return *unit* as a Unit of :data:`ureg` if it can stand for one of the *expected* units.

    The check every unit passes at the boundary, for values kept in their own unit (an amount of
    fuel in L or kg) and for the unit fields of models and files: the dimension; none of pint's
    units the forms never mean (``ton`` is the US short ton; 公噸 is the metric tonne ``t``); and
    the same kind of electrical power or energy (real kW/kWh, apparent kVA, reactive kvar share a
    dimension in pint but are not interchangeable: the forms take real kW and kWh, and apparent
    kVA only for a transformer's rated capacity, non-production-form-2025 八 註4).

    Parameters
    ----------
    unit : str or Unit
        A unit of :data:`ureg` or a form label (``"度"``, ``"公秉"``), as :func:`parse_unit` reads it.
    expected : str, Unit or sequence of them
        The unit (or units, any of which will do) the value must be convertible to, e.g.
        ``("kWh", "L", "kg")`` for an amount of energy, fuel volume or mass.
    name : str
        The argument's or field's name, for the message.

    Returns
    -------
    Unit
        *unit* as a Unit of :data:`ureg`.

    Raises
    ------
    UnitsError
        If *unit* is not a unit (nor a form label), is a unit the forms never mean (pint's
        ``ton``, ``long_ton``, ``refrigeration_ton``), or fits none of *expected* (another
        dimension, another kind of electrical power or energy, or a temperature difference where
        an absolute temperature is expected, or the reverse).

    Examples
    --------
    >>> check_unit("公秉", ("kWh", "L", "kg"), "amount")
    <Unit('kiloliter')>
    >>> check_unit("kvar*h", "kWh", "energy")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    carbonaudit.errors.UnitsError: energy must be real energy (kWh), got ... kvar: reactive energy (kvarh) is not real energy (kWh)
    """
    key = expected if isinstance(expected, (str, ureg.Unit)) else tuple(expected)
    try:
        hash((unit, key))
    except TypeError:  # something unhashable (a list): not a unit, checked (and refused) uncached
        return _check_unit(unit, key, name)
    return _check_unit_cached(unit, key, name)  # models and records check the same units again and again


@lru_cache(maxsize=4096)
def _check_unit_cached(unit: object, expected: Any, name: str) -> Unit:
    return _check_unit(unit, expected, name)


def _check_unit(unit: object, expected: Any, name: str) -> Unit:
    parsed = _unit(unit, name)
    targets = [expected] if isinstance(expected, (str, ureg.Unit)) else list(expected)
    wanted = [_unit(t, name) for t in targets]
    problem: UnitsError | None = None
    for target in wanted:
        if parsed.dimensionality != target.dimensionality:
            continue
        try:
            _check_compatible(parsed._units, target._units, name, parsed)
            if parsed.dimensionality != _TEMPERATURE_DIMENSION:
                return parsed
            try:  # offset vs delta temperatures share a dimension but do not convert
                ureg.Quantity(1.0, parsed).to(target)
            except pint.errors.PintError:
                if ureg.Quantity(1.0, parsed)._is_multiplicative:
                    raise UnitsError(
                        f"{name} must be an absolute temperature, got {unit!r} ({parsed:~}), a temperature "
                        "difference: write the temperature itself in degC (or K, degF)"
                    ) from None
                raise UnitsError(
                    f"{name} must be a temperature difference, got {unit!r} ({parsed:~}), an absolute "
                    "temperature: write it in delta_degC (or K)"
                ) from None
        except UnitsError as exc:
            problem = problem or exc
            continue
        return parsed
    if problem is not None:
        raise problem
    shown = " or ".join(_expected(t, "e.g.") for t in wanted)
    raise UnitsError(f"{name} must be in a unit of {shown}, got {parsed:~} which is {_describe(parsed.dimensionality)}")


def magnitude(value: object, unit: str | Unit, name: str) -> Any:
    """Return the magnitude of *value* in *unit* as float64, checking its unit.

    This is the boundary between the unit-aware API and the plain-float kernels: convert once,
    then compute on floats or numpy arrays (units are converted, never assumed: the forms print a
    unit with every amount, e.g. 度 in non-production-form-2025 表五之二). Every magnitude leaves as float64: integer magnitudes (numpy int8 … uint64,
    Python int), ``Decimal`` and ``Fraction`` are converted, so no product wraps around or mixes
    number types downstream; a float64 array in *unit* is returned without a copy.

    Parameters
    ----------
    value : Quantity
        Scalar or array Quantity of :data:`ureg` [any unit of the dimension of *unit*].
    unit : str or Unit
        The unit wanted, e.g. ``"kWh"``.
    name : str
        The argument's name, for the error message.

    Returns
    -------
    float or numpy.ndarray
        The magnitude in *unit*, a float or a float64 array (no copy when *value* is already a
        float64 array in *unit*).

    Raises
    ------
    UnitsError
        If *value* is a bare number, a Quantity of another registry, of another dimension, in a
        unit the forms never mean (pint's short ``ton``: see :func:`check_unit`), of another kind
        of electrical power or energy (kvar·h or kVA·h where kWh is wanted), or an absolute
        temperature where a difference is wanted (or the reverse); or if *unit* is not a unit of
        :data:`ureg` (nor a form label, see :func:`parse_unit`).
    InvalidValueError
        If the magnitude is not a real number: a str, a bool, a complex number, an array of
        another dtype, or an int beyond float64's range.

    Examples
    --------
    >>> magnitude(Q_(1, "kL"), "L", "amount")
    1000.0
    >>> magnitude(Q_(1_120_329.5, "kWh"), parse_unit("仟度"), "savings")   # award forms report MWh
    1120.3295
    >>> magnitude(Q_(2, "ton"), "kg", "refrigerant")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    carbonaudit.errors.UnitsError: refrigerant is given in 2 ton: pint's 'ton' is the US short ton ...
    """
    target = _unit(unit, name)
    q = require_quantity(value, name, target)
    return _compatible_magnitude(q, target, name)[0]


def checked_magnitude(value: object, unit: str | Unit, name: str, *, allow_negative: bool = False) -> Any:
    """:func:`magnitude` followed by :func:`check_amount`: the usual boundary of an engine.

    Amounts of energy, fuel and money on the forms are finite and non-negative
    (non-production-form-2025 表五之二 use, 表十之一 savings and money). For a multiplicative unit the check runs on the value in
    the caller's own unit, so the message shows what they gave (``-1 L/min``, not ``-60 L/h``).

    Parameters
    ----------
    value : Quantity
        Scalar or array Quantity of :data:`ureg` [any unit of the dimension of *unit*].
    unit : str or Unit
        The unit wanted, e.g. ``"kWh"``.
    name : str
        The argument's name, for the error message.
    allow_negative : bool, default False
        Accept negative values (differences, temperatures); NaN and infinities are still refused.

    Returns
    -------
    float or numpy.ndarray
        The magnitude in *unit*.

    Raises
    ------
    UnitsError
        For a bare number, a Quantity of another registry or a wrong dimension; or if *unit* is
        not a unit of :data:`ureg` (nor a form label, see :func:`parse_unit`).
    InvalidValueError
        For NaN, an infinity or (unless *allow_negative*) a negative value.

    Examples
    --------
    >>> checked_magnitude(Q_(8400, "kcal/L"), "kcal/kL", "heat_value")
    8400000.0
    >>> checked_magnitude(Q_(-1, "L/min"), "L/h", "flow")
    Traceback (most recent call last):
    ...
    carbonaudit.errors.InvalidValueError: flow must be a finite, non-negative number, got -1.0
    """
    target = _unit(unit, name)
    q = require_quantity(value, name, target)
    m, raw = _compatible_magnitude(q, target, name)
    if raw is not m and q._is_multiplicative:
        # Sign and finiteness do not change with a multiplicative unit: check what the caller
        # gave, so the message shows their value (-1 L/min, not -60 L/h).
        check_amount(raw, name, allow_negative=allow_negative)
    else:
        check_amount(m, name, allow_negative=allow_negative)
    return m


def scalar_magnitude(value: object, unit: str | Unit, name: str, *, allow_negative: bool = False) -> float:
    """:func:`checked_magnitude` of a single value, as a float; an array is an error naming *name*.

    For the one-value fields of the forms, e.g. a contract capacity [kW] (non-production-form-2025
    三 能源用戶基本資料).

    Parameters
    ----------
    value : Quantity
        A scalar Quantity of :data:`ureg` [any unit of the dimension of *unit*].
    unit : str or Unit
        The unit wanted, e.g. ``"kW"``.
    name : str
        The argument's name, for the error message.
    allow_negative : bool, default False
        Accept a negative value; NaN and infinities are still refused.

    Returns
    -------
    float
        The magnitude in *unit*.

    Raises
    ------
    UnitsError
        For a bare number, a Quantity of another registry or a wrong dimension; or if *unit* is
        not a unit of :data:`ureg` (nor a form label, see :func:`parse_unit`).
    InvalidValueError
        For an array, NaN, an infinity or (unless *allow_negative*) a negative value.

    Examples
    --------
    >>> scalar_magnitude(Q_(11.381, "MW"), "kW", "contract_capacity")
    11381.0
    >>> scalar_magnitude(Q_([800, 900], "kW"), "kW", "contract_capacity")
    Traceback (most recent call last):
    ...
    carbonaudit.errors.InvalidValueError: contract_capacity must be a single value, got an array of shape (2,)
    """
    m = checked_magnitude(value, unit, name, allow_negative=allow_negative)
    if np.ndim(m) != 0:
        raise InvalidValueError(f"{name} must be a single value, got an array of shape {np.shape(m)}")
    return float(m)


def fraction(value: object, name: str) -> Any:
    """Return a dimensionless ratio as a plain fraction.

    Accepts a float fraction (``0.125``) or a dimensionless Quantity (``Q_(12.5, "percent")``);
    a number is never guessed to be a percentage. The forms print rates and gains in % (non-production-form-2025
    表十之一 公式(1) 提升效益 %).

    Parameters
    ----------
    value : float, int, numpy.ndarray or Quantity
        A fraction (scalar or real-valued array), or a dimensionless Quantity [percent, ...].
    name : str
        The argument's name, for the error message.

    Returns
    -------
    float or numpy.ndarray
        The plain fraction (12.5 % → 0.125). Neither range nor finiteness is checked.

    Raises
    ------
    UnitsError
        If *value* is a Quantity with a dimension, or not a number at all (a str, a bool, a list).
    InvalidValueError
        If *value* is an int beyond float64's range.

    Examples
    --------
    >>> fraction(Q_(12.5, "percent"), "gain")      # production-declaration-2018 公式(1): 12.5 % efficiency gain
    0.125
    >>> fraction(0.125, "gain")
    0.125
    """
    if isinstance(value, pint.Quantity):
        return magnitude(value, "dimensionless", name)
    if isinstance(value, (int, float, np.integer, np.floating, Decimal, Fraction)) and not isinstance(value, bool):
        return _float64(value, name)
    if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
        return value.astype(np.float64, copy=False)
    raise UnitsError(
        f"{name} must be a fraction (0.125) or a percent Quantity (Q_(12.5, 'percent')), "
        f"got {type(value).__name__} {value!r}"
    )


MAX_AMOUNT = 1e30
"""The largest magnitude any amount may have in the unit an engine computes in [that unit].

No figure on the forms comes near it (Taiwan's whole yearly electricity use is about 3e11 kWh),
and products of a few values at or below it stay far inside float64's range (about 1.8e308), so
a result never overflows to infinity: a larger value is a typing or unit error, refused by
:func:`check_amount` with the argument's name."""

_LIMIT_BITS = np.float64(MAX_AMOUNT).view(np.uint64)


def check_amount(values: Any, name: str, *, allow_negative: bool = False) -> None:
    """Raise :class:`~carbonaudit.errors.InvalidValueError` if *values* holds NaN, an infinity, a magnitude above :data:`MAX_AMOUNT` or (by default) a negative.

    Amounts on the forms (use, savings, output, money) are finite and non-negative
    (non-production-form-2025 表五之二, 表十之一); the message names the argument and, for an array, the
    index of the first bad element. Magnitudes above :data:`MAX_AMOUNT` (1e30) are refused too,
    so that no product of checked values overflows float64 to an infinity.

    For a float64 array, one reduction in the common, valid case (the maximum of the bit patterns,
    which is at most that of 1e30 exactly when every element is non-negative and at most 1e30 —
    negatives, infinities and NaN have larger patterns); other arrays take ``min`` and ``max``.
    Only when a check fails is the position of the first bad element looked up.

    Parameters
    ----------
    values : float, int or numpy.ndarray
        Plain magnitudes (already converted, see :func:`magnitude`), scalar or array.
    name : str
        The argument's name, for the error message.
    allow_negative : bool, default False
        Accept negative values; NaN, infinities and magnitudes above 1e30 are still refused.

    Returns
    -------
    None
        Nothing: the call returns only when every value is acceptable.

    Raises
    ------
    InvalidValueError
        If a value is NaN, infinite, above 1e30 in magnitude, complex, not a real number (an array
        of another dtype, a str) or, unless *allow_negative*, negative.

    Examples
    --------
    >>> import numpy as np
    >>> check_amount(np.array([149_200.0, 0.0]), "use")
    >>> check_amount(np.array([1.0, np.nan]), "use")
    Traceback (most recent call last):
    ...
    carbonaudit.errors.InvalidValueError: use[1] must be a finite, non-negative number, got nan
    >>> check_amount(-3.73, "difference", allow_negative=True)
    >>> check_amount(1e308, "amount")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    carbonaudit.errors.InvalidValueError: amount is 1e+308, larger in magnitude than the 1e+30 that carbonaudit accepts ...
    """
    if isinstance(values, np.ndarray):
        if values.dtype.kind not in "biuf":
            raise InvalidValueError(f"{name} must hold real numbers, got an array of dtype {values.dtype}")
        if values.size == 0:
            return
        flat = values.ravel()
        if not allow_negative and flat.dtype == np.float64 and flat.dtype.isnative:
            # One reduction: as unsigned integers, the doubles in [0, 1e30] are exactly those at
            # most the bit pattern of 1e30; negatives (sign bit), larger values, inf and NaN are above.
            if flat.view(np.uint64).max() <= _LIMIT_BITS:
                return
        elif values.dtype.kind in "biu":  # integers hold no NaN or infinity, and int64 < 1e30
            if allow_negative or values.min() >= 0:
                return
        else:
            with np.errstate(invalid="ignore"):
                low, high = flat.min(), flat.max()  # NaN propagates into both
            if (allow_negative and -MAX_AMOUNT <= low) or low >= 0:
                if high <= MAX_AMOUNT:
                    return
        with np.errstate(invalid="ignore"):
            finite = np.isfinite(flat)
            bad = ~finite | (np.abs(flat) > MAX_AMOUNT) if allow_negative else ~(finite & (flat >= 0) & (flat <= MAX_AMOUNT))
        if not bad.any():  # e.g. -0.0, whose sign bit failed the one-reduction test: zero is fine
            return
        index = int(np.flatnonzero(bad)[0])
        where = ", ".join(str(int(i)) for i in np.unravel_index(index, values.shape))
        _raise_bad(float(flat[index]), name, allow_negative, f"[{where}]" if where else "")
    else:
        if isinstance(values, (complex, np.complexfloating, str, bytes, bool, np.bool_)):
            raise InvalidValueError(f"{name} must be a real number, got {type(values).__name__} {values!r}")
        try:
            v = float(values)
        except (TypeError, ValueError, OverflowError):
            raise InvalidValueError(
                f"{name} must be a real number within float64 range, got {type(values).__name__}"
            ) from None
        if math.isfinite(v) and (allow_negative or v >= 0) and abs(v) <= MAX_AMOUNT:
            return
        _raise_bad(v, name, allow_negative, "")


def _raise_bad(value: float, name: str, allow_negative: bool, where: str) -> None:
    if math.isfinite(value) and abs(value) > MAX_AMOUNT and (allow_negative or value >= 0):
        raise InvalidValueError(
            f"{name}{where} is {value!r}, larger in magnitude than the {MAX_AMOUNT:g} that carbonaudit accepts for any amount "
            "(no real figure comes near it, and products of larger values overflow float64); check the unit "
            "and the decimal point"
        )
    expected = "a finite number" if allow_negative else "a finite, non-negative number"
    raise InvalidValueError(f"{name}{where} must be {expected}, got {value!r}")


def stack(values: object, name: str, unit: str | Unit | None = None) -> tuple[Any, Unit]:
    """Magnitudes of a sequence of Quantities (or of one array Quantity) as a float array.

    For the forms' monthly and yearly series (12 months, years 104-108); each element may have
    its own unit and is converted (the 12 months of non-production-form-2025 表五之二, the years
    of production-declaration-2018 表十之五). Values are not checked for
    sign or finiteness: see :func:`check_amount`.

    Parameters
    ----------
    values : sequence of Quantity, or Quantity
        All of one dimension [any unit of it]; an array Quantity is taken as a whole.
    name : str
        The argument's name, for messages (elements are named ``name[i]``).
    unit : str or Unit, optional
        The unit wanted; default: the first element's unit (the array's unit for a Quantity).

    Returns
    -------
    (numpy.ndarray, Unit)
        A 1-D float64 array (at least one element) and its unit.

    Raises
    ------
    UnitsError
        If *values* is not a sequence or an array Quantity, an element is not a Quantity of
        the dimension, or *unit* is not a unit of :data:`ureg` (nor a form label).
    InvalidValueError
        If the sequence is empty, an element is an array (``name[i]`` and its shape), or an array
        Quantity is not 1-D (its shape).

    Examples
    --------
    >>> stack([Q_(1, "MWh"), Q_(500, "kWh")], "uses")
    (array([1. , 0.5]), <Unit('megawatt_hour')>)
    >>> stack(Q_([1, 2], "kL"), "uses", "L")
    (array([1000., 2000.]), <Unit('liter')>)
    """
    if isinstance(values, pint.Quantity):
        q = require_quantity(values, name, "any unit")  # a Quantity: only its registry and unit are checked
        target = q.units if unit is None else _unit(unit, name)
        out = np.atleast_1d(np.asarray(magnitude(q, target, name), dtype=np.float64))
        if out.size == 0:
            raise InvalidValueError(f"{name} must not be empty")
        if out.ndim != 1:
            raise InvalidValueError(
                f"{name} must be a series (a 1-D array Quantity), got an array of shape {out.shape}"
            )
        return out, target
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise UnitsError(f"{name} must be a sequence of Quantities or an array Quantity, got {values!r}")
    items = list(values)
    if not items:
        raise InvalidValueError(f"{name} must not be empty")
    first = require_quantity(items[0], f"{name}[0]", unit if unit is not None else "any unit")
    target = first.units if unit is None else _unit(unit, name)
    magnitudes = [magnitude(v, target, f"{name}[{i}]") for i, v in enumerate(items)]
    for i, m in enumerate(magnitudes):
        if np.ndim(m) != 0:
            raise InvalidValueError(f"{name}[{i}] must be a single value, got an array of shape {np.shape(m)}")
    return np.array(magnitudes, dtype=np.float64), target


def check_shapes(**named: Any) -> None:
    """Raise :class:`~carbonaudit.errors.InvalidValueError` unless the arguments' shapes broadcast together.

    Scalars always do; arrays of different lengths name both arguments in the message. Engines
    take scalars or arrays (e.g. the 12 months of a form table) alike (the 12 months of
    non-production-form-2025 表五之二).

    Parameters
    ----------
    **named : Quantity, float or numpy.ndarray
        The arguments to check, by name (the names word the message) [any unit: only the shapes
        are compared].

    Returns
    -------
    None
        Nothing: the call returns only when the shapes broadcast.

    Raises
    ------
    InvalidValueError
        If the shapes do not broadcast together.

    Examples
    --------
    >>> import numpy as np
    >>> check_shapes(energy=Q_(np.ones(12), "kWh"), output=290)
    >>> check_shapes(energy=np.ones(12), output=np.ones(4))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    carbonaudit.errors.InvalidValueError: array arguments must have matching lengths ..., got energy (12,), output (4,)
    """
    for v in named.values():  # scalars (the common case) always broadcast
        m = v._magnitude if isinstance(v, pint.Quantity) else v
        if type(m) is not float and type(m) is not int:
            break
    else:
        return
    shapes = {name: np.shape(v.magnitude if isinstance(v, pint.Quantity) else v) for name, v in named.items()}
    try:
        np.broadcast_shapes(*shapes.values())
    except ValueError:
        given = ", ".join(f"{name} {shape}" for name, shape in shapes.items() if shape)
        raise InvalidValueError(f"array arguments must have matching lengths (or be scalars), got {given}") from None
