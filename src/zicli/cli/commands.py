"""``zi score``, ``zi validate`` and ``zi init``."""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

import contextlib
import dataclasses
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any

import typer

from zicli.errors import Problem, UsageError, ZiError

if TYPE_CHECKING:
    from zicli.batch.options import BatchOptions

from zicli.render.registry import help_text

from . import (
    EXIT_GATE,
    EXIT_INVALID,
    EXIT_OK,
    Blank,
    CriteriaOpt,
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


def resolve_predicate(name: str | None, ids: list[str], option: str = "--require") -> str | None:
    """A predicate id of the pack named on the command line (any case)."""
    if name is None:
        return None
    from zicli.batch.options import matches

    found = matches(name, ids)
    if found is None:
        raise UsageError.of(
            f"{option}: unknown predicate '{name}'", hint="one of " + ", ".join(ids)
        )
    return found


_SCORE_FORMATS = help_text("score", "batch").rstrip(".")


def _score_view(kwargs: dict[str, Any]) -> str:
    """One unit's report for one file path in the unit's formats, else a batch."""
    from zicli.render.registry import VIEWS

    paths = kwargs.get("paths") or []
    single = len(paths) == 1 and not os.path.isdir(paths[0])
    return (
        "score" if single and all(f in VIEWS["score"] for f in kwargs.get("fmt") or []) else "batch"
    )


def _decimal(value: str | None, option: str) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.replace(",", ".") if value.count(",") == 1 else value)
    except InvalidOperation:
        raise UsageError.of(f"{option}: expected a number, got '{value}'") from None
    if not number.is_finite():
        raise UsageError.of(f"{option}: expected a finite number, got '{value}'")
    return number


def _pairs(formats: list[str], outputs: list[str]) -> list[tuple[str, str | None]]:
    """``--format`` and ``-o`` pair up in order; formats beyond the outputs go to stdout."""
    formats = formats or ["table"]
    if len(outputs) > len(formats):
        raise UsageError.of(
            "more --output files than --format options",
            hint="give one --format before each -o, e.g. --format json -o results.json",
        )
    named = [os.path.realpath(o) for o in outputs]
    if len(set(named)) != len(named):
        raise UsageError.of("two --output options name the same file", hint="give each its own")
    pairs = [(f, outputs[i] if i < len(outputs) else None) for i, f in enumerate(formats)]
    if sum(1 for _, o in pairs if o is None) > 1:
        raise UsageError.of(
            "only one format can go to standard output", hint="give the others an -o FILE"
        )
    return pairs


@app.command()
@guarded("fmt", _score_view)
def score(
    paths: Annotated[
        list[str], typer.Argument(help="Answer files or folders (recursive), or - for stdin.")
    ],
    fmt: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"{_SCORE_FORMATS}. One file gets its own report in table, json, markdown "
            "and csv; folders, several files and the batch-only formats get the batch "
            "output. Repeat with -o FILE for several outputs.",
        ),
    ] = None,
    output: Annotated[
        list[str] | None,
        typer.Option("--output", "-o", help="Write the matching --format here (atomically)."),
    ] = None,
    detail: Annotated[bool, typer.Option("--detail", help="Down to every question.")] = False,
    blank: Annotated[
        Blank,
        typer.Option(help="Blank answers: zero (count 0) or skip (workbook averaging)."),
    ] = Blank.zero,
    require: Annotated[
        str | None,
        typer.Option(help="Gate: exit 1 unless every unit reaches this predicate (WBK, WBBM)."),
    ] = None,
    fail_under: Annotated[
        str | None, typer.Option(help="Gate: exit 1 if a unit's total is below this.")
    ] = None,
    max_incomplete: Annotated[
        str | None,
        typer.Option(help="Gate: exit 1 if a unit has more than this percent of blank answers."),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="What-if: answer ID=VALUE instead of the file (repeatable; the file is "
            "not changed). Counts: ID=field=n,field=n.",
        ),
    ] = None,
    criteria: CriteriaOpt = None,
    criteria_root: CriteriaRootOpt = None,
    glob: Annotated[
        str | None, typer.Option(help="In folders, only files matching this pattern.")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            help="Worker processes for many files (default: CPUs; at most 4 per CPU, "
            "a larger number is lowered to that)."
        ),
    ] = None,
    width: WidthOpt = None,
    no_color: NoColorOpt = False,
) -> int:
    """Score answer files: one file gives the full report, folders a batch summary."""
    from zicli.batch.options import BatchOptions
    from zicli.loading.discover import discover
    from zicli.render.registry import VIEWS, check

    if jobs is not None and jobs < 1:
        raise UsageError.of(f"--jobs: expected 1 or more, got {jobs}")
    allow_criteria_roots(criteria_root)
    pairs = _pairs(fmt or [], output or [])
    for name, _ in pairs:
        check(name, "score", "batch")
    if set_:
        from zicli.loading.overrides import parse_override

        for text in set_:
            parse_override(text)  # a malformed --set is one usage error, not one per file
    files = discover(paths, glob)
    options = BatchOptions(
        blank=blank.value,
        criteria=criteria,
        require=require,
        fail_under=_decimal(fail_under, "--fail-under"),
        max_incomplete=_decimal(max_incomplete, "--max-incomplete"),
        overrides=tuple(set_ or ()),
        criteria_roots=tuple(criteria_root or ()),
    )
    single = len(paths) == 1 and len(files) == 1 and not os.path.isdir(paths[0])
    if single and all(f in VIEWS["score"] for f, _ in pairs):
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
    loaded = load_unit(path, criteria=options.criteria, overrides=options.overrides)
    ids = [p.id for p in loaded.index.criteria.predicates]
    if options.require is not None:
        resolve_predicate(options.require, ids)
    result = loaded.assess(options.blank)
    for impl, out in impls:
        color = False if out else color_for(no_color)
        render = RenderOptions(detail=detail, width=width_for(width), color=color)
        emit(impl.assessment(result, render), out, inputs=[path])
    if options.overrides:  # after the report, where a reader of it looks next
        err(f"what-if: {len(options.overrides)} answer(s) from --set; {path} is unchanged")
    failures = threshold_failures(result, options)
    for failure in failures:
        err(f"gate: {path}: {failure}")
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
    options = dataclasses.replace(options, prepare=tuple(f for f, _ in pairs), render=render)
    writers: list[AtomicWriter] = []
    sinks = []
    for name, out in pairs:
        impl = load("batch", name)
        if out is None:
            sinks.append((impl, _stdout))
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
        err(f"{summary.invalid} of {summary.files} files are invalid")
    if summary.threshold_failures:
        err(f"gate: {summary.threshold_failures} of {summary.files} units fail the gates")
    return summary.exit_code


def _stdout(text: str) -> None:
    emit(text, None)


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on a terminal for long runs; nothing otherwise."""
    if total < 20 or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=None) as bar:
        task = bar.add_task("menilai", total=total)
        yield lambda done: bar.update(task, completed=done)


@app.command()
@guarded("fmt", "validate")
def validate(
    paths: Annotated[
        list[str], typer.Argument(help="Answer files or folders (recursive) to check.")
    ],
    fmt: Annotated[str, format_option("validate")] = "table",
    criteria: CriteriaOpt = None,
    criteria_root: CriteriaRootOpt = None,
) -> int:
    """Check answer files without scoring; every problem is listed."""
    from zicli.loading import load_unit
    from zicli.loading.discover import discover
    from zicli.render.registry import load
    from zicli.render.validate import FileCheck

    formatter = load("validate", fmt)
    allow_criteria_roots(criteria_root)
    checks: list[FileCheck] = []
    for path in discover(paths):
        try:
            loaded = load_unit(path, criteria=criteria)
        except ZiError as exc:
            for problem in exc.problems:
                err(f"error: {problem}")
            check = FileCheck(path, valid=False, errors=exc.problems)
        else:
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


@app.command()
@guarded()
def init(
    criteria: Annotated[
        str, typer.Option("--criteria", "-c", help="Pack id or file.")
    ] = "permenpanrb-90-2021",
    output: OutputOpt = None,
    name: Annotated[str, typer.Option(help="Unit name.")] = "Nama Satuan Kerja",
    period: Annotated[str | None, typer.Option(help="Period, e.g. 2026-Q1.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> int:
    """Write a fill-in answer file for a pack, every question listed."""
    from zicli.loading import load_criteria
    from zicli.render.template import answer_template

    if output is not None and os.path.exists(output) and not force:
        raise UsageError(
            [Problem("already exists; zi init does not overwrite", file=output, hint="use --force")]
        )
    index = load_criteria(criteria)
    today = date.today()
    default_period = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    from zicli.loading import shipped_packs

    ref = criteria
    if criteria not in shipped_packs() and output is not None:
        # a pack of one's own is named by its path, relative to the new file's folder
        ref = os.path.relpath(os.path.abspath(criteria), os.path.dirname(os.path.abspath(output)))
    text = answer_template(index, name=name, period=period or default_period, criteria_ref=ref)
    emit(text, output)
    if output is not None:
        err(f"wrote {output} ({len(index.questions)} butir, {index.id})")
    return EXIT_OK
