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
from zicli.models.criteria import TOTAL
from zicli.render.common import (
    BLANK_SKIP_NOTE,
    MET,
    NOT_MET,
    TOTAL_LABEL,
    actual_text,
    margin_text,
    num,
    percent_text,
    predicate_label,
    required_text,
    score_rows,
    uncertain,
    unit_facts,
)
from zicli.render.console import report_table, to_text
from zicli.render.options import RenderOptions

_STYLE = {"komponen": "bold", "aspek": "bold cyan", "area": "", "subkomponen": "", "subarea": "dim"}


def _scores_table(result: Assessment, detail: bool) -> Table:
    card = result.card
    index = card.index
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column("Komponen / Area", ratio=1, no_wrap=True, overflow="ellipsis")
    if detail:
        table.add_column("Jawaban", justify="center", no_wrap=True)
    table.add_column("Bobot", justify="right", no_wrap=True)
    table.add_column("Nilai", justify="right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    for row in score_rows(result, detail):
        node = row.node
        style = _STYLE.get(node.kind, "")
        cells: list[str | Text] = [
            Text(node.id, style=style),
            Text("  " * row.depth + node.label, style=style),
        ]
        if detail:
            # count inputs are long: shown in JSON and the answer file
            cells.append("isian" if len(row.answer) > 9 else row.answer)
        cells += [row.weight, row.score, row.percent]
        table.add_row(*cells)
    total_weight = index.weights[TOTAL]
    table.add_section()
    cells = [Text("TOTAL", style="bold"), Text(TOTAL_LABEL, style="bold")]
    if detail:
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
    table.add_column("Syarat", ratio=1, overflow="fold")
    table.add_column("Minimal", justify="right", no_wrap=True)
    table.add_column("Capaian", justify="right", no_wrap=True)
    table.add_column("Selisih", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    ordered = sorted(result.conditions, key=lambda c: c.met)  # failed first, stable
    for cond in ordered:
        status = Text(MET, style="green") if cond.met else Text(NOT_MET, style="bold red")
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
    head = Text("Predikat: ", style="bold")
    head.append(label, style="bold green" if verdict.predicate else "bold red")
    if verdict.provisional:
        head.append(
            f"  (sementara: {card.question_count - card.answered} dari "
            f"{card.question_count} butir belum dijawab)",
            style="yellow",
        )
    parts.append(head)
    target = verdict.next or verdict.reached
    if target is not None:
        short = len(target.failed())
        state = f"{short} belum terpenuhi" if short else "semua terpenuhi"
        parts.append(Text(""))
        parts.append(Text(f"Syarat {target.name}: {state}", style="bold"))
        parts.append(_conditions_table(target))
        if any(uncertain(c.confidence) for c in target.conditions):
            parts.append(
                Text(
                    "* ambang hasil rekonstruksi, keyakinan di bawah tinggi; lihat "
                    f"'zi criteria show {card.index.id}'",
                    style="dim",
                )
            )
        parts += _prerequisites_part(verdict.prerequisites, target, card.index.id)
    parts += _gates_part(verdict.gates)
    return Panel(Group(*parts), title="Verdict", title_align="left", box=box.ROUNDED)


_PRE_STATUS = {
    "met": Text(MET, style="green"),
    "not_met": Text(NOT_MET, style="bold red"),
    "not_stated": Text("tidak dinyatakan", style="yellow"),
}


def _prerequisites_part(
    results: tuple[PrerequisiteResult, ...], target: PredicateResult, pack: str
) -> list[Text | Table]:
    relevant = for_predicate(results, target.id)
    if not relevant:
        return []
    counts = {k: sum(1 for r in relevant if r.status == k) for k in _PRE_STATUS}
    title = Text(f"Syarat pengusulan {target.name}: ", style="bold")
    title.append(
        f"{counts['met']} terpenuhi, {counts['not_met']} belum, "
        f"{counts['not_stated']} tidak dinyatakan"
    )
    parts: list[Text | Table] = [Text(""), title]
    if counts["not_stated"] == len(relevant):
        fields = ", ".join(dict.fromkeys(r.field for r in relevant))
        parts.append(
            Text(
                f"Nyatakan di bawah 'unit:' ({fields}); yang tidak dinyatakan tidak "
                "dianggap terpenuhi.",
                style="dim",
            )
        )
        return parts
    table = report_table()
    table.add_column("Syarat", ratio=1, overflow="fold")
    table.add_column("Minimal", justify="right", no_wrap=True)
    table.add_column("Dinyatakan", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    order = {"not_met": 0, "not_stated": 1, "met": 2}
    for r in sorted(relevant, key=lambda r: order[r.status]):
        table.add_row(r.description, r.required, r.stated or "-", _PRE_STATUS[r.status])
    parts.append(table)
    for source in dict.fromkeys(r.source for r in relevant if r.source):
        parts.append(Text(f"sumber: {source}", style="dim"))
    return parts


def _gates_part(gates: tuple[GateResult, ...]) -> list[Text | Table]:
    if not gates:
        return []
    parts: list[Text | Table] = [Text(""), Text("Tahapan", style="bold")]
    for gate in gates:
        line = Text(f"{gate.name}: ")
        line.append(*((MET, "green") if gate.met else (NOT_MET, "bold red")))
        for cond in gate.conditions:
            if not cond.met:
                line.append(
                    f"; {cond.description} {actual_text(cond)} (minimal {required_text(cond)})"
                )
        parts.append(line)
        sources = f"sumber: {gate.source}" if gate.source else ""
        if gate.confidence:
            sources += f"; keyakinan: {gate.confidence}"
        if sources:
            parts.append(Text("  " + sources.lstrip("; "), style="dim"))
    return parts


def _header(result: Assessment) -> Text:
    name, details = unit_facts(result)
    text = Text(name, style="bold")
    text.append("\n" + " · ".join(details))
    if result.card.blank == "skip":
        text.append("\n" + BLANK_SKIP_NOTE)
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
            parts.append(Text("Peringatan:", style="bold yellow"))
            parts += [Text(f"- {w.message}") for w in result.card.warnings]
        return to_text(parts, options)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Tables leave invalid input to the stderr lines."""
        return None


FORMATTER = TableFormatter()
