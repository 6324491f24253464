"""Input problems speak the user's language: Indonesian by default, English with --lang en.

The messages of reading and binding files (the YAML reader, file refusals, answers
against their pack, numbers, workbooks, review files, manifests, pydantic's checks) are
located lines whose words follow the language; places, field paths, ids and values do
not. A valid file builds no message at all (batches read thousands of them).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

from zicli import i18n
from zicli.errors import InputError, ProblemSink
from zicli.loading import load_unit
from zicli.loading.locate import pydantic_said
from zicli.loading.yamlsafe import read_document
from zicli.models.answers import AnswerFile

from .conftest import ROOT, Run

Zi = Callable[..., Run]

HEAD = "criteria: permenpanrb-90-2021\nunit:\n  name: Satker Uji\n  period: '2026'\nanswers:\n"

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("name", "content", "indonesian", "english"),
    [
        (
            "syntax.yaml",
            HEAD + "  A.I.1.i.a: a: b\n",
            ":6:15: YAML tidak valid: nilai mapping tidak diizinkan di sini "
            "(saran: nilai yang memuat ': ' harus diberi tanda kutip)",
            ":6:15: invalid YAML: a mapping value is not allowed here "
            "(hint: a value containing ': ' must be quoted)",
        ),
        (
            "unknown.yaml",
            HEAD + "  A.I.1.a: Ya\n",
            ":6:3: answers.A.I.1.a: id butir 'A.I.1.a' tidak dikenal di permenpanrb-90-2021",
            ":6:3: answers.A.I.1.a: unknown question id 'A.I.1.a' in permenpanrb-90-2021 "
            "(hint: did you mean 'A.I.1.i.a'?)",
        ),
        (
            "number.yaml",
            HEAD + "  B.I.a: '3,60'\n",
            ":6:3: answers.B.I.a: seharusnya angka 0..4 untuk B.I.a, tertulis ",
            ":6:3: answers.B.I.a: expected a number 0..4 for B.I.a, got the text '3,60' "
            "(hint: use a decimal point, not a comma: 3.60)",
        ),
        (
            "period.yaml",
            HEAD.replace("'2026'", "'2026-Q5'"),
            ":4:11: unit.period: seharusnya periode YYYY, YYYY-Qn atau YYYY-Sn, tertulis "
            "'2026-Q5' (saran: mis. \"2026-Q1\")",
            ":4:11: unit.period: expected a period YYYY, YYYY-Qn or YYYY-Sn, got '2026-Q5' "
            '(hint: e.g. "2026-Q1")',
        ),
        (
            "old.xlsx",
            OLE2 + b"\x00" * 600,
            ": ini buku kerja Excel 97-2003 lama (.xls); zi hanya membaca .xlsx (saran: buka di "
            "Excel atau LibreOffice lalu simpan sebagai .xlsx (Excel Workbook))",
            ": this is an old Excel 97-2003 workbook (.xls); zi reads .xlsx only (hint: open it "
            "in Excel or LibreOffice and save it as .xlsx (Excel Workbook))",
        ),
    ],
)
def test_a_problem_in_indonesian_and_in_english(
    zi: Zi, tmp_path: Path, name: str, content: str | bytes, indonesian: str, english: str
) -> None:
    path = _write(tmp_path, name, content)
    default = zi("score", path)
    asked = zi("--lang", "en", "score", path)
    assert default.code == asked.code == 2
    assert path + indonesian in default.stderr
    assert path + english in asked.stderr


def test_a_missing_file_points_at_zi_init_in_both_languages(zi: Zi, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.yaml")
    default = zi("score", missing)
    asked = zi("--lang", "en", "score", missing)
    assert default.code == asked.code == 2
    assert (
        f"{missing}: berkas atau folder tidak ditemukan (saran: periksa namanya, atau mulai "
        f"berkas jawaban baru dengan: zi init -o {missing})"
    ) in default.stderr
    assert (
        f"{missing}: no such file or folder (hint: check the name, or start a new answer "
        f"file with: zi init -o {missing})"
    ) in asked.stderr


def test_english_from_the_environment(
    zi: Zi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "empty.yaml", "# nothing yet\n")
    assert "berkas kosong (saran: lihat 'zi init'" in zi("validate", path).stderr
    monkeypatch.setenv("ZI_LANG", "en")
    assert "the file is empty (hint: see 'zi init'" in zi("validate", path).stderr


def test_a_whole_file_problem_of_a_pack_is_kept_in_either_language(zi: Zi, tmp_path: Path) -> None:
    # what is said of a pack file as a whole (binary, empty) is shown, whatever the language;
    # anything else would quote its lines and is replaced by 'not a criteria pack'
    pack = _write(tmp_path, "pack.yaml", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "berkas berupa biner, bukan teks YAML" in zi("criteria", "show", pack).stderr
    english = zi("--lang", "en", "criteria", "show", pack).stderr
    assert "the file is binary, not YAML text" in english
    notes = _write(tmp_path, "notes.yaml", "title: not a pack\n")
    assert "bukan paket kriteria" in zi("criteria", "show", notes).stderr
    assert "is not a criteria pack" in zi("--lang", "en", "criteria", "show", notes).stderr


def _errors(raw: object) -> list[dict[str, object]]:
    try:
        AnswerFile.model_validate(raw)
    except ValidationError as exc:
        return list(exc.errors(include_url=False))  # type: ignore[arg-type]
    raise AssertionError("valid")


def test_pydantic_errors_are_said_by_their_type_never_in_pydantic_english() -> None:
    i18n.use("id")
    errors = _errors({"criteria": 5, "unit": {"period": "2026"}, "extra": 1})
    said = {str(e["type"]): pydantic_said(e) for e in errors}
    assert said["missing"] == ("kunci wajib 'name' tidak ada", None)
    assert said["extra_forbidden"] == ("kunci 'extra' tidak dikenal", None)
    message, hint = said["string_type"]  # type: ignore[misc]
    assert message.startswith("seharusnya teks, tertulis ")
    assert hint == 'beri tanda kutip: "5"'
    for error in errors:
        text = str(pydantic_said(error))
        assert str(error["msg"]) not in text  # 'Field required', 'Input should be ...'
    unknown = {"type": "url_parsing", "loc": ("x",), "msg": "Input should be a valid URL"}
    assert pydantic_said(unknown) == ("nilai tidak valid di sini (url_parsing)", None)
    try:
        i18n.use("en")
        assert pydantic_said(unknown) == ("Input should be a valid URL", None)
        assert {str(e["type"]): pydantic_said(e) for e in errors}["missing"] == (
            "missing required key 'name'",
            None,
        )
    finally:
        i18n.use("id")


def test_libyaml_problems_are_translated_not_passed_through() -> None:
    i18n.use("id")
    sink = ProblemSink("f.yaml")
    assert read_document(b"a: [1, 2\nb: 3\n", "f.yaml", sink) is None
    assert [p.message for p in sink.problems] == [
        "YAML tidak valid: seharusnya ada ',' atau ']' di sini"
    ]
    try:
        i18n.use("en")
        sink = ProblemSink("f.yaml")
        read_document(b"a: [1, 2\nb: 3\n", "f.yaml", sink)
        assert [p.message for p in sink.problems] == [
            "invalid YAML: a ',' or ']' was expected here"
        ]
    finally:
        i18n.use("id")


@pytest.mark.parametrize("data", [b"[" * 10_000, b"{a: " * 5_000, b"- " * 5_000])
def test_libyaml_nesting_limit_is_translated(data: bytes) -> None:
    i18n.use("id")
    sink = ProblemSink("f.yaml")
    assert read_document(data, "f.yaml", sink) is None
    [problem] = sink.problems
    # libyaml's own limit (1,000 levels) or zi's (48), whichever the reader meets first
    assert problem.message in (
        "YAML tidak valid: susunan bertingkat terlalu dalam",
        "susunan bertingkat lebih dalam dari 48 tingkat",
    )
    assert "indentasi" in (problem.hint or "")


class _Counting:
    """A catalog that counts the messages asked of it."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def gettext(self, message: str) -> str:
        self.asked.append(message)
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.asked.append(singular)
        return singular if n == 1 else plural


@pytest.mark.parametrize(
    "name",
    ["kankemenag-kota-bengkulu-2026q1.yaml", "man-2-kota-bengkulu-2026q1.yaml"],
)
def test_a_valid_file_builds_no_message(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(ROOT / "examples" / name)
    load_unit(path)  # the pack is loaded (and cached) first
    counting = _Counting()
    monkeypatch.setattr(i18n._state, "translations", counting)
    load_unit(path)
    assert counting.asked == []
    with pytest.raises(InputError):
        load_unit(str(ROOT / "tests" / "data" / "invalid" / "unknown-id.yaml"))
    assert counting.asked  # an invalid one does, through the same catalog
