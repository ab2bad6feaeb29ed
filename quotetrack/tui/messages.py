"""Every message the browser's workers and widgets send, as dataclasses.

Workers run in threads and never touch widgets: they post one of these to
their screen, whose handler updates the widgets on the app's thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from quotetrack.library.statements import Filters
from quotetrack.library.timeline import First
from quotetrack.tui.data import ArticleView, Detail, Official, Statement
from quotetrack.tui.finding import Found, Pair


@dataclass
class OfficialsLoaded(Message):
    """The officials matching the filter (all of them when ``query`` is empty)."""

    query: str
    officials: list[Official]
    everyone: list[Official] | None = None  # every official, when they were read again
    publishers: list[str] | None = None     # ... and the publishers, for the filters' suggestions


@dataclass
class StatementsLoaded(Message):
    """A page of one official's statements, from ``offset``, as ``filters`` keep them.

    ``total`` is how many statements there are in all; ``keep`` the quote to
    select again when the page replaces the rows shown (a refresh).
    """

    speaker_id: int
    offset: int
    statements: list[Statement]
    more: bool
    filters: Filters = Filters()
    total: int = 0
    keep: int | None = None


@dataclass
class TimelineLoaded(Message):
    """Officials' statements by their first reports, to count by period; ``speakers`` the
    officials as (id, name); ``request`` says which reading it answers."""

    speakers: list[tuple[int, str]]
    firsts: list[First]
    request: int


@dataclass
class PeriodLoaded(Message):
    """The statements first reported in one period of a timeline."""

    index: int
    statements: list[Statement]
    total: int
    request: int
    offset: int = 0


@dataclass
class DetailLoaded(Message):
    """One quote in its paragraph, for the detail pane."""

    detail: Detail | None


@dataclass
class SearchDone(Message):
    """The hits for a search phrase, with how long the search took."""

    phrase: str
    hits: list[Found]
    seconds: float


@dataclass
class CompareDone(Message):
    """Two officials' statements, paired by subject."""

    left: Official | None
    right: Official | None
    phrase: str
    pairs: list[Pair]


@dataclass
class ArticleLoaded(Message):
    """A whole article, for the article view."""

    article: ArticleView | None


@dataclass
class Corrected(Message):
    """A quote's speaker was corrected (``name`` None: to nobody)."""

    quote_id: int
    name: str | None


@dataclass
class SeedIngested(Message):
    """The bundled seed article was ingested; ``summary`` says what was stored."""

    summary: str


@dataclass
class Exported(Message):
    """A list was written to ``path``."""

    path: str
    rows: int


@dataclass
class Failed(Message):
    """Background work failed; ``message`` is one line for the user."""

    message: str


@dataclass
class OfficialPicked(Message):
    """An official was chosen in a picker (``name`` typed when none was chosen)."""

    speaker_id: int | None
    name: str | None


@dataclass
class SpeakersChanged(Message):
    """A speaker correction (merge, rename, not a speaker, undo) was stored; ``text`` says what,
    ``speaker_id`` is the official to select (None: keep the place)."""

    text: str
    speaker_id: int | None


@dataclass
class CorrectionsLoaded(Message):
    """The stored corrections, newest first, as ``list_corrections`` rows."""

    rows: list[dict]


@dataclass
class Reported(Message):
    """A report of ``statements`` by ``speakers`` officials was written to ``path``."""

    path: str
    statements: int
    speakers: int
