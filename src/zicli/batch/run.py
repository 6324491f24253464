"""Score many answer files: per-file failures are data, results stream in order.

:func:`run_batch` scores each file (in worker processes when ``jobs > 1``, packs
parsed once per worker) into a compact :class:`UnitRow`, then hands the rows, in
the sorted file order, to every requested output. The formats' per-unit
``prepare`` (a unit's JSON, its detail table) runs in the workers too, so
rendering stays parallel. It never prints; it returns the summary, whose
``exit_code`` the CLI uses.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from zicli import i18n
from zicli.engine.exact import rounded
from zicli.errors import Location, Problem, ZiError
from zicli.loading import (
    STDIN,
    LoadedUnit,
    criteria_roots,
    load_unit,
    load_unit_bytes,
    read_bytes,
    set_criteria_roots,
)
from zicli.loading.discover import no_answer_files
from zicli.loading.files import drain, note
from zicli.render.common import actual_text, required_text
from zicli.render.options import RenderOptions

from .options import BatchOptions, blank_percent, matches, threshold_failures
from .rows import FailedCondition, Summary, UnitRow

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from zicli.engine.assess import Assessment
    from zicli.render.contracts import BatchFormatter


Prepare = Callable[["Assessment", RenderOptions], "str | None"]


@functools.cache
def _preparers(names: tuple[str, ...]) -> tuple[tuple[str, Prepare], ...]:
    """The ``prepare`` of each named batch format, looked up once per process."""
    from zicli.render.registry import load

    return tuple((name, load("batch", name).prepare) for name in names)


def _prepared(result: Assessment, options: BatchOptions) -> dict[str, str]:
    """What each requested format prepares for this unit, each distinct
    ``prepare`` run once (json and jsonl share the unit's one-line JSON)."""
    out: dict[str, str] = {}
    done: dict[Prepare, str | None] = {}
    for name, prepare in _preparers(options.prepare):
        if prepare not in done:
            done[prepare] = prepare(result, options.render)
        text = done[prepare]
        if text is not None:
            out[name] = text
    return out


def _name_line(loaded: LoadedUnit) -> int | None:
    """The line of the file's ``unit.name`` (read again with places: only for a unit
    that fails a gate, so the common run stays on the quick path)."""
    where = loaded.locate(("unit", "name")) if loaded.locate is not None else None
    return where.line if where is not None else None


def _row(loaded: LoadedUnit, options: BatchOptions, started: float) -> UnitRow:
    from zicli.loading.evidence import unit_evidence_check

    result = loaded.assess(options.blank)
    # Every file's evidence is checked (a hostile path makes it invalid, as for one
    # file); the statuses are worked out only where a format or a gate shows them.
    check = unit_evidence_check(loaded, options.evidence_root)
    if options.prepare or options.require_evidence:
        from zicli.engine.evidence import evidence_report

        report = evidence_report(loaded.index, loaded.answers, check.entries, result.card.values)
        result = dataclasses.replace(result, evidence=report)
        without_evidence, at_risk = report.without_evidence, report.at_risk
    else:
        from zicli.engine.evidence import evidence_counts

        counts = evidence_counts(loaded.index, loaded.answers, check.entries, result.card.values)
        without_evidence, at_risk = counts.without_evidence, counts.at_risk
    failures = threshold_failures(result, options)
    verdict, card = result.verdict, result.card
    in_view = None
    if options.require is not None:
        wanted = matches(options.require, [r.id for r in verdict.results])
        in_view = next((r for r in verdict.results if r.id == wanted), None)
    in_view = in_view or verdict.next or verdict.reached
    failed = (
        tuple(
            FailedCondition(in_view.id, c.id, c.description, required_text(c), actual_text(c))
            for c in in_view.failed()
        )
        if in_view is not None
        else ()
    )
    return UnitRow(
        file=loaded.file,
        valid=True,
        name=card.unit.name,
        period=card.unit.period,
        pack=card.index.id,
        total=rounded(card.total),
        predicate=verdict.predicate,
        predicate_name=verdict.reached.name if verdict.reached else None,
        provisional=verdict.provisional,
        answered=card.answered,
        questions=card.question_count,
        blank_percent=rounded(blank_percent(card)),
        in_view=in_view.id if in_view else None,
        in_view_name=in_view.name if in_view else None,
        failed=failed,
        threshold_failures=failures,
        line=_name_line(loaded) if failures else None,
        warnings=tuple(
            Problem(w.message, field=w.field, hint=w.hint, where=w.where or Location(loaded.file))
            for w in card.warnings
            if w.field
        ),
        without_evidence=without_evidence,
        at_risk=at_risk,
        prepared=_prepared(result, options) if options.prepare else {},
        seconds=time.perf_counter() - started,
    )


def score_file(path: str, options: BatchOptions, data: bytes | None = None) -> UnitRow:
    """One file's row; an invalid file becomes a row with its problems."""
    started = time.perf_counter()
    if options.criteria_roots and criteria_roots() != options.criteria_roots:
        set_criteria_roots(options.criteria_roots)
    try:
        if data is not None:
            loaded = load_unit_bytes(data, path, Path.cwd(), criteria=options.criteria)
            if options.overrides:
                from zicli.loading.overrides import apply_overrides

                loaded = apply_overrides(loaded, options.overrides)
        else:
            loaded = load_unit(path, criteria=options.criteria, overrides=options.overrides)
        return _row(loaded, options, started)
    except ZiError as exc:
        return UnitRow(
            file=path, valid=False, errors=exc.problems, seconds=time.perf_counter() - started
        )


_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


def _worker_start(lang: str) -> None:
    # Ctrl-C reaches the whole process group: the parent alone decides, and ends
    # the workers itself; a worker that took the signal would die mid-chunk and
    # break the pool (BrokenProcessPool) with a traceback. SIGTERM/SIGHUP from the
    # parent end a worker at once. The parent blocked these signals while it
    # started the workers (see _rows); they are unblocked once the handlers are set.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in _SIGNALS[1:]:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _unblock()
    # Scoring allocates many short-lived, acyclic objects (fractions, rows); the cyclic
    # collector's frequent passes over the packs and modules buy nothing here.
    gc.freeze()
    gc.set_threshold(5_000, 20, 20)
    i18n.use(lang)  # a spawned worker speaks what the parent speaks (a forked one does)


def _signal_set() -> set[int]:
    import signal

    return {getattr(signal, name) for name in _SIGNALS if hasattr(signal, name)}


def _block() -> None:
    import signal

    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, _signal_set())


def _unblock() -> None:
    import signal

    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _signal_set())


def _score_chunk(args: tuple[list[str], BatchOptions]) -> tuple[list[UnitRow], list[str]]:
    """A chunk's rows, and the files the worker read for them (packs included) that
    it has not sent before, which the parent's outputs may not replace."""
    paths, options = args
    rows = [score_file(p, options) for p in paths]
    return rows, drain()


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the pool now: pending chunks cancelled, workers terminated and reaped
    (none is left holding standard output open)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(5)


def _rows(paths: list[str], options: BatchOptions, jobs: int) -> Iterator[UnitRow]:
    stdin = read_bytes(STDIN) if STDIN in paths else None
    if jobs <= 1 or len(paths) < 8:
        for path in paths:
            yield score_file(path, options, stdin if path == STDIN else None)
        return
    # Workers score chunks of files in order; map() yields the chunks in input order,
    # so output never depends on timing. Chunks amortise the cost of sending rows.
    size = max(4, min(64, len(paths) // (jobs * 8) or 4))
    files = [p for p in paths if p != STDIN]
    chunks = [(files[i : i + size], options) for i in range(0, len(files), size)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    # A signal while the workers start would reach a half-made pool: hold it until
    # they all run (fork starts every worker at the first submit, inside map()).
    pool: ProcessPoolExecutor | None = None
    _block()
    try:
        pool = ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_worker_start, initargs=(i18n.current(),)
        )
        results = pool.map(_score_chunk, chunks)
        _unblock()  # a signal that came meanwhile is raised now, and handled below
        scored = (row for chunk in _noted(results) for row in chunk)
        for path in paths:  # standard input keeps its place among the files
            yield score_file(STDIN, options, stdin) if path == STDIN else next(scored)
    except BaseException:
        _unblock()
        if pool is not None:
            _stop(pool)
        raise
    pool.shutdown(wait=True)


def _noted(results: Iterator[tuple[list[UnitRow], list[str]]]) -> Iterator[list[UnitRow]]:
    for rows, read in results:
        for path in read:
            note(path)
        yield rows


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def max_jobs() -> int:
    """The most worker processes ``--jobs`` may ask for: four per CPU (more only
    costs memory and start-up; 1,000 would fork 1,000 interpreters)."""
    return 4 * default_jobs()


Sink = tuple["BatchFormatter", Callable[[str], None]]
"""A formatter and where its text goes."""


def run_batch(
    paths: list[str],
    options: BatchOptions,
    sinks: Sequence[Sink],
    render: RenderOptions,
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Score ``paths`` and feed every row to every sink; the summary at the end."""
    if not paths:
        raise no_answer_files()
    summary = Summary()
    if options.require:
        summary.thresholds["require"] = options.require
    if options.fail_under is not None:
        summary.thresholds["fail_under"] = str(options.fail_under)
    if options.max_incomplete is not None:
        summary.thresholds["max_incomplete"] = str(options.max_incomplete)
    for formatter, write in sinks:
        write(formatter.begin(render))
    for done, row in enumerate(_rows(paths, options, jobs), start=1):
        summary.add(row)
        for formatter, write in sinks:
            text = formatter.unit(row)
            if text:
                write(text)
        if progress is not None:
            progress(done)
    for formatter, write in sinks:
        write(formatter.end(summary))
    return summary
