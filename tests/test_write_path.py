"""How the store writes: the full-text index written once a transaction, with the quotes'
triggers back afterwards, and the index always what indexing each quote would give.

The library-level results (speakers, counts, ids) are pinned by test_store.py and
test_ingest.py; these tests pin what the faster write path must keep.
"""

import json
import sqlite3

import pytest

import quotetrack
from quotetrack.library import ingest, store

from clitools import SEED  # tests/ is on the path

PSAKI = "“If we assess that further response is warranted, we will act,” Jen Psaki said."
BLINKEN = "“We will respond at a quixotic hour,” Antony Blinken said."


def triggers(path):
    """The quotes table's triggers: name -> SQL."""
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                 "AND tbl_name = 'quotes'").fetchall())
    finally:
        conn.close()


def index_entries(conn):
    """Every entry of the full-text index: (term, rowid, column, offset)."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_entries "
                 "USING fts5vocab(main, 'quotes_fts', 'instance')")
    return conn.execute("SELECT * FROM temp.fts_entries ORDER BY 1, 2, 3, 4").fetchall()


def assert_index_is_the_quotes(path):
    """The full-text index holds exactly the quotes' texts: the same entries as rebuilt from
    the quotes table, and FTS5's own check passes."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
        before = index_entries(conn)
        conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')")
        assert index_entries(conn) == before
        conn.rollback()
    finally:
        conn.close()


def write_jsonl(path, articles):
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles),
                    encoding="utf-8")
    return str(path)


def store_all(path, *sources):
    db = store.open_db(path)
    try:
        return [ingest.ingest(db, [str(s)]) for s in sources]
    finally:
        db.close()


def test_the_index_follows_new_changed_and_repeated_articles(tmp_path):
    path = tmp_path / "lib.db"
    store.open_db(path).close()
    fresh = triggers(path)
    first = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "p", "text": PSAKI}, {"id": "b", "text": BLINKEN},
        {"id": "s", "text": SEED.read_text(encoding="utf-8")}])
    # "p" changes text; "b" is read twice in one run (the later one wins), in one transaction
    second = write_jsonl(tmp_path / "b.jsonl", [
        {"id": "p", "text": BLINKEN + " " + PSAKI}, {"id": "b", "text": PSAKI},
        {"id": "b", "text": "“Zanzibar waits,” Antony Blinken said."}])
    store_all(path, first, second)
    assert triggers(path) == fresh
    assert_index_is_the_quotes(path)
    conn = sqlite3.connect(path)
    hits = conn.execute("SELECT q.article_id FROM quotes_fts f JOIN quotes q ON q.id = f.rowid "
                        "WHERE quotes_fts MATCH 'zanzibar'").fetchall()
    assert hits == [("b",)]
    assert conn.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'quixotic'"
                        ).fetchone()[0] == 1  # only "p"'s new text has it now
    conn.close()


def test_a_failed_write_leaves_the_triggers_and_the_index_as_they_were(tmp_path, monkeypatch):
    path = tmp_path / "lib.db"
    store_all(path, write_jsonl(tmp_path / "a.jsonl", [{"id": "p", "text": PSAKI}]))
    before = triggers(path)

    def broken(db, rows):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "insert_quotes", broken)
    db = store.open_db(path)
    record = store.ArticleRecord("b", BLINKEN)
    quotes = tuple(quotetrack.extract(BLINKEN))
    assert quotes
    with pytest.raises(RuntimeError):
        store.write_articles(db, [(record, quotes)])
    db.close()
    assert triggers(path) == before
    assert_index_is_the_quotes(path)
    # the triggers still index what other writers store
    conn = sqlite3.connect(path)
    conn.execute("UPDATE quotes SET text = 'rewritten entirely' WHERE article_id = 'p'")
    conn.commit()
    conn.close()
    assert_index_is_the_quotes(path)


# -- new quotes grouped before they are stored ----------------------------------------

def write_the_old_way(db, record, quotes):
    """One article as the store wrote it before: quotes stored without a speaker, then their
    families regrouped, which moved them to theirs (the reference the store must equal)."""
    with store.transaction(db):
        old = db.execute("SELECT content_hash FROM articles WHERE id = ?", [record.id]).fetchone()
        if old is not None and old[0] == record.content_hash:
            return
        families, speaker_ids = store._delete_quotes(db, record.id)
        store._upsert_article(db, record)
        rows = store.quote_rows(db, record, quotes)
        store.insert_quotes(db, rows)
        families |= {r["speaker_family"] for r in rows if r["speaker_family"] is not None}
        store.regroup(db, families, speaker_ids)


def content(path):
    """What a library holds, ids included; tables whose rowids are bookkeeping by content."""
    conn = sqlite3.connect(path)
    try:
        out = {t: conn.execute("SELECT rowid, * FROM %s ORDER BY rowid" % t).fetchall()
               for t in ("articles", "speakers", "quotes")}
        for t in ("aliases", "roles", "name_counts", "name_roles"):
            out[t] = sorted(conn.execute("SELECT * FROM %s" % t).fetchall())
        out["search"] = conn.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'said OR we'"
                                     " ORDER BY rowid").fetchall()
        return out
    finally:
        conn.close()


def articles_to_regroup():
    """Articles whose names make families regroup as they arrive: lone surnames that change
    person as full names come, a text that changes, and (when ../shared/data is there) the
    first 150 articles of polnear-train."""
    from test_ingest import TRAIN

    texts = [
        ("c1", "“Jobs first,” Clinton said."),
        ("c2", "Former President Bill Clinton spoke in Little Rock. “We need jobs,” Clinton said."),
        ("c3", "“I will fight for you,” Hillary Clinton said."),
        ("c1", "“Jobs first, and then roads,” Clinton said."),  # changed: replaces its quotes
        ("c4", "“It is time,” Mrs. Clinton said. “Now,” she said."),
        ("b1", "“We will act,” Blinken said."),
        ("b2", "“Iran must comply,” Secretary of State Antony Blinken said."),
    ]
    if TRAIN.exists():
        with open(TRAIN, encoding="utf-8") as fh:
            texts += [(a["id"], a["text"]) for a in map(json.loads, fh.readlines()[:150])]
    return [(store.ArticleRecord(aid, text), tuple(quotetrack.extract(text))) for aid, text in texts]


def test_new_quotes_get_their_speakers_as_moving_them_after_did(tmp_path):
    items = articles_to_regroup()
    for order in (items, items[::-1]):
        paths = [tmp_path / "new.db", tmp_path / "old.db"]
        for p in paths:
            for suffix in ("", "-wal", "-shm"):
                (tmp_path / (p.name + suffix)).unlink(missing_ok=True)
        new, old = (store.open_db(p) for p in paths)
        for record, quotes in order:
            store.write_articles(new, [(record, quotes)])
            write_the_old_way(old, record, quotes)
        new.close()
        old.close()
        assert content(paths[0]) == content(paths[1])


def hidden_quotes(path):
    """The quotes stored hidden, by article and offsets, with their speaker and name."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT article_id, start, speaker_id, speaker_name, speaker_family "
                            "FROM quotes WHERE hidden = 1 ORDER BY 1, 2").fetchall()
    finally:
        conn.close()


def test_a_name_that_is_no_speaker_stays_hidden_on_every_write_path(tmp_path):
    from quotetrack.library import bulk, corrections

    items = articles_to_regroup()
    later = [(store.ArticleRecord(aid, text), tuple(quotetrack.extract(text))) for aid, text in (
        ("h1", "“Roads now,” Hillary Clinton said."),
        ("h2", "“Bridges too,” Hillary Clinton said. “We will act,” Antony Blinken said."))]
    ways = {
        "old": lambda db, batch: [write_the_old_way(db, r, q) for r, q in batch],
        "one by one": lambda db, batch: [store.write_articles(db, [item]) for item in batch],
        "store bulk": lambda db, batch: store.write_articles(db, batch, bulk=True),
        "bulk": lambda db, batch: bulk.write_articles(db, batch),
    }
    found = {}
    for way, write in ways.items():
        path = tmp_path / ("%s.db" % way.replace(" ", "-"))
        db = store.open_db(path)
        write(db, items[:3])
        sid = db.execute("SELECT id FROM speakers WHERE name = 'Hillary Clinton'").fetchone()[0]
        corrections.hide(db, sid)  # "not a speaker": later articles naming her are hidden too
        write(db, items[3:] + later)
        db.close()
        found[way] = content(path), hidden_quotes(path)
    hidden = found["old"][1]
    assert {("h1", None, None, None), ("h2", None, None, None)} <= {(a, *rest) for a, _s, *rest in hidden}
    assert all(h == hidden for _c, h in found.values())
    assert found["one by one"][0] == found["old"][0] and found["bulk"][0] == found["store bulk"][0]
    names = {r[2] for r in found["bulk"][0]["speakers"]}
    assert "Hillary Clinton" not in names and "Antony Blinken" in names
    from test_store import assert_consistent

    for way in ways:
        assert_consistent(str(tmp_path / ("%s.db" % way.replace(" ", "-"))))


# -- a dataset's batches, a statement per table ----------------------------------------

def test_a_bulk_batch_stores_what_the_store_stores_regrouping_once(tmp_path):
    from quotetrack.library import bulk

    items = articles_to_regroup()
    # a repeated id in one batch (the later text wins), then texts changed in a later batch
    repeated = (store.ArticleRecord("c1", "“Roads,” Hillary Clinton said."),
                tuple(quotetrack.extract("“Roads,” Hillary Clinton said.")))
    batches = [items[:60] + [repeated], items[60:], items[:5][::-1] + [items[0]]]
    paths = [tmp_path / "store.db", tmp_path / "bulk.db"]
    dbs = [store.open_db(p) for p in paths]
    for i, batch in enumerate(batches):
        if i == 2:  # corrections made between two loads apply to the next one
            for db in dbs:
                with store.transaction(db):
                    db.execute("INSERT INTO name_corrections (key, name, how) VALUES "
                               "('antony blinken', 'Tony Blinken', 'rename')")
                    record, quotes = items[0]
                    q = quotes[0]
                    db.execute("INSERT INTO quote_corrections VALUES (?, ?, ?, 'Ann Abbott', 'person')",
                               [record.content_hash, q.start, q.end])
        statuses = [store.write_articles(dbs[0], batch, bulk=True), bulk.write_articles(dbs[1], batch)]
        assert statuses[0] == statuses[1]
    for db in dbs:
        db.close()
    assert content(paths[0]) == content(paths[1])
    assert_index_is_the_quotes(paths[1])
    from test_store import assert_consistent

    assert_consistent(str(paths[1]))


def test_a_bulk_batch_indexes_its_quotes_by_rebuilding_into_an_empty_library_else_from_texts(
        tmp_path, monkeypatch):
    from quotetrack.library import bulk

    a, b, c = (store.ArticleRecord(i, t)
               for i, t in (("a", PSAKI), ("b", BLINKEN), ("c", PSAKI + " " + BLINKEN)))
    changed = store.ArticleRecord("a", BLINKEN + " " + PSAKI)
    ways = []
    real = store.QuoteIndex.finish

    def finish(index):
        ways.append("rebuild" if len(index.stored) == 1 and index.stored[0][0] == 1 else
                    "texts" if index.stored else "none")
        real(index)

    monkeypatch.setattr(store.QuoteIndex, "finish", finish)
    path = tmp_path / "lib.db"
    db = store.open_db(path)
    # empty: rebuilt; not empty: new texts inserted; a changed article that leaves no other
    # quote stores its new ones from rowid 1 again, its old entries taken out first
    for batch in ([a], [b, c], [b, c], [changed]):
        bulk.write_articles(db, [(r, tuple(quotetrack.extract(r.text))) for r in batch])
        assert_index_is_the_quotes(path)
    db.execute("DELETE FROM quotes WHERE article_id IN ('b', 'c')")
    bulk.write_articles(db, [(store.ArticleRecord("a", PSAKI), tuple(quotetrack.extract(PSAKI)))])
    db.close()
    assert ways == ["rebuild", "texts", "none", "texts", "rebuild"]
    assert_index_is_the_quotes(path)


def test_an_articles_rows_are_each_statements_rows_made_alone():
    # quote_rows keeps what a speaker gives across an article's statements (and a batch's):
    # each row must be what its statement gives alone, corrections and all
    from quotetrack.library.extraction import statements_of

    text = ("Former President Bill Clinton spoke. “We need jobs,” Clinton said. “Roads too,” he "
            "said. “And now,” Clinton said. " + PSAKI + " “Later,” Ms. Psaki said, and she added "
            "that more would come. " + BLINKEN)
    record = store.ArticleRecord("x", text)
    statements = statements_of(text)
    assert len({(q.speaker, q.mention.text if q.mention else None) for q in statements}) < len(statements)
    first = statements[0]
    overrides = {(first.start, first.end): ("Ann Abbott", "person")}
    renames = {"jen psaki": None}
    together = store.quote_rows(None, record, statements, renames, overrides, {})
    alone = [row for q in statements for row in store.quote_rows(None, record, [q], renames, overrides)]
    assert together == alone
    assert together[0]["speaker_name"] == "Ann Abbott" and together[0]["corrected"] == 1
    assert any(r["hidden"] for r in together)


def test_one_name_is_grouped_as_the_rules_group_it():
    from quotetrack.library import speakers

    for infos in ([speakers.NameInfo("Secretary of State Antony Blinken", "person", 3)],
                  [speakers.NameInfo("Clinton", "person", 2, ("Secretary",))],
                  [speakers.NameInfo("Mrs. Clinton", None, 1)],
                  [speakers.NameInfo("the Pentagon", "organisation", 4)],
                  [speakers.NameInfo("Ban", "person", 1), speakers.NameInfo("Ban", "organisation", 2)],
                  [speakers.NameInfo("Donald Trump Jr.", "person", 5)]):
        for pinned in (set(), {infos[0].name}):
            assert speakers._group_one(infos, pinned) == speakers._group_many(infos, pinned)


# -- a dataset read and prepared in worker processes ------------------------------------

@pytest.fixture(scope="module")
def small_dataset(tmp_path_factory):
    """A dataset of a few dozen articles in several parts, from ``extract --out`` in this
    process (needs the cluster extra): the Clintons, Blinken and polnear-train's first 150."""
    pytest.importorskip("pyarrow")
    from quotetrack.cluster import runner

    folder = tmp_path_factory.mktemp("small")
    source = folder / "in.jsonl"
    write_jsonl(source, [{"id": r.id, "text": r.text} for r, _q in articles_to_regroup()
                         if r.id != "c1" or "roads" not in r.text])
    out = folder / "ds"
    runner.run([str(source)], str(out), dask=None, target=40_000)  # parts of ~40 KB
    assert len(sources_parts(out)) > 3
    return out


def sources_parts(out):
    from quotetrack.library import sources

    return sources.dataset_files(str(out))


def load(path, dataset, workers, report=None):
    db = store.open_db(path)
    try:
        return ingest.ingest(db, [str(dataset)], workers=workers, report=report)
    finally:
        db.close()


def test_a_dataset_loads_the_same_with_workers_making_its_rows(small_dataset, tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    summaries = [load(one, small_dataset, 1), load(two, small_dataset, 2)]
    assert summaries[0].new == summaries[1].new > 100 and summaries[0].quotes == summaries[1].quotes
    assert content(one) == content(two)
    assert_index_is_the_quotes(two)


def test_rows_made_before_a_correction_are_made_again(small_dataset, tmp_path, monkeypatch):
    from quotetrack.library import parts

    expected, loaded = tmp_path / "expected.db", tmp_path / "loaded.db"
    for path in (expected, loaded):
        db = store.open_db(path)
        with store.transaction(db):
            db.execute("INSERT INTO name_corrections (key, name, how) VALUES "
                       "('hillary clinton', 'Hillary Rodham Clinton', 'rename')")
        db.close()
    load(expected, small_dataset, 2)
    # the workers make their rows with the corrections as they were before the rename
    monkeypatch.setattr(parts, "corrections_of", lambda db: parts.Corrections({}, {}))
    load(loaded, small_dataset, 2)
    assert content(loaded) == content(expected)
    names = {r[2] for r in content(loaded)["speakers"]}
    assert "Hillary Rodham Clinton" in names and "Hillary Clinton" not in names


def test_a_dataset_load_stores_the_quotes_of_a_name_that_is_no_speaker_hidden(small_dataset, tmp_path,
                                                                           monkeypatch):
    from quotetrack.library import parts

    real = parts.corrections_of
    made = {  # rows made by the workers with the hide, before it (made again), or by the writer
        "with": real,
        "before": lambda db: parts.Corrections({}, {}),
        "writer": lambda db: None,
    }
    found = {}
    for how, corrections_of in made.items():
        path = tmp_path / ("%s.db" % how)
        db = store.open_db(path)
        with store.transaction(db):
            db.execute("INSERT INTO name_corrections (key, name, how) VALUES "
                       "('hillary clinton', NULL, 'hide')")
        db.close()
        monkeypatch.setattr(parts, "corrections_of", corrections_of)
        load(path, small_dataset, 2)
        found[how] = content(path), hidden_quotes(path)
    assert found["with"][1] and all(name is None for _a, _s, _sid, name, _f in found["with"][1])
    assert "c3" in {row[0] for row in found["with"][1]}
    assert found["before"] == found["with"] and found["writer"] == found["with"]
    assert "Hillary Clinton" not in {r[2] for r in found["with"][0]["speakers"]}


def test_an_id_in_two_datasets_is_stored_from_the_later_with_a_warning(small_dataset, tmp_path):
    messages = []
    db = store.open_db(tmp_path / "lib.db")
    summary = ingest.ingest(db, [str(small_dataset)] * 2, workers=2,
                            report=lambda n: messages.append(n.message))
    db.close()
    # every id read twice: stored once, found unchanged the second time, one warning each
    assert summary.new == summary.unchanged == summary.warnings > 100
    repeated = [m for m in messages if "was also read from" in m]
    assert len(repeated) == summary.new and "part-00000.parquet row 1" in repeated[0]


def test_the_quick_check_on_open_stops_after_its_time(tmp_path, monkeypatch):
    # a step count cannot stop SQLite's walk of every page (one step: 0.5 s a GB, on every
    # command); the timer does. A timer of nothing stops it at once, and the library opens.
    path = tmp_path / "lib.db"
    store_all(path, write_jsonl(tmp_path / "a.jsonl", [{"id": "p", "text": PSAKI}]))
    monkeypatch.setattr(store, "QUICK_CHECK_SECONDS", 0.0)
    monkeypatch.setattr(store, "QUICK_CHECK_STEPS", 10 ** 12)
    db = store.open_db(path)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1  # no interrupt left over
    db.close()


def test_a_load_failing_mid_batch_leaves_the_library_as_it_was_and_a_rerun_ends_clean(
        small_dataset, tmp_path, monkeypatch):
    clean, broken = tmp_path / "clean.db", tmp_path / "broken.db"
    load(clean, small_dataset, 2)
    store.open_db(broken).close()
    before = triggers(broken)
    real = store.insert_quotes

    def fail_after_inserting(db, rows):
        real(db, rows)
        # the quotes are in, with the index and count triggers off (dropped in the transaction)
        present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"quotes_ai", "quotes_speaker_ai", "quotes_names_ai"}.isdisjoint(present)
        raise RuntimeError("power cut")

    monkeypatch.setattr(store, "insert_quotes", fail_after_inserting)
    with pytest.raises(RuntimeError):
        load(broken, small_dataset, 2)
    monkeypatch.setattr(store, "insert_quotes", real)
    assert triggers(broken) == before
    assert content(broken)["quotes"] == [] and content(broken)["articles"] == []
    load(broken, small_dataset, 2)
    assert content(broken) == content(clean)
    assert_index_is_the_quotes(broken)


def statement_keys(path):
    """Every stored statement: (article, kind, cue type, start, end, fragments, speaker name)."""
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute(
            "SELECT q.article_id, q.kind, q.cue_type, q.start, q.end, q.fragments, s.name "
            "FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id").fetchall(),
            key=repr)
    finally:
        conn.close()


def assert_kind_counts_are_the_quotes(path):
    """Each speaker's counts by kind (kept by triggers, or by a bulk load's statements) are
    what counting its quotes gives."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT s.quotes, s.direct, s.mixed, s.indirect, s.attitudes, "
            "(SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id), "
            "(SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id AND kind = 'direct' AND cue_type = 'speech'), "
            "(SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id AND kind = 'mixed' AND cue_type = 'speech'), "
            "(SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id AND kind = 'indirect' AND cue_type = 'speech'), "
            "(SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id AND cue_type = 'attitude') "
            "FROM speakers s").fetchall()
    finally:
        conn.close()
    assert rows and all(r[:5] == r[5:] for r in rows)
    assert sum(r[2] + r[3] for r in rows) > 0  # reported speech counted


def test_a_dataset_load_stores_each_articles_reported_statements_as_the_dataset_holds_them(
        small_dataset, tmp_path):
    from quotetrack.engine.reported import Statement
    from quotetrack.library import sources
    from quotetrack.library.extraction import statements_of

    expected, reported = set(), 0
    for doc in sources.read_dataset(str(small_dataset)):
        # the dataset holds what extraction gives, reported statements and all
        assert doc.quotes == statements_of(doc.record.text) and not doc.needs_reported
        found = [s for s in doc.quotes if isinstance(s, Statement)]
        reported += len(found)
        expected |= {(doc.record.id, getattr(q, "kind", "direct"), q.start, q.end) for q in doc.quotes}
    # the workers' path (datasets only) and the reading process's (with another input)
    jsonl = write_jsonl(tmp_path / "one.jsonl", [{"id": "psaki", "text": PSAKI}])
    paths = {"parts": [str(small_dataset)], "docs": [str(small_dataset), jsonl]}
    for how, inputs in paths.items():
        path = tmp_path / ("%s.db" % how)
        db = store.open_db(path)
        try:
            summary = ingest.ingest(db, inputs, workers=2)
        finally:
            db.close()
        assert summary.reported == reported > 0
        stored = {(a, k, s, e) for a, k, _c, s, e, _f, _n in statement_keys(path) if a != "psaki"}
        assert stored == expected
        assert_kind_counts_are_the_quotes(path)
        assert_index_is_the_quotes(path)
    assert [k for k in statement_keys(tmp_path / "parts.db")] == [
        k for k in statement_keys(tmp_path / "docs.db") if k[0] != "psaki"]


def test_a_dataset_load_adds_reported_speech_to_articles_stored_before_it(small_dataset, tmp_path):
    # a version 4 library upgraded: its articles hold their quotations and are marked as
    # lacking their reported statements; a load of the same texts replaces their statements
    clean, upgraded = tmp_path / "clean.db", tmp_path / "upgraded.db"
    load(clean, small_dataset, 2)
    load(upgraded, small_dataset, 2)
    db = store.open_db(upgraded)
    with store.transaction(db):
        db.execute("DELETE FROM quotes WHERE kind != 'direct'")
        db.execute("INSERT INTO reported_pending (article_id) SELECT id FROM articles")
    db.close()
    summary = load(upgraded, small_dataset, 2)
    assert summary.changed == summary.articles > 100 and summary.reported > 0
    assert statement_keys(upgraded) == statement_keys(clean)
    assert_kind_counts_are_the_quotes(upgraded)
    assert_index_is_the_quotes(upgraded)
    db = store.open_db(upgraded)
    assert db.execute("SELECT count(*) FROM reported_pending").fetchone()[0] == 0
    db.close()
    assert load(upgraded, small_dataset, 2).unchanged == summary.articles


# -- a dataset holds the reported statements: loading it extracts nothing ---------------

def library_by_names(path):
    """Every row of a library's quotes, speakers, aliases, roles and name summaries, each
    column as stored, with speaker ids given as the speakers' names (ids follow the order
    the families were regrouped in, which a load's batches and an ingest's differ on)."""
    conn = sqlite3.connect(path)
    try:
        name = dict(conn.execute("SELECT id, name FROM speakers"))

        def rows(sql, sid_columns=()):
            cur = conn.execute(sql)
            cols = [d[0] for d in cur.description]
            out = []
            for row in cur:
                row = dict(zip(cols, row))
                for c in sid_columns:
                    row[c] = name.get(row[c], row[c])
                out.append(tuple(sorted(row.items())))
            return sorted(out, key=repr)

        return {
            "articles": rows("SELECT * FROM articles"),
            "quotes": rows("SELECT * FROM quotes", ("speaker_id",)),
            "speakers": rows("SELECT * FROM speakers", ("id",)),
            "aliases": rows("SELECT * FROM aliases", ("speaker_id",)),
            "roles": rows("SELECT * FROM roles", ("speaker_id",)),
            "name_counts": rows("SELECT * FROM name_counts", ("speaker_id",)),
            "name_roles": rows("SELECT * FROM name_roles"),
        }
    finally:
        conn.close()


def forbid_extraction(monkeypatch):
    """Make every way the library reads statements from a text raise."""
    import quotetrack.engine.reported as reported
    from quotetrack.library import extraction, parts

    def extracting(*args, **kwargs):
        raise AssertionError("a dataset load extracted again")

    for module, name in ((reported, "quotations_and_reported"), (reported, "extract_statements"),
                         (extraction, "quotations_and_reported"), (extraction, "extract_statements"),
                         (extraction, "reported_statements"), (extraction, "statements_of"),
                         (parts, "reported_statements"), (ingest, "statements_of"),
                         (ingest, "reported_statements"), (quotetrack, "extract")):
        monkeypatch.setattr(module, name, extracting, raising=False)


def test_a_dataset_loads_without_extracting_into_the_library_an_ingest_of_its_texts_makes(
        small_dataset, tmp_path, monkeypatch):
    direct = tmp_path / "direct.db"
    db = store.open_db(direct)
    try:
        ingest.ingest(db, [str(small_dataset.parent / "in.jsonl")], workers=2)
    finally:
        db.close()
    expected = library_by_names(direct)
    kinds = {dict(q)["kind"] for q in expected["quotes"]}
    assert kinds == {"direct", "mixed", "indirect"}
    assert {dict(q)["cue_type"] for q in expected["quotes"]} == {"speech", "attitude"}
    assert any(dict(q)["fragments"] for q in expected["quotes"])  # a content split by its cue
    forbid_extraction(monkeypatch)
    for workers in (1, 2):
        path = tmp_path / ("loaded%d.db" % workers)
        notices = []
        summary = load(path, small_dataset, workers, notices.append)
        assert summary.errors == summary.warnings == 0, notices
        assert summary.reported > 0
        assert library_by_names(path) == expected
        assert_kind_counts_are_the_quotes(path)
        assert_index_is_the_quotes(path)


def old_dataset(new, old):
    """A copy of the dataset ``new`` as quotetrack wrote it before datasets held reported
    statements: the quotations only, without ``fragments`` and ``cue_type``, manifest version 1."""
    import shutil

    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from quotetrack.library import sources

    shutil.copytree(new, old)
    for apath, spath in sources.dataset_files(str(old)):
        statements = pq.read_table(spath)
        statements = statements.filter(pc.equal(statements["kind"], "direct"))
        statements = statements.drop_columns([c for c in ("fragments", "cue_type")
                                              if c in statements.column_names])
        articles = pq.read_table(apath).to_pylist()
        counts = {}
        for aid in statements["article_id"].to_pylist():
            counts[aid] = counts.get(aid, 0) + 1
        for a in articles:
            a["statements"] = counts.get(a["id"], 0)
        pq.write_table(statements, spath)
        pq.write_table(pa.Table.from_pylist(articles, schema=pq.read_table(apath).schema), apath)
    manifest = old / sources.DATASET_MANIFEST
    meta = json.loads(manifest.read_text(encoding="utf-8"))
    meta["version"] = 1
    meta["statement_columns"] = [c for c in meta["statement_columns"]
                                 if c not in ("fragments", "cue_type")]
    manifest.write_text(json.dumps(meta), encoding="utf-8")
    return old


def test_a_dataset_of_an_earlier_quotetrack_loads_its_reported_statements_read_with_one_warning(
        small_dataset, tmp_path):
    old = old_dataset(small_dataset, tmp_path / "old")
    clean = tmp_path / "clean.db"
    load(clean, small_dataset, 2)
    for workers, inputs in ((1, [old]), (2, [old]), (2, [old, SEED])):
        path = tmp_path / ("old%d-%d.db" % (workers, len(inputs)))
        notices = []
        db = store.open_db(path)
        try:
            summary = ingest.ingest(db, [str(i) for i in inputs], workers=workers,
                                    report=notices.append)
        finally:
            db.close()
        assert summary.errors == 0
        warnings = [n.message for n in notices if not n.error]
        assert len(warnings) == 1 and "without reported statements" in warnings[0], warnings
        assert summary.reported > 0
        keys = [k for k in statement_keys(path) if "000_" not in k[0]]
        assert keys == statement_keys(clean)


def test_a_reported_row_without_its_fragments_is_an_error_and_stores_nothing_of_its_part(
        small_dataset, tmp_path):
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    from quotetrack.library import sources

    bad = tmp_path / "bad"
    shutil.copytree(small_dataset, bad)
    apath, spath = sources.dataset_files(str(bad))[1]
    rows = pq.read_table(spath).to_pylist()
    first = next(i for i, r in enumerate(rows) if r["kind"] != "direct")
    rows[first]["fragments"] = None
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_table(spath).schema), spath)
    path = tmp_path / "bad.db"
    notices = []
    summary = load(path, bad, 2, notices.append)
    errors = [n.message for n in notices if n.error]
    assert summary.errors == 1 and "without its fragments" in errors[0], errors
    # the articles of that part before the bad row are stored whole, the rest are not
    stored = {r[0] for r in sqlite3.connect(path).execute("SELECT id FROM articles")}
    part_ids = pq.read_table(apath)["id"].to_pylist()
    bad_article = rows[first]["article_id"]
    assert bad_article not in stored
    assert set(part_ids[:part_ids.index(bad_article)]) <= stored
    assert stored.isdisjoint(part_ids[part_ids.index(bad_article):])
    assert_kind_counts_are_the_quotes(path)


def long_write_settings(db):
    """The connection's values of the settings ``store.long_write`` changes, by name."""
    return {p: db.execute("PRAGMA %s" % p).fetchone()[0] for p in store.LONG_WRITE}


def test_an_ingest_checkpoints_rarely_and_keeps_a_large_cache_then_puts_them_back(tmp_path,
                                                                                  monkeypatch):
    """Each transaction into a large library dirties pages spread over its indexes; at SQLite's
    checkpoint every 1,000 WAL pages (and 2 MB of cache) nearly every commit was followed by
    a checkpoint writing and syncing them at random places of the large file, and the
    indexes' pages were read again for every transaction. The writer's connection
    checkpoints every ``LONG_WRITE_CHECKPOINT_PAGES`` during an ingest, with a larger cache
    and its statement journals in memory, and has SQLite's settings again after it, even
    when it fails."""
    path = tmp_path / "lib.db"
    seen = []
    write_articles = store.write_articles

    def spying(db, *args, **kwargs):
        seen.append(long_write_settings(db))
        return write_articles(db, *args, **kwargs)

    monkeypatch.setattr(store, "write_articles", spying)
    db = store.open_db(path)
    try:
        defaults = long_write_settings(db)
        assert defaults == {"wal_autocheckpoint": 1000, "cache_size": -2000, "temp_store": 0}
        ingest.ingest(db, [write_jsonl(tmp_path / "a.jsonl", [
            {"id": "a%d" % i, "text": PSAKI if i % 2 else BLINKEN} for i in range(3)])])
        assert seen and all(s == {"wal_autocheckpoint": store.LONG_WRITE_CHECKPOINT_PAGES,
                                  "cache_size": -store.LONG_WRITE_CACHE_KIB, "temp_store": 2}
                            for s in seen)
        assert long_write_settings(db) == defaults

        def failing(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(store, "write_articles", failing)
        with pytest.raises(RuntimeError):
            ingest.ingest(db, [write_jsonl(tmp_path / "b.jsonl", [{"id": "b", "text": PSAKI}])])
        assert long_write_settings(db) == defaults
    finally:
        db.close()


def clinton_article(aid, who, n):
    """An article of ``n`` quotes by ``who``, and its quotes."""
    text = "\n\n".join("“Point number %d of %s,” %s said." % (k, who.split()[0], who) for k in range(n))
    return store.ArticleRecord(aid, text), tuple(quotetrack.extract(text))


def speakers_by_name(db):
    """{speaker id: (display name, its names, its quotes' links)} of a library."""
    out = {}
    for sid, name, spoken, link in db.execute(
            "SELECT s.id, s.name, q.speaker_name, coalesce(q.speaker_link, 1.0) FROM speakers s "
            "JOIN quotes q ON q.speaker_id = s.id"):
        entry = out.setdefault(sid, (name, set(), set()))
        entry[1].add(spoken)
        entry[2].add(str(link))
    return out


@pytest.mark.parametrize("copies", [1, 3])
def test_a_tie_between_two_people_moves_their_bare_surname_as_each_article_arrives(tmp_path, copies):
    # a library grown by copies of the same articles (every count multiplied), then one
    # more article at a time: each breaks or makes a tie between Bill and Hillary, and
    # the bare "Clinton" follows, as a weak link, the one with strictly more quotes
    from quotetrack.library import speakers

    paths = [tmp_path / "reused.db", tmp_path / "fresh.db"]
    dbs = [store.open_db(p) for p in paths]
    grown = [clinton_article("g%d-%d" % (c, i), who, n) for c in range(copies)
             for i, (who, n) in enumerate([("Bill Clinton", 2), ("Hillary Clinton", 2), ("Clinton", 1)])]
    steps = [("Hillary Clinton", 1), ("Bill Clinton", 1), ("Bill Clinton", 1), ("Hillary Clinton", 1)]
    seen = []
    for i, item in enumerate(grown + [clinton_article("new%d" % i, *s) for i, s in enumerate(steps)]):
        store.write_articles(dbs[0], [item])
        speakers._SHAPES.clear()  # the other library: every family's shape made afresh
        store.write_articles(dbs[1], [item])
        assert content(paths[0]) == content(paths[1])
        seen.append(speakers_by_name(dbs[0]))
    alone = {1: ("Bill Clinton", {"Bill Clinton"}, {"1.0"}), 2: ("Hillary Clinton", {"Hillary Clinton"}, {"1.0"}),
             3: ("Clinton", {"Clinton"}, {"1.0"})}
    assert seen[len(grown) - 1] == alone  # a tie: "Clinton" is its own speaker
    assert seen[len(grown)] == {1: alone[1], 2: ("Hillary Clinton", {"Hillary Clinton", "Clinton"}, {"1.0", "0.5"})}
    assert seen[len(grown) + 1] == alone  # tied again: "Clinton" gets its id back
    assert seen[len(grown) + 2] == {1: ("Bill Clinton", {"Bill Clinton", "Clinton"}, {"1.0", "0.5"}), 2: alone[2]}
    assert seen[len(grown) + 3] == alone
    for db in dbs:
        db.close()
