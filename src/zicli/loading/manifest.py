"""Making and reading evidence manifests (see :mod:`zicli.models.manifest`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from zicli import __version__
from zicli.engine.manifest import ManifestItem
from zicli.errors import InputError, Problem, format_path
from zicli.models.manifest import MANIFEST_SCHEMA, Manifest, ManifestFile

from .evidence import EvidenceCheck, sha256_of

MAX_MANIFEST_BYTES = 50 * 1024 * 1024


def mtime_text(mtime_ns: int) -> str:
    """A modification time as ISO 8601 UTC, to the second."""
    when = datetime.fromtimestamp(mtime_ns // 1_000_000_000, UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def manifest_files(check: EvidenceCheck) -> tuple[ManifestFile, ...]:
    """Every local evidence file with its SHA-256, one record per question and path
    (each file is read once however many questions name it)."""
    digests: dict[str, str] = {}
    out: list[ManifestFile] = []
    for qid, entries in check.entries.items():
        seen: set[str] = set()
        for entry in entries:
            for found in entry.files:
                if found.path in seen:
                    continue
                seen.add(found.path)
                digest = digests.get(found.path)
                if digest is None:
                    digest = digests[found.path] = sha256_of(check.root, found.path)
                out.append(
                    ManifestFile(
                        question=qid,
                        path=found.path,
                        size=found.size,
                        sha256=digest,
                        mtime=mtime_text(found.mtime_ns),
                    )
                )
    return tuple(out)


def manifest_payload(file: str, files: tuple[ManifestFile, ...]) -> dict[str, Any]:
    """The manifest as a JSON object."""
    return {
        "schema": MANIFEST_SCHEMA,
        "zi_version": __version__,
        "file": file,
        "files": [f.model_dump() for f in files],
    }


def items(files: tuple[ManifestFile, ...]) -> tuple[ManifestItem, ...]:
    """What a comparison looks at."""
    return tuple(ManifestItem(f.question, f.path, f.size, f.sha256) for f in files)


def read_manifest(path: str) -> Manifest:
    """Read and check a manifest file; problems are located (line:col for JSON
    that does not parse, the field path otherwise)."""
    from . import read_bytes

    data = read_bytes(path)
    if len(data) > MAX_MANIFEST_BYTES:
        raise InputError([Problem("is over 50 MB; not a zi manifest", file=path)])
    try:
        json.loads(data.decode("utf-8"))  # JSON syntax errors located by line and column
    except UnicodeDecodeError:
        raise InputError([Problem("is not UTF-8 text; not a zi manifest", file=path)]) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                Problem(
                    f"not valid JSON: {exc.msg}",
                    file=path,
                    line=exc.lineno,
                    col=exc.colno,
                    hint="give the file 'zi evidence -o' wrote",
                )
            ]
        ) from None
    try:
        return Manifest.model_validate_json(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False)[:20]:
            loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
            problems.append(
                Problem(
                    err["msg"],
                    file=path,
                    field=loc,
                    hint=f"a {MANIFEST_SCHEMA} file, as 'zi evidence -o' writes it"
                    if format_path(loc) == "schema"
                    else None,
                )
            )
        raise InputError(problems) from None
