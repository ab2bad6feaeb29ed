"""Reading articles from files, directories and JSONL, and writing prediction lines."""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from typing import Any, BinaryIO, Callable, Iterable, Iterator, NamedTuple

from quotetrack.engine.model import Quote

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl",)

Article = tuple[str, str, dict[str, Any]]


class ArticleError(Exception):
    """An input that cannot be read; the message names the file (and line) and fits one line."""


MAX_ARTICLE_BYTES = 5_000_000  # an article's input (file, JSONL line, standard input) at most
READ_CHUNK = 1 << 20


def parse_size(text: str) -> int:
    """Bytes of a size written ``5000000``, ``5MB``, ``500k`` or ``1.5 G`` (powers of 1000).

    ValueError when it is no size.
    """
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*", text, re.I)
    if not m:
        raise ValueError("%r is not a size like 5MB, 500K or 2000000" % text)
    size = int(float(m.group(1)) * {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[m.group(2).lower()])
    if size < 1:
        raise ValueError("%r is not a size of at least one byte" % text)
    return size


def size_text(size: int) -> str:
    """A size for messages: "5 MB", "1 KB", "1,500 bytes"."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale and size % scale == 0:
            return "%d %s" % (size // scale, unit)
    return "{:,} byte{}".format(size, "" if size == 1 else "s")


def too_large(where: str, limit: int) -> ArticleError:
    """The error for an article over ``limit``."""
    return ArticleError("%s: larger than the %s limit of an article (--max-size)"
                        % (where, size_text(limit).replace("bytes", "byte")))


def special_kind(path: str) -> str | None:
    """What a path is when it is no regular file ("a FIFO", "a character device", ...), else None.

    Links are followed; a path that cannot be looked at is None (opening it says why).
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISDIR, "a directory")):
        if test(mode):
            return kind
    return "a special file"


def skipped_special(path: str, kind: str) -> ArticleError:
    """The error for a special file met in a folder."""
    return ArticleError("%s: not a regular file (%s), skipped" % (path, kind))


def iter_articles(paths: Iterable[str], on_error: Callable[[ArticleError], None] | None = None,
                  limit: int = MAX_ARTICLE_BYTES) -> Iterator[Article]:
    """Yield ``(id, text, meta)`` for every article under ``paths``, one at a time.

    A .jsonl file gives one article per line (``id`` and ``text`` keys, the
    other keys in ``meta``); a directory gives its .txt, .md and .jsonl files,
    recursively, in sorted order (skipping, with an error, what is no
    regular file); any other file is one article whose id is the path as
    given. An article's input over ``limit`` bytes is an error. With
    ``on_error`` an unreadable file or line is reported to it and reading
    goes on; without, the ArticleError is raised.
    """
    for path in paths:
        if os.path.isdir(path):
            files = walk_entries(path)
        else:
            files = [(path, None)]
        for file, kind in files:
            try:
                if kind is not None:
                    raise skipped_special(file, kind)
                if not os.path.lexists(file):
                    raise ArticleError("%s: no such file or directory" % file)
                if file.lower().endswith(JSONL_SUFFIXES):
                    yield from _read_jsonl(file, on_error, limit)
                else:
                    yield file, read_text(file, limit), {}
            except ArticleError as exc:
                if on_error is None:
                    raise
                on_error(exc)


def walk_entries(root: str, suffixes: tuple[str, ...] = TEXT_SUFFIXES + JSONL_SUFFIXES
                 ) -> list[tuple[str, str | None]]:
    """``(path, None)`` for the article files (by ``suffixes``) under ``root``, sorted, and
    ``(path, kind)`` for those that are no regular file (a FIFO, a link to a device), which
    must not be opened: a FIFO blocks, /dev/zero never ends. Hidden files and folders are skipped.
    """
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and name.lower().endswith(suffixes):
                path = os.path.join(dirpath, name)
                found.append((path, special_kind(path)))
    # sorting by path components keeps a folder's files together ("a/b" before "a-b")
    return sorted(found, key=lambda e: os.path.relpath(e[0], root).split(os.sep))


def walk(root: str, suffixes: tuple[str, ...] = TEXT_SUFFIXES + JSONL_SUFFIXES) -> list[str]:
    """The regular article files (by ``suffixes``) under ``root``, sorted; hidden ones skipped."""
    return [path for path, kind in walk_entries(root, suffixes) if kind is None]


def read_limited(path: str, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """A file's bytes, at most ``limit``: ArticleError when it is larger, missing or unreadable.

    A regular file's size is checked before reading; anything else (a pipe,
    a device named on the command line) is read only up to the limit.
    """
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if stat.S_ISREG(st.st_mode) and st.st_size > limit:
                raise too_large(path, limit)
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise ArticleError("%s: no such file or directory" % path) from None
    except OSError as exc:
        raise ArticleError("%s: cannot read (%s)" % (path, exc.strerror or exc)) from None
    if len(data) > limit:
        raise too_large(path, limit)
    return data


class Oversized(NamedTuple):
    """A line over the limit, skipped: its length and its first bytes."""

    size: int
    head: bytes


def bounded_lines(stream: BinaryIO, limit: int = MAX_ARTICLE_BYTES) -> Iterator[bytes | Oversized]:
    """The lines of a binary stream; a line over ``limit`` bytes is skipped and an Oversized
    given instead, so one huge line never sits in memory whole."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):  # the newline is not the article's
            yield line
            continue
        size, head = len(line), line[:64]
        del line  # the caller's memory bound: drop it before reading the rest
        rest = b""
        while True:
            rest = stream.readline(READ_CHUNK)
            size += len(rest)
            if not rest or rest.endswith(b"\n"):
                break
        yield Oversized(size, head)


def read_text(path: str, limit: int = MAX_ARTICLE_BYTES) -> str:
    """The text of one article file: UTF-8 (or UTF-16/32 with a BOM), else cp1252 with a warning
    on stderr; at most ``limit`` bytes."""
    text, warning = decode_text(read_limited(path, limit), path)
    if warning:
        print("Warning: %s" % warning, file=sys.stderr)
    return text


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def open_bytes(path: str) -> BinaryIO:
    """An input file opened for reading bytes; an ArticleError line when it cannot be read."""
    try:
        return open(path, "rb")
    except OSError as exc:
        raise ArticleError("%s: cannot read (%s)" % (path, exc.strerror or exc)) from None


def wide_encoding(data: bytes) -> str | None:
    """"utf-16" or "utf-32" when the bytes start with that byte order mark, else None."""
    for bom, encoding in _BOMS:  # UTF-32 LE first: its BOM starts with UTF-16 LE's
        if data.startswith(bom):
            return encoding
    return None


def decode_text(data: bytes, path: str) -> tuple[str, str | None]:
    """The text of a file's bytes and a warning (or None): UTF-8, UTF-16 or UTF-32 with a byte
    order mark, else cp1252 with a warning.

    ArticleError for a binary file (a NUL byte) or bytes that are none of those.
    """
    wide = wide_encoding(data)
    if wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as exc:
            raise ArticleError("%s: not %s text (byte %d)" % (path, wide.upper(), exc.start)) from None
        if "\0" in text:
            raise ArticleError("%s: binary file, not text" % path)
        return text, None
    if b"\0" in data:
        raise ArticleError("%s: binary file, not text" % path)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ArticleError("%s: not UTF-8 text (byte %d) nor cp1252" % (path, utf8_error.start)) from None
    # Word and older CMSs still save cp1252; reading it beats dropping the article,
    # but the user should know in case it was something else.
    return text, "%s: not UTF-8, read as cp1252" % path


def _read_jsonl(path: str, on_error: Callable[[ArticleError], None] | None,
                limit: int = MAX_ARTICLE_BYTES) -> Iterator[Article]:
    """Articles of a JSONL file; a bad line is reported and the next lines still read."""
    fh = open_bytes(path)
    with fh:
        if wide_encoding(fh.peek(4)[:4]):
            raise ArticleError("%s: UTF-16 or UTF-32 text; a JSONL file must be UTF-8" % path)
        # bytes, decoded line by line, so a bad byte is blamed on its line
        for lineno, raw in enumerate(bounded_lines(fh, limit), 1):
            try:
                if isinstance(raw, Oversized):
                    raise too_large("%s line %d" % (path, lineno), limit)
                article = parse_jsonl_line(raw, path, lineno)
            except ArticleError as exc:
                if on_error is None:
                    raise
                on_error(exc)
                continue
            if article is not None:
                yield article


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def parse_jsonl_line(raw: bytes, path: str, lineno: int) -> Article | None:
    """One JSONL line as an article, or None for a blank line.

    ArticleError (one line, naming the file and line) for anything that is
    not an object with a non-blank string ``id`` and a string ``text``:
    bad JSON, JSON nested too deeply or holding a number too long for
    Python, a lone surrogate escape (no Unicode text), a NUL in the text.
    """
    where = "%s line %d" % (path, lineno)
    try:
        line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError("%s: not UTF-8 (byte %d)" % (where, exc.start)) from None
    if not line.strip():
        return None
    try:
        # without its line end, an unclosed string is called unterminated, not a bad character
        obj = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        raise ArticleError("%s: not valid JSON (%s: column %d)" % (where, exc.msg, exc.colno)) from None
    except RecursionError:
        raise ArticleError("%s: not valid JSON (nested too deeply)" % where) from None
    except ValueError:
        # Python refuses to convert integers of more than 4300 digits (a DoS guard)
        raise ArticleError("%s: not valid JSON (a number of more than %d digits)"
                           % (where, sys.get_int_max_str_digits())) from None
    if not isinstance(obj, dict):
        raise ArticleError("%s: expected a JSON object, got %s" % (where, type(obj).__name__))
    aid, text = obj.get("id"), obj.get("text")
    if not isinstance(aid, str) or not aid.strip():
        raise ArticleError('%s: missing, blank or non-string "id"' % where)
    if not isinstance(text, str):
        raise ArticleError('%s (id %s): missing or non-string "text"' % (where, aid))
    if _SURROGATE_ESCAPE.search(line):
        # json pairs escaped surrogates; a lone one survives and cannot be stored or printed
        for key, value in obj.items():
            if isinstance(value, str):
                bad = _lone_surrogate(value)
                if bad:
                    raise ArticleError('%s: not valid text (a lone surrogate \\u%04x in "%s")'
                                       % (where, ord(bad), key))
    if "\0" in text:
        # as a NUL byte makes a text file binary, a NUL character is no article text either
        raise ArticleError("%s (id %s): a NUL character in the text" % (where, aid))
    meta = {k: v for k, v in obj.items() if k not in ("id", "text")}
    return aid, text, meta


def _lone_surrogate(text: str) -> str | None:
    """The first lone surrogate in a string, or None."""
    m = re.search("[\ud800-\udfff]", text)
    return m.group() if m else None


def prediction_line(aid: str, text: str, quotes: Iterable[Quote]) -> dict[str, Any]:
    """The gold-format object of one article: ``{"id", "text", "quotes"}``."""
    return {"id": aid, "text": text, "quotes": [q.to_dict() for q in quotes]}
