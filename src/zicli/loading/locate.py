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
from zicli.i18n import N_, _, current

from .readers import AnswerDocument

_TYPE_WORDS = {
    # pydantic's error type -> what was expected, said in full (``{value}`` is what was
    # written); pydantic's own English is never shown
    "string_type": N_("expected text, got {value}"),
    "int_type": N_("expected a whole number, got {value}"),
    "int_from_float": N_("expected a whole number, got {value}"),
    "decimal_type": N_("expected a number, got {value}"),
    "float_type": N_("expected a number, got {value}"),
    "bool_type": N_("expected true or false, got {value}"),
    "dict_type": N_("expected a mapping (key: value lines), got {value}"),
    "model_type": N_("expected a mapping (key: value lines), got {value}"),
    "tuple_type": N_("expected a list, got {value}"),
    "list_type": N_("expected a list, got {value}"),
    "set_type": N_("expected a list, got {value}"),
    "frozen_set_type": N_("expected a list, got {value}"),
}
_BOUNDS = {
    "greater_than_equal": ("ge", N_("must be at least {bound}, got {value}")),
    "greater_than": ("gt", N_("must be more than {bound}, got {value}")),
    "less_than_equal": ("le", N_("must be at most {bound}, got {value}")),
    "less_than": ("lt", N_("must be less than {bound}, got {value}")),
    "string_too_long": ("max_length", N_("is too long: at most {bound} characters")),
    "too_long": ("max_length", N_("is too long: at most {bound} entries")),
}


def _choices(expected: str) -> str:
    """pydantic's ``'a', 'b' or 'c'`` in the language in use."""
    quoted = re.findall(r"'[^']*'", expected)
    if len(quoted) < 2:
        return expected
    return _("{choices} or {last}").format(choices=", ".join(quoted[:-1]), last=quoted[-1])


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


def pydantic_said(err: Any) -> tuple[str, str | None] | None:
    """One pydantic error (from ``errors()``) as zi says it: message and hint, in the
    language in use and by the error's type (pydantic's own English is not shown); None
    for an error that only echoes others. Keys are named by the caller's field path."""
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    loc = err["loc"]
    hint: str | None = None
    if kind == "missing":
        message = _("missing required key '{key}'").format(key=loc[-1] if loc else "")
    elif kind == "extra_forbidden":
        message = _("unknown key '{key}'").format(key=shown(str(loc[-1] if loc else "")))
    elif kind in _TYPE_WORDS:
        message = _(_TYPE_WORDS[kind]).format(value=describe(value))
        if kind == "string_type" and isinstance(value, int | Decimal | bool):
            hint = (
                _('quote it: "{value}"').format(value=value)
                if not isinstance(value, bool)
                else _("quote it")
            )
    elif kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        message = _("expected {expected}, got {value}").format(
            expected=_choices(expected), value=describe(value)
        )
        if isinstance(value, str):
            hint = did_you_mean(value, re.findall(r"'([^']*)'", expected))
    elif kind in ("value_error", "assertion_error"):
        # the models' own checks, already in the language in use; a hint follows
        # after ' (hint: ' (a separator between code, never shown as such)
        text = str(ctx.get("error", err["msg"]))
        message, _sep, rest = text.partition(" (hint: ")
        hint = rest.rstrip(")") or None
    elif kind == "string_pattern_mismatch":
        message = _("'{value}' does not have the expected form {pattern}").format(
            value=shown(str(value)), pattern=ctx.get("pattern", "")
        )
    elif kind in ("too_short", "string_too_short"):
        if isinstance(value, tuple | list) and value:
            return None  # pydantic's echo of its items' errors: the list was not empty
        message = _("must not be empty")
    elif kind in _BOUNDS:
        bound, said = _BOUNDS[kind]
        message = _(said).format(bound=ctx.get(bound, ""), value=describe(value))
    elif current() == "en":
        message = err["msg"]
    else:
        # a check no model of zi makes today: named by its type code
        message = _("the value is not valid here ({kind})").format(kind=kind)
    return message, hint


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
        said = pydantic_said(err)
        if said is None:
            continue
        message, hint = said
        if kind == "missing":
            where = doc.locate(loc[:-1])
        elif kind == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            allowed = list(parent.model_fields) if parent else []
            hint = did_you_mean(str(loc[-1]), allowed) or (
                _("allowed here: {keys}").format(keys=", ".join(allowed)) if allowed else None
            )
            where = doc.locate(loc, key=True)
        else:
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
