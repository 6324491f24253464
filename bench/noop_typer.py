"""A typer app whose one command does nothing: what typer itself costs a command
(bench/run.py's start-up reference). Usage: python bench/noop_typer.py score"""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False)


@app.command()
def score() -> None:
    """Do nothing."""


@app.command()
def other() -> None:
    """A second command, so typer builds a group as it does for zi."""


if __name__ == "__main__":
    app()
