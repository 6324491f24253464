"""``zi report``: a unit's HTML report, or a folder's dashboard, as one file.

``zi report unit.yaml -o laporan.html`` writes a unit's report; several files of one
unit add the trend over their periods (the report is of the latest, or of
``--period``); a folder, or files of several units, give the dashboard
(``--period`` keeps one round). Exit codes: 0, and 2 when a file could not be read
(a dashboard still shows every other unit and lists the files left out).

Given review files of one unit (``zi report unit.yaml tpi.yaml tpn.yaml``, or the top
review alone), the report is of the unit's own answers and adds the section
"Lapisan penilaian": the layers as ``zi review`` compares them.
"""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zicli.errors import InputError, Problem, UsageError, ZiError
from zicli.i18n import _

from . import EXIT_INVALID, EXIT_OK, Blank, OutputOpt, app, emit, err, format_option, guarded

if TYPE_CHECKING:
    from zicli.engine.assess import Assessment
    from zicli.engine.review import ReviewReport
    from zicli.loading import LoadedUnit


def _evidence_base(source: str, output: str | None) -> str:
    """How the page at ``output`` reaches the folder of the answer file ``source``."""
    if source == "-":
        return ""
    folder = Path(source).resolve().parent
    page = Path(output).resolve().parent if output else Path.cwd()
    relative = os.path.relpath(folder, page)
    return "" if relative == "." else Path(relative).as_posix() + "/"


def _layers(
    loaded: "list[LoadedUnit]", files: list[str], blank: Blank, today: str | None
) -> "tuple[list[LoadedUnit], ReviewReport]":
    """Review files given: the unit's own file, and ``zi review``'s comparison of the
    chain of the top review (every file given must be one of its layers)."""
    from datetime import date

    from zicli.engine.review import compare
    from zicli.loading.review import check_chain_members, load_chain, parse_date

    day = date.today()
    if today is not None:
        parsed = parse_date(today)
        if parsed is None:
            raise UsageError.of(
                _("--today: expected a date YYYY-MM-DD, got '{value}'").format(value=today)
            )
        day = parsed
    chains = [load_chain(u.file) for u in loaded if u.layer is not None]
    chain = max(chains, key=lambda c: len(c.layers))
    check_chain_members(chain, [f for f in files if f != chain.layers[-1].file])
    results = tuple(chain.at(i).assess(blank.value) for i in range(len(chain.layers)))
    return [chain.unit], compare(chain.layers, results, day)


@app.command(
    help=_(
        "Write a unit's HTML report (with the trend when given several periods), or the "
        "dashboard of a folder of units; one self-contained file that opens offline."
    )
)
@guarded()
def report(
    paths: Annotated[
        list[str],
        typer.Argument(help=_("Answer files of one unit, or folders / files of many units.")),
    ],
    period: Annotated[
        str | None,
        typer.Option(help=_("The period to report, e.g. 2026-Q2 (default: the latest).")),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(help=_("The dashboard's title (default: Zona Integritas dashboard).")),
    ] = None,
    blank: Annotated[
        Blank,
        typer.Option(help=_("Blank answers: zero (count 0) or skip (workbook averaging).")),
    ] = Blank.zero,
    fmt: Annotated[str, format_option("report", "dashboard")] = "html",
    output: OutputOpt = None,
    today: Annotated[
        str | None,
        typer.Option(
            help=_("With review files: the date follow-ups are due against (YYYY-MM-DD).")
        ),
    ] = None,
) -> int:
    from zicli.engine.diff import unit_key
    from zicli.loading import load_unit
    from zicli.loading.discover import discover
    from zicli.render.registry import check, load

    check(fmt, "report", "dashboard")
    folder = any(Path(p).is_dir() for p in paths)
    files = discover(paths)
    if not files:
        raise UsageError.of(
            _("no answer files found"), hint=_("give .yaml answer files or a folder")
        )
    loaded: list[LoadedUnit] = []
    problems: list[Problem] = []
    for path in files:
        try:
            loaded.append(load_unit(path))
        except ZiError as exc:
            problems += exc.problems
    review = None
    if not folder and not problems and any(u.layer is not None for u in loaded):
        loaded, review = _layers(loaded, files, blank, today)
    results: list[Assessment] = [unit.assess(blank.value) for unit in loaded]
    units = {unit_key(a.card.unit.name) for a in results}
    if folder or len(units) > 1:
        from zicli.render.dashboard import Dashboard, Invalid

        for problem in problems:
            err(_("error: {problem}").format(problem=problem))
        per_file: dict[str, list[Problem]] = {}
        for problem in problems:
            per_file.setdefault(problem.file or "", []).append(problem)
        invalid = tuple(Invalid(f, str(found[0]), len(found)) for f, found in per_file.items())
        if period is not None and not any(a.card.unit.period == period for a in results):
            raise UsageError.of(
                _("--period {period}: no unit has this period").format(period=period),
                hint=_("periods found: {periods}").format(
                    periods=", ".join(sorted({a.card.unit.period for a in results}))
                ),
            )
        board = Dashboard(tuple(results), period, invalid, title)
        emit(load("dashboard", fmt).dashboard(board), output, files)
        return EXIT_INVALID if problems else EXIT_OK
    if problems:
        raise InputError(problems)
    from zicli.engine.plan import fact_questions
    from zicli.engine.plan import plan as make_plan
    from zicli.render.report import UnitReport

    history = sorted(results, key=lambda a: a.card.unit.period_value)
    chosen = [i for i, a in enumerate(history) if period is None or a.card.unit.period == period]
    if not chosen:
        raise UsageError.of(
            _("--period {period}: no file of this unit has this period").format(period=period),
            hint=_("periods found: {periods}").format(
                periods=", ".join(a.card.unit.period for a in history)
            ),
        )
    at = chosen[-1]
    current = history[at]
    unit = next(u for u in loaded if u.file == current.source)
    plan = None
    if current.verdict.next is not None:
        # zi plan's default plan: counts and survey indexes are facts the unit reports
        facts = fact_questions(unit.index, counts=True, surveys=True)
        plan = make_plan(unit.bound, reported=facts)
    page = load("report", fmt).report(
        UnitReport(
            current,
            plan,
            tuple(history[: at + 1]),
            _evidence_base(current.source, output),
            review,
        )
    )
    emit(page, output, files)
    return EXIT_OK
