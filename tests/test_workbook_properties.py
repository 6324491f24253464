"""Invariants of the workbook round trips, over generated answers: whatever a unit
types into the real copy (or zi exports) is read back exactly, notes and data
dukung included, and scores as the same answers do from YAML."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from zicli.engine.assess import assess
from zicli.engine.index import CriteriaIndex
from zicli.engine.unit import BoundUnit
from zicli.loading import load_criteria
from zicli.loading.readers.xlsx import load_workbook_unit
from zicli.models.answers import Unit
from zicli.models.bind import bind_answers
from zicli.render.workbook import export_workbook

from .workbooks import fill

_TEXT = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


def _answer(index: CriteriaIndex, qid: str) -> st.SearchStrategy[Any]:
    question = index.nodes[qid]
    atype = index.answer_type(question)
    if atype.kind == "ratio":
        assert question.computed is not None
        fields = question.computed.fields()
        return st.fixed_dictionaries({f: st.integers(0, 40) for f in fields})
    if atype.kind == "scale":
        return st.integers(0, 400).map(lambda n: Decimal(n) / 100)
    return st.sampled_from([o.key for o in atype.options])


def _answers(index: CriteriaIndex) -> st.SearchStrategy[dict[str, Any]]:
    def one(qid: str) -> st.SearchStrategy[Any]:
        plain = _answer(index, qid)
        files = st.lists(_TEXT.filter(lambda t: not t.startswith("http")), max_size=2, unique=True)
        link = st.sampled_from([[], ["https://drive.example/f/1"]])
        long = st.builds(
            lambda a, n, f, link: {"answer": a, "note": n, "evidence": f + link},
            plain,
            _TEXT,
            files,
            link,
        )
        return st.one_of(st.none(), plain, long)

    ids = [q.id for q in index.questions]
    return st.fixed_dictionaries({qid: one(qid) for qid in ids}).map(
        lambda d: {k: v for k, v in d.items() if v is not None}
    )


PACK90 = load_criteria("permenpanrb-90-2021")
PACK19 = load_criteria("permenpanrb-10-2019")


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a workbook a try: no shrinking
)
@given(answers=_answers(PACK90))
def test_what_a_unit_types_into_the_real_copy_is_read_back(
    answers: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "lke.xlsx"
    path.write_bytes(fill(answers))
    loaded, _ = load_workbook_unit(str(path), name="U", period="2026")
    bound = bind_answers(PACK90, answers)
    assert not bound.findings
    assert loaded.answers == bound.answers
    unit = Unit(name="U", period="2026")
    from_yaml = assess(BoundUnit(PACK90, unit, bound.answers))
    assert loaded.assess().card.scores == from_yaml.card.scores


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(data=st.data())
def test_an_export_is_read_back_exactly_for_both_packs(data: st.DataObject, tmp_path: Path) -> None:
    index = data.draw(st.sampled_from([PACK90, PACK19]))
    answers = data.draw(_answers(index))
    bound = bind_answers(index, answers)
    assert not bound.findings
    path = tmp_path / "lke.xlsx"
    path.write_bytes(export_workbook(index, bound.answers, {"name": "U", "period": "2026"}))
    loaded, read = load_workbook_unit(str(path))
    assert loaded.index.id == index.id
    assert loaded.answers == bound.answers
    assert read.notes == []


@settings(max_examples=60, deadline=None)
@given(
    note=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=40
    )
)
def test_an_imported_note_reads_back_from_the_answer_file(note: str) -> None:
    import tempfile

    from zicli.loading import load_unit
    from zicli.render.answerfile import answer_file

    raw = {
        "criteria": "permenpanrb-90-2021",
        "unit": {"name": "U", "period": "2026"},
        "answers": {"A.I.1.i.a": {"answer": "Ya", "note": note, "evidence": [note]}},
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "unit.yaml"
        path.write_text(answer_file(PACK90, raw), encoding="utf-8")
        record = load_unit(str(path)).answers["A.I.1.i.a"]
    assert record.note == note
    assert record.evidence == (note,)
