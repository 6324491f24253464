"""The command line speaks Indonesian by default and English on request: zi's own
messages (errors, hints, gates, help) and typer's and click's (usage line, help panels,
usage errors), see :mod:`zicli.cli.lang`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest

from zicli import i18n
from zicli.cli import lang
from zicli.errors import Problem, describe, did_you_mean

from .conftest import EXAMPLES, ROOT, Run, zi_process

Zi = Callable[..., Run]
EXAMPLE = str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml")


@pytest.fixture
def speak() -> Callable[[str], None]:
    """Switch the language of this process (conftest puts Indonesian back after each test)."""
    return i18n.use


# click's and typer's usage errors, as they write them -> what zi shows in Indonesian
USAGE_ERRORS = [
    ("Missing argument 'paths'.", "Argumen 'paths' belum diisi."),
    ("Missing option '--output' / '-o'.", "Opsi '--output' / '-o' belum diisi."),
    ("No such option: --nope", "Opsi tidak dikenal: --nope"),
    (
        "No such option: --requir (Possible options: --require, --require-evidence)",
        "Opsi tidak dikenal: --requir (mungkin maksud Anda: --require, --require-evidence)",
    ),
    ("No such command 'scor'. Did you mean 'score'?", None),  # typer's part comes translated
    ("Option '-f' requires an argument.", "Opsi '-f' memerlukan sebuah nilai."),
    ("Option '--x' requires 2 arguments.", "Opsi '--x' memerlukan 2 nilai."),
    ("Option '--detail' does not take a value.", "Opsi '--detail' tidak menerima nilai."),
    ("Got unexpected extra argument(s) (b c)", "Ada argumen berlebih yang tidak diharapkan (b c)"),
    (
        "Invalid value for '--jobs': Input should be a valid integer, unable to parse string "
        "as an integer",
        "Nilai tidak valid untuk '--jobs': seharusnya bilangan bulat",
    ),
    (
        "Invalid value for '--timeout': Input should be a valid number, unable to parse string "
        "as a number",
        "Nilai tidak valid untuk '--timeout': seharusnya angka",
    ),
    (
        "Invalid value for '--max-steps': Input should be greater than or equal to 0",
        "Nilai tidak valid untuk '--max-steps': seharusnya 0 atau lebih",
    ),
    (
        "Invalid value for '--blank': Value error, 'bad' is not one of 'zero', 'skip'.",
        "Nilai tidak valid untuk '--blank': 'bad' bukan salah satu dari 'zero', 'skip'.",
    ),
    (
        "Invalid value: 'x' is not a valid integer.",
        "Nilai tidak valid: 'x' bukan bilangan bulat yang sah.",
    ),
    ("Something click may say one day.", "Something click may say one day."),  # kept as is
]


@pytest.mark.parametrize(("english", "indonesian"), USAGE_ERRORS)
def test_usage_errors_are_translated(
    english: str, indonesian: str | None, speak: Callable[[str], None]
) -> None:
    speak("id")
    if indonesian is None:  # what typer puts together from its translated part
        assert lang.translate("Perintah 'scor' tidak dikenal. Did you mean 'score'?") == (
            "Perintah 'scor' tidak dikenal. Maksud Anda 'score'?"
        )
        return
    assert lang.translate(english) == indonesian
    speak("en")
    assert lang.translate(english) == english  # click's own words in English


def test_a_missing_file_is_said_in_indonesian_and_in_english() -> None:
    out = zi_process("score")
    assert out.returncode == 2
    assert "Penggunaan: zi score [OPTIONS] {paths}..." in out.stderr
    assert "Lihat 'zi score -h' untuk bantuan." in out.stderr
    assert "Kesalahan" in out.stderr
    assert "Argumen 'paths' belum diisi." in out.stderr
    english = zi_process("score", "--lang", "en")
    assert english.returncode == 2
    assert "Usage: zi score [OPTIONS] {paths}..." in english.stderr
    assert "Try 'zi score -h' for help." in english.stderr
    assert "Missing argument 'paths'." in english.stderr


def test_an_unknown_option_is_said_in_indonesian_and_in_english() -> None:
    out = zi_process("score", "--nope")
    assert out.returncode == 2
    assert "Opsi tidak dikenal: --nope" in out.stderr
    assert "Usage" not in out.stderr and "No such" not in out.stderr
    english = zi_process("score", "--nope", ZI_LANG="en")
    assert english.returncode == 2
    assert "No such option: --nope" in english.stderr


def test_an_unknown_command_is_said_in_indonesian_and_in_english() -> None:
    out = zi_process("scor")
    assert out.returncode == 2
    assert "Perintah 'scor' tidak dikenal. Maksud Anda 'score'?" in out.stderr
    english = zi_process("--lang", "en", "scor")
    assert "No such command 'scor'. Did you mean 'score'?" in english.stderr


def test_the_root_help_follows_the_language() -> None:
    out = zi_process("--help")
    assert out.returncode == 0
    for text in ("Penggunaan: zi [OPTIONS] COMMAND [ARGS]...", "Skor Zona Integritas", "Opsi"):
        assert text in out.stdout
    assert "Perintah" in out.stdout and "Tampilkan pesan ini lalu keluar." in out.stdout
    assert "Usage" not in out.stdout and "Options" not in out.stdout
    english = zi_process("--help", "--lang", "en")
    assert english.returncode == 0
    for text in ("Usage: zi [OPTIONS] COMMAND [ARGS]...", "Options", "Commands"):
        assert text in english.stdout
    assert "Show this message and exit." in english.stdout
    assert "Zona Integritas score (LKE WBK/WBBM) from YAML answer files." in english.stdout


def test_a_command_help_follows_the_language() -> None:
    out = zi_process("score", "--help")
    assert out.returncode == 0
    for text in ("Penggunaan: zi score", "Argumen", "[wajib]", "[bawaan: zero]", "Ambang:"):
        assert text in out.stdout
    assert "Hitung nilai berkas jawaban" in out.stdout
    english = zi_process("score", "--help", LANG="en_US.UTF-8")
    for text in ("Usage: zi score", "Arguments", "[required]", "[default: zero]", "Gate:"):
        assert text in english.stdout
    assert "Score answer files" in english.stdout


def test_usage_errors_in_process_follow_lang(zi: Zi) -> None:
    out = zi("score", EXAMPLE, "--jobs", "x")
    assert out.code == 2
    assert "Nilai tidak valid untuk '--jobs': seharusnya bilangan bulat" in out.stderr
    english = zi("--lang", "en", "score", EXAMPLE, "--jobs", "x")
    assert "Invalid value for '--jobs': Input should be a valid integer" in english.stderr


def test_problems_and_hints_follow_the_language(zi: Zi) -> None:
    out = zi("score", EXAMPLE, "--width", "10")
    assert out.code == 2
    assert out.stderr.startswith("kesalahan: --width: 10 di luar 40..1000 kolom (saran: ")
    english = zi("--lang", "en", "score", EXAMPLE, "--width", "10")
    assert english.stderr.startswith("error: --width: 10 is outside 40..1000 columns (hint: ")


def test_gates_follow_the_language(zi: Zi) -> None:
    out = zi("score", EXAMPLE, "-f", "json", "--fail-under", "99.5", "--require", "WBBM")
    assert out.code == 1
    assert "ambang: " in out.stderr and "nilai total " in out.stderr
    assert "di bawah 99.5" in out.stderr and "WBBM disyaratkan" in out.stderr
    english = zi("--lang", "en", "score", EXAMPLE, "-f", "json", "--fail-under", "99.5")
    assert "gate: " in english.stderr and "under 99.5" in english.stderr


def test_format_help_and_refusal_follow_the_language(zi: Zi, speak: Callable[[str], None]) -> None:
    from zicli.render.registry import help_text

    speak("id")
    assert help_text("pack") == "Format keluaran: table, json."
    speak("en")
    assert help_text("pack") == "Output format: table, json."
    out = zi("criteria", "list", "-f", "xml")
    assert out.code == 2
    assert "perintah ini tidak punya format 'xml' (saran: pilih salah satu dari table, json)" in (
        out.stderr
    )


def test_values_are_described_in_the_language(speak: Callable[[str], None]) -> None:
    speak("id")
    values: tuple[object, ...] = (None, True, 3, "x", [], {})
    assert [describe(v) for v in values] == [
        "tidak ada isinya (nilai kosong)",
        "true (nilai benar/salah)",
        "angka 3",
        "teks 'x'",
        "sebuah daftar",
        "sebuah pemetaan",
    ]
    assert did_you_mean("scroe", ["score"]) == "maksud Anda 'score'?"
    assert str(Problem("m", file="f", hint="h")) == "f: m (saran: h)"
    speak("en")
    assert describe(3) == "the number 3"
    assert did_you_mean("scroe", ["score"]) == "did you mean 'score'?"
    assert str(Problem("m", file="f", hint="h")) == "f: m (hint: h)"


def test_a_spawned_worker_speaks_the_parents_language() -> None:
    code = (
        "from zicli import i18n; from zicli.batch.run import _worker_start; "
        "_worker_start('en'); print(i18n.current(), i18n._('interrupted'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.split() == ["en", "interrupted"]


def test_scoring_one_file_as_json_does_not_import_rich() -> None:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "zicli", "score", EXAMPLE, "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert out.returncode == 0
    assert [line for line in out.stderr.splitlines() if "rich" in line] == []
