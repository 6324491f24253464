"""Whole-pack checks that a schema alone cannot express.

:func:`check_criteria` returns every finding as (field path, message, hint); the
loader turns paths into file:line:col. A pack that passes is safe to score:
weights add up exactly and ids are unique. What the conditions of predicates and
gates refer to is checked by each kind of condition
(:func:`zicli.engine.conditions.check_rules`), which the loader runs too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from zicli.errors import FieldPath, did_you_mean
from zicli.models.answers import RESERVED_UNIT_KEYS
from zicli.models.criteria import TOTAL, Criteria, Node, parse_expression

Finding = tuple[FieldPath, str, str | None]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ONE = Decimal(1)


def _unit_interval(value: Decimal) -> bool:
    return Decimal(0) <= value <= _ONE


def walk_with_paths(criteria: Criteria) -> Iterator[tuple[Node, FieldPath]]:
    """Every node with its field path in the pack (``nodes[0].children[2]``)."""

    def rec(node: Node, path: FieldPath) -> Iterator[tuple[Node, FieldPath]]:
        yield node, path
        for i, child in enumerate(node.children):
            yield from rec(child, (*path, "children", i))

    for i, top in enumerate(criteria.nodes):
        yield from rec(top, ("nodes", i))


def check_criteria(criteria: Criteria) -> list[Finding]:
    """All problems of a pack as a whole; empty when it is sound."""
    found: list[Finding] = []
    found += _check_status(criteria)
    found += _check_answer_types(criteria)
    ids: dict[str, FieldPath] = {}
    for node, path in walk_with_paths(criteria):
        if node.id == TOTAL:
            found.append(((*path, "id"), f"'{TOTAL}' is reserved for the whole score", None))
        elif node.id in ids:
            found.append(((*path, "id"), f"duplicate node id '{node.id}'", "ids must be unique"))
        ids[node.id] = path
        found += _check_node(criteria, node, path)
    for i, top in enumerate(criteria.nodes):
        if top.kind == "butir":
            found.append(
                (
                    ("nodes", i),
                    f"question '{top.id}' stands at the top of the tree",
                    "put questions inside a sub-area or part that carries the weight",
                )
            )
    weighted = {n.id for n in criteria.walk() if n.weight is not None}
    found += _check_groups(criteria, ids, weighted)
    found += _check_predicates(criteria)
    found += _check_strategies(criteria)
    return found


def _check_status(criteria: Criteria) -> list[Finding]:
    found: list[Finding] = []
    status = criteria.status
    for name in ("enacted", "repealed_on"):
        value = getattr(status, name)
        if value is not None and not _DATE.fullmatch(value):
            found.append(
                (("status", name), f"expected a date YYYY-MM-DD, got '{value}'", "e.g. 2021-12-31")
            )
    if status.state == "repealed" and status.repealed_on is None:
        found.append((("status",), "a repealed pack needs 'repealed_on'", None))
    return found


def _check_answer_types(criteria: Criteria) -> list[Finding]:
    found: list[Finding] = []
    for name, atype in criteria.answer_types.items():
        path: FieldPath = ("answer_types", name)
        if atype.kind == "options":
            if not atype.options:
                found.append((path, "an 'options' answer type needs options", None))
            seen: set[str] = set()
            for i, opt in enumerate(atype.options):
                if opt.key.casefold() in seen:
                    found.append(
                        ((*path, "options", i, "key"), f"duplicate option '{opt.key}'", None)
                    )
                seen.add(opt.key.casefold())
                if not _unit_interval(opt.value):
                    found.append(
                        ((*path, "options", i, "value"), "option values must lie in 0..1", None)
                    )
        elif atype.options:
            found.append(((*path, "options"), f"a '{atype.kind}' type takes no options", None))
        if atype.kind == "scale" and (atype.max is None or atype.max <= 0):
            found.append(((*path, "max"), "a 'scale' type needs max > 0", "e.g. max: 4"))
        if atype.kind != "scale" and atype.max is not None:
            found.append(((*path, "max"), "only a 'scale' type has max", None))
    return found


def _check_node(criteria: Criteria, node: Node, path: FieldPath) -> list[Finding]:
    found: list[Finding] = []
    if node.kind == "butir":
        found += _check_question(criteria, node, path)
        return found
    if node.type is not None or node.computed is not None or node.options:
        found.append((path, f"'{node.id}' is a {node.kind}; only a butir has type/options", None))
    if not node.children:
        found.append((path, f"'{node.id}' has no children", "add its questions or sub-nodes"))
        return found
    if node.weight is None:
        found.append((path, f"'{node.id}' has no weight", None))
        return found
    questions = [c for c in node.children if c.kind == "butir"]
    if questions and len(questions) != len(node.children):
        found.append(((*path, "children"), f"'{node.id}' mixes questions and other nodes", None))
        return found
    weighted = [c for c in node.children if c.weight is not None]
    if questions and not weighted:
        return found  # mean x weight: nothing to add up
    if len(weighted) != len(node.children):
        found.append(
            (
                (*path, "children"),
                f"some children of '{node.id}' have a weight and some do not",
                "give every child a weight, or (for questions) none",
            )
        )
        return found
    total = sum((c.weight for c in weighted if c.weight is not None), Decimal(0))
    if total != node.weight:
        found.append(
            (
                (*path, "weight"),
                f"the weights of the children of '{node.id}' add up to {total}, "
                f"not its weight {node.weight}",
                "children must sum exactly to their parent's weight",
            )
        )
    return found


def _check_question(criteria: Criteria, node: Node, path: FieldPath) -> list[Finding]:
    found: list[Finding] = []
    if node.children:
        found.append(((*path, "children"), "a butir has no children", None))
    if node.type is None:
        found.append((path, f"question '{node.id}' has no type", None))
        return found
    atype = criteria.answer_types.get(node.type)
    if atype is None:
        hint = "known types: " + ", ".join(sorted(criteria.answer_types))
        found.append(((*path, "type"), f"unknown answer type '{node.type}'", hint))
        return found
    if node.weight is not None and node.weight < 0:
        found.append(((*path, "weight"), "a weight cannot be negative", None))
    if atype.kind == "ratio":
        if node.computed is None:
            found.append((path, f"'{node.id}' has a ratio type but no 'computed'", None))
        else:
            found += _check_computed(node, (*path, "computed"))
    elif node.computed is not None:
        found.append(((*path, "computed"), "only a ratio question is computed", None))
    values = {o.key: o.value for o in atype.options}
    for i, opt in enumerate(node.options):
        if opt.key not in values:
            found.append(
                (
                    (*path, "options", i, "key"),
                    f"option '{opt.key}' is not in answer type '{node.type}'",
                    "keys: " + ", ".join(values),
                )
            )
        elif opt.value is not None and opt.value != values[opt.key]:
            found.append(
                (
                    (*path, "options", i, "value"),
                    f"option '{opt.key}' is worth {values[opt.key]} in type '{node.type}', "
                    f"not {opt.value}",
                    None,
                )
            )
    return found


def _check_computed(node: Node, path: FieldPath) -> list[Finding]:
    comp = node.computed
    assert comp is not None
    found: list[Finding] = []
    known: set[str] = set()
    for i, inp in enumerate(comp.inputs):
        if inp.field in known:
            found.append(((*path, "inputs", i, "field"), f"duplicate field '{inp.field}'", None))
        known.add(inp.field)
    inputs = set(known)
    for i, der in enumerate(comp.derived):
        terms = parse_expression(der.formula)
        if terms is None:
            found.append(((*path, "derived", i, "formula"), "malformed formula", "e.g. a + b + c"))
        else:
            for _, name in terms:
                if name not in inputs:
                    found.append(
                        ((*path, "derived", i, "formula"), f"unknown input field '{name}'", None)
                    )
        if der.field in known:
            found.append(((*path, "derived", i, "field"), f"duplicate field '{der.field}'", None))
        known.add(der.field)
    for part in ("numerator", "denominator"):
        expr: str = getattr(comp, part)
        terms = parse_expression(expr)
        if terms is None:
            found.append(((*path, part), "malformed expression", "e.g. a - b, or a + b"))
            continue
        for _, name in terms:
            if name not in known:
                found.append(((*path, part), f"unknown field '{name}'", None))
    for name in ("cap", "floor"):
        value = getattr(comp, name)
        if value is not None and not _unit_interval(value):
            found.append(((*path, name), f"{name} must lie in 0..1", None))
    zero = comp.zero_denominator
    for name in ("if_numerator_zero", "otherwise"):
        if not _unit_interval(getattr(zero, name)):
            found.append(((*path, "zero_denominator", name), "must lie in 0..1", None))
    return found


def _check_groups(
    criteria: Criteria, ids: dict[str, FieldPath], weighted: set[str]
) -> list[Finding]:
    found: list[Finding] = []
    seen: set[str] = set()
    for g, group in enumerate(criteria.groups):
        if group.id in seen:
            found.append((("groups", g, "id"), f"duplicate group '{group.id}'", None))
        seen.add(group.id)
        members: set[str] = set()
        for m, member in enumerate(group.members):
            if member.id in members:
                found.append(
                    (("groups", g, "members", m, "id"), f"duplicate member '{member.id}'", None)
                )
            members.add(member.id)
            for n, node_id in enumerate(member.nodes):
                if node_id not in ids:
                    found.append(
                        (("groups", g, "members", m, "nodes", n), f"unknown node '{node_id}'", None)
                    )
                elif node_id not in weighted:
                    found.append(
                        (
                            ("groups", g, "members", m, "nodes", n),
                            f"'{node_id}' has no weight of its own",
                            "a rule measures a group member against the weights of its nodes",
                        )
                    )
    return found


def _check_strategies(criteria: Criteria) -> list[Finding]:
    """Strategies name real questions, each question serving one strategy at most."""
    found: list[Finding] = []
    questions = [q.id for q in criteria.questions()]
    known = set(questions)
    seen: set[str] = set()
    served: dict[str, str] = {}
    for s, strategy in enumerate(criteria.strategies):
        if strategy.id in seen:
            found.append((("strategies", s, "id"), f"duplicate strategy '{strategy.id}'", None))
        seen.add(strategy.id)
        for q, qid in enumerate(strategy.questions):
            path: FieldPath = ("strategies", s, "questions", q)
            if qid not in known:
                found.append((path, f"unknown question id '{qid}'", did_you_mean(qid, questions)))
            elif qid in served:
                found.append(
                    (
                        path,
                        f"'{qid}' already serves strategy '{served[qid]}'",
                        "a question serves one strategy at most",
                    )
                )
            else:
                served[qid] = strategy.id
    return found


def _check_predicates(criteria: Criteria) -> list[Finding]:
    found: list[Finding] = []
    predicate_ids = [p.id for p in criteria.predicates]
    for p, pred in enumerate(criteria.predicates):
        if predicate_ids.count(pred.id) > 1:
            found.append((("predicates", p, "id"), f"duplicate predicate '{pred.id}'", None))
    gate_ids = [g.id for g in criteria.gates]
    for g, gate in enumerate(criteria.gates):
        if gate_ids.count(gate.id) > 1:
            found.append((("gates", g, "id"), f"duplicate gate '{gate.id}'", None))
    found += _check_prerequisites(criteria)
    return found


def _check_prerequisites(criteria: Criteria) -> list[Finding]:
    found: list[Finding] = []
    for name, fld in criteria.unit_fields.items():
        path: FieldPath = ("unit_fields", name)
        if name in RESERVED_UNIT_KEYS:
            found.append((path, f"'{name}' is a standard unit key", "choose another name"))
        if fld.kind == "scale" and not fld.scale:
            found.append(((*path, "scale"), "a scale field needs its values, best first", None))
        if fld.kind == "number" and fld.scale:
            found.append(((*path, "scale"), "a number field has no scale", None))
    predicate_ids = {p.id for p in criteria.predicates}
    seen: set[str] = set()
    for i, pre in enumerate(criteria.prerequisites):
        path = ("prerequisites", i)
        if pre.id in seen:
            found.append(((*path, "id"), f"duplicate prerequisite '{pre.id}'", None))
        seen.add(pre.id)
        spec = criteria.unit_fields.get(pre.field)
        if spec is None:
            found.append(((*path, "field"), f"unknown unit field '{pre.field}'", None))
            continue
        fld = spec
        if fld.kind == "scale" and pre.at_least not in fld.scale:
            found.append(
                (
                    (*path, "at_least"),
                    f"'{pre.at_least}' is not on the scale of '{pre.field}'",
                    "one of " + ", ".join(fld.scale),
                )
            )
        if fld.kind == "number" and not isinstance(pre.at_least, Decimal):
            found.append(((*path, "at_least"), "expected a number", None))
        for pid in pre.predicates:
            if pid not in predicate_ids:
                found.append(((*path, "predicates"), f"unknown predicate '{pid}'", None))
    return found
