"""Pick an official (fuzzy, as you type), or name a new speaker: for corrections and comparisons."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label

from quotetrack.tui import messages, render
from quotetrack.tui.data import Official
from quotetrack.tui.finding import fuzzy_filter
from quotetrack.tui.widgets import KeysFooter, OfficialsTable

LIMIT = 200


@dataclass(frozen=True)
class Pick:
    """What was picked: an official (``speaker_id``), or a new name (``speaker_id`` None)."""

    speaker_id: int | None
    name: str


class OfficialPicker(ModalScreen[Pick | None]):
    """A filter box over the officials; Enter takes the highlighted one, ctrl+n the typed name."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without choosing"),
        Binding("ctrl+n", "new", "New speaker", id="new-speaker",
                tooltip="Use the typed name for a speaker not in the library yet"),
    ]

    def __init__(self, title: str, allow_new: bool = False, exclude: int | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.allow_new = allow_new
        self.exclude = exclude
        self.matches: list[Official] = []

    def compose(self) -> ComposeResult:
        """Title, input, list, hint."""
        with Vertical(id="picker"):
            yield Label(Text(self.title_text), id="picker-title", classes="pane-title")
            yield Input(placeholder="Type a name", id="picker-query", select_on_focus=False)
            yield OfficialsTable(id="picker-officials")
            hint = "Enter: the highlighted official"
            if self.allow_new:
                hint += " · ctrl+n: a new speaker with the typed name"
            yield Label(hint + " · Esc: cancel", id="picker-hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        """List every official."""
        self.query_one("#picker-query", Input).focus()
        self.filter("")

    @work(thread=True, exclusive=True, group="picker")
    def filter(self, query: str) -> None:
        """Fuzzy-filter the officials the app has read."""
        found = [o for o in fuzzy_filter(list(self.app.officials), query) if o.id != self.exclude]
        self.post_message(messages.OfficialsLoaded(query, found[:LIMIT]))

    def on_officials_loaded(self, message: messages.OfficialsLoaded) -> None:
        """Show the matches of the latest query."""
        if message.query != self.query_one("#picker-query", Input).value:
            return
        self.matches = message.officials
        table = self.query_one(OfficialsTable)
        table.reset()
        table.add_officials(self.matches)

    @on(Input.Changed, "#picker-query")
    def changed(self, event: Input.Changed) -> None:
        """Filter as the user types."""
        self.filter(event.value)

    def on_officials_table_type_ahead(self, message: OfficialsTable.TypeAhead) -> None:
        """Letters typed on the list go to the input."""
        field = self.query_one("#picker-query", Input)
        field.focus()
        field.insert_text_at_cursor(message.character)

    def on_key(self, event) -> None:
        """Up and down in the input move in the list."""
        if self.focused is self.query_one("#picker-query") and event.key in ("up", "down"):
            table = self.query_one(OfficialsTable)
            table.action_cursor_down() if event.key == "down" else table.action_cursor_up()
            event.stop()

    @on(Input.Submitted, "#picker-query")
    def submitted(self) -> None:
        """Enter in the input: the highlighted official, or with none listed, a new name."""
        table = self.query_one(OfficialsTable)
        if table.row_count:
            self.choose(table.cursor_row)
        elif self.allow_new:
            self.action_new()

    @on(DataTable.RowSelected, "#picker-officials")
    def selected(self, event: DataTable.RowSelected) -> None:
        """Enter or a click on an official."""
        self.choose(event.cursor_row)

    def choose(self, row: int) -> None:
        """Close with the official of a row."""
        if 0 <= row < len(self.matches):
            o = self.matches[row]
            self.dismiss(Pick(o.id, o.name))

    def action_new(self) -> None:
        """Close with the typed name as a new speaker."""
        name = " ".join(self.query_one("#picker-query", Input).value.split())
        if not self.allow_new:
            return
        if not name:
            self.notify("Type the speaker's name first.", severity="warning")
            return
        self.dismiss(Pick(None, name))

    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss(None)

    def listed(self) -> list[str]:
        """The names listed (for tests)."""
        return [render.visible(o.name) for o in self.matches]
