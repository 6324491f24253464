"""``zi score FILE --format csv``: one unit's scores table for a spreadsheet.

One row per node in tree order (the components and areas; with ``--detail`` every
sub-area and question, with its answer), then ``TOTAL``. Every row repeats the
unit, period, pack and predicate reached, so the rows of several units can be
stacked in one sheet. Columns: ``unit, period, criteria, predicate, id, kind,
name, answer, weight, score, percent``; numbers are 2-place decimals (half up),
``-`` where a share has no weight. Cells from files are neutralised against
spreadsheet formulas (:func:`zicli.render.common.csv_cell`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from zicli.engine.assess import Assessment
from zicli.errors import Problem
from zicli.i18n import _
from zicli.models.criteria import TOTAL
from zicli.render.common import TOTAL_LABEL_MSG, num, percent_text, score_rows
from zicli.render.escape import csv_cell
from zicli.render.options import RenderOptions

COLUMNS = (
    "unit",
    "period",
    "criteria",
    "predicate",
    "id",
    "kind",
    "name",
    "answer",
    "weight",
    "score",
    "percent",
)


class CsvFormatter:
    """``--format csv``."""

    def assessment(self, result: Assessment, options: RenderOptions) -> str:
        """The header row, a row per node shown, and the total."""
        card = result.card
        unit = [card.unit.name, card.unit.period, card.index.id, result.verdict.predicate or ""]
        sink = io.StringIO()
        writer = csv.writer(sink, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in score_rows(result, options.detail):
            node = row.node
            cells = [node.id, node.kind, node.label, row.answer, row.weight, row.score, row.percent]
            writer.writerow([csv_cell(c) for c in (*unit, *cells)])
        weight = card.index.weights[TOTAL]
        total = ["TOTAL", "total", _(TOTAL_LABEL_MSG), "", num(weight), num(card.total)]
        total.append(percent_text(card.total, weight))
        writer.writerow([csv_cell(c) for c in (*unit, *total)])
        return sink.getvalue()

    def problems(self, source: str, problems: Sequence[Problem]) -> str | None:
        """Left to the located lines on stderr."""
        return None


FORMATTER = CsvFormatter()
