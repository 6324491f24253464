"""``held``: the unit already holds one of these predicates (WBBM requires WBK)."""

from __future__ import annotations

from collections.abc import Mapping

from zicli.errors import FieldPath
from zicli.i18n import _
from zicli.models.criteria import Condition
from zicli.models.index import CriteriaIndex

from ..prerequisites import PrerequisiteResult
from ..score import Scorecard
from .base import Bar, ConditionResult, Finding, RuleContext, no_bar


def check(cond: Condition, path: FieldPath, ctx: RuleContext, *, gate: bool) -> list[Finding]:
    """Every predicate named exists; no bar."""
    found = no_bar("held", cond, path)
    for h in cond.held or ():
        if h not in ctx.predicate_ids:
            found.append(((*path, "held"), _("unknown predicate '{id}'").format(id=h), None))
    return found


def test(
    card: Scorecard, cond: Condition, prerequisites: Mapping[str, PrerequisiteResult]
) -> list[ConditionResult]:
    """What the unit states under ``unit.predicate_held``."""
    wanted = cond.held or ()
    return [
        ConditionResult(
            id=cond.id,
            description=cond.description,
            met=card.held in wanted,
            required_text=" / ".join(wanted),
            actual_text=card.held or "-",
            source=cond.source,
            confidence=cond.confidence,
        )
    ]


def describe(cond: Condition) -> Bar:
    """The predicates that count."""
    return Bar(held=cond.held or ())


def levers(index: CriteriaIndex, cond: Condition) -> None:
    """Answers cannot change what the unit holds."""
    return None


def why_fixed(cond: Condition, results: list[ConditionResult]) -> str:
    """Why a plan cannot meet it."""
    held = results[0].actual_text if results else None
    wanted = " / ".join(cond.held or ())
    if held and held != "-":
        return _(
            "requires already holding {wanted}; the unit states {held}: answers cannot change "
            "that (set unit.predicate_held once the predicate is awarded)"
        ).format(wanted=wanted, held=held)
    return _(
        "requires already holding {wanted}: answers cannot change "
        "that (set unit.predicate_held once the predicate is awarded)"
    ).format(wanted=wanted)
