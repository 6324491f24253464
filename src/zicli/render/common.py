"""What the formats share, written once: display rounding, node kinds and depths,
status words, cell escaping for Markdown and CSV, the unit header's facts and the
JSON error object."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from zicli.engine.exact import rounded
from zicli.engine.verdict import ConditionResult, Verdict
from zicli.models.answers import answer_to_text
from zicli.models.criteria import Node
from zicli.render.numbers import exact_text

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment
    from zicli.errors import Problem

BELUM = "Belum memenuhi"
MET, NOT_MET = "terpenuhi", "BELUM"
"""Status words of a condition in tables and reports."""
BLANK = "kosong"
"""How an unanswered question reads."""

SUMMARY_KINDS = frozenset({"komponen", "aspek", "area", "subkomponen"})
"""Node kinds a report lists without ``--detail``."""
DEPTH = {"komponen": 0, "aspek": 1, "area": 2, "subkomponen": 2, "subarea": 3, "butir": 4}
"""How far each node kind is indented in a tree."""
STATE = {"in_force": "berlaku", "repealed": "dicabut"}
"""A pack's status, as reports say it."""


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: ``\\`` and ``|`` escaped, line
    breaks (LF, CR) made spaces, so a name from a file cannot break the table."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\r\n", " ")
        .replace("\r", " ")
        .replace("\n", " ")
    )


_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


def csv_cell(text: str) -> str:
    """Text safe in a CSV cell opened by a spreadsheet: a cell starting with
    ``= + - @`` (or tab, CR) would run as a formula, so it gets a leading ``'``;
    plain numbers (a negative delta) and a lone ``-`` stay as they are."""
    if len(text) > 1 and text[0] in "=+-@\t\r" and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def errors_json(schema: str, problems: Sequence[Problem], file: str | None = None) -> str:
    """The ``{"schema", "errors"}`` object every JSON format prints on invalid
    input (``file`` too where the contract has it, as ``zi.score/1``)."""
    from zicli.render.jsontext import dumps

    head: dict[str, object] = {"schema": schema}
    if file is not None:
        head["file"] = file
    return dumps(head | {"errors": [p.as_dict() for p in problems]}) + "\n"


def unit_facts(result: Assessment) -> tuple[str, list[str]]:
    """A unit's name and the facts its report header lists: instansi, period, pack
    and its status, the predicate held."""
    card = result.card
    unit = card.unit
    criteria = card.index.criteria
    details = [d for d in (unit.instansi, f"periode {unit.period}") if d]
    details.append(f"{criteria.short_title} ({STATE.get(criteria.status.state, 'dicabut')})")
    if card.held:
        details.append(f"predikat saat ini: {card.held}")
    return unit.name, details


BLANK_SKIP_NOTE = "Butir kosong dilewati (--blank skip), seperti lembar kerja resmi."


def num(value: Fraction | None) -> str:
    """2 places, half up; '-' for nothing."""
    return "-" if value is None else f"{rounded(value)}"


def signed(value: Fraction | None) -> str:
    """A margin with its sign: +1.25 / -0.40."""
    if value is None:
        return "-"
    text = f"{rounded(value)}"
    return text if text.startswith("-") else f"+{text}"


def dec(value: Fraction | None) -> Decimal | None:
    """The display value as a Decimal (JSON numbers)."""
    return None if value is None else rounded(value)


def actual_text(cond: ConditionResult) -> str:
    """The actual value; shown exactly when 2 places would hide a shortfall
    (74.995 displays as 75.00 but does not reach 75)."""
    if cond.actual_text is not None:
        return cond.actual_text
    if cond.actual is None:
        return "kosong"
    if (
        not cond.met
        and cond.required is not None
        and rounded(cond.actual) >= rounded(cond.required)
    ):
        return exact_text(cond.actual, 6)
    return num(cond.actual)


def required_text(cond: ConditionResult) -> str:
    """The bar as shown."""
    return cond.required_text if cond.required_text is not None else num(cond.required)


def margin_text(cond: ConditionResult) -> str:
    """The margin as shown, never rounding a shortfall to zero."""
    margin = cond.margin
    if margin is None:
        return "-"
    if margin < 0 and rounded(margin) == 0:
        return "-" + exact_text(-margin, 6)
    return signed(margin)


def predicate_label(verdict: Verdict) -> str:
    """'Menuju WBK', 'Menuju WBBM' or 'Belum memenuhi'."""
    reached = verdict.reached
    return reached.name if reached else BELUM


def required_json(cond: ConditionResult) -> Decimal | str | None:
    """A condition's bar in JSON: the 2-place number, or the pack's text for a bar
    that is not a number (a predicate held, a stage)."""
    return dec(cond.required) if cond.required_text is None else cond.required_text


def actual_json(cond: ConditionResult) -> Decimal | str | None:
    """A condition's actual value in JSON: the 2-place number, or its text."""
    return dec(cond.actual) if cond.actual_text is None else cond.actual_text


def uncertain(confidence: str | None) -> bool:
    """True for a rule whose pack confidence is below 'high' (reconstructed numbers)."""
    return confidence is not None and not confidence.lower().startswith("high")


@dataclass(frozen=True)
class ScoreRow:
    """One line of a unit's scores table, as every format shows it."""

    node: Node
    depth: int
    answer: str
    """The answer as written (``kosong`` when blank); empty for a node that is not a question."""
    weight: str
    score: str
    percent: str


def percent_text(score: Fraction, weight: Fraction | None) -> str:
    """A score as a percent of its weight; '-' without a weight."""
    if not weight:
        return "-"
    return num(score / weight * 100)


def score_rows(result: Assessment, detail: bool) -> Iterator[ScoreRow]:
    """The scores table in tree order: the summary kinds, and with ``detail`` every
    sub-area and question too."""
    card = result.card
    index = card.index

    def walk(node: Node) -> Iterator[ScoreRow]:
        if detail or node.kind in SUMMARY_KINDS:
            weight = index.weights.get(node.id)
            score = card.scores[node.id]
            answer = ""
            if node.kind == "butir":
                record = card.answers.get(node.id)
                answer = answer_to_text(record.value) if record else BLANK
            if node.kind == "butir" and weight is None:
                value = card.values[node.id]
                shown = ("", num(score), "-" if value is None else num(value * 100))
            else:
                shown = (num(weight), num(score), percent_text(score, weight))
            yield ScoreRow(node, DEPTH[node.kind], answer, *shown)
            for child in node.children:
                yield from walk(child)

    for top in index.criteria.nodes:
        yield from walk(top)


TOTAL_LABEL = "Nilai Evaluasi Zona Integritas"
