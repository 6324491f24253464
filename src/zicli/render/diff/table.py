"""``zi diff`` and ``zi trend`` as rich tables (the default format).

Readable at 80 columns; without colour it is plain text with the same layout,
which the golden tests pin down. Rises are green with ▲, falls red with ▼.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from zicli.engine.diff import FolderDiff, Trend, UnitDiff
from zicli.errors import Problem
from zicli.i18n import _, ngettext
from zicli.models.criteria import TOTAL, Node
from zicli.render.common import (
    DEPTH,
    MET_MSG,
    SUMMARY_KINDS,
    TOTAL_LABEL_MSG,
    actual_text,
    num,
    required_text,
)
from zicli.render.console import report_table, to_text
from zicli.render.diff import (
    arrow,
    cause_label,
    counts_detail,
    criteria_note,
    delta_text,
    periods_text,
    predicate_change_word,
    predicate_short,
    short_answer,
    side_facts,
    sparkline,
    trend_labels,
    unit_name,
    verdict_label,
)
from zicli.render.escape import terminal
from zicli.render.options import RenderOptions

_STYLE = {"komponen": "bold", "aspek": "bold cyan"}


def _delta(delta: Fraction | None) -> Text:
    style = "" if not delta else "green" if delta > 0 else "red"
    mark = arrow(delta)
    return Text(f"{delta_text(delta)} {mark}".rstrip(), style=style)


def _table(label: str) -> Table:
    table = report_table()
    table.add_column(label, ratio=1, no_wrap=True, overflow="ellipsis")
    return table


def _numbers(table: Table) -> None:
    table.add_column(_("Old"), justify="right", no_wrap=True)
    table.add_column(_("New"), justify="right", no_wrap=True)
    table.add_column(_("Difference"), justify="right", no_wrap=True)


def _sides() -> Table:
    """Each side's unit header in a grid: a long one wraps under its facts, not
    under its label."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    return grid


def _header(diff: UnitDiff) -> Group:
    sides = _sides()
    for label, details in side_facts(diff):
        sides.add_row(f"{label}:", " · ".join(terminal(d) for d in details))
    text = Text(_("Predicate:") + " ", style="bold")
    old, new = verdict_label(diff.old), verdict_label(diff.new)
    step = diff.predicate_step
    style = "bold green" if step > 0 else "bold red" if step < 0 else "bold"
    text.append(f"{old} -> {new}", style=style)
    text.append(f" ({predicate_change_word(diff)})")
    text.append("\n" + _("Total score:") + " ", style="bold")
    text.append(f"{num(diff.total.old)} -> {num(diff.total.new)} (")
    text.append_text(_delta(diff.total.delta))
    text.append(")")
    # the title as Markdown's heading: the unit, then the periods (or layers) compared
    title = Text(f"{terminal(unit_name(diff))}: {terminal(periods_text(diff))}", style="bold")
    return Group(title, sides, text)


def _nodes(diff: UnitDiff) -> Table:
    index = diff.new.card.index
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column(_("Component / Area"), ratio=1, no_wrap=True, overflow="ellipsis")
    _numbers(table)

    def add(node: Node) -> None:
        if node.kind not in SUMMARY_KINDS:
            return
        change = diff.nodes[node.id]
        style = _STYLE.get(node.kind, "")
        table.add_row(
            Text(node.id, style=style),
            Text("  " * DEPTH[node.kind] + terminal(node.label), style=style),
            num(change.old),
            num(change.new),
            _delta(change.delta),
        )
        for child in node.children:
            add(child)

    for top in index.criteria.nodes:
        add(top)
    table.add_section()
    table.add_row(
        Text("TOTAL", style="bold"),
        Text(_(TOTAL_LABEL_MSG), style="bold"),
        num(diff.total.old),
        Text(num(diff.total.new), style="bold"),
        _delta(diff.total.delta),
    )
    return table


def _conditions(diff: UnitDiff) -> list[RenderableType]:
    if not diff.conditions:
        return [Text(_("Predicate conditions: none changed."))]
    table = report_table()
    table.add_column(_("Now"), no_wrap=True)
    table.add_column(_("Predicate"), no_wrap=True)
    table.add_column(_("Condition"), ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(_("Minimum"), justify="right", no_wrap=True)
    table.add_column(_("Old"), justify="right", no_wrap=True)
    table.add_column(_("New"), justify="right", no_wrap=True)
    for change in diff.conditions:
        cond = change.new
        state = (
            Text(_(MET_MSG), style="green")
            if change.newly_met
            else Text(_("FAILED"), style="bold red")
        )
        table.add_row(
            state,
            change.predicate,
            cond.description,
            required_text(cond),
            actual_text(change.old),
            actual_text(cond),
        )
    return [Text(_("Conditions that changed:"), style="bold"), table]


def _changes(diff: UnitDiff) -> list[RenderableType]:
    if not diff.changes:
        return [Text(_("No answer changed."))]
    index = diff.new.card.index
    n = len(diff.changes)
    head = Text(_("Changed answers ({n}), largest effect first:").format(n=n), style="bold")
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column(_("Question"), ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(_("Old"), justify="center", no_wrap=True)
    table.add_column(_("New"), justify="center", no_wrap=True)
    table.add_column(_("Cause"), no_wrap=True)
    table.add_column(_("Effect"), justify="right", no_wrap=True)
    details: list[RenderableType] = []
    for change in diff.changes:
        table.add_row(
            change.id,
            index.nodes[change.id].label,
            short_answer(change.old),
            short_answer(change.new),
            cause_label(change.cause),
            _delta(change.effect),
        )
        for line in counts_detail(change.old, change.new):
            details.append(Text(f"  {change.id}: {line}"))
    out: list[RenderableType] = [head, table]
    if details:
        out.append(Text(_("Count inputs that changed:")))
        out += details
    total = sum((c.effect for c in diff.changes), Fraction(0))
    out.append(
        Text(
            _("Sum of the effects {sum} = change of the total (exact, no rounding).").format(
                sum=delta_text(total)
            ),
            style="dim",
        )
    )
    return out


def _compared(diff: UnitDiff) -> list[RenderableType]:
    table = _table(_("Component / Area"))
    _numbers(table)
    notes: list[str] = []
    for item in diff.compared:
        label = _("Total score") if item.kind == "total" else item.label
        if item.old_label != item.label and item.kind == "hasil":
            notes.append(
                _("{label} matched by position with {old_label}").format(
                    label=item.label, old_label=item.old_label
                )
            )
        if item.weight.old != item.weight.new:
            notes.append(
                "* "
                + _("{label}: weight {old} -> {new}").format(
                    label=label, old=num(item.weight.old), new=num(item.weight.new)
                )
            )
            label += " *"
        style = "bold" if item.kind in ("total", "component") else ""
        table.add_row(
            Text(label, style=style),
            num(item.score.old),
            num(item.score.new),
            _delta(item.score.delta),
        )
    out: list[RenderableType] = [table]
    out += [Text(n, style="dim") for n in notes]
    if diff.not_comparable:
        out.append(Text(_("Not comparable (on one side only):")))
        out += [Text(f"  {label}") for label in diff.not_comparable]
    return out


def unit_diff_view(diff: UnitDiff) -> list[RenderableType]:
    """The renderables of one unit's diff."""
    parts: list[RenderableType] = [_header(diff), Text("")]
    note = criteria_note(diff)
    if note is not None:
        parts.append(Text(note, style="yellow"))
        parts.append(Text(""))
    if not diff.question_level:
        parts += _compared(diff)
        return parts
    parts += [_nodes(diff), Text("")]
    parts += _conditions(diff)
    parts.append(Text(""))
    parts += _changes(diff)
    return parts


def _predicate_cell(diff: UnitDiff) -> str:
    old, new = predicate_short(diff.old), predicate_short(diff.new)
    return new if old == new else f"{old} -> {new}"


def folder_view(diff: FolderDiff) -> list[RenderableType]:
    """A summary row per unit: matched, removed, added."""
    table = _table(_("Work unit"))
    _numbers(table)
    table.add_column(_("Predicate"), no_wrap=True)
    cross = False
    for pair in diff.pairs:
        mark = ""
        if not pair.question_level:
            mark, cross = " *", True
        table.add_row(
            terminal(unit_name(pair)) + mark,
            num(pair.total.old),
            num(pair.total.new),
            _delta(pair.total.delta),
            Text(_predicate_cell(pair), style="red" if pair.predicate_step < 0 else ""),
        )
    for gone in diff.removed:
        table.add_row(terminal(gone.card.unit.name), num(gone.card.total), "-", "-", _("removed"))
    for new in diff.added:
        table.add_row(
            terminal(new.card.unit.name),
            "-",
            num(new.card.total),
            "-",
            _("new ({predicate})").format(predicate=predicate_short(new)),
        )
    count = len(diff.pairs) + len(diff.removed) + len(diff.added)
    parts: list[RenderableType] = [
        Text(
            ngettext(
                "{count} unit: {compared} compared, {added} new, {removed} removed",
                "{count} units: {compared} compared, {added} new, {removed} removed",
                count,
            ).format(
                count=count,
                compared=len(diff.pairs),
                added=len(diff.added),
                removed=len(diff.removed),
            ),
            style="bold",
        ),
        Text(""),
        table,
    ]
    if cross:
        parts.append(
            Text(
                "* " + _("different criteria: only the total, components and areas are comparable"),
                style="dim",
            )
        )
    regressed = [p for p in diff.pairs if p.regression]
    if regressed:
        names = ", ".join(terminal(p.new.card.unit.name) for p in regressed)
        parts.append(Text(_("Down: {units}").format(units=names)))
    return parts


def trend_view(trend: Trend) -> list[RenderableType]:
    """Periods as columns, one row per shared figure, a sparkline per row."""
    names = trend.units
    head = Text(" / ".join(terminal(n) for n in names), style="bold")
    n = len(trend.points)
    labels = trend_labels(trend)
    head.append(
        "\n"
        + ngettext("{n} period: {periods}", "{n} periods: {periods}", n).format(
            n=n, periods=", ".join(labels)
        )
    )
    table = _table(_("Score"))
    for label in labels:
        table.add_column(label, justify="right", no_wrap=True)
    table.add_column(_("Trend"), no_wrap=True)
    predicates = [predicate_short(p) for p in trend.points]
    for row in trend.rows:
        label = _("Total score") if row.key == TOTAL else row.label
        style = "bold" if row.kind in ("total", "component") else ""
        table.add_row(
            Text(label, style=style),
            *[num(v) for v in row.values],
            sparkline(row.values),
        )
        if row.key == TOTAL:
            table.add_row(_("Predicate"), *predicates, "")
    parts: list[RenderableType] = [head, Text(""), table]
    packs = {p.card.index.id for p in trend.points}
    if len(packs) > 1:
        parts.append(
            Text(
                _(
                    "Different criteria across periods: only the total, components, areas "
                    "and hasil parts are compared; '-' where there is no counterpart."
                ),
                style="dim",
            )
        )
    return parts


class DiffTableFormatter:
    """``--format table`` of ``zi diff`` and ``zi trend``."""

    def unit_diff(self, diff: UnitDiff, options: RenderOptions) -> str:
        """One unit: header, area rows, changed conditions and answers."""
        return to_text(unit_diff_view(diff), options)

    def folder_diff(self, diff: FolderDiff, options: RenderOptions) -> str:
        """All units, one summary row each."""
        return to_text(folder_view(diff), options)

    def trend(self, trend: Trend, options: RenderOptions) -> str:
        """Periods as columns, with sparklines."""
        return to_text(trend_view(trend), options)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to the located lines on stderr."""
        return None


DIFF_FORMATTER = DiffTableFormatter()
TREND_FORMATTER = DIFF_FORMATTER
