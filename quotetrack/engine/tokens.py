"""Tokens and sentences of a paragraph, with each quotation held as one token.

Attribution reads the words *around* quotations, so a quotation (marks and
all) becomes a single ``Q`` token and sentence boundaries are found in the
narrative text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotetrack.engine.lexicon import ABBREVIATIONS, CUE_FORMS, NOT_NAMES
from quotetrack.engine.marks import MarkSpan

# (one quantified group where the old pattern nested two: the same tokens, a quarter faster)
_WORD_RE = re.compile(r"[^\W_][\w’'&]*(?:[-.][^\W_][\w’'&]*)*(?:[’']s\b)?|[$#@][\w.]+|\S", re.UNICODE)


class Token:
    """A word, a punctuation mark, or a whole quotation (kind ``Q``).

    ``lower`` is the word in lower case without a trailing dot or possessive;
    ``is_cap`` marks a capitalised word; ``possessive`` a word ending in 's;
    ``name`` a word that can be part of a name (``mentions.is_name_word``).
    """

    __slots__ = ("start", "end", "text", "kind", "quote", "lower", "is_cap", "possessive", "name")

    # (no __init__: Token() then makes one without a Python call, and its fields are
    # stored by make_token, or by _words for the many word tokens)

    def __repr__(self) -> str:
        return "Token(%r, %s)" % (self.text, self.kind)


def make_token(start: int, end: int, text: str, kind: str, quote: int = -1) -> Token:
    """A token of ``kind`` ("W" word, "P" punctuation, "Q" quotation); ``quote`` is the
    index of the quotation for a Q token."""
    tok = Token()
    tok.start = start
    tok.end = end
    tok.text = text
    tok.quote = quote
    tok.kind, tok.lower, tok.is_cap, tok.possessive, tok.name = _features(text, kind)
    return tok


@dataclass(frozen=True)
class Paragraph:
    """One line of the article, tokenised, with its sentence ranges."""

    lo: int
    hi: int
    tokens: list[Token]
    sents: list[tuple[int, int]]
    first: int  # index of its first quotation among the article's
    last: int  # one past its last quotation


def paragraphs(text: str, spans: list[MarkSpan]) -> list[Paragraph]:
    """Every non-empty line of ``text`` as a Paragraph; quotations are Q tokens."""
    out: list[Paragraph] = []
    pos = 0
    k = 0
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        first = k
        while k < len(spans) and spans[k].open_mark < hi:
            k += 1
        if not line.strip():
            continue
        tokens = tokenize(text, lo, hi, spans[first:k], first)
        out.append(Paragraph(lo, hi, tokens, sentences(tokens, text), first, k))
    return out


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
        tokens.append(make_token(outer_start, outer_end, text[outer_start:outer_end], "Q", first_quote + n))
        pos = max(pos, outer_end)
    tokens.extend(_words(text, pos, hi))
    return tokens


def _features(text: str, kind: str) -> tuple[str, str, bool, bool, bool]:
    """A token's ``(kind, lower, is_cap, possessive, name)``."""
    if kind != "W":
        # punctuation has no case: only a dot is dropped and a curly apostrophe made straight
        return kind, (text if kind == "P" else text.lower()).replace("’", "'").rstrip("."), False, False, False
    t = text.lower()
    if "’" in t:
        t = t.replace("’", "'")
    possessive = t.endswith("'s")
    if possessive:
        t = t[:-2]
    lower = t.rstrip(".") if t.endswith(".") else t
    return kind, lower, text[0].isupper(), possessive, _name_word(text, lower)


# A particle fused to the name by a hyphen or apostrophe: "al-Assad", "el-Sisi", "d'Estaing".
_FUSED_PARTICLE = re.compile(r"^(?:al|el|ul|as|ash|ad|an|ar|at|az|bin|ibn|abu|bint|d|de|di|da)[-'’][A-Z]")


def _name_word(text: str, lower: str) -> bool:
    """A word that can be part of a name: capitalised, no dateline, no sentence-initial verb
    (worked out once for each piece of text, with its other features)."""
    if not text[:1].isupper():
        # (the fused particle is in lower case, joined by a hyphen or an apostrophe)
        return ("-" in text or "'" in text or "’" in text) and _FUSED_PARTICLE.match(text) is not None
    if len(text) > 5 and text.isupper():
        return False  # a dateline (WASHINGTON —) or a shouted word, not a name
    if lower in CUE_FORMS and lower.endswith(("ing", "ed")):
        return False  # a sentence-initial verb: "Acknowledging that ...", "Asked about ..."
    return lower not in NOT_NAMES


def _words(text: str, lo: int, hi: int) -> list[Token]:
    """The word and punctuation tokens of ``text[lo:hi]``.

    The tokens of a piece of text between two spaces depend on that piece
    alone (no token spans whitespace, and a word keeps a dot only when the
    dot follows it in the same piece), and news repeats its pieces ("the",
    "said,", "Trump's"): each piece is split once (``_piece_tokens``) and its
    tokens are then copied to their offsets.
    """
    out: list[Token] = []
    append = out.append
    get = _PIECES.get
    pos = lo
    for piece in text[lo:hi].split(" "):
        toks = get(piece)
        if toks is None:
            if len(_PIECES) > 100_000:
                _PIECES.clear()  # a bound on memory in a process that reads millions of articles
            toks = _PIECES[piece] = _piece_tokens(piece)
        for s, e, word, kind, lower, is_cap, possessive, name in toks:
            # (Token() with no Python __init__, and plain stores)
            tok = Token()
            tok.start = pos + s
            tok.end = pos + e
            tok.text = word
            tok.quote = -1
            tok.kind = kind
            tok.lower = lower
            tok.is_cap = is_cap
            tok.possessive = possessive
            tok.name = name
            append(tok)
        pos += len(piece) + 1
    return out


# _words's tokens of each piece between spaces: (start, end, text, *_features) each
_PIECES: dict[str, tuple[tuple[int, int, str, str, str, bool, bool, bool], ...]] = {}


def _piece_tokens(piece: str) -> tuple[tuple[int, int, str, str, str, bool, bool, bool], ...]:
    n = len(piece)
    # (most pieces are a plain word, or one with a comma or full stop after it: their
    # tokens are the ones _WORD_RE finds, worked out without it)
    if piece.isalpha():
        return ((0, n, piece) + _features(piece, "W"),)
    if n > 1 and piece[-1] in ",.;:?!" and piece[:-1].isalpha():
        word = piece[:-1]
        if piece[-1] == "." and _keeps_dot(word):
            return ((0, n, piece) + _features(piece, "W"),)
        return ((0, n - 1, word) + _features(word, "W"), (n - 1, n, piece[-1]) + _features(piece[-1], "P"))
    out = []
    swallowed = -1  # offset of a dot an abbreviation took, so its own match is skipped
    for m in _WORD_RE.finditer(piece):
        word = m.group()
        s = m.start()
        e = s + len(word)
        c = word[0]
        if c.isalnum() or c in "$#@":
            if e < n and piece[e] == "." and _keeps_dot(word):
                swallowed = e
                e += 1
                word = piece[s:e]
            out.append((s, e, word) + _features(word, "W"))
        elif s != swallowed:
            out.append((s, e, word) + _features(word, "P"))
    return tuple(out)


def _keeps_dot(word: str) -> bool:
    """Abbreviations and initials keep their dot (Sen., U.S., R. Gil)."""
    w = word.lower().replace("’", "'")
    return w in ABBREVIATIONS or (len(word) == 1 and word.isupper()) or ("." in word and len(word) <= 6)


def sentences(tokens: list[Token], text: str) -> list[tuple[int, int]]:
    """Sentence ranges as (first, last + 1) token indices."""
    out: list[tuple[int, int]] = []
    begin = 0
    for i, tok in enumerate(tokens):
        # only a quotation, a word ending in a dot or a full stop, "!" or "?" (a
        # punctuation token is one character) can end a sentence: the test below is
        # skipped for the other nine tokens in ten
        kind = tok.kind
        if kind == "W":
            if tok.text[-1] != ".":
                continue
        elif kind == "P" and tok.text not in ".!?":
            continue
        if _ends_sentence(tokens, i, text):
            out.append((begin, i + 1))
            begin = i + 1
    if begin < len(tokens):
        out.append((begin, len(tokens)))
    return out


def _clause_ahead(tokens: list[Token], i: int) -> list[Token]:
    """Up to five tokens from ``i``, stopping at punctuation or a quotation."""
    out = []
    for t in tokens[i:i + 5]:
        if t.kind != "W":
            break
        out.append(t)
    return out


def _ends_sentence(tokens: list[Token], i: int, text: str) -> bool:
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None:
        return False
    if tok.kind == "Q" and tok.text.rstrip("”\"'’» ").endswith((".", "!", "?")):
        # “... now.” “I have been ...” or “... messages.” Gomis had ...: a quotation
        # that ends its own sentence, then another quotation or a new clause (where
        # paragraphs run together on one line); not “... now.” Gomis said.
        if nxt.kind == "Q":
            return True
        if nxt.is_cap:
            return not any(t.kind == "W" and t.lower in CUE_FORMS for t in _clause_ahead(tokens, i + 1))
    if tok.kind == "P" and tok.text in ".!?":
        return nxt.kind == "Q" or nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text in "([“\"‘"
    if tok.kind == "W" and tok.text.endswith(".") and tok.text[-2:-1].isalpha() and len(tok.text) > 2:
        # an abbreviation at the end of a sentence: "in the U.S. He said"
        return (nxt.is_cap and nxt.lower in {"he", "she", "they", "it", "we", "i", "the", "but", "and"})
    return False
