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
from zicli.i18n import N_, _
from zicli.models.answers import RESERVED_UNIT_KEYS
from zicli.models.criteria import TOTAL, Criteria, Node, parse_expression

Finding = tuple[FieldPath, str, str | None]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ONE = Decimal(1)


TOTAL_WEIGHT = Decimal(100)
"""What the top-level weights of a pack add up to: the LKE's score is out of 100
(pengungkit 60, hasil 40)."""


def bad_name(text: str) -> str | None:
    """Why ``text`` cannot be a node id, option key or count field, or None.

    Each is written on the command line as ``--set ID=VALUE`` (counts as
    ``a=1,b=2``) and shown by ``zi plan`` as such a line: an empty one, or one
    with ``=``, ``,``, whitespace or a control character, would give a line that
    fails."""
    if not text:
        return _("is empty")
    for char in text:
        if char in "=,":
            return _("contains '{char}'").format(char=char)
        if char.isspace():
            return _("contains whitespace")
        if not char.isprintable():
            return _("contains the control character U+{code:04X}").format(code=ord(char))
    return None


def _name_finding(path: FieldPath, what: str, text: str) -> list[Finding]:
    why = bad_name(text)
    if why is None:
        return []
    return [
        (
            path,
            # Translators: what = "the id" / "the option key" / "the count field";
            # why = "is empty", "contains whitespace"...
            _("{what} {text!r} {why}").format(what=_(what), text=text, why=why),
            _(
                "ids, option keys and count fields are written as --set ID=VALUE "
                "(counts a=1,b=2): use letters, digits, '.', '-' and '_'"
            ),
        )
    ]


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
            found.append(
                (
                    (*path, "id"),
                    _("'{total}' is reserved for the whole score").format(total=TOTAL),
                    None,
                )
            )
        elif node.id in ids:
            found.append(
                (
                    (*path, "id"),
                    _("duplicate node id '{id}'").format(id=node.id),
                    _("ids must be unique"),
                )
            )
        ids[node.id] = path
        found += _name_finding((*path, "id"), N_("the id"), node.id)
        if node.weight is not None and node.weight < 0 and node.kind != "butir":
            found.append(((*path, "weight"), _("a weight cannot be negative"), None))
        found += _check_node(criteria, node, path)
    tops = [n.weight for n in criteria.nodes if n.weight is not None]
    if len(tops) == len(criteria.nodes) and sum(tops, Decimal(0)) != TOTAL_WEIGHT:
        found.append(
            (
                ("nodes",),
                _("the weights of the top-level nodes add up to {sum}, not {total}").format(
                    sum=sum(tops, Decimal(0)), total=TOTAL_WEIGHT
                ),
                _("an LKE scores out of 100 (pengungkit 60, hasil 40)"),
            )
        )
    for i, top in enumerate(criteria.nodes):
        if top.kind == "butir":
            found.append(
                (
                    ("nodes", i),
                    _("question '{id}' stands at the top of the tree").format(id=top.id),
                    _("put questions inside a sub-area or part that carries the weight"),
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
                (
                    ("status", name),
                    _("expected a date YYYY-MM-DD, got '{value}'").format(value=value),
                    _("e.g. 2021-12-31"),
                )
            )
    if status.state == "repealed" and status.repealed_on is None:
        found.append((("status",), _("a repealed pack needs 'repealed_on'"), None))
    return found


def _check_answer_types(criteria: Criteria) -> list[Finding]:
    found: list[Finding] = []
    for name, atype in criteria.answer_types.items():
        path: FieldPath = ("answer_types", name)
        if atype.kind == "options":
            if not atype.options:
                found.append((path, _("an 'options' answer type needs options"), None))
            seen: set[str] = set()
            for i, opt in enumerate(atype.options):
                if opt.key.casefold() in seen:
                    found.append(
                        (
                            (*path, "options", i, "key"),
                            _("duplicate option '{key}'").format(key=opt.key),
                            None,
                        )
                    )
                seen.add(opt.key.casefold())
                found += _name_finding((*path, "options", i, "key"), N_("the option key"), opt.key)
                if not _unit_interval(opt.value):
                    found.append(
                        ((*path, "options", i, "value"), _("option values must lie in 0..1"), None)
                    )
        elif atype.options:
            found.append(
                (
                    (*path, "options"),
                    _("a '{kind}' type takes no options").format(kind=atype.kind),
                    None,
                )
            )
        if atype.kind == "scale" and (atype.max is None or atype.max <= 0):
            found.append(((*path, "max"), _("a 'scale' type needs max > 0"), _("e.g. max: 4")))
        if atype.kind != "scale" and atype.max is not None:
            found.append(((*path, "max"), _("only a 'scale' type has max"), None))
    return found


def _check_node(criteria: Criteria, node: Node, path: FieldPath) -> list[Finding]:
    found: list[Finding] = []
    if node.kind == "butir":
        found += _check_question(criteria, node, path)
        return found
    if node.type is not None or node.computed is not None or node.options:
        found.append(
            (
                path,
                _("'{id}' is a {kind}; only a butir has type/options").format(
                    id=node.id, kind=node.kind
                ),
                None,
            )
        )
    if not node.children:
        found.append(
            (
                path,
                _("'{id}' has no children").format(id=node.id),
                _("add its questions or sub-nodes"),
            )
        )
        return found
    if node.weight is None:
        found.append((path, _("'{id}' has no weight").format(id=node.id), None))
        return found
    questions = [c for c in node.children if c.kind == "butir"]
    if questions and len(questions) != len(node.children):
        found.append(
            (
                (*path, "children"),
                _("'{id}' mixes questions and other nodes").format(id=node.id),
                None,
            )
        )
        return found
    weighted = [c for c in node.children if c.weight is not None]
    if questions and not weighted:
        return found  # mean x weight: nothing to add up
    if len(weighted) != len(node.children):
        found.append(
            (
                (*path, "children"),
                _("some children of '{id}' have a weight and some do not").format(id=node.id),
                _("give every child a weight, or (for questions) none"),
            )
        )
        return found
    total = sum((c.weight for c in weighted if c.weight is not None), Decimal(0))
    if total != node.weight:
        found.append(
            (
                (*path, "weight"),
                _(
                    "the weights of the children of '{id}' add up to {total}, "
                    "not its weight {weight}"
                ).format(id=node.id, total=total, weight=node.weight),
                _("children must sum exactly to their parent's weight"),
            )
        )
    return found


def _check_question(criteria: Criteria, node: Node, path: FieldPath) -> list[Finding]:
    found: list[Finding] = []
    if node.children:
        found.append(((*path, "children"), _("a butir has no children"), None))
    if node.type is None:
        found.append((path, _("question '{id}' has no type").format(id=node.id), None))
        return found
    atype = criteria.answer_types.get(node.type)
    if atype is None:
        hint = _("known types: {types}").format(types=", ".join(sorted(criteria.answer_types)))
        found.append(
            ((*path, "type"), _("unknown answer type '{type}'").format(type=node.type), hint)
        )
        return found
    if node.weight is not None and node.weight < 0:
        found.append(((*path, "weight"), _("a weight cannot be negative"), None))
    if atype.kind == "ratio":
        if node.computed is None:
            found.append(
                (path, _("'{id}' has a ratio type but no 'computed'").format(id=node.id), None)
            )
        else:
            found += _check_computed(node, (*path, "computed"))
    elif node.computed is not None:
        found.append(((*path, "computed"), _("only a ratio question is computed"), None))
    values = {o.key: o.value for o in atype.options}
    for i, opt in enumerate(node.options):
        if opt.key not in values:
            found.append(
                (
                    (*path, "options", i, "key"),
                    _("option '{key}' is not in answer type '{type}'").format(
                        key=opt.key, type=node.type
                    ),
                    _("keys: {keys}").format(keys=", ".join(values)),
                )
            )
        elif opt.value is not None and opt.value != values[opt.key]:
            found.append(
                (
                    (*path, "options", i, "value"),
                    _("option '{key}' is worth {value} in type '{type}', not {given}").format(
                        key=opt.key, value=values[opt.key], type=node.type, given=opt.value
                    ),
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
            found.append(
                (
                    (*path, "inputs", i, "field"),
                    _("duplicate field '{field}'").format(field=inp.field),
                    None,
                )
            )
        known.add(inp.field)
        found += _name_finding((*path, "inputs", i, "field"), N_("the count field"), inp.field)
    inputs = set(known)
    for i, der in enumerate(comp.derived):
        terms = parse_expression(der.formula)
        if terms is None:
            found.append(
                ((*path, "derived", i, "formula"), _("malformed formula"), _("e.g. a + b + c"))
            )
        else:
            for _sign, name in terms:
                if name not in inputs:
                    found.append(
                        (
                            (*path, "derived", i, "formula"),
                            _("unknown input field '{name}'").format(name=name),
                            None,
                        )
                    )
        if der.field in known:
            found.append(
                (
                    (*path, "derived", i, "field"),
                    _("duplicate field '{field}'").format(field=der.field),
                    None,
                )
            )
        known.add(der.field)
    for part in ("numerator", "denominator"):
        expr: str = getattr(comp, part)
        terms = parse_expression(expr)
        if terms is None:
            found.append(((*path, part), _("malformed expression"), _("e.g. a - b, or a + b")))
            continue
        for _sign, name in terms:
            if name not in known:
                found.append(((*path, part), _("unknown field '{name}'").format(name=name), None))
    for name in ("cap", "floor"):
        value = getattr(comp, name)
        if value is not None and not _unit_interval(value):
            found.append(((*path, name), _("{name} must lie in 0..1").format(name=name), None))
    zero = comp.zero_denominator
    for name in ("if_numerator_zero", "otherwise"):
        if not _unit_interval(getattr(zero, name)):
            found.append(((*path, "zero_denominator", name), _("must lie in 0..1"), None))
    return found


def _check_groups(
    criteria: Criteria, ids: dict[str, FieldPath], weighted: set[str]
) -> list[Finding]:
    found: list[Finding] = []
    seen: set[str] = set()
    for g, group in enumerate(criteria.groups):
        if group.id in seen:
            found.append(
                (("groups", g, "id"), _("duplicate group '{id}'").format(id=group.id), None)
            )
        seen.add(group.id)
        members: set[str] = set()
        for m, member in enumerate(group.members):
            if member.id in members:
                found.append(
                    (
                        ("groups", g, "members", m, "id"),
                        _("duplicate member '{id}'").format(id=member.id),
                        None,
                    )
                )
            members.add(member.id)
            for n, node_id in enumerate(member.nodes):
                if node_id not in ids:
                    found.append(
                        (
                            ("groups", g, "members", m, "nodes", n),
                            _("unknown node '{id}'").format(id=node_id),
                            None,
                        )
                    )
                elif node_id not in weighted:
                    found.append(
                        (
                            ("groups", g, "members", m, "nodes", n),
                            _("'{id}' has no weight of its own").format(id=node_id),
                            _("a rule measures a group member against the weights of its nodes"),
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
            found.append(
                (
                    ("strategies", s, "id"),
                    _("duplicate strategy '{id}'").format(id=strategy.id),
                    None,
                )
            )
        seen.add(strategy.id)
        for q, qid in enumerate(strategy.questions):
            path: FieldPath = ("strategies", s, "questions", q)
            if qid not in known:
                found.append(
                    (
                        path,
                        _("unknown question id '{id}'").format(id=qid),
                        did_you_mean(qid, questions),
                    )
                )
            elif qid in served:
                found.append(
                    (
                        path,
                        _("'{id}' already serves strategy '{strategy}'").format(
                            id=qid, strategy=served[qid]
                        ),
                        _("a question serves one strategy at most"),
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
            found.append(
                (("predicates", p, "id"), _("duplicate predicate '{id}'").format(id=pred.id), None)
            )
    gate_ids = [g.id for g in criteria.gates]
    for g, gate in enumerate(criteria.gates):
        if gate_ids.count(gate.id) > 1:
            found.append((("gates", g, "id"), _("duplicate gate '{id}'").format(id=gate.id), None))
    found += _check_prerequisites(criteria)
    return found


def _check_prerequisites(criteria: Criteria) -> list[Finding]:
    found: list[Finding] = []
    for name, fld in criteria.unit_fields.items():
        path: FieldPath = ("unit_fields", name)
        if name in RESERVED_UNIT_KEYS:
            found.append(
                (
                    path,
                    _("'{name}' is a standard unit key").format(name=name),
                    _("choose another name"),
                )
            )
        if fld.kind == "scale" and not fld.scale:
            found.append(((*path, "scale"), _("a scale field needs its values, best first"), None))
        if fld.kind == "number" and fld.scale:
            found.append(((*path, "scale"), _("a number field has no scale"), None))
    predicate_ids = {p.id for p in criteria.predicates}
    seen: set[str] = set()
    for i, pre in enumerate(criteria.prerequisites):
        path = ("prerequisites", i)
        if pre.id in seen:
            found.append(
                ((*path, "id"), _("duplicate prerequisite '{id}'").format(id=pre.id), None)
            )
        seen.add(pre.id)
        spec = criteria.unit_fields.get(pre.field)
        if spec is None:
            found.append(
                ((*path, "field"), _("unknown unit field '{field}'").format(field=pre.field), None)
            )
            continue
        fld = spec
        if fld.kind == "scale" and pre.at_least not in fld.scale:
            found.append(
                (
                    (*path, "at_least"),
                    _("'{value}' is not on the scale of '{field}'").format(
                        value=pre.at_least, field=pre.field
                    ),
                    _("one of {values}").format(values=", ".join(fld.scale)),
                )
            )
        if fld.kind == "number" and not isinstance(pre.at_least, Decimal):
            found.append(((*path, "at_least"), _("expected a number"), None))
        for pid in pre.predicates:
            if pid not in predicate_ids:
                found.append(
                    ((*path, "predicates"), _("unknown predicate '{id}'").format(id=pid), None)
                )
    return found
