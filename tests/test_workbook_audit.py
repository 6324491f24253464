"""``zi audit``: the real unit copy, filled with slips units make and recalculated by
LibreOffice (as Excel would save it), shows each difference with its cell and cause;
zi's side of every difference is worked out by hand."""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from openpyxl.worksheet.worksheet import Worksheet

from zicli import i18n
from zicli.engine.audit import CellFact, audit
from zicli.engine.score import score
from zicli.loading import load_unit

from .conftest import EXAMPLES, Run
from .libreoffice import recalculate
from .workbooks import answers_of, fill

KUA = EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml"


def _messy() -> bytes:
    answers: dict[str, Any] = dict(answers_of(KUA))
    answers["A.I.1.i.a"] = "Tidak"  # on row 8, whose type the copy spells 'Ya'
    answers["A.I.1.iv.a"] = "Ya "  # a trailing space: Excel's = does not match 'Ya'
    del answers["A.I.1.ii.b"]  # left blank
    answers["A.I.1.i.b"] = "D"  # not an option of A/B/C
    answers["A.II.5.iii.b"] = {
        "lhkasn_administrator": 2,
        "lhkasn_pengawas": 3,
        "lhkasn_fungsional_pelaksana": 8,
        "lhkasn_sudah_melaporkan": 6,
    }

    def edit(ws: Worksheet) -> None:
        ws["K185"] = 12  # the LHKASN total typed in; its parts add up to 13
        ws["L61"] = 4.5  # typed over the area's formula (its questions give 5)

    return fill(answers, edit=edit)


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("audit")
    source = folder / "lke.xlsx"
    source.write_bytes(_messy())
    return recalculate([source], folder / "saved")[0]


def test_audit_finds_each_slip_and_its_cause(messy: Path, zi: Callable[..., Run]) -> None:
    run = zi("audit", str(messy), "--format", "json")
    assert run.code == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["schema"] == "zi.audit/1"
    assert report["criteria"] == "permenpanrb-90-2021"
    assert report["workbook_total"] == "#DIV/0!"
    found = {
        (d["cell"], d["node"]): (d["workbook"], d["zi"], d["cause"]) for d in report["differences"]
    }
    lhkasn = Fraction(6, 13)
    expected: dict[tuple[str, str], tuple[Any, Fraction | None, str]] = {
        ("'LKE ZI'!L8", "A.I.1.i.a"): (
            "-",
            Fraction(0),
            "jenis jawaban baris ini 'Ya', bukan 'Ya/Tidak': rumus nilai buku kerja "
            "tidak mengenalinya",
        ),
        ("'LKE ZI'!L7", "A.I.1.i"): (
            "#DIV/0!",
            Fraction(0),  # Tidak = 0 and the unreadable 'D' counts as blank = 0
            "#DIV/0!: =AVERAGE(L8:L9)*H7 tidak menemukan angka untuk dirata-ratakan (setiap "
            "sel yang dibacanya kosong atau berisi teks): lihat A.I.1.i.a (L8)",
        ),
        ("'LKE ZI'!L19", "A.I.1.iv.a"): (
            "Blm Diisi",
            Fraction(1),
            "jawaban 'Ya ' sebagaimana diketik ada di luar daftar validasi (Ya,Tidak): rumus "
            "buku kerja tidak mengenalinya; zi membacanya sebagai 'Ya'",
        ),
        ("'LKE ZI'!L10", "A.I.1.ii"): (
            1,
            Fraction(2, 3),  # (1 + 0 + 1) / 3 x 1
            "aturan butir kosong yang berbeda: buku kerja hanya merata-ratakan butir yang "
            "dijawab ('Blm Diisi'); zi menghitung butir kosong sebagai 0",
        ),
        ("'LKE ZI'!L61", "A.I.4"): (
            4.5,
            Fraction(5),
            "angka yang diketik di tempat yang seharusnya berisi rumus",
        ),
        ("'LKE ZI'!L171", "A.II.5.ii.a"): (
            "#DIV/0!",
            Fraction(1),  # 0 complaints owed a follow-up: 0/0 -> 1 by the pack's rule
            "#DIV/0!: penyebut nol; peraturan tidak mengaturnya, zi menerapkan aturan paket "
            "kriteria",
        ),
        ("'LKE ZI'!L184", "A.II.5.iii.b"): (
            0.5,
            lhkasn,
            "K185 berisi angka yang diketik (12) di tempat yang seharusnya berisi jumlah "
            "bagian-bagiannya (13)",
        ),
        ("'LKE ZI'!L183", "A.II.5.iii.b"): (
            0.5,
            lhkasn,
            "membawa selisih dari A.II.5.iii.b (L184)",
        ),
        ("'LKE ZI'!L175", "A.II.5.iii"): (
            2,
            1 + lhkasn,  # LHKPN 1/1 x 1 + LHKASN 6/13 x 1
            "rumus melewatkan A.II.5.iii.b (L183) dan membaca A.II.5.iii.a dua kali: "
            "=AVERAGE(L176:L179)*H175",
        ),
        ("'Ctt Eval'!I53", "A.II.5.iii.b"): (
            "#VALUE!",
            lhkasn,
            "#REF!: rumus merujuk ke sel yang sudah dihapus (='lke zi'!#ref!)",
        ),
    }
    for key, (workbook, zi_value, cause) in expected.items():
        assert key in found, key
        got_workbook, got_zi, got_cause = found[key]
        assert got_cause == cause, key
        if isinstance(workbook, str):
            assert got_workbook == workbook, key
        else:
            assert abs(Fraction(str(got_workbook)) - workbook) < Fraction(1, 10**6), key
        assert zi_value is not None
        assert abs(Fraction(str(got_zi)) - zi_value) < Fraction(1, 10**6), key
    carried = [d for d in report["differences"] if (d["cell"], d["node"]) not in expected]
    assert carried and all("terbawa dari" in d["cause"] for d in carried)
    assert {d["cell"] for d in report["formula_slips"]}.isdisjoint(c for c, _ in found)
    # A.I.1.iv averages the three A's the workbook reads, zi all four (the same 1.5): no
    # difference, so none is listed
    assert ("'LKE ZI'!L18", "A.I.1.iv") not in found
    assert [(p["field"], p["sheet"], p["cell"], p["message"]) for p in report["problems"]] == [
        ("answers.A.I.1.i.b", "LKE ZI", "K9", "'D' bukan pilihan jawaban A.I.1.i.b (A/B/C)")
    ]


def test_audit_table_names_cells_and_causes(messy: Path, zi: Callable[..., Run]) -> None:
    run = zi("audit", str(messy))
    assert run.code == 0
    assert "'LKE ZI'!L175  A.II.5.iii: buku kerja 2.000000, zi 1.461538" in run.stdout
    assert (
        "sebab: K185 berisi angka yang diketik (12) di tempat yang seharusnya berisi jumlah "
        "bagian-bagiannya (13)"
    ) in run.stdout


def test_audit_speaks_english_on_request(messy: Path, zi: Callable[..., Run]) -> None:
    english = zi("--lang", "en", "audit", str(messy))
    assert english.code == 0
    assert "'LKE ZI'!L175  A.II.5.iii: workbook 2.000000, zi 1.461538" in english.stdout
    assert (
        "cause: K185 is a typed number (12) where the sum of its parts (13) belongs"
        in english.stdout
    )
    assert "buku kerja 2.000000" in zi("audit", str(messy)).stdout  # Indonesian by default


def test_a_workbook_without_cached_values(tmp_path: Path, zi: Callable[..., Run]) -> None:
    path = tmp_path / "lke.xlsx"
    path.write_bytes(fill(answers_of(KUA)))  # saved by openpyxl: formulas, no values
    run = zi("audit", str(path), "--format", "json")
    report = json.loads(run.stdout)
    assert report["cached_values"] is False
    assert report["workbook_total"] is None
    assert report["differences"] == []
    assert str(report["total"]) == "96.185833"  # the example's total (EXPECTED), 6 places
    table = zi("audit", str(path))
    assert "Tidak ada nilai tersimpan" in table.stdout
    # the formulas are still checked: the real copy's own slips
    assert [(d["cell"], d["node"], d["cause"]) for d in report["formula_slips"]] == [
        (
            "'LKE ZI'!L8",
            "A.I.1.i.a",
            "jenis jawaban baris ini 'Ya', bukan 'Ya/Tidak': rumus nilai buku kerja tidak "
            "mengenalinya",
        ),
        (
            "'LKE ZI'!L175",
            "A.II.5.iii",
            "rumus melewatkan A.II.5.iii.b (L183) dan membaca A.II.5.iii.a dua kali: "
            "=AVERAGE(L176:L179)*H175",
        ),
        (
            "'Ctt Eval'!I53",
            "A.II.5.iii.b",
            "#REF!: rumus merujuk ke sel yang sudah dihapus (='LKE ZI'!#REF!)",
        ),
    ]


def test_pure_audit_on_hand_made_facts() -> None:
    i18n.use("id")  # the engine's texts are in the language in use (an earlier test's may linger)
    loaded = load_unit(str(KUA))
    card = score(loaded.bound)
    skip = score(loaded.bound, "skip")
    facts = [
        CellFact("S!L1", "total", "total", float(card.total), "=SUM(L2)"),
        CellFact("S!L2", "A.I.1.i", "block", 0.25, None),
        CellFact("S!L3", "A.I.1.ii", "block", 1, "=AVERAGE(L4:L6)*H3"),
    ]
    result = audit(card, skip, facts)
    assert [(d.cell, d.cause) for d in result.differences] == [
        ("S!L2", "angka yang diketik di tempat yang seharusnya berisi rumus")
    ]
    assert result.differences[0].zi == Fraction(1, 2)
