"""``zi plan`` output: a table for people (``table.py``), Markdown for reports
(``markdown.py``), JSON for machines (``json.py``); this module holds what they share.

Each format module has a ``Formatter`` (see :class:`zicli.render.contracts.PlanFormatter`:
text in, text out; the CLI decides where it goes), listed in :mod:`zicli.render.registry`.
The three show the same facts: the target and whether it can be reached, the steps
in order of points gained (question, current -> proposed answer, points, the short
conditions each raises, and the pack's guidance and evidence hints), what blocks the
target if anything does, the score and every condition of the target after the plan,
and the ``zi score --set`` command that tries the plan without touching the file.

JSON (``zi.plan/1``) keys: ``target``, ``feasible``, ``steps`` (each with ``id``,
``current``, ``proposed`` as ``--set`` takes it, ``set``, ``gain``), ``blocked_by`` and
``after`` (``total``, ``predicate``, the target's ``conditions``); numbers are exact
decimals rounded half up to 2 places, with ``*_exact`` companions.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from fractions import Fraction

from zicli.engine.exact import rounded
from zicli.engine.index import CriteriaIndex
from zicli.engine.plan import Blocker, Plan, Step
from zicli.engine.verdict import ConditionResult
from zicli.models.answers import Answer, CountsAnswer, answer_to_text
from zicli.models.criteria import Node
from zicli.render.common import BELUM, BLANK, num, signed
from zicli.render.numbers import exact_text

SCHEMA = "zi.plan/1"
UNCERTAIN = (
    "* ambang hasil rekonstruksi, keyakinan di bawah tinggi; lihat 'zi criteria show {pack}'"
)


# --- shared pieces ----------------------------------------------------------------------------


def hints(index: CriteriaIndex, question: Node) -> tuple[str | None, tuple[str, ...]]:
    """The pack's guidance and evidence (data dukung) for a question: its own, else the
    nearest enclosing node's that has them (packs may give hints per sub-area)."""
    guidance, evidence = question.guidance, question.evidence
    node_id = question.id
    while (guidance is None or not evidence) and node_id in index.parents:
        node_id = index.parents[node_id]
        node = index.nodes[node_id]
        guidance = guidance or node.guidance
        evidence = evidence or node.evidence
    return guidance, tuple(evidence)


def answer_change(step: Step) -> str:
    """``C → A``, ``3.40 → 3.60``, or the counts that change (``kini 3 → 1``)."""
    return _change(step.current, step.proposed)


def _change(current: Answer | None, proposed: Answer) -> str:
    if isinstance(proposed, CountsAnswer) and isinstance(current, CountsAnswer):
        moved = [
            f"{name} {current.counts.get(name, '-')} → {count}"
            for name, count in proposed.counts.items()
            if current.counts.get(name) != count
        ]
        return "; ".join(moved) if moved else answer_to_text(proposed)
    return f"{_answer(current)} → {answer_to_text(proposed)}"


def _answer(answer: Answer | None) -> str:
    return BLANK if answer is None else answer_to_text(answer)


def condition_label(cond: ConditionResult) -> str:
    """A condition as a step's 'helps' list names it: its node (``total``, ``A``,
    ``B.I.b``), else its description (``Area Manajemen Perubahan``)."""
    return cond.node or cond.description


def condition_labels(result: Plan, ids: Sequence[str]) -> list[str]:
    by_id = {c.id: c for c in result.target_before.conditions}
    return [condition_label(by_id[i]) for i in ids]


def headline(result: Plan) -> str:
    """One sentence: what the plan achieves."""
    name = result.target.name
    if result.already_met:
        return f"Syarat {name} sudah terpenuhi semua: tidak ada yang perlu diubah."
    if result.feasible:
        return (
            f"{len(result.steps)} langkah ({result.levels} tingkat) mencapai {name}; "
            "tidak ada rencana dengan lebih sedikit perubahan."
        )
    fixed = [b for b in result.blockers if b.kind in ("held", "fixed")]
    if fixed and len(fixed) == len(result.blockers):
        if result.steps:
            return (
                f"{name} belum dapat dicapai dengan mengubah jawaban. {len(result.steps)} "
                f"langkah ({result.levels} tingkat) memenuhi semua syarat nilainya."
            )
        return f"{name} belum dapat dicapai dengan mengubah jawaban; syarat nilainya terpenuhi."
    return f"Tidak ada rencana yang mencapai {name}."


def shown_value(value: Fraction | None, other: Fraction | None = None) -> str:
    """2 places, or exact when 2 places would show ``value`` equal to a different ``other``."""
    if value is None:
        return "-"
    if other is not None and value != other and rounded(value) == rounded(other):
        return exact_text(value, 6)
    return num(value)


def blocker_lines(blocker: Blocker, result: Plan) -> list[str]:
    """A blocker of ``result`` in words: the condition, why it blocks, what would lift it."""
    required = blocker.required
    match blocker.kind:
        case "held" | "fixed":
            now = blocker.actual_text if blocker.actual_text not in (None, "-") else "tidak ada"
            first = (
                f"perlu {blocker.required_text}, sekarang {now}; jawaban tidak dapat mengubahnya"
                if blocker.required_text is not None
                else "bukan syarat nilai; jawaban tidak dapat mengubahnya"
            )
        case "score":
            first = (
                f"perlu {shown_value(required)}, sekarang {shown_value(blocker.actual, required)}"
            )
            if blocker.reachable == blocker.actual:
                first += " dan tidak dapat naik"
            else:
                first += f", paling tinggi {shown_value(blocker.reachable, required)}"
        case "input":
            now = BLANK if blocker.actual is None else shown_value(blocker.actual, required)
            first = (
                f"{blocker.question} perlu paling sedikit {shown_value(required)}, sekarang {now}"
            )
        case "max_steps":
            first = (
                f"rencana terpendek mengubah {result.shortest} butir, "
                f"lebih dari --max-steps {result.max_steps}"
            )
    lines = [f"{blocker.description}: {first}"]
    if blocker.kind == "held":
        lines.append("unit.predicate_held mencatat predikat yang sudah diraih")
    if blocker.frozen:
        lines.append("dibekukan (--freeze): " + ", ".join(blocker.frozen))
    for qid, answer in blocker.unfreeze:
        record = result.before.card.answers.get(qid)
        change = _change(record.value if record else None, answer)
        lines.append(f"bila dibuka, cukup {qid}: {change}")
    return lines


def score_command(result: Plan) -> list[str]:
    """The ``zi score`` command that applies every step, one argument per line."""
    head = f"zi score {shlex.quote(result.before.source)}"
    return [head, *(f"--set {shlex.quote(s.set_text)}" for s in result.steps)]


def after_line(result: Plan) -> str:
    before, after = result.before, result.after
    reached = after.verdict.reached
    label = reached.name if reached else BELUM
    return (
        f"Sesudah rencana: nilai {num(after.card.total)} "
        f"({signed(after.card.total - before.card.total)}), predikat {label}"
    )


def before_line(result: Plan) -> str:
    reached = result.before.verdict.reached
    label = reached.name if reached else BELUM
    return f"Sekarang: nilai {num(result.before.card.total)}, predikat {label}"


def paired_conditions(result: Plan) -> list[tuple[ConditionResult, ConditionResult]]:
    after = {c.id: c for c in result.target_after.conditions}
    pairs = [(c, after[c.id]) for c in result.target_before.conditions]
    return sorted(pairs, key=lambda p: p[1].met)
