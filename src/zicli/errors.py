"""The ZiError family: every expected failure carries where it happened and a hint.

A :class:`Problem` is one finding at a :class:`Location` (a file's line and
column, a workbook's sheet and cell, or a command-line option), with a field
path, message and hint. Loading collects all problems of a file before raising
:class:`InputError`, so a user fixes a file in one pass. ``str(problem)`` is the one-line form
``place: message (hint: ...)`` that diagnostics print, where ``place`` is
``path:line:col``, ``book.xlsx:'Sheet'!A1`` or an option such as ``--set ...``.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from zicli.i18n import _, ngettext

FieldPath = tuple[str | int, ...]

MAX_PROBLEMS = 200
"""Problems reported per file; a file with more is usually not an answer file at all."""


def format_path(path: FieldPath) -> str:
    """Render a field path as ``answers.A.I.1.a`` / ``nodes[0].weight`` (keys as
    :func:`shown`, so the path stays on one line)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{shown(part)}" if out else shown(part)
    return out


def shown(text: str, limit: int = 60) -> str:
    """``text`` as a message may quote it: control characters escaped (a message is
    one line) and cut to ``limit`` characters (a value may be megabytes long)."""
    cut = len(text) > limit
    text = text[:limit]
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text[: limit - 3] + "..." if cut or len(text) > limit else text


def describe(value: object) -> str:
    """A value as a message names it: ``the text 'x'``, ``the number 3``, ``a list``."""
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return _("{value} (a true/false value)").format(value=str(value).lower())
    if isinstance(value, int | Decimal):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        return _("the text '{text}'").format(text=shown(value))
    if isinstance(value, tuple | list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return type(value).__name__


_LOOKALIKE = str.maketrans(
    # Cyrillic and Greek letters drawn like Latin ones (what a keyboard layout slips in)
    "АВЕКМНОРСТХУЅІЈҮаеорсхуѕіјԁһԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοντ",
    "ABEKMHOPCTXYSIJYaeopcxysijdhqwABEZHIKMNOPTYXovt",
)


def lookalike_hint(word: str, choices: Sequence[str]) -> str | None:
    """For ``word`` that is a choice but for a look-alike character (a Cyrillic
    ``А`` for a Latin ``A``, a full-width digit), a hint naming that character;
    None when the word has no such character."""
    import unicodedata

    plain = unicodedata.normalize("NFKC", word).translate(_LOOKALIKE)
    if plain == word or not plain.isascii():
        return None
    odd = next(c for c in word if not c.isascii())
    wide = unicodedata.normalize("NFKC", odd) != odd  # full-width and other compatibility forms
    if odd.isdigit():
        kind = _("'{char}' ({code} {name}) is not an ASCII digit")
    elif odd.isalpha():
        kind = (
            _("'{char}' ({code} {name}) is not an ASCII letter")
            if wide
            else _("'{char}' ({code} {name}) is not a Latin letter")
        )
    else:
        kind = _("'{char}' ({code} {name}) is not ASCII")
    name = unicodedata.name(odd, "unnamed")
    hint = kind.format(char=odd, code=f"U+{ord(odd):04X}", name=name)
    if plain in choices:
        return _("{hint}: write '{plain}' in plain ASCII").format(hint=hint, plain=plain)
    close = difflib.get_close_matches(plain, list(choices), n=1, cutoff=0.6)
    if close:
        return _("{hint}; did you mean '{choice}'?").format(hint=hint, choice=close[0])
    return hint


def did_you_mean(word: str, choices: Sequence[str]) -> str | None:
    """A 'did you mean' hint naming the closest choice, if one is close; for a word
    with a look-alike character, a hint naming that character (never a suggestion
    that looks the same as what was typed)."""
    if len(word) > 200:
        return None  # nothing is close to it, and difflib would take seconds to say so
    if not word.isascii() and (odd := lookalike_hint(word, choices)):
        return odd
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        folded = {c.casefold(): c for c in choices}
        match = folded.get(word.casefold())
        close = [match] if match else []
    return _("did you mean '{choice}'?").format(choice=close[0]) if close else None


def _sheet_ref(sheet: str) -> str:
    """A sheet name as a spreadsheet formula writes it: quoted, ``'`` doubled."""
    return "'" + sheet.replace("'", "''") + "'"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a place in a file, or a command-line option.

    One of three kinds, each printed the way its reader would look for it:

    * a text file, with the line and column when known: ``unit.yaml:12:5``;
    * a cell of a workbook: ``LKE-2026.xlsx:'LKE ZI'!K154``;
    * a command-line option that is not a file at all: ``--set A.I.1=X``,
      ``--criteria``, or ``zi`` for the command line as a whole.
    """

    file: str | None = None
    line: int | None = None
    col: int | None = None
    sheet: str | None = None
    cell: str | None = None
    option: str | None = None

    @classmethod
    def of_option(cls, option: str) -> Location:
        """The place of a command-line option (``--set A.I.1=X``, ``--criteria``)."""
        return cls(option=option)

    @classmethod
    def of_cell(cls, file: str | None, sheet: str, cell: str) -> Location:
        """The place of one cell of a workbook."""
        return cls(file=file, sheet=sheet, cell=cell)

    @property
    def name(self) -> str | None:
        """The file name, or the option's text for a command-line place: what the
        ``file`` key of a problem's JSON form has always held."""
        return self.option if self.option is not None else self.file

    def __str__(self) -> str:
        if self.option is not None:
            return self.option
        text = self.file or "<input>"
        if self.sheet is not None:
            return f"{text}:{_sheet_ref(self.sheet)}" + (f"!{self.cell}" if self.cell else "")
        if self.line is not None:
            text += f":{self.line}"
            if self.col is not None:
                text += f":{self.col}"
        return text


COMMAND_LINE = Location.of_option("zi")
"""The command line as a whole, for a usage problem no one option is to blame for."""


@dataclass(frozen=True, init=False)
class Problem:
    """One located finding about an input.

    Every problem carries a :class:`Location` (``where``); ``file``, ``line`` and
    ``col`` read through to it, and the constructor still takes them for the
    common case of a text file (``Problem(msg, file=..., line=..., col=...)``).
    """

    message: str
    where: Location
    field: FieldPath
    hint: str | None

    def __init__(
        self,
        message: str,
        file: str | None = None,
        line: int | None = None,
        col: int | None = None,
        field: FieldPath = (),
        hint: str | None = None,
        *,
        where: Location | None = None,
    ) -> None:
        if where is None:
            where = Location(file=file, line=line, col=col)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "where", where)
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "hint", hint)

    @property
    def file(self) -> str | None:
        """The file's name (or, for a command-line place, the option's text)."""
        return self.where.name

    @property
    def line(self) -> int | None:
        """1-based line, when the place is a line of a text file."""
        return self.where.line

    @property
    def col(self) -> int | None:
        """1-based column, when known."""
        return self.where.col

    def location(self) -> str:
        """The place as printed: ``file:line:col``, ``book.xlsx:'Sheet'!A1``, or an option."""
        return str(self.where)

    def __str__(self) -> str:
        text = f"{self.location()}: "
        if self.field:
            text += f"{format_path(self.field)}: "
        text += self.message
        if self.hint:
            text = _("{problem} (hint: {hint})").format(problem=text, hint=self.hint)
        return text

    def as_dict(self) -> dict[str, object]:
        """The JSON form used in ``errors`` lists (``sheet`` and ``cell`` only for
        a place in a workbook)."""
        out: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "field": format_path(self.field) or None,
            "message": self.message,
            "hint": self.hint,
        }
        if self.where.sheet is not None:
            out["sheet"] = self.where.sheet
            out["cell"] = self.where.cell
        return out


class ZiError(Exception):
    """Base of every expected failure; the CLI turns these into exit code 2."""

    exit_code = 2

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(ZiError):
    """An answer file, criteria pack or other input is invalid."""


class UsageError(ZiError):
    """The command line asks for something that cannot be done."""

    @classmethod
    def of(cls, message: str, hint: str | None = None) -> UsageError:
        """A usage error with a single message."""
        return cls([Problem(message, hint=hint, where=COMMAND_LINE)])


@dataclass
class ProblemSink:
    """Collects problems for one file; ``raise_if_any`` turns them into an InputError."""

    file: str | None
    problems: list[Problem] = field(default_factory=list)
    more: int = 0
    """Problems counted but not built: a source that finds problems in file order
    stops building them past its first :data:`MAX_PROBLEMS` (none of the rest can be
    among the first shown), and counts them here (:meth:`count_more`)."""

    def count_more(self, n: int = 1) -> None:
        """Count ``n`` problems that will not be shown (see :attr:`more`)."""
        self.more += n

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
        """Record one problem, at ``where`` if given, else at ``line``/``col`` of
        this sink's file."""
        if where is None:
            where = Location(self.file, line, col)
        self.problems.append(Problem(message, field=field, hint=hint, where=where))

    def raise_if_any(self) -> None:
        """Raise InputError with every problem recorded so far, in file order (the
        first :data:`MAX_PROBLEMS`, then a count of the rest)."""
        if self.problems:
            ordered = sorted(
                self.problems, key=lambda p: (p.line or 0, p.col or 0, format_path(p.field))
            )
            if len(ordered) + self.more > MAX_PROBLEMS:
                rest = len(ordered) + self.more - MAX_PROBLEMS
                ordered = [
                    *ordered[:MAX_PROBLEMS],
                    Problem(
                        ngettext(
                            "{count} more problem not shown",
                            "{count} more problems not shown",
                            rest,
                        ).format(count=f"{rest:,}"),
                        file=self.file,
                        hint=_("fix the ones above and run zi again"),
                    ),
                ]
            raise InputError(ordered)
