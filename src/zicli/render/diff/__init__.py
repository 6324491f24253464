"""``zi diff`` and ``zi trend`` output formats (the two views share a module per
format: ``table.py``, ``json.py``, ``markdown.py``, and ``csv.py`` for trend).

A format module exposes ``DIFF_FORMATTER`` and/or ``TREND_FORMATTER`` (see
:mod:`zicli.render.contracts`), listed in :mod:`zicli.render.registry`. Like the
score formats, they return text and never print.

The helpers here are shared by the formats: how a delta, an arrow, a sparkline,
an answer and a cause are written. Display rounding stays the one rule of
:func:`zicli.engine.exact.rounded` (2 places, half up).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from zicli.engine.assess import Assessment
from zicli.engine.diff import Cause, CriteriaChange, Trend, UnitDiff
from zicli.engine.exact import rounded
from zicli.i18n import N_, _
from zicli.models.answers import Answer, CountsAnswer, answer_to_text
from zicli.render.common import BLANK_MSG, predicate_label, signed, unit_facts
from zicli.render.escape import as_is
from zicli.render.numbers import exact_text

SPARKS = "▁▂▃▄▅▆▇█"
UP, DOWN, SAME = "▲", "▼", "="

CAUSE_LABELS: dict[Cause, str] = {
    "answer": N_("answer"),
    "added": N_("answered"),
    "removed": N_("emptied"),
    "counts": N_("count inputs"),
    "survey": N_("survey index"),
}
"""How each cause reads in tables, translated by :func:`cause_label` (JSON keeps the
English codes)."""


def cause_label(cause: Cause) -> str:
    """A cause as tables write it, in the language in use."""
    return _(CAUSE_LABELS[cause])


def delta_text(delta: Fraction | None) -> str:
    """``+1.25`` / ``-0.40`` / ``0.00``; a change that 2 places would hide is written
    exactly (``-0.004``), so a drop never reads as zero."""
    if delta is None:
        return "-"
    if delta == 0:
        return "0.00"
    if rounded(delta) == 0:
        return ("+" if delta > 0 else "-") + exact_text(abs(delta), 6)
    return signed(delta)


def arrow(delta: Fraction | None) -> str:
    """▲ up, ▼ down, = unchanged, nothing when a side is missing."""
    if delta is None:
        return ""
    return UP if delta > 0 else DOWN if delta < 0 else SAME


def direction(delta: Fraction | int | None) -> str:
    """``up``, ``down`` or ``same`` (``None`` for a missing side)."""
    if delta is None:
        return "none"
    return "up" if delta > 0 else "down" if delta < 0 else "same"


def sparkline(values: Sequence[Fraction | None]) -> str:
    """One block character per value, scaled between the row's lowest and highest
    (a flat row sits mid-height); a space for a missing value."""
    present = [v for v in values if v is not None]
    if not present:
        return " " * len(values)
    low, high = min(present), max(present)
    top = len(SPARKS) - 1
    out = []
    for value in values:
        if value is None:
            out.append(" ")
        elif high == low:
            out.append(SPARKS[top // 2])
        else:
            step = (value - low) / (high - low) * top
            out.append(SPARKS[int(step + Fraction(1, 2))])  # half up, exact
    return "".join(out)


def answer_text(answer: Answer | None) -> str:
    """An answer as reports write it, ``kosong`` for a blank one."""
    return _(BLANK_MSG) if answer is None else answer_to_text(answer)


def short_answer(answer: Answer | None) -> str:
    """An answer for a narrow column: count inputs read ``isian`` (listed apart)."""
    if isinstance(answer, CountsAnswer):
        return _("counts")
    return answer_text(answer)


def answer_pair(old: Answer | None, new: Answer | None) -> tuple[str, str]:
    """Old and new answer as text; of count inputs only the fields that changed."""
    if isinstance(old, CountsAnswer) and isinstance(new, CountsAnswer):
        fields = [f for f in new.counts if old.counts.get(f) != new.counts[f]]
        return (
            ", ".join(f"{f}={old.counts.get(f, '-')}" for f in fields),
            ", ".join(f"{f}={new.counts[f]}" for f in fields),
        )
    return answer_text(old), answer_text(new)


def counts_detail(old: Answer | None, new: Answer | None) -> list[str]:
    """The count fields that changed, ``field old -> new``."""
    before = old.counts if isinstance(old, CountsAnswer) else {}
    after = new.counts if isinstance(new, CountsAnswer) else {}
    fields = list(after) + [f for f in before if f not in after]
    return [
        f"{f} {before.get(f, '-')} -> {after.get(f, '-')}"
        for f in fields
        if before.get(f) != after.get(f)
    ]


def verdict_label(result: Assessment) -> str:
    """'Menuju WBK', 'Belum memenuhi'; marked when the verdict is provisional."""
    label = predicate_label(result.verdict)
    if result.verdict.provisional:
        return _("{predicate} (provisional)").format(predicate=label)
    return label


def predicate_short(result: Assessment) -> str:
    """The predicate id ('WBK'), or 'Belum'."""
    return result.verdict.predicate or _("no predicate")


def predicate_change_word(diff: UnitDiff) -> str:
    """naik / turun / tetap."""
    step = diff.predicate_step
    return _("up") if step > 0 else _("down") if step < 0 else _("unchanged")


def trend_labels(trend: Trend, escape: Callable[[str], str] = as_is) -> tuple[str, ...]:
    """The column label of each point of a trend: its period, with its layer
    (``2026-Q1 (tpi)``, ``2026-Q1 (mandiri)``) where a review layer shares it (a
    layer's name is the pack's text, through ``escape``)."""
    from zicli.render.review import layer_label

    reviewed = {p.card.unit.period for p in trend.points if p.layer is not None}
    return tuple(
        f"{p.card.unit.period} ({escape(layer_label(p.layer or 'unit'))})"
        if p.card.unit.period in reviewed
        else p.card.unit.period
        for p in trend.points
    )


def periods_text(diff: UnitDiff, escape: Callable[[str], str] = as_is) -> str:
    """``2026-Q1 -> 2026-Q2``; two layers of one period by layer: ``mandiri -> tpi
    (2026-Q1)`` (a layer's name is the pack's text, through ``escape``)."""
    from zicli.render.review import side_labels

    labels = side_labels(diff.old, diff.new)
    if labels is not None:
        return f"{escape(labels[0])} -> {escape(labels[1])} ({diff.new.card.unit.period})"
    return f"{diff.old.card.unit.period} -> {diff.new.card.unit.period}"


def criteria_text(diff: UnitDiff, escape: Callable[[str], str] = as_is) -> str:
    """The pack(s) compared: one name, or ``old -> new`` (the packs' texts through
    ``escape``, for the medium written to)."""
    old, new = diff.old.card.index, diff.new.card.index
    if diff.criteria_change is None:
        return escape(new.criteria.short_title)
    if diff.criteria_change == "pack":
        return f"{escape(old.criteria.short_title)} -> {escape(new.criteria.short_title)}"
    versions = f"v{escape(str(old.criteria.version))} -> v{escape(str(new.criteria.version))}"
    return f"{escape(new.id)} {versions}"


_CRITERIA_WORDS: dict[CriteriaChange, str] = {
    "pack": N_("Different criteria"),
    "version": N_("Another version of the criteria pack"),
    "content": N_("Different content of the criteria pack (same id and version)"),
}


def criteria_note(diff: UnitDiff, escape: Callable[[str], str] = as_is) -> str | None:
    """The plain statement that the packs differ, and whether questions can be
    compared; None for one pack."""
    if diff.criteria_change is None:
        return None
    if diff.question_level:
        return _(
            "{difference}: {criteria}. Both score alike (same questions, weights and answer "
            "types): answers are compared question by question."
        ).format(
            difference=_(_CRITERIA_WORDS[diff.criteria_change]),
            criteria=criteria_text(diff, escape),
        )
    return _(
        "{difference}: {criteria}. Question-level comparison is not possible: only the "
        "total, the components, the areas and the hasil parts are compared."
    ).format(
        difference=_(_CRITERIA_WORDS[diff.criteria_change]), criteria=criteria_text(diff, escape)
    )


def side_facts(diff: UnitDiff) -> list[tuple[str, list[str]]]:
    """Each side's unit header, as ``zi score`` shows it (:func:`unit_facts`): the
    side's label (Lama, Baru, as the tables' columns) and its facts, unescaped."""
    return [(_("Old"), unit_facts(diff.old)[1]), (_("New"), unit_facts(diff.new)[1])]


def unit_name(diff: UnitDiff, escape: Callable[[str], str] = as_is) -> str:
    """The unit's name, ``old -> new`` when it was renamed (each name through
    ``escape``, for the medium written to)."""
    old, new = diff.old.card.unit.name, diff.new.card.unit.name
    return escape(new) if old == new else f"{escape(old)} -> {escape(new)}"
