"""What ``quotetrack ingest`` reads: files, folders, JSONL, WARC and Parquet files, Parquet
datasets made by ``quotetrack extract --out``, web pages (``web``) and standard input, as a
stream.

Each input becomes a ``Doc`` (an article ready to extract, or an HTML page
whose text is still to be taken out) or a ``Notice`` (a warning, or an
error naming the file and line). Nothing here raises for bad input: the
stream goes on with the next file or line. A file's id is its absolute
path; a JSONL or Parquet article's id is its ``id``; a WARC response's id is
its URL. WARC and Parquet need the ``cluster`` extra (warcio, pyarrow),
imported only when such a file is read.
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
                                         decode_text, open_bytes, parse_jsonl_line, read_limited, skipped_special,
                                         special_kind, too_large, walk_entries, wide_encoding)
from quotetrack.library import web
from quotetrack.library.store import ArticleRecord, content_hash

TEXT_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz")
PARQUET_SUFFIXES = (".parquet",)
ALL_SUFFIXES = (TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
                + PARQUET_SUFFIXES)
STDIN = "-"
# A Parquet dataset of articles and their statements (``quotetrack extract --out DIR``):
# DIR/articles/part-NNNNN.parquet and DIR/statements/part-NNNNN.parquet, and this
# manifest, written last, so a dataset without it is incomplete
DATASET_MANIFEST = "_quotetrack.json"
DATASET_FORMAT = "quotetrack-statements"
# 2: the statements hold the reported statements too (rows of kind "mixed" and "indirect",
# with ``fragments`` and ``cue_type``); a version 1 dataset holds the quotations only
DATASET_VERSION = 2
CLUSTER_EXTRA = "pip install 'quotetrack[cluster]'"
# Content types of the WARC responses read as articles
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Doc:
    """One article to ingest: ``record`` (its text still empty when ``html`` is set)."""

    where: str          # the file, or "file line N": for messages
    size: int           # bytes of input it stands for (progress)
    record: ArticleRecord
    html: bytes | None = None
    quotes: tuple | None = None  # already extracted (a Parquet dataset): stored as they are
    # a dataset of an earlier quotetrack holds the quotations only: the reported
    # statements are still to be read from the text
    needs_reported: bool = False


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
    only up to the size limit. Notices, URLs and feed pages (``web.Page``)
    already in ``paths`` pass through.
    """
    for path in paths:
        if isinstance(path, (Notice, web.Page)) or web.is_url(path):
            yield path
        elif path != STDIN and is_dataset(path):
            yield path
        elif path != STDIN and os.path.isdir(path):
            datasets: dict[str, bool] = {}
            for file, kind in walk_entries(path, ALL_SUFFIXES):
                # a dataset inside the folder is read as one, not as loose Parquet files
                dataset = _dataset_holding(file, datasets)
                if dataset is not None:
                    if not datasets[dataset]:
                        datasets[dataset] = True
                        yield dataset
                    continue
                yield file if kind is None else Notice(str(skipped_special(file, kind)))
        else:
            yield path


def total_size(files: list[str | Notice]) -> int | None:
    """The bytes of all the input files, or None when standard input is one of them."""
    if STDIN in files:
        return None
    total = 0
    for f in files:
        if isinstance(f, str) and is_dataset(f):
            try:
                total += sum(os.path.getsize(p) for pair in dataset_files(f) for p in pair)
            except (ArticleError, OSError):
                pass
        elif isinstance(f, str) and special_kind(f) is None:
            try:
                total += os.path.getsize(f)
            except OSError:
                pass
    return total


def read_inputs(files: Iterable[str | Notice | web.Page], stdin: BinaryIO | None = None,
                limit: int = MAX_ARTICLE_BYTES, timeout: float = web.TIMEOUT) -> Iterator[Doc | Notice]:
    """Docs and Notices for every input file, in order, one file (or JSONL line) at a time.

    An article whose input (a file, a JSONL line, standard input, a page)
    is over ``limit`` bytes is an error Notice, and is never read whole. A
    URL or feed page is fetched here, within ``timeout`` seconds.
    """
    for path in files:
        if isinstance(path, Notice):
            yield path
            continue
        try:
            if isinstance(path, web.Page) or web.is_url(path):
                yield web.read_page(path, timeout, limit)
            elif path == STDIN:
                yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, limit)
            elif is_dataset(path):
                yield from read_dataset(path)
            elif path.lower().endswith(JSONL_SUFFIXES):
                yield from _read_jsonl_file(path, limit)
            elif path.lower().endswith(WARC_SUFFIXES):
                yield from read_warc(path, limit)
            elif path.lower().endswith(PARQUET_SUFFIXES):
                yield from read_parquet(path, limit)
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
    fh = open_bytes(path)
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
                 limit: int = MAX_ARTICLE_BYTES, last: dict[str, int] | None = None,
                 first_line: int = 1) -> Iterator[Doc | Notice]:
    """Docs of JSONL lines (blank lines skipped); ``last`` gives the line each repeated id is
    stored from."""
    for lineno, raw in enumerate(lines, first_line):
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
    rec = doc.record
    # a WARC response's or a fetched page's URL is known even when the page does not say it;
    # what a feed said of the page (title, date, the feed's name) fills what the page lacks
    meta = {"title": found.title or rec.title,
            "publisher": found.sitename or found.hostname or rec.publisher,
            "published": found.date or rec.published, "url": found.url or rec.url}
    aid = rec.id or (meta["url"] or "stdin:" + content_hash(text)[:16])
    record, warnings = make_record(aid, text, meta, doc.where, "html", rec.source)
    return replace(record, source=rec.source), warnings


# ---------------------------------------------------------------------------
# Large inputs: a range of a JSONL file, WARC archives, Parquet files and datasets


def is_dataset(path: str) -> bool:
    """True when ``path`` is a folder holding a dataset made by ``quotetrack extract --out``."""
    return os.path.isfile(os.path.join(path, DATASET_MANIFEST))


def _dataset_holding(file: str, seen: dict[str, bool]) -> str | None:
    """The dataset folder that ``file`` is a part file of (DIR/articles/part-00000.parquet),
    else None; ``seen`` caches the folders found."""
    if not file.lower().endswith(PARQUET_SUFFIXES):
        return None
    folder = os.path.dirname(os.path.dirname(file))
    if folder not in seen:
        if not is_dataset(folder):
            return None
        seen[folder] = False
    return folder


def _manifest(path: str) -> dict:
    """The manifest of the dataset at ``path``; ArticleError when it is unreadable."""
    try:
        with open(os.path.join(path, DATASET_MANIFEST), encoding="utf-8") as fh:
            meta = json.load(fh)
        if not isinstance(meta, dict) or meta.get("format") != DATASET_FORMAT:
            raise ValueError("not a quotetrack dataset manifest")
        int(meta["parts"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ArticleError("%s: unreadable dataset manifest (%s)" % (path, exc)) from None
    return meta


def dataset_files(path: str) -> list[tuple[str, str]]:
    """The (articles, statements) part files of a dataset, in order.

    ArticleError when the manifest is unreadable or a part it counts is missing.
    """
    parts = int(_manifest(path)["parts"])
    files = []
    for n in range(parts):
        pair = (os.path.join(path, "articles", "part-%05d.parquet" % n),
                os.path.join(path, "statements", "part-%05d.parquet" % n))
        for file in pair:
            if not os.path.isfile(file):
                raise ArticleError("%s: incomplete dataset, %s is missing" % (path, file))
        files.append(pair)
    return files


def read_jsonl_range(path: str, start: int, end: int, first_line: int,
                     limit: int = MAX_ARTICLE_BYTES) -> Iterator[Doc | Notice]:
    """The articles of the JSONL lines starting in bytes [start, end) of a file, the first of
    them line ``first_line``: one partition of a large file (``start`` is a line's start).

    Repeated ids are not looked for across the file here: a dataset keeps every line, and an
    ingest of it stores the last (a later article replaces an earlier one).
    """
    fh = open_bytes(path)
    with fh:
        fh.seek(start)

        def lines() -> Iterator[bytes | Oversized]:
            while fh.tell() < end:
                raw = next(bounded_lines(fh, limit), None)
                if raw is None:
                    return
                yield raw

        yield from _jsonl_lines(lines(), path, os.path.abspath(path), limit, None, first_line)


def _needs_extra(path: str, what: str) -> ArticleError:
    """The error for a WARC or Parquet file read without the cluster extra installed."""
    return ArticleError("%s: reading %s needs the cluster extra (%s)" % (path, what, CLUSTER_EXTRA))


def read_warc(path: str, limit: int = MAX_ARTICLE_BYTES) -> Iterator[Doc | Notice]:
    """The HTML responses (status 200) of a WARC file (.warc or .warc.gz) as pages to read.

    Each is an HTML Doc whose id is its URL, read by trafilatura as an .html
    file is; other records (requests, metadata, images, redirects) are passed
    over. A response over ``limit`` bytes is an error Notice; a file that
    stops being a WARC is one error after the records read so far.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise _needs_extra(path, "WARC files") from None
    if not os.path.lexists(path):
        raise ArticleError("%s: no such file or directory" % path)
    fh = open_bytes(path)
    source = os.path.abspath(path)
    with fh:
        read = pending = number = 0  # bytes accounted for, and not yet given to a Doc (progress)
        try:
            for number, rec in enumerate(ArchiveIterator(fh), 1):
                pending += fh.tell() - read
                read = fh.tell()
                if getattr(rec, "format", "warc") != "warc":
                    # warcio reads a line of any text as an old ARC record header
                    raise ValueError("record %d has no WARC header" % number)
                http = rec.http_headers
                if rec.rec_type != "response" or http is None or http.get_statuscode() != "200":
                    continue
                ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
                if ctype not in HTML_TYPES:
                    continue
                url = (rec.rec_headers.get_header("WARC-Target-URI") or "").strip()
                where = "%s record %d" % (path, number)
                data = rec.content_stream().read(limit + 1)
                size, pending = pending, 0
                if len(data) > limit:
                    yield Notice(str(too_large(where, limit)), size=size)
                elif not url:
                    yield Notice("%s: a response without a WARC-Target-URI" % where, size=size)
                elif not data.strip():
                    yield Notice("%s (%s): empty page" % (where, url), size=size)
                else:
                    yield Doc("%s (%s)" % (where, url), size,
                              ArticleRecord(id=url, text="", url=url, source=source, format="html"),
                              html=data)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            raise ArticleError("%s: not a readable WARC file after record %d (%s)"
                               % (path, number, " ".join(str(exc).split())[:200])) from None


def _parquet_file(path: str):
    """A pyarrow ParquetFile; ArticleError when pyarrow is missing or the file is no Parquet."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise _needs_extra(path, "Parquet files") from None
    if not os.path.lexists(path):
        raise ArticleError("%s: no such file or directory" % path)
    try:
        return pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own errors and OSError for bad files
        raise ArticleError("%s: not a readable Parquet file (%s)"
                           % (path, " ".join(str(exc).split())[:200])) from None


ARTICLE_FIELDS = ("id", "text", "title", "url", "publisher", "published", "date")


def read_parquet(path: str, limit: int = MAX_ARTICLE_BYTES,
                 row_groups: list[int] | None = None) -> Iterator[Doc | Notice]:
    """The articles of a Parquet file with ``id`` and ``text`` columns (``title``, ``url``,
    ``publisher``, ``published`` or ``date`` kept), a batch of rows at a time; only
    ``row_groups`` when given (one partition of a large file)."""
    pf = _parquet_file(path)
    names = pf.schema_arrow.names
    missing = [c for c in ("id", "text") if c not in names]
    if missing:
        raise ArticleError("%s: no %s column; an articles file needs id and text"
                           % (path, " or ".join(missing)))
    groups = list(range(pf.num_row_groups)) if row_groups is None else row_groups
    rows_before = sum(pf.metadata.row_group(g).num_rows for g in range(min(groups, default=0)))
    share = os.path.getsize(path) // max(1, pf.metadata.num_rows)
    source = os.path.abspath(path)
    number = rows_before
    try:
        batches = pf.iter_batches(batch_size=256, row_groups=groups,
                                  columns=[c for c in ARTICLE_FIELDS if c in names])
        for batch in batches:
            for row in batch.to_pylist():
                number += 1
                where = "%s row %d" % (path, number)
                aid, text = row.get("id"), row.get("text")
                if not isinstance(aid, str) or not aid.strip():
                    yield Notice('%s: missing, blank or non-string "id"' % where, size=share)
                elif not isinstance(text, str) or not text.strip():
                    yield Notice("%s (id %s): missing or empty text" % (where, aid), size=share)
                elif len(text.encode("utf-8", "surrogatepass")) > limit:
                    yield Notice(str(too_large(where, limit)), size=share)
                elif "\0" in text:
                    yield Notice("%s (id %s): a NUL character in the text" % (where, aid), size=share)
                else:
                    record, warnings = make_record(aid, text, row, where, "text", source)
                    yield from (Notice(w, error=False) for w in warnings)
                    yield Doc(where, share, record)
    except ArticleError:
        raise
    except Exception as exc:  # a damaged page of the file: report it, keep what was read
        raise ArticleError("%s: unreadable after row %d (%s)"
                           % (path, number, " ".join(str(exc).split())[:200])) from None


def old_dataset_note(path: str) -> Notice | None:
    """The one warning a load gives for a dataset written before datasets held the reported
    statements (its manifest lists no ``cue_type`` column), else None.

    Such a dataset still loads: its quotations are stored as they are and its reported
    statements are read from the articles' texts (``Doc.needs_reported``), which is
    extraction again and much slower, so the warning says how to avoid it.
    """
    try:
        columns = _manifest(path).get("statement_columns")
    except ArticleError:
        return None  # dataset_files reports it
    if isinstance(columns, list) and "cue_type" in columns:
        return None
    return Notice("%s: a dataset without reported statements (made by an earlier quotetrack): "
                  "they are read from the articles' texts, which is slower; run "
                  "`quotetrack extract --out` again to store them in it" % path, error=False)


def read_dataset(path: str) -> Iterator[Doc | Notice]:
    """The articles of a dataset made by ``quotetrack extract --out``, each with its statements
    (quotations as Quotes, reported statements as Statements), ready to store without
    extracting again; a dataset of an earlier quotetrack with a warning first."""
    files = dataset_files(path)
    note = old_dataset_note(path)
    if note is not None:
        yield note
    for apath, spath in files:
        yield from dataset_part_docs(apath, _parquet_file(apath), _parquet_file(spath), spath)


def dataset_part_docs(apath: str, articles, statements, spath: str) -> Iterator[Doc | Notice]:
    """The articles of one opened part file (``apath``, its statements in ``spath``) with
    their statements (``engine.batch.statements_of_columns``: Quotes, then reported Statements);
    a Notice where they do not agree, and the part ends there.

    A part written before datasets held reported statements (no ``cue_type`` column)
    gives its quotations with ``needs_reported`` set: the reported statements are then
    read from the text by the ingest (``old_dataset_note`` says so once a dataset).
    """
    from quotetrack.engine.batch import statements_of_columns

    rows = articles.metadata.num_rows
    share = (os.path.getsize(apath) + os.path.getsize(spath)) // max(1, rows)
    old = "cue_type" not in statements.schema_arrow.names

    def stream() -> Iterator[tuple]:
        # (article id, statement) pairs, read a batch of columns at a time
        for batch in statements.iter_batches(batch_size=2048):
            columns = batch.to_pydict()
            yield from zip(columns["article_id"], statements_of_columns(columns))

    found_rows = stream()
    number = 0
    try:
        for batch in articles.iter_batches(batch_size=256):
            for row in batch.to_pylist():
                number += 1
                found = [next(found_rows, None) for _ in range(row["statements"])]
                if any(s is None or s[0] != row["id"] for s in found):
                    raise ValueError("statements out of step with the articles")
                quotes = tuple(s[1] for s in found)
                if any(q.end > len(row["text"]) for q in quotes):
                    raise ValueError("a statement beyond its article's text")
                record = ArticleRecord(id=row["id"], text=row["text"], title=row["title"],
                                       publisher=row["publisher"], published=row["published"],
                                       url=row["url"], source=row["source"], format=row["format"])
                yield Doc("%s row %d" % (apath, number), share, record, quotes=quotes,
                          needs_reported=old)
    except Exception as exc:  # a damaged or foreign part file: report it, go on with the next
        yield Notice("%s: unreadable after row %d (%s)"
                     % (apath, number, " ".join(str(exc).split())[:200]))
