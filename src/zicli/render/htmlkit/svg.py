"""Charts as inline SVG, made by zi: no library, no network, no script.

Each function returns SVG markup whose every text is escaped; sizes are in a
viewBox, so a chart scales with the page. Values are exact fractions and are drawn
at 0.1 of a unit (a picture needs no more); the numbers beside a chart are the
2-place display values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from . import escape

_HUNDRED = Fraction(100)


def _x(value: Fraction) -> str:
    """A coordinate with one decimal (drawing only; never a displayed number)."""
    return f"{float(value):.1f}"


def _clamp(value: Fraction, low: Fraction = Fraction(0), high: Fraction = _HUNDRED) -> Fraction:
    return max(low, min(high, value))


def condition_bar(actual: Fraction | None, required: Fraction, top: Fraction, met: bool) -> str:
    """A bar of ``actual`` on 0..``top`` with a tick at ``required``."""
    width = Fraction(200)
    scale = width / top if top else Fraction(0)
    fill = _clamp((actual or Fraction(0)) * scale, high=width)
    tick = _clamp(required * scale, high=width)
    state = "met" if met else "short"
    return (
        f'<svg class="cbar" viewBox="0 0 200 14" width="200" height="14" role="img" '
        f'aria-hidden="true"><rect class="track" x="0" y="3" width="200" height="8"/>'
        f'<rect class="{state}" x="0" y="3" width="{_x(fill)}" height="8"/>'
        f'<line class="tick" x1="{_x(tick)}" x2="{_x(tick)}" y1="0" y2="14"/></svg>'
    )


@dataclass(frozen=True)
class BarRow:
    """One row of a horizontal bar chart: parts stacked, each a percent of the row's
    whole (the parts of an area: pemenuhan and reform)."""

    label: str
    parts: tuple[tuple[str, Fraction], ...]
    total: Fraction


def bar_chart(rows: Sequence[BarRow], lines: Sequence[tuple[Fraction, str]], title: str) -> str:
    """Horizontal bars 0..100 % with vertical lines at ``lines`` (percent, label)."""
    label_w, bar_w, row_h = 230, 330, 26
    height = 30 + row_h * len(rows)
    out = [
        f'<svg class="chart" viewBox="0 0 {label_w + bar_w + 60} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, row in enumerate(rows):
        y = 22 + i * row_h
        out.append(
            f'<text class="lbl" x="{label_w - 6}" y="{y + 13}" text-anchor="end">'
            f"{escape(_short(row.label, 34))}</text>"
            f'<rect class="track" x="{label_w}" y="{y}" width="{bar_w}" height="18"/>'
        )
        start = Fraction(0)
        for j, (name, share) in enumerate(row.parts):
            w = _clamp(share) * bar_w / 100
            out.append(
                f'<rect class="p{j}" x="{_x(label_w + start)}" y="{y}" width="{_x(w)}" '
                f'height="18"><title>{escape(name)}</title></rect>'
            )
            start += w
        out.append(
            f'<text class="val" x="{label_w + bar_w + 6}" y="{y + 13}">'
            f"{escape(_pct(row.total))}</text>"
        )
    for i, (percent, name) in enumerate(lines):
        x = label_w + _clamp(percent) * bar_w / 100
        # Labels of neighbouring lines (60 % and 75 %) point away from each other.
        anchor, dx = ("end", -3) if i % 2 == 0 else ("start", 3)
        out.append(
            f'<line class="mark" x1="{_x(x)}" x2="{_x(x)}" y1="14" y2="{height - 4}"/>'
            f'<text class="marklbl" x="{_x(x + dx)}" y="11" text-anchor="{anchor}">'
            f"{escape(name)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def line_chart(labels: Sequence[str], values: Sequence[Fraction | None], title: str) -> str:
    """A line over periods (a unit's total), with its points labelled."""
    width, height, pad = 520, 160, 36
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low = min(known) - 2
    high = max(known) + 2
    span = high - low or Fraction(1)
    step = Fraction(width - 2 * pad, max(1, len(values) - 1))

    def point(i: int, v: Fraction) -> tuple[Fraction, Fraction]:
        return pad + i * step, height - 28 - (v - low) / span * (height - 56)

    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    pts = [point(i, v) for i, v in enumerate(values) if v is not None]
    out.append(
        '<polyline class="trend" points="' + " ".join(f"{_x(x)},{_x(y)}" for x, y in pts) + '"/>'
    )
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        x = pad + i * step
        out.append(
            f'<text class="lbl" x="{_x(x)}" y="{height - 8}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
        if v is not None:
            px, py = point(i, v)
            out.append(
                f'<circle class="dot" cx="{_x(px)}" cy="{_x(py)}" r="4"/>'
                f'<text class="val" x="{_x(px)}" y="{_x(py - 9)}" text-anchor="middle">'
                f"{escape(_num(v))}</text>"
            )
    out.append("</svg>")
    return "".join(out)


def sparkline(values: Sequence[Fraction | None], title: str) -> str:
    """A small line of a unit's totals over its periods (no labels)."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return ""
    width, height = 80, 20
    low, high = min(known), max(known)
    span = high - low or Fraction(1)
    step = Fraction(width - 4, len(values) - 1)
    pts = [
        f"{_x(2 + i * step)},{_x(height - 3 - (v - low) / span * (height - 6))}"
        for i, v in enumerate(values)
        if v is not None
    ]
    return (
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<polyline class="trend" points="{" ".join(pts)}"/></svg>'
    )


def histogram(counts: Sequence[tuple[str, int]], title: str) -> str:
    """Vertical bars of counts, one per labelled bin."""
    width, height = 560, 170
    top = max((c for _, c in counts), default=0) or 1
    bin_w = Fraction(width - 20, max(1, len(counts)))
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, (label, count) in enumerate(counts):
        h = Fraction(count, top) * (height - 50)
        x = 10 + i * bin_w
        out.append(
            f'<rect class="p0" x="{_x(x + 2)}" y="{_x(height - 30 - h)}" '
            f'width="{_x(bin_w - 4)}" height="{_x(h)}"><title>{escape(label)}: {count}'
            f"</title></rect>"
            f'<text class="lbl" x="{_x(x + bin_w / 2)}" y="{height - 14}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
        if count:
            out.append(
                f'<text class="val" x="{_x(x + bin_w / 2)}" y="{_x(height - 34 - h)}" '
                f'text-anchor="middle">{count}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(value: Fraction) -> str:
    from zicli.render.common import num

    return num(value)


def _pct(value: Fraction) -> str:
    return _num(value) + " %"
