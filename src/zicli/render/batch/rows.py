"""Helpers shared by the batch formats."""

from __future__ import annotations

from typing import Any

from zicli.render.jsonout import SCHEMA, dumps

from . import Summary, UnitRow


def error_payload(row: UnitRow) -> str:
    """An invalid file as one line of JSON, like ``zi score --format json`` prints it."""
    return dumps(
        {"schema": SCHEMA, "file": row.file, "errors": [p.as_dict() for p in row.errors]},
        indent=0,
    )


def summary_payload(summary: Summary) -> dict[str, Any]:
    """The ``summary`` object of the batch JSON."""
    return {
        "files": summary.files,
        "scored": summary.files - summary.invalid,
        "invalid": summary.invalid,
        "predicates": dict(sorted(summary.predicates.items())),
        "gate_failures": summary.gate_failures,
        "gates": summary.gates,
        "exit_code": summary.exit_code,
    }


def predicate_text(row: UnitRow) -> str:
    """'Menuju WBK', 'Belum' or 'tidak valid'."""
    if not row.valid:
        return "tidak valid"
    return row.predicate_name or "Belum"
