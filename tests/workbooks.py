"""Filling the real blank unit copy of the Lampiran III workbook, as units fill it.

``BLANK`` is one unit's copy of the official workbook with its answers removed
(formulas, validations and that unit's own slips kept). The rows below were read
off the copy by eye, independently of zi's reader: which row holds which question
and which ``Jumlah`` row holds which count.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from zicli.errors import ProblemSink
from zicli.loading.yamlsafe import read_document

BLANK = (
    Path(__file__).resolve().parent
    / "data"
    / "workbooks"
    / ("lampiran-iii-90-2021-unit-copy-blank.xlsx")
)
SHEET = "LKE ZI"

# Question id -> row in the blank copy (90/2021 pack order).
ROWS_90: dict[str, int] = {
    **dict(
        zip(
            [f"A.I.1.i.{x}" for x in "ab"]
            + [f"A.I.1.ii.{x}" for x in "abc"]
            + [f"A.I.1.iii.{x}" for x in "abc"]
            + [f"A.I.1.iv.{x}" for x in "abcd"],
            [8, 9, 11, 12, 13, 15, 16, 17, 19, 20, 21, 22],
            strict=True,
        )
    ),
    **dict(
        zip(
            [f"A.I.2.i.{x}" for x in "abc"]
            + [f"A.I.2.ii.{x}" for x in "abcd"]
            + [f"A.I.2.iii.{x}" for x in "ab"],
            [25, 26, 27, 29, 30, 31, 32, 34, 35],
            strict=True,
        )
    ),
    **dict(
        zip(
            [f"A.I.3.i.{x}" for x in "abc"]
            + [f"A.I.3.ii.{x}" for x in "abc"]
            + [f"A.I.3.iii.{x}" for x in "abcdef"]
            + [f"A.I.3.iv.{x}" for x in "abcd"]
            + ["A.I.3.v.a", "A.I.3.vi.a"],
            [38, 39, 40, 42, 43, 44, 46, 47, 48, 49, 50, 51, 53, 54, 55, 56, 58, 60],
            strict=True,
        )
    ),
    **dict(
        zip(
            [f"A.I.4.i.{x}" for x in "abc"] + [f"A.I.4.ii.{x}" for x in "abcdefgh"],
            [63, 64, 65, 67, 68, 69, 70, 71, 72, 73, 74],
            strict=True,
        )
    ),
    **dict(
        zip(
            [f"A.I.5.i.{x}" for x in "ab"]
            + [f"A.I.5.ii.{x}" for x in "abcd"]
            + [f"A.I.5.iii.{x}" for x in "abcd"]
            + [f"A.I.5.iv.{x}" for x in "abc"]
            + [f"A.I.5.v.{x}" for x in "abcde"],
            [77, 78, 80, 81, 82, 83, 85, 86, 87, 88, 91, 92, 93, 95, 96, 97, 98, 99],
            strict=True,
        )
    ),
    **dict(
        zip(
            [f"A.I.6.i.{x}" for x in "abcd"]
            + [f"A.I.6.ii.{x}" for x in "abcdef"]
            + [f"A.I.6.iii.{x}" for x in "abc"]
            + [f"A.I.6.iv.{x}" for x in "abc"]
            + ["A.I.6.v.a", "A.I.6.v.c", "A.I.6.v.b"],
            [
                102,
                103,
                104,
                105,
                107,
                108,
                109,
                110,
                111,
                112,
                114,
                115,
                116,
                118,
                119,
                120,
                122,
                123,
                124,
            ],
            strict=True,
        )
    ),
    "A.II.1.i.a": 128,
    "A.II.1.i.b": 131,
    "A.II.1.ii.a": 135,
    "A.II.1.iii.a": 137,
    "A.II.2.i.a": 140,
    "A.II.2.ii.a": 142,
    "A.II.2.ii.b": 143,
    "A.II.2.iii.a": 145,
    "A.II.2.iii.b": 146,
    "A.II.2.iii.c": 147,
    "A.II.3.i.a": 150,
    "A.II.3.ii.a": 152,
    "A.II.3.iii.a": 154,
    "A.II.4.i.a": 160,
    "A.II.4.ii.a": 164,
    "A.II.4.iii.a": 166,
    "A.II.5.i.a": 169,
    "A.II.5.ii.a": 171,
    "A.II.5.iii.a": 177,
    "A.II.5.iii.b": 184,
    "A.II.6.i.a": 192,
    "A.II.6.i.b": 193,
    "A.II.6.ii.a": 197,
    "B.I.a": 202,
    "B.I.b": 203,
    "B.II.a": 205,
}

# (question id, count field) -> row of its Jumlah cell.
COUNT_ROWS_90: dict[tuple[str, str], int] = {
    ("A.II.1.i.a", "jumlah_agen_perubahan"): 129,
    ("A.II.1.i.a", "jumlah_perubahan_dibuat"): 130,
    ("A.II.1.i.b", "jumlah_perubahan_dibuat"): 132,
    ("A.II.1.i.b", "jumlah_perubahan_terintegrasi"): 133,
    ("A.II.3.iii.a", "jumlah_pelanggaran_tahun_sebelumnya"): 155,
    ("A.II.3.iii.a", "jumlah_pelanggaran_tahun_ini"): 156,
    ("A.II.3.iii.a", "jumlah_pelanggaran_disanksi"): 157,
    ("A.II.4.i.a", "jumlah_sasaran_kinerja"): 161,
    ("A.II.4.i.a", "jumlah_sasaran_tercapai_100"): 162,
    ("A.II.5.ii.a", "jumlah_pengaduan_harus_ditindaklanjuti"): 172,
    ("A.II.5.ii.a", "jumlah_pengaduan_sedang_diproses"): 173,
    ("A.II.5.ii.a", "jumlah_pengaduan_selesai"): 174,
    ("A.II.5.iii.a", "lhkpn_kepala_satuan_kerja"): 179,
    ("A.II.5.iii.a", "lhkpn_pejabat_wajib"): 180,
    ("A.II.5.iii.a", "lhkpn_lainnya"): 181,
    ("A.II.5.iii.a", "lhkpn_sudah_melaporkan"): 182,
    ("A.II.5.iii.b", "lhkasn_administrator"): 186,
    ("A.II.5.iii.b", "lhkasn_pengawas"): 187,
    ("A.II.5.iii.b", "lhkasn_fungsional_pelaksana"): 188,
    ("A.II.5.iii.b", "lhkasn_sudah_melaporkan"): 189,
    ("A.II.6.i.b", "jumlah_layanan_terdata"): 194,
    ("A.II.6.i.b", "jumlah_layanan_dipermudah"): 195,
}


def answers_of(path: Path) -> dict[str, Any]:
    """The raw ``answers`` mapping of an example answer file."""
    doc = read_document(path.read_bytes(), str(path), ProblemSink(str(path)))
    assert doc is not None and isinstance(doc.root, dict)
    answers = doc.root.get("answers") or {}
    assert isinstance(answers, dict)
    return answers


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def fill(
    answers: Mapping[str, Any],
    *,
    edit: Callable[[Worksheet], None] | None = None,
    notes: bool = True,
) -> bytes:
    """The blank copy with ``answers`` typed in (K), notes in O, data dukung in P and
    links in Q with a cell hyperlink, then ``edit`` applied; as .xlsx bytes."""
    wb = load_workbook(BLANK)
    ws = wb[SHEET]
    for qid, given in answers.items():
        answer = given
        note = None
        evidence: list[str] = []
        if isinstance(given, dict) and "answer" in given:
            note = given.get("note")
            evidence = list(given.get("evidence") or ())
            answer = given["answer"]
        row = ROWS_90[qid]
        if isinstance(answer, dict):
            for fld, count in answer.items():
                ws.cell(COUNT_ROWS_90[qid, fld], 11).value = _cell_value(count)
        elif answer is not None:
            ws.cell(row, 11).value = _cell_value(answer)
        if notes and note:
            _text(ws, row, 15, note)
        files = [e for e in evidence if not e.startswith("http")]
        links = [e for e in evidence if e.startswith("http")]
        if notes and files:
            _text(ws, row, 16, "\n".join(files))
        if notes and links:
            ws.cell(row, 17).value = links[0]
            ws.cell(row, 17).hyperlink = links[0]
    if edit is not None:
        edit(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _text(ws: Worksheet, row: int, col: int, text: str) -> None:
    """A text cell, as Excel stores typed text (openpyxl would take '=...' for a formula)."""
    cell = ws.cell(row, col)
    cell.value = text
    cell.data_type = "s"


def read_values(data: bytes, sheet: str = SHEET) -> Worksheet:
    """A workbook's sheet with cached values (as LibreOffice saved them)."""
    wb = load_workbook(io.BytesIO(data), data_only=True)
    ws = wb[sheet]
    return ws


def insert_rows(ws: Worksheet, at: int, amount: int = 1) -> None:
    """Insert rows as Excel does, merged cells moving with their rows (openpyxl's
    own insert_rows leaves merged ranges behind)."""
    _shift_merged(ws, at, amount)
    ws.insert_rows(at, amount)


def delete_rows(ws: Worksheet, at: int, amount: int = 1) -> None:
    """Delete rows as Excel does (merged ranges inside them go, later ones move up)."""
    for merged in list(ws.merged_cells.ranges):
        if at <= merged.min_row < at + amount:
            ws.unmerge_cells(str(merged))
    ws.delete_rows(at, amount)
    _shift_merged(ws, at + amount, -amount, deleted=True)


def _shift_merged(ws: Worksheet, at: int, amount: int, *, deleted: bool = False) -> None:
    moving = [m for m in ws.merged_cells.ranges if m.min_row >= at]
    for merged in moving:
        ws.merged_cells.remove(merged)
    for merged in moving:
        merged.shift(0, amount)
        ws.merged_cells.add(merged)
