"""Shared fixtures: the repository layout, the shipped packs and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

# The pack cache of the tests is their own, never the user's.
os.environ.setdefault("ZI_CACHE_DIR", tempfile.mkdtemp(prefix="zi-test-cache-"))
# zi speaks Indonesian unless asked otherwise; a developer's English LANG must not change
# what the tests see (the English tests ask with --lang en or ZI_LANG=en). Set before zicli.cli
# is imported below, as its help texts are built then.
os.environ["ZI_LANG"] = "id"

from zicli import i18n
from zicli.cli import app
from zicli.engine.index import CriteriaIndex
from zicli.loading import load_criteria

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CRITERIA = ROOT / "criteria"
# The reference trees the packs are checked against (docs/domain/ says where their facts come from).
REFERENCE = ROOT / "docs" / "reference"


@dataclass(frozen=True)
class Run:
    """The outcome of one CLI invocation."""

    code: int
    stdout: str
    stderr: str


def zi_process(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """zi in a process of its own (what a language chosen at start-up changes, such as
    help texts, is seen only there), with no language from the developer's locale, 100
    columns and no colour unless ``env`` says otherwise."""
    environ = {k: v for k, v in os.environ.items() if k not in ("ZI_LANG", "LANG", "LC_ALL")}
    environ.update({"COLUMNS": "100", "NO_COLOR": "1", **env})
    return subprocess.run(
        [sys.executable, "-m", "zicli", *args],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
        cwd=ROOT,
    )


@pytest.fixture(autouse=True)
def _indonesian_again() -> Iterator[None]:
    """A test that asked for English (``--lang en`` in-process) leaves zi Indonesian."""
    yield
    i18n.use(i18n.choose([], os.environ))


@pytest.fixture
def zi(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run the zi CLI in-process with a fixed 80-column, colourless terminal."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")

    def run(*args: str, stdin: str | None = None) -> Run:
        i18n.use(i18n.choose([], os.environ))  # a --lang of an earlier run does not stay
        result = CliRunner().invoke(app, list(args), input=stdin)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture(scope="session")
def pack90() -> CriteriaIndex:
    """The PermenPANRB 90/2021 pack."""
    return load_criteria("permenpanrb-90-2021")


@pytest.fixture(scope="session")
def pack19() -> CriteriaIndex:
    """The PermenPANRB 10/2019 pack."""
    return load_criteria("permenpanrb-10-2019")
