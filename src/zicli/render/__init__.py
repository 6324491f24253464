"""Output formats: one module per view and format, found through :mod:`.registry`.

A formatter turns results into text; it never prints, and the CLI decides where
the text goes. Nothing is imported here: the CLI reads its ``--format`` choices
from the registry at start-up, and the formatter modules (rich, the engine) are
imported only when a command runs.
"""
