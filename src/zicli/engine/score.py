"""Scoring: answers -> exact scores for every node of the LKE tree.

Rules (see the pack's own text and ``../shared/domain/README.md``):

* question value: option value; survey value / max; computed ratio clamped to
  floor..cap with the pack's zero-denominator rule;
* a node whose children are questions: ``mean(values) x weight``, or
  ``sum(value x weight)`` when each question has its own weight;
* every other node, and the total: the sum of its children.

Blank answers count 0 (``blank="zero"``, the default); ``blank="skip"``
reproduces the official workbook, which averages only answered questions.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from zicli.models.answers import AnswerRecord, CountsAnswer, NumberAnswer, OptionAnswer, Unit
from zicli.models.criteria import TOTAL, Node

from .exact import ZERO, exact_sum
from .gates import Fact
from .index import CompiledRatio, CriteriaIndex

BlankPolicy = Literal["zero", "skip"]


@dataclass(frozen=True)
class Warning:
    """Something the user should know that does not stop scoring."""

    code: str
    message: str
    node: str | None = None


@dataclass(frozen=True)
class Scorecard:
    """Every node's exact score for one unit, with what went into it."""

    index: CriteriaIndex
    unit: Unit
    held: str | None
    answers: Mapping[str, AnswerRecord]
    values: Mapping[str, Fraction | None]
    """Question id -> value in 0..1, None when blank."""
    scores: Mapping[str, Fraction]
    """Node id (and ``total``) -> score."""
    groups: Mapping[str, Mapping[str, Fraction]]
    """Group id -> member id -> score (sum of its nodes)."""
    blank: BlankPolicy
    warnings: tuple[Warning, ...]
    facts: Mapping[str, Fact] = field(default_factory=dict)
    """What the unit states under ``unit:`` for prerequisites (checked values)."""

    @property
    def total(self) -> Fraction:
        """The final score (0..100 for the shipped packs)."""
        return self.scores[TOTAL]

    @functools.cached_property
    def answered(self) -> int:
        """Questions with an answer."""
        return sum(1 for v in self.values.values() if v is not None)

    @property
    def question_count(self) -> int:
        """All questions of the pack."""
        return len(self.values)

    @property
    def complete(self) -> bool:
        """True when every question is answered."""
        return self.answered == self.question_count

    def blanks(self) -> list[str]:
        """Ids of unanswered questions, in pack order."""
        return [q for q, v in self.values.items() if v is None]


def ratio_value(ratio: CompiledRatio, counts: Mapping[str, int]) -> tuple[Fraction, bool]:
    """A computed question's value, and whether its denominator was zero."""
    values: dict[str, int] = dict(counts)
    for name, terms in ratio.derived:
        values[name] = sum(sign * values[f] for sign, f in terms)
    num = sum(sign * values[f] for sign, f in ratio.numerator)
    den = sum(sign * values[f] for sign, f in ratio.denominator)
    spec = ratio.spec
    if den == 0:
        rule = spec.zero_denominator
        return Fraction(rule.if_numerator_zero if num == 0 else rule.otherwise), True
    value = Fraction(num, den)
    if spec.cap is not None:
        value = min(value, Fraction(spec.cap))
    if spec.floor is not None:
        value = max(value, Fraction(spec.floor))
    return value, False


def question_value(
    index: CriteriaIndex, question: Node, record: AnswerRecord
) -> tuple[Fraction, bool]:
    """A question's value in 0..1 and whether a zero-denominator rule decided it."""
    answer = record.value
    if isinstance(answer, OptionAnswer):
        return index.options[question.id][answer.key.casefold()][1], False
    if isinstance(answer, NumberAnswer):
        top = index.answer_type(question).max
        assert top is not None
        return Fraction(answer.value) / Fraction(top), False
    assert isinstance(answer, CountsAnswer)
    return ratio_value(index.ratios[question.id], answer.counts)


def score(
    index: CriteriaIndex,
    unit: Unit,
    answers: Mapping[str, AnswerRecord],
    *,
    held: str | None = None,
    blank: BlankPolicy = "zero",
    facts: Mapping[str, Fact] | None = None,
) -> Scorecard:
    """Score one unit's bound answers against a pack."""
    warnings: list[Warning] = []
    values: dict[str, Fraction | None] = {}
    points: dict[str, Fraction] = {}  # value x share, per answered question
    shares = index.shares
    for q in index.questions:
        record = answers.get(q.id)
        if record is None:
            values[q.id] = None
            continue
        answer = record.value
        if isinstance(answer, OptionAnswer):
            key = answer.key.casefold()
            values[q.id] = index.options[q.id][key][1]
            points[q.id] = index.option_scores[q.id][key]
            continue
        value, zero_den = question_value(index, q, record)
        values[q.id] = value
        points[q.id] = value * shares[q.id]
        if zero_den and value == ZERO:
            rule = q.computed.zero_denominator.note if q.computed else None
            warnings.append(
                Warning(
                    "zero-denominator",
                    f"{q.id}: the denominator of the ratio is 0, so the question scores 0 "
                    f"by the pack's rule ({rule or 'x/0 -> 0'})",
                    q.id,
                )
            )
    scores: dict[str, Fraction] = {}
    for block in index.blocks:
        ids = block.questions
        answered = [qid for qid in ids if values[qid] is not None]
        if blank == "skip" and not block.weighted and 0 < len(answered) < len(ids):
            # The workbook's AVERAGE over answered questions only: each answered
            # question is worth weight / answered, a blank nothing.
            share = block.weight / len(answered)
            for qid in ids:
                answered_value = values[qid]
                scores[qid] = ZERO if answered_value is None else answered_value * share
        else:
            for qid in ids:
                scores[qid] = points.get(qid, ZERO)
        scores[block.id] = exact_sum(scores[qid] for qid in ids)
    for node_id, children in index.sums:
        scores[node_id] = exact_sum(scores[c] for c in children)
    scores[TOTAL] = exact_sum(scores[n.id] for n in index.criteria.nodes)
    groups = {
        g.id: {m.id: exact_sum(scores[n] for n in m.nodes) for m in g.members}
        for g in index.criteria.groups
    }
    warnings += _context_warnings(index, unit, values, blank)
    return Scorecard(
        index=index,
        unit=unit,
        held=held,
        answers=answers,
        values=values,
        scores=scores,
        groups=groups,
        blank=blank,
        warnings=tuple(warnings),
        facts=dict(facts or {}),
    )


def _context_warnings(
    index: CriteriaIndex, unit: Unit, values: Mapping[str, Fraction | None], blank: BlankPolicy
) -> list[Warning]:
    out: list[Warning] = []
    status = index.criteria.status
    period = unit.period_value
    repealed = status.state == "repealed" and status.repealed_on is not None
    if repealed and period.start.isoformat() > (status.repealed_on or ""):
        successor = f"; score with '{status.successor}'" if status.successor else ""
        by = f" by {status.repealed_by}" if status.repealed_by else ""
        out.append(
            Warning(
                "repealed",
                f"{index.criteria.short_title} was repealed on {status.repealed_on}{by}, "
                f"before period {unit.period}{successor}",
            )
        )
    blanks = sum(1 for v in values.values() if v is None)
    if blanks:
        out.append(
            Warning(
                "incomplete",
                f"{blanks} of {len(values)} questions are blank and "
                + ("count 0" if blank == "zero" else "are left out of their sub-area means")
                + "; the verdict is provisional",
            )
        )
    return out
