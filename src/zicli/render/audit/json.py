"""``zi audit --format json``: ``{"schema": "zi.audit/1", "file", "criteria",
"cached_values", "workbook_total", "total", "differences": [{"node", "cell",
"workbook", "zi", "cause"}], "problems"}``."""

from __future__ import annotations

from collections.abc import Sequence

from zicli.engine.audit import AuditResult
from zicli.errors import Problem
from zicli.render.common import errors_json

from . import SCHEMA, audit_json


class Formatter:
    """The audit as one JSON object."""

    def audit(self, file: str, result: AuditResult, problems: Sequence[Problem]) -> str:
        """One workbook's audit."""
        return audit_json(file, result, problems)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """A workbook that could not be read: ``{"schema", "errors"}``."""
        return errors_json(SCHEMA, problems)


FORMATTER = Formatter()
