"""The ``timeline`` command: officials' statements counted by week or month, as rows or a chart;
``register(group)`` adds it to the quotetrack CLI.

The counting is ``quotetrack.library.timeline`` and the drawing
``quotetrack.library.chart`` (the browser draws the same chart); this module
names the officials as every command does, narrows by ``--about`` through
the search, and prints.
"""

from __future__ import annotations

import re
import shutil
import sys

import click

from quotetrack.cli.options import date_options, db_option, open_library, quote_filter_options
from quotetrack.cli.output import emit, output_options, visible

MAX_OFFICIALS = 2       # one chart holds two officials, told apart by fill and colour
CHART_HEIGHT = 20       # rows of a --chart when standard output is no terminal
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def register(group: click.Group) -> None:
    """Add ``timeline`` to a click group (the quotetrack CLI)."""
    group.add_command(timeline)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("names", nargs=-1, required=True, metavar="NAME [NAME]")
@click.option("--by", type=click.Choice(["week", "month"]), default="month", show_default=True,
              help="Count by week (Monday to Sunday) or by month.")
@click.option("--about", metavar="PHRASE",
              help="Only the statements that say PHRASE or come close (as quotetrack search finds "
                   "them).")
@date_options
@quote_filter_options
@click.option("--chart", is_flag=True, help="Draw a chart in the terminal instead of printing rows.")
@db_option
@output_options
@click.pass_context
def timeline(ctx: click.Context, names: tuple[str, ...], by: str, about: str | None,
             since: str | None, until: str | None, publisher: str | None, min_length: int | None,
             chart: bool, db_path: str | None, fmt: str) -> None:
    """Count an official's statements by week or month; give two names to set two side by side.

    One row a period and official (period, from, until, speaker,
    speaker_id, statements), every period from the first statement to the
    last, the empty ones too. A statement reported by several articles
    counts once, in the period of its first report; statements from
    undated articles are not counted (their number is said on stderr).
    Names are matched as everywhere (blinkin finds Antony Blinken, or #ID).

    \b
    Example:
        quotetrack timeline Trump Clinton --by week -t
        quotetrack timeline Blinken --about "path of diplomacy" --chart
    """
    from quotetrack.library import timeline as timelines
    from quotetrack.library.statements import Filters
    from quotetrack.search import phrase_search
    from quotetrack.search.speaker_lookup import SpeakerNotFound, resolve_speaker

    if len(names) > MAX_OFFICIALS:
        raise click.UsageError("a timeline shows one or two officials, not %d" % len(names))
    if about is not None and not about.strip():
        raise click.UsageError("give a phrase after --about")
    if chart and fmt != "json":
        raise click.UsageError("--chart draws the chart; leave out --%s" % fmt)
    with open_library(ctx, db_path, user_errors=(SpeakerNotFound,)) as db:
        speakers = [resolve_speaker(db, name) for name in names]
        if len(speakers) == 2 and speakers[0][0] == speakers[1][0]:
            raise click.UsageError("%r and %r are both %s: give two officials"
                                   % (names[0], names[1], speakers[0][1]))
        quote_ids = None
        if about is not None:
            quote_ids = sorted({qid for sid, _ in speakers
                                for hit in phrase_search.search(db, about, speaker=sid, since=since,
                                                                until=until, limit=None)
                                for qid in hit.quote_ids})
        result = timelines.timeline(db, speakers, by, Filters(since, until, publisher, min_length),
                                    quote_ids)
    for s in result.series:
        if s.undated:
            click.echo("%s: %d statements from undated articles, not counted"
                       % (visible(s.speaker), s.undated), err=True)
    if chart:
        if not result.starts:
            click.echo("No dated statements of %s to draw"
                       % " or ".join(visible(s.speaker) for s in result.series), err=True)
            return
        click.echo(_chart(result, about))
    else:
        emit(result.rows(), fmt, columns=timelines.COLUMNS)


def _chart(result, about: str | None) -> str:
    """The chart as text: the terminal's width, colours only when standard output is a terminal."""
    import plotext

    from quotetrack.library import chart

    terminal = sys.stdout.isatty()
    size = shutil.get_terminal_size((100, CHART_HEIGHT + 4))
    width, height = max(40, size.columns), max(12, min(size.lines - 4, CHART_HEIGHT) if terminal
                                                else CHART_HEIGHT)
    fig = plotext._figure._figure_class()  # a figure of its own: plotext's module state untouched
    fig.plotsize(width, height)
    fig.theme("clear")
    chart.draw(fig, result, width=width, height=height)
    names = " and ".join(visible(s.speaker) for s in result.series)
    fig.title("Statements of %s by %s%s" % (names, result.by,
                                          ", about “%s”" % _short(visible(about)) if about else ""))
    text = fig.build()
    return text if terminal else _ANSI.sub("", text)


def _short(text: str, limit: int = 40) -> str:
    """A phrase cut for a title line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
