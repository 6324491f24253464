"""A cache of checked criteria packs, so start-up does not re-read a 2,000-line pack.

A pack that loaded cleanly is stored as JSON data (never pickle: a planted entry
must not be able to run code) under the user's cache folder, keyed by
zi's version, its model code and the SHA-256 of the shipped packs' bytes: any
edit of a pack, or a new zi, misses the cache. A loaded pack holds its authors'
prose in one language (see :data:`zicli.models.criteria.Prose`), so each language
has its own entry. The cache is an
optimisation only: when it cannot be read or written, zi loads the pack as
usual. ``ZI_NO_CACHE=1`` turns it off; ``ZI_CACHE_DIR`` moves it.

An entry holds the pack's models as they were after validation (each value with
its model's name) and is signed with HMAC-SHA256 under a random key kept in the
cache folder, readable by its owner only. A signed entry is rebuilt without
validating again (``model_construct``: building pydantic's validators for the pack
models would cost a one-file run a third of its time); an entry that is not
signed with that key (planted, corrupt, another format) is a miss, and only zi's
own model classes can be named in one.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import os
import stat
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from zicli import __version__
from zicli.i18n import current
from zicli.models.base import Strict
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


_FORMAT = "zi-pack-cache/3"


def key_for(*contents: bytes) -> str:
    """The cache key of a pack (and its parents) in this version of zi."""
    # the entry format too: zi of another format shares the folder, not the entries
    digest = hashlib.sha256(f"{__version__} {_FORMAT}".encode())
    package = Path(__file__).resolve().parent.parent
    for name in _CODE:
        part = package / name
        for source in sorted(part.glob("*.py")) if part.is_dir() else [part]:
            with contextlib.suppress(OSError):
                digest.update(source.read_bytes())
    for content in contents:
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


_MAX_ENTRY = 16 * 1024 * 1024
"""A cache entry larger than this is not one zi wrote (a shipped pack's is ~70 KB)."""
_SECRET = "secret"
_SECRET_BYTES = 32


def _path(folder: Path, key: str) -> Path:
    return folder / f"pack-{key}.json"


def _in_language(key: str) -> str:
    """``key`` of the pack as loaded in the language in use."""
    return f"{key}-{current()}"


def _read_small(path: Path, limit: int, *, private: bool = False) -> bytes | None:
    """A regular file's bytes (opened without blocking), None past ``limit`` or if
    it is anything else (or, ``private``, when another user owns it or may read or
    change it); OSError when it cannot be opened."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if private and (not mine or info.st_mode & 0o077):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    finally:
        os.close(fd)


def _secret(folder: Path, *, create: bool) -> bytes | None:
    """The cache folder's signing key (made when ``create`` and missing); None when
    there is none that can be trusted (then nothing is cached)."""
    path = folder / _SECRET
    try:
        data = _read_small(path, _SECRET_BYTES, private=True)
    except FileNotFoundError:
        if not create:
            return None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError:
            return None
        data = os.urandom(_SECRET_BYTES)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError:
        return None
    return data if data is not None and len(data) == _SECRET_BYTES else None


def _mac(secret: bytes, payload: str) -> str:
    return hmac.new(secret, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def _model_classes() -> dict[str, type[Strict]]:
    """zi's model classes by module and name: the only ones an entry can name."""
    found: dict[str, type[Strict]] = {}
    todo: list[type[Strict]] = [Strict]
    while todo:
        cls = todo.pop()
        found[f"{cls.__module__}.{cls.__qualname__}"] = cls
        todo += cls.__subclasses__()
    return found


def _dump(value: object) -> object:
    """A validated model as JSON data that keeps its types (model, tuple, mapping,
    Decimal), for :func:`_build`."""
    if isinstance(value, Strict):
        cls = type(value)
        # the fields the pack set; the others are their defaults, which
        # model_construct gives them again (no validator changes them)
        return {
            "$model": f"{cls.__module__}.{cls.__qualname__}",
            "fields": {
                name: _dump(getattr(value, name))
                for name in cls.model_fields
                if name in value.model_fields_set
            },
        }
    if isinstance(value, tuple):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {"$map": {str(k): _dump(v) for k, v in value.items()}}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(type(value).__name__)  # not cached: the pack is read as usual


_IMMUTABLE = (type(None), str, int, bool, Decimal, tuple, frozenset)
Maker = Callable[[dict[str, Any]], Strict]


def _maker(cls: type[Strict]) -> Maker:
    """What ``cls.model_construct(**given)`` does for zi's models (no aliases, no
    post-init), with each field's default looked up once per class, not once per
    instance: a pack has hundreds of nodes of a dozen fields, most left default."""
    if cls.__pydantic_post_init__ or cls.__pydantic_root_model__:
        return lambda given: cls.model_construct(**given)  # pragma: no cover - none yet
    fixed: dict[str, Any] = {}
    made: dict[str, Callable[[], Any]] = {}
    for name, info in cls.model_fields.items():
        if info.default_factory is not None:
            made[name] = functools.partial(info.get_default, call_default_factory=True)
        elif not info.is_required():
            if isinstance(info.default, _IMMUTABLE):
                fixed[name] = info.default
            else:  # pragma: no cover - every default of a pack model is immutable
                made[name] = functools.partial(info.get_default, call_default_factory=True)
    names = tuple(cls.model_fields)

    def make(given: dict[str, Any]) -> Strict:
        values: dict[str, Any] = {}
        for name in names:
            if name in given:
                values[name] = given[name]
            elif name in fixed:
                values[name] = fixed[name]
            elif name in made:
                values[name] = made[name]()
            else:
                raise KeyError(name)  # a required field missing: not an entry zi wrote
        model = cls.__new__(cls)
        object.__setattr__(model, "__dict__", values)
        object.__setattr__(model, "__pydantic_fields_set__", set(given))
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
        return model

    return make


def _build(value: Any, models: dict[str, type[Strict]], makers: dict[str, Maker]) -> Any:
    """:func:`_dump`'s data back to the models it was made of, without validating."""
    if isinstance(value, list):
        return tuple([_build(v, models, makers) for v in value])
    if isinstance(value, dict):
        name = value.get("$model")
        if name is not None:
            make = makers.get(name)
            if make is None:
                make = makers[name] = _maker(models[name])
            return make({k: _build(v, models, makers) for k, v in value["fields"].items()})
        if "$map" in value:
            return {k: _build(v, models, makers) for k, v in value["$map"].items()}
        return Decimal(value["$decimal"])
    return value


def load(key: str) -> CriteriaIndex | None:
    """The cached index for ``key``, or None: a missing, unreadable, oversized,
    unsigned, corrupt, foreign or out-of-date entry is a miss, never an error. An
    entry signed with this cache's key is one zi wrote from a validated pack, so
    its models are rebuilt as they were, and the index from them as from the
    pack's YAML."""
    folder = _folder()
    if folder is None:
        return None
    key = _in_language(key)
    try:
        raw = _read_small(_path(folder, key), _MAX_ENTRY)
        if raw is None:
            return None
        entry = json.loads(raw)
        if not isinstance(entry, dict) or entry.get("format") != _FORMAT:
            return None
        if entry.get("key") != key:
            return None
        secret = _secret(folder, create=False)
        payload = entry.get("payload")
        if secret is None or not isinstance(payload, str):
            return None
        if not hmac.compare_digest(str(entry.get("mac")), _mac(secret, payload)):
            return None
        data = json.loads(payload)
        criteria = _build(data["criteria"], _model_classes(), {})
        if not isinstance(criteria, Criteria):
            return None
        changed = {str(k): tuple(str(f) for f in v) for k, v in data["changed"].items()}
        rules = tuple((str(n), str(i), bool(r)) for n, i, r in data["rules"])
        return build_index(criteria, changed=changed, rules_changed=rules)
    except Exception:  # whatever is wrong with an entry, the pack is read instead
        return None


def store(key: str, index: CriteriaIndex) -> None:
    """Save ``index`` under ``key`` (atomically, signed); failures are ignored."""
    folder = _folder()
    if folder is None:
        return
    key = _in_language(key)
    with contextlib.suppress(OSError, TypeError, ValueError):
        secret = _secret(folder, create=True)
        if secret is None:
            return
        payload = json.dumps(
            {
                "criteria": _dump(index.criteria),
                "changed": {k: list(v) for k, v in index.changed.items()},
                "rules": [list(r) for r in index.rules_changed],
            },
            ensure_ascii=False,
        )
        text = json.dumps(
            {"format": _FORMAT, "key": key, "mac": _mac(secret, payload), "payload": payload},
            ensure_ascii=False,
        )
        fd, tmp = tempfile.mkstemp(prefix=".pack-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, _path(folder, key))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
