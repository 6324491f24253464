"""The shipped packs against the reference trees in docs/reference/, and the pack checks."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from zicli.engine.index import CriteriaIndex
from zicli.loading import pack_findings, shipped_packs
from zicli.models.criteria import Criteria

from .conftest import REFERENCE


def _reference(name: str) -> Any:
    return yaml.safe_load((REFERENCE / name).read_text(encoding="utf-8"))


def _d(value: Any) -> Decimal:
    return Decimal(str(value))


def _reference_dicts(data: Any, *keys: str) -> Iterator[dict[str, Any]]:
    """Every mapping in the reference tree that has all of ``keys``, in file order."""
    stack = [data["components"]]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if all(k in node for k in keys):
                yield node
            stack += reversed(list(node.values()))
        elif isinstance(node, list):
            stack += reversed(node)


def _reference_questions(data: Any) -> dict[str, Any]:
    return {n["id"]: n for n in _reference_dicts(data, "id", "type", "text")}


def _reference_weights(data: Any) -> dict[str, Decimal]:
    return {n["id"]: _d(n["weight"]) for n in _reference_dicts(data, "id", "weight")}


def test_every_shipped_pack_is_sound() -> None:
    packs = shipped_packs()
    assert {"permenpanrb-10-2019", "permenpanrb-90-2021"} <= set(packs)
    for path in packs.values():
        from zicli.loading import load_criteria_file

        index = load_criteria_file(str(path))
        assert index.id == Path(path).stem
        assert pack_findings(index.criteria) == []
        assert index.weights["total"] == 100


@pytest.mark.parametrize(
    ("pack", "reference_file", "count"),
    [("pack90", "lke-90-2021.yaml", 113), ("pack19", "lke-10-2019.yaml", 84)],
)
def test_pack_matches_reference_tree(
    pack: str, reference_file: str, count: int, request: pytest.FixtureRequest
) -> None:
    index: CriteriaIndex = request.getfixturevalue(pack)
    data = _reference(reference_file)
    questions = _reference_questions(data)
    assert len(index.questions) == count == len(questions)
    assert [q.id for q in index.questions] == list(questions)
    for node_id, weight in _reference_weights(data).items():
        assert index.nodes[node_id].weight == weight, node_id
    for q in index.questions:
        ref = questions[q.id]
        assert q.text == ref["text"]
        atype = index.answer_type(q)
        if atype.kind == "options":
            ref_values = {o.get("key", o.get("code")): _d(o["value"]) for o in ref["options"]}
            assert {o.key: o.value for o in atype.options} == ref_values, q.id
            assert [o.key for o in q.options] == list(ref_values), q.id
        elif atype.kind == "ratio":
            assert q.computed is not None
            ref_fields = [i["field"] for i in ref["computed"]["inputs"]]
            assert list(q.computed.fields()) == ref_fields, q.id
            assert q.computed.numerator == ref["computed"]["numerator"]
            assert q.computed.denominator == ref["computed"]["denominator"]
        else:
            assert atype.max == 4


def test_90_2021_thresholds_match_reference(pack90: CriteriaIndex) -> None:
    th = _reference("lke-90-2021.yaml")["thresholds"]
    by_pred = {p.id: {c.id: c for c in p.conditions} for p in pack90.criteria.predicates}
    for pid, key in (("WBK", "menuju_wbk"), ("WBBM", "menuju_wbbm")):
        ref, conds = th[key], by_pred[pid]
        assert conds["total"].min == _d(ref["total_min"])
        assert conds["pengungkit"].min == _d(ref["pengungkit_min"])
        assert conds["area"].min_fraction == _d(ref["every_area_min_fraction"])
        assert conds["birokrasi_bersih"].min == _d(ref["hasil_birokrasi_bersih_min"])
        assert conds["ipak"].min == _d(ref["ipak_subscore_min"])
        assert conds["kinerja"].min == _d(ref["kinerja_lebih_baik_min"])
        assert conds["pelayanan_prima"].min == _d(ref["pelayanan_prima_min"])
    assert "predikat_wbk" in by_pred["WBBM"] and "predikat_wbk" not in by_pred["WBK"]
    group = pack90.criteria.groups[0]
    combined = th["area_weights_combined"]
    assert {m.id: list(m.nodes) for m in group.members} == {
        k: v["areas"] for k, v in combined.items()
    }
    for member in group.members:
        weight = sum((pack90.weights[n] for n in member.nodes), Fraction(0))
        assert weight == combined[member.id]["weight"]


def test_10_2019_verdict_rules_match_reference(pack19: CriteriaIndex) -> None:
    rules = _reference("lke-10-2019.yaml")["verdict_rules"]
    for pred in pack19.criteria.predicates:
        ref = rules[pred.id]
        for cond in pred.conditions:
            if cond.held is not None:
                assert ref["prior_predicate"] == "WBK"
                continue
            assert cond.node is not None
            assert _d(ref[cond.node].lstrip(">= ")) == cond.min, (pred.id, cond.id)
        assert len([c for c in pred.conditions if c.held is None]) == len(
            [k for k in ref if k != "prior_predicate"]
        )


def test_reconstructed_numbers_say_so(pack19: CriteriaIndex) -> None:
    assert pack19.criteria.status.state == "repealed"
    assert pack19.criteria.status.successor == "permenpanrb-90-2021"
    for pred in pack19.criteria.predicates:
        for cond in pred.conditions:
            assert cond.source and cond.confidence
    for node in pack19.criteria.walk():
        if node.kind in ("area", "subarea", "subkomponen"):
            assert node.confidence, node.id


def _minimal(**changes: Any) -> dict[str, Any]:
    pack: dict[str, Any] = {
        "schema_version": 1,
        "id": "t",
        "title": "T",
        "short_title": "T",
        "legal_basis": "t",
        "status": {"state": "in_force"},
        "answer_types": {
            "yt": {
                "kind": "options",
                "label": "Ya/Tidak",
                "options": ({"key": "Ya", "value": 1}, {"key": "Tidak", "value": 0}),
            }
        },
        "nodes": (
            {
                "id": "A",
                "kind": "komponen",
                "weight": 100,
                "children": (
                    {
                        "id": "A.1",
                        "kind": "subarea",
                        "weight": 60,
                        "children": ({"id": "A.1.a", "kind": "butir", "text": "q", "type": "yt"},),
                    },
                    {
                        "id": "A.2",
                        "kind": "subarea",
                        "weight": 40,
                        "children": ({"id": "A.2.a", "kind": "butir", "text": "q", "type": "yt"},),
                    },
                ),
            },
        ),
        "predicates": (
            {
                "id": "WBK",
                "name": "Menuju WBK",
                "conditions": ({"id": "total", "description": "t", "node": "total", "min": 70},),
            },
        ),
    }
    pack.update(changes)
    return pack


def _findings(pack: dict[str, Any]) -> list[str]:
    return [message for _, message, _ in pack_findings(Criteria.model_validate(pack))]


def test_pack_checks_accept_the_minimal_pack() -> None:
    assert _findings(_minimal()) == []


def test_pack_checks_find_broken_packs() -> None:
    pack = _minimal()
    nodes = pack["nodes"]
    bad_weight = ({**nodes[0], "weight": 101},)
    assert any(
        "berjumlah 100, tidak sama dengan bobotnya 101" in m
        for m in _findings(_minimal(nodes=bad_weight))
    )
    dup = ({**nodes[0], "children": (nodes[0]["children"][0], {**nodes[0]["children"][0]})},)
    assert any("id node 'A.1' ganda" in m for m in _findings(_minimal(nodes=dup)))
    rule = (
        {
            "id": "WBK",
            "name": "W",
            "conditions": ({"id": "x", "description": "x", "node": "Z.9", "min": 1},),
        },
    )
    assert any("node 'Z.9' tidak dikenal" in m for m in _findings(_minimal(predicates=rule)))
    types = {
        "yt": {
            "kind": "options",
            "label": "x",
            "options": ({"key": "Ya", "value": Decimal("1.5")}, {"key": "T", "value": 0}),
        }
    }
    assert any("0..1" in m for m in _findings(_minimal(answer_types=types)))


def test_pack_shape_refuses_what_zi_plan_could_not_write() -> None:
    """Issue 12: a negative weight, a total that is not 100, and ids or keys that a
    --set line cannot carry are refused (each with its place)."""
    pack = _minimal()
    top = pack["nodes"][0]
    first, second = top["children"]
    negated = (
        {
            **top,
            "weight": -100,
            "children": ({**first, "weight": -60}, {**second, "weight": -40}),
        },
    )
    found = _findings(_minimal(nodes=negated))
    assert found.count("bobot tidak boleh negatif") == 3
    seven = ({**top, "weight": 7, "children": ({**first, "weight": 3}, {**second, "weight": 4})},)
    assert _findings(_minimal(nodes=seven)) == ["bobot node teratas berjumlah 7, bukan 100"]
    for bad, why in (
        ("", "kosong"),
        ("A=1", "memuat '='"),
        ("A,1", "memuat ','"),
        ("A 1", "memuat spasi"),
        ("A\t1", "memuat spasi"),
    ):
        renamed = ({**top, "children": ({**first, "id": bad}, second)},)
        assert f"id {bad!r} {why}" in _findings(_minimal(nodes=renamed))
