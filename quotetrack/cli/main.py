"""The ``quotetrack`` command line: headless subcommands under a default group."""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager, nullcontext
from typing import Iterable, Iterator

import click
from click_default_group import DefaultGroup

import quotetrack
from quotetrack.cli import cluster_options
from quotetrack.cli.options import (DB_HELP, attitudes_option, date_options, db_option, kind_options,
                                    library_path, max_size_option, open_library, quote_filter_options)
from quotetrack.cli.output import emit, output_options, visible
from quotetrack.engine.reported_format import attribution_line
from quotetrack.evaluation import scoring
from quotetrack.library.articles import Article, ArticleError, prediction_line

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


class EvalInputError(click.ClickException):
    """Unscorable gold input or extractor output; exit status 2, as score.py."""

    exit_code = 2




class BrowseByDefault(DefaultGroup):
    """A default group whose default (the browser) runs only when no command is named.

    A mistyped command name is an error, not arguments for the browser.
    """

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command named ``cmd_name``; None (click's "No such command") for an unknown name."""
        return self.commands.get(cmd_name)


@click.group(cls=BrowseByDefault, default="browse", default_if_no_args=True, invoke_without_command=True,
             context_settings=CONTEXT_SETTINGS)
@click.version_option(quotetrack.__version__, "--version", prog_name="quotetrack")
@click.option("--db", "db_path", metavar="PATH", help=DB_HELP)
@click.pass_context
def cli(ctx: click.Context, db_path: str | None) -> None:
    """Find every quotation in news articles and who said it.

    With no command, opens the terminal browser on the library.

    \b
    Example:
        quotetrack --db news.db
        quotetrack extract seeds/ --nl
        quotetrack --db news.db ingest articles/ && quotetrack --db news.db speakers -t
    """
    if ctx.invoked_subcommand is None:
        # only group options (quotetrack --db news.db): open the browser, as bare quotetrack does
        ctx.invoke(browse, db_path=db_path)


@cli.command(name="help")
@click.argument("words", nargs=-1, metavar="[COMMAND]")
@click.pass_context
def help_(ctx: click.Context, words: tuple[str, ...]) -> None:
    """Show help, for quotetrack or one COMMAND.

    \b
    Example:
        quotetrack help extract
    """
    group_ctx = ctx.parent
    if not words:
        click.echo(group_ctx.get_help())
        return
    command = words[0]
    # not get_command(): DefaultGroup resolves any unknown name to this command
    sub = cli.commands.get(command)
    if sub is None:
        # DefaultGroup routes an unknown command name here: call it a typo
        raise click.UsageError("No such command %r." % command, group_ctx)
    click.echo(sub.get_help(click.Context(sub, info_name=command, parent=group_ctx)))


@cli.command()
@click.option("--db", "db_path", metavar="PATH", help=DB_HELP)
@click.pass_context
def browse(ctx: click.Context, db_path: str | None) -> None:
    """Open the terminal browser: officials, their statements, search, compare (bare quotetrack does this).

    On an empty library it says how to ingest articles and can store the
    bundled seed article with one key. F1 shows the keys, ctrl+q quits.

    \b
    Example:
        quotetrack --db news.db
    """
    from quotetrack.library import store
    from quotetrack.tui import make_app

    path = library_path(ctx, db_path)
    try:
        store.open_db(path, create=True).close()
    except store.StoreError as exc:
        raise click.ClickException(str(exc)) from None
    make_app(path).run()


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--nl", is_flag=True, help="Output newline-delimited JSON, one article a line.")
@click.option("--reported", is_flag=True,
              help="Every statement, reported speech too, in the attribution format "
                   "(shared/docs/attribution-format.md).")
@max_size_option
@cluster_options.options
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], nl: bool, max_size: int, reported: bool = False,
            **cluster) -> None:
    """Find the quotations in articles and print them in the gold JSON format.

    Each PATH is a .txt or .md file (one article, its id the path), a .jsonl
    file of {"id", "text"} objects, or a directory searched for those files.
    Output is a JSON array of {"id", "text", "quotes"} objects, or with --nl
    one object per line. An unreadable file or line, an article larger than
    --max-size, or a FIFO or device in a folder is reported on stderr, the
    others are still processed, and the exit status is then 1.

    With --reported, each object is {"id", "text", "attributions"}: direct,
    mixed and indirect statements ("Biden said US officials are ...") with
    their content, kind, speaker, source, cue and cue_type (speech or attitude).

    \b
    Example:
        quotetrack extract seeds/ --nl > quotes.jsonl
        quotetrack extract seeds/ --reported --nl > statements.jsonl

    .warc and .warc.gz files (their HTML responses, read as .html pages are)
    and .parquet files of articles (id, text) are read too. With --out DIR
    the statements (the quotations and the reported statements, each row
    with its kind) go to a Parquet dataset instead, on a Dask cluster with
    --dask [ADDRESS]: see "At scale" in the README.

    \b
        quotetrack extract crawl.warc.gz articles.jsonl --out statements/ --dask
    """
    if cluster_options.wanted(**cluster):
        # a dataset holds the reported statements with or without --reported (rows by kind)
        cluster_options.run_extract(ctx, paths, max_size, **cluster)
        return
    failures = []

    def report(exc: ArticleError) -> None:
        failures.append(exc)
        click.echo("Error: %s" % visible(str(exc)), err=True)

    try:
        _write_predictions(cluster_options.articles(paths, report, max_size), nl, reported)
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away: stop quietly instead of a traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        ctx.exit(1)
    if failures:
        ctx.exit(1)


def _write_predictions(articles: Iterable[Article], nl: bool, reported: bool = False) -> None:
    """Stream one prediction object per article, as JSON lines or as a JSON array
    (the attribution format of every statement with ``reported``)."""
    first = True
    for aid, text, _meta in articles:
        if reported:
            line = json.dumps(attribution_line(aid, text), ensure_ascii=False)
        else:
            line = json.dumps(prediction_line(aid, text, quotetrack.extract(text)), ensure_ascii=False)
        if nl:
            click.echo(line)
        else:
            # sqlite-utils' array layout: one object a line, written as it comes
            click.echo(("[" if first else ",\n ") + line, nl=False)
        first = False
    if not nl:
        click.echo("[]" if first else "]")


@cli.command(name="eval")
@click.argument("gold_path", metavar="GOLD.jsonl")
@click.option("--errors", "n_errors", type=click.IntRange(min=0), default=0, metavar="N",
              show_default=True, help="Show up to N examples of each error kind.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the table.")
def eval_(gold_path: str, n_errors: int, as_json: bool) -> None:
    """Run the extractor on the articles of a gold file and score it.

    Prints what shared/tools/score.py prints for the same predictions:
    quote precision/recall/F1, end-to-end F1 (the headline figure) and
    speaker accuracy. Malformed gold input exits with status 2.

    \b
    Example:
        quotetrack eval ../shared/data/polnear-dev.jsonl --errors 5
    """
    try:
        gold = scoring.read_jsonl(gold_path, "gold")
        texts = scoring.gold_texts_of(gold)
        pred: scoring.Articles = {}
        for aid, (lineno, article) in gold.items():
            obj = prediction_line(aid, article["text"], quotetrack.extract(article["text"]))
            # checked like a prediction file, so an offset bug in the engine is named, not scored
            where = "extractor output for gold file %s line %d" % (gold_path, lineno)
            scoring.add_article(pred, obj, lineno, where, texts)
    except scoring.ScoreInputError as exc:
        raise EvalInputError(str(exc)) from None
    result = scoring.score(gold, pred, n_errors)
    click.echo(scoring.render_json(result) if as_json else scoring.render(result))


# ---------------------------------------------------------------------------
# The library: ingest, speakers, quotes, articles, export


class Interrupted(click.ClickException):
    """Ctrl-C during an ingest: exit status 130, as a shell gives."""

    exit_code = 130


class Terminated(click.ClickException):
    """SIGTERM during an ingest: exit status 143, as a shell gives."""

    exit_code = 143


@contextmanager
def library(ctx: click.Context, explicit: str | None, create: bool = False) -> Iterator:
    """The open library, its problems (and a store command's mistakes) as one-line errors."""
    from quotetrack.library import corrections, queries
    from quotetrack.search.speaker_lookup import SpeakerNotFound

    with open_library(ctx, explicit, create,
                      (queries.NotFound, corrections.CorrectionError, SpeakerNotFound)) as db:
        yield db


def _speaker_id(db, name: str, fuzzy: bool = False) -> int:
    """The id of the speaker a typed name means: the one lookup search and compare use too
    (exact only, unless ``fuzzy``, for commands that change the library)."""
    from quotetrack.search.speaker_lookup import resolve_speaker

    return resolve_speaker(db, name, fuzzy=fuzzy)[0]


@contextmanager
def quiet_broken_pipe(ctx: click.Context) -> Iterator[None]:
    """Stop quietly when the reader of our output (e.g. `| head`) goes away."""
    try:
        yield
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        ctx.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, metavar="PATH|URL...")
@db_option
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="Also the articles of this RSS or Atom feed not stored yet; repeat for several.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=20.0,
              show_default=True, metavar="SECONDS",
              help="Give up on a web page or feed after this long.")
@click.option("--workers", "-w", type=click.IntRange(min=1), metavar="N",
              help="Extract with N processes (default: one per core).")
@click.option("--silent", is_flag=True, help="No progress bar and no summary line.")
@max_size_option
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], db_path: str | None, feeds: tuple[str, ...],
           timeout: float, workers: int | None, silent: bool, max_size: int) -> None:
    """Store articles, their quotes and speakers in the library.

    Each PATH is a .txt, .md or .html file (the article text is taken out of
    a page by trafilatura), an http(s) URL (the page is fetched, then read
    as an .html file; its id is the URL), a .jsonl file of {"id", "text"} objects (title,
    url, publisher and published or date are kept too), a folder searched
    recursively for those, or - for standard input. Ingesting the same
    article again changes nothing; a changed text replaces its quotes. Each
    article is committed on its own: an interrupted ingest, run again, ends
    as if it had never stopped. Bad files and lines, articles larger than
    --max-size and FIFOs or devices in folders are reported one line each,
    the rest is stored, and the exit status is then 1. An id on several
    lines of a file is stored from its last line, with a warning.

    .warc/.warc.gz files (their HTML responses) and .parquet files of
    articles are read too (with quotetrack[cluster]); a DIR written by
    quotetrack extract --out is stored without extracting again.

    With --feed URL, the feed's articles whose URL is not an article of the
    library yet are fetched and stored. A page or feed that cannot be had
    (an HTTP error, no answer within --timeout) is one Error line; the rest
    is stored.

    \b
    Example:
        quotetrack ingest seeds/ articles.jsonl
        quotetrack ingest https://example.org/news/story.html
        quotetrack ingest --feed https://example.org/news/rss.xml --timeout 10
    """
    from quotetrack.library import ingest as ingesting
    from quotetrack.library import sources, web

    if not paths and not feeds:
        raise click.UsageError("give a PATH or URL to ingest, or --feed URL")
    files = list(sources.input_files(paths))
    total = sources.total_size(files)
    show_bar = not silent and total and sys.stderr.isatty() and not feeds
    bar_cm = (click.progressbar(length=total, label="Ingesting", file=sys.stderr, show_eta=True)
              if show_bar else nullcontext())
    with library(ctx, db_path, create=True) as db, bar_cm as bar:

        def report(notice: sources.Notice) -> None:
            if bar is not None:
                click.echo("\r\033[K", nl=False, err=True)  # clear the bar's line first
            # one line whatever the file name or id holds: a newline in it must not forge another
            click.echo("%s: %s" % ("Error" if notice.error else "Warning", visible(notice.message)),
                       err=True)

        for feed in feeds:
            # a feed that cannot be read is an error like a page's: the other inputs still go in
            try:
                pages = web.feed_pages(feed, timeout)
            except ArticleError as exc:
                files.append(sources.Notice(str(exc)))
                continue
            new = web.unstored(db.conn, pages)
            if not silent:
                click.echo("Feed %s: %d articles, %d not stored yet"
                           % (visible(feed), len(pages), len(new)), err=True)
            files += new
        try:
            summary = ingesting.ingest(db, files, workers or ingesting.default_workers(), report,
                                       bar.update if bar is not None else None, limit=max_size,
                                       timeout=timeout)
        except KeyboardInterrupt:
            raise Interrupted("interrupted; what was stored is kept, run the same command "
                              "again to finish") from None
        except ingesting.Terminated:
            raise Terminated("terminated; what was stored is kept, run the same command "
                             "again to finish") from None
    if not silent:
        click.echo(summary.line(), err=True)
    if summary.errors:
        ctx.exit(1)


@cli.group(invoke_without_command=True, subcommand_metavar="[COMMAND [ARGS]...]")
@click.option("--limit", type=click.IntRange(min=0), metavar="N",
              help="At most N speakers, the most quoted.")
@attitudes_option
@db_option
@output_options
@click.pass_context
def speakers(ctx: click.Context, limit: int | None, attitudes: bool, db_path: str | None,
             fmt: str) -> None:
    """List the speakers: name, kind, number of quotes (quotations) and of statements of every
    kind, how many are mixed and indirect (reported speech), aliases and roles.

    The most statements first. Statements of attitude (believes, wants) are
    counted with --attitudes only.

    With a subcommand, correct them: merge speakers that are one person,
    rename one, hide a name that is no speaker. Corrections hold on every
    later ingest; quotetrack corrections lists them and undoes one.

    \b
    Example:
        quotetrack speakers -t
        quotetrack speakers merge "Tony Blinken" "Antony Blinken"
    """
    from quotetrack.library import queries

    if ctx.invoked_subcommand is not None:
        return
    with library(ctx, db_path) as db, quiet_broken_pipe(ctx):
        emit(queries.speakers_list(db, limit, attitudes), fmt)


@speakers.command(name="merge")
@click.argument("names", nargs=-1, required=True, metavar="NAME... TARGET")
@db_option
@click.pass_context
def speakers_merge(ctx: click.Context, names: tuple[str, ...], db_path: str | None) -> None:
    """Merge the speakers NAME... into the speaker TARGET (they are one person).

    A NAME is a speaker's name, one of its aliases, or #ID. Every name the
    merged speakers were known by means TARGET from now on.

    \b
    Example:
        quotetrack speakers merge "Tony Blinken" "Antony Blinken"
    """
    from quotetrack.library import corrections

    if len(names) < 2:
        raise click.UsageError("give the speakers to merge and then the one to merge them into")
    with library(ctx, db_path) as db:
        ids = [_speaker_id(db, n) for n in names]
        target, merged = corrections.merge(db, ids[:-1], ids[-1])
    click.echo("Merged %s into %s" % (", ".join(merged), target), err=True)


@speakers.command(name="rename")
@click.argument("old")
@click.argument("new")
@db_option
@click.pass_context
def speakers_rename(ctx: click.Context, old: str, new: str, db_path: str | None) -> None:
    """Rename the speaker OLD (a name, alias or #ID) to NEW.

    \b
    Example:
        quotetrack speakers rename "Harry M. Reid" "Harry Reid"
    """
    from quotetrack.library import corrections

    with library(ctx, db_path) as db:
        old_name, new_name = corrections.rename(db, _speaker_id(db, old), new)
    click.echo("Renamed %s to %s" % (old_name, new_name), err=True)


@speakers.command(name="hide")
@click.argument("name")
@db_option
@click.pass_context
def speakers_hide(ctx: click.Context, name: str, db_path: str | None) -> None:
    """Say NAME (a name, alias or #ID) is not a speaker: it and its quotes leave the lists.

    Its quotes keep no speaker and are left out of quotes, search, reports
    and the browser, now and on later ingests; quotetrack corrections undo
    brings them back.

    \b
    Example:
        quotetrack speakers hide "Getty Images"
    """
    from quotetrack.library import corrections

    with library(ctx, db_path) as db:
        hidden, count = corrections.hide(db, _speaker_id(db, name))
    click.echo("%s is not a speaker: %d quotes hidden" % (visible(hidden), count), err=True)


@cli.group(invoke_without_command=True, subcommand_metavar="[COMMAND [ARGS]...]")
@click.option("--speaker", metavar="NAME", help="Only quotes of this speaker (name, alias or #ID).")
@click.option("--article", metavar="ID", help="Only quotes of this article (its id or file path).")
@date_options
@click.option("--search", "-q", metavar="TEXT", callback=lambda _ctx, _param, value: _words(value),
              help="Only quotes whose text matches (full-text search).")
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="At most N quotes.")
@quote_filter_options
@kind_options
@db_option
@output_options
@click.pass_context
def quotes(ctx: click.Context, speaker: str | None, article: str | None, since: str | None,
           until: str | None, search: str | None, limit: int | None, publisher: str | None,
           min_length: int | None, kinds: tuple[str, ...] | None, attitudes: bool,
           db_path: str | None, fmt: str) -> None:
    """List statements: id, kind, text, speaker, article, offsets, mention, cue, confidence,
    method, date.

    Every kind by default: direct (quotations), mixed and indirect (reported
    speech); --kind keeps some, --attitudes adds statements of attitude
    (believes, wants). --since and --until filter on the article's published
    date; articles without one are then left out. --publisher and
    --min-length drop other outlets and fragments. The reassign subcommand
    corrects one statement's speaker.

    \b
    Example:
        quotetrack quotes --speaker "Antony Blinken" --since 2021-03-01 -t
        quotetrack quotes --speaker Blinken --kind indirect,mixed -t
    """
    from quotetrack.library import queries

    if ctx.invoked_subcommand is not None:
        return
    with library(ctx, db_path) as db, quiet_broken_pipe(ctx):
        speaker_id = _speaker_id(db, speaker, fuzzy=True) if speaker is not None else None
        article_id = _article_id(db, article) if article is not None else None
        emit(queries.quotes_list(db, speaker_id, article_id, since, until, search, limit,
                                 publisher=publisher, min_length=min_length, kinds=kinds,
                                 attitudes=attitudes), fmt)


def _words(value: str | None) -> str | None:
    """Check a --search value has a word to look for: the full-text index finds only words, and
    a query of none is an FTS syntax error that would be blamed on the library."""
    if value is not None and not any(c.isalnum() for c in value):
        raise click.BadParameter("%r has no words to search for" % value)
    return value


def _article_id(db, article: str) -> str:
    """The stored id for --article: the id itself, or the id of the file at that path."""
    from quotetrack.library import queries

    if queries.article_exists(db, article):
        return article
    path = os.path.abspath(article)
    if queries.article_exists(db, path):
        return path
    raise queries.NotFound("no article with id %r" % article)


@quotes.command(name="reassign")
@click.argument("quote_id", type=int)
@click.argument("speaker", required=False, metavar="[SPEAKER]")
@click.option("--none", "to_nobody", is_flag=True, help="The quote has no known speaker.")
@click.option("--new", is_flag=True, help="SPEAKER is a new speaker, not one in the library yet.")
@db_option
@click.pass_context
def quotes_reassign(ctx: click.Context, quote_id: int, speaker: str | None, to_nobody: bool,
                    new: bool, db_path: str | None) -> None:
    """Attribute the quote QUOTE_ID to SPEAKER (a name, alias or #ID), or with --none to nobody.

    The correction holds on every later ingest while the article's text is
    unchanged.

    \b
    Example:
        quotetrack quotes reassign 42 "Jen Psaki"
    """
    from quotetrack.library import corrections

    if (speaker is None) == (not to_nobody):
        raise click.UsageError("give either a SPEAKER or --none")
    from quotetrack.search.speaker_lookup import SpeakerNotFound

    with library(ctx, db_path) as db:
        who: int | str | None = speaker
        if speaker is not None and not new:
            try:
                who = _speaker_id(db, speaker)
            except SpeakerNotFound as exc:
                raise SpeakerNotFound("%s (add --new to attribute the quote to a new speaker)"
                                      % exc.args[0]) from None
        name = corrections.reassign(db, quote_id, who, new=new)
    click.echo("Quote %d: %s" % (quote_id, name if name else "no speaker"), err=True)


@cli.group(name="corrections", invoke_without_command=True, subcommand_metavar="[COMMAND [ARGS]...]")
@db_option
@output_options
@click.pass_context
def corrections_list(ctx: click.Context, db_path: str | None, fmt: str) -> None:
    """List the stored corrections in the order made: id, what (merge, rename, not a speaker,
    reassign), from and to, and for a reassignment the quote, its article and text.

    The undo subcommand takes one back by its id.

    \b
    Example:
        quotetrack corrections -t
        quotetrack corrections undo 3
    """
    from quotetrack.library import corrections

    if ctx.invoked_subcommand is not None:
        return
    with library(ctx, db_path) as db, quiet_broken_pipe(ctx):
        emit(corrections.list_corrections(db), fmt)


@corrections_list.command(name="undo")
@click.argument("entry", type=int, metavar="ID")
@db_option
@click.pass_context
def corrections_undo(ctx: click.Context, entry: int, db_path: str | None) -> None:
    """Undo the correction ID (as quotetrack corrections lists it).

    The library becomes what it would be had the correction never been
    made: undoing the latest one restores the speakers (and their ids) and
    quotes exactly as they were before it.

    \b
    Example:
        quotetrack corrections undo 3
    """
    from quotetrack.library import corrections

    with library(ctx, db_path) as db:
        row = corrections.undo(db, entry)
    what = "%s → %s" % (row["from"], row["to"]) if row["to"] else str(row["from"])
    click.echo("Undid correction %d (%s: %s)" % (entry, row["correction"], visible(what)), err=True)


@cli.command()
@date_options
@db_option
@output_options
@click.pass_context
def articles(ctx: click.Context, since: str | None, until: str | None, db_path: str | None,
             fmt: str) -> None:
    """List the articles: id, title, publisher, published date, source, quote and speaker counts.

    \b
    Example:
        quotetrack articles --since 2016-01-01 --csv > articles.csv
    """
    from quotetrack.library import queries

    with library(ctx, db_path) as db, quiet_broken_pipe(ctx):
        emit(queries.articles_list(db, since, until), fmt)


@cli.command()
@click.option("--article", metavar="ID", help="Only this article (its id or file path).")
@date_options
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              metavar="FILE", help="Write to FILE instead of standard output.")
@db_option
@click.pass_context
def export(ctx: click.Context, article: str | None, since: str | None, until: str | None,
           output, db_path: str | None) -> None:
    """Write the library's articles and quotes as gold-format JSONL, corrections applied.

    One {"id", "text", "quotes"} object a line (see shared/docs/gold-format.md),
    with each quote's speaker as the library names it.

    \b
    Example:
        quotetrack export > library.jsonl
    """
    from quotetrack.library import queries

    with library(ctx, db_path) as db, quiet_broken_pipe(ctx):
        article_id = _article_id(db, article) if article is not None else None
        for obj in queries.export_articles(db, article_id, since, until):
            output.write(json.dumps(obj, ensure_ascii=False) + "\n")


# search and compare, and the library file's own check, live in their own modules;
# registered last so the group is complete
from quotetrack.cli import datasette_commands  # noqa: E402
from quotetrack.cli import library_commands  # noqa: E402
from quotetrack.cli import report_commands  # noqa: E402
from quotetrack.cli import search_commands as cli_search  # noqa: E402
from quotetrack.cli import timeline_commands  # noqa: E402

cli_search.register(cli)
library_commands.register(cli)
report_commands.register(cli)
timeline_commands.register(cli)
datasette_commands.register(cli)
