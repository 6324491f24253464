"""Escaping for each output medium, one function per medium, used by every renderer
that writes to it.

Any string that came from a file (unit names, file names, notes, pack names and
labels, error messages quoting them) may hold anything: control characters, line
breaks, lone surrogates (a file name that is not UTF-8, decoded with
``surrogateescape``). Each medium has its own hazards and its own rule:

* terminal text (:func:`terminal`): C0/C1 controls and DEL (ESC sequences, OSC 52
  clipboard writes, window titles, CSI), line and paragraph separators and bidi
  overrides are each replaced by one visible character (a Control Pictures
  symbol such as ``␛`` or ``␊``, else ``�``), so a name can neither drive the
  terminal nor start a new line (``::error`` at column 0 in a CI log);
* Markdown (:func:`md_text`, in cells, headings and lines alike): every character
  that starts markup (``\\ ` * _ [ ] < > | ~ &``, a leading ``#``) backslash-escaped,
  line breaks (LF, CR, CRLF) made spaces, other controls as for the terminal; code
  spans (:func:`md_code`) and raw HTML (:func:`md_html`) have their own rules;
* CSV cells (:func:`csv_cell`): a cell whose first non-blank character is
  ``= + - @`` (or that starts with tab or CR) gets a leading ``'``; controls other
  than tab and line breaks shown as on a terminal;
* XML text and attributes (:func:`xml_text`, :func:`xml_attr`): characters XML 1.0
  forbids (and C1 controls) replaced (:func:`xml_clean`, which the workbook writer
  uses for every cell), then ``& < >`` (and quotes) escaped;
* JSON (:func:`zicli.render.jsontext.encode`, with :func:`json_escape_more`):
  standard escapes, and DEL, C1 controls, U+2028/U+2029 and lone surrogates as
  ``\\uXXXX``: a lone surrogate (a non-UTF-8 file name) is written as its
  ``\\udcXX`` escape, so the text stays valid UTF-8 and Python's ``json`` reads
  back the very string ``os.fsdecode`` gave;
* GitHub workflow commands (:func:`gh_data`, :func:`gh_property`): ``%``, CR and
  LF percent-encoded, and ``:`` and ``,`` in properties too.

Every replacement keeps the text's length in characters where it can (one
character for one), so styled rich text keeps its spans.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
"""What a character with no picture of its own (a C1 control, a lone surrogate) becomes."""

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Bidirectional controls: they reorder what a reader sees (Trojan Source)."""


def _picture(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟ (␊ for LF, ␛ for ESC)
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT


_TERMINAL: dict[int, str] = {c: _picture(c) for c in (*range(0x20), *range(0x7F, 0xA0))}
_TERMINAL |= {ord(c): REPLACEMENT for c in "\u2028\u2029" + _BIDI}
_TERMINAL |= dict.fromkeys(range(55296, 57344), REPLACEMENT)
# Patterns with wide ranges take a millisecond each to compile, and most runs never
# need them (the text is plain ASCII): compiled on first use, by re's own cache.
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff" + _BIDI + "]"


def terminal(text: str) -> str:
    """Text safe on a terminal and in a CI log: every control character (newline
    included), separator, bidi control and lone surrogate replaced by one visible
    character."""
    if text.isascii() and text.isprintable():
        return text
    if not re.search(_UNSAFE, text):
        return text
    return text.translate(_TERMINAL)


_KEEP_LF = {c: v for c, v in _TERMINAL.items() if c != 0x0A}


def terminal_keep_lines(text: str) -> str:
    """Like :func:`terminal` but keeping line breaks: for text zi has already laid
    out in lines (the last net under a report; names from files are escaped with
    :func:`terminal` before they are laid out)."""
    if text.isascii() and text.isprintable():
        return text
    if not re.search(_UNSAFE, text):
        return text
    return text.translate(_KEEP_LF)


_COMMAND_LINE = re.compile(r"^([ \t]*):(?=:)", re.MULTILINE)


def no_commands(text: str) -> str:
    """Text in which no line starts (after blanks) with ``::``: GitHub Actions runs
    such a line of a job's log as a workflow command (``::error``,
    ``::stop-commands::``), so the first colon of one becomes ``：`` (U+FF1A).
    Only ``--format github`` writes workflow commands, and only its own."""
    if "::" not in text:
        return text
    return _COMMAND_LINE.sub("\\1\uff1a", text)


def as_is(text: str) -> str:
    """No escaping: for a view that words a text the same for every medium and takes
    the medium's escape as a parameter (the table escapes later, as a whole)."""
    return text


_MD_BREAK = re.compile(r"\r\n|\r|\n")
_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>|~&]")


def md_text(text: str, *, line_start: bool = False) -> str:
    """Text from a file shown literally in Markdown (a table cell, a heading, a list
    item, a line): every character that can start markup (``\\ ` * _ [ ] < > | ~
    &``) backslash-escaped, as a leading ``#``, so a name makes no link, image,
    emphasis, HTML tag, heading or table break; line breaks (LF, CR) made spaces
    and other controls shown as on a terminal, so it cannot start a line either.
    ``line_start``: the text begins a line, where ``- 1. + =`` would start a list,
    a rule or a heading, so they are escaped too. (Not for code spans, where a
    backslash is shown: :func:`md_code`; nor for raw HTML: :func:`md_html`.)"""
    text = terminal(_MD_BREAK.sub(" ", text))
    text = _MD_SPECIAL.sub(r"\\\g<0>", text)
    stripped = text.lstrip(" ")
    if stripped.startswith("#"):
        text = text.replace("#", "\\#", 1)
    elif line_start:
        text = _md_line_start(text)
    if stripped.startswith("::"):
        # '\:' shows as ':' on GitHub, and the line no longer starts with '::'
        text = text.replace(":", "\\:", 1)
    return text


def _md_line_start(text: str) -> str:
    stripped = text.lstrip(" ")
    blanks = text[: len(text) - len(stripped)]
    number = re.match(r"\d{1,9}(?=[.)]( |$))", stripped)
    if number is not None:  # '1. a': an ordered list
        end = number.end()
        return blanks + stripped[:end] + "\\" + stripped[end:]
    if stripped[:1] in ("-", "+", "=") and (
        stripped[1:2] in ("", " ") or set(stripped.rstrip()) <= {stripped[0]}
    ):  # '- a', '+ a': a list; '---', '===': a rule or a heading's underline
        return blanks + "\\" + stripped
    return text


_MD_TICKS = re.compile(r"`+")


def md_code(text: str, *, cell: bool = True) -> str:
    """Text from a file as a Markdown code span (an id, a file name), with its
    delimiters: a run of backticks longer than any in the text (padded with a blank
    where the text starts or ends with one), in a table ``cell`` ``|`` escaped (GitHub
    reads ``\\|`` in a code span in a table as ``|``), line breaks made spaces and
    other controls shown as on a terminal."""
    text = terminal(_MD_BREAK.sub(" ", text))
    if cell:
        text = text.replace("|", "\\|")
    ticks = "`" * (max((len(run) for run in _MD_TICKS.findall(text)), default=0) + 1)
    if text.startswith("`") or text.endswith("`"):
        text = f" {text} "
    return f"{ticks}{text}{ticks}"


def md_html(text: str) -> str:
    """Text from a file inside raw HTML in Markdown (a ``<summary>``: Markdown is not
    read there, so backslashes would show): ``& < >`` as entities, line breaks made
    spaces (a blank line would end the HTML block), other controls shown as on a
    terminal."""
    return xml_text(terminal(_MD_BREAK.sub(" ", text)))


_CELL_COMMAND = re.compile(r"(\n[ \t]*)(?=::)")
_CSV_CONTROLS = {c: v for c, v in _TERMINAL.items() if c < 0xA0 and c not in (0x09, 0x0A, 0x0D)}
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")
_FORMULA = "=+-@"


def csv_cell(text: str) -> str:
    """Text safe in a CSV cell opened by a spreadsheet: a cell whose first
    non-blank character is ``= + - @``, or that starts with tab or CR, would run as
    a formula, so it gets a leading ``'``; plain numbers (a negative delta) and a
    lone ``-`` stay as they are. A line break is LF (the writer quotes the cell),
    and a line in it that starts with ``::`` gets a ``'`` too. Lone surrogates
    become ``�`` (the file is UTF-8), and other controls (ESC, BEL, DEL, C1) are
    shown as on a terminal: the cell keeps one character for each, so a file name
    with an ESC sequence still names its file (a raw one is dropped on the way to
    standard output, and drives the terminal of whoever prints the file)."""
    if has_surrogate(text):
        text = re.sub(_SURROGATE, REPLACEMENT, text)
    if not text.isprintable():
        text = text.translate(_CSV_CONTROLS)
    if not text or text == "-":
        return text
    stripped = text.lstrip()
    if text[0] in "\t\r" or (
        stripped
        and (stripped[0] in _FORMULA or stripped.startswith("::"))
        and not _NUMBER.fullmatch(stripped)
    ):
        text = "'" + text
    if "\n" in text or "\r" in text:
        # Python's csv module leaves a lone CR unquoted (it quotes only the line
        # terminator, LF), and a reader then starts a new row there: CR becomes LF.
        # A quoted cell's later lines are lines of a CI log too.
        text = _CELL_COMMAND.sub("\\1'", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text


_XML_FORBIDDEN = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"


def xml_clean(text: str) -> str:
    """Text made of characters XML 1.0 allows (what an ``.xlsx`` cell can hold too):
    each forbidden one (most C0 controls, DEL and C1 controls, lone surrogates,
    U+FFFE/U+FFFF) shown as its Control Pictures symbol (U+2401 for U+0001) or U+FFFD; tab
    and line breaks stay. Nothing is escaped: for a writer that escapes itself."""
    if text.isascii() and text.isprintable():
        return text
    return re.sub(_XML_FORBIDDEN, lambda m: _picture(ord(m.group())), text)


# (not xml.sax.saxutils: it imports urllib.request, and this module is on every report's path)
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_XML_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def xml_text(text: str) -> str:
    """Character data for XML 1.0: forbidden characters (most C0 controls, lone
    surrogates, U+FFFE/U+FFFF) and C1 controls replaced, ``& < >`` escaped."""
    return xml_clean(text).translate(_XML_TEXT)


def xml_attr(text: str) -> str:
    """An attribute value for XML 1.0 in double quotes (line breaks and tabs as
    character references, so they survive attribute normalisation)."""
    return '"' + xml_clean(text).translate(_XML_ATTR) + '"'


_SURROGATE = "[\ud800-\udfff]"


def has_surrogate(text: str) -> bool:
    """True for text with a lone surrogate (a file name that is not UTF-8)."""
    return not text.isascii() and re.search(_SURROGATE, text) is not None


_JSON_MORE = "[\x7f-\x9f\u2028\u2029\ud800-\udfff]"


def json_escape_more(encoded: str) -> str:
    """A JSON string (already encoded) with what the standard escapes leave raw
    written as ``\\uXXXX`` too: lone surrogates (valid UTF-8 text results), DEL
    and C1 controls, and the line and paragraph separators (a line reader that
    splits on them, as Python's ``splitlines`` does, still sees one JSON line)."""
    if encoded.isascii() and "\x7f" not in encoded:
        return encoded
    return re.sub(_JSON_MORE, lambda m: f"\\u{ord(m.group()):04x}", encoded)


def gh_data(text: str) -> str:
    """The message of a GitHub workflow command: ``%``, CR and LF percent-encoded
    (GitHub's own rule), other controls shown as on a terminal, so one command is
    one line and nothing in it starts another."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal(text)


def gh_property(text: str) -> str:
    """A property value of a workflow command (``file=``, ``title=``): as
    :func:`gh_data`, and ``:`` and ``,`` percent-encoded too."""
    return gh_data(text).replace(":", "%3A").replace(",", "%2C")
