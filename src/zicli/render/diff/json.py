"""``zi diff --format json`` and ``zi trend --format json``: the machine contract.

Numbers are 2-place decimals written digit for digit (as in ``zi score``); each
effect also carries ``effect_exact``, the exact fraction as text (``"-7/40"``), so
a consumer can check that the effects add up to the total's delta. Answers keep
their type: an option key is text, a survey index a number, count inputs a
mapping, a blank ``null``.

Shapes (``schema``):

* ``zi.diff/2``, ``kind: unit``: ``old``/``new`` (file, unit, period, criteria),
  ``criteria_change`` (null, ``pack``, ``version`` or ``content``),
  ``question_level``, ``note``, ``total`` {old, new, delta}, ``predicate``
  {old, new, old_name, new_name, change}, ``regression``, ``nodes`` (id -> {old,
  new, delta}), ``groups``, ``compared`` (shared figures), ``not_comparable``,
  ``conditions`` {newly_met, newly_failed}, ``changes`` (id, where, old, new,
  cause, effect, effect_exact). A condition is the pack's part (predicate, id,
  description, required, source, confidence) with ``old`` and ``new`` each the
  side's values exactly as ``zi.score/1`` writes them (actual, margin, met,
  actual_exact, margin_exact): :func:`zicli.render.common.condition_sides`. In
  ``zi.diff/1`` ``old``/``new`` were the bare actual values.
* ``zi.diff/2``, ``kind: folder``: ``units`` (each a unit diff with ``status:
  compared``, or ``status: added``/``removed`` with the unit's summary) and
  ``regression``.
* ``zi.trend/1``: ``units``, ``periods`` (period, file, criteria, predicate,
  total) and ``rows`` (key, kind, label, values per period).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from zicli import __version__
from zicli.engine.assess import Assessment
from zicli.engine.diff import Change, ConditionChange, FolderDiff, Trend, UnitDiff
from zicli.errors import Problem
from zicli.models.answers import Answer, CountsAnswer, NumberAnswer
from zicli.render.common import condition_sides, dec, errors_json, predicate_label
from zicli.render.diff import criteria_note, direction
from zicli.render.jsontext import dumps
from zicli.render.options import RenderOptions

DIFF_SCHEMA = "zi.diff/2"
TREND_SCHEMA = "zi.trend/1"


def _change(change: Change) -> dict[str, Decimal | None]:
    return {"old": dec(change.old), "new": dec(change.new), "delta": dec(change.delta)}


def _answer(answer: Answer | None) -> Any:
    if answer is None:
        return None
    if isinstance(answer, CountsAnswer):
        return dict(answer.counts)
    if isinstance(answer, NumberAnswer):
        return answer.value
    return answer.key


def _side(result: Assessment) -> dict[str, Any]:
    card = result.card
    return {
        "file": result.source,
        "unit": card.unit.name,
        "period": card.unit.period,
        "criteria": card.index.id,
        "criteria_version": card.index.criteria.version,
        "predicate_held": card.held,
        "provisional": result.verdict.provisional,
        "layer": result.layer,
    }


def _condition(change: ConditionChange) -> dict[str, Any]:
    # the pack's part once, then each side's values as zi score writes them
    return condition_sides(change.predicate, ("old", "new"), change.old, change.new)


def unit_payload(diff: UnitDiff) -> dict[str, Any]:
    """The JSON object of one unit's diff."""
    return {
        "schema": DIFF_SCHEMA,
        "zi_version": __version__,
        "kind": "unit",
        "old": _side(diff.old),
        "new": _side(diff.new),
        "criteria_change": diff.criteria_change,
        "question_level": diff.question_level,
        "note": criteria_note(diff),
        "total": _change(diff.total),
        "predicate": {
            "old": diff.predicate_old,
            "new": diff.predicate_new,
            "old_name": predicate_label(diff.old.verdict),
            "new_name": predicate_label(diff.new.verdict),
            "change": direction(diff.predicate_step),
        },
        "regression": diff.regression,
        "nodes": {nid: _change(c) for nid, c in diff.nodes.items()},
        "groups": {
            gid: {mid: _change(c) for mid, c in members.items()}
            for gid, members in diff.groups.items()
        },
        "compared": [
            {
                "key": item.key,
                "kind": item.kind,
                "label": item.label,
                "old_label": item.old_label,
                **_change(item.score),
                "weight_old": dec(item.weight.old),
                "weight_new": dec(item.weight.new),
            }
            for item in diff.compared
        ],
        "not_comparable": list(diff.not_comparable),
        "conditions": {
            "newly_met": [_condition(c) for c in diff.newly_met],
            "newly_failed": [_condition(c) for c in diff.newly_failed],
        },
        "changes": [
            {
                "id": c.id,
                "where": c.where,
                "old": _answer(c.old),
                "new": _answer(c.new),
                "cause": c.cause,
                "effect": dec(c.effect),
                "effect_exact": f"{c.effect.numerator}/{c.effect.denominator}",
            }
            for c in diff.changes
        ],
    }


def _summary(result: Assessment, status: str) -> dict[str, Any]:
    return {
        "status": status,
        **_side(result),
        "total": dec(result.card.total),
        "predicate": result.verdict.predicate,
    }


class DiffJsonFormatter:
    """``--format json`` of ``zi diff`` and ``zi trend`` (``schema``: the view's id,
    used for invalid input)."""

    def __init__(self, schema: str) -> None:
        self.schema = schema

    def unit_diff(self, diff: UnitDiff, options: RenderOptions) -> str:
        """One unit's diff as a JSON object."""
        return dumps(unit_payload(diff)) + "\n"

    def folder_diff(self, diff: FolderDiff, options: RenderOptions) -> str:
        """Every unit: compared pairs in full, added and removed ones in summary."""
        head = ("schema", "zi_version", "kind")
        units: list[dict[str, Any]] = [
            {"status": "compared"} | {k: v for k, v in unit_payload(p).items() if k not in head}
            for p in diff.pairs
        ]
        units += [_summary(a, "removed") for a in diff.removed]
        units += [_summary(a, "added") for a in diff.added]
        return (
            dumps(
                {
                    "schema": DIFF_SCHEMA,
                    "zi_version": __version__,
                    "kind": "folder",
                    "regression": diff.regression,
                    "units": units,
                }
            )
            + "\n"
        )

    def trend(self, trend: Trend, options: RenderOptions) -> str:
        """Periods and one row of values per shared figure."""
        payload = {
            "schema": TREND_SCHEMA,
            "zi_version": __version__,
            "units": list(trend.units),
            "periods": [
                {
                    "period": p.card.unit.period,
                    "file": p.source,
                    "criteria": p.card.index.id,
                    "predicate": p.verdict.predicate,
                    "total": dec(p.card.total),
                }
                for p in trend.points
            ],
            "rows": [
                {
                    "key": r.key,
                    "kind": r.kind,
                    "label": r.label,
                    "values": [dec(v) for v in r.values],
                }
                for r in trend.rows
            ],
        }
        return dumps(payload) + "\n"

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Invalid input: ``{"schema", "errors"}``."""
        return errors_json(self.schema, problems)


DIFF_FORMATTER = DiffJsonFormatter(DIFF_SCHEMA)
TREND_FORMATTER = DiffJsonFormatter(TREND_SCHEMA)
