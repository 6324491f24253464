"""Which files a batch scores: files as given, folders searched recursively.

Hidden files and folders (a name starting with '.') and files no reader reads
(:func:`~zicli.loading.readers.is_answer_file`) are skipped; the result is sorted
so output never depends on the file system's order. A path that does not exist
is a problem, reported before any scoring.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from zicli.errors import InputError, Problem

from .readers import is_answer_file

STDIN = "-"


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def discover(paths: list[str], glob: str | None = None) -> list[str]:
    """The answer files named by ``paths`` (``-`` for stdin stays as it is).

    Folders are searched recursively for answer files (``*.yaml``/``*.yml``); ``glob`` (matched
    against the path relative to the folder, and against the file name) narrows a
    folder search. Files given by name are always taken, whatever their name."""
    found: list[str] = []
    missing: list[Problem] = []
    for given in paths:
        if given == STDIN:
            found.append(given)
            continue
        path = Path(given)
        if path.is_dir():
            matches = []
            for candidate in path.rglob("*"):
                if not candidate.is_file() or not is_answer_file(candidate.name):
                    continue
                if _hidden(candidate, path):
                    continue
                relative = candidate.relative_to(path).as_posix()
                if glob and not (
                    fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(candidate.name, glob)
                ):
                    continue
                matches.append(str(candidate))
            found += sorted(matches)
        elif path.is_file():
            found.append(given)
        else:
            missing.append(Problem("no such file or folder", file=given))
    if missing:
        raise InputError(missing)
    # a file named twice (directly and through its folder) is scored once
    return list(dict.fromkeys(found))
