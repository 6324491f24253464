"""Issue 13's "things a newcomer trips on": each reproduced, each fixed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Run
from zicli.models.numbers import number_hint, read_number

Zi = Callable[..., Run]
MAN2 = str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml")
SELUMA = str(EXAMPLES / "kemenag-kankemenag-kabupaten-seluma-2026q1.yaml")


# One rule for decimals and percentages: a decimal point, no % sign, the same hint everywhere.


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("3,45", "gunakan titik desimal, bukan koma: 3.45"),
        ("95%", "tulis 95: persentase adalah angka 0..100, tanpa tanda %"),
        ("97,5 %", "tulis 97.5: titik desimal, bukan koma, dan tanpa tanda %"),
        ("Ya", None),
        ("1,2,3", None),
    ],
)
def test_the_rule(written: str, hint: str | None) -> None:
    assert read_number(written) is None
    assert number_hint(written) == hint


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        # 90 is not on a 0..4 scale: dropping '%' would give another error
        ("90%", "'%' tidak berlaku di sini: jawabannya angka 0..4, bukan persentase"),
        ("90,5 %", "'%' tidak berlaku di sini: jawabannya angka 0..4, bukan persentase"),
        ("3%", "tulis 3, tanpa tanda %: jawabannya angka 0..4"),
        ("3,4", "gunakan titik desimal, bukan koma: 3.4"),
    ],
)
def test_the_hint_fits_the_answers_range(written: str, hint: str) -> None:
    assert number_hint(written, 0, 4) == hint


def test_a_percent_on_a_survey_scale_says_the_scale(zi: Zi, tmp_path: Path) -> None:
    answer = tmp_path / "u.yaml"
    answer.write_text(
        "criteria: permenpanrb-90-2021\nunit: {name: X, period: '2026'}\n"
        "answers:\n  B.I.a: '90%'\n",
        encoding="utf-8",
    )
    run = zi("score", str(answer))
    assert run.code == 2
    assert run.stderr.splitlines() == [
        f"kesalahan: {answer}:4:3: answers.B.I.a: seharusnya angka 0..4 untuk B.I.a, tertulis "
        "teks '90%' (saran: '%' tidak berlaku di sini: jawabannya angka 0..4, bukan persentase)"
    ]
    run = zi("score", str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml"), "--set", "B.I.a=90%")
    assert run.code == 2 and "'%' tidak berlaku di sini: jawabannya angka 0..4" in run.stderr


def test_plain_decimals_are_read_exactly() -> None:
    assert str(read_number(" 3.45 ")) == "3.45"
    assert read_number(True) is None


def test_one_hint_in_a_file_in_set_and_in_an_option(zi: Zi, tmp_path: Path) -> None:
    answer = tmp_path / "u.yaml"
    answer.write_text(
        "criteria: kemenag-90-2021\n"
        "unit:\n  name: Satker Uji\n  period: '2026'\n"
        "  tlhp_persen: 95%\n  lhkpn_persen: '97,5'\n"
        "answers:\n  B.I.a: 3,45\n",
        encoding="utf-8",
    )
    in_file = zi("score", str(answer))
    assert in_file.code == 2
    assert in_file.stderr.splitlines() == [
        f"kesalahan: {answer}:5:16: unit.tlhp_persen: seharusnya angka untuk tlhp_persen, tertulis "
        "teks '95%' (saran: tulis 95: persentase adalah angka 0..100, tanpa tanda %)",
        f"kesalahan: {answer}:6:17: unit.lhkpn_persen: seharusnya angka untuk lhkpn_persen, "
        f"tertulis "
        "teks '97,5' (saran: gunakan titik desimal, bukan koma: 97.5)",
        f"kesalahan: {answer}:8:3: answers.B.I.a: seharusnya angka 0..4 untuk B.I.a, "
        f"tertulis teks "
        "'3,45' (saran: gunakan titik desimal, bukan koma: 3.45)",
    ]
    in_set = zi("score", MAN2, "--set", "B.I.a=3,45")
    assert in_set.code == 2
    assert "(saran: gunakan titik desimal, bukan koma: 3.45)" in in_set.stderr
    in_option = zi("score", MAN2, "--fail-under", "75,5")
    assert (in_option.code, in_option.stdout) == (2, "")
    assert in_option.stderr == (
        "kesalahan: --fail-under 75,5: seharusnya angka, tertulis '75,5' "
        "(saran: gunakan titik desimal, bukan koma: 75.5)\n"
    )
    percent = zi("score", MAN2, "--max-incomplete", "5%")
    assert percent.code == 2
    assert "(saran: tulis 5: persentase adalah angka 0..100, tanpa tanda %)" in percent.stderr
    assert zi("score", MAN2, "--fail-under", "75.5", "--max-incomplete", "5").code == 0


# zi init: options checked as strictly as the file; nothing written that validate refuses.


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--period", "2026Q1"],
            "kesalahan: --period 2026Q1: seharusnya periode YYYY, YYYY-Qn atau YYYY-Sn, tertulis "
            "'2026Q1' (saran: tulis --period 2026-Q1)",
        ),
        (
            ["--period", "2026-Q5"],
            "kesalahan: --period 2026-Q5: seharusnya periode YYYY, YYYY-Qn atau YYYY-Sn, tertulis "
            "'2026-Q5' "
            "(saran: misalnya --period 2026 (setahun), 2026-Q1 (triwulan) atau 2026-S1 (semester))",
        ),
        (
            ["--name", " "],
            "kesalahan: --name ' ': nama unit kosong (saran: mis. --name \"KUA "
            'Kecamatan Selebar")',
        ),
    ],
)
def test_init_refuses_what_validate_would(
    zi: Zi, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "x.yaml"
    run = zi("init", *args, "-o", str(out))
    assert (run.code, run.stdout, run.stderr) == (2, "", message + "\n")
    assert not out.exists()


@pytest.mark.parametrize("pack", ["permenpanrb-90-2021", "kemenag-90-2021", "kma-633-2020"])
def test_init_output_validates_as_written(zi: Zi, tmp_path: Path, pack: str) -> None:
    out = tmp_path / "x.yaml"
    made = zi("init", "-c", pack, "--period", "2026-S1", "--name", "MAN 1 Seluma", "-o", str(out))
    assert made.code == 0, made.stderr
    assert zi("validate", str(out)).code == 0


def test_init_reads_like_the_workbook(zi: Zi) -> None:
    text = zi("init", "-c", "kemenag-90-2021", "--period", "2026-Q1").stdout
    # the full question text (wrapped, never cut), every option with its meaning
    first = "  # A.I.1.ii.b b. Dalam dokumen pembangunan terdapat target-target prioritas yang"
    assert first in text
    assert "  #   tujuan pembangunan WBK/WBBM\n" in text
    assert "  #   A = prosedur jelas, mewakili seluruh unsur unit kerja\n" in text
    assert "  #   C = tidak diseleksi\n  A.I.1.i.b:\n" in text
    # the data dukung the overlay gives, the count fields with their meaning, the survey scale
    assert "  # Data dukung:\n  #   - SK Kepala Satker tentang Tim Kerja Pembangunan ZI" in text
    assert "  #   - jumlah_agen_perubahan: Jumlah Agen Perubahan\n" in text
    assert "  # Nilai (0-4): angka 0-4 dengan titik desimal, mis. 3.60\n" in text
    # the unit's prerequisite fields, with the condition each serves
    assert "  sakip: null                    # Nilai SAKIP instansi [AA/A/BB/B/CC/C/D]\n" in text
    assert "#   syarat WBBM: SAKIP instansi minimal BB\n" in text
    assert max(len(line) for line in text.splitlines()) <= 100


@pytest.mark.parametrize(
    "args",
    [
        ["score", MAN2, "--detail"],
        ["criteria", "show", "permenpanrb-90-2021", "--detail"],
    ],
)
def test_detail_wraps_question_texts(zi: Zi, pack90: object, args: list[str]) -> None:
    run = zi(*args)
    assert run.code == 0
    assert "…" not in run.stdout
    words = " ".join(run.stdout.split())
    # a question text read whole, across its wrapped lines
    assert (
        "pembangunan terdapat target-target prioritas yang relevan dengan "
        "tujuan pembangunan WBK/WBBM" in words
    )


# Valid but almost surely not meant: warned, located, scoring unchanged.

SLIPS = (
    "criteria: permenpanrb-90-2021\n"
    "unit:\n  name: Nama Satuan Kerja\n  period: '2026-Q1'\n"
    "answers:\n"
    "  A.II.1.i.b: {jumlah_perubahan_dibuat: 4, jumlah_perubahan_terintegrasi: 9}\n"
    "  A.II.5.iii.a:\n"
    "    lhkpn_kepala_satuan_kerja: 1\n    lhkpn_pejabat_wajib: 2\n    lhkpn_lainnya: 0\n"
    "    lhkpn_sudah_melaporkan: 1000\n"
)


def test_slips_are_warned_where_they_are_written(zi: Zi, tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_text(SLIPS, encoding="utf-8")
    expected = [
        f"peringatan: {path}:3:9: unit.name: nama unit masih contoh dari templat, "
        "'Nama Satuan Kerja' (saran: tulis nama satuan kerja, mis. KUA Kecamatan Selebar)",
        f"peringatan: {path}:6:41: answers.A.II.1.i.b.jumlah_perubahan_dibuat: A.II.1.i.b: "
        "jumlah_perubahan_terintegrasi 9 > jumlah_perubahan_dibuat 4: bagian lebih besar "
        "daripada keseluruhannya (saran: periksa kedua isian jumlah; berkas dinilai sesuai "
        "yang tertulis)",
        f"peringatan: {path}:11:29: answers.A.II.5.iii.a.lhkpn_sudah_melaporkan: A.II.5.iii.a: "
        "lhkpn_sudah_melaporkan 1,000 > lhkpn_harus_melaporkan 3: bagian lebih besar "
        "daripada keseluruhannya (saran: periksa kedua isian jumlah; berkas dinilai sesuai "
        "yang tertulis)",
    ]
    scored = zi("score", str(path), "-f", "json")
    assert scored.code == 0
    assert scored.stderr.splitlines() == expected
    validated = zi("validate", str(path))
    assert validated.code == 0 and validated.stderr.splitlines() == expected
    data = json.loads(scored.stdout)
    located = [w for w in data["warnings"] if "field" in w]
    assert [(w["code"], w["field"], w["line"], w["col"]) for w in located] == [
        ("placeholder-name", "unit.name", 3, 9),
        ("part-exceeds-whole", "answers.A.II.1.i.b.jumlah_perubahan_dibuat", 6, 41),
        ("part-exceeds-whole", "answers.A.II.5.iii.a.lhkpn_sudah_melaporkan", 11, 29),
    ]
    # scoring unchanged: both ratios are capped at 1, as the rule says (1 x the question's
    # share); the same file with the counts made consistent scores the same
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(
        SLIPS.replace("terintegrasi: 9", "terintegrasi: 4")
        .replace("melaporkan: 1000", "melaporkan: 3")
        .replace("Nama Satuan Kerja", "KUA Kecamatan Uji"),
        encoding="utf-8",
    )
    again = json.loads(zi("score", str(fixed), "-f", "json").stdout)
    assert again["total"] == data["total"]
    assert zi("score", str(fixed)).stderr == ""


def test_init_default_name_is_the_warned_placeholder(zi: Zi) -> None:
    from zicli.models.answers import PLACEHOLDER_NAME

    assert f'  name: "{PLACEHOLDER_NAME}"\n' in zi("init").stdout


def test_at_most_names_real_fields() -> None:
    from pydantic import ValidationError

    from zicli.models.criteria import Computed

    with pytest.raises(ValidationError, match="at_most menyebut 'nope'"):
        Computed.model_validate(
            {
                "inputs": ({"field": "a", "label": "A"}, {"field": "b", "label": "B"}),
                "numerator": "a",
                "denominator": "b",
                "zero_denominator": {"if_numerator_zero": 0, "otherwise": 0},
                "at_most": {"nope": "b"},
            }
        )


# zi plan: counts and survey indexes are facts, held unless freed; a 0/0 reliance in words.

KUA = str(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml")


def test_plan_holds_surveys_as_facts_by_default(zi: Zi) -> None:
    held = zi("plan", KUA, "-f", "json")
    assert held.code == 1  # the only way to WBK is a higher IPAK, a survey index
    data = json.loads(held.stdout)
    assert data["steps"] == [] and "B.I.a" in data["facts"] and data["frozen"] == []
    table = zi("plan", KUA).stdout
    assert "fakta yang dilaporkan unit, tidak diubah rencana: B.I.a" in " ".join(table.split())
    freed = zi("plan", KUA, "--free-surveys", "-f", "json")
    assert freed.code == 0
    assert [s["set"] for s in json.loads(freed.stdout)["steps"]] == ["B.I.a=3.60"]


def test_plan_relying_on_zero_over_zero_says_so(zi: Zi, tmp_path: Path) -> None:
    text = (EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith("  A.II.5.ii.a:")]
    at = next(i for i, ln in enumerate(lines) if ln.startswith("  period:"))
    lines.insert(at + 1, "  predicate_held: WBK")
    path = tmp_path / "u.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # held as facts, the blank count question is not filled with 0/0
    default = json.loads(zi("plan", str(path), "--free-surveys", "-f", "json").stdout)
    assert all(not s["set"].startswith("A.II.5.ii.a=") for s in default["steps"])
    freed = zi("plan", str(path), "--free-counts", "--free-surveys", "--width", "200")
    assert "A.II.5.ii.a=jumlah_pengaduan_harus_ditindaklanjuti=0" in freed.stdout
    assert (
        "A.II.5.ii.a: rencana ini bergantung pada aturan 0/0: "
        "jumlah_pengaduan_harus_ditindaklanjuti = 0 dan pembilangnya 0 dihitung nilai penuh"
    ) in freed.stdout
    markdown = zi("plan", str(path), "--free-counts", "--free-surveys", "-f", "markdown")
    assert "bergantung pada aturan 0/0" in markdown.stdout


def test_located_warnings_fit_the_score_schema(zi: Zi, tmp_path: Path) -> None:
    import jsonschema

    from tests.conftest import ROOT

    path = tmp_path / "u.yaml"
    path.write_text(SLIPS, encoding="utf-8")
    schema = json.loads(
        (ROOT / "src" / "zicli" / "schemas" / "score.schema.json").read_text(encoding="utf-8")
    )
    data = json.loads(zi("score", str(path), "-f", "json").stdout)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_batch_warns_on_stderr_too(zi: Zi, tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_text(SLIPS, encoding="utf-8")
    run = zi("score", str(path), MAN2, "-f", "csv", "--jobs", "1")
    assert run.code == 0
    warned = [ln for ln in run.stderr.splitlines() if ln.startswith("peringatan: ")]
    assert [ln.split(": ")[1] for ln in warned] == [f"{path}:3:9", f"{path}:6:41", f"{path}:11:29"]
