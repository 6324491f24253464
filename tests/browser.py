"""Headless Chromium for the HTML tests: open a page, read back its DOM, its console,
a PDF or a screenshot. Tests that need it skip with a reason when Chromium is absent,
unless ZI_REQUIRE_TOOLS=1 (set by .ci/run), where a missing browser is a failure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)

# Written into a copy of a page, so the page itself ships no test code: how far the
# document is wider than the window (0: no horizontal overflow), with every section laid
# out (the dashboard lays out a section only when it comes into view).
MEASURE = (
    "<style>*{content-visibility:visible !important}</style>"
    "<script>document.body.setAttribute('data-overflow', String("
    "document.documentElement.scrollWidth - document.documentElement.clientWidth));"
    "document.body.setAttribute('data-loaded', String(Math.round(performance.now())));"
    "</script>"
)


def chromium() -> str:
    """The Chromium binary; skips the test (fails it under ZI_REQUIRE_TOOLS=1) if absent."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("ZI_REQUIRE_TOOLS") == "1":
        pytest.fail("Chromium is required (ZI_REQUIRE_TOOLS=1) but not installed")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


@dataclass(frozen=True)
class Opened:
    """What Chromium did with a page."""

    dom: str
    console: list[str]
    """Console messages and page errors (script errors, refused content)."""


def _run(args: list[str], timeout: int = 90) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="zi-chromium-") as profile:
        return subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def console_lines(stderr: str) -> list[str]:
    """The page's console messages from Chromium's log (browser noise left out)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def open_page(
    page: Path, width: int = 1100, height: int = 900, measure: bool = True, script: str = ""
) -> Opened:
    """Load ``page`` at a window size: a copy with the measuring script when ``measure``,
    and ``script`` (a test's own, run after the page's) when given."""
    target = page
    with tempfile.TemporaryDirectory(prefix="zi-page-") as folder:
        if measure or script:
            html = page.read_text(encoding="utf-8")
            added = (f"<script>{script}</script>" if script else "") + (MEASURE if measure else "")
            target = Path(folder) / page.name
            target.write_text(html.replace("</body>", added + "</body>"), encoding="utf-8")
        done = _run([f"--window-size={width},{height}", "--dump-dom", target.as_uri()])
    return Opened(done.stdout, console_lines(done.stderr))


def attribute(dom: str, name: str) -> str | None:
    """The value of a body attribute written by the measuring script."""
    found = re.search(rf'<body[^>]*\s{name}="([^"]*)"', dom)
    return found.group(1) if found else None


def pdf_pages(page: Path, out: Path) -> int:
    """Print ``page`` to ``out`` as Chromium's 'Save as PDF' does; the page count."""
    _run(["--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()])
    data = out.read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", data))


def screenshot(page: Path, out: Path, width: int, height: int) -> None:
    """A PNG of the top of ``page`` at a window size."""
    _run([f"--window-size={width},{height}", f"--screenshot={out}", page.as_uri()])
