"""``zi trend --format csv``: one row per period, for a spreadsheet.

Columns: ``period``, ``unit``, ``file``, ``criteria``, ``predicate`` (empty for
Belum), then one column per shared figure (``total``, components, areas, hasil
parts) named by its label; values are 2-place decimals, empty where a period's
pack has no counterpart. Lines end in ``\\r\\n`` as RFC 4180 asks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from zicli.engine.diff import Trend
from zicli.errors import Problem
from zicli.render.common import csv_cell, num
from zicli.render.options import RenderOptions


class TrendCsvFormatter:
    """``--format csv`` of ``zi trend``."""

    def trend(self, trend: Trend, options: RenderOptions) -> str:
        """The periods as rows, the figures as columns."""
        sink = io.StringIO()
        writer = csv.writer(sink)
        writer.writerow(
            [
                "period",
                "unit",
                "file",
                "criteria",
                "predicate",
                *(csv_cell(r.label) for r in trend.rows),
            ]
        )
        for i, point in enumerate(trend.points):
            values = [r.values[i] for r in trend.rows]
            writer.writerow(
                [
                    point.card.unit.period,
                    csv_cell(point.card.unit.name),
                    csv_cell(point.source),
                    point.card.index.id,
                    point.verdict.predicate or "",
                    *("" if v is None else num(v) for v in values),
                ]
            )
        return sink.getvalue()

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to the located lines on stderr."""
        return None


TREND_FORMATTER = TrendCsvFormatter()
