"""A cache of checked criteria packs, so start-up does not re-read a 2,000-line pack.

A pack that loaded cleanly is stored as JSON data (never pickle: a planted entry
must not be able to run code) under the user's cache folder, keyed by
zi's version, its model code and the SHA-256 of the shipped packs' bytes: any
edit of a pack, or a new zi, misses the cache. A loaded pack holds its authors'
prose in one language (see :data:`zicli.models.criteria.Prose`), so each language
has its own entry. The cache is an
optimisation only: when it cannot be read or written, zi loads the pack as
usual. ``ZI_NO_CACHE=1`` turns it off; ``ZI_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from zicli import __version__
from zicli.i18n import current
from zicli.models.criteria import Criteria
from zicli.models.index import CriteriaIndex, build_index


def _folder() -> Path | None:
    if os.environ.get("ZI_NO_CACHE"):
        return None
    base = os.environ.get("ZI_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "zi" if not os.environ.get("ZI_CACHE_DIR") else root


# The code a cached index is made by and of (the models, overlay merging, the index,
# all in models/): a change to any of it must miss the cache even before the version
# number changes.
_CODE = ("models",)


def key_for(*contents: bytes) -> str:
    """The cache key of a pack (and its parents) in this version of zi."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for name in _CODE:
        part = package / name
        for source in sorted(part.glob("*.py")) if part.is_dir() else [part]:
            with contextlib.suppress(OSError):
                digest.update(source.read_bytes())
    for content in contents:
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


_FORMAT = "zi-pack-cache/1"
_MAX_ENTRY = 16 * 1024 * 1024
"""A cache entry larger than this is not one zi wrote (a shipped pack's is ~70 KB)."""


def _path(folder: Path, key: str) -> Path:
    return folder / f"pack-{key}.json"


def _in_language(key: str) -> str:
    """``key`` of the pack as loaded in the language in use."""
    return f"{key}-{current()}"


def _encode(value: object) -> object:
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    raise TypeError(type(value).__name__)


def _decode(value: Any) -> Any:
    # JSON has lists where the models hold tuples, and no exact decimal
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if isinstance(value, dict):
        if len(value) == 1 and "$decimal" in value:
            return Decimal(value["$decimal"])
        return {k: _decode(v) for k, v in value.items()}
    return value


def load(key: str) -> CriteriaIndex | None:
    """The cached index for ``key``, or None: a missing, unreadable, oversized,
    corrupt, foreign or out-of-date entry is a miss, never an error. The entry is
    JSON data validated by the pack model (it cannot run code, whoever wrote it),
    and the index is built from it as from the pack's YAML."""
    folder = _folder()
    if folder is None:
        return None
    key = _in_language(key)
    try:
        fd = os.open(_path(folder, key), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_ENTRY:
                return None
            with os.fdopen(fd, "rb", closefd=False) as handle:
                raw = handle.read(_MAX_ENTRY + 1)
        finally:
            os.close(fd)
        entry = json.loads(raw)
        if not isinstance(entry, dict) or entry.get("format") != _FORMAT:
            return None
        if entry.get("key") != key:
            return None
        criteria = Criteria.model_validate(_decode(entry["criteria"]))
        changed = {str(k): tuple(str(f) for f in v) for k, v in entry["changed"].items()}
        return build_index(criteria, changed=changed)
    except Exception:  # whatever is wrong with an entry, the pack is read instead
        return None


def store(key: str, index: CriteriaIndex) -> None:
    """Save ``index`` under ``key`` (atomically); failures are ignored."""
    folder = _folder()
    if folder is None:
        return
    key = _in_language(key)
    with contextlib.suppress(OSError, TypeError, ValueError):
        entry = {
            "format": _FORMAT,
            "key": key,
            "criteria": index.criteria.model_dump(mode="python", by_alias=True, exclude_unset=True),
            "changed": {k: list(v) for k, v in index.changed.items()},
        }
        text = json.dumps(entry, default=_encode, ensure_ascii=False)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".pack-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, _path(folder, key))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
