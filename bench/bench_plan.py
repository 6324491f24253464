"""Time ``zi plan``'s optimiser on every shipped example and on a few hard synthetic units.

Usage: python bench/bench_plan.py [--runs N]

Prints one row per case: the median over N runs (default 7) of :func:`zicli.engine.plan.plan`
alone (the answer file already loaded and bound), and the plan found (changes, levels,
feasible). The synthetic cases are the worst we know for the search: every question of
a pack blank (so every question may move, options by up to four levels, surveys over
400 candidates) and every question at its lowest answer.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path

from zicli.engine.index import CriteriaIndex
from zicli.engine.plan import Plan, plan
from zicli.engine.unit import BoundUnit
from zicli.loading import load_criteria, load_unit
from zicli.models.answers import AnswerRecord, CountsAnswer, NumberAnswer, OptionAnswer, Unit

ROOT = Path(__file__).resolve().parent.parent
UNIT = Unit(name="Bench", period="2026-Q1")


def _surveys(index: CriteriaIndex, value: str) -> dict[str, AnswerRecord]:
    return {
        q.id: AnswerRecord(NumberAnswer(Decimal(value)))
        for q in index.questions
        if index.answer_type(q).kind == "scale"
    }


def _lowest(index: CriteriaIndex) -> dict[str, AnswerRecord]:
    """Every question at its lowest answer (counts at a ratio of 0 where they can be)."""
    out: dict[str, AnswerRecord] = {}
    for q in index.questions:
        atype = index.answer_type(q)
        if atype.kind == "options":
            key = min(atype.options, key=lambda o: o.value).key
            out[q.id] = AnswerRecord(OptionAnswer(key))
        elif atype.kind == "scale":
            out[q.id] = AnswerRecord(NumberAnswer(Decimal(0)))
        else:
            assert q.computed is not None
            fields = q.computed.fields()
            counts = dict.fromkeys(fields, 10)
            ratio = index.ratios[q.id]
            for sign, name in ratio.numerator:
                if name in counts:
                    counts[name] = 0 if sign > 0 else 10
            if ratio.numerator[0][1] in dict(ratio.denominator).values():
                counts[ratio.numerator[0][1]] = 10  # a decrease: last year 10, this year 10
            out[q.id] = AnswerRecord(CountsAnswer(counts))
    return out


Case = tuple[str, Callable[[], Plan]]


def _cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        loaded = load_unit(str(path))

        def run(loaded: object = loaded, name: str = path.name) -> Plan:
            from zicli.loading import LoadedUnit

            assert isinstance(loaded, LoadedUnit)
            return plan(
                BoundUnit(
                    loaded.index,
                    loaded.data.unit,
                    loaded.answers,
                    source=name,
                    held=loaded.held,
                    facts=loaded.facts,
                )
            )

        cases.append((path.name, run))
    p90 = load_criteria("permenpanrb-90-2021")
    p19 = load_criteria("permenpanrb-10-2019")

    def synthetic(
        index: CriteriaIndex,
        answers: Mapping[str, AnswerRecord],
        target: str,
        freeze: tuple[str, ...] = (),
        held: str | None = None,
    ) -> Callable[[], Plan]:
        return lambda: plan(
            BoundUnit(index, UNIT, answers, source="-", held=held), target=target, freeze=freeze
        )

    s90 = _surveys(p90, "3.60")
    cases += [
        ("90/2021 blank, surveys 3.60 frozen -> WBK", synthetic(p90, s90, "WBK", tuple(s90))),
        (
            "90/2021 blank, surveys 3.60 frozen -> WBBM (held)",
            synthetic(p90, s90, "WBBM", tuple(s90), "WBK"),
        ),
        ("90/2021 all blank -> WBK", synthetic(p90, {}, "WBK")),
        ("90/2021 all blank -> WBBM (held)", synthetic(p90, {}, "WBBM", held="WBK")),
        ("90/2021 all lowest -> WBBM (held)", synthetic(p90, _lowest(p90), "WBBM", held="WBK")),
        ("10/2019 all blank -> WBBM (held)", synthetic(p19, {}, "WBBM", held="WBK")),
    ]
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rows = []
    for name, run in _cases():
        times = []
        result = run()
        for _ in range(args.runs):
            start = time.perf_counter()
            result = run()
            times.append((time.perf_counter() - start) * 1000)
        rows.append(
            (
                name,
                statistics.median(times),
                max(times),
                len(result.steps),
                result.levels,
                "yes" if result.feasible else "no",
            )
        )
    width = max(len(r[0]) for r in rows)
    print(
        f"{'case':<{width}}  {'median ms':>9}  {'max ms':>7}  {'steps':>5}  {'levels':>6}  feasible"
    )
    for name, median, worst, steps, levels, feasible in rows:
        print(f"{name:<{width}}  {median:9.1f}  {worst:7.1f}  {steps:5}  {levels:6}  {feasible}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
