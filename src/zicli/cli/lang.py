"""typer's and click's own texts (usage line, help panels, usage errors) in zi's language.

typer 0.29 vendors click as ``typer._click``; their texts reach zi in three ways, each
translated here with zi's catalog (the English msgids are typer's and click's own, so
``--lang en`` shows them unchanged):

* texts typer marks for gettext (``from gettext import gettext as _`` in ``typer.core``
  and ``typer.rich_utils``): ``typer.core`` looks its ``_`` up when it uses it, so it is
  pointed at :func:`zicli.i18n._`; ``typer.rich_utils`` turns them into module constants
  when it is imported (lazily, only to show help or an error), so those are set again
  just before help or an error is shown (:func:`rich_texts`). Binding a gettext domain
  instead would take the language from the environment, which ``--lang`` does not set.
* click's hard-coded texts of help: the usage prefix (:class:`ZiFormatter`) and the help
  option's help (:meth:`_Texts.get_help_option`), through zi's command classes.
* click's usage errors: :data:`ERRORS` maps each message (a regular expression) to a
  msgid with named fields, applied before typer prints the error
  (:meth:`ZiGroup.make_context`, :meth:`ZiGroup.invoke`); a message not in the table is
  shown as click wrote it.

The patched internals are typer's of the minor version pinned in pyproject.toml; the
tests (tests/test_i18n_cli.py) show each piece in both languages.
"""

# No 'from __future__ import annotations' here: like the rest of the CLI, evaluated once.

import re
from collections.abc import Sequence
from typing import Any

import typer
import typer.core
from typer import _click

from zicli.i18n import N_, _, current

RICH_TEXTS = {
    "DEPRECATED_STRING": N_("(deprecated) "),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}
"""``typer.rich_utils`` constants and their English (typer's msgids)."""

CORE_TEXTS = (
    N_("(dynamic)"),
    N_("Aborted!"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("Missing command."),
    N_("No such command {name!r}."),
)
"""What ``typer.core`` passes to its ``_`` (listed so that they are in zi's catalog)."""

USAGE = N_("Usage: ")
HELP_OPTION = N_("Show this message and exit.")

ERRORS: tuple[tuple[str, str], ...] = (
    (r"Missing argument (?P<name>.+)\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>.+)\.", N_("Missing option {name}.")),
    (r"Missing parameter: (?P<name>.+)", N_("Missing parameter: {name}")),
    (
        r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)",
        N_("No such option: {name} (Possible options: {options})"),
    ),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (
        r"(?P<message>.+)\. Did you mean (?P<choices>.+)\?",
        N_("{message}. Did you mean {choices}?"),
    ),
    (
        r"Option (?P<name>'.+') requires an argument\.",
        N_("Option {name} requires an argument."),
    ),
    (
        r"Option (?P<name>'.+') requires (?P<count>\d+) arguments\.",
        N_("Option {name} requires {count} arguments."),
    ),
    (
        r"Option (?P<name>'.+') does not take a value\.",
        N_("Option {name} does not take a value."),
    ),
    (
        r"Argument (?P<name>'.+') takes (?P<count>\d+) values\.",
        N_("Argument {name} takes {count} values."),
    ),
    (
        r"Got unexpected extra argument\(s\) \((?P<args>.*)\)",
        N_("Got unexpected extra argument(s) ({args})"),
    ),
    (
        r"Got unexpected extra arguments? \((?P<args>.*)\)",
        N_("Got unexpected extra argument(s) ({args})"),
    ),
    (
        r"Invalid value for (?P<name>.+?): (?P<reason>.+)",
        N_("Invalid value for {name}: {reason}"),
    ),
    (r"Invalid value: (?P<reason>.+)", N_("Invalid value: {reason}")),
    # the reasons (typer checks values with pydantic)
    (r"Input should be a valid integer\b.*", N_("expected a whole number")),
    (r"Input should be a valid number\b.*", N_("expected a number")),
    (r"Input should be a valid boolean\b.*", N_("expected true or false")),
    (
        r"Input should be greater than or equal to (?P<limit>\S+)",
        N_("expected {limit} or more"),
    ),
    (r"Input should be greater than (?P<limit>\S+)", N_("expected more than {limit}")),
    (r"Input should be less than or equal to (?P<limit>\S+)", N_("expected {limit} or less")),
    (r"Input should be less than (?P<limit>\S+)", N_("expected less than {limit}")),
    (
        r"(?:Value error, )?(?P<value>.+) is not one of (?P<choices>.+?)\.?",
        N_("{value} is not one of {choices}."),
    ),
    (r"(?P<value>'.*') is not a valid integer\.?", N_("{value} is not a valid integer.")),
    (r"(?P<value>'.*') is not a valid float\.?", N_("{value} is not a valid number.")),
    (
        r"Value (?P<value>.+) is not a valid (?P<kind>\w+)\.",
        N_("Value {value} is not a valid {kind}."),
    ),
)
"""click's and typer's usage errors: the message as click writes it -> zi's msgid. The
fields ``message`` and ``reason`` are translated in turn (an error wraps a reason)."""

_NESTED = ("message", "reason")


def translate(message: str) -> str:
    """A usage error's message in the language in use (unchanged if not in :data:`ERRORS`)."""
    if current() == "en":
        return message  # click's own words, as they were
    for pattern, msgid in ERRORS:  # compiled (and cached by re) on an error's path only
        found = re.fullmatch(pattern, message, re.S)
        if found is not None:
            fields = found.groupdict()
            for name in _NESTED:
                if name in fields:
                    fields[name] = translate(fields[name])
            return _(msgid).format(**fields)
    return message


def install() -> None:
    """Point typer's gettext-marked texts at zi's catalog (no rich import)."""
    typer.core._ = _  # type: ignore[attr-defined]


def rich_texts() -> None:
    """Set ``typer.rich_utils``' texts in the language in use (imports rich: call only
    when help or an error is about to be shown)."""
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover (rich is a dependency of zi)
        return
    for name, english in RICH_TEXTS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, _(english))


class ZiFormatter(_click.HelpFormatter):
    """click's help formatter with the usage prefix in zi's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _(USAGE) if prefix is None else prefix)


class ZiContext(_click.Context):
    formatter_class = ZiFormatter


class _Texts(_click.Command):
    """What zi's command and group classes share: the usage prefix, the help option's
    help, and typer's help texts in zi's language."""

    context_class = ZiContext

    def get_help_option(self, ctx: _click.Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _(HELP_OPTION)
        return option

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        rich_texts()
        try:
            super().format_help(ctx, formatter)
        except SystemExit as exc:
            # rich ends the process with 1 when the help's reader has gone (zi --help |
            # head); for zi, a reader that stops early is no error.
            if exc.code != 1:
                raise  # pragma: no cover - rich raises only this one
            raise typer.Exit(0) from None


class ZiCommand(_Texts, typer.core.TyperCommand):
    """A zi command (``zi score``, ...)."""


class ZiGroup(_Texts, typer.core.TyperGroup):
    """``zi`` and ``zi criteria``: their commands' usage errors are translated here, the
    outermost group that parses and invokes them, before typer prints them."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: _click.Context | None = None,
        **extra: Any,
    ) -> _click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _click.exceptions.ClickException as exc:
            raise _translated(exc) from None

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _click.exceptions.ClickException as exc:
            raise _translated(exc) from None


def _translated(exc: _click.exceptions.ClickException) -> _click.exceptions.ClickException:
    """``exc`` with its message in the language in use, shown as typer shows ``exc``."""
    if isinstance(exc, _click.exceptions.NoArgsIsHelpError) or getattr(exc, "zi", False):
        return exc  # help, not an error; or translated already (by an inner group)
    rich_texts()
    text = translate(exc.format_message())
    out: _click.exceptions.ClickException
    if isinstance(exc, _click.exceptions.UsageError):
        out = _click.exceptions.UsageError(text, exc.ctx)
    else:
        out = _click.exceptions.ClickException(text)
    out.exit_code = exc.exit_code
    out.zi = True  # type: ignore[attr-defined]
    return out


def adopt(app: typer.Typer, groups: Sequence[typer.Typer] = ()) -> None:
    """Make every command registered on ``app`` (and on ``groups``) a :class:`ZiCommand`."""
    for each in (app, *groups):
        for info in each.registered_commands:
            if info.cls in (None, typer.core.TyperCommand):  # typer's default
                info.cls = ZiCommand
