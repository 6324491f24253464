"""``zi review --format json``: the ``zi.review/1`` contract."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zicli import __version__
from zicli.engine.exact import exact_text
from zicli.engine.review import FollowUpItem, ReviewReport
from zicli.errors import Problem
from zicli.models.answers import AnswerRecord, answer_to_text
from zicli.models.criteria import TOTAL
from zicli.render.jsontext import dumps, number
from zicli.render.options import RenderOptions
from zicli.render.score.json import _condition

from . import SCHEMA


def _answer(record: AnswerRecord | None) -> str | None:
    return None if record is None else answer_to_text(record.value)


def _follow_up(item: FollowUpItem | None, fu: Any) -> dict[str, Any] | None:
    if fu is None:
        return None
    return {
        "pic": fu.pic,
        "status": fu.status,
        "due": fu.due.isoformat() if fu.due else None,
        "overdue": bool(item and item.overdue),
    }


def payload(report: ReviewReport) -> dict[str, Any]:
    """The JSON object of one unit's layers."""
    first = report.results[0].card
    index = first.index
    overdue = {(i.layer, i.id): i for i in report.follow_ups}
    return {
        "schema": SCHEMA,
        "zi_version": __version__,
        "unit": {
            "name": first.unit.name,
            "instansi": first.unit.instansi,
            "period": first.unit.period,
        },
        "criteria": index.id,
        "today": report.today.isoformat(),
        "layers": [
            {
                "name": layer.name,
                "file": layer.file,
                "reviewer": layer.reviewer,
                "total": number(result.card.total),
                "predicate": result.verdict.predicate,
                "provisional": result.verdict.provisional,
                "from_unit": layer.from_unit,
                "answered_here": sum(1 for e in layer.entries.values() if e.record is not None),
                "notes": sum(1 for e in layer.entries.values() if e.note),
                "predicates": [
                    {"id": r.id, "name": r.name, "met": r.met} for r in result.verdict.results
                ],
                "conditions": [
                    _condition(r.id, c) for r in result.verdict.results for c in r.conditions
                ],
            }
            for layer, result in zip(report.layers, report.results, strict=True)
        ],
        "nodes": [
            {
                "id": node_id,
                "name": "Nilai Evaluasi Zona Integritas"
                if node_id == TOTAL
                else index.nodes[node_id].label,
                "weight": number(index.weights.get(node_id)),
                "scores": {
                    layer.name: number(result.card.scores[node_id])
                    for layer, result in zip(report.layers, report.results, strict=True)
                },
            }
            for node_id in [*(n.id for n in index.nodes.values() if n.kind != "butir"), TOTAL]
        ],
        "differences": [
            {
                "id": d.id,
                "layer": d.layer,
                "below": d.below,
                "before": _answer(d.before),
                "after": _answer(d.after),
                "changed": d.changed,
                "effect": number(d.effect),
                "effect_exact": exact_text(d.effect),
                "note": d.note,
                "follow_up": _follow_up(overdue.get((d.layer, d.id)), d.follow_up),
            }
            for d in report.differences
        ],
        "follow_up": [
            {"pic": p.pic, "open": p.open, "done": p.done, "overdue": p.overdue}
            for p in report.progress
        ],
    }


def render(report: ReviewReport, options: RenderOptions) -> str:
    """The layers as JSON."""
    return dumps(payload(report)) + "\n"


class _Formatter:
    """``--format json``."""

    def review(self, report: ReviewReport, options: RenderOptions) -> str:
        """See :func:`render`."""
        return render(report, options)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Invalid input as ``{"schema": "zi.review/1", "file", "errors"}``."""
        from zicli.render.common import errors_json

        return errors_json(SCHEMA, problems, file=source)


FORMATTER = _Formatter()
