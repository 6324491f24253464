"""``zi plan``: optimality against brute force, blockers, freezes, the CLI, and every
shipped example's plan applied back through ``zi score --set``."""

from __future__ import annotations

import itertools
import json
import math
import random
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import pytest

from zicli.engine.assess import assess
from zicli.engine.index import CriteriaIndex, build_index
from zicli.engine.plan import Plan, candidate_moves, plan
from zicli.engine.unit import BoundUnit
from zicli.loading import pack_findings
from zicli.models.answers import AnswerRecord, CountsAnswer, NumberAnswer, OptionAnswer, Unit
from zicli.models.criteria import Criteria

from .conftest import EXAMPLES, Run
from .golden import check_golden

Zi = Callable[..., Run]


@pytest.fixture
def zi(zi: Zi) -> Zi:
    """The CLI runner, every ``zi plan`` with ``--free-counts --free-surveys``: these tests
    exercise the search over every kind of answer. The defaults (counts and survey
    indexes held as facts) are tested in test_newcomer.py."""

    def run(*args: str, stdin: str | None = None) -> Run:
        if args and args[0] == "plan":
            args = (*args, "--free-counts", "--free-surveys")
        return zi(*args, stdin=stdin)

    return run


UNIT = Unit(name="Satker Uji", period="2026-Q1")
MAN2 = str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml")
KUA = str(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml")
BENGKULU = str(EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml")
KANWIL = str(EXAMPLES / "kanwil-kemenag-provinsi-bengkulu-2021.yaml")


def opt(key: str) -> AnswerRecord:
    return AnswerRecord(OptionAnswer(key))


def survey(value: str) -> AnswerRecord:
    return AnswerRecord(NumberAnswer(Decimal(value)))


def counts(**values: int) -> AnswerRecord:
    return AnswerRecord(CountsAnswer(values))


# --- small synthetic packs -------------------------------------------------------------------


def _options(keys: str, values: tuple[str, ...]) -> dict[str, Any]:
    return {
        "kind": "options",
        "label": keys,
        "options": tuple(
            {"key": k, "value": Decimal(v)} for k, v in zip(keys, values, strict=True)
        ),
    }


TYPES: dict[str, Any] = {
    "yt": {
        "kind": "options",
        "label": "Ya/Tidak",
        "options": ({"key": "Ya", "value": Decimal(1)}, {"key": "Tidak", "value": Decimal(0)}),
    },
    "abc": _options("ABC", ("1", "0.5", "0")),
    "abcd": _options("ABCD", ("1", "0.67", "0.33", "0")),
    "abcde": _options("ABCDE", ("1", "0.75", "0.5", "0.25", "0")),
    "nilai": {"kind": "scale", "label": "0-4", "max": Decimal(4)},
    "persen": {"kind": "ratio", "label": "%"},
}
_ZERO_RULE = {"if_numerator_zero": Decimal(1), "otherwise": Decimal(0)}
COMPUTED: dict[str, Any] = {
    "ratio": {
        "inputs": ({"field": "n", "label": "n"}, {"field": "x", "label": "x"}),
        "numerator": "x",
        "denominator": "n",
        "zero_denominator": _ZERO_RULE,
    },
    "decrease": {
        "inputs": ({"field": "lalu", "label": "lalu"}, {"field": "kini", "label": "kini"}),
        "numerator": "lalu - kini",
        "denominator": "lalu",
        "zero_denominator": _ZERO_RULE,
    },
}


def _question(rng: random.Random, qid: str, kinds: list[tuple[str, str]]) -> dict[str, Any]:
    kind = rng.choice(["yt", "abc", "abcd", "abcde", "abcde", "ratio", "decrease"])
    node: dict[str, Any] = {"id": qid, "kind": "butir", "text": f"Pertanyaan {qid}"}
    if kind in COMPUTED:
        node |= {"type": "persen", "computed": COMPUTED[kind]}
    else:
        node["type"] = kind
    kinds.append((qid, kind))
    return node


def synthetic(seed: int) -> tuple[CriteriaIndex, dict[str, AnswerRecord], str, list[str]]:
    """A random small pack (2-3 areas of 1-2 sub-areas of 1-3 questions, a hasil part with
    a survey and an own-weighted option), answers, a target and freezes. The group's
    members sometimes cross the tree, so the conditions are not always nested."""
    rng = random.Random(seed)
    kinds: list[tuple[str, str]] = []
    areas: list[dict[str, Any]] = []
    total_a = 0
    for a in range(rng.choice([2, 2, 3])):
        aid = f"A.{a + 1}"
        subareas = []
        area_weight = 0
        for s in range(rng.choice([1, 2])):
            sid = f"{aid}.{s + 1}"
            weight = rng.choice([1, 2, 3, 5])
            area_weight += weight
            children = tuple(
                _question(rng, f"{sid}.{c}", kinds) for c in "abc"[: rng.choice([1, 2, 2, 3])]
            )
            subareas.append(
                {"id": sid, "kind": "subarea", "weight": Decimal(weight), "children": children}
            )
        areas.append(
            {"id": aid, "kind": "area", "weight": Decimal(area_weight), "children": tuple(subareas)}
        )
        total_a += area_weight
    survey_w, kinerja_w = rng.choice([(4, 2), (6, 3)])
    hasil = {
        "id": "B",
        "kind": "komponen",
        "weight": Decimal(survey_w + kinerja_w),
        "children": (
            {
                "id": "B.1",
                "kind": "subarea",
                "weight": Decimal(survey_w + kinerja_w),
                "children": (
                    {
                        "id": "B.1.a",
                        "kind": "butir",
                        "text": "Survei",
                        "type": "nilai",
                        "weight": Decimal(survey_w),
                    },
                    {
                        "id": "B.1.b",
                        "kind": "butir",
                        "text": "Kinerja",
                        "type": "abcde",
                        "weight": Decimal(kinerja_w),
                    },
                ),
            },
        ),
    }
    kinds += [("B.1.a", "nilai"), ("B.1.b", "abcde")]
    total = total_a + survey_w + kinerja_w
    area_ids = [a["id"] for a in areas]
    if rng.random() < 0.3:
        members: tuple[dict[str, Any], ...] = (
            {"id": "m1", "name": "M1", "nodes": (area_ids[0], "B.1")},
            {"id": "m2", "name": "M2", "nodes": tuple(area_ids[1:])},
        )
    else:
        members = tuple(
            {"id": f"m{i}", "name": f"M{i}", "nodes": (aid,)} for i, aid in enumerate(area_ids)
        )
    conditions: list[dict[str, Any]] = [
        {
            "id": "total",
            "description": "Total",
            "node": "total",
            "min": Decimal(rng.randint(total * 5, total * 9)) / 10,
        },
        {
            "id": "a",
            "description": "A",
            "node": "A",
            "min": Decimal(rng.randint(total_a * 4, total_a * 9)) / 10,
        },
        {
            "id": "area",
            "description": "Area",
            "each": "g",
            "min_fraction": Decimal(rng.choice(["0.5", "0.6", "0.75"])),
        },
        {
            "id": "kin",
            "description": "Kinerja",
            "node": "B.1.b",
            "min": kinerja_w * Decimal(rng.choice(["0.25", "0.5", "0.75"])),
        },
        {
            "id": "ipak",
            "description": "Survei",
            "input": "B.1.a",
            "min": Decimal(rng.choice(["3.90", "3.95", "3.97"])),
        },
    ]
    held = {"id": "held", "description": "Sudah WBK", "held": ("WBK", "WBBM")}
    criteria = Criteria.model_validate(
        {
            "schema_version": 1,
            "id": "synthetic",
            "title": "Synthetic",
            "short_title": "Synthetic",
            "legal_basis": "test",
            "status": {"state": "in_force"},
            "answer_types": TYPES,
            "nodes": (
                {
                    "id": "A",
                    "kind": "komponen",
                    "weight": Decimal(total_a),
                    "children": tuple(areas),
                },
                hasil,
            ),
            "groups": ({"id": "g", "name": "G", "members": members},),
            "predicates": (
                {"id": "WBK", "name": "Menuju WBK", "conditions": tuple(conditions)},
                {"id": "WBBM", "name": "Menuju WBBM", "conditions": (*conditions[:3], held)},
            ),
        }
    )
    # Sound but for its total: a small synthetic tree adds up to less than the 100 a
    # real pack must (the search does not depend on the total being 100).
    found = pack_findings(criteria)
    assert [m for _, m, _ in found] == [
        f"bobot node teratas berjumlah {total}, bukan 100"
    ] or not found
    index = build_index(criteria)
    answers: dict[str, AnswerRecord] = {}
    for qid, kind in kinds:
        if rng.random() < 0.15:
            continue  # blank
        if kind == "nilai":
            answers[qid] = survey(rng.choice(["3.90", "3.93", "3.95", "3.96", "3.99", "4.00"]))
        elif kind == "ratio":
            n = rng.randint(0, 3)
            answers[qid] = counts(n=n, x=rng.randint(0, n))
        elif kind == "decrease":
            answers[qid] = counts(lalu=rng.randint(0, 3), kini=rng.randint(0, 3))
        else:
            answers[qid] = opt(
                rng.choice([o.key for o in index.answer_type(index.nodes[qid]).options])
            )
    freeze = [qid for qid, _ in kinds if rng.random() < 0.15]
    return index, answers, rng.choice(["WBK", "WBK", "WBBM"]), freeze


def brute_force(
    index: CriteriaIndex, answers: dict[str, AnswerRecord], target: str, freeze: list[str]
) -> tuple[int, int, F] | None:
    """The optimum by enumerating every combination of candidate moves, each judged by the
    real engine: (changes, levels, -total after), or None when no combination works."""
    moves = {
        q.id: candidate_moves(index, q, answers.get(q.id))
        for q in index.questions
        if q.id not in freeze
    }
    movable = [q for q, m in moves.items() if m]
    for k in range(len(movable) + 1):
        best: tuple[int, int, F] | None = None
        for subset in itertools.combinations(movable, k):
            for combo in itertools.product(*(moves[q] for q in subset)):
                changed = dict(answers)
                changed.update({m.question: AnswerRecord(m.answer) for m in combo})
                result = assess(BoundUnit(index, UNIT, changed, source="brute"))
                conditions = result.verdict.result(target).conditions
                if all(c.met for c in conditions if c.id != "held"):
                    key = (k, sum(m.levels for m in combo), -result.card.total)
                    best = key if best is None or key < best else best
        if best is not None:
            return best
    return None


def _search_size(seed: int) -> int:
    index, answers, _, freeze = synthetic(seed)
    return math.prod(
        len(candidate_moves(index, q, answers.get(q.id))) + 1
        for q in index.questions
        if q.id not in freeze
    )


SEEDS = [s for s in range(120) if _search_size(s) <= 12000][:40]


def _objective(result: Plan) -> tuple[int, int, F] | None:
    if any(b.kind in ("score", "input") for b in result.blockers):
        return None
    return (len(result.steps), result.levels, -result.after.card.total)


@pytest.mark.parametrize("seed", SEEDS)
def test_plan_is_the_brute_force_optimum(seed: int) -> None:
    index, answers, target, freeze = synthetic(seed)
    result = plan(BoundUnit(index, UNIT, answers, source="t"), target=target, freeze=freeze)
    assert _objective(result) == brute_force(index, answers, target, freeze)
    assert not {s.question.id for s in result.steps} & set(freeze)
    if _objective(result) is not None:
        after = result.target_after.conditions
        assert all(c.met for c in after if c.id != "held")
        assert result.feasible == (target == "WBK" or result.target_after.met)


def test_the_brute_force_cases_are_varied() -> None:
    shapes = set()
    for seed in SEEDS:
        index, answers, target, freeze = synthetic(seed)
        result = plan(BoundUnit(index, UNIT, answers, source="t"), target=target, freeze=freeze)
        objective = _objective(result)
        shapes.add("none" if objective is None else min(objective[0], 3))
    assert shapes == {"none", 0, 1, 2, 3}


# --- the move set ----------------------------------------------------------------------------


def _moves(index: CriteriaIndex, qid: str, record: AnswerRecord | None) -> list[tuple[str, int, F]]:
    from zicli.models.answers import answer_to_text

    return [
        (answer_to_text(m.answer), m.levels, m.gain)
        for m in candidate_moves(index, index.nodes[qid], record)
    ]


def test_option_moves_climb_levels(pack90: CriteriaIndex) -> None:
    # A.II.1.ii.a is alone in a sub-area of weight 1 (A-E); C is worth 0.5
    assert _moves(pack90, "A.II.1.ii.a", opt("C")) == [("B", 1, F("0.25")), ("A", 2, F("0.5"))]
    assert _moves(pack90, "A.II.1.ii.a", opt("A")) == []
    # blank stands at the lowest option (worth 0): Ya is one level up
    assert _moves(pack90, "A.I.1.i.a", None) == [("Ya", 1, F(1, 4))]


def test_survey_moves_on_the_hundredth_grid(pack90: CriteriaIndex) -> None:
    moves = _moves(pack90, "B.I.a", survey("3.96"))
    assert moves == [
        ("3.97", 1, F("0.01") / 4 * F("17.5")),
        ("3.98", 2, F("0.02") / 4 * F("17.5")),
        ("3.99", 3, F("0.03") / 4 * F("17.5")),
        ("4.00", 4, F("0.04") / 4 * F("17.5")),
    ]
    assert len(_moves(pack90, "B.I.a", None)) == 400


def test_ratio_moves_move_the_count_the_unit_controls(pack90: CriteriaIndex) -> None:
    agents = counts(jumlah_agen_perubahan=10, jumlah_perubahan_dibuat=6)
    moves = _moves(pack90, "A.II.1.i.a", agents)
    assert [m[:2] for m in moves] == [
        (f"jumlah_agen_perubahan=10,jumlah_perubahan_dibuat={n}", n - 6) for n in range(7, 11)
    ]
    assert moves[-1][2] == F(4, 10) * 1  # sub-area weight 2 over 2 questions
    discipline = counts(
        jumlah_pelanggaran_tahun_sebelumnya=2,
        jumlah_pelanggaran_tahun_ini=3,
        jumlah_pelanggaran_disanksi=3,
    )
    # 3 -> 2 still scores 0: no candidate; 1 gives 1/2, 0 gives 1
    assert [(m[1], m[2]) for m in _moves(pack90, "A.II.3.iii.a", discipline)] == [
        (2, F(1)),
        (3, F(2)),
    ]


def test_blank_ratio_gets_illustrative_full_counts(pack90: CriteriaIndex) -> None:
    (move,) = candidate_moves(pack90, pack90.nodes["A.II.1.i.a"], None)
    assert move.illustrative and move.value == 1
    assert move.answer == CountsAnswer({"jumlah_agen_perubahan": 1, "jumlah_perubahan_dibuat": 1})
    (zero,) = candidate_moves(pack90, pack90.nodes["A.II.3.iii.a"], None)
    assert set(zero.answer.counts.values()) == {0}  # type: ignore[union-attr]  # 0/0 counts 1


# --- plans on the 2021 pack ------------------------------------------------------------------


def _surveys_at(index: CriteriaIndex, value: str) -> dict[str, AnswerRecord]:
    return {q.id: survey(value) for q in index.questions if index.answer_type(q).kind == "scale"}


def test_all_blank_unit_with_surveys_frozen(pack90: CriteriaIndex) -> None:
    answers = _surveys_at(pack90, "3.60")
    result = plan(BoundUnit(pack90, UNIT, answers, source="t"), target="WBK", freeze=list(answers))
    assert result.feasible and result.target_after.met
    assert result.shortest == len(result.steps) == 43
    assert not {s.question.id for s in result.steps} & set(answers)
    # WBBM also needs the predicate held: blocked, but every score condition is met
    wbbm = plan(BoundUnit(pack90, UNIT, answers, source="t"), target="WBBM", freeze=list(answers))
    assert not wbbm.feasible and [b.kind for b in wbbm.blockers] == ["held"]
    assert all(c.met for c in wbbm.target_after.conditions if c.id != "predikat_wbk")


def test_held_predicate_allows_wbbm(pack90: CriteriaIndex) -> None:
    answers = _surveys_at(pack90, "3.60")
    result = plan(BoundUnit(pack90, UNIT, answers, source="t", held="WBK"), target="WBBM")
    assert result.feasible and result.target_after.met and result.blockers == ()


def test_survey_minimum_beyond_reach_names_the_frozen_survey(pack90: CriteriaIndex) -> None:
    answers = _surveys_at(pack90, "3.50")
    result = plan(BoundUnit(pack90, UNIT, answers, source="t"), target="WBK", freeze=["B.I.a"])
    assert not result.feasible and result.steps == ()
    (ipak,) = [b for b in result.blockers if b.condition == "ipak"]
    assert ipak.kind == "score" and ipak.frozen == ("B.I.a",)
    assert ipak.required == F("15.75") and ipak.reachable == ipak.actual == F("3.5") / 4 * F("17.5")
    assert ipak.unfreeze == (("B.I.a", NumberAnswer(Decimal("3.60"))),)


def test_plan_is_pure_and_rescored(pack90: CriteriaIndex) -> None:
    answers = _surveys_at(pack90, "3.60")
    first = plan(BoundUnit(pack90, UNIT, answers, source="t"), target="WBK")
    again = plan(BoundUnit(pack90, UNIT, answers, source="t"), target="WBK")
    assert [s.set_text for s in first.steps] == [s.set_text for s in again.steps]
    gains = sum((s.gain for s in first.steps), F(0))
    assert first.after.card.total - first.before.card.total == gains == first.gain
    assert [s.gain for s in first.steps] == sorted((s.gain for s in first.steps), reverse=True)


# --- the CLI ---------------------------------------------------------------------------------


def _plan_json(zi: Zi, *args: str) -> tuple[int, dict[str, Any]]:
    run = zi("plan", *args, "--format", "json")
    return run.code, json.loads(run.stdout)


def test_kua_needs_only_its_ipak(zi: Zi) -> None:
    code, data = _plan_json(zi, KUA)
    assert code == 0
    assert (data["target"], data["feasible"], data["changes"], data["levels"]) == (
        "WBK",
        True,
        1,
        10,
    )
    (step,) = data["steps"]
    assert (step["id"], step["current"], step["proposed"], step["set"]) == (
        "B.I.a",
        "3.50",
        "3.60",
        "B.I.a=3.60",
    )
    assert step["gain_exact"] == "0.4375" and step["helps"] == ["ipak"]
    assert data["after"]["predicate"] == "WBK" and data["after"]["target_met"] is True


def test_frozen_survey_blocks_and_says_what_is_needed(zi: Zi) -> None:
    code, data = _plan_json(zi, KUA, "--freeze", "B.I.a,B.II.a")
    assert code == 1
    assert data["feasible"] is False and data["steps"] == []
    assert data["frozen"] == ["B.I.a", "B.II.a"]
    (blocker,) = data["blocked_by"]
    assert blocker["condition"] == "ipak" and blocker["needed"] == [
        {"id": "B.I.a", "value": "3.60"}
    ]


def test_freeze_steers_the_plan(zi: Zi) -> None:
    _, free = _plan_json(zi, MAN2)
    assert "A.II.3.iii.a" in [s["id"] for s in free["steps"]]
    _, frozen = _plan_json(zi, MAN2, "--freeze", "A.II.3.iii.a", "--freeze", "B.I.a")
    assert "A.II.3.iii.a" not in [s["id"] for s in frozen["steps"]]
    assert frozen["changes"] >= free["changes"]
    assert frozen["frozen"] == ["A.II.3.iii.a", "B.I.a"]


def test_held_condition_blocks_wbbm_but_plans_the_rest(zi: Zi) -> None:
    code, data = _plan_json(zi, MAN2)
    assert code == 1
    assert data["target"] == "WBBM" and data["feasible"] is False
    assert [b["condition"] for b in data["blocked_by"]] == ["predikat_wbk"]
    assert data["changes"] == data["shortest"] == 4
    unmet = [c["id"] for c in data["after"]["conditions"] if not c["after"]["met"]]
    assert unmet == ["predikat_wbk"]


def test_held_in_the_file_makes_it_feasible(zi: Zi, tmp_path: Path) -> None:
    text = Path(MAN2).read_text(encoding="utf-8")
    held = tmp_path / "man2.yaml"
    held.write_text(
        text.replace('  period: "2026-Q1"\n', '  period: "2026-Q1"\n  predicate_held: WBK\n'),
        encoding="utf-8",
    )
    code, data = _plan_json(zi, str(held))
    assert code == 0 and data["feasible"] is True and data["after"]["predicate"] == "WBBM"


def test_max_steps(zi: Zi) -> None:
    code, data = _plan_json(zi, KANWIL, "--max-steps", "0")
    assert code == 1 and data["steps"] == [] and data["shortest"] == 1
    assert [b["kind"] for b in data["blocked_by"]] == ["max_steps"]
    code, data = _plan_json(zi, KANWIL, "--max-steps", "1")
    assert code == 0 and len(data["steps"]) == 1


def test_target_option(zi: Zi) -> None:
    code, data = _plan_json(zi, MAN2, "--target", "wbk")
    assert code == 0 and data["already_met"] is True and data["steps"] == []
    run = zi("plan", MAN2, "--target", "WBX")
    assert run.code == 2 and "--target: predikat 'WBX' tidak dikenal" in run.stderr


def test_top_predicate_has_nothing_to_do(zi: Zi) -> None:
    run = zi("plan", BENGKULU, "--width", "80")
    assert run.code == 0
    assert "sudah terpenuhi semua" in run.stdout


def test_unknown_freeze_id_is_a_usage_error(zi: Zi) -> None:
    run = zi("plan", KUA, "--freeze", "B.II.a,B.I.aa")
    assert run.code == 2 and run.stdout == ""
    assert "--freeze: id butir 'B.I.aa' tidak dikenal" in run.stderr
    assert "maksud Anda 'B.I.a'?" in run.stderr


def test_freeze_a_node_freezes_its_questions(zi: Zi) -> None:
    _, data = _plan_json(zi, KUA, "--freeze", "B")
    assert data["frozen"] == ["B.I.a", "B.I.b", "B.II.a"]


def test_plan_from_a_what_if(zi: Zi) -> None:
    code, data = _plan_json(zi, KUA, "--set", "B.I.a=3.61", "--target", "WBK")
    assert code == 0 and data["already_met"] is True


def _shipped_plans() -> list[str]:
    return sorted(p.name for p in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("name", _shipped_plans())
def test_shipped_example_plan_applied_with_set_reaches_the_target(zi: Zi, name: str) -> None:
    path = str(EXAMPLES / name)
    code, data = _plan_json(zi, path)
    assert code == (0 if data["feasible"] else 1)
    if data["already_met"]:
        assert data["steps"] == []
        return
    args = ["score", path, "--format", "json"]
    for step in data["steps"]:
        assert step["set"] == f"{step['id']}={step['proposed']}"
        args += ["--set", step["set"]]
    run = zi(*args)
    assert run.code == 0, run.stderr
    scored = json.loads(run.stdout)
    assert scored["total"] == data["after"]["total"]
    fixed = {b["condition"] for b in data["blocked_by"] if b["kind"] in ("held", "fixed")}
    assert {b["kind"] for b in data["blocked_by"]} <= {"held", "fixed"}
    target = [c for c in scored["verdict"]["conditions"] if c["predicate"] == data["target"]]
    assert [c["id"] for c in target if not c["met"]] == sorted(
        fixed, key=[c["id"] for c in target].index
    )
    reached = {p["id"]: p["met"] for p in scored["verdict"]["predicates"]}
    assert reached[data["target"]] is data["feasible"]


# --- output ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("golden", "args"),
    [
        ("man-2-kota-bengkulu-2026q1.txt", (MAN2,)),
        ("kua-kecamatan-selebar-2026q1.txt", (KUA,)),
        ("kua-kecamatan-selebar-2026q1.frozen.txt", (KUA, "--freeze", "B.I.a,B.II.a")),
        ("kanwil-kemenag-provinsi-bengkulu-2021.txt", (KANWIL,)),
        ("man-2-kota-bengkulu-2026q1.md", (MAN2, "--format", "markdown")),
    ],
)
def test_plan_golden(
    zi: Zi, golden: str, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    relative = [str(Path(a).relative_to(EXAMPLES.parent)) if a.startswith("/") else a for a in args]
    run = zi("plan", *relative, "--width", "80")
    check_golden(f"plan/{golden}", run.stdout)


def test_output_file(zi: Zi, tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    run = zi("plan", KUA, "-f", "markdown", "-o", str(out))
    assert run.code == 0 and run.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("## Rencana untuk predikat Menuju WBK")


def test_table_names_what_a_frozen_area_lacks(zi: Zi) -> None:
    run = zi("plan", MAN2, "--freeze", "A.II.3", "--width", "100")
    assert run.code == 1
    assert (
        "Area Penataan Sistem Manajemen SDM: perlu 7.50, sekarang 6.86, paling tinggi 7.25"
        in run.stdout
    )
    assert "bila dibuka, cukup A.II.3.iii.a: jumlah_pelanggaran_tahun_ini 3 → 1" in run.stdout
    markdown = zi("plan", MAN2, "--freeze", "A.II.3", "-f", "markdown").stdout
    assert "Dibekukan: `A.II.3.i.a`, `A.II.3.ii.a`, `A.II.3.iii.a`" in markdown


def test_only_the_held_predicate_is_missing(zi: Zi) -> None:
    sets = [
        "B.I.b=A",
        "A.II.3.iii.a=jumlah_pelanggaran_tahun_ini=1",
        "B.II.a=3.60",
        "A.II.1.ii.a=A",
    ]
    args = [arg for s in sets for arg in ("--set", s)]
    run = zi("plan", MAN2, *args, "--width", "80")
    assert run.code == 1
    assert "Menuju WBBM belum dapat dicapai dengan mengubah jawaban; syarat nilainya" in run.stdout
    assert "Langkah" not in run.stdout


def test_blank_file_plan_marks_illustrative_counts(zi: Zi, tmp_path: Path) -> None:
    blank = tmp_path / "blank.yaml"
    blank.write_text(
        "criteria: permenpanrb-90-2021\nunit: {name: Baru, period: '2026-Q1'}\n"
        "answers: {B.I.a: 3.6, B.II.a: 3.6}\n",
        encoding="utf-8",
    )
    code, data = _plan_json(zi, str(blank), "--freeze", "B.I.a,B.II.a")
    assert code == 0 and data["changes"] == 43
    marked = [s["id"] for s in data["steps"] if s["illustrative"]]
    assert marked and all(s["current"] is None for s in data["steps"])
    table = zi("plan", str(blank), "--freeze", "B.I.a,B.II.a", "--width", "80").stdout
    assert "* butir kosong: jumlah ini hanya contoh rasio penuh" in table
    markdown = zi("plan", str(blank), "--freeze", "B.I.a,B.II.a", "-f", "markdown").stdout
    assert "\\* butir kosong" in markdown
    assert "| 1 | `B.I.b` | Capaian Kinerja" in markdown  # the largest gain comes first
    assert "kosong → jumlah\\_pengaduan\\_harus\\_ditindaklanjuti=0," in markdown


def test_markdown_marks_reconstructed_thresholds(zi: Zi) -> None:
    markdown = zi("plan", KANWIL, "-f", "markdown").stdout
    assert "| Capaian kinerja lebih baik (B.I.2) \\* | 2.50 | 1.25 | 2.50 | terpenuhi |" in markdown
    assert "\\* ambang hasil rekonstruksi" in markdown


def test_unknown_plan_format() -> None:
    from zicli.errors import UsageError
    from zicli.render.registry import load

    with pytest.raises(UsageError, match="tidak punya format 'csv'") as caught:
        load("plan", "csv")
    assert caught.value.problems[0].hint == "pilih salah satu dari table, json, markdown"


# --- the printed command reproduces the plan -------------------------------------------------


def _check_printed_command(zi: Callable[..., Run], args: list[str]) -> None:
    """Run ``zi plan`` with ``args``, then the ``zi score`` command it prints (JSON
    ``command``, and the table's lines), and compare with the plan's promise."""
    import shlex

    planned = json.loads(zi("plan", *args, "--format", "json").stdout)
    assert planned["steps"] and planned["command"]
    table = zi("plan", *args).stdout
    lines = table[table.index("zi score ") :].split("\n")
    printed = " ".join(ln.strip(" \\") for ln in itertools.takewhile(str.strip, lines))
    assert printed == planned["command"]
    argv = shlex.split(planned["command"])
    assert argv[:2] == ["zi", "score"]
    run = zi(*argv[1:], "--format", "json")
    assert run.code in (0, 1), run.stderr
    scored = json.loads(run.stdout)
    assert scored["total"] == planned["after"]["total"]
    assert scored["verdict"]["predicate"] == planned["after"]["predicate"]


def test_printed_command_carries_the_users_set(zi: Callable[..., Run]) -> None:
    # B.I.b=C given by the user, then lifted again by the plan: the command must set
    # it as the user did before the plan's own --set
    example = str(EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml")
    _check_printed_command(zi, [example, "--set", "A.I.1.i.a=Tidak", "--set", "B.I.b=C"])


@pytest.mark.parametrize("how", ["criteria-root", "-c"])
def test_printed_command_carries_criteria_root_and_pack(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    # a pack of one's own above the answer file's folder: named by the file (zi score
    # then needs --criteria-root) or given with -c; the folder's name needs quoting
    from .conftest import CRITERIA

    pack = tmp_path / "my packs" / "p.yaml"
    pack.parent.mkdir()
    pack.write_text((CRITERIA / "permenpanrb-10-2019.yaml").read_text("utf-8"), "utf-8")
    sub = pack.parent / "sub"
    sub.mkdir()
    text = (EXAMPLES / "kanwil-kemenag-provinsi-bengkulu-2021.yaml").read_text("utf-8")
    unit = sub / "u.yaml"
    if how == "-c":
        unit.write_text(text.replace("criteria: permenpanrb-10-2019", "criteria: nope"), "utf-8")
        args = ["-c", str(pack)]
    else:
        unit.write_text(
            text.replace("criteria: permenpanrb-10-2019", "criteria: ../p.yaml"), "utf-8"
        )
        args = ["--criteria-root", str(pack.parent)]
    monkeypatch.chdir(tmp_path)
    _check_printed_command(zi, [str(unit), *args])
