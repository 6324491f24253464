"""Making and reading evidence manifests (see :mod:`zicli.models.manifest`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from zicli import __version__
from zicli.engine.manifest import ManifestItem
from zicli.errors import InputError, Problem, format_path
from zicli.i18n import N_, _
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
        raise InputError([Problem(_("is over 50 MB; not a zi manifest"), file=path)])
    try:
        json.loads(data.decode("utf-8"))  # JSON syntax errors located by line and column
    except UnicodeDecodeError:
        problem = Problem(_("is not UTF-8 text; not a zi manifest"), file=path)
        raise InputError([problem]) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                Problem(
                    _("not valid JSON: {problem}").format(problem=_json_problem(exc.msg)),
                    file=path,
                    line=exc.lineno,
                    col=exc.colno,
                    hint=_("give the file 'zi evidence -o' wrote"),
                )
            ]
        ) from None
    try:
        return Manifest.model_validate_json(data)
    except ValidationError as exc:
        from .locate import pydantic_said

        problems = []
        for err in exc.errors(include_url=False)[:20]:
            loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
            said = pydantic_said(err)
            if said is None:
                continue
            problems.append(
                Problem(
                    said[0],
                    file=path,
                    field=loc,
                    hint=_("a {schema} file, as 'zi evidence -o' writes it").format(
                        schema=MANIFEST_SCHEMA
                    )
                    if format_path(loc) == "schema"
                    else said[1],
                )
            )
        raise InputError(problems) from None


_JSON = {
    # the json module's words for what it could not parse, as people should read them
    "Expecting value": N_("a value was expected here"),
    "Expecting ',' delimiter": N_("a ',' was expected here"),
    "Expecting ':' delimiter": N_("a ':' was expected here"),
    "Expecting property name enclosed in double quotes": N_(
        "a key in double quotes was expected here"
    ),
    "Unterminated string starting at": N_("a text that is never closed starts here"),
    "Invalid control character at": N_("a control character inside a text"),
    "Invalid \\escape": N_("an invalid escape after '\\'"),
    "Extra data": N_("more data after the JSON value"),
}


def _json_problem(said: str) -> str:
    """The json module's problem in the language in use (its own words when unknown)."""
    known = _JSON.get(said)
    return _(known) if known is not None else said
