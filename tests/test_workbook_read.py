"""Reading the official LKE workbook: the real blank unit copy, filled by these tests
as units fill it, scores exactly as the hand-worked results of the YAML examples;
messy copies give exactly the located problems expected."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl.worksheet.worksheet import Worksheet

from zicli.errors import InputError
from zicli.loading import load_unit
from zicli.loading.readers.xlsx import load_workbook_unit

from .conftest import EXAMPLES, Run
from .expected_examples import EXPECTED
from .workbooks import answers_of, delete_rows, fill, insert_rows

PACK90 = ("permenpanrb-90-2021", "kemenag-90-2021")
EXAMPLES_90 = sorted(name for name, expected in EXPECTED.items() if expected.pack in PACK90)


@functools.cache
def filled(name: str) -> bytes:
    return fill(answers_of(EXAMPLES / name))


def _write(tmp_path: Path, data: bytes, name: str = "LKE-2026-Q1.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_the_blank_copy_has_every_question_and_no_answer(tmp_path: Path) -> None:
    loaded, read = load_workbook_unit(_write(tmp_path, fill({})), name="Blank", period="2026-Q1")
    assert loaded.index.id == "permenpanrb-90-2021"  # from the header 'NOMOR 90 TAHUN 2021'
    assert loaded.answers == {}
    assert len(read.question_rows) == 113
    assert read.question_rows["A.I.1.i.a"] == 8
    assert read.question_rows["B.II.a"] == 205


@pytest.mark.parametrize("name", EXAMPLES_90)
def test_filled_copy_scores_as_the_hand_worked_example(name: str, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    path = _write(tmp_path, filled(name))
    loaded, _ = load_workbook_unit(path, criteria=expected.pack, name="x", period="2026-Q1")
    result = loaded.assess()
    assert result.card.total == expected.total  # the verdict also rests on unit facts
    yaml_unit = load_unit(str(EXAMPLES / name))
    assert loaded.answers == yaml_unit.answers  # notes and evidence included


@pytest.mark.parametrize("name", EXAMPLES_90)
def test_import_then_score_equals_score_of_the_workbook(
    name: str, tmp_path: Path, zi: Callable[..., Run]
) -> None:
    expected = EXPECTED[name]
    path = _write(tmp_path, filled(name))
    out = tmp_path / "unit.yaml"
    run = zi(
        "import",
        path,
        "-o",
        str(out),
        "--name",
        "Unit",
        "--period",
        "2026-Q1",
        "--criteria",
        expected.pack,
    )
    assert run.code == 0, run.stderr
    assert "113/113 butir dijawab" in run.stderr
    imported = load_unit(str(out))
    assert imported.index.id == expected.pack
    assert imported.answers == load_unit(str(EXAMPLES / name)).answers
    from_yaml = zi("score", str(out), "--format", "json")
    from_xlsx = zi("score", path, "--format", "json", "--criteria", expected.pack)
    assert from_yaml.code == from_xlsx.code
    import json

    def strip(text: str) -> str:
        return text.replace(str(out), "F").replace(path, "F")

    a, b = json.loads(strip(from_yaml.stdout)), json.loads(strip(from_xlsx.stdout))
    a["unit"] = b["unit"] = None
    assert a == b


def test_notes_and_data_dukung_are_carried_into_the_long_form(tmp_path: Path) -> None:
    answers = {
        "A.I.1.i.a": {
            "answer": "Ya",
            "note": "SK tim ZI\nditetapkan Januari",
            "evidence": ["sk/sk-tim.pdf", "https://drive.example/sk"],
        },
        "A.II.1.i.a": {"jumlah_agen_perubahan": 4, "jumlah_perubahan_dibuat": 3},
    }
    loaded, read = load_workbook_unit(_write(tmp_path, fill(answers)), period="2026")
    record = loaded.answers["A.I.1.i.a"]
    assert record.note == "SK tim ZI\nditetapkan Januari"
    assert record.evidence == ("sk/sk-tim.pdf", "https://drive.example/sk")
    assert read.raw["answers"]["A.II.1.i.a"] == {
        "jumlah_agen_perubahan": 4,
        "jumlah_perubahan_dibuat": 3,
    }
    assert read.cells[("answers", "A.II.1.i.a", "jumlah_agen_perubahan")] == "'LKE ZI'!K129"


def test_unit_name_and_period_from_the_file_name_with_a_note(tmp_path: Path) -> None:
    loaded, read = load_workbook_unit(_write(tmp_path, fill({}), "KUA_Selebar 2026 TW2.xlsx"))
    assert loaded.data.unit.name == "KUA Selebar"
    assert loaded.data.unit.period == "2026-Q2"
    assert any("diambil dari nama berkas" in note for note in read.notes)


# --- messy copies ---------------------------------------------------------------------------


def _problems(tmp_path: Path, data: bytes) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_workbook_unit(_write(tmp_path, data, "lke.xlsx"), name="U", period="2026")
    return [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]


def test_answer_outside_the_options_is_located_at_its_cell(tmp_path: Path) -> None:
    problems = _problems(tmp_path, fill({"A.I.1.i.b": "D", "A.I.1.i.a": "ya "}))
    assert problems == [
        "lke.xlsx:'LKE ZI'!K9: answers.A.I.1.i.b: 'D' bukan pilihan jawaban A.I.1.i.b (A/B/C) "
        "(saran: pilih salah satu dari A/B/C)"
    ]


def test_typos_trailing_spaces_and_ya_for_ya_tidak_are_tolerated(tmp_path: Path) -> None:
    def edit(ws: Worksheet) -> None:
        ws["G9"] = ws["G9"].value.replace("Penentuan", "Penentuaan") + "   "
        ws["J11"] = "Ya"  # a second row with 'Ya' typed for 'Ya/Tidak' (J8 already is)
        ws["F12"] = "b"

    loaded, _ = load_workbook_unit(
        _write(tmp_path, fill({"A.I.1.i.b": "B", "A.I.1.ii.a": "Tidak"}, edit=edit)),
        name="U",
        period="2026",
    )
    assert {k: v.value for k, v in loaded.answers.items()} == {
        "A.I.1.i.b": loaded.index.compiled.option_records["A.I.1.i.b"]["b"].value,
        "A.I.1.ii.a": loaded.index.compiled.option_records["A.I.1.ii.a"]["tidak"].value,
    }


def test_an_inserted_row_and_a_deleted_row(tmp_path: Path) -> None:
    def edit(ws: Worksheet) -> None:
        insert_rows(ws, 20)  # a new question inside A.I.1.iv, not in the LKE
        ws["F20"], ws["G20"], ws["J20"], ws["K20"] = "x.", "Kegiatan tambahan unit", "A/B/C", "A"
        delete_rows(ws, 26)  # A.I.2.i.a (row 25 before the insertion)

    problems = _problems(tmp_path, fill({"A.I.1.iv.b": "B", "A.I.2.i.b": "C"}, edit=edit))
    assert problems == [
        "lke.xlsx:'LKE ZI': tidak ada baris untuk A.I.2.i.a ('SOP mengacu pada peta proses "
        "bisnis instansi') (saran: apakah barisnya terhapus? sisipkan kembali di sub-areanya, "
        "dengan jenis jawabannya di kolom 'Pilihan Jawaban')",
        "lke.xlsx:'LKE ZI'!G20: baris 20 ('Kegiatan tambahan unit') tidak cocok dengan butir "
        "mana pun dari permenpanrb-90-2021 (saran: salah ketik, atau butir dari paket lain? "
        "periksa teksnya, atau hapus baris ini)",
    ]


def test_rows_shifted_by_an_insertion_still_match(tmp_path: Path) -> None:
    def edit(ws: Worksheet) -> None:
        insert_rows(ws, 10, 3)  # empty rows: units make room for notes

    loaded, read = load_workbook_unit(
        _write(tmp_path, fill({"A.I.1.ii.a": "Tidak", "B.II.a": 3.6}, edit=edit)),
        name="U",
        period="2026",
    )
    assert read.question_rows["A.I.1.ii.a"] == 14
    assert set(loaded.answers) == {"A.I.1.ii.a", "B.II.a"}
    assert str(loaded.answers["B.II.a"].value.value) == "3.6"  # type: ignore[union-attr]


def test_counts_half_filled_and_a_typed_percentage(tmp_path: Path) -> None:
    def edit(ws: Worksheet) -> None:
        ws["K160"] = 0.8  # typed over the formula, its Jumlah rows blank

    problems = _problems(
        tmp_path,
        fill({"A.II.1.i.a": {"jumlah_perubahan_dibuat": 2}, "B.I.a": "3,6"}, edit=edit),
    )
    assert problems == [
        "lke.xlsx:'LKE ZI'!K129: isian jumlah 'Jumlah Agen Perubahan' dari A.II.1.i.a kosong "
        "padahal yang lain terisi (saran: setiap isian jumlah wajib diisi dan 0 adalah jumlah "
        "yang sah)",
        "lke.xlsx:'LKE ZI'!K160: ada nilai yang diketik (0.8) pada A.II.4.i.a yang dihitung; "
        "baris Jumlah-nya kosong (saran: isi baris Jumlah di bawahnya; zi menghitung "
        "persentasenya)",
        "lke.xlsx:'LKE ZI'!K202: answers.B.I.a: seharusnya angka 0..4 untuk B.I.a, tertulis "
        "teks '3,6' (saran: gunakan titik desimal, bukan koma: 3.6)",
    ]


def test_a_count_that_is_not_whole(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        fill({"A.II.6.i.b": {"jumlah_layanan_terdata": 8, "jumlah_layanan_dipermudah": 2.5}}),
    )
    assert problems == [
        "lke.xlsx:'LKE ZI'!K195: answers.A.II.6.i.b.jumlah_layanan_dipermudah: seharusnya "
        "bilangan bulat >= 0, tertulis 2.5 (saran: isian jumlah adalah bilangan bulat seperti 0, "
        "7, atau 1500)"
    ]


def test_folders_hold_workbooks_beside_yaml(tmp_path: Path, zi: Callable[..., Run]) -> None:
    _write(tmp_path, filled("kua-kecamatan-selebar-2026q1.yaml"), "kua-2026-Q1.xlsx")
    (tmp_path / "kua.yaml").write_bytes(
        (EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml").read_bytes()
    )
    run = zi("score", str(tmp_path), "--format", "csv")
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 3
    totals = {line.split(",")[0].rsplit("/", 1)[-1]: line for line in lines[1:]}
    assert "96.19" in totals["kua.yaml"] and "96.19" in totals["kua-2026-Q1.xlsx"]


def test_the_shipped_example_workbook_scores_as_worked_out_by_hand() -> None:
    from fractions import Fraction

    path = Path(__file__).parent / "data" / "workbooks" / "KUA_Kecamatan_Selebar_2026-Q1.xlsx"
    loaded = load_unit(str(path))
    # the KUA example, with A.I.6.iii.b B (A-C: loses 0.5 x 1/3) and LHKASN 8 of 10
    # (loses 0.2 x 1); complaints 3 of 3 score 1 as 0 of 0 did
    expected = EXPECTED["kua-kecamatan-selebar-2026q1.yaml"].total
    assert loaded.assess().card.total == expected - Fraction(1, 6) - Fraction(1, 5)
    assert loaded.data.unit.name == "KUA Kecamatan Selebar"
    assert loaded.data.unit.period == "2026-Q1"
    record = loaded.answers["A.I.1.iv.b"]
    assert record.note == "SK Kepala KUA tentang agen perubahan"
    assert record.evidence == (
        "SK Agen Perubahan 2026",
        "https://drive.google.com/drive/folders/zi-contoh-agen",
    )


def _git(root: Path, *args: str) -> None:
    import subprocess

    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@e", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_diff_trend_and_git_accept_workbooks(
    tmp_path: Path, zi: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    q1 = "kankemenag-kota-bengkulu-2026q1.yaml"
    q2 = "kankemenag-kota-bengkulu-2026q2.yaml"
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    _write(root, filled(q1), "Bengkulu_2026-Q1.xlsx")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "Q1")
    _git(root, "tag", "q1")
    (root / "Bengkulu_2026-Q1.xlsx").write_bytes(filled(q2))  # answers of Q2, same file
    monkeypatch.chdir(root)
    yaml_diff = zi("diff", str(EXAMPLES / q1), str(EXAMPLES / q2), "--format", "json")
    git_diff = zi("diff", "--git", "q1", "Bengkulu_2026-Q1.xlsx", "--format", "json")
    assert git_diff.code == yaml_diff.code == 0, git_diff.stderr
    import json

    a, b = json.loads(yaml_diff.stdout), json.loads(git_diff.stdout)
    assert a["total"] == b["total"]
    assert a["nodes"] == b["nodes"]
    _write(root, filled(q1), "Bengkulu_2026-Q2.xlsx")
    # a workbook carries no unit name (it is taken from the file name), so the YAML
    # file's full name and the workbook's differ: put them side by side explicitly
    trend = zi(
        "trend", str(EXAMPLES / q2), "Bengkulu_2026-Q2.xlsx", "--format", "csv", "--mixed-units"
    )
    assert trend.code == 0, trend.stderr


def _as_jawaban(lke: bytes) -> bytes:
    """An exported LKE rewritten in the KemenPANRB 'Jawaban' layout (tree in B..G,
    answer type J, link M, answer N, score O), with no header row and no pack keyword."""
    import io

    from openpyxl import Workbook, load_workbook

    source = load_workbook(io.BytesIO(lke))["LKE ZI"]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Jawaban"
    moves = {2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 10: 10, 11: 14, 17: 13}
    for row in source.iter_rows(min_row=3):
        for cell in row:
            col = int(cell.column)  # type: ignore[arg-type]
            if col in moves and cell.value is not None and cell.data_type != "f":
                ws.cell(int(cell.row) - 1, moves[col]).value = cell.value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "name", ["kua-kecamatan-selebar-2026q1.yaml", "mtsn-1-kota-bengkulu-2020.yaml"]
)
def test_the_kemenpanrb_jawaban_layout_and_the_pack_told_by_its_questions(
    name: str, tmp_path: Path
) -> None:
    from zicli.render.workbook import export_workbook

    original = load_unit(str(EXAMPLES / name))
    lke = export_workbook(original.index, original.answers, {"name": "U", "period": "2026"})
    path = _write(tmp_path, _as_jawaban(lke), "evaluasi.xlsx")
    loaded, read = load_workbook_unit(path, name="U", period="2026")
    assert loaded.index.id == original.index.id
    assert {k: v.value for k, v in loaded.answers.items()} == {
        k: v.value for k, v in original.answers.items()
    }
    assert read.notes[0].startswith("tata letak: lembar 'Jawaban' KemenPANRB")
    assert read.notes[1] == (
        f"kriteria: {original.index.id} (dipilih dengan mencocokkan butir; tetapkan dengan "
        "--criteria)"
    )


def test_cli_import_says_where_the_unit_came_from(tmp_path: Path, zi: Callable[..., Run]) -> None:
    path = _write(tmp_path, filled("kua-kecamatan-selebar-2026q1.yaml"), "KUA_Selebar_2026-Q1.xlsx")
    run = zi("import", path)
    assert run.code == 0
    assert run.stdout.startswith(
        "# Diimpor oleh zi dari KUA_Selebar_2026-Q1.xlsx (lembar 'LKE ZI').\n"
        "# 113 dari 113 butir dijawab; butir kosong tertulis null.\n"
        'criteria: "permenpanrb-90-2021"\nunit:\n  name: "KUA Selebar"\n  period: "2026-Q1"\n'
    )
    assert run.stderr == (
        "catatan: nama unit 'KUA Selebar' diambil dari nama berkas (tetapkan dengan --name)\n"
        "catatan: periode 2026-Q1 diambil dari nama berkas (tetapkan dengan --period)\n"
    )
    out = tmp_path / "unit.yaml"
    out.write_text("keep\n", encoding="utf-8")
    again = zi("import", path, "-o", str(out))
    assert again.code == 2 and "sudah ada" in again.stderr
    assert out.read_text(encoding="utf-8") == "keep\n"


@pytest.mark.parametrize(
    ("stem", "period"),
    [
        ("KUA_Selebar_2026-Q1", "2026-Q1"),
        ("LKE-2026", "2026"),
        ("LKE 2026 TW2", "2026-Q2"),
        ("lke 2025 semester 2", "2025-S2"),
        ("lampiran-iii-90-2021-unit-copy", None),  # the year of a regulation's number
    ],
)
def test_period_from_a_file_name(stem: str, period: str | None) -> None:
    from zicli.loading.readers.xlsx import _period_from

    assert _period_from(stem) == period


_BREAKERS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "#", "\x01", "\x1b"]


@pytest.mark.parametrize("breaker", _BREAKERS)
def test_import_comments_cannot_break_the_answer_file(
    breaker: str, tmp_path: Path, zi: Callable[..., Run]
) -> None:
    """The workbook's file name and its sheet's name go into the answer file's
    header comment: whatever they hold, the file written still validates, with only
    its own keys (a line break in a comment would start a line of YAML)."""
    import io

    import yaml
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(filled("kua-kecamatan-selebar-2026q1.yaml")))
    # a sheet's name is XML text: it holds line breaks, never C0 controls
    sheet = breaker if breaker in "\n\r\r\n\u2028\u2029\x85#" else ""
    wb["LKE ZI"].title = f"LKE{sheet}x - y{sheet}ZI"
    buffer = io.BytesIO()
    wb.save(buffer)
    path = _write(tmp_path, buffer.getvalue(), f"evil{breaker}criteria: x{breaker}2026-Q1.xlsx")
    out = tmp_path / "unit.yaml"
    run = zi("import", path, "-o", str(out), "--name", "Unit")
    assert run.code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[2] == 'criteria: "permenpanrb-90-2021"', lines[:3]
    for line in lines[:2]:  # the header's two comment lines
        assert line.startswith("# ") and len(line.splitlines()) == 1, repr(line)
        assert line.isprintable(), repr(line)
    data = yaml.safe_load(text)
    assert set(data) == {"criteria", "unit", "answers"}
    assert data["criteria"] == "permenpanrb-90-2021"
    check = zi("validate", str(out))
    assert check.code == 0, check.stderr
    original = load_unit(str(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml"))
    assert load_unit(str(out)).answers == original.answers


@pytest.mark.parametrize("name", ["unit.xlsx", "UNIT.XLSM"])
def test_import_refuses_to_write_yaml_under_a_workbook_name(
    name: str, tmp_path: Path, zi: Callable[..., Run]
) -> None:
    path = _write(tmp_path, filled("kua-kecamatan-selebar-2026q1.yaml"))
    run = zi("import", path, "-o", str(tmp_path / name))
    assert run.code == 2
    assert run.stderr == (
        "kesalahan: zi: --output: seharusnya nama berkas jawaban YAML, "
        f"tertulis '{tmp_path / name}' (saran: mis. -o unit.yaml)\n"
    )
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_import_refuses_a_folder_as_output(
    force: list[str], tmp_path: Path, zi: Callable[..., Run]
) -> None:
    path = _write(tmp_path, filled("kua-kecamatan-selebar-2026q1.yaml"))
    folder = tmp_path / "out.yaml"
    folder.mkdir()
    run = zi("import", path, "-o", str(folder), *force)
    assert run.code == 2
    assert run.stderr == (
        f"kesalahan: {folder}: adalah folder; zi tidak menimpanya (saran: sebutkan sebuah berkas)\n"
    )


# --- columns inserted and deleted -----------------------------------------------------------

SHIPPED_WORKBOOK = (
    Path(__file__).parent / "data" / "workbooks" / "KUA_Kecamatan_Selebar_2026-Q1.xlsx"
)


def _edit_columns(tmp_path: Path, edit: Callable[[Worksheet], None]) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(SHIPPED_WORKBOOK)
    edit(wb["LKE ZI"])
    path = tmp_path / "KUA_Kecamatan_Selebar_2026-Q1.xlsx"
    wb.save(path)
    return str(path)


@pytest.mark.parametrize(
    "edit",
    [
        lambda ws: ws.insert_cols(1),  # before A (a streamed row then starts with EmptyCell)
        lambda ws: ws.insert_cols(1, 3),
        lambda ws: ws.insert_cols(4),  # inside the tree (Penilaian B..G)
        lambda ws: ws.insert_cols(8),  # between the question text and Bobot
        lambda ws: ws.insert_cols(9),  # between Bobot and Penjelasan
        lambda ws: ws.insert_cols(12),  # between Jawaban and Nilai
        lambda ws: ws.insert_cols(20),  # after the last column
        lambda ws: ws.delete_cols(1),  # the row numbers in A
        lambda ws: ws.delete_cols(9),  # Penjelasan
    ],
    ids=[
        "before-A",
        "3-before-A",
        "in-tree",
        "before-bobot",
        "after-bobot",
        "before-nilai",
        "after-last",
        "delete-A",
        "delete-penjelasan",
    ],
)
def test_a_column_inserted_or_deleted_scores_as_the_original(
    edit: Callable[[Worksheet], None], tmp_path: Path, zi: Callable[..., Run]
) -> None:
    path = _edit_columns(tmp_path, edit)
    assert (
        load_unit(path).assess().card.total == load_unit(str(SHIPPED_WORKBOOK)).assess().card.total
    )
    run = zi("score", path)
    assert run.code == 0, run.stderr
    assert "95.82" in run.stdout


def test_a_deleted_bobot_column_is_a_located_error(tmp_path: Path, zi: Callable[..., Run]) -> None:
    path = _edit_columns(tmp_path, lambda ws: ws.delete_cols(8))
    for command in ("score", "audit", "import"):
        run = zi(command, path)
        assert run.code == 2, run.stderr
        assert run.stderr.startswith(f"kesalahan: {path}: lembar LKE tidak ditemukan"), run.stderr


def test_two_lke_sheets_are_refused_naming_both(tmp_path: Path, zi: Callable[..., Run]) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(SHIPPED_WORKBOOK)
    wb["LKE ZI"].title = "KUA Selebar"
    wb.copy_worksheet(wb["KUA Selebar"]).title = "KUA Curup"
    path = tmp_path / "C_2026-Q1.xlsx"
    wb.save(path)
    for command in ("score", "audit", "import"):
        run = zi(command, str(path))
        assert run.code == 2, command
        assert run.stderr == (
            f"kesalahan: {path}: buku kerja ini memuat 2 lembar LKE ('KUA Selebar', "
            "'KUA Curup'); zi membaca satu unit per buku kerja (saran: simpan lembar setiap "
            "unit dalam buku kerja tersendiri, atau hapus salinan yang berlebih)\n"
        ), command
