"""``zi evidence --format json``: the ``zi.evidence/1`` contract."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zicli import __version__
from zicli.engine.manifest import ManifestItem
from zicli.errors import Problem
from zicli.models.answers import answer_to_text
from zicli.render.jsontext import dumps
from zicli.render.options import RenderOptions

from . import SCHEMA, EvidenceView


def _item(item: ManifestItem) -> dict[str, Any]:
    return {"question": item.question, "path": item.path, "size": item.size, "sha256": item.sha256}


def payload(view: EvidenceView) -> dict[str, Any]:
    """The JSON object of one answer file's evidence."""
    report, card = view.report, view.result.card
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "zi_version": __version__,
        "file": view.result.source,
        "root": view.root,
        "criteria": card.index.id,
        "counts": dict(report.counts),
        "without_evidence": report.without_evidence,
        "at_risk": report.at_risk,
        "questions": [
            {
                "id": q.id,
                "area": q.area,
                "answer": answer_to_text(card.answers[q.id].value)
                if q.id in card.answers
                else None,
                "status": q.status,
                "at_risk": q.at_risk,
                "evidence": [
                    {
                        "entry": e.text,
                        "kind": e.kind,
                        "state": e.state,
                        "detail": e.detail,
                        "files": [{"path": f.path, "size": f.size} for f in e.files],
                    }
                    for e in q.entries
                ],
                "hints": list(q.hints),
            }
            for q in report.questions
        ],
        "areas": [
            {"id": a.id, "name": a.name, "counts": dict(a.counts), "at_risk": a.at_risk}
            for a in report.areas
        ],
    }
    if view.changes is not None:
        changes = view.changes
        out["verify"] = {
            "manifest": view.manifest,
            "clean": changes.clean,
            "added": [_item(i) for i in changes.added],
            "removed": [_item(i) for i in changes.removed],
            "changed": [
                {**_item(new), "recorded_size": old.size, "recorded_sha256": old.sha256}
                for old, new in changes.changed
            ],
            "unchanged": changes.unchanged,
        }
    if view.written is not None:
        out["manifest_written"] = view.written
    return out


def render(view: EvidenceView, options: RenderOptions) -> str:
    """One answer file's evidence as JSON."""
    return dumps(payload(view)) + "\n"


class _Formatter:
    """``--format json``."""

    def evidence(self, view: EvidenceView, options: RenderOptions) -> str:
        """See :func:`render`."""
        return render(view, options)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Invalid input as ``{"schema": "zi.evidence/1", "file", "errors"}``."""
        from zicli.render.common import errors_json

        return errors_json(SCHEMA, problems, file=source)


FORMATTER = _Formatter()
