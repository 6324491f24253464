"""Evidence in the score views: the JSON block, the verdict panel line, the
``--detail`` cell. Shared by the score formats so each shows the same facts."""

from __future__ import annotations

from typing import Any

from zicli.engine.evidence import EvidenceReport, QuestionEvidence

_CELL = {"lengkap": "ada", "hilang": "hilang", "tanpa_bukti": "-", "belum_dijawab": ""}


def score_payload(report: EvidenceReport) -> dict[str, Any]:
    """The ``evidence`` object of the score JSON: counts, per area, per question."""
    return {
        "counts": dict(report.counts),
        "without_evidence": report.without_evidence,
        "at_risk": report.at_risk,
        "areas": {a.id: {**a.counts, "at_risk": a.at_risk} for a in report.areas},
        "questions": {q.id: {"status": q.status, "at_risk": q.at_risk} for q in report.questions},
    }


def panel_line(report: EvidenceReport) -> str | None:
    """``34 jawaban tanpa data dukung; 30 berisiko turun nilai (lihat zi evidence)``, or None
    when every answer has its evidence."""
    missing = report.without_evidence
    if not missing:
        return None
    line = f"{missing} jawaban tanpa data dukung"
    if report.at_risk:
        line += f"; {report.at_risk} berisiko turun nilai"
    return line + " (lihat zi evidence)"


def detail_cell(item: QuestionEvidence | None) -> str:
    """The ``Bukti`` cell of a question in ``zi score --detail``: ``ada``,
    ``hilang``, ``-`` (none), with ``!`` when the answer is at risk."""
    if item is None:
        return ""
    return _CELL[item.status] + ("!" if item.at_risk else "")
