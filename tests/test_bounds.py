"""Issue 12, bounded resources: ``zi plan`` on any valid file of a shipped pack,
counts as large as 10^7 included, within 10 s and 500 MB (run in a child process,
its peak memory read from the OS)."""

from __future__ import annotations

import itertools
import json
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from zicli.engine.plan.moves import MAX_COUNT_MOVES, _count_steps
from zicli.loading import load_criteria

from .conftest import ROOT, Run

PACKS = sorted(p.stem for p in (ROOT / "criteria").glob("*.yaml"))
BIG = 10**7
MAX_PROBLEMS_SHOWN = 200


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
    """Run zi in a child; (result, CPU seconds, peak RSS in MB of the largest child so far)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "zicli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds, not wall time: the machine may be shared, its wall clock is not zi's
    seconds = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak_mb = after.ru_maxrss // 1024
    return done, seconds, peak_mb


@pytest.mark.parametrize("pattern", [0, 1])
@pytest.mark.parametrize("pack", PACKS)
def test_plan_with_huge_counts_is_bounded(tmp_path: Path, pack: str, pattern: int) -> None:
    path = tmp_path / "u.yaml"
    _answer_file(path, pack, pattern)
    for target in ("WBK", "WBBM"):
        # counts freed, so the huge counts are levers the plan must step through
        done, seconds, peak_mb = _run_measured(
            "plan", str(path), "--target", target, "--free-counts", "--free-surveys"
        )
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


def _flood(path: Path, unknown: int, duplicates: int) -> None:
    lines = ["criteria: permenpanrb-90-2021", "unit:", "  name: Uji", '  period: "2026-Q1"']
    lines += ["answers:", *(f"  X.{n}: Ya" for n in range(unknown))]
    lines += ["  A.I.1.i.a: Ya"] * (duplicates + 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("unknown", "duplicates"), [(5000, 0), (0, 5000), (3000, 3000)])
def test_problems_past_the_cap_are_counted_not_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unknown: int, duplicates: int
) -> None:
    """Issue 12: a flood of unknown ids or duplicate keys builds (and hints) at most
    MAX_PROBLEMS problems per source; the rest are counted exactly."""
    from zicli.errors import MAX_PROBLEMS, InputError, Problem
    from zicli.loading import load_unit
    from zicli.models import bind

    built = 0
    hinted = 0
    real_init = Problem.__init__
    real_hint = bind.did_you_mean  # type: ignore[attr-defined]

    def counting_init(self: Problem, *args: object, **kwargs: object) -> None:
        nonlocal built
        built += 1
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    def counting_hint(word: str, choices: tuple[str, ...]) -> str | None:
        nonlocal hinted
        hinted += 1
        return real_hint(word, choices)

    monkeypatch.setattr(Problem, "__init__", counting_init)
    monkeypatch.setattr(bind, "did_you_mean", counting_hint)
    path = tmp_path / "flood.yaml"
    _flood(path, unknown, duplicates)
    with pytest.raises(InputError) as caught:
        load_unit(str(path))
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert (
        problems[-1].message
        == f"{unknown + duplicates - MAX_PROBLEMS:,} masalah lain tidak ditampilkan"
    )
    assert built <= 2 * MAX_PROBLEMS + 2
    assert hinted <= MAX_PROBLEMS


@pytest.mark.parametrize(
    ("unknown", "duplicates"),
    [(0, 5_000_000 // 16), (340_000, 0)],
    ids=["duplicate-keys", "distinct-unknown-ids"],
)
def test_five_megabytes_of_duplicate_keys_or_unknown_ids_is_refused_quickly(
    tmp_path: Path, unknown: int, duplicates: int
) -> None:
    """Issue 12: refused within 3 s of CPU and 250 MB. Distinct unknown ids read
    cleanly, so only the shown problems' places are looked up afterwards (no second
    full read of the file)."""
    path = tmp_path / "flood.yaml"
    _flood(path, unknown, duplicates)
    assert 4_900_000 < path.stat().st_size <= 5 * 1024 * 1024
    done, seconds, peak_mb = _run_measured("score", str(path))
    assert done.returncode == 2
    assert done.stderr.count("\n") == MAX_PROBLEMS_SHOWN + 1
    assert seconds < 3, seconds
    assert peak_mb < 250, peak_mb


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "jsonl", "csv", "github"])
def test_batch_formats_keep_a_bounded_amount_per_row(fmt: str) -> None:
    """Issue 12: a batch of 50,000 files must not keep every unit's full data. Each
    row here carries a 20 kB payload and 50 long problems; what a format keeps per
    row after ``unit`` (tracemalloc) stays under 3 kB, so 50,000 rows stay under
    150 MB whatever the units hold."""
    import tracemalloc
    from decimal import Decimal

    from zicli.batch.rows import UnitRow
    from zicli.errors import Problem
    from zicli.render.options import RenderOptions
    from zicli.render.registry import load

    rows = 2000
    formatter = load("batch", fmt)
    formatter.begin(RenderOptions(width=80))
    payload = '{"x": "' + "p" * 20_000 + '"}'
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for n in range(rows):
        valid = n % 2 == 0
        row = UnitRow(
            file=f"units/u{n}.yaml",
            valid=valid,
            name=f"Unit {n} " + "n" * 300 if valid else None,
            period="2026-Q1" if valid else None,
            pack="permenpanrb-90-2021" if valid else None,
            total=Decimal("75.25") if valid else None,
            answered=113,
            questions=113,
            errors=() if valid else tuple(Problem("e" * 500, file="f", line=i) for i in range(50)),
            prepared={"json": payload, "jsonl": payload, "table": ""},
        )
        formatter.unit(row)
        del row
    kept = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert kept / rows < 3_000, (fmt, kept / rows)


@pytest.mark.parametrize("budget", [50, 5_000])
def test_plan_past_the_search_budget_still_meets_every_condition(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, budget: int
) -> None:
    """Issue 12: a search that would take too long stops at its budget; the plan is
    then greedy (the fewest changes, when the first pass finished), meets every score
    condition (zi rescores it), and says where the search stopped."""
    from zicli.engine.plan import search

    monkeypatch.setattr(search, "SEARCH_BUDGET", budget)
    path = tmp_path / "blank.yaml"
    assert zi("init", "-o", str(path), "--period", "2026-Q1").code == 0
    # counts and survey indexes freed: the widest search there is
    free = ("--free-counts", "--free-surveys")
    run = zi("plan", str(path), "--target", "WBK", "-f", "json", *free)
    data = json.loads(run.stdout)
    assert data["search_stopped_at"] > budget
    assert data["changes"] > 0
    assert all(c["after"]["met"] for c in data["after"]["conditions"] if c["id"] != "held")
    table = zi("plan", str(path), "--target", "WBK", *free).stdout
    assert "Pencarian dihentikan pada" in " ".join(table.split())


def test_plan_within_the_budget_says_nothing_of_it(zi: Callable[..., Run]) -> None:
    data = json.loads(
        zi("plan", str(ROOT / "examples" / "man-2-kota-bengkulu-2026q1.yaml"), "-f", "json").stdout
    )
    assert data["search_stopped_at"] is None


def test_a_huge_custom_scale_plans_on_a_bounded_grid(
    zi: Callable[..., Run], tmp_path: Path
) -> None:
    """A custom scale of 0..10^6 would be 10^8 survey candidates on the 0.01 grid; it is
    taken in MAX_SURVEY_MOVES even steps, and the plan still reaches the target."""
    from zicli.engine.plan.moves import MAX_SURVEY_MOVES, _grid

    assert list(_grid(1, 400)) == list(range(1, 401))
    grid = list(_grid(351, 10**8))
    assert len(grid) == MAX_SURVEY_MOVES and grid[-1] == 10**8
    pack = (ROOT / "tests" / "data" / "valid" / "packs" / "ids-1-10.yaml").read_text()
    (tmp_path / "pack.yaml").write_text(pack.replace("max: 4", "max: 1000000"))
    answers = 'criteria: ./pack.yaml\nunit:\n  name: U\n  period: "2026-Q1"\nanswers:\n'
    (tmp_path / "u.yaml").write_text(answers + "  1.1: Tidak\n  1.10: Ya\n  2.1: 2\n")
    done, seconds, peak_mb = _run_measured(
        "plan", str(tmp_path / "u.yaml"), "-f", "json", "--free-surveys"
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["after"]["target_met"] is True
    assert seconds < 10 and peak_mb < 500
