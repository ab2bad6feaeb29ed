"""A fresh library ready for a bench's bulk load (shared by bench/search.py and bench/tui.py)."""

from __future__ import annotations

from pathlib import Path


def empty_library(path: Path):
    """Remove any library at ``path`` (and its WAL files), create an empty one and drop the
    quotes table's triggers (full-text index, speaker counts) so rows go in fast.

    Returns the sqlite-utils Database and the dropped triggers as (name, sql) pairs, to be
    created again once the rows are in.
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
