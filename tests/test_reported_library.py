"""Reported speech in the library: stored beside the quotations with its kind, cue type and
fragments, listed, searched and compared with --kind and --attitudes, counted per speaker by
kind, and a library made before it upgraded in place. Articles written for these tests."""

import json
import sqlite3

import pytest

import quotetrack
from quotetrack.library import store

from clitools import SEED, run  # tests/ is on the path
from test_store import as_version_4, assert_consistent, ok, write_jsonl

# every form: a that-less clause, a quotation, a clause split by its cue, a mixed statement, a
# report ("asked for a vote"), "according to", an attitude (believes) and a closing quotation
CLINICS = (
    "Mayor Ana Ruiz said the city would open two new clinics next spring. “We have waited long "
    "enough,” Ruiz told reporters on Monday.\n\n"
    "The new bus lines, Ruiz said, will run every ten minutes from the harbour.\n\n"
    "Council member Tom Hale said the clinic plan was “far too expensive for a city of our size” "
    "and asked for a vote.\n\n"
    "According to the city treasurer Maria Lind, the clinics will cost about four million dollars.\n\n"
    "Hale believes the money should go to the harbour roads instead.\n\n"
    "“The harbour roads come first,” Hale said.\n")
ROADS = ("Governor Paul Dunn said the harbour roads were already paid for by the state.\n\n"
         "“Nobody will close a clinic,” Dunn said.\n")
ARTICLES = [{"id": "clinics", "text": CLINICS, "published": "2024-05-02", "publisher": "Harbour News"},
            {"id": "roads", "text": ROADS, "published": "2024-05-03", "publisher": "State Wire"}]


@pytest.fixture
def library(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "a.jsonl", ARTICLES))
    return db


def test_every_kind_is_stored_with_its_cue_type_and_fragments(library):
    rows = ok(library, "quotes", "--article", "clinics", "--attitudes")
    kinds = [(r["kind"], r["speaker"], r["text"]) for r in rows]
    assert kinds == [
        ("indirect", "Ana Ruiz", "the city would open two new clinics next spring"),
        ("direct", "Ana Ruiz", "We have waited long enough,"),
        ("indirect", "Ana Ruiz", "The new bus lines, Ruiz said, will run every ten minutes from the harbour"),
        ("mixed", "Tom Hale", "the clinic plan was “far too expensive for a city of our size”"),
        ("direct", "Tom Hale", "far too expensive for a city of our size"),
        ("indirect", "Tom Hale", "a vote"),  # what was asked for, the preposition left out
        ("indirect", "Maria Lind", "the clinics will cost about four million dollars"),
        ("indirect", "Tom Hale", "the money should go to the harbour roads instead"),
        ("direct", "Tom Hale", "The harbour roads come first,")]
    split = rows[2]
    pieces = json.loads(split["fragments"])
    assert [CLINICS[a:b] for a, b in pieces] == ["The new bus lines", "will run every ten minutes from the harbour"]
    assert (split["start"], split["end"]) == (pieces[0][0], pieces[-1][1])
    assert [r["cue_type"] for r in rows].count("attitude") == 1 and rows[7]["cue"] == "believes"
    assert all(r["fragments"] is None for r in rows if r is not split)
    assert_consistent(library)


def test_the_quotations_are_stored_exactly_as_extract_gives_them(library):
    rows = ok(library, "quotes", "--kind", "direct", "--attitudes")
    expected = [(q.start, q.end, q.text, q.speaker) for a in ARTICLES for q in quotetrack.extract(a["text"])]
    assert [(r["start"], r["end"], r["text"], r["speaker"]) for r in rows] == expected
    # and the export (gold format: quotations) holds them alone
    exported = [q["text"] for line in run(library, "export").stdout.splitlines()
                for q in json.loads(line)["quotes"]]
    assert exported == [e[2] for e in expected]
    assert [a["quotes"] for a in ok(library, "articles")] == [3, 1]
    assert [a["statements"] for a in ok(library, "articles")] == [8, 2]


def test_listings_show_speech_of_every_kind_and_attitudes_only_when_asked(library):
    listed = ok(library, "quotes", "--article", "clinics")
    assert len(listed) == 8 and all(r["cue_type"] == "speech" for r in listed)
    assert len(ok(library, "quotes", "--article", "clinics", "--attitudes")) == 9
    assert {r["kind"] for r in ok(library, "quotes", "--kind", "mixed,indirect")} == {"mixed", "indirect"}
    assert [r["kind"] for r in ok(library, "quotes", "--kind", " Mixed ")] == ["mixed"]
    table = run(library, "quotes", "--speaker", "Maria Lind", "-t").stdout
    assert "kind" in table.splitlines()[0] and "indirect" in table


@pytest.mark.parametrize("command", [["quotes"], ["search", "clinics"], ["compare", "Ruiz", "Hale"]])
@pytest.mark.parametrize("value, message", [("quoted", "'quoted' is no kind of statement"),
                                            (",", "give one or more of direct, mixed, indirect")])
def test_a_wrong_kind_is_a_usage_error(library, command, value, message):
    result = run(library, *command, "--kind", value)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_speakers_count_their_statements_by_kind(library):
    rows = {r["name"]: r for r in ok(library, "speakers")}
    assert list(rows) == ["Tom Hale", "Ana Ruiz", "Paul Dunn", "Maria Lind"]
    counts = {name: (r["quotes"], r["statements"], r["mixed"], r["indirect"]) for name, r in rows.items()}
    assert counts == {"Tom Hale": (2, 4, 1, 1), "Ana Ruiz": (1, 3, 0, 2), "Paul Dunn": (1, 2, 0, 1),
                      "Maria Lind": (0, 1, 0, 1)}
    assert "attitudes" not in rows["Tom Hale"]
    with_attitudes = {r["name"]: (r["statements"], r["attitudes"]) for r in ok(library, "speakers", "--attitudes")}
    assert with_attitudes["Tom Hale"] == (5, 1) and with_attitudes["Ana Ruiz"] == (3, 0)
    header = run(library, "speakers", "--tsv").stdout.splitlines()[0].split("\t")
    assert header == ["id", "name", "kind", "quotes", "aliases", "roles", "statements", "mixed", "indirect"]


def test_an_official_of_attitudes_alone_is_listed_only_with_attitudes(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "a.jsonl", [
        {"id": "x", "text": "“We will build it,” Ana Ruiz said. Tom Hale believes the bridge is too costly."}]))
    assert [r["name"] for r in ok(db, "speakers")] == ["Ana Ruiz"]
    assert [r["name"] for r in ok(db, "speakers", "--attitudes")] == ["Ana Ruiz", "Tom Hale"]


def test_search_finds_reported_statements_and_shows_their_kind(library):
    hits = ok(library, "search", "clinics will cost four million")
    assert hits[0]["kind"] == "indirect" and hits[0]["speaker"] == "Maria Lind"
    assert "four million" in hits[0]["match"]
    assert not [h for h in ok(library, "search", "clinics will cost four million", "--kind", "direct")
                if "million" in h["text"]]
    # an attitude is found only with --attitudes
    assert not [h for h in ok(library, "search", "money should go to the roads") if "money" in h["text"]]
    found = ok(library, "search", "money should go to the roads", "--attitudes")
    assert found[0]["speaker"] == "Tom Hale" and "money" in found[0]["text"]
    table = run(library, "search", "waited long enough", "-t").stdout
    assert "direct" in table and "“We have [waited long enough]" in table
    table = run(library, "search", "clinics will cost", "-t", "--kind", "indirect").stdout
    assert "indirect" in table and "“" not in table.split("Maria Lind")[1].splitlines()[0]


def test_search_with_a_speaker_and_a_kind(library):
    hits = ok(library, "search", "harbour", "--speaker", "Ruiz", "--kind", "indirect", "--min-score", "0")
    assert hits and {h["speaker"] for h in hits} == {"Ana Ruiz"} and {h["kind"] for h in hits} == {"indirect"}


def test_compare_pairs_reported_statements(library):
    rows = ok(library, "compare", "Hale", "Dunn", "--min-length", "0")
    pairs = [r for r in rows if r["pair"]]
    assert any(r["a_kind"] == "direct" and r["b_kind"] == "indirect" and "harbour" in r["subject"]
               for r in pairs), pairs
    # only reported speech: Hale's reported statements say nothing of the harbour roads
    rows = ok(library, "compare", "Hale", "Dunn", "--min-length", "0", "--kind", "indirect,mixed")
    assert {r["a_kind"] for r in rows if r["a_text"]} <= {"indirect", "mixed"}
    assert not [r for r in rows if r["pair"] and "harbour" in r["subject"]]
    # his belief pairs with the governor's statement once attitudes are in
    rows = ok(library, "compare", "Hale", "Dunn", "--kind", "indirect", "--attitudes")
    assert any(r["pair"] and "money" in r["a_text"] for r in rows)
    table = run(library, "compare", "Hale", "Dunn", "--min-length", "0", "-t").stdout
    assert "“The harbour roads come first,”" in table and "the harbour roads were already" in table


def test_reingesting_changes_nothing(library, tmp_path):
    before = ok(library, "quotes", "--attitudes")
    again = run(library, "ingest", write_jsonl(tmp_path / "a.jsonl", ARTICLES))
    assert again.exit_code == 0 and "2 unchanged" in again.stderr
    assert ok(library, "quotes", "--attitudes") == before


def test_the_summary_counts_quotes_and_reported_statements(db, tmp_path):
    result = run(db, "ingest", write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1]))
    assert "3 quotes and 6 reported statements stored" in result.stderr


def test_a_reported_statement_can_be_reassigned_and_undone(library):
    row = next(r for r in ok(library, "quotes") if r["text"].startswith("the clinics will cost"))
    ok(library, "quotes", "reassign", str(row["id"]), "Ana Ruiz")
    moved = next(r for r in ok(library, "quotes") if r["id"] == row["id"])
    assert moved["speaker"] == "Ana Ruiz" and moved["kind"] == "indirect"
    assert "Maria Lind" not in {r["name"] for r in ok(library, "speakers")}
    ok(library, "corrections", "undo", str(ok(library, "corrections")[0]["id"]))
    assert next(r for r in ok(library, "quotes") if r["id"] == row["id"])["speaker"] == "Maria Lind"
    assert_consistent(library)


def test_the_statements_view_names_both_kinds(library):
    conn = sqlite3.connect(library)
    try:
        rows = conn.execute("SELECT kind, cue_type, speaker, speaker_kind FROM statements "
                            "WHERE speaker = 'Maria Lind'").fetchall()
    finally:
        conn.close()
    assert [r[:3] for r in rows] == [("indirect", "speech", "Maria Lind")]
    assert rows[0][3] in ("person", "organisation")  # the speaker's kind, as the engine gave it


def test_a_report_cites_reported_speech_without_quotation_marks(library, tmp_path):
    out = tmp_path / "r.md"
    ok(library, "report", "--speaker", "Maria Lind", "--format", "md", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "the clinics will cost about four million dollars — Maria Lind" in text
    assert "“the clinics" not in text


# -- a library made before reported speech was kept --------------------------------------------

def test_a_version_4_library_is_upgraded_in_place_and_a_reingest_adds_reported_speech(library, tmp_path):
    conn = sqlite3.connect(library)
    as_version_4(conn)  # as the quotetrack before this one left it: quotations only
    old_quotes = conn.execute("SELECT id, article_id, start, \"end\", text, speaker_id FROM quotes "
                              "ORDER BY id").fetchall()
    old_speakers = conn.execute("SELECT id, name, quotes FROM speakers ORDER BY id").fetchall()
    conn.close()
    # opening it brings it up to date, keeping every row
    listed = ok(library, "quotes")
    assert sqlite3.connect(library).execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert {r["kind"] for r in listed} == {"direct"} and len(listed) == len(old_quotes)
    conn = sqlite3.connect(library)
    assert conn.execute("SELECT id, article_id, start, \"end\", text, speaker_id FROM quotes "
                        "ORDER BY id").fetchall() == old_quotes
    assert conn.execute("SELECT id, name, quotes FROM speakers ORDER BY id").fetchall() == old_speakers
    assert conn.execute("SELECT id, direct FROM speakers ORDER BY id").fetchall() == [
        (sid, n) for sid, _name, n in old_speakers]
    assert sorted(r[0] for r in conn.execute("SELECT article_id FROM reported_pending")) == ["clinics", "roads"]
    conn.close()
    assert_consistent(library)
    # the same articles again gain their reported statements, then change nothing more
    again = run(library, "ingest", write_jsonl(tmp_path / "b.jsonl", ARTICLES))
    assert again.exit_code == 0 and "2 changed" in again.stderr
    fresh = str(tmp_path / "fresh.db")
    ok(fresh, "ingest", write_jsonl(tmp_path / "c.jsonl", ARTICLES))
    strip = lambda rows: [{k: v for k, v in r.items() if k != "id"} for r in rows]
    assert strip(ok(library, "quotes", "--attitudes")) == strip(ok(fresh, "quotes", "--attitudes"))
    assert strip(ok(library, "speakers")) == strip(ok(fresh, "speakers"))
    assert sqlite3.connect(library).execute("SELECT count(*) FROM reported_pending").fetchone()[0] == 0
    third = run(library, "ingest", write_jsonl(tmp_path / "b.jsonl", ARTICLES))
    assert "2 unchanged" in third.stderr
    assert_consistent(library)



@pytest.mark.parametrize("text", [CLINICS, ROADS, SEED.read_text(encoding="utf-8"), "",
                                  "No one said anything.",
                                  "The plan, the minister said, is sound. She believes it works."])
def test_one_pass_gives_what_the_two_engine_functions_give(text):
    from quotetrack.library.extraction import reported_statements, statements_of

    assert statements_of(text) == tuple(quotetrack.extract(text)) + reported_statements(text)


# -- a subject of two people -----------------------------------------------------------------------

CLINTONS = ("Former President Bill Clinton said on Monday that the foundation would stop taking "
            "foreign money. “We will not take it,” Bill Clinton said.\n\n"
            "Hillary Clinton said the plan was sound. “It is the right thing,” Hillary Clinton said.\n\n"
            "Bill Clinton and Hillary Clinton said they would release their tax returns this week.\n")


def test_a_statement_of_two_people_makes_no_one_speaker_of_them(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "c.jsonl", [{"id": "clintons", "text": CLINTONS}]))
    people = {s["name"]: s for s in ok(db, "speakers")}
    assert {"Bill Clinton", "Hillary Clinton"} <= set(people)
    said = {(r["speaker"], r["text"]) for r in ok(db, "quotes", "--article", "clintons")}
    assert ("Bill Clinton", "We will not take it,") in said
    assert ("Hillary Clinton", "It is the right thing,") in said
    # the joint statement goes to the last person named (the README's known limit), not to both
    assert ("Hillary Clinton", "they would release their tax returns this week") in said
    assert_consistent(db)


def test_a_version_5_library_that_made_one_speaker_of_two_people_is_regrouped_on_open(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "c.jsonl", [{"id": "clintons", "text": CLINTONS}]))
    conn = sqlite3.connect(db)
    # as a quotetrack before version 6 grouped them: the joint name joined both Clintons
    (hillary,), = conn.execute("SELECT id FROM speakers WHERE name = 'Hillary Clinton'").fetchall()
    conn.execute("UPDATE quotes SET speaker_id = ? WHERE speaker_family = 'clinton'", [hillary])
    conn.execute("DELETE FROM speakers WHERE quotes <= 0")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    people = {s["name"] for s in ok(db, "speakers")}  # the first open migrates it
    assert {"Bill Clinton", "Hillary Clinton"} <= people
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert_consistent(db)
