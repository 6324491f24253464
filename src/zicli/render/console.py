"""The one place a rich Console is configured for output text, and the terminal's
last net: whatever a report holds, no control character from a file reaches the
terminal and no line of it is a GitHub workflow command (:mod:`zicli.render.escape`;
names from files are escaped with :func:`~zicli.render.escape.terminal` where a
report lays them out, so they cannot start a line either)."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from zicli.render.escape import no_commands, terminal_keep_lines
from zicli.render.options import RenderOptions


def to_text(renderables: list[RenderableType], options: RenderOptions) -> str:
    """Render to a string at the options' width, with colour only when asked."""
    sink = io.StringIO()
    color = bool(options.color)
    console = Console(
        file=sink,
        width=options.width or 80,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        # Text from files is shown as it is: a str given to rich (a cell, a table's
        # title) is never read as console markup ('[/]' would raise, '[red]x' colour).
        markup=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    for item in renderables:
        console.print(_escaped(item))
    return no_commands(sink.getvalue())


def _escaped(item: RenderableType) -> RenderableType:
    """The renderable with every text in it escaped for the terminal (line breaks
    kept: the ones zi writes lay a report out). Texts are changed in place, one
    character for one, so their styles stay where they were."""
    if isinstance(item, str):
        return terminal_keep_lines(item)
    if isinstance(item, Text):
        plain = item.plain
        safe = terminal_keep_lines(plain)
        if safe is not plain:
            item.plain = safe
        return item
    if isinstance(item, Table):
        if item.title is not None:
            item.title = _escaped(item.title)  # type: ignore[assignment]
        for column in item.columns:
            column.header = _escaped(column.header)
            column._cells[:] = [_escaped(cell) for cell in column._cells]
        return item
    if isinstance(item, Group):
        item.renderables[:] = [_escaped(r) for r in item.renderables]
        return item
    if isinstance(item, Panel | Padding):
        item.renderable = _escaped(item.renderable)
        return item
    return item


def report_table(title: str | None = None, *, expand: bool = True) -> Table:
    """The table style of every zi report: a rule under the header, no outer edges."""
    return Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        expand=expand,
    )


def tree_label(text: Text, depth: int, *, wrap: bool) -> RenderableType:
    """A tree row's label indented ``depth`` levels. Wrapped, continuation lines keep the
    indent (a question text under --detail is read whole, never cut)."""
    if not wrap:
        return Text("  " * depth) + text
    return Padding(text, (0, 0, 0, 2 * depth))
