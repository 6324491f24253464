"""Review layers: the evaluators' answers over the unit's, and how the layers differ.

Pure. A :class:`Layer` is one set of answers: the unit's own (the bottom layer,
named ``unit``), or a review (``tpi``, ``tpn``, ...) that answers some questions
differently and takes the layer below's answer everywhere it is silent.
:func:`compare` puts the layers side by side: each node's score per layer, the
verdict per layer, every question where a layer differs from the one below with
its note, and the follow-up of the notes per person in charge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from zicli.models.answers import AnswerRecord
from zicli.models.review import UNIT_LAYER, FollowUp

from .assess import Assessment


@dataclass(frozen=True)
class ReviewEntry:
    """What a review says about one question: its own answer (None when it only
    comments), a note to the unit and the note's follow-up."""

    record: AnswerRecord | None
    note: str | None = None
    follow_up: FollowUp | None = None


@dataclass(frozen=True)
class Layer:
    """One layer's answers, and for each answer the layer it comes from."""

    name: str
    file: str
    answers: Mapping[str, AnswerRecord]
    origin: Mapping[str, str]
    """Question id -> the name of the layer whose answer stands."""
    entries: Mapping[str, ReviewEntry]
    """What this layer itself wrote (empty for the unit's layer)."""
    reviewer: str | None = None
    unit_file: str = ""
    """The unit's own answer file at the bottom of the chain."""
    unit_answers: Mapping[str, AnswerRecord] = field(default_factory=dict)
    """The unit's own answers: their ``evidence`` is the data dukung every layer
    judges (an evaluator's answer does not change what the unit submitted)."""

    @property
    def from_unit(self) -> int:
        """Answers taken from the unit's own file (no layer answered them)."""
        return sum(1 for name in self.origin.values() if name == UNIT_LAYER)


def unit_layer(file: str, answers: Mapping[str, AnswerRecord]) -> Layer:
    """The bottom layer: the unit's own answers."""
    own = dict(answers)
    return Layer(UNIT_LAYER, file, own, dict.fromkeys(own, UNIT_LAYER), {}, None, file, own)


def layer_over(
    below: Layer,
    name: str,
    file: str,
    entries: Mapping[str, ReviewEntry],
    reviewer: str | None = None,
) -> Layer:
    """A review's layer: its own answers over ``below``'s, ``below``'s where it is
    silent or only comments."""
    answers = dict(below.answers)
    origin = dict(below.origin)
    for qid, entry in entries.items():
        if entry.record is not None:
            answers[qid] = entry.record
            origin[qid] = name
    return Layer(
        name, file, answers, origin, dict(entries), reviewer, below.unit_file, below.unit_answers
    )


@dataclass(frozen=True)
class Difference:
    """A question a layer answers differently from the layer below, or comments on."""

    id: str
    layer: str
    below: str
    before: AnswerRecord | None
    after: AnswerRecord | None
    changed: bool
    """False for a note on an answer the layer keeps."""
    effect: Fraction
    """The change of the question's points (and so of the total), exactly."""
    note: str | None
    follow_up: FollowUp | None


@dataclass(frozen=True)
class FollowUpItem:
    """One note to follow up."""

    id: str
    layer: str
    note: str | None
    follow_up: FollowUp
    overdue: bool


@dataclass(frozen=True)
class PicProgress:
    """Follow-up progress of one person in charge."""

    pic: str
    open: int
    done: int
    overdue: int


@dataclass(frozen=True)
class ReviewReport:
    """The layers side by side."""

    layers: tuple[Layer, ...]
    results: tuple[Assessment, ...]
    differences: tuple[Difference, ...]
    follow_ups: tuple[FollowUpItem, ...]
    progress: tuple[PicProgress, ...]
    today: date


def _same(a: AnswerRecord | None, b: AnswerRecord | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.value == b.value


def compare(
    layers: tuple[Layer, ...], results: tuple[Assessment, ...], today: date
) -> ReviewReport:
    """Compare each layer with the one below (``results[i]`` scores ``layers[i]``);
    a follow-up is overdue when it is open and its due date is before ``today``."""
    differences: list[Difference] = []
    follow_ups: list[FollowUpItem] = []
    for i in range(1, len(layers)):
        lower, upper = layers[i - 1], layers[i]
        low_card, up_card = results[i - 1].card, results[i].card
        for q in up_card.index.questions:
            entry = upper.entries.get(q.id)
            if entry is None:
                continue
            before, after = lower.answers.get(q.id), upper.answers.get(q.id)
            changed = not _same(before, after)
            effect = up_card.scores[q.id] - low_card.scores[q.id]
            differences.append(
                Difference(
                    q.id,
                    upper.name,
                    lower.name,
                    before,
                    after,
                    changed,
                    effect,
                    entry.note,
                    entry.follow_up,
                )
            )
            if entry.follow_up is not None:
                due = entry.follow_up.due
                overdue = entry.follow_up.status == "open" and due is not None and due < today
                follow_ups.append(
                    FollowUpItem(q.id, upper.name, entry.note, entry.follow_up, overdue)
                )
    return ReviewReport(
        layers,
        results,
        tuple(differences),
        tuple(follow_ups),
        _progress(follow_ups),
        today,
    )


def _progress(items: list[FollowUpItem]) -> tuple[PicProgress, ...]:
    by_pic: dict[str, list[FollowUpItem]] = {}
    for item in items:
        by_pic.setdefault(item.follow_up.pic, []).append(item)
    return tuple(
        PicProgress(
            pic,
            sum(1 for i in group if i.follow_up.status == "open"),
            sum(1 for i in group if i.follow_up.status == "done"),
            sum(1 for i in group if i.overdue),
        )
        for pic, group in sorted(by_pic.items(), key=lambda kv: kv[0].casefold())
    )
