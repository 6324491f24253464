"""An answer file written out (``zi import``): the existing contract, every question
listed in the pack's order, long forms where a note or evidence goes with the answer.

Every string is written as a JSON string, which is a YAML double-quoted scalar, and
every text in a comment (the workbook's file and sheet names, the pack's labels) is
made one line of printable characters: no text from a workbook can break the file's
structure.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from zicli.engine.index import CriteriaIndex
from zicli.models.criteria import Node
from zicli.render.escape import terminal, xml_clean

_RISKY = {"\x85", "\u2028", "\u2029", "\ufeff"}  # line breaks and a BOM to YAML


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _q(text: str) -> str:
    """A YAML double-quoted scalar that reads back as ``text``, whatever it holds:
    JSON's escapes, plus YAML's own for what YAML would read as a line break or
    refuse (characters that are not printable)."""
    quoted = json.dumps(text, ensure_ascii=False)
    if quoted.isprintable() and not _RISKY.intersection(quoted):
        return quoted
    return "".join(c if c.isprintable() and c not in _RISKY else _escape(c) for c in quoted)


def _comment(text: str) -> str:
    """Text for a YAML comment: a line break (LF, CR, NEL, U+2028/U+2029) would end
    the comment and start a line of YAML, and a character YAML does not allow
    (controls, U+FFFE, a lone surrogate from a file name that is not UTF-8) would
    make the file unreadable: each shown as a picture, as on a terminal."""
    return terminal(xml_clean(text))


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return _q(str(value))


def _value(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _scalar(value)


def answer_file(
    index: CriteriaIndex,
    raw: Mapping[str, Any],
    *,
    header: tuple[str, ...] = (),
) -> str:
    """The YAML text of an answer file: ``raw`` holds ``criteria``, ``unit`` and
    ``answers`` (short or long form values, as a workbook reader returns them)."""
    out = [f"# {_comment(line)}" for line in header]
    out.append(f"criteria: {_q(str(raw['criteria']))}")
    out.append("unit:")
    for key, value in raw["unit"].items():
        out.append(f"  {key}: {_scalar(value)}")
    out.append("answers:")
    answers: Mapping[str, Any] = raw.get("answers") or {}

    def visit(node: Node) -> None:
        if node.kind == "butir":
            out.append(f"  {node.id}: {_value(answers.get(node.id))}")
            return
        out.append(f"  # {_comment(f'{node.id} {node.label}')}")
        for child in node.children:
            visit(child)

    for top in index.criteria.nodes:
        visit(top)
    return "\n".join(out) + "\n"
