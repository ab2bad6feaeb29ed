"""One partition run and written as Parquet part files; the dataset folder around them.

A task reads its partition, takes each HTML page's text out, runs the
engine, and appends rows to ``articles/part-NNNNN.parquet`` and
``statements/part-NNNNN.parquet`` a few hundred articles at a time (so a
worker's memory does not grow with its partition). Both files are written
under temporary names and renamed when complete: a task killed halfway and
run again by Dask leaves exactly the files of one clean run. The manifest
(``_quotetrack.json``) is written last, by the client, once every part is
there; a folder without it is an incomplete run.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass, field

import quotetrack
from quotetrack.cluster import ClusterError
from quotetrack.cluster.partitions import Partition, read
from quotetrack.engine import batch
from quotetrack.library import ingest, sources
from quotetrack.library.articles import MAX_ARTICLE_BYTES
from quotetrack.library.sources import Notice

ARTICLE_COLUMNS = ("id", "text", "title", "publisher", "published", "url", "source", "format",
                   "statements")
FLUSH_ARTICLES = 256  # articles held before a row group is written: bounds a worker's memory
MAX_MESSAGES = 200  # messages a task sends back; more are counted, not listed
SUBFOLDERS = ("articles", "statements")
TMP_MARK = ".tmp-"


@dataclass
class PartResult:
    """What one partition gave: counts, its input bytes, and the messages to show."""

    index: int
    size: int = 0
    articles: int = 0
    statements: int = 0
    errors: int = 0
    warnings: int = 0
    messages: list[tuple[str, bool]] = field(default_factory=list)  # (text, is an error)

    def add(self, notice: Notice) -> None:
        """Count a Notice, keeping its message while there is room."""
        if not notice.message:
            return
        if notice.error:
            self.errors += 1
        else:
            self.warnings += 1
        if len(self.messages) < MAX_MESSAGES:
            self.messages.append((notice.message, notice.error))


def articles_schema():
    """The Arrow schema of the articles part files."""
    import pyarrow as pa

    return pa.schema([(c, pa.int64() if c == "statements" else pa.string()) for c in ARTICLE_COLUMNS])


def part_path(out: str, sub: str, index: int) -> str:
    """The path of part ``index`` in the ``sub`` folder ("articles" or "statements")."""
    return os.path.join(out, sub, "part-%05d.parquet" % index)


def run_partition(part: Partition, index: int, out: str, limit: int = MAX_ARTICLE_BYTES) -> PartResult:
    """Read, extract and write one partition as part ``index`` of the dataset in ``out``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    result = PartResult(index, part.size)
    token = "%s%d-%s" % (TMP_MARK, os.getpid(), uuid.uuid4().hex[:8])
    finals = [part_path(out, sub, index) for sub in SUBFOLDERS]
    temps = [f + token for f in finals]
    schemas = (articles_schema(), batch.statements_schema())
    writers = [pq.ParquetWriter(t, s, compression="zstd") for t, s in zip(temps, schemas)]
    articles: list[dict] = []
    statements: list[dict] = []

    def flush() -> None:
        if articles:
            writers[0].write_table(pa.Table.from_pylist(articles, schema=schemas[0]))
            writers[1].write_table(pa.Table.from_pylist(statements, schema=schemas[1]))
            articles.clear()
            statements.clear()

    try:
        for item in read(part, limit):
            # a dataset holds what a library stores of an article, its quotations and its
            # reported statements, so that a load stores them without extracting again
            done = ingest.work(item, reported=True)
            if isinstance(done, Notice):
                result.add(done)
                continue
            for notice in done.notices:
                result.add(notice)
            rows = batch.statement_rows(done.record.id, done.quotes)
            row = done.record.row()
            articles.append({c: row.get(c) for c in ARTICLE_COLUMNS[:-1]} | {"statements": len(rows)})
            statements.extend(rows)
            result.articles += 1
            result.statements += len(rows)
            if len(articles) >= FLUSH_ARTICLES:
                flush()
        flush()
        for w in writers:
            w.close()
        for temp, final in zip(temps, finals):
            os.replace(temp, final)
    except BaseException:
        for w in writers:
            try:
                w.close()
            except Exception:  # already failing: the first error is the one to report
                pass
        for temp in temps:
            try:
                os.unlink(temp)
            except OSError:
                pass
        raise
    return result


def prepare_out(out: str) -> None:
    """Make ``out`` ready for a new dataset: created when missing; a former quotetrack dataset
    (or run) in it is removed, manifest first; any other non-empty folder is refused."""
    if os.path.exists(out) and not os.path.isdir(out):
        raise ClusterError("%s exists and is not a folder" % out)
    if os.path.isdir(out):
        entries = set(os.listdir(out))
        ours = set(SUBFOLDERS) | {sources.DATASET_MANIFEST}
        if entries - ours:
            raise ClusterError("%s is not empty and holds no quotetrack dataset; give a new or "
                               "empty folder" % out)
        for sub in SUBFOLDERS:
            folder = os.path.join(out, sub)
            if os.path.isdir(folder) and any(not n.startswith("part-") for n in os.listdir(folder)):
                raise ClusterError("%s holds files that are no dataset parts; give a new or empty "
                                   "folder" % folder)
        try:
            manifest = os.path.join(out, sources.DATASET_MANIFEST)
            if os.path.exists(manifest):
                os.unlink(manifest)
            for sub in SUBFOLDERS:
                shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
        except OSError as exc:
            raise ClusterError("cannot clear %s: %s" % (out, exc.strerror or exc)) from None
    try:
        for sub in SUBFOLDERS:
            os.makedirs(os.path.join(out, sub), exist_ok=True)
    except OSError as exc:
        raise ClusterError("cannot create %s: %s" % (out, exc.strerror or exc)) from None


def finish(out: str, results: list[PartResult]) -> dict:
    """Remove what killed tasks left, check every part is there, and write the manifest."""
    for sub in SUBFOLDERS:
        for name in os.listdir(os.path.join(out, sub)):
            if TMP_MARK in name:
                os.unlink(os.path.join(out, sub, name))
    results = sorted(results, key=lambda r: r.index)
    missing = [part_path(out, sub, r.index) for r in results for sub in SUBFOLDERS
               if not os.path.isfile(part_path(out, sub, r.index))]
    if missing or [r.index for r in results] != list(range(len(results))):
        raise ClusterError("the run is incomplete: %s is missing" % (missing[0] if missing else "a part"))
    manifest = {
        "format": sources.DATASET_FORMAT, "version": sources.DATASET_VERSION, "quotetrack": quotetrack.__version__,
        "parts": len(results), "articles": sum(r.articles for r in results),
        "statements": sum(r.statements for r in results), "errors": sum(r.errors for r in results),
        "statement_columns": list(batch.STATEMENT_COLUMNS), "article_columns": list(ARTICLE_COLUMNS),
    }
    path = os.path.join(out, sources.DATASET_MANIFEST)
    with open(path + TMP_MARK, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=1)
        fh.write("\n")
    os.replace(path + TMP_MARK, path)
    return manifest


def result_dict(result: PartResult) -> dict:
    """A PartResult as plain data (what travels back from a worker)."""
    return asdict(result)
