"""The README's CI and pre-commit snippets, run as written on the shipped examples.

Each ``zi`` line of the GitHub Actions and GitLab CI files runs in a scratch repository
whose ``units/`` holds the examples; the pre-commit config's hooks run on those files
as pre-commit would call them (entry + file names), locally and inside GitHub Actions.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", README, flags=re.S)]


def _block(key: str) -> Any:
    found = [b for b in BLOCKS if isinstance(b, dict) and key in str(b)]
    assert len(found) == 1, key
    return found[0]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository of answer files: the examples under units/."""
    units = tmp_path / "units"
    units.mkdir()
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, units / path.name)
    return tmp_path


def _run(line: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    bin_dir = str(Path(sys.executable).parent)
    environ = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "COLUMNS")}
    environ.update(PATH=bin_dir + os.pathsep + environ.get("PATH", ""), NO_COLOR="1", **env)
    return subprocess.run(
        ["bash", "-c", line], cwd=cwd, env=environ, capture_output=True, text=True, check=False
    )


def _zi_lines(lines: list[str]) -> list[str]:
    return [ln for ln in lines if ln.startswith("zi ")]


def test_no_placeholders_or_missing_tags() -> None:
    assert "OWNER" not in README
    assert not re.search(r"rev:\s*v\d", README)


def test_github_workflow_runs_as_written(repo: Path) -> None:
    workflow = _block("runs-on")
    steps = workflow["jobs"]["score"]["steps"]
    lines = _zi_lines([s["run"] for s in steps if "run" in s])
    assert len(lines) == 2
    assert any(s.get("run") == "pip install ./tools/zi" for s in steps)
    summary = repo / "summary.md"
    gate = _run(lines[0], repo, GITHUB_STEP_SUMMARY=str(summary), GITHUB_ACTIONS="true")
    assert gate.returncode == 1, gate.stderr  # three examples do not reach WBK
    assert "## zi: hasil penilaian Zona Integritas" in summary.read_text(encoding="utf-8")
    assert gate.stdout.count("::error file=units/") == 3
    junit = _run(lines[1], repo)
    assert junit.returncode == 0, junit.stderr
    assert (repo / "zi-junit.xml").read_text(encoding="utf-8").startswith("<?xml")


def test_gitlab_job_runs_as_written(repo: Path) -> None:
    job = _block("GIT_SUBMODULE_STRATEGY")["zi"]
    lines = _zi_lines(job["script"])
    assert len(lines) == 1 and "pip install ./tools/zi" in job["script"]
    run = _run(lines[0], repo)
    assert run.returncode == 1, run.stderr
    assert (repo / "zi-junit.xml").is_file() and (repo / "zi-summary.md").is_file()
    assert run.stdout.startswith("Unit ")


def test_precommit_hooks_run_as_written(repo: Path) -> None:
    config = _block("repos")
    (hooks,) = [r["hooks"] for r in config["repos"]]
    assert config["repos"][0]["repo"] == "local"
    files = sorted(f"units/{p.name}" for p in (repo / "units").glob("*.yaml"))
    for hook in hooks:
        assert all(re.search(hook["files"], f) for f in files)
    validate, require = (h["entry"] for h in hooks)
    assert _run(f"{validate} {' '.join(files)}", repo).returncode == 0
    local = _run(f"{require} {' '.join(files)}", repo)
    assert local.returncode == 1 and "::error" not in local.stdout
    assert local.stdout.startswith("Unit ")
    in_actions = _run(f"{require} {' '.join(files)}", repo, GITHUB_ACTIONS="true")
    assert in_actions.returncode == 1 and "::error file=units/" in in_actions.stdout


def test_shipped_hook_definitions_follow_where_they_run() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entries = {h["id"]: h["entry"] for h in hooks}
    assert entries["zi-score-require-wbk"] == "zi score --format auto --require WBK"
    assert entries["zi-validate"] == "zi validate"


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit not installed")
def test_precommit_config_is_valid(tmp_path: Path) -> None:
    config = re.search(r"```yaml\n(repos:.*?)```", README, flags=re.S)
    assert config is not None
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(config.group(1), encoding="utf-8")
    hooks = ROOT / ".pre-commit-hooks.yaml"
    for args in (["validate-config", str(path)], ["validate-manifest", str(hooks)]):
        run = subprocess.run(["pre-commit", *args], capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
