"""The browser's speaker corrections (merge, rename, not a speaker, undo), its reports and its
screenshots, through App.run_test() and Pilot (helpers shared with tests/test_tui.py)."""

from __future__ import annotations

import sqlite3

import pytest

from test_tui import column, make_library, run, settle, type_text, write_from_the_palette  # tests/ is on the path

from quotetrack.tui.corrections_screen import CorrectionsScreen, RenameScreen
from quotetrack.tui.main_screen import MainScreen
from quotetrack.tui.picker import OfficialPicker
from quotetrack.tui.widgets import OfficialsTable, QuoteDetail

# the seed's officials: four quoted, the Pentagon reported; the White House is a speaker too, of
# an attitude only (hidden from the lists by default)
SEED_IDS = {"Antony Blinken", "Jen Psaki", "Joe Biden", "Ned Price", "Pentagon"}
SEED_SPEAKERS = SEED_IDS | {"White House"}


@pytest.fixture
def seed_db(tmp_path):
    return make_library(tmp_path / "seed.db")


def speaker_ids(path) -> dict[str, int]:
    """{name: id} of the library's speakers."""
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, id FROM speakers"))
    finally:
        conn.close()


def officials(app) -> list[tuple[str, str]]:
    """(name, statements) of the officials list."""
    table = app.screen.query_one(OfficialsTable)
    return list(zip(column(table), column(table, 2)))


async def select(app, pilot, name):
    """Put the cursor of the officials list on ``name``."""
    table = app.screen.query_one(OfficialsTable)
    table.move_cursor(row=column(table).index(name))
    await settle(app, pilot)
    assert app.current_official().name == name


def test_merge_from_the_officials_list_changes_the_counts_at_once(seed_db):
    ids = speaker_ids(seed_db)

    async def scenario(app, pilot):
        await select(app, pilot, "Ned Price")
        await pilot.press("f3")
        assert isinstance(app.screen, OfficialPicker)
        assert "Ned Price" not in app.screen.listed()
        await type_text(pilot, "psaki")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot, rounds=6)
        assert isinstance(app.screen, MainScreen)
        assert officials(app) == [("Antony Blinken", "7"), ("Jen Psaki", "6"), ("Joe Biden", "2"),
                                  ("Pentagon", "1")]
        # the official who stays is selected, its statements shown
        assert app.current_official().name == "Jen Psaki"
        assert app.screen.query_one(QuoteDetail).detail.speaker == "Jen Psaki"

    run(seed_db, scenario)
    after = speaker_ids(seed_db)
    assert after["Jen Psaki"] == ids["Jen Psaki"] and "Ned Price" not in after


def test_keys_typed_fast_act_on_the_official_under_the_cursor(seed_db):
    async def scenario(app, pilot):
        # as when keys come fast ("down", "down", "down", F3): the cursor has moved, the
        # highlight message that updates the selection is still on its way
        app.screen.query_one(OfficialsTable).move_cursor(row=3)
        app.screen.action_merge_official()
        await pilot.pause()
        assert isinstance(app.screen, OfficialPicker)
        assert app.screen.title_text.startswith("Merge Ned Price into")

    run(seed_db, scenario)


def test_escape_in_the_merge_picker_changes_nothing(seed_db):
    async def scenario(app, pilot):
        await pilot.press("f3", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert {name for name, _ in officials(app)} == SEED_IDS

    run(seed_db, scenario)


def test_rename_from_the_officials_list(seed_db):
    ids = speaker_ids(seed_db)

    async def scenario(app, pilot):
        await select(app, pilot, "Joe Biden")
        await pilot.press("f2")
        assert isinstance(app.screen, RenameScreen)
        assert app.screen.query_one("#new-name").value == "Joe Biden"
        await pilot.press("ctrl+u")  # the input's "delete everything left of the cursor"
        app.screen.query_one("#new-name").value = ""
        await type_text(pilot, "Joseph R. Biden")
        await pilot.press("enter")
        await settle(app, pilot, rounds=6)
        assert isinstance(app.screen, MainScreen)
        assert ("Joseph R. Biden", "2") in officials(app) and "Joe Biden" not in dict(officials(app))
        assert app.current_official().name == "Joseph R. Biden"

    run(seed_db, scenario)
    assert speaker_ids(seed_db)["Joseph R. Biden"] == ids["Joe Biden"]


def test_renaming_to_a_name_in_use_says_to_merge(seed_db):
    async def scenario(app, pilot):
        await select(app, pilot, "Joe Biden")
        await pilot.press("f2")
        app.screen.query_one("#new-name").value = "Ned Price"
        await pilot.press("enter")
        await settle(app, pilot, rounds=6)
        assert any("exists already" in str(n.message) for n in app._notifications)
        assert {name for name, _ in officials(app)} == SEED_IDS

    run(seed_db, scenario)


def test_not_a_speaker_hides_the_name_and_its_statements(seed_db):
    async def scenario(app, pilot):
        await select(app, pilot, "Joe Biden")
        await pilot.press("delete")
        await settle(app, pilot, rounds=6)
        assert officials(app) == [("Antony Blinken", "7"), ("Jen Psaki", "4"), ("Ned Price", "2"),
                                  ("Pentagon", "1")]
        # the cursor stays in place: on the next official
        assert app.current_official().name == "Ned Price"
        # search finds none of its statements
        await pilot.press("slash")
        await type_text(pilot, "imminent threats")
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert all(h.statement.speaker != "Joe Biden" for h in app.screen.hits)

    run(seed_db, scenario)
    conn = sqlite3.connect(seed_db)
    assert conn.execute("SELECT how FROM correction_log").fetchall() == [("hide",)]
    assert conn.execute("SELECT count(*) FROM quotes WHERE hidden = 1").fetchone()[0] == 2  # quoted, reported
    conn.close()


def test_delete_in_the_filter_edits_the_filter(seed_db):
    async def scenario(app, pilot):
        await type_text(pilot, "psakix")
        await pilot.press("left", "delete")
        await settle(app, pilot)
        assert app.screen.query_one("#filter").value == "psaki"
        assert {name for name, _ in officials(app)} == {"Jen Psaki"}

    run(seed_db, scenario)
    assert set(speaker_ids(seed_db)) == SEED_SPEAKERS


def test_undo_a_merge_and_a_hide_from_the_corrections_list(seed_db):
    ids = speaker_ids(seed_db)

    async def scenario(app, pilot):
        await select(app, pilot, "Ned Price")
        await pilot.press("f3")
        await type_text(pilot, "blinken")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot, rounds=6)
        await select(app, pilot, "Joe Biden")
        await pilot.press("delete")
        await settle(app, pilot, rounds=6)
        assert officials(app) == [("Antony Blinken", "9"), ("Jen Psaki", "4"), ("Pentagon", "1")]
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert isinstance(app.screen, CorrectionsScreen)
        # newest first
        assert app.screen.listed() == [("not a speaker", "Joe Biden"), ("merge", "Ned Price")]
        await pilot.press("down", "enter")  # undo the merge, keep the hide
        await settle(app, pilot, rounds=6)
        assert isinstance(app.screen, MainScreen)
        assert officials(app) == [("Antony Blinken", "7"), ("Jen Psaki", "4"), ("Ned Price", "2"),
                                  ("Pentagon", "1")]
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.screen.listed() == [("not a speaker", "Joe Biden")]
        await pilot.press("u")
        await settle(app, pilot, rounds=6)
        assert {name for name, _ in officials(app)} == SEED_IDS
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.screen.listed() == []
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

    run(seed_db, scenario)
    assert speaker_ids(seed_db) == ids  # every id as it was


def test_the_palette_offers_the_corrections_of_the_selected_official(seed_db):
    async def scenario(app, pilot):
        await select(app, pilot, "Ned Price")
        await pilot.press("ctrl+p")
        await type_text(pilot, "Ned Price is not a speaker")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot, rounds=6)
        assert "Ned Price" not in dict(officials(app))
        await pilot.press("ctrl+p")
        await type_text(pilot, "Merge Pentagon into")  # the official after Ned Price
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, OfficialPicker)

    run(seed_db, scenario)


def test_the_palette_writes_a_report_of_the_current_view(seed_db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    write_from_the_palette(seed_db, out, "Report on the current list as HTML", lambda app: app.report("md"))
    page = (out / "quotetrack-report-statements-of-antony-blinken.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<blockquote") == 7  # reported too
    assert "Antony Blinken" in page and "Jen Psaki" not in page
    md = (out / "quotetrack-report-statements-of-antony-blinken.md").read_text(encoding="utf-8")
    assert "7 statements by 1 speaker" in md
    about = (out / "quotetrack-report-statements-about-nuclear.md").read_text(encoding="utf-8")
    assert "nuclear" in about and "— " in about


def test_a_screenshot_is_saved_in_a_fresh_home_folder(seed_db, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DOWNLOAD_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(var, raising=False)
    out = tmp_path / "out"
    out.mkdir()

    async def scenario(app, pilot):
        app.deliver_screenshot()
        for _ in range(20):
            await pilot.pause(0.05)
            if list(out.glob("*.svg")):
                break
        await settle(app, pilot)
        messages = [str(n.message) for n in app._notifications]
        assert not any("Failed" in m for m in messages), messages

    run(seed_db, scenario, export_dir=out)
    shots = list(out.glob("*.svg"))
    assert len(shots) == 1 and "Blinken" in shots[0].read_text(encoding="utf-8")
    assert list(home.iterdir()) == []
