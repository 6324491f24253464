"""``zi evidence``: the data dukung of an answer file, as an evaluator will check it.

``zi evidence unit.yaml`` lists the status of every answer's evidence per area;
``-o manifest.json`` also records size, SHA-256 and time of every local file;
``--verify manifest.json`` says what was added, removed or changed since (exit 1
when anything was). ``--check-links`` visits each link with a HEAD request.
"""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

from typing import Annotated

import typer

from zicli.errors import Location, Problem, UsageError
from zicli.i18n import _

from . import (
    EXIT_GATE,
    EXIT_OK,
    CriteriaOpt,
    NoColorOpt,
    WidthOpt,
    app,
    color_for,
    emit,
    err,
    format_option,
    guarded,
    width_for,
)

EvidenceRootOpt = Annotated[
    str | None,
    typer.Option(
        "--evidence-root",
        help=_("Folder evidence paths are relative to (default: the answer file's folder)."),
    ),
]

MAX_TIMEOUT = 600
"""The longest ``--timeout`` for one link, in seconds: ten minutes is already more
than any server answering a HEAD request needs (and infinity overflows the socket)."""


def link_timeout(seconds: float) -> float:
    """``--timeout``, checked: a finite number of seconds above 0, at most
    :data:`MAX_TIMEOUT` (0, a negative or nan would report every link broken)."""
    if not 0 < seconds <= MAX_TIMEOUT:  # False for nan too
        raise UsageError(
            [
                Problem(
                    _("{seconds:g} is not a usable number of seconds").format(seconds=seconds),
                    hint=_("give more than 0 and at most {high} seconds, e.g. --timeout 5").format(
                        high=MAX_TIMEOUT
                    ),
                    where=Location.of_option("--timeout"),
                )
            ]
        )
    return seconds


@app.command(help=_("Data dukung per answer: lengkap, hilang or tanpa bukti; manifest and verify."))
@guarded("fmt", "evidence")
def evidence(
    path: Annotated[str, typer.Argument(help=_("Answer file (a review: its unit's file)."))],
    fmt: Annotated[str, format_option("evidence")] = "table",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help=_("Write a manifest of every local file (JSON).")),
    ] = None,
    verify: Annotated[
        str | None,
        typer.Option(
            help=_("Compare with a manifest; exit 1 if files were added, removed or changed.")
        ),
    ] = None,
    evidence_root: EvidenceRootOpt = None,
    check_links: Annotated[
        bool, typer.Option("--check-links", help=_("Visit each link (HEAD request)."))
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            help=_("Seconds to wait for each link (more than 0, at most {high}).").format(
                high=MAX_TIMEOUT
            )
        ),
    ] = 5.0,
    detail: Annotated[bool, typer.Option("--detail", help=_("List every answer at risk."))] = False,
    criteria: CriteriaOpt = None,
    width: WidthOpt = None,
    no_color: NoColorOpt = False,
) -> int:
    from zicli.engine.evidence import evidence_report
    from zicli.engine.manifest import compare_manifest
    from zicli.loading.evidence import check_evidence
    from zicli.loading.evidence import evidence_root as root_of
    from zicli.loading.manifest import (
        items,
        manifest_files,
        manifest_payload,
        read_manifest,
    )
    from zicli.loading.review import load_chain
    from zicli.render.evidence import EvidenceView
    from zicli.render.jsontext import dumps
    from zicli.render.options import RenderOptions
    from zicli.render.registry import load

    formatter = load("evidence", fmt)
    timeout = link_timeout(timeout)
    chain = load_chain(path, criteria=criteria)
    unit = chain.unit
    if unit.file != path:
        err(
            _("{path} is a review ({layer}): checking the data dukung of {file}").format(
                path=path, layer=chain.layers[-1].name, file=unit.file
            )
        )
    if output == "-":
        raise UsageError(
            [
                Problem(
                    _("the manifest needs a file: standard output shows the data dukung"),
                    hint=_("give a file name, e.g. -o manifest.json"),
                    where=Location.of_option("--output"),
                )
            ]
        )
    root = root_of(unit, evidence_root)
    check = check_evidence(unit.file, unit.answers, root, check_links=check_links, timeout=timeout)
    report = evidence_report(unit.index, unit.answers, check.entries)
    recorded = read_manifest(verify) if verify is not None else None
    files = manifest_files(check) if output is not None or recorded is not None else ()
    changes = compare_manifest(items(recorded.files), items(files)) if recorded else None
    if output is not None:
        emit(dumps(manifest_payload(unit.file, files)) + "\n", output, inputs=[unit.file])
    view = EvidenceView(
        unit.assess(),
        report,
        evidence_root if evidence_root is not None else _shown_root(unit.file),
        manifest=verify,
        changes=changes,
        written=output,
    )
    options = RenderOptions(detail=detail, width=width_for(width), color=color_for(no_color))
    emit(formatter.evidence(view, options), None)
    if changes is not None and not changes.clean:
        err(
            _("verify: {manifest}: the data dukung differ from the manifest").format(
                manifest=verify
            )
        )
        return EXIT_GATE
    return EXIT_OK


def _shown_root(file: str) -> str:
    import os

    if file == "-":
        return "."
    return os.path.dirname(file) or "."
