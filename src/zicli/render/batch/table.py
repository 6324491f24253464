"""``--format table`` for a batch: one row per unit, sorted by total, then counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from zicli.i18n import _, ngettext
from zicli.render.console import report_table, to_text
from zicli.render.escape import terminal
from zicli.render.options import RenderOptions

from . import (
    INVALID,
    NOT_MET_COLUMN,
    NOT_YET,
    BaseFormatter,
    Summary,
    UnitRow,
    failures_note,
    predicate_counts,
    short_failures,
)

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment

NAME = "table"
_SHORT = (
    ("Kantor Wilayah Kementerian Agama", "Kanwil Kemenag"),
    ("Kantor Kementerian Agama", "Kankemenag"),
)


_WIDE = 100


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
    """The unmet conditions in words, or an invalid file's first problem."""
    evidence: str = ""
    """Answers with complete data dukung, of those answered ('31/34')."""
    without_evidence: int = 0


def _cut(text: str) -> str:
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def _compact(row: UnitRow) -> _Row:
    key = (0 if row.valid else 1, -float(row.total or 0), row.file)
    if not row.valid:
        first = row.errors[0].message if row.errors else _(INVALID)
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
        _cut(short_failures(row)) if row.failed else "",
        f"{row.answered - row.without_evidence}/{row.answered}",
        row.without_evidence,
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
        # Below this width the unmet conditions get their own lines under the table: in
        # a column they would squeeze the unit names into fragments.
        in_column = (self.options.width or 80) >= _WIDE
        table = report_table()
        # Names (and conditions) wrap, a cut name can hide which unit it is; numbers
        # never do. The room left is shared: a third to names, the rest to conditions.
        width = self.options.width or 80
        names = [len(r.unit) for r in self.rows] or [4]
        # the fixed columns take about 45; names get what they need up to half the rest
        fit = max(names) <= (width - 45) // 2
        if in_column and fit:
            table.add_column(_("Unit"), overflow="fold", min_width=max(names))
        else:
            table.add_column(_("Unit"), ratio=1, overflow="fold")
        table.add_column(_("Period"), no_wrap=True)
        table.add_column(_("Total"), justify="right", no_wrap=True)
        table.add_column(_("Predicate"), no_wrap=True)
        table.add_column(_("Complete"), justify="right", no_wrap=True)
        if in_column:
            # the data dukung column needs room: below this width the footer gives
            # the count over the run
            table.add_column(_("Evidence"), justify="right", no_wrap=True)
            table.add_column(_(NOT_MET_COLUMN), ratio=1, overflow="fold")
        listed = Table.grid(padding=(0, 1, 0, 0))
        listed.add_column(no_wrap=True)
        listed.add_column(ratio=1)
        invalid, not_yet = _(INVALID), _(NOT_YET)
        for row in sorted(self.rows, key=lambda r: r.key):
            if not row.valid:
                first = terminal(row.detail)
                cells: list[RenderableType] = [
                    Text(row.unit, style="red"),
                    "",
                    "",
                    Text(invalid, style="bold red"),
                    "",
                ]
                if in_column:
                    table.add_row(*cells, "", first)
                else:
                    table.add_row(*cells)
                    listed.add_row("-", Text(f"{row.unit}: {first}"))
                continue
            style = "green" if row.predicate else "red"
            label = Text(row.predicate or not_yet, style=style)
            if row.gate_failed:
                label.append(" !", style="bold red")
            cells = [row.unit, row.period, row.total, label, row.complete]
            if in_column:
                table.add_row(*cells, row.evidence, row.detail)
            else:
                table.add_row(*cells)
                if row.detail:
                    listed.add_row("-", f"{row.unit} ({row.period}): {row.detail}")
        files = ngettext("{n} file", "{n} files", summary.files).format(n=summary.files)
        foot = _("{files} · {counts} · invalid: {invalid}").format(
            files=files, counts=predicate_counts(summary, " · "), invalid=summary.invalid
        )
        if summary.thresholds:
            foot += " · " + _("gate failures (!): {n}").format(n=summary.threshold_failures)
        missing = sum(r.without_evidence for r in self.rows if r.valid)
        if missing:
            foot += " · " + _("without evidence: {n}").format(n=missing)
        parts: list[RenderableType] = [table, Text(foot, style="bold")]
        if any(row.valid and row.detail for row in self.rows):
            parts.append(Text(failures_note(summary), style="dim"))
        if listed.row_count:
            parts.append(listed)
        return to_text(parts, self.options)
