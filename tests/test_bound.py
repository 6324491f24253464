"""The way through a file: read -> bind -> overrides -> assess, on one BoundUnit.

The expected figures are the hand calculation of tests/expected_examples.py
(a survey index s loses (4 - s) / 4 x 17.5 points), not read back from the code.
"""

from __future__ import annotations

import inspect
from decimal import Decimal
from fractions import Fraction as F

import pytest

from zicli.engine.assess import assess
from zicli.engine.plan import plan
from zicli.engine.score import score
from zicli.engine.unit import BoundUnit
from zicli.errors import Location, UsageError
from zicli.loading import load_unit
from zicli.loading.overrides import override
from zicli.models.answers import AnswerRecord, NumberAnswer

from .conftest import EXAMPLES
from .expected_examples import EXPECTED, survey_loss

SELEBAR = "kua-kecamatan-selebar-2026q1.yaml"


@pytest.mark.parametrize("entry", [assess, score, plan])
def test_the_engine_takes_a_bound_unit_and_nothing_loose(entry: object) -> None:
    assert callable(entry)
    params = list(inspect.signature(entry).parameters.values())
    assert params[0].annotation in ("BoundUnit", BoundUnit)
    assert not {"index", "unit", "answers", "held", "facts", "source"} & {p.name for p in params}


def test_a_loaded_file_is_a_bound_unit_with_its_envelope() -> None:
    path = str(EXAMPLES / SELEBAR)
    loaded = load_unit(path)
    bound = loaded.bound
    assert (bound.source, bound.index, bound.unit) == (path, loaded.index, loaded.data.unit)
    assert bound.answers is loaded.answers and bound.held is None
    result = assess(bound)
    assert result.source == path
    assert result.card.total == EXPECTED[SELEBAR].total == loaded.assess().card.total


def test_override_applies_to_the_bound_unit_and_leaves_it_unchanged() -> None:
    loaded = load_unit(str(EXAMPLES / SELEBAR))
    raised = override(loaded.bound, ["B.I.a=3.60"])
    assert loaded.bound.answers["B.I.a"] == AnswerRecord(NumberAnswer(Decimal("3.50")))  # kept
    assert raised.answers["B.I.a"].value == NumberAnswer(Decimal("3.60"))
    assert (raised.index, raised.unit, raised.source) == (
        loaded.index,
        loaded.data.unit,
        loaded.file,
    )
    before, after = assess(loaded.bound), assess(raised)
    # IPAK 3.50 -> 3.60: the survey loses 0.1 / 4 x 17.5 = 0.4375 points fewer
    assert after.card.total - before.card.total == survey_loss("3.50") - survey_loss("3.60")
    assert after.card.total - before.card.total == F(7, 16)
    ipak = {c.id: c.met for c in after.verdict.result("WBK").conditions}["ipak"]
    assert ipak  # 3.60 is the minimum: the one failing condition is now met


def test_load_unit_with_overrides_is_the_bound_unit_overridden() -> None:
    path = str(EXAMPLES / SELEBAR)
    via_load = load_unit(path, overrides=["B.I.a=3.60"]).bound
    via_bound = override(load_unit(path).bound, ["B.I.a=3.60"])
    assert via_load.answers == via_bound.answers


def test_a_bad_override_of_a_bound_unit_names_its_option() -> None:
    bound = load_unit(str(EXAMPLES / SELEBAR)).bound
    with pytest.raises(UsageError) as caught:
        override(bound, ["B.I.a=lots"])
    (problem,) = caught.value.problems
    assert problem.where == Location.of_option("--set B.I.a=lots")


def test_a_what_if_keeps_everything_but_the_answers() -> None:
    bound = load_unit(str(EXAMPLES / SELEBAR)).bound
    changed = bound.with_answers({})
    assert changed.answers == {}
    assert (changed.index, changed.unit, changed.source, changed.held, changed.facts) == (
        bound.index,
        bound.unit,
        bound.source,
        bound.held,
        bound.facts,
    )
