"""Run the partitions of a dataset: in this process, or on a Dask cluster (a local one of
``workers`` processes, or the scheduler at an address).

The client only plans, hands out partitions a window at a time and collects
small results; workers read the inputs and write the part files themselves,
so neither side holds more than a few partitions' worth. A worker lost
mid-run is replaced and its partitions run again by Dask (each writes its
files whole or not at all), so the dataset ends as a clean run's would.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from dataclasses import dataclass
from typing import Callable, Iterable

from quotetrack.cluster import ClusterError, require
from quotetrack.cluster import dataset as datasets
from quotetrack.cluster.partitions import DEFAULT_TARGET, Partition, plan
from quotetrack.library.articles import MAX_ARTICLE_BYTES
from quotetrack.library.sources import Notice

LOCAL = "local"  # --dask with no address: a local cluster


@dataclass
class RunSummary:
    """What a run wrote and met."""

    parts: int = 0
    articles: int = 0
    statements: int = 0
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0

    def line(self, out: str) -> str:
        """One line for the user: "Extracted 840 articles, 17375 statements into DIR (8 parts) in 3.1 s"."""
        text = "Extracted %d article%s, %d statement%s into %s (%d part%s)" % (
            self.articles, "" if self.articles == 1 else "s", self.statements,
            "" if self.statements == 1 else "s", out, self.parts, "" if self.parts == 1 else "s")
        if self.errors:
            text += ", %d error%s" % (self.errors, "" if self.errors == 1 else "s")
        return text + " in %.1f s" % self.seconds


def run(paths: Iterable[str], out: str, dask: str | None = None, workers: int = 1,
        target: int = DEFAULT_TARGET, limit: int = MAX_ARTICLE_BYTES,
        report: Callable[[Notice], None] | None = None,
        progress: Callable[[int], None] | None = None,
        on_result: Callable[[datasets.PartResult], None] | None = None,
        on_client: Callable[[object], None] | None = None,
        parts: list[Partition] | None = None) -> RunSummary:
    """Extract every article under ``paths`` into a Parquet dataset in ``out``.

    ``dask`` None runs in this process; ``LOCAL`` starts a local cluster of
    ``workers`` processes; anything else is a scheduler's address. Problems
    with the input go to ``report``; ``progress`` gets the input bytes of
    each finished partition; ``on_client`` gets the Dask client once it is
    connected. ClusterError when the run cannot be made.
    """
    require("pyarrow", *(("dask", "distributed") if dask else ()))
    started = time.perf_counter()
    summary = RunSummary()
    if parts is None:
        parts, notices = plan(paths, target)
    else:
        notices = []
    for n in notices:
        summary.errors += n.error
        if report:
            report(n)
    datasets.prepare_out(out)
    results: list[datasets.PartResult] = []

    def collect(result: datasets.PartResult) -> None:
        results.append(result)
        for message, error in result.messages:
            if report:
                report(Notice(message, error))
        summary.articles += result.articles
        summary.statements += result.statements
        summary.errors += result.errors
        summary.warnings += result.warnings
        if progress:
            progress(result.size)
        if on_result:
            on_result(result)

    if dask is None:
        for index, part in enumerate(parts):
            collect(datasets.run_partition(part, index, out, limit))
    else:
        _run_on_dask(parts, os.path.abspath(out), limit, dask, workers, collect, on_client)
    datasets.finish(out, results)
    summary.parts = len(parts)
    summary.seconds = time.perf_counter() - started
    return summary


def _absolute(part: Partition) -> Partition:
    """The partition with absolute paths: a worker's working folder may be another."""
    return Partition(part.kind, tuple(os.path.abspath(p) for p in part.paths), part.size, part.start,
                     part.end, part.first_line, part.row_groups)


def connect(dask: str, workers: int):
    """A Dask client (and the local cluster it started, or None) for ``--dask [ADDRESS]``."""
    from distributed import Client, LocalCluster

    if dask == LOCAL:
        # one thread a process: the engine is pure Python, so threads would share one core
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        return Client(dask, timeout="15s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError("cannot reach the Dask scheduler at %s (%s)"
                           % (dask, " ".join(str(exc).split())[:200])) from None


def _run_on_dask(parts: list[Partition], out: str, limit: int, dask: str, workers: int,
                 collect: Callable[[datasets.PartResult], None],
                 on_client: Callable[[object], None] | None) -> None:
    """Run the partitions on Dask, a window of them at a time, collecting results as they end."""
    from distributed import as_completed

    client, cluster = connect(dask, workers)
    try:
        if on_client:
            on_client(client)
        threads = sum(client.nthreads().values()) or workers
        window = max(4, 3 * threads)
        run_id = uuid.uuid4().hex[:8]
        pending = iter(enumerate(parts))

        def submit(index: int, part: Partition):
            return client.submit(datasets.run_partition, _absolute(part), index, out, limit,
                                 key="quotetrack-part-%05d-%s" % (index, run_id), retries=2)

        running = as_completed([submit(i, p) for i, p in _take(pending, window)])
        for future in running:
            try:
                result = future.result()
            except Exception as exc:
                raise ClusterError("a partition failed (%s: %s)" % (
                    type(exc).__name__, " ".join(str(exc).split())[:300])) from None
            future.release()
            collect(result)
            for i, p in _take(pending, 1):
                running.add(submit(i, p))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _take(items, n: int) -> list:
    """The next ``n`` items of an iterator (fewer at its end)."""
    taken = []
    for item in items:
        taken.append(item)
        if len(taken) == n:
            break
    return taken
