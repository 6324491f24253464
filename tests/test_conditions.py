"""Conditions, one module per kind: each kind gives check, test, describe and levers,
and the registry dispatches every condition of the shipped packs to its kind."""

from __future__ import annotations

from fractions import Fraction

import pytest

from zicli.engine import conditions
from zicli.engine.conditions import KINDS, Bar, describe, kind_of, levers
from zicli.loading import load_criteria

PACKS = ["permenpanrb-90-2021", "permenpanrb-10-2019", "kemenag-90-2021", "kma-633-2020"]


def test_every_kind_module_gives_the_four_parts() -> None:
    for name, kind in KINDS.items():
        for part in ("check", "test", "describe", "levers"):
            assert callable(getattr(kind, part)), (name, part)
        # the selector of a kind is a field of the condition model
        from zicli.models.criteria import Condition

        assert name in Condition.model_fields


@pytest.mark.parametrize("pack", PACKS)
def test_every_condition_of_a_shipped_pack_has_exactly_its_kind(pack: str) -> None:
    index = load_criteria(pack)
    for rule in (*index.criteria.predicates, *index.criteria.gates):
        for cond in rule.conditions:
            selectors = [s for s in KINDS if getattr(cond, s) is not None]
            assert [kind_of(index, cond)] == [KINDS[s] for s in selectors]


def test_bars_as_the_90_2021_pack_states_them() -> None:
    # PermenPANRB 90/2021: WBK total >= 75; each area >= 60 % of its weight;
    # WBBM requires holding WBK (or WBBM, for a unit evaluated again) already.
    index = load_criteria("permenpanrb-90-2021")
    wbk, wbbm = index.criteria.predicates
    total = next(c for c in wbk.conditions if c.node == "total")
    assert describe(total) == Bar(Fraction(75))
    areas = next(c for c in wbk.conditions if c.each is not None)
    assert describe(areas) == Bar(Fraction(60, 100), share=True)
    held = next(c for c in wbbm.conditions if c.held is not None)
    assert describe(held) == Bar(held=("WBK", "WBBM"))
    assert levers(index, held) is None


def test_levers_of_a_group_condition_are_the_questions_of_each_member() -> None:
    index = load_criteria("permenpanrb-90-2021")
    wbk = index.criteria.predicates[0]
    areas = next(c for c in wbk.conditions if c.each is not None)
    moved = levers(index, areas)
    assert moved is not None and len(moved) == 6  # the six areas
    everything = set().union(*(lever.support for lever in moved))
    # every pengungkit question moves one area, and no hasil question does
    assert everything == {q.id for q in index.questions if q.id.startswith("A.")}


def test_why_fixed_speaks_for_held_and_defaults_for_other_kinds() -> None:
    index = load_criteria("permenpanrb-90-2021")
    wbbm = index.criteria.predicates[1]
    held = next(c for c in wbbm.conditions if c.held is not None)
    assert "mensyaratkan sudah meraih WBK" in conditions.why_fixed(index, held, [])
