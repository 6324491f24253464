"""Check raw answers against a pack and type them, reporting every problem.

Pure: takes the plain values a reader returned and returns typed
:class:`~zicli.models.answers.AnswerRecord` values plus findings as
(field path, message, hint), which the loader locates in the file (through the
document's ``locate()``). It sits with the models it checks against: the
answers' types and the compiled pack (:mod:`.index`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from zicli.errors import MAX_PROBLEMS, FieldPath, describe, did_you_mean, shown
from zicli.models.answers import (
    RESERVED_UNIT_KEYS,
    Answer,
    AnswerRecord,
    CountsAnswer,
    Fact,
    NumberAnswer,
    OptionAnswer,
)
from zicli.models.criteria import Node

from .index import CriteriaIndex

Finding = tuple[FieldPath, str, str | None]

_LONG_KEYS = ("answer", "evidence", "note")
_BOOL_WORDS = {"yes", "no", "y", "n", "on", "off", "true", "false"}
# Numbers written as text; bounded like the YAML reader's numbers (20 digits).
_NUMBER_TEXT = re.compile(r"\s*[-+]?(\d{1,20}(\.\d{0,20})?|\.\d{1,20})\s*")
_COMMA_NUMBER = re.compile(r"\s*[-+]?\d+,\d+\s*")
_COUNT_HINT = "counts are whole numbers such as 0, 7 or 1500"
# 1.500 or 1,500 in a count is a thousands separator (Indonesian or English), not a fraction.
_SEPARATED_COUNT = re.compile(r"\s*\d{1,3}([.,]\d{3})+\s*")


@dataclass(frozen=True)
class Bound:
    """Answers typed against a pack, and what was wrong with the rest."""

    answers: dict[str, AnswerRecord]
    findings: list[Finding]


def _number_from(value: Any) -> Decimal | None:
    """An exact number from a YAML number or from text that is plainly one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return None
    return None


def _number_hint(value: Any) -> str | None:
    if isinstance(value, str) and _COMMA_NUMBER.fullmatch(value):
        return f"use a decimal point, not a comma: {value.strip().replace(',', '.')}"
    return None


def _count_hint(written: str) -> str:
    if _SEPARATED_COUNT.fullmatch(written):
        whole = re.sub(r"[.,\s]", "", written)
        return (
            f"write {shown(whole)} without a thousands separator if that is the count; "
            f"{_COUNT_HINT}"
        )
    return _COUNT_HINT


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


class _Binder:
    def __init__(self, index: CriteriaIndex) -> None:
        self.index = index
        self.findings: list[Finding] = []

    @property
    def question_ids(self) -> tuple[str, ...]:
        """The pack's question ids (for hints about unknown ones)."""
        return tuple(q.id for q in self.index.questions)

    def fail(self, path: FieldPath, message: str, hint: str | None = None) -> None:
        self.findings.append((path, message, hint))

    def bind(self, raw: Mapping[str, Any]) -> dict[str, AnswerRecord]:
        out: dict[str, AnswerRecord] = {}
        short_form = self.index.compiled.option_records
        for qid, value in raw.items():
            # The common case, an option key written short, needs no more checks.
            if type(value) is str and qid in short_form:
                record = short_form[qid].get(value.strip().casefold())
                if record is not None:
                    out[qid] = record
                    continue
            path: FieldPath = ("answers", qid)
            question = self.index.nodes.get(qid)
            if question is None or question.kind != "butir":
                self.unknown(qid, question, path)
                continue
            record = self.record(question, value, path)
            if record is not None:
                out[qid] = record
        return out

    def unknown(self, qid: str, node: Node | None, path: FieldPath) -> None:
        if node is not None:
            below = [n.id for n in node.walk() if n.kind == "butir"]
            listed = ", ".join(below[:4]) + (", ..." if len(below) > 4 else "")
            self.fail(
                path,
                f"'{qid}' is {_article(node.kind)} {node.kind}, not a question",
                f"answer its questions instead: {listed}",
            )
            return
        # Past the problems that will be shown, a suggestion only costs time.
        close = did_you_mean(qid, self.question_ids) if len(self.findings) < MAX_PROBLEMS else None
        hint = close or (
            f"ids of {self.index.criteria.short_title} look like {self.question_ids[0]}; "
            f"see 'zi criteria show {self.index.id}'"
        )
        self.fail(path, f"unknown question id '{shown(qid)}' in {self.index.id}", hint)

    def record(self, question: Node, value: Any, path: FieldPath) -> AnswerRecord | None:
        evidence: tuple[str, ...] = ()
        note: str | None = None
        if isinstance(value, dict) and "answer" in value:
            unknown = [k for k in value if k not in _LONG_KEYS]
            for key in unknown:
                self.fail(
                    (*path, key),
                    f"unknown key '{shown(key)}' in a long-form answer",
                    did_you_mean(key, _LONG_KEYS) or "allowed: answer, evidence, note",
                )
            evidence = self.evidence(value.get("evidence"), (*path, "evidence"))
            raw_note = value.get("note")
            if raw_note is not None and not isinstance(raw_note, str):
                self.fail((*path, "note"), f"expected text, got {describe(raw_note)}")
            else:
                note = raw_note
            value = value["answer"]
            path = (*path, "answer")
            if unknown:
                return None
        if value is None:
            return None
        answer = self.answer(question, value, path)
        return None if answer is None else AnswerRecord(answer, evidence, note)

    def evidence(self, raw: Any, path: FieldPath) -> tuple[str, ...]:
        if raw is None:
            return ()
        if isinstance(raw, str):
            return (raw,)
        if isinstance(raw, tuple | list) and all(isinstance(x, str) for x in raw):
            return tuple(raw)
        self.fail(
            path, "expected a list of file names or links", 'e.g. [sk/sk-tim.pdf, "https://..."]'
        )
        return ()

    def answer(self, question: Node, value: Any, path: FieldPath) -> Answer | None:
        atype = self.index.answer_type(question)
        if atype.kind == "ratio":
            return self.counts(question, value, path)
        if isinstance(value, dict):
            self.fail(
                path,
                f"expected an answer for {question.id}, got a mapping",
                "put extra details in the long form: {answer: B, evidence: [...], note: ...}",
            )
            return None
        if atype.kind == "scale":
            return self.scale(question, value, path)
        return self.option(question, value, path)

    def option(self, question: Node, value: Any, path: FieldPath) -> Answer | None:
        options = self.index.options[question.id]
        if isinstance(value, str):
            found = options.get(value.strip().casefold())
            if found is not None:
                return OptionAnswer(found[0])
        keys = [k for k, _ in options.values()]
        listed = "/".join(keys)
        if isinstance(value, str):
            hint: str | None
            if value.strip().casefold() in _BOOL_WORDS:
                hint = "write Ya or Tidak" if "Ya" in keys else f"write one of {listed}"
            else:
                hint = did_you_mean(value, keys) or f"choose one of {listed}"
            self.fail(path, f"'{shown(value)}' is not an option of {question.id} ({listed})", hint)
            return None
        hint = "write Ya or Tidak" if isinstance(value, bool) and "Ya" in keys else None
        self.fail(
            path,
            f"expected one of {listed} for {question.id}, got {describe(value)}",
            hint or f"write the option key, e.g. {keys[0]}",
        )
        return None

    def scale(self, question: Node, value: Any, path: FieldPath) -> Answer | None:
        atype = self.index.answer_type(question)
        top = atype.max
        assert top is not None
        number = _number_from(value)
        if number is None:
            self.fail(
                path,
                f"expected a number 0..{top} for {question.id}, got {describe(value)}",
                _number_hint(value) or f"write the survey index, e.g. {top - Decimal('0.4')}",
            )
            return None
        if not number.is_finite():
            self.fail(
                path,
                f"expected a number 0..{top} for {question.id}, got "
                f"{'NaN (not a number)' if number.is_nan() else str(number).lower()}",
                "write a finite number",
            )
            return None
        if not Decimal(0) <= number <= top:
            self.fail(
                path,
                f"{number} is outside 0..{top} for {question.id}",
                f"a survey index lies between 0 and {top}",
            )
            return None
        return NumberAnswer(number)

    def counts(self, question: Node, value: Any, path: FieldPath) -> Answer | None:
        ratio = self.index.ratios[question.id]
        fields = ratio.spec.fields()
        if not isinstance(value, dict):
            example = ", ".join(f"{f}: 0" for f in fields)
            self.fail(
                path,
                f"{question.id} is computed from counts; expected a mapping, got {describe(value)}",
                f"write {{{example}}}",
            )
            return None
        ok = True
        counts: dict[str, int] = {}
        for key, raw in value.items():
            if type(raw) is int and raw >= 0 and key in fields:
                counts[key] = raw  # the commonest case, and plainly right
                continue
            if key not in fields:
                self.fail(
                    (*path, key),
                    f"unknown count field '{shown(key)}' for {question.id}",
                    did_you_mean(key, fields) or "fields: " + ", ".join(fields),
                )
                ok = False
                continue
            number = _number_from(raw)
            written = raw if isinstance(raw, str) else str(raw)
            if number is None or not number.is_finite():
                self.fail(
                    (*path, key),
                    f"expected a whole number >= 0, got {describe(raw)}",
                    _count_hint(written) if isinstance(raw, str) else _COUNT_HINT,
                )
                ok = False
            elif number < 0 or number.as_tuple().exponent != 0:
                # A point is refused even in 7.0: 1.000 is how Indonesian writes 1000.
                self.fail(
                    (*path, key),
                    f"expected a whole number >= 0, got {shown(written.strip())}",
                    _count_hint(written),
                )
                ok = False
            else:
                counts[key] = int(number)
        missing = [f for f in fields if f not in value]
        if missing:
            self.fail(
                path,
                f"{question.id} is missing count field(s): {', '.join(missing)}",
                "every count is required and 0 is a valid count; leave the whole answer "
                "empty if it is not known yet",
            )
            ok = False
        if not ok:
            return None
        return CountsAnswer({f: counts[f] for f in fields})


def bind_answers(index: CriteriaIndex, raw: Mapping[str, Any] | None) -> Bound:
    """Type the answers of a file against ``index``; every problem is a finding."""
    binder = _Binder(index)
    answers = binder.bind(raw or {})
    return Bound(answers, binder.findings)


def bind_held(index: CriteriaIndex, held: str | None) -> tuple[str | None, Finding | None]:
    """Normalise ``unit.predicate_held`` to a predicate id of the pack."""
    if held is None:
        return None, None
    ids = [p.id for p in index.criteria.predicates]
    for pid in ids:
        if pid.casefold() == held.strip().casefold():
            return pid, None
    return None, (
        ("unit", "predicate_held"),
        f"unknown predicate '{shown(held)}'",
        "one of " + ", ".join(ids) + ", or leave it out",
    )


def bind_facts(
    index: CriteriaIndex, facts: Mapping[str, Any]
) -> tuple[dict[str, Fact], list[Finding]]:
    """Check the extra keys under ``unit:`` against the pack's ``unit_fields``."""
    fields = index.criteria.unit_fields
    out: dict[str, Fact] = {}
    findings: list[Finding] = []
    for key, value in facts.items():
        path: FieldPath = ("unit", key)
        spec = fields.get(key)
        if spec is None:
            known = [*RESERVED_UNIT_KEYS, *fields]
            hint = did_you_mean(key, known) or (f"{index.id} knows: " + ", ".join(known))
            findings.append((path, f"unknown key '{shown(key)}'", hint))
            continue
        if value is None:
            continue  # stated as unknown: reported as not stated
        if spec.kind == "scale":
            scale = {v.casefold(): v for v in spec.scale}
            found = scale.get(str(value).strip().casefold()) if isinstance(value, str) else None
            if found is None:
                findings.append(
                    (
                        path,
                        f"{describe(value)} is not a value of {key} ({'/'.join(spec.scale)})",
                        did_you_mean(str(value), spec.scale) or f"one of {', '.join(spec.scale)}",
                    )
                )
                continue
            out[key] = found
            continue
        number = _number_from(value)
        low, high = spec.min, spec.max
        if number is None or not number.is_finite():
            findings.append(
                (path, f"expected a number for {key}, got {describe(value)}", _number_hint(value))
            )
        elif (low is not None and number < low) or (high is not None and number > high):
            span = f"{low if low is not None else ''}..{high if high is not None else ''}"
            findings.append((path, f"{number} is outside {span} for {key}", spec.label))
        else:
            out[key] = number
    return out, findings
