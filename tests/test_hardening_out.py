"""Issue 12, the command-line half of "wrong or unclear": ``--width`` bounds,
look-alike characters named in hints, and ``--set`` numbers read by the file
reader's rule (non-ASCII digits refused the same way, same message and hint)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from zicli.errors import did_you_mean

from .conftest import EXAMPLES, Run

EXAMPLE = EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml"


@pytest.mark.parametrize("width", ["-5", "0", "39", "1001", "5000000"])
def test_width_outside_its_bounds_is_a_usage_error(zi: Callable[..., Run], width: str) -> None:
    run = zi("score", str(EXAMPLE), f"--width={width}")
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr == (
        f"kesalahan: --width: {width} di luar 40..1000 kolom "
        "(saran: tulis lebar dari 40 sampai 1000, mis. --width 100)\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("criteria", "show", "permenpanrb-90-2021"),
        ("criteria", "list"),
        ("plan", str(EXAMPLE)),
        ("diff", str(EXAMPLE), str(EXAMPLE)),
        ("score", str(EXAMPLES)),
    ],
)
def test_every_command_bounds_width(zi: Callable[..., Run], args: tuple[str, ...]) -> None:
    assert zi(*args, "--width", "-5").code == 2


@pytest.mark.parametrize("width", ["40", "1000"])
def test_width_at_its_bounds_is_drawn(zi: Callable[..., Run], width: str) -> None:
    run = zi("score", str(EXAMPLE), "--width", width)
    assert run.code == 0
    # a table that cannot show its numbers whole at that width is drawn as wide as it
    # needs, and the report says how wide
    needs = re.search(r"memerlukan\s+(\d+)\s+kolom", run.stdout)
    widest = int(needs.group(1)) if needs else int(width)
    assert max(len(line) for line in run.stdout.splitlines()) <= widest


def test_a_cyrillic_letter_is_named_not_suggested_as_itself() -> None:
    hint = did_you_mean("\u0410.I.1.i.a", ["A.I.1.i.a", "A.I.1.i.b"])
    assert hint == (
        "'\u0410' (U+0410 CYRILLIC CAPITAL LETTER A) bukan huruf Latin: "
        "tulis 'A.I.1.i.a' dalam ASCII biasa"
    )


def test_a_full_width_digit_is_named() -> None:
    hint = did_you_mean("A.I.\uff11.i.a", ["A.I.1.i.a"])
    assert hint is not None
    assert "'\uff11' (U+FF11 FULLWIDTH DIGIT ONE) bukan angka ASCII" in hint


def test_a_greek_letter_in_a_near_miss_still_gets_a_suggestion() -> None:
    hint = did_you_mean("\u0392.I.z", ["B.I.a", "B.II.a"])
    assert hint is not None
    assert hint.startswith("'\u0392' (U+0392 GREEK CAPITAL LETTER BETA) bukan huruf Latin")
    assert "maksud Anda 'B.I.a'?" in hint


def test_plain_typos_keep_their_hint() -> None:
    assert did_you_mean("A.I.1.i.z", ["A.I.1.i.a"]) == "maksud Anda 'A.I.1.i.a'?"
    assert did_you_mean("périodé", ["period"]) == "maksud Anda 'period'?"


def test_cyrillic_id_in_a_file_and_in_set(zi: Callable[..., Run], tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("  A.I.1.i.a: Ya", "  \u0410.I.1.i.a: Ya")
    (tmp_path / "u.yaml").write_text(text, encoding="utf-8")
    named = "'\u0410' (U+0410 CYRILLIC CAPITAL LETTER A) bukan huruf Latin"
    assert named in zi("score", str(tmp_path / "u.yaml")).stderr
    run = zi("score", str(EXAMPLE), "--set", "\u0410.I.1.i.a=Ya")
    assert run.code == 2
    assert named in run.stderr


@pytest.mark.parametrize(
    ("digit", "name"),
    [
        ("\u0663", "U+0663 ARABIC-INDIC DIGIT THREE"),
        ("\u06f3", "U+06F3 EXTENDED ARABIC-INDIC DIGIT THREE"),
        ("\uff13", "U+FF13 FULLWIDTH DIGIT THREE"),
        ("\u0969", "U+0969 DEVANAGARI DIGIT THREE"),
    ],
)
def test_set_refuses_non_ascii_digits_as_the_file_reader_does(
    zi: Callable[..., Run], tmp_path: Path, digit: str, name: str
) -> None:
    hint = f"(saran: '{digit}' ({name}) bukan digit ASCII: tulis 3)"
    message = f"seharusnya angka 0..4 untuk B.I.a, tertulis teks '{digit}' {hint}"
    via_set = zi("score", str(EXAMPLE), "--set", f"B.I.a={digit}")
    assert via_set.code == 2
    assert via_set.stderr == f"kesalahan: --set B.I.a={digit}: {message}\n"
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "  B.I.a: 3.64\n" in text
    (tmp_path / "u.yaml").write_text(text.replace("  B.I.a: 3.64\n", f"  B.I.a: {digit}\n"))
    in_file = zi("score", str(tmp_path / "u.yaml"))
    assert in_file.code == 2
    assert in_file.stderr.endswith(f": answers.B.I.a: {message}\n")


def test_set_refuses_non_ascii_digits_in_counts(zi: Callable[..., Run]) -> None:
    value = "jumlah_agen_perubahan=\u0663,jumlah_perubahan_dibuat=1"
    run = zi("score", str(EXAMPLE), "--set", f"A.II.1.i.a={value}")
    assert run.code == 2
    assert "seharusnya bilangan bulat >= 0, tertulis " in run.stderr
    assert (
        "'\u0663' (saran: '\u0663' (U+0663 ARABIC-INDIC DIGIT THREE) bukan digit ASCII"
        in run.stderr
    )
