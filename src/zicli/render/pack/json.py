"""``zi criteria show`` and ``zi criteria list`` as JSON (``zi.criteria/1``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zicli import __version__
from zicli.engine.index import CriteriaIndex
from zicli.errors import Problem
from zicli.render.common import errors_json
from zicli.render.jsontext import dumps
from zicli.render.options import RenderOptions

CRITERIA_SCHEMA = "zi.criteria/1"


class JsonPackFormatter:
    """``zi criteria show/list --format json``."""

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """A pack that could not be read: ``{"schema": "zi.criteria/1", "errors"}``."""

        return errors_json(CRITERIA_SCHEMA, problems)

    def packs(self, packs: Sequence[CriteriaIndex], options: RenderOptions) -> str:
        """The shipped packs as a list."""
        head = {"schema": CRITERIA_SCHEMA, "zi_version": __version__}
        return dumps(head | {"packs": [_pack_summary(p) for p in packs]}) + "\n"

    def pack(self, index: CriteriaIndex, options: RenderOptions) -> str:
        """A whole pack, as the validated model (exact numbers)."""
        data = index.criteria.model_dump(mode="python", exclude_none=True)
        return dumps(_summary_head(index) | {"pack": data}) + "\n"


def _summary_head(index: CriteriaIndex) -> dict[str, Any]:
    return {"schema": CRITERIA_SCHEMA, "zi_version": __version__}


def _pack_summary(index: CriteriaIndex) -> dict[str, Any]:
    status = index.criteria.status
    return {
        "id": index.id,
        "title": index.criteria.title,
        "short_title": index.criteria.short_title,
        "version": index.criteria.version,
        "status": status.state,
        "repealed_on": status.repealed_on,
        "successor": status.successor,
        "questions": len(index.questions),
    }


FORMATTER = JsonPackFormatter()
