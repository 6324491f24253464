"""``--format table`` for a batch: one row per unit, sorted by total, then counts."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.text import Text

from zicli.render.console import report_table, to_text
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


def _sort_key(row: UnitRow) -> tuple[int, float, str]:
    return (0 if row.valid else 1, -float(row.total or 0), row.file)


class Formatter(BaseFormatter):
    """The summary table (with ``--detail``, each unit's report first)."""

    def __init__(self) -> None:
        self.rows: list[UnitRow] = []
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
        self.rows.append(dataclasses.replace(row, prepared={}))  # keep rows small
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
        for row in sorted(self.rows, key=_sort_key):
            if not row.valid:
                first = row.errors[0].message if row.errors else "invalid"
                table.add_row(
                    Text(row.file, style="red"),
                    "",
                    "",
                    Text("tidak valid", style="bold red"),
                    "",
                    first,
                )
                continue
            style = "green" if row.predicate else "red"
            label = Text(row.predicate or "Belum", style=style)
            if row.threshold_failures:
                label.append(" !", style="bold red")
            table.add_row(
                short_name(row.name or row.file),
                row.period or "",
                str(row.total),
                label,
                f"{row.answered}/{row.questions}",
                short_failures(row),
            )
        counts = " · ".join(
            f"{'Belum' if k == 'none' else k}: {v}" for k, v in sorted(summary.predicates.items())
        )
        foot = f"{summary.files} berkas · {counts or '-'} · tidak valid: {summary.invalid}"
        if summary.thresholds:
            foot += f" · gagal gerbang (!): {summary.threshold_failures}"
        parts: list[RenderableType] = [table, Text(foot, style="bold")]
        return to_text(parts, self.options)
