"""The reader contract: one reader per kind of answer file, chosen by suffix.

A second kind of file is simulated by a reader registered for ``.fake``: it
takes YAML text but places every answer in a workbook cell, as the Excel
reader to come will. What comes after reading must not notice the difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from zicli.errors import FieldPath, InputError, Location, ProblemSink
from zicli.loading import load_unit
from zicli.loading import readers as registry
from zicli.loading.discover import discover
from zicli.loading.readers import ReadContext, is_answer_file, reader_for
from zicli.loading.readers.yaml import READER as YAML
from zicli.loading.readers.yaml import read_mapping

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kua-kecamatan-selebar-2026q1.yaml"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("unit.yaml", True),
        ("unit.yml", True),
        ("UNIT.YAML", True),
        ("q1/unit.Yml", True),
        ("rev:q1/unit.yaml", True),
        ("unit.txt", False),
        ("unit.yaml.bak", False),
        ("unit", False),
        ("-", False),
    ],
)
def test_is_answer_file_by_suffix(name: str, expected: bool) -> None:
    assert is_answer_file(name) is expected


def test_every_registered_reader_imports_and_reads() -> None:
    for suffix, target in registry.READERS.items():
        reader = reader_for(f"unit{suffix}")
        assert callable(reader.read), target
        assert reader.kind


def test_a_file_of_no_readers_suffix_and_stdin_are_read_as_yaml() -> None:
    assert reader_for("answers.txt") is YAML
    assert reader_for("-") is YAML
    assert reader_for("unit.YML") is YAML


def test_yaml_document_locates_by_line_and_column() -> None:
    data = b"criteria: x\nanswers:\n  A.I.1: Ya\n"
    doc = YAML.read(data, "u.yaml", ProblemSink("u.yaml"), ReadContext(Path()), located=True)
    assert doc.root == {"criteria": "x", "answers": {"A.I.1": "Ya"}}
    assert doc.locate(("answers", "A.I.1")) == Location("u.yaml", 3, 10)
    assert doc.locate(("answers", "A.I.1"), key=True) == Location("u.yaml", 3, 3)
    # a path with no value of its own is placed at the nearest enclosing one
    assert doc.locate(("answers", "A.I.2")) == Location("u.yaml", 3, 3)


def test_yaml_reader_refuses_a_top_that_is_no_mapping() -> None:
    with pytest.raises(InputError) as caught:
        read_mapping(b"- a\n- b\n", "u.yaml", ProblemSink("u.yaml"))
    assert str(caught.value).startswith("u.yaml:1:1: seharusnya mapping")


@dataclass(frozen=True)
class CellDocument:
    """An answer file as a workbook gives it: each answer on its own row."""

    file: str
    root: Any
    rows: dict[str, int]
    located: bool = True

    def locate(self, path: FieldPath, *, key: bool = False) -> Location | None:
        if len(path) >= 2 and path[0] == "answers" and str(path[1]) in self.rows:
            return Location.of_cell(self.file, "LKE ZI", f"K{self.rows[str(path[1])]}")
        return Location.of_cell(self.file, "LKE ZI", "A1")

    def hides(self, path: FieldPath, *, missing: bool = False) -> bool:
        return False


class CellReader:
    kind = "test workbook"

    def __init__(self) -> None:
        self.contexts: list[ReadContext] = []

    def read(
        self, data: bytes, name: str, sink: ProblemSink, context: ReadContext, *, located: bool
    ) -> CellDocument:
        self.contexts.append(context)
        root = read_mapping(data, name, sink, located=False).root
        assert isinstance(root, dict)
        answers = root.get("answers", {})
        rows = {qid: 10 + i for i, qid in enumerate(answers)}
        return CellDocument(name, root, rows)


FAKE = CellReader()


@pytest.fixture
def fake_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    readers = dict(registry.READERS)
    readers[".fake"] = "tests.test_readers:FAKE"
    monkeypatch.setattr(registry, "READERS", readers)
    FAKE.contexts.clear()


@pytest.mark.usefixtures("fake_kind")
def test_a_registered_reader_is_found_in_folders(tmp_path: Path) -> None:
    (tmp_path / "a.fake").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "b.yaml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "c.txt").write_text("not an answer file", encoding="utf-8")
    found = discover([str(tmp_path)])
    assert [Path(f).name for f in found] == ["a.fake", "b.yaml"]
    assert is_answer_file("x.FAKE")


@pytest.mark.usefixtures("fake_kind")
def test_a_registered_reader_scores_like_yaml(tmp_path: Path) -> None:
    book = tmp_path / "unit.fake"
    book.write_bytes(EXAMPLE.read_bytes())
    from_book = load_unit(str(book)).assess()
    from_yaml = load_unit(str(EXAMPLE)).assess()
    assert from_book.card.total == from_yaml.card.total
    assert from_book.verdict == from_yaml.verdict
    context = FAKE.contexts[0]
    assert context.base == tmp_path and context.criteria is None
    assert context.load_pack is not None
    assert context.load_pack("permenpanrb-90-2021") is load_unit(str(EXAMPLE)).index


@pytest.mark.usefixtures("fake_kind")
def test_a_registered_readers_problems_are_at_its_cells(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("A.I.1.i.b: A", "A.I.1.i.b: Z", 1)
    book = tmp_path / "unit.fake"
    book.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_unit(str(book))
    problem = caught.value.problems[0]
    assert problem.location() == f"{book}:'LKE ZI'!K11"  # the second answer's row
    assert problem.as_dict()["cell"] == "K11"
    assert problem.field == ("answers", "A.I.1.i.b")
