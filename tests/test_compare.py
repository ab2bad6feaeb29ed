"""quotetrack compare: two officials' statements side by side, paired by subject."""

import json
from pathlib import Path

import pytest

from quotetrack import search
from quotetrack.engine.model import Quote
from quotetrack.library import ingest, locations, store
from quotetrack.library.store import ArticleRecord
from quotetrack.search import compare, normalise

import clitools  # tests/ is on the path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def add(db, article_id, quotes, published=None):
    """Store an article made of ``quotes`` [(speaker, text)], each quote one line in marks."""
    text, spans = "", []
    for speaker, quote in quotes:
        start = len(text) + 1
        spans.append(Quote(start, start + len(quote), quote, speaker=speaker, speaker_kind="person"))
        text += "“%s,” %s said.\n" % (quote, speaker)
    store.write_article(db, ArticleRecord(article_id, text, published=published), spans)


@pytest.fixture
def seed_db(tmp_path):
    """The seed article ingested through the whole pipeline (extraction included)."""
    db = store.open_db(tmp_path / "seed.db")
    summary = ingest.ingest(db, [str(SEEDS)])
    assert summary.errors == 0 and summary.new == 1
    yield db
    db.close()


@pytest.fixture
def db(tmp_path):
    """Two senators on sanctions, climate, trade and a few things only one of them talks about."""
    db = store.open_db(tmp_path / "library.db")
    add(db, "x1", [
        ("Ann Smith", "New sanctions on Russian banks will stop the money flowing to the war"),
        ("Ann Smith", "Climate change is the challenge of our generation and we must cut emissions now"),
        ("Ann Smith", "Our farmers need the trade deal with Canada signed this year"),
        ("Bob Jones", "Sanctions on Russian banks never work; the money finds another way"),
    ], published="2022-03-01")
    add(db, "x2", [
        ("Bob Jones", "Cutting emissions this fast will cost jobs, whatever the climate models say"),
        ("Bob Jones", "The trade deal with Canada sells out our dairy farmers"),
        ("Bob Jones", "The new stadium downtown is a waste of taxpayer money"),
        ("Ann Smith", "I will hold a town hall in Springfield next Tuesday"),
    ], published="2022-04-01")
    add(db, "x3", [
        ("Ann Smith", "New sanctions on Russian banks will stop the money flowing to the war."),
    ], published="2022-02-01")
    yield db
    db.close()


def test_compare_pairs_statements_on_the_same_subject(db):
    result = compare.compare(db, "ann smith", "jones")
    assert result.a[1] == "Ann Smith" and result.b[1] == "Bob Jones"
    pairs = {p.a.text.split()[0]: p.b.text.split()[0] for p in result.pairs}
    assert pairs == {"New": "Sanctions", "Climate": "Cutting", "Our": "The"}
    trade = next(p for p in result.pairs if p.a.text.startswith("Our farmers"))
    assert "Canada" in trade.b.text
    assert [p.similarity for p in result.pairs] == sorted((p.similarity for p in result.pairs),
                                                          reverse=True)
    assert [s.text for s in result.only_a] == ["I will hold a town hall in Springfield next Tuesday"]
    assert [s.text for s in result.only_b] == ["The new stadium downtown is a waste of taxpayer money"]


def test_a_statement_in_two_articles_counts_once(db):
    result = compare.compare(db, "Ann Smith", "Bob Jones")
    assert result.statements_a == 4
    sanctions = next(p.a for p in result.pairs if p.a.text.startswith("New sanctions"))
    assert sanctions.articles == ("x3", "x1") and sanctions.published == "2022-02-01"
    assert len(sanctions.quote_ids) == 2


def test_about_keeps_the_statements_near_a_phrase(db):
    result = compare.compare(db, "Ann Smith", "Bob Jones", about="russian sanctions")
    assert result.statements_a == 1 and result.statements_b == 1
    assert len(result.pairs) == 1 and not result.only_a and not result.only_b
    result = compare.compare(db, "Ann Smith", "Bob Jones", about="climate emissions")
    assert [p.b.text.split()[0] for p in result.pairs] == ["Cutting"]


def test_min_similarity_and_dates(db):
    strict = compare.compare(db, "Ann Smith", "Bob Jones", min_similarity=99)
    assert not strict.pairs and len(strict.only_a) == 4 and len(strict.only_b) == 4
    later = compare.compare(db, "Ann Smith", "Bob Jones", since="2022-03-15")
    assert later.statements_a == 1 and later.statements_b == 3


def test_rows_are_flat_pairs_then_unpaired(db):
    rows = compare.compare(db, "Ann Smith", "Bob Jones").rows()
    assert [r["pair"] for r in rows] == [1, 2, 3, None, None]
    assert rows[3]["a_text"].startswith("I will hold") and rows[3]["b_text"] is None
    assert rows[4]["a_text"] is None and rows[4]["b_articles"] == ["x2"]
    subject = set(rows[0]["subject"])
    assert subject and subject <= set(normalise.fold(rows[0]["a_text"]).split())
    assert set(rows[0]) == {"pair", "similarity", "subject", "a_speaker", "a_text", "a_published",
                            "a_articles", "a_quote_ids", "b_speaker", "b_text", "b_published", "b_articles",
                            "b_quote_ids", "a_kind", "b_kind"}
    assert rows[0]["a_kind"] == rows[0]["b_kind"] == "direct" and rows[3]["b_kind"] is None
    json.dumps(rows)


def test_names_are_matched_fuzzily_and_errors_are_clear(db):
    assert compare.compare(db, "smiht", "bob jnoes").b[1] == "Bob Jones"
    with pytest.raises(search.SpeakerNotFound):
        compare.compare(db, "Ann Smith", "Zbigniew Brzezinski")
    with pytest.raises(compare.SameSpeaker):
        compare.compare(db, "Ann Smith", "ann smiht")


def test_compare_blinkin_psaki_on_the_seed(seed_db):
    result = compare.compare(seed_db, "Blinkin", "psaki")
    assert result.a[1] == "Antony Blinken" and result.b[1] == "Jen Psaki"
    assert result.statements_a >= 5 and result.statements_b >= 2
    assert result.pairs
    # Blinken's "we will take appropriate action ... at the time of our choosing" meets
    # Psaki's "we will take action again in a manner and time of our choosing"
    top = result.pairs[0]
    assert "time of our choosing" in top.a.text and "time of our choosing" in top.b.text
    assert {"time", "choosing"} <= set(top.subject)
    listed = [p.a for p in result.pairs] + list(result.only_a)
    assert len(listed) == result.statements_a


def test_compare_command_on_the_seed(seed_db, tmp_path, monkeypatch):
    monkeypatch.delenv(locations.ENV_VAR, raising=False)
    path = str(tmp_path / "seed.db")
    result = clitools.run(path, "compare", "Blinkin", "psaki")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["pair"] == 1 and rows[0]["a_speaker"] == "Antony Blinken"
    assert rows[0]["b_speaker"] == "Jen Psaki"
    assert "Antony Blinken (" in result.stderr and "pairs" in result.stderr
    table = clitools.run(path, "compare", "Blinkin", "psaki", "-t").stdout
    assert "Antony Blinken" in table.splitlines()[0] and "Jen Psaki" in table.splitlines()[0]
    about = json.loads(clitools.run(path, "compare", "Blinkin", "psaki",
                                    "--about", "time of our choosing").stdout)
    assert about and all("choosing" in (r["a_text"] or r["b_text"]) for r in about)
    bad = clitools.run(path, "compare", "Blinkin", "Nobodyhere")
    assert bad.exit_code == 1 and bad.output.startswith("Error: no speaker named like")
    same = clitools.run(path, "compare", "Blinkin", "blinken")
    assert same.exit_code == 1 and "compare two speakers" in same.output


def test_one_shared_common_word_pairs_nothing_and_fragments_are_skipped(tmp_path):
    db = store.open_db(tmp_path / "great.db")
    add(db, "g1", [
        ("Don Trump", "We will make America great again, believe me"),
        ("Don Trump", "Our great military will be great again"),
        ("Don Trump", "The border wall with Mexico gets built this year"),
        ("Hill Clinton", "Stronger together is a great thing for families"),
        ("Hill Clinton", "A border wall with Mexico is a fantasy that costs billions"),
        ("Hill Clinton", "great"),
    ], published="2016-09-01")
    result = compare.compare(db, "Trump", "Clinton")
    assert [(p.a.text.split()[1], p.b.text.split()[1]) for p in result.pairs] == [("border", "border")]
    assert {"border", "wall", "mexico"} <= set(result.pairs[0].subject)
    assert result.statements_b == 2  # "great" alone is a fragment
    assert compare.compare(db, "Trump", "Clinton", min_length=0).statements_b == 3


def test_one_rare_shared_term_is_enough():
    df = {"erbil": 2, "great": 5, "tax": 2}
    assert compare.substantial(["erbil"], df)
    assert not compare.substantial(["great"], df) and not compare.substantial(["tax"], df)
    assert compare.substantial(["great", "tax"], df)


def test_compare_filters_publisher_and_length_on_the_command(db, tmp_path):
    add(db, "x4", [("Ann Smith", "Sanctions on Russian banks cost our farmers nothing at all"),
                   ("Bob Jones", "Russian banks laugh at sanctions")], published="2022-05-01")
    db.execute("UPDATE articles SET publisher = 'Wire' WHERE id = 'x4'")
    db.conn.commit()
    path = str(tmp_path / "library.db")
    rows = json.loads(clitools.run(path, "compare", "Ann Smith", "Bob Jones", "--publisher", "wire").stdout)
    assert len(rows) == 1 and rows[0]["pair"] == 1 and "laugh" in rows[0]["b_text"]
    assert {"sanction", "russian", "bank"} & set(rows[0]["subject"])
    table = clitools.run(path, "compare", "Ann Smith", "Bob Jones", "-t").stdout
    assert "shared terms" in table.splitlines()[0]
    long_only = json.loads(clitools.run(path, "compare", "Ann Smith", "Bob Jones", "--min-length",
                                        "60").stdout)
    assert all(len(r["a_text"] or r["b_text"]) >= 60 for r in long_only)
