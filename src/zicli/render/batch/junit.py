"""``--format junit``: one testcase per unit, for CI test reports.

Each testcase is named by the unit and its file (stable across quarters), carries
the file in ``file``, and its score, predicate and period as ``properties`` and in
``system-out``. A unit that fails a command-line gate (``--require``, ``--fail-under``,
``--max-incomplete``) is a ``failure`` whose text lists the unmet conditions;
an invalid file is an ``error``. The document follows the Apache Ant JUnit
layout that CI systems read (testsuites > testsuite > testcase)."""

from __future__ import annotations

import socket
from datetime import datetime

from zicli.i18n import _
from zicli.render.escape import xml_attr, xml_text
from zicli.render.options import RenderOptions

from . import INVALID, BaseFormatter, Summary, UnitRow
from .rows import row_predicate_label


class Formatter(BaseFormatter):
    """JUnit XML."""

    def __init__(self) -> None:
        self.cases: list[str] = []
        self.failures = 0
        self.errors = 0
        self.seconds = 0.0

    def begin(self, options: RenderOptions) -> str:
        """Nothing until the end (the suite's counts come first in XML)."""
        return ""

    def unit(self, row: UnitRow) -> str:
        """Keep the testcase text. Its name is the unit and its file, never the score:
        CI keeps a test's history by name, and a score changes every quarter."""
        self.seconds += row.seconds
        name = xml_attr(f"{row.name} ({row.file})" if row.name else row.file)
        classname = xml_attr(f"zi.{row.pack or 'invalid'}")
        head = (
            f"    <testcase name={name} classname={classname} file={xml_attr(row.file)} "
            f'time="{row.seconds:.3f}">\n'
        )
        body = ""
        if row.valid:
            props = {
                "zi.period": row.period or "",
                "zi.criteria": row.pack or "",
                "zi.total": str(row.total),
                "zi.predicate": row.predicate or "",
                "zi.predicate_name": row_predicate_label(row),
                "zi.answered": f"{row.answered}/{row.questions}",
            }
            body += "      <properties>\n" + "".join(
                f"        <property name={xml_attr(k)} value={xml_attr(v)}/>\n"
                for k, v in props.items()
            )
            body += "      </properties>\n"
        if not row.valid:
            self.errors += 1
            text = "\n".join(str(p) for p in row.errors)
            message = xml_attr(str(row.errors[0]) if row.errors else _(INVALID))
            body += f'      <error message={message} type="InvalidInput">{xml_text(text)}</error>\n'
        elif row.threshold_failures:
            self.failures += 1
            lines = [*row.threshold_failures]
            lines += [
                f"{row.in_view_name or c.predicate}: {c.description}: {c.actual} < {c.required}"
                for c in row.failed
            ]
            message = xml_attr("; ".join(row.threshold_failures))
            body += (
                f'      <failure message={message} type="GateFailed">'
                f"{xml_text(chr(10).join(lines))}</failure>\n"
            )
        if row.valid:
            out = f"{row.name} ({row.period}): {row.total} {row_predicate_label(row)}"
            body += f"      <system-out>{xml_text(out)}</system-out>\n"
        self.cases.append(head + body + "    </testcase>\n")
        return ""

    def end(self, summary: Summary) -> str:
        """The whole document."""
        stamp = datetime.now().replace(microsecond=0).isoformat()
        host = xml_attr(socket.gethostname() or "localhost")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'
            f'  <testsuite name="zi" package="zi" id="0" timestamp="{stamp}" hostname={host} '
            f'tests="{summary.files}" failures="{self.failures}" errors="{self.errors}" '
            f'skipped="0" time="{self.seconds:.3f}">\n    <properties/>\n'
            + "".join(self.cases)
            + "    <system-out/>\n    <system-err/>\n  </testsuite>\n</testsuites>\n"
        )
