"""The ``zi review`` view: a unit's layers (self, TPI, TPN) side by side.

One module per format (``table``, ``json``); each exposes ``render(report, options)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zicli.i18n import N_, _

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment

SCHEMA = "zi.review/1"
LAYER_LABELS = {"unit": N_("self")}
"""How a layer is named in text: the unit's own layer is its self-assessment."""


def layer_label(name: str) -> str:
    """``mandiri`` for the unit's layer, the layer's own name (``tpi``) otherwise."""
    label = LAYER_LABELS.get(name)
    return name if label is None else _(label)


def side_labels(old: Assessment, new: Assessment) -> tuple[str, str] | None:
    """How ``zi diff`` names its two sides when one is a review layer of the same
    period (``mandiri -> tpi``, ``tpi -> tpn``); None to name them by period."""
    if old.layer is None and new.layer is None:
        return None
    if old.card.unit.period != new.card.unit.period:
        return None
    return layer_label(old.layer or "unit"), layer_label(new.layer or "unit")
