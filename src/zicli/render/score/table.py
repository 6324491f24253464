"""The human report: a rich table of scores and a verdict panel.

Reads well at 80 columns; without colour (not a terminal, ``NO_COLOR``) it is
plain text with the same layout, which the golden tests pin down.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from zicli.engine.assess import Assessment
from zicli.engine.prerequisites import PrerequisiteResult, for_predicate
from zicli.engine.verdict import GateResult, PredicateResult
from zicli.errors import Problem
from zicli.i18n import _
from zicli.models.criteria import TOTAL, confidence_text
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
from zicli.render.console import report_table, to_text, tree_label
from zicli.render.escape import terminal
from zicli.render.options import RenderOptions

_STYLE = {"komponen": "bold", "aspek": "bold cyan", "area": "", "subkomponen": "", "subarea": "dim"}


def _scores_table(result: Assessment, detail: bool) -> Table:
    card = result.card
    index = card.index
    table = report_table()
    table.add_column("Id", no_wrap=True)
    # --detail shows question texts: wrapped, never cut (a cut text cannot be read)
    table.add_column(
        _("Component / Area"),
        ratio=1,
        no_wrap=not detail,
        overflow="fold" if detail else "ellipsis",
    )
    if detail:
        table.add_column(_("Answer"), justify="center", no_wrap=True)
    evidence = result.evidence.by_id() if detail and result.evidence is not None else None
    if evidence is not None:
        from zicli.render.score.evidence import detail_cell

        table.add_column(_("Evidence"), justify="center", no_wrap=True)
    table.add_column(_("Weight"), justify="right", no_wrap=True)
    table.add_column(_("Score"), justify="right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    # Translators: the Answer cell of a question answered with counts (too long to show)
    filled = _("counts")
    for row in score_rows(result, detail):
        node = row.node
        style = _STYLE.get(node.kind, "")
        cells: list[RenderableType] = [
            Text(terminal(node.id), style=style),
            tree_label(Text(terminal(node.label), style=style), row.depth, wrap=detail),
        ]
        if detail:
            # count inputs are long: shown in JSON and the answer file
            cells.append(filled if len(row.answer) > 9 else row.answer)
        if evidence is not None:
            cells.append(detail_cell(evidence.get(node.id)))
        cells += [row.weight, row.score, row.percent]
        table.add_row(*cells)
    total_weight = index.weights[TOTAL]
    table.add_section()
    cells = [Text("TOTAL", style="bold"), Text(_(TOTAL_LABEL_MSG), style="bold")]
    if detail:
        cells.append("")
    if evidence is not None:
        cells.append("")
    cells += [
        num(total_weight),
        Text(num(card.total), style="bold"),
        percent_text(card.total, total_weight),
    ]
    table.add_row(*cells)
    return table


def _conditions_table(result: PredicateResult) -> Table:
    table = report_table()
    table.add_column(_("Condition"), ratio=1, overflow="fold")
    table.add_column(_("Minimum"), justify="right", no_wrap=True)
    table.add_column(_("Achieved"), justify="right", no_wrap=True)
    table.add_column(_("Margin"), justify="right", no_wrap=True)
    table.add_column(_("Status"), no_wrap=True)
    ordered = sorted(result.conditions, key=lambda c: c.met)  # failed first, stable
    met, not_met = _(MET_MSG), _(NOT_MET_MSG)
    for cond in ordered:
        status = Text(met, style="green") if cond.met else Text(not_met, style="bold red")
        mark = " *" if uncertain(cond.confidence) else ""
        table.add_row(
            cond.description + mark,
            required_text(cond),
            actual_text(cond),
            margin_text(cond),
            status,
        )
    return table


def _verdict_panel(result: Assessment) -> Panel:
    verdict = result.verdict
    card = result.card
    parts: list[Text | Table] = []
    label = predicate_label(verdict)
    head = Text(_("Predicate: "), style="bold")
    head.append(label, style="bold green" if verdict.predicate else "bold red")
    if verdict.provisional:
        head.append(
            "  " + provisional_text(card.question_count - card.answered, card.question_count),
            style="yellow",
        )
    parts.append(head)
    if result.evidence is not None:
        from zicli.render.score.evidence import panel_line

        line = panel_line(result.evidence)
        if line is not None:
            parts.append(Text(line, style="yellow"))
    target = verdict.next or verdict.reached
    if target is not None:
        parts.append(Text(""))
        parts.append(Text(conditions_title(target), style="bold"))
        parts.append(_conditions_table(target))
        if any(uncertain(c.confidence) for c in target.conditions):
            parts.append(
                Text("* " + reconstructed_note(f"'zi criteria show {card.index.id}'"), style="dim")
            )
        parts += _prerequisites_part(verdict.prerequisites, target, card.index.id)
    parts += _gates_part(verdict.gates)
    # a Text, not a str: a str title is read as markup (and loads rich's emoji table)
    return Panel(Group(*parts), title=Text(_("Verdict")), title_align="left", box=box.ROUNDED)


_PRE_STATUS = {
    "met": (MET_MSG, "green"),
    "not_met": (NOT_MET_MSG, "bold red"),
    "not_stated": (NOT_STATED_MSG, "yellow"),
}


def _prerequisites_part(
    results: tuple[PrerequisiteResult, ...], target: PredicateResult, pack: str
) -> list[Text | Table]:
    relevant = for_predicate(results, target.id)
    if not relevant:
        return []
    counts = {k: sum(1 for r in relevant if r.status == k) for k in _PRE_STATUS}
    title = Text(
        _("Proposal prerequisites for {predicate}").format(predicate=target.name) + ": ",
        style="bold",
    )
    title.append(_("{met} met, {not_met} not yet, {not_stated} not stated").format(**counts))
    parts: list[Text | Table] = [Text(""), title]
    if counts["not_stated"] == len(relevant):
        fields = ", ".join(dict.fromkeys(r.field for r in relevant))
        parts.append(
            Text(
                _(
                    "State them under 'unit:' ({fields}); what is not stated is not taken as met."
                ).format(fields=fields),
                style="dim",
            )
        )
        return parts
    table = report_table()
    table.add_column(_("Condition"), ratio=1, overflow="fold")
    table.add_column(_("Minimum"), justify="right", no_wrap=True)
    table.add_column(_("Stated"), justify="right", no_wrap=True)
    table.add_column(_("Status"), no_wrap=True)
    order = {"not_met": 0, "not_stated": 1, "met": 2}
    for r in sorted(relevant, key=lambda r: order[r.status]):
        word, style = _PRE_STATUS[r.status]
        table.add_row(r.description, r.required, r.stated or "-", Text(_(word), style=style))
    parts.append(table)
    for source in dict.fromkeys(r.source for r in relevant if r.source):
        parts.append(Text(_("source: {source}").format(source=source), style="dim"))
    return parts


def _gates_part(gates: tuple[GateResult, ...]) -> list[Text | Table]:
    if not gates:
        return []
    parts: list[Text | Table] = [Text(""), Text(_("Stages"), style="bold")]
    for gate in gates:
        line = Text(f"{gate.name}: ")
        line.append(*((_(MET_MSG), "green") if gate.met else (_(NOT_MET_MSG), "bold red")))
        for cond in gate.conditions:
            if not cond.met:
                line.append(
                    "; " + shortfall_text(cond.description, actual_text(cond), required_text(cond))
                )
        parts.append(line)
        sources = _("source: {source}").format(source=gate.source) if gate.source else ""
        if gate.confidence:
            sources += "; " + _("confidence: {confidence}").format(
                confidence=confidence_text(gate.confidence)
            )
        if sources:
            parts.append(Text("  " + sources.lstrip("; "), style="dim"))
    return parts


def _header(result: Assessment) -> Text:
    name, details = unit_facts(result)
    text = Text(terminal(name), style="bold")
    text.append("\n" + " · ".join(terminal(d) for d in details))
    if result.card.blank == "skip":
        text.append("\n" + _(BLANK_SKIP_NOTE_MSG))
    return text


class TableFormatter:
    """``--format table`` (the default)."""

    def assessment(self, result: Assessment, options: RenderOptions) -> str:
        """The full report for one unit."""
        parts: list[RenderableType] = [
            _header(result),
            Text(""),
            _scores_table(result, options.detail),
            _verdict_panel(result),
        ]
        if result.card.warnings:
            parts.append(Text(_("Warnings:"), style="bold yellow"))
            parts += [Text(f"- {w.message}") for w in result.card.warnings]
        return to_text(parts, options)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Tables leave invalid input to the stderr lines."""
        return None


FORMATTER = TableFormatter()
