"""The criteria pack: a regulation's LKE tree, answer types and verdict rules as data.

A pack is a YAML file validated by these models (strict, unknown keys refused),
then checked as a whole by :func:`check_criteria` (weights add up, ids are
unique, every rule names a real node). A new regulation is a new file; nothing
here knows 10/2019 from 90/2021.

Scoring model, in brief: a ``butir`` (question) has a value in 0..1 from its
answer type; a node whose children are questions scores
``mean(values) x weight``, or, when each question carries its own weight,
``sum(value x weight)``; every other node is the sum of its children.
"""

# No 'from __future__ import annotations': pydantic would evaluate every field's
# annotation from a string when the class is made, at every start of zi.

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from zicli.i18n import N_, _, current
from zicli.models.base import Num, Strict

NodeKind = Literal["komponen", "aspek", "area", "subarea", "subkomponen", "butir"]
TOTAL = "total"
"""The id of the implicit root: the sum of the top-level components."""

_EXPR_TERM = r"\s*([+-]?)\s*([a-z][a-z0-9_]*)\s*"  # a pack validated (not read from the cache)


def _prose(value: Any) -> Any:
    # A text the pack's authors wrote (not the regulation's): one text for every
    # language, or {id: ..., en: ...}, resolved to the language in use when the pack
    # is loaded (the caches of loaded packs are kept per language).
    if not isinstance(value, dict):
        return value  # a string passes; anything else fails as "not a string"
    keys = set(value)
    if keys != {"id", "en"}:
        missing = sorted({"id", "en"} - keys)
        extra = sorted(str(k) for k in keys - {"id", "en"})
        what = (
            _("missing {keys}").format(keys=", ".join(missing))
            if missing
            else _("unknown {keys}").format(keys=", ".join(extra))
        )
        raise ValueError(
            _("expected a text, or a mapping with exactly 'id' and 'en' texts ({what})").format(
                what=what
            )
        )
    for key in ("id", "en"):
        if not isinstance(value[key], str):
            raise ValueError(
                _("'{key}' must be a text, got {kind}").format(
                    key=key, kind=type(value[key]).__name__
                )
            )
    return value[current()]


Prose = Annotated[str, BeforeValidator(_prose)]
"""Prose a pack's authors wrote (notes, sources, descriptions, confidence notes):
a string, shown as written in every language (Indonesian by convention), or
``{id: <Indonesian>, en: <English>}``, resolved to the language in use. Texts of
the regulation (questions, options) are plain strings; guidance is one too, unless
zi's authors added words of their own to it."""

Confidence = Prose
"""``high``, ``medium``, ``low`` (or ``medium-high``, ``medium-low``, ``low-medium``,
``policy``), optionally followed by a note: ``low-medium (reconstructed)``. The level
is an id (the same in every language, in JSON too); :func:`confidence_text` shows it."""

_LEVELS = {
    "high": N_("high"),
    "medium-high": N_("medium-high"),
    "medium": N_("medium"),
    "low": N_("low"),
    "medium-low": N_("medium-low"),
    "low-medium": N_("low-medium"),
    "policy": N_("policy"),
}


def confidence_text(confidence: str | None) -> str:
    """A pack's confidence for people: its level in the language in use, then its
    note (``medium (...)`` -> ``sedang (...)``); '' for none."""
    if not confidence:
        return ""
    level, space, rest = confidence.partition(" ")
    label = _LEVELS.get(level)
    return _(label) + space + rest if label is not None else confidence


class Option(Strict):
    """One answer option of an answer type: its key and value (0..1)."""

    key: str
    value: Num
    meaning: str | None = None
    source: Prose | None = None
    confidence: Confidence | None = None


class AnswerType(Strict):
    """How an answer becomes a question value in 0..1.

    ``options``: a key chosen from a list; ``scale``: a number 0..max, value = n / max;
    ``ratio``: computed from count inputs (see :class:`Computed`).
    """

    kind: Literal["options", "scale", "ratio"]
    label: str
    options: tuple[Option, ...] = ()
    max: Num | None = None
    meaning: Prose | None = None
    source: Prose | None = None
    confidence: Confidence | None = None


class OptionText(Strict):
    """A question's own wording of one option of its answer type."""

    key: str
    meaning: str
    value: Num | None = None
    source: Prose | None = None


class CountInput(Strict):
    """One ``Jumlah`` count a unit fills in for a computed question."""

    field: str
    label: str
    used: bool = True
    """False for counts the workbook requires but no formula uses."""


class Derived(Strict):
    """A count computed from others, e.g. ``harus_melaporkan = a + b + c``."""

    field: str
    label: str
    formula: str


class ZeroDenominator(Strict):
    """The value of a ratio whose denominator is 0 (the regulation is silent)."""

    if_numerator_zero: Num
    """0/0: e.g. 1 where it means 'nothing owed', 0 where it means 'nothing done'."""
    otherwise: Num
    """x/0 with x != 0."""
    note: Prose | None = None
    source: Prose | None = None
    confidence: Confidence | None = None


class Computed(Strict):
    """A question whose value is ``numerator / denominator`` of count inputs,
    clamped to ``floor..cap``. Numerator and denominator are sums and
    differences of field names (``a - b``, ``x + y + z``)."""

    inputs: tuple[CountInput, ...]
    derived: tuple[Derived, ...] = ()
    numerator: str
    denominator: str
    cap: Num | None = Decimal(1)
    floor: Num | None = Decimal(0)
    zero_denominator: ZeroDenominator
    at_most: dict[str, str] = Field(default_factory=dict)
    """A count that is part of another (input or derived field): ``part -> whole``.
    A unit reporting more of the part than the whole is warned, never corrected."""
    formula_source: Prose | None = None
    note: Prose | None = None
    confidence: Confidence | None = None

    @model_validator(mode="after")
    def _known_parts(self) -> "Computed":
        known = {*self.fields(), *(d.field for d in self.derived)}
        for part, whole in self.at_most.items():
            for name in (part, whole):
                if name not in known:
                    raise ValueError(
                        _(
                            "at_most names '{name}', which is not a field of this question "
                            "(fields: {fields})"
                        ).format(name=name, fields=", ".join(sorted(known)))
                    )
        return self

    def fields(self) -> tuple[str, ...]:
        """The count fields an answer must give, in order."""
        return tuple(i.field for i in self.inputs)


def parse_expression(expr: str) -> tuple[tuple[int, str], ...] | None:
    """Parse ``a + b - c`` into ((1, 'a'), (1, 'b'), (-1, 'c')); None if malformed."""
    terms: list[tuple[int, str]] = []
    pos = 0
    while pos < len(expr):
        m = re.compile(_EXPR_TERM).match(expr, pos)
        if not m or m.end() == pos or (terms and not m.group(1)) or (not terms and m.group(1)):
            return None
        terms.append((-1 if m.group(1) == "-" else 1, m.group(2)))
        pos = m.end()
    return tuple(terms) or None


class Node(Strict):
    """A node of the LKE tree: a component, aspect, area, sub-area, hasil part or
    question (``butir``). Questions have a ``type``; other nodes have children."""

    id: str
    kind: NodeKind
    name: str | None = None
    text: str | None = None
    lke: str | None = None
    weight: Num | None = None
    type: str | None = None
    options: tuple[OptionText, ...] = ()
    computed: Computed | None = None
    children: tuple["Node", ...] = ()
    guidance: Prose | None = None
    """Mostly the regulation's or a juklak's words (one string); where zi's authors add
    a remark of their own, ``{id, en}``."""
    evidence: tuple[str, ...] = ()
    """Data dukung: documents an evaluator will ask for."""
    guidance_source: Prose | None = None
    """Where ``guidance`` and ``evidence`` come from (they may be an overlay's)."""
    note: Prose | None = None
    source: Prose | None = None
    confidence: Confidence | None = None

    @property
    def label(self) -> str:
        """The name to show: the node's name, else its question text."""
        return self.name or self.text or self.id

    def walk(self) -> Iterator["Node"]:
        """This node and all below it, depth first, in file order."""
        yield self
        for child in self.children:
            yield from child.walk()


class GroupMember(Strict):
    """One member of a group: a named set of nodes scored together."""

    id: str
    name: str
    nodes: tuple[str, ...] = Field(min_length=1)


class Group(Strict):
    """Named sets of nodes that rules speak of, e.g. for 90/2021 an area is its
    pemenuhan part plus its reform part."""

    id: str
    name: str
    members: tuple[GroupMember, ...] = Field(min_length=1)
    source: Prose | None = None


class Condition(Strict):
    """One condition of a predicate or gate. Exactly one of ``node``, ``input``,
    ``each``, ``held`` or ``prerequisite`` says what is tested; ``min`` or
    ``min_fraction`` (of the weight) says the bar, compared unrounded with ``>=``."""

    id: str
    description: Prose
    node: str | None = None
    input: str | None = None
    each: str | None = None
    held: tuple[str, ...] | None = None
    prerequisite: str | None = None
    """The id of a prerequisite that must be stated and met."""
    min: Num | None = None
    min_fraction: Num | None = None
    source: Prose | None = None
    confidence: Confidence | None = None


class Predicate(Strict):
    """A predicate (WBK, WBBM): reached when every condition holds."""

    id: str
    name: str
    conditions: tuple[Condition, ...] = Field(min_length=1)
    source: Prose | None = None
    confidence: Confidence | None = None


class Gate(Predicate):
    """A named stage evaluated beside the predicates (e.g. ready for the internal
    assessment by Itjen); it never changes the verdict."""

    note: Prose | None = None


class UnitField(Strict):
    """A fact a unit may state under ``unit:`` (e.g. ``opini_bpk: WTP``), used by
    prerequisites. ``scale`` lists the values best first; ``number`` has a range."""

    label: str
    kind: Literal["scale", "number"]
    scale: tuple[str, ...] = ()
    min: Num | None = None
    max: Num | None = None
    source: Prose | None = None


class Prerequisite(Strict):
    """A condition on what the unit states, not on its score: reported as met, not
    met or not stated, never assumed."""

    id: str
    description: Prose
    field: str
    at_least: str | Num
    """A scale value (``WTP``, ``BB``) or a number (``100``)."""
    predicates: tuple[str, ...] = ()
    """The predicates it is a condition of (empty: shown for every predicate)."""
    source: Prose | None = None
    confidence: Confidence | None = None


class Strategy(Strict):
    """A way of working a pack groups questions by, beside the LKE's own tree (e.g.
    the five strategies to accelerate a ZI that Kemenag teaches): reporting only,
    it never changes a score. A question serves at most one strategy, or none."""

    id: str
    name: str
    reasoning: Prose
    """Why these questions serve this strategy (shown with the pack's sources)."""
    questions: tuple[str, ...] = ()
    source: Prose | None = None


class Status(Strict):
    """Whether the regulation is in force, and what replaced it."""

    state: Literal["in_force", "repealed"]
    enacted: str | None = None
    repealed_on: str | None = None
    repealed_by: Prose | None = None
    successor: str | None = None
    note: Prose | None = None
    source: Prose | None = None


class PackIdentity(Strict):
    """What every pack file states about itself, a full pack or an overlay."""

    schema_version: Literal[1]
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    title: str
    short_title: str
    version: str = "1"
    legal_basis: str
    status: Status
    sources: dict[str, Prose] = Field(default_factory=dict)
    notes: tuple[Prose, ...] = ()
    review_layers: tuple[str, ...] | None = None
    """Review layers beyond tpi and tpn that this pack's evaluators write (e.g.
    Kemenag's ``tppp``, ``itjen``); see :mod:`zicli.models.review`."""


class Criteria(PackIdentity):
    """A complete criteria pack."""

    answer_types: dict[str, AnswerType]
    nodes: tuple[Node, ...] = Field(min_length=1)
    groups: tuple[Group, ...] = ()
    predicates: tuple[Predicate, ...] = Field(min_length=1)
    unit_fields: dict[str, UnitField] = Field(default_factory=dict)
    prerequisites: tuple[Prerequisite, ...] = ()
    gates: tuple[Gate, ...] = ()
    strategies: tuple[Strategy, ...] = ()
    extends: str | None = None
    """The parent pack of an overlay (set when the overlay is merged)."""

    def walk(self) -> Iterator[Node]:
        """Every node of the tree, depth first, in file order."""
        for node in self.nodes:
            yield from node.walk()

    def questions(self) -> Iterator[Node]:
        """Every question (``butir``), in file order."""
        return (n for n in self.walk() if n.kind == "butir")


class NodePatch(Strict):
    """What an overlay may change on a parent's node: words, never weights."""

    name: str | None = None
    text: str | None = None
    guidance: Prose | None = None
    evidence: tuple[str, ...] | None = None
    guidance_source: Prose | None = None
    note: Prose | None = None


class CriteriaOverlay(PackIdentity):
    """A pack that ``extends`` another: its own identity, plus changes by node id,
    and rules, gates and prerequisites added to (or replacing, by id) the parent's."""

    extends: str
    overrides: dict[str, NodePatch] = Field(default_factory=dict)
    groups: tuple[Group, ...] = ()
    predicates: tuple[Predicate, ...] = ()
    unit_fields: dict[str, UnitField] = Field(default_factory=dict)
    prerequisites: tuple[Prerequisite, ...] = ()
    gates: tuple[Gate, ...] = ()
    strategies: tuple[Strategy, ...] = ()
