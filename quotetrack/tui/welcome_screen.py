"""The first screen on an empty library: how to fill it, and the bundled seed article on one key."""

from __future__ import annotations

from importlib import resources

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from quotetrack.tui import messages, render
from quotetrack.tui.widgets import KeysFooter


def seed_path() -> str:
    """The bundled seed article (one JSONL line: id, title and the text of seeds/000_...txt)."""
    return str(resources.files("quotetrack.tui").joinpath("seed.jsonl"))


class WelcomeScreen(Screen):
    """Says how to ingest articles; s ingests the seed article."""

    BINDINGS = [
        Binding("s", "seed", "Ingest the seed article", id="seed",
                tooltip="Store the bundled example article and browse it"),
    ]

    def __init__(self, problem: str | None = None) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        """The message."""
        yield Header()
        with Center():
            with Vertical(id="welcome"):
                yield Static(self.message(), id="welcome-text")
                yield Static("", id="welcome-status")
        yield KeysFooter()

    def message(self) -> Text:
        """What to do, with the library's path."""
        path = render.visible(str(self.app.library.path))
        text = Text()
        text.append("Welcome to quotetrack\n\n", style="bold")
        if self.problem:
            text.append("This library cannot be opened:\n", style="bold")
            text.append(render.visible(self.problem) + "\n\n")
            text.append("Start the browser on another file: quotetrack --db PATH\n")
            return text
        text.append("The library at\n  %s\nholds no articles yet.\n\n" % path)
        text.append("Store articles from a terminal, then open the browser again:\n")
        text.append("  quotetrack --db %s ingest ARTICLES/\n" % path, style="bold")
        text.append("(.txt, .md, .html files, folders of them, or .jsonl of {\"id\", \"text\"})\n\n")
        text.append("Or press ")
        text.append("s", style="bold reverse")
        text.append(" to store the bundled example article (a news report on the rocket attack\n"
                    "on the Ain al-Asad air base, quoting Biden, Psaki, Blinken and Price) and browse it.")
        return text

    def action_seed(self) -> None:
        """Ingest the seed article in a worker."""
        if self.problem:
            return
        self.query_one("#welcome-status", Static).update("Ingesting the seed article…")
        self.ingest_seed()

    @work(thread=True, exclusive=True, group="ingest")
    def ingest_seed(self) -> None:
        """Store the seed article with the ingest library, on this thread's connection."""
        from quotetrack.library import ingest

        try:
            with self.app.library.connection() as db:
                summary = ingest.ingest(db, [seed_path()], workers=1)
        except Exception as exc:  # a full disk, a locked file: say so
            self.post_message(messages.Failed("the seed article could not be stored: %s" % exc))
            return
        self.post_message(messages.SeedIngested(summary.line()))

    def on_seed_ingested(self, message: messages.SeedIngested) -> None:
        """Go to the main screen."""
        self.notify(message.summary, markup=False)
        self.app.show_library()

    def on_failed(self, message: messages.Failed) -> None:
        """Say what failed."""
        self.query_one("#welcome-status", Static).update(Text(message.message))
