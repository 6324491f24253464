"""One unit's assessment: its scorecard and verdict together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zicli.models.answers import AnswerRecord, Unit

from .gates import Fact
from .index import CriteriaIndex
from .score import BlankPolicy, Scorecard, score
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


def assess(
    index: CriteriaIndex,
    unit: Unit,
    answers: Mapping[str, AnswerRecord],
    *,
    source: str,
    held: str | None = None,
    blank: BlankPolicy = "zero",
    facts: Mapping[str, Fact] | None = None,
    layer: tuple[str, int] | None = None,
) -> Assessment:
    """Score a unit and judge the result (prerequisites from ``facts``); ``layer``
    is a review layer's name and its count of answers from the unit's file."""
    card = score(index, unit, answers, held=held, blank=blank, facts=facts)
    if layer is None:
        return Assessment(source, card, judge(card))
    return Assessment(source, card, judge(card), layer[0], layer[1])
