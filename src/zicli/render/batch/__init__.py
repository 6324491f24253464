"""Batch output formats: one module per format, each a ``Formatter`` class (see
:class:`zicli.render.contracts.BatchFormatter`), listed in :mod:`zicli.render.registry`.

A batch formatter receives one :class:`~zicli.batch.rows.UnitRow` per file, in a
stable order (the sorted file list), and returns text for each; formats that can
stream (jsonl, json, csv, github) return it at once, the others keep compact rows
and write everything at ``end``. What a format needs from the full assessment
(the unit's JSON, its detail table) it computes in ``prepare``, which the batch
core runs in the worker processes; rows stay small, memory flat.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from zicli.batch.rows import Summary, UnitRow
from zicli.render.options import RenderOptions

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment
    from zicli.errors import Problem

__all__ = ["BaseFormatter", "Summary", "UnitRow", "short_failures"]


def no_prepare(result: Assessment, options: RenderOptions) -> str | None:
    """Nothing to prepare in the workers."""
    return None


class BaseFormatter:
    """Defaults of a batch format: nothing before, after, or prepared, and invalid
    input left to the stderr lines."""

    prepare = staticmethod(no_prepare)

    def begin(self, options: RenderOptions) -> str:
        """Nothing before the first unit."""
        return ""

    def unit(self, row: UnitRow) -> str:
        """Nothing for one unit."""
        return ""

    def end(self, summary: Summary) -> str:
        """Nothing after the last unit."""
        return ""

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to stderr."""
        return None


def short_failures(row: UnitRow, limit: int = 3) -> str:
    """'ipak, kinerja, +2' — the failed conditions in short."""
    ids = [c.id for c in row.failed]
    shown = ", ".join(ids[:limit])
    if len(ids) > limit:
        shown += f", +{len(ids) - limit}"
    return shown
