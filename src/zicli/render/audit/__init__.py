"""``zi audit`` output (view ``audit``): shared by its formats (table, json).

Values are shown to 6 decimals: the slips an audit finds are often a few
thousandths, below the 2 places of a report. Texts from the workbook (formulas,
cached texts) are escaped for the terminal as every message is.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from zicli.engine.audit import AuditResult
from zicli.errors import Problem, shown
from zicli.i18n import _, ngettext

SCHEMA = "zi.audit/1"


def _exact(value: Fraction, places: int = 6) -> Decimal:
    scaled = Decimal(value.numerator) / Decimal(value.denominator)
    return scaled.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _cached(value: float | int | str | None) -> Decimal | str | None:
    if value is None or isinstance(value, str):
        return value
    return _exact(Fraction(value))


def audit_json(file: str, result: AuditResult, problems: Sequence[Problem]) -> str:
    """The ``zi.audit/1`` object."""
    from zicli.render.jsontext import dumps

    payload: dict[str, Any] = {
        "schema": SCHEMA,
        "file": file,
        "criteria": result.criteria,
        "cached_values": result.cached,
        "workbook_total": _cached(result.workbook_total),
        "total": _exact(result.total),
        "differences": [
            {
                "node": d.node,
                "cell": d.cell,
                "workbook": _cached(d.workbook),
                "zi": _exact(d.zi),
                "cause": d.cause,
            }
            for d in result.differences
        ],
        "formula_slips": [
            {
                "node": d.node,
                "cell": d.cell,
                "workbook": _cached(d.workbook),
                "zi": _exact(d.zi),
                "cause": d.cause,
            }
            for d in result.slips
        ],
        "problems": [p.as_dict() for p in problems],
    }
    text: str = dumps(payload)
    return text + "\n"


def _text(value: Decimal | str | None) -> str:
    if value is None:
        return _("(blank)")
    return shown(str(value), 24)


def audit_table(file: str, result: AuditResult, problems: Sequence[Problem]) -> str:
    """Plain text: the totals, then one block per difference, then the problems."""
    out = [_("Audit {file} ({criteria})").format(file=shown(file, 120), criteria=result.criteria)]
    if not result.cached:
        out.append(
            _(
                "No cached values: the workbook was saved without its formulas' results, "
                "so there is nothing to compare."
            )
        )
        out.append(_("Score by zi: {total}").format(total=_exact(result.total, 2)))
    else:
        out.append(
            _("Workbook score: {workbook}   Score by zi: {total} ({exact})").format(
                workbook=_text(_cached(result.workbook_total)),
                total=_exact(result.total, 2),
                exact=_exact(result.total),
            )
        )
        n = len(result.differences)
        if not n:
            out.append(_("Every workbook score equals zi's arithmetic."))
        else:
            out.append(ngettext("{n} difference:", "{n} differences:", n).format(n=n))
        for d in result.differences:
            out.append(
                "  "
                + _("{cell}  {node}: workbook {workbook}, zi {zi}").format(
                    cell=d.cell, node=d.node, workbook=_text(_cached(d.workbook)), zi=_exact(d.zi)
                )
            )
            out.append("      " + _("cause: {cause}").format(cause=shown(d.cause, 200)))
    if result.slips:
        n = len(result.slips)
        out.append(
            ngettext(
                "{n} formula departs from the regulation (on other answers its value will "
                "differ from zi's):",
                "{n} formulas depart from the regulation (on other answers their values will "
                "differ from zi's):",
                n,
            ).format(n=n)
        )
        for d in result.slips:
            out.append(f"  {d.cell}  {d.node}: {shown(d.cause, 200)}")
    if problems:
        n = len(problems)
        out.append(ngettext("{n} reading problem:", "{n} reading problems:", n).format(n=n))
        out += [f"  {p}" for p in problems]
    return "\n".join(out) + "\n"
