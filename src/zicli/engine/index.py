"""A criteria pack prepared for scoring: lookups built once, reused for every unit."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from zicli.models.criteria import TOTAL, AnswerType, Computed, Criteria, Node, parse_expression


@dataclass(frozen=True)
class CompiledRatio:
    """A computed question's formula with its expressions parsed."""

    spec: Computed
    numerator: tuple[tuple[int, str], ...]
    denominator: tuple[tuple[int, str], ...]
    derived: tuple[tuple[str, tuple[tuple[int, str], ...]], ...]


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


def build_index(criteria: Criteria) -> CriteriaIndex:
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
    return CriteriaIndex(
        criteria=criteria,
        nodes=nodes,
        parents=parents,
        questions=questions,
        answer_types=dict(criteria.answer_types),
        options=options,
        ratios=ratios,
        weights=weights,
    )
