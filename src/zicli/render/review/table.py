"""``zi review``: every node's score per layer, the verdict per layer, what each
layer changed with its note, and the follow-up of the notes per PIC. Text from files
is escaped with :func:`~zicli.render.escape.terminal` before rich makes it a ``Text``
(rich drops BEL, BS, VT, FF and CR there: a control is shown as a picture, never lost)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from zicli.engine.review import ReviewReport
from zicli.errors import Problem
from zicli.i18n import _
from zicli.models.answers import AnswerRecord, answer_to_text
from zicli.models.criteria import TOTAL
from zicli.render.common import (
    BLANK_MSG,
    MET_MSG,
    NOT_MET_MSG,
    TOTAL_LABEL_MSG,
    actual_text,
    num,
    required_text,
    signed,
)
from zicli.render.console import report_table, to_text
from zicli.render.escape import terminal, terminal_keep_lines
from zicli.render.options import RenderOptions

from . import layer_label

_SUMMARY_KINDS = {"komponen", "aspek", "area", "subkomponen"}
_DEPTH = {"komponen": 0, "aspek": 1, "area": 2, "subkomponen": 2}


def _answer(record: AnswerRecord | None) -> str:
    if record is None:
        return _(BLANK_MSG)
    text = answer_to_text(record.value)
    return _("counts") if len(text) > 9 else terminal(text)


def _scores(report: ReviewReport) -> Table:
    index = report.results[0].card.index
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column(_("Component / Area"), ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(_("Weight"), justify="right", no_wrap=True)
    for layer in report.layers:
        table.add_column(Text(layer_label(layer.name)), justify="right", no_wrap=True)
    for node in index.nodes.values():
        if node.kind not in _SUMMARY_KINDS:
            continue
        table.add_row(
            Text(terminal(node.id)),
            Text("  " * _DEPTH[node.kind] + terminal(node.label)),
            num(index.weights.get(node.id)),
            *(num(r.card.scores[node.id]) for r in report.results),
        )
    table.add_section()
    table.add_row(
        "TOTAL",
        _(TOTAL_LABEL_MSG),
        num(index.weights[TOTAL]),
        *(num(r.card.total) for r in report.results),
    )
    return table


def _verdicts(report: ReviewReport) -> Table:
    table = report_table()
    table.add_column(_("Condition"), ratio=1, overflow="fold")
    table.add_column(_("Minimum"), justify="right", no_wrap=True)
    for layer in report.layers:
        table.add_column(Text(layer_label(layer.name)), justify="right", no_wrap=True)
    table.add_row(
        _("Predicate (* provisional: some answers are blank)")
        if any(r.verdict.provisional for r in report.results)
        else _("Predicate"),
        "",
        *(
            Text((r.verdict.predicate or _("not yet")) + ("*" if r.verdict.provisional else ""))
            for r in report.results
        ),
    )
    first = report.results[0].verdict
    for i, predicate in enumerate(first.results):
        table.add_section()
        table.add_row(
            Text(
                _("Conditions of {predicate}").format(predicate=terminal(predicate.name)),
                style="bold",
            ),
            "",
            *(_(MET_MSG) if r.verdict.results[i].met else _(NOT_MET_MSG) for r in report.results),
        )
        for j, cond in enumerate(predicate.conditions):
            cells = []
            for r in report.results:
                theirs = r.verdict.results[i].conditions[j]
                cells.append(actual_text(theirs) + ("" if theirs.met else " x"))
            table.add_row(Text(terminal(cond.description)), required_text(cond), *cells)
    return table


def _differences(report: ReviewReport) -> list[RenderableType]:
    if not report.differences:
        return [Text(_("No answer was changed or given a note by an evaluator."))]
    changed = sum(1 for d in report.differences if d.changed)
    head = _(
        "Answers changed by evaluators ({changed}) and notes ({unchanged} without a change):"
    ).format(changed=changed, unchanged=len(report.differences) - changed)
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column(_("Layer"), no_wrap=True)
    table.add_column(_("Old"), justify="center", no_wrap=True)
    table.add_column(_("New"), justify="center", no_wrap=True)
    table.add_column(_("Effect"), justify="right", no_wrap=True)
    table.add_column(_("Note"), ratio=1, overflow="fold")
    for d in report.differences:
        table.add_row(
            Text(terminal(d.id)),
            Text(f"{layer_label(d.below)}→{layer_label(d.layer)}"),
            Text(_answer(d.before)),
            Text(_answer(d.after) if d.changed else _("same")),
            signed(d.effect) if d.changed else "",
            # a note's own line breaks are kept: it is laid out in its cell
            Text(terminal_keep_lines(d.note or "")),
        )
    return [Text(head), table]


def _follow_up(report: ReviewReport) -> list[RenderableType]:
    if not report.progress:
        return []
    table = report_table()
    table.add_column("PIC", ratio=1, overflow="fold")
    table.add_column(_("Open"), justify="right", no_wrap=True)
    table.add_column(_("Done"), justify="right", no_wrap=True)
    table.add_column(_("Overdue"), justify="right", no_wrap=True)
    for p in report.progress:
        table.add_row(Text(terminal(p.pic)), str(p.open), str(p.done), str(p.overdue))
    out: list[RenderableType] = [
        Text(""),
        Text(_("Follow-up per PIC (as of {date}):").format(date=report.today.isoformat())),
        table,
    ]
    late = [i for i in report.follow_ups if i.overdue]
    for item in late:
        due = item.follow_up.due.isoformat() if item.follow_up.due else "-"
        out.append(
            Text(
                _("overdue: {question} ({layer}), {pic}, due {due}").format(
                    question=terminal(item.id),
                    layer=layer_label(item.layer),
                    pic=terminal(item.follow_up.pic),
                    due=due,
                )
            )
        )
    return out


def render(report: ReviewReport, options: RenderOptions) -> str:
    """The layers side by side, as text."""
    card = report.results[0].card
    files = [
        Text(
            f"{layer_label(layer.name)}: {terminal(layer.file)}"
            + (f" ({terminal(layer.reviewer)})" if layer.reviewer else "")
        )
        for layer in report.layers
    ]
    parts: list[RenderableType] = [
        Text(terminal(card.unit.name), style="bold"),
        Text(
            " · ".join(
                (
                    _("Review layers"),
                    _("period {period}").format(period=card.unit.period),
                    terminal(card.index.criteria.short_title),
                )
            )
        ),
        *files,
        Text(""),
        _scores(report),
        Text(""),
        _verdicts(report),
        Text(""),
        *_differences(report),
        *_follow_up(report),
    ]
    return to_text(parts, options)


class _Formatter:
    """``--format table``."""

    def review(self, report: ReviewReport, options: RenderOptions) -> str:
        """See :func:`render`."""
        return render(report, options)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Tables leave invalid input to the stderr lines."""
        return None


FORMATTER = _Formatter()
