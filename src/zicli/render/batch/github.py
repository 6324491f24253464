"""``--format github``: GitHub Actions workflow commands that annotate the files.

An invalid file gives an ``::error`` at its first problem's line; a unit that
fails a gate a ``::error`` at its ``unit.name`` line; every other unit a ``::notice``."""

from __future__ import annotations

from zicli.i18n import _
from zicli.render.escape import gh_data, gh_property

from . import BaseFormatter, UnitRow
from .rows import row_predicate_label


class Formatter(BaseFormatter):
    """Workflow commands, one or more per file."""

    def unit(self, row: UnitRow) -> str:
        """The annotations for one file."""
        file = gh_property(row.file)
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
                lines.append(f"::error {where},title=zi::{gh_data(text)}\n")
            return "".join(lines)
        head = f"{row.name} ({row.period}): {row.total} {row_predicate_label(row)}"
        if row.threshold_failures:
            detail = "; ".join(row.threshold_failures)
            if row.failed:
                unmet = ", ".join(c.description for c in row.failed)
                detail += " — " + _("not yet: {conditions}").format(conditions=unmet)
            where = f"file={file},line={row.line or 1}"
            return f"::error {where},title=zi gate::{gh_data(head + ' — ' + detail)}\n"
        return f"::notice file={file},title=zi::{gh_data(head)}\n"
