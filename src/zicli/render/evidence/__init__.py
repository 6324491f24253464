"""The ``zi evidence`` view: data dukung status per question and per area.

One module per format (``table``, ``json``); each exposes ``render(view, options)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from zicli.engine.assess import Assessment
from zicli.engine.evidence import EvidenceReport
from zicli.engine.manifest import ManifestChanges
from zicli.i18n import N_

SCHEMA = "zi.evidence/1"
STATUS_LABELS = {
    "lengkap": N_("complete"),
    "hilang": N_("missing"),
    "tanpa_bukti": N_("no evidence"),
    "belum_dijawab": N_("not answered"),
}
"""Status id -> its words for people (translate with ``_`` where shown; the ids stay)."""
STATE_LABELS = {
    "ada": N_("present"),
    "hilang": N_("missing"),
    "kosong": N_("empty"),
    "tautan": N_("link"),
    "tautan_rusak": N_("broken link"),
}
"""An evidence entry's state id -> its words for people."""


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
