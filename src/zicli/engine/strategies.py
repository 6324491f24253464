"""A unit's standing per strategy: the pack's questions grouped by the way of working
they serve (e.g. Kemenag's five strategies to accelerate a ZI), beside the LKE tree.

A strategy's standing is the points its questions earn (question value x the points a
value of 1 is worth, blank counting 0) over the points they could earn, exact. It is a
view of the same answers and never changes a score.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .exact import ZERO, exact_sum
from .score import Scorecard


@dataclass(frozen=True)
class StrategyStanding:
    """One strategy of a pack with what a unit's answers earn for it."""

    id: str
    name: str
    reasoning: str
    questions: tuple[str, ...]
    points: Fraction
    """Points earned: the sum of question value x share."""
    weight: Fraction
    """Points possible: the sum of the questions' shares."""
    answered: int

    @property
    def percent(self) -> Fraction | None:
        """Points earned as a percent of the points possible (None without questions)."""
        return self.points / self.weight * 100 if self.weight else None


def standings(card: Scorecard) -> tuple[StrategyStanding, ...]:
    """Every strategy of the card's pack, in pack order (empty when it has none)."""
    shares = card.index.shares
    out = []
    for strategy in card.index.criteria.strategies:
        ids = strategy.questions
        values = [card.values[q] for q in ids]
        out.append(
            StrategyStanding(
                id=strategy.id,
                name=strategy.name,
                reasoning=strategy.reasoning,
                questions=ids,
                points=exact_sum((v or ZERO) * shares[q] for q, v in zip(ids, values, strict=True)),
                weight=exact_sum(shares[q] for q in ids),
                answered=sum(1 for v in values if v is not None),
            )
        )
    return tuple(out)
