"""Corrections and their undo: merge, rename, "not a speaker", reassign; ids kept through them.

The central property: a correction then its undo leaves the library exactly
as it was (every row of speakers, aliases, roles, quotes and name summaries,
speaker ids included), as if the correction had never been made.
"""

import json
import sqlite3

import pytest

from clitools import SEED, run  # tests/ is on the path
from test_store import BLINKENS, CLINTONS, DATED, as_version_3, assert_consistent, ok, write_jsonl

from quotetrack.library import corrections, store

ARTICLES = [
    {"id": "a1", "text": "“We will win,” Jane Doe said.\n\n“Taxes must fall,” John Roe said.",
     "publisher": "Wire", "published": "2024-03-01", "title": "Taxes"},
    {"id": "a2", "text": "“We will win again,” Jane Doe said.\n\n“Roads first,” Acme Corp said in a statement."},
    {"id": "a3", "text": "“Schools now, and roads later,” said Jane Doe."},
    {"id": "a4", "text": "“More roads for the city,” John Roe said.\n\n“Later,” Mary Smith said."},
]
STATE_TABLES = ("speakers", "aliases", "roles", "quotes", "name_counts", "name_roles",
                "name_corrections", "quote_corrections")


def state(path):
    """Every row of the tables that make the speakers and quotes (ids included), sorted."""
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute("SELECT * FROM %s" % t).fetchall(), key=repr) for t in STATE_TABLES}
    finally:
        conn.close()


def ids(db):
    """{name: id} of the speakers."""
    return {s["name"]: s["id"] for s in ok(db, "speakers")}


@pytest.fixture
def library(db, tmp_path):
    """A library of the seed and four small articles (Jane Doe has more quotes than John Roe)."""
    ok(db, "ingest", str(SEED), write_jsonl(tmp_path / "a.jsonl", ARTICLES + DATED + CLINTONS + BLINKENS))
    return db


def test_a_merge_keeps_the_targets_id_even_when_the_merged_speaker_has_more_quotes(library):
    before = ids(library)
    assert ok(library, "speakers", "--limit", "50") and before["Jane Doe"] != before["John Roe"]
    result = run(library, "speakers", "merge", "Jane Doe", "John Roe")
    assert result.exit_code == 0 and "Merged Jane Doe into John Roe" in result.stderr
    after = ids(library)
    assert after["John Roe"] == before["John Roe"] and "Jane Doe" not in after
    # every other speaker keeps its id too
    assert {n: i for n, i in after.items() if n != "John Roe"} == {
        n: i for n, i in before.items() if n not in ("John Roe", "Jane Doe")}
    assert {s["name"]: s["quotes"] for s in ok(library, "speakers")}["John Roe"] == 5
    # the merged name means the target in every command
    assert {q["speaker"] for q in ok(library, "quotes", "--speaker", "Jane Doe")} == {"John Roe"}
    assert {h["speaker"] for h in ok(library, "search", "we will win", "--speaker", "Jane Doe")} == {"John Roe"}
    assert_consistent(library)


def test_a_merged_speaker_keeps_its_id_on_later_ingests(library, tmp_path):
    roe = ids(library)["John Roe"]
    ok(library, "speakers", "merge", "Jane Doe", "John Roe")
    ok(library, "ingest", write_jsonl(tmp_path / "more.jsonl", [
        {"id": "m1", "text": "“One more thing,” Jane Doe said."},
        {"id": "m2", "text": "“And another,” Jane Doe said."}]))
    assert ids(library)["John Roe"] == roe
    assert_consistent(library)


@pytest.mark.parametrize("command", [
    ("speakers", "merge", "Jane Doe", "John Roe"),
    ("speakers", "merge", "John Roe", "Jane Doe"),
    ("speakers", "merge", "Clinton", "Bill Clinton"),
    ("speakers", "merge", "Jane Doe", "Mary Smith", "Antony Blinken"),
    ("speakers", "rename", "Antony Blinken", "Tony Blinken"),
    ("speakers", "rename", "Jane Doe", "Jane Smith"),
    ("speakers", "rename", "Acme Corp", "Acme Corporation"),
    ("speakers", "hide", "Acme Corp"),
    ("speakers", "hide", "Antony Blinken"),
    ("speakers", "hide", "Clinton"),
], ids=" ".join)
def test_a_correction_then_its_undo_is_as_if_it_was_never_made(library, command):
    before = state(library)
    ok(library, *command)
    assert state(library) != before
    assert_consistent(library)
    entry = ok(library, "corrections")[-1]["id"]
    result = run(library, "corrections", "undo", str(entry))
    assert result.exit_code == 0 and "Undid correction %d" % entry in result.stderr
    assert state(library) == before
    assert ok(library, "corrections") == []


def test_reassignments_undone_give_back_the_engines_speaker_kind_and_roles(library):
    before = state(library)
    blinken = next(q for q in ok(library, "quotes", "--article", str(SEED)) if q["speaker"] == "Antony Blinken")
    psaki = ok(library, "quotes", "--article", "d3")[0]
    ok(library, "quotes", "reassign", str(blinken["id"]), "Jen Psaki")
    ok(library, "quotes", "reassign", str(psaki["id"]), "Ann Abbott", "--new")
    ok(library, "quotes", "reassign", str(ok(library, "quotes", "--article", "a4")[1]["id"]), "--none")
    assert_consistent(library)
    for row in reversed(ok(library, "corrections")):
        ok(library, "corrections", "undo", str(row["id"]))
    assert state(library) == before


def test_a_chain_of_corrections_undone_latest_first_restores_each_state(library):
    steps = [("speakers", "merge", "Jane Doe", "John Roe"),
             ("speakers", "rename", "John Roe", "Johnny Roe"),
             ("speakers", "hide", "Mary Smith"),
             ("speakers", "merge", "Clinton", "Hillary Clinton"),
             ("quotes", "reassign", None, "Johnny Roe")]
    states = []
    for step in steps:
        states.append(state(library))
        if step[0] == "quotes":
            qid = ok(library, "quotes", "--article", "d1")[0]["id"]
            step = ("quotes", "reassign", str(qid), step[3])
        ok(library, *step)
        assert_consistent(library)
    for expected in reversed(states):
        ok(library, "corrections", "undo", str(ok(library, "corrections")[-1]["id"]))
        assert state(library) == expected


def test_undoing_an_earlier_correction_keeps_the_later_ones(library):
    ok(library, "speakers", "merge", "Jane Doe", "John Roe")
    ok(library, "speakers", "rename", "Antony Blinken", "Tony Blinken")
    first = ok(library, "corrections")[0]["id"]
    ok(library, "corrections", "undo", str(first))
    names = {s["name"]: s["quotes"] for s in ok(library, "speakers")}
    assert names["Jane Doe"] == 3 and names["John Roe"] == 2 and "Tony Blinken" in names
    assert [r["correction"] for r in ok(library, "corrections")] == ["rename"]
    assert_consistent(library)


def test_not_a_speaker_hides_the_name_and_its_quotes_from_every_list(library, tmp_path):
    result = run(library, "speakers", "hide", "Acme Corp")
    assert result.exit_code == 0 and "Acme Corp is not a speaker: 1 quotes hidden" in result.stderr
    assert "Acme Corp" not in ids(library)
    assert not [q for q in ok(library, "quotes") if "Roads first" in q["text"]]
    assert ok(library, "search", "roads first", "--min-score", "0") == [] or all(
        "Roads first" not in h["text"] for h in ok(library, "search", "roads first", "--min-score", "0"))
    assert [a["quotes"] for a in ok(library, "articles") if a["id"] == "a2"] == [1]
    # a later article naming it: hidden too
    ok(library, "ingest", write_jsonl(tmp_path / "later.jsonl",
                                      [{"id": "l1", "text": "“Bridges too,” Acme Corp said."}]))
    assert "Acme Corp" not in ids(library)
    assert not [q for q in ok(library, "quotes") if "Bridges too" in q["text"]]
    assert [r["correction"] for r in ok(library, "corrections")] == ["not a speaker"]
    assert_consistent(library)
    ok(library, "corrections", "undo", str(ok(library, "corrections")[0]["id"]))
    assert {s["name"]: s["quotes"] for s in ok(library, "speakers")}["Acme Corp"] == 2


def test_the_corrections_listing_prints_its_header_when_empty(library):
    assert ok(library, "corrections") == []
    table = run(library, "corrections", "-t").stdout.splitlines()
    assert table[0].split() == ["id", "correction", "from", "to", "quote", "article", "text", "made"]
    assert run(library, "corrections", "--csv").stdout.strip() == "id,correction,from,to,quote,article,text,made"


def test_corrections_are_listed_in_the_order_made(library):
    ok(library, "speakers", "merge", "Jane Doe", "John Roe")
    ok(library, "speakers", "hide", "Acme Corp")
    qid = ok(library, "quotes", "--article", "d3")[0]["id"]
    ok(library, "quotes", "reassign", str(qid), "Antony Blinken")
    rows = ok(library, "corrections")
    assert [(r["correction"], r["from"], r["to"]) for r in rows] == [
        ("merge", "Jane Doe", "John Roe"), ("not a speaker", "Acme Corp", None),
        ("reassign", "Jen Psaki", "Antony Blinken")]
    assert rows[2]["quote"] == qid and rows[2]["article"] == "d3"
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)


@pytest.mark.parametrize("args, message", [
    (["corrections", "undo", "99"], "no correction with id 99"),
    (["speakers", "hide", "Nobody Atall"], "no speaker named 'Nobody Atall'"),
    (["speakers", "rename", "Jane Doe", "Jane Doe"], "is named Jane Doe already"),
    (["speakers", "merge", "Jane Doe", "Jane Doe"], "is already Jane Doe"),
])
def test_correction_errors_are_one_line(library, args, message):
    result = run(library, *args)
    assert result.exit_code == 1 and message in result.stderr
    assert "Traceback" not in result.output


def test_undo_needs_a_number(library):
    assert run(library, "corrections", "undo", "first").exit_code == 2


@pytest.fixture
def quoted_library(db, tmp_path):
    """The library without the seed: quotations only, no reported speech, which a library
    made before it was kept would lack (so its rows are what an old version stored)."""
    ok(db, "ingest", write_jsonl(tmp_path / "a.jsonl", ARTICLES + DATED + CLINTONS + BLINKENS))
    assert {q["kind"] for q in ok(db, "quotes", "--attitudes")} == {"direct"}
    return db


def test_corrections_of_a_version_3_library_are_logged_and_undone(quoted_library):
    library = quoted_library
    before = state(library)
    ok(library, "speakers", "merge", "Clinton", "Hillary Clinton")
    qid = ok(library, "quotes", "--article", "d3")[0]["id"]
    ok(library, "quotes", "reassign", str(qid), "Antony Blinken")
    corrected = state(library)
    conn = sqlite3.connect(library)
    as_version_3(conn)
    conn.close()
    rows = ok(library, "corrections")  # brought up to date on open
    assert sqlite3.connect(library).execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert {r["correction"] for r in rows} == {"merge", "reassign"}
    assert state(library) == corrected
    for row in rows:
        ok(library, "corrections", "undo", str(row["id"]))
    after = state(library)
    # the ids of speakers a version 3 library removed are not known: compare without them
    strip = lambda s: {t: sorted(repr(r[1:]) if t == "speakers" else repr(r) for r in rows)
                       for t, rows in s.items() if t in ("speakers", "name_corrections", "quote_corrections")}
    assert strip(after) == strip(before)
    assert_consistent(library)


def test_the_library_functions_undo_too(library):
    db = store.open_db(library)
    try:
        before = state(library)
        sid = db.execute("SELECT id FROM speakers WHERE name = 'Jane Doe'").fetchone()[0]
        name, count = corrections.hide(db, sid)
        assert (name, count) == ("Jane Doe", 3)
        entry = list(corrections.list_corrections(db))[-1]
        assert corrections.undo(db, entry["id"])["correction"] == "not a speaker"
        assert state(library) == before
        with pytest.raises(corrections.NotFound):
            corrections.undo(db, entry["id"])
    finally:
        db.close()


def test_the_statements_view_and_article_labels_for_datasette(library):
    conn = sqlite3.connect(library)
    try:
        labels = dict(conn.execute("SELECT id, label FROM articles"))
        assert labels["a1"] == "Taxes" and labels["a2"] == "a2"
        rows = conn.execute("SELECT speaker, speaker_kind, kind, publisher, title FROM statements "
                            "WHERE article_id = 'a1'").fetchall()
        assert sorted(rows) == [("Jane Doe", "person", "direct", "Wire", "Taxes"),
                                ("John Roe", "person", "direct", "Wire", "Taxes")]
        assert json.dumps(rows)
    finally:
        conn.close()


# -- any sequence of corrections, undone latest first, gives back each state ----------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

STEPS = st.lists(st.tuples(st.sampled_from(["merge", "rename", "hide", "reassign", "new"]),
                           st.integers(0, 50), st.integers(0, 50)), min_size=1, max_size=6)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One library to copy for each example (ingesting is the slow part)."""
    path = tmp_path_factory.mktemp("template") / "library.db"
    conn = store.open_db(path)
    conn.close()
    result = run(str(path), "ingest", str(SEED), write_jsonl(path.parent / "a.jsonl",
                                                             ARTICLES + DATED + CLINTONS + BLINKENS))
    assert result.exit_code == 0
    return path


def _step(db, how, a, b):
    """Make one correction chosen by (how, a, b) on the library ``db``; False when none applies."""
    speakers = [r[0] for r in db.execute("SELECT id FROM speakers ORDER BY id")]
    quotes = [r[0] for r in db.execute("SELECT id FROM quotes WHERE hidden = 0 ORDER BY id")]
    if not speakers:
        return False
    one, other = speakers[a % len(speakers)], speakers[b % len(speakers)]
    try:
        if how == "merge" and one != other:
            corrections.merge(db, [one], other)
        elif how == "rename":
            corrections.rename(db, one, "Renamed Person%d" % a)
        elif how == "hide":
            corrections.hide(db, one)
        elif how == "reassign" and quotes:
            corrections.reassign(db, quotes[a % len(quotes)], None if b % 3 == 0 else other)
        elif how == "new" and quotes:
            corrections.reassign(db, quotes[a % len(quotes)], "New Person%d" % b, new=True)
        else:
            return False
    except corrections.CorrectionError:
        return False
    return True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_corrections_undone_latest_first_give_back_every_state(template, tmp_path, steps):
    import shutil

    path = tmp_path / ("lib-%d.db" % abs(hash(tuple(steps))))
    shutil.copy(template, path)
    db = store.open_db(path)
    try:
        states = []
        for how, a, b in steps:
            before = state(path)
            if _step(db, how, a, b):
                states.append(before)
                assert_consistent(path)
        for expected in reversed(states):
            latest = list(corrections.list_corrections(db))[-1]["id"]
            corrections.undo(db, latest)
            assert state(path) == expected
    finally:
        db.close()
        path.unlink()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS, pick=st.integers(0, 50))
def test_undoing_any_correction_leaves_a_sound_library_and_other_names_their_ids(template, tmp_path,
                                                                                steps, pick):
    import shutil

    path = tmp_path / ("any-%d.db" % abs(hash((tuple(steps), pick))))
    shutil.copy(template, path)
    db = store.open_db(path)
    try:
        made = sum(_step(db, how, a, b) for how, a, b in steps)
        if not made:
            return
        entries = [r["id"] for r in corrections.list_corrections(db)]
        before = dict(db.execute("SELECT name, id FROM speakers"))
        corrections.undo(db, entries[pick % len(entries)])
        assert_consistent(path)
        after = dict(db.execute("SELECT name, id FROM speakers"))
        # a name the undo did not bring back or take away keeps its speaker's id
        for name in set(before) & set(after):
            if (before[name] in after.values()) and list(after.values()).count(after[name]) == 1:
                assert after[name] == before[name] or before[name] in {
                    after[n] for n in after if n not in before}, name
    finally:
        db.close()
        path.unlink()
