"""What the formats share, written once: display rounding, node kinds and depths,
status words, the unit header's facts, a condition's JSON object and the JSON error
object. Escaping for each medium lives in :mod:`zicli.render.escape`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from zicli.engine.exact import rounded
from zicli.engine.verdict import ConditionResult, PredicateResult, Verdict
from zicli.i18n import N_, _, ngettext
from zicli.models.answers import answer_to_text
from zicli.models.criteria import Node
from zicli.render.numbers import exact_text

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment
    from zicli.errors import Problem

# Translators: the predicate label of a unit that reaches no predicate
BELUM_MSG = N_("Not yet met")
"""The predicate label of a unit that reaches none."""
# Translators: a condition's status in a table (the unmet one in capitals)
MET_MSG, NOT_MET_MSG = N_("met"), N_("NOT MET")
"""Status words of a condition in tables and reports."""
BLANK_MSG = N_("blank")
"""How an unanswered question reads."""
NOT_STATED_MSG = N_("not stated")
"""A prerequisite the unit does not state."""

SUMMARY_KINDS = frozenset({"komponen", "aspek", "area", "subkomponen"})
"""Node kinds a report lists without ``--detail``."""
DEPTH = {"komponen": 0, "aspek": 1, "area": 2, "subkomponen": 2, "subarea": 3, "butir": 4}
"""How far each node kind is indented in a tree."""


class _Words(Mapping[str, str]):
    """Ids -> words for people, translated when read (never at import: a module's
    constant would keep the language it was imported in)."""

    def __init__(self, words: Mapping[str, str]) -> None:
        self._words = dict(words)

    def __getitem__(self, key: str) -> str:
        return _(self._words[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


STATE: Mapping[str, str] = _Words({"in_force": N_("in force"), "repealed": N_("repealed")})
"""A pack's status, as reports say it."""


def errors_json(schema: str, problems: Sequence[Problem], file: str | None = None) -> str:
    """The ``{"schema", "errors"}`` object every JSON format prints on invalid
    input (``file`` too where the contract has it, as ``zi.score/1``)."""
    from zicli.render.jsontext import dumps

    head: dict[str, object] = {"schema": schema}
    if file is not None:
        head["file"] = file
    return dumps(head | {"errors": [p.as_dict() for p in problems]}) + "\n"


def unit_facts(result: Assessment) -> tuple[str, list[str]]:
    """A unit's name and the facts its report header lists: instansi, period, pack
    and its status, the predicate held, and for a review file its layer."""
    card = result.card
    unit = card.unit
    criteria = card.index.criteria
    details = [d for d in (unit.instansi, _("period {period}").format(period=unit.period)) if d]
    state = STATE.get(criteria.status.state) or STATE["repealed"]
    details.append(f"{criteria.short_title} ({state})")
    if card.held:
        details.append(_("predicate held: {predicate}").format(predicate=card.held))
    if result.layer is not None:
        n = result.from_unit or 0
        details.append(
            ngettext(
                "layer {layer} ({n} answer from the unit's file)",
                "layer {layer} ({n} answers from the unit's file)",
                n,
            ).format(layer=result.layer, n=result.from_unit)
        )
    return unit.name, details


BLANK_SKIP_NOTE_MSG = N_(
    "Blank questions are left out (--blank skip), as in the official workbook."
)


def provisional_text(blank: int, total: int) -> str:
    """``(sementara: 10 dari 113 butir belum dijawab)``: why a predicate is provisional."""
    return _("(provisional: {blank} of {total} questions not answered)").format(
        blank=blank, total=total
    )


def conditions_title(target: PredicateResult) -> str:
    """``Syarat Menuju WBK: 2 belum terpenuhi`` (or ``semua terpenuhi``)."""
    short = len(target.failed())
    if not short:
        return _("Conditions for {predicate}: all met").format(predicate=target.name)
    return ngettext(
        "Conditions for {predicate}: {n} not met",
        "Conditions for {predicate}: {n} not met",
        short,
    ).format(predicate=target.name, n=short)


def reconstructed_note(command: str) -> str:
    """The footnote of a bar whose pack confidence is below high (``command`` is how
    to see it, quoted for the medium)."""
    return _("threshold reconstructed, confidence below high; see {command}").format(
        command=command
    )


def shortfall_text(condition: str, actual: str, required: str) -> str:
    """An unmet condition of a stage in a line: ``Nilai total 70.00 (minimal 75.00)``."""
    return _("{condition} {actual} (minimum {required})").format(
        condition=condition, actual=actual, required=required
    )


def num(value: Fraction | None) -> str:
    """2 places, half up; '-' for nothing."""
    return "-" if value is None else f"{rounded(value)}"


def signed(value: Fraction | None) -> str:
    """A margin with its sign: +1.25 / -0.40."""
    if value is None:
        return "-"
    text = f"{rounded(value)}"
    return text if text.startswith("-") else f"+{text}"


def dec(value: Fraction | None) -> Decimal | None:
    """The display value as a Decimal (JSON numbers)."""
    return None if value is None else rounded(value)


def actual_text(cond: ConditionResult) -> str:
    """The actual value; shown exactly when 2 places would hide a shortfall
    (74.995 displays as 75.00 but does not reach 75)."""
    if cond.actual_text is not None:
        return cond.actual_text
    if cond.actual is None:
        return _(BLANK_MSG)
    if (
        not cond.met
        and cond.required is not None
        and rounded(cond.actual) >= rounded(cond.required)
    ):
        return exact_text(cond.actual, 6)
    return num(cond.actual)


def required_text(cond: ConditionResult) -> str:
    """The bar as shown."""
    return cond.required_text if cond.required_text is not None else num(cond.required)


def margin_text(cond: ConditionResult) -> str:
    """The margin as shown, never rounding a shortfall to zero."""
    margin = cond.margin
    if margin is None:
        return "-"
    if margin < 0 and rounded(margin) == 0:
        return "-" + exact_text(-margin, 6)
    return signed(margin)


def predicate_label(verdict: Verdict) -> str:
    """'Menuju WBK', 'Menuju WBBM' or 'Belum memenuhi'."""
    reached = verdict.reached
    return reached.name if reached else _(BELUM_MSG)


def required_json(cond: ConditionResult) -> Decimal | str | None:
    """A condition's bar in JSON: the 2-place number, or the pack's text for a bar
    that is not a number (a predicate held, a stage)."""
    return dec(cond.required) if cond.required_text is None else cond.required_text


def actual_json(cond: ConditionResult) -> Decimal | str | None:
    """A condition's actual value in JSON: the 2-place number, or its text."""
    return dec(cond.actual) if cond.actual_text is None else cond.actual_text


def condition_fixed(predicate: str, cond: ConditionResult) -> dict[str, object]:
    """The part of a condition's JSON object that its pack fixes: ``predicate``, ``id``,
    ``description``, ``required``, ``source``, ``confidence`` (the same for every unit
    scored by the pack)."""
    return {
        "predicate": predicate,
        "id": cond.id,
        "description": cond.description,
        "required": required_json(cond),
        "source": cond.source,
        "confidence": cond.confidence,
    }


def condition_side(cond: ConditionResult) -> dict[str, object]:
    """One unit's values of a condition in JSON: ``actual``, ``margin``, ``met``, and
    the exact ``actual_exact`` / ``margin_exact`` where there is a number (2 places can
    hide a shortfall: -0.004 shows as 0.00; ``met`` and ``margin_exact`` do not).

    ``zi score`` writes it inside the condition's object; ``zi diff`` and ``zi plan``
    write one under each side's key (``old``/``new``, ``before``/``after``)."""
    side: dict[str, object] = {
        "actual": actual_json(cond),
        "margin": dec(cond.margin),
        "met": cond.met,
    }
    if cond.actual is not None:
        side["actual_exact"] = exact_text(cond.actual)
        margin = cond.margin
        if margin is not None:
            side["margin_exact"] = exact_text(margin)
    return side


def condition_json(predicate: str, cond: ConditionResult) -> dict[str, object]:
    """A condition's object in ``zi.score/1`` (``verdict.conditions``, a gate's
    ``conditions``): the pack's part with one unit's values between ``required`` and
    ``source``. The score JSON writes the same object as fast text; a test holds the
    two to the same bytes."""
    fixed = condition_fixed(predicate, cond)
    head = {k: fixed[k] for k in ("predicate", "id", "description", "required")}
    tail = {k: fixed[k] for k in ("source", "confidence")}
    return head | condition_side(cond) | tail


def condition_sides(
    predicate: str, keys: tuple[str, str], old: ConditionResult, new: ConditionResult
) -> dict[str, object]:
    """A condition seen on two sides (``zi diff``'s old/new, ``zi plan``'s
    before/after): the pack's part (from ``new``, the side that is scored now), then
    each side's values, exactly as ``zi score`` writes them, under its key."""
    return condition_fixed(predicate, new) | {
        keys[0]: condition_side(old),
        keys[1]: condition_side(new),
    }


def uncertain(confidence: str | None) -> bool:
    """True for a rule whose pack confidence is below 'high' (reconstructed numbers)."""
    return confidence is not None and not confidence.lower().startswith("high")


@dataclass(frozen=True)
class ScoreRow:
    """One line of a unit's scores table, as every format shows it."""

    node: Node
    depth: int
    answer: str
    """The answer as written (``kosong`` when blank); empty for a node that is not a question."""
    weight: str
    score: str
    percent: str


def percent_text(score: Fraction, weight: Fraction | None) -> str:
    """A score as a percent of its weight; '-' without a weight."""
    if not weight:
        return "-"
    return num(score / weight * 100)


def score_rows(result: Assessment, detail: bool) -> Iterator[ScoreRow]:
    """The scores table in tree order: the summary kinds, and with ``detail`` every
    sub-area and question too."""
    card = result.card
    index = card.index
    blank = _(BLANK_MSG)

    def walk(node: Node) -> Iterator[ScoreRow]:
        if detail or node.kind in SUMMARY_KINDS:
            weight = index.weights.get(node.id)
            score = card.scores[node.id]
            answer = ""
            if node.kind == "butir":
                record = card.answers.get(node.id)
                answer = answer_to_text(record.value) if record else blank
            if node.kind == "butir" and weight is None:
                value = card.values[node.id]
                shown = ("", num(score), "-" if value is None else num(value * 100))
            else:
                shown = (num(weight), num(score), percent_text(score, weight))
            yield ScoreRow(node, DEPTH[node.kind], answer, *shown)
            for child in node.children:
                yield from walk(child)

    for top in index.criteria.nodes:
        yield from walk(top)


TOTAL_LABEL_MSG = N_("Zona Integritas evaluation score")
"""The total's line in the scores tables."""
