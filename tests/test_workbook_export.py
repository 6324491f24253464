"""``zi export``: the official layout with live formulas. LibreOffice recalculates
every exported example and must show zi's numbers; importing an export gives back
the same answers, notes and evidence; both packs."""

from __future__ import annotations

import functools
import io
import json
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from zicli.loading import load_unit
from zicli.loading.readers.xlsx import load_workbook_unit
from zicli.models.criteria import TOTAL
from zicli.render.numbers import rounded_text
from zicli.render.workbook import EXPLAIN, NOTE, E, J, P, Q, export_workbook

from .conftest import EXAMPLES, ROOT, Run
from .libreoffice import recalculate

NAMES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


def _export(name: str) -> bytes:
    loaded = load_unit(str(EXAMPLES / name))
    unit = loaded.data.unit
    return export_workbook(
        loaded.index,
        loaded.answers,
        {"name": unit.name, "instansi": unit.instansi, "period": unit.period},
        loaded.assess(),
    )


@pytest.mark.parametrize("name", NAMES)
def test_import_of_an_export_gives_back_answers_notes_and_evidence(
    name: str, tmp_path: Path
) -> None:
    original = load_unit(str(EXAMPLES / name))
    path = tmp_path / "lke.xlsx"
    path.write_bytes(_export(name))
    again, read = load_workbook_unit(str(path))
    assert again.index.id == original.index.id  # from the workbook's zi:criteria keyword
    assert again.answers == original.answers
    assert again.data.unit.name == original.data.unit.name  # stated on 'Utama'
    assert again.data.unit.period == original.data.unit.period
    assert again.data.unit.instansi == original.data.unit.instansi
    assert read.notes == []
    assert again.assess().card.scores == original.assess().card.scores


def test_export_carries_the_dropdowns_and_formulas(tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(_export("kua-kecamatan-selebar-2026q1.yaml")))
    ws = wb["LKE ZI"]
    lists = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert set(lists) >= {'"Ya,Tidak"', '"A,B,C"', '"A,B,C,D"', '"A,B,C,D,E"', "0"}
    assert "K8" in lists['"Ya,Tidak"'].split()
    assert ws["K8"].value == "Ya"
    assert ws["L8"].value == '=IF(K8="Ya",1,IF(K8="Tidak",0,0))'
    assert ws["L7"].value == "=SUM(L8,L9)/2*H7"
    assert wb.sheetnames == ["LKE ZI", "Utama", "Ctt Eval"]


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    source = tmp_path / "unit.yaml"
    text = (EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "A.I.1.i.a: Ya",
        'A.I.1.i.a: {answer: Ya, note: "=HYPERLINK(\\"http://x\\")", evidence: ["=1+1"]}',
    )
    source.write_text(text, encoding="utf-8")
    loaded = load_unit(str(source))
    data = export_workbook(loaded.index, loaded.answers, {"name": "U", "period": "2026"})
    ws = load_workbook(io.BytesIO(data))["LKE ZI"]
    assert ws["O8"].data_type == "s" and ws["P8"].data_type == "s"
    path = tmp_path / "lke.xlsx"
    path.write_bytes(data)
    again, _ = load_workbook_unit(str(path))
    assert again.answers["A.I.1.i.a"] == loaded.answers["A.I.1.i.a"]


def _half_up(value: float) -> str:
    return str(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@functools.cache
def _recalculated(folder: str) -> dict[str, Path]:
    out = Path(folder)
    files = []
    for name in NAMES:
        path = out / "in" / name.replace(".yaml", ".xlsx")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_export(name))
        files.append(path)
    done = recalculate(files, out / "out")
    return dict(zip(NAMES, done, strict=True))


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _recalculated(str(tmp_path_factory.mktemp("lo")))


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_computes_zi_s_numbers(name: str, recalculated: dict[str, Path]) -> None:
    result = load_unit(str(EXAMPLES / name)).assess()
    scores = result.card.scores
    wb = load_workbook(recalculated[name], data_only=True)
    checked = 0
    for sheet in ("Utama", "Ctt Eval"):
        ws = wb[sheet]
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
            node, value = row[1].value, row[8].value
            if node == "NILAI EVALUASI ZONA INTEGRITAS":
                node = TOTAL
            if not isinstance(node, str) or node not in scores:
                continue
            assert isinstance(value, int | float), (sheet, node, value)
            # doubles in the spreadsheet, exact fractions in zi: equal to 1e-9
            assert abs(Fraction(value) - scores[node]) < Fraction(1, 10**9), (sheet, node)
            checked += 1
    assert checked >= len(result.card.index.compiled.blocks)
    lke = wb["LKE ZI"]
    totals = [
        r[11].value for r in lke.iter_rows() if r[1].value == "NILAI EVALUASI ZONA INTEGRITAS"
    ]
    assert len(totals) == 1 and isinstance(totals[0], float | int)
    assert _half_up(totals[0]) == rounded_text(result.card.total)  # to the cent


def test_cli_export_writes_once_and_refuses_to_overwrite(
    tmp_path: Path, zi: Callable[..., Run]
) -> None:
    out = tmp_path / "LKE.xlsx"
    source = str(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml")
    run = zi("export", source, "-o", str(out))
    assert run.code == 0, run.stderr
    assert run.stderr == (
        f"ditulis: {out} (permenpanrb-90-2021, 113/113 butir dijawab, nilai 96.19)\n"
    )
    again = zi("export", source, "-o", str(out))
    assert again.code == 2
    assert "sudah ada" in again.stderr
    wrong = zi("export", source, "-o", str(tmp_path / "LKE.xls"))
    assert wrong.code == 2 and "seharusnya nama berkas .xlsx" in wrong.stderr


@pytest.mark.parametrize("name", NAMES)
def test_audit_of_a_recalculated_export_finds_no_difference(
    name: str, recalculated: dict[str, Path], zi: Callable[..., Run]
) -> None:
    import json

    from zicli.loading.readers.xlsx import read_workbook
    from zicli.loading.readers.xlsx_audit import audit_facts

    path = recalculated[name]
    run = zi("audit", str(path), "--format", "json")
    report = json.loads(run.stdout)
    assert run.code == 0
    assert report["cached_values"] is True
    assert report["differences"] == [] and report["problems"] == []
    assert report["formula_slips"] == []  # zi's own formulas follow the regulation
    assert report["workbook_total"] == report["total"]
    read = read_workbook(path.read_bytes(), str(path))
    index = load_unit(str(EXAMPLES / name)).index
    facts = audit_facts(path.read_bytes(), read, index, read.raw["answers"])
    checked = {f.node for f in facts}
    assert checked >= set(index.nodes) | {TOTAL}  # every node's cell was compared


_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROLS = "a\x01b NUL\x00 esc\x1b[31m c1\x9b del\x7f nonchar\ufffe end"


def _pack_with(text: str) -> str:
    """The test pack with ``text`` in every text of it a workbook shows."""
    pack = (ROOT / "tests" / "data" / "valid" / "packs" / "ids-1-10.yaml").read_text()
    quoted = json.dumps(text)
    for old, new in (
        ("title: Paket uji dengan id seperti angka", f"title: {quoted}"),
        ("legal_basis: none (test pack)", f"legal_basis: {quoted}"),
        ("short_title: Uji ids", f"short_title: {quoted}"),
        ("name: Satu", f"name: {quoted}"),
        ("text: Pertanyaan 1.1\n", f"text: {quoted}\n    guidance: {quoted}\n"),
        ("label: Ya/Tidak", f"label: {quoted}"),
    ):
        assert old in pack
        pack = pack.replace(old, new)
    return pack


def test_export_shows_characters_a_worksheet_cannot_hold(
    tmp_path: Path, zi: Callable[..., Run]
) -> None:
    """Every text zi writes to a cell (unit, notes, data dukung, links, the pack's
    texts) may hold a control character: the workbook is written, each one shown as
    its picture, as escape.xml_text does."""
    (tmp_path / "pack.yaml").write_text(_pack_with(_CONTROLS), encoding="utf-8")
    quoted = json.dumps(_CONTROLS)
    unit = tmp_path / "unit.yaml"
    unit.write_text(
        f"criteria: {json.dumps(str(tmp_path / 'pack.yaml'))}\n"
        f"unit: {{name: {quoted}, instansi: {quoted}, period: '2026-Q1'}}\n"
        "answers:\n"
        f"  '1.1': {{answer: Ya, note: {quoted}, evidence: "
        f"[{quoted}, {json.dumps('https://x.test/a' + _CONTROLS)}]}}\n"
        "  '1.10': Tidak\n"
        "  '2.1': 3\n",
        encoding="utf-8",
    )
    out = tmp_path / "LKE.xlsx"
    run = zi("export", str(unit), "-o", str(out))
    assert run.code == 0, run.stderr
    shown = "a\u2401b NUL\u2400 esc\u241b[31m c1\ufffd del\u2421 nonchar\ufffd end"
    wb = load_workbook(out)
    texts = [
        cell.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert all(not _FORBIDDEN.search(t) for t in texts)
    everything = "\n".join(texts)
    assert everything.count(shown) >= 10  # unit x3 sheets' rows, note, evidence, pack texts
    lke = wb["LKE ZI"]
    assert shown in lke["B1"].value  # title and legal basis
    row = next(r for r in lke.iter_rows() if r[NOTE - 1].value == shown)
    assert row[E - 1].value == shown  # the question (a hasil butir: column E)
    assert str(row[P - 1].value).split("\n")[0] == shown
    assert row[Q - 1].value == "https://x.test/a" + shown
    link = row[Q - 1].hyperlink
    assert link is not None and link.target == "https://x.test/a" + shown
    assert str(row[EXPLAIN - 1].value).endswith(shown)  # the guidance
    assert row[J - 1].value == shown
    assert wb["Utama"]["B1"].value == f"Utama: {shown}"  # the pack's short title
    utama = [c.value for r in wb["Utama"].iter_rows() for c in r]
    assert utama.count(shown) >= 3  # name, instansi, a node's name
    assert wb.properties.title == shown


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_cli_export_refuses_a_folder_as_output(
    force: list[str], tmp_path: Path, zi: Callable[..., Run]
) -> None:
    folder = tmp_path / "LKE.xlsx"
    folder.mkdir()
    run = zi(
        "export", str(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml"), "-o", str(folder), *force
    )
    assert run.code == 2
    assert run.stderr == (
        f"kesalahan: {folder}: adalah folder; zi tidak menimpanya (saran: sebutkan sebuah berkas)\n"
    )


@pytest.mark.parametrize("name", NAMES)
def test_export_keeps_the_predicate_held_and_the_prerequisites(
    name: str, tmp_path: Path, zi: Callable[..., Run]
) -> None:
    source = str(EXAMPLES / name)
    lke = str(tmp_path / "lke.xlsx")
    assert zi("export", source, "-o", lke).code == 0
    scored = [json.loads(zi("score", path, "--format", "json").stdout) for path in (source, lke)]
    for part in ("total", "verdict", "prerequisites", "gates"):
        assert scored[0][part] == scored[1][part], part
    assert scored[0]["unit"] == scored[1]["unit"]  # predicate_held with name and period
    out = tmp_path / "unit.yaml"
    assert zi("import", lke, "-o", str(out)).code == 0
    original, again = load_unit(source).data.unit, load_unit(str(out)).data.unit
    assert again.predicate_held == original.predicate_held
    assert again.model_extra == original.model_extra  # every prerequisite fact, exactly
