"""Rewrite the output of every ``console`` block in README.md from a real run.

Usage: python scripts/update_readme.py   (then review `git diff README.md`)

Each block starts with a ``$ zi ...`` line; the rest of the block is replaced by
what that command prints (stdout, then stderr) at 80 columns without colour,
in Bahasa Indonesia (zi's default language), which is exactly what
tests/test_readme.py compares. The language is forced (``ZI_LANG=id``), so a
developer's English ``LANG`` or ``ZI_LANG`` never turns the README's output
English; a block that wants English says so with ``--lang en``.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```console\n\$ (.*?)\n(.*?)```", flags=re.S)


def run(command: str) -> str:
    """What a README command prints."""
    args = shlex.split(command)
    env = dict(os.environ, NO_COLOR="1", COLUMNS="80", ZI_LANG="id")
    done = subprocess.run(
        [sys.executable, "-m", "zicli", *args[1:]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return (done.stdout + done.stderr).rstrip("\n") + "\n"


def main() -> int:
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    updated = BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{run(m.group(1))}```", text)
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print("README.md updated; review the diff")
    else:
        print("README.md is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
