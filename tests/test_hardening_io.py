"""Issue 12, inputs and outputs: nothing overwritten, nothing leaked, nothing hangs.

Each test is a probe of the red-team pass (or one of its class) run against the
mechanism that answers it: :mod:`zicli.loading.files` (bounded, non-blocking
reads; the record of every input), :mod:`zicli.loading.output` (outputs never
replace an input or a device), pack provenance in :func:`zicli.loading.load_criteria`,
the JSON pack cache, and the batch's worker pool under signals.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from zicli import loading
from zicli.loading import cache, load_criteria
from zicli.loading.yamlsafe import MAX_BYTES

from .conftest import CRITERIA, EXAMPLES
from .test_cli import Zi

UNIT = EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml"
PACK = CRITERIA / "permenpanrb-90-2021.yaml"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _unit(folder: Path, name: str = "u.yaml", criteria: str = "./p.yaml") -> Path:
    text = UNIT.read_text(encoding="utf-8")
    lines = [
        f"criteria: {criteria}" if ln.startswith("criteria:") else ln for ln in text.split("\n")
    ]
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a pack of one's own (p.yaml) and an answer file naming it."""
    shutil.copy(PACK, tmp_path / "p.yaml")
    _unit(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _zi(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: IO[bytes] | None = None,
) -> subprocess.CompletedProcess[str]:
    """zi as the console script runs it (signal handlers, stream set-up)."""
    full = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "zicli", *args],
        check=False,
        capture_output=True,
        encoding=full.get("PYTHONIOENCODING") or "utf-8",
        timeout=60,
        env=full,
        cwd=cwd,
        stdin=stdin,
    )


# --- outputs -------------------------------------------------------------------------


def test_output_onto_dev_null_keeps_the_device(zi: Zi, repo: Path) -> None:
    run = zi("score", "u.yaml", "-f", "json", "-o", os.devnull)
    assert run.code == 0, run.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_output_onto_a_fifo_is_written_through(zi: Zi, repo: Path) -> None:
    fifo = repo / "f"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    run = zi("score", "u.yaml", "-f", "json", "-o", str(fifo))
    reader.join(10)
    assert run.code == 0, run.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(got[0])["schema"] == "zi.score/1"
    assert not list(repo.glob(".*.tmp"))


def test_output_to_dev_stdout_is_written_through(repo: Path) -> None:
    run = _zi("score", "u.yaml", "-f", "json", "-o", "/dev/stdout", cwd=repo)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["schema"] == "zi.score/1"


def test_output_onto_a_folder_is_refused(zi: Zi, repo: Path) -> None:
    (repo / "d").mkdir()
    run = zi("score", "u.yaml", "-f", "json", "-o", "d")
    assert run.code == 2
    assert "kesalahan: d: adalah folder; zi tidak menimpanya" in run.stderr


@pytest.mark.parametrize("many", [False, True], ids=["one-file", "batch-with-workers"])
def test_output_onto_the_pack_an_answer_file_uses_is_refused(
    zi: Zi, repo: Path, many: bool
) -> None:
    before = (repo / "p.yaml").read_bytes()
    if many:
        for i in range(12):  # enough files for worker processes: they read the pack
            _unit(repo, f"u{i}.yaml")
        run = zi("score", ".", "--jobs", "2", "-f", "json", "-o", "p.yaml")
    else:
        run = zi("score", "u.yaml", "-f", "json", "-o", "p.yaml")
    assert run.code == 2
    assert "p.yaml: adalah masukan perintah ini; zi tidak pernah menimpa masukannya" in run.stderr
    assert (repo / "p.yaml").read_bytes() == before
    assert not list(repo.glob(".*.tmp"))


def test_init_force_onto_its_own_pack_is_refused(zi: Zi, repo: Path) -> None:
    before = (repo / "p.yaml").read_bytes()
    run = zi("init", "-c", "p.yaml", "-o", "p.yaml", "--force")
    assert run.code == 2
    assert "adalah masukan perintah ini" in run.stderr
    assert (repo / "p.yaml").read_bytes() == before


def test_folder_diff_protects_the_files_that_failed_to_load(zi: Zi, repo: Path) -> None:
    (repo / "old").mkdir()
    (repo / "new").mkdir()
    shutil.copy(UNIT, repo / "old" / "a.yaml")
    shutil.copy(UNIT, repo / "new" / "a.yaml")
    broken = repo / "new" / "broken.yaml"
    broken.write_text("criteria: [unclosed\n", encoding="utf-8")
    run = zi("diff", "old", "new", "-f", "json", "-o", str(broken))
    assert run.code == 2
    assert "adalah masukan perintah ini" in run.stderr
    assert broken.read_text(encoding="utf-8") == "criteria: [unclosed\n"


# --- provenance of packs --------------------------------------------------------------


def test_criteria_etc_shadow_is_refused_without_quoting_it(zi: Zi, repo: Path) -> None:
    _unit(repo, "evil.yaml", "/etc/shadow")
    run = zi("score", "evil.yaml")
    assert run.code == 2
    assert "evil.yaml:4:11: criteria: berkas paket di luar repositori berkas jawaban" in (
        run.stderr
    )
    assert "root:" not in run.stderr


def test_a_file_outside_is_neither_read_nor_quoted(zi: Zi, tmp_path: Path) -> None:
    inner = tmp_path / "repo"
    inner.mkdir()
    (inner / ".git").mkdir()  # the repository's top level
    (inner / "units").mkdir()
    secret = tmp_path / "secret.yaml"
    secret.write_text("token: SECRET-42\n", encoding="utf-8")
    _unit(inner / "units", "u.yaml", "../../secret.yaml")
    run = zi("score", str(inner / "units" / "u.yaml"))
    assert run.code == 2
    assert "di luar repositori berkas jawaban" in run.stderr
    assert "SECRET" not in run.stderr + run.stdout
    # inside the repository (git top level, not only the file's folder) is fine
    shutil.copy(PACK, inner / "p.yaml")
    _unit(inner / "units", "ok.yaml", "../p.yaml")
    assert zi("score", str(inner / "units" / "ok.yaml")).code == 0


def test_a_symlink_out_of_the_repository_is_refused(zi: Zi, repo: Path, tmp_path: Path) -> None:
    (repo / "link.yaml").symlink_to(PACK)  # resolves outside the folder
    _unit(repo, "v.yaml", "./link.yaml")
    run = zi("score", "v.yaml")
    assert run.code == 2
    assert "di luar repositori berkas jawaban" in run.stderr


def test_a_non_pack_file_inside_is_refused_without_its_content(zi: Zi, repo: Path) -> None:
    (repo / "notes.yaml").write_text("password: hunter2\n", encoding="utf-8")
    (repo / "junk.yaml").write_text("- [unclosed hunter3\n", encoding="utf-8")
    for name in ("notes.yaml", "junk.yaml"):
        _unit(repo, "v.yaml", f"./{name}")
        run = zi("score", "v.yaml")
        assert run.code == 2
        assert "bukan paket kriteria" in run.stderr
        assert "hunter" not in run.stderr


def test_criteria_root_allows_a_folder(zi: Zi, repo: Path, tmp_path: Path) -> None:
    (repo / "sub").mkdir()
    _unit(repo / "sub", "v.yaml", "../p.yaml")
    assert zi("score", "sub/v.yaml").code == 2
    run = zi("score", "sub/v.yaml", "--criteria-root", str(repo))
    assert run.code == 0, run.stderr
    assert zi("score", "sub/v.yaml", "--criteria-root", "nowhere").code == 2


@pytest.mark.parametrize("command", ["diff", "trend"])
def test_criteria_root_in_diff_and_trend(zi: Zi, repo: Path, command: str) -> None:
    # Two periods of one unit whose pack lies above their folder: refused as for
    # score, and read once that folder is a --criteria-root.
    (repo / "sub").mkdir()
    old = _unit(repo / "sub", "q1.yaml", "../p.yaml")
    new = _unit(repo / "sub", "q2.yaml", "../p.yaml")
    new.write_text(
        new.read_text(encoding="utf-8").replace("2026-Q1", "2026-Q2", 1), encoding="utf-8"
    )
    files = ["sub/q1.yaml", "sub/q2.yaml"]
    refused = zi(command, *files)
    assert refused.code == 2
    assert "di luar repositori berkas jawaban" in refused.stderr
    assert old.read_text(encoding="utf-8")  # inputs untouched
    run = zi(command, *files, "--criteria-root", str(repo), "-f", "json")
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)
    assert zi(command, *files, "--criteria-root", "nowhere").code == 2
    shutil.copy(PACK, repo / "sub" / "p.yaml")  # a pack in the files' own folder needs none
    for path in (old, new):
        path.write_text(
            path.read_text(encoding="utf-8").replace("../p.yaml", "./p.yaml"), encoding="utf-8"
        )
    assert zi(command, *files).code == 0


def test_extends_outside_the_repository_is_refused(zi: Zi, repo: Path, tmp_path: Path) -> None:
    inner = repo / "inner"
    inner.mkdir()
    overlay = (CRITERIA / "kemenag-90-2021.yaml").read_text(encoding="utf-8")
    overlay = overlay.replace("extends: permenpanrb-90-2021", "extends: ../p.yaml")
    (inner / "o.yaml").write_text(overlay, encoding="utf-8")
    _unit(inner, "v.yaml", "./o.yaml")
    run = zi("score", "inner/v.yaml")
    assert run.code == 2
    assert "extends: berkas paket di luar repositori berkas jawaban" in run.stderr


def test_relative_criteria_option_is_read_from_the_working_directory(zi: Zi, repo: Path) -> None:
    (repo / "units").mkdir()
    _unit(repo / "units", "v.yaml", "permenpanrb-90-2021")
    run = zi("score", "units/v.yaml", "--criteria", "p.yaml")
    assert run.code == 0, run.stderr


# --- the pack cache -------------------------------------------------------------------


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("ZI_CACHE_DIR", str(folder))
    monkeypatch.delenv("ZI_NO_CACHE", raising=False)
    monkeypatch.setattr(loading, "_CACHE", {})
    monkeypatch.setattr(loading, "_BY_ID", {})
    return folder


def _reload(pack: str = "permenpanrb-90-2021") -> str:
    loading._CACHE.clear()
    loading._BY_ID.clear()
    return load_criteria(pack).id


def test_cache_is_data_not_pickle(fresh_cache: Path) -> None:
    load_criteria("permenpanrb-90-2021")
    (entry,) = fresh_cache.glob("pack-*")
    assert entry.suffix == ".json"
    assert json.loads(entry.read_text(encoding="utf-8"))["format"] == "zi-pack-cache/3"
    assert _reload() == "permenpanrb-90-2021"


@pytest.mark.parametrize(
    "content",
    [
        b"\x80\x04\x95cos\nsystem\n(S'touch /tmp/zi-pwned'\ntR.",  # a planted pickle
        b"{not json",
        b'{"format": "zi-pack-cache/1", "key": "other", "criteria": {}, "changed": {}}',
        b'{"format": "zi-pack-cache/0"}',
        b'{"format": "zi-pack-cache/3", "key": "KEY", "mac": "0", "payload": "{}"}',
        b'{"format": "zi-pack-cache/1", "key": "KEY", "criteria": {"id": 1}, "changed": {}}',
        b"[" * 100_000,
        b"",
    ],
    ids=["pickle", "corrupt", "foreign-key", "old-format", "unsigned", "v1", "deep", "empty"],
)
def test_any_bad_cache_entry_is_a_miss(fresh_cache: Path, content: bytes) -> None:
    load_criteria("permenpanrb-90-2021")
    (entry,) = fresh_cache.glob("pack-*")
    entry.write_bytes(content.replace(b"KEY", entry.stem.removeprefix("pack-").encode()))
    assert _reload() == "permenpanrb-90-2021"
    assert not Path("/tmp/zi-pwned").exists()


def test_cache_entries_are_signed_and_rebuilt_as_validated(fresh_cache: Path) -> None:
    """A signed entry is rebuilt without validating (start-up), to the very models
    validation gave; one whose payload was changed, or signed with another key, or
    a key others may read, is a miss."""
    from zicli.loading import shipped_packs

    first = {pack: load_criteria(pack) for pack in shipped_packs()}
    secret = fresh_cache / "secret"
    assert secret.stat().st_mode & 0o777 == 0o600
    for pack, index in first.items():
        loading._CACHE.clear()
        loading._BY_ID.clear()
        again = load_criteria(pack)
        assert again is not index
        assert repr(again.criteria) == repr(index.criteria)
        assert again.criteria.model_fields_set == index.criteria.model_fields_set
        assert again.weights == index.weights and again.changed == index.changed
    (entry,) = fresh_cache.glob("pack-permenpanrb-90-2021-*")
    key = entry.stem.removeprefix("pack-").removesuffix("-id")  # the entry of one language
    assert cache.load(key) is not None
    good = entry.read_bytes()
    outer = json.loads(good)
    outer["payload"] = outer["payload"].replace('"A.I.1.i.a"', '"A.I.1.i.z"', 1)
    entry.write_text(json.dumps(outer), encoding="utf-8")
    assert cache.load(key) is None  # changed payload, old signature
    entry.write_bytes(good)
    real = secret.read_bytes()
    secret.write_bytes(b"k" * 32)
    assert cache.load(key) is None  # signed with another key
    secret.write_bytes(real)
    if hasattr(os, "getuid"):
        secret.chmod(0o644)
        assert cache.load(key) is None  # a key others can read signs nothing
        secret.chmod(0o600)
    assert cache.load(key) is not None


def test_an_unreadable_or_odd_cache_entry_is_a_miss(fresh_cache: Path) -> None:
    load_criteria("permenpanrb-90-2021")
    (entry,) = fresh_cache.glob("pack-*")
    entry.unlink()
    entry.mkdir()  # a folder where the entry should be
    assert _reload() == "permenpanrb-90-2021"
    entry.rmdir()
    os.mkfifo(entry)  # a FIFO would block a plain open()
    assert _reload() == "permenpanrb-90-2021"
    assert cache.load("no-such-key") is None


# --- crashes become located errors ----------------------------------------------------


def test_a_name_too_long_fails_one_file_not_the_batch(zi: Zi, repo: Path) -> None:
    _unit(repo, "long.yaml", "a" * 300 + ".yaml")
    run = zi("score", "u.yaml", "long.yaml", "-f", "jsonl")
    assert run.code == 2
    lines = [json.loads(x) for x in run.stdout.splitlines()]
    by_file = {x["file"]: x for x in lines if "file" in x}
    assert "errors" not in by_file["u.yaml"] and by_file["u.yaml"]["unit"]
    assert by_file["long.yaml"]["errors"]
    assert "namanya terlalu panjang" in run.stdout
    assert zi("score", "long.yaml").stderr.startswith(
        "kesalahan: long.yaml:4:11: criteria: berkas paket"
    )


def test_closed_stdin_is_a_located_error(repo: Path) -> None:
    run = subprocess.run(
        ["sh", "-c", f"'{sys.executable}' -m zicli score - <&-"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "kesalahan: -: tidak dapat dibaca: masukan standar tertutup" in run.stderr


def test_pipes_named_on_the_command_line_are_read(repo: Path) -> None:
    with (repo / "u.yaml").open("rb") as handle:
        run = _zi("score", "/dev/stdin", "-f", "json", stdin=handle, cwd=repo)
    assert run.returncode == 0, run.stderr
    if shutil.which("bash"):
        sub = subprocess.run(
            ["bash", "-c", f"'{sys.executable}' -m zicli score -f json <(cat u.yaml)"],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=repo,
        )
        assert sub.returncode == 0, sub.stderr


FORMATS_ONE = ["table", "json", "markdown", "csv"]
FORMATS_BATCH = ["table", "json", "jsonl", "csv", "markdown", "junit", "github"]


def _odd_name(folder: Path) -> str | None:
    """A file whose name is not UTF-8, if the file system takes one."""
    name = os.fsdecode(b"\xff-unit.yaml")
    try:
        shutil.copy(UNIT, folder / name)
    except (OSError, UnicodeError):
        return None
    return name


@pytest.mark.parametrize("fmt", FORMATS_BATCH)
def test_cp1252_stdout_never_crashes(repo: Path, fmt: str) -> None:
    odd = _odd_name(repo)
    files = ["u.yaml", *([odd] if odd else [])]
    env = {"PYTHONIOENCODING": "cp1252"}
    run = _zi("score", *files, "-f", fmt, env=env, cwd=repo)
    assert run.returncode == 0, run.stderr
    assert "internal error" not in run.stderr
    if fmt in FORMATS_ONE:
        one = _zi("score", "u.yaml", "--detail", "-f", fmt, env=env, cwd=repo)
        assert one.returncode == 0, one.stderr


def test_non_utf8_names_in_json_output(zi: Zi, repo: Path) -> None:
    odd = _odd_name(repo)
    if odd is None:
        pytest.skip("the file system refuses names that are not UTF-8")
    run = zi("score", "u.yaml", odd, "-f", "json", "-o", "out.json")
    assert run.code == 0, run.stderr
    files = [r["file"] for r in json.loads((repo / "out.json").read_text("utf-8"))["results"]]
    assert "u.yaml" in files and len(files) == 2
    assert zi("score", odd, "-f", "json", "-o", "one.json").code == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_non_utf8_names_in_diff_git(zi: Zi, repo: Path) -> None:
    odd = _odd_name(repo)
    if odd is None:
        pytest.skip("the file system refuses names that are not UTF-8")
    git = ["git", "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "a"], cwd=repo, check=True)
    run = zi("diff", "--git", "HEAD", ".", "-f", "json", "-o", "d.json")
    assert run.code in (0, 2), run.stderr
    assert "internal error" not in run.stderr
    assert (repo / "d.json").is_file()


# --- reading never hangs, never reads without bound -----------------------------------


def test_a_fifo_in_a_folder_is_refused_not_read(zi: Zi, repo: Path) -> None:
    os.mkfifo(repo / "wait.yaml")
    started = time.monotonic()
    run = zi("score", ".", "-f", "jsonl")
    assert time.monotonic() - started < 30
    assert run.code == 2
    assert "bukan berkas biasa" in run.stdout


def test_a_yaml_symlink_to_a_special_file_does_not_hang(zi: Zi, repo: Path) -> None:
    target = "/proc/kmsg" if os.path.exists("/proc/kmsg") else "/dev/zero"
    (repo / "k.yaml").symlink_to(target)
    run = zi("score", "k.yaml")
    assert run.code == 2


def test_a_huge_file_is_refused_by_its_size(zi: Zi, repo: Path) -> None:
    big = repo / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: 3 GB that would take seconds to read
    started = time.monotonic()
    run = zi("score", "big.yaml")
    assert time.monotonic() - started < 3
    assert run.code == 2
    assert f"berkas berukuran {3 * 1024**3:,} byte; batasnya {MAX_BYTES:,}" in run.stderr


def test_an_endless_stream_is_read_only_to_the_limit(repo: Path) -> None:
    run = subprocess.run(
        ["sh", "-c", f"yes a: b | '{sys.executable}' -m zicli score /dev/stdin"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert f"melebihi batas {MAX_BYTES:,} byte" in run.stderr


def test_dangling_and_looping_symlinks_are_per_file_errors(zi: Zi, repo: Path) -> None:
    (repo / "gone.yaml").symlink_to(repo / "nowhere.yaml")
    (repo / "loop.yaml").symlink_to("loop.yaml")
    run = zi("score", ".", "--require", "WBK", "-f", "jsonl")
    assert run.code == 2
    assert "adalah tautan simbolik ke berkas yang tidak ada" in run.stdout
    assert "adalah lingkaran tautan simbolik" in run.stdout


def test_the_same_file_twice_is_scored_once(zi: Zi, repo: Path) -> None:
    run = zi("score", "u.yaml", "./u.yaml", str(repo / "u.yaml"), "-f", "jsonl")
    assert run.code == 0, run.stderr
    units = [json.loads(x) for x in run.stdout.splitlines()]
    assert len([u for u in units if u.get("schema") == "zi.score/1"]) == 1


@pytest.mark.parametrize("value", ["0", "-3"])
def test_jobs_below_one_is_refused(zi: Zi, repo: Path, value: str) -> None:
    run = zi("score", "u.yaml", "--jobs", value)
    assert run.code == 2
    assert f"--jobs: seharusnya 1 atau lebih, tertulis {value}" in run.stderr


def test_jobs_is_capped(zi: Zi, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zicli.batch.run as batch_run

    asked: list[int] = []
    real = batch_run.run_batch

    def spy(*args: object, jobs: int = 1, **kwargs: object) -> object:
        asked.append(jobs)
        return real(*args, jobs=1, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_run, "run_batch", spy)
    zi("score", "u.yaml", "u.yaml", "--jobs", "1000", "-f", "jsonl")
    assert asked == [batch_run.max_jobs()]
    monkeypatch.setenv("COLUMNS", "300")  # the help on one line
    assert "paling banyak 4 per CPU" in zi("score", "--help").stdout


# --- signals: workers ended, temporary files removed ----------------------------------


@pytest.fixture
def big_batch(tmp_path: Path) -> Path:
    shutil.copy(PACK, tmp_path / "p.yaml")
    (tmp_path / "units").mkdir()
    for i in range(3000):  # a few seconds of work: a signal after 0.5 s lands mid-run
        _unit(tmp_path / "units", f"u{i:04}.yaml", "../p.yaml")
    return tmp_path


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
@pytest.mark.parametrize("delay", [0.0, 0.5], ids=["while-starting", "while-running"])
def test_a_signal_ends_the_batch_cleanly(
    big_batch: Path, signum: int, code: int, delay: float
) -> None:
    env = {**os.environ, "NO_COLOR": "1", "ZI_NO_CACHE": "1"}
    args = [sys.executable, "-m", "zicli", "score", "units", "--jobs", "2"]
    args += ["--criteria-root", str(big_batch), "-f", "jsonl", "-o", "out.jsonl"]
    process = subprocess.Popen(
        args,
        cwd=big_batch,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # Ctrl-C reaches the whole group, workers included
    )
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 20
    # the first worker forked: the pool is starting (or, after the delay, running)
    while time.monotonic() < deadline and process.poll() is None:
        if children.is_file() and children.read_text().split():
            break
        time.sleep(0.005)
    else:
        process.kill()
        pytest.skip("no worker process seen (not Linux, or the batch ended)")
    time.sleep(delay)
    os.killpg(process.pid, signum)
    # communicate() returns only at EOF: no worker is left holding stdout open
    _, err = process.communicate(timeout=30)
    stderr = err.decode()
    if process.returncode == 0:
        pytest.skip("the batch finished before the signal")  # a fast machine
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr and "BrokenProcessPool" not in stderr
    assert not list(big_batch.glob(".*.tmp"))
    assert not (big_batch / "out.jsonl").exists()


# --- as a user who cannot read everything ---------------------------------------------


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder the unprivileged user can enter (pytest's tmp_path is private)."""
    folder = Path(tempfile.mkdtemp(prefix="zi-eacces-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _drop_file_overrides() -> None:
    """In the child, before zi starts: give up the two capabilities that let root read
    and write past permission bits (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), from the
    bounding set too, so they do not come back at exec. The process stays root (it can
    still run the Python under /root), but a file or folder with no permission bits
    for its owner is now refused to it as to anyone."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")

    class Header(ctypes.Structure):
        _fields_ = (("version", ctypes.c_uint32), ("pid", ctypes.c_int))

    class Data(ctypes.Structure):
        _fields_ = (
            ("effective", ctypes.c_uint32),
            ("permitted", ctypes.c_uint32),
            ("inheritable", ctypes.c_uint32),
        )

    header = Header(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    mask = ~0b110 & 0xFFFFFFFF
    data[0].effective &= mask
    data[0].permitted &= mask
    data[0].inheritable &= mask
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def _as_unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "ZI_NO_CACHE": "1", "HOME": str(cwd)}
    return subprocess.run(
        [sys.executable, "-m", "zicli", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env=env,
        preexec_fn=_drop_file_overrides,
    )


@pytest.mark.skipif(
    not IS_ROOT or not sys.platform.startswith("linux"),
    reason="needs root on Linux to give up root's permission overrides",
)
def test_permission_denied_is_a_located_error(shared: Path) -> None:
    shutil.copy(PACK, shared / "p.yaml")
    _unit(shared)
    secret = shared / "secret.yaml"
    shutil.copy(PACK, secret)
    locked = shared / "locked"
    locked.mkdir()
    sealed = shared / "sealed"
    sealed.mkdir()
    _unit(shared, "v.yaml", "./secret.yaml")
    _unit(locked, "hidden-unit.yaml")
    secret.chmod(0o000)
    locked.chmod(0o000)
    sealed.chmod(0o500)  # can be listed, not written
    try:
        probe = _as_unprivileged("score", "u.yaml", cwd=shared)
        assert probe.returncode == 0, probe.stderr
        cases = [
            (["score", "u.yaml", "--criteria", "secret.yaml"], "secret.yaml: tidak dapat dibaca"),
            (["score", "v.yaml"], "secret.yaml: tidak dapat dibaca: izin ditolak"),
            (["score", "secret.yaml"], "secret.yaml: tidak dapat dibaca: izin ditolak"),
            (["score", "u.yaml", "-f", "json", "-o", "sealed/x.json"], "tidak dapat ditulis"),
            (["score", ".", "--require", "WBK"], "locked: tidak dapat dibaca: izin ditolak"),
        ]
        for args, expected in cases:
            run = _as_unprivileged(*args, cwd=shared)
            assert run.returncode == 2, (args, run.stderr)
            # a folder's invalid files are rows of its table (stdout), a file's on stderr
            said = " ".join((run.stdout + run.stderr).split())
            assert expected in said, (args, run.stdout, run.stderr)
            assert "internal error" not in run.stderr
    finally:
        for path in (secret, locked, sealed):
            path.chmod(0o700)


def test_permission_denied_simulated(zi: Zi, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same probes where root cannot be made to fail: the OS calls zi makes
    raise EACCES for the files named 'secret' or 'locked'."""
    import tempfile as tempfile_module

    real_open, real_scandir, real_mkstemp = os.open, os.scandir, tempfile_module.mkstemp

    def denied(name: object) -> bool:
        return any(word in os.fsdecode(str(name)) for word in ("secret", "locked"))

    def fake_open(path: object, *args: object, **kwargs: object) -> int:
        if denied(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    def fake_scandir(path: object = ".") -> object:
        if denied(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    def fake_mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        if denied(kwargs.get("dir")):
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

    shutil.copy(PACK, repo / "secret.yaml")
    _unit(repo, "v.yaml", "./secret.yaml")
    (repo / "locked").mkdir()
    _unit(repo / "locked", "w.yaml", "../p.yaml")
    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    monkeypatch.setattr(tempfile_module, "mkstemp", fake_mkstemp)
    cases = [
        (["score", "u.yaml", "--criteria", "secret.yaml"], "secret.yaml: tidak dapat dibaca"),
        (["score", "v.yaml"], "tidak dapat dibaca: izin ditolak"),
        (["score", "secret.yaml"], "secret.yaml: tidak dapat dibaca: izin ditolak"),
        (["score", "u.yaml", "-f", "json", "-o", "locked/x.json"], "tidak dapat ditulis"),
    ]
    for args, expected in cases:
        run = zi(*args)
        assert run.code == 2, (args, run.stderr)
        assert expected in run.stderr, (args, run.stderr)
    run = zi("score", ".", "--require", "WBK", "-f", "jsonl")
    assert run.code == 2
    assert '"file":"./locked"' in run.stdout
    assert "tidak dapat dibaca: izin ditolak" in run.stdout


# --- bounds: every hostile input refused or scored within 3 s and 250 MB --------------

_BOUNDED = """
import json, os, resource, sys, time
limit = 250 * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from zicli.errors import ZiError
from zicli.loading import load_unit
worst = {}
for path in sys.argv[1:]:
    started = time.perf_counter()
    try:
        load_unit(path).assess()
    except ZiError:
        pass
    worst[path] = time.perf_counter() - started
print(json.dumps(worst))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="resource limits need POSIX")
def test_every_hostile_input_is_refused_or_scored_within_bounds(tmp_path: Path) -> None:
    data = Path(__file__).parent / "data"
    files = sorted(str(p) for p in data.rglob("*.yaml"))
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024**3)
    files.append(str(big))
    run = subprocess.run(
        [sys.executable, "-c", _BOUNDED, *files],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=data,
        env={**os.environ, "ZI_NO_CACHE": "1"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    seconds = json.loads(run.stdout)
    assert len(seconds) == len(files)
    slow = {Path(p).name: round(s, 2) for p, s in seconds.items() if s > 3}
    assert not slow
