"""``--format markdown``: a summary for pull-request comments and CI job summaries."""

from __future__ import annotations

from zicli.render.common import md_cell as _cell
from zicli.render.options import RenderOptions

from . import BaseFormatter, Summary, UnitRow, short_failures
from .rows import row_predicate_label


def _sort_key(row: UnitRow) -> tuple[int, float, str]:
    return (0 if row.valid else 1, -float(row.total or 0), row.file)


class Formatter(BaseFormatter):
    """A Markdown table, sorted by total, with counts per predicate."""

    def __init__(self) -> None:
        self.rows: list[UnitRow] = []

    def begin(self, options: RenderOptions) -> str:
        """Nothing until the end."""
        return ""

    def unit(self, row: UnitRow) -> str:
        """Keep the row (without its payloads)."""
        self.rows.append(row)
        return ""

    def end(self, summary: Summary) -> str:
        """The whole summary."""
        lines = [
            "## zi: hasil penilaian Zona Integritas",
            "",
            "| Unit | Periode | Kriteria | Total | Predikat | Lengkap | Belum terpenuhi |",
            "| --- | --- | --- | ---: | --- | ---: | --- |",
        ]
        for row in sorted(self.rows, key=_sort_key):
            if not row.valid:
                first = str(row.errors[0]) if row.errors else "invalid"
                lines.append(f"| `{_cell(row.file)}` | | | | tidak valid | | {_cell(first)} |")
                continue
            mark = " ⚠" if row.threshold_failures else ""
            complete = f"{row.answered}/{row.questions}"
            lines.append(
                f"| {_cell(row.name or '')} | {row.period} | {row.pack} | {row.total} | "
                f"{row_predicate_label(row)}{mark} | {complete} | {_cell(short_failures(row))} |"
            )
        counts = ", ".join(
            f"{'Belum' if k == 'none' else k}: {v}" for k, v in sorted(summary.predicates.items())
        )
        lines += [
            "",
            f"**{summary.files} berkas**: {counts or '-'}; tidak valid: {summary.invalid}; "
            f"gagal gerbang: {summary.threshold_failures}.",
        ]
        if summary.thresholds:
            gates = ", ".join(
                f"`--{k.replace('_', '-')} {v}`" for k, v in summary.thresholds.items()
            )
            lines.append(f"Gerbang: {gates}. ⚠ = gagal gerbang.")
        return "\n".join(lines) + "\n"
