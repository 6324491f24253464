"""The review file: an evaluator's layer over a unit's answer file.

A Tim Penilai Internal (TPI) or Nasional (TPN) does not edit the unit's file; it
writes its own file that names the file it reviews and answers only where it
answers differently or comments::

    reviews: unit-2026q1.yaml      # the answer file (or review) it reviews
    layer: tpi                     # tpi, tpn, or a layer the pack names
    reviewer: Inspektorat Jenderal
    answers:
      A.I.1.i.b: {answer: C, note: SK belum ditandatangani,
                  follow_up: {pic: Kasubbag TU, status: open, due: 2026-05-01}}
      A.I.1.i.c: {note: Notulen belum ditandatangani}   # a comment, the answer stands
      B.I.a: 3.41

The format is what a workbook import writes too: the KemenPANRB layout's evaluator
columns give ``answer`` (the evaluator's option) and ``note`` (catatan), and its
follow-up tick gives ``follow_up.status`` (``done`` when ticked), so an imported
review is scored and compared like a written one.

:class:`ReviewFile` checks the envelope as strictly as an answer file's;
:func:`split_entry` separates what an entry says about the answer (bound against
the pack like any answer) from what it says to the unit (note, follow-up).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import Field, field_validator

from zicli.errors import FieldPath, describe, did_you_mean, shown
from zicli.i18n import _
from zicli.models.base import Strict

STANDARD_LAYERS = ("tpi", "tpn")
"""Tim Penilai Internal and Tim Penilai Nasional (PermenPANRB 90/2021 Lampiran II)."""
UNIT_LAYER = "unit"
"""The name of the bottom layer: the unit's own answer file (self-assessment)."""

_LAYER = re.compile(r"[a-z][a-z0-9_-]{0,31}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FOLLOW_UP_STATES = ("open", "done")
FollowUpStatus = Literal["open", "done"]
ENTRY_KEYS = ("answer", "evidence", "note", "follow_up")
FOLLOW_UP_KEYS = ("pic", "status", "due")


def parse_date(text: str) -> date | None:
    """A ``YYYY-MM-DD`` date, or None if the text is not one."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


class ReviewFile(Strict):
    """The envelope of a review file; ``answers`` are raw until bound to the pack of
    the file at the bottom of the chain."""

    reviews: str = Field(min_length=1)
    layer: str
    reviewer: str | None = None
    reviewed_on: str | None = None
    """The date of the review (``YYYY-MM-DD``), optional."""
    answers: dict[str, Any] | None = None

    @field_validator("layer")
    @classmethod
    def _layer(cls, value: str) -> str:
        if not _LAYER.fullmatch(value):
            said = _("expected a layer name such as tpi or tpn, got '{layer}'")
            hint = _("lower-case letters, digits, '-' or '_'")
            # ' (hint: ' separates the hint for zicli.loading.locate (never shown as such)
            raise ValueError(f"{said.format(layer=shown(value))} (hint: {hint})")
        return value

    @field_validator("reviewed_on")
    @classmethod
    def _reviewed_on(cls, value: str | None) -> str | None:
        if value is not None and parse_date(value) is None:
            said = _("expected a date YYYY-MM-DD, got '{date}'").format(date=shown(value))
            hint = _("e.g. {example}").format(example="2026-05-01")
            raise ValueError(f"{said} (hint: {hint})")
        return value


@dataclass(frozen=True)
class FollowUp:
    """What the unit does about a note: who (PIC), whether it is done, by when."""

    pic: str
    status: FollowUpStatus
    due: date | None = None


@dataclass(frozen=True)
class SplitEntry:
    """One review entry taken apart: the raw answer to bind (None for a comment
    only) and what the entry says to the unit."""

    answer: Any
    """The raw answer (short form or ``{answer:, evidence:, note:}``), or None."""
    note: str | None
    follow_up: FollowUp | None


Finding = tuple[FieldPath, str, str | None]


def split_entry(qid: str, value: Any, findings: list[Finding]) -> SplitEntry:
    """Separate a review entry's answer from its note and follow-up. A mapping with
    any of ``answer``/``evidence``/``note``/``follow_up`` is the long form (other
    keys are refused); any other value is an answer as an answer file writes it."""
    path: FieldPath = ("answers", qid)
    if not (isinstance(value, dict) and any(k in value for k in ENTRY_KEYS)):
        return SplitEntry(value, None, None)
    for key in value:
        if key not in ENTRY_KEYS:
            findings.append(
                (
                    (*path, key),
                    _("unknown key '{key}' in a review entry").format(key=shown(str(key))),
                    did_you_mean(str(key), ENTRY_KEYS)
                    or _("allowed: {keys}").format(keys=", ".join(ENTRY_KEYS)),
                )
            )
    note = value.get("note")
    if note is not None and not isinstance(note, str):
        said = _("expected text, got {value}").format(value=describe(note))
        findings.append(((*path, "note"), said, None))
        note = None
    follow_up = _follow_up(value.get("follow_up"), (*path, "follow_up"), findings)
    answer: Any = None
    if value.get("answer") is not None:
        answer = {k: value[k] for k in ("answer", "evidence", "note") if k in value}
    elif value.get("evidence") is not None:
        findings.append(
            (
                (*path, "evidence"),
                _("evidence without an answer"),
                _("give the evaluator's answer too: {form}").format(
                    form="{answer: B, evidence: [...]}"
                ),
            )
        )
    return SplitEntry(answer, note, follow_up)


def _follow_up(raw: Any, path: FieldPath, findings: list[Finding]) -> FollowUp | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        findings.append(
            (
                path,
                _("expected a mapping, got {value}").format(value=describe(raw)),
                _("e.g. {example}").format(
                    example="{pic: Kasubbag TU, status: open, due: 2026-05-01}"
                ),
            )
        )
        return None
    ok = True
    for key in raw:
        if key not in FOLLOW_UP_KEYS:
            findings.append(
                (
                    (*path, key),
                    _("unknown key '{key}' in a follow-up").format(key=shown(str(key))),
                    did_you_mean(str(key), FOLLOW_UP_KEYS)
                    or _("allowed: {keys}").format(keys="pic, status, due"),
                )
            )
            ok = False
    pic = raw.get("pic")
    if not isinstance(pic, str) or not pic.strip():
        findings.append(
            (
                (*path, "pic"),
                _("missing the person in charge")
                if pic is None
                else _("expected text, got {value}").format(value=describe(pic)),
                _("name who follows the note up, e.g. pic: Kasubbag TU"),
            )
        )
        ok = False
    status = raw.get("status", "open")
    if status not in FOLLOW_UP_STATES:
        findings.append(
            (
                (*path, "status"),
                _("expected open or done, got {value}").format(value=describe(status)),
                (did_you_mean(status, FOLLOW_UP_STATES) if isinstance(status, str) else None)
                or _("open (still to do) or done"),
            )
        )
        ok = False
    due_raw = raw.get("due")
    due: date | None = None
    if due_raw is not None:
        due = parse_date(due_raw) if isinstance(due_raw, str) else None
        if due is None:
            findings.append(
                (
                    (*path, "due"),
                    _("expected a date YYYY-MM-DD, got {value}").format(value=describe(due_raw)),
                    _("e.g. {example}").format(example="due: 2026-05-01"),
                )
            )
            ok = False
    if not ok:
        return None
    assert isinstance(pic, str)
    return FollowUp(pic.strip(), status, due)


def layer_names(pack_layers: tuple[str, ...] | None) -> tuple[str, ...]:
    """The layers a review of a unit scored by a pack may name."""
    return STANDARD_LAYERS + tuple(x for x in pack_layers or () if x not in STANDARD_LAYERS)


def check_layer(layer: str, known: tuple[str, ...], below: Mapping[str, str]) -> Finding | None:
    """A finding when ``layer`` is not one the pack allows, or a layer below already
    has that name (``below``: layer name -> file)."""
    if layer == UNIT_LAYER or layer not in known:
        return (
            ("layer",),
            _("unknown layer '{layer}'").format(layer=shown(layer)),
            did_you_mean(layer, known) or _("one of {values}").format(values=", ".join(known)),
        )
    if layer in below:
        return (
            ("layer",),
            _("layer '{layer}' is already the layer of {file}").format(
                layer=layer, file=shown(below[layer])
            ),
            _("each layer of a chain is named once (e.g. tpi, then tpn)"),
        )
    return None
