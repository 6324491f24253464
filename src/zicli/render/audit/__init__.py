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
        return "(kosong)"
    return shown(str(value), 24)


def audit_table(file: str, result: AuditResult, problems: Sequence[Problem]) -> str:
    """Plain text: the totals, then one block per difference, then the problems."""
    out = [f"Audit {shown(file, 120)} ({result.criteria})"]
    if not result.cached:
        out.append(
            "Tidak ada nilai tersimpan (no cached values): buku kerja disimpan tanpa hasil "
            "rumus, jadi tidak ada yang dapat dibandingkan."
        )
        out.append(f"Nilai menurut zi: {_exact(result.total, 2)}")
    else:
        out.append(
            f"Nilai buku kerja: {_text(_cached(result.workbook_total))}   "
            f"Nilai menurut zi: {_exact(result.total, 2)} ({_exact(result.total)})"
        )
        if not result.differences:
            out.append("Semua nilai buku kerja sama dengan perhitungan zi.")
        else:
            out.append(f"{len(result.differences)} perbedaan:")
        for d in result.differences:
            out.append(
                f"  {d.cell}  {d.node}: buku kerja {_text(_cached(d.workbook))}, zi {_exact(d.zi)}"
            )
            out.append(f"      sebab: {shown(d.cause, 200)}")
    if result.slips:
        out.append(
            f"{len(result.slips)} rumus menyimpang dari aturan (pada jawaban lain nilainya akan "
            "berbeda dari zi):"
        )
        for d in result.slips:
            out.append(f"  {d.cell}  {d.node}: {shown(d.cause, 200)}")
    if problems:
        out.append(f"{len(problems)} masalah pembacaan:")
        out += [f"  {p}" for p in problems]
    return "\n".join(out) + "\n"
