"""The SCORE area speaks Indonesian by default and English with ``--lang en``: one unit's
report (table, Markdown, CSV, JSON messages), a batch (table, Markdown, JUnit, GitHub),
``zi validate``, ``zi evidence``, ``zi init``'s template and ``zi export``'s own notes.
Ids, JSON keys, JUnit test names and workflow-command prefixes never change with the
language, and nothing translated outlives a language switch."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from zicli import i18n

from .conftest import EXAMPLES, Run

Zi = Callable[..., Run]

UNIT = str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml")
ONE_ANSWER = """\
criteria: permenpanrb-90-2021
unit:
  name: KUA Uji
  period: 2026-Q1
answers:
  A.I.1.i.a: Ya
"""


def _blank_unit(tmp_path: Path) -> str:
    path = tmp_path / "kua-uji.yaml"
    path.write_text(ONE_ANSWER, encoding="utf-8")
    return str(path)


def _keys(value: Any) -> Any:
    """The shape of a JSON value: its keys, not its texts."""
    if isinstance(value, dict):
        return {k: _keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keys(v) for v in value]
    return type(value).__name__


def test_score_table_follows_the_language(zi: Zi, tmp_path: Path) -> None:
    path = _blank_unit(tmp_path)
    indonesian = zi("score", path).stdout
    english = zi("--lang", "en", "score", path).stdout
    for text in (
        "─ Kesimpulan ─",
        "Predikat: Belum memenuhi  (sementara: 112 dari 113 butir belum dijawab)",
        "Syarat Menuju WBK: 12 belum terpenuhi",
        "Syarat pengusulan Menuju WBK: 0 terpenuhi, 0 belum, 8 tidak dinyatakan",
        "Peringatan:\n- 112 dari 113 butir kosong dan bernilai 0; predikat bersifat sementara",
        "Nilai Evaluasi Zona Integritas",
    ):
        assert text in indonesian
    for text in (
        "─ Verdict ─",
        "Predicate: Not yet met  (provisional: 112 of 113 questions not answered)",
        "Conditions for Menuju WBK: 12 not met",
        "Proposal prerequisites for Menuju WBK: 0 met, 0 not yet, 8 not stated",
        "Warnings:\n- 112 of 113 questions are blank and count 0; the verdict is provisional",
        "Zona Integritas evaluation score",
        "NOT MET",
    ):
        assert text in english
    # the next run without --lang is Indonesian again (nothing English is left behind)
    assert zi("score", path).stdout == indonesian


def test_score_markdown_csv_and_json_follow_the_language(zi: Zi, tmp_path: Path) -> None:
    path = _blank_unit(tmp_path)
    md_id = zi("score", path, "-f", "markdown").stdout
    md_en = zi("--lang", "en", "score", path, "-f", "markdown").stdout
    assert "### Peringatan" in md_id and "**Predikat: Belum memenuhi**" in md_id
    assert "### Warnings" in md_en and "**Predicate: Not yet met**" in md_en
    assert "| Syarat | Minimal | Capaian | Selisih | Status |" in md_id
    assert "| Condition | Minimum | Achieved | Margin | Status |" in md_en
    csv_id = zi("score", path, "-f", "csv", "--detail").stdout.splitlines()
    csv_en = zi("--lang", "en", "score", path, "-f", "csv", "--detail").stdout.splitlines()
    assert csv_id[0] == csv_en[0]  # the header is column ids
    assert csv_id[-1].endswith("TOTAL,total,Nilai Evaluasi Zona Integritas,,100.00,0.25,0.25")
    assert csv_en[-1].endswith("TOTAL,total,Zona Integritas evaluation score,,100.00,0.25,0.25")
    blank_id = [row for row in csv_id if ",butir," in row and ",kosong," in row]
    blank_en = [row for row in csv_en if ",butir," in row and ",blank," in row]
    assert len(blank_id) == len(blank_en) == 112
    json_id = json.loads(zi("score", path, "-f", "json").stdout)
    json_en = json.loads(zi("--lang", "en", "score", path, "-f", "json").stdout)
    assert _keys(json_id) == _keys(json_en)
    assert [w["code"] for w in json_id["warnings"]] == [w["code"] for w in json_en["warnings"]]
    assert json_id["warnings"][-1]["message"] == (
        "112 dari 113 butir kosong dan bernilai 0; predikat bersifat sementara"
    )
    assert json_en["warnings"][-1]["message"] == (
        "112 of 113 questions are blank and count 0; the verdict is provisional"
    )


def test_batch_formats_follow_the_language(zi: Zi, tmp_path: Path) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    _blank_unit(folder)
    (folder / "man.yaml").write_text(Path(UNIT).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "bad.yaml").write_text("criteria: nope\n", encoding="utf-8")
    args = ("score", str(folder), "--fail-under", "80")
    table_id = zi(*args, "--width", "120").stdout
    table_en = zi("--lang", "en", *args, "--width", "120").stdout
    assert "Belum terpenuhi" in table_id and "tidak valid" in table_id
    assert "3 berkas · WBK: 1 · Belum: 1 · tidak valid: 1 · gagal gerbang (!): 1" in table_id
    assert "3 files · WBK: 1 · Not yet: 1 · invalid: 1 · gate failures (!): 1" in table_en
    md_en = zi("--lang", "en", *args, "-f", "markdown").stdout
    assert md_en.startswith("## zi: Zona Integritas assessment results\n")
    assert (
        "| Unit | Period | Criteria | Total | Predicate | Complete | Evidence | Not met |" in md_en
    )
    assert "Gates: `--fail-under 80`. ⚠ = gate failed." in md_en
    junit_id = zi(*args, "-f", "junit").stdout
    junit_en = zi("--lang", "en", *args, "-f", "junit").stdout

    def names(xml: str) -> list[str]:
        return re.findall(r'<testcase name="([^"]*)"', xml)

    assert names(junit_id) == names(junit_en)  # CI keeps a test's history by its name
    assert 'name="zi.predicate_name" value="Belum"' in junit_id
    assert 'name="zi.predicate_name" value="Not yet"' in junit_en
    gh_id = zi(*args, "-f", "github").stdout.splitlines()
    gh_en = zi("--lang", "en", *args, "-f", "github").stdout.splitlines()

    def prefixes(lines: list[str]) -> list[str]:
        return [line[: line.index("::", 2) + 2] for line in lines]

    assert prefixes(gh_id) == prefixes(gh_en)
    assert any("KUA Uji (2026-Q1): 0.25 Belum — " in line for line in gh_id)
    assert any("KUA Uji (2026-Q1): 0.25 Not yet — " in line for line in gh_en)


def test_validate_and_evidence_follow_the_language(zi: Zi) -> None:
    assert zi("validate", UNIT).stdout.endswith("113/113 butir dijawab)\n")
    assert zi("--lang", "en", "validate", UNIT).stdout.endswith("113/113 questions answered)\n")
    evidence_id = zi("evidence", UNIT, "--detail").stdout
    evidence_en = zi("--lang", "en", "evidence", UNIT, "--detail").stdout
    assert "JUMLAH" in evidence_id and "jawaban tanpa data dukung" in evidence_id
    assert "ALL AREAS" in evidence_en and "answers without data dukung" in evidence_en
    assert "Jawaban berisiko:" in evidence_id and "Answers at risk:" in evidence_en
    assert "tanpa bukti !" in evidence_id and "no evidence !" in evidence_en


def test_the_init_template_speaks_either_language_and_both_validate(zi: Zi, tmp_path: Path) -> None:
    indonesian = zi("init", "--period", "2026-Q1").stdout
    english = zi("--lang", "en", "init", "--period", "2026-Q1").stdout
    assert indonesian.startswith("# Berkas jawaban zi: PermenPANRB 90/2021\n# Isi setiap butir")
    assert english.startswith("# zi answer file: PermenPANRB 90/2021\n# Answer each question")
    assert "  instansi: null                 # opsional, mis. Kementerian Agama" in indonesian
    assert "  instansi: null                 # optional, e.g. Kementerian Agama" in english
    assert "(bobot 60)" in indonesian and "(weight 60)" in english
    # the same keys and values: only the comments differ
    assert yaml.safe_load(indonesian) == yaml.safe_load(english)
    for lang, text in (("id", indonesian), ("en", english)):
        path = tmp_path / f"template-{lang}.yaml"
        path.write_text(text, encoding="utf-8")
        assert zi("validate", str(path)).code == 0


def test_export_translates_only_its_own_notes(zi: Zi, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sheets = {}
    for lang in ("id", "en"):
        out = tmp_path / f"lke-{lang}.xlsx"
        assert zi("--lang", lang, "export", UNIT, "-o", str(out)).code == 0
        sheets[lang] = load_workbook(io.BytesIO(out.read_bytes()))
    heads = [[c.value for c in wb["LKE ZI"][2]] for wb in sheets.values()]
    assert heads[0] == heads[1]  # the official form's headers stay as the regulation has them
    texts = {lang: [c.value for row in wb["Utama"].iter_rows() for c in row if c.value]
             for lang, wb in sheets.items()}  # fmt: skip
    assert "Satuan kerja" in texts["id"] and "Work unit" in texts["en"]
    assert any(str(t).startswith("Predikat menurut zi (") for t in texts["id"])
    assert any(str(t).startswith("Predicate by zi (") for t in texts["en"])


def test_status_words_are_read_in_the_language_in_use() -> None:
    from zicli.render import common

    try:
        i18n.use("en")
        words = (common.MET_MSG, common.NOT_MET_MSG, common.BELUM_MSG)
        assert tuple(map(i18n._, words)) == ("met", "NOT MET", "Not yet met")
        assert common.STATE["repealed"] == "repealed"
        i18n.use("id")
        assert tuple(map(i18n._, words)) == (
            "terpenuhi",
            "BELUM",
            "Belum memenuhi",
        )
        assert common.STATE["repealed"] == "dicabut"
        assert i18n._(common.BLANK_MSG) == "kosong"
        assert i18n._(common.TOTAL_LABEL_MSG) == "Nilai Evaluasi Zona Integritas"
    finally:
        i18n.use("id")


def test_engine_warnings_follow_the_language(zi: Zi, tmp_path: Path) -> None:
    path = tmp_path / "lama.yaml"
    path.write_text(
        "criteria: permenpanrb-10-2019\nunit:\n  name: Nama Satuan Kerja\n  period: 2026-Q1\n"
        "answers:\n  A.I.1.a: Ya\n",
        encoding="utf-8",
    )
    messages = {
        lang: {
            w["code"]: (w["message"], w.get("hint"))
            for w in json.loads(zi("--lang", lang, "score", str(path), "-f", "json").stdout)[
                "warnings"
            ]
        }
        for lang in ("id", "en")
    }
    assert messages["id"]["repealed"][0] == (
        "PermenPANRB 10/2019 dicabut pada 2021-12-31 oleh PermenPANRB 90/2021 (Pasal 6), "
        "sebelum periode 2026-Q1; gunakan 'permenpanrb-90-2021' untuk penilaian"
    )
    assert messages["en"]["repealed"][0] == (
        "PermenPANRB 10/2019 was repealed on 2021-12-31 by PermenPANRB 90/2021 (Pasal 6), "
        "before period 2026-Q1; score with 'permenpanrb-90-2021'"
    )
    assert messages["id"]["placeholder-name"] == (
        "nama unit masih contoh dari templat, 'Nama Satuan Kerja'",
        "tulis nama satuan kerja, mis. KUA Kecamatan Selebar",
    )
    assert messages["en"]["placeholder-name"] == (
        "the unit name is the template's placeholder 'Nama Satuan Kerja'",
        "write the satuan kerja's name, e.g. KUA Kecamatan Selebar",
    )
