"""How much a formatter shows, how wide, and in colour or not."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    """How much to show and how wide."""

    detail: bool = False
    width: int | None = None
    color: bool | None = None
    """None: decide from the terminal and NO_COLOR."""
    score_args: tuple[tuple[str, str], ...] = ()
    """Options (name, value) a printed ``zi score`` command must carry to load the unit
    as the command that printed it did (``--set``, ``-c``, ``--criteria-root``)."""
