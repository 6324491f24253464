"""``zi score FILE --format markdown|csv``: the unit's own report (issue 11 fixed the
batch summary these used to print for one file), honouring ``--detail``; cells from
files escaped for the medium."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from zicli.render.escape import csv_cell, md_text

from .conftest import EXAMPLES, Run
from .expected_examples import EXPECTED
from .golden import check_golden

Zi = Callable[..., Run]
MAN2 = "man-2-kota-bengkulu-2026q1.yaml"


@pytest.mark.parametrize("detail", [False, True])
def test_markdown_golden(detail: bool, zi: Zi) -> None:
    run = zi("score", str(EXAMPLES / MAN2), "-f", "markdown", *(["--detail"] if detail else []))
    assert run.code == 0
    suffix = ".detail" if detail else ""
    check_golden(f"score/{MAN2.removesuffix('.yaml')}{suffix}.md", run.stdout)


def test_csv_golden(zi: Zi) -> None:
    run = zi("score", str(EXAMPLES / MAN2), "-f", "csv", "--detail")
    assert run.code == 0
    check_golden(f"score/{MAN2.removesuffix('.yaml')}.detail.csv", run.stdout)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_csv_total_is_the_hand_worked_one(name: str, zi: Zi) -> None:
    run = zi("score", str(EXAMPLES / name), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    expected = EXPECTED[name]
    total = rows[-1]
    assert total["id"] == "TOTAL"
    assert total["score"] == expected.display_total
    assert total["predicate"] == (expected.predicate or "")
    assert {r["kind"] for r in rows[:-1]} <= {"komponen", "aspek", "area", "subkomponen"}


def test_detail_adds_every_question_with_its_answer(zi: Zi) -> None:
    short = zi("score", str(EXAMPLES / MAN2), "-f", "csv").stdout
    full = zi("score", str(EXAMPLES / MAN2), "-f", "csv", "--detail").stdout
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(full))}
    assert "A.I.1.i.a" not in short
    # the example answers Ya and C here (examples/man-2-kota-bengkulu-2026q1.yaml)
    assert rows["A.I.1.i.a"]["answer"] == "Ya"
    assert rows["A.I.1.i.b"]["answer"] == "C"
    assert rows["A.I.1.i.b"]["kind"] == "butir"
    markdown = zi("score", str(EXAMPLES / MAN2), "-f", "markdown", "--detail").stdout
    assert "| Id | Komponen / Area | Jawaban | Bobot | Nilai | % |" in markdown
    assert "Jawaban" not in zi("score", str(EXAMPLES / MAN2), "-f", "markdown").stdout


def test_file_text_is_escaped(zi: Zi, tmp_path: Path) -> None:
    text = (EXAMPLES / MAN2).read_text(encoding="utf-8")
    text = text.replace("name: MAN 2 Kota Bengkulu", "name: '=HYPERLINK(1)|x\\y'")
    path = tmp_path / "unit.yaml"
    path.write_text(text, encoding="utf-8")
    markdown = zi("score", str(path), "-f", "markdown").stdout
    assert markdown.startswith("## =HYPERLINK(1)\\|x\\\\y\n")
    table = zi("score", str(path), "-f", "csv").stdout
    assert list(csv.reader(io.StringIO(table)))[1][0] == "'=HYPERLINK(1)|x\\y"


def test_md_text() -> None:
    assert md_text("a|b") == "a\\|b"
    assert md_text("a\\b") == "a\\\\b"
    assert md_text("a\nb\r\nc\rd") == "a b c d"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-1.25", "-1.25"),
        ("+2.50", "+2.50"),
        ("-", "-"),
        ("KUA Selebar", "KUA Selebar"),
    ],
)
def test_csv_cell(text: str, shown: str) -> None:
    assert csv_cell(text) == shown
