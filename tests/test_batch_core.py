"""The batch core owns its results; formats prepare their per-unit text in the workers."""

from __future__ import annotations

import pickle
from fractions import Fraction

from zicli.batch.options import BatchOptions, matches
from zicli.batch.rows import Summary, UnitRow
from zicli.batch.run import score_file
from zicli.engine.exact import exact_text, rounded
from zicli.engine.score import ExactScores
from zicli.render.numbers import exact_text as render_exact_text
from zicli.render.numbers import rounded_text
from zicli.render.options import RenderOptions
from zicli.render.score.json import assessment_json

from .conftest import EXAMPLES

UNIT = str(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml")


def test_options_are_picklable_and_name_formats_not_objects() -> None:
    options = BatchOptions(prepare=("json", "table"), render=RenderOptions(detail=True, width=80))
    assert pickle.loads(pickle.dumps(options)) == options


def test_prepare_runs_once_for_formats_that_share_it() -> None:
    row = score_file(UNIT, BatchOptions(prepare=("json", "jsonl", "csv")))
    assert set(row.prepared) == {"json", "jsonl"}  # csv prepares nothing
    assert row.prepared["json"] is row.prepared["jsonl"]
    from zicli.loading import load_unit

    assert row.prepared["json"] == assessment_json(load_unit(UNIT).assess("zero"), indent=0)
    assert pickle.loads(pickle.dumps(row)) == row


def test_table_prepares_the_detail_report_only_when_asked() -> None:
    plain = score_file(UNIT, BatchOptions(prepare=("table",)))
    assert plain.prepared == {}
    detail = BatchOptions(prepare=("table",), render=RenderOptions(detail=True, width=80))
    report = score_file(UNIT, detail).prepared["table"]
    assert report.startswith("KUA Kecamatan Selebar\n")
    assert "B.I.a" in report


def test_summary_counts_thresholds_apart_from_invalid_files() -> None:
    summary = Summary()
    summary.add(UnitRow(file="a", valid=True, predicate="WBK"))
    summary.add(UnitRow(file="b", valid=True, threshold_failures=("WBBM required, reached WBK",)))
    assert (summary.threshold_failures, summary.exit_code) == (1, 1)
    summary.add(UnitRow(file="c", valid=False))
    assert summary.exit_code == 2


def test_predicates_match_in_any_case_in_one_place() -> None:
    assert matches("wbbm", ["WBK", "WBBM"]) == "WBBM"
    assert matches("WBX", ["WBK", "WBBM"]) is None


def test_display_text_is_render_side() -> None:
    assert not hasattr(ExactScores, "text")
    assert not hasattr(ExactScores, "texts")
    # the render caches give what the engine's one rounding rule gives
    for value in (Fraction(74995, 1000), Fraction(-1, 3), Fraction(1, 200), Fraction(-1, 200)):
        assert rounded_text(value) == str(rounded(value))
        assert render_exact_text(value) == exact_text(value)
    assert rounded_text(Fraction(1, 200)) == "0.01"  # half up, away from zero
    assert rounded_text(Fraction(-1, 200)) == "-0.01"
    assert render_exact_text(Fraction(1, 3), 6) == "0.333333..."
