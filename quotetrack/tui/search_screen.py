"""Search every official's statements as you type; Enter opens the statement."""

from __future__ import annotations

import threading
import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label

from quotetrack.tui import finding, messages, render
from quotetrack.tui.widgets import KeysFooter, VIM_KEYS

DEBOUNCE = 0.12  # seconds of quiet typing before a search starts


class HitsTable(DataTable):
    """Search hits: speaker, date, the matched part of the statement."""

    BINDINGS = VIM_KEYS

    def on_mount(self) -> None:
        """Columns."""
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column("Speaker", key="speaker", width=22)
        self.add_column("Date", key="date", width=10)
        self.add_column("Match", key="match", width=200)


class SearchScreen(Screen):
    """An input and the hits; searching runs in a worker, so typing never waits."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back", tooltip="Back to the officials"),
        Binding("down", "focus_hits", "Hits", show=False, id="to-hits"),
    ]

    def __init__(self, phrase: str = "") -> None:
        super().__init__()
        self.phrase = phrase
        self.hits: list[finding.Found] = []
        self._cancel = threading.Event()
        self._timer = None
        self._open_when_done = False
        self._searching = False

    def compose(self) -> ComposeResult:
        """Input, status line, hits."""
        yield Header()
        yield Input(self.phrase, placeholder="Search what every official said (typos are fine)",
                    id="query")
        yield Label("Type a phrase; Enter opens the best hit.", id="search-status")
        yield HitsTable(id="hits")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Focus the input."""
        self.query_one("#query", Input).focus()
        if self.phrase:
            self.start_search()

    @on(Input.Changed, "#query")
    def query_changed(self, event: Input.Changed) -> None:
        """Search again once typing pauses."""
        self.phrase = event.value
        self._open_when_done = False
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.start_search)

    def start_search(self) -> None:
        """Cancel the running search and start one for the current phrase."""
        self._timer = None
        self._cancel.set()
        self._cancel = threading.Event()
        if not self.phrase.strip():
            self.hits = []
            self.query_one(HitsTable).clear()
            self.query_one("#search-status", Label).update("Type a phrase; Enter opens the best hit.")
            return
        self.query_one("#search-status", Label).update("Searching…")
        self._searching = True
        self.search(self.phrase, self._cancel)

    @work(thread=True, exclusive=True, group="search")
    def search(self, phrase: str, cancel: threading.Event) -> None:
        """Run the search library on this thread's connection."""
        started = time.perf_counter()
        try:
            with self.app.library.connection() as db:
                hits = finding.find(db, phrase, limit=100, cancel=cancel, view=self.app.kind_view)
        except Exception as exc:  # a search that fails says so and leaves typing alone
            self.post_message(messages.Failed("search failed: %s" % exc))
            return
        if not cancel.is_set():
            self.post_message(messages.SearchDone(phrase, hits, time.perf_counter() - started))

    def on_search_done(self, message: messages.SearchDone) -> None:
        """Show the hits of the latest phrase."""
        if message.phrase != self.phrase:
            return
        self._searching = False
        self.hits = message.hits
        table = self.query_one(HitsTable)
        table.clear()
        for hit in message.hits:
            st = hit.statement
            match = render.said(render.excerpt(st.text, hit.match, 100), st.kind)
            if st.reports > 1:
                match.append("  " + render.reports(st.reports), style="dim")
            table.add_row(render.line(st.speaker or "(no speaker)", 60), render.date(st.published),
                          match, key=str(st.id))
        n = len(message.hits)
        self.query_one("#search-status", Label).update(
            Text("%d hit%s for “%s” in %.0f ms" % (n, "" if n == 1 else "s", render.visible(message.phrase),
                                                  message.seconds * 1000)))
        if self._open_when_done:
            self._open_when_done = False
            self.open_hit(0)

    def kinds_changed(self) -> None:
        """Other kinds of statements shown (F4): search again."""
        self.start_search()

    def on_failed(self, message: messages.Failed) -> None:
        """Show a failed search."""
        self._searching = False
        self.query_one("#search-status", Label).update(Text(message.message))

    @on(Input.Submitted, "#query")
    def submitted(self) -> None:
        """Enter: open the best hit, once the search for what was typed is done."""
        if self._timer is not None or self._searching:
            self._open_when_done = True
            if self._timer is not None:
                self._timer.stop()
                self.start_search()
            return
        table = self.query_one(HitsTable)
        self.open_hit(table.cursor_row if table.row_count else 0)

    @on(DataTable.RowSelected, "#hits")
    def hit_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a hit opens it."""
        self.open_hit(event.cursor_row)

    def open_hit(self, index: int) -> None:
        """Open a hit's statement in the quote view."""
        if 0 <= index < len(self.hits):
            self.app.open_quote(self.hits[index].statement.id)
        elif self.phrase.strip():
            self.notify("Nothing found for that phrase.", severity="warning")

    def action_focus_hits(self) -> None:
        """Down from the input goes to the hits."""
        if self.query_one(HitsTable).row_count:
            self.query_one(HitsTable).focus()

    def export_source(self):
        """What export writes from here: the hits."""
        hits = list(self.hits)
        rows = [{"id": h.statement.id, "speaker": h.statement.speaker, "text": h.statement.text,
                 "published": h.statement.published, "publisher": h.statement.publisher,
                 "title": h.statement.title, "score": h.score} for h in hits]
        return "search %s" % self.phrase, lambda db: rows

    def report_source(self):
        """What a report covers from here: the hits' statements (title, speaker ids, quote ids)."""
        if not self.hits:
            return None
        return "Statements about “%s”" % self.phrase.strip(), None, [h.statement.id for h in self.hits]
