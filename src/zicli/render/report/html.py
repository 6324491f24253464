"""A unit's report as one self-contained HTML page (inline CSS and SVG, no network).

Sections, in order: identity and period; the verdict with every condition as a bar;
komponen and areas (pemenuhan and reform against the pack's 60 %/75 % lines); the
standing per strategy where the pack has strategies; what falls short and the plan
to the next predicate; the trend over the periods given; per area every question
with its answer, the option's meaning, value, evidence and note; a signature block.
Printing it on A4 (or "Save as PDF") gives the Tim Kerja's document.

Extension point: a later layer (e.g. reviews of the answers) adds a section as a
template under ``templates/sections/`` and its name to :data:`SECTIONS`, with its
data on :class:`UnitReport`; nothing here stands in for it until it exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from zicli import __version__
from zicli.engine.assess import Assessment
from zicli.engine.diff import AREA_GROUP
from zicli.engine.verdict import ConditionResult
from zicli.i18n import _
from zicli.models.answers import OptionAnswer, answer_to_text
from zicli.models.criteria import TOTAL, Node
from zicli.render.common import (
    BLANK_MSG,
    STATE,
    TOTAL_LABEL_MSG,
    actual_text,
    margin_text,
    num,
    predicate_label,
    required_text,
)
from zicli.render.report import UnitReport

if TYPE_CHECKING:
    from zicli.engine.index import CriteriaIndex
    from zicli.engine.plan import Plan
    from zicli.engine.review import ReviewReport
    from zicli.errors import Problem

SECTIONS = (
    "identity",
    "verdict",
    "areas",
    "strategies",
    "plan",
    "trend",
    "review",
    "questions",
    "signature",
)
"""The report's sections in page order, each a template ``sections/<name>.html.j2``."""


def unit_report(report: UnitReport) -> str:
    """The unit's report page."""
    from zicli.render.htmlkit import render

    return render("report.html.j2", r=_context(report), sections=SECTIONS)


class Formatter:
    """The ``report`` view's ``html`` format (see :mod:`zicli.render.registry`)."""

    def report(self, report: UnitReport) -> str:
        """The unit's report page."""
        return unit_report(report)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Nothing on stdout: the located lines on stderr say it all."""
        return None


FORMATTER = Formatter()


def lines_of(index: CriteriaIndex, group: str) -> tuple[tuple[Fraction, str], ...]:
    """The pack's bars on each member of a group, as percents of its weight, with the
    predicate they belong to (90/2021: 60 % Menuju WBK, 75 % Menuju WBBM)."""
    out: dict[Fraction, str] = {}
    for predicate in index.criteria.predicates:
        for cond in predicate.conditions:
            if cond.each == group and cond.min_fraction is not None:
                out.setdefault(Fraction(cond.min_fraction) * 100, predicate.id)
    return tuple(sorted(out.items()))


def area_rows(assessment: Assessment) -> list[dict[str, Any]]:
    """The pack's areas with their parts (pemenuhan and reform where the pack groups
    them), each as score, weight and percent of weight."""
    card = assessment.card
    index = card.index
    group = next((g for g in index.criteria.groups if g.id == AREA_GROUP), None)
    rows: list[dict[str, Any]] = []
    if group is not None:
        for member in group.members:
            weight = sum((index.weights[n] for n in member.nodes), Fraction(0))
            score = card.groups[group.id][member.id]
            parts = []
            for node_id in member.nodes:
                parent = index.nodes.get(index.parents.get(node_id, ""))
                parts.append(
                    {
                        "id": node_id,
                        "name": parent.label.capitalize() if parent else node_id,
                        "score": card.scores[node_id],
                        "weight": index.weights[node_id],
                        "share": card.scores[node_id] / weight * 100 if weight else Fraction(0),
                    }
                )
            rows.append(_row(member.id, member.name, score, weight, parts, member.nodes))
    else:
        for node in index.criteria.walk():
            if node.kind == "area":
                weight = index.weights[node.id]
                score = card.scores[node.id]
                part = {
                    "id": node.id,
                    "name": node.label,
                    "score": score,
                    "weight": weight,
                    "share": score / weight * 100 if weight else Fraction(0),
                }
                rows.append(_row(node.id, node.label, score, weight, [part], (node.id,)))
    return rows


def _row(
    key: str,
    name: str,
    score: Fraction,
    weight: Fraction,
    parts: list[dict[str, Any]],
    nodes: Sequence[str],
) -> dict[str, Any]:
    return {
        "key": key,
        "name": name,
        "score": score,
        "weight": weight,
        "percent": score / weight * 100 if weight else None,
        "parts": parts,
        "nodes": tuple(nodes),
    }


def _condition(index: CriteriaIndex, cond: ConditionResult) -> dict[str, Any]:
    from zicli.render.htmlkit import markup
    from zicli.render.htmlkit.svg import condition_bar

    bar = None
    if cond.required is not None:
        top = _top(index, cond)
        bar = markup(condition_bar(cond.actual, cond.required, top, cond.met))
    return {
        "id": cond.id,
        "description": cond.description,
        "required": required_text(cond),
        "actual": actual_text(cond),
        "margin": margin_text(cond),
        "met": cond.met,
        "bar": bar,
        "uncertain": cond.confidence is not None and not cond.confidence.lower().startswith("high"),
    }


def _top(index: CriteriaIndex, cond: ConditionResult) -> Fraction:
    """The end of a condition's bar: the tested node's weight, a survey's maximum, or
    (a group member) a quarter above the larger of bar and value."""
    assert cond.required is not None
    node = index.nodes.get(cond.node or "")
    if node is not None and node.kind == "butir":
        top = index.answer_type(node).max
        if top is not None and cond.required <= Fraction(top):
            return Fraction(top)
    if cond.node is not None and cond.node in index.weights:
        return index.weights[cond.node]  # the total's node is TOTAL, in the weights too
    return max(cond.required, cond.actual or Fraction(0)) * Fraction(5, 4)


def _meaning(index: CriteriaIndex, question: Node, key: str) -> str | None:
    for text in question.options:
        if text.key.casefold() == key.casefold():
            return text.meaning
    for option in index.answer_type(question).options:
        if option.key.casefold() == key.casefold():
            return option.meaning
    return None


def _evidence(items: Sequence[str], base: str) -> list[dict[str, Any]]:
    from zicli.render.htmlkit import file_href

    return [{"text": item, "href": file_href(item, base)} for item in items]


def _questions(
    index: CriteriaIndex, assessment: Assessment, root_ids: Sequence[str], base: str
) -> list[dict[str, Any]]:
    card = assessment.card
    rows: list[dict[str, Any]] = []
    for root in root_ids:
        for node in index.nodes[root].walk():
            if node.kind != "butir":
                if node.children and node.children[0].kind == "butir":
                    rows.append({"heading": True, "id": node.id, "name": node.label})
                continue
            record = card.answers.get(node.id)
            value = card.values[node.id]
            answer = None if record is None else answer_to_text(record.value)
            meaning = None
            if record is not None and isinstance(record.value, OptionAnswer):
                meaning = _meaning(index, node, record.value.key)
            elif record is not None and node.computed is not None:
                meaning = _("count inputs")
            rows.append(
                {
                    "heading": False,
                    "id": node.id,
                    "text": node.text or node.label,
                    "answer": answer,
                    "meaning": meaning,
                    "value": None if value is None else num(value * 100),
                    "evidence": _evidence(record.evidence if record else (), base),
                    "note": record.note if record else None,
                }
            )
    return rows


def _sections(index: CriteriaIndex, assessment: Assessment, base: str) -> list[dict[str, Any]]:
    """The question pages: one per area (pemenuhan and reform together where the pack
    groups them), then the components no area covers (hasil)."""
    out = []
    covered: set[str] = set()
    for row in area_rows(assessment):
        out.append(
            {
                "title": row["name"],
                "score": row["score"],
                "weight": row["weight"],
                "rows": _questions(index, assessment, row["nodes"], base),
            }
        )
        for node_id in row["nodes"]:
            covered.update(n.id for n in index.nodes[node_id].walk())
    for top in index.criteria.nodes:
        if top.id in covered or any(n.id in covered for n in top.walk()):
            continue
        out.append(
            {
                "title": f"{top.id} {top.label}",
                "score": assessment.card.scores[top.id],
                "weight": index.weights[top.id],
                "rows": _questions(index, assessment, (top.id,), base),
            }
        )
    return out


def _komponen(index: CriteriaIndex, assessment: Assessment) -> list[dict[str, Any]]:
    card = assessment.card
    out = []
    for node in index.criteria.walk():
        if node.kind in ("butir", "subarea"):
            continue
        weight = index.weights.get(node.id)
        score = card.scores[node.id]
        out.append(
            {
                "id": node.id,
                "name": node.label,
                "depth": len(index.area_path(node.id)) - 1,
                "score": score,
                "weight": weight,
                "percent": score / weight * 100 if weight else None,
            }
        )
    return out


def _plan(plan: Plan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    from zicli.render.plan import blocker_lines, facts_line, headline  # one wording with zi plan

    return {
        "target": plan.target.name,
        "headline": headline(plan),
        "facts": facts_line(plan),
        "feasible": plan.feasible,
        "already": plan.already_met,
        "steps": [
            {
                "id": s.question.id,
                "text": s.question.text or s.question.label,
                "current": _(BLANK_MSG) if s.current is None else answer_to_text(s.current),
                "proposed": answer_to_text(s.proposed),
                "gain": s.gain,
                "set": s.set_text,
                "illustrative": s.illustrative,
            }
            for s in plan.steps
        ],
        "after_total": plan.after.card.total,
        "after_predicate": predicate_label(plan.after.verdict),
        "blockers": [blocker_lines(b, plan) for b in plan.blockers],
    }


def _trend(history: Sequence[Assessment]) -> dict[str, Any] | None:
    if len(history) < 2:
        return None
    from zicli.engine.diff import trend
    from zicli.render.htmlkit import markup
    from zicli.render.htmlkit.svg import line_chart

    result = trend(history)
    total = next(r for r in result.rows if r.key == TOTAL)
    return {
        "periods": result.periods,
        "predicates": [predicate_label(p.verdict) for p in result.points],
        "rows": [
            {"label": _("Total score") if r.key == TOTAL else r.label, "vals": r.values}
            for r in result.rows
        ],
        "chart": markup(line_chart(result.periods, total.values, _("Total score per period"))),
    }


def _strategies(assessment: Assessment) -> dict[str, Any] | None:
    from zicli.engine.strategies import standings
    from zicli.render.htmlkit import markup
    from zicli.render.htmlkit.svg import BarRow, bar_chart

    found = standings(assessment.card)
    if not found:
        return None
    rows = [s for s in found if s.percent is not None]
    weakest = min(rows, key=lambda s: s.percent or Fraction(0)) if rows else None
    chart = bar_chart(
        [
            BarRow(s.name, ((s.name, s.percent or Fraction(0)),), s.percent or Fraction(0))
            for s in rows
        ],
        (),
        _("Achievement per strategy (percent of the maximum of its questions)"),
    )
    return {
        "rows": found,
        "weakest": weakest,
        "chart": markup(chart),
        "unserved": len(assessment.card.index.questions) - sum(len(s.questions) for s in found),
    }


def _review(review: ReviewReport | None) -> dict[str, Any] | None:
    """The review layers as ``zi review`` compares them: nothing is computed here."""
    if review is None:
        return None
    from zicli.render.review import layer_label as label

    def answer(record: Any) -> str:
        return _(BLANK_MSG) if record is None else answer_to_text(record.value)

    index = review.results[0].card.index
    pairs = list(zip(review.layers, review.results, strict=True))
    nodes = [n for n in index.criteria.walk() if n.kind not in ("butir", "subarea")]
    overdue = {(i.layer, i.id): i.overdue for i in review.follow_ups}
    return {
        "today": review.today.isoformat(),
        "layers": [
            {
                "name": layer.name,
                "label": label(layer.name),
                "reviewer": layer.reviewer,
                "file": layer.file,
                "total": result.card.total,
                "predicate": predicate_label(result.verdict),
                "predicate_id": result.verdict.predicate,
            }
            for layer, result in pairs
        ],
        "nodes": [
            {
                "id": node.id,
                "name": node.label,
                "depth": len(index.area_path(node.id)) - 1,
                "scores": [(layer.name, result.card.scores[node.id]) for layer, result in pairs],
            }
            for node in nodes
        ],
        "differences": [
            {
                "id": d.id,
                "layer": d.layer,
                "label": label(d.layer),
                "below": label(d.below),
                "before": answer(d.before),
                "after": answer(d.after),
                "changed": d.changed,
                "effect": d.effect,
                "note": d.note,
                "pic": d.follow_up.pic if d.follow_up else None,
                "status": d.follow_up.status if d.follow_up else None,
                "due": d.follow_up.due.isoformat() if d.follow_up and d.follow_up.due else None,
                "overdue": overdue.get((d.layer, d.id), False),
            }
            for d in review.differences
        ],
        "progress": review.progress,
    }


def _context(report: UnitReport) -> dict[str, Any]:
    from zicli.render.htmlkit import markup
    from zicli.render.htmlkit.svg import BarRow, bar_chart

    a = report.assessment
    card, verdict = a.card, a.verdict
    index = card.index
    criteria = index.criteria
    unit = card.unit
    lines = lines_of(index, AREA_GROUP)
    areas = area_rows(a)
    chart = bar_chart(
        [
            BarRow(
                row["name"],
                tuple((p["name"], p["share"]) for p in row["parts"]),
                row["percent"] or Fraction(0),
            )
            for row in areas
        ],
        [(pct, f"{num(pct).split('.')[0]} % {pid}") for pct, pid in lines],
        _("Area achievement (percent of the area's weight)"),
    )
    next_result = verdict.next
    short = [] if next_result is None else [_condition(index, c) for c in next_result.failed()]
    prerequisites = [
        p
        for p in verdict.prerequisites
        if not p.met and (next_result is None or not p.predicates or next_result.id in p.predicates)
    ]
    status = criteria.status
    return {
        "unit": unit,
        "source": a.source,
        "criteria": criteria,
        "status": _(STATE.get(status.state, status.state))
        + (f" {status.repealed_on}" if status.repealed_on else ""),
        "blank": _("counted as 0")
        if card.blank == "zero"
        else _("skipped (mean of the answered questions)"),
        "blank_skip": card.blank == "skip",
        "version": __version__,
        "period_text": _("period {period}").format(period=unit.period),
        "total": card.total,
        "total_label": _(TOTAL_LABEL_MSG),
        "total_weight": index.weights[TOTAL],
        "predicate": predicate_label(verdict),
        "predicate_id": verdict.predicate,
        "provisional": verdict.provisional,
        "predicates": [
            {
                "id": r.id,
                "name": r.name,
                "met": r.met,
                "conditions": [_condition(index, c) for c in r.conditions],
            }
            for r in verdict.results
        ],
        "prerequisites": verdict.prerequisites,
        "gates": verdict.gates,
        "komponen": _komponen(index, a),
        "areas": areas,
        "area_chart": markup(chart),
        "lines": lines,
        "strategies": _strategies(a),
        "next": next_result,
        "short": short,
        "short_prerequisites": prerequisites,
        "plan": _plan(report.plan),
        "trend": _trend(report.history),
        "review": _review(report.review),
        "sections": _sections(index, a, report.evidence_base),
        "answered": card.answered,
        "questions": card.question_count,
        "warnings": card.warnings,
    }
