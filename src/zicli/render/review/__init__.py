"""The ``zi review`` view: a unit's layers (self, TPI, TPN) side by side.

One module per format (``table``, ``json``); each exposes ``render(report, options)``.
"""

from __future__ import annotations

SCHEMA = "zi.review/1"
LAYER_LABELS = {"unit": "mandiri"}
"""How a layer is named in text: the unit's own layer is its self-assessment."""


def layer_label(name: str) -> str:
    """``mandiri`` for the unit's layer, the layer's own name (``tpi``) otherwise."""
    return LAYER_LABELS.get(name, name)
