"""The formatter interface of each view (see :mod:`zicli.render.registry`).

Every formatter returns text and never prints. Each also answers
``problems(source, problems)``: invalid input as that format shows it on stdout
(every JSON format prints ``{"schema": ..., "errors": [...]}``), or None when the
located lines on stderr say it all (tables, Markdown, CSV).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from zicli.batch.rows import Summary, UnitRow
    from zicli.engine.assess import Assessment
    from zicli.engine.audit import AuditResult
    from zicli.engine.diff import FolderDiff, Trend, UnitDiff
    from zicli.engine.index import CriteriaIndex
    from zicli.engine.plan import Plan
    from zicli.engine.review import ReviewReport
    from zicli.errors import Problem
    from zicli.render.dashboard import Dashboard
    from zicli.render.evidence import EvidenceView
    from zicli.render.options import RenderOptions
    from zicli.render.report import UnitReport
    from zicli.render.validate import FileCheck


class Problems(Protocol):
    """What every formatter does with input that could not be read."""

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Invalid input in this format, or None to leave it to stderr only."""


class ScoreFormatter(Problems, Protocol):
    """``zi score FILE``: one unit's report."""

    def assessment(self, result: Assessment, options: RenderOptions) -> str:
        """A single unit's score and verdict."""


class PackFormatter(Problems, Protocol):
    """``zi criteria show`` and ``zi criteria list``."""

    def packs(self, packs: Sequence[CriteriaIndex], options: RenderOptions) -> str:
        """A list of criteria packs."""

    def pack(self, index: CriteriaIndex, options: RenderOptions) -> str:
        """One criteria pack in full."""


class DiffFormatter(Problems, Protocol):
    """``zi diff``."""

    def unit_diff(self, diff: UnitDiff, options: RenderOptions) -> str:
        """Two assessments of one unit."""

    def folder_diff(self, diff: FolderDiff, options: RenderOptions) -> str:
        """Two sets of units, matched by name."""


class TrendFormatter(Problems, Protocol):
    """``zi trend``."""

    def trend(self, trend: Trend, options: RenderOptions) -> str:
        """A unit's figures over its periods."""


class AuditFormatter(Problems, Protocol):
    """``zi audit``."""

    def audit(self, file: str, result: AuditResult, problems: Sequence[Problem]) -> str:
        """One workbook's numbers against zi's, with the reading problems."""


class PlanFormatter(Problems, Protocol):
    """``zi plan``."""

    def plan(self, result: Plan, options: RenderOptions) -> str:
        """The whole plan as text."""


class BatchFormatter(Problems, Protocol):
    """``zi score`` over many files: streamed, one row per file in a stable order.

    Rows are built in the worker processes (see :mod:`zicli.batch`) and carry what
    the formats need, so a formatter here only joins text."""

    def begin(self, options: RenderOptions) -> str:
        """Text before the first unit."""

    def unit(self, row: UnitRow) -> str:
        """Text for one unit (may be empty for formats that write at the end)."""

    def end(self, summary: Summary) -> str:
        """Text after the last unit."""


class ValidateFormatter(Problems, Protocol):
    """``zi validate``: one record per file, streamed like a batch."""

    def unit(self, check: FileCheck) -> str:
        """Text for one checked file (may be empty)."""

    def end(self, checks: Sequence[FileCheck]) -> str:
        """Text after the last file."""


class EvidenceFormatter(Problems, Protocol):
    """``zi evidence``: one answer file's data dukung."""

    def evidence(self, view: EvidenceView, options: RenderOptions) -> str:
        """The statuses per question and area (and a manifest check)."""


class ReviewFormatter(Problems, Protocol):
    """``zi review``: a unit's layers side by side."""

    def review(self, report: ReviewReport, options: RenderOptions) -> str:
        """Scores, verdicts, differences and follow-up per layer."""


class ReportFormatter(Problems, Protocol):
    """``zi report FILE...``: one unit's report, with its plan and trend."""

    def report(self, report: UnitReport) -> str:
        """The whole report as one document."""


class DashboardFormatter(Problems, Protocol):
    """``zi report FOLDER``: every unit of a folder at a glance."""

    def dashboard(self, board: Dashboard) -> str:
        """The whole dashboard as one document."""
