"""The ``search`` and ``compare`` commands; ``register(group)`` adds them to the quotetrack CLI.

Kept apart from cli.py so the library commands and these two can change
independently; they share the output flags (``output.output_options``) and
the options and open library of ``options``.
"""

from __future__ import annotations

import os
import sys
import textwrap
from contextlib import contextmanager
from typing import Iterator

import click

from quotetrack.cli.options import date_options, db_option, kind_options, open_library, quote_filter_options
from quotetrack.cli.output import emit, output_options, visible
from quotetrack.search import compare as comparing
from quotetrack.search import phrase_search as searching

CONTEXT = 48       # characters of a quote shown on each side of the match in a table
WRAP = 56          # width of a statement's column in compare's table


def register(group: click.Group) -> None:
    """Add ``search`` and ``compare`` to a click group (the quotetrack CLI)."""
    group.add_command(search)
    group.add_command(compare)


def _common(command):
    """--since, --until and --db."""
    return date_options(db_option(command))


@contextmanager
def _library(ctx: click.Context, explicit: str | None) -> Iterator:
    """The open library (this command's --db, the group's, $QUOTETRACK_DB or the default);
    its problems and the search's as one-line errors."""
    with open_library(ctx, explicit, user_errors=(searching.SpeakerNotFound, comparing.SameSpeaker)) as db:
        try:
            yield db
        except BrokenPipeError:
            # the reader (e.g. `| head`) went away: stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(1)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("phrase")
@click.option("--speaker", metavar="NAME",
              help="Only quotes of this speaker, the name matched fuzzily (blinkin finds Antony "
                   "Blinken) or #ID.")
@_common
@click.option("--limit", type=click.IntRange(min=1), default=searching.DEFAULT_LIMIT,
              show_default=True, metavar="N", help="At most N hits.")
@click.option("--min-score", type=click.FloatRange(0, 100), default=searching.DEFAULT_MIN_SCORE,
              show_default=True, metavar="SCORE", help="Leave out hits scoring below SCORE (0-100).")
@kind_options
@output_options
@click.pass_context
def search(ctx: click.Context, phrase: str, speaker: str | None, since: str | None,
           until: str | None, db_path: str | None, limit: int, min_score: float,
           kinds: tuple[str, ...] | None, attitudes: bool, fmt: str) -> None:
    """Find the statements that say PHRASE or come close to it, whoever made them.

    Quotations (direct) and reported speech (mixed, indirect) alike, or the
    kinds --kind names; statements of attitude (believes, wants) with
    --attitudes. Typos, missing or extra words, another word order, case,
    punctuation and curly or straight marks are tolerated; hits are ranked
    by closeness (score 0-100). A statement reported by several articles is
    one hit with their count and ids. Each hit gives its kind, the speaker,
    the text (in quotation marks in a table when it is a quotation), the
    matched part (match_start and match_end are offsets in the text;
    highlighted in a table), the article and its date.

    \b
    Example:
        quotetrack search "make judgments at that point" -t
        quotetrack search "path of diplomacy" --speaker blinkin --since 2021-01-01
        quotetrack search "investigating the incident" --kind indirect,mixed -t
    """
    if not phrase.strip():
        raise click.UsageError("give a phrase to search for")
    with _library(ctx, db_path) as db:
        hits = searching.search(db, phrase, speaker=speaker, since=since, until=until,
                                limit=limit, min_score=min_score, kinds=kinds, attitudes=attitudes)
        if fmt == "table":
            emit([_table_row(h) for h in hits], fmt, styled=True)
        else:
            emit([h.row() for h in hits], fmt)


def _table_row(hit: searching.Hit) -> dict:
    """A hit as a table row: the text around the match, the match highlighted."""
    before = " ".join(hit.text[:hit.start].split())
    after = " ".join(hit.text[hit.end:].split())
    if hit.text[:hit.start][-1:].isspace():
        before += " "
    if hit.text[hit.end:][:1].isspace():
        after = " " + after
    if len(before) > CONTEXT:
        before = "…" + before[-CONTEXT:]
    if len(after) > CONTEXT:
        after = after[:CONTEXT] + "…"
    text = visible(before) + _highlight(visible(" ".join(hit.matched.split()))) + visible(after)
    return {"score": hit.score, "kind": hit.kind, "speaker": visible(hit.speaker or ""),
            "text": as_said(text, hit.kind),
            "published": visible(hit.published or ""), "articles": hit.count,
            "article": visible(hit.articles[0] if hit.articles else "")}


def as_said(text: str, kind: str | None) -> str:
    """A statement's text for a table: a quotation in quotation marks, reported speech bare."""
    return "“%s”" % text if kind == "direct" else text


def _highlight(text: str) -> str:
    """Bold on a terminal, else in [brackets]."""
    if sys.stdout.isatty():
        return click.style(text, bold=True, fg="yellow")
    return "[%s]" % text


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("speaker_a", metavar="A")
@click.argument("speaker_b", metavar="B")
@click.option("--about", metavar="PHRASE", callback=lambda _ctx, _param, value: _about(value),
              help="Only the statements close to PHRASE (at most %s characters), on both sides."
                   % "{:,}".format(comparing.MAX_ABOUT))
@_common
@click.option("--min-similarity", type=click.FloatRange(0, 100),
              default=comparing.DEFAULT_MIN_SIMILARITY, show_default=True, metavar="SCORE",
              help="Pair two statements only when their subjects are this similar (0-100).")
@quote_filter_options(min_length_default=comparing.MIN_LENGTH)
@kind_options
@output_options
@click.pass_context
def compare(ctx: click.Context, speaker_a: str, speaker_b: str, about: str | None,
            since: str | None, until: str | None, db_path: str | None, min_similarity: float,
            publisher: str | None, min_length: int | None, kinds: tuple[str, ...] | None,
            attitudes: bool, fmt: str) -> None:
    """Set two speakers' statements side by side: each of A's with B's closest on its subject.

    A and B are names matched fuzzily (blinkin finds Antony Blinken) or
    #ID. Pairs come first, the most similar first (similarity 0-100, on
    the content words the statements share), then A's and B's statements
    left unpaired. A pair needs two shared content terms or one rare one,
    and shows them (subject in JSON, "shared terms" in a table). A statement
    reported by several articles counts once; quotes under --min-length
    characters (fragments) are left out. Quotations and reported speech
    pair alike (a_kind and b_kind say which; a table puts quotations in
    quotation marks); --kind keeps some kinds, --attitudes adds statements
    of attitude.

    \b
    Example:
        quotetrack compare Blinken Psaki -t
        quotetrack compare Blinken Psaki --kind indirect -t
        quotetrack compare Blinken Psaki --about "response to the attack"
        quotetrack compare Blinken Psaki --publisher Reuters --min-length 40
    """
    with _library(ctx, db_path) as db:
        result = comparing.compare(db, speaker_a, speaker_b, about=about, since=since,
                                   until=until, min_similarity=min_similarity,
                                   publisher=publisher, min_length=min_length, kinds=kinds,
                                   attitudes=attitudes)
        click.echo("%s (%d statements) and %s (%d): %d pairs, %d and %d unpaired"
                   % (result.a[1], result.statements_a, result.b[1], result.statements_b,
                      len(result.pairs), len(result.only_a), len(result.only_b)), err=True)
        rows = result.rows()
        if fmt == "table":
            a, b = (result.a[1], result.b[1]) if result.a[1] != result.b[1] else ("A", "B")
            rows = [{"pair": r["pair"] or "", "similarity": r["similarity"] or "",
                     "shared terms": _wrap(", ".join(r["subject"]), 16),
                     a: _wrap(r["a_text"], kind=r["a_kind"]), "date A": r["a_published"] or "",
                     b: _wrap(r["b_text"], kind=r["b_kind"]), "date B": r["b_published"] or ""}
                    for r in rows]
        emit(rows, fmt)


def _about(value: str | None) -> str | None:
    """Check an --about phrase is of a phrase's length: matching a long one against every
    statement costs seconds per kilobyte."""
    if value is not None and len(value) > comparing.MAX_ABOUT:
        raise click.BadParameter("a phrase of at most {:,} characters, not {:,}".format(
            comparing.MAX_ABOUT, len(value)))
    return value


def _wrap(text: str | None, width: int = WRAP, kind: str | None = None) -> str:
    """A statement folded into lines for a table cell (a quotation in quotation marks)."""
    return textwrap.fill(as_said(" ".join(text.split()), kind), width) if text else ""
