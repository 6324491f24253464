"""The engine's one input: a unit whose answers are bound to a pack.

Reading a file (any kind), binding its values to a pack and applying ``--set``
what-ifs all end in a :class:`BoundUnit`; :func:`~zicli.engine.assess.assess`,
:func:`~zicli.engine.score.score` and :func:`~zicli.engine.plan.plan` take
nothing else about the unit. A what-if (a plan's changes, an override, a diff's
step) is the same unit with other answers: :meth:`BoundUnit.with_answers`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from zicli.models.answers import AnswerRecord, Fact, Unit

from .index import CriteriaIndex


@dataclass(frozen=True)
class BoundUnit:
    """One unit's checked answers, bound to the pack they answer."""

    index: CriteriaIndex
    """The pack, compiled."""
    unit: Unit
    """Who is assessed (name, instansi, period)."""
    answers: Mapping[str, AnswerRecord]
    """Question id -> typed answer (a blank question has no entry)."""
    source: str = "<input>"
    """Where the answers came from (a file path, ``-`` for stdin)."""
    held: str | None = None
    """The predicate the unit already holds (``unit.predicate_held``), checked."""
    facts: Mapping[str, Fact] = field(default_factory=dict)
    """Prerequisite facts stated under ``unit:``, checked against the pack."""

    def with_answers(self, answers: Mapping[str, AnswerRecord]) -> BoundUnit:
        """This unit with other answers (a what-if): everything else kept."""
        return dataclasses.replace(self, answers=answers)
