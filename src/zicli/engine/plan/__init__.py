"""``zi plan``: the fewest answer changes after which a predicate is reached, found exactly.

Pure: takes a bound unit and returns a :class:`Plan`; no I/O. The candidate
changes of a question are in :mod:`.moves`, the exact search in :mod:`.search`,
what a plan holds in :mod:`.result`.

The objective, lexicographic
    1. the number of questions changed;
    2. the total level change;
    3. the largest *margin*, defined as the total score after the plan (the margin of
       the ``total`` condition, up to a constant), so among otherwise equal plans the
       one that leaves the most headroom wins.
    Plans equal in all three are told apart deterministically (the first the search
    meets, questions taken in pack order), not ranked.

The conditions
    Every condition of the target predicate on a node, a group member (``each``) or a
    survey input is linear in the question values: a question ``q`` adds
    ``c_q x value`` to every node above it, with ``c_q`` its own weight or its
    sub-area's weight over its number of questions (blank answers count 0). An unmet
    survey ``input`` condition keeps only the survey's candidates at or above its
    minimum and makes changing that survey compulsory. A ``held``
    condition, or any other condition that is not on the score, cannot be changed by
    answers: when unmet it blocks the target, and the plan still meets every other
    condition so the unit sees what the score needs.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from zicli.i18n import _
from zicli.models.answers import Answer, AnswerRecord

from ..assess import assess
from ..conditions import why_fixed
from ..exact import ZERO, exact_text
from ..index import CriteriaIndex
from ..unit import BoundUnit
from .moves import SURVEY_STEP, Move, candidate_moves, contribution
from .result import Blocker, BlockKind, Plan, Step
from .search import Need, optimise, split_conditions

__all__ = [
    "SURVEY_STEP",
    "BlockKind",
    "Blocker",
    "Move",
    "Plan",
    "Step",
    "candidate_moves",
    "contribution",
    "fact_questions",
    "plan",
]


def fact_questions(index: CriteriaIndex, *, counts: bool, surveys: bool) -> tuple[str, ...]:
    """The questions that report facts a plan must not invent: count inputs (a plan
    that writes 0/0 for 'nothing owed' proposes paper, not work) and survey indexes
    (measured by others). ``zi plan`` holds both unless freed; ``zi report`` always
    does, so its plan is ``zi plan``'s default one."""
    out: list[str] = []
    for q in index.questions:
        kind = index.answer_type(q).kind
        if (counts and q.computed is not None) or (surveys and kind == "scale"):
            out.append(q.id)
    return tuple(out)


def _score_blocker(
    index: CriteriaIndex,
    need: Need,
    moves: Mapping[str, tuple[Move, ...]],
    frozen: Collection[str],
    answers: Mapping[str, AnswerRecord],
) -> Blocker | None:
    result = need.result
    assert result.required is not None
    actual = result.actual if result.actual is not None else ZERO
    reachable = actual + sum(
        (max(m.gain for m in moves[q]) for q in need.support if moves[q]), ZERO
    )
    if reachable >= result.required:
        return None
    deficit = result.required - reachable
    stuck: list[str] = []
    lifts: list[tuple[str, Answer]] = []
    for q in index.questions:
        if q.id not in need.support or q.id not in frozen:
            continue
        candidates = candidate_moves(index, q, answers.get(q.id))
        if candidates:
            stuck.append(q.id)
            lift = next((m for m in candidates if m.gain >= deficit), None)
            if lift is not None:
                lifts.append((q.id, lift.answer))
    reason = (
        _(
            "needs {required}; at most {reachable} can be reached with the frozen questions "
            "as they are"
        )
        if stuck
        else _("needs {required}; at most {reachable} can be reached")
    )
    return Blocker(
        "score",
        result.id,
        result.description,
        reason.format(required=exact_text(result.required), reachable=exact_text(reachable)),
        required=result.required,
        actual=actual,
        reachable=reachable,
        frozen=tuple(stuck),
        unfreeze=tuple(lifts),
    )


def plan(
    bound: BoundUnit,
    *,
    target: str | None = None,
    freeze: Collection[str] = (),
    reported: Collection[str] = (),
    max_steps: int | None = None,
) -> Plan:
    """The optimal plan to ``target`` (default: the next predicate above the one reached,
    or the one reached at the top). ``freeze`` names questions that must not change;
    ``reported`` names questions that report facts (counts, survey indexes): held as they
    are like frozen ones, but listed apart (:attr:`Plan.facts`), since no one chose them.
    ``max_steps`` refuses plans with more changes. Blank answers count 0; the unit's
    prerequisite facts are taken as they are."""
    index, answers = bound.index, bound.answers
    before = assess(bound)
    verdict = before.verdict
    if target is None:
        chosen_result = verdict.next or verdict.reached
        assert chosen_result is not None
        target = chosen_result.id
    predicate = next(p for p in index.criteria.predicates if p.id == target)
    needs, fixed = split_conditions(index, predicate, verdict.result(target))
    held_still = set(freeze) | set(reported)
    frozen = tuple(q.id for q in index.questions if q.id in held_still)
    blockers: list[Blocker] = [
        Blocker(
            "held" if cond.held is not None else "fixed",
            cond.id,
            cond.description,
            why_fixed(index, cond, results),
            required_text=results[0].required_text if results else None,
            actual_text=results[0].actual_text if results else None,
        )
        for cond, results in fixed
        if not all(r.met for r in results)
    ]

    moves: dict[str, tuple[Move, ...]] = {
        q.id: () if q.id in frozen else candidate_moves(index, q, answers.get(q.id))
        for q in index.questions
    }
    short = [n for n in needs if not n.result.met]
    mandatory: set[str] = set()
    blocked = False
    for need in short:
        if need.input is None:
            continue
        required = need.result.required
        assert required is not None
        allowed = tuple(m for m in moves[need.input] if m.raw is not None and m.raw >= required)
        if not allowed:
            blocked = True
            q = need.input
            everything = candidate_moves(index, index.nodes[q], answers.get(q))
            lift = next((m for m in everything if m.raw is not None and m.raw >= required), None)
            now = need.result.actual
            if now is None:
                reason = (
                    _("{question} is blank, frozen; it needs at least {required}")
                    if q in frozen
                    else _("{question} is blank; it needs at least {required}")
                )
            else:
                reason = (
                    _("{question} is {value}, frozen; it needs at least {required}")
                    if q in frozen
                    else _("{question} is {value}; it needs at least {required}")
                )
            blockers.append(
                Blocker(
                    "input",
                    need.result.id,
                    need.result.description,
                    reason.format(
                        question=q,
                        value=exact_text(now) if now is not None else "",
                        required=exact_text(required),
                    ),
                    required=required,
                    actual=now,
                    frozen=(q,) if q in frozen else (),
                    question=q,
                    unfreeze=((q, lift.answer),) if lift is not None and q in frozen else (),
                )
            )
        moves[need.input] = allowed
        mandatory.add(need.input)
    scored = [n for n in short if n.input is None]
    for need in scored:
        blocker = _score_blocker(index, need, moves, frozen, answers)
        if blocker is not None:
            blocked = True
            blockers.append(blocker)

    shortest: int | None = None
    stopped: int | None = None
    chosen: list[Move] = []
    if not blocked:
        chosen, shortest, limit_blocker, stopped = optimise(
            index, scored, moves, mandatory, max_steps
        )
        if limit_blocker is not None:
            blockers.append(limit_blocker)

    helps = {
        q: tuple(n.result.id for n in short if q in n.support) for q in (m.question for m in chosen)
    }
    order = {q.id: i for i, q in enumerate(index.questions)}
    steps = tuple(
        sorted(
            (
                Step(
                    question=index.nodes[m.question],
                    current=answers[m.question].value if m.question in answers else None,
                    proposed=m.answer,
                    levels=m.levels,
                    gain=m.gain,
                    helps=helps[m.question],
                    illustrative=m.illustrative,
                )
                for m in chosen
            ),
            key=lambda s: (-s.gain, order[s.question.id]),
        )
    )
    after = before
    if steps:
        changed = dict(answers)
        for m in chosen:
            old = answers.get(m.question)
            changed[m.question] = (
                AnswerRecord(m.answer, old.evidence, old.note) if old else AnswerRecord(m.answer)
            )
        after = assess(bound.with_answers(changed))
        reached = {r.id: r.met for r in after.verdict.result(target).conditions}
        missed = [n.result.id for n in needs if not reached[n.result.id]]
        if missed:  # pragma: no cover - the optimiser's own check; a failure is a bug
            raise AssertionError(f"plan to {target} leaves {', '.join(missed)} unmet")
    return Plan(
        target=predicate,
        before=before,
        after=after,
        feasible=not blockers,
        steps=steps,
        blockers=tuple(blockers),
        frozen=tuple(q for q in frozen if q in set(freeze)),
        max_steps=max_steps,
        shortest=shortest,
        facts=tuple(q for q in frozen if q not in set(freeze)),
        search_stopped_at=stopped,
    )
