"""Every output format escapes text from files for its medium (issue 12).

A hostile corpus (``data/hostile/strings.json``: line breaks that forge GitHub
workflow commands, OSC 52 clipboard writes, window titles, C1 CSI, formulas,
Markdown table breakers, characters XML forbids, bidi overrides) is put in unit
names, instansi, file names (a non-UTF-8 one too) and a pack's texts, and every
format of the render registry must keep its medium's invariants:

* terminal text (tables, stderr): no control character but the line break, no lone
  surrogate or bidi control, no line that starts with ``::``;
* Markdown: one table row per unit, no CR, no line that starts with ``::``;
* CSV: no cell a spreadsheet runs as a formula, no line that starts with ``::``;
* JUnit XML: parses and follows the schema in ``tests/schemas``;
* JSON: parses, and the text is valid UTF-8;
* GitHub: every line is one of zi's own commands.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
import xmlschema

from zicli.render.escape import (
    csv_cell,
    gh_data,
    gh_property,
    md_code,
    md_html,
    md_text,
    terminal,
    xml_text,
)
from zicli.render.jsontext import encode
from zicli.render.registry import VIEWS

from .conftest import EXAMPLES, ROOT, Run

HOSTILE = json.loads((ROOT / "tests" / "data" / "hostile" / "strings.json").read_text())["strings"]
EXAMPLE = EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml"
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
FORMULA = re.compile(r"^\s*[=+\-@]")
NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")


def _answer_file(path: Path, name: str, instansi: str, period: str = "2026-Q1") -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("name: MAN 2 Kota Bengkulu", "name: " + json.dumps(name))
    text = text.replace("instansi: Kementerian Agama", "instansi: " + json.dumps(instansi))
    text = text.replace('period: "2026-Q1"', f'period: "{period}"')
    path.write_text(text, encoding="utf-8")


def _file_name(text: str) -> str:
    # a file name holds anything but '/' and NUL
    return text.replace("/", "_").replace("\0", "_")[:80] + ".yaml"


def _no_commands(out: str) -> None:
    for line in out.split("\n"):
        assert not line.lstrip().startswith("::"), line


def _terminal_ok(out: str) -> None:
    for ch in out:
        if ch == "\n":
            continue
        assert unicodedata.category(ch) not in {"Cc", "Cs", "Zl", "Zp"}, repr(ch)
        assert ch not in BIDI, repr(ch)
    out.encode("utf-8")  # no lone surrogate
    _no_commands(out)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One answer file per hostile string (as its name, instansi and file name),
    and one whose file name is not UTF-8."""
    root = tmp_path_factory.mktemp("hostile")
    for i, text in enumerate(HOSTILE):
        _answer_file(root / _file_name(f"{i:02d} {text}"), text, HOSTILE[-1 - i])
    _answer_file(Path(os.fsdecode(bytes(root) + b"/bad-\xff\xfe-name.yaml")), "Unit", "Instansi")
    return root


def _count() -> int:
    return len(HOSTILE) + 1


def _check(fmt: str, out: str, units: int) -> None:
    if fmt == "table":
        _terminal_ok(out)
    elif fmt == "markdown":
        assert "\r" not in out
        _no_commands(out)
        rows = [line for line in out.split("\n") if line.startswith("|")]
        if units:
            assert len(rows) == units + 2  # header and rule
    elif fmt == "csv":
        _no_commands(out)
        for row in csv.reader(io.StringIO(out, newline="")):
            for cell in row:
                assert not FORMULA.match(cell) or NUMBER.match(cell.strip()), cell
                assert not cell.lstrip().startswith("::"), cell
    elif fmt == "junit":
        schema = xmlschema.XMLSchema(str(ROOT / "tests" / "schemas" / "junit.xsd"))
        schema.validate(out)
    elif fmt == "json":
        json.loads(out)
        out.encode("utf-8")
    elif fmt == "jsonl":
        lines = out.splitlines()  # as a line reader may split: U+2028 is escaped too
        assert len(lines) == units
        for line in lines:
            json.loads(line)
        out.encode("utf-8")
    elif fmt == "github":
        lines = out.splitlines()
        assert len(lines) == units
        for line in lines:
            assert re.match(r"::(error|notice|warning) [^\r\n]*::", line), line
            assert "\r" not in line
        out.encode("utf-8")


@pytest.mark.parametrize("fmt", list(VIEWS["batch"]))
def test_batch_formats_escape_every_hostile_string(
    zi: Callable[..., Run], folder: Path, fmt: str
) -> None:
    result = zi("score", str(folder), "-f", fmt)
    assert result.code in (0, 1), result.stderr
    _check(fmt, result.stdout, _count())
    _terminal_ok(result.stderr)


@pytest.mark.parametrize("fmt", list(VIEWS["score"]))
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_score_formats_escape_a_hostile_unit(
    zi: Callable[..., Run], tmp_path: Path, fmt: str, text: str
) -> None:
    path = tmp_path / _file_name(text)
    _answer_file(path, text, text)
    result = zi("score", str(path), "-f", fmt, "--detail")
    assert result.code == 0, result.stderr
    _check(fmt, result.stdout, 0)
    _terminal_ok(result.stderr)


@pytest.mark.parametrize("view", ["diff", "plan", "validate"])
def test_other_views_escape_hostile_units(
    zi: Callable[..., Run], tmp_path: Path, view: str
) -> None:
    name = " ".join(HOSTILE)
    old, new = tmp_path / _file_name(HOSTILE[0]), tmp_path / _file_name(HOSTILE[5])
    _answer_file(old, HOSTILE[0] + name, HOSTILE[6])
    _answer_file(new, HOSTILE[0] + name, HOSTILE[6], period="2026-Q2")
    for fmt in VIEWS[view]:
        if view == "diff":
            result = zi("diff", str(old), str(new), "-f", fmt)
        elif view == "plan":
            result = zi("plan", str(new), "-f", fmt, "--target", "WBBM")
        else:
            result = zi("validate", str(old), str(new), "-f", fmt)
        assert result.code in (0, 1), result.stderr
        _check(fmt, result.stdout, 0)
        _terminal_ok(result.stderr)


def test_trend_escapes_hostile_units(zi: Callable[..., Run], tmp_path: Path) -> None:
    for i, period in enumerate(("2026-Q1", "2026-Q2")):
        _answer_file(tmp_path / f"{i}.yaml", HOSTILE[0], HOSTILE[5], period=period)
    for fmt in VIEWS["trend"]:
        result = zi("trend", str(tmp_path / "0.yaml"), str(tmp_path / "1.yaml"), "-f", fmt)
        assert result.code in (0, 1), result.stderr
        _check(fmt, result.stdout, 0)


def test_pack_texts_are_escaped(zi: Callable[..., Run], tmp_path: Path) -> None:
    pack = (ROOT / "tests" / "data" / "valid" / "packs" / "ids-1-10.yaml").read_text()
    pack = pack.replace(
        "title: Paket uji dengan id seperti angka", "title: " + json.dumps(HOSTILE[0])
    )
    pack = pack.replace("name: Satu", "name: " + json.dumps(HOSTILE[5]))
    pack = pack.replace("text: Pertanyaan 1.1\n", "text: " + json.dumps(HOSTILE[1]) + "\n")
    (tmp_path / "pack.yaml").write_text(pack, encoding="utf-8")
    for fmt in VIEWS["pack"]:
        result = zi("criteria", "show", str(tmp_path / "pack.yaml"), "-f", fmt, "--detail")
        assert result.code == 0, result.stderr
        _check(fmt, result.stdout, 0)


# The examples the issue gives, one rule each.


def test_a_newline_cannot_forge_a_workflow_command_in_a_table(
    zi: Callable[..., Run], tmp_path: Path
) -> None:
    _answer_file(tmp_path / "u.yaml", "X\n::error file=a::pwn", "::stop-commands::t")
    out = zi("score", str(tmp_path / "u.yaml")).stdout
    _no_commands(out)
    assert "X\u240a::error file=a::pwn" in out


def test_terminal_escapes_clipboard_title_and_csi() -> None:
    assert terminal("a\x1b]52;c;aGk=\x07b") == "a\u241b]52;c;aGk=\u2407b"
    assert terminal("\x1b]0;t\x1b\\") == "\u241b]0;t\u241b\\"
    assert terminal("\x9b31m") == "\ufffd31m"
    assert terminal("a\nb\rc") == "a\u240ab\u240dc"
    assert terminal("ok · é 漢字") == "ok · é 漢字"
    assert terminal("\u202eevil") == "\ufffdevil"
    assert terminal("bad\udcff") == "bad\ufffd"


def test_markdown_cell_cr_and_commands() -> None:
    assert md_text("a\rb") == "a b"
    assert md_text("a|b\\c") == "a\\|b\\\\c"
    assert md_text("::error::x") == "\\::error::x"
    assert md_text("\x1b[2J") == "\u241b\\[2J"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (" =1+2", "' =1+2"),
        ("\t=1", "'\t=1"),
        ("\r+1", "'\n+1"),
        ("a\rb\r\nc", "a\nb\nc"),
        ("  @SUM(A1)", "'  @SUM(A1)"),
        ("-1.25", "-1.25"),
        (" -3", " -3"),
        ("::error::x", "'::error::x"),
        ("a\n::error::x", "a\n'::error::x"),
        ("bad\udcff", "bad\ufffd"),
    ],
)
def test_csv_cell_formulas_after_blanks(text: str, shown: str) -> None:
    assert csv_cell(text) == shown


def test_xml_text_replaces_what_xml_forbids() -> None:
    assert xml_text("a\x00b\x1bc\ufffe&<>") == "a\u2400b\u241bc\ufffd&amp;&lt;&gt;"
    assert xml_text("tab\tnl\n") == "tab\tnl\n"  # allowed in XML 1.0


def test_json_writes_a_non_utf8_file_name_as_its_escape() -> None:
    name = os.fsdecode(b"bad-\xff.yaml")
    text = encode(name)
    assert text == '"bad-\\udcff.yaml"'
    assert json.loads(text) == name  # reads back as os.fsdecode gave it
    assert os.fsencode(json.loads(text)) == b"bad-\xff.yaml"


def test_github_escapes_data_and_properties() -> None:
    assert gh_data("50%\r\n::x") == "50%25%0D%0A::x"
    assert gh_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert gh_data("\x1b]0;t\x07") == "\u241b]0;t\u2407"


# Text from files is never read as rich console markup (a '[/]' raised MarkupError,
# exit 3; '[draft]' vanished; '[red]x[/red]' was coloured), in every table of every
# command.

MARKUP = ["[/]", "[bold]x[/bold]", ":smile:", "[link=http://x]y[/link]", "[draft] MAN 2"]
# rich's Text drops BEL, BS, VT, FF and CR where it is made: a table shows each as a
# picture, as every other control (␇ ␈ ␋ ␌ ␍), never drops it
CONTROLS = "a\x07b\x08c\x0bd\x0ce\rf\x1b[31mg"
KANKEMENAG = "Kantor Kementerian Agama Kota Bengkulu"


def _markup_files(root: Path, text: str) -> dict[str, Path]:
    """Two periods of a unit, in files and in two folders, and a TPI review of the
    first, with ``text`` in the file names, name, instansi, an answer's note and the
    review's reviewer, note and PIC."""
    root.mkdir()
    files: dict[str, Path] = {}
    stem = _file_stem(text)
    for period in ("q1", "q2"):
        source = EXAMPLES / f"kankemenag-kota-bengkulu-2026{period}.yaml"
        unit = source.read_text(encoding="utf-8")
        unit = unit.replace("name: " + KANKEMENAG, "name: " + json.dumps("Unit " + text))
        unit = unit.replace("instansi: Kementerian Agama", "instansi: " + json.dumps(text))
        unit = unit.replace(
            "note: SK Kepala Kantor tentang Tim Kerja Pembangunan ZI",
            "note: " + json.dumps("catatan " + text),
        )
        files[period] = root / f"{period} {stem}.yaml"
        files[period].write_text(unit, encoding="utf-8")
        folder = root / f"dir-{period}"
        folder.mkdir()
        (folder / "unit.yaml").write_text(unit, encoding="utf-8")
    review = EXAMPLES.parent / "examples-review" / "kankemenag-kota-bengkulu-2026q1-tpi.yaml"
    text_review = review.read_text(encoding="utf-8")
    text_review = text_review.replace(
        "reviews: ../examples/kankemenag-kota-bengkulu-2026q1.yaml",
        "reviews: " + json.dumps(files["q1"].name),
    )
    text_review = text_review.replace(
        "reviewer: Inspektorat Jenderal Kementerian Agama", "reviewer: " + json.dumps(text)
    )
    text_review = text_review.replace(
        "note: SK sudah ada; lampirkan juga daftar anggota Tim Kerja",
        "note: " + json.dumps("n " + text),
    )
    text_review = text_review.replace("pic: Kasubbag TU", "pic: " + json.dumps("pic " + text))
    files["tpi"] = root / f"tpi {stem}.yaml"
    files["tpi"].write_text(text_review, encoding="utf-8")
    return files


def _file_stem(text: str) -> str:
    return text.replace("/", "|")


MARKUP_COMMANDS: dict[str, Callable[[dict[str, Path]], list[str]]] = {
    "score": lambda f: ["score", str(f["q1"])],
    "score --detail": lambda f: ["score", str(f["q1"]), "--detail"],
    "score folder": lambda f: ["score", str(f["q1"].parent / "dir-q1")],
    "diff": lambda f: ["diff", str(f["q1"]), str(f["q2"])],
    "diff folders": lambda f: [
        "diff",
        str(f["q1"].parent / "dir-q1"),
        str(f["q2"].parent / "dir-q2"),
    ],
    "diff review": lambda f: ["diff", str(f["q1"]), str(f["tpi"])],
    "trend": lambda f: ["trend", str(f["q1"]), str(f["q2"])],
    "plan": lambda f: ["plan", str(f["q2"]), "--target", "WBBM"],
    "validate": lambda f: ["validate", str(f["q1"]), str(f["q2"])],
    "evidence": lambda f: ["evidence", str(f["q1"])],
    "review": lambda f: ["review", str(f["q1"]), str(f["tpi"]), "--today", "2026-05-01"],
}


@pytest.mark.parametrize("text", [*MARKUP, CONTROLS])
@pytest.mark.parametrize("command", list(MARKUP_COMMANDS))
def test_text_from_files_is_never_console_markup(
    zi: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    text: str,
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # no name is wrapped
    plain = zi(*MARKUP_COMMANDS[command](_markup_files(tmp_path / "plain", "Teks")))
    shown = zi(*MARKUP_COMMANDS[command](_markup_files(tmp_path / "markup", text)))
    assert shown.code == plain.code, shown.stderr
    # the same report, with the text where the plain text was, character for character
    assert "Teks" in plain.stdout
    literal, stem = terminal(text), terminal(_file_stem(text))
    count = shown.stdout.count(literal) + (shown.stdout.count(stem) if stem != literal else 0)
    assert count == plain.stdout.count("Teks"), shown.stdout


# Markdown (pull-request comments): text from files is shown literally, never as
# Markdown or HTML, in table cells, headings, lines and <summary> alike; zi's own
# markup stays.

MARKDOWN_HOSTILE = [
    "X</summary></details><h1>PWNED</h1><details><summary>",
    "[klik](https://x)",
    "![](https://x)",
    "<img src=x>",
    "*tebal* _miring_ `kode` ~~coret~~ a|b c\\d &amp;",
    "# judul",
]


def _html_of(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown))


def _tags(html_text: str) -> list[str]:
    return sorted(re.findall(r"</?[a-zA-Z][a-zA-Z0-9]*", html_text))


MARKDOWN_COMMANDS: dict[str, Callable[[dict[str, Path]], list[str]]] = {
    "score": lambda f: ["score", str(f["q1"]), "-f", "markdown", "--detail"],
    "score folder": lambda f: ["score", str(f["q1"].parent / "dir-q1"), "-f", "markdown"],
    "diff": lambda f: ["diff", str(f["q1"]), str(f["q2"]), "-f", "markdown"],
    "diff folders": lambda f: [
        "diff",
        str(f["q1"].parent / "dir-q1"),
        str(f["q2"].parent / "dir-q2"),
        "-f",
        "markdown",
    ],
    "trend": lambda f: ["trend", str(f["q1"]), str(f["q2"]), "-f", "markdown"],
    "plan": lambda f: ["plan", str(f["q2"]), "--target", "WBBM", "-f", "markdown"],
}


@pytest.mark.parametrize("text", MARKDOWN_HOSTILE, ids=range(len(MARKDOWN_HOSTILE)))
@pytest.mark.parametrize("command", list(MARKDOWN_COMMANDS))
def test_markdown_shows_text_from_files_literally(
    zi: Callable[..., Run], tmp_path: Path, command: str, text: str
) -> None:
    plain = zi(*MARKDOWN_COMMANDS[command](_markup_files(tmp_path / "plain", "Teks")))
    shown = zi(*MARKDOWN_COMMANDS[command](_markup_files(tmp_path / "hostile", text)))
    assert shown.code == plain.code, shown.stderr
    plain_html, shown_html = _html_of(plain.stdout), _html_of(shown.stdout)
    # the same elements as for a plain name (no heading, link, image or emphasis
    # more, none of zi's lost), and the text where the plain text was
    assert _tags(shown_html) == _tags(plain_html)
    literal = html.escape(text, quote=False)
    assert shown_html.count(literal) == plain_html.count("Teks") > 0, shown.stdout


def test_markdown_text_escapes_what_starts_markup() -> None:
    assert md_text("a\\b`c*d_e[f]g<h>i|j~k&l") == ("a\\\\b\\`c\\*d\\_e\\[f\\]g\\<h\\>i\\|j\\~k\\&l")
    assert md_text("# h") == "\\# h"
    assert md_text("a # b") == "a # b"
    assert md_text("- a", line_start=True) == "\\- a"
    assert md_text("1. a", line_start=True) == "1\\. a"
    assert md_text("-1.50") == "-1.50"
    assert md_code("a`b|c") == "``a`b\\|c``"
    assert md_code("`a") == "`` `a ``"
    assert md_html("<b>&") == "&lt;b&gt;&amp;"


def test_csv_shows_controls_as_pictures(zi: Callable[..., Run], tmp_path: Path) -> None:
    # an ESC sequence in a file name was dropped whole on standard output (click strips
    # what looks like a terminal colour), so the row no longer named the real file
    name = "esc\x1bx[31mred\x07.yaml"
    _answer_file(tmp_path / name, "Unit\x1b[31m", "Instansi")
    out = tmp_path.parent / f"{tmp_path.name}.csv"
    for result in (
        zi("score", str(tmp_path), "-f", "csv"),
        zi("score", str(tmp_path), "-f", "csv", "-o", str(out)),
    ):
        assert result.code in (0, 1), result.stderr
    for text in (zi("score", str(tmp_path), "-f", "csv").stdout, out.read_text("utf-8")):
        row = list(csv.reader(io.StringIO(text, newline="")))[1]
        assert row[0] == str(tmp_path / "esc\u241bx[31mred\u2407.yaml")
        assert row[1] == "Unit\u241b[31m"


def test_csv_cell_pictures_controls_but_keeps_line_breaks_and_tabs() -> None:
    assert csv_cell("a\x1b[31mb\x07c\x7fd\x85e") == "a\u241b[31mb\u2407c\u2421d\ufffde"
    assert csv_cell("a\tb\nc") == "a\tb\nc"


# A pack can come from the same pull request as the answer file that names it: every
# text of a pack (names, labels, descriptions, predicate and gate names, notes,
# guidance, evidence hints) is shown literally in Markdown too.

PACK_MARK = "Zqx"


def _pack_files(root: Path, text: str, question: str = "B.I.b") -> dict[str, Path]:
    """Two periods of a unit scored by an overlay (gates, a unit field, guidance and
    evidence hints, a prerequisite of Menuju WBBM the unit does not state) over a copy of
    permenpanrb-90-2021 (title, an area, predicate and condition names; Menuju WBBM
    needs 95), each text holding ``text``, in files and in two folders of one
    git repository (where an answer file may name a pack by path)."""
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    base = (ROOT / "criteria" / "permenpanrb-90-2021.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("id: permenpanrb-90-2021", "id: uji-md-dasar"),
        ("short_title: PermenPANRB 90/2021", "short_title: " + json.dumps("Paket " + text)),
        ("name: PEMENUHAN\n", "name: " + json.dumps("PEMENUHAN " + text) + "\n"),
        ("name: Manajemen Perubahan\n", "name: " + json.dumps("Manajemen " + text) + "\n"),
        ("name: BIROKRASI YANG BERSIH DAN AKUNTABEL\n", "name: " + json.dumps(text) + "\n"),
        ("name: Menuju WBK\n", "name: " + json.dumps("Menuju WBK " + text) + "\n"),
        ("name: Menuju WBBM\n", "name: " + json.dumps("Menuju WBBM " + text) + "\n"),
        ("    min: 85\n", "    min: 95\n"),  # Menuju WBBM: a plan of steps
        ("description: Nilai total\n", "description: " + json.dumps("Nilai total " + text) + "\n"),
    ):
        assert old in base, old
        base = base.replace(old, new)
    base = base.replace("B.I.b", question)
    (root / "dasar.yaml").write_text(base, encoding="utf-8")
    t = json.dumps(text)
    overlay = (
        "schema_version: 1\nid: uji-md\nextends: dasar.yaml\n"
        f"title: {t}\nshort_title: {t}\nlegal_basis: {t}\nstatus: {{state: in_force}}\n"
        f"notes:\n  - {t}\n"
        f"gates:\n  - id: g\n    name: {t}\n    conditions:\n"
        f"      - {{id: c, description: {t}, node: A, min: 99}}\n"
        f"unit_fields:\n  uji:\n    label: {t}\n    kind: scale\n    scale: [A, B]\n"
        f"prerequisites:\n  - {{id: p, description: {t}, field: uji, at_least: A, "
        "predicates: [WBBM]}\n"
        f"overrides:\n  {json.dumps(question)}:\n    guidance: {t}\n    evidence: [{t}]\n"
    )
    (root / "overlay.yaml").write_text(overlay, encoding="utf-8")
    files: dict[str, Path] = {}
    for period in ("q1", "q2"):
        source = EXAMPLES / f"kankemenag-kota-bengkulu-2026{period}.yaml"
        unit = source.read_text(encoding="utf-8")
        unit = unit.replace("criteria: permenpanrb-90-2021", "criteria: overlay.yaml")
        unit = unit.replace("  B.I.b:", f"  {json.dumps(question)}:")
        files[period] = root / f"{period}.yaml"
        files[period].write_text(unit, encoding="utf-8")
        folder = root / f"dir-{period}"
        folder.mkdir()
        (folder / "unit.yaml").write_text(
            unit.replace("criteria: overlay.yaml", "criteria: ../overlay.yaml"), encoding="utf-8"
        )
    return files


PACK_COMMANDS: dict[str, Callable[[dict[str, Path]], list[str]]] = {
    **MARKDOWN_COMMANDS,
    # the step the plan needs frozen: a blocker, named by the pack's condition
    "plan blocked": lambda f: [
        "plan",
        str(f["q2"]),
        "--target",
        "WBBM",
        "--freeze",
        "B.I.b",
        "-f",
        "markdown",
    ],
}


@pytest.mark.parametrize("text", MARKDOWN_HOSTILE, ids=range(len(MARKDOWN_HOSTILE)))
@pytest.mark.parametrize("command", list(PACK_COMMANDS))
def test_markdown_shows_pack_texts_literally(
    zi: Callable[..., Run], tmp_path: Path, command: str, text: str
) -> None:
    plain = zi(*PACK_COMMANDS[command](_pack_files(tmp_path / "plain", PACK_MARK)))
    shown = zi(*PACK_COMMANDS[command](_pack_files(tmp_path / "hostile", text)))
    assert plain.code in (0, 1), plain.stderr
    assert shown.code == plain.code, shown.stderr
    plain_html, shown_html = _html_of(plain.stdout), _html_of(shown.stdout)
    assert _tags(shown_html) == _tags(plain_html), shown.stdout
    literal = html.escape(text, quote=False)
    assert shown_html.count(literal) == plain_html.count(PACK_MARK) > 0, shown.stdout


def test_markdown_shows_pack_question_ids_literally(zi: Callable[..., Run], tmp_path: Path) -> None:
    # a question id is the pack's text too (letters, digits, '.', '-', '_': enough for
    # emphasis), in the plan's frozen list, its steps and the lines of a blocker (what
    # is frozen, what unfreezing it would do)
    def plan(root: Path, question: str) -> Run:
        files = _pack_files(root, "Teks", question)
        command = ["plan", str(files["q2"]), "--target", "WBBM", "-f", "markdown"]
        return zi(*command, "--freeze", question)

    plain = plan(tmp_path / "plain", "B.I.b." + PACK_MARK)
    shown = plan(tmp_path / "hostile", "B.I.b._miring_")
    assert plain.code == 1, plain.stderr
    assert shown.code == plain.code, shown.stderr
    plain_html, shown_html = _html_of(plain.stdout), _html_of(shown.stdout)
    assert _tags(shown_html) == _tags(plain_html), shown.stdout
    assert shown_html.count("B.I.b._miring_") == plain_html.count(PACK_MARK) > 0, shown.stdout


@pytest.mark.parametrize("command", ["diff", "trend"])
def test_markdown_shows_pack_review_layers_literally(
    zi: Callable[..., Run], tmp_path: Path, command: str
) -> None:
    # a review layer is named by the pack ('review_layers', as the review's own rule
    # allows: '-' and '_' are enough for emphasis), in a diff's heading and a trend's
    # column labels
    def run(root: Path, layer: str) -> Run:
        files = _pack_files(root, "Teks")
        overlay = root / "overlay.yaml"
        overlay.write_text(
            overlay.read_text(encoding="utf-8") + f"review_layers: [{layer}]\n", encoding="utf-8"
        )
        review = EXAMPLES.parent / "examples-review" / "kankemenag-kota-bengkulu-2026q1-tpi.yaml"
        text = review.read_text(encoding="utf-8")
        text = text.replace(
            "reviews: ../examples/kankemenag-kota-bengkulu-2026q1.yaml", "reviews: q1.yaml"
        )
        (root / "review.yaml").write_text(text.replace("layer: tpi", f"layer: {layer}"))
        return zi(command, str(files["q1"]), str(root / "review.yaml"), "-f", "markdown")

    plain = run(tmp_path / "plain", "uji-zqx")
    shown = run(tmp_path / "hostile", "uji-_lapis_")
    assert plain.code in (0, 1), plain.stderr
    assert shown.code == plain.code, shown.stderr
    plain_html, shown_html = _html_of(plain.stdout), _html_of(shown.stdout)
    assert _tags(shown_html) == _tags(plain_html), shown.stdout
    assert shown_html.count("uji-_lapis_") == plain_html.count("uji-zqx") > 0, shown.stdout
