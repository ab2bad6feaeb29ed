"""Narrow a list of statements: published dates, publisher, minimum length (as ``quotetrack quotes``)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from quotetrack.library.statements import Filters
from quotetrack.tui.widgets import KeysFooter

FIELDS = (
    ("since", "From", "YYYY-MM-DD (published on or after)"),
    ("until", "Until", "YYYY-MM-DD (published on or before)"),
    ("publisher", "Publisher", "exact name, any case (Tab completes)"),
    ("min-length", "Min length", "characters (20 leaves out most fragments)"),
)


class FiltersScreen(ModalScreen[Filters | None]):
    """Four fields; Enter applies them, ctrl+l clears them all, Esc leaves them as they were."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel-filters", tooltip="Keep the filters as they were"),
        Binding("ctrl+l", "clear", "Clear all", id="clear-filters", tooltip="Show every statement"),
    ]

    def __init__(self, filters: Filters, publishers: list[str] = (), title: str = "Filter the statements"
                 ) -> None:
        super().__init__()
        self.filters = filters
        self.publishers = list(publishers)
        self.title_text = title

    def compose(self) -> ComposeResult:
        """Title, the fields, a line for what is wrong."""
        values = {"since": self.filters.since, "until": self.filters.until,
                  "publisher": self.filters.publisher,
                  "min-length": str(self.filters.min_length) if self.filters.min_length else ""}
        with Vertical(id="filters"):
            yield Label(Text(self.title_text), classes="pane-title")
            for key, label, hint in FIELDS:
                with Horizontal(classes="filter-row"):
                    yield Label(label, classes="filter-label")
                    suggester = (SuggestFromList(self.publishers, case_sensitive=False)
                                 if key == "publisher" and self.publishers else None)
                    yield Input(values[key] or "", placeholder=hint, id="filter-" + key,
                                suggester=suggester, select_on_focus=False)
            yield Label("Enter: apply · ctrl+l: clear all · Esc: cancel", id="filters-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        """The first field."""
        self.query_one("#filter-since", Input).focus()

    def read(self) -> Filters:
        """The filters typed; ValueError with one line saying what is wrong."""
        value = {key: self.query_one("#filter-" + key, Input).value.strip() for key, _, _ in FIELDS}
        for key in ("since", "until"):
            if value[key]:
                try:
                    value[key] = date.fromisoformat(value[key]).isoformat()
                except ValueError:
                    raise ValueError("%r is not a date like 2016-03-01" % value[key]) from None
        if value["since"] and value["until"] and value["since"] > value["until"]:
            raise ValueError("the first date is after the last")
        length = value["min-length"]
        if length and not (length.isdigit() and length.isascii()):
            raise ValueError("the minimum length is a number of characters, not %r" % length)
        return Filters(value["since"] or None, value["until"] or None, value["publisher"] or None,
                       int(length) if length and int(length) > 0 else None)

    @on(Input.Submitted)
    def apply(self) -> None:
        """Enter in any field: close with the filters, or say what is wrong."""
        try:
            self.dismiss(self.read())
        except ValueError as exc:
            # the user's typing, shown as text
            self.query_one("#filters-status", Label).update(Text(str(exc)))

    def action_clear(self) -> None:
        """Close with no filters."""
        self.dismiss(Filters())

    def action_cancel(self) -> None:
        """Close, changing nothing."""
        self.dismiss(None)
