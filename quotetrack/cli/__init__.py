"""The ``quotetrack`` command line (click): the top layer beside the browser.

``main`` holds the group and the extract, eval, ingest and listing commands;
``search_commands`` adds search and compare; ``options`` and ``output`` are
the flags and output formats they share. ``cli`` is the console script.
"""

from quotetrack.cli.main import cli

__all__ = ["cli"]
