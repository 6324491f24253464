"""``--format github``: GitHub Actions workflow commands that annotate the files.

An invalid file gives an ``::error`` at its first problem's line; a unit that
fails a gate a ``::error`` on the file; every other unit a ``::notice``."""

from __future__ import annotations

from . import BaseFormatter, UnitRow
from .rows import row_predicate_label


def _escape(text: str, prop: bool = False) -> str:
    # workflow-command escaping: %, CR and LF always; ':' and ',' in properties
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


class Formatter(BaseFormatter):
    """Workflow commands, one or more per file."""

    def unit(self, row: UnitRow) -> str:
        """The annotations for one file."""
        file = _escape(row.file, prop=True)
        if not row.valid:
            lines = []
            for problem in row.errors:
                where = f"file={file}"
                if problem.line is not None:
                    where += f",line={problem.line}"
                    if problem.col is not None:
                        where += f",col={problem.col}"
                # the location is in the properties; the text is the rest of the line
                text = str(problem)[len(problem.location()) + 2 :]
                lines.append(f"::error {where},title=zi::{_escape(text)}\n")
            return "".join(lines)
        head = f"{row.name} ({row.period}): {row.total} {row_predicate_label(row)}"
        if row.threshold_failures:
            detail = "; ".join(row.threshold_failures)
            if row.failed:
                detail += " — belum: " + ", ".join(c.description for c in row.failed)
            return f"::error file={file},title=zi gate::{_escape(head + ' — ' + detail)}\n"
        return f"::notice file={file},title=zi::{_escape(head)}\n"
