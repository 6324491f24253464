"""The official LKE workbook (``.xlsx``) read as an answer file.

The layout is found from the sheets and their headers, never from fixed rows: the
worksheet is the sheet whose header row names ``Bobot``, ``Pilihan Jawaban`` and
``Jawaban`` (Lampiran III's ``LKE ZI``, and the workbooks ``zi export`` writes).
Rows are then classified by what they hold (tree numbering, weight, answer type)
and the question rows are aligned with the pack's questions in order, by text,
answer type and numbering, so inserted and deleted rows, typos, merged cells and
trailing spaces do not shift anything. A computed question's ``Jumlah`` sub-rows
are matched to its count fields by their labels.

The result is the mapping an answer file holds (``criteria``, ``unit``,
``answers`` in the long form with ``note`` and ``evidence``) plus where each
answer came from, so binding, scoring and every error message work as for YAML.
Every row that matches no question, every question without a row and every
answer that is not an option is a located problem (``'LKE ZI'!K154``). Formulas
are never evaluated: zi recomputes from the answers.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from zicli.errors import MAX_PROBLEMS, FieldPath, InputError, Location, Problem, ProblemSink, shown
from zicli.i18n import _
from zicli.models.criteria import Node

from .xlsx_guard import check_bytes, external_parts, refuse

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from zicli.engine.index import CriteriaIndex
    from zicli.loading import LoadedUnit

    from . import ReadContext

MAX_ROWS = 5000
"""Rows read from the worksheet; Lampiran III has some 220."""
MAX_COLS = 40

RowKind = Literal["question", "count", "structure", "stray"]

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_NUMBERING = re.compile(r"^(?:[a-z]|[ivx]+|[0-9]{1,2}|-)\.?$", re.IGNORECASE)
_EXTERNAL_REF = re.compile(r"\[[^\]]*\]|\.xlsx?\b|\.ods\b|https?:|file:", re.IGNORECASE)
# A year, not the year of a regulation's number ('permenpanrb-90-2021', '10/2019').
_PERIOD_IN_NAME = re.compile(
    r"(?<![0-9])(?<![0-9][-_./ ])(20[0-9]{2})"
    r"(?:[ _.-]*(?:(q|tw|triwulan)[ _.-]*([1-4])|(s|sem|semester)[ _.-]*([12])))?(?![0-9])",
    re.IGNORECASE,
)
_PACK_MENTION = (
    (re.compile(r"\b90\s*(?:tahun|/)\s*2021\b", re.IGNORECASE), "permenpanrb-90-2021"),
    (re.compile(r"\b10\s*(?:tahun|/)\s*2019\b", re.IGNORECASE), "permenpanrb-10-2019"),
)
_PACK_PROPERTY = re.compile(r"zi:criteria=([a-z0-9][a-z0-9.-]*)")
_URL = re.compile(r"^(?:https?|ftp)://\S+$", re.IGNORECASE)


def norm(text: str) -> str:
    """Text as rows are compared: case, punctuation and spacing ignored."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _header(text: str) -> str:
    return _SPACE.sub(" ", text.casefold()).strip()


def col_letter(col: int) -> str:
    """Column number (1-based) to its letters."""
    out = ""
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def sheet_ref(sheet: str) -> str:
    """A sheet's name as a formula writes it (quoted, as every place zi prints)."""
    return "'" + sheet.replace("'", "''") + "'"


def where(file: str, ref: str) -> Location:
    """The :class:`Location` of a ``'Sheet'!A1`` reference (or of a whole sheet)."""
    sheet, _, cell = ref.rpartition("!")
    if not sheet:
        sheet, cell = ref, ""
    name = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
    return Location(file=file, sheet=name, cell=cell or None)


def cell_ref(sheet: str, col: int, row: int) -> str:
    """``'LKE ZI'!K154`` (the sheet quoted as Excel quotes it)."""
    return f"{sheet_ref(sheet)}!{col_letter(col)}{row}"


@dataclass(frozen=True)
class Columns:
    """Where the worksheet keeps each kind of cell (1-based column numbers)."""

    tree: tuple[int, ...]
    weight: int
    type: int
    answer: int
    value: int
    explain: int | None
    percent: int | None
    note: int | None
    evidence: int | None
    link: int | None
    header_row: int


@dataclass(frozen=True)
class SheetRow:
    """One worksheet row as the reader sees it."""

    row: int
    kind: RowKind
    label: str | None
    """The tree numbering (``a.``, ``iii.``, ``-``), if the row has one."""
    level: int
    """Index of the tree column the row starts in (0 = komponen)."""
    text: str
    type: str
    weight: Any
    answer: Any
    note: str | None
    evidence: tuple[str, ...]


@dataclass
class WorkbookRead:
    """A workbook read against a pack: the answer-file mapping and where it came from."""

    file: str
    sheet: str
    columns: Columns
    criteria: str
    raw: dict[str, Any]
    cells: dict[FieldPath, str] = field(default_factory=dict)
    """Field path of each answer (``("answers", id)``, ``(.., id, field)``) -> its cell."""
    question_rows: dict[str, int] = field(default_factory=dict)
    count_rows: dict[tuple[str, str], int] = field(default_factory=dict)
    """(question id, count field or derived field) -> row."""
    node_rows: dict[str, list[int]] = field(default_factory=dict)
    """Node id (and ``total``) -> the rows whose value cell holds that node's score."""
    rows: dict[int, SheetRow] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """What the user should know about how the file was read (not problems)."""
    problems: list[Problem] = field(default_factory=list)
    """Rows that match nothing, questions without a row, answers that cannot be read."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACE.sub(" ", str(value)).strip()


def _number_text(value: float) -> Decimal:
    # repr is the shortest text that reads back as the same double: 3.6, not 3.59999...
    return Decimal(repr(value))


# ---------------------------------------------------------------------------------------
# Opening


def open_workbook(
    data: bytes, path: str, *, values: bool = False, streaming: bool = False
) -> Workbook:
    """The parsed workbook (formulas as text, or the cached values with ``values``),
    after :func:`~.xlsx_guard.check_bytes` has vetted the bytes. ``streaming`` opens
    it read-only: rows come one by one and nothing is built for merged cells or
    styles (four times faster; hyperlinks are read apart, see :func:`hyperlinks`)."""
    archive = check_bytes(data, path)
    archive.close()
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it drops (slicers, conditional formats):
            # they are not what zi reads.
            warnings.simplefilter("ignore")
            return load_workbook(
                io.BytesIO(data),
                data_only=values,
                keep_links=False,
                keep_vba=False,
                read_only=streaming,
            )
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise refuse(
            path,
            _("the workbook is damaged or not an Excel workbook ({reason})").format(
                reason=f"{type(exc).__name__}: {shown(str(exc))}"
            ),
            _("open it in Excel or LibreOffice and save a new copy as .xlsx"),
        ) from None


_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_HYPERLINKS = re.compile(rb"<(?:\w+:)?hyperlinks\b.*?</(?:\w+:)?hyperlinks>", re.DOTALL)


def hyperlinks(data: bytes, sheet: str) -> dict[str, str]:
    """Cell -> hyperlink target on ``sheet`` (the links to data dukung), read from the
    package directly: the streaming reader does not keep them. Parts were size-checked
    by :func:`~.xlsx_guard.check_bytes`."""
    import posixpath
    import zipfile
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rel_id = next(
                (
                    el.get(f"{{{_REL_NS}}}id")
                    for el in book.iter(f"{{{_MAIN_NS}}}sheet")
                    if el.get("name") == sheet
                ),
                None,
            )
            book_rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            target = next(
                (
                    el.get("Target") or ""
                    for el in book_rels.iter(f"{{{_PKG_NS}}}Relationship")
                    if el.get("Id") == rel_id
                ),
                None,
            )
            if not target:
                return {}
            part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            block = _HYPERLINKS.search(archive.read(part))
            if block is None:
                return {}
            folder, name = posixpath.split(part)
            rels_name = posixpath.join(folder, "_rels", name + ".rels")
            rels = (
                ElementTree.fromstring(archive.read(rels_name))
                if rels_name in archive.namelist()
                else None
            )
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return {}
    targets = {
        el.get("Id"): el.get("Target") or ""
        for el in (rels.iter(f"{{{_PKG_NS}}}Relationship") if rels is not None else ())
    }
    wrapped = f'<x xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'.encode() + block.group(0) + b"</x>"
    try:
        root = ElementTree.fromstring(wrapped)
    except ElementTree.ParseError:
        return {}
    out: dict[str, str] = {}
    for el in root.iter(f"{{{_MAIN_NS}}}hyperlink"):
        ref, rid = el.get("ref"), el.get(f"{{{_REL_NS}}}id")
        link = targets.get(rid) if rid else el.get("location")
        if ref and link:
            out[ref.split(":")[0]] = link
    return out


def find_columns(ws: Worksheet) -> Columns | None:
    """The header row and columns of an LKE worksheet, or None if ``ws`` is not one."""
    # The row number is counted, not read from the cells: a streamed sheet gives
    # EmptyCell (no .row) for blank cells, as in a column inserted before A.
    for row_number, row in enumerate(ws.iter_rows(min_row=1, max_row=15, max_col=MAX_COLS), 1):
        found: dict[str, int] = {}
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            head = _header(cell.value)
            col = int(cell.column)
            if head == "bobot":
                found.setdefault("weight", col)
            elif head == "pilihan jawaban":
                found.setdefault("type", col)
            elif head == "jawaban":
                found.setdefault("answer", col)
            elif head in ("nilai", "skor"):
                found.setdefault("value", col)
            elif head == "penilaian":
                found.setdefault("tree", col)
            elif head == "penjelasan":
                found.setdefault("explain", col)
            elif head == "%":
                found.setdefault("percent", col)
            elif head.startswith(("catatan", "keterangan")):
                found.setdefault("note", col)
            elif head.startswith("data dukung") or head == "bukti":
                found.setdefault("evidence", col)
            elif head.startswith(("link", "tautan")):
                found.setdefault("link", col)
        if {"weight", "type", "answer", "value"} <= found.keys():
            weight = found["weight"]
            first = found.get("tree", max(1, weight - 6))
            if not 1 <= weight - first <= 8:
                first = max(1, weight - 6)
            note = found.get("note")
            evidence = found.get("evidence", note + 1 if note else None)
            link = found.get("link", evidence + 1 if evidence else None)
            return Columns(
                tree=tuple(range(first, weight)),
                weight=weight,
                type=found["type"],
                answer=found["answer"],
                value=found["value"],
                explain=found.get("explain"),
                percent=found.get("percent"),
                note=note,
                evidence=evidence,
                link=link,
                header_row=row_number,
            )
    return None


JAWABAN = Columns(
    tree=(2, 3, 4, 5, 6, 7),
    weight=8,
    type=10,
    answer=14,
    value=15,
    explain=None,
    percent=16,
    note=None,
    evidence=None,
    link=13,
    header_row=1,
)
"""The KemenPANRB evaluation workbook's ``Jawaban`` sheet, known only from a tool that
reads it (no copy seen): C ``PENGUNGKIT``/``HASIL``, D area, E sub-area, F question
letter, G text, J answer type, M evidence link, N answer, O score, P percent. Its
column Q is the evaluator's note (catatan TPI), not the unit's, so it is not read."""


def find_sheet(wb: Workbook, path: str) -> tuple[Worksheet, Columns]:
    """The LKE worksheet and its columns (``LKE ZI`` first, then any sheet whose
    headers fit, then the KemenPANRB ``Jawaban`` sheet by its known columns); a
    located problem when there is none."""
    sheets = sorted(wb.worksheets, key=lambda ws: ws.title.casefold() != "lke zi")
    found = [(ws, columns) for ws in sheets if (columns := find_columns(ws)) is not None]
    if len(found) > 1:
        # Two LKE sheets are two units (or a unit and its copy): reading the first
        # would be a silent guess.
        names = ", ".join(repr(str(ws.title)) for ws, _columns in found)
        raise refuse(
            path,
            _(
                "the workbook has {count} LKE sheets ({sheets}); zi reads one unit per workbook"
            ).format(count=len(found), sheets=shown(names, 120)),
            _("save each unit's sheet in a workbook of its own, or delete the extra copies"),
        )
    if found:
        return found[0]
    for ws in wb.worksheets:
        if ws.title.strip().casefold() == "jawaban":
            return ws, JAWABAN
    names = ", ".join(repr(ws.title) for ws in wb.worksheets)
    raise refuse(
        path,
        _("no LKE worksheet found (sheets: {sheets})").format(sheets=shown(names, 120)),
        _(
            "zi reads the Lampiran III layout: a sheet such as 'LKE ZI' with the headers "
            "Bobot, Pilihan Jawaban, Jawaban and Nilai"
        ),
    )


# ---------------------------------------------------------------------------------------
# Rows


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _at(cells: Sequence[Any], col: int | None) -> Any:
    """The value of column ``col`` in a row's cells (formulas as :class:`Formula`)."""
    if col is None or col > len(cells):
        return None
    return _value(cells[col - 1])


def _evidence(
    cells: Sequence[Any], columns: Columns, r: int, links_at: dict[str, str]
) -> tuple[str, ...]:
    out: list[str] = []
    text = _at(cells, columns.evidence)
    if text is not None and not _is_formula(text):
        out += [line.strip() for line in str(text).splitlines() if line.strip()]
    if columns.link is not None:
        links: list[str] = []
        target = links_at.get(f"{col_letter(columns.link)}{r}")
        if target:
            links.append(target.strip())
        value = _at(cells, columns.link)
        if isinstance(value, str) and not _is_formula(value):
            links += [part for part in value.split() if part]
        for link in links:
            if link not in out:
                out.append(link)
    return tuple(out)


def _used_tree(columns: Columns, given_rows: Sequence[Sequence[Any]]) -> Columns:
    """``columns`` without the tree columns that are empty between used ones: a column
    inserted inside the tree (or between the text and ``Bobot``) would otherwise
    shift every row right of it one level down."""
    used = {
        c
        for given in given_rows
        for c in columns.tree
        if c <= len(given) and _text(_value(given[c - 1]))
    }
    if not used:
        return columns
    tree = tuple(c for c in columns.tree if c < min(used) or c in used)
    return replace(columns, tree=tree) if tree != columns.tree else columns


def read_rows(
    ws: Worksheet,
    columns: Columns,
    path: str,
    links_at: dict[str, str] | None = None,
    external: list[str] | None = None,
) -> tuple[list[SheetRow], Columns]:
    """Every meaningful row below the header, classified, up to the final total, and
    ``columns`` with the tree columns the rows use (see :func:`_used_tree`).
    ``links_at``: cell -> hyperlink target (see :func:`hyperlinks`); formulas that
    refer to other files are added to ``external`` (in one pass over the sheet)."""
    links = links_at or {}
    out: list[SheetRow] = []
    wanted = (columns.tree[-1], columns.type, columns.answer, columns.value, columns.weight)
    last = max(*wanted, columns.note or 0, columns.evidence or 0, columns.link or 0)
    first = columns.header_row + 1
    sheet_rows = ws.iter_rows(min_row=first, max_row=MAX_ROWS + 1, max_col=MAX_COLS)
    # Read whole first (at most MAX_ROWS + 1 rows): which tree columns are used is
    # known only from all of them.
    given_rows = [tuple(given) for given in sheet_rows]
    columns = _used_tree(columns, given_rows[:MAX_ROWS])
    for r, given in enumerate(given_rows, start=first):
        if r > MAX_ROWS:
            raise refuse(
                path,
                _("sheet '{sheet}' has more than {count:,} rows; an LKE has some 220").format(
                    sheet=shown(ws.title), count=MAX_ROWS
                ),
                _("remove the rows below the LKE (or save only the LKE sheet) and try again"),
            )
        if external is not None:
            external += _external_formulas(given, str(ws.title))
        cells: Sequence[Any] = given
        if len(cells) < last:
            cells = (*cells, *([_EMPTY] * (last - len(cells))))
        tree = [_text(cells[c - 1].value) for c in columns.tree]
        atype = _text(cells[columns.type - 1].value)
        answer = _value(cells[columns.answer - 1])
        weight = cells[columns.weight - 1].value
        start = next((i for i, t in enumerate(tree) if t), None)
        if start is None:
            if answer is not None and _text(answer) and not atype:
                out.append(SheetRow(r, "stray", None, 0, "", atype, weight, answer, None, ()))
            continue
        label: str | None = tree[start]
        text_at = start + 1
        if not _NUMBERING.match(label or ""):
            label, text_at = None, start
        text = next((t for t in tree[text_at:] if t), label or "")
        kind: RowKind
        type_key = _type_key(atype)
        # A '%' beside a weighted sub-area heading (as in 'Penanganan Pengaduan') marks
        # the heading, not a question.
        percent_heading = type_key == "%" and _is_number(weight) and label is not None
        if type_key == "jumlah":
            kind = "count"
        elif atype and start >= 2 and not (percent_heading and start <= 3):
            kind = "question"
        elif atype or _is_number(weight) or (start <= 4 and not (start == 4 and label)):
            kind = "structure"
        elif answer is not None and _text(answer):
            kind = "stray"
        else:
            continue
        note_value = _at(cells, columns.note)
        if note_value is None or _is_formula(note_value):
            note = ""
        elif isinstance(note_value, str):
            note = note_value.strip()  # a note keeps its own lines and spacing
        else:
            note = _text(note_value)
        row = SheetRow(
            row=r,
            kind=kind,
            label=label,
            level=start,
            text=text,
            type=atype,
            weight=weight,
            answer=answer,
            note=note or None,
            evidence=_evidence(cells, columns, r, links),
        )
        out.append(row)
        if kind == "structure" and start == 0 and norm(text).startswith("nilai"):
            break  # the final total; below it are signatures
    return out, columns


# ---------------------------------------------------------------------------------------
# Matching rows to the pack


@dataclass(frozen=True)
class _Target:
    node: Node
    text: str
    tail: str
    type_label: str
    lke: str


def _type_key(label: str) -> str:
    return re.sub(r"\s+", "", label.casefold()).replace("(", "").replace(")", "")


def _targets(index: CriteriaIndex) -> list[_Target]:
    out = []
    for q in index.questions:
        text = q.text or q.name or ""
        tail = text.rsplit(" - ", 1)[-1] if " - " in text else ""
        out.append(
            _Target(
                q,
                norm(text),
                norm(tail),
                _type_key(index.answer_type(q).label),
                norm(q.lke or ""),
            )
        )
    return out


def _row_type_matches(row_type: str, target: _Target, index: CriteriaIndex) -> bool | None:
    """True/False when the row's answer type agrees/disagrees; None when it is unknown.
    ``Ya`` typed for ``Ya/Tidak`` agrees (a common slip)."""
    key = _type_key(row_type)
    if not key:
        return None
    if key == target.type_label:
        return True
    atype = index.answer_type(target.node)
    keys = [o.key.casefold() for o in atype.options]
    parts = key.split("/")
    if keys and parts == keys[: len(parts)] and len(parts) < len(keys):
        # a prefix: 'ya' of ya/tidak; ambiguous for a/b/c, which prefixes a/b/c/d
        others = [t for t in index.answer_types.values() if t.options and t is not atype]
        if not any([o.key.casefold() for o in t.options][: len(parts)] == parts for t in others):
            return True
    return False


def _similarity(row: SheetRow, target: _Target, index: CriteriaIndex) -> float:
    text = norm(row.text)
    if text == target.text:
        score = 1.0
    else:
        matcher = difflib.SequenceMatcher(None, text, target.text, autojunk=False)
        score = matcher.ratio() if matcher.real_quick_ratio() >= 0.5 else 0.0
        if target.tail:
            tail = difflib.SequenceMatcher(None, text, target.tail, autojunk=False).ratio()
            score = max(score, tail)
    agrees = _row_type_matches(row.type, target, index)
    if agrees is True:
        score += 0.1
    elif agrees is False:
        score -= 0.1
    if row.label is not None and target.lke and norm(row.label) == target.lke:
        score += 0.05
    return score


_ACCEPT = 0.62
_BAND = 40


def align(
    rows: Sequence[SheetRow], targets: Sequence[_Target], index: CriteriaIndex
) -> list[tuple[int, int]]:
    """Pairs (row position, target position) in order, maximising total similarity;
    pairs below the acceptance bar are never made. Rows whose text is exactly a
    question's are anchors (the longest chain of them in order); only the stretches
    between anchors are aligned by similarity, so an inserted or deleted row costs
    a few comparisons, not every row against every question."""
    n, m = len(rows), len(targets)
    if n == m:
        diagonal = [_similarity(rows[i], targets[i], index) for i in range(n)]
        if all(s >= 0.8 for s in diagonal):
            return [(i, i) for i in range(n)]
    anchors = _anchors(rows, targets)
    pairs: list[tuple[int, int]] = []
    last_i = last_j = -1
    for i, j in [*anchors, (n, m)]:
        stretch = _align_dp(rows[last_i + 1 : i], targets[last_j + 1 : j], index)
        pairs += [(last_i + 1 + a, last_j + 1 + b) for a, b in stretch]
        if i < n:
            pairs.append((i, j))
        last_i, last_j = i, j
    return pairs


def _anchors(rows: Sequence[SheetRow], targets: Sequence[_Target]) -> list[tuple[int, int]]:
    """Rows whose text is exactly a question's, the longest chain of them in order."""
    by_text: dict[str, list[int]] = {}
    for j, target in enumerate(targets):
        by_text.setdefault(target.text, []).append(j)
    candidates = [
        (i, j) for i, row in enumerate(rows) for j in reversed(by_text.get(norm(row.text), []))
    ]
    return _longest_chain(candidates)


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing in both positions (pairs come sorted by
    row, each row's targets in descending order, so a row is used at most once)."""
    import bisect

    tails: list[int] = []  # smallest target ending a chain of each length
    tail_at: list[int] = []  # index into pairs of that chain's end
    before: list[int] = [-1] * len(pairs)
    for k, (_i, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        before[k] = tail_at[pos - 1] if pos else -1
    chain: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = before[k]
    return chain[::-1]


def _align_dp(
    rows: Sequence[SheetRow], targets: Sequence[_Target], index: CriteriaIndex
) -> list[tuple[int, int]]:
    """:func:`align` for a stretch without anchors: the order-keeping pairing with
    the largest total similarity (dynamic programming over the stretch)."""
    n, m = len(rows), len(targets)
    sims: dict[tuple[int, int], float] = {}
    for i in range(n):
        for j in range(max(0, i - _BAND), min(m, i + _BAND + 1)):
            sim = _similarity(rows[i], targets[j], index)
            if sim >= _ACCEPT:
                sims[i, j] = sim
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            value = max(best[i + 1][j], best[i][j + 1])
            here = sims.get((i, j))
            if here is not None:
                value = max(value, best[i + 1][j + 1] + here)
            best[i][j] = value
    pairs = []
    i = j = 0
    while i < n and j < m:
        pair = sims.get((i, j))
        if pair is not None and best[i][j] == best[i + 1][j + 1] + pair:
            pairs.append((i, j))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _match_counts(
    counts: Sequence[SheetRow], question: Node
) -> tuple[dict[str, SheetRow], dict[str, SheetRow], list[SheetRow]]:
    """Count rows -> input fields and derived fields by label; the rest unmatched."""
    assert question.computed is not None
    labels = [(i.field, norm(i.label), "input") for i in question.computed.inputs]
    labels += [(d.field, norm(d.label), "derived") for d in question.computed.derived]
    scored = []
    for pos, row in enumerate(counts):
        text = norm(row.text)
        for fld, label, kind in labels:
            ratio = 1.0 if text == label else difflib.SequenceMatcher(None, text, label).ratio()
            scored.append((ratio, -pos, fld, kind, pos))
    scored.sort(reverse=True)
    inputs: dict[str, SheetRow] = {}
    derived: dict[str, SheetRow] = {}
    used: set[int] = set()
    for ratio, _tie, fld, kind, pos in scored:
        if ratio < 0.6 or pos in used or fld in inputs or fld in derived:
            continue
        (inputs if kind == "input" else derived)[fld] = counts[pos]
        used.add(pos)
    rest = [row for pos, row in enumerate(counts) if pos not in used]
    return inputs, derived, rest


# ---------------------------------------------------------------------------------------
# The answer-file mapping


def _option_or_scale(value: Any) -> Any:
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _count(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else _number_text(value)
    return value


class _Empty:
    """A cell a short row does not have."""

    value = None
    data_type = "n"


_EMPTY = _Empty()


class Formula(str):
    """A cell's formula as text (never evaluated), apart from text that merely
    starts with '='."""

    __slots__ = ()


def _value(cell: Any) -> Any:
    value = cell.value
    if getattr(cell, "data_type", None) == "f":
        return Formula(str(value))
    return value


def _is_formula(value: Any) -> bool:
    return isinstance(value, Formula)


def _long(answer: Any, note: str | None, evidence: Iterable[str]) -> Any:
    listed = list(dict.fromkeys(evidence))
    if note is None and not listed:
        return answer
    out: dict[str, Any] = {"answer": answer}
    if listed:
        out["evidence"] = listed
    if note is not None:
        out["note"] = note
    return out


def _external_formulas(cells: Sequence[Any], sheet: str) -> list[str]:
    found: list[str] = []
    for cell in cells:
        value = _value(cell)
        if _is_formula(value) and _EXTERNAL_REF.search(_strip_strings(str(value))):
            found.append(cell_ref(sheet, int(cell.column), int(cell.row)))
    return found


def _strip_strings(formula: str) -> str:
    return re.sub(r'"[^"]*"', '""', formula)


def _period_from(text: str) -> str | None:
    m = _PERIOD_IN_NAME.search(text)
    if not m:
        return None
    year = m.group(1)
    if m.group(3):
        return f"{year}-Q{m.group(3)}"
    if m.group(5):
        return f"{year}-S{m.group(5)}"
    return year


_UNIT_LABELS = {
    "unit kerja": "name",
    "nama unit": "name",
    "nama unit kerja": "name",
    "satuan kerja": "name",
    "nama satuan kerja": "name",
    "periode": "period",
    "periode penilaian": "period",
    "instansi": "instansi",
    "predikat yang dimiliki": "predicate_held",
}


def _stated_unit(
    wb: Workbook, skip: str, facts: Mapping[str, bool] | None = None
) -> dict[str, tuple[Any, str]]:
    """Unit facts a workbook states as ``label | value`` pairs on a sheet other than
    the LKE (zi's exports do, on ``Utama``): key -> (value, cell). ``facts``: the
    keys of the pack's ``unit_fields`` (labelled by the key itself) -> whether the
    fact is a number; their values keep their type (a number stays one, exactly)."""
    facts = facts or {}
    labels = {**_UNIT_LABELS, **{key.casefold(): key for key in facts}}
    found: dict[str, tuple[Any, str]] = {}
    for ws in wb.worksheets:
        if ws.title == skip:
            continue
        rows = ws.iter_rows(max_row=60, max_col=20)
        for row in rows:
            for pos, cell in enumerate(row):
                if not isinstance(cell.value, str):
                    continue
                key = labels.get(_header(cell.value).rstrip(":").strip())
                if key is None or key in found:
                    continue
                value = next((c for c in row[pos + 1 :] if _text(c.value)), None)
                if value is not None and not _is_formula(_value(value)):
                    ref = cell_ref(ws.title, int(value.column), int(value.row))  # type: ignore[arg-type]
                    read = _fact(value.value, facts[key]) if key in facts else _text(value.value)
                    found[key] = (read, ref)
    return found


def _fact(value: Any, number: bool) -> Any:
    """A prerequisite fact as the answer file would hold it (binding checks it): a
    number typed or written as text (as zi writes 97.5, exactly) is a number."""
    from zicli.models.numbers import read_number

    if isinstance(value, float):
        return int(value) if value.is_integer() else _number_text(value)
    if isinstance(value, str):
        value = value.strip()
        exact = read_number(value) if number else None
        if exact is not None and exact.is_finite():
            return int(exact) if exact == exact.to_integral_value() else exact
    return value


def _pack_named(wb: Workbook, rows: Sequence[SheetRow], ws: Worksheet) -> str | None:
    props = wb.properties
    for text in (props.keywords, props.subject):
        m = _PACK_PROPERTY.search(text or "")
        if m:
            return m.group(1)
    heading = " ".join(
        _text(c.value)
        for row in ws.iter_rows(max_row=3, max_col=MAX_COLS)
        for c in row
        if isinstance(c.value, str)
    )
    for pattern, pack in _PACK_MENTION:
        if pattern.search(heading):
            return pack
    return None


class _Reader:
    def __init__(self, path: str, index: CriteriaIndex, ws: Worksheet, columns: Columns) -> None:
        self.path = path
        self.index = index
        self.ws = ws
        self.sheet = str(ws.title)
        self.columns = columns
        self.problems: list[Problem] = []

    def at(self, col: int, row: int) -> str:
        return cell_ref(self.sheet, col, row)

    def fail(self, cell: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(message, hint=hint, where=where(self.path, cell)))

    def read(self, rows: list[SheetRow], out: WorkbookRead) -> dict[str, Any]:
        index = self.index
        questions = [r for r in rows if r.kind == "question"]
        targets = _targets(index)
        pairs = align(questions, targets, index)
        matched_rows = {questions[i].row: targets[j].node for i, j in pairs}
        matched_ids = {targets[j].node.id for _, j in pairs}
        for row in rows:
            out.rows[row.row] = row
        answers: dict[str, Any] = {}
        text_col = self.columns.tree[-1]
        pos = 0
        while pos < len(rows):
            row = rows[pos]
            pos += 1
            if row.kind == "stray":
                self.fail(
                    self.at(self.columns.answer, row.row),
                    _("an answer ('{answer}') on a row with no question").format(
                        answer=shown(_text(row.answer))
                    ),
                    _("move it to its question's row, or clear the cell"),
                )
                continue
            if row.kind == "count":
                self.fail(
                    self.at(text_col, row.row),
                    _("a Jumlah row ('{text}') under no computed question").format(
                        text=shown(row.text)
                    ),
                    _("Jumlah rows belong right below their % question; move or delete it"),
                )
                continue
            if row.kind != "question":
                continue
            node = matched_rows.get(row.row)
            counts: list[SheetRow] = []
            while pos < len(rows) and rows[pos].kind == "count":
                counts.append(rows[pos])
                pos += 1
            if node is None:
                close = difflib.get_close_matches(
                    norm(row.text), [t.text for t in targets], n=1, cutoff=0.6
                )
                hint = _("a typo, or a question of another pack? check the text, or delete the row")
                if close:
                    near = next(t.node for t in targets if t.text == close[0])
                    if near.id in matched_ids:
                        hint = _("{question} is answered on another row; delete one of them")
                        hint = hint.format(question=near.id)
                    else:
                        hint = _("closest: {question} '{text}'").format(
                            question=near.id, text=shown(near.text or "", 50)
                        )
                self.fail(
                    self.at(text_col, row.row),
                    _("row {row} ('{text}') matches no question of {pack}").format(
                        row=row.row, text=shown(row.text, 50), pack=index.id
                    ),
                    hint,
                )
                continue
            out.question_rows[node.id] = row.row
            value = self.answer(node, row, counts, out)
            if value is not None:
                notes = [row.note, *(c.note for c in counts)]
                note = "\n".join(n for n in notes if n) or None
                evidence = [*row.evidence, *(e for c in counts for e in c.evidence)]
                answers[node.id] = _long(value, note, evidence)
        for target in targets:
            if target.node.id not in matched_ids:
                self.problems.append(
                    Problem(
                        _("no row for {question} ('{text}')").format(
                            question=target.node.id, text=shown(target.node.text or "", 50)
                        ),
                        hint=_(
                            "was its row deleted? insert it back in its sub-area, with its "
                            "answer type in the 'Pilihan Jawaban' column"
                        ),
                        where=Location(file=self.path, sheet=self.sheet),
                    )
                )
        return answers

    def answer(self, node: Node, row: SheetRow, counts: list[SheetRow], out: WorkbookRead) -> Any:
        answer_col = self.columns.answer
        cell = self.at(answer_col, row.row)
        path: FieldPath = ("answers", node.id)
        if node.computed is None:
            if counts:
                self.fail(
                    self.at(self.columns.tree[-1], counts[0].row),
                    _("a Jumlah row below {question}, which is not computed from counts").format(
                        question=node.id
                    ),
                    _("delete the row"),
                )
            value = row.answer
            if value is None or (isinstance(value, str) and not value.strip()):
                return None
            if _is_formula(value):
                self.fail(
                    cell,
                    _("a formula ({formula}) where {question}'s answer belongs").format(
                        formula=shown(str(value), 40), question=node.id
                    ),
                    _("type the answer itself; zi never evaluates formulas from a file"),
                )
                return None
            out.cells[path] = cell
            out.cells[(*path, "answer")] = cell
            return _option_or_scale(value)
        inputs, derived, rest = _match_counts(counts, node)
        for row_left in rest:
            self.fail(
                self.at(self.columns.tree[-1], row_left.row),
                _("Jumlah row '{text}' matches no count of {question}").format(
                    text=shown(row_left.text, 50), question=node.id
                ),
                _("counts: {labels}").format(
                    labels=", ".join(i.label for i in node.computed.inputs)
                ),
            )
        for fld, derived_row in derived.items():
            out.count_rows[node.id, fld] = derived_row.row
        raw: dict[str, Any] = {}
        blank: list[str] = []
        missing_row = False
        for spec in node.computed.inputs:
            count_row = inputs.get(spec.field)
            if count_row is None:
                missing_row = True
                self.fail(
                    cell,
                    _("no Jumlah row for '{label}' of {question}").format(
                        label=spec.label, question=node.id
                    ),
                    _("insert it below the question, with 'Jumlah' in 'Pilihan Jawaban'"),
                )
                continue
            out.count_rows[node.id, spec.field] = count_row.row
            count_cell = self.at(answer_col, count_row.row)
            out.cells[(*path, spec.field)] = count_cell
            out.cells[(*path, "answer", spec.field)] = count_cell
            value = count_row.answer
            if value is None or (isinstance(value, str) and not value.strip()):
                blank.append(spec.field)
                continue
            if _is_formula(value):
                self.fail(
                    count_cell,
                    _("a formula where the count '{label}' of {question} belongs").format(
                        label=spec.label, question=node.id
                    ),
                    _("type the count itself; zi never evaluates formulas from a file"),
                )
                missing_row = True
                continue
            raw[spec.field] = _count(value)
        if missing_row:
            return None
        if not raw:
            typed = row.answer
            if typed is not None and not _is_formula(typed) and _text(typed):
                self.fail(
                    cell,
                    _(
                        "a typed value ({value}) where {question} is computed; "
                        "its Jumlah rows are blank"
                    ).format(value=shown(_text(typed)), question=node.id),
                    _("fill in the Jumlah rows below it; zi computes the percentage"),
                )
            return None
        if blank:
            first = node.computed.inputs[[i.field for i in node.computed.inputs].index(blank[0])]
            self.fail(
                out.cells[(*path, first.field)],
                _("the count '{label}' of {question} is blank while others are filled").format(
                    label=first.label, question=node.id
                ),
                _("every count is required and 0 is a valid count"),
            )
            return None
        out.cells[path] = cell
        return raw


def _questions_until(
    rows: list[SheetRow], by_row: dict[int, str], level: int, *, same_level: bool
) -> list[str]:
    """Questions down to the next heading at ``level`` (or above it only)."""
    out = []
    for row in rows:
        if row.kind == "structure" and (row.level < level or (same_level and row.level == level)):
            break
        if row.row in by_row:
            out.append(by_row[row.row])
    return out


def _map_structure(out: WorkbookRead, rows: list[SheetRow], index: CriteriaIndex) -> None:
    """Which rows hold which node's score: each structure row stands for the lowest
    common ancestor of the questions below it (down to the next structure row, or
    to the next row of its own level or above)."""
    from zicli.models.criteria import TOTAL

    by_row = {r: q for q, r in out.question_rows.items()}
    for q, r in out.question_rows.items():
        out.node_rows.setdefault(q, []).append(r)
    tops = {norm(n.name or ""): n.id for n in index.criteria.nodes}
    structure = [r for r in rows if r.kind == "structure"]
    seen: set[str] = set()
    positions = {r.row: p for p, r in enumerate(rows)}
    for srow in structure:
        text = norm(srow.text)
        if srow.level == 0 and srow.label is None:
            if text.startswith("nilai"):
                out.node_rows.setdefault(TOTAL, []).append(srow.row)
            else:
                for name, top in tops.items():
                    if name and name in text:
                        out.node_rows.setdefault(top, []).append(srow.row)
            continue
        start = positions[srow.row] + 1
        below: list[str] = []
        for row in rows[start:]:
            if row.kind == "structure":
                break
            if row.row in by_row:
                below.append(by_row[row.row])
        if not below:
            below = _questions_until(rows[start:], by_row, srow.level, same_level=True)
        if not below:
            # a heading whose parts are headed at its own level (the LHK sub-area in
            # Lampiran III: 'iii.' then 'i. ... LHKPN'): up to the next higher heading
            below = _questions_until(rows[start:], by_row, srow.level, same_level=False)
        if not below:
            continue
        paths = [index.area_path(q) for q in below]
        common = paths[0]
        for p in paths[1:]:
            common = [a for a, b in zip(common, p, strict=False) if a == b]
            common = common[
                : next(
                    (i for i, (a, b) in enumerate(zip(common, p, strict=False)) if a != b),
                    len(common),
                )
            ]
        if not common:
            continue
        node_id = common[-1]
        node = index.nodes[node_id]
        if node.kind == "butir" and (node.weight is None or index.parents[node_id] not in seen):
            # a heading over one question stands for its parent, unless the parent has its
            # own heading above (then it is the part heading of a weighted question: LHKPN)
            node_id = index.parents[node_id]
            node = index.nodes[node_id]
        if node_id in seen and node.kind != "butir":
            continue  # a second row for the same node
        seen.add(node_id)
        out.node_rows.setdefault(node_id, []).append(srow.row)


def read_workbook(
    data: bytes,
    path: str,
    *,
    criteria: str | None = None,
    name: str | None = None,
    period: str | None = None,
    instansi: str | None = None,
    base: Path | None = None,
) -> WorkbookRead:
    """Read a workbook's answers against its pack (``criteria`` if given, else the
    pack the workbook names, else the shipped pack whose questions it matches).
    What cannot be read is in ``problems``; refusals of the file as a whole raise."""
    from zicli.loading import load_criteria

    wb = open_workbook(data, path, streaming=True)
    ws, columns = find_sheet(wb, path)
    sheet = str(ws.title)
    external: list[str] = []
    rows, columns = read_rows(ws, columns, path, hyperlinks(data, sheet), external)
    layout_notes = (
        [
            _(
                "layout: the KemenPANRB '{sheet}' sheet, read by its known columns (answer in "
                "N, link in M); no copy of it was seen, so check the answers"
            ).format(sheet=sheet)
        ]
        if columns is JAWABAN
        else []
    )
    if external:
        archive = check_bytes(data, path)
        parts = external_parts(archive)
        archive.close()
        raise InputError(
            [
                Problem(
                    _("a formula refers to another file; zi does not follow links between files"),
                    hint=_("replace it with the value it should hold (Paste Special > Values)"),
                    where=where(path, ref),
                )
                for ref in external[:20]
            ]
            + (
                [
                    Problem(
                        _("the workbook links other files ({parts})").format(
                            parts=", ".join(parts)
                        ),
                        file=path,
                    )
                ]
                if parts and not external
                else []
            )
        )
    notes: list[str] = layout_notes
    ref = criteria or _pack_named(wb, rows, ws)
    if ref is None:
        ref = _best_pack(rows, path)
        notes.append(
            _("criteria: {pack} (chosen by matching the questions; set it with --criteria)").format(
                pack=ref
            )
        )
    index = load_criteria(ref, base)
    out = WorkbookRead(path, sheet, columns, index.id, {})
    reader = _Reader(path, index, ws, columns)
    answers = reader.read(rows, out)
    _map_structure(out, rows, index)
    unit = _unit(wb, path, name, period, instansi, notes, reader, out.cells)
    wb.close()
    out.raw = {"criteria": criteria or index.id, "unit": unit, "answers": answers}
    out.notes = notes
    out.problems = reader.problems
    return out


def _problem_order(problem: Problem) -> tuple[int, str]:
    m = re.fullmatch(r"([A-Z]+)([0-9]*)", problem.where.cell or "")
    return (int(m.group(2) or 0), m.group(1)) if m else (0, "")


def _best_pack(rows: list[SheetRow], path: str) -> str:
    from zicli.loading import load_criteria, shipped_packs

    questions = [r for r in rows if r.kind == "question"]
    scores = []
    for pack in shipped_packs():
        index = load_criteria(pack)
        if index.changed:
            continue  # an overlay scores as its parent; the parent stands for it
        # exact texts in order tell the packs apart at once (their wordings differ)
        anchors = _anchors(questions, _targets(index))
        scores.append((len(anchors) / max(len(index.questions), len(questions), 1), pack))
    scores.sort(reverse=True)
    if scores and scores[0][0] >= 0.5 and (len(scores) == 1 or scores[1][0] < scores[0][0] - 0.3):
        return scores[0][1]
    raise refuse(
        path,
        _("cannot tell which criteria pack this workbook follows"),
        _("give --criteria, e.g. --criteria permenpanrb-90-2021"),
    )


def _unit(
    wb: Workbook,
    path: str,
    name: str | None,
    period: str | None,
    instansi: str | None,
    notes: list[str],
    reader: _Reader,
    cells: dict[FieldPath, str],
) -> dict[str, Any]:
    fields = reader.index.criteria.unit_fields
    facts = {key: spec.kind == "number" for key, spec in fields.items()}
    stated = _stated_unit(wb, reader.sheet, facts)
    stem = Path(path).stem
    unit: dict[str, Any] = {}
    if name is None and "name" in stated:
        name = stated["name"][0]
    if name is None:
        # 'KUA_Selebar_2026-Q1' names 'KUA Selebar': the period is said apart
        bare = _PERIOD_IN_NAME.sub(" ", stem)
        name = re.sub(r"[_\s]+", " ", bare).strip(" -_.") or "Unit"
        notes.append(
            _("unit name '{name}' taken from the file name (set it with --name)").format(name=name)
        )
    unit["name"] = name
    if instansi is None and "instansi" in stated:
        instansi = stated["instansi"][0]
    if instansi:
        unit["instansi"] = instansi
    if period is None and "period" in stated:
        period = stated["period"][0]
    if period is None:
        period = _period_from(stem)
        if period is not None:
            notes.append(
                _("period {period} taken from the file name (set it with --period)").format(
                    period=period
                )
            )
    if period is None:
        modified = wb.properties.modified
        if modified is not None:
            period = f"{modified.year}-Q{(modified.month - 1) // 3 + 1}"
            notes.append(
                _(
                    "period {period} taken from the date the workbook was last saved "
                    "(set it with --period)"
                ).format(period=period)
            )
    if period is None:
        reader.problems.append(
            Problem(
                _("the workbook and its file name state no period"),
                file=path,
                hint=_("give --period, e.g. --period 2026-Q1"),
            )
        )
        period = "2000"
    unit["period"] = period
    # what zi's export writes beside the LKE (Lampiran III has no place for it)
    for key in ("predicate_held", *facts):
        if key in stated:
            unit[key], cells[("unit", key)] = stated[key]
    return unit


class WorkbookDocument:
    """A read workbook as the reader contract's :class:`~.AnswerDocument`: its
    answer-file mapping, and the cell each value came from."""

    located = True

    def __init__(self, read: WorkbookRead) -> None:
        self.read = read
        self.file = read.file
        self.root = read.raw

    def locate(self, path: FieldPath, *, key: bool = False) -> Location | None:
        """The cell of the value at ``path`` (or of the nearest enclosing value that
        has one); the worksheet itself when none has."""
        for size in range(len(path), 0, -1):
            ref = self.read.cells.get(path[:size])
            if ref is not None:
                return where(self.file, ref)
        return Location(file=self.file, sheet=self.read.sheet)

    def hides(self, path: FieldPath, *, missing: bool = False) -> bool:
        """Nothing the workbook reader reports is repeated by binding."""
        return False


class XlsxReader:
    """Reads an Excel workbook (``.xlsx``; an old ``.xls`` only to refuse it)."""

    kind = "Excel workbook"

    def read(
        self, data: bytes, name: str, sink: ProblemSink, context: ReadContext, *, located: bool
    ) -> WorkbookDocument:
        """The workbook's answers against its pack (``--criteria``, else the one it
        names, else the one its questions match); its problems go to ``sink``."""
        read = read_workbook(data, name, criteria=context.criteria, base=context.base)
        sink.problems.extend(read.problems)
        return WorkbookDocument(read)


READER = XlsxReader()


def load_workbook_unit(
    path: str,
    *,
    data: bytes | None = None,
    criteria: str | None = None,
    name: str | None = None,
    period: str | None = None,
    instansi: str | None = None,
    lenient: bool = False,
) -> tuple[LoadedUnit, WorkbookRead]:
    """A workbook read and bound to its pack, as :func:`zicli.loading.load_unit`
    does through :data:`READER`, with the unit's name, period and instansi from
    options (``zi import``); the :class:`WorkbookRead` says where each answer came
    from. ``lenient`` (for ``zi audit``) keeps going past problems: answers that
    cannot be read are left out and every problem is in ``read.problems``."""
    from pydantic import ValidationError

    from zicli.engine.unit import BoundUnit
    from zicli.loading import LoadedUnit, load_criteria, read_bytes
    from zicli.loading.locate import pydantic_said
    from zicli.models.answers import AnswerFile, Unit
    from zicli.models.bind import bind_answers

    content = read_bytes(path) if data is None else data
    base = Path(path).parent
    read = read_workbook(
        content, path, criteria=criteria, name=name, period=period, instansi=instansi, base=base
    )
    doc = WorkbookDocument(read)
    index = load_criteria(read.raw["criteria"], base)
    bound = bind_answers(index, read.raw["answers"])
    problems = list(read.problems)
    for fld, message, hint in bound.findings:
        problems.append(Problem(message, field=fld, hint=hint, where=doc.locate(fld)))
    envelope: AnswerFile | None = None
    try:
        envelope = AnswerFile.model_validate(read.raw)
    except ValidationError as exc:
        for error in exc.errors():
            loc = ".".join(str(x) for x in error["loc"])
            option = {"unit.period": "--period", "unit.name": "--name"}.get(loc)
            said = pydantic_said(error)
            if said is None:
                continue
            problems.append(
                Problem(
                    f"{loc}: {said[0]}",
                    file=path,
                    hint=_("give {option}").format(option=option) if option else said[1],
                )
            )
    if lenient:
        read.problems = sorted(problems, key=_problem_order)
        if envelope is None:
            unit = read.raw["unit"]
            envelope = AnswerFile.model_construct(
                criteria=index.id,
                unit=Unit.model_construct(
                    name=str(unit.get("name") or "Unit"), period=str(unit.get("period") or "2000")
                ),
                answers=read.raw["answers"],
            )
    elif problems:
        ordered = sorted(problems, key=_problem_order)
        if len(ordered) > MAX_PROBLEMS:
            rest = len(ordered) - MAX_PROBLEMS
            ordered = [
                *ordered[:MAX_PROBLEMS],
                Problem(
                    _("{count:,} more problems not shown").format(count=rest),
                    file=path,
                    hint=_("is it an LKE?"),
                ),
            ]
        raise InputError(ordered)
    assert envelope is not None
    unit_bound = BoundUnit(index, envelope.unit, bound.answers, path)
    return LoadedUnit(envelope, unit_bound), read
