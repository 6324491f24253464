"""``--format table`` for a batch: one row per unit, sorted by total, then counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.console import RenderableType
from rich.text import Text

from zicli.render.console import report_table, to_text
from zicli.render.escape import terminal
from zicli.render.options import RenderOptions

from . import BaseFormatter, Summary, UnitRow, short_failures

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment

NAME = "table"
_SHORT = (
    ("Kantor Wilayah Kementerian Agama", "Kanwil Kemenag"),
    ("Kantor Kementerian Agama", "Kankemenag"),
)


def short_name(name: str) -> str:
    """The usual short forms (Kankemenag, Kanwil Kemenag), to fit 80 columns."""
    for long, short in _SHORT:
        if name.startswith(long):
            return short + name[len(long) :]
    return name


CELL_LIMIT = 1000
"""Characters kept of each text of a row: no table is wider (``--width`` <= 1000)."""


class _Row(NamedTuple):
    """What the summary table shows of one unit, and nothing else: the table is drawn
    at the end, so a batch of 50,000 files keeps 50,000 of these (a few short
    strings each, at most :data:`CELL_LIMIT` characters apiece), never the units'
    results, problems or payloads."""

    key: tuple[int, float, str]
    valid: bool
    unit: str
    period: str
    total: str
    predicate: str
    gate_failed: bool
    complete: str
    detail: str


def _cut(text: str) -> str:
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def _compact(row: UnitRow) -> _Row:
    key = (0 if row.valid else 1, -float(row.total or 0), row.file)
    if not row.valid:
        first = row.errors[0].message if row.errors else "invalid"
        return _Row(key, False, _cut(terminal(row.file)), "", "", "", False, "", _cut(first))
    return _Row(
        key,
        True,
        _cut(terminal(short_name(row.name or row.file))),
        _cut(terminal(row.period or "")),
        str(row.total),
        row.predicate or "",
        bool(row.threshold_failures),
        f"{row.answered}/{row.questions}",
        _cut(short_failures(row)),
    )


class Formatter(BaseFormatter):
    """The summary table (with ``--detail``, each unit's report first)."""

    def __init__(self) -> None:
        self.rows: list[_Row] = []
        self.options = RenderOptions()

    @staticmethod
    def prepare(result: Assessment, options: RenderOptions) -> str | None:
        """With ``--detail``, the unit's full report (drawn in the worker)."""
        if not options.detail:
            return None
        from zicli.render.score.table import FORMATTER

        return FORMATTER.assessment(result, options)

    def begin(self, options: RenderOptions) -> str:
        """Remember the width and colour."""
        self.options = options
        return ""

    def unit(self, row: UnitRow) -> str:
        """Keep the row; print its detail report now when there is one."""
        self.rows.append(_compact(row))
        return row.prepared.get(NAME, "")

    def end(self, summary: Summary) -> str:
        """The table and the counts."""
        table = report_table()
        table.add_column("Unit", ratio=1, no_wrap=True, overflow="ellipsis", min_width=16)
        table.add_column("Periode", no_wrap=True)
        table.add_column("Total", justify="right", no_wrap=True)
        table.add_column("Predikat", no_wrap=True)
        table.add_column("Lengkap", justify="right", no_wrap=True)
        table.add_column("Belum terpenuhi", no_wrap=True, overflow="ellipsis", max_width=20)
        for row in sorted(self.rows, key=lambda r: r.key):
            if not row.valid:
                table.add_row(
                    Text(row.unit, style="red"),
                    "",
                    "",
                    Text("tidak valid", style="bold red"),
                    "",
                    terminal(row.detail),
                )
                continue
            style = "green" if row.predicate else "red"
            label = Text(row.predicate or "Belum", style=style)
            if row.gate_failed:
                label.append(" !", style="bold red")
            table.add_row(row.unit, row.period, row.total, label, row.complete, row.detail)
        counts = " · ".join(
            f"{'Belum' if k == 'none' else k}: {v}" for k, v in sorted(summary.predicates.items())
        )
        foot = f"{summary.files} berkas · {counts or '-'} · tidak valid: {summary.invalid}"
        if summary.thresholds:
            foot += f" · gagal gerbang (!): {summary.threshold_failures}"
        parts: list[RenderableType] = [table, Text(foot, style="bold")]
        return to_text(parts, self.options)
