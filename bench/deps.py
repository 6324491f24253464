"""The dependency modules a one-file ``zi score`` run imports, for the start-up baseline.

Usage: python bench/deps.py FILE [zi score options]

Runs ``zi score FILE ...`` in this process (output discarded) and prints, comma-separated,
every module it loaded from outside the standard library and zi itself: typer (with the
pydantic adapters it builds at run time), pydantic, rich, PyYAML and what they import.
``bench/run.py`` then times a bare ``python -c "import <those>"`` as the baseline.
"""

from __future__ import annotations

import contextlib
import io
import sys
import sysconfig


def main() -> int:
    from zicli.cli import app

    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        app(["score", *sys.argv[1:]], prog_name="zi")
    paths = sysconfig.get_paths()
    roots = tuple({paths["purelib"], paths["platlib"]})
    names = sorted(
        name
        for name, module in list(sys.modules.items())
        if not name.startswith(("zicli", "__editable__"))
        and str(getattr(module, "__file__", None) or "").startswith(roots)
    )
    print(",".join(names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
