"""Data dukung: statuses, hostile paths, the manifest and --verify, --check-links."""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicli.engine.evidence import (
    EntryState,
    EvidenceEntry,
    evidence_counts,
    evidence_report,
    question_status,
)
from zicli.engine.index import CriteriaIndex
from zicli.engine.manifest import ManifestItem, compare_manifest
from zicli.errors import InputError
from zicli.loading import load_unit
from zicli.loading.evidence import MAX_ENTRIES, check_evidence
from zicli.models.answers import AnswerRecord, NumberAnswer, OptionAnswer

from .conftest import EXAMPLES, Run

Zi = Callable[..., Run]
HEAD = "criteria: permenpanrb-90-2021\nunit: {name: Unit Uji, period: '2026-Q1'}\nanswers:\n"


def _unit(folder: Path, answers: str, name: str = "unit.yaml") -> Path:
    path = folder / name
    path.write_text(HEAD + answers, encoding="utf-8")
    return path


def _statuses(path: Path, root: Path | None = None) -> dict[str, str]:
    loaded = load_unit(str(path))
    check = check_evidence(str(path), loaded.answers, root or path.parent)
    report = evidence_report(loaded.index, loaded.answers, check.entries)
    return {q.id: q.status for q in report.questions if q.status != "belum_dijawab"}


def test_statuses(tmp_path: Path) -> None:
    (tmp_path / "sk").mkdir()
    (tmp_path / "sk" / "sk.pdf").write_bytes(b"%PDF-1.4 isi")
    (tmp_path / "sk" / "kosong.pdf").write_bytes(b"")
    (tmp_path / "folder" / "sub").mkdir(parents=True)
    (tmp_path / "folder" / "sub" / "a.pdf").write_bytes(b"a")
    (tmp_path / "hampa").mkdir()
    (tmp_path / "hampa" / ".DS_Store").write_bytes(b"x")  # hidden: not evidence
    path = _unit(
        tmp_path,
        "  A.I.1.i.a: {answer: Ya, evidence: [sk/sk.pdf]}\n"
        "  A.I.1.i.b: {answer: A, evidence: [sk/tidak-ada.pdf]}\n"
        "  A.I.1.ii.a: {answer: Ya, evidence: folder}\n"
        "  A.I.1.ii.b: {answer: A, evidence: [hampa/]}\n"
        "  A.I.1.ii.c: {answer: A, evidence: [sk/kosong.pdf]}\n"
        "  A.I.1.iii.a: {answer: A, evidence: ['https://drive.google.com/x', sk/sk.pdf]}\n"
        "  A.I.1.iii.b: A\n",
    )
    assert _statuses(path) == {
        "A.I.1.i.a": "lengkap",
        "A.I.1.i.b": "hilang",
        "A.I.1.ii.a": "lengkap",
        "A.I.1.ii.b": "hilang",  # a folder without files
        "A.I.1.ii.c": "hilang",  # an empty file
        "A.I.1.iii.a": "lengkap",
        "A.I.1.iii.b": "tanpa_bukti",
    }


def test_question_status_pure() -> None:
    record = AnswerRecord(OptionAnswer("A"))
    ok = EvidenceEntry("a.pdf", "file", "ada")
    gone = EvidenceEntry("b.pdf", "file", "hilang")
    assert question_status(None, ()) == "belum_dijawab"
    assert question_status(record, ()) == "tanpa_bukti"
    assert question_status(record, (ok,)) == "lengkap"
    assert question_status(record, (ok, gone)) == "hilang"


def test_at_risk_is_an_answer_above_the_lowest_without_evidence(pack90: CriteriaIndex) -> None:
    answers = {
        "A.I.1.i.a": AnswerRecord(OptionAnswer("Ya")),  # above Tidak: at risk
        "A.I.1.i.b": AnswerRecord(OptionAnswer("C")),  # the lowest (0): nothing to lose
        "A.I.1.ii.a": AnswerRecord(OptionAnswer("Ya"), ("a.pdf",)),  # evidence there
        "B.I.a": AnswerRecord(NumberAnswer(Decimal(0))),  # the lowest survey value
        "B.II.a": AnswerRecord(NumberAnswer(Decimal(3))),
    }
    checked = {"A.I.1.ii.a": (EvidenceEntry("a.pdf", "file", "ada"),)}
    report = evidence_report(pack90, answers, checked)
    risky = {q.id for q in report.questions if q.at_risk}
    assert risky == {"A.I.1.i.a", "B.II.a"}
    assert report.counts == {"lengkap": 1, "hilang": 0, "tanpa_bukti": 4, "belum_dijawab": 108}
    by_area = {a.id: (a.counts["tanpa_bukti"], a.at_risk) for a in report.areas}
    assert by_area["A.I.1"] == (2, 1)
    assert by_area["B.II"] == (1, 1)
    # the pack's data dukung hint stands beside the question (kemenag overlay: sub-area's)
    assert report.by_id()["B.II.a"].hints == ()


def test_hints_come_from_the_pack(zi: Zi, tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_text(
        "criteria: kemenag-90-2021\nunit: {name: X, period: '2026-Q1'}\n"
        "answers:\n  A.I.1.i.a: Ya\n",
        encoding="utf-8",
    )
    data = json.loads(zi("evidence", str(path), "--format", "json").stdout)
    question = next(q for q in data["questions"] if q["id"] == "A.I.1.i.a")
    assert question["status"] == "tanpa_bukti" and question["at_risk"] is True
    assert question["hints"], "the Kemenag overlay names the data dukung of A.I.1.i"


# --- hostile paths: refused with located errors (exit 2) -----------------------------------


def _refused(zi: Zi, path: Path, *extra: str) -> str:
    run = zi("evidence", str(path), *extra)
    assert run.code == 2, run.stdout
    assert run.stdout == ""
    return run.stderr


def test_dotdot_and_absolute_paths_are_refused(zi: Zi, tmp_path: Path) -> None:
    unit_dir = tmp_path / "unit"
    unit_dir.mkdir()
    (tmp_path / "rahasia.pdf").write_bytes(b"x")
    path = _unit(
        unit_dir,
        "  A.I.1.i.a: {answer: Ya, evidence: [../rahasia.pdf]}\n"
        f"  A.I.1.i.b: {{answer: A, evidence: ['{tmp_path / 'rahasia.pdf'}']}}\n"
        "  A.I.1.ii.a: {answer: Ya, evidence: [sk/../../lain/x.pdf]}\n"
        "  A.I.1.ii.b: {answer: A, evidence: [sk/../../unit/x.pdf]}\n",  # inside: hilang
    )
    stderr = _refused(zi, path)
    lines = stderr.splitlines()
    assert lines[0] == (
        f"kesalahan: {path}:4:38: answers.A.I.1.i.a.evidence[0]: '../rahasia.pdf' adalah "
        f"jalur yang "
        "keluar dari akar data dukung (saran: simpan data dukung di folder berkas jawaban atau "
        "di bawahnya, atau berikan --evidence-root)"
    )
    assert "answers.A.I.1.i.b.evidence[0]: " in lines[1]
    assert "adalah jalur absolut di luar akar data dukung" in lines[1]
    assert "A.I.1.ii.a" in lines[2] and "keluar dari akar data dukung" in lines[2]
    assert len(lines) == 3
    assert "A.I.1.ii.b" not in stderr  # sk/../../unit/x.pdf stays inside: hilang, not refused
    # with --evidence-root, paths are read from that folder, and an absolute path inside it counts
    inside = _unit(
        unit_dir,
        f"  A.I.1.i.b: {{answer: A, evidence: ['{tmp_path / 'rahasia.pdf'}', unit/x.pdf]}}\n",
        name="lain.yaml",
    )
    run = zi("evidence", str(inside), "--evidence-root", str(tmp_path), "--format", "json")
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["counts"]["hilang"] == 1  # unit/x.pdf does not exist


def test_symlink_out_of_the_root_is_refused(zi: Zi, tmp_path: Path) -> None:
    unit_dir = tmp_path / "unit"
    (unit_dir / "map").mkdir(parents=True)
    (tmp_path / "luar.pdf").write_bytes(b"x")
    (unit_dir / "tautan.pdf").symlink_to(tmp_path / "luar.pdf")
    (unit_dir / "map" / "dalam.pdf").symlink_to(tmp_path / "luar.pdf")
    path = _unit(
        unit_dir,
        "  A.I.1.i.a: {answer: Ya, evidence: [tautan.pdf]}\n"
        "  A.I.1.i.b: {answer: A, evidence: [map]}\n",
    )
    lines = _refused(zi, path).splitlines()
    assert "'tautan.pdf' adalah tautan simbolik yang mengarah ke luar akar data dukung" in lines[0]
    assert ":4:" in lines[0]
    assert (
        "'map/dalam.pdf' adalah tautan simbolik yang mengarah ke luar akar data dukung" in lines[1]
    )


def test_symlink_inside_the_root_is_followed(tmp_path: Path) -> None:
    (tmp_path / "asli.pdf").write_bytes(b"x")
    (tmp_path / "salinan.pdf").symlink_to(tmp_path / "asli.pdf")
    path = _unit(tmp_path, "  A.I.1.i.a: {answer: Ya, evidence: [salinan.pdf]}\n")
    assert _statuses(path) == {"A.I.1.i.a": "lengkap"}


def test_symlink_loops_are_refused(zi: Zi, tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "x").symlink_to(tmp_path / "map" / "y")
    (tmp_path / "map" / "y").symlink_to(tmp_path / "map" / "x")
    path = _unit(
        tmp_path,
        "  A.I.1.i.a: {answer: Ya, evidence: [a]}\n  A.I.1.i.b: {answer: A, evidence: [map]}\n",
    )
    lines = _refused(zi, path).splitlines()
    assert "answers.A.I.1.i.a.evidence[0]: 'a' adalah lingkaran tautan simbolik" in lines[0]
    assert "'map/x' adalah lingkaran tautan simbolik" in lines[1]


def test_a_folder_linking_to_itself_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "a.pdf").write_bytes(b"x")
    (tmp_path / "map" / "lagi").symlink_to(tmp_path / "map")
    path = _unit(tmp_path, "  A.I.1.i.a: {answer: Ya, evidence: [map]}\n")
    loaded = load_unit(str(path))
    check = check_evidence(str(path), loaded.answers, tmp_path)
    assert [f.path for e in check.entries["A.I.1.i.a"] for f in e.files] == ["map/a.pdf"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifos_are_refused_and_never_opened(zi: Zi, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipa")
    (tmp_path / "map").mkdir()
    os.mkfifo(tmp_path / "map" / "pipa")
    path = _unit(
        tmp_path,
        "  A.I.1.i.a: {answer: Ya, evidence: [pipa]}\n  A.I.1.i.b: {answer: A, evidence: [map]}\n",
    )
    # Opening a FIFO would block this test forever; it returns, so nothing was opened.
    lines = _refused(zi, path, "-o", str(tmp_path / "m.json")).splitlines()
    assert "'pipa' adalah FIFO (pipe bernama), bukan berkas atau folder" in lines[0]
    assert "'map/pipa' adalah FIFO (pipe bernama), bukan berkas atau folder" in lines[1]
    assert not (tmp_path / "m.json").exists()


def test_ten_thousand_entries_are_the_bound(zi: Zi, tmp_path: Path) -> None:
    big = tmp_path / "pindaian"
    big.mkdir()
    for i in range(MAX_ENTRIES + 1):
        (big / f"{i:05}.pdf").write_bytes(b"x")
    path = _unit(tmp_path, "  A.I.1.i.a: {answer: Ya, evidence: [pindaian]}\n")
    started = time.perf_counter()
    stderr = _refused(zi, path)
    assert time.perf_counter() - started < 30
    assert "lebih dari 10,000 jalur data dukung dan isi folder; berhenti di 'pindaian'" in stderr
    (big / "00000.pdf").unlink()
    (big / "00001.pdf").unlink()  # the folder itself and 9,999 files: accepted
    assert _statuses(path) == {"A.I.1.i.a": "lengkap"}


def test_malformed_links_are_refused(zi: Zi, tmp_path: Path) -> None:
    path = _unit(
        tmp_path,
        "  A.I.1.i.a: {answer: Ya, evidence: ['ftp://x/y', 'https://', www.kemenag.go.id]}\n",
    )
    lines = _refused(zi, path).splitlines()
    assert "'ftp://x/y' bukan tautan http(s)" in lines[0]
    assert "'https://' bukan tautan yang berbentuk benar" in lines[1]
    assert "saran: tulis https://www.kemenag.go.id" in lines[2]


def test_evidence_root_must_exist(zi: Zi, tmp_path: Path) -> None:
    path = _unit(tmp_path, "  A.I.1.i.a: Ya\n")
    stderr = _refused(zi, path, "--evidence-root", str(tmp_path / "tidak-ada"))
    assert "--evidence-root: folder tidak ditemukan" in stderr


@pytest.mark.parametrize("command", ["evidence", "score"])
def test_an_evidence_root_that_is_a_file_is_not_a_folder(
    zi: Zi, tmp_path: Path, command: str
) -> None:
    path = _unit(tmp_path, "  A.I.1.i.a: Ya\n")
    run = zi(command, str(path), "--evidence-root", str(path))
    assert run.code == 2
    assert "--evidence-root: bukan folder" in run.stderr and "tidak ditemukan" not in run.stderr


# --- manifest and --verify ---------------------------------------------------------------


@pytest.fixture
def submitted(tmp_path: Path) -> Path:
    (tmp_path / "sk").mkdir()
    (tmp_path / "sk" / "sk.pdf").write_bytes(b"SK 2026")
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "a.pdf").write_bytes(b"a")
    return _unit(
        tmp_path,
        "  A.I.1.i.a: {answer: Ya, evidence: [sk/sk.pdf]}\n"
        "  A.I.1.i.b: {answer: A, evidence: [map, 'https://drive.google.com/x']}\n",
    )


def test_manifest_records_every_local_file(zi: Zi, submitted: Path) -> None:
    manifest = submitted.parent / "manifest.json"
    run = zi("evidence", str(submitted), "-o", str(manifest))
    assert run.code == 0, run.stderr
    data = json.loads(manifest.read_text("utf-8"))
    assert data["schema"] == "zi.evidence-manifest/1"
    rows = [(f["question"], f["path"], f["size"], f["sha256"]) for f in data["files"]]
    assert rows == [
        (
            "A.I.1.i.a",
            "sk/sk.pdf",
            7,
            hashlib.sha256(b"SK 2026").hexdigest(),
        ),
        ("A.I.1.i.b", "map/a.pdf", 1, hashlib.sha256(b"a").hexdigest()),
    ]
    assert all(f["mtime"].endswith("Z") for f in data["files"])
    assert "Manifest ditulis: " in run.stdout


def test_verify_unchanged_added_removed_changed(zi: Zi, submitted: Path) -> None:
    manifest = submitted.parent / "manifest.json"
    assert zi("evidence", str(submitted), "-o", str(manifest)).code == 0
    run = zi("evidence", str(submitted), "--verify", str(manifest))
    assert run.code == 0, run.stderr
    assert "0 berubah, 0 ditambah, 0 dihapus, 2 sama" in run.stdout
    (submitted.parent / "sk" / "sk.pdf").write_bytes(b"SK 2026 revisi")
    (submitted.parent / "map" / "b.pdf").write_bytes(b"b")
    (submitted.parent / "map" / "a.pdf").unlink()
    run = zi("evidence", str(submitted), "--verify", str(manifest), "--format", "json")
    assert run.code == 1
    assert run.stderr == f"verifikasi: {manifest}: data dukung berbeda dari manifest\n"
    verify = json.loads(run.stdout)["verify"]
    assert [(i["question"], i["path"]) for i in verify["changed"]] == [("A.I.1.i.a", "sk/sk.pdf")]
    assert [(i["question"], i["path"]) for i in verify["added"]] == [("A.I.1.i.b", "map/b.pdf")]
    assert [(i["question"], i["path"]) for i in verify["removed"]] == [("A.I.1.i.b", "map/a.pdf")]
    assert verify["clean"] is False


def test_compare_manifest_pure() -> None:
    a = ManifestItem("q1", "a.pdf", 1, "0" * 64)
    a2 = ManifestItem("q1", "a.pdf", 1, "1" * 64)
    b = ManifestItem("q2", "a.pdf", 1, "0" * 64)
    changes = compare_manifest((a,), (a2, b))
    assert (changes.changed, changes.added, changes.removed) == (((a, a2),), (b,), ())
    assert compare_manifest((a,), (a,)).clean


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{\n  "schema": 1,,\n}',
            ":2:15: JSON tidak valid: seharusnya ada kunci bertanda kutip ganda",
        ),
        ('{"schema": "zi.score/1", "zi_version": "x", "file": "u", "files": []}', "schema: "),
        (
            '{"schema": "zi.evidence-manifest/1", "zi_version": "x", "file": "u", '
            '"files": [{"question": "q", "path": "p", "size": -1, "sha256": "x", "mtime": "t"}]}',
            "files[0].size: minimal 0, tertulis",
        ),
    ],
)
def test_a_bad_manifest_is_a_located_error(
    zi: Zi, submitted: Path, text: str, expected: str
) -> None:
    manifest = submitted.parent / "m.json"
    manifest.write_text(text, encoding="utf-8")
    run = zi("evidence", str(submitted), "--verify", str(manifest))
    assert run.code == 2
    assert expected in run.stderr, run.stderr


def test_manifest_never_overwrites_the_answer_file(zi: Zi, submitted: Path) -> None:
    before = submitted.read_bytes()
    run = zi("evidence", str(submitted), "-o", str(submitted))
    assert run.code == 2
    assert submitted.read_bytes() == before


# --- --check-links against a local server --------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        if self.path == "/rahasia":  # a link that carries its user and password
            wanted = "Basic " + base64.b64encode(b"tim zi:s@ndi").decode()
            self.send_response(200 if self.headers.get("Authorization") == wanted else 401)
            self.end_headers()
            return
        if self.path == "/lambat":
            time.sleep(2)
        if self.path == "/tanpa-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path.startswith("/ada") else 404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_check_links(zi: Zi, tmp_path: Path, server: str) -> None:
    path = _unit(
        tmp_path,
        f"  A.I.1.i.a: {{answer: Ya, evidence: ['{server}/ada/sk.pdf']}}\n"
        f"  A.I.1.i.b: {{answer: A, evidence: ['{server}/hilang.pdf']}}\n"
        f"  A.I.1.ii.a: {{answer: Ya, evidence: ['{server}/lambat']}}\n"
        f"  A.I.1.ii.b: {{answer: A, evidence: ['{server}/tanpa-head']}}\n",
    )
    offline = json.loads(zi("evidence", str(path), "-f", "json").stdout)
    assert {q["id"]: q["status"] for q in offline["questions"] if q["answer"]} == dict.fromkeys(
        ("A.I.1.i.a", "A.I.1.i.b", "A.I.1.ii.a", "A.I.1.ii.b"), "lengkap"
    )  # without --check-links a well-formed link counts, unvisited
    run = zi("evidence", str(path), "-f", "json", "--check-links", "--timeout", "0.5")
    assert run.code == 0, run.stderr
    questions = {q["id"]: q for q in json.loads(run.stdout)["questions"] if q["answer"]}
    assert {k: q["status"] for k, q in questions.items()} == {
        "A.I.1.i.a": "lengkap",
        "A.I.1.i.b": "hilang",
        "A.I.1.ii.a": "hilang",
        "A.I.1.ii.b": "lengkap",
    }
    assert questions["A.I.1.i.b"]["evidence"][0]["detail"] == "HTTP 404"
    assert questions["A.I.1.ii.a"]["evidence"][0]["detail"] == "timeout"


def test_check_links_sends_a_links_own_user_and_password(
    zi: Zi, tmp_path: Path, server: str
) -> None:
    # urllib looked 'user:pw@host' up as a host name ("Name or service not known")
    host = server.removeprefix("http://")
    path = _unit(
        tmp_path,
        f"  A.I.1.i.a: {{answer: Ya, evidence: ['http://tim%20zi:s%40ndi@{host}/rahasia']}}\n"
        f"  A.I.1.i.b: {{answer: A, evidence: ['http://tim%20zi:salah@{host}/rahasia']}}\n"
        "  A.I.1.ii.a: {answer: Ya, evidence: ['http://127.0.0.1:99999/sk.pdf']}\n",
    )
    run = zi("evidence", str(path), "-f", "json", "--check-links", "--timeout", "5")
    assert run.code == 0, run.stderr
    questions = {q["id"]: q for q in json.loads(run.stdout)["questions"] if q["answer"]}
    assert questions["A.I.1.i.a"]["status"] == "lengkap"
    assert questions["A.I.1.i.b"]["evidence"][0]["detail"] == "HTTP 401"
    assert questions["A.I.1.ii.a"]["evidence"][0]["detail"] == "malformed"  # port > 65535


def test_broken_link_reasons_are_worded_in_the_language_in_use(
    zi: Zi, tmp_path: Path, server: str
) -> None:
    path = _unit(
        tmp_path,
        f"  A.I.1.i.a: {{answer: Ya, evidence: ['{server}/lambat']}}\n"
        "  A.I.1.i.b: {answer: A, evidence: ['http://127.0.0.1:99999/sk.pdf']}\n"
        "  A.I.1.ii.a: {answer: Ya, evidence: ['http://zi-tidak-ada.invalid/sk.pdf']}\n",
    )
    run = zi("evidence", str(path), "--check-links", "--timeout", "0.5", "--width", "300")
    assert run.code == 0, run.stderr
    assert "tidak menjawab tepat waktu" in run.stdout
    assert "bukan tautan yang dapat diminta" in run.stdout
    assert "tidak terjangkau (" in run.stdout
    assert "timeout" not in run.stdout and "unreachable" not in run.stdout


@pytest.mark.parametrize("value", ["inf", "1e10", "-1", "0", "nan", "601", "-inf"])
def test_a_timeout_out_of_range_is_a_usage_error(zi: Zi, value: str) -> None:
    # inf overflowed the socket (exit 3); 0, -1 and nan made every link 'broken'.
    example = str(EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml")
    run = zi("evidence", example, "--check-links", "--timeout", value)
    assert run.code == 2, run.stderr
    assert run.stderr.startswith("kesalahan: --timeout: ") and len(run.stderr.splitlines()) == 1
    assert "600" in run.stderr and run.stdout == ""


@pytest.mark.parametrize("value", ["0.5", "600", "1e-3"])
def test_a_timeout_in_range_is_taken(value: str) -> None:
    from zicli.cli.evidence import link_timeout

    assert link_timeout(float(value)) == float(value)


# --- the shipped example -------------------------------------------------------------------


def test_example_evidence(zi: Zi) -> None:
    example = EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml"
    run = zi("evidence", str(example), "--format", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["schema"] == "zi.evidence/1"
    assert data["counts"] == {"lengkap": 4, "hilang": 1, "tanpa_bukti": 108, "belum_dijawab": 0}
    statuses = {q["id"]: q["status"] for q in data["questions"]}
    assert statuses["A.I.1.iii.a"] == "hilang"
    folder = next(q for q in data["questions"] if q["id"] == "A.I.1.ii.a")["evidence"][0]
    assert [f["path"] for f in folder["files"]] == [
        "data-dukung/rencana-kerja/monev-triwulan-1.pdf",
        "data-dukung/rencana-kerja/rencana-kerja-zi-2026.pdf",
    ]
    assert {a["id"] for a in data["areas"]} >= {"A.I.1", "A.II.6", "B.I", "B.II"}


def test_an_example_manifest_verifies_clean(zi: Zi, tmp_path: Path) -> None:
    example = EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml"
    manifest = tmp_path / "manifest.json"
    assert zi("evidence", str(example), "-o", str(manifest)).code == 0
    assert len(json.loads(manifest.read_text("utf-8"))["files"]) == 4
    assert zi("evidence", str(example), "--verify", str(manifest)).code == 0


def test_evidence_of_a_review_checks_the_units_file(zi: Zi) -> None:
    review = EXAMPLES.parent / "examples-review" / "kankemenag-kota-bengkulu-2026q1-tpi.yaml"
    run = zi("evidence", str(review), "--format", "json")
    assert run.code == 0
    assert "adalah berkas penilaian (tpi): memeriksa data dukung" in run.stderr
    assert json.loads(run.stdout)["counts"]["lengkap"] == 4


def test_evidence_table_is_escaped(zi: Zi, tmp_path: Path) -> None:
    path = _unit(tmp_path, "  A.I.1.i.a: {answer: Ya, evidence: ['[bold]x[/bold].pdf']}\n")
    out = zi("evidence", str(path)).stdout
    assert "[bold]x[/bold].pdf" in out


def test_input_errors_raise(tmp_path: Path) -> None:
    path = _unit(tmp_path, "  A.I.1.i.a: {answer: Ya, evidence: ['../x']}\n")
    loaded = load_unit(str(path))
    with pytest.raises(InputError):
        check_evidence(str(path), loaded.answers, tmp_path)


# --- the batch's counts-only path agrees with the full report -------------------------------


@given(st.data())
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_counts_agree_with_the_report(pack90: CriteriaIndex, data: st.DataObject) -> None:
    from .builders import best, worst

    answers: dict[str, AnswerRecord] = {}
    checked: dict[str, tuple[EvidenceEntry, ...]] = {}
    states = st.sampled_from(get_args(EntryState))
    for q in pack90.questions:
        pick = data.draw(st.sampled_from(["blank", "best", "worst"]))
        if pick == "blank":
            continue
        answers[q.id] = (best if pick == "best" else worst)(pack90, q)
        entries = data.draw(st.lists(states, max_size=2))
        if entries:
            checked[q.id] = tuple(EvidenceEntry(f"{i}", "file", s) for i, s in enumerate(entries))
    report = evidence_report(pack90, answers, checked)
    fast = evidence_counts(pack90, answers, checked)
    assert fast.counts == report.counts
    assert fast.at_risk == report.at_risk
    assert fast.without_evidence == report.without_evidence
    for item in report.questions:
        if item.status in ("lengkap", "belum_dijawab"):
            assert not item.at_risk
        elif answers[item.id] == worst(pack90, pack90.nodes[item.id]):
            assert not item.at_risk  # the lowest answer has nothing to lose


# --- evidence in zi score -------------------------------------------------------------------


def test_score_json_has_the_statuses_of_zi_evidence(zi: Zi) -> None:
    example = str(EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml")
    scored = json.loads(zi("score", example, "--format", "json").stdout)["evidence"]
    full = json.loads(zi("evidence", example, "--format", "json").stdout)
    assert scored["counts"] == full["counts"]
    assert (scored["without_evidence"], scored["at_risk"]) == (109, 109)
    assert scored["questions"]["A.I.1.iii.a"] == {"status": "hilang", "at_risk": True}
    assert scored["questions"]["A.I.1.i.a"] == {"status": "lengkap", "at_risk": False}
    assert scored["areas"]["A.I.1"] == {
        "lengkap": 4,
        "hilang": 1,
        "tanpa_bukti": 7,
        "belum_dijawab": 0,
        "at_risk": 8,
    }


def test_require_evidence_gate(zi: Zi, tmp_path: Path) -> None:
    (tmp_path / "sk.pdf").write_bytes(b"x")
    good = _unit(
        tmp_path,
        "  A.I.1.i.a: {answer: Ya, evidence: [sk.pdf]}\n  A.I.1.i.b: C\n",  # C is the lowest
        name="good.yaml",
    )
    bad = _unit(tmp_path, "  A.I.1.i.a: Ya\n", name="bad.yaml")
    assert zi("score", str(good), "--require-evidence").code == 0
    run = zi("score", str(bad), "--require-evidence", "--format", "json")
    assert run.code == 1
    assert run.stderr == (
        f"ambang: {bad}: 1 jawaban di atas opsi terendah tanpa data dukung lengkap "
        "(lihat zi evidence)\n"
    )
    english = zi("--lang", "en", "score", str(bad), "--require-evidence")
    assert english.stderr.endswith(
        "1 answer above the lowest option without complete data dukung (see zi evidence)\n"
    )
    assert zi("score", str(bad)).code == 0  # no gate asked for
    batch = zi("score", str(tmp_path), "--require-evidence", "--format", "jsonl")
    assert batch.code == 1
    assert "ambang: 1 dari 2 unit tidak lolos ambang" in batch.stderr


def test_score_refuses_hostile_evidence(zi: Zi, tmp_path: Path) -> None:
    path = _unit(tmp_path, "  A.I.1.i.a: {answer: Ya, evidence: [../x.pdf]}\n")
    run = zi("score", str(path))
    assert run.code == 2
    assert (
        f"kesalahan: {path}:4:38: answers.A.I.1.i.a.evidence[0]: '../x.pdf' adalah jalur"
        in run.stderr
    )
    batch = zi("score", str(tmp_path), "--format", "jsonl")
    assert batch.code == 2
    assert json.loads(batch.stdout)["errors"][0]["field"] == "answers.A.I.1.i.a.evidence[0]"


def test_score_detail_shows_evidence_beside_the_answer(zi: Zi) -> None:
    out = zi("score", str(EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml"), "--detail").stdout
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("A.I.1.")}
    assert " ada " in rows["A.I.1.i.a"]
    assert " hilang! " in rows["A.I.1.iii.a"]
    assert " -! " in rows["A.I.1.iii.b"]


def test_deep_folders_are_bounded(zi: Zi, tmp_path: Path) -> None:
    deep = tmp_path / "map"
    for i in range(40):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    (deep / "a.pdf").write_bytes(b"x")
    path = _unit(tmp_path, "  A.I.1.i.a: {answer: Ya, evidence: [map]}\n")
    assert "'map' lebih dalam dari 32 tingkat folder" in _refused(zi, path)


def test_many_entries_in_the_file_are_bounded(zi: Zi, tmp_path: Path) -> None:
    many = ", ".join(f"x{i}.pdf" for i in range(MAX_ENTRIES + 5))
    path = _unit(tmp_path, f"  A.I.1.i.a: {{answer: Ya, evidence: [{many}]}}\n")
    stderr = _refused(zi, path)
    assert "berhenti di 'x10000.pdf'" in stderr
    assert len(stderr.splitlines()) == 1


def test_batch_columns(zi: Zi) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(zi("score", str(EXAMPLES), "-f", "csv").stdout)))
    by_file = {Path(r["file"]).name: r for r in rows}
    bengkulu = by_file["kankemenag-kota-bengkulu-2026q1.yaml"]
    assert (bengkulu["without_evidence"], bengkulu["at_risk"]) == ("109", "109")
    kua = by_file["kua-kecamatan-selebar-2026q1.yaml"]
    assert (kua["without_evidence"], kua["at_risk"]) == ("113", "113")
    wide = zi("score", str(EXAMPLES), "--width", "110", "--glob", "kankemenag-kota-*").stdout
    assert "Bukti" in wide and "4/113" in wide and "2/113" in wide


def test_validate_reports_hostile_evidence(zi: Zi, tmp_path: Path) -> None:
    path = _unit(tmp_path, "  A.I.1.i.a: {answer: Ya, evidence: [/etc/passwd]}\n")
    run = zi("validate", str(path))
    assert run.code == 2
    assert "adalah jalur absolut di luar akar data dukung" in run.stderr


def test_evidence_reads_a_workbook_as_score_does(zi: Zi, tmp_path: Path) -> None:
    """A filled workbook carries the data dukung (its Data Dukung column): zi evidence
    reads it through the same readers as zi score, and finds what the answer file has."""
    source = EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml"
    book = tmp_path / "LKE.xlsx"
    assert zi("export", str(source), "-o", str(book)).code == 0
    copy = tmp_path / "unit.yaml"  # the same answers (a workbook's 3.5 is not '3.50')
    assert zi("import", str(book), "-o", str(copy)).code == 0
    from_book = zi("evidence", str(book), "--format", "json")
    from_yaml = zi("evidence", str(copy), "--format", "json")
    assert from_book.code == from_yaml.code, from_book.stderr
    assert from_book.stderr == ""
    assert from_book.stdout.replace(str(book), "F") == from_yaml.stdout.replace(str(copy), "F")
