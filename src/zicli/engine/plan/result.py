"""What a plan is: its steps, what blocks it, and the plan itself."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from zicli.models.answers import (
    Answer,
    answer_to_text,
)
from zicli.models.criteria import Node, Predicate

from ..assess import Assessment
from ..verdict import PredicateResult


@dataclass(frozen=True)
class Step:
    """One question of a plan: from its current answer to the proposed one."""

    question: Node
    current: Answer | None
    proposed: Answer
    levels: int
    gain: Fraction
    helps: tuple[str, ...]
    """Ids of the target's conditions (as ``zi score`` names them) that were short and
    that this step raises."""
    illustrative: bool = False

    @property
    def set_text(self) -> str:
        """The step as ``zi score --set`` takes it: ``ID=VALUE``."""
        return f"{self.question.id}={answer_to_text(self.proposed)}"


BlockKind = Literal["held", "fixed", "score", "input", "max_steps"]


@dataclass(frozen=True)
class Blocker:
    """Why the target cannot be reached, and what would be needed there."""

    kind: BlockKind
    condition: str
    """The condition id as ``zi score`` names it (``max_steps`` for the step limit)."""
    description: str
    reason: str
    required: Fraction | None = None
    actual: Fraction | None = None
    reachable: Fraction | None = None
    """The most the condition can reach with every question that may change at its best."""
    frozen: tuple[str, ...] = ()
    """Frozen questions under the condition that could still rise."""
    required_text: str | None = None
    """For a condition that is not a number (the predicate already held)."""
    actual_text: str | None = None
    question: str | None = None
    """The survey question of an input condition."""
    unfreeze: tuple[tuple[str, Answer], ...] = ()
    """Frozen questions that alone would lift the block, each with the least answer
    that does."""


@dataclass(frozen=True)
class Plan:
    """The result of :func:`plan`."""

    target: Predicate
    before: Assessment
    after: Assessment
    """The unit rescored with every step applied (the same as ``before`` without steps)."""
    feasible: bool
    """True when the target is reached after the steps (or already was)."""
    steps: tuple[Step, ...]
    """In order of points gained, largest first (pack order on ties)."""
    blockers: tuple[Blocker, ...]
    frozen: tuple[str, ...]
    max_steps: int | None
    shortest: int | None
    """The fewest changes that meet every score condition (None when none can)."""

    @property
    def already_met(self) -> bool:
        """True when the target holds before any change."""
        return self.target_before.met

    @property
    def target_before(self) -> PredicateResult:
        """The target's conditions before the plan."""
        return self.before.verdict.result(self.target.id)

    @property
    def target_after(self) -> PredicateResult:
        """The target's conditions after the plan."""
        return self.after.verdict.result(self.target.id)

    @property
    def levels(self) -> int:
        """The total level change of the steps."""
        return sum(s.levels for s in self.steps)

    @property
    def gain(self) -> Fraction:
        """Points the steps add to the total."""
        return self.after.card.total - self.before.card.total


# --- candidate moves -----------------------------------------------------------------------
