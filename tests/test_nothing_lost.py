"""Nothing lost: inputs are only read, outputs appear whole or not at all.

``zi score`` and ``zi validate`` leave their input files byte for byte and
timestamp for timestamp as they were. ``--output`` is written to a temporary
file and renamed into place, so a failure or Ctrl-C midway leaves the old file
and no stray temporary file. ``zi init`` does not overwrite without ``--force``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from zicli.errors import InputError
from zicli.loading.output import write_atomic

from .conftest import Run

DATA = Path(__file__).resolve().parent / "data"
Zi = Callable[..., Run]

CASES = [
    DATA / "valid" / "long-form.yaml",
    DATA / "valid" / "ids-1-10.yaml",
    DATA / "invalid" / "every-problem.yaml",
    DATA / "invalid" / "alias-bomb.yaml",
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working folder holding copies of a few corpus files."""
    for case in CASES:
        shutil.copy2(case, tmp_path / case.name)
    (tmp_path / "packs").mkdir()
    shutil.copy2(DATA / "valid" / "packs" / "ids-1-10.yaml", tmp_path / "packs" / "ids-1-10.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and modification time."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
@pytest.mark.parametrize(
    "args",
    [("score",), ("score", "--format", "json"), ("score", "--detail"), ("validate",)],
    ids=" ".join,
)
def test_inputs_are_only_read(case: Path, args: tuple[str, ...], zi: Zi, folder: Path) -> None:
    before = snapshot(folder)
    run = zi(*args, case.name)
    assert run.code in (0, 2)
    assert snapshot(folder) == before


def test_output_is_written_whole(zi: Zi, folder: Path) -> None:
    shown = zi("score", "long-form.yaml", "--format", "json")
    written = zi("score", "long-form.yaml", "--format", "json", "--output", "out.json")
    assert written.code == 0
    assert written.stdout == ""
    assert (folder / "out.json").read_text(encoding="utf-8") == shown.stdout
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*(c.name for c in CASES), "packs", "out.json"]
    )


def test_output_replaces_an_old_file(zi: Zi, folder: Path) -> None:
    (folder / "out.txt").write_text("old report\n", encoding="utf-8")
    assert zi("score", "long-form.yaml", "-o", "out.txt").code == 0
    assert (folder / "out.txt").read_text(encoding="utf-8").startswith("Satker Uji")


def test_invalid_input_leaves_the_old_output(zi: Zi, folder: Path) -> None:
    (folder / "out.txt").write_text("old report\n", encoding="utf-8")
    run = zi("score", "every-problem.yaml", "-o", "out.txt")
    assert run.code == 2
    assert (folder / "out.txt").read_text(encoding="utf-8") == "old report\n"


def _temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_failure_midway_keeps_the_old_output(
    zi: Zi, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "out.txt").write_text("old report\n", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    run = zi("score", "long-form.yaml", "-o", "out.txt")
    assert run.code == 2
    assert run.stderr.splitlines() == [
        "kesalahan: out.txt: tidak dapat ditulis: No space left on device"
    ]
    assert (folder / "out.txt").read_text(encoding="utf-8") == "old report\n"
    assert _temp_files(folder) == []


def test_ctrl_c_midway_keeps_the_old_output(
    zi: Zi, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "out.txt").write_text("old report\n", encoding="utf-8")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    run = zi("score", "long-form.yaml", "-o", "out.txt")
    assert run.code == 130
    assert (folder / "out.txt").read_text(encoding="utf-8") == "old report\n"
    assert _temp_files(folder) == []


def test_output_into_a_missing_folder(zi: Zi, folder: Path) -> None:
    run = zi("score", "long-form.yaml", "-o", "nowhere/out.txt")
    assert run.code == 2
    assert run.stderr.splitlines() == ["kesalahan: nowhere: folder tidak ada"]


def test_write_atomic_refuses_an_input(folder: Path) -> None:
    before = snapshot(folder)
    with pytest.raises(InputError) as caught:
        write_atomic("long-form.yaml", "report\n", inputs=["./long-form.yaml"])
    assert [str(p) for p in caught.value.problems] == [
        "long-form.yaml: adalah masukan perintah ini; zi tidak pernah menimpa masukannya "
        "(saran: pilih berkas --output lain)"
    ]
    assert snapshot(folder) == before
    write_atomic("other.txt", "report\n", inputs=["long-form.yaml", "-"])
    assert (folder / "other.txt").read_text(encoding="utf-8") == "report\n"


def test_score_never_writes_over_its_input(zi: Zi, folder: Path) -> None:
    before = snapshot(folder)
    run = zi("score", "long-form.yaml", "-o", "long-form.yaml")
    assert run.code == 2
    assert "zi tidak pernah menimpa masukannya" in run.stderr
    assert snapshot(folder) == before
    run = zi("score", ".", "-f", "csv", "-o", "long-form.yaml")
    assert run.code == 2
    assert snapshot(folder) == before


def test_init_does_not_overwrite_without_force(zi: Zi, folder: Path) -> None:
    target = folder / "long-form.yaml"
    before = target.read_bytes()
    run = zi("init", "-o", "long-form.yaml")
    assert run.code == 2
    assert run.stderr.splitlines() == [
        "kesalahan: long-form.yaml: sudah ada; zi tidak menimpanya (saran: gunakan --force)"
    ]
    assert target.read_bytes() == before
    forced = zi("init", "-o", "long-form.yaml", "--force", "--period", "2026-Q2")
    assert forced.code == 0, forced.stderr
    assert target.read_bytes() != before
    assert zi("validate", "long-form.yaml").code == 0
    assert _temp_files(folder) == []


@pytest.mark.parametrize("force", [False, True], ids=["plain", "forced"])
def test_init_refuses_a_folder_as_output(zi: Zi, folder: Path, force: bool) -> None:
    (folder / "d").mkdir()
    run = zi("init", "-o", "d", *(["--force"] if force else []))
    assert run.code == 2
    assert run.stderr.splitlines() == [
        "kesalahan: d: adalah folder; zi tidak menimpanya (saran: sebutkan sebuah berkas)"
    ]
