"""Ingest: read articles, extract their statements across cores, store them a batch at a time.

The parent process reads the inputs and is the only writer; worker
processes take the HTML pages' text out and run the extractor. Results come
back in input order (``Pool.imap``) and are committed a few dozen at a time,
each article whole, so an ingest stopped at any moment leaves a sound library and running it
again completes the rest. The reader runs at most a few chunks ahead of the
writer, so memory stays flat however large the input. The statements of
datasets made by ``extract --out`` (quotations and reported statements) are
not extracted again: the workers read their part files and make the quote
rows (``parts``), and the parent stores them in bulk (``bulk``). A dataset
of an earlier quotetrack holds the quotations only: its reported statements
are read from the texts, with a warning (``sources.old_dataset_note``).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, TypeVar

import sqlite_utils

import quotetrack
from quotetrack.engine.model import Quote
from quotetrack.engine.reported import Statement
from quotetrack.library import bulk, parts, sources, store, web
from quotetrack.library.extraction import statements_of
from quotetrack.library.articles import MAX_ARTICLE_BYTES
from quotetrack.library.sources import Doc, Notice
from quotetrack.library.store import ArticleRecord

T = TypeVar("T")
R = TypeVar("R")
CHUNK = 4
BATCH = 32  # articles a transaction, one by one (see _write_results)
BATCH_SECONDS = 0.5  # ... or fewer when they come slower than this
BULK_BATCH = 512  # articles of a dataset a transaction, regrouped once
LOOKUP = 256  # article ids looked up at once for the unchanged-article check
LOOKUP_BYTES = 8 << 20  # ... or fewer, when their input is this large


@dataclass(frozen=True)
class Skipped:
    """An article already stored with the same text and metadata."""

    size: int


@dataclass(frozen=True)
class Extracted:
    """An article ready to store, with its statements (quotes, then reported ones) and any
    warnings about it."""

    where: str
    size: int
    record: ArticleRecord
    quotes: tuple[Quote | Statement, ...] | None  # None when ``rows`` were made for them (``parts``)
    notices: tuple[Notice, ...] = ()
    from_dataset: bool = False  # read from ``extract --out``: may be written in bulk
    # its quote rows (``bulk.compact``), made in a worker with ``parts.Corrections``
    rows: list[tuple] | None = None
    origin: tuple[str, str, int] | None = None  # (articles part, statements part, row): ``parts.reread``


@dataclass(frozen=True)
class PreparedPart:
    """A dataset part read in a worker: its articles (Extracted, rows made) and Notices, in order."""

    items: tuple[Extracted | Notice, ...]


@dataclass
class Summary:
    """What an ingest did, article by article status counts and the problems met."""

    new: int = 0
    changed: int = 0
    updated: int = 0
    unchanged: int = 0
    quotes: int = 0
    reported: int = 0
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        """Articles read and stored (or found already stored)."""
        return self.new + self.changed + self.updated + self.unchanged

    def count(self, result: Extracted) -> None:
        """Count a stored article's quotations and reported statements (from its statements, or
        from its rows when a worker made them: a reported statement's row is not direct)."""
        if result.quotes is None:
            reported = sum(r[bulk.KIND] != "direct" for r in result.rows)
            total = len(result.rows)
        else:
            reported = sum(isinstance(q, Statement) for q in result.quotes)
            total = len(result.quotes)
        self.quotes += total - reported
        self.reported += reported

    def line(self) -> str:
        """One line for the user, e.g. "Ingested 840 articles (840 new, ...) in 3.1 s"."""
        parts = ["%d new" % self.new, "%d changed" % self.changed, "%d unchanged" % self.unchanged]
        if self.updated:
            parts.insert(2, "%d with new metadata" % self.updated)
        text = "Ingested %d article%s (%s), %d quote%s and %d reported statement%s stored" % (
            self.articles, "" if self.articles == 1 else "s", ", ".join(parts), self.quotes,
            "" if self.quotes == 1 else "s", self.reported, "" if self.reported == 1 else "s")
        if self.errors:
            text += ", %d error%s" % (self.errors, "" if self.errors == 1 else "s")
        return text + " in %.1f s" % self.seconds


def work(item: Doc | Notice | Skipped | parts.Part, reported: bool = True
         ) -> Extracted | Notice | Skipped | PreparedPart:
    """The worker's part: an HTML page's text, then the statements (the quotations only when
    not ``reported``); or a dataset part read and its quote rows made. Problems come back as
    Notices."""
    if isinstance(item, parts.Part):
        return prepare_part(item)
    if not isinstance(item, Doc):
        return item
    if item.quotes is not None:
        # from a dataset made by ``extract --out``: its statements are extracted already
        # (a dataset of an earlier quotetrack holds no reported ones: read here)
        try:
            statements = parts.with_reported(item)
        except Exception as exc:
            return Notice("%s: extraction failed (%s: %s)" % (item.where, type(exc).__name__, exc),
                          size=item.size)
        return Extracted(item.where, item.size, item.record, statements, from_dataset=True)
    notices: list[Notice] = []
    record = item.record
    if item.html is not None:
        record, warnings = sources.html_record(item)
        if record is None:
            return Notice(warnings[0], size=item.size)
        notices += [Notice(w, error=False) for w in warnings]
    try:
        quotes = statements_of(record.text) if reported else tuple(quotetrack.extract(record.text))
    except Exception as exc:  # one article the engine chokes on must not end the batch
        return Notice("%s: extraction failed (%s: %s)" % (item.where, type(exc).__name__, exc),
                      size=item.size)
    return Extracted(item.where, item.size, record, quotes, tuple(notices))


def prepare_part(part: parts.Part) -> PreparedPart:
    """Read a dataset part (its articles' quotations and reported statements; the reported
    ones read from the texts for a dataset of an earlier quotetrack, as ``work`` does for a
    dataset's Doc) and make their quote rows with the part's corrections: the reading and
    the per-article work of a load, done where the writer does not wait for it."""
    out: list[Extracted | Notice] = []
    memo: dict = {}
    number = 0
    for doc in parts.read_part(part.articles, part.statements):
        if isinstance(doc, Notice):
            out.append(doc)
            continue
        number += 1
        try:
            statements = parts.with_reported(doc)
        except Exception as exc:  # as ``work``: one article the engine chokes on is one error
            out.append(Notice("%s: extraction failed (%s: %s)" % (doc.where, type(exc).__name__, exc),
                              size=doc.size))
            continue
        c = part.corrections
        if c is None:
            out.append(Extracted(doc.where, doc.size, doc.record, statements, from_dataset=True))
            continue
        rows = bulk.compact(store.quote_rows(None, doc.record, statements, c.renames,
                                             c.overrides.get(doc.record.content_hash, {}), memo))
        out.append(Extracted(doc.where, doc.size, doc.record, None, from_dataset=True, rows=rows,
                             origin=(part.articles, part.statements, number)))
    return PreparedPart(tuple(out))


def bounded_imap(func: Callable[[T], R], items: Iterable[T], workers: int,
                 chunksize: int = CHUNK, window: int | None = None) -> Iterator[R]:
    """``func`` over ``items`` in order, across ``workers`` processes, reading at most ``window`` ahead.

    ``Pool.imap`` alone would read the whole input into its task queue;
    a semaphore holds the reader back until results are taken. With one
    worker it runs in this process.
    """
    if workers <= 1:
        yield from map(func, items)
        return
    window = window or workers * chunksize * 4
    slots = threading.Semaphore(window)
    stopping = threading.Event()

    def feed() -> Iterator[T]:
        source = iter(items)
        while True:
            slots.acquire()  # before reading: at most ``window`` items between reader and consumer
            if stopping.is_set():
                return
            try:
                item = next(source)
            except StopIteration:
                return
            yield item

    # SIGTERM is held back while the workers are forked: one sent by pool.terminate()
    # before a new worker has reset the handler it inherited would otherwise only set
    # the parent's stop flag in that worker, which then waits forever for work
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        pool = multiprocessing.Pool(workers, initializer=_ignore_sigint)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    try:
        for result in pool.imap(func, feed(), chunksize):
            slots.release()
            yield result
        pool.close()
    finally:
        stopping.set()
        for _ in range(window + 1):
            slots.release()  # unblock the reader so the pool can stop
        pool.terminate()
        pool.join()


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops them; SIGTERM (the pool's way of
    stopping them) ends them quietly even when the parent handles it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # held back while forking


def prepare(items: Iterable[Doc | Notice],
            stored: dict[str, tuple] | Callable[[list[str]], dict[str, tuple]]
            ) -> Iterator[Doc | Notice | Skipped]:
    """Turn articles already stored with the same text and metadata into Skipped, before extraction.

    ``stored`` gives the stored articles' ``store.record_meta`` by id: a
    dict, or a function that looks up a list of ids (called for ``LOOKUP``
    items at a time, or fewer when their text is large, so memory stays flat).
    An id read a second time in one run (from two files, or twice from
    standard input) is never Skipped: the library may hold the earlier one's
    text, while the later one must win on every run. A warning says so.
    """
    lookup = stored if callable(stored) else (lambda ids: {i: stored[i] for i in ids if i in stored})
    seen: dict[str, str] = {}
    batch: list[Doc | Notice] = []
    size = 0
    for item in items:
        batch.append(item)
        size += getattr(item, "size", 0) or 0
        if len(batch) >= LOOKUP or size >= LOOKUP_BYTES:
            yield from _prepared(batch, lookup, seen)
            batch, size = [], 0
    yield from _prepared(batch, lookup, seen)


def _prepared(batch: list[Doc | Notice], lookup: Callable[[list[str]], dict[str, tuple]],
              seen: dict[str, str]) -> Iterator[Doc | Notice | Skipped]:
    """One batch of ``prepare``: its ids looked up at once, then each item in order."""
    ids = [i.record.id for i in batch if isinstance(i, Doc) and i.record.id and i.html is None
           and i.record.id not in seen]
    stored = lookup(ids) if ids else {}
    for item in batch:
        if isinstance(item, Doc) and item.record.id:
            aid = item.record.id
            earlier = seen.get(aid)
            seen[aid] = item.where
            if earlier is not None:
                yield Notice('%s: id "%s" was also read from %s; this later one is stored'
                             % (item.where, aid, earlier), error=False)
            elif item.html is None and stored.get(aid) == store.record_meta(item.record):
                yield Skipped(item.size)
                continue
        yield item


def stored_lookup(db: sqlite_utils.Database) -> dict[str, tuple] | Callable[[list[str]], dict[str, tuple]]:
    """What ``prepare`` checks ids against: a lookup through a short-lived connection of its own.

    Reading every stored article's metadata first cost a second and 60 MB
    in a library of 100,000 articles. The lookup runs on the pool's feeder
    thread, where the writer's connection may not be used; each batch opens
    and closes its own, so none is left open when the writer closes the
    library (the last connection to close cleans up the WAL file). An
    in-memory library has no file to open: its metadata is read at once.
    """
    path = store.library_file(db)
    if path is None or store.is_read_only(db):
        # a read-only library may be open as immutable, which another connection cannot be;
        # its ingest stops at the first write anyway
        return store.stored_meta(db)

    def lookup(ids: list[str]) -> dict[str, tuple]:
        conn = store.connect(path)
        try:
            return store.stored_meta_of(conn, ids)
        finally:
            conn.close()

    return lookup


class Terminated(Exception):
    """SIGTERM during an ingest: raised in the writer so the workers are stopped cleanly."""


@contextmanager
def _sigterm_raises() -> Iterator[threading.Event]:
    """SIGTERM stops the ingest between two articles, with Terminated in the main thread.

    Left to its default, SIGTERM kills the writer at once and the orphaned
    workers die on a broken pipe, each printing a traceback. Raised from the
    handler, it could land inside the pool's own locking and leave the
    writer hung; so the first SIGTERM only sets the event the writer checks
    after each article (it then unwinds through ``bounded_imap``, which stops
    the pool), and a second one raises at once.
    """
    stop = threading.Event()

    def handler(signum, frame):
        if stop.is_set():
            raise Terminated()
        stop.set()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield stop
        return
    try:
        yield stop
    finally:
        signal.signal(signal.SIGTERM, previous)


def open_library(path: str, create: bool = False, attempts: int = 5) -> sqlite_utils.Database:
    """``store.open_db``, tried again when another process may be creating the same new file.

    Two first ingests into one new file race to create the schema; the
    loser sees "database is locked" or a half-made library. When the file
    is only seconds old (or was made by the failed attempt), wait a little
    and open it again, by then complete; an old or missing file's error is
    final at once.
    """
    for attempt in range(attempts):
        try:
            young = time.time() - os.stat(path).st_mtime < 10
        except OSError:
            young = True
        try:
            return store.open_db(path, create=create)
        except store.StoreError:
            if not young or not os.path.exists(path) or attempt == attempts - 1:
                raise
        time.sleep(0.05 * 2 ** attempt)
    raise AssertionError("unreachable")


def ingest(db: sqlite_utils.Database, paths: Iterable[str | Notice], workers: int = 1,
           report: Callable[[Notice], None] | None = None,
           progress: Callable[[int], None] | None = None, stdin=None,
           limit: int = MAX_ARTICLE_BYTES, timeout: float = web.TIMEOUT) -> Summary:
    """Ingest every article under ``paths`` into ``db``; problems go to ``report``.

    ``progress`` is called with the input bytes each item stood for. An
    article's input over ``limit`` bytes is reported and not read. URLs and
    feed pages (``web.Page``) are fetched within ``timeout`` seconds each. Storing
    stops with an exception only when the library itself fails (a disk
    full, a locked file), or with Terminated on SIGTERM; bad input is
    reported and skipped.
    """
    started = time.perf_counter()
    summary = Summary()
    files = list(sources.input_files(paths))
    many = (sources.JSONL_SUFFIXES + sources.WARC_SUFFIXES + sources.PARQUET_SUFFIXES)
    to_extract = [f for f in files if isinstance(f, web.Page)
                  or (isinstance(f, str) and not sources.is_dataset(f))]
    made_with = None
    chunksize = CHUNK
    if files and not to_extract and all(isinstance(f, str) for f in files):
        # datasets only: the workers read the parts (statements and all) and make the quote
        # rows, the parent only writes; rows are made with the corrections as they are now
        made_with = parts.corrections_of(db)
        tasks = [t for f in files for t in parts.parts_of(f, made_with)]
        workers = min(workers, max(1, sum(isinstance(t, parts.Part) for t in tasks)))
        parts.preload()
        items: Iterable = tasks
        chunksize = 1
    else:
        if not any(f == sources.STDIN or (isinstance(f, str) and (f.lower().endswith(many)
                                                                   or sources.is_dataset(f)))
                   for f in files):
            # no processes to start for one article (a dataset's articles are as many as a
            # JSONL file's, and an earlier quotetrack's have their reported statements read)
            workers = min(workers, max(1, len(to_extract)))
        items = prepare(sources.read_inputs(files, stdin, limit, timeout), stored_lookup(db))

    def notice(n: Notice) -> None:
        if n.error:
            summary.errors += 1
        else:
            summary.warnings += 1
        if report:
            report(n)

    with _sigterm_raises() as stop, store.long_write(db):
        results = bounded_imap(work, items, workers, chunksize)
        try:
            _write_results(db, _flattened(results), summary, notice, progress, stop, made_with)
        finally:
            results.close()  # stops the pool now, whatever ended the writing
    summary.seconds = time.perf_counter() - started
    return summary


def _flattened(results: Iterable[Extracted | Notice | Skipped | PreparedPart]
               ) -> Iterator[Extracted | Notice | Skipped]:
    """The results with each dataset part's articles in its place, and a warning before an
    article whose id a part read earlier in this run (``prepare`` says it for the rest)."""
    seen: dict[str, str] = {}
    for result in results:
        if not isinstance(result, PreparedPart):
            yield result
            continue
        for item in result.items:
            if isinstance(item, Extracted):
                earlier = seen.get(item.record.id)
                seen[item.record.id] = item.where
                if earlier is not None:
                    yield Notice('%s: id "%s" was also read from %s; this later one is stored'
                                 % (item.where, item.record.id, earlier), error=False)
            yield item


def _write_results(db: sqlite_utils.Database, results: Iterable[Extracted | Notice | Skipped],
                   summary: Summary, notice: Callable[[Notice], None],
                   progress: Callable[[int], None] | None,
                   stop: threading.Event | None = None, made_with=None) -> None:
    """Store the extracted articles as they come, a batch per transaction, counting what
    happened in ``summary``; Terminated once ``stop`` is set (SIGTERM), between two articles.

    A commit per article cost more than the article itself in a large
    library, so articles are committed ``BATCH`` at a time, or every
    ``BATCH_SECONDS`` when extraction is slow (readers see new articles that
    often). Articles read from a dataset are written in bulk (regrouped once a
    batch; their rows, when a worker made them, with the corrections
    ``made_with``), the rest one after the other inside the transaction,
    which stores exactly what a commit per article would: stopped at any
    moment, the library holds whole articles and a rerun ends as a clean run.
    """
    pending: list[Extracted] = []
    started = [0.0]

    def flush() -> None:
        if not pending:
            return
        if all(r.from_dataset for r in pending):
            batch = list(pending)
            statuses = bulk.write_articles(
                db, [(r.record, r.quotes, r.rows) for r in batch], made_with,
                lambda i: parts.reread(*batch[i].origin))
        else:
            statuses = store.write_articles(db, [(r.record, r.quotes) for r in pending])
        for result, status in zip(pending, statuses):
            setattr(summary, status, getattr(summary, status) + 1)
            if status in ("new", "changed"):
                summary.count(result)
        pending.clear()

    for result in results:
        if stop is not None and stop.is_set():
            if pending and not pending[0].from_dataset:
                flush()  # what was read is stored; a bulk batch is left whole to the rerun
            raise Terminated()
        if isinstance(result, Notice):
            notice(result)
        elif isinstance(result, Skipped):
            summary.unchanged += 1
        else:
            for n in result.notices:
                notice(n)
            if result.from_dataset != (pending[0].from_dataset if pending else result.from_dataset):
                flush()  # a batch is all bulk or all one by one
            if not pending:
                started[0] = time.monotonic()
            pending.append(result)
            limit = BULK_BATCH if result.from_dataset else BATCH
            if len(pending) >= limit or (not result.from_dataset
                                         and time.monotonic() - started[0] > BATCH_SECONDS):
                flush()
        if progress:
            progress(result.size)
    flush()


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)

