"""What the browser reads and writes, as plain SQL on one connection per thread.

No Textual here: every function takes an open ``sqlite_utils.Database`` and
returns small frozen records, so the screens' workers call them from their
threads and the tests call them directly. ``Library`` hands each thread its
own connection to the file and closes them all when the app ends.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

import sqlite_utils

from quotetrack.library import statements as grouping
from quotetrack.library import store
from quotetrack.library.queries import kind_filters
from quotetrack.library.statements import Filters

PAGE = 200  # statements fetched at a time


@dataclass(frozen=True)
class KindView:
    """Which statements the lists show: some kinds, and statements of attitude or not."""

    label: str
    kinds: tuple[str, ...] | None  # None: every kind
    attitudes: bool = False

    def where(self) -> tuple[str, list]:
        """The SQL condition on ``q`` (quotes) and its parameters."""
        where, params = [], []
        kind_filters(where, params, self.kinds, self.attitudes)
        return " AND ".join(where) or "1", params

    def apply(self, filters: Filters) -> Filters:
        """``filters`` narrowed to the kinds shown."""
        return replace(filters, kinds=self.kinds, attitudes=self.attitudes)


# what the kind key steps through: speech of every kind first (the default: statements of
# attitude, "believes", "wants", are hidden), then quotations, reported speech, and all
KIND_VIEWS = (
    KindView("every kind", None),
    KindView("quotations", ("direct",)),
    KindView("reported speech", ("mixed", "indirect")),
    KindView("every kind and attitudes", None, attitudes=True),
)


class Closed(Exception):
    """The app is ending: no new connection is opened."""


class _Connection:
    """One thread's connection and the lock held while it is in use."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.lock = threading.Lock()
        self.closed = False


class Library:
    """The library file, with one connection per thread (SQLite objects stay in their thread).

    Workers use ``with library.connection() as db:``; ``close`` waits for the
    ones in use to finish before closing them, so a worker still running as
    the app quits never sees its connection closed under it.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[_Connection] = []
        self._closed = False

    def check(self) -> int:
        """Open (creating when missing) and check the file; the number of articles it holds.

        Raises ``store.StoreError`` when the file is not a usable library.
        """
        db = store.open_db(self.path, create=True)
        try:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            db.close()

    @contextmanager
    def connection(self) -> Iterator[sqlite_utils.Database]:
        """This thread's connection (opened on first use), held for the ``with`` block."""
        entry = getattr(self._local, "entry", None)
        if entry is None:
            with self._lock:
                if self._closed:
                    raise Closed("the library is closed")
                # check_same_thread=False only so close() may run on the app's thread at exit;
                # each connection is used by the thread that opened it alone
                conn = store.connect(self.path, readonly=not store.writable(self.path),
                                     check_same_thread=False)
                db = sqlite_utils.Database(conn, execute_plugins=False)
                db.quotetrack_read_only = not store.writable(self.path)
                db.execute("PRAGMA foreign_keys = ON")
                entry = self._local.entry = _Connection(db)
                self._open.append(entry)
        with entry.lock:
            if entry.closed:
                raise Closed("the library is closed")
            yield entry.db

    def close(self, timeout: float = 10.0) -> None:
        """Close every thread's connection, each once its current use ends."""
        with self._lock:
            self._closed = True
            entries, self._open = self._open, []
        for entry in entries:
            if entry.lock.acquire(timeout=timeout):
                try:
                    entry.closed = True
                    entry.db.close()
                except sqlite3.Error:
                    pass
                finally:
                    entry.lock.release()


@dataclass(frozen=True)
class Official:
    """A speaker as the officials list shows it."""

    id: int
    name: str
    kind: str | None
    quotes: int  # statements of speech, every kind
    roles: tuple[str, ...] = ()
    direct: int = 0
    mixed: int = 0
    indirect: int = 0

    @property
    def role(self) -> str:
        """The main role, or "" when the articles gave none."""
        return self.roles[0] if self.roles else ""


@dataclass(frozen=True)
class Statement:
    """One row of a statements list (``reports``: the articles reporting it, shown as "+N articles")."""

    id: int
    text: str
    published: str | None
    publisher: str | None
    title: str | None
    speaker: str | None = None
    speaker_id: int | None = None
    reports: int = 1
    kind: str = "direct"  # direct (a quotation), mixed or indirect (reported speech)


@dataclass(frozen=True)
class Detail:
    """One quote in its paragraph, with where it came from and how it was attributed.

    Offsets ``quote``, ``mention`` and ``cue`` are (start, end) within
    ``paragraph``, or None when that part lies outside it.
    """

    id: int
    text: str
    speaker: str | None
    speaker_id: int | None
    roles: tuple[str, ...]
    paragraph: str
    quote: tuple[int, int]
    mention: tuple[int, int] | None
    mention_text: str | None
    cue: tuple[int, int] | None
    cue_text: str | None
    confidence: float | None
    method: str | None
    corrected: bool
    article_id: str
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    kind: str = "direct"
    cue_type: str = "speech"
    fragments: tuple[tuple[int, int], ...] = ()  # the content's pieces within ``paragraph``


@dataclass(frozen=True)
class ArticleQuote:
    """A statement's place in an article and who said it; ``fragments`` are its content's
    pieces (one unless it is split around its cue)."""

    id: int
    start: int
    end: int
    speaker: str | None
    speaker_id: int | None
    mention: tuple[int, int] | None
    kind: str = "direct"
    fragments: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class ArticleView:
    """A whole article and every quote in it."""

    id: str
    text: str
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    quotes: tuple[ArticleQuote, ...] = field(default=())


def article_count(db: sqlite_utils.Database) -> int:
    """The number of articles stored."""
    return db.execute("SELECT count(*) FROM articles").fetchone()[0]


# an official's statements of speech, and how many of each kind (kept by the store's triggers)
OFFICIAL_SQL = ("SELECT id, name, kind, direct + mixed + indirect AS n, roles, direct, mixed, indirect "
                "FROM speakers")


def _official(row) -> Official:
    sid, name, kind, n, roles, direct, mixed, indirect = row
    return Official(sid, name, kind, n, tuple(_json_list(roles)), direct, mixed, indirect)


def officials(db: sqlite_utils.Database) -> list[Official]:
    """Every speaker with statements of speech, most quoted first (one scan of ``speakers``)."""
    rows = db.execute(OFFICIAL_SQL + " WHERE n > 0 ORDER BY n DESC, name, id")
    return [_official(row) for row in rows]


def official(db: sqlite_utils.Database, speaker_id: int) -> Official | None:
    """One speaker by id, or None."""
    row = db.execute(OFFICIAL_SQL + " WHERE id = ?", [speaker_id]).fetchone()
    return _official(row) if row else None


STATEMENT_SQL = ("SELECT q.id, q.text, a.published, a.publisher, a.title, s.name, q.speaker_id, q.kind "
                 "FROM quotes q JOIN articles a ON a.id = q.article_id "
                 "LEFT JOIN speakers s ON s.id = q.speaker_id")
STATEMENT_ORDER = " ORDER BY a.published IS NULL, a.published DESC, a.rowid, q.start, q.id"


def statements(db: sqlite_utils.Database, speaker_ids: int | list[int], offset: int = 0,
               limit: int = PAGE, filters: Filters = Filters(), quote_ids: list[int] | None = None,
               period: tuple[str, str] | None = None) -> tuple[list[Statement], int]:
    """A page of the statements of one speaker (or several), newest first (undated last), and how
    many there are in all.

    A statement reported by several articles is one row (its first report,
    with their number); ``filters`` narrow by date, publisher and length,
    ``quote_ids`` to a search's hits, ``period`` (first day, first day after)
    to the statements first reported in it (a timeline's period).
    """
    ids = [speaker_ids] if isinstance(speaker_ids, int) else list(speaker_ids)
    rows, total = grouping.page(db, ids, filters, offset, limit, quote_ids,
                                *(period if period is not None else (None, None)))
    return [Statement(r.id, r.text, r.published, r.publisher, r.title, r.speaker, r.speaker_id,
                      r.reports, r.kind) for r in rows], total


def publishers(db: sqlite_utils.Database, limit: int = 500) -> list[str]:
    """The publishers of the library, most articles first (the filter's suggestions)."""
    return [r[0] for r in db.execute(
        "SELECT publisher FROM articles WHERE publisher IS NOT NULL AND publisher != '' "
        "GROUP BY publisher ORDER BY count(*) DESC, publisher LIMIT ?", [limit])]


def statements_by_id(db: sqlite_utils.Database, quote_ids: list[int]) -> dict[int, Statement]:
    """Statements by quote id (for search hits)."""
    found: dict[int, Statement] = {}
    for i in range(0, len(quote_ids), 500):
        chunk = quote_ids[i:i + 500]
        sql = STATEMENT_SQL + " WHERE q.id IN (%s)" % ", ".join("?" * len(chunk))
        for row in db.execute(sql, chunk):
            found[row[0]] = Statement(*row[:7], kind=row[7])
    return found


def detail(db: sqlite_utils.Database, quote_id: int) -> Detail | None:
    """One quote in its paragraph (the lines holding it, and its mention and cue when near)."""
    row = db.execute(
        "SELECT q.id, q.text, s.name, q.speaker_id, q.roles, q.start, q.end, q.mention, q.mention_start, "
        "q.mention_end, q.cue, q.cue_start, q.cue_end, q.confidence, q.method, q.corrected, a.id, "
        "a.title, a.publisher, a.published, a.url, a.text, q.kind, q.cue_type, q.fragments "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.id = ?", [quote_id]).fetchone()
    if row is None:
        return None
    (qid, text, speaker, sid, roles, start, end, mention, ms, me, cue, cs, ce, conf, method,
     corrected, aid, title, publisher, published, url, article, kind, cue_type, frags) = row
    lo, hi = start, end
    for a, b in ((ms, me), (cs, ce)):
        # the mention and cue widen the excerpt when they sit in or next to the quote's lines
        if a is not None and b is not None and start - 400 <= a and b <= end + 400:
            lo, hi = min(lo, a), max(hi, b)
    p_start = article.rfind("\n", 0, lo) + 1
    p_end = article.find("\n", hi)
    p_end = len(article) if p_end < 0 else p_end

    def local(a, b):
        if a is None or b is None or a < p_start or b > p_end:
            return None
        return a - p_start, b - p_start

    pieces = tuple((a - p_start, b - p_start) for a, b in fragments(frags, start, end))
    return Detail(qid, text, speaker, sid, tuple(_json_list(roles)), article[p_start:p_end],
                  (start - p_start, end - p_start), local(ms, me), mention, local(cs, ce), cue,
                  conf, method, bool(corrected), aid, title, publisher, published, url,
                  kind, cue_type, pieces)


def fragments(value: str | None, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """A statement's content pieces from its ``fragments`` column (NULL: one, start-end)."""
    pieces = [p for p in _json_list(value)
              if isinstance(p, list) and len(p) == 2 and all(isinstance(x, int) for x in p)]
    return tuple((a, b) for a, b in pieces) or ((start, end),)


def article(db: sqlite_utils.Database, article_id: str, view: KindView = KIND_VIEWS[0],
            keep: int | None = None) -> ArticleView | None:
    """A whole article and its statements of the kinds ``view`` shows (and statement ``keep``,
    whatever its kind), in order."""
    row = db.execute("SELECT id, text, title, publisher, published, url FROM articles WHERE id = ?",
                     [article_id]).fetchone()
    if row is None:
        return None
    kind_sql, kind_params = view.where()
    quotes = tuple(
        ArticleQuote(qid, start, end, name, sid, (ms, me) if ms is not None and me is not None else None,
                     kind, fragments(frags, start, end))
        for qid, start, end, name, sid, ms, me, kind, frags in db.execute(
            "SELECT q.id, q.start, q.end, s.name, q.speaker_id, q.mention_start, q.mention_end, "
            "q.kind, q.fragments FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id "
            "WHERE q.article_id = ? AND (%s OR q.id IS ?) ORDER BY q.start, q.id" % kind_sql,
            [article_id, *kind_params, keep]))
    return ArticleView(*row, quotes=quotes)


def export_rows(db: sqlite_utils.Database, speaker_id: int, filters: Filters = Filters()) -> list[dict]:
    """All of one speaker's statements the filters keep (kinds too), one a report, as flat rows
    for CSV or JSON."""
    where, params = ["q.speaker_id = ?"], [speaker_id]
    filters.where(where, params)
    rows = db.execute(
        "SELECT q.id, s.name, q.kind, q.text, a.published, a.publisher, a.title, a.url, q.cue, "
        "q.confidence, q.method, q.article_id FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN speakers s ON s.id = q.speaker_id WHERE " + " AND ".join(where) + STATEMENT_ORDER,
        params)
    keys = ("id", "speaker", "kind", "text", "published", "publisher", "title", "url", "cue",
            "confidence", "method", "article")
    return [dict(zip(keys, r)) for r in rows]


def citation(d: Detail) -> str:
    """A quote with its citation, ready to paste: “…” — Name, Role. Publisher, “Title”, date. URL
    (reported speech without quotation marks: they are the article's words, not the speaker's)."""
    who = d.speaker or "unknown speaker"
    if d.roles:
        who += ", " + d.roles[0]
    source = [p for p in (d.publisher, "“%s”" % d.title if d.title else None, d.published) if p]
    text = ("“%s” — %s" if d.kind == "direct" else "%s — %s") % (d.text.strip(), who)
    if source:
        text += ". " + ", ".join(source)
    if d.url:
        text += ". " + d.url
    return text


def _json_list(value) -> list:
    """A JSON list column as a list (empty when missing or malformed)."""
    try:
        data = json.loads(value or "[]")
    except ValueError:
        return []
    return data if isinstance(data, list) else []
