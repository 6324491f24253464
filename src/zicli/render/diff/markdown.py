"""``zi diff --format markdown`` (a pull-request comment) and ``zi trend --format markdown``.

GitHub-flavoured tables; only the rows that moved are listed, the full tree is
in ``--format json``. Text from files is shown literally (:func:`zicli.render.escape.md_text`):
a name cannot break a table, close zi's ``<details>`` or make a link.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from zicli.engine.diff import FolderDiff, Trend, UnitDiff
from zicli.errors import Problem
from zicli.i18n import _
from zicli.models.criteria import TOTAL
from zicli.render.common import (
    SUMMARY_KINDS,
    num,
)
from zicli.render.diff import (
    answer_pair,
    arrow,
    cause_label,
    criteria_note,
    delta_text,
    periods_text,
    predicate_change_word,
    predicate_short,
    side_facts,
    sparkline,
    trend_labels,
    unit_name,
    verdict_label,
)
from zicli.render.escape import md_html, md_text
from zicli.render.options import RenderOptions


class _Own(str):
    """A cell zi writes as Markdown itself (bold labels): not escaped."""

    __slots__ = ()


def _cell(text: str) -> str:
    return text if isinstance(text, _Own) else md_text(text)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(head: Sequence[str], align: str, rows: Sequence[Sequence[str]]) -> list[str]:
    spec = ["---:" if a == "r" else ":---:" if a == "c" else "---" for a in align]
    return [_row(head), _row(spec), *(_row([_cell(c) for c in r]) for r in rows)]


def _delta(delta: Fraction | None) -> str:
    return f"{delta_text(delta)} {arrow(delta)}".rstrip()


def unit_lines(diff: UnitDiff, level: str = "###") -> list[str]:
    """One unit's diff as Markdown lines."""
    out = [
        f"{level} {unit_name(diff, md_text)}: {periods_text(diff, md_text)}",
        "",
        *(f"- {label}: {md_text(' · '.join(details))}" for label, details in side_facts(diff)),
        "",
        *_table(
            ["", _("Old"), _("New"), _("Change")],
            "lrrr",
            [
                [
                    _Own("**" + _("Predicate") + "**"),
                    verdict_label(diff.old),
                    verdict_label(diff.new),
                    predicate_change_word(diff),
                ],
                [
                    _Own("**" + _("Total score") + "**"),
                    num(diff.total.old),
                    num(diff.total.new),
                    _delta(diff.total.delta),
                ],
            ],
        ),
        "",
    ]
    note = criteria_note(diff, md_text)
    if note is not None:
        out += [f"> {note}", ""]
    if not diff.question_level:
        rows = [
            [item.label, num(item.score.old), num(item.score.new), _delta(item.score.delta)]
            for item in diff.compared
            if item.kind != "total"
        ]
        head = [_("Component / Area"), _("Old"), _("New"), _("Difference")]
        out += [*_table(head, "lrrr", rows), ""]
        if diff.not_comparable:
            out.append(
                _("Not comparable (on one side only):")
                + " "
                + "; ".join(md_text(label) for label in diff.not_comparable)
            )
            out.append("")
        return out
    index = diff.new.card.index
    moved = [
        [n.id, n.label, num(c.old), num(c.new), _delta(c.delta)]
        for n in index.criteria.walk()
        if n.kind in SUMMARY_KINDS and (c := diff.nodes[n.id]).delta
    ]
    if moved:
        out += ["**" + _("Components and areas that changed") + "**", ""]
        head = ["Id", _("Component / Area"), _("Old"), _("New"), _("Difference")]
        out += [*_table(head, "llrrr", moved), ""]
    if diff.conditions:
        out += ["**" + _("Conditions that changed") + "**", ""]
        for change in diff.conditions:
            word = _("now met") if change.newly_met else "**" + _("now failed") + "**"
            cond = change.new
            values = (
                " ("
                + _("{old} -> {new}, minimum {required}").format(
                    old=num(change.old.actual), new=num(cond.actual), required=num(cond.required)
                )
                + ")"
                if cond.required is not None
                else ""
            )
            out.append(
                f"- {word}: {md_text(change.predicate_name)}: {md_text(cond.description)}{values}"
            )
        out.append("")
    if diff.changes:
        n = len(diff.changes)
        out += [
            "**"
            + _("Changed answers")
            + "** ("
            + _("{n}, largest effect first; the effects add up to the change of the total").format(
                n=n
            )
            + ")",
            "",
        ]
        rows = [
            [c.id, *answer_pair(c.old, c.new), cause_label(c.cause), _delta(c.effect)]
            for c in diff.changes
        ]
        head = ["Id", _("Old"), _("New"), _("Cause"), _("Effect")]
        out += [*_table(head, "llllr", rows), ""]
    else:
        out += [_("No answer changed."), ""]
    return out


class DiffMarkdownFormatter:
    """``--format markdown`` of ``zi diff`` and ``zi trend``."""

    def unit_diff(self, diff: UnitDiff, options: RenderOptions) -> str:
        """One unit, ready to paste into a pull-request comment."""
        return "\n".join(unit_lines(diff)).rstrip("\n") + "\n"

    def folder_diff(self, diff: FolderDiff, options: RenderOptions) -> str:
        """A summary table, then each compared unit that changed under <details>."""
        rows: list[list[str]] = []
        for pair in diff.pairs:
            old, new = predicate_short(pair.old), predicate_short(pair.new)
            mark = " *" if not pair.question_level else ""
            rows.append(
                [
                    _Own(unit_name(pair, md_text) + mark),
                    num(pair.total.old),
                    num(pair.total.new),
                    _delta(pair.total.delta),
                    new if old == new else f"{old} -> {new}",
                ]
            )
        rows += [
            [a.card.unit.name, num(a.card.total), "-", "-", _("removed")] for a in diff.removed
        ]
        rows += [
            [
                a.card.unit.name,
                "-",
                num(a.card.total),
                "-",
                _("new ({predicate})").format(predicate=predicate_short(a)),
            ]
            for a in diff.added
        ]
        head = [_("Work unit"), _("Old"), _("New"), _("Difference"), _("Predicate")]
        out = [
            "### " + _("Comparison of units"),
            "",
            _("{compared} compared, {added} new, {removed} removed.").format(
                compared=len(diff.pairs), added=len(diff.added), removed=len(diff.removed)
            ),
            "",
            *_table(head, "lrrrl", rows),
            "",
        ]
        if any(not p.question_level for p in diff.pairs):
            note = _("different criteria: only the total, components and areas are comparable")
            out += ["\\* " + note + ".", ""]
        for pair in diff.pairs:
            if pair.total.delta or pair.changes or pair.predicate_step:
                out += [f"<details><summary>{unit_name(pair, md_html)}</summary>", ""]
                out += unit_lines(pair, "####")
                out += ["</details>", ""]
        return "\n".join(out).rstrip("\n") + "\n"

    def trend(self, trend: Trend, options: RenderOptions) -> str:
        """Periods as columns, a sparkline per row."""
        rows: list[list[str]] = []
        for row in trend.rows:
            label = _("Total score") if row.key == TOTAL else row.label
            rows.append([label, *(num(v) for v in row.values), sparkline(row.values)])
            if row.key == TOTAL:
                rows.append([_("Predicate"), *(predicate_short(p) for p in trend.points), ""])
        head = [_("Score"), *trend_labels(trend, md_text), _("Trend")]
        out = [
            f"### {' / '.join(md_text(unit) for unit in trend.units)}",
            "",
            *_table(head, "l" + "r" * len(trend.periods) + "l", rows),
        ]
        return "\n".join(out) + "\n"

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to the located lines on stderr."""
        return None


DIFF_FORMATTER = DiffMarkdownFormatter()
TREND_FORMATTER = DIFF_FORMATTER
