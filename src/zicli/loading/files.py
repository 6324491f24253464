"""Reading input files safely, and remembering every file a command read.

Every input zi reads (answer files, packs, standard input) comes through
:func:`read_input`, which:

* never hangs on a file that is not a regular file: a file is opened
  non-blocking, and only a regular file is read, unless it is a stream the user
  named on the command line (``-``, ``/dev/stdin``, ``/dev/fd/N`` from
  ``<(...)``), which is read bounded;
* never reads more than the size limit + 1 byte: a regular file's size is
  checked before reading, a stream is read in pieces up to the limit;
* turns every OS error (a name too long, no permission, a loop of symlinks) into
  a located :class:`~zicli.errors.InputError`;
* records the file (tried or read, valid or not) in :func:`touched`, the set
  of inputs that ``--output`` may never replace (:mod:`.output`).
"""

from __future__ import annotations

import errno
import itertools
import os
import stat
import sys

from zicli.errors import InputError, Problem
from zicli.i18n import _

from .yamlsafe import MAX_BYTES

STDIN = "-"

STREAM_PREFIXES = ("/dev/stdin", "/dev/fd/", "/proc/self/fd/")
"""Names of streams the command line may give (standard input, process
substitution): read even though they are not regular files."""

_TOUCHED: dict[str, tuple[int, int] | None] = {}
"""Real path of every file a command read or tried to read -> (device, inode)."""


_REAL_FOLDERS: dict[str, str] = {}
"""Folder as named -> its real path, for :func:`note` (a batch reads many files of
one folder). A folder renamed or relinked meanwhile can only make a recorded real
path stale; the (device, inode) recorded beside it is the file's own."""
_SENT = [0]
"""How many entries of :data:`_TOUCHED` :func:`drain` has handed out."""


def _real_file(path: str) -> tuple[str, tuple[int, int] | None]:
    """The real path of ``path`` and its (device, inode): its folder's real path
    (known once per folder) and its own name when the file itself is no symlink,
    else resolved in full."""
    folder, name = os.path.split(path)
    try:
        info = os.lstat(path)
    except (OSError, ValueError):
        info = None
    if info is not None and not stat.S_ISLNK(info.st_mode) and name not in ("", ".", ".."):
        real_folder = _REAL_FOLDERS.get(folder)
        if real_folder is None:
            real_folder = os.path.realpath(folder or os.curdir)
            if len(_REAL_FOLDERS) < 4096:
                _REAL_FOLDERS[folder] = real_folder
        return os.path.join(real_folder, name), (info.st_dev, info.st_ino)
    real = os.path.realpath(path)
    try:
        found = os.stat(real)
        return real, (found.st_dev, found.st_ino)
    except (OSError, ValueError):
        return real, None


def note(path: str) -> None:
    """Record ``path`` as an input of this command (whether or not it can be read)."""
    if path == STDIN or path in _TOUCHED:  # a real path noted already (a worker's)
        return
    try:
        real, identity = _real_file(path)
    except (OSError, ValueError):
        return
    if real not in _TOUCHED:
        _TOUCHED[real] = identity


def forget() -> None:
    """Start a new command's record (a test runs many commands in one process)."""
    _TOUCHED.clear()
    _REAL_FOLDERS.clear()
    _SENT[0] = 0


def touched() -> list[str]:
    """The real paths of every input this process read or tried to read, in order."""
    return list(_TOUCHED)


def drain() -> list[str]:
    """:func:`touched` recorded since the last drain (a batch worker sends each
    input once, not its whole record with every chunk)."""
    fresh = list(itertools.islice(_TOUCHED, _SENT[0], None))
    _SENT[0] = len(_TOUCHED)
    return fresh


def is_touched(target: str) -> bool:
    """Whether the file at ``target`` is one this process read or tried to read."""
    try:
        real = os.path.realpath(target)
    except (OSError, ValueError):
        return False
    if real in _TOUCHED:
        return True
    try:
        info = os.stat(real)
    except (OSError, ValueError):
        return False
    return (info.st_dev, info.st_ino) in set(_TOUCHED.values())


# Non-blocking: opening a FIFO or a device must not wait for a writer.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _stream_named(path: str) -> bool:
    return path.startswith(STREAM_PREFIXES)


def _too_big(size: int, path: str) -> InputError:
    return InputError(
        [
            Problem(
                _("the file is {size:,} bytes; the limit is {limit:,}").format(
                    size=size, limit=MAX_BYTES
                ),
                file=path,
                hint=_("an answer file is a few kilobytes; is this the right file?"),
            )
        ]
    )


def _cannot(doing: str, reason: str) -> str:
    """``cannot read: reason`` (or ``write``), in the language in use."""
    said = _("cannot write: {reason}") if doing == "write" else _("cannot read: {reason}")
    return said.format(reason=reason)


def os_problem(path: str, exc: OSError, doing: str = "read") -> Problem:
    """An OS error on ``path`` as a one-line problem (no traceback, no errno soup)."""
    code = exc.errno
    if code == errno.ENOENT:
        if os.path.islink(path):
            return Problem(_("is a symbolic link to a file that does not exist"), file=path)
        return Problem(_("no such file"), file=path)
    if code == errno.EISDIR:
        # Every command that reads one file meets this (an answer file, a workbook, a
        # pack, a manifest): the hint names what holds for all of them.
        return Problem(
            _("is a folder"),
            file=path,
            hint=_("give a file here; zi score and zi validate take folders")
            if doing == "read"
            else _("give a file name"),
        )
    if code == errno.ELOOP:
        return Problem(_("is a loop of symbolic links"), file=path)
    if code == errno.ENAMETOOLONG:
        return Problem(_cannot(doing, _("the name is too long")), file=path)
    if code in (errno.EACCES, errno.EPERM):
        return Problem(
            _cannot(doing, _("permission denied")),
            file=path,
            hint=_("check the file's permissions"),
        )
    if code == errno.EAGAIN:
        return Problem(
            _cannot(doing, _("it has nothing to read yet (a device or a special file)")),
            file=path,
            hint=_("zi reads regular files"),
        )
    return Problem(_cannot(doing, str(exc.strerror or exc)), file=path)


def _read_stream(fd: int, path: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_BYTES:
        chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > MAX_BYTES:
        raise InputError(
            [
                Problem(
                    _("the input is more than {limit:,} bytes, the limit").format(limit=MAX_BYTES),
                    file=path,
                    hint=_("an answer file is a few kilobytes; is this the right input?"),
                )
            ]
        )
    return b"".join(chunks)


def _read_stdin() -> bytes:
    stream = sys.stdin
    try:
        fd = stream.fileno() if stream is not None else -1
        if fd < 0:
            raise ValueError
        os.fstat(fd)
    except (OSError, ValueError, AttributeError):
        if stream is not None and hasattr(stream, "buffer"):
            try:
                # e.g. a test's in-memory stdin: no descriptor, bounded read all the same
                data: bytes = stream.buffer.read(MAX_BYTES + 1)
            except (OSError, ValueError):
                data = b""
            else:
                if len(data) > MAX_BYTES:
                    raise _too_big(len(data), STDIN) from None
                return data
        raise InputError(
            [
                Problem(
                    _cannot("read", _("standard input is closed")),
                    file=STDIN,
                    hint=_("pipe a file into zi, or name the file"),
                )
            ]
        ) from None
    try:
        return _read_stream(fd, STDIN)
    except OSError as exc:
        raise InputError([os_problem(STDIN, exc)]) from None


def read_input(path: str, *, streams: bool = True) -> bytes:
    """The bytes of the input ``path`` (``-`` is standard input), bounded by the size
    limit. ``streams`` lets a pipe or character device named like a command-line
    stream (``/dev/stdin``, ``/dev/fd/N``) be read; other non-regular files (a FIFO
    found in a folder, ``/dev/zero``, a socket) are refused without reading."""
    if path == STDIN:
        return _read_stdin()
    note(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise InputError([os_problem(path, exc)]) from None
    except ValueError:  # a NUL in the name
        problem = Problem(_cannot("read", _("the name contains a NUL")), file=path)
        raise InputError([problem]) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError([os_problem(path, OSError(errno.EISDIR, "is a folder"))])
        if stat.S_ISREG(info.st_mode):
            if info.st_size > MAX_BYTES:
                raise _too_big(info.st_size, path)
            # Some special files (/proc/kmsg) call themselves regular with size 0:
            # the non-blocking read refuses them (EAGAIN) instead of waiting.
            return _read_stream(fd, path)
        kind = stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)
        if streams and kind and _stream_named(path):
            os.set_blocking(fd, True)  # a pipe the user gave: wait for its writer
            return _read_stream(fd, path)
        raise InputError(
            [
                Problem(
                    _("is not a regular file (a pipe, device or socket); zi does not read it"),
                    file=path,
                    hint=_("give a .yaml file, or pipe it into 'zi score -'"),
                )
            ]
        )
    except OSError as exc:
        raise InputError([os_problem(path, exc)]) from None
    finally:
        os.close(fd)
