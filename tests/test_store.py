"""The library: ingest, speakers across articles, corrections and the listing commands.

Every test has its own temporary library file; commands run through CliRunner.
"""

import csv
import io
import json
import sqlite3
from pathlib import Path

import click
import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

import quotetrack
from quotetrack.cli import cli
from quotetrack.library import locations, store

from clitools import REPO, SEED, run  # tests/ is on the path


def ok(db, *args, input=None):
    """Run a command that must succeed; its parsed JSON output (or None when it printed nothing)."""
    result = run(db, *args, input=input)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if result.stdout.strip() else None


def write_jsonl(path, articles):
    """Write {"id", "text", ...} objects as JSONL; returns the path as a string."""
    path = Path(path)
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return str(path)


def speakers(db):
    """{name: quote count} of the library."""
    assert_consistent(db)
    return {s["name"]: s["quotes"] for s in ok(db, "speakers")}


def assert_consistent(path):
    """The counts, aliases and roles kept by triggers equal a recount from the quotes, and
    every family's speakers are what grouping its names from scratch gives."""
    from quotetrack.library.speakers import WEAK_LINK, group_names

    conn = sqlite3.connect(path)
    try:
        q = conn.execute
        assert q("SELECT id, quotes FROM speakers ORDER BY id").fetchall() == q(
            "SELECT speaker_id, count(*) FROM quotes WHERE speaker_id IS NOT NULL "
            "GROUP BY 1 ORDER BY 1").fetchall()
        for table, column, source in (("aliases", "alias", "alias_forms"), ("roles", "role", "roles")):
            assert q("SELECT speaker_id, %s, quotes FROM %s ORDER BY 1, 2" % (column, table)).fetchall() == q(
                "SELECT speaker_id, j.value, count(*) FROM quotes, json_each(quotes.%s) AS j "
                "WHERE speaker_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2" % source).fetchall()
        assert q("SELECT count(*) FROM quotes WHERE (speaker_name IS NULL) != (speaker_id IS NULL)"
                 ).fetchone()[0] == 0
        # the name summaries the grouping reads equal a recount from the quotes
        for table, recount in (("name_counts", store.NAME_COUNTS_SQL), ("name_roles", store.NAME_ROLES_SQL)):
            assert sorted(q("SELECT * FROM %s" % table).fetchall()) == sorted(q(recount).fetchall())
        pinned = {r[0] for r in q("SELECT name FROM name_corrections UNION "
                                  "SELECT speaker FROM quote_corrections WHERE speaker IS NOT NULL")}
        for (family,) in q("SELECT DISTINCT speaker_family FROM quotes WHERE speaker_family IS NOT NULL"):
            groups = group_names(store.name_infos(sqlite_utils.Database(conn), family), pinned)
            expected = {(g.name, frozenset(g.names)) for g in groups}
            weak = {n for g in groups for n in g.weak}
            links = q("SELECT DISTINCT speaker_name, speaker_link FROM quotes WHERE speaker_family = ?",
                      [family]).fetchall()
            assert {(n, link) for n, link in links} == {
                (n, WEAK_LINK if n in weak else None) for n, _link in links}
            stored = {}
            # by speaker id: two speakers may share a display name ("Orlando" the city, and
            # Mr. Orlando)
            for name, sid, sname in q("SELECT DISTINCT q.speaker_name, s.id, s.name FROM quotes q "
                                      "JOIN speakers s ON s.id = q.speaker_id WHERE q.speaker_family = ?",
                                      [family]):
                stored.setdefault((sid, sname), set()).add(name)
            assert sorted((k[1], sorted(v)) for k, v in stored.items()) == sorted(
                (g.name, sorted(g.names)) for g in groups)
    finally:
        conn.close()


# -- the seed -----------------------------------------------------------------

def test_seed_gives_exactly_the_four_quoted_speakers_with_aliases_and_roles(db):
    result = run(db, "ingest", str(REPO / "seeds"))
    assert result.exit_code == 0, result.output
    rows = ok(db, "speakers")
    # the four quoted, then the Pentagon, whose words the article reports without quoting them
    assert [(r["name"], r["quotes"]) for r in rows] == [
        ("Antony Blinken", 6), ("Jen Psaki", 3), ("Joe Biden", 1), ("Ned Price", 1), ("Pentagon", 0)]
    assert [(r["statements"], r["mixed"], r["indirect"]) for r in rows] == [
        (7, 1, 0), (4, 1, 0), (2, 0, 1), (2, 0, 1), (1, 0, 1)]
    blinken = rows[0]
    assert blinken["kind"] == "person"
    assert {"Blinken", "Secretary Blinken", "Antony Blinken"} <= set(blinken["aliases"])
    assert "he" not in blinken["aliases"] and "the top American diplomat" not in blinken["aliases"]
    assert blinken["roles"][0] == "Secretary of State"
    assert rows[1]["roles"] == ["White House Spokesperson"]


def test_the_library_is_in_wal_mode_with_full_text_search_and_labelled_foreign_keys(db):
    ok(db, "ingest", str(SEED))
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    fks = {(r[2], r[3]) for r in conn.execute("PRAGMA foreign_key_list(quotes)")}
    assert fks == {("articles", "article_id"), ("speakers", "speaker_id")}
    assert "name" in [r[1] for r in conn.execute("PRAGMA table_info(speakers)")]
    hits = conn.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'hasty'").fetchone()[0]
    assert hits == 1
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_export_gives_the_extractors_quotes_in_gold_format(db):
    ok(db, "ingest", str(SEED))
    result = run(db, "export")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 1
    article = lines[0]
    text = SEED.read_text(encoding="utf-8")
    assert article["id"] == str(SEED) and article["text"] == text
    expected = [q.to_dict() for q in quotetrack.extract(text)]
    got = article["quotes"]
    assert [(q["start"], q["end"], q["speaker"]) for q in got] == \
        [(q["start"], q["end"], q["speaker"]) for q in expected]
    for q in got:
        assert text[q["start"]:q["end"]] == q["text"]
        if "mention" in q:
            assert text[q["mention"]["start"]:q["mention"]["end"]] == q["mention"]["text"]


# -- output flags ---------------------------------------------------------------

def test_output_flags(db):
    ok(db, "ingest", str(SEED))
    nl = run(db, "speakers", "--nl").stdout.splitlines()
    assert [json.loads(line)["name"] for line in nl][0] == "Antony Blinken"
    rows = list(csv.DictReader(io.StringIO(run(db, "speakers", "--csv").stdout)))
    assert rows[0]["name"] == "Antony Blinken" and rows[0]["quotes"] == "6"
    assert "Secretary Blinken" in rows[0]["aliases"].split("; ")
    tsv = run(db, "speakers", "--tsv").stdout.splitlines()
    assert tsv[0].split("\t")[:4] == ["id", "name", "kind", "quotes"]
    table = run(db, "speakers", "-t").stdout.splitlines()
    assert table[0].split()[:4] == ["id", "name", "kind", "quotes"]
    assert "Antony Blinken" in table[2]
    both = run(db, "speakers", "--nl", "--csv")
    assert both.exit_code == 2 and "one output format" in both.stderr


def test_empty_library_lists_empty_arrays(db):
    write_jsonl(Path(db).with_suffix(".jsonl"), [{"id": "a", "text": "Nothing is said here."}])
    ok(db, "ingest", str(Path(db).with_suffix(".jsonl")))
    assert ok(db, "speakers") == []
    assert ok(db, "quotes") == []
    assert [a["id"] for a in ok(db, "articles")] == ["a"]


# -- quotes and articles ------------------------------------------------------

DATED = [
    {"id": "d1", "text": "“We will act,” Antony Blinken said.", "published": "2021-03-01",
     "title": "One", "publisher": "Wire"},
    {"id": "d2", "text": "“Diplomacy is open,” Antony Blinken said.", "date": "2021-03-05T10:00:00Z"},
    {"id": "d3", "text": "“No comment on that,” Jen Psaki said."},
]


def test_quotes_filters_by_speaker_article_dates_and_text(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "dated.jsonl", DATED))
    everything = ok(db, "quotes")
    assert [(q["article"], q["speaker"]) for q in everything] == [
        ("d1", "Antony Blinken"), ("d2", "Antony Blinken"), ("d3", "Jen Psaki")]
    q = everything[0]
    assert {"id", "text", "speaker", "article", "start", "end", "mention", "cue", "confidence",
            "method"} <= set(q)
    assert DATED[0]["text"][q["start"]:q["end"]] == q["text"]
    assert [q["article"] for q in ok(db, "quotes", "--speaker", "Blinken")] == ["d1", "d2"]
    assert [q["article"] for q in ok(db, "quotes", "--article", "d3")] == ["d3"]
    assert [q["article"] for q in ok(db, "quotes", "--since", "2021-03-02")] == ["d2"]
    assert [q["article"] for q in ok(db, "quotes", "--until", "2021-03-05")] == ["d1", "d2"]
    assert ok(db, "quotes", "--since", "2021-03-02", "--until", "2021-03-04") == []
    assert [q["article"] for q in ok(db, "quotes", "--search", "diplomacy")] == ["d2"]
    assert len(ok(db, "quotes", "--limit", "1")) == 1
    articles = ok(db, "articles")
    assert [(a["id"], a["published"], a["quotes"]) for a in articles] == [
        ("d1", "2021-03-01", 1), ("d2", "2021-03-05", 1), ("d3", None, 1)]
    assert articles[0]["title"] == "One" and articles[0]["publisher"] == "Wire"
    assert [a["id"] for a in ok(db, "articles", "--since", "2021-03-02")] == ["d2"]


def test_quotes_article_accepts_the_file_path_as_given(db, tmp_path, monkeypatch):
    ok(db, "ingest", str(SEED))
    monkeypatch.chdir(REPO)
    assert len(ok(db, "quotes", "--article", "seeds/000_7d63752a5a5a4f90.txt", "--kind", "direct")) == 12


@pytest.mark.parametrize("args, message", [
    (["quotes", "--speaker", "Nobody Atall"], "no speaker named like 'Nobody Atall'"),
    (["quotes", "--article", "nope"], "no article with id 'nope'"),
    (["speakers", "rename", "Nobody Atall", "X"], "no speaker named 'Nobody Atall'"),
    (["speakers", "merge", "Jen Psaki", "Nobody Atall"], "no speaker named 'Nobody Atall'"),
    (["speakers", "rename", "Jen Psaki", "Antony Blinken"], "use: quotetrack speakers merge"),
    (["speakers", "merge", "Blinken", "Antony Blinken"], "is already Antony Blinken"),
    (["quotes", "reassign", "9999", "Jen Psaki"], "no quote with id 9999"),
    (["quotes", "reassign", "1", "Nobody Atall"], "add --new"),
])
def test_user_errors_are_one_line(db, args, message):
    ok(db, "ingest", str(SEED))
    result = run(db, *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_dates_are_usage_errors(db):
    ok(db, "ingest", str(SEED))
    result = run(db, "quotes", "--since", "March 2021")
    assert result.exit_code == 2 and "not a date" in result.stderr


def test_reading_a_missing_or_foreign_library_is_one_line(db, tmp_path):
    result = run(db, "speakers")
    assert result.exit_code == 1 and "no library at" in result.stderr
    assert not Path(db).exists()  # reading never creates it
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    result = run(str(other), "speakers")
    assert result.exit_code == 1 and "not a quotetrack library" in result.stderr
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    result = run(str(junk), "ingest", str(SEED))
    assert result.exit_code == 1 and "not a quotetrack library" in result.stderr


# -- speakers across articles ----------------------------------------------------

BLINKENS = [
    {"id": "b1", "text": "“We will act,” Blinken said."},
    {"id": "b2", "text": "“Diplomacy is open,” said Secretary Blinken."},
    {"id": "b3", "text": "“We are clear on this,” Antony Blinken said."},
    {"id": "b4", "text": "“Iran must comply,” Secretary of State Antony Blinken said."},
]
CLINTONS = [
    {"id": "c1", "text": "Former President Bill Clinton spoke in Little Rock on Monday. "
                         "“We need jobs,” Clinton said."},
    {"id": "c2", "text": "Hillary Clinton campaigned in Iowa on Tuesday. "
                         "“I will fight for you,” Clinton said."},
    {"id": "c3", "text": "“It is time for a change,” Clinton said."},
    {"id": "t1", "text": "“Great crowd tonight,” Donald Trump said."},
    {"id": "t2", "text": "“Thanks, Dad,” Donald Trump Jr. said."},
    {"id": "t3", "text": "“Very big,” Trump said."},
]


def test_one_speaker_for_every_form_of_a_name_across_articles(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "b.jsonl", BLINKENS))
    rows = ok(db, "speakers")
    assert [(r["name"], r["quotes"]) for r in rows] == [("Antony Blinken", 4)]
    assert rows[0]["roles"] == ["Secretary of State"]
    assert {"Blinken", "Secretary Blinken", "Antony Blinken", "Secretary of State Antony Blinken"} \
        <= set(rows[0]["aliases"])


def test_merging_across_articles_keeps_the_clintons_and_trumps_apart(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "c.jsonl", CLINTONS))
    assert speakers(db) == {"Bill Clinton": 1, "Hillary Clinton": 1, "Clinton": 1,
                            "Donald Trump": 2, "Donald Trump Jr.": 1}


def test_speakers_do_not_depend_on_ingest_order(tmp_path, monkeypatch):
    monkeypatch.delenv(locations.ENV_VAR, raising=False)
    articles = BLINKENS + CLINTONS
    seen = []
    for n, order in enumerate([articles, articles[::-1], articles[3:] + articles[:3]]):
        path = str(tmp_path / ("lib%d.db" % n))
        ok(path, "ingest", write_jsonl(tmp_path / ("in%d.jsonl" % n), order))
        seen.append(sorted((s["name"], s["quotes"], tuple(sorted(s["aliases"])))
                           for s in ok(path, "speakers")))
    assert seen[0] == seen[1] == seen[2]


def test_a_bare_surname_moves_when_a_second_person_with_it_arrives(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "1.jsonl", [CLINTONS[1], CLINTONS[2]]))
    assert speakers(db) == {"Hillary Clinton": 2}
    ok(db, "ingest", write_jsonl(tmp_path / "2.jsonl", [CLINTONS[0]]))
    assert speakers(db) == {"Bill Clinton": 1, "Hillary Clinton": 1, "Clinton": 1}


def test_a_changed_text_replaces_its_quotes(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "v1.jsonl", [{"id": "a", "text": BLINKENS[2]["text"]}]))
    assert speakers(db) == {"Antony Blinken": 1}
    ok(db, "ingest", write_jsonl(tmp_path / "v2.jsonl", [{"id": "a", "text": DATED[2]["text"]}]))
    assert speakers(db) == {"Jen Psaki": 1}
    assert [q["text"] for q in ok(db, "quotes")] == ["No comment on that,"]
    assert len(ok(db, "articles")) == 1
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM aliases").fetchone()[0] == 1  # Blinken's are gone


def test_new_metadata_for_the_same_text_updates_only_the_article(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "v1.jsonl", [DATED[0]]))
    before = ok(db, "quotes")
    changed = dict(DATED[0], title="A better title")
    result = run(db, "ingest", write_jsonl(tmp_path / "v2.jsonl", [changed]))
    assert "1 with new metadata" in result.stderr
    assert ok(db, "articles")[0]["title"] == "A better title"
    assert ok(db, "quotes") == [dict(q, title="A better title") for q in before]


# -- corrections ----------------------------------------------------------------

def test_merge_holds_on_later_ingests(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "c.jsonl", CLINTONS[:3]))
    assert speakers(db)["Clinton"] == 1
    result = run(db, "speakers", "merge", "Clinton", "Hillary Clinton")
    assert result.exit_code == 0 and "Merged Clinton into Hillary Clinton" in result.stderr
    assert speakers(db) == {"Hillary Clinton": 2, "Bill Clinton": 1}
    # a new article naming only "Clinton" goes to Hillary too, although Bill is known
    ok(db, "ingest", write_jsonl(tmp_path / "more.jsonl",
                                 [{"id": "c4", "text": "“We will win in November,” Clinton said."}]))
    assert speakers(db) == {"Hillary Clinton": 3, "Bill Clinton": 1}
    assert "Clinton" in ok(db, "speakers")[0]["aliases"]


def test_rename_holds_on_later_ingests(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "b.jsonl", BLINKENS[2:]))
    result = run(db, "speakers", "rename", "Antony Blinken", "Tony Blinken")
    assert result.exit_code == 0, result.output
    assert speakers(db) == {"Tony Blinken": 2}
    ok(db, "ingest", write_jsonl(tmp_path / "more.jsonl", BLINKENS[:2]))
    ok(db, "ingest", write_jsonl(tmp_path / "again.jsonl",
                                 [{"id": "b5", "text": "“More talks soon,” Antony Blinken said."}]))
    assert speakers(db) == {"Tony Blinken": 5}


def test_reassigning_a_quote_holds_while_the_text_is_the_same(db, tmp_path):
    first = write_jsonl(tmp_path / "v1.jsonl", [DATED[0], DATED[2]])
    ok(db, "ingest", first)
    qid = ok(db, "quotes", "--article", "d1")[0]["id"]
    result = run(db, "quotes", "reassign", str(qid), "Jen Psaki")
    assert result.exit_code == 0, result.output
    assert speakers(db) == {"Jen Psaki": 2}
    # the article changes (quotes replaced), then comes back: the correction applies again
    ok(db, "ingest", write_jsonl(tmp_path / "v2.jsonl", [dict(DATED[0], text="Nothing said.")]))
    assert speakers(db) == {"Jen Psaki": 1}
    ok(db, "ingest", first)
    assert speakers(db) == {"Jen Psaki": 2}
    assert ok(db, "quotes", "--article", "d1")[0]["speaker"] == "Jen Psaki"


def test_reassign_to_nobody_and_to_a_new_speaker(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "d.jsonl", DATED))
    qid = ok(db, "quotes", "--article", "d3")[0]["id"]
    assert run(db, "quotes", "reassign", str(qid), "--none").exit_code == 0
    assert speakers(db) == {"Antony Blinken": 2}
    assert ok(db, "quotes", "--article", "d3")[0]["speaker"] is None
    assert run(db, "quotes", "reassign", str(qid), "Karine Jean-Pierre", "--new").exit_code == 0
    assert speakers(db) == {"Antony Blinken": 2, "Karine Jean-Pierre": 1}
    assert run(db, "quotes", "reassign", str(qid)).exit_code == 2


def test_reassign_from_a_speaker_to_a_new_one_keeps_both(db, tmp_path):
    # the old speaker keeps its other quotes and its name; the new one gets the quote
    # ("Abbott" sorts before "Blinken": its family is regrouped first)
    ok(db, "ingest", write_jsonl(tmp_path / "d.jsonl", DATED))
    qid = ok(db, "quotes", "--article", "d1")[0]["id"]
    assert run(db, "quotes", "reassign", str(qid), "Ann Abbott", "--new").exit_code == 0
    assert speakers(db) == {"Antony Blinken": 1, "Jen Psaki": 1, "Ann Abbott": 1}
    assert ok(db, "quotes", "--article", "d1")[0]["speaker"] == "Ann Abbott"
    ok(db, "ingest", write_jsonl(tmp_path / "d.jsonl", DATED))
    assert speakers(db) == {"Antony Blinken": 1, "Jen Psaki": 1, "Ann Abbott": 1}


def test_corrected_speaker_is_exported(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "c.jsonl", CLINTONS[:3]))
    ok(db, "speakers", "merge", "Clinton", "Bill Clinton")
    exported = [json.loads(line) for line in run(db, "export").stdout.splitlines()]
    assert [q["speaker"] for a in exported for q in a["quotes"]] == [
        "Bill Clinton", "Hillary Clinton", "Bill Clinton"]


# -- where the library is -----------------------------------------------------

def test_db_path_comes_from_option_then_environment_then_default(tmp_path, monkeypatch):
    monkeypatch.delenv(locations.ENV_VAR, raising=False)
    default = locations.db_path()
    assert default == locations.default_db_path() and default.name == "quotetrack.db"
    monkeypatch.setenv(locations.ENV_VAR, str(tmp_path / "env.db"))  # read at call time
    assert locations.db_path() == tmp_path / "env.db"
    assert locations.db_path(str(tmp_path / "opt.db")) == tmp_path / "opt.db"


def test_environment_variable_and_subcommand_option_choose_the_library(tmp_path, monkeypatch):
    monkeypatch.setenv(locations.ENV_VAR, str(tmp_path / "env.db"))
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(SEED), "--silent"]).exit_code == 0
    assert (tmp_path / "env.db").exists()
    assert runner.invoke(cli, ["ingest", "--db", str(tmp_path / "sub.db"), str(SEED)]).exit_code == 0
    assert (tmp_path / "sub.db").exists()
    result = runner.invoke(cli, ["speakers", "--db", str(tmp_path / "sub.db")])
    assert len(json.loads(result.stdout)) == 5  # the seed's four quoted speakers and the Pentagon


def test_default_library_is_per_user(tmp_path, monkeypatch):
    monkeypatch.delenv(locations.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    result = CliRunner().invoke(cli, ["ingest", str(SEED)])
    assert result.exit_code == 0, result.output
    assert locations.default_db_path().exists()
    assert str(locations.default_db_path()).startswith(str(tmp_path))


# -- help and shape ---------------------------------------------------------------

def _all_commands(group=cli, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,)
        if isinstance(command, click.Group):
            yield from _all_commands(command, prefix + (name,))


@pytest.mark.parametrize("path", list(_all_commands()), ids=" ".join)
def test_every_command_and_subcommand_has_help_with_an_example(path):
    result = CliRunner().invoke(cli, [*path, "-h"])
    assert result.exit_code == 0 and "Example:" in result.stdout


def test_open_db_refuses_another_schema_version(tmp_path):
    path = tmp_path / "future.db"
    store.open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(store.StoreError, match="schema version 99"):
        store.open_db(path)


def test_corrections_are_listed(db, tmp_path):
    ok(db, "ingest", write_jsonl(tmp_path / "d.jsonl", DATED))
    qid = ok(db, "quotes", "--article", "d1")[0]["id"]
    assert run(db, "speakers", "rename", "Jen Psaki", "Jennifer Psaki").exit_code == 0
    assert run(db, "quotes", "reassign", str(qid), "Ann Abbott", "--new").exit_code == 0
    rows = ok(db, "corrections")
    assert {(r["correction"], r["to"]) for r in rows} >= {("rename", "Jennifer Psaki"),
                                                            ("reassign", "Ann Abbott")}
    reassigned = [r for r in rows if r["correction"] == "reassign"]
    assert [(r["quote"], r["article"]) for r in reassigned] == [(qid, "d1")]


# -- lone surnames across articles (the engine's names given by hand) ---------------

def store_articles(db, articles):
    """Store articles through the library API: (id, text, [(speaker, mention, roles)]), each quote
    the text's first quotation after the previous one; the engine is left out so the names are
    exactly these."""
    from quotetrack.engine.model import Quote, Span

    conn = store.open_db(db)
    try:
        for aid, text, said in articles:
            quotes, pos = [], 0
            for speaker, mention, roles in said:
                start = text.index("“", pos) + 1
                end = text.index("”", start)
                m = text.index(mention, end) if mention else None
                quotes.append(Quote(start, end, text[start:end], speaker=speaker,
                                    mention=Span(m, m + len(mention), mention) if mention else None,
                                    confidence=0.9, speaker_kind="person", roles=tuple(roles)))
                pos = end + 1
            store.write_article(conn, store.ArticleRecord(aid, text), quotes)
    finally:
        conn.close()


PRYCES = [  # Tom Pryce is quoted most; one article names Ellen Pryce, one only says "Mrs. Pryce"
    ("p1", "“Taxes go down,” Tom Pryce said. “Yes,” he said.", [("Tom Pryce", "Tom Pryce", ()),
                                                               ("Tom Pryce", "he", ())]),
    ("p2", "“Roads first,” Tom Pryce said.", [("Tom Pryce", "Tom Pryce", ())]),
    ("p3", "Sen. Ellen Pryce came to Ohio. “Schools first,” Pryce said.", [("Pryce", "Pryce", ())]),
    ("p4", "“No deal,” Mrs. Pryce said.", [("Pryce", "Mrs. Pryce", ())]),
    ("p5", "“Maybe,” Pryce said.", [("Pryce", "Pryce", ())]),
    ("p6", "“Ellen is right,” Ellen Pryce said.", [("Ellen Pryce", "Ellen Pryce", ())]),
]


def test_a_lone_surname_joins_the_person_its_article_names(db):
    store_articles(db, PRYCES)
    by_article = {q["article"]: q["speaker"] for q in ok(db, "quotes")}
    assert by_article["p3"] == "Ellen Pryce"  # the article's full name
    assert by_article["p4"] == "Ellen Pryce"  # "Mrs." and the gazetteer's Ellen
    assert by_article["p5"] == "Tom Pryce"  # nothing said: the dominant Pryce
    assert speakers(db) == {"Tom Pryce": 4, "Ellen Pryce": 3}


def test_a_surname_joined_only_by_dominance_has_a_lower_confidence(db):
    store_articles(db, PRYCES)
    conf = {q["article"]: q["confidence"] for q in ok(db, "quotes")}
    assert conf["p5"] == pytest.approx(0.9 * 0.5) and conf["p3"] == conf["p2"] == pytest.approx(0.9)
    exported = {a["id"]: a["quotes"][0]["confidence"] for a in
                map(json.loads, run(db, "export").stdout.splitlines())}
    assert exported["p5"] == pytest.approx(0.45) and exported["p1"] == pytest.approx(0.9)


def test_trump_and_trump_jr_and_the_clintons_stay_apart_when_the_article_says_which(db):
    store_articles(db, [
        ("t1", "“Big,” Donald Trump said. “Huge,” Donald Trump said.",
         [("Donald Trump", "Donald Trump", ()), ("Donald Trump", "Donald Trump", ())]),
        ("t2", "Donald Trump Jr. spoke in Ohio. “Thanks, Dad,” Trump said.", [("Trump", "Trump", ())]),
        ("t3", "“Jobs,” Donald Trump Jr. said.", [("Donald Trump Jr.", "Donald Trump Jr.", ())]),
        ("c1", "“Win,” Hillary Clinton said. “Fight,” she said.",
         [("Hillary Clinton", "Hillary Clinton", ()), ("Hillary Clinton", "she", ())]),
        ("c2", "“Jobs,” Bill Clinton said.", [("Bill Clinton", "Bill Clinton", ("former President",))]),
        ("c3", "Bill Clinton spoke in Iowa. “Her record is strong,” Clinton said.",
         [("Clinton", "Clinton", ())]),
        ("c4", "“It was a good time,” Clinton said.", [("Clinton", "Clinton", ("former President",))]),
    ])
    by_article = {q["article"]: q["speaker"] for q in ok(db, "quotes")}
    assert by_article["t2"] == "Donald Trump Jr." and by_article["c3"] == by_article["c4"] == "Bill Clinton"
    assert speakers(db) == {"Donald Trump": 2, "Donald Trump Jr.": 2, "Hillary Clinton": 2,
                            "Bill Clinton": 3}


def test_lone_surnames_do_not_depend_on_ingest_order(tmp_path):
    results = []
    for i, order in enumerate([PRYCES, PRYCES[::-1], PRYCES[2:] + PRYCES[:2]]):
        path = str(tmp_path / ("%d.db" % i))
        store_articles(path, order)
        assert_consistent(path)
        results.append(sorted((q["article"], q["speaker"], q["confidence"]) for q in ok(path, "quotes")))
    assert results[0] == results[1] == results[2]


def test_a_name_means_the_same_speaker_in_every_command(db):
    # "Clinton" is a speaker of its own (Bill and Hillary tie) and an alias of Bill's
    store_articles(db, [
        ("c1", "“Jobs now,” Bill Clinton said. “Jobs,” Clinton said.",
         [("Bill Clinton", "Bill Clinton", ()), ("Bill Clinton", "Clinton", ())]),
        ("c2", "“Jobs too,” Hillary Clinton said. “More jobs,” Hillary Clinton said.",
         [("Hillary Clinton", "Hillary Clinton", ()), ("Hillary Clinton", "Hillary Clinton", ())]),
        ("c3", "“Jobs again,” Clinton said.", [("Clinton", "Clinton", ())]),
        ("o1", "“Other jobs,” Jen Psaki said.", [("Jen Psaki", "Jen Psaki", ())]),
    ])
    from quotetrack.search import resolve_speaker

    for name in ("Clinton", "Bill Clinton", "clinton", "Hillary Clinton", "#1"):
        listed = {q["speaker"] for q in ok(db, "quotes", "--speaker", name)}
        found = {h["speaker"] for h in ok(db, "search", "jobs", "--speaker", name, "--min-score", "0")}
        # --min-length 0: these statements are short, and compare skips fragments by default
        sides = {row["a_speaker"] for row in ok(db, "compare", name, "Jen Psaki", "--min-length", "0")}
        conn = sqlite3.connect(db)
        expected = resolve_speaker(conn, name)[1]
        conn.close()
        assert listed == found == sides == {expected}, name


def test_corrections_win_over_what_an_article_says(db):
    store_articles(db, PRYCES[4:5])  # only "Pryce": a speaker of its own
    ok(db, "speakers", "rename", "Pryce", "Tom Pryce")
    store_articles(db, PRYCES[2:4])  # "Ellen Pryce" in the article, then "Mrs. Pryce"
    assert speakers(db) == {"Tom Pryce": 3}
    qid = next(q["id"] for q in ok(db, "quotes") if q["article"] == "p3")
    ok(db, "quotes", "reassign", str(qid), "Ellen Pryce", "--new")
    store_articles(db, PRYCES)
    by_article = {q["article"]: q["speaker"] for q in ok(db, "quotes")}
    assert by_article["p3"] == "Ellen Pryce" and by_article["p4"] == by_article["p5"] == "Tom Pryce"


def as_version_4(conn):
    """Take a library back to schema version 4, as the quotetrack before reported speech made
    it: its quotations only, no kinds, cue types nor fragments, no counts by kind, and the
    statements view naming the speaker's kind ``kind``."""
    conn.execute("DELETE FROM quotes WHERE kind != 'direct'")
    for sid, in conn.execute("SELECT id FROM speakers WHERE quotes <= 0").fetchall():
        for table in ("aliases", "roles"):
            conn.execute("DELETE FROM %s WHERE speaker_id = ?" % table, [sid])
        conn.execute("DELETE FROM speakers WHERE id = ?", [sid])
    conn.execute("DROP VIEW statements")
    conn.execute("DROP TABLE reported_pending")
    for name in ("quotes_speaker_ai", "quotes_speaker_ad", "quotes_speaker_au"):
        conn.execute("DROP TRIGGER %s" % name)
    for column in ("kind", "cue_type", "fragments"):
        conn.execute("ALTER TABLE quotes DROP COLUMN %s" % column)
    for column in ("direct", "mixed", "indirect", "attitudes"):
        conn.execute("ALTER TABLE speakers DROP COLUMN %s" % column)
    for sql in VERSION_4_COUNT_TRIGGERS:
        conn.execute(sql)
    conn.execute("CREATE VIEW statements AS SELECT q.id, q.text, s.name AS speaker, q.speaker_id, "
                 "q.speaker_kind AS kind, a.publisher, a.published, a.label AS title, a.url, "
                 "q.article_id FROM quotes q JOIN articles a ON a.id = q.article_id "
                 "LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.hidden = 0")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()


# the speakers' count triggers of version 4: quotes, roles and aliases, no counts by kind
_V4_ADD = """
    UPDATE speakers SET quotes = quotes + 1 WHERE id = new.speaker_id;
    INSERT INTO roles (speaker_id, role, quotes) SELECT new.speaker_id, value, 1
        FROM json_each(new.roles) WHERE new.speaker_id IS NOT NULL
        ON CONFLICT (speaker_id, role) DO UPDATE SET quotes = quotes + 1;
    INSERT INTO aliases (speaker_id, alias, quotes) SELECT new.speaker_id, value, 1
        FROM json_each(new.alias_forms) WHERE new.speaker_id IS NOT NULL
        ON CONFLICT (speaker_id, alias) DO UPDATE SET quotes = quotes + 1;
"""
_V4_REMOVE = """
    UPDATE speakers SET quotes = quotes - 1 WHERE id = old.speaker_id;
    UPDATE roles SET quotes = quotes - 1 WHERE speaker_id = old.speaker_id
        AND role IN (SELECT value FROM json_each(old.roles));
    DELETE FROM roles WHERE speaker_id = old.speaker_id AND quotes <= 0;
    UPDATE aliases SET quotes = quotes - 1 WHERE speaker_id = old.speaker_id
        AND alias IN (SELECT value FROM json_each(old.alias_forms));
    DELETE FROM aliases WHERE speaker_id = old.speaker_id AND quotes <= 0;
"""
VERSION_4_COUNT_TRIGGERS = (
    "CREATE TRIGGER quotes_speaker_ai AFTER INSERT ON quotes WHEN new.speaker_id IS NOT NULL "
    "BEGIN %s END" % _V4_ADD,
    "CREATE TRIGGER quotes_speaker_ad AFTER DELETE ON quotes WHEN old.speaker_id IS NOT NULL "
    "BEGIN %s END" % _V4_REMOVE,
    "CREATE TRIGGER quotes_speaker_au AFTER UPDATE OF speaker_id, roles, alias_forms ON quotes "
    "WHEN old.speaker_id IS NOT new.speaker_id OR old.roles IS NOT new.roles "
    "OR old.alias_forms IS NOT new.alias_forms BEGIN %s %s END" % (_V4_REMOVE, _V4_ADD),
)


def as_version_3(conn):
    """Take a library back to schema version 3: no correction log, hidden quotes, article
    labels nor statements view (the corrections stay in their tables)."""
    as_version_4(conn)
    conn.execute("DROP VIEW statements")
    conn.execute("DROP TABLE correction_log")
    conn.execute("DROP INDEX idx_quotes_hidden")
    conn.execute("ALTER TABLE articles DROP COLUMN label")
    conn.execute("ALTER TABLE quotes DROP COLUMN hidden")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()


def test_a_version_1_library_is_brought_up_to_date(tmp_path):
    path = str(tmp_path / "old.db")
    store_articles(path, PRYCES)
    expected = ok(path, "quotes")
    conn = sqlite3.connect(path)
    as_version_3(conn)
    # as version 1 left it: no name summaries, no speaker_link, the engine's lone surnames as they came
    for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'quotes_names_%'").fetchall():
        conn.execute("DROP TRIGGER %s" % trigger)
    conn.execute("DROP TABLE name_counts")
    conn.execute("DROP TABLE name_roles")
    conn.execute("DROP INDEX %s" % store.SUMMARY_INDEX)
    conn.execute("CREATE INDEX idx_quotes_speaker_family_speaker_name ON quotes (speaker_family, speaker_name)")
    conn.execute("ALTER TABLE quotes DROP COLUMN speaker_link")
    conn.execute("UPDATE quotes SET speaker_name = engine_speaker")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    assert ok(path, "quotes") == expected
    assert_consistent(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION


def test_a_speakers_roles_are_a_function_of_its_role_counts_whatever_the_order(tmp_path, monkeypatch):
    # "The senator" is Hillary's while she is the only Clinton; when Bill arrives it stands
    # alone, and Hillary's listed roles must lose its role, as if Bill had come first
    monkeypatch.delenv(locations.ENV_VAR, raising=False)
    articles = [
        {"id": "h", "text": "“I will fight for you,” Hillary Clinton said."},
        {"id": "s", "text": "“We need a vote,” Senator Clinton said."},
        {"id": "b", "text": "“We need jobs,” Bill Clinton said."},
    ]
    seen = []
    for n, order in enumerate([articles, articles[::-1]]):
        path = str(tmp_path / ("lib%d.db" % n))
        for i, article in enumerate(order):  # one ingest each: the library grows article by article
            ok(path, "ingest", write_jsonl(tmp_path / ("in%d-%d.jsonl" % (n, i)), [article]))
        conn = sqlite3.connect(path)
        for sid, roles in conn.execute("SELECT id, roles FROM speakers").fetchall():
            assert json.loads(roles) == store._roles(sqlite_utils.Database(conn), sid)
        conn.close()
        seen.append(sorted((s["name"], tuple(s["roles"])) for s in ok(path, "speakers")))
    assert seen[0] == seen[1]


def test_regrouping_families_together_is_regrouping_them_one_after_the_other(tmp_path):
    # regroup reads which speakers also hold another family's quotes once for all its
    # families; a family regrouped first can change that for the next (here "Clinton"
    # gives up the speaker one quote took to "Smith", which "Smith" may then keep)
    from test_corrections import state

    paths = []
    for together in (True, False):
        path = tmp_path / ("together.db" if together else "apart.db")
        db = store.open_db(path)
        text = "“We will win,” Bill Clinton said.\n\n“Taxes must fall,” Bill Clinton said."
        store.write_article(db, store.ArticleRecord("a1", text), quotetrack.extract(text))
        with store.transaction(db):
            # a quote said to be someone else's: its name changes, its speaker not yet
            qid, sid = db.execute("SELECT id, speaker_id FROM quotes ORDER BY id").fetchone()
            db.execute("UPDATE quotes SET speaker_name = 'Bill Smith', speaker_family = 'smith' "
                       "WHERE id = ?", [qid])
            if together:
                store.regroup(db, ["clinton", "smith"], [sid])
            else:
                store.regroup(db, ["clinton"], [sid])
                store.regroup(db, ["smith"], [sid])
        db.close()
        paths.append(path)
    assert state(paths[0]) == state(paths[1])
    assert_consistent(paths[0])


def _display_roles_by_definition(role_counts):
    """``store.display_roles`` as first written (every role against every other): the spec."""
    from collections import Counter, defaultdict

    counts, spelling = Counter(), defaultdict(Counter)
    for role, n in role_counts:
        role = " ".join(str(role).split())
        if role.casefold() in store.NOT_ROLES:
            continue
        counts[role.casefold()] += n
        spelling[role.casefold()][role] += n
    for short in sorted(counts, key=len):
        longer = [k for k in counts if k.startswith(short + " ")]
        if longer:
            counts[max(longer, key=lambda k: (counts[k], k))] += counts.pop(short)
    best = {k: min(spelling[k], key=lambda s: (-spelling[k][s], s)) for k in counts}
    return [best[k] for k in sorted(counts, key=lambda k: (-counts[k], best[k]))]


def test_display_roles_fold_each_title_into_its_most_quoted_longer_one():
    roles = [("Secretary", 5), ("Secretary of State", 2), ("secretary of state", 1),
             ("Secretary of Defense", 3), ("Secretary of State for Europe", 1), ("former", 9),
             ("Senator", 1)]
    # "Secretary" (5) goes to "Secretary of State" (3 in two spellings against Defense's 3:
    # the later title wins a tie), which goes on to the longer "... for Europe"; "former"
    # is no role
    assert store.display_roles(roles) == ["Secretary of State for Europe", "Secretary of Defense",
                                          "Senator"]
    assert store.display_roles(roles) == _display_roles_by_definition(roles)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(["Secretary", "secretary", "of", "State", "Vice",
                                                     "President", "former", "the", "Defense"]),
                                   min_size=1, max_size=4).map(" ".join), st.integers(1, 5)),
                max_size=14))
def test_display_roles_are_those_of_their_definition(role_counts):
    assert store.display_roles(role_counts) == _display_roles_by_definition(role_counts)
