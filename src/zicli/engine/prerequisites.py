"""Prerequisites: facts a unit states beside its answers, judged beside the verdict.

A prerequisite is a fact the unit states (``opini_bpk: WTP``); it is met, not
met, or not stated, and an unstated one is never assumed met. A gate (a named stage,
e.g. ready for Itjen's internal assessment) may require one through a
``prerequisite`` condition. Neither changes the score or the verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from zicli.models.answers import Fact
from zicli.models.criteria import Prerequisite
from zicli.models.index import CriteriaIndex

PrerequisiteStatus = Literal["met", "not_met", "not_stated"]


@dataclass(frozen=True)
class PrerequisiteResult:
    """One prerequisite checked against what the unit stated."""

    id: str
    description: str
    field: str
    required: str
    stated: str | None
    status: PrerequisiteStatus
    predicates: tuple[str, ...]
    source: str | None
    confidence: str | None

    @property
    def met(self) -> bool:
        """True only when stated and met."""
        return self.status == "met"


def _status(index: CriteriaIndex, pre: Prerequisite, value: Fact | None) -> PrerequisiteStatus:
    if value is None:
        return "not_stated"
    spec = index.criteria.unit_fields[pre.field]
    if spec.kind == "scale":
        # the scale is written best first: a smaller position is better
        ok = spec.scale.index(str(value)) <= spec.scale.index(str(pre.at_least))
    else:
        assert isinstance(value, Decimal) and isinstance(pre.at_least, Decimal)
        ok = value >= pre.at_least
    return "met" if ok else "not_met"


def check_prerequisites(
    index: CriteriaIndex, facts: Mapping[str, Fact]
) -> tuple[PrerequisiteResult, ...]:
    """Every prerequisite of the pack, in pack order."""
    out = []
    for pre in index.criteria.prerequisites:
        value = facts.get(pre.field)
        out.append(
            PrerequisiteResult(
                id=pre.id,
                description=pre.description,
                field=pre.field,
                required=str(pre.at_least),
                stated=None if value is None else str(value),
                status=_status(index, pre, value),
                predicates=pre.predicates,
                source=pre.source,
                confidence=pre.confidence,
            )
        )
    return tuple(out)


def for_predicate(
    results: tuple[PrerequisiteResult, ...], predicate: str | None
) -> tuple[PrerequisiteResult, ...]:
    """The prerequisites that are conditions of ``predicate`` (all when None)."""
    if predicate is None:
        return results
    return tuple(r for r in results if not r.predicates or predicate in r.predicates)
