"""Reading articles from files, directories and JSONL, and writing prediction lines."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, Callable, Iterable, Iterator

from quotetrack.engine.model import Quote

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl",)

Article = tuple[str, str, dict[str, Any]]


class ArticleError(Exception):
    """An input that cannot be read; the message names the file (and line) and fits one line."""


def iter_articles(paths: Iterable[str],
                  on_error: Callable[[ArticleError], None] | None = None) -> Iterator[Article]:
    """Yield ``(id, text, meta)`` for every article under ``paths``, one at a time.

    A .jsonl file gives one article per line (``id`` and ``text`` keys, the
    other keys in ``meta``); a directory gives its .txt, .md and .jsonl files,
    recursively, in sorted order; any other file is one article whose id is
    the path as given. With ``on_error`` an unreadable file or line is
    reported to it and reading goes on; without, the ArticleError is raised.
    """
    for path in paths:
        if os.path.isdir(path):
            files = walk(path)
        else:
            files = [path]
        for file in files:
            try:
                if not os.path.exists(file):
                    raise ArticleError("%s: no such file or directory" % file)
                if file.lower().endswith(JSONL_SUFFIXES):
                    yield from _read_jsonl(file, on_error)
                else:
                    yield file, read_text(file), {}
            except ArticleError as exc:
                if on_error is None:
                    raise
                on_error(exc)


def walk(root: str, suffixes: tuple[str, ...] = TEXT_SUFFIXES + JSONL_SUFFIXES) -> list[str]:
    """The article files (by ``suffixes``) under ``root``, sorted; hidden files and folders are skipped."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and name.lower().endswith(suffixes):
                found.append(os.path.join(dirpath, name))
    # sorting by path components keeps a folder's files together ("a/b" before "a-b")
    return sorted(found, key=lambda p: os.path.relpath(p, root).split(os.sep))


def read_text(path: str) -> str:
    """The text of one article file: UTF-8, else cp1252 with a warning on stderr."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ArticleError("%s: cannot read (%s)" % (path, exc.strerror or exc)) from None
    text, warning = decode_text(data, path)
    if warning:
        print("Warning: %s" % warning, file=sys.stderr)
    return text


def decode_text(data: bytes, path: str) -> tuple[str, str | None]:
    """The text of a file's bytes and a warning (or None): UTF-8, else cp1252 with a warning.

    ArticleError for a binary file (a NUL byte) or bytes that are neither.
    """
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


def _read_jsonl(path: str, on_error: Callable[[ArticleError], None] | None) -> Iterator[Article]:
    """Articles of a JSONL file; a bad line is reported and the next lines still read."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise ArticleError("%s: cannot read (%s)" % (path, exc.strerror or exc)) from None
    with fh:
        # bytes, decoded line by line, so a bad byte is blamed on its line
        for lineno, raw in enumerate(fh, 1):
            try:
                article = parse_jsonl_line(raw, path, lineno)
            except ArticleError as exc:
                if on_error is None:
                    raise
                on_error(exc)
                continue
            if article is not None:
                yield article


def parse_jsonl_line(raw: bytes, path: str, lineno: int) -> Article | None:
    """One JSONL line as an article, or None for a blank line."""
    where = "%s line %d" % (path, lineno)
    try:
        line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError("%s: not UTF-8 (byte %d)" % (where, exc.start)) from None
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ArticleError("%s: not valid JSON (%s at column %d)" % (where, exc.msg, exc.colno)) from None
    if not isinstance(obj, dict):
        raise ArticleError("%s: expected a JSON object, got %s" % (where, type(obj).__name__))
    aid, text = obj.get("id"), obj.get("text")
    if not isinstance(aid, str) or not aid:
        raise ArticleError('%s: missing or non-string "id"' % where)
    if not isinstance(text, str):
        raise ArticleError('%s (id %s): missing or non-string "text"' % (where, aid))
    meta = {k: v for k, v in obj.items() if k not in ("id", "text")}
    return aid, text, meta


def prediction_line(aid: str, text: str, quotes: Iterable[Quote]) -> dict[str, Any]:
    """The gold-format object of one article: ``{"id", "text", "quotes"}``."""
    return {"id": aid, "text": text, "quotes": [q.to_dict() for q in quotes]}
