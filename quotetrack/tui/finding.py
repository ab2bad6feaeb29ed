"""Search and compare for the browser, through the library's engines, as small records.

``find`` runs ``quotetrack.search.search``, ``about_ids`` runs it for a
timeline's phrase, and ``pair`` runs ``quotetrack.compare.compare`` (all stop
at once when their ``cancel`` event is set); their statements come back as ``data.Statement`` rows so the
screens show date, publisher and speaker as everywhere else.
``fuzzy_filter`` is the officials list's type-to-filter.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

import sqlite_utils
from rapidfuzz import fuzz, process

from quotetrack.library.statements import Filters
from quotetrack.search import compare as comparing
from quotetrack.search import phrase_search as searching
from quotetrack.tui import data
from quotetrack.tui.data import Official


@dataclass(frozen=True)
class Found:
    """A search hit: the statement, the part of its text that matched, its score (0-100) and how
    many articles report it."""

    statement: data.Statement
    match: tuple[int, int] | None
    score: float = 0.0
    reports: int = 1


@dataclass(frozen=True)
class Pair:
    """A subject and what each of two officials said about it (either side may be None)."""

    subject: str
    left: data.Statement | None
    right: data.Statement | None
    similarity: float | None = None


def fuzzy_filter(officials: list[Official], query: str) -> list[Official]:
    """Officials matching ``query``: names or roles containing it first, then fuzzy matches."""
    q = " ".join(query.split()).casefold()
    if not q:
        return officials
    exact = [o for o in officials if q in o.name.casefold() or q in o.role.casefold()]
    seen = {o.id for o in exact}
    choices = {i: "%s %s" % (o.name, o.role) for i, o in enumerate(officials) if o.id not in seen}
    fuzzy = process.extract(q, choices, scorer=fuzz.WRatio, processor=str.casefold,
                            score_cutoff=72, limit=None)
    fuzzy.sort(key=lambda m: (-m[1], -officials[m[2]].quotes))
    return exact + [officials[m[2]] for m in fuzzy]


def find(db: sqlite_utils.Database, phrase: str, limit: int = 100,
         cancel: threading.Event | None = None, view: data.KindView = data.KIND_VIEWS[0]) -> list[Found]:
    """Statements of every official, of the kinds ``view`` shows, closest to ``phrase`` (typos
    allowed), best first.

    [] when ``cancel`` was set meanwhile.
    """
    hits = searching.search(db, phrase, limit=limit, cancel=cancel, kinds=view.kinds,
                            attitudes=view.attitudes)
    # a hit's text and span are its first (best-scored) quote's
    rows = data.statements_by_id(db, [h.quote_ids[0] for h in hits])
    return [Found(replace(rows[h.quote_ids[0]], reports=h.count), h.span if h.end > h.start else None,
                  h.score, h.count)
            for h in hits if h.quote_ids[0] in rows]


def about_ids(db: sqlite_utils.Database, phrase: str, speaker_ids: list[int], since: str | None = None,
              until: str | None = None, cancel: threading.Event | None = None,
              filters: Filters = Filters()) -> list[int]:
    """The quotes of ``speaker_ids`` (of the kinds ``filters`` keeps) that say ``phrase`` or come
    close, as the search finds them (a timeline's "about"); [] when ``cancel`` was set meanwhile."""
    found: set[int] = set()
    for sid in speaker_ids:
        for hit in searching.search(db, phrase, speaker=sid, since=since, until=until, limit=None,
                                    cancel=cancel, kinds=filters.kinds, attitudes=filters.attitudes):
            found.update(hit.quote_ids)
    return sorted(found)


def pair(db: sqlite_utils.Database, left_id: int, right_id: int, phrase: str | None = None,
         cancel: threading.Event | None = None, filters: Filters = Filters()) -> list[Pair]:
    """Two officials' statements paired by subject, as ``quotetrack compare`` pairs them.

    The pairs come first, best first, then each side's unpaired statements;
    ``phrase`` keeps only the statements about it (compare's ``about``), and
    ``filters`` those of its dates, publisher and length (a minimum length of
    None: every quote, fragments too).
    """
    result = comparing.compare(db, left_id, right_id, about=phrase or None, cancel=cancel,
                               since=filters.since, until=filters.until, publisher=filters.publisher,
                               min_length=filters.min_length, kinds=filters.kinds,
                               attitudes=filters.attitudes)
    sides = [(", ".join(p.subject), p.a, p.b, p.similarity) for p in result.pairs]
    sides += [("", s, None, None) for s in result.only_a]
    sides += [("", None, s, None) for s in result.only_b]
    ids = [s.quote_ids[0] for _, a, b, _ in sides for s in (a, b) if s is not None]
    rows = data.statements_by_id(db, ids)

    def row(statement):
        found = rows.get(statement.quote_ids[0]) if statement is not None else None
        # one statement, several reports: shown once, with their number
        return replace(found, reports=len(statement.articles)) if found is not None else None

    return [Pair(subject, row(a), row(b), similarity) for subject, a, b, similarity in sides]
