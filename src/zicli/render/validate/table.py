"""``zi validate --format table``: an ``ok:`` line per valid file as it is checked
(the problems of an invalid one are the located lines on stderr)."""

from __future__ import annotations

from collections.abc import Sequence

from zicli.errors import Problem
from zicli.i18n import _
from zicli.render.escape import terminal

from . import FileCheck


class Formatter:
    """Plain lines."""

    def unit(self, check: FileCheck) -> str:
        """``ok: FILE (pack, answered/questions butir dijawab)``, nothing for an invalid file."""
        if not check.valid:
            return ""
        return (
            _("ok: {file} ({criteria}, {answered}/{questions} questions answered)").format(
                file=terminal(check.file),
                criteria=terminal(check.criteria or ""),
                answered=check.answered,
                questions=check.questions,
            )
            + "\n"
        )

    def end(self, checks: Sequence[FileCheck]) -> str:
        """Nothing after."""
        return ""

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to stderr."""
        return None
