"""Data dukung: what each answer rests on, as an evaluator will look at it.

Pure: the loader checks every ``evidence:`` entry on disk (or its form, for a
link) and hands the findings here as :class:`EvidenceEntry` values; this module
gives each question its status and counts them per area.

* ``lengkap``: every entry is there (a non-empty file, a folder with files, a
  well-formed link, a link that answered when ``--check-links`` asked);
* ``hilang``: an entry is not there (no such path, an empty file or folder, a
  link that did not answer);
* ``tanpa_bukti``: the answer names no evidence at all;
* ``belum_dijawab``: the question is blank (nothing to prove).

An answer above the question's lowest value without complete evidence is *at
risk*: an evaluator who finds no data dukung gives the lowest option.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, NamedTuple

from zicli.i18n import ngettext
from zicli.models.answers import AnswerRecord, OptionAnswer

from .index import CriteriaIndex, PerPack
from .score import question_value

EntryKind = Literal["file", "folder", "url"]
EntryState = Literal["ada", "hilang", "kosong", "tautan", "tautan_rusak"]
"""ada: a file or folder with files; hilang: no such path; kosong: an empty file,
or a folder without a non-empty file; tautan: a well-formed link (not visited);
tautan_rusak: a link that did not answer a HEAD request."""
Status = Literal["lengkap", "hilang", "tanpa_bukti", "belum_dijawab"]
STATUSES: tuple[Status, ...] = ("lengkap", "hilang", "tanpa_bukti", "belum_dijawab")
_OK_STATES = ("ada", "tautan")


class EvidenceFile(NamedTuple):
    """One local file found for an entry (a folder lists all of its files)."""

    path: str
    """Relative to the evidence root, with '/' separators."""
    size: int
    mtime_ns: int


LINK_TIMEOUT = "timeout"
"""A link's server did not answer in time (``--timeout``)."""
LINK_UNREACHABLE = "unreachable"
"""A link's server could not be reached; the detail is ``unreachable (reason)``."""
LINK_MALFORMED = "malformed"
"""A link that is no URL a request can be made to (a port out of range, no host)."""


class EvidenceEntry(NamedTuple):
    """One ``evidence:`` entry as the loader found it."""

    text: str
    """As written in the answer file."""
    kind: EntryKind
    state: EntryState
    files: tuple[EvidenceFile, ...] = ()
    detail: str | None = None
    """Why a link is broken, as the evidence JSON writes it: ``HTTP 404``,
    :data:`LINK_TIMEOUT`, :data:`LINK_MALFORMED` or ``unreachable (reason)``
    (:data:`LINK_UNREACHABLE`); views word it in the language in use."""

    @property
    def ok(self) -> bool:
        """Whether the entry counts as evidence that is there."""
        return self.state in _OK_STATES


class QuestionEvidence(NamedTuple):
    """One question's evidence status (a named tuple: a report makes one per
    question of every unit of a batch, and tuples are the cheapest to make)."""

    id: str
    status: Status
    entries: tuple[EvidenceEntry, ...]
    at_risk: bool
    """Answered above the lowest value without complete evidence."""
    hints: tuple[str, ...]
    """The pack's data dukung hints for the question (its own, else its sub-area's)."""
    area: str
    """The id of the area (or hasil part) the question counts in."""


class AreaEvidence(NamedTuple):
    """Status counts of one area's questions."""

    id: str
    name: str
    counts: Mapping[Status, int]
    at_risk: int


@dataclass(frozen=True)
class EvidenceReport:
    """Every question's status, the counts per area and overall."""

    questions: tuple[QuestionEvidence, ...]
    areas: tuple[AreaEvidence, ...]
    counts: Mapping[Status, int]

    @property
    def at_risk(self) -> int:
        """Answers above the lowest value without complete evidence."""
        return sum(1 for q in self.questions if q.at_risk)

    @property
    def without_evidence(self) -> int:
        """Answered questions whose evidence is missing or not given."""
        return self.counts["tanpa_bukti"] + self.counts["hilang"]

    def by_id(self) -> dict[str, QuestionEvidence]:
        """Question id -> its evidence."""
        return {q.id: q for q in self.questions}


def question_status(record: AnswerRecord | None, entries: tuple[EvidenceEntry, ...]) -> Status:
    """The status of one question from its answer and its checked entries."""
    if record is None:
        return "belum_dijawab"
    if not entries:
        return "tanpa_bukti"
    return "lengkap" if all(e.ok for e in entries) else "hilang"


def lowest_value(index: CriteriaIndex, qid: str) -> Fraction:
    """The lowest value a question can take (its lowest option; 0 for a survey
    index or a computed ratio)."""
    options = index.options.get(qid)
    if options:
        return min(value for _, value in options.values())
    return Fraction(0)


def area_of(index: CriteriaIndex, qid: str) -> str:
    """The area (or hasil part) a question counts in: the nearest node above it of
    kind area or subkomponen, else its top-level component."""
    path = index.area_path(qid)
    for node_id in reversed(path[:-1]):
        if index.nodes[node_id].kind in ("area", "subkomponen"):
            return node_id
    return path[0]


def hints_of(index: CriteriaIndex, qid: str) -> tuple[str, ...]:
    """The pack's data dukung hints for a question: its own, else the nearest
    node above it that has some."""
    for node_id in reversed(index.area_path(qid)):
        hints = index.nodes[node_id].evidence
        if hints:
            return hints
    return ()


_PackFacts = tuple[
    tuple[tuple[str, str, tuple[str, ...], Fraction, frozenset[str] | None], ...],
    dict[str, str],
]
"""Per question of a pack, in pack order: id, area, hints, lowest value, and the
casefolded option keys worth the lowest value (None for other answer types); and
each area's name."""


@PerPack
def _pack_facts(index: CriteriaIndex) -> _PackFacts:
    rows = []
    for q in index.questions:
        lowest = lowest_value(index, q.id)
        options = index.options.get(q.id)
        keys = frozenset(k for k, (_, v) in options.items() if v == lowest) if options else None
        rows.append((q.id, area_of(index, q.id), hints_of(index, q.id), lowest, keys))
    return tuple(rows), {row[1]: index.nodes[row[1]].label for row in rows}


@PerPack
def _plain(index: CriteriaIndex) -> dict[tuple[str, int, bool], QuestionEvidence]:
    """(question id, status number, at risk) -> the question's evidence when it has
    no entries (a named tuple, immutable, so every unit of a batch shares it);
    filled as met, at most four statuses x two per question."""
    return {}


@PerPack
def _area_slots(index: CriteriaIndex) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The areas in order of their first question, and each question's area number."""
    areas: dict[str, int] = {}
    slots = tuple(areas.setdefault(area, len(areas)) for _, area, _, _, _ in _pack_facts(index)[0])
    return tuple(areas), slots


def _risky(
    index: CriteriaIndex,
    qid: str,
    record: AnswerRecord,
    lowest: Fraction,
    lowest_keys: frozenset[str] | None,
    values: Mapping[str, Fraction | None] | None,
) -> bool:
    """Whether an answer without complete evidence is above its lowest value."""
    answer = record.value
    if lowest_keys is not None and type(answer) is OptionAnswer:
        return answer.key.casefold() not in lowest_keys
    value = values.get(qid) if values is not None else None
    if value is None:
        value = question_value(index, index.nodes[qid], record)[0]
    return value > lowest


def evidence_report(
    index: CriteriaIndex,
    answers: Mapping[str, AnswerRecord],
    checked: Mapping[str, tuple[EvidenceEntry, ...]],
    values: Mapping[str, Fraction | None] | None = None,
) -> EvidenceReport:
    """Statuses of every question of ``index`` (pack order) from the bound answers
    and the loader's findings (question id -> its checked entries). ``values`` (a
    scorecard's question values) saves working the answers' values out again."""
    # A batch makes this for every unit: statuses are numbers (their places in
    # STATUSES), tallies one flat list of five per area (four statuses, at risk).
    facts, area_names = _pack_facts(index)
    area_ids, slots = _area_slots(index)
    plain = _plain(index)
    tally = [0] * (5 * len(area_ids))
    questions: list[QuestionEvidence] = []
    for (qid, area, hints, lowest, lowest_keys), slot in zip(facts, slots, strict=True):
        record = answers.get(qid)
        entries = checked.get(qid, ())
        at_risk = False
        if record is None:
            status = 3  # belum_dijawab
        elif entries and all(e.ok for e in entries):
            status = 0  # lengkap
        else:
            status = 1 if entries else 2  # hilang, tanpa_bukti
            answer = record.value
            if lowest_keys is not None and type(answer) is OptionAnswer:
                at_risk = answer.key.casefold() not in lowest_keys
            else:
                at_risk = _risky(index, qid, record, lowest, lowest_keys, values)
        if entries:
            item = QuestionEvidence(qid, STATUSES[status], entries, at_risk, hints, area)
        else:
            key = (qid, status, at_risk)
            known = plain.get(key)
            if known is None:
                known = QuestionEvidence(qid, STATUSES[status], (), at_risk, hints, area)
                plain[key] = known
            item = known
        questions.append(item)
        tally[5 * slot + status] += 1
        tally[5 * slot + 4] += at_risk
    areas = tuple(
        AreaEvidence(
            area_id,
            area_names[area_id],
            dict(zip(STATUSES, tally[5 * n : 5 * n + 4], strict=True)),
            tally[5 * n + 4],
        )
        for n, area_id in enumerate(area_ids)
    )
    counts: dict[Status, int] = {status: sum(tally[n::5]) for n, status in enumerate(STATUSES)}
    return EvidenceReport(questions=tuple(questions), areas=areas, counts=counts)


class EvidenceCounts(NamedTuple):
    """The counts of :class:`EvidenceReport` alone (what a batch row shows)."""

    counts: Mapping[Status, int]
    at_risk: int

    @property
    def without_evidence(self) -> int:
        """Answered questions whose evidence is missing or not given."""
        return self.counts["tanpa_bukti"] + self.counts["hilang"]


def evidence_counts(
    index: CriteriaIndex,
    answers: Mapping[str, AnswerRecord],
    checked: Mapping[str, tuple[EvidenceEntry, ...]],
    values: Mapping[str, Fraction | None] | None = None,
) -> EvidenceCounts:
    """:func:`evidence_report`'s overall counts without the per-question objects: a
    batch computes these for every unit (tests check that both agree)."""
    counts: dict[Status, int] = dict.fromkeys(STATUSES, 0)
    at_risk = 0
    for qid, _, _, lowest, lowest_keys in _pack_facts(index)[0]:
        record = answers.get(qid)
        if record is None:
            counts["belum_dijawab"] += 1
            continue
        entries = checked.get(qid)
        if entries and all(e.ok for e in entries):
            counts["lengkap"] += 1
            continue
        counts["hilang" if entries else "tanpa_bukti"] += 1
        at_risk += _risky(index, qid, record, lowest, lowest_keys, values)
    return EvidenceCounts(counts, at_risk)


def evidence_gate(report: EvidenceReport | EvidenceCounts) -> str | None:
    """Why ``--require-evidence`` fails (an answer above its lowest option without
    complete data dukung), or None when it passes."""
    if report.at_risk:
        return ngettext(
            "{n} answer above the lowest option without complete data dukung (see zi evidence)",
            "{n} answers above the lowest option without complete data dukung (see zi evidence)",
            report.at_risk,
        ).format(n=report.at_risk)
    return None
