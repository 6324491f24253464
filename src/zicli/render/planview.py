"""``zi plan`` output: a table for people, Markdown for reports, JSON for machines.

Each format is a class here (see :class:`zicli.render.contracts.PlanFormatter`: text
in, text out; the CLI decides where it goes), listed in :mod:`zicli.render.registry`.
The three show the same
facts: the target and whether it can be reached, the steps in order of points gained
(question, current -> proposed answer, points, the short conditions each raises, and
the pack's guidance and evidence hints), what blocks the target if anything does, the
score and every condition of the target after the plan, and the ``zi score --set``
command that tries the plan without touching the file.

JSON (``zi.plan/1``) keys: ``target``, ``feasible``, ``steps`` (each with ``id``,
``current``, ``proposed`` as ``--set`` takes it, ``set``, ``gain``), ``blocked_by`` and
``after`` (``total``, ``predicate``, the target's ``conditions``); numbers are exact
decimals rounded half up to 2 places, with ``*_exact`` companions.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from zicli import __version__
from zicli.engine.exact import rounded
from zicli.engine.index import CriteriaIndex
from zicli.engine.plan import Blocker, Plan, Step
from zicli.engine.verdict import ConditionResult
from zicli.errors import Problem
from zicli.models.answers import Answer, CountsAnswer, answer_to_text
from zicli.models.criteria import Node
from zicli.render.numbers import exact_text

from . import RenderOptions
from .common import (
    BELUM,
    actual_text,
    dec,
    errors_json,
    md_cell,
    num,
    required_text,
    signed,
    uncertain,
)
from .console import report_table

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
    return "kosong" if answer is None else answer_to_text(answer)


def condition_label(cond: ConditionResult) -> str:
    """A condition as a step's 'helps' list names it: its node (``total``, ``A``,
    ``B.I.b``), else its description (``Area Manajemen Perubahan``)."""
    return cond.node or cond.description


def _labels(result: Plan, ids: Sequence[str]) -> list[str]:
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


def _shown(value: Fraction | None, other: Fraction | None = None) -> str:
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
            first = f"perlu {_shown(required)}, sekarang {_shown(blocker.actual, required)}"
            if blocker.reachable == blocker.actual:
                first += " dan tidak dapat naik"
            else:
                first += f", paling tinggi {_shown(blocker.reachable, required)}"
        case "input":
            now = "kosong" if blocker.actual is None else _shown(blocker.actual, required)
            first = f"{blocker.question} perlu paling sedikit {_shown(required)}, sekarang {now}"
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


def _after_line(result: Plan) -> str:
    before, after = result.before, result.after
    reached = after.verdict.reached
    label = reached.name if reached else BELUM
    return (
        f"Sesudah rencana: nilai {num(after.card.total)} "
        f"({signed(after.card.total - before.card.total)}), predikat {label}"
    )


def _before_line(result: Plan) -> str:
    reached = result.before.verdict.reached
    label = reached.name if reached else BELUM
    return f"Sekarang: nilai {num(result.before.card.total)}, predikat {label}"


def _paired(result: Plan) -> list[tuple[ConditionResult, ConditionResult]]:
    after = {c.id: c for c in result.target_after.conditions}
    pairs = [(c, after[c.id]) for c in result.target_before.conditions]
    return sorted(pairs, key=lambda p: p[1].met)


# --- table ------------------------------------------------------------------------------------


def _steps_table(result: Plan) -> Table:
    table = report_table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Butir", ratio=1, overflow="fold")
    table.add_column("Jawaban", overflow="fold", max_width=24)
    table.add_column("Nilai", justify="right", no_wrap=True)
    for n, step in enumerate(result.steps, 1):
        cell = Text(step.question.id, style="bold")
        cell.append("\n" + step.question.label)
        cell.append("\nmembantu: " + ", ".join(_labels(result, step.helps)), style="dim")
        change = answer_change(step) + (" *" if step.illustrative else "")
        table.add_row(str(n), cell, change, signed(step.gain))
    return table


def _conditions_table(result: Plan) -> Table:
    table = report_table()
    table.add_column("Syarat", ratio=1, overflow="fold")
    table.add_column("Minimal", justify="right", no_wrap=True)
    table.add_column("Sebelum", justify="right", no_wrap=True)
    table.add_column("Sesudah", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for before, after in _paired(result):
        status = Text("terpenuhi", style="green") if after.met else Text("BELUM", style="bold red")
        table.add_row(
            before.description + (" *" if uncertain(before.confidence) else ""),
            required_text(before),
            actual_text(before),
            actual_text(after),
            status,
        )
    return table


def _header(result: Plan) -> Text:
    card = result.before.card
    unit = card.unit
    text = Text(unit.name, style="bold")
    details = [d for d in (unit.instansi, f"periode {unit.period}") if d]
    details.append(card.index.criteria.short_title)
    if card.held:
        details.append(f"predikat saat ini: {card.held}")
    text.append("\n" + " · ".join(details))
    return text


def _bullet(text: str, mark: str, indent: int) -> Table:
    """``text`` after ``indent`` spaces and ``mark``, wrapped lines hanging under it."""
    grid = Table.grid(padding=0)
    grid.add_column(width=indent + len(mark), no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(" " * indent + mark, Text(text))
    return grid


class TablePlan:
    """``--format table`` (the default)."""

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to the located lines on stderr."""
        return None

    def plan(self, result: Plan, options: RenderOptions) -> str:
        """The plan for a person at a terminal."""
        from .console import to_text

        target = result.target
        parts: list[RenderableType] = [
            _header(result),
            Text(""),
            Text(f"Rencana untuk predikat {target.name} ({target.id})", style="bold"),
            Text(_before_line(result)),
            Text(headline(result), style="bold green" if result.feasible else "bold red"),
        ]
        if result.frozen:
            parts.append(Text("Dibekukan: " + ", ".join(result.frozen)))
        if result.blockers:
            parts += [Text(""), Text("Penghalang:", style="bold red")]
            for blocker in result.blockers:
                first, *rest = blocker_lines(blocker, result)
                parts.append(_bullet(first, "- ", 0))
                parts += [_bullet(line, "", 2) for line in rest]
        if result.steps:
            parts += [Text(""), Text("Langkah, urut tambahan nilai:", style="bold")]
            parts.append(_steps_table(result))
            if any(s.illustrative for s in result.steps):
                parts.append(
                    Text(
                        "* butir kosong: jumlah ini hanya contoh rasio penuh; "
                        "isi jumlah sebenarnya",
                        style="dim",
                    )
                )
        if result.steps:
            parts += [Text(""), Text(_after_line(result), style="bold")]
            parts.append(_conditions_table(result))
            if any(uncertain(c.confidence) for c in result.target_before.conditions):
                parts.append(Text(UNCERTAIN.format(pack=result.before.card.index.id), style="dim"))
        hinted = [(s, *hints(result.before.card.index, s.question)) for s in result.steps]
        hinted = [h for h in hinted if h[1] or h[2]]
        if hinted:
            parts += [Text(""), Text("Petunjuk dan data dukung:", style="bold")]
            for step, guidance, evidence in hinted:
                parts.append(Text(f"{step.question.id}", style="bold"))
                if guidance:
                    parts.append(_bullet(guidance, "", 2))
                parts += [_bullet(item, "- ", 2) for item in evidence]
        text = to_text(parts, options)
        if result.steps:
            # Plain lines, never wrapped, so the command can be copied as it is.
            lines = score_command(result)
            text += "\nCoba tanpa mengubah berkas:\n  " + " \\\n    ".join(lines) + "\n"
        return text


# --- markdown ---------------------------------------------------------------------------------


def _md_table(head: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    """A table of cells already written as Markdown (text from files through md_cell)."""
    out = ["| " + " | ".join(head) + " |"]
    out.append("|" + "|".join("---:" if i in right else "---" for i in range(len(head))) + "|")
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


class MarkdownPlan:
    """``--format markdown``: for a report or an issue."""

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to the located lines on stderr."""
        return None

    def plan(self, result: Plan, options: RenderOptions) -> str:
        """The plan as a Markdown section."""
        card = result.before.card
        unit = card.unit
        target = result.target
        out = [f"## Rencana untuk predikat {target.name} ({target.id}): {unit.name}", ""]
        details = [d for d in (unit.instansi, f"periode {unit.period}") if d]
        details.append(card.index.criteria.short_title)
        out += [" · ".join(details), ""]
        out += [f"{_before_line(result)}.", "", f"**{headline(result)}**", ""]
        if result.frozen:
            out += ["Dibekukan: " + ", ".join(f"`{q}`" for q in result.frozen), ""]
        if result.blockers:
            out += ["### Penghalang", ""]
            for blocker in result.blockers:
                first, *rest = blocker_lines(blocker, result)
                out.append(f"- {first}")
                out += [f"  - {line}" for line in rest]
            out.append("")
        if result.steps:
            out += ["### Langkah", ""]
            rows = [
                [
                    str(n),
                    f"`{s.question.id}`",
                    md_cell(s.question.label),
                    md_cell(answer_change(s)) + (" *" if s.illustrative else ""),
                    signed(s.gain),
                    md_cell(", ".join(_labels(result, s.helps))),
                ]
                for n, s in enumerate(result.steps, 1)
            ]
            out += _md_table(
                ["#", "Butir", "Pertanyaan", "Jawaban", "Nilai", "Membantu"], rows, {0, 4}
            )
            if any(s.illustrative for s in result.steps):
                out += ["", "\\* butir kosong: jumlah ini hanya contoh rasio penuh."]
            out.append("")
        if result.steps:
            out += [f"### {_after_line(result)}", ""]
            rows = [
                [
                    md_cell(b.description) + (" \\*" if uncertain(b.confidence) else ""),
                    md_cell(required_text(b)),
                    md_cell(actual_text(b)),
                    md_cell(actual_text(a)),
                    "terpenuhi" if a.met else "**BELUM**",
                ]
                for b, a in _paired(result)
            ]
            out += _md_table(["Syarat", "Minimal", "Sebelum", "Sesudah", "Status"], rows, {1, 2, 3})
            if any(uncertain(c.confidence) for c in result.target_before.conditions):
                out += ["", "\\" + UNCERTAIN.format(pack=card.index.id)]
            out.append("")
        hinted = [(s, *hints(card.index, s.question)) for s in result.steps]
        hinted = [h for h in hinted if h[1] or h[2]]
        if hinted:
            out += ["### Petunjuk dan data dukung", ""]
            for step, guidance, evidence in hinted:
                out.append(
                    f"- `{step.question.id}`" + (f": {md_cell(guidance)}" if guidance else "")
                )
                out += [f"  - {md_cell(item)}" for item in evidence]
            out.append("")
        if result.steps:
            out += ["### Coba tanpa mengubah berkas", "", "```sh"]
            out.append(" \\\n  ".join(score_command(result)))
            out += ["```", ""]
        return "\n".join(out)


# --- json -------------------------------------------------------------------------------------


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else exact_text(value)


def _step_payload(result: Plan, step: Step) -> dict[str, Any]:
    guidance, evidence = hints(result.before.card.index, step.question)
    return {
        "id": step.question.id,
        "text": step.question.label,
        "current": None if step.current is None else answer_to_text(step.current),
        "proposed": answer_to_text(step.proposed),
        "set": step.set_text,
        "levels": step.levels,
        "gain": dec(step.gain),
        "gain_exact": exact_text(step.gain),
        "helps": list(step.helps),
        "illustrative": step.illustrative,
        "guidance": guidance,
        "evidence": list(evidence),
    }


def _blocker_payload(blocker: Blocker) -> dict[str, Any]:
    return {
        "kind": blocker.kind,
        "condition": blocker.condition,
        "description": blocker.description,
        "reason": blocker.reason,
        "required": dec(blocker.required),
        "actual": dec(blocker.actual),
        "reachable": dec(blocker.reachable),
        "frozen": list(blocker.frozen),
        "needed": [{"id": q, "value": answer_to_text(a)} for q, a in blocker.unfreeze],
    }


def plan_payload(result: Plan) -> dict[str, Any]:
    """The JSON object of a plan."""
    before, after = result.before, result.after
    card = before.card
    return {
        "schema": SCHEMA,
        "zi_version": __version__,
        "file": before.source,
        "criteria": card.index.id,
        "unit": {"name": card.unit.name, "period": card.unit.period, "predicate_held": card.held},
        "target": result.target.id,
        "target_name": result.target.name,
        "feasible": result.feasible,
        "already_met": result.already_met,
        "changes": len(result.steps),
        "levels": result.levels,
        "shortest": result.shortest,
        "frozen": list(result.frozen),
        "max_steps": result.max_steps,
        "before": {
            "total": dec(card.total),
            "total_exact": exact_text(card.total),
            "predicate": before.verdict.predicate,
        },
        "steps": [_step_payload(result, s) for s in result.steps],
        "blocked_by": [_blocker_payload(b) for b in result.blockers],
        "after": {
            "total": dec(after.card.total),
            "total_exact": exact_text(after.card.total),
            "gain": dec(result.gain),
            "predicate": after.verdict.predicate,
            "target_met": result.target_after.met,
            "conditions": [
                {
                    "id": a.id,
                    "description": a.description,
                    "required": dec(a.required) if a.required_text is None else a.required_text,
                    "before": dec(b.actual) if b.actual_text is None else b.actual_text,
                    "after": dec(a.actual) if a.actual_text is None else a.actual_text,
                    "after_exact": _exact(a.actual),
                    "met": a.met,
                }
                for b, a in zip(
                    result.target_before.conditions, result.target_after.conditions, strict=True
                )
            ],
        },
        "command": " ".join(score_command(result)) if result.steps else None,
    }


class JsonPlan:
    """``--format json``."""

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Invalid input: ``{"schema": "zi.plan/1", "errors"}``."""
        return errors_json(SCHEMA, problems)

    def plan(self, result: Plan, options: RenderOptions) -> str:
        """The plan as a JSON object."""
        from .jsonout import dumps

        return dumps(plan_payload(result)) + "\n"
