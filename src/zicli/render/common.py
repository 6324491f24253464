"""Number and label helpers shared by the formats (display rounding lives here)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from zicli.engine.exact import exact_text, rounded
from zicli.engine.verdict import ConditionResult, Verdict

BELUM = "Belum memenuhi"


def num(value: Fraction | None) -> str:
    """2 places, half up; '-' for nothing."""
    return "-" if value is None else f"{rounded(value)}"


def signed(value: Fraction | None) -> str:
    """A margin with its sign: +1.25 / -0.40."""
    if value is None:
        return "-"
    text = f"{rounded(value)}"
    return text if text.startswith("-") else f"+{text}"


def dec(value: Fraction | None) -> Decimal | None:
    """The display value as a Decimal (JSON numbers)."""
    return None if value is None else rounded(value)


def actual_text(cond: ConditionResult) -> str:
    """The actual value; shown exactly when 2 places would hide a shortfall
    (74.995 displays as 75.00 but does not reach 75)."""
    if cond.actual_text is not None:
        return cond.actual_text
    if cond.actual is None:
        return "kosong"
    if (
        not cond.met
        and cond.required is not None
        and rounded(cond.actual) >= rounded(cond.required)
    ):
        return exact_text(cond.actual, 6)
    return num(cond.actual)


def required_text(cond: ConditionResult) -> str:
    """The bar as shown."""
    return cond.required_text if cond.required_text is not None else num(cond.required)


def margin_text(cond: ConditionResult) -> str:
    """The margin as shown, never rounding a shortfall to zero."""
    margin = cond.margin
    if margin is None:
        return "-"
    if margin < 0 and rounded(margin) == 0:
        return "-" + exact_text(-margin, 6)
    return signed(margin)


def predicate_label(verdict: Verdict) -> str:
    """'Menuju WBK', 'Menuju WBBM' or 'Belum memenuhi'."""
    reached = verdict.reached
    return reached.name if reached else BELUM


def uncertain(confidence: str | None) -> bool:
    """True for a rule whose pack confidence is below 'high' (reconstructed numbers)."""
    return confidence is not None and not confidence.lower().startswith("high")
