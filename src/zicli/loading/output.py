"""Writing results: atomically, so a reader never sees a half-written file, and
never over a file the command reads."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from zicli.errors import InputError, Problem


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


def _cannot_write(path: str, exc: OSError) -> InputError:
    # A full disk or a read-only target is the user's to fix, not a bug in zi.
    return InputError([Problem(f"cannot write: {exc.strerror or exc}", file=path)])


class AtomicWriter:
    """A file written in pieces (e.g. streamed JSON lines) that appears under its
    name only when complete: :meth:`commit` renames it into place, :meth:`abort`
    (or an error) leaves any earlier file untouched. ``path`` may not be one of
    ``inputs``: zi never writes over a file it reads."""

    def __init__(self, path: str, *, inputs: Sequence[str] = ()) -> None:
        # Write through a symlink (the link stays a link) and into the real folder.
        target = Path(os.path.realpath(path))
        folder = target.parent
        if not folder.is_dir():
            shown_folder = os.path.dirname(path) or "."
            raise InputError([Problem("the folder does not exist", file=shown_folder)])
        for source in inputs:
            if target.exists() and _same_file(source, target):
                raise InputError(
                    [
                        Problem(
                            "is an input of this command; zi never writes over its inputs",
                            file=path,
                            hint="choose another --output file",
                        )
                    ]
                )
        self.path = path
        self.target = target
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        # mkstemp makes the file private (0600); give it the mode a new file or the
        # file it replaces would have.
        with contextlib.suppress(OSError):
            os.chmod(self.tmp, _mode_for(target))

    def write(self, text: str) -> None:
        """Append text."""
        try:
            self.handle.write(text)
        except OSError as exc:
            self.abort()
            raise _cannot_write(self.path, exc) from None

    def commit(self) -> None:
        """Flush, sync and move the file into place."""
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.abort()
            raise _cannot_write(self.path, exc) from None

    def abort(self) -> None:
        """Drop the temporary file."""
        with contextlib.suppress(OSError):
            self.handle.close()
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
