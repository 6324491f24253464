"""The ``zi evidence`` view: data dukung status per question and per area.

One module per format (``table``, ``json``); each exposes ``render(view, options)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from zicli.engine.assess import Assessment
from zicli.engine.evidence import EvidenceReport
from zicli.engine.manifest import ManifestChanges

SCHEMA = "zi.evidence/1"
STATUS_LABELS = {
    "lengkap": "lengkap",
    "hilang": "hilang",
    "tanpa_bukti": "tanpa bukti",
    "belum_dijawab": "belum dijawab",
}


@dataclass(frozen=True)
class EvidenceView:
    """What ``zi evidence`` shows for one answer file."""

    result: Assessment
    report: EvidenceReport
    root: str
    """The evidence root as given or derived (for display)."""
    manifest: str | None = None
    """The manifest verified against, if any."""
    changes: ManifestChanges | None = None
    written: str | None = None
    """The manifest written, if any."""
