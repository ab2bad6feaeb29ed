"""Two small dialogs of speaker corrections: a new name for an official, and the stored
corrections, to undo one."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Label

from quotetrack.library import corrections
from quotetrack.tui import messages, render


class RenameScreen(ModalScreen[str | None]):
    """The official's name in a box to edit; Enter stores it, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-rename", tooltip="Keep the name")]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.old = name

    def compose(self) -> ComposeResult:
        """Title, input, hint."""
        with Vertical(id="picker"):
            yield Label(Text("Rename %s" % render.visible(self.old)), classes="pane-title")
            yield Input(value=self.old, id="new-name", select_on_focus=True)
            yield Label("Enter: rename (later ingests keep it) · Esc: cancel", id="picker-hint")
        yield Footer()

    @on(Input.Submitted, "#new-name")
    def submitted(self, event: Input.Submitted) -> None:
        """Close with the typed name (nothing when it is empty or unchanged)."""
        name = " ".join(event.value.split())
        self.dismiss(name if name and name != self.old else None)

    def action_cancel(self) -> None:
        """Close without renaming."""
        self.dismiss(None)


class CorrectionsTable(DataTable):
    """The stored corrections, newest first."""

    def on_mount(self) -> None:
        """Columns."""
        self.cursor_type = "row"
        self.add_column("#", key="id", width=4)
        self.add_column("Correction", key="correction", width=13)
        self.add_column("From", key="from", width=24)
        self.add_column("To", key="to", width=22)
        self.add_column("Made (UTC)", key="made", width=16)


class CorrectionsScreen(ModalScreen[None]):
    """Every stored correction, the latest first; Enter or u undoes the highlighted one."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close-corrections", tooltip="Back without undoing"),
        Binding("u", "undo", "Undo", id="undo-correction", tooltip="Undo the highlighted correction"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[dict] = []

    def compose(self) -> ComposeResult:
        """Title, list, hint."""
        with Vertical(id="picker"):
            yield Label("Corrections (newest first)", id="corrections-title", classes="pane-title")
            yield CorrectionsTable(id="corrections")
            yield Label("Enter or u: undo the highlighted correction · Esc: close", id="picker-hint")
        yield Footer()

    def on_mount(self) -> None:
        """Read the corrections."""
        self.query_one(CorrectionsTable).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="corrections")
    def reload(self) -> None:
        """Read the stored corrections (a worker: its own connection)."""
        with self.app.library.connection() as db:
            rows = list(corrections.list_corrections(db))
        self.post_message(messages.CorrectionsLoaded(rows[::-1]))

    def on_corrections_loaded(self, message: messages.CorrectionsLoaded) -> None:
        """Show them."""
        self.entries = message.rows
        table = self.query_one(CorrectionsTable)
        table.clear()
        for row in self.entries:
            to = row["to"] if row["to"] is not None else ("nobody" if row["correction"] == "reassign" else "—")
            table.add_row(str(row["id"]), row["correction"], render.line(str(row["from"] or "—"), 80),
                          render.line(str(to), 80), (row["made"] or "")[:16].replace("T", " "),
                          key=str(row["id"]))
        if not self.entries:
            self.query_one("#corrections-title", Label).update("No corrections stored yet")

    @on(DataTable.RowSelected, "#corrections")
    def selected(self) -> None:
        """Enter on a correction: undo it."""
        self.action_undo()

    def action_undo(self) -> None:
        """Undo the highlighted correction and close."""
        table = self.query_one(CorrectionsTable)
        if not self.entries or not 0 <= table.cursor_row < len(self.entries):
            return
        entry = self.entries[table.cursor_row]["id"]
        self.dismiss(None)
        self.app.undo_correction(entry)

    def action_close(self) -> None:
        """Close without undoing."""
        self.dismiss(None)

    def listed(self) -> list[tuple[str, str]]:
        """(correction, from) of the rows shown (for tests)."""
        return [(r["correction"], r["from"]) for r in self.entries]
