"""``zi export``: a unit's answers written into the official LKE layout (``.xlsx``).

The sheet ``LKE ZI`` follows Lampiran III (tree in B..G, Bobot, Penjelasan,
Pilihan Jawaban, Jawaban, Nilai, %, Catatan, Data Dukung, Link), filled with the
answers, notes and data dukung. Every score is a live formula that computes the
regulation's arithmetic as zi does, including the rows units' copies get wrong
(both LHK parts, derived totals as sums, zero denominators by the pack's rules),
so Excel or LibreOffice shows zi's total to the cent. A blank answer counts 0, as
in zi's default. Answer cells carry the data-validation lists. ``Utama`` and
``Ctt Eval`` summarise per area and per sub-area with formulas into ``LKE ZI``.

Every text from the answer file or the pack is written as a cell value, never as
part of a formula, so no text can become a formula; and every text goes through
:func:`_cell_text`, so a character a worksheet cannot hold (a control character, a
lone surrogate) is shown as its picture instead of failing the export.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from zicli.engine.index import CriteriaIndex
from zicli.i18n import _
from zicli.models.answers import AnswerRecord, CountsAnswer, NumberAnswer, OptionAnswer
from zicli.models.criteria import Node
from zicli.render.escape import xml_clean

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from zicli.engine.assess import Assessment

SHEET = "LKE ZI"
_REF = "'LKE ZI'!"
# Columns of Lampiran III.
A, B, C, D, E, F, G, H = 1, 2, 3, 4, 5, 6, 7, 8
EXPLAIN, J, K, L, M, NOTE, P, Q = 9, 10, 11, 12, 13, 15, 16, 17
_TREE = {"komponen": B, "aspek": C, "subkomponen": C, "area": D, "subarea": E}
_FIRST_ROW = 4


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _num(value: Fraction | Any) -> str:
    """A pack number as a formula literal (exact decimals: 0.67, 17.5)."""
    frac = Fraction(value)
    if frac.denominator == 1:
        return str(frac.numerator)
    text = f"{float(frac)!r}"
    return text


def _label(node: Node) -> str:
    if node.kind == "butir" and node.lke and len(node.lke) <= 3:
        return node.lke
    last = node.id.rsplit(".", 1)[-1]
    return f"{last}."


def _weight(node: Node) -> int | float:
    weight = node.weight
    assert weight is not None
    return int(weight) if weight == weight.to_integral_value() else float(weight)


def _cell_text(text: str) -> str:
    """Any text a cell shows: a cell is XML text, so what XML 1.0 forbids (openpyxl
    refuses it) is shown as a picture, as in every other XML zi writes."""
    return xml_clean(text)


def _set_text(cell: Any, text: str) -> None:
    """A text cell (never read as a formula)."""
    cell.value = _cell_text(text)
    cell.data_type = "s"


@dataclass
class _Layout:
    """Rows given to nodes, questions and counts while the sheet is written."""

    node_row: dict[str, int] = field(default_factory=dict)
    count_row: dict[tuple[str, str], int] = field(default_factory=dict)
    option_cells: dict[str, list[str]] = field(default_factory=dict)
    """Validation list (``"Ya,Tidak"``) -> answer cells."""
    count_cells: list[str] = field(default_factory=list)
    scale_cells: dict[str, list[str]] = field(default_factory=dict)
    totals: list[tuple[str, int]] = field(default_factory=list)
    """(komponen id, row of its TOTAL line)."""


def _explain(index: CriteriaIndex, node: Node) -> str:
    lines = []
    for pos, option in enumerate(node.options):
        key = option.key
        prefix = f"{key}." if len(key) == 1 else key
        if len(key) == 1 and key.isalpha():
            prefix = f"{chr(ord('a') + pos)}."
        lines.append(f"{prefix} {option.meaning}")
    if node.guidance:
        lines.append(node.guidance)
    return "\n".join(lines)


def _walk(nodes: tuple[Node, ...]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


class _Writer:
    def __init__(
        self, ws: Worksheet, index: CriteriaIndex, answers: Mapping[str, AnswerRecord]
    ) -> None:
        self.ws = ws
        self.index = index
        self.answers = answers
        self.layout = _Layout()
        self.row = _FIRST_ROW

    def put(self, col: int, value: Any, row: int | None = None) -> None:
        if isinstance(value, str):
            value = _cell_text(value)  # zi's own formulas; a text from a file goes by text()
        self.ws.cell(row or self.row, col).value = value

    def text(self, col: int, value: str, row: int | None = None) -> None:
        """A text cell (never read as a formula)."""
        _set_text(self.ws.cell(row or self.row, col), value)

    def place_rows(self) -> None:
        """First pass: every node's row, so formulas can refer to rows below them."""
        row = _FIRST_ROW
        for top in self.index.criteria.nodes:
            for node in _walk((top,)):
                self.layout.node_row[node.id] = row
                row += 1
                if node.computed is not None:
                    for d in node.computed.derived:
                        self.layout.count_row[node.id, d.field] = row
                        row += 1
                    for i in node.computed.inputs:
                        self.layout.count_row[node.id, i.field] = row
                        row += 1
            self.layout.totals.append((top.id, row))
            row += 2
        self.total_row = row

    def write(self) -> None:
        self.place_rows()
        for top in self.index.criteria.nodes:
            for node in _walk((top,)):
                self.row = self.layout.node_row[node.id]
                if node.kind == "butir":
                    self.question(node)
                else:
                    self.group(node)
            total_row = dict(self.layout.totals)[top.id]
            self.text(B, f"TOTAL {top.name or top.id}", total_row)
            self.put(L, f"=L{self.layout.node_row[top.id]}", total_row)
            self.ws.cell(total_row, L).number_format = "0.00"
        self.text(B, "NILAI EVALUASI ZONA INTEGRITAS", self.total_row)
        tops = ",".join(f"L{self.layout.node_row[t.id]}" for t in self.index.criteria.nodes)
        self.put(L, f"=SUM({tops})", self.total_row)
        self.put(
            H,
            "=SUM("
            + ",".join(f"H{self.layout.node_row[t.id]}" for t in self.index.criteria.nodes)
            + ")",
            self.total_row,
        )
        self.put(M, f"=L{self.total_row}/H{self.total_row}", self.total_row)
        self.ws.cell(self.total_row, L).number_format = "0.00"
        self.ws.cell(self.total_row, M).number_format = "0.00%"

    def group(self, node: Node) -> None:
        col = _TREE.get(node.kind, E)
        self.text(col, _label(node))
        self.text(col + 1, node.name or node.id)
        weight_cell = f"H{self.row}"
        if node.weight is not None:
            self.put(H, _weight(node))
        children = node.children
        cells = [f"L{self.layout.node_row[c.id]}" for c in children]
        if children and children[0].kind == "butir":
            if children[0].weight is not None:  # each question worth its own weight
                formula = f"=SUM({','.join(cells)})"
            else:  # the mean of the question values x the weight; a blank counts 0
                formula = f"=SUM({','.join(cells)})/{len(cells)}*{weight_cell}"
        else:
            formula = f"=SUM({','.join(cells)})"
        self.put(L, formula)
        self.put(M, f'=IF({weight_cell}=0,"",L{self.row}/{weight_cell})')
        self.ws.cell(self.row, L).number_format = "0.00"
        self.ws.cell(self.row, M).number_format = "0.00%"

    def question(self, node: Node) -> None:
        index = self.index
        parent = index.nodes[index.parents[node.id]]
        hasil = parent.kind in ("subkomponen", "aspek") or parent.kind == "komponen"
        label_col, text_col = (D, E) if hasil else (F, G)
        self.text(label_col, _label(node))
        self.text(text_col, node.text or node.id)
        atype = index.answer_type(node)
        self.text(J, atype.label)
        explain = _explain(index, node)
        if explain:
            self.text(EXPLAIN, explain)
        r = self.row
        weighted = node.weight is not None
        if weighted:
            self.put(H, _weight(node))
        record = self.answers.get(node.id)
        answer = f"K{r}"
        if atype.kind == "ratio":
            value = self.ratio(node, record)
        elif atype.kind == "scale":
            top = _num(atype.max)
            value = f'IF({answer}="",0,{answer}/{top})'
            self.layout.scale_cells.setdefault(top, []).append(answer)
            if record is not None and isinstance(record.value, NumberAnswer):
                number = record.value.value
                self.put(K, int(number) if number == number.to_integral_value() else float(number))
        else:
            keys = [o.key for o in atype.options]
            value = "0"
            for option in reversed(atype.options):
                value = f'IF({answer}="{option.key}",{_num(option.value)},{value})'
            self.layout.option_cells.setdefault(",".join(keys), []).append(answer)
            if record is not None and isinstance(record.value, OptionAnswer):
                self.text(K, record.value.key)
        self.put(L, f"={value}*H{r}" if weighted else f"={value}")
        self.ws.cell(r, L).number_format = "0.00"
        if record is not None:
            if record.note:
                self.text(NOTE, record.note)
            if record.evidence:
                self.text(P, "\n".join(record.evidence))
                link = next(
                    (e for e in record.evidence if e.startswith(("http://", "https://"))), None
                )
                if link is not None:
                    self.text(Q, link)
                    self.ws.cell(r, Q).hyperlink = _cell_text(link)

    def ratio(self, node: Node, record: AnswerRecord | None) -> str:
        assert node.computed is not None
        spec = node.computed
        compiled = self.index.ratios[node.id]
        r = self.row
        cells: dict[str, str] = {}
        for d in spec.derived:
            cells[d.field] = f"K{self.layout.count_row[node.id, d.field]}"
        for i in spec.inputs:
            cells[i.field] = f"K{self.layout.count_row[node.id, i.field]}"
        counts = record.value.counts if record and isinstance(record.value, CountsAnswer) else {}

        def expr(terms: tuple[tuple[int, str], ...]) -> str:
            out = ""
            for sign, name in terms:
                out += ("-" if sign < 0 else ("+" if out else "")) + cells[name]
            return out or "0"

        for d_field, terms in compiled.derived:
            dr = self.layout.count_row[node.id, d_field]
            label = next(d.label for d in spec.derived if d.field == d_field)
            self.text(G, f"- {label}", dr)
            self.text(J, "Jumlah", dr)
            self.put(K, f"={expr(terms)}", dr)
        for i in spec.inputs:
            cr = self.layout.count_row[node.id, i.field]
            self.text(G, f"- {i.label}", cr)
            self.text(J, "Jumlah", cr)
            if i.field in counts:
                self.put(K, int(counts[i.field]), cr)
            self.layout.count_cells.append(f"K{cr}")
        num, den = expr(compiled.numerator), expr(compiled.denominator)
        rule = spec.zero_denominator
        ratio = f"({num})/({den})"
        if spec.cap is not None:
            ratio = f"MIN({_num(spec.cap)},{ratio})"
        if spec.floor is not None:
            ratio = f"MAX({_num(spec.floor)},{ratio})"
        inputs = ",".join(cells[i.field] for i in spec.inputs)
        self.put(
            K,
            f'=IF(COUNT({inputs})<{len(spec.inputs)},"",IF(({den})=0,'
            f"IF(({num})=0,{_num(rule.if_numerator_zero)},{_num(rule.otherwise)}),{ratio}))",
        )
        self.ws.cell(r, K).number_format = "0.00%"
        return f'IF(K{r}="",0,K{r})'

    def validations(self) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        for keys, cells in self.layout.option_cells.items():
            dv = DataValidation(type="list", formula1=f'"{keys}"', allow_blank=True)
            dv.error = _cell_text(
                _("Choose one of: {options}").format(options=keys.replace(",", "/"))
            )
            dv.showErrorMessage = True
            for cell in cells:
                dv.add(cell)
            self.ws.add_data_validation(dv)
        if self.layout.count_cells:
            dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
            dv.error = _("Counts: a whole number >= 0")
            dv.showErrorMessage = True
            for cell in self.layout.count_cells:
                dv.add(cell)
            self.ws.add_data_validation(dv)
        for top, cells in self.layout.scale_cells.items():
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2=top)
            dv.error = _("A value from 0 to {max}").format(max=top)
            dv.showErrorMessage = True
            for cell in cells:
                dv.add(cell)
            self.ws.add_data_validation(dv)


def _header(ws: Worksheet, index: CriteriaIndex) -> None:
    from openpyxl.styles import Alignment, Font

    criteria = index.criteria
    _set_text(ws.cell(1, B), f"{criteria.title}\n{criteria.legal_basis or ''}".strip())
    ws.cell(1, B).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=1, start_column=B, end_row=1, end_column=Q)
    ws.row_dimensions[1].height = 60
    heads = {
        A: "No",
        B: "Penilaian",
        H: "Bobot",
        EXPLAIN: "Penjelasan",
        J: "Pilihan Jawaban",
        K: "Jawaban",
        L: "Nilai",
        M: "%",
        NOTE: "Catatan/Keterangan/Penjelasan",
        P: "Data Dukung",
        Q: "Link Data Dukung",
    }
    for col, text in heads.items():
        cell = ws.cell(2, col)
        cell.value = text
        cell.font = Font(bold=True)
    ws.merge_cells(start_row=2, start_column=B, end_row=2, end_column=G)
    widths = {A: 5, B: 4, C: 4, D: 4, E: 5, F: 6, G: 60, H: 8, EXPLAIN: 50, J: 12, K: 10, L: 9,
              M: 9, NOTE: 40, P: 40, Q: 30}  # fmt: skip
    for col, width in widths.items():
        ws.column_dimensions[_letter(col)].width = width
    ws.freeze_panes = "H3"


_VALUE, _SHARE = 9, 10  # summary sheets: Nilai in I, % in J (as on the official 'Utama')


HELD_LABEL = "Predikat yang dimiliki"
"""The label ``zi import`` reads ``unit.predicate_held`` from (on a sheet beside the LKE)."""


def _unit_facts(ws: Worksheet, row: int, index: CriteriaIndex, unit: Mapping[str, Any]) -> int:
    """``predicate_held`` and the prerequisite facts the answer file states, as
    ``label | value`` rows the reader takes back (Lampiran III has no place for them);
    a fact's label is its key under ``unit:``, its description beside the value."""
    held = unit.get("predicate_held")
    if held:
        ws.cell(row, B).value = HELD_LABEL
        _set_text(ws.cell(row, D), str(held))
        row += 1
    fields = index.criteria.unit_fields
    stated = [(key, unit[key]) for key in fields if unit.get(key) is not None]
    if not stated:
        return row
    row += 1
    _set_text(ws.cell(row, B), _("Proposal prerequisites (unit: keys of the answer file)"))
    row += 1
    for key, value in stated:
        _set_text(ws.cell(row, B), key)
        if isinstance(value, str):
            _set_text(ws.cell(row, D), value)
        else:
            # a whole number stays whole; a decimal is written as the text it is,
            # so 97.5 reads back exactly (a float cell would be a double)
            number = Fraction(str(value))
            if number.denominator == 1:
                ws.cell(row, D).value = int(number)
            else:
                _set_text(ws.cell(row, D), str(value))
        _set_text(ws.cell(row, F), fields[key].label)
        row += 1
    return row


def _summary(
    wb: Any,
    title: str,
    index: CriteriaIndex,
    layout: _Layout,
    total_row: int,
    kinds: tuple[str, ...],
    unit: Mapping[str, Any],
    verdict_lines: tuple[str, ...],
    *,
    facts: bool = False,
) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)
    _set_text(ws.cell(1, B), f"{title}: {index.criteria.short_title}")
    ws.cell(1, B).font = Font(bold=True)
    row = 3
    for label, value in (
        (_("Work unit"), unit.get("name")),
        ("Instansi", unit.get("instansi")),
        (_("Period"), unit.get("period")),
    ):
        if value:
            ws.cell(row, B).value = label
            _set_text(ws.cell(row, D), value)
            row += 1
    if facts:
        row = _unit_facts(ws, row, index, unit)
    row += 1
    for col, text in ((B, "Id"), (D, "Penilaian"), (H, "Bobot"), (_VALUE, "Nilai"), (_SHARE, "%")):
        ws.cell(row, col).value = text
        ws.cell(row, col).font = Font(bold=True)
    row += 1
    for top in index.criteria.nodes:
        for node in _walk((top,)):
            if node.kind not in kinds:
                continue
            source = layout.node_row[node.id]
            _set_text(ws.cell(row, B), node.id)
            _set_text(ws.cell(row, D), node.name or node.id)
            ws.cell(row, H).value = f"={_REF}H{source}"
            ws.cell(row, _VALUE).value = f"={_REF}L{source}"
            ws.cell(row, _SHARE).value = f'=IF(H{row}=0,"",I{row}/H{row})'
            ws.cell(row, _VALUE).number_format = "0.00"
            ws.cell(row, _SHARE).number_format = "0.00%"
            row += 1
    ws.cell(row, B).value = "NILAI EVALUASI ZONA INTEGRITAS"
    ws.cell(row, _VALUE).value = f"={_REF}L{total_row}"
    ws.cell(row, _VALUE).number_format = "0.00"
    ws.cell(row, B).font = Font(bold=True)
    row += 2
    for line in verdict_lines:
        _set_text(ws.cell(row, B), line)
        row += 1
    ws.column_dimensions["D"].width = 50


def export_workbook(
    index: CriteriaIndex,
    answers: Mapping[str, AnswerRecord],
    unit: Mapping[str, Any],
    assessment: Assessment | None = None,
) -> bytes:
    """The filled workbook's bytes (``.xlsx``)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    _header(ws, index)
    writer = _Writer(ws, index, answers)
    writer.write()
    writer.validations()
    verdict_lines: tuple[str, ...] = ()
    if assessment is not None:
        verdict = assessment.verdict
        reached = verdict.reached
        from zicli.render.common import BELUM_MSG

        verdict_lines = (
            _(
                "Predicate by zi (computed at export; proposal prerequisites from the answer "
                "file): {predicate}"
            ).format(predicate=reached.name if reached is not None else _(BELUM_MSG)),
            _(
                "A blank question scores 0 (zi's rule); the formulas of sheet LKE ZI compute "
                "the same scores as zi."
            ),
        )
    _summary(
        wb, "Utama", index, writer.layout, writer.total_row,
        ("komponen", "aspek", "subkomponen", "area"), unit, verdict_lines, facts=True,
    )  # fmt: skip
    _summary(
        wb, "Ctt Eval", index, writer.layout, writer.total_row,
        ("komponen", "aspek", "subkomponen", "area", "subarea"), unit, (),
    )  # fmt: skip
    wb.properties.creator = "zi"
    wb.properties.title = _cell_text(index.criteria.title)
    wb.properties.keywords = _cell_text(f"zi:criteria={index.id}")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
