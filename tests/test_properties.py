"""Invariants of scoring, checked on random answer sets for both packs."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zicli.engine.index import CriteriaIndex
from zicli.engine.score import Scorecard, score
from zicli.engine.unit import BoundUnit
from zicli.engine.verdict import judge
from zicli.loading import load_criteria
from zicli.models.answers import AnswerRecord, CountsAnswer, NumberAnswer, OptionAnswer, Unit
from zicli.models.criteria import TOTAL, Node

UNIT = Unit(name="Satker Uji", period="2026-Q1")
PACKS = {p: load_criteria(p) for p in ("permenpanrb-90-2021", "permenpanrb-10-2019")}


def answer_for(index: CriteriaIndex, q: Node) -> st.SearchStrategy[AnswerRecord | None]:
    """Any valid answer to ``q``, or a blank."""
    atype = index.answer_type(q)
    if atype.kind == "options":
        inner: st.SearchStrategy[AnswerRecord] = st.sampled_from(
            [AnswerRecord(OptionAnswer(o.key)) for o in atype.options]
        )
    elif atype.kind == "scale":
        inner = st.integers(0, 400).map(lambda n: AnswerRecord(NumberAnswer(Decimal(n) / 100)))
    else:
        assert q.computed is not None
        fields = q.computed.fields()
        inner = st.tuples(*[st.integers(0, 12) for _ in fields]).map(
            lambda values: AnswerRecord(CountsAnswer(dict(zip(fields, values, strict=True))))
        )
    return st.one_of(st.none(), inner)


@st.composite
def answer_sets(draw: st.DrawFn, index: CriteriaIndex) -> dict[str, AnswerRecord]:
    out: dict[str, AnswerRecord] = {}
    for q in index.questions:
        record = draw(answer_for(index, q))
        if record is not None:
            out[q.id] = record
    return out


def _check_sums(index: CriteriaIndex, card: Scorecard) -> None:
    assert card.total == sum((card.scores[n.id] for n in index.criteria.nodes), Fraction(0))
    for node in index.nodes.values():
        if node.kind == "butir":
            continue
        children = sum((card.scores[c.id] for c in node.children), Fraction(0))
        assert card.scores[node.id] == children, node.id
        assert 0 <= card.scores[node.id] <= index.weights[node.id]
    assert 0 <= card.total <= index.weights[TOTAL]


@pytest.mark.parametrize("pack", sorted(PACKS))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_total_is_the_sum_of_its_parts(pack: str, data: st.DataObject) -> None:
    index = PACKS[pack]
    answers = data.draw(answer_sets(index))
    _check_sums(index, score(BoundUnit(index, UNIT, answers)))


def _raise(index: CriteriaIndex, q: Node, record: AnswerRecord | None) -> AnswerRecord | None:
    """A better (or equal) answer to ``q`` than ``record``."""
    atype = index.answer_type(q)
    if atype.kind == "options":
        ranked = sorted(atype.options, key=lambda o: o.value)
        if record is None:
            return AnswerRecord(OptionAnswer(ranked[0].key))
        assert isinstance(record.value, OptionAnswer)
        values = [o.key for o in ranked]
        i = values.index(record.value.key)
        return AnswerRecord(OptionAnswer(values[min(i + 1, len(values) - 1)]))
    if atype.kind == "scale":
        assert atype.max is not None
        current = Decimal(0) if record is None else record.value.value  # type: ignore[union-attr]
        return AnswerRecord(NumberAnswer(min(atype.max, current + Decimal("0.25"))))
    return record  # ratios are not ordered by a single step


@pytest.mark.parametrize("pack", sorted(PACKS))
@pytest.mark.parametrize("blank", ["zero", "skip"])
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_better_answer_never_lowers_any_score(pack: str, blank: str, data: st.DataObject) -> None:
    index = PACKS[pack]
    answers = data.draw(answer_sets(index))
    q = data.draw(st.sampled_from(index.questions))
    better = _raise(index, q, answers.get(q.id))
    if better is None or (blank == "skip" and q.id not in answers):
        return  # answering a blank under 'skip' can lower a mean: not a 'better answer'
    before = score(BoundUnit(index, UNIT, answers), blank=blank)  # type: ignore[arg-type]
    after = score(BoundUnit(index, UNIT, {**answers, q.id: better}), blank=blank)  # type: ignore[arg-type]
    for node_id, value in before.scores.items():
        assert after.scores[node_id] >= value, node_id
    rank = {None: 0, "WBK": 1, "WBBM": 2}
    assert rank[judge(after).predicate] >= rank[judge(before).predicate]


def _reference_scores(
    index: CriteriaIndex, answers: dict[str, AnswerRecord], blank: str
) -> dict[str, Fraction]:
    """Every node's score straight from the rules, in plain Fractions: a question is
    worth its value x its own weight, or its sub-area's mean x the sub-area's weight
    (under 'skip', the mean of the answered ones); every other node sums its children."""

    def value(q: Node) -> Fraction | None:
        record = answers.get(q.id)
        if record is None:
            return None
        answer = record.value
        if isinstance(answer, OptionAnswer):
            atype = index.answer_type(q)
            return next(Fraction(o.value) for o in atype.options if o.key == answer.key)
        if isinstance(answer, NumberAnswer):
            top = index.answer_type(q).max
            assert top is not None
            return Fraction(answer.value) / Fraction(top)
        from zicli.engine.score import ratio_value

        return ratio_value(index.ratios[q.id], answer.counts)[0]

    out: dict[str, Fraction] = {}

    def walk(node: Node) -> Fraction:
        first = node.children[0]
        if first.kind == "butir":
            values = {c.id: value(c) for c in node.children}
            if first.weight is not None:
                for c in node.children:
                    out[c.id] = (values[c.id] or Fraction(0)) * Fraction(c.weight or 0)
            else:
                answered = [v for v in values.values() if v is not None]
                count = len(node.children)
                if blank == "skip" and answered:
                    count = len(answered)
                share = Fraction(node.weight or 0) / count
                for c in node.children:
                    out[c.id] = (values[c.id] or Fraction(0)) * share
            total = sum((out[c.id] for c in node.children), Fraction(0))
        else:
            total = sum((walk(c) for c in node.children), Fraction(0))
        out[node.id] = total
        return total

    out[TOTAL] = sum((walk(n) for n in index.criteria.nodes), Fraction(0))
    return out


@pytest.mark.parametrize("pack", sorted(PACKS))
@pytest.mark.parametrize("blank", ["zero", "skip"])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_every_score_is_exactly_the_rule(pack: str, blank: str, data: st.DataObject) -> None:
    # The engine adds option points as integers over a common denominator; whatever
    # the mix of answers, each score must equal the rule computed in Fractions, and
    # its display text the rounding of that exact value.
    from zicli.render.numbers import rounded_text, score_text, score_texts

    index = PACKS[pack]
    answers = data.draw(answer_sets(index))
    card = score(BoundUnit(index, UNIT, answers), blank=blank)  # type: ignore[arg-type]
    expected = _reference_scores(index, answers, blank)
    assert set(card.scores) == set(expected) and len(card.scores) == len(expected)
    for node_id, value in expected.items():
        assert node_id in card.scores
        assert card.scores[node_id] == value, node_id
        assert score_text(card.scores, node_id) == rounded_text(value), node_id
    assert score_texts(card.scores, tuple(expected)) == [rounded_text(v) for v in expected.values()]
    for group in index.criteria.groups:
        for member in group.members:
            want = sum((expected[n] for n in member.nodes), Fraction(0))
            assert card.groups[group.id][member.id] == want


_TEXTS = st.sampled_from(["", "x", "Satker", "2026", "2026-Q1", "2026-Q5", "WBK", "_x"])
_VALUES = st.one_of(
    st.none(), _TEXTS, st.integers(-1, 3), st.booleans(), st.just(Decimal("1.5")),
    st.dictionaries(_TEXTS, _TEXTS, max_size=2), st.tuples(_TEXTS),
)  # fmt: skip
_UNIT_KEYS = st.sampled_from(
    ["name", "period", "instansi", "predicate_held", "opini_bpk", "_fields_set", "cls", "x"]
)


_NEAR_VALID = st.fixed_dictionaries(
    {
        "criteria": st.sampled_from(["permenpanrb-90-2021", "", None]),
        "unit": st.fixed_dictionaries(
            {"name": st.sampled_from(["Satker", "", 1]), "period": _TEXTS},
            optional=dict.fromkeys(
                ("instansi", "predicate_held", "opini_bpk", "_x", "cls"), _VALUES
            ),
        ),
    },
    optional={"answers": _VALUES, "other": _VALUES},
)


@settings(max_examples=300, deadline=None)
@given(
    envelope=st.one_of(
        _NEAR_VALID,
        st.dictionaries(
            st.sampled_from(["criteria", "unit", "answers", "other"]),
            st.one_of(_VALUES, st.dictionaries(_UNIT_KEYS, _VALUES, max_size=6)),
            max_size=4,
        ),
    )
)
def test_quick_envelope_is_exactly_model_validate(envelope: dict[str, object]) -> None:
    # AnswerFile.quick skips pydantic's validator for plainly valid envelopes: it must
    # build the very model model_validate builds, and decline everything else.
    from pydantic import ValidationError

    from zicli.models.answers import AnswerFile

    quick = AnswerFile.quick(envelope)
    try:
        full = AnswerFile.model_validate(envelope)
    except ValidationError:
        assert quick is None
        return
    if quick is not None:
        assert quick == full
        assert quick.model_fields_set == full.model_fields_set
        assert quick.unit.model_fields_set == full.unit.model_fields_set
        assert quick.unit.model_extra == full.unit.model_extra
        assert quick.model_dump() == full.model_dump()


def test_quick_envelope_takes_the_examples() -> None:
    from zicli.errors import ProblemSink
    from zicli.loading.yamlsafe import read_document
    from zicli.models.answers import AnswerFile

    from .conftest import EXAMPLES

    for path in sorted(EXAMPLES.glob("*.yaml")):
        doc = read_document(path.read_bytes(), str(path), ProblemSink(str(path)))
        assert doc is not None
        assert AnswerFile.quick(doc.root) == AnswerFile.model_validate(doc.root), path
