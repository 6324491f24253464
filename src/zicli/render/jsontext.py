"""JSON text as zi writes it: exact numbers digit for digit (:class:`Number`, Decimals),
non-ASCII kept, one line (``indent=0``, a batch's) or indented. Every JSON format uses
:func:`dumps`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from json.encoder import encode_basestring as _encode  # C-accelerated
from typing import Any

from zicli.render.numbers import rounded_text

encode = _encode
"""A str as a JSON string (quoted and escaped)."""


class Number(str):
    """JSON text written as it is: a number's exact digits (``75.00``), or a
    fragment already encoded."""

    __slots__ = ()


def number(value: Fraction | None) -> Number | None:
    """A score as a 2-place JSON number (half up), or null."""
    return None if value is None else Number(rounded_text(value))


def dumps(value: Any, indent: int = 2) -> str:
    """JSON text in which Decimals and :class:`Number` are written digit for digit.
    ``indent=0`` writes one line."""
    return _dump(value, indent, 0)


_KEY_TEXT: dict[str, str] = {}


def _key(key: object) -> str:
    """A mapping key as one-line JSON writes it, with its colon (remembered: a batch
    writes the same keys for every unit)."""
    name = str(key)
    text = _KEY_TEXT.get(name)
    if text is None:
        text = f"{_encode(name)}:"
        if len(_KEY_TEXT) < 4096:
            _KEY_TEXT[name] = text
    return text


def _dump(value: Any, indent: int, level: int) -> str:
    kind = type(value)
    if kind is Number:
        return str.__str__(value)
    if kind is str:
        return _encode(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is Decimal:
        return str(value)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        if indent:
            pad = "\n" + " " * (indent * (level + 1))
            end = "\n" + " " * (indent * level)
            items = [
                f"{pad}{_encode(str(k))}: {_dump(v, indent, level + 1)}" for k, v in value.items()
            ]
            return "{" + ",".join(items) + end + "}"
        return "{" + ",".join(f"{_key(k)}{_dump(v, 0, 0)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        if indent:
            pad = "\n" + " " * (indent * (level + 1))
            end = "\n" + " " * (indent * level)
            return "[" + ",".join(f"{pad}{_dump(v, indent, level + 1)}" for v in value) + end + "]"
        return "[" + ",".join(_dump(v, 0, 0) for v in value) + "]"
    if isinstance(value, str):
        return _encode(value)
    if isinstance(value, float):
        return json.dumps(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")  # pragma: no cover
