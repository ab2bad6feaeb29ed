"""The browser as a workbench (issue 12, items 2-5), through App.run_test() and Pilot: the
timeline, statement filters in the list and in compare, "+N articles", a library changed by
another process, and small and large terminals."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rich.text import Text

from quotetrack.engine.model import Quote
from quotetrack.library import store
from quotetrack.library.statements import Filters
from quotetrack.library.store import ArticleRecord
from quotetrack.tui import make_app
from quotetrack.tui.compare_screen import CompareScreen, PairsTable
from quotetrack.tui.filters_screen import FiltersScreen
from quotetrack.tui.main_screen import MainScreen
from quotetrack.tui.quote_screen import QuoteScreen
from quotetrack.tui.timeline_screen import TimelineChart, TimelineScreen
from quotetrack.tui.widgets import KeysFooter, OfficialsTable, QuoteDetail, StatementsTable

SANCTIONS = "New sanctions on Russian banks will stop the money flowing to the war"
# (article, publisher, published, speaker, quote): Ann Smith is the most quoted
ARTICLES = [
    ("a1", "Wire", "2024-01-03", "Ann Smith", SANCTIONS),
    ("a2", "Post", "2024-01-10", "Ann Smith", "new sanctions on Russian banks WILL stop the money flowing "
                                             "to the war!"),
    ("a3", "Ledger", "2024-01-20", "Ann Smith", SANCTIONS),
    ("a4", "Wire", "2024-03-15", "Ann Smith", "The budget will pass before the summer recess, says the team"),
    ("a5", "Wire", "2024-03-16", "Ann Smith", "Yes."),
    ("a6", "Post", "2024-03-20", "Ann Smith", "Our schools need new roofs before the winter storms come"),
    ("a7", "Post", "2024-02-20", "Bob Jones", "The sanctions on Russian banks are far too weak to stop the war"),
    ("a8", "Wire", "2024-03-02", "Bob Jones", "The budget will not pass before the summer recess, mark my words"),
]


def write(path, articles) -> None:
    """Store ``articles`` (as ARTICLES) through the store, one quote an article."""
    db = store.open_db(path)
    for aid, publisher, published, speaker, quote in articles:
        text = "“%s,” %s said.\n" % (quote, speaker)
        store.write_article(db, ArticleRecord(aid, text, title="T " + aid, publisher=publisher,
                                              published=published),
                            [Quote(1, 1 + len(quote), quote, speaker=speaker, speaker_kind="person")])
    db.close()


@pytest.fixture
def lib(tmp_path):
    path = tmp_path / "lib.db"
    write(path, ARTICLES)
    return path


def run(db_path, scenario, size=(140, 45)):
    """Run ``scenario(app, pilot)`` in the app on ``db_path``, headless."""
    async def main():
        app = make_app(db_path)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await scenario(app, pilot)
        return app
    return asyncio.run(main())


async def settle(app, pilot, rounds: int = 4):
    """Let workers finish and their messages land."""
    for _ in range(rounds):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def cells(table, key: str) -> list[str]:
    """The plain text of the column ``key`` of a table."""
    index = [c.key.value for c in table.ordered_columns].index(key)
    return [Text.assemble(table.get_row_at(r)[index]).plain for r in range(table.row_count)]


def keys(table) -> list[str]:
    """The column keys of a table, in order."""
    return [c.key.value for c in table.ordered_columns]


def footer_keys(screen) -> tuple[list[str], list[str]]:
    """The footer's keys: (the screen's, the pinned ones)."""
    footer = screen.query_one(KeysFooter)
    pinned = [k.key for k in footer.query("#pinned-keys FooterKey")]
    rest = [k.key for k in footer.query("FooterKey") if k.key not in pinned]
    return rest, pinned


# --- "+N articles" -----------------------------------------------------------------------------


def test_a_statement_reported_by_several_articles_shows_once_with_their_number(lib):
    async def scenario(app, pilot):
        statements = app.screen.query_one(StatementsTable)
        texts = cells(statements, "text")
        assert len(texts) == 4  # six quotes, the sanctions statement three times
        sanctions = [t for t in texts if "sanctions" in t]
        assert len(sanctions) == 1 and sanctions[0].endswith("+2 articles")
        # shown by its first report
        row = texts.index(sanctions[0])
        assert cells(statements, "date")[row] == "2024-01-03" and cells(statements, "publisher")[row] == "Wire"
        assert "Statements of Ann Smith: 4" in str(app.screen.query_one("#statements-title").render())

    run(lib, scenario)


def test_search_hits_show_their_reports_too(lib):
    async def scenario(app, pilot):
        from quotetrack.tui.search_screen import HitsTable

        await pilot.press("slash")
        for ch in "banks stop the money":
            await pilot.press({" ": "space"}.get(ch, ch))
        await pilot.press("down")
        await pilot.pause(0.3)
        await settle(app, pilot)
        hits = app.screen.query_one(HitsTable)
        first = Text.assemble(hits.get_row_at(0)[2]).plain
        assert "stop the money" in first and first.endswith("+2 articles")

    run(lib, scenario)


# --- filters -----------------------------------------------------------------------------------


def test_filters_narrow_the_statements_and_say_so(lib):
    async def scenario(app, pilot):
        screen = app.screen
        screen.query_one(StatementsTable).focus()
        await pilot.press("f")
        await settle(app, pilot)
        assert isinstance(app.screen, FiltersScreen)
        modal = app.screen
        modal.query_one("#filter-since").value = "2024-03-01"
        modal.query_one("#filter-publisher").value = "wire"
        modal.query_one("#filter-min-length").value = "20"
        modal.query_one("#filter-min-length").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen and screen.filters == Filters("2024-03-01", None, "wire", 20)
        statements = screen.query_one(StatementsTable)
        assert [t[:41] for t in cells(statements, "text")] == ["“" + ARTICLES[3][4][:40]]  # a quotation
        title = str(screen.query_one("#statements-title").render())
        assert "Statements of Ann Smith: 1 (from 2024-03-01, wire, ≥ 20 characters)" in title
        assert screen.query_one(QuoteDetail).detail.text == ARTICLES[3][4]
        # a bad date is said in the form, which stays open
        await pilot.press("f")
        await settle(app, pilot)
        app.screen.query_one("#filter-until").value = "2024-02-31"
        app.screen.query_one("#filter-until").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FiltersScreen)
        assert "'2024-02-31' is not a date" in str(app.screen.query_one("#filters-status").render())
        await pilot.press("ctrl+l")  # clear all
        await settle(app, pilot)
        assert app.screen is screen and not screen.filters
        assert screen.query_one(StatementsTable).row_count == 4

    run(lib, scenario)


def test_filters_that_keep_nothing_say_so_in_the_detail(lib):
    async def scenario(app, pilot):
        screen = app.screen
        screen.set_filters(Filters(publisher="Nobody Press"))
        await settle(app, pilot)
        assert screen.query_one(StatementsTable).row_count == 0
        assert "No statements match the filters" in screen.query_one(QuoteDetail).paragraph_text()
        assert screen.current_detail() is None

    run(lib, scenario)


def test_export_writes_the_filtered_statements(lib, tmp_path):
    import csv

    async def scenario(app, pilot):
        app.screen.set_filters(Filters(publisher="Wire"))
        await settle(app, pilot)
        app.export_dir = tmp_path
        app.export("csv")
        await settle(app, pilot)

    run(lib, scenario)
    rows = list(csv.DictReader(open(tmp_path / "quotetrack-ann-smith.csv", encoding="utf-8")))
    assert len(rows) == 3 and {r["publisher"] for r in rows} == {"Wire"}  # one a report


def test_compare_takes_filters_and_starts_without_fragments(lib):
    async def scenario(app, pilot):
        officials = {o.name: o.id for o in app.officials}
        app.compare_pair(officials["Ann Smith"], officials["Bob Jones"])
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.filters.min_length == 20
        table = screen.query_one(PairsTable)
        left = [Text.assemble(table.get_row_at(r)[1]).plain for r in range(table.row_count)]
        assert not any(t.startswith("Yes.") for t in left)  # a fragment
        assert any("+2 articles" in t for t in left)
        await pilot.press("f")
        await settle(app, pilot)
        app.screen.query_one("#filter-since").value = "2024-03-01"
        app.screen.query_one("#filter-since").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.filters == Filters("2024-03-01", None, None, 20)
        left = [p.left.text for p in screen.pairs if p.left]
        right = [p.right.text for p in screen.pairs if p.right]
        assert SANCTIONS not in left and ARTICLES[6][4] not in right  # before March
        assert ARTICLES[3][4] in left and ARTICLES[7][4] in right
        assert "2024-03-01" in str(screen.query_one("#compare-title").render())

    run(lib, scenario)


# --- the timeline ------------------------------------------------------------------------------


def test_timeline_of_an_official_lists_the_chosen_period(lib):
    async def scenario(app, pilot):
        screen = app.screen
        screen.query_one(StatementsTable).focus()
        await pilot.press("t")
        await settle(app, pilot)
        tl = app.screen
        assert isinstance(tl, TimelineScreen)
        assert tl.timeline.labels == ["2024-01", "2024-02", "2024-03"]
        assert tl.timeline.series[0].counts == (1, 0, 3)
        assert tl.selected == 2  # the latest period with statements
        title = str(tl.query_one("#timeline-title").render())
        assert "Statements of Ann Smith by month" in title
        listed = tl.query_one(StatementsTable)
        assert listed.row_count == 3 and "2024-03: 3 statements" in str(tl.query_one("#period-title").render())
        chart = tl.query_one(TimelineChart)
        drawn = Text.from_ansi(chart.plt.build()).plain
        assert "Ann Smith" in drawn and "2024-01" in drawn
        # the chart has focus: left goes to February (nothing), then January (the sanctions)
        assert app.focused is chart
        await pilot.press("left")
        await settle(app, pilot)
        assert tl.selected == 1 and listed.row_count == 0
        await pilot.press("p")
        await settle(app, pilot)
        assert tl.selected == 0 and cells(listed, "text") == ["“%s”  +2 articles" % SANCTIONS]
        await pilot.press("left")  # no period before the first
        assert tl.selected == 0
        # Enter on a statement opens it
        listed.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QuoteScreen)
        assert app.screen.query_one(QuoteDetail).detail.text == SANCTIONS

    run(lib, scenario)


def test_timeline_by_week_with_two_officials_and_a_phrase(lib):
    async def scenario(app, pilot):
        officials = {o.name: o.id for o in app.officials}
        app.open_timeline([officials["Ann Smith"]])
        await settle(app, pilot)
        tl = app.screen
        await pilot.press("w")
        await settle(app, pilot)
        assert tl.by == "week" and tl.timeline.labels[0] == "2024-01-01"
        assert tl.timeline.labels[-1] == "2024-03-18"
        # a second official on the same chart, picked in the picker
        await pilot.press("plus")
        await settle(app, pilot)
        for ch in "bob":
            await pilot.press(ch)
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is tl
        assert [s.speaker for s in tl.timeline.series] == ["Ann Smith", "Bob Jones"]
        assert "speaker" in keys(tl.query_one(StatementsTable))
        # the phrase: only the budget statements, one each
        tl.query_one("#about").value = "budget will pass before the summer recess"
        await pilot.press("ctrl+f")
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(tl.firsts) == 2
        assert [s.total for s in tl.timeline.series] == [1, 1]
        assert tl.timeline.labels == ["2024-02-26", "2024-03-04", "2024-03-11"]
        assert "about “budget will pass" in str(tl.query_one("#timeline-title").render())
        assert "2024-03-11: 1 statement (Ann Smith 1, Bob Jones 0)" in str(
            tl.query_one("#period-title").render())
        await pilot.press("minus")
        await settle(app, pilot)
        assert [s.speaker for s in tl.timeline.series] == ["Ann Smith"]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

    run(lib, scenario)


def test_palette_opens_the_timeline_and_the_filters_and_export_writes_the_counts(lib, tmp_path):
    import json

    async def scenario(app, pilot):
        await pilot.press("ctrl+p")
        for ch in "Timeline of Ann":
            await pilot.press({" ": "space"}.get(ch, ch))
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen)
        app.export_dir = tmp_path
        app.export("json")
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        for ch in "Filter statements":
            await pilot.press({" ": "space"}.get(ch, ch))
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FiltersScreen) and "Filter" in str(app.screen.title_text)

    run(lib, scenario)
    rows = json.loads((tmp_path / "quotetrack-timeline-ann-smith-by-month.json").read_text(encoding="utf-8"))
    assert [(r["period"], r["statements"]) for r in rows] == [("2024-01", 1), ("2024-02", 0), ("2024-03", 3)]


def test_timeline_from_compare_shows_both_officials(lib):
    async def scenario(app, pilot):
        officials = {o.name: o.id for o in app.officials}
        app.compare_pair(officials["Ann Smith"], officials["Bob Jones"])
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        tl = app.screen
        assert isinstance(tl, TimelineScreen)
        assert [s.speaker for s in tl.timeline.series] == ["Ann Smith", "Bob Jones"]
        # compare's filters came along: fragments left out
        assert tl.filters.min_length == 20 and tl.timeline.series[0].counts == (1, 0, 2)

    run(lib, scenario)


def test_clicking_the_chart_chooses_a_period(lib):
    async def scenario(app, pilot):
        officials = {o.name: o.id for o in app.officials}
        app.open_timeline([officials["Ann Smith"]])
        await settle(app, pilot)
        tl = app.screen
        chart = tl.query_one(TimelineChart)
        await pilot.click(TimelineChart, offset=(6, chart.size.height // 2))
        await settle(app, pilot)
        assert tl.selected == 0
        await pilot.click(TimelineChart, offset=(chart.size.width - 4, chart.size.height // 2))
        await settle(app, pilot)
        assert tl.selected == 2

    run(lib, scenario)


def test_timeline_of_an_undated_library_says_so(tmp_path):
    path = tmp_path / "undated.db"
    write(path, [("u1", "Wire", None, "Ann Smith", "A remark nobody dated, about the harvest")])

    async def scenario(app, pilot):
        app.open_timeline([app.officials[0].id])
        await settle(app, pilot)
        tl = app.screen
        assert tl.timeline.starts == () and tl.selected is None
        assert "No dated statements" in str(tl.query_one("#period-title").render())
        assert "1 undated not counted" in str(tl.query_one("#timeline-title").render())
        await pilot.press("left", "n")  # nothing to move to: no error

    run(path, scenario)


# --- a live library ----------------------------------------------------------------------------


def test_an_ingest_by_another_process_shows_up_keeping_selection_and_filter(lib):
    async def scenario(app, pilot):
        screen = app.screen
        field = screen.query_one("#filter")
        field.value = "o"  # Bob Jones, not Ann Smith
        await settle(app, pilot)
        officials = screen.query_one(OfficialsTable)
        assert cells(officials, "name") == ["Bob Jones"]
        statements = screen.query_one(StatementsTable)
        statements.focus()
        statements.move_cursor(row=1)
        await settle(app, pilot)
        chosen = screen.quote_id
        # another process stores a newer statement of Bob Jones and a new official
        write(lib, [("n1", "Wire", "2024-04-01", "Bob Jones", "A newer statement on the farm bill and roads"),
                    ("n2", "Wire", "2024-04-02", "Carol Moss", "Nobody expected the storm to hit so early")])
        app.check_library()
        await settle(app, pilot)
        assert field.value == "o"
        assert cells(officials, "name") == ["Bob Jones", "Carol Moss"]
        assert app.current_official().name == "Bob Jones"
        assert statements.row_count == 3 and "farm bill" in cells(statements, "text")[0]
        assert screen.quote_id == chosen  # the same statement, now one row lower
        assert statements.cursor_row == 2 and app.focused is statements
        assert "read " in app.sub_title
        # nothing changed since: no refresh
        assert not app.watcher.changed()

    run(lib, scenario)


def test_the_library_is_watched_on_a_timer_and_f5_refreshes(lib):
    async def scenario(app, pilot):
        write(lib, [("n1", "Wire", "2024-04-01", "Dan Wu", "Dan Wu speaks at last about the port strike")])
        await pilot.pause(2.2)  # more than the polling interval
        await settle(app, pilot)
        assert "Dan Wu" in [o.name for o in app.officials]
        # the refresh key reads again at once (here nothing changed: the same rows)
        before = app.screen.query_one(OfficialsTable).row_count
        await pilot.press("f5")
        await settle(app, pilot)
        assert app.screen.query_one(OfficialsTable).row_count == before

    run(lib, scenario)


def test_an_open_timeline_follows_the_library(lib):
    async def scenario(app, pilot):
        officials = {o.name: o.id for o in app.officials}
        app.open_timeline([officials["Ann Smith"]])
        await settle(app, pilot)
        tl = app.screen
        tl.action_step(-2)
        await settle(app, pilot)
        assert tl.selected == 0
        write(lib, [("n1", "Wire", "2024-05-01", "Ann Smith", "May brings a new plan for the harbour")])
        app.check_library()
        await settle(app, pilot)
        assert tl.timeline.labels[-1] == "2024-05" and tl.selected == 0  # January stays chosen

    run(lib, scenario)


def test_an_empty_library_filled_by_another_process_leaves_the_welcome_screen(tmp_path):
    path = tmp_path / "empty.db"
    store.open_db(path).close()

    async def scenario(app, pilot):
        assert not isinstance(app.screen, MainScreen)
        write(path, ARTICLES[:1])
        app.check_library()
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and app.officials[0].name == "Ann Smith"

    run(path, scenario)


# --- small and large terminals -----------------------------------------------------------------


def test_at_80x24_the_statement_text_stays_and_quit_and_help_show(lib):
    async def scenario(app, pilot):
        screen = app.screen
        assert screen.has_class("-narrow")
        statements = screen.query_one(StatementsTable)
        assert keys(statements) == ["text"]  # date and publisher gave way
        assert statements.size.width >= 40 and statements.row_count == 4
        width = statements.ordered_columns[0].width
        assert width >= 30
        # the quotation marks take two cells of the 46
        assert any("before the summer rece" in t for t in cells(statements, "text"))
        officials = screen.query_one(OfficialsTable)
        assert keys(officials) == ["name", "quotes"] and cells(officials, "name")[0] == "Ann Smith"
        rest, pinned = footer_keys(screen)
        assert pinned == ["ctrl+q", "f1", "ctrl+p"] and rest[:3] == ["slash", "c", "t"]
        screenshot = app.export_screenshot().replace("&#160;", " ")
        for label in ("Quit", "Help", "Search", "summer rece"):
            assert label in screenshot
        # the timeline fits too
        screen.action_timeline()
        await settle(app, pilot)
        chart = app.screen.query_one(TimelineChart)
        assert chart.size.height >= 8 and app.screen.query_one(StatementsTable).row_count == 3
        assert "2024-01" in Text.from_ansi(chart.plt.build()).plain

    run(lib, scenario, size=(80, 24))


def test_at_200x60_the_space_is_used(lib):
    async def scenario(app, pilot):
        screen = app.screen
        assert screen.has_class("-wide")
        assert screen.query_one("#officials-pane").outer_size.width == 64
        officials = screen.query_one(OfficialsTable)
        assert keys(officials) == ["name", "role", "quotes", "kinds"]  # kinds: direct·mixed·indirect
        statements = screen.query_one(StatementsTable)
        assert keys(statements) == ["date", "publisher", "text"]
        assert statements.ordered_columns[1].width == 24 and statements.ordered_columns[2].width > 80
        assert screen.query_one(QuoteDetail).size.height > 15

    run(lib, scenario, size=(200, 60))


def test_resizing_lays_the_lists_out_again_keeping_the_cursor(lib):
    async def scenario(app, pilot):
        screen = app.screen
        statements = screen.query_one(StatementsTable)
        statements.move_cursor(row=2)
        await settle(app, pilot)
        chosen = screen.quote_id
        assert keys(statements) == ["date", "publisher", "text"]
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        assert keys(statements) == ["text"] and statements.cursor_row == 2 and screen.quote_id == chosen
        await pilot.resize_terminal(140, 45)
        await settle(app, pilot)
        assert keys(statements) == ["date", "publisher", "text"] and statements.cursor_row == 2

    run(lib, scenario)
