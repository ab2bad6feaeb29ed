"""One statement on its own: opened from a search hit or the compare view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Label

from quotetrack.tui import data, messages, render
from quotetrack.tui.widgets import KeysFooter, QuoteActions, QuoteDetail


class QuoteScreen(QuoteActions, Screen):
    """The quote in its paragraph with its facts, and the actions on it."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back", tooltip="Back to the list"),
        Binding("a", "article", "Article", id="article", tooltip="The whole article, quotes coloured by speaker"),
        Binding("r", "correct", "Correct speaker", id="correct",
                tooltip="Attribute this statement to another official or a new name"),
        Binding("y", "copy", "Copy", id="copy", tooltip="Copy the statement with its citation"),
        Binding("o", "official", "Official", id="official", tooltip="This official's statements"),
    ]

    def __init__(self, quote_id: int) -> None:
        super().__init__()
        self.quote_id = quote_id

    def compose(self) -> ComposeResult:
        """Title line and the detail."""
        yield Header()
        yield Label("Statement", id="quote-title", classes="pane-title")
        yield QuoteDetail(id="detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Read the quote."""
        self.query_one(QuoteDetail).focus()
        self.reload()

    def reload(self) -> None:
        """Read the quote again (after a correction)."""
        self.load_detail(self.quote_id)

    def on_detail_loaded(self, message: messages.DetailLoaded) -> None:
        """Show it."""
        self.query_one(QuoteDetail).show(message.detail)
        d = message.detail
        if d is not None:
            self.query_one("#quote-title", Label).update(
                render.line("%s — %s" % (d.speaker or "no speaker", d.title or d.article_id), 200))

    def current_detail(self) -> data.Detail | None:
        """The quote shown."""
        return self.query_one(QuoteDetail).detail




    def action_official(self) -> None:
        """Go to the main screen with this quote's official selected."""
        d = self.current_detail()
        if d is not None and d.speaker_id is not None:
            self.app.jump_to_official(d.speaker_id)
