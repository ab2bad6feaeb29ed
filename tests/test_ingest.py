"""quotetrack ingest: input kinds, bad input, idempotence, parallel runs and crashes.

The polnear-train tests need ../shared/data beside the repository and are
skipped without it. One clean ingest of the whole file (840 articles, a few
seconds with two workers) is made once per session and copied into each
test that needs it, so every test still has its own library file.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from quotetrack.library import ingest, store

from clitools import REPO, SEED, run  # tests/ is on the path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TRAIN = SHARED / "data" / "polnear-train.jsonl"
needs_train = pytest.mark.skipif(not TRAIN.exists(), reason="needs ../shared/data/polnear-train.jsonl")

PSAKI = "“If we assess that further response is warranted, we will act,” Jen Psaki said."


def lines(text, prefix):
    return [line for line in text.splitlines() if line.startswith(prefix)]


def article_ids(db):
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY rowid")]
    finally:
        conn.close()


def dump(path):
    """Every row of every table (full-text index by its content), and the schema, in a stable order."""
    conn = sqlite3.connect(path)
    try:
        out = [tuple(r) for r in conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name")]
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "AND name NOT LIKE 'quotes_fts%' ORDER BY name"):
            out.append(table)
            try:
                out += conn.execute('SELECT rowid, * FROM "%s" ORDER BY rowid' % table).fetchall()
            except sqlite3.OperationalError:  # a WITHOUT ROWID table: its rows in key order
                ncols = len(conn.execute('PRAGMA table_info("%s")' % table).fetchall())
                out += conn.execute('SELECT * FROM "%s" ORDER BY %s' % (
                    table, ", ".join(str(i + 1) for i in range(ncols)))).fetchall()
        out += conn.execute("SELECT rowid, text FROM quotes_fts ORDER BY rowid").fetchall()
        return out
    finally:
        conn.close()


def integrity(path):
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


# -- input kinds ------------------------------------------------------------------

def test_folders_are_read_recursively_with_text_markdown_html_and_jsonl(db, tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(PSAKI, encoding="utf-8")
    (folder / "sub" / "b.md").write_text(
        "---\ntitle: Blinken on Iran\ndate: 2021-03-04\npublisher: Wire\nurl: https://x.example/b\n---\n"
        "# Ignored heading\n\n“We will act,” Antony Blinken said.\n", encoding="utf-8")
    (folder / "sub" / "c.jsonl").write_text(json.dumps(
        {"id": "j1", "text": "“No comment,” Ned Price said.", "title": "Price", "date": "2016-05-01",
         "publisher": "nyt"}) + "\n", encoding="utf-8")
    (folder / "notes.csv").write_text("not,an,article\n")
    (folder / ".hidden.txt").write_text(PSAKI)
    result = run(db, "ingest", str(folder))
    assert result.exit_code == 0, result.output
    arts = {a["id"]: a for a in json.loads(run(db, "articles").stdout)}
    assert set(arts) == {str(folder / "a.txt"), str(folder / "sub" / "b.md"), "j1"}
    md = arts[str(folder / "sub" / "b.md")]
    assert (md["title"], md["published"], md["publisher"], md["url"]) == (
        "Blinken on Iran", "2021-03-04", "Wire", "https://x.example/b")
    assert (arts["j1"]["title"], arts["j1"]["published"], arts["j1"]["publisher"]) == (
        "Price", "2016-05-01", "nyt")
    names = {s["name"] for s in json.loads(run(db, "speakers").stdout)}
    assert names == {"Jen Psaki", "Antony Blinken", "Ned Price"}


HTML = """<!DOCTYPE html><html><head><title>Psaki on Iran | The Daily</title>
<meta property="og:site_name" content="The Daily"><meta property="og:title" content="Psaki on Iran">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
<link rel="canonical" href="https://daily.example/psaki-iran"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/about">About us</a></nav>
<article><h1>Psaki on Iran</h1>
<p>Washington will respond when necessary, White House Spokesperson Jen Psaki said on Wednesday.</p>
<p>“If we assess that further response is warranted, we will take action again,” Psaki said.</p>
<p>She added that the administration would consult closely with its partners in the region.</p>
</article><footer>Copyright 2021 The Daily. <a href="/privacy">Privacy</a></footer></body></html>
"""


def test_html_pages_give_their_article_text_and_metadata(db, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    result = run(db, "ingest", str(page))
    assert result.exit_code == 0, result.output
    art = json.loads(run(db, "articles").stdout)[0]
    assert (art["title"], art["publisher"], art["published"], art["url"], art["format"]) == (
        "Psaki on Iran", "The Daily", "2021-03-04", "https://daily.example/psaki-iran", "html")
    exported = json.loads(run(db, "export").stdout)
    assert "Home" not in exported["text"] and "Copyright" not in exported["text"]
    assert [(q["text"], q["speaker"]) for q in exported["quotes"]] == [
        ("If we assess that further response is warranted, we will take action again,", "Jen Psaki")]


def test_standard_input_as_text_and_as_jsonl(db):
    assert run(db, "ingest", "-", input=PSAKI).exit_code == 0
    assert run(db, "ingest", "-", input=PSAKI).exit_code == 0  # same text, same article
    jsonl = json.dumps({"id": "s1", "text": "“No comment,” Ned Price said."}) + "\n"
    assert run(db, "ingest", "-", input=jsonl).exit_code == 0
    ids = article_ids(db)
    assert len(ids) == 2 and ids[0].startswith("stdin:") and ids[1] == "s1"


# -- bad input ----------------------------------------------------------------------

def test_each_bad_input_is_one_line_naming_it_and_the_rest_is_stored(db, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PSAKI, encoding="utf-8")
    assert run(db, "ingest", str(good)).exit_code == 0
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0IHDR")
    undecodable = tmp_path / "odd.txt"
    undecodable.write_bytes(b"caf\xe9 \x81\x8d")  # neither UTF-8 nor cp1252
    old = tmp_path / "old.txt"
    old.write_bytes("“No comment,” Ned Price said.".encode("cp1252"))
    missing = tmp_path / "missing.txt"
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text(json.dumps({"id": "ok1", "text": "“Fine,” Antony Blinken said."}) + "\n"
                     '{"id": "broken", \n'
                     + json.dumps({"id": "blank", "text": ""}) + "\n"
                     + json.dumps({"text": "no id"}) + "\n"
                     + json.dumps({"id": "ok2", "text": "“Also fine,” Joe Biden said."}) + "\n",
                     encoding="utf-8")
    result = run(db, "ingest", str(empty), str(binary), str(undecodable), str(old), str(missing),
                 str(jsonl))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = lines(result.stderr, "Error: ")
    assert len(errors) == 7, result.stderr
    expected = [(empty, "empty"), (binary, "binary"), (undecodable, "not UTF-8"),
                (missing, "no such file"), (jsonl, "line 2"), (jsonl, "line 3"), (jsonl, "line 4")]
    for error, (path, words) in zip(errors, expected):
        assert str(path) in error and words in error
    warnings = lines(result.stderr, "Warning: ")
    assert len(warnings) == 1 and str(old) in warnings[0] and "cp1252" in warnings[0]
    assert "7 errors" in result.stderr
    assert article_ids(db) == [str(good), str(old), "ok1", "ok2"]  # nothing lost, the rest stored
    names = {s["name"] for s in json.loads(run(db, "speakers").stdout)}
    assert names == {"Jen Psaki", "Ned Price", "Antony Blinken", "Joe Biden"}


def test_an_html_page_without_article_text_is_an_error(db, tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title></head><body><img src='a.png'></body></html>")
    result = run(db, "ingest", str(page), str(SEED))
    assert result.exit_code == 1
    assert lines(result.stderr, "Error: ") == ["Error: %s: no article text found in the page" % page]
    assert article_ids(db) == [str(SEED)]


def test_an_engine_failure_on_one_article_is_reported_and_the_batch_goes_on(db, tmp_path, monkeypatch):
    from quotetrack.library import ingest as ingesting

    real = ingesting.statements_of

    def flaky(text):
        if "explode" in text:
            raise RuntimeError("boom")
        return real(text)

    monkeypatch.setattr(ingesting, "statements_of", flaky)
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "This will explode."}) + "\n"
                    + json.dumps({"id": "y", "text": PSAKI}) + "\n", encoding="utf-8")
    result = run(db, "ingest", str(path), "--workers", "1")
    assert result.exit_code == 1
    assert lines(result.stderr, "Error: ") == [
        "Error: %s line 1: extraction failed (RuntimeError: boom)" % path]
    assert article_ids(db) == ["y"]


def test_silent_prints_nothing_but_errors(db, tmp_path):
    result = run(db, "ingest", str(SEED), str(tmp_path / "missing.txt"), "--silent")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == ["Error: %s: no such file or directory"
                                                  % (tmp_path / "missing.txt")]


# -- streaming and parallel -----------------------------------------------------

def test_bounded_imap_keeps_order_and_reads_only_a_window_ahead():
    read = []
    lock = threading.Lock()

    def items():
        for i in range(200):
            with lock:
                read.append(i)
            yield i

    out = []
    for n, result in enumerate(ingest.bounded_imap(abs, items(), workers=2, chunksize=2, window=8)):
        out.append(result)
        time.sleep(0.001)
        with lock:
            assert len(read) <= n + 1 + 8  # the reader never runs ahead of the window
    assert out == list(range(200))


def test_bounded_imap_stops_cleanly_when_the_consumer_stops():
    results = ingest.bounded_imap(abs, iter(range(10_000)), workers=2, chunksize=2, window=8)
    assert [next(results) for _ in range(5)] == [0, 1, 2, 3, 4]
    results.close()  # terminates the pool without hanging


def test_ingest_with_one_and_two_workers_gives_the_same_library(tmp_path):
    articles = []
    for i, path in enumerate([SEED] * 3):
        articles.append({"id": "a%d" % i, "text": path.read_text(encoding="utf-8") + "\n" * i})
    articles += [{"id": "p", "text": PSAKI}, {"id": "q", "text": "“Fine,” Antony Blinken said."}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    dumps = []
    for workers in (1, 2):
        path = tmp_path / ("w%d.db" % workers)
        assert run(str(path), "ingest", str(src), "--workers", str(workers)).exit_code == 0
        dumps.append(dump(path))
    assert dumps[0] == dumps[1]


# -- polnear-train: idempotence and crashes -----------------------------------------

@pytest.fixture(scope="session")
def clean_train(tmp_path_factory):
    """A library of all of polnear-train from one clean ingest (built once)."""
    path = tmp_path_factory.mktemp("train") / "clean.db"
    db = store.open_db(path)
    summary = ingest.ingest(db, [str(TRAIN)], workers=2)
    db.close()
    assert summary.errors == 0 and summary.new == 840
    return path


@needs_train
def test_polnear_train_library_is_consistent(clean_train):
    from test_store import assert_consistent

    assert_consistent(clean_train)
    assert integrity(clean_train) == "ok"


@needs_train
def test_reingesting_polnear_train_changes_no_row(clean_train, tmp_path):
    path = tmp_path / "again.db"
    shutil.copy(clean_train, path)
    before = dump(path)
    db = store.open_db(path)
    changes = db.conn.total_changes
    summary = ingest.ingest(db, [str(TRAIN)], workers=2)
    assert db.conn.total_changes == changes
    db.close()
    assert (summary.unchanged, summary.new, summary.changed, summary.errors) == (840, 0, 0, 0)
    assert dump(path) == before


@needs_train
def test_an_ingest_killed_part_way_and_run_again_ends_as_a_clean_run(clean_train, tmp_path):
    path = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "quotetrack", "--db", str(path), "ingest", str(TRAIN), "--workers", "2",
         "--silent"], cwd=REPO, start_new_session=True, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, env=dict(os.environ, PYTHONPATH=str(REPO)))
    stored = 0
    deadline = time.monotonic() + 120
    try:
        while stored < 150 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
            try:
                conn = sqlite3.connect(path, timeout=1)
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:
                pass  # not created yet
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers, mid-write
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert integrity(path) == "ok"
    partial = len(article_ids(str(path)))
    assert 150 <= partial < 840
    result = run(str(path), "ingest", str(TRAIN), "--workers", "2")
    assert result.exit_code == 0, result.output
    assert "%d unchanged" % partial in result.stderr
    assert integrity(path) == "ok"
    assert dump(path) == dump(clean_train)


def test_stopping_the_worker_pool_at_once_never_hangs():
    # pool.terminate() right after the workers were forked, while the parent handles
    # SIGTERM as ingest does: a worker that got the signal before resetting the
    # inherited handler used to wait for work forever, and the ingest with it
    code = (
        "import signal\n"
        "from quotetrack.library.ingest import bounded_imap\n"
        "signal.signal(signal.SIGTERM, lambda *a: None)\n"
        "for i in range(150):\n"
        "    g = bounded_imap(abs, range(3), 2)\n"
        "    next(g)\n"
        "    g.close()\n"
        "print('stopped')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert proc.returncode == 0 and proc.stdout.strip() == "stopped", proc.stderr
