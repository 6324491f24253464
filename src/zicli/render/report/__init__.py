"""The unit report view: one unit's score, verdict, areas, strategies, questions, plan
and trend, for its leadership (formats: :mod:`.html`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment
    from zicli.engine.plan import Plan
    from zicli.engine.review import ReviewReport


@dataclass(frozen=True)
class UnitReport:
    """What a unit's report shows: the assessment, the plan to the next predicate (None
    at the top), and the unit's periods for the trend (this one included)."""

    assessment: Assessment
    plan: Plan | None = None
    history: tuple[Assessment, ...] = ()
    evidence_base: str = ""
    """How the page reaches the answer file's folder (relative evidence paths are
    written from there), a relative path ending in a slash; empty when they share a
    folder."""
    review: ReviewReport | None = None
    """The review layers over the unit's own answers (``zi review``'s comparison),
    None when no review file was given."""
