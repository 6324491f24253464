"""Reading review files and the chain of files below them.

A review file names the file it reviews (``reviews:``), relative to its own
folder: the unit's answer file, or another review for the next layer
(``tpn.yaml`` reviews ``tpi.yaml``, which reviews ``unit.yaml``). The chain is
read down to the answer file, whose pack every layer's answers are bound to.

Where zi may look: a reviewed file must lie inside the current folder or the
folder of the review named on the command line (after symlinks are followed);
absolute paths, paths that leave those folders and cycles are located errors.
A review read at a git revision (``zi diff --git``) reads the files below it at
that same revision, under the same rules.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from pydantic import ValidationError

from zicli.engine.review import Layer, ReviewEntry, layer_over, unit_layer
from zicli.errors import InputError, Problem, ProblemSink, did_you_mean, shown
from zicli.i18n import _
from zicli.models.bind import bind_answers
from zicli.models.review import ReviewFile, check_layer, layer_names, parse_date, split_entry

from .discover import STDIN
from .yamlsafe import Document

if TYPE_CHECKING:
    from . import LoadedUnit, Snapshot

__all__ = ["Chain", "check_chain_members", "is_review", "load_chain", "parse_date"]

MAX_LAYERS = 8
"""Reviews in one chain; real chains have two or three (TPPP, TPI, TPN)."""


def is_review(root: object) -> bool:
    """Whether a file's top-level mapping is a review file's (it names what it
    reviews and no criteria pack of its own)."""
    return isinstance(root, dict) and "reviews" in root and "criteria" not in root


@dataclass(frozen=True)
class Chain:
    """A file and the files below it, bottom (the unit's answer file) first."""

    unit: LoadedUnit
    """The unit's answer file as it is."""
    layers: tuple[Layer, ...]
    """The unit's layer, then one per review, up to the file that was named."""
    reviews: tuple[ReviewFile, ...]
    """The review files, in the order of ``layers[1:]``."""

    @property
    def top(self) -> LoadedUnit:
        """The named file's layer as a loaded unit: scored like an answer file."""
        return self.at(len(self.layers) - 1)

    def at(self, i: int) -> LoadedUnit:
        """Layer ``i`` (0: the unit's own answers) as a loaded unit."""
        if i == 0:
            return self.unit
        layer = self.layers[i]
        bound = replace(
            self.unit.bound, source=layer.file, answers=dict(layer.answers), layer=layer
        )
        return replace(self.unit, bound=bound)


def load_chain(path: str, *, criteria: str | None = None) -> Chain:
    """Read ``path`` (an answer file or a review) and everything below it."""
    from . import read_bytes

    return chain_from_bytes(read_bytes(path), path, criteria=criteria)


def chain_from_bytes(
    content: bytes, path: str, *, criteria: str | None = None, snapshot: Snapshot | None = None
) -> Chain:
    """:func:`load_chain` for bytes already read; ``path`` names them (with
    ``snapshot``, their working-tree path at that revision)."""
    roots = [Path.cwd().resolve()]
    if path != STDIN:
        roots.append(Path(path).resolve().parent)
    return _Reader(tuple(roots), criteria, snapshot).chain(content, path, ())


class _Reader:
    def __init__(
        self, roots: tuple[Path, ...], criteria: str | None, snapshot: Snapshot | None
    ) -> None:
        self.roots = roots
        self.criteria = criteria
        self.snapshot = snapshot

    def name(self, path: str) -> str:
        return path if self.snapshot is None else self.snapshot.name(path)

    def read(self, path: str) -> bytes:
        from . import read_bytes

        return read_bytes(path) if self.snapshot is None else self.snapshot.read(path)

    def chain(self, content: bytes, path: str, above: tuple[str, ...]) -> Chain:
        from . import load_unit_bytes
        from .readers import DEFAULT, READERS
        from .readers.yaml import read_mapping

        if READERS.get(os.path.splitext(path)[1].lower(), DEFAULT) != DEFAULT:
            # a workbook holds a unit's own answers, never a review: read by its
            # reader, as zi score reads it
            unit = load_unit_bytes(
                content, path, Path(path).parent, criteria=self.criteria, snapshot=self.snapshot
            )
            return Chain(unit, (unit_layer(self.name(path), unit.answers),), ())
        name = self.name(path)
        sink = ProblemSink(name)
        doc = read_mapping(content, name, sink)
        if not is_review(doc.root):
            base = Path(path).parent if path != STDIN else Path.cwd()
            sink.raise_if_any()
            unit = load_unit_bytes(
                content, path, base, criteria=self.criteria, snapshot=self.snapshot
            )
            return Chain(unit, (unit_layer(name, unit.answers),), ())
        review = self.envelope(doc, sink)
        below_path = self.reviewed(review, doc, path, above, sink)
        below = self.chain(self.read(below_path), below_path, (*above, _key(path)))
        return self.layer(review, doc, name, below, sink)

    def envelope(self, doc: Document, sink: ProblemSink) -> ReviewFile:
        try:
            return ReviewFile.model_validate(doc.root)
        except ValidationError as exc:
            from .locate import report_validation

            report_validation(exc, doc, ReviewFile, sink)
            sink.raise_if_any()
            raise  # pragma: no cover - raise_if_any always raises here

    def reviewed(
        self,
        review: ReviewFile,
        doc: Document,
        path: str,
        above: tuple[str, ...],
        sink: ProblemSink,
    ) -> str:
        """The path of the reviewed file, checked: relative, inside where zi may
        look, no cycle, not too deep."""
        written = review.reviews

        def fail(message: str, hint: str | None) -> NoReturn:
            mark = doc.mark(("reviews",))
            sink.add(
                message,
                line=mark[0] if mark else None,
                col=mark[1] if mark else None,
                field=("reviews",),
                hint=hint,
            )
            sink.raise_if_any()
            raise AssertionError  # pragma: no cover - raise_if_any raises

        if os.path.isabs(written) or written.startswith("\\"):
            fail(
                _("'{file}' is an absolute path").format(file=shown(written)),
                _("name the reviewed file relative to this file's folder, e.g. unit-2026q1.yaml"),
            )
        base = Path(path).parent if path != STDIN else Path.cwd()
        target = base / written
        if self.snapshot is not None:
            real = self.at_revision(self.snapshot, target, written, fail)
        else:
            real = self.on_disk(target, base, written, fail)
        if _key(str(real)) in above or _key(str(real)) == _key(path):
            fail(
                _(
                    "'{file}' makes a cycle: a review cannot review itself or a review above it"
                ).format(file=shown(written)),
                _("each review names the layer below it, down to the answer file"),
            )
        if len(above) + 1 >= MAX_LAYERS:
            fail(
                _("more than {count} review layers").format(count=MAX_LAYERS),
                _("a chain has a few layers: tpi, tpn"),
            )
        return os.path.normpath(target)

    def on_disk(
        self, target: Path, base: Path, written: str, fail: Callable[[str, str | None], NoReturn]
    ) -> Path:
        """The reviewed file on disk, followed to its real path and checked."""
        try:
            real = target.resolve(strict=True)
        except FileNotFoundError:
            fail(
                _("the reviewed file '{file}' does not exist").format(file=shown(written)),
                _near(base, written),
            )
        except (OSError, RuntimeError) as exc:  # a symlink loop
            fail(
                _("cannot follow '{file}': {reason}").format(file=shown(written), reason=exc),
                None,
            )
        if not real.is_file():
            fail(
                _("'{file}' is not a file").format(file=shown(written)),
                _("name the answer file or review reviewed"),
            )
        self.inside(real, written, fail)
        return real

    def at_revision(
        self,
        snapshot: Snapshot,
        target: Path,
        written: str,
        fail: Callable[[str, str | None], NoReturn],
    ) -> Path:
        """The reviewed file at the revision: checked to be within where zi may
        look before git is asked about it (a revision's symlinks are not followed)."""
        real = target.resolve()
        self.inside(real, written, fail)
        try:
            kind = snapshot.kind(str(target))
        except InputError:  # outside the repository
            kind = None
        if kind is None:
            fail(_("the reviewed file '{file}' does not exist").format(file=shown(written)), None)
        if kind != "blob":
            fail(
                _("'{file}' is not a file").format(file=shown(written)),
                _("name the answer file or review reviewed"),
            )
        return real

    def inside(self, real: Path, written: str, fail: Callable[[str, str | None], NoReturn]) -> None:
        if not any(real.is_relative_to(root) for root in self.roots):
            fail(
                _("'{file}' is outside the folders zi may read").format(file=shown(written)),
                _(
                    "keep the reviewed file in this folder or below it (or run zi from a "
                    "folder that holds both)"
                ),
            )

    def layer(
        self, review: ReviewFile, doc: Document, path: str, below: Chain, sink: ProblemSink
    ) -> Chain:
        index = below.unit.index
        findings: list[tuple[Any, str, str | None]] = []
        known = layer_names(index.criteria.review_layers)
        named = {layer.name: layer.file for layer in below.layers[1:]}
        layer_problem = check_layer(review.layer, known, named)
        if layer_problem is not None:
            findings.append(layer_problem)
        raw: Mapping[str, Any] = review.answers or {}
        splits = {qid: split_entry(qid, value, findings) for qid, value in raw.items()}
        to_bind = {qid: s.answer for qid, s in splits.items() if s.answer is not None}
        bound = bind_answers(index, to_bind)
        findings += bound.findings
        ids = [q.id for q in index.questions]
        for qid, split in splits.items():
            if split.answer is None:
                node = index.nodes.get(qid)
                if node is None or node.kind != "butir":
                    findings.append(
                        (
                            ("answers", qid),
                            _("unknown question id '{question}' in {pack}").format(
                                question=shown(qid), pack=index.id
                            ),
                            did_you_mean(qid, ids)
                            or _("see '{command}'").format(command=f"zi criteria show {index.id}"),
                        )
                    )
        if findings:
            from .locate import report_findings

            report_findings(findings, doc, sink)
        sink.raise_if_any()
        entries = {
            qid: ReviewEntry(bound.answers.get(qid), split.note, split.follow_up)
            for qid, split in splits.items()
        }
        top = layer_over(below.layers[-1], review.layer, path, entries, review.reviewer)
        return Chain(below.unit, (*below.layers, top), (*below.reviews, review))


def _key(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return path


def _near(base: Path, written: str) -> str | None:
    try:
        names = sorted(p.name for p in base.iterdir() if p.suffix in (".yaml", ".yml"))
    except OSError:
        return None
    return did_you_mean(Path(written).name, names)


def check_chain_members(chain: Chain, given: list[str]) -> None:
    """Every file named for ``zi review`` must be a layer of the top file's chain."""
    files = {_key(layer.file): layer.name for layer in chain.layers}
    problems = [
        Problem(
            _("is not a layer below {file}").format(file=chain.layers[-1].file),
            file=name,
            hint=_(
                "name the files of one chain: unit.yaml tpi.yaml tpn.yaml (each review "
                "names the one below it)"
            ),
        )
        for name in given
        if _key(name) not in files
    ]
    if problems:
        raise InputError(problems)
