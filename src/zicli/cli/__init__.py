"""The ``zi`` command line: parse options, compose loading, engine and render.

One module per command group registers its commands on :data:`app`.

Nothing here scores or formats; each command builds its collaborators, runs
them and returns an exit code:

    0   ok
    1   a gate given on the command line failed (``--require``)
    2   invalid input or usage
    3   internal error (a bug in zi: please report it)
    130 interrupted (Ctrl-C)

Results go to stdout (or ``--output``), diagnostics to stderr.
"""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

import contextlib
import functools
import gc
import os
import sys
from collections.abc import Callable, Sequence
from enum import Enum, StrEnum
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from zicli import __version__
from zicli.errors import InputError, Problem, ZiError

EXIT_OK = 0
EXIT_GATE = 1
EXIT_INVALID = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

STDOUT_NAME = "standard output"
"""How messages name stdout when results cannot be written to it."""

app = typer.Typer(
    name="zi",
    help="Skor Zona Integritas (LKE WBK/WBBM) dari berkas jawaban YAML.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
criteria_app = typer.Typer(
    help="Paket kriteria (criteria packs): list and show.", no_args_is_help=True
)
app.add_typer(criteria_app, name="criteria")

F = TypeVar("F", bound=Callable[..., Any])


class Format(StrEnum):
    """Output formats of a single unit."""

    table = "table"
    json = "json"


class Blank(StrEnum):
    """How blank answers count."""

    zero = "zero"
    skip = "skip"


def err(line: str) -> None:
    typer.echo(line, err=True)


def _report(exc: ZiError, fmt: str | None = None, source: str = "") -> None:
    for problem in exc.problems:
        err(f"error: {problem}")
    if fmt is not None:
        from zicli.render import FORMATS, formatter

        if fmt not in FORMATS:
            return  # a batch format or an unknown one: the stderr lines say it all

        text = formatter(fmt).problems(source or (exc.problems[0].file or ""), exc.problems)
        if text is not None:
            # Best effort: the lines on stderr already say what is wrong, and stdout
            # may be what failed (a full disk, a closed pipe).
            with contextlib.suppress(OSError):
                typer.echo(text, nl=False)


def _format_of(value: object) -> str | None:
    """The output format a command was asked for (the first, if several)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, Enum):
        return str(value.value)
    return value if isinstance(value, str) else None


def guarded(fmt_param: str | None = None) -> Callable[[F], F]:
    """Run a command body with zi's error policy: expected errors exit 2 with
    located messages, Ctrl-C exits 130, anything else exits 3 with a report hint."""

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def inner(*args: Any, **kwargs: Any) -> Any:
            try:
                code = fn(*args, **kwargs)
            except ZiError as exc:
                _report(exc, _format_of(kwargs.get(fmt_param) if fmt_param else None))
                raise typer.Exit(exc.exit_code) from None
            except KeyboardInterrupt:
                err("interrupted")
                raise typer.Exit(EXIT_INTERRUPTED) from None
            except (typer.Exit, typer.Abort):
                raise
            except BrokenPipeError:
                raise typer.Exit(EXIT_OK) from None
            except Exception as exc:
                err(f"internal error: {type(exc).__name__}: {exc}")
                err(
                    "this is a bug in zi, not in your file; please report it with the "
                    f"command you ran and zi {__version__} (ZI_DEBUG=1 shows the traceback)"
                )
                if os.environ.get("ZI_DEBUG"):
                    raise
                raise typer.Exit(EXIT_INTERNAL) from None
            raise typer.Exit(code or EXIT_OK)

        return inner  # type: ignore[return-value]

    return wrap


def color_for(no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR") or sys.stdout is None:
        return False
    return sys.stdout.isatty()


def width_for(width: int | None) -> int:
    if width is not None:
        return width
    if sys.stdout is not None and sys.stdout.isatty():
        return max(60, min(os.get_terminal_size().columns, 160))
    return 80


def emit(text: str, output: str | None, inputs: Sequence[str] = ()) -> None:
    """Results to stdout, or atomically to ``output`` (never one of ``inputs``)."""
    if output is None:
        if sys.stdout is None:  # closed when zi started (zi ... >&-)
            raise InputError([Problem("cannot write: it is closed", file=STDOUT_NAME)])
        try:
            typer.echo(text, nl=False)
        except BrokenPipeError:
            raise
        except OSError as exc:  # e.g. stdout redirected to a full disk
            raise InputError(
                [Problem(f"cannot write: {exc.strerror or exc}", file=STDOUT_NAME)]
            ) from None
        return
    from zicli.loading.output import write_atomic

    write_atomic(output, text, inputs=inputs)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """zi: skor Zona Integritas dari berkas jawaban."""


CriteriaOpt = Annotated[
    str | None,
    typer.Option("--criteria", "-c", help="Pack id or file; overrides the file's 'criteria'."),
]
OutputOpt = Annotated[
    str | None, typer.Option("--output", "-o", help="Write to this file (atomically).")
]
WidthOpt = Annotated[int | None, typer.Option(help="Table width in columns.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="Plain text output.")]


def main() -> NoReturn:
    """Console-script entry point."""
    # zi uses no pydantic plugins; looking them up costs a tenth of start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Start-up creates some hundred thousand long-lived objects (modules, classes,
    # the pack); the default collector would traverse them dozens of times. Young
    # garbage is still collected, every 100,000 net allocations.
    gc.set_threshold(100_000, 50, 100)
    try:
        app(prog_name="zi")
        code = EXIT_OK
    except SystemExit as exc:
        code = _exit_code(exc.code)
    _leave(code)


def _exit_code(code: object) -> int:
    """What ``sys.exit(code)`` would exit with (a text is printed, and means 1)."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _leave(code: int) -> NoReturn:
    """Flush the results and exit at once. Everything is written by now; tearing the
    interpreter down (freeing every module and object one by one) would cost a
    one-file run a tenth more. A result that cannot be written is an error."""
    for stream, name in ((sys.stdout, STDOUT_NAME), (sys.stderr, None)):
        if stream is None:  # closed when zi started (zi ... 2>&-)
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            pass  # the reader stopped early (zi score ... | head): not an error
        except OSError as exc:
            if name is not None:
                with contextlib.suppress(OSError):
                    print(f"error: {name}: cannot write: {exc.strerror or exc}", file=sys.stderr)
                    sys.stderr.flush()
                code = max(code, EXIT_INVALID)
    os._exit(code)


# The command modules register themselves on ``app``; imported last, as they use it.
from . import commands, criteria, diff, plan, workbook  # noqa: E402, F401
