"""``--set ID=VALUE``: what-if answers given on the command line, the file unchanged.

``VALUE`` is written as :func:`~zicli.models.answers.answer_to_text` writes an answer
(and as ``zi plan`` proposes one):

* an option key: ``--set A.I.1.i.b=A`` (any case, as in a file);
* a survey index: ``--set B.I.a=3.70`` (the rule of :mod:`zicli.models.numbers`);
* count inputs of a computed question: ``--set A.II.1.i.a=jumlah_agen_perubahan=10,
  jumlah_perubahan_dibuat=10``. Only the first ``=`` separates the id, so the counts
  keep theirs. A partial set merges with the file's counts for that question
  (``--set A.II.1.i.a=jumlah_perubahan_dibuat=12`` keeps the file's
  ``jumlah_agen_perubahan``); several ``--set`` of one computed question merge in order.
  Without counts in the file, every field must be given.

Any other question takes one ``--set``: two for one answer (or for one count of a
computed question) are refused, naming both, as zi cannot tell which was meant.
Overrides are checked against the pack exactly as the file's answers are (the same
binder), and every problem is reported at once, each naming its ``--set``, as a usage
error (exit 2). An overridden answer keeps the file's evidence and note.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from zicli.engine.unit import BoundUnit
from zicli.errors import Location, Problem, UsageError
from zicli.i18n import N_, _
from zicli.models.answers import AnswerRecord, Period
from zicli.models.bind import bind_answers
from zicli.models.index import CriteriaIndex
from zicli.models.numbers import number_hint, read_number

if TYPE_CHECKING:
    from . import LoadedUnit

# 2026Q1, 2026 q1, 2026/Q1, 2026_S2: a period with the wrong separator
_PERIOD_LIKE = re.compile(r"(\d{4})\s*[-_/. ]?\s*([QqSs])\s*(\d)")
_EXAMPLE = N_("e.g. --set A.I.1.i.b=A or --set B.I.a=3.70")


@dataclass(frozen=True)
class Override:
    """One ``--set`` as written and split at its first ``=``."""

    text: str
    question: str
    value: str


def parse_override(text: str) -> Override:
    """Split ``ID=VALUE`` at the first ``=``; a usage error when either side is empty."""
    qid, sep, value = text.partition("=")
    if not sep or not qid.strip():
        raise UsageError(
            [
                Problem(
                    _("expected ID=VALUE"),
                    where=Location.of_option(f"--set {text}"),
                    hint=_(_EXAMPLE),
                )
            ]
        )
    if not value.strip():
        raise UsageError(
            [
                Problem(
                    _("no value for {question}").format(question=qid.strip()),
                    where=Location.of_option(f"--set {text}"),
                    hint=_(_EXAMPLE),
                )
            ]
        )
    return Override(text, qid.strip(), value.strip())


def check_overrides(texts: Sequence[str]) -> list[Override]:
    """Every ``--set`` of ``texts`` parsed, and none answering what another does: an
    answer set twice, or one count of a computed question set twice (told without
    the pack: a value with an ``=`` gives counts), is a usage error naming both."""
    parsed = [parse_override(text) for text in texts]
    problems: list[Problem] = []
    earlier: dict[str, list[tuple[Override, set[str] | None]]] = {}
    for item in parsed:
        # an answer, or the count fields it gives (a value with '=' gives counts)
        fields = (
            {part.partition("=")[0].strip() for part in item.value.split(",")}
            if "=" in item.value
            else None
        )
        same = earlier.setdefault(item.question, [])
        clash = next((o for o, f in same if f is None or fields is None or f & fields), None)
        if clash is not None:
            problems.append(
                Problem(
                    _("{question} is set twice").format(question=item.question),
                    where=Location.of_option(f"--set {clash.text} --set {item.text}"),
                    hint=_("give one --set for each answer"),
                )
            )
        same.append((item, fields))
    if problems:
        raise UsageError(problems)
    return parsed


def number_option(value: str, option: str, example: str, *, negative: bool = True) -> Decimal:
    """A number given as a command-line option (``--fail-under 75.5``), read by the one
    rule answer files follow (:mod:`zicli.models.numbers`), with the same hints; below
    0 only where ``negative`` allows it (a share of blank answers cannot be)."""
    number = read_number(value)
    if number is None or not number.is_finite():
        raise UsageError(
            [
                Problem(
                    _("expected a number, got '{value}'").format(value=value),
                    where=Location.of_option(f"{option} {value}"),
                    hint=number_hint(value)
                    or _("e.g. {example}").format(example=f"{option} {example}"),
                )
            ]
        )
    if not negative and number < 0:
        raise UsageError(
            [
                Problem(
                    _("expected 0 or more, got '{value}'").format(value=value),
                    where=Location.of_option(f"{option} {value}"),
                    hint=_("e.g. {example}").format(example=f"{option} {example}"),
                )
            ]
        )
    return number


def check_init_options(*, name: str, period: str) -> None:
    """``zi init``'s unit options, checked as strictly as the file they go into would be
    (so init never writes a file that ``zi validate`` then refuses)."""
    problems: list[Problem] = []
    if not name.strip():
        problems.append(
            Problem(
                _("the unit name is empty"),
                where=Location.of_option(f"--name {name!r}"),
                hint=_("e.g. {example}").format(example='--name "KUA Kecamatan Selebar"'),
            )
        )
    if Period.parse(period) is None:
        guess = _PERIOD_LIKE.fullmatch(period.strip())
        fixed = f"{guess[1]}-{guess[2].upper()}{guess[3]}" if guess else None
        good = fixed is not None and Period.parse(fixed) is not None
        problems.append(
            Problem(
                _("expected a period YYYY, YYYY-Qn or YYYY-Sn, got '{period}'").format(
                    period=period
                ),
                where=Location.of_option(f"--period {period}"),
                hint=_("write {fix}").format(fix=f"--period {fixed}")
                if good
                else _("e.g. --period 2026 (a year), 2026-Q1 (a quarter) or 2026-S1 (a semester)"),
            )
        )
    if problems:
        raise UsageError(problems)


def _file_counts(raw: Any) -> dict[str, Any]:
    """The counts a file gives for a computed question (short or long form), if any."""
    if isinstance(raw, dict) and "answer" in raw:
        raw = raw["answer"]
    return dict(raw) if isinstance(raw, dict) else {}


def _pairs(override: Override, fields: tuple[str, ...]) -> dict[str, str] | Problem:
    out: dict[str, str] = {}
    example = ",".join(f"{f}=0" for f in fields)
    for part in override.value.split(","):
        name, sep, count = part.partition("=")
        if not sep or not name.strip():
            return Problem(
                _("{question} is computed from counts; write field=count pairs").format(
                    question=override.question
                ),
                where=Location.of_option(f"--set {override.text}"),
                hint=_("e.g. {example}").format(example=f"--set {override.question}={example}"),
            )
        out[name.strip()] = count.strip()
    return out


def override_answers(
    index: CriteriaIndex,
    answers: Mapping[str, AnswerRecord],
    raw_answers: Mapping[str, Any] | None,
    texts: Sequence[str],
) -> dict[str, AnswerRecord]:
    """``answers`` with every ``--set`` of ``texts`` applied (see the module docstring);
    ``raw_answers`` is the file's ``answers`` mapping, for partial counts."""
    problems: list[Problem] = []
    raw: dict[str, Any] = {}
    written: dict[str, list[str]] = {}
    for override in check_overrides(texts):
        qid = override.question
        ratio = index.ratios.get(qid)
        if ratio is None:
            raw[qid] = override.value
            written[qid] = [override.text]
            continue
        pairs = _pairs(override, ratio.spec.fields())
        if isinstance(pairs, Problem):
            problems.append(pairs)
            continue
        base = raw[qid] if qid in raw else _file_counts((raw_answers or {}).get(qid))
        raw[qid] = {**base, **pairs}
        written.setdefault(qid, []).append(override.text)
    bound = bind_answers(index, raw)
    for path, message, hint in bound.findings:
        qid = str(path[1]) if len(path) > 1 else ""
        where = " --set ".join(written.get(qid, ["?"]))
        problems.append(Problem(message, hint=hint, where=Location.of_option(f"--set {where}")))
    if problems:
        raise UsageError(problems)
    out = dict(answers)
    for qid, record in bound.answers.items():
        old = answers.get(qid)
        out[qid] = (
            dataclasses.replace(record, evidence=old.evidence, note=old.note) if old else record
        )
    return out


def override(
    bound: BoundUnit, texts: Sequence[str], raw_answers: Mapping[str, Any] | None = None
) -> BoundUnit:
    """The bound unit with its answers overridden by ``texts`` (``--set`` values);
    ``raw_answers`` is what the file wrote under ``answers``, for partial counts."""
    return bound.with_answers(override_answers(bound.index, bound.answers, raw_answers, texts))


def apply_overrides(loaded: LoadedUnit, texts: Sequence[str]) -> LoadedUnit:
    """The loaded unit with its bound answers overridden by ``texts``."""
    bound = override(loaded.bound, texts, loaded.data.answers)
    return dataclasses.replace(loaded, bound=bound)
