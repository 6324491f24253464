"""Check raw answers against a pack and type them, reporting every problem.

Pure: takes the plain values a reader returned and returns typed
:class:`~zicli.models.answers.AnswerRecord` values plus findings as
(field path, message, hint), which the loader locates in the file (through the
document's ``locate()``). It sits with the models it checks against: the
answers' types and the compiled pack (:mod:`.index`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zicli.errors import MAX_PROBLEMS, FieldPath, describe, did_you_mean, shown
from zicli.i18n import N_, _
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
from .numbers import foreign_digit_hint, number_hint, read_number

Finding = tuple[FieldPath, str, str | None]

_LONG_KEYS = ("answer", "evidence", "note")
_BOOL_WORDS = {"yes", "no", "y", "n", "on", "off", "true", "false"}
_COUNT_HINT = N_("counts are whole numbers such as 0, 7 or 1500")
# 1.500 or 1,500 in a count is a thousands separator (Indonesian or English), not a fraction.
_SEPARATED_COUNT = r"(?a)\s*\d{1,3}([.,]\d{3})+\s*"  # for a hint: compiled when needed


@dataclass(frozen=True)
class Bound:
    """Answers typed against a pack, and what was wrong with the rest."""

    answers: dict[str, AnswerRecord]
    findings: list[Finding]
    more: int = 0
    """Findings past the first :data:`MAX_PROBLEMS`, counted but not built."""


def _count_hint(written: str) -> str:
    if foreign := foreign_digit_hint(written):
        return foreign
    if re.fullmatch(_SEPARATED_COUNT, written):
        whole = re.sub(r"[.,\s]", "", written)
        return _(
            "write {count} without a thousands separator if that is the count; "
            "counts are whole numbers such as 0, 7 or 1500"
        ).format(count=shown(whole))
    return _(_COUNT_HINT)


class _Binder:
    def __init__(self, index: CriteriaIndex) -> None:
        self.index = index
        self.findings: list[Finding] = []
        self.more = 0

    @functools.cached_property
    def question_ids(self) -> tuple[str, ...]:
        """The pack's question ids (for hints about unknown ones)."""
        return tuple(q.id for q in self.index.questions)

    @property
    def full(self) -> bool:
        """True once :data:`MAX_PROBLEMS` findings are built: answers come in file
        order, so no later finding can be shown; they are only counted."""
        return len(self.findings) >= MAX_PROBLEMS

    def fail(self, path: FieldPath, message: str, hint: str | None = None) -> None:
        if self.full:
            self.more += 1
            return
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
            said = (
                _("'{id}' is an {kind}, not a question")
                if node.kind[:1] in "aeiou"
                else _("'{id}' is a {kind}, not a question")
            )
            self.fail(
                path,
                said.format(id=qid, kind=node.kind),
                _("answer its questions instead: {questions}").format(questions=listed),
            )
            return
        if self.full:
            self.more += 1  # past the problems that will be shown: only counted
            return
        close = did_you_mean(qid, self.question_ids)
        hint = close or _("ids of {title} look like {example}; see '{command}'").format(
            title=self.index.criteria.short_title,
            example=self.question_ids[0],
            command=f"zi criteria show {self.index.id}",
        )
        said = _("unknown question id '{question}' in {pack}")
        self.fail(path, said.format(question=shown(qid), pack=self.index.id), hint)

    def record(self, question: Node, value: Any, path: FieldPath) -> AnswerRecord | None:
        evidence: tuple[str, ...] = ()
        note: str | None = None
        if isinstance(value, dict) and "answer" in value:
            unknown = [k for k in value if k not in _LONG_KEYS]
            for key in unknown:
                self.fail(
                    (*path, key),
                    _("unknown key '{key}' in a long-form answer").format(key=shown(key)),
                    did_you_mean(key, _LONG_KEYS) or _("allowed: answer, evidence, note"),
                )
            evidence = self.evidence(value.get("evidence"), (*path, "evidence"))
            raw_note = value.get("note")
            if raw_note is not None and not isinstance(raw_note, str):
                said = _("expected text, got {value}").format(value=describe(raw_note))
                self.fail((*path, "note"), said)
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
            path,
            _("expected a list of file names or links"),
            _("e.g. {example}").format(example='[sk/sk-tim.pdf, "https://..."]'),
        )
        return ()

    def answer(self, question: Node, value: Any, path: FieldPath) -> Answer | None:
        atype = self.index.answer_type(question)
        if atype.kind == "ratio":
            return self.counts(question, value, path)
        if isinstance(value, dict):
            self.fail(
                path,
                _("expected an answer for {question}, got a mapping").format(question=question.id),
                _("put extra details in the long form: {form}").format(
                    form="{answer: B, evidence: [...], note: ...}"
                ),
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
                hint = (
                    _("write Ya or Tidak")
                    if "Ya" in keys
                    else _("write one of {options}").format(options=listed)
                )
            else:
                hint = did_you_mean(value, keys) or _("choose one of {options}").format(
                    options=listed
                )
            said = _("'{value}' is not an option of {question} ({options})").format(
                value=shown(value), question=question.id, options=listed
            )
            self.fail(path, said, hint)
            return None
        hint = _("write Ya or Tidak") if isinstance(value, bool) and "Ya" in keys else None
        self.fail(
            path,
            _("expected one of {options} for {question}, got {value}").format(
                options=listed, question=question.id, value=describe(value)
            ),
            hint or _("write the option key, e.g. {key}").format(key=keys[0]),
        )
        return None

    def scale(self, question: Node, value: Any, path: FieldPath) -> Answer | None:
        atype = self.index.answer_type(question)
        top = atype.max
        assert top is not None
        number = read_number(value)
        if number is None:
            self.fail(
                path,
                _("expected a number 0..{top} for {question}, got {value}").format(
                    top=top, question=question.id, value=describe(value)
                ),
                number_hint(value, 0, top)
                or _("write the survey index, e.g. {example}").format(example=top - Decimal("0.4")),
            )
            return None
        if not number.is_finite():
            self.fail(
                path,
                _("expected a number 0..{top} for {question}, got {value}").format(
                    top=top,
                    question=question.id,
                    value=_("NaN (not a number)") if number.is_nan() else str(number).lower(),
                ),
                _("write a finite number"),
            )
            return None
        if not Decimal(0) <= number <= top:
            self.fail(
                path,
                _("{number} is outside 0..{top} for {question}").format(
                    number=number, top=top, question=question.id
                ),
                _("a survey index lies between 0 and {top}").format(top=top),
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
                _("{question} is computed from counts; expected a mapping, got {value}").format(
                    question=question.id, value=describe(value)
                ),
                _("write {fix}").format(fix=f"{{{example}}}"),
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
                    _("unknown count field '{field}' for {question}").format(
                        field=shown(key), question=question.id
                    ),
                    did_you_mean(key, fields)
                    or _("fields: {fields}").format(fields=", ".join(fields)),
                )
                ok = False
                continue
            number = read_number(raw)
            written = raw if isinstance(raw, str) else str(raw)
            if number is None or not number.is_finite():
                self.fail(
                    (*path, key),
                    _("expected a whole number >= 0, got {value}").format(value=describe(raw)),
                    _count_hint(written) if isinstance(raw, str) else _(_COUNT_HINT),
                )
                ok = False
            elif number < 0 or number.as_tuple().exponent != 0:
                # A point is refused even in 7.0: 1.000 is how Indonesian writes 1000.
                self.fail(
                    (*path, key),
                    _("expected a whole number >= 0, got {value}").format(
                        value=shown(written.strip())
                    ),
                    _count_hint(written),
                )
                ok = False
            else:
                counts[key] = int(number)
        missing = [f for f in fields if f not in value]
        if missing:
            self.fail(
                path,
                _("{question} is missing count field(s): {fields}").format(
                    question=question.id, fields=", ".join(missing)
                ),
                _(
                    "every count is required and 0 is a valid count; leave the whole answer "
                    "empty if it is not known yet"
                ),
            )
            ok = False
        if not ok:
            return None
        return CountsAnswer({f: counts[f] for f in fields})


def bind_answers(index: CriteriaIndex, raw: Mapping[str, Any] | None) -> Bound:
    """Type the answers of a file against ``index``; every problem is a finding."""
    binder = _Binder(index)
    answers = binder.bind(raw or {})
    return Bound(answers, binder.findings, binder.more)


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
        _("unknown predicate '{predicate}'").format(predicate=shown(held)),
        _("one of {predicates}, or leave it out").format(predicates=", ".join(ids)),
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
            hint = did_you_mean(key, known) or _("{pack} knows: {keys}").format(
                pack=index.id, keys=", ".join(known)
            )
            findings.append((path, _("unknown key '{key}'").format(key=shown(key)), hint))
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
                        _("{value} is not a value of {key} ({values})").format(
                            value=describe(value), key=key, values="/".join(spec.scale)
                        ),
                        did_you_mean(str(value), spec.scale)
                        or _("one of {values}").format(values=", ".join(spec.scale)),
                    )
                )
                continue
            out[key] = found
            continue
        number = read_number(value)
        low, high = spec.min, spec.max
        if number is None or not number.is_finite():
            findings.append(
                (
                    path,
                    _("expected a number for {key}, got {value}").format(
                        key=key, value=describe(value)
                    ),
                    number_hint(value, low, high)
                    or _("write a number such as {example}").format(example=high or low or 1),
                )
            )
        elif (low is not None and number < low) or (high is not None and number > high):
            span = f"{low if low is not None else ''}..{high if high is not None else ''}"
            said = _("{number} is outside {span} for {key}").format(
                number=number, span=span, key=key
            )
            findings.append((path, said, spec.label))
        else:
            out[key] = number
    return out, findings
