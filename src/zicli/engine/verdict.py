"""The verdict: which predicate a scorecard reaches and what falls short.

A predicate is reached when every one of its conditions holds, compared on
exact values with ``>=``; each kind of condition is tested by its own module in
:mod:`zicli.engine.conditions`. The verdict is the highest predicate reached (packs
list predicates from lowest to highest). Conditions on a group (``each``) are
expanded to one result per member, so a report can name the area that fails.
"""

from __future__ import annotations

from dataclasses import dataclass

from zicli.models.criteria import Predicate

from .conditions import ConditionResult, test
from .prerequisites import PrerequisiteResult, check_prerequisites
from .score import Scorecard

__all__ = [
    "ConditionResult",
    "GateResult",
    "PredicateResult",
    "Verdict",
    "judge",
    "judge_predicate",
]


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


def judge_predicate(card: Scorecard, predicate: Predicate) -> PredicateResult:
    """Test every condition of one predicate."""
    results = tuple(r for cond in predicate.conditions for r in test(card, cond, {}))
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
        tested = tuple(r for cond in gate.conditions for r in test(card, cond, by_id))
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
