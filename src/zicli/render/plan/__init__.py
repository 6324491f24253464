"""``zi plan`` output: a table for people (``table.py``), Markdown for reports
(``markdown.py``), JSON for machines (``json.py``); this module holds what they share.

Each format module has a ``Formatter`` (see :class:`zicli.render.contracts.PlanFormatter`:
text in, text out; the CLI decides where it goes), listed in :mod:`zicli.render.registry`.
The three show the same facts: the target and whether it can be reached, the steps
in order of points gained (question, current -> proposed answer, points, the short
conditions each raises, and the pack's guidance and evidence hints), what blocks the
target if anything does, the score and every condition of the target after the plan,
and the ``zi score --set`` command that tries the plan without touching the file.

JSON (``zi.plan/2``) keys: ``target``, ``feasible``, ``steps`` (each with ``id``,
``current``, ``proposed`` as ``--set`` takes it, ``set``, ``gain``), ``blocked_by`` and
``after`` (``total``, ``predicate``, the target's ``conditions``: the pack's part of each
with its ``before`` and ``after`` values as ``zi score`` writes them); numbers are exact
decimals rounded half up to 2 places, with ``*_exact`` companions.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from fractions import Fraction

from zicli.engine.exact import rounded
from zicli.engine.index import CriteriaIndex
from zicli.engine.plan import Blocker, Plan, Step
from zicli.engine.verdict import ConditionResult
from zicli.i18n import N_, _, ngettext
from zicli.models.answers import Answer, CountsAnswer, answer_to_text
from zicli.models.criteria import Node
from zicli.render.common import BELUM_MSG, BLANK_MSG, num, signed
from zicli.render.escape import as_is
from zicli.render.numbers import exact_text

SCHEMA = "zi.plan/2"
UNCERTAIN = N_("threshold reconstructed, confidence below high; see 'zi criteria show {pack}'")


def uncertain_note(pack: str) -> str:
    """The footnote of a condition marked ``*``: its threshold is uncertain."""
    return "* " + _(UNCERTAIN).format(pack=pack)


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
    return _(BLANK_MSG) if answer is None else answer_to_text(answer)


def condition_label(cond: ConditionResult) -> str:
    """A condition as a step's 'helps' list names it: its node (``total``, ``A``,
    ``B.I.b``), else its description (``Area Manajemen Perubahan``)."""
    return cond.node or cond.description


def condition_labels(result: Plan, ids: Sequence[str]) -> list[str]:
    by_id = {c.id: c for c in result.target_before.conditions}
    return [condition_label(by_id[i]) for i in ids]


def stopped_note(result: Plan) -> str | None:
    """Why the plan may not be the best one: the exact search stopped at its budget."""
    if result.search_stopped_at is None:
        return None
    note = (
        _(
            "The search stopped at {n} candidates (a large pack): this plan meets every "
            "score condition with the fewest questions, but maybe not the least level change."
        )
        if result.shortest is not None
        else _(
            "The search stopped at {n} candidates (a large pack): this plan meets every "
            "score condition, but maybe not with the fewest questions."
        )
    )
    return note.format(n=f"{result.search_stopped_at:,}")


def headline(result: Plan, escape: Callable[[str], str] = as_is) -> str:
    """One sentence: what the plan achieves (the pack's texts through ``escape``)."""
    name = escape(result.target.name)
    n, levels = len(result.steps), result.levels
    if result.already_met:
        return _("Every condition of {name} is already met: nothing needs to change.").format(
            name=name
        )
    if result.feasible:
        if result.search_stopped_at is not None:
            # the search stopped early: the note under the headline says what is known
            return ngettext(
                "{n} step (level change {levels}) reaches {name}.",
                "{n} steps (level change {levels}) reach {name}.",
                n,
            ).format(n=n, levels=levels, name=name)
        return ngettext(
            "{n} step (level change {levels}) reaches {name}; no plan has fewer changes.",
            "{n} steps (level change {levels}) reach {name}; no plan has fewer changes.",
            n,
        ).format(n=n, levels=levels, name=name)
    fixed = [b for b in result.blockers if b.kind in ("held", "fixed")]
    if fixed and len(fixed) == len(result.blockers):
        if result.steps:
            return ngettext(
                "{name} cannot be reached by changing answers. {n} step (level change "
                "{levels}) meets all its score conditions.",
                "{name} cannot be reached by changing answers. {n} steps (level change "
                "{levels}) meet all its score conditions.",
                n,
            ).format(n=n, levels=levels, name=name)
        text = _("{name} cannot be reached by changing answers; its score conditions are met.")
        return text.format(name=name)
    return _("No plan reaches {name}.").format(name=name)


def shown_value(value: Fraction | None, other: Fraction | None = None) -> str:
    """2 places, or exact when 2 places would show ``value`` equal to a different ``other``."""
    if value is None:
        return "-"
    if other is not None and value != other and rounded(value) == rounded(other):
        return exact_text(value, 6)
    return num(value)


def blocker_lines(
    blocker: Blocker, result: Plan, escape: Callable[[str], str] = as_is
) -> list[str]:
    """A blocker of ``result`` in words: the condition, why it blocks, what would lift it
    (each line with the pack's texts through ``escape``: besides the condition's
    description, question ids, count names and option keys are the pack's too)."""
    required = blocker.required
    match blocker.kind:
        case "held" | "fixed":
            now = blocker.actual_text if blocker.actual_text not in (None, "-") else _("none")
            first = (
                _("needs {required}, now {actual}; answers cannot change it").format(
                    required=blocker.required_text, actual=now
                )
                if blocker.required_text is not None
                else _("not a score condition; answers cannot change it")
            )
        case "score":
            first = (
                _("needs {required}, now {actual} and it cannot rise")
                if blocker.reachable == blocker.actual
                else _("needs {required}, now {actual}, at most {reachable}")
            ).format(
                required=shown_value(required),
                actual=shown_value(blocker.actual, required),
                reachable=shown_value(blocker.reachable, required),
            )
        case "input":
            now = _(BLANK_MSG) if blocker.actual is None else shown_value(blocker.actual, required)
            first = _("{question} needs at least {required}, now {actual}").format(
                question=blocker.question, required=shown_value(required), actual=now
            )
        case "max_steps":
            first = (
                ngettext(
                    "the shortest plan changes {n} question, more than --max-steps {max_steps}",
                    "the shortest plan changes {n} questions, more than --max-steps {max_steps}",
                    result.shortest,
                ).format(n=result.shortest, max_steps=result.max_steps)
                if result.shortest is not None
                else _(
                    "the plan found changes too many questions, more than --max-steps {max_steps}"
                ).format(max_steps=result.max_steps)
            )
    lines = [escape(f"{blocker.description}: {first}")]
    if blocker.kind == "held":  # zi's own words only
        lines.append(_("unit.predicate_held records a predicate already awarded"))
    chosen = [q for q in blocker.frozen if q not in result.facts]
    facts = [q for q in blocker.frozen if q in result.facts]
    if chosen:
        lines.append(
            escape(_("frozen (--freeze): {questions}").format(questions=", ".join(chosen)))
        )
    if facts:
        text = _(
            "facts the unit reports, which the plan does not change: {questions} "
            "({options} to allow it)"
        )
        lines.append(
            escape(text.format(questions=", ".join(facts), options=_free_options(result, facts)))
        )
    for qid, answer in blocker.unfreeze:
        record = result.before.card.answers.get(qid)
        change = _change(record.value if record else None, answer)
        text = _("if unfrozen, {question} alone is enough: {change}")
        lines.append(escape(text.format(question=qid, change=change)))
    return lines


def _free_options(result: Plan, ids: list[str]) -> str:
    nodes = result.before.card.index.nodes
    counts = any(nodes[q].computed is not None for q in ids)
    surveys = any(nodes[q].computed is None for q in ids)
    return " / ".join(o for o, on in (("--free-counts", counts), ("--free-surveys", surveys)) if on)


def facts_line(result: Plan) -> str | None:
    """Which answers the plan holds as facts, and how to let it change them."""
    if not result.facts:
        return None
    nodes = result.before.card.index.nodes
    counts = any(nodes[q].computed is not None for q in result.facts)
    surveys = any(nodes[q].computed is None for q in result.facts)
    if counts and surveys:
        text = _(
            "Count inputs and survey indexes are facts the unit reports: the plan does not "
            "change them ({options} to allow it)."
        )
    elif counts:
        text = _(
            "Count inputs are facts the unit reports: the plan does not change them "
            "({options} to allow it)."
        )
    else:
        text = _(
            "Survey indexes are facts the unit reports: the plan does not change them "
            "({options} to allow it)."
        )
    return text.format(options=_free_options(result, list(result.facts)))


def zero_rule_lines(result: Plan, escape: Callable[[str], str] = as_is) -> list[str]:
    """For each step whose counts make a ratio 0/0, the pack's rule it relies on, in
    words: a plan that scores 'nothing owed' must say that is what it assumes (each
    line through ``escape``: the question id and count names are the pack's texts)."""
    from zicli.engine.score import ratio_value
    from zicli.models.answers import CountsAnswer

    index = result.before.card.index
    out = []
    for step in result.steps:
        if not isinstance(step.proposed, CountsAnswer):
            continue
        ratio = index.ratios[step.question.id]
        value, zero = ratio_value(ratio, step.proposed.counts)
        if zero:
            text = (
                _(
                    "{question}: this plan relies on the 0/0 rule: {whole} = 0 and a numerator "
                    "of 0 counts as the full value (nothing owed). This is right only if the "
                    "unit really has no such obligation; report the actual counts."
                )
                if value == 1
                else _(
                    "{question}: this plan relies on the 0/0 rule: {whole} = 0 and a numerator "
                    "of 0 counts as 0 (nothing owed). This is right only if the unit really "
                    "has no such obligation; report the actual counts."
                )
            )
            line = text.format(question=step.question.id, whole=ratio.spec.denominator)
            out.append(escape(line))
    return out


def score_command(result: Plan, given: Sequence[tuple[str, str]] = ()) -> list[str]:
    """The ``zi score`` command that applies every step, one option per line: the
    options ``zi plan`` was given (``given``), then the plan's ``--set``; every word
    quoted for the shell. A ``--set`` of the user's on a question the plan changes is
    left out: the plan starts from it, and ``zi score`` refuses a question set twice."""
    head = f"zi score {shlex.quote(result.before.source)}"
    changed = {s.question.id for s in result.steps}
    carried = [
        f"{name} {shlex.quote(value)}"
        for name, value in given
        if not (name == "--set" and value.partition("=")[0].strip() in changed)
    ]
    return [head, *carried, *(f"--set {shlex.quote(s.set_text)}" for s in result.steps)]


def after_line(result: Plan, escape: Callable[[str], str] = as_is) -> str:
    before, after = result.before, result.after
    reached = after.verdict.reached
    label = escape(reached.name) if reached else _(BELUM_MSG)
    return _("After the plan: score {total} ({gain}), predicate {predicate}").format(
        total=num(after.card.total),
        gain=signed(after.card.total - before.card.total),
        predicate=label,
    )


def before_line(result: Plan, escape: Callable[[str], str] = as_is) -> str:
    reached = result.before.verdict.reached
    label = escape(reached.name) if reached else _(BELUM_MSG)
    return _("Now: score {total}, predicate {predicate}").format(
        total=num(result.before.card.total), predicate=label
    )


def paired_conditions(result: Plan) -> list[tuple[ConditionResult, ConditionResult]]:
    after = {c.id: c for c in result.target_after.conditions}
    pairs = [(c, after[c.id]) for c in result.target_before.conditions]
    return sorted(pairs, key=lambda p: p[1].met)
