"""``zi diff`` and ``zi trend``: hand-worked diffs, cross-pack comparison, folders,
period order, git revisions, exit codes and golden output.

Every effect below is worked out by hand from the scoring rule: a question in a
mean sub-area of weight W with n questions moves the total by
``(new value - old value) x W / n``; a hasil question with its own weight w by
``(new value - old value) x w``. Option values are the workbook's (A-D: 1, 0.67,
0.33, 0; A-C: 1, 0.5, 0; A-E: steps of 0.25).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from fractions import Fraction as F
from pathlib import Path

import pytest

from zicli.engine.assess import Assessment, assess
from zicli.engine.diff import (
    answer_changes,
    diff,
    figures,
    folder_diff,
    match_units,
    normalise_name,
    trend,
)
from zicli.engine.score import BlankPolicy
from zicli.engine.unit import BoundUnit
from zicli.errors import UsageError
from zicli.loading import load_unit
from zicli.models.answers import AnswerRecord, OptionAnswer
from zicli.render.diff import delta_text, sparkline
from zicli.render.registry import load

from .conftest import EXAMPLES, Run
from .expected_examples import EXPECTED
from .golden import check_golden

Zi = Callable[..., Run]

BENGKULU_Q1 = EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml"
BENGKULU_Q2 = EXAMPLES / "kankemenag-kota-bengkulu-2026q2.yaml"
MAN2_Q1 = EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml"
MAN2_Q2 = EXAMPLES / "man-2-kota-bengkulu-2026q2.yaml"
REJANG_LEBONG_2021 = EXAMPLES / "kankemenag-kabupaten-rejang-lebong-2021.yaml"


def scored(path: Path | str, blank: BlankPolicy = "zero") -> Assessment:
    """Load and assess one answer file."""
    loaded = load_unit(str(path))
    return assess(
        BoundUnit(
            loaded.index, loaded.data.unit, loaded.answers, source=str(path), held=loaded.held
        ),
        blank=blank,
    )


def edited(tmp_path: Path, source: Path, name: str, *replacements: tuple[str, str]) -> Path:
    """A copy of an example with exact text replacements (each must occur once)."""
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- hand-worked diffs between the shipped quarters ------------------------------------------

BENGKULU_EFFECTS = {
    "A.I.1.ii.c": ("answer", F("0.5") * 1 / 3),  # B -> A (A-C), W 1, n 3
    "A.I.3.iii.b": ("answer", F("0.33") * F("1.25") / 6),  # B -> A (A-D), W 1.25, n 6
    "A.I.5.v.a": ("answer", -F("0.34") * F("1.5") / 5),  # B -> C (A-D), W 1.5, n 5
    "A.I.6.ii.a": ("answer", F("0.25") * 1 / 6),  # B -> A (A-E), W 1, n 6
    "A.II.1.i.a": ("counts", (1 - F(10, 12)) * 2 / 2),  # 10/12 -> 12/12, W 2, n 2
    "A.II.1.i.b": ("counts", (F(9, 12) - F(8, 10)) * 2 / 2),  # 8/10 -> 9/12
    "B.I.a": ("survey", F("0.06") / 4 * F("17.5")),  # IPAK 3.72 -> 3.78, w 17.5
    "B.II.a": ("survey", -F("0.04") / 4 * F("17.5")),  # IPKP 3.68 -> 3.64, w 17.5
}

MAN2_EFFECTS = {
    "A.I.1.i.b": ("answer", F("0.5") * F("0.5") / 2),  # C -> B (A-C), W 0.5, n 2
    "A.I.1.iii.a": ("answer", F("0.34") * 1 / 3),  # C -> B (A-D), W 1, n 3
    "A.I.6.i.a": ("answer", -F("0.25") * 1 / 4),  # B -> C (A-E), W 1, n 4
    "A.II.1.i.a": ("counts", (F(8, 10) - F(6, 10)) * 2 / 2),  # 6/10 -> 8/10
    "A.II.1.i.b": ("counts", (F(6, 8) - F(3, 6)) * 2 / 2),  # 3/6 -> 6/8
    "A.II.3.iii.a": ("counts", (F(1, 3) - 0) * 2 / 1),  # (2-3)/2 floored 0 -> (3-2)/3
    "B.I.a": ("survey", F("0.06") / 4 * F("17.5")),  # 3.64 -> 3.70
    "B.II.a": ("survey", -F("0.05") / 4 * F("17.5")),  # 3.40 -> 3.35
}


@pytest.mark.parametrize(
    ("old", "new", "effects"),
    [(BENGKULU_Q1, BENGKULU_Q2, BENGKULU_EFFECTS), (MAN2_Q1, MAN2_Q2, MAN2_EFFECTS)],
    ids=["bengkulu", "man2"],
)
def test_quarter_diff_is_hand_worked(
    old: Path, new: Path, effects: dict[str, tuple[str, F]]
) -> None:
    result = diff(scored(old), scored(new))
    assert result.same_criteria
    got = {c.id: (c.cause, c.effect) for c in result.changes}
    assert got == effects
    # the effects add up to the change of the total exactly, and so do the hand values
    delta = EXPECTED[new.name].total - EXPECTED[old.name].total
    assert result.total.delta == delta
    assert sum((c.effect for c in result.changes), F(0)) == delta
    assert sum((e for _, e in effects.values()), F(0)) == delta
    # largest effect first
    sizes = [abs(c.effect) for c in result.changes]
    assert sizes == sorted(sizes, reverse=True)


def test_bengkulu_nodes_and_verdict() -> None:
    result = diff(scored(BENGKULU_Q1), scored(BENGKULU_Q2))
    assert result.predicate_old == result.predicate_new == "WBBM"
    assert result.conditions == ()
    assert not result.regression
    # A.I.1: only A.I.1.ii.c moved (+1/6)
    assert result.nodes["A.I.1"].delta == F(1, 6)
    # the area group sums pemenuhan and reform: A.I.1 + A.II.1 = 1/6 + 1/6 - 1/20
    assert result.groups["area"]["manajemen_perubahan"].delta == F(1, 6) + F(1, 6) - F(1, 20)
    assert result.nodes["A.I.2"].delta == 0
    by_id = {c.id: c for c in result.changes}
    assert by_id["B.I.a"].where == "B.I"
    assert by_id["A.II.1.i.b"].where == "A.II.1"


def test_man2_newly_meets_wbbm_conditions_but_stays_wbk() -> None:
    result = diff(scored(MAN2_Q1), scored(MAN2_Q2))
    assert result.predicate_old == result.predicate_new == "WBK"
    assert result.predicate_step == 0
    met = {(c.predicate, c.new.id) for c in result.newly_met}
    assert met == {
        ("WBBM", "pengungkit"),  # 47.01 -> 48.30 >= 48
        ("WBBM", "area.manajemen_perubahan"),  # 5.65 -> 6.34 >= 6
        ("WBBM", "area.penataan_sistem_manajemen_sdm"),  # 6.86 -> 7.53 >= 7.5
    }
    assert result.newly_failed == ()


def test_reversed_diff_is_a_regression_with_opposite_effects() -> None:
    forward = diff(scored(MAN2_Q1), scored(MAN2_Q2))
    back = diff(scored(MAN2_Q2), scored(MAN2_Q1))
    assert back.regression and not forward.regression
    assert {c.id: -c.effect for c in back.changes} == {c.id: c.effect for c in forward.changes}
    assert {c.new.id for c in back.newly_failed} == {c.new.id for c in forward.newly_met}


# --- blanks: added, removed, and the non-additive 'skip' policy -------------------------------


def _with(result: Assessment, answers: dict[str, AnswerRecord], blank: BlankPolicy) -> Assessment:
    card = result.card
    return assess(
        BoundUnit(card.index, card.unit, answers, source="x", held=card.held), blank=blank
    )


def test_blank_causes_and_effects_under_zero() -> None:
    full = scored(BENGKULU_Q1)
    draft = {k: v for k, v in full.card.answers.items() if k not in ("A.I.1.ii.b", "A.I.1.ii.c")}
    old, new = _with(full, draft, "zero"), _with(full, dict(full.card.answers), "zero")
    result = diff(old, new)
    # sub-area A.I.1.ii: W 1, n 3; b answered A (1) adds 1/3, c answered B (0.5) adds 1/6
    assert {c.id: (c.cause, c.effect) for c in result.changes} == {
        "A.I.1.ii.b": ("added", F(1, 3)),
        "A.I.1.ii.c": ("added", F(1, 6)),
    }
    back = diff(new, old)
    assert {c.cause for c in back.changes} == {"removed"}
    assert sum((c.effect for c in back.changes), F(0)) == back.total.delta == -F(1, 2)


def test_skip_policy_is_not_additive_but_effects_still_sum_exactly() -> None:
    full = scored(BENGKULU_Q1, "skip")
    draft = {k: v for k, v in full.card.answers.items() if k not in ("A.I.1.ii.b", "A.I.1.ii.c")}
    old, new = _with(full, draft, "skip"), _with(full, dict(full.card.answers), "skip")
    result = diff(old, new)
    # skip averages answered questions only: old mean(Ya) = 1; in pack order b (A) keeps
    # mean(1, 1) = 1, effect 0; then c (B) gives mean(1, 1, 0.5) = 5/6, effect -1/6.
    assert [(c.id, c.effect) for c in result.changes] == [
        ("A.I.1.ii.c", -F(1, 6)),
        ("A.I.1.ii.b", F(0)),
    ]
    assert sum((c.effect for c in result.changes), F(0)) == result.total.delta == -F(1, 6)


def test_mixed_blank_policies_are_refused() -> None:
    with pytest.raises(ValueError, match="blank policy"):
        answer_changes(scored(BENGKULU_Q1).card, scored(BENGKULU_Q2, "skip").card)


def test_evidence_and_notes_are_not_changes() -> None:
    full = scored(BENGKULU_Q1)
    answers = dict(full.card.answers)
    answers["A.I.1.i.b"] = AnswerRecord(OptionAnswer("A"), ("other.pdf",), "new note")
    result = diff(full, _with(full, answers, "zero"))
    assert result.changes == ()
    assert result.total.delta == 0


# --- across packs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Penataan Sistem Manajemen SDM", "PENATAAN SISTEM MANAJEMEN SDM APARATUR"),
        ("Penguatan Akuntabilitas (Kinerja)", "PENGUATAN AKUNTABILITAS"),
        ("Manajemen  Perubahan", "MANAJEMEN PERUBAHAN"),
        ("Peningkatan Kualitas Pelayanan Publik", "PENINGKATAN KUALITAS PELAYANAN PUBLIK"),
    ],
)
def test_area_names_that_match(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Penguatan Pengawasan", "Penguatan Pengawasan Internal"),
        ("Penataan Tatalaksana", "Penataan Tata Laksana"),
        ("Manajemen Perubahan", "Perubahan Manajemen"),
    ],
)
def test_area_names_that_do_not_match(a: str, b: str) -> None:
    assert normalise_name(a) != normalise_name(b)


def _rejang_lebong_90(tmp_path: Path) -> Path:
    """Rejang Lebong a year on, answering the 90/2021 LKE (Bengkulu Q1's answers)."""
    return edited(
        tmp_path,
        BENGKULU_Q1,
        "rejang-lebong-2022.yaml",
        ("name: Kantor Kementerian Agama Kota Bengkulu", "name: Kankemenag Kab. Rejang Lebong"),
        ('period: "2026-Q1"', 'period: "2022"'),
    )


def test_cross_pack_compares_only_shared_figures(tmp_path: Path) -> None:
    old, new = scored(REJANG_LEBONG_2021), scored(_rejang_lebong_90(tmp_path))
    result = diff(old, new)
    assert result.criteria_change == "pack"
    assert not result.same_criteria
    assert result.changes == () and result.nodes == {} and result.conditions == ()
    assert result.not_comparable == ()
    assert result.total.delta == (
        EXPECTED["kankemenag-kota-bengkulu-2026q1.yaml"].total
        - EXPECTED["kankemenag-kabupaten-rejang-lebong-2021.yaml"].total
    )
    by_key = {c.key: c for c in result.compared}
    assert list(by_key) == [
        "total",
        "A",
        "B",
        "area:manajemen perubahan",
        "area:penataan tatalaksana",
        "area:penataan sistem manajemen sdm",
        "area:penguatan akuntabilitas",
        "area:penguatan pengawasan",
        "area:peningkatan kualitas pelayanan publik",
        "hasil:B:1",
        "hasil:B:2",
    ]
    sdm = by_key["area:penataan sistem manajemen sdm"]
    # 10/2019 A.III (10): loses 0.33 x 2.5 / 6 = 0.1375
    assert sdm.score.old == 10 - F("0.33") * F("2.5") / 6
    assert sdm.score.old == old.card.scores["A.III"]
    # 90/2021 A.I.3 + A.II.3 (5 + 5): loses 0.33 x 1.25 / 6 and 1/4 x 2
    assert sdm.score.new == 10 - F("0.33") * F("1.25") / 6 - F(1, 4) * 2
    assert sdm.weight.old == sdm.weight.new == 10
    # hasil parts are matched by position although their names differ
    assert by_key["hasil:B:1"].old_label.startswith("B.I Terwujudnya")
    assert by_key["hasil:B:1"].label.startswith("B.I BIROKRASI")


def test_cross_pack_unmatched_area_is_listed_not_guessed(tmp_path: Path) -> None:
    pack = (EXAMPLES.parent / "criteria" / "permenpanrb-10-2019.yaml").read_text(encoding="utf-8")
    assert pack.count("name: Penguatan Pengawasan\n") == 1
    (tmp_path / "pack.yaml").write_text(
        pack.replace("name: Penguatan Pengawasan\n", "name: Pengawasan Internal\n"),
        encoding="utf-8",
    )
    old_file = edited(
        tmp_path,
        REJANG_LEBONG_2021,
        "old.yaml",
        ("criteria: permenpanrb-10-2019", "criteria: ./pack.yaml"),
    )
    result = diff(scored(old_file), scored(_rejang_lebong_90(tmp_path)))
    assert result.not_comparable == (
        "lama: Pengawasan Internal",
        "baru: Penguatan Pengawasan",
    )
    assert "area:penguatan pengawasan" not in {c.key for c in result.compared}


def test_other_version_of_the_same_pack_compares_by_question_when_it_scores_alike(
    tmp_path: Path,
) -> None:
    pack = (EXAMPLES.parent / "criteria" / "permenpanrb-90-2021.yaml").read_text(encoding="utf-8")
    assert pack.count("\nversion: '1'\n") == 1
    text = pack.replace("\nversion: '1'\n", "\nversion: '2'\n")
    (tmp_path / "v2.yaml").write_text(text, encoding="utf-8")
    new_file = edited(
        tmp_path,
        BENGKULU_Q2,
        "q2.yaml",
        ("criteria: permenpanrb-90-2021", "criteria: ./v2.yaml"),
    )
    result = diff(scored(BENGKULU_Q1), scored(new_file))
    assert result.criteria_change == "version"
    # the same tree, weights and answer types: compared question by question
    assert result.question_level
    assert result.changes == diff(scored(BENGKULU_Q1), scored(BENGKULU_Q2)).changes
    assert result.total.delta == EXPECTED[BENGKULU_Q2.name].total - EXPECTED[BENGKULU_Q1.name].total
    # an option worth another value: the answers no longer compare
    abc = (
        "label: A/B/C\n    options:\n    - key: A\n      value: 1\n    - key: B\n      value: 0.5\n"
    )
    assert text.count(abc) == 1
    (tmp_path / "v3").mkdir()
    (tmp_path / "v3" / "v2.yaml").write_text(text.replace(abc, abc.replace("0.5", "0.4")), "utf-8")
    other = edited(
        tmp_path / "v3",
        BENGKULU_Q2,
        "q2.yaml",
        ("criteria: permenpanrb-90-2021", "criteria: ./v2.yaml"),
    )
    apart = diff(scored(BENGKULU_Q1), scored(other))
    assert apart.criteria_change == "version"
    assert not apart.question_level and apart.changes == ()


def test_cross_pack_cli_says_plainly_that_questions_cannot_be_compared(
    zi: Zi, tmp_path: Path
) -> None:
    new = _rejang_lebong_90(tmp_path)
    run = zi("diff", str(REJANG_LEBONG_2021), str(new), "--width", "80")
    assert run.code == 0, run.stderr
    plainly = "Butir tidak dapat dibandingkan satu per satu"
    assert plainly in " ".join(run.stdout.split())  # the table wraps it at 80 columns
    check_golden("diff/cross-pack.txt", run.stdout)
    md = zi("diff", str(REJANG_LEBONG_2021), str(new), "-f", "markdown")
    assert plainly in md.stdout
    check_golden("diff/cross-pack.md", md.stdout)
    data = json.loads(zi("diff", str(REJANG_LEBONG_2021), str(new), "-f", "json").stdout)
    assert data["criteria_change"] == "pack"
    assert data["question_level"] is False
    assert data["changes"] == [] and data["nodes"] == {}
    assert plainly in data["note"]
    english = json.loads(
        zi("--lang", "en", "diff", str(REJANG_LEBONG_2021), str(new), "-f", "json").stdout
    )
    assert "Question-level comparison is not possible" in english["note"]
    assert english["not_comparable"] == [
        label.replace("lama: ", "old: ").replace("baru: ", "new: ")
        for label in data["not_comparable"]
    ]
    assert {k: v for k, v in english.items() if k not in ("note", "not_comparable")} == {
        k: v for k, v in data.items() if k not in ("note", "not_comparable")
    }


# --- folders --------------------------------------------------------------------------------------


def test_units_are_matched_by_name_then_file_name(tmp_path: Path) -> None:
    renamed = edited(
        tmp_path,
        MAN2_Q2,
        MAN2_Q1.name,  # same file name as the old one, new unit name
        ("name: MAN 2 Kota Bengkulu", "name: MAN 2 Bengkulu (Madrasah Aliyah Negeri)"),
    )
    spaced = edited(
        tmp_path,
        BENGKULU_Q2,
        "other-name.yaml",
        (
            "name: Kantor Kementerian Agama Kota Bengkulu",
            "name: '  kantor kementerian agama  KOTA bengkulu '",
        ),
    )
    old = [
        scored(BENGKULU_Q1),
        scored(MAN2_Q1),
        scored(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml"),
    ]
    new = [scored(spaced), scored(renamed), scored(EXAMPLES / "mtsn-1-kota-bengkulu-2020.yaml")]
    pairs, removed, added = match_units(old, new)
    assert [(a.source, b.source) for a, b in pairs] == [
        (str(BENGKULU_Q1), str(spaced)),  # by name, case and spaces ignored
        (str(MAN2_Q1), str(renamed)),  # by file name
    ]
    assert [a.card.unit.name for a in removed] == ["KUA Kecamatan Selebar"]
    assert [a.card.unit.name for a in added] == ["MTsN 1 Kota Bengkulu"]


def test_duplicate_names_fall_back_to_file_names() -> None:
    one, two = scored(BENGKULU_Q1), scored(BENGKULU_Q2)
    pairs, removed, added = match_units([one, two], [two, one])
    assert [(a.source, b.source) for a, b in pairs] == [
        (two.source, two.source),
        (one.source, one.source),
    ]
    assert removed == [] and added == []


def _quarters(tmp_path: Path) -> tuple[Path, Path]:
    q1, q2 = tmp_path / "q1", tmp_path / "q2"
    q1.mkdir()
    q2.mkdir()
    for src in (BENGKULU_Q1, MAN2_Q1, EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml"):
        (q1 / src.name.replace("-2026q1", "")).write_bytes(src.read_bytes())
    for src in (BENGKULU_Q2, MAN2_Q2, EXAMPLES / "mtsn-1-kota-bengkulu-2020.yaml"):
        (q2 / src.name.replace("-2026q2", "")).write_bytes(src.read_bytes())
    return q1, q2


def test_folder_diff_table_and_markdown(zi: Zi, tmp_path: Path) -> None:
    q1, q2 = _quarters(tmp_path)
    run = zi("diff", str(q1), str(q2), "--width", "80")
    assert run.code == 0, run.stderr
    check_golden("diff/folders.txt", run.stdout)
    md = zi("diff", str(q1), str(q2), "--format", "markdown")
    assert md.code == 0
    check_golden("diff/folders.md", md.stdout)


def test_folder_diff_json(zi: Zi, tmp_path: Path) -> None:
    q1, q2 = _quarters(tmp_path)
    data = json.loads(zi("diff", str(q1), str(q2), "-f", "json").stdout)
    assert data["kind"] == "folder" and data["regression"] is False
    assert [u["status"] for u in data["units"]] == ["compared", "compared", "removed", "added"]
    assert data["units"][0]["new"]["unit"] == "Kantor Kementerian Agama Kota Bengkulu"
    assert data["units"][0]["total"]["delta"] == 0.38
    assert "schema" not in data["units"][0]
    assert data["units"][2]["unit"] == "KUA Kecamatan Selebar"
    assert data["units"][3]["unit"] == "MTsN 1 Kota Bengkulu"
    assert data["units"][3]["predicate"] == "WBK"


def test_folder_fail_on_regression_names_each_unit_that_went_down(zi: Zi, tmp_path: Path) -> None:
    q1, q2 = _quarters(tmp_path)
    assert zi("diff", str(q1), str(q2), "--fail-on-regression").code == 0
    run = zi("diff", str(q2), str(q1), "--fail-on-regression", "--width", "80")
    assert run.code == 1
    assert run.stderr.splitlines() == [
        f"penurunan: {q1 / 'kankemenag-kota-bengkulu.yaml'}: nilai total 94.33 -> 93.95 (-0.38)",
        f"penurunan: {q1 / 'man-2-kota-bengkulu.yaml'}: nilai total 81.64 -> 80.31 (-1.34)",
    ]
    assert "Turun: Kantor Kementerian Agama Kota Bengkulu, MAN 2 Kota Bengkulu" in run.stdout


def test_folder_with_an_invalid_file_carries_on_and_exits_2(zi: Zi, tmp_path: Path) -> None:
    q1, q2 = _quarters(tmp_path)
    (q2 / "broken.yaml").write_text("criteria: permenpanrb-90-2021\nunit: [\n", encoding="utf-8")
    run = zi("diff", str(q1), str(q2), "--width", "80")
    assert run.code == 2
    assert "broken.yaml" in run.stderr and "YAML tidak valid" in run.stderr
    assert "MAN 2 Kota Bengkulu" in run.stdout


def test_folder_engine_diff_regression() -> None:
    result = folder_diff(
        [scored(BENGKULU_Q2), scored(MAN2_Q1)], [scored(BENGKULU_Q1), scored(MAN2_Q2)]
    )
    assert [p.regression for p in result.pairs] == [True, False]
    assert result.regression


# --- CLI: unit diff, formats, exit codes ----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "golden"),
    [
        (BENGKULU_Q1, BENGKULU_Q2, "kankemenag-kota-bengkulu-q1-q2"),
        (MAN2_Q1, MAN2_Q2, "man-2-kota-bengkulu-q1-q2"),
    ],
)
def test_unit_diff_golden(zi: Zi, old: Path, new: Path, golden: str) -> None:
    run = zi("diff", str(old), str(new), "--width", "80")
    assert run.code == 0, run.stderr
    assert run.stderr == ""
    check_golden(f"diff/{golden}.txt", run.stdout)
    md = zi("diff", str(old), str(new), "--format", "markdown")
    assert md.code == 0
    check_golden(f"diff/{golden}.md", md.stdout)


def test_unit_diff_json_contract(zi: Zi) -> None:
    run = zi("diff", str(MAN2_Q1), str(MAN2_Q2), "--format", "json")
    assert run.code == 0
    data = json.loads(run.stdout)
    assert data["schema"] == "zi.diff/2" and data["kind"] == "unit"
    assert data["total"] == {"old": 80.31, "new": 81.64, "delta": 1.34}
    assert data["predicate"]["old"] == data["predicate"]["new"] == "WBK"
    assert data["nodes"]["A.II.1"] == {"old": 2.60, "new": 3.05, "delta": 0.45}
    assert set(data["nodes"]) >= {"A", "A.I", "A.I.1", "B.I.a"} and "total" not in data["nodes"]
    first = data["changes"][0]
    assert first == {
        "id": "A.II.3.iii.a",
        "where": "A.II.3",
        "old": {
            "jumlah_pelanggaran_tahun_sebelumnya": 2,
            "jumlah_pelanggaran_tahun_ini": 3,
            "jumlah_pelanggaran_disanksi": 3,
        },
        "new": {
            "jumlah_pelanggaran_tahun_sebelumnya": 3,
            "jumlah_pelanggaran_tahun_ini": 2,
            "jumlah_pelanggaran_disanksi": 2,
        },
        "cause": "counts",
        "effect": 0.67,
        "effect_exact": "2/3",
    }
    exact = sum((F(c["effect_exact"]) for c in data["changes"]), F(0))
    assert exact == EXPECTED[MAN2_Q2.name].total - EXPECTED[MAN2_Q1.name].total
    assert {c["cause"] for c in data["changes"]} == {"answer", "counts", "survey"}
    survey = next(c for c in data["changes"] if c["id"] == "B.II.a")
    assert survey["old"] == 3.40 and survey["new"] == 3.35 and survey["effect_exact"] == "-7/32"
    assert [c["id"] for c in data["conditions"]["newly_met"]] == [
        "pengungkit",
        "area.manajemen_perubahan",
        "area.penataan_sistem_manajemen_sdm",
    ]
    # zi.diff/2: the pack's part once, each side's values as zi score writes them
    # (WBBM's pengungkit bar 48: 47.01 short by 0.99, then 48.30 over by 0.30)
    pengungkit = data["conditions"]["newly_met"][0]
    assert pengungkit["predicate"] == "WBBM" and pengungkit["required"] == 48
    assert {k: pengungkit["old"][k] for k in ("actual", "margin", "met")} == {
        "actual": 47.01,
        "margin": -0.99,
        "met": False,
    }
    assert {k: pengungkit["new"][k] for k in ("actual", "margin", "met")} == {
        "actual": 48.30,
        "margin": 0.30,
        "met": True,
    }


def test_fail_on_regression_exit_codes(zi: Zi) -> None:
    up = zi("diff", str(BENGKULU_Q1), str(BENGKULU_Q2), "--fail-on-regression")
    assert up.code == 0 and up.stderr == ""
    down = zi("diff", str(BENGKULU_Q2), str(BENGKULU_Q1), "--fail-on-regression")
    assert down.code == 1
    assert "penurunan:" in down.stderr and "nilai total 94.33 -> 93.95 (-0.38)" in down.stderr
    assert "Nilai total" in down.stdout  # the report is still written
    assert zi("diff", str(BENGKULU_Q2), str(BENGKULU_Q1)).code == 0  # no gate, no failure


def test_predicate_going_down_is_a_regression_even_when_the_total_rises(
    zi: Zi, tmp_path: Path
) -> None:
    # Q2 without the held WBK: total up, but WBBM needs the held predicate -> WBK only.
    q2 = edited(tmp_path, BENGKULU_Q2, "q2.yaml", ("  predicate_held: WBK\n", ""))
    run = zi("diff", str(BENGKULU_Q1), str(q2), "--fail-on-regression", "--width", "80")
    assert run.code == 1
    assert "predikat WBBM -> WBK" in run.stderr
    assert "Menuju WBBM -> Menuju WBK (turun)" in run.stdout
    assert "GAGAL" in run.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x.yaml"], "berikan berkas jawaban (atau folder) lama dan baru"),
        (["a", "b", "c"], "berikan berkas jawaban (atau folder) lama dan baru"),
        (["--git", "HEAD", "a", "b"], "--git membandingkan satu PATH"),
    ],
)
def test_usage_errors(zi: Zi, args: list[str], message: str) -> None:
    run = zi("diff", *args)
    assert run.code == 2
    assert message in run.stderr


def test_file_against_folder_is_refused(zi: Zi, tmp_path: Path) -> None:
    run = zi("diff", str(BENGKULU_Q1), str(tmp_path))
    assert run.code == 2
    assert "bandingkan berkas dengan berkas, atau folder dengan folder" in run.stderr


def test_output_file(zi: Zi, tmp_path: Path) -> None:
    out = tmp_path / "diff.md"
    run = zi("diff", str(MAN2_Q1), str(MAN2_Q2), "-f", "markdown", "-o", str(out))
    assert run.code == 0 and run.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("### MAN 2 Kota Bengkulu")


def test_blank_skip_option_reaches_both_sides(zi: Zi) -> None:
    run = zi("diff", str(MAN2_Q1), str(MAN2_Q2), "--blank", "skip", "-f", "json")
    assert run.code == 0
    assert json.loads(run.stdout)["total"]["delta"] == 1.34  # nothing blank: same numbers


def test_a_pack_and_its_overlay_compare_question_by_question(zi: Zi, tmp_path: Path) -> None:
    # kemenag-90-2021 extends permenpanrb-90-2021 with words only: same ids, weights
    # and answer types, so answers compare. A.I.1.i.b (A/B/C) A -> B in a sub-area of
    # weight 0.50 with 2 questions: (0.5 - 1) x 0.50 / 2 = -0.125
    new = edited(
        tmp_path,
        BENGKULU_Q1,
        "kemenag.yaml",
        ("criteria: permenpanrb-90-2021", "criteria: kemenag-90-2021"),
        ("  A.I.1.i.b:\n    answer: A", "  A.I.1.i.b:\n    answer: B"),
    )
    result = diff(scored(BENGKULU_Q1), scored(new))
    assert result.criteria_change == "pack"
    assert result.question_level
    assert [(c.id, c.old, c.new, c.effect) for c in result.changes] == [
        ("A.I.1.i.b", OptionAnswer(key="A"), OptionAnswer(key="B"), F(-1, 8))
    ]
    assert result.nodes["A.I.1.i"].delta == F(-1, 8)
    data = json.loads(zi("diff", str(BENGKULU_Q1), str(new), "-f", "json").stdout)
    assert data["criteria_change"] == "pack" and data["question_level"] is True
    assert [c["id"] for c in data["changes"]] == ["A.I.1.i.b"]
    table = zi("diff", str(BENGKULU_Q1), str(new), "--width", "100").stdout
    assert "A.I.1.i.b" in table and "tidak dapat dibandingkan" not in table
    # packs of different trees still compare only what they share
    across = diff(scored(_rejang_lebong_90(tmp_path)), scored(REJANG_LEBONG_2021))
    assert not across.question_level and across.changes == ()


# --- git revisions --------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose tag v2026-Q1 holds Q1 files; the working tree holds Q2."""
    root = tmp_path / "repo"
    units = root / "units"
    units.mkdir(parents=True)
    _git(root, "init", "-q")
    (units / "bengkulu.yaml").write_bytes(BENGKULU_Q1.read_bytes())
    (units / "man2.yaml").write_bytes(MAN2_Q1.read_bytes())
    (units / "notes.txt").write_text("not an answer file\n", encoding="utf-8")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "Q1")
    _git(root, "tag", "v2026-Q1")
    (units / "bengkulu.yaml").write_bytes(BENGKULU_Q2.read_bytes())
    (units / "man2.yaml").write_bytes(MAN2_Q2.read_bytes())
    (units / "kua.yaml").write_bytes((EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml").read_bytes())
    monkeypatch.chdir(root)
    return root


def test_git_file_against_revision(zi: Zi, repo: Path) -> None:
    run = zi("diff", "--git", "v2026-Q1", "units/man2.yaml", "--width", "80")
    assert run.code == 0, run.stderr
    assert run.stdout == zi("diff", str(MAN2_Q1), str(MAN2_Q2), "--width", "80").stdout
    data = json.loads(zi("diff", "--git", "v2026-Q1", "units/man2.yaml", "-f", "json").stdout)
    assert data["old"]["file"] == "v2026-Q1:units/man2.yaml"
    assert data["new"]["file"] == "units/man2.yaml"


def test_git_folder_against_revision(zi: Zi, repo: Path) -> None:
    run = zi("diff", "--git", "v2026-Q1", "units", "-f", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert [(u["status"], u.get("unit") or u["new"]["unit"]) for u in data["units"]] == [
        ("compared", "Kantor Kementerian Agama Kota Bengkulu"),
        ("compared", "MAN 2 Kota Bengkulu"),
        ("added", "KUA Kecamatan Selebar"),
    ]
    # from a subfolder, with a relative path and HEAD~0 as the revision
    (repo / "units" / "sub").mkdir()
    (repo / "units" / "sub" / "x.txt").write_text("", encoding="utf-8")
    sub = zi("diff", "--git", "HEAD", str(repo / "units"), "--width", "80")
    assert sub.code == 0 and "2 dibandingkan, 1 baru, 0 dihapus" in sub.stdout


def test_git_revision_is_read_with_the_strict_reader(zi: Zi, repo: Path) -> None:
    (repo / "units" / "bad.yaml").write_text("criteria: x\ncriteria: y\n", encoding="utf-8")
    _git(repo, "add", "units/bad.yaml")
    _git(repo, "commit", "-qm", "bad")
    run = zi("diff", "--git", "HEAD", "units/bad.yaml")
    assert run.code == 2
    assert "HEAD:units/bad.yaml:2:1: kunci 'criteria' ganda" in run.stderr


def test_git_review_reads_the_reviewed_file_at_the_same_revision(zi: Zi, repo: Path) -> None:
    # HEAD holds man2.yaml as in Q1 (the working tree's Q2 copy is not committed):
    # the review at HEAD reviews that Q1 copy, the review on disk the Q2 one
    reviews = repo / "units" / "reviews"
    reviews.mkdir()
    (reviews / "man2-tpi.yaml").write_text(
        "reviews: ../man2.yaml\nlayer: tpi\nanswers: {}\n", encoding="utf-8"
    )
    (reviews / "man2-tpn.yaml").write_text(
        "reviews: man2-tpi.yaml\nlayer: tpn\nanswers: {}\n", encoding="utf-8"
    )
    _git(repo, "add", "units/reviews")
    _git(repo, "commit", "-qm", "reviews")
    run = zi("diff", "--git", "HEAD", "units/reviews/man2-tpi.yaml", "-f", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["old"]["file"] == "HEAD:units/reviews/man2-tpi.yaml"
    # a review that changes nothing scores as the file it reviews
    assert data["total"]["old"] == float(EXPECTED[MAN2_Q1.name].display_total)
    assert data["total"]["new"] == float(EXPECTED[MAN2_Q2.name].display_total)
    folder = zi("diff", "--git", "HEAD", "units/reviews", "-f", "json")
    assert folder.code == 0, folder.stderr
    assert [u["status"] for u in json.loads(folder.stdout)["units"]] == ["compared"] * 2
    # a reviewed file that is only in the working tree is not in the revision
    (reviews / "kua-tpi.yaml").write_text(
        "reviews: ../kua.yaml\nlayer: tpi\nanswers: {}\n", encoding="utf-8"
    )
    _git(repo, "add", "units/reviews/kua-tpi.yaml")
    _git(repo, "commit", "-qm", "kua review")
    missing = zi("diff", "--git", "HEAD", "units/reviews/kua-tpi.yaml")
    assert missing.code == 2
    assert "HEAD:units/reviews/kua-tpi.yaml:1:10: reviews: " in missing.stderr
    assert "'../kua.yaml' tidak ada" in missing.stderr
    assert "Traceback" not in missing.stderr
    # the rules of where zi may look hold at a revision too
    (reviews / "far-tpi.yaml").write_text(
        "reviews: ../../../far.yaml\nlayer: tpi\nanswers: {}\n", encoding="utf-8"
    )
    _git(repo, "add", "units/reviews/far-tpi.yaml")
    _git(repo, "commit", "-qm", "far review")
    far = zi("diff", "--git", "HEAD", "units/reviews/far-tpi.yaml")
    assert far.code == 2 and "Traceback" not in far.stderr
    assert "'../../../far.yaml'" in far.stderr and "tidak ada" not in far.stderr


def _pack_with_wbk_min(minimum: int) -> str:
    return (
        "schema_version: 1\nid: uji-git\nextends: permenpanrb-90-2021\ntitle: Uji git\n"
        "short_title: Uji git\nversion: '1'\nlegal_basis: none\n"
        "status: {state: in_force, enacted: '2024-01-01'}\npredicates:\n- id: WBK\n"
        "  name: Menuju WBK\n  conditions:\n"
        f"  - {{id: total, description: Nilai total, node: total, min: {minimum}}}\n"
    )


def test_git_reads_a_pack_named_by_path_at_the_same_revision(zi: Zi, repo: Path) -> None:
    (repo / "packs").mkdir()
    (repo / "packs" / "zi.yaml").write_text(_pack_with_wbk_min(45), encoding="utf-8")
    unit = MAN2_Q1.read_text(encoding="utf-8")
    assert "criteria: permenpanrb-90-2021\n" in unit
    (repo / "units" / "own.yaml").write_text(
        unit.replace("criteria: permenpanrb-90-2021\n", "criteria: ../packs/zi.yaml\n"),
        encoding="utf-8",
    )
    _git(repo, "add", "packs", "units/own.yaml")
    _git(repo, "commit", "-qm", "own pack")
    # today the pack asks more than the unit's total; at HEAD it asked 45
    (repo / "packs" / "zi.yaml").write_text(_pack_with_wbk_min(99), encoding="utf-8")
    run = zi("diff", "--git", "HEAD", "units/own.yaml", "-f", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["total"]["old"] == data["total"]["new"]
    assert data["predicate"]["old"] == "WBK"
    assert data["predicate"]["new"] is None
    # a pack file missing at the revision is said so, located in the file
    (repo / "units" / "own.yaml").write_text(
        unit.replace("criteria: permenpanrb-90-2021\n", "criteria: ../packs/new.yaml\n"),
        encoding="utf-8",
    )
    (repo / "packs" / "new.yaml").write_text(_pack_with_wbk_min(45), encoding="utf-8")
    _git(repo, "add", "units/own.yaml")
    _git(repo, "commit", "-qm", "pack not committed")
    missing = zi("diff", "--git", "HEAD", "units/own.yaml")
    assert missing.code == 2 and "Traceback" not in missing.stderr
    assert "HEAD:units/own.yaml:3:11: criteria: " in missing.stderr
    assert "packs/new.yaml" in missing.stderr


def test_git_errors(zi: Zi, repo: Path, tmp_path: Path) -> None:
    unknown = zi("diff", "--git", "v1999", "units/man2.yaml")
    assert unknown.code == 2 and "revisi 'v1999' tidak dikenal" in unknown.stderr
    missing = zi("diff", "--git", "v2026-Q1", "units/kua.yaml")
    assert missing.code == 2
    assert "v2026-Q1:units/kua.yaml: tidak ada di revisi v2026-Q1" in missing.stderr
    option = zi("diff", "--git", "--help=x", "units/man2.yaml")
    assert option.code == 2
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "u.yaml").write_bytes(MAN2_Q1.read_bytes())
    run = zi("diff", "--git", "HEAD", str(outside / "u.yaml"))
    assert run.code == 2
    assert "tidak berada di dalam repositori git" in run.stderr


# --- trend ---------------------------------------------------------------------------------------


def test_trend_orders_by_period_not_by_argument_order(tmp_path: Path) -> None:
    year = edited(tmp_path, BENGKULU_Q1, "y.yaml", ('period: "2026-Q1"', 'period: "2025"'))
    s2 = edited(tmp_path, BENGKULU_Q1, "s2.yaml", ('period: "2026-Q1"', 'period: "2025-S2"'))
    result = trend([scored(BENGKULU_Q2), scored(s2), scored(BENGKULU_Q1), scored(year)])
    # a year starts with its first quarter and ends last; a semester lies between
    assert result.periods == ("2025", "2025-S2", "2026-Q1", "2026-Q2")
    total = result.rows[0]
    assert total.key == "total"
    assert total.values == (
        EXPECTED[BENGKULU_Q1.name].total,
        EXPECTED[BENGKULU_Q1.name].total,
        EXPECTED[BENGKULU_Q1.name].total,
        EXPECTED[BENGKULU_Q2.name].total,
    )
    assert result.units == ("Kantor Kementerian Agama Kota Bengkulu",)
    assert result.repeated_periods == ()


def test_trend_across_packs_leaves_gaps_for_missing_figures(tmp_path: Path) -> None:
    result = trend([scored(_rejang_lebong_90(tmp_path)), scored(REJANG_LEBONG_2021)])
    assert result.periods == ("2021", "2022")
    labels = [r.label for r in result.rows]
    assert labels[:3] == ["Nilai total", "A PENGUNGKIT", "B HASIL"]
    assert "Penataan Sistem Manajemen SDM" in labels  # the 90/2021 group name, the latest
    assert all(None not in r.values for r in result.rows)  # every figure has a counterpart
    assert len(figures(result.points[0].card)) == len(result.rows)


def test_trend_labels_a_review_layer_of_the_same_period(zi: Zi) -> None:
    review = EXAMPLES.parent / "examples-review" / "kankemenag-kota-bengkulu-2026q1-tpi.yaml"
    args = ("trend", str(BENGKULU_Q1), str(review))
    table = zi(*args, "--width", "100")
    assert table.code == 0, table.stderr
    assert "2 periode: 2026-Q1 (mandiri), 2026-Q1 (tpi)" in table.stdout
    assert "2026-Q1 (mandiri)   2026-Q1 (tpi)" in table.stdout
    # the unit's layer and its review are not one period given twice
    assert "lebih dari sekali" not in table.stderr
    md = zi(*args, "-f", "markdown").stdout
    assert "| 2026-Q1 (mandiri) | 2026-Q1 (tpi) |" in md
    # one period given twice is still said so
    twice = zi("trend", str(BENGKULU_Q1), str(BENGKULU_Q1), "--width", "100")
    assert "periode 2026-Q1 diberikan lebih dari sekali" in twice.stderr


def test_trend_cli_formats(zi: Zi) -> None:
    args = ("trend", str(BENGKULU_Q2), str(BENGKULU_Q1))
    table = zi(*args, "--width", "80")
    assert table.code == 0, table.stderr
    check_golden("diff/trend.txt", table.stdout)
    check_golden("diff/trend.md", zi(*args, "-f", "markdown").stdout)
    csv_out = zi(*args, "-f", "csv").stdout.splitlines()
    assert csv_out[0].startswith("period,unit,file,criteria,predicate,Nilai total,A PENGUNGKIT")
    assert csv_out[1].startswith("2026-Q1,Kantor Kementerian Agama Kota Bengkulu,")
    assert ",WBBM,93.95,57.82," in csv_out[1]
    assert ",WBBM,94.33,58.11," in csv_out[2]
    data = json.loads(zi(*args, "-f", "json").stdout)
    assert [p["period"] for p in data["periods"]] == ["2026-Q1", "2026-Q2"]
    assert data["rows"][0] == {
        "key": "total",
        "kind": "total",
        "label": "Nilai total",
        "values": [93.95, 94.33],
    }


def test_trend_notes_and_errors(zi: Zi, tmp_path: Path) -> None:
    mixed = zi("trend", str(BENGKULU_Q1), str(MAN2_Q1), str(MAN2_Q2))
    assert (mixed.code, mixed.stdout) == (2, "")
    assert (
        "kesalahan: zi: berkas-berkas ini menyebut 2 unit yang berbeda: Kantor Kementerian Agama "
        "Kota Bengkulu (" in (mixed.stderr)
    )
    assert "(saran: berikan berkas satu unit, atau tambahkan --mixed-units" in mixed.stderr
    as_json = zi("trend", str(BENGKULU_Q1), str(MAN2_Q1), "-f", "json")
    assert as_json.code == 2 and '"errors"' in as_json.stdout
    mixed = zi("trend", str(BENGKULU_Q1), str(MAN2_Q1), str(MAN2_Q2), "--mixed-units")
    assert mixed.code == 0
    assert "catatan: berkas-berkas ini menyebut 2 unit" in mixed.stderr
    assert "catatan: periode 2026-Q1 diberikan lebih dari sekali" in mixed.stderr
    folder = zi("trend", str(tmp_path))
    assert folder.code == 2 and "sebuah folder" in folder.stderr
    missing = zi("trend", str(BENGKULU_Q1), str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert missing.code == 2
    assert "a.yaml: berkas tidak ditemukan" in missing.stderr
    assert "b.yaml: berkas tidak ditemukan" in missing.stderr


# --- render helpers -------------------------------------------------------------------------------


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(UsageError, match="tidak punya format 'xml'") as caught:
        load("diff", "xml")
    assert caught.value.problems[0].hint == "pilih salah satu dari table, json, markdown"
    with pytest.raises(UsageError):
        load("trend", "xml")


def test_sparkline() -> None:
    assert sparkline([F(1), F(2), F(3)]) == "▁▅█"  # (2 - 1) / 2 x 7 = 3.5 -> 4, half up
    assert sparkline([F(5), F(5)]) == "▄▄"
    assert sparkline([None, F(1), F(0)]) == " █▁"
    assert sparkline([None]) == " "
    assert sparkline([]) == ""


def test_delta_text_never_rounds_a_change_to_zero() -> None:
    assert delta_text(F(0)) == "0.00"
    assert delta_text(F(1, 3)) == "+0.33"
    assert delta_text(F(-1, 200)) == "-0.01"  # half up, away from zero
    assert delta_text(F(-1, 250)) == "-0.004"
    assert delta_text(F(1, 3000)) == "+0.000333..."
    assert delta_text(None) == "-"


def test_score_plan_and_diff_show_the_same_unit_header(zi: Zi) -> None:
    # one header (render.common.unit_facts) in every view: zi plan's is zi score's, and
    # each side of zi diff is its file's zi score header after Lama/Baru
    q1, q2 = (zi("score", str(p)).stdout.splitlines()[1] for p in (MAN2_Q1, MAN2_Q2))
    assert q1 == "Kementerian Agama · periode 2026-Q1 · PermenPANRB 90/2021 (berlaku)"
    assert zi("plan", str(MAN2_Q1)).stdout.splitlines()[1] == q1
    plan_md = zi("plan", str(MAN2_Q1), "--format", "markdown").stdout.splitlines()
    assert plan_md[2] == zi("score", str(MAN2_Q1), "--format", "markdown").stdout.splitlines()[2]
    assert plan_md[2] == q1
    table = zi("diff", str(MAN2_Q1), str(MAN2_Q2)).stdout.splitlines()
    assert table[:3] == ["MAN 2 Kota Bengkulu: 2026-Q1 -> 2026-Q2", f"Lama: {q1}", f"Baru: {q2}"]
    md = zi("diff", str(MAN2_Q1), str(MAN2_Q2), "--format", "markdown").stdout.splitlines()
    assert md[2:4] == [f"- Lama: {q1}", f"- Baru: {q2}"]
