"""One or two officials' statements over time: a chart by week or month, the chosen period's
statements listed under it."""

from __future__ import annotations

import threading
from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label
from textual_plotext import PlotextPlot

from quotetrack.library import chart, timeline
from quotetrack.library.statements import Filters
from quotetrack.library.timeline import Timeline
from quotetrack.tui import data, finding, messages, render
from quotetrack.tui.picker import OfficialPicker, Pick
from quotetrack.tui.widgets import KeysFooter, PagedTable, StatementsTable

DEBOUNCE = 0.3  # seconds of quiet typing in the phrase before counting again


class TimelineChart(PlotextPlot):
    """The chart; focusable, so left and right (or a click) choose the period."""

    can_focus = True
    BINDINGS = [
        Binding("left", "screen.step(-1)", "Earlier", show=False, id="chart-left"),
        Binding("right", "screen.step(1)", "Later", show=False, id="chart-right"),
        Binding("home", "screen.step(-100000)", "First", show=False, id="chart-first"),
        Binding("end", "screen.step(100000)", "Last", show=False, id="chart-last"),
    ]
    drawn = 0  # bumped by each new drawing, so a repaint of the same one reuses its text

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._cached: tuple | None = None

    def render(self):
        """The chart as text, built again only when the drawing, the size or the theme changed
        (plotext builds it and Rich reads its colours back: tens of milliseconds)."""
        if not self.drawn:
            return Text("Counting…", style="dim")  # an empty plot would cost as much as a full one
        stamp = (self.drawn, self.size, self.app.theme)
        if self._cached is None or self._cached[0] != stamp:
            self._cached = (stamp, super().render())
        return self._cached[1]

    def period_at(self, x: int, periods: int) -> int | None:
        """The period under column ``x`` of the chart, about: plotext puts the y labels and the
        frame on the left and the frame on the right."""
        top = self.screen.top if isinstance(self.screen, TimelineScreen) else 0
        left = len(str(chart.y_ticks(top, max(2, (self.size.height - 3) // 2))[-1])) + 1
        inner = self.size.width - left - 1
        if periods <= 0 or inner <= 0 or not left <= x < left + inner:
            return None
        return min(periods - 1, (x - left) * periods // inner)

    def on_resize(self) -> None:
        """Draw again: the ticks depend on the size."""
        if isinstance(self.screen, TimelineScreen):
            self.screen.draw()

    def on_click(self, event) -> None:
        """Choose the period clicked."""
        screen = self.screen
        if isinstance(screen, TimelineScreen) and screen.timeline is not None:
            index = self.period_at(event.x, len(screen.timeline.starts))
            if index is not None:
                screen.choose(index)


class TimelineScreen(Screen):
    """The timeline of one official, or two sharing the chart."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back", tooltip="Back to the list"),
        Binding("p", "step(-1)", "Earlier", id="earlier", tooltip="The period before (or ← on the chart)"),
        Binding("n", "step(1)", "Later", id="later", tooltip="The period after (or → on the chart)"),
        Binding("w", "toggle_period", "Week/month", id="week-month", tooltip="Count by week or by month"),
        Binding("plus", "add_official", "Add official", id="add-official",
                tooltip="Set another official on the same chart"),
        Binding("minus", "remove_official", "Remove", show=False, id="remove-official",
                tooltip="Take the second official off the chart"),
        Binding("f", "filters", "Filter", id="timeline-filters",
                tooltip="Only statements of a date range, a publisher, a minimum length"),
        Binding("ctrl+f", "focus_about", "About", id="about",
                tooltip="Only statements about a phrase (as search finds them)"),
    ]

    def __init__(self, speaker_ids: list[int], by: str = "month", filters: Filters = Filters(),
                 about: str = "") -> None:
        super().__init__()
        self.speaker_ids = list(dict.fromkeys(speaker_ids))[:2]
        self.by = by
        self.filters = filters
        self.about = about
        self.timeline: Timeline | None = None
        self.speakers: list[tuple[int, str]] = []
        self.firsts: list[timeline.First] = []   # the statements, by their first reports
        self.period: list[timeline.First] = []   # ... of the period chosen
        self.selected: int | None = None
        self.top = 0           # the chart's highest count (the y labels' width)
        self._request = 0      # the latest count asked for; older answers are dropped
        self._period_request = 0
        self._cancel = threading.Event()
        self._timer = None

    def compose(self) -> ComposeResult:
        """Title, phrase, chart, the period's title and statements."""
        yield Header()
        yield Label("Timeline", id="timeline-title", classes="pane-title")
        yield Input(self.about, placeholder="About (optional): only statements close to a phrase",
                    id="about", compact=True)
        yield TimelineChart(id="chart")
        yield Label("", id="period-title", classes="pane-title")
        yield StatementsTable(with_speaker=len(self.speaker_ids) > 1, id="period-statements")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Count."""
        self.query_one(TimelineChart).focus()
        self.reload()

    def reload(self) -> None:
        """Count again (the period chosen stays chosen): after a change to the library, the
        officials, the filters or the phrase."""
        self._timer = None
        self._request += 1
        self._cancel.set()
        self._cancel = threading.Event()
        table = self.query_one(StatementsTable)
        table.with_speaker = len(self.speaker_ids) > 1
        table.lay_out()  # a speaker column for two officials
        self.load(self._request, list(self.speaker_ids), self.by, self.filters, self.about.strip(),
                  self._cancel)

    @work(thread=True, exclusive=True, group="timeline")
    def load(self, request: int, speaker_ids: list[int], by: str, filters: Filters, about: str,
             cancel: threading.Event) -> None:
        """Read the officials' statements by their first reports (through the search for a phrase)."""
        try:
            with self.app.library.connection() as db:
                found = [data.official(db, sid) for sid in speaker_ids]
                speakers = [(o.id, o.name) for o in found if o is not None]
                ids = [sid for sid, _ in speakers]
                quote_ids = finding.about_ids(db, about, ids, filters.since, filters.until, cancel,
                                              filters) \
                    if about else None
                firsts = timeline.first_reports(db, ids, filters, quote_ids)
        except data.Closed:
            return
        if not cancel.is_set():
            self.post_message(messages.TimelineLoaded(speakers, firsts, request))

    def on_timeline_loaded(self, message: messages.TimelineLoaded) -> None:
        """Count and draw."""
        if message.request != self._request:
            return
        self.speakers, self.firsts = message.speakers, message.firsts
        self.recount()

    def recount(self) -> None:
        """Count by the period chosen (no reading: weeks and months count the same statements) and
        draw; the period chosen stays chosen when it is still there, else the latest."""
        before = self.timeline.starts[self.selected] if self.timeline is not None and \
            self.selected is not None and self.timeline.by == self.by else None
        tl = self.timeline = timeline.count(self.firsts, self.speakers, self.by)
        self.selected = tl.starts.index(before) if before in tl.starts else tl.latest()
        self.top = max((c for s in tl.series for c in s.counts), default=0)
        names = " and ".join(render.visible(s.speaker) for s in tl.series) or "no official"
        scope = [p for p in (self.filters.describe(),
                             "about “%s”" % render.visible(self.about.strip()) if self.about.strip()
                             else "") if p]
        undated = sum(s.undated for s in tl.series)
        self.query_one("#timeline-title", Label).update(render.line(
            "Statements of %s by %s%s%s" % (names, tl.by, " (%s)" % ", ".join(scope) if scope else "",
                                           ", %d undated not counted" % undated if undated else ""),
            300))
        self.draw()
        # the chart first: the list under it reads the library once the chart is on screen
        self.query_one(StatementsTable).reset()
        self.call_after_refresh(self.load_selected)

    def draw(self) -> None:
        """Draw the chart with the chosen period marked."""
        plot = self.query_one(TimelineChart)
        if self.timeline is not None:
            chart.draw(plot.plt, self.timeline, self.selected, width=max(20, plot.size.width),
                       height=max(5, plot.size.height))
        plot.drawn += 1
        plot.refresh()

    def choose(self, index: int) -> None:
        """Choose period ``index``: mark it, list its statements."""
        if self.timeline is None or not self.timeline.starts:
            return
        index = max(0, min(len(self.timeline.starts) - 1, index))
        if index != self.selected:
            self.selected = index
            self.draw()
            self.load_selected()

    def action_step(self, delta: int) -> None:
        """The period ``delta`` periods away."""
        if self.timeline is not None and self.selected is not None:
            self.choose(self.selected + delta)

    def load_selected(self) -> None:
        """List the chosen period's statements (or say there is none)."""
        table = self.query_one(StatementsTable)
        table.reset()
        self._period_request += 1
        tl = self.timeline
        if tl is None or self.selected is None:
            self.period = []
            self.query_one("#period-title", Label).update(Text(
                "No dated statements%s." % (" match" if self.filters or self.about.strip() else "")))
            return
        self.period = timeline.in_period(self.firsts, tl, self.selected)
        self.query_one("#period-title", Label).update(Text(self.period_summary(self.selected)))
        self.load_period(self._period_request, self.period[:data.PAGE], 0)

    def period_summary(self, index: int) -> str:
        """"2016-03: 176 statements (Trump 110, Clinton 66)"."""
        tl = self.timeline
        counts = [(s.speaker, s.counts[index]) for s in tl.series]
        total = sum(n for _, n in counts)
        text = "%s: %d statement%s" % (tl.labels[index], total, "" if total == 1 else "s")
        if len(counts) > 1:
            text += " (%s)" % ", ".join("%s %d" % (render.visible(name), n) for name, n in counts)
        return text

    @work(thread=True, exclusive=True, group="period")
    def load_period(self, request: int, firsts: list[timeline.First], offset: int) -> None:
        """Read the rows of a page of the period's statements (``firsts``, from ``offset``)."""
        try:
            with self.app.library.connection() as db:
                rows = data.statements_by_id(db, [f.quote_id for f in firsts])
        except data.Closed:
            return
        page = [replace(rows[f.quote_id], reports=f.reports) for f in firsts if f.quote_id in rows]
        self.post_message(messages.PeriodLoaded(self.selected or 0, page, len(self.period), request, offset))

    def on_period_loaded(self, message: messages.PeriodLoaded) -> None:
        """Add the page to the list."""
        table = self.query_one(StatementsTable)
        if message.request != self._period_request or message.offset != table.row_count:
            return
        table.add_statements(message.statements)
        table.page_added(message.offset + data.PAGE < len(self.period))

    def on_paged_table_need_more(self, message: PagedTable.NeedMore) -> None:
        """The next page of the period's statements."""
        start = message.table.row_count
        self.load_period(self._period_request, self.period[start:start + data.PAGE], start)

    @on(DataTable.RowSelected, "#period-statements")
    def statement_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a statement: open it."""
        if event.row_key.value is not None:
            self.app.open_quote(int(event.row_key.value))

    def action_toggle_period(self) -> None:
        """By week, or by month (counted again from the statements read)."""
        self.by = "week" if self.by == "month" else "month"
        if self.timeline is not None:
            self.recount()

    def action_add_official(self) -> None:
        """Pick an official to share the chart (replacing the second one if there are two)."""
        def chosen(pick: Pick | None) -> None:
            if pick is not None and pick.speaker_id is not None:
                self.speaker_ids = [self.speaker_ids[0], pick.speaker_id]
                self.reload()

        first = next((o.name for o in self.app.officials if o.id == self.speaker_ids[0]), "this official")
        self.app.push_screen(OfficialPicker("Set beside %s…" % first, exclude=self.speaker_ids[0]), chosen)

    def action_remove_official(self) -> None:
        """Back to the first official alone."""
        if len(self.speaker_ids) > 1:
            self.speaker_ids = self.speaker_ids[:1]
            self.reload()

    def kinds_changed(self) -> None:
        """Other kinds of statements shown (F4): count them again."""
        self.filters = self.app.kind_view.apply(self.filters)
        self.reload()

    def action_filters(self) -> None:
        """Ask for the filters, then count again."""
        from quotetrack.tui.filters_screen import FiltersScreen

        def chosen(filters: Filters | None) -> None:
            if filters is not None and filters != self.filters:
                self.filters = self.app.kind_view.apply(filters)
                self.reload()

        self.app.push_screen(FiltersScreen(self.filters, self.app.publishers), chosen)

    def action_focus_about(self) -> None:
        """Focus the phrase."""
        self.query_one("#about", Input).focus()

    @on(Input.Changed, "#about")
    def about_changed(self, event: Input.Changed) -> None:
        """Count again once typing pauses."""
        self.about = event.value
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.reload)

    @on(Input.Submitted, "#about")
    def about_submitted(self) -> None:
        """Enter: count now, then to the chart."""
        if self._timer is not None:
            self._timer.stop()
            self.reload()
        self.query_one(TimelineChart).focus()

    def export_source(self):
        """What export writes from here: the counts, one row a period and official."""
        if self.timeline is None:
            return None
        rows = self.timeline.rows()
        names = " ".join(s.speaker for s in self.timeline.series)
        return "timeline %s by %s" % (names, self.timeline.by), lambda db: rows
