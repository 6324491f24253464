"""What every file is scored with (one file or a batch) and the command-line
thresholds a CI run checks (``--require``, ``--fail-under``, ``--max-incomplete``).

"Threshold" names these options in code, apart from a pack's stages (``gates`` in
a pack, :mod:`zicli.engine.verdict`); the outputs keep their published names
(``gate_failures``, ``gates``, "gagal gerbang"). Imports nothing of the batch
machinery, so scoring one file does not load it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from zicli.engine.assess import Assessment
from zicli.engine.exact import apart_text
from zicli.engine.score import BlankPolicy, Scorecard
from zicli.i18n import _
from zicli.render.options import RenderOptions


@dataclass(frozen=True)
class BatchOptions:
    """What every file is scored with (picklable: it is sent to the workers)."""

    blank: BlankPolicy = "zero"
    criteria: str | None = None
    require: str | None = None
    fail_under: Decimal | None = None
    max_incomplete: Decimal | None = None
    prepare: tuple[str, ...] = ()
    """Batch format names whose per-unit ``prepare`` runs in the workers (by name,
    so the options stay picklable; see :mod:`zicli.batch.run`)."""
    render: RenderOptions = field(default_factory=RenderOptions)
    """How the workers render what they prepare (``detail`` asks for each unit's table)."""
    overrides: tuple[str, ...] = ()
    """``--set ID=VALUE`` what-if answers, applied to every file."""
    criteria_roots: tuple[str, ...] = ()
    """``--criteria-root`` folders (set again in each worker, however it started)."""
    evidence_root: str | None = None
    """``--evidence-root``: where evidence paths are read from (default: each file's folder)."""
    require_evidence: bool = False
    """``--require-evidence``: fail a unit with an answer at risk (no complete data dukung)."""


def blank_percent(card: Scorecard) -> Fraction:
    """The share of the pack's questions left blank, in percent (exact)."""
    return Fraction(card.question_count - card.answered, card.question_count) * 100


def matches(name: str, ids: list[str]) -> str | None:
    """The id among ``ids`` that ``name`` names, in any case (predicates are given
    as WBK or wbk on the command line); None if none does."""
    folded = name.casefold()
    return next((i for i in ids if i.casefold() == folded), None)


def threshold_failures(result: Assessment, options: BatchOptions) -> tuple[str, ...]:
    """Why the command-line thresholds fail for one unit (empty when they pass)."""
    failures: list[str] = []
    verdict = result.verdict
    ids = [r.id for r in verdict.results]
    if options.require is not None:
        reached = verdict.predicate
        wanted = matches(options.require, ids)
        if wanted is None:
            failures.append(
                _("{name} is not a predicate of {pack}").format(
                    name=options.require, pack=result.card.index.id
                )
            )
        elif reached is None:
            failures.append(_("{wanted} required, reached none").format(wanted=wanted))
        elif ids.index(reached) < ids.index(wanted):
            failures.append(
                _("{wanted} required, reached {reached}").format(wanted=wanted, reached=reached)
            )
    card = result.card
    # The shortfall is shown with the places that make it read as one (apart_text):
    # 80.3068 under --fail-under 80.31 is "80.307 under 80.31", not "80.31 under 80.31".
    if options.fail_under is not None and card.total < (limit := Fraction(options.fail_under)):
        failures.append(
            _("total {total} under {limit}").format(
                total=apart_text(card.total, limit), limit=options.fail_under
            )
        )
    if options.max_incomplete is not None:
        blank = blank_percent(card)
        if blank > (limit := Fraction(options.max_incomplete)):
            failures.append(
                _("{blank} % blank, over {limit} %").format(
                    blank=apart_text(blank, limit), limit=options.max_incomplete
                )
            )
    if options.require_evidence and result.evidence is not None:
        from zicli.engine.evidence import evidence_gate

        reason = evidence_gate(result.evidence)
        if reason is not None:
            failures.append(reason)
    return tuple(failures)
