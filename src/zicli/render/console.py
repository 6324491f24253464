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

from zicli.i18n import _
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
    asked = console.width
    wider = 0
    for renderable in renderables:
        item = _escaped(renderable)
        # a table narrower than its numbers and a readable name is drawn as wide as it
        # needs (and the report says so): rich would cut numbers ('60…') and fold
        # names one character a line
        need = _needed_width(item, console)
        console.width = max(asked, need)
        console.print(item)
        console.width = asked
        wider = max(wider, need if need > asked else 0)
    if wider:
        note = _(
            "This report needs {need} columns, more than the {width} given: it is shown "
            "wider, so that no number is cut."
        )
        console.print(Text(note.format(need=wider, width=asked)))
    return no_commands(sink.getvalue())


NAME_MIN_WIDTH = 10
"""The narrowest a name column is drawn (besides a tree's indent): narrower, a name is
folded a few characters a line and cannot be read."""


def _needed_width(item: RenderableType, console: Console) -> int:
    """The width ``item`` needs for every number whole and every name column at least
    :data:`NAME_MIN_WIDTH` wide (0 for a renderable that fits any width)."""
    if isinstance(item, Table):
        options = console.options.update_width(10_000)
        need = item._extra_width
        for column in item.columns:
            widest = item._measure_column(console, options, column).maximum
            if column.flexible or not column.no_wrap:
                pad = item._get_padding_width(column._index)
                # a tree's rows are indented: the name is what is left of the cell
                indent = max((c.left for c in column._cells if isinstance(c, Padding)), default=0)
                widest = min(widest, NAME_MIN_WIDTH + indent + pad)
            need += widest
        return need
    if isinstance(item, Group):
        return max((_needed_width(r, console) for r in item.renderables), default=0)
    if isinstance(item, Panel):
        inner = _needed_width(item.renderable, console)
        return inner + 4 if inner else 0
    if isinstance(item, Padding):
        inner = _needed_width(item.renderable, console)
        return inner + item.left + item.right if inner else 0
    return 0


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
