"""Pure scoring core: no I/O, no YAML, no terminal. Exact rational arithmetic.

The engine receives validated models and returns immutable results; it never
prints, reads files or exits. ``score`` builds a :class:`Scorecard`, ``judge``
its :class:`Verdict`.
"""
