"""Libraries for the benches, made fast by bulk inserts (shared by bench/search.py, bench/tui.py
and bench/ingest.py)."""

from __future__ import annotations

from pathlib import Path


def empty_library(path: Path):
    """Remove any library at ``path`` (and its WAL files), create an empty one and drop the
    quotes table's triggers (full-text index, speaker counts, name summaries) so rows go in fast.

    Returns the sqlite-utils Database and the dropped triggers as (name, sql) pairs, to be
    created again once the rows are in (then ``store.rebuild_summaries`` recounts the names).
    """
    from quotetrack.library import store

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = store.open_db(path, create=True)
    triggers = db.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                               "AND tbl_name = 'quotes'").fetchall()
    for name, _ in triggers:
        db.conn.execute("DROP TRIGGER %s" % name)
    return db, triggers


def grow(db, copies: int) -> None:
    """Make a library hold ``copies`` more copies of every article it holds (ids suffixed
    "#grown-K"), quotes and all, as if ingested: speakers keep their groups (every name's
    count is multiplied alike), their counts, roles and aliases are recounted, the name
    summaries and the full-text index rebuilt. Bulk SQL, with the quotes' triggers dropped."""
    from quotetrack.library import store

    conn = db.conn
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                            "AND tbl_name = 'quotes'").fetchall()
    for name, _ in triggers:
        conn.execute("DROP TRIGGER %s" % name)
    articles = [c[1] for c in conn.execute("PRAGMA table_info(articles)")]
    quotes = [c[1] for c in conn.execute("PRAGMA table_info(quotes)") if c[1] != "id"]
    top_article = conn.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0
    top_quote = conn.execute("SELECT max(id) FROM quotes").fetchone()[0] or 0
    conn.execute("BEGIN")
    for k in range(1, copies + 1):
        conn.execute('INSERT INTO articles (%s) SELECT %s FROM articles WHERE rowid <= ?' % (
            ", ".join('"%s"' % c for c in articles),
            ", ".join("id || '#grown-%d'" % k if c == "id" else '"%s"' % c for c in articles)),
            [top_article])
        conn.execute('INSERT INTO quotes (%s) SELECT %s FROM quotes WHERE id <= ? ORDER BY id' % (
            ", ".join('"%s"' % c for c in quotes),
            ", ".join("article_id || '#grown-%d'" % k if c == "article_id" else '"%s"' % c
                      for c in quotes)), [top_quote])
    conn.execute("UPDATE speakers SET quotes = (SELECT count(*) FROM quotes q WHERE q.speaker_id = speakers.id)")
    store.recount_kinds(db)
    for table, column, source in (("aliases", "alias", "alias_forms"), ("roles", "role", "roles")):
        conn.execute("DELETE FROM %s" % table)
        conn.execute("INSERT INTO %s (speaker_id, %s, quotes) SELECT q.speaker_id, j.value, count(*) "
                     "FROM quotes q, json_each(q.%s) AS j WHERE q.speaker_id IS NOT NULL GROUP BY 1, 2"
                     % (table, column, source))
    store.rebuild_summaries(db)
    conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')")
    for _name, sql in triggers:
        conn.execute(sql)
    conn.execute("COMMIT")
