"""The verdict: which predicate a scorecard reaches and what falls short.

A predicate is reached when every one of its conditions holds, compared on
exact values with ``>=``. The verdict is the highest predicate reached (packs
list predicates from lowest to highest). Conditions on a group (``each``) are
expanded to one result per member, so a report can name the area that fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from zicli.models.answers import NumberAnswer
from zicli.models.criteria import TOTAL, Condition, Predicate

from .exact import ZERO, exact, exact_sum
from .gates import PrerequisiteResult, check_prerequisites
from .index import CriteriaIndex, PerPack
from .score import Scorecard


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


@dataclass(frozen=True)
class PredicateResult:
    """A predicate with each of its conditions tested."""

    id: str
    name: str
    met: bool
    conditions: tuple[ConditionResult, ...]

    def failed(self) -> tuple[ConditionResult, ...]:
        """The conditions that do not hold, in pack order."""
        return tuple(c for c in self.conditions if not c.met)


@dataclass(frozen=True)
class GateResult:
    """A gate (a named stage beside the predicates) with its conditions tested."""

    id: str
    name: str
    met: bool
    conditions: tuple[ConditionResult, ...]
    note: str | None = None
    source: str | None = None
    confidence: str | None = None


@dataclass(frozen=True)
class Verdict:
    """The predicate reached (None: Belum), every predicate's conditions, the next
    one to aim for, and the prerequisites and gates judged beside them."""

    predicate: str | None
    provisional: bool
    results: tuple[PredicateResult, ...]
    prerequisites: tuple[PrerequisiteResult, ...] = ()
    gates: tuple[GateResult, ...] = ()

    @property
    def reached(self) -> PredicateResult | None:
        """The result of the predicate reached, if any."""
        return next((r for r in self.results if r.id == self.predicate), None)

    @property
    def next(self) -> PredicateResult | None:
        """The lowest predicate above the one reached; None at the top."""
        ids = [r.id for r in self.results]
        start = ids.index(self.predicate) + 1 if self.predicate else 0
        return self.results[start] if start < len(self.results) else None

    def result(self, predicate_id: str) -> PredicateResult:
        """The result for one predicate id."""
        return next(r for r in self.results if r.id == predicate_id)


@dataclass(frozen=True)
class _Bar:
    """A numeric test fixed by the pack: what is read, and the exact bar."""

    id: str
    description: str
    required: Fraction
    node: str | None = None
    """The node whose score is tested (the total when ``member`` is None)."""
    group: str | None = None
    member: str | None = None


@PerPack
def _bars(index: CriteriaIndex) -> dict[int, tuple[_Bar, ...]]:
    """Each numeric condition (by object: predicates share condition ids) -> its
    tests with their bars."""
    groups = {g.id: g for g in index.criteria.groups}
    bars: dict[int, tuple[_Bar, ...]] = {}
    conditions = [
        c for p in (*index.criteria.predicates, *index.criteria.gates) for c in p.conditions
    ]
    for cond in conditions:
        if cond.prerequisite is not None or cond.held is not None or cond.input is not None:
            continue
        if cond.each is not None:
            bars[id(cond)] = tuple(
                _Bar(
                    f"{cond.id}.{member.id}",
                    f"{cond.description} {member.name}",
                    _bar(cond, exact_sum(index.weights[n] for n in member.nodes)),
                    group=cond.each,
                    member=member.id,
                )
                for member in groups[cond.each].members
            )
        else:
            node = cond.node or TOTAL
            bars[id(cond)] = (
                _Bar(cond.id, cond.description, _bar(cond, index.weights.get(node, ZERO)), node),
            )
    return bars


def _at_least(actual: Fraction, required: Fraction) -> bool:
    # Fraction's own >= goes through the numbers ABCs; this is the same test.
    return actual.numerator * required.denominator >= required.numerator * actual.denominator


def _test(
    card: Scorecard,
    cond: Condition,
    prerequisites: Mapping[str, PrerequisiteResult],
    bars: Mapping[int, tuple[_Bar, ...]],
) -> list[ConditionResult]:
    source, confidence = cond.source, cond.confidence
    tests = bars.get(id(cond))
    if tests is not None:
        out = []
        for bar in tests:
            if bar.member is not None:
                actual = card.groups[bar.group or ""][bar.member]
            else:
                actual = card.scores[bar.node or TOTAL]
            out.append(
                ConditionResult(
                    bar.id,
                    bar.description,
                    _at_least(actual, bar.required),
                    bar.required,
                    actual,
                    None,
                    None,
                    bar.node,
                    source,
                    confidence,
                )
            )
        return out
    common: dict[str, Any] = {"source": source, "confidence": confidence}
    if cond.prerequisite is not None:
        pre = prerequisites[cond.prerequisite]
        return [
            ConditionResult(
                id=cond.id,
                description=cond.description,
                met=pre.met,
                required_text=pre.required,
                actual_text=pre.stated or "tidak dinyatakan",
                **common,
            )
        ]
    if cond.held is not None:
        held = card.held
        return [
            ConditionResult(
                id=cond.id,
                description=cond.description,
                met=held in cond.held,
                required_text=" / ".join(cond.held),
                actual_text=held or "-",
                **common,
            )
        ]
    assert cond.input is not None, "pack was checked"
    record = card.answers.get(cond.input)
    actual_input = (
        Fraction(record.value.value)
        if record is not None and isinstance(record.value, NumberAnswer)
        else None
    )
    required = exact(cond.min) if cond.min is not None else None
    return [
        ConditionResult(
            id=cond.id,
            description=cond.description,
            met=actual_input is not None and required is not None and actual_input >= required,
            required=required,
            actual=actual_input,
            node=cond.input,
            **common,
        )
    ]


def _bar(cond: Condition, weight: Fraction) -> Fraction:
    if cond.min_fraction is not None:
        return exact(cond.min_fraction) * weight
    assert cond.min is not None, "pack was checked"
    return exact(cond.min)


def judge_predicate(card: Scorecard, predicate: Predicate) -> PredicateResult:
    """Test every condition of one predicate."""
    bars = _bars(card.index)
    results = tuple(r for cond in predicate.conditions for r in _test(card, cond, {}, bars))
    return PredicateResult(
        id=predicate.id,
        name=predicate.name,
        met=all(r.met for r in results),
        conditions=results,
    )


def judge(card: Scorecard) -> Verdict:
    """The verdict of a scorecard: the highest predicate whose conditions all hold."""
    criteria = card.index.criteria
    results = tuple(judge_predicate(card, p) for p in criteria.predicates)
    reached = [r.id for r in results if r.met]
    prerequisites = check_prerequisites(card.index, card.facts)
    by_id = {p.id: p for p in prerequisites}
    gates = []
    for gate in criteria.gates:
        bars = _bars(card.index)
        tested = tuple(r for cond in gate.conditions for r in _test(card, cond, by_id, bars))
        gates.append(
            GateResult(
                id=gate.id,
                name=gate.name,
                met=all(r.met for r in tested),
                conditions=tested,
                note=gate.note,
                source=gate.source,
                confidence=gate.confidence,
            )
        )
    return Verdict(
        predicate=reached[-1] if reached else None,
        provisional=not card.complete,
        results=results,
        prerequisites=prerequisites,
        gates=tuple(gates),
    )
