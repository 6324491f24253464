"""``zi evidence``: coverage per area, then what is missing or at risk. Text from files
is escaped with :func:`~zicli.render.escape.terminal` before rich makes it a ``Text``
(rich drops BEL, BS, VT, FF and CR there: a control is shown as a picture, never lost)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from zicli.engine.evidence import (
    LINK_MALFORMED,
    LINK_TIMEOUT,
    LINK_UNREACHABLE,
    STATUSES,
    EvidenceReport,
    QuestionEvidence,
)
from zicli.errors import Problem
from zicli.i18n import _, ngettext
from zicli.models.answers import answer_to_text
from zicli.render.console import report_table, to_text
from zicli.render.escape import terminal
from zicli.render.options import RenderOptions

from . import STATE_LABELS, STATUS_LABELS, EvidenceView


def summary_line(report: EvidenceReport) -> str:
    """``34 jawaban tanpa data dukung (3 dengan berkas hilang)``."""
    n, missing = report.without_evidence, report.counts["hilang"]
    if missing:
        line = ngettext(
            "{n} answer without data dukung ({missing} with missing files)",
            "{n} answers without data dukung ({missing} with missing files)",
            n,
        )
    else:
        line = ngettext("{n} answer without data dukung", "{n} answers without data dukung", n)
    return line.format(n=n, missing=missing)


def _areas(report: EvidenceReport) -> Table:
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column(_("Area"), ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(_("Complete"), justify="right", no_wrap=True)
    table.add_column(_("Missing"), justify="right", no_wrap=True)
    # Translators: column headings: answers naming no data dukung; blank questions
    table.add_column(_("None given"), justify="right", no_wrap=True)
    table.add_column(_("Unanswered"), justify="right", no_wrap=True)
    table.add_column(_("At risk"), justify="right", no_wrap=True)
    for area in report.areas:
        table.add_row(
            Text(terminal(area.id)),
            Text(terminal(area.name)),
            *(str(area.counts[s]) for s in STATUSES),
            str(area.at_risk),
        )
    table.add_section()
    table.add_row(
        _("ALL AREAS"), "", *(str(report.counts[s]) for s in STATUSES), str(report.at_risk)
    )
    return table


def link_detail(detail: str) -> str:
    """Why a link is broken, in the language in use (the JSON keeps the ids)."""
    if detail == LINK_TIMEOUT:
        return _("no answer in time")
    if detail == LINK_MALFORMED:
        return _("not a link a request can be made to")
    head = LINK_UNREACHABLE + " ("
    if detail.startswith(head) and detail.endswith(")"):
        return _("unreachable ({reason})").format(reason=detail[len(head) : -1])
    return detail  # HTTP 404: the same in every language


def _entry_text(q: QuestionEvidence) -> str:
    broken = [e for e in q.entries if not e.ok]
    if broken:
        return "; ".join(
            f"{e.text} ({_(STATE_LABELS[e.state])}"
            f"{': ' + link_detail(e.detail) if e.detail else ''})"
            for e in broken
        )
    if q.hints:
        return _("needed: {hint}").format(hint=q.hints[0])
    return _("no data dukung")


def _questions(view: EvidenceView, rows: list[QuestionEvidence]) -> Table:
    card = view.result.card
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column(_("Answer"), justify="center", no_wrap=True)
    table.add_column(_("Status"), no_wrap=True)
    table.add_column(_("Data dukung"), ratio=1, overflow="fold")
    for q in rows:
        record = card.answers.get(q.id)
        answer = answer_to_text(record.value) if record else "-"
        if len(answer) > 9:
            answer = _("counts")
        status = _(STATUS_LABELS[q.status]) + (" !" if q.at_risk else "")
        table.add_row(
            Text(terminal(q.id)), Text(terminal(answer)), status, Text(terminal(_entry_text(q)))
        )
    return table


def _verify(view: EvidenceView) -> list[RenderableType]:
    changes = view.changes
    if changes is None:
        return []
    counts = _("{changed} changed, {added} added, {removed} removed, {unchanged} the same").format(
        changed=len(changes.changed),
        added=len(changes.added),
        removed=len(changes.removed),
        unchanged=changes.unchanged,
    )
    out: list[RenderableType] = [
        Text(""),
        Text(_("Manifest: {manifest}").format(manifest=terminal(str(view.manifest)))),
        Text(counts),
    ]
    if changes.clean:
        out.append(Text(_("The data dukung is the same as recorded in the manifest.")))
        return out
    table = report_table()
    table.add_column(_("Change"), no_wrap=True)
    table.add_column(_("Question"), no_wrap=True)
    table.add_column(_("File"), ratio=1, overflow="fold")
    changed, added, removed = _("changed"), _("added"), _("removed")
    for old, _new in changes.changed:
        table.add_row(changed, Text(terminal(old.question)), Text(terminal(old.path)))
    for item in changes.added:
        table.add_row(added, Text(terminal(item.question)), Text(terminal(item.path)))
    for item in changes.removed:
        table.add_row(removed, Text(terminal(item.question)), Text(terminal(item.path)))
    out.append(table)
    return out


def render(view: EvidenceView, options: RenderOptions) -> str:
    """Coverage per area; questions with missing files; answers at risk."""
    card, report = view.result.card, view.report
    unit = card.unit
    parts: list[RenderableType] = [
        Text(terminal(unit.name), style="bold"),
        Text(
            _("Data dukung · period {period} · {pack} · root: {root}").format(
                period=unit.period,
                pack=terminal(card.index.criteria.short_title),
                root=terminal(str(view.root)),
            )
        ),
        Text(""),
        _areas(report),
        Text(""),
        Text(
            ngettext(
                "{summary}; {n} answer at risk (above the lowest option without complete "
                "data dukung, marked !).",
                "{summary}; {n} answers at risk (above the lowest option without complete "
                "data dukung, marked !).",
                report.at_risk,
            ).format(summary=summary_line(report), n=report.at_risk)
        ),
    ]
    missing = [q for q in report.questions if q.status == "hilang"]
    if missing:
        parts += [Text(""), Text(_("Missing files:")), _questions(view, missing)]
    risky = [q for q in report.questions if q.at_risk and q.status != "hilang"]
    if risky and options.detail:
        parts += [Text(""), Text(_("Answers at risk:")), _questions(view, risky)]
    elif risky:
        parts.append(Text(""))
        parts.append(
            Text(_("--detail lists every answer at risk with the data dukung it asks for."))
        )
    parts += _verify(view)
    if view.written is not None:
        written = _("Manifest written: {path}").format(path=terminal(str(view.written)))
        parts += [Text(""), Text(written)]
    return to_text(parts, options)


class _Formatter:
    """``--format table``."""

    def evidence(self, view: EvidenceView, options: RenderOptions) -> str:
        """See :func:`render`."""
        return render(view, options)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Tables leave invalid input to the stderr lines."""
        return None


FORMATTER = _Formatter()
