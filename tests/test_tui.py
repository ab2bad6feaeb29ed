"""The terminal browser, driven through App.run_test() and Pilot, asserting on what the widgets hold.

Each test builds its own library in tmp_path with the ingest API: the
bundled seed article (Biden, Psaki, Blinken, Price) and, where needed, two
dated articles by two officials, one quote holding "[bold]" markup and one
a terminal escape sequence.
"""

from __future__ import annotations

import asyncio
import csv
import json
import threading
from pathlib import Path

import pytest
from rich.text import Text

from quotetrack.library import ingest, store
from quotetrack.tui import data, make_app
from quotetrack.tui.article_screen import ArticleScreen
from quotetrack.tui.compare_screen import CompareScreen, PairsTable
from quotetrack.tui.help_screen import HelpScreen
from quotetrack.tui.main_screen import MainScreen
from quotetrack.tui.picker import OfficialPicker
from quotetrack.tui.quote_screen import QuoteScreen
from quotetrack.tui.search_screen import HitsTable, SearchScreen
from quotetrack.tui.welcome_screen import WelcomeScreen, seed_path
from quotetrack.tui.widgets import OfficialsTable, QuoteDetail, StatementsTable

REPO = Path(__file__).resolve().parents[1]
# the four quoted, and the Pentagon, whose words the seed reports without quoting them
SEED_OFFICIALS = ["Antony Blinken", "Jen Psaki", "Joe Biden", "Ned Price", "Pentagon"]
BUDGET = [
    {"id": "doe-roe-1", "title": "Budget fight [bold]heats up[/bold]", "publisher": "The Ledger",
     "published": "2024-03-01",
     "text": "Senator Jane Doe said on Monday: “We will pass the [bold]budget[/bold] bill this week.”\n\n"
             "Governor John Roe told reporters, “The \x1b[31mred alert\x1b[0m is over and the schools reopen.”\n"},
    {"id": "doe-roe-2", "title": "Taxes at the centre", "publisher": "Daily Post", "published": "2024-03-05",
     "text": "“Taxes will not go up this year, whatever the budget office says,” Doe said.\n\n"
             "“The budget must cut taxes for families,” Roe said.\n"},
]


def make_library(path: Path, seed: bool = True, budget: bool = False) -> Path:
    """A library at ``path`` holding the seed article and/or the budget articles."""
    db = store.open_db(path)
    inputs = []
    if seed:
        inputs.append(seed_path())
    if budget:
        extra = path.parent / "budget.jsonl"
        extra.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in BUDGET), encoding="utf-8")
        inputs.append(str(extra))
    ingest.ingest(db, inputs, workers=1)
    db.close()
    return path


@pytest.fixture
def seed_db(tmp_path):
    return make_library(tmp_path / "seed.db")


@pytest.fixture
def budget_db(tmp_path):
    return make_library(tmp_path / "budget.db", seed=False, budget=True)


def run(db_path, scenario, size=(140, 45), **kwargs):
    """Run ``scenario(app, pilot)`` in the app on ``db_path``, headless."""
    async def main():
        app = make_app(db_path, **kwargs)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await scenario(app, pilot)
        return app
    return asyncio.run(main())


async def settle(app, pilot, rounds: int = 4):
    """Let workers finish and their messages land (a page load triggers the next load)."""
    for _ in range(rounds):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def column(table, index=0) -> list[str]:
    """The plain text of one column of a table."""
    return [Text.assemble(table.get_row_at(r)[index]).plain for r in range(table.row_count)]


async def type_text(pilot, text: str):
    """Press the keys of ``text`` one by one."""
    for ch in text:
        await pilot.press({" ": "space", "/": "slash"}.get(ch, ch))


# --- the main screen -------------------------------------------------------------------------


def test_first_screen_lists_the_officials_statements_and_detail(seed_db):
    async def scenario(app, pilot):
        screen = app.screen
        assert isinstance(screen, MainScreen)
        officials = screen.query_one(OfficialsTable)
        assert column(officials) == SEED_OFFICIALS
        assert column(officials, 1)[0] == "Secretary of State"
        assert column(officials, 2) == ["7", "4", "2", "2", "1"]  # statements of every kind
        assert column(officials, 3) == ["6·1·0", "3·1·0", "1·0·1", "1·0·1", "0·0·1"]
        statements = screen.query_one(StatementsTable)
        assert statements.row_count == 7
        assert any("path of diplomacy is open" in t for t in column(statements, 2))
        detail = screen.query_one(QuoteDetail)
        assert detail.detail.speaker == "Antony Blinken"
        paragraph = detail.paragraph_text()
        assert detail.detail.text in paragraph and "In a televised statement" in paragraph
        facts = detail.query_one("#facts").content.plain
        for label in ("Kind", "Speaker", "Cue", "Article", "Publisher", "Date", "Confidence", "Attributed"):
            assert label in facts
        assert "US-Iran tensions soar over Iraq attack" in facts and "cue before" in facts

    run(seed_db, scenario)


def test_detail_highlights_the_quote_and_the_speaker_mention(seed_db):
    async def scenario(app, pilot):
        detail = app.screen.query_one(QuoteDetail)
        d = detail.detail
        text = detail.query_one("#paragraph").content
        styled = {(s.start, s.end) for s in text.spans}
        assert d.quote in styled and d.mention in styled and d.cue in styled
        assert text.plain[slice(*d.mention)] == "Secretary of State Antony Blinken"
        assert text.plain[slice(*d.quote)] == d.text

    run(seed_db, scenario)


def test_moving_in_the_lists_changes_statements_and_detail(seed_db):
    async def scenario(app, pilot):
        await pilot.press("down")  # Jen Psaki
        await settle(app, pilot)
        screen = app.screen
        assert screen.query_one(StatementsTable).row_count == 4
        assert screen.query_one(QuoteDetail).detail.speaker == "Jen Psaki"
        await pilot.press("enter")  # to the statements
        assert app.focused is screen.query_one(StatementsTable)
        await pilot.press("j")  # vim alias for down
        await settle(app, pilot)
        assert screen.query_one(StatementsTable).cursor_row == 1
        # the mixed statement first, then the quotation it holds
        assert screen.query_one(QuoteDetail).detail.text == "shy away"

    run(seed_db, scenario)


def test_mouse_clicks_select_an_official_and_a_statement(seed_db):
    async def scenario(app, pilot):
        screen = app.screen
        await pilot.click(OfficialsTable, offset=(3, 3))  # header, Blinken, Psaki, Biden
        await settle(app, pilot)
        assert app.current_official().name == "Joe Biden"
        assert screen.query_one(QuoteDetail).detail.speaker == "Joe Biden"
        await pilot.click(OfficialsTable, offset=(3, 2))
        await settle(app, pilot)
        await pilot.click(StatementsTable, offset=(30, 2))  # Psaki's second statement (row 0 is y=1)
        await settle(app, pilot)
        assert screen.query_one(StatementsTable).cursor_row == 1
        assert screen.query_one(QuoteDetail).detail.id == int(
            screen.query_one(StatementsTable).coordinate_to_cell_key((1, 0)).row_key.value)

    run(seed_db, scenario)


def test_typing_on_the_list_filters_the_officials_fuzzily(seed_db):
    async def scenario(app, pilot):
        screen = app.screen
        await type_text(pilot, "psaki")
        await settle(app, pilot)
        assert screen.query_one("#filter").value == "psaki"
        assert column(screen.query_one(OfficialsTable)) == ["Jen Psaki"]
        assert screen.query_one(QuoteDetail).detail.speaker == "Jen Psaki"
        await pilot.press("escape")
        await settle(app, pilot)
        screen.query_one("#filter").value = "blnkn"
        await settle(app, pilot)
        assert column(screen.query_one(OfficialsTable))[0] == "Antony Blinken"
        screen.query_one("#filter").value = "spokes"  # roles match too
        await settle(app, pilot)
        assert set(column(screen.query_one(OfficialsTable))) == {"Jen Psaki", "Ned Price"}

    run(seed_db, scenario)


def test_statements_show_date_and_publisher(budget_db):
    async def scenario(app, pilot):
        statements = app.screen.query_one(StatementsTable)
        officials = column(app.screen.query_one(OfficialsTable))
        assert set(officials) == {"Jane Doe", "John Roe"}
        rows = list(zip(column(statements, 0), column(statements, 1)))
        assert rows == [("2024-03-05", "Daily Post"), ("2024-03-01", "The Ledger")]  # newest first

    run(budget_db, scenario)


def test_markup_and_escape_sequences_in_article_text_are_shown_literally(budget_db):
    async def scenario(app, pilot):
        screen = app.screen
        # Jane Doe's "[bold]" quote: in the list, the detail and on the screen, as typed
        screen.query_one(StatementsTable).move_cursor(row=1)
        await settle(app, pilot)
        assert "[bold]budget[/bold]" in column(screen.query_one(StatementsTable), 2)[1]
        detail = screen.query_one(QuoteDetail)
        assert "[bold]budget[/bold]" in detail.paragraph_text()
        assert "[bold]heats up[/bold]" in detail.query_one("#facts").content.plain
        svg = app.export_screenshot()
        assert "[bold]budget[/bold]" in svg.replace("&#160;", " ")
        # John Roe's quote holds ESC [31m: shown as a visible ␛, never sent to the terminal
        await pilot.press("down")
        await settle(app, pilot)
        statements = column(screen.query_one(StatementsTable), 2)
        escaped = [s for s in statements if "red alert" in s][0]
        assert "\x1b" not in escaped and "␛[31mred alert␛[0m" in escaped
        row = statements.index(escaped)
        screen.query_one(StatementsTable).move_cursor(row=row)
        await settle(app, pilot)
        paragraph = screen.query_one(QuoteDetail).paragraph_text()
        assert "␛[31mred alert␛[0m" in paragraph and "\x1b" not in paragraph
        assert "\x1b" not in app.export_screenshot()

    run(budget_db, scenario)


def test_officials_and_statements_load_in_pages(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_tui", REPO / "bench" / "tui.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path / "big.db"
    bench.build_library(path, n_quotes=3000, n_speakers=400, seed=3)

    async def scenario(app, pilot):
        screen = app.screen
        officials = screen.query_one(OfficialsTable)
        assert officials.row_count == 300 and len(screen.shown) > 300
        statements = screen.query_one(StatementsTable)
        top = screen.shown[0]
        assert top.quotes > data.PAGE and statements.row_count == data.PAGE
        statements.focus()
        statements.move_cursor(row=statements.row_count - 1)
        await settle(app, pilot)
        assert statements.row_count == min(top.quotes, 2 * data.PAGE)
        officials.move_cursor(row=officials.row_count - 1)
        await settle(app, pilot)
        assert officials.row_count == len(screen.shown) or officials.row_count == 600

    run(path, scenario)


# --- search ----------------------------------------------------------------------------------


def test_search_with_a_typo_then_enter_opens_the_quote(seed_db):
    async def scenario(app, pilot):
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "path of diplomcy")
        await pilot.pause(0.3)
        await settle(app, pilot)
        hits = app.screen.query_one(HitsTable)
        assert column(hits)[0] == "Antony Blinken"
        assert "path of diplomacy" in column(hits, 2)[0]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QuoteScreen)
        d = app.screen.query_one(QuoteDetail).detail
        assert d.speaker == "Antony Blinken" and "path of diplomacy is open" in d.text
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

    run(seed_db, scenario)


def test_enter_typed_before_the_search_ends_opens_the_best_hit(seed_db):
    async def scenario(app, pilot):
        await pilot.press("slash")
        await type_text(pilot, "hasty")
        await pilot.press("enter")  # the search has not even started (debounce)
        await settle(app, pilot)
        assert isinstance(app.screen, QuoteScreen)
        assert app.screen.query_one(QuoteDetail).detail.speaker == "Jen Psaki"

    run(seed_db, scenario)


def test_typing_is_never_blocked_by_a_slow_search(seed_db, monkeypatch):
    from quotetrack.tui import finding

    release = threading.Event()
    started = threading.Event()
    real = finding.find

    def slow(db, phrase, **kwargs):
        started.set()
        release.wait(10)
        return real(db, phrase, **kwargs)

    monkeypatch.setattr(finding, "find", slow)

    async def scenario(app, pilot):
        await pilot.press("slash")
        await type_text(pilot, "sanctions")
        await pilot.pause(0.3)
        assert started.is_set()
        await type_text(pilot, " relief")  # typed while the search is stuck in its thread
        assert app.screen.query_one("#query").value == "sanctions relief"
        release.set()
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert "sanctions relief" in column(app.screen.query_one(HitsTable), 2)[0]

    run(seed_db, scenario)


# --- compare ---------------------------------------------------------------------------------


def test_compare_two_officials_pairs_by_subject_with_a_phrase_filter(budget_db):
    async def scenario(app, pilot):
        await pilot.press("c")  # on the officials list, a letter filters
        assert isinstance(app.screen, MainScreen) and app.screen.query_one("#filter").value == "c"
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("enter")  # to the statements, where letters are keys
        await pilot.press("c")
        assert isinstance(app.screen, OfficialPicker)
        first = app.current_official().name
        other = "roe" if first == "Jane Doe" else "doe"
        await type_text(pilot, other)
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one(PairsTable)
        assert table.row_count >= 2
        names = [c.label.plain for c in table.columns.values()]
        assert names[1:] == sorted(names[1:], key=lambda n: n != first)
        paired = [p for p in screen.pairs if p.left and p.right]
        assert any("Taxes will not go up" in (p.left.text + p.right.text) and
                   "cut taxes" in (p.left.text + p.right.text) for p in paired)
        screen.query_one("#phrase").value = "taxes"
        await pilot.pause(0.4)
        await settle(app, pilot)
        texts = [(p.left.text if p.left else "") + (p.right.text if p.right else "") for p in screen.pairs]
        assert texts and all("axes" in t for t in texts)
        await pilot.press("s")  # swap sides
        await settle(app, pilot)
        assert [c.label.plain for c in table.columns.values()][1] != names[1]

    run(budget_db, scenario)


# --- article, correction, copy ---------------------------------------------------------------


def test_article_view_colours_every_quote_by_speaker(seed_db):
    async def scenario(app, pilot):
        await pilot.press("enter", "a")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        seed = json.loads(Path(seed_path()).read_text(encoding="utf-8"))["text"]
        assert screen.body_text() == seed
        legend = screen.query_one("#legend").content.plain
        for name in SEED_OFFICIALS:
            assert name in legend
        colours = {sid: c for sid, c in screen.colours.items() if sid is not None}
        assert len(colours) == 5 and len(set(colours.values())) == 5
        await pilot.press("n")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

    run(seed_db, scenario)


def test_correct_a_quote_to_another_official_is_stored_and_kept_by_later_ingests(seed_db, tmp_path):
    async def scenario(app, pilot):
        screen = app.screen
        screen.query_one(OfficialsTable).move_cursor(row=2)  # Joe Biden
        await settle(app, pilot)
        assert screen.query_one(QuoteDetail).detail.speaker == "Joe Biden"
        await pilot.press("enter", "down")  # his quotation, after his reported statement
        await settle(app, pilot)
        assert screen.query_one(QuoteDetail).detail.text.startswith("We’re identifying")
        await pilot.press("r")
        assert isinstance(app.screen, OfficialPicker)
        assert "Joe Biden" not in app.screen.listed()
        await type_text(pilot, "psaki")
        await settle(app, pilot)
        assert app.screen.listed() == ["Jen Psaki"]
        await pilot.press("enter")
        await settle(app, pilot, rounds=6)
        assert isinstance(app.screen, MainScreen)
        assert column(screen.query_one(OfficialsTable)) == [
            "Antony Blinken", "Jen Psaki", "Ned Price", "Joe Biden", "Pentagon"]

    run(seed_db, scenario)
    db = store.open_db(seed_db)
    assert db.execute("SELECT speaker FROM quote_corrections").fetchall() == [("Jen Psaki",)]
    # the same text ingested again under another id: the correction holds
    text = json.loads(Path(seed_path()).read_text(encoding="utf-8"))["text"]
    again = tmp_path / "again.jsonl"
    again.write_text(json.dumps({"id": "copy", "text": text}) + "\n", encoding="utf-8")
    ingest.ingest(db, [str(again)])
    rows = db.execute("SELECT s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id "
                      "WHERE q.article_id = 'copy' AND q.text LIKE 'We’re identifying%'").fetchall()
    assert rows == [("Jen Psaki",)]
    db.close()


def test_correct_a_quote_to_a_new_speaker(seed_db):
    async def scenario(app, pilot):
        await pilot.press("enter", "r")
        await type_text(pilot, "Unnamed Aide")
        await settle(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot, rounds=6)
        assert "Unnamed Aide" in column(app.screen.query_one(OfficialsTable))

    run(seed_db, scenario)


def test_copy_a_quote_with_its_citation(budget_db):
    async def scenario(app, pilot):
        await pilot.press("y")  # typed into the filter from the officials list
        assert app.clipboard == ""
        await pilot.press("escape", "enter", "y")
        d = app.screen.query_one(QuoteDetail).detail
        assert app.clipboard.startswith("“%s”" % d.text.strip())
        assert d.speaker in app.clipboard and "Daily Post" in app.clipboard and "2024-03-05" in app.clipboard

    run(budget_db, scenario)


# --- palette, export, help, quit, welcome ------------------------------------------------------


def test_command_palette_jumps_to_an_official(seed_db):
    async def scenario(app, pilot):
        await pilot.press("ctrl+p")
        await type_text(pilot, "Jump to Ned")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.current_official().name == "Ned Price"
        assert app.screen.query_one(QuoteDetail).detail.speaker == "Ned Price"

    run(seed_db, scenario)


def write_from_the_palette(seed_db, out, command: str, write) -> None:
    """Run ``command`` from the palette on the first screen, then ``write(app)`` twice:
    once as it is, once with the statements filtered to "nuclear"."""
    async def scenario(app, pilot):
        await pilot.press("ctrl+p")
        await type_text(pilot, command)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        write(app)
        await settle(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "nuclear")
        await pilot.pause(0.3)
        await settle(app, pilot)
        write(app)
        await settle(app, pilot)

    run(seed_db, scenario, export_dir=out)


def test_export_the_current_list_as_csv_and_json(seed_db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    write_from_the_palette(seed_db, out, "Export the current list as CSV", lambda app: app.export("json"))
    rows = list(csv.DictReader(open(out / "quotetrack-antony-blinken.csv", encoding="utf-8")))
    assert len(rows) == 7 and {r["speaker"] for r in rows} == {"Antony Blinken"}
    assert [r["kind"] for r in rows].count("direct") == 6
    items = json.loads((out / "quotetrack-antony-blinken.json").read_text(encoding="utf-8"))
    assert [r["text"] for r in items] == [r["text"] for r in rows]
    hits = json.loads((out / "quotetrack-search-nuclear.json").read_text(encoding="utf-8"))
    assert hits and all("nuclear" in h["text"] for h in hits[:2])


def test_help_screen_opens_with_f1_and_question_mark(seed_db):
    async def scenario(app, pilot):
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, MainScreen)

    run(seed_db, scenario)


def test_ctrl_q_quits(seed_db):
    async def scenario(app, pilot):
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running

    run(seed_db, scenario)


def test_empty_library_shows_the_welcome_screen_and_s_ingests_the_seed(tmp_path):
    async def scenario(app, pilot):
        assert isinstance(app.screen, WelcomeScreen)
        text = app.screen.query_one("#welcome-text").content.plain
        assert "quotetrack --db %s ingest" % (tmp_path / "new.db") in text
        await pilot.press("s")
        await settle(app, pilot, rounds=6)
        assert isinstance(app.screen, MainScreen)
        assert column(app.screen.query_one(OfficialsTable)) == SEED_OFFICIALS

    run(tmp_path / "new.db", scenario)


def test_a_file_that_is_not_a_library_is_explained(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database at all " * 100)

    async def scenario(app, pilot):
        assert isinstance(app.screen, WelcomeScreen)
        assert "cannot be opened" in app.screen.query_one("#welcome-text").content.plain

    run(bad, scenario)


# --- hostile names, a growing library, a damaged file (issue 10, item 3) -------------------------


def test_markup_pasted_into_the_filter_and_in_speaker_names_is_shown_as_text(seed_db):
    from textual import events

    from quotetrack.library import corrections
    from quotetrack.search.speaker_lookup import resolve_speaker

    db = store.open_db(seed_db)
    corrections.rename(db, resolve_speaker(db, "Antony Blinken")[0], "[/x] Blinken [bold]")
    db.close()

    async def scenario(app, pilot):
        screen = app.screen
        title = screen.query_one("#statements-title")
        assert "Statements of [/x] Blinken [bold]" in str(title.render())
        field = screen.query_one("#filter")
        field.focus()
        field.post_message(events.Paste("qqq[/z]"))
        await settle(app, pilot)
        assert field.value == "qqq[/z]"
        assert "No official matches 'qqq[/z]'" in str(title.render())
        # the browser's own correction to a new name holding markup, and its notice
        screen.query_one(StatementsTable).focus()
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, OfficialPicker)
        app.screen.query_one("#picker-query").value = "[/y] Newman"
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert any("[/y] Newman" in n.message for n in app._notifications)

    app = run(seed_db, scenario)
    assert app.return_code in (0, None)


def test_the_next_page_after_an_ingest_of_newer_statements_is_read(tmp_path):
    path = tmp_path / "many.db"
    older = [{"id": "old-%d" % i, "published": "2020-01-%02d" % (1 + i % 28),
              "text": "“We will build road number %d,” Jane Doe said." % i} for i in range(data.PAGE + 30)]
    source = tmp_path / "older.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in older))
    db = store.open_db(path)
    ingest.ingest(db, [str(source)], workers=1)
    db.close()

    async def scenario(app, pilot):
        statements = app.screen.query_one(StatementsTable)
        assert statements.row_count == data.PAGE
        newer = tmp_path / "newer.jsonl"
        newer.write_text("".join(json.dumps({"id": "new-%d" % i, "published": "2024-05-01",
                                             "text": "“Bridge %d opens,” Jane Doe said." % i}) + "\n"
                                 for i in range(5)))
        with store.open_db(path) as writer:
            ingest.ingest(writer, [str(newer)], workers=1)
        statements.focus()
        await pilot.press("G")
        await settle(app, pilot)
        ids = column(statements, 2)
        assert len(ids) == len(set(ids)) and statements.row_count >= data.PAGE + 25

    app = run(path, scenario)
    assert app.return_code in (0, None)


def test_a_damaged_library_is_said_in_one_line(tmp_path, monkeypatch):
    import sqlite3

    from test_library_health import damaged

    path = damaged(str(tmp_path / "damaged.db"), tmp_path)

    async def scenario(app, pilot):
        assert isinstance(app.screen, WelcomeScreen)
        text = app.screen.query_one("#welcome-text").content.plain
        assert "is damaged" in text

    run(path, scenario)

    # damage met later, by a worker reading a page the quick check did not reach
    healthy = make_library(tmp_path / "seed.db")

    def broken(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    async def later(app, pilot):
        monkeypatch.setattr(data, "statements", broken)
        app.screen.query_one(OfficialsTable).move_cursor(row=1)
        await settle(app, pilot)
        assert app.is_running
        assert any("is damaged" in n.message for n in app._notifications)

    run(healthy, later)
