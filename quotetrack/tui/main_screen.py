"""The main screen: officials, the selected official's statements, and the quote in its paragraph."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label

from rich.text import Text

from quotetrack.library.statements import Filters
from quotetrack.tui import data, messages, render
from quotetrack.tui.data import Official
from quotetrack.tui.finding import fuzzy_filter
from quotetrack.tui.widgets import (KeysFooter, OfficialsTable, PagedTable, QuoteActions, QuoteDetail,
                                    StatementsTable)

OFFICIALS_PAGE = 300
NARROW = 100  # terminal columns under which the officials pane narrows (statements keep their text)
WIDE = 160    # ... and from which it widens


class MainScreen(QuoteActions, Screen):
    """Officials on the left; their statements and the selected one's detail on the right."""

    BINDINGS = [
        Binding("slash", "app.search", "Search", id="search", priority=True,
                tooltip="Search every official's statements as you type"),
        Binding("c", "compare", "Compare", id="compare", tooltip="Compare this official with another"),
        Binding("t", "timeline", "Timeline", id="timeline",
                tooltip="This official's statements over time, by week or month"),
        Binding("f", "filters", "Filter", id="statement-filters",
                tooltip="Only statements of a date range, a publisher, a minimum length"),
        Binding("a", "article", "Article", id="article", tooltip="The whole article, quotes coloured by speaker"),
        Binding("r", "correct", "Correct speaker", id="correct",
                tooltip="Attribute the selected statement to another official or a new name"),
        Binding("y", "copy", "Copy", id="copy", tooltip="Copy the statement with its citation"),
        Binding("f2", "rename_official", "Rename", id="rename-official",
                tooltip="Rename the selected official (stored as a correction)"),
        Binding("f3", "merge_official", "Merge", id="merge-official",
                tooltip="Merge the selected official into another: pick the one who stays"),
        Binding("delete", "hide_official", "Not a speaker", id="hide-official",
                tooltip="The selected name is no speaker: hide it and its statements from the lists"),
        Binding("ctrl+z", "show_corrections", "Undo", id="undo",
                tooltip="The stored corrections: undo any of them"),
        Binding("ctrl+f", "filter", "Find official", id="filter",
                tooltip="Filter the officials (or just type a name)"),
        Binding("escape", "unfilter", "Clear filter", show=False, id="unfilter"),
        Binding("h", "focus_officials", "Officials", show=False, id="vim-left"),
        Binding("l", "focus_statements", "Statements", show=False, id="vim-right"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.officials: list[Official] = []
        self.shown: list[Official] = []
        self.speaker_id: int | None = None
        self.listing: int | None = None  # whose statements the list holds or is reading
        self.quote_id: int | None = None
        self.filters = Filters()
        self.keep: int | None = None  # the statement to select again once a refresh has read the list
        self.keep_row = 0             # ... or, when it is gone, the row it was on

    def compose(self) -> ComposeResult:
        """Header, the three panes, footer."""
        yield Header()
        with Horizontal():
            with Vertical(id="officials-pane"):
                yield Input(placeholder="Type to filter officials", id="filter", select_on_focus=False)
                yield OfficialsTable(id="officials")
            with Vertical(id="right"):
                yield Label("Statements", id="statements-title", classes="pane-title")
                yield StatementsTable(id="statements")
                yield QuoteDetail(id="detail")
        yield KeysFooter()

    STATEMENT_ACTIONS = frozenset({"compare", "timeline", "filters", "article", "correct", "copy"})

    def on_mount(self) -> None:
        """Load the officials. On their list every letter goes to the filter; "/" and "?" stay keys."""
        table = self.query_one(OfficialsTable)
        table.reserved = frozenset({"/", "?"})
        table.focus()
        self.reload()

    def on_resize(self, event) -> None:
        """Narrow terminals give the statements the room, wide ones the officials' roles."""
        self.set_class(event.size.width < NARROW, "-narrow")
        self.set_class(event.size.width >= WIDE, "-wide")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """The statement keys are typed into the filter while the officials list or filter has focus:
        shown dimmed there."""
        if action in self.STATEMENT_ACTIONS and self.focused is not None and \
                self.focused.id in ("officials", "filter"):
            return None
        return True

    def on_descendant_focus(self) -> None:
        """Dim or light the statement keys in the footer."""
        self.refresh_bindings()

    def reload(self, select: int | None = None) -> None:
        """Read the officials, their statements and the detail again (after a correction, or a
        change made by another process), keeping the typed filter, the selected official and
        the selected statement; or selecting the official ``select`` when given (a merge)."""
        if select is not None and select != self.speaker_id:
            self.speaker_id, self.keep = select, None  # another official: from the top
        else:
            self.keep = self.quote_id
            self.keep_row = self.query_one(StatementsTable).cursor_row
        self.listing = self.quote_id = None
        self.load_officials(self.query_one("#filter", Input).value)

    @work(thread=True, exclusive=True, group="officials")
    def load_officials(self, query: str) -> None:
        """Read every official, then filter them (a worker: thousands of rows, fuzzy matching)."""
        with self.app.library.connection() as db:
            officials = data.officials(db)
            publishers = data.publishers(db)
        self.post_message(messages.OfficialsLoaded(query, fuzzy_filter(officials, query), officials,
                                                   publishers))

    @work(thread=True, exclusive=True, group="officials")
    def filter_officials(self, query: str) -> None:
        """Filter the officials already read."""
        self.post_message(messages.OfficialsLoaded(query, fuzzy_filter(self.officials, query)))

    def on_officials_loaded(self, message: messages.OfficialsLoaded) -> None:
        """Show the first page of the matching officials, keeping the selection when it is there."""
        if message.everyone is not None:
            self.officials = self.app.officials = message.everyone
        if message.publishers is not None:
            self.app.publishers = message.publishers
        if message.query != self.query_one("#filter", Input).value:
            return
        table = self.query_one(OfficialsTable)
        self.shown = message.officials
        ids = [o.id for o in self.shown]
        at = ids.index(self.speaker_id) if self.speaker_id in ids else 0
        # pages enough to hold the selected official
        size = (at // OFFICIALS_PAGE + 1) * OFFICIALS_PAGE
        # the official is selected below; the rows' coming and going must not select others meanwhile
        with self.prevent(DataTable.RowHighlighted):
            table.reset()
            table.add_officials(self.shown[:size])
            table.page_added(len(self.shown) > size)
            if self.shown:
                table.move_cursor(row=at, animate=False)
        if self.shown:
            self.select_official(ids[at])
        else:
            # the filter is the user's text: shown as text, never read as markup
            self.query_one("#statements-title", Label).update(
                Text("No official matches %r" % render.visible(message.query)))

    def on_paged_table_need_more(self, message: PagedTable.NeedMore) -> None:
        """Add the next page of officials, or read the next page of statements."""
        if isinstance(message.table, OfficialsTable):
            start = message.table.row_count
            message.table.add_officials(self.shown[start:start + OFFICIALS_PAGE])
            message.table.page_added(len(self.shown) > start + OFFICIALS_PAGE)
        elif self.speaker_id is not None:
            self.load_statements(self.speaker_id, message.table.row_count, self.filters)

    @on(DataTable.RowHighlighted, "#officials")
    def official_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted official's statements."""
        if event.row_key.value is not None:
            self.select_official(int(event.row_key.value))

    def select_official(self, speaker_id: int) -> None:
        """Load an official's statements unless they are the ones shown.

        On a refresh (``keep`` set) of the official shown, the rows stay until
        the new ones arrive, as many as were loaded, so nothing flickers or
        scrolls away.
        """
        if speaker_id == self.speaker_id and self.listing == speaker_id:
            return  # shown, or being read
        table = self.query_one(StatementsTable)
        refresh = speaker_id == self.speaker_id and self.keep is not None
        if not refresh:
            self.keep = None
        self.speaker_id = self.listing = speaker_id
        self.show_title()
        if not refresh:
            table.reset()
        self.load_statements(speaker_id, 0, self.filters, max(data.PAGE, table.row_count) if refresh
                             else data.PAGE, self.keep)

    def show_title(self, total: int | None = None) -> None:
        """The statements' title: whose, how many (``total``, once read: a statement several
        articles report counts once), and the filters when some apply."""
        official = self.current_official()
        if official is None:
            return
        role = " (%s)" % official.role if official.role else ""
        count = ": %d" % total if total is not None else ""
        # the official's statements by kind, whatever the filters keep
        kinds = " — %d direct, %d mixed, %d indirect" % (official.direct, official.mixed,
                                                         official.indirect)
        filtered = " (%s)" % self.filters.describe() if self.filters.describe() else ""
        self.query_one("#statements-title", Label).update(
            render.line("Statements of %s%s%s%s%s" % (official.name, role, count, filtered, kinds), 300))

    def kinds_changed(self) -> None:
        """Another kind of statements to show (F4): list them again."""
        self.set_filters(self.filters)

    @work(thread=True, exclusive=True, group="statements")
    def load_statements(self, speaker_id: int, offset: int, filters: Filters, limit: int = data.PAGE,
                        keep: int | None = None) -> None:
        """Read one page of statements (``limit`` of them: a refresh reads every row shown)."""
        with self.app.library.connection() as db:
            page, total = data.statements(db, speaker_id, offset, limit + 1, filters)
        self.post_message(messages.StatementsLoaded(speaker_id, offset, page[:limit], len(page) > limit,
                                                    filters, total, keep))

    def on_statements_loaded(self, message: messages.StatementsLoaded) -> None:
        """Add a page of statements; the first page selects its first statement (or, on a
        refresh, the one selected before)."""
        table = self.query_one(StatementsTable)
        if message.speaker_id != self.speaker_id or message.filters != self.filters:
            return
        if message.keep is not None:
            if message.keep != self.keep:
                return
            self.keep = None
            table.reset()
        elif message.offset != table.row_count:
            return
        table.add_statements(message.statements)
        table.page_added(message.more)
        if message.offset == 0:
            self.show_title(message.total)
            ids = [st.id for st in message.statements]
            if message.statements:
                # a refresh keeps the statement selected, or its row when the statement is gone
                row = ids.index(message.keep) if message.keep in ids else \
                    min(self.keep_row, len(ids) - 1) if message.keep is not None else 0
                table.move_cursor(row=row, animate=False)
                self.show_quote(ids[row])
            else:
                self.quote_id = None
                self.query_one(QuoteDetail).show_empty("No statements%s." % (
                    " match the filters (f changes them)" if self.filters else ""))

    @on(DataTable.RowHighlighted, "#statements")
    def statement_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted statement in its paragraph."""
        if event.row_key.value is not None:
            self.show_quote(int(event.row_key.value))

    @on(DataTable.RowSelected, "#statements")
    def statement_selected(self) -> None:
        """Enter on a statement: read it in the detail pane."""
        self.query_one(QuoteDetail).focus()

    @on(DataTable.RowSelected, "#officials")
    def official_selected(self) -> None:
        """Enter on an official: go to the statements."""
        self.action_focus_statements()

    def show_quote(self, quote_id: int) -> None:
        """Load one quote's detail unless it is shown."""
        if quote_id != self.quote_id:
            self.quote_id = quote_id
            self.load_detail(quote_id)

    def on_detail_loaded(self, message: messages.DetailLoaded) -> None:
        """Show the detail if it is still the selected quote's."""
        if message.detail is None or message.detail.id == self.quote_id:
            self.query_one(QuoteDetail).show(message.detail)

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        """Filter the officials as the user types."""
        self.filter_officials(event.value)

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        """Enter in the filter: go to the statements of the first match."""
        self.action_focus_statements()

    def on_officials_table_type_ahead(self, message: OfficialsTable.TypeAhead) -> None:
        """A letter typed on the list starts the filter with it."""
        field = self.query_one("#filter", Input)
        field.focus()
        field.insert_text_at_cursor(message.character)

    def on_key(self, event) -> None:
        """Up and down in the filter move in the officials list."""
        if self.focused is self.query_one("#filter") and event.key in ("up", "down"):
            table = self.query_one(OfficialsTable)
            table.action_cursor_down() if event.key == "down" else table.action_cursor_up()
            event.stop()

    def action_filter(self) -> None:
        """Focus the filter."""
        self.query_one("#filter", Input).focus()

    def action_unfilter(self) -> None:
        """Clear the filter and go back to the list."""
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
        self.query_one(OfficialsTable).focus()

    def action_focus_officials(self) -> None:
        """Focus the officials list."""
        self.query_one(OfficialsTable).focus()

    def action_focus_statements(self) -> None:
        """Focus the statements list."""
        self.query_one(StatementsTable).focus()

    def current_detail(self) -> data.Detail | None:
        """The quote shown in the detail pane."""
        return self.query_one(QuoteDetail).detail

    def current_official(self) -> Official | None:
        """The selected official."""
        return next((o for o in self.officials if o.id == self.speaker_id), None)

    def action_compare(self) -> None:
        """Compare the selected official with another."""
        self.app.compare_with(self.current_official())

    def action_timeline(self) -> None:
        """The selected official's timeline."""
        official = self.current_official()
        if official is not None:
            self.app.open_timeline([official.id])

    def action_filters(self) -> None:
        """Ask for the statements' filters, then list the statements again."""
        from quotetrack.tui.filters_screen import FiltersScreen

        def chosen(filters: Filters | None) -> None:
            if filters is not None and filters != self.filters:
                self.set_filters(filters)

        self.app.push_screen(FiltersScreen(self.filters, self.app.publishers), chosen)

    def set_filters(self, filters: Filters) -> None:
        """Narrow the statements by ``filters`` (the same official stays selected), of the kinds
        shown (F4)."""
        self.filters = self.app.kind_view.apply(filters)
        self.listing = self.keep = None
        if self.speaker_id is not None:
            self.select_official(self.speaker_id)

    def highlighted_official(self) -> Official | None:
        """The official under the list's cursor: what a correction acts on. Keys typed fast
        ("down", "down", F3) reach an action before the highlight messages that update the
        selection, and a merge must never take the official the user moved away from."""
        table = self.query_one(OfficialsTable)
        if not 0 <= table.cursor_row < table.row_count:
            return self.current_official()
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((o for o in self.officials if str(o.id) == key), None)

    def action_rename_official(self) -> None:
        """Rename the highlighted official."""
        self.app.rename_official(self.highlighted_official())

    def action_merge_official(self) -> None:
        """Merge the highlighted official into another."""
        self.app.merge_official(self.highlighted_official())

    def action_hide_official(self) -> None:
        """The highlighted official is no speaker."""
        self.app.hide_official(self.highlighted_official())

    def action_show_corrections(self) -> None:
        """The stored corrections, to undo one."""
        self.app.show_corrections()

    def neighbour_of(self, speaker_id: int) -> int | None:
        """The official listed after ``speaker_id`` (else before it): where the cursor goes when
        that one leaves the list."""
        ids = [o.id for o in self.shown]
        if speaker_id not in ids:
            return None
        at = ids.index(speaker_id)
        rest = ids[at + 1:at + 2] or ids[max(at - 1, 0):at]
        return rest[0] if rest else None

    def jump_to(self, speaker_id: int) -> None:
        """Select an official (from the command palette), clearing a filter that hides it."""
        self.speaker_id, self.listing = speaker_id, None
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""  # the filtering that follows selects speaker_id
        else:
            self.filter_officials("")
        self.query_one(StatementsTable).focus()

    def export_source(self):
        """What export writes from here: the selected official's statements."""
        official = self.current_official()
        if official is None:
            return None
        filters = self.filters
        return official.name, lambda db: data.export_rows(db, official.id, filters)

    def report_source(self):
        """What a report covers from here: the selected official's statements
        (title, speaker ids, quote ids or None for all of theirs)."""
        official = self.current_official()
        if official is None:
            return None
        return "Statements of %s" % official.name, [official.id], None
