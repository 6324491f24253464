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
from zicli.i18n import N_, _
from zicli.render.options import RenderOptions

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment
    from zicli.errors import Problem

__all__ = ["BaseFormatter", "Summary", "UnitRow", "failures_note", "short_failures"]


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


def short_failures(row: UnitRow) -> str:
    """The unmet conditions in words, with the predicate they belong to:
    'Menuju WBBM: Nilai total; Birokrasi bersih dan akuntabel (B.I)' (never ids)."""
    if not row.failed:
        return ""
    name = row.in_view_name or row.in_view or ""
    return f"{name}: " + "; ".join(c.description for c in row.failed)


def failures_note(summary: Summary) -> str:
    """What the 'Belum terpenuhi' column means in this run (it depends on --require)."""
    required = summary.thresholds.get("require")
    if required is not None:
        return _(
            "Not met: the conditions of the predicate asked for (--require {required}) "
            "that are not met."
        ).format(required=required)
    return _(
        "Not met: the conditions of the next predicate that are not met "
        "(for a unit already Menuju WBK: those of Menuju WBBM)."
    )


NOT_MET_COLUMN = N_("Not met")
"""The heading of the column of unmet conditions (explained by :func:`failures_note`)."""
INVALID = N_("invalid")
"""The predicate cell of a file that could not be read."""
# Translators: the predicate cell of a unit that reaches no predicate (short)
NOT_YET = N_("Not yet")
"""The predicate cell (and count) of a unit that reaches none."""


def predicate_counts(summary: Summary, sep: str) -> str:
    """``Belum: 2, Menuju WBK: 3``: units per predicate reached ('-' for none)."""
    not_yet = _(NOT_YET)
    return (
        sep.join(
            f"{not_yet if k == 'none' else k}: {v}" for k, v in sorted(summary.predicates.items())
        )
        or "-"
    )
