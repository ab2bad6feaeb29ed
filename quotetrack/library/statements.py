"""Statements: a speaker's quotes grouped so that one reported by several articles counts once.

Two quotes of one speaker are one statement when their texts are the same
once case, accents, punctuation, curly or straight marks and spacing are set
aside (``key``): a wire story printed by five papers is one statement with
five reports. ``Filters`` holds what narrows a listing (published dates,
publisher, minimum length) as the CLI's ``quotes`` command has them, and
``page`` reads a page of grouped statements, newest first, each with how
many articles report it. Search merges near-identical texts more loosely
(a word more or less); listings and the timeline group by ``key`` alone, so
a page can be read in SQL without reading every quote of a speaker first.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

import sqlite_utils

from quotetrack.library.queries import date_filters, quote_filters

_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = str.maketrans("", "", "'’ʼ")
KEY_FUNCTION = "statement_key"  # the SQL name ``register`` gives ``key``


def key(text: str | None) -> str:
    """The grouping key of a quote's text: its words, case-folded, accents and apostrophes dropped."""
    text = text or ""
    if text.isascii():
        # most quotes; this runs once per quote of a listing, so the plain path is half the time
        return " ".join(_ASCII_WORD.findall(text.lower().replace("'", "")))
    folded = text.casefold().translate(_APOSTROPHES)
    if not folded.isascii():
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return " ".join(_WORD.findall(folded))


def register(db: sqlite_utils.Database | sqlite3.Connection) -> sqlite3.Connection:
    """Make ``statement_key(text)`` callable in SQL on this connection; the connection back."""
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    conn.create_function(KEY_FUNCTION, 1, key, deterministic=True)
    return conn


@dataclass(frozen=True)
class Filters:
    """What narrows a listing: published dates (YYYY-MM-DD, inclusive), a publisher (exact, any
    case) and a minimum length in characters (0 or None: every quote)."""

    since: str | None = None
    until: str | None = None
    publisher: str | None = None
    min_length: int | None = None

    def __bool__(self) -> bool:
        return bool(self.since or self.until or self.publisher or self.min_length)

    def where(self, where: list[str], params: list) -> None:
        """Add the conditions on ``q`` (quotes) and ``a`` (articles), as ``quotetrack quotes`` does."""
        date_filters(where, params, self.since, self.until)
        quote_filters(where, params, self.publisher, self.min_length)

    def describe(self) -> str:
        """The filters in a few words ("" when there are none), for a title line."""
        parts = []
        if self.since and self.until:
            parts.append("%s to %s" % (self.since, self.until))
        elif self.since:
            parts.append("from %s" % self.since)
        elif self.until:
            parts.append("until %s" % self.until)
        if self.publisher:
            parts.append(self.publisher)
        if self.min_length:
            parts.append("≥ %d characters" % self.min_length)
        return ", ".join(parts)


@dataclass(frozen=True)
class Row:
    """One statement of a listing: its first report's quote and article, and how many report it."""

    id: int
    text: str
    published: str | None
    publisher: str | None
    title: str | None
    speaker: str | None
    speaker_id: int | None
    reports: int


# the statement's first report: the earliest dated article ("~" sorts after every date, so an
# undated report is first only when none is dated), then the first stored
FIRST = "min(coalesce(substr(a.published, 1, 10), '~') || printf('%012d', q.id))"


def page(db: sqlite_utils.Database | sqlite3.Connection, speaker_ids: list[int],
         filters: Filters = Filters(), offset: int = 0, limit: int = 200,
         quote_ids: list[int] | None = None, first_from: str | None = None,
         first_before: str | None = None) -> tuple[list[Row], int]:
    """A page of the statements of ``speaker_ids``, newest first (undated last), and how many there
    are in all.

    Each statement is shown by its first report (the earliest dated one) with
    the number of articles reporting it. ``quote_ids`` keeps only those quotes
    (a search's hits); ``first_from``/``first_before`` keep the statements
    first reported in that date range (a timeline period, end excluded).
    """
    conn = register(db)
    where, params = ["q.speaker_id IN (SELECT value FROM json_each(?))"], [json_ids(speaker_ids)]
    filters.where(where, params)
    if quote_ids is not None:
        where.append("q.id IN (SELECT value FROM json_each(?))")
        params.append(json_ids(quote_ids))
    having, hparams = [], []
    if first_from is not None:
        having.append("first >= ?")
        hparams.append(first_from)
    if first_before is not None:
        having.append("first < ?")
        hparams.append(first_before)
    # SQLite takes the bare columns of a group from the row where its one min() is found: the
    # first report; count(*) OVER () is the number of groups before LIMIT cuts them
    sql = ("SELECT q.id, q.text, a.published, a.publisher, a.title, s.name, q.speaker_id, "
           "count(DISTINCT q.article_id), count(*) OVER (), " + FIRST + " AS first "
           "FROM quotes q JOIN articles a ON a.id = q.article_id "
           "LEFT JOIN speakers s ON s.id = q.speaker_id WHERE " + " AND ".join(where)
           + " GROUP BY q.speaker_id, " + KEY_FUNCTION + "(q.text)"
           + (" HAVING " + " AND ".join(having) if having else "")
           # newest day first, the articles of one day (and undated ones) in the order stored
           + " ORDER BY first >= '~', substr(first, 1, 10) DESC, a.rowid, q.start, q.id"
           + " LIMIT ? OFFSET ?")
    rows = conn.execute(sql, [*params, *hparams, limit, offset]).fetchall()
    total = rows[0][8] if rows else (0 if offset == 0 else _count(conn, sql, params + hparams))
    return [Row(*r[:8]) for r in rows], total


def _count(conn: sqlite3.Connection, sql: str, params: list) -> int:
    """The number of statements of a page query (asked only past its last page)."""
    found = conn.execute(sql, [*params, 1, 0]).fetchone()
    return found[8] if found else 0


def json_ids(ids) -> str:
    """A list of ids as the JSON array ``json_each`` reads."""
    return "[%s]" % ",".join(str(int(i)) for i in ids)
