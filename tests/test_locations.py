"""Where a problem is: a file's line and column, a workbook's cell, or an option."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from zicli.errors import COMMAND_LINE, InputError, Location, Problem, UsageError
from zicli.loading import load_criteria, load_unit

from .conftest import Run

Zi = Callable[..., Run]

SCHEMA = Path(__file__).resolve().parent.parent / "src" / "zicli" / "schemas" / "score.schema.json"


def test_line_and_column_of_a_text_file() -> None:
    assert str(Location("unit.yaml", 12, 5)) == "unit.yaml:12:5"
    assert str(Location("unit.yaml", 12)) == "unit.yaml:12"
    assert str(Location("unit.yaml")) == "unit.yaml"
    assert str(Location()) == "<input>"


def test_cell_of_a_workbook_is_written_as_a_formula_would() -> None:
    where = Location.of_cell("LKE-2026.xlsx", "LKE ZI", "K154")
    assert str(where) == "LKE-2026.xlsx:'LKE ZI'!K154"
    # a quote in a sheet's name is doubled, as in a spreadsheet formula
    assert str(Location.of_cell("a.xlsx", "Tim's", "A1")) == "a.xlsx:'Tim''s'!A1"


def test_command_line_option_is_no_file() -> None:
    assert str(Location.of_option("--set A.I.1=X")) == "--set A.I.1=X"
    assert str(Location.of_option("--criteria")) == "--criteria"
    assert str(COMMAND_LINE) == "zi"


def test_problem_reads_through_to_its_location() -> None:
    problem = Problem("bad", file="a.yaml", line=3, col=7, field=("answers", "A.I.1"), hint="h")
    assert problem.where == Location("a.yaml", 3, 7)
    assert (problem.file, problem.line, problem.col) == ("a.yaml", 3, 7)
    assert str(problem) == "a.yaml:3:7: answers.A.I.1: bad (saran: h)"
    assert problem.location() == "a.yaml:3:7"
    assert problem.as_dict() == {
        "file": "a.yaml",
        "line": 3,
        "col": 7,
        "field": "answers.A.I.1",
        "message": "bad",
        "hint": "h",
    }
    assert pickle.loads(pickle.dumps(problem)) == problem  # batch workers send problems back


def test_problem_in_a_workbook_adds_sheet_and_cell_to_its_json() -> None:
    problem = Problem("expected A-E", where=Location.of_cell("LKE.xlsx", "LKE ZI", "K154"))
    assert str(problem) == "LKE.xlsx:'LKE ZI'!K154: expected A-E"
    assert (problem.file, problem.line, problem.col) == ("LKE.xlsx", None, None)
    data = problem.as_dict()
    assert (data["sheet"], data["cell"]) == ("LKE ZI", "K154")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    invalid = {"schema": "zi.score/1", "file": "LKE.xlsx", "errors": [data]}
    jsonschema.validate(invalid, schema)


def test_problem_on_an_option_keeps_the_option_as_its_file_key() -> None:
    problem = Problem("no value", where=Location.of_option("--set A.I.1="))
    assert str(problem) == "--set A.I.1=: no value"
    assert problem.as_dict()["file"] == "--set A.I.1="
    assert "sheet" not in problem.as_dict()


def test_usage_error_is_on_the_command_line() -> None:
    error = UsageError.of("nothing to do", hint="give a file")
    assert error.problems[0].where == COMMAND_LINE
    assert str(error) == "zi: nothing to do (saran: give a file)"


def test_unknown_pack_is_located_where_it_was_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as given:
        load_criteria("no-such-pack")
    assert given.value.problems[0].where == Location.of_option("--criteria")
    unit = tmp_path / "u.yaml"
    unit.write_text("criteria: no-such-pack\nunit: {name: X}\nanswers: {}\n", encoding="utf-8")
    with pytest.raises(InputError) as written:
        load_unit(str(unit))
    first = written.value.problems[0]
    assert (first.file, first.line, first.col, first.field) == (str(unit), 1, 11, ("criteria",))


def test_set_problem_names_its_option(zi: Zi) -> None:
    run = zi("score", "examples/kankemenag-kota-bengkulu-2026q1.yaml", "--set", "A.I.1.i.b=Z")
    assert run.code == 2
    assert "--set A.I.1.i.b=Z:" in run.stderr


def test_criteria_show_of_an_unknown_pack_blames_the_command_line(zi: Zi) -> None:
    run = zi("criteria", "show", "no-such-pack")
    assert run.code == 2
    assert run.stderr.startswith("kesalahan: zi: paket kriteria 'no-such-pack' tidak dikenal")
