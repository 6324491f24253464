"""Every command x every format of its view x valid and invalid input, walked from the
render registry (as ruff snapshot-tests each emitter on good and unparsable input).

For valid input: the exit code, and stdout in the shape its format promises (JSON that
parses and names its view's schema, JSON lines, CSV with a header, JUnit XML, GitHub
workflow commands, Markdown, a table). For invalid input: exit 2, the located line on
stderr, and for every JSON format the view's ``{"schema", "errors"}`` object on stdout
(nothing on stdout for the others). A format a view lacks is refused with exit 2 and the
list of those it has.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from zicli.render.registry import SCHEMAS, VIEWS, formats, load

from .conftest import EXAMPLES, Run

Zi = Callable[..., Run]

UNIT = str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml")
UNIT_Q2 = str(EXAMPLES / "man-2-kota-bengkulu-2026q2.yaml")
REVIEW = EXAMPLES.parent / "examples-review" / "kankemenag-kota-bengkulu-2026q1-tpn.yaml"
PACK = "permenpanrb-90-2021"
BAD_YAML = (
    "unit:\n  name: X\n  period: 2026-Q1\ncriteria: permenpanrb-90-2021\nanswers:\n  A.I.1.a: Z\n"
)


WORKBOOK = str(Path(__file__).parent / "data" / "workbooks" / "KUA_Kecamatan_Selebar_2026-Q1.xlsx")


def _bad_workbook(tmp: Path) -> str:
    path = tmp / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not a zip")
    return str(path)


def _bad(tmp: Path) -> str:
    path = tmp / "bad.yaml"
    path.write_text(BAD_YAML, encoding="utf-8")
    return str(path)


# view -> (valid command, exit codes that mean "ran fine", invalid command or None)
COMMANDS: dict[
    str, tuple[Callable[[Path], list[str]], set[int], Callable[[Path], list[str]] | None]
] = {
    "score": (lambda t: ["score", UNIT], {0}, lambda t: ["score", _bad(t)]),
    "batch": (
        lambda t: ["score", str(EXAMPLES)],
        {0},
        lambda t: ["score", str(EXAMPLES), str(t / "missing.yaml")],
    ),
    "diff": (lambda t: ["diff", UNIT, UNIT_Q2], {0}, lambda t: ["diff", _bad(t), UNIT]),
    "trend": (lambda t: ["trend", UNIT, UNIT_Q2], {0}, lambda t: ["trend", UNIT, _bad(t)]),
    "plan": (lambda t: ["plan", UNIT], {0, 1}, lambda t: ["plan", _bad(t)]),
    "pack": (lambda t: ["criteria", "show", PACK], {0}, lambda t: ["criteria", "show", "nope"]),
    "packs": (lambda t: ["criteria", "list"], {0}, None),
    "validate": (
        lambda t: ["validate", UNIT],
        {0},
        lambda t: ["validate", str(t / "missing.yaml")],
    ),
    "evidence": (lambda t: ["evidence", UNIT], {0}, lambda t: ["evidence", _bad(t)]),
    "review": (
        lambda t: ["review", str(REVIEW), "--today", "2026-06-01"],
        {0},
        lambda t: ["review", _bad(t)],
    ),
    "audit": (lambda t: ["audit", WORKBOOK], {0}, lambda t: ["audit", _bad_workbook(t)]),
    "report": (lambda t: ["report", UNIT, UNIT_Q2], {0}, lambda t: ["report", _bad(t)]),
    "dashboard": (
        lambda t: ["report", str(EXAMPLES)],
        {0},
        lambda t: ["report", str(EXAMPLES), str(t / "missing.yaml")],
    ),
}

CASES = [(view, name) for view in VIEWS for name in VIEWS[view]]


def test_every_view_has_a_command() -> None:
    assert set(COMMANDS) == set(VIEWS)
    assert set(SCHEMAS) == {view for view in VIEWS if "json" in VIEWS[view]}


@pytest.mark.parametrize(("view", "name"), CASES)
def test_registry_entry_loads(view: str, name: str) -> None:
    formatter = load(view, name)
    assert callable(formatter.problems)


def _check_shape(view: str, name: str, out: str) -> None:
    assert out.strip(), f"{view}/{name}: nothing on stdout"
    if name == "json":
        data = json.loads(out)
        assert data["schema"] == SCHEMAS[view]
    elif name == "jsonl":
        lines = [json.loads(line) for line in out.splitlines()]
        assert lines and all(line["schema"] == "zi.score/1" for line in lines)
    elif name == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len(rows) >= 2 and len({len(r) for r in rows}) == 1
    elif name == "junit":
        assert ElementTree.fromstring(out).tag == "testsuites"
    elif name == "github":
        assert all(line.startswith("::") for line in out.splitlines())
    elif name == "markdown":
        assert out.lstrip().startswith(("#", "|"))
    elif name == "html":
        assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")


@pytest.mark.parametrize(("view", "name"), CASES)
def test_valid_input(view: str, name: str, zi: Zi, tmp_path: Path) -> None:
    command, ok, _ = COMMANDS[view]
    run = zi(*command(tmp_path), "-f", name)
    assert run.code in ok, run.stderr
    _check_shape(view, name, run.stdout)


@pytest.mark.parametrize(("view", "name"), [c for c in CASES if COMMANDS[c[0]][2] is not None])
def test_invalid_input(view: str, name: str, zi: Zi, tmp_path: Path) -> None:
    invalid = COMMANDS[view][2]
    assert invalid is not None
    run = zi(*invalid(tmp_path), "-f", name)
    assert run.code == 2
    assert "kesalahan: " in run.stderr
    if name in ("json", "jsonl"):
        error = json.loads(run.stdout)
        # jsonl's lines are zi.score/1 objects, and so is its error line
        assert error["schema"] == ("zi.score/1" if name == "jsonl" else SCHEMAS[view])
        assert error["errors"]
        assert {"file", "line", "col", "field", "message", "hint"} <= set(error["errors"][0])
    else:
        assert run.stdout == ""


@pytest.mark.parametrize("name", VIEWS["batch"])
def test_an_invalid_file_in_a_batch_is_one_result(name: str, zi: Zi, tmp_path: Path) -> None:
    run = zi("score", UNIT, _bad(tmp_path), "-f", name)
    assert run.code == 2
    assert "1 dari 2 berkas tidak valid" in run.stderr
    _check_shape("batch", name, run.stdout)


@pytest.mark.parametrize("view", [v for v in VIEWS if v != "batch"])
def test_a_format_the_view_lacks_is_refused(view: str, zi: Zi, tmp_path: Path) -> None:
    command = COMMANDS[view][0](tmp_path)
    has = {"score": formats("score", "batch"), "report": formats("report", "dashboard")}.get(
        view, formats(view)
    )
    run = zi(*command, "-f", "sarif")
    assert run.code == 2
    assert run.stdout == ""
    assert "tidak punya format 'sarif'" in run.stderr
    assert "pilih salah satu dari " + ", ".join(has) in run.stderr


def test_validate_json_keeps_results_and_names_its_schema(zi: Zi, tmp_path: Path) -> None:
    run = zi("validate", UNIT, _bad(tmp_path), "-f", "json")
    assert run.code == 2
    data = json.loads(run.stdout)
    assert data["schema"] == "zi.validate/1"
    assert [r["valid"] for r in data["results"]] == [True, False]
    assert data["results"][1]["errors"][0]["line"] == 6


def test_a_batch_only_format_on_one_file_that_cannot_be_read(zi: Zi, tmp_path: Path) -> None:
    # jsonl is a batch format: a missing file stops the run before any line, and the
    # error is one zi.score/1 line, as the batch writes for a file it cannot read
    run = zi("score", str(tmp_path / "missing.yaml"), "-f", "jsonl")
    assert run.code == 2
    line = json.loads(run.stdout)
    assert line["schema"] == "zi.score/1"
    assert line["errors"][0]["file"] == str(tmp_path / "missing.yaml")
