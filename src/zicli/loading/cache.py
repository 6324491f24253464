"""A cache of checked criteria packs, so start-up does not re-read a 2,000-line pack.

A pack that loaded cleanly is pickled under the user's cache folder, keyed by
zi's version, its model code and the SHA-256 of the shipped packs' bytes: any
edit of a pack, or a new zi, misses the cache. The cache is an
optimisation only: when it cannot be read or written, zi loads the pack as
usual. ``ZI_NO_CACHE=1`` turns it off; ``ZI_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from zicli import __version__
from zicli.models.index import CriteriaIndex


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


def load(key: str) -> CriteriaIndex | None:
    """The cached index for ``key``, if there is a readable one."""
    folder = _folder()
    if folder is None:
        return None
    try:
        with (folder / f"pack-{key}.pickle").open("rb") as handle:
            found = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return found if isinstance(found, CriteriaIndex) else None


def store(key: str, index: CriteriaIndex) -> None:
    """Save ``index`` under ``key`` (atomically); failures are ignored."""
    folder = _folder()
    if folder is None:
        return
    with contextlib.suppress(OSError, pickle.PickleError, TypeError, AttributeError):
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".pack-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"pack-{key}.pickle")
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
