"""``zi plan --format markdown``: the plan for a report or an issue."""

from __future__ import annotations

from collections.abc import Sequence

from zicli.engine.plan import Plan
from zicli.errors import Problem
from zicli.i18n import _
from zicli.render.common import (
    MET_MSG,
    NOT_MET_MSG,
    actual_text,
    required_text,
    signed,
    uncertain,
    unit_facts,
)
from zicli.render.escape import md_code, md_text, terminal
from zicli.render.options import RenderOptions
from zicli.render.plan import (
    after_line,
    answer_change,
    before_line,
    blocker_lines,
    condition_labels,
    facts_line,
    headline,
    hints,
    paired_conditions,
    score_command,
    stopped_note,
    uncertain_note,
    zero_rule_lines,
)


def _md_table(head: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    """A table of cells already written as Markdown (text from files through md_text)."""
    out = ["| " + " | ".join(head) + " |"]
    out.append("|" + "|".join("---:" if i in right else "---" for i in range(len(head))) + "|")
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


class Formatter:
    """``--format markdown``: for a report or an issue."""

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to the located lines on stderr."""
        return None

    def plan(self, result: Plan, options: RenderOptions) -> str:
        """The plan as a Markdown section."""
        card = result.before.card
        unit = card.unit
        target = result.target
        head = _("Plan for the predicate {name} ({id}): {unit}").format(
            name=target.name, id=target.id, unit=unit.name
        )
        out = [f"## {md_text(head)}", ""]
        out += [md_text(" · ".join(unit_facts(result.before)[1]), line_start=True), ""]
        out += [f"{before_line(result, md_text)}.", "", f"**{headline(result, md_text)}**", ""]
        if note := stopped_note(result):
            out += [note, ""]
        if result.frozen:
            frozen = ", ".join(md_code(q, cell=False) for q in result.frozen)
            out += [_("Frozen: {questions}").format(questions=frozen), ""]
        facts = facts_line(result)
        if facts:
            out += [facts, ""]
        out += [f"**{line}**\n" for line in zero_rule_lines(result, md_text)]
        if result.blockers:
            out += ["### " + _("Blockers"), ""]
            for blocker in result.blockers:
                first, *rest = blocker_lines(blocker, result, md_text)
                out.append(f"- {first}")
                out += [f"  - {line}" for line in rest]
            out.append("")
        if result.steps:
            out += ["### " + _("Steps"), ""]
            rows = [
                [
                    str(n),
                    md_code(s.question.id),
                    md_text(s.question.label),
                    md_text(answer_change(s)) + (" *" if s.illustrative else ""),
                    signed(s.gain),
                    md_text(", ".join(condition_labels(result, s.helps))),
                ]
                for n, s in enumerate(result.steps, 1)
            ]
            columns = ["#", _("Question"), _("Question text"), _("Answer"), _("Score"), _("Helps")]
            out += _md_table(columns, rows, {0, 4})
            if any(s.illustrative for s in result.steps):
                note = _("blank question: these counts only illustrate a full ratio.")
                out += ["", "\\* " + note]
            out.append("")
        if result.steps:
            out += [f"### {after_line(result, md_text)}", ""]
            rows = [
                [
                    md_text(b.description) + (" \\*" if uncertain(b.confidence) else ""),
                    md_text(required_text(b)),
                    md_text(actual_text(b)),
                    md_text(actual_text(a)),
                    _(MET_MSG) if a.met else f"**{_(NOT_MET_MSG)}**",
                ]
                for b, a in paired_conditions(result)
            ]
            columns = [_("Condition"), _("Minimum"), _("Before"), _("After"), _("Status")]
            out += _md_table(columns, rows, {1, 2, 3})
            if any(uncertain(c.confidence) for c in result.target_before.conditions):
                out += ["", "\\" + uncertain_note(card.index.id)]
            out.append("")
        hinted = [(s, *hints(card.index, s.question)) for s in result.steps]
        hinted = [h for h in hinted if h[1] or h[2]]
        if hinted:
            out += ["### " + _("Guidance and data dukung"), ""]
            for step, guidance, evidence in hinted:
                out.append(
                    f"- {md_code(step.question.id, cell=False)}"
                    + (f": {md_text(guidance)}" if guidance else "")
                )
                out += [f"  - {md_text(item)}" for item in evidence]
            out.append("")
        if result.steps:
            out += ["### " + _("Try it without changing the file"), "", "```sh"]
            # in a code block a line break from a file would start a line of its own
            out.append(
                " \\\n  ".join(terminal(line) for line in score_command(result, options.score_args))
            )
            out += ["```", ""]
        return "\n".join(out)
