"""One unit's assessment: its scorecard and verdict together."""

from __future__ import annotations

from dataclasses import dataclass

from .score import BlankPolicy, Scorecard, score
from .unit import BoundUnit
from .verdict import Verdict, judge


@dataclass(frozen=True)
class Assessment:
    """What ``zi score`` reports for one unit."""

    source: str
    """Where the answers came from (a file path, ``-`` for stdin)."""
    card: Scorecard
    verdict: Verdict


def assess(bound: BoundUnit, blank: BlankPolicy = "zero") -> Assessment:
    """Score a unit and judge the result (prerequisites from its facts)."""
    card = score(bound, blank)
    return Assessment(bound.source, card, judge(card))
