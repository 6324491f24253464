"""``zi criteria show`` and ``zi criteria list`` as tables."""

from __future__ import annotations

from collections.abc import Sequence

from zicli.engine.index import CriteriaIndex
from zicli.errors import Problem
from zicli.render.console import to_text
from zicli.render.options import RenderOptions
from zicli.render.pack import pack_view, packs_view


class PackTableFormatter:
    """``--format table`` (the default)."""

    def packs(self, packs: Sequence[CriteriaIndex], options: RenderOptions) -> str:
        """The shipped packs, one row each."""
        return to_text([packs_view(packs)], options)

    def pack(self, index: CriteriaIndex, options: RenderOptions) -> str:
        """One pack: tree, weights, rules and sources."""
        return to_text([pack_view(index, options.detail)], options)

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Tables leave a pack that cannot be read to the stderr lines."""
        return None


FORMATTER = PackTableFormatter()
