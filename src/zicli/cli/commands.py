"""``zi score``, ``zi validate`` and ``zi init``."""

from __future__ import annotations

import os
from datetime import date
from typing import Annotated, Any

import typer

from zicli.errors import Problem, UsageError, ZiError

from . import (
    EXIT_GATE,
    EXIT_INVALID,
    EXIT_OK,
    Blank,
    CriteriaOpt,
    Format,
    NoColorOpt,
    OutputOpt,
    WidthOpt,
    app,
    color_for,
    emit,
    err,
    guarded,
    width_for,
)


def resolve_predicate(name: str | None, ids: list[str], option: str = "--require") -> str | None:
    """A predicate id of the pack named on the command line (any case)."""
    if name is None:
        return None
    for pid in ids:
        if pid.casefold() == name.casefold():
            return pid
    raise UsageError.of(f"{option}: unknown predicate '{name}'", hint="one of " + ", ".join(ids))


@app.command()
@guarded("fmt")
def score(
    path: Annotated[str, typer.Argument(help="Answer file (.yaml), or - for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    detail: Annotated[bool, typer.Option("--detail", help="Down to every question.")] = False,
    blank: Annotated[
        Blank,
        typer.Option(help="Blank answers: zero (count 0) or skip (workbook averaging)."),
    ] = Blank.zero,
    require: Annotated[
        str | None,
        typer.Option(help="Exit 1 unless this predicate (WBK or WBBM) is reached."),
    ] = None,
    criteria: CriteriaOpt = None,
    output: OutputOpt = None,
    width: WidthOpt = None,
    no_color: NoColorOpt = False,
) -> int:
    """Score a unit's answer file and print the verdict."""
    from zicli.engine.assess import assess
    from zicli.loading import load_unit
    from zicli.render import RenderOptions, formatter

    fmt_impl = formatter(fmt.value)
    loaded = load_unit(path, criteria=criteria)
    ids = [p.id for p in loaded.index.criteria.predicates]
    gate = resolve_predicate(require, ids)
    result = assess(
        loaded.index,
        loaded.data.unit,
        loaded.answers,
        source=path,
        held=loaded.held,
        blank=blank.value,
    )
    color = False if output else color_for(no_color)
    options = RenderOptions(detail=detail, width=width_for(width), color=color)
    emit(fmt_impl.assessment(result, options), output)
    if gate is not None:
        reached = result.verdict.predicate
        if reached is None or ids.index(reached) < ids.index(gate):
            err(f"gate: {path}: {gate} required, reached {reached or 'none'}")
            return EXIT_GATE
    return EXIT_OK


@app.command()
@guarded("fmt")
def validate(
    paths: Annotated[list[str], typer.Argument(help="Answer files to check.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    criteria: CriteriaOpt = None,
) -> int:
    """Check answer files without scoring; every problem is listed."""
    from zicli.loading import load_unit
    from zicli.render.jsonout import dumps

    failed = False
    records: list[dict[str, Any]] = []
    for path in paths:
        try:
            loaded = load_unit(path, criteria=criteria)
        except ZiError as exc:
            failed = True
            for problem in exc.problems:
                err(f"error: {problem}")
            records.append(
                {"file": path, "valid": False, "errors": [p.as_dict() for p in exc.problems]}
            )
            continue
        answered = len(loaded.answers)
        total = len(loaded.index.questions)
        records.append(
            {
                "file": path,
                "valid": True,
                "criteria": loaded.index.id,
                "answered": answered,
                "questions": total,
            }
        )
        if fmt is Format.table:
            typer.echo(f"ok: {path} ({loaded.index.id}, {answered}/{total} butir dijawab)")
    if fmt is Format.json:
        typer.echo(dumps({"results": records}))
    return EXIT_INVALID if failed else EXIT_OK


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
    emit(answer_template(index, name=name, period=period or default_period), output)
    if output is not None:
        err(f"wrote {output} ({len(index.questions)} butir, {index.id})")
    return EXIT_OK
