#!/usr/bin/env python3
"""Throughput and peak memory of ``quotetrack ingest`` end to end, with 1 and 2 workers.

Usage:
    python3 bench/ingest.py [ARTICLES.jsonl] [--workers 1,2] [--repeat K]

Default input: ../shared/data/polnear-train.jsonl beside the repository.
Each run ingests the whole file into a fresh temporary library in its own
process (reading, extraction, speaker grouping, SQLite writes and commits all
timed) and reports articles/s and the peak resident memory of the writer and
of the largest worker. A last run ingests the file K times over (ids made
unique, default K=4) to show that memory stays flat as the input grows.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "polnear-train.jsonl"

sys.path.insert(0, str(REPO))  # runnable from a checkout without installing the package


def one_run(data: str, workers: int) -> dict:
    """Ingest ``data`` into a fresh library in this process; the figures as a dict."""
    from quotetrack.library import ingest, store

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        db = store.open_db(Path(tmp) / "bench.db")
        summary = ingest.ingest(db, [data], workers=workers)
        db.close()
        wall = time.perf_counter() - t0
    return {
        "workers": workers, "articles": summary.articles, "quotes": summary.quotes,
        "errors": summary.errors, "seconds": wall,
        "writer_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def measure(data: Path, workers: int) -> dict:
    """One run in a fresh Python process, so peak memory is that run's alone."""
    out = subprocess.run([sys.executable, __file__, str(data), "--one", str(workers)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def repeated(data: Path, k: int, folder: Path) -> Path:
    """A JSONL file of ``data`` K times over, each copy's ids made unique."""
    path = folder / ("x%d.jsonl" % k)
    with open(data, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        lines = src.readlines()
        for i in range(k):
            for line in lines:
                obj = json.loads(line)
                obj["id"] = "%s#%d" % (obj["id"], i)
                out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path


def show(label: str, r: dict) -> None:
    """Print one run's line."""
    print("%-26s %5d articles %6d quotes %6.2f s %7.1f articles/s   peak writer %5.0f MB, worker %5.0f MB"
          % (label, r["articles"], r["quotes"], r["seconds"], r["articles"] / r["seconds"],
             r["writer_mb"], r["worker_mb"]))


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the measurements and print them."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA,
                    help="articles to ingest (default: %(default)s)")
    ap.add_argument("--workers", default="1,2", help="worker counts to run (default: %(default)s)")
    ap.add_argument("--repeat", type=int, default=4, metavar="K",
                    help="also ingest the input K times over with the most workers (0: skip)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print("bench/ingest.py: data file %s not found; pass the path of a JSONL file of articles "
              "(e.g. polnear-train.jsonl) as the first argument" % args.data, file=sys.stderr)
        return 2
    if args.one:
        print(json.dumps(one_run(str(args.data), args.one)))
        return 0
    counts = [int(w) for w in args.workers.split(",")]
    print("data: %s" % args.data)
    for w in counts:
        show("%d worker%s:" % (w, "" if w == 1 else "s"), measure(args.data, w))
    if args.repeat > 1:
        with tempfile.TemporaryDirectory() as tmp:
            big = repeated(args.data, args.repeat, Path(tmp))
            show("%dx input, %d workers:" % (args.repeat, max(counts)), measure(big, max(counts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
