"""Speed-only data sits on the pack's CompiledPack, owned by its index."""

from __future__ import annotations

import pickle

from zicli.engine.index import CriteriaIndex, PerPack
from zicli.i18n import current


def test_per_pack_results_live_on_the_pack_and_are_built_once(pack90: CriteriaIndex) -> None:
    calls: list[str] = []

    @PerPack
    def question_count(index: CriteriaIndex) -> int:
        calls.append(index.id)
        return len(index.questions)

    assert question_count(pack90) == question_count(pack90) == len(pack90.questions)
    assert calls == [pack90.id]
    # kept per language, as some derived data holds the pack's prose
    assert pack90.compiled.derived[(question_count, current())] == len(pack90.questions)


def test_a_pickled_pack_drops_what_was_derived_later(pack90: CriteriaIndex) -> None:
    @PerPack
    def marker(index: CriteriaIndex) -> object:
        return lambda: None  # not picklable: must not reach the disk cache

    marker(pack90)
    copy = pickle.loads(pickle.dumps(pack90))
    assert copy.compiled.derived == {}
    assert copy.compiled == pack90.compiled
    assert copy.compiled.denominator == pack90.compiled.denominator > 1
