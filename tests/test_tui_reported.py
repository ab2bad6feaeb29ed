"""Reported speech in the browser, through App.run_test() and Pilot: each official's statements
counted by kind, quotations in quotation marks and reported speech without, F4 to show other
kinds, and a clause split around its cue highlighted in all its pieces (detail and article)."""

from __future__ import annotations

import json

import pytest
from rich.text import Text

from test_reported_library import CLINICS  # tests/ is on the path
from test_tui import column, run, settle

from quotetrack.library import ingest, store
from quotetrack.tui.article_screen import ArticleScreen
from quotetrack.tui.main_screen import MainScreen
from quotetrack.tui.search_screen import HitsTable, SearchScreen
from quotetrack.tui.widgets import OfficialsTable, QuoteDetail, StatementsTable

SPLIT = "The new bus lines, Ruiz said, will run every ten minutes from the harbour"


@pytest.fixture
def clinics_db(tmp_path):
    source = tmp_path / "clinics.jsonl"
    source.write_text(json.dumps({"id": "clinics", "text": CLINICS, "title": "Clinics and roads",
                                  "published": "2024-05-02"}) + "\n", encoding="utf-8")
    db = store.open_db(tmp_path / "clinics.db")
    ingest.ingest(db, [str(source)], workers=1)
    db.close()
    return tmp_path / "clinics.db"


async def select(app, pilot, name):
    """Put the officials list's cursor on ``name``."""
    table = app.screen.query_one(OfficialsTable)
    table.move_cursor(row=column(table).index(name))
    await settle(app, pilot)


def test_officials_are_counted_by_kind_and_quotations_are_in_quotation_marks(clinics_db):
    async def scenario(app, pilot):
        officials = app.screen.query_one(OfficialsTable)
        assert column(officials) == ["Tom Hale", "Ana Ruiz", "Maria Lind"]
        assert column(officials, 2) == ["4", "3", "1"]  # speech: Hale's belief is not counted
        assert column(officials, 3) == ["2·1·1", "1·0·2", "0·0·1"]  # direct·mixed·indirect
        await select(app, pilot, "Ana Ruiz")
        title = app.screen.query_one("#statements-title").content
        assert ": 3 — 1 direct, 0 mixed, 2 indirect" in str(title)
        shown = column(app.screen.query_one(StatementsTable), 2)
        assert shown[:2] == ["the city would open two new clinics next spring", "“We have waited long enough,”"]
        assert shown[2].startswith("The new bus lines, Ruiz said") and len(shown) == 3
        detail = app.screen.query_one(QuoteDetail)
        assert detail.detail.kind == "indirect"
        facts = detail.query_one("#facts").content.plain
        assert "Kind" in facts and "indirect (reported speech)" in facts

    run(clinics_db, scenario)


def test_f4_shows_quotations_then_reported_speech_then_attitudes_too(clinics_db):
    async def scenario(app, pilot):
        statements = app.screen.query_one(StatementsTable)
        assert app.current_official().name == "Tom Hale" and statements.row_count == 4
        shown = []
        for _ in range(4):
            await pilot.press("f4")
            await settle(app, pilot)
            shown.append((app.kind_view.label, column(statements, 2)))
        quotations, reported, everything, back = shown
        assert quotations == ("quotations", ["“far too expensive for a city of our size”",
                                             "“The harbour roads come first,”"])
        assert reported[0] == "reported speech" and len(reported[1]) == 2
        assert not any(t.startswith("“") for t in reported[1])
        assert everything[0] == "every kind and attitudes" and len(everything[1]) == 5
        assert "the money should go to the harbour roads instead" in everything[1]
        assert back == ("every kind", column(statements, 2)) and len(back[1]) == 4
        assert "showing" not in str(app.screen.query_one("#statements-title").content)

    run(clinics_db, scenario)


def test_the_kind_shown_holds_in_search_too(clinics_db):
    async def scenario(app, pilot):
        await pilot.press("f4")  # quotations only
        await settle(app, pilot)
        await pilot.press("slash")
        app.screen.query_one("#query").value = "harbour"
        await pilot.pause(0.4)
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        hits = column(app.screen.query_one(HitsTable), 2)
        assert hits and all(h.startswith("“") for h in hits)
        await pilot.press("f4")  # reported speech: the bus lines, not the quotation
        await pilot.pause(0.4)
        await settle(app, pilot)
        hits = column(app.screen.query_one(HitsTable), 2)
        assert hits and not any(h.startswith("“") for h in hits)
        assert any("every ten minutes from the harbour" in h for h in hits)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(StatementsTable).row_count == 2  # Hale's reported speech

    run(clinics_db, scenario)


def reversed_text(line: Text) -> list[str]:
    """The pieces of a line drawn reversed (the statement in focus)."""
    return [line.plain[s.start:s.end] for s in line.spans
            if not isinstance(s.style, str) and s.style.reverse]


def test_a_clause_split_by_its_cue_is_highlighted_in_every_piece(clinics_db):
    async def scenario(app, pilot):
        await select(app, pilot, "Ana Ruiz")
        statements = app.screen.query_one(StatementsTable)
        statements.focus()
        statements.move_cursor(row=2)
        await settle(app, pilot)
        detail = app.screen.query_one(QuoteDetail)
        d = detail.detail
        assert d.text == SPLIT and len(d.fragments) == 2
        paragraph = detail.query_one("#paragraph").content
        pieces = [paragraph.plain[a:b] for a, b in d.fragments]
        assert pieces == ["The new bus lines", "will run every ten minutes from the harbour"]
        styled = {(s.start, s.end) for s in paragraph.spans}
        assert set(d.fragments) <= styled and d.quote not in styled
        assert paragraph.plain[slice(*d.cue)] == "said"
        # the article view: both pieces reversed, the cue between them not
        await pilot.press("a")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.focus_quote == d.id
        line = next(p for p in screen.paragraphs() if "bus lines" in p.plain)
        assert reversed_text(line) == ["The new bus lines", "will run every ten minutes from the harbour"]
        # n steps on to the next statement, reported or quoted: Hale's mixed one
        await pilot.press("n")
        line = next(p for p in screen.paragraphs() if "clinic plan" in p.plain)
        assert "the clinic plan was “far too expensive for a city of our size”" in reversed_text(line)
        legend = screen.query_one("#legend").content.plain
        assert "Tom Hale (4)" in legend and "Ana Ruiz (3)" in legend

    run(clinics_db, scenario)
