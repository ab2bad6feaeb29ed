"""The browser's own widgets: tables that load in pages, and the quote detail pane."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Static
from textual.widgets._footer import FooterKey  # not exported by textual.widgets; the footer is made of them

from quotetrack.tui import data, messages, render
from quotetrack.tui.data import Detail, Official, Statement

VIM_KEYS = [
    Binding("j", "cursor_down", "Down", show=False, id="vim-down"),
    Binding("k", "cursor_up", "Up", show=False, id="vim-up"),
    Binding("g", "scroll_top", "Top", show=False, id="vim-top"),
    Binding("G", "scroll_bottom", "Bottom", show=False, id="vim-bottom"),
]


class PagedTable(DataTable):
    """A row-cursor table that asks for the next page as the cursor nears its last row.

    It keeps the items its rows show, so when its width changes it lays its
    columns out again (``columns_for``: what gives way first as it narrows)
    and redraws the rows, the cursor where it was.
    """

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
        self.items: list = []
        self.laid_out: tuple | None = None  # the columns the rows are drawn for

    def columns_for(self, width: int) -> tuple[tuple[str, str, int], ...]:
        """(key, label, width) of each column for a table ``width`` cells wide."""
        raise NotImplementedError

    def cells(self, item) -> tuple:
        """The cells of one item's row, for the columns laid out (``self.laid_out``)."""
        raise NotImplementedError

    def on_mount(self) -> None:
        """Columns for the width it has."""
        self.lay_out()

    def on_resize(self) -> None:
        """Columns again when the width changes what they can hold."""
        self.lay_out()

    def lay_out(self) -> None:
        """Lay the columns out for the present width, redrawing the rows if they change."""
        spec = self.columns_for(self.size.width - self.styles.scrollbar_size_vertical)
        if spec == self.laid_out:
            return
        row = self.cursor_row
        # the redraw moves the cursor to the top and back; nobody needs to hear of it
        with self.prevent(DataTable.RowHighlighted):
            self.clear(columns=True)
            for key, label, width in spec:
                self.add_column(label, key=key, width=width)
            self.laid_out = spec
            self._add_rows(self.items)
            if self.items:
                self.move_cursor(row=min(row, len(self.items) - 1), animate=False)

    def _add_rows(self, items: list) -> None:
        """Add rows for ``items`` (keyed by their ids)."""
        for item in items:
            self.add_row(*self.cells(item), key=str(item.id))

    def add_items(self, items: list) -> None:
        """Add rows for the items not shown yet (a page read after an ingest may overlap)."""
        new = [item for item in items if str(item.id) not in self.rows]
        self.items += new
        self._add_rows(new)

    def reset(self) -> None:
        """Empty the table (its columns stay)."""
        self.clear()
        self.items = []
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


def text_width(width: int, others: list[tuple[str, str, int]]) -> int:
    """The room left for a last column once ``others`` (and every column's padding) are placed."""
    return max(10, width - sum(w + 2 for _, _, w in others) - 2)


class OfficialsTable(PagedTable):
    """The officials: name, role, number of statements. Typing a letter starts filtering.

    Letters here belong to the filter (names hold j and k), so the vim keys
    work in the other lists only. The role gives way when the list is narrow.
    """

    @dataclass
    class TypeAhead(Message):
        """A character typed on the list, for the filter."""

        character: str

    reserved: frozenset[str] = frozenset()

    def columns_for(self, width: int) -> tuple[tuple[str, str, int], ...]:
        """Name and count; the role too from 40 cells, name and role sharing what is left; from 44
        the count by kind (direct·mixed·indirect) too."""
        said = ("quotes", "Said", 5)
        kinds = ("kinds", "D·M·I", 7)
        if width < 40:
            return (("name", "Official", text_width(width, [said])), said)
        extra = [kinds] if width >= 44 else []
        room = width - (3 + len(extra)) * 2 - said[2] - sum(k[2] for k in extra)
        name = max(16 if extra else 18, room * 3 // 5)
        return (("name", "Official", name), ("role", "Role", max(8, room - name)), said, *extra)

    def cells(self, o: Official) -> tuple:
        """Name, (role,) count (, count by kind)."""
        out = [render.line(o.name, 60)]
        if len(self.laid_out or ()) >= 3:
            out.append(render.line(o.role or "—", 60))
        out.append(Text(str(o.quotes), justify="right"))
        if len(self.laid_out or ()) == 4:
            out.append(render.kind_counts(o))
        return tuple(out)

    def add_officials(self, officials: list[Official]) -> None:
        """Add officials as rows (keyed by speaker id)."""
        self.add_items(officials)

    def on_key(self, event) -> None:
        """Printable characters (not the screen's keys) go to the filter."""
        ch = event.character
        if ch and ch.isprintable() and not ch.isspace() and ch not in self.reserved:
            event.stop()
            event.prevent_default()
            self.post_message(self.TypeAhead(ch))


class StatementsTable(PagedTable):
    """Statements: date, (speaker,) publisher, text. The text keeps its room as the table narrows:
    the publisher gives way first, then the date."""

    DATE_FROM = 50        # cells from which the date shows (the text keeps 36 or more)
    PUBLISHER_FROM = 80   # ... and the publisher
    WIDE = 120            # ... with a wider publisher column

    def __init__(self, with_speaker: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.with_speaker = with_speaker

    def columns_for(self, width: int) -> tuple[tuple[str, str, int], ...]:
        """The columns that fit ``width``, the statement's text taking the rest."""
        cols = []
        if width >= self.DATE_FROM:
            cols.append(("date", "Date", 10))
        if self.with_speaker and width >= 40:
            cols.append(("speaker", "Speaker", 18))
        if width >= self.PUBLISHER_FROM:
            cols.append(("publisher", "Publisher", 24 if width >= self.WIDE else 16))
        return tuple(cols) + (("text", "Statement", text_width(width, cols)),)

    def cells(self, st: Statement) -> tuple:
        """One cell a column laid out."""
        out = []
        for key, _, width in self.laid_out or ():
            if key == "date":
                out.append(render.date(st.published))
            elif key == "speaker":
                out.append(render.line(st.speaker or "—", 60))
            elif key == "publisher":
                out.append(render.line(st.publisher or "—", 40))
            else:
                out.append(render.statement_text(st, width))
        return tuple(out)

    def add_statements(self, statements: list[Statement]) -> None:
        """Add statements as rows (keyed by quote id)."""
        self.add_items(statements)


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

    def show_empty(self, message: str) -> None:
        """No statement to show, and why."""
        self.detail = None
        self.query_one("#paragraph", Static).update(Text(message))
        self.query_one("#facts", Static).update(Text(""))

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


class KeysFooter(Footer):
    """The footer, with the keys that must never be cut off (quit, help, the palette) held at its
    right end; the screen's keys fill the rest from the left, the least used cut first on a narrow
    terminal."""

    PINNED = frozenset({"quit", "help"})  # binding ids

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple | None = None

    def bindings_changed(self, screen) -> None:
        """Compose the keys again only when they changed: focus moves often, and each new set
        of keys costs a dozen widgets styled."""
        shown = tuple((key, b.description, enabled) for key, (_, b, enabled, _) in
                      screen.active_bindings.items() if b.show)
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)

    def compose(self):
        """The footer's keys, the pinned ones in a group docked right."""
        pinned_actions = {b.action for _, b, _, _ in self.screen.active_bindings.values()
                          if b.id in self.PINNED}
        rest, pinned = [], []
        for widget in super().compose():
            if isinstance(widget, FooterKey) and (widget.action in pinned_actions
                                                  or widget.has_class("-command-palette")):
                widget.remove_class("-command-palette")
                pinned.append(widget)
            else:
                rest.append(widget)
        yield from rest
        if pinned:
            yield HorizontalGroup(*pinned, id="pinned-keys")
