"""What every kind of condition shares: the tested result, what a pack's rules may
refer to, a bar as the pack states it, and the planner's view of a condition."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from zicli.errors import FieldPath
from zicli.i18n import _
from zicli.models.criteria import Condition, Criteria
from zicli.models.index import CriteriaIndex

Finding = tuple[FieldPath, str, str | None]
"""A pack problem: field path, message, hint (as :mod:`zicli.models.check` gives them)."""


@dataclass(frozen=True)
class ConditionResult:
    """One tested condition: what was required, what the unit has, and the margin."""

    id: str
    description: str
    met: bool
    required: Fraction | None = None
    actual: Fraction | None = None
    required_text: str | None = None
    """For conditions that are not numbers (the predicate already held)."""
    actual_text: str | None = None
    node: str | None = None
    source: str | None = None
    confidence: str | None = None

    @property
    def margin(self) -> Fraction | None:
        """actual - required; negative when short. None for non-numeric conditions
        and for blank inputs."""
        if self.required is None or self.actual is None:
            return None
        return self.actual - self.required


class RuleContext:
    """What conditions may refer to: nodes, groups, survey questions, predicates and
    prerequisites of one pack."""

    def __init__(self, criteria: Criteria) -> None:
        self.criteria = criteria
        self.ids = {n.id for n in criteria.walk()}
        self.predicate_ids = [p.id for p in criteria.predicates]
        self.groups = {g.id for g in criteria.groups}
        self.questions = {q.id: q for q in criteria.questions()}
        self.prerequisites = {p.id for p in criteria.prerequisites}
        self.weighted = {n.id for n in criteria.walk() if n.weight is not None}


@dataclass(frozen=True)
class Bar:
    """A condition's bar as the pack states it, for a view of the pack: a number
    (a share of the weight when ``share``), predicates already held, or a
    prerequisite to meet."""

    value: Fraction | None = None
    share: bool = False
    held: tuple[str, ...] = ()
    prerequisite: str | None = None


@dataclass(frozen=True)
class Lever:
    """One tested result that answers can move, for the planner: the questions whose
    answers count towards it (``support``), and for a survey input the question."""

    result_id: str
    support: frozenset[str]
    input: str | None = None


def numeric_bar(cond: Condition, weight: Fraction) -> Fraction:
    """The exact bar of a numeric condition: ``min``, or ``min_fraction`` of ``weight``."""
    if cond.min_fraction is not None:
        return Fraction(cond.min_fraction) * weight
    assert cond.min is not None, "pack was checked"
    return Fraction(cond.min)


def stated_bar(cond: Condition) -> Bar:
    """The bar as written: a share of the weight, or a number."""
    if cond.min_fraction is not None:
        return Bar(Fraction(cond.min_fraction), share=True)
    return Bar(Fraction(cond.min) if cond.min is not None else None)


def at_least(actual: Fraction, required: Fraction) -> bool:
    """``actual >= required``, exactly."""
    # Fraction's own >= goes through the numbers ABCs; this is the same test.
    return actual.numerator * required.denominator >= required.numerator * actual.denominator


def questions_under(index: CriteriaIndex, node_ids: tuple[str, ...]) -> frozenset[str]:
    """The questions below these nodes (all of them for the total)."""
    from zicli.models.criteria import TOTAL

    out: set[str] = set()
    for node_id in node_ids:
        if node_id == TOTAL:
            return frozenset(q.id for q in index.questions)
        out |= {n.id for n in index.nodes[node_id].walk() if n.kind == "butir"}
    return frozenset(out)


def bar_count(cond: Condition, path: FieldPath) -> Finding | None:
    """A numeric condition gives exactly one of ``min`` and ``min_fraction``."""
    if (cond.min is None) == (cond.min_fraction is None):
        return (path, _("give exactly one of min or min_fraction"), None)
    return None


def fraction_in_range(cond: Condition, path: FieldPath) -> list[Finding]:
    """``min_fraction`` is a share: it lies within 0..1."""
    if cond.min_fraction is not None and not 0 <= cond.min_fraction <= 1:
        return [((*path, "min_fraction"), _("min_fraction must lie in 0..1"), None)]
    return []


def no_bar(kind: str, cond: Condition, path: FieldPath) -> list[Finding]:
    """A condition that is not numeric takes no ``min``."""
    if cond.min is not None or cond.min_fraction is not None:
        return [(path, _("a '{kind}' condition takes no min").format(kind=kind), None)]
    return []
