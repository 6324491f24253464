"""``zi plan``: the fewest answer changes that reach the next predicate.

Exit codes: 0 when the target is reached by the plan (or already was), 1 when no plan
reaches it (a condition answers cannot change, a frozen question, ``--max-steps``), and
the usual 2 / 3 / 130 (see :mod:`zicli.cli`). Blank answers count 0, as in ``zi score``'s
default; the method and the tie-breaks are in :mod:`zicli.engine.plan`.
"""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

from typing import TYPE_CHECKING, Annotated

import typer

from zicli.errors import UsageError, did_you_mean
from zicli.i18n import _

from . import (
    EXIT_GATE,
    EXIT_OK,
    CriteriaOpt,
    CriteriaRootOpt,
    NoColorOpt,
    OutputOpt,
    WidthOpt,
    allow_criteria_roots,
    app,
    color_for,
    emit,
    format_option,
    guarded,
    width_for,
)
from .commands import resolve_predicate

if TYPE_CHECKING:  # the engine is imported when the command runs, not at start-up
    from zicli.engine.index import CriteriaIndex


def frozen_questions(index: "CriteriaIndex", values: list[str]) -> tuple[str, ...]:
    """Question ids from ``--freeze`` values (comma lists; a node id freezes every
    question below it); an unknown id is a usage error with a 'did you mean'."""
    out: list[str] = []
    known = list(index.nodes)
    for value in values:
        for part in value.split(","):
            qid = part.strip()
            if not qid:
                continue
            node = index.nodes.get(qid)
            if node is None:
                raise UsageError.of(
                    _("--freeze: unknown question id '{id}' in {pack}").format(
                        id=qid, pack=index.id
                    ),
                    hint=did_you_mean(qid, known)
                    or _("see 'zi criteria show {pack} --detail'").format(pack=index.id),
                )
            out += [n.id for n in node.walk() if n.kind == "butir"]
    return tuple(dict.fromkeys(out))


@app.command(
    help=_("Plan the fewest answer changes that reach a predicate, with every condition met.")
)
@guarded("fmt", "plan")
def plan(
    path: Annotated[str, typer.Argument(help=_("Answer file (.yaml), or - for stdin."))],
    target: Annotated[
        str | None,
        typer.Option(help=_("Predicate to reach (default: the next above the one reached).")),
    ] = None,
    freeze: Annotated[
        list[str] | None,
        typer.Option(
            help=_(
                "Questions that cannot change this round, e.g. B.I.a,B.II.a (repeatable; "
                "a node id freezes all its questions)."
            )
        ),
    ] = None,
    free_counts: Annotated[
        bool,
        typer.Option(
            "--free-counts",
            help=_(
                "Let the plan change count inputs (isian jumlah). By default they are "
                "facts the unit reports and stay as written."
            ),
        ),
    ] = False,
    free_surveys: Annotated[
        bool,
        typer.Option(
            "--free-surveys",
            help=_(
                "Let the plan change external survey indexes (IPAK, IPKP). By default "
                "they are facts measured by others and stay as written."
            ),
        ),
    ] = False,
    max_steps: Annotated[
        int | None,
        typer.Option("--max-steps", min=0, help=_("Accept no plan that changes more questions.")),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help=_("Plan from a what-if answer ID=VALUE (repeatable).")),
    ] = None,
    fmt: Annotated[str, format_option("plan")] = "table",
    criteria: CriteriaOpt = None,
    criteria_root: CriteriaRootOpt = None,
    output: OutputOpt = None,
    width: WidthOpt = None,
    no_color: NoColorOpt = False,
) -> int:
    from zicli.engine.plan import fact_questions
    from zicli.engine.plan import plan as make_plan
    from zicli.loading import load_unit
    from zicli.render.options import RenderOptions
    from zicli.render.registry import load

    formatter = load("plan", fmt)
    allow_criteria_roots(criteria_root)
    loaded = load_unit(path, criteria=criteria, overrides=set_ or ())
    index = loaded.index
    goal = resolve_predicate(target, [p.id for p in index.criteria.predicates], "--target")
    result = make_plan(
        loaded.bound,
        target=goal,
        freeze=frozen_questions(index, freeze or []),
        reported=fact_questions(index, counts=not free_counts, surveys=not free_surveys),
        max_steps=max_steps,
    )
    color = False if output else color_for(no_color)
    # the printed 'zi score' command loads the unit as this command did
    given = [("--set", v) for v in set_ or ()]
    given += [("-c", criteria)] if criteria is not None else []
    given += [("--criteria-root", r) for r in criteria_root or ()]
    options = RenderOptions(width=width_for(width), color=color, score_args=tuple(given))
    emit(formatter.plan(result, options), output, [path])
    return EXIT_OK if result.feasible else EXIT_GATE
