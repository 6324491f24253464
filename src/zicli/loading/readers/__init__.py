"""The reader contract: one :class:`Reader` per kind of answer file.

A reader turns a file's bytes into an :class:`AnswerDocument`: a root mapping
shaped like an answer file (``criteria``, ``unit``, ``answers``) plus
``locate(field_path)``, the :class:`~zicli.errors.Location` a value was read
from (a line and column of a YAML file; a sheet and cell of a workbook). What
comes after reading (binding to a pack, ``--set``, scoring) never knows which
kind of file it was.

Readers are registered by file suffix in :data:`READERS` and imported only when
a file of their kind is read, so start-up does not grow with their number.
:func:`is_answer_file` is the one test of "is this an answer file" that folder
search, ``--git`` revisions and standard input share; a file named on the
command line is read whatever its name (by the YAML reader when its suffix is
no reader's).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from zicli.errors import FieldPath, Location, ProblemSink

if TYPE_CHECKING:
    from zicli.models.index import CriteriaIndex


class AnswerDocument(Protocol):
    """What a reader returns: answer-file-shaped values and where each was read."""

    @property
    def file(self) -> str:
        """The name messages give the file."""
        ...

    @property
    def root(self) -> Any:
        """The values read: a mapping shaped like an answer file."""
        ...

    @property
    def located(self) -> bool:
        """Whether :meth:`locate` knows places (a quick read may skip them)."""
        ...

    def locate(self, path: FieldPath, *, key: bool = False) -> Location | None:
        """Where the value at ``path`` (or, with ``key``, its key) was read, else
        the nearest enclosing value that has a place; None if nothing has one."""
        ...

    def hides(self, path: FieldPath, *, missing: bool = False) -> bool:
        """Whether a problem at ``path`` would only repeat one the reader reported."""
        ...


@dataclass(frozen=True)
class ReadContext:
    """What a reader may need beyond the bytes: a workbook's rows are matched to a
    pack's questions, so its reader resolves the pack the way loading does."""

    base: Path
    """The folder a relative pack path is read from."""
    criteria: str | None = None
    """The pack named by ``--criteria``, if any (it wins over the file's)."""
    load_pack: Callable[[str], CriteriaIndex] | None = None
    """Resolves a pack id or path (relative to ``base``) to its index."""


class Reader(Protocol):
    """One kind of answer file."""

    kind: str
    """A short name for messages (``YAML``, ``Excel workbook``)."""

    def read(
        self, data: bytes, name: str, sink: ProblemSink, context: ReadContext, *, located: bool
    ) -> AnswerDocument:
        """The document in ``data``; problems go to ``sink``, and the reader raises
        (``sink.raise_if_any()``) when nothing more can be checked. ``located=False``
        may skip recording places: the caller reads again with places to report a
        problem."""
        ...


@runtime_checkable
class PlaceReader(Reader, Protocol):
    """A reader that can also find the places of a few paths without a full
    located read (for a file its quick read found no problem in)."""

    def read_places(self, data: bytes, name: str, paths: Collection[FieldPath]) -> AnswerDocument:
        """A document whose :meth:`~AnswerDocument.locate` knows ``paths``."""
        ...


READERS: Mapping[str, str] = {
    ".yaml": "zicli.loading.readers.yaml:READER",
    ".yml": "zicli.loading.readers.yaml:READER",
    ".xlsx": "zicli.loading.readers.xlsx:READER",
    # an old binary workbook is read only to be refused with what to do about it
    ".xls": "zicli.loading.readers.xlsx:READER",
}
"""Suffix (lower case) -> ``module:attribute`` of its reader, imported on first use."""

DEFAULT = READERS[".yaml"]
"""The reader of a file whose suffix is no reader's (a file named on the command
line is read whatever its name) and of standard input."""

ANSWER_SUFFIXES = tuple(READERS)


def is_answer_file(name: str) -> bool:
    """Whether a file found in a folder (on disk or at a git revision) is an
    answer file to score: its suffix, in any case, is one a reader reads."""
    return os.path.splitext(name)[1].lower() in READERS


_LOADED: dict[str, Reader] = {}


def reader_for(name: str) -> Reader:
    """The reader of the file ``name`` (by suffix; the YAML reader otherwise)."""
    # splitext, not Path: this runs once per file of a batch
    target = READERS.get(os.path.splitext(name)[1].lower(), DEFAULT)
    reader = _LOADED.get(target)
    if reader is None:
        module, _, attribute = target.partition(":")
        reader = getattr(importlib.import_module(module), attribute)
        _LOADED[target] = reader
    return reader
