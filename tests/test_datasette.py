"""quotetrack datasette-metadata: a metadata file datasette reads, checked against the library's
own schema (datasette itself need not be installed)."""

import json
import sqlite3

from clitools import SEED, run  # tests/ is on the path
from test_store import ok, write_jsonl


def columns(conn, name):
    return {r[1] for r in conn.execute("PRAGMA table_xinfo(%s)" % name)}


def test_the_metadata_names_labels_and_facets_that_exist(db, tmp_path):
    ok(db, "ingest", str(SEED), write_jsonl(tmp_path / "a.jsonl", [
        {"id": "x1", "text": "“We will act,” Jane Doe said."},
        {"id": "x2", "title": "Titled", "publisher": "Wire", "text": "“Later,” John Roe said."}]))
    out = tmp_path / "metadata.json"
    result = run(db, "datasette-metadata", "-o", str(out))
    assert result.exit_code == 0 and "Wrote datasette metadata to" in result.stderr
    meta = json.loads(out.read_text(encoding="utf-8"))
    assert set(meta) >= {"title", "databases"}
    (name, database), = meta["databases"].items()
    assert name == "library"  # datasette names a database by its file's stem
    tables = database["tables"]
    conn = sqlite3.connect(db)
    try:
        known = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        for table, config in tables.items():
            assert table in known, table
            assert set(config) <= {"label_column", "facets", "sort_desc", "hidden", "description",
                                   "fts_table", "fts_pk"}
            have = columns(conn, table)
            for key in ("label_column", "sort_desc", "fts_pk"):
                if key in config:
                    assert config[key] in have, (table, key)
            assert all(isinstance(f, str) and f in have for f in config.get("facets", [])), table
        assert tables["articles"]["label_column"] == "label"
        assert set(tables["statements"]["facets"]) == {"speaker", "publisher", "kind", "cue_type", "speaker_kind"}
        assert tables["statements"]["fts_table"] in known
        # quote rows are labelled by the title, else the id: never "None"
        labels = dict(conn.execute("SELECT id, label FROM articles"))
        assert labels["x2"] == "Titled" and labels["x1"] == "x1" and None not in labels.values()
    finally:
        conn.close()


def test_the_metadata_goes_to_standard_output_by_default(db):
    ok(db, "ingest", str(SEED))
    result = run(db, "datasette-metadata")
    assert result.exit_code == 0
    assert "statements" in json.loads(result.stdout)["databases"]["library"]["tables"]


def test_no_library_no_metadata(db, tmp_path):
    result = run(db, "datasette-metadata", "-o", str(tmp_path / "m.json"))
    assert result.exit_code == 1 and "no library at" in result.stderr
    assert not (tmp_path / "m.json").exists()
