"""Strict, located YAML reading: the only place that parses YAML.

PyYAML's own loaders apply YAML 1.1 rules that silently change what a person
wrote (``No`` becomes ``False``, ``1.10`` the float ``1.1``, ``075`` the octal 61,
a duplicate key overwrites the first). This module builds plain Python values
straight from libyaml's event stream instead, with these rules:

* mapping keys are always the text as written (``1.1`` and ``1.10`` differ);
* plain scalars follow the YAML 1.2 core schema: ``true``/``false``, ``null``/``~``,
  decimal integers, decimals (as :class:`~decimal.Decimal`, never ``float``);
  ``yes``/``no``/``on``/``off`` and dates stay text;
* forms whose meaning differs between YAML 1.1 and 1.2 (``075``, ``1_000``,
  ``0x1F``, ``1e3``) are refused with a hint rather than guessed, and so are
  numbers of more than :data:`MAX_DIGITS` digits;
* duplicate keys, merge keys, custom tags, multiple documents, deep nesting and
  alias expansion beyond a small budget are refused.

Every value and key gets a 1-based (line, column) so later checks can point at
the exact spot. All problems of a file are collected before raising.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from zicli.errors import MAX_PROBLEMS, FieldPath, Location, ProblemSink, shown
from zicli.i18n import N_, _

# The C parser is much faster; only its event stream is used, never its constructor.
_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Value = dict[str, Any] | tuple[Any, ...] | str | int | Decimal | bool | None
Mark = tuple[int, int]

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 48
ALIAS_BUDGET = 10_000  # nodes that alias expansion may add, in all
MAX_DIGITS = 20  # no score, weight or count needs more; huge numbers are refused

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {_TAG + "map", _TAG + "seq"}

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+(\.[0-9]*)?")
_UNDERSCORE_NUM = re.compile(r"[-+]?[0-9][0-9_]*(\.[0-9_]*)?")
_RADIX = re.compile(r"[-+]?0[xXoObB][0-9a-fA-F_]+")
# What YAML's reader refuses: the complement of its printable set (tab, LF, CR,
# x20-x7E, x85, xA0-uD7FF, uE000-uFFFD, U+10000 up), written as the few ranges it is
# (the negated class compiles ten times slower, at every start), and its line breaks.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = "\r\n|[\n\r\x85\u2028\u2029]"  # for a message: compiled when needed
_ScalarEvent = yaml.ScalarEvent
_NUMBER_START = frozenset("0123456789+-.")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_MISSING: Any = object()
_WORDS: dict[str, Value] = dict.fromkeys(_NULLS) | dict.fromkeys(_TRUE, True)
_WORDS |= dict.fromkeys(_FALSE, False)
"""The plain scalars that are null, true or false, with their values."""
_SPECIAL = {
    ".nan": Decimal("NaN"),
    ".NaN": Decimal("NaN"),
    ".NAN": Decimal("NaN"),
    ".inf": Decimal("Infinity"),
    ".Inf": Decimal("Infinity"),
    ".INF": Decimal("Infinity"),
    "+.inf": Decimal("Infinity"),
    "+.Inf": Decimal("Infinity"),
    "+.INF": Decimal("Infinity"),
    "-.inf": Decimal("-Infinity"),
    "-.Inf": Decimal("-Infinity"),
    "-.INF": Decimal("-Infinity"),
}


@dataclass(frozen=True)
class Document:
    """A parsed YAML document: plain values plus where each one was written."""

    file: str
    root: Value
    positions: dict[FieldPath, Mark] = field(default_factory=dict)
    key_positions: dict[FieldPath, Mark] = field(default_factory=dict)
    refused: frozenset[FieldPath] = frozenset()
    """Values the reader already reported (a refused number, a custom tag)."""
    incomplete: frozenset[FieldPath] = frozenset()
    """Mappings that lost a key the reader refused (a merge key, an empty key)."""
    located: bool = True
    """Whether positions were recorded (see :func:`read_document`)."""

    def hides(self, path: FieldPath, *, missing: bool = False) -> bool:
        """Whether a later problem at ``path`` would only repeat one the reader
        reported: the value or one around it was refused, or (for a problem about
        missing keys) the mapping lost a key the reader refused."""
        if any(path[:i] in self.refused for i in range(len(path) + 1)):
            return True
        return missing and path in self.incomplete

    def mark(self, path: FieldPath, *, key: bool = False) -> Mark | None:
        """The (line, col) of the value at ``path`` (or of its key), else of the
        nearest enclosing value that has one."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        probe = path
        while True:
            if probe in self.positions:
                return self.positions[probe]
            if not probe:
                return None
            probe = probe[:-1]

    def locate(self, path: FieldPath, *, key: bool = False) -> Location | None:
        """:meth:`mark` as a :class:`~zicli.errors.Location` in this file (the
        :class:`~zicli.loading.readers.AnswerDocument` contract)."""
        mark = self.mark(path, key=key)
        return Location(self.file, mark[0], mark[1]) if mark else None


def _mark(m: Any) -> Mark:
    return (m.line + 1, m.column + 1)


def plain_scalar(text: str, sink: ProblemSink, mark: Mark) -> Value:
    """Interpret an untagged plain scalar by the YAML 1.2 core schema, refusing
    the forms YAML 1.1 would read differently."""
    word: Value = _WORDS.get(text, _MISSING)
    if word is not _MISSING:
        return word
    if text[0] not in _NUMBER_START:
        return text  # every number form starts with a digit, a sign or a point
    if _LEADING_ZERO.fullmatch(text):
        sign = "-" if text.startswith("-") else ""
        stripped = sign + (text.lstrip("+-0") or "0")
        sink.add(
            _(
                "'{text}' has a leading zero: YAML 1.1 reads it as an octal number, "
                "YAML 1.2 as decimal, so it is ambiguous"
            ).format(text=shown(text)),
            line=mark[0],
            col=mark[1],
            hint=_("write {number} for the number, or quote it ('{text}') if it is text").format(
                number=shown(stripped), text=shown(text)
            ),
        )
        return text
    is_int = _INT.fullmatch(text) is not None
    if is_int or _DECIMAL.fullmatch(text):
        return _number(text, is_int, sink, mark)
    if text in _SPECIAL:
        return _SPECIAL[text]
    if _RADIX.fullmatch(text) or (
        "_" in text and _UNDERSCORE_NUM.fullmatch(text) and any(c.isdigit() for c in text)
    ):
        _version_dependent(text, sink, mark)
    return text


def _version_dependent(text: str, sink: ProblemSink, mark: Mark) -> None:
    sink.add(
        _("'{text}' is a number form that YAML versions read differently").format(text=shown(text)),
        line=mark[0],
        col=mark[1],
        hint=_("write a plain decimal number such as 1000, or quote it if it is text"),
    )


def _number(text: str, is_int: bool, sink: ProblemSink, mark: Mark) -> Value:
    # YAML 1.1 reads 1e3 as text and 1.2 as a number; refusing exponents also keeps
    # 1e-999999999 from turning into a fraction with a billion-digit denominator.
    if "e" in text or "E" in text:
        _version_dependent(text, sink, mark)
        return text
    digits = len(text) - text.count(".") - (text[0] in "+-")
    if digits > MAX_DIGITS:
        sink.add(
            _("the number '{text}' has {digits:,} digits; zi reads at most {most}").format(
                text=shown(text, 24), digits=digits, most=MAX_DIGITS
            ),
            line=mark[0],
            col=mark[1],
            hint=_("quote it if it is text"),
        )
        return text
    return int(text) if is_int else Decimal(text)


class _Builder:
    """Turns a libyaml event stream into plain values, with positions when
    ``located``. Without positions it is the quick mode for files that are most
    likely fine: its sink refuses (raises :class:`_Slow` at) the first problem, so
    the file is read again with positions to say where."""

    def __init__(self, file: str, sink: ProblemSink, located: bool = True) -> None:
        self.file = file
        self.sink = sink
        self.located = located
        self.positions: dict[FieldPath, Mark] = {}
        self.key_positions: dict[FieldPath, Mark] = {}
        self.anchors: dict[str, tuple[Value, int, bool]] = {}
        self.refused: set[FieldPath] = set()
        self.incomplete: set[FieldPath] = set()
        self.open_anchors: set[str] = set()
        self.alias_nodes = 0
        self.alias_refused = False
        self.reported = 0

    def problem(self, message: str, mark: Mark, hint: str | None = None) -> None:
        # Problems come in file order: past the first MAX_PROBLEMS, none can be shown,
        # so they are only counted (5 MB of duplicate keys stays fast and small).
        if self.counted():
            return
        self.reported += 1
        self.sink.add(message, line=mark[0], col=mark[1], hint=hint)

    def counted(self) -> bool:
        """True (and the problem counted) when no more problems can be shown: a caller
        about to report one in a flood need not word it (its message in the language
        in use costs more than the rest of its reading)."""
        if self.reported >= MAX_PROBLEMS:
            self.sink.count_more()
            return True
        return False

    def check_tag(self, tag: str | None, allowed: set[str], mark: Mark) -> None:
        if tag is None or tag == "!" or tag in allowed:
            return
        self.problem(
            _("the tag {tag} is not allowed").format(tag=shown(tag.replace(_TAG, "!!"))),
            mark,
            hint=_("remove the tag; zi reads only plain YAML data"),
        )

    def scalar(self, event: Any, mark: Mark) -> Value:
        tag: str | None = event.tag
        self.check_tag(tag, _SCALAR_TAGS, mark)
        text: str = event.value
        explicit = tag not in (None, "!")
        if explicit and tag == _TAG + "str":
            return text
        if not event.style and not explicit:
            return plain_scalar(text, self.sink, mark)
        if explicit and tag in _SCALAR_TAGS:
            return plain_scalar(text, self.sink, mark)
        return text

    def node(self, events: Any, event: Any, path: FieldPath, depth: int) -> tuple[Value, int]:
        if (
            type(event) is _ScalarEvent
            and event.tag is None
            and event.anchor is None
            and depth <= MAX_DEPTH
        ):
            # Most nodes are plain untagged scalars: the short road, same result.
            return self.plain(event, path), 1
        if (
            type(event) is _MappingStart
            and event.tag is None
            and event.anchor is None
            and depth <= MAX_DEPTH
        ):
            # and most others untagged mappings (a long-form answer, counts)
            if self.located:
                self.positions[path] = _mark(event.start_mark)
            mapping, n = self.mapping(events, path, depth)
            return mapping, n + 1
        mark = _mark(event.start_mark) if self.located else _NOWHERE
        if isinstance(event, yaml.AliasEvent):
            return self.alias(event, mark, path)
        if depth > MAX_DEPTH:
            self.problem(
                _("nesting deeper than {depth} levels").format(depth=MAX_DEPTH),
                mark,
                hint=_(_DEEP_HINT),
            )
            raise _Abort
        if self.located:
            self.positions[path] = mark
        anchor: str | None = getattr(event, "anchor", None)
        if anchor is not None:
            self.open_anchors.add(anchor)
        value: Value
        size = 1
        before = len(self.sink.problems)
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event, mark)
            self.refuse_if_new(path, before)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.check_tag(event.tag, _COLLECTION_TAGS, mark)
            self.refuse_if_new(path, before)
            items: list[Any] = []
            while True:
                child = events()
                if isinstance(child, yaml.SequenceEndEvent):
                    break
                child_path = (*path, len(items)) if self.located else path
                item, n = self.node(events, child, child_path, depth + 1)
                items.append(item)
                size += n
            value = tuple(items)
        elif isinstance(event, yaml.MappingStartEvent):
            self.check_tag(event.tag, _COLLECTION_TAGS, mark)
            self.refuse_if_new(path, before)
            value, n = self.mapping(events, path, depth)
            size += n
        else:  # pragma: no cover - libyaml guarantees node events here
            raise _Abort
        if anchor is not None:
            self.open_anchors.discard(anchor)
            self.anchors[anchor] = (value, size, len(self.sink.problems) > before)
        return value, size

    def plain(self, event: Any, path: FieldPath) -> Value:
        """An untagged scalar without anchor: its value, and its position."""
        if not self.located:
            return event.value if event.style else plain_scalar(event.value, self.sink, _NOWHERE)
        mark = _mark(event.start_mark)
        self.positions[path] = mark
        if event.style:
            return event.value  # type: ignore[no-any-return]
        before = len(self.sink.problems)
        value = plain_scalar(event.value, self.sink, mark)
        self.refuse_if_new(path, before)
        return value

    def refuse_if_new(self, path: FieldPath, before: int) -> None:
        """Mark ``path`` as reported if problems were added since ``before``, so
        later checks do not report the same value again."""
        if len(self.sink.problems) > before:
            self.refused.add(path)

    def mapping(self, events: Any, path: FieldPath, depth: int) -> tuple[dict[str, Any], int]:
        result: dict[str, Any] = {}
        size = 0
        located, sink = self.located, self.sink
        while True:
            key_event = events()
            if type(key_event) is _MappingEnd:
                return result, size
            key: str | None = key_event.value if type(key_event) is _ScalarEvent else None
            if (
                key is None
                or key_event.tag is not None
                or key in result
                or (not key_event.style and (key == "<<" or key in _NULLS))
            ):
                key = self.odd_key(events, key_event, path, result)
            value_event = events()
            if key is None:
                _skip_node(events, value_event)
                continue
            child_path = path
            if located:
                child_path = (*path, key)
                self.key_positions[child_path] = _mark(key_event.start_mark)
            if (
                type(value_event) is _ScalarEvent
                and value_event.tag is None
                and value_event.anchor is None
                and depth < MAX_DEPTH
            ):
                # the commonest value: a plain untagged scalar
                if located:
                    result[key] = self.plain(value_event, child_path)
                elif value_event.style:
                    result[key] = value_event.value
                else:
                    result[key] = plain_scalar(value_event.value, sink, _NOWHERE)
                size += 1
                continue
            value, n = self.node(events, value_event, child_path, depth + 1)
            result[key] = value
            size += n

    def odd_key(
        self, events: Any, key_event: Any, path: FieldPath, result: dict[str, Any]
    ) -> str | None:
        """A key that is not plain new text: reported (None: the entry is dropped),
        or kept when only its tag needed a look."""
        key_mark = _mark(key_event.start_mark) if self.located else _NOWHERE
        if type(key_event) is not _ScalarEvent:
            self.incomplete.add(path)
            self.problem(
                _("a key must be plain text, not a list, mapping or alias"),
                key_mark,
                hint=_("write keys as simple names or ids"),
            )
            _skip_node(events, key_event)
            return None
        self.check_tag(key_event.tag, _SCALAR_TAGS, key_mark)
        key: str = key_event.value
        if not key_event.style and key == "<<":
            self.problem(
                _("merge keys (<<) are not supported"),
                key_mark,
                hint=_("write the keys out in full"),
            )
            self.incomplete.add(path)
            return None
        if not key_event.style and key in _NULLS:
            self.problem(_("a key is empty"), key_mark, hint=_("give every entry a name"))
            self.incomplete.add(path)
            return None
        if key in result:
            if self.counted():
                return None
            first = self.key_positions.get((*path, key), _NOWHERE)
            self.problem(
                _("duplicate key '{key}' (first written on line {line})").format(
                    key=shown(key), line=first[0]
                ),
                key_mark,
                hint=_("YAML keeps only one of them; remove or merge the duplicate"),
            )
            return None
        return key

    def alias(self, event: Any, mark: Mark, path: FieldPath) -> tuple[Value, int]:
        name: str = event.anchor
        if name in self.open_anchors:
            self.problem(
                _("alias *{name} refers to itself").format(name=name),
                mark,
                hint=_("remove the recursion"),
            )
            raise _Abort
        if name not in self.anchors:  # pragma: no cover - libyaml rejects this first
            self.problem(_("unknown alias *{name}").format(name=name), mark)
            raise _Abort
        value, size, reported = self.anchors[name]
        if reported:
            self.refused.add(path)
        self.alias_nodes += size
        if self.alias_nodes > ALIAS_BUDGET:
            if not self.alias_refused:
                self.problem(
                    _("aliases expand to more than {budget} values").format(budget=ALIAS_BUDGET),
                    mark,
                    hint=_("this looks like an alias bomb; write the values out instead"),
                )
            self.alias_refused = True
            raise _Abort
        return value, size


class _Abort(Exception):
    """Stops building after a problem that makes the rest meaningless."""


def _skip_node(events: Any, first: Any) -> None:
    depth = 0
    event = first
    while True:
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            depth += 1
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            depth -= 1
        if depth == 0:
            return
        event = events()


_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def wide_encoding(data: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` if ``data`` looks like text in one of them (by its
    byte-order mark, else by mostly ASCII characters when read as one of them), so
    the message can say what the file is instead of calling it binary."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    head = head[: len(head) - len(head) % 4]
    if len(head) < 4:
        return None
    order = "be" if head[0] == 0 else "le"
    for name in ("UTF-32", "UTF-16"):
        try:
            text = head.decode(f"{name.lower()}-{order}")
        except UnicodeDecodeError:
            continue
        # YAML's keys and punctuation are ASCII: most characters of an answer file are
        ascii = sum(c < "\x80" and (c.isprintable() or c in "\r\n\t") for c in text)
        if "\x00" not in text and ascii >= 0.8 * len(text):
            return name
    return None


def decode(data: bytes, sink: ProblemSink) -> str | None:
    """Bytes to text: at most :data:`MAX_BYTES`, UTF-8 (a BOM is allowed), only
    characters YAML allows (no NUL or other control bytes), not empty."""
    if len(data) > MAX_BYTES:
        sink.add(
            _("the file is {size:,} bytes; the limit is {limit:,}").format(
                size=len(data), limit=MAX_BYTES
            ),
            hint=_("an answer file is a few kilobytes; is this the right file?"),
        )
        return None
    if b"\x00" in data:
        wide = wide_encoding(data)
        if wide is not None:
            sink.add(
                _("the file is {encoding} text, not UTF-8").format(encoding=wide),
                hint=_(_SAVE_UTF8),
            )
            return None
        sink.add(_("the file is binary, not YAML text"), hint=_("save it as UTF-8 text"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        sink.add(
            _("the file is not UTF-8 text"),
            line=line,
            col=col,
            hint=_(_SAVE_UTF8),
        )
        return None
    bad = _UNPRINTABLE.search(text)
    if bad is not None:
        head = text[: bad.start()]
        line = len(re.findall(_BREAKS, head)) + 1
        col = bad.start() - max(head.rfind(b) for b in ("\n", "\r", "\x85", "\u2028", "\u2029"))
        sink.add(
            _("the file contains U+{code:04X}, a character YAML does not allow").format(
                code=ord(bad.group())
            ),
            line=line,
            col=col,
            hint=_("delete it (it often comes from text copied out of a PDF or a spreadsheet)"),
        )
        return None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        sink.add(_("the file is empty"), hint=_("see 'zi init' for a template to fill in"))
        return None
    return text


class _Slow(Exception):
    """The quick reader met something only the full reader handles."""


class _Refusing(ProblemSink):
    """A sink for the quick reader: any problem sends the file to the full reader."""

    def add(
        self,
        message: str,
        *,
        line: int | None = None,
        col: int | None = None,
        field: FieldPath = (),
        hint: str | None = None,
        where: Location | None = None,
    ) -> None:
        raise _Slow


_REFUSING = _Refusing(None)
_MappingEnd = yaml.MappingEndEvent
_MappingStart = yaml.MappingStartEvent
_NOWHERE: Mark = (0, 0)
"""Where the quick mode says a value is: nowhere (it records no positions)."""


def parse_text(text: str, file: str, sink: ProblemSink, *, located: bool = True) -> Document | None:
    """Parse YAML text into a :class:`Document`; problems go to ``sink``.
    ``located=False`` records no positions and needs a sink that refuses problems
    (the quick mode of :func:`read_document`)."""
    builder = _Builder(file, sink, located)
    parser = _Parser(text)
    events = parser.get_event  # called once per event: the hot loop
    root: Value = None
    try:
        events()  # StreamStart
        start = events()
        if isinstance(start, yaml.StreamEndEvent):
            sink.add(_("the file is empty"), hint=_("see 'zi init' for a template to fill in"))
            return None
        root, _size = builder.node(events, events(), (), 0)
        events()  # DocumentEnd
        extra = events()
        if not isinstance(extra, yaml.StreamEndEvent):
            m = _mark(extra.start_mark)
            sink.add(
                _("the file holds more than one YAML document"),
                line=m[0],
                col=m[1],
                hint=_("keep one unit per file; remove the '---' separator"),
            )
    except _Abort:
        return None
    except yaml.MarkedYAMLError as exc:
        where = exc.problem_mark or exc.context_mark
        problem = exc.problem or ""
        hint = _syntax_hint(problem, _line_before(text, where))
        if hint == _(_TAB_HINT):
            _tab_lines(text, sink, where.line + 1 if where else None)
            return None
        sink.add(
            _("invalid YAML: {problem}").format(problem=_libyaml(problem))
            if problem
            else _("invalid YAML"),
            line=where.line + 1 if where else None,
            col=where.column + 1 if where else None,
            hint=hint,
        )
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors are caught in decode
        sink.add(
            _("invalid YAML: {problem}").format(
                problem=shown(str(exc).splitlines()[0] if str(exc) else "")
            )
        )
        return None
    return Document(
        file,
        root,
        builder.positions,
        builder.key_positions,
        frozenset(builder.refused),
        frozenset(builder.incomplete),
        located,
    )


def _line_before(text: str, where: Any) -> str:
    """The text of the error's line up to and including the error's column."""
    if where is None:
        return ""
    lines = text.split("\n")
    return lines[where.line][: where.column + 1] if where.line < len(lines) else ""


_TAB_HINT = N_("indent with spaces, not tabs")
_DEEP_HINT = N_("an answer file or criteria pack is never this deep; check indentation")
_SAVE_UTF8 = N_("save it as UTF-8, e.g. in Notepad: Save as > Encoding: UTF-8")

_LIBYAML = {
    # libyaml's own words for what it could not parse, as people should read them
    "mapping values are not allowed in this context": N_("a mapping value is not allowed here"),
    "mapping values are not allowed here": N_("a mapping value is not allowed here"),
    "could not find expected ':'": N_("the ':' after a key is missing"),
    "did not find expected key": N_("a key was expected here"),
    "did not find expected node content": N_("a value was expected here"),
    "did not find expected '-' indicator": N_("a list entry ('-') was expected here"),
    "did not find expected ',' or ']'": N_("a ',' or ']' was expected here"),
    "did not find expected ',' or '}'": N_("a ',' or '}' was expected here"),
    "found character that cannot start any token": N_("a character that cannot start any value"),
    "found unexpected end of stream": N_("the file ends inside a quoted text"),
    "found unknown escape character": N_("an unknown escape character after '\\'"),
    "found undefined tag handle": N_("an undefined tag handle"),
    "block sequence entries are not allowed in this context": N_(
        "a list entry is not allowed here"
    ),
    "found unexpected ':'": N_("an unexpected ':'"),
    "did not find expected alphabetic or numeric character": N_(
        "a letter or digit was expected here"
    ),
    "found duplicate %YAML directive": N_("a second %YAML directive"),
    "did not find expected <document start>": N_("a document start ('---') was expected"),
    "did not find expected comment or line break": N_("a comment or line break was expected here"),
    "found a tab character that violates indentation": N_("a tab in the indentation"),
    "found a tab character where an indentation space is expected": N_("a tab in the indentation"),
    # libyaml's own limit (1,000 levels), met before zi's MAX_DEPTH can be
    "exceeded maximum nesting depth": N_("nesting far too deep"),
}


def _libyaml(problem: str) -> str:
    """libyaml's problem in the language in use (its own English when unknown)."""
    known = _LIBYAML.get(problem)
    return _(known) if known is not None else shown(problem)


def _tab_lines(text: str, sink: ProblemSink, error_line: int | None) -> None:
    """One problem per line indented with a tab, not only the first the parser trips
    on: a file copied from a word processor has them all over, and fixing them one run
    at a time is a chore."""
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent or number == error_line:
            col = indent.index("\t") + 1 if "\t" in indent else None
            if col is None and "\t" in line:
                col = line.index("\t") + 1
            sink.add(
                _("invalid YAML: a tab in the indentation"),
                line=number,
                col=col,
                hint=_(_TAB_HINT),
            )
            found = True
    if not found:  # pragma: no cover - the parser only blames a tab that is there
        sink.add(_("invalid YAML: a tab where YAML does not allow one"), hint=_(_TAB_HINT))


def _syntax_hint(problem: str, before: str) -> str:
    # libyaml reports a tab as "found character that cannot start any token".
    if "tab" in problem or "\t" in before:
        return _(_TAB_HINT)
    if "mapping values are not allowed" in problem:
        return _("a value containing ': ' must be quoted")
    if "nesting depth" in problem:
        return _(_DEEP_HINT)
    if "could not find expected ':'" in problem:
        return _("each entry needs 'key: value'; check the line above")
    return _("check indentation and quoting near this spot")


class _Enough(Exception):
    """Every wanted place is found: the rest of the file need not be walked."""


def read_places(data: bytes, file: str, wanted: Collection[FieldPath]) -> Document:
    """The places of the values at ``wanted`` paths (and of their keys and enclosing
    values), for a file the quick mode read without a problem; the document's root
    is None. Reporting a few findings about a large file (5 MB of unknown ids) then
    costs a walk over its events up to the last wanted place, without building
    values, instead of a second full read. The places are those the full reader
    records, so :meth:`Document.mark` gives the same answer for every wanted path."""
    text = decode(data, _REFUSING)
    assert text is not None, "read_places is for files the quick mode read"
    prefixes = {path[:i] for path in wanted for i in range(len(path) + 1)}
    left = set(wanted)
    positions: dict[FieldPath, Mark] = {}
    key_positions: dict[FieldPath, Mark] = {}
    events = _Parser(text).get_event

    def found(path: FieldPath) -> None:
        left.discard(path)
        if not left:
            raise _Enough

    def walk(event: Any, path: FieldPath) -> None:
        # only called for a path in ``prefixes``; other values are skipped unread
        positions[path] = _mark(event.start_mark)
        if isinstance(event, yaml.MappingStartEvent):
            while True:
                key_event = events()
                if type(key_event) is _MappingEnd:
                    return
                child = (*path, key_event.value)
                value_event = events()
                if child in prefixes:
                    key_positions[child] = _mark(key_event.start_mark)
                    walk(value_event, child)
                    if child in left:
                        found(child)
                else:
                    _skip_node(events, value_event)
        elif isinstance(event, yaml.SequenceStartEvent):
            n = 0
            while True:
                item = events()
                if isinstance(item, yaml.SequenceEndEvent):
                    return
                child = (*path, n)
                n += 1
                if child in prefixes:
                    walk(item, child)
                    if child in left:
                        found(child)
                else:
                    _skip_node(events, item)

    try:
        events()  # StreamStart
        events()  # DocumentStart
        walk(events(), ())
    except _Enough:
        pass
    return Document(file, None, positions, key_positions, located=True)


def read_document(
    data: bytes, file: str, sink: ProblemSink, *, located: bool = True
) -> Document | None:
    """Decode and parse one file's bytes; None when problems were recorded.
    ``located=False`` may return a document without positions (``located`` false
    on it), quicker; read the file again with positions to report a problem."""
    text = decode(data, sink)
    if text is None:
        return None
    if not located:
        # Most files are fine: read them without positions, and again with them
        # only when a problem turns up.
        try:
            quick = parse_text(text, file, _REFUSING, located=False)
        except _Slow:
            quick = None
        if quick is not None:
            return quick
    return parse_text(text, file, sink)
