"""bench/xlsx.py runs as README's Performance section says (not timed here)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_workbook_bench_runs_on_a_few_files() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "xlsx.py"), "--count", "4"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "4 workbooks, one core unless said"
    assert [line.split("  ")[0] for line in lines[1:5]] == [
        "(a) open (openpyxl read-only)",
        "(b) open and parse every row",
        "(c) zi: read, match, bind, score",
        "(d) zi score DIR (default --jobs)",
    ]
    assert lines[5].startswith("(c) / (b) = ")
