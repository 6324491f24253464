"""``zi import``, ``zi audit`` and ``zi export``: the official LKE workbook in and out."""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

import os
from typing import Annotated

import typer

from zicli.errors import Problem, UsageError

from . import EXIT_OK, CriteriaOpt, app, emit, err, format_option, guarded

NameOpt = Annotated[
    str | None, typer.Option("--name", help="Unit name (else the workbook's, else the file name).")
]
PeriodOpt = Annotated[
    str | None,
    typer.Option("--period", help="Period, e.g. 2026-Q1 (else the workbook's or the file name's)."),
]
InstansiOpt = Annotated[str | None, typer.Option("--instansi", help="Instansi of the unit.")]


def _refuse_existing(output: str, force: bool) -> None:
    if os.path.exists(output) and not force:
        raise UsageError(
            [Problem("already exists; zi does not overwrite it", file=output, hint="use --force")]
        )


@app.command("import")
@guarded()
def import_(
    workbook: Annotated[str, typer.Argument(help="The filled LKE workbook (.xlsx).")],
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Answer file to write (atomically).")
    ] = None,
    name: NameOpt = None,
    period: PeriodOpt = None,
    instansi: InstansiOpt = None,
    criteria: CriteriaOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> int:
    """Read a filled LKE workbook into an answer file (answers, notes, data dukung)."""
    from zicli.loading.readers.xlsx import load_workbook_unit
    from zicli.render.answerfile import answer_file

    if output is not None:
        _refuse_existing(output, force)
    loaded, read = load_workbook_unit(
        workbook, criteria=criteria, name=name, period=period, instansi=instansi
    )
    header = (
        f"Diimpor oleh zi dari {os.path.basename(workbook)} (lembar '{read.sheet}').",
        f"{len(loaded.answers)} dari {len(loaded.index.questions)} butir dijawab; "
        "butir kosong tertulis null.",
    )
    emit(answer_file(loaded.index, read.raw, header=header), output, inputs=[workbook])
    for note in read.notes:
        err(f"note: {note}")
    if output is not None:
        err(
            f"wrote {output} ({len(loaded.answers)}/{len(loaded.index.questions)} butir "
            f"dijawab, {loaded.index.id})"
        )
    return EXIT_OK


@app.command("export")
@guarded()
def export(
    answers: Annotated[str, typer.Argument(help="Answer file (.yaml) or workbook to export.")],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Workbook to write (.xlsx, atomically).")
    ],
    criteria: CriteriaOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> int:
    """Write the official LKE workbook, filled: live formulas, dropdowns, summaries."""
    from zicli.loading import load_unit
    from zicli.loading.output import write_atomic_bytes
    from zicli.render.workbook import export_workbook

    if not output.lower().endswith(".xlsx"):
        raise UsageError.of(
            f"--output: expected a .xlsx file name, got '{output}'", hint="e.g. -o LKE-2026.xlsx"
        )
    _refuse_existing(output, force)
    loaded = load_unit(answers, criteria=criteria)
    unit = loaded.data.unit
    result = loaded.assess()
    data = export_workbook(
        loaded.index,
        loaded.answers,
        {"name": unit.name, "instansi": unit.instansi, "period": unit.period},
        result,
    )
    write_atomic_bytes(output, data, inputs=[answers])
    from zicli.render.numbers import rounded_text

    err(
        f"wrote {output} ({loaded.index.id}, {len(loaded.answers)}/"
        f"{len(loaded.index.questions)} butir dijawab, nilai {rounded_text(result.card.total)})"
    )
    return EXIT_OK


@app.command("audit")
@guarded("fmt", "audit")
def audit(
    workbook: Annotated[str, typer.Argument(help="The filled LKE workbook (.xlsx).")],
    fmt: Annotated[str, format_option("audit")] = "table",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file (atomically).")
    ] = None,
    criteria: CriteriaOpt = None,
) -> int:
    """Where the workbook's own numbers differ from the regulation's, and why."""
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
