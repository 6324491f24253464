"""Batch benchmark: zi against the floor of merely parsing the same files.

Usage: python bench/run.py [--sizes 1000 10000] [--repeat 3] [--workdir DIR]

For each size N it generates N answer files (bench/generate.py, fixed seed), then
measures on the same files, alternating runs:
  (a) the floor: bench/floor.py, PyYAML's C loader, one core, parse only;
  (b) zi: ``zi score DIR --format jsonl > /dev/null`` with the default --jobs.
It reports the best wall time of each, the ratio b/a, files per second, and the
peak resident memory of zi's whole process tree (sampled from /proc). Then it
compares start-up: ``zi score`` on one small file (json and table) against Python
importing the dependency modules that run loads, and nothing else (bench/deps.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ZI = [sys.executable, "-m", "zicli"]


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in kB."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    stack += [int(c) for c in handle.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def timed(cmd: list[str], *, sample: bool = False) -> tuple[float, int]:
    """Wall seconds and peak tree RSS (kB, 0 when not sampled) of one run."""
    start = time.perf_counter()
    with subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
        peak = 0
        if sample:
            done = threading.Event()

            def poll() -> None:
                nonlocal peak
                while not done.is_set():
                    peak = max(peak, _tree_rss_kb(proc.pid))
                    time.sleep(0.02)

            thread = threading.Thread(target=poll, daemon=True)
            thread.start()
            proc.wait()
            done.set()
            thread.join()
        code = proc.wait()
    elapsed = time.perf_counter() - start
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {code}")
    return elapsed, peak


def bench_size(n: int, repeat: int, workdir: Path) -> dict[str, float]:
    """Floor and zi on N generated files."""
    folder = workdir / f"units-{n}"
    if not folder.is_dir():
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(n), str(folder)], check=True)
    floor_times, zi_times, peaks = [], [], []
    for _ in range(repeat):
        floor_times.append(timed([sys.executable, str(HERE / "floor.py"), str(folder)])[0])
        seconds, peak = timed([*ZI, "score", str(folder), "--format", "jsonl"], sample=True)
        zi_times.append(seconds)
        peaks.append(peak)
    floor, zi = min(floor_times), min(zi_times)
    return {
        "n": n,
        "floor_s": floor,
        "zi_s": zi,
        "ratio": zi / floor,
        "files_per_s": n / zi,
        "peak_mb": max(peaks) / 1024,
    }


def _dependencies(*args: str) -> str:
    """The dependency modules ``zi score ARGS`` imports (see bench/deps.py)."""
    done = subprocess.run(
        [sys.executable, str(HERE / "deps.py"), *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def bench_startup(repeat: int) -> dict[str, float]:
    """One small file end to end against Python importing zi's dependencies: the
    modules that very run imports from typer, pydantic, rich and PyYAML (typer builds
    pydantic adapters for the parameters at run time, so most of pydantic is loaded
    even for a command with none), and, for reference, their top-level packages
    (``import pydantic`` is lazy and loads little) and a typer command that does
    nothing."""
    small = str(ROOT / "examples" / "kua-kecamatan-selebar-2026q1.yaml")
    runs = {
        "imports_s": [sys.executable, "-c", "import typer, rich, pydantic, yaml"],
        "noop_typer_s": [sys.executable, str(HERE / "noop_typer.py"), "score"],
        "noop_options_s": [sys.executable, str(HERE / "noop_typer.py"), "score-options", small],
        "deps_json_s": [sys.executable, "-c", "import " + _dependencies(small, "--format", "json")],
        "deps_table_s": [sys.executable, "-c", "import " + _dependencies(small)],
        "score_json_s": [*ZI, "score", small, "--format", "json"],
        "score_table_s": [*ZI, "score", small],
    }
    times: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(repeat):
        for key, cmd in runs.items():
            times[key].append(timed(cmd)[0])
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/zi-bench"))
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"cpus: {os.cpu_count()}  python: {sys.version.split()[0]}")
    print(f"{'N':>7} {'floor s':>8} {'zi s':>8} {'ratio':>6} {'files/s':>8} {'peak MB':>8}")
    for n in args.sizes:
        r = bench_size(n, args.repeat, args.workdir)
        print(
            f"{r['n']:>7} {r['floor_s']:>8.2f} {r['zi_s']:>8.2f} {r['ratio']:>6.2f} "
            f"{r['files_per_s']:>8.0f} {r['peak_mb']:>8.1f}"
        )
    s = bench_startup(max(9, args.repeat * 3))
    print(
        f"start-up (median): import typer, rich, pydantic, yaml {s['imports_s'] * 1000:.0f} ms; "
        f"a typer command that does nothing {s['noop_typer_s'] * 1000:.0f} ms, "
        f"the same with zi score's parameters {s['noop_options_s'] * 1000:.0f} ms"
    )
    for fmt in ("json", "table"):
        deps, zi = s[f"deps_{fmt}_s"], s[f"score_{fmt}_s"]
        print(
            f"  zi score one file, {fmt}: {zi * 1000:.0f} ms; importing the dependencies it "
            f"loads {deps * 1000:.0f} ms; ratio {zi / deps:.2f} "
            f"({zi / s['imports_s']:.2f}x the top-level imports; "
            f"{zi / s['noop_typer_s']:.2f}x the typer command that does nothing, "
            f"{zi / s['noop_options_s']:.2f}x the one with zi score's parameters)"
        )
    if not args.keep:
        shutil.rmtree(args.workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
