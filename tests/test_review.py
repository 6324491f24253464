"""Review layers: the evaluator's answers over the unit's, scored exactly.

Expected totals are the unit's hand-worked total (tests/expected_examples.py) minus
or plus what each evaluator's answer changes, worked out by hand from the
regulation's weights (a sub-area of weight W with n questions: a change of the
option value by d moves the total by d x W / n; a survey index by d / 4 x 17.5;
capaian kinerja by d x 5). The code under test is not consulted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zicli.engine.review import ReviewEntry, layer_over, unit_layer
from zicli.errors import InputError
from zicli.loading import load_unit
from zicli.loading.review import load_chain
from zicli.models.answers import AnswerRecord, OptionAnswer

from .conftest import EXAMPLES, ROOT, Run
from .expected_examples import EXPECTED, loss, survey_loss
from .golden import check_golden

Zi = Callable[..., Run]
REVIEWS = ROOT / "examples-review"
UNIT = EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml"
TPI = REVIEWS / "kankemenag-kota-bengkulu-2026q1-tpi.yaml"
TPN = REVIEWS / "kankemenag-kota-bengkulu-2026q1-tpn.yaml"
UNIT_TOTAL = EXPECTED["kankemenag-kota-bengkulu-2026q1.yaml"].total  # 93.945791666...

# The TPI downgrades three answers (and comments on a fourth without changing it):
TPI_LOSS = (
    loss("0.33", 1, 3)  # A.I.1.iii.a A -> B (A-D: 1 -> 0.67), sub-area A.I.1.iii: 1.00 / 3
    + loss("0.5", "1.5", 4)  # A.I.1.iv.b A -> B (A-C: 1 -> 0.5), sub-area A.I.1.iv: 1.50 / 4
    + F("0.25") * 5  # B.I.b B -> C (A-E: 0.75 -> 0.5), capaian kinerja weight 5
)
# The TPN restores A.I.1.iii.a and lowers the IPKP survey from 3.68 to 3.60:
TPN_CHANGE = loss("0.33", 1, 3) - (survey_loss("3.60") - survey_loss("3.68"))


def test_tpi_downgrade_is_scored_exactly() -> None:
    loaded = load_unit(str(TPI))
    result = loaded.assess()
    assert F("1.5475") == TPI_LOSS  # 0.11 + 0.1875 + 1.25, by hand
    assert result.card.total == UNIT_TOTAL - TPI_LOSS  # 92.398291666...
    # B.I falls to 20.025 - 1.25 = 18.775 (< 19.50 for WBBM, >= 18.25 for WBK) and
    # B.I.b to 2.50 (< 3.75 for WBBM, = 2.50 for WBK): the TPI's verdict is Menuju WBK.
    assert result.card.scores["B.I.b"] == F("2.5")
    assert result.verdict.predicate == "WBK"
    assert result.layer == "tpi"
    assert result.from_unit == 113 - 3


def test_two_layers_tpn_over_tpi() -> None:
    result = load_unit(str(TPN)).assess()
    assert F("0.11") - F("0.35") == TPN_CHANGE
    assert result.card.total == UNIT_TOTAL - TPI_LOSS + TPN_CHANGE  # 92.158291666...
    assert result.verdict.predicate == "WBK"
    # A.I.1.iii.a and B.II.a are the TPN's, A.I.1.iv.b and B.I.b the TPI's.
    assert result.from_unit == 113 - 4


def test_silent_evaluator_scores_as_the_unit(tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_bytes(UNIT.read_bytes())
    review = tmp_path / "tpi.yaml"
    review.write_text(
        "reviews: unit.yaml\nlayer: tpi\nanswers:\n"
        "  A.I.1.i.a: {note: SK sudah lengkap}\n"
        "  A.I.2.i.a: {note: cek lagi, follow_up: {pic: TU, status: done}}\n",
        encoding="utf-8",
    )
    result = load_unit(str(review)).assess()
    assert result.card.total == UNIT_TOTAL
    assert result.verdict.predicate == "WBBM"
    assert result.from_unit == 113


def test_layers_pure() -> None:
    a = AnswerRecord(OptionAnswer("A"))
    b = AnswerRecord(OptionAnswer("B"))
    base = unit_layer("u.yaml", {"q1": a, "q2": a})
    tpi = layer_over(base, "tpi", "t.yaml", {"q1": ReviewEntry(b), "q2": ReviewEntry(None, "ok")})
    tpn = layer_over(tpi, "tpn", "n.yaml", {"q2": ReviewEntry(b)})
    assert tpi.answers == {"q1": b, "q2": a}
    assert (tpi.from_unit, tpn.from_unit) == (1, 0)
    assert tpn.origin == {"q1": "tpi", "q2": "tpn"}


def test_score_json_adds_layer(zi: Zi) -> None:
    run = zi("score", str(TPN), "--format", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert (data["layer"], data["from_unit"], data["total"]) == ("tpn", 109, 92.16)
    assert data["file"] == str(TPN)
    unit = json.loads(zi("score", str(UNIT), "--format", "json").stdout)
    assert "layer" not in unit and "from_unit" not in unit


def test_score_json_of_a_layer_matches_the_schema(zi: Zi) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "src/zicli/schemas/score.schema.json").read_text("utf-8"))
    data = json.loads(zi("score", str(TPI), "--format", "json").stdout)
    jsonschema.Draft202012Validator(schema).validate(data)


def test_review_json_contract(zi: Zi) -> None:
    run = zi("review", str(UNIT), str(TPI), str(TPN), "--format", "json", "--today", "2026-06-01")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["schema"] == "zi.review/1"
    layers = data["layers"]
    assert [x["name"] for x in layers] == ["unit", "tpi", "tpn"]
    assert [x["total"] for x in layers] == [93.95, 92.40, 92.16]
    assert [x["predicate"] for x in layers] == ["WBBM", "WBK", "WBK"]
    assert [x["from_unit"] for x in layers] == [113, 110, 109]
    total = next(n for n in data["nodes"] if n["id"] == "total")
    assert total["scores"] == {"unit": 93.95, "tpi": 92.40, "tpn": 92.16}
    diffs = [
        (d["id"], d["layer"], d["before"], d["after"], d["changed"]) for d in data["differences"]
    ]
    assert diffs == [
        ("A.I.1.i.a", "tpi", "Ya", "Ya", False),
        ("A.I.1.iii.a", "tpi", "A", "B", True),
        ("A.I.1.iv.b", "tpi", "A", "B", True),
        ("B.I.b", "tpi", "B", "C", True),
        ("A.I.1.iii.a", "tpn", "B", "A", True),
        ("B.II.a", "tpn", "3.68", "3.60", True),
    ]
    b_i_b = data["differences"][3]
    assert b_i_b["effect_exact"] == "-1.25"
    assert b_i_b["follow_up"] == {
        "pic": "Kasubbag Perencanaan",
        "status": "open",
        "due": "2026-05-31",
        "overdue": True,
    }
    assert data["follow_up"] == [
        {"pic": "Kasubbag Perencanaan", "open": 1, "done": 0, "overdue": 1},
        {"pic": "Kasubbag TU", "open": 0, "done": 1, "overdue": 0},
        {"pic": "Ketua Tim Kerja ZI", "open": 2, "done": 0, "overdue": 1},
    ]


def test_review_table_golden(zi: Zi) -> None:
    run = zi(
        "review",
        str(UNIT.relative_to(ROOT)),
        str(TPI.relative_to(ROOT)),
        str(TPN.relative_to(ROOT)),
        "--today",
        "2026-06-01",
    )
    assert run.code == 0, run.stderr
    check_golden("review/bengkulu-layers.txt", run.stdout)


def test_review_infers_the_chain_from_the_top_file(zi: Zi) -> None:
    run = zi("review", str(TPN), "--format", "json", "--today", "2026-06-01")
    assert [x["name"] for x in json.loads(run.stdout)["layers"]] == ["unit", "tpi", "tpn"]


def test_review_refuses_a_file_outside_the_chain(zi: Zi) -> None:
    other = EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml"
    run = zi("review", str(other), str(TPI))
    assert run.code == 2
    assert f"kesalahan: {other}: bukan lapisan di bawah {TPI}" in run.stderr


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def unit_dir(tmp_path: Path) -> Path:
    _write(
        tmp_path,
        "unit.yaml",
        "criteria: kemenag-90-2021\nunit: {name: X, period: '2026-Q1'}\n"
        "answers:\n  A.I.1.i.a: Ya\n  A.I.1.i.b: A\n",
    )
    return tmp_path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "reviews: unit.yaml\nlayer: tpii\n",
            "tpi.yaml:2:8: layer: lapisan 'tpii' tidak dikenal (saran: maksud Anda 'tpi'?)",
        ),
        (
            "reviews: unit.yaml\nlayer: tpi\nreviewr: X\n",
            "tpi.yaml:3:1: reviewr: kunci 'reviewr' tidak dikenal (saran: maksud Anda 'reviewer'?)",
        ),
        (
            "reviews: unit.yaml\nlayer: tpi\nanswers:\n  A.I.1.i.b: {answer: E}\n",
            "tpi.yaml:4:23: answers.A.I.1.i.b.answer: 'E' bukan pilihan jawaban A.I.1.i.b (A/B/C)",
        ),
        (
            "reviews: unit.yaml\nlayer: tpi\nanswers:\n  A.I.1.i.b: {answer: C, catatan: x}\n",
            "tpi.yaml:4:35: answers.A.I.1.i.b.catatan: kunci 'catatan' tidak dikenal dalam entri "
            "penilaian",
        ),
        (
            "reviews: unit.yaml\nlayer: tpi\nanswers:\n"
            "  A.I.1.i.b: {note: x, follow_up: {pic: TU, status: selesai}}\n",
            "tpi.yaml:4:53: answers.A.I.1.i.b.follow_up.status: seharusnya open atau done, "
            "tertulis ",
        ),
        (
            "reviews: unit.yaml\nlayer: tpi\nanswers:\n"
            "  A.I.1.i.b: {note: x, follow_up: {pic: TU, due: 2026-02-30}}\n",
            "tpi.yaml:4:50: answers.A.I.1.i.b.follow_up.due: seharusnya tanggal YYYY-MM-DD, "
            "tertulis ",
        ),
        (
            "reviews: unit.yaml\nlayer: tpi\nanswers:\n  A.I.9.z: {note: x}\n",
            "tpi.yaml:4:3: answers.A.I.9.z: id butir 'A.I.9.z' tidak dikenal di kemenag-90-2021",
        ),
        (
            "reviews: /etc/passwd\nlayer: tpi\n",
            "tpi.yaml:1:10: reviews: '/etc/passwd' adalah jalur absolut",
        ),
        (
            "reviews: ../../../../../../etc/hostname\nlayer: tpi\n",
            "berada di luar folder yang boleh dibaca zi",
        ),
        (
            "reviews: unit.yml\nlayer: tpi\n",
            "tpi.yaml:1:10: reviews: berkas yang dinilai 'unit.yml' tidak ada "
            "(saran: maksud Anda 'unit.yaml'?)",
        ),
        ("reviews: tpi.yaml\nlayer: tpi\n", "'tpi.yaml' membentuk siklus"),
    ],
)
def test_review_file_problems_are_located(
    unit_dir: Path, zi: Zi, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    monkeypatch.chdir(unit_dir)
    _write(unit_dir, "tpi.yaml", text)
    run = zi("score", "tpi.yaml")
    assert run.code == 2
    assert run.stdout == ""
    assert expected in run.stderr, run.stderr


def test_pack_named_layers(unit_dir: Path) -> None:
    _write(unit_dir, "tppp.yaml", "reviews: unit.yaml\nlayer: tppp\n")
    _write(unit_dir, "itjen.yaml", "reviews: tppp.yaml\nlayer: itjen\nanswers: {A.I.1.i.b: B}\n")
    chain = load_chain(str(unit_dir / "itjen.yaml"))
    assert [x.name for x in chain.layers] == ["unit", "tppp", "itjen"]
    # A.I.1.i (0.50, 2 questions): B is 0.5, so 0.125 less than A; A.I.1.i.a Ya gives 0.25.
    assert chain.top.assess().card.scores["A.I.1.i"] == F("0.25") + F("0.125")


def test_layer_named_twice_is_refused(unit_dir: Path) -> None:
    _write(unit_dir, "a.yaml", "reviews: unit.yaml\nlayer: tpi\n")
    _write(unit_dir, "b.yaml", "reviews: a.yaml\nlayer: tpi\n")
    with pytest.raises(InputError) as caught:
        load_unit(str(unit_dir / "b.yaml"))
    assert "lapisan 'tpi' sudah menjadi lapisan" in str(caught.value)


def test_standard_layers_of_a_pack_without_own_layers(unit_dir: Path) -> None:
    _write(
        unit_dir,
        "u90.yaml",
        "criteria: permenpanrb-90-2021\nunit: {name: X, period: '2026-Q1'}\nanswers: {}\n",
    )
    _write(unit_dir, "r.yaml", "reviews: u90.yaml\nlayer: itjen\n")
    with pytest.raises(InputError) as caught:
        load_unit(str(unit_dir / "r.yaml"))
    assert "lapisan 'itjen' tidak dikenal (saran: salah satu dari tpi, tpn)" in str(caught.value)


def test_symlinked_reviewed_file_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    inside = tmp_path / "inside"
    outside.mkdir()
    inside.mkdir()
    _write(outside, "u.yaml", "criteria: permenpanrb-90-2021\nunit: {name: X, period: '2026'}\n")
    (inside / "u.yaml").symlink_to(outside / "u.yaml")
    _write(inside, "r.yaml", "reviews: u.yaml\nlayer: tpi\n")
    with pytest.raises(InputError) as caught:
        load_chain(str(inside / "r.yaml"))
    assert "berada di luar folder yang boleh dibaca zi" in str(caught.value)


def test_validate_and_diff_accept_a_review(zi: Zi) -> None:
    assert zi("validate", str(TPI)).code == 0
    run = zi("diff", str(UNIT), str(TPI), "--format", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert (data["old"]["layer"], data["new"]["layer"]) == (None, "tpi")


def test_diff_of_two_layers_names_them_by_layer(zi: Zi) -> None:
    run = zi("diff", str(TPI), str(TPN))
    assert run.code == 0, run.stderr
    head = run.stdout.splitlines()
    assert head[0] == "Kantor Kementerian Agama Kota Bengkulu: tpi -> tpn (2026-Q1)"
    # each side's unit header, as zi score shows it, names its layer too
    assert head[1].startswith("Lama: Kementerian Agama · periode 2026-Q1 · ")
    assert "lapisan tpi (" in run.stdout and "lapisan tpn (" in run.stdout
    # the effects add up to the change of the total: 0.11 - 0.35
    assert "Nilai total: 92.40 -> 92.16 (-0.24 ▼)" in run.stdout
    own = zi("diff", str(UNIT), str(TPI)).stdout.splitlines()[0]
    assert own.endswith(": mandiri -> tpi (2026-Q1)")


@given(st.data())
@settings(max_examples=40, deadline=None)
def test_a_layer_is_the_units_answers_overridden(data: st.DataObject) -> None:
    from zicli.engine.assess import assess
    from zicli.engine.unit import BoundUnit
    from zicli.loading import load_criteria
    from zicli.models.answers import Unit

    from .builders import best, worst

    index = load_criteria("permenpanrb-90-2021")
    pick = st.sampled_from(["blank", "best", "worst"])
    unit_answers: dict[str, AnswerRecord] = {}
    review: dict[str, ReviewEntry] = {}
    for q in index.questions:
        mine = data.draw(pick)
        theirs = data.draw(st.sampled_from(["silent", "note", "best", "worst"]))
        if mine != "blank":
            unit_answers[q.id] = (best if mine == "best" else worst)(index, q)
        if theirs == "note":
            review[q.id] = ReviewEntry(None, "catatan")
        elif theirs != "silent":
            review[q.id] = ReviewEntry((best if theirs == "best" else worst)(index, q))
    layer = layer_over(unit_layer("u.yaml", unit_answers), "tpi", "t.yaml", review)
    merged = {**unit_answers, **{k: e.record for k, e in review.items() if e.record is not None}}
    assert layer.answers == merged
    answered_by_tpi = {k for k, e in review.items() if e.record is not None}
    assert layer.from_unit == len(unit_answers.keys() - answered_by_tpi)
    unit = BoundUnit(index, Unit(name="X", period="2026"), {})
    scored = assess(unit.with_answers(layer.answers))
    assert scored.card.total == assess(unit.with_answers(merged)).card.total
    silent = layer_over(unit_layer("u.yaml", unit_answers), "tpi", "t.yaml", {})
    assert (
        assess(unit.with_answers(silent.answers)).card.total
        == assess(unit.with_answers(unit_answers)).card.total
    )


def test_review_of_a_lone_answer_file_and_a_bad_date(zi: Zi) -> None:
    run = zi("review", str(UNIT), "--format", "json", "--today", "2026-06-01")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert [x["name"] for x in data["layers"]] == ["unit"]
    assert (data["differences"], data["follow_up"]) == ([], [])
    bad = zi("review", str(TPI), "--today", "1 Juni 2026")
    assert bad.code == 2
    assert "--today: seharusnya tanggal YYYY-MM-DD, tertulis '1 Juni 2026'" in bad.stderr


def test_evidence_and_review_json_match_their_schemas(zi: Zi) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from referencing import Registry, Resource

    folder = ROOT / "src" / "zicli" / "schemas"
    schemas = {p.name: json.loads(p.read_text("utf-8")) for p in folder.glob("*.json")}
    registry: Registry[object] = Registry().with_resources(
        (f"https://zi.invalid/schemas/{name}", Resource.from_contents(data))
        for name, data in schemas.items()
    )

    def check(name: str, data: object) -> None:
        schema = schemas[name]
        cls = jsonschema.validators.validator_for(schema)
        cls(schema, registry=registry).validate(data)

    review = zi("review", str(TPN), "-f", "json", "--today", "2026-06-01").stdout
    check("review.schema.json", json.loads(review))
    evidence = zi("evidence", str(UNIT), "-f", "json").stdout
    check("evidence.schema.json", json.loads(evidence))
    for path in (UNIT, TPI, TPN):
        check("score.schema.json", json.loads(zi("score", str(path), "-f", "json").stdout))


def test_score_of_a_layer_says_which_layer(zi: Zi) -> None:
    run = zi("score", str(TPI.relative_to(ROOT)))
    assert run.code == 0, run.stderr
    assert "lapisan tpi (110 jawaban dari berkas unit)" in " ".join(run.stdout.split())
    check_golden("review/bengkulu-tpi-score.txt", run.stdout)


def test_review_reads_a_workbook_as_score_does(zi: Zi, tmp_path: Path) -> None:
    """A workbook is a unit's own answers (never a review): zi review shows it as the
    answer file it was exported from."""
    source = EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml"
    book = tmp_path / "LKE.xlsx"
    assert zi("export", str(source), "-o", str(book)).code == 0
    copy = tmp_path / "unit.yaml"  # the same answers (a workbook's 3.5 is not '3.50')
    assert zi("import", str(book), "-o", str(copy)).code == 0
    day = ("--today", "2026-06-30", "--format", "json")
    from_book = zi("review", str(book), *day)
    from_yaml = zi("review", str(copy), *day)
    assert from_book.code == from_yaml.code == 0, from_book.stderr
    assert from_book.stdout.replace(str(book), "F") == from_yaml.stdout.replace(str(copy), "F")
