"""``zi score``, ``zi validate`` and ``zi init``."""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

import contextlib
import dataclasses
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import typer

from zicli.errors import Location, Problem, UsageError, ZiError
from zicli.i18n import _, ngettext

if TYPE_CHECKING:
    from zicli.batch.options import BatchOptions

from zicli.render.registry import formats

from . import (
    EXIT_GATE,
    EXIT_INVALID,
    EXIT_OK,
    Blank,
    CriteriaOpt,
    CriteriaRootOpt,
    NoColorOpt,
    OutputOpt,
    Stdout,
    WidthOpt,
    allow_criteria_roots,
    app,
    color_for,
    emit,
    err,
    format_option,
    guarded,
    refuse_existing,
    to_stdout,
    width_for,
)


def resolve_predicate(name: str | None, ids: list[str], option: str = "--require") -> str | None:
    """A predicate id of the pack named on the command line (any case)."""
    if name is None:
        return None
    from zicli.batch.options import matches

    found = matches(name, ids)
    if found is None:
        raise UsageError.of(
            _("{option}: unknown predicate '{name}'").format(option=option, name=name),
            hint=_("one of {choices}").format(choices=", ".join(ids)),
        )
    return found


def _score_view(kwargs: dict[str, Any]) -> str:
    """One unit's report for one file path in the unit's formats, else a batch."""
    from zicli.render.registry import VIEWS

    paths = kwargs.get("paths") or []
    single = len(paths) == 1 and not os.path.isdir(paths[0])
    return (
        "score" if single and all(f in VIEWS["score"] for f in kwargs.get("fmt") or []) else "batch"
    )


def _decimal(
    value: str | None, option: str, example: str, *, negative: bool = True
) -> Decimal | None:
    if value is None:
        return None
    from zicli.loading.overrides import number_option

    return number_option(value, option, example, negative=negative)


def _where_we_run(name: str) -> str:
    """``--format auto``: GitHub annotations inside GitHub Actions, else the table (what
    a pre-commit hook wants: no ``::error`` lines in a local terminal)."""
    if name != "auto":
        return name
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "table"


def _pairs(formats: list[str], outputs: list[str]) -> list[tuple[str, str | None]]:
    """``--format`` and ``-o`` pair up in order; formats beyond the outputs, and those
    paired with ``-o -``, go to stdout."""
    formats = formats or ["table"]
    if len(outputs) > len(formats):
        raise UsageError.of(
            _("more --output files than --format options"),
            hint=_("give one --format before each -o, e.g. --format json -o results.json"),
        )
    named = [os.path.realpath(o) for o in outputs if o != "-"]
    if len(set(named)) != len(named):
        raise UsageError.of(
            _("two --output options name the same file"), hint=_("give each its own")
        )
    places = [to_stdout(o) for o in outputs]
    pairs = [(f, places[i] if i < len(places) else None) for i, f in enumerate(formats)]
    if sum(1 for _, o in pairs if o is None) > 1:
        raise UsageError.of(
            _("only one format can go to standard output"), hint=_("give the others an -o FILE")
        )
    return pairs


@app.command(help=_("Score answer files: one file gives the full report, folders a batch summary."))
@guarded("fmt", _score_view)
def score(
    paths: Annotated[
        list[str], typer.Argument(help=_("Answer files or folders (recursive), or - for stdin."))
    ],
    fmt: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=_(
                "Output format: {formats}; auto: github inside GitHub Actions, else table. "
                "One file gets its own report in table, json, markdown "
                "and csv; folders, several files and the batch-only formats get the batch "
                "output. Repeat with -o FILE for several outputs."
            ).format(formats=", ".join(formats("score", "batch"))),
        ),
    ] = None,
    output: Annotated[
        list[str] | None,
        typer.Option(
            "--output",
            "-o",
            help=_("Write the matching --format here (atomically); - is standard output."),
        ),
    ] = None,
    detail: Annotated[bool, typer.Option("--detail", help=_("Down to every question."))] = False,
    blank: Annotated[
        Blank,
        typer.Option(help=_("Blank answers: zero (count 0) or skip (workbook averaging).")),
    ] = Blank.zero,
    require: Annotated[
        str | None,
        typer.Option(help=_("Gate: exit 1 unless every unit reaches this predicate (WBK, WBBM).")),
    ] = None,
    fail_under: Annotated[
        str | None, typer.Option(help=_("Gate: exit 1 if a unit's total is below this."))
    ] = None,
    max_incomplete: Annotated[
        str | None,
        typer.Option(help=_("Gate: exit 1 if a unit has more than this percent of blank answers.")),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help=_(
                "What-if: answer ID=VALUE instead of the file (repeatable; the file is "
                "not changed). Counts: ID=field=n,field=n."
            ),
        ),
    ] = None,
    require_evidence: Annotated[
        bool,
        typer.Option(
            "--require-evidence",
            help=_("Gate: exit 1 if an answer above the lowest option lacks complete data dukung."),
        ),
    ] = False,
    evidence_root: Annotated[
        str | None,
        typer.Option(
            "--evidence-root",
            help=_("Folder evidence paths are read from (default: each file's)."),
        ),
    ] = None,
    criteria: CriteriaOpt = None,
    criteria_root: CriteriaRootOpt = None,
    glob: Annotated[
        str | None,
        typer.Option(
            help=_(
                "In folders, only files matching this pattern: without '/', the file "
                "name (kma-*); with '/', the path below the folder, where * stays in one "
                "folder and **/ is any number of folders (kanwil-*/**/*.yaml)."
            )
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            help=_(
                "Worker processes for many files (default: CPUs; at most 4 per CPU, "
                "a larger number is lowered to that)."
            )
        ),
    ] = None,
    width: WidthOpt = None,
    no_color: NoColorOpt = False,
) -> int:
    from zicli.batch.options import BatchOptions
    from zicli.loading.discover import discover
    from zicli.render.registry import VIEWS, check

    if jobs is not None and jobs < 1:
        raise UsageError.of(_("--jobs: expected 1 or more, got {jobs}").format(jobs=jobs))
    allow_criteria_roots(criteria_root)
    pairs = _pairs([_where_we_run(f) for f in fmt or []], output or [])
    for name, _out in pairs:
        check(name, "score", "batch")
    if set_:
        from zicli.loading.overrides import check_overrides

        check_overrides(set_)  # a malformed --set is one usage error, not one per file
    files = discover(paths, glob)
    options = BatchOptions(
        blank=blank.value,
        criteria=criteria,
        require=require,
        fail_under=_decimal(fail_under, "--fail-under", "75.5"),
        max_incomplete=_decimal(max_incomplete, "--max-incomplete", "5", negative=False),
        overrides=tuple(set_ or ()),
        criteria_roots=tuple(criteria_root or ()),
        evidence_root=evidence_root,
        require_evidence=require_evidence,
    )
    single = len(paths) == 1 and len(files) == 1 and not os.path.isdir(paths[0])
    if single and all(f in VIEWS["score"] for f, _out in pairs):
        return _score_single(files[0], pairs, options, detail, width, no_color)
    from zicli.batch.run import default_jobs, max_jobs

    workers = min(jobs or default_jobs(), max_jobs())
    return _score_batch(files, pairs, options, detail, width, no_color, workers)


def _score_single(
    path: str,
    pairs: list[tuple[str, str | None]],
    options: "BatchOptions",
    detail: bool,
    width: int | None,
    no_color: bool,
) -> int:
    from zicli.batch.options import threshold_failures
    from zicli.loading import load_unit
    from zicli.render.options import RenderOptions
    from zicli.render.registry import load

    impls = [(load("score", f), out) for f, out in pairs]
    stdout = Stdout(others=any(out is not None for _f, out in pairs))
    loaded = load_unit(path, criteria=options.criteria, overrides=options.overrides)
    ids = [p.id for p in loaded.index.criteria.predicates]
    if options.require is not None:
        resolve_predicate(options.require, ids)
    from zicli.loading.evidence import assess_with_evidence

    result = assess_with_evidence(loaded, options.blank, options.evidence_root)
    for warning in result.card.warnings:
        if warning.field:  # about a line of the file: said where, as problems are
            place = warning.where or Location(path)
            found = Problem(warning.message, field=warning.field, hint=warning.hint, where=place)
            err(_("warning: {problem}").format(problem=found))
    for impl, out in impls:
        color = False if out else color_for(no_color)
        render = RenderOptions(detail=detail, width=width_for(width), color=color)
        text = impl.assessment(result, render)
        if out is None:
            stdout.write(text)
        else:
            emit(text, out, inputs=[path])
    if options.overrides:  # after the report, where a reader of it looks next
        count = len(options.overrides)
        err(
            ngettext(
                "what-if: {count} answer from --set; {path} is unchanged",
                "what-if: {count} answers from --set; {path} is unchanged",
                count,
            ).format(count=count, path=path)
        )
    failures = threshold_failures(result, options)
    for failure in failures:
        err(_("gate: {path}: {failure}").format(path=path, failure=failure))
    return EXIT_GATE if failures else EXIT_OK


def _score_batch(
    files: list[str],
    pairs: list[tuple[str, str | None]],
    options: "BatchOptions",
    detail: bool,
    width: int | None,
    no_color: bool,
    jobs: int,
) -> int:
    from zicli.batch.run import run_batch
    from zicli.loading.output import AtomicWriter
    from zicli.render.options import RenderOptions
    from zicli.render.registry import load

    color = color_for(no_color) and all(out is not None or f == "table" for f, out in pairs)
    render = RenderOptions(detail=detail, width=width_for(width), color=color)
    # each format's per-unit part (JSON, --detail tables) is prepared in the workers
    options = dataclasses.replace(options, prepare=tuple(f for f, _out in pairs), render=render)
    writers: list[AtomicWriter] = []
    stdout = Stdout(others=any(out is not None for _f, out in pairs))
    sinks: list[Any] = [(_WarningLines(), stdout.write)]
    for name, out in pairs:
        impl = load("batch", name)
        if out is None:
            sinks.append((impl, stdout.write))
        else:
            writer = AtomicWriter(out, inputs=files)
            writers.append(writer)
            sinks.append((impl, writer.write))
    try:
        with _progress(len(files)) as tick:
            summary = run_batch(files, options, sinks, render, jobs=jobs, progress=tick)
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    for writer in writers:
        writer.commit()
    if summary.invalid:
        err(
            ngettext(
                "{invalid} of {count} file is invalid",
                "{invalid} of {count} files are invalid",
                summary.files,
            ).format(invalid=summary.invalid, count=summary.files)
        )
    if summary.threshold_failures:
        err(
            ngettext(
                "gate: {failed} of {count} unit fails the gates",
                "gate: {failed} of {count} units fail the gates",
                summary.files,
            ).format(failed=summary.threshold_failures, count=summary.files)
        )
    return summary.exit_code


class _WarningLines:
    """A batch 'format' that writes nothing but each unit's located warnings, on stderr
    as the single-file run does (the other formats carry them in their own way)."""

    @staticmethod
    def prepare(result: Any, options: Any) -> None:
        return None

    def begin(self, options: Any) -> str:
        return ""

    def unit(self, row: Any) -> str:
        for warning in row.warnings:
            err(_("warning: {problem}").format(problem=warning))
        return ""

    def end(self, summary: Any) -> str:
        return ""

    def problems(self, source: str, problems: Any) -> None:
        return None


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on a terminal for long runs; nothing otherwise."""
    if total < 20 or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=None) as bar:
        task = bar.add_task(_("scoring"), total=total)
        yield lambda done: bar.update(task, completed=done)


@app.command(help=_("Check answer files without scoring; every problem is listed."))
@guarded("fmt", "validate")
def validate(
    paths: Annotated[
        list[str], typer.Argument(help=_("Answer files or folders (recursive) to check."))
    ],
    fmt: Annotated[str, format_option("validate")] = "table",
    criteria: CriteriaOpt = None,
    criteria_root: CriteriaRootOpt = None,
) -> int:
    from zicli.loading import load_unit
    from zicli.loading.discover import discover, no_answer_files
    from zicli.loading.evidence import unit_evidence_check
    from zicli.render.registry import load
    from zicli.render.validate import FileCheck

    formatter = load("validate", fmt)
    allow_criteria_roots(criteria_root)
    files = discover(paths)
    if not files:
        raise no_answer_files()
    checks: list[FileCheck] = []
    for path in files:
        try:
            loaded = load_unit(path, criteria=criteria)
            unit_evidence_check(loaded)  # a hostile evidence path is a problem of the file
        except ZiError as exc:
            for problem in exc.problems:
                err(_("error: {problem}").format(problem=problem))
            check = FileCheck(path, valid=False, errors=exc.problems)
        else:
            for warning in loaded.input_warnings():
                err(_("warning: {problem}").format(problem=warning))
            check = FileCheck(
                path,
                valid=True,
                criteria=loaded.index.id,
                answered=len(loaded.answers),
                questions=len(loaded.index.questions),
            )
        checks.append(check)
        text = formatter.unit(check)
        if text:
            emit(text, None)
    emit(formatter.end(checks), None)
    return EXIT_OK if all(c.valid for c in checks) else EXIT_INVALID


@app.command(help=_("Write a fill-in answer file for a pack, every question listed."))
@guarded()
def init(
    criteria: Annotated[
        str, typer.Option("--criteria", "-c", help=_("Pack id or file."))
    ] = "permenpanrb-90-2021",
    output: OutputOpt = None,
    name: Annotated[str, typer.Option(help=_("Unit name."))] = "Nama Satuan Kerja",
    period: Annotated[str | None, typer.Option(help=_("Period, e.g. 2026-Q1."))] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Overwrite an existing file."))] = False,
    criteria_root: CriteriaRootOpt = None,
) -> int:
    from zicli.loading import check_template, load_criteria
    from zicli.render.template import answer_template

    allow_criteria_roots(criteria_root)
    if output is not None:
        refuse_existing(output, force)
    index = load_criteria(criteria)
    today = date.today()
    default_period = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    from zicli.loading import shipped_packs

    ref = criteria
    if criteria not in shipped_packs() and output is not None:
        # a pack of one's own is named by its path, relative to the new file's folder
        ref = os.path.relpath(os.path.abspath(criteria), os.path.dirname(os.path.abspath(output)))
    period = period or default_period
    from zicli.loading.overrides import check_init_options

    check_init_options(name=name, period=period)
    text = answer_template(index, name=name, period=period, criteria_ref=ref)
    check_template(text, output)
    emit(text, output)
    if output is not None:
        err(
            _("wrote {file} ({count} butir, {pack})").format(
                file=output, count=len(index.questions), pack=index.id
            )
        )
    return EXIT_OK
