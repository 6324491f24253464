"""``--format jsonl``: one ``zi.score/1`` object per line, streamed as units finish."""

from __future__ import annotations

from zicli.render import RenderOptions

from . import Summary, UnitRow
from .rows import error_payload


class Formatter:
    """JSON lines."""

    def begin(self, options: RenderOptions) -> str:
        """Nothing before the first line."""
        return ""

    def unit(self, row: UnitRow) -> str:
        """The unit's object on one line."""
        return (row.payload if row.valid and row.payload else error_payload(row)) + "\n"

    def end(self, summary: Summary) -> str:
        """Nothing after the last line."""
        return ""
