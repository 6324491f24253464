"""``--format csv``: one row per file, streamed; spreadsheet-friendly (UTF-8)."""

from __future__ import annotations

import csv
import io

from zicli.i18n import _
from zicli.render.escape import csv_cell
from zicli.render.options import RenderOptions

from . import INVALID, BaseFormatter, UnitRow

COLUMNS = (
    "file",
    "unit",
    "period",
    "criteria",
    "total",
    "predicate",
    "provisional",
    "answered",
    "questions",
    "failed_conditions",
    "gate_failures",
    "error",
    "without_evidence",
    "at_risk",
)


def _line(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([csv_cell(v) for v in values])
    return out.getvalue()


class Formatter(BaseFormatter):
    """Comma-separated values with a header row."""

    def begin(self, options: RenderOptions) -> str:
        """The header."""
        return _line(list(COLUMNS))

    def unit(self, row: UnitRow) -> str:
        """One data row."""
        if not row.valid:
            error = str(row.errors[0]) if row.errors else _(INVALID)
            return _line([row.file, "", "", "", "", "", "", "", "", "", "", error, "", ""])
        return _line(
            [
                row.file,
                row.name or "",
                row.period or "",
                row.pack or "",
                str(row.total),
                row.predicate or "",
                "true" if row.provisional else "false",
                str(row.answered),
                str(row.questions),
                " ".join(c.id for c in row.failed),
                "; ".join(row.threshold_failures),
                "",
                str(row.without_evidence),
                str(row.at_risk),
            ]
        )
