"""The one rule for writing a decimal or a percentage, wherever zi reads one.

A number in an answer file, in ``--set`` and in a command-line option (``--fail-under``,
``--max-incomplete``) is written the same way: digits with a decimal point (``3.45``,
``75.5``), no thousands separator, no unit. A percentage is a plain number 0..100 (``95``,
``97.5``), without ``%``. A decimal comma (``3,45``, the regulation's own notation) and a
``%`` sign are refused, never guessed at, and the hint gives the number to write instead:
the same hint in every place, because the same function reads and explains them all.
Counts (whole numbers) have their own rule and hint in :mod:`.bind`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from zicli.i18n import _

# Numbers written as text; bounded like the YAML reader's numbers (20 digits). ASCII
# digits only (re.ASCII): Decimal() would also take '٣' or '３', which a file and --set
# must both refuse the same way, with a hint naming the character.
_NUMBER_TEXT = re.compile(r"\s*[-+]?(\d{1,20}(\.\d{0,20})?|\.\d{1,20})\s*", re.ASCII)
# What a reader meant as a number but wrote another way: a decimal comma, a % sign.
# (a hint for a file already wrong: compiled when one is, by re's own cache)
_ALMOST = r"(?a)\s*([-+]?\d{1,20}(?:[.,]\d{1,20})?)\s*(%?)\s*"


def read_number(value: Any) -> Decimal | None:
    """An exact number from a YAML number, or from text that is plainly one under the
    rule above; None for anything else (see :func:`number_hint`)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return None
    return None


def number_hint(
    value: Any, low: Decimal | int | None = None, high: Decimal | int | None = None
) -> str | None:
    """How to write ``value`` under the rule, when it is a number written another way
    (``3,45``, ``95%``, ``97,5 %``); None when it is not recognisably a number. With
    the answer's range ``low..high`` (a survey scale 0..4), a '%' is explained by that
    range: dropping it is suggested only when the number then fits."""
    if not isinstance(value, str):
        return None
    foreign = foreign_digit_hint(value)
    if foreign is not None:
        return foreign
    match = re.fullmatch(_ALMOST, value)
    if match is None:
        return None
    digits, percent = match.groups()
    fixed = digits.replace(",", ".")
    comma = "," in digits
    ranged = (low is not None or high is not None) and not (low in (0, None) and high == 100)
    if percent and ranged:
        span = f"{low if low is not None else ''}..{high if high is not None else ''}"
        number = Decimal(fixed)
        if (low is not None and number < low) or (high is not None and number > high):
            return _(
                "'%' does not belong here: the answer is a number {span}, not a percentage"
            ).format(span=span)
        return _("write {fixed}, without the '%' sign: the answer is a number {span}").format(
            fixed=fixed, span=span
        )
    if comma and percent:
        return _("write {fixed}: a decimal point, not a comma, and no '%' sign").format(fixed=fixed)
    if comma:
        return _("use a decimal point, not a comma: {fixed}").format(fixed=fixed)
    if percent:
        return _("write {fixed}: a percentage is a number 0..100, without the '%' sign").format(
            fixed=fixed
        )
    return None


def foreign_digit_hint(text: str) -> str | None:
    """A hint naming the first digit that is not 0-9 (Arabic-Indic, full-width, ...)."""
    for char in text:
        if char.isdigit() and not char.isascii():
            import unicodedata

            name = unicodedata.name(char, "?")
            digit = unicodedata.digit(char, None)
            if digit is None:
                said = _("'{char}' (U+{code:04X} {name}) is not an ASCII digit")
            else:
                said = _("'{char}' (U+{code:04X} {name}) is not an ASCII digit: write {digit}")
            return said.format(char=char, code=ord(char), name=name, digit=digit)
    return None
