"""The one registry of output formats: view -> format -> where its formatter lives.

A view is what a command shows (one unit's score, a batch, a diff, a trend, a
plan, one pack, the list of packs, a validation run); a format is how (table,
json, markdown, ...). Entries are plain strings, ``"module:ATTRIBUTE"``, so the
CLI builds its ``--format`` choices and help from this module at start-up
without importing a renderer; :func:`load` imports one when a command runs.
A new format for a view is its module plus one line here.

Each view's formatter interface is in :mod:`zicli.render.contracts`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zicli.errors import Problem

VIEWS: dict[str, dict[str, str]] = {
    "score": {
        "table": "zicli.render.score.table:FORMATTER",
        "json": "zicli.render.score.json:FORMATTER",
        "markdown": "zicli.render.score.markdown:FORMATTER",
        "csv": "zicli.render.score.csv:FORMATTER",
    },
    "batch": {
        "table": "zicli.render.batch.table:Formatter",
        "json": "zicli.render.batch.json:Formatter",
        "jsonl": "zicli.render.batch.jsonl:Formatter",
        "csv": "zicli.render.batch.csv:Formatter",
        "markdown": "zicli.render.batch.markdown:Formatter",
        "junit": "zicli.render.batch.junit:Formatter",
        "github": "zicli.render.batch.github:Formatter",
    },
    "diff": {
        "table": "zicli.render.diff.table:DIFF_FORMATTER",
        "json": "zicli.render.diff.json:DIFF_FORMATTER",
        "markdown": "zicli.render.diff.markdown:DIFF_FORMATTER",
    },
    "trend": {
        "table": "zicli.render.diff.table:TREND_FORMATTER",
        "json": "zicli.render.diff.json:TREND_FORMATTER",
        "markdown": "zicli.render.diff.markdown:TREND_FORMATTER",
        "csv": "zicli.render.diff.csv:TREND_FORMATTER",
    },
    "plan": {
        "table": "zicli.render.plan.table:Formatter",
        "json": "zicli.render.plan.json:Formatter",
        "markdown": "zicli.render.plan.markdown:Formatter",
    },
    "pack": {
        "table": "zicli.render.pack.table:FORMATTER",
        "json": "zicli.render.pack.json:FORMATTER",
    },
    "packs": {
        "table": "zicli.render.pack.table:FORMATTER",
        "json": "zicli.render.pack.json:FORMATTER",
    },
    "validate": {
        "table": "zicli.render.validate.table:Formatter",
        "json": "zicli.render.validate.json:Formatter",
    },
    "evidence": {
        "table": "zicli.render.evidence.table:FORMATTER",
        "json": "zicli.render.evidence.json:FORMATTER",
    },
    "review": {
        "table": "zicli.render.review.table:FORMATTER",
        "json": "zicli.render.review.json:FORMATTER",
    },
    "audit": {
        "table": "zicli.render.audit.table:FORMATTER",
        "json": "zicli.render.audit.json:FORMATTER",
    },
    "report": {
        "html": "zicli.render.report.html:FORMATTER",
    },
    "dashboard": {
        "html": "zicli.render.dashboard.html:FORMATTER",
    },
}
"""Formats per view. Batch, plan and validate formatters are classes (a fresh one per
run: they keep state between units); the others are ready-made objects."""

SCHEMAS: dict[str, str] = {
    "score": "zi.score/1",
    "batch": "zi.batch/1",
    "diff": "zi.diff/2",
    "trend": "zi.trend/1",
    "plan": "zi.plan/2",
    "pack": "zi.criteria/1",
    "packs": "zi.criteria/1",
    "validate": "zi.validate/1",
    "evidence": "zi.evidence/1",
    "review": "zi.review/1",
    "audit": "zi.audit/1",
}
"""The schema id each view's JSON carries, also in its ``{"schema", "errors"}`` object
(views without a JSON format have none)."""

_FRESH = {"batch", "plan", "validate"}


def formats(*views: str) -> list[str]:
    """The format names of these views, in registry order, each once."""
    return list(dict.fromkeys(name for view in views for name in VIEWS[view]))


def help_text(*views: str) -> str:
    """The ``--format`` help of a command showing these views."""
    from zicli.i18n import _

    return _("Output format: {formats}.").format(formats=", ".join(formats(*views)))


def check(name: str, *views: str) -> str:
    """``name`` if one of the views has that format; else a usage error (exit 2)
    listing the formats they have."""
    if any(name in VIEWS[view] for view in views):
        return name
    from zicli.errors import UsageError
    from zicli.i18n import _

    raise UsageError.of(
        _("--format: this command has no format '{name}'").format(name=name),
        hint=_("choose one of {formats}").format(formats=", ".join(formats(*views))),
    )


def load(view: str, name: str) -> Any:
    """The formatter of a view's format (imported now); a usage error if it has none."""
    check(name, view)
    module, attr = VIEWS[view][name].split(":")
    found = getattr(importlib.import_module(module), attr)
    return found() if view in _FRESH else found


def problems_text(view: str, name: str, source: str, problems: Sequence[Problem]) -> str | None:
    """Invalid input as the view's format shows it on stdout (the JSON formats print
    ``{"schema", "errors"}``), or None when stderr says it all. Unknown view/format
    pairs give None: the command line was already refused for them."""
    if name not in VIEWS.get(view, {}):
        return None
    text: str | None = load(view, name).problems(source, problems)
    return text
