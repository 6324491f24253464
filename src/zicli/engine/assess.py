"""One unit's assessment: its scorecard and verdict together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .score import BlankPolicy, Scorecard, score
from .unit import BoundUnit
from .verdict import Verdict, judge

if TYPE_CHECKING:
    from .evidence import EvidenceReport


@dataclass(frozen=True)
class Assessment:
    """What ``zi score`` reports for one unit."""

    source: str
    """Where the answers came from (a file path, ``-`` for stdin)."""
    card: Scorecard
    verdict: Verdict
    layer: str | None = None
    """For a review file's layer: its name (``tpi``, ``tpn``)."""
    from_unit: int | None = None
    """For a review file's layer: the answers taken from the unit's own file."""
    evidence: EvidenceReport | None = None
    """The data dukung status of every question, when the command checked it."""


def assess(bound: BoundUnit, blank: BlankPolicy = "zero") -> Assessment:
    """Score a unit and judge the result (prerequisites from its facts); a review
    file's layer says so (its name, and its answers taken from the unit's file)."""
    card = score(bound, blank)
    layer = bound.layer
    if layer is None:
        return Assessment(bound.source, card, judge(card))
    return Assessment(bound.source, card, judge(card), layer.name, layer.from_unit)
