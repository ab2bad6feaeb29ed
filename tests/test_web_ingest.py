"""quotetrack ingest URL... and ingest --feed URL, against a local HTTP server on 127.0.0.1.

The server (http.server in a thread) serves fixture pages, an RSS and an
Atom feed, a 404, a page slower than the time-out and a page too large. No
request leaves the machine.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from clitools import run  # tests/ is on the path
from test_store import ok

PAGE = """<!DOCTYPE html><html><head><title>{title}</title>
<meta property="og:site_name" content="The Local Ledger">
<meta name="date" content="{date}"></head>
<body><nav>Home | World | Politics</nav><article><h1>{title}</h1>
<p>The council met on Monday to discuss the budget for the coming year, and the debate ran late.</p>
<p>“{quote},” {speaker} said after the vote.</p>
<p>Members of the public filled the gallery and many of them stayed until the end of the meeting.</p>
</article><footer>Copyright The Local Ledger</footer></body></html>"""
PAGES = {
    "/budget.html": dict(title="Council passes the budget", date="2024-03-01",
                         quote="We will fix the roads before winter comes", speaker="Mayor Jane Doe"),
    "/schools.html": dict(title="Schools get a new roof", date="2024-03-04",
                          quote="Every school will be dry by September", speaker="John Roe"),
    "/parks.html": dict(title="Parks stay open late", date="2024-03-06",
                        quote="The parks belong to everyone in this city", speaker="Jane Doe"),
}
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>The Local Ledger</title>
<link>{base}/</link><description>News</description>
<item><title>Council passes the budget</title><link>{base}/budget.html</link>
<pubDate>Fri, 01 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>Schools get a new roof</title><link>/schools.html</link>
<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>{base}/missing.html</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Ledger Atom</title><id>urn:ledger</id><updated>2024-03-06T00:00:00Z</updated>
<entry><title>Parks stay open late</title><link href="{base}/parks.html"/><id>urn:parks</id>
<updated>2024-03-06T09:00:00Z</updated></entry>
<entry><title>Council passes the budget</title><link href="{base}/budget.html"/><id>urn:budget</id>
<updated>2024-03-01T09:00:00Z</updated></entry>
</feed>"""
SLOW_SECONDS = 3.0


class Handler(BaseHTTPRequestHandler):
    """The fixture site: pages, feeds and the failures a crawl meets."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        base = "http://%s:%d" % self.server.server_address[:2]
        self.server.hits.append(self.path)
        if self.path in PAGES:
            self._send(200, "text/html; charset=utf-8", PAGE.format(**PAGES[self.path]))
        elif self.path == "/feed.xml":
            self._send(200, "application/rss+xml", RSS.format(base=base))
        elif self.path == "/atom.xml":
            self._send(200, "application/atom+xml", ATOM.format(base=base))
        elif self.path == "/notes.txt":
            self._send(200, "text/plain; charset=utf-8", "“Plain words matter,” Ann Abbott said.\n")
        elif self.path == "/photo.jpg":
            self._send(200, "image/jpeg", "\xff\xd8 not really a photo")
        elif self.path == "/slow.html":
            # headers at once, then a byte now and then: only the whole-transfer time-out stops it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            stop = time.monotonic() + SLOW_SECONDS
            try:
                while time.monotonic() < stop and not self.server.closing.is_set():
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif self.path == "/big.html":
            self._send(200, "text/html", "<p>" + "x" * 300_000 + "</p>")
        else:
            self._send(404, "text/html", "<h1>Not found</h1>")

    def _send(self, status, ctype, body):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def site(monkeypatch):
    """The base URL of the fixture site on 127.0.0.1 (a free port), stopped after the test."""
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.hits = []
    server.closing = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = "http://127.0.0.1:%d" % server.server_address[1]
    yield base, server
    server.closing.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


def stored(db):
    """{article id: (title, publisher, published)} and the quotes' (speaker, text)."""
    articles = {a["id"]: (a["title"], a["publisher"], a["published"]) for a in ok(db, "articles")}
    return articles, {(q["speaker"], q["text"]) for q in ok(db, "quotes")}


def test_ingest_urls_fetches_and_extracts_the_pages(db, site):
    base, _server = site
    result = run(db, "ingest", base + "/budget.html", base + "/schools.html", base + "/notes.txt")
    assert result.exit_code == 0, result.output
    articles, quotes = stored(db)
    assert articles[base + "/budget.html"] == ("Council passes the budget", "The Local Ledger", "2024-03-01")
    assert set(articles) == {base + "/budget.html", base + "/schools.html", base + "/notes.txt"}
    assert ("Jane Doe", "We will fix the roads before winter comes,") in quotes
    assert ("John Roe", "Every school will be dry by September,") in quotes
    assert ("Ann Abbott", "Plain words matter,") in quotes
    assert "Home | World" not in run(db, "export").stdout  # boilerplate left out by trafilatura
    # again: the same pages, nothing changes
    again = run(db, "ingest", base + "/budget.html")
    assert again.exit_code == 0 and "1 unchanged" in again.stderr


def test_a_failed_page_is_one_error_line_and_the_rest_is_stored(db, site):
    base, _server = site
    started = time.monotonic()
    result = run(db, "ingest", "--timeout", "0.5", base + "/missing.html", base + "/slow.html",
                 base + "/budget.html", base + "/photo.jpg", base + "/big.html", "--max-size", "100K",
                 "http://127.0.0.1:9/refused.html")
    took = time.monotonic() - started
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 5, result.stderr
    assert "Error: %s/missing.html: HTTP 404 Not Found" % base in errors
    assert "Error: %s/slow.html: timed out after 0.5 s (--timeout)" % base in errors
    assert "Error: %s/photo.jpg: not a web page (image/jpeg)" % base in errors
    assert any(e.startswith("Error: %s/big.html: larger than" % base) for e in errors)
    assert any(e.startswith("Error: http://127.0.0.1:9/refused.html: cannot fetch") for e in errors)
    assert took < SLOW_SECONDS  # the slow page was given up on, not waited for
    assert set(stored(db)[0]) == {base + "/budget.html"}


def test_ingest_a_feed_stores_its_articles_and_skips_what_is_stored(db, site):
    base, server = site
    ok(db, "ingest", base + "/budget.html")
    server.hits.clear()
    result = run(db, "ingest", "--feed", base + "/feed.xml")
    assert result.exit_code == 1  # the feed's third article is gone
    assert "Feed %s/feed.xml: 3 articles, 2 not stored yet" % base in result.stderr
    assert "Error: %s/missing.html: HTTP 404 Not Found" % base in result.stderr
    # the stored article was not fetched again; the relative link was resolved
    assert server.hits == ["/feed.xml", "/schools.html", "/missing.html"]
    articles, quotes = stored(db)
    assert set(articles) == {base + "/budget.html", base + "/schools.html"}
    assert articles[base + "/schools.html"] == ("Schools get a new roof", "The Local Ledger", "2024-03-04")
    # an Atom feed, and a feed given with files
    result = run(db, "ingest", "--feed", base + "/atom.xml")
    assert result.exit_code == 0, result.output
    assert "Feed %s/atom.xml: 2 articles, 1 not stored yet" % base in result.stderr
    assert ("Jane Doe", "The parks belong to everyone in this city,") in stored(db)[1]


def test_a_feed_that_is_no_feed_or_cannot_be_had_is_an_error(db, site, tmp_path):
    base, _server = site
    text = tmp_path / "a.txt"
    text.write_text("“Still stored,” Ann Abbott said.", encoding="utf-8")
    result = run(db, "ingest", str(text), "--feed", base + "/budget.html", "--feed", base + "/nope.xml",
                 "--feed", base + "/slow.html", "--timeout", "0.5")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors[0].startswith("Error: %s/budget.html: not an RSS or Atom feed" % base)
    assert errors[1:] == ["Error: %s/nope.xml: HTTP 404 Not Found" % base,
                          "Error: %s/slow.html: timed out after 0.5 s (--timeout)" % base]
    assert set(stored(db)[0]) == {str(text)}


def test_ingest_needs_a_path_or_a_feed(db):
    result = run(db, "ingest")
    assert result.exit_code == 2 and "give a PATH or URL to ingest, or --feed URL" in result.output
    assert run(db, "ingest", "--timeout", "0", "x.txt").exit_code == 2
