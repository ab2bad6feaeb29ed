"""The browser's own widgets: tables that load in pages, and the quote detail pane."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from quotetrack.tui import data, messages, render
from quotetrack.tui.data import Detail, Official, Statement

VIM_KEYS = [
    Binding("j", "cursor_down", "Down", show=False, id="vim-down"),
    Binding("k", "cursor_up", "Up", show=False, id="vim-up"),
    Binding("g", "scroll_top", "Top", show=False, id="vim-top"),
    Binding("G", "scroll_bottom", "Bottom", show=False, id="vim-bottom"),
]


class PagedTable(DataTable):
    """A row-cursor table that asks for the next page as the cursor nears its last row."""

    BINDINGS = VIM_KEYS
    NEAR_END = 20

    @dataclass
    class NeedMore(Message):
        """The cursor is near the end and more rows can be loaded."""

        table: "PagedTable"

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.more = False
        self._asked = False

    def reset(self) -> None:
        """Empty the table (its columns stay)."""
        self.clear()
        self.more = False
        self._asked = False

    def page_added(self, more: bool) -> None:
        """Rows of a page were added; ``more`` when another page exists."""
        self.more = more
        self._asked = False

    def watch_cursor_coordinate(self, old, new) -> None:
        """Ask for more rows when the cursor gets near the end."""
        super().watch_cursor_coordinate(old, new)
        if self.more and not self._asked and new.row >= self.row_count - self.NEAR_END:
            self._asked = True
            self.post_message(self.NeedMore(self))


class OfficialsTable(PagedTable):
    """The officials: name, role, number of statements. Typing a letter starts filtering.

    Letters here belong to the filter (names hold j and k), so the vim keys
    work in the other lists only.
    """

    @dataclass
    class TypeAhead(Message):
        """A character typed on the list, for the filter."""

        character: str

    reserved: frozenset[str] = frozenset()

    def on_mount(self) -> None:
        """Columns: how many statements of speech, and of them direct, mixed and indirect."""
        self.add_column("Official", key="name", width=19)
        self.add_column("Role", key="role", width=11)
        self.add_column("Said", key="quotes", width=4)
        self.add_column("D·M·I", key="kinds", width=7)

    def add_officials(self, officials: list[Official]) -> None:
        """Add officials as rows (keyed by speaker id)."""
        for o in officials:
            if str(o.id) in self.rows:
                continue
            self.add_row(render.line(o.name, 60), render.line(o.role or "—", 60),
                         Text(str(o.quotes), justify="right"), render.kind_counts(o),
                         key=str(o.id))

    def on_key(self, event) -> None:
        """Printable characters (not the screen's keys) go to the filter."""
        ch = event.character
        if ch and ch.isprintable() and not ch.isspace() and ch not in self.reserved:
            event.stop()
            event.prevent_default()
            self.post_message(self.TypeAhead(ch))


class StatementsTable(PagedTable):
    """One official's statements: date, publisher, quote."""

    def on_mount(self) -> None:
        """Columns."""
        self.add_column("Date", key="date", width=10)
        self.add_column("Publisher", key="publisher", width=16)
        self.add_column("Statement", key="text", width=200)

    def add_statements(self, statements: list[Statement]) -> None:
        """Add statements as rows (keyed by quote id)."""
        for st in statements:
            # a page read after an ingest added newer statements overlaps the rows shown
            if str(st.id) not in self.rows:
                self.add_row(*render.statement_cells(st), key=str(st.id))


class QuoteDetail(VerticalScroll):
    """The quote inside its paragraph, then who said it, the cue, the article and how it was found."""

    can_focus = True

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.detail: Detail | None = None

    def compose(self):
        """The paragraph and the facts."""
        yield Static(Text("Select a statement to see it in its paragraph."), id="paragraph")
        yield Static(Text(""), id="facts")

    def show(self, detail: Detail | None) -> None:
        """Show ``detail`` (None: the statement is gone)."""
        self.detail = detail
        para, facts = self.query_one("#paragraph", Static), self.query_one("#facts", Static)
        if detail is None:
            para.update(Text("This statement is no longer in the library."))
            facts.update(Text(""))
            return
        v = self.app.theme_variables
        para.update(render.paragraph(
            detail, quote_style="bold %s" % render.colour(v, "accent", "yellow"),
            mention_style="bold reverse %s" % render.colour(v, "primary-lighten-2", "blue")))
        facts.update(render.facts(detail, label_style="bold %s" % render.colour(v, "primary-lighten-2", "cyan")))
        self.scroll_home(animate=False)

    def paragraph_text(self) -> str:
        """The paragraph as shown (for tests and copying)."""
        content = self.query_one("#paragraph", Static).content
        return content.plain if isinstance(content, Text) else str(content)


class QuoteActions:
    """The actions on the quote a screen shows (its article, correcting it, copying it).

    A screen mixing this in gives ``current_detail()``.
    """

    def current_detail(self) -> Detail | None:
        """The quote the screen shows (None when there is none)."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="detail")
    def load_detail(self, quote_id: int) -> None:
        """Read a quote in its paragraph; a DetailLoaded message brings it back."""
        with self.app.library.connection() as db:
            found = data.detail(db, quote_id)
        self.post_message(messages.DetailLoaded(found))

    def action_article(self) -> None:
        """The quote's article."""
        self.app.open_article(self.current_detail())

    def action_correct(self) -> None:
        """Correct the quote's speaker."""
        self.app.correct(self.current_detail())

    def action_copy(self) -> None:
        """Copy the quote with its citation."""
        self.app.copy_quote(self.current_detail())
