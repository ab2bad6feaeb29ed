"""How close a quote comes to a phrase, where it matches, and which quotes are one statement.

Pure functions on folded text (see ``normalise``), 0 to 100:

- a phrase found in order scores its ``partial_ratio``: the best alignment
  of the phrase with a stretch of the quote, so a typo, a missing or an
  extra word costs a few points and the rest of the quote nothing;
- a phrase found in another order scores 0.9 times the ``token_sort_ratio``
  of the phrase and the phrase's words found in the shortest stretch of the
  quote holding them, less 3 points a word for a stretch much longer than
  the phrase: the words must stand together, and the exact order always
  ranks first;
- a quote shorter than the phrase scores their plain ``ratio``: a quote
  that is one word of the phrase is not a match;
- a phrase of one or two words scores no more than its words' mean word
  score: 100 for a quote word equal to it or starting with it (a word still
  being typed), else the best optimal-string-alignment similarity of a
  quote word (a swap of two letters is one edit). Letters matching inside
  another word do not count: "clear" is not found in "nuclear".
"""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from quotetrack.search.normalise import Word, words

# the share of a score an unordered match keeps, so the same words in order rank first
UNORDERED = 0.9
# points an unordered match loses for each word too many in the stretch holding the phrase's words
SPREAD = 3.0
# a quote word this close (rapidfuzz ratio) to a phrase word the quote lacks is taken for a typo of it
TYPO = 75.0
# texts this close (ratio of folded texts) are one statement reported more than once
SAME_STATEMENT = 95.0
# phrases of up to this many words are scored word by word too
SHORT = 2
# letters a phrase word needs for a quote word starting with it to count as that word
PREFIX = 3


def scores(query: str, texts: list[str]) -> list[float]:
    """The closeness of each folded text to the folded ``query`` (see the module docstring)."""
    if not query or not texts:
        return [0.0] * len(texts)
    ordered = process.cdist([query], texts, scorer=fuzz.partial_ratio, workers=1)[0]
    unordered = process.cdist([query], texts, scorer=fuzz.token_set_ratio, workers=1)[0]
    qwords = query.split()
    out = []
    for text, o, u in zip(texts, ordered, unordered):
        if len(text) < len(query):
            o = fuzz.ratio(query, text)
        best = float(o)
        twords = text.split()
        # token_set_ratio bounds the unordered score from above: only then look for the stretch
        if len(qwords) > 1 and UNORDERED * u > best:
            best = max(best, unordered_score(qwords, twords)[0])
        if len(qwords) <= SHORT:
            best = min(best, sum(word_score(q, twords) for q in qwords) / len(qwords))
        out.append(best)
    return out


def word_score(word: str, twords: list[str]) -> float:
    """How well one phrase word is found among a text's words, 0-100 (see the module docstring)."""
    if len(word) >= PREFIX:
        if any(w.startswith(word) for w in twords):
            return 100.0
    elif word in twords:
        return 100.0
    found = process.extractOne(word, twords, scorer=OSA.normalized_similarity)
    return 100.0 * found[1] if found else 0.0


def closeness(query: str, text: str) -> float:
    """The closeness of one folded text to the folded ``query``."""
    return scores(query, [text])[0]


def unordered_score(qwords: list[str], twords: list[str]) -> tuple[float, int, int]:
    """The unordered score of a text's words, and the stretch ``twords[i:j]`` it is taken on.

    The stretch is the shortest one holding the most distinct phrase words,
    widened by a word on each side when some phrase word is missing from it
    (a typo of it may stand there). The score compares the phrase with the
    stretch's words that stand for phrase words (a word close to a missing
    one counts, typo and all), both sorted: the phrase words a quote lacks
    cost what they would in any order; then each word the stretch has
    beyond the phrase's length and some slack costs SPREAD points.
    """
    wanted = set(qwords)
    hits = [(pos, w) for pos, w in enumerate(twords) if w in wanted]
    if not hits:
        return 0.0, 0, 0
    found = {w for _, w in hits}
    # the shortest window of hits covering every phrase word the text has
    counts: dict[str, int] = {}
    have = left = 0
    best = (hits[0][0], hits[-1][0])
    for pos, w in hits:
        counts[w] = counts.get(w, 0) + 1
        if counts[w] == 1:
            have += 1
        while have == len(found):
            start, lw = hits[left]
            if pos - start < best[1] - best[0]:
                best = (start, pos)
            counts[lw] -= 1
            if counts[lw] == 0:
                have -= 1
            left += 1
    i, j = best[0], best[1] + 1
    missing = wanted - found
    if missing:
        i, j = max(0, i - 1), min(len(twords), j + 1)
    kept = []
    for w in twords[i:j]:
        if w in wanted:
            kept.append(w)
        elif missing and process.extractOne(w, missing, scorer=fuzz.ratio, score_cutoff=TYPO):
            kept.append(w)
    score = UNORDERED * fuzz.token_sort_ratio(" ".join(qwords), " ".join(kept))
    spread = (j - i) - len(qwords) - max(2, len(qwords) // 2)
    return max(0.0, score - SPREAD * max(0, spread)), i, j


def matched_span(query: str, text: str) -> tuple[int, int]:
    """Where in ``text`` (an original quote) the folded ``query`` matches: character offsets.

    The span covers whole words: the in-order alignment, or the stretch an
    unordered match is taken on when that scores higher.
    """
    tw = words(text)
    if not tw or not query:
        return 0, 0
    folded = " ".join(w.key for w in tw)
    if len(folded) <= len(query):
        return tw[0].start, tw[-1].end
    align = fuzz.partial_ratio_alignment(query, folded)
    qwords = query.split()
    if len(qwords) > 1:
        score, i, j = unordered_score(qwords, [w.key for w in tw])
        if score > align.score and j > i:
            return tw[i].start, tw[j - 1].end
    return _word_span(tw, align.dest_start, align.dest_end)


def _word_span(tw: list[Word], start: int, end: int) -> tuple[int, int]:
    """The original offsets of the words covered by characters ``start:end`` of the folded text.

    A word counts when the span covers more than half of it or three
    letters (a word still being typed); an alignment clipping a letter or
    two off a neighbour does not bring it in. Failing any, touched words do.
    """
    covered, touched = [], []
    pos = 0
    for k, w in enumerate(tw):
        w_end = pos + len(w.key)
        overlap = min(w_end, end) - max(pos, start)
        if overlap > 0:
            touched.append(k)
            if 2 * overlap > len(w.key) or overlap >= 3:
                covered.append(k)
        pos = w_end + 1
    chosen = covered or touched
    if not chosen:
        return tw[0].start, tw[0].start
    return tw[chosen[0]].start, tw[chosen[-1]].end


def same_statement(a: str, b: str) -> bool:
    """True when two folded texts are one statement (near-identical wording)."""
    return a == b or fuzz.ratio(a, b, score_cutoff=SAME_STATEMENT) > 0
