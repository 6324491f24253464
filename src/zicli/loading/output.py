"""Writing results: atomically, so a reader never sees a half-written file, and
never over a file the command reads (or tried to read); devices and pipes are
written straight through, never replaced."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from zicli.errors import InputError, Location, Problem, UsageError
from zicli.i18n import _

from .files import is_touched, os_problem


def _same_file(source: str, target: Path) -> bool:
    """Whether ``source`` (a path, or ``-`` for standard input) is ``target``."""
    try:
        if source == "-":
            held = os.fstat(sys.stdin.fileno())
        elif os.path.exists(source):  # not, e.g., 'REV:path' read from git
            held = os.stat(source)
        else:
            return False
        written = os.stat(target)
    except (OSError, ValueError, AttributeError):
        return False  # stdin that is not a file (a pipe, a test's buffer)
    return (held.st_dev, held.st_ino) == (written.st_dev, written.st_ino)


def _mode_for(target: Path) -> int:
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


_ERRORS = "backslashreplace"
"""A file name that is not UTF-8 (held as surrogates) is written as ``\\udcff``, an
escape JSON reads, instead of failing the whole output."""


def _cannot_write(path: str, exc: OSError) -> InputError:
    # A full disk or a read-only target is the user's to fix, not a bug in zi.
    reason = str(exc.strerror or exc)
    return InputError([Problem(_("cannot write: {reason}").format(reason=reason), file=path)])


def _refuse_input(path: str) -> InputError:
    return InputError(
        [
            Problem(
                _("is an input of this command; zi never writes over its inputs"),
                file=path,
                hint=_("choose another --output file"),
            )
        ]
    )


class AtomicWriter:
    """A file written in pieces (e.g. streamed JSON lines) that appears under its
    name only when complete: :meth:`commit` renames it into place, :meth:`abort`
    (or an error, Ctrl-C, SIGTERM, SIGHUP) leaves any earlier file untouched and no
    temporary file behind.

    ``path`` may not be one of ``inputs`` nor any file this process read or tried
    to read (:func:`.files.touched`: answer files, packs, invalid files included);
    that is checked when the writer opens and again before the rename, after
    everything was read. An existing character device or pipe (``/dev/null``,
    ``/dev/stdout``, a FIFO) is written straight through, never replaced; any other
    file that is not a regular file (a folder, a socket) is refused."""

    def __init__(self, path: str, *, inputs: Sequence[str] = ()) -> None:
        if not path:  # -o '' (an unset variable, $OUT): a mistake in the command line
            raise UsageError(
                [
                    Problem(
                        _("the file name is empty"),
                        hint=_("give a file name, e.g. -o results.json"),
                        where=Location.of_option("--output"),
                    )
                ]
            )
        self.path = path
        self.inputs = tuple(inputs)
        self.tmp: str | None = None
        try:
            info: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            info = None
        except ValueError:  # a NUL in the name
            raise InputError(
                [
                    Problem(
                        _("cannot write: {reason}").format(reason=_("the name contains a NUL")),
                        file=path,
                    )
                ]
            ) from None
        except OSError as exc:
            if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
                raise InputError([os_problem(path, exc, "write")]) from None
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
                self.target = Path(path)
                try:
                    self.handle = open(path, "w", encoding="utf-8", errors=_ERRORS, newline="\n")  # noqa: SIM115
                except OSError as exc:
                    raise InputError([os_problem(path, exc, "write")]) from None
                return
            what = (
                _("is a folder; zi does not replace it")
                if stat.S_ISDIR(info.st_mode)
                else _("is not a regular file; zi does not replace it")
            )
            raise InputError([Problem(what, file=path, hint=_("name a file"))])
        # Write through a symlink (the link stays a link) and into the real folder.
        target = Path(os.path.realpath(path))
        folder = target.parent
        if not folder.is_dir():
            shown_folder = os.path.dirname(path) or "."
            raise InputError([Problem(_("the folder does not exist"), file=shown_folder)])
        self.target = target
        self._check_inputs()
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        self.handle = os.fdopen(fd, "w", encoding="utf-8", errors=_ERRORS, newline="\n")
        # mkstemp makes the file private (0600); give it the mode a new file or the
        # file it replaces would have.
        with contextlib.suppress(OSError):
            os.chmod(self.tmp, _mode_for(target))

    def _check_inputs(self) -> None:
        if not self.target.exists():
            return
        if is_touched(str(self.target)):
            raise _refuse_input(self.path)
        for source in self.inputs:
            if _same_file(source, self.target):
                raise _refuse_input(self.path)

    def write(self, text: str) -> None:
        """Append text."""
        try:
            self.handle.write(text)
        except OSError as exc:
            self.abort()
            raise _cannot_write(self.path, exc) from None

    def commit(self) -> None:
        """Flush, sync and move the file into place (a device or pipe: flush)."""
        try:
            self.handle.flush()
            if self.tmp is None:
                self.handle.close()
                return
            os.fsync(self.handle.fileno())
            self.handle.close()
            # an input read after the writer opened (a pack a worker loaded) is
            # protected too
            self._check_inputs()
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.abort()
            raise _cannot_write(self.path, exc) from None
        except InputError:
            self.abort()
            raise

    def abort(self) -> None:
        """Drop the temporary file."""
        with contextlib.suppress(OSError):
            self.handle.close()
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)


def write_atomic(path: str, text: str, *, inputs: Sequence[str] = ()) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a
    rename; on any error (or Ctrl-C) the target is left as it was."""
    writer = AtomicWriter(path, inputs=inputs)
    try:
        writer.write(text)
        writer.commit()
    except BaseException:
        writer.abort()
        raise


def write_atomic_bytes(path: str, data: bytes, *, inputs: Sequence[str] = ()) -> None:
    """:func:`write_atomic` for binary results (an exported workbook)."""
    writer = AtomicWriter(path, inputs=inputs)
    try:
        writer.handle.close()
        if writer.tmp is None:  # a pipe or a device (/dev/stdout): written as it is
            with open(writer.target, "wb") as handle:
                handle.write(data)
            return
        with open(writer.tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(writer.tmp, writer.target)
    except OSError as exc:
        writer.abort()
        raise _cannot_write(path, exc) from None
    except BaseException:
        writer.abort()
        raise
