"""The language zi speaks: Bahasa Indonesia by default, English on request.

Every user-facing text in the code is written in English and marked with
:func:`_` (or :func:`N_` where it must stay untranslated until shown, or
:func:`ngettext` for counts); the Indonesian texts live in a standard gettext
catalog, ``locale/id/LC_MESSAGES/zi.po``, that a translator edits without
touching code (``scripts/i18n.py`` extracts, updates and compiles it with
Babel). English is the source language, so English needs no catalog.

Which language: ``--lang`` on the command line, else ``ZI_LANG``, else English
when the locale's message language (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the
first one set) is English, else Indonesian. JSON keys, ids and exit codes never
change with the language; only texts for people do.

:func:`use` is the only function that reads a file (the compiled catalog,
once per language); :func:`_` is a dictionary lookup, so the pure engine may
call it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

LANGUAGES = ("id", "en")
"""What zi speaks; the first is the default."""

DEFAULT = LANGUAGES[0]
DOMAIN = "zi"


class _State:
    """The language in use; until :func:`use` is called (zi used as a library), the
    code's own English."""

    lang = "en"
    translations: gettext.GNUTranslations | None = None
    loaded: dict[str, gettext.GNUTranslations] = {}  # noqa: RUF012 (one per process)


_state = _State()


class UnknownLanguage(ValueError):
    """A language zi does not speak was asked for."""

    def __init__(self, asked: str, where: str) -> None:
        super().__init__(asked, where)
        self.asked = asked
        self.where = where


def current() -> str:
    """The language in use: ``id`` or ``en``."""
    return _state.lang


def _(message: str) -> str:
    """``message`` (English, as written in the code) in the language in use."""
    t = _state.translations
    return message if t is None else t.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it yet (module-level
    tables, which are built before the language is known); translate with
    :func:`_` where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for ``n`` things."""
    t = _state.translations
    if t is None:
        return singular if n == 1 else plural
    return t.ngettext(singular, plural, n)


def normalise(code: str) -> str | None:
    """``en_US.UTF-8``, ``en``, ``English``, ``id_ID``, ``in`` -> ``en``/``id``;
    None for a language zi does not speak."""
    base = code.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if base in ("en", "english"):
        return "en"
    if base in ("id", "in", "ind", "indonesian", "indonesia", "bahasa"):
        return "id"
    return None


def choose(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language asked for by ``--lang X``/``--lang=X`` in ``argv`` (options
    end at ``--``), else ``ZI_LANG``, else the locale's message language.

    Raises :class:`UnknownLanguage` for ``--lang``/``ZI_LANG`` naming a language
    zi does not speak (a typo is not silently ignored); a locale that is not
    English means Indonesian.
    """
    asked = _from_argv(argv)
    if asked is not None:
        return _known(asked, "--lang")
    env = environ.get("ZI_LANG", "").strip()
    if env:
        return _known(env, "ZI_LANG")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            return "en" if normalise(value) == "en" else DEFAULT
    return DEFAULT


def _known(asked: str, where: str) -> str:
    lang = normalise(asked)
    if lang is None:
        raise UnknownLanguage(asked, where)
    return lang


def _from_argv(argv: Sequence[str]) -> str | None:
    found = None
    args = iter(argv)
    for arg in args:
        if arg == "--":
            break
        if arg == "--lang":
            found = next(args, "")
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def strip_lang(argv: Sequence[str]) -> list[str]:
    """``argv`` without its ``--lang`` options (already applied by :func:`choose`),
    so that ``--lang`` may stand anywhere before ``--``, not only before the
    command."""
    out: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--":
            out.append(arg)
            out.extend(args)
            break
        if arg == "--lang":
            next(args, None)
        elif not arg.startswith("--lang="):
            out.append(arg)
    return out


def use(lang: str) -> None:
    """Speak ``lang`` (``id`` or ``en``) from now on in this process."""
    if lang not in LANGUAGES:
        raise UnknownLanguage(lang, "language")
    _state.lang = lang
    if lang == "en":
        _state.translations = None
        return
    translations = _state.loaded.get(lang)
    if translations is None:
        translations = _state.loaded[lang] = _load(lang)
    _state.translations = translations


def _load(lang: str) -> gettext.GNUTranslations:
    import gettext
    import os

    # Beside this module, where every install puts package data; importlib.resources
    # would find it too (and inside a zip), but importing it costs a one-file run 18 ms.
    mo = os.path.join(os.path.dirname(__file__), "locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    fp: IO[bytes]
    try:
        fp = open(mo, "rb")  # noqa: SIM115 (closed below; the zip fallback shares the read)
    except FileNotFoundError:
        from importlib.resources import files

        fp = files("zicli").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo").open("rb")
    with fp:
        return gettext.GNUTranslations(fp)
