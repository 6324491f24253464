"""``--format json`` for a batch: ``{"schema", "results": [...], "summary": {...}}``,
written as units finish so memory does not grow with the number of files."""

from __future__ import annotations

from zicli import __version__
from zicli.render import RenderOptions
from zicli.render.jsonout import dumps

from . import Summary, UnitRow
from .rows import error_payload, summary_payload

SCHEMA = "zi.batch/1"


class Formatter:
    """One JSON document."""

    def __init__(self) -> None:
        self.first = True

    def begin(self, options: RenderOptions) -> str:
        """The opening of the document."""
        return f'{{"schema": "{SCHEMA}", "zi_version": "{__version__}", "results": ['

    def unit(self, row: UnitRow) -> str:
        """One result object (compact, one per line)."""
        sep = "\n" if self.first else ",\n"
        self.first = False
        return sep + (row.payload if row.valid and row.payload else error_payload(row))

    def end(self, summary: Summary) -> str:
        """The summary and the closing of the document."""
        return '\n], "summary": ' + dumps(summary_payload(summary)) + "}\n"
