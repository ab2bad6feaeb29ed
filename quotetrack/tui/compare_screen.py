"""Two officials side by side: their statements paired by subject, with a phrase filter."""

from __future__ import annotations

import threading
from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label

from quotetrack.library.statements import Filters
from quotetrack.search.compare import MIN_LENGTH
from quotetrack.tui import data, finding, messages, render
from quotetrack.tui.picker import OfficialPicker, Pick
from quotetrack.tui.widgets import KeysFooter, VIM_KEYS

DEBOUNCE = 0.2


class PairsTable(DataTable):
    """Subject | left official's statement | right official's statement, rows as tall as they need."""

    BINDINGS = VIM_KEYS

    def on_mount(self) -> None:
        """Row cursor."""
        self.cursor_type = "row"
        self.zebra_stripes = True


class CompareScreen(Screen):
    """Pick two officials; see what each said about the same subjects."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back", tooltip="Back to the officials"),
        Binding("left_square_bracket", "pick('left')", "Left official", id="pick-left",
                tooltip="Choose the official on the left"),
        Binding("right_square_bracket", "pick('right')", "Right official", id="pick-right",
                tooltip="Choose the official on the right"),
        Binding("s", "swap", "Swap", id="swap", tooltip="Swap the two officials"),
        Binding("t", "timeline", "Timeline", id="compare-timeline",
                tooltip="The two officials' statements over time, on one chart"),
        Binding("f", "filters", "Filter", id="compare-filters",
                tooltip="Only statements of a date range, a publisher, a minimum length"),
        Binding("ctrl+f", "focus_phrase", "Phrase", id="phrase", tooltip="Filter the pairs by a phrase"),
    ]
    LIVE = False  # pairing takes a while: a change to the library waits for the refresh key

    def __init__(self, left: int | None, right: int | None = None, filters: Filters = Filters()) -> None:
        super().__init__()
        self.left, self.right = left, right
        # fragments say nothing about a subject: left out unless asked for, as quotetrack compare does
        self.filters = replace(filters, min_length=filters.min_length or MIN_LENGTH)
        self.pairs: list[finding.Pair] = []
        self._cancel = threading.Event()
        self._timer = None

    def compose(self) -> ComposeResult:
        """Title, phrase, pairs."""
        yield Header()
        yield Label("Compare", id="compare-title", classes="pane-title")
        yield Input(placeholder="Only statements with this phrase (optional)", id="phrase")
        yield PairsTable(id="pairs")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Ask for the missing official, else compare."""
        self.query_one(PairsTable).focus()
        if self.left is None:
            self.action_pick("left")
        elif self.right is None:
            self.action_pick("right")
        else:
            self.refresh_pairs()

    def action_pick(self, side: str) -> None:
        """Choose the official on one side."""
        other = self.right if side == "left" else self.left
        name = self.name_of(other)
        title = "Compare %s with…" % name if name else "Choose an official to compare"

        def chosen(pick: Pick | None) -> None:
            if pick is not None and pick.speaker_id is not None:
                setattr(self, side, pick.speaker_id)
            if self.left is not None and self.right is not None:
                self.refresh_pairs()
            elif pick is not None:
                self.action_pick("right" if side == "left" else "left")

        self.app.push_screen(OfficialPicker(title, exclude=other), chosen)

    def name_of(self, speaker_id: int | None) -> str | None:
        """An official's name from the app's list."""
        return next((o.name for o in self.app.officials if o.id == speaker_id), None)

    def action_swap(self) -> None:
        """Swap sides."""
        self.left, self.right = self.right, self.left
        self.refresh_pairs()

    def action_focus_phrase(self) -> None:
        """Focus the phrase filter."""
        self.query_one("#phrase", Input).focus()

    @on(Input.Changed, "#phrase")
    def phrase_changed(self) -> None:
        """Compare again once typing pauses."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.refresh_pairs)

    @on(Input.Submitted, "#phrase")
    def phrase_submitted(self) -> None:
        """Enter: to the pairs."""
        self.query_one(PairsTable).focus()

    def kinds_changed(self) -> None:
        """Other kinds of statements shown (F4): compare again."""
        self.filters = self.app.kind_view.apply(self.filters)
        self.refresh_pairs()

    def reload(self) -> None:
        """Compare again (the refresh key)."""
        self.refresh_pairs()

    def action_filters(self) -> None:
        """Ask for the filters, then compare again."""
        from quotetrack.tui.filters_screen import FiltersScreen

        def chosen(filters: Filters | None) -> None:
            if filters is not None and filters != self.filters:
                self.filters = self.app.kind_view.apply(filters)
                self.refresh_pairs()

        self.app.push_screen(FiltersScreen(self.filters, self.app.publishers, "Filter both sides"),
                             chosen)

    def action_timeline(self) -> None:
        """Both officials on one timeline."""
        from quotetrack.tui.timeline_screen import TimelineScreen

        ids = [i for i in (self.left, self.right) if i is not None]
        if ids:
            self.app.push_screen(TimelineScreen(ids, filters=self.filters))

    def refresh_pairs(self) -> None:
        """Start comparing (cancelling a comparison under way)."""
        self._timer = None
        if self.left is None or self.right is None:
            return
        self._cancel.set()
        self._cancel = threading.Event()
        self.query_one("#compare-title", Label).update("Comparing…")
        self.compare(self.left, self.right, self.query_one("#phrase", Input).value.strip(), self.filters,
                     self._cancel)

    @work(thread=True, exclusive=True, group="compare")
    def compare(self, left: int, right: int, phrase: str, filters: Filters, cancel: threading.Event) -> None:
        """Pair the two officials' statements."""
        try:
            with self.app.library.connection() as db:
                pairs = finding.pair(db, left, right, phrase or None, cancel=cancel, filters=filters)
                sides = data.official(db, left), data.official(db, right)
        except data.Closed:
            return
        except Exception as exc:  # say so, keep the screen
            self.post_message(messages.Failed("compare failed: %s" % exc))
            return
        if not cancel.is_set():
            self.post_message(messages.CompareDone(*sides, phrase, pairs))

    def on_compare_done(self, message: messages.CompareDone) -> None:
        """Show the pairs, two wrapped columns of equal width."""
        if message.left is None or message.right is None or \
                (message.left.id, message.right.id) != (self.left, self.right):
            return
        self.pairs = message.pairs
        both = sum(1 for p in message.pairs if p.left and p.right)
        self.query_one("#compare-title", Label).update(Text(
            "%s  vs  %s — %d statements paired by subject%s%s" % (
                render.visible(message.left.name), render.visible(message.right.name), both,
                ", phrase “%s”" % render.visible(message.phrase) if message.phrase else "",
                " (%s)" % render.visible(self.filters.describe()) if self.filters else "")))
        table = self.query_one(PairsTable)
        table.clear(columns=True)
        side = max(20, (self.size.width - 26) // 2)
        table.add_column("Subject", key="subject", width=16)  # the shared words that weigh most
        table.add_column(Text(render.visible(message.left.name)), key="left", width=side)
        table.add_column(Text(render.visible(message.right.name)), key="right", width=side)
        for i, p in enumerate(message.pairs):
            subject = Text(render.visible(p.subject) or "—")
            if p.similarity is not None:
                subject.append("\nsimilarity %d" % round(p.similarity), style="dim")
            table.add_row(subject, self.cell(p.left), self.cell(p.right), height=None, key=str(i))

    @staticmethod
    def cell(st: data.Statement | None) -> Text:
        """A side of a pair: the statement wrapped, its date under it."""
        if st is None:
            return Text("—", style="dim")
        text = render.said(Text(render.visible(" ".join(st.text.split()))), st.kind)
        when = ", ".join(x for x in (render.visible(st.publisher), (st.published or "")[:10],
                                     render.reports(st.reports)) if x)
        if when:
            text.append("\n" + when, style="dim")
        return text

    def on_failed(self, message: messages.Failed) -> None:
        """A failed comparison."""
        self.query_one("#compare-title", Label).update(Text(message.message))

    @on(DataTable.RowSelected, "#pairs")
    def pair_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a pair: open its left statement (or the right one when the left is empty)."""
        p = self.pairs[event.cursor_row] if 0 <= event.cursor_row < len(self.pairs) else None
        st = p and (p.left or p.right)
        if st is not None:
            self.app.open_quote(st.id)

    def export_source(self):
        """What export writes from here: the pairs."""
        rows = [{"subject": p.subject,
                 "left_speaker": p.left.speaker if p.left else None, "left": p.left.text if p.left else None,
                 "right_speaker": p.right.speaker if p.right else None,
                 "right": p.right.text if p.right else None} for p in self.pairs]
        return "compare %s %s" % (self.name_of(self.left), self.name_of(self.right)), lambda db: rows

    def report_source(self):
        """What a report covers from here: the two officials' statements on screen (title,
        speaker ids, quote ids)."""
        if self.left is None or self.right is None or not self.pairs:
            return None
        ids = [s.id for p in self.pairs for s in (p.left, p.right) if s is not None]
        return ("%s and %s" % (self.name_of(self.left), self.name_of(self.right)),
                [self.left, self.right], ids)
