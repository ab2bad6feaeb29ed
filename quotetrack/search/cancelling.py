"""Stopping SQLite work: at once when the user moves on, or after a time budget.

``cancellable(conn, cancel)`` makes statements run under it stop, mid-way,
as soon as the ``cancel`` event (a threading.Event) is set, raising
Cancelled; ``budget(conn, cancel, deadline)`` also stops them at a
deadline, raising OverBudget. Both use the connection's progress handler.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager
from typing import Iterator


class Cancelled(Exception):
    """Raised inside ``cancellable`` when its ``cancel`` event is set (search and compare then
    give an empty result)."""


class OverBudget(Exception):
    """A statement ran past its deadline (``budget``)."""


def connection(db) -> sqlite3.Connection:
    """The sqlite3 connection of a sqlite_utils Database (or the connection itself)."""
    return getattr(db, "conn", db)


def check(cancel: threading.Event | None) -> None:
    """Raise Cancelled when the search was cancelled."""
    if cancel is not None and cancel.is_set():
        raise Cancelled()


@contextmanager
def cancellable(conn: sqlite3.Connection, cancel: threading.Event | None) -> Iterator[None]:
    """Run SQLite work that stops (Cancelled) as soon as ``cancel`` is set, mid-statement too."""
    check(cancel)
    if cancel is None:
        yield
        return
    conn.set_progress_handler(lambda: int(cancel.is_set()), 1000)
    try:
        yield
    except sqlite3.OperationalError:
        if cancel.is_set():
            raise Cancelled() from None
        raise
    finally:
        conn.set_progress_handler(None, 0)


@contextmanager
def budget(conn: sqlite3.Connection, cancel: threading.Event | None,
           deadline: float | None) -> Iterator[None]:
    """Let a statement run until ``deadline`` (a time.perf_counter() value; None: no limit).

    Past it the statement is interrupted and OverBudget raised (rows
    already read are kept by the caller); ``cancel`` still cancels.
    """
    if deadline is None:
        yield
        return
    if time.perf_counter() > deadline:
        raise OverBudget()

    def tick() -> int:
        return int(time.perf_counter() > deadline or (cancel is not None and cancel.is_set()))

    conn.set_progress_handler(tick, 1000)
    try:
        yield
    except sqlite3.OperationalError:
        check(cancel)
        if time.perf_counter() > deadline:
            raise OverBudget() from None
        raise
    finally:
        if cancel is not None:
            conn.set_progress_handler(lambda: int(cancel.is_set()), 1000)
        else:
            conn.set_progress_handler(None, 0)
