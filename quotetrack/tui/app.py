"""The browser's app: opens the library, picks the first screen, and holds the shared actions."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import time
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

from quotetrack.library import store
from quotetrack.library.statements import Filters
from quotetrack.tui import data, messages
from quotetrack.tui.commands import QuotetrackCommands
from quotetrack.tui.data import Detail, Library, Official
from quotetrack.tui.live import Watcher
from quotetrack.tui.sharing import ShareActions
from quotetrack.tui.speaker_actions import SpeakerActions

POLL_SECONDS = 1.5  # how often the browser looks for changes made by other processes


class QuotetrackApp(SpeakerActions, ShareActions, App):
    """Browse, search and compare statements by official."""

    CSS_PATH = "quotetrack.tcss"
    TITLE = "quotetrack"
    COMMANDS = App.COMMANDS | {QuotetrackCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip="Leave quotetrack"),
        Binding("f1", "help", "Help", id="help", tooltip="Keys and screens"),
        Binding("question_mark", "help", "Help", show=False, id="help-question-mark"),
        Binding("f4", "next_kinds", "Kinds", id="kinds",
                tooltip="Show other kinds of statements: every kind, quotations, reported speech, "
                        "with attitudes"),
        Binding("f5", "refresh", "Refresh", show=False, id="refresh",
                tooltip="Read the library again (it is also read again when another process changes it)"),
        Binding("ctrl+r", "refresh", "Refresh", show=False, id="refresh-ctrl-r"),
    ]

    def __init__(self, db_path: str | Path, export_dir: str | Path | None = None) -> None:
        super().__init__()
        self.library = Library(db_path)
        self.export_dir = Path(export_dir) if export_dir is not None else Path.cwd()
        self.officials: list[Official] = []
        self.publishers: list[str] = []
        self.sub_title = str(self.library.path)
        self.kind_view: data.KindView = data.KIND_VIEWS[0]  # which statements the lists show
        self.watcher = Watcher(self.library.path)

    def on_mount(self) -> None:
        """The main screen, or the welcome screen on an empty or unusable library."""
        try:
            articles = self.library.check()
        except store.StoreError as exc:
            self.show_welcome(str(exc))
            return
        if articles:
            self.show_library()
        else:
            self.show_welcome()
        self.watcher.changed()  # the version the screens are about to read
        self.set_interval(POLL_SECONDS, self.check_library)

    def check_library(self) -> None:
        """Refresh the screens when another process (or this one's corrections) changed the library."""
        if self.watcher.changed():
            self.refresh_screens(live=True)

    def refresh_screens(self, live: bool = False) -> None:
        """Read the library again into every open screen that shows it, each keeping its
        selection; ``live``: because the file changed (screens with ``LIVE = False``, whose
        reading is slow, wait for the refresh key)."""
        if not live:
            self.watcher.changed()  # what is read now needs no second refresh at the next look
        if self.main_screen() is None:
            self.leave_welcome()
            return
        for screen in self.screen_stack:
            if hasattr(screen, "reload") and (not live or getattr(screen, "LIVE", True)):
                screen.reload()
        self.sub_title = "%s · read %s" % (self.library.path, time.strftime("%H:%M:%S"))

    def leave_welcome(self) -> None:
        """From the welcome screen to the officials once the library holds articles (another
        process ingested some)."""
        from quotetrack.tui.welcome_screen import WelcomeScreen

        if isinstance(self.screen, WelcomeScreen):
            try:
                if self.library.check():
                    self.show_library()
            except store.StoreError:
                pass  # still unusable: the welcome screen says so

    def action_refresh(self) -> None:
        """Read the library again now."""
        self.refresh_screens()

    def _handle_exception(self, error: Exception) -> None:
        """A damaged or unreadable library met by a worker is said in one line, not a traceback.

        Textual hands a worker's exception here (as WorkerFailed) and would end
        the app with it; the file, not the app, is at fault, so the app stays.
        """
        found = getattr(error, "error", error)
        if isinstance(found, (sqlite3.DatabaseError, store.StoreError)) and not isinstance(
                found, sqlite3.ProgrammingError):
            self.notify(library_problem(self.library.path, found), severity="error", timeout=30,
                        markup=False)
            return
        super()._handle_exception(error)

    def on_unmount(self) -> None:
        """Close the connections."""
        self.watcher.close()
        self.library.close()

    def show_welcome(self, problem: str | None = None) -> None:
        """The welcome screen."""
        from quotetrack.tui.welcome_screen import WelcomeScreen

        self.switch_screen(WelcomeScreen(problem)) if self.screen_stack[1:] else self.push_screen(
            WelcomeScreen(problem))

    def show_library(self) -> None:
        """The main screen (replacing the welcome screen)."""
        from quotetrack.tui.main_screen import MainScreen

        self.switch_screen(MainScreen()) if self.screen_stack[1:] else self.push_screen(MainScreen())

    def main_screen(self):
        """The main screen, when it is open."""
        from quotetrack.tui.main_screen import MainScreen

        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def current_official(self) -> Official | None:
        """The official selected on the main screen."""
        main = self.main_screen()
        return main.current_official() if main else None

    def action_help(self) -> None:
        """The help screen."""
        from quotetrack.tui.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_next_kinds(self) -> None:
        """Show the next kinds of statements (``data.KIND_VIEWS``) on every open screen."""
        views = data.KIND_VIEWS
        self.kind_view = views[(views.index(self.kind_view) + 1) % len(views)]
        self.notify("Statements shown: %s" % self.kind_view.label, timeout=3)
        for screen in self.screen_stack:
            if hasattr(screen, "kinds_changed"):
                screen.kinds_changed()

    def action_search(self) -> None:
        """The search screen."""
        from quotetrack.tui.search_screen import SearchScreen

        if self.main_screen() is not None and not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def open_quote(self, quote_id: int) -> None:
        """One statement on its own screen."""
        from quotetrack.tui.quote_screen import QuoteScreen

        self.push_screen(QuoteScreen(quote_id))

    def open_article(self, detail: Detail | None) -> None:
        """A statement's article, the statement highlighted."""
        from quotetrack.tui.article_screen import ArticleScreen

        if detail is not None:
            self.push_screen(ArticleScreen(detail.article_id, detail.id))

    def jump_to_official(self, speaker_id: int) -> None:
        """Back to the main screen with an official selected."""
        main = self.main_screen()
        if main is None:
            return
        while self.screen is not main:
            self.pop_screen()
        main.jump_to(speaker_id)

    def compare_with(self, official: Official | None) -> None:
        """The compare screen, asking for the other official."""
        from quotetrack.tui.compare_screen import CompareScreen

        main = self.main_screen()
        if main is not None:
            self.push_screen(CompareScreen(official.id if official else None, filters=main.filters))

    def open_timeline(self, speaker_ids: list[int]) -> None:
        """The timeline of one official, or two on one chart (the main screen's filters apply)."""
        from quotetrack.tui.timeline_screen import TimelineScreen

        main = self.main_screen()
        if main is not None and speaker_ids:
            self.push_screen(TimelineScreen(speaker_ids, filters=main.filters))

    def compare_pair(self, left: int, right: int) -> None:
        """The compare screen for two officials."""
        from quotetrack.tui.compare_screen import CompareScreen

        main = self.main_screen()
        self.push_screen(CompareScreen(left, right, filters=main.filters if main else Filters()))

    def copy_quote(self, detail: Detail | None) -> None:
        """Copy a statement with its citation to the clipboard."""
        if detail is None:
            return
        self.copy_to_clipboard(data.citation(detail))
        self.notify("Copied the statement with its citation.")

    def correct(self, detail: Detail | None) -> None:
        """Ask who said a statement, then store that as a correction."""
        from quotetrack.tui.picker import OfficialPicker, Pick

        if detail is None:
            return

        def chosen(pick: Pick | None) -> None:
            if pick is not None:
                self.reassign(detail.id, "#%d" % pick.speaker_id if pick.speaker_id else pick.name,
                              pick.speaker_id is None)

        who = detail.speaker or "nobody"
        self.push_screen(OfficialPicker("Who said this? (now: %s)" % who, allow_new=True,
                                        exclude=detail.speaker_id), chosen)

    @work(thread=True, exclusive=True, group="correct")
    def reassign(self, quote_id: int, speaker: str, new: bool) -> None:
        """Store the correction (the corrections library, on this thread's connection)."""
        from quotetrack.library import corrections

        done = self.stored_correction(lambda db: (corrections.reassign(db, quote_id, speaker, new=new),))
        if done is not None:
            self.post_message(messages.Corrected(quote_id, done[0]))

    def on_corrected(self, message: messages.Corrected) -> None:
        """Refresh what shows the corrected statement."""
        self.notify("Statement %d is now attributed to %s; later ingests keep this."
                    % (message.quote_id, message.name or "nobody"), markup=False)
        self.refresh_screens()

    def on_failed(self, message: messages.Failed) -> None:
        """Background work of the app's own failed."""
        self.notify(message.message, severity="error", markup=False)

    def export(self, fmt: str) -> None:
        """Write the list on screen (statements, hits or pairs) as CSV or JSON."""
        source = getattr(self.screen, "export_source", None)
        found = source() if source else None
        if found is None:
            self.notify("There is no list to export here.", severity="warning")
            return
        name, rows = found
        slug = re.sub(r"[^\w]+", "-", name or "list").strip("-").lower() or "list"
        self.write_export(self.export_dir / ("quotetrack-%s.%s" % (slug, fmt)), fmt, rows)

    @work(thread=True, group="export")
    def write_export(self, path: Path, fmt: str, rows) -> None:
        """Read the rows and write the file."""
        try:
            with self.library.connection() as db:
                items = rows(db)
            with open(path, "w", encoding="utf-8", newline="") as f:
                if fmt == "json":
                    json.dump(items, f, ensure_ascii=False, indent=1)
                    f.write("\n")
                else:
                    writer = csv.DictWriter(f, fieldnames=list(items[0]) if items else ["id"])
                    writer.writeheader()
                    writer.writerows(items)
        except OSError as exc:
            self.post_message(messages.Failed("cannot write %s: %s" % (path, exc.strerror or exc)))
            return
        self.post_message(messages.Exported(str(path), len(items)))

    def on_exported(self, message: messages.Exported) -> None:
        """Say where the file is."""
        self.notify("Wrote %d rows to %s" % (message.rows, message.path), markup=False)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """Save a screenshot (the palette's "Screenshot") where it can be written.

        Textual saves to the user's downloads folder, which a fresh home does
        not have (the save then fails); without one it goes to the export
        folder, as exports do.
        """
        if path is None:
            path = str(screenshot_folder(self.export_dir))
        return super().deliver_screenshot(filename, path, time_format)


def screenshot_folder(fallback: Path) -> Path:
    """The user's downloads folder when there is one, else ``fallback``."""
    from platformdirs import user_downloads_path

    try:
        downloads = user_downloads_path()
    except Exception:  # platformdirs reads XDG files that may be malformed: no downloads folder then
        return fallback
    return downloads if downloads.is_dir() else fallback


def library_problem(path: Path, error: Exception) -> str:
    """One line for an SQLite error met reading the library at ``path``."""
    text = " ".join(str(error).split())
    if isinstance(error, store.StoreError):
        return text
    if "malformed" in text or "corrupt" in text:
        return "%s is damaged (%s); %s" % (path, text, store.DAMAGED_HINT)
    return "%s cannot be read: %s" % (path, text)


def make_app(db_path: str | Path, export_dir: str | Path | None = None) -> QuotetrackApp:
    """The browser on the library at ``db_path`` (shared by the CLI, the tests and the bench)."""
    return QuotetrackApp(db_path, export_dir)
