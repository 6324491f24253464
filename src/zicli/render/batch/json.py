"""``--format json`` for a batch: ``{"schema", "results": [...], "summary": {...}}``,
written as units finish so memory does not grow with the number of files."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from zicli import __version__
from zicli.render.common import errors_json
from zicli.render.options import RenderOptions

from . import BaseFormatter, Summary, UnitRow
from .rows import compact_payload, error_payload, summary_payload

if TYPE_CHECKING:
    from zicli.errors import Problem

SCHEMA = "zi.batch/1"
NAME = "json"


class Formatter(BaseFormatter):
    """One JSON document."""

    prepare = staticmethod(compact_payload)

    def __init__(self) -> None:
        self.first = True

    def begin(self, options: RenderOptions) -> str:
        """The opening of the document."""
        return f'{{"schema": "{SCHEMA}", "zi_version": "{__version__}", "results": ['

    def unit(self, row: UnitRow) -> str:
        """One result object (compact, one per line)."""
        sep = "\n" if self.first else ",\n"
        self.first = False
        payload = row.prepared.get(NAME)
        return sep + (payload if row.valid and payload else error_payload(row))

    def end(self, summary: Summary) -> str:
        """The summary and the closing of the document."""
        from zicli.render.jsontext import dumps

        return '\n], "summary": ' + dumps(summary_payload(summary)) + "}\n"

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Input that stopped the run before any result."""
        return errors_json(SCHEMA, problems)
