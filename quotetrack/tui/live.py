"""Noticing that another process changed the library (an ingest, a correction from the shell).

``Watcher.changed()`` asks SQLite's ``PRAGMA data_version`` on a connection
of its own: the number moves whenever any other connection commits to the
file, and asking costs microseconds (no table is read), so the browser can
ask every second or two on its own thread. No Textual here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class Watcher:
    """Watches one library file for commits made by other connections."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._lost = False  # the connection failed: what happened meanwhile is unknown

    def changed(self) -> bool:
        """True when a commit reached the file since the last call (the first call only looks).

        A file that cannot be read now (moved, locked for long) is not a
        change yet: the next call tries again, and once it can read the file
        it reports a change, since one may have been missed meanwhile.
        """
        try:
            if self._conn is None:
                # read-only and outside any transaction: watching never holds a lock
                self._conn = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True,
                                             isolation_level=None, timeout=0.05)
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            self.close()
            self._lost = self._version is not None
            return False
        seen, self._version = self._version, version
        if self._lost:
            # a new connection counts from its own start: the numbers cannot be compared
            self._lost = False
            return True
        return seen is not None and version != seen

    def close(self) -> None:
        """Close the watching connection (opened again by the next ``changed``)."""
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
        self._conn = None
