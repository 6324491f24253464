"""Issue 12, bounded resources: ``zi plan`` on any valid file of a shipped pack,
counts as large as 10^7 included, within 10 s and 500 MB (run in a child process,
its peak memory read from the OS)."""

from __future__ import annotations

import itertools
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zicli.engine.plan.moves import MAX_COUNT_MOVES, _count_steps
from zicli.loading import load_criteria

from .conftest import ROOT

PACKS = sorted(p.stem for p in (ROOT / "criteria").glob("*.yaml"))
BIG = 10**7


def _answer_file(path: Path, pack: str, pattern: int) -> None:
    """Every computed question of ``pack`` with counts of 0 and 10^7 (which field gets
    which follows ``pattern``), every other question blank."""
    index = load_criteria(pack)
    lines = [f"criteria: {pack}", "unit:", "  name: Uji", '  period: "2026-Q1"', "answers:"]
    for qid, ratio in index.ratios.items():
        fields = ratio.spec.fields()
        counts = {f: BIG if (i + pattern) % 2 == 0 else 0 for i, f in enumerate(fields)}
        lines.append(f"  {qid}: {json.dumps(counts)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _run_measured(*args: str) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """Run zi in a child; (result, seconds, peak RSS in MB of the largest child so far)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "zicli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return done, seconds, peak_mb


@pytest.mark.parametrize("pattern", [0, 1])
@pytest.mark.parametrize("pack", PACKS)
def test_plan_with_huge_counts_is_bounded(tmp_path: Path, pack: str, pattern: int) -> None:
    path = tmp_path / "u.yaml"
    _answer_file(path, pack, pattern)
    for target in ("WBK", "WBBM"):
        done, seconds, peak_mb = _run_measured("plan", str(path), "--target", target)
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr
        assert seconds < 10, (pack, target, seconds)
        assert peak_mb < 500, (pack, target, peak_mb)


def test_count_steps_are_every_unit_up_to_the_bound() -> None:
    assert list(_count_steps(0)) == []
    assert list(_count_steps(5)) == [1, 2, 3, 4, 5]
    assert list(_count_steps(MAX_COUNT_MOVES)) == list(range(1, MAX_COUNT_MOVES + 1))


def test_count_steps_past_the_bound_are_even_and_end_at_the_limit() -> None:
    steps = list(_count_steps(BIG))
    assert len(steps) == MAX_COUNT_MOVES
    assert steps[-1] == BIG
    assert steps[0] == BIG // MAX_COUNT_MOVES
    assert all(b - a == BIG // MAX_COUNT_MOVES for a, b in itertools.pairwise(steps))
    odd = list(_count_steps(1001))
    assert odd[-1] == 1001 and len(odd) == MAX_COUNT_MOVES
    assert all(0 < b - a <= 11 for a, b in itertools.pairwise(odd))
