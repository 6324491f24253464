"""``zi plan --format table``: the plan for people (rich, 80 columns)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from zicli.engine.plan import Plan
from zicli.errors import Problem
from zicli.i18n import _
from zicli.render.common import (
    MET_MSG,
    NOT_MET_MSG,
    actual_text,
    required_text,
    signed,
    uncertain,
    unit_facts,
)
from zicli.render.console import report_table, to_text
from zicli.render.escape import terminal
from zicli.render.options import RenderOptions
from zicli.render.plan import (
    after_line,
    answer_change,
    before_line,
    blocker_lines,
    condition_labels,
    facts_line,
    headline,
    hints,
    paired_conditions,
    score_command,
    stopped_note,
    uncertain_note,
    zero_rule_lines,
)


def _steps_table(result: Plan) -> Table:
    table = report_table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(_("Question"), ratio=1, overflow="fold")
    table.add_column(_("Answer"), overflow="fold", max_width=24)
    table.add_column(_("Score"), justify="right", no_wrap=True)
    for n, step in enumerate(result.steps, 1):
        cell = Text(step.question.id, style="bold")
        cell.append("\n" + terminal(step.question.label))
        helps = ", ".join(condition_labels(result, step.helps))
        cell.append("\n" + _("helps: {conditions}").format(conditions=helps), style="dim")
        change = answer_change(step) + (" *" if step.illustrative else "")
        table.add_row(str(n), cell, change, signed(step.gain))
    return table


def _conditions_table(result: Plan) -> Table:
    table = report_table()
    table.add_column(_("Condition"), ratio=1, overflow="fold")
    table.add_column(_("Minimum"), justify="right", no_wrap=True)
    table.add_column(_("Before"), justify="right", no_wrap=True)
    table.add_column(_("After"), justify="right", no_wrap=True)
    table.add_column(_("Status"), no_wrap=True)
    for before, after in paired_conditions(result):
        status = (
            Text(_(MET_MSG), style="green") if after.met else Text(_(NOT_MET_MSG), style="bold red")
        )
        table.add_row(
            before.description + (" *" if uncertain(before.confidence) else ""),
            required_text(before),
            actual_text(before),
            actual_text(after),
            status,
        )
    return table


def _header(result: Plan) -> Text:
    name, details = unit_facts(result.before)
    text = Text(terminal(name), style="bold")
    text.append("\n" + " · ".join(terminal(d) for d in details))
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
            Text(
                _("Plan for the predicate {name} ({id})").format(name=target.name, id=target.id),
                style="bold",
            ),
            Text(before_line(result)),
            Text(headline(result), style="bold green" if result.feasible else "bold red"),
        ]
        if note := stopped_note(result):
            parts.append(Text(note, style="yellow"))
        if result.frozen:
            parts.append(Text(_("Frozen: {questions}").format(questions=", ".join(result.frozen))))
        facts = facts_line(result)
        if facts:
            parts.append(Text(facts))
        if result.blockers:
            parts += [Text(""), Text(_("Blockers:"), style="bold red")]
            for blocker in result.blockers:
                first, *rest = blocker_lines(blocker, result)
                parts.append(_bullet(first, "- ", 0))
                parts += [_bullet(line, "", 2) for line in rest]
        if result.steps:
            parts += [Text(""), Text(_("Steps, by points gained:"), style="bold")]
            parts.append(_steps_table(result))
            if any(s.illustrative for s in result.steps):
                parts.append(
                    Text(
                        "* "
                        + _(
                            "blank question: these counts only illustrate a full ratio; "
                            "give the actual counts"
                        ),
                        style="dim",
                    )
                )
            parts += [Text(line, style="bold yellow") for line in zero_rule_lines(result)]
        if result.steps:
            parts += [Text(""), Text(after_line(result), style="bold")]
            parts.append(_conditions_table(result))
            if any(uncertain(c.confidence) for c in result.target_before.conditions):
                parts.append(Text(uncertain_note(result.before.card.index.id), style="dim"))
        hinted = [(s, *hints(result.before.card.index, s.question)) for s in result.steps]
        hinted = [h for h in hinted if h[1] or h[2]]
        if hinted:
            parts += [Text(""), Text(_("Guidance and data dukung:"), style="bold")]
            for step, guidance, evidence in hinted:
                parts.append(Text(f"{step.question.id}", style="bold"))
                if guidance:
                    parts.append(_bullet(guidance, "", 2))
                parts += [_bullet(item, "- ", 2) for item in evidence]
        text = to_text(parts, options)
        if result.steps:
            # Plain lines, never wrapped, so the command can be copied as it is.
            lines = [terminal(line) for line in score_command(result, options.score_args)]
            text += "\n" + _("Try it without changing the file:") + "\n  "
            text += " \\\n    ".join(lines) + "\n"
        return text
