#!/usr/bin/env python3
"""Throughput and peak memory of ``quotetrack ingest`` end to end, with 1 and 2 workers.

Usage:
    python3 bench/ingest.py [ARTICLES.jsonl] [--workers 1,2] [--repeat K] [--grown N]
                            [--runs R] [--grown-file PATH]

Default input: ../shared/data/polnear-train.jsonl beside the repository.
Each run ingests the whole file into a fresh temporary library in its own
process (reading, extraction, speaker grouping, SQLite writes and commits all
timed) and reports articles/s and the peak resident memory of the writer and
of the largest worker. A run ingests the file K times over (ids made unique,
default K=4) to show that memory stays flat as the input grows. A last run
ingests the file (ids made new) into a library that already holds about N
articles (default 100,000: the file ingested once, then copied by bulk
inserts, ``bench/bulk.py``) and prints its rate as a share of the rate into
an empty library with as many workers: the cost of storing an article must
not grow with the library. Each line also gives the store's own time per
article (``store.write_articles``), wall and CPU, and the writer process's
CPU per article, which move less with the machine's load than extraction does.

For that share, the same articles (the file with new ids) are ingested into an
empty library and into a fresh copy of the grown one, alternately, ``--runs R``
times each (default 5: single runs move by 5-10 % with the machine); the medians
give the share of rates and of the writer's CPU per article. ``--grown-file PATH`` keeps the grown library there
(built when missing), so later invocations skip building it; a stamp beside it
(``PATH.built``) names the code and data it was built by, and a library built by
other code is built again: the first ingest into a library that older code grouped
regroups every family the new articles touch, which is not what storing into a
grown library costs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "polnear-train.jsonl"

sys.path.insert(0, str(REPO))  # runnable from a checkout without installing the package


def one_run(data: str, workers: int, library: str | None = None) -> dict:
    """Ingest ``data`` into a fresh library (or into ``library``) in this process; the figures."""
    from quotetrack.library import ingest, store

    writing = [0.0, 0.0]  # the store's wall and CPU seconds
    write_articles = store.write_articles

    def timed_write(*args, **kwargs):
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            return write_articles(*args, **kwargs)
        finally:
            writing[0] += time.perf_counter() - started
            writing[1] += time.thread_time() - cpu  # this thread's: the reader thread runs beside it

    # the store's share alone: extraction time swings with the machine's load, this should not
    store.write_articles = timed_write
    with tempfile.TemporaryDirectory() as tmp:
        t0, cpu0 = time.perf_counter(), _cpu()
        db = store.open_db(library or Path(tmp) / "bench.db")
        summary = ingest.ingest(db, [data], workers=workers)
        db.close()
        wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
    return {
        "workers": workers, "articles": summary.articles, "quotes": summary.quotes,
        "errors": summary.errors, "seconds": wall, "store_seconds": writing[0],
        "store_cpu": writing[1], "writer_cpu": cpu,
        "writer_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _cpu() -> float:
    """CPU seconds (user and system) this process has used: the writer's, as the workers
    are other processes."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(data: Path, workers: int, library: Path | None = None) -> dict:
    """One run in a fresh Python process, so peak memory is that run's alone."""
    extra = ["--into", str(library)] if library is not None else []
    out = subprocess.run([sys.executable, __file__, str(data), "--one", str(workers), *extra],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def repeated(data: Path, k: int, folder: Path, tag: str = "") -> Path:
    """A JSONL file of ``data`` K times over, each copy's ids made unique."""
    path = folder / ("x%d%s.jsonl" % (k, tag))
    with open(data, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        lines = src.readlines()
        for i in range(k):
            for line in lines:
                obj = json.loads(line)
                obj["id"] = "%s#%s%d" % (obj["id"], tag, i)
                out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path


def grown_library(data: Path, articles: int, path: Path, workers: int) -> int:
    """A library of about ``articles`` articles at ``path``: ``data`` ingested, then copied by
    bulk inserts until it holds that many; the number it holds."""
    from quotetrack.library import ingest, store

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bulk

    db = store.open_db(path)
    summary = ingest.ingest(db, [str(data)], workers=workers)
    bulk.grow(db, max(0, -(-articles // max(1, summary.articles)) - 1))
    held = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    db.close()
    return held


def show(label: str, r: dict) -> None:
    """Print one run's line."""
    n = max(1, r["articles"])
    print("%-26s %5d articles %6d quotes %6.2f s %7.1f articles/s (store %4.1f ms/article, "
          "CPU %4.1f; writer CPU %4.1f ms/article)   peak writer %5.0f MB, worker %5.0f MB"
          % (label, r["articles"], r["quotes"], r["seconds"], r["articles"] / r["seconds"],
             1000 * r["store_seconds"] / n, 1000 * r["store_cpu"] / n, 1000 * r["writer_cpu"] / n,
             r["writer_mb"], r["worker_mb"]))


def median(values: list[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count)."""
    v = sorted(values)
    return (v[len(v) // 2] + v[(len(v) - 1) // 2]) / 2


def per_article(r: dict, key: str) -> float:
    """Milliseconds of ``key`` (seconds) per article of one run."""
    return 1000 * r[key] / max(1, r["articles"])


def spread(values: list[float]) -> tuple[float, float, float]:
    """Median, least and greatest of some values."""
    return median(values), min(values), max(values)


def rate(r: dict) -> float:
    """Articles per second of one run."""
    return r["articles"] / r["seconds"]


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the measurements and print them."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA,
                    help="articles to ingest (default: %(default)s)")
    ap.add_argument("--workers", default="1,2", help="worker counts to run (default: %(default)s)")
    ap.add_argument("--repeat", type=int, default=4, metavar="K",
                    help="also ingest the input K times over with the most workers (0: skip)")
    ap.add_argument("--grown", type=int, default=100_000, metavar="N",
                    help="also ingest into a library of about N articles (default: %(default)s; 0: skip)")
    ap.add_argument("--runs", type=int, default=5, metavar="R",
                    help="make the empty and grown runs R times each, alternating (default: %(default)s)")
    ap.add_argument("--grown-file", type=Path, metavar="PATH",
                    help="keep the grown library at PATH (built when missing) for later invocations")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--into", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print("bench/ingest.py: data file %s not found; pass the path of a JSONL file of articles "
              "(e.g. polnear-train.jsonl) as the first argument" % args.data, file=sys.stderr)
        return 2
    if args.one:
        print(json.dumps(one_run(str(args.data), args.one, args.into)))
        return 0
    counts = [int(w) for w in args.workers.split(",")]
    print("data: %s" % args.data)
    empty: dict[int, list[dict]] = {}
    for w in counts:
        empty[w] = [measure(args.data, w)]
        show("%d worker%s:" % (w, "" if w == 1 else "s"), empty[w][0])
    if args.repeat > 1:
        with tempfile.TemporaryDirectory() as tmp:
            big = repeated(args.data, args.repeat, Path(tmp))
            show("%dx input, %d workers:" % (args.repeat, max(counts)), measure(big, max(counts)))
    if args.grown:
        w = max(counts)
        with tempfile.TemporaryDirectory() as tmp:
            built = args.grown_file or Path(tmp) / "grown.db"
            stamp = Path(str(built) + ".built")
            made_by = build_stamp(args.data, args.grown)
            if built.exists() and (not stamp.exists() or stamp.read_text() != made_by):
                # a library grouped by other code (an older engine's names, another grouping)
                # has its families regrouped by the first ingest into it: moving thousands of
                # quotes that a library grown by this code would have moved as it grew
                print("%s was built by other code or from other data: building it again" % built)
                for suffix in ("", "-wal", "-shm"):
                    Path(str(built) + suffix).unlink(missing_ok=True)
            if not built.exists():
                t0 = time.perf_counter()
                grown_library(args.data, args.grown, built, w)
                stamp.write_text(made_by)
                print("built a library in %.1f s" % (time.perf_counter() - t0))
            held = _articles_in(built)
            print("grown library: %d articles, %.0f MB" % (held, built.stat().st_size / 1e6))
            # both sides ingest the same articles (the same new ids), so they differ only
            # in the library they go into
            fresh = repeated(args.data, 1, Path(tmp), tag="new")
            base: list[dict] = []
            into: list[dict] = []
            for i in range(args.runs):
                # alternate, so a change in the machine's load falls on both
                base.append(measure(fresh, w))
                show("empty, %d w (run %d):" % (w, i + 1), base[-1])
                copy = Path(tmp) / "grown-run.db"
                shutil.copy(built, copy)
                os.sync()  # on disk first: the ingest's first fsync must not write back the copy
                into.append(measure(fresh, w, copy))
                copy.unlink()
                show("into %d, %d w (run %d):" % (held, w, i + 1), into[-1])
            of = " (medians of %d runs)" % args.runs if args.runs > 1 else ""
            share = median([rate(r) for r in into]) / median([rate(r) for r in base])
            print("rate into the grown library: %.0f%% of the rate into an empty one%s" % (
                100 * share, of))
            # the writer's CPU moves less with the machine's load than wall time does
            cpu = median([per_article(r, "writer_cpu") for r in base]) / median(
                [per_article(r, "writer_cpu") for r in into])
            print("writer's CPU per article: empty/grown %.0f%%%s" % (100 * cpu, of))
            for label, runs in (("empty", base), ("grown", into)):
                rates = [rate(r) for r in runs]
                print("  %s: %.0f articles/s (%.0f-%.0f); ms/article: %s" % (
                    label, median(rates), min(rates), max(rates), ", ".join(
                        "%s %.1f (%.1f-%.1f)" % (name, *spread([per_article(r, key) for r in runs]))
                        for name, key in (("store", "store_seconds"), ("store CPU", "store_cpu"),
                                          ("writer CPU", "writer_cpu")))))
    return 0


def build_stamp(data: Path, articles: int) -> str:
    """What a kept grown library was built by and from: a digest of the package's source files,
    the data file (path, size, time) and the size asked for."""
    digest = hashlib.sha256()
    package = REPO / "quotetrack"
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    info = data.stat()
    return "%s %s %d %d %d\n" % (digest.hexdigest(), data.resolve(), info.st_size,
                                  info.st_mtime_ns, articles)


def _articles_in(path: Path) -> int:
    """How many articles the library at ``path`` holds."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())
