"""A dataset made by ``quotetrack extract --out`` read a part file at a time, so that
``ingest DIR`` reads its parts and makes their quote rows in worker processes while the
parent only writes.

``read_part`` reads one pair of part files as ``sources.read_dataset`` reads each of them
(the same Docs and messages). A dataset holds the quotations and the reported statements
(a dataset of an earlier quotetrack the quotations only: ``with_reported`` then reads the
reported ones from the text, as ``ingest.work`` does for a dataset's Doc); a worker makes
each article's quote rows (``store.quote_rows``) with ``Corrections``, the library's
corrections as the ingest found them when it started; the writer uses those rows while
they are still the library's corrections, and otherwise reads the part again and makes
the rows itself (``reread``), so a correction made during a load is applied as in any
ingest.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Iterator

import sqlite_utils

from quotetrack.library import sources, store
from quotetrack.library.articles import ArticleError
from quotetrack.library.extraction import reported_statements
from quotetrack.library.sources import Doc, Notice

MAX_SNAPSHOT = 10_000  # quote corrections above which workers make no rows (the writer does)


@dataclass(frozen=True)
class Corrections:
    """The user's corrections as ``store.quote_rows`` applies them: the name corrections, and
    the quote corrections by article content hash."""

    renames: dict[str, str | None]  # None: "not a speaker"
    overrides: dict[str, dict[tuple[int, int], tuple]]

    def hold(self, renames: dict[str, str | None], overrides: dict[str, dict]) -> bool:
        """True when these are still the corrections: ``renames`` now, and ``overrides`` now
        for some articles' content hashes."""
        return renames == self.renames and all(
            self.overrides.get(h, {}) == found for h, found in overrides.items())


def corrections_of(db: sqlite_utils.Database) -> Corrections | None:
    """The library's corrections now, or None when there are too many to hand to workers."""
    if db.execute("SELECT count(*) FROM quote_corrections").fetchone()[0] > MAX_SNAPSHOT:
        return None
    overrides: dict[str, dict] = {}
    for h, start, end, speaker, kind in db.execute(
            "SELECT content_hash, start, end, speaker, kind FROM quote_corrections"):
        overrides.setdefault(h, {})[(start, end)] = (speaker, kind)
    return Corrections(store.name_corrections(db), overrides)


def preload() -> None:
    """Import what reading a part needs (pyarrow, the engine's statement rows) in this
    process, so that workers forked from it start with it (importing pyarrow costs a
    worker 0.2 s); without pyarrow, reading the part says so."""
    try:
        for module in ("pyarrow.parquet", "quotetrack.engine.batch"):
            importlib.import_module(module)
    except ImportError:
        pass


@dataclass(frozen=True)
class Part:
    """A worker's task: one pair of part files, and the corrections to make rows with."""

    articles: str
    statements: str
    corrections: Corrections | None


def parts_of(path: str, corrections: Corrections | None) -> Iterator[Part | Notice]:
    """The parts of the dataset at ``path`` as tasks; one error Notice when it is incomplete,
    a warning first when it is a dataset of an earlier quotetrack (``sources.old_dataset_note``)."""
    try:
        files = sources.dataset_files(path)
    except ArticleError as exc:
        yield Notice(str(exc))
        return
    note = sources.old_dataset_note(path)
    if note is not None:
        yield note
    for apath, spath in files:
        yield Part(apath, spath, corrections)


def read_part(apath: str, spath: str) -> Iterator[Doc | Notice]:
    """The articles of one part (``apath``) with their statements (``spath``) as Quotes; an
    error Notice where the files cannot be read, or do not agree, and the part ends there."""
    try:
        articles, statements = sources._parquet_file(apath), sources._parquet_file(spath)
    except ArticleError as exc:
        yield Notice(str(exc))
        return
    yield from sources.dataset_part_docs(apath, articles, statements, spath)


def with_reported(doc: Doc) -> tuple:
    """A dataset article's statements as an ingest stores them: its quotations and reported
    statements as the dataset holds them; the reported ones read from its text only for a
    dataset of an earlier quotetrack, which holds none (``Doc.needs_reported``)."""
    if not doc.needs_reported:
        return doc.quotes
    return doc.quotes + reported_statements(doc.record.text)


def reread(apath: str, spath: str, number: int) -> tuple:
    """The statements of the article in row ``number`` (from 1) of a part, read again: its
    Quotes and its reported statements (``with_reported``)."""
    for doc in read_part(apath, spath):
        if isinstance(doc, Doc) and doc.where == "%s row %d" % (apath, number):
            return with_reported(doc)
    raise ArticleError("%s: row %d is gone" % (apath, number))
