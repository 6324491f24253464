"""The input corpora: one file per hazard, each next to its expected outcome.

``data/invalid/NAME.yaml`` is an answer file that must be refused; ``NAME.expected``
holds the exact stderr lines ``zi score`` prints for it (exit code 2). Files in
``data/invalid/packs/`` are criteria packs, checked with ``zi criteria show``.
``data/valid/NAME.yaml`` is a tricky answer file that must be accepted with the
meaning written; ``NAME.expected.json`` is a subset of its ``zi score --format
json`` output. The CLI runs from ``tests/data`` with relative paths, so messages
name the file exactly as given on the command line.

Inputs that are awkward to commit (binary, not UTF-8, a BOM, CRLF, over the size
limit) are written to ``tmp_path`` by the tests below.

To add a case: write the file, run ``zi score invalid/NAME.yaml 2> invalid/NAME.expected``
from ``tests/data``, and read the message as a user would.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zicli.loading import load_unit
from zicli.loading.yamlsafe import MAX_BYTES
from zicli.models.answers import OptionAnswer

from .conftest import Run

DATA = Path(__file__).resolve().parent / "data"
INVALID = sorted((DATA / "invalid").glob("*.yaml"))
INVALID_PACKS = sorted((DATA / "invalid" / "packs").glob("*.yaml"))
VALID = sorted((DATA / "valid").glob("*.yaml"))

Zi = Callable[..., Run]


@pytest.fixture
def in_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from ``tests/data`` so paths in messages are short and stable."""
    monkeypatch.chdir(DATA)
    return DATA


def rel(case: Path) -> str:
    """The path of a corpus file as given on the command line."""
    return case.relative_to(DATA).as_posix()


def expected_lines(case: Path) -> list[str]:
    """The stderr lines a corpus case must produce, exactly."""
    return case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


def render(error: dict[str, Any]) -> str:
    """A JSON ``errors`` entry as the stderr line it must match."""
    where = str(error["file"] or "<input>")
    if error["line"] is not None:
        where += f":{error['line']}"
        if error["col"] is not None:
            where += f":{error['col']}"
    text = f"kesalahan: {where}: "
    if error["field"]:
        text += f"{error['field']}: "
    text += str(error["message"])
    if error["hint"]:
        text += f" (saran: {error['hint']})"
    return text


def assert_clean_refusal(run: Run) -> None:
    """Exit code 2, one-line located messages, never a traceback or internal error."""
    assert run.code == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr
    assert run.stderr.strip(), "a refusal must say why"
    for line in run.stderr.splitlines():
        assert line.startswith("kesalahan: "), line


def test_every_case_has_an_expectation() -> None:
    for case in [*INVALID, *INVALID_PACKS]:
        assert case.with_suffix(".expected").is_file(), f"{rel(case)} has no .expected"
    for case in VALID:
        assert case.with_suffix(".expected.json").is_file(), f"{rel(case)} has no .expected.json"
    assert len(INVALID) >= 40
    assert len(INVALID_PACKS) >= 6


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_invalid_answer_file(case: Path, zi: Zi, in_data: Path) -> None:
    run = zi("score", rel(case))
    assert_clean_refusal(run)
    assert run.stdout == ""
    assert run.stderr.splitlines() == expected_lines(case)


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_validate_reports_the_same(case: Path, zi: Zi, in_data: Path) -> None:
    run = zi("validate", rel(case))
    assert_clean_refusal(run)
    assert run.stderr.splitlines() == expected_lines(case)


@pytest.mark.parametrize("case", INVALID_PACKS, ids=lambda p: p.stem)
def test_invalid_pack(case: Path, zi: Zi, in_data: Path) -> None:
    run = zi("criteria", "show", rel(case))
    assert_clean_refusal(run)
    assert run.stdout == ""
    assert run.stderr.splitlines() == expected_lines(case)


JSON_CASES = ["every-problem", "control-chars", "duplicate-answer", "alias-bomb", "empty"]


@pytest.mark.parametrize("name", JSON_CASES)
def test_json_errors_are_the_stderr_lines(name: str, zi: Zi, in_data: Path) -> None:
    case = DATA / "invalid" / f"{name}.yaml"
    run = zi("score", rel(case), "--format", "json")
    assert_clean_refusal(run)
    payload = json.loads(run.stdout)
    assert payload["schema"] == "zi.score/1"
    assert [render(e) for e in payload["errors"]] == expected_lines(case)
    assert run.stderr.splitlines() == expected_lines(case)


def test_json_errors_name_the_file(zi: Zi, in_data: Path) -> None:
    case = DATA / "invalid" / "every-problem.yaml"
    payload = json.loads(zi("score", rel(case), "--format", "json").stdout)
    assert payload["file"] == rel(case)


def test_validate_json_lists_errors_per_file(zi: Zi, in_data: Path) -> None:
    bad = DATA / "invalid" / "every-problem.yaml"
    good = DATA / "valid" / "long-form.yaml"
    run = zi("validate", rel(bad), rel(good), "--format", "json")
    assert run.code == 2
    results = json.loads(run.stdout)["results"]
    assert [r["valid"] for r in results] == [False, True]
    assert [render(e) for e in results[0]["errors"]] == expected_lines(bad)


def subset_mismatches(actual: Any, expected: Any, where: str = "") -> list[str]:
    """Where ``actual`` differs from ``expected`` (keys absent from ``expected`` are
    ignored)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: seharusnya mapping, tertulis {actual!r}"]
        out: list[str] = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{where}.{key}: missing")
            else:
                out += subset_mismatches(actual[key], value, f"{where}.{key}")
        return out
    return [] if actual == expected else [f"{where}: {actual!r} != {expected!r}"]


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_file(case: Path, zi: Zi, in_data: Path) -> None:
    run = zi("score", rel(case), "--format", "json")
    assert run.code == 0, run.stderr
    assert run.stderr == ""
    # Numbers compared as written ("11.00"), never through float.
    actual = json.loads(run.stdout, parse_float=str)
    expected_text = case.with_name(case.stem + ".expected.json").read_text(encoding="utf-8")
    expected = json.loads(expected_text, parse_float=str)
    assert subset_mismatches(actual, expected) == []


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_file_validates(case: Path, zi: Zi, in_data: Path) -> None:
    run = zi("validate", rel(case))
    assert run.code == 0, run.stderr
    assert run.stdout.startswith(f"ok: {rel(case)} (")


def test_valid_written_meaning(in_data: Path) -> None:
    words = load_unit("valid/yaml11-words-as-text.yaml")
    assert words.data.unit.name == "No"
    assert words.data.unit.instansi == "on"
    record = words.answers["A.I.1.i.a"]
    assert record.note == "2026-01-05"
    assert record.evidence == ("yes", "off")
    long = load_unit("valid/long-form.yaml")
    assert long.answers["A.I.1.i.a"].evidence == ("sk/sk-tim-zi.pdf", "https://contoh.go.id/zi")
    assert long.answers["A.I.1.i.a"].note == "Tim dibentuk 2026-01-05: SK Kepala"
    assert long.answers["A.I.1.i.b"].evidence == ("sk/notulen.pdf",)
    ids = load_unit("valid/ids-1-10.yaml")
    assert ids.answers["1.1"].value == OptionAnswer("Tidak")
    assert ids.answers["1.10"].value == OptionAnswer("Ya")


# Inputs written by the tests themselves.

GOOD = (DATA / "valid" / "case-insensitive-options.yaml").read_bytes()


def score_bytes(zi: Zi, folder: Path, name: str, content: bytes, *args: str) -> Run:
    """Write ``content`` to ``folder/name`` and score it by its relative name."""
    (folder / name).write_bytes(content)
    return zi("score", name, *args)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from an empty temporary folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_bom_and_crlf_are_fine(zi: Zi, in_tmp: Path) -> None:
    plain = score_bytes(zi, in_tmp, "plain.yaml", GOOD, "--format", "json")
    bom = score_bytes(zi, in_tmp, "bom.yaml", b"\xef\xbb\xbf" + GOOD, "--format", "json")
    crlf = score_bytes(zi, in_tmp, "crlf.yaml", GOOD.replace(b"\n", b"\r\n"), "--format", "json")
    assert plain.code == bom.code == crlf.code == 0, bom.stderr + crlf.stderr
    totals = {json.loads(r.stdout, parse_float=str)["total"] for r in (plain, bom, crlf)}
    assert totals == {"0.49"}


def test_bom_keeps_positions(zi: Zi, in_tmp: Path) -> None:
    content = (DATA / "invalid" / "unknown-id.yaml").read_bytes()
    run = score_bytes(zi, in_tmp, "bom.yaml", b"\xef\xbb\xbf" + content)
    assert_clean_refusal(run)
    expected = [
        line.replace("invalid/unknown-id.yaml", "bom.yaml")
        for line in expected_lines(DATA / "invalid" / "unknown-id.yaml")
    ]
    assert run.stderr.splitlines() == expected


GENERATED = {
    "latin1": (
        "criteria: permenpanrb-90-2021\nunit:\n  name: Satker Caf\xe9\n".encode("latin-1"),
        "kesalahan: f.yaml:3:19: berkas bukan teks UTF-8 (saran: simpan sebagai UTF-8, misalnya di "
        "Notepad: Save as > Encoding: UTF-8)",
    ),
    "utf16": (
        "criteria: permenpanrb-90-2021\n".encode("utf-16"),
        "kesalahan: f.yaml: berkas berupa teks UTF-16, bukan UTF-8 (saran: simpan sebagai UTF-8, "
        "misalnya di Notepad: Save as > Encoding: UTF-8)",
    ),
    "png": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "kesalahan: f.yaml: berkas berupa biner, bukan teks YAML (saran: simpan sebagai "
        "teks UTF-8)",
    ),
    "nul-in-text": (
        GOOD.replace(b"Satker", b"Sat\x00ker"),
        "kesalahan: f.yaml: berkas berupa biner, bukan teks YAML (saran: simpan sebagai "
        "teks UTF-8)",
    ),
    "blank-lines": (
        b"\n  \n\t\n",
        "kesalahan: f.yaml: berkas kosong (saran: lihat 'zi init' untuk templat yang siap diisi)",
    ),
    "bom-only": (
        b"\xef\xbb\xbf",
        "kesalahan: f.yaml: berkas kosong (saran: lihat 'zi init' untuk templat yang siap diisi)",
    ),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_invalid(name: str, zi: Zi, in_tmp: Path) -> None:
    content, line = GENERATED[name]
    run = score_bytes(zi, in_tmp, "f.yaml", content)
    assert_clean_refusal(run)
    assert run.stderr.splitlines() == [line]


def test_oversize_file_is_refused_unread(zi: Zi, in_tmp: Path) -> None:
    filler = b"# " + b"x" * 1000 + b"\n"
    content = GOOD + filler * (MAX_BYTES // len(filler) + 1)
    run = score_bytes(zi, in_tmp, "big.yaml", content)
    assert_clean_refusal(run)
    assert run.stderr.splitlines() == [
        f"kesalahan: big.yaml: berkas berukuran {len(content):,} byte; batasnya {MAX_BYTES:,} "
        "(saran: berkas jawaban hanya beberapa kilobyte; benarkah ini berkasnya?)"
    ]


def test_missing_file(zi: Zi, in_tmp: Path) -> None:
    missing = zi("score", "nope.yaml")
    assert_clean_refusal(missing)
    assert missing.stderr.startswith("kesalahan: nope.yaml: berkas atau folder tidak ditemukan")


def test_stdin_is_checked_the_same(zi: Zi, in_data: Path) -> None:
    case = DATA / "invalid" / "yaml11-yes-no.yaml"
    run = zi("score", "-", stdin=case.read_text(encoding="utf-8"))
    assert_clean_refusal(run)
    expected = [line.replace(rel(case), "-") for line in expected_lines(case)]
    assert run.stderr.splitlines() == expected
