"""Commands about the library file itself; ``register(group)`` adds them to the quotetrack CLI.

``check`` reads every page of the file (SQLite's ``integrity_check``); the
commands that use the library run only a bounded quick check when they open it.
"""

from __future__ import annotations

import click

from quotetrack.cli.options import db_option, library_path


def register(group: click.Group) -> None:
    """Add ``check`` to a click group (the quotetrack CLI)."""
    group.add_command(check)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.pass_context
def check(ctx: click.Context, db_path: str | None) -> None:
    """Check that the library file is sound: every page, index and row (SQLite's integrity check).

    Prints one line: that the library is sound, or that it is damaged with
    SQLite's first finding (exit status 1). It reads the whole file, so it
    takes about as long as reading it; other commands check only its start.

    \b
    Example:
        quotetrack --db news.db check
    """
    from quotetrack.library import store

    path = library_path(ctx, db_path)
    try:
        problems = store.check_library(path)
    except store.StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if problems:
        more = " (and %d more findings)" % (len(problems) - 1) if len(problems) > 1 else ""
        raise click.ClickException("%s is damaged: %s%s; restore it from a copy"
                                   % (path, " ".join(problems[0].split()), more))
    click.echo("%s is sound" % path)
