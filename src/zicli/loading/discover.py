"""Which files a batch scores: files as given, folders searched recursively.

Hidden files and folders (a name starting with '.') and files no reader reads
(:func:`~zicli.loading.readers.is_answer_file`) are skipped; the result is sorted
so output never depends on the file system's order. A path that does not exist
is a problem, reported before any scoring.

``--glob`` narrows a folder search (files named on the command line are always
taken). A pattern without ``/`` is matched against each file's name, at any depth
(``kma-*``). A pattern with ``/`` is matched against the file's whole path below the
folder given, ``/`` between folders: ``*``, ``?`` and ``[...]`` match within one
name and never cross a ``/`` (``kanwil-*/*.yaml`` is the files directly inside the
``kanwil-*`` folders); ``**/`` matches zero or more folders (``**/*.yaml`` includes
the top level, ``kanwil-*/**/*.yaml`` every depth below the ``kanwil-*`` folders);
a final ``/**`` matches everything below. Case follows the file system.
"""

from __future__ import annotations

import os
import re

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
    glob_text = glob or ""
    pattern = glob_pattern(glob) if glob else None

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
            if pattern is not None:
                relative = os.path.relpath(candidate, folder).replace(os.sep, "/")
                if not pattern.fullmatch(relative if "/" in glob_text else name):
                    continue
            matches.append(candidate)
    return sorted(matches)


def _class_end(glob: str, start: int) -> int:
    """Where the ``[...]`` opened at ``start`` closes (-1: a plain ``[``); a ``]`` first
    in it, or after its ``!``, is one of its characters, as in :mod:`fnmatch`."""
    j = start + 1
    if glob[j : j + 1] == "!":
        j += 1
    if glob[j : j + 1] == "]":
        j += 1
    return glob.find("]", j)


def glob_pattern(glob: str) -> re.Pattern[str]:
    """``--glob`` as a regular expression over a path below the folder, ``/`` between
    folders (the rules are in the module docstring): ``*``, ``?`` and ``[...]`` match
    within one name, ``**/`` zero or more folders, a final ``/**`` everything below."""
    out: list[str] = []
    i, n = 0, len(glob)
    while i < n:
        c = glob[i]
        if glob.startswith("**/", i) and (i == 0 or glob[i - 1] == "/"):
            out.append("(?:[^/]*/)*")
            i += 3
        elif glob.startswith("**", i) and (i == 0 or glob[i - 1] == "/") and i + 2 == n:
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[" and (end := _class_end(glob, i)) > 0:
            body = glob[i + 1 : end]
            negate = body.startswith("!")
            body = body[1:] if negate else body
            chars = "".join(ch if ch == "-" else re.escape(ch) for ch in body)
            out.append(f"[^/{chars}]" if negate else f"(?!/)[{chars}]")
            i = end + 1
        else:
            out.append(re.escape(c))
            i += 1
    flags = re.IGNORECASE if os.path.normcase("A") == "a" else 0  # as the file system
    return re.compile("".join(out), flags | re.DOTALL)


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
