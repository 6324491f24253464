"""A typer app whose one command does nothing: what typer itself costs a command
(bench/run.py's start-up reference). Usage: python bench/noop_typer.py score

``score-options FILE`` is the same, with the parameters of ``zi score`` (their
types and defaults, no help texts): typer 0.29 parses a command's parameters with
pydantic, so a command with options pays for pydantic's import and one validator
per parameter before it does anything. zi's start-up over this one is zi's own.

``score-read FILE`` reads the answer file with PyYAML's C loader and does nothing
else: the least any ``zi score FILE`` built on typer and PyYAML can cost.
``score-read-models FILE`` also makes zi's pydantic models (the pack's and the
answer file's classes, as ``import zicli.models.index`` does), which zi's design
keeps: the floor of a ``zi score FILE`` that scores nothing and prints nothing."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


@app.command()
def score() -> None:
    """Do nothing."""


class Blank(StrEnum):
    zero = "zero"
    skip = "skip"


@app.command("score-options")
def score_options(
    paths: Annotated[list[str], typer.Argument()],
    fmt: Annotated[list[str] | None, typer.Option("--format", "-f")] = None,
    output: Annotated[list[str] | None, typer.Option("--output", "-o")] = None,
    detail: Annotated[bool, typer.Option("--detail")] = False,
    blank: Annotated[Blank, typer.Option()] = Blank.zero,
    require: Annotated[str | None, typer.Option()] = None,
    fail_under: Annotated[str | None, typer.Option()] = None,
    max_incomplete: Annotated[str | None, typer.Option()] = None,
    set_: Annotated[list[str] | None, typer.Option("--set")] = None,
    require_evidence: Annotated[bool, typer.Option("--require-evidence")] = False,
    evidence_root: Annotated[str | None, typer.Option("--evidence-root")] = None,
    criteria: Annotated[str | None, typer.Option("--criteria", "-c")] = None,
    criteria_root: Annotated[list[str] | None, typer.Option("--criteria-root")] = None,
    glob: Annotated[str | None, typer.Option()] = None,
    jobs: Annotated[int | None, typer.Option()] = None,
    width: Annotated[int | None, typer.Option()] = None,
    no_color: Annotated[bool, typer.Option("--no-color")] = False,
) -> None:
    """Do nothing, with zi score's parameters."""


@app.command("score-read")
def score_read(path: Annotated[str, typer.Argument()]) -> None:
    """Read the answer file (PyYAML, C loader), nothing else."""
    _read(path)


@app.command("score-read-models")
def score_read_models(path: Annotated[str, typer.Argument()]) -> None:
    """Read the answer file and make zi's model classes, nothing else."""
    _read(path)
    import zicli.models.index  # noqa: F401  (the pack's and the answer file's models)


def _read(path: str) -> None:
    import yaml

    with open(path, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)


@app.command()
def other() -> None:
    """A second command, so typer builds a group as it does for zi."""


if __name__ == "__main__":
    app()
