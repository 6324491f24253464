"""Golden-file comparison; ``ZI_UPDATE_GOLDEN=1 pytest`` rewrites the files for review."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(relative: str, actual: str) -> None:
    """Assert ``actual`` equals the golden file (or rewrite it when asked)."""
    path = GOLDEN / relative
    if os.environ.get("ZI_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {relative}; run with ZI_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from golden/{relative}"
