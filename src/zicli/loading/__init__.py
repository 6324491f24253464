"""Files to checked models: the only layer that touches the disk or YAML.

``load_criteria`` reads a pack (shipped id or path) and checks it as a whole;
``load_unit`` reads an answer file and binds its answers to its pack. Both
collect every problem of a file and raise one :class:`~zicli.errors.InputError`.
Inputs are only ever read.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from zicli.engine.bind import bind_answers, bind_facts, bind_held
from zicli.engine.gates import Fact
from zicli.engine.index import CriteriaIndex, build_index
from zicli.errors import InputError, Problem, ProblemSink, did_you_mean, shown
from zicli.models.answers import RESERVED_UNIT_KEYS, AnswerFile, AnswerRecord
from zicli.models.criteria import Criteria, CriteriaOverlay

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment
    from zicli.engine.score import BlankPolicy

from . import cache
from .discover import STDIN as STDIN
from .yamlsafe import Document, read_document


@dataclass(frozen=True)
class LoadedUnit:
    """An answer file read, validated and bound to its pack."""

    file: str
    data: AnswerFile
    index: CriteriaIndex
    answers: dict[str, AnswerRecord]
    held: str | None
    facts: dict[str, Fact] = field(default_factory=dict)
    """Prerequisite facts stated under ``unit:``, checked against the pack."""

    def assess(self, blank: BlankPolicy = "zero") -> Assessment:
        """This unit scored and judged, with everything the file states."""
        from zicli.engine.assess import assess

        return assess(
            self.index,
            self.data.unit,
            self.answers,
            source=self.file,
            held=self.held,
            blank=blank,
            facts=self.facts,
        )


def packs_dir() -> Path:
    """Where the shipped packs live: inside the installed package, or the
    repository's ``criteria/`` in a development checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "criteria"
    if installed.is_dir():
        return installed
    return here.parent.parent / "criteria"


@functools.cache
def _shipped() -> tuple[tuple[str, Path], ...]:
    folder = packs_dir()
    if not folder.is_dir():
        return ()
    return tuple((p.stem, p) for p in sorted(folder.glob("*.yaml")))


def shipped_packs() -> dict[str, Path]:
    """Pack id -> file, for every shipped pack (file stem = pack id)."""
    return dict(_shipped())


def read_bytes(path: str) -> bytes:
    """A file's bytes (``-`` is standard input); unreadable files are InputErrors."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError([Problem("no such file", file=path)]) from None
    except IsADirectoryError:
        raise InputError(
            [Problem("is a folder", file=path, hint="give a .yaml file, or use 'zi score FOLDER'")]
        ) from None
    except OSError as exc:
        raise InputError([Problem(f"cannot read: {exc.strerror}", file=path)]) from None


def _document(path: str, sink: ProblemSink) -> Document:
    return _document_from(read_bytes(path), path, sink)


def _document_from(data: bytes, name: str, sink: ProblemSink, *, located: bool = True) -> Document:
    """The file's document; raises when nothing more can be checked. Problems the
    reader could step over (a duplicate key, a refused number) stay in ``sink``
    so the caller reports them with everything else it finds. ``located=False``
    may skip recording positions (see :func:`~.yamlsafe.read_document`)."""
    doc = read_document(data, name, sink, located=located)
    if doc is None:
        sink.raise_if_any()
    assert doc is not None
    if not isinstance(doc.root, dict):
        sink.add(
            "expected a mapping of 'key: value' lines at the top of the file",
            line=1,
            col=1,
            hint="see 'zi init' for the layout",
        )
        sink.raise_if_any()
    return doc


_CACHE: dict[str, CriteriaIndex] = {}
_BY_ID: dict[str, CriteriaIndex] = {}  # shipped packs by id: no path work per file


_LOADING: list[str] = []  # packs being loaded, to refuse 'extends' cycles


def load_criteria_file(path: str) -> CriteriaIndex:
    """Read and check one pack file (cached per path within a process). A pack
    with ``extends:`` is an overlay, merged into its parent here."""
    key = str(Path(path).resolve())
    if key in _CACHE:
        return _CACHE[key]
    disk_key = _shipped_key(Path(key))
    cached = cache.load(disk_key) if disk_key else None
    if cached is not None:
        _CACHE[key] = cached
        return cached
    sink = ProblemSink(path)
    doc = _document(path, sink)
    if "extends" in doc.root:  # type: ignore[operator]
        index = _load_overlay(path, key, doc, sink)
    else:
        criteria = _validated(Criteria, doc, sink)
        from zicli.models.check import check_criteria

        from .locate import report_findings

        report_findings(check_criteria(criteria), doc, sink)
        sink.raise_if_any()
        index = build_index(criteria)
    _CACHE[key] = index
    if disk_key:
        cache.store(disk_key, index)
    return index


_SHIPPED_KEY: list[str] = []


def _shipped_key(resolved: Path) -> str | None:
    """The disk-cache key of a shipped pack: every shipped pack's bytes count, so an
    edit of a parent invalidates its overlays too. Packs of users are not cached."""
    folder = packs_dir().resolve()
    if resolved.parent != folder:
        return None
    if not _SHIPPED_KEY:
        try:
            _SHIPPED_KEY.append(
                cache.key_for(*(p.read_bytes() for p in sorted(folder.glob("*.yaml"))))
            )
        except OSError:
            return None
    return f"{resolved.stem}-{_SHIPPED_KEY[0][:32]}"


M = TypeVar("M", bound=BaseModel)


def _validated(model: type[M], doc: Document, sink: ProblemSink) -> M:
    try:
        return model.model_validate(doc.root)
    except ValidationError as exc:
        from .locate import report_validation

        report_validation(exc, doc, model, sink)
        sink.raise_if_any()
        raise  # pragma: no cover - raise_if_any always raises here


def _load_overlay(path: str, key: str, doc: Document, sink: ProblemSink) -> CriteriaIndex:
    overlay = _validated(CriteriaOverlay, doc, sink)
    if key in _LOADING:
        line_col = doc.mark(("extends",))
        sink.add(
            f"'extends' makes a cycle: {' -> '.join(Path(p).stem for p in [*_LOADING, key])}",
            line=line_col[0] if line_col else None,
            col=line_col[1] if line_col else None,
            field=("extends",),
        )
        sink.raise_if_any()
    _LOADING.append(key)
    try:
        parent = load_criteria(overlay.extends, Path(path).parent)
    except InputError as exc:
        line_col = doc.mark(("extends",))
        first = exc.problems[0]
        if first.file != "zi":
            raise
        raise InputError(
            [
                Problem(
                    f"extends: {first.message}",
                    file=path,
                    line=line_col[0] if line_col else None,
                    col=line_col[1] if line_col else None,
                    field=("extends",),
                    hint=first.hint,
                )
            ]
        ) from None
    finally:
        _LOADING.pop()
    from zicli.models.overlay import check_overlay, merge

    from .locate import report_findings

    merged = merge(parent.criteria, overlay)
    report_findings(check_overlay(parent.criteria, overlay, merged), doc, sink)
    sink.raise_if_any()
    return build_index(merged.criteria, changed=merged.changed)


def load_criteria(ref: str, base: Path | None = None) -> CriteriaIndex:
    """A shipped pack by id, or a pack file by path (relative to ``base``)."""
    known = _BY_ID.get(ref)
    if known is not None:
        return known
    shipped = shipped_packs()
    if ref in shipped:
        _BY_ID[ref] = load_criteria_file(str(shipped[ref]))
        return _BY_ID[ref]
    candidate = Path(ref)
    if base is not None and not candidate.is_absolute():
        candidate = base / candidate
    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        if candidate.is_file():
            return load_criteria_file(str(candidate))
        hint = "a relative path is read from the answer file's folder" if base else None
        raise InputError(
            [Problem(f"pack file not found: {shown(str(candidate))}", file="zi", hint=hint)]
        )
    hint = did_you_mean(ref, list(shipped)) or "shipped packs: " + ", ".join(shipped)
    raise InputError([Problem(f"unknown criteria pack '{shown(ref)}'", file="zi", hint=hint)])


def load_unit(
    path: str, *, criteria: str | None = None, overrides: Sequence[str] = ()
) -> LoadedUnit:
    """Read an answer file and bind it to its pack (or to ``criteria`` if given);
    ``overrides`` are ``--set ID=VALUE`` what-if answers (see :mod:`.overrides`)."""
    base = Path(path).parent if path != STDIN else Path.cwd()
    loaded = load_unit_bytes(read_bytes(path), path, base, criteria=criteria)
    if overrides:
        from .overrides import apply_overrides

        return apply_overrides(loaded, overrides)
    return loaded


_WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def is_workbook(content: bytes, path: str) -> bool:
    """Whether an answer source is an Excel workbook (by name, or by its first bytes:
    no YAML file starts like a zip or an old .xls)."""
    return path.lower().endswith((".xlsx", ".xlsm", ".xls")) or content[:4] in _WORKBOOK_MAGIC


def load_unit_bytes(
    content: bytes, path: str, base: Path, *, criteria: str | None = None
) -> LoadedUnit:
    """:func:`load_unit` for bytes read elsewhere (e.g. a git revision): ``path`` is
    the name shown in messages, ``base`` the folder a relative pack path is read from."""
    if is_workbook(content, path):
        from .readers.xlsx import load_workbook_unit

        return load_workbook_unit(path, data=content, criteria=criteria)[0]
    sink = ProblemSink(path)
    # Most files are valid: read them without positions, and read again with
    # positions only to say where a problem is.
    doc = _document_from(content, path, sink, located=False)

    def located() -> Document:
        nonlocal doc
        if not doc.located:
            doc = _document_from(content, path, sink)
        return doc

    raw: dict[str, Any] = doc.root  # type: ignore[assignment]
    data = AnswerFile.quick(raw)
    try:
        if data is None:
            data = AnswerFile.model_validate(raw)
    except ValidationError as exc:
        # Keep going: the answers can still be checked against the pack, so the
        # user sees every problem of the file in one run.
        from .locate import report_validation

        report_validation(exc, located(), AnswerFile, sink)
    written = raw.get("criteria")
    ref = criteria or (written if isinstance(written, str) and written else None)
    index: CriteriaIndex | None = None
    pack_problems: tuple[Problem, ...] = ()
    if ref is not None and not (criteria is None and doc.hides(("criteria",))):
        try:
            index = load_criteria(ref, base)
        except InputError as exc:
            if criteria is not None:
                raise  # the command line names a pack that cannot be used
            if exc.problems and exc.problems[0].file == "zi":
                first = exc.problems[0]
                line_col = located().mark(("criteria",))
                sink.add(
                    first.message,
                    line=line_col[0] if line_col else None,
                    col=line_col[1] if line_col else None,
                    field=("criteria",),
                    hint=first.hint,
                )
            else:
                pack_problems = exc.problems
    answers: dict[str, AnswerRecord] = {}
    held: str | None = None
    facts: dict[str, Fact] = {}
    if index is not None:
        raw_answers = raw.get("answers")
        bound = bind_answers(index, raw_answers if isinstance(raw_answers, dict) else None)
        answers = bound.answers
        unit = raw.get("unit")
        written_held = unit.get("predicate_held") if isinstance(unit, dict) else None
        held, held_problem = bind_held(
            index, written_held if isinstance(written_held, str) else None
        )
        findings = list(bound.findings)
        if held_problem:
            findings.append(held_problem)
        if isinstance(unit, dict):
            extra = {k: v for k, v in unit.items() if k not in RESERVED_UNIT_KEYS}
            facts, fact_findings = bind_facts(index, extra)
            findings += fact_findings
        if findings:
            from .locate import report_findings

            report_findings(findings, located(), sink)
    try:
        sink.raise_if_any()
    except InputError as exc:
        raise InputError([*exc.problems, *pack_problems]) from None
    if pack_problems:
        raise InputError(pack_problems)
    assert data is not None and index is not None
    return LoadedUnit(path, data, index, answers, held, facts)
