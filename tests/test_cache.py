"""The disk cache of shipped packs: a pure optimisation, never a source of truth."""

from __future__ import annotations

from pathlib import Path

import pytest

from zicli import loading
from zicli.loading import cache, load_criteria


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZI_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ZI_NO_CACHE", raising=False)
    monkeypatch.setattr(loading, "_CACHE", {})
    monkeypatch.setattr(loading, "_BY_ID", {})
    return tmp_path


def test_shipped_pack_is_cached_and_reused(fresh: Path) -> None:
    first = load_criteria("permenpanrb-90-2021")
    files = list(fresh.glob("pack-permenpanrb-90-2021-*.json"))
    assert len(files) == 1
    loading._CACHE.clear()
    loading._BY_ID.clear()
    again = load_criteria("permenpanrb-90-2021")
    assert again.criteria == first.criteria
    assert again.weights == first.weights


def test_corrupt_cache_is_ignored(fresh: Path) -> None:
    load_criteria("permenpanrb-10-2019")
    for path in fresh.glob("pack-*.json"):
        path.write_bytes(b"not json")
    loading._CACHE.clear()
    loading._BY_ID.clear()
    assert load_criteria("permenpanrb-10-2019").id == "permenpanrb-10-2019"


def test_cache_can_be_turned_off(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZI_NO_CACHE", "1")
    load_criteria("permenpanrb-90-2021")
    assert not list(fresh.glob("*.json"))


def test_key_changes_with_content_and_version() -> None:
    assert cache.key_for(b"a") != cache.key_for(b"b")
    assert cache.key_for(b"a", b"b") != cache.key_for(b"ab")
