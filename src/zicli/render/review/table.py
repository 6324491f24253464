"""``zi review``: every node's score per layer, the verdict per layer, what each
layer changed with its note, and the follow-up of the notes per PIC."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from zicli.engine.review import ReviewReport
from zicli.errors import Problem
from zicli.models.answers import AnswerRecord, answer_to_text
from zicli.models.criteria import TOTAL
from zicli.render.common import actual_text, num, required_text, signed
from zicli.render.console import report_table, to_text
from zicli.render.options import RenderOptions

from . import layer_label

_SUMMARY_KINDS = {"komponen", "aspek", "area", "subkomponen"}
_DEPTH = {"komponen": 0, "aspek": 1, "area": 2, "subkomponen": 2}


def _answer(record: AnswerRecord | None) -> str:
    if record is None:
        return "kosong"
    text = answer_to_text(record.value)
    return "isian" if len(text) > 9 else text


def _scores(report: ReviewReport) -> Table:
    index = report.results[0].card.index
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column("Komponen / Area", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Bobot", justify="right", no_wrap=True)
    for layer in report.layers:
        table.add_column(Text(layer_label(layer.name)), justify="right", no_wrap=True)
    for node in index.nodes.values():
        if node.kind not in _SUMMARY_KINDS:
            continue
        table.add_row(
            Text(node.id),
            Text("  " * _DEPTH[node.kind] + node.label),
            num(index.weights.get(node.id)),
            *(num(r.card.scores[node.id]) for r in report.results),
        )
    table.add_section()
    table.add_row(
        "TOTAL",
        "Nilai Evaluasi Zona Integritas",
        num(index.weights[TOTAL]),
        *(num(r.card.total) for r in report.results),
    )
    return table


def _verdicts(report: ReviewReport) -> Table:
    table = report_table()
    table.add_column("Syarat", ratio=1, overflow="fold")
    table.add_column("Minimal", justify="right", no_wrap=True)
    for layer in report.layers:
        table.add_column(Text(layer_label(layer.name)), justify="right", no_wrap=True)
    table.add_row(
        "Predikat (* sementara: ada jawaban kosong)"
        if any(r.verdict.provisional for r in report.results)
        else "Predikat",
        "",
        *(
            Text((r.verdict.predicate or "belum") + ("*" if r.verdict.provisional else ""))
            for r in report.results
        ),
    )
    first = report.results[0].verdict
    for i, predicate in enumerate(first.results):
        table.add_section()
        table.add_row(
            Text(f"Syarat {predicate.name}", style="bold"),
            "",
            *("terpenuhi" if r.verdict.results[i].met else "BELUM" for r in report.results),
        )
        for j, cond in enumerate(predicate.conditions):
            cells = []
            for r in report.results:
                theirs = r.verdict.results[i].conditions[j]
                cells.append(actual_text(theirs) + ("" if theirs.met else " x"))
            table.add_row(Text(cond.description), required_text(cond), *cells)
    return table


def _differences(report: ReviewReport) -> list[RenderableType]:
    if not report.differences:
        return [Text("Tidak ada jawaban yang diubah atau diberi catatan oleh penilai.")]
    changed = sum(1 for d in report.differences if d.changed)
    head = (
        f"Jawaban yang diubah penilai ({changed}) dan catatan "
        f"({len(report.differences) - changed} tanpa perubahan):"
    )
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column("Lapisan", no_wrap=True)
    table.add_column("Lama", justify="center", no_wrap=True)
    table.add_column("Baru", justify="center", no_wrap=True)
    table.add_column("Efek", justify="right", no_wrap=True)
    table.add_column("Catatan", ratio=1, overflow="fold")
    for d in report.differences:
        table.add_row(
            Text(d.id),
            Text(f"{layer_label(d.below)}→{layer_label(d.layer)}"),
            Text(_answer(d.before)),
            Text(_answer(d.after) if d.changed else "sama"),
            signed(d.effect) if d.changed else "",
            Text(d.note or ""),
        )
    return [Text(head), table]


def _follow_up(report: ReviewReport) -> list[RenderableType]:
    if not report.progress:
        return []
    table = report_table()
    table.add_column("PIC", ratio=1, overflow="fold")
    table.add_column("Terbuka", justify="right", no_wrap=True)
    table.add_column("Selesai", justify="right", no_wrap=True)
    table.add_column("Lewat tenggat", justify="right", no_wrap=True)
    for p in report.progress:
        table.add_row(Text(p.pic), str(p.open), str(p.done), str(p.overdue))
    out: list[RenderableType] = [
        Text(""),
        Text(f"Tindak lanjut per PIC (per {report.today.isoformat()}):"),
        table,
    ]
    late = [i for i in report.follow_ups if i.overdue]
    for item in late:
        due = item.follow_up.due.isoformat() if item.follow_up.due else "-"
        out.append(
            Text(
                f"lewat tenggat: {item.id} ({layer_label(item.layer)}), "
                f"{item.follow_up.pic}, tenggat {due}"
            )
        )
    return out


def render(report: ReviewReport, options: RenderOptions) -> str:
    """The layers side by side, as text."""
    card = report.results[0].card
    files = [
        Text(
            f"{layer_label(layer.name)}: {layer.file}"
            + (f" ({layer.reviewer})" if layer.reviewer else "")
        )
        for layer in report.layers
    ]
    parts: list[RenderableType] = [
        Text(card.unit.name, style="bold"),
        Text(f"Lapisan penilaian · periode {card.unit.period} · {card.index.criteria.short_title}"),
        *files,
        Text(""),
        _scores(report),
        Text(""),
        _verdicts(report),
        Text(""),
        *_differences(report),
        *_follow_up(report),
    ]
    return to_text(parts, options)


class _Formatter:
    """``--format table``."""

    def review(self, report: ReviewReport, options: RenderOptions) -> str:
        """See :func:`render`."""
        return render(report, options)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Tables leave invalid input to the stderr lines."""
        return None


FORMATTER = _Formatter()
