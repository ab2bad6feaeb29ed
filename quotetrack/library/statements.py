"""Statements: a speaker's quotes grouped so that one reported by several articles counts once.

Two quotes of one speaker are one statement when their texts are the same
once ASCII case, curly or straight marks, and the spaces, marks and
punctuation at their ends are set aside (``key``): a wire story printed by
five papers, one ending its quote on a comma and one on a full stop, is one
statement with five reports. ``Filters`` holds what narrows a listing
(published dates, publisher, minimum length) as the CLI's ``quotes``
command has them, and ``page`` reads a page of grouped statements, newest
first, each with how many articles report it. Search merges near-identical
texts more loosely (a word more or less); listings and the timeline group by
``key`` alone, so a page is one SQL query.

The key is an SQL expression (``KEY``), not a Python function called by
SQLite: a Python function would take the interpreter's lock for every quote,
and the browser reads in worker threads while its own thread draws; plain
SQL runs without it. It costs a third more than grouping on the exact text
(52 ms against 39 ms of CPU for the 8,338 quotes of the bench's most quoted
official); folding every mark inside the text too cost twice as much.
``key`` computes the same in Python, for tests.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import sqlite_utils

from quotetrack.engine.reported import KINDS
from quotetrack.library.queries import date_filters, kind_filters, quote_filters

CURLY = {"’": "'", "‘": "'", "“": '"', "”": '"'}
ENDS = " .,;:!?…'\"—–-"  # trimmed from both ends once the marks are straight


def key_sql(column: str) -> str:
    """The grouping key of ``column`` as an SQL expression (see the module docstring)."""
    expr = column
    for curly, straight in CURLY.items():
        expr = "replace(%s, '%s', '%s')" % (expr, curly, straight.replace("'", "''"))
    return "lower(trim(%s, '%s'))" % (expr, ENDS.replace("'", "''"))


KEY = key_sql("q.text")
_STRAIGHT = str.maketrans(CURLY)
_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(65, 91)})


def key(text: str | None) -> str:
    """The grouping key of a quote's text, as ``KEY`` computes it in SQL: marks made straight, the
    ENDS trimmed, ASCII letters in lower case."""
    return (text or "").translate(_STRAIGHT).strip(ENDS).translate(_ASCII_LOWER)


@dataclass(frozen=True)
class Filters:
    """What narrows a listing: published dates (YYYY-MM-DD, inclusive), a publisher (exact, any
    case) and a minimum length in characters (0 or None: every quote)."""

    since: str | None = None
    until: str | None = None
    publisher: str | None = None
    min_length: int | None = None
    kinds: tuple[str, ...] | None = None  # of direct, mixed, indirect; None: every kind
    attitudes: bool = False  # statements of attitude (believes, wants) too

    def __bool__(self) -> bool:
        return bool(self.since or self.until or self.publisher or self.min_length
                    or (self.kinds is not None and set(KINDS) - set(self.kinds)))

    def where(self, where: list[str], params: list) -> None:
        """Add the conditions on ``q`` (quotes) and ``a`` (articles), as ``quotetrack quotes`` does
        (statements of speech only, unless ``attitudes``)."""
        date_filters(where, params, self.since, self.until)
        quote_filters(where, params, self.publisher, self.min_length)
        kind_filters(where, params, self.kinds, self.attitudes)

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
        if self.kinds is not None and set(KINDS) - set(self.kinds):
            parts.append(" and ".join(k for k in KINDS if k in self.kinds) or "no kind")
        if self.attitudes:
            parts.append("attitudes too")
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
    kind: str = "direct"  # the first report's: direct, mixed or indirect


# the statement's first report: the earliest dated article ("~" sorts after every date, so an
# undated report is first only when none is dated), then the first stored
FIRST = "min(coalesce(substr(a.published, 1, 10), '~') || printf('%012d', q.id))"
# newest day first, the articles of one day (and the undated ones, last) in the order stored
ORDER = "ORDER BY first >= '~', substr(first, 1, 10) DESC, a.rowid, q.start, q.id"


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
    conn = connection(db)
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
           "count(DISTINCT q.article_id), count(*) OVER (), " + FIRST + " AS first, q.kind "
           "FROM quotes q JOIN articles a ON a.id = q.article_id "
           "LEFT JOIN speakers s ON s.id = q.speaker_id WHERE " + " AND ".join(where)
           + " GROUP BY q.speaker_id, " + KEY
           + (" HAVING " + " AND ".join(having) if having else "")
           + " " + ORDER + " LIMIT ? OFFSET ?")
    rows = conn.execute(sql, [*params, *hparams, limit, offset]).fetchall()
    total = rows[0][8] if rows else (0 if offset == 0 else _count(conn, sql, params + hparams))
    return [Row(*r[:8], kind=r[10]) for r in rows], total


def _count(conn: sqlite3.Connection, sql: str, params: list) -> int:
    """The number of statements of a page query (asked only past its last page)."""
    found = conn.execute(sql, [*params, 1, 0]).fetchone()
    return found[8] if found else 0


def connection(db: sqlite_utils.Database | sqlite3.Connection) -> sqlite3.Connection:
    """The sqlite3 connection of ``db``."""
    return db.conn if isinstance(db, sqlite_utils.Database) else db


def json_ids(ids) -> str:
    """A list of ids as the JSON array ``json_each`` reads."""
    return "[%s]" % ",".join(str(int(i)) for i in ids)
