"""Extraction at scale on this machine: articles/s in one process and on a local Dask cluster
of 1 and 2 workers (same input, same run, as ratios), each worker's peak memory, and the
load rate of ``quotetrack ingest DIR`` into a fresh library.

What the load rate counts: a dataset holds every statement a library stores, the
quotations (kind "direct") and the reported statements ("mixed", "indirect"), and a
load writes a row for each. The rate is statements/s, all rows stored, with the
split by kind; quotations/s (the direct rows only, what this bench counted
before datasets held reported speech, when a load stored about half the rows
it stores now) is printed beside it, over the same seconds.

    python3 bench/cluster.py [FILE.jsonl] [--copies N] [--loads K]

Default input: ../shared/data/polnear-train.jsonl (840 articles); --copies N
repeats it N times under new ids, for a longer run. The load is made K times
(default 3), each into a fresh library with as many workers as ``quotetrack
ingest`` uses (one per core: they read the parts and prepare the quote rows,
this process writes), and printed with the writing process's CPU time, which
moves less with the machine's load than the wall clock does.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "data" / "polnear-train.jsonl"


def _peak_mb() -> float:
    """This process's peak resident memory in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Run the bench and print one table."""
    from quotetrack.cluster import runner
    from quotetrack.library import ingest, store

    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--loads", type=int, default=3)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="qt-cluster-bench-"))
    source = Path(args.file)
    if args.copies > 1:
        source = tmp / "input.jsonl"
        with open(args.file, encoding="utf-8") as src, open(source, "w", encoding="utf-8") as dst:
            lines = [json.loads(line) for line in src if line.strip()]
            for k in range(args.copies):
                for obj in lines:
                    dst.write(json.dumps(dict(obj, id="%s#%d" % (obj["id"], k))) + "\n")
    n = sum(1 for line in open(source, encoding="utf-8") if line.strip())
    rows = []
    memory: dict[str, list[float]] = {}

    def timed(label: str, dask: str | None, workers: int) -> None:
        clients = []

        def remember(client) -> None:
            clients.append(client)
            up.append(time.perf_counter())  # the work is timed from here: a cluster starts once

        up: list[float] = []


        started = time.perf_counter()
        out = tmp / label.replace(" ", "-")
        peaks: list[float] = []

        def on_result(result) -> None:
            # workers' peak memory so far, read as the run goes (the cluster is gone after it)
            if clients:
                peaks[:] = [v / 1024 for v in clients[0].run(
                    lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).values()]

        summary = runner.run([str(source)], str(out), dask=dask, workers=workers,
                             on_client=remember, on_result=on_result)
        ended = time.perf_counter()
        memory[label] = peaks or [_peak_mb()]
        work = ended - (up[0] if up else started)
        rows.append((label, summary.articles, ended - started, summary.articles / work))
        return out

    out = timed("1 process", None, 1)
    timed("dask, 1 worker", runner.LOCAL, 1)
    timed("dask, 2 workers", runner.LOCAL, 2)
    base = rows[0][3]
    print("input: %s (%d articles)" % (source, n))
    print("| run | articles | seconds (with cluster start) | articles/s (cluster up) | vs 1 process | peak MB a worker |")
    print("|---|---|---|---|---|---|")
    for label, arts, seconds, rate in rows:
        print("| %s | %d | %.1f | %.0f | %.2f | %s |" % (label, arts, seconds, rate, rate / base,
                                                      ", ".join("%.0f" % m for m in memory[label])))
    rates, quote_rates = [], []
    print()
    for k in range(args.loads):
        db_path = tmp / ("load%d.db" % k)
        db = store.open_db(db_path, create=True)
        started, cpu = time.perf_counter(), time.process_time()
        summary = ingest.ingest(db, [str(out)], ingest.default_workers())
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        kinds = dict(db.execute("SELECT kind, count(*) FROM quotes GROUP BY kind").fetchall())
        db.close()
        statements = summary.quotes + summary.reported
        rates.append(statements / seconds)
        quote_rates.append(summary.quotes / seconds)
        print("ingest DIR: %d statements (%s) of %d articles in %.2f s (writer CPU %.2f s): "
              "%.0f statements/s, %.0f quotations/s"
              % (statements, ", ".join("%s %d" % (k, kinds.get(k, 0))
                                       for k in ("direct", "mixed", "indirect")),
                 summary.articles, seconds, cpu, rates[-1], quote_rates[-1]))
    print("ingest DIR, median of %d: %.0f statements/s (%.0f-%.0f), %.0f quotations/s (%.0f-%.0f); "
          "target >= 20,000" % (len(rates), sorted(rates)[len(rates) // 2], min(rates), max(rates),
                                sorted(quote_rates)[len(rates) // 2], min(quote_rates),
                                max(quote_rates)))
    print("per-core rate: %.0f articles/s = %.0f articles/hour/core" % (base, base * 3600))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
