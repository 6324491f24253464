"""``zi plan --format markdown``: the plan for a report or an issue."""

from __future__ import annotations

from collections.abc import Sequence

from zicli.engine.plan import Plan
from zicli.errors import Problem
from zicli.render.common import (
    MET,
    NOT_MET,
    actual_text,
    md_cell,
    required_text,
    signed,
    uncertain,
)
from zicli.render.options import RenderOptions
from zicli.render.plan import (
    UNCERTAIN,
    after_line,
    answer_change,
    before_line,
    blocker_lines,
    condition_labels,
    headline,
    hints,
    paired_conditions,
    score_command,
)


def _md_table(head: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    """A table of cells already written as Markdown (text from files through md_cell)."""
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
        out = [f"## Rencana untuk predikat {target.name} ({target.id}): {unit.name}", ""]
        details = [d for d in (unit.instansi, f"periode {unit.period}") if d]
        details.append(card.index.criteria.short_title)
        out += [" · ".join(details), ""]
        out += [f"{before_line(result)}.", "", f"**{headline(result)}**", ""]
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
                    md_cell(", ".join(condition_labels(result, s.helps))),
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
            out += [f"### {after_line(result)}", ""]
            rows = [
                [
                    md_cell(b.description) + (" \\*" if uncertain(b.confidence) else ""),
                    md_cell(required_text(b)),
                    md_cell(actual_text(b)),
                    md_cell(actual_text(a)),
                    MET if a.met else f"**{NOT_MET}**",
                ]
                for b, a in paired_conditions(result)
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
