"""Output formats: one module per view and format, found through :mod:`.registry`.

A formatter turns results into text; it never prints, and the CLI decides where
the text goes. This package's top level stays cheap to import (no rich, no
engine): the CLI reads its ``--format`` choices from the registry at start-up,
and the formatter modules are imported only when a command runs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    """How much to show and how wide."""

    detail: bool = False
    width: int | None = None
    color: bool | None = None
    """None: decide from the terminal and NO_COLOR."""
