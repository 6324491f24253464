"""Rich views of criteria packs (``zi criteria list`` and ``show``)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from zicli.engine.conditions import Bar, describe
from zicli.engine.index import CriteriaIndex
from zicli.models.criteria import TOTAL, Node
from zicli.render.common import DEPTH, STATE, num
from zicli.render.console import report_table


def status_text(index: CriteriaIndex) -> str:
    """'berlaku' or 'dicabut 2021-12-31 -> permenpanrb-90-2021'."""
    status = index.criteria.status
    text = STATE[status.state]
    if status.repealed_on:
        text += f" {status.repealed_on}"
    if status.successor:
        text += f" -> {status.successor}"
    return text


def packs_view(packs: Sequence[CriteriaIndex]) -> RenderableType:
    """One row per pack, then what replaced each repealed one."""
    table = report_table(expand=False)
    table.add_column("Id", no_wrap=True)
    table.add_column("Regulasi", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Butir", justify="right")
    notes: list[RenderableType] = []
    for index in packs:
        status = index.criteria.status
        state = STATE[status.state]
        if status.repealed_on:
            state += f" {status.repealed_on}"
        table.add_row(index.id, index.criteria.short_title, state, str(len(index.questions)))
        if status.successor:
            notes.append(Text(f"{index.id}: diganti {status.successor}", style="dim"))
    return Group(table, *notes)


def _tree(index: CriteriaIndex, detail: bool) -> Table:
    table = report_table()
    table.add_column("Id", no_wrap=True)
    table.add_column("Nama", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Bobot", justify="right", no_wrap=True)
    table.add_column("Butir", justify="right", no_wrap=True)
    table.add_column("Keyakinan", no_wrap=True, overflow="ellipsis", max_width=18)

    def add(node: Node) -> None:
        if node.kind == "butir" and not detail:
            return
        count = sum(1 for n in node.walk() if n.kind == "butir")
        label = node.label if node.kind != "butir" else f"{node.label} [{node.type}]"
        weight = index.weights.get(node.id)
        table.add_row(
            node.id,
            "  " * DEPTH[node.kind] + label,
            num(weight) if weight is not None else "",
            str(count) if node.kind != "butir" else "",
            node.confidence or "",
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
        return f"syarat '{bar.prerequisite}'"
    if bar.value is None:
        return ""
    return f"{num(bar.value * 100)} %" if bar.share else num(bar.value)


def _rules(index: CriteriaIndex) -> list[RenderableType]:
    out: list[RenderableType] = []
    for pred in index.criteria.predicates:
        table = report_table(f"Syarat {pred.name} ({pred.id})")
        table.add_column("Syarat", ratio=1, overflow="fold")
        table.add_column("Minimal", justify="right", no_wrap=True)
        table.add_column("Keyakinan", overflow="fold", max_width=18)
        for cond in pred.conditions:
            table.add_row(cond.description, bar_text(describe(cond)), cond.confidence or "")
        out.append(table)
        sources = sorted({c.source for c in pred.conditions if c.source})
        for s in sources:
            out.append(Text(f"  sumber: {s}", style="dim"))
        out.append(Text(""))
    for group in index.criteria.groups:
        out.append(Text(f"Kelompok '{group.id}': {group.name}", style="bold"))
        for member in group.members:
            weight = sum((index.weights[n] for n in member.nodes), Fraction(0))
            out.append(Text(f"  {member.name}: {' + '.join(member.nodes)} = {num(weight)}"))
        out.append(Text(""))
    return out


def pack_view(index: CriteriaIndex, detail: bool = False) -> RenderableType:
    """Header, tree, rules, notes and sources of one pack."""
    criteria = index.criteria
    head = Text(criteria.title, style="bold")
    head.append(f"\n{criteria.id} · versi {criteria.version} · {status_text(index)}")
    if criteria.extends:
        head.append(f"\nturunan dari {criteria.extends}: skor dan verdict sama dengan induknya")
    parts: list[RenderableType] = [head, Text(criteria.legal_basis, style="dim"), Text("")]
    if criteria.status.note:
        parts.append(Text(f"Status: {criteria.status.note}"))
    parts.append(_tree(index, detail))
    parts += _rules(index)
    parts += _overlay_part(index)
    parts += _prerequisites_part(index)
    parts += _gates_part(index)
    parts += _strategies_part(index, detail)
    if criteria.notes:
        parts.append(Text("Catatan:", style="bold"))
        parts += [Text(f"- {n}") for n in criteria.notes]
        parts.append(Text(""))
    if criteria.sources:
        parts.append(Text("Sumber:", style="bold"))
        parts += [Text(f"- {k}: {v}") for k, v in criteria.sources.items()]
    return Group(*parts)


def _overlay_part(index: CriteriaIndex) -> list[RenderableType]:
    criteria = index.criteria
    if not criteria.extends:
        return []
    parts: list[RenderableType] = [
        Text(f"Perubahan terhadap {criteria.extends}", style="bold"),
        Text(
            f"{len(index.changed)} node diberi teks Kemenag/panduan/data dukung "
            "(bobot dan jenis jawaban tidak berubah):"
        ),
    ]
    for node_id, fields in index.changed.items():
        node = index.nodes[node_id]
        parts.append(Text(f"  {node_id} {node.label[:40]}: {', '.join(fields)}"))
    parts.append(Text(""))
    return parts


def _prerequisites_part(index: CriteriaIndex) -> list[RenderableType]:
    criteria = index.criteria
    if not criteria.prerequisites:
        return []
    table = report_table("Syarat pengusulan (dinyatakan di bawah 'unit:')")
    table.add_column("Syarat", ratio=1, overflow="fold")
    table.add_column("Kunci", no_wrap=True)
    table.add_column("Minimal", justify="right", no_wrap=True)
    table.add_column("Predikat", no_wrap=True)
    for pre in criteria.prerequisites:
        table.add_row(
            pre.description, pre.field, str(pre.at_least), "/".join(pre.predicates) or "semua"
        )
    parts: list[RenderableType] = [table]
    for field_name, spec in criteria.unit_fields.items():
        values = "/".join(spec.scale) if spec.kind == "scale" else f"{spec.min}..{spec.max or ''}"
        parts.append(Text(f"  {field_name}: {spec.label} [{values}]", style="dim"))
    for source in dict.fromkeys(p.source for p in criteria.prerequisites if p.source):
        parts.append(Text(f"  sumber: {source}", style="dim"))
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
        Text(f"Strategi ({len(strategies)}; untuk laporan, tidak mengubah nilai)", style="bold")
    ]
    for strategy in strategies:
        parts.append(Text(f"  {strategy.name} ({strategy.id}): {len(strategy.questions)} butir"))
        parts.append(Padding(Text(strategy.reasoning, style="dim"), (0, 0, 0, 4)))
        if detail:
            questions = Text("butir: " + ", ".join(strategy.questions), style="dim")
            parts.append(Padding(questions, (0, 0, 0, 4)))
    parts.append(
        Text(
            f"  {len(index.questions) - served} dari {len(index.questions)} butir tidak "
            "melayani strategi mana pun",
            style="dim",
        )
    )
    parts.append(Text(""))
    return parts


def _gates_part(index: CriteriaIndex) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for gate in index.criteria.gates:
        parts.append(Text(f"Tahapan: {gate.name} ({gate.id})", style="bold"))
        for cond in gate.conditions:
            described = describe(cond)
            bar = bar_text(described)
            if described.value is not None and not described.share:
                bar = f">= {bar}"
            parts.append(Text(f"  {cond.description} {bar}"))
        if gate.note:
            parts.append(Text(f"  {gate.note}", style="dim"))
        parts.append(Text(f"  sumber: {gate.source}; keyakinan: {gate.confidence}", style="dim"))
        parts.append(Text(""))
    return parts
