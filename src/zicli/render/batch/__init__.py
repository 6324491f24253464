"""Batch output formats: one module per format behind :class:`BatchFormatter`.

A batch formatter receives one :class:`UnitRow` per file, in a stable order
(the sorted file list), and returns text for each; formats that can stream
(jsonl, json, csv, github) return it at once, the others keep compact rows and
write everything at :meth:`BatchFormatter.end`. Rows are small and carry no
scorecard, so memory stays flat in the number of files.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from zicli.errors import Problem, UsageError

from .. import RenderOptions

BATCH_FORMATS: dict[str, str] = {
    "table": "zicli.render.batch.table",
    "json": "zicli.render.batch.json",
    "jsonl": "zicli.render.batch.jsonl",
    "csv": "zicli.render.batch.csv",
    "markdown": "zicli.render.batch.markdown",
    "junit": "zicli.render.batch.junit",
    "github": "zicli.render.batch.github",
}


@dataclass(frozen=True)
class FailedCondition:
    """A condition of the predicate in view that does not hold."""

    predicate: str
    id: str
    description: str
    required: str
    actual: str


@dataclass(frozen=True)
class UnitRow:
    """One file's result in a batch: a scored unit or the problems of an invalid file."""

    file: str
    valid: bool
    name: str | None = None
    period: str | None = None
    pack: str | None = None
    total: Decimal | None = None
    predicate: str | None = None
    predicate_name: str | None = None
    provisional: bool = False
    answered: int = 0
    questions: int = 0
    blank_percent: Decimal = Decimal(0)
    in_view: str | None = None
    """The predicate whose conditions ``failed`` lists (required, else next)."""
    failed: tuple[FailedCondition, ...] = ()
    gate_failures: tuple[str, ...] = ()
    """Why the command-line gates fail for this unit (empty: they pass)."""
    errors: tuple[Problem, ...] = ()
    without_evidence: int = 0
    """Answered questions without complete data dukung (tanpa bukti or hilang)."""
    at_risk: int = 0
    """Of those, answers above the lowest option (at risk with an evaluator)."""
    payload: str | None = None
    """The unit's one-line ``zi.score/1`` JSON, when a JSON format asks for it."""
    detail: str | None = None
    """The unit's full table, with ``--detail``."""
    seconds: float = 0.0


@dataclass
class Summary:
    """Counts over a batch."""

    files: int = 0
    invalid: int = 0
    gate_failures: int = 0
    predicates: dict[str, int] = field(default_factory=dict)
    gates: dict[str, str] = field(default_factory=dict)
    """The command-line gates in force, as given."""

    def add(self, row: UnitRow) -> None:
        """Count one row."""
        self.files += 1
        if not row.valid:
            self.invalid += 1
            return
        key = row.predicate or "none"
        self.predicates[key] = self.predicates.get(key, 0) + 1
        if row.gate_failures:
            self.gate_failures += 1

    @property
    def exit_code(self) -> int:
        """2 if any file was invalid, else 1 if a gate failed, else 0."""
        if self.invalid:
            return 2
        return 1 if self.gate_failures else 0


class BatchFormatter(Protocol):
    """One batch output format."""

    def begin(self, options: RenderOptions) -> str:
        """Text before the first unit."""

    def unit(self, row: UnitRow) -> str:
        """Text for one unit (may be empty for formats that write at the end)."""

    def end(self, summary: Summary) -> str:
        """Text after the last unit."""


def batch_formatter(name: str) -> BatchFormatter:
    """A fresh formatter for a format name; a usage error for an unknown one."""
    module = BATCH_FORMATS.get(name)
    if module is None:
        raise UsageError.of(
            f"unknown format '{name}'", hint="choose one of " + ", ".join(BATCH_FORMATS)
        )
    made: BatchFormatter = importlib.import_module(module).Formatter()
    return made


def short_failures(row: UnitRow, limit: int = 3) -> str:
    """'ipak, kinerja, +2' — the failed conditions in short."""
    ids = [c.id for c in row.failed]
    shown = ", ".join(ids[:limit])
    if len(ids) > limit:
        shown += f", +{len(ids) - limit}"
    return shown
