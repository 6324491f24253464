"""``--set ID=VALUE`` what-if answers: parsing, merging counts, errors naming ``--set``."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from zicli.engine.index import CriteriaIndex
from zicli.errors import UsageError
from zicli.loading.overrides import Override, override_answers, parse_override
from zicli.models.answers import AnswerRecord, CountsAnswer, NumberAnswer, OptionAnswer

from .conftest import EXAMPLES, Run

Zi = Callable[..., Run]
MAN2 = str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml")


def test_split_at_the_first_equals_sign() -> None:
    assert parse_override("A.I.1.i.b=A") == Override("A.I.1.i.b=A", "A.I.1.i.b", "A")
    assert parse_override(" B.I.a = 3.70 ") == Override(" B.I.a = 3.70 ", "B.I.a", "3.70")
    counts = parse_override("A.II.1.i.a=jumlah_agen_perubahan=10,jumlah_perubahan_dibuat=6")
    assert counts.question == "A.II.1.i.a"
    assert counts.value == "jumlah_agen_perubahan=10,jumlah_perubahan_dibuat=6"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A.I.1.i.b", "seharusnya ID=NILAI"),
        ("=A", "seharusnya ID=NILAI"),
        ("B.I.a=", "tidak ada nilai"),
    ],
)
def test_malformed(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_override(text)
    (problem,) = caught.value.problems
    assert problem.file == f"--set {text}" and problem.message.startswith(message)


def test_override_keeps_evidence_and_merges_counts(pack90: CriteriaIndex) -> None:
    answers = {
        "A.I.1.i.b": AnswerRecord(OptionAnswer("C"), ("sk.pdf",), "SK 12"),
        "A.II.1.i.a": AnswerRecord(
            CountsAnswer({"jumlah_agen_perubahan": 10, "jumlah_perubahan_dibuat": 6})
        ),
    }
    raw: dict[str, Any] = {
        "A.I.1.i.b": {"answer": "C", "evidence": ["sk.pdf"], "note": "SK 12"},
        "A.II.1.i.a": {"jumlah_agen_perubahan": 10, "jumlah_perubahan_dibuat": 6},
    }
    out = override_answers(
        pack90,
        answers,
        raw,
        ["A.II.1.i.a=jumlah_perubahan_dibuat=9", "B.I.a=3.7", "A.I.1.i.b=a"],
    )
    assert out["A.I.1.i.b"] == AnswerRecord(OptionAnswer("A"), ("sk.pdf",), "SK 12")
    assert out["A.II.1.i.a"].value == CountsAnswer(
        {"jumlah_agen_perubahan": 10, "jumlah_perubahan_dibuat": 9}
    )
    assert out["B.I.a"].value == NumberAnswer(Decimal("3.7"))
    assert answers["A.I.1.i.b"].value == OptionAnswer("C")  # the input is not changed


def test_several_sets_of_one_computed_question_merge(pack90: CriteriaIndex) -> None:
    out = override_answers(
        pack90,
        {},
        None,
        ["A.II.1.i.a=jumlah_agen_perubahan=4", "A.II.1.i.a=jumlah_perubahan_dibuat=3"],
    )
    assert out["A.II.1.i.a"].value == CountsAnswer(
        {"jumlah_agen_perubahan": 4, "jumlah_perubahan_dibuat": 3}
    )


def test_partial_counts_without_file_counts(pack90: CriteriaIndex) -> None:
    with pytest.raises(UsageError) as caught:
        override_answers(pack90, {}, None, ["A.II.1.i.a=jumlah_perubahan_dibuat=3"])
    (problem,) = caught.value.problems
    assert str(problem) == (
        "--set A.II.1.i.a=jumlah_perubahan_dibuat=3: isian jumlah A.II.1.i.a tidak lengkap: "
        "jumlah_agen_perubahan (saran: setiap isian jumlah wajib diisi dan 0 adalah jumlah yang "
        "sah; kosongkan seluruh jawaban jika belum diketahui)"
    )


# --- through the CLI -------------------------------------------------------------------------


def _score(zi: Zi, *sets: str) -> tuple[Run, dict[str, Any]]:
    args = ["score", MAN2, "--format", "json"]
    for text in sets:
        args += ["--set", text]
    run = zi(*args)
    return run, json.loads(run.stdout) if run.code == 0 else {}


def test_what_if_changes_the_score_not_the_file(zi: Zi) -> None:
    before = Path(MAN2).read_bytes()
    _, plain = _score(zi)
    run, data = _score(zi, "B.I.b=A", "B.II.a=3.60")
    assert run.code == 0
    assert run.stderr == f"andaian: 2 jawaban dari --set; {MAN2} tidak diubah\n"
    assert (data["answers"]["B.I.b"], data["answers"]["B.II.a"]) == ("A", "3.60")
    assert data["scores"]["B.I.b"] == Decimal("5.00")
    assert data["total"] > plain["total"]
    assert Path(MAN2).read_bytes() == before


def test_partial_counts_merge_with_the_file(zi: Zi) -> None:
    _, data = _score(zi, "A.II.1.i.a=jumlah_perubahan_dibuat=10")
    assert data["answers"]["A.II.1.i.a"] == "jumlah_agen_perubahan=10,jumlah_perubahan_dibuat=10"


def test_table_output_with_set(zi: Zi) -> None:
    run = zi("score", MAN2, "--set", "B.II.a=4", "--width", "80")
    assert run.code == 0 and "Predikat: Menuju WBK" in run.stdout


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "A.I.1.i.b=Z",
            "kesalahan: --set A.I.1.i.b=Z: 'Z' bukan pilihan jawaban A.I.1.i.b (A/B/C) "
            "(saran: pilih salah satu dari A/B/C)",
        ),
        (
            "A.I.1.i.zz=A",
            "kesalahan: --set A.I.1.i.zz=A: id butir 'A.I.1.i.zz' tidak dikenal di "
            "permenpanrb-90-2021 (saran: maksud Anda 'A.I.1.i.b'?)",
        ),
        (
            "B.I.a=3,7",
            "kesalahan: --set B.I.a=3,7: seharusnya angka 0..4 untuk B.I.a, tertulis "
            "teks '3,7' "
            "(saran: gunakan titik desimal, bukan koma: 3.7)",
        ),
        (
            "B.I.a=5",
            "kesalahan: --set B.I.a=5: 5 di luar 0..4 untuk B.I.a "
            "(saran: indeks survei bernilai antara 0 dan 4)",
        ),
        (
            "A.II.1.i.a=12",
            "kesalahan: --set A.II.1.i.a=12: A.II.1.i.a dihitung dari isian jumlah; tulis pasangan "
            "isian=jumlah (saran: mis. --set A.II.1.i.a=jumlah_agen_perubahan=0,"
            "jumlah_perubahan_dibuat=0)",
        ),
        (
            "A.II.1.i.a=jumlah_agen=3",
            "kesalahan: --set A.II.1.i.a=jumlah_agen=3: isian jumlah 'jumlah_agen' tidak "
            "dikenal untuk "
            "A.II.1.i.a (saran: maksud Anda 'jumlah_agen_perubahan'?)",
        ),
        (
            "A.I.1=A",
            "kesalahan: --set A.I.1=A: 'A.I.1' adalah area, bukan butir (saran: jawab "
            "butir-butirnya "
            "saja: A.I.1.i.a, A.I.1.i.b, A.I.1.ii.a, A.I.1.ii.b, ...)",
        ),
    ],
)
def test_bad_set_is_a_usage_error_naming_it(zi: Zi, text: str, line: str) -> None:
    run = zi("score", MAN2, "--set", text)
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [line]


def test_every_bad_set_is_reported_at_once(zi: Zi) -> None:
    run, _ = _score(zi, "A.I.1.i.b=Z", "B.I.a=9", "B.II.a=3.9")
    assert run.code == 2
    lines = run.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("kesalahan: --set A.I.1.i.b=Z: ")
    assert lines[1].startswith("kesalahan: --set B.I.a=9: ")
    errors = json.loads(run.stdout)["errors"]  # --format json also lists them on stdout
    assert [e["file"] for e in errors] == ["--set A.I.1.i.b=Z", "--set B.I.a=9"]


def test_partial_counts_merge_with_a_long_form_answer(pack90: CriteriaIndex) -> None:
    written = {"jumlah_agen_perubahan": 5, "jumlah_perubahan_dibuat": 2}
    answers = {"A.II.1.i.a": AnswerRecord(CountsAnswer(written), ("daftar.pdf",))}
    raw: dict[str, Any] = {"A.II.1.i.a": {"answer": written, "evidence": ["daftar.pdf"]}}
    out = override_answers(pack90, answers, raw, ["A.II.1.i.a=jumlah_perubahan_dibuat=5"])
    assert out["A.II.1.i.a"] == AnswerRecord(
        CountsAnswer({"jumlah_agen_perubahan": 5, "jumlah_perubahan_dibuat": 5}), ("daftar.pdf",)
    )


@pytest.mark.parametrize(
    ("sets", "named"),
    [
        (["A.I.1.i.b=A", "A.I.1.i.b=B"], "--set A.I.1.i.b=A --set A.I.1.i.b=B"),
        (["B.I.a=3.7", "A.I.1.i.b=A", "B.I.a=3.9"], "--set B.I.a=3.7 --set B.I.a=3.9"),
        (
            ["A.II.1.i.a=jumlah_agen_perubahan=4", "A.II.1.i.a=jumlah_agen_perubahan=5"],
            "--set A.II.1.i.a=jumlah_agen_perubahan=4 --set A.II.1.i.a=jumlah_agen_perubahan=5",
        ),
    ],
)
@pytest.mark.parametrize("where", [[MAN2], [str(EXAMPLES)]])
def test_two_sets_of_one_answer_are_refused_naming_both(
    zi: Zi, sets: list[str], named: str, where: list[str]
) -> None:
    args = [a for s in sets for a in ("--set", s)]
    run = zi("score", *where, *args)
    assert (run.code, run.stdout) == (2, "")
    [line] = run.stderr.splitlines()  # once, not once per file
    assert line.startswith(f"kesalahan: {named}: ")


def test_two_sets_of_one_answer_in_plan_are_refused(zi: Zi) -> None:
    run = zi("plan", MAN2, "--target", "wbbm", "--set", "B.I.a=3.7", "--set", "B.I.a=3.9")
    assert run.code == 2
    assert run.stderr.startswith("kesalahan: --set B.I.a=3.7 --set B.I.a=3.9: ")
