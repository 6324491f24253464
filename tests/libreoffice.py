"""LibreOffice headless as an independent calculator: it opens a workbook, computes
every formula and saves the values, which the tests then compare with zi's.

Tests that need it skip with a reason where it is not installed, except when
``ZI_REQUIRE_TOOLS=1`` (set by ``.ci/run``), where a missing tool fails them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest


def soffice() -> str:
    """The LibreOffice binary, or a skip (a failure under ZI_REQUIRE_TOOLS=1)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        message = "LibreOffice (soffice) is not installed; apt-get install libreoffice-calc-nogui"
        if os.environ.get("ZI_REQUIRE_TOOLS") == "1":
            pytest.fail(message + " (ZI_REQUIRE_TOOLS=1: CI must run these tests)")
        pytest.skip(message)
    return found


def recalculate(files: Sequence[Path], outdir: Path) -> list[Path]:
    """Each workbook opened, recalculated and saved again as .xlsx by LibreOffice."""
    binary = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zi-lo-profile-") as profile:
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--calc",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                str(outdir),
                *(str(f) for f in files),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    out = [outdir / f.name for f in files]
    missing = [p for p in out if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return out
