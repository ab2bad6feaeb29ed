"""The ``quotetrack`` command line: headless subcommands under a default group."""

from __future__ import annotations

import json
import os
import sys
from typing import Iterable

import click
from click_default_group import DefaultGroup

import quotetrack
from quotetrack import scoring
from quotetrack.articles import Article, ArticleError, iter_articles, prediction_line

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


class EvalInputError(click.ClickException):
    """Unscorable gold input or extractor output; exit status 2, as score.py."""

    exit_code = 2


@click.group(cls=DefaultGroup, default="help", default_if_no_args=True,
             context_settings=CONTEXT_SETTINGS)
@click.version_option(quotetrack.__version__, "--version", prog_name="quotetrack")
def cli() -> None:
    """Find every quotation in news articles and who said it.

    \b
    Example:
        quotetrack extract seeds/ --nl
    """


@cli.command(name="help")
@click.argument("words", nargs=-1, metavar="[COMMAND]")
@click.pass_context
def help_(ctx: click.Context, words: tuple[str, ...]) -> None:
    """Show help, for quotetrack or one COMMAND (bare quotetrack does this for now).

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
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--nl", is_flag=True, help="Output newline-delimited JSON, one article a line.")
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], nl: bool) -> None:
    """Find the quotations in articles and print them in the gold JSON format.

    Each PATH is a .txt or .md file (one article, its id the path), a .jsonl
    file of {"id", "text"} objects, or a directory searched for those files.
    Output is a JSON array of {"id", "text", "quotes"} objects, or with --nl
    one object per line. An unreadable file or line is reported on stderr,
    the others are still processed, and the exit status is then 1.

    \b
    Example:
        quotetrack extract seeds/ --nl > quotes.jsonl
    """
    failures = []

    def report(exc: ArticleError) -> None:
        failures.append(exc)
        click.echo("Error: %s" % exc, err=True)

    try:
        _write_predictions(iter_articles(paths, on_error=report), nl)
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away: stop quietly instead of a traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        ctx.exit(1)
    if failures:
        ctx.exit(1)


def _write_predictions(articles: Iterable[Article], nl: bool) -> None:
    """Stream one prediction object per article, as JSON lines or as a JSON array."""
    first = True
    for aid, text, _meta in articles:
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
