"""The ``datasette-metadata`` command: the metadata file that makes a library readable in
datasette; ``register(group)`` adds it to the quotetrack CLI."""

from __future__ import annotations

import json

import click

from quotetrack.cli.options import db_option, open_library
from quotetrack.cli.output import write_text


def register(group: click.Group) -> None:
    """Add ``datasette-metadata`` to a click group (the quotetrack CLI)."""
    group.add_command(datasette_metadata)


@click.command(name="datasette-metadata", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-o", "--output", default="-", type=click.Path(dir_okay=False, writable=True),
              metavar="FILE", help="Write to FILE instead of standard output.")
@db_option
@click.pass_context
def datasette_metadata(ctx: click.Context, output: str, db_path: str | None) -> None:
    """Write a datasette metadata file for the library: facets on speaker, publisher, the
    statement's kind (direct, mixed, indirect), its cue type (speech, attitude) and the
    speaker's kind (speaker_kind), and article titles (else ids) as the label of quote rows.

    Pass it to datasette with -m (datasette 0.x) or -c (datasette 1.0).

    \b
    Example:
        quotetrack datasette-metadata -o metadata.json
        datasette ~/.local/share/quotetrack/quotetrack.db -m metadata.json
    """
    from quotetrack.cli.options import library_path
    from quotetrack.library.datasette_metadata import metadata

    with open_library(ctx, db_path):
        pass  # a library must be there: the metadata names its file
    text = json.dumps(metadata(library_path(ctx, db_path)), indent=2, ensure_ascii=False) + "\n"
    write_text(output, text)
    if output != "-":
        click.echo("Wrote datasette metadata to %s (datasette %s -m %s)"
                   % (output, library_path(ctx, db_path), output), err=True)
