"""Files to checked models: the only layer that touches the disk or YAML.

``load_criteria`` reads a pack (shipped id or path) and checks it as a whole;
``load_unit`` reads an answer file and binds its answers to its pack. Both
collect every problem of a file and raise one :class:`~zicli.errors.InputError`.
Inputs are only ever read.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from zicli.engine.bind import bind_answers, bind_held, did_you_mean
from zicli.engine.index import CriteriaIndex, build_index
from zicli.errors import InputError, Problem, ProblemSink
from zicli.models.answers import AnswerFile, AnswerRecord
from zicli.models.check import check_criteria
from zicli.models.criteria import Criteria

from .locate import report_findings, report_validation
from .yamlsafe import Document, read_document

STDIN = "-"


@dataclass(frozen=True)
class LoadedUnit:
    """An answer file read, validated and bound to its pack."""

    file: str
    data: AnswerFile
    index: CriteriaIndex
    answers: dict[str, AnswerRecord]
    held: str | None


def packs_dir() -> Path:
    """Where the shipped packs live: inside the installed package, or the
    repository's ``criteria/`` in a development checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "criteria"
    if installed.is_dir():
        return installed
    return here.parent.parent / "criteria"


def shipped_packs() -> dict[str, Path]:
    """Pack id -> file, for every shipped pack (file stem = pack id)."""
    folder = packs_dir()
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))} if folder.is_dir() else {}


def read_bytes(path: str) -> bytes:
    """A file's bytes (``-`` is standard input); unreadable files are InputErrors."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError([Problem("no such file", file=path)]) from None
    except IsADirectoryError:
        raise InputError(
            [Problem("is a folder", file=path, hint="give a .yaml file, or use 'zi score FOLDER'")]
        ) from None
    except OSError as exc:
        raise InputError([Problem(f"cannot read: {exc.strerror}", file=path)]) from None


def _document(path: str, sink: ProblemSink) -> Document:
    doc = read_document(read_bytes(path), path, sink)
    sink.raise_if_any()
    assert doc is not None
    if not isinstance(doc.root, dict):
        sink.add(
            "expected a mapping of 'key: value' lines at the top of the file",
            line=1,
            col=1,
            hint="see 'zi init' for the layout",
        )
        sink.raise_if_any()
    return doc


_CACHE: dict[str, CriteriaIndex] = {}


def load_criteria_file(path: str) -> CriteriaIndex:
    """Read and check one pack file (cached per path within a process)."""
    key = str(Path(path).resolve())
    if key in _CACHE:
        return _CACHE[key]
    sink = ProblemSink(path)
    doc = _document(path, sink)
    try:
        criteria = Criteria.model_validate(doc.root)
    except ValidationError as exc:
        report_validation(exc, doc, Criteria, sink)
        sink.raise_if_any()
        raise  # pragma: no cover - raise_if_any always raises here
    report_findings(check_criteria(criteria), doc, sink)
    sink.raise_if_any()
    index = build_index(criteria)
    _CACHE[key] = index
    return index


def load_criteria(ref: str, base: Path | None = None) -> CriteriaIndex:
    """A shipped pack by id, or a pack file by path (relative to ``base``)."""
    shipped = shipped_packs()
    if ref in shipped:
        return load_criteria_file(str(shipped[ref]))
    candidate = Path(ref)
    if base is not None and not candidate.is_absolute():
        candidate = base / candidate
    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        if candidate.is_file():
            return load_criteria_file(str(candidate))
        raise InputError([Problem("criteria pack file not found", file=str(candidate))])
    hint = did_you_mean(ref, list(shipped)) or "shipped packs: " + ", ".join(shipped)
    raise InputError([Problem(f"unknown criteria pack '{ref}'", file="zi", hint=hint)])


def load_unit(path: str, *, criteria: str | None = None) -> LoadedUnit:
    """Read an answer file and bind it to its pack (or to ``criteria`` if given)."""
    sink = ProblemSink(path)
    doc = _document(path, sink)
    raw: dict[str, Any] = doc.root  # type: ignore[assignment]
    try:
        data = AnswerFile.model_validate(raw)
    except ValidationError as exc:
        report_validation(exc, doc, AnswerFile, sink)
        sink.raise_if_any()
        raise  # pragma: no cover
    base = Path(path).parent if path != STDIN else Path.cwd()
    ref = criteria or data.criteria
    try:
        index = load_criteria(ref, base)
    except InputError as exc:
        if criteria is None and exc.problems and exc.problems[0].file == "zi":
            line_col = doc.mark(("criteria",))
            first = exc.problems[0]
            raise InputError(
                [
                    Problem(
                        first.message,
                        file=path,
                        line=line_col[0] if line_col else None,
                        col=line_col[1] if line_col else None,
                        field=("criteria",),
                        hint=first.hint,
                    )
                ]
            ) from None
        raise
    bound = bind_answers(index, data.answers)
    held, held_problem = bind_held(index, data.unit.predicate_held)
    findings = list(bound.findings)
    if held_problem:
        findings.append(held_problem)
    report_findings(findings, doc, sink)
    sink.raise_if_any()
    return LoadedUnit(path, data, index, bound.answers, held)
