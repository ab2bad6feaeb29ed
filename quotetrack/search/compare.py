"""How do two officials' statements differ? Each of A's statements beside B's closest on its subject.

A statement is a speaker's quote, near-identical quotes reported by several
articles counted once; fragments (quotes under ``MIN_LENGTH`` characters,
"shy away", "a great thing.") are left out by default, since one or two
words say nothing about a subject. Two statements are on the same subject
when they share content words: the similarity is the cosine of their TF-IDF
vectors over content words (folded, function words left out, plural and
tense endings cut), the weights taken from both speakers' statements
together, so the words they both use all the time count for little. It
measures the subject, not the wording: "we will take action at a time of our
choosing" and "the response will come in a manner and time we choose" pair up.

A pair must rest on substance: at least ``MIN_SHARED`` shared content terms,
or one rare term (found in no other of the two speakers' statements), so one
common word ("great" in "make America great again" and "a great deal")
pairs nothing. Each of A's statements is paired with B's most similar one
that passes (one of B's may pair with several of A's); pairs scoring below
``min_similarity`` are not pairs, and each pair carries the shared terms
that made it. ``about`` keeps, on both sides, the statements close to a
phrase (the search's closeness, or two thirds of the phrase's content words
present: both of two, two of three).
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass

from quotetrack.search import closeness
from quotetrack.search.cancelling import Cancelled, cancellable, check, connection
from quotetrack.search.candidates import Filters
from quotetrack.search.normalise import fold
from quotetrack.search.speaker_lookup import resolve_speaker

DEFAULT_MIN_SIMILARITY = 10.0
ABOUT_MIN_SCORE = 75.0   # closeness to the --about phrase that keeps a statement
ABOUT_MIN_WORDS = 2 / 3  # or this share of the phrase's content words present
MAX_STATEMENTS = 5000    # per speaker, the latest: a bound on time and memory
MAX_ABOUT = 1000         # characters of an ``about`` phrase used: matching costs its length
SUBJECT = 6              # shared terms shown with a pair, the weightiest first
MIN_LENGTH = 20          # characters: shorter quotes are fragments, left out unless asked
MIN_SHARED = 2           # shared content terms that make a pair on their own
RARE_DF = 2              # a term in at most this many statements (the pair's two) is rare
RARE_CHARS = 4           # ... and at least this long: "war" or "tax" alone is no subject
FUNCTION_WORDS = frozenset("""
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each even ever every
    few for from further get gets got had has have having he her here hers herself him himself his
    how i if in into is it its itself just let lets like made make many may me might more most
    much must my myself no nor not now of off on once one only or other our ours ourselves out
    over own really said same say says see she should so some still such than that thats the their
    theirs them themselves then there these they thing things think this those through to too
    under until up upon us very want was way we well were what when where which while who whom
    why will with would yes yet you your yours yourself im ive dont didnt doesnt isnt arent wasnt
    werent wont cant couldnt shouldnt wouldnt weve youre theyre were hes shes its lets going go
    know s t re ve ll d m
""".split())
_ENDINGS = re.compile(r"(?:ies|ied|ing|ings|ed|es|s|ly)$")


class SameSpeaker(ValueError):
    """Both names given to compare mean one speaker (one-line message)."""


@dataclass(frozen=True)
class Statement:
    """One statement of a speaker: its quotes (one per reporting article) and text."""

    quote_ids: tuple[int, ...]
    text: str
    articles: tuple[str, ...]
    published: str | None
    kind: str = "direct"  # direct (a quotation), mixed or indirect (reported speech)

    def row(self, prefix: str) -> dict:
        """The statement's columns, keys prefixed (``a_text``, ``a_published``, ...)."""
        return {prefix + "kind": self.kind, prefix + "text": self.text,
                prefix + "published": self.published, prefix + "articles": list(self.articles),
                prefix + "quote_ids": list(self.quote_ids)}


@dataclass(frozen=True)
class Pair:
    """A statement of A and B's closest one on its subject; ``similarity`` 0-100.

    ``subject`` holds the shared content terms that made the pair, the
    weightiest first (at most SUBJECT), as A wrote them (folded).
    """

    a: Statement
    b: Statement
    similarity: float
    subject: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """Two speakers side by side: the pairs, best first, and the statements left unpaired."""

    a: tuple[int, str]
    b: tuple[int, str]
    pairs: tuple[Pair, ...]
    only_a: tuple[Statement, ...]
    only_b: tuple[Statement, ...]
    statements_a: int
    statements_b: int

    def rows(self) -> list[dict]:
        """Flat rows: the pairs, then A's and B's unpaired statements (the other side empty)."""
        out = [self._row(n, p.similarity, p.subject, p.a, p.b) for n, p in enumerate(self.pairs, 1)]
        out += [self._row(None, None, (), s, None) for s in self.only_a]
        out += [self._row(None, None, (), None, s) for s in self.only_b]
        return out

    def _row(self, n: int | None, similarity: float | None, subject: tuple[str, ...],
             a: Statement | None, b: Statement | None) -> dict:
        """One output row; a missing side has empty columns."""
        row = {"pair": n, "similarity": similarity, "subject": list(subject), "a_speaker": self.a[1]}
        row.update(_columns("a_", a))
        row["b_speaker"] = self.b[1]
        row.update(_columns("b_", b))
        return row


def _columns(prefix: str, statement: Statement | None) -> dict:
    """A statement's columns, or the same columns empty."""
    if statement is None:
        return {prefix + "kind": None, prefix + "text": None, prefix + "published": None,
                prefix + "articles": [], prefix + "quote_ids": []}
    return statement.row(prefix)


def compare(db, a: str | int, b: str | int, about: str | None = None, since: str | None = None,
            until: str | None = None, min_similarity: float = DEFAULT_MIN_SIMILARITY,
            cancel: threading.Event | None = None, publisher: str | None = None,
            min_length: int | None = MIN_LENGTH, kinds: tuple[str, ...] | None = None,
            attitudes: bool = False) -> Comparison:
    """Compare speakers ``a`` and ``b`` (names matched fuzzily, or ids); see the module docstring.

    ``since``/``until`` are ISO dates on the articles' published date;
    ``publisher`` keeps one outlet's articles (exact, any case) and
    ``min_length`` the quotes of at least that many characters (0 or None: all).
    Statements of every kind pair (a quotation with reported speech too), or
    those of ``kinds``; statements of attitude only with ``attitudes``.
    Raises SpeakerNotFound (speaker_lookup) for a name like none in the library and
    SameSpeaker when both mean one speaker. When ``cancel`` is set meanwhile
    it stops at once and gives a comparison with no statements.
    """
    conn = connection(db)
    sa = _speaker(conn, a)
    sb = _speaker(conn, b)
    if sa[0] == sb[0]:
        raise SameSpeaker("%r and %r are both %s: compare two speakers" % (a, b, sa[1]))
    try:
        with cancellable(conn, cancel):
            left = statements(conn, sa[0], since, until, publisher, min_length, kinds, attitudes)
            right = statements(conn, sb[0], since, until, publisher, min_length, kinds, attitudes)
        if about is not None:
            about = about_phrase(about)
            left, right = near(about, left), near(about, right)
        check(cancel)
        pairs, only_a, only_b = pair_up(left, right, min_similarity, cancel)
    except Cancelled:
        return Comparison(sa, sb, (), (), (), 0, 0)
    return Comparison(sa, sb, tuple(pairs), tuple(only_a), tuple(only_b), len(left), len(right))


def _speaker(conn, who: str | int) -> tuple[int, str]:
    """(id, name) of a speaker given by name (fuzzy) or id."""
    if isinstance(who, int):
        return resolve_speaker(conn, "#%d" % who)
    return resolve_speaker(conn, who)


def statements(conn, speaker_id: int, since: str | None = None, until: str | None = None,
               publisher: str | None = None, min_length: int | None = None,
               kinds: tuple[str, ...] | None = None, attitudes: bool = False) -> list[Statement]:
    """A speaker's statements, latest first (at most MAX_STATEMENTS), near-identical quotes merged;
    only from ``publisher``'s articles, of ``min_length`` characters and of ``kinds`` when
    given, and of speech unless ``attitudes``."""
    where, params = Filters(speaker_id, since, until, kinds, attitudes).where()
    if publisher:
        where.append("a.publisher = ? COLLATE NOCASE")
        params.append(publisher.strip())
    if min_length:
        where.append("length(trim(q.text)) >= ?")
        params.append(min_length)
    rows = conn.execute(
        "SELECT q.id, q.text, q.article_id, a.published, q.kind FROM quotes q "
        "JOIN articles a ON a.id = q.article_id WHERE " + " AND ".join(where)
        + " ORDER BY a.published IS NULL, a.published DESC, q.id DESC LIMIT ?",
        [*params, MAX_STATEMENTS * 2]).fetchall()
    groups: list[list[tuple]] = []
    by_text: dict[str, int] = {}
    by_edge: dict[tuple, list[int]] = defaultdict(list)  # first/last words -> groups
    for row in rows:
        text = fold(row[1])
        if not text:
            continue
        g = by_text.get(text)
        if g is None:
            w = text.split()
            edges = (("^",) + tuple(w[:4]), ("$",) + tuple(w[-4:]))
            for e in edges:
                for other in by_edge.get(e, ()):
                    if closeness.same_statement(text, fold(groups[other][0][1])):
                        g = other
                        break
                if g is not None:
                    break
            if g is None:
                if len(groups) >= MAX_STATEMENTS:
                    continue
                g = len(groups)
                groups.append([])
                for e in edges:
                    by_edge[e].append(g)
            by_text[text] = g
        groups[g].append(row)
    out = []
    for members in groups:
        dated = sorted(members, key=lambda r: (r[3] or "9999", r[2]))
        out.append(Statement(tuple(r[0] for r in members), members[0][1],
                             tuple(dict.fromkeys(r[2] for r in dated)), dated[0][3], members[0][4]))
    return out


def content_words(text: str) -> list[str]:
    """The content words of a text, folded and stemmed crudely ("sanctions" -> "sanction")."""
    return [stem for stem, _ in _content(text)]


def _content(text: str) -> list[tuple[str, str]]:
    """(stem, word) for each content word of a text, the word folded."""
    out = []
    for w in fold(text).split():
        if w in FUNCTION_WORDS or len(w) < 3 or w.isdigit():
            continue
        out.append((_ENDINGS.sub("", w) or w if len(w) > 4 else w, w))
    return out


def about_phrase(phrase: str) -> str:
    """An ``about`` phrase cut to MAX_ABOUT characters at a word boundary.

    Its closeness to each statement costs time in its length (a 100 KB
    phrase took 25 s); no subject needs more than a few sentences.
    """
    if len(phrase) <= MAX_ABOUT:
        return phrase
    cut = phrase[:MAX_ABOUT + 1]
    space = cut.rstrip().rfind(" ")
    return (cut[:space] if space > 0 else cut[:MAX_ABOUT]).rstrip()


def near(phrase: str, items: list[Statement]) -> list[Statement]:
    """The statements close to ``phrase``: its closeness, or two thirds of its content words present."""
    query = fold(phrase)
    wanted = set(content_words(phrase))
    if not query:
        return list(items)
    scores = closeness.scores(query, [fold(s.text) for s in items])
    keep = []
    for s, score in zip(items, scores):
        if score >= ABOUT_MIN_SCORE:
            keep.append(s)
        elif wanted and len(wanted & set(content_words(s.text))) >= math.ceil(
                ABOUT_MIN_WORDS * len(wanted) - 1e-9):
            keep.append(s)
    return keep


def pair_up(left: list[Statement], right: list[Statement], min_similarity: float,
            cancel: threading.Event | None = None) -> tuple[list[Pair], list[Statement], list[Statement]]:
    """Pair each of ``left`` with its most similar of ``right``: (pairs best first, unpaired left,
    unpaired right)."""
    cl = [_content(s.text) for s in left]
    vl = [Counter(stem for stem, _ in c) for c in cl]
    vr = [Counter(content_words(s.text)) for s in right]
    df: Counter = Counter()
    for v in vl + vr:
        df.update(v.keys())
    n = len(vl) + len(vr)
    idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}
    wl, wr = [_unit(v, idf) for v in vl], [_unit(v, idf) for v in vr]
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, v in enumerate(wr):
        for w, x in v.items():
            postings[w].append((j, x))
    pairs, only_left, used = [], [], set()
    for i, v in enumerate(wl):
        if i % 256 == 0:
            check(cancel)
        acc: dict[int, float] = defaultdict(float)
        for w, x in v.items():
            for j, y in postings.get(w, ()):
                acc[j] += x * y
        # the most similar of B's that shares substance, not merely the most similar
        best = next((t for t in sorted(acc.items(), key=lambda t: (-t[1], t[0]))
                     if substantial([w for w in v if w in wr[t[0]]], df)), None)
        sim = round(100 * best[1], 1) if best else 0.0
        if best is None or sim < min_similarity:
            only_left.append(left[i])
            continue
        shared = sorted((w for w in v if w in wr[best[0]]), key=lambda w: -v[w] * wr[best[0]][w])
        spelled = {stem: word for stem, word in reversed(cl[i])}
        pairs.append(Pair(left[i], right[best[0]], sim, tuple(spelled[w] for w in shared[:SUBJECT])))
        used.add(best[0])
    pairs.sort(key=lambda p: -p.similarity)
    return pairs, only_left, [s for j, s in enumerate(right) if j not in used]


def substantial(shared: list[str], df: Counter) -> bool:
    """Whether shared content terms make a pair: MIN_SHARED of them, or one rare one (in at most
    RARE_DF statements, the pair's own, and RARE_CHARS long)."""
    if len(shared) >= MIN_SHARED:
        return True
    return any(df[w] <= RARE_DF and len(w) >= RARE_CHARS for w in shared)


def _unit(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    """A TF-IDF vector of unit length."""
    v = {w: (1 + math.log(c)) * idf[w] for w, c in counts.items()}
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {w: x / norm for w, x in v.items()} if norm else {}
