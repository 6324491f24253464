"""One JSON object per condition (issue 11): ``zi score`` writes it as fast text,
``zi diff`` and ``zi plan`` nest the same per-side values under old/new and
before/after. The fast writer is held to the shared builder byte for byte, on every
condition of every shipped example (answer files and review files), under both blank
policies."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from zicli.engine.assess import Assessment, assess
from zicli.engine.score import BlankPolicy
from zicli.engine.verdict import ConditionResult
from zicli.loading.review import load_chain
from zicli.render.common import condition_fixed, condition_json, condition_side
from zicli.render.jsontext import dumps
from zicli.render.score.json import _condition

from .conftest import EXAMPLES, Run

Zi = Callable[..., Run]

SHIPPED = sorted(EXAMPLES.glob("*.yaml")) + sorted(
    (EXAMPLES.parent / "examples-review").glob("*.yaml")
)
MAN2_Q1 = EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml"
MAN2_Q2 = EXAMPLES / "man-2-kota-bengkulu-2026q2.yaml"
KUA = EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml"


def _assessed(path: Path, blank: BlankPolicy) -> Assessment:
    return assess(load_chain(str(path)).top.bound, blank=blank)


def _conditions(result: Assessment) -> list[tuple[str, ConditionResult]]:
    verdict = result.verdict
    return [(r.id, c) for r in verdict.results for c in r.conditions] + [
        (g.id, c) for g in verdict.gates for c in g.conditions
    ]


@pytest.mark.parametrize("blank", ["zero", "skip"])
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_score_fast_writer_is_the_shared_object(path: Path, blank: BlankPolicy) -> None:
    conditions = _conditions(_assessed(path, blank))
    assert conditions
    for predicate, cond in conditions:
        fast = str(_condition(predicate, cond))
        shared = condition_json(predicate, cond)
        assert fast == dumps(shared, indent=0), (predicate, cond.id)
        assert json.loads(fast, parse_float=Decimal) == shared


def test_the_shared_object_covers_blank_and_text_values() -> None:
    # a blank input (no actual) and a bar that is text: no *_exact keys, margin null
    blank = ConditionResult("x", "X", met=False, required=None, required_text="WBK")
    assert condition_json("WBBM", blank) == {
        "predicate": "WBBM",
        "id": "x",
        "description": "X",
        "required": "WBK",
        "actual": None,
        "margin": None,
        "met": False,
        "source": None,
        "confidence": None,
    }
    assert dumps(condition_json("WBBM", blank), indent=0) == str(_condition("WBBM", blank))


def _score_conditions(zi: Zi, *args: str) -> dict[tuple[str, str], Any]:
    run = zi("score", *args, "--format", "json")
    assert run.code in (0, 1), run.stderr
    data = json.loads(run.stdout, parse_float=Decimal)
    return {(c["predicate"], c["id"]): c for c in data["verdict"]["conditions"]}


def _split(nested: dict[str, Any], keys: tuple[str, str]) -> tuple[dict[str, Any], ...]:
    fixed = {k: v for k, v in nested.items() if k not in keys}
    return tuple(fixed | nested[key] for key in keys)


def test_diff_plan_and_score_give_the_same_condition_object(zi: Zi) -> None:
    q1 = _score_conditions(zi, str(MAN2_Q1))
    q2 = _score_conditions(zi, str(MAN2_Q2))
    run = zi("diff", str(MAN2_Q1), str(MAN2_Q2), "--format", "json")
    data = json.loads(run.stdout, parse_float=Decimal)
    changed = data["conditions"]["newly_met"] + data["conditions"]["newly_failed"]
    assert len(changed) == 3
    for cond in changed:
        old, new = _split(cond, ("old", "new"))
        key = (cond["predicate"], cond["id"])
        assert old == q1[key] and new == q2[key]

    run = zi("plan", str(KUA), "--free-surveys", "--format", "json")
    plan = json.loads(run.stdout, parse_float=Decimal)
    sets = [arg for step in plan["steps"] for arg in ("--set", step["set"])]
    before_scores = _score_conditions(zi, str(KUA))
    after_scores = _score_conditions(zi, str(KUA), *sets)
    assert plan["after"]["conditions"]
    for cond in plan["after"]["conditions"]:
        before, after = _split(cond, ("before", "after"))
        key = (cond["predicate"], cond["id"])
        assert before == before_scores[key] and after == after_scores[key]
        assert set(cond) == set(condition_fixed("WBK", _BLANK)) | {"before", "after"}
        assert set(cond["after"]) <= set(condition_side(_FULL))


_BLANK = ConditionResult("x", "X", met=False)
_FULL = ConditionResult("x", "X", met=True, required=Fraction(1), actual=Fraction(2))
