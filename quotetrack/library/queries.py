"""Reading the library: speakers, quotes, articles and the gold-format export, as rows of dicts."""

from __future__ import annotations

import json
from typing import Iterable, Iterator

import sqlite_utils

from quotetrack.engine.reported import KINDS

# the columns reported speech brought come last: scripts reading the earlier ones keep working
SPEAKER_COLUMNS = ("id", "name", "kind", "quotes", "aliases", "roles", "statements", "mixed", "indirect")
QUOTE_COLUMNS = ("id", "text", "speaker", "article", "start", "end", "mention", "cue", "confidence",
                 "method", "published", "title", "publisher", "kind", "cue_type", "fragments")
ARTICLE_COLUMNS = ("id", "title", "publisher", "published", "url", "source", "format", "chars",
                   "quotes", "statements", "speakers")


class Rows:
    """An iterator of row dicts that knows its column names, so an empty listing can still print
    its header (CSV, TSV and tables, as sqlite-utils does)."""

    def __init__(self, columns: tuple[str, ...], rows: Iterator[dict]):
        self.columns = columns
        self._rows = iter(rows)

    def __iter__(self) -> "Rows":
        return self

    def __next__(self) -> dict:
        return next(self._rows)


class NotFound(LookupError):
    """A speaker, quote or article the user named is not in the library (one-line message)."""


def speakers_list(db: sqlite_utils.Database, limit: int | None = None, attitudes: bool = False) -> Rows:
    """Every speaker (the first ``limit``): id, name, kind, quotes (its quotations: direct
    statements), statements (of every kind), how many of them are mixed and indirect
    (reported speech), aliases and roles; the most statements first. Statements of attitude
    (believes, wants) are counted only with ``attitudes`` (then in ``statements`` and an
    ``attitudes`` column); a speaker with nothing else is left out without it."""
    columns = SPEAKER_COLUMNS + (("attitudes",) if attitudes else ())
    return Rows(columns, _speakers(db, limit, attitudes))


def shown_count(attitudes: bool) -> str:
    """The SQL of a speaker's (``speakers`` row's) number of statements shown: its speech
    statements of every kind, and its attitudes too when they are shown."""
    return "quotes" if attitudes else "(direct + mixed + indirect)"


def _speakers(db: sqlite_utils.Database, limit: int | None, attitudes: bool) -> Iterator[dict]:
    """The rows of ``speakers_list``."""
    aliases: dict[int, list[str]] = {}
    for sid, alias in db.execute(
            "SELECT speaker_id, alias FROM aliases ORDER BY speaker_id, quotes DESC, alias"):
        aliases.setdefault(sid, []).append(alias)
    count = shown_count(attitudes)
    for sid, name, kind, n, direct, mixed, indirect, attitude, roles in db.execute(
            "SELECT id, name, kind, %s AS n, direct, mixed, indirect, attitudes, roles FROM speakers "
            "WHERE n > 0 ORDER BY n DESC, name, id" % count
            + (" LIMIT %d" % limit if limit is not None else "")):
        row = {"id": sid, "name": name, "kind": kind, "quotes": direct,
               "aliases": aliases.get(sid, []), "roles": json.loads(roles or "[]"),
               "statements": n, "mixed": mixed, "indirect": indirect}
        if attitudes:
            row["attitudes"] = attitude
        yield row


def speaker_by_id(db: sqlite_utils.Database, speaker: int | str) -> tuple[int, str]:
    """The (id, name) of a speaker given by id (an int or "#12"); NotFound when there is none.

    Names are looked up by ``quotetrack.search.resolve_speaker``, the one
    lookup every command uses, which gives the id to pass here.
    """
    text = str(speaker).strip()
    if text.startswith("#"):
        text = text[1:]
    if not text.isdigit():
        raise NotFound("%r is no speaker id (resolve names with quotetrack.search.resolve_speaker)"
                       % speaker)
    row = db.execute("SELECT id, name FROM speakers WHERE id = ?", [int(text)]).fetchone()
    if row is None:
        raise NotFound("no speaker with id %s" % text)
    return row[0], row[1]


def quotes_list(db: sqlite_utils.Database, speaker_id: int | None = None, article: str | None = None,
                since: str | None = None, until: str | None = None, search: str | None = None,
                limit: int | None = None, publisher: str | None = None,
                min_length: int | None = None, kinds: Iterable[str] | None = None,
                attitudes: bool = False) -> Rows:
    """Statements, filtered by speaker, article, published date range (ISO dates, inclusive),
    text, publisher (exact, any case), ``min_length`` (characters of the statement, spaces at
    the ends left out: one- and two-word fragments are most of the noise) and kind
    (``kind_filters``: every kind by default, statements of attitude only with ``attitudes``).
    ``fragments`` is the JSON list of the content's pieces when it is split around its cue.

    A quote whose speaker is only the library's dominant person of its
    surname (``speakers.WEAK_LINK``) shows a confidence lowered by that factor.

    Articles without a published date are left out by ``since``/``until``, and
    quotes of a name the user said is no speaker always. Ordered by published date (undated last), article and position.
    """
    where, params = ["q.hidden = 0"], []  # quotes of a name that is no speaker are left out
    if speaker_id is not None:
        where.append("q.speaker_id = ?")
        params.append(speaker_id)
    if article is not None:
        where.append("q.article_id = ?")
        params.append(article)
    date_filters(where, params, since, until)
    quote_filters(where, params, publisher, min_length)
    kind_filters(where, params, kinds, attitudes)
    if search:
        where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(db.quote_fts(search))
    sql = ("SELECT q.id, q.text, s.name, q.article_id, q.start, q.end, q.mention, q.cue, "
           "round(q.confidence * coalesce(q.speaker_link, 1), 4), q.method, a.published, a.title, "
           "a.publisher, q.kind, q.cue_type, q.fragments FROM quotes q "
           "JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id")
    sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.published IS NULL, a.published, a.rowid, q.start, q.id"
    if limit is not None:
        sql += " LIMIT %d" % limit
    return Rows(QUOTE_COLUMNS, (dict(zip(QUOTE_COLUMNS, row)) for row in db.execute(sql, params)))


def quote_filters(where: list[str], params: list, publisher: str | None,
                   min_length: int | None) -> None:
    """Add the publisher (exact, any case) and minimum-length conditions."""
    if publisher:
        where.append("a.publisher = ? COLLATE NOCASE")
        params.append(publisher.strip())
    if min_length:
        where.append("length(trim(q.text)) >= ?")
        params.append(min_length)


def kind_filters(where: list[str], params: list, kinds: Iterable[str] | None = None,
                 attitudes: bool = False) -> None:
    """Add the conditions on a statement's kind (``kinds``: some of direct, mixed and
    indirect; None: all) and cue (speech only, unless ``attitudes``)."""
    if kinds is not None:
        kinds = [k for k in KINDS if k in set(kinds)]
        if len(kinds) < len(KINDS):
            where.append("q.kind IN (%s)" % ", ".join("?" * len(kinds)) if kinds else "0")
            params.extend(kinds)
    if not attitudes:
        where.append("q.cue_type = 'speech'")


def date_filters(where: list[str], params: list, since: str | None, until: str | None) -> None:
    """Add published-date conditions (dates as YYYY-MM-DD, both ends inclusive)."""
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(until)


def articles_list(db: sqlite_utils.Database, since: str | None = None,
                  until: str | None = None) -> Rows:
    """Articles in the order they were first stored: metadata, quote and speaker counts, no text.
    ``quotes`` counts the article's quotations (direct statements), ``statements`` its
    statements of speech of every kind, ``speakers`` who made them."""
    where, params = [], []
    date_filters(where, params, since, until)
    sql = ("SELECT a.id, a.title, a.publisher, a.published, a.url, a.source, a.format, length(a.text), "
           "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id AND q.hidden = 0 "
           "AND q.kind = 'direct'), "
           "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id AND q.hidden = 0 "
           "AND q.cue_type = 'speech'), "
           "(SELECT count(DISTINCT q.speaker_id) FROM quotes q WHERE q.article_id = a.id "
           "AND q.cue_type = 'speech') "
           "FROM articles a")
    if where:
        sql += " WHERE " + " AND ".join(where)
    return Rows(ARTICLE_COLUMNS, (dict(zip(ARTICLE_COLUMNS, row))
                                  for row in db.execute(sql + " ORDER BY a.rowid", params)))


def article_exists(db: sqlite_utils.Database, article_id: str) -> bool:
    """True when an article with this id is stored."""
    return db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None


def export_articles(db: sqlite_utils.Database, article: str | None = None, since: str | None = None,
                    until: str | None = None) -> Iterator[dict]:
    """Articles in the gold JSON format, quotes attributed as the library has them (corrections in).

    One ``{"id", "text", "quotes": [...]}`` object per article, with the
    article's title, publisher, published date and url when known.
    """
    where, params = [], []
    if article is not None:
        where.append("a.id = ?")
        params.append(article)
    date_filters(where, params, since, until)
    sql = "SELECT a.id, a.text, a.title, a.publisher, a.published, a.url FROM articles a"
    if where:
        sql += " WHERE " + " AND ".join(where)
    # streamed, an article at a time (a second cursor reads its quotes)
    for aid, text, title, publisher, published, url in db.execute(sql + " ORDER BY a.rowid", params):
        obj = {"id": aid, "text": text, "quotes": list(_gold_quotes(db, aid))}
        for key, value in (("title", title), ("publisher", publisher), ("published", published),
                           ("url", url)):
            if value is not None:
                obj[key] = value
        yield obj


def _gold_quotes(db: sqlite_utils.Database, article_id: str) -> Iterator[dict]:
    """One article's quotes as gold-format quote objects (direct statements: the gold format
    holds quotations)."""
    for (start, end, text, speaker, sid, kind, roles, mention, ms, me, cue, cs, ce, conf, method,
         closed) in db.execute(
            "SELECT q.start, q.end, q.text, s.name, q.speaker_id, q.speaker_kind, q.roles, q.mention, "
            "q.mention_start, q.mention_end, q.cue, q.cue_start, q.cue_end, "
            "q.confidence * coalesce(q.speaker_link, 1), q.method, q.closed "
            "FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id "
            "WHERE q.article_id = ? AND q.kind = 'direct' ORDER BY q.start, q.id", [article_id]):
        d = {"start": start, "end": end, "text": text, "speaker": speaker}
        if mention is not None:
            d["mention"] = {"start": ms, "end": me, "text": mention}
        if cue is not None:
            d["cue"] = {"start": cs, "end": ce, "text": cue}
        d["confidence"] = round(conf, 3) if conf is not None else None
        d["method"] = method
        if not closed:
            d["closed"] = False
        if speaker is not None:
            d["speaker_id"] = sid
            if kind:
                d["speaker_kind"] = kind
            if roles and roles != "[]":
                d["roles"] = json.loads(roles)
        yield d
