"""The ``zi`` command line: parse options, compose loading, engine and render.

One module per command group registers its commands on :data:`app`.

Nothing here scores or formats; each command builds its collaborators, runs
them and returns an exit code:

    0   ok
    1   a gate given on the command line failed (``--require``)
    2   invalid input or usage
    3   internal error (a bug in zi: please report it)
    130 interrupted (Ctrl-C); 128 + N on signal N (143 SIGTERM, 129 SIGHUP)

Results go to stdout (or ``--output``), diagnostics to stderr.
"""

# No 'from __future__ import annotations' here: typer reads every command's
# annotations at every start; evaluating them from strings would add milliseconds.

import contextlib
import copy
import functools
import os
import sys
from collections.abc import Callable, Sequence
from enum import Enum, StrEnum
from typing import Annotated, Any, NoReturn, TypeVar

from zicli import i18n

# The language is chosen before any help text below is built (typer reads them at
# import); a --lang zi does not speak is reported by main() as a usage error.
_language_problem: i18n.UnknownLanguage | None = None
try:
    i18n.use(i18n.choose(sys.argv[1:], os.environ))
except i18n.UnknownLanguage as _exc:
    i18n.use(i18n.DEFAULT)
    _language_problem = _exc

import typer  # noqa: E402

from zicli import __version__, startup  # noqa: E402
from zicli.errors import InputError, Location, Problem, UsageError, ZiError  # noqa: E402
from zicli.i18n import N_, _  # noqa: E402

from . import lang  # noqa: E402

lang.install()  # typer's and click's own texts (usage, help panels) in zi's language

EXIT_OK = 0
EXIT_GATE = 1
EXIT_INVALID = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

STDOUT_NAME = N_("standard output")
"""How messages name stdout when results cannot be written to it (translate with ``_``)."""
UNWRITABLE = N_("error: {name}: cannot write: {reason}")
"""What zi says at exit when standard output could not be written."""

app = typer.Typer(
    name="zi",
    cls=lang.ZiGroup,
    help=_("Zona Integritas score (LKE WBK/WBBM) from YAML answer files."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
criteria_app = typer.Typer(
    cls=lang.ZiGroup, help=_("Criteria packs: list and show."), no_args_is_help=True
)
app.add_typer(criteria_app, name="criteria")

F = TypeVar("F", bound=Callable[..., Any])


class Blank(StrEnum):
    """How blank answers count."""

    zero = "zero"
    skip = "skip"


def err(line: str) -> None:
    """One diagnostic line on stderr, escaped for the terminal: a name or message
    from a file can neither drive the terminal nor start a line of its own (a
    workflow command in a CI log)."""
    from zicli.render.escape import no_commands, terminal

    # A stderr that cannot be written (2>/dev/full, a closed pipe) loses the line,
    # not the exit code: the command goes on to exit with what the error is.
    with contextlib.suppress(OSError):
        typer.echo(no_commands(terminal(line)), err=True)


def _report(exc: ZiError, fmt: str | None = None, view: str | None = None) -> None:
    for problem in exc.problems:
        err(_("error: {problem}").format(problem=problem))
    if fmt is not None and view is not None:
        from zicli.render.registry import problems_text

        source = exc.problems[0].file or "" if exc.problems else ""
        text = problems_text(view, fmt, source, exc.problems)
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


ViewOf = str | Callable[[dict[str, Any]], str]
"""A command's view (see :mod:`zicli.render.registry`), or how to tell it from the
command's arguments (``zi score`` shows one unit or a batch)."""


def guarded(fmt_param: str | None = None, view: ViewOf | None = None) -> Callable[[F], F]:
    """Run a command body with zi's error policy: expected errors exit 2 with
    located messages (and, in a JSON format, the view's ``{"schema", "errors"}``
    object on stdout), Ctrl-C exits 130, anything else exits 3 with a report hint."""

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def inner(*args: Any, **kwargs: Any) -> Any:
            files = sys.modules.get("zicli.loading.files")
            if files is not None:  # not imported yet: nothing recorded (start-up stays lean)
                files.forget()
            try:
                code = fn(*args, **kwargs)
            except ZiError as exc:
                fmt = _format_of(kwargs.get(fmt_param) if fmt_param else None)
                shown = view(kwargs) if callable(view) else view
                _report(exc, fmt, shown)
                raise typer.Exit(exc.exit_code) from None
            except KeyboardInterrupt as exc:
                signum = exc.signum if isinstance(exc, Terminated) else None
                err(
                    _("interrupted")
                    if signum is None
                    else _("terminated by signal {signum}").format(signum=signum)
                )
                raise typer.Exit(EXIT_INTERRUPTED if signum is None else 128 + signum) from None
            except (typer.Exit, typer.Abort):
                raise
            except BrokenPipeError:
                raise typer.Exit(EXIT_OK) from None
            except Exception as exc:
                err(_("internal error: {kind}: {exc}").format(kind=type(exc).__name__, exc=exc))
                err(
                    _(
                        "this is a bug in zi, not in your file; please report it with the "
                        "command you ran and zi {version} (ZI_DEBUG=1 shows the traceback)"
                    ).format(version=__version__)
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


MIN_WIDTH, MAX_WIDTH = 40, 1000
"""The ``--width`` zi lays a table out at: narrower cannot show a report's columns,
wider only costs time and memory (a table is drawn whole)."""


def width_for(width: int | None) -> int:
    """The output width: ``--width`` (checked), else ``COLUMNS`` (honoured when piped
    too, as ``COLUMNS=130 zi score units/ | less`` asks), else the terminal's, else 80."""
    if width is not None:
        if not MIN_WIDTH <= width <= MAX_WIDTH:
            raise UsageError(
                [
                    Problem(
                        _("{width} is outside {low}..{high} columns").format(
                            width=width, low=MIN_WIDTH, high=MAX_WIDTH
                        ),
                        hint=_("give a width from {low} to {high}, e.g. --width 100").format(
                            low=MIN_WIDTH, high=MAX_WIDTH
                        ),
                        where=Location.of_option("--width"),
                    )
                ]
            )
        return width
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(40, min(int(columns), 500))
    if sys.stdout is not None and sys.stdout.isatty():
        return max(60, min(os.get_terminal_size().columns, 160))
    return 80


def emit(text: str, output: str | None, inputs: Sequence[str] = ()) -> None:
    """Results to stdout, or atomically to ``output`` (never one of ``inputs``)."""
    if output is None:
        if sys.stdout is None:  # closed when zi started (zi ... >&-)
            raise InputError([Problem(_("cannot write: it is closed"), file=_(STDOUT_NAME))])
        try:
            typer.echo(text, nl=False)
        except BrokenPipeError:
            raise
        except OSError as exc:  # e.g. stdout redirected to a full disk
            raise InputError(
                [
                    Problem(
                        _("cannot write: {reason}").format(reason=exc.strerror or exc),
                        file=_(STDOUT_NAME),
                    )
                ]
            ) from None
        return
    from zicli.loading.output import write_atomic

    write_atomic(output, text, inputs=inputs)


class Stdout:
    """Standard output as one of several outputs: when its reader stops early (``zi
    score ... -o r.json -f csv | head -1``), the files asked for are still written.

    With ``others`` (files to write as well) a closed pipe ends only this output:
    the rest of its text is dropped, and the command carries on. Without, the
    :class:`BrokenPipeError` ends the command as for any output nobody reads."""

    def __init__(self, others: bool) -> None:
        self.others = others
        self.gone = False

    def write(self, text: str) -> None:
        if self.gone:
            return
        try:
            emit(text, None)
        except BrokenPipeError:
            if not self.others:
                raise
            self.gone = True


def _version(value: bool) -> None:
    if value:
        with contextlib.suppress(BrokenPipeError):  # zi --version | (gone): no error
            typer.echo(f"zi {__version__}")
        raise typer.Exit()


def _language(value: str | None) -> str | None:
    # main() has applied --lang already (wherever it stood); this serves the typer
    # app called in-process (tests), where texts built at import keep their language.
    if value is not None:
        try:
            i18n.use(i18n.choose(["--lang", value], {}))
        except i18n.UnknownLanguage as exc:
            raise UsageError([_language_error(exc)]) from None
    return value


def _language_error(exc: i18n.UnknownLanguage) -> Problem:
    return Problem(
        _("zi does not speak {language!r}").format(language=exc.asked),
        hint=_("give id (Bahasa Indonesia) or en (English)"),
        where=Location.of_option(exc.where),
    )


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version.")),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            callback=_language,
            is_eager=True,
            metavar="id|en",
            help=_(
                "Language of messages and tables: id (Bahasa Indonesia, the default) or en "
                "(English); also ZI_LANG, or an English LANG. May stand anywhere before '--'."
            ),
        ),
    ] = None,
) -> None:
    """The root options (``zi --help`` shows the app's help, not this)."""


CriteriaOpt = Annotated[
    str | None,
    typer.Option("--criteria", "-c", help=_("Pack id or file; overrides the file's 'criteria'.")),
]
CriteriaRootOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--criteria-root",
        help=_(
            "A folder packs named by answer files ('criteria:') may also come from "
            "(repeatable); by default only shipped ids and files in the answer file's "
            "repository (git top level, else its folder)."
        ),
    ),
]


def allow_criteria_roots(roots: list[str] | None) -> None:
    """Apply ``--criteria-root``: each must be an existing folder."""
    from zicli.loading import set_criteria_roots

    for root in roots or ():
        if not os.path.isdir(root):
            raise InputError(
                [Problem(_("--criteria-root: not a folder"), file=root, hint=_("give a folder"))]
            )
    set_criteria_roots(roots or ())


def refuse_existing(output: str, force: bool) -> None:
    """A usage error unless ``output`` may be written: a folder never, an existing
    file only with ``--force``."""
    # A folder is never replaced, --force or not: say so first, not "use --force".
    if os.path.isdir(output):
        raise UsageError(
            [Problem(_("is a folder; zi does not replace it"), file=output, hint=_("name a file"))]
        )
    if os.path.exists(output) and not force:
        raise UsageError(
            [
                Problem(
                    _("already exists; zi does not overwrite it"),
                    file=output,
                    hint=_("use --force"),
                )
            ]
        )


def to_stdout(value: str | None) -> str | None:
    """``-o -`` is standard output, as for most tools (not a file named ``-``)."""
    return None if value == "-" else value


OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        callback=to_stdout,
        help=_("Write to this file (atomically); - is standard output."),
    ),
]
WidthOpt = Annotated[int | None, typer.Option(help=_("Table width in columns."))]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help=_("Plain text output."))]


def format_option(*views: str) -> Any:
    """The ``--format``/``-f`` option of a command showing these views: its help
    lists the registry's formats (no renderer is imported to build it); a format
    the views lack is refused with exit 2 when the command runs (see
    :func:`zicli.render.registry.check`)."""
    from zicli.render.registry import help_text

    return typer.Option("--format", "-f", help=help_text(*views), metavar="FORMAT")


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C so that the same clean-up runs (workers
    ended, temporary files removed); zi then exits 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    import threading

    # The process pool's helper thread may fail as the workers die of the same signal
    # (a pipe closes under it); zi is ending for the signal and says so, once.
    threading.excepthook = _quiet_thread
    raise Terminated(signum)


def _interrupt(signum: int, frame: object) -> None:
    import threading

    # Ctrl-C, as Python's own handler raises it, with the process pool's helper thread
    # quieted as for the other signals (the workers get the same Ctrl-C)
    threading.excepthook = _quiet_thread
    raise KeyboardInterrupt


def _quiet_thread(args: Any) -> None:
    """A helper thread's failure while zi ends for a signal: not reported."""


def on_signals() -> None:
    """Make SIGTERM and SIGHUP unwind the command like Ctrl-C does (and Ctrl-C quiet
    the process pool's helper thread as they do)."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                signal.signal(getattr(signal, name), _terminate)
    with contextlib.suppress(ValueError, OSError):
        # only Python's own Ctrl-C handler is replaced: an ignored SIGINT stays ignored
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, _interrupt)


def safe_streams() -> None:
    """Never fail on a character the output's encoding lacks (a cp1252 console or
    redirect on Windows, ``PYTHONIOENCODING``, a file name that is not UTF-8): it is
    written as a ``\\u2500``-style escape instead of ending the command."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def main() -> NoReturn:
    """Console-script entry point."""
    startup.prepare()
    safe_streams()
    on_signals()
    if _language_problem is not None:
        err(_("error: {problem}").format(problem=_language_error(_language_problem)))
        startup.leave(EXIT_INVALID, _(STDOUT_NAME), EXIT_INVALID, _(UNWRITABLE))
    args = i18n.strip_lang(sys.argv[1:])
    try:
        _runner(args)(args=args, prog_name="zi")
        code = EXIT_OK
    except SystemExit as exc:
        code = _exit_code(exc.code)
    except OSError as exc:
        # What typer and rich write outside a command (help, --version, a usage
        # error) could not be written. Help and version go to stdout: said as for a
        # command's results. A usage error goes to stderr, which then cannot take
        # this line either: it is lost, the exit code is not. Either way, exit 2.
        code = EXIT_INVALID
        with contextlib.suppress(OSError):
            reason = exc.strerror or exc
            print(_(UNWRITABLE).format(name=_(STDOUT_NAME), reason=reason), file=sys.stderr)
    startup.leave(code, _(STDOUT_NAME), EXIT_INVALID, _(UNWRITABLE))


def _runner(args: Sequence[str]) -> typer.Typer:
    """The app that runs ``args``: when they name one of zi's commands, an app with
    only that command, as typer builds (and reads the signature of) every command it
    holds before it parses anything, a tenth of a one-file ``zi score``. Anything
    else (``zi --help``, a mistyped command, ``zi criteria ...``) gets the whole app."""
    if args:
        for info in app.registered_commands:
            if info.callback is not None and args[0] == (
                info.name or typer.main.get_command_name(info.callback.__name__)
            ):
                lean = copy.copy(app)
                lean.registered_commands = [info]
                lean.registered_groups = []
                return lean
    return app


def _exit_code(code: object) -> int:
    """What ``sys.exit(code)`` would exit with (a text is printed, and means 1)."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


# The command modules register themselves on ``app``; imported last, as they use it.
from . import commands, criteria, diff, evidence, plan, report, review, workbook  # noqa: E402, F401

lang.adopt(app, [criteria_app])
