"""The README's Indonesian guide for the Tim Kerja ZI is true as written.

A Tim Kerja member follows the guide word for word, so every ``zi`` command it shows is run
here, in the guide's order, in a scratch folder holding the shipped examples (``zi init``
writes ``satker.yaml`` there, later commands score it), and must end with the exit code the
guide gives it ("kode keluar 1" beside the command, else 0). Every repository file it names
exists, its answer-file snippet validates against the pack it recommends, and its anchors
lead somewhere.

The install lines are not run: a fresh venv and ``pip install .`` take minutes on a shared
machine, and the Windows lines (``py``, ``.venv\\Scripts\\activate``, PowerShell) cannot run
on Linux at all. Instead the Windows lines are checked against the Linux lines: each Windows
block is the Linux block spelled for Windows, with the same package names, the same targets
and the same ``zi`` commands, so a step that works on Linux (and CI installs zi the Linux way,
see ``.ci/run``) is the step the Windows reader is told to type.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import shutil
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import EXAMPLES, ROOT, Run

README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE_HEADING = "## Panduan singkat untuk Tim Kerja ZI"
REFERENCE_HEADING = "## English reference"
GUIDE = README.split(GUIDE_HEADING, 1)[1].split("\n" + REFERENCE_HEADING + "\n", 1)[0]
INSTALL = GUIDE.split("### 1.", 1)[1].split("**Coba sekali.**", 1)[0]
WINDOWS = INSTALL.split("**Windows**", 1)[1].split("**Linux**", 1)[0]
LINUX = INSTALL.split("**Linux**", 1)[1]
FENCE = re.compile(r"```(\w+)\n(.*?)```", flags=re.S)
INLINE = re.compile(r"`([^`\n]+)`")


def _blocks(text: str, lang: str) -> list[list[str]]:
    """The lines of each fenced block of ``lang`` in ``text``, in order."""
    return [
        [ln for ln in body.splitlines() if ln.strip()]
        for kind, body in FENCE.findall(text)
        if kind == lang
    ]


def _commands() -> list[tuple[str, int]]:
    """Every ``zi`` command of the guide's blocks, in order, with the exit code it documents."""
    found: list[tuple[str, int]] = []
    for kind, body in FENCE.findall(GUIDE):
        if kind not in ("sh", "console"):
            continue
        for raw in body.splitlines():
            line = raw.removeprefix("$ ") if kind == "console" else raw
            if line.startswith("zi "):
                comment = line.partition("#")[2] if "#" in line else ""
                found.append((line, 1 if "kode keluar 1" in comment else 0))
    return found


def _inline_zi() -> list[str]:
    """The ``zi ...`` spans of the guide's prose (outside code blocks)."""
    prose = FENCE.sub("", GUIDE)
    return [span for span in INLINE.findall(prose) if span.startswith("zi ")]


def _slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder as the guide's reader has it: the examples and the sample workbook."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    workbooks = Path("tests") / "data" / "workbooks"
    (tmp_path / workbooks).mkdir(parents=True)
    shutil.copy(ROOT / workbooks / "KUA_Kecamatan_Selebar_2026-Q1.xlsx", tmp_path / workbooks)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_guide_comes_first_and_the_english_reference_follows() -> None:
    title, rest = README.split("\n", 1)
    assert title == "# zi: skor Zona Integritas dari berkas YAML"
    intro = rest.split(GUIDE_HEADING, 1)[0]
    assert "menghitung nilai" in intro and intro.count("\n\n") <= 2  # one paragraph
    reference = README.split("\n" + REFERENCE_HEADING + "\n", 1)[1]
    assert reference.lstrip().startswith("**zi** scores a government work unit's")
    for heading in ("## Quick start", "## Usage", "## The answer file", "## Exit codes"):
        assert heading in reference
    # every step the issue asks for has its section, in order
    steps = re.findall(r"^### (\d)\. ", GUIDE, flags=re.M)
    assert steps == ["1", "2", "3", "4", "5", "6"]


def test_every_zi_command_of_the_guide_runs_as_documented(
    zi: Callable[..., Run], scratch: Path
) -> None:
    commands = _commands()
    assert len(commands) >= 15
    for line, code in commands:
        args = shlex.split(line, comments=True)
        run = zi(*args[1:])
        assert run.code == code, (line, run.stdout[-2000:], run.stderr)
        assert "Traceback" not in run.stderr
    # what the guide says these commands leave behind
    for name in ("satker.yaml", "selebar.yaml", "laporan.html", "LKE-satker.xlsx"):
        assert (scratch / name).stat().st_size > 0, name
    # the template is every question, blank: scored 0 and provisional, as the guide says
    blank = zi("score", "satker.yaml").stdout
    assert "sementara" in blank
    for label in ("Bobot", "Nilai", "Minimal", "Capaian", "Selisih", "Status", "BELUM"):
        assert label in blank, label


def test_the_guide_documents_both_exit_codes_it_shows() -> None:
    codes = {code for _, code in _commands()}
    assert codes == {0, 1}
    for code in ("**0**", "**1**", "**2**", "**3**", "**130**"):
        assert code in GUIDE


def test_every_zi_command_named_in_the_prose_exists(zi: Callable[..., Run], scratch: Path) -> None:
    spans = _inline_zi()
    assert {"zi evidence", "zi plan", "zi --version", "zi criteria list"} <= set(spans)
    for span in spans:
        args = shlex.split(span)[1:]
        named_only = len(args) == 1 and not args[0].startswith("-")
        # a command only named in the prose (`zi plan`) must exist; a full one must run
        run = zi(args[0], "--help") if named_only else zi(*args)
        assert run.code == 0, (span, run.stderr)


def test_every_file_the_guide_names_exists() -> None:
    named = set(re.findall(r"\b(?:examples|tests|docs|criteria)/[\w./-]*\w", GUIDE))
    assert "examples/kankemenag-kota-bengkulu-2026q1.yaml" in named
    for path in sorted(named):
        assert (ROOT / path).exists(), path


def test_the_wheel_and_python_the_guide_names_are_the_projects() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wheel = f"{project['name']}-{project['version']}-py3-none-any.whl"
    assert GUIDE.count(f"pip install {wheel}") == 2  # Windows and Linux
    assert re.findall(r"zicli-[\d.]+-py3-none-any\.whl", GUIDE) == [wheel] * 3
    assert project["requires-python"] == ">=3.11" and "Python 3.11" in GUIDE
    assert project["scripts"]["zi"]  # `pip install .` gives the `zi` command the guide types


def test_the_guide_first_run_is_the_quick_start() -> None:
    (quick,) = [
        line.rpartition(" && ")[2]
        for line in README.split("## Quick start", 1)[1].split("\n## ", 1)[0].splitlines()
        if "pip install . && zi " in line
    ]
    assert f"```sh\n{quick}\n```" in GUIDE
    # the second Quick start command (tests, for developers), said in the guide too
    assert "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[dev]' && pytest" in (
        GUIDE
    )


def _as_linux(line: str) -> str:
    """A Windows line spelled as on Linux."""
    line = line.replace(".venv\\Scripts\\activate", ". .venv/bin/activate")
    if line.startswith("py -m pipx "):
        line = "pipx " + line.removeprefix("py -m pipx ")
    elif line.startswith("py "):
        line = "python3 " + line.removeprefix("py ")
    return line.replace("\\", "/")


# The one line that must differ: Debian and Ubuntu's own Python refuses `pip install --user`
# (PEP 668, "externally-managed-environment"), so on Linux pipx comes from the distribution.
DIFFERENT = {"python3 -m pip install --user pipx": "sudo apt install pipx"}


def test_windows_lines_are_the_linux_lines_spelled_for_windows() -> None:
    windows = _blocks(WINDOWS, "powershell")
    linux = _blocks(LINUX, "sh")
    assert len(windows) == len(linux) == 2  # venv, then pipx
    assert windows[0][0] == "py --version" and "pip install ." in windows[0]
    for win, lin in zip(windows, linux, strict=True):
        spelled = [DIFFERENT.get(_as_linux(line), _as_linux(line)) for line in win]
        assert spelled == lin

    # the prose of both halves installs the same packages (the wheel instead of the folder)
    def pip(text: str) -> set[str]:
        return {s for s in INLINE.findall(text) if s.startswith("pip install ")}

    assert pip(WINDOWS) == pip(LINUX) and len(pip(LINUX)) == 2


def test_the_answer_snippet_is_valid_for_the_pack_the_guide_recommends(
    zi: Callable[..., Run], scratch: Path
) -> None:
    (snippet,) = [b for k, b in FENCE.findall(GUIDE) if k == "yaml"]
    answers: dict[str, Any] = yaml.safe_load(snippet)["answers"]
    assert "kemenag-90-2021" in GUIDE
    path = scratch / "examples" / "snippet.yaml"
    head = "criteria: kemenag-90-2021\nunit:\n  name: KUA Kecamatan Contoh\n  period: 2026-Q1\n"
    path.write_text(head + snippet, encoding="utf-8")
    checked = zi("validate", str(path))
    assert checked.code == 0 and checked.stderr == "", checked.stderr
    assert f"{len(answers)}/113 butir dijawab" in checked.stdout
    # the long form's data dukung: a file beside the answer file, and a link

    evidence = json.loads(zi("evidence", str(path), "-f", "json").stdout)
    (long_form,) = [q for q in evidence["questions"] if q["id"] == "A.I.1.ii.a"]
    assert long_form["status"] == "lengkap"
    assert [e["kind"] for e in long_form["evidence"]] == ["file", "url"]


def test_the_guides_anchors_lead_to_headings() -> None:
    anchors = {_slug(h) for h in re.findall(r"^#+ (.+)$", README, flags=re.M)}
    targets = re.findall(r"\]\(#([^)]+)\)", README.split(REFERENCE_HEADING, 1)[0])
    assert {"usage", "english-reference"} <= set(targets)
    for target in targets:
        assert target in anchors, target


def test_update_readme_forces_indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer with an English LANG or ZI_LANG must regenerate the same README.
    spec = importlib.util.spec_from_file_location(
        "update_readme", ROOT / "scripts/update_readme.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    seen: dict[str, str] = {}

    def fake_run(*args: Any, env: dict[str, str], **kwargs: Any) -> Any:
        seen.update(env)
        return subprocess.CompletedProcess(args, 0, "out\n", "")

    monkeypatch.setattr(module.subprocess, "run", fake_run)
    monkeypatch.setenv("ZI_LANG", "en")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert module.run("zi --version") == "out\n"
    assert (seen["ZI_LANG"], seen["NO_COLOR"], seen["COLUMNS"]) == ("id", "1", "80")
