"""Conditions of predicates and gates, one module per kind.

A condition names what it tests with exactly one selector, and the selector is its
kind: ``node`` (a node's score), ``each`` (every member of a group), ``input`` (a
survey index), ``held`` (a predicate already held) or ``prerequisite`` (a stated
fact). Each kind's module gives what zi does with such a condition: ``check`` it
against its pack, ``test`` it on a scorecard, ``describe`` its bar for a view of
the pack, and tell the planner which answers can move it (``levers``; None when
none can, with ``why_fixed`` where the kind has more to say). A new kind of
condition is one module here, its line in :data:`KINDS`, and its selector field on
:class:`~zicli.models.criteria.Condition`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from zicli.errors import FieldPath
from zicli.i18n import _
from zicli.models.criteria import Condition, Criteria
from zicli.models.index import CriteriaIndex, PerPack

from ..prerequisites import PrerequisiteResult
from ..score import Scorecard
from . import each, held, input, node, prerequisite
from .base import Bar, ConditionResult, Finding, Lever, RuleContext

__all__ = [
    "KINDS",
    "Bar",
    "ConditionResult",
    "Kind",
    "Lever",
    "check_rules",
    "describe",
    "kind_of",
    "levers",
    "test",
    "why_fixed",
]


class Kind(Protocol):
    """What a module of one kind of condition provides."""

    def check(
        self, cond: Condition, path: FieldPath, ctx: RuleContext, *, gate: bool
    ) -> list[Finding]:
        """Problems of the condition in its pack (field paths into the pack)."""

    def test(
        self, card: Scorecard, cond: Condition, prerequisites: Mapping[str, PrerequisiteResult]
    ) -> list[ConditionResult]:
        """The condition tested on a scorecard: one result, or one per group member."""

    def describe(self, cond: Condition) -> Bar:
        """The bar as the pack states it."""

    def levers(self, index: CriteriaIndex, cond: Condition) -> tuple[Lever, ...] | None:
        """The results answers can move, and by which questions; None when none can."""


KINDS: dict[str, Kind] = {
    "node": node,
    "input": input,
    "each": each,
    "held": held,
    "prerequisite": prerequisite,
}
"""Selector -> the module of that kind, in the order messages list them."""


def _selectors(cond: Condition) -> list[str]:
    return [s for s in KINDS if getattr(cond, s) is not None]


@PerPack
def _kinds(index: CriteriaIndex) -> dict[int, Kind]:
    """Each condition of the pack (by object) -> its kind (the pack was checked)."""
    return {
        id(cond): KINDS[_selectors(cond)[0]]
        for rule in (*index.criteria.predicates, *index.criteria.gates)
        for cond in rule.conditions
    }


def kind_of(index: CriteriaIndex, cond: Condition) -> Kind:
    """The kind of one of the pack's conditions."""
    return _kinds(index)[id(cond)]


def check_rules(criteria: Criteria) -> list[Finding]:
    """Every problem of the pack's predicate and gate conditions."""
    ctx = RuleContext(criteria)
    found: list[Finding] = []
    rules = [("predicates", p, r, False) for p, r in enumerate(criteria.predicates)]
    rules += [("gates", g, r, True) for g, r in enumerate(criteria.gates)]
    for section, i, rule, gate in rules:
        seen: set[str] = set()
        for c, cond in enumerate(rule.conditions):
            path: FieldPath = (section, i, "conditions", c)
            if cond.id in seen:
                found.append(
                    ((*path, "id"), _("duplicate condition '{id}'").format(id=cond.id), None)
                )
            seen.add(cond.id)
            selectors = _selectors(cond)
            if len(selectors) != 1:
                message = _("a condition needs exactly one of {kinds}").format(
                    kinds=", ".join(KINDS)
                )
                found.append((path, message, None))
                continue
            found += KINDS[selectors[0]].check(cond, path, ctx, gate=gate)
    return found


def test(
    card: Scorecard, cond: Condition, prerequisites: Mapping[str, PrerequisiteResult]
) -> list[ConditionResult]:
    """One condition of the scorecard's pack, tested."""
    return kind_of(card.index, cond).test(card, cond, prerequisites)


def describe(cond: Condition) -> Bar:
    """A condition's bar as its pack states it."""
    return KINDS[_selectors(cond)[0]].describe(cond)


def levers(index: CriteriaIndex, cond: Condition) -> tuple[Lever, ...] | None:
    """What answers can move of a condition of the pack (None: nothing)."""
    return kind_of(index, cond).levers(index, cond)


def why_fixed(index: CriteriaIndex, cond: Condition, results: list[ConditionResult]) -> str:
    """Why a plan cannot meet a condition that answers cannot move."""
    explain = getattr(kind_of(index, cond), "why_fixed", None)
    if explain is not None:
        text: str = explain(cond, results)
        return text
    return _("is not a condition on the score: answers cannot change it")
