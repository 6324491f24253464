"""Batch benchmark: zi against the floor of merely parsing the same files.

Usage: python bench/run.py [--sizes 1000 10000] [--repeat 3] [--workdir DIR] [--startup-only]

For each size N it generates N answer files (bench/generate.py, fixed seed), then
measures on the same files, alternating runs:
  (a) the floor: bench/floor.py, PyYAML's C loader, one core, parse only;
  (b) zi: ``zi score DIR --format jsonl > /dev/null`` with the default --jobs.
It reports the best wall time of each, the ratio b/a, files per second, and the
peak resident memory of zi's whole process tree (sampled from /proc). Then it
compares start-up: ``zi score`` on one small file (json and table) against a typer
command that does nothing, the least any such run costs (a typer command that only
reads the file; one that also makes zi's model classes: bench/noop_typer.py), and
Python importing the dependency modules that run loads (bench/deps.py); wall and
CPU time.
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


def cpu_ms(cmd: list[str]) -> float:
    """CPU milliseconds (user + system) of one run: steadier than wall time on a
    machine other jobs share."""
    with subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
        _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed")
    return (usage.ru_utime + usage.ru_stime) * 1000


def bench_startup(repeat: int) -> dict[str, tuple[float, float]]:
    """One small file end to end, against what any such run must cost: a typer
    command that does nothing (with and without ``zi score``'s parameters), one that
    only reads the file with PyYAML's C loader, and one that also makes zi's pydantic
    model classes (``bench/noop_typer.py``); and against Python importing the
    dependency modules the run loads (``bench/deps.py``). Runs alternate; each
    figure is the median of ``repeat``, as (wall ms, CPU ms)."""
    small = str(ROOT / "examples" / "kua-kecamatan-selebar-2026q1.yaml")
    noop = [sys.executable, str(HERE / "noop_typer.py")]
    runs = {
        "imports": [sys.executable, "-c", "import typer, rich, pydantic, yaml"],
        "noop": [*noop, "score"],
        "noop_options": [*noop, "score-options", small],
        "read": [*noop, "score-read", small],
        "read_models": [*noop, "score-read-models", small],
        "deps_json": [sys.executable, "-c", "import " + _dependencies(small, "--format", "json")],
        "deps_table": [sys.executable, "-c", "import " + _dependencies(small)],
        "score_json": [*ZI, "score", small, "--format", "json"],
        "score_table": [*ZI, "score", small],
    }
    walls: dict[str, list[float]] = {k: [] for k in runs}
    cpus: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(repeat):
        for key, cmd in runs.items():
            walls[key].append(timed(cmd)[0] * 1000)
            cpus[key].append(cpu_ms(cmd))
    return {k: (statistics.median(walls[k]), statistics.median(cpus[k])) for k in runs}


def report_startup(s: dict[str, tuple[float, float]]) -> None:
    """Print :func:`bench_startup`'s figures, each also as a ratio to the typer
    command that does nothing."""
    labels = {
        "imports": "import typer, rich, pydantic, yaml",
        "noop": "a typer command that does nothing",
        "noop_options": "  the same, with zi score's 17 parameters",
        "read": "a typer command that only reads the file (PyYAML, C loader)",
        "read_models": "  the same, and makes zi's pydantic model classes",
        "deps_json": "importing the dependency modules zi score -f json loads",
        "deps_table": "importing the dependency modules zi score (table) loads",
        "score_json": "zi score FILE --format json",
        "score_table": "zi score FILE (table)",
    }
    wall0, cpu0 = s["noop"]
    print("start-up, one small file (median; ratio to the typer command that does nothing):")
    print(f"  {'':62} {'wall ms':>8} {'ratio':>6} {'CPU ms':>8} {'ratio':>6}")
    for key, label in labels.items():
        wall, cpu = s[key]
        print(f"  {label:62} {wall:>8.0f} {wall / wall0:>6.2f} {cpu:>8.0f} {cpu / cpu0:>6.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/zi-bench"))
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument(
        "--startup-only", action="store_true", help="measure start-up only (no batch)"
    )
    parser.add_argument(
        "--startup-repeat",
        type=int,
        default=0,
        help="start-up runs (default: 3 x --repeat, 9 at least)",
    )
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"cpus: {os.cpu_count()}  python: {sys.version.split()[0]}")
    sizes = [] if args.startup_only else args.sizes
    if sizes:
        print(f"{'N':>7} {'floor s':>8} {'zi s':>8} {'ratio':>6} {'files/s':>8} {'peak MB':>8}")
    for n in sizes:
        r = bench_size(n, args.repeat, args.workdir)
        print(
            f"{r['n']:>7} {r['floor_s']:>8.2f} {r['zi_s']:>8.2f} {r['ratio']:>6.2f} "
            f"{r['files_per_s']:>8.0f} {r['peak_mb']:>8.1f}"
        )
    report_startup(bench_startup(args.startup_repeat or max(9, args.repeat * 3)))
    if not args.keep:
        shutil.rmtree(args.workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
