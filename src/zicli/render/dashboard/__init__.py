"""The dashboard view: every unit of a folder at a glance, for a Kanwil (formats:
:mod:`.html`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment


@dataclass(frozen=True)
class Invalid:
    """A file that could not be scored: its first problem as stderr prints it
    (``file:line:col: field: message (hint: ...)``) and how many there are."""

    file: str
    first: str
    count: int = 1


@dataclass(frozen=True)
class Dashboard:
    """What the dashboard shows: every assessment read (all periods, for the
    sparklines), the period asked for (None: each unit's latest), the files that
    could not be scored, and a title (None: the default one, in the language in use)."""

    assessments: tuple[Assessment, ...]
    period: str | None = None
    invalid: tuple[Invalid, ...] = ()
    title: str | None = None
