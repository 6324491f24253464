"""What moved between two assessments of a unit, where, and why; and a unit's trend.

Pure, like the rest of the engine: it takes :class:`~zicli.engine.assess.Assessment`
values and returns immutable results; it reads nothing and prints nothing.

Two assessments scored by the same pack are compared node by node and answer by
answer. Each changed answer gets an *effect* on the total, defined so that the
effects add up exactly to the change of the total (see :func:`answer_changes`).

Two packs that score alike (the same tree of ids, weights, answer types and
computed parts: a pack and an overlay that changes only words, like
kemenag-90-2021 over permenpanrb-90-2021) are compared the same way, the
difference of packs being said beside it.

Two assessments scored by other different packs (another regulation, another
version of it, or an edited pack) cannot be compared question by question: their
trees, ids or weights differ. Only the figures both packs share are compared: the
total, the top-level components (by id), the six areas (by normalised name, see
:func:`normalise_name`) and the hasil parts (by position within their
component). Anything without a counterpart is listed as not comparable; no
mapping between questions is ever invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from zicli.i18n import _
from zicli.models.answers import Answer, AnswerRecord, CountsAnswer, NumberAnswer
from zicli.models.criteria import TOTAL, Node

from .assess import Assessment
from .index import CriteriaIndex
from .score import Scorecard, score
from .unit import BoundUnit
from .verdict import ConditionResult, Verdict

Cause = Literal["answer", "added", "removed", "counts", "survey"]
"""Why a question's value moved: another option chosen, a blank answered, an answer
emptied, count inputs changed, a survey index changed."""

CriteriaChange = Literal["pack", "version", "content"]
"""How the criteria of two assessments differ: another pack id, another version of
the same pack, or the same id and version with different content."""

FigureKind = Literal["total", "component", "area", "hasil"]

AREA_GROUP = "area"
"""A pack whose areas are scored across aspects (90/2021: pemenuhan + reform) names
them in a group with this id; other packs' areas are their ``area`` nodes."""

_FILLER_WORDS = frozenset({"aparatur"})
"""Words that one regulation adds to an area's name and another leaves out
(10/2019 'Penataan Sistem Manajemen SDM', 90/2021 '... SDM APARATUR')."""


@dataclass(frozen=True)
class Change:
    """A score before and after; either side may be missing."""

    old: Fraction | None
    new: Fraction | None

    @property
    def delta(self) -> Fraction | None:
        """new - old, or None when a side is missing."""
        if self.old is None or self.new is None:
            return None
        return self.new - self.old


@dataclass(frozen=True)
class AnswerChange:
    """One question answered differently, and what that did to the total."""

    id: str
    where: str
    """The area or hasil part holding the question (a node id)."""
    old: Answer | None
    new: Answer | None
    cause: Cause
    effect: Fraction
    """Exact change of the total attributed to this answer (see :func:`answer_changes`)."""


@dataclass(frozen=True)
class ConditionChange:
    """A predicate condition that holds now and did not before, or the reverse."""

    predicate: str
    predicate_name: str
    old: ConditionResult
    new: ConditionResult

    @property
    def newly_met(self) -> bool:
        """True when the condition holds now (it failed before)."""
        return self.new.met


@dataclass(frozen=True)
class Figure:
    """A score that two packs can share: the total, a component, an area, a hasil part."""

    key: str
    """Stable across packs: ``total``, a component id, ``area:<normalised name>``,
    ``hasil:<component id>:<position>``."""
    kind: FigureKind
    label: str
    score: Fraction
    weight: Fraction


@dataclass(frozen=True)
class Compared:
    """One shared figure before and after."""

    key: str
    kind: FigureKind
    label: str
    """The new side's name (the old side's when only it has one)."""
    old_label: str
    score: Change
    weight: Change


@dataclass(frozen=True)
class UnitDiff:
    """Everything that differs between an older and a newer assessment of a unit."""

    old: Assessment
    new: Assessment
    criteria_change: CriteriaChange | None
    """None when both were scored by the same pack."""
    total: Change
    compared: tuple[Compared, ...]
    """Total, components, areas and hasil parts that both sides have."""
    not_comparable: tuple[str, ...]
    """Labels of figures found on one side only, prefixed with the side (``lama:``/
    ``baru:``, in the language in use)."""
    nodes: Mapping[str, Change]
    """Every node id of the pack (question level only; empty otherwise)."""
    groups: Mapping[str, Mapping[str, Change]]
    """Group id -> member id -> change (question level only; groups both packs have)."""
    conditions: tuple[ConditionChange, ...]
    """Conditions newly met or newly failed, in pack order (question level only)."""
    changes: tuple[AnswerChange, ...]
    """Changed answers, largest |effect| first, then pack order (question level only)."""
    question_level: bool = False
    """Whether the two sides compare question by question: the same pack, or two
    packs that score alike (see :func:`scores_alike`)."""

    @property
    def same_criteria(self) -> bool:
        """True when both sides were scored by the same pack."""
        return self.criteria_change is None

    @property
    def predicate_old(self) -> str | None:
        """The predicate reached before (None: Belum)."""
        return self.old.verdict.predicate

    @property
    def predicate_new(self) -> str | None:
        """The predicate reached now (None: Belum)."""
        return self.new.verdict.predicate

    @property
    def predicate_step(self) -> int:
        """How many predicate levels were gained (negative: lost)."""
        return predicate_rank(self.new.verdict) - predicate_rank(self.old.verdict)

    @property
    def regression(self) -> bool:
        """True when the total or the predicate went down (exactly, not as displayed)."""
        delta = self.total.delta
        return (delta is not None and delta < 0) or self.predicate_step < 0

    @property
    def newly_met(self) -> tuple[ConditionChange, ...]:
        """Conditions that hold now and did not before."""
        return tuple(c for c in self.conditions if c.newly_met)

    @property
    def newly_failed(self) -> tuple[ConditionChange, ...]:
        """Conditions that held before and do not now."""
        return tuple(c for c in self.conditions if not c.newly_met)


@dataclass(frozen=True)
class FolderDiff:
    """Two sets of units matched by name: pairs compared, and units on one side only."""

    pairs: tuple[UnitDiff, ...]
    removed: tuple[Assessment, ...]
    """Only in the old set."""
    added: tuple[Assessment, ...]
    """Only in the new set."""

    @property
    def regression(self) -> bool:
        """True when any matched unit went down."""
        return any(p.regression for p in self.pairs)


@dataclass(frozen=True)
class TrendRow:
    """One figure across the periods; None where a period's pack lacks it."""

    key: str
    kind: FigureKind
    label: str
    values: tuple[Fraction | None, ...]


@dataclass(frozen=True)
class Trend:
    """Several assessments of a unit in period order, with their shared figures."""

    points: tuple[Assessment, ...]
    rows: tuple[TrendRow, ...]

    @property
    def periods(self) -> tuple[str, ...]:
        """The period of each point, in order."""
        return tuple(p.card.unit.period for p in self.points)

    @property
    def units(self) -> tuple[str, ...]:
        """The distinct unit names, in order of first appearance."""
        seen: dict[str, str] = {}
        for p in self.points:
            seen.setdefault(unit_key(p.card.unit.name), p.card.unit.name)
        return tuple(seen.values())

    @property
    def repeated_periods(self) -> tuple[str, ...]:
        """Periods given more than once in one layer (each listed once): a unit's
        file and a review of it are two layers of one period, not a repeat."""
        seen = [(p.card.unit.period, p.layer) for p in self.points]
        return tuple(sorted({s[0] for s in seen if seen.count(s) > 1}))


def predicate_rank(verdict: Verdict) -> int:
    """0 for Belum, 1 for the pack's lowest predicate, 2 for the next, ..."""
    ids = [r.id for r in verdict.results]
    return ids.index(verdict.predicate) + 1 if verdict.predicate else 0


def normalise_name(name: str) -> str:
    """An area name in a form two regulations agree on: case folded, text in
    parentheses dropped, punctuation to spaces, filler words dropped.

    ``Penguatan Akuntabilitas (Kinerja)`` and ``PENGUATAN AKUNTABILITAS`` agree;
    ``Penataan Sistem Manajemen SDM`` and ``PENATAAN SISTEM MANAJEMEN SDM
    APARATUR`` agree. Nothing fuzzier: names that still differ are not matched.
    """
    text = re.sub(r"\([^)]*\)", " ", name.casefold())
    words = re.findall(r"\w+", text)
    return " ".join(w for w in words if w not in _FILLER_WORDS)


def unit_key(name: str) -> str:
    """A unit name for matching: trimmed, inner spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


def criteria_change(old: CriteriaIndex, new: CriteriaIndex) -> CriteriaChange | None:
    """How two packs differ, or None when they are the same pack."""
    if old.id != new.id:
        return "pack"
    if old.criteria.version != new.criteria.version:
        return "version"
    if old.criteria != new.criteria:
        return "content"
    return None


def figures(card: Scorecard) -> list[Figure]:
    """The figures of a scorecard that another pack may share, in pack order."""
    index = card.index
    out = [Figure(TOTAL, "total", "Nilai total", card.total, index.weights[TOTAL])]
    for top in index.criteria.nodes:
        label = f"{top.id} {top.label}"
        out.append(Figure(top.id, "component", label, card.scores[top.id], _w(index, top.id)))
    group = next((g for g in index.criteria.groups if g.id == AREA_GROUP), None)
    areas: list[tuple[str, Fraction, Fraction]] = []
    if group is not None:
        for member in group.members:
            weight = sum((_w(index, n) for n in member.nodes), Fraction(0))
            areas.append((member.name, card.groups[group.id][member.id], weight))
    else:
        areas = [
            (n.label, card.scores[n.id], _w(index, n.id))
            for n in index.criteria.walk()
            if n.kind == "area"
        ]
    seen: set[str] = set()
    for label, value, weight in areas:
        key = "area:" + normalise_name(label)
        while key in seen:  # two areas of one pack with one name: never matched silently
            key += "'"
        seen.add(key)
        out.append(Figure(key, "area", label, value, weight))
    for top in index.criteria.nodes:
        parts = [c for c in top.children if c.kind == "subkomponen"]
        for position, part in enumerate(parts, 1):
            out.append(
                Figure(
                    f"hasil:{top.id}:{position}",
                    "hasil",
                    f"{part.id} {part.label}",
                    card.scores[part.id],
                    _w(index, part.id),
                )
            )
    return out


def _w(index: CriteriaIndex, node_id: str) -> Fraction:
    return index.weights.get(node_id, Fraction(0))


def _compare(old: list[Figure], new: list[Figure]) -> tuple[tuple[Compared, ...], tuple[str, ...]]:
    old_by_key = {f.key: f for f in old}
    new_keys = {f.key for f in new}
    compared = tuple(
        Compared(
            f.key,
            f.kind,
            f.label,
            old_by_key[f.key].label,
            Change(old_by_key[f.key].score, f.score),
            Change(old_by_key[f.key].weight, f.weight),
        )
        for f in new
        if f.key in old_by_key
    )
    missing = tuple(
        _("old: {label}").format(label=f.label) for f in old if f.key not in new_keys
    ) + tuple(_("new: {label}").format(label=f.label) for f in new if f.key not in old_by_key)
    return compared, missing


def _cause(old: Answer | None, new: Answer | None) -> Cause:
    if old is None:
        return "added"
    if new is None:
        return "removed"
    if isinstance(new, CountsAnswer):
        return "counts"
    if isinstance(new, NumberAnswer):
        return "survey"
    return "answer"


def _where(index: CriteriaIndex, node_id: str) -> str:
    path = index.area_path(node_id)
    holders = [n for n in path if index.nodes[n].kind in ("area", "subkomponen")]
    return holders[-1] if holders else path[0]


def answer_changes(old: Scorecard, new: Scorecard) -> tuple[AnswerChange, ...]:
    """The answers that differ between two scorecards of one pack, each with its
    effect on the total; largest |effect| first, ties in pack order.

    Effect, exactly: take the changed questions in pack order and replace the old
    answers by the new ones one question at a time, rescoring the whole card after
    each step; a question's effect is the total after its step minus the total
    before. The sum telescopes, so the effects add up to ``new.total - old.total``
    exactly (Fractions, no rounding).

    With ``blank="zero"`` every score is linear in each question's own value (a
    mean over a fixed n, a weighted sum, sums above), so a step's effect does not
    depend on the order and equals ``(new value - old value) x weight / n`` (or
    ``x`` the question's own weight). With ``blank="skip"`` a blank leaves the
    mean's denominator, so answering it shifts its neighbours' shares and no
    order-free split exists; pack order then makes the split reproducible.
    Evidence and notes do not count as changes.
    """
    if not scores_alike(old.index, new.index):
        raise ValueError("answers of packs that score differently cannot be compared")
    if old.blank != new.blank:
        raise ValueError("both scorecards must use the same blank policy")
    index = new.index
    changed: list[tuple[int, str]] = []
    for position, question in enumerate(index.questions):
        before, after = old.answers.get(question.id), new.answers.get(question.id)
        if _value(before) != _value(after):
            changed.append((position, question.id))
    current: dict[str, AnswerRecord] = dict(old.answers)
    running = old.total
    out: list[tuple[int, AnswerChange]] = []
    for position, qid in changed:
        before, after = old.answers.get(qid), new.answers.get(qid)
        if after is None:
            del current[qid]
        else:
            current[qid] = after
        total = score(
            BoundUnit(index, new.unit, current, held=new.held, facts=new.facts), new.blank
        ).total
        out.append(
            (
                position,
                AnswerChange(
                    id=qid,
                    where=_where(index, qid),
                    old=_value(before),
                    new=_value(after),
                    cause=_cause(_value(before), _value(after)),
                    effect=total - running,
                ),
            )
        )
        running = total
    assert running == new.total, "the effects must add up to the change of the total"
    out.sort(key=lambda item: (-abs(item[1].effect), item[0]))
    return tuple(change for _, change in out)


def _value(record: AnswerRecord | None) -> Answer | None:
    return None if record is None else record.value


def condition_changes(old: Verdict, new: Verdict) -> tuple[ConditionChange, ...]:
    """Conditions whose outcome flipped, in pack order (same pack on both sides)."""
    before = {(r.id, c.id): c for r in old.results for c in r.conditions}
    out: list[ConditionChange] = []
    for result in new.results:
        for cond in result.conditions:
            was = before.get((result.id, cond.id))
            if was is not None and was.met != cond.met:
                out.append(ConditionChange(result.id, result.name, was, cond))
    return tuple(out)


def _scoring_shape(node: Node) -> tuple[object, ...]:
    """What of a node a score depends on (not its words)."""
    return (
        node.id,
        node.kind,
        node.weight,
        node.type,
        node.computed,
        tuple(_scoring_shape(c) for c in node.children),
    )


def scores_alike(old: CriteriaIndex, new: CriteriaIndex) -> bool:
    """Whether two packs score every answer file alike: the same tree of ids,
    kinds, weights, answer types and computed parts (names, texts and guidance may
    differ), so their answers compare question by question."""
    if old is new or old.criteria == new.criteria:
        return True
    return old.criteria.answer_types == new.criteria.answer_types and tuple(
        map(_scoring_shape, old.criteria.nodes)
    ) == tuple(map(_scoring_shape, new.criteria.nodes))


def diff(old: Assessment, new: Assessment) -> UnitDiff:
    """Compare an older and a newer assessment of a unit.

    Both must use the same blank policy when they share a pack (the CLI scores
    both sides with one ``--blank``).
    """
    change = criteria_change(old.card.index, new.card.index)
    compared, missing = _compare(figures(old.card), figures(new.card))
    total = Change(old.card.total, new.card.total)
    if change is not None and not scores_alike(old.card.index, new.card.index):
        return UnitDiff(old, new, change, total, compared, missing, {}, {}, (), ())
    a, b = old.card, new.card
    nodes = {nid: Change(a.scores[nid], b.scores[nid]) for nid in b.scores if nid != TOTAL}
    groups = {
        gid: {
            mid: Change(a.groups[gid][mid], value)
            for mid, value in members.items()
            if mid in a.groups[gid]
        }
        for gid, members in b.groups.items()
        if gid in a.groups
    }
    return UnitDiff(
        old,
        new,
        change,
        total,
        compared,
        missing,
        nodes,
        groups,
        condition_changes(old.verdict, new.verdict),
        answer_changes(a, b),
        question_level=True,
    )


def _file_name(source: str) -> str:
    # 'q1/x.yaml', 'v2026-Q1:units/x.yaml' and 'C:\\q1\\x.yaml' all end in 'x.yaml'
    return re.split(r"[/\\:]", source)[-1].casefold()


def match_units(
    old: Sequence[Assessment], new: Sequence[Assessment]
) -> tuple[list[tuple[Assessment, Assessment]], list[Assessment], list[Assessment]]:
    """Pair units of two sets: by unit name (trimmed, case folded) where the name is
    unique on both sides, then the rest by file name. Returns (pairs in the new
    set's order, only old, only new)."""
    pairs: dict[int, int] = {}  # new position -> old position
    _pair_by(old, new, pairs, lambda a: unit_key(a.card.unit.name))
    _pair_by(old, new, pairs, lambda a: _file_name(a.source))
    used_old = set(pairs.values())
    return (
        [(old[pairs[j]], new[j]) for j in range(len(new)) if j in pairs],
        [a for i, a in enumerate(old) if i not in used_old],
        [a for j, a in enumerate(new) if j not in pairs],
    )


def _pair_by(
    old: Sequence[Assessment],
    new: Sequence[Assessment],
    pairs: dict[int, int],
    key: Callable[[Assessment], str],
) -> None:
    used = set(pairs.values())
    old_keys = _unique((key(a), i) for i, a in enumerate(old) if i not in used)
    new_keys = _unique((key(a), j) for j, a in enumerate(new) if j not in pairs)
    for k, j in new_keys.items():
        if k and k in old_keys:
            pairs[j] = old_keys[k]


def _unique(items: Iterable[tuple[str, int]]) -> dict[str, int]:
    found: dict[str, list[int]] = {}
    for k, i in items:
        found.setdefault(k, []).append(i)
    return {k: v[0] for k, v in found.items() if len(v) == 1}


def folder_diff(old: Sequence[Assessment], new: Sequence[Assessment]) -> FolderDiff:
    """Compare two sets of units (two folders, or a folder and its git revision)."""
    pairs, removed, added = match_units(old, new)
    return FolderDiff(tuple(diff(a, b) for a, b in pairs), tuple(removed), tuple(added))


def trend(assessments: Sequence[Assessment]) -> Trend:
    """Assessments ordered by period (not by the order given; ties keep that order),
    with one row per shared figure. Rows follow the latest pack's order; figures
    only older packs have come after, blank where absent."""
    points = tuple(sorted(assessments, key=lambda a: a.card.unit.period_value))
    per_point = [{f.key: f for f in figures(p.card)} for p in points]
    order: dict[str, Figure] = {}
    for found in reversed(per_point):
        for key, fig in found.items():
            order.setdefault(key, fig)
    rows = tuple(
        TrendRow(
            key,
            fig.kind,
            fig.label,
            tuple(found[key].score if key in found else None for found in per_point),
        )
        for key, fig in order.items()
    )
    return Trend(points, rows)
