"""``zi review``: a unit's own answers and its evaluators' layers side by side.

``zi review unit.yaml tpi.yaml tpn.yaml`` reads the last file's chain (each
review names the file below it) and shows every layer: node scores, verdicts,
what each layer changed with its notes, and the follow-up of the notes per PIC.
"""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

from enum import StrEnum
from typing import Annotated

import typer

from zicli.errors import UsageError

from . import (
    EXIT_OK,
    Blank,
    CriteriaOpt,
    NoColorOpt,
    OutputOpt,
    WidthOpt,
    app,
    color_for,
    emit,
    guarded,
    width_for,
)


class ReviewFormat(StrEnum):
    """Output formats of ``zi review``."""

    table = "table"
    json = "json"


@app.command()
@guarded("fmt")
def review(
    paths: Annotated[
        list[str],
        typer.Argument(help="The unit's answer file and its reviews, bottom first (tpi, tpn)."),
    ],
    fmt: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReviewFormat.table,
    output: OutputOpt = None,
    today: Annotated[
        str | None,
        typer.Option(help="The date follow-ups are due against (YYYY-MM-DD; default today)."),
    ] = None,
    blank: Annotated[
        Blank, typer.Option(help="Blank answers: zero (count 0) or skip (workbook averaging).")
    ] = Blank.zero,
    criteria: CriteriaOpt = None,
    width: WidthOpt = None,
    no_color: NoColorOpt = False,
) -> int:
    """Self-assessment vs TPI vs TPN: scores, verdicts, differences, follow-up."""
    from datetime import date

    from zicli.engine.review import compare
    from zicli.loading.review import check_chain_members, load_chain, parse_date
    from zicli.render.options import RenderOptions

    day = date.today()
    if today is not None:
        parsed = parse_date(today)
        if parsed is None:
            raise UsageError.of(f"--today: expected a date YYYY-MM-DD, got '{today}'")
        day = parsed
    chain = load_chain(paths[-1], criteria=criteria)
    check_chain_members(chain, paths[:-1])
    results = tuple(chain.at(i).assess(blank.value) for i in range(len(chain.layers)))
    report = compare(chain.layers, results, day)
    options = RenderOptions(width=width_for(width), color=False if output else color_for(no_color))
    if fmt is ReviewFormat.json:
        from zicli.render.review.json import render
    else:
        from zicli.render.review.table import render
    emit(render(report, options), output, inputs=paths)
    return EXIT_OK
