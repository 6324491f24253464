"""``node``: a node's score (or the total) reaches a bar, e.g. pengungkit >= 48."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from zicli.errors import FieldPath
from zicli.i18n import _
from zicli.models.criteria import TOTAL, Condition
from zicli.models.index import CriteriaIndex, PerPack

from ..prerequisites import PrerequisiteResult
from ..score import Scorecard
from .base import (
    Bar,
    ConditionResult,
    Finding,
    Lever,
    RuleContext,
    at_least,
    bar_count,
    fraction_in_range,
    numeric_bar,
    questions_under,
    stated_bar,
)


def check(cond: Condition, path: FieldPath, ctx: RuleContext, *, gate: bool) -> list[Finding]:
    """The node exists; a fraction of it needs a node with a weight."""
    count = bar_count(cond, path)
    if count is not None:
        return [count]
    found = fraction_in_range(cond, path)
    if cond.node != TOTAL and cond.node not in ctx.ids:
        found.append(((*path, "node"), _("unknown node '{id}'").format(id=cond.node), None))
    elif cond.min_fraction is not None and cond.node != TOTAL and cond.node not in ctx.weighted:
        found.append(
            (
                (*path, "min_fraction"),
                _("'{id}' has no weight, so a fraction of it means nothing").format(id=cond.node),
                _("use min, or name a node with a weight"),
            )
        )
    return found


@PerPack
def _bars(index: CriteriaIndex) -> dict[int, Fraction]:
    """Each node condition of the pack (by object: predicates share condition ids) ->
    its exact bar."""
    return {
        id(cond): numeric_bar(cond, index.weights.get(cond.node or TOTAL, Fraction(0)))
        for rule in (*index.criteria.predicates, *index.criteria.gates)
        for cond in rule.conditions
        if cond.node is not None
    }


def test(
    card: Scorecard, cond: Condition, prerequisites: Mapping[str, PrerequisiteResult]
) -> list[ConditionResult]:
    """The node's exact score against the bar."""
    required = _bars(card.index)[id(cond)]
    node = cond.node or TOTAL
    actual = card.scores[node]
    return [
        ConditionResult(
            cond.id,
            cond.description,
            at_least(actual, required),
            required,
            actual,
            None,
            None,
            node,
            cond.source,
            cond.confidence,
        )
    ]


def describe(cond: Condition) -> Bar:
    """The bar as written."""
    return stated_bar(cond)


def levers(index: CriteriaIndex, cond: Condition) -> tuple[Lever, ...]:
    """Every question under the node moves it."""
    return (Lever(cond.id, questions_under(index, (cond.node or TOTAL,))),)
