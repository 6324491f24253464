"""Audit: where a workbook's own numbers differ from the regulation's arithmetic,
and why.

Pure: takes zi's scorecards for the workbook's answers and the facts the loader
read from the workbook (each score cell's cached value and formula, which rows
hold which node), and returns each difference with the cell, the node, both
values and the cause where it can be told: a formula range that skips or repeats
rows, ``#REF!``, a typed number where a formula belongs, an answer type the
row's formula does not know, a different blank rule, an answer outside the
validation list, or a difference carried up from below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from zicli.i18n import N_, _
from zicli.models.criteria import TOTAL

from .score import Scorecard, score
from .unit import BoundUnit

Role = Literal["question", "block", "sum", "total", "summary"]

TOLERANCE = Fraction(1, 10**6)
"""Workbooks compute in doubles; anything closer than this is the same number."""

_ERRORS = ("#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!")
_RANGE = re.compile(r"(?<![A-Z!'])\$?L\$?([0-9]+)(?::\$?L\$?([0-9]+))?")
TYPED = N_("a typed number where a formula belongs")
"""The cause of a value typed into a score cell (a slip and a difference alike)."""


@dataclass(frozen=True)
class CellFact:
    """One score cell of the workbook and what it should hold."""

    cell: str
    """Where it is (``'LKE ZI'!L168``)."""
    node: str
    """The node whose score it holds (or ``total``)."""
    role: Role
    cached: float | int | str | None
    """The value the workbook saved (None when it was saved without values)."""
    formula: str | None
    """Its formula as text, or None when a value is typed in."""
    row_nodes: Mapping[int, str] = field(default_factory=dict)
    """For score cells in the worksheet: row -> node held in that row's value cell,
    to tell which nodes a formula's ranges read."""
    type_written: str | None = None
    """For a question: the answer type written on its row."""
    type_expected: str | None = None
    typed_total: tuple[str, int | float | None, int] | None = None
    """For a computed question: (cell, typed value or None when blank, sum of its
    parts) when a derived count holds no formula where the sum of its parts belongs."""
    invalid_answer: str | None = None
    """For a question: the problem its answer cell has (not an option...)."""
    answer_written: str | None = None
    """For a question: its answer cell's text exactly as typed."""
    weight_written: tuple[str, float | int | str | None] | None = None
    """The node's weight cell and what it holds, where that differs from the pack."""


@dataclass(frozen=True)
class Difference:
    """A score cell whose value differs from zi's, and why."""

    node: str
    cell: str
    workbook: float | int | str | None
    zi: Fraction
    cause: str


@dataclass(frozen=True)
class AuditResult:
    """The audit of one workbook."""

    criteria: str
    total: Fraction
    workbook_total: float | int | str | None
    cached: bool
    """False when the workbook was saved without cached values (nothing to compare)."""
    differences: tuple[Difference, ...]
    slips: tuple[Difference, ...] = ()
    """Formulas that depart from the regulation's arithmetic where the values happen
    to agree on these answers (or where the workbook holds no values to compare):
    they will differ on other answers."""


def _expected(card: Scorecard, fact: CellFact) -> Fraction:
    index = card.index
    node = index.nodes.get(fact.node)
    if fact.role == "question" and node is not None and node.weight is None:
        value = card.values.get(fact.node)
        return value if value is not None else Fraction(0)
    return card.scores[fact.node]


def _number(value: float | int | str | None) -> Fraction | None:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    return Fraction(value)


def _plain(value: Fraction | None) -> str:
    if value is None:
        return _("none")
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):g}"


def _reads(formula: str) -> list[int]:
    """The rows of column L a formula reads (ranges expanded, in order)."""
    rows: list[int] = []
    for m in _RANGE.finditer(formula):
        first = int(m.group(1))
        last = int(m.group(2) or first)
        rows += range(min(first, last), max(first, last) + 1)
    return rows


def _range_cause(card: Scorecard, fact: CellFact) -> str | None:
    """A formula that reads the wrong rows: skips a child or reads one twice."""
    if fact.formula is None or not fact.row_nodes:
        return None
    index = card.index
    node = index.nodes.get(fact.node)
    if node is None:
        return None
    children = [c.id for c in node.children]
    read = [fact.row_nodes[r] for r in _reads(fact.formula) if r in fact.row_nodes]
    if fact.node in read:
        return None  # an alias of another cell holding the same node (=L198)
    held = [n for n in read if n in children]
    repeated = sorted({n for n in held if held.count(n) > 1}, key=children.index)
    skipped = [c for c in children if c not in held]
    rows_of = {n: r for r, n in fact.row_nodes.items()}
    cells = ", ".join(f"L{rows_of[c]}" if c in rows_of else "-" for c in skipped)
    facts = {
        "skipped": ", ".join(skipped),
        "cells": cells,
        "repeated": ", ".join(repeated),
        "formula": fact.formula,
    }
    if skipped and repeated:
        message = _("the formula skips {skipped} ({cells}) and reads {repeated} twice: {formula}")
    elif skipped:
        message = _("the formula skips {skipped} ({cells}): {formula}")
    elif repeated:
        message = _("the formula reads {repeated} twice: {formula}")
    else:
        return None
    return message.format(**facts)


def _blank_rule(skip_card: Scorecard, fact: CellFact, cached: Fraction) -> bool:
    other = _expected(skip_card, fact)
    return abs(other - cached) < TOLERANCE


def _below(card: Scorecard, node_id: str) -> list[str]:
    node = card.index.nodes.get(node_id)
    if node_id == TOTAL:
        return [n.id for top in card.index.criteria.nodes for n in top.walk()]
    return [n.id for n in node.walk()] if node is not None else []


def _row_of(cell: str) -> int | None:
    m = re.search(r"![A-Z]+([0-9]+)$", cell)
    return int(m.group(1)) if m else None


def _row_slip(card: Scorecard, fact: CellFact) -> str | None:
    """A slip in the cell's row rather than its formula: a weight that is not the
    regulation's, or an answer type the workbook's value formula does not know."""
    if fact.weight_written is not None:
        cell, written = fact.weight_written
        shown = _("blank") if written is None else str(written)
        weight = card.index.weights.get(fact.node)
        return _("the weight in {cell} is {written}, the regulation's is {weight}").format(
            cell=cell, written=shown, weight=_plain(weight)
        )
    if fact.role == "question" and fact.type_written is not None and fact.type_expected:
        written = fact.type_written
        if written.replace(" ", "").casefold() != fact.type_expected.replace(" ", "").casefold():
            return _(
                "the row's answer type is '{written}', not '{expected}': the "
                "workbook's value formula does not recognise it"
            ).format(written=written, expected=fact.type_expected)
    return None


def _cause(
    card: Scorecard,
    skip_card: Scorecard,
    fact: CellFact,
    cached: Fraction | None,
    differing: Mapping[int, CellFact],
    facts_by_node: Mapping[str, Sequence[CellFact]],
) -> str:
    raw = fact.cached
    own = _row_of(fact.cell) if fact.role != "summary" else None
    reads = _reads(fact.formula) if fact.formula and fact.role != "summary" else []
    carried = [differing[r] for r in dict.fromkeys(reads) if r in differing and r != own]
    carried_text = ", ".join(f"{f.node} ({f.cell.rsplit('!', 1)[-1]})" for f in carried[:3]) + (
        ", ..." if len(carried) > 3 else ""
    )
    if isinstance(raw, str) and raw.strip() in _ERRORS:
        error = raw.strip()
        if fact.formula and "#REF!" in fact.formula.upper():
            return _deleted(fact.formula)
        errors = [f for f in carried if isinstance(f.cached, str) and f.cached in _ERRORS]
        if errors:
            return _("{error} carried from {cells}").format(
                error=error,
                cells=", ".join(f"{f.node} ({f.cell.rsplit('!', 1)[-1]})" for f in errors[:3]),
            )
        if error == "#DIV/0!" and fact.formula and "AVERAGE(" in fact.formula.upper():
            if carried:
                message = _(
                    "#DIV/0!: {formula} finds no number to average (every cell it reads "
                    "is blank or text): see {cells}"
                )
            else:
                message = _(
                    "#DIV/0!: {formula} finds no number to average (every cell it reads "
                    "is blank or text)"
                )
            return message.format(formula=fact.formula, cells=carried_text)
        if error == "#DIV/0!":
            return _(
                "#DIV/0!: a zero denominator; the regulation is silent, zi applies the pack's rule"
            )
        return _("{error} in the workbook's formula ({formula})").format(
            error=error, formula=fact.formula
        )
    if fact.formula and "#REF!" in fact.formula.upper():
        return _deleted(fact.formula)
    if fact.formula is None and cached is not None:
        return _(TYPED)
    if fact.invalid_answer:
        return _("an answer outside the validation list: {problem}").format(
            problem=fact.invalid_answer
        )
    row = _row_slip(card, fact)
    if row is not None:
        return row
    if fact.role == "question" and fact.answer_written is not None:
        options = card.index.options.get(fact.node, {})
        written = fact.answer_written
        if options and written.casefold() not in options:
            keys = ",".join(key for key, _ in options.values())
            return _(
                "the answer '{written}' is outside the validation list ({keys}) as typed: "
                "the workbook's formula does not recognise it; zi reads it as '{read}'"
            ).format(
                written=written,
                keys=keys,
                read=options.get(written.strip().casefold(), ("?",))[0],
            )
    if fact.role == "question" and fact.typed_total is not None:
        cell, typed, parts = fact.typed_total
        if typed is None:
            return _("{cell} is blank where the sum of its parts ({parts}) belongs").format(
                cell=cell, parts=parts
            )
        return _(
            "{cell} is a typed number ({typed}) where the sum of its parts ({parts}) belongs"
        ).format(cell=cell, typed=typed, parts=parts)
    ranges = _range_cause(card, fact)
    if ranges is not None:
        return ranges
    if cached is not None and not carried and _blank_rule(skip_card, fact, cached):
        return _(
            "a different blank rule: the workbook averages answered questions only "
            "('Blm Diisi'); zi counts a blank as 0"
        )
    if carried:
        return _("carries the difference of {cells}").format(cells=carried_text)
    below = [n for n in _below(card, fact.node) if n != fact.node]
    invalid = [
        f.invalid_answer
        for n in below
        for f in facts_by_node.get(n, ())
        if f.invalid_answer and f.role == "question"
    ]
    if invalid:
        return _("an answer outside the validation list below it: {problem}").format(
            problem=invalid[0]
        )
    if fact.role == "summary":
        return _("the summary cell's formula reads another cell ({formula})").format(
            formula=fact.formula
        )
    return _("the workbook's formula differs from the regulation's arithmetic ({formula})").format(
        formula=fact.formula
    )


def _deleted(formula: str) -> str:
    return _("#REF!: the formula refers to a deleted cell ({formula})").format(formula=formula)


def _slip(card: Scorecard, fact: CellFact) -> str | None:
    """What is wrong with a score cell's formula itself, whatever its value."""
    if fact.formula and "#REF!" in fact.formula.upper():
        return _deleted(fact.formula)
    if fact.formula is None and fact.role in ("block", "sum", "total"):
        return _(TYPED)
    row = _row_slip(card, fact)
    if row is not None:
        return row
    if fact.role == "question" and fact.typed_total is not None:
        cell, typed, _parts = fact.typed_total
        if typed is not None:
            return _(
                "{cell} is a typed number ({typed}) where the sum of its parts belongs"
            ).format(cell=cell, typed=typed)
    return _range_cause(card, fact)


def audit(card: Scorecard, skip_card: Scorecard, facts: Sequence[CellFact]) -> AuditResult:
    """Compare each fact's cached value with zi's score (``card``, blanks as 0);
    ``skip_card`` scores the same answers with the workbook's blank rule."""
    cached_any = any(f.cached is not None for f in facts if f.formula is not None)
    total_fact = next((f for f in facts if f.node == TOTAL and f.role == "total"), None)
    workbook_total = total_fact.cached if total_fact is not None else None
    if not cached_any:
        return AuditResult(card.index.id, card.total, None, False, (), _slips(card, facts, set()))
    facts_by_node: dict[str, list[CellFact]] = {}
    for fact in facts:
        facts_by_node.setdefault(fact.node, []).append(fact)
    found: list[tuple[CellFact, Fraction | None]] = []
    for fact in facts:
        expected = _expected(card, fact)
        cached = _number(fact.cached)
        if cached is None:
            if fact.role == "question" and isinstance(fact.cached, str | None):
                if card.values.get(fact.node) is None and fact.cached not in _ERRORS:
                    continue  # blank here and there ('Blm Diisi')
                if fact.cached is None and fact.formula is None:
                    continue
            if isinstance(fact.cached, str) and fact.cached.strip() == "" and expected == 0:
                continue
        elif abs(cached - expected) < TOLERANCE:
            continue
        found.append((fact, cached))
    differing = {
        row: f for f, _ in found if f.role != "summary" and (row := _row_of(f.cell)) is not None
    }
    out = [
        Difference(
            fact.node,
            fact.cell,
            fact.cached,
            _expected(card, fact),
            _cause(card, skip_card, fact, cached, differing, facts_by_node),
        )
        for fact, cached in found
    ]
    shown = {fact.cell for fact, _ in found}
    return AuditResult(
        card.index.id, card.total, workbook_total, True, tuple(out), _slips(card, facts, shown)
    )


def _slips(card: Scorecard, facts: Sequence[CellFact], shown: set[str]) -> tuple[Difference, ...]:
    out = []
    for fact in facts:
        summary_ok = fact.role == "summary" and "#REF!" not in (fact.formula or "").upper()
        if fact.cell in shown or summary_ok:
            continue
        cause = _slip(card, fact)
        if cause is not None:
            out.append(Difference(fact.node, fact.cell, fact.cached, _expected(card, fact), cause))
    return tuple(out)


def audit_unit(bound: BoundUnit, facts: Sequence[CellFact]) -> AuditResult:
    """:func:`audit` of a bound unit: zi's scores (blanks as 0) against the facts,
    the workbook's blank rule tried as a cause."""
    return audit(score(bound), score(bound, "skip"), facts)
