"""Where answer files are read from: the working tree, or a git revision.

``zi diff --git REV PATH`` compares the files at ``PATH`` with the same files at
revision ``REV``. The revision is read with ``git show REV:path`` (no checkout,
the working tree is never touched) and goes through the same strict reader and
binder as a file on disk (:func:`zicli.loading.load_unit_bytes`); what such a file
names (the file a review reviews, a pack file by path) is read at the same
revision, a shipped pack id being the installed pack. Every failure
(no git, not a repository, unknown revision, path not in the revision) is a
:class:`~zicli.errors.ZiError` with a hint.

Both sources offer the same three operations, so a command is written once:
:meth:`is_folder`, :meth:`answer_files` (the answer files in a folder, as
:func:`~.readers.is_answer_file` says, sorted) and :meth:`load`.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

from zicli.errors import InputError, Problem, UsageError
from zicli.i18n import _

from . import LoadedUnit, load_unit, load_unit_bytes
from .discover import discover
from .readers import is_answer_file


class Source(Protocol):
    """A place answer files are read from."""

    def is_folder(self, path: str) -> bool:
        """True when ``path`` names a folder (in this source)."""

    def answer_files(self, folder: str) -> list[str]:
        """The answer files directly in ``folder``, sorted, as paths to :meth:`load`."""

    def load(self, path: str) -> LoadedUnit:
        """Read, check and bind one answer file."""


@dataclass(frozen=True)
class WorkTree:
    """Files as they are on disk."""

    def is_folder(self, path: str) -> bool:
        """True for an existing folder."""
        return Path(path).is_dir()

    def answer_files(self, folder: str) -> list[str]:
        """The answer files below ``folder``, found as ``zi score`` finds them."""
        if not Path(folder).is_dir():
            raise InputError([Problem(_("no such folder"), file=folder)])
        return discover([folder])

    def load(self, path: str) -> LoadedUnit:
        """:func:`zicli.loading.load_unit`."""
        return load_unit(path)


@dataclass(frozen=True)
class GitRevision:
    """Files as they are at one commit of the repository holding them."""

    rev: str
    """The revision as the user wrote it (shown in file names: ``REV:path``)."""
    commit: str
    root: Path

    @classmethod
    def open(cls, rev: str, where: str) -> GitRevision:
        """The revision ``rev`` of the repository that holds ``where``."""
        if not rev or rev.startswith("-"):
            raise UsageError.of(
                _("--git: '{rev}' is not a revision").format(rev=rev),
                hint=_("e.g. HEAD~1, main or v2026-Q1"),
            )
        folder = Path(where).resolve()
        while not folder.is_dir() and folder != folder.parent:
            folder = folder.parent
        ok, out = _git(folder, "rev-parse", "--show-toplevel")
        if not ok:
            said = _said(out)
            raise InputError(
                [
                    Problem(
                        _("not inside a git repository")
                        if not said or "not a git repository" in said
                        else _("git cannot read this repository: {said}").format(said=said),
                        file=where,
                        hint=_(
                            "--git reads the same files at a revision of the repository "
                            "that holds them; run zi inside the working tree or drop --git"
                        ),
                    )
                ]
            )
        root = Path(os.fsdecode(out).strip()).resolve()
        ok, out = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
        if not ok:
            raise UsageError.of(
                _("--git: unknown revision '{rev}'").format(rev=rev),
                hint=_(
                    "a branch, tag or commit of this repository; see 'git log --oneline' "
                    "or 'git tag'"
                ),
            )
        return cls(rev, os.fsdecode(out).strip(), root)

    def _relative(self, path: str) -> str:
        resolved = Path(path).resolve()
        try:
            relative = resolved.relative_to(self.root)
        except ValueError:
            raise InputError(
                [
                    Problem(
                        _("outside the git repository at {root}").format(root=self.root),
                        file=path,
                    )
                ]
            ) from None
        text = PurePosixPath(*relative.parts).as_posix()
        return "" if text == "." else text

    def kind(self, path: str) -> str | None:
        """``"blob"``, ``"tree"``, or None when ``path`` is not in this revision."""
        return self._kind(path)

    def key(self, path: str) -> str:
        """``path`` at this commit, for caches."""
        return f"{self.commit}:{self._relative(path)}"

    def _kind(self, path: str) -> str | None:
        ok, out = _git(self.root, "cat-file", "-t", f"{self.commit}:{self._relative(path)}")
        return os.fsdecode(out).strip() if ok else None

    def name(self, path: str) -> str:
        """How a file of this revision is named in messages: ``REV:relative/path``."""
        return f"{self.rev}:{self._relative(path)}"

    def is_folder(self, path: str) -> bool:
        """True when ``path`` is a folder at this revision."""
        return self._kind(path) == "tree"

    def answer_files(self, folder: str) -> list[str]:
        """The answer files in ``folder`` at this revision, as
        working-tree paths (``folder/name.yaml``)."""
        if self._kind(folder) != "tree":
            raise self._missing(folder)
        relative = self._relative(folder)
        spec = f"{relative}/" if relative else "."
        ok, out = _git(self.root, "ls-tree", "-r", "-z", self.commit, "--", spec)
        if not ok:  # pragma: no cover - the tree exists, checked above
            raise self._missing(folder)
        names: list[str] = []
        for entry in out.split(b"\0"):
            if not entry:
                continue
            meta, _, name = os.fsdecode(entry).partition("\t")
            inside = PurePosixPath(name).relative_to(relative) if relative else PurePosixPath(name)
            # as zi score finds files on disk: recursive, any case of suffix, no hidden parts
            if (
                meta.split()[1] == "blob"
                and is_answer_file(inside.name)
                and not any(part.startswith(".") for part in inside.parts)
            ):
                names.append(inside.as_posix())
        return [str(Path(folder) / n) for n in sorted(names)]

    def read(self, path: str) -> bytes:
        """The bytes of ``path`` at this revision (``git show REV:path``)."""
        if self._kind(path) != "blob":
            raise self._missing(path)
        ok, out = _git(self.root, "show", "--no-textconv", f"{self.commit}:{self._relative(path)}")
        if not ok:  # pragma: no cover - the blob exists, checked above
            raise self._missing(path)
        return out

    def load(self, path: str) -> LoadedUnit:
        """Read one answer file at this revision and bind it. What it names is read
        at this revision too: the file a review reviews, a pack named by path (a
        shipped pack id is the installed pack)."""
        return load_unit_bytes(self.read(path), path, Path(path).parent, snapshot=self)

    def _missing(self, path: str) -> InputError:
        return InputError(
            [
                Problem(
                    _("not in revision {rev}").format(rev=self.rev),
                    file=self.name(path),
                    hint=_("see '{command}'").format(
                        command=f"git ls-tree --name-only {self.rev} -- "
                        f"{self._relative(str(Path(path).parent)) or '.'}/"
                    ),
                )
            ]
        )


def _git(cwd: Path, *args: str) -> tuple[bool, bytes]:
    """Run git; (True, stdout) or (False, stderr). A missing git is a clear error."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise UsageError.of(
            _("--git: the git program was not found"), hint=_("install git or drop --git")
        ) from None
    if done.returncode != 0:
        return False, done.stderr
    return True, done.stdout


def _said(stderr: bytes) -> str:
    """git's first message line, without its 'fatal: ' prefix."""
    lines = stderr.decode(errors="replace").strip().splitlines()
    return lines[0].removeprefix("fatal: ").strip() if lines else ""
