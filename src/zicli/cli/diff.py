"""``zi diff`` and ``zi trend``: what moved between periods, where and why.

``zi diff OLD NEW`` compares two answer files or two folders (units matched by
name); ``zi diff --git REV PATH`` compares PATH with the same path at a git
revision. ``--fail-on-regression`` exits 1 when a total or a predicate went
down. ``zi trend FILE...`` lists a unit's periods in period order.
"""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

from typing import TYPE_CHECKING, Annotated

import typer

from zicli.errors import InputError, Problem, UsageError, ZiError
from zicli.i18n import _

from . import (
    EXIT_GATE,
    EXIT_INVALID,
    EXIT_OK,
    Blank,
    CriteriaRootOpt,
    NoColorOpt,
    OutputOpt,
    WidthOpt,
    allow_criteria_roots,
    app,
    color_for,
    emit,
    err,
    format_option,
    guarded,
    width_for,
)

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment
    from zicli.engine.diff import UnitDiff
    from zicli.loading.gitrev import Source


BlankOpt = Annotated[
    Blank,
    typer.Option(help=_("Blank answers: zero (count 0) or skip (workbook averaging).")),
]


def _assess(source: "Source", path: str, blank: Blank) -> "Assessment":
    return source.load(path).assess(blank.value)


def _report_regression(pair: "UnitDiff") -> None:
    from zicli.render.common import num
    from zicli.render.diff import delta_text, predicate_short

    what = [
        _("total {old} -> {new} ({delta})").format(
            old=num(pair.total.old), new=num(pair.total.new), delta=delta_text(pair.total.delta)
        )
    ]
    if pair.predicate_step < 0:
        what.append(
            _("predikat {old} -> {new}").format(
                old=predicate_short(pair.old), new=predicate_short(pair.new)
            )
        )
    err(_("regression: {file}: {what}").format(file=pair.new.source, what=", ".join(what)))


@app.command(
    help=_(
        "Compare a unit's answers between two periods: scores, verdict and each changed "
        "answer with its effect on the total."
    )
)
@guarded("fmt", "diff")
def diff(
    paths: Annotated[
        list[str],
        typer.Argument(
            help=_("OLD NEW: two answer files or two folders; with --git, one PATH."),
            metavar="PATH",
        ),
    ],
    git: Annotated[
        str | None,
        typer.Option(
            "--git",
            metavar="REV",
            help=_("Compare PATH with the same path at git revision REV."),
        ),
    ] = None,
    fmt: Annotated[str, format_option("diff")] = "table",
    fail_on_regression: Annotated[
        bool,
        typer.Option("--fail-on-regression", help=_("Exit 1 when a total or predicate went down.")),
    ] = False,
    blank: BlankOpt = Blank.zero,
    criteria_root: CriteriaRootOpt = None,
    output: OutputOpt = None,
    width: WidthOpt = None,
    no_color: NoColorOpt = False,
) -> int:
    from zicli.engine.diff import diff as compare
    from zicli.engine.diff import folder_diff
    from zicli.loading.gitrev import GitRevision, WorkTree
    from zicli.render.options import RenderOptions
    from zicli.render.registry import load

    formatter = load("diff", fmt)
    allow_criteria_roots(criteria_root)
    work = WorkTree()
    old_source: Source = work
    if git is not None:
        if len(paths) != 1:
            raise UsageError.of(
                _("--git compares one PATH with itself at a revision"),
                hint=_("zi diff --git REV PATH (a file or a folder)"),
            )
        old_source = GitRevision.open(git, paths[0])
        old_path = new_path = paths[0]
    else:
        if len(paths) != 2:
            raise UsageError.of(
                _("give the old and the new answer file (or folder)"),
                hint=_("zi diff OLD NEW, or zi diff --git REV PATH"),
            )
        old_path, new_path = paths
    old_folder = old_source.is_folder(old_path)
    if old_folder != work.is_folder(new_path):
        raise UsageError.of(
            _("compare a file with a file, or a folder with a folder"),
            hint=(
                _("{old} is a folder, {new} is a file")
                if old_folder
                else _("{old} is a file, {new} is a folder")
            ).format(old=old_path, new=new_path),
        )
    options = RenderOptions(width=width_for(width), color=False if output else color_for(no_color))
    if not old_folder:
        old, new = _assess(old_source, old_path, blank), _assess(work, new_path, blank)
        result = compare(old, new)
        emit(formatter.unit_diff(result, options), output, [old_path, new_path])
        names = (old.card.unit.name, new.card.unit.name)
        if names[0].strip().casefold() != names[1].strip().casefold():
            err(
                _("note: the two files name different units: {old} / {new}").format(
                    old=names[0], new=names[1]
                )
            )
        if fail_on_regression and result.regression:
            _report_regression(result)
            return EXIT_GATE
        return EXIT_OK

    failed = False
    sides: list[list[Assessment]] = [[], []]
    for side, (source, folder) in enumerate(((old_source, old_path), (work, new_path))):
        for path in source.answer_files(folder):
            try:
                sides[side].append(_assess(source, path, blank))
            except ZiError as exc:
                failed = True
                for problem in exc.problems:
                    err(_("error: {problem}").format(problem=problem))
    folders = folder_diff(sides[0], sides[1])
    read = [a.source for side in sides for a in side]
    emit(formatter.folder_diff(folders, options), output, read)
    if failed:
        err(_("some answer files could not be read; they are left out of the comparison"))
        return EXIT_INVALID
    if fail_on_regression and folders.regression:
        for pair in folders.pairs:
            if pair.regression:
                _report_regression(pair)
        return EXIT_GATE
    return EXIT_OK


@app.command(help=_("A unit's total and areas over its periods, ordered by unit.period."))
@guarded("fmt", "trend")
def trend(
    paths: Annotated[
        list[str],
        typer.Argument(
            help=_("Answer files of one unit, one per period (any order)."), metavar="FILE"
        ),
    ],
    fmt: Annotated[str, format_option("trend")] = "table",
    blank: BlankOpt = Blank.zero,
    criteria_root: CriteriaRootOpt = None,
    output: OutputOpt = None,
    width: WidthOpt = None,
    no_color: NoColorOpt = False,
    mixed_units: Annotated[
        bool,
        typer.Option(
            "--mixed-units",
            help=_("Allow files that name different units (a trend is normally one unit's)."),
        ),
    ] = False,
) -> int:
    from zicli.engine.diff import trend as build_trend
    from zicli.engine.diff import unit_key
    from zicli.loading.gitrev import WorkTree
    from zicli.render.options import RenderOptions
    from zicli.render.registry import load

    formatter = load("trend", fmt)
    allow_criteria_roots(criteria_root)
    work = WorkTree()
    for path in paths:
        if work.is_folder(path):
            raise UsageError.of(
                _("{path} is a folder; zi trend takes the answer files of one unit").format(
                    path=path
                ),
                hint=_("e.g. zi trend q*/kankemenag-bengkulu.yaml"),
            )
    problems: list[Problem] = []
    points: list[Assessment] = []
    for path in paths:
        try:
            points.append(_assess(work, path, blank))
        except ZiError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    result = build_trend(points)
    if len(result.units) > 1:
        files: dict[str, list[str]] = {}
        for path, point in zip(paths, points, strict=True):
            files.setdefault(unit_key(point.card.unit.name), []).append(path)
        named = "; ".join(f"{u} ({', '.join(files[unit_key(u)])})" for u in result.units)
        if not mixed_units:
            raise UsageError.of(
                _("the files name {count} different units: {units}").format(
                    count=len(result.units), units=named
                ),
                hint=_("give the files of one unit, or add --mixed-units to put them side by side"),
            )
        err(
            _("note: the files name {count} units: {units}").format(
                count=len(result.units), units=named
            )
        )
    for period in result.repeated_periods:
        err(_("note: period {period} is given more than once").format(period=period))
    options = RenderOptions(width=width_for(width), color=False if output else color_for(no_color))
    emit(formatter.trend(result, options), output, paths)
    return EXIT_OK
