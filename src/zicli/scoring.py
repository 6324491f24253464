"""How a file is scored on the command line: the options every file gets (one file
or a batch) and the gates a CI run checks (``--require``, ``--fail-under``,
``--max-incomplete``). Kept apart from :mod:`zicli.batch`, so scoring one file
does not import the machinery for many."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from zicli.engine.assess import Assessment
from zicli.engine.exact import rounded
from zicli.engine.score import BlankPolicy, Scorecard
from zicli.render import RenderOptions


@dataclass(frozen=True)
class BatchOptions:
    """What every file is scored with (picklable: it is sent to the workers)."""

    blank: BlankPolicy = "zero"
    criteria: str | None = None
    require: str | None = None
    fail_under: Decimal | None = None
    max_incomplete: Decimal | None = None
    payload: bool = False
    """Build each unit's JSON (for the json and jsonl formats)."""
    detail: RenderOptions | None = None
    """Render each unit's full table (``--detail`` with a table output)."""
    overrides: tuple[str, ...] = ()
    """``--set ID=VALUE`` what-if answers, applied to every file."""
    evidence_root: str | None = None
    """``--evidence-root``: where evidence paths are read from (default: each file's folder)."""
    require_evidence: bool = False
    """``--require-evidence``: fail a unit with an answer at risk (no complete data dukung)."""


def blank_percent(card: Scorecard) -> Fraction:
    """The share of the pack's questions left blank, in percent (exact)."""
    return Fraction(card.question_count - card.answered, card.question_count) * 100


def gate_failures(result: Assessment, options: BatchOptions) -> tuple[str, ...]:
    """Why the command-line gates fail for one unit (empty when they pass)."""
    failures: list[str] = []
    verdict = result.verdict
    ids = [r.id for r in verdict.results]
    if options.require is not None:
        reached = verdict.predicate
        wanted = next((i for i in ids if i.casefold() == options.require.casefold()), None)
        if wanted is None:
            failures.append(f"{options.require} is not a predicate of {result.card.index.id}")
        elif reached is None or ids.index(reached) < ids.index(wanted):
            failures.append(f"{wanted} required, reached {reached or 'none'}")
    card = result.card
    if options.fail_under is not None and card.total < Fraction(options.fail_under):
        failures.append(f"total {rounded(card.total)} under {options.fail_under}")
    if options.max_incomplete is not None:
        blank = blank_percent(card)
        if blank > Fraction(options.max_incomplete):
            failures.append(f"{rounded(blank)} % blank, over {options.max_incomplete} %")
    if options.require_evidence and result.evidence is not None:
        from zicli.engine.evidence import evidence_gate

        reason = evidence_gate(result.evidence)
        if reason is not None:
            failures.append(reason)
    return tuple(failures)
