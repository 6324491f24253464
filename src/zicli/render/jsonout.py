"""JSON output: the machine contract of ``zi score --format json``.

Numbers are written from exact decimals (``75.00``, ``17.50``), never through
float, so a consumer sees the same 2-place value the table shows. The shape is
documented in the README ("JSON output") and checked by the test suite.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from json.encoder import encode_basestring as _encode  # C-accelerated
from math import gcd
from typing import Any

from zicli import __version__
from zicli.engine.assess import Assessment
from zicli.engine.exact import exact_ratio_text, exact_text, ratio_text, rounded_text
from zicli.engine.gates import PrerequisiteResult
from zicli.engine.index import CriteriaIndex, PerPack
from zicli.engine.verdict import ConditionResult
from zicli.errors import Problem
from zicli.models.answers import OptionAnswer, answer_to_text
from zicli.models.criteria import TOTAL

from . import RenderOptions

SCHEMA = "zi.score/1"


class Number(str):
    """JSON text written as it is: a number's exact digits (``75.00``), or a
    fragment already encoded."""

    __slots__ = ()


def number(value: Fraction | None) -> Number | None:
    """A score as a 2-place JSON number (half up), or null."""
    return None if value is None else Number(rounded_text(value))


def dumps(value: Any, indent: int = 2) -> str:
    """JSON text in which Decimals and :class:`Number` are written digit for digit.
    ``indent=0`` writes one line."""
    return _dump(value, indent, 0)


_KEY_TEXT: dict[str, str] = {}


def _key(key: object) -> str:
    """A mapping key as one-line JSON writes it, with its colon (remembered: a batch
    writes the same keys for every unit)."""
    name = str(key)
    text = _KEY_TEXT.get(name)
    if text is None:
        text = f"{_encode(name)}:"
        if len(_KEY_TEXT) < 4096:
            _KEY_TEXT[name] = text
    return text


def _dump(value: Any, indent: int, level: int) -> str:
    kind = type(value)
    if kind is Number:
        return str.__str__(value)
    if kind is str:
        return _encode(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is Decimal:
        return str(value)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        if indent:
            pad = "\n" + " " * (indent * (level + 1))
            end = "\n" + " " * (indent * level)
            items = [
                f"{pad}{_encode(str(k))}: {_dump(v, indent, level + 1)}" for k, v in value.items()
            ]
            return "{" + ",".join(items) + end + "}"
        return "{" + ",".join(f"{_key(k)}{_dump(v, 0, 0)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        if indent:
            pad = "\n" + " " * (indent * (level + 1))
            end = "\n" + " " * (indent * level)
            return "[" + ",".join(f"{pad}{_dump(v, indent, level + 1)}" for v in value) + end + "]"
        return "[" + ",".join(_dump(v, 0, 0) for v in value) + "]"
    if isinstance(value, str):
        return _encode(value)
    if isinstance(value, float):
        return json.dumps(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")  # pragma: no cover


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


def _compact_condition(predicate: str, cond: ConditionResult) -> Number:
    # The same object as _condition(), written straight to one-line JSON text: a
    # batch writes some twenty of these per unit.
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


def _condition(predicate: str, cond: ConditionResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "predicate": predicate,
        "id": cond.id,
        "description": cond.description,
        "required": number(cond.required) if cond.required_text is None else cond.required_text,
        "actual": number(cond.actual) if cond.actual_text is None else cond.actual_text,
        "margin": number(cond.margin),
        "met": cond.met,
    }
    if cond.actual is not None:
        out["actual_exact"] = exact_text(cond.actual)
    margin = cond.margin
    if margin is not None:
        # 2 places can hide a shortfall (-0.004 shows as 0.00); 'met' and this do not.
        out["margin_exact"] = exact_text(margin)
    out["source"] = cond.source
    out["confidence"] = cond.confidence
    return out


@PerPack
def _encoded_keys(index: CriteriaIndex) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The node ids, and each one's JSON-encoded key (a comma, then the key: the
    first comma is cut)."""
    nodes = tuple(index.nodes)
    return nodes, tuple(f",{_encode(node)}:" for node in nodes)


def _compact_scores(card: Any) -> Number:
    # The bulk of a batch line: every node's score, written straight to JSON text.
    nodes, keys = _encoded_keys(card.index)
    body = "".join(map(str.__add__, keys, card.scores.texts(nodes)))
    return Number(f'{{"{TOTAL}":{card.scores.text(TOTAL)}{body}}}')


_PREREQUISITE_TEXT: dict[tuple[object, ...], tuple[str, str]] = {}


def _compact_prerequisite(pre: PrerequisiteResult) -> Number:
    # As the non-compact form writes it; all but 'stated' and 'status' is the pack's.
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


def _compact_answers(card: Any) -> Number:
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


def assessment_payload(result: Assessment, *, compact: bool = False) -> dict[str, Any]:
    """The JSON object for one unit (also one line of ``jsonl``). ``compact`` writes
    the scores as ready JSON text, for one-line output."""
    card, verdict = result.card, result.verdict
    criteria = card.index.criteria
    unit = card.unit
    status: dict[str, Any] = {"state": criteria.status.state}
    if criteria.status.repealed_on:
        status["repealed_on"] = criteria.status.repealed_on
        status["successor"] = criteria.status.successor
    nxt = verdict.next
    payload: dict[str, Any] = {
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
        "scores": _compact_scores(card)
        if compact
        else {TOTAL: number(card.total)}
        | {node: Number(card.scores.text(node)) for node in card.index.nodes},
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
            "conditions": [
                (_compact_condition if compact else _condition)(r.id, c)
                for r in verdict.results
                for c in r.conditions
            ],
        },
        "prerequisites": [_compact_prerequisite(r) for r in verdict.prerequisites]
        if compact
        else [
            {
                "id": r.id,
                "description": r.description,
                "field": r.field,
                "required": r.required,
                "stated": r.stated,
                "status": r.status,
                "predicates": list(r.predicates),
                "source": r.source,
                "confidence": r.confidence,
            }
            for r in verdict.prerequisites
        ],
        "gates": [
            {
                "id": g.id,
                "name": g.name,
                "met": g.met,
                "conditions": [
                    (_compact_condition if compact else _condition)(g.id, c) for c in g.conditions
                ],
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
        "answers": _compact_answers(card)
        if compact
        else {
            qid: answer_to_text(card.answers[qid].value) if qid in card.answers else None
            for qid in card.values
        },
        "warnings": [{"code": w.code, "message": w.message, "node": w.node} for w in card.warnings],
    }
    if result.layer is not None:  # a review file's layer (see zicli.models.review)
        payload["layer"] = result.layer
        payload["from_unit"] = result.from_unit
    if result.evidence is not None:
        from .evidence.score import score_payload

        payload["evidence"] = score_payload(result.evidence)
    return payload


class JsonFormatter:
    """``--format json``."""

    def assessment(self, result: Assessment, options: RenderOptions) -> str:
        """One unit as a JSON object."""
        return dumps(assessment_payload(result)) + "\n"

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Invalid input as ``{"file": ..., "errors": [...]}``."""
        return (
            dumps({"schema": SCHEMA, "file": source, "errors": [p.as_dict() for p in problems]})
            + "\n"
        )

    def packs(self, packs: Sequence[CriteriaIndex], options: RenderOptions) -> str:
        """The shipped packs as a list."""
        return dumps({"packs": [_pack_summary(p) for p in packs]}) + "\n"

    def pack(self, index: CriteriaIndex, options: RenderOptions) -> str:
        """A whole pack, as the validated model (exact numbers)."""
        data = index.criteria.model_dump(mode="python", exclude_none=True)
        return dumps(_summary_head(index) | {"pack": data}) + "\n"


def _summary_head(index: CriteriaIndex) -> dict[str, Any]:
    return {"schema": "zi.criteria/1", "zi_version": __version__}


def _pack_summary(index: CriteriaIndex) -> dict[str, Any]:
    status = index.criteria.status
    return {
        "id": index.id,
        "title": index.criteria.title,
        "short_title": index.criteria.short_title,
        "version": index.criteria.version,
        "status": status.state,
        "repealed_on": status.repealed_on,
        "successor": status.successor,
        "questions": len(index.questions),
    }


FORMATTER = JsonFormatter()
