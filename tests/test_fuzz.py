"""Property tests: answer files generated from the packs, then broken on purpose.

A generated file must load with exactly the meaning written. A mutated one (lines
deleted or repeated, characters swapped, YAML specials and odd bytes inserted)
must either load or raise :class:`~zicli.errors.InputError` whose every problem is
one located line; never any other exception, and always quickly. Criteria packs
get the same treatment. Separately: the alias bomb is refused in well under a
second, without building it.
"""

from __future__ import annotations

import itertools
import json
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from zicli.cli import app
from zicli.engine.index import CriteriaIndex
from zicli.errors import InputError, Problem, ProblemSink
from zicli.loading import LoadedUnit, load_criteria, load_criteria_file, load_unit
from zicli.loading.yamlsafe import read_document
from zicli.models.answers import Answer, CountsAnswer, NumberAnswer, OptionAnswer

DATA = Path(__file__).resolve().parent / "data"
PACKS = {pid: load_criteria(pid) for pid in ("permenpanrb-90-2021", "permenpanrb-10-2019")}
SMALL_PACK = (DATA / "valid" / "packs" / "ids-1-10.yaml").read_text(encoding="utf-8")

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SECONDS_PER_FILE = 2.0  # generous: a file takes milliseconds
SECONDS_PER_BIG_FILE = 10.0  # 10,000 entries take about half a second; a quadratic step, minutes
# Problems about the whole file, which have no line.
FILE_LEVEL = ("berkas ", "more problems not shown", "masalah lain tidak ditampilkan")

_names = itertools.count()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for generated files (hypothesis cannot use function-scoped tmp_path)."""
    return tmp_path_factory.mktemp("fuzz")


# Generating answer files from the pack.


@dataclass(frozen=True)
class Written:
    """One answer as it is written in the file and the answer it must become."""

    qid: str
    text: str
    meaning: Answer | None


def _case_variant(key: str, how: int) -> str:
    return (key, key.lower(), key.upper(), f'" {key} "')[how]


@st.composite
def answers(draw: st.DrawFn, index: CriteriaIndex) -> Written:
    """An answer to one question of ``index``, in any of the accepted forms."""
    question = draw(st.sampled_from(index.questions))
    atype = index.answer_type(question)
    if draw(st.integers(0, 15)) == 0:
        blank = draw(st.sampled_from(["", " ~", " null"]))
        return Written(question.id, blank, None)
    if atype.kind == "options":
        key = draw(st.sampled_from([o.key for o in atype.options]))
        text = _case_variant(key, draw(st.integers(0, 3)))
        meaning: Answer = OptionAnswer(key)
    elif atype.kind == "scale":
        assert atype.max is not None
        hundredths = draw(st.integers(0, int(atype.max * 100)))
        number = Decimal(hundredths).scaleb(-2)
        text = draw(st.sampled_from([str(number), f'"{number}"', f"{number.normalize():f}"]))
        meaning = NumberAnswer(Decimal(text.strip('"')))
    else:
        fields = index.ratios[question.id].spec.fields()
        counts = {f: draw(st.integers(0, 10**6)) for f in fields}
        text = "{" + ", ".join(f"{f}: {n}" for f, n in counts.items()) + "}"
        meaning = CountsAnswer(counts)
    if draw(st.booleans()):
        note = draw(st.sampled_from(["", ", note: 2026-01-05", ", evidence: [sk.pdf, yes]"]))
        text = f"{{answer: {text}{note}}}"
    return Written(question.id, " " + text, meaning)


@st.composite
def answer_files(draw: st.DrawFn) -> tuple[str, dict[str, Answer]]:
    """A valid answer file for a shipped pack and the answers it means."""
    pack = draw(st.sampled_from(sorted(PACKS)))
    written = draw(st.lists(answers(PACKS[pack]), max_size=25, unique_by=lambda w: w.qid))
    name = draw(st.sampled_from(["Satker Uji", "No", "on", "KUA 075", "Kantor: Pusat"]))
    period = draw(st.sampled_from(["2026", "2026-Q1", "2025-S2"]))
    lines = [
        "# generated",
        f"criteria: {pack}",
        "unit:",
        f'  name: "{name}"',
        f'  period: "{period}"',
        "answers:",
    ]
    lines += [f"  {w.qid}:{w.text}" for w in written]
    meaning = {w.qid: w.meaning for w in written if w.meaning is not None}
    return "\n".join(lines) + "\n", meaning


def write(folder: Path, content: bytes, suffix: str = ".yaml") -> str:
    """Write ``content`` to a new file (packs are cached per path) and return its path."""
    path = folder / f"f{next(_names)}{suffix}"
    path.write_bytes(content)
    return str(path)


@FAST
@given(answer_files())
def test_generated_files_load_with_the_written_meaning(
    workdir: Path, generated: tuple[str, dict[str, Answer]]
) -> None:
    text, meaning = generated
    loaded = load_unit(write(workdir, text.encode()))
    assert {qid: record.value for qid, record in loaded.answers.items()} == meaning


# Breaking them.

SPECIALS = [
    ": ", "- ", "&a ", "*a", "&a [1, 2] ", "!!python/object:os.system ", "!x ", "\t", "No",
    "yes", "1_0", "0x1F", "075", "1e3", "1e-999999999", "9" * 40, ".nan", "-.inf", "{", "}",
    "[", "]", "<<: ", "\n---\n", "\n...\n", "'", '"', "#", "|", ">", "%YAML 1.1\n", "? ",
    "@", "`", "~", "\\", "\x00", "\x07", "\x85", "\ufeff", "\u2028", "\r", "é", "\U0001f600",
    "\n  ", "\n", ",", "%", "!!binary ", "\ud800",
]  # fmt: skip


@st.composite
def mutations(draw: st.DrawFn, text: str) -> bytes:
    """``text`` changed in one to four places."""
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        kind = draw(st.integers(0, 6))
        if kind == 0 and len(lines) > 1:
            del lines[draw(st.integers(0, len(lines) - 1))]
            text = "\n".join(lines)
        elif kind == 1:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif kind == 2 and len(text) > 1:
            i = draw(st.integers(0, len(text) - 2))
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        elif kind in (3, 4):
            i = draw(st.integers(0, len(text)))
            text = text[:i] + draw(st.sampled_from(SPECIALS)) + text[i:]
        elif kind == 5:
            i = draw(st.integers(0, len(text)))
            text = text[:i] + draw(st.text(max_size=6)) + text[i + 1 :]
        else:
            i = draw(st.integers(0, max(len(text) - 1, 0)))
            j = draw(st.integers(i, len(text)))
            text = text[:i] + text[j:]
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 20)) == 0:
        i = draw(st.integers(0, len(raw)))
        raw = raw[:i] + draw(st.binary(min_size=1, max_size=4)) + raw[i:]
    return raw


def check_problem(problem: Problem, path: str, lines: int) -> None:
    """A problem the user can act on: one line, named file, a place in it."""
    shown = str(problem)
    assert problem.message, shown
    assert "\n" not in shown and "\r" not in shown, shown
    assert "Traceback" not in shown
    assert problem.file, shown
    if problem.file == path:
        if problem.line is None:
            assert problem.message.startswith(FILE_LEVEL) or problem.message.endswith(FILE_LEVEL), (
                shown
            )
        else:
            assert 1 <= problem.line <= lines + 1, shown
            assert problem.col is None or problem.col >= 1, shown


def load_or_refuse(
    path: str, content: bytes, seconds: float = SECONDS_PER_FILE
) -> LoadedUnit | None:
    """Load ``path``; on refusal check every problem; time-bounded either way."""
    start = time.perf_counter()
    loaded: LoadedUnit | None = None
    problems: tuple[Problem, ...] = ()
    try:
        loaded = load_unit(path)
    except InputError as exc:
        problems = exc.problems
    assert time.perf_counter() - start < seconds
    if loaded is None:
        assert problems
        # libyaml counts \r, \x85, \u2028 and \u2029 as line breaks too.
        text = content.decode("utf-8", "replace")
        lines = max(len(text.splitlines()), text.count("\n") + 1)
        for problem in problems:
            check_problem(problem, path, lines)
    return loaded


@FAST
@given(st.data())
def test_mutated_files_load_or_are_refused_with_located_problems(
    workdir: Path, data: st.DataObject
) -> None:
    text, _ = data.draw(answer_files())
    content = data.draw(mutations(text))
    load_or_refuse(write(workdir, content), content)


@FAST
@given(st.data())
def test_mutated_files_through_the_cli_exit_0_or_2(workdir: Path, data: st.DataObject) -> None:
    text, _ = data.draw(answer_files())
    content = data.draw(mutations(text))
    path = write(workdir, content)
    result = CliRunner().invoke(app, ["score", path, "--format", "json"])
    assert result.exit_code in (0, 2), result.stderr
    assert "internal error" not in result.stderr
    if result.exit_code == 2:
        assert json.loads(result.stdout)["errors"]
        assert all(line.startswith("kesalahan: ") for line in result.stderr.splitlines())
    else:
        assert json.loads(result.stdout)["total"] is not None


@FAST
@given(st.data())
def test_mutated_packs_load_or_are_refused(workdir: Path, data: st.DataObject) -> None:
    content = data.draw(mutations(SMALL_PACK))
    path = write(workdir, content)
    start = time.perf_counter()
    try:
        load_criteria_file(path)
    except InputError as exc:
        text = content.decode("utf-8", "replace")
        lines = max(len(text.splitlines()), text.count("\n") + 1)
        for problem in exc.problems:
            check_problem(problem, path, lines)
    assert time.perf_counter() - start < SECONDS_PER_FILE


@FAST
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_reader_never_raises(content: bytes) -> None:
    sink = ProblemSink("f.yaml")
    doc = read_document(content, "f.yaml", sink)
    assert (doc is None) == bool(sink.problems) or doc is not None
    if doc is None:
        assert sink.problems
    for problem in sink.problems:
        assert "\n" not in str(problem)


def assert_quick_agrees(content: bytes) -> None:
    """The quick reader (no positions) gives the full reader's values, or declines; it
    never accepts a file the full reader finds anything wrong with."""
    full_sink = ProblemSink("f.yaml")
    full = read_document(content, "f.yaml", full_sink)
    quick_sink = ProblemSink("f.yaml")
    quick = read_document(content, "f.yaml", quick_sink, located=False)
    if quick is not None and not quick.located:
        assert quick_sink.problems == []
        assert full is not None and full_sink.problems == [], full_sink.problems
        assert quick.root == full.root
        assert type(quick.root) is type(full.root)
        assert quick.refused == full.refused and quick.incomplete == full.incomplete
    else:
        assert [str(p) for p in quick_sink.problems] == [str(p) for p in full_sink.problems]


@FAST
@given(st.data())
def test_quick_reader_agrees_on_generated_and_mutated_files(data: st.DataObject) -> None:
    text, _ = data.draw(answer_files())
    assert_quick_agrees(text.encode())
    assert_quick_agrees(data.draw(mutations(text)))


@FAST
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_quick_reader_agrees_on_any_bytes(content: bytes) -> None:
    assert_quick_agrees(content)


def test_quick_reader_agrees_on_every_corpus_file() -> None:
    files = sorted((DATA / "invalid").rglob("*.yaml")) + sorted((DATA / "valid").rglob("*.yaml"))
    assert len(files) > 50
    for path in files:
        assert_quick_agrees(path.read_bytes())


# Bounds: the alias bomb and other expensive shapes.

ALIAS_BOMB = (DATA / "invalid" / "alias-bomb.yaml").read_bytes()


@contextmanager
def peak_memory(megabytes: int) -> Iterator[None]:
    """Fail if the block allocates more than ``megabytes`` at its peak."""
    tracemalloc.start()
    try:
        yield
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < megabytes * 1024 * 1024, f"peak {peak / 1024 / 1024:.0f} MB"


def test_alias_bomb_is_refused_in_well_under_a_second() -> None:
    assert len(ALIAS_BOMB) < 500
    sink = ProblemSink("bomb.yaml")
    start = time.perf_counter()
    doc = read_document(ALIAS_BOMB, "bomb.yaml", sink)
    assert time.perf_counter() - start < 0.5
    assert doc is None
    assert [p.message for p in sink.problems] == ["alias mengembang menjadi lebih dari 10000 nilai"]
    with peak_memory(megabytes=10):
        read_document(ALIAS_BOMB, "bomb.yaml", ProblemSink("bomb.yaml"))


def _nested(levels: int) -> str:
    return "a: " + "[" * levels + "]" * levels + "\n"


def _many_aliases() -> str:
    # Within the budget: 9 x 9 x 9 expansions of a 9-item list.
    return (
        "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    )


HEADER = 'criteria: permenpanrb-90-2021\nunit: {name: X, period: "2026"}\nanswers:\n'
EXPENSIVE = {
    "deep-nesting": _nested(5000),
    "aliases-within-budget": _many_aliases(),
    "long-number": HEADER + "  B.I.a: " + "9" * 4_000_000 + "\n",
    "long-quoted-number": HEADER + '  B.I.a: "0.' + "0" * 4_000_000 + '1"\n',
    "long-text": HEADER + "  A.I.1.i.a: " + "x" * 4_000_000 + "\n",
    "many-unknown-ids": HEADER + "".join(f"  Z.{i}: A\n" for i in range(10_000)),
    "many-duplicates": HEADER + "  A.I.1.i.a: Ya\n" * 10_000,
    "many-refused-numbers": HEADER + "".join(f"  Z{i}: 0{i}\n" for i in range(10_000)),
}


@pytest.mark.parametrize("name", sorted(EXPENSIVE))
def test_expensive_shapes_stay_bounded(name: str, workdir: Path) -> None:
    content = EXPENSIVE[name].encode()
    path = write(workdir, content)
    load_or_refuse(path, content, SECONDS_PER_BIG_FILE)
    with peak_memory(megabytes=200):
        load_or_refuse(write(workdir, content), content, seconds=60)
