"""``zi init``: a fill-in answer file listing every question of a pack."""

from __future__ import annotations

import json

from zicli.engine.index import CriteriaIndex
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
        out.extend(_wrap("Penjelasan: " + node.guidance, "  # "))
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
        out.append("  # Isian jumlah (bilangan bulat >= 0):")
        for item in node.computed.inputs:
            out.extend(_wrap(f"{item.field}: {item.label}", "  #   - ", continuation="  #     "))
        example = f"  #   mis. {node.id}: {{" + ", ".join(
            f"{i.field}: 0" for i in node.computed.inputs
        )
        if len(example) < 96:
            out.append(example + "}")
        zero = node.computed.zero_denominator
        full = "penuh (tidak ada yang terutang)" if zero.if_numerator_zero == 1 else "0"
        out.extend(
            _wrap(
                f"Bila {node.computed.denominator} = 0 dan pembilang 0: nilai {full}",
                "  # ",
                continuation="  #   ",
            )
        )
    elif atype.kind == "scale":
        out.append(f"  # {atype.label}: angka 0-{atype.max} dengan titik desimal, mis. 3.60")
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
    out = [
        f"# Berkas jawaban zi: {criteria.short_title}",
        "# Isi setiap butir dengan kunci opsinya (Ya/Tidak, A/B/C...), nilai survei (0-4),",
        "# atau isian jumlah. Biarkan kosong bila belum diketahui: butir kosong bernilai 0",
        "# dan verdict ditandai sementara. Bentuk panjang untuk bukti (data dukung):",
        "#   A.I.1.i.b: {answer: B, evidence: [sk/sk-tim-zi.pdf], note: SK Nomor 12}",
        f"criteria: {_q(criteria_ref or criteria.id)}",
        "unit:",
        f"  name: {_q(name)}",
        "  instansi: null                 # opsional, mis. Kementerian Agama",
        f"  period: {_q(period)}              # YYYY, YYYY-Qn atau YYYY-Sn",
        "  predicate_held: null           # WBK atau WBBM bila sudah diraih",
    ]
    if criteria.unit_fields:
        out.append(
            "  # Syarat pengusulan: nyatakan yang diketahui; yang kosong tidak dianggap terpenuhi."
        )
        for key, spec in criteria.unit_fields.items():
            values = "/".join(spec.scale) if spec.kind == "scale" else "angka"
            out.append(f"  {key}: null".ljust(33) + f"# {spec.label} [{values}]")
            for pre in criteria.prerequisites:
                if pre.field == key:
                    out.append(
                        " " * 33 + f"#   syarat {'/'.join(pre.predicates)}: {pre.description}"
                    )
    out.append("answers:")

    def visit(node: Node, trail: list[str]) -> None:
        if node.kind == "butir":
            out.extend(_question(index, node))
            out.append(f"  {node.id}:")
            return
        weight = f" (bobot {node.weight})" if node.weight is not None else ""
        out.append("")
        out.append(f"  # == {node.id} {node.label}{weight}")
        out.extend(_about(node))
        for child in node.children:
            visit(child, [*trail, node.id])

    for top in criteria.nodes:
        visit(top, [])
    return "\n".join(out) + "\n"
