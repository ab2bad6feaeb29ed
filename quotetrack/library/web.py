"""Articles from the web: pages fetched by URL and the entries of RSS and Atom feeds.

``quotetrack ingest URL...`` reads each page here (``read_page``) and hands
its HTML to the same trafilatura path as an ``.html`` file; ``ingest --feed
URL`` lists the feed's articles with feedparser (``feed_pages``), and the
ones not stored yet (``unstored``) are read the same way. An article's id
is its URL as given (a feed's entry link), so a later run finds it stored.

Every request has a time-out: for connecting and for each read, and the
transfer stops once it has taken longer than that in all (a server sending
a byte a second is stopped, not waited for), and a size limit; a failure is one ``ArticleError`` naming the URL and the reason
(the HTTP status, the time-out, the refused connection), so the ingest
reports it on one line and goes on with the next page. Only http(s) URLs
are fetched.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Iterable

from quotetrack.library.articles import MAX_ARTICLE_BYTES, ArticleError, decode_text, too_large

TIMEOUT = 20.0  # seconds for one page or feed, start to end
FEED_LIMIT = 20 * 1024 * 1024  # a feed is an index, not an article: its own size limit
USER_AGENT = "quotetrack (+https://pypi.org/project/quotetrack/) Python-urllib"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Page:
    """A page to fetch, with what a feed said of it (the page's own metadata comes first)."""

    url: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None


def is_url(path: object) -> bool:
    """True for an http(s) URL (what ingest fetches instead of opening a file)."""
    return isinstance(path, str) and path.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float = TIMEOUT, limit: int = MAX_ARTICLE_BYTES) -> tuple[bytes, str]:
    """The body and content type of ``url``; ArticleError (one line) when it cannot be had.

    The time-out bounds the connection, each read and the whole transfer
    (checked between reads); a body over ``limit`` bytes is refused without
    reading the rest.
    """
    if not is_url(url):
        raise ArticleError("%s: only http and https URLs are fetched" % url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            ctype = response.headers.get_content_type()
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise too_large(url, limit)
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise TimeoutError
                # read1: what one socket read brings (each waits at most the time-out), so a
                # slow sender is stopped soon after the deadline
                chunk = response.read1(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise too_large(url, limit)
                chunks.append(chunk)
    except urllib.error.HTTPError as exc:
        raise ArticleError("%s: HTTP %d %s" % (url, exc.code, exc.reason)) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise _timed_out(url, timeout) from None
        raise ArticleError("%s: cannot fetch (%s)" % (url, _reason(exc.reason))) from None
    except (TimeoutError, socket.timeout):
        raise _timed_out(url, timeout) from None
    except ArticleError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise ArticleError("%s: cannot fetch (%s)" % (url, _reason(exc))) from None
    return b"".join(chunks), ctype


def _timed_out(url: str, timeout: float) -> ArticleError:
    """The error for a request past its time-out."""
    return ArticleError("%s: timed out after %g s (--timeout)" % (url, timeout))


def _reason(reason: object) -> str:
    """A short reason for a failed request: "Connection refused", not the errno tuple."""
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def read_page(page: Page | str, timeout: float = TIMEOUT, limit: int = MAX_ARTICLE_BYTES):
    """The ``sources.Doc`` of one web page (its HTML still to be read by trafilatura), or of a
    plain-text page; ArticleError when it cannot be fetched or is no page."""
    from quotetrack.library.sources import Doc, make_record
    from quotetrack.library.store import ArticleRecord

    page = page if isinstance(page, Page) else Page(page.strip())
    data, ctype = fetch(page.url, timeout, limit)
    if not data.strip():
        raise ArticleError("%s: empty page" % page.url)
    meta = {"title": page.title, "published": page.published, "publisher": page.publisher,
            "url": page.url}
    if ctype in HTML_TYPES:
        record = ArticleRecord(id=page.url, text="", title=page.title, publisher=page.publisher,
                               published=page.published, url=page.url, source=page.url, format="html")
        return Doc(page.url, len(data), record, html=data)
    if ctype == "text/plain":
        text, _warning = decode_text(data, page.url)
        record, _ = make_record(page.url, text, meta, page.url, "text", page.url)
        return Doc(page.url, len(data), record)
    raise ArticleError("%s: not a web page (%s)" % (page.url, ctype))


def feed_pages(url: str, timeout: float = TIMEOUT) -> list[Page]:
    """The articles an RSS or Atom feed lists, in its order, each once; ArticleError when the
    feed cannot be fetched or is no feed."""
    import feedparser  # only when a feed is read

    from quotetrack.library.sources import normalise_date

    data, _ctype = fetch(url, timeout, FEED_LIMIT)
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise ArticleError("%s: not an RSS or Atom feed%s" % (url, " (%s)" % problem if problem else ""))
    publisher = " ".join((parsed.feed.get("title") or "").split()) or None
    pages: dict[str, Page] = {}
    for entry in parsed.entries:
        link = urllib.parse.urljoin(url, (entry.get("link") or "").strip())
        if not is_url(link) or link in pages:
            continue
        title = " ".join((entry.get("title") or "").split()) or None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = (normalise_date("%04d-%02d-%02d" % tuple(stamp[:3])) if stamp
                     else normalise_date(entry.get("published") or entry.get("updated")))
        pages[link] = Page(link, title, published, publisher)
    return list(pages.values())


def unstored(conn, pages: Iterable[Page]) -> list[Page]:
    """The pages whose URL is no stored article's id (``conn``: a connection to the library)."""
    from quotetrack.library.store import stored_meta_of

    pages = list(pages)
    stored = stored_meta_of(conn, [p.url for p in pages])
    return [p for p in pages if p.url not in stored]
