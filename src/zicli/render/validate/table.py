"""``zi validate --format table``: an ``ok:`` line per valid file as it is checked
(the problems of an invalid one are the located lines on stderr)."""

from __future__ import annotations

from collections.abc import Sequence

from zicli.errors import Problem

from . import FileCheck


class Formatter:
    """Plain lines."""

    def unit(self, check: FileCheck) -> str:
        """``ok: FILE (pack, answered/questions butir dijawab)``, nothing for an invalid file."""
        if not check.valid:
            return ""
        return (
            f"ok: {check.file} ({check.criteria}, {check.answered}/{check.questions} "
            "butir dijawab)\n"
        )

    def end(self, checks: Sequence[FileCheck]) -> str:
        """Nothing after."""
        return ""

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to stderr."""
        return None
