"""Engine tests with hand-worked numbers (no files, no CLI)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F

import pytest

from zicli.engine.assess import assess
from zicli.engine.exact import exact_text, rounded
from zicli.engine.index import CriteriaIndex, build_index
from zicli.engine.score import score
from zicli.engine.unit import BoundUnit
from zicli.loading import pack_findings
from zicli.models.answers import AnswerRecord, CountsAnswer, NumberAnswer, OptionAnswer, Unit
from zicli.models.criteria import Criteria

from .builders import all_answers

UNIT = Unit(name="Satker Uji", period="2026-Q1")


def opt(key: str) -> AnswerRecord:
    return AnswerRecord(OptionAnswer(key))


def num(value: str) -> AnswerRecord:
    return AnswerRecord(NumberAnswer(Decimal(value)))


def counts(**values: int) -> AnswerRecord:
    return AnswerRecord(CountsAnswer(values))


# --- display rounding: 2 places, half up ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (F("74.995"), "75.00"),
        (F("0.125"), "0.13"),
        (F("0.005"), "0.01"),
        (F("0.0049999"), "0.00"),
        (F(1, 3), "0.33"),
        (F(2, 3), "0.67"),
        (F(-1, 200), "-0.01"),
        (F("-0.004"), "0.00"),
        (F(100), "100.00"),
    ],
)
def test_rounded_half_up(value: F, shown: str) -> None:
    assert str(rounded(value)) == shown


def test_exact_text() -> None:
    assert exact_text(F("74.995")) == "74.995"
    assert exact_text(F(1, 3), 4) == "0.3333..."


# --- all best / all worst -------------------------------------------------------------------


@pytest.mark.parametrize("pack", ["pack90", "pack19"])
def test_all_best_is_100_and_all_worst_is_0(pack: str, request: pytest.FixtureRequest) -> None:
    index: CriteriaIndex = request.getfixturevalue(pack)
    assert score(BoundUnit(index, UNIT, all_answers(index, "best"))).total == 100
    assert score(BoundUnit(index, UNIT, all_answers(index, "worst"))).total == 0
    assert score(BoundUnit(index, UNIT, {})).total == 0


# --- 90/2021 regulation examples (Lampiran III) as test vectors -----------------------------


def test_regulation_survey_anchors(pack90: CriteriaIndex) -> None:
    # LKE: "4,00 -> 17,50"; Bab III: 15,75 = survey 3,60; 14,00 = survey 3,20
    for value, expected in [("4.00", "17.5"), ("3.60", "15.75"), ("3.20", "14")]:
        card = score(BoundUnit(pack90, UNIT, {"B.I.a": num(value), "B.II.a": num(value)}))
        assert card.scores["B.I.a"] == F(expected)
        assert card.scores["B.II"] == F(expected)


def test_regulation_capaian_kinerja_options(pack90: CriteriaIndex) -> None:
    # B.I.b: nilai opsi x 5 -> A 5.00, B 3.75, C 2.50, D 1.25, E 0.00
    for key, expected in [("A", "5"), ("B", "3.75"), ("C", "2.5"), ("D", "1.25"), ("E", "0")]:
        assert score(BoundUnit(pack90, UNIT, {"B.I.b": opt(key)})).scores["B.I.b"] == F(expected)


@pytest.mark.parametrize(
    ("qid", "inputs"),
    [
        ("A.II.1.i.a", {"jumlah_agen_perubahan": 2, "jumlah_perubahan_dibuat": 2}),
        ("A.II.1.i.b", {"jumlah_perubahan_dibuat": 1, "jumlah_perubahan_terintegrasi": 1}),
        (
            "A.II.3.iii.a",
            {
                "jumlah_pelanggaran_tahun_sebelumnya": 1,
                "jumlah_pelanggaran_tahun_ini": 0,
                "jumlah_pelanggaran_disanksi": 1,
            },
        ),
        ("A.II.4.i.a", {"jumlah_sasaran_kinerja": 1, "jumlah_sasaran_tercapai_100": 1}),
        (
            "A.II.5.ii.a",
            {
                "jumlah_pengaduan_harus_ditindaklanjuti": 1,
                "jumlah_pengaduan_sedang_diproses": 1,
                "jumlah_pengaduan_selesai": 1,
            },
        ),
        (
            "A.II.5.iii.a",
            {
                "lhkpn_kepala_satuan_kerja": 1,
                "lhkpn_pejabat_wajib": 1,
                "lhkpn_lainnya": 1,
                "lhkpn_sudah_melaporkan": 3,
            },
        ),
        (
            "A.II.5.iii.b",
            {
                "lhkasn_administrator": 1,
                "lhkasn_pengawas": 1,
                "lhkasn_fungsional_pelaksana": 1,
                "lhkasn_sudah_melaporkan": 3,
            },
        ),
        ("A.II.6.i.b", {"jumlah_layanan_terdata": 1, "jumlah_layanan_dipermudah": 1}),
    ],
)
def test_regulation_computed_examples_give_100_percent(
    pack90: CriteriaIndex, qid: str, inputs: dict[str, int]
) -> None:
    # Every sample row printed in Lampiran III gives 1,00 (100 %).
    card = score(BoundUnit(pack90, UNIT, {qid: counts(**inputs)}))
    assert card.values[qid] == 1


def test_workbook_sample_ratios(pack90: CriteriaIndex) -> None:
    # lke-90-2021.md §3: the workbook's filled sample, with the cap at 1 applied.
    card = score(
        BoundUnit(
            pack90,
            UNIT,
            {
                "A.II.4.i.a": counts(jumlah_sasaran_kinerja=5, jumlah_sasaran_tercapai_100=3),
                "A.II.5.ii.a": counts(
                    jumlah_pengaduan_harus_ditindaklanjuti=6,
                    jumlah_pengaduan_sedang_diproses=0,
                    jumlah_pengaduan_selesai=1,
                ),
                "A.II.5.iii.a": counts(
                    lhkpn_kepala_satuan_kerja=1,
                    lhkpn_pejabat_wajib=1,
                    lhkpn_lainnya=13,
                    lhkpn_sudah_melaporkan=13,
                ),
                "A.II.1.i.a": counts(jumlah_agen_perubahan=7, jumlah_perubahan_dibuat=8),
            },
        )
    )
    assert card.values["A.II.4.i.a"] == F(3, 5)
    assert card.values["A.II.5.ii.a"] == F(1, 6)
    assert card.values["A.II.5.iii.a"] == F(13, 15)  # 0.866667 in the workbook
    assert card.values["A.II.1.i.a"] == 1  # 8/7 capped at 1
    # Sub-area A.II.4.i (weight 2, one question): 3/5 x 2 = 1.2
    assert card.scores["A.II.4.i"] == F("1.2")


# --- zero denominators (adopted rule 5) -----------------------------------------------------


def test_zero_denominators(pack90: CriteriaIndex) -> None:
    card = score(
        BoundUnit(
            pack90,
            UNIT,
            {
                "A.II.1.i.a": counts(jumlah_agen_perubahan=0, jumlah_perubahan_dibuat=0),
                "A.II.5.ii.a": counts(
                    jumlah_pengaduan_harus_ditindaklanjuti=0,
                    jumlah_pengaduan_sedang_diproses=0,
                    jumlah_pengaduan_selesai=0,
                ),
                "A.II.5.iii.b": counts(
                    lhkasn_administrator=0,
                    lhkasn_pengawas=0,
                    lhkasn_fungsional_pelaksana=0,
                    lhkasn_sudah_melaporkan=2,
                ),
                "A.II.3.iii.a": counts(
                    jumlah_pelanggaran_tahun_sebelumnya=0,
                    jumlah_pelanggaran_tahun_ini=0,
                    jumlah_pelanggaran_disanksi=0,
                ),
            },
        )
    )
    assert card.values["A.II.1.i.a"] == 0  # no agen perubahan: nothing done
    assert card.values["A.II.5.ii.a"] == 1  # no complaint owed: nothing owed
    assert card.values["A.II.5.iii.b"] == 0  # 2 reports / nobody obliged: x/0 -> 0
    assert card.values["A.II.3.iii.a"] == 1  # 0 violations both years
    warned = {w.node for w in card.warnings if w.code == "zero-denominator"}
    assert warned == {"A.II.1.i.a", "A.II.5.iii.b"}


@pytest.mark.parametrize(
    ("before", "now", "value"),
    [(0, 3, F(0)), (2, 3, F(0)), (4, 1, F(3, 4)), (5, 0, F(1)), (3, 3, F(0))],
)
def test_discipline(pack90: CriteriaIndex, before: int, now: int, value: F) -> None:
    # (last year - this year) / last year, floored at 0; last year 0 and this year > 0 -> 0
    answer = counts(
        jumlah_pelanggaran_tahun_sebelumnya=before,
        jumlah_pelanggaran_tahun_ini=now,
        jumlah_pelanggaran_disanksi=0,
    )
    assert score(BoundUnit(pack90, UNIT, {"A.II.3.iii.a": answer})).values["A.II.3.iii.a"] == value


# --- means, exact decimals, blanks ----------------------------------------------------------


def test_mean_keeps_workbook_decimals(pack90: CriteriaIndex) -> None:
    # A.I.1.iii (weight 1, three A-D questions) all B: mean 0.67 x 1 = 0.67 exactly, not 2/3.
    answers = {q: opt("B") for q in ("A.I.1.iii.a", "A.I.1.iii.b", "A.I.1.iii.c")}
    assert score(BoundUnit(pack90, UNIT, answers)).scores["A.I.1.iii"] == F("0.67")


def test_mean_of_three_is_exact(pack90: CriteriaIndex) -> None:
    # A.I.1.ii (weight 1): Ya, B, C -> (1 + 0.5 + 0) / 3 x 1 = 0.5; Ya, A, B -> 2.5/3 = 0.8333...
    card = score(
        BoundUnit(
            pack90, UNIT, {"A.I.1.ii.a": opt("Ya"), "A.I.1.ii.b": opt("A"), "A.I.1.ii.c": opt("B")}
        )
    )
    assert card.scores["A.I.1.ii"] == F(5, 6)
    assert card.scores["A.I.1.ii.b"] == F(1, 3)  # each question's share: value x 1/3


def test_blank_policies(pack90: CriteriaIndex) -> None:
    # Only A.I.1.ii.a (Ya) answered in sub-area A.I.1.ii (weight 1, 3 questions).
    answers = {"A.I.1.ii.a": opt("ya")}
    zero = score(BoundUnit(pack90, UNIT, answers), blank="zero")
    skip = score(BoundUnit(pack90, UNIT, answers), blank="skip")
    assert zero.scores["A.I.1.ii"] == F(1, 3)
    assert skip.scores["A.I.1.ii"] == 1  # the workbook averages answered questions only
    assert zero.answered == 1 and zero.question_count == 113
    assert any(w.code == "incomplete" for w in zero.warnings)
    assert skip.scores["A.I.1.i"] == 0  # nothing answered: 0, not #DIV/0!


def test_incomplete_verdict_is_provisional(pack90: CriteriaIndex) -> None:
    answers = all_answers(pack90, "best")
    del answers["A.I.1.i.a"]
    result = assess(BoundUnit(pack90, UNIT, answers, source="t"))
    assert result.verdict.provisional
    assert result.card.total == 100 - F("0.5") / 2  # one Ya/Tidak of a 0.5-weight pair


def test_wbbm_needs_wbk_held(pack90: CriteriaIndex) -> None:
    answers = all_answers(pack90, "best")
    assert assess(BoundUnit(pack90, UNIT, answers, source="t")).verdict.predicate == "WBK"
    assert (
        assess(BoundUnit(pack90, UNIT, answers, source="t", held="WBK")).verdict.predicate == "WBBM"
    )


def test_area_condition_at_exactly_sixty_percent(pack90: CriteriaIndex) -> None:
    # Area Manajemen Perubahan = A.I.1 (4) + A.II.1 (4) = 8; 60 % = 4.80 must pass (>=).
    answers = all_answers(pack90, "best")
    # A.II.1.i (weight 2) both ratios at 0.4: 0.4 x 2 = 0.8; A.II.1.ii (1) E -> 0;
    # A.II.1.iii (1) D -> 0: reform MP = 0.8; pemenuhan MP 4 -> area 4.8 exactly.
    answers["A.II.1.i.a"] = counts(jumlah_agen_perubahan=5, jumlah_perubahan_dibuat=2)
    answers["A.II.1.i.b"] = counts(jumlah_perubahan_dibuat=5, jumlah_perubahan_terintegrasi=2)
    answers["A.II.1.ii.a"] = opt("E")
    answers["A.II.1.iii.a"] = opt("D")
    result = assess(BoundUnit(pack90, UNIT, answers, source="t"))
    cond = next(
        c for c in result.verdict.result("WBK").conditions if c.id == "area.manajemen_perubahan"
    )
    assert cond.actual == F("4.8") and cond.required == F("4.8") and cond.met
    assert result.verdict.predicate == "WBK"


# --- the 74.995 boundary, on a tiny pack ----------------------------------------------------


def _tiny_pack() -> CriteriaIndex:
    criteria = Criteria.model_validate(
        {
            "schema_version": 1,
            "id": "tiny",
            "title": "Tiny",
            "short_title": "Tiny",
            "legal_basis": "test",
            "status": {"state": "in_force"},
            "answer_types": {"nilai": {"kind": "scale", "label": "0-4", "max": Decimal(4)}},
            "nodes": (
                {
                    "id": "A",
                    "kind": "komponen",
                    "weight": Decimal(100),
                    "children": (
                        {"id": "A.a", "kind": "butir", "text": "Survei", "type": "nilai"},
                    ),
                },
            ),
            "predicates": (
                {
                    "id": "WBK",
                    "name": "Menuju WBK",
                    "conditions": (
                        {
                            "id": "total",
                            "description": "Nilai total",
                            "node": "total",
                            "min": Decimal(75),
                        },
                    ),
                },
            ),
        }
    )
    assert pack_findings(criteria) == []
    return build_index(criteria)


def test_74_995_is_not_75() -> None:
    index = _tiny_pack()
    # 2.9998 / 4 x 100 = 74.995, shown as 75.00 but below 75
    result = assess(BoundUnit(index, UNIT, {"A.a": num("2.9998")}, source="t"))
    assert result.card.total == F("74.995")
    assert str(rounded(result.card.total)) == "75.00"
    assert result.verdict.predicate is None
    exact = assess(BoundUnit(index, UNIT, {"A.a": num("3")}, source="t"))
    assert exact.card.total == 75 and exact.verdict.predicate == "WBK"
