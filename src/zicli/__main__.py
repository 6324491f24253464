"""Entry point for ``python -m zicli``."""

from zicli.cli import main

# Guarded: a worker process started with the 'spawn' method imports this module
# again, and must not run (and exit) the command line there.
if __name__ == "__main__":
    main()
