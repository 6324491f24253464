"""The README's examples are real: every ``console`` block is run and compared."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT, Run

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```console\n\$ (.*?)\n(.*?)```", README, flags=re.S)


def test_readme_has_console_examples() -> None:
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize(("command", "expected"), BLOCKS, ids=[b[0] for b in BLOCKS])
def test_readme_console_block(
    command: str, expected: str, zi: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)
    assert args[0] == "zi"
    run = zi(*args[1:])
    assert (run.stdout + run.stderr).rstrip("\n") == expected.rstrip("\n")


def test_readme_quick_start_points_at_real_files() -> None:
    assert "zi score examples/kankemenag-kota-bengkulu-2026q1.yaml" in README
    assert (ROOT / "examples" / "kankemenag-kota-bengkulu-2026q1.yaml").exists()
    assert "pytest" in README


def test_readme_json_excerpt_matches_output(
    zi: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    excerpt = re.search(r"```json\n(.*?)```", README, flags=re.S)
    assert excerpt is not None
    shown = json.loads(excerpt.group(1))
    full = json.loads(zi("score", "examples/man-2-kota-bengkulu-2026q1.yaml", "-f", "json").stdout)

    def contained(part: object, whole: object) -> bool:
        if isinstance(part, dict):
            return isinstance(whole, dict) and all(
                k in whole and contained(v, whole[k]) for k, v in part.items()
            )
        if isinstance(part, list):
            return isinstance(whole, list) and all(
                any(contained(p, w) for w in whole) for p in part
            )
        return part == whole

    assert contained(shown, full)


def _ci_commands() -> list[str]:
    section = README.split("## Batch scoring and CI", 1)[1].split("\n## ", 1)[0]
    commands: list[str] = []
    for block in re.findall(r"```yaml\n(.*?)```", section, flags=re.S):
        for line in block.splitlines():
            text = line.strip().removeprefix("- ").removeprefix("run: ").strip()
            if text.startswith("zi "):
                commands.append(text)
            elif text.startswith("entry: zi "):  # pre-commit passes the matching files
                commands.append(text.removeprefix("entry: ") + " units/")
    return commands


def test_readme_ci_examples_run_as_written(
    zi: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import shutil

    from .expected_examples import EXPECTED

    units = tmp_path / "units"
    units.mkdir()
    for name, expected in EXPECTED.items():
        if expected.predicate is not None:  # a repository whose units all reach WBK
            shutil.copy(ROOT / "examples" / name, units / name)
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "step-summary.md"
    commands = _ci_commands()
    assert len(commands) >= 3
    for command in commands:
        args = shlex.split(command.replace('"$GITHUB_STEP_SUMMARY"', str(summary)))
        run = zi(*args[1:])
        assert run.code == 0, (command, run.stderr)
    assert summary.read_text(encoding="utf-8").startswith("## zi:")
    for name in ("zi-junit.xml", "zi-summary.md"):
        assert (tmp_path / name).stat().st_size > 0
