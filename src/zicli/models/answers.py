"""The answer file (the contract other tools rely on) and bound answers.

An answer file names its criteria pack, describes the unit and maps question ids
to answers. :class:`AnswerFile` checks the envelope; the answers themselves are
checked against the pack by :func:`zicli.models.bind.bind_answers`, which yields
the typed :data:`Answer` values the engine scores.
"""

# No 'from __future__ import annotations': pydantic would evaluate every field's
# annotation from a string when the class is made, at every start of zi.

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pydantic import ConfigDict, Field, field_validator

from zicli.errors import shown
from zicli.i18n import _
from zicli.models.base import Strict

_PERIOD = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<kind>[QS])(?P<n>[0-9]))?")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a year, a quarter (``2026-Q1``) or a semester (``2026-S2``)."""

    start: date
    end: date
    text: str

    @classmethod
    def parse(cls, text: str) -> "Period | None":
        """Parse ``YYYY``, ``YYYY-Qn`` (n 1..4) or ``YYYY-Sn`` (n 1..2); None if malformed."""
        m = _PERIOD.fullmatch(text)
        if not m:
            return None
        year = int(m["year"])
        if not 1900 <= year <= 2999:
            return None
        if m["kind"] is None:
            return cls(date(year, 1, 1), date(year, 12, 31), text)
        n = int(m["n"])
        months = 3 if m["kind"] == "Q" else 6
        if not 1 <= n <= 12 // months:
            return None
        first = (n - 1) * months + 1
        after = first + months
        following = date(year + 1, 1, 1) if after > 12 else date(year, after, 1)
        return cls(date(year, first, 1), following - timedelta(days=1), text)


Fact = str | Decimal
"""A prerequisite fact a unit states under ``unit:`` (a scale word or a number)."""

RESERVED_UNIT_KEYS = ("name", "instansi", "period", "predicate_held")

PLACEHOLDER_NAME = "Nama Satuan Kerja"
"""The unit name ``zi init`` writes until told another: warned when scored."""


class Unit(Strict):
    """The satuan kerja being assessed. Keys beyond the standard ones are facts the
    pack's ``unit_fields`` declare (e.g. ``opini_bpk: WTP``); binding checks them."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)

    name: str = Field(min_length=1)
    instansi: str | None = None
    period: str
    predicate_held: str | None = None

    @field_validator("period")
    @classmethod
    def _period(cls, value: str) -> str:
        if Period.parse(value) is None:
            said = _("expected a period YYYY, YYYY-Qn or YYYY-Sn, got '{period}'")
            hint = _("e.g. {example}").format(example='"2026-Q1"')
            # ' (hint: ' separates the hint for zicli.loading.locate (never shown as such)
            raise ValueError(f"{said.format(period=shown(value))} (hint: {hint})")
        return value

    @property
    def period_value(self) -> Period:
        """The parsed period (validated on construction)."""
        period = Period.parse(self.period)
        assert period is not None
        return period


class AnswerFile(Strict):
    """The envelope of an answer file; ``answers`` are raw until bound to a pack."""

    criteria: str = Field(min_length=1)
    unit: Unit
    answers: dict[str, Any] | None = None

    @classmethod
    def quick(cls, raw: object) -> "AnswerFile | None":
        """``model_validate(raw)`` for an envelope that plainly passes every check,
        built without pydantic's validator (building it costs a one-file run more than
        scoring does); None otherwise, and ``model_validate`` says what is wrong."""
        if type(raw) is not dict or not raw.keys() <= _ENVELOPE_KEYS:
            return None
        criteria, unit, answers = raw.get("criteria"), raw.get("unit"), raw.get("answers")
        if type(criteria) is not str or not criteria or type(unit) is not dict:
            return None
        if answers is not None and type(answers) is not dict:
            return None
        name, period = unit.get("name"), unit.get("period")
        if type(name) is not str or not name or type(period) is not str:
            return None
        if any(type(unit.get(k)) not in (str, type(None)) for k in _OPTIONAL_TEXT):
            return None
        if Period.parse(period) is None or any(k.startswith("_") or k == "cls" for k in unit):
            return None  # those keys would collide with model_construct's own parameters
        fields = set(raw)
        return cls.model_construct(
            fields,
            criteria=criteria,
            unit=Unit.model_construct(set(unit), **unit),
            answers=answers,
        )


_ENVELOPE_KEYS = {"criteria", "unit", "answers"}
_OPTIONAL_TEXT = ("instansi", "predicate_held")


@dataclass(frozen=True)
class OptionAnswer:
    """An option key as the pack spells it (``Ya``, ``B``)."""

    key: str


@dataclass(frozen=True)
class NumberAnswer:
    """A survey index or other scale value, exact."""

    value: Decimal


@dataclass(frozen=True)
class CountsAnswer:
    """The count inputs of a computed question, whole numbers >= 0."""

    counts: Mapping[str, int]


Answer = OptionAnswer | NumberAnswer | CountsAnswer


@dataclass(frozen=True)
class AnswerRecord:
    """One answered question with its evidence and note (long form)."""

    value: Answer
    evidence: tuple[str, ...] = ()
    note: str | None = None


def answer_to_text(answer: Answer) -> str:
    """The answer as ``--set`` and reports write it: ``B``, ``3.6``, ``a=1,b=2``."""
    if isinstance(answer, OptionAnswer):
        return answer.key
    if isinstance(answer, NumberAnswer):
        return str(answer.value)
    return ",".join(f"{k}={v}" for k, v in answer.counts.items())
