"""What ``quotetrack ingest`` reads: files, folders, JSONL and standard input, as a stream.

Each input becomes a ``Doc`` (an article ready to extract, or an HTML page
whose text is still to be taken out) or a ``Notice`` (a warning, or an
error naming the file and line). Nothing here raises for bad input: the
stream goes on with the next file or line. A file's id is its absolute
path; a JSONL article's id is its ``id``.
"""

from __future__ import annotations

import email.utils
import json
import os
import re
import sys
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import BinaryIO, Iterable, Iterator

from quotetrack.library.articles import (MAX_ARTICLE_BYTES, ArticleError, Oversized, bounded_lines,
                                         decode_text, parse_jsonl_line, read_limited, skipped_special,
                                         special_kind, too_large, walk_entries, wide_encoding)
from quotetrack.library.store import ArticleRecord, content_hash

TEXT_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
ALL_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
STDIN = "-"


@dataclass(frozen=True)
class Doc:
    """One article to ingest: ``record`` (its text still empty when ``html`` is set)."""

    where: str          # the file, or "file line N": for messages
    size: int           # bytes of input it stands for (progress)
    record: ArticleRecord
    html: bytes | None = None


@dataclass(frozen=True)
class Notice:
    """A problem with the input: an error (the article is not stored) or a warning."""

    message: str
    error: bool = True
    size: int = 0


def input_files(paths: Iterable[str | Notice]) -> Iterator[str | Notice]:
    """The files to read for ``paths``: files as given, folders searched recursively, "-" as is.

    What a folder holds that is no regular file (a FIFO, a link to a device)
    comes as an error Notice instead: opening it could block or never end.
    A special file named on the command line is read (``<(cmd)`` is a pipe),
    only up to the size limit. Notices already in ``paths`` pass through.
    """
    for path in paths:
        if isinstance(path, Notice):
            yield path
        elif path != STDIN and os.path.isdir(path):
            for file, kind in walk_entries(path, ALL_SUFFIXES):
                yield file if kind is None else Notice(str(skipped_special(file, kind)))
        else:
            yield path


def total_size(files: list[str | Notice]) -> int | None:
    """The bytes of all the input files, or None when standard input is one of them."""
    if STDIN in files:
        return None
    total = 0
    for f in files:
        if isinstance(f, str) and special_kind(f) is None:
            try:
                total += os.path.getsize(f)
            except OSError:
                pass
    return total


def read_inputs(files: Iterable[str | Notice], stdin: BinaryIO | None = None,
                limit: int = MAX_ARTICLE_BYTES) -> Iterator[Doc | Notice]:
    """Docs and Notices for every input file, in order, one file (or JSONL line) at a time.

    An article whose input (a file, a JSONL line, standard input) is over
    ``limit`` bytes is an error Notice, and is never read whole.
    """
    for path in files:
        if isinstance(path, Notice):
            yield path
            continue
        try:
            if path == STDIN:
                yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, limit)
            elif path.lower().endswith(JSONL_SUFFIXES):
                yield from _read_jsonl_file(path, limit)
            else:
                yield from _read_file(path, limit)
        except ArticleError as exc:
            yield Notice(str(exc))


def _read_file(path: str, limit: int = MAX_ARTICLE_BYTES) -> Iterator[Doc | Notice]:
    """One article file: .html through trafilatura (later), .md with front matter, else plain text."""
    if not os.path.lexists(path):
        raise ArticleError("%s: no such file or directory" % path)
    data = read_limited(path, limit)
    source = os.path.abspath(path)
    lower = path.lower()
    if lower.endswith(HTML_SUFFIXES):
        if wide_encoding(data):
            # trafilatura reads bytes as UTF-8 or by the page's meta charset; give it UTF-8
            data = decode_text(data, path)[0].encode("utf-8")
        if not data.strip():
            raise ArticleError("%s: empty file" % path)
        if b"\0" in data:
            raise ArticleError("%s: binary file, not text" % path)
        yield Doc(path, len(data), ArticleRecord(id=source, text="", source=source, format="html"),
                  html=data)
        return
    text, warning = decode_text(data, path)
    if not text.strip():
        raise ArticleError("%s: empty file" % path)
    if warning:
        yield Notice(warning, error=False)
    if lower.endswith(MARKDOWN_SUFFIXES):
        meta, text = front_matter(text)
        if "title" not in meta:
            heading = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.M)
            if heading:
                meta["title"] = heading.group(1)
        record, warnings = make_record(source, text, meta, path, "markdown")
    else:
        record, warnings = make_record(source, text, {}, path, "text")
    yield from (Notice(w, error=False) for w in warnings)
    if not record.text.strip():
        raise ArticleError("%s: no text" % path)
    yield Doc(path, len(data), record)


def _read_jsonl_file(path: str, limit: int = MAX_ARTICLE_BYTES) -> Iterator[Doc | Notice]:
    """Articles of a JSONL file, a line at a time; a bad line is one Notice and reading goes on.

    An id given on several lines is stored from its last line only, with a
    warning for each earlier one: a first pass over the file finds them, so
    every run stores the same text.
    """
    if not os.path.lexists(path):
        raise ArticleError("%s: no such file or directory" % path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise ArticleError("%s: cannot read (%s)" % (path, exc.strerror or exc)) from None
    with fh:
        if wide_encoding(fh.peek(4)[:4]):
            raise ArticleError("%s: UTF-16 or UTF-32 text; a JSONL file must be UTF-8" % path)
        last = {}
        if fh.seekable():  # a pipe is read once: its repeated ids are stored in order, the last last
            last = _last_lines(fh, limit)
            fh.seek(0)
        yield from _jsonl_lines(bounded_lines(fh, limit), path, os.path.abspath(path), limit, last)


def _last_lines(fh: BinaryIO, limit: int) -> dict[str, int]:
    """The ids found on more than one line of a JSONL file, each with the last line it is on.

    Lines that do not parse are left to the second pass, which reports them.
    """
    fh.seek(0)
    last: dict[str, int] = {}
    repeated: set[str] = set()
    for lineno, raw in enumerate(bounded_lines(fh, limit), 1):
        if isinstance(raw, Oversized) or b'"id"' not in raw:
            continue
        try:
            obj = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        aid = obj.get("id") if isinstance(obj, dict) else None
        if isinstance(aid, str):
            if aid in last:
                repeated.add(aid)
            last[aid] = lineno
    return {aid: last[aid] for aid in repeated}


def _jsonl_lines(lines: Iterable[bytes | Oversized], path: str, source: str,
                 limit: int = MAX_ARTICLE_BYTES, last: dict[str, int] | None = None
                 ) -> Iterator[Doc | Notice]:
    """Docs of JSONL lines (blank lines skipped); ``last`` gives the line each repeated id is
    stored from."""
    for lineno, raw in enumerate(lines, 1):
        where = "%s line %d" % (path, lineno)
        size = raw.size if isinstance(raw, Oversized) else len(raw)
        try:
            if isinstance(raw, Oversized):
                raise too_large(where, limit)
            article = parse_jsonl_line(raw, path, lineno)
            if article is None:
                continue
            aid, text, meta = article
            if last and last.get(aid, lineno) > lineno:
                yield Notice('%s: id "%s" comes again on line %d; the last one is stored'
                             % (where, aid, last[aid]), error=False, size=size)
                continue
            if not text.strip():
                raise ArticleError("%s (id %s): empty text" % (where, aid))
            record, warnings = make_record(aid, text, meta, where, "text", source)
        except ArticleError as exc:
            yield Notice(str(exc), size=size)
            continue
        yield from (Notice(w, error=False) for w in warnings)
        yield Doc(where, size, record)


def _read_stdin(stream: BinaryIO, limit: int = MAX_ARTICLE_BYTES) -> Iterator[Doc | Notice]:
    """Standard input: JSONL when its first non-blank line starts with "{", else one article.

    One article is HTML when it starts with "<", else text; its id is
    "stdin:" and the start of its SHA-256, so the same text is the same article.
    """
    lines = bounded_lines(stream, limit)
    head: list[bytes | Oversized] = []
    for raw in lines:
        head.append(raw)
        if isinstance(raw, Oversized) or raw.strip():
            break
    start = head[-1].head if head and isinstance(head[-1], Oversized) else (head[-1] if head else b"")
    first = start.lstrip()
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    if first.startswith(b"{"):
        yield from _jsonl_lines(_chain(head, lines), "<stdin>", "<stdin>", limit)
        return
    chunks, size = [], 0
    for raw in _chain(head, lines):
        size += raw.size if isinstance(raw, Oversized) else len(raw)
        if size > limit:
            raise too_large("<stdin>", limit)
        chunks.append(raw)
    data = b"".join(chunks)
    del chunks
    if not data.strip():
        raise ArticleError("<stdin>: empty input")
    if first.startswith(b"<"):
        record = ArticleRecord(id="", text="", source="<stdin>", format="html")
        yield Doc("<stdin>", len(data), record, html=data)
        return
    text, warning = decode_text(data, "<stdin>")
    if warning:
        yield Notice(warning, error=False)
    record, _ = make_record("stdin:" + content_hash(text)[:16], text, {}, "<stdin>", "text", "<stdin>")
    yield Doc("<stdin>", len(data), record)


def _chain(head: list, rest: Iterator) -> Iterator:
    """The lines already read, then the others."""
    yield from head
    yield from rest


def make_record(aid: str, text: str, meta: dict, where: str, fmt: str,
                source: str | None = None) -> tuple[ArticleRecord, list[str]]:
    """An ArticleRecord from text and metadata keys (title, publisher, published or date, url).

    Returns warnings too (a date that is not a date is dropped with one).
    """
    warnings = []
    raw_date = meta.get("published") or meta.get("date")
    published = normalise_date(raw_date)
    if raw_date and published is None:
        warnings.append("%s: unrecognised date %r, stored without a date" % (where, str(raw_date)[:40]))

    def text_of(*keys):
        for key in keys:
            value = meta.get(key)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())
        return None

    return ArticleRecord(
        id=aid, text=text, title=text_of("title", "headline"),
        publisher=text_of("publisher", "sitename", "site", "source"),
        published=published, url=text_of("url", "link"), source=source or aid, format=fmt,
    ), warnings


def normalise_date(value) -> str | None:
    """An ISO 8601 date (YYYY-MM-DD) from a date, ISO date-time or RFC 2822 string; else None."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})[T ].*", value)
    if m:
        try:
            return date(*map(int, m.groups())).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def front_matter(text: str) -> tuple[dict, str]:
    """Split "---" front matter (simple ``key: value`` lines) off a Markdown text."""
    m = re.match(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", text, re.S)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "#")):
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[m.end():]


def html_record(doc: Doc) -> tuple[ArticleRecord | None, list[str]]:
    """The article text and metadata of an HTML page, taken out by trafilatura; warnings too.

    None (and an error message as the warning) when the page has no article text.
    """
    import logging

    import trafilatura  # slow to import: only when there is a page to read

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    try:
        found = trafilatura.bare_extraction(doc.html, with_metadata=True, include_comments=False,
                                            include_tables=False)
    except Exception as exc:  # a library's failure on one page must not end the batch
        return None, ["%s: cannot read the page (%s)" % (doc.where, exc)]
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        return None, ["%s: no article text found in the page" % doc.where]
    meta = {"title": found.title, "publisher": found.sitename or found.hostname,
            "published": found.date, "url": found.url}
    rec = doc.record
    aid = rec.id or (meta["url"] or "stdin:" + content_hash(text)[:16])
    record, warnings = make_record(aid, text, meta, doc.where, "html", rec.source)
    return replace(record, source=rec.source), warnings
