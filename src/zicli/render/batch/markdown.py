"""``--format markdown``: a summary for pull-request comments and CI job summaries."""

from __future__ import annotations

from zicli.i18n import _, ngettext
from zicli.render.escape import md_code, md_text
from zicli.render.options import RenderOptions

from . import (
    INVALID,
    NOT_MET_COLUMN,
    BaseFormatter,
    Summary,
    UnitRow,
    failures_note,
    predicate_counts,
    short_failures,
)
from .rows import row_predicate_label


def _sort_key(row: UnitRow) -> tuple[int, float, str]:
    return (0 if row.valid else 1, -float(row.total or 0), row.file)


def _line(row: UnitRow) -> str:
    if not row.valid:
        first = str(row.errors[0]) if row.errors else _(INVALID)
        return f"| {md_code(row.file)} | | | | {_(INVALID)} | | | {md_text(first)} |"
    mark = " ⚠" if row.threshold_failures else ""
    complete = f"{row.answered}/{row.questions}"
    return (
        f"| {md_text(row.name or '')} | {row.period} | {md_text(row.pack or '')} | {row.total} | "
        f"{md_text(row_predicate_label(row))}{mark} | {complete} | "
        f"{row.answered - row.without_evidence}/{row.answered} | "
        f"{md_text(short_failures(row))} |"
    )


class Formatter(BaseFormatter):
    """A Markdown table, sorted by total, with counts per predicate."""

    def __init__(self) -> None:
        # (sort key, the row's Markdown line): the whole table is written at the end,
        # so only each unit's line is kept, never its result or problems
        self.rows: list[tuple[tuple[int, float, str], str]] = []

    def begin(self, options: RenderOptions) -> str:
        """Nothing until the end."""
        return ""

    def unit(self, row: UnitRow) -> str:
        """Keep the row's line."""
        self.rows.append((_sort_key(row), _line(row)))
        return ""

    def end(self, summary: Summary) -> str:
        """The whole summary."""
        head = [
            _("Unit"),
            _("Period"),
            _("Criteria"),
            _("Total"),
            _("Predicate"),
            _("Complete"),
            _("Evidence"),
            _(NOT_MET_COLUMN),
        ]
        lines = [
            "## " + _("zi: Zona Integritas assessment results"),
            "",
            "| " + " | ".join(head) + " |",
            "| --- | --- | --- | ---: | --- | ---: | ---: | --- |",
        ]
        lines += [line for _key, line in sorted(self.rows, key=lambda r: r[0])]
        files = ngettext("{n} file", "{n} files", summary.files).format(n=summary.files)
        lines += [
            "",
            _("**{files}**: {counts}; invalid: {invalid}; gate failures: {failures}.").format(
                files=files,
                counts=md_text(predicate_counts(summary, ", ")),  # predicate ids: the pack's
                invalid=summary.invalid,
                failures=summary.threshold_failures,
            ),
            failures_note(summary),
        ]
        if summary.thresholds:
            gates = ", ".join(
                f"`--{k.replace('_', '-')} {v}`" for k, v in summary.thresholds.items()
            )
            lines.append(_("Gates: {gates}. ⚠ = gate failed.").format(gates=gates))
        return "\n".join(lines) + "\n"
