"""Issue 4: pack inheritance, Kemenag overlays, prerequisites and gates."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from zicli.engine.assess import assess
from zicli.engine.unit import BoundUnit
from zicli.errors import InputError
from zicli.loading import load_criteria, load_criteria_file, load_unit

from .builders import all_answers
from .conftest import CRITERIA, EXAMPLES, Run
from .expected_examples import EXPECTED

OVERLAYS = {"kma-633-2020": "permenpanrb-10-2019", "kemenag-90-2021": "permenpanrb-90-2021"}
KEMENAG_EXAMPLES = sorted(n for n, e in EXPECTED.items() if e.pack in OVERLAYS)
Zi = Callable[..., Run]


def test_there_are_kemenag_examples_for_each_overlay() -> None:
    packs = [EXPECTED[n].pack for n in KEMENAG_EXAMPLES]
    assert packs.count("kma-633-2020") >= 3
    assert packs.count("kemenag-90-2021") >= 2


@pytest.mark.parametrize("name", KEMENAG_EXAMPLES)
def test_overlay_scores_exactly_like_its_parent(name: str) -> None:
    loaded = load_unit(str(EXAMPLES / name))
    parent = load_criteria(OVERLAYS[loaded.index.id])
    child_result = assess(
        BoundUnit(loaded.index, loaded.data.unit, loaded.answers, source=name, held=loaded.held)
    )
    parent_result = assess(
        BoundUnit(parent, loaded.data.unit, loaded.answers, source=name, held=loaded.held)
    )
    assert dict(child_result.card.scores) == dict(parent_result.card.scores)
    assert child_result.verdict.results == parent_result.verdict.results


@pytest.mark.parametrize("overlay", sorted(OVERLAYS))
@pytest.mark.parametrize("which", ["best", "worst"])
def test_overlay_tree_and_rules_equal_parent(overlay: str, which: str) -> None:
    child, parent = load_criteria(overlay), load_criteria(OVERLAYS[overlay])
    assert child.criteria.extends == parent.id
    assert child.weights == parent.weights
    assert [q.id for q in child.questions] == [q.id for q in parent.questions]
    assert child.criteria.predicates == parent.criteria.predicates
    answers = all_answers(parent, which)
    unit = load_unit(str(EXAMPLES / KEMENAG_EXAMPLES[0])).data.unit
    a = assess(BoundUnit(child, unit, answers, source="t"))
    b = assess(BoundUnit(parent, unit, answers, source="t"))
    assert a.card.total == b.card.total


def test_overlays_add_guidance_with_sources() -> None:
    for overlay in OVERLAYS:
        index = load_criteria(overlay)
        assert index.changed, overlay
        for node_id in index.changed:
            node = index.nodes[node_id]
            assert node.guidance_source, node_id
        assert index.criteria.gates
        for gate in index.criteria.gates:
            assert gate.source
            assert gate.confidence
            assert all(c.source for c in gate.conditions)
        for pre in index.criteria.prerequisites:
            assert pre.source
            assert pre.confidence


def test_kma_says_no_own_weights_were_found() -> None:
    notes = " ".join(load_criteria("kma-633-2020").criteria.notes)
    assert "Tidak ditemukan bobot atau ambang batas tersendiri" in notes


# --- prerequisites ---------------------------------------------------------------------------


def _unit_file(
    tmp_path: Path, pack: str, unit_extra: str, answers: str = "  A.I.1.i.a: Ya\n"
) -> str:
    path = tmp_path / "unit.yaml"
    path.write_text(
        f'criteria: {pack}\nunit:\n  name: KUA Uji\n  period: "2026-Q1"\n{unit_extra}'
        f"answers:\n{answers}",
        encoding="utf-8",
    )
    return str(path)


def test_prerequisites_met_not_met_not_stated(zi: Zi, tmp_path: Path) -> None:
    path = _unit_file(
        tmp_path,
        "kemenag-90-2021",
        '  opini_bpk: wtp\n  sakip: CC\n  tlhp_persen: 100\n  lhkpn_persen: "99.5"\n',
    )
    data = json.loads(zi("score", path, "--format", "json").stdout)
    status = {p["id"]: p["status"] for p in data["prerequisites"]}
    assert status["opini_bpk"] == "met"  # case-insensitive: WTP
    assert status["sakip_wbk"] == "not_met"  # CC is below B
    assert status["tlhp"] == "met"
    assert status["lhkpn"] == "not_met"  # 99.5 < 100
    assert status["spip"] == "not_stated"  # nothing unstated is assumed met
    assert status["indeks_rb_wbk"] == "not_stated"
    stated = {p["id"]: p["stated"] for p in data["prerequisites"]}
    assert stated["opini_bpk"] == "WTP"
    assert all(p["source"] for p in data["prerequisites"])


def test_prerequisite_table_in_the_verdict_panel(zi: Zi) -> None:
    out = zi("score", str(EXAMPLES / "kemenag-kankemenag-kabupaten-seluma-2026q1.yaml")).stdout
    assert "Syarat pengusulan Menuju WBBM: 8 terpenuhi, 1 belum, 0 tidak dinyatakan" in out
    assert "Kepatuhan LHKASN 100 %" in out
    assert "Tahapan" in out and "Siap penilaian TPI (Itjen): terpenuhi" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("  opini_bkp: WTP\n", "kunci 'opini_bkp' tidak dikenal (saran: maksud Anda 'opini_bpk'?)"),
        ("  sakip: Z\n", "bukan nilai sakip (AA/A/BB/B/CC/C/D)"),
        ("  spip_level: 7\n", "7 di luar 1..5 untuk spip_level"),
        ("  tlhp_persen: 99,5\n", "seharusnya angka untuk tlhp_persen"),
    ],
)
def test_bad_prerequisite_facts(zi: Zi, tmp_path: Path, extra: str, message: str) -> None:
    run = zi("score", _unit_file(tmp_path, "kemenag-90-2021", extra))
    assert run.code == 2
    assert message in run.stderr
    assert ":5:" in run.stderr  # the line of the fact


def test_facts_need_a_pack_that_declares_them(zi: Zi, tmp_path: Path) -> None:
    path = _unit_file(tmp_path, "permenpanrb-10-2019", "  opini_bpk: WTP\n", "  A.I.1.a: Ya\n")
    run = zi("score", path)
    assert run.code == 2
    assert "kunci 'opini_bpk' tidak dikenal" in run.stderr


# --- gates -----------------------------------------------------------------------------------


def test_gates_in_json(zi: Zi) -> None:
    name = "kma-man-1-rejang-lebong-2021.yaml"
    data = json.loads(zi("score", str(EXAMPLES / name), "--format", "json").stdout)
    gates = {g["id"]: g for g in data["gates"]}
    assert gates["siap_tpi"]["met"] is True
    calon = gates["calon_kemenag"]
    assert calon["met"] is False  # SAKIP Kementerian not stated
    sakip = next(c for c in calon["conditions"] if c["id"] == "sakip")
    assert (sakip["met"], sakip["actual"], sakip["required"]) == (False, "tidak dinyatakan", "CC")
    assert calon["source"].startswith("KMA186")


def test_gate_below_bar(zi: Zi, tmp_path: Path) -> None:
    path = _unit_file(tmp_path, "kemenag-90-2021", "")
    data = json.loads(zi("score", path, "--format", "json").stdout)
    nkp = next(g for g in data["gates"] if g["id"] == "lolos_tppp")
    assert nkp["met"] is False
    assert nkp["conditions"][0]["required"] == 38


# --- inheritance errors ----------------------------------------------------------------------


def _overlay(tmp_path: Path, body: str, extends: str = "permenpanrb-90-2021") -> str:
    path = tmp_path / "child.yaml"
    path.write_text(
        "schema_version: 1\nid: child\nextends: " + extends + "\ntitle: C\nshort_title: C\n"
        "legal_basis: test\nstatus: {state: in_force}\n" + body,
        encoding="utf-8",
    )
    return str(path)


def test_overlay_naming_an_unknown_node_is_an_error(tmp_path: Path) -> None:
    path = _overlay(tmp_path, "overrides:\n  A.I.1.i.z:\n    guidance: x\n")
    with pytest.raises(InputError) as info:
        load_criteria_file(path)
    problem = info.value.problems[0]
    assert (problem.line, problem.col) == (9, 3)
    assert "'A.I.1.i.z' bukan simpul paket induk 'permenpanrb-90-2021'" in problem.message
    assert (problem.hint or "").startswith("maksud Anda 'A.I.1.i.")


def test_overlay_cannot_change_weights(tmp_path: Path) -> None:
    path = _overlay(tmp_path, "overrides:\n  A.I.1.i:\n    weight: 9\n")
    with pytest.raises(InputError) as info:
        load_criteria_file(path)
    assert "kunci 'weight' tidak dikenal" in str(info.value)


def test_overlay_rule_errors_point_into_the_overlay(tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        "gates:\n  - id: g\n    name: G\n    conditions:\n"
        "      - {id: x, description: x, node: Z.1, min: 1}\n",
    )
    with pytest.raises(InputError) as info:
        load_criteria_file(path)
    problem = info.value.problems[0]
    assert "node 'Z.1' tidak dikenal" in problem.message
    assert problem.line == 12


def test_overlay_of_unknown_parent_and_cycles(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_criteria_file(_overlay(tmp_path, "", extends="permenpanrb-90-2012"))
    assert "maksud Anda 'permenpanrb-90-2021'?" in str(info.value)
    # the field is named once, by the location
    assert "child.yaml:3:10: extends: paket kriteria 'permenpanrb-90-2012' tidak dikenal" in str(
        info.value
    )
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    head = (
        "schema_version: 1\ntitle: T\nshort_title: T\nlegal_basis: t\nstatus: {state: in_force}\n"
    )
    a.write_text(f"id: a\nextends: b.yaml\n{head}", encoding="utf-8")
    b.write_text(f"id: b\nextends: a.yaml\n{head}", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_criteria_file(str(a))
    assert "membentuk siklus" in str(info.value)


def test_criteria_show_lists_what_the_overlay_changes(zi: Zi) -> None:
    out = zi("criteria", "show", "kma-633-2020", "--width", "100").stdout
    assert "turunan dari permenpanrb-10-2019" in out
    assert "Perubahan terhadap permenpanrb-10-2019" in out
    assert "Tahapan: Siap penilaian TPI (Itjen)" in out
    assert "Opini BPK Kementerian Agama minimal WTP" in out


def test_criteria_show_claims_the_same_verdict_only_when_true(zi: Zi, tmp_path: Path) -> None:
    texts = _overlay(tmp_path, "overrides:\n  A.I.1.i.a: {text: Teks baru}\n")
    out = zi("criteria", "show", texts, "--width", "100").stdout
    assert "skor dan verdict sama dengan induknya" in out
    assert "A.I.1.i.a" in out
    (tmp_path / "rules").mkdir()
    rules = _overlay(
        tmp_path / "rules",
        "overrides:\n  A.I.1.i.a: {text: Teks baru}\npredicates:\n- id: WBK\n"
        "  name: Menuju WBK (uji)\n  conditions:\n"
        "  - {id: total, description: Nilai total, node: total, min: 93.95}\n"
        "- id: BARU\n  name: Baru\n  conditions:\n"
        "  - {id: total, description: Nilai total, node: total, min: 99}\n",
    )
    run = zi("criteria", "show", rules, "--width", "100")
    assert run.code == 0, run.stderr
    assert "verdict sama" not in run.stdout
    assert "turunan dari permenpanrb-90-2021: skor sama dengan induknya" in run.stdout
    changes = run.stdout.split("Perubahan terhadap permenpanrb-90-2021")[1]
    assert "predikat WBK: menggantikan milik induknya" in changes
    assert "predikat BARU: ditambahkan" in changes
    # the shipped Kemenag overlay adds stages and prerequisites, judged beside the
    # verdict (never changing it), and lists them
    kemenag = zi("criteria", "show", "kemenag-90-2021", "--width", "100").stdout
    assert "skor dan verdict sama dengan induknya" in kemenag
    changes = kemenag.split("Perubahan terhadap permenpanrb-90-2021")[1]
    assert "tahapan siap_tpi: ditambahkan" in changes
    assert "syarat pengusulan indeks_rb_wbk: ditambahkan" in changes


def test_shipped_overlay_files_exist() -> None:
    assert (CRITERIA / "kma-633-2020.yaml").exists()
    assert (CRITERIA / "kemenag-90-2021.yaml").exists()
