"""Extraction at scale (issue 13): the batch function, Parquet datasets on a local Dask
cluster, loading them into a library, WARC input, and a worker killed mid-run.

One clean cluster run of polnear-train (2 worker processes) and one in-process run are
shared by the tests (module fixtures); the kill test runs its own small cluster on polnear-dev.
"""

import gzip
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("distributed")
pytest.importorskip("warcio")

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from clitools import run as cli  # noqa: E402

import quotetrack  # noqa: E402
from quotetrack.cluster import runner  # noqa: E402
from quotetrack.engine import batch  # noqa: E402
from quotetrack.library import sources, store  # noqa: E402
from quotetrack.library.extraction import reported_statements  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TRAIN = DATA / "polnear-train.jsonl"
DEV = DATA / "polnear-dev.jsonl"
needs_data = pytest.mark.skipif(not TRAIN.exists() or not DEV.exists(), reason="no shared/data")


def read_dataset(out) -> tuple[list[dict], list[dict]]:
    """The articles and statements rows of a dataset, in order."""
    files = sources.dataset_files(str(out))
    articles = [r for a, _ in files for r in pq.read_table(a).to_pylist()]
    statements = [r for _, s in files for r in pq.read_table(s).to_pylist()]
    return articles, statements


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    """polnear-train extracted in this process, as a dataset."""
    out = tmp_path_factory.mktemp("single") / "ds"
    summary = runner.run([str(TRAIN)], str(out), dask=None)
    return out, summary


@pytest.fixture(scope="module")
def clustered(tmp_path_factory):
    """polnear-train extracted on a local Dask cluster of 2 worker processes."""
    out = tmp_path_factory.mktemp("cluster") / "ds"
    clients = []
    summary = runner.run([str(TRAIN)], str(out), dask=runner.LOCAL, workers=2,
                         on_client=clients.append)
    return out, summary, clients


def test_the_batch_function_is_extract_row_by_row_for_arrow_pandas_and_dicts():
    text = "“We will act,” Jen Psaki said. “Not now,” he added."
    rows = [{"id": "a", "text": text, "title": "T"}, {"id": "b", "text": "No quotes here."}]
    expected = batch.statement_rows("a", quotetrack.extract(text))
    assert batch.extract_batch(rows) == expected
    table = batch.extract_batch(pa.Table.from_pylist(rows))
    assert table.schema == batch.statements_schema() and table.to_pylist() == expected
    assert batch.extract_batch(pa.Table.from_pylist(rows).to_batches()[0]).to_pylist() == expected
    assert {r["kind"] for r in expected} == {"direct"}
    assert [batch.quote_of_row(r) for r in expected] == quotetrack.extract(text)
    with pytest.raises(batch.BatchError, match="no text column"):
        batch.extract_batch(pa.table({"id": ["x"]}))


OLD_COLUMNS = ("article_id", "start", "end", "text", "speaker", "speaker_kind", "roles", "mention",
               "mention_start", "mention_end", "cue", "cue_start", "cue_end", "confidence", "method",
               "closed", "kind")


def test_the_batch_function_gives_the_quotations_as_before_then_the_reported_statements():
    from quotetrack.engine.reported import Statement, extract_statements

    text = ("Psaki said the US would respond “in a manner and time of our choosing”. The rockets were "
            "launched from the east, the Pentagon said. Blinken believes talks can resume. "
            "“We will act,” Jen Psaki said.")
    quotes = quotetrack.extract(text)
    reported = tuple(s for s in extract_statements(text) if s.kind != "direct")
    assert {s.kind for s in reported} == {"mixed", "indirect"} and quotes
    assert {s.cue_type for s in reported} == {"speech", "attitude"}
    rows = batch.extract_batch([{"id": "a", "text": text}])
    table = batch.extract_batch(pa.Table.from_pylist([{"id": "a", "text": text}]))
    assert table.schema == batch.statements_schema() and table.to_pylist() == rows
    # the quotations first, each column as the batch function gave it before reported speech
    direct = rows[:len(quotes)]
    assert [r["kind"] for r in direct] == ["direct"] * len(quotes)
    assert [{c: r[c] for c in OLD_COLUMNS} for r in direct] == [dict(
        article_id="a", start=q.start, end=q.end, text=q.text, speaker=q.speaker,
        speaker_kind=q.speaker_kind, roles=list(q.roles), mention=q.mention and q.mention.text,
        mention_start=q.mention and q.mention.start, mention_end=q.mention and q.mention.end,
        cue=q.cue and q.cue.text, cue_start=q.cue and q.cue.start, cue_end=q.cue and q.cue.end,
        confidence=q.confidence, method=q.method, closed=q.closed, kind="direct") for q in quotes]
    assert batch.extract_batch([{"id": "a", "text": text}], reported=False) == direct
    # then the reported statements, read back exactly (kind, fragments, cue type and all)
    assert tuple(batch.statement_of_row(r) for r in rows) == tuple(quotes) + reported
    assert all(isinstance(batch.statement_of_row(r), Statement) for r in rows[len(quotes):])
    split = dict(rows[-1], kind="indirect", fragments=None)
    with pytest.raises(ValueError, match="without its fragments"):
        batch.statement_of_row(split)
    with pytest.raises(ValueError, match="unknown kind 'quoted'"):
        batch.statement_of_row(dict(rows[-1], kind="quoted"))
    # what quotetrack extract prints is the quotations, as before
    assert [q.to_dict() for q in quotes] == [batch.quote_of_row(r).to_dict() for r in direct]


def test_the_engine_imports_no_pyarrow_nor_pandas():
    code = "import quotetrack.engine.batch, sys; print('pyarrow' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@needs_data
def test_a_two_worker_cluster_gives_exactly_the_single_process_statements(single, clustered):
    (one, s1), (two, s2, clients) = single, clustered
    assert s1.articles == s2.articles == 840 and s2.errors == 0 and s1.parts > 2
    assert read_dataset(one) == read_dataset(two)
    # the single-process path is extract itself, article by article
    arts = [json.loads(line) for line in TRAIN.read_text(encoding="utf-8").splitlines()]
    _, statements = read_dataset(one)
    assert len(statements) == s1.statements
    some = arts[:60]
    expected = [r for a in some for r in batch.statement_rows(
        a["id"], tuple(quotetrack.extract(a["text"])) + reported_statements(a["text"]))]
    assert statements[:len(expected)] == expected
    assert {r["kind"] for r in expected} == {"direct", "mixed", "indirect"}
    assert clients and clients[0].status == "closed"


def library_state(path) -> dict:
    """Quotes, speakers and aliases of a library, by names (speaker ids depend on order)."""
    db = store.open_db(path, create=False)
    try:
        return {
            "quotes": sorted(db.execute(
                "SELECT q.article_id, q.start, q.end, q.text, s.name, q.mention, q.cue, q.confidence, "
                "q.method, q.engine_speaker, q.roles FROM quotes q LEFT JOIN speakers s "
                "ON s.id = q.speaker_id").fetchall(), key=repr),
            "speakers": sorted(db.execute("SELECT name, kind, quotes, roles FROM speakers").fetchall()),
            "aliases": sorted(db.execute("SELECT s.name, a.alias, a.quotes FROM aliases a "
                                         "JOIN speakers s ON s.id = a.speaker_id").fetchall()),
            "articles": sorted(db.execute("SELECT id, title, publisher, published, url, source, "
                                          "format, content_hash FROM articles").fetchall(), key=repr),
        }
    finally:
        db.close()


@needs_data
def test_the_dataset_loads_into_the_library_a_direct_ingest_makes(clustered, tmp_path):
    out = clustered[0]
    direct, loaded = str(tmp_path / "direct.db"), str(tmp_path / "loaded.db")
    assert cli(direct, "ingest", str(TRAIN), "--workers", "2", "--silent").exit_code == 0
    result = cli(loaded, "ingest", str(out))
    assert result.exit_code == 0, result.output
    assert "840 new" in result.output
    assert library_state(direct) == library_state(loaded)
    # again: nothing changes (idempotent)
    again = cli(loaded, "ingest", str(out))
    assert again.exit_code == 0 and "840 unchanged" in again.output
    # a correction holds when the dataset is loaded again into a library that has it
    top = store.open_db(loaded, create=False).execute(
        "SELECT name FROM speakers ORDER BY quotes DESC LIMIT 1").fetchone()[0]
    assert cli(loaded, "speakers", "rename", top, "The Top Speaker").exit_code == 0
    assert cli(loaded, "ingest", str(out)).exit_code == 0
    names = {r[0] for r in library_state(loaded)["speakers"]}
    assert "The Top Speaker" in names and top not in names


@needs_data
def test_an_incomplete_dataset_is_one_error_and_stores_nothing(clustered, tmp_path):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(clustered[0], broken)
    os.unlink(broken / "statements" / "part-00001.parquet")
    db = str(tmp_path / "x.db")
    result = cli(db, "ingest", str(broken))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "incomplete dataset" in errors[0]


def page(title: str, body: str) -> bytes:
    """A news page as a server sends it."""
    paragraphs = "".join("<p>%s</p>" % p for p in body.split("\n"))
    return ("<html><head><title>%s</title></head><body><article><h1>%s</h1>%s</article>"
            "</body></html>" % (title, title, paragraphs)).encode("utf-8")


ARTICLE = ("Officials met in Geneva on Tuesday to discuss the talks that have gone on for months.\n"
           "“We will keep working until there is a deal,” Secretary of State Antony Blinken said "
           "at the end of the meeting, which ran late into the evening.\n"
           "“Nothing is settled yet,” he told reporters outside the building, adding that the "
           "next round would come soon.\n"
           "Diplomats from both sides said the mood in the room had been better than in March.")


def write_warc(path: Path, compress: bool) -> None:
    """A WARC file made with warcio's writer: one article page, an image and a 404."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for url, status, ctype, body in [
                ("https://news.example/geneva-talks", "200 OK", "text/html; charset=utf-8",
                 page("Talks in Geneva", ARTICLE)),
                ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
                ("https://news.example/missing", "404 Not Found", "text/html", b"<p>gone</p>")]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_warc_file_written_by_warcio_is_read_in_ingest_extract_and_out(tmp_path, name):
    warc = tmp_path / name
    write_warc(warc, name.endswith(".gz"))
    if name.endswith(".gz"):
        with gzip.open(warc) as fh:
            assert b"WARC/1" in fh.read(100)
    db = str(tmp_path / "w.db")
    result = cli(db, "ingest", str(warc))
    assert result.exit_code == 0, result.output
    rows = store.open_db(db, create=False).execute(
        "SELECT a.id, a.url, a.format, q.text, s.name FROM quotes q JOIN articles a ON a.id = "
        "q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.kind = 'direct' "
        "ORDER BY q.start").fetchall()
    assert [r[3] for r in rows] == ["We will keep working until there is a deal,", "Nothing is settled yet,"]
    assert {(r[0], r[1], r[2], r[4]) for r in rows} == {
        ("https://news.example/geneva-talks", "https://news.example/geneva-talks", "html", "Antony Blinken")}
    printed = cli(db, "extract", str(warc), "--nl")
    assert printed.exit_code == 0
    obj = json.loads(printed.stdout.splitlines()[0])
    assert obj["id"] == "https://news.example/geneva-talks" and len(obj["quotes"]) == 2
    out = tmp_path / "ds"
    made = cli(db, "extract", str(warc), "--out", str(out), "--silent")
    assert made.exit_code == 0, made.output
    articles, statements = read_dataset(out)
    assert [a["id"] for a in articles] == ["https://news.example/geneva-talks"]
    assert [s["speaker"] for s in statements if s["kind"] == "direct"] == ["Antony Blinken"] * 2
    # the reported statements too, as the library stored them
    stored = store.open_db(db, create=False).execute(
        "SELECT kind, start, end FROM quotes WHERE kind != 'direct' ORDER BY start").fetchall()
    assert [(s["kind"], s["start"], s["end"]) for s in statements if s["kind"] != "direct"] == stored


def test_bad_inputs_are_one_line_each(tmp_path):
    bad = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["x"]}), bad)
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(b"this is no archive at all")
    db = str(tmp_path / "b.db")
    result = cli(db, "ingest", str(bad), str(junk))
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert result.exit_code == 1 and len(errors) == 2
    assert "no text column" in errors[0] and "not a readable WARC" in errors[1]
    notempty = tmp_path / "notempty"
    notempty.mkdir()
    (notempty / "keep.txt").write_text("mine")
    out = cli(db, "extract", str(bad), "--out", str(notempty))
    assert out.exit_code == 1 and "not empty" in out.output and (notempty / "keep.txt").exists()


@needs_data
def test_a_worker_killed_mid_run_leaves_a_complete_output(tmp_path):
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    runner.run([str(DEV)], str(clean), dask=None, target=40_000)
    clients, victims = [], []

    def kill_one(result) -> None:
        if not victims:
            pids = clients[0].run(os.getpid)
            victims.append(sorted(pids.values())[0])
            os.kill(victims[0], signal.SIGKILL)

    summary = runner.run([str(DEV)], str(killed), dask=runner.LOCAL, workers=2, target=40_000,
                         on_client=clients.append, on_result=kill_one)
    assert victims and summary.parts > 6
    assert read_dataset(clean) == read_dataset(killed)
    assert json.loads((clean / "_quotetrack.json").read_text()) == json.loads(
        (killed / "_quotetrack.json").read_text())
    leftovers = [p for p in killed.rglob("*") if ".tmp-" in p.name]
    assert not leftovers
