"""Every message the browser's workers and widgets send, as dataclasses.

Workers run in threads and never touch widgets: they post one of these to
their screen, whose handler updates the widgets on the app's thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from quotetrack.tui.data import ArticleView, Detail, Official, Statement
from quotetrack.tui.finding import Found, Pair


@dataclass
class OfficialsLoaded(Message):
    """The officials matching the filter (all of them when ``query`` is empty)."""

    query: str
    officials: list[Official]
    everyone: list[Official] | None = None  # every official, when they were read again


@dataclass
class StatementsLoaded(Message):
    """A page of one official's statements, from ``offset``."""

    speaker_id: int
    offset: int
    statements: list[Statement]
    more: bool


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
