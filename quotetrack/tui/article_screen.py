"""The whole article, every statement coloured by its speaker, with a legend."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from quotetrack.tui import data, messages, render
from quotetrack.tui.widgets import KeysFooter

PALETTE = ("accent", "primary-lighten-2", "success", "error-lighten-2", "warning", "secondary-lighten-3",
           "accent-darken-2", "success-lighten-3", "primary-lighten-3", "error-lighten-3")


class ArticleScreen(Screen):
    """An article read whole; n and p move between its statements (those of the kinds shown:
    quotations in bold, reported speech in italics, the current one reversed in all its
    fragments)."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back", tooltip="Back to the statement"),
        Binding("n", "next_quote(1)", "Next quote", id="next-quote", tooltip="Highlight the next quote"),
        Binding("p", "next_quote(-1)", "Previous quote", id="previous-quote",
                tooltip="Highlight the previous quote"),
        Binding("j", "scroll(1)", "Down", show=False, id="vim-down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="vim-up"),
    ]

    def __init__(self, article_id: str, focus: int | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.focus_quote = focus
        self.article: data.ArticleView | None = None
        self.colours: dict[int | None, str] = {}

    def compose(self) -> ComposeResult:
        """Title, legend and the text."""
        yield Header()
        yield Label("Loading the article…", id="article-title", classes="pane-title")
        yield Static(id="legend")
        yield VerticalScroll(id="article-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Read the article."""
        self.query_one("#article-body").focus()
        self.load(self.article_id)

    @work(thread=True, exclusive=True, group="article")
    def load(self, article_id: str) -> None:
        """Read the article and its quotes."""
        with self.app.library.connection() as db:
            found = data.article(db, article_id, self.app.kind_view, keep=self.focus_quote)
        self.post_message(messages.ArticleLoaded(found))

    def kinds_changed(self) -> None:
        """Other kinds of statements shown (F4): read the article again."""
        self.colours = {}
        self.load(self.article_id)

    def on_article_loaded(self, message: messages.ArticleLoaded) -> None:
        """Colour the speakers and show the paragraphs."""
        a = self.article = message.article
        if a is None:
            self.query_one("#article-title", Label).update("This article is no longer in the library.")
            return
        title = a.title or a.id
        meta = ", ".join(x for x in (a.publisher, a.published) if x)
        self.query_one("#article-title", Label).update(render.line(title + (" — " + meta if meta else ""), 300))
        v = self.app.theme_variables
        counts = Counter(q.speaker_id for q in a.quotes if q.speaker_id is not None)
        names = {q.speaker_id: q.speaker for q in a.quotes}
        colours = render.palette(v, PALETTE)
        for i, (sid, _) in enumerate(counts.most_common()):
            self.colours[sid] = "bold " + colours[i % len(colours)]
        self.colours[None] = "italic dim"
        legend = Text()
        for sid, n in counts.most_common():
            legend.append("■ ", style=self.colours[sid])
            legend.append("%s (%d)   " % (render.visible(names[sid]), n))
        if any(q.speaker_id is None for q in a.quotes):
            legend.append("■ ", style=self.colours[None])
            legend.append("no speaker found")
        self.query_one("#legend", Static).update(legend)
        body = self.query_one("#article-body", VerticalScroll)
        body.remove_children()
        body.mount_all([Static(p, classes="paragraph") for p in self.paragraphs()])
        self.call_after_refresh(self.scroll_to_focus)

    def paragraphs(self) -> list[Text]:
        """The article's lines as styled Text, the focused quote reversed."""
        a = self.article
        text = render.article_text(a, self.colours, self.focus_quote)
        return list(text.split("\n", allow_blank=True))

    def scroll_to_focus(self) -> None:
        """Bring the focused quote's paragraph into view."""
        a = self.article
        q = next((q for q in a.quotes if q.id == self.focus_quote), None) if a else None
        statics = list(self.query(".paragraph").results(Static))
        if q is not None and statics:
            index = min(a.text.count("\n", 0, q.start), len(statics) - 1)
            self.query_one("#article-body", VerticalScroll).scroll_to_widget(
                statics[index], animate=False, top=True)

    def action_next_quote(self, step: int) -> None:
        """Highlight the next (or previous) quote of the article."""
        a = self.article
        if not a or not a.quotes:
            return
        ids = [q.id for q in a.quotes]
        at = ids.index(self.focus_quote) if self.focus_quote in ids else -1 if step > 0 else 0
        self.focus_quote = ids[(at + step) % len(ids)]
        for static, para in zip(self.query(".paragraph").results(Static), self.paragraphs()):
            static.update(para)
        self.scroll_to_focus()

    def action_scroll(self, step: int) -> None:
        """Scroll the article a line."""
        body = self.query_one("#article-body", VerticalScroll)
        body.scroll_relative(y=step, animate=False)

    def body_text(self) -> str:
        """The article as shown (for tests)."""
        return "\n".join(s.content.plain for s in self.query(".paragraph").results(Static))
