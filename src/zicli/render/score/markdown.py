"""``zi score FILE --format markdown``: one unit's report for a pull request, an issue
or a CI job summary. The same facts as the table: header, scores (with ``--detail``
down to every question and its answer), the predicate and the conditions of the
predicate in view, the prerequisites, the pack's stages and the warnings. Text from
files is escaped for Markdown (:func:`zicli.render.escape.md_text`)."""

from __future__ import annotations

from collections.abc import Sequence

from zicli.engine.assess import Assessment
from zicli.engine.prerequisites import for_predicate
from zicli.errors import Problem
from zicli.i18n import _
from zicli.models.criteria import TOTAL
from zicli.render.common import (
    BLANK_SKIP_NOTE_MSG,
    MET_MSG,
    NOT_MET_MSG,
    NOT_STATED_MSG,
    TOTAL_LABEL_MSG,
    actual_text,
    conditions_title,
    margin_text,
    num,
    percent_text,
    predicate_label,
    provisional_text,
    reconstructed_note,
    required_text,
    score_rows,
    shortfall_text,
    uncertain,
    unit_facts,
)
from zicli.render.escape import md_code, md_text
from zicli.render.options import RenderOptions


def _status(status: str) -> str:
    """A condition's or prerequisite's status word (unmet ones in bold)."""
    if status == "met":
        return _(MET_MSG)
    if status == "not_met":
        return f"**{_(NOT_MET_MSG)}**"
    return _(NOT_STATED_MSG)


def _table(head: Sequence[str], right: set[int], rows: Sequence[Sequence[str]]) -> list[str]:
    spec = ["---:" if i in right else "---" for i in range(len(head))]
    return ["| " + " | ".join(r) + " |" for r in (head, spec, *rows)]


def _scores(result: Assessment, detail: bool) -> list[str]:
    card = result.card
    head = [
        "Id",
        _("Component / Area"),
        *([_("Answer")] if detail else []),
        _("Weight"),
        _("Score"),
        "%",
    ]
    rows = []
    for row in score_rows(result, detail):
        name = md_text(row.node.label)
        cells = [md_code(row.node.id), f"**{name}**" if row.depth == 0 else name]
        if detail:
            cells.append(md_text(row.answer))
        rows.append([*cells, row.weight, row.score, row.percent])
    weight = card.index.weights[TOTAL]
    total = ["**TOTAL**", f"**{_(TOTAL_LABEL_MSG)}**", *([""] if detail else [])]
    total += [num(weight), f"**{num(card.total)}**", percent_text(card.total, weight)]
    last = len(head) - 1
    return _table(head, {last - 2, last - 1, last}, [*rows, total])


def _verdict(result: Assessment) -> list[str]:
    verdict, card = result.verdict, result.card
    line = "**" + _("Predicate: ") + md_text(predicate_label(verdict)) + "**"
    if verdict.provisional:
        line += " " + provisional_text(card.question_count - card.answered, card.question_count)
    out = [line, ""]
    if result.evidence is not None:
        from zicli.render.score.evidence import panel_line

        evidence = panel_line(result.evidence)
        if evidence is not None:
            out += [evidence, ""]
    target = verdict.next or verdict.reached
    if target is None:
        return out
    out += [f"### {md_text(conditions_title(target))}", ""]
    rows = [
        [
            md_text(c.description) + (" \\*" if uncertain(c.confidence) else ""),
            md_text(required_text(c)),
            md_text(actual_text(c)),
            md_text(margin_text(c)),
            _status("met" if c.met else "not_met"),
        ]
        for c in sorted(target.conditions, key=lambda c: c.met)  # failed first, stable
    ]
    head = [_("Condition"), _("Minimum"), _("Achieved"), _("Margin"), _("Status")]
    out += _table(head, {1, 2, 3}, rows)
    if any(uncertain(c.confidence) for c in target.conditions):
        out += ["", "\\* " + reconstructed_note(f"`zi criteria show {card.index.id}`")]
    out.append("")
    relevant = for_predicate(verdict.prerequisites, target.id)
    if relevant:
        title = _("Proposal prerequisites for {predicate}").format(predicate=target.name)
        out += [f"### {md_text(title)}", ""]
        rows = [
            [
                md_text(r.description),
                md_text(r.required),
                md_text(r.stated or "-"),
                _status(r.status),
            ]
            for r in relevant
        ]
        head = [_("Condition"), _("Minimum"), _("Stated"), _("Status")]
        out += _table(head, set(), rows)
        out.append("")
    return out


def _stages(result: Assessment) -> list[str]:
    gates = result.verdict.gates
    if not gates:
        return []
    out = ["### " + _("Stages"), ""]
    for gate in gates:
        line = f"- {md_text(gate.name)}: {_status('met' if gate.met else 'not_met')}"
        for cond in gate.conditions:
            if not cond.met:
                line += "; " + shortfall_text(
                    md_text(cond.description),
                    md_text(actual_text(cond)),
                    md_text(required_text(cond)),
                )
        out.append(line)
    return [*out, ""]


class MarkdownFormatter:
    """``--format markdown``."""

    def assessment(self, result: Assessment, options: RenderOptions) -> str:
        """The unit's report as a Markdown section."""
        name, details = unit_facts(result)
        out = [f"## {md_text(name)}", "", md_text(" · ".join(details), line_start=True), ""]
        if result.card.blank == "skip":
            out += [_(BLANK_SKIP_NOTE_MSG), ""]
        out += [*_scores(result, options.detail), ""]
        out += _verdict(result)
        out += _stages(result)
        warnings = result.card.warnings
        if warnings:
            out += ["### " + _("Warnings"), "", *(f"- {md_text(w.message)}" for w in warnings), ""]
        return "\n".join(out).rstrip("\n") + "\n"

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to the located lines on stderr."""
        return None


FORMATTER = MarkdownFormatter()
