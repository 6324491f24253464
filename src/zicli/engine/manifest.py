"""Comparing an evidence manifest with the evidence of today (pure)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ManifestItem:
    """One file of one question's evidence, as a manifest records it."""

    question: str
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class ManifestChanges:
    """What differs between a manifest and the evidence of today."""

    added: tuple[ManifestItem, ...]
    removed: tuple[ManifestItem, ...]
    changed: tuple[tuple[ManifestItem, ManifestItem], ...]
    """(as recorded, as found) for files whose content differs."""
    unchanged: int

    @property
    def clean(self) -> bool:
        """True when the evidence is exactly what the manifest recorded."""
        return not (self.added or self.removed or self.changed)


def compare_manifest(
    recorded: tuple[ManifestItem, ...], found: tuple[ManifestItem, ...]
) -> ManifestChanges:
    """Files added, removed or changed (size or SHA-256), keyed by question and
    path; a file that only moved from one question to another is one removed and
    one added."""
    before = {(i.question, i.path): i for i in recorded}
    after = {(i.question, i.path): i for i in found}
    changed = tuple(
        (before[k], after[k])
        for k in sorted(before.keys() & after.keys())
        if (before[k].sha256, before[k].size) != (after[k].sha256, after[k].size)
    )
    return ManifestChanges(
        added=tuple(after[k] for k in sorted(after.keys() - before.keys())),
        removed=tuple(before[k] for k in sorted(before.keys() - after.keys())),
        changed=changed,
        unchanged=len(before.keys() & after.keys()) - len(changed),
    )
