"""Turn pydantic errors and engine findings into located :class:`Problem` lines.

Places come from the document's ``locate()``, so every reader's documents
(a YAML file's lines, a workbook's cells) are reported the same way.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError

from zicli.errors import FieldPath, ProblemSink, describe, did_you_mean, shown

from .readers import AnswerDocument

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "decimal_type": "a number",
    "bool_type": "true or false",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "tuple_type": "a list",
    "list_type": "a list",
}


def _unwrap(annotation: Any) -> list[Any]:
    """The classes an annotation may hold (through Optional, tuple, dict, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is None:
        return [annotation]
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    out: list[Any] = []
    args = typing.get_args(annotation)
    if origin is dict:
        args = args[1:]
    for arg in args:
        if arg is not Ellipsis and arg is not type(None):
            out += _unwrap(arg)
    if origin in (typing.Union, types.UnionType, tuple, list, dict):
        return out
    return [annotation]


def _model_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    current: Any = root
    for step in loc:
        if isinstance(step, int) or not (
            isinstance(current, type) and issubclass(current, BaseModel)
        ):
            if isinstance(step, int):
                continue
            return None
        fld = current.model_fields.get(step)
        if fld is None:
            # a dict key: stay on the dict's value type (already unwrapped)
            continue
        models = [
            c for c in _unwrap(fld.annotation) if isinstance(c, type) and issubclass(c, BaseModel)
        ]
        current = models[0] if models else None
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def report_validation(
    exc: ValidationError, doc: AnswerDocument, model: type[BaseModel], sink: ProblemSink
) -> None:
    """Add one located problem per pydantic error, in plain words (none for a
    value the reader already reported)."""
    for err in exc.errors(include_url=False):
        loc: FieldPath = tuple(p for p in err["loc"] if isinstance(p, str | int))
        kind = err["type"]
        if doc.hides(loc) or (kind == "missing" and doc.hides(loc[:-1], missing=True)):
            continue
        value = err.get("input")
        hint: str | None = None
        if kind == "missing":
            message = f"missing required key '{loc[-1]}'"
            where = doc.locate(loc[:-1])
        elif kind == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            allowed = list(parent.model_fields) if parent else []
            message = f"unknown key '{shown(str(loc[-1]))}'"
            hint = did_you_mean(str(loc[-1]), allowed) or (
                "allowed here: " + ", ".join(allowed) if allowed else None
            )
            where = doc.locate(loc, key=True)
        elif kind in _TYPE_WORDS:
            message = f"expected {_TYPE_WORDS[kind]}, got {describe(value)}"
            if kind == "string_type" and isinstance(value, int | Decimal | bool):
                hint = f'quote it: "{value}"' if not isinstance(value, bool) else "quote it"
            where = doc.locate(loc)
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            message = f"expected {expected}, got {describe(value)}"
            if isinstance(value, str):
                hint = did_you_mean(value, re.findall(r"'([^']*)'", str(expected)))
            where = doc.locate(loc)
        elif kind in ("value_error", "assertion_error"):
            text = str(err.get("ctx", {}).get("error", err["msg"]))
            message, _, rest = text.partition(" (hint: ")
            hint = rest.rstrip(")") or None
            where = doc.locate(loc)
        elif kind == "string_pattern_mismatch":
            pattern = err.get("ctx", {}).get("pattern", "")
            message = f"'{shown(str(value))}' does not have the expected form {pattern}"
            where = doc.locate(loc)
        elif kind in ("too_short", "string_too_short"):
            if isinstance(value, tuple | list) and value:
                continue  # pydantic's echo of its items' errors: the list was not empty
            message = "must not be empty"
            where = doc.locate(loc)
        else:
            message = err["msg"]
            where = doc.locate(loc)
        sink.add(
            message,
            where=where,
            field=loc,
            hint=hint,
        )


def report_findings(
    findings: Iterable[tuple[FieldPath, str, str | None]], doc: AnswerDocument, sink: ProblemSink
) -> None:
    """Locate findings (field path, message, hint) from checks and binding; none
    for a value the reader already reported."""
    for path, message, hint in findings:
        if doc.hides(path, missing=True):
            continue
        # An entry of a mapping keyed by id (an answer, an overlay's override) is
        # pointed at by its key, where the id is written.
        key = len(path) == 2 and path[0] in ("answers", "overrides")
        where = doc.locate(path, key=key)
        sink.add(
            message,
            where=where,
            field=path,
            hint=hint,
        )
