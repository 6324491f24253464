"""Helpers shared by the batch formats."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from zicli.i18n import _
from zicli.render.jsontext import dumps
from zicli.render.options import RenderOptions
from zicli.render.score.json import SCHEMA, assessment_json

from . import INVALID, NOT_YET, Summary, UnitRow

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment
    from zicli.errors import Problem


def compact_payload(result: Assessment, options: RenderOptions) -> str | None:
    """The unit's ``zi.score/1`` object on one line (run in the workers; json and
    jsonl share it, so it is built once per unit)."""
    return assessment_json(result, indent=0)


def error_line(source: str, problems: Sequence[Problem]) -> str:
    """An invalid file as one line of JSON, like ``zi score --format json`` prints it."""
    return dumps(
        {"schema": SCHEMA, "file": source, "errors": [p.as_dict() for p in problems]},
        indent=0,
    )


def error_payload(row: UnitRow) -> str:
    """An invalid row as one line of JSON."""
    return error_line(row.file, row.errors)


def summary_payload(summary: Summary) -> dict[str, Any]:
    """The ``summary`` object of the batch JSON (its key names are the published ones)."""
    return {
        "files": summary.files,
        "scored": summary.files - summary.invalid,
        "invalid": summary.invalid,
        "predicates": dict(sorted(summary.predicates.items())),
        "gate_failures": summary.threshold_failures,
        "gates": summary.thresholds,
        "exit_code": summary.exit_code,
    }


def row_predicate_label(row: UnitRow) -> str:
    """'Menuju WBK', 'Belum' or 'tidak valid'."""
    if not row.valid:
        return _(INVALID)
    return row.predicate_name or _(NOT_YET)
