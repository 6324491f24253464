"""Process start-up and exit tweaks for the ``zi`` console script, in one place.

These trade the interpreter's general-purpose defaults for a short-lived CLI
that does one job and exits. Nothing else in zi depends on them: the CLI runs
the same without them (as it does in tests, which call the typer app directly),
only slower to start and to finish.
"""

import contextlib
import gc
import os
import sys
from typing import NoReturn


def prepare() -> None:
    """Set up the process before the command line is parsed."""
    # zi uses no pydantic plugins; looking them up costs a tenth of start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Start-up creates some hundred thousand long-lived objects (modules, classes,
    # the pack); the default collector would traverse them dozens of times. Young
    # garbage is still collected, every 100,000 net allocations.
    gc.set_threshold(100_000, 50, 100)


def leave(
    code: int,
    stdout_name: str,
    invalid: int,
    message: str = "error: {name}: cannot write: {reason}",
) -> NoReturn:
    """Flush the results and exit at once with ``code`` (at least ``invalid`` when
    standard output cannot be written: a result that is lost is an error, said with
    ``message``, in the language of the CLI that passes it).

    ``os._exit`` ends the process without tearing the interpreter down, which
    would free every module and object one by one and cost a one-file run a
    tenth more. What it skips, and why that is safe here:

    * ``atexit`` handlers (and threading's exit hooks): zi registers none; the
      one a library registers that matters, concurrent.futures' for its process
      pool, has nothing left to do, as batch's ``with ProcessPoolExecutor`` block
      shuts the pool down and joins its workers before the command returns;
    * finalisers (``__del__``, ``weakref.finalize``) and context managers still
      open: every file zi writes is written atomically and closed by the
      command that wrote it (:mod:`zicli.loading.output`) before this point;
    * the teardown of buffered streams: stdout and stderr are flushed here,
      explicitly, and a failure to write stdout is reported, not lost. Any other
      stream still open and unflushed would lose its buffer, so none is left open.
    """
    for stream, name in ((sys.stdout, stdout_name), (sys.stderr, None)):
        if stream is None:  # closed when zi started (zi ... 2>&-)
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            pass  # the reader stopped early (zi score ... | head): not an error
        except OSError as exc:
            if name is not None:
                with contextlib.suppress(OSError):
                    print(message.format(name=name, reason=exc.strerror or exc), file=sys.stderr)
                    sys.stderr.flush()
                code = max(code, invalid)
    os._exit(code)
