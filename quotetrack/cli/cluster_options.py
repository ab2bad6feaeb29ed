"""The at-scale side of ``quotetrack extract``: ``--out DIR`` (a Parquet dataset), ``--dask
[ADDRESS]`` (a Dask cluster), and reading WARC and Parquet inputs when printing.

Kept apart from ``main.py`` so the extract command itself only hands over to it.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import nullcontext
from typing import Callable, Iterable, Iterator

import click

from quotetrack.cli.options import Size
from quotetrack.cli.output import visible
from quotetrack.library.articles import Article, ArticleError, iter_articles

ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?[^\s/:]+:\d+/?$|^[a-z][a-z0-9+.-]*://\S+$", re.I)
LARGE_SUFFIXES = (".warc", ".warc.gz", ".parquet")


def options(command):
    """The --out, --dask, --workers, --partition-size and --silent options of ``extract``."""
    from quotetrack.cluster.partitions import DEFAULT_TARGET
    from quotetrack.library.articles import size_text

    for decorator in reversed([
        click.option("--out", "out", metavar="DIR", type=click.Path(file_okay=False),
                     help="Write a Parquet dataset of articles and statements to DIR (quotetrack "
                          "ingest DIR stores it) instead of printing JSON."),
        click.option("--dask", "dask", is_flag=False, flag_value="local", default=None,
                     metavar="[ADDRESS]",
                     help="With --out: run on the Dask scheduler at ADDRESS (tcp://host:8786), or "
                          "alone on a local cluster of --workers processes."),
        click.option("--workers", "-w", "workers", type=click.IntRange(min=1), metavar="N",
                     help="Processes of the local Dask cluster (default: one per core)."),
        click.option("--partition-size", "partition_size", type=Size(), metavar="SIZE",
                     default=size_text(DEFAULT_TARGET).replace(" ", ""), show_default=True,
                     help="With --out: input bytes of one task (a WARC file is one task)."),
        click.option("--silent", is_flag=True, help="With --out: no progress bar and no summary."),
    ]):
        command = decorator(command)
    return command


def wanted(out: str | None, dask: str | None, **_ignored) -> bool:
    """True when the command asks for a dataset run instead of printing JSON."""
    return out is not None or dask is not None


def run_extract(ctx: click.Context, paths: tuple[str, ...], max_size: int, out: str | None,
                dask: str | None, workers: int | None, partition_size: int, silent: bool) -> None:
    """Run ``extract --out DIR [--dask [ADDRESS]]``: errors one line each, exit status 1 after any."""
    from quotetrack.cluster import ClusterError, runner
    from quotetrack.cluster.partitions import plan
    from quotetrack.library.ingest import default_workers
    from quotetrack.library.sources import Notice

    if dask is not None and dask != runner.LOCAL and not ADDRESS.match(dask):
        if os.path.exists(dask):
            # click took the first PATH as the optional ADDRESS ("--dask a.jsonl b.jsonl")
            paths, dask = (dask,) + paths, runner.LOCAL
        else:
            raise click.BadParameter("%r is neither a scheduler address (tcp://host:8786) nor a "
                                     "file" % dask, param_hint="--dask")
    if not paths:
        raise click.UsageError("give the articles to read (PATH...)")
    if out is None:
        raise click.UsageError("--dask needs --out DIR, the folder the dataset is written to")
    if workers is not None and dask not in (None, runner.LOCAL):
        raise click.UsageError("--workers sizes a local cluster; the scheduler at %s has its own" % dask)
    errors = []
    try:
        parts, notices = plan(paths, partition_size)
    except OSError as exc:
        raise click.ClickException("cannot read the input: %s" % (exc.strerror or exc)) from None
    total = sum(p.size for p in parts)
    show_bar = not silent and total and sys.stderr.isatty()
    bar_cm = (click.progressbar(length=total, label="Extracting", file=sys.stderr, show_eta=True)
              if show_bar else nullcontext())
    with bar_cm as bar:

        def report(notice: Notice) -> None:
            if notice.error:
                errors.append(notice)
            if bar is not None:
                click.echo("\r\033[K", nl=False, err=True)
            click.echo("%s: %s" % ("Error" if notice.error else "Warning", visible(notice.message)),
                       err=True)

        for n in notices:
            report(n)
        try:
            summary = runner.run(paths, out, dask, workers or default_workers(), limit=max_size,
                                 report=report, progress=bar.update if bar is not None else None,
                                 parts=parts)
        except ClusterError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            raise click.ClickException("interrupted; %s holds no complete dataset, run the same "
                                       "command again" % out) from None
    summary.errors = len(errors)
    if not silent:
        click.echo(summary.line(out), err=True)
    if errors:
        ctx.exit(1)


def articles(paths: Iterable[str], report: Callable[[ArticleError], None],
             limit: int) -> Iterator[Article]:
    """``(id, text, meta)`` of every article under ``paths`` for printing: WARC and Parquet
    files through the ingest readers (pages through trafilatura), the rest as before."""
    for path in paths:
        if not path.lower().endswith(LARGE_SUFFIXES):
            yield from iter_articles([path], on_error=report, limit=limit)
            continue
        from quotetrack.library import sources

        for item in sources.read_inputs([path], None, limit):
            record, warnings = (item.record, []) if isinstance(item, sources.Doc) else (None, [])
            if isinstance(item, sources.Doc) and item.html is not None:
                record, warnings = sources.html_record(item)
                if record is None:
                    item = sources.Notice(warnings.pop())
            if isinstance(item, sources.Notice):
                if item.error:
                    report(ArticleError(item.message))
                elif item.message:
                    click.echo("Warning: %s" % visible(item.message), err=True)
                continue
            for warning in warnings:
                click.echo("Warning: %s" % visible(warning), err=True)
            yield record.id, record.text, {}
