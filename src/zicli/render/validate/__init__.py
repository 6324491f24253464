"""``zi validate`` output: one :class:`FileCheck` per file, streamed like a batch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zicli.errors import Problem


@dataclass(frozen=True)
class FileCheck:
    """One answer file checked without scoring: its pack and how much is answered,
    or the problems that make it invalid."""

    file: str
    valid: bool
    criteria: str | None = None
    answered: int = 0
    questions: int = 0
    errors: tuple[Problem, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The record in ``zi.validate/1``'s ``results`` list."""
        if not self.valid:
            return {"file": self.file, "valid": False, "errors": [p.as_dict() for p in self.errors]}
        return {
            "file": self.file,
            "valid": True,
            "criteria": self.criteria,
            "answered": self.answered,
            "questions": self.questions,
        }
