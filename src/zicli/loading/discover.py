"""Which files a batch scores: files as given, folders searched recursively.

Hidden files and folders (a name starting with '.') and files no reader reads
(:func:`~zicli.loading.readers.is_answer_file`) are skipped; the result is sorted
so output never depends on the file system's order. A path that does not exist
is a problem, reported before any scoring.
"""

from __future__ import annotations

import fnmatch
import os

from zicli.errors import InputError, Problem, UsageError
from zicli.i18n import _

from .readers import is_answer_file

STDIN = "-"


def _walk(folder: str, glob: str | None) -> list[str]:
    """Answer files below ``folder``. What a walk cannot look into is returned too,
    so that scoring it reports the problem for that path (a batch never passes with
    a unit silently missing): an unreadable subfolder, a ``*.yaml`` symlink that
    dangles or loops, a ``*.yaml`` that is a FIFO or device (refused when read)."""
    matches: list[str] = []

    def failed(exc: OSError) -> None:
        if exc.filename is not None:
            matches.append(os.fsdecode(exc.filename))

    for top, dirs, names in os.walk(folder, onerror=failed):
        # hidden folders are not searched; symlinked folders are not followed (loops)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith(".") or not is_answer_file(name):
                continue
            candidate = os.path.join(top, name)
            relative = os.path.relpath(candidate, folder).replace(os.sep, "/")
            if glob and not (fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(name, glob)):
                continue
            matches.append(candidate)
    return sorted(matches)


def _key(path: str) -> str:
    """The file ``path`` names, for scoring it once (``x.yaml`` and ``./x.yaml``)."""
    if path == STDIN:
        return path
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return path


def missing_hint(given: str) -> str:
    """What to do about an answer file that is not there: check the name, or start one."""
    if is_answer_file(os.path.basename(given)):
        return _("check the name, or start a new answer file with: zi init -o {file}").format(
            file=given
        )
    return _("check the name; folders are searched for .yaml files")


def no_answer_files() -> UsageError:
    """What a command that checks or scores files says when ``paths`` named none
    (an empty folder, or one with no answer files)."""
    return UsageError.of(_("no answer files found"), hint=_("give .yaml files or folders"))


def discover(paths: list[str], glob: str | None = None) -> list[str]:
    """The answer files named by ``paths`` (``-`` for stdin stays as it is).

    Folders are searched recursively for answer files (``*.yaml``/``*.yml``); ``glob`` (matched
    against the path relative to the folder, and against the file name) narrows a
    folder search. Files given by name are always taken, whatever their name (a
    pipe such as ``<(cat u.yaml)`` too). A file named twice, under any spelling of
    its path, is scored once."""
    found: list[str] = []
    missing: list[Problem] = []
    for given in paths:
        if given == STDIN:
            found.append(given)
            continue
        try:
            is_dir = os.path.isdir(given)
            exists = os.path.lexists(given)
        except ValueError:  # a NUL in the name
            is_dir = exists = False
        if is_dir:
            found += _walk(given, glob)
        elif exists:
            found.append(given)  # reading it says what is wrong with it, if anything
        else:
            missing.append(
                Problem(_("no such file or folder"), file=given, hint=missing_hint(given))
            )
    if missing:
        raise InputError(missing)
    seen: dict[str, str] = {}
    for path in found:
        seen.setdefault(_key(path), path)
    return list(seen.values())
