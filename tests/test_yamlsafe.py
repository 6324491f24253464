"""The strict YAML reader: text as written, exact numbers, located refusals."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from zicli.errors import ProblemSink
from zicli.loading.yamlsafe import (
    ALIAS_BUDGET,
    MAX_BYTES,
    MAX_DEPTH,
    MAX_DIGITS,
    Document,
    Value,
    read_document,
)


def read(text: str) -> tuple[Document | None, ProblemSink]:
    """Read ``text`` as a file named ``f.yaml``."""
    sink = ProblemSink("f.yaml")
    return read_document(text.encode("utf-8"), "f.yaml", sink), sink


def value_of(text: str) -> Value:
    """The value of ``v`` in ``v: text``, which must read without problems."""
    doc, sink = read(f"v: {text}\n")
    assert sink.problems == []
    assert doc is not None and isinstance(doc.root, dict)
    value: Value = doc.root["v"]
    return value


def problems_of(text: str) -> list[str]:
    """Each problem of ``text`` as its one-line form."""
    _, sink = read(text)
    return [str(p) for p in sink.problems]


# Keys are always the text written.


def test_keys_are_the_text_written() -> None:
    doc, sink = read(
        "1.1: a\n1.10: b\n075: c\nyes: d\nNo: e\ntrue: f\n2021-01-01: g\n0x1F: h\n1_000: i\n"
    )
    assert sink.problems == []
    assert doc is not None
    assert doc.root == {
        "1.1": "a",
        "1.10": "b",
        "075": "c",
        "yes": "d",
        "No": "e",
        "true": "f",
        "2021-01-01": "g",
        "0x1F": "h",
        "1_000": "i",
    }


def test_empty_and_non_text_keys_are_refused() -> None:
    assert problems_of("~: 1\n? [a]\n: 2\nok: 3\n") == [
        "f.yaml:1:1: ada kunci yang kosong (saran: beri nama pada setiap entri)",
        "f.yaml:2:3: kunci harus berupa teks biasa, bukan daftar, mapping, atau alias "
        "(saran: tulis kunci sebagai nama atau id sederhana)",
    ]


# Values follow the YAML 1.2 core schema.


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("3", 3),
        ("-7", -7),
        ("0", 0),
        ("3.60", Decimal("3.60")),
        ("1.10", Decimal("1.10")),
        ("-0.5", Decimal("-0.5")),
        (".5", Decimal(".5")),
        ("12345678901234567890", 12345678901234567890),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ('"3"', "3"),
        ("'075'", "075"),
        ("!!str 075", "075"),
        ("yes", "yes"),
        ("No", "No"),
        ("on", "on"),
        ("OFF", "OFF"),
        ("y", "y"),
        ("2021-01-01", "2021-01-01"),
        ("12:30:00", "12:30:00"),
        ("3,60", "3,60"),
        ("Ya", "Ya"),
    ],
)
def test_values_are_read_as_written(written: str, value: Value) -> None:
    read_value = value_of(written)
    assert read_value == value
    assert type(read_value) is type(value)


def test_decimals_keep_their_digits() -> None:
    value = value_of("1.10")
    assert isinstance(value, Decimal)
    assert str(value) == "1.10"


def test_nan_and_infinity_are_decimals_for_later_checks() -> None:
    nan = value_of(".nan")
    assert isinstance(nan, Decimal) and nan.is_nan()
    assert value_of("-.inf") == Decimal("-Infinity")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("075", "'075' diawali angka nol"),
        ("-010", "'-010' diawali angka nol"),
        ("00.5", "'00.5' diawali angka nol"),
        ("0x1F", "'0x1F' adalah bentuk angka yang maknanya berbeda antarversi YAML"),
        ("0o17", "'0o17' adalah bentuk angka yang maknanya berbeda antarversi YAML"),
        ("0b101", "'0b101' adalah bentuk angka yang maknanya berbeda antarversi YAML"),
        ("1_000", "'1_000' adalah bentuk angka yang maknanya berbeda antarversi YAML"),
        ("1e3", "'1e3' adalah bentuk angka yang maknanya berbeda antarversi YAML"),
        ("1.5E-2", "'1.5E-2' adalah bentuk angka yang maknanya berbeda antarversi YAML"),
        (
            "1" * (MAX_DIGITS + 1),
            f"terdiri atas {MAX_DIGITS + 1} digit; zi membaca paling banyak {MAX_DIGITS}",
        ),
    ],
)
def test_ambiguous_or_huge_numbers_are_refused_where_written(written: str, message: str) -> None:
    doc, sink = read(f"a: 1\nv: {written}\n")
    assert len(sink.problems) == 1
    problem = sink.problems[0]
    assert message in problem.message
    assert (problem.line, problem.col) == (2, 4)
    assert problem.hint
    # The value stays text and is marked, so later checks do not report it again.
    assert doc is not None and isinstance(doc.root, dict)
    assert doc.root["v"] == written
    assert doc.hides(("v",)) and not doc.hides(("a",))


def test_leading_zero_hint_keeps_the_sign() -> None:
    assert problems_of("v: -075\n") == [
        "f.yaml:1:4: '-075' diawali angka nol: YAML 1.1 membacanya sebagai bilangan oktal, "
        "YAML 1.2 sebagai desimal, jadi maknanya rancu (saran: tulis -75 untuk angkanya, atau "
        "beri tanda kutip ('-075') jika itu teks)"
    ]


# Positions are 1-based, for values and keys.


def test_positions_are_one_based() -> None:
    doc, _ = read("a:\n  b: 1\n  c: [x, y]\n")
    assert doc is not None
    assert doc.key_positions[("a",)] == (1, 1)
    assert doc.key_positions[("a", "b")] == (2, 3)
    assert doc.positions[("a", "b")] == (2, 6)
    assert doc.positions[("a", "c", 1)] == (3, 10)
    assert doc.mark(("a", "b"), key=True) == (2, 3)
    # Something that is not there is placed at the nearest value around it.
    assert doc.mark(("a", "missing")) == doc.positions[("a",)]


def test_bom_does_not_shift_positions() -> None:
    sink = ProblemSink("f.yaml")
    doc = read_document(b"\xef\xbb\xbfa: 1\nb: 075\n", "f.yaml", sink)
    assert doc is not None
    assert doc.positions[("b",)] == (2, 4)
    assert [(p.line, p.col) for p in sink.problems] == [(2, 4)]


def test_every_problem_is_collected() -> None:
    assert problems_of("a: 075\nb: 1_0\na: 3\nc: !x 1\n") == [
        "f.yaml:1:4: '075' diawali angka nol: YAML 1.1 membacanya sebagai bilangan oktal, "
        "YAML 1.2 sebagai desimal, jadi maknanya rancu (saran: tulis 75 untuk angkanya, atau "
        "beri tanda kutip ('075') jika itu teks)",
        "f.yaml:2:4: '1_0' adalah bentuk angka yang maknanya berbeda antarversi YAML "
        "(saran: tulis angka desimal biasa seperti 1000, atau beri tanda kutip jika itu teks)",
        "f.yaml:3:1: kunci 'a' ganda (pertama ditulis di baris 1) "
        "(saran: YAML hanya menyimpan salah satunya; hapus atau gabungkan yang ganda)",
        "f.yaml:4:4: tag !x tidak diizinkan "
        "(saran: hapus tag itu; zi hanya membaca data YAML biasa)",
    ]


# Duplicates, merges, tags, documents.


def test_duplicate_key_names_both_lines_and_keeps_the_first() -> None:
    doc, sink = read("a: 1\nb:\n  x: 1\n  x: 2\na: 2\n")
    assert [p.message for p in sink.problems] == [
        "kunci 'x' ganda (pertama ditulis di baris 3)",
        "kunci 'a' ganda (pertama ditulis di baris 1)",
    ]
    assert [(p.line, p.col) for p in sink.problems] == [(4, 3), (5, 1)]
    assert doc is not None
    assert doc.root == {"a": 1, "b": {"x": 1}}


def test_merge_key_is_refused_and_its_mapping_marked() -> None:
    doc, sink = read("base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n")
    assert [p.message for p in sink.problems] == ["kunci gabungan (<<) tidak didukung"]
    assert doc is not None and isinstance(doc.root, dict)
    assert doc.root["m"] == {"y": 2}
    assert doc.hides(("m",), missing=True)
    assert not doc.hides(("m",))
    assert not doc.hides(("m", "y"))


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("!!python/object/apply:os.system [ls]", "!!python/object/apply:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!secret x", "!secret"),
        ("!!binary WWE=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!!timestamp 2021-01-01", "!!timestamp"),
        ("!<tag:example.com,2000:x> 1", "tag:example.com,2000:x"),
    ],
)
def test_custom_tags_are_refused(written: str, shown: str) -> None:
    doc, sink = read(f"v: {written}\n")
    assert [p.message for p in sink.problems] == [f"tag {shown} tidak diizinkan"]
    assert doc is not None
    assert doc.hides(("v",))


def test_core_tags_are_allowed() -> None:
    doc, sink = read("a: !!str 1\nb: !!int 2\nc: !!map {x: 1}\nd: !!seq [1]\ne: !!null ''\n")
    assert sink.problems == []
    assert doc is not None
    assert doc.root == {"a": "1", "b": 2, "c": {"x": 1}, "d": (1,), "e": None}


def test_one_document_only() -> None:
    assert problems_of("a: 1\n---\nb: 2\n") == [
        "f.yaml:2:1: berkas memuat lebih dari satu dokumen YAML "
        "(saran: satu unit per berkas; hapus pemisah '---')"
    ]
    doc, sink = read("---\na: 1\n...\n")
    assert sink.problems == []
    assert doc is not None and doc.root == {"a": 1}


# Aliases: allowed within a budget, never recursive.


def test_aliases_within_budget_are_expanded() -> None:
    doc, sink = read("a: &x [1, 2]\nb: *x\nc: &s Ya\nd: *s\n")
    assert sink.problems == []
    assert doc is not None
    assert doc.root == {"a": (1, 2), "b": (1, 2), "c": "Ya", "d": "Ya"}


def test_alias_budget_stops_a_bomb_quickly() -> None:
    lines = ["a: &a [" + ", ".join(["x"] * 10) + "]"]
    for i in range(1, 12):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    start = time.perf_counter()
    doc, sink = read("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 0.5
    assert doc is None
    assert len(sink.problems) == 1
    assert sink.problems[0].message == f"alias mengembang menjadi lebih dari {ALIAS_BUDGET} nilai"
    assert sink.problems[0].line is not None


def test_alias_to_a_refused_value_is_marked_too() -> None:
    doc, sink = read("a: &x 075\nb: *x\n")
    assert len(sink.problems) == 1
    assert doc is not None
    assert doc.hides(("b",))


def test_recursive_alias_is_refused() -> None:
    assert problems_of("a: &a [1, *a]\n") == [
        "f.yaml:1:11: alias *a merujuk ke dirinya sendiri (saran: hapus rujukan berulang itu)"
    ]


# Depth, size and encoding.


def _nested(levels: int) -> str:
    return "a: " + "[" * levels + "]" * levels + "\n"


def test_depth_limit() -> None:
    # The root mapping is level 0 and the value of 'a' level 1.
    ok, sink = read(_nested(MAX_DEPTH))
    assert ok is not None and sink.problems == []
    doc, sink = read(_nested(MAX_DEPTH + 1))
    assert doc is None
    assert [p.message for p in sink.problems] == [
        f"susunan bertingkat lebih dalam dari {MAX_DEPTH} tingkat"
    ]
    doc, sink = read(_nested(10_000))
    assert doc is None
    assert len(sink.problems) == 1


def test_size_limit() -> None:
    sink = ProblemSink("f.yaml")
    assert read_document(b"#" * (MAX_BYTES + 1), "f.yaml", sink) is None
    assert [str(p) for p in sink.problems] == [
        f"f.yaml: berkas berukuran {MAX_BYTES + 1:,} byte; batasnya {MAX_BYTES:,} "
        "(saran: berkas jawaban hanya beberapa kilobyte; benarkah ini berkasnya?)"
    ]


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b"", "f.yaml: berkas kosong (saran: lihat 'zi init' untuk templat yang siap diisi)"),
        (
            b"\n# x\n  \n",
            "f.yaml: berkas kosong (saran: lihat 'zi init' untuk templat yang siap diisi)",
        ),
        (
            b"a: \x00",
            "f.yaml: berkas berupa biner, bukan teks YAML (saran: simpan sebagai teks UTF-8)",
        ),
        (
            b"a: 1\nb: caf\xe9\n",
            "f.yaml:2:7: berkas bukan teks UTF-8 "
            "(saran: simpan sebagai UTF-8, misalnya di Notepad: Save as > Encoding: UTF-8)",
        ),
        (
            b"a: 1\nb: x\x08y\n",
            "f.yaml:2:5: berkas memuat U+0008, karakter yang tidak diizinkan YAML "
            "(saran: hapus karakter itu (biasanya terbawa dari teks yang disalin dari PDF atau "
            "lembar kerja))",
        ),
        (
            b"a: 1\r\nb: \x7f\n",
            "f.yaml:2:4: berkas memuat U+007F, karakter yang tidak diizinkan YAML "
            "(saran: hapus karakter itu (biasanya terbawa dari teks yang disalin dari PDF atau "
            "lembar kerja))",
        ),
    ],
)
def test_file_level_problems(content: bytes, line: str) -> None:
    sink = ProblemSink("f.yaml")
    assert read_document(content, "f.yaml", sink) is None
    assert [str(p) for p in sink.problems] == [line]


# Syntax errors are located and explained.


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "a: 1\n\tb: 2\n",
            "f.yaml:2:1: YAML tidak valid: ada tab di indentasi "
            "(saran: buat indentasi dengan spasi, bukan tab)",
        ),
        (
            "a:\n\tb: 2\n",
            "f.yaml:2:1: YAML tidak valid: ada tab di indentasi "
            "(saran: buat indentasi dengan spasi, bukan tab)",
        ),
        (
            "a: b: c\n",
            "f.yaml:1:5: YAML tidak valid: nilai mapping tidak diizinkan di sini "
            "(saran: nilai yang memuat ': ' harus diberi tanda kutip)",
        ),
        (
            "a: [1, 2\nb: 3\n",
            "f.yaml:2:2: YAML tidak valid: seharusnya ada ',' atau ']' di sini "
            "(saran: periksa indentasi dan tanda kutip di sekitar tempat ini)",
        ),
        (
            'a: "open\n',
            "f.yaml:2:1: YAML tidak valid: berkas berakhir di dalam teks bertanda kutip "
            "(saran: periksa indentasi dan tanda kutip di sekitar tempat ini)",
        ),
    ],
)
def test_syntax_errors(text: str, line: str) -> None:
    """One problem per error (tabs: one per tab line, see test_every_tab_line_is_reported)."""
    doc, sink = read(text)
    assert doc is None
    assert [str(p) for p in sink.problems] == [line]


def test_every_tab_line_is_reported() -> None:
    doc, sink = read("a:\n\tb: 2\n\tc: 3\nd:\n  e: 1\n \tf: 2\n")
    assert doc is None
    assert [(p.line, p.col) for p in sink.problems] == [(2, 1), (3, 1), (6, 2)]
    assert {p.hint for p in sink.problems} == {"buat indentasi dengan spasi, bukan tab"}


# The quick reader: the same values without positions, or it declines.


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "<<: {a: 1}\n",  # merge key
        "~: 1\n",  # empty key
        "a: 075\n",  # a refused number
        "a: 1e3\n",
        "a: " + "9" * 30 + "\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "? [a]\n: 1\n",  # a key that is not text
        "a:" + " [" * (MAX_DEPTH + 2) + "\n",
    ],
)
def test_quick_reader_declines_what_the_full_reader_refuses(text: str) -> None:
    # declined: the file is read again with positions, which finds the problem
    sink = ProblemSink("f.yaml")
    doc = read_document(text.encode(), "f.yaml", sink, located=False)
    assert doc is None or doc.located
    assert sink.problems


@pytest.mark.parametrize("text", ["a: !!str 1\n", "a: &x 1\nb: *x\n"])
def test_quick_reader_takes_tags_and_aliases_the_full_reader_takes(text: str) -> None:
    sink = ProblemSink("f.yaml")
    quick = read_document(text.encode(), "f.yaml", sink, located=False)
    full = read_document(text.encode(), "f.yaml", ProblemSink("f.yaml"))
    assert quick is not None and not quick.located and not sink.problems
    assert full is not None and quick.root == full.root


def test_quick_reader_reads_values_as_written() -> None:
    text = 'a: No\nb: "1.10"\nc: 1.10\nd: [~, true, -3, .5]\n1.1: x\ne: {f: "g"}\n'
    doc = read_document(text.encode(), "f.yaml", ProblemSink("f.yaml"), located=False)
    assert doc is not None and not doc.located and doc.positions == {}
    assert doc.root == {
        "a": "No",
        "b": "1.10",
        "c": Decimal("1.10"),
        "d": (None, True, -3, Decimal(".5")),
        "1.1": "x",
        "e": {"f": "g"},
    }
    full, sink = read(text)
    assert sink.problems == [] and full is not None and full.root == doc.root


def test_problems_found_after_a_quick_read_are_still_located(tmp_path: Path) -> None:
    # The file reads cleanly, so the quick reader takes it; the pack then refuses an
    # answer, and the message must still name its line and column.
    from zicli.errors import InputError
    from zicli.loading import load_unit

    path = tmp_path / "u.yaml"
    path.write_text(
        "criteria: permenpanrb-90-2021\nunit: {name: X, period: '2026'}\n"
        "answers:\n  A.I.1.i.a: Mungkin\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_unit(str(path))
    (problem,) = caught.value.problems
    assert (problem.line, problem.col) == (4, 3), str(problem)


def _every_path(doc: Document) -> list[tuple[str | int, ...]]:
    return sorted(doc.positions, key=repr) + [(*p, "missing") for p in doc.positions]


@pytest.mark.parametrize(
    "source",
    [*sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))[:4], "anchors"],
    ids=lambda s: s if isinstance(s, str) else s.name,
)
def test_read_places_gives_the_full_readers_places(source: Path | str) -> None:
    """Issue 12: findings about a file the quick mode read cleanly are located by
    read_places (a walk up to the last wanted place, no values built); every path,
    alone or with others, gets the mark the full located read gives, key marks too,
    and a path the file lacks falls back to its nearest enclosing value as before."""
    from zicli.loading.yamlsafe import read_places

    if isinstance(source, str):
        data = b"a: &x {b: [1, {c: 2}], d: 'e'}\nf: *x\ng:\n  - h\n  - {i: j}\n"
    else:
        data = source.read_bytes()
    full = read_document(data, "f.yaml", ProblemSink("f.yaml"))
    assert full is not None
    paths = _every_path(full)
    for path in paths:
        alone = read_places(data, "f.yaml", [path])
        assert alone.mark(path) == full.mark(path), path
        assert alone.mark(path, key=True) == full.mark(path, key=True), path
    together = read_places(data, "f.yaml", paths)
    assert [together.mark(p, key=True) for p in paths] == [full.mark(p, key=True) for p in paths]
