"""Entry point for ``python -m zicli``."""

from zicli.cli import main

main()
