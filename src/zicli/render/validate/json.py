"""``zi validate --format json``: ``{"schema": "zi.validate/1", "results": [...]}``,
one record per file (an invalid file's record lists its ``errors``)."""

from __future__ import annotations

from collections.abc import Sequence

from zicli.errors import Problem
from zicli.render.common import errors_json

from . import FileCheck

SCHEMA = "zi.validate/1"


class Formatter:
    """One JSON document at the end."""

    def unit(self, check: FileCheck) -> str:
        """Nothing until the end."""
        return ""

    def end(self, checks: Sequence[FileCheck]) -> str:
        """Every file's record."""
        from zicli.render.jsontext import dumps

        return dumps({"schema": SCHEMA, "results": [c.as_dict() for c in checks]}) + "\n"

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Input that stopped the run (a path that does not exist): ``{"schema", "errors"}``."""
        return errors_json(SCHEMA, problems)
