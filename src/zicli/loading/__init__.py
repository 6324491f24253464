"""Files to checked models: the only layer that touches the disk or YAML.

``load_criteria`` reads a pack (shipped id or path) and checks it as a whole;
``load_unit`` reads an answer file and binds its answers to its pack. Both
collect every problem of a file and raise one :class:`~zicli.errors.InputError`.
Inputs are only ever read.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from zicli import i18n
from zicli.engine.unit import BoundUnit
from zicli.errors import (
    FieldPath,
    InputError,
    Location,
    Problem,
    ProblemSink,
    UsageError,
    did_you_mean,
    shown,
)
from zicli.models.answers import RESERVED_UNIT_KEYS, AnswerFile, AnswerRecord, Fact
from zicli.models.bind import bind_answers, bind_facts, bind_held
from zicli.models.criteria import Criteria, CriteriaOverlay
from zicli.models.index import CriteriaIndex, build_index

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment
    from zicli.engine.review import Layer
    from zicli.engine.score import BlankPolicy, Warning
    from zicli.models.check import Finding

from zicli.i18n import _

from . import cache
from .discover import STDIN as STDIN
from .files import STREAM_PREFIXES, os_problem, read_input
from .readers import AnswerDocument, PlaceReader, ReadContext, reader_for
from .yamlsafe import Document


class Snapshot(Protocol):
    """Files as they are at one git revision (:class:`.gitrev.GitRevision`). A file
    read from a snapshot names what it uses (the file it reviews, a pack by path)
    in the same snapshot: paths are working-tree paths, looked up at the revision."""

    def kind(self, path: str) -> str | None:
        """``"blob"`` for a file, ``"tree"`` for a folder, None when not there."""

    def read(self, path: str) -> bytes:
        """The bytes of the file ``path``."""

    def name(self, path: str) -> str:
        """How ``path`` is named in messages (``REV:relative/path``)."""

    def key(self, path: str) -> str:
        """A key for ``path`` at this revision that no other file or revision has."""


@dataclass(frozen=True)
class LoadedUnit:
    """An answer file read and bound to its pack: the file's envelope (``data``)
    and the :class:`~zicli.engine.unit.BoundUnit` the engine takes."""

    data: AnswerFile
    bound: BoundUnit
    locate: Callable[[FieldPath], Location | None] | None = field(default=None, compare=False)
    """Where a field of the file is written (read again with places on first use)."""
    locate_all: Callable[[Sequence[FieldPath]], list[Location | None]] | None = field(
        default=None, compare=False
    )
    """:attr:`locate` for several fields at once (the file looked at once for them)."""

    @property
    def file(self) -> str:
        """The name the file is given in messages (``-`` for stdin)."""
        return self.bound.source

    @property
    def index(self) -> CriteriaIndex:
        """The pack the answers are bound to."""
        return self.bound.index

    @property
    def answers(self) -> Mapping[str, AnswerRecord]:
        """Question id -> typed answer."""
        return self.bound.answers

    @property
    def held(self) -> str | None:
        """The predicate the unit states it holds, checked against the pack."""
        return self.bound.held

    @property
    def facts(self) -> Mapping[str, Fact]:
        """Prerequisite facts stated under ``unit:``, checked against the pack."""
        return self.bound.facts

    @property
    def layer(self) -> Layer | None:
        """For a review file: its layer (the answers are the layer's, ``file`` the
        review's); None for an answer file."""
        return self.bound.layer

    def assess(self, blank: BlankPolicy = "zero") -> Assessment:
        """This unit scored and judged, with everything the file states."""
        from zicli.engine.assess import assess

        result = assess(self.bound, blank)
        if not any(w.field for w in result.card.warnings):
            return result
        warnings = self._located(result.card.warnings)
        return dataclasses.replace(result, card=dataclasses.replace(result.card, warnings=warnings))

    def input_warnings(self) -> list[Problem]:
        """What the file states that is valid but almost surely not meant (see
        :func:`~zicli.engine.score.input_warnings`), as located problems."""
        from zicli.engine.score import input_warnings

        return [
            Problem(w.message, field=w.field, hint=w.hint, where=w.where or Location(self.file))
            for w in self._located(tuple(input_warnings(self.bound)))
        ]

    def _located(self, warnings: tuple[Warning, ...]) -> tuple[Warning, ...]:
        if self.locate_all is None:
            if self.locate is None:
                return warnings
            locate = self.locate
            return tuple(
                dataclasses.replace(w, where=locate(w.field)) if w.field else w for w in warnings
            )
        places = iter(self.locate_all([w.field for w in warnings if w.field]))
        return tuple(dataclasses.replace(w, where=next(places)) if w.field else w for w in warnings)


def packs_dir() -> Path:
    """Where the shipped packs live.

    They are package data of ``zicli`` (the wheel carries the repository's
    ``criteria/`` as ``zicli/criteria``), found with :mod:`importlib.resources`.
    A development checkout (``src/`` layout, installed editable) has no copy
    inside the package: there the repository's ``criteria/``, the packs' source,
    is read. Packs are read as files by path (messages name them, the disk
    cache keys on their folder), which every installed form pip makes provides.
    """
    packaged = resources.files("zicli") / "criteria"
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "criteria"


@functools.cache
def _shipped() -> tuple[tuple[str, Path], ...]:
    folder = packs_dir()
    if not folder.is_dir():
        return ()
    return tuple((p.stem, p) for p in sorted(folder.glob("*.yaml")))


def shipped_packs() -> dict[str, Path]:
    """Pack id -> file, for every shipped pack (file stem = pack id)."""
    return dict(_shipped())


def read_bytes(path: str, *, streams: bool = True) -> bytes:
    """A file's bytes (``-`` is standard input), bounded and never blocking on a
    special file (see :func:`.files.read_input`); unreadable files are InputErrors."""
    return read_input(path, streams=streams)


def _document(path: str, sink: ProblemSink, snapshot: Snapshot | None = None) -> Document:
    """A pack file's YAML document (packs are YAML whatever an answer file is).

    A file that is not YAML, or whose top has neither ``nodes`` nor ``extends``, is
    not a pack: it is refused without quoting a word of it (a path in an answer
    file may name any file of the machine, and messages reach a CI log)."""
    from .readers.yaml import read_mapping

    data = read_bytes(path, streams=False) if snapshot is None else snapshot.read(path)
    if snapshot is not None:
        path = snapshot.name(path)
    first = ProblemSink(path)
    try:
        doc = read_mapping(data, path, first)
    except InputError as exc:
        # What is said of the file as a whole (binary, not UTF-8, too large) quotes
        # nothing of it; anything else would quote its lines.
        said = _whole_file_messages(data, path)
        whole = [p for p in exc.problems if p.message in said]
        where = exc.problems[0].where if exc.problems else Location(path)
        raise InputError(whole or [_not_a_pack(path, where)]) from None
    root = doc.root
    if not isinstance(root, dict) or not ("nodes" in root or "extends" in root):
        raise InputError([_not_a_pack(path, Location(path, line=1, col=1))])
    sink.problems.extend(first.problems)  # a pack's own problems (duplicate keys...)
    return doc


def _whole_file_messages(data: bytes, path: str) -> set[str]:
    """What the reader says of a file as a whole (too large, binary, not UTF-8, empty,
    several documents): decoding again finds those, whatever the language."""
    from .yamlsafe import decode

    probe = ProblemSink(path)
    decode(data, probe)
    said = {p.message for p in probe.problems}
    return said | {_("the file is empty"), _("the file holds more than one YAML document")}


def _not_a_pack(path: str, where: Location) -> Problem:
    return Problem(
        _(
            "is not a criteria pack (no YAML mapping with 'nodes' or 'extends'); "
            "its content is not shown"
        ),
        where=where if where.file == path and where.line else Location(path, line=1, col=1),
        hint=_("name a pack file, or a shipped pack id ('zi criteria list')"),
    )


# By language and path/id: a loaded pack holds its authors' prose in one language.
_CACHE: dict[tuple[str, str], CriteriaIndex] = {}
_BY_ID: dict[tuple[str, str], CriteriaIndex] = {}  # shipped packs by id: no path work per file


_LOADING: list[str] = []  # packs being loaded, to refuse 'extends' cycles


def load_criteria_file(
    path: str, confine: Path | None = None, snapshot: Snapshot | None = None
) -> CriteriaIndex:
    """Read and check one pack file (cached per path within a process). A pack
    with ``extends:`` is an overlay, merged into its parent here; ``confine`` is the
    folder its parent file must be in (see :func:`load_criteria`); with ``snapshot``
    the file (and a parent named by path) is read at that revision."""
    key = str(Path(path).resolve()) if snapshot is None else snapshot.key(path)
    memo = (i18n.current(), key)
    if memo in _CACHE:
        return _CACHE[memo]
    disk_key = _shipped_key(Path(key)) if snapshot is None else None
    cached = cache.load(disk_key) if disk_key else None
    if cached is not None:
        _CACHE[memo] = cached
        return cached
    sink = ProblemSink(path if snapshot is None else snapshot.name(path))
    doc = _document(path, sink, snapshot)
    if "extends" in doc.root:  # type: ignore[operator]
        index = _load_overlay(path, key, doc, sink, confine, snapshot)
    else:
        criteria = _validated(Criteria, doc, sink)
        from .locate import report_findings

        report_findings(pack_findings(criteria), doc, sink)
        sink.raise_if_any()
        index = build_index(criteria)
    _CACHE[memo] = index
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


def _load_overlay(
    path: str,
    key: str,
    doc: Document,
    sink: ProblemSink,
    confine: Path | None,
    snapshot: Snapshot | None,
) -> CriteriaIndex:
    overlay = _validated(CriteriaOverlay, doc, sink)
    if key in _LOADING:
        sink.add(
            _("'extends' makes a cycle: {chain}").format(
                chain=" -> ".join(Path(p).stem for p in [*_LOADING, key])
            ),
            where=doc.locate(("extends",)),
            field=("extends",),
        )
        sink.raise_if_any()
    _LOADING.append(key)
    try:
        parent = load_criteria(
            overlay.extends, Path(path).parent, confine=confine, snapshot=snapshot
        )
    except InputError as exc:
        first = exc.problems[0]
        if first.where.option is None:
            raise
        raise InputError(
            [
                Problem(
                    first.message,  # the field is named by the location
                    field=("extends",),
                    hint=first.hint,
                    where=doc.locate(("extends",)) or Location(path),
                )
            ]
        ) from None
    finally:
        _LOADING.pop()
    from zicli.models.overlay import check_overlay, merge

    from .locate import report_findings

    merged = merge(parent.criteria, overlay)
    report_findings(check_overlay(parent.criteria, overlay, merged, pack_findings), doc, sink)
    sink.raise_if_any()
    return build_index(merged.criteria, changed=merged.changed, rules_changed=merged.rules)


def pack_findings(criteria: Criteria) -> list[Finding]:
    """Every problem of a pack as a whole: its tree and weights, and its rules'
    conditions (checked by each kind of condition)."""
    from zicli.engine.conditions import check_rules
    from zicli.models.check import check_criteria

    return check_criteria(criteria) + check_rules(criteria)


CRITERIA_OPTION = Location.of_option("--criteria")

_ROOTS: list[Path] = []
"""Folders given with ``--criteria-root``: packs named by answer files may come
from there too."""


def set_criteria_roots(roots: Sequence[str]) -> None:
    """The ``--criteria-root`` folders of this command (replacing any earlier)."""
    _ROOTS[:] = [Path(os.path.realpath(r)) for r in roots]


def criteria_roots() -> tuple[str, ...]:
    """The ``--criteria-root`` folders in force (for workers started by spawn)."""
    return tuple(str(r) for r in _ROOTS)


def repository_of(folder: str) -> Path:
    """The folder packs named by an answer file in ``folder`` may come from: its git
    repository's top level (the nearest folder above with a ``.git``), else the
    folder itself."""
    return _repository(os.path.realpath(folder))


@functools.cache
def _repository(real: str) -> Path:
    start = Path(real)
    for candidate in (start, *start.parents):
        try:
            if (candidate / ".git").exists():
                return candidate
        except OSError:
            break
    return start


def _inside(path: Path, folder: Path) -> bool:
    try:
        real = Path(os.path.realpath(path))
    except (OSError, ValueError):
        return False
    return real == folder or folder in real.parents


def load_criteria(
    ref: str,
    base: Path | None = None,
    *,
    given_as: Location = CRITERIA_OPTION,
    confine: Path | None = None,
    snapshot: Snapshot | None = None,
) -> CriteriaIndex:
    """A shipped pack by id, or a pack file by path (relative to ``base``; the
    working directory when None). ``given_as`` is where ``ref`` was written, for the
    message when it names no pack; a caller that read ``ref`` from a file
    re-locates that problem there.

    ``confine`` (set for a ``criteria:`` read from an answer file, and passed on to
    its ``extends:``) is the repository the file is in: a pack file must be inside
    it or inside a ``--criteria-root`` folder, after symlinks are resolved; any
    other path is refused before it is opened, so an answer file cannot make zi
    read (or tell whether there is) a file elsewhere on the machine.

    ``snapshot`` (an answer file read at a git revision) reads a pack file at that
    same revision, under the same rules; a shipped pack id is the installed pack."""
    memo = (i18n.current(), ref)
    known = _BY_ID.get(memo)
    if known is not None:
        return known
    shipped = shipped_packs()
    if ref in shipped:
        _BY_ID[memo] = load_criteria_file(str(shipped[ref]))
        return _BY_ID[memo]
    candidate = Path(ref)
    if base is not None and not candidate.is_absolute():
        candidate = base / candidate
    if ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref:
        if confine is not None and not any(_inside(candidate, r) for r in (confine, *_ROOTS)):
            raise InputError(
                [
                    Problem(
                        _("pack file outside the answer file's repository: {ref}").format(
                            ref=shown(ref)
                        ),
                        hint=_(
                            "a file may name a shipped pack id, or a pack file in its own "
                            "repository (git top level, else its folder) or in a --criteria-root"
                        ),
                        where=given_as,
                    )
                ]
            )
        if snapshot is not None:
            return _criteria_at(snapshot, candidate, confine, given_as, base)
        try:
            found = candidate.is_file()
        except (OSError, ValueError) as exc:
            problem = os_problem(str(candidate), exc) if isinstance(exc, OSError) else None
            message = problem.message if problem else _("the name contains a NUL")
            text = _("pack file {path}: {message}").format(
                path=shown(str(candidate)), message=message
            )
            raise InputError([Problem(text, where=given_as)]) from None
        if found:
            return load_criteria_file(str(candidate), confine)
        if os.path.lexists(candidate):  # there, but a folder, a device, a socket
            raise _no_pack_file(shown(str(candidate)), given_as, folder=candidate.is_dir())
        raise _pack_not_found(shown(str(candidate)), base, given_as)
    hint = did_you_mean(ref, list(shipped)) or _("shipped packs: {names}").format(
        names=", ".join(shipped)
    )
    text = _("unknown criteria pack '{ref}'").format(ref=shown(ref))
    raise InputError([Problem(text, hint=hint, where=given_as)])


def _criteria_at(
    snapshot: Snapshot, candidate: Path, confine: Path | None, given_as: Location, base: Path | None
) -> CriteriaIndex:
    """:func:`load_criteria` of a pack file at a revision (``candidate`` is checked
    to be within where zi may look)."""
    try:
        kind = snapshot.kind(str(candidate))
    except InputError:  # outside the repository (a --criteria-root elsewhere)
        kind = None
    if kind == "blob":
        return load_criteria_file(str(candidate), confine, snapshot)
    name = shown(snapshot.name(str(candidate)) if kind else str(candidate))
    if kind == "tree":
        raise _no_pack_file(name, given_as, folder=True)
    raise _pack_not_found(name, base, given_as)


def _no_pack_file(name: str, given_as: Location, *, folder: bool) -> InputError:
    """A pack path that names a folder (or a device, a socket), on disk or at a revision."""
    text = (
        _("{path} is not a pack file (a folder)")
        if folder
        else _("{path} is not a pack file (a device or special file)")
    ).format(path=name)
    hint = _("give a pack file (.yaml) or a shipped pack id (zi criteria list)")
    return InputError([Problem(text, hint=hint, where=given_as)])


def _pack_not_found(name: str, base: Path | None, given_as: Location) -> InputError:
    """A pack path that names nothing, on disk or at a revision."""
    hint = (
        _("a relative path is read from the answer file's folder")
        if base
        else _("a relative path is read from the working directory")
    )
    text = _("pack file not found: {path}").format(path=name)
    return InputError([Problem(text, hint=hint, where=given_as)])


def load_unit(
    path: str, *, criteria: str | None = None, overrides: Sequence[str] = ()
) -> LoadedUnit:
    """Read an answer file and bind it to its pack (or to ``criteria`` if given);
    ``overrides`` are ``--set ID=VALUE`` what-if answers (see :mod:`.overrides`)."""
    # a stream (stdin, /dev/fd/N of '<(...)') has no folder: its relative pack
    # paths are read from the working directory
    stream = path == STDIN or path.startswith(STREAM_PREFIXES)
    base = Path.cwd() if stream else Path(path).parent
    loaded = load_unit_bytes(read_bytes(path), path, base, criteria=criteria)
    if overrides:
        from .overrides import apply_overrides

        return apply_overrides(loaded, overrides)
    return loaded


def check_template(text: str, output: str | None) -> None:
    """Read a template ``zi init`` is about to write exactly as ``zi validate`` would
    read the file; its problems (a bug, or an option that slipped through) become usage
    errors, so nothing is written that validate then refuses."""
    base = Path(output).parent if output is not None else Path.cwd()
    try:
        load_unit_bytes(text.encode("utf-8"), output or STDIN, base)
    except InputError as exc:
        raise UsageError(
            [
                dataclasses.replace(p, hint=p.hint or _("check the zi init options"))
                for p in exc.problems
            ]
        ) from None


def load_unit_bytes(
    content: bytes,
    path: str,
    base: Path,
    *,
    criteria: str | None = None,
    snapshot: Snapshot | None = None,
) -> LoadedUnit:
    """:func:`load_unit` for bytes read elsewhere: ``path`` is the name shown in
    messages, ``base`` the folder a relative pack path is read from. With
    ``snapshot`` (a git revision), ``path`` is the file's working-tree path, named
    as the snapshot names it, and what the file names is read at that revision."""
    file = path
    if snapshot is not None:
        path = snapshot.name(file)
    sink = ProblemSink(path)
    reader = reader_for(path)

    def pack_named(ref: str) -> CriteriaIndex:
        # a pack id already loaded needs no look for the file's repository
        known = _BY_ID.get((i18n.current(), ref))
        return (
            known
            if known is not None
            else load_criteria(ref, base, confine=repository_of(str(base)), snapshot=snapshot)
        )

    context = ReadContext(base, criteria, pack_named)
    # Most files are valid: read them without places, and read again with
    # places only to say where a problem is.
    doc = reader.read(content, path, sink, context, located=False)

    def located() -> AnswerDocument:
        nonlocal doc
        if not doc.located:
            doc = reader.read(content, path, sink, context, located=True)
        return doc

    def places(paths: Sequence[FieldPath]) -> AnswerDocument:
        # A few places in a file the quick read found clean: looked up without a
        # second full read where the reader can (5 MB of unknown ids stays fast).
        if doc.located or not isinstance(reader, PlaceReader):
            return located()
        return reader.read_places(content, path, paths)

    def locate_all(paths: Sequence[FieldPath]) -> list[Location | None]:
        found = places(paths)
        return [found.locate(p) for p in paths]

    raw: dict[str, Any] = doc.root
    if "reviews" in raw:
        from .review import chain_from_bytes, is_review

        if is_review(raw):  # an evaluator's layer: scored as the unit's file under it
            return chain_from_bytes(content, file, criteria=criteria, snapshot=snapshot).top
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
            # --criteria is the user's own, read from the working directory; a pack
            # the file names is read from the file's folder, within its repository
            index = load_criteria(criteria) if criteria is not None else pack_named(ref)
        except InputError as exc:
            if criteria is not None:
                raise  # the command line names a pack that cannot be used
            if exc.problems and exc.problems[0].where.option is not None:
                first = exc.problems[0]
                sink.add(
                    first.message,
                    where=located().locate(("criteria",)),
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
        sink.count_more(bound.more)
        if held_problem:
            findings.append(held_problem)
        if isinstance(unit, dict):
            extra = {k: v for k, v in unit.items() if k not in RESERVED_UNIT_KEYS}
            facts, fact_findings = bind_facts(index, extra)
            findings += fact_findings
        if findings:
            from .locate import report_findings

            report_findings(findings, places([f[0] for f in findings]), sink)
    try:
        sink.raise_if_any()
    except InputError as exc:
        raise InputError([*exc.problems, *pack_problems]) from None
    if pack_problems:
        raise InputError(pack_problems)
    assert data is not None and index is not None
    return LoadedUnit(
        data,
        BoundUnit(index, data.unit, answers, path, held, facts),
        lambda field_path: locate_all([field_path])[0],
        locate_all,
    )
