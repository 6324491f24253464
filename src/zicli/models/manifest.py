"""The evidence manifest (``zi evidence -o manifest.json``): what was submitted.

One record per local file of every answered question's evidence: the question,
the path (relative to the evidence root), its size, SHA-256 and modification
time. ``zi evidence --verify manifest.json`` compares the files of today with it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from zicli.models.base import Strict

MANIFEST_SCHEMA = "zi.evidence-manifest/1"


class ManifestFile(Strict):
    """One file of one question's evidence."""

    question: str = Field(min_length=1)
    path: str = Field(min_length=1)
    size: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    mtime: str
    """When the file was last changed, ISO 8601 UTC (``2026-04-30T08:15:00Z``)."""


class Manifest(Strict):
    """A whole manifest file."""

    model_config = ConfigDict(
        strict=True, extra="forbid", frozen=True, defer_build=True, populate_by_name=True
    )

    schema_id: Literal["zi.evidence-manifest/1"] = Field(alias="schema")
    zi_version: str
    file: str
    """The answer file the manifest was made from."""
    files: tuple[ManifestFile, ...]
