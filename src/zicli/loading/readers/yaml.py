"""The YAML reader: answer files as the project has always written them.

It wraps :mod:`zicli.loading.yamlsafe` (the safe YAML 1.2 reader with positions);
its documents locate values by line and column.
"""

from __future__ import annotations

from collections.abc import Collection

from zicli.errors import FieldPath, ProblemSink
from zicli.i18n import _

from ..yamlsafe import Document, read_document
from ..yamlsafe import read_places as _read_places
from . import ReadContext


class YamlReader:
    """Reads a ``.yaml``/``.yml`` answer file (or standard input)."""

    kind = "YAML"

    def read(
        self, data: bytes, name: str, sink: ProblemSink, context: ReadContext, *, located: bool
    ) -> Document:
        """The file's document, its top a mapping; raises when nothing more can
        be checked. Problems the reader could step over (a duplicate key, a
        refused number) stay in ``sink`` for the caller to report with the rest."""
        return read_mapping(data, name, sink, located=located)

    def read_places(self, data: bytes, name: str, paths: Collection[FieldPath]) -> Document:
        """The places of ``paths`` alone, in a file a quick read found no problem in
        (see :func:`~zicli.loading.yamlsafe.read_places`)."""
        return _read_places(data, name, paths)


def read_mapping(data: bytes, name: str, sink: ProblemSink, *, located: bool = True) -> Document:
    """The YAML document in ``data``, refused unless its top is a mapping (answer
    files and criteria packs both are)."""
    doc = read_document(data, name, sink, located=located)
    if doc is None:
        sink.raise_if_any()
    assert doc is not None
    if not isinstance(doc.root, dict):
        sink.add(
            _("expected a mapping of 'key: value' lines at the top of the file"),
            line=1,
            col=1,
            hint=_("see 'zi init' for the layout"),
        )
        sink.raise_if_any()
    return doc


READER = YamlReader()
