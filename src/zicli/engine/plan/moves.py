"""The candidate answers of one question: every change that could help.

The move set
    A *step* changes one question. Its candidate answers (:func:`candidate_moves`):

    * options: every option worth more than the current answer. Its *level change* is
      the number of option levels climbed (options ranked by value; a blank answer
      stands at the lowest option when that option is worth 0, as every shipped type's
      is, so blank -> A of A-E is 4 levels);
    * survey (``scale``): every index on the 0.01 grid above the current one (a survey
      index is reported with 2 decimals). Level change: the number of 0.01 steps, so
      3.50 -> 3.60 is 10 levels. A survey point is priced high on purpose: it is the
      hardest gain to make, and the optimum then asks for the least index it needs;
    * computed (``ratio``): the count the unit controls is moved one unit at a time
      (the numerator's own field: ``jumlah_perubahan_dibuat`` up towards
      ``jumlah_agen_perubahan``, ``jumlah_pelanggaran_tahun_ini`` down towards 0), every
      count that raises the value being a candidate, up to the full ratio. Level change:
      the count units moved. A blank computed question gets one candidate, the smallest
      counts that give the full value (all 0 where 0/0 counts 1, else 1 of 1); those
      counts only illustrate the ratio and the output says so.

    Frozen questions have no candidates. Lowering an answer never helps: every
    condition rises with every question value.

"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from zicli.models.answers import (
    Answer,
    AnswerRecord,
    CountsAnswer,
    NumberAnswer,
    OptionAnswer,
)
from zicli.models.criteria import Node

from ..exact import ZERO
from ..index import CompiledRatio, CriteriaIndex
from ..score import ratio_value

SURVEY_STEP = Fraction(1, 100)
"""The grid of survey targets: an index is reported with 2 decimals."""


@dataclass(frozen=True)
class Move:
    """One candidate answer for one question."""

    question: str
    answer: Answer
    value: Fraction
    """The question's value after the move (0..1)."""
    levels: int
    """Option levels, 0.01 survey steps or count units moved (at least 1)."""
    gain: Fraction
    """Points added to the total (and to every node above the question)."""
    raw: Fraction | None = None
    """The survey index after the move (survey questions only)."""
    illustrative: bool = False
    """Counts made up for a blank computed question: they only show the ratio."""


def contribution(index: CriteriaIndex, question: Node) -> Fraction:
    """Points a question adds to its sub-area (and every node above) per unit of value:
    its share, as scoring uses it (:attr:`CriteriaIndex.shares`)."""
    return index.shares[question.id]


def candidate_moves(
    index: CriteriaIndex, question: Node, record: AnswerRecord | None
) -> tuple[Move, ...]:
    """Every candidate answer of ``question`` worth more than ``record`` (see the module
    docstring for the move set), lowest first."""
    atype = index.answer_type(question)
    coef = contribution(index, question)
    if atype.kind == "options":
        return _option_moves(index, question, record, coef)
    if atype.kind == "scale":
        assert atype.max is not None
        return _survey_moves(question, record, Fraction(atype.max), coef)
    return _ratio_moves(index.ratios[question.id], question, record, coef)


def _option_moves(
    index: CriteriaIndex, question: Node, record: AnswerRecord | None, coef: Fraction
) -> tuple[Move, ...]:
    atype = index.answer_type(question)
    ranked = sorted(atype.options, key=lambda o: Fraction(o.value))
    values = [Fraction(o.value) for o in ranked]
    if record is None:
        current_value = ZERO
        zeros = [i for i, v in enumerate(values) if v <= 0]
        rank = zeros[-1] if zeros else -1
    else:
        assert isinstance(record.value, OptionAnswer)
        key = record.value.key.casefold()
        rank = next(i for i, o in enumerate(ranked) if o.key.casefold() == key)
        current_value = values[rank]
    return tuple(
        Move(question.id, OptionAnswer(o.key), v, i - rank, (v - current_value) * coef)
        for i, (o, v) in enumerate(zip(ranked, values, strict=True))
        if v > current_value and i > rank
    )


def _survey_moves(
    question: Node, record: AnswerRecord | None, top: Fraction, coef: Fraction
) -> tuple[Move, ...]:
    if record is None:
        current = ZERO
    else:
        assert isinstance(record.value, NumberAnswer)
        current = Fraction(record.value.value)
    first = math.floor(current / SURVEY_STEP) + 1
    last = math.floor(top / SURVEY_STEP)
    out = []
    for n in range(first, last + 1):
        raw = n * SURVEY_STEP
        levels = math.ceil((raw - current) / SURVEY_STEP)
        out.append(
            Move(
                question.id,
                NumberAnswer(Decimal(n).scaleb(-2)),
                raw / top,
                levels,
                (raw - current) / top * coef,
                raw=raw,
            )
        )
    return tuple(out)


def _expand(ratio: CompiledRatio, terms: tuple[tuple[int, str], ...]) -> dict[str, int]:
    derived = dict(ratio.derived)
    coef: dict[str, int] = {}
    for sign, name in terms:
        for s2, base in derived.get(name, ((1, name),)):
            coef[base] = coef.get(base, 0) + sign * s2
    return coef


def _ratio_moves(
    ratio: CompiledRatio, question: Node, record: AnswerRecord | None, coef: Fraction
) -> tuple[Move, ...]:
    fields = ratio.spec.fields()
    numerator = _expand(ratio, ratio.numerator)
    denominator = _expand(ratio, ratio.denominator)
    best = Fraction(ratio.spec.cap) if ratio.spec.cap is not None else Fraction(1)
    if record is None:
        return _blank_ratio_move(ratio, question, fields, numerator, denominator, coef)
    assert isinstance(record.value, CountsAnswer)
    counts = dict(record.value.counts)
    current, _ = ratio_value(ratio, counts)
    movable = [f for f in fields if numerator.get(f, 0) and not denominator.get(f, 0)]
    if not movable or current >= best:
        return ()
    rising = [f for f in movable if numerator[f] > 0]
    name = rising[0] if rising else movable[0]
    sign = 1 if numerator[name] > 0 else -1
    num = sum(c * counts[f] for f, c in numerator.items())
    den = sum(c * counts[f] for f, c in denominator.items())
    if den == 0 and sign > 0:
        # Nothing to divide by (no agen perubahan, no sasaran): the way up is to have
        # some, e.g. 1 of 1, as for a blank answer.
        return _blank_ratio_move(ratio, question, fields, numerator, denominator, coef)
    if sign < 0:
        limit = counts[name]
    elif den > 0:
        limit = max(0, math.ceil(best * den) - num)
    else:
        limit = max(0, -num)
    out: list[Move] = []
    reached = current
    for units in range(1, limit + 1):
        trial = dict(counts)
        trial[name] = counts[name] + sign * units
        value, _ = ratio_value(ratio, trial)
        if value > reached:
            reached = value
            out.append(
                Move(question.id, CountsAnswer(trial), value, units, (value - current) * coef)
            )
            if value >= best:
                break
    return tuple(out)


def _blank_ratio_move(
    ratio: CompiledRatio,
    question: Node,
    fields: tuple[str, ...],
    numerator: dict[str, int],
    denominator: dict[str, int],
    coef: Fraction,
) -> tuple[Move, ...]:
    counts = dict.fromkeys(fields, 0)
    value, _ = ratio_value(ratio, counts)
    if value < 1:
        for part in (denominator, numerator):
            first = next((f for f in fields if part.get(f, 0) > 0), None)
            if first is not None:
                counts[first] = 1
        value, _ = ratio_value(ratio, counts)
    if value <= 0:
        return ()
    units = max(1, sum(counts.values()))
    return (Move(question.id, CountsAnswer(counts), value, units, value * coef, illustrative=True),)


# --- the target's conditions ----------------------------------------------------------------
