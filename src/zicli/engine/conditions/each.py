"""``each``: every member of a group (e.g. each of the six areas) reaches a share of
its own weight; tested and reported per member, so a report names the area that fails."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from zicli.errors import FieldPath
from zicli.i18n import _
from zicli.models.criteria import Condition
from zicli.models.index import CriteriaIndex, PerPack

from ..exact import exact_sum
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
    """The group exists."""
    count = bar_count(cond, path)
    if count is not None:
        return [count]
    found = fraction_in_range(cond, path)
    if cond.each not in ctx.groups:
        found.append(((*path, "each"), _("unknown group '{id}'").format(id=cond.each), None))
    return found


@dataclass(frozen=True)
class _Member:
    """One member's test: its result id and description, and its exact bar."""

    id: str
    description: str
    member: str
    nodes: tuple[str, ...]
    required: Fraction


@PerPack
def _members(index: CriteriaIndex) -> dict[int, tuple[_Member, ...]]:
    """Each group condition of the pack (by object) -> its per-member tests."""
    groups = {g.id: g for g in index.criteria.groups}
    out: dict[int, tuple[_Member, ...]] = {}
    for rule in (*index.criteria.predicates, *index.criteria.gates):
        for cond in rule.conditions:
            if cond.each is None:
                continue
            out[id(cond)] = tuple(
                _Member(
                    f"{cond.id}.{member.id}",
                    f"{cond.description} {member.name}",
                    member.id,
                    tuple(member.nodes),
                    numeric_bar(cond, exact_sum(index.weights[n] for n in member.nodes)),
                )
                for member in groups[cond.each].members
            )
    return out


def test(
    card: Scorecard, cond: Condition, prerequisites: Mapping[str, PrerequisiteResult]
) -> list[ConditionResult]:
    """Each member's exact group score against its bar."""
    scores = card.groups[cond.each or ""]
    out = []
    for m in _members(card.index)[id(cond)]:
        actual = scores[m.member]
        out.append(
            ConditionResult(
                m.id,
                m.description,
                at_least(actual, m.required),
                m.required,
                actual,
                None,
                None,
                None,
                cond.source,
                cond.confidence,
            )
        )
    return out


def describe(cond: Condition) -> Bar:
    """The bar as written (per member)."""
    return stated_bar(cond)


def levers(index: CriteriaIndex, cond: Condition) -> tuple[Lever, ...]:
    """Per member: the questions under the member's nodes."""
    return tuple(Lever(m.id, questions_under(index, m.nodes)) for m in _members(index)[id(cond)])
