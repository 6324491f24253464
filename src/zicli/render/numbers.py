"""Numbers as the outputs write them, with the caches that keep a batch fast.

The rounding rule itself (2 places, half up, in integers) is the engine's
(:func:`zicli.engine.exact.places_text`); here it is remembered for the few
hundred values a batch writes again and again (option points, bars), and a
scorecard's scores are written straight from the engine's whole numerators when
they are option-only (:func:`score_texts`)."""

from __future__ import annotations

from fractions import Fraction

from zicli.engine.exact import places_text, terminating_text
from zicli.engine.score import ExactScores

_TWO_PLACES: dict[tuple[int, int], str] = {}


def ratio_text(n: int, d: int, places: int = 2) -> str:
    """``n / d`` (``d`` > 0) rounded half up to ``places`` decimals, as text."""
    if places != 2:
        return places_text(n, d, places)
    known = _TWO_PLACES.get((n, d))
    if known is None:
        known = places_text(n, d, 2)
        if len(_TWO_PLACES) < 4096:
            _TWO_PLACES[(n, d)] = known
    return known


def rounded_text(value: Fraction, places: int = 2) -> str:
    """``value`` rounded half up (away from zero) to ``places`` decimals, as text."""
    return ratio_text(value.numerator, value.denominator, places)


_EXACT_TEXT: dict[tuple[int, int], str] = {}


def exact_text(value: Fraction, max_places: int = 10) -> str:
    """The value in decimals, exactly when it terminates within ``max_places``
    (``74.995``), else rounded half up to ``max_places`` with a trailing ``...``."""
    if max_places != 10:
        return terminating_text(value.numerator, value.denominator, max_places)
    return exact_ratio_text(value.numerator, value.denominator)


def exact_ratio_text(numerator: int, denominator: int) -> str:
    """:func:`exact_text` of ``numerator / denominator`` in lowest terms (``denominator``
    > 0), 10 places at most."""
    key = (numerator, denominator)
    known = _EXACT_TEXT.get(key)
    if known is None:
        known = terminating_text(numerator, denominator, 10)
        if len(_EXACT_TEXT) < 4096:
            _EXACT_TEXT[key] = known
    return known


def score_text(scores: ExactScores, key: str) -> str:
    """One node's score rounded for display (2 places, half up), as text."""
    whole, exact = scores.parts()
    n = whole.get(key)
    if n is not None:
        return ratio_text(n, scores.denominator)
    return rounded_text(exact[key])


_TEXTS: dict[int, dict[int, str]] = {}
"""Denominator -> numerator -> display text, shared by every scorecard."""


def score_texts(scores: ExactScores, keys: tuple[str, ...]) -> list[str]:
    """:func:`score_text` of each key (a batch writes every node of every unit)."""
    whole, exact = scores.parts()
    den = scores.denominator
    known = _TEXTS.setdefault(den, {})
    out = []
    for key in keys:
        n = whole.get(key)
        if n is None:
            out.append(rounded_text(exact[key]))
            continue
        text = known.get(n)
        if text is None:
            text = places_text(n, den, 2)
            if len(known) < 16384:
                known[n] = text
        out.append(text)
    return out
