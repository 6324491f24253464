"""Bad workbooks are refused with one located line, exit code 2, in bounded time
and memory; formulas are never evaluated (a formula that reaches for another file
is refused, not followed)."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl.worksheet.worksheet import Worksheet

from .conftest import Run
from .workbooks import fill

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


CASES: dict[str, tuple[bytes, str]] = {
    "old.xls": (
        OLE2 + b"\x00" * 600,
        "this is an old Excel 97-2003 workbook (.xls); zi reads .xlsx only (saran: open it in "
        "Excel or LibreOffice and save it as .xlsx (Excel Workbook))",
    ),
    "locked.xlsx": (
        OLE2 + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100,
        "the workbook is password-protected (encrypted); zi cannot read it (saran: open it in "
        "Excel or LibreOffice, remove the password and save a copy as .xlsx)",
    ),
    "text.xlsx": (
        b"criteria: x\n",
        "not an Excel workbook (.xlsx): the file is not a zip package (saran: save the LKE from "
        "Excel or LibreOffice as .xlsx)",
    ),
    "cut.xlsx": (
        b"PK\x03\x04" + b"\x14\x00" * 40,
        "the workbook is damaged (not a readable zip package: File is not a zip file) (saran: "
        "open it in Excel or LibreOffice; if it opens, save a new copy as .xlsx)",
    ),
    "notes.xlsx": (
        _zip({"content.xml": b"<office/>"}),
        "not an Excel workbook (.xlsx): the package has no xl/workbook.xml (saran: an .ods or "
        ".docx file renamed .xlsx? save the LKE from Excel as .xlsx)",
    ),
}
_BOMB = _zip({"xl/workbook.xml": b"<w/>", "xl/worksheets/sheet1.xml": b"\x00" * (4 << 20)})
_PACKED = zipfile.ZipFile(io.BytesIO(_BOMB)).getinfo("xl/worksheets/sheet1.xml").compress_size
CASES["bomb.xlsx"] = (
    _BOMB,
    f"part xl/worksheets/sheet1.xml would unpack to 4,194,304 bytes (packed {_PACKED:,}): "
    "refused as too large or a zip bomb (saran: an LKE worksheet unpacks to well under 1 MB; "
    "check the file's origin)",
)


@pytest.mark.parametrize("name", sorted(CASES))
def test_refused_with_one_located_line(name: str, tmp_path: Path, zi: Callable[..., Run]) -> None:
    data, message = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    started = time.perf_counter()
    run = zi("score", str(path))
    assert time.perf_counter() - started < 5
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr == f"kesalahan: {path}: {message}\n"


def test_a_100_mb_workbook_is_refused_before_it_is_unpacked(
    tmp_path: Path, zi: Callable[..., Run]
) -> None:
    path = tmp_path / "big.xlsx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(100 * 1024 * 1024)
    started = time.perf_counter()
    run = zi("import", str(path))
    assert time.perf_counter() - started < 5
    assert run.code == 2
    # refused by its size on disk, before a byte of it is read
    assert run.stderr == (
        f"kesalahan: {path}: the file is 104,857,600 bytes; the limit is 5,242,880 (saran: an "
        "answer file is a few kilobytes; is this the right file?)\n"
    )


def test_a_large_workbook_read_from_git_is_refused_by_the_guard() -> None:
    from zicli.errors import InputError
    from zicli.loading.readers.xlsx_guard import MAX_FILE_BYTES, check_bytes

    with pytest.raises(InputError) as caught:
        check_bytes(b"PK\x03\x04" + b"\x00" * MAX_FILE_BYTES, "REV:lke.xlsx")
    assert str(caught.value.problems[0]).startswith(
        "REV:lke.xlsx: the workbook is 20 MB, more than the 20 MB an LKE workbook can "
    )


def test_a_formula_reaching_for_another_file_is_refused_at_its_cell(
    tmp_path: Path, zi: Callable[..., Run]
) -> None:
    def edit(ws: Worksheet) -> None:
        ws["K8"] = "=[1]Sheet1!A1"
        ws["L61"] = "='C:\\data\\[lke-2025.xlsx]LKE ZI'!L61"

    path = tmp_path / "linked.xlsx"
    path.write_bytes(fill({}, edit=edit))
    run = zi("import", str(path), "--period", "2026")
    assert run.code == 2
    hint = "(saran: replace it with the value it should hold (Paste Special > Values))"
    assert run.stderr.splitlines() == [
        f"kesalahan: {path}:'LKE ZI'!K8: a formula refers to another file; zi does not follow "
        f"links between files {hint}",
        f"kesalahan: {path}:'LKE ZI'!L61: a formula refers to another file; zi does not follow "
        f"links between files {hint}",
    ]


def test_a_formula_in_an_answer_cell_is_not_evaluated(tmp_path: Path) -> None:
    from zicli.errors import InputError
    from zicli.loading.readers.xlsx import load_workbook_unit

    def edit(ws: Worksheet) -> None:
        ws["K9"] = '=IF(1=1,"A","B")'

    path = tmp_path / "formula.xlsx"
    path.write_bytes(fill({}, edit=edit))
    with pytest.raises(InputError) as caught:
        load_workbook_unit(str(path), period="2026")
    assert [str(p) for p in caught.value.problems] == [
        f'{path}:\'LKE ZI\'!K9: a formula (=IF(1=1,"A","B")) where A.I.1.i.b\'s answer '
        "belongs (saran: type the answer itself; zi never evaluates formulas from a file)"
    ]


def test_a_workbook_with_no_lke_sheet(tmp_path: Path, zi: Callable[..., Run]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Rekap"
    ws["A1"] = "Nama"
    path = tmp_path / "rekap.xlsx"
    wb.save(path)
    run = zi("score", str(path))
    assert run.code == 2
    assert run.stderr == (
        f"kesalahan: {path}: no LKE worksheet found (sheets: 'Rekap') (saran: zi reads the "
        "Lampiran III layout: a sheet such as 'LKE ZI' with the headers Bobot, Pilihan Jawaban, "
        "Jawaban and Nilai)\n"
    )
