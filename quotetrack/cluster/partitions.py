"""The inputs of a run cut into partitions, each a few MB that one task reads on its own.

A JSONL file is cut at line starts every ``target`` bytes (one scan of the
file counts the lines, so messages keep their line numbers); a Parquet file
by row groups; small text, Markdown and HTML files are grouped; a WARC file
is one partition (a .warc.gz cannot be entered in the middle without an
index). The cut depends on the inputs and ``target`` only, never on the
number of workers, so every run of the same command writes the same parts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator

from quotetrack.library import sources
from quotetrack.library.articles import MAX_ARTICLE_BYTES, ArticleError
from quotetrack.library.sources import Doc, Notice

DEFAULT_TARGET = 1_000_000  # bytes of input a partition: about 3 s of one core's work


@dataclass(frozen=True)
class Partition:
    """One piece of the input: ``kind`` "jsonl" (``paths[0]`` bytes [start, end), the first
    line ``first_line``), "parquet" (``paths[0]``'s ``row_groups``), or "files"."""

    kind: str
    paths: tuple[str, ...]
    size: int
    start: int = 0
    end: int = 0
    first_line: int = 1
    row_groups: tuple[int, ...] = ()


def plan(paths: Iterable[str], target: int = DEFAULT_TARGET) -> tuple[list[Partition], list[Notice]]:
    """The partitions of ``paths`` (files and folders, as ``ingest`` reads them), and errors
    found while planning (a special file in a folder, standard input, a dataset given)."""
    parts: list[Partition] = []
    notices: list[Notice] = []
    group: list[str] = []
    group_size = 0

    def close_group() -> None:
        nonlocal group, group_size
        if group:
            parts.append(Partition("files", tuple(group), group_size))
        group, group_size = [], 0

    for path in sources.input_files(paths):
        if isinstance(path, Notice):
            notices.append(path)
            continue
        if path == sources.STDIN:
            notices.append(Notice("-: standard input cannot be split for a run; save it to a file"))
            continue
        if sources.is_dataset(path):
            notices.append(Notice("%s: a dataset already extracted (quotetrack ingest loads it)" % path))
            continue
        lower = path.lower()
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0  # the reader says what is wrong with it
        if size and lower.endswith(sources.JSONL_SUFFIXES):
            close_group()
            parts += [Partition("jsonl", (path,), end - start, start, end, line)
                      for start, end, line in jsonl_ranges(path, target)]
        elif size and lower.endswith(sources.PARQUET_SUFFIXES):
            close_group()
            parts += _parquet_parts(path, size, target, notices)
        elif lower.endswith(sources.WARC_SUFFIXES):
            close_group()
            parts.append(Partition("files", (path,), size))
        else:
            group.append(path)
            group_size += size
            if group_size >= target:
                close_group()
    close_group()
    return parts, notices


def jsonl_ranges(path: str, target: int) -> list[tuple[int, int, int]]:
    """(start, end, first line) of the pieces of a JSONL file, each ending at a line end past
    ``target`` bytes from its start (the last one at the end of the file)."""
    ranges = []
    start, line, start_line, offset = 0, 1, 1, 0
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            at = 0
            while True:
                newline = chunk.find(b"\n", at)
                if newline < 0:
                    break
                line += 1
                at = newline + 1
                if offset + at - start >= target:
                    ranges.append((start, offset + at, start_line))
                    start, start_line = offset + at, line
            offset += len(chunk)
    if offset > start:
        ranges.append((start, offset, start_line))
    return ranges


def _parquet_parts(path: str, size: int, target: int, notices: list[Notice]) -> list[Partition]:
    """A Parquet file's row groups, consecutive ones together up to ``target`` bytes."""
    try:
        meta = sources._parquet_file(path).metadata
    except ArticleError as exc:
        notices.append(Notice(str(exc)))
        return []
    parts, groups, got = [], [], 0
    for g in range(meta.num_row_groups):
        groups.append(g)
        got += meta.row_group(g).total_byte_size
        if got >= target:
            parts.append(Partition("parquet", (path,), got, row_groups=tuple(groups)))
            groups, got = [], 0
    if groups or not parts:
        parts.append(Partition("parquet", (path,), got, row_groups=tuple(groups)))
    scale = size / max(1, sum(p.size for p in parts))  # progress in bytes of the file
    return [Partition(p.kind, p.paths, int(p.size * scale), row_groups=p.row_groups) for p in parts]


def read(part: Partition, limit: int = MAX_ARTICLE_BYTES) -> Iterator[Doc | Notice]:
    """The Docs and Notices of one partition, in input order."""
    try:
        if part.kind == "jsonl":
            yield from sources.read_jsonl_range(part.paths[0], part.start, part.end, part.first_line,
                                                limit)
        elif part.kind == "parquet":
            if part.row_groups:
                yield from sources.read_parquet(part.paths[0], limit, list(part.row_groups))
        else:
            yield from sources.read_inputs(part.paths, None, limit)
    except ArticleError as exc:
        yield Notice(str(exc))
