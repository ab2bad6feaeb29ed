"""Stage 1 of a search: the quotes worth ranking for a phrase, from the word index.

The index is the store's ``quotes_fts`` (FTS5, unicode61 words, kept by
triggers): search needs no other. The phrase's words are looked up first,
each counted up to DF_CAP: a word the index lacks (a typo) is left out, so
the other words carry the query. Then MATCH expressions (``plan``) run from
strict to loose:

1. the phrase's known words near each other, in the runs they form between
   unknown words;
2. all but one of them near each other (any one may be a typo that happens
   to be a word), for phrases of up to MAX_DROP_ONE distinct words;
3. all but one of its ANCHORS rarest words, anywhere; 4. two of them;
5. one of them.

The first level brings all it finds (up to CANDIDATES); each looser one
only fills up to TARGET, the latest stored first. A strict level matches
few rows, so it is cheap, and what it finds is what ranks first. A phrase
with an unknown word and fewer than three known ones also tries the index
words closest to it (``similar_terms``); a last word the index lacks, when
the phrase ends in it, is taken as a prefix (the TUI searches while the
user is still typing it). Every term goes into an expression double-quoted
(``fts_phrase``): quotes, apostrophes and FTS operators are only text.

Filters (a speaker, dates, kinds of statement) that leave at most SCAN quotes skip the index:
all those quotes are ranked, so nothing close is missed. Otherwise the
levels are joined with the filters, the looser ones given FILTERED_BUDGET
seconds together, so a filter rejecting most of a loose level's rows costs
a bounded time (such a search may then vary a little from run to run).
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from rapidfuzz import fuzz, process

from quotetrack.engine.reported import KINDS
from quotetrack.search.cancelling import OverBudget, budget, check
from quotetrack.search.normalise import fts_phrase, fts_terms

CANDIDATES = 300         # rows the strictest level may bring
TARGET = 100             # candidates that are enough: looser levels only fill up to this
DF_CAP = 2000            # words are counted up to this many quotes (this common is common)
MAX_TERMS = 16           # phrase words used to find candidates (all of them rank)
MAX_DROP_ONE = 8         # up to this many distinct words, level 2 lets any one be wrong
ANCHORS = 4              # the rarest words, used by the looser levels
SCAN = 3000              # filters leaving at most this many quotes: all ranked, no index
FILTERED_BUDGET = 0.025  # seconds the looser levels of a filtered search may take together
EXPANSIONS = 3           # index words tried for one unknown word
PREFIX_MIN = 3           # letters an unfinished last word needs to be taken as a prefix
_ENDS_IN_WORD = re.compile(r"[^\W_]$")
# words too common to stand for a phrase, when the index counts tie
STOPWORDS = frozenset("""
    a an and are as at be been but by can could did do does for from had has have he her him
    his i if in into is it its me my no not of on or our she so that the their them then there
    these they this those to us was we were what when which who will with would you your
""".split())


@dataclass(frozen=True)
class Filters:
    """What restricts a search: one speaker, published dates (YYYY-MM-DD, inclusive), the
    statements' kinds (None: direct, mixed and indirect) and whether statements of attitude
    (believes, wants) are in (speech only by default)."""

    speaker_id: int | None = None
    since: str | None = None
    until: str | None = None
    kinds: tuple[str, ...] | None = None
    attitudes: bool = False

    def __bool__(self) -> bool:
        # leaving out attitudes alone is no filter worth a join: the few found are dropped
        # when the candidates are read (``kind_where``)
        return (self.speaker_id is not None or bool(self.since) or bool(self.until)
                or self._some_kinds() is not None)

    def _some_kinds(self) -> list[str] | None:
        """The kinds kept when they are not all of them, else None."""
        if self.kinds is None:
            return None
        kinds = [k for k in KINDS if k in self.kinds]
        return kinds if len(kinds) < len(KINDS) else None

    def kind_where(self) -> tuple[list[str], list]:
        """SQL conditions on ``q`` (quotes) for the kinds and cues kept, and their parameters."""
        where, params = [], []
        kinds = self._some_kinds()
        if kinds is not None:
            where.append("q.kind IN (%s)" % ", ".join("?" * len(kinds)) if kinds else "0")
            params.extend(kinds)
        if not self.attitudes:
            where.append("q.cue_type = 'speech'")
        return where, params

    def where(self) -> tuple[list[str], list]:
        """SQL conditions on ``q`` (quotes) and ``a`` (articles), and their parameters.

        ``until`` is inclusive of the whole day whatever follows the date in
        ``published`` ("2021-03-01T10:00"), as ``quotetrack quotes`` has it;
        written as ``published < the next day`` so the date index serves it.
        """
        where, params = [], []
        if self.speaker_id is not None:
            where.append("q.speaker_id = ?")
            params.append(self.speaker_id)
        if self.since:
            where.append("a.published >= ?")
            params.append(self.since)
        if self.until:
            try:
                where.append("a.published < ?")
                params.append((date.fromisoformat(self.until) + timedelta(days=1)).isoformat())
            except ValueError:
                where[-1] = "substr(a.published, 1, 10) <= ?"
                params.append(self.until)
        kind_where, kind_params = self.kind_where()
        return where + kind_where, params + kind_params


def candidate_ids(conn: sqlite3.Connection, phrase: str, filters: Filters = Filters(),
                  cancel: threading.Event | None = None) -> list[int]:
    """The ids of the quotes worth ranking for ``phrase``, the likeliest first."""
    if filters:
        where, params = filters.where()
        few = conn.execute("SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE "
                           + " AND ".join(where) + " LIMIT ?", [*params, SCAN + 1]).fetchall()
        if len(few) <= SCAN:
            return [r[0] for r in few]
    tokens = fts_terms(phrase)[:MAX_TERMS]
    counts = doc_counts(conn, tokens)
    last = tokens[-1] if tokens else ""
    if (not counts.get(last) and len(last) >= PREFIX_MIN and _ENDS_IN_WORD.search(phrase)
            and len(fts_terms(phrase)) <= MAX_TERMS):
        # a last word the index lacks may be one still being typed: also take it as a prefix
        n = _count(conn, _term(last + "*"))
        if n:
            tokens[-1] = last + "*"
            counts[tokens[-1]] = n
    ids: dict[int, None] = {}
    _collect(conn, plan(tokens, counts), filters, ids, cancel)
    known = {t for t in tokens if counts[t]}
    unknown = [t for t in dict.fromkeys(tokens) if not counts[t] and len(t) >= 3]
    if unknown and len(known) < 3 and len(ids) < TARGET:
        # few words to go on and one of them unknown: try the index's words closest to it
        swaps = {t: similar_terms(conn, t) for t in unknown}
        check(cancel)
        for k in range(EXPANSIONS):
            variant = [swaps[t][k] if t in swaps and len(swaps[t]) > k else t for t in tokens]
            if variant == tokens:
                break
            _collect(conn, plan(variant, doc_counts(conn, variant)), filters, ids, cancel)
            if len(ids) >= TARGET:
                break
    return list(ids)


def _collect(conn: sqlite3.Connection, expressions: list[str], filters: Filters,
             ids: dict[int, None], cancel: threading.Event | None) -> None:
    """Run MATCH expressions in turn, adding their rows to ``ids`` until TARGET are in hand."""
    where, params = filters.where()
    if filters:
        sql = ("SELECT f.rowid FROM quotes_fts f JOIN quotes q ON q.id = f.rowid "
               "JOIN articles a ON a.id = q.article_id WHERE f.quotes_fts MATCH ? AND "
               + " AND ".join(where) + " ORDER BY f.rowid DESC LIMIT ?")
    else:
        sql = "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
    deadline = None
    for level, expr in enumerate(expressions):
        check(cancel)
        # the strictest level brings all it finds (up to CANDIDATES), the looser ones fill up to TARGET
        want = CANDIDATES if level == 0 else TARGET - len(ids)
        if level == 1 and filters:
            deadline = time.perf_counter() + FILTERED_BUDGET
        rows: list[int] = []
        try:
            with budget(conn, cancel, deadline):
                for row in conn.execute(sql, [expr, *params, want + 1]):
                    rows.append(row[0])
        except OverBudget:
            # a filter rejecting most of a loose level's rows: keep what was found
            ids.update(dict.fromkeys(rows[:want]))
            return
        ids.update(dict.fromkeys(rows[:want]))
        if len(ids) >= TARGET or len(rows) > want:
            return


def plan(tokens: list[str], counts: dict[str, int]) -> list[str]:
    """FTS5 MATCH expressions for a phrase's index terms, strict to loose (see the module docstring).

    ``counts`` gives each term's document count (0: not in the index).
    Every term is double-quoted: no input is read as an operator.
    """
    runs: list[list[str]] = [[]]
    for t in tokens:
        if counts.get(t):
            runs[-1].append(t)
        elif runs[-1]:
            runs.append([])
    runs = [r for r in runs if r]
    known = list(dict.fromkeys(t for r in runs for t in r))
    span = len(tokens) + 2
    out = []
    if sum(len(r) for r in runs) >= 2:
        out.append(_near([_term(" ".join(r)) for r in runs], span))
    if 3 <= len(known) <= MAX_DROP_ONE:
        out.append(" OR ".join(_near([_term(t) for t in c], span)
                               for c in combinations(known, len(known) - 1)))
    anchors = sorted(known, key=lambda t: (counts[t], t in STOPWORDS, -len(t)))[:ANCHORS]
    if len(anchors) >= 3:
        out.append(_any_of(anchors, len(anchors) - 1))
    if len(anchors) >= 2:
        out.append(_any_of(anchors, 2))
    if anchors:
        out.append(" OR ".join(_term(t) for t in anchors))
    return list(dict.fromkeys(out))


def _term(text: str) -> str:
    """One FTS5 string for index terms; a trailing "*" (which only ``candidate_ids`` adds: no
    input term holds one) makes its last term a prefix."""
    if text.endswith("*"):
        return fts_phrase(text[:-1]) + "*"
    return fts_phrase(text)


def _near(phrases: list[str], distance: int) -> str:
    """An FTS5 NEAR group (a lone phrase is just that phrase)."""
    if len(phrases) == 1:
        return phrases[0]
    return "NEAR(%s, %d)" % (" ".join(phrases), distance)


def _any_of(terms: list[str], k: int) -> str:
    """An FTS5 expression true when at least ``k`` of ``terms`` occur."""
    return " OR ".join("(%s)" % " AND ".join(_term(t) for t in c) for c in combinations(terms, k))


def doc_counts(conn: sqlite3.Connection, tokens: list[str]) -> dict[str, int]:
    """How many quotes hold each term, counted up to DF_CAP (0: the index lacks it)."""
    return {t: _count(conn, fts_phrase(t)) for t in dict.fromkeys(tokens)}


def _count(conn: sqlite3.Connection, expr: str) -> int:
    """How many quotes match an FTS5 expression, counted up to DF_CAP."""
    return conn.execute("SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? "
                        "LIMIT ?)", [expr, DF_CAP]).fetchone()[0]


def similar_terms(conn: sqlite3.Connection, term: str, limit: int = EXPANSIONS) -> list[str]:
    """Index terms closest to ``term`` (a typo), best first: those sharing its first letter and
    its second or third (two inner letters may be swapped)."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.quotetrack_terms "
                 "USING fts5vocab(main, 'quotes_fts', 'row')")
    prefixes = dict.fromkeys([term[:2], term[0] + term[2:3]])
    terms: list[str] = []
    for p in prefixes:
        terms += [r[0] for r in conn.execute(
            "SELECT term FROM temp.quotetrack_terms WHERE term >= ? AND term < ?",
            [p, p[:-1] + chr(ord(p[-1]) + 1)])]
    found = process.extract(term, terms, scorer=fuzz.ratio, score_cutoff=70, limit=limit)
    return [t for t, _, _ in found]
