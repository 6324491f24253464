"""A folder's dashboard as one self-contained HTML page (inline CSS, SVG and script).

One row per unit (its latest period, or the period asked for) in a table a small
inline script sorts and filters; without the script the table is still complete and
in order of total. Beside it: the count per predicate, the distribution of totals,
a heat map of units x areas (percent of the area's weight, coloured against the
pack's 60 %/75 % lines) and, for units with several periods, a sparkline of totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from zicli import __version__
from zicli.engine.assess import Assessment
from zicli.i18n import _
from zicli.render.common import BELUM_MSG, num, predicate_label
from zicli.render.dashboard import Dashboard

if TYPE_CHECKING:
    from zicli.engine.index import CriteriaIndex
    from zicli.errors import Problem


BINS = ((Fraction(0), Fraction(60)), *((Fraction(b), Fraction(b + 5)) for b in range(60, 100, 5)))


def _bin(total: Fraction) -> int:
    """The histogram bin of a total: under 60, then 60-65 ... 95-100 (100 in the last)."""
    whole = total.numerator // total.denominator
    return 0 if whole < 60 else min(len(BINS) - 1, 1 + (whole - 60) // 5)


def dashboard(board: Dashboard) -> str:
    """The dashboard page."""
    from zicli.render.htmlkit import render

    return render("dashboard.html.j2", d=_context(board))


class Formatter:
    """The ``dashboard`` view's ``html`` format (see :mod:`zicli.render.registry`)."""

    def dashboard(self, board: Dashboard) -> str:
        """The dashboard page."""
        return dashboard(board)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Nothing on stdout: the located lines on stderr say it all."""
        return None


FORMATTER = Formatter()


def _short_words(a: Assessment) -> str:
    """What falls short of the next predicate, in words ('' at the top)."""
    nxt = a.verdict.next
    if nxt is None:
        return ""
    failed = nxt.failed()
    if not failed:
        return _("score conditions of {predicate} met").format(predicate=nxt.name)
    return f"{nxt.name}: " + "; ".join(c.description for c in failed)


def _areas(index: CriteriaIndex) -> list[tuple[str, str, str | None, tuple[str, ...], Fraction]]:
    """A pack's areas as the heat map's columns: (key shared across packs, label, group
    member or None, nodes, weight). The keys are ``zi diff``'s figure keys, which depend
    on the pack only, so they are read once from an empty scorecard (same order)."""
    from zicli.engine.diff import AREA_GROUP, figures
    from zicli.engine.score import score
    from zicli.engine.unit import BoundUnit
    from zicli.models.answers import Unit

    empty = score(BoundUnit(index, Unit(name="-", period="2026"), {}))
    keys = [f.key for f in figures(empty) if f.kind == "area"]
    group = next((g for g in index.criteria.groups if g.id == AREA_GROUP), None)
    areas: list[tuple[str, str | None, tuple[str, ...], Fraction]]
    if group is not None:
        areas = [
            (m.name, m.id, m.nodes, sum((index.weights[n] for n in m.nodes), Fraction(0)))
            for m in group.members
        ]
    else:
        areas = [
            (n.label, None, (n.id,), index.weights[n.id])
            for n in index.criteria.walk()
            if n.kind == "area"
        ]
    return [(key, *area) for key, area in zip(keys, areas, strict=True)]


def _context(board: Dashboard) -> dict[str, Any]:
    from zicli.engine.diff import AREA_GROUP, unit_key
    from zicli.render.htmlkit import level, markup
    from zicli.render.htmlkit.svg import histogram, sparkline
    from zicli.render.report.html import lines_of

    by_unit: dict[str, list[Assessment]] = {}
    for a in board.assessments:
        by_unit.setdefault(unit_key(a.card.unit.name), []).append(a)
    shown: list[tuple[Assessment, list[Assessment]]] = []
    for history in by_unit.values():
        history.sort(key=lambda a: a.card.unit.period_value)
        if board.period is None:
            shown.append((history[-1], history))
        else:
            shown += [(a, history) for a in history if a.card.unit.period == board.period]
    shown.sort(key=lambda item: (-item[0].card.total, item[0].card.unit.name, item[0].source))

    columns: dict[str, str] = {}
    lines_by_pack: dict[str, tuple[Fraction, ...]] = {}
    areas_by_pack: dict[str, list[tuple[str, str, str | None, tuple[str, ...], Fraction]]] = {}
    bins = [0] * len(BINS)
    rows = []
    for a, history in shown:
        card = a.card
        index = card.index
        if index.id not in lines_by_pack:
            lines_by_pack[index.id] = tuple(p for p, _ in lines_of(index, AREA_GROUP))
            areas_by_pack[index.id] = _areas(index)
        lines = lines_by_pack[index.id]
        cells: dict[str, dict[str, Any]] = {}
        for key, label, member, nodes, weight in areas_by_pack[index.id]:
            columns.setdefault(key, label)
            value = (
                card.groups[AREA_GROUP][member] if member is not None else card.scores.sum_of(nodes)
            )
            percent = value / weight * 100 if weight else None
            cells[key] = {"percent": percent, "level": level(percent, lines)}
        bins[_bin(card.total)] += 1
        totals = [h.card.total for h in history]
        rows.append(
            {
                "file": a.source,
                "name": card.unit.name,
                "instansi": card.unit.instansi or "",
                "period": card.unit.period,
                "period_sort": card.unit.period_value.start.isoformat(),
                "pack": index.criteria.short_title,
                "total": card.total,
                "predicate": predicate_label(a.verdict),
                "predicate_id": a.verdict.predicate or "",
                "rank": [r.id for r in a.verdict.results].index(a.verdict.predicate) + 1
                if a.verdict.predicate
                else 0,
                "provisional": a.verdict.provisional,
                "short": _short_words(a),
                "answered": card.answered,
                "questions": card.question_count,
                "cells": cells,
                "spark": markup(
                    sparkline(
                        totals,
                        _("Total score {values}").format(
                            values=", ".join(
                                f"{h.card.unit.period} {num(h.card.total)}" for h in history
                            )
                        ),
                    )
                ),
                "periods": len(history),
            }
        )
    names: dict[str, int] = {}
    for a, _history in shown:
        label = predicate_label(a.verdict)
        names[label] = names.get(label, 0) + 1
    order = sorted(names, key=lambda n: (n == _(BELUM_MSG), n))
    counts = [(n, names[n]) for n in order]
    counted = [
        (f"< {int(high)}" if low == 0 else f"{int(low)}-{int(high)}", n)
        for (low, high), n in zip(BINS, bins, strict=True)
    ]
    return {
        "title": board.title or _("Zona Integritas dashboard"),
        "version": __version__,
        "period": board.period,
        "rows": rows,
        "columns": list(columns.items()),
        "counts": counts,
        "histogram": markup(histogram(counted, _("Distribution of total scores"))),
        "invalid": board.invalid,
        "files": len(board.assessments),
        "units": len(by_unit),
        "packs": sorted({a.card.index.criteria.short_title for a, _history in shown}),
        "lines": {pid: [num(x) for x in v] for pid, v in lines_by_pack.items() if v},
    }
