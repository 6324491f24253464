"""A criteria pack prepared for scoring: lookups built once, reused for every unit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from math import lcm
from typing import Generic, TypeVar

from zicli.i18n import current
from zicli.models.answers import AnswerRecord, OptionAnswer
from zicli.models.criteria import TOTAL, AnswerType, Computed, Criteria, Node, parse_expression


@dataclass(frozen=True)
class CompiledRatio:
    """A computed question's formula with its expressions parsed."""

    spec: Computed
    numerator: tuple[tuple[int, str], ...]
    denominator: tuple[tuple[int, str], ...]
    derived: tuple[tuple[str, tuple[tuple[int, str], ...]], ...]


@dataclass(frozen=True)
class Block:
    """A node whose children are questions: ``mean x weight`` or, when ``weighted``,
    the sum of each question's value x its own weight."""

    id: str
    questions: tuple[str, ...]
    weight: Fraction
    weighted: bool


@dataclass(frozen=True)
class CompiledPack:
    """What a pack is compiled to for speed alone: the same results could be had
    from the pack's tree on every call, only slower. Owned by its
    :class:`CriteriaIndex`, built once with it (and kept in the disk cache with
    it); ``derived`` holds what :class:`PerPack` functions build from it later."""

    option_records: dict[str, dict[str, AnswerRecord]] = field(default_factory=dict)
    """Question id -> casefolded key -> the (immutable, shared) record of that answer."""
    blocks: tuple[Block, ...] = ()
    """The nodes whose children are questions, in scoring order."""
    sums: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Every other node with its children's ids, children before parents."""
    denominator: int = 1
    """A common denominator of every option's points: scores made only of option
    answers are whole multiples of 1/denominator, so they add as integers."""
    option_points: dict[str, dict[str, int]] = field(default_factory=dict)
    """Question id -> casefolded option key -> value x share x denominator."""
    score_order: tuple[str, ...] = ()
    """Every node id (and the total) in the order a scorecard lists them."""
    top_ids: tuple[str, ...] = ()
    """The components' ids: the total is their sum."""
    derived: dict[object, object] = field(default_factory=dict, compare=False)
    """:class:`PerPack` function -> what it built for this pack (never pickled)."""

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "derived"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state, derived={})


@dataclass(frozen=True)
class CriteriaIndex:
    """A checked :class:`Criteria` with the lookups the engine needs."""

    criteria: Criteria
    nodes: dict[str, Node] = field(repr=False)
    parents: dict[str, str] = field(repr=False)
    questions: tuple[Node, ...] = field(repr=False)
    answer_types: dict[str, AnswerType] = field(repr=False)
    options: dict[str, dict[str, tuple[str, Fraction]]] = field(repr=False)
    """question id -> casefolded key -> (key as the pack spells it, value)."""
    ratios: dict[str, CompiledRatio] = field(repr=False)
    weights: dict[str, Fraction] = field(repr=False)
    """Every node with a weight, and the total."""
    shares: dict[str, Fraction] = field(default_factory=dict, repr=False)
    """Question id -> the points a value of 1 is worth: its own weight, or its
    block's weight / number of questions (so block = sum of value x share)."""
    changed: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    """For an overlay: node id -> the fields it changed on the parent's node."""
    rules_changed: tuple[tuple[str, str, bool], ...] = field(default=(), repr=False)
    """For an overlay: (list, id, replaces the parent's) for each rule, gate,
    prerequisite, group, strategy or unit field it wrote (list as in the pack:
    ``predicates``, ``gates``...)."""
    compiled: CompiledPack = field(default_factory=CompiledPack, repr=False)
    """What is derived from the pack only to score quickly (see :class:`CompiledPack`)."""

    @property
    def id(self) -> str:
        """The pack id."""
        return self.criteria.id

    def answer_type(self, question: Node) -> AnswerType:
        """The answer type of a question (the pack check guarantees it exists)."""
        return self.answer_types[question.type or ""]

    def area_path(self, node_id: str) -> list[str]:
        """Ids from the top-level component down to ``node_id``."""
        path = [node_id]
        while path[-1] in self.parents:
            path.append(self.parents[path[-1]])
        return path[::-1]


def _expr(text: str) -> tuple[tuple[int, str], ...]:
    terms = parse_expression(text)
    assert terms is not None, "pack was checked"
    return terms


def build_index(
    criteria: Criteria,
    changed: dict[str, tuple[str, ...]] | None = None,
    rules_changed: tuple[tuple[str, str, bool], ...] = (),
) -> CriteriaIndex:
    """Index a pack that has passed :func:`zicli.models.check.check_criteria`."""
    nodes: dict[str, Node] = {}
    parents: dict[str, str] = {}
    for node in criteria.walk():
        nodes[node.id] = node
        for child in node.children:
            parents[child.id] = node.id
    questions = tuple(n for n in nodes.values() if n.kind == "butir")
    options: dict[str, dict[str, tuple[str, Fraction]]] = {}
    ratios: dict[str, CompiledRatio] = {}
    for q in questions:
        atype = criteria.answer_types[q.type or ""]
        options[q.id] = {o.key.casefold(): (o.key, Fraction(o.value)) for o in atype.options}
        if q.computed is not None:
            ratios[q.id] = CompiledRatio(
                spec=q.computed,
                numerator=_expr(q.computed.numerator),
                denominator=_expr(q.computed.denominator),
                derived=tuple((d.field, _expr(d.formula)) for d in q.computed.derived),
            )
    weights = {n.id: Fraction(n.weight) for n in nodes.values() if n.weight is not None}
    weights[TOTAL] = sum((weights[n.id] for n in criteria.nodes), Fraction(0))
    blocks: list[Block] = []
    sums: list[tuple[str, tuple[str, ...]]] = []
    shares: dict[str, Fraction] = {}

    def order(node: Node) -> None:
        if node.kind == "butir":
            return
        for child in node.children:
            order(child)
        ids = tuple(c.id for c in node.children)
        if node.children[0].kind == "butir":
            weighted = node.children[0].weight is not None
            blocks.append(Block(node.id, ids, weights[node.id], weighted))
            for child in node.children:
                shares[child.id] = (
                    weights[child.id] if weighted else weights[node.id] / len(node.children)
                )
        else:
            sums.append((node.id, ids))

    for top in criteria.nodes:
        order(top)
    option_scores = {
        qid: {key: value * shares[qid] for key, (_, value) in table.items()}
        for qid, table in options.items()
    }
    denominator = 1
    for table in option_scores.values():
        for points in table.values():
            denominator = lcm(denominator, points.denominator)
    option_points = {
        qid: {key: int(points * denominator) for key, points in table.items()}
        for qid, table in option_scores.items()
    }
    score_order = [
        *(node for block in blocks for node in (*block.questions, block.id)),
        *(node for node, _ in sums),
        TOTAL,
    ]
    option_records = {
        qid: {key: AnswerRecord(OptionAnswer(spelled)) for key, (spelled, _) in table.items()}
        for qid, table in options.items()
        if table
    }
    return CriteriaIndex(
        criteria=criteria,
        nodes=nodes,
        parents=parents,
        questions=questions,
        answer_types=dict(criteria.answer_types),
        options=options,
        ratios=ratios,
        weights=weights,
        shares=shares,
        changed=dict(changed or {}),
        rules_changed=rules_changed,
        compiled=CompiledPack(
            option_records=option_records,
            blocks=tuple(blocks),
            sums=tuple(sums),
            denominator=denominator,
            option_points=option_points,
            score_order=tuple(score_order),
            top_ids=tuple(n.id for n in criteria.nodes),
        ),
    )


T = TypeVar("T")


class PerPack(Generic[T]):
    """What ``build`` derives from a pack, made once per pack and reused for every
    unit (``@PerPack`` on a function of the index). The result is kept on the
    pack's :class:`CompiledPack`, so it lives exactly as long as the pack."""

    def __init__(self, build: Callable[[CriteriaIndex], T]) -> None:
        self._build = build

    def __call__(self, index: CriteriaIndex) -> T:
        derived = index.compiled.derived
        # what is built may hold texts for people: one per language
        key = (self, current())
        known = derived.get(key, _NOT_YET)
        if known is _NOT_YET:
            known = derived[key] = self._build(index)
        return known  # type: ignore[return-value]


_NOT_YET = object()
