"""``zi report``: the unit report and the dashboard, their numbers, their safety, and
the five strategies of the Kemenag packs."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from zicli.engine.strategies import standings
from zicli.loading import load_criteria, load_unit
from zicli.render.htmlkit import css_string, safe_href

from .conftest import EXAMPLES, ROOT, Run

HOSTILE = ROOT / "tests" / "data" / "hostile" / "hostile-unit.yaml"
ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))


class Numbers(HTMLParser):
    """Every element carrying ``data-zi`` (with its text), and the dashboard's rows and
    the verdict rows they sit in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str | None, str | None, str, dict[str, str | None]]] = []
        self._open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self._row: str | None = None
        self._cond: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr":
            self._row = found.get("data-zi-file") or self._row
            self._cond = found.get("data-zi-cond")
        if "data-zi" in found:
            self._open.append((tag, found, []))

    def handle_data(self, data: str) -> None:
        for _, _, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _, attrs, parts = self._open.pop()
            key = attrs["data-zi"] or ""
            text = "".join(parts).strip()
            self.found.append((self._row, self._cond, key, {**attrs, "text": text}))


def numbers(html: str) -> list[tuple[str | None, str | None, str, dict[str, str | None]]]:
    parser = Numbers()
    parser.feed(html)
    return parser.found


def two_places(text: str) -> Decimal:
    """A shown number as the JSON's 2-place value (the page may show exact digits where
    2 places would hide a shortfall)."""
    return Decimal(text.lstrip("+")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def check_unit(found: list[Any], payload: dict[str, Any], file: str | None = None) -> int:
    """Compare every number of one unit on the page with its JSON; the count compared."""
    checked = 0
    conditions = {f"{c['predicate']}.{c['id']}": c for c in payload["verdict"]["conditions"]}
    for row, cond, key, attrs in found:
        if row != file:
            continue
        text = attrs["text"]
        if key == "total":
            assert two_places(text) == Decimal(str(payload["total"]))
        elif key.startswith("scores."):
            assert two_places(text) == Decimal(str(payload["scores"][key[7:]])), key
        elif key == "verdict.predicate":
            assert (attrs["data-value"] or None) == payload["verdict"]["predicate"]
            assert text.startswith(payload["verdict"]["name"] or "Belum memenuhi")
        elif key.startswith("completeness."):
            assert int(text) == payload["completeness"][key[13:]]
        elif key.startswith("answers."):
            expected = payload["answers"][key[8:]]
            assert text == ("kosong" if expected is None else expected), key
        elif key == "unit.period":
            assert text == payload["unit"]["period"]
        elif key in ("required", "actual", "margin"):
            assert cond is not None
            value = conditions[cond][key]
            if isinstance(value, int | float) or re.fullmatch(r"-?\d+\.\d\d", str(value)):
                assert two_places(text) == Decimal(str(value)), (cond, key)
            else:
                assert text in (str(value), "-", "kosong"), (cond, key, text)
        else:
            raise AssertionError(f"unexpected data-zi {key}")
        checked += 1
    return checked


def score_json(zi: Callable[..., Run], *args: str) -> dict[str, Any]:
    run = zi("score", *args, "--format", "json")
    assert run.code in (0, 1), run.stderr
    data: dict[str, Any] = json.loads(run.stdout, parse_float=Decimal)
    return data


# --- numbers equal the JSON output ----------------------------------------------------------


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=[p.stem for p in ALL_EXAMPLES])
def test_unit_report_numbers_equal_json(
    example: Path, zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    rel = str(example.relative_to(ROOT))
    out = tmp_path / "laporan.html"
    run = zi("report", rel, "-o", str(out))
    assert run.code == 0, run.stderr
    payload = score_json(zi, rel)
    found = numbers(out.read_text(encoding="utf-8"))
    checked = check_unit(found, payload)
    index = load_unit(rel).index
    answers = len(index.questions)
    nodes = sum(1 for n in index.criteria.walk() if n.kind not in ("butir", "subarea"))
    conditions = len(payload["verdict"]["conditions"])
    # total, predicate, period, 2 completeness, every komponen/area and the TOTAL row,
    # every answer, and three numbers per condition
    assert checked == 5 + nodes + 1 + answers + 3 * conditions


def test_trend_report_is_of_the_latest_period_with_every_period(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    q1 = "examples/kankemenag-kota-bengkulu-2026q1.yaml"
    q2 = "examples/kankemenag-kota-bengkulu-2026q2.yaml"
    out = tmp_path / "tren.html"
    assert zi("report", q2, q1, "-o", str(out)).code == 0
    html = out.read_text(encoding="utf-8")
    check_unit(numbers(html), score_json(zi, q2))
    assert "Tren antarperiode" in html
    assert html.count("93.95") >= 2 and "94.33" in html  # both totals in the trend
    out1 = tmp_path / "q1.html"
    assert zi("report", q2, q1, "--period", "2026-Q1", "-o", str(out1)).code == 0
    check_unit(numbers(out1.read_text(encoding="utf-8")), score_json(zi, q1))
    # a single period has no trend to show
    assert "Tren antarperiode" not in out1.read_text(encoding="utf-8")


def test_dashboard_numbers_equal_batch_json(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "dasbor.html"
    run = zi("report", "examples", "-o", str(out))
    assert run.code == 0, run.stderr
    batch = json.loads(zi("score", "examples", "--format", "json").stdout, parse_float=Decimal)
    by_file = {r["file"]: r for r in batch["results"]}
    found = numbers(out.read_text(encoding="utf-8"))
    files = {row for row, _, _, _ in found}
    # each unit's latest period: 13 files, two units with two periods
    assert len(files) == 11
    for file in files:
        assert file is not None
        assert check_unit(found, by_file[file], file) == 3


def test_dashboard_period_keeps_one_round(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "dasbor.html"
    assert zi("report", "examples", "--period", "2026-Q1", "-o", str(out)).code == 0
    found = numbers(out.read_text(encoding="utf-8"))
    files = {row for row, _, _, _ in found}
    assert files == {
        "examples/kankemenag-kota-bengkulu-2026q1.yaml",
        "examples/kemenag-kankemenag-kabupaten-seluma-2026q1.yaml",
        "examples/kemenag-min-2-kota-bengkulu-2026q1.yaml",
        "examples/kua-kecamatan-selebar-2026q1.yaml",
        "examples/man-2-kota-bengkulu-2026q1.yaml",
    }
    html = out.read_text(encoding="utf-8")
    # 2026-Q1: Kota Bengkulu and Seluma WBBM, MIN 2 and MAN 2 WBK, KUA Selebar short of IPAK
    assert '<strong data-zi-count="Menuju WBBM">2</strong>' in html
    assert '<strong data-zi-count="Menuju WBK">2</strong>' in html
    assert '<strong data-zi-count="Belum memenuhi">1</strong>' in html
    # the sparkline still shows the units' other periods
    assert html.count('class="spark"') == 2


def test_report_usage_errors(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    run = zi("report", "examples", "--period", "2026-Q5")
    assert (
        run.code == 2 and "--period 2026-Q5: tidak ada unit dengan periode tersebut" in run.stderr
    )
    run = zi("report", "examples", "--period", "2019")
    assert run.code == 2 and "tidak ada unit dengan periode tersebut" in run.stderr
    run = zi("report", "examples/man-2-kota-bengkulu-2026q1.yaml", "--period", "2025-Q1")
    assert run.code == 2 and "periode yang ditemukan: 2026-Q1" in run.stderr
    run = zi("report", "no-such.yaml")
    assert run.code == 2 and "berkas atau folder tidak ditemukan" in run.stderr
    (tmp_path / "kosong").mkdir()
    run = zi("report", str(tmp_path / "kosong"))
    assert run.code == 2 and "tidak ada berkas jawaban yang ditemukan" in run.stderr
    # a unit's report refuses a file it cannot read, whole (no partial report)
    run = zi("report", "tests/data/invalid/every-problem.yaml", "-o", str(tmp_path / "x.html"))
    assert run.code == 2 and not (tmp_path / "x.html").exists()
    assert run.stderr.count("kesalahan: ") == 9


def test_dashboard_lists_invalid_files_and_exits_2(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT / "tests" / "data")
    out = tmp_path / "dasbor.html"
    run = zi("report", "invalid/control-chars.yaml", "hostile", "-o", str(out))
    assert run.code == 2
    assert "invalid/control-chars.yaml:7:3" in run.stderr
    html = out.read_text(encoding="utf-8")
    assert "Berkas tidak valid" in html
    assert "A.I.1.i.a\\nA.I.1.i.b" in html  # the message, escaped as on stderr
    # the first problem as stderr prints it, and how many more there are
    assert "invalid/control-chars.yaml:7:3: answers.A.I.1.i.a\\nA.I.1.i.b: id butir" in html
    assert "dan 1 masalah lain" in html
    assert_safe(html, scripts=1)


def test_report_is_self_contained(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    for args in (["examples/man-2-kota-bengkulu-2026q1.yaml"], ["examples"]):
        run = zi("report", *args)
        assert run.code == 0
        html = run.stdout
        assert html.startswith("<!DOCTYPE html>")
        for fetch in ("<link", " src=", "url(", "@import", "<iframe", "<object", "<embed"):
            assert fetch not in html
        assert "default-src 'none'" in html


# --- safety -------------------------------------------------------------------------------------


def assert_safe(html: str, scripts: int) -> None:
    """Only zi's own script and style; no link that runs or leaves for another scheme."""
    assert html.count("<script") == scripts
    assert html.count("<style") == 1 and html.count("</style>") == 1
    assert "<img" not in html and "<iframe" not in html and "<svg onload" not in html
    for href in re.findall(r'href="([^"]*)"', html):
        assert href.startswith(("https://", "http://")) or not re.match(r"[a-zA-Z][\w+.-]*:", href)
        assert not href.startswith(("/", "\\")), href
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202e]", html)
    assert "{{" not in html.replace("{{ 7*7 }}", "") or "49" not in html


def test_hostile_strings_are_text(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    rel = str(HOSTILE.relative_to(ROOT))
    out = tmp_path / "laporan.html"
    assert zi("report", rel, "-o", str(out)).code == 0
    html = out.read_text(encoding="utf-8")
    assert_safe(html, scripts=0)
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;" in html
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(3)" in html
    assert "{{ 7*7 }}" in html and "${7*7}" in html  # no template evaluates a note
    # the only links of the evidence: the https URL and the two relative paths (one a
    # strange file name, written as text), each relative to the page's folder
    links = re.findall(r'<a href="([^"]*)"', html)
    assert len(links) == 3
    assert links[0] == (
        "https://example.org/sk?a=1&amp;b=&#34;&gt;&lt;script&gt;alert(10)&lt;/script&gt;"
    )
    assert links[1].endswith("tests/data/hostile/sk/sk-tim-zi-2026.pdf")
    # (a file's path, percent-encoded segment by segment)
    assert links[2].endswith("hostile/%3C/style%3E%3Cstyle%3Ebody%7Bdisplay%3Anone%7D%3C/style%3E")
    for text in ("javascript:alert(5)", "vbscript:msgbox(9)", "/etc/passwd"):
        assert text in html  # shown as text
    # the print header carries the unit name hex-escaped: nothing can close the style
    assert "\\00003c" in html
    # zi score refuses evidence paths that leave the evidence root (/etc/passwd, //evil...)
    # with exit 2; evidence does not change a score, so the numbers are compared with
    # the same file without its evidence list.
    text = HOSTILE.read_text(encoding="utf-8")
    start = text.index("    evidence:\n")
    plain = tmp_path / "hostile-unit.yaml"
    plain.write_text(text[:start] + text[text.index("  A.I.1.i.b:") :], encoding="utf-8")
    assert zi("score", rel).code == 2
    check_unit(numbers(html), score_json(zi, str(plain)))

    board = tmp_path / "dasbor.html"
    assert zi("report", "tests/data/hostile", "-o", str(board)).code == 0
    board_html = board.read_text(encoding="utf-8")
    assert_safe(board_html, scripts=1)
    assert board_html.count("data-zi-file=") == 2


def test_hostile_pack_words_are_text(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pack's own words (names, question text, strategy, short title) are file text too.
    monkeypatch.chdir(ROOT)
    rel = "tests/data/hostile/hostile-pack-unit.yaml"
    out = tmp_path / "laporan.html"
    assert zi("report", rel, "-o", str(out)).code == 0
    html = out.read_text(encoding="utf-8")
    assert_safe(html, scripts=0)
    assert "&lt;script&gt;alert(&#39;strategy&#39;)&lt;/script&gt;" in html
    assert "&lt;/svg&gt;&lt;script&gt;alert(&#39;area&#39;)" in html
    assert "&lt;/style&gt;&lt;b onmouseover=alert(1)&gt;Pack&lt;/b&gt;" in html
    assert "&lt;/details&gt;&lt;/section&gt;&lt;script&gt;alert(5)" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(4)&gt; \ufffdteks" in html
    check_unit(numbers(html), score_json(zi, rel))


def test_local_evidence_links_are_percent_encoded(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file name is a path, not a URL: a browser would read '#' as a fragment, '?' as
    a query and '%20' as a space, so each segment is percent-encoded in the link (the
    answer file's folder too); the text shown is the name as written; an http(s) link
    is already a URL and stays as given."""
    folder = tmp_path / "unit 1#x"
    (folder / "sk").mkdir(parents=True)
    (folder / "sk" / "a b#c?d%20.pdf").write_bytes(b"%PDF-1.4\n")
    text = (EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml").read_text(encoding="utf-8")
    evidence = '["sk/a b#c?d%20.pdf", "https://x.org/a%20b?q=1&r=2#f", "sk/\u00e9t\u00e9.pdf"]'
    text = text.replace("  A.I.1.i.a: Ya\n", f"  A.I.1.i.a: {{answer: Ya, evidence: {evidence}}}\n")
    (folder / "u.yaml").write_text(text, encoding="utf-8")
    check = zi("evidence", str(folder / "u.yaml"), "--format", "json")
    assert check.code in (0, 1), check.stderr
    assert "sk/a b#c?d%20.pdf" in check.stdout
    out = tmp_path / "out" / "r.html"
    out.parent.mkdir()
    monkeypatch.chdir(tmp_path)
    run = zi("report", str(folder / "u.yaml"), "-o", str(out))
    assert run.code == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', html)
    assert links == [
        ("../unit%201%23x/sk/a%20b%23c%3Fd%2520.pdf", "sk/a b#c?d%20.pdf"),
        ("https://x.org/a%20b?q=1&amp;r=2#f", "https://x.org/a%20b?q=1&amp;r=2#f"),
        ("../unit%201%23x/sk/%C3%A9t%C3%A9.pdf", "sk/\u00e9t\u00e9.pdf"),
    ]
    board = tmp_path / "out" / "dasbor.html"
    assert zi("report", str(folder), "-o", str(board)).code == 0
    assert "<a " not in board.read_text(encoding="utf-8")  # the dashboard links no file


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("sk/a b.pdf", "sk/a b.pdf"),
        ("../bukti/x.pdf", "../bukti/x.pdf"),
        ("x.pdf#p=2", "x.pdf#p=2"),
        ("javascript:alert(1)", None),
        ("  JavaScript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html,x", None),
        ("https:evil", None),
        ("//evil.example/x", None),
        ("/etc/passwd", None),
        ("\\\\server\\x", None),
        ("C:/x.pdf", None),
        ("a:b/c", None),
        ("x\x00y", None),
        ("", None),
    ],
)
def test_safe_href(target: str, expected: str | None) -> None:
    assert safe_href(target) == expected


def test_css_string_cannot_close_anything() -> None:
    text = css_string("</style>\"'\\;}{\n\u202e")
    assert re.fullmatch(r'"[A-Za-z0-9 .,\\-]*"', text)
    assert "<" not in text and "'" not in text[1:-1] and '"' not in text[1:-1]


# --- the five strategies ------------------------------------------------------------------------


def test_strategies_hand_worked(tmp_path: Path) -> None:
    # Only A.I.1.i.a answered (Ya). Komitmen pimpinan's questions and their shares in
    # 90/2021: A.I.1.i (0.50 / 2 questions) 2 x 0.25; A.I.1.ii.a-b (1.00 / 3) 2 x 1/3;
    # A.I.1.iv (1.50 / 4) 4 x 0.375; A.I.4.i (2.50 / 3) 3 x 5/6; A.II.1.i (2.00 / 2) 2 x 1;
    # A.II.1.ii and A.II.1.iii (1.00 each) = 0.5 + 2/3 + 1.5 + 2.5 + 2 + 2 = 55/6 points.
    path = tmp_path / "unit.yaml"
    path.write_text(
        "criteria: kemenag-90-2021\nunit: {name: Uji, period: '2026-Q1'}\n"
        "answers:\n  A.I.1.i.a: Ya\n  A.I.6.ii.f: B\n",
        encoding="utf-8",
    )
    found = {s.id: s for s in standings(load_unit(str(path)).assess().card)}
    komitmen = found["komitmen-pimpinan"]
    assert komitmen.weight == Fraction(55, 6)
    assert komitmen.points == Fraction(1, 4)
    assert komitmen.percent == Fraction(1, 4) / Fraction(55, 6) * 100  # 2.73 %
    assert komitmen.answered == 1
    # A.I.6.ii.f (inovasi pelayanan, A-E: B = 0.75) in a sub-area of 1.00 / 6 questions;
    # the strategy also holds A.I.5.iii.a-b (1.50 / 4 each), A.I.6.iii.a-b (1.00 / 3 each),
    # A.II.5.ii.a 3, A.II.6.i.a 1.25, A.II.6.ii.a 2.5.
    program = found["program-masyarakat"]
    assert program.points == Fraction(3, 4) * Fraction(1, 6)
    assert program.weight == Fraction(3, 4) + Fraction(1, 6) + Fraction(2, 3) + 3 + Fraction(
        5, 4
    ) + Fraction(5, 2)
    assert found["monitoring-evaluasi"].points == 0


@pytest.mark.parametrize("pack", ["kemenag-90-2021", "kma-633-2020"])
def test_kemenag_packs_map_five_strategies(pack: str) -> None:
    index = load_criteria(pack)
    strategies = index.criteria.strategies
    assert [s.id for s in strategies] == [
        "komitmen-pimpinan",
        "kemudahan-pelayanan",
        "program-masyarakat",
        "monitoring-evaluasi",
        "strategi-komunikasi",
    ]
    served = [q for s in strategies for q in s.questions]
    assert len(served) == len(set(served))
    assert set(served) <= {q.id for q in index.questions}
    # the hasil surveys are results, not a way of working
    assert not any(q.startswith("B.") for q in served)
    for s in strategies:
        assert s.reasoning and s.questions and s.source


def test_parent_packs_have_no_strategies() -> None:
    assert load_criteria("permenpanrb-90-2021").criteria.strategies == ()


def _overlay(tmp_path: Path, block: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "schema_version: 1\nid: mine\nextends: permenpanrb-90-2021\ntitle: T\n"
        "short_title: T\nlegal_basis: L\nstatus: {state: in_force}\n" + block,
        encoding="utf-8",
    )
    return path


def test_strategy_with_unknown_question_is_refused(zi: Callable[..., Run], tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        "strategies:\n  - id: s\n    name: S\n    reasoning: R\n"
        "    questions: [A.I.1.i.a, A.I.1.i.z]\n",
    )
    run = zi("criteria", "show", str(path))
    assert run.code == 2
    assert run.stderr == (
        f"kesalahan: {path}:12:28: strategies[0].questions[1]: id butir 'A.I.1.i.z' tidak dikenal "
        "(saran: maksud Anda 'A.I.1.i.b'?)\n"
    )


def test_question_serving_two_strategies_is_refused(zi: Callable[..., Run], tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        "strategies:\n  - {id: s, name: S, reasoning: R, questions: [A.I.1.i.a]}\n"
        "  - {id: t, name: T, reasoning: R, questions: [A.I.1.i.a]}\n"
        "  - {id: t, name: U, reasoning: R}\n",
    )
    run = zi("criteria", "show", str(path))
    assert run.code == 2
    assert "'A.I.1.i.a' sudah melayani strategi 's'" in run.stderr
    assert "strategi 't' ganda" in run.stderr


def test_strategy_unknown_key_is_refused(zi: Callable[..., Run], tmp_path: Path) -> None:
    path = _overlay(
        tmp_path, "strategies:\n  - {id: s, name: S, reasoning: R, butir: [A.I.1.i.a]}\n"
    )
    run = zi("criteria", "show", str(path))
    assert run.code == 2 and "butir" in run.stderr


def test_report_shows_strategies_for_kemenag_only(
    zi: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    kemenag = zi("report", "examples/kemenag-min-2-kota-bengkulu-2026q1.yaml").stdout
    assert "Strategi percepatan" in kemenag and "Strategi terlemah" in kemenag
    plain = zi("report", "examples/man-2-kota-bengkulu-2026q1.yaml").stdout
    assert "Strategi percepatan" not in plain


class HeatMap(HTMLParser):
    """The heat map: its header and each row's cell texts and colour classes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.head: list[str] = []
        self.rows: list[list[tuple[str, str]]] = []
        self._cell: list[str] | None = None
        self._class = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.inside = found.get("class") == "heat"
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self._cell, self._class = [], found.get("class") or ""

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.inside and tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell).strip()
            if tag == "th":
                self.head.append(text)
            else:
                self.rows[-1].append((text, self._class))
            self._cell = None
        elif tag == "table":
            self.inside = False


def test_dashboard_heat_map_is_percent_of_area_weight(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "dasbor.html"
    assert zi("report", "examples", "--period", "2026-Q2", "-o", str(out)).code == 0
    heat = HeatMap()
    heat.feed(out.read_text(encoding="utf-8"))
    rows = [r for r in heat.rows if r]
    assert heat.head[:2] == ["Unit", "Periode"] and len(heat.head) == 8
    by_name = {r[0][0]: r for r in rows}
    # Kankemenag Kota Bengkulu 2026-Q2, area Manajemen Perubahan: pemenuhan A.I.1 plus
    # reform A.II.1 over the area's 8.00 (4.00 + 4.00), from the engine's exact scores.
    card = load_unit("examples/kankemenag-kota-bengkulu-2026q2.yaml").assess().card
    areas = card.groups["area"]
    row = by_name["Kantor Kementerian Agama Kota Bengkulu"]
    for column, member in enumerate(areas, start=2):
        group = next(g for g in card.index.criteria.groups if g.id == "area")
        nodes = next(m.nodes for m in group.members if m.id == member)
        weight = sum(card.index.weights[n] for n in nodes)
        percent = areas[member] / weight * 100
        text, css = row[column]
        assert two_places(text) == two_places(
            str(Decimal(percent.numerator) / Decimal(percent.denominator))
        )
        # 90/2021's area minima are 60 % (WBK) and 75 % (WBBM) of the weight
        assert css == "n " + ("hi" if percent >= 75 else "mid" if percent >= 60 else "lo")
    assert row[2][0] == "96.88"  # (4.00 + 3.75) / 8: 96.875, half up


@pytest.mark.parametrize("blank", ["zero", "skip"])
def test_blank_answers_report_equals_json(
    blank: str, zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file with blanks: the verdict is provisional, and --blank skip averages the
    # answered questions only, in the report exactly as in the JSON.
    monkeypatch.chdir(ROOT)
    rel = "tests/data/valid/blank-answers.yaml"
    out = tmp_path / "laporan.html"
    assert zi("report", rel, "--blank", blank, "-o", str(out)).code == 0
    html = out.read_text(encoding="utf-8")
    assert check_unit(numbers(html), score_json(zi, rel, "--blank", blank)) > 100
    assert "Sementara: ada butir yang belum diisi" in html
    assert ("Rencana menghitung butir kosong 0" in html) == (blank == "skip")


def test_report_reads_standard_input(
    zi: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    text = (EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml").read_text(encoding="utf-8")
    run = zi("report", "-", stdin=text)
    assert run.code == 0
    assert '<dd class="path">-</dd>' in run.stdout
    check_unit(numbers(run.stdout), score_json(zi, "examples/man-2-kota-bengkulu-2026q1.yaml"))


def test_criteria_show_lists_the_strategies(zi: Callable[..., Run]) -> None:
    out = zi("criteria", "show", "kma-633-2020", "--detail", "--width", "100").stdout
    assert "Strategi (5; untuk laporan, tidak mengubah nilai)" in out
    assert "  Program yang menyentuh masyarakat (program-masyarakat): 3 butir" in out
    assert "butir: A.V.3.a, A.V.3.b, A.VI.2.e" in out
    # 11 + 6 + 3 + 19 + 6 = 45 of 84 questions serve a strategy
    assert "39 dari 84 butir tidak melayani strategi mana pun" in out
    assert "Strategi (" not in zi("criteria", "show", "permenpanrb-10-2019").stdout


# --- review layers ----------------------------------------------------------------------

REVIEW_UNIT = "examples/kankemenag-kota-bengkulu-2026q1.yaml"
REVIEW_TPI = "examples-review/kankemenag-kota-bengkulu-2026q1-tpi.yaml"
REVIEW_TPN = "examples-review/kankemenag-kota-bengkulu-2026q1-tpn.yaml"


class ReviewNumbers(HTMLParser):
    """Every element of the review section carrying ``data-zr`` (with its text), keyed
    by the difference or PIC row it sits in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, dict[str, str | None]] = {}
        self._open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self._row = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr":
            row = found.get("data-zr-diff") or found.get("data-zr-pic")
            self._row = "" if row is None else ("pic:" if "data-zr-pic" in found else "") + row
        if "data-zr" in found:
            self._open.append((tag, found, []))

    def handle_data(self, data: str) -> None:
        for _, _, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _, attrs, parts = self._open.pop()
            key = f"{self._row}|{attrs['data-zr']}" if self._row else attrs["data-zr"] or ""
            assert key not in self.found, key
            self.found[key] = {**attrs, "text": "".join(parts).strip()}


@pytest.mark.parametrize(
    "files", [(REVIEW_UNIT, REVIEW_TPI, REVIEW_TPN), (REVIEW_TPN,)], ids=["chain", "top-alone"]
)
def test_review_layers_equal_review_json(
    files: tuple[str, ...], zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "laporan.html"
    run = zi("report", *files, "--today", "2026-05-20", "-o", str(out))
    assert run.code == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert "Lapisan penilaian" in html
    # the report's own numbers are the unit's own answers
    check_unit(numbers(html), score_json(zi, REVIEW_UNIT))
    review = zi(
        "review", REVIEW_UNIT, REVIEW_TPI, REVIEW_TPN, "--today", "2026-05-20", "-f", "json"
    )
    assert review.code == 0, review.stderr
    payload = json.loads(review.stdout, parse_float=Decimal)
    parser = ReviewNumbers()
    parser.feed(html)
    found = parser.found
    expected: dict[str, str] = {}
    for layer in payload["layers"]:
        expected[f"total.{layer['name']}"] = str(layer["total"])
        expected[f"predicate.{layer['name']}"] = layer["predicate"] or ""
    for node in payload["nodes"]:
        if node["id"] == "total":
            continue
        for name, score in node["scores"].items():
            key = f"scores.{node['id']}.{name}"
            if key in found:
                expected[key] = str(score)
    for d in payload["differences"]:
        row = f"{d['layer']}.{d['id']}"
        expected[f"{row}|effect"] = str(d["effect"])
        expected[f"{row}|after"] = d["after"] or "kosong"
        if d["changed"]:
            expected[f"{row}|before"] = d["before"] or "kosong"
    for p in payload["follow_up"]:
        for key in ("open", "done", "overdue"):
            expected[f"pic:{p['pic']}|{key}"] = str(p[key])
    assert set(found) == set(expected)
    # every area and komponen is shown for every layer
    assert sum(1 for k in found if k.startswith("scores.")) >= 3 * 18
    for key, want in expected.items():
        attrs = found[key]
        if key.startswith("predicate."):
            assert (attrs["data-value"] or "") == want, key
        elif key.startswith(("total.", "scores.")) or key.endswith("|effect"):
            assert two_places(attrs["text"] or "") == Decimal(want), key
        else:
            assert attrs["text"] == want, key
    assert sum(1 for p in payload["follow_up"] if p["overdue"]) >= 1
    assert html.count("(lewat batas)") == sum(
        1 for d in payload["differences"] if d["follow_up"] and d["follow_up"]["overdue"]
    )
    for d in payload["differences"]:
        assert html.count(d["note"]) >= 1


def test_review_note_is_escaped(
    zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_bytes((ROOT / REVIEW_UNIT).read_bytes())
    review = tmp_path / "tpi.yaml"
    review.write_text(
        'reviews: unit.yaml\nlayer: tpi\nreviewer: "<img src=x onerror=alert(1)>"\n'
        "answers:\n"
        "  A.I.1.i.a:\n"
        "    note: \"</td></tr></table><script>alert('note')</script>{{ 7*7 }}\"\n"
        '    follow_up: {pic: "<b>PIC</b>", status: open}\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "laporan.html"
    run = zi("report", "tpi.yaml", "-o", str(out))
    assert run.code == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert_safe(html, scripts=0)
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(&#39;note&#39;)" in html
    assert "{{ 7*7 }}" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;PIC&lt;/b&gt;" in html and "<b>PIC" not in html


# --- the plan section is zi plan's default plan ----------------------------------------------


class PlanSection(HTMLParser):
    """The plan section's headline (the paragraph after its h3) and its step rows."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.tag: str | None = None
        self.after_h3 = False
        self.headline: str | None = None
        self.rows: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section" and ("class", "plan") in attrs:
            self.depth = 1
        elif self.depth and tag in ("h3", "p", "tr"):
            self.tag, self.text = tag, []

    def handle_data(self, data: str) -> None:
        if self.depth and self.tag:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag != self.tag:
            if tag == "section":
                self.depth = 0
            return
        text = " ".join("".join(self.text).split())
        if tag == "h3":
            self.after_h3 = True
        elif tag == "p" and self.after_h3 and self.headline is None:
            self.headline = text
        elif tag == "tr" and self.after_h3 and not text.startswith("#"):
            self.rows.append(" ".join(" ".join(self.text).split()))  # one word per cell
        self.tag = None


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=[p.stem for p in ALL_EXAMPLES])
def test_report_plan_is_zi_plans_default_plan(
    example: Path, zi: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    rel = str(example.relative_to(ROOT))
    out = tmp_path / "laporan.html"
    assert zi("report", rel, "-o", str(out)).code == 0
    section = PlanSection()
    section.feed(out.read_text(encoding="utf-8"))
    planned = json.loads(zi("plan", rel, "--format", "json").stdout)
    if score_json(zi, rel)["verdict"]["next"] is None:
        # the top predicate is reached: the report says so and shows no plan
        assert section.headline is None and section.rows == []
        assert planned["already_met"] and planned["steps"] == []
        return
    text = zi("plan", rel).stdout
    assert section.headline is not None and section.headline in " ".join(text.split())
    assert [r.split()[1] for r in section.rows] == [s["id"] for s in planned["steps"]]
    assert [r.split("→")[1].split()[0] for r in section.rows] == [
        s["proposed"] for s in planned["steps"]
    ]
