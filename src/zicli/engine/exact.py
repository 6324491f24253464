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

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from math import gcd

ZERO = Fraction(0)
ONE = Fraction(1)


_EXACT: dict[Decimal | int, Fraction] = {}


def exact(value: Decimal | int) -> Fraction:
    """An exact decimal or integer as a Fraction (no rounding). Packs reuse a few
    dozen bars and weights, so conversions are remembered."""
    found = _EXACT.get(value)
    if found is None:
        found = Fraction(value)
        if len(_EXACT) < 4096:
            _EXACT[value] = found
    return found


def exact_sum(values: Iterable[Fraction]) -> Fraction:
    """The exact sum, normalised once at the end (``sum()`` of Fractions reduces
    after every addition, which dominates scoring time)."""
    num, den = 0, 1
    for value in values:
        vn, vd = value.numerator, value.denominator
        if vd == den:
            num += vn
        else:
            common = den * vd // gcd(den, vd)
            num = num * (common // den) + vn * (common // vd)
            den = common
    return Fraction(num, den)


_RATIOS: dict[tuple[int, int], Fraction] = {}


def ratio(numerator: int, denominator: int) -> Fraction:
    """``numerator / denominator`` as a Fraction; a batch meets the same few thousand
    (an option's points, a sub-area's score) again and again, so they are remembered."""
    key = (numerator, denominator)
    found = _RATIOS.get(key)
    if found is None:
        found = Fraction(numerator, denominator)
        if len(_RATIOS) < 4096:
            _RATIOS[key] = found
    return found


def places_text(n: int, d: int, places: int) -> str:
    """``n / d`` (``d`` > 0, not necessarily in lowest terms) rounded half up (away
    from zero) to ``places`` decimals, as text: the one rounding rule, in integers.

    floor(|n| / d x 10^places + 1/2) is (2 |n| 10^places + d) // (2 d). The display
    caches built on it live render-side (:mod:`zicli.render.numbers`)."""
    scale = 10**places
    q = (2 * abs(n) * scale + d) // (2 * d)
    whole, frac = divmod(q, scale)
    sign = "-" if n < 0 and q else ""
    if places == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{frac:0{places}d}"


def rounded(value: Fraction, places: int = 2) -> Decimal:
    """Round half up (away from zero) to ``places`` decimals, for display only."""
    return Decimal(places_text(value.numerator, value.denominator, places))


def apart_text(value: Fraction, limit: Fraction, places: int = 2) -> str:
    """``value`` as shown beside the ``limit`` it misses: rounded to ``places``, or to
    as many more places as it takes to read on its own side of ``limit`` (80.3068
    under a limit of 80.31 shows as 80.307, not as 80.31); exact when it terminates
    first. The comparison itself stays exact; only its wording needs the places."""
    n, d = value.numerator, value.denominator
    side = (value > limit) - (value < limit)
    for more in range(places, places + 40):
        text = places_text(n, d, more)
        shown = Fraction(text)
        if (shown > limit) - (shown < limit) == side or shown == value:
            return text
    return exact_text(value, places + 40)  # pragma: no cover - 40 more places always do


def exact_text(value: Fraction, max_places: int = 10) -> str:
    """The value in decimals, exactly when it terminates within ``max_places``
    (``74.995``), else rounded half up to ``max_places`` with a trailing ``...``.
    Kept here because the engine's own messages (a plan's blockers) quote exact
    values; renderers use the cached :func:`zicli.render.numbers.exact_text`."""
    return terminating_text(value.numerator, value.denominator, max_places)


def terminating_text(n: int, d: int, max_places: int) -> str:
    """:func:`exact_text` of ``n / d`` in lowest terms (``d`` > 0)."""
    # A fraction in lowest terms terminates iff its denominator is 2^a 5^b, after
    # max(a, b) places.
    rest = d
    twos = fives = 0
    while rest % 2 == 0:
        rest //= 2
        twos += 1
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    places = max(twos, fives)
    if rest == 1 and places <= max_places:
        return places_text(n, d, places)
    return f"{places_text(n, d, max_places)}..."
