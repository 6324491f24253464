"""Evidence in the score views: the JSON block, the verdict panel line, the
``--detail`` cell. Shared by the score formats so each shows the same facts."""

from __future__ import annotations

from typing import Any

from zicli.engine.evidence import STATUSES, EvidenceReport, QuestionEvidence
from zicli.i18n import N_, _, ngettext
from zicli.render.jsontext import Number, encode

_CELL = {"lengkap": N_("present"), "hilang": N_("missing"), "tanpa_bukti": "-", "belum_dijawab": ""}


_QUESTION_TEXT: dict[tuple[str, str, bool], str] = {}
"""(question id, status, at risk) -> its JSON member text (the same for every unit)."""


def _questions_text(report: EvidenceReport) -> Number:
    # A batch writes this for every unit: each member's text is made once.
    parts = []
    for q in report.questions:
        key = (q.id, q.status, q.at_risk)
        text = _QUESTION_TEXT.get(key)
        if text is None:
            risk = "true" if q.at_risk else "false"
            text = f'{encode(q.id)}:{{"status":"{q.status}","at_risk":{risk}}}'
            if len(_QUESTION_TEXT) < 65536:
                _QUESTION_TEXT[key] = text
        parts.append(text)
    return Number("{" + ",".join(parts) + "}")


def _areas_text(report: EvidenceReport) -> Number:
    parts = [
        f"{encode(a.id)}:{{"
        + ",".join(f'"{status}":{a.counts[status]}' for status in STATUSES)
        + f',"at_risk":{a.at_risk}}}'
        for a in report.areas
    ]
    return Number("{" + ",".join(parts) + "}")


def score_payload(report: EvidenceReport) -> dict[str, Any]:
    """The ``evidence`` object of the score JSON: counts, per area, per question."""
    return {
        "counts": dict(report.counts),
        "without_evidence": report.without_evidence,
        "at_risk": report.at_risk,
        "areas": _areas_text(report),
        "questions": _questions_text(report),
    }


def panel_line(report: EvidenceReport) -> str | None:
    """``34 jawaban tanpa data dukung; 30 berisiko turun nilai (lihat zi evidence)``, or None
    when every answer has its evidence."""
    missing = report.without_evidence
    if not missing:
        return None
    if report.at_risk:
        line = ngettext(
            "{n} answer without data dukung; {at_risk} at risk of a lower score (see zi evidence)",
            "{n} answers without data dukung; {at_risk} at risk of a lower score (see zi evidence)",
            missing,
        )
    else:
        line = ngettext(
            "{n} answer without data dukung (see zi evidence)",
            "{n} answers without data dukung (see zi evidence)",
            missing,
        )
    return line.format(n=missing, at_risk=report.at_risk)


def detail_cell(item: QuestionEvidence | None) -> str:
    """The ``Bukti`` cell of a question in ``zi score --detail``: ``ada``,
    ``hilang``, ``-`` (none), with ``!`` when the answer is at risk."""
    if item is None:
        return ""
    word = _CELL[item.status]
    return (_(word) if word not in ("-", "") else word) + ("!" if item.at_risk else "")
