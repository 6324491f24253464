"""What ``zi audit`` needs from a workbook: every score cell's cached value and
formula, which node it holds, and the slips that explain a difference (answer
types, typed totals, weights, answers outside the validation lists).

The workbook is opened twice, for its formulas and for the values it saved;
formulas are only read as text, never evaluated.
"""

from __future__ import annotations

import difflib
import re
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from zicli.engine.audit import CellFact, Role
from zicli.models.criteria import TOTAL

from .xlsx import WorkbookRead, _is_number, _value, cell_ref, col_letter, norm, open_workbook

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

    from zicli.engine.index import CriteriaIndex

_SINGLE_REF = re.compile(
    r"^=\s*(?:(?:'(?P<q>[^']+)'|(?P<s>[A-Za-z0-9_ ]+))!)?"
    r"\$?(?P<col>[A-Z]{1,3})\$?(?P<row>[0-9]+)\s*$"
)


def _cached(value: Any) -> float | int | str | None:
    if value is None or isinstance(value, bool):
        return None if value is None else int(value)
    if isinstance(value, int | float):
        return value
    return str(value)


def _formula(cell: Any) -> str | None:
    value = _value(cell)
    if type(value).__name__ == "Formula":
        return str(value)
    return None


def _weight_slip(
    index: CriteriaIndex, node_id: str, cell: Any, sheet: str, row: int, col: int
) -> tuple[str, float | int | str | None] | None:
    weight = index.weights.get(node_id)
    if weight is None or _formula(cell) is not None:
        return None
    written = cell.value
    if _is_number(written) and abs(Fraction(written) - weight) < Fraction(1, 10**9):
        return None
    return cell_ref(sheet, col, row), _cached(written)


def audit_facts(
    data: bytes, read: WorkbookRead, index: CriteriaIndex, raw_answers: dict[str, Any]
) -> list[CellFact]:
    """The score cells of ``read``'s workbook as :class:`CellFact` values."""
    formulas = open_workbook(data, read.file)
    values = open_workbook(data, read.file, values=True)
    sheet = read.sheet
    ws_f, ws_v = formulas[sheet], values[sheet]
    cols = read.columns
    value_col = cols.value
    row_nodes: dict[int, str] = {}
    for node_id, rows in read.node_rows.items():
        for r in rows:
            row_nodes.setdefault(r, node_id)
    invalid = {
        (p.file or "").rsplit(":", 1)[-1]: p.message for p in read.problems if "!" in (p.file or "")
    }
    facts: list[CellFact] = []
    for node_id, rows in read.node_rows.items():
        node = index.nodes.get(node_id)
        for r in rows:
            f_cell = ws_f.cell(r, value_col)
            role: Role
            type_written = type_expected = answer_written = None
            typed_total = None
            invalid_answer = None
            if node_id == TOTAL:
                role = "total"
            elif node is not None and node.kind == "butir":
                role = "question"
                if read.question_rows.get(node_id) == r:
                    type_written = read.rows[r].type or None
                    type_expected = index.answer_type(node).label
                    typed = read.rows[r].answer
                    answer_written = typed if isinstance(typed, str) else None
                    answer_cell = cell_ref(sheet, cols.answer, r)
                    invalid_answer = _invalid(invalid, answer_cell, read, node_id)
                    typed_total = _typed_total(ws_f, read, index, node_id, raw_answers)
            elif node is not None and node.children and node.children[0].kind == "butir":
                role = "block"
            else:
                role = "sum"
            weight_written = None
            formula = _formula(f_cell)
            uses_weight = formula is not None and f"H{r}" in formula.replace("$", "")
            if node is not None and role in ("block", "sum") and uses_weight:
                weight_written = _weight_slip(
                    index, node_id, ws_f.cell(r, cols.weight), sheet, r, cols.weight
                )
            facts.append(
                CellFact(
                    cell=cell_ref(sheet, value_col, r),
                    node=node_id,
                    role=role,
                    cached=_cached(ws_v.cell(r, value_col).value),
                    formula=_formula(f_cell),
                    row_nodes=row_nodes,
                    type_written=type_written,
                    type_expected=type_expected,
                    typed_total=typed_total,
                    invalid_answer=invalid_answer,
                    answer_written=answer_written,
                    weight_written=weight_written,
                )
            )
    facts += _summary_facts(formulas, values, read, index, row_nodes)
    return facts


def _invalid(invalid: dict[str, str], answer_cell: str, read: WorkbookRead, qid: str) -> str | None:
    for cell, message in invalid.items():
        if cell == answer_cell:
            return f"{answer_cell.rsplit('!', maxsplit=1)[-1]}: {message}"
    count_cells = {c for path, c in read.cells.items() if len(path) >= 3 and path[1] == qid}
    for cell, message in invalid.items():
        if cell in count_cells:
            return f"{cell.split('!')[-1]}: {message}"
    return None


def _typed_total(
    ws: Any, read: WorkbookRead, index: CriteriaIndex, qid: str, raw: dict[str, Any]
) -> tuple[str, int | float | None, int] | None:
    ratio = index.ratios.get(qid)
    answer = raw.get(qid)
    if ratio is None or not isinstance(answer, dict):
        return None
    counts = answer.get("answer", answer)
    if not isinstance(counts, dict):
        return None
    for fld, terms in ratio.derived:
        r = read.count_rows.get((qid, fld))
        if r is None:
            continue
        cell = ws.cell(r, read.columns.answer)
        if _formula(cell) is not None:
            continue
        typed = cell.value if _is_number(cell.value) else None
        try:
            parts = sum(sign * int(counts[name]) for sign, name in terms)
        except (KeyError, TypeError, ValueError):
            continue
        if typed is None or parts != typed:
            return f"{col_letter(read.columns.answer)}{r}", typed, parts
    return None


def _summary_facts(
    formulas: Workbook,
    values: Workbook,
    read: WorkbookRead,
    index: CriteriaIndex,
    row_nodes: dict[int, str],
) -> list[CellFact]:
    """Cells of the other sheets that show a node's score (``='LKE ZI'!L7``, or a cell
    that does), and cells whose formula lost its target (``#REF!``)."""
    lke = read.sheet
    labels = _node_labels(index)

    def target(sheet: str, col: str, row: int, depth: int = 0) -> int | None:
        if sheet == lke:
            return row if col == col_letter(read.columns.value) else None
        if depth > 3 or sheet not in formulas.sheetnames:
            return None
        text = _formula(formulas[sheet][f"{col}{row}"])
        m = _SINGLE_REF.match(text or "")
        if not m:
            return None
        return target(m["q"] or m["s"] or sheet, m["col"], int(m["row"]), depth + 1)

    facts: list[CellFact] = []
    for ws in formulas.worksheets:
        if ws.title == lke:
            continue
        rows = ws.iter_rows(max_row=min(ws.max_row, 400), max_col=min(ws.max_column, 30))
        for row in rows:
            texts = [c.value for c in row if isinstance(c.value, str) and _formula(c) is None]
            for cell in row:
                formula = _formula(cell)
                if formula is None:
                    continue
                ref = cell_ref(ws.title, int(cell.column), int(cell.row))  # type: ignore[arg-type]
                node: str | None = None
                cached = values[ws.title][cell.coordinate].value
                if "#REF!" in formula.upper():
                    node = _guess(texts, labels)
                else:
                    m = _SINGLE_REF.match(formula)
                    if m:
                        lke_row = target(m["q"] or m["s"] or ws.title, m["col"], int(m["row"]))
                        node = row_nodes.get(lke_row) if lke_row is not None else None
                        if node is not None and lke_row is not None:
                            shown = values[lke].cell(lke_row, read.columns.value).value
                            if shown == cached:
                                continue  # shows the worksheet's cell as it is
                if node is None:
                    continue
                facts.append(CellFact(ref, node, "summary", _cached(cached), formula))
    return facts


def _node_labels(index: CriteriaIndex) -> list[tuple[str, str]]:
    return [(norm(n.name or n.text or ""), n.id) for n in index.nodes.values() if n.name or n.text]


def _guess(texts: list[Any], labels: list[tuple[str, str]]) -> str | None:
    """The node a summary row names (its text cells against the pack's names)."""
    best: tuple[float, str] | None = None
    for text in texts:
        folded = norm(str(text))
        if len(folded) < 6:
            continue
        for label, node in labels:
            short = label[: len(folded) + 10]
            ratio = difflib.SequenceMatcher(None, folded, short).ratio()
            if ratio >= 0.75 and (best is None or ratio > best[0]):
                best = (ratio, node)
    return best[1] if best else None
