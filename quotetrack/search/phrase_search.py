"""Who said something like this? Fuzzy phrase search over the library's quotes.

``search(db, phrase)`` gives the statements that hold the phrase or come
close to it, best first, tolerant of typos, missing or extra words, word
order, case, punctuation and curly marks. It serves the CLI and the TUI
alike: a pure function of the library file, and ``cancel`` (a
threading.Event) abandons a search at once, even inside SQLite, when the
user types on (the search then gives []).

Two stages, because rapidfuzz alone over a million quotes takes seconds:
candidates from the store's word index (``candidates``: a few hundred at
most, from strict to loose MATCH expressions), then ranking with rapidfuzz
on folded text (``closeness``), near-identical texts (one statement
reported by several articles) merged into one hit that lists their quotes
and articles.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from quotetrack.search import closeness
from quotetrack.search.cancelling import Cancelled, cancellable, check, connection
from quotetrack.search.candidates import Filters, candidate_ids
from quotetrack.search.normalise import fold
from quotetrack.search.speaker_lookup import SpeakerNotFound, resolve_speaker

__all__ = ["Hit", "search", "resolve_speaker", "SpeakerNotFound", "Cancelled", "Filters",
           "DEFAULT_LIMIT", "DEFAULT_MIN_SCORE"]

DEFAULT_LIMIT = 20
DEFAULT_MIN_SCORE = 75.0


@dataclass(frozen=True)
class Hit:
    """One statement found: its quotes (several when several articles report it) and the match.

    ``text`` is the best-scoring quote's text and ``start``/``end`` the
    matched part within it (``text[start:end]``); ``score`` is 0-100.
    ``articles`` are the ids of the articles reporting it, the first report
    first; ``published`` and ``title`` are that first article's.
    """

    quote_ids: tuple[int, ...]
    speaker: str | None
    speaker_id: int | None
    text: str
    start: int
    end: int
    score: float
    articles: tuple[str, ...]
    published: str | None
    title: str | None
    kind: str = "direct"  # the best-scoring quote's: direct, mixed or indirect

    @property
    def count(self) -> int:
        """How many articles report the statement."""
        return len(self.articles)

    @property
    def matched(self) -> str:
        """The matched part of the text."""
        return self.text[self.start:self.end]

    @property
    def span(self) -> tuple[int, int]:
        """(start, end) of the matched part in ``text``."""
        return self.start, self.end

    def row(self) -> dict:
        """The hit as a flat dict (JSON, CSV and table output)."""
        return {"score": self.score, "speaker": self.speaker, "text": self.text,
                "match": self.matched, "match_start": self.start, "match_end": self.end,
                "published": self.published, "article": self.articles[0] if self.articles else None,
                "title": self.title, "count": self.count, "articles": list(self.articles),
                "quote_ids": list(self.quote_ids), "speaker_id": self.speaker_id, "kind": self.kind}


@dataclass(frozen=True)
class _Row:
    """A candidate quote as read from the library."""

    id: int
    text: str
    article: str
    speaker_id: int | None
    speaker: str | None
    published: str | None
    title: str | None
    kind: str


def search(db, phrase: str, speaker: str | int | None = None, since: str | None = None,
           until: str | None = None, limit: int | None = DEFAULT_LIMIT,
           min_score: float = DEFAULT_MIN_SCORE,
           cancel: threading.Event | None = None, kinds: tuple[str, ...] | None = None,
           attitudes: bool = False) -> list[Hit]:
    """The statements closest to ``phrase``, best first (see the module docstring).

    Statements of every kind are searched (direct quotations, mixed and
    indirect reported speech), or those of ``kinds``; statements of attitude
    (believes, wants) only with ``attitudes``.

    ``db`` is a sqlite_utils Database or a sqlite3 connection to a library.
    ``speaker`` is a name matched fuzzily (``resolve_speaker``) or a speaker
    id; ``since``/``until`` are ISO dates on the article's published date;
    ``limit`` None means every hit; hits scoring below ``min_score`` are
    left out. When ``cancel`` is set meanwhile the search stops at once,
    inside SQLite too, and gives [] (whoever set it knows). Raises
    SpeakerNotFound for a speaker name like none in the library.
    """
    conn = connection(db)
    query = fold(phrase)
    if not query:
        return []
    try:
        with cancellable(conn, cancel):
            speaker_id = speaker if isinstance(speaker, int) or speaker is None \
                else resolve_speaker(conn, speaker)[0]
            filters = Filters(speaker_id, since, until, kinds, attitudes)
            ids = candidate_ids(conn, phrase, filters, cancel)
            check(cancel)
            rows = _fetch(conn, ids, filters)
        check(cancel)
        return _rank(query, rows, limit, min_score, cancel)
    except Cancelled:
        return []


def _rank(query: str, rows: list[_Row], limit: int | None, min_score: float,
          cancel: threading.Event | None = None) -> list[Hit]:
    """Score candidate rows against the folded ``query`` and merge near-identical ones into hits."""
    folded = [fold(r.text) for r in rows]
    check(cancel)
    scored = [(s, k) for k, s in enumerate(closeness.scores(query, folded)) if s >= min_score]
    # best first; on a tie the latest quote (newest date, then last stored) first
    scored.sort(key=lambda t: (rows[t[1]].published or "", rows[t[1]].id), reverse=True)
    scored.sort(key=lambda t: -t[0])
    check(cancel)
    groups: list[list[int]] = []     # indexes into rows, best first
    reps: list[str] = []             # the folded text of each group's first quote
    exact: dict[str, int] = {}       # folded text -> group
    for s, k in scored:
        text = folded[k]
        g = exact.get(text)
        if g is None and reps:
            found = process.extractOne(text, reps, scorer=fuzz.ratio,
                                       score_cutoff=closeness.SAME_STATEMENT)
            g = found[2] if found else None
        if g is None:
            if limit is not None and len(groups) >= limit:
                continue
            g = len(groups)
            groups.append([])
            reps.append(text)
        exact[text] = g
        groups[g].append(k)
    check(cancel)
    scores = {k: s for s, k in scored}
    return [_hit(query, [rows[k] for k in members], scores[members[0]]) for members in groups]


def _hit(query: str, members: list[_Row], score: float) -> Hit:
    """A hit from a group's rows (the best-scored first)."""
    first = members[0]
    start, end = closeness.matched_span(query, first.text)
    by_date = sorted(members, key=lambda r: (r.published or "9999", r.article))
    articles = tuple(dict.fromkeys(r.article for r in by_date))
    names = Counter((r.speaker_id, r.speaker) for r in members if r.speaker_id is not None)
    speaker_id, speaker = names.most_common(1)[0][0] if names else (None, None)
    return Hit(quote_ids=tuple(r.id for r in members), speaker=speaker, speaker_id=speaker_id,
               text=first.text, start=start, end=end, score=round(score, 1), articles=articles,
               published=by_date[0].published, title=by_date[0].title, kind=first.kind)


def _fetch(conn: sqlite3.Connection, ids: list[int], filters: Filters = Filters()) -> list[_Row]:
    """The candidate quotes with their article and speaker, in the order of ``ids`` (quotes of a
    name the user said is no speaker left out, and those of the kinds ``filters`` leaves out)."""
    rows: dict[int, _Row] = {}
    where, params = filters.kind_where()
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        for r in conn.execute(
                "SELECT q.id, q.text, q.article_id, q.speaker_id, s.name, a.published, a.title, q.kind "
                "FROM quotes q JOIN articles a ON a.id = q.article_id "
                "LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.hidden = 0 AND q.id IN (%s)%s"
                % (",".join("?" * len(chunk)), "".join(" AND " + w for w in where)),
                chunk + params):
            rows[r[0]] = _Row(*r)
    return [rows[i] for i in ids if i in rows]
