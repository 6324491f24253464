"""``zi review``: a unit's own answers and its evaluators' layers side by side.

``zi review unit.yaml tpi.yaml tpn.yaml`` reads the last file's chain (each
review names the file below it) and shows every layer: node scores, verdicts,
what each layer changed with its notes, and the follow-up of the notes per PIC.
"""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

from typing import Annotated

import typer

from zicli.errors import UsageError
from zicli.i18n import _

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
    format_option,
    guarded,
    width_for,
)


@app.command(help=_("Self-assessment vs TPI vs TPN: scores, verdicts, differences, follow-up."))
@guarded("fmt", "review")
def review(
    paths: Annotated[
        list[str],
        typer.Argument(help=_("The unit's answer file and its reviews, bottom first (tpi, tpn).")),
    ],
    fmt: Annotated[str, format_option("review")] = "table",
    output: OutputOpt = None,
    today: Annotated[
        str | None,
        typer.Option(help=_("The date follow-ups are due against (YYYY-MM-DD; default today).")),
    ] = None,
    blank: Annotated[
        Blank, typer.Option(help=_("Blank answers: zero (count 0) or skip (workbook averaging)."))
    ] = Blank.zero,
    criteria: CriteriaOpt = None,
    width: WidthOpt = None,
    no_color: NoColorOpt = False,
) -> int:
    from datetime import date

    from zicli.engine.review import compare
    from zicli.loading.review import check_chain_members, load_chain, parse_date
    from zicli.render.options import RenderOptions
    from zicli.render.registry import load

    formatter = load("review", fmt)
    day = date.today()
    if today is not None:
        parsed = parse_date(today)
        if parsed is None:
            raise UsageError.of(
                _("--today: expected a date YYYY-MM-DD, got '{value}'").format(value=today)
            )
        day = parsed
    chain = load_chain(paths[-1], criteria=criteria)
    check_chain_members(chain, paths[:-1])
    results = tuple(chain.at(i).assess(blank.value) for i in range(len(chain.layers)))
    report = compare(chain.layers, results, day)
    options = RenderOptions(width=width_for(width), color=False if output else color_for(no_color))
    emit(formatter.review(report, options), output, inputs=paths)
    return EXIT_OK
