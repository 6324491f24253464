"""JSON output: the machine contract of ``zi score --format json``.

Numbers are written from exact decimals (``75.00``, ``17.50``), never through
float, so a consumer sees the same 2-place value the table shows. The shape is
documented in the README ("JSON output") and checked by the test suite. The
``zi.score/1`` object is built in one place (:func:`assessment_payload`); a batch
writes the same object on one line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from json.encoder import encode_basestring as _encode  # C-accelerated
from math import gcd
from typing import Any

from zicli import __version__
from zicli.engine.assess import Assessment
from zicli.engine.index import CriteriaIndex, PerPack
from zicli.engine.prerequisites import PrerequisiteResult
from zicli.engine.verdict import ConditionResult
from zicli.errors import Problem
from zicli.models.answers import OptionAnswer, answer_to_text
from zicli.models.criteria import TOTAL
from zicli.render.jsontext import Number, dumps, number
from zicli.render.numbers import (
    exact_ratio_text,
    exact_text,
    ratio_text,
    rounded_text,
    score_text,
    score_texts,
)
from zicli.render.options import RenderOptions

SCHEMA = "zi.score/1"
CRITERIA_SCHEMA = "zi.criteria/1"


def _text_or_null(value: str | None) -> str:
    return "null" if value is None else _encode(value)


_CONDITION_TEXT: dict[tuple[object, ...], tuple[str, str]] = {}


def _condition_text(predicate: str, cond: ConditionResult) -> tuple[str, str]:
    """The parts of a condition's JSON that the pack fixes: everything up to
    ``"actual"``, and from ``"source"`` on (a batch writes the same ones per unit)."""
    required = cond.required
    bar = None if required is None else (required.numerator, required.denominator)
    key: tuple[object, ...] = (predicate, cond.id, cond.description, bar, cond.required_text)
    key += (cond.source, cond.confidence)
    known = _CONDITION_TEXT.get(key)
    if known is None:
        required_json = (
            rounded_text(required)
            if cond.required_text is None and required is not None
            else _text_or_null(cond.required_text)
        )
        head = (
            f'{{"predicate":{_encode(predicate)},"id":{_encode(cond.id)},'
            f'"description":{_encode(cond.description)},"required":{required_json},'
        )
        tail = (
            f'"source":{_text_or_null(cond.source)},"confidence":{_text_or_null(cond.confidence)}}}'
        )
        known = (head, tail)
        if len(_CONDITION_TEXT) < 4096:
            _CONDITION_TEXT[key] = known
    return known


def _condition(predicate: str, cond: ConditionResult) -> Number:
    # Written straight to one-line JSON text (a batch writes some twenty per unit):
    # the pack's parts once per pack, then actual, margin and met. 2 places can hide
    # a shortfall (-0.004 shows as 0.00); 'met' and 'margin_exact' do not.
    head, tail = _condition_text(predicate, cond)
    met = "true" if cond.met else "false"
    actual, required = cond.actual, cond.required
    if actual is None:
        actual_text = _text_or_null(cond.actual_text)
        return Number(f'{head}"actual":{actual_text},"margin":null,"met":{met},{tail}')
    actual_exact = exact_text(actual)
    shown = rounded_text(actual) if cond.actual_text is None else _encode(cond.actual_text)
    if required is None:
        return Number(
            f'{head}"actual":{shown},"margin":null,"met":{met},'
            f'"actual_exact":"{actual_exact}",{tail}'
        )
    # The margin actual - required, in integers (Fraction arithmetic is slow here).
    den = actual.denominator * required.denominator
    num = actual.numerator * required.denominator - required.numerator * actual.denominator
    common = gcd(num, den)
    margin_exact = exact_ratio_text(num // common, den // common)
    return Number(
        f'{head}"actual":{shown},"margin":{ratio_text(num, den)},"met":{met},'
        f'"actual_exact":"{actual_exact}","margin_exact":"{margin_exact}",{tail}'
    )


@PerPack
def _encoded_keys(index: CriteriaIndex) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The node ids, and each one's JSON-encoded key (a comma, then the key: the
    first comma is cut)."""
    nodes = tuple(index.nodes)
    return nodes, tuple(f",{_encode(node)}:" for node in nodes)


def _scores(card: Any) -> Number:
    # The bulk of a batch line: every node's score, written straight to JSON text.
    nodes, keys = _encoded_keys(card.index)
    body = "".join(map(str.__add__, keys, score_texts(card.scores, nodes)))
    return Number(f'{{"{TOTAL}":{score_text(card.scores, TOTAL)}{body}}}')


_PREREQUISITE_TEXT: dict[tuple[object, ...], tuple[str, str]] = {}


def _prerequisite(pre: PrerequisiteResult) -> Number:
    # All but 'stated' and 'status' is the pack's, written once per pack.
    key: tuple[object, ...] = (pre.id, pre.description, pre.field, pre.required)
    key += (pre.predicates, pre.source, pre.confidence)
    known = _PREREQUISITE_TEXT.get(key)
    if known is None:
        head = (
            f'{{"id":{_encode(pre.id)},"description":{_encode(pre.description)},'
            f'"field":{_encode(pre.field)},"required":{_encode(pre.required)},'
        )
        tail = (
            f'"predicates":{dumps(list(pre.predicates), indent=0)},'
            f'"source":{_text_or_null(pre.source)},"confidence":{_text_or_null(pre.confidence)}}}'
        )
        known = (head, tail)
        if len(_PREREQUISITE_TEXT) < 4096:
            _PREREQUISITE_TEXT[key] = known
    head, tail = known
    return Number(
        f'{head}"stated":{_text_or_null(pre.stated)},"status":{_encode(pre.status)},{tail}'
    )


@PerPack
def _answer_parts(index: CriteriaIndex) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Question id -> its encoded key, and (id, option key) -> ',"id":"key"', which is
    the same for every unit (filled as options are met)."""
    nodes, encoded = _encoded_keys(index)
    return dict(zip(nodes, encoded, strict=True)), {}


def _answers(card: Any) -> Number:
    # Every question's answer as text (null when blank), written straight to JSON.
    keys, options = _answer_parts(card.index)
    answers = card.answers
    parts = []
    for qid in card.values:
        record = answers.get(qid)
        if record is None:
            parts.append(f"{keys[qid]}null")
            continue
        value = record.value
        if type(value) is OptionAnswer:
            part = options.get((qid, value.key))
            if part is None:
                part = keys[qid] + _encode(value.key)
                if len(options) < 8192:
                    options[qid, value.key] = part
            parts.append(part)
        else:
            parts.append(keys[qid] + _encode(answer_to_text(value)))
    return Number("{" + "".join(parts)[1:] + "}")


def assessment_payload(result: Assessment) -> dict[str, Any]:
    """The ``zi.score/1`` object for one unit: the one place its fields are written.

    The bulky parts (scores, conditions, prerequisites, answers) are ready one-line
    JSON text (:class:`Number`), the pack's fixed parts of them cached per pack, so a
    batch line is fast; :func:`assessment_json` indents the same object for people."""
    card, verdict = result.card, result.verdict
    criteria = card.index.criteria
    unit = card.unit
    status: dict[str, Any] = {"state": criteria.status.state}
    if criteria.status.repealed_on:
        status["repealed_on"] = criteria.status.repealed_on
        status["successor"] = criteria.status.successor
    nxt = verdict.next
    return {
        "schema": SCHEMA,
        "zi_version": __version__,
        "file": result.source,
        "unit": {
            "name": unit.name,
            "instansi": unit.instansi,
            "period": unit.period,
            "predicate_held": card.held,
        },
        "criteria": {
            "id": criteria.id,
            "title": criteria.title,
            "short_title": criteria.short_title,
            "version": criteria.version,
            "status": status,
        },
        "blank_policy": card.blank,
        "total": number(card.total),
        "scores": _scores(card),
        "groups": {
            gid: {mid: number(score) for mid, score in members.items()}
            for gid, members in card.groups.items()
        },
        "verdict": {
            "predicate": verdict.predicate,
            "name": verdict.reached.name if verdict.reached else None,
            "provisional": verdict.provisional,
            "next": nxt.id if nxt else None,
            "predicates": [{"id": r.id, "name": r.name, "met": r.met} for r in verdict.results],
            "conditions": [_condition(r.id, c) for r in verdict.results for c in r.conditions],
        },
        "prerequisites": [_prerequisite(r) for r in verdict.prerequisites],
        "gates": [
            {
                "id": g.id,
                "name": g.name,
                "met": g.met,
                "conditions": [_condition(g.id, c) for c in g.conditions],
                "note": g.note,
                "source": g.source,
                "confidence": g.confidence,
            }
            for g in verdict.gates
        ],
        "completeness": {
            "answered": card.answered,
            "questions": card.question_count,
            "percent": number(Fraction(card.answered * 100, card.question_count)),
            "blank": card.blanks(),
        },
        "answers": _answers(card),
        "warnings": [{"code": w.code, "message": w.message, "node": w.node} for w in card.warnings],
    }


def assessment_json(result: Assessment, indent: int = 2) -> str:
    """The unit's ``zi.score/1`` JSON: one line with ``indent=0`` (a batch's), else
    the same object indented (re-read with every number kept digit for digit)."""
    line = dumps(assessment_payload(result), indent=0)
    if not indent:
        return line
    return dumps(json.loads(line, parse_float=Number), indent)


class JsonFormatter:
    """``--format json``."""

    def assessment(self, result: Assessment, options: RenderOptions) -> str:
        """One unit as a JSON object."""
        return assessment_json(result) + "\n"

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Invalid input as ``{"schema", "file", "errors": [...]}``."""
        from zicli.render.common import errors_json

        return errors_json(SCHEMA, problems, file=source)


FORMATTER = JsonFormatter()
