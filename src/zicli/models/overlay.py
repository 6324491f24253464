"""Pack inheritance: merge an overlay (``extends: parent``) into its parent.

An overlay changes words on the parent's nodes (names, guidance, evidence
hints), never weights or answer types, so an overlay scores exactly like its
parent. Rules, gates, groups and prerequisites with a new id are added; with a
parent's id they replace the parent's (a predicate so changes the verdict). :func:`merge`
also says where each merged rule came from, so a problem in one can be located
in the overlay's file, and what the overlay wrote (shown by ``zi criteria show``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from zicli.errors import FieldPath, did_you_mean
from zicli.i18n import _
from zicli.models.criteria import Criteria, CriteriaOverlay, Node, NodePatch, PackIdentity

from .check import Finding, check_criteria

# The overlay's own identity replaces the parent's; its sources and notes add to them.
_OWN = tuple(n for n in PackIdentity.model_fields if n not in ("sources", "notes"))
PATCH_FIELDS = ("name", "text", "guidance", "evidence", "guidance_source", "note")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


@dataclass(frozen=True)
class Merged:
    """The merged pack and what the overlay changed."""

    criteria: Criteria
    changed: dict[str, tuple[str, ...]]
    """Node id -> the fields the overlay set on it."""
    origins: dict[tuple[str, int], int]
    """(list name, index in the merged pack) -> index in the overlay, for rules the
    overlay wrote."""
    rules: tuple[tuple[str, str, bool], ...] = ()
    """(list name, id, replaces the parent's) for each rule, gate, prerequisite,
    group, strategy or unit field the overlay wrote, in the overlay's order."""


def _by_id(
    parent: Sequence[T], child: Sequence[T], name: str, origins: dict[tuple[str, int], int]
) -> tuple[T, ...]:
    out = list(parent)
    index = {item.id: i for i, item in enumerate(out)}
    for j, item in enumerate(child):
        if item.id in index:
            out[index[item.id]] = item
            origins[(name, index[item.id])] = j
        else:
            origins[(name, len(out))] = j
            out.append(item)
    return tuple(out)


def _patch(node: Node, patches: dict[str, NodePatch], changed: dict[str, tuple[str, ...]]) -> Node:
    update: dict[str, Any] = {}
    patch = patches.get(node.id)
    if patch is not None:
        update = {f: getattr(patch, f) for f in PATCH_FIELDS if getattr(patch, f) is not None}
        changed[node.id] = tuple(update)
    if node.children:
        update["children"] = tuple(_patch(c, patches, changed) for c in node.children)
    return node.model_copy(update=update) if update else node


def merge(parent: Criteria, overlay: CriteriaOverlay) -> Merged:
    """The overlay applied to its parent (overrides must name parent nodes)."""
    changed: dict[str, tuple[str, ...]] = {}
    origins: dict[tuple[str, int], int] = {}
    nodes = tuple(_patch(n, dict(overlay.overrides), changed) for n in parent.nodes)
    rules: list[tuple[str, str, bool]] = []
    for name in ("predicates", "gates", "prerequisites", "groups", "strategies"):
        had = {item.id for item in getattr(parent, name)}
        rules += [(name, item.id, item.id in had) for item in getattr(overlay, name)]
    rules += [("unit_fields", f, f in parent.unit_fields) for f in overlay.unit_fields]
    criteria = parent.model_copy(
        update={
            **{name: getattr(overlay, name) for name in _OWN},
            "sources": {**parent.sources, **overlay.sources},
            "notes": overlay.notes + parent.notes,
            "nodes": nodes,
            "groups": _by_id(parent.groups, overlay.groups, "groups", origins),
            "predicates": _by_id(parent.predicates, overlay.predicates, "predicates", origins),
            "unit_fields": {**parent.unit_fields, **overlay.unit_fields},
            "prerequisites": _by_id(
                parent.prerequisites, overlay.prerequisites, "prerequisites", origins
            ),
            "gates": _by_id(parent.gates, overlay.gates, "gates", origins),
            "strategies": _by_id(parent.strategies, overlay.strategies, "strategies", origins),
            "extends": overlay.extends,
        }
    )
    return Merged(criteria, changed, origins, tuple(rules))


def check_overlay(
    parent: Criteria,
    overlay: CriteriaOverlay,
    merged: Merged,
    checks: Callable[[Criteria], list[Finding]] = check_criteria,
) -> list[Finding]:
    """Problems of an overlay, with field paths into the overlay's own file; the
    merged pack is checked as a whole with ``checks``."""
    found: list[Finding] = []
    ids = [n.id for n in parent.walk()]
    known = set(ids)
    for node_id in overlay.overrides:
        if node_id not in known:
            found.append(
                (
                    ("overrides", node_id),
                    _("'{node}' is not a node of the parent pack '{pack}'").format(
                        node=node_id, pack=parent.id
                    ),
                    did_you_mean(node_id, ids)
                    or _("see '{command}'").format(command=f"zi criteria show {parent.id}"),
                )
            )
    for path, message, hint in checks(merged.criteria):
        found.append((_relocate(path, merged, overlay), message, hint))
    return found


def _relocate(path: FieldPath, merged: Merged, overlay: CriteriaOverlay) -> FieldPath:
    if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):
        origin = merged.origins.get((path[0], path[1]))
        if origin is not None:
            return (path[0], origin, *path[2:])
    if len(path) >= 2 and path[0] == "unit_fields" and path[1] in overlay.unit_fields:
        return path
    return ()  # the parent's own data: reported at the top of the overlay
