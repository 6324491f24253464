"""Refusals before a workbook is parsed: what the bytes are, and whether they are
safe to hand to openpyxl in bounded time and memory.

An ``.xlsx`` is a zip of XML parts. Everything here reads only the zip's central
directory (names and declared sizes), never a part's content, so a zip bomb or a
100 MB workbook is refused in milliseconds. Formulas are never evaluated.
"""

from __future__ import annotations

import io
import re
import zipfile

from zicli.errors import InputError, Problem
from zicli.i18n import _

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A filled LKE is some 60 KB to 2 MB (embedded pictures included); 20 MB is generous."""
MAX_PART_BYTES = 64 * 1024 * 1024
"""Uncompressed size of any one part (a worksheet of the LKE is some 300 KB)."""
MAX_TOTAL_BYTES = 160 * 1024 * 1024
"""Uncompressed size of all parts together."""
MAX_RATIO = 200
"""Compression ratio above which a large part is taken for a zip bomb (XML packs
some 5-20 times; a bomb thousands of times)."""
MAX_PARTS = 2000

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_EXTERNAL_PART = re.compile(r"xl/externalLinks/")


def refuse(path: str, message: str, hint: str) -> InputError:
    """One located refusal for the file as a whole."""
    return InputError([Problem(message, file=path, hint=hint)])


def check_bytes(data: bytes, path: str) -> zipfile.ZipFile:
    """The workbook's zip, opened, if the bytes are a plausible and safe ``.xlsx``;
    otherwise an :class:`InputError` saying what the file is and what to do."""
    if len(data) > MAX_FILE_BYTES:
        raise refuse(
            path,
            _(
                "the workbook is {size:.0f} MB, more than the {limit} MB an LKE workbook "
                "can plausibly be"
            ).format(size=len(data) / 1024 / 1024, limit=MAX_FILE_BYTES // 1024 // 1024),
            _("remove embedded pictures or scans (link the data dukung instead) and save again"),
        )
    if data.startswith(_OLE2):
        if _ENCRYPTED in data:
            raise refuse(
                path,
                _("the workbook is password-protected (encrypted); zi cannot read it"),
                _("open it in Excel or LibreOffice, remove the password and save a copy as .xlsx"),
            )
        raise refuse(
            path,
            _("this is an old Excel 97-2003 workbook (.xls); zi reads .xlsx only"),
            _("open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook)"),
        )
    if not data.startswith(b"PK"):
        raise refuse(
            path,
            _("not an Excel workbook (.xlsx): the file is not a zip package"),
            _("save the LKE from Excel or LibreOffice as .xlsx"),
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise refuse(
            path,
            # zipfile's own words for a file that is no zip at all add nothing to ours
            _("the workbook is damaged (not a readable zip package)")
            if isinstance(exc, zipfile.BadZipFile) and str(exc) == "File is not a zip file"
            else _("the workbook is damaged (not a readable zip package: {reason})").format(
                reason=exc
            ),
            _("open it in Excel or LibreOffice; if it opens, save a new copy as .xlsx"),
        ) from None
    if len(infos) > MAX_PARTS:
        raise refuse(
            path,
            _("the workbook has {count} parts").format(count=len(infos)),
            _("not an LKE workbook"),
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise refuse(
                path,
                _(
                    "part {part} would unpack to {size:,} bytes (packed {packed:,}): "
                    "refused as too large or a zip bomb"
                ).format(part=info.filename, size=info.file_size, packed=info.compress_size),
                _("an LKE worksheet unpacks to well under 1 MB; check the file's origin"),
            )
        if total > MAX_TOTAL_BYTES:
            raise refuse(
                path,
                _("the workbook would unpack to more than {limit} MB").format(
                    limit=MAX_TOTAL_BYTES // 1024 // 1024
                ),
                _("refused as too large or a zip bomb; check the file's origin"),
            )
    names = {info.filename for info in infos}
    if "EncryptedPackage" in names:  # pragma: no cover - encrypted files are OLE2, above
        raise refuse(path, _("the workbook is encrypted"), _("remove the password and save again"))
    if "xl/workbook.xml" not in names:
        raise refuse(
            path,
            _("not an Excel workbook (.xlsx): the package has no xl/workbook.xml"),
            _("an .ods or .docx file renamed .xlsx? save the LKE from Excel as .xlsx"),
        )
    return archive


def external_parts(archive: zipfile.ZipFile) -> list[str]:
    """Parts that link formulas to other files (``xl/externalLinks/...``)."""
    return sorted(n for n in archive.namelist() if _EXTERNAL_PART.match(n))
