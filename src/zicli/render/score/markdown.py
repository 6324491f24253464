"""``zi score FILE --format markdown``: one unit's report for a pull request, an issue
or a CI job summary. The same facts as the table: header, scores (with ``--detail``
down to every question and its answer), the predicate and the conditions of the
predicate in view, the prerequisites, the pack's stages and the warnings. Text from
files is escaped for Markdown (:func:`zicli.render.common.md_cell`)."""

from __future__ import annotations

from collections.abc import Sequence

from zicli.engine.assess import Assessment
from zicli.engine.prerequisites import for_predicate
from zicli.errors import Problem
from zicli.models.criteria import TOTAL
from zicli.render.common import (
    BLANK_SKIP_NOTE,
    MET,
    NOT_MET,
    TOTAL_LABEL,
    actual_text,
    margin_text,
    md_cell,
    num,
    percent_text,
    predicate_label,
    required_text,
    score_rows,
    uncertain,
    unit_facts,
)
from zicli.render.options import RenderOptions

_PRE_STATUS = {"met": MET, "not_met": f"**{NOT_MET}**", "not_stated": "tidak dinyatakan"}


def _table(head: Sequence[str], right: set[int], rows: Sequence[Sequence[str]]) -> list[str]:
    spec = ["---:" if i in right else "---" for i in range(len(head))]
    return ["| " + " | ".join(r) + " |" for r in (head, spec, *rows)]


def _scores(result: Assessment, detail: bool) -> list[str]:
    card = result.card
    head = ["Id", "Komponen / Area", *(["Jawaban"] if detail else []), "Bobot", "Nilai", "%"]
    rows = []
    for row in score_rows(result, detail):
        name = md_cell(row.node.label)
        cells = [f"`{md_cell(row.node.id)}`", f"**{name}**" if row.depth == 0 else name]
        if detail:
            cells.append(md_cell(row.answer))
        rows.append([*cells, row.weight, row.score, row.percent])
    weight = card.index.weights[TOTAL]
    total = ["**TOTAL**", f"**{TOTAL_LABEL}**", *([""] if detail else [])]
    total += [num(weight), f"**{num(card.total)}**", percent_text(card.total, weight)]
    last = len(head) - 1
    return _table(head, {last - 2, last - 1, last}, [*rows, total])


def _verdict(result: Assessment) -> list[str]:
    verdict, card = result.verdict, result.card
    line = f"**Predikat: {predicate_label(verdict)}**"
    if verdict.provisional:
        line += (
            f" (sementara: {card.question_count - card.answered} dari "
            f"{card.question_count} butir belum dijawab)"
        )
    out = [line, ""]
    target = verdict.next or verdict.reached
    if target is None:
        return out
    short = len(target.failed())
    state = f"{short} belum terpenuhi" if short else "semua terpenuhi"
    out += [f"### Syarat {md_cell(target.name)}: {state}", ""]
    rows = [
        [
            md_cell(c.description) + (" \\*" if uncertain(c.confidence) else ""),
            md_cell(required_text(c)),
            md_cell(actual_text(c)),
            md_cell(margin_text(c)),
            MET if c.met else f"**{NOT_MET}**",
        ]
        for c in sorted(target.conditions, key=lambda c: c.met)  # failed first, stable
    ]
    out += _table(["Syarat", "Minimal", "Capaian", "Selisih", "Status"], {1, 2, 3}, rows)
    if any(uncertain(c.confidence) for c in target.conditions):
        out += [
            "",
            "\\* ambang hasil rekonstruksi, keyakinan di bawah tinggi; lihat "
            f"`zi criteria show {card.index.id}`",
        ]
    out.append("")
    relevant = for_predicate(verdict.prerequisites, target.id)
    if relevant:
        out += [f"### Syarat pengusulan {md_cell(target.name)}", ""]
        rows = [
            [
                md_cell(r.description),
                md_cell(r.required),
                md_cell(r.stated or "-"),
                _PRE_STATUS[r.status],
            ]
            for r in relevant
        ]
        out += _table(["Syarat", "Minimal", "Dinyatakan", "Status"], set(), rows)
        out.append("")
    return out


def _stages(result: Assessment) -> list[str]:
    gates = result.verdict.gates
    if not gates:
        return []
    out = ["### Tahapan", ""]
    for gate in gates:
        line = f"- {md_cell(gate.name)}: {MET if gate.met else f'**{NOT_MET}**'}"
        for cond in gate.conditions:
            if not cond.met:
                line += (
                    f"; {md_cell(cond.description)} {md_cell(actual_text(cond))} "
                    f"(minimal {md_cell(required_text(cond))})"
                )
        out.append(line)
    return [*out, ""]


class MarkdownFormatter:
    """``--format markdown``."""

    def assessment(self, result: Assessment, options: RenderOptions) -> str:
        """The unit's report as a Markdown section."""
        name, details = unit_facts(result)
        out = [f"## {md_cell(name)}", "", md_cell(" · ".join(details)), ""]
        if result.card.blank == "skip":
            out += [BLANK_SKIP_NOTE, ""]
        out += [*_scores(result, options.detail), ""]
        out += _verdict(result)
        out += _stages(result)
        warnings = result.card.warnings
        if warnings:
            out += ["### Peringatan", "", *(f"- {md_cell(w.message)}" for w in warnings), ""]
        return "\n".join(out).rstrip("\n") + "\n"

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to the located lines on stderr."""
        return None


FORMATTER = MarkdownFormatter()
