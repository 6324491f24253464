"""The one place a rich Console is configured for output text."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table

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
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    for item in renderables:
        console.print(item)
    return sink.getvalue()


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
