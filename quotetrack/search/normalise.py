"""Text as search compares it: case, accents, punctuation and curly marks folded away.

``fold("“We’re  READY,” he said")`` is ``"were ready he said"``: case-folded,
accents dropped, apostrophes inside words removed (so "we’re", "we're" and
"were" meet), every other mark or punctuation a word break, spaces collapsed.
``words`` gives the same words with their offsets in the original text, so
a match found on folded words points back at the article's characters.
``fts_terms`` splits text the way SQLite's unicode61 tokenizer does, for
building full-text queries; ``fts_phrase`` quotes one term so that no user
input is ever read as an FTS5 operator.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# a word: letters and digits, with apostrophes (straight or curly) inside it
_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", "'’ʼ")
_FTS_TOKEN = re.compile(r"[^\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@dataclass(frozen=True)
class Word:
    """One word of a text: its folded form and where it stands (``text[start:end]``)."""

    key: str
    start: int
    end: int


def strip_accents(text: str) -> str:
    """``text`` without combining marks ("Peña" -> "Pena"); ASCII text comes back as is."""
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def fold_word(word: str) -> str:
    """The folded form of one word: case-folded, accents and apostrophes dropped."""
    return strip_accents(word.casefold()).translate(_APOSTROPHES)


def fold(text: str) -> str:
    """The folded words of ``text`` joined by single spaces (see the module docstring).

    The keys of ``words(text)`` joined by spaces, computed on the whole
    string at once (this runs on every search candidate).
    """
    text = text.casefold().replace("'", "")
    if not text.isascii():
        text = strip_accents(text.replace("’", "").replace("ʼ", ""))
    return " ".join(_FTS_TOKEN.findall(text))


def words(text: str) -> list[Word]:
    """The words of ``text`` in order, folded, with their offsets in ``text``."""
    return [Word(fold_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def fts_terms(text: str) -> list[str]:
    """The terms SQLite's default unicode61 tokenizer makes of ``text`` (lower case, no accents)."""
    return _FTS_TOKEN.findall(strip_accents(text.casefold()))


def fts_phrase(term: str) -> str:
    """``term`` as an FTS5 string: in double quotes, inner double quotes doubled, never an operator."""
    return '"%s"' % term.replace('"', '""')
