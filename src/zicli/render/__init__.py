"""Output formats behind one small interface.

Each format is a module exposing a :class:`Formatter` as ``FORMATTER``. A
formatter turns results into text; it never prints, and the CLI decides where
the text goes. Modules are imported only when asked for, so start-up does not
pay for rich unless a table is drawn.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from zicli.engine.assess import Assessment
from zicli.engine.index import CriteriaIndex
from zicli.errors import Problem, UsageError

FORMATS: dict[str, str] = {
    "table": "zicli.render.table",
    "json": "zicli.render.jsonout",
}


@dataclass(frozen=True)
class RenderOptions:
    """How much to show and how wide."""

    detail: bool = False
    width: int | None = None
    color: bool | None = None
    """None: decide from the terminal and NO_COLOR."""


class Formatter(Protocol):
    """One output format."""

    def assessment(self, result: Assessment, options: RenderOptions) -> str:
        """A single unit's score and verdict."""

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Invalid input in this format, or None to leave it to stderr only."""

    def packs(self, packs: Sequence[CriteriaIndex], options: RenderOptions) -> str:
        """A list of criteria packs."""

    def pack(self, index: CriteriaIndex, options: RenderOptions) -> str:
        """One criteria pack in full."""


def formatter(name: str) -> Formatter:
    """The formatter for a format name; a clear usage error for an unknown one."""
    module = FORMATS.get(name)
    if module is None:
        raise UsageError.of(f"unknown format '{name}'", hint="choose one of " + ", ".join(FORMATS))
    found: Formatter = importlib.import_module(module).FORMATTER
    return found
