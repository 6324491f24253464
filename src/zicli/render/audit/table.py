"""``zi audit --format table``: the totals, each difference with its cause, the
reading problems; plain text."""

from __future__ import annotations

from collections.abc import Sequence

from zicli.engine.audit import AuditResult
from zicli.errors import Problem

from . import audit_table


class Formatter:
    """The audit as plain text."""

    def audit(self, file: str, result: AuditResult, problems: Sequence[Problem]) -> str:
        """One workbook's audit."""
        return audit_table(file, result, problems)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """A workbook that could not be read: stderr says it all."""
        return None


FORMATTER = Formatter()
