"""Shipped packs are package data: found with importlib.resources, or in a
development checkout in the repository's criteria/ (their source)."""

from __future__ import annotations

import importlib.resources
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from zicli import loading

from .conftest import CRITERIA


@pytest.fixture
def fresh_packs() -> Iterator[None]:
    loading._shipped.cache_clear()
    loading._SHIPPED_KEY.clear()
    yield
    loading._shipped.cache_clear()
    loading._SHIPPED_KEY.clear()


@pytest.mark.usefixtures("fresh_packs")
def test_a_development_checkout_reads_the_repositorys_criteria() -> None:
    assert loading.packs_dir() == CRITERIA
    assert set(loading.shipped_packs()) == {p.stem for p in CRITERIA.glob("*.yaml")}


@pytest.mark.usefixtures("fresh_packs")
def test_an_installed_package_reads_its_own_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "zicli"
    shutil.copytree(CRITERIA, package / "criteria")
    (package / "criteria" / "permenpanrb-10-2019.yaml").unlink()  # tell the copies apart
    monkeypatch.setattr(importlib.resources, "files", lambda name: package)
    assert loading.packs_dir() == package / "criteria"
    packs = loading.shipped_packs()
    assert "permenpanrb-10-2019" not in packs
    assert packs["permenpanrb-90-2021"] == package / "criteria" / "permenpanrb-90-2021.yaml"
    # the disk cache still keys a shipped pack on every shipped pack's bytes
    key = loading._shipped_key(packs["permenpanrb-90-2021"].resolve())
    assert key is not None and key.startswith("permenpanrb-90-2021-")
    assert loading._shipped_key((tmp_path / "mine.yaml").resolve()) is None
