"""Benchmark ``zi report`` on a folder: the dashboard of N units.

Usage: python bench/bench_report.py [--n 1000] [--repeat 3] [--workdir /tmp/zi-bench-report]

Prints the time to read and score the files (what ``zi score`` does too), the time zi
takes beyond that to build the page (view, charts, template, the text written), the
page's size, and how long Chromium takes to open it (navigation to the end of the
page's parsing and first layout, read in the page; best of ``--repeat``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

from zicli.loading import load_unit
from zicli.loading.discover import discover
from zicli.render.dashboard import Dashboard
from zicli.render.dashboard.html import dashboard

MEASURE = (
    "<script>document.body.setAttribute('data-overflow', String("
    "document.documentElement.scrollWidth - document.documentElement.clientWidth));"
    "document.body.setAttribute('data-loaded', String(Math.round(performance.now())));"
    "</script>"
)


def open_ms(page: Path) -> int:
    """Milliseconds from navigation to the end of parsing and first layout in Chromium."""
    html = page.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "page.html"
        copy.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
        done = subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={folder}/profile",
                "--window-size=1400,900",
                "--dump-dom",
                copy.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    found = re.search(r'data-loaded="(\d+)"', done.stdout)
    assert found, "the page did not load"
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/zi-bench-report"))
    args = parser.parse_args()
    units = args.workdir / "units"
    shutil.rmtree(args.workdir, ignore_errors=True)
    generate(args.n, units)
    files = discover([str(units)])
    scoring, building = [], []
    page = ""
    for _ in range(args.repeat):
        start = time.perf_counter()
        results = tuple(load_unit(f).assess() for f in files)
        scoring.append(time.perf_counter() - start)
        start = time.perf_counter()
        page = dashboard(Dashboard(results))
        building.append(time.perf_counter() - start)
    out = args.workdir / "dasbor.html"
    out.write_text(page, encoding="utf-8")
    size = out.stat().st_size
    opened = min(open_ms(out) for _ in range(args.repeat))
    print(f"units: {args.n}  python: {sys.version.split()[0]}")
    print(f"reading and scoring: {min(scoring):.2f} s")
    print(f"building the dashboard (beyond scoring): {min(building):.2f} s")
    print(f"page size: {size / 1e6:.2f} MB")
    print(f"opens in Chromium (parse and first layout): {opened} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
