"""The benchmark's helpers work as README's Performance section says (not timed here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES, ROOT

BENCH = ROOT / "bench"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=False, cwd=ROOT
    )


def test_generated_files_are_valid_answer_files(tmp_path: Path) -> None:
    folder = tmp_path / "units"
    assert _run(str(BENCH / "generate.py"), "300", str(folder)).returncode == 0
    files = sorted(folder.rglob("*.yaml"))
    assert len(files) == 300
    done = _run("-m", "zicli", "score", str(folder), "--format", "jsonl", "--jobs", "2")
    assert done.returncode in (0, 1), done.stderr  # gates may fail; no file may be invalid
    assert done.stderr == ""  # nor warned about: no part larger than its whole, derived ones too
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 300 and all("errors" not in line for line in lines)
    assert {line["criteria"]["id"] for line in lines} == {
        "permenpanrb-90-2021",
        "permenpanrb-10-2019",
    }
    floor = _run(str(BENCH / "floor.py"), str(folder))
    assert floor.returncode == 0 and floor.stdout.strip() == "300"


def test_dependency_list_names_what_a_run_imports() -> None:
    example = str(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml")
    as_json = set(
        _run(str(BENCH / "deps.py"), example, "--format", "json").stdout.strip().split(",")
    )
    as_table = set(_run(str(BENCH / "deps.py"), example).stdout.strip().split(","))
    assert {"typer", "pydantic", "pydantic_core", "yaml"} <= as_json
    assert "rich.table" in as_table and as_json <= as_table
    assert not any(name.startswith("zicli") for name in as_table)
    # The list must be importable as one statement, as bench/run.py does.
    assert _run("-c", "import " + ",".join(sorted(as_table))).returncode == 0


def test_noop_typer_command_runs() -> None:
    assert _run(str(BENCH / "noop_typer.py"), "score").returncode == 0
    # the reference with zi score's parameters takes a file as zi does, and loads pydantic
    # as typer does for any command with parameters
    with_options = _run(
        "-X", "importtime", str(BENCH / "noop_typer.py"), "score-options", "u.yaml", "-f", "json"
    )
    assert with_options.returncode == 0
    assert "pydantic_core" in with_options.stderr


def test_floor_commands_read_the_file_and_make_the_models() -> None:
    example = str(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml")
    read = _run("-X", "importtime", str(BENCH / "noop_typer.py"), "score-read", example)
    assert read.returncode == 0 and "yaml._yaml" in read.stderr
    assert "zicli" not in read.stderr
    models = _run("-X", "importtime", str(BENCH / "noop_typer.py"), "score-read-models", example)
    assert models.returncode == 0 and "zicli.models.criteria" in models.stderr
    # a file that is not there fails: the command does read it
    assert _run(str(BENCH / "noop_typer.py"), "score-read", "missing.yaml").returncode != 0


def test_startup_benchmark_reports_every_reference(tmp_path: Path) -> None:
    done = _run(
        str(BENCH / "run.py"), "--startup-only", "--startup-repeat", "1", "--workdir", str(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    for label in ("does nothing", "only reads the file", "model classes", "--format json"):
        assert label in done.stdout
