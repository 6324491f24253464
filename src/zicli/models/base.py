"""Shared pydantic configuration and field types for zi's models."""

# No 'from __future__ import annotations': pydantic would evaluate every field's
# annotation from a string when the class is made, at every start of zi.

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

from zicli.i18n import _


class Strict(BaseModel):
    """Base for every model: strict types, unknown keys refused, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)


def _number(value: Any) -> Any:
    # The YAML reader yields int or Decimal for numbers and never float; bool is an
    # int subclass and must not pass as 1/0.
    if isinstance(value, bool):
        raise ValueError(_("expected a number, got true/false"))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(_("expected a finite number"))
        return value
    raise ValueError(_("expected a number, got {kind}").format(kind=type(value).__name__))


Num = Annotated[Decimal, BeforeValidator(_number)]
"""An exact number written in YAML (integer or decimal; never float, never bool)."""

Confidence = str
"""Free text such as ``high``, ``medium``, ``low-medium (reconstructed)``."""
