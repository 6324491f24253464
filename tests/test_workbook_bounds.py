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
        "ini buku kerja Excel 97-2003 lama (.xls); zi hanya membaca .xlsx (saran: buka di "
        "Excel atau LibreOffice lalu simpan sebagai .xlsx (Excel Workbook))",
    ),
    "locked.xlsx": (
        OLE2 + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100,
        "buku kerja dilindungi kata sandi (terenkripsi); zi tidak dapat membacanya (saran: buka "
        "di Excel atau LibreOffice, hapus kata sandinya, lalu simpan salinannya sebagai .xlsx)",
    ),
    "text.xlsx": (
        b"criteria: x\n",
        "bukan buku kerja Excel (.xlsx): berkas ini bukan paket zip (saran: simpan LKE dari "
        "Excel atau LibreOffice sebagai .xlsx)",
    ),
    "cut.xlsx": (
        b"PK\x03\x04" + b"\x14\x00" * 40,
        "buku kerja rusak (bukan paket zip yang dapat dibaca) (saran: "
        "buka di Excel atau LibreOffice; jika bisa dibuka, simpan salinan baru sebagai .xlsx)",
    ),
    "notes.xlsx": (
        _zip({"content.xml": b"<office/>"}),
        "bukan buku kerja Excel (.xlsx): paketnya tidak memuat xl/workbook.xml (saran: berkas "
        ".ods atau .docx yang diganti namanya menjadi .xlsx? simpan LKE dari Excel sebagai .xlsx)",
    ),
}
_BOMB = _zip({"xl/workbook.xml": b"<w/>", "xl/worksheets/sheet1.xml": b"\x00" * (4 << 20)})
_PACKED = zipfile.ZipFile(io.BytesIO(_BOMB)).getinfo("xl/worksheets/sheet1.xml").compress_size
CASES["bomb.xlsx"] = (
    _BOMB,
    f"bagian xl/worksheets/sheet1.xml akan terbuka menjadi 4,194,304 byte (terkemas {_PACKED:,}): "
    "ditolak karena terlalu besar atau bom zip (saran: lembar LKE jauh di bawah 1 MB setelah "
    "dibuka; periksa asal berkas ini)",
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
        f"kesalahan: {path}: berkas berukuran 104,857,600 byte; batasnya 5,242,880 (saran: berkas "
        "jawaban hanya beberapa kilobyte; benarkah ini berkasnya?)\n"
    )


def test_a_large_workbook_read_from_git_is_refused_by_the_guard() -> None:
    from zicli.errors import InputError
    from zicli.loading.readers.xlsx_guard import MAX_FILE_BYTES, check_bytes

    with pytest.raises(InputError) as caught:
        check_bytes(b"PK\x03\x04" + b"\x00" * MAX_FILE_BYTES, "REV:lke.xlsx")
    assert str(caught.value.problems[0]).startswith(
        "REV:lke.xlsx: buku kerja berukuran 20 MB, lebih dari 20 MB yang wajar untuk buku kerja "
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
    hint = "(saran: ganti dengan nilai yang seharusnya (Paste Special > Values))"
    assert run.stderr.splitlines() == [
        f"kesalahan: {path}:'LKE ZI'!K8: rumus merujuk ke berkas lain; zi tidak mengikuti tautan "
        f"antarberkas {hint}",
        f"kesalahan: {path}:'LKE ZI'!L61: rumus merujuk ke berkas lain; zi tidak mengikuti tautan "
        f"antarberkas {hint}",
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
        f'{path}:\'LKE ZI\'!K9: ada rumus (=IF(1=1,"A","B")) di tempat jawaban A.I.1.i.b '
        "(saran: ketik jawabannya langsung; zi tidak pernah menghitung rumus dari berkas)"
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
        f"kesalahan: {path}: lembar LKE tidak ditemukan (lembar yang ada: 'Rekap') (saran: "
        f"zi membaca "
        "tata letak Lampiran III: lembar seperti 'LKE ZI' dengan judul kolom Bobot, Pilihan "
        "Jawaban, Jawaban dan Nilai)\n"
    )
