"""Every shipped example scores to its hand-worked result (tests/expected_examples.py)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from zicli.engine.assess import assess
from zicli.engine.exact import rounded
from zicli.engine.unit import BoundUnit
from zicli.loading import load_unit

from .conftest import EXAMPLES, Run
from .expected_examples import EXPECTED

FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


def test_every_example_has_an_expected_result() -> None:
    assert set(FILES) == set(EXPECTED), "add the new example's hand-worked result"


def test_examples_cover_each_kind_of_outcome_per_pack() -> None:
    for pack in ("permenpanrb-90-2021", "permenpanrb-10-2019"):
        cases = [e for e in EXPECTED.values() if e.pack == pack]
        assert any(e.predicate == "WBBM" for e in cases)
        assert any(e.predicate == "WBK" for e in cases)
        assert any(e.predicate is None and e.total >= 75 for e in cases)


@pytest.mark.parametrize("name", FILES)
def test_example_scores_exactly(name: str) -> None:
    expected = EXPECTED[name]
    loaded = load_unit(str(EXAMPLES / name))
    assert loaded.index.id == expected.pack
    result = assess(
        BoundUnit(loaded.index, loaded.data.unit, loaded.answers, source=name, held=loaded.held)
    )
    assert result.card.total == expected.total
    assert result.verdict.predicate == expected.predicate
    assert not result.verdict.provisional
    if expected.display_total:
        assert str(rounded(result.card.total)) == expected.display_total
    nxt = result.verdict.next
    if nxt is not None:
        assert {c.id for c in nxt.failed()} == expected.failed_next


@pytest.mark.parametrize("name", FILES)
def test_example_json_contract(name: str, zi: Callable[..., Run]) -> None:
    expected = EXPECTED[name]
    run = zi("score", str(EXAMPLES / name), "--format", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    for key in ("unit", "criteria", "total", "scores", "verdict", "completeness", "warnings"):
        assert key in data
    assert data["criteria"]["id"] == expected.pack
    assert {"id", "title", "status"} <= set(data["criteria"])
    assert f"{data['total']:.2f}" == expected.display_total
    assert data["verdict"]["predicate"] == expected.predicate
    assert data["verdict"]["provisional"] is False
    for cond in data["verdict"]["conditions"]:
        assert {"id", "description", "required", "actual", "met"} <= set(cond)
    assert data["completeness"]["answered"] == data["completeness"]["questions"]
    assert data["scores"]["total"] == data["total"]
