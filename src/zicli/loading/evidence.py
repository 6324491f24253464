"""Checking data dukung on disk: the only code that looks at evidence files.

Each ``evidence:`` entry of an answer file is a local path (relative to the
evidence root: the answer file's folder, or ``--evidence-root``), a folder, or a
link. Local entries are looked at, never opened (except to hash them for a
manifest, and then only regular files):

* a path that leaves the root (``..``, an absolute path elsewhere, a symlink
  that points out) is refused, as are symlink loops, FIFOs, sockets and devices:
  each is a located error (exit 2), since no evaluator can be shown it;
* a folder is walked without following symlinks out of the root, at most
  :data:`MAX_ENTRIES` entries and :data:`MAX_DEPTH` levels for the whole file;
* a path that does not exist is ``hilang``; an empty file, or a folder without a
  non-empty file, is ``kosong``; both leave the question without evidence;
* a link (``http://`` or ``https://``) is checked for form only, unless
  ``check_links`` asks for a HEAD request (see :mod:`.links`).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from zicli.engine.evidence import EntryState, EvidenceEntry, EvidenceFile, EvidenceReport
from zicli.errors import FieldPath, InputError, Problem, ProblemSink, shown
from zicli.i18n import N_, _
from zicli.models.answers import AnswerRecord

from .discover import STDIN

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment
    from zicli.engine.score import BlankPolicy

    from . import LoadedUnit

MAX_ENTRIES = 10_000
"""Evidence paths and folder entries looked at for one answer file (a folder of
scans has hundreds)."""
MAX_DEPTH = 32
"""Folder levels below an evidence folder."""
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f]")
# 'drive.google.com/...' written without https://: a host name as the first component
_HOST_FIRST = re.compile(r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}/")
_ROOT_HINT = N_("keep data dukung in the answer file's folder or below it, or give --evidence-root")

Finding = tuple[FieldPath, str, str | None]


class EvidenceCheck(NamedTuple):
    """The checked entries of every answered question, and where they were looked for."""

    root: Path
    """The evidence root (absolute, not resolved)."""
    entries: Mapping[str, tuple[EvidenceEntry, ...]]


def evidence_root(loaded: LoadedUnit, given: str | None) -> Path:
    """The folder evidence paths are read from: ``given``, else the answer file's
    folder (the current folder for standard input)."""
    if given is not None:
        root = Path(given)
        if not root.is_dir():
            raise InputError(
                [
                    Problem(
                        _("--evidence-root: not a folder")
                        if os.path.lexists(given)
                        else _("--evidence-root: no such folder"),
                        file=given,
                        hint=_("give the folder that holds the data dukung"),
                    )
                ]
            )
        return Path(os.path.abspath(root))
    if loaded.file == STDIN:
        return Path.cwd()
    return Path(os.path.abspath(loaded.file)).parent


def check_evidence(
    file: str,
    answers: Mapping[str, AnswerRecord],
    root: Path,
    *,
    check_links: bool = False,
    timeout: float = 5.0,
) -> EvidenceCheck:
    """Check every evidence entry of ``answers`` (read from ``file``) under ``root``;
    hostile or unusable entries are one InputError with every problem located."""
    checker = _Checker(root)
    entries: dict[str, tuple[EvidenceEntry, ...]] = {}
    for qid, record in answers.items():
        if record.evidence:
            found = [
                checker.entry(text, ("answers", qid, "evidence", i))
                for i, text in enumerate(record.evidence)
            ]
            entries[qid] = tuple(e for e in found if e is not None)
    if checker.findings:
        _raise_located(file, checker.findings)
    if check_links:
        from .links import check_links as visit

        entries = visit(entries, timeout)
    return EvidenceCheck(root, entries)


def _raise_located(file: str, findings: list[Finding]) -> None:
    sink = ProblemSink(file)
    doc = None
    if file != STDIN:
        from . import read_bytes
        from .yamlsafe import read_document

        try:
            doc = read_document(read_bytes(file), file, ProblemSink(file))
        except InputError:
            doc = None
    for path, message, hint in findings:
        mark = doc.mark(path) if doc is not None else None
        sink.add(
            message,
            line=mark[0] if mark else None,
            col=mark[1] if mark else None,
            field=path,
            hint=hint,
        )
    sink.raise_if_any()


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


_OUTSIDE = N_("'{path}' is a symlink that leads outside the evidence root")


def _cannot_read(text: str, exc: OSError) -> str:
    return _("cannot read '{path}': {reason}").format(path=shown(text), reason=exc.strerror)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("a FIFO (named pipe)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return _("a special file")  # pragma: no cover - doors, whiteouts


_REAL_ROOTS: dict[str, tuple[str, tuple[int, int]]] = {}
"""Evidence root -> its real path and (device, inode): a batch's files share a few
roots, and resolving one costs a look at every folder above it."""


def _real_root(root: str) -> str:
    """``os.path.realpath(root)``, remembered while the root is still the same
    folder (checked by its device and inode, one stat)."""
    try:
        here = os.stat(root)
    except OSError:
        return os.path.realpath(root)
    known = _REAL_ROOTS.get(root)
    if known is not None and known[1] == (here.st_dev, here.st_ino):
        return known[0]
    real = os.path.realpath(root)
    if len(_REAL_ROOTS) < 1024:
        _REAL_ROOTS[root] = (real, (here.st_dev, here.st_ino))
    return real


class _Checker:
    def __init__(self, root: Path) -> None:
        self.root = os.path.normpath(str(root))
        self.real_root = _real_root(self.root)
        self.seen = 0
        self.over = False
        self.findings: list[Finding] = []

    def fail(self, path: FieldPath, message: str, hint: str | None = None) -> None:
        self.findings.append((path, message, hint))

    def count(self, text: str, path: FieldPath) -> bool:
        """Count one more path looked at; False (reported once) past the bound."""
        self.seen += 1
        if self.seen <= MAX_ENTRIES:
            return True
        if not self.over:
            self.over = True
            self.fail(
                path,
                _(
                    "more than {count:,} evidence paths and folder entries; stopped at '{path}'"
                ).format(count=MAX_ENTRIES, path=shown(text)),
                _("name the files or smaller folders an evaluator needs"),
            )
        return False

    def entry(self, text: str, path: FieldPath) -> EvidenceEntry | None:
        if not text.strip():
            self.fail(path, _("empty evidence entry"), _("name a file, a folder or a link"))
            return None
        if _BAD_CHARS.search(text):
            self.fail(
                path,
                _("'{path}' has a control character").format(path=shown(text)),
                _("retype the path"),
            )
            return None
        if _SCHEME.match(text) or text.startswith("www."):
            return self.link(text, path)
        return self.local(text, path)

    def link(self, text: str, path: FieldPath) -> EvidenceEntry | None:
        if text.startswith("www."):
            self.fail(
                path,
                _("'{path}' has no scheme").format(path=shown(text)),
                _("write {fix}").format(fix=f"https://{shown(text)}"),
            )
            return None
        from urllib.parse import urlsplit

        try:
            parts = urlsplit(text)
            host = parts.hostname
        except ValueError:
            parts, host = None, None
        if parts is None or parts.scheme.lower() not in ("http", "https"):
            self.fail(
                path,
                _("'{path}' is not an http(s) link").format(path=shown(text)),
                _("evidence is a file, a folder or an http:// or https:// link"),
            )
            return None
        if not host or " " in text:
            self.fail(
                path,
                _("'{path}' is not a well-formed link").format(path=shown(text)),
                _("e.g. {example}").format(example="https://host/path"),
            )
            return None
        return EvidenceEntry(text, "url", "tautan")

    def local(self, text: str, path: FieldPath) -> EvidenceEntry | None:
        if not self.count(text, path):
            return None
        lexical = os.path.normpath(os.path.join(self.root, text))
        if not _inside(lexical, self.root):
            said = (
                _("'{path}' is an absolute path outside the evidence root")
                if os.path.isabs(text)
                else _("'{path}' is a path that leaves the evidence root")
            )
            self.fail(path, said.format(path=shown(text)), _(_ROOT_HINT))
            return None
        try:
            real = self.resolve(lexical)
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                if _HOST_FIRST.match(text):
                    self.fail(
                        path,
                        _("'{path}' looks like a link without https://, and is no file").format(
                            path=shown(text)
                        ),
                        _("write {fix}").format(fix=f"https://{shown(text)}"),
                    )
                    return None
                return EvidenceEntry(text, "file", "hilang")
            if exc.errno == errno.ELOOP:
                self.fail(
                    path,
                    _("'{path}' is a symlink loop").format(path=shown(text)),
                    _("point the link at a file"),
                )
            else:
                self.fail(path, _cannot_read(text, exc), None)
            return None
        if not _inside(real, self.real_root):
            self.fail(path, _(_OUTSIDE).format(path=shown(text)))
            return None
        try:
            info = os.stat(real)
        except OSError as exc:  # pragma: no cover - removed between the two calls
            self.fail(path, _cannot_read(text, exc), None)
            return None
        relative = os.path.relpath(lexical, self.root).replace(os.sep, "/")
        if stat.S_ISREG(info.st_mode):
            state: EntryState = "ada" if info.st_size > 0 else "kosong"
            found = EvidenceFile(relative, info.st_size, info.st_mtime_ns)
            return EvidenceEntry(text, "file", state, (found,))
        if stat.S_ISDIR(info.st_mode):
            files = self.folder(text, lexical, real, path)
            if files is None:
                return None
            full: EntryState = "ada" if any(f.size > 0 for f in files) else "kosong"
            return EvidenceEntry(text, "folder", full, files)
        self.fail(
            path,
            _("'{path}' is {kind}, not a file or folder").format(
                path=shown(text), kind=_kind(info.st_mode)
            ),
            _("evidence is a regular file, a folder of files or a link"),
        )
        return None

    def resolve(self, lexical: str) -> str:
        """``os.path.realpath(lexical, strict=True)`` for a path lexically inside the
        root: from the root's real path, one lstat per component below it while
        none is a symlink (the common case: a plain file, or a missing one), else
        resolved in full; the same result, or the same error."""
        below = lexical[len(self.root) :].lstrip(os.sep)
        if not below:
            return os.path.realpath(lexical, strict=True)
        here = self.real_root
        for part in below.split(os.sep):
            here = os.path.join(here, part)
            try:
                mode = os.lstat(here).st_mode
            except OSError as exc:
                if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                    raise
                break  # anything else: as realpath says it
            if stat.S_ISLNK(mode):
                break
        else:
            return here
        return os.path.realpath(lexical, strict=True)

    def folder(
        self, text: str, lexical: str, real: str, path: FieldPath
    ) -> tuple[EvidenceFile, ...] | None:
        """Every regular file below a folder (hidden names skipped), bounded."""
        files: list[EvidenceFile] = []
        visited = {real}
        stack = [(lexical, real, 0)]
        while stack:
            lex, here, depth = stack.pop()
            try:
                listing = sorted(os.scandir(here), key=lambda d: d.name)
            except OSError as exc:
                self.fail(
                    path,
                    _("cannot read folder '{path}': {reason}").format(
                        path=shown(text), reason=exc.strerror
                    ),
                    None,
                )
                return None
            for item in listing:
                if item.name.startswith("."):
                    continue
                if not self.count(text, path):
                    return None
                child = os.path.join(lex, item.name)
                shown_child = os.path.relpath(child, self.root).replace(os.sep, "/")
                try:
                    target = os.path.realpath(item.path, strict=True)
                except OSError as exc:
                    if exc.errno == errno.ELOOP:
                        self.fail(
                            path, _("'{path}' is a symlink loop").format(path=shown(shown_child))
                        )
                        return None
                    continue  # a dangling link is not a file: nothing to count
                if not _inside(target, self.real_root):
                    self.fail(
                        path,
                        _(_OUTSIDE).format(path=shown(shown_child)),
                    )
                    return None
                info = os.stat(target)
                if stat.S_ISREG(info.st_mode):
                    files.append(EvidenceFile(shown_child, info.st_size, info.st_mtime_ns))
                elif stat.S_ISDIR(info.st_mode):
                    if target in visited:
                        continue  # a link back to a folder already walked
                    if depth + 1 > MAX_DEPTH:
                        self.fail(
                            path,
                            _("'{path}' is more than {depth} folders deep").format(
                                path=shown(text), depth=MAX_DEPTH
                            ),
                            _("name a folder nearer the files"),
                        )
                        return None
                    visited.add(target)
                    stack.append((child, target, depth + 1))
                else:
                    self.fail(
                        path,
                        _("'{path}' is {kind}, not a file or folder").format(
                            path=shown(shown_child), kind=_kind(info.st_mode)
                        ),
                        _("evidence folders hold regular files only"),
                    )
                    return None
        return tuple(sorted(files, key=lambda f: f.path))


def sha256_of(root: Path, relative: str) -> str:
    """The SHA-256 of a checked regular file under ``root``, read without
    following a symlink swapped in since the check, and only if still regular."""
    import hashlib

    real = os.path.realpath(os.path.join(root, relative))
    if not _inside(real, os.path.realpath(root)):
        raise InputError([Problem(_("leads outside the evidence root"), file=relative)])
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        problem = Problem(_("cannot read: {reason}").format(reason=exc.strerror), file=relative)
        raise InputError([problem]) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise InputError([Problem(_("is no longer a regular file"), file=relative)])
        digest = hashlib.sha256()
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def unit_evidence_check(
    loaded: LoadedUnit,
    given_root: str | None = None,
    *,
    check_links: bool = False,
    timeout: float = 5.0,
) -> EvidenceCheck:
    """The unit's own evidence entries checked (for a review's layer: the entries of
    the unit's file beneath it), read from the unit's folder or ``given_root``."""
    layer = loaded.layer
    file = loaded.file if layer is None else layer.unit_file
    own = loaded.answers if layer is None else layer.unit_answers
    if given_root is not None:
        root = evidence_root(loaded, given_root)
    elif file == STDIN:
        root = Path.cwd()
    else:
        root = Path(os.path.abspath(file)).parent
    return check_evidence(file, own, root, check_links=check_links, timeout=timeout)


def unit_evidence(
    loaded: LoadedUnit,
    given_root: str | None = None,
    *,
    check_links: bool = False,
    timeout: float = 5.0,
) -> EvidenceReport:
    """The evidence statuses of a loaded answer file, or of a review's layer: the
    unit's own evidence beside the layer's answers."""
    from zicli.engine.evidence import evidence_report

    check = unit_evidence_check(loaded, given_root, check_links=check_links, timeout=timeout)
    return evidence_report(loaded.index, loaded.answers, check.entries)


def assess_with_evidence(
    loaded: LoadedUnit, blank: BlankPolicy = "zero", given_root: str | None = None
) -> Assessment:
    """The unit scored and judged, with its data dukung statuses: what ``zi score``
    shows for one file (a batch's JSON line is the same object)."""
    import dataclasses

    return dataclasses.replace(loaded.assess(blank), evidence=unit_evidence(loaded, given_root))
