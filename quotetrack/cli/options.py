"""Options and the open library shared by every command module of the CLI."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import date
from typing import Iterator

import click

from quotetrack.library import locations
from quotetrack.library.articles import MAX_ARTICLE_BYTES, parse_size, size_text

DB_HELP = ("The library file (default: $QUOTETRACK_DB, else quotetrack.db in the user data "
           "folder).")


def db_option(command):
    """``--db PATH`` on a store command (it may also be given before the command)."""
    return click.option("--db", "db_path", metavar="PATH", help=DB_HELP)(command)


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check a --since/--until value is an ISO 8601 date; return it as YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter("%r is not a date like 2016-03-01" % value) from None


def date_options(command):
    """``--since DATE`` and ``--until DATE`` (inclusive), on the articles' published date."""
    command = click.option("--until", metavar="DATE", callback=iso_date,
                           help="Only articles published on or before DATE (YYYY-MM-DD).")(command)
    return click.option("--since", metavar="DATE", callback=iso_date,
                        help="Only articles published on or after DATE (YYYY-MM-DD).")(command)


class Size(click.ParamType):
    """A size in bytes written 5MB, 500K or 2000000."""

    name = "size"

    def convert(self, value, param, ctx):
        """The size in bytes; a usage error for anything else."""
        if isinstance(value, int):
            return value
        try:
            return parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


MAX_SIZE_ENV = "QUOTETRACK_MAX_SIZE"


def max_size_option(command):
    """``--max-size SIZE`` (or $QUOTETRACK_MAX_SIZE): the largest article input read."""
    return click.option(
        "--max-size", "max_size", type=Size(), default=size_text(MAX_ARTICLE_BYTES).replace(" ", ""),
        envvar=MAX_SIZE_ENV, show_default=True, metavar="SIZE",
        help="Refuse an article whose file, JSONL line or standard input is larger than SIZE "
             "(5MB, 500K, bytes; also $%s)." % MAX_SIZE_ENV)(command)


def library_path(ctx: click.Context, explicit: str | None) -> str:
    """The library file: this command's --db, an enclosing command's, $QUOTETRACK_DB or the default."""
    while explicit is None and ctx.parent is not None:
        ctx = ctx.parent
        explicit = ctx.params.get("db_path")
    return str(locations.db_path(explicit))


@contextmanager
def open_library(ctx: click.Context, explicit: str | None, create: bool = False,
                 user_errors: tuple[type[Exception], ...] = ()) -> Iterator:
    """The open library, closed afterwards; its problems and ``user_errors`` as one-line errors.

    The store (and sqlite-utils) is imported here, not at start-up, so
    ``quotetrack extract`` does not pay for it.
    """
    from quotetrack.library import store
    from quotetrack.library.ingest import open_library as open_retrying

    try:
        db = open_retrying(library_path(ctx, explicit), create=create)
    except store.StoreError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        yield db
    except user_errors as exc:
        raise click.ClickException(str(exc.args[0] if exc.args else exc)) from None
    except sqlite3.DatabaseError as exc:
        # damage the bounded check on open did not reach: one line, never a traceback
        raise click.ClickException("%s: %s" % (library_path(ctx, explicit), exc)) from None
    finally:
        db.close()


def quote_filter_options(command=None, min_length_default: int | None = None):
    """``--publisher NAME`` and ``--min-length N`` (characters of a quote), for quotes and compare.

    Usable bare (``@quote_filter_options``) or with a default minimum length
    (compare skips fragments unless asked not to).
    """
    def apply(command):
        command = click.option(
            "--min-length", type=click.IntRange(min=0), default=min_length_default,
            show_default=min_length_default is not None, metavar="N",
            help="Only quotes of at least N characters (one- and two-word fragments are most of "
                 "the noise; 0 keeps all).")(command)
        return click.option("--publisher", metavar="NAME",
                            help="Only quotes from articles of this publisher (exact, any case)."
                            )(command)

    return apply(command) if command is not None else apply


KINDS = ("direct", "mixed", "indirect")  # as the engine and the library name them


def parse_kinds(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    """Check a --kind value (kinds separated by commas); the kinds, or None for every kind."""
    if value is None:
        return None
    kinds = [k.strip().lower() for k in value.split(",") if k.strip()]
    if not kinds:
        raise click.BadParameter("give one or more of %s, separated by commas" % ", ".join(KINDS))
    wrong = [k for k in kinds if k not in KINDS]
    if wrong:
        raise click.BadParameter("%r is no kind of statement; the kinds are %s"
                                 % (wrong[0], ", ".join(KINDS)))
    return tuple(dict.fromkeys(kinds))


def attitudes_option(command):
    """``--attitudes``: statements of attitude too (believes, wants, plans), hidden by default."""
    return click.option("--attitudes", is_flag=True,
                        help="Also the statements of attitude (believes, wants, hopes, plans ...), "
                             "left out by default: only what was said or written is shown."
                        )(command)


def kind_options(command):
    """``--kind KINDS`` and ``--attitudes``: which statements a command reads."""
    command = attitudes_option(command)
    return click.option(
        "--kind", "kinds", metavar="KINDS", callback=parse_kinds,
        help="Only statements of these kinds, separated by commas: direct (a quotation), mixed "
             "(reported speech holding a quoted part), indirect (reported speech). Default: "
             "all three.")(command)
