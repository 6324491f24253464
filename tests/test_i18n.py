"""zi speaks Bahasa Indonesia first and English on request.

The catalog is in step with the code (every message the code marks has an Indonesian
translation with the same placeholders, and the compiled catalog is the .po's), the
language is chosen as documented, and Indonesian output holds no English sentence.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from zicli import i18n

from .conftest import ROOT, Run, zi_process
from .english import english_words
from .golden import GOLDEN

Zi = Callable[..., Run]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("zi_i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_has_both_translations() -> None:
    """English is the code's own text (the msgid); Indonesian is in id.po, complete, not
    fuzzy, with the same ``{fields}``; the .pot is the code's and the .mo the .po's."""
    problems = _script().problems()
    assert problems == [], "\n".join(problems[:40])


def test_the_catalog_is_loaded_for_indonesian_only() -> None:
    try:
        i18n.use("en")
        assert i18n._("Show the version.") == "Show the version."
        i18n.use("id")
        assert i18n._("Show the version.") == "Tampilkan versi."
    finally:
        i18n.use("id")


@pytest.mark.parametrize(
    ("argv", "env", "lang"),
    [
        ([], {}, "id"),
        ([], {"LANG": "C.UTF-8"}, "id"),
        ([], {"LANG": "id_ID.UTF-8"}, "id"),
        ([], {"LANG": "en_US.UTF-8"}, "en"),
        ([], {"LANG": "en_GB"}, "en"),
        ([], {"LANG": "fr_FR.UTF-8"}, "id"),
        ([], {"LC_MESSAGES": "en_US.UTF-8", "LANG": "id_ID"}, "en"),
        ([], {"LC_ALL": "id_ID.UTF-8", "LC_MESSAGES": "en_US"}, "id"),
        ([], {"ZI_LANG": "en", "LANG": "id_ID"}, "en"),
        ([], {"ZI_LANG": "id", "LANG": "en_US.UTF-8"}, "id"),
        (["--lang", "en"], {"ZI_LANG": "id"}, "en"),
        (["score", "x.yaml", "--lang=en"], {}, "en"),
        (["--lang", "id"], {"LANG": "en_US"}, "id"),
        (["score", "--", "--lang", "en"], {}, "id"),  # after -- it is a file's name
    ],
)
def test_the_language_is_chosen_as_documented(
    argv: list[str], env: dict[str, str], lang: str
) -> None:
    assert i18n.choose(argv, env) == lang


@pytest.mark.parametrize(("argv", "env"), [(["--lang", "fr"], {}), ([], {"ZI_LANG": "jv"})])
def test_a_language_zi_does_not_speak_is_refused(argv: list[str], env: dict[str, str]) -> None:
    with pytest.raises(i18n.UnknownLanguage):
        i18n.choose(argv, env)


def test_lang_options_are_taken_out_wherever_they_stand() -> None:
    argv = ["--lang", "en", "score", "x.yaml", "--lang=id", "-f", "json", "--", "--lang"]
    assert i18n.strip_lang(argv) == ["score", "x.yaml", "-f", "json", "--", "--lang"]


def test_an_unknown_language_is_a_located_usage_error() -> None:
    out = zi_process("--lang", "fr", "criteria", "list")
    assert out.returncode == 2
    assert out.stderr.startswith("kesalahan: --lang: ")
    assert "Traceback" not in out.stderr
    bad_env = zi_process("criteria", "list", ZI_LANG="fr")
    assert bad_env.returncode == 2
    assert bad_env.stderr.startswith("kesalahan: ZI_LANG: ")


def test_help_follows_the_language() -> None:
    indonesian = zi_process("--help", COLUMNS="100")
    english = zi_process("--help", COLUMNS="100", LANG="en_US.UTF-8")
    assert indonesian.returncode == english.returncode == 0
    assert "Tampilkan versi." in indonesian.stdout
    assert "Show the version." in english.stdout
    assert zi_process("--lang", "en", "--help", COLUMNS="100").stdout == english.stdout


def test_the_english_word_finder_ignores_what_stays_english() -> None:
    assert english_words("lihat 'zi evidence'; --require-evidence; answers.A.I.1.a kosong") == []
    assert english_words("Peringatan: 10 of 113 questions are blank") == [
        "of",
        "questions",
        "are",
        "blank",
    ]


GOLDENS = sorted(str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*") if p.is_file())


@pytest.mark.parametrize("name", GOLDENS)
def test_golden_outputs_hold_no_english(name: str) -> None:
    text = (GOLDEN / name).read_text(encoding="utf-8")
    if name.endswith(".csv"):
        text = text.partition("\n")[2]  # a CSV header is column ids, for programs
    lines = [line for line in text.splitlines() if english_words(line)]
    assert lines == []


HUMAN_FORMATS = ("table", "markdown", "html", "github", "junit")
"""Formats read by people (JSON and CSV carry ids for programs; their messages are
checked through stderr)."""


def _readable(fmt: str, text: str) -> str:
    """What a person reads of an output: the text of HTML and XML (not its markup, styles
    or scripts, but its titles and messages), a workflow command's message."""
    if fmt in ("html", "junit"):
        from html.parser import HTMLParser

        class Text(HTMLParser):
            def __init__(self) -> None:
                super().__init__()
                self.parts: list[str] = []
                self.skip = 0

            def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                if tag in ("style", "script"):
                    self.skip += 1
                for key, value in attrs:
                    if key in ("title", "aria-label", "alt", "message", "placeholder") and value:
                        self.parts.append(value)

            def handle_endtag(self, tag: str) -> None:
                if tag in ("style", "script"):
                    self.skip -= 1

            def handle_data(self, data: str) -> None:
                if not self.skip:
                    self.parts.append(data)

        parser = Text()
        parser.feed(text)
        return "\n".join(parser.parts)
    if fmt == "github":
        import re

        return re.sub(r"^::\w+(?: [^:]*)?::", "", text, flags=re.M)
    return text


def _cases() -> list[tuple[str, str]]:
    from zicli.render.registry import VIEWS, formats

    return [(view, name) for view in sorted(VIEWS) for name in formats(view)]


@pytest.mark.parametrize(("view", "name"), _cases())
def test_indonesian_output_holds_no_english(view: str, name: str, zi: Zi, tmp_path: Path) -> None:
    """Every command x format, on valid and on invalid input: what people read (stdout of
    the human formats, every diagnostic on stderr) is Indonesian."""
    from .test_formats import COMMANDS

    valid, _codes, invalid = COMMANDS[view]
    runs = [valid(tmp_path)] + ([invalid(tmp_path)] if invalid is not None else [])
    leftovers = []
    for argv in runs:
        out = zi(*argv, "--format", name)
        texts = [out.stderr] + ([_readable(name, out.stdout)] if name in HUMAN_FORMATS else [])
        for text in texts:
            leftovers += [line for line in text.splitlines() if english_words(line)]
    assert leftovers == []
