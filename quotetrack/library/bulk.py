"""Storing a batch of already extracted articles (a dataset made by ``quotetrack extract
--out``) in one transaction, with a statement per table where the one-by-one path makes
one per article or per quote.

The library is the one ``store.write_articles(db, items, bulk=True)`` makes (the same
rows, speakers and ids; ``tests/test_write_path.py`` compares them):

- the batch's stored articles and its quote corrections are read in one query each;
- quote rows are made with what their names give worked out once (``store.quote_rows``'
  memo), and the families the batch touches are regrouped once, the new quotes given
  their speakers before they are stored (``store.assign_speakers``);
- the quotes go in with their count triggers off, and what those triggers would have
  added (speakers' quote counts and counts by kind, aliases and roles, the name
  summaries) is added
  in one statement a table; their text is indexed in one (``store.QuoteIndex``).

All of it is one transaction: a crash or an error rolls it back whole, triggers
included, so a load stopped at any moment leaves whole articles and a rerun ends
as a clean one.
"""

from __future__ import annotations

import json
import operator
from typing import Callable, Iterable

import sqlite_utils

from quotetrack.library import store
from quotetrack.library.store import ArticleRecord

# the quotes' triggers that count an inserted quote: replaced by ``ADD_COUNTS``
COUNT_TRIGGERS = ("quotes_speaker_ai", "quotes_names_ai")


def write_articles(db: sqlite_utils.Database, items: Iterable[tuple], made_with=None,
                   quotes_for: Callable[[int], tuple] | None = None) -> list[str]:
    """Store several articles in one transaction; each one's status ("new", "changed",
    "updated", "unchanged") as ``store.write_article`` gives it.

    An item is (record, quotes), or (record, quotes, rows) with its quote rows made
    already (in a worker, ``compact``) with the corrections ``made_with``
    (``parts.Corrections``): they are used while those are still the library's
    corrections, else the rows are made again from the quotes (``quotes_for(i)`` reads
    item i's when it came without).
    """
    items = list(items)
    statuses = []
    with store.transaction(db):
        renames = store.name_corrections(db)
        stored = _stored_meta(db, [item[0].id for item in items])
        corrections = _quote_corrections(db, {item[0].content_hash for item in items})
        # rows made elsewhere are what quote_rows would make now while the corrections hold
        made_holds = made_with is not None and made_with.hold(renames, corrections)
        index = store.QuoteIndex(db)
        memo: dict = {}
        families: set[str] = set()
        speaker_ids: set[int] = set()
        pending: dict[str, list[tuple]] = {}  # each article's new rows, stored once regrouped
        upserts: dict[str, ArticleRecord] = {}
        for i, (record, quotes, *made) in enumerate(items):
            meta = store.record_meta(record)
            old = stored.get(record.id)
            stored[record.id] = meta  # an id read again in this batch sees this one
            if old is not None and old[0] == record.content_hash:
                statuses.append("unchanged" if old == meta else "updated")
                if old != meta:
                    upserts[record.id] = record
                continue
            if old is not None:
                # its quotes stored before this batch, or a row kept for it earlier in it
                if pending.pop(record.id, None) is None:
                    index.remove(record.id)
                    fams, sids = store._delete_quotes(db, record.id)
                    families |= fams
                    speaker_ids |= sids
            upserts[record.id] = record  # read twice: stored where it was first read
            if made and made[0] is not None and made_holds:
                rows = made[0]
            else:
                if quotes is None:
                    quotes = quotes_for(i)
                rows = compact(store.quote_rows(db, record, quotes, renames,
                                                corrections.get(record.content_hash, {}), memo))
            pending[record.id] = rows
            index.hold()  # indexed from their rows once stored (``_insert_counted``)
            families |= {r[FAMILY] for r in rows if r[FAMILY] is not None}
            statuses.append("new" if old is None else "changed")
        _upsert_articles(db, upserts.values())
        rows = [r for article_rows in pending.values() for r in article_rows]
        named = [(i, _speaker_columns(r)) for i, r in enumerate(rows) if r[FAMILY] is not None]
        touched = store.assign_speakers(db, families, speaker_ids, [d for _i, d in named])
        for i, d in named:  # the speaker and link each row was given
            r = rows[i]
            rows[i] = (r[:SPEAKER] + (d["speaker_id"],) + r[SPEAKER + 1:LINK] + (d["speaker_link"],)
                       + r[LINK + 1:])
        _insert_counted(db, rows, index)
        store.refresh_speakers(db, touched)
        index.finish()
    return statuses


# A quote row as it travels and is stored here: its values in ``store.QUOTE_COLUMNS`` order
# (a worker's rows unpickle in half the time of dicts, and go to the insert as they are)
SPEAKER, LINK, FAMILY, TEXT, KIND = (store.QUOTE_COLUMNS.index(c) for c in (
    "speaker_id", "speaker_link", "speaker_family", "text", "kind"))
# what regrouping reads of a new row, and gives it (``store.assign_speakers``)
SPEAKER_COLUMNS = ("speaker_family", "speaker_name", "speaker_kind", "roles", "alias_forms",
                   "engine_speaker", "mention", "corrected", "hidden", "speaker_id", "speaker_link")
_SPEAKER_VALUES = operator.itemgetter(*(store.QUOTE_COLUMNS.index(c) for c in SPEAKER_COLUMNS))


def compact(rows: list[dict]) -> list[tuple]:
    """Quote rows (``store.quote_rows``) as tuples of their values in ``store.QUOTE_COLUMNS`` order."""
    return list(map(store.QUOTE_VALUES, rows))


def _speaker_columns(row: tuple) -> dict:
    """A compact row's ``SPEAKER_COLUMNS`` as the dict regrouping reads and fills."""
    return dict(zip(SPEAKER_COLUMNS, _SPEAKER_VALUES(row)))


def _stored_meta(db: sqlite_utils.Database, ids: list[str]) -> dict[str, tuple]:
    """``store.stored_meta_of`` through the write connection, with the articles stored before
    the library kept reported speech (``reported_pending``) as stored with no content hash:
    whatever their text, their quotes are replaced, as ``store.write_articles`` replaces them."""
    stored = store.stored_meta_of(db.conn, ids)
    for (article_id,) in db.execute(
            "SELECT article_id FROM reported_pending WHERE article_id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(set(ids)), ensure_ascii=False)]):
        stored[article_id] = (None,)
    return stored


def _quote_corrections(db: sqlite_utils.Database, hashes: set[str]) -> dict[str, dict]:
    """The quote corrections of some article texts: content hash -> {(start, end): (speaker,
    kind)}, as ``store.quote_rows`` takes them."""
    found: dict[str, dict] = {h: {} for h in hashes}
    if hashes:
        for h, start, end, speaker, kind in db.execute(
                "SELECT content_hash, start, end, speaker, kind FROM quote_corrections "
                "WHERE content_hash IN (SELECT value FROM json_each(?))", [json.dumps(sorted(hashes))]):
            found[h][(start, end)] = (speaker, kind)
    return found


def _upsert_articles(db: sqlite_utils.Database, records: Iterable[ArticleRecord]) -> None:
    """Insert the articles' rows, or update them in place, in one prepared statement."""
    rows = [record.row() for record in records]
    if not rows:
        return
    cols = list(rows[0])
    db.conn.executemany('INSERT INTO articles (%s) VALUES (%s) ON CONFLICT (id) DO UPDATE SET %s' % (
        ", ".join(cols), ", ".join("?" * len(cols)),
        ", ".join("%s = excluded.%s" % (c, c) for c in cols if c != "id")),
        [[row[c] for c in cols] for row in rows])


# What the quotes' insert triggers (``store.COUNT_TRIGGERS``, ``store.SUMMARY_TRIGGERS``)
# add for each new quote, added for a range of new quote ids in one statement a table.
ADD_COUNTS = (
    # the quotes and the counts by kind (``store.KIND_COUNTS``) the insert trigger adds
    "UPDATE speakers SET quotes = speakers.quotes + c.n, %s FROM (SELECT speaker_id, count(*) AS n, "
    "%s FROM quotes WHERE id BETWEEN :first AND :last AND speaker_id IS NOT NULL GROUP BY 1) AS c "
    "WHERE speakers.id = c.speaker_id" % (
        ", ".join("%s = speakers.%s + c.%s" % (col, col, col) for col in store.KIND_COUNTS),
        ", ".join("sum(%s) AS %s" % (cond.replace("new.", ""), col)
                  for col, cond in store.KIND_COUNTS.items())),
    "INSERT INTO roles (speaker_id, role, quotes) SELECT q.speaker_id, j.value, count(*) "
    "FROM quotes q, json_each(q.roles) AS j WHERE q.id BETWEEN :first AND :last "
    "AND q.speaker_id IS NOT NULL GROUP BY 1, 2 "
    "ON CONFLICT (speaker_id, role) DO UPDATE SET quotes = quotes + excluded.quotes",
    "INSERT INTO aliases (speaker_id, alias, quotes) SELECT q.speaker_id, j.value, count(*) "
    "FROM quotes q, json_each(q.alias_forms) AS j WHERE q.id BETWEEN :first AND :last "
    "AND q.speaker_id IS NOT NULL GROUP BY 1, 2 "
    "ON CONFLICT (speaker_id, alias) DO UPDATE SET quotes = quotes + excluded.quotes",
    "INSERT INTO name_counts (family, name, kind, speaker_id, link, quotes) "
    "SELECT speaker_family, speaker_name, coalesce(speaker_kind, ''), coalesce(speaker_id, 0), "
    "coalesce(speaker_link, 1.0), count(*) FROM quotes WHERE id BETWEEN :first AND :last "
    "AND speaker_family IS NOT NULL GROUP BY 1, 2, 3, 4, 5 "
    "ON CONFLICT DO UPDATE SET quotes = quotes + excluded.quotes",
    # a role once per quote, however often its list repeats it (the trigger's DISTINCT)
    "INSERT INTO name_roles (family, name, role, quotes) "
    "SELECT q.speaker_family, q.speaker_name, j.value, count(DISTINCT q.id) "
    "FROM quotes q, json_each(q.roles) AS j WHERE q.id BETWEEN :first AND :last "
    "AND q.speaker_family IS NOT NULL GROUP BY 1, 2, 3 "
    "ON CONFLICT DO UPDATE SET quotes = quotes + excluded.quotes",
)


def _insert_counted(db: sqlite_utils.Database, rows: list[tuple], index: store.QuoteIndex) -> None:
    """Insert quote rows with the count triggers off, then count them in one statement a
    table (``ADD_COUNTS``): polnear-train's 8,158 quotes in 0.10 s, where inserting them
    with the triggers on took 0.29 s."""
    if not rows:
        return
    triggers = store.drop_triggers(db, COUNT_TRIGGERS)
    # a statement's rows get the ids after the largest one, in order: one range
    first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM quotes").fetchone()[0]
    store.insert_quotes(db, rows)
    span = {"first": first, "last": db.execute("SELECT max(id) FROM quotes").fetchone()[0]}
    assert span["last"] - first + 1 == len(rows)
    index.add_stored(first, [r[TEXT] for r in rows])
    for sql in ADD_COUNTS:
        db.execute(sql, span)
    store.restore_triggers(db, triggers)
