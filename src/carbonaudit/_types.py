"""Value types shared by the declaration and inventory models (private; public through their packages).

:class:`Amount` is the forms' ``{value, unit}`` pair: the declarations (non-production-form-2025
附表三, production-declaration-2018) and the inventory's activity records
(government-inventory) both hold their quantities as Amounts. It lives here, below both packages,
so that neither imports the other; ``carbonaudit.declaration.Amount`` is the public name.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pint
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .errors import UnitsError
from .units import MAX_AMOUNT, Q_, Quantity, parse_unit, ureg

__all__ = ["Amount"]

_STRICT = ConfigDict(extra="forbid", frozen=True, strict=True, str_strip_whitespace=True)


def _too_large(v: float) -> str:
    shown = f"an int of {len(str(abs(v)))} digits" if isinstance(v, int) and abs(v) >= 10**40 else repr(v)
    return (
        f"{shown} is larger in magnitude than the {MAX_AMOUNT:g} that carbonaudit accepts for any figure "
        "(no figure on the forms comes near it, and products of larger ones overflow): check the unit and "
        "the decimal point"
    )


def _within_range(v: float) -> float:
    """*v* if it is at most :data:`~carbonaudit.units.MAX_AMOUNT` in magnitude (the engines' bound), else a ValueError.

    Every number of the models (amounts, monthly figures, counts) passes this check, so the rules
    never meet a value whose products overflow float64: a ``ValidationError`` at the
    field's path instead.
    """
    if abs(v) > MAX_AMOUNT:
        raise ValueError(_too_large(v))
    return v


class Amount(BaseModel):
    """A quantity as the forms write it: a number and its unit (``{value: 12000, unit: m**2}``).

    The unit is a unit of :data:`carbonaudit.ureg` or a form label (公秉, 度 ...). The value must
    be finite; most fields also require it to be non-negative.
    """

    model_config = _STRICT

    value: float = Field(json_schema_extra={"minimum": -MAX_AMOUNT, "maximum": MAX_AMOUNT})
    unit: str

    @model_validator(mode="before")
    @classmethod
    def _from_quantity(cls, data: Any) -> Any:
        """A scalar Quantity of :data:`carbonaudit.ureg` is read as its number and unit."""
        if isinstance(data, ureg.Quantity):
            m = data.magnitude
            if not isinstance(m, (int, float, np.integer, np.floating)) or isinstance(m, (bool, np.bool_)):
                raise ValueError(f"an amount is one number with its unit, got a Quantity of {type(m).__name__} {m!r}")
            return {"value": float(m), "unit": str(data.units)}
        if isinstance(data, pint.Quantity):  # another registry's: its units are not ours to read
            raise ValueError(f"{data!r} is a Quantity of another unit registry; build it with carbonaudit.Q_")
        return data

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError(f"value must be a finite number, got {v!r}")
        return _within_range(v)

    @field_validator("unit")
    @classmethod
    def _known(cls, v: str) -> str:
        try:
            parse_unit(v)
        except UnitsError as exc:  # names the label and, for pint's ton and the like, the right unit
            raise ValueError(f"unit {v!r} is not a unit of carbonaudit.ureg nor a form label: {exc}") from exc
        return v

    @property
    def quantity(self) -> Quantity:
        """The amount as a Quantity of :data:`carbonaudit.ureg`."""
        return Q_(self.value, parse_unit(self.unit))
