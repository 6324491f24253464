"""``zi evidence``: coverage per area, then what is missing or at risk."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from zicli.engine.evidence import STATUSES, EvidenceReport, QuestionEvidence
from zicli.errors import Problem
from zicli.models.answers import answer_to_text
from zicli.render.console import report_table, to_text
from zicli.render.options import RenderOptions

from . import STATUS_LABELS, EvidenceView


def summary_line(report: EvidenceReport) -> str:
    """``34 jawaban tanpa data dukung (30 berisiko)``: the line a verdict panel shows."""
    line = f"{report.without_evidence} jawaban tanpa data dukung"
    if report.counts["hilang"]:
        line += f" ({report.counts['hilang']} dengan berkas hilang)"
    return line


def _areas(report: EvidenceReport) -> Table:
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column("Area", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Lengkap", justify="right", no_wrap=True)
    table.add_column("Hilang", justify="right", no_wrap=True)
    table.add_column("Tanpa", justify="right", no_wrap=True)
    table.add_column("Belum", justify="right", no_wrap=True)
    table.add_column("Berisiko", justify="right", no_wrap=True)
    for area in report.areas:
        table.add_row(
            Text(area.id),
            Text(area.name),
            *(str(area.counts[s]) for s in STATUSES),
            str(area.at_risk),
        )
    table.add_section()
    table.add_row("JUMLAH", "", *(str(report.counts[s]) for s in STATUSES), str(report.at_risk))
    return table


def _entry_text(q: QuestionEvidence) -> str:
    broken = [e for e in q.entries if not e.ok]
    if broken:
        return "; ".join(
            f"{e.text} ({e.state.replace('_', ' ')}{': ' + e.detail if e.detail else ''})"
            for e in broken
        )
    return "perlu: " + q.hints[0] if q.hints else "tidak ada data dukung"


def _questions(view: EvidenceView, rows: list[QuestionEvidence]) -> Table:
    card = view.result.card
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column("Jawaban", justify="center", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Data dukung", ratio=1, overflow="fold")
    for q in rows:
        record = card.answers.get(q.id)
        answer = answer_to_text(record.value) if record else "-"
        if len(answer) > 9:
            answer = "isian"
        status = STATUS_LABELS[q.status] + (" !" if q.at_risk else "")
        table.add_row(Text(q.id), Text(answer), status, Text(_entry_text(q)))
    return table


def _verify(view: EvidenceView) -> list[RenderableType]:
    changes = view.changes
    if changes is None:
        return []
    counts = (
        f"{len(changes.changed)} berubah, {len(changes.added)} ditambah, "
        f"{len(changes.removed)} dihapus, {changes.unchanged} sama"
    )
    out: list[RenderableType] = [Text(""), Text(f"Manifest: {view.manifest}"), Text(counts)]
    if changes.clean:
        out.append(Text("Data dukung sama dengan yang tercatat di manifest."))
        return out
    table = report_table()
    table.add_column("Perubahan", no_wrap=True)
    table.add_column("Butir", no_wrap=True)
    table.add_column("Berkas", ratio=1, overflow="fold")
    for old, _ in changes.changed:
        table.add_row("berubah", Text(old.question), Text(old.path))
    for item in changes.added:
        table.add_row("ditambah", Text(item.question), Text(item.path))
    for item in changes.removed:
        table.add_row("dihapus", Text(item.question), Text(item.path))
    out.append(table)
    return out


def render(view: EvidenceView, options: RenderOptions) -> str:
    """Coverage per area; questions with missing files; answers at risk."""
    card, report = view.result.card, view.report
    unit = card.unit
    parts: list[RenderableType] = [
        Text(unit.name, style="bold"),
        Text(
            f"Data dukung · periode {unit.period} · {card.index.criteria.short_title} · "
            f"akar: {view.root}"
        ),
        Text(""),
        _areas(report),
        Text(""),
        Text(
            f"{summary_line(report)}; {report.at_risk} jawaban berisiko (di atas opsi "
            "terendah tanpa data dukung lengkap, ditandai !)."
        ),
    ]
    missing = [q for q in report.questions if q.status == "hilang"]
    if missing:
        parts += [Text(""), Text("Berkas yang hilang:"), _questions(view, missing)]
    risky = [q for q in report.questions if q.at_risk and q.status != "hilang"]
    if risky and options.detail:
        parts += [Text(""), Text("Jawaban berisiko:"), _questions(view, risky)]
    elif risky:
        parts.append(Text(""))
        parts.append(
            Text("--detail mendaftar setiap jawaban berisiko dengan data dukung yang diminta.")
        )
    parts += _verify(view)
    if view.written is not None:
        parts += [Text(""), Text(f"Manifest ditulis: {view.written}")]
    return to_text(parts, options)


class _Formatter:
    """``--format table``."""

    def evidence(self, view: EvidenceView, options: RenderOptions) -> str:
        """See :func:`render`."""
        return render(view, options)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Tables leave invalid input to the stderr lines."""
        return None


FORMATTER = _Formatter()
