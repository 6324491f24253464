"""What the HTML views share: the Jinja2 environment, escaping, links and colours.

Every string from a file reaches the page through :func:`render`, whose environment
escapes every expression (autoescape) after :func:`clean` has replaced control
characters; links are made only by :func:`safe_href` (http(s) or a relative path;
:func:`file_href` percent-encodes a file's path); the only text written into CSS is
:func:`css_string`'s hex-escaped form. Jinja2 is imported when a page is made, never
at start-up.

Texts in the templates are marked for translation (``{% trans %}`` blocks and
``_("...")``, Jinja2's i18n extension with new-style gettext, trimmed blocks, as
``scripts/i18n.py`` extracts them); a translation is text, never markup: it is
escaped like any other string, and the page's ``lang`` follows the language.
"""

from __future__ import annotations

import functools
import posixpath
import re
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"

# C0 and C1 controls (tab and newline excepted), and the bidirectional overrides that
# can make a name read differently from what it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def clean(value: Any) -> Any:
    """Text with control characters shown as U+FFFD (they are not valid in HTML);
    other values (numbers, already safe markup) as they are."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return _CONTROL.sub("\ufffd", value)
    return value


def safe_href(target: str) -> str | None:
    """``target`` as a link when it is an http(s) URL or a relative file path; None for
    anything else (``javascript:``, ``data:``, absolute paths, other schemes)."""
    text = target.strip()
    # A browser drops tabs and newlines inside a URL ("java\tscript:"): refuse them.
    if not text or _CONTROL.search(text) or any(c.isspace() and c != " " for c in text):
        return None
    if "\\" in text or text.startswith("//"):
        return None
    if _SCHEME.match(text):  # also refuses a Windows drive (C:...)
        parts = urlsplit(text)
        if parts.scheme.lower() in ("http", "https") and parts.netloc:
            return text
        return None
    if text.startswith("/"):
        return None
    if ":" in re.split(r"[/?#]", text, maxsplit=1)[0]:
        return None
    return text


def file_href(target: str, base: str = "") -> str | None:
    """A link to data dukung: an http(s) URL as given (it is a URL already); a
    relative file path, joined to ``base`` (how the page reaches the answer file's
    folder), as a URL path with each segment percent-encoded (a file may be named
    ``a b#c?d%20.pdf``: unencoded, a browser would open ``a b``); None for what
    :func:`safe_href` refuses."""
    href = safe_href(target)
    if href is None or _SCHEME.match(href):
        return href
    if base:
        href = posixpath.normpath(posixpath.join(base, href))
    # a name that is not UTF-8 (decoded with surrogateescape) is linked by its own bytes
    return "/".join(
        quote(part.encode("utf-8", "surrogateescape"), safe="") for part in href.split("/")
    )


def css_string(text: str) -> str:
    """A CSS string literal whose every character outside [A-Za-z0-9 .,-] is a hex
    escape: nothing in it can end the string, the rule or the style element."""
    out = ['"']
    for ch in clean(text):
        if ch.isascii() and (ch.isalnum() or ch in " .,-"):
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x}")
    out.append('"')
    return "".join(out)


def level(percent: Fraction | None, lines: tuple[Fraction, ...]) -> str:
    """A colour class for a percent of weight against the pack's lines (60 %, 75 %):
    ``lo`` under the first, ``mid`` between, ``hi`` at or over the last."""
    if percent is None or not lines:
        return "na"
    if percent < lines[0]:
        return "lo"
    if percent < lines[-1]:
        return "mid"
    return "hi"


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    from zicli.render.common import num

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=clean,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.filters["num"] = num
    env.filters["href"] = safe_href
    env.filters["css_string"] = css_string
    # The language is looked up at each call, so one environment serves both.
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _gettext, _ngettext, newstyle=True
    )
    for name in ("gettext", "ngettext"):
        env.globals[name] = _cleaning(env.globals[name])
    return env


def _gettext(message: str) -> str:
    """A template's message in the language in use, escaped: a translation is text."""
    from zicli.i18n import _

    return escape(_(message))


def _ngettext(singular: str, plural: str, n: int) -> str:
    from zicli.i18n import ngettext

    return escape(ngettext(singular, plural, n))


def _cleaning(function: Any) -> Any:
    """Jinja2's gettext with its ``{% trans %}`` variables cleaned as every other
    expression is (``finalize`` sees only the translated whole)."""

    @functools.wraps(function)  # keeps Jinja2's pass_context mark
    def call(*args: Any, **variables: Any) -> Any:
        return function(*args, **{k: clean(v) for k, v in variables.items()})

    return call


def render(template: str, **context: Any) -> str:
    """A page from one of the package's templates (``lang``: the language in use)."""
    from zicli.i18n import current

    return _environment().get_template(template).render(lang=current(), **context)


def markup(text: str) -> Any:
    """Trusted markup made by zi (an SVG chart built with escaped text)."""
    from markupsafe import Markup

    return Markup(text)


def escape(text: str) -> str:
    """Text escaped for HTML or SVG (element text and quoted attributes)."""
    from markupsafe import escape as _escape

    return str(_escape(clean(text)))
