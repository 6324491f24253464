"""A batch's results: one compact row per file, and the counts over the run.

Rows are built in the worker processes and sent back pickled, so they are small
and carry no scorecard: the numbers the summary formats show, plus the text each
requested format prepared in the worker (:attr:`UnitRow.prepared`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from zicli.errors import Problem


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
    threshold_failures: tuple[str, ...] = ()
    """Why the command-line thresholds fail for this unit (empty: they pass).
    Written ``gate_failures`` in the JSON and CSV outputs (a contract)."""
    errors: tuple[Problem, ...] = ()
    prepared: dict[str, str] = field(default_factory=dict)
    """Per format name, the text its formatter prepared in the worker (e.g. the
    unit's one-line ``zi.score/1`` JSON, or its ``--detail`` table)."""
    seconds: float = 0.0


@dataclass
class Summary:
    """Counts over a batch."""

    files: int = 0
    invalid: int = 0
    threshold_failures: int = 0
    predicates: dict[str, int] = field(default_factory=dict)
    thresholds: dict[str, str] = field(default_factory=dict)
    """The command-line thresholds in force, as given (``gates`` in the JSON)."""

    def add(self, row: UnitRow) -> None:
        """Count one row."""
        self.files += 1
        if not row.valid:
            self.invalid += 1
            return
        key = row.predicate or "none"
        self.predicates[key] = self.predicates.get(key, 0) + 1
        if row.threshold_failures:
            self.threshold_failures += 1

    @property
    def exit_code(self) -> int:
        """2 if any file was invalid, else 1 if a threshold failed, else 0."""
        if self.invalid:
            return 2
        return 1 if self.threshold_failures else 0
