"""``zi plan --format json`` (``zi.plan/2``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zicli import __version__
from zicli.engine.plan import Blocker, Plan, Step
from zicli.errors import Problem
from zicli.models.answers import answer_to_text
from zicli.render.common import condition_sides, dec, errors_json
from zicli.render.numbers import exact_text
from zicli.render.options import RenderOptions
from zicli.render.plan import (
    SCHEMA,
    hints,
    score_command,
)


def _step_payload(result: Plan, step: Step) -> dict[str, Any]:
    guidance, evidence = hints(result.before.card.index, step.question)
    return {
        "id": step.question.id,
        "text": step.question.label,
        "current": None if step.current is None else answer_to_text(step.current),
        "proposed": answer_to_text(step.proposed),
        "set": step.set_text,
        "levels": step.levels,
        "gain": dec(step.gain),
        "gain_exact": exact_text(step.gain),
        "helps": list(step.helps),
        "illustrative": step.illustrative,
        "guidance": guidance,
        "evidence": list(evidence),
    }


def _blocker_payload(blocker: Blocker) -> dict[str, Any]:
    return {
        "kind": blocker.kind,
        "condition": blocker.condition,
        "description": blocker.description,
        "reason": blocker.reason,
        "required": dec(blocker.required),
        "actual": dec(blocker.actual),
        "reachable": dec(blocker.reachable),
        "frozen": list(blocker.frozen),
        "needed": [{"id": q, "value": answer_to_text(a)} for q, a in blocker.unfreeze],
    }


def plan_payload(result: Plan, given: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """The JSON object of a plan (``given``: as :func:`score_command` takes it)."""
    before, after = result.before, result.after
    card = before.card
    return {
        "schema": SCHEMA,
        "zi_version": __version__,
        "file": before.source,
        "criteria": card.index.id,
        "unit": {"name": card.unit.name, "period": card.unit.period, "predicate_held": card.held},
        "target": result.target.id,
        "target_name": result.target.name,
        "feasible": result.feasible,
        "already_met": result.already_met,
        "changes": len(result.steps),
        "levels": result.levels,
        "shortest": result.shortest,
        "search_stopped_at": result.search_stopped_at,
        "frozen": list(result.frozen),
        "facts": list(result.facts),
        "max_steps": result.max_steps,
        "before": {
            "total": dec(card.total),
            "total_exact": exact_text(card.total),
            "predicate": before.verdict.predicate,
        },
        "steps": [_step_payload(result, s) for s in result.steps],
        "blocked_by": [_blocker_payload(b) for b in result.blockers],
        "after": {
            "total": dec(after.card.total),
            "total_exact": exact_text(after.card.total),
            "gain": dec(result.gain),
            "predicate": after.verdict.predicate,
            "target_met": result.target_after.met,
            "conditions": [
                condition_sides(result.target.id, ("before", "after"), b, a)
                for b, a in zip(
                    result.target_before.conditions, result.target_after.conditions, strict=True
                )
            ],
        },
        "command": " ".join(score_command(result, given)) if result.steps else None,
    }


class Formatter:
    """``--format json``."""

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Invalid input: ``{"schema": "zi.plan/2", "errors"}``."""
        return errors_json(SCHEMA, problems)

    def plan(self, result: Plan, options: RenderOptions) -> str:
        """The plan as a JSON object."""
        from zicli.render.jsontext import dumps

        return dumps(plan_payload(result, options.score_args)) + "\n"
