"""The ``report`` command: statements to hand a colleague, as Markdown or one HTML file;
``register(group)`` adds it to the quotetrack CLI.

The rendering is ``quotetrack.library.report`` (pure functions from rows to
text); this module picks the rows (speakers named as every command names
them, ``--about`` through the search) and writes the file.
"""

from __future__ import annotations

import click

from quotetrack.cli.options import date_options, db_option, open_library
from quotetrack.cli.output import write_text


def register(group: click.Group) -> None:
    """Add ``report`` to a click group (the quotetrack CLI)."""
    group.add_command(report)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--speaker", "speakers", multiple=True, metavar="NAME",
              help="Only this speaker's statements (name matched fuzzily, alias or #ID); repeat "
                   "for several.")
@click.option("--about", metavar="PHRASE",
              help="Only the statements that say PHRASE or come close (as quotetrack search finds them).")
@date_options
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), required=True,
              help="Markdown, or one self-contained HTML page.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              metavar="FILE", help="Write the report to FILE ('-' for standard output).")
@click.option("--title", default="Statements", show_default=True, help="The report's heading.")
@db_option
@click.pass_context
def report(ctx: click.Context, speakers: tuple[str, ...], about: str | None, since: str | None,
           until: str | None, fmt: str, output: str, title: str, db_path: str | None) -> None:
    """Write a report of statements, grouped by speaker, to share.

    Each statement comes with its speaker, role, outlet, date, article title
    and link, and a citation line ready to paste. --format html gives one
    self-contained page (no external files) to open in a browser or send.

    \b
    Example:
        quotetrack report --speaker Blinken --format html -o blinken.html
        quotetrack report --about "path of diplomacy" --since 2021-01-01 --format md -o report.md
    """
    from quotetrack.library import report as reporting
    from quotetrack.search import phrase_search
    from quotetrack.search.speaker_lookup import SpeakerNotFound, resolve_speaker

    if about is not None and not about.strip():
        raise click.UsageError("give a phrase after --about")
    with open_library(ctx, db_path, user_errors=(SpeakerNotFound,)) as db:
        ids = [resolve_speaker(db, name)[0] for name in speakers] if speakers else None
        quote_ids = None
        if about is not None:
            quote_ids = set()
            for sid in ids or [None]:
                for hit in phrase_search.search(db, about, speaker=sid, since=since, until=until,
                                                limit=None):
                    quote_ids.update(hit.quote_ids)
        rows = reporting.report_rows(db, ids, quote_ids, since, until)
        scope = "; ".join(p for p in (
            "about “%s”" % about if about else None,
            "from %s" % since if since else None, "until %s" % until if until else None) if p)
    text = (reporting.html if fmt == "html" else reporting.markdown)(rows, title, scope or None)
    write_text(output, text)
    if output != "-":
        click.echo("Wrote %d statements by %d speakers to %s"
                   % (len(rows), len({r["speaker_id"] for r in rows}), output), err=True)
