"""Exact numbers and the one rounding rule.

Inputs are exact decimals (option values such as 0.67, survey indexes such as
3.60). A sub-area is a mean over n questions, and 1/3 or 1/7 has no finite
decimal expansion, so every score is kept as an exact :class:`~fractions.Fraction`
built from those decimals. Thresholds compare exact values; nothing is rounded
until display, where :func:`rounded` applies 2 places, half up (away from zero),
as the official workbook shows them. A verdict can therefore never flip on
float noise or on an intermediate rounding.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

ZERO = Fraction(0)
ONE = Fraction(1)


def exact(value: Decimal | int) -> Fraction:
    """An exact decimal or integer as a Fraction (no rounding)."""
    return Fraction(value)


def rounded(value: Fraction, places: int = 2) -> Decimal:
    """Round half up (away from zero) to ``places`` decimals, for display only."""
    scale = 10**places
    scaled = abs(value) * scale
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    sign = "-" if value < 0 and whole else ""
    return Decimal(f"{sign}{whole}").scaleb(-places)


def exact_text(value: Fraction, max_places: int = 10) -> str:
    """The value in decimals, exactly when it terminates within ``max_places``
    (``74.995``), else rounded half up to ``max_places`` with a trailing ``...``."""
    for places in range(max_places + 1):
        scaled = value * 10**places
        if scaled.denominator == 1:
            return str(Decimal(int(scaled)).scaleb(-places))
    return f"{rounded(value, max_places)}..."
