"""Find English left in an Indonesian text: common English words that Indonesian never uses.

What stays English by design is taken out first: option names (``--require``), commands
(``zi score``), field paths and ids (``answers.A.I.1.a``, ``unit.name``), quoted values
(``'Nama Satuan Kerja'``), URLs and file names.
"""

from __future__ import annotations

import re

_WORDS = """
    the of and is are not with from for this that these those must cannot should would could
    file files question questions answer answers blank error errors warning warnings hint
    missing expected invalid unknown see none met unmet score scores below above than was were
    has have will which when where what only every each or but by on at be its it
    change changes changed moved need needs required passed failed give use read write written
    here there did you mean more less least most also again yet instead because into
"""
WORDS = frozenset(_WORDS.split())
"""Lower-case words of English UI text; none is an Indonesian word or a domain term zi keeps."""

_REGULATION = re.compile(r"(?i)reward and(?:\s+punishment)?|training need analysis|training need")
"""English the regulation itself uses in question texts (kept as written; a wrapped
question text may break 'Reward and / Punishment' over two lines)."""

_KEPT = [
    _REGULATION,
    re.compile(r"https?://\S+"),
    re.compile(r"--[A-Za-z][\w-]*(=\S*)?"),  # options keep their names
    re.compile(r"\bzi(?: [a-z][\w-]*){1,2}"),  # commands: zi score, zi criteria show
    re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`"),  # quoted values and code
    re.compile(r"\b[\w-]+(?:\.[\w-]+)+\b"),  # field paths, ids, file names: unit.name, A.I.1
    re.compile(r"\b[\w-]+(?:/[\w.-]+)+"),  # paths
    re.compile(r"\b[A-Z]{2,}\b"),  # acronyms: WBK, TPI, OR in a formula
    re.compile(r"\b[a-z]+_[\w]+\b"),  # snake_case ids: tlhp_persen, predikat_wbk
    re.compile(r"\b[a-z]\)"),  # option letters: a) b)
]
_WORD = re.compile(r"[A-Za-z]+")


def english_words(text: str) -> list[str]:
    """The English words of ``WORDS`` in ``text`` after what stays English is removed."""
    for pattern in _KEPT:
        text = pattern.sub(" ", text)
    return [w for w in _WORD.findall(text) if w.lower() in WORDS and not w.isupper()]
