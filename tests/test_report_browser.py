"""The HTML pages in a real browser (headless Chromium): no console errors, no
horizontal overflow at A4 width and at 375 px, a sane PDF, screenshots for the README,
the dashboard's script working and its table whole without it.

Skipped with a reason where Chromium is missing; ``ZI_REQUIRE_TOOLS=1`` (set by
``.ci/run``) turns the skip into a failure."""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from . import browser
from .conftest import ROOT

DOCS = ROOT / "docs" / "img"
A4_PX = 794  # 210 mm at 96 px per inch

PAGES = {
    "unit": ["examples/kemenag-min-2-kota-bengkulu-2026q1.yaml"],
    "trend": [
        "examples/kankemenag-kota-bengkulu-2026q1.yaml",
        "examples/kankemenag-kota-bengkulu-2026q2.yaml",
    ],
    "dashboard": ["examples"],
    "hostile": ["tests/data/hostile/hostile-unit.yaml"],
    "hostile-pack": ["tests/data/hostile/hostile-pack-unit.yaml"],
    "hostile-dashboard": ["tests/data/hostile"],
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Every page written once by ``zi report`` (the real console script's code)."""
    from typer.testing import CliRunner

    from zicli.cli import app

    browser.chromium()
    folder = tmp_path_factory.mktemp("pages")
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        out: dict[str, Path] = {}
        for name, args in PAGES.items():
            target = folder / f"{name}.html"
            result = CliRunner().invoke(app, ["report", *args, "-o", str(target)])
            assert result.exit_code == 0, result.stderr
            out[name] = target
        yield out
    finally:
        os.chdir(old)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_console_errors_and_no_overflow(name: str, pages: dict[str, Path]) -> None:
    for width in (1100, A4_PX, 375):
        opened = browser.open_page(pages[name], width=width)
        assert opened.console == [], (width, opened.console)
        assert browser.attribute(opened.dom, "data-overflow") == "0", width


@pytest.mark.parametrize(
    ("name", "low", "high"), [("unit", 6, 30), ("trend", 6, 30), ("dashboard", 1, 8)]
)
def test_prints_to_a_sane_pdf(
    name: str, low: int, high: int, pages: dict[str, Path], tmp_path: Path
) -> None:
    count = browser.pdf_pages(pages[name], tmp_path / f"{name}.pdf")
    assert low <= count <= high, count


@pytest.mark.parametrize("name", ["hostile", "hostile-pack", "hostile-dashboard"])
def test_hostile_page_runs_nothing(name: str, pages: dict[str, Path]) -> None:
    opened = browser.open_page(pages[name], measure=False)
    assert opened.console == []
    dom = opened.dom
    tags = Tags()
    tags.feed(dom)
    scripts = 1 if name == "hostile-dashboard" else 0  # the dashboard's own
    assert dom.count("<script") == scripts
    # no element the hostile strings would make (zi's pages use none of them)
    assert not tags.found & {"img", "iframe", "object", "embed", "base", "b"}
    assert tags.handlers == []
    assert tags.found >= {"table", "svg"}
    assert "alert(" in dom  # there, as text


class Tags(HTMLParser):
    """Element names in a DOM, and any event-handler attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()
        self.handlers: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.add(tag)
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]


# Clicks the headers and types into the filter as a reader would, and writes what the
# table then shows into the page, where the test reads it.
INTERACT = """
function files() {
  return Array.prototype.filter.call(document.querySelectorAll('#units tbody tr'),
    function (r) { return !r.hidden; }).map(function (r) { return r.dataset.ziFile; });
}
var buttons = document.querySelectorAll('#units thead button');
document.body.dataset.initial = files()[0];
buttons[4].click();
document.body.dataset.totalFirstClick = files()[0];
buttons[4].click();
document.body.dataset.totalSecondClick = files()[0];
buttons[0].click();
document.body.dataset.byName = files()[0];
var q = document.getElementById('q');
q.value = 'bengkulu';
q.dispatchEvent(new Event('input'));
var shown = document.getElementById('shown').textContent;
document.body.dataset.filtered = files().length + ' ' + shown;
q.value = '';
q.dispatchEvent(new Event('input'));
var pred = document.getElementById('pred');
pred.value = 'Belum memenuhi';
pred.dispatchEvent(new Event('change'));
document.body.dataset.belum = String(files().length);
"""


def test_dashboard_script_sorts_and_filters(pages: dict[str, Path]) -> None:
    opened = browser.open_page(pages["dashboard"], script=INTERACT)
    assert opened.console == []
    dom = opened.dom
    assert '<div class="controls" id="controls">' in dom  # shown by the script
    assert dom.count("<button") == 8  # every sortable header

    def seen(name: str) -> str | None:
        return browser.attribute(dom, f"data-{name}")

    # the page comes sorted by total, highest first (KUA Selebar 96.19)
    assert seen("initial") == "examples/kua-kecamatan-selebar-2026q1.yaml"
    # a numeric column sorts highest first, then lowest first (MIN 2 80.14)
    assert seen("total-first-click") == "examples/kua-kecamatan-selebar-2026q1.yaml"
    assert seen("total-second-click") == "examples/kemenag-min-2-kota-bengkulu-2026q1.yaml"
    # names sort A-Z: 'Kantor Kementerian Agama Kabupaten Kepahiang' first
    assert seen("by-name") == "examples/kma-kankemenag-kabupaten-kepahiang-2021.yaml"
    # 'bengkulu' names 5 of the 11 units: Kankemenag Kota, Kanwil, MIN 2, MAN 2, MTsN 1
    assert seen("filtered") == "5 5 dari 11 unit"
    assert seen("belum") == "3"


def test_dashboard_without_javascript_keeps_the_table(
    pages: dict[str, Path], tmp_path: Path
) -> None:
    # Headless Chromium cannot dump a page with scripting off, so the page's own script
    # is cut out of a copy: what a reader with JavaScript off gets.
    html = pages["dashboard"].read_text(encoding="utf-8")
    start, end = html.index("<script>"), html.index("</script>") + len("</script>")
    bare = tmp_path / "tanpa-js.html"
    bare.write_text(html[:start] + html[end:], encoding="utf-8")
    opened = browser.open_page(bare, width=375)
    assert opened.console == []
    assert browser.attribute(opened.dom, "data-overflow") == "0"
    assert '<div class="controls" id="controls" hidden="">' in opened.dom
    assert "<button" not in opened.dom
    assert opened.dom.count("data-zi-file=") == 11


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize(
    ("name", "image", "width", "height"),
    [
        ("unit", "laporan-unit.png", 1000, 1500),
        ("dashboard", "dasbor.png", 1200, 1300),
        ("unit", "laporan-unit-375.png", 375, 800),
    ],
)
def test_readme_screenshots(
    name: str, image: str, width: int, height: int, pages: dict[str, Path], tmp_path: Path
) -> None:
    # ZI_UPDATE_SCREENSHOTS=1 rewrites the README's images; otherwise they are checked
    # by size against a fresh screenshot (fonts differ between machines; pixels may too).
    shot = tmp_path / image
    browser.screenshot(pages[name], shot, width, height)
    assert _png_size(shot) == (width, height)
    assert shot.stat().st_size > 20_000  # a page, not a blank or an error
    committed = DOCS / image
    if os.environ.get("ZI_UPDATE_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        committed.write_bytes(shot.read_bytes())
    assert _png_size(committed) == (width, height)
    ratio = shot.stat().st_size / committed.stat().st_size
    assert 0.5 < ratio < 2, ratio
    assert f"docs/img/{image}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_console_lines_are_read() -> None:
    # The check above would pass silently if Chromium's log format changed: a page
    # with an error must be seen.
    assert browser.console_lines(
        '[1:1:1130/063736.216213:INFO:CONSOLE:1] "Uncaught ReferenceError", source: x (1)'
    )


def test_bench_runs(tmp_path: Path) -> None:
    # The README's figures come from this script; a small run checks that it works.
    import subprocess
    import sys

    browser.chromium()

    done = subprocess.run(
        [
            sys.executable,
            "bench/bench_report.py",
            *("--n", "20", "--repeat", "1", "--workdir", str(tmp_path / "bench")),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "building the dashboard (beyond scoring):" in done.stdout
    assert "opens in Chromium" in done.stdout
