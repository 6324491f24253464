"""Scoring: answers -> exact scores for every node of the LKE tree.

Rules (see the pack's own text and ``docs/domain/scoring-rules.md``):

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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from zicli.errors import FieldPath, Location
from zicli.i18n import _, ngettext
from zicli.models.answers import (
    PLACEHOLDER_NAME,
    AnswerRecord,
    CountsAnswer,
    Fact,
    NumberAnswer,
    OptionAnswer,
    Unit,
)
from zicli.models.criteria import TOTAL, Node

from .exact import ZERO, exact, exact_sum, ratio
from .index import CompiledRatio, CriteriaIndex
from .unit import BoundUnit

BlankPolicy = Literal["zero", "skip"]


@dataclass(frozen=True)
class Warning:
    """Something the user should know that does not stop scoring."""

    code: str
    message: str
    node: str | None = None
    field: FieldPath = ()
    """The answer-file field it is about (``("unit", "name")``), if one."""
    hint: str | None = None
    where: Location | None = None
    """Where ``field`` is written; set by the loader, which knows the file."""


@dataclass(frozen=True)
class Scorecard:
    """Every node's exact score for one unit, with what went into it."""

    index: CriteriaIndex
    unit: Unit
    held: str | None
    answers: Mapping[str, AnswerRecord]
    values: Mapping[str, Fraction | None]
    """Question id -> value in 0..1, None when blank."""
    scores: ExactScores
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
        value = min(value, exact(spec.cap))
    if spec.floor is not None:
        value = max(value, exact(spec.floor))
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
        return Fraction(answer.value) / exact(top), False
    assert isinstance(answer, CountsAnswer)
    return ratio_value(index.ratios[question.id], answer.counts)


class ExactScores(Mapping[str, Fraction]):
    """Node id (and ``total``) -> exact score, in the pack's order.

    Most scores are made of option answers only; those are kept as whole numbers of
    1/``denominator`` (the pack's common denominator), added as integers, and become
    Fractions only when read. The rest (survey indexes, ratios) are Fractions. Every
    node is in exactly one of the two."""

    __slots__ = ("_denominator", "_exact", "_order", "_read", "_whole")

    def __init__(
        self,
        whole: dict[str, int],
        exact: dict[str, Fraction],
        denominator: int,
        order: tuple[str, ...],
    ) -> None:
        self._whole = whole
        self._exact = exact
        self._denominator = denominator
        self._order = order
        self._read: dict[str, Fraction] = {}  # whole scores already made Fractions

    def __getitem__(self, key: str) -> Fraction:
        found = self._exact.get(key)
        if found is None:
            found = self._read.get(key)
        if found is None:
            found = ratio(self._whole[key], self._denominator)
            self._read[key] = found
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._whole or key in self._exact

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def sum_of(self, keys: tuple[str, ...]) -> Fraction:
        """The exact sum of some nodes' scores."""
        total = _sum(self._whole, self._exact, keys, self._denominator)
        return ratio(total, self._denominator) if isinstance(total, int) else total

    @property
    def denominator(self) -> int:
        """The pack's common denominator of option points."""
        return self._denominator

    def parts(self) -> tuple[Mapping[str, int], Mapping[str, Fraction]]:
        """The scores as stored: node -> whole numerator over :attr:`denominator`
        (option answers only), and node -> Fraction (the rest). Every node is in one
        of the two. For fast display (:func:`zicli.render.numbers.score_texts`)."""
        return self._whole, self._exact


def score(bound: BoundUnit, blank: BlankPolicy = "zero") -> Scorecard:
    """Score one unit's bound answers against its pack."""
    index, unit, answers = bound.index, bound.unit, bound.answers
    warnings: list[Warning] = []
    values: dict[str, Fraction | None] = {}
    compiled = index.compiled
    den = compiled.denominator
    whole: dict[str, int] = {}  # scores that are whole multiples of 1/den
    exact: dict[str, Fraction] = {}  # the others
    shares = index.shares
    options, option_points = index.options, compiled.option_points
    for q in index.questions:
        qid = q.id
        record = answers.get(qid)
        if record is None:
            values[qid] = None
            whole[qid] = 0
            continue
        answer = record.value
        if type(answer) is OptionAnswer:
            key = answer.key.casefold()
            values[qid] = options[qid][key][1]
            whole[qid] = option_points[qid][key]
            continue
        value, zero_den = question_value(index, q, record)
        values[qid] = value
        _put(whole, exact, qid, value * shares[qid], den)
        if zero_den and value == ZERO:
            rule = q.computed.zero_denominator.note if q.computed else None
            warnings.append(
                Warning(
                    "zero-denominator",
                    _(
                        "{question}: the denominator of the ratio is 0, so the question "
                        "scores 0 by the pack's rule ({rule})"
                    ).format(question=qid, rule=rule or "x/0 -> 0"),
                    qid,
                )
            )
    for block in compiled.blocks:
        ids = block.questions
        if blank == "skip" and not block.weighted:
            answered = sum(1 for qid in ids if values[qid] is not None)
            if 0 < answered < len(ids):
                # The workbook's AVERAGE over answered questions only: each answered
                # question is worth weight / answered, a blank nothing.
                share = block.weight / answered
                for qid in ids:
                    answered_value = values[qid]
                    _put(
                        whole,
                        exact,
                        qid,
                        ZERO if answered_value is None else answered_value * share,
                        den,
                    )
        _add(whole, exact, block.id, ids, den)
    for node_id, children in compiled.sums:
        _add(whole, exact, node_id, children, den)
    _add(whole, exact, TOTAL, compiled.top_ids, den)
    scores = ExactScores(whole, exact, den, compiled.score_order)
    groups = {
        g.id: {m.id: scores.sum_of(m.nodes) for m in g.members} for g in index.criteria.groups
    }
    warnings += _context_warnings(index, unit, values, blank)
    warnings += input_warnings(bound)
    return Scorecard(
        index=index,
        unit=unit,
        held=bound.held,
        answers=answers,
        values=values,
        scores=scores,
        groups=groups,
        blank=blank,
        warnings=tuple(warnings),
        facts=dict(bound.facts),
    )


def _put(
    whole: dict[str, int], exact: dict[str, Fraction], node: str, value: Fraction, den: int
) -> None:
    """Record a score: as an integer over ``den`` when it is one, else exactly."""
    n, d = value.numerator, value.denominator
    if d == 1 or den % d == 0:
        whole[node] = n * (den // d)
        exact.pop(node, None)
    else:
        exact[node] = value
        whole.pop(node, None)


def _add(
    whole: dict[str, int],
    exact: dict[str, Fraction],
    node: str,
    children: tuple[str, ...],
    den: int,
) -> None:
    """A node's score as the sum of its children's."""
    total = _sum(whole, exact, children, den)
    if isinstance(total, int):
        whole[node] = total
    else:
        _put(whole, exact, node, total, den)


def _sum(
    whole: dict[str, int], exact: dict[str, Fraction], keys: tuple[str, ...], den: int
) -> int | Fraction:
    """The sum of some scores: an integer over ``den`` when all of them are whole."""
    if not exact or exact.keys().isdisjoint(keys):
        return sum(map(whole.__getitem__, keys))
    return exact_sum([exact[k] if k in exact else ratio(whole[k], den) for k in keys])


def _context_warnings(
    index: CriteriaIndex, unit: Unit, values: Mapping[str, Fraction | None], blank: BlankPolicy
) -> list[Warning]:
    out: list[Warning] = []
    status = index.criteria.status
    period = unit.period_value
    repealed = status.state == "repealed" and status.repealed_on is not None
    if repealed and period.start.isoformat() > (status.repealed_on or ""):
        facts = {
            "pack": index.criteria.short_title,
            "date": status.repealed_on,
            "by": status.repealed_by,
            "period": unit.period,
        }
        if status.repealed_by:
            message = _("{pack} was repealed on {date} by {by}, before period {period}")
        else:
            message = _("{pack} was repealed on {date}, before period {period}")
        message = message.format(**facts)
        if status.successor:
            message += "; " + _("score with '{pack}'").format(pack=status.successor)
        out.append(Warning("repealed", message))
    blanks = sum(1 for v in values.values() if v is None)
    if blanks:
        if blank == "zero":
            message = ngettext(
                "{blank} of {total} questions is blank and counts 0; the verdict is provisional",
                "{blank} of {total} questions are blank and count 0; the verdict is provisional",
                blanks,
            )
        else:
            message = ngettext(
                "{blank} of {total} questions is blank and is left out of its sub-area mean; "
                "the verdict is provisional",
                "{blank} of {total} questions are blank and are left out of their sub-area "
                "means; the verdict is provisional",
                blanks,
            )
        out.append(Warning("incomplete", message.format(blank=blanks, total=len(values))))
    return out


def input_warnings(bound: BoundUnit) -> list[Warning]:
    """What a file states that is valid but almost surely not meant: the template's
    placeholder unit name, a count larger than the whole it is part of (the pack's
    ``at_most``). Scoring is unchanged: the file says what it says."""
    out: list[Warning] = []
    if bound.unit.name.strip().casefold() == PLACEHOLDER_NAME.casefold():
        out.append(
            Warning(
                "placeholder-name",
                _("the unit name is the template's placeholder '{name}'").format(
                    name=PLACEHOLDER_NAME
                ),
                field=("unit", "name"),
                hint=_("write the satuan kerja's name, e.g. KUA Kecamatan Selebar"),
            )
        )
    for qid, ratio_ in bound.index.ratios.items():
        record = bound.answers.get(qid)
        if record is None or not isinstance(record.value, CountsAnswer):
            continue
        values: dict[str, int] = dict(record.value.counts)
        for name, terms in ratio_.derived:
            values[name] = sum(sign * values[f] for sign, f in terms)
        inputs = {i.field for i in ratio_.spec.inputs}
        for part, whole in ratio_.spec.at_most.items():
            if values[part] > values[whole]:
                written = whole if whole in inputs else part
                out.append(
                    Warning(
                        "part-exceeds-whole",
                        _(
                            "{question}: {part} {part_count:,} > {whole} {whole_count:,}: "
                            "a part is more than its whole"
                        ).format(
                            question=qid,
                            part=part,
                            part_count=values[part],
                            whole=whole,
                            whole_count=values[whole],
                        ),
                        qid,
                        field=("answers", qid, written),
                        hint=_("check both counts; the file is scored as written"),
                    )
                )
    return out
