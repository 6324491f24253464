"""``--format junit``: one testcase per unit, for CI test reports.

A unit that fails a command-line gate (``--require``, ``--fail-under``,
``--max-incomplete``) is a ``failure`` whose text lists the unmet conditions;
an invalid file is an ``error``. The document follows the Apache Ant JUnit
layout that CI systems read (testsuites > testsuite > testcase)."""

from __future__ import annotations

import socket
from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

from zicli.render.options import RenderOptions

from . import BaseFormatter, Summary, UnitRow
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
        """Keep the testcase text."""
        self.seconds += row.seconds
        label = f"{row.name} ({row.file})" if row.name else row.file
        if row.valid:
            label += f": {row.total} {row_predicate_label(row)}"
        name = quoteattr(label)
        classname = quoteattr(f"zi.{row.pack or 'invalid'}")
        head = f'    <testcase name={name} classname={classname} time="{row.seconds:.3f}"'
        if not row.valid:
            self.errors += 1
            text = "\n".join(str(p) for p in row.errors)
            message = quoteattr(str(row.errors[0]) if row.errors else "invalid")
            self.cases.append(
                f'{head}>\n      <error message={message} type="InvalidInput">'
                f"{escape(text)}</error>\n    </testcase>\n"
            )
        elif row.threshold_failures:
            self.failures += 1
            lines = [*row.threshold_failures]
            lines += [
                f"{c.predicate} {c.id}: {c.description}: {c.actual} < {c.required}"
                for c in row.failed
            ]
            message = quoteattr("; ".join(row.threshold_failures))
            self.cases.append(
                f'{head}>\n      <failure message={message} type="GateFailed">'
                f"{escape(chr(10).join(lines))}</failure>\n    </testcase>\n"
            )
        else:
            self.cases.append(f"{head}/>\n")
        return ""

    def end(self, summary: Summary) -> str:
        """The whole document."""
        stamp = datetime.now().replace(microsecond=0).isoformat()
        host = quoteattr(socket.gethostname() or "localhost")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'
            f'  <testsuite name="zi" package="zi" id="0" timestamp="{stamp}" hostname={host} '
            f'tests="{summary.files}" failures="{self.failures}" errors="{self.errors}" '
            f'skipped="0" time="{self.seconds:.3f}">\n    <properties/>\n'
            + "".join(self.cases)
            + "    <system-out/>\n    <system-err/>\n  </testsuite>\n</testsuites>\n"
        )
