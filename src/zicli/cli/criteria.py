"""``zi criteria list`` and ``zi criteria show``."""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

from typing import Annotated

import typer

from zicli.i18n import _

from . import EXIT_OK, WidthOpt, color_for, criteria_app, emit, format_option, guarded, width_for


@criteria_app.command("list", help=_("List the shipped criteria packs and their status."))
@guarded("fmt", "packs")
def criteria_list(
    fmt: Annotated[str, format_option("packs")] = "table",
    width: WidthOpt = None,
) -> int:
    from zicli.loading import load_criteria_file, shipped_packs
    from zicli.render.options import RenderOptions
    from zicli.render.registry import load

    formatter = load("packs", fmt)
    packs = [load_criteria_file(str(p)) for p in shipped_packs().values()]
    options = RenderOptions(width=width_for(width), color=color_for(False))
    emit(formatter.packs(packs, options), None)
    return EXIT_OK


@criteria_app.command(
    "show", help=_("Show a pack: its tree and weights, verdict rules and sources.")
)
@guarded("fmt", "pack")
def criteria_show(
    pack: Annotated[str, typer.Argument(help=_("Pack id or file."))],
    fmt: Annotated[str, format_option("pack")] = "table",
    detail: Annotated[bool, typer.Option("--detail", help=_("List every question."))] = False,
    width: WidthOpt = None,
) -> int:
    from zicli.errors import COMMAND_LINE
    from zicli.loading import load_criteria
    from zicli.render.options import RenderOptions
    from zicli.render.registry import load

    formatter = load("pack", fmt)
    index = load_criteria(pack, given_as=COMMAND_LINE)
    options = RenderOptions(detail=detail, width=width_for(width), color=color_for(False))
    emit(formatter.pack(index, options), None)
    return EXIT_OK
