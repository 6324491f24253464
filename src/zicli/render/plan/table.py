"""``zi plan --format table``: the plan for people (rich, 80 columns)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from zicli.engine.plan import Plan
from zicli.errors import Problem
from zicli.render.common import (
    MET,
    NOT_MET,
    actual_text,
    required_text,
    signed,
    uncertain,
)
from zicli.render.console import report_table, to_text
from zicli.render.options import RenderOptions
from zicli.render.plan import (
    UNCERTAIN,
    after_line,
    answer_change,
    before_line,
    blocker_lines,
    condition_labels,
    headline,
    hints,
    paired_conditions,
    score_command,
)


def _steps_table(result: Plan) -> Table:
    table = report_table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Butir", ratio=1, overflow="fold")
    table.add_column("Jawaban", overflow="fold", max_width=24)
    table.add_column("Nilai", justify="right", no_wrap=True)
    for n, step in enumerate(result.steps, 1):
        cell = Text(step.question.id, style="bold")
        cell.append("\n" + step.question.label)
        cell.append("\nmembantu: " + ", ".join(condition_labels(result, step.helps)), style="dim")
        change = answer_change(step) + (" *" if step.illustrative else "")
        table.add_row(str(n), cell, change, signed(step.gain))
    return table


def _conditions_table(result: Plan) -> Table:
    table = report_table()
    table.add_column("Syarat", ratio=1, overflow="fold")
    table.add_column("Minimal", justify="right", no_wrap=True)
    table.add_column("Sebelum", justify="right", no_wrap=True)
    table.add_column("Sesudah", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for before, after in paired_conditions(result):
        status = Text(MET, style="green") if after.met else Text(NOT_MET, style="bold red")
        table.add_row(
            before.description + (" *" if uncertain(before.confidence) else ""),
            required_text(before),
            actual_text(before),
            actual_text(after),
            status,
        )
    return table


def _header(result: Plan) -> Text:
    card = result.before.card
    unit = card.unit
    text = Text(unit.name, style="bold")
    details = [d for d in (unit.instansi, f"periode {unit.period}") if d]
    details.append(card.index.criteria.short_title)
    if card.held:
        details.append(f"predikat saat ini: {card.held}")
    text.append("\n" + " · ".join(details))
    return text


def _bullet(text: str, mark: str, indent: int) -> Table:
    """``text`` after ``indent`` spaces and ``mark``, wrapped lines hanging under it."""
    grid = Table.grid(padding=0)
    grid.add_column(width=indent + len(mark), no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(" " * indent + mark, Text(text))
    return grid


class Formatter:
    """``--format table`` (the default)."""

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to the located lines on stderr."""
        return None

    def plan(self, result: Plan, options: RenderOptions) -> str:
        """The plan for a person at a terminal."""

        target = result.target
        parts: list[RenderableType] = [
            _header(result),
            Text(""),
            Text(f"Rencana untuk predikat {target.name} ({target.id})", style="bold"),
            Text(before_line(result)),
            Text(headline(result), style="bold green" if result.feasible else "bold red"),
        ]
        if result.frozen:
            parts.append(Text("Dibekukan: " + ", ".join(result.frozen)))
        if result.blockers:
            parts += [Text(""), Text("Penghalang:", style="bold red")]
            for blocker in result.blockers:
                first, *rest = blocker_lines(blocker, result)
                parts.append(_bullet(first, "- ", 0))
                parts += [_bullet(line, "", 2) for line in rest]
        if result.steps:
            parts += [Text(""), Text("Langkah, urut tambahan nilai:", style="bold")]
            parts.append(_steps_table(result))
            if any(s.illustrative for s in result.steps):
                parts.append(
                    Text(
                        "* butir kosong: jumlah ini hanya contoh rasio penuh; "
                        "isi jumlah sebenarnya",
                        style="dim",
                    )
                )
        if result.steps:
            parts += [Text(""), Text(after_line(result), style="bold")]
            parts.append(_conditions_table(result))
            if any(uncertain(c.confidence) for c in result.target_before.conditions):
                parts.append(Text(UNCERTAIN.format(pack=result.before.card.index.id), style="dim"))
        hinted = [(s, *hints(result.before.card.index, s.question)) for s in result.steps]
        hinted = [h for h in hinted if h[1] or h[2]]
        if hinted:
            parts += [Text(""), Text("Petunjuk dan data dukung:", style="bold")]
            for step, guidance, evidence in hinted:
                parts.append(Text(f"{step.question.id}", style="bold"))
                if guidance:
                    parts.append(_bullet(guidance, "", 2))
                parts += [_bullet(item, "- ", 2) for item in evidence]
        text = to_text(parts, options)
        if result.steps:
            # Plain lines, never wrapped, so the command can be copied as it is.
            lines = score_command(result)
            text += "\nCoba tanpa mengubah berkas:\n  " + " \\\n    ".join(lines) + "\n"
        return text
