"""Statements over time (issue 12, item 4): the counting, the chart and ``quotetrack timeline``;
and statements grouped once with their number of reports (item 5)."""

import json
import re
from datetime import date

import pytest

from quotetrack.engine.model import Quote
from quotetrack.library import chart, statements, store, timeline
from quotetrack.library.statements import Filters
from quotetrack.library.store import ArticleRecord

import clitools  # tests/ is on the path

SANCTIONS = "New sanctions on Russian banks will stop the money"
# (article, publisher, published, speaker, quote)
ARTICLES = [
    ("a1", "Wire", "2024-01-03", "Ann Smith", SANCTIONS),
    # the same statement reprinted a month later, in other marks and case: still one statement
    ("a2", "Post", "2024-02-10", "Ann Smith", "new sanctions on Russian banks WILL stop the money!"),
    ("a3", "Wire", "2024-03-15", "Ann Smith", "The budget will pass before the summer recess"),
    ("a4", "Wire", "2024-03-16", "Ann Smith", "Yes."),
    ("a5", "Post", None, "Ann Smith", "An undated remark about the weather and the harvest"),
    ("a6", "Post", "2024-02-20", "Bob Jones", "The sanctions on Russian banks are far too weak"),
]


def make(path):
    """A library of ARTICLES, one quote an article."""
    db = store.open_db(path)
    for aid, publisher, published, speaker, quote in ARTICLES:
        text = "“%s,” %s said.\n" % (quote, speaker)
        store.write_article(db, ArticleRecord(aid, text, title="T " + aid, publisher=publisher,
                                              published=published),
                            [Quote(1, 1 + len(quote), quote, speaker=speaker, speaker_kind="person")])
    return db


@pytest.fixture
def lib(tmp_path):
    path = str(tmp_path / "lib.db")
    make(path).close()
    return path


@pytest.fixture
def db(lib):
    opened = store.open_db(lib)
    yield opened
    opened.close()


def ids(db):
    """Speaker ids by name."""
    return {name: sid for sid, name in db.execute("SELECT id, name FROM speakers")}


# --- periods -----------------------------------------------------------------------------------


def test_weeks_start_on_monday_and_months_on_the_first():
    assert timeline.period_start(date(2024, 1, 3), "week") == date(2024, 1, 1)
    assert timeline.period_start(date(2024, 3, 10), "week") == date(2024, 3, 4)  # a Sunday
    assert timeline.period_start(date(2024, 2, 29), "month") == date(2024, 2, 1)
    assert timeline.next_start(date(2023, 12, 1), "month") == date(2024, 1, 1)
    assert timeline.next_start(date(2023, 12, 25), "week") == date(2024, 1, 1)
    assert timeline.label(date(2024, 2, 1), "month") == "2024-02"
    assert timeline.label(date(2024, 2, 26), "week") == "2024-02-26"
    with pytest.raises(timeline.BadPeriod):
        timeline.period_start(date(2024, 1, 1), "year")


# --- counting ----------------------------------------------------------------------------------


def test_months_counted_with_gaps_and_a_reprint_once_in_its_first_month(db):
    ann = ids(db)["Ann Smith"]
    tl = timeline.timeline(db, [(ann, "Ann Smith")], "month")
    assert tl.labels == ["2024-01", "2024-02", "2024-03"]
    (series,) = tl.series
    # the reprint of February is January's statement; March holds the budget and "Yes."
    assert series.counts == (1, 0, 2) and series.undated == 1 and series.total == 3
    assert tl.latest() == 2
    assert tl.bounds(1) == ("2024-02-01", "2024-03-01")


def test_two_officials_share_the_periods(db):
    who = ids(db)
    tl = timeline.timeline(db, [(who["Ann Smith"], "Ann Smith"), (who["Bob Jones"], "Bob Jones")])
    assert [s.counts for s in tl.series] == [(1, 0, 2), (0, 1, 0)]
    rows = tl.rows()
    assert rows[0] == {"period": "2024-01", "from": "2024-01-01", "until": "2024-01-31",
                       "speaker": "Ann Smith", "speaker_id": who["Ann Smith"], "statements": 1}
    assert [(r["period"], r["speaker"], r["statements"]) for r in rows[2:4]] == [
        ("2024-02", "Ann Smith", 0), ("2024-02", "Bob Jones", 1)]
    assert rows[3]["until"] == "2024-02-29"  # a leap year


def test_weeks_and_filters(db):
    ann = ids(db)["Ann Smith"]
    weeks = timeline.timeline(db, [(ann, "Ann Smith")], "week")
    assert weeks.labels[0] == "2024-01-01" and weeks.labels[-1] == "2024-03-11"
    assert len(weeks.starts) == 11 and weeks.series[0].total == 3
    longer = timeline.timeline(db, [(ann, "Ann Smith")], "month", Filters(min_length=20))
    assert longer.series[0].counts == (1, 0, 1)
    # only the Post: the reprint is then the statement's first report, in February
    post = timeline.timeline(db, [(ann, "Ann Smith")], "month", Filters(publisher="post"))
    assert post.labels == ["2024-02"] and post.series[0].counts == (1,) and post.series[0].undated == 1
    since = timeline.timeline(db, [(ann, "Ann Smith")], "month", Filters(since="2024-03-01"))
    assert since.labels == ["2024-03"] and since.series[0].undated == 0


def test_quote_ids_narrow_the_count_and_nothing_dated_gives_no_periods(db):
    ann = ids(db)["Ann Smith"]
    budget = db.execute("SELECT id FROM quotes WHERE text LIKE 'The budget%'").fetchone()[0]
    tl = timeline.timeline(db, [(ann, "Ann Smith")], "month", quote_ids=[budget])
    assert tl.labels == ["2024-03"] and tl.series[0].counts == (1,)
    empty = timeline.timeline(db, [(ann, "Ann Smith")], "month", quote_ids=[])
    assert empty.starts == () and empty.series[0].counts == () and empty.latest() is None
    with pytest.raises(timeline.BadPeriod):
        timeline.timeline(db, [(ann, "Ann Smith")], "year")


def test_first_reports_are_read_once_and_counted_by_any_period(db):
    who = ids(db)
    firsts = timeline.first_reports(db, [who["Ann Smith"], who["Bob Jones"]])
    assert [f.day.isoformat() if f.day else None for f in firsts] == [
        "2024-03-16", "2024-03-15", "2024-02-20", "2024-01-03", None]
    assert [f.reports for f in firsts] == [1, 1, 1, 2, 1]
    speakers = [(who["Ann Smith"], "Ann Smith")]
    months = timeline.count(firsts, speakers, "month")  # Bob Jones's statements not counted
    assert months == timeline.timeline(db, speakers, "month")
    assert [f.quote_id for f in timeline.in_period(firsts, months, 2)] == [firsts[0].quote_id, firsts[1].quote_id]
    assert timeline.in_period(firsts, months, 1) == [firsts[2]]  # Bob Jones's: the caller's choice
    weeks = timeline.count(firsts, speakers, "week")
    assert weeks.series[0].total == 3 and len(weeks.starts) == 11


# --- statements grouped ------------------------------------------------------------------------


def test_a_statement_reported_twice_is_one_row_with_its_reports(db):
    ann = ids(db)["Ann Smith"]
    rows, total = statements.page(db, [ann])
    assert total == 4 and len(rows) == 4
    # newest first, the undated last; the reprint shown by its first report (January, Wire)
    assert [r.published for r in rows] == ["2024-03-16", "2024-03-15", "2024-01-03", None]
    sanctions = rows[2]
    assert sanctions.text == SANCTIONS and sanctions.reports == 2 and sanctions.publisher == "Wire"
    page2, total2 = statements.page(db, [ann], offset=3, limit=10)
    assert total2 == 4 and [r.published for r in page2] == [None]
    assert statements.page(db, [ann], offset=10) == ([], 4)
    march, n = statements.page(db, [ann], first_from="2024-03-01", first_before="2024-04-01")
    assert n == 2 and {r.published for r in march} == {"2024-03-15", "2024-03-16"}
    assert statements.page(db, [ann], Filters(since="2024-02-01", until="2024-02-29"))[1] == 1


def test_the_grouping_key_sets_case_marks_and_ends_aside_in_sql_as_in_python():
    import sqlite3

    assert statements.key("“We’re READY,” he said.") == statements.key('"we\'re ready," he said')
    assert statements.key("the war goes on,") == statements.key("The war goes on.") == "the war goes on"
    assert statements.key("the war, now") != statements.key("the war now")  # inside: as written
    assert statements.key("Peña said: “no”") == "peña said: \"no"
    assert statements.key("") == statements.key(None) == ""
    conn = sqlite3.connect(":memory:")
    for text in ("“We’re READY,” he said.", "the war — now", "Peña (the mayor) said: «no»…", "  a  b  ",
                 "ÉCOLE ‘x’ —"):
        assert conn.execute("SELECT " + statements.key_sql("?"), [text]).fetchone()[0] == statements.key(text)
    assert Filters() == Filters(None, None, None, None) and not Filters()
    assert Filters("2024-01-01", None, "Wire", 20).describe() == "from 2024-01-01, Wire, ≥ 20 characters"


# --- the chart ---------------------------------------------------------------------------------


def test_the_chart_names_both_officials_and_its_periods(db):
    import plotext

    who = ids(db)
    tl = timeline.timeline(db, [(who["Ann Smith"], "Ann Smith"), (who["Bob Jones"], "Bob Jones")])
    fig = plotext._figure._figure_class()
    fig.plotsize(80, 16)
    fig.theme("clear")
    chart.draw(fig, tl, selected=1, width=80, height=16)
    text = re.sub(r"\x1b\[[0-9;]*m", "", fig.build())
    assert "Ann Smith" in text and "Bob Jones" in text
    assert "2024-01" in text and "2024-03" in text and "▒" in text  # the second official's fill


def test_ticks():
    assert chart.x_ticks(5, 10) == [0, 1, 2, 3, 4]
    ticks = chart.x_ticks(100, 6)
    assert ticks[0] == 0 and ticks[-1] == 99 and len(ticks) <= 7
    assert chart.y_ticks(0) == [0, 1] and chart.y_ticks(110, 6) == [0, 22, 44, 66, 88, 110]
    assert all(isinstance(t, int) for t in chart.y_ticks(7, 3))


# --- the command -------------------------------------------------------------------------------


def test_timeline_command_prints_rows_in_every_format(lib):
    result = clitools.run(lib, "timeline", "Ann Smith")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["period"], r["statements"]) for r in rows] == [("2024-01", 1), ("2024-02", 0), ("2024-03", 2)]
    assert "1 statements from undated articles, not counted" in result.stderr
    table = clitools.run(lib, "timeline", "Ann Smith", "Bob Jones", "-t").stdout
    assert table.splitlines()[0].split() == ["period", "from", "until", "speaker", "speaker_id", "statements"]
    assert "Bob Jones" in table
    csv = clitools.run(lib, "timeline", "smith", "--by", "week", "--csv").stdout.splitlines()
    assert csv[0] == "period,from,until,speaker,speaker_id,statements" and len(csv) == 12
    nl = clitools.run(lib, "timeline", "Ann Smith", "--nl", "--since", "2024-03-01").stdout.splitlines()
    assert [json.loads(line)["period"] for line in nl] == ["2024-03"]


def test_timeline_about_goes_through_search_and_empty_prints_the_header(lib):
    rows = json.loads(clitools.run(lib, "timeline", "Ann Smith", "--about", "budget will pass").stdout)
    assert [(r["period"], r["statements"]) for r in rows] == [("2024-03", 1)]
    empty = clitools.run(lib, "timeline", "Ann Smith", "--about", "zebra crossing", "--csv")
    assert empty.exit_code == 0 and empty.stdout.strip() == "period,from,until,speaker,speaker_id,statements"


def test_timeline_chart_in_the_terminal(lib):
    result = clitools.run(lib, "timeline", "Ann Smith", "Bob Jones", "--chart")
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout  # not a terminal: no colours
    assert "Statements of Ann Smith and Bob Jones by month" in result.stdout
    assert "2024-01" in result.stdout and "┤" in result.stdout
    nothing = clitools.run(lib, "timeline", "Ann Smith", "--about", "zebra crossing", "--chart")
    assert nothing.exit_code == 0 and "No dated statements of Ann Smith" in nothing.stderr


@pytest.mark.parametrize("args, code, says", [
    (["Nobody Atall"], 1, "no speaker named like"),
    (["Ann Smith", "--by", "year"], 2, "'year' is not one of 'week', 'month'"),
    (["Ann Smith", "Bob Jones", "Ann Smith"], 2, "one or two officials, not 3"),
    (["Ann Smith", "smith"], 2, "are both Ann Smith"),
    (["Ann Smith", "--chart", "-t"], 2, "leave out --table"),
    (["Ann Smith", "--about", " "], 2, "give a phrase after --about"),
    (["Ann Smith", "--since", "2024-13-01"], 2, "is not a date"),
])
def test_timeline_errors_are_one_line(lib, args, code, says):
    result = clitools.run(lib, "timeline", *args)
    assert result.exit_code == code
    assert says in result.output
    assert "Traceback" not in result.output


def test_timeline_on_a_missing_library_creates_nothing(tmp_path):
    missing = tmp_path / "nope" / "lib.db"
    result = clitools.run(str(missing), "timeline", "Ann Smith")
    assert result.exit_code == 1 and "no library at" in result.output
    assert not missing.parent.exists()
