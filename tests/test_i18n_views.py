"""The views (zi diff, trend, plan, review, the unit report and the dashboard) speak
Indonesian by default and English with ``--lang en``; the HTML templates' texts are
the catalog's, escaped like any other text, and the page's ``lang`` follows."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from zicli import i18n

from .conftest import EXAMPLES, ROOT, Run
from .english import english_words
from .test_i18n import _readable, _script

Zi = Callable[..., Run]

REVIEW = ROOT / "examples-review" / "kankemenag-kota-bengkulu-2026q1-tpn.yaml"
BENGKULU_Q1 = str(EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml")
MAN2_Q1 = str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml")
MAN2_Q2 = str(EXAMPLES / "man-2-kota-bengkulu-2026q2.yaml")
KUA = str(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml")
REJANG_LEBONG_2021 = str(EXAMPLES / "kankemenag-kabupaten-rejang-lebong-2021.yaml")


def _both(zi: Zi, *args: str) -> tuple[Run, Run]:
    indonesian = zi(*args)
    english = zi("--lang", "en", *args)
    assert indonesian.code == english.code, (indonesian.stderr, english.stderr)
    return indonesian, english


def test_diff_table_and_markdown(zi: Zi) -> None:
    idn, eng = _both(zi, "diff", MAN2_Q1, MAN2_Q2)
    assert "Jawaban yang berubah (8), efek terbesar dulu:" in idn.stdout
    assert "Changed answers (8), largest effect first:" in eng.stdout
    assert "Sum of the effects +1.34 = change of the total (exact, no rounding)." in eng.stdout
    assert "Predicate: Menuju WBK -> Menuju WBK (unchanged)" in eng.stdout
    idn, eng = _both(zi, "diff", MAN2_Q1, MAN2_Q2, "-f", "markdown")
    assert "**Syarat yang berubah**" in idn.stdout and "- kini terpenuhi: " in idn.stdout
    assert "**Conditions that changed**" in eng.stdout and "- now met: " in eng.stdout
    assert "| survey index |" in eng.stdout and "| nilai survei |" in idn.stdout


def test_folder_diff(zi: Zi, tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "a.yaml").write_text(Path(MAN2_Q1).read_text(encoding="utf-8"), encoding="utf-8")
    (old / "b.yaml").write_text(Path(KUA).read_text(encoding="utf-8"), encoding="utf-8")
    (new / "a.yaml").write_text(Path(MAN2_Q2).read_text(encoding="utf-8"), encoding="utf-8")
    idn, eng = _both(zi, "diff", str(old), str(new))
    assert "2 satuan kerja: 1 dibandingkan, 0 baru, 1 dihapus" in idn.stdout
    assert "2 units: 1 compared, 0 new, 1 removed" in eng.stdout
    idn, eng = _both(zi, "diff", str(old), str(new), "-f", "markdown")
    assert "### Perbandingan satuan kerja" in idn.stdout
    assert "### Comparison of units" in eng.stdout


def test_trend_table_markdown_and_csv(zi: Zi) -> None:
    args = ("trend", REJANG_LEBONG_2021, BENGKULU_Q1, "--mixed-units")
    idn, eng = _both(zi, *args)
    assert "2 periode: 2021, 2026-Q1" in idn.stdout
    assert "2 periods: 2021, 2026-Q1" in eng.stdout
    assert "Different criteria across periods" in " ".join(eng.stdout.split())
    assert not english_words(idn.stdout)
    idn, eng = _both(zi, *args, "-f", "markdown")
    assert "| Nilai total |" in idn.stdout and "| Total score |" in eng.stdout
    idn, eng = _both(zi, *args, "-f", "csv")
    assert idn.stdout == eng.stdout  # CSV: ids and values, no language


def test_plan_table_markdown_and_json(zi: Zi) -> None:
    idn, eng = _both(zi, "plan", KUA, "--max-steps", "1", "--target", "WBK")
    assert "Tidak ada rencana yang mencapai Menuju WBK." in idn.stdout
    assert "No plan reaches Menuju WBK." in eng.stdout
    assert "if unfrozen, B.I.a alone is enough: 3.50 → 3.60" in eng.stdout
    idn, eng = _both(zi, "plan", KUA, "--free-surveys", "-f", "markdown")
    assert "### Langkah" in idn.stdout and "### Steps" in eng.stdout
    assert "### Coba tanpa mengubah berkas" in idn.stdout
    assert "### Try it without changing the file" in eng.stdout
    # the engine's reasons follow the language; ids and numbers do not
    idn, eng = _both(zi, "plan", MAN2_Q1, "--target", "WBBM", "-f", "json")
    data, english = json.loads(idn.stdout), json.loads(eng.stdout)
    reasons = [b["reason"] for b in data["blocked_by"] if b["kind"] == "score"]
    assert reasons == [
        "perlu 15.75; paling tinggi 14.875 yang dapat dicapai bila butir yang dibekukan "
        "tetap seperti sekarang"
    ]
    assert [b["reason"] for b in english["blocked_by"] if b["kind"] == "score"] == [
        "needs 15.75; at most 14.875 can be reached with the frozen questions as they are"
    ]
    strip = ("reason",)
    assert [{k: v for k, v in b.items() if k not in strip} for b in data["blocked_by"]] == [
        {k: v for k, v in b.items() if k not in strip} for b in english["blocked_by"]
    ]
    assert {k: v for k, v in data.items() if k != "blocked_by"} == {
        k: v for k, v in english.items() if k != "blocked_by"
    }


def test_plan_max_steps_reason(zi: Zi) -> None:
    args = ("plan", KUA, "--free-surveys", "--max-steps", "0", "-f", "json")
    idn, eng = _both(zi, *args)
    (limit,) = json.loads(idn.stdout)["blocked_by"]
    (other,) = json.loads(eng.stdout)["blocked_by"]
    assert limit["kind"] == other["kind"] == "max_steps"
    assert limit["description"] == "Batas langkah (--max-steps)"
    assert limit["reason"] == "rencana terpendek mengubah 1 butir, lebih dari 0"
    assert other["description"] == "Step limit (--max-steps)"
    assert other["reason"] == "the shortest plan changes 1 question, more than 0"
    table = zi("--lang", "en", *args[:-2])
    assert "the shortest plan changes 1 question, more than --max-steps 0" in " ".join(
        table.stdout.split()
    )


def test_review_table(zi: Zi) -> None:
    idn, eng = _both(zi, "review", str(REVIEW), "--today", "2026-06-01")
    assert "Tindak lanjut per PIC (per 2026-06-01):" in idn.stdout
    assert "Follow-up per PIC (as of 2026-06-01):" in eng.stdout
    assert "\nmandiri: " in idn.stdout and "\nself: " in eng.stdout
    assert "overdue: A.I.1.iii.a (tpi), Ketua Tim Kerja ZI, due 2026-05-15" in eng.stdout
    idn, eng = _both(zi, "review", str(REVIEW), "--today", "2026-06-01", "-f", "json")
    assert idn.stdout == eng.stdout  # ids, numbers and the files' own notes


def _page(zi: Zi, tmp_path: Path, *args: str, lang: str = "id") -> str:
    out = tmp_path / f"page-{lang}.html"
    lang_args = ("--lang", lang) if lang != "id" else ()
    run = zi(*lang_args, "report", *args, "-o", str(out))
    assert run.code in (0, 2), run.stderr
    return out.read_text(encoding="utf-8")


def test_unit_report_follows_the_language(
    zi: Zi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = (MAN2_Q1, MAN2_Q2)
    indonesian = _page(zi, tmp_path, *args)
    english = _page(zi, tmp_path, *args, lang="en")
    again = _page(zi, tmp_path, *args)
    assert again == indonesian  # nothing of the English page was kept
    assert '<html lang="id">' in indonesian and '<html lang="en">' in english
    assert "Laporan Penilaian Mandiri Zona Integritas" in indonesian
    assert "Zona Integritas self-assessment report" in english
    assert '<dd><span data-zi="completeness.answered">113</span> dari ' in indonesian
    assert '<dd><span data-zi="completeness.answered">113</span> of ' in english
    assert "Tren antarperiode" in indonesian and "Trend across periods" in english
    assert "Ketua Tim Kerja Zona Integritas" in indonesian
    assert "Head of the Zona Integritas Tim Kerja" in english
    assert 'data-label="Syarat"' in indonesian and 'data-label="Condition"' in english
    # the numbers a program reads are the same in both
    from .test_report import numbers

    def values(page: str) -> list[tuple[str | None, str | None, str, str | None]]:
        return [(row, cond, key, found["text"]) for row, cond, key, found in numbers(page)]

    assert values(indonesian) == values(english)
    text = _readable("html", indonesian)
    assert [line for line in text.splitlines() if english_words(line)] == []


def test_review_section_and_plan_section_in_english(
    zi: Zi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = (BENGKULU_Q1, str(REVIEW), "--today", "2026-06-01")
    indonesian = _page(zi, tmp_path, *args)
    english = _page(zi, tmp_path, *args, lang="en")
    assert "<h2>Lapisan penilaian</h2>" in indonesian
    assert "<h2>Review layers</h2>" in english
    assert "(sama dengan <code>zi review</code>)" in indonesian  # markup kept, not escaped
    assert "(as <code>zi review</code> shows them)" in english
    assert "<strong>(lewat batas)</strong>" in indonesian
    assert "<strong>(past the deadline)</strong>" in english
    plan = _page(zi, tmp_path, MAN2_Q2, lang="en")
    assert "<h2>What is not met yet, and the plan</h2>" in plan
    assert "Still short of <strong>Menuju WBBM</strong>:" in plan


def test_dashboard_follows_the_language(
    zi: Zi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT / "tests" / "data")
    args = ("invalid/control-chars.yaml", "hostile")
    indonesian = _page(zi, tmp_path, *args)
    english = _page(zi, tmp_path, *args, lang="en")
    assert '<html lang="id">' in indonesian and '<html lang="en">' in english
    assert 'data-text="{shown} dari {total} unit"' in indonesian
    assert 'data-text="{shown} of {total} units"' in english
    assert "(dan 1 masalah lain; lihat <code>zi validate</code>)" in indonesian
    assert "(and 1 more problem; see <code>zi validate</code>)" in english
    assert "<h2>Area heat map</h2>" in english
    assert "Dasbor Zona Integritas" in indonesian


def test_a_translation_is_text_not_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    """A translator's ``<`` or ``&`` is shown, never parsed; ``{% trans %}`` variables
    are escaped and cleaned of control characters like every expression."""
    from zicli.render.htmlkit import _environment

    class Hostile:
        def gettext(self, message: str) -> str:
            return "<b>&" + message + "</b>"

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return "<i>" + (singular if n == 1 else plural) + "</i>"

    monkeypatch.setattr(i18n._state, "translations", Hostile())
    page = _environment().from_string(
        '{{ _("Score") }}|{% trans name=x %}see {{ name }}{% endtrans %}|'
        "{% trans n=2 %}{{ n }} file{% pluralize %}{{ n }} files{% endtrans %}"
    )
    assert page.render(x="<script>\x07") == (
        "&lt;b&gt;&amp;Score&lt;/b&gt;|&lt;b&gt;&amp;see &lt;script&gt;\ufffd&lt;/b&gt;|"
        "&lt;i&gt;2 files&lt;/i&gt;"
    )


def test_the_catalog_holds_every_template_message_as_the_pages_look_it_up() -> None:
    """Each template parsed by the environment that renders it (trimmed blocks, new-style
    gettext's %%) asks for exactly the messages scripts/i18n.py extracted from it: a text
    the extractor missed or wrote differently would stay English."""
    from jinja2.ext import extract_from_ast

    from zicli.render.htmlkit import TEMPLATES, _environment

    env = _environment()
    at_run_time: set[str] = set()
    for path in sorted(TEMPLATES.rglob("*.j2")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for _line, _function, message in extract_from_ast(tree, ("_", "gettext", "ngettext")):
            assert message is not None, path.name
            first = message if isinstance(message, str) else message[0]
            assert isinstance(first, str), (path.name, message)
            at_run_time.add(first)
    extracted = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in _script().extract()
        if m.id and any(where.endswith(".j2") for where, _ in m.locations)
    }
    assert len(at_run_time) > 100
    assert at_run_time == extracted
