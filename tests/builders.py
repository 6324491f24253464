"""Answer builders shared by engine tests: best, worst and random answers for a pack."""

from __future__ import annotations

from decimal import Decimal

from zicli.engine.index import CriteriaIndex
from zicli.models.answers import AnswerRecord, CountsAnswer, NumberAnswer, OptionAnswer
from zicli.models.criteria import Node, parse_expression


def best(index: CriteriaIndex, q: Node) -> AnswerRecord:
    """The answer worth 1 for question ``q``."""
    atype = index.answer_type(q)
    if atype.kind == "options":
        key = max(atype.options, key=lambda o: o.value).key
        return AnswerRecord(OptionAnswer(key))
    if atype.kind == "scale":
        assert atype.max is not None
        return AnswerRecord(NumberAnswer(atype.max))
    assert q.computed is not None
    counts = dict.fromkeys(q.computed.fields(), 1)
    # Numerator terms: added fields large, subtracted ones 0, so the capped ratio is 1.
    for sign, name in parse_expression(q.computed.numerator) or ():
        if name in counts:
            counts[name] = 100 if sign > 0 else 0
    return AnswerRecord(CountsAnswer(counts))


def worst(index: CriteriaIndex, q: Node) -> AnswerRecord:
    """The answer worth 0 for question ``q``."""
    atype = index.answer_type(q)
    if atype.kind == "options":
        key = min(atype.options, key=lambda o: o.value).key
        return AnswerRecord(OptionAnswer(key))
    if atype.kind == "scale":
        return AnswerRecord(NumberAnswer(Decimal(0)))
    assert q.computed is not None
    counts = dict.fromkeys(q.computed.fields(), 1)
    terms = parse_expression(q.computed.numerator) or ()
    if any(sign < 0 for sign, _ in terms):
        # a decrease (discipline): more this year than last gives a negative ratio, floored
        for sign, name in terms:
            counts[name] = 1 if sign > 0 else 2
    else:
        for _, name in terms:
            counts[name] = 0
    return AnswerRecord(CountsAnswer(counts))


def all_answers(index: CriteriaIndex, which: str) -> dict[str, AnswerRecord]:
    """Every question answered with its best or worst answer."""
    pick = best if which == "best" else worst
    return {q.id: pick(index, q) for q in index.questions}
