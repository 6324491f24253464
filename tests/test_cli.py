"""CLI behaviour: exit codes, streams, gates, formats, init and criteria commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import EXAMPLES, Run

BENGKULU = str(EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml")
KUA = str(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml")
MAN2 = str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml")
KANWIL = str(EXAMPLES / "kanwil-kemenag-provinsi-bengkulu-2021.yaml")

Zi = Callable[..., Run]


def test_score_table_goes_to_stdout(zi: Zi) -> None:
    run = zi("score", BENGKULU)
    assert run.code == 0
    assert "Predikat: Menuju WBBM" in run.stdout
    assert "93.95" in run.stdout
    assert run.stderr == ""
    assert "\x1b[" not in run.stdout  # NO_COLOR: plain text


@pytest.mark.parametrize(
    ("path", "gate", "code"),
    [(BENGKULU, "WBBM", 0), (MAN2, "WBK", 0), (MAN2, "wbbm", 1), (KUA, "WBK", 1)],
)
def test_require_gate(zi: Zi, path: str, gate: str, code: int) -> None:
    run = zi("score", path, "--require", gate, "--format", "json")
    assert run.code == code
    json.loads(run.stdout)  # the result is printed either way
    if code:
        assert run.stderr.startswith("ambang: ")


def test_unknown_gate_is_a_usage_error(zi: Zi) -> None:
    run = zi("score", MAN2, "--require", "WBX")
    assert run.code == 2
    assert "predikat 'WBX' tidak dikenal" in run.stderr


def test_missing_file(zi: Zi) -> None:
    run = zi("score", "nope.yaml")
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr == (
        "kesalahan: nope.yaml: berkas atau folder tidak ditemukan "
        "(saran: periksa namanya, atau mulai berkas jawaban baru dengan: zi init -o nope.yaml)\n"
    )


def test_invalid_file_in_json_gives_errors_list(zi: Zi, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "criteria: permenpanrb-90-2021\nunit: {name: X, period: '2026-Q1'}\n"
        "answers:\n  A.I.1.i.a: yes\n",
        encoding="utf-8",
    )
    run = zi("score", str(bad), "--format", "json")
    assert run.code == 2
    data = json.loads(run.stdout)
    assert data["errors"][0]["line"] == 4
    assert data["errors"][0]["hint"] == "tulis Ya atau Tidak"
    assert "Traceback" not in run.stderr


def test_stdin(zi: Zi) -> None:
    text = Path(KUA).read_text(encoding="utf-8")
    run = zi("score", "-", "--format", "json", stdin=text)
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["file"] == "-"


def test_repealed_pack_after_repeal_warns(zi: Zi, tmp_path: Path) -> None:
    text = Path(KANWIL).read_text(encoding="utf-8").replace('"2021-Q3"', '"2026-Q1"')
    path = tmp_path / "late.yaml"
    path.write_text(text, encoding="utf-8")
    data = json.loads(zi("score", str(path), "--format", "json").stdout)
    repealed = [w for w in data["warnings"] if w["code"] == "repealed"]
    assert repealed and "permenpanrb-90-2021" in repealed[0]["message"]
    on_time = json.loads(zi("score", KANWIL, "--format", "json").stdout)
    assert not [w for w in on_time["warnings"] if w["code"] == "repealed"]


def test_blank_skip_reproduces_workbook(zi: Zi, tmp_path: Path) -> None:
    lines = Path(BENGKULU).read_text(encoding="utf-8").splitlines()
    # Blank A.I.1.ii.c (answered B): under 'zero' the sub-area loses 1/3, under 'skip'
    # the mean of the two answered (Ya, A) is 1, so the sub-area is whole.
    kept = [ln if not ln.startswith("  A.I.1.ii.c:") else "  A.I.1.ii.c:" for ln in lines]
    path = tmp_path / "draft.yaml"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    zero = json.loads(zi("score", str(path), "--format", "json").stdout)
    skip = json.loads(zi("score", str(path), "--format", "json", "--blank", "skip").stdout)
    assert zero["scores"]["A.I.1.ii"] == pytest.approx(0.67)  # (1 + 1 + 0) / 3
    assert skip["scores"]["A.I.1.ii"] == 1.0
    assert zero["verdict"]["provisional"] and skip["verdict"]["provisional"]
    assert zero["completeness"] == {
        "answered": 112,
        "questions": 113,
        "percent": 99.12,
        "blank": ["A.I.1.ii.c"],
    }


def test_output_file_is_written_and_stdout_stays_empty(zi: Zi, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    run = zi("score", BENGKULU, "--format", "json", "-o", str(out))
    assert run.code == 0 and run.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["verdict"]["predicate"] == "WBBM"


def test_validate(zi: Zi, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("criteria: permenpanrb-90-2021\nunit: {name: X}\n", encoding="utf-8")
    run = zi("validate", BENGKULU, str(bad))
    assert run.code == 2
    assert run.stdout.startswith(f"ok: {BENGKULU} (permenpanrb-90-2021, 113/113")
    assert f"kesalahan: {bad}:2:7: unit.period: kunci wajib 'period' tidak ada" in run.stderr
    run = zi("validate", BENGKULU, KANWIL, "--format", "json")
    assert run.code == 0
    assert [r["valid"] for r in json.loads(run.stdout)["results"]] == [True, True]


@pytest.mark.parametrize("pack", ["permenpanrb-90-2021", "permenpanrb-10-2019"])
def test_init_template_is_valid_and_complete(zi: Zi, tmp_path: Path, pack: str) -> None:
    out = tmp_path / "unit.yaml"
    run = zi(
        "init",
        "--criteria",
        pack,
        "-o",
        str(out),
        "--name",
        "MIN 1 Kota Bengkulu",
        "--period",
        "2026-Q2",
    )
    assert run.code == 0, run.stderr
    data = json.loads(zi("score", str(out), "--format", "json").stdout)
    assert data["total"] == 0
    assert data["completeness"]["answered"] == 0
    assert data["unit"]["name"] == "MIN 1 Kota Bengkulu"
    assert data["verdict"]["provisional"] is True
    again = zi("init", "--criteria", pack, "-o", str(out))
    assert again.code == 2 and "--force" in again.stderr
    assert zi("init", "--criteria", pack, "-o", str(out), "--force").code == 0


def test_criteria_list_and_show(zi: Zi) -> None:
    run = zi("criteria", "list")
    assert run.code == 0
    assert "permenpanrb-10-2019" in run.stdout and "dicabut 2021-12-31" in run.stdout
    data = json.loads(zi("criteria", "list", "--format", "json").stdout)
    ids = {p["id"]: p for p in data["packs"]}
    assert ids["permenpanrb-90-2021"]["questions"] == 113
    show = zi("criteria", "show", "permenpanrb-10-2019")
    assert show.code == 0
    assert "Syarat Menuju WBBM" in show.stdout and "rendah-sedang" in show.stdout
    assert "Sumber:" in show.stdout
    full = json.loads(zi("criteria", "show", "permenpanrb-90-2021", "--format", "json").stdout)
    assert full["pack"]["id"] == "permenpanrb-90-2021"


def test_unknown_pack_has_did_you_mean(zi: Zi) -> None:
    run = zi("criteria", "show", "permenpanrb-90-2012")
    assert run.code == 2
    assert "maksud Anda 'permenpanrb-90-2021'?" in run.stderr


def test_version_and_help(zi: Zi) -> None:
    assert zi("--version").stdout.startswith("zi ")
    assert zi("--help").code == 0


def test_internal_error_exits_3(zi: Zi, monkeypatch: pytest.MonkeyPatch) -> None:
    import zicli.engine.assess as assess_module

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(assess_module, "assess", boom)
    run = zi("score", BENGKULU)
    assert run.code == 3
    assert "kesalahan internal: RuntimeError: boom" in run.stderr
    assert "mohon laporkan" in run.stderr
    assert "Traceback" not in run.stderr


def test_ctrl_c_exits_130(zi: Zi, monkeypatch: pytest.MonkeyPatch) -> None:
    from zicli import loading

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(loading, "load_unit", interrupted)
    assert zi("score", BENGKULU).code == 130


# The real entry point: it flushes and leaves without tearing the interpreter down,
# so what reaches stdout, and the exit code, must be checked in a real process.

ZI_PROCESS = [sys.executable, "-m", "zicli"]
EXAMPLE = str(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml")


def test_entry_point_writes_everything_and_keeps_the_exit_code(tmp_path: Path) -> None:
    done = subprocess.run(
        [*ZI_PROCESS, "score", EXAMPLE, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["file"] == EXAMPLE  # the whole object, flushed
    gated = subprocess.run(
        [*ZI_PROCESS, "score", str(EXAMPLES), "--format", "jsonl", "--fail-under", "99"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert gated.returncode == 1
    assert len(gated.stdout.splitlines()) == len(list(EXAMPLES.glob("*.yaml")))
    assert "ambang:" in gated.stderr
    missing = subprocess.run(
        [*ZI_PROCESS, "score", str(tmp_path / "no.yaml")], check=False, capture_output=True
    )
    assert missing.returncode == 2


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["score", EXAMPLE, "--format", "json"],
        ["score", EXAMPLE],
        ["score", str(EXAMPLES), "--format", "csv"],
        ["criteria", "list"],
    ],
)
def test_results_that_cannot_be_written_are_an_error(args: list[str]) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [*ZI_PROCESS, *args], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.returncode == 2
    assert (
        "kesalahan: keluaran standar: tidak dapat ditulis: No space left on device" in done.stderr
    )
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    # zi score DIR | head -1: the rest cannot be written, and that is fine.
    with subprocess.Popen(
        [*ZI_PROCESS, "score", str(EXAMPLES), "--format", "jsonl", "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        assert proc.wait() == 0
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_closed_streams() -> None:
    # zi ... 2>&- : nothing to report, so nothing is lost; >&- : the results are.
    base = [*ZI_PROCESS, "score", EXAMPLE, "--format", "json"]
    quiet = subprocess.run(base, stdout=subprocess.PIPE, stderr=None, text=True, check=False,
                           preexec_fn=lambda: os.close(2))  # fmt: skip
    assert quiet.returncode == 0 and json.loads(quiet.stdout)["file"] == EXAMPLE
    blind = subprocess.run(base, stdout=None, stderr=subprocess.PIPE, text=True, check=False,
                           preexec_fn=lambda: os.close(1))  # fmt: skip
    assert blind.returncode == 2
    assert "kesalahan: keluaran standar: tidak dapat ditulis: sudah ditutup" in blind.stderr


def test_unit_keys_named_like_python_parameters_are_plain_unknown_keys(
    zi: Zi, tmp_path: Path
) -> None:
    path = tmp_path / "u.yaml"
    path.write_text(
        "criteria: permenpanrb-90-2021\nunit:\n  name: U\n  period: '2026'\n  cls: x\n"
        "  _fields_set: y\n",
        encoding="utf-8",
    )
    run = zi("validate", str(path))
    assert run.code == 2
    assert f"{path}:5:8: unit.cls: kunci 'cls' tidak dikenal" in run.stderr
    assert "internal error" not in run.stderr


def test_the_entry_point_builds_only_the_command_it_runs() -> None:
    from zicli import cli

    lean = cli._runner(["score", "u.yaml"])
    assert [c.callback.__name__ for c in lean.registered_commands if c.callback] == ["score"]
    assert lean.registered_groups == [] and lean.registered_callback is cli.app.registered_callback
    assert len(cli.app.registered_commands) > 1  # the app itself is untouched
    for args in ([], ["--help"], ["--version"], ["scor"], ["criteria", "list"], ["u.yaml"]):
        assert cli._runner(args) is cli.app


def test_the_lean_app_parses_and_helps_as_the_whole_one(zi: Zi) -> None:
    from .conftest import zi_process

    lean = zi_process("score", "--help")
    assert lean.returncode == 0 and "zi score [OPTIONS]" in lean.stdout
    whole = zi("score", "--help").stdout  # the whole app, in-process (another width)
    assert _words(whole) == _words(lean.stdout)
    typo = zi_process("scor", "x.yaml")
    assert typo.returncode == 2 and "'score'" in typo.stderr  # the whole app: a suggestion
    unknown = zi_process("score", "--no-such-option", "x.yaml")
    assert unknown.returncode == 2 and "--no-such-option" in unknown.stderr
    assert zi_process("criteria", "list").returncode == 0


def _words(text: str) -> list[str]:
    return [w for w in text.split() if w.strip("─│╭╮╰╯")]


@pytest.mark.parametrize(
    "args", [["--help"], ["score", "--help"], ["criteria", "--help"], ["score", EXAMPLE]]
)
def test_help_or_a_table_into_a_closed_pipe_is_not_an_error(args: list[str]) -> None:
    # zi --help | head -1, when head is gone before zi writes: rich and click would exit 1
    # (their rule for a broken pipe); zi's is that a reader that stops early is no error.
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [*ZI_PROCESS, *args], stdout=write, stderr=subprocess.PIPE, text=True, check=False
        )
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["score", EXAMPLE, "-f", "json", "-o", "-"],
        ["plan", EXAMPLE, "--target", "wbk", "-f", "json", "-o", "-"],
        ["diff", EXAMPLE, EXAMPLE, "-f", "json", "-o", "-"],
    ],
)
def test_dash_as_output_is_standard_output(args: list[str], tmp_path: Path) -> None:
    done = subprocess.run(
        [*ZI_PROCESS, *args], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout)["schema"]
    assert not (tmp_path / "-").exists()  # not a file named '-'


def test_dash_among_several_outputs(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    both = ["-f", "json", "-o", "-", "-f", "markdown", "-o", str(report)]
    done = subprocess.run(
        [*ZI_PROCESS, "score", EXAMPLE, *both],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["schema"] and report.read_text().startswith("#")
    twice = subprocess.run(
        [*ZI_PROCESS, "score", EXAMPLE, "-f", "json", "-o", "-", "-f", "csv", "-o", "-"],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert twice.returncode == 2 and "keluaran standar" in twice.stderr
    assert not (tmp_path / "-").exists()


def test_dash_is_no_manifest_file(tmp_path: Path) -> None:
    done = subprocess.run(
        [*ZI_PROCESS, "evidence", EXAMPLE, "-o", "-"],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2 and "--output:" in done.stderr and "manifest" in done.stderr
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("paths", "formats"),
    [
        ([str(EXAMPLES)], ["-f", "json", "-o", "r.out", "-f", "csv"]),
        ([str(EXAMPLES)], ["-f", "junit", "-o", "r.out", "-f", "jsonl", "-o", "-"]),
        ([BENGKULU], ["-f", "csv", "-o", "-", "-f", "json", "-o", "r.out"]),
        ([BENGKULU, KUA], ["-f", "table", "-f", "csv", "-o", "r.out"]),
    ],
)
def test_every_output_file_is_written_when_the_stdout_reader_is_gone(
    paths: list[str], formats: list[str], tmp_path: Path
) -> None:
    # zi score units/ -f json -o r.json -f csv | head -1: the reader of stdout leaving
    # is no error for stdout's format, and must not cost the files asked for.
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [*ZI_PROCESS, "score", *paths, *formats],
            stdout=write, stderr=subprocess.PIPE, text=True, check=False, cwd=tmp_path,
        )  # fmt: skip
    finally:
        os.close(write)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert (tmp_path / "r.out").stat().st_size > 0


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_validate_of_a_folder_without_answer_files_says_so_as_score_does(
    zi: Zi, fmt: str, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("not an answer file\n")
    score = zi("score", str(tmp_path), "-f", fmt)
    assert score.code == 2 and "tidak ada berkas jawaban" in score.stderr
    run = zi("validate", str(tmp_path), "-f", fmt)
    assert run.code == 2
    assert [line for line in run.stderr.splitlines() if line.startswith("kesalahan:")] == [
        line for line in score.stderr.splitlines() if line.startswith("kesalahan:")
    ]
    if fmt == "json":
        shown = json.loads(run.stdout)
        assert shown["schema"] == "zi.validate/1" and "results" not in shown
        assert "tidak ada berkas jawaban" in shown["errors"][0]["message"]


needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")


@needs_dev_full
@pytest.mark.parametrize(
    "args", [["--help"], ["score", "--help"], ["criteria", "--help"], ["--version"], []]
)
def test_help_or_version_into_a_full_stdout_is_said_in_one_line(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*ZI_PROCESS, *args], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "kesalahan: keluaran standar: tidak dapat ditulis: No space left on device"
    ]


@needs_dev_full
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["score", "nonexist.yaml"], 2),
        (["bogus"], 2),
        (["score", "--width", "wide", EXAMPLE], 2),
        (["score", EXAMPLE, "--fail-under", "99"], 1),
        (["--help"], 0),
    ],
)
def test_a_full_stderr_keeps_the_exit_code(args: list[str], code: int) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*ZI_PROCESS, *args], stdout=subprocess.PIPE, stderr=full, text=True, check=False
        )
    assert done.returncode == code


def test_version_into_a_closed_pipe_is_not_an_error() -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [*ZI_PROCESS, "--version"], stdout=write, stderr=subprocess.PIPE, check=False
        )
    finally:
        os.close(write)
    assert done.returncode == 0 and done.stderr == b""


@pytest.mark.parametrize(
    "args",
    [
        ["score", EXAMPLE, "-o", ""],
        ["score", EXAMPLE, "-f", "json", "-o", ""],
        ["score", str(EXAMPLES), "-f", "csv", "-o", ""],
        ["plan", EXAMPLE, "--target", "wbk", "-o", ""],
        ["init", "-o", ""],
    ],
)
def test_an_empty_output_name_is_a_usage_error_at_output(
    zi: Zi, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = zi(*args)
    assert run.code == 2
    assert run.stderr.startswith("kesalahan: --output: ") and "<input>" not in run.stderr
    assert len(run.stderr.splitlines()) == 1 and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [["audit", "{dir}"], ["import", "{dir}"], ["plan", "{dir}"], ["evidence", "{dir}"]],
)
def test_a_folder_where_a_file_is_read_gets_a_hint_that_fits_every_command(
    zi: Zi, args: list[str], tmp_path: Path
) -> None:
    run = zi(*[a.format(dir=tmp_path) for a in args])
    assert run.code == 2
    assert f"{tmp_path}: adalah folder" in run.stderr
    assert ".yaml" not in run.stderr and "zi score FOLDER" not in run.stderr


@pytest.mark.parametrize(
    ("ref", "said"),
    [
        ("/dev/null", "kesalahan: zi: /dev/null bukan berkas paket (perangkat atau berkas khusus)"),
        ("./", "kesalahan: zi: . bukan berkas paket (sebuah folder)"),
    ],
)
def test_criteria_show_of_something_that_is_not_a_pack_file(
    zi: Zi, ref: str, said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = zi("criteria", "show", ref)
    assert run.code == 2
    assert run.stderr.startswith(said) and "tidak ditemukan" not in run.stderr
    missing = zi("criteria", "show", str(tmp_path / "none.yaml"))
    assert missing.code == 2 and "tidak ditemukan" in missing.stderr
