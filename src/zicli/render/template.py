"""``zi init``: a fill-in answer file listing every question of a pack."""

from __future__ import annotations

import json

from zicli.engine.index import CriteriaIndex
from zicli.i18n import _
from zicli.models.criteria import Node


def _q(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(text, ensure_ascii=False)


def _wrap(text: str, prefix: str, width: int = 96, continuation: str | None = None) -> list[str]:
    """``text`` as comment lines of at most ``width`` columns (a longer word stays whole):
    the first behind ``prefix``, the rest behind ``continuation`` (default: ``prefix``)."""
    follow = prefix if continuation is None else continuation
    lines: list[str] = []
    line, start = prefix, prefix
    for word in text.split():
        if len(line) + len(word) > width and line != start:
            lines.append(line.rstrip())
            line = start = follow
        line += word + " "
    if line != start:
        lines.append(line.rstrip())
    return lines


def _about(node: Node) -> list[str]:
    """The pack's penjelasan and data dukung (evidence) for a node, as comments."""
    out: list[str] = []
    if node.guidance:
        out.extend(_wrap(_("Explanation: {text}").format(text=node.guidance), "  # "))
    if node.evidence:
        out.append("  # Data dukung:")
        for item in node.evidence:
            out.extend(_wrap(item, "  #   - ", continuation="  #     "))
    return out


def _question(index: CriteriaIndex, node: Node) -> list[str]:
    """A question as the workbook shows it: its full text, then how to answer it (every
    option with its meaning, the survey scale, or the count fields)."""
    lke = f"{node.lke} " if node.lke else ""
    out = _wrap(f"{node.id}  {lke}{node.text or node.label}", "  # ", continuation="  #   ")
    atype = index.answer_type(node)
    if node.computed is not None:
        out.append("  # " + _("Counts (whole numbers >= 0):"))
        for item in node.computed.inputs:
            out.extend(_wrap(f"{item.field}: {item.label}", "  #   - ", continuation="  #     "))
        fields = ", ".join(f"{i.field}: 0" for i in node.computed.inputs)
        example = "  #   " + _("e.g. {example}").format(example=f"{node.id}: {{{fields}}}")
        if len(example) < 96:
            out.append(example)
        zero = node.computed.zero_denominator
        if zero.if_numerator_zero == 1:
            rule = _("If {denominator} = 0 and the numerator is 0: full value (nothing is owed)")
        else:
            rule = _("If {denominator} = 0 and the numerator is 0: value 0")
        out.extend(
            _wrap(
                rule.format(denominator=node.computed.denominator),
                "  # ",
                continuation="  #   ",
            )
        )
    elif atype.kind == "scale":
        out.append(
            "  # "
            + _("{label}: a number 0-{max} with a decimal point, e.g. 3.60").format(
                label=atype.label, max=atype.max
            )
        )
        if atype.meaning:
            out.extend(_wrap(atype.meaning, "  #   ", continuation="  #   "))
    else:
        own = {o.key.casefold(): o.meaning for o in node.options}
        for option in atype.options:
            meaning = own.get(option.key.casefold()) or option.meaning
            line = f"{option.key} = {meaning}" if meaning else option.key
            out.extend(_wrap(line, "  #   ", continuation="  #       "))
    out.extend(_about(node))
    return out


def answer_template(
    index: CriteriaIndex, *, name: str, period: str, criteria_ref: str | None = None
) -> str:
    """The template text: valid as it is (every answer blank, scoring 0).
    ``criteria_ref`` is how the file names its pack (a path for a pack of one's own;
    the pack id by default)."""
    criteria = index.criteria
    how = _(
        "Answer each question with its option key (Ya/Tidak, A/B/C...), a survey value (0-4),\n"
        "or its counts. Leave it blank while unknown: a blank question scores 0\n"
        "and the verdict is marked provisional. The long form, for evidence (data dukung):"
    )
    out = [
        "# " + _("zi answer file: {pack}").format(pack=criteria.short_title),
        *(f"# {line}" for line in how.splitlines()),
        "#   A.I.1.i.b: {answer: B, evidence: [sk/sk-tim-zi.pdf], note: SK Nomor 12}",
        f"criteria: {_q(criteria_ref or criteria.id)}",
        "unit:",
        f"  name: {_q(name)}",
        "  instansi: null                 # " + _("optional, e.g. Kementerian Agama"),
        f"  period: {_q(period)}              # " + _("YYYY, YYYY-Qn or YYYY-Sn"),
        "  predicate_held: null           # " + _("WBK or WBBM once held"),
    ]
    if criteria.unit_fields:
        out.append(
            "  # "
            + _(
                "Proposal prerequisites: state what is known; what is left blank is not "
                "taken as met."
            )
        )
        number = _("number")
        for key, spec in criteria.unit_fields.items():
            values = "/".join(spec.scale) if spec.kind == "scale" else number
            out.append(f"  {key}: null".ljust(33) + f"# {spec.label} [{values}]")
            for pre in criteria.prerequisites:
                if pre.field == key:
                    line = _("prerequisite for {predicates}: {description}").format(
                        predicates="/".join(pre.predicates), description=pre.description
                    )
                    out.append(" " * 33 + "#   " + line)
    out.append("answers:")

    def visit(node: Node, trail: list[str]) -> None:
        if node.kind == "butir":
            out.extend(_question(index, node))
            out.append(f"  {node.id}:")
            return
        weight = (
            " " + _("(weight {weight})").format(weight=node.weight)
            if node.weight is not None
            else ""
        )
        out.append("")
        out.append(f"  # == {node.id} {node.label}{weight}")
        out.extend(_about(node))
        for child in node.children:
            visit(child, [*trail, node.id])

    for top in criteria.nodes:
        visit(top, [])
    return "\n".join(out) + "\n"
