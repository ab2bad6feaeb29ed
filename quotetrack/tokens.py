"""Tokens and sentences of a paragraph, with each quotation held as one token.

Attribution reads the words *around* quotations, so a quotation (marks and
all) becomes a single ``Q`` token and sentence boundaries are found in the
narrative text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotetrack.lexicon import ABBREVIATIONS
from quotetrack.marks import MarkSpan

_WORD_RE = re.compile(r"[^\W_](?:[\w’'&]*(?:[-.][^\W_])?)*(?:[’']s\b)?|[$#@][\w.]+|\S", re.UNICODE)


@dataclass(frozen=True)
class Token:
    """A word, a punctuation mark, or a whole quotation (kind ``Q``)."""

    start: int
    end: int
    text: str
    kind: str  # "W" word, "P" punctuation, "Q" quotation
    quote: int = -1  # index of the quotation for Q tokens

    @property
    def lower(self) -> str:
        """The token in lower case, without a trailing dot or possessive."""
        t = self.text.lower().replace("’", "'")
        if t.endswith("'s"):
            t = t[:-2]
        return t.rstrip(".")

    @property
    def is_cap(self) -> bool:
        """True for a word that starts with a capital letter."""
        return self.kind == "W" and self.text[:1].isupper()

    @property
    def possessive(self) -> bool:
        """True for a word ending in 's (Trump's)."""
        return self.kind == "W" and self.text.replace("’", "'").endswith("'s")


def tokenize(text: str, lo: int, hi: int, quotes: list[MarkSpan], first_quote: int) -> list[Token]:
    """Tokens of ``text[lo:hi]``; ``quotes`` (sorted, inside the range) become Q tokens.

    ``first_quote`` is the index of ``quotes[0]`` among all the article's quotes.
    """
    tokens: list[Token] = []
    pos = lo
    for n, q in enumerate(quotes):
        outer_start = q.open_mark
        outer_end = q.outer_end if q.closed else q.end
        tokens.extend(_words(text, pos, outer_start))
        tokens.append(Token(outer_start, outer_end, text[outer_start:outer_end], "Q", first_quote + n))
        pos = max(pos, outer_end)
    tokens.extend(_words(text, pos, hi))
    return tokens


def _words(text: str, lo: int, hi: int) -> list[Token]:
    out: list[Token] = []
    pos = lo
    while True:
        m = _WORD_RE.search(text, pos, hi)
        if m is None:
            return out
        s, e = m.start(), m.end()
        word = m.group()
        kind = "W" if (word[0].isalnum() or word[0] in "$#@") else "P"
        if kind == "W" and e < hi and text[e] == "." and _keeps_dot(word):
            e += 1
            word = text[s:e]
        out.append(Token(s, e, word, kind))
        pos = e


def _keeps_dot(word: str) -> bool:
    """Abbreviations and initials keep their dot (Sen., U.S., R. Gil)."""
    w = word.lower().replace("’", "'")
    return w in ABBREVIATIONS or (len(word) == 1 and word.isupper()) or ("." in word and len(word) <= 6)


def sentences(tokens: list[Token], text: str) -> list[tuple[int, int]]:
    """Sentence ranges as (first, last + 1) token indices."""
    out: list[tuple[int, int]] = []
    begin = 0
    for i, tok in enumerate(tokens):
        if _ends_sentence(tokens, i, text):
            out.append((begin, i + 1))
            begin = i + 1
    if begin < len(tokens):
        out.append((begin, len(tokens)))
    return out


def _ends_sentence(tokens: list[Token], i: int, text: str) -> bool:
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None:
        return False
    if tok.kind == "P" and tok.text in ".!?":
        return nxt.kind == "Q" or nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text in "([“\"‘"
    if tok.kind == "W" and tok.text.endswith(".") and tok.text[-2:-1].isalpha() and len(tok.text) > 2:
        # an abbreviation at the end of a sentence: "in the U.S. He said"
        return (nxt.is_cap and nxt.lower in {"he", "she", "they", "it", "we", "i", "the", "but", "and"})
    return False
