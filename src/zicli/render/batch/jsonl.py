"""``--format jsonl``: one ``zi.score/1`` object per line, streamed as units finish."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import BaseFormatter, UnitRow
from .rows import compact_payload, error_line, error_payload

if TYPE_CHECKING:
    from zicli.errors import Problem

NAME = "jsonl"


class Formatter(BaseFormatter):
    """JSON lines."""

    prepare = staticmethod(compact_payload)

    def unit(self, row: UnitRow) -> str:
        """The unit's object on one line."""
        payload = row.prepared.get(NAME)
        return (payload if row.valid and payload else error_payload(row)) + "\n"

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Input that stopped the run: one ``{"schema", "file", "errors"}`` line."""
        return error_line(source, problems) + "\n"
