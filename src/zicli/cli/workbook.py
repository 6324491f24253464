"""``zi import``, ``zi audit`` and ``zi export``: the official LKE workbook in and out."""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

import os
from typing import Annotated

import typer

from zicli.errors import UsageError
from zicli.i18n import _

from . import (
    EXIT_OK,
    CriteriaOpt,
    OutputOpt,
    app,
    emit,
    err,
    format_option,
    guarded,
    refuse_existing,
    to_stdout,
)

NameOpt = Annotated[
    str | None,
    typer.Option("--name", help=_("Unit name (else the workbook's, else the file name).")),
]
PeriodOpt = Annotated[
    str | None,
    typer.Option(
        "--period", help=_("Period, e.g. 2026-Q1 (else the workbook's or the file name's).")
    ),
]
InstansiOpt = Annotated[str | None, typer.Option("--instansi", help=_("Instansi of the unit."))]


@app.command(
    "import",
    help=_("Read a filled LKE workbook into an answer file (answers, notes, data dukung)."),
)
@guarded()
def import_(
    workbook: Annotated[str, typer.Argument(help=_("The filled LKE workbook (.xlsx)."))],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            callback=to_stdout,
            help=_("Answer file to write (atomically); - is standard output."),
        ),
    ] = None,
    name: NameOpt = None,
    period: PeriodOpt = None,
    instansi: InstansiOpt = None,
    criteria: CriteriaOpt = None,
    force: Annotated[bool, typer.Option("--force", help=_("Overwrite an existing file."))] = False,
) -> int:
    from zicli.loading.readers.xlsx import load_workbook_unit
    from zicli.render.answerfile import answer_file

    if output is not None:
        if output.lower().endswith((".xlsx", ".xlsm")):
            # the answer file is YAML: under a workbook's name it would be taken for one
            raise UsageError.of(
                _("--output: expected a YAML answer file name, got '{file}'").format(file=output),
                hint=_("e.g. -o unit.yaml"),
            )
        refuse_existing(output, force)
    loaded, read = load_workbook_unit(
        workbook, criteria=criteria, name=name, period=period, instansi=instansi
    )
    header = (
        _("Imported by zi from {file} (sheet '{sheet}').").format(
            file=os.path.basename(workbook), sheet=read.sheet
        ),
        _("{answered} of {count} butir answered; blank butir are written null.").format(
            answered=len(loaded.answers), count=len(loaded.index.questions)
        ),
    )
    emit(answer_file(loaded.index, read.raw, header=header), output, inputs=[workbook])
    for note in read.notes:
        err(_("note: {note}").format(note=note))
    if output is not None:
        err(
            _("wrote {file} ({answered}/{count} butir answered, {pack})").format(
                file=output,
                answered=len(loaded.answers),
                count=len(loaded.index.questions),
                pack=loaded.index.id,
            )
        )
    return EXIT_OK


@app.command(
    "export",
    help=_("Write the official LKE workbook, filled: live formulas, dropdowns, summaries."),
)
@guarded()
def export(
    answers: Annotated[str, typer.Argument(help=_("Answer file (.yaml) or workbook to export."))],
    output: Annotated[
        str, typer.Option("--output", "-o", help=_("Workbook to write (.xlsx, atomically)."))
    ],
    criteria: CriteriaOpt = None,
    force: Annotated[bool, typer.Option("--force", help=_("Overwrite an existing file."))] = False,
) -> int:
    from zicli.loading import load_unit
    from zicli.loading.output import write_atomic_bytes
    from zicli.render.workbook import export_workbook

    if not output.lower().endswith(".xlsx"):
        raise UsageError.of(
            _("--output: expected a .xlsx file name, got '{file}'").format(file=output),
            hint=_("e.g. -o LKE-2026.xlsx"),
        )
    refuse_existing(output, force)
    loaded = load_unit(answers, criteria=criteria)
    unit = loaded.data.unit
    result = loaded.assess()
    data = export_workbook(
        loaded.index,
        loaded.answers,
        {
            "name": unit.name,
            "instansi": unit.instansi,
            "period": unit.period,
            "predicate_held": unit.predicate_held,
            **(unit.model_extra or {}),
        },
        result,
    )
    write_atomic_bytes(output, data, inputs=[answers])
    from zicli.render.numbers import rounded_text

    err(
        _("wrote {file} ({pack}, {answered}/{count} butir answered, score {total})").format(
            file=output,
            pack=loaded.index.id,
            answered=len(loaded.answers),
            count=len(loaded.index.questions),
            total=rounded_text(result.card.total),
        )
    )
    return EXIT_OK


@app.command(
    "audit", help=_("Where the workbook's own numbers differ from the regulation's, and why.")
)
@guarded("fmt", "audit")
def audit(
    workbook: Annotated[str, typer.Argument(help=_("The filled LKE workbook (.xlsx)."))],
    fmt: Annotated[str, format_option("audit")] = "table",
    output: OutputOpt = None,
    criteria: CriteriaOpt = None,
) -> int:
    from zicli.engine.audit import audit_unit
    from zicli.loading import read_bytes
    from zicli.loading.readers.xlsx import load_workbook_unit
    from zicli.loading.readers.xlsx_audit import audit_facts
    from zicli.render.registry import load

    formatter = load("audit", fmt)
    data = read_bytes(workbook)
    loaded, read = load_workbook_unit(
        workbook, data=data, criteria=criteria, period="2000", name="audit", lenient=True
    )
    facts = audit_facts(data, read, loaded.index, read.raw["answers"])
    result = audit_unit(loaded.bound, facts)
    emit(formatter.audit(workbook, result, read.problems), output, inputs=[workbook])
    return EXIT_OK
