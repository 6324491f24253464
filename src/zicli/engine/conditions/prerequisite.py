"""``prerequisite``: a fact the unit states meets the pack's prerequisite (gates only:
a predicate never depends on one)."""

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
    """The prerequisite exists; only gates use one; no bar."""
    found = no_bar("prerequisite", cond, path)
    if cond.prerequisite not in ctx.prerequisites:
        hint = _("known: {ids}").format(ids=", ".join(sorted(ctx.prerequisites)))
        message = _("unknown prerequisite '{id}'").format(id=cond.prerequisite)
        found.append(((*path, "prerequisite"), message, hint))
    if not gate:
        found.append((path, _("a predicate cannot depend on a prerequisite; use a gate"), None))
    return found


def test(
    card: Scorecard, cond: Condition, prerequisites: Mapping[str, PrerequisiteResult]
) -> list[ConditionResult]:
    """The prerequisite's own result; an unstated fact is not met."""
    pre = prerequisites[cond.prerequisite or ""]
    return [
        ConditionResult(
            id=cond.id,
            description=cond.description,
            met=pre.met,
            required_text=pre.required,
            actual_text=pre.stated or _("not stated"),
            source=cond.source,
            confidence=cond.confidence,
        )
    ]


def describe(cond: Condition) -> Bar:
    """The prerequisite to meet."""
    return Bar(prerequisite=cond.prerequisite)


def levers(index: CriteriaIndex, cond: Condition) -> None:
    """Answers cannot change a stated fact."""
    return None
