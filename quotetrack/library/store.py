"""The library: one SQLite file of articles, speakers, aliases and quotes, via sqlite-utils.

Tables:

- ``articles``: id, title, publisher, published (YYYY-MM-DD), url, source,
  format, content_hash (SHA-256 of the text) and the text itself; ``label``
  (generated: the title, else the id) is what datasette names an article by;
- ``speakers``: id, name, kind (person/organisation), roles (JSON list,
  most seen first), quotes (count);
- ``aliases``: every way a speaker was named (engine names and name-like
  mentions) with how many quotes use it; ``roles``: each role or title the
  articles gave a speaker, with its number of quotes (both kept by triggers
  as quotes come and go);
- ``quotes``: article, speaker, offsets, text, mention, cue, confidence,
  method; ``engine_speaker`` is what the extractor said, ``speaker_name``
  the name after corrections (a lone surname as its article settles it,
  ``speakers.article_name``), which the speaker grouping works on, and
  ``speaker_link`` the confidence factor of a surname joined to a speaker
  only as the library's dominant person of it (NULL when sure); ``hidden``
  marks a quote whose name the user said is no speaker;
- ``correction_log``: the user's corrections in the order made, each one
  undoable; ``name_corrections`` (normalised name key -> name, from merges
  and renames; NULL for "not a speaker") and ``quote_corrections`` (article
  content hash + offsets -> speaker) are what replaying it gives, applied
  after the engine on every ingest;
- ``statements`` (a view): each visible statement with its kind, cue type,
  speaker, the speaker's kind (``speaker_kind``), publisher, date and article
  title, for datasette's facets.

Every statement is a ``quotes`` row: ``kind`` is ``direct`` (a quotation,
exactly as ``quotetrack.extract`` gives it), ``mixed`` or ``indirect``
(reported speech, from ``extract_statements``); ``cue_type`` is ``speech``
or ``attitude``; ``fragments`` the JSON list of the content's pieces when
it is split around its cue (NULL: one piece, ``start``-``end``). Speakers
count their statements by kind (``direct``, ``mixed``, ``indirect``: speech
only; ``attitudes``: every attitude), kept by triggers.

``quotes_fts`` indexes quote text (FTS5, kept by triggers, which a write
transaction turns off while it stores quotes: ``QuoteIndex``); foreign keys are
declared and speakers have a ``name`` column, so datasette shows a search
box and speaker names. The file is in WAL mode: readers (the TUI, datasette)
work while an ingest writes. An article is always written whole, several in
one transaction (``write_articles``).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import operator
import os
import sqlite3
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import sqlite_utils

from quotetrack.engine.model import Quote
from quotetrack.engine.reported import Statement, cue_type
from quotetrack.library import speakers as names

SCHEMA_VERSION = 6  # 2: quotes.speaker_link; lone surnames read in their article; 3: name_counts;
# 4: correction_log, quotes.hidden, articles.label, the statements view; 5: reported speech
# (quotes.kind, cue_type and fragments, speakers' counts by kind, reported_pending); 6: the
# families holding names joined by "and" regrouped (no speaker of two people), tables as 5
# words the engine may give as a role that say nothing on their own
NOT_ROLES = frozenset(["", "former", "acting", "retired", "then", "the", "us", "late"])
PRONOUNS = frozenset("he she they him her them his hers their i we you it".split())


@dataclass(frozen=True)
class ArticleRecord:
    """One article as stored: its id, text and metadata."""

    id: str
    text: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    format: str = "text"

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the text: a changed text is a changed article (worked out once: storing
        an article reads it four or five times)."""
        return content_hash(self.text)

    def row(self) -> dict:
        """The ``articles`` row of this record."""
        return {"id": self.id, "title": self.title, "publisher": self.publisher,
                "published": self.published, "url": self.url, "source": self.source,
                "format": self.format, "content_hash": self.content_hash, "text": self.text}


META_COLUMNS = ("content_hash", "title", "publisher", "published", "url", "source", "format")


def content_hash(text: str) -> str:
    """The SHA-256 hex digest of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


BUSY_SECONDS = 30.0  # how long a command waits for another one writing the library
# the quick check on open reads at most this many SQLite VM steps (about 0.1 s): a whole
# small library, the start of a large one; ``check_library`` reads all of it
QUICK_CHECK_STEPS = 3_000_000
# ... and at most this long: SQLite walks every page of the file in one step that no step
# count interrupts (0.5 s for 1.1 GB, on every command), so a timer interrupts it
QUICK_CHECK_SECONDS = 0.1
DAMAGED_HINT = "run quotetrack check for details; restore it from a copy"


class StoreError(Exception):
    """The library file cannot be used (missing, not a database, another version, damaged)."""


class ReadOnlyLibrary(StoreError, sqlite3.OperationalError):
    """A write asked of a library this process may only read.

    Also an ``sqlite3.OperationalError``, so front ends that report SQLite's
    operational errors in one line report this one too.
    """


class DamagedLibrary(StoreError, sqlite3.OperationalError):
    """The library file is corrupt (its pages fail SQLite's checks)."""


def writable(path: str | Path) -> bool:
    """True when this process may write the library at ``path``: the file, and the folder
    for SQLite's WAL and shared-memory files (unless both are there and writable)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not path.exists():
        return os.access(folder if folder.exists() else folder.parent, os.W_OK | os.X_OK)
    if not os.access(path, os.W_OK):
        return False
    if os.access(folder, os.W_OK | os.X_OK):
        return True
    side = [Path(str(path) + s) for s in ("-wal", "-shm")]
    return all(p.exists() and os.access(p, os.W_OK) for p in side)


def connect(path: str | Path, readonly: bool = False, **kwargs) -> sqlite3.Connection:
    """A SQLite connection to the library file, read-only when asked, with the busy timeout.

    A read-only connection in a folder it cannot write, with no WAL file
    left there, opens the file as immutable: SQLite could not create the
    shared-memory file it otherwise needs to read a WAL library.
    """
    path = Path(path)
    if readonly:
        uri = "file:%s?mode=ro" % urllib.parse.quote(str(path.resolve()))
        folder = path.resolve().parent
        if not os.access(folder, os.W_OK | os.X_OK) and not Path(str(path) + "-wal").exists():
            uri += "&immutable=1"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_SECONDS, **kwargs)
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_SECONDS, **kwargs)
    conn.execute("PRAGMA busy_timeout = %d" % int(BUSY_SECONDS * 1000))
    return conn


def is_read_only(db: sqlite_utils.Database) -> bool:
    """True when ``db`` was opened read-only (``open_db`` on a file this process cannot write)."""
    return bool(getattr(db, "quotetrack_read_only", False))


def open_db(path: str | Path, create: bool = True, quick_check: bool = True) -> sqlite_utils.Database:
    """Open (and with ``create``, make) the library at ``path``; StoreError if it cannot be used.

    A file this process cannot write is opened read-only: reading works, and
    the first write raises ``ReadOnlyLibrary``. With ``quick_check`` a
    bounded ``PRAGMA quick_check`` runs first (``QUICK_CHECK_STEPS`` and
    ``QUICK_CHECK_SECONDS``), so a damaged file is named before a command
    reads or writes it.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise StoreError("no library at %s (quotetrack ingest PATH creates it)" % path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError("cannot create %s: %s" % (path.parent, exc.strerror or exc)) from None
        if not writable(path):
            raise StoreError("cannot create the library at %s: no write access to %s"
                             % (path, path.parent))
    elif path.is_dir():
        raise StoreError("%s is a directory, not a library file" % path)
    elif not os.access(path, os.R_OK):
        raise StoreError("cannot read %s: permission denied" % path)
    readonly = path.exists() and not writable(path)
    try:
        db = sqlite_utils.Database(connect(path, readonly), execute_plugins=False)
        db.quotetrack_read_only = readonly
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if quick_check and version:
            _quick_check(db, path)
    except StoreError:
        db.close()
        raise
    except sqlite3.DatabaseError as exc:
        raise _store_error(path, exc) from None
    if version not in (0, 1, 2, 3, 4, 5, SCHEMA_VERSION):
        db.close()
        raise StoreError("%s has schema version %d; this quotetrack reads version %d"
                         % (path, version, SCHEMA_VERSION))
    if version == 0:
        tables = set(db.table_names())
        if tables:
            db.close()
            raise StoreError("%s is a SQLite file but not a quotetrack library" % path)
        if not create:
            db.close()
            raise StoreError("%s is an empty library (quotetrack ingest PATH fills it)" % path)
        if readonly:
            db.close()
            raise ReadOnlyLibrary("%s is an empty library that this user cannot write; "
                                  "creating it needs write access to the file and its folder" % path)
        _create_schema_waiting(db, path)
    db.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        db.execute("PRAGMA synchronous = NORMAL")
    if version == 5 and readonly:
        return db  # the tables of 6: read as it is, its joint names regrouped once it can be written
    if version in (1, 2, 3, 4, 5):
        if readonly:
            db.close()
            raise ReadOnlyLibrary("%s is a version %d library; bringing it up to date needs "
                                  "write access to the file and its folder" % (path, version))
        try:
            _migrate(db, version)
        except sqlite3.DatabaseError as exc:
            raise StoreError("cannot update the library at %s: %s" % (path, exc)) from None
    return db


def _store_error(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    """The one-line StoreError for an SQLite error met opening ``path``."""
    text = " ".join(str(exc).split())
    if "malformed" in text or "corrupt" in text:
        return DamagedLibrary("%s is damaged (%s); %s" % (path, text, DAMAGED_HINT))
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return StoreError("%s is busy: another process holds it (%s)" % (path, text))
    if isinstance(exc, sqlite3.OperationalError) and "unable to open" in text:
        return StoreError("cannot open %s (%s)" % (path, text))
    return StoreError("%s is not a quotetrack library (%s)" % (path, text))


def _quick_check(db: sqlite_utils.Database, path: Path) -> None:
    """A bounded ``PRAGMA quick_check``: DamagedLibrary when the pages it reads are corrupt."""
    steps = [0]

    def budget() -> int:
        steps[0] += 1
        return steps[0] * 1000 > QUICK_CHECK_STEPS  # non-zero: stop (the rest stays unchecked)

    db.conn.set_progress_handler(budget, 1000)
    timer = threading.Timer(QUICK_CHECK_SECONDS, db.conn.interrupt)
    timer.start()
    try:
        problems = [r[0] for r in db.execute("PRAGMA quick_check(3)").fetchall()]
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            return
        raise
    finally:
        # once no statement runs, a late interrupt is a no-op; joined, none comes later
        timer.cancel()
        timer.join()
        db.conn.set_progress_handler(None, 0)
    if problems != ["ok"]:
        raise DamagedLibrary("%s is damaged (%s); %s" % (path, " ".join(problems[0].split()),
                                                          DAMAGED_HINT))


def check_library(path: str | Path) -> list[str]:
    """The full ``PRAGMA integrity_check`` of the library at ``path``: [] when it is sound,
    else SQLite's findings (at most 100). StoreError when the file is no library at all."""
    db = open_db(path, create=False, quick_check=False)
    try:
        rows = [r[0] for r in db.execute("PRAGMA integrity_check(100)").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        db.close()
    return [] if rows == ["ok"] else rows


def _create_schema_waiting(db: sqlite_utils.Database, path: Path) -> None:
    """Create the schema, waiting (up to the busy timeout) while another process holds the file.

    Switching a new file to WAL fails at once with "database is locked" when
    another process is writing it (SQLite calls no busy handler there), so
    the whole creation is retried; it is a no-op once the other one is done.
    """
    deadline = time.monotonic() + BUSY_SECONDS
    pause = 0.01
    while True:
        try:
            _create_schema(db)
            return
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() > deadline:
                raise StoreError("cannot create the library at %s: %s" % (path, exc)) from None
        except sqlite3.DatabaseError as exc:
            raise StoreError("cannot create the library at %s: %s" % (path, exc)) from None
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _migrate(db: sqlite_utils.Database, version: int) -> None:
    """Bring a version 1 to 4 library to the current version in one transaction.

    From 1: add ``speaker_link`` and read every lone surname in its article
    again (``rebuild_names``). From 2: the name summaries (``name_counts``,
    ``name_roles``) that let a regrouping read names, not quotes. From 3: the
    correction log (the corrections stored so far become its first entries),
    ``quotes.hidden``, ``articles.label`` and the ``statements`` view. From 4:
    reported speech (``_upgrade_to_5``). From 5: the families holding a name joined
    by "and" regrouped, which a quotetrack before 6 could make one speaker of two people.
    """
    with transaction(db):
        if db.execute("PRAGMA user_version").fetchone()[0] != version:
            return  # another process migrated it meanwhile
        if version == 1:
            db.execute("ALTER TABLE quotes ADD COLUMN speaker_link REAL")
        if version < 3:
            _create_summaries(db)
            rebuild_summaries(db)
        if version < 4:
            db.execute("ALTER TABLE quotes ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0")
            _create_version_4(db)
            _log_stored_corrections(db)
        if version == 1:
            rebuild_names(db)
        if version < 5:
            _upgrade_to_5(db)
        _regroup_joint_names(db)
        db.execute("PRAGMA user_version = %d" % SCHEMA_VERSION)


def _regroup_joint_names(db: sqlite_utils.Database) -> None:
    """Regroup the families holding a person's name joined by "and" ("Bill Clinton and
    Hillary Clinton"): grouped before version 6, such a name could join two people."""
    families = [r[0] for r in db.execute(
        "SELECT DISTINCT family FROM name_counts WHERE name LIKE '% and %'")]
    regroup(db, families)


def _create_schema(db: sqlite_utils.Database) -> None:
    """Create the tables, indexes and full-text index in one transaction, then switch to WAL."""
    db.enable_wal()
    with transaction(db):
        if db.execute("PRAGMA user_version").fetchone()[0]:
            return  # another process created it meanwhile
        db["articles"].create({
            "id": str, "title": str, "publisher": str, "published": str, "url": str,
            "source": str, "format": str, "content_hash": str, "text": str,
        }, pk="id", not_null={"text", "content_hash"})
        db["speakers"].create({"id": int, "name": str, "kind": str, "roles": str, "quotes": int},
                              pk="id", not_null={"name"}, defaults={"roles": "[]", "quotes": 0})
        for table, column in (("aliases", "alias"), ("roles", "role")):
            db[table].create({"speaker_id": int, column: str, "quotes": int},
                             pk=("speaker_id", column), foreign_keys=[("speaker_id", "speakers", "id")])
        db["quotes"].create({
            "id": int, "article_id": str, "speaker_id": int, "start": int, "end": int, "text": str,
            "mention": str, "mention_start": int, "mention_end": int,
            "cue": str, "cue_start": int, "cue_end": int, "confidence": float, "method": str,
            "closed": int, "speaker_kind": str, "roles": str, "alias_forms": str,
            "engine_speaker": str, "speaker_name": str, "speaker_family": str, "corrected": int,
            "speaker_link": float, "hidden": int,
        }, pk="id", not_null={"article_id", "start", "end", "text", "hidden"}, defaults={"hidden": 0},
            foreign_keys=[("article_id", "articles", "id"), ("speaker_id", "speakers", "id")])
        db["name_corrections"].create({"key": str, "name": str, "how": str}, pk="key")
        db["quote_corrections"].create({"content_hash": str, "start": int, "end": int,
                                        "speaker": str, "kind": str},
                                       pk=("content_hash", "start", "end"))
        db["quotes"].create_index(["article_id", "start"])
        db["quotes"].create_index(["speaker_id"])
        db["articles"].create_index(["published"])
        db["speakers"].create_index(["name"])
        db["quotes"].enable_fts(["text"], create_triggers=True)
        # sqlite-utils' update trigger re-indexes a quote on any change; only its text matters
        db.execute("DROP TRIGGER quotes_au")
        db.execute("CREATE TRIGGER quotes_au AFTER UPDATE OF text ON quotes BEGIN "
                   "INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text); "
                   "INSERT INTO quotes_fts (rowid, text) VALUES (new.rowid, new.text); END")
        for sql in COUNT_TRIGGERS:
            db.execute(sql)
        _create_summaries(db)
        _create_version_4(db)
        _create_version_5(db)
        db.execute("PRAGMA user_version = %d" % SCHEMA_VERSION)


def _create_version_4(db: sqlite_utils.Database) -> None:
    """The correction log, the articles' label and the ``statements`` view (schema version 4).

    ``correction_log`` holds every correction as the user made it, in order:
    ``name_corrections`` and ``quote_corrections`` are what replaying it gives
    (``quotetrack.library.corrections``), so one entry can be undone.
    ``articles.label`` is the title, else the id: the label datasette shows for
    an article in quote rows (a NULL title would show as "None"). ``statements``
    is each visible quote with its speaker, kind, publisher and date, for
    browsing and faceting in datasette.
    """
    db.execute("CREATE TABLE correction_log (id INTEGER PRIMARY KEY, how TEXT NOT NULL, "
               "made TEXT, data TEXT NOT NULL)")
    # the few hidden quotes, which an undo reads again, without scanning every quote
    db.execute("CREATE INDEX idx_quotes_hidden ON quotes (id) WHERE hidden = 1")
    db.execute("ALTER TABLE articles ADD COLUMN label TEXT GENERATED ALWAYS AS "
               "(coalesce(nullif(trim(title), ''), id)) VIRTUAL")
    db.execute("CREATE VIEW statements AS SELECT q.id, q.text, s.name AS speaker, q.speaker_id, "
               "q.speaker_kind AS kind, a.publisher, a.published, a.label AS title, a.url, "
               "q.article_id FROM quotes q JOIN articles a ON a.id = q.article_id "
               "LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.hidden = 0")


KINDS = ("direct", "mixed", "indirect")  # a statement's kind, as the engine names them
# the speakers' counts by kind (speech statements) and of attitudes, as their triggers keep them
KIND_COUNTS = {"direct": "new.kind = 'direct' AND new.cue_type = 'speech'",
               "mixed": "new.kind = 'mixed' AND new.cue_type = 'speech'",
               "indirect": "new.kind = 'indirect' AND new.cue_type = 'speech'",
               "attitudes": "new.cue_type = 'attitude'"}


def _create_version_5(db: sqlite_utils.Database) -> None:
    """Reported speech (schema version 5): each statement's kind, cue type and fragments,
    the speakers' counts by kind (the count triggers made again to keep them), and the
    ``statements`` view with the statement's kind as ``kind`` and the speaker's as
    ``speaker_kind`` (version 4 called the speaker's ``kind``: there was no other).

    ``reported_pending`` lists the articles stored before reported speech was
    (a migrated library): an ingest reads them again even when their text is
    unchanged, so they gain their reported statements.
    """
    db.execute("ALTER TABLE quotes ADD COLUMN kind TEXT NOT NULL DEFAULT 'direct'")
    db.execute("ALTER TABLE quotes ADD COLUMN cue_type TEXT NOT NULL DEFAULT 'speech'")
    db.execute("ALTER TABLE quotes ADD COLUMN fragments TEXT")
    for column in KIND_COUNTS:
        db.execute("ALTER TABLE speakers ADD COLUMN %s INTEGER NOT NULL DEFAULT 0" % column)
    for name in ("quotes_speaker_ai", "quotes_speaker_ad", "quotes_speaker_au"):
        db.execute("DROP TRIGGER IF EXISTS %s" % name)
    for sql in COUNT_TRIGGERS:
        db.execute(sql)
    db.execute("CREATE TABLE reported_pending (article_id TEXT PRIMARY KEY)")
    db.execute("DROP VIEW IF EXISTS statements")
    db.execute("CREATE VIEW statements AS SELECT q.id, q.text, q.kind, q.cue_type, s.name AS speaker, "
               "q.speaker_id, q.speaker_kind, a.publisher, a.published, a.label AS title, a.url, "
               "q.article_id FROM quotes q JOIN articles a ON a.id = q.article_id "
               "LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.hidden = 0")


def _upgrade_to_5(db: sqlite_utils.Database) -> None:
    """Bring a version 4 library's tables to version 5 (inside the migration's transaction):
    its quotes are direct statements, each cue typed as the engine types it, the speakers'
    counts by kind counted, and every article marked as lacking its reported statements."""
    _create_version_5(db)
    db.conn.create_function("quotetrack_cue_type", 1, cue_type, deterministic=True)
    db.execute("UPDATE quotes SET cue_type = 'attitude' "
               "WHERE cue IS NOT NULL AND quotetrack_cue_type(cue) = 'attitude'")
    recount_kinds(db)
    db.execute("INSERT INTO reported_pending (article_id) SELECT id FROM articles")


def recount_kinds(db: sqlite_utils.Database) -> None:
    """Count every speaker's statements by kind again from the quotes (a migration, or a bulk
    load made with the quotes' triggers dropped)."""
    sums = ", ".join("sum(%s) AS %s" % (cond.replace("new.", ""), col)
                     for col, cond in KIND_COUNTS.items())
    db.execute("UPDATE speakers SET %s" % ", ".join("%s = 0" % col for col in KIND_COUNTS))
    db.execute("WITH c AS (SELECT speaker_id, %s FROM quotes WHERE speaker_id IS NOT NULL "
               "GROUP BY speaker_id) UPDATE speakers SET %s FROM c WHERE c.speaker_id = speakers.id"
               % (sums, ", ".join("%s = c.%s" % (col, col) for col in KIND_COUNTS)))


def _log_stored_corrections(db: sqlite_utils.Database) -> None:
    """Log the corrections a version 3 library stored, one entry a row, so they can be undone
    one by one (replaying them gives the same rows)."""
    db.execute("INSERT INTO correction_log (how, data) SELECT how, json_object('keys', "
               "json_array(key), 'to', name) FROM name_corrections ORDER BY how, key")
    db.execute("INSERT INTO correction_log (how, data) SELECT 'reassign', json_object('hash', "
               "content_hash, 'start', start, 'end', \"end\", 'speaker', speaker, 'kind', kind) "
               "FROM quote_corrections ORDER BY content_hash, start, \"end\"")


# What the speaker grouping reads, kept by triggers so that regrouping a family
# reads its distinct names (a few rows) instead of its quotes (thousands in a
# large library): ``name_counts`` counts the quotes of each name of a family by
# kind, speaker and link ('' for no kind, 0 for no speaker, 1.0 for no link, so
# the key has no NULLs); ``name_roles`` counts each role a name was given.
SUMMARY_INDEX = "idx_quotes_family_name_speaker_link"
_NAME_ADD = """
    INSERT INTO name_counts (family, name, kind, speaker_id, link, quotes)
        SELECT new.speaker_family, new.speaker_name, coalesce(new.speaker_kind, ''),
               coalesce(new.speaker_id, 0), coalesce(new.speaker_link, 1.0), 1
        WHERE new.speaker_family IS NOT NULL
        ON CONFLICT DO UPDATE SET quotes = quotes + 1;
    INSERT INTO name_roles (family, name, role, quotes)
        SELECT DISTINCT new.speaker_family, new.speaker_name, value, 1 FROM json_each(new.roles)
        WHERE new.speaker_family IS NOT NULL
        ON CONFLICT DO UPDATE SET quotes = quotes + 1;
"""
_NAME_KEY = ("family = old.speaker_family AND name = old.speaker_name "
             "AND kind = coalesce(old.speaker_kind, '') AND speaker_id = coalesce(old.speaker_id, 0) "
             "AND link = coalesce(old.speaker_link, 1.0)")
_NAME_REMOVE = """
    UPDATE name_counts SET quotes = quotes - 1 WHERE %s;
    DELETE FROM name_counts WHERE %s AND quotes <= 0;
    UPDATE name_roles SET quotes = quotes - 1 WHERE family = old.speaker_family
        AND name = old.speaker_name AND role IN (SELECT value FROM json_each(old.roles));
    DELETE FROM name_roles WHERE family = old.speaker_family AND name = old.speaker_name
        AND quotes <= 0;
""" % (_NAME_KEY, _NAME_KEY)
SUMMARY_TRIGGERS = (
    "CREATE TRIGGER quotes_names_ai AFTER INSERT ON quotes WHEN new.speaker_family IS NOT NULL "
    "BEGIN %s END" % _NAME_ADD,
    "CREATE TRIGGER quotes_names_ad AFTER DELETE ON quotes WHEN old.speaker_family IS NOT NULL "
    "BEGIN %s END" % _NAME_REMOVE,
    "CREATE TRIGGER quotes_names_au AFTER UPDATE OF speaker_family, speaker_name, speaker_kind, "
    "speaker_id, speaker_link, roles ON quotes WHEN "
    "old.speaker_family IS NOT new.speaker_family OR old.speaker_name IS NOT new.speaker_name "
    "OR old.speaker_kind IS NOT new.speaker_kind OR old.speaker_id IS NOT new.speaker_id "
    "OR old.speaker_link IS NOT new.speaker_link OR old.roles IS NOT new.roles "
    "BEGIN %s %s END" % (_NAME_REMOVE, _NAME_ADD),
)


def _create_summaries(db: sqlite_utils.Database) -> None:
    """Create ``name_counts``, ``name_roles``, their triggers and the index regrouping updates by."""
    db.execute("CREATE TABLE name_counts (family TEXT NOT NULL, name TEXT NOT NULL, "
               "kind TEXT NOT NULL, speaker_id INTEGER NOT NULL, link REAL NOT NULL, "
               "quotes INTEGER NOT NULL, PRIMARY KEY (family, name, kind, speaker_id, link))")
    db.execute("CREATE INDEX idx_name_counts_speaker ON name_counts (speaker_id, family)")
    db.execute("CREATE TABLE name_roles (family TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, "
               "quotes INTEGER NOT NULL, PRIMARY KEY (family, name, role))")
    # the quotes of one name, speaker and link: what a regrouping moves, found by the index
    db.execute("DROP INDEX IF EXISTS idx_quotes_speaker_family_speaker_name")
    db.execute("CREATE INDEX %s ON quotes (speaker_family, speaker_name, speaker_id, speaker_link)"
               % SUMMARY_INDEX)
    for sql in SUMMARY_TRIGGERS:
        db.execute(sql)


# the name summaries counted from the quotes (``rebuild_summaries``; tests compare with them)
NAME_COUNTS_SQL = ("SELECT speaker_family, speaker_name, coalesce(speaker_kind, ''), "
                   "coalesce(speaker_id, 0), coalesce(speaker_link, 1.0), count(*) FROM quotes "
                   "WHERE speaker_family IS NOT NULL GROUP BY 1, 2, 3, 4, 5")
NAME_ROLES_SQL = ("SELECT q.speaker_family, q.speaker_name, j.value, count(DISTINCT q.id) "
                  "FROM quotes q, json_each(q.roles) AS j WHERE q.speaker_family IS NOT NULL "
                  "GROUP BY 1, 2, 3")


def rebuild_summaries(db: sqlite_utils.Database) -> None:
    """Recount ``name_counts`` and ``name_roles`` from the quotes (a migration, or a bulk load
    made with the quotes' triggers dropped)."""
    db.execute("DELETE FROM name_counts")
    db.execute("DELETE FROM name_roles")
    db.execute("INSERT INTO name_counts (family, name, kind, speaker_id, link, quotes) " + NAME_COUNTS_SQL)
    db.execute("INSERT INTO name_roles (family, name, role, quotes) " + NAME_ROLES_SQL)


# A speaker's quote count, roles and aliases follow its quotes: whichever way a
# quote comes to a speaker or leaves it (ingest, regrouping, a correction),
# these triggers add or take away what it brings, so keeping them costs the
# quotes that move, not the speaker's whole history.
_ADD = """
    UPDATE speakers SET quotes = quotes + 1, %s WHERE id = new.speaker_id;
    INSERT INTO roles (speaker_id, role, quotes) SELECT new.speaker_id, value, 1
        FROM json_each(new.roles) WHERE new.speaker_id IS NOT NULL
        ON CONFLICT (speaker_id, role) DO UPDATE SET quotes = quotes + 1;
    INSERT INTO aliases (speaker_id, alias, quotes) SELECT new.speaker_id, value, 1
        FROM json_each(new.alias_forms) WHERE new.speaker_id IS NOT NULL
        ON CONFLICT (speaker_id, alias) DO UPDATE SET quotes = quotes + 1;
""" % ", ".join("%s = %s + (%s)" % (col, col, cond) for col, cond in KIND_COUNTS.items())
_REMOVE = """
    UPDATE speakers SET quotes = quotes - 1, %s WHERE id = old.speaker_id;
    UPDATE roles SET quotes = quotes - 1 WHERE speaker_id = old.speaker_id
        AND role IN (SELECT value FROM json_each(old.roles));
    DELETE FROM roles WHERE speaker_id = old.speaker_id AND quotes <= 0;
    UPDATE aliases SET quotes = quotes - 1 WHERE speaker_id = old.speaker_id
        AND alias IN (SELECT value FROM json_each(old.alias_forms));
    DELETE FROM aliases WHERE speaker_id = old.speaker_id AND quotes <= 0;
""" % ", ".join("%s = %s - (%s)" % (col, col, cond.replace("new.", "old."))
                for col, cond in KIND_COUNTS.items())
COUNT_TRIGGERS = (
    "CREATE TRIGGER quotes_speaker_ai AFTER INSERT ON quotes WHEN new.speaker_id IS NOT NULL BEGIN %s END"
    % _ADD,
    "CREATE TRIGGER quotes_speaker_ad AFTER DELETE ON quotes WHEN old.speaker_id IS NOT NULL BEGIN %s END"
    % _REMOVE,
    "CREATE TRIGGER quotes_speaker_au AFTER UPDATE OF speaker_id, roles, alias_forms ON quotes "
    "WHEN old.speaker_id IS NOT new.speaker_id OR old.roles IS NOT new.roles "
    "OR old.alias_forms IS NOT new.alias_forms BEGIN %s %s END" % (_REMOVE, _ADD),
)


# A long write (an ingest) checkpoints the WAL every this many pages instead of SQLite's
# 1,000, keeps this many KiB of pages in its cache instead of 2,000 and its statement
# journals in memory (see ``long_write``).
LONG_WRITE_CHECKPOINT_PAGES = 16_384  # 64 MB of WAL at most between two checkpoints
LONG_WRITE_CACHE_KIB = 16_384
LONG_WRITE = {"wal_autocheckpoint": LONG_WRITE_CHECKPOINT_PAGES, "cache_size": -LONG_WRITE_CACHE_KIB,
              "temp_store": 2}  # 2: MEMORY


@contextmanager
def long_write(db: sqlite_utils.Database) -> Iterator[None]:
    """Set ``db``'s connection up for many write transactions in a row (an ingest), and put
    its settings back after.

    Why: each transaction stored into a large library dirties pages spread over its
    large indexes (the quotes by article, by speaker and by name, the articles by id
    and date: about 1,000 pages for 32 articles into a library of 100,000, against
    370 into an empty one, where the same few pages take every row). At SQLite's
    default of a checkpoint every 1,000 WAL pages, nearly every commit was followed
    by a checkpoint writing those pages at random places of the large file and
    syncing it twice, the writer waiting; a page the next transactions dirty again
    was written out again each time. With a checkpoint every 16,384 pages a page is
    written once for many transactions and the syncs are a sixteenth as many
    (the WAL stays bounded, at 64 MB). The default page cache (2 MB, 500 pages)
    is smaller than what one such transaction reads and dirties, so the large
    indexes' pages were read again for every transaction; 16 MB keeps them, and
    their upper levels, across transactions (840 articles into 100,800, counted
    with strace: 53,000 page reads from the file before, 17,000 after; 64 MB
    read hardly fewer).
    Statement journals (the pages a statement inside a transaction changes, kept
    so the statement alone can be undone: every quote row, whose triggers update
    speakers, roles and summaries) are kept in memory (``temp_store``): SQLite
    spilled them to temporary files, about 225,000 page writes for 840 articles
    into any library.
    None of these settings changes what is stored, nor what a crash leaves
    (committed transactions are in the WAL, which the next open reads).
    """
    if is_read_only(db):
        yield
        return
    before = {p: db.execute("PRAGMA %s" % p).fetchone()[0] for p in LONG_WRITE}
    for pragma, value in LONG_WRITE.items():
        db.execute("PRAGMA %s = %d" % (pragma, value))
    try:
        yield
    finally:
        for pragma, value in before.items():
            db.execute("PRAGMA %s = %d" % (pragma, value))


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One write transaction (BEGIN IMMEDIATE: one writer at a time), committed or rolled back whole.

    On a library opened read-only it raises ``ReadOnlyLibrary`` before anything is written.
    """
    if is_read_only(db):
        # front ends name the file before this message
        raise ReadOnlyLibrary("the library is read-only for this user: changing it needs write "
                              "access to the file and its folder")
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.rollback()
        raise
    db.execute("COMMIT")


def stored_meta(db: sqlite_utils.Database) -> dict[str, tuple]:
    """Every stored article's content hash and metadata, by id: lets an ingest skip unchanged ones."""
    cols = ", ".join(META_COLUMNS)
    return {row[0]: tuple(row[1:]) for row in db.execute(
        "SELECT id, %s FROM articles WHERE id NOT IN (SELECT article_id FROM reported_pending)" % cols)}


def stored_meta_of(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple]:
    """The content hash and metadata of the stored articles among ``ids``, by id (as
    ``stored_meta`` gives them): what an ingest needs, not every article's."""
    ids = list(dict.fromkeys(ids))
    cols = ", ".join(META_COLUMNS)
    found = {}
    for i in range(0, len(ids), 500):  # well under SQLite's limit on bound parameters
        part = ids[i:i + 500]
        found.update((row[0], tuple(row[1:])) for row in conn.execute(
            "SELECT id, %s FROM articles WHERE id IN (%s) "
            # an article lacking its reported statements is read again (see reported_pending)
            "AND id NOT IN (SELECT article_id FROM reported_pending)"
            % (cols, ", ".join("?" * len(part))), part))
    return found


def library_file(db: sqlite_utils.Database) -> str | None:
    """The file of the library ``db`` is open on, or None (an in-memory database)."""
    for _seq, name, path in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return path or None
    return None


def record_meta(record: ArticleRecord) -> tuple:
    """The tuple ``stored_meta`` gives for an article stored from ``record``."""
    return tuple(record.content_hash if c == "content_hash" else getattr(record, c)
                 for c in META_COLUMNS)


def write_article(db: sqlite_utils.Database, record: ArticleRecord, quotes: Iterable[Quote]) -> str:
    """Store one article and its quotes atomically; returns "new", "changed", "updated" or "unchanged".

    The same text again changes nothing ("unchanged"), or only the article's
    metadata ("updated"); a changed text replaces the article's quotes.
    Corrections are applied to the new quotes and the speakers of every
    family of names the article touches are regrouped.
    """
    return write_articles(db, [(record, quotes)])[0]


def write_articles(db: sqlite_utils.Database, items: Iterable[tuple[ArticleRecord, Iterable[Quote]]],
                   bulk: bool = False) -> list[str]:
    """Store several articles in one transaction; each one's status as ``write_article`` gives it.

    By default each article is regrouped as it is stored, exactly as one
    ``write_article`` call after another would (same rows, same speaker
    ids): one commit for many articles is what it saves. With ``bulk`` the
    families the articles touch are regrouped once, after all of them: the
    same speakers, aliases, roles and quotes (the grouping depends on the
    set of names, not on their order) at a fraction of the cost, but new
    speakers may get other ids than one article at a time would give them.
    """
    statuses = []
    with transaction(db):
        # corrections cannot change inside this write transaction: read them once
        renames = name_corrections(db)
        families: set[str] = set()
        speaker_ids: set[int] = set()
        pending: dict[str, list[dict]] = {}  # bulk: each article's new rows, stored once regrouped
        index = QuoteIndex(db)
        memo: dict = {}  # what names give, shared by the transaction's quotes (``quote_rows``)
        for record, quotes in items:
            status, fams, sids, rows = _store_article(db, record, quotes, renames, index, memo)
            statuses.append(status)
            if bulk:
                families |= fams
                speaker_ids |= sids
                if rows is not None:
                    pending.pop(record.id, None)  # read twice in one batch: the later one wins
                    pending[record.id] = rows
            elif fams or sids or rows:
                regroup(db, fams, sids, rows or ())
        if families or speaker_ids or pending:
            regroup(db, families, speaker_ids, [r for rows in pending.values() for r in rows])
        index.finish()
    return statuses


def drop_triggers(db: sqlite_utils.Database, names_: Iterable[str]) -> list[tuple[str, str]]:
    """Drop some of the quotes table's triggers inside a write transaction; their (name, SQL),
    to create them again with ``restore_triggers`` before it commits. A rollback (a crash,
    an exception) brings them back by itself: DDL is part of the transaction."""
    wanted = list(names_)
    triggers = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'quotes' "
        "AND name IN (%s) ORDER BY name" % ", ".join("?" * len(wanted)), wanted).fetchall()
    for name, _sql in triggers:
        db.execute('DROP TRIGGER "%s"' % name)
    return triggers


def restore_triggers(db: sqlite_utils.Database, triggers: list[tuple[str, str]]) -> None:
    """Create again the triggers ``drop_triggers`` dropped."""
    for _name, sql in triggers:
        db.execute(sql)


class QuoteIndex:
    """The full-text index of the quotes one write transaction stores, written in one
    statement just before it commits, with the quotes' index triggers off until then.

    Why: through sqlite-utils' triggers each quote was indexed as it was
    inserted, and FTS5 writes its pending terms out at every statement that
    opens a statement journal (each quote inserted, each regrouping update):
    about three index rows written per quote stored, each a small segment
    to merge, and that merging costs more the larger the index is (measured:
    1.7 s of 4.5 s storing 840 articles into a library of 100,800; 0.1 s
    written once a transaction). The triggers are dropped and created again
    inside the transaction, so a crash or a rollback leaves them as they
    were; other writers (corrections) keep using them. A bulk write knows its new quotes'
    rowids and texts (``add_stored``) and indexes them without reading them back.
    """

    TRIGGERS = ("quotes_ai", "quotes_ad")  # on insert and on delete; no write here changes a text

    def __init__(self, db: sqlite_utils.Database) -> None:
        """For the write transaction ``db`` is in; the triggers go off at the first change
        (a transaction that changes no quote changes nothing, its schema included)."""
        self.db = db
        self.triggers: list[tuple[str, str]] | None = None
        self.pending: set[str] = set()  # articles whose quotes are stored but not yet indexed
        self.stored: list[tuple[int, list[str]]] = []  # quotes stored with known rowids: (first, texts)

    def _start(self) -> None:
        """Turn the triggers off, once."""
        if self.triggers is None:
            self.triggers = drop_triggers(self.db, self.TRIGGERS)

    def remove(self, article_id: str) -> None:
        """Take an article's indexed quotes out of the index; call before deleting them."""
        self._start()
        if article_id in self.pending:
            return  # stored in this transaction: not indexed yet
        self.db.execute("INSERT INTO quotes_fts (quotes_fts, rowid, text) "
                        "SELECT 'delete', id, text FROM quotes WHERE article_id = ?", [article_id])

    def add(self, article_id: str) -> None:
        """Note that an article's quotes were just stored: they are indexed at ``finish``."""
        self._start()
        self.pending.add(article_id)

    def hold(self) -> None:
        """Turn the triggers off before storing quotes that ``add_stored`` will note."""
        self._start()

    def add_stored(self, first: int, texts: list[str]) -> None:
        """Note quotes just stored with rowids ``first``, ``first + 1``, ... and these texts
        (``hold`` called before): indexed at ``finish`` from the texts, not read back."""
        self._start()
        self.stored.append((first, texts))

    def finish(self) -> None:
        """Index the noted articles' quotes, in rowid order, and put the triggers back."""
        if self.triggers is None:
            return
        if len(self.stored) == 1 and self.stored[0][0] == 1 and not self.pending:
            # rowids from 1: the quotes table holds these quotes only (a first load); FTS5's
            # own rebuild reads them in C (polnear-train's first 512 articles: 0.031-0.032 s
            # of CPU, where selecting them back by article took 0.036-0.045 s)
            self.db.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')")
        else:
            # from the texts in hand: reading them back by article and sorting cost more
            for first, texts in self.stored:
                self.db.conn.executemany("INSERT INTO quotes_fts (rowid, text) VALUES (?, ?)",
                                         zip(range(first, first + len(texts)), texts))
        self.stored.clear()
        if self.pending:
            # one statement, rowids ascending: FTS5 writes all of it out as one segment
            self.db.execute("INSERT INTO quotes_fts (rowid, text) SELECT id, text FROM quotes "
                            "WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY id",
                            [json.dumps(sorted(self.pending), ensure_ascii=False)])
        self.pending.clear()
        restore_triggers(self.db, self.triggers)
        self.triggers = None


def _store_article(db: sqlite_utils.Database, record: ArticleRecord, quotes: Iterable[Quote],
                   renames: dict[str, str | None], index: QuoteIndex, memo: dict | None = None
                   ) -> tuple[str, set[str], set[int], list[dict] | None]:
    """Store one article's row and take its old quotes away (inside a transaction): its status,
    the families its old and new quotes name, the speakers its old quotes had, and its new
    quote rows, to be stored by ``regroup`` (None when its text is unchanged)."""
    old = db.execute("SELECT %s FROM articles WHERE id = ?" % ", ".join(META_COLUMNS),
                     [record.id]).fetchone()
    if old is not None and old[0] == record.content_hash and not _lacks_reported(db, record.id):
        if tuple(old) == record_meta(record):
            return "unchanged", set(), set(), None
        _upsert_article(db, record)
        return "updated", set(), set(), None
    if old is not None:
        index.remove(record.id)
    families, speaker_ids = _delete_quotes(db, record.id)
    _upsert_article(db, record)
    rows = quote_rows(db, record, quotes, renames, memo=memo)
    index.add(record.id)
    families |= {r["speaker_family"] for r in rows if r["speaker_family"] is not None}
    return ("new" if old is None else "changed"), families, speaker_ids, rows


def _upsert_article(db: sqlite_utils.Database, record: ArticleRecord) -> None:
    """Insert an article's row, or update it in place (its rowid, and so its place, kept)."""
    row = record.row()
    cols = list(row)
    db.execute('INSERT INTO articles (%s) VALUES (%s) ON CONFLICT (id) DO UPDATE SET %s' % (
        ", ".join(cols), ", ".join("?" * len(cols)),
        ", ".join("%s = excluded.%s" % (c, c) for c in cols if c != "id")), list(row.values()))


def _lacks_reported(db: sqlite_utils.Database, article_id: str) -> bool:
    """True for an article stored before the library kept reported speech (a migrated one)."""
    return db.execute("SELECT 1 FROM reported_pending WHERE article_id = ?",
                      [article_id]).fetchone() is not None


def _delete_quotes(db: sqlite_utils.Database, article_id: str) -> tuple[set[str], set[int]]:
    """Delete an article's quotes; the families of names and the speakers they had."""
    rows = db.execute("SELECT DISTINCT speaker_family, speaker_id FROM quotes "
                      "WHERE article_id = ? AND speaker_family IS NOT NULL", [article_id]).fetchall()
    db.execute("DELETE FROM quotes WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM reported_pending WHERE article_id = ?", [article_id])
    return {r[0] for r in rows}, {r[1] for r in rows if r[1] is not None}


QUOTE_COLUMNS = (
    "article_id", "speaker_id", "start", "end", "text", "mention", "mention_start", "mention_end",
    "cue", "cue_start", "cue_end", "confidence", "method", "closed", "speaker_kind", "roles",
    "alias_forms", "engine_speaker", "speaker_name", "speaker_family", "corrected", "speaker_link",
    "hidden", "kind", "cue_type", "fragments",
)
QUOTE_VALUES = operator.itemgetter(*QUOTE_COLUMNS)  # a row's values in column order
INSERT_QUOTE = "INSERT INTO quotes (%s) VALUES (%s)" % (
    ", ".join('"%s"' % c for c in QUOTE_COLUMNS), ", ".join("?" * len(QUOTE_COLUMNS)))


def insert_quotes(db: sqlite_utils.Database, rows: list[dict] | list[tuple]) -> None:
    """Insert quote rows (one prepared statement: the hot path of an ingest), dicts or tuples
    of their values in ``QUOTE_COLUMNS`` order (``bulk.compact``). No rows, no statement: a
    migration regroups (``rebuild_names``) before the quotes have every column."""
    if not rows:
        return
    # the values in column order read in C (itemgetter): half the time of a list built a row
    # (0.025 s against 0.047 s for polnear-train's 17,375 statements, of the ~0.6 s CPU a
    # dataset load's writer spends)
    db.conn.executemany(INSERT_QUOTE, rows if isinstance(rows[0], tuple) else map(QUOTE_VALUES, rows))


def quote_rows(db: sqlite_utils.Database, record: ArticleRecord, quotes: Iterable[Quote | Statement],
               renames: dict[str, str | None] | None = None,
               overrides: dict[tuple[int, int], tuple] | None = None,
               memo: dict | None = None) -> list[dict]:
    """The ``quotes`` rows of an article's statements (the engine's quotes, which are direct,
    and its reported statements), with the user's corrections applied (the statements of a
    name the user said is no speaker are ``hidden``, without a name).

    A caller that has read them already passes ``renames`` (the name
    corrections) and ``overrides`` (the article's quote corrections by
    offsets); ``memo``, a dict kept across the articles of one transaction,
    keeps what a name gives (its effective name, the JSON of its aliases and
    roles), which many quotes share.
    """
    if overrides is None:
        overrides = {(r[0], r[1]): (r[2], r[3]) for r in db.execute(
            "SELECT start, end, speaker, kind FROM quote_corrections WHERE content_hash = ?",
            [record.content_hash])}
    if renames is None:
        renames = name_corrections(db)
    if memo is None:
        memo = {}
    rows = []
    text = record.text
    said: dict = {}  # the speaker fields of each way this article gives a speaker (its text settles a name)
    for q in quotes:
        override = overrides.get((q.start, q.end)) if overrides else None
        m, c = q.mention, q.cue
        mention = m.text if m else None
        roles = q.roles if type(q.roles) is tuple else tuple(q.roles)
        key = (q.speaker, q.speaker_kind, mention, roles, override)
        fields = said.get(key)
        if fields is None:
            fields = said[key] = _speaker_fields(q.speaker, q.speaker_kind, mention, roles, override,
                                                 text, renames, memo)
        kind, roles_json, corrected, named, forms = fields
        statement_kind, typed, fragments = _statement_values(q, memo)
        rows.append({
            "article_id": record.id, "speaker_id": None, "start": q.start, "end": q.end,
            "text": q.text, "mention": mention,
            "mention_start": m.start if m else None, "mention_end": m.end if m else None,
            "cue": c.text if c else None,
            "cue_start": c.start if c else None, "cue_end": c.end if c else None,
            "confidence": round(q.confidence, 4), "method": q.method,
            "closed": int(getattr(q, "closed", True)),
            "kind": statement_kind, "cue_type": typed, "fragments": fragments,
            "speaker_kind": kind, "roles": roles_json,
            "engine_speaker": q.speaker, "corrected": corrected,
            "speaker_name": named["speaker_name"], "speaker_family": named["speaker_family"],
            "speaker_link": None, "hidden": named["hidden"], "alias_forms": forms,
        })
    return rows


def _speaker_fields(engine: str | None, engine_kind: str | None, mention: str | None,
                    roles: tuple, override: tuple | None, text: str,
                    renames: dict[str, str | None], memo: dict) -> tuple:
    """``quote_rows``' speaker columns of a statement: (speaker_kind, roles JSON, corrected,
    ``effective_name``, aliases JSON), what names give kept in ``memo``."""
    if override is None:
        kind = engine_kind if engine else None
        speaker = name_in_article(engine, kind, mention, roles, text, renames)
    else:
        # the engine's roles describe whom it thought spoke, not the corrected speaker
        (speaker, kind), roles = override, ()
    key = ("roles", roles if speaker else ())
    roles_json = memo.get(key)
    if roles_json is None:
        roles_json = memo[key] = json.dumps(list(dict.fromkeys(key[1])), ensure_ascii=False)
    key = ("name", speaker, kind)
    named = memo.get(key)
    if named is None:
        named = memo[key] = effective_name(speaker, kind, renames)
    kind = kind if speaker else None
    corrected = int(override is not None)
    key = ("aliases", named["speaker_name"], engine, corrected, mention, kind)
    forms = memo.get(key)
    if forms is None:
        forms = memo[key] = alias_forms({"speaker_name": named["speaker_name"], "engine_speaker": engine,
                                         "corrected": corrected, "mention": mention,
                                         "speaker_kind": kind})
    return kind, roles_json, corrected, named, forms


def statement_fields(q: Quote | Statement, memo: dict | None = None) -> dict:
    """``kind``, ``cue_type`` and ``fragments`` of a statement's row: a Quote is direct, its cue
    typed as the engine types a statement's; fragments only when the content is split.
    ``memo`` (``quote_rows``') keeps each cue's type, which many quotes share."""
    return dict(zip(("kind", "cue_type", "fragments"), _statement_values(q, memo)))


def _statement_values(q: Quote | Statement, memo: dict | None) -> tuple:
    """``statement_fields`` as a tuple, without a dict a row (``quote_rows``' hot path)."""
    if isinstance(q, Statement):
        frags = q.fragments if len(q.fragments) > 1 else None
        return q.kind, q.cue_type, json.dumps([list(f) for f in frags]) if frags else None
    cue = q.cue.text if q.cue else None
    if memo is None:
        return "direct", cue_type(cue), None
    key = ("cue_type", cue)
    typed = memo.get(key)
    if typed is None:
        typed = memo[key] = cue_type(cue)
    return "direct", typed, None


def name_in_article(name: str | None, kind: str | None, mention: str | None, roles: Iterable[str],
                    text: str, renames: dict[str, str]) -> str | None:
    """The engine's name for a quote as its article settles it (``speakers.article_name``):
    a lone surname becomes the full name or titled surname the article points to,
    unless a merge or rename of the surname itself says otherwise (corrections win)."""
    if not name or not name.strip() or kind == "organisation":
        return name
    name = " ".join(name.split())
    if names.parse_name(name).key in renames:
        return name
    return names.article_name(name, text, mention, tuple(roles))


def alias_forms(quote: dict) -> str:
    """The JSON list of the ways a quote names its speaker: its names and a name-like mention.

    A corrected quote's engine name and mention point at whom the engine
    thought spoke, so only the corrected name counts. A titled surname made
    from the article's hints ("Ms. Clinton") is no way the article wrote it.
    """
    name = quote["speaker_name"]
    if name is None:
        return "[]"
    engine = " ".join(quote["engine_speaker"].split()) if quote["engine_speaker"] else None
    made_up = (not quote["corrected"] and name != engine and not names.parse_name(name).is_full
               and names.title_hint(name) != names.title_hint(engine or ""))
    forms = [] if made_up else [name]
    if not quote["corrected"]:
        engine, mention = quote["engine_speaker"], quote["mention"]
        if engine:
            forms.append(" ".join(engine.split()))
        if mention and _names_speaker(mention, name, quote["speaker_kind"]):
            forms.append(" ".join(mention.split()))
    return json.dumps(list(dict.fromkeys(forms)), ensure_ascii=False)


def name_corrections(db: sqlite_utils.Database) -> dict[str, str | None]:
    """The merge, rename and "not a speaker" corrections: normalised name key -> the name to
    use (None: the name is no speaker, its quotes are hidden)."""
    return dict(db.execute("SELECT key, name FROM name_corrections").fetchall())


def effective_name(name: str | None, kind: str | None, renames: dict[str, str | None]) -> dict:
    """``speaker_name``, ``speaker_family`` and ``hidden`` for a name, after merge, rename and
    "not a speaker" corrections (a name that is no speaker: no name, the quote hidden)."""
    if not name or not name.strip():
        return {"speaker_name": None, "speaker_family": None, "hidden": 0}
    person = kind != "organisation"
    name = " ".join(name.split())
    seen = set()
    # follow corrections (a rename of a merge target) until a fixed point
    while True:
        key = names.parse_name(name, person).key
        if key in renames and renames[key] is None:
            return {"speaker_name": None, "speaker_family": None, "hidden": 1}
        target = renames.get(key)
        if key in seen or target is None or target == name:
            break
        seen.add(key)
        name = target
    return {"speaker_name": name, "speaker_family": names.family_of(name, person), "hidden": 0}


def pinned_names(db: sqlite_utils.Database) -> set[str]:
    """Names the user chose in corrections: a speaker holding one is displayed under it."""
    rows = db.execute("SELECT name FROM name_corrections WHERE name IS NOT NULL UNION "
                      "SELECT speaker FROM quote_corrections WHERE speaker IS NOT NULL")
    return {r[0] for r in rows}


def regroup(db: sqlite_utils.Database, families: Iterable[str], touched: Iterable[int] = (),
            new_rows: list[dict] = ()) -> None:
    """Recompute the speakers of some name families and point their quotes at them; store
    ``new_rows`` (quote rows not yet in the library, of those families or of none) with theirs.

    Within a family, names are grouped by ``speakers.group_names``; each
    group keeps the speaker id most of its quotes already had (so ids are
    stable as a library grows), or gets a new one. Speakers left without
    quotes are deleted; the aliases, roles and counts of every speaker whose
    quotes changed (and of the ``touched`` ones) are refreshed.

    New rows are grouped with the family before they are stored, and
    stored with their speaker: the same library as storing them first and
    moving them to it (new quotes have no speaker, which no group claims),
    at half the index writes, which cost more the larger the library.
    """
    touched = assign_speakers(db, families, touched, new_rows)
    insert_quotes(db, new_rows)
    refresh_speakers(db, touched)


def assign_speakers(db: sqlite_utils.Database, families: Iterable[str], touched: Iterable[int] = (),
                    new_rows: Iterable[dict] = ()) -> set[int]:
    """``regroup`` up to storing the new rows: the families regrouped, the new rows given their
    ``speaker_id`` and ``speaker_link``; the speakers to refresh once the rows are stored."""
    touched = set(touched)
    families = sorted(set(families))
    if families:
        pinned = pinned_names(db)
        by_family: dict[str, list[dict]] = defaultdict(list)
        for row in new_rows:
            if row["speaker_family"] is not None:
                by_family[row["speaker_family"]].append(row)
        # read at once: regrouping a family changes the summaries of that family only
        summaries = family_summaries(db, families)
        claimed = _Claims(db, summaries)
        for family in families:
            touched |= _regroup_family(db, family, pinned, by_family.get(family, ()),
                                       summaries[family], claimed)
    return touched


@dataclass
class FamilySummary:
    """A family's name summaries as stored: ``name_counts`` rows (name, kind, speaker_id,
    link, quotes) and ``name_roles`` rows (name, role)."""

    counts: list[tuple] = field(default_factory=list)
    roles: list[tuple] = field(default_factory=list)


def family_summaries(db: sqlite_utils.Database, families: list[str]) -> dict[str, FamilySummary]:
    """The name summaries of some families, two queries for all of them (a batch of articles
    touches hundreds of families; three queries each were a fifth of storing a dataset)."""
    found = {f: FamilySummary() for f in families}
    wanted = json.dumps(families, ensure_ascii=False)
    for family, *row in db.execute(
            "SELECT family, name, kind, speaker_id, link, quotes FROM name_counts "
            "WHERE family IN (SELECT value FROM json_each(?))", [wanted]):
        found[family].counts.append(tuple(row))
    for family, name, role in db.execute(
            "SELECT family, name, role FROM name_roles WHERE family IN (SELECT value FROM json_each(?))",
            [wanted]):
        found[family].roles.append((name, role))
    return found


def refresh_speakers(db: sqlite_utils.Database, touched: Iterable[int]) -> None:
    """``refresh_speaker`` for each of some speakers, their rows read in two queries."""
    sids = sorted(set(touched))
    if not sids:
        return
    wanted = json.dumps(sids)
    stored = {sid: (n, roles) for sid, n, roles in db.execute(
        "SELECT id, quotes, roles FROM speakers WHERE id IN (SELECT value FROM json_each(?))", [wanted])}
    role_counts: dict[int, list[tuple]] = defaultdict(list)
    for sid, role, n in db.execute(
            "SELECT speaker_id, role, quotes FROM roles WHERE speaker_id IN "
            "(SELECT value FROM json_each(?)) ORDER BY speaker_id, role", [wanted]):
        role_counts[sid].append((role, n))
    changed = []
    for sid in sids:
        if sid not in stored:
            continue
        n, old = stored[sid]
        if n <= 0:
            _delete_speaker(db, sid)
            continue
        roles = json.dumps(display_roles(role_counts.get(sid, ())), ensure_ascii=False)
        if roles != old:
            changed.append((roles, sid))
    db.conn.executemany("UPDATE speakers SET roles = ? WHERE id = ?", changed)


def rebuild_names(db: sqlite_utils.Database) -> None:
    """Read every engine name in its article again and regroup every family (call inside a
    transaction): what an ingest of the whole library from scratch would store."""
    renames = name_corrections(db)
    rows = db.execute(
        "SELECT q.id, q.engine_speaker, q.speaker_kind, q.mention, q.roles, a.text, q.speaker_name "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.corrected = 0 AND q.engine_speaker IS NOT NULL").fetchall()
    for qid, engine, kind, mention, roles, text, old in rows:
        name = name_in_article(engine, kind, mention, json.loads(roles or "[]"), text, renames)
        row = {"engine_speaker": engine, "mention": mention, "speaker_kind": kind, "corrected": 0,
               **effective_name(name, kind, renames)}
        if row["speaker_name"] != old:
            db.execute("UPDATE quotes SET speaker_name = ?, speaker_family = ?, alias_forms = ?, "
                       "hidden = ? WHERE id = ?", [row["speaker_name"], row["speaker_family"],
                                                   alias_forms(row), row["hidden"], qid])
    families = [r[0] for r in db.execute(
        "SELECT DISTINCT speaker_family FROM quotes WHERE speaker_family IS NOT NULL")]
    regroup(db, families)


def name_infos(db: sqlite_utils.Database, family: str, new_rows: Iterable[dict] = (),
               summary: FamilySummary | None = None) -> list[names.NameInfo]:
    """The distinct names of a family as the grouping reads them: kind, quotes and roles
    (from the name summaries, read now unless given: the cost of the family's names, not of
    its quotes), with the family's ``new_rows`` (quote rows not stored yet) counted in."""
    if summary is None:
        summary = family_summaries(db, [family])[family]
    roles: dict[str, set] = defaultdict(set)
    for name, role in summary.roles:
        roles[name].add(role)
    counts: Counter = Counter()
    for name, kind, _sid, _link, n in summary.counts:
        counts[(name, kind)] += n
    for row in new_rows:
        counts[(row["speaker_name"], row["speaker_kind"] or "")] += 1
        roles[row["speaker_name"]].update(_json_list(row["roles"]))
    return [names.NameInfo(name, kind or None, counts[(name, kind)],
                           tuple(sorted(roles.get(name, ()))))
            for name, kind in sorted(counts)]


@lru_cache(maxsize=4096)
def _json_list(text: str) -> tuple:
    """A JSON list as a tuple, parsed once: a batch's quotes share a few hundred roles lists."""
    return tuple(json.loads(text))


def _regroup_family(db: sqlite_utils.Database, family: str, pinned: set[str],
                    new_rows: Iterable[dict] = (), summary: FamilySummary | None = None,
                    claimed: "_Claims | None" = None) -> set[int]:
    """Regroup one family; the ids of the speakers whose quotes or rows changed. The
    family's ``new_rows`` (not stored yet) get their ``speaker_id`` and ``speaker_link``.

    Only quotes whose speaker or link changes are written, each set found
    through the summary index, so a regrouping costs what moves.
    """
    new_rows = list(new_rows)
    if summary is None:
        summary = family_summaries(db, [family])[family]
    if claimed is None:
        claimed = _Claims(db, {family: summary})
    infos = name_infos(db, family, new_rows, summary)
    arriving: dict[str, list[dict]] = defaultdict(list)
    for row in new_rows:
        arriving[row["speaker_name"]].append(row)
    current: dict[str, Counter] = defaultdict(Counter)
    states: dict[str, set] = defaultdict(set)  # name -> the (speaker, link) its quotes have
    for name, _kind, sid, link, n in summary.counts:
        if sid:
            current[name][sid] += n
        states[name].add((sid, link))
    old_ids = {sid for c in current.values() for sid in c}
    shared, named = claimed.of(family, old_ids)
    used: set[int] = set()
    touched: set[int] = set()
    groups = names.group_names(infos, pinned)
    # a surname joined only as the library's dominant person: its quotes' confidence is lowered
    weak = {n for g in groups for n in g.weak}
    for group in groups:
        claims: Counter = Counter()
        for n in group.names:
            claims.update(current.get(n, {}))
        # an id still carrying quotes of another family (a quote just reassigned out
        # of it) stays with that family; this group gets its own
        free = [(count, -sid) for sid, count in claims.items() if sid not in used and sid not in shared]
        if free:
            sid = -max(free)[1]
            if sid in named and named[sid] != (group.name, group.kind):
                db.execute("UPDATE speakers SET name = ?, kind = ? WHERE id = ?",
                           [group.name, group.kind, sid])
                claimed.changed()
                touched.add(sid)
        else:
            sid = db.execute("INSERT INTO speakers (name, kind) VALUES (?, ?)",
                             [group.name, group.kind]).lastrowid
        used.add(sid)
        moved = False
        for n in group.names:
            link = names.WEAK_LINK if n in weak else 1.0
            for row in arriving.get(n, ()):
                row["speaker_id"], row["speaker_link"] = sid, None if link == 1.0 else link
                moved = True  # as if stored without a speaker and moved to this one
            for old_sid, old_link in sorted(states.get(n, ())):
                if (old_sid, old_link) != (sid, link):
                    db.execute("UPDATE quotes SET speaker_id = ?, speaker_link = ? "
                               "WHERE speaker_family = ? AND speaker_name = ? AND speaker_id IS ? "
                               "AND speaker_link IS ?",
                               [sid, None if link == 1.0 else link, family, n, old_sid or None,
                                None if old_link == 1.0 else old_link])
                    claimed.changed()
                    moved = moved or old_sid != sid
        if moved:
            # the speakers those quotes leave lose their roles too, even when a group keeps them
            touched |= set(claims) | {sid}
    # speakers no group kept: refreshing deletes them once they have no quotes left
    return touched | (old_ids - used)


class _Claims:
    """Of the speakers some families' quotes have (their summaries): the families each one
    has quotes in and its (name, kind), read for all the families at once (two queries
    for an article's families, not two each) and read again after a regrouping changes
    them (moves quotes or renames a speaker: rare once a library is grown).

    Regrouping a family changes neither for its own speakers: it moves quotes of this
    family only, and a speaker in another family is never given to one of its groups.
    """

    def __init__(self, db: sqlite_utils.Database, summaries: dict[str, FamilySummary]) -> None:
        self.db = db
        self.sids = sorted({row[2] for s in summaries.values() for row in s.counts if row[2]})
        self.families: dict[int, set[str]] | None = None
        self.named: dict[int, tuple] = {}

    def changed(self) -> None:
        """Note that a regrouping moved quotes or renamed a speaker: read again when asked."""
        self.families = None

    def of(self, family: str, sids: set[int]) -> tuple[set[int], dict[int, tuple]]:
        """Of ``sids`` (speakers of ``family``'s quotes): those with quotes in another family
        too, and each one's (name, kind)."""
        if not sids:
            return set(), {}
        if self.families is None:
            self._read()
        shared = {sid for sid in sids if self.families.get(sid, set()) - {family}}
        return shared, {sid: self.named[sid] for sid in sids if sid in self.named}

    def _read(self) -> None:
        """Read the families and names of every speaker the summaries name."""
        wanted = json.dumps(self.sids)
        self.families = defaultdict(set)
        for sid, family in self.db.execute(
                "SELECT speaker_id, family FROM name_counts WHERE speaker_id IN "
                "(SELECT value FROM json_each(?))", [wanted]):
            self.families[sid].add(family)
        self.named = {sid: (name, kind) for sid, name, kind in self.db.execute(
            "SELECT id, name, kind FROM speakers WHERE id IN (SELECT value FROM json_each(?))",
            [wanted])}


def refresh_speaker(db: sqlite_utils.Database, sid: int) -> None:
    """Delete a speaker left without quotes, else rewrite its roles list from its role counts.

    Counts and aliases are kept by triggers; the ``roles`` column is the
    readable list: most quoted first, each once whatever its capitals, a
    title folded into a longer one it starts ("Secretary" into "Secretary of
    State"), words that say nothing alone ("former") left out.
    """
    refresh_speakers(db, [sid])


def _delete_speaker(db: sqlite_utils.Database, sid: int) -> None:
    """Delete a speaker and its alias and role counts."""
    db.execute("DELETE FROM aliases WHERE speaker_id = ?", [sid])
    db.execute("DELETE FROM roles WHERE speaker_id = ?", [sid])
    db.execute("DELETE FROM speakers WHERE id = ?", [sid])


def _roles(db: sqlite_utils.Database, sid: int) -> list[str]:
    """A speaker's roles and titles for display, from the ``roles`` counts."""
    return display_roles(db.execute("SELECT role, quotes FROM roles WHERE speaker_id = ? "
                                    "ORDER BY role", [sid]).fetchall())


def display_roles(role_counts: Iterable[tuple[str, int]]) -> list[str]:
    """The roles list of a speaker from its (role, quotes) counts (``refresh_speaker``)."""
    counts: dict[str, int] = {}
    spelling: dict[str, dict[str, int]] = {}
    for role, n in role_counts:
        role = " ".join(str(role).split())
        key = role.casefold()
        if key in NOT_ROLES:
            continue
        counts[key] = counts.get(key, 0) + n
        spelled = spelling.setdefault(key, {})
        spelled[role] = spelled.get(role, 0) + n
    # "Secretary" is said by "Secretary of State": keep the longer title. The longer titles
    # of a role are those after it in sorted order that start with it (found by bisection:
    # a speaker of a grown library has many roles); shorter ones are folded first, so none
    # of them has been folded away yet
    ordered = sorted(counts)
    for short in sorted(counts, key=len):
        prefix = short + " "
        i = bisect.bisect_left(ordered, prefix)
        longer = []
        while i < len(ordered) and ordered[i].startswith(prefix):
            longer.append(ordered[i])
            i += 1
        if longer:
            counts[max(longer, key=lambda k: (counts[k], k))] += counts.pop(short)
    best = {k: min(spelling[k], key=lambda s: (-spelling[k][s], s)) for k in counts}
    return [best[k] for k in sorted(counts, key=lambda k: (-counts[k], best[k]))]


def _names_speaker(mention: str, name: str, kind: str | None) -> bool:
    """True when a mention names the speaker ("Secretary Blinken"), not a pronoun or description."""
    if mention.strip().casefold() in PRONOUNS:
        return False
    family = names.family_of(name, kind != "organisation")
    words = {w for w in names.parse_name(mention, False).words}
    return bool(family) and family in words
