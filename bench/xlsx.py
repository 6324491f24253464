"""Workbook benchmark: importing and scoring LKE workbooks against merely opening them.

Usage: python bench/xlsx.py [--count 1000] [--workdir DIR]

It writes COUNT workbooks (half exported by ``zi export`` from the shipped examples,
half the real blank unit copy of tests/data filled with the 90/2021 examples), then
measures on the same files, one core, in this process:
  (a) open: openpyxl's streaming (read-only) load, the reader zi uses;
  (b) open and parse: (a) plus reading every row of the LKE sheet, the floor of any
      reader built on openpyxl;
  (c) zi: read, match every row to the pack, bind and score (load_workbook_unit and
      assess), what ``zi score LKE.xlsx`` does;
and (d) ``zi score DIR --format jsonl`` on the whole folder with the default --jobs.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))


def generate(folder: Path, count: int) -> list[Path]:
    """COUNT workbooks in ``folder`` (cycling over the examples)."""
    from tests.workbooks import answers_of, fill

    from zicli.loading import load_unit
    from zicli.render.workbook import export_workbook

    examples = sorted((ROOT / "examples").glob("*.yaml"))
    made: list[bytes] = []
    for path in examples:
        loaded = load_unit(str(path))
        unit = loaded.data.unit
        made.append(
            export_workbook(
                loaded.index,
                loaded.answers,
                {"name": unit.name, "instansi": unit.instansi, "period": unit.period},
            )
        )
        if loaded.index.id in ("permenpanrb-90-2021", "kemenag-90-2021"):
            made.append(fill(answers_of(path)))
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        path = folder / f"lke-{i:05d}-2026-Q1.xlsx"
        path.write_bytes(made[i % len(made)])
        out.append(path)
    return out


def _open(files: list[Path], parse: bool) -> float:
    from openpyxl import load_workbook

    started = time.perf_counter()
    for path in files:
        wb = load_workbook(io.BytesIO(path.read_bytes()), read_only=True, keep_links=False)
        if parse:
            for _ in wb["LKE ZI"].iter_rows(values_only=True):
                pass
        wb.close()
    return time.perf_counter() - started


def _zi(files: list[Path]) -> float:
    from zicli.loading.readers.xlsx import load_workbook_unit

    started = time.perf_counter()
    for path in files:
        loaded, _ = load_workbook_unit(str(path))
        loaded.assess()
    return time.perf_counter() - started


def _batch(folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "zicli", "score", str(folder), "--format", "jsonl"],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    return time.perf_counter() - started


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="zi-bench-xlsx-"))
    try:
        files = generate(work / "lke", args.count)
        _zi(files[:3])  # warm: packs loaded and cached, modules imported
        opened = _open(files, parse=False)
        parsed = _open(files, parse=True)
        scored = _zi(files)
        batch = _batch(work / "lke")
        n = len(files)
        print(f"{n} workbooks, one core unless said")
        for label, seconds in (
            ("(a) open (openpyxl read-only)", opened),
            ("(b) open and parse every row", parsed),
            ("(c) zi: read, match, bind, score", scored),
            ("(d) zi score DIR (default --jobs)", batch),
        ):
            print(f"{label:38} {seconds:8.1f} s  {n / seconds:7.1f} files/s")
        print(f"(c) / (b) = {scored / parsed:.2f}   (c) / (a) = {scored / opened:.2f}")
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
