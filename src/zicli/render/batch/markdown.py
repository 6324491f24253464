"""``--format markdown``: a summary for pull-request comments and CI job summaries."""

from __future__ import annotations

from zicli.render import RenderOptions

from . import Summary, UnitRow, short_failures
from .rows import predicate_text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _sort_key(row: UnitRow) -> tuple[int, float, str]:
    return (0 if row.valid else 1, -float(row.total or 0), row.file)


class Formatter:
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
            "| Unit | Periode | Kriteria | Total | Predikat | Lengkap | Bukti | Belum terpenuhi |",
            "| --- | --- | --- | ---: | --- | ---: | ---: | --- |",
        ]
        for row in sorted(self.rows, key=_sort_key):
            if not row.valid:
                first = str(row.errors[0]) if row.errors else "invalid"
                lines.append(f"| `{_cell(row.file)}` | | | | tidak valid | | | {_cell(first)} |")
                continue
            mark = " ⚠" if row.gate_failures else ""
            complete = f"{row.answered}/{row.questions}"
            lines.append(
                f"| {_cell(row.name or '')} | {row.period} | {row.pack} | {row.total} | "
                f"{predicate_text(row)}{mark} | {complete} | "
                f"{row.answered - row.without_evidence}/{row.answered} | "
                f"{_cell(short_failures(row))} |"
            )
        counts = ", ".join(
            f"{'Belum' if k == 'none' else k}: {v}" for k, v in sorted(summary.predicates.items())
        )
        lines += [
            "",
            f"**{summary.files} berkas**: {counts or '-'}; tidak valid: {summary.invalid}; "
            f"gagal gerbang: {summary.gate_failures}.",
        ]
        if summary.gates:
            gates = ", ".join(f"`--{k.replace('_', '-')} {v}`" for k, v in summary.gates.items())
            lines.append(f"Gerbang: {gates}. ⚠ = gagal gerbang.")
        return "\n".join(lines) + "\n"
