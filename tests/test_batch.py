"""Issue 5: batch scoring of folders, formats, gates and exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
import xmlschema

from zicli.batch.options import BatchOptions
from zicli.batch.run import run_batch
from zicli.loading.discover import discover
from zicli.render.options import RenderOptions
from zicli.render.registry import load

from .conftest import EXAMPLES, ROOT, Run
from .golden import check_golden

Zi = Callable[..., Run]
SCHEMAS = ROOT / "src" / "zicli" / "schemas"


def _schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return data


def _validator(name: str) -> jsonschema.protocols.Validator:
    from referencing import Registry, Resource

    registry: Registry[Any] = Registry().with_resources(
        (f"https://zi.invalid/schemas/{n}", Resource.from_contents(_schema(n)))
        for n in ("score.schema.json", "batch.schema.json", "validate.schema.json")
    )
    cls = jsonschema.validators.validator_for(_schema(name))
    return cls(_schema(name), registry=registry)


@pytest.fixture
def units(tmp_path: Path) -> Path:
    """A folder of answer files: the examples in sub-folders, one invalid file, a hidden
    folder and a non-YAML file (both to be skipped)."""
    root = tmp_path / "units"
    for i, path in enumerate(sorted(EXAMPLES.glob("*.yaml"))):
        folder = root / ("kanwil-a" if i % 2 else "kanwil-b")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / path.name)
    (root / "kanwil-b" / "rusak.yaml").write_text(
        "criteria: permenpanrb-90-2021\nunit: {name: Rusak, period: '2026-Q1'}\n"
        "answers:\n  A.I.1.i.a: yes\n",
        encoding="utf-8",
    )
    (root / ".git").mkdir()
    (root / ".git" / "x.yaml").write_text("not: scored\n", encoding="utf-8")
    (root / "catatan.txt").write_text("not yaml\n", encoding="utf-8")
    return root


def test_discover_is_recursive_sorted_and_skips_hidden(units: Path) -> None:
    files = discover([str(units)])
    assert files == sorted(files)
    assert len(files) == len(list(EXAMPLES.glob("*.yaml"))) + 1
    assert not any("/.git/" in f or f.endswith(".txt") for f in files)
    narrowed = discover([str(units)], glob="kma-*")
    assert narrowed and all(Path(f).name.startswith("kma-") for f in narrowed)
    assert (
        discover([str(units / "kanwil-b" / "rusak.yaml"), str(units)]).count(
            str(units / "kanwil-b" / "rusak.yaml")
        )
        == 1
    )


def test_missing_path_is_a_usage_problem(zi: Zi, tmp_path: Path) -> None:
    run = zi("score", str(tmp_path / "nope"), str(tmp_path))
    assert run.code == 2
    assert "berkas atau folder tidak ditemukan" in run.stderr


def test_one_bad_file_never_stops_the_batch(zi: Zi, units: Path) -> None:
    run = zi("score", str(units), "--format", "json")
    assert run.code == 2
    data = json.loads(run.stdout)
    _validator("batch.schema.json").validate(data)
    assert data["summary"]["invalid"] == 1
    assert data["summary"]["scored"] == data["summary"]["files"] - 1
    bad = [r for r in data["results"] if "errors" in r]
    assert bad[0]["errors"][0]["hint"] == "tulis Ya atau Tidak"
    assert "1 dari 14 berkas tidak valid" in run.stderr


def test_jsonl_lines_validate_and_follow_file_order(zi: Zi, units: Path) -> None:
    run = zi("score", str(units), "--format", "jsonl")
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    validator = _validator("score.schema.json")
    for line in lines:
        validator.validate(line)
    assert [x["file"] for x in lines] == discover([str(units)])


def test_jsonl_line_is_the_single_file_object(zi: Zi) -> None:
    # The batch writes its lines through a faster, one-line path: it must say exactly
    # what 'zi score FILE --format json' says, field for field and digit for digit
    # (blank answers, ratios, survey indexes, prerequisites and gates included).
    files = sorted(EXAMPLES.glob("*.yaml"))
    lines = zi("score", *map(str, files), "--format", "jsonl").stdout.splitlines()
    assert len(lines) == len(files)
    for path, line in zip(files, lines, strict=True):
        single = zi("score", str(path), "--format", "json").stdout
        assert json.loads(line, parse_float=Decimal) == json.loads(single, parse_float=Decimal)


def test_single_unit_json_validates(zi: Zi) -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data = json.loads(zi("score", str(path), "--format", "json").stdout)
        _validator("score.schema.json").validate(data)


@pytest.mark.parametrize(
    ("gate", "code"),
    [
        ((), 0),
        (("--require", "WBK"), 1),
        (("--require", "wbk", "--glob", "*wbbm*"), 0),
        (("--fail-under", "80"), 0),
        (("--fail-under", "90"), 1),
        (("--max-incomplete", "0"), 0),
    ],
)
def test_gates(zi: Zi, gate: tuple[str, ...], code: int) -> None:
    run = zi("score", str(EXAMPLES), "--format", "jsonl", *gate)
    if "--glob" in gate:
        assert run.code == 2  # no file matches: nothing to score is a usage error
        return
    assert run.code == code, run.stderr


def test_max_incomplete_gate(zi: Zi, tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    text = (EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml").read_text(encoding="utf-8")
    draft.write_text(re.sub(r"(?m)^  (A\.I\.1\.[a-z.]+): .*$", r"  \1:", text), encoding="utf-8")
    other = tmp_path / "full.yaml"
    shutil.copy(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml", other)
    # A.I.1 has 12 questions of 113: 10.62 % blank
    assert zi("score", str(tmp_path), "-f", "csv", "--max-incomplete", "10.7").code == 0
    run = zi("score", str(tmp_path), "-f", "csv", "--max-incomplete", "10")
    assert run.code == 1
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert rows[0]["gate_failures"] == "10.62 % kosong, melebihi 10 %"
    assert rows[1]["gate_failures"] == ""


def test_invalid_beats_gate_in_exit_code(zi: Zi, units: Path) -> None:
    assert zi("score", str(units), "--require", "WBBM", "-f", "csv").code == 2


def test_csv(zi: Zi) -> None:
    rows = list(csv.DictReader(io.StringIO(zi("score", str(EXAMPLES), "-f", "csv").stdout)))
    assert len(rows) == len(list(EXAMPLES.glob("*.yaml")))
    kua = next(r for r in rows if r["unit"] == "KUA Kecamatan Selebar")
    assert (kua["total"], kua["predicate"], kua["failed_conditions"]) == ("96.19", "", "ipak")


def test_junit_validates_against_schema(zi: Zi, units: Path, tmp_path: Path) -> None:
    out = tmp_path / "zi.xml"
    run = zi("score", str(units), "--require", "WBK", "--format", "junit", "-o", str(out))
    assert run.code == 2
    schema = xmlschema.XMLSchema(str(ROOT / "tests" / "schemas" / "junit.xsd"))
    schema.validate(str(out))
    text = out.read_text(encoding="utf-8")
    assert 'tests="14"' in text and 'errors="1"' in text and 'failures="3"' in text
    assert "<failure" in text and "Survei persepsi anti korupsi" in text
    # a stable test name (unit and file, never the score), the file, the score as properties
    root = ElementTree.fromstring(text)
    kua = next(c for c in root.iter("testcase") if c.get("name", "").startswith("KUA Kecamatan S"))
    assert kua.get("name") == f"KUA Kecamatan Selebar ({kua.get('file')})"
    assert kua.get("file", "").endswith("kua-kecamatan-selebar-2026q1.yaml")
    props = {p.get("name"): p.get("value") for p in kua.iter("property")}
    assert (props["zi.total"], props["zi.predicate_name"]) == ("96.19", "Belum")
    assert kua.findtext("system-out") == "KUA Kecamatan Selebar (2026-Q1): 96.19 Belum"
    for case in root.iter("testcase"):
        assert "96.19" not in (case.get("name") or "")


def test_github_annotations(zi: Zi, units: Path) -> None:
    lines = zi("score", str(units), "-f", "github", "--require", "WBK").stdout.splitlines()
    assert any(
        ln.startswith("::error file=")
        and "rusak.yaml,line=4,col=3,title=zi::answers.A.I.1.i.a: " in ln
        for ln in lines
    )
    gate = [ln for ln in lines if "title=zi gate::KUA Kecamatan Selebar" in ln]
    # a gate failure points at the file and the line of its unit name
    assert len(gate) == 1 and gate[0].startswith("::error file=")
    assert "kua-kecamatan-selebar-2026q1.yaml,line=6,title=" in gate[0]
    assert sum(ln.startswith("::notice") for ln in lines) == 10


def test_several_outputs_in_one_run(zi: Zi, tmp_path: Path) -> None:
    results, summary = tmp_path / "results.json", tmp_path / "summary.md"
    run = zi(
        "score",
        str(EXAMPLES),
        "--format",
        "json",
        "-o",
        str(results),
        "--format",
        "markdown",
        "-o",
        str(summary),
    )
    assert run.code == 0
    assert run.stdout == ""
    assert json.loads(results.read_text(encoding="utf-8"))["summary"]["files"] >= 13
    assert summary.read_text(encoding="utf-8").startswith("## zi: hasil penilaian")
    assert not list(tmp_path.glob(".*.tmp"))


def test_output_pairing_errors(zi: Zi, tmp_path: Path) -> None:
    run = zi("score", str(EXAMPLES), "-f", "json", "-f", "csv")
    assert run.code == 2 and "hanya satu format yang boleh ke keluaran standar" in run.stderr
    run = zi("score", str(EXAMPLES), "-o", str(tmp_path / "a"), "-o", str(tmp_path / "b"))
    assert run.code == 2 and "berkas --output lebih banyak" in run.stderr
    assert zi("score", str(EXAMPLES), "-f", "yaml").code == 2


def test_order_does_not_depend_on_jobs(units: Path) -> None:
    files = discover([str(units)]) * 3
    outputs = []
    for jobs in (1, 2):
        chunks: list[str] = []
        sink = (load("batch", "jsonl"), chunks.append)
        run_batch(files, BatchOptions(prepare=("jsonl",)), [sink], RenderOptions(), jobs=jobs)
        outputs.append("".join(chunks))
    assert outputs[0] == outputs[1]


def test_stdin_in_a_batch(zi: Zi) -> None:
    text = (EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml").read_text(encoding="utf-8")
    run = zi(
        "score", "-", str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml"), "-f", "csv", stdin=text
    )
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert rows[0]["file"] == "-"


def test_batch_table_golden(zi: Zi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = zi("score", "examples", "--require", "WBK", "--width", "80")
    assert run.code == 1
    check_golden("batch/examples-require-wbk.txt", run.stdout)


@pytest.mark.parametrize("width", [60, 80, 130])
def test_batch_table_at_each_width(zi: Zi, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    """Names stay whole (wrapped at word breaks), numbers are never cut, the unmet
    conditions say which predicate in words, and nothing is wider than asked."""
    monkeypatch.chdir(ROOT)
    run = zi("score", "examples", "--width", str(width))
    check_golden(f"batch/examples-{width}.txt", run.stdout)
    lines = run.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in run.stdout
    for total in ("96.19", "94.44", "93.02", "80.14"):
        assert total in run.stdout
    words = " ".join(run.stdout.split())
    # the Unit column, its wrapped lines joined: every unit's whole (short) name
    cut = lines[0].index("Periode")
    names: list[str] = []
    for line in lines[2:]:
        if line.startswith("13 berkas"):
            break
        if line[cut : cut + 7].strip():  # a period: a new row
            names.append(line[:cut].strip())
        else:
            names[-1] = f"{names[-1]} {line[:cut].strip()}".strip()
    assert "Kankemenag Kabupaten Rejang Lebong" in names
    assert "Kankemenag Kabupaten Kepahiang" in names
    assert "Kanwil Kemenag Provinsi Bengkulu" in names
    assert len(names) == 13
    assert "Menuju WBBM: " in words and "bersih_bebas_kkn" not in words
    assert "syarat predikat berikutnya" in words


def test_batch_table_honours_columns_when_piped(zi: Zi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "130")
    wide = zi("score", "examples").stdout
    assert max(len(line) for line in wide.splitlines()) == 130
    assert wide == zi("score", "examples", "--width", "130").stdout


def test_batch_markdown_golden(zi: Zi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    check_golden("batch/examples.md", zi("score", "examples", "-f", "markdown").stdout)


def test_batch_detail_prints_each_report(zi: Zi) -> None:
    out = zi("score", str(EXAMPLES), "--glob", "kua-*", "--detail").stdout
    assert out.count("Predikat: Belum memenuhi") == 1
    assert "A.I.1.i.a" in out  # the question rows


def test_progress_bar_only_on_a_terminal_for_long_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from zicli.cli.commands import _progress

    with _progress(100) as tick:
        assert tick is None  # not a terminal under pytest
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with _progress(5) as tick:
        assert tick is None  # too short to be worth a bar
    with _progress(100) as tick:
        assert tick is not None
        tick(50)


def test_validate_takes_folders(zi: Zi, units: Path) -> None:
    run = zi("validate", str(units))
    assert run.code == 2
    assert run.stdout.count("ok: ") == len(discover([str(units)])) - 1
    assert "rusak.yaml:4:3" in run.stderr


def test_a_batch_that_cannot_start_prints_its_schema_error_object(zi: Zi, tmp_path: Path) -> None:
    run = zi("score", str(EXAMPLES), str(tmp_path / "missing.yaml"), "-f", "json")
    assert run.code == 2
    data = json.loads(run.stdout)
    _validator("batch.schema.json").validate(data)
    assert data["schema"] == "zi.batch/1"
    assert data["errors"][0]["file"] == str(tmp_path / "missing.yaml")


def test_validate_json_follows_its_schema(zi: Zi, units: Path, tmp_path: Path) -> None:
    run = zi("validate", str(units), "-f", "json")
    data = json.loads(run.stdout)
    _validator("validate.schema.json").validate(data)
    assert {r["valid"] for r in data["results"]} == {True, False}
    missing = zi("validate", str(tmp_path / "missing.yaml"), "-f", "json")
    assert missing.code == 2
    _validator("validate.schema.json").validate(json.loads(missing.stdout))


def test_a_gate_shortfall_never_reads_as_equal(zi: Zi, tmp_path: Path) -> None:
    # MAN 2's total is 80.3068... (shown 80.31): under --fail-under 80.31 it must not
    # say "80.31 under 80.31"; the comparison stays exact.
    man2 = str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml")
    run = zi("score", man2, "--fail-under", "80.31")
    assert run.code == 1
    assert "nilai total 80.307 di bawah 80.31" in run.stderr
    assert "di bawah 80.3 " not in zi("score", man2, "--fail-under", "80.3").stderr  # passes
    assert "nilai total 80.31 di bawah 90" in zi("score", man2, "--fail-under", "90").stderr
    # one blank question of 113 is 0.88495...%: shown 0.88, which is not over 0.884
    text = (EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml").read_text(encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    draft.write_text(re.sub(r"(?m)^  (A\.I\.1\.i\.a): .*$", r"  \1:", text), encoding="utf-8")
    over = zi("score", str(draft), "--max-incomplete", "0.884")
    assert over.code == 1 and "0.885 % kosong, melebihi 0.884 %" in over.stderr
    plain = zi("score", str(draft), "--max-incomplete", "0.8")
    assert "0.88 % kosong, melebihi 0.8 %" in plain.stderr


def test_apart_text_reads_on_the_side_of_the_limit() -> None:
    from fractions import Fraction

    from zicli.engine.exact import apart_text

    assert apart_text(Fraction("80.3068"), Fraction("80.31")) == "80.307"
    assert apart_text(Fraction("80.3068"), Fraction("90")) == "80.31"
    assert apart_text(Fraction(100, 113), Fraction("0.884")) == "0.885"
    assert apart_text(Fraction("74.9999999"), Fraction(75)) == "74.9999999"
    assert apart_text(75 - Fraction(1, 3 * 10**8), Fraction(75)) == "74.999999997"


@pytest.mark.parametrize("value", ["-5", "-0.01"])
def test_a_negative_max_incomplete_is_refused(zi: Zi, value: str) -> None:
    # a unit cannot have less than 0 % blank: the gate could never pass
    run = zi("score", str(EXAMPLES), "--max-incomplete", value)
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.startswith(f"kesalahan: --max-incomplete {value}: ")
    assert len(run.stderr.splitlines()) == 1
    assert zi("score", str(EXAMPLES), "-f", "csv", "--max-incomplete", "0").code == 0


@pytest.mark.parametrize(
    ("pattern", "found"),
    [
        ("**/*.yaml", ["kanwil-a/sub/y.yaml", "kanwil-a/x.yaml", "kua/z.yaml", "top.yaml"]),
        ("kanwil-*/*.yaml", ["kanwil-a/x.yaml"]),  # '*' does not cross folders
        ("kanwil-*/**/*.yaml", ["kanwil-a/sub/y.yaml", "kanwil-a/x.yaml"]),
        ("kanwil-a/**", ["kanwil-a/sub/y.yaml", "kanwil-a/x.yaml"]),
        ("**/y.yaml", ["kanwil-a/sub/y.yaml"]),
        ("*/*.yaml", ["kanwil-a/x.yaml", "kua/z.yaml"]),
        ("*.yaml", ["kanwil-a/sub/y.yaml", "kanwil-a/x.yaml", "kua/z.yaml", "top.yaml"]),
        ("[kt]*", ["top.yaml"]),  # a name: not kanwil-a/x.yaml
        ("kanwil-*", []),
        ("[!t]*.yaml", ["kanwil-a/sub/y.yaml", "kanwil-a/x.yaml", "kua/z.yaml"]),
        ("?op.yaml", ["top.yaml"]),
        ("*/top.yaml", []),
        ("kanwil-?/s*/*", ["kanwil-a/sub/y.yaml"]),
    ],
)
def test_glob_semantics(tmp_path: Path, pattern: str, found: list[str]) -> None:
    # Without '/', a pattern is matched against file names at any depth; with '/',
    # against the path below the folder: '*', '?' and '[...]' stay within one
    # folder name, '**/' is zero or more folders, a trailing '/**' all below.
    for name in ("top.yaml", "kanwil-a/x.yaml", "kanwil-a/sub/y.yaml", "kua/z.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("unit: {}\n", encoding="utf-8")
    files = discover([str(tmp_path)], glob=pattern)
    assert [Path(f).relative_to(tmp_path).as_posix() for f in files] == found
