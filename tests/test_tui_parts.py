"""The browser's parts without a terminal: rendering, data access, bindings, packaging and the CLI entry."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from rich.text import Text

from quotetrack.cli import cli
from quotetrack.library import ingest, store
from quotetrack.tui import data, finding, render
from quotetrack.tui.welcome_screen import seed_path

REPO = Path(__file__).resolve().parents[1]


def test_visible_keeps_offsets_and_shows_control_characters():
    raw = "a\x1b[31mred\x07\x7f\x9b\tb\nc"
    shown = render.visible(raw)
    assert len(shown) == len(raw)
    assert shown == "a␛[31mred␇␡\ufffd\tb\nc"


def test_cells_are_text_never_markup():
    cell = render.line("[bold]x[/bold] \x1b[1m")
    assert isinstance(cell, Text) and cell.plain == "[bold]x[/bold] ␛[1m" and not cell.spans


def test_packaged_seed_is_the_seed_article():
    obj = json.loads(Path(seed_path()).read_text(encoding="utf-8"))
    assert obj["text"] == (REPO / "seeds" / "000_7d63752a5a5a4f90.txt").read_text(encoding="utf-8")


def test_detail_and_citation(tmp_path):
    db = store.open_db(tmp_path / "x.db")
    ingest.ingest(db, [seed_path()])
    officials = data.officials(db)
    assert [o.name for o in officials] == ["Antony Blinken", "Jen Psaki", "Joe Biden", "Ned Price", "Pentagon"]
    st, total = data.statements(db, officials[0].id, 0, 2)
    assert len(st) == 2 and total == 7  # 6 quotations, 1 mixed statement
    assert data.statements(db, officials[0].id, 2, 10)[0][0].id not in {s.id for s in st}
    d = data.detail(db, st[0].id)
    assert d.paragraph[slice(*d.quote)] == d.text
    assert d.paragraph[slice(*d.mention)] == d.mention_text
    cite = data.citation(d)
    assert cite.startswith("“") and "Antony Blinken, Secretary of State" in cite
    assert "US-Iran tensions soar over Iraq attack" in cite
    db.close()


def test_search_finds_a_typo_phrase(tmp_path):
    db = store.open_db(tmp_path / "x.db")
    ingest.ingest(db, [seed_path()])
    hits = finding.find(db, "path of diplomcy")
    assert hits and hits[0].statement.speaker == "Antony Blinken"
    start, end = hits[0].match
    assert "diplomacy" in hits[0].statement.text[start:end]
    db.close()


def test_fuzzy_filter_orders_substring_matches_first():
    people = [data.Official(1, "Antony Blinken", "person", 6, ("Secretary of State",)),
              data.Official(2, "Jen Psaki", "person", 3, ("White House Spokesperson",)),
              data.Official(3, "Ned Price", "person", 1, ("State Department Spokesman",))]
    assert [o.id for o in finding.fuzzy_filter(people, "")] == [1, 2, 3]
    assert [o.id for o in finding.fuzzy_filter(people, "price")] == [3]
    assert finding.fuzzy_filter(people, "blinkn")[0].id == 1


def test_every_shown_binding_has_an_id_and_a_tooltip():
    from quotetrack.tui import (app, article_screen, compare_screen, help_screen, main_screen, picker,
                                quote_screen, search_screen, welcome_screen)

    classes = [app.QuotetrackApp, article_screen.ArticleScreen, compare_screen.CompareScreen,
               help_screen.HelpScreen, main_screen.MainScreen, picker.OfficialPicker,
               quote_screen.QuoteScreen, search_screen.SearchScreen, welcome_screen.WelcomeScreen]
    for cls in classes:
        for b in cls.BINDINGS:
            assert b.id, (cls, b)
            assert not b.show or b.tooltip, (cls, b)


def test_bare_quotetrack_opens_the_browser_on_the_chosen_library(tmp_path, monkeypatch):
    import quotetrack.tui

    opened = []

    class Fake:
        def __init__(self, path):
            self.path = path

        def run(self):
            opened.append(self.path)

    monkeypatch.setattr(quotetrack.tui, "make_app", Fake)
    monkeypatch.setenv("QUOTETRACK_DB", str(tmp_path / "env.db"))
    runner = CliRunner()
    assert runner.invoke(cli, []).exit_code == 0
    assert runner.invoke(cli, ["--db", str(tmp_path / "other.db")]).exit_code == 0
    assert opened == [str(tmp_path / "env.db"), str(tmp_path / "other.db")]
    result = runner.invoke(cli, ["help"])
    assert result.exit_code == 0 and "Usage" in result.output
    bad = tmp_path / "bad.db"
    bad.write_text("no")
    result = runner.invoke(cli, ["--db", str(bad)])
    assert result.exit_code == 1 and "Error" in result.output and len(opened) == 2
