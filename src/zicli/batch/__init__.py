"""Score many answer files: the batch core, which owns its results.

- :mod:`.options`: what every file is scored with, and the command-line
  thresholds (``--require``, ``--fail-under``, ``--max-incomplete``) a CI run
  checks; also used for one file, so it imports nothing of the machinery below.
- :mod:`.rows`: a file's compact result (:class:`~.rows.UnitRow`) and the counts
  over a run (:class:`~.rows.Summary`), which the batch formats render.
- :mod:`.run`: the workers and the streaming run.

Nothing is imported here, so ``zicli.batch.options`` stays cheap for one file.
"""
