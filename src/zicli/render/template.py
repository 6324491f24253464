"""``zi init``: a fill-in answer file listing every question of a pack."""

from __future__ import annotations

import json

from zicli.engine.index import CriteriaIndex
from zicli.models.criteria import Node


def _q(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(text, ensure_ascii=False)


def _wrap(text: str, prefix: str, width: int = 96) -> list[str]:
    words = text.split()
    lines: list[str] = []
    line = prefix
    for word in words:
        if len(line) + len(word) + 1 > width and line.strip() != prefix.strip():
            lines.append(line.rstrip())
            line = prefix
        line += word + " "
    if line.strip() != prefix.strip():
        lines.append(line.rstrip())
    return lines


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
    out.append("answers:")

    def visit(node: Node, trail: list[str]) -> None:
        if node.kind == "butir":
            atype = index.answer_type(node)
            out.extend(_wrap(node.text or "", "  # "))
            if node.computed is not None:
                example = ", ".join(f"{i.field}: 0" for i in node.computed.inputs)
                out.append(f"  # isian: {{{example}}}")
            elif atype.kind == "scale":
                out.append(f"  # {atype.label}, mis. 3.60")
            else:
                keys = "/".join(o.key for o in atype.options)
                out.append(f"  # [{keys}]")
            out.append(f"  {node.id}:")
            return
        weight = f" (bobot {node.weight})" if node.weight is not None else ""
        out.append("")
        out.append(f"  # == {node.id} {node.label}{weight}")
        for child in node.children:
            visit(child, [*trail, node.id])

    for top in criteria.nodes:
        visit(top, [])
    return "\n".join(out) + "\n"
