"""Rich views of criteria packs (``zi criteria list`` and ``show``)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from zicli.engine.conditions import Bar, describe
from zicli.engine.index import CriteriaIndex
from zicli.i18n import _, ngettext
from zicli.models.criteria import TOTAL, Node, confidence_text
from zicli.render.common import DEPTH, STATE, num
from zicli.render.console import report_table, tree_label
from zicli.render.escape import terminal


def status_text(index: CriteriaIndex) -> str:
    """'berlaku' or 'dicabut 2021-12-31 -> permenpanrb-90-2021'."""
    status = index.criteria.status
    text = _(STATE[status.state])
    if status.repealed_on:
        text += f" {status.repealed_on}"
    if status.successor:
        text += f" -> {status.successor}"
    return text


def packs_view(packs: Sequence[CriteriaIndex]) -> RenderableType:
    """One row per pack, then what replaced each repealed one."""
    table = report_table(expand=False)
    table.add_column(_("Id"), no_wrap=True)
    table.add_column(_("Regulation"), no_wrap=True)
    table.add_column(_("Status"), no_wrap=True)
    table.add_column(_("Questions"), justify="right")
    notes: list[RenderableType] = []
    for index in packs:
        status = index.criteria.status
        state = _(STATE[status.state])
        if status.repealed_on:
            state += f" {status.repealed_on}"
        table.add_row(index.id, index.criteria.short_title, state, str(len(index.questions)))
        if status.successor:
            notes.append(
                Text(
                    _("{id}: replaced by {successor}").format(
                        id=index.id, successor=status.successor
                    ),
                    style="dim",
                )
            )
    return Group(table, *notes)


def _tree(index: CriteriaIndex, detail: bool) -> Table:
    table = report_table()
    table.add_column(_("Id"), no_wrap=True)
    # --detail shows question texts: wrapped, never cut (a cut text cannot be read)
    table.add_column(
        _("Name"), ratio=1, no_wrap=not detail, overflow="fold" if detail else "ellipsis"
    )
    table.add_column(_("Weight"), justify="right", no_wrap=True)
    table.add_column(_("Questions"), justify="right", no_wrap=True)
    table.add_column(_("Confidence"), no_wrap=True, overflow="ellipsis", max_width=18)

    def add(node: Node) -> None:
        if node.kind == "butir" and not detail:
            return
        count = sum(1 for n in node.walk() if n.kind == "butir")
        label = terminal(node.label)
        label = label if node.kind != "butir" else f"{label} [{node.type}]"
        weight = index.weights.get(node.id)
        table.add_row(
            node.id,
            tree_label(Text(label), DEPTH[node.kind], wrap=detail),
            num(weight) if weight is not None else "",
            str(count) if node.kind != "butir" else "",
            confidence_text(node.confidence),
        )
        for child in node.children:
            add(child)

    for top in index.criteria.nodes:
        add(top)
    table.add_section()
    table.add_row(TOTAL.upper(), "", num(index.weights[TOTAL]), str(len(index.questions)), "")
    return table


def bar_text(bar: Bar) -> str:
    """A condition's bar in words: the predicates that count, the prerequisite, a
    share of the weight in percent, or the number."""
    if bar.held:
        return " / ".join(bar.held)
    if bar.prerequisite is not None:
        return _("prerequisite '{id}'").format(id=bar.prerequisite)
    if bar.value is None:
        return ""
    return f"{num(bar.value * 100)} %" if bar.share else num(bar.value)


def _rules(index: CriteriaIndex) -> list[RenderableType]:
    out: list[RenderableType] = []
    for pred in index.criteria.predicates:
        table = report_table(_("Conditions for {name} ({id})").format(name=pred.name, id=pred.id))
        table.add_column(_("Condition"), ratio=1, overflow="fold")
        table.add_column(_("Minimum"), justify="right", no_wrap=True)
        table.add_column(_("Confidence"), overflow="fold", max_width=18)
        for cond in pred.conditions:
            table.add_row(
                cond.description, bar_text(describe(cond)), confidence_text(cond.confidence)
            )
        out.append(table)
        sources = sorted({c.source for c in pred.conditions if c.source})
        for s in sources:
            out.append(Text("  " + _("source: {source}").format(source=s), style="dim"))
        out.append(Text(""))
    for group in index.criteria.groups:
        out.append(
            Text(_("Group '{id}': {name}").format(id=group.id, name=group.name), style="bold")
        )
        for member in group.members:
            weight = sum((index.weights[n] for n in member.nodes), Fraction(0))
            out.append(Text(f"  {member.name}: {' + '.join(member.nodes)} = {num(weight)}"))
        out.append(Text(""))
    return out


def pack_view(index: CriteriaIndex, detail: bool = False) -> RenderableType:
    """Header, tree, rules, notes and sources of one pack."""
    criteria = index.criteria
    head = Text(terminal(criteria.title), style="bold")
    head.append(
        "\n"
        + _("{id} · version {version} · {status}").format(
            id=criteria.id, version=criteria.version, status=status_text(index)
        )
    )
    if criteria.extends:
        # only predicates make the verdict: gates and prerequisites are judged beside it
        same_verdict = not any(kind == "predicates" for kind, _id, _r in index.rules_changed)
        head.append(
            "\n"
            + (
                _("derived from {parent}: scores and verdict are the same as its parent's")
                if same_verdict
                else _(
                    "derived from {parent}: scores are the same as its parent's; "
                    "its rules for the verdict differ (see below)"
                )
            ).format(parent=criteria.extends)
        )
    parts: list[RenderableType] = [head, Text(criteria.legal_basis, style="dim"), Text("")]
    if criteria.status.note:
        parts.append(Text(_("Status: {note}").format(note=criteria.status.note)))
    parts.append(_tree(index, detail))
    parts += _rules(index)
    parts += _overlay_part(index)
    parts += _prerequisites_part(index)
    parts += _gates_part(index)
    parts += _strategies_part(index, detail)
    if criteria.notes:
        parts.append(Text(_("Notes:"), style="bold"))
        parts += [Text(f"- {n}") for n in criteria.notes]
        parts.append(Text(""))
    if criteria.sources:
        parts.append(Text(_("Sources:"), style="bold"))
        parts += [Text(f"- {k}: {v}") for k, v in criteria.sources.items()]
    return Group(*parts)


def _overlay_part(index: CriteriaIndex) -> list[RenderableType]:
    criteria = index.criteria
    if not criteria.extends:
        return []
    parts: list[RenderableType] = [
        Text(_("Changes to {parent}").format(parent=criteria.extends), style="bold"),
        Text(
            ngettext(
                "{n} node given Kemenag text/guidance/data dukung "
                "(weights and answer types unchanged):",
                "{n} nodes given Kemenag text/guidance/data dukung "
                "(weights and answer types unchanged):",
                len(index.changed),
            ).format(n=len(index.changed))
        ),
    ]
    for node_id, fields in index.changed.items():
        node = index.nodes[node_id]
        parts.append(Text(f"  {node_id} {terminal(node.label[:40])}: {', '.join(fields)}"))
    kinds = _rule_kinds()
    for kind, rule_id, replaces in index.rules_changed:
        said = _("{kind} {id}: replaces its parent's") if replaces else _("{kind} {id}: added")
        parts.append(Text("  " + said.format(kind=kinds[kind], id=terminal(rule_id))))
    parts.append(Text(""))
    return parts


def _rule_kinds() -> dict[str, str]:
    return {
        "predicates": _("predicate"),
        "gates": _("stage"),
        "prerequisites": _("proposal prerequisite"),
        "groups": _("group"),
        "strategies": _("strategy"),
        "unit_fields": _("unit field"),
    }


def _prerequisites_part(index: CriteriaIndex) -> list[RenderableType]:
    criteria = index.criteria
    if not criteria.prerequisites:
        return []
    table = report_table(_("Proposal prerequisites (stated under 'unit:')"))
    table.add_column(_("Condition"), ratio=1, overflow="fold")
    table.add_column(_("Key"), no_wrap=True)
    table.add_column(_("Minimum"), justify="right", no_wrap=True)
    table.add_column(_("Predicate"), no_wrap=True)
    for pre in criteria.prerequisites:
        table.add_row(
            pre.description, pre.field, str(pre.at_least), "/".join(pre.predicates) or _("all")
        )
    parts: list[RenderableType] = [table]
    for field_name, spec in criteria.unit_fields.items():
        values = "/".join(spec.scale) if spec.kind == "scale" else f"{spec.min}..{spec.max or ''}"
        parts.append(Text(f"  {field_name}: {spec.label} [{values}]", style="dim"))
    for source in dict.fromkeys(p.source for p in criteria.prerequisites if p.source):
        parts.append(Text("  " + _("source: {source}").format(source=source), style="dim"))
    parts.append(Text(""))
    return parts


def _strategies_part(index: CriteriaIndex, detail: bool) -> list[RenderableType]:
    """The pack's strategies (a view for reports; they never change a score)."""
    from rich.padding import Padding

    strategies = index.criteria.strategies
    if not strategies:
        return []
    served = sum(len(s.questions) for s in strategies)
    parts: list[RenderableType] = [
        Text(
            _("Strategies ({n}; for reports, they do not change the score)").format(
                n=len(strategies)
            ),
            style="bold",
        )
    ]
    for strategy in strategies:
        parts.append(
            Text(
                "  "
                + ngettext(
                    "{name} ({id}): {n} question",
                    "{name} ({id}): {n} questions",
                    len(strategy.questions),
                ).format(name=strategy.name, id=strategy.id, n=len(strategy.questions))
            )
        )
        parts.append(Padding(Text(strategy.reasoning, style="dim"), (0, 0, 0, 4)))
        if detail:
            questions = Text(
                _("questions: {ids}").format(ids=", ".join(strategy.questions)), style="dim"
            )
            parts.append(Padding(questions, (0, 0, 0, 4)))
    parts.append(
        Text(
            "  "
            + ngettext(
                "{n} of {total} question serves no strategy",
                "{n} of {total} questions serve no strategy",
                len(index.questions) - served,
            ).format(n=len(index.questions) - served, total=len(index.questions)),
            style="dim",
        )
    )
    parts.append(Text(""))
    return parts


def _gates_part(index: CriteriaIndex) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for gate in index.criteria.gates:
        parts.append(
            Text(_("Stage: {name} ({id})").format(name=gate.name, id=gate.id), style="bold")
        )
        for cond in gate.conditions:
            described = describe(cond)
            bar = bar_text(described)
            if described.value is not None and not described.share:
                bar = f">= {bar}"
            parts.append(Text(f"  {cond.description} {bar}"))
        if gate.note:
            parts.append(Text(f"  {gate.note}", style="dim"))
        parts.append(
            Text(
                "  "
                + _("source: {source}; confidence: {confidence}").format(
                    source=gate.source, confidence=confidence_text(gate.confidence)
                ),
                style="dim",
            )
        )
        parts.append(Text(""))
    return parts
