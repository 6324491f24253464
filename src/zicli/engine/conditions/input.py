"""``input``: a survey index the unit reports (e.g. IPAK) reaches a minimum, compared
on the index itself, not on its weighted score."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from zicli.errors import FieldPath
from zicli.i18n import _
from zicli.models.answers import NumberAnswer
from zicli.models.criteria import Condition
from zicli.models.index import CriteriaIndex

from ..prerequisites import PrerequisiteResult
from ..score import Scorecard
from .base import (
    Bar,
    ConditionResult,
    Finding,
    Lever,
    RuleContext,
    bar_count,
    fraction_in_range,
    stated_bar,
)


def check(cond: Condition, path: FieldPath, ctx: RuleContext, *, gate: bool) -> list[Finding]:
    """The input is a survey (scale) question, with a plain ``min``."""
    count = bar_count(cond, path)
    if count is not None:
        return [count]
    found = fraction_in_range(cond, path)
    q = ctx.questions.get(cond.input or "")
    atype = ctx.criteria.answer_types.get(q.type or "") if q else None
    if atype is None or atype.kind != "scale":
        found.append(
            (
                (*path, "input"),
                _("'{id}' is not a survey (scale) question").format(id=cond.input),
                None,
            )
        )
    elif cond.min_fraction is not None:
        found.append(((*path, "min_fraction"), _("use min for an input"), None))
    return found


def test(
    card: Scorecard, cond: Condition, prerequisites: Mapping[str, PrerequisiteResult]
) -> list[ConditionResult]:
    """The index as answered against ``min``; a blank index is not met."""
    record = card.answers.get(cond.input or "")
    actual = (
        Fraction(record.value.value)
        if record is not None and isinstance(record.value, NumberAnswer)
        else None
    )
    required = Fraction(cond.min) if cond.min is not None else None
    return [
        ConditionResult(
            id=cond.id,
            description=cond.description,
            met=actual is not None and required is not None and actual >= required,
            required=required,
            actual=actual,
            node=cond.input,
            source=cond.source,
            confidence=cond.confidence,
        )
    ]


def describe(cond: Condition) -> Bar:
    """The minimum index."""
    return stated_bar(cond)


def levers(index: CriteriaIndex, cond: Condition) -> tuple[Lever, ...]:
    """Only the survey question itself."""
    assert cond.input is not None
    return (Lever(cond.id, frozenset({cond.input}), input=cond.input),)
