"""``zi diff`` and ``zi trend`` as rich tables (the default format).

Readable at 80 columns; without colour it is plain text with the same layout,
which the golden tests pin down. Rises are green with ▲, falls red with ▼.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from zicli.engine.diff import FolderDiff, Trend, UnitDiff
from zicli.errors import Problem
from zicli.models.criteria import TOTAL, Node
from zicli.render.common import DEPTH, MET, SUMMARY_KINDS, actual_text, num, required_text
from zicli.render.console import report_table, to_text
from zicli.render.diff import (
    CAUSE_LABELS,
    arrow,
    counts_detail,
    criteria_note,
    criteria_text,
    delta_text,
    periods_text,
    predicate_change_word,
    predicate_short,
    short_answer,
    sparkline,
    unit_name,
    verdict_label,
)
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
    table.add_column("Lama", justify="right", no_wrap=True)
    table.add_column("Baru", justify="right", no_wrap=True)
    table.add_column("Selisih", justify="right", no_wrap=True)


def _header(diff: UnitDiff) -> Text:
    text = Text(unit_name(diff), style="bold")
    text.append(f"\n{periods_text(diff)} · {criteria_text(diff)}")
    text.append("\nPredikat: ", style="bold")
    old, new = verdict_label(diff.old), verdict_label(diff.new)
    step = diff.predicate_step
    style = "bold green" if step > 0 else "bold red" if step < 0 else "bold"
    text.append(f"{old} -> {new}", style=style)
    text.append(f" ({predicate_change_word(diff)})")
    text.append("\nNilai total: ", style="bold")
    text.append(f"{num(diff.total.old)} -> {num(diff.total.new)} (")
    text.append_text(_delta(diff.total.delta))
    text.append(")")
    return text


def _nodes(diff: UnitDiff) -> Table:
    index = diff.new.card.index
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column("Komponen / Area", ratio=1, no_wrap=True, overflow="ellipsis")
    _numbers(table)

    def add(node: Node) -> None:
        if node.kind not in SUMMARY_KINDS:
            return
        change = diff.nodes[node.id]
        style = _STYLE.get(node.kind, "")
        table.add_row(
            Text(node.id, style=style),
            Text("  " * DEPTH[node.kind] + node.label, style=style),
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
        Text("Nilai Evaluasi Zona Integritas", style="bold"),
        num(diff.total.old),
        Text(num(diff.total.new), style="bold"),
        _delta(diff.total.delta),
    )
    return table


def _conditions(diff: UnitDiff) -> list[RenderableType]:
    if not diff.conditions:
        return [Text("Syarat predikat: tidak ada yang berubah.")]
    table = report_table()
    table.add_column("Kini", no_wrap=True)
    table.add_column("Predikat", no_wrap=True)
    table.add_column("Syarat", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Minimal", justify="right", no_wrap=True)
    table.add_column("Lama", justify="right", no_wrap=True)
    table.add_column("Baru", justify="right", no_wrap=True)
    for change in diff.conditions:
        cond = change.new
        state = Text(MET, style="green") if change.newly_met else Text("GAGAL", style="bold red")
        table.add_row(
            state,
            change.predicate,
            cond.description,
            required_text(cond),
            actual_text(change.old),
            actual_text(cond),
        )
    return [Text("Syarat yang berubah:", style="bold"), table]


def _changes(diff: UnitDiff) -> list[RenderableType]:
    if not diff.changes:
        return [Text("Tidak ada jawaban yang berubah.")]
    index = diff.new.card.index
    head = Text(f"Jawaban yang berubah ({len(diff.changes)}), efek terbesar dulu:", style="bold")
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column("Butir", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Lama", justify="center", no_wrap=True)
    table.add_column("Baru", justify="center", no_wrap=True)
    table.add_column("Sebab", no_wrap=True)
    table.add_column("Efek", justify="right", no_wrap=True)
    details: list[RenderableType] = []
    for change in diff.changes:
        table.add_row(
            change.id,
            index.nodes[change.id].label,
            short_answer(change.old),
            short_answer(change.new),
            CAUSE_LABELS[change.cause],
            _delta(change.effect),
        )
        for line in counts_detail(change.old, change.new):
            details.append(Text(f"  {change.id}: {line}"))
    out: list[RenderableType] = [head, table]
    if details:
        out.append(Text("Isian jumlah yang berubah:"))
        out += details
    total = sum((c.effect for c in diff.changes), Fraction(0))
    out.append(
        Text(
            f"Jumlah efek {delta_text(total)} = selisih nilai total (tepat, tanpa pembulatan).",
            style="dim",
        )
    )
    return out


def _compared(diff: UnitDiff) -> list[RenderableType]:
    table = _table("Komponen / Area")
    _numbers(table)
    notes: list[str] = []
    for item in diff.compared:
        label = item.label
        if item.old_label != item.label and item.kind == "hasil":
            notes.append(f"{item.label} dipadankan menurut urutan dengan {item.old_label}")
        if item.weight.old != item.weight.new:
            label += " *"
            notes.append(f"* {item.label}: bobot {num(item.weight.old)} -> {num(item.weight.new)}")
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
        out.append(Text("Tidak sebanding (hanya di satu sisi):"))
        out += [Text(f"  {label}") for label in diff.not_comparable]
    return out


def unit_diff_view(diff: UnitDiff) -> list[RenderableType]:
    """The renderables of one unit's diff."""
    parts: list[RenderableType] = [_header(diff), Text("")]
    note = criteria_note(diff)
    if note is not None:
        parts.append(Text(note, style="yellow"))
        parts.append(Text(""))
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
    table = _table("Satuan kerja")
    _numbers(table)
    table.add_column("Predikat", no_wrap=True)
    cross = False
    for pair in diff.pairs:
        mark = ""
        if not pair.same_criteria:
            mark, cross = " *", True
        table.add_row(
            unit_name(pair) + mark,
            num(pair.total.old),
            num(pair.total.new),
            _delta(pair.total.delta),
            Text(_predicate_cell(pair), style="red" if pair.predicate_step < 0 else ""),
        )
    for gone in diff.removed:
        table.add_row(gone.card.unit.name, num(gone.card.total), "-", "-", "dihapus")
    for new in diff.added:
        table.add_row(
            new.card.unit.name, "-", num(new.card.total), "-", f"baru ({predicate_short(new)})"
        )
    count = len(diff.pairs) + len(diff.removed) + len(diff.added)
    parts: list[RenderableType] = [
        Text(
            f"{count} satuan kerja: {len(diff.pairs)} dibandingkan, "
            f"{len(diff.added)} baru, {len(diff.removed)} dihapus",
            style="bold",
        ),
        Text(""),
        table,
    ]
    if cross:
        parts.append(
            Text("* kriteria berbeda: hanya total, komponen dan area yang sebanding", style="dim")
        )
    regressed = [p for p in diff.pairs if p.regression]
    if regressed:
        parts.append(Text(f"Turun: {', '.join(p.new.card.unit.name for p in regressed)}"))
    return parts


def trend_view(trend: Trend) -> list[RenderableType]:
    """Periods as columns, one row per shared figure, a sparkline per row."""
    names = trend.units
    head = Text(" / ".join(names), style="bold")
    head.append(f"\n{len(trend.points)} periode: {', '.join(trend.periods)}")
    table = _table("Nilai")
    for period in trend.periods:
        table.add_column(period, justify="right", no_wrap=True)
    table.add_column("Tren", no_wrap=True)
    predicates = [predicate_short(p) for p in trend.points]
    for row in trend.rows:
        label = "Nilai total" if row.key == TOTAL else row.label
        style = "bold" if row.kind in ("total", "component") else ""
        table.add_row(
            Text(label, style=style),
            *[num(v) for v in row.values],
            sparkline(row.values),
        )
        if row.key == TOTAL:
            table.add_row("Predikat", *predicates, "")
    parts: list[RenderableType] = [head, Text(""), table]
    packs = {p.card.index.id for p in trend.points}
    if len(packs) > 1:
        parts.append(
            Text(
                "Kriteria berbeda antar periode: hanya total, komponen, area dan bagian hasil "
                "yang dibandingkan; '-' bila tidak ada padanannya.",
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
